/* rd-letter-dialog.h: write, preview, print and send one letter of a case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-context.h"
#include "rd-letter.h"
#include "rd-model.h"

G_BEGIN_DECLS

#define RD_TYPE_LETTER_DIALOG (rd_letter_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RdLetterDialog, rd_letter_dialog, RD, LETTER_DIALOG, GtkWindow)

/*
 * Opens the letter window for @kase on the letter that fits the case's last
 * step (an outcome letter after an outcome, …); the clerk can pick another.
 * The letter is composed from the case, previewed with Poppler, editable,
 * and printed (GtkPrintOperation), saved as PDF or handed to the mail
 * program; printing or sending records it on the timeline, with the PDF
 * kept in the case's documents.
 */
RdLetterDialog *rd_letter_dialog_present (GtkWindow *parent, RdContext *context, RdCase *kase);
/* The same, opening on a letter of @type. */
RdLetterDialog *rd_letter_dialog_present_type (GtkWindow   *parent,
                                               RdContext   *context,
                                               RdCase      *kase,
                                               RdLetterType type);

/* For tests. */
RdLetter   *rd_letter_dialog_get_letter (RdLetterDialog *self);
const char *rd_letter_dialog_get_message (RdLetterDialog *self);
/* The warning about dates already past on the letter's date, or NULL. */
const char  *rd_letter_dialog_get_deadline_warning (RdLetterDialog *self);
RdLetterType rd_letter_dialog_get_letter_type (RdLetterDialog *self);
void         rd_letter_dialog_set_letter_type (RdLetterDialog *self, RdLetterType type);
/* Records the letter as sent through @channel ("post" or "email") on the
 * context's today, with the PDF as a document. */
gboolean rd_letter_dialog_record_sent (RdLetterDialog *self, const char *channel, GError **error);
/* The letter type that suits the case's latest step. */
RdLetterType rd_letter_dialog_suggest_type (GPtrArray *events);

G_END_DECLS
