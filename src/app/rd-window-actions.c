/* rd-window-actions.c: what the clerk can do from the main window.
 *
 * Every action is a "win." action installed on the class, so each is
 * reachable from the keyboard (accelerators in rd-application.c, listed
 * in ui/gtk/help-overlay.ui) and tests can drive the window through them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-file-chooser.h"
#include "rd-window-private.h"

/* The dialogs are built beside this file by other hands; each is switched
 * on here once its sources are part of the build. Until then the action
 * says plainly that this build cannot do it yet. */
#define HAVE_DIALOGS       1
#define HAVE_LETTER_DIALOG 1
#define HAVE_BUNDLE_DIALOG 1

#if HAVE_DIALOGS
#include "rd-event-dialog.h"
#include "rd-new-complaint-dialog.h"
#include "rd-preferences-dialog.h"
#endif
#if HAVE_LETTER_DIALOG
#include "rd-letter-dialog.h"
#endif
#if HAVE_BUNDLE_DIALOG
#include "rd-bundle-dialog.h"
#endif

/* Helpers */

static RdStore *
window_store (RdWindow *self)
{
  return rd_context_get_store (self->context);
}

static GListModel *
store_filters (void)
{
  return rd_file_chooser_filters_new (_("Redress case stores"), "*.redress", "*.sqlite", "*.db",
                                         NULL);
}

static char *
demo_store_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "redress", "demo.redress", NULL);
}

static void
show_error (RdWindow *self, const char *heading, const GError *error)
{
  _rd_window_show_message (self, heading, error->message);
}

/* Actions: complaints and events */

#if HAVE_DIALOGS
static void
case_created_cb (RdWindow *self, RdCase *rd_case)
{
  if (rd_case != NULL)
    rd_window_select_case (self, rd_case_get_id (rd_case));
}
#endif

static void
new_complaint_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  if (window_store (self) == NULL)
    return;

#if HAVE_DIALOGS
  {
    RdNewComplaintDialog *dialog = rd_new_complaint_dialog_present (GTK_WINDOW (self),
                                                                    self->context);

    /* The new case is selected and shown, so the clerk can go on with it. */
    g_signal_connect_object (dialog, "case-created", G_CALLBACK (case_created_cb), self,
                             G_CONNECT_SWAPPED);
  }
#else
  _rd_window_show_message (self, _("New Complaint"),
                                    _("This build of Redress cannot log complaints yet."));
#endif
}

static void
record_event_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow    *self = RD_WINDOW (widget);
  RdCase      *kase = rd_case_page_get_case (self->case_page);
  const char  *kind_id = g_variant_get_string (parameter, NULL);
  RdEventKind  kind;
  RdCaseState *state = rd_case_page_get_state (self->case_page);
  g_autoptr(GArray) actions = NULL;

  if (kase == NULL || state == NULL || !rd_event_kind_from_id (kind_id, &kind))
    return;

  /* The page greys out what the rules forbid; asked for from the keyboard
   * anyway, the window says why instead of opening a form. */
  actions = rd_case_state_list_actions (state);
  for (guint i = 0; i < actions->len; i++)
    {
      const RdAction *action = &g_array_index (actions, RdAction, i);

      if (action->kind == kind && !action->allowed)
        {
          _rd_window_show_message (self, _("Not Allowed Now"), action->reason);
          return;
        }
    }

#if HAVE_DIALOGS
  rd_event_dialog_present (GTK_WINDOW (self), self->context, kase, kind);
#else
  _rd_window_show_message (self, rd_event_kind_get_label (kind),
                           _("This build of Redress cannot record this step yet."));
#endif
}

static void
write_letter_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  RdCase   *kase = rd_case_page_get_case (self->case_page);

  if (kase == NULL)
    return;

#if HAVE_LETTER_DIALOG
  rd_letter_dialog_present (GTK_WINDOW (self), self->context, kase);
#else
  _rd_window_show_message (self, _("Write Letter"),
                                    _("This build of Redress cannot write letters yet."));
#endif
}

static void
ico_bundle_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  RdCase   *kase = rd_case_page_get_case (self->case_page);

  if (kase == NULL)
    return;

#if HAVE_BUNDLE_DIALOG
  rd_bundle_dialog_present (GTK_WINDOW (self), window_store (self), kase);
#else
  _rd_window_show_message (self, _("ICO Bundle"),
                                    _("This build of Redress cannot build evidence bundles yet."));
#endif
}

static void
preferences_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  if (window_store (self) == NULL)
    return;

#if HAVE_DIALOGS
  rd_preferences_dialog_present (GTK_WINDOW (self), self->context);
#else
  _rd_window_show_message (self, _("Preferences"),
                                    _("This build of Redress has no preferences yet."));
#endif
}

/* Actions: documents */

static void
attach_chosen_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) files = rd_file_chooser_open_multiple_finish (result, &error);

  if (files == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("No Document Was Attached"), error);
      return;
    }

  _rd_window_attach_files (self, files);
}

static void
attach_document_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  if (rd_case_page_get_case (self->case_page) == NULL)
    return;

  rd_file_chooser_open_multiple_async (GTK_WINDOW (self), _("Attach Documents"), NULL, NULL,
                                                             attach_chosen_cb, g_object_ref (self));
}

static GFile *
copy_to_temporary (RdWindow *self, RdDocument *document, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = g_path_get_basename (rd_document_get_name (document));
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  /* A private folder (0700): the copy holds personal data. It is deleted
   * when the window closes (_rd_window_remove_temporary_copies()). */
  if ((dir = g_dir_make_tmp ("redress-XXXXXX", error)) == NULL)
    return NULL;
  if (self->temporary_dirs == NULL)
    self->temporary_dirs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->temporary_dirs, g_strdup (dir));
  path = g_build_filename (dir, base, NULL);
  file = g_file_new_for_path (path);
  if (!rd_store_save_document (window_store (self), rd_document_get_id (document), file, NULL,
                               error))
    return NULL;

  return g_steal_pointer (&file);
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
file_launched_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    show_error (self, _("The Document Could Not Be Opened"), error);
}
#endif

static void
open_document_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDocument) document = NULL;
  g_autoptr(GFile) file = NULL;

  if (window_store (self) == NULL)
    return;

  document = rd_store_get_document (window_store (self), g_variant_get_int64 (parameter), &error);
  if (document == NULL || (file = copy_to_temporary (self, document, &error)) == NULL)
    {
      show_error (self, _("The Document Could Not Be Opened"), error);
      return;
    }

#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

    gtk_file_launcher_launch (launcher, GTK_WINDOW (self), NULL, file_launched_cb,
                              g_object_ref (self));
  }
#else
  {
    g_autofree char *uri = g_file_get_uri (file);

    gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
  }
#endif
}

static void
save_chosen_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = rd_file_chooser_save_finish (result, &error);
  gint64 document_id;

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("The Copy Was Not Saved"), error);
      return;
    }

  document_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (self), "rd-save-document-id"));
  if (window_store (self) == NULL ||
      !rd_store_save_document (window_store (self), document_id, file, NULL, &error))
    {
      if (error != NULL)
        show_error (self, _("The Copy Was Not Saved"), error);
    }
}

static void
save_document_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDocument) document = NULL;
  gint64 document_id = g_variant_get_int64 (parameter);

  if (window_store (self) == NULL)
    return;

  if ((document = rd_store_get_document (window_store (self), document_id, &error)) == NULL)
    {
      show_error (self, _("The Copy Was Not Saved"), error);
      return;
    }

  g_object_set_data (G_OBJECT (self), "rd-save-document-id", GSIZE_TO_POINTER (document_id));
  rd_file_chooser_save_async (GTK_WINDOW (self), _("Save a Copy"), rd_document_get_name (document),
                                                    NULL, NULL, save_chosen_cb,
                                                    g_object_ref (self));
}

/* Actions: the store */

static void
open_chosen_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = rd_file_chooser_open_finish (result, &error);
  g_autofree char *path = NULL;
  gboolean         new_window;

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("No Store Was Opened"), error);
      return;
    }

  path = g_file_get_path (file);
  new_window = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "rd-open-in-new-window"));
  if (new_window)
    {
      RdApplication *app = RD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

      rd_application_open_window (app, path);
      return;
    }

  if (!rd_window_open_store (self, path, FALSE, &error))
    show_error (self, _("The Store Could Not Be Opened"), error);
}

static void
open_store (RdWindow *self, gboolean new_window)
{
  g_autoptr(GListModel) filters = store_filters ();

  g_object_set_data (G_OBJECT (self), "rd-open-in-new-window", GINT_TO_POINTER (new_window));
  rd_file_chooser_open_async (GTK_WINDOW (self), _("Open a Case Store"), filters, NULL,
                                                    open_chosen_cb, g_object_ref (self));
}

static void
open_store_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_store (RD_WINDOW (widget), FALSE);
}

static void
open_store_new_window_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_store (RD_WINDOW (widget), TRUE);
}

static void
new_store_chosen_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = rd_file_chooser_save_finish (result, &error);
  g_autofree char *path = NULL;

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("No Store Was Made"), error);
      return;
    }

  /* The welcome page asks for the council's name, then creates it there. */
  path = g_file_get_path (file);
  _rd_window_close_store (self);
  rd_window_set_new_store_path (self, path);
}

static void
new_store_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  g_autoptr(GListModel) filters = store_filters ();

  rd_file_chooser_save_async (GTK_WINDOW (self), _("New Case Store"),
                                                    _("council.redress"), filters, NULL,
                                                       new_store_chosen_cb, g_object_ref (self));
}

static void
create_store_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow        *self = RD_WINDOW (widget);
  g_autofree char *name = rd_welcome_page_dup_council_name (self->welcome_page);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;

  if (*name == '\0')
    {
      rd_welcome_page_set_error (self->welcome_page, _("Type the council’s name first."));
      return;
    }

  path = self->new_store_path != NULL ? g_strdup (self->new_store_path) : rd_store_default_path ();
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *message = g_strdup_printf (
          _("There is already a file at %s. Open it with “Open a Store…”, or choose another "
            "place with New Store."),
             display);

      rd_welcome_page_set_error (self->welcome_page, message);
      return;
    }

  if ((store = rd_store_open (path, RD_STORE_OPEN_CREATE, &error)) == NULL ||
      !rd_store_set_setting (store, RD_SETTING_NAME, name, &error) ||
      !rd_store_set_setting (store, RD_SETTING_DIVISION,
                             rd_welcome_page_get_division (self->welcome_page), &error))
    {
      rd_welcome_page_set_error (self->welcome_page, error->message);
      return;
    }

  rd_welcome_page_set_error (self->welcome_page, NULL);
  rd_context_set_store (self->context, store);
  if (rd_context_get_settings (self->context) != NULL)
    g_settings_set_string (rd_context_get_settings (self->context), "last-store", path);
}

static void
demo_store_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow        *self = RD_WINDOW (widget);
  g_autofree char *path = demo_store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
  GDate    today;

  /* The demo lives in a file of its own, never in the council's store. */
  rd_context_get_today (self->context, &today);
  if ((store = rd_store_open (path, RD_STORE_OPEN_CREATE, &error)) == NULL ||
      (!existed &&
       (!rd_store_set_setting (store, RD_SETTING_NAME, _("Demo Town Council"), &error) ||
                               !rd_store_fill_demo (store, 250, 1, &today, &error))))
    {
      rd_welcome_page_set_error (self->welcome_page, error->message);
      return;
    }

  rd_welcome_page_set_error (self->welcome_page, NULL);
  rd_context_set_store (self->context, store);
}

static void
backup_chosen_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = rd_file_chooser_save_finish (result, &error);
  g_autofree char *path = NULL;

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("No Backup Was Made"), error);
      return;
    }

  path = g_file_get_path (file);
  _rd_window_backup_to (self, path);
}

static void
backup_store_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  g_autoptr(GListModel) filters = store_filters ();
  g_autofree char *today_iso = NULL;
  g_autofree char *name = NULL;
  GDate            today;

  if (window_store (self) == NULL)
    return;

  rd_context_get_today (self->context, &today);
  today_iso = rd_date_to_iso (&today);
  /* Translators: the suggested file name of a backup; %s is an ISO date */
  name = g_strdup_printf (_("redress-backup-%s.redress"), today_iso);
  rd_file_chooser_save_async (GTK_WINDOW (self), _("Back Up the Store"), name, filters, NULL,
                                                    backup_chosen_cb, g_object_ref (self));
}

/* Verify reads the whole file (every document's fingerprint included), so
 * it runs in a worker thread on a connection of its own: the window stays
 * responsive on a large store. */
static void
verify_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_entries = 0;

  store = rd_store_open (path, RD_STORE_OPEN_NO_WATCH | RD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || !rd_store_verify (store, &n_entries, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_memdup2 (&n_entries, sizeof n_entries), g_free);
}

static void
verify_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RdWindow *self = RD_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree guint64 *n_entries = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char    *body = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.verify-store",
                                 window_store (self) != NULL);

  if (n_entries == NULL)
    {
      body = g_strdup_printf (_("%s\n\nRestore the store from a backup that verifies, or ask for "
                                "help before you record anything more."),
                                 error->message);
      _rd_window_show_message (self, _("The Store Failed Its Check"), body);
      return;
    }

  {
    /* The count as text first: a 64-bit format cannot be in a translatable
     * string (xgettext cannot read the macro). */
    g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, *n_entries);

    body = g_strdup_printf (
        ngettext ("The database is intact, every document matches its fingerprint, and the "
                  "audit trail’s %s entry is unbroken.",
                  "The database is intact, every document matches its fingerprint, and the "
                  "audit trail’s %s entries are unbroken.",
                  (gulong) MIN (*n_entries, G_MAXULONG)),
        count);
  }
  _rd_window_show_message (self, _("The Store Is Sound"), body);
}

static void
verify_store_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  g_autoptr(GTask) task = NULL;

  if (window_store (self) == NULL)
    return;

  /* One check at a time; the action comes back when it is done. */
  gtk_widget_action_set_enabled (widget, "win.verify-store", FALSE);
  task = g_task_new (self, NULL, verify_done_cb, NULL);
  g_task_set_source_tag (task, verify_store_action);
  g_task_set_task_data (task, g_strdup (rd_store_get_path (window_store (self))), g_free);
  g_task_run_in_thread (task, verify_thread);
}

/* Actions: navigation */

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  if (window_store (self) == NULL)
    return;
  if (self->narrow)
    _rd_window_set_pane (self, RD_PANE_LIST);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  if (self->narrow && self->pane != RD_PANE_LIST)
    {
      _rd_window_set_pane (self, RD_PANE_LIST);
      gtk_widget_grab_focus (GTK_WIDGET (self->case_list_view));
    }
}

static void
show_views_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow  *self = RD_WINDOW (widget);
  GtkWidget *focus;

  if (self->narrow)
    _rd_window_set_pane (self, RD_PANE_VIEWS);
  /* The sidebar takes no focus itself (grabbing it did nothing): its
   * chosen view does. Already there, the focus stays where it is. */
  focus = gtk_window_get_focus (GTK_WINDOW (self));
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sidebar)))
    gtk_widget_child_focus (GTK_WIDGET (self->sidebar), GTK_DIR_TAB_FORWARD);
}

static void
show_view_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  RdView    view;

  if (!rd_view_from_id (g_variant_get_string (parameter, NULL), &view))
    return;

  _rd_window_show_view (self, view);
  if (self->narrow)
    _rd_window_set_pane (self, RD_PANE_LIST);
}

static void
dismiss_banner_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  self->banner_dismissed = TRUE;
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
refresh_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _rd_window_reload (RD_WINDOW (widget));
}

/* Private API (rd-window-private.h) */

/* What Back Up… does once the file is chosen; tests call it directly. */
gboolean
_rd_window_backup_to (RdWindow *self, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *body = NULL;

  if (window_store (self) == NULL)
    return FALSE;

  if (!rd_store_backup (window_store (self), path, NULL, &error))
    {
      show_error (self, _("No Backup Was Made"), error);
      return FALSE;
    }

  display = g_filename_display_name (path);
  body = g_strdup_printf (_("A complete copy of the store, with every document and the audit "
                            "trail, is in %s. Keep it somewhere safe: it holds personal data."),
                             display);
  _rd_window_show_message (self, _("Backup Made"), body);
  return TRUE;
}

void
_rd_window_remove_temporary_copies (RdWindow *self)
{
  for (guint i = 0; self->temporary_dirs != NULL && i < self->temporary_dirs->len; i++)
    {
      const char *dir = g_ptr_array_index (self->temporary_dirs, i);
      GDir       *handle = g_dir_open (dir, 0, NULL);
      const char *name;

      while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_unlink (path);
        }
      if (handle != NULL)
        g_dir_close (handle);
      g_rmdir (dir);
    }
  g_clear_pointer (&self->temporary_dirs, g_ptr_array_unref);
}

void
_rd_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-complaint", NULL, new_complaint_action);
  gtk_widget_class_install_action (widget_class, "win.record-event", "s", record_event_action);
  gtk_widget_class_install_action (widget_class, "win.write-letter", NULL, write_letter_action);
  gtk_widget_class_install_action (widget_class, "win.ico-bundle", NULL, ico_bundle_action);
  gtk_widget_class_install_action (widget_class, "win.attach-document", NULL,
                                   attach_document_action);
  gtk_widget_class_install_action (widget_class, "win.open-document", "x", open_document_action);
  gtk_widget_class_install_action (widget_class, "win.save-document", "x", save_document_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);

  gtk_widget_class_install_action (widget_class, "win.new-store", NULL, new_store_action);
  gtk_widget_class_install_action (widget_class, "win.open-store", NULL, open_store_action);
  gtk_widget_class_install_action (widget_class, "win.open-store-new-window", NULL,
                                   open_store_new_window_action);
  gtk_widget_class_install_action (widget_class, "win.backup-store", NULL, backup_store_action);
  gtk_widget_class_install_action (widget_class, "win.verify-store", NULL, verify_store_action);
  gtk_widget_class_install_action (widget_class, "win.create-store", NULL, create_store_action);
  gtk_widget_class_install_action (widget_class, "win.demo-store", NULL, demo_store_action);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-views", NULL, show_views_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-banner", NULL, dismiss_banner_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);

  /* Keys that belong to the window rather than the application. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-views", NULL);
  for (RdView view = 0; view < RD_VIEW_N; view++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + view, GDK_ALT_MASK,
                                         "win.show-view", "s", rd_view_to_id (view));
}

void
_rd_window_update_actions (RdWindow *self)
{
  gboolean store = window_store (self) != NULL;
  gboolean kase = store && rd_case_page_get_case (self->case_page) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-complaint", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup-store", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.verify-store", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-views", store);
  {
    g_autofree char *council = rd_welcome_page_dup_council_name (self->welcome_page);

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-store",
                                   !store && *council != '\0');
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.demo-store", !store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.record-event", kase);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.write-letter", kase);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.ico-bundle", kase);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.attach-document", kase);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-document", kase);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-document", kase);
}

void
_rd_window_attach_files (RdWindow *self, GListModel *files)
{
  RdStore *store = window_store (self);
  RdCase  *kase = rd_case_page_get_case (self->case_page);
  gint64   case_id;

  if (store == NULL || kase == NULL)
    return;

  /* By id: each document added reloads the page, and with it its case. */
  case_id = rd_case_get_id (kase);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autoptr(GError) error = NULL;

      if (rd_store_add_document_from_file (store, case_id, file, RD_DOCUMENT_KIND_EVIDENCE, NULL,
                                           &error) == 0)
        {
          show_error (self, _("The Document Was Not Attached"), error);
          break;
        }
    }
}

/* A message with a heading and a plain sentence, and one Close button. */
void
_rd_window_show_message (RdWindow *self, const char *heading, const char *body)
{
  /* Tests run without anyone to press Close: they read the message instead. */
  g_object_set_data_full (G_OBJECT (self), "rd-last-message", g_strdup (body), g_free);
  if (g_getenv ("REDRESS_TEST_NO_DIALOGS") != NULL)
    return;

#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr(GtkAlertDialog) dialog = gtk_alert_dialog_new ("%s", heading);

    gtk_alert_dialog_set_detail (dialog, body);
    gtk_alert_dialog_set_modal (dialog, TRUE);
    gtk_alert_dialog_show (dialog, GTK_WINDOW (self));
  }
#else
  {
    GtkWidget *dialog;

    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                     GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                     GTK_MESSAGE_OTHER, GTK_BUTTONS_CLOSE, "%s", heading);
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", body);
    G_GNUC_END_IGNORE_DEPRECATIONS
    /* The title is the dialog's accessible name: screen readers announce it. */
    gtk_window_set_title (GTK_WINDOW (dialog), heading);
    g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
    gtk_window_present (GTK_WINDOW (dialog));
  }
#endif
}
