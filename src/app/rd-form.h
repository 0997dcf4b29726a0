/* rd-form.h: the parts every Redress dialog form is made of.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How long a dialog's save waits for another program's write to the store:
 * short, for the window is frozen meanwhile (the write is on the main
 * thread). Then back to what the store waited before. */
#define RD_FORM_SAVE_BUSY_TIMEOUT_MS 300

GtkWidget  *rd_form_section_new (GtkBox *parent, const char *title);
GtkWidget  *rd_form_add_field (GtkBox     *section,
                               const char *mnemonic_label,
                               GtkWidget  *control,
                               GtkWidget  *label_target);
GtkWidget  *rd_form_add_message (GtkBox *box);
GtkWidget  *rd_form_add_hint (GtkBox *section, const char *text);
void        rd_form_set_error (GtkWidget *control, GtkWidget *message, const char *text);
GtkWidget  *rd_form_get_message (GtkWidget *control);
const char *rd_form_get_error (GtkWidget *control);

GtkWidget *rd_form_entry_new (void);
GtkWidget *rd_form_text_view_new (int lines);
char      *rd_form_text_view_get_text (GtkWidget *scrolled);
void       rd_form_text_view_set_text (GtkWidget *scrolled, const char *text);
GtkWidget *rd_form_text_view_get_view (GtkWidget *scrolled);
GtkWidget *rd_form_choice_new (const char *const *labels);
char      *rd_form_entry_get_trimmed (GtkWidget *entry);

GtkWidget *rd_form_lookup (GtkWidget *dialog, const char *name);
void       rd_form_register (GtkWidget *dialog, const char *name, GtkWidget *control);
gboolean   rd_form_fill (GtkWidget *dialog, const char *name, const char *value);

void rd_form_set_needed (GtkWidget *label, const char *text, gboolean urgent);

void  rd_form_name_mnemonic_buttons (GtkWidget *root);
char *rd_form_strip_mnemonic (const char *label);

void rd_form_load_css (void);

G_END_DECLS
