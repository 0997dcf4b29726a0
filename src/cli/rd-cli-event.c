/* rd-cli-event.c: redress-cli event, record a step of the process.
 *
 * redress-cli event REF KIND [--on DATE] [--note TEXT] [kind-specific options]
 *
 * The store asks the rules first; a step they do not allow is refused with
 * their message and a non-zero exit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-cli-private.h"

/* An option used with a kind it does not belong to is a mistake worth saying. */
static gboolean
only_for (const char        *option,
          gboolean           given,
          const char        *kind,
          const char *const *kinds,
          int               *out_status)
{
  g_autofree char *list = NULL;

  if (!given || g_strv_contains (kinds, kind))
    return TRUE;
  list = g_strjoinv (", ", (char **) kinds);
  *out_status = rd_cli_fail (RD_CLI_EXIT_USAGE, _("%s is only for %s events."), option, list);
  return FALSE;
}

int
_rd_cli_cmd_event (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("REF KIND"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(RdCase) after = NULL;
  g_autoptr(RdCaseEvent) event = NULL;
  g_autofree char *on = NULL, *note = NULL, *document = NULL, *checked_by = NULL;
  g_autofree char *reason = NULL, *notified = NULL, *reasons = NULL, *outcome = NULL;
  g_autofree char *ico_ref = NULL, *ico_due = NULL, *kinds_text = NULL, *description = NULL;
  g_autofree char *due = NULL, *summary = NULL, *question = NULL;
  g_auto(GStrv) factors = NULL;
  g_autoptr(GString) kinds = g_string_new (NULL);
  int                months = 0;
  GDate              date, other;
  const char        *kind;
  RdEventKind        parsed;
  int                status;
  const GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on,
      N_("The day it happened (default: today)"), N_("YYYY-MM-DD") },
      { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note for the timeline"), N_("TEXT") },
        { "document", 0, 0, G_OPTION_ARG_STRING, &document,
          N_("identity-verified: passport, driving-licence or other (default)"), N_("KIND") },
          { "checked-by", 0, 0, G_OPTION_ARG_STRING, &checked_by,
            N_("identity-verified: who checked it (default: you)"), N_("NAME") },
            { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
              N_("extended: why more time is needed"), N_("TEXT") },
              { "notified", 0, 0, G_OPTION_ARG_STRING, &notified,
                N_("extended: the day the complainant was told (default: the event’s day)"),
                    N_("YYYY-MM-DD") },
                { "months", 0, 0, G_OPTION_ARG_INT, &months,
                  N_("extended: one or two further months (default 2)"), N_("N") },
                  { "factor", 0, 0, G_OPTION_ARG_STRING_ARRAY, &factors,
                    N_("refused: a factor of the policy, 1–5 (repeat for more)"), N_("N") },
                    { "reasons", 0, 0, G_OPTION_ARG_STRING, &reasons,
                      N_("refused: the written reasons"), N_("TEXT") },
                      { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome,
                        N_("outcome-sent, review-outcome-sent: upheld, partly-upheld or not-upheld"),
                            N_("OUTCOME") },
                        { "summary", 0, 0, G_OPTION_ARG_STRING, &summary,
                          N_("outcome-sent, review-outcome-sent: the outcome in a few sentences, "
                             "for the letter"),
                              N_("TEXT") },
                          { "question", 0, 0, G_OPTION_ARG_STRING, &question,
                            N_("clarification-requested: what the complainant is asked, for the "
                             "letter"),
                                N_("TEXT") },
                            { "ico-ref", 0, 0, G_OPTION_ARG_STRING, &ico_ref,
                              N_("ico-notified: the ICO’s reference"), N_("REF") },
                              { "ico-due", 0, 0, G_OPTION_ARG_STRING, &ico_due,
                                N_("ico-notified: the date the ICO set for the response"),
                                    N_("YYYY-MM-DD") },
                                { NULL } };

  for (int k = RD_EVENT_ACKNOWLEDGED; k < RD_EVENT_N_KINDS; k++)
    g_string_append_printf (kinds, "%s%s", k > RD_EVENT_ACKNOWLEDGED ? ", " : "",
                            rd_event_kind_to_id (k));
  kinds_text = g_string_free (g_steal_pointer (&kinds), FALSE);
  description = g_strdup_printf (_("Kinds: %s."), kinds_text);
  g_option_context_set_summary (context, _("Record a step of a case, if the rules allow it."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, 2, "REF KIND [OPTIONS…]", &status))
    return status;
  kind = (*args)[2];
  if (!rd_event_kind_from_id (kind, &parsed) || parsed == RD_EVENT_RECEIVED)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("“%s” is not a kind of event; the kinds are %s."),
                                              kind, kinds_text);
  if (!rd_cli_get_today (on, &date, &status))
    return status;

  if (!only_for ("--document", document != NULL, kind,
                 (const char *const[]){ "identity-verified", NULL }, &status) ||
      !only_for ("--checked-by", checked_by != NULL, kind,
                 (const char *const[]){ "identity-verified", NULL }, &status) ||
      !only_for ("--reason", reason != NULL, kind, (const char *const[]){ "extended", NULL },
                 &status) ||
      !only_for ("--notified", notified != NULL, kind, (const char *const[]){ "extended", NULL },
                 &status) ||
      !only_for ("--months", months != 0, kind, (const char *const[]){ "extended", NULL },
                 &status) ||
      !only_for ("--factor", factors != NULL, kind, (const char *const[]){ "refused", NULL },
                 &status) ||
      !only_for ("--reasons", reasons != NULL, kind, (const char *const[]){ "refused", NULL },
                 &status) ||
      !only_for ("--outcome", outcome != NULL, kind,
                 (const char *const[]){ "outcome-sent", "review-outcome-sent", NULL }, &status) ||
      !only_for ("--summary", summary != NULL, kind,
                 (const char *const[]){ "outcome-sent", "review-outcome-sent", NULL }, &status) ||
      !only_for ("--question", question != NULL, kind,
                 (const char *const[]){ "clarification-requested", NULL }, &status) ||
      !only_for ("--ico-ref", ico_ref != NULL, kind, (const char *const[]){ "ico-notified", NULL },
                 &status) ||
      !only_for ("--ico-due", ico_due != NULL, kind, (const char *const[]){ "ico-notified", NULL },
                 &status))
    return status;

  if (parsed == RD_EVENT_ICO_NOTIFIED && (ico_ref == NULL || *g_strstrip (ico_ref) == '\0'))
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("ico-notified needs --ico-ref REF, the ICO’s case reference from its "
                          "letter (like IC-123456-A1B2)."));

  event = rd_case_event_new (kind, &date);
  if (note != NULL)
    rd_case_event_set_note (event, note);
  switch (parsed)
    {
      case RD_EVENT_IDENTITY_VERIFIED:
        rd_case_event_set_detail (event, RD_DETAIL_DOCUMENT, document != NULL ? document : "other");
        rd_case_event_set_detail (event, RD_DETAIL_CHECKED_BY,
                                  checked_by != NULL ? checked_by : g_get_user_name ());
        break;
      case RD_EVENT_EXTENDED:
        if (reason != NULL)
          rd_case_event_set_detail (event, RD_DETAIL_REASON, reason);
        if (notified != NULL && !rd_cli_parse_date ("--notified", notified, &other, &status))
          return status;
        rd_case_event_set_detail_date (event, RD_DETAIL_NOTIFIED,
                                       notified != NULL ? &other : &date);
        if (months < 0 || months > 2)
          return rd_cli_fail (RD_CLI_EXIT_USAGE, _("--months is 1 or 2."));
        if (months != 0)
          json_object_set_int_member (rd_case_event_get_details (event), RD_DETAIL_MONTHS, months);
        break;
      case RD_EVENT_REFUSED:
        {
          g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));

          for (guint i = 0; factors != NULL && factors[i] != NULL; i++)
            {
              guint64 n;

              if (!g_ascii_string_to_unsigned (factors[i], 10, 1, RD_REFUSAL_N_FACTORS, &n, NULL))
                return rd_cli_fail (RD_CLI_EXIT_USAGE,
                                    _("--factor is a number from 1 to 5, as the policy numbers "
                                    "its factors; “%s” is not."),
                                       factors[i]);
              g_array_append_val (numbers, (guint){ (guint) n });
            }
          if (numbers->len > 0)
            rd_case_event_set_factors (event, (const guint *) numbers->data, numbers->len);
          if (reasons != NULL)
            rd_case_event_set_detail (event, RD_DETAIL_REASONS, reasons);
        }
        break;
      case RD_EVENT_OUTCOME_SENT:
      case RD_EVENT_REVIEW_OUTCOME_SENT:
        if (outcome != NULL)
          rd_case_event_set_detail (event, RD_DETAIL_OUTCOME, outcome);
        if (summary != NULL)
          rd_case_event_set_detail (event, RD_DETAIL_SUMMARY, summary);
        break;
      case RD_EVENT_CLARIFICATION_REQUESTED:
        if (question != NULL)
          rd_case_event_set_detail (event, RD_DETAIL_QUESTION, question);
        break;
      case RD_EVENT_ICO_NOTIFIED:
        if (ico_ref != NULL)
          rd_case_event_set_detail (event, RD_DETAIL_ICO_REF, ico_ref);
        if (ico_due != NULL)
          {
            if (!rd_cli_parse_date ("--ico-due", ico_due, &other, &status))
              return status;
            rd_case_event_set_detail_date (event, RD_DETAIL_ICO_DUE, &other);
          }
        break;
      default:
        break;
    }

  store = rd_cli_open_store (globals, RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  kase = rd_store_find_case (store, (*args)[1], &error);
  if (kase == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (rd_store_add_event (store, rd_case_get_id (kase), event, &error) == 0)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);

  after = rd_store_get_case (store, rd_case_get_id (kase), NULL);
  due = rd_cli_iso (after != NULL ? rd_case_get_next_due (after) : NULL);
  g_print (_("%s: %s recorded; status %s, next due %s\n"), rd_case_get_reference (kase), kind,
              after != NULL ? rd_case_get_status (after) : "-", due);
  if (parsed == RD_EVENT_EXTENDED)
    {
      /* The rules keep the original deadline when the extension was notified after it. */
      g_autoptr(RdCaseState)
                     state = rd_store_get_case_state (store, rd_case_get_id (kase), &date, NULL);
      const RdDeadline *respond = state != NULL
                                      ? rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND)
                                      : NULL;

      if (respond != NULL && respond->extension_notified_late)
        {
          g_autofree char *original = rd_cli_iso (&respond->original_due);
          g_autofree char *told = rd_cli_iso (&respond->extension_notified_on);

          g_printerr (_("redress-cli: warning: the extension was notified on %s, after the "
                        "original deadline %s, so it does not extend it: the response was due "
                        "%s.\n"),
                         told, original, original);
        }
    }
  return RD_CLI_EXIT_OK;
}
