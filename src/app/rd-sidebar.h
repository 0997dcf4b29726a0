/* rd-sidebar.h: the views of the case list, with live counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-format.h"

G_BEGIN_DECLS

#define RD_TYPE_SIDEBAR (rd_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (RdSidebar, rd_sidebar, RD, SIDEBAR, GtkWidget)

/* Property "view" (int, an RdView) notifies when the clerk picks a view;
 * signal "activated" when they choose it with Enter or a click. */
RdView rd_sidebar_get_view (RdSidebar *self);
void   rd_sidebar_set_view (RdSidebar *self, RdView view);
/* @count < 0 hides the count (not known yet). */
void rd_sidebar_set_count (RdSidebar *self, RdView view, int count);
int  rd_sidebar_get_count (RdSidebar *self, RdView view);

G_END_DECLS
