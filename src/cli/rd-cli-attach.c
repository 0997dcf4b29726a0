/* rd-cli-attach.c: redress-cli attach and extract, documents in and out.
 *
 * redress-cli attach REF FILE [--kind evidence|consent|identity|correspondence]
 * redress-cli extract REF NAME -o FILE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli-private.h"

int
_rd_cli_cmd_attach (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("REF FILE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(RdDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char   *kind = NULL;
  g_autofree char   *size = NULL;
  gint64             id;
  int                status;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("evidence (default), consent, identity, correspondence, letter or bundle"), N_("KIND") },
      { NULL } };

  g_option_context_set_summary (context, _("Attach a file to a case; the store keeps a copy."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, 2, "REF FILE [--kind KIND]", &status))
    return status;
  if (kind != NULL && !rd_document_kind_is_valid (kind))
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("“%s” is not a kind of document; use evidence, consent, identity, "
                          "correspondence, letter or bundle."),
                           kind);

  store = rd_cli_open_store (globals, RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  kase = rd_store_find_case (store, (*args)[1], &error);
  if (kase == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  file = g_file_new_for_commandline_arg ((*args)[2]);
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_UNKNOWN)
    return rd_cli_fail (RD_CLI_EXIT_FAILED, _("There is no file “%s”."), (*args)[2]);
  id = rd_store_add_document_from_file (store, rd_case_get_id (kase), file,
                                        kind != NULL ? kind : RD_DOCUMENT_KIND_EVIDENCE, NULL,
                                        &error);
  if (id == 0)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);

  document = rd_store_get_document (store, id, &error);
  if (document == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  size = g_format_size ((guint64) rd_document_get_size (document));
  g_print (_("%s: attached %s (%s, sha256 %s)\n"), rd_case_get_reference (kase),
              rd_document_get_name (document), size, rd_document_get_sha256 (document));
  return RD_CLI_EXIT_OK;
}

int
_rd_cli_cmd_extract (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("REF NAME"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(RdDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char   *output = NULL;
  int                status;
  const GOptionEntry entries[] = { { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
                                     N_("Write the document to FILE"), N_("FILE") }, { NULL } };

  g_option_context_set_summary (context, _("Copy a case’s document out of the store."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, 2, "REF NAME -o FILE", &status))
    return status;
  if (output == NULL)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("Say where to write it with -o FILE."));

  store = rd_cli_open_store (globals, RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  kase = rd_store_find_case (store, (*args)[1], &error);
  if (kase == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  document = rd_store_find_document (store, rd_case_get_id (kase), (*args)[2], &error);
  if (document == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  file = g_file_new_for_commandline_arg (output);
  if (!rd_store_save_document (store, rd_document_get_id (document), file, NULL, &error))
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  return RD_CLI_EXIT_OK;
}
