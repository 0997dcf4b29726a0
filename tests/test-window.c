/* test-window.c: the main window builds from its template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "rd-application.h"
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
  RdWindow   *window;
  GtkWidget  *titlebar;
  GtkWidget  *stack;
  GtkWidget  *button;
  GtkWidget  *menu_button;
  GMenuModel *menu;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = rd_window_new (app);
  g_assert_nonnull (window);

  titlebar = gtk_window_get_titlebar (GTK_WINDOW (window));
  g_assert_true (GTK_IS_HEADER_BAR (titlebar));

  stack = find_by_id (GTK_WIDGET (window), "main_stack");
  g_assert_true (GTK_IS_STACK (stack));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");

  /* The empty state offers New Complaint through the window's action. */
  button = find_by_id (GTK_WIDGET (window), "empty_new_complaint_button");
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "win.new-complaint");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-complaint", NULL));

  /* The primary menu holds Preferences, Keyboard Shortcuts, Help and About. */
  menu_button = find_by_id (titlebar, "primary_menu_button");
  g_assert_true (GTK_IS_MENU_BUTTON (menu_button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_nonnull (menu);
  {
    const char *expected[] = { "win.preferences", "win.show-help-overlay", "app.help",
                               "app.about" };
    GMenuModel *section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);

    g_assert_nonnull (section);
    g_assert_cmpint (g_menu_model_get_n_items (section), ==, G_N_ELEMENTS (expected));
    for (int i = 0; i < (int) G_N_ELEMENTS (expected); i++)
      {
        g_autofree char *action = NULL;

        g_assert_true (
            g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
        g_assert_cmpstr (action, ==, expected[i]);
      }
    g_object_unref (section);
  }

  gtk_window_destroy (GTK_WINDOW (window));
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

  return g_test_run ();
}
