/* rd-cli-import.c: redress-cli import and export.
 *
 * redress-cli import FILE.csv
 * redress-cli export (--json|--csv) [-o FILE] [--on DATE]
 * redress-cli export --person ID|--case-subject REF --json [--with-documents] [-o FILE] [--on DATE]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-cli-private.h"

int
_rd_cli_cmd_import (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.csv"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint n = 0;
  int   status;

  g_option_context_set_summary (context,
                                _("Import cases from a spreadsheet saved as CSV. Every row is "
                                  "checked first; nothing is written unless all are right."));
  g_option_context_set_description (
      context, _("Columns (the first line names them; received and name are required): ref, "
                 "received, name, address, postcode, email, phone, preferred_channel, language, "
                 "large_print, channel, summary, about, representative, authority, acknowledged, "
                 "identity_requested, identity_verified, consent_received, outcome_sent, outcome, "
                 "closed. Dates as YYYY-MM-DD or DD/MM/YYYY. See the help for details."));
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, 1, "FILE.csv", &status))
    return status;

  file = g_file_new_for_commandline_arg ((*args)[1]);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    return rd_cli_fail (RD_CLI_EXIT_FAILED, _("“%s” could not be read: %s"), (*args)[1],
                                               error->message);

  store = rd_cli_open_store (globals, RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (!rd_store_import_csv (store, bytes, &n, &error))
    {
      g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);

      /* The one-line verdict first, then the problems one per line. */
      rd_cli_fail (RD_CLI_EXIT_FAILED, "%s", lines[0]);
      for (guint i = 1; lines[i] != NULL; i++)
        g_printerr ("%s: %s\n", (*args)[1], lines[i]);
      return RD_CLI_EXIT_FAILED;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u case\n", "Imported %u cases\n", n), n);
  return RD_CLI_EXIT_OK;
}

int
_rd_cli_cmd_export (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char   *output = NULL;
  g_autofree char   *on = NULL;
  g_autofree char   *case_subject = NULL;
  gint64             person_id = 0;
  gboolean           json = FALSE, csv = FALSE, with_documents = FALSE, audit_trail = FALSE, ok;
  GDate              today;
  int                status;
  const GOptionEntry entries[] = {
    { "person", 0, 0, G_OPTION_ARG_INT64, &person_id,
      N_("Only what is held about this person (their id), for an access request"), N_("ID") },
      { "case-subject", 0, 0, G_OPTION_ARG_STRING, &case_subject,
        N_("Only what is held about the data subject of this case"), N_("REF") },
        { "with-documents", 0, 0, G_OPTION_ARG_NONE, &with_documents,
          N_("With --person or --case-subject: include the documents' content, in base64"), NULL },
          { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Everything, as JSON"), NULL },
            { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("One row per case, as CSV"), NULL },
              { "audit-trail", 0, 0, G_OPTION_ARG_NONE, &audit_trail,
                N_("With --csv: the audit trail, one row per entry, instead of the cases (--json "
                   "always includes it)"),
                    NULL },
                { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
                  N_("Write to FILE (default: standard output)"), N_("FILE") },
                  { "on", 0, 0, G_OPTION_ARG_STRING, &on,
                    N_("Work deadlines out as on this day"), N_("YYYY-MM-DD") }, { NULL } };

  g_option_context_set_summary (context,
                                _("Export everything the store holds, for the council’s own "
                                  "use, or with --person or --case-subject everything held "
                                  "about one person, for an access or portability request. It "
                                  "is personal data: keep it safe."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (
          *args, 0,
          "(--json|--csv [--audit-trail]) [-o FILE] | --person ID|--case-subject REF --json",
          &status))
    return status;
  if (json == csv)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("Choose one of --json and --csv."));
  if (person_id != 0 && case_subject != NULL)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("Choose one of --person and --case-subject."));
  if ((person_id != 0 || case_subject != NULL) && !json)
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("What is held about one person is exported as JSON: use --json."));
  if (audit_trail && !csv)
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("--audit-trail goes with --csv; the JSON export always includes the "
                          "audit trail."));
  if (person_id < 0)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("--person takes a person’s id, a number from 1."));
  if (with_documents && person_id == 0 && case_subject == NULL)
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("--with-documents goes with --person or --case-subject."));
  if (!rd_cli_get_today (on, &today, &status))
    return status;

  store = rd_cli_open_store (globals, RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (case_subject != NULL)
    {
      g_autoptr(RdCase) kase = rd_store_find_case (store, case_subject, &error);

      if (kase == NULL)
        return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
      person_id = rd_person_get_id (rd_case_get_subject (kase));
    }
  if (person_id != 0)
    {
      /* Before any file is made: no such person leaves nothing behind. */
      g_autoptr(RdPerson) person = rd_store_get_person (store, person_id, &error);

      if (person == NULL)
        return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
    }
  if (output != NULL)
    {
      file = g_file_new_for_commandline_arg (output);
      out = G_OUTPUT_STREAM (
          g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error));
      if (out == NULL)
        return rd_cli_fail (RD_CLI_EXIT_FAILED, _("“%s” could not be written: %s"), output,
                                                   error->message);
    }
  else
    out = rd_cli_stdout_stream_new ();

  if (person_id != 0)
    ok = rd_store_export_person_json (store, person_id,
                                      with_documents ? RD_STORE_EXPORT_DOCUMENT_CONTENT
                                                     : RD_STORE_EXPORT_DEFAULT,
                                      out, &today, NULL, &error);
  else if (json)
    ok = rd_store_export_json (store, out, &today, NULL, &error);
  else if (audit_trail)
    ok = rd_store_export_audit_csv (store, out, NULL, &error);
  else
    ok = rd_store_export_csv (store, out, NULL, &error);
  if (!ok)
    {
      if (file != NULL)
        {
          g_output_stream_close (out, NULL, NULL);
          g_file_delete (file, NULL, NULL);
        }
      return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
    }
  if (!g_output_stream_close (out, NULL, &error))
    return rd_cli_fail (RD_CLI_EXIT_FAILED, _("The export could not be finished: %s"),
                                               error->message);
  return RD_CLI_EXIT_OK;
}
