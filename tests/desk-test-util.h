/* desk-test-util.h: helpers shared by the tests that drive the real window
 * (test-desk, test-desk-files, test-desk-keys).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "store-test-util.h"

G_BEGIN_DECLS

static inline void
rd_test_date_set (GDate *date, int year, int month, int day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static inline gboolean
rd_test_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds: layout, drawing, idle work. */
static inline void
rd_test_pump (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, rd_test_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The widget under @root whose template id is @id, or NULL. */
static inline GtkWidget *
rd_test_find_by_id (GtkWidget *root, const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)), id) == 0)
        return child;
      if ((found = rd_test_find_by_id (child, id)) != NULL)
        return found;
    }

  return NULL;
}

G_END_DECLS
