/* rd-welcome-page.h: the first-run page, shown while no store is open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_WELCOME_PAGE (rd_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (RdWelcomePage, rd_welcome_page, RD, WELCOME_PAGE, GtkWidget)

/* Signal "changed": the council name was edited. */

/* The council name as typed, trimmed (never NULL). */
char *rd_welcome_page_dup_council_name (RdWelcomePage *self);
void  rd_welcome_page_set_council_name (RdWelcomePage *self, const char *name);
/* "england-and-wales", "scotland" or "northern-ireland". */
const char *rd_welcome_page_get_division (RdWelcomePage *self);
void        rd_welcome_page_set_division (RdWelcomePage *self, const char *division);
/* Where "Create Store" will create the store, shown to the clerk. */
void rd_welcome_page_set_path (RdWelcomePage *self, const char *path);
/* A message under the buttons (e.g. why a store could not be opened), or NULL. */
void rd_welcome_page_set_error (RdWelcomePage *self, const char *message);

G_END_DECLS
