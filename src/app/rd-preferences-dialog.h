/* rd-preferences-dialog.h: the council's settings held in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_PREFERENCES_DIALOG (rd_preferences_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RdPreferencesDialog, rd_preferences_dialog, RD, PREFERENCES_DIALOG, GtkWindow)

/* Store keys of the envelope window adjustment, in millimetres (right and
 * down positive; at most RD_LETTER_MAX_OFFSET_MM either way), for the
 * letters: rd_letter_set_envelope_offset(). */
#define RD_SETTING_ENVELOPE_OFFSET_X "x-envelope-offset-x-mm"
#define RD_SETTING_ENVELOPE_OFFSET_Y "x-envelope-offset-y-mm"

RdPreferencesDialog *rd_preferences_dialog_new (GtkWindow *parent, RdContext *context);
RdPreferencesDialog *rd_preferences_dialog_present (GtkWindow *parent, RdContext *context);

/* The same steps as the "Choose Logo…" and "Load Bank Holidays…" buttons
 * after the file chooser; also for tests. FALSE with the message shown in
 * the dialog (and in @error) when the file is refused. */
gboolean rd_preferences_dialog_choose_logo_file (RdPreferencesDialog *self,
                                                 GFile               *file,
                                                 GError             **error);
gboolean rd_preferences_dialog_remove_logo (RdPreferencesDialog *self);
gboolean rd_preferences_dialog_load_holidays_file (RdPreferencesDialog *self,
                                                   GFile               *file,
                                                   GError             **error);

/* For tests. Fields for rd_form_lookup(): "name", "address", "email",
 * "clerk", "dpo", "division", "prefix", "ack-days", "retention-years",
 * "offset-x", "offset-y". */
gboolean    rd_preferences_dialog_can_save (RdPreferencesDialog *self);
const char *rd_preferences_dialog_get_banner (RdPreferencesDialog *self);
const char *rd_preferences_dialog_get_holidays_text (RdPreferencesDialog *self);
gboolean    rd_preferences_dialog_has_logo (RdPreferencesDialog *self);

/* "Print Calibration Sheet…": the A4 sheet (rd-print-operation.h) with the
 * offsets as typed; NULL, with the reason, if one is out of range. The
 * button runs it with GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG. */
GtkPrintOperation *rd_preferences_dialog_new_calibration_operation (RdPreferencesDialog *self,
                                                                    GError             **error);
GtkWidget         *rd_preferences_dialog_get_calibration_button (RdPreferencesDialog *self);

G_END_DECLS
