/* rd-cli-bundle.c: redress-cli bundle, the ICO evidence bundle from a terminal.
 *
 * redress-cli bundle REF -o FILE.pdf [--withhold NAME=REASON]… [--on DATE] [--no-save]
 *
 * Makes the same bundle as the app: every document of the case, but those
 * withheld (the index gives the reason), with progress on stderr. The PDF is
 * written beside FILE and renamed into place only when complete; Ctrl+C
 * stops it and leaves nothing behind. Unless --no-save, the bundle is then
 * saved into the case's documents with its SHA-256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <glib-unix.h>
#include <unistd.h>
#endif

#include "rd-bundle-case.h"
#include "rd-cli-private.h"
#include "rd-model.h"

typedef struct
{
  GMainLoop    *loop;        /* owned */
  GCancellable *cancellable; /* owned */
  gboolean      terminal;    /* stderr is a terminal: redraw one line */
  int           last_percent;
  guint         n_pages;
  char         *sha256; /* owned */
  GError       *error;  /* owned */
} Build;

static void
progress_cb (double fraction, const char *message, gpointer user_data)
{
  Build *build = user_data;
  int    percent = (int) (fraction * 100 + 0.5);

  if (build->terminal)
    {
      /* One line, redrawn; "\033[K" clears what a longer message left. */
      g_printerr ("\r%3d%% %s\033[K", percent, message);
      return;
    }
  /* In a log, a line every tenth of the way. */
  if (percent / 10 > build->last_percent / 10 || build->last_percent < 0)
    {
      g_printerr ("%3d%% %s\n", percent, message);
      build->last_percent = percent;
    }
}

static void
written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Build *build = user_data;

  rd_bundle_write_finish (result, &build->n_pages, &build->sha256, &build->error);
  g_main_loop_quit (build->loop);
}

#ifdef G_OS_UNIX
static gboolean
interrupted_cb (gpointer user_data)
{
  Build *build = user_data;

  g_cancellable_cancel (build->cancellable);
  return G_SOURCE_CONTINUE;
}
#endif

/* Marks the documents named in "NAME=REASON" as withheld. */
static gboolean
withhold (RdBundleSpec *spec, char **withheld, GError **error)
{
  for (guint i = 0; withheld != NULL && withheld[i] != NULL; i++)
    {
      const char      *equals = strchr (withheld[i], '=');
      g_autofree char *name = NULL;
      gboolean         found = FALSE;

      if (equals == NULL || equals == withheld[i] || equals[1] == '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Give --withhold as NAME=REASON, e.g. --withhold "
                         "\"statement.pdf=third-party data\"; “%s” is not."),
                          withheld[i]);
          return FALSE;
        }
      name = g_strndup (withheld[i], equals - withheld[i]);
      for (guint d = 0; d < rd_bundle_spec_get_n_documents (spec); d++)
        if (g_strcmp0 (rd_bundle_spec_get_document_title (spec, d), name) == 0)
          {
            rd_bundle_spec_set_document_withheld (spec, d, equals + 1);
            found = TRUE;
          }
      if (!found)
        {
          g_set_error (
              error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
              _("The case has no document called “%s”; give the name as the case’s list of "
                         "documents shows it."),
                 name);
          return FALSE;
        }
    }
  return TRUE;
}

int
_rd_cli_cmd_bundle (RdCliGlobals *globals, char ***args)
{
  g_autofree char *output = NULL;
  g_autofree char *on_text = NULL;
  g_autofree char *store_path = NULL;
  g_auto(GStrv) withheld = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(RdBundleSpec) spec = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean no_save = FALSE;
  Build    build = { 0 };
  GDate    today;
  int      status;
  gint64   document_id = 0;
#ifdef G_OS_UNIX
  guint interrupt_source;
  guint terminate_source;
#endif
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the bundle to FILE"), N_("FILE") },
      { "withhold", 0, 0, G_OPTION_ARG_STRING_ARRAY, &withheld,
        N_("Leave out the document called NAME; the index gives REASON (may be repeated)"),
            N_("NAME=REASON") },
        { "on", 0, 0, G_OPTION_ARG_STRING, &on_text,
          N_("Date the bundle DATE (YYYY-MM-DD) and work the deadlines out as of then; default: today"),
              N_("DATE") },
          { "no-save", 0, 0, G_OPTION_ARG_NONE, &no_save,
            N_("Do not save the bundle into the case’s documents"), NULL },
            { NULL },
         };

  context = g_option_context_new (_("REF"));
  g_option_context_set_summary (
      context, _("Make the evidence bundle for the ICO of case REF: a cover, an index, "
                                  "the chronology, the deadlines and every document, each page "
                                  "numbered. Progress goes to stderr."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;

  if (g_strv_length (*args) != 2)
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("Give the case reference, e.g. “redress-cli bundle DPC-2026-0001 -o "
                          "bundle.pdf”."));
  if (output == NULL)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("Give the PDF file to write with -o FILE.pdf."));
  /* Before the work: the temporary file beside it must never be named. */
  if (!rd_cli_check_output_path (output, TRUE, &error))
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);

  g_date_clear (&today, 1);
  if (on_text != NULL)
    {
      if (!rd_date_parse_iso (on_text, &today, &error))
        return rd_cli_fail_error (RD_CLI_EXIT_USAGE, error);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
    }

  store_path = rd_store_resolve_path (globals->store_path);
  if ((store = rd_store_open (store_path, RD_STORE_OPEN_NO_WATCH, &error)) == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  rd_store_set_today (store, &today);
  if ((kase = rd_store_find_case (store, (*args)[1], &error)) == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if ((spec = rd_bundle_spec_new_for_case (store, kase, &today, &error)) == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (!withhold (spec, withheld, &error))
    return rd_cli_fail_error (RD_CLI_EXIT_USAGE, error);

  file = g_file_new_for_commandline_arg (output);
  build.loop = g_main_loop_new (NULL, FALSE);
  build.cancellable = g_cancellable_new ();
  build.last_percent = -1;
#ifdef G_OS_UNIX
  build.terminal = isatty (fileno (stderr));
  /* Ctrl+C, or redress-cli passing on a SIGINT or SIGTERM it received
   * (rd-cli.c): cancel, and the build removes its temporary file. Kept to
   * the end, so that a second copy of the signal (a terminal sends it to
   * both programs, and redress-cli passes its own on) cannot kill us
   * half-way through cleaning up. */
  interrupt_source = g_unix_signal_add (SIGINT, interrupted_cb, &build);
  terminate_source = g_unix_signal_add (SIGTERM, interrupted_cb, &build);
#endif

  rd_bundle_write_async (spec, file, progress_cb, &build, build.cancellable, written_cb, &build);
  g_main_loop_run (build.loop);

  if (build.terminal)
    g_printerr ("\n");

  /* Cancelled after the last page but before it was saved: nothing stays. */
  if (build.error == NULL && g_cancellable_is_cancelled (build.cancellable))
    {
      g_file_delete (file, NULL, NULL);
      g_set_error_literal (&build.error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "");
    }
  if (build.error == NULL && !no_save)
    document_id = rd_bundle_save_to_case (store, kase, file, build.sha256, NULL, &build.error);

  if (build.error != NULL)
    {
      if (g_error_matches (build.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        status = rd_cli_fail (RD_CLI_EXIT_FAILED, _("Stopped; no bundle was written."));
      else
        status = rd_cli_fail_error (RD_CLI_EXIT_FAILED, build.error);
    }
  else
    {
      g_autofree char *name = g_file_get_parse_name (file);

      /* TRANSLATORS: the file written, then its number of pages */
      g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %s (%u page).\n", "Wrote %s (%u pages).\n",
                            build.n_pages),
               name, build.n_pages);
      g_print ("SHA-256 %s\n", build.sha256);
      if (document_id > 0)
        g_print (_("Saved to the documents of case %s.\n"), rd_case_get_reference (kase));
      status = RD_CLI_EXIT_OK;
    }

#ifdef G_OS_UNIX
  g_source_remove (interrupt_source);
  g_source_remove (terminate_source);
#endif
  g_clear_error (&build.error);
  g_free (build.sha256);
  g_object_unref (build.cancellable);
  g_main_loop_unref (build.loop);
  return status;
}
