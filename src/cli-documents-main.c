/* cli-documents-main.c: the entry point of redress-cli-documents, which
 * redress-cli runs for the commands that make PDFs (src/cli/rd-cli-documents.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include "rd-cli.h"
#include "rd-i18n.h"

int
main (int argc, char *argv[])
{
  rd_i18n_init ();

  return rd_cli_documents_run (argc, argv);
}
