/* rd-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-application.h"

G_BEGIN_DECLS

#define RD_TYPE_WINDOW (rd_window_get_type ())

G_DECLARE_FINAL_TYPE (RdWindow, rd_window, RD, WINDOW, GtkApplicationWindow)

RdWindow *rd_window_new (RdApplication *application);
void      rd_window_show_help (RdWindow *self, const char *page);

G_END_DECLS
