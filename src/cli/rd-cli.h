/* rd-cli.h: redress-cli, the same work as the app from a terminal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int rd_cli_run (int argc, char **argv);
/* redress-cli-documents: the commands that make PDFs (letter,
 * letter-template, bundle), which redress-cli runs through it. */
int rd_cli_documents_run (int argc, char **argv);

G_END_DECLS
