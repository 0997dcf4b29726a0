/* rd-form.c: the parts every Redress dialog form is made of.
 *
 * A field is a label (with a mnemonic, which also gives the control its
 * accessible name), the control, and a message line under it that shows
 * what to change. The message is tied to the control: the control gets the
 * "error" style class, is marked invalid for assistive technologies, and the
 * message becomes its accessible description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rd-date-entry.h"
#include "rd-form.h"

#define MESSAGE_KEY "rd-form-message"
#define ERROR_KEY   "rd-form-error"

/* A message's slot keeps the height of @n_lines lines of its text whether
 * the message shows or not, so that nothing under it moves when it comes,
 * goes or changes (a click aimed at a field must land in it). Measured in
 * the message's own font, again when the slot is mapped (the font may have
 * changed with the desktop's text scaling). */
static void
reserve_lines (GtkWidget *label, int n_lines)
{
  GtkWidget *slot = gtk_widget_get_parent (label);
  GtkWidget *strut;
  g_autoptr(PangoLayout) layout = NULL;
  int height = 0;

  if (slot == NULL || !(gtk_widget_has_css_class (slot, "rd-dialog-needed-slot") ||
                        gtk_widget_has_css_class (slot, "rd-form-message-slot")))
    return;
  /* An empty widget beside the label holds the height: the slot's own size
   * request would count its margins in. */
  strut = gtk_widget_get_first_child (slot);
  if (strut == label)
    {
      strut = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_set_can_target (strut, FALSE);
      gtk_box_prepend (GTK_BOX (slot), strut);
    }
  layout = gtk_widget_create_pango_layout (label, n_lines > 1 ? "Ag\nAg" : "Ag");
  pango_layout_get_pixel_size (layout, NULL, &height);
  gtk_widget_set_size_request (strut, -1, height);
}

static void
needed_slot_map_cb (GtkWidget *slot, GtkWidget *label)
{
  reserve_lines (label, 2);
}

static void
message_slot_map_cb (GtkWidget *slot, GtkWidget *label)
{
  reserve_lines (label, 1);
}

/**
 * rd_form_section_new:
 * @parent: the box the section goes in
 * @title: (nullable): a heading for the section
 *
 * Returns: (transfer none): a vertical box for the section's fields
 */
GtkWidget *
rd_form_section_new (GtkBox *parent, const char *title)
{
  GtkWidget *section;

  g_return_val_if_fail (GTK_IS_BOX (parent), NULL);

  if (title != NULL)
    {
      GtkWidget *heading = gtk_label_new (title);

      gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_widget_add_css_class (heading, "rd-form-heading");
      gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2,
                                      -1);
      gtk_box_append (parent, heading);
    }

  section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (section, "rd-form-section");
  gtk_box_append (parent, section);
  return section;
}

/**
 * rd_form_add_field:
 * @section: a section from rd_form_section_new()
 * @mnemonic_label: the label, with an underscore before its access key
 * @control: the entry, drop-down or other control
 * @label_target: (nullable): the widget the label names and focuses, when
 *   it is not @control itself (the text view inside a scrolled window)
 *
 * Returns: (transfer none): the field's box
 */
GtkWidget *
rd_form_add_field (GtkBox     *section,
                   const char *mnemonic_label,
                   GtkWidget  *control,
                   GtkWidget  *label_target)
{
  GtkWidget *field;
  GtkWidget *label;
  GtkWidget *message;

  g_return_val_if_fail (GTK_IS_BOX (section), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (control), NULL);

  if (label_target == NULL)
    label_target = control;

  field = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (field, "rd-form-field");

  label = gtk_label_new_with_mnemonic (mnemonic_label);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), label_target);
  gtk_widget_add_css_class (label, "rd-form-label");
  gtk_box_append (GTK_BOX (field), label);

  gtk_box_append (GTK_BOX (field), control);

  message = rd_form_add_message (GTK_BOX (field));

  /* Both keys: the label target is what assistive technologies announce. */
  g_object_set_data (G_OBJECT (control), MESSAGE_KEY, message);
  g_object_set_data (G_OBJECT (control), "rd-form-target", label_target);
  if (label_target != control)
    g_object_set_data (G_OBJECT (label_target), MESSAGE_KEY, message);

  gtk_box_append (section, field);
  return field;
}

/**
 * rd_form_add_message:
 * @box: the box the message goes in, under its control
 *
 * Adds a hidden message line for rd_form_set_error(). Its line is kept
 * when there is no message, so that the fields under it do not move as it
 * comes and goes (a message longer than a line still adds its other lines).
 *
 * Returns: (transfer none): the message label
 */
GtkWidget *
rd_form_add_message (GtkBox *box)
{
  GtkWidget *message;
  GtkWidget *slot;

  g_return_val_if_fail (GTK_IS_BOX (box), NULL);

  message = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (message), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (message), 70);
  gtk_widget_set_hexpand (message, TRUE);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_add_css_class (message, "rd-form-message");
  gtk_widget_set_visible (message, FALSE);
  slot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (slot, "rd-form-message-slot");
  gtk_box_append (GTK_BOX (slot), message);
  g_signal_connect_object (slot, "map", G_CALLBACK (message_slot_map_cb), message, 0);
  reserve_lines (message, 1);
  gtk_box_append (box, slot);
  return message;
}

/**
 * rd_form_add_hint:
 * @section: a section
 * @text: a short explanation shown dimmed
 *
 * Returns: (transfer none): the hint label
 */
GtkWidget *
rd_form_add_hint (GtkBox *section, const char *text)
{
  GtkWidget *hint = gtk_label_new (text);

  g_return_val_if_fail (GTK_IS_BOX (section), NULL);

  gtk_label_set_xalign (GTK_LABEL (hint), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 70);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "rd-form-hint");
  gtk_box_append (section, hint);
  return hint;
}

/**
 * rd_form_get_message:
 * @control: a control added with rd_form_add_field()
 *
 * Returns: (transfer none) (nullable): the label under it
 */
GtkWidget *
rd_form_get_message (GtkWidget *control)
{
  g_return_val_if_fail (GTK_IS_WIDGET (control), NULL);

  return g_object_get_data (G_OBJECT (control), MESSAGE_KEY);
}

/**
 * rd_form_get_error:
 * @control: a control
 *
 * Returns: (nullable): the message shown under @control now, if any
 */
const char *
rd_form_get_error (GtkWidget *control)
{
  g_return_val_if_fail (GTK_IS_WIDGET (control), NULL);

  return g_object_get_data (G_OBJECT (control), ERROR_KEY);
}

/**
 * rd_form_set_error:
 * @control: the control the message is about
 * @message: (nullable): the label that shows it, or %NULL for the field's own
 * @text: (nullable): the message, or %NULL when all is well
 */
void
rd_form_set_error (GtkWidget *control, GtkWidget *message, const char *text)
{
  GtkWidget *target;

  g_return_if_fail (GTK_IS_WIDGET (control));

  if (message == NULL)
    message = rd_form_get_message (control);
  target = g_object_get_data (G_OBJECT (control), "rd-form-target");
  if (target == NULL)
    target = control;

  g_object_set_data_full (G_OBJECT (control), ERROR_KEY, g_strdup (text), g_free);

  if (text != NULL)
    {
      gtk_widget_add_css_class (control, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      text, -1);
    }
  else
    {
      gtk_widget_remove_css_class (control, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  if (message != NULL)
    {
      gtk_label_set_text (GTK_LABEL (message), text != NULL ? text : "");
      gtk_widget_set_visible (message, text != NULL);
    }
}

/**
 * rd_form_entry_new:
 *
 * Returns: (transfer floating): an entry on which Enter presses the
 *   dialog's default button (when it is sensitive)
 */
GtkWidget *
rd_form_entry_new (void)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_hexpand (entry, TRUE);
  return entry;
}

/**
 * rd_form_entry_get_trimmed:
 * @entry: a #GtkEditable
 *
 * Returns: (transfer full): its text without leading or trailing spaces
 */
char *
rd_form_entry_get_trimmed (GtkWidget *entry)
{
  g_return_val_if_fail (GTK_IS_EDITABLE (entry), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

/**
 * rd_form_text_view_new:
 * @lines: about how many lines of text show without scrolling
 *
 * Returns: (transfer floating): a framed, scrolled, wrapping text view; use
 *   rd_form_text_view_get_view() for the view itself
 */
GtkWidget *
rd_form_text_view_new (int lines)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  /* Rough line height at the default font; it grows with text scaling
   * because the view asks for its natural height up to the maximum. */
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 22 * lines);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 22 * lines * 3);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_add_css_class (scrolled, "rd-form-text");
  gtk_widget_set_hexpand (scrolled, TRUE);
  return scrolled;
}

/**
 * rd_form_text_view_get_view:
 * @scrolled: a widget from rd_form_text_view_new()
 *
 * Returns: (transfer none): the #GtkTextView in it
 */
GtkWidget *
rd_form_text_view_get_view (GtkWidget *scrolled)
{
  g_return_val_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled), NULL);

  return gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
}

/**
 * rd_form_text_view_get_text:
 * @scrolled: a widget from rd_form_text_view_new()
 *
 * Returns: (transfer full): the text, trimmed of surrounding white space
 */
char *
rd_form_text_view_get_text (GtkWidget *scrolled)
{
  GtkTextBuffer *buffer;
  GtkTextIter    start, end;

  g_return_val_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (rd_form_text_view_get_view (scrolled)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/**
 * rd_form_text_view_set_text:
 * @scrolled: a widget from rd_form_text_view_new()
 * @text: (nullable): the new text
 */
void
rd_form_text_view_set_text (GtkWidget *scrolled, const char *text)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (rd_form_text_view_get_view (scrolled)));
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
}

/**
 * rd_form_choice_new:
 * @labels: %NULL-terminated translated labels
 *
 * Returns: (transfer floating): a drop-down of @labels, the first selected
 */
GtkWidget *
rd_form_choice_new (const char *const *labels)
{
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (labels);

  gtk_widget_set_halign (drop_down, GTK_ALIGN_START);
  return drop_down;
}

/**
 * rd_form_set_needed:
 * @label: the dialog's "still needed" line, next to its save button
 * @text: (nullable): what is still needed, in words, or %NULL when nothing
 * @urgent: show it as an error (the clerk was at the field) rather than a
 *   neutral hint
 *
 * Whenever a dialog's save button is insensitive, this line says why, so
 * that a greyed-out button is never left unexplained.
 *
 * When @label is the only child of a box with the style class
 * "rd-dialog-needed-slot", that box keeps the room of two lines at all
 * times: the form under it never moves. A longer text is cut short with an
 * ellipsis; the whole of it is the line's tooltip and accessible
 * description.
 */
void
rd_form_set_needed (GtkWidget *label, const char *text, gboolean urgent)
{
  GtkWidget *slot;

  g_return_if_fail (GTK_IS_LABEL (label));

  slot = gtk_widget_get_parent (label);
  if (slot != NULL && g_object_get_data (G_OBJECT (slot), "rd-needed-slot-ready") == NULL)
    {
      g_object_set_data (G_OBJECT (slot), "rd-needed-slot-ready", GINT_TO_POINTER (1));
      g_signal_connect_object (slot, "map", G_CALLBACK (needed_slot_map_cb), label, 0);
    }
  reserve_lines (label, 2);

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, text);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_set_visible (label, text != NULL);
  if (urgent)
    {
      gtk_widget_add_css_class (label, "error");
      gtk_widget_remove_css_class (label, "rd-needed-hint");
    }
  else
    {
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "rd-needed-hint");
    }
}

/**
 * rd_form_strip_mnemonic:
 * @label: a label with an underscore before its access key ("No_t upheld")
 *
 * Returns: (transfer full): the label as read out ("Not upheld"); a doubled
 *   underscore stands for one
 */
char *
rd_form_strip_mnemonic (const char *label)
{
  GString *out;

  g_return_val_if_fail (label != NULL, NULL);

  out = g_string_sized_new (strlen (label));
  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            {
              g_string_append_c (out, '_');
              p++;
            }
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
name_button (GtkWidget *widget)
{
  const char *label = NULL;
  gboolean    underline = FALSE;

  if (GTK_IS_CHECK_BUTTON (widget))
    {
      label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
      underline = gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget));
    }
  else if (GTK_IS_BUTTON (widget))
    {
      label = gtk_button_get_label (GTK_BUTTON (widget));
      underline = gtk_button_get_use_underline (GTK_BUTTON (widget));
    }

  if (label != NULL && underline && strchr (label, '_') != NULL)
    {
      g_autofree char *name = rd_form_strip_mnemonic (label);

      /* "Choose Logo…": the dots say a window follows; read out, they are
       * noise (the tooltip or description says what happens). */
      if (g_str_has_suffix (name, "…"))
        name[strlen (name) - strlen ("…")] = '\0';
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
    }
}

/**
 * rd_form_name_mnemonic_buttons:
 * @root: a dialog, once its buttons exist
 *
 * GTK 4.8 gives a button or check button with an access key the label as
 * its accessible name underscore and all ("Lar_ge print"); this gives every
 * such button under @root its name as read out ("Large print").
 */
void
rd_form_name_mnemonic_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  name_button (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rd_form_name_mnemonic_buttons (child);
}

/**
 * rd_form_load_css:
 *
 * Adds the dialogs' style sheet to the default display, once.
 */
void
rd_form_load_css (void)
{
  static GdkDisplay *loaded_for = NULL;
  GdkDisplay        *display = gdk_display_get_default ();
  GtkCssProvider    *provider;

  if (display == NULL || display == loaded_for)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/dialogs.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (provider);
  loaded_for = display;
}

/**
 * rd_form_register:
 * @dialog: the dialog that holds the form
 * @name: a short name for the control ("postcode")
 * @control: the control
 *
 * Names a control so that tests (and the dialog itself) can find it.
 */
void
rd_form_register (GtkWidget *dialog, const char *name, GtkWidget *control)
{
  GHashTable *fields;

  g_return_if_fail (GTK_IS_WIDGET (dialog));
  g_return_if_fail (name != NULL);

  fields = g_object_get_data (G_OBJECT (dialog), "rd-form-fields");
  if (fields == NULL)
    {
      fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (dialog), "rd-form-fields", fields,
                              (GDestroyNotify) g_hash_table_unref);
    }
  g_hash_table_replace (fields, g_strdup (name), control);
}

/**
 * rd_form_lookup:
 * @dialog: a dialog
 * @name: a name given to rd_form_register()
 *
 * Returns: (transfer none) (nullable): the control
 */
GtkWidget *
rd_form_lookup (GtkWidget *dialog, const char *name)
{
  GHashTable *fields;

  g_return_val_if_fail (GTK_IS_WIDGET (dialog), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  fields = g_object_get_data (G_OBJECT (dialog), "rd-form-fields");
  return fields != NULL ? g_hash_table_lookup (fields, name) : NULL;
}

/**
 * rd_form_fill:
 * @dialog: a dialog
 * @name: a name given to rd_form_register()
 * @value: the text to type, the index of the choice ("2"), or "true" /
 *   "false" for a check button
 *
 * Fills a control as the clerk would; for tests.
 *
 * Returns: %FALSE when there is no such control
 */
gboolean
rd_form_fill (GtkWidget *dialog, const char *name, const char *value)
{
  GtkWidget *control = rd_form_lookup (dialog, name);

  g_return_val_if_fail (value != NULL, FALSE);

  if (control == NULL)
    return FALSE;

  if (RD_IS_DATE_ENTRY (control))
    rd_date_entry_set_text (RD_DATE_ENTRY (control), value);
  else if (GTK_IS_EDITABLE (control))
    gtk_editable_set_text (GTK_EDITABLE (control), value);
  else if (GTK_IS_SCROLLED_WINDOW (control))
    rd_form_text_view_set_text (control, value);
  else if (GTK_IS_DROP_DOWN (control))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (control),
                                (guint) g_ascii_strtoull (value, NULL, 10));
  else if (GTK_IS_CHECK_BUTTON (control))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (control), g_str_equal (value, "true"));
  else if (GTK_IS_TOGGLE_BUTTON (control))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (control), g_str_equal (value, "true"));
  else
    return FALSE;
  return TRUE;
}
