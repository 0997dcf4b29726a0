/* rd-bundle-dialog.h: make the ICO evidence bundle of a case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-model.h"

G_BEGIN_DECLS

#define RD_TYPE_BUNDLE_DIALOG (rd_bundle_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RdBundleDialog, rd_bundle_dialog, RD, BUNDLE_DIALOG, GtkWindow)

/*
 * Opens the bundle window for @kase: every document of the case, all
 * ticked; the clerk may untick one and give the reason the index will
 * show. "Make Bundle…" asks where to save it, builds it in a worker thread
 * with progress and a Stop button (the window stays responsive; a stopped
 * or failed build leaves no file), then saves it into the case's documents
 * with its SHA-256, from where "Record as Sent to the ICO" can reference it
 * on an "ico-response-sent" event.
 */
RdBundleDialog *rd_bundle_dialog_present (GtkWindow *parent, RdStore *store, RdCase *kase);

/* For tests: the documents as listed, leaving one out, and building without the file chooser. */
guint    rd_bundle_dialog_get_n_documents (RdBundleDialog *self);
void     rd_bundle_dialog_set_withheld (RdBundleDialog *self, guint document, const char *reason);
void     rd_bundle_dialog_build_to (RdBundleDialog *self, GFile *file);
gboolean rd_bundle_dialog_get_building (RdBundleDialog *self);
gint64   rd_bundle_dialog_get_document_id (RdBundleDialog *self); /* the saved bundle, or 0 */
const char *rd_bundle_dialog_get_message (RdBundleDialog *self);

G_END_DECLS
