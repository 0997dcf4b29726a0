/* rd-cli-letter.c: redress-cli letter, the letters as PDF from a terminal.
 *
 * redress-cli letter REF TYPE [--language en|cy] [--large-print] [--on DATE] -o FILE.pdf
 * redress-cli letter --calibration-sheet -o FILE.pdf
 *
 * Makes the same PDF as the app. Language and large print default to what
 * the case's correspondent asked for; a letter the case's state does not
 * allow yet is refused with the reason. The PDF is written to a temporary
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
  if ((letter = rd_letter_new_for_case (store, kase, type, &options, &error)) == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);

  file = g_file_new_for_commandline_arg (output);
  if (!rd_letter_save_pdf (letter, file, &error))
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);

  return RD_CLI_EXIT_OK;
}
