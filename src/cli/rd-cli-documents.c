/* rd-cli-documents.c: the dispatcher of redress-cli-documents.
 *
 * redress-cli-documents [--store FILE] COMMAND [OPTIONS…]
 *
 * The commands of redress-cli that make PDFs, in a program of their own:
 * they link the documents layer (Poppler, Cairo, Pango and what those
 * load), which would make every other command of redress-cli slower to
 * start. redress-cli runs this program for them (rd-cli.c); it is not
 * meant to be run by hand, but works the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli.h"
#include "rd-cli-private.h"

/* The same names and summaries as in rd-cli.c's list. */
/* clang-format off */
static const RdCliCommand commands[] = {
  { "bundle", N_("Make the evidence bundle for the ICO as one PDF"), _rd_cli_cmd_bundle },
  { "letter", N_("Make a letter of a case as a PDF"), _rd_cli_cmd_letter },
  { "letter-template", N_("Show or set the council’s wording of a letter"), _rd_cli_cmd_letter_template },
};
/* clang-format on */

int
rd_cli_documents_run (int argc, char **argv)
{
  return _rd_cli_run_commands (commands, G_N_ELEMENTS (commands), argc, argv);
}
