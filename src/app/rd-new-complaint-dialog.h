/* rd-new-complaint-dialog.h: log a complaint that has just arrived.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-context.h"
#include "rd-model.h"

G_BEGIN_DECLS

#define RD_TYPE_NEW_COMPLAINT_DIALOG (rd_new_complaint_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RdNewComplaintDialog,
                      rd_new_complaint_dialog,
                      RD,
                      NEW_COMPLAINT_DIALOG,
                      GtkWindow)

RdNewComplaintDialog *rd_new_complaint_dialog_new (GtkWindow *parent, RdContext *context);
RdNewComplaintDialog *rd_new_complaint_dialog_present (GtkWindow *parent, RdContext *context);

/* For tests: whether Create may be pressed, the message under a field, and
 * the case created (after "dialog.save" succeeded). Fields are named as in
 * rd_form_lookup(): "received", "channel", "summary", "about",
 * "identity-in-doubt", "subject-name", "subject-address", "subject-postcode",
 * "subject-email", "subject-phone", "subject-channel", "subject-language",
 * "subject-large-print", "has-representative", "authority", and
 * "representative-…" for the representative's fields. */
gboolean    rd_new_complaint_dialog_can_save (RdNewComplaintDialog *self);
const char *rd_new_complaint_dialog_get_banner (RdNewComplaintDialog *self);
RdCase     *rd_new_complaint_dialog_get_created_case (RdNewComplaintDialog *self);

G_END_DECLS
