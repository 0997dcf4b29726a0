/* rd-date-entry.c: a field for one day, typed or picked from a calendar.
 *
 * The clerk types "4/5/2026" (day first, the British way) or "2026-05-04",
 * or picks the day from a calendar; under the field the day is spelt out
 * ("Monday 4 May 2026") so that a misread date shows at once. The checks
 * are rd_validate_date_text(); the widget reports through ::changed and
 * rd_date_entry_get_error(), and the dialog shows the message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-app"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-date-entry.h"
#include "rd-format.h"
#include "rd-validate.h"

struct _RdDateEntry
{
  GtkWidget parent_instance;

  GtkWidget *row;      /* owned child: entry and calendar button */
  GtkWidget *entry;    /* borrowed */
  GtkWidget *button;   /* borrowed */
  GtkWidget *calendar; /* borrowed */
  GtkWidget *spelt;    /* owned child: "Monday 4 May 2026" */

  GDate    date;   /* valid when the text is a valid date */
  GDate    latest; /* invalid: no limit */
  char    *error;  /* owned, nullable */
  gboolean updating;
};

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdDateEntry, rd_date_entry, GTK_TYPE_WIDGET)

/* Helpers */

static void
revalidate (RdDateEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  GDate       date;

  g_clear_pointer (&self->error, g_free);
  g_date_clear (&date, 1);
  self->error = rd_validate_date_text (text, g_date_valid (&self->latest) ? &self->latest : NULL,
                                       &date);
  if (self->error == NULL)
    {
      g_autofree char *spelt = rd_format_date (&date);

      self->date = date;
      gtk_label_set_text (GTK_LABEL (self->spelt), spelt);
    }
  else
    {
      g_date_clear (&self->date, 1);
      /* Its line is kept (a space, not hidden), so the fields under it do
       * not move as the clerk types a date. */
      gtk_label_set_text (GTK_LABEL (self->spelt), " ");
    }
}

static char *
date_to_british (const GDate *date)
{
  return g_strdup_printf ("%u/%u/%u", (guint) g_date_get_day (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_year (date));
}

/* Callbacks */

static void
entry_changed_cb (GtkEditable *editable, RdDateEntry *self)
{
  revalidate (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
day_selected_cb (GtkCalendar *calendar, RdDateEntry *self)
{
  g_autoptr(GDateTime) when = gtk_calendar_get_date (calendar);
  GDate date;

  if (self->updating)
    return;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (when),
                  (GDateMonth) g_date_time_get_month (when),
                  (GDateYear) g_date_time_get_year (when));
  rd_date_entry_set_date (self, &date);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
  gtk_widget_grab_focus (self->entry);
}

static void
popover_show_cb (GtkWidget *popover, RdDateEntry *self)
{
  g_autoptr(GDateTime) when = NULL;

  if (!g_date_valid (&self->date))
    return;

  /* Noon, so that no time zone moves the day. */
  when = g_date_time_new_local ((int) g_date_get_year (&self->date),
                                (int) g_date_get_month (&self->date),
                                (int) g_date_get_day (&self->date), 12, 0, 0);
  self->updating = TRUE;
  gtk_calendar_select_day (GTK_CALENDAR (self->calendar), when);
  self->updating = FALSE;
}

/* GObject overrides */

static void
rd_date_entry_dispose (GObject *object)
{
  RdDateEntry *self = RD_DATE_ENTRY (object);

  g_clear_pointer (&self->row, gtk_widget_unparent);
  g_clear_pointer (&self->spelt, gtk_widget_unparent);

  G_OBJECT_CLASS (rd_date_entry_parent_class)->dispose (object);
}

static void
rd_date_entry_finalize (GObject *object)
{
  RdDateEntry *self = RD_DATE_ENTRY (object);

  g_free (self->error);

  G_OBJECT_CLASS (rd_date_entry_parent_class)->finalize (object);
}

static gboolean
rd_date_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (RD_DATE_ENTRY (widget)->entry);
}

static gboolean
rd_date_entry_mnemonic_activate (GtkWidget *widget, gboolean group_cycling)
{
  return gtk_widget_mnemonic_activate (RD_DATE_ENTRY (widget)->entry, group_cycling);
}

static void
rd_date_entry_class_init (RdDateEntryClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_date_entry_dispose;
  object_class->finalize = rd_date_entry_finalize;
  widget_class->grab_focus = rd_date_entry_grab_focus;
  widget_class->mnemonic_activate = rd_date_entry_mnemonic_activate;

  /**
   * RdDateEntry::changed:
   *
   * The text changed; the date may now be valid or not.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rd-date-entry");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rd_date_entry_init (RdDateEntry *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget        *popover;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);

  g_date_clear (&self->date, 1);
  g_date_clear (&self->latest, 1);

  self->row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->row, "linked");
  gtk_widget_set_parent (self->row, GTK_WIDGET (self));

  self->entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (self->entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _("day/month/year"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 14);
  gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), GTK_INPUT_PURPOSE_FREE_FORM);
  gtk_box_append (GTK_BOX (self->row), self->entry);
  g_signal_connect (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);

  self->calendar = gtk_calendar_new ();
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), self->calendar);
  g_signal_connect (popover, "show", G_CALLBACK (popover_show_cb), self);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);
  gtk_widget_set_tooltip_text (self->button, _("Pick the day from a calendar"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pick the day from a calendar"), -1);
  gtk_box_append (GTK_BOX (self->row), self->button);

  self->spelt = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->spelt), 0.0f);
  gtk_widget_add_css_class (self->spelt, "dim-label");
  gtk_widget_add_css_class (self->spelt, "rd-form-hint");
  gtk_widget_set_parent (self->spelt, GTK_WIDGET (self));

  revalidate (self);
}

/* Public API */

GtkWidget *
rd_date_entry_new (void)
{
  return g_object_new (RD_TYPE_DATE_ENTRY, NULL);
}

/**
 * rd_date_entry_set_date:
 * @date: (nullable): the day to show, or %NULL to empty the field
 */
void
rd_date_entry_set_date (RdDateEntry *self, const GDate *date)
{
  g_autofree char *text = NULL;

  g_return_if_fail (RD_IS_DATE_ENTRY (self));

  if (date != NULL && g_date_valid (date))
    text = date_to_british (date);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
}

/**
 * rd_date_entry_set_text:
 * @text: what the clerk might type
 *
 * For tests and for restoring a draft: sets the text as if typed.
 */
void
rd_date_entry_set_text (RdDateEntry *self, const char *text)
{
  g_return_if_fail (RD_IS_DATE_ENTRY (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
}

/**
 * rd_date_entry_get_date:
 * @out_date: (out) (optional): the day, when valid
 *
 * Returns: whether the field holds a valid day (within the latest day allowed)
 */
gboolean
rd_date_entry_get_date (RdDateEntry *self, GDate *out_date)
{
  g_return_val_if_fail (RD_IS_DATE_ENTRY (self), FALSE);

  if (!g_date_valid (&self->date))
    return FALSE;
  if (out_date != NULL)
    *out_date = self->date;
  return TRUE;
}

/**
 * rd_date_entry_set_latest:
 * @latest: (nullable): the last day allowed (usually today), or %NULL
 */
void
rd_date_entry_set_latest (RdDateEntry *self, const GDate *latest)
{
  g_return_if_fail (RD_IS_DATE_ENTRY (self));

  if (latest != NULL && g_date_valid (latest))
    self->latest = *latest;
  else
    g_date_clear (&self->latest, 1);

  revalidate (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * rd_date_entry_get_error:
 *
 * Returns: (nullable): why the text is not a usable date, or %NULL
 */
const char *
rd_date_entry_get_error (RdDateEntry *self)
{
  g_return_val_if_fail (RD_IS_DATE_ENTRY (self), NULL);

  return self->error;
}

/**
 * rd_date_entry_get_entry:
 *
 * Returns: (transfer none): the text entry, for a label's mnemonic
 */
GtkEntry *
rd_date_entry_get_entry (RdDateEntry *self)
{
  g_return_val_if_fail (RD_IS_DATE_ENTRY (self), NULL);

  return GTK_ENTRY (self->entry);
}
