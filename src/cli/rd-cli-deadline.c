/* rd-cli-deadline.c: redress-cli deadline, the calendar rules from a terminal.
 *
 * redress-cli deadline --from YYYY-MM-DD (--working-days N | --months N) [--division D]
 *
 * Prints the due date as YYYY-MM-DD. Working days count from the day after
 * --from; months follow the calendar-month rule and roll to a working day.
 * The holidays: with --store FILE or $REDRESS_STORE naming a store that
 * exists, the store's (a newer copy of GOV.UK's file the clerk loaded, else
 * the shipped one) and the council's division unless --division is given;
 * otherwise the copy compiled into Redress, and England and Wales.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "rd-cli-private.h"
#include "rd-rules.h"

#define HOLIDAYS_RESOURCE RESOURCE_PREFIX "/data/bank-holidays.json"

/* Reads a count: digits only, no sign, no spaces, at most @max. */
static gboolean
parse_count (const char *text, guint max, guint *out_value)
{
  guint64 value;

  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return FALSE;

  *out_value = (guint) value;
  return TRUE;
}

int
_rd_cli_cmd_deadline (RdCliGlobals *globals, char ***args)
{
  g_autofree char *from_text = NULL;
  g_autofree char *working_days_text = NULL;
  g_autofree char *months_text = NULL;
  g_autofree char *division_text = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdHolidays) holidays = NULL;
  g_autoptr(RdCalendar) calendar = NULL;
  g_autoptr(RdCalendarTrace) trace = NULL;
  g_autofree char   *due_text = NULL;
  RdDivision         division = RD_DIVISION_DEFAULT;
  GDate              from;
  GDate              due;
  guint              count = 0;
  int                status;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("Count from DATE (YYYY-MM-DD)"), N_("DATE") },
      { "working-days", 0, 0, G_OPTION_ARG_STRING, &working_days_text,
        N_("Add N working days, counted from the day after DATE"), N_("N") },
        { "months", 0, 0, G_OPTION_ARG_STRING, &months_text,
          N_("Add N calendar months, then move to a working day"), N_("N") },
          { "division", 0, 0, G_OPTION_ARG_STRING, &division_text,
            N_("Bank holidays of england-and-wales, scotland or northern-ireland (default: the "
               "store's division, else england-and-wales)"),
                N_("DIVISION") },
            { NULL } };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (
      context, _("Work out a due date with the UK working-day calendar and print it as "
                 "YYYY-MM-DD."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;

  if (g_strv_length (*args) > 1)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("“deadline” takes no arguments besides its options: "
                                             "“%s” is not one."),
                                              (*args)[1]);

  if (from_text == NULL)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("Give the start date with --from YYYY-MM-DD."));
  if (!rd_date_parse_iso (from_text, &from, &error))
    return rd_cli_fail_error (RD_CLI_EXIT_USAGE, error);

  if ((working_days_text == NULL) == (months_text == NULL))
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("Give exactly one of --working-days N or --months N."));

  if (working_days_text != NULL &&
      !parse_count (working_days_text, RD_CALENDAR_MAX_WORKING_DAYS, &count))
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("--working-days takes a whole number from 0 to %u, not “%s”."),
                           RD_CALENDAR_MAX_WORKING_DAYS, working_days_text);
  if (months_text != NULL && !parse_count (months_text, RD_CALENDAR_MAX_MONTHS, &count))
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("--months takes a whole number from 0 to %u, not “%s”."),
                           RD_CALENDAR_MAX_MONTHS, months_text);

  if (division_text != NULL && !rd_division_from_id (division_text, &division))
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("“%s” is not a division: use england-and-wales, scotland or "
                          "northern-ireland."),
                           division_text);

  /* The far end of a GDate is year 65535: refuse what would run past it. */
  if (g_date_get_year (&from) >= 9000)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("--from must be a date before the year 9000."));

  /* A store named on purpose that exists: its holidays and division. */
  if (globals->store_path != NULL && g_file_test (globals->store_path, G_FILE_TEST_EXISTS))
    {
      store = rd_cli_open_store (globals, RD_STORE_OPEN_DEFAULT, &error);
      if (store == NULL)
        return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
      holidays = g_object_ref (rd_store_get_holidays (store));
      if (division_text == NULL)
        division = rd_calendar_get_division (rd_store_get_calendar (store));
    }
  else
    {
      bytes = g_resources_lookup_data (HOLIDAYS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        return rd_cli_fail (RD_CLI_EXIT_FAILED,
                            _("The bank holidays built into Redress are missing: %s"),
                               error->message);
      holidays = rd_holidays_new_from_bytes (bytes, &error);
      if (holidays == NULL)
        return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
    }

  calendar = rd_calendar_new (holidays, division);
  trace = rd_calendar_trace_new ();
  if (working_days_text != NULL)
    rd_calendar_add_working_days (calendar, &from, count, &due, trace);
  else
    rd_calendar_add_months (calendar, &from, count, &due, trace);

  due_text = rd_date_to_iso (&due);
  g_print ("%s\n", due_text);

  /* The date goes out on stdout as asked; the doubt about it on stderr. */
  if (trace->incomplete_holiday_data)
    g_printerr ("redress-cli: %s\n",
                _("Warning: the bank holiday data does not cover every year this date touches, "
                  "so it may be too early."));

  return RD_CLI_EXIT_OK;
}
