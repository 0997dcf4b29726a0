/* rd-file-chooser.c: choose files through the portal-friendly dialogs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-file-chooser.h"

typedef enum
{
  MODE_OPEN,
  MODE_OPEN_MULTIPLE,
  MODE_SAVE,
} Mode;

/* Helpers */

#if GTK_CHECK_VERSION(4, 10, 0)

static void
dialog_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  Mode           mode = GPOINTER_TO_INT (g_task_get_task_data (task));
  GError        *error = NULL;
  gpointer       chosen = NULL;

  switch (mode)
    {
      case MODE_OPEN:
        chosen = gtk_file_dialog_open_finish (dialog, result, &error);
        break;
      case MODE_OPEN_MULTIPLE:
        chosen = gtk_file_dialog_open_multiple_finish (dialog, result, &error);
        break;
      case MODE_SAVE:
        chosen = gtk_file_dialog_save_finish (dialog, result, &error);
        break;
      default:
        g_assert_not_reached ();
    }

  if (chosen == NULL)
    {
      if (error == NULL || g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
          g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        {
          g_clear_error (&error);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                                   _("No file was chosen."));
        }
      else
        g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, chosen, g_object_unref);
}

static void
run (Mode                mode,
     GtkWindow          *parent,
     const char         *title,
     const char         *initial_name,
     GListModel         *filters,
     GCancellable       *cancellable,
     GAsyncReadyCallback callback,
     gpointer            user_data)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  GTask *task = g_task_new (parent, cancellable, callback, user_data);

  g_task_set_task_data (task, GINT_TO_POINTER (mode), NULL);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (filters != NULL && g_list_model_get_n_items (filters) > 0)
    {
      g_autoptr(GtkFileFilter) first = g_list_model_get_item (filters, 0);

      gtk_file_dialog_set_filters (dialog, filters);
      gtk_file_dialog_set_default_filter (dialog, first);
    }
  if (initial_name != NULL)
    gtk_file_dialog_set_initial_name (dialog, initial_name);

  switch (mode)
    {
      case MODE_OPEN:
        gtk_file_dialog_open (dialog, parent, cancellable, dialog_done_cb, task);
        break;
      case MODE_OPEN_MULTIPLE:
        gtk_file_dialog_open_multiple (dialog, parent, cancellable, dialog_done_cb, task);
        break;
      case MODE_SAVE:
        gtk_file_dialog_save (dialog, parent, cancellable, dialog_done_cb, task);
        break;
      default:
        g_assert_not_reached ();
    }
}

#else /* GTK 4.8: GtkFileChooserNative, which uses the portal in a sandbox */

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
native_response_cb (GtkNativeDialog *native, int response, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Mode            mode = GPOINTER_TO_INT (g_task_get_task_data (task));
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("No file was chosen."));
    }
  else if (mode == MODE_OPEN_MULTIPLE)
    {
      GListModel *files = gtk_file_chooser_get_files (chooser);
      g_autoptr(GListStore) copy = g_list_store_new (G_TYPE_FILE);

      /* The chooser's list follows the dialog; keep a copy of our own. */
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          g_list_store_append (copy, file);
        }
      g_object_unref (files);
      g_task_return_pointer (task, g_steal_pointer (&copy), g_object_unref);
    }
  else
    {
      GFile *file = gtk_file_chooser_get_file (chooser);

      if (file != NULL)
        g_task_return_pointer (task, file, g_object_unref);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                                 _("No file was chosen."));
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
run (Mode                mode,
     GtkWindow          *parent,
     const char         *title,
     const char         *initial_name,
     GListModel         *filters,
     GCancellable       *cancellable,
     GAsyncReadyCallback callback,
     gpointer            user_data)
{
  GtkFileChooserAction  action = mode == MODE_SAVE ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                   : GTK_FILE_CHOOSER_ACTION_OPEN;
  GtkFileChooserNative *native;
  GTask                *task = g_task_new (parent, cancellable, callback, user_data);

  g_task_set_task_data (task, GINT_TO_POINTER (mode), NULL);
  native = gtk_file_chooser_native_new (
      title, parent, action, mode == MODE_SAVE ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (mode == MODE_OPEN_MULTIPLE)
    gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  if (filters != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
        {
          g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

          gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
        }
    }
  if (initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);

  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

G_GNUC_END_IGNORE_DEPRECATIONS

#endif

/* Public API */

/**
 * rd_file_chooser_open_async:
 * @parent: (nullable): the window the dialog belongs to
 * @title: the dialog's title, a translated string
 * @filters: (nullable): a GListModel of GtkFileFilter, the first the default
 *
 * Asks for one existing file.
 */
void
rd_file_chooser_open_async (GtkWindow          *parent,
                            const char         *title,
                            GListModel         *filters,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (title != NULL);

  run (MODE_OPEN, parent, title, NULL, filters, cancellable, callback, user_data);
}

/**
 * rd_file_chooser_open_finish:
 *
 * Returns: (transfer full) (nullable): the chosen file
 */
GFile *
rd_file_chooser_open_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rd_file_chooser_open_multiple_async:
 *
 * Asks for one or more existing files.
 */
void
rd_file_chooser_open_multiple_async (GtkWindow          *parent,
                                     const char         *title,
                                     GListModel         *filters,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (title != NULL);

  run (MODE_OPEN_MULTIPLE, parent, title, NULL, filters, cancellable, callback, user_data);
}

/**
 * rd_file_chooser_open_multiple_finish:
 *
 * Returns: (transfer full) (nullable): a GListModel of GFile
 */
GListModel *
rd_file_chooser_open_multiple_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rd_file_chooser_save_async:
 * @initial_name: (nullable): the file name to suggest
 *
 * Asks where to save a file; the dialog itself asks before replacing one.
 */
void
rd_file_chooser_save_async (GtkWindow          *parent,
                            const char         *title,
                            const char         *initial_name,
                            GListModel         *filters,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (title != NULL);

  run (MODE_SAVE, parent, title, initial_name, filters, cancellable, callback, user_data);
}

/**
 * rd_file_chooser_save_finish:
 *
 * Returns: (transfer full) (nullable): the file to write
 */
GFile *
rd_file_chooser_save_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rd_file_chooser_filters_new:
 * @name: the filter's name as the clerk sees it ("Case stores")
 * @first_pattern: a glob such as "*.redress", then more, then %NULL
 *
 * Returns: (transfer full): a list with that filter and "All files"
 */
GListModel *
rd_file_chooser_filters_new (const char *name, const char *first_pattern, ...)
{
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  va_list args;

  g_return_val_if_fail (name != NULL, NULL);

  gtk_file_filter_set_name (filter, name);
  va_start (args, first_pattern);
  for (const char *pattern = first_pattern; pattern != NULL; pattern = va_arg (args, const char *))
    gtk_file_filter_add_pattern (filter, pattern);
  va_end (args);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  g_list_store_append (filters, filter);
  g_list_store_append (filters, all);

  return G_LIST_MODEL (g_steal_pointer (&filters));
}
