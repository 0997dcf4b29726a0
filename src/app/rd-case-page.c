/* rd-case-page.c: one case: who, where it stands, what is due, what happened.
 *
 * Everything shown comes from the store (the case, its events and
 * documents) and the rules (status, deadlines with their working, the next
 * steps allowed and why others are not). No deadline arithmetic here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-case-page.h"
#include "rd-deadline-popover.h"
#include "rd-format.h"

struct _RdCasePage
{
  GtkWidget parent_instance;

  RdContext   *context; /* owned */
  gint64       case_id;
  RdCase      *kase;  /* owned, nullable */
  RdCaseState *state; /* owned, nullable */
  guint        n_events;
  guint        n_documents;
  GString     *timeline_text;                          /* owned */
  GString     *deadlines_text;                         /* owned */
  GtkWidget   *action_buttons[RD_EVENT_N_KINDS];       /* borrowed */
  GtkWidget   *deadline_popovers[RD_DEADLINE_N_KINDS]; /* borrowed */
  const char  *urgency_class;

  /* Template children (borrowed) */
  GtkWidget  *scroller;
  GtkLabel   *reference_label;
  GtkLabel   *status_label;
  GtkLabel   *complainant_label;
  GtkLabel   *representative_label;
  GtkLabel   *received_label;
  GtkLabel   *summary_label;
  GtkWidget  *next_box;
  GtkLabel   *next_title_label;
  GtkLabel   *next_date_label;
  GtkLabel   *next_due_label;
  GtkFlowBox *actions_box;
  GtkWidget  *reasons_expander;
  GtkBox     *reasons_box;
  GtkListBox *deadlines_list;
  GtkListBox *timeline_list;
  GtkListBox *documents_list;
  GtkWidget  *letter_button;
  GtkWidget  *bundle_button;
};

enum
{
  FILES_DROPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdCasePage, rd_case_page, GTK_TYPE_WIDGET)

/* Helpers */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
text_row (const char *title, const char *subtitle, GtkWidget *suffix)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (title);

  gtk_widget_add_css_class (box, "row-content");
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_box_append (GTK_BOX (labels), title_label);
  if (subtitle != NULL && *subtitle != '\0')
    {
      GtkWidget *subtitle_label = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
      gtk_label_set_wrap (GTK_LABEL (subtitle_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (subtitle_label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (subtitle_label), TRUE);
      gtk_widget_set_name (subtitle_label, "subtitle");
      gtk_box_append (GTK_BOX (labels), subtitle_label);
    }
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);
  if (suffix != NULL)
    {
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), suffix);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  {
    /* What a screen reader says for the row: its title and its details. */
    g_autofree char *name = subtitle != NULL && *subtitle != '\0'
                                ? g_strdup_printf ("%s. %s", title, subtitle)
                                : g_strdup (title);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }

  return row;
}

static char *
describe_deadline (RdCasePage *self, const RdDeadline *deadline, RdUrgency *out_urgency)
{
  g_autofree char *due = g_date_valid (&deadline->due) ? rd_format_date (&deadline->due) : NULL;
  g_autofree char *met = g_date_valid (&deadline->met_on) ? rd_format_date (&deadline->met_on)
                                                          : NULL;
  GDate            today;

  *out_urgency = RD_URGENCY_NONE;
  rd_case_state_get_today (self->state, &today);

  switch (deadline->state)
    {
      case RD_DEADLINE_WAITING:
        return g_strdup (_("Waiting: the clock starts when identity or authority is settled"));
      case RD_DEADLINE_PAUSED:
        /* Translators: %s is a date */
        return g_strdup_printf (_("Paused for clarification: %s if the answer came today"), due);
      case RD_DEADLINE_MET:
        /* Translators: done on a date, due on a date */
        return g_strdup_printf (_("Met on %s (due %s)"), met, due);
      case RD_DEADLINE_LAPSED:
        return g_strdup_printf (_("Ended %s with no request"), due);
      case RD_DEADLINE_MISSED:
        if (met != NULL)
          return g_strdup_printf (_("Done late on %s (due %s)"), met, due);
        G_GNUC_FALLTHROUGH;
      case RD_DEADLINE_OPEN:
      default:
        {
          g_autofree char *when = rd_format_next_due (
              &deadline->due, rd_case_state_get_calendar (self->state), &today, out_urgency);

          /* Translators: a date, then "due in 3 working days" or "overdue by 2 days" */
          return g_strdup_printf (_("%s, %s"), due, when);
        }
    }
}

static void
fill_deadlines (RdCasePage *self)
{
  clear_list (self->deadlines_list);
  memset (self->deadline_popovers, 0, sizeof self->deadline_popovers);
  g_string_truncate (self->deadlines_text, 0);

  for (RdDeadlineKind kind = 0; kind < RD_DEADLINE_N_KINDS; kind++)
    {
      const RdDeadline *deadline = rd_case_state_get_deadline (self->state, kind);
      g_autofree char  *text = NULL;
      GtkWidget        *button;
      GtkWidget        *popover;
      GtkWidget        *row;
      RdUrgency         urgency;
      const char       *css;

      if (deadline == NULL)
        continue;

      text = describe_deadline (self, deadline, &urgency);
      button = gtk_menu_button_new ();
      gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("How Was This Worked Out?"));
      gtk_widget_set_tooltip_text (button, _("Show how this deadline was worked out"));
      {
        /* Several such buttons on the page: each says which deadline. */
        g_autofree char *name = g_strdup_printf (_("How the “%s” deadline was worked out"),
                                                    rd_deadline_kind_get_label (kind));

        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        name, -1);
      }
      gtk_widget_add_css_class (button, "flat");
      popover = rd_deadline_popover_new (deadline);
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
      self->deadline_popovers[kind] = popover;

      row = text_row (rd_deadline_kind_get_label (kind), text, button);
      css = rd_format_urgency_css_class (urgency);
      if (css != NULL && urgency != RD_URGENCY_LATER)
        gtk_widget_add_css_class (row, css);
      gtk_list_box_append (self->deadlines_list, row);

      g_string_append_printf (self->deadlines_text, "%s: %s\n", rd_deadline_kind_get_label (kind),
                              text);
    }
}

static void
fill_next (RdCasePage *self)
{
  RdDeadlineKind kind;
  GDate          due;
  GDate          today;

  if (self->urgency_class != NULL)
    gtk_widget_remove_css_class (self->next_box, self->urgency_class);
  self->urgency_class = NULL;

  if (rd_case_state_get_next_due (self->state, &due, &kind))
    {
      g_autofree char *title = g_strdup_printf (_("Next deadline: %s"),
                                                   rd_deadline_kind_get_label (kind));
      g_autofree char *date = rd_format_date (&due);
      g_autofree char *when = NULL;
      RdUrgency        urgency;

      rd_case_state_get_today (self->state, &today);
      when = rd_format_next_due (&due, rd_case_state_get_calendar (self->state), &today, &urgency);
      gtk_label_set_text (self->next_title_label, title);
      gtk_label_set_text (self->next_date_label, date);
      gtk_label_set_text (self->next_due_label, when);
      self->urgency_class = rd_format_urgency_css_class (urgency);
      if (self->urgency_class != NULL)
        gtk_widget_add_css_class (self->next_box, self->urgency_class);
    }
  else
    {
      gtk_label_set_text (self->next_title_label, _("Next deadline"));
      gtk_label_set_text (self->next_date_label, _("Nothing is due"));
      gtk_label_set_text (self->next_due_label, rd_case_state_get_clock_paused (self->state)
                          ? _("The clock is stopped until the clarification arrives.")
                          : "");
    }
}

static void
action_clicked_cb (GtkButton *button, RdCasePage *self)
{
  const char *kind = g_object_get_data (G_OBJECT (button), "rd-event-kind");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.record-event", "s", kind);
}

static void
fill_actions (RdCasePage *self)
{
  g_autoptr(GArray) actions = rd_case_state_list_actions (self->state);
  GtkWidget *child;
  guint      n_refused = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box))) != NULL)
    gtk_flow_box_remove (self->actions_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->reasons_box))) != NULL)
    gtk_box_remove (self->reasons_box, child);
  memset (self->action_buttons, 0, sizeof self->action_buttons);

  /* What may be done now first, then the rest greyed out with the rule's
   * reason as the tooltip; the reasons are also written out under "Why
   * some steps are greyed out", for those who use the keyboard (a greyed
   * button cannot take the focus to show its tooltip). */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < actions->len; i++)
      {
        const RdAction *action = &g_array_index (actions, RdAction, i);
        GtkWidget      *button;

        if (action->allowed != (pass == 0))
          continue;
        /* Destruction is offered only when it is due. */
        if (action->kind == RD_EVENT_DESTROYED && !action->allowed)
          continue;

        button = gtk_button_new_with_label (rd_format_event_action (action->kind));
        g_object_set_data (G_OBJECT (button), "rd-event-kind",
                           (gpointer) rd_event_kind_to_id (action->kind));
        gtk_widget_set_name (button, rd_event_kind_to_id (action->kind));
        gtk_widget_set_sensitive (button, action->allowed);
        if (!action->allowed && action->reason != NULL)
          {
            g_autofree char *line = NULL;
            GtkWidget       *label;

            gtk_widget_set_tooltip_text (button, action->reason);
            gtk_accessible_update_property (
                GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, action->reason, -1);
            /* Translators: a step that cannot be taken now, then why */
            line = g_strdup_printf (_("%s: %s"), rd_format_event_action (action->kind),
                                       action->reason);
            label = gtk_label_new (line);
            gtk_label_set_xalign (GTK_LABEL (label), 0);
            gtk_label_set_wrap (GTK_LABEL (label), TRUE);
            gtk_label_set_selectable (GTK_LABEL (label), TRUE);
            gtk_box_append (self->reasons_box, label);
            n_refused++;
          }
        else
          {
            g_autofree char *tooltip = g_strdup_printf (_("Record “%s” on this case"),
                                                           rd_event_kind_get_label (action->kind));

            gtk_widget_set_tooltip_text (button, tooltip);
          }
        if (action->allowed && action->kind == RD_EVENT_DESTROYED)
          gtk_widget_add_css_class (button, "destructive-action");
        g_signal_connect (button, "clicked", G_CALLBACK (action_clicked_cb), self);
        gtk_flow_box_append (self->actions_box, button);
        self->action_buttons[action->kind] = button;
      }

  gtk_widget_set_visible (GTK_WIDGET (self->reasons_expander), n_refused > 0);
}

static char *
describe_event_details (RdCaseEvent *event)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *value;
  GDate       date;
  RdOutcome   outcome;

  if ((value = rd_case_event_get_detail (event, RD_DETAIL_OUTCOME)) != NULL &&
      rd_outcome_from_id (value, &outcome))
    g_string_append_printf (text, _("Outcome: %s\n"), rd_outcome_get_label (outcome));
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_SUMMARY)) != NULL && *value != '\0')
    g_string_append_printf (text, _("Summary: %s\n"), value);
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_CHANNEL)) != NULL &&
      rd_format_channel (value) != NULL)
    /* Translators: how a letter went, e.g. "Sent by post" */
    g_string_append_printf (text, _("Sent %s\n"), rd_format_channel (value));
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_QUESTION)) != NULL && *value != '\0')
    g_string_append_printf (text, _("Asked: %s\n"), value);
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_DOCUMENT)) != NULL)
    g_string_append_printf (text, _("Identity document: %s\n"), g_str_equal (value, "passport")
                                     ? _("passport")
                                     : g_str_equal (value, "driving-licence")
                                     ? _("driving licence")
                                     : _("other"));
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_CHECKED_BY)) != NULL)
    g_string_append_printf (text, _("Checked by: %s\n"), value);
  {
    JsonObject *details = rd_case_event_get_details (event);

    if (details != NULL && json_object_has_member (details, RD_DETAIL_MONTHS))
      {
        gint64 months = json_object_get_int_member (details, RD_DETAIL_MONTHS);

        if (months > 0)
          g_string_append_printf (
              text, ngettext ("Extended by %d month\n", "Extended by %d months\n", (gulong) months),
              (int) months);
      }
    if (details != NULL && json_object_has_member (details, RD_DETAIL_RIGHTS_TOLD) &&
        json_object_get_boolean_member (details, RD_DETAIL_RIGHTS_TOLD))
      g_string_append (text, _("Told of the right to complain to the ICO and to a judicial "
                               "remedy\n"));
  }
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_REASON)) != NULL)
    g_string_append_printf (text, _("Reason: %s\n"), value);
  if (rd_case_event_get_detail_date (event, RD_DETAIL_NOTIFIED, &date))
    {
      g_autofree char *day = rd_format_date (&date);

      g_string_append_printf (text, _("Complainant told on %s\n"), day);
    }
  {
    g_autoptr(GArray) factors = rd_case_event_get_factors (event);

    for (guint i = 0; factors != NULL && i < factors->len; i++)
      {
        guint number = g_array_index (factors, guint, i);

        g_string_append_printf (text, _("Factor %u: %s\n"), number,
                                         rd_refusal_factor_get_label (number));
      }
  }
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_REASONS)) != NULL)
    g_string_append_printf (text, _("Reasons: %s\n"), value);
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_ICO_REF)) != NULL)
    g_string_append_printf (text, _("ICO reference: %s\n"), value);
  if (rd_case_event_get_detail_date (event, RD_DETAIL_ICO_DUE, &date))
    {
      g_autofree char *day = rd_format_date (&date);

      g_string_append_printf (text, _("The ICO’s deadline: %s\n"), day);
    }
  if ((value = rd_case_event_get_note (event)) != NULL && *value != '\0')
    g_string_append_printf (text, "%s\n", value);
  if ((value = rd_case_event_get_recorded_by (event)) != NULL && *value != '\0')
    g_string_append_printf (text, _("Recorded by %s"), value);

  while (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_timeline (RdCasePage *self, GPtrArray *events)
{
  clear_list (self->timeline_list);
  g_string_truncate (self->timeline_text, 0);
  self->n_events = events != NULL ? events->len : 0;

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      RdCaseEvent     *event = g_ptr_array_index (events, i);
      g_autofree char *date = rd_format_date (rd_case_event_get_date (event));
      g_autofree char *details = describe_event_details (event);
      g_autofree char *title = NULL;
      RdEventKind      kind;
      const char      *label = rd_case_event_get_kind (event);

      if (rd_event_kind_from_id (label, &kind))
        label = rd_event_kind_get_label (kind);
      /* Translators: a timeline entry: a date, then what happened */
      title = g_strdup_printf (_("%s: %s"), date, label);
      gtk_list_box_append (self->timeline_list, text_row (title, details, NULL));
      g_string_append_printf (self->timeline_text, "%s\n%s\n", title, details);
    }
}

static char *
format_size (goffset size)
{
  return g_format_size ((guint64) size);
}

static void
fill_documents (RdCasePage *self, GPtrArray *documents)
{
  clear_list (self->documents_list);
  self->n_documents = documents != NULL ? documents->len : 0;

  if (self->n_documents == 0)
    {
      GtkWidget *row = text_row (_("No documents yet"), NULL, NULL);

      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->documents_list, row);
      return;
    }

  for (guint i = 0; i < documents->len; i++)
    {
      RdDocument      *document = g_ptr_array_index (documents, i);
      g_autofree char *size = format_size (rd_document_get_size (document));
      g_autofree char *subtitle = g_strdup_printf (
          "%s · %s", rd_format_document_kind (rd_document_get_kind (document)), size);
      g_autofree char *open_name = NULL;
      g_autofree char *save_name = NULL;
      GVariant        *target = g_variant_new_int64 (rd_document_get_id (document));
      GtkWidget       *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget       *open = gtk_button_new_with_mnemonic (_("_Open"));
      GtkWidget       *save = gtk_button_new_with_mnemonic (_("_Save a Copy…"));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "win.open-document");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (open), target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "win.save-document");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (save), target);
      /* Translators: %s is a document's file name */
      open_name = g_strdup_printf (_("Open %s"), rd_document_get_name (document));
      save_name = g_strdup_printf (_("Save a copy of %s"), rd_document_get_name (document));
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      open_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      save_name, -1);
      gtk_box_append (GTK_BOX (buttons), open);
      gtk_box_append (GTK_BOX (buttons), save);
      gtk_list_box_append (self->documents_list,
                           text_row (rd_document_get_name (document), subtitle, buttons));
    }
}

static void
fill_header (RdCasePage *self)
{
  RdPerson        *subject = rd_case_get_subject (self->kase);
  RdPerson        *representative = rd_case_get_representative (self->kase);
  g_autofree char *received_text = NULL;
  const char      *status = rd_status_get_label (rd_case_state_get_status (self->state));
  const char      *summary = rd_case_get_summary (self->kase);

  gtk_label_set_text (self->reference_label, rd_case_get_reference (self->kase));
  gtk_label_set_text (self->status_label, status);
  gtk_label_set_text (self->complainant_label, subject != NULL ? rd_person_get_name (subject) : "");

  if (representative != NULL)
    {
      const char      *authority = rd_format_authority (rd_case_get_authority (self->kase));
      g_autofree char *text = NULL;

      if (rd_case_state_get_consent_needed (self->state))
        /* Translators: a representative's name, then the kind of authority they hold */
        text = g_strdup_printf (_("Represented by %s (%s): the data subject’s written consent is "
                                  "not yet on record"),
                                   rd_person_get_name (representative), authority);
      else
        text = g_strdup_printf (_("Represented by %s (%s)"), rd_person_get_name (representative),
                                   authority);
      gtk_label_set_text (self->representative_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->representative_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->representative_label), FALSE);

  received_text = rd_format_received (rd_case_get_received (self->kase),
                                      rd_case_get_channel (self->kase));
  gtk_label_set_text (self->received_label, received_text);
  gtk_label_set_text (self->summary_label, summary != NULL ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL && *summary != '\0');
}

static gboolean
load (RdCasePage *self, GError **error)
{
  RdStore *store;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(RdCaseState) state = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  GDate today;

  if (self->context == NULL || (store = rd_context_get_store (self->context)) == NULL)
    return FALSE;

  rd_context_get_today (self->context, &today);
  if ((kase = rd_store_get_case (store, self->case_id, error)) == NULL ||
      (events = rd_store_list_events (store, self->case_id, error)) == NULL ||
      (state = rd_store_get_case_state (store, self->case_id, &today, error)) == NULL)
    return FALSE;
  documents = rd_store_list_documents (store, self->case_id, NULL);

  g_set_object (&self->kase, kase);
  g_set_object (&self->state, state);

  fill_header (self);
  fill_next (self);
  fill_actions (self);
  fill_deadlines (self);
  fill_timeline (self, events);
  fill_documents (self, documents);

  return TRUE;
}

/* Callbacks */

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, RdCasePage *self)
{
  GdkFileList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->kase == NULL)
    return FALSE;

  files = g_value_get_boxed (value);
  g_signal_emit (self, signals[FILES_DROPPED], 0, files);
  return TRUE;
}

/* GObject overrides */

static void
rd_case_page_dispose (GObject *object)
{
  RdCasePage *self = RD_CASE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_CASE_PAGE);
  g_clear_object (&self->kase);
  g_clear_object (&self->state);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_case_page_parent_class)->dispose (object);
}

static void
rd_case_page_finalize (GObject *object)
{
  RdCasePage *self = RD_CASE_PAGE (object);

  g_string_free (self->timeline_text, TRUE);
  g_string_free (self->deadlines_text, TRUE);

  G_OBJECT_CLASS (rd_case_page_parent_class)->finalize (object);
}

static void
rd_case_page_class_init (RdCasePageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_case_page_dispose;
  object_class->finalize = rd_case_page_finalize;

  signals[FILES_DROPPED] = g_signal_new ("files-dropped", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         GDK_TYPE_FILE_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, reference_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, complainant_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, representative_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, received_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, next_box);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, next_title_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, next_date_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, next_due_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, reasons_expander);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, reasons_box);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, deadlines_list);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, documents_list);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, letter_button);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, bundle_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rdcasepage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rd_case_page_init (RdCasePage *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->timeline_text = g_string_new (NULL);
  self->deadlines_text = g_string_new (NULL);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Case"), -1);
}

/* Public API */

void
rd_case_page_set_context (RdCasePage *self, RdContext *context)
{
  g_return_if_fail (RD_IS_CASE_PAGE (self));
  g_return_if_fail (context == NULL || RD_IS_CONTEXT (context));

  g_set_object (&self->context, context);
}

/**
 * rd_case_page_set_case_id:
 * @case_id: the case to show, or 0 for none
 */
gboolean
rd_case_page_set_case_id (RdCasePage *self, gint64 case_id, GError **error)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), FALSE);

  self->case_id = case_id;
  if (case_id == 0)
    {
      g_clear_object (&self->kase);
      g_clear_object (&self->state);
      return TRUE;
    }

  if (!load (self, error))
    {
      g_clear_object (&self->kase);
      g_clear_object (&self->state);
      self->case_id = 0;
      return FALSE;
    }

  gtk_adjustment_set_value (
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
  return TRUE;
}

gint64
rd_case_page_get_case_id (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), 0);

  return self->case_id;
}

/**
 * rd_case_page_get_case:
 *
 * Returns: (transfer none) (nullable): the case shown
 */
RdCase *
rd_case_page_get_case (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);

  return self->kase;
}

/**
 * rd_case_page_get_state:
 *
 * Returns: (transfer none) (nullable): the rules' state of the case shown
 */
RdCaseState *
rd_case_page_get_state (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);

  return self->state;
}

void
rd_case_page_reload (RdCasePage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RD_IS_CASE_PAGE (self));

  if (self->case_id != 0 && !load (self, &error))
    {
      /* The case was destroyed or the store closed: show nothing. */
      g_debug ("The case page could not be reloaded: %s", error ? error->message : "no store");
      g_clear_object (&self->kase);
      g_clear_object (&self->state);
      self->case_id = 0;
    }
}

/**
 * rd_case_page_get_action_button:
 *
 * Returns: (transfer none) (nullable): the button for recording @kind, or
 *   %NULL when it is not offered
 */
GtkWidget *
rd_case_page_get_action_button (RdCasePage *self, RdEventKind kind)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);
  g_return_val_if_fail ((guint) kind < RD_EVENT_N_KINDS, NULL);

  return self->action_buttons[kind];
}

/**
 * rd_case_page_get_deadline_popover:
 *
 * Returns: (transfer none) (nullable): the "how was this worked out"
 *   popover of a deadline shown on the page
 */
GtkWidget *
rd_case_page_get_deadline_popover (RdCasePage *self, RdDeadlineKind kind)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);
  g_return_val_if_fail ((guint) kind < RD_DEADLINE_N_KINDS, NULL);

  return self->deadline_popovers[kind];
}

const char *
rd_case_page_get_status_text (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);

  return gtk_label_get_text (self->status_label);
}

const char *
rd_case_page_get_next_due_text (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);

  return gtk_label_get_text (self->next_due_label);
}

const char *
rd_case_page_get_next_date_text (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);

  return gtk_label_get_text (self->next_date_label);
}

const char *
rd_case_page_get_representative_text (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->representative_label))
             ? gtk_label_get_text (self->representative_label)
             : NULL;
}

guint
rd_case_page_get_n_events (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), 0);

  return self->n_events;
}

guint
rd_case_page_get_n_documents (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), 0);

  return self->n_documents;
}

char *
rd_case_page_dup_timeline_text (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);

  return g_strdup (self->timeline_text->str);
}

char *
rd_case_page_dup_deadlines_text (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);

  return g_strdup (self->deadlines_text->str);
}
