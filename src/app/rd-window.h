/* rd-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-application.h"
#include "rd-case-page.h"
#include "rd-context.h"
#include "rd-format.h"
#include "rd-sidebar.h"

G_BEGIN_DECLS

#define RD_TYPE_WINDOW (rd_window_get_type ())

G_DECLARE_FINAL_TYPE (RdWindow, rd_window, RD, WINDOW, GtkApplicationWindow)

/* A window on @context's store (the window owns no store of its own:
 * two windows on two contexts show two stores). */
RdWindow  *rd_window_new (RdApplication *application, RdContext *context);
RdContext *rd_window_get_context (RdWindow *self);
void       rd_window_show_help (RdWindow *self, const char *page);

/* Opens (or with @create, creates) the store at @path and shows it. */
gboolean rd_window_open_store (RdWindow *self, const char *path, gboolean create, GError **error);
/* With no store open: where "Create Store" on the welcome page will create one. */
void rd_window_set_new_store_path (RdWindow *self, const char *path);

/* For tests and the application. */
RdCasePage *rd_window_get_case_page (RdWindow *self);
RdSidebar  *rd_window_get_sidebar (RdWindow *self);
GListModel *rd_window_get_case_list (RdWindow *self);
GtkWidget  *rd_window_get_welcome_page (RdWindow *self);
gboolean    rd_window_select_case (RdWindow *self, gint64 case_id);
gboolean    rd_window_get_narrow (RdWindow *self);
/* "list", "case" or "views": what a narrow window shows. */
const char *rd_window_get_visible_pane (RdWindow *self);
/* The banner's text, or NULL when it is hidden. */
const char *rd_window_get_banner_text (RdWindow *self);
/* Whether the sidebar's counts are being taken or about to be (after a
 * change, they wait a moment for more); how many counts came so far. */
gboolean rd_window_get_counts_pending (RdWindow *self);
guint    rd_window_get_n_counts (RdWindow *self);
void     rd_window_set_search_text (RdWindow *self, const char *text);

G_END_DECLS
