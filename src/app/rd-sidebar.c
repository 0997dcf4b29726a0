/* rd-sidebar.c: the views of the case list, with live counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-sidebar.h"

struct _RdSidebar
{
  GtkWidget parent_instance;

  GtkWidget  *scroller;                /* template child */
  GtkListBox *list_box;                /* template child */
  GtkWidget  *rows[RD_VIEW_N];         /* borrowed */
  GtkLabel   *count_labels[RD_VIEW_N]; /* borrowed */
  int         counts[RD_VIEW_N];
  RdView      view;
};

enum
{
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdSidebar, rd_sidebar, GTK_TYPE_WIDGET)

/* Helpers */

static void
update_row_label (RdSidebar *self, RdView view)
{
  g_autofree char *count_text = NULL;
  g_autofree char *accessible = NULL;
  int              count = self->counts[view];

  if (count >= 0)
    {
      count_text = g_strdup_printf ("%d", count);
      /* Translators: a sidebar entry read aloud: "Overdue, 3 cases" */
      accessible = g_strdup_printf (ngettext ("%s, %d case", "%s, %d cases", count),
                                    rd_view_get_label (view), count);
    }
  gtk_label_set_text (self->count_labels[view], count_text != NULL ? count_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->count_labels[view]), count_text != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows[view]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible != NULL ? accessible : rd_view_get_label (view), -1);
  if (view == RD_VIEW_OVERDUE)
    {
      if (count > 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->count_labels[view]), "overdue");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->count_labels[view]), "overdue");
    }
}

static GtkWidget *
create_row (RdSidebar *self, RdView view)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new_from_icon_name (rd_view_get_icon_name (view));
  GtkWidget *label = gtk_label_new (rd_view_get_label (view));
  GtkWidget *count = gtk_label_new (NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Wrapped, never cut: at large text sizes "Awaiting Clarification"
   * takes two lines rather than becoming "Awaiting…". */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_widget_add_css_class (count, "count");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, rd_view_to_id (view));

  self->rows[view] = row;
  self->count_labels[view] = GTK_LABEL (count);
  return row;
}

/* Callbacks */

static void
row_selected_cb (RdSidebar *self, GtkListBoxRow *row, GtkListBox *list_box)
{
  RdView view;

  if (row == NULL)
    return;

  view = gtk_list_box_row_get_index (row);
  if (view != self->view)
    {
      self->view = view;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
    }
}

static void
row_activated_cb (RdSidebar *self, GtkListBoxRow *row, GtkListBox *list_box)
{
  g_signal_emit (self, signals[ACTIVATED], 0);
}

/* GObject overrides */

static void
rd_sidebar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_SIDEBAR);

  G_OBJECT_CLASS (rd_sidebar_parent_class)->dispose (object);
}

static void
rd_sidebar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdSidebar *self = RD_SIDEBAR (object);

  switch (prop_id)
    {
      case PROP_VIEW:
        g_value_set_int (value, self->view);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_sidebar_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RdSidebar *self = RD_SIDEBAR (object);

  switch (prop_id)
    {
      case PROP_VIEW:
        rd_sidebar_set_view (self, g_value_get_int (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_sidebar_class_init (RdSidebarClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_sidebar_dispose;
  object_class->get_property = rd_sidebar_get_property;
  object_class->set_property = rd_sidebar_set_property;

  properties[PROP_VIEW] = g_param_spec_int ("view", NULL, NULL, 0, RD_VIEW_N - 1, RD_VIEW_ALL_OPEN,
                                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                                                G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The clerk chose a view with Enter or a click (moving through the list
   * with the arrow keys only selects). */
  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, RdSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, RdSidebar, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rdsidebar");
}

static void
rd_sidebar_init (RdSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (RdView view = 0; view < RD_VIEW_N; view++)
    {
      gtk_list_box_append (self->list_box, create_row (self, view));
      self->counts[view] = -1;
      update_row_label (self, view);
    }
  /* All Open, sorted by next deadline, puts the overdue first and then
   * what is due soonest: the morning's list. */
  self->view = RD_VIEW_ALL_OPEN;
  gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (self->rows[self->view]));
}

/* Public API */

RdView
rd_sidebar_get_view (RdSidebar *self)
{
  g_return_val_if_fail (RD_IS_SIDEBAR (self), RD_VIEW_DUE_SOON);

  return self->view;
}

void
rd_sidebar_set_view (RdSidebar *self, RdView view)
{
  g_return_if_fail (RD_IS_SIDEBAR (self));
  g_return_if_fail ((guint) view < RD_VIEW_N);

  /* Selecting the row notifies through row_selected_cb. */
  gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (self->rows[view]));
}

void
rd_sidebar_set_count (RdSidebar *self, RdView view, int count)
{
  g_return_if_fail (RD_IS_SIDEBAR (self));
  g_return_if_fail ((guint) view < RD_VIEW_N);

  if (self->counts[view] == count)
    return;
  self->counts[view] = count;
  update_row_label (self, view);
}

int
rd_sidebar_get_count (RdSidebar *self, RdView view)
{
  g_return_val_if_fail (RD_IS_SIDEBAR (self), -1);
  g_return_val_if_fail ((guint) view < RD_VIEW_N, -1);

  return self->counts[view];
}
