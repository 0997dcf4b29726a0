/* test-window.c: the main window builds from its template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "rd-application.h"
#include "rd-context.h"
#include "rd-window.h"

static GtkWidget *
find_by_id (GtkWidget *root, const char *id)
{
  /* gtk_buildable_get_buildable_id() gives the id the template gave. */
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *child_id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (child));
      GtkWidget  *found;

      if (g_strcmp0 (child_id, id) == 0)
        return child;
      if ((found = find_by_id (child, id)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_template (void)
{
  g_autoptr(RdApplication) app = rd_application_new ("io.github.redress.Redress.Test",
                                                      G_APPLICATION_NON_UNIQUE);
  g_autoptr(RdContext) context = rd_context_new (NULL);
  RdWindow   *window;
  GtkWidget  *titlebar;
  GtkWidget  *stack;
  GtkWidget  *button;
  GtkWidget  *menu_button;
  GMenuModel *menu;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = rd_window_new (app, context);
  g_assert_nonnull (window);
  g_assert_true (rd_window_get_context (window) == context);

  titlebar = gtk_window_get_titlebar (GTK_WINDOW (window));
  g_assert_true (GTK_IS_HEADER_BAR (titlebar));

  /* No store yet: the welcome page, which creates, opens or makes a demo. */
  stack = find_by_id (GTK_WIDGET (window), "main_stack");
  g_assert_true (GTK_IS_STACK (stack));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "welcome");
  {
    const char *ids[] = { "create_button", "open_button", "demo_button" };
    const char *actions[] = { "win.create-store", "win.open-store", "win.demo-store" };

    for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        button = find_by_id (GTK_WIDGET (window), ids[i]);
        g_assert_true (GTK_IS_BUTTON (button));
        g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, actions[i]);
      }
  }
  /* The empty list offers New Complaint through the window's action. */
  button = find_by_id (GTK_WIDGET (window), "empty_new_complaint_button");
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "win.new-complaint");

  /* The primary menu: New Window; the store; Preferences, Keyboard
   * Shortcuts, Help and About. */
  menu_button = find_by_id (titlebar, "primary_menu_button");
  g_assert_true (GTK_IS_MENU_BUTTON (menu_button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_nonnull (menu);
  {
    const char *expected[][6] = {
      { "app.new-window", NULL },
      { "win.new-store", "win.open-store", "win.open-store-new-window", "win.backup-store",
        "win.verify-store", NULL },
      { "win.preferences", "win.show-help-overlay", "app.help", "app.about", NULL },
    };

    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, G_N_ELEMENTS (expected));
    for (int s = 0; s < (int) G_N_ELEMENTS (expected); s++)
      {
        GMenuModel *section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);
        int         n = 0;

        g_assert_nonnull (section);
        while (expected[s][n] != NULL)
          n++;
        g_assert_cmpint (g_menu_model_get_n_items (section), ==, n);
        for (int i = 0; i < n; i++)
          {
            g_autofree char *action = NULL;

            g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION,
                                                            "s", &action));
            g_assert_cmpstr (action, ==, expected[s][i]);
          }
        g_object_unref (section);
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* GTK 4.8 cannot read an accessible name back, so this checks the next
 * best thing: every button shows words, or, when it shows only an icon,
 * has a tooltip (each such button in the templates also sets its
 * accessible label to the same words). */
static void
assert_buttons_named (GtkWidget *root)
{
  /* GTK's own window controls and search bar name their buttons. */
  if (GTK_IS_WINDOW_CONTROLS (root) || GTK_IS_SEARCH_BAR (root))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SEARCH_BAR (child))
        {
          assert_buttons_named (gtk_search_bar_get_child (GTK_SEARCH_BAR (child)));
          continue;
        }
      if (GTK_IS_BUTTON (child) && !GTK_IS_LINK_BUTTON (child))
        {
          const char *label = gtk_button_get_label (GTK_BUTTON (child));
          const char *tooltip = gtk_widget_get_tooltip_text (child);

          if ((label == NULL || *label == '\0') && (tooltip == NULL || *tooltip == '\0') &&
              gtk_button_get_icon_name (GTK_BUTTON (child)) != NULL)
            g_error ("a button with only the icon %s has no name",
                     gtk_button_get_icon_name (GTK_BUTTON (child)));
        }
      if (GTK_IS_MENU_BUTTON (child))
        {
          const char *label = gtk_menu_button_get_label (GTK_MENU_BUTTON (child));
          const char *tooltip = gtk_widget_get_tooltip_text (child);

          g_assert_true ((label != NULL && *label != '\0') ||
                         (tooltip != NULL && *tooltip != '\0'));
        }
      assert_buttons_named (child);
    }
}

static void
test_window_named (void)
{
  g_autoptr(RdApplication) app = rd_application_new ("io.github.redress.Redress.Test4",
                                                      G_APPLICATION_NON_UNIQUE);
  RdWindow *window;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = rd_window_new (app, NULL);
  assert_buttons_named (GTK_WIDGET (window));
  assert_buttons_named (gtk_window_get_titlebar (GTK_WINDOW (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window opens at the saved size and saves its size when it closes,
 * not at every step of a resize. */
static void
test_window_size_saved (void)
{
  g_autoptr(RdApplication) app = rd_application_new ("io.github.redress.Redress.Test5",
                                                      G_APPLICATION_NON_UNIQUE);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(RdContext) context = NULL;
  RdWindow *window;
  int       width, height;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  settings = g_settings_new ("io.github.redress.Redress");
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 650);
  context = rd_context_new (settings);

  window = rd_window_new (app, context);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);

  /* gtk_window_close() does nothing to a window that was never shown. */
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_realized (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  /* Not written while the window is open... */
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  /* ...but when it closes. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

/* Every accelerator the application sets is in the Keyboard Shortcuts
 * window, and every shortcut there has an accelerator. */
static void
test_help_overlay (void)
{
  g_autoptr(RdApplication) app = rd_application_new ("io.github.redress.Redress.Test3",
                                                      G_APPLICATION_NON_UNIQUE);
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) actions = NULL;
  GObject *overlay;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  builder = gtk_builder_new_from_resource ("/io/github/redress/Redress/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_nonnull (overlay);

  {
    GSList *objects = gtk_builder_get_objects (builder);

    for (GSList *l = objects; l != NULL; l = l->next)
      if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        {
          g_autofree char *action = NULL;
          g_autofree char *accel = NULL;

          g_object_get (l->data, "action-name", &action, "accelerator", &accel, NULL);
          g_assert_true ((action != NULL && *action != '\0') || (accel != NULL && *accel != '\0'));
          if (action != NULL)
            g_hash_table_add (listed, (gpointer) g_intern_string (action));
        }
    g_slist_free (objects);
  }

  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (int i = 0; actions[i] != NULL; i++)
    if (!g_hash_table_contains (listed, actions[i]))
      g_error ("%s has an accelerator but is not in the Keyboard Shortcuts window", actions[i]);

  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* The help page as Mallard writes a key: "<key>Ctrl</key><key>Shift</key>
 * <key>B</key>" inside a <keyseq>, or "<key>F1</key>" alone. */
static char *
accel_to_mallard (const char *accel)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint           key = 0;
  GdkModifierType mods = 0;
  guint           n = 0;
  const char     *name;

  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
  if (mods & GDK_CONTROL_MASK)
    g_string_append (text, "<key>Ctrl</key>"), n++;
  if (mods & GDK_SHIFT_MASK)
    g_string_append (text, "<key>Shift</key>"), n++;
  if (mods & GDK_ALT_MASK)
    g_string_append (text, "<key>Alt</key>"), n++;
  if (key == GDK_KEY_comma)
    name = ",";
  else if (key == GDK_KEY_question)
    name = "?";
  else if (key == GDK_KEY_Left)
    name = "←";
  else
    name = gdk_keyval_name (gdk_keyval_to_upper (key));
  g_string_append_printf (text, "<key>%s</key>", name);
  if (n > 0)
    {
      g_string_prepend (text, "<keyseq>");
      g_string_append (text, "</keyseq>");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* help/C/shortcuts.page lists every accelerator the application sets and
 * the window's own key bindings. */
static void
test_help_page_shortcuts (void)
{
  g_autoptr(RdApplication) app = rd_application_new ("io.github.redress.Redress.Test5",
                                                      G_APPLICATION_NON_UNIQUE);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "help", "C", "shortcuts.page",
                                                 NULL);
  g_autofree char *page = NULL;
  g_auto(GStrv) actions = NULL;
  const char *window_keys[] = { "<Alt>Left", "F5", "F9", "<Alt>1", "<Alt>9", "F10" };

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_assert_true (g_file_get_contents (path, &page, NULL, NULL));

  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (int i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                     actions[i]);

      for (int j = 0; accels[j] != NULL; j++)
        {
          g_autofree char *mallard = accel_to_mallard (accels[j]);

          if (strstr (page, mallard) == NULL)
            g_error ("%s (%s) is not in help/C/shortcuts.page as %s", actions[i], accels[j],
                     mallard);
        }
    }
  for (gsize i = 0; i < G_N_ELEMENTS (window_keys); i++)
    {
      g_autofree char *mallard = accel_to_mallard (window_keys[i]);

      if (strstr (page, mallard) == NULL)
        g_error ("%s is not in help/C/shortcuts.page as %s", window_keys[i], mallard);
    }
}

static void
test_application_actions (void)
{
  g_autoptr(RdApplication) app = rd_application_new ("io.github.redress.Redress.Test2",
                                                      G_APPLICATION_NON_UNIQUE);
  g_auto(GStrv) quit_accels = NULL;
  g_auto(GStrv) help_accels = NULL;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));

  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpstr (quit_accels[0], ==, "<Control>q");
  help_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_cmpstr (help_accels[0], ==, "F1");
}

int
main (int argc, char *argv[])
{
  if (!gtk_init_check ())
    {
      /* Meson runs this under Xvfb; without a display there is nothing to test. */
      g_test_init (&argc, &argv, NULL);
      g_test_skip ("no display: run through meson test, which starts Xvfb");
      return g_test_run ();
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window/template", test_window_template);
  g_test_add_func ("/application/actions", test_application_actions);
  g_test_add_func ("/window/help-overlay", test_help_overlay);
  g_test_add_func ("/window/named", test_window_named);
  g_test_add_func ("/window/size-saved", test_window_size_saved);
  g_test_add_func ("/window/help-page-shortcuts", test_help_page_shortcuts);

  return g_test_run ();
}
