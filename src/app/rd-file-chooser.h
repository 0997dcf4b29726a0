/* rd-file-chooser.h: choose files in a way that works in a Flatpak
 * sandbox and on Windows (portals / native dialogs).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * GtkFileDialog on GTK ≥ 4.10, GtkFileChooserNative on GTK 4.8. Each
 * function reports through @callback; the _finish functions return %NULL
 * with G_IO_ERROR_CANCELLED when the clerk dismissed the dialog (callers
 * usually stay silent then).
 *
 * @filters: (nullable): a GListModel of GtkFileFilter, the first one the
 *   default; or %NULL for every file.
 */

void   rd_file_chooser_open_async (GtkWindow          *parent,
                                   const char         *title,
                                   GListModel         *filters,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
GFile *rd_file_chooser_open_finish (GAsyncResult *result, GError **error);

void        rd_file_chooser_open_multiple_async (GtkWindow          *parent,
                                                 const char         *title,
                                                 GListModel         *filters,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
GListModel *rd_file_chooser_open_multiple_finish (GAsyncResult *result, GError **error);

void   rd_file_chooser_save_async (GtkWindow          *parent,
                                   const char         *title,
                                   const char         *initial_name,
                                   GListModel         *filters,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
GFile *rd_file_chooser_save_finish (GAsyncResult *result, GError **error);

GListModel *rd_file_chooser_filters_new (const char *name,
                                         const char *first_pattern,
                                         ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
