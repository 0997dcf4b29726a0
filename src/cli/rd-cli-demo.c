/* rd-cli-demo.c: redress-cli demo, a store full of synthetic cases.
 *
 * redress-cli demo --cases N [--seed S] [--on DATE]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli-private.h"

int
_rd_cli_cmd_demo (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autofree char   *on = NULL;
  g_autofree char   *name = NULL;
  int                cases = -1;
  gint64             seed = 1;
  gint64             start;
  GDate              today;
  int                status;
  const GOptionEntry entries[] = {
    { "cases", 0, 0, G_OPTION_ARG_INT, &cases, N_("How many cases to make (required)"), N_("N") },
      { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
        N_("The same seed makes the same cases (default 1)"), N_("S") },
        { "on", 0, 0, G_OPTION_ARG_STRING, &on,
          N_("The day the six years of cases end on (default: today)"), N_("YYYY-MM-DD") },
          { NULL } };

  g_option_context_set_summary (context,
                                _("Fill a store with realistic synthetic cases, for trying "
                                  "Redress out and for benchmarks. Never use it on a real "
                                  "council’s store."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, 0, "--cases N [--seed S] [--on DATE]", &status))
    return status;
  if (cases < 0 || cases > 10000000)
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("Say how many cases with --cases N (up to ten million)."));
  if (seed < 0 || seed > G_MAXUINT32)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("--seed is a whole number from 0 to 4294967295."));
  if (!rd_cli_get_today (on, &today, &status))
    return status;

  store = rd_cli_open_store (globals, RD_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  name = rd_store_get_setting (store, RD_SETTING_NAME);
  if (name == NULL || *name == '\0')
    {
      if (!rd_store_set_setting (store, RD_SETTING_NAME, _("Demo Town Council"), &error) ||
                                 !rd_store_set_setting (store, RD_SETTING_CLERK,
                                                        _("Demo Clerk"), &error))
        return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
    }

  start = g_get_monotonic_time ();
  if (!rd_store_fill_demo (store, (guint) cases, (guint32) seed, &today, &error))
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Made %d demo case in %.1f s\n",
                        "Made %d demo cases in %.1f s\n", (gulong) cases),
           cases, (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  return RD_CLI_EXIT_OK;
}
