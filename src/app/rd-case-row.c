/* rd-case-row.c: one case in the case list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-row.h"
#include "rd-format.h"

struct _RdCaseRow
{
  GtkWidget parent_instance;

  /* Template children (borrowed) */
  GtkWidget *box;
  GtkLabel  *reference_label;
  GtkLabel  *status_label;
  GtkLabel  *complainant_label;
  GtkLabel  *due_label;
  GtkImage  *due_icon;

  const char *urgency_class; /* static string or NULL */
};

G_DEFINE_FINAL_TYPE (RdCaseRow, rd_case_row, GTK_TYPE_WIDGET)

/* GObject overrides */

static void
rd_case_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_CASE_ROW);

  G_OBJECT_CLASS (rd_case_row_parent_class)->dispose (object);
}

static void
rd_case_row_class_init (RdCaseRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_case_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-case-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCaseRow, box);
  gtk_widget_class_bind_template_child (widget_class, RdCaseRow, reference_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseRow, complainant_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseRow, due_icon);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rdcaserow");
}

static void
rd_case_row_init (RdCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

RdCaseRow *
rd_case_row_new (void)
{
  return g_object_new (RD_TYPE_CASE_ROW, NULL);
}

void
rd_case_row_set_item (RdCaseRow *self, RdCaseListItem *item, RdContext *context)
{
  g_autofree char *due_text = NULL;
  g_autofree char *accessible = NULL;
  const char      *status;
  RdUrgency        urgency = RD_URGENCY_NONE;
  GDate            today;

  g_return_if_fail (RD_IS_CASE_ROW (self));
  g_return_if_fail (item == NULL || RD_IS_CASE_LIST_ITEM (item));
  g_return_if_fail (RD_IS_CONTEXT (context));

  if (self->urgency_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), self->urgency_class);
  self->urgency_class = NULL;

  if (item == NULL)
    {
      gtk_label_set_text (self->reference_label, "");
      gtk_label_set_text (self->status_label, "");
      gtk_label_set_text (self->complainant_label, "");
      gtk_label_set_text (self->due_label, "");
      return;
    }

  rd_context_get_today (context, &today);
  if (rd_case_list_item_get_next_due (item) == NULL &&
      rd_case_list_item_get_retain_until (item) != NULL)
    {
      g_autofree char *until = rd_format_date_short (rd_case_list_item_get_retain_until (item));

      /* Translators: a closed case's records are kept until a date */
      due_text = g_strdup_printf (_("kept until %s"), until);
    }
  else
    due_text = rd_format_next_due (rd_case_list_item_get_next_due (item),
                                   rd_context_get_calendar (context), &today, &urgency);
  status = rd_format_status (rd_case_list_item_get_status (item));

  gtk_label_set_text (self->reference_label, rd_case_list_item_get_reference (item));
  gtk_label_set_text (self->status_label, status);
  gtk_label_set_text (self->complainant_label, rd_case_list_item_get_complainant (item));
  gtk_label_set_text (self->due_label, due_text);

  /* Urgency shows by colour and by the words, and for overdue by an icon. */
  self->urgency_class = rd_format_urgency_css_class (urgency);
  if (self->urgency_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), self->urgency_class);
  gtk_widget_set_visible (GTK_WIDGET (self->due_icon),
                          urgency == RD_URGENCY_OVERDUE || urgency == RD_URGENCY_TODAY);

  /* Translators: a case in the list read aloud: reference, complainant,
   * status, deadline: "DPC-2026-0001, Jane Smith, Open, due in 3 working days" */
  accessible = g_strdup_printf (_("%s, %s, %s, %s"), rd_case_list_item_get_reference (item),
                                   rd_case_list_item_get_complainant (item), status, due_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  /* Screen readers announce the list's item, which is our parent: it gets
   * the same words (GTK 4.8 does not name a list item from its child). */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

const char *
rd_case_row_get_due_text (RdCaseRow *self)
{
  g_return_val_if_fail (RD_IS_CASE_ROW (self), NULL);

  return gtk_label_get_text (self->due_label);
}

const char *
rd_case_row_get_status_text (RdCaseRow *self)
{
  g_return_val_if_fail (RD_IS_CASE_ROW (self), NULL);

  return gtk_label_get_text (self->status_label);
}

const char *
rd_case_row_get_reference_text (RdCaseRow *self)
{
  g_return_val_if_fail (RD_IS_CASE_ROW (self), NULL);

  return gtk_label_get_text (self->reference_label);
}

/**
 * rd_case_row_get_urgency_class:
 *
 * Returns: (nullable): the style class that colours the row ("overdue")
 */
const char *
rd_case_row_get_urgency_class (RdCaseRow *self)
{
  g_return_val_if_fail (RD_IS_CASE_ROW (self), NULL);

  return self->urgency_class;
}
