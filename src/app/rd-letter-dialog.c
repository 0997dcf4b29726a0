/* rd-letter-dialog.c: write, preview, print and send one letter of a case.
 *
 * The letter comes from the documents layer (rd_letter_new_for_case()); the
 * preview is its PDF rendered back with Poppler; printing draws the same
 * pages through RdPrintOperation. What the clerk types in the editor is the
 * letter's body from then on, and the PDF kept on the case is made from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rd-file-chooser.h"
#include "rd-form.h"
#include "rd-letter-dialog.h"
#include "rd-letter-fields.h"
#include "rd-pdf-view.h"
#include "rd-pdf.h"
#include "rd-preferences-dialog.h"
#include "rd-print-operation.h"

#define UPDATE_DELAY_MS 300

struct _RdLetterDialog
{
  GtkWindow parent_instance;

  RdContext   *context; /* owned */
  RdCase      *kase;    /* owned */
  RdLetter    *letter;  /* owned, nullable: NULL when the case does not allow it */
  RdLetterType type;
  guint        update_id;
  gboolean     filling; /* the editors are being filled: not the clerk's edits */

  /* Template children (borrowed) */
  GtkDropDown    *type_dropdown;
  GtkDropDown    *language_dropdown;
  GtkCheckButton *large_print_check;
  GtkLabel       *message_label;
  GtkEntry       *subject_entry;
  GtkTextView    *body_view;
  RdPdfView      *preview;
  GtkLabel       *zoom_label;
  GtkLabel       *pages_label;
  GtkWidget      *preferences_button;

  /* Made in code, below the message: dates the letter gives that are
   * already past on its date. */
  GtkLabel *deadline_label;
};

G_DEFINE_FINAL_TYPE (RdLetterDialog, rd_letter_dialog, GTK_TYPE_WINDOW)

/* Helpers */

static void
show_message (RdLetterDialog *self, const char *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
  /* A letter that lacks one of the council's own details (its address, the
   * clerk's name, …) names the field, "{council.address}": those are set in
   * Preferences, one press away. The field's name is never translated. */
  gtk_widget_set_visible (self->preferences_button,
                          message != NULL && (strstr (message, "{council.") != NULL ||
                                              strstr (message, "{clerk.") != NULL));
}

static void
set_sendable (RdLetterDialog *self, gboolean sendable)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "letter.print", sendable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "letter.email", sendable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "letter.record-post", sendable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "letter.save-pdf", self->letter != NULL);
}

static char *
body_text (RdLetterDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_zoom_label (RdLetterDialog *self)
{
  g_autofree char *text = g_strdup_printf (
      "%d %%", (int) (rd_pdf_view_get_zoom (self->preview) * 100 + 0.5));

  gtk_label_set_text (self->zoom_label, text);
}

/* Warns of deadlines the letter names that are already past on its date. */
static void
update_deadline_warning (RdLetterDialog *self)
{
  g_auto(GStrv) past = self->letter != NULL ? rd_letter_dup_past_deadlines (self->letter) : NULL;
  g_autofree char *text = past != NULL ? g_strjoinv ("\n", past) : NULL;

  gtk_label_set_text (self->deadline_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), text != NULL && *text != '\0');
}

/* Draws the letter as it stands into the preview. */
static void
render_preview (RdLetterDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *pages = NULL;
  int              n_pages;

  update_deadline_warning (self);
  if (self->letter == NULL)
    {
      rd_pdf_view_set_document (self->preview, NULL);
      gtk_label_set_text (self->pages_label, "");
      set_sendable (self, FALSE);
      return;
    }

  if ((pdf = rd_letter_to_pdf (self->letter, &error)) == NULL ||
      !rd_pdf_view_load_bytes (self->preview, pdf, &error))
    {
      show_message (self, error->message);
      set_sendable (self, FALSE);
      return;
    }

  n_pages = rd_pdf_view_get_n_pages (self->preview);
  pages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d page", "%d pages", n_pages), n_pages);
  gtk_label_set_text (self->pages_label, pages);

  if (rd_letter_has_placeholders (self->letter))
    {
      show_message (self, _("Write your own words in place of the parts in square brackets "
                            "before the letter goes."));
      set_sendable (self, FALSE);
    }
  else
    {
      show_message (self, NULL);
      set_sendable (self, TRUE);
    }
}

/* Makes the letter afresh from the case and the template. */
static void
compose (RdLetterDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) fresh = NULL;
  RdStore        *store = rd_context_get_store (self->context);
  RdLetterOptions options = { -1, -1, NULL, TRUE };
  GDate           today;

  g_clear_object (&self->letter);
  if (store == NULL)
    {
      show_message (self, _("No case store is open."));
      render_preview (self);
      return;
    }

  /* The case as it is now: another window may have recorded a step. */
  fresh = rd_store_get_case (store, rd_case_get_id (self->kase), NULL);
  if (fresh != NULL)
    g_set_object (&self->kase, fresh);

  rd_context_get_today (self->context, &today);
  options.date = &today;
  options.language = (int) gtk_drop_down_get_selected (self->language_dropdown);
  options.large_print = gtk_check_button_get_active (self->large_print_check) ? 1 : 0;

  self->letter = rd_letter_new_for_case (store, self->kase, self->type, &options, &error);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->subject_entry),
                         self->letter != NULL && rd_letter_get_subject (self->letter) != NULL
                             ? rd_letter_get_subject (self->letter)
                             : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            self->letter != NULL ? rd_letter_get_body (self->letter) : "", -1);
  self->filling = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->body_view), self->letter != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->subject_entry), self->letter != NULL);

  render_preview (self);
  if (error != NULL)
    show_message (self, error->message);
}

/* Sets the language and large print the correspondent asked for. */
static void
apply_preferences (RdLetterDialog *self)
{
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->language_dropdown, rd_letter_language_for_case (self->kase));
  gtk_check_button_set_active (self->large_print_check,
                               rd_letter_large_print_for_case (self->kase));
  self->filling = FALSE;
}

static RdEventKind
step_kind (RdLetterType type)
{
  switch (type)
    {
      case RD_LETTER_ACKNOWLEDGEMENT:
        return RD_EVENT_ACKNOWLEDGED;
      case RD_LETTER_IDENTITY_REQUEST:
        return RD_EVENT_IDENTITY_REQUESTED;
      case RD_LETTER_CONSENT_REQUEST:
        return RD_EVENT_CONSENT_REQUESTED;
      case RD_LETTER_CLARIFICATION_REQUEST:
        return RD_EVENT_CLARIFICATION_REQUESTED;
      case RD_LETTER_ICO_COVER:
        return RD_EVENT_ICO_RESPONSE_SENT;
      case RD_LETTER_EXTENSION:
      case RD_LETTER_OUTCOME:
      case RD_LETTER_REFUSAL:
      case RD_LETTER_REVIEW_ACKNOWLEDGEMENT:
      case RD_LETTER_REVIEW_OUTCOME:
      case RD_LETTER_N_TYPES:
      default:
        /* The step itself was recorded before its letter could be made. */
        return RD_EVENT_NOTE;
    }
}

static char *
file_name (RdLetterDialog *self)
{
  GDate            today;
  g_autofree char *date = NULL;

  rd_context_get_today (self->context, &today);
  date = rd_date_to_iso (&today);
  return g_strdup_printf ("%s-%s-%s.pdf", rd_case_get_reference (self->kase),
                          rd_letter_type_to_string (self->type), date);
}

static GListModel *
pdf_filters (void)
{
  return rd_file_chooser_filters_new (_("PDF documents"), "*.pdf", NULL);
}

/* Callbacks */

static gboolean
update_timeout_cb (gpointer user_data)
{
  RdLetterDialog  *self = RD_LETTER_DIALOG (user_data);
  g_autofree char *body = NULL;

  self->update_id = 0;
  if (self->letter == NULL)
    return G_SOURCE_REMOVE;

  body = body_text (self);
  rd_letter_set_subject (self->letter, gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)));
  rd_letter_set_body (self->letter, body);
  render_preview (self);
  return G_SOURCE_REMOVE;
}

static void
text_changed_cb (RdLetterDialog *self)
{
  if (self->filling)
    return;
  /* Keep typing smooth: redraw once the clerk pauses. */
  g_clear_handle_id (&self->update_id, g_source_remove);
  self->update_id = g_timeout_add (UPDATE_DELAY_MS, update_timeout_cb, self);
  set_sendable (self, FALSE);
}

static void
choice_changed_cb (RdLetterDialog *self)
{
  if (self->filling)
    return;
  self->type = (RdLetterType) gtk_drop_down_get_selected (self->type_dropdown);
  if (self->type >= RD_LETTER_N_TYPES)
    self->type = RD_LETTER_ACKNOWLEDGEMENT;
  compose (self);
}

static void
type_changed_cb (RdLetterDialog *self)
{
  if (self->filling)
    return;
  apply_preferences (self);
  choice_changed_cb (self);
}

static void
zoom_changed_cb (RdLetterDialog *self)
{
  update_zoom_label (self);
}

static void
print_done_cb (GtkPrintOperation *operation, GtkPrintOperationResult result, RdLetterDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_message (self, error != NULL ? error->message : _("The letter could not be printed."));
      return;
    }
  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    return;
  if (!g_object_get_data (G_OBJECT (operation), "calibration") &&
      !rd_letter_dialog_record_sent (self, "post", &error))
    show_message (self, error->message);
}

static void
run_print (RdLetterDialog *self, RdPrintOperation *operation)
{
  g_autoptr(GError) error = NULL;

  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                               GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_message (self, error->message);
}

static void
save_pdf_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RdLetterDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = rd_file_chooser_save_finish (result, &error);
  gboolean email = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "saving-for-email"));

  if (file == NULL || self->letter == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }
  if (!rd_letter_save_pdf (self->letter, file, &error))
    {
      show_message (self, error->message);
      return;
    }

  if (email)
    {
      RdPerson        *person = rd_case_get_correspondent (self->kase);
      const char      *address = person != NULL && self->type != RD_LETTER_ICO_COVER
                                     ? rd_person_get_email (person)
                                     : NULL;
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *subject = g_strdup_printf ("%s (%s)", rd_letter_get_subject (self->letter),
                                                  rd_case_get_reference (self->kase));
      g_autofree char *subject_escaped = g_uri_escape_string (subject, NULL, FALSE);
      g_autofree char *body_escaped = g_uri_escape_string (_("Please find our letter attached."),
                                                              NULL, FALSE);
      g_autofree char *address_escaped = g_uri_escape_string (address != NULL ? address : "", "@",
                                                              FALSE);
      g_autofree char *uri = g_strdup_printf ("mailto:%s?subject=%s&body=%s", address_escaped,
                                              subject_escaped, body_escaped);
      g_autofree char *message = NULL;

      /* Redress does not send e-mail: the clerk's mail program does, with
       * the PDF attached by hand. */
      if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
        {
          show_message (self, error->message);
          return;
        }
      if (!rd_letter_dialog_record_sent (self, "email", &error))
        {
          show_message (self, error->message);
          return;
        }
      message = g_strdup_printf (_("Your mail program has a new message. Attach the letter saved "
                                   "as %s and send it. The letter is recorded on the case as "
                                   "sent by e-mail."),
                                    path != NULL ? path : "");
      show_message (self, message);
    }
}

static void
save_dialog (RdLetterDialog *self, gboolean for_email)
{
  g_autofree char *name = file_name (self);
  g_autoptr(GListModel) filters = pdf_filters ();

  g_object_set_data (G_OBJECT (self), "saving-for-email", GINT_TO_POINTER (for_email));
  rd_file_chooser_save_async (GTK_WINDOW (self), for_email ? _("Save the Letter to Attach")
                                                           : _("Save a Copy as PDF"), name,
                                                                filters, NULL, save_pdf_cb,
                                                                g_object_ref (self));
}

/* The council's wording: a small window over the template of this letter
 * type and language, checked before it is kept. */

typedef struct
{
  RdLetterDialog  *dialog;  /* owned */
  GtkWindow       *window;  /* borrowed: destroyed with its widgets */
  GtkTextView     *view;    /* borrowed */
  GtkLabel        *message; /* borrowed */
  RdLetterType     type;
  RdLetterLanguage language;
} Wording;

static void
wording_free (gpointer data)
{
  Wording *wording = data;

  g_clear_object (&wording->dialog);
  g_free (wording);
}

static void
wording_finish (Wording *wording, const char *text)
{
  g_autoptr(GError) error = NULL;
  RdStore *store = rd_context_get_store (wording->dialog->context);

  if (store == NULL ||
      !rd_letter_save_template_override (store, wording->type, wording->language, text, &error))
    {
      gtk_label_set_text (wording->message,
                          error != NULL ? error->message : _("No case store is open."));
      gtk_widget_set_visible (GTK_WIDGET (wording->message), TRUE);
      return;
    }
  compose (wording->dialog);
  gtk_window_destroy (wording->window);
}

static void
wording_save_cb (GtkButton *button, Wording *wording)
{
  GtkTextBuffer   *buffer = gtk_text_view_get_buffer (wording->view);
  GtkTextIter      start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  wording_finish (wording, text);
}

static void
wording_reset_cb (GtkButton *button, Wording *wording)
{
  wording_finish (wording, NULL);
}

static char *
describe_fields (RdLetterType type)
{
  const char *const *required = rd_letter_type_get_required_fields (type);
  GString           *text = g_string_new (_("Write a field as {case.ref}. This letter must use "
                                            "{recipient.name}"));
  guint              n_fields;
  const RdLetterFieldInfo *fields = rd_letter_fields_list (&n_fields);

  for (guint i = 0; required[i] != NULL; i++)
    g_string_append_printf (text, ", {%s}", required[i]);
  g_string_append (text, _(". Fields: "));
  for (guint i = 0; i < n_fields; i++)
    g_string_append_printf (text, "%s{%s}", i > 0 ? ", " : "", fields[i].name);
  g_string_append_c (text, '.');
  g_string_append_c (text, ' ');
  g_string_append (text, _("Lines {if representative.name}, {else} and {end} keep one part for "
                           "when the field has a value (here: when a representative complains) "
                           "and another for when it has none."));
  return g_string_free (text, FALSE);
}

static void
wording_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdLetterDialog  *self = RD_LETTER_DIALOG (widget);
  RdStore         *store = rd_context_get_store (self->context);
  Wording         *wording;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *title = NULL;
  GtkWidget       *box, *header, *scroller, *button, *hint;

  if (store == NULL)
    return;

  wording = g_new0 (Wording, 1);
  wording->dialog = g_object_ref (self);
  wording->type = self->type;
  wording->language = (RdLetterLanguage) gtk_drop_down_get_selected (self->language_dropdown);
  if (wording->language >= RD_LETTER_N_LANGUAGES)
    wording->language = RD_LETTER_LANGUAGE_EN;

  key = rd_letter_template_setting_key (wording->type, wording->language);
  text = rd_store_get_setting (store, key);
  if (text == NULL || *text == '\0')
    {
      g_clear_pointer (&text, g_free);
      text = rd_letter_load_default_template (wording->type, wording->language, NULL);
    }

  wording->window = GTK_WINDOW (gtk_window_new ());
  title = g_strdup_printf (_("Wording: %s (%s)"), rd_letter_type_get_title (wording->type),
                              wording->language == RD_LETTER_LANGUAGE_CY ? _("Welsh")
                                                                         : _("English"));
  gtk_window_set_title (wording->window, title);
  gtk_window_set_transient_for (wording->window, GTK_WINDOW (self));
  gtk_window_set_modal (wording->window, TRUE);
  gtk_window_set_default_size (wording->window, 760, 600);
  g_object_set_data_full (G_OBJECT (wording->window), "rd-wording", wording, wording_free);

  header = gtk_header_bar_new ();
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (gtk_window_destroy), wording->window);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), button);
  button = gtk_button_new_with_mnemonic (_("_Keep"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_tooltip_text (button, _("Check this wording and keep it as the council’s own"));
  g_signal_connect (button, "clicked", G_CALLBACK (wording_save_cb), wording);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), button);
  button = gtk_button_new_with_mnemonic (_("_Use Redress’s Wording"));
  g_signal_connect (button, "clicked", G_CALLBACK (wording_reset_cb), wording);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), button);
  gtk_window_set_titlebar (wording->window, header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  fields = describe_fields (wording->type);
  hint = gtk_label_new (fields);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_selectable (GTK_LABEL (hint), TRUE);
  gtk_box_append (GTK_BOX (box), hint);
  wording->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (wording->message, TRUE);
  gtk_label_set_xalign (wording->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (wording->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (wording->message), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (wording->message));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_vexpand (scroller, TRUE);
  wording->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (wording->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_monospace (wording->view, TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (wording->view), text != NULL ? text : "", -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (wording->view));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_window_set_child (wording->window, box);

  /* Into the text, not the selectable list of fields above it. */
  gtk_window_set_focus (wording->window, GTK_WIDGET (wording->view));
  gtk_window_present (wording->window);
}

/* Actions */

static void
print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdLetterDialog *self = RD_LETTER_DIALOG (widget);
  g_autoptr(RdPrintOperation) operation = NULL;

  if (self->letter == NULL)
    return;
  operation = rd_print_operation_new (self->letter);
  run_print (self, operation);
}

static void
calibration_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdLetterDialog  *self = RD_LETTER_DIALOG (widget);
  RdStore         *store = rd_context_get_store (self->context);
  g_autofree char *dx = store != NULL ? rd_store_get_setting (store, RD_LETTER_SETTING_OFFSET_X)
                                      : NULL;
  g_autofree char *dy = store != NULL ? rd_store_get_setting (store, RD_LETTER_SETTING_OFFSET_Y)
                                      : NULL;
  g_autoptr(RdPrintOperation) operation = rd_print_operation_new_calibration (
      dx != NULL ? g_ascii_strtod (dx, NULL) : 0.0, dy != NULL ? g_ascii_strtod (dy, NULL) : 0.0);

  g_object_set_data (G_OBJECT (operation), "calibration", GINT_TO_POINTER (TRUE));
  run_print (self, operation);
}

static void
save_pdf_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  save_dialog (RD_LETTER_DIALOG (widget), FALSE);
}

static void
email_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  save_dialog (RD_LETTER_DIALOG (widget), TRUE);
}

static void
record_post_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdLetterDialog *self = RD_LETTER_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!rd_letter_dialog_record_sent (self, "post", &error))
    show_message (self, error->message);
}

static void
reset_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  compose (RD_LETTER_DIALOG (widget));
}

static void
zoom_in_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  rd_pdf_view_zoom_in (RD_LETTER_DIALOG (widget)->preview);
}

static void
zoom_out_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  rd_pdf_view_zoom_out (RD_LETTER_DIALOG (widget)->preview);
}

/* GObject overrides */

/* Preferences closed: the council's details may now be there. A letter
 * the clerk is editing is kept as it is. */
static void
preferences_closed_cb (RdLetterDialog *self)
{
  if (self->letter == NULL)
    compose (self);
}

static void
preferences_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdLetterDialog      *self = RD_LETTER_DIALOG (widget);
  RdPreferencesDialog *preferences = rd_preferences_dialog_present (GTK_WINDOW (self),
                                                                    self->context);

  g_return_if_fail (preferences != NULL);
  g_signal_connect_object (preferences, "destroy", G_CALLBACK (preferences_closed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
rd_letter_dialog_dispose (GObject *object)
{
  RdLetterDialog *self = RD_LETTER_DIALOG (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_LETTER_DIALOG);
  g_clear_object (&self->letter);
  g_clear_object (&self->kase);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_letter_dialog_parent_class)->dispose (object);
}

static void
rd_letter_dialog_class_init (RdLetterDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_letter_dialog_dispose;

  g_type_ensure (RD_TYPE_PDF_VIEW);
  /* A window of its own, but a dialog to assistive technologies. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/rd-letter-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdLetterDialog, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdLetterDialog, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdLetterDialog, large_print_check);
  gtk_widget_class_bind_template_child (widget_class, RdLetterDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, RdLetterDialog, subject_entry);
  gtk_widget_class_bind_template_child (widget_class, RdLetterDialog, body_view);
  gtk_widget_class_bind_template_child (widget_class, RdLetterDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, RdLetterDialog, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, RdLetterDialog, pages_label);
  gtk_widget_class_bind_template_child (widget_class, RdLetterDialog, preferences_button);

  gtk_widget_class_install_action (widget_class, "letter.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "letter.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "letter.email", NULL, email_action);
  gtk_widget_class_install_action (widget_class, "letter.record-post", NULL, record_post_action);
  gtk_widget_class_install_action (widget_class, "letter.calibration", NULL, calibration_action);
  gtk_widget_class_install_action (widget_class, "letter.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "letter.wording", NULL, wording_action);
  gtk_widget_class_install_action (widget_class, "letter.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "letter.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "letter.preferences", NULL, preferences_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "letter.print",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "letter.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "letter.zoom-out", NULL);
}

static void
rd_letter_dialog_init (RdLetterDialog *self)
{
  const char *types[RD_LETTER_N_TYPES + 1];
  const char *languages[] = { _("English"), _("Welsh (Cymraeg)"), NULL };
  g_autoptr(GtkStringList) type_list = NULL;
  g_autoptr(GtkStringList) language_list = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  rd_form_name_mnemonic_buttons (GTK_WIDGET (self));

  self->deadline_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->deadline_label, TRUE);
  gtk_label_set_xalign (self->deadline_label, 0);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->deadline_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->deadline_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dates already past"), -1);
  gtk_widget_insert_after (GTK_WIDGET (self->deadline_label),
                           gtk_widget_get_parent (GTK_WIDGET (self->message_label)),
                           GTK_WIDGET (self->message_label));

  for (guint i = 0; i < RD_LETTER_N_TYPES; i++)
    types[i] = rd_letter_type_get_title (i);
  types[RD_LETTER_N_TYPES] = NULL;
  type_list = gtk_string_list_new (types);
  language_list = gtk_string_list_new (languages);
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (type_list));
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (language_list));

  g_signal_connect_swapped (self->type_dropdown, "notify::selected", G_CALLBACK (type_changed_cb),
                            self);
  g_signal_connect_swapped (self->language_dropdown, "notify::selected",
                            G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->large_print_check, "toggled", G_CALLBACK (choice_changed_cb),
                            self);
  g_signal_connect_swapped (self->subject_entry, "changed", G_CALLBACK (text_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (text_changed_cb), self);
  g_signal_connect_swapped (self->preview, "notify::zoom", G_CALLBACK (zoom_changed_cb), self);
  update_zoom_label (self);
}

/* Public API */

RdLetterType
rd_letter_dialog_suggest_type (GPtrArray *events)
{
  static const struct
  {
    RdEventKind  kind;
    RdLetterType type;
  } map[] = {
    { RD_EVENT_OUTCOME_SENT, RD_LETTER_OUTCOME },
    { RD_EVENT_REFUSED, RD_LETTER_REFUSAL },
    { RD_EVENT_EXTENDED, RD_LETTER_EXTENSION },
    { RD_EVENT_REVIEW_REQUESTED, RD_LETTER_REVIEW_ACKNOWLEDGEMENT },
    { RD_EVENT_REVIEW_OUTCOME_SENT, RD_LETTER_REVIEW_OUTCOME },
    { RD_EVENT_ICO_NOTIFIED, RD_LETTER_ICO_COVER },
    { RD_EVENT_CLARIFICATION_REQUESTED, RD_LETTER_CLARIFICATION_REQUEST },
    { RD_EVENT_IDENTITY_REQUESTED, RD_LETTER_IDENTITY_REQUEST },
    { RD_EVENT_CONSENT_REQUESTED, RD_LETTER_CONSENT_REQUEST },
  };

  /* The latest step that has a letter of its own. */
  for (guint i = events != NULL ? events->len : 0; i > 0; i--)
    {
      RdCaseEvent *event = g_ptr_array_index (events, i - 1);
      RdEventKind  kind;

      if (!rd_event_kind_from_id (rd_case_event_get_kind (event), &kind))
        continue;
      for (gsize j = 0; j < G_N_ELEMENTS (map); j++)
        if (map[j].kind == kind)
          return map[j].type;
    }
  return RD_LETTER_ACKNOWLEDGEMENT;
}

RdLetterDialog *
rd_letter_dialog_present_type (GtkWindow   *parent,
                               RdContext   *context,
                               RdCase      *kase,
                               RdLetterType type)
{
  RdLetterDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (RD_IS_CASE (kase), NULL);
  g_return_val_if_fail (type < RD_LETTER_N_TYPES, NULL);

  self = g_object_new (RD_TYPE_LETTER_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->kase = g_object_ref (kase);
  self->type = type;

  self->filling = TRUE;
  gtk_drop_down_set_selected (self->type_dropdown, type);
  self->filling = FALSE;
  apply_preferences (self);
  compose (self);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

RdLetterDialog *
rd_letter_dialog_present (GtkWindow *parent, RdContext *context, RdCase *kase)
{
  g_autoptr(GPtrArray) events = NULL;
  RdStore *store;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (RD_IS_CASE (kase), NULL);

  store = rd_context_get_store (context);
  if (store != NULL)
    events = rd_store_list_events (store, rd_case_get_id (kase), NULL);
  return rd_letter_dialog_present_type (parent, context, kase,
                                        rd_letter_dialog_suggest_type (events));
}

RdLetter *
rd_letter_dialog_get_letter (RdLetterDialog *self)
{
  g_return_val_if_fail (RD_IS_LETTER_DIALOG (self), NULL);

  return self->letter;
}

const char *
rd_letter_dialog_get_message (RdLetterDialog *self)
{
  g_return_val_if_fail (RD_IS_LETTER_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
             ? gtk_label_get_text (self->message_label)
             : NULL;
}

/**
 * rd_letter_dialog_get_deadline_warning:
 * @self: a letter window
 *
 * Returns: (nullable): the warning shown about dates the letter gives that
 *   are already past on its date, or %NULL when none is shown
 */
const char *
rd_letter_dialog_get_deadline_warning (RdLetterDialog *self)
{
  g_return_val_if_fail (RD_IS_LETTER_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->deadline_label))
             ? gtk_label_get_text (self->deadline_label)
             : NULL;
}

RdLetterType
rd_letter_dialog_get_letter_type (RdLetterDialog *self)
{
  g_return_val_if_fail (RD_IS_LETTER_DIALOG (self), RD_LETTER_ACKNOWLEDGEMENT);

  return self->type;
}

void
rd_letter_dialog_set_letter_type (RdLetterDialog *self, RdLetterType type)
{
  g_return_if_fail (RD_IS_LETTER_DIALOG (self));
  g_return_if_fail (type < RD_LETTER_N_TYPES);

  gtk_drop_down_set_selected (self->type_dropdown, type);
}

/**
 * rd_letter_dialog_record_sent:
 * @self: the dialog
 * @channel: "post" or "email"
 * @error: return location for an error
 *
 * Keeps the letter as it stands (with the clerk's edits) on the case: one
 * event (the step itself where the letter is the step, such as an
 * acknowledgement, else a note), dated the context's today, with the channel
 * and the letter type in its details, and the PDF saved with it as a
 * document (the store records its SHA-256), in one transaction.
 */
gboolean
rd_letter_dialog_record_sent (RdLetterDialog *self, const char *channel, GError **error)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(RdCaseEvent) event = NULL;
  g_autofree char *name = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *message = NULL;
  RdStore         *store;
  RdEventKind      kind;
  GDate            today;

  g_return_val_if_fail (RD_IS_LETTER_DIALOG (self), FALSE);
  g_return_val_if_fail (channel != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = rd_context_get_store (self->context);
  if (self->letter == NULL || store == NULL)
    {
      g_set_error_literal (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NOT_ALLOWED,
                           _("There is no letter to record."));
      return FALSE;
    }
  if (self->update_id != 0)
    {
      g_clear_handle_id (&self->update_id, g_source_remove);
      update_timeout_cb (self);
    }
  if (rd_letter_has_placeholders (self->letter))
    {
      g_set_error_literal (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE,
                           _("The letter still has parts in square brackets. Write your own "
                             "words there first."));
      return FALSE;
    }
  if ((pdf = rd_letter_to_pdf (self->letter, error)) == NULL)
    return FALSE;

  rd_context_get_today (self->context, &today);
  kind = step_kind (self->type);
  event = rd_case_event_new (rd_event_kind_to_id (kind), &today);
  if (kind != RD_EVENT_NOTE &&
      !rd_store_check_event (store, rd_case_get_id (self->kase), event, NULL))
    {
      /* The step is on record already (or not allowed again): a note keeps the letter. */
      g_clear_object (&event);
      event = rd_case_event_new (rd_event_kind_to_id (RD_EVENT_NOTE), &today);
    }
  rd_case_event_set_detail (event, RD_DETAIL_CHANNEL, channel);
  rd_case_event_set_detail (event, RD_DETAIL_LETTER, rd_letter_type_to_string (self->type));
  rd_case_event_set_note (event, rd_letter_type_get_title (self->type));

  name = file_name (self);
  if (rd_store_add_event_with_document (store, rd_case_get_id (self->kase), event, name,
                                        "application/pdf", "correspondence", pdf, error) == 0)
    return FALSE;

  date_text = rd_letter_format_date (&today, RD_LETTER_LANGUAGE_EN);
  message = g_strcmp0 (channel, "email") == 0
      ? g_strdup_printf (_("Recorded on the case as sent by e-mail on %s, with the "
                                     "letter kept in its documents."),
                            date_text)
      : g_strdup_printf (_("Recorded on the case as sent by post on %s, with the "
                                     "letter kept in its documents."),
                            date_text);
  show_message (self, message);
  return TRUE;
}
