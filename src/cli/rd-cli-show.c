/* rd-cli-show.c: redress-cli show, one case with its deadlines and timeline.
 *
 * redress-cli show REF [--json] [--on DATE]
 *
 * The JSON is the store's (rd_store_case_to_json(); docs/store.md); the text
 * form is made from it, so the two never disagree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli-private.h"

static const char *
member (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return "-";
  return json_node_get_string (node);
}

/* "20 June 2026" from "2026-06-20" (the ISO text itself if it is not a date). */
static char *
long_date (const char *iso)
{
  GDate date;
  char  text[64];

  if (!rd_date_parse_iso (iso, &date, NULL) ||
      g_date_strftime (text, sizeof text, "%d %B %Y", &date) == 0)
    return g_strdup (iso);
  return g_strdup (text[0] == '0' ? text + 1 : text);
}

/* Address lines joined with ", " on one line. */
static char *
join_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strjoinv (", ", lines);
}

static void
print_person (const char *label, JsonObject *person)
{
  g_autofree char *address = join_lines (member (person, "address"));

  g_print ("%-15s %s\n", label, member (person, "name"));
  if (*address != '\0')
    g_print ("%-15s %s %s\n", "", address, member (person, "postcode"));
  if (*member (person, "email") != '\0')
    g_print ("%-15s %s\n", "", member (person, "email"));
  if (json_object_get_boolean_member_with_default (person, "restricted", FALSE))
    g_print ("%-15s %s\n", "", _("Processing restricted"));
}

/*
 * The next due date as the app's case list shows it (the store's cache,
 * rd-store-cases.c): the earliest due of the deadlines the council still has
 * to meet, leaving out a paused deadline (its date is provisional while the
 * clock is stopped for clarification) and retention. NULL when none is.
 */
static char *
next_due_text (RdCaseState *state)
{
  GDate    next;
  gboolean found = FALSE;

  g_date_clear (&next, 1);
  for (int k = 0; k < RD_DEADLINE_N_KINDS; k++)
    {
      const RdDeadline *deadline = rd_case_state_get_deadline (state, k);

      if (deadline == NULL || k == RD_DEADLINE_RETAIN || deadline->state == RD_DEADLINE_PAUSED ||
          !rd_deadline_is_outstanding (deadline) || !g_date_valid (&deadline->due))
        continue;
      if (!found || g_date_compare (&deadline->due, &next) < 0)
        next = deadline->due;
      found = TRUE;
    }
  if (found)
    return rd_cli_iso (&next);
  if (rd_case_state_get_clock_paused (state))
    return g_strdup (_("nothing while the clock is stopped, until the clarification arrives"));
  return g_strdup ("-");
}

static void
print_text (JsonObject *root, RdCaseState *state)
{
  g_autofree char *next_due = next_due_text (state);

  JsonObject *deadlines = json_object_get_object_member (root, "deadlines");
  JsonArray  *events = json_object_get_array_member (root, "events");
  JsonArray  *documents = json_object_get_array_member (root, "documents");
  JsonNode   *representative = json_object_get_member (root, "representative");
  g_autoptr(GList) names = json_object_get_members (deadlines);

  g_print ("%s  %s\n", member (root, "ref"), member (root, "status"));
  g_print ("%-15s %s (%s)\n", _("Received:"), member (root, "received"), member (root, "channel"));
  print_person (_("Complainant:"), json_object_get_object_member (root, "complainant"));
  if (representative != NULL && JSON_NODE_HOLDS_OBJECT (representative))
    {
      JsonObject *object = json_node_get_object (representative);

      print_person (_("Representative:"), object);
      g_print ("%-15s %s\n", "", member (object, "authority"));
    }
  if (*member (root, "summary") != '\0')
    g_print ("%-15s %s\n", _("Summary:"), member (root, "summary"));
  if (*member (root, "about") != '\0')
    g_print ("%-15s %s\n", _("About:"), member (root, "about"));

  g_print (_("Deadlines on %s:\n"), member (root, "today"));
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *deadline = json_object_get_object_member (deadlines, l->data);
      const char *met_on = member (deadline, "met_on");

      g_print ("  %-15s %-11s %-7s", (const char *) l->data, member (deadline, "due"),
               member (deadline, "phase"));
      if (g_strcmp0 (met_on, "-") != 0)
        g_print (_(" done %s"), met_on);
      if (g_strcmp0 (l->data, "acknowledge") == 0 &&
          g_strcmp0 (member (deadline, "statutory_due"), "-") != 0)
        g_print (_(" (statutory limit %s)"), member (deadline, "statutory_due"));
      if (json_object_get_boolean_member_with_default (deadline, "extension_notified_late", FALSE))
        {
          g_autofree char *notified = long_date (member (deadline, "extension_notified_on"));

          /* The extension does not count: the due date is the original one. */
          g_print (_(" (an extension was notified late, on %s)"), notified);
        }
      else if (g_strcmp0 (member (deadline, "original_due"), "-") != 0)
        g_print (_(" (extended from %s)"), member (deadline, "original_due"));
      if (json_object_get_boolean_member_with_default (deadline, "incomplete_holiday_data", FALSE))
        g_print (_(" (incomplete holiday data)"));
      g_print ("\n");
    }
  if (json_object_get_boolean_member_with_default (root, "incomplete_holiday_data", FALSE))
    g_print ("%s\n", _("Warning: a deadline above rests on incomplete bank holiday data (the data "
                       "in use does not cover every year it looks at), so it may be wrong; load "
                       "a newer copy with “redress-cli holidays load FILE”."));
  g_print ("%-15s %s\n", _("Next due:"), next_due);
  g_print ("%-15s %s\n", _("Retain until:"), member (root, "retain_until"));

  g_print (_("Events:\n"));
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject      *event = json_array_get_object_element (events, i);
      g_autofree char *note = g_strdelimit (g_strdup (member (event, "note")), "\n", ' ');

      g_print ("  %s  %-24s %s\n", member (event, "on"), member (event, "kind"), note);
    }
  if (json_array_get_length (documents) > 0)
    {
      g_print (_("Documents:\n"));
      for (guint i = 0; i < json_array_get_length (documents); i++)
        {
          JsonObject      *document = json_array_get_object_element (documents, i);
          g_autofree char *size = g_format_size (
              (guint64) json_object_get_int_member (document, "size"));

          g_print ("  %s  %s, %s, sha256 %s\n", member (document, "name"),
                   member (document, "kind"), size, member (document, "sha256"));
        }
    }
}

int
_rd_cli_cmd_show (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("REF"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char   *on = NULL;
  gboolean           json = FALSE;
  GDate              today;
  int                status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the case as JSON"), NULL },
      { "on", 0, 0, G_OPTION_ARG_STRING, &on,
        N_("Work the deadlines out as on this day"), N_("YYYY-MM-DD") }, { NULL } };

  g_option_context_set_summary (context, _("Show a case: status, deadlines, events, documents."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, 1, "REF [--json] [--on DATE]", &status))
    return status;
  if (!rd_cli_get_today (on, &today, &status))
    return status;

  store = rd_cli_open_store_for_reading (globals, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  kase = rd_store_find_case (store, (*args)[1], &error);
  if (kase == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  node = rd_store_case_to_json (store, rd_case_get_id (kase), &today, &error);
  if (node == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);

  if (json)
    rd_cli_print_json (node);
  else
    {
      g_autoptr(RdCaseState)
                     state = rd_store_get_case_state (store, rd_case_get_id (kase), &today, &error);

      if (state == NULL)
        return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
      print_text (json_node_get_object (node), state);
    }
  return RD_CLI_EXIT_OK;
}
