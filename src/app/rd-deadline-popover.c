/* rd-deadline-popover.c: "How was this worked out?" for one deadline.
 *
 * Shows the rules' working as data: the start day and why, the rule and
 * its source, each pause, each weekend day and bank holiday (by name) that
 * moved the end. No arithmetic: every date and count comes from RdWorking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-deadline-popover.h"
#include "rd-format.h"

struct _RdDeadlinePopover
{
  GtkPopover parent_instance;

  GtkGrid *grid; /* borrowed */
  int      n_rows;
  GString *text; /* owned: what it says, for dup_text() */
};

G_DEFINE_FINAL_TYPE (RdDeadlinePopover, rd_deadline_popover, GTK_TYPE_POPOVER)

/* Helpers */

static void
add_fact (RdDeadlinePopover *self, const char *name, const char *value, const char *css_class)
{
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_yalign (GTK_LABEL (name_label), 0);
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (value_label), 48);
  if (css_class != NULL)
    gtk_widget_add_css_class (value_label, css_class);

  gtk_grid_attach (self->grid, name_label, 0, self->n_rows, 1, 1);
  gtk_grid_attach (self->grid, value_label, 1, self->n_rows, 1, 1);
  self->n_rows++;

  g_string_append_printf (self->text, "%s %s\n", name, value);
}

static char *
describe_skipped (const RdSkippedDay *day)
{
  g_autofree char *date = rd_format_date (&day->date);

  if (day->reason == RD_SKIP_HOLIDAY && day->holiday_title != NULL)
    /* Translators: a day skipped while counting: date, then the bank holiday's name */
    return g_strdup_printf (_("%s, %s"), date, day->holiday_title);
  if (day->reason == RD_SKIP_HOLIDAY)
    return g_strdup_printf (_("%s, a bank holiday"), date);

  return g_strdup_printf (_("%s, weekend"), date);
}

static char *
describe_pause (const RdPause *pause)
{
  g_autofree char *from = rd_format_date (&pause->from);
  g_autofree char *to = rd_format_date (&pause->to);

  if (!pause->counted)
    /* Translators: a pause for clarification: from, to */
    return g_strdup_printf (_("%s to %s: not counted, the deadline had already passed"), from, to);
  if (pause->open)
    return g_strdup_printf (ngettext ("%s to today, still waiting: %u day so far",
                                      "%s to today, still waiting: %u days so far", pause->days),
                            from, pause->days);

  return g_strdup_printf (ngettext ("%s to %s: %u day", "%s to %s: %u days", pause->days), from, to,
                          pause->days);
}

static void
fill (RdDeadlinePopover *self, const RdDeadline *deadline)
{
  const RdWorking *working = &deadline->working;
  g_autofree char *title = NULL;
  GtkWidget       *heading;

  title = g_strdup_printf (_("How “%s” was worked out"),
                              rd_deadline_kind_get_label (deadline->kind));
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_grid_attach (self->grid, heading, 0, self->n_rows++, 2, 1);
  g_string_append_printf (self->text, "%s\n", title);

  if (deadline->state == RD_DEADLINE_WAITING || !g_date_valid (&working->start))
    {
      add_fact (self,
                _("Start"),
                   _("The clock has not started: identity or the representative’s authority is "
                  "not settled yet."),
                      NULL);
      return;
    }

  {
    g_autofree char *start = rd_format_date (&working->start);
    g_autofree char *text = g_strdup_printf (_("%s (%s)"), start,
                                                rd_start_reason_get_label (working->start_reason));

    add_fact (self, _("Start"), text, NULL);
  }

  add_fact (self, _("Rule"), rd_rule_get_name (working->rule), NULL);
  add_fact (self, _("Source"), rd_rule_get_source (working->rule), NULL);

  if (g_date_valid (&working->unadjusted) && working->rule != RD_RULE_ICO_DATE)
    {
      g_autofree char *unadjusted = rd_format_date (&working->unadjusted);

      add_fact (self, _("Before adjustments"), unadjusted, NULL);
    }

  if (working->pauses != NULL && working->pauses->len > 0)
    {
      for (guint i = 0; i < working->pauses->len; i++)
        {
          g_autofree char *pause = describe_pause (&g_array_index (working->pauses, RdPause, i));

          add_fact (self, i == 0 ? _("Paused") : "", pause, NULL);
        }
    }
  else
    add_fact (self, _("Paused"), _("Never"), NULL);

  if (working->skipped != NULL && working->skipped->len > 0)
    {
      for (guint i = 0; i < working->skipped->len; i++)
        {
          g_autofree char *skipped = describe_skipped (
              &g_array_index (working->skipped, RdSkippedDay, i));

          add_fact (self, i == 0 ? _("Days skipped") : "", skipped, NULL);
        }
    }
  else
    add_fact (self, _("Days skipped"), _("None"), NULL);

  if (g_date_valid (&deadline->due))
    {
      g_autofree char *due = rd_format_date (&deadline->due);

      add_fact (self, deadline->state == RD_DEADLINE_PAUSED ? _("Due if answered today")
                                                            : _("Due"), due, "heading");
    }

  if (deadline->extended && g_date_valid (&deadline->original_due))
    {
      g_autofree char *original = rd_format_date (&deadline->original_due);

      add_fact (self, _("Before the extension"), original, NULL);
      if (deadline->extension_notified_late)
        add_fact (self,
                  _("Warning"),
                     _("The extension was notified after the original deadline, so it cannot be "
                    "relied on."),
                        "error");
    }

  if (g_date_valid (&deadline->statutory_due))
    {
      g_autofree char *statutory = rd_format_date (&deadline->statutory_due);

      add_fact (self, _("Legal limit"), statutory, NULL);
    }

  if (working->incomplete_holiday_data)
    add_fact (self,
              _("Warning"),
                 _("The bank holiday data does not cover every year involved: this date may be "
                "wrong. Load newer holiday data in Preferences."),
                    "error");
}

/* GObject overrides */

static void
rd_deadline_popover_finalize (GObject *object)
{
  RdDeadlinePopover *self = RD_DEADLINE_POPOVER (object);

  g_string_free (self->text, TRUE);

  G_OBJECT_CLASS (rd_deadline_popover_parent_class)->finalize (object);
}

static void
rd_deadline_popover_class_init (RdDeadlinePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_deadline_popover_finalize;
}

static void
rd_deadline_popover_init (RdDeadlinePopover *self)
{
  self->text = g_string_new (NULL);
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_grid_set_column_spacing (self->grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->grid), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->grid), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->grid), 6);
  gtk_popover_set_child (GTK_POPOVER (self), GTK_WIDGET (self->grid));
  gtk_widget_add_css_class (GTK_WIDGET (self), "deadline-working");
}

/* Public API */

GtkWidget *
rd_deadline_popover_new (const RdDeadline *deadline)
{
  RdDeadlinePopover *self;

  g_return_val_if_fail (deadline != NULL, NULL);

  self = g_object_new (RD_TYPE_DEADLINE_POPOVER, NULL);
  fill (self, deadline);

  return GTK_WIDGET (self);
}

char *
rd_deadline_popover_dup_text (RdDeadlinePopover *self)
{
  g_return_val_if_fail (RD_IS_DEADLINE_POPOVER (self), NULL);

  return g_strdup (self->text->str);
}
