/* rd-cli-holidays.c: redress-cli holidays, the bank holiday data in use.
 *
 * redress-cli holidays show [--json]
 * redress-cli holidays load FILE [--force]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli-private.h"

static int
show (RdStore *store, gboolean json)
{
  RdHolidays *holidays = rd_store_get_holidays (store);
  RdCalendar *calendar = rd_store_get_calendar (store);
  gboolean    from_store = FALSE;
  g_autoptr(GBytes) bytes = rd_store_get_holidays_json (store, &from_store);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, from_store ? "store" : "shipped");
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, rd_holidays_get_digest (holidays));
      json_builder_set_member_name (builder, "division");
      json_builder_add_string_value (builder,
                                     rd_division_to_id (rd_calendar_get_division (calendar)));
      json_builder_set_member_name (builder, "divisions");
      json_builder_begin_object (builder);
      for (int d = 0; d < RD_DIVISION_N; d++)
        {
          guint first = 0, last = 0;

          rd_holidays_get_year_range (holidays, d, &first, &last);
          json_builder_set_member_name (builder, rd_division_to_id (d));
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "first_year");
          json_builder_add_int_value (builder, first);
          json_builder_set_member_name (builder, "last_year");
          json_builder_add_int_value (builder, last);
          json_builder_set_member_name (builder, "holidays");
          json_builder_begin_array (builder);
          for (guint i = 0; i < rd_holidays_get_n_events (holidays, d); i++)
            {
              GDate            date;
              const char      *title, *notes;
              g_autofree char *iso = NULL;

              rd_holidays_get_event (holidays, d, i, &date, &title, &notes);
              iso = rd_date_to_iso (&date);
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "date");
              json_builder_add_string_value (builder, iso);
              json_builder_set_member_name (builder, "title");
              json_builder_add_string_value (builder, title);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      rd_cli_print_json (root);
      return RD_CLI_EXIT_OK;
    }

  g_print (_("Holiday data: %s (sha256 %s)\n"),
              from_store ? _("loaded into this store")
                         : _("the copy shipped with Redress"), rd_holidays_get_digest (holidays));
  g_print (_("The council’s division: %s\n"),
              rd_division_to_id (rd_calendar_get_division (calendar)));
  for (int d = 0; d < RD_DIVISION_N; d++)
    {
      guint first = 0, last = 0;

      rd_holidays_get_year_range (holidays, d, &first, &last);
      g_print ("  %-18s %u–%u, %u holidays\n", rd_division_to_id (d), first, last,
               rd_holidays_get_n_events (holidays, d));
    }
  return RD_CLI_EXIT_OK;
}

int
_rd_cli_cmd_holidays (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("show | load FILE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  gboolean           json = FALSE, force = FALSE;
  int                status;
  guint              n;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("show: print the holidays as JSON"), NULL },
      { "force", 0, 0, G_OPTION_ARG_NONE, &force,
        N_("load: load the file even if it covers fewer years than the holidays in use, or ends "
         "earlier"),
            NULL },
        { NULL } };

  g_option_context_set_summary (context,
                                _("Show the bank holidays in use, or load a newer copy of "
                                  "https://www.gov.uk/bank-holidays.json into the store."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  n = g_strv_length (*args);
  if (!((n == 2 && g_strcmp0 ((*args)[1], "show") == 0) ||
        (n == 3 && g_strcmp0 ((*args)[1], "load") == 0)))
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("Usage: %s show [--json] | load FILE [--force]."),
                                              g_get_prgname ());

  store = rd_cli_open_store (globals, RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (n == 2)
    return show (store, json);

  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg ((*args)[2]);
    g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);

    if (bytes == NULL)
      return rd_cli_fail (RD_CLI_EXIT_FAILED, _("“%s” could not be read: %s"), (*args)[2],
                                                 error->message);
    if (!rd_store_load_holidays_full (
            store, bytes, force ? RD_STORE_HOLIDAYS_FORCE : RD_STORE_HOLIDAYS_DEFAULT, &error))
      return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  }
  g_print (_("Loaded the bank holidays from %s; every case’s deadlines were worked out again.\n"),
              (*args)[2]);
  return RD_CLI_EXIT_OK;
}
