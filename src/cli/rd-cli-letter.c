/* rd-cli-letter.c: redress-cli letter, the letters as PDF from a terminal.
 *
 * redress-cli letter REF TYPE [--language en|cy] [--large-print] [--date|--on DATE]
 *                    [--summary TEXT | --question TEXT] -o FILE.pdf
 * redress-cli letter --calibration-sheet -o FILE.pdf
 *
 * Makes the same PDF as the app. Language and large print default to what
 * the case's correspondent asked for; a letter the case's state does not
 * allow yet is refused with the reason. A deadline the letter names that is
 * already past on the letter's date is warned about on stderr. The PDF is written to a temporary
 * file beside FILE and renamed into place only when complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "rd-cli-private.h"
#include "rd-letter-fields.h"
#include "rd-pdf.h"
#include "rd-model.h"

static char *
list_types (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < RD_LETTER_N_TYPES; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", rd_letter_type_to_string (i));
  return g_string_free (text, FALSE);
}

static int
write_calibration (const char *output, double dx, double dy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = rd_letter_calibration_pdf (dx, dy, &error);
  g_autoptr(GFile) file = NULL;

  if (pdf == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  file = g_file_new_for_commandline_arg (output);
  if (!rd_pdf_save_bytes (pdf, file, &error))
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  return RD_CLI_EXIT_OK;
}

int
_rd_cli_cmd_letter (RdCliGlobals *globals, char ***args)
{
  g_autofree char *language_text = NULL;
  g_autofree char *on_text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *question = NULL;
  g_auto(GStrv) past = NULL;
  g_autofree char *output = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *types = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(RdLetter) letter = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean         large_print = FALSE;
  gboolean         calibration = FALSE;
  RdLetterType     type;
  RdLetterLanguage language;
  RdLetterOptions  options = { -1, -1, NULL };
  GDate            today;
  int              status;
  /* clang-format off */
  const GOptionEntry entries[] = {
    { "language", 0, 0, G_OPTION_ARG_STRING, &language_text,
      N_("Write in en (English) or cy (Welsh); default: the correspondent’s choice"),
      N_("LANGUAGE") },
    { "large-print", 0, 0, G_OPTION_ARG_NONE, &large_print,
      N_("Large print (16 pt); default: the correspondent’s choice"), NULL },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text,
      N_("Date the letter DATE (YYYY-MM-DD) and work out the deadlines as of then; default: today"),
      N_("DATE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("The letter’s own date (YYYY-MM-DD), the same as --on; default: today"), N_("DATE") },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &summary,
      N_("outcome, review-outcome: the findings, when the step was recorded without a summary"),
      N_("TEXT") },
    { "question", 0, 0, G_OPTION_ARG_STRING, &question,
      N_("clarification-request: the question, when none is recorded"), N_("TEXT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"), N_("FILE") },
    { "calibration-sheet", 0, 0, G_OPTION_ARG_NONE, &calibration,
      N_("Instead of a letter, make a sheet to check that the address shows in the envelope window"),
      NULL },
    { NULL }
  };
  /* clang-format on */

  context = g_option_context_new (_("REF TYPE"));
  g_option_context_set_summary (context,
                                _("Make the letter of TYPE for case REF as a PDF, the same one "
                                  "the app prints."));
  types = list_types ();
  description = g_strdup_printf (_("TYPE is one of: %s."), types);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;

  if (output == NULL)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("Give the PDF file to write with -o FILE.pdf."));
  /* Before the work: the temporary file beside it must never be named. */
  {
    g_autoptr(GError) folder_error = NULL;

    if (!rd_cli_check_output_path (output, TRUE, &folder_error))
      return rd_cli_fail_error (RD_CLI_EXIT_FAILED, folder_error);
  }

  store_path = rd_store_resolve_path (globals->store_path);
  if (calibration)
    {
      g_autofree char *dx = NULL;
      g_autofree char *dy = NULL;

      if (g_strv_length (*args) > 1)
        return rd_cli_fail (RD_CLI_EXIT_USAGE,
                            _("--calibration-sheet takes no case reference or letter type."));
      /* The council's offsets if there is a store; none otherwise. */
      store = rd_store_open (store_path, RD_STORE_OPEN_NO_WATCH, NULL);
      if (store != NULL)
        {
          dx = rd_store_get_setting (store, RD_LETTER_SETTING_OFFSET_X);
          dy = rd_store_get_setting (store, RD_LETTER_SETTING_OFFSET_Y);
        }
      return write_calibration (output, dx != NULL ? g_ascii_strtod (dx, NULL) : 0.0,
                                dy != NULL ? g_ascii_strtod (dy, NULL) : 0.0);
    }

  if (g_strv_length (*args) != 3)
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("Give the case reference and the letter type, e.g. “redress-cli letter "
                          "DPC-2026-0001 acknowledgement -o letter.pdf”."));
  if (!rd_letter_type_from_string ((*args)[2], &type))
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("“%s” is not a letter type: use one of %s."),
                                              (*args)[2], types);
  if (language_text != NULL)
    {
      if (!rd_letter_language_from_string (language_text, &language))
        return rd_cli_fail (RD_CLI_EXIT_USAGE,
                            _("“%s” is not a letter language: use en (English) or cy (Welsh)."),
                               language_text);
      options.language = (int) language;
    }
  if (large_print)
    options.large_print = 1;

  if (date_text != NULL)
    {
      if (on_text != NULL && g_strcmp0 (on_text, date_text) != 0)
        return rd_cli_fail (RD_CLI_EXIT_USAGE,
                            _("--date and --on are the same option: give only one date."));
      g_free (on_text);
      on_text = g_steal_pointer (&date_text);
    }
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
  options.date = &today;

  if ((store = rd_store_open (store_path, RD_STORE_OPEN_NO_WATCH, &error)) == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  rd_store_set_today (store, &today);
  if ((kase = rd_store_find_case (store, (*args)[1], &error)) == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (summary != NULL && type != RD_LETTER_OUTCOME && type != RD_LETTER_REVIEW_OUTCOME)
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("--summary is for the outcome and review-outcome letters only."));
  if (question != NULL && type != RD_LETTER_CLARIFICATION_REQUEST)
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("--question is for the clarification-request letter only."));

  /* Composed with gaps first, so that the words the clerk gives here can
   * fill them; then again without, so that nothing is left in brackets. */
  options.placeholders = TRUE;
  if ((letter = rd_letter_new_for_case (store, kase, type, &options, &error)) == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (summary != NULL && *summary != '\0')
    rd_letter_set_field (letter, type == RD_LETTER_OUTCOME ? "outcome.details" : "review.details",
                         summary);
  if (question != NULL && *question != '\0')
    rd_letter_set_field (letter, "clarification.question", question);
  rd_letter_set_placeholders (letter, FALSE);
  if (!rd_letter_check_recorded_details (letter, kase, &error) ||
      !rd_letter_compose (letter, &error))
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);

  file = g_file_new_for_commandline_arg (output);
  if (!rd_letter_save_pdf (letter, file, &error))
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);

  /* Made, but a date it gives is already past: say so, without failing. */
  past = rd_letter_dup_past_deadlines (letter);
  for (guint i = 0; past[i] != NULL; i++)
    g_printerr (_("redress-cli: warning: %s\n"), past[i]);

  return RD_CLI_EXIT_OK;
}

/*
 * redress-cli letter-template TYPE [--language en|cy] (--show | --set FILE | --reset)
 *
 * The council's own wording for a letter, kept in the store. --set checks
 * the file first (syntax, unknown fields, fields the type must use) and
 * stores nothing if it fails, naming the field.
 */
int
_rd_cli_cmd_letter_template (RdCliGlobals *globals, char ***args)
{
  g_autofree char *language_text = NULL;
  g_autofree char *set_path = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *types = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  gboolean         show = FALSE;
  gboolean         reset = FALSE;
  RdLetterType     type;
  RdLetterLanguage language = RD_LETTER_LANGUAGE_EN;
  int              status;
  /* clang-format off */
  const GOptionEntry entries[] = {
    { "language", 0, 0, G_OPTION_ARG_STRING, &language_text,
      N_("The template in en (English, the default) or cy (Welsh)"), N_("LANGUAGE") },
    { "show", 0, 0, G_OPTION_ARG_NONE, &show,
      N_("Print the template in use: the council’s own, else the one shipped"), NULL },
    { "set", 0, 0, G_OPTION_ARG_FILENAME, &set_path,
      N_("Check the template in FILE and keep it as the council’s own"), N_("FILE") },
    { "reset", 0, 0, G_OPTION_ARG_NONE, &reset,
      N_("Go back to the template shipped with Redress"), NULL },
    { NULL }
  };
  /* clang-format on */

  context = g_option_context_new (_("TYPE"));
  g_option_context_set_summary (context, _("Show, set or reset the council’s own wording for a "
                                           "letter. docs/letters.md lists the fields."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;

  types = list_types ();
  if (g_strv_length (*args) != 2)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("Give one letter type: %s."), types);
  if (!rd_letter_type_from_string ((*args)[1], &type))
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("“%s” is not a letter type: use one of %s."),
                                              (*args)[1], types);
  if (language_text != NULL && !rd_letter_language_from_string (language_text, &language))
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("“%s” is not a letter language: use en (English) or cy (Welsh)."),
                           language_text);
  if ((show ? 1 : 0) + (reset ? 1 : 0) + (set_path != NULL ? 1 : 0) != 1)
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("Give exactly one of --show, --set FILE or --reset."));

  store_path = rd_store_resolve_path (globals->store_path);
  if ((store = rd_store_open (store_path, RD_STORE_OPEN_NO_WATCH, &error)) == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  key = rd_letter_template_setting_key (type, language);

  if (show)
    {
      g_autofree char *text = rd_store_get_setting (store, key);

      if (text == NULL || *text == '\0')
        {
          g_clear_pointer (&text, g_free);
          if ((text = rd_letter_load_default_template (type, language, &error)) == NULL)
            return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
        }
      g_print ("%s%s", text, g_str_has_suffix (text, "\n") ? "" : "\n");
      return RD_CLI_EXIT_OK;
    }

  if (reset)
    {
      if (!rd_letter_save_template_override (store, type, language, NULL, &error))
        return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
      return RD_CLI_EXIT_OK;
    }

  {
    g_autofree char *text = NULL;

    if (!g_file_get_contents (set_path, &text, NULL, &error))
      return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
    if (!rd_letter_save_template_override (store, type, language, text, &error))
      return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  }
  return RD_CLI_EXIT_OK;
}
