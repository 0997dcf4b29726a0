/* rd-window.c: the main window of Redress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-application.h"
#include "rd-window.h"

struct _RdWindow
{
  GtkApplicationWindow parent_instance;

  /* Template children (borrowed) */
  GtkLabel      *title_label;
  GtkLabel      *subtitle_label;
  GtkMenuButton *primary_menu_button;
  GtkStack      *main_stack;
  GtkWidget     *empty_page;
  GtkButton     *empty_new_complaint_button;
};

G_DEFINE_FINAL_TYPE (RdWindow, rd_window, GTK_TYPE_APPLICATION_WINDOW)

/* Helpers */

static void
bind_settings (RdWindow *self, GSettings *settings)
{
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

/* Actions */

static void
new_complaint_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  /* Complaints are stored in the case store; until it is open there is
   * nowhere to keep one. The store and the New Complaint dialog attach here. */
  g_debug ("New Complaint asked for");
}

static void
preferences_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_debug ("Preferences asked for");
}

/* Help */

#if GTK_CHECK_VERSION(4, 10, 0)
static void
help_launched_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Could not open the help: %s", error->message);
}
#endif

/* GObject overrides */

static void
rd_window_dispose (GObject *object)
{
  /* No gtk_widget_dispose_template() here: GtkWindow's own dispose releases
   * its child and title bar, and unparenting them first trips an assertion
   * in GTK 4.8. Widgets that are not windows do call it. */
  G_OBJECT_CLASS (rd_window_parent_class)->dispose (object);
}

static void
rd_window_class_init (RdWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, empty_new_complaint_button);

  gtk_widget_class_install_action (widget_class, "win.new-complaint", NULL, new_complaint_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
}

static void
rd_window_init (RdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/* Public API */

RdWindow *
rd_window_new (RdApplication *application)
{
  RdWindow  *self;
  GSettings *settings;

  g_return_val_if_fail (RD_IS_APPLICATION (application), NULL);

  self = g_object_new (RD_TYPE_WINDOW, "application", application, NULL);

  settings = rd_application_get_settings (application);
  if (settings != NULL)
    bind_settings (self, settings);

  return self;
}

/**
 * rd_window_show_help:
 * @page: (nullable): a page of the help, or %NULL for its front page
 *
 * Opens the Mallard help in the desktop's help viewer.
 */
void
rd_window_show_help (RdWindow *self, const char *page)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (self == NULL || RD_IS_WINDOW (self));

  uri = page != NULL ? g_strdup_printf ("help:redress/%s", page) : g_strdup ("help:redress");

#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, GTK_WINDOW (self), NULL, help_launched_cb, NULL);
  }
#else
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
#endif
}
