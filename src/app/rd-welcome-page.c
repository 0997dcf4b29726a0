/* rd-welcome-page.c: the first-run page, shown while no store is open.
 *
 * It only gathers what the clerk typed; the window's actions
 * (win.create-store, win.open-store, win.demo-store) do the work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-welcome-page.h"

struct _RdWelcomePage
{
  GtkWidget parent_instance;

  /* Template children (borrowed) */
  GtkWidget   *scroller;
  GtkEntry    *council_entry;
  GtkDropDown *division_dropdown;
  GtkLabel    *path_label;
  GtkLabel    *error_label;
  GtkButton   *create_button;
};

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdWelcomePage, rd_welcome_page, GTK_TYPE_WIDGET)

/* In the order of the drop-down's items. */
static const char *const divisions[] = { "england-and-wales", "scotland", "northern-ireland" };

/* Callbacks */

static void
council_changed_cb (RdWelcomePage *self)
{
  /* The window enables win.create-store only with a council name: a store
   * without one would print letters from nobody. */
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
entry_activate_cb (RdWelcomePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.create-store", NULL);
}

/* GObject overrides */

static void
rd_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (rd_welcome_page_parent_class)->dispose (object);
}

static void
rd_welcome_page_class_init (RdWelcomePageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_welcome_page_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, council_entry);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, division_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, path_label);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, create_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rd_welcome_page_init (RdWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Welcome"), -1);
  g_signal_connect_swapped (self->council_entry, "changed", G_CALLBACK (council_changed_cb), self);
  g_signal_connect_swapped (self->council_entry, "activate", G_CALLBACK (entry_activate_cb), self);
}

/* Public API */

char *
rd_welcome_page_dup_council_name (RdWelcomePage *self)
{
  g_return_val_if_fail (RD_IS_WELCOME_PAGE (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->council_entry))));
}

void
rd_welcome_page_set_council_name (RdWelcomePage *self, const char *name)
{
  g_return_if_fail (RD_IS_WELCOME_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->council_entry), name != NULL ? name : "");
}

const char *
rd_welcome_page_get_division (RdWelcomePage *self)
{
  guint selected;

  g_return_val_if_fail (RD_IS_WELCOME_PAGE (self), NULL);

  selected = gtk_drop_down_get_selected (self->division_dropdown);
  return selected < G_N_ELEMENTS (divisions) ? divisions[selected] : divisions[0];
}

void
rd_welcome_page_set_division (RdWelcomePage *self, const char *division)
{
  g_return_if_fail (RD_IS_WELCOME_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (divisions); i++)
    if (g_strcmp0 (division, divisions[i]) == 0)
      gtk_drop_down_set_selected (self->division_dropdown, i);
}

void
rd_welcome_page_set_path (RdWelcomePage *self, const char *path)
{
  g_autofree char *text = NULL;

  g_return_if_fail (RD_IS_WELCOME_PAGE (self));

  if (path != NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      /* Translators: %s is the file the new store will be kept in */
      text = g_strdup_printf (_("The store will be kept in %s"), display);
    }
  gtk_label_set_text (self->path_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->path_label), text != NULL);
}

void
rd_welcome_page_set_error (RdWelcomePage *self, const char *message)
{
  g_return_if_fail (RD_IS_WELCOME_PAGE (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}
