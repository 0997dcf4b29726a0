/* rd-cli.c: the command dispatcher of redress-cli.
 *
 * redress-cli [--store FILE] COMMAND [OPTIONS…]
 *
 * Each command is one function in a file of its own; this file reads the
 * global options, finds the command and hands over the rest of argv.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#endif

#include "rd-cli.h"
#include "rd-cli-private.h"

#ifdef G_OS_WIN32
#define DOCUMENTS_PROGRAM "redress-cli-documents.exe"
#else
#define DOCUMENTS_PROGRAM "redress-cli-documents"
#endif

/* A command without a function is run by redress-cli-documents
 * (rd-cli-documents.c): the commands that make PDFs need Poppler, Cairo and
 * Pango, whose loading would cost every other command more time than its
 * own work (docs/performance.md, "Store"). */
/* clang-format off */
static const RdCliCommand commands[] = {
  { "init", N_("Create a new case store for a council"), _rd_cli_cmd_init },
  { "council", N_("Show the council’s settings, or change one"), _rd_cli_cmd_council },
  { "add", N_("Log a new complaint and print its reference"), _rd_cli_cmd_add },
  { "show", N_("Show a case: status, deadlines, events, documents"), _rd_cli_cmd_show },
  { "list", N_("List cases, most urgent first"), _rd_cli_cmd_list },
  { "event", N_("Record a step of a case, if the rules allow it"), _rd_cli_cmd_event },
  { "person", N_("Correct the contact details of a case’s data subject or representative"), _rd_cli_cmd_person },
  { "attach", N_("Attach a file to a case"), _rd_cli_cmd_attach },
  { "extract", N_("Copy a case’s document out of the store"), _rd_cli_cmd_extract },
  { "bundle", N_("Make the evidence bundle for the ICO as one PDF"), NULL },
  { "deadline", N_("Work out a due date in UK working days"), _rd_cli_cmd_deadline },
  { "letter", N_("Make a letter of a case as a PDF"), NULL },
  { "letter-template", N_("Show or set the council’s wording of a letter"), NULL },
  { "restrict", N_("Restrict (or allow again) processing of a data subject’s data"), _rd_cli_cmd_restrict },
  { "destroy", N_("Destroy a case for good, or every case due for destruction"), _rd_cli_cmd_destroy },
  { "import", N_("Import cases from a spreadsheet saved as CSV"), _rd_cli_cmd_import },
  { "export", N_("Export everything the store holds (JSON or CSV), or all about one person (--person)"), _rd_cli_cmd_export },
  { "holidays", N_("Show the bank holidays in use, or load a newer copy"), _rd_cli_cmd_holidays },
  { "backup", N_("Copy the whole store to a file, safely"), _rd_cli_cmd_backup },
  { "restore", N_("Replace the store with a verified backup"), _rd_cli_cmd_restore },
  { "verify", N_("Check the store and its audit trail"), _rd_cli_cmd_verify },
  { "demo", N_("Fill a store with synthetic cases to try Redress"), _rd_cli_cmd_demo },
  { "version", N_("Print the version of Redress"), _rd_cli_cmd_version },
};
/* clang-format on */

/* Helpers shared by the commands. */

int
rd_cli_fail (int status, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line: a clerk's script can show it, a person can read it. */
  g_strdelimit (message, "\n", ' ');
  g_printerr ("redress-cli: %s\n", message);
  return status;
}

int
rd_cli_fail_error (int status, const GError *error)
{
  return rd_cli_fail (status, "%s", error->message);
}

/*
 * Parses a command's options. Returns -1 to go on, or the exit status when
 * parsing failed (usage) or --help was printed (success).
 */
int
rd_cli_parse_options (GOptionContext *context, char ***args)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, args, &error))
    {
      rd_cli_fail (RD_CLI_EXIT_USAGE, "%s", error->message);
      return RD_CLI_EXIT_USAGE;
    }

  return -1;
}

int
_rd_cli_cmd_version (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  int status;

  g_option_context_set_summary (context, _("Print the version of Redress."));
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (g_strv_length (*args) > 1)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("“version” takes no arguments."));

  g_print ("redress-cli %s\n", PACKAGE_VERSION);
  return RD_CLI_EXIT_OK;
}

static char *
describe_commands (const RdCliCommand *table, gsize n_commands)
{
  GString *text = g_string_new (_("Commands:"));

  for (gsize i = 0; i < n_commands; i++)
    g_string_append_printf (text, "\n  %-16s %s", table[i].name, _(table[i].summary));

  g_string_append_c (text, '\n');
  g_string_append (text, _("Run “redress-cli COMMAND --help” for the options of a command."));
  return g_string_free (text, FALSE);
}

static void
globals_clear (RdCliGlobals *globals)
{
  g_clear_pointer (&globals->store_path, g_free);
}

/* Where redress-cli-documents is: beside the running program (a build
 * folder; on Windows, the installation's bin folder), else where it is
 * installed. */
static char *
find_documents_program (const char *argv0)
{
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);

#ifdef G_OS_WIN32
  {
    g_autofree char *top = g_win32_get_package_installation_directory_of_module (NULL);

    g_ptr_array_add (folders, g_build_filename (top, "bin", NULL));
    g_ptr_array_add (folders, g_strdup (top));
  }
#else
  {
    g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

    if (self != NULL)
      g_ptr_array_add (folders, g_path_get_dirname (self));
  }
#endif
  if (argv0 != NULL && strpbrk (argv0, G_DIR_SEPARATOR_S "/") != NULL)
    g_ptr_array_add (folders, g_path_get_dirname (argv0));
  g_ptr_array_add (folders, g_strdup (REDRESS_LIBEXECDIR));

  for (guint i = 0; i < folders->len; i++)
    {
      g_autofree char *path = g_build_filename (folders->pdata[i], DOCUMENTS_PROGRAM, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) && !g_file_test (path, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&path);
    }

  return NULL;
}

#ifdef G_OS_UNIX
/* The helper being waited for, and a SIGINT/SIGTERM that came before it
 * was started. Only a signal handler and run_documents_program() touch
 * them. */
static volatile sig_atomic_t documents_pid;
static volatile sig_atomic_t pending_signal;

/* While redress-cli waits for its helper it does not stop on Ctrl+C or
 * SIGTERM: it hands the signal on, and the helper cancels its work, cleans
 * up and says so; redress-cli then exits with the helper's status. The
 * helper may be in our process group (a terminal's Ctrl+C reaches both; it
 * cancels once) or not (kill -INT <our pid>). No main loop here, so
 * sigaction() and not g_unix_signal_add(). */
static void
forward_signal (int signal_number)
{
  int saved_errno = errno;

  if (documents_pid > 0)
    kill ((pid_t) documents_pid, signal_number);
  else
    pending_signal = signal_number;
  errno = saved_errno;
}
#endif

/* Runs @args (the command name first) in redress-cli-documents, with the
 * same store, its output and input those of this process. On Windows a
 * console's Ctrl+C reaches every process attached to it, so the helper gets
 * it itself; redress-cli does nothing more there. */
static int
run_documents_program (RdCliGlobals *globals, const char *argv0, char **args)
{
  g_autofree char *program = find_documents_program (argv0);
  g_autoptr(GPtrArray) child_argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  if (program == NULL)
    return rd_cli_fail (RD_CLI_EXIT_FAILED,
                        _("“%s” needs the program %s, which is missing from this installation of "
                          "Redress; install Redress again."),
                           args[0], DOCUMENTS_PROGRAM);

  g_ptr_array_add (child_argv, program);
  if (globals->store_path != NULL)
    {
      g_ptr_array_add (child_argv, (char *) "--store");
      g_ptr_array_add (child_argv, globals->store_path);
    }
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (child_argv, args[i]);
  g_ptr_array_add (child_argv, NULL);

#ifdef G_OS_UNIX
  {
    struct sigaction action = { 0 };
    struct sigaction old_int, old_term;
    GPid             pid = 0;
    gboolean         spawned;

    /* Installed before the spawn, so that no signal is lost in between; a
     * caught signal goes back to its default in the helper at exec(). */
    action.sa_handler = forward_signal;
    sigemptyset (&action.sa_mask);
    action.sa_flags = 0; /* waitpid() is retried on EINTR */
    documents_pid = 0;
    pending_signal = 0;
    sigaction (SIGINT, &action, &old_int);
    sigaction (SIGTERM, &action, &old_term);

    spawned = g_spawn_async (NULL, (char **) child_argv->pdata, NULL,
                             G_SPAWN_CHILD_INHERITS_STDIN | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                             &pid, &error);
    if (spawned)
      {
        documents_pid = pid;
        if (pending_signal != 0)
          kill (pid, pending_signal);
        while (waitpid (pid, &wait_status, 0) < 0 && errno == EINTR)
          ;
        documents_pid = 0;
      }
    sigaction (SIGINT, &old_int, NULL);
    sigaction (SIGTERM, &old_term, NULL);
    if (!spawned)
      return rd_cli_fail (RD_CLI_EXIT_FAILED, _("Could not start %s: %s"), DOCUMENTS_PROGRAM,
                                                 error->message);
  }
#else
  if (!g_spawn_sync (NULL, (char **) child_argv->pdata, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL,
                     NULL, NULL, NULL, &wait_status, &error))
    return rd_cli_fail (RD_CLI_EXIT_FAILED, _("Could not start %s: %s"), DOCUMENTS_PROGRAM,
                                               error->message);
#endif
  if (g_spawn_check_wait_status (wait_status, &error))
    return RD_CLI_EXIT_OK;
  if (error->domain == G_SPAWN_EXIT_ERROR)
    return error->code;

  /* Killed: it could not say why itself. */
  return rd_cli_fail (RD_CLI_EXIT_FAILED, _("%s stopped before it finished: %s"),
                                             DOCUMENTS_PROGRAM, error->message);
}

/*
 * Reads the global options, finds the command in @table and runs it; a
 * command without a function runs in redress-cli-documents. For
 * redress-cli (rd_cli_run()) and redress-cli-documents
 * (rd_cli_documents_run()).
 */
int
_rd_cli_run_commands (const RdCliCommand *table, gsize n_commands, int argc, char **argv)
{
  g_auto(GStrv) args = NULL;
  g_autofree char *store = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GOptionContext) context = NULL;
  RdCliGlobals       globals = { 0 };
  int                n_args;
  int                status;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store,
      N_("Use the case store in FILE instead of the default one"), N_("FILE") }, { NULL } };

#ifdef G_OS_WIN32
  /* The UTF-8 command line; argv there is in the system code page. */
  args = g_win32_get_command_line ();
#else
  args = g_strdupv (argv);
#endif

  context = g_option_context_new (_("COMMAND [OPTIONS…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (
      context, _("Run a council’s personal data complaints from a terminal.\n"
                                  "The store is --store FILE, else $REDRESS_STORE, else the default one."));
  description = describe_commands (table, n_commands);
  g_option_context_set_description (context, description);
  /* Stop at the command name: what follows belongs to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  {
    g_autoptr(GError) error = NULL;

    if (!g_option_context_parse_strv (context, &args, &error))
      return rd_cli_fail (RD_CLI_EXIT_USAGE, "%s", error->message);
    n_args = (int) g_strv_length (args);
  }

  if (n_args < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return RD_CLI_EXIT_USAGE;
    }

  if (store != NULL)
    globals.store_path = g_steal_pointer (&store);
  else if (g_getenv ("REDRESS_STORE") != NULL && *g_getenv ("REDRESS_STORE") != '\0')
    globals.store_path = g_strdup (g_getenv ("REDRESS_STORE"));

  status = -1;
  for (gsize i = 0; i < n_commands; i++)
    {
      if (strcmp (table[i].name, args[1]) == 0)
        {
          /* The command sees "redress-cli COMMAND" as its program name. */
          g_autofree char *prgname = g_strdup_printf ("redress-cli %s", table[i].name);
          g_auto(GStrv) command_args = g_strdupv (args + 1);

          if (table[i].func == NULL)
            {
              status = run_documents_program (&globals, argc > 0 ? argv[0] : NULL, args + 1);
              break;
            }
          g_set_prgname (prgname);
          status = table[i].func (&globals, &command_args);
          break;
        }
    }

  if (status < 0)
    status = rd_cli_fail (RD_CLI_EXIT_USAGE,
                          _("“%s” is not a command; run “redress-cli --help” for the list."),
                             args[1]);

  globals_clear (&globals);
  return status;
}

int
rd_cli_run (int argc, char **argv)
{
  return _rd_cli_run_commands (commands, G_N_ELEMENTS (commands), argc, argv);
}
