/* rd-cli-backup.c: redress-cli backup, restore and verify.
 *
 * redress-cli backup FILE
 * redress-cli restore FILE
 * redress-cli verify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-cli-private.h"

int
_rd_cli_cmd_backup (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  int status;

  g_option_context_set_summary (context,
                                _("Copy the whole store to FILE, safely while the app is open."));
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, 1, "FILE", &status))
    return status;
  /* Never over another file (a letter became a SQLite file), never a new folder. */
  if (!rd_cli_check_output_path ((*args)[1], FALSE, &error))
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);

  store = rd_cli_open_store (globals, RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (!rd_store_backup (store, (*args)[1], NULL, &error))
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  g_print (_("Backed up to %s\n"), (*args)[1]);
  return RD_CLI_EXIT_OK;
}

int
_rd_cli_cmd_restore (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *safety = NULL;
  int              status;

  g_option_context_set_summary (
      context, _("Replace the store’s content with a backup, if the backup passes verification. "
                 "The store as it was is kept first, beside it, as "
                 "STORE.before-restore-YYYYMMDDHHMMSS."));
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, 1, "FILE", &status))
    return status;

  path = rd_store_resolve_path (globals->store_path);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d%H%M%S");

      safety = g_strdup_printf ("%s.before-restore-%s", path, stamp);
    }
  store = rd_cli_open_store (globals, RD_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  /* A safety copy of the store as it is, made safely with the online backup. */
  if (safety != NULL && !rd_store_backup (store, safety, NULL, &error))
    return rd_cli_fail (RD_CLI_EXIT_FAILED,
                        _("Nothing was restored: the store could not be copied to %s first "
                          "(%s)."),
                           safety, error->message);
  if (!rd_store_restore (store, (*args)[1], &error))
    {
      if (safety != NULL)
        g_unlink (safety);
      return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
    }
  g_print (_("Restored from %s\n"), (*args)[1]);
  if (safety != NULL)
    g_print (_("The store as it was before is kept in %s\n"), safety);
  return RD_CLI_EXIT_OK;
}

int
_rd_cli_cmd_verify (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  guint64 n = 0;
  int     status;

  g_option_context_set_summary (context,
                                _("Check the store: the database, the audit trail’s hash chain "
                                  "and every document’s SHA-256."));
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, 0, "", &status))
    return status;

  store = rd_cli_open_store (globals, RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (!rd_store_verify (store, &n, &error))
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "The store is sound: %llu audit entry checked.\n",
                        "The store is sound: %llu audit entries checked.\n", (gulong) n),
           (unsigned long long) n);
  return RD_CLI_EXIT_OK;
}
