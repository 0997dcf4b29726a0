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

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-cli.h"
#include "rd-cli-private.h"

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
  { "bundle", N_("Make the evidence bundle for the ICO as one PDF"), _rd_cli_cmd_bundle },
  { "deadline", N_("Work out a due date in UK working days"), _rd_cli_cmd_deadline },
  { "letter", N_("Make a letter of a case as a PDF"), _rd_cli_cmd_letter },
  { "letter-template", N_("Show or set the council’s wording of a letter"), _rd_cli_cmd_letter_template },
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
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "\n  %-16s %s", commands[i].name, _(commands[i].summary));

  g_string_append_c (text, '\n');
  g_string_append (text, _("Run “redress-cli COMMAND --help” for the options of a command."));
  return g_string_free (text, FALSE);
}

static void
globals_clear (RdCliGlobals *globals)
{
  g_clear_pointer (&globals->store_path, g_free);
}

int
rd_cli_run (int argc, char **argv)
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
  description = describe_commands ();
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
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (commands[i].name, args[1]) == 0)
        {
          /* The command sees "redress-cli COMMAND" as its program name. */
          g_autofree char *prgname = g_strdup_printf ("redress-cli %s", commands[i].name);
          g_auto(GStrv) command_args = g_strdupv (args + 1);

          g_set_prgname (prgname);
          status = commands[i].func (&globals, &command_args);
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
