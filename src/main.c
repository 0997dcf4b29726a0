/* main.c: the entry point of the Redress desktop application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rd-application.h"
#include "rd-i18n.h"

int
main (int argc, char *argv[])
{
  g_autoptr(RdApplication) app = NULL;

  rd_i18n_init ();

  g_set_application_name (_("Redress"));

  app = rd_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_COMMAND_LINE);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
