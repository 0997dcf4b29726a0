/* rd-application.c: the Redress application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-application.h"
#include "rd-context.h"
#include "rd-model.h"
#include "rd-welcome-page.h"
#include "rd-window.h"

struct _RdApplication
{
  GtkApplication parent_instance;

  GSettings *settings;   /* owned; NULL when the schema is not installed */
  char      *store_path; /* owned: --store, else $REDRESS_STORE, else NULL */
};

G_DEFINE_FINAL_TYPE (RdApplication, rd_application, GTK_TYPE_APPLICATION)

static gint64 trace_start_us;
static int    trace_enabled = -1;

/*
 * The settings schema is looked up rather than assumed: a build run from
 * an odd place (or a broken Windows install) then starts without saved
 * window sizes instead of aborting inside g_settings_new().
 */
static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_warning ("The settings schema %s is not installed; window sizes will not be kept",
                 APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
load_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static gboolean release_cb (gpointer user_data);
static void     check_in_background (RdApplication *self);

/* Actions */

static void
quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList        *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing each window lets it save its size and finish its work. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication    *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Redress developers", NULL };

  /* clang-format off */
  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _("Redress"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Run complaints about how a council handled personal data, on time"),
                         "website", "https://github.com/redress/redress",
                         "copyright", "© 2026 The Redress developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         /* Translators: put your name here, one translator a line */
                         "translator-credits", _("translator-credits"),
                         NULL);
  /* clang-format on */
}

static void
help_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow      *window = gtk_application_get_active_window (app);

  rd_window_show_help (RD_IS_WINDOW (window) ? RD_WINDOW (window) : NULL, NULL);
}

static void
new_window_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  /* A second window starts on the welcome page: open or create another
   * store there, so that two stores can be side by side. */
  rd_application_open_window (RD_APPLICATION (user_data), NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "help", help_activated },
  { "new-window", new_window_activated },
};

/* The accelerators of every action; ui/gtk/help-overlay.ui lists the same. */
static const struct
{
  const char *action;
  const char *accels[2];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.help", { "F1", NULL } },
  { "app.new-window", { "<Control><Shift>n", NULL } },
  { "win.new-complaint", { "<Control>n", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.preferences", { "<Control>comma", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "win.open-store", { "<Control>o", NULL } },
  { "win.open-store-new-window", { "<Control><Shift>o", NULL } },
  { "win.backup-store", { "<Control><Shift>s", NULL } },
  { "win.verify-store", { "<Control><Shift>y", NULL } },
  { "win.attach-document", { "<Control><Shift>a", NULL } },
  { "win.write-letter", { "<Control>l", NULL } },
  { "win.ico-bundle", { "<Control><Shift>b", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

/* With $REDRESS_TRACE_STARTUP: says when the main loop was held up
 * (the window could not draw) for more than 50 ms. */
static gboolean
stall_cb (gpointer user_data)
{
  static gint64 last_us;
  gint64        now = g_get_monotonic_time ();

  if (last_us != 0 && now - last_us > 50 * 1000)
    {
      g_autofree char *what = g_strdup_printf ("main loop held up for %.0f ms",
                                               (now - last_us) / 1000.0 - 10);

      rd_application_trace (what);
    }
  last_us = now;
  return G_SOURCE_CONTINUE;
}

/* GApplication overrides */

static void
rd_application_startup (GApplication *app)
{
  RdApplication *self = RD_APPLICATION (app);

  rd_application_trace ("startup");
  /* Our icons: what GtkApplication would do with a resource base path,
   * but for the Keyboard Shortcuts window, which each window builds after
   * its first frame (rd-window.c). Done before GtkApplication's start-up,
   * as soon as the display's icon theme exists: GTK reads the icon themes
   * in a thread when it is made, and a resource path added after that read
   * throws it away, so the first icon looked up read them all again on the
   * main thread before the first frame (60 million instructions, an
   * eighth of what Redress adds to an empty window; docs/performance.md). */
  gtk_init ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_PREFIX "/icons");
  G_APPLICATION_CLASS (rd_application_parent_class)->startup (app);
  rd_application_trace ("GTK started");

  self->settings = load_settings ();
  load_css ();
  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  for (gsize i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
  rd_application_trace ("application started");
  if (g_getenv ("REDRESS_TRACE_STARTUP") != NULL)
    g_timeout_add (10, stall_cb, NULL);
}

static void
rd_application_activate (GApplication *app)
{
  RdApplication *self = RD_APPLICATION (app);
  GtkWindow     *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autofree char *path = NULL;

      /* --store or $REDRESS_STORE, else the store open last, else the
       * default one in the user data folder. */
      if (self->store_path != NULL)
        path = g_strdup (self->store_path);
      else if (self->settings != NULL)
        path = g_settings_get_string (self->settings, "last-store");
      if (path == NULL || *path == '\0')
        {
          g_free (path);
          path = rd_store_default_path ();
        }
      window = GTK_WINDOW (rd_application_open_window (self, path));
    }

  gtk_window_present (window);
}

static int
rd_application_command_line (GApplication *app, GApplicationCommandLine *command_line)
{
  RdApplication *self = RD_APPLICATION (app);
  GVariantDict  *options = g_application_command_line_get_options_dict (command_line);
  const char    *store = NULL;

  if (g_variant_dict_lookup (options, "store", "^&ay", &store) && store != NULL && *store != '\0')
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, store);

      g_free (self->store_path);
      self->store_path = g_file_get_path (file);
    }
  else if (g_application_command_line_getenv (command_line, "REDRESS_STORE") != NULL)
    {
      g_free (self->store_path);
      self->store_path = g_strdup (
          g_application_command_line_getenv (command_line, "REDRESS_STORE"));
    }

  if (g_variant_dict_contains (options, "background"))
    {
      check_in_background (self);
      return 0;
    }

  g_application_activate (app);
  return 0;
}

/* Started in the background (an autostart entry, a scheduled job): no
 * window, but a desktop notification when something is overdue or due
 * today; choosing it opens the window. */
static void
check_in_background (RdApplication *self)
{
  g_autofree char *path = self->store_path != NULL ? g_strdup (self->store_path)
                                                   : rd_store_default_path ();
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdContext) context = rd_context_new (NULL);
  g_autofree char *summary = NULL;
  GDate            today;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) ||
      (store = rd_store_open (path, RD_STORE_OPEN_NO_WATCH, &error)) == NULL)
    return;

  rd_context_get_today (context, &today);
  summary = rd_application_dup_deadline_summary (store, &today);
  if (summary != NULL)
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Redress"));

      g_notification_set_body (notification, summary);
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      g_notification_set_default_action (notification, "app.activate");
      g_application_send_notification (G_APPLICATION (self), "deadlines", notification);
      /* Stay a while, so that choosing the notification opens the window. */
      g_application_hold (G_APPLICATION (self));
      g_timeout_add_seconds (600, release_cb, self);
    }
}

static gboolean
release_cb (gpointer user_data)
{
  g_application_release (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

/* GObject overrides */

static void
rd_application_finalize (GObject *object)
{
  RdApplication *self = RD_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->store_path, g_free);

  G_OBJECT_CLASS (rd_application_parent_class)->finalize (object);
}

static void
rd_application_class_init (RdApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rd_application_finalize;

  app_class->startup = rd_application_startup;
  app_class->activate = rd_application_activate;
  app_class->command_line = rd_application_command_line;
}

static void
rd_application_init (RdApplication *self)
{
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the case store in FILE instead of the default one"), N_("FILE") },
      { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
        N_("Open no window: say by a desktop notification whether complaints are overdue or due "
         "today"),
            NULL },
        { NULL } };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Run a council’s personal data complaints."));
}

/* Public API */

/**
 * rd_application_trace:
 * @what: a step of the start-up, in words (never personal data)
 *
 * With $REDRESS_TRACE_STARTUP set, prints on stderr how many milliseconds
 * after the application was made @what happened; otherwise does nothing.
 * For finding what delays the first frame.
 */
void
rd_application_trace (const char *what)
{
  g_return_if_fail (what != NULL);

  if (trace_enabled < 0)
    trace_enabled = g_getenv ("REDRESS_TRACE_STARTUP") != NULL;
  if (!trace_enabled)
    return;
  if (trace_start_us == 0)
    trace_start_us = g_get_monotonic_time ();
  g_printerr ("redress-startup: %7.1f ms %s\n", (g_get_monotonic_time () - trace_start_us) / 1000.0,
              what);
}

RdApplication *
rd_application_new (const char *application_id, GApplicationFlags flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  rd_application_trace ("application made");

  /* No resource base path: GtkApplication would build the Keyboard
   * Shortcuts window before each window's first frame. */
  return g_object_new (RD_TYPE_APPLICATION, "application-id", application_id, "flags", flags,
                       "resource-base-path", NULL, NULL);
}

/**
 * rd_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the application's settings, or %NULL
 *   when the schema is not installed
 */
GSettings *
rd_application_get_settings (RdApplication *self)
{
  g_return_val_if_fail (RD_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * rd_application_get_store_path:
 *
 * Returns: (nullable): the store asked for with --store or $REDRESS_STORE,
 *   or %NULL for the default one
 */
const char *
rd_application_get_store_path (RdApplication *self)
{
  g_return_val_if_fail (RD_IS_APPLICATION (self), NULL);

  return self->store_path;
}

/**
 * rd_application_open_window:
 * @path: (nullable): a store to open; when there is no file there yet the
 *   window offers to create it there; %NULL: the welcome page
 *
 * Opens a new window with a context (and so a store) of its own.
 *
 * Returns: (transfer none): the window
 */
RdWindow *
rd_application_open_window (RdApplication *self, const char *path)
{
  g_autoptr(RdContext) context = NULL;
  RdWindow *window;

  g_return_val_if_fail (RD_IS_APPLICATION (self), NULL);

  context = rd_context_new (self->settings);
  rd_application_trace ("window: making");
  window = rd_window_new (self, context);
  rd_application_trace ("window: made");

  if (path != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) error = NULL;

      /* Never create anything over a file that would not open. */
      if (!rd_window_open_store (window, path, FALSE, &error))
        rd_welcome_page_set_error (RD_WELCOME_PAGE (rd_window_get_welcome_page (window)),
                                   error->message);
    }
  else if (path != NULL)
    rd_window_set_new_store_path (window, path);
  rd_application_trace ("window: store open");

  gtk_window_present (GTK_WINDOW (window));
  rd_application_trace ("window: presented");
  return window;
}

/**
 * rd_application_dup_deadline_summary:
 * @store: an open store
 * @today: the day to judge by
 *
 * What the background check says: how many cases are overdue and how
 * many are due today.
 *
 * Returns: (transfer full) (nullable): "2 complaints are overdue and 1 is
 *   due today.", or %NULL when nothing is
 */
char *
rd_application_dup_deadline_summary (RdStore *store, const GDate *today)
{
  g_autoptr(RdCaseList) overdue = NULL;
  g_autoptr(RdCaseList) due_today = NULL;
  guint n_overdue, n_today;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  overdue = rd_case_list_new (store);
  rd_case_list_freeze (overdue);
  rd_case_list_set_today (overdue, today);
  rd_case_list_set_overdue (overdue, TRUE);
  rd_case_list_thaw (overdue);
  due_today = rd_case_list_new (store);
  rd_case_list_freeze (due_today);
  rd_case_list_set_today (due_today, today);
  rd_case_list_set_open_only (due_today, TRUE);
  rd_case_list_set_due_within (due_today, 0);
  rd_case_list_thaw (due_today);

  n_overdue = g_list_model_get_n_items (G_LIST_MODEL (overdue));
  n_today = g_list_model_get_n_items (G_LIST_MODEL (due_today));

  if (n_overdue > 0 && n_today > 0)
    {
      g_autofree char *first = g_strdup_printf (
          ngettext ("%u complaint is overdue", "%u complaints are overdue", n_overdue), n_overdue);

      /* Translators: "2 complaints are overdue" and "1 is due today" */
      return g_strdup_printf (
          ngettext ("%s and %u is due today.", "%s and %u are due today.", n_today), first,
          n_today);
    }
  if (n_overdue > 0)
    return g_strdup_printf (
        ngettext ("%u complaint is overdue.", "%u complaints are overdue.", n_overdue), n_overdue);
  if (n_today > 0)
    return g_strdup_printf (
        ngettext ("%u complaint is due today.", "%u complaints are due today.", n_today), n_today);

  return NULL;
}
