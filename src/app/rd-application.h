/* rd-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_APPLICATION (rd_application_get_type ())

G_DECLARE_FINAL_TYPE (RdApplication, rd_application, RD, APPLICATION, GtkApplication)

RdApplication *rd_application_new (const char *application_id, GApplicationFlags flags);
GSettings     *rd_application_get_settings (RdApplication *self);
const char    *rd_application_get_store_path (RdApplication *self);

typedef struct _RdWindow RdWindow;
RdWindow                *rd_application_open_window (RdApplication *self, const char *path);

typedef struct _RdStore RdStore;
char                   *rd_application_dup_deadline_summary (RdStore *store, const GDate *today);

void rd_application_trace (const char *what);

G_END_DECLS
