/* rd-cli-destroy.c: redress-cli destroy and restrict.
 *
 * redress-cli destroy REF [--on DATE] [--before-retention-ends]
 * redress-cli destroy --due [--on DATE]
 * redress-cli restrict REF [--lift]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli-private.h"

int
_rd_cli_cmd_destroy (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("REF | --due"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) kase = NULL;
  g_autofree char   *on = NULL;
  gboolean           due = FALSE, early = FALSE;
  GDate              today;
  guint              n = 0;
  int                status;
  const GOptionEntry entries[] = {
    { "due", 0, 0, G_OPTION_ARG_NONE, &due,
      N_("Destroy every case whose retention period has ended"), NULL },
      { "before-retention-ends", 0, 0, G_OPTION_ARG_NONE, &early,
        N_("Destroy the case even though it must normally still be kept (an erasure request)"),
            NULL },
        { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("Take this day as today"), N_("YYYY-MM-DD") },
          { NULL } };

  g_option_context_set_summary (context,
                                _("Destroy a case for good: its events, documents and people "
                                  "(unless another case needs them). The audit trail keeps "
                                  "only the case’s number."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, due ? 0 : 1, due ? "--due" : "REF", &status))
    return status;
  if (due && early)
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("--before-retention-ends is for one case at a time."));
  if (!rd_cli_get_today (on, &today, &status))
    return status;
  /* --on may look back, never forward: the retention period cannot be cut short that way. */
  {
    GDate real_today;

    rd_cli_get_today (NULL, &real_today, NULL);
    if (g_date_compare (&today, &real_today) > 0)
      return rd_cli_fail (RD_CLI_EXIT_USAGE,
                          _("--on %s is a day still to come; cases are destroyed as of today or "
                            "an earlier day, never a later one."),
                             on);
  }

  store = rd_cli_open_store (globals, RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (due)
    {
      if (!rd_store_destroy_due (store, &today, &n, &error))
        return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Destroyed %u case\n", "Destroyed %u cases\n", n), n);
      return RD_CLI_EXIT_OK;
    }

  kase = rd_store_find_case (store, (*args)[1], &error);
  if (kase == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (!rd_store_destroy_case (
          store, rd_case_get_id (kase), &today,
          early ? RD_STORE_DESTROY_BEFORE_RETENTION_ENDS : RD_STORE_DESTROY_DEFAULT, &error))
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  g_print (_("Destroyed %s\n"), rd_case_get_reference (kase));
  return RD_CLI_EXIT_OK;
}

int
_rd_cli_cmd_restrict (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("REF"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) kase = NULL;
  gboolean           lift = FALSE;
  int                status;
  const GOptionEntry entries[] = {
    { "lift", 0, 0, G_OPTION_ARG_NONE, &lift, N_("Lift the restriction"), NULL }, { NULL }
  };

  g_option_context_set_summary (context,
                                _("Restrict processing of the data subject of a case (they "
                                  "asked for it): nothing more is recorded on their cases "
                                  "until it is lifted."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, 1, "REF [--lift]", &status))
    return status;

  store = rd_cli_open_store (globals, RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  kase = rd_store_find_case (store, (*args)[1], &error);
  if (kase == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (!rd_store_set_restricted (store, rd_person_get_id (rd_case_get_subject (kase)), !lift,
                                &error))
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  g_print (lift ? _("%s: restriction lifted\n")
                : _("%s: processing restricted\n"), rd_case_get_reference (kase));
  return RD_CLI_EXIT_OK;
}
