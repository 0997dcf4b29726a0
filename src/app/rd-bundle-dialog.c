/* rd-bundle-dialog.c: make the ICO evidence bundle of a case.
 *
 * The bundle is described by rd_bundle_spec_new_for_case() and built by
 * rd_bundle_write_async() in a worker thread, which reads the documents
 * through a store connection of its own; progress comes back to the main
 * loop. The finished file is saved into the case's documents here, on the
 * main thread, with the SHA-256 computed as it was written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rd-bundle-case.h"
#include "rd-bundle-dialog.h"
#include "rd-file-chooser.h"
#include "rd-form.h"
#include "rd-format.h"

struct _RdBundleDialog
{
  GtkWindow parent_instance;

  RdStore      *store;       /* owned */
  RdCase       *kase;        /* owned */
  RdBundleSpec *spec;        /* owned, nullable when the case could not be read */
  GCancellable *cancellable; /* owned, nullable: a build is running */
  GPtrArray    *checks;      /* owned, of borrowed GtkCheckButton, one per document */
  GPtrArray    *reasons;     /* owned, of borrowed GtkEntry, one per document */
  gint64        document_id; /* the bundle saved to the case, 0 until then */
  gboolean      recorded;    /* its sending to the ICO is recorded */
  char         *message;     /* owned */

  /* Template children (borrowed) */
  GtkListBox     *documents_list;
  GtkLabel       *message_label;
  GtkBox         *progress_box;
  GtkProgressBar *progress_bar;
  GtkButton      *record_button;
  GtkWidget      *needed_label;
};

G_DEFINE_FINAL_TYPE (RdBundleDialog, rd_bundle_dialog, GTK_TYPE_WINDOW)

/* Helpers */

static void
show_message (RdBundleDialog *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
}

static const char *
section_label (RdBundleSection section)
{
  switch (section)
    {
      case RD_BUNDLE_SECTION_LETTERS:
        return _("Letter as sent");
      case RD_BUNDLE_SECTION_CORRESPONDENCE:
        return _("The complainant’s correspondence");
      case RD_BUNDLE_SECTION_EVIDENCE:
      case RD_BUNDLE_N_SECTIONS:
      default:
        return _("Evidence");
    }
}

/* Every document ticked, or unticked with a reason; if not, says which
 * document still needs one (in @needed, when given). */
static gboolean
choices_complete (RdBundleDialog *self, char **needed)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton  *check = g_ptr_array_index (self->checks, i);
      GtkEditable     *reason = g_ptr_array_index (self->reasons, i);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

      if (!gtk_check_button_get_active (check) && *text == '\0')
        {
          if (needed != NULL)
            /* Translators: %s is a document's title, "scan.pdf" */
            *needed = g_strdup_printf (_("Give a reason for leaving out “%s”."),
                                          rd_bundle_spec_get_document_title (self->spec, i));
          return FALSE;
        }
    }
  return TRUE;
}

/* Whether the rules would let the case record the response to the ICO
 * today; if not, why (@reason). */
static gboolean
can_record_sent (RdBundleDialog *self, char **reason)
{
  g_autoptr(RdCaseEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  rd_store_get_today (self->store, &today);
  event = rd_case_event_new ("ico-response-sent", &today);
  if (self->document_id > 0)
    rd_case_event_set_document_id (event, self->document_id);
  if (rd_store_check_event (self->store, rd_case_get_id (self->kase), event, &error))
    return TRUE;

  /* The rules say to record "ICO got in touch" first, in the event's name;
   * the clerk sees that step as a button with its own name. Asked of the
   * rules too: would the ICO's notification be accepted today? */
  if (g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE))
    {
      g_autoptr(RdCaseEvent) notified = rd_case_event_new ("ico-notified", &today);

      /* A stand-in reference: only asked, never recorded. */
      rd_case_event_set_detail (notified, RD_DETAIL_ICO_REF, "IC-000000-A0A0");
      if (rd_store_check_event (self->store, rd_case_get_id (self->kase), notified, NULL))
        {
          g_autofree char *step = g_strdup (rd_format_event_action (RD_EVENT_ICO_NOTIFIED));

          if (g_str_has_suffix (step, "…"))
            step[strlen (step) - strlen ("…")] = '\0';
          *reason = g_strdup_printf (_("No enquiry from the ICO is waiting for an answer: first "
                                       "use “%s” on the case."),
                                        step);
          return FALSE;
        }
    }
  *reason = g_strdup (error->message);
  return FALSE;
}

static void
update_actions (RdBundleDialog *self)
{
  gboolean         building = self->cancellable != NULL;
  g_autofree char *needed = NULL;
  g_autofree char *refused = NULL;
  gboolean         complete = self->spec != NULL && choices_complete (self, &needed);
  gboolean         may_record = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bundle.build", !building && complete);
  /* A greyed-out Make Bundle always says why, under the header bar. */
  rd_form_set_needed (self->needed_label, !building ? needed : NULL, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bundle.stop", building);
  /* Asked of the rules before the clerk presses: a case the ICO never got
   * in touch about cannot record a response to it. */
  if (!building && self->document_id > 0 && !self->recorded && self->store != NULL)
    may_record = can_record_sent (self, &refused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bundle.record", may_record);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->record_button),
                               refused != NULL ? refused
                                               : _("Record on the case that the evidenced "
                                                   "response went to the ICO today, with this "
                                                   "bundle"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->documents_list), !building);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), building);
  gtk_widget_set_visible (GTK_WIDGET (self->record_button), self->document_id > 0);
}

static void
apply_choices (RdBundleDialog *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton  *check = g_ptr_array_index (self->checks, i);
      GtkEditable     *reason = g_ptr_array_index (self->reasons, i);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

      rd_bundle_spec_set_document_withheld (self->spec, i,
                                            gtk_check_button_get_active (check) ? NULL : text);
    }
}

static char *
suggested_name (RdBundleDialog *self)
{
  g_autofree char *name = g_strdup_printf (_("ICO bundle %s.pdf"),
                                              rd_case_get_reference (self->kase));

  /* A case reference is safe in a file name, but be sure. */
  return g_strdelimit (g_steal_pointer (&name), "/\\:*?\"<>|", '-');
}

/* Callbacks */

static void
check_toggled_cb (GtkCheckButton *check, RdBundleDialog *self)
{
  guint      index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "document"));
  GtkWidget *reason = g_ptr_array_index (self->reasons, index);

  gtk_widget_set_sensitive (reason, !gtk_check_button_get_active (check));
  /* Straight to the reason, when the clerk is at the window. */
  if (!gtk_check_button_get_active (check) && gtk_window_is_active (GTK_WINDOW (self)))
    gtk_widget_grab_focus (reason);
  update_actions (self);
}

static void
reason_changed_cb (GtkEditable *editable, RdBundleDialog *self)
{
  update_actions (self);
}

static void
progress_cb (double fraction, const char *message, gpointer user_data)
{
  RdBundleDialog *self = user_data;

  /* A report can come after the window was disposed (its widgets gone). */
  if (self->cancellable == NULL)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, message);
}

static void
written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RdBundleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_object_steal_data (G_OBJECT (self), "bundle-file");
  g_autofree char *sha256 = NULL;
  guint            n_pages = 0;

  g_clear_object (&self->cancellable);
  if (!rd_bundle_write_finish (result, &n_pages, &sha256, &error) || self->store == NULL)
    {
      /* Disposed meanwhile: the build was stopped, and there is nowhere to report. */
      if (self->store == NULL)
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("Stopped. No bundle was saved."));
      else
        show_message (self, error->message);
      update_actions (self);
      return;
    }

  self->document_id = rd_bundle_save_to_case (self->store, self->kase, file, sha256, NULL, &error);
  if (self->document_id == 0)
    {
      g_autofree char *message = g_strdup_printf (
          _("The bundle was made but could not be kept in the "
                                                    "case’s documents: %s"),
             error->message);

      show_message (self, message);
    }
  else
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *message = g_strdup_printf (
          g_dngettext (
              GETTEXT_PACKAGE,
              "The bundle, %2$u page, is saved as “%1$s” and kept in the case’s documents. "
              "SHA-256: %3$s",
              "The bundle, %2$u pages, is saved as “%1$s” and kept in the case’s documents. "
              "SHA-256: %3$s",
              n_pages),
          name, n_pages, sha256);

      show_message (self, message);
    }
  update_actions (self);
}

static void
start_build (RdBundleDialog *self, GFile *file)
{
  g_assert (self->cancellable == NULL);

  apply_choices (self);
  self->document_id = 0;
  self->recorded = FALSE;
  self->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (self), "bundle-file", g_object_ref (file), g_object_unref);
  show_message (self, NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  update_actions (self);
  /* The dialog lives until the build reports back, even if closed. */
  rd_bundle_write_async (self->spec, file, progress_cb, self, self->cancellable, written_cb,
                         g_object_ref (self));
}

static void
save_chosen_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RdBundleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = rd_file_chooser_save_finish (result, &error);

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }
  if (self->cancellable == NULL)
    start_build (self, file);
}

static gboolean
close_request_cb (GtkWindow *window, gpointer user_data)
{
  RdBundleDialog *self = RD_BUNDLE_DIALOG (window);

  /* Closing stops a build; it then cleans up after itself. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return FALSE;
}

/* Actions */

static void
build_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdBundleDialog  *self = RD_BUNDLE_DIALOG (widget);
  g_autofree char *name = suggested_name (self);
  g_autoptr(GListModel) filters = rd_file_chooser_filters_new (_("PDF documents"), "*.pdf", NULL);

  rd_file_chooser_save_async (GTK_WINDOW (self), _("Save the ICO Bundle"), name, filters, NULL,
                                                    save_chosen_cb, g_object_ref (self));
}

static void
stop_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdBundleDialog *self = RD_BUNDLE_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
record_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdBundleDialog *self = RD_BUNDLE_DIALOG (widget);
  g_autoptr(RdCaseEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  g_return_if_fail (self->document_id > 0);

  rd_store_get_today (self->store, &today);
  event = rd_case_event_new ("ico-response-sent", &today);
  rd_case_event_set_document_id (event, self->document_id);
  if (rd_store_add_event (self->store, rd_case_get_id (self->kase), event, &error) == 0)
    {
      show_message (self, error->message);
      return;
    }
  self->recorded = TRUE;
  show_message (self,
                _("Recorded on the case: the evidenced response was sent to the ICO, with this "
                         "bundle."));
  gtk_widget_action_set_enabled (widget, "bundle.record", FALSE);
}

/* GObject */

static void
rd_bundle_dialog_dispose (GObject *object)
{
  RdBundleDialog *self = RD_BUNDLE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_BUNDLE_DIALOG);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->spec, rd_bundle_spec_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->reasons, g_ptr_array_unref);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (rd_bundle_dialog_parent_class)->dispose (object);
}

static void
rd_bundle_dialog_class_init (RdBundleDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_bundle_dialog_dispose;

  /* A window of its own, but a dialog to assistive technologies. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/rd-bundle-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdBundleDialog, documents_list);
  gtk_widget_class_bind_template_child (widget_class, RdBundleDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, RdBundleDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, RdBundleDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RdBundleDialog, record_button);
  gtk_widget_class_bind_template_child (widget_class, RdBundleDialog, needed_label);

  gtk_widget_class_install_action (widget_class, "bundle.build", NULL, build_action);
  gtk_widget_class_install_action (widget_class, "bundle.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "bundle.record", NULL, record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_bundle_dialog_init (RdBundleDialog *self)
{
  rd_form_load_css ();
  gtk_widget_init_template (GTK_WIDGET (self));
  rd_form_name_mnemonic_buttons (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
  self->reasons = g_ptr_array_new ();
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}

static void
fill (RdBundleDialog *self)
{
  g_autoptr(GError) error = NULL;

  self->spec = rd_bundle_spec_new_for_case (self->store, self->kase, NULL, &error);
  if (self->spec == NULL)
    {
      show_message (self, error->message);
      return;
    }

  for (guint i = 0; i < rd_bundle_spec_get_n_documents (self->spec); i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *title = gtk_label_new (rd_bundle_spec_get_document_title (self->spec, i));
      GtkWidget *section = gtk_label_new (
          section_label (rd_bundle_spec_get_document_section (self->spec, i)));
      GtkWidget *reason = gtk_entry_new ();

      gtk_widget_set_margin_top (row, 6);
      gtk_widget_set_margin_bottom (row, 6);
      gtk_widget_set_margin_start (row, 6);
      gtk_widget_set_margin_end (row, 6);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_xalign (GTK_LABEL (section), 0);
      gtk_widget_add_css_class (section, "dim-label");
      gtk_widget_add_css_class (section, "caption");
      gtk_widget_set_hexpand (labels, TRUE);
      gtk_entry_set_placeholder_text (GTK_ENTRY (reason),
                                      _("Why it is left out, e.g. third-party data"));
      gtk_widget_set_sensitive (reason, FALSE);
      gtk_widget_add_css_class (reason, "rd-bundle-reason");
      gtk_widget_set_size_request (reason, 280, -1);
      gtk_widget_set_valign (reason, GTK_ALIGN_CENTER);

      /* The check button's accessible name is the document's title. */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      title, NULL, -1);
      {
        /* Each reason names its document: "Reason for leaving out scan.pdf". */
        g_autofree char *name = g_strdup_printf (
            _("Reason for leaving out %s"), rd_bundle_spec_get_document_title (self->spec, i));

        gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        name, -1);
      }

      gtk_box_append (GTK_BOX (labels), title);
      gtk_box_append (GTK_BOX (labels), section);
      gtk_box_append (GTK_BOX (row), check);
      gtk_box_append (GTK_BOX (row), labels);
      gtk_box_append (GTK_BOX (row), reason);
      gtk_list_box_append (self->documents_list, row);

      g_object_set_data (G_OBJECT (check), "document", GUINT_TO_POINTER (i));
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      g_signal_connect (reason, "changed", G_CALLBACK (reason_changed_cb), self);
      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->reasons, reason);
    }

  if (rd_bundle_spec_get_n_documents (self->spec) == 0)
    {
      GtkWidget *empty = gtk_label_new (
          _("The case has no documents yet. The bundle will hold the "
                                          "cover, the index, the chronology and the deadlines."));

      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_list_box_append (self->documents_list, empty);
    }
}

/* Public API */

RdBundleDialog *
rd_bundle_dialog_present (GtkWindow *parent, RdStore *store, RdCase *kase)
{
  RdBundleDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (RD_IS_CASE (kase), NULL);

  self = g_object_new (RD_TYPE_BUNDLE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->kase = g_object_ref (kase);
  {
    g_autofree char *title = g_strdup_printf (_("ICO Bundle for %s"),
                                                 rd_case_get_reference (kase));

    gtk_window_set_title (GTK_WINDOW (self), title);
  }
  fill (self);
  /* An ICO enquiry recorded meanwhile makes "Record as Sent" possible. */
  g_signal_connect_object (store, "changed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  update_actions (self);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

guint
rd_bundle_dialog_get_n_documents (RdBundleDialog *self)
{
  g_return_val_if_fail (RD_IS_BUNDLE_DIALOG (self), 0);

  return self->checks->len;
}

void
rd_bundle_dialog_set_withheld (RdBundleDialog *self, guint document, const char *reason)
{
  g_return_if_fail (RD_IS_BUNDLE_DIALOG (self));
  g_return_if_fail (document < self->checks->len);

  gtk_editable_set_text (g_ptr_array_index (self->reasons, document), reason != NULL ? reason : "");
  gtk_check_button_set_active (g_ptr_array_index (self->checks, document), reason == NULL);
}

void
rd_bundle_dialog_build_to (RdBundleDialog *self, GFile *file)
{
  g_return_if_fail (RD_IS_BUNDLE_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->cancellable == NULL);
  g_return_if_fail (self->spec != NULL);

  start_build (self, file);
}

gboolean
rd_bundle_dialog_get_building (RdBundleDialog *self)
{
  g_return_val_if_fail (RD_IS_BUNDLE_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

gint64
rd_bundle_dialog_get_document_id (RdBundleDialog *self)
{
  g_return_val_if_fail (RD_IS_BUNDLE_DIALOG (self), 0);

  return self->document_id;
}

const char *
rd_bundle_dialog_get_message (RdBundleDialog *self)
{
  g_return_val_if_fail (RD_IS_BUNDLE_DIALOG (self), NULL);

  return self->message;
}
