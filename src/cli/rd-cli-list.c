/* rd-cli-list.c: redress-cli list, the cases matching some filters.
 *
 * redress-cli list [--status S]… [--open] [--overdue] [--due-within DAYS]
 *                  [--due-for-destruction] [--search TEXT] [--on DATE] [--json]
 *
 * Goes through RdCaseList, a page at a time, like the app's list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli-private.h"

/*
 * Whether the item's deadlines rest on incomplete holiday data: the year it
 * was received, or the year of its next due date, is not fully covered by
 * the holidays in use (rd_holidays_covers_year()).
 */
static gboolean
item_incomplete (RdStore *store, RdCaseListItem *item)
{
  RdHolidays  *holidays = rd_store_get_holidays (store);
  RdDivision   division = rd_calendar_get_division (rd_store_get_calendar (store));
  const GDate *received = rd_case_list_item_get_received (item);
  const GDate *due = rd_case_list_item_get_next_due (item);

  if (received != NULL && g_date_valid (received) &&
      !rd_holidays_covers_year (holidays, division, g_date_get_year (received)))
    return TRUE;
  return due != NULL && g_date_valid (due) &&
         !rd_holidays_covers_year (holidays, division, g_date_get_year (due));
}

int
_rd_cli_cmd_list (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCaseList) list = NULL;
  g_auto(GStrv) statuses = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_free);
  g_autofree char   *search = NULL;
  g_autofree char   *on = NULL;
  gboolean           overdue = FALSE, open_only = FALSE, destruction = FALSE, json = FALSE;
  int                due_within = G_MININT;
  GDate              today;
  int                status;
  guint              n, n_incomplete = 0;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING_ARRAY, &statuses,
      N_("Only cases in this status (repeat, or separate with commas)"), N_("STATUS") },
      { "open", 0, 0, G_OPTION_ARG_NONE, &open_only,
        N_("Only cases not closed or refused"), NULL },
        { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue,
          N_("Only cases with a deadline passed"), NULL },
          { "due-within", 0, 0, G_OPTION_ARG_INT, &due_within,
            N_("Only cases with a deadline within DAYS calendar days"), N_("DAYS") },
            { "due-for-destruction", 0, 0, G_OPTION_ARG_NONE, &destruction,
              N_("Only cases whose retention period has ended"), NULL },
              { "search", 0, 0, G_OPTION_ARG_STRING, &search,
                N_("Only cases matching words (names, references, postcodes, e-mail, notes)"),
                    N_("TEXT") },
                { "on", 0, 0, G_OPTION_ARG_STRING, &on,
                  N_("Take this day as today"), N_("YYYY-MM-DD") },
                  { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the list as JSON"), NULL },
                    { NULL } };

  g_option_context_set_summary (context, _("List cases, most urgent first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, 0, "[OPTIONS…]", &status))
    return status;
  if (!rd_cli_get_today (on, &today, &status))
    return status;
  /* G_MININT: not given. A negative number is refused, never read as "no filter". */
  if (due_within != G_MININT && (due_within < 0 || due_within > 3660))
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("--due-within takes a number of days from 0 to 3660."));
  for (guint i = 0; statuses != NULL && statuses[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (statuses[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          RdStatus parsed;

          g_strstrip (parts[j]);
          if (!rd_status_from_id (parts[j], &parsed))
            {
              g_autoptr(GString) known = g_string_new (NULL);

              for (int s = 0; s < RD_STATUS_N; s++)
                g_string_append_printf (known, "%s%s", s > 0 ? ", " : "", rd_status_to_id (s));
              return rd_cli_fail (RD_CLI_EXIT_USAGE,
                                  _("“%s” is not a status; the statuses are %s."), parts[j],
                                     known->str);
            }
          g_ptr_array_add (wanted, g_strdup (parts[j]));
        }
    }
  g_ptr_array_add (wanted, NULL);

  store = rd_cli_open_store_for_reading (globals, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);

  list = rd_case_list_new (store);
  rd_case_list_freeze (list);
  rd_case_list_set_today (list, &today);
  rd_case_list_set_statuses (list, (const char *const *) wanted->pdata);
  rd_case_list_set_open_only (list, open_only);
  rd_case_list_set_overdue (list, overdue);
  rd_case_list_set_due_within (list, due_within == G_MININT ? -1 : due_within);
  rd_case_list_set_due_for_destruction (list, destruction);
  rd_case_list_set_search (list, search);
  rd_case_list_thaw (list);
  if (rd_case_list_get_error (list) != NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, rd_case_list_get_error (list));

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RdCaseListItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
          g_autofree char *received = NULL;

          if (item == NULL)
            break;
          received = rd_date_to_iso (rd_case_list_item_get_received (item));
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "ref");
          json_builder_add_string_value (builder, rd_case_list_item_get_reference (item));
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, rd_case_list_item_get_status (item));
          json_builder_set_member_name (builder, "received");
          json_builder_add_string_value (builder, received);
          json_builder_set_member_name (builder, "complainant");
          json_builder_add_string_value (builder, rd_case_list_item_get_complainant (item));
          json_builder_set_member_name (builder, "next_due");
          if (rd_case_list_item_get_next_due (item) != NULL)
            {
              g_autofree char *due = rd_date_to_iso (rd_case_list_item_get_next_due (item));
              json_builder_add_string_value (builder, due);
            }
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "incomplete_holiday_data");
          json_builder_add_boolean_value (builder, item_incomplete (store, item));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      rd_cli_print_json (root);
      return RD_CLI_EXIT_OK;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RdCaseListItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *received = NULL;
      g_autofree char *due = NULL;

      if (item == NULL)
        break;
      received = rd_cli_iso (rd_case_list_item_get_received (item));
      due = rd_cli_iso (rd_case_list_item_get_next_due (item));
      g_print ("%-16s %-23s %-10s %-10s %s", rd_case_list_item_get_reference (item),
               rd_case_list_item_get_status (item), received, due,
               rd_case_list_item_get_complainant (item));
      if (item_incomplete (store, item))
        {
          g_print ("  %s", _("[incomplete holiday data]"));
          n_incomplete++;
        }
      g_print ("\n");
    }
  if (n_incomplete > 0)
    g_printerr ("%s\n", _("Deadlines marked “incomplete holiday data” may be wrong: the bank "
                          "holidays in use do not cover their years; load a newer copy with "
                          "“redress-cli holidays load FILE”."));
  return RD_CLI_EXIT_OK;
}
