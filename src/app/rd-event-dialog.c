/* rd-event-dialog.c: record one step of a case (an event of any kind).
 *
 * One dialog for every kind of event, built from a table: each kind names
 * the fields it needs (which identity document was seen and who checked
 * it, an extension's reason and notification date, an outcome, a refusal's
 * factors and reasons, the ICO's reference and deadline, …) on top of the
 * date and the note every event has. Fields are checked as the clerk
 * types; before anything is written the rules are asked, through the
 * store, whether the event may be recorded now, and if not their message
 * is shown in the dialog and nothing is saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-app"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-date-entry.h"
#include "rd-event-dialog.h"
#include "rd-form.h"
#include "rd-validate.h"

typedef enum
{
  FIELD_NONE,
  FIELD_DOCUMENT,   /* identity document seen */
  FIELD_CHECKED_BY, /* who checked it */
  FIELD_REASON,     /* extension: why */
  FIELD_NOTIFIED,   /* extension: the day the complainant was told */
  FIELD_OUTCOME,    /* upheld / partly upheld / not upheld */
  FIELD_SUMMARY,    /* the outcome in a few words */
  FIELD_FACTORS,    /* the policy's five factors */
  FIELD_REASONS,    /* refusal: written reasons */
  FIELD_RIGHTS,     /* refusal: the letter tells of the rights to complain */
  FIELD_ICO_REF,    /* the ICO's case reference */
  FIELD_ICO_DUE,    /* the ICO's deadline for the council's response */
  FIELD_SENT_BY,    /* post or e-mail */
  FIELD_MONTHS,     /* extension: one or two further months */
} Field;

#define MAX_FIELDS 4

typedef struct
{
  RdEventKind kind;
  const char *title;
  const char *date_label;
  const char *note_label;
  gboolean    note_required;
  const char *hint;
  Field       fields[MAX_FIELDS];
  const char *date_hint; /* nullable: shown under the date */
} KindSpec;

/* The titles say what the clerk does; the hints what the policy or the
 * law asks of that step (DESIGN.md, "The process"). */
/* clang-format off */
static const KindSpec kind_specs[] = {
  { RD_EVENT_ACKNOWLEDGED,
    N_("Acknowledge the Complaint"), N_("Acknowledged _on"), N_("_Note"), FALSE,
    NULL, /* the council's own target, from its settings: see build_form() */
    { FIELD_SENT_BY } },
  { RD_EVENT_IDENTITY_REQUESTED,
    N_("Ask for Proof of Identity"), N_("Asked _on"), N_("What was asked _for"), FALSE,
    N_("The policy accepts a passport or a driving licence; for a third party it depends on "
       "their relationship to the data subject. The clock starts once identity is settled."),
    { FIELD_NONE } },
  /* The rules start the clock on the day what was asked for ARRIVED, not
   * the day it was checked (docs/rules.md, "Clock start"; UK GDPR
   * Art. 12A): a later date would give the council more time than the law. */
  { RD_EVENT_IDENTITY_VERIFIED,
    N_("Record Identity Seen"), N_("Documents received _on"), N_("_Note"), FALSE,
    N_("Record what was seen and by whom. Keep no copy of the document unless you choose to."),
    { FIELD_DOCUMENT, FIELD_CHECKED_BY },
    N_("The one-month clock starts on this day: enter the day the documents arrived or were "
       "shown, even if they were checked later.") },
  { RD_EVENT_CONSENT_REQUESTED,
    N_("Ask for the Data Subject’s Consent"), N_("Asked _on"), N_("_Note"), FALSE,
    N_("The council deals with a representative only once the data subject’s written consent "
       "is on record."),
    { FIELD_NONE } },
  { RD_EVENT_CONSENT_RECEIVED,
    N_("Record Written Consent Received"), N_("Consent received _on"), N_("What was recei_ved"),
    FALSE,
    N_("The data subject’s written consent authorising the representative to act for them on "
       "this complaint."),
    { FIELD_NONE },
    N_("The one-month clock starts on this day: enter the day the written consent arrived, "
       "even if it was read later.") },
  { RD_EVENT_CLARIFICATION_REQUESTED,
    N_("Ask for Clarification"), N_("Asked _on"), N_("What was _asked (required)"), TRUE,
    N_("The clock stops from this day until the answer arrives. Ask before the original "
       "deadline."),
    { FIELD_NONE } },
  { RD_EVENT_CLARIFICATION_RECEIVED,
    N_("Record Clarification Received"), N_("Received _on"), N_("_Note"), FALSE,
    N_("The clock runs again from this day."),
    { FIELD_NONE } },
  { RD_EVENT_EXTENDED,
    N_("Extend the Time to Respond"), N_("Decided _on"), N_("_Note"), FALSE,
    N_("Up to two further months. The complainant must be told, with the reasons, before the "
       "original deadline."),
    { FIELD_MONTHS, FIELD_REASON, FIELD_NOTIFIED } },
  { RD_EVENT_OUTCOME_SENT,
    N_("Send the Outcome"), N_("Sent _on"), N_("_Note"), FALSE,
    N_("The outcome goes to the complainant in writing. They may ask for a review within one "
       "month."),
    { FIELD_OUTCOME, FIELD_SUMMARY } },
  { RD_EVENT_REFUSED,
    N_("Refuse as Manifestly Unfounded or Excessive"), N_("Decided _on"), N_("_Note"), FALSE,
    N_("Judged case by case on the policy’s factors. The letter gives the reasons, the right to "
       "complain to the ICO and the right to a judicial remedy."),
    { FIELD_FACTORS, FIELD_REASONS, FIELD_RIGHTS } },
  { RD_EVENT_REVIEW_REQUESTED,
    N_("Record a Review Request"), N_("Requested _on"),
    N_("What the complainant _disagrees with"), FALSE,
    N_("A nominated person reviews the decision and responds within one month of the "
       "request."),
    { FIELD_NONE } },
  { RD_EVENT_REVIEW_OUTCOME_SENT,
    N_("Send the Review Outcome"), N_("Sent _on"), N_("_Note"), FALSE,
    N_("The outcome of the internal review goes to the complainant in writing."),
    { FIELD_OUTCOME, FIELD_SUMMARY } },
  { RD_EVENT_ICO_NOTIFIED,
    N_("Record the ICO’s Notification"), N_("Notified _on"), N_("_Note"), FALSE,
    N_("The council investigates on the information the ICO provides and sends the ICO an "
       "evidenced response."),
    { FIELD_ICO_REF, FIELD_ICO_DUE } },
  { RD_EVENT_ICO_RESPONSE_SENT,
    N_("Record the Response to the ICO"), N_("Sent _on"), N_("_Note"), FALSE,
    N_("The clerk’s evidenced response, after consultation with the council."),
    { FIELD_NONE } },
  { RD_EVENT_CLOSED,
    N_("Close the Case"), N_("Closed _on"), N_("_Note"), FALSE,
    N_("The records are kept for the retention period from this day, then destroyed."),
    { FIELD_NONE } },
  { RD_EVENT_NOTE,
    N_("Add a Note"), N_("_Date"), N_("_Note (required)"), TRUE,
    NULL,
    { FIELD_NONE } },
};

/* The policy's five factors, word for word ("Manifestly unfounded, and/or
 * excessive complaints" in seeds/004), numbered 1–5 in its order. */
static const char *const factor_texts[RD_REFUSAL_N_FACTORS] = {
  N_("The data subject has explicitly stated that they intend to cause disruption (whether in "
     "the complaint, or in other correspondence), and has threatened individuals"),
  N_("The data subject has made unsubstantiated accusations against individuals, and is "
     "persisting in those accusations"),
  N_("The data subject is targeting particular individuals, against whom they have a personal "
     "grudge"),
  N_("The data subject makes frequent complaints intended to cause disruption"),
  N_("The data subject continues to repeat the substance of previous complaints which have "
     "already been investigated"),
};
/* clang-format on */

static const char *const document_ids[] = { "passport", "driving-licence", "other" };
static const char *const outcome_ids[] = { "upheld", "partly-upheld", "not-upheld" };

struct _RdEventDialog
{
  GtkWindow parent_instance;

  RdContext      *context; /* owned */
  RdCase         *kase;    /* owned */
  RdEventKind     kind;
  const KindSpec *spec;     /* static */
  gint64          event_id; /* once recorded */
  gboolean        valid;
  gboolean        building; /* no checks until every field exists */

  /* Template children (borrowed) */
  GtkWidget *save_button;
  GtkWidget *content_box;
  GtkWidget *banner;
  GtkWidget *needed;

  /* What revalidate() found still needed first (owned), and whether the
   * clerk had been at that field */
  char    *needed_text;
  gboolean needed_urgent;

  /* Built from the table (borrowed, NULL when the kind has no such field) */
  GtkWidget *date;
  GtkWidget *note;
  GtkWidget *document;
  GtkWidget *checked_by;
  GtkWidget *reason;
  GtkWidget *notified;
  GtkWidget *outcome[3];
  GtkWidget *summary;
  GtkWidget *factors[RD_REFUSAL_N_FACTORS];
  GtkWidget *factors_box;
  GtkWidget *reasons;
  GtkWidget *rights;
  GtkWidget *ico_ref;
  GtkWidget *ico_due;
  GtkWidget *sent_by;
  GtkWidget *months;
};

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_CASE,
  PROP_KIND,
  N_PROPS
};

enum
{
  EVENT_RECORDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdEventDialog, rd_event_dialog, GTK_TYPE_WINDOW)

/* Helpers */

static const KindSpec *
find_spec (RdEventKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_specs); i++)
    if (kind_specs[i].kind == kind)
      return &kind_specs[i];
  return NULL;
}

#define TOUCHED_KEY "rd-touched"

static void
mark_touched (GtkWidget *control)
{
  g_object_set_data (G_OBJECT (control), TOUCHED_KEY, GINT_TO_POINTER (1));
}

static void
note_needed (RdEventDialog *self, const char *message, gboolean urgent)
{
  if (message == NULL || self->needed_text != NULL)
    return;
  self->needed_text = g_strdup (message);
  self->needed_urgent = urgent;
}

static gboolean
show_error (RdEventDialog *self, GtkWidget *control, char *message)
{
  gboolean ok = message == NULL;
  gboolean touched = g_object_get_data (G_OBJECT (control), TOUCHED_KEY) != NULL;

  rd_form_set_error (control, NULL, touched ? message : NULL);
  note_needed (self, message, touched);
  g_free (message);
  return ok;
}

static char *
text_of (GtkWidget *control)
{
  if (GTK_IS_SCROLLED_WINDOW (control))
    return rd_form_text_view_get_text (control);
  return rd_form_entry_get_trimmed (control);
}

static int
selected_outcome (RdEventDialog *self)
{
  for (int i = 0; i < 3; i++)
    if (self->outcome[i] != NULL &&
        gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->outcome[i])))
      return i;
  return -1;
}

static gboolean
date_field_ok (RdEventDialog *self, GtkWidget *date_entry, gboolean required)
{
  const char *error = rd_date_entry_get_error (RD_DATE_ENTRY (date_entry));
  const char *text = gtk_editable_get_text (
      GTK_EDITABLE (rd_date_entry_get_entry (RD_DATE_ENTRY (date_entry))));

  if (!required && (text == NULL || *text == '\0'))
    {
      rd_form_set_error (date_entry, NULL, NULL);
      return TRUE;
    }
  rd_form_set_error (date_entry, NULL, error);
  note_needed (self, error, TRUE);
  return error == NULL;
}

static void         show_banner (RdEventDialog *self, const char *message);
static RdCaseEvent *event_from_form (RdEventDialog *self);

static void
revalidate (RdEventDialog *self)
{
  RdStore *store = rd_context_get_store (self->context);
  gboolean ok = TRUE;

  if (self->building)
    return;

  g_clear_pointer (&self->needed_text, g_free);

  ok &= date_field_ok (self, self->date, TRUE);

  if (self->spec->note_required)
    {
      g_autofree char *note = text_of (self->note);

      ok &= show_error (self, self->note, rd_validate_required (note, _("Write the note.")));
    }
  if (self->checked_by != NULL)
    {
      g_autofree char *who = text_of (self->checked_by);

      ok &= show_error (self, self->checked_by,
                        rd_validate_required (who, _("Say who checked the document.")));
    }
  if (self->reason != NULL)
    {
      g_autofree char *reason = text_of (self->reason);

      ok &= show_error (self, self->reason,
                        rd_validate_required (reason, _("Give the reason for the extension: it "
                                                        "goes to the complainant.")));
    }
  if (self->notified != NULL)
    ok &= date_field_ok (self, self->notified, TRUE);
  if (self->outcome[0] != NULL)
    {
      gboolean chosen = selected_outcome (self) >= 0;

      if (!chosen)
        note_needed (self, _("Choose the outcome."), FALSE);
      ok &= chosen;
    }
  if (self->summary != NULL)
    {
      g_autofree char *summary = text_of (self->summary);

      ok &= show_error (
          self, self->summary,
          rd_validate_required (summary, _("Summarise the outcome in a few words.")));
    }
  if (self->factors_box != NULL)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < RD_REFUSAL_N_FACTORS; i++)
        any |= gtk_check_button_get_active (GTK_CHECK_BUTTON (self->factors[i]));
      ok &= show_error (self, self->factors_box,
                        any ? NULL : g_strdup (_("Tick at least one of the policy’s factors.")));
    }
  if (self->reasons != NULL)
    {
      g_autofree char *reasons = text_of (self->reasons);

      ok &= show_error (self, self->reasons,
                        rd_validate_required (reasons, _("Write the reasons for the refusal: the "
                                                      "letter must give them.")));
    }
  /* The rights are not checked here: unticked, the rules refuse the
   * refusal with their own message (refusal_rights_told). */
  if (self->ico_ref != NULL)
    {
      g_autofree char *ico_ref = text_of (self->ico_ref);

      ok &= show_error (self, self->ico_ref,
                        rd_validate_required (ico_ref, _("Enter the ICO’s case reference.")));
    }
  if (self->ico_due != NULL)
    ok &= date_field_ok (self, self->ico_due, FALSE);

  if (store == NULL)
    ok = FALSE;

  /* A complete form is put to the rules at once, so that the clerk reads
   * why a step is not possible before pressing Record; Record asks again. */
  if (ok)
    {
      g_autoptr(RdCaseEvent) draft = event_from_form (self);
      g_autoptr(GError) error = NULL;
      GDate today;

      /* The rules judge "not after today" by the store's day: make it the
       * day this window works on (a fixed $REDRESS_TODAY included). */
      rd_context_get_today (self->context, &today);
      rd_store_set_today (store, &today);

      if (!rd_store_check_event (store, rd_case_get_id (self->kase), draft, &error))
        {
          show_banner (self, error->message);
          ok = FALSE;
        }
      else
        show_banner (self, NULL);
    }

  self->valid = ok;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", ok);
  /* A greyed-out Record always says why: the first thing still needed, or
   * the rules' reason (also in the banner above the form). */
  if (ok)
    rd_form_set_needed (self->needed, NULL, FALSE);
  else if (self->needed_text != NULL)
    rd_form_set_needed (self->needed, self->needed_text, self->needed_urgent);
  else if (gtk_widget_get_visible (self->banner))
    rd_form_set_needed (self->needed, gtk_label_get_text (GTK_LABEL (self->banner)), TRUE);
  else
    rd_form_set_needed (self->needed, _("No case store is open."), TRUE);
}

static void
show_banner (RdEventDialog *self, const char *message)
{
  gtk_label_set_text (GTK_LABEL (self->banner), message != NULL ? message : "");
  gtk_widget_set_visible (self->banner, message != NULL);
}

static RdCaseEvent *
event_from_form (RdEventDialog *self)
{
  g_autoptr(RdCaseEvent) event = NULL;
  g_autofree char *note = text_of (self->note);
  GDate            on;

  rd_date_entry_get_date (RD_DATE_ENTRY (self->date), &on);
  event = rd_case_event_new (rd_event_kind_to_id (self->kind), &on);
  if (*note != '\0')
    rd_case_event_set_note (event, note);

  if (self->document != NULL)
    rd_case_event_set_detail (
        event, RD_DETAIL_DOCUMENT,
        document_ids[MIN (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->document)), 2u)]);
  if (self->checked_by != NULL)
    {
      g_autofree char *who = text_of (self->checked_by);

      rd_case_event_set_detail (event, RD_DETAIL_CHECKED_BY, who);
    }
  if (self->reason != NULL)
    {
      g_autofree char *reason = text_of (self->reason);

      rd_case_event_set_detail (event, RD_DETAIL_REASON, reason);
    }
  if (self->notified != NULL)
    {
      GDate notified;

      if (rd_date_entry_get_date (RD_DATE_ENTRY (self->notified), &notified))
        rd_case_event_set_detail_date (event, RD_DETAIL_NOTIFIED, &notified);
    }
  if (self->outcome[0] != NULL && selected_outcome (self) >= 0)
    rd_case_event_set_detail (event, RD_DETAIL_OUTCOME, outcome_ids[selected_outcome (self)]);
  if (self->summary != NULL)
    {
      g_autofree char *summary = text_of (self->summary);

      /* Not one of the RD_DETAIL_* keys: details take new keys freely. */
      rd_case_event_set_detail (event, "summary", summary);
    }
  if (self->factors_box != NULL)
    {
      guint factors[RD_REFUSAL_N_FACTORS];
      gsize n_factors = 0;

      for (guint i = 0; i < RD_REFUSAL_N_FACTORS; i++)
        if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->factors[i])))
          factors[n_factors++] = i + 1;
      rd_case_event_set_factors (event, factors, n_factors);
    }
  if (self->reasons != NULL)
    {
      g_autofree char *reasons = text_of (self->reasons);

      rd_case_event_set_detail (event, RD_DETAIL_REASONS, reasons);
    }
  /* RD_DETAIL_RIGHTS_TOLD and RD_DETAIL_MONTHS: JSON boolean and integer. */
  if (self->rights != NULL)
    json_object_set_boolean_member (rd_case_event_get_details (event), "rights_told",
                                    gtk_check_button_get_active (GTK_CHECK_BUTTON (self->rights)));
  if (self->months != NULL)
    json_object_set_int_member (rd_case_event_get_details (event), "months",
                                gtk_drop_down_get_selected (GTK_DROP_DOWN (self->months)) == 0 ? 1
                                                                                               : 2);
  if (self->ico_ref != NULL)
    {
      g_autofree char *ico_ref = text_of (self->ico_ref);

      rd_case_event_set_detail (event, RD_DETAIL_ICO_REF, ico_ref);
    }
  if (self->ico_due != NULL)
    {
      GDate due;

      if (rd_date_entry_get_date (RD_DATE_ENTRY (self->ico_due), &due))
        rd_case_event_set_detail_date (event, RD_DETAIL_ICO_DUE, &due);
    }
  if (self->sent_by != NULL)
    rd_case_event_set_detail (
        event, RD_DETAIL_CHANNEL,
        gtk_drop_down_get_selected (GTK_DROP_DOWN (self->sent_by)) == 0 ? "post" : "email");

  return g_steal_pointer (&event);
}

/* Callbacks */

static void
control_changed_cb (GtkWidget *control, RdEventDialog *self)
{
  mark_touched (control);
  revalidate (self);
}

static void
buffer_changed_cb (GtkTextBuffer *buffer, GtkWidget *scrolled)
{
  RdEventDialog *self = RD_EVENT_DIALOG (gtk_widget_get_root (scrolled));

  control_changed_cb (scrolled, self);
}

static void
factor_toggled_cb (GtkCheckButton *button, RdEventDialog *self)
{
  control_changed_cb (self->factors_box, self);
}

/* A toggle button says "pressed"; as a radio button it must say "checked". */
static void
outcome_toggled_cb (GtkToggleButton *button, RdEventDialog *self)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (button), -1);
  revalidate (self);
}

static void
store_notify_cb (RdContext *context, GParamSpec *pspec, RdEventDialog *self)
{
  revalidate (self);
  if (rd_context_get_store (context) == NULL)
    show_banner (self, _("No case store is open. Create or open a store first."));
}

/* Building the form */

static GtkWidget *
add_entry (RdEventDialog *self, GtkWidget *section, const char *name, const char *label)
{
  GtkWidget *entry = rd_form_entry_new ();

  rd_form_add_field (GTK_BOX (section), label, entry, NULL);
  rd_form_register (GTK_WIDGET (self), name, entry);
  g_signal_connect (entry, "changed", G_CALLBACK (control_changed_cb), self);
  return entry;
}

static GtkWidget *
add_text (RdEventDialog *self, GtkWidget *section, const char *name, const char *label, int lines)
{
  GtkWidget *text = rd_form_text_view_new (lines);
  GtkWidget *view = rd_form_text_view_get_view (text);

  rd_form_add_field (GTK_BOX (section), label, text, view);
  rd_form_register (GTK_WIDGET (self), name, text);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                           G_CALLBACK (buffer_changed_cb), text, 0);
  return text;
}

static GtkWidget *
add_date (RdEventDialog *self,
          GtkWidget     *section,
          const char    *name,
          const char    *label,
          const GDate   *initial,
          const GDate   *latest)
{
  GtkWidget *date = rd_date_entry_new ();

  rd_date_entry_set_latest (RD_DATE_ENTRY (date), latest);
  rd_date_entry_set_date (RD_DATE_ENTRY (date), initial);
  rd_form_add_field (GTK_BOX (section), label, date,
                     GTK_WIDGET (rd_date_entry_get_entry (RD_DATE_ENTRY (date))));
  rd_form_register (GTK_WIDGET (self), name, date);
  g_signal_connect (date, "changed", G_CALLBACK (control_changed_cb), self);
  return date;
}

static GtkWidget *
add_choice (RdEventDialog     *self,
            GtkWidget         *section,
            const char        *name,
            const char        *label,
            const char *const *labels)
{
  GtkWidget *choice = rd_form_choice_new (labels);

  rd_form_add_field (GTK_BOX (section), label, choice, NULL);
  rd_form_register (GTK_WIDGET (self), name, choice);
  g_signal_connect_swapped (choice, "notify::selected", G_CALLBACK (revalidate), self);
  return choice;
}

/* A labelled group of check or radio buttons, named as one field. */
static GtkWidget *
add_group (RdEventDialog *self, GtkWidget *section, const char *label, GtkWidget **out_box)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "rd-form-label");
  gtk_box_append (GTK_BOX (section), heading);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  heading, NULL, -1);
  gtk_widget_set_margin_start (box, 6);
  *out_box = box;
  return heading;
}

static char *
default_checker (RdEventDialog *self)
{
  RdStore *store = rd_context_get_store (self->context);
  char    *clerk;

  if (store == NULL)
    return g_strdup ("");
  clerk = rd_store_get_setting (store, RD_SETTING_CLERK);
  if (clerk != NULL && *clerk != '\0')
    return clerk;
  g_free (clerk);
  return g_strdup (rd_store_get_actor (store));
}

static void
build_form (RdEventDialog *self)
{
  GtkBox    *content = GTK_BOX (self->content_box);
  GtkWidget *section;
  GDate      today;

  rd_context_get_today (self->context, &today);

  /* Which case this is about, so that two open dialogs are not confused. */
  {
    g_autofree char *about = NULL;
    RdPerson        *subject = rd_case_get_subject (self->kase);
    GtkWidget       *label;

    if (rd_case_get_reference (self->kase) != NULL)
      /* Translators: "Case DPC-2026-0001, Jane Smith" */
      about = g_strdup_printf (_("Case %s, %s"), rd_case_get_reference (self->kase),
                                  subject != NULL ? rd_person_get_name (subject) : "");
    else
      about = g_strdup (subject != NULL ? rd_person_get_name (subject) : "");
    label = gtk_label_new (about);
    gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_widget_add_css_class (label, "rd-form-heading");
    gtk_box_append (content, label);
  }

  if (self->kind == RD_EVENT_ACKNOWLEDGED)
    {
      /* The council's own target, from its settings (default 5). */
      RdStore         *store = rd_context_get_store (self->context);
      g_autofree char *setting = store != NULL ? rd_store_get_setting (store, RD_SETTING_ACK_DAYS)
                                               : NULL;
      guint64          days = 5;
      g_autofree char *text = NULL;
      GtkWidget       *hint;

      if (setting != NULL && *setting != '\0')
        days = g_ascii_strtoull (setting, NULL, 10);
      text = g_strdup_printf (ngettext ("The council’s target is %u working day; the law "
                                        "allows 30 days.",
                                        "The council’s target is %u working days; the law "
                                        "allows 30 days.",
                                        (gulong) days),
                              (guint) days);
      hint = rd_form_add_hint (content, text);
      gtk_widget_remove_css_class (hint, "rd-form-hint");
      g_object_set_data (G_OBJECT (self), "rd-ack-target", hint);
    }
  else if (self->spec->hint != NULL)
    {
      GtkWidget *hint = rd_form_add_hint (content, _(self->spec->hint));

      gtk_widget_remove_css_class (hint, "rd-form-hint");
    }

  section = rd_form_section_new (content, NULL);
  self->date = add_date (self, section, "date", _(self->spec->date_label), &today, &today);
  if (self->spec->date_hint != NULL)
    {
      /* Under the date, in its field, and read out with it. */
      GtkWidget *field = gtk_widget_get_parent (self->date);
      GtkWidget *hint = rd_form_add_hint (GTK_BOX (field), _(self->spec->date_hint));

      gtk_accessible_update_relation (
          GTK_ACCESSIBLE (rd_date_entry_get_entry (RD_DATE_ENTRY (self->date))),
          GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, hint, NULL, -1);
    }

  for (guint i = 0; i < MAX_FIELDS; i++)
    switch (self->spec->fields[i])
      {
        case FIELD_NONE:
          break;
        case FIELD_DOCUMENT:
          {
            const char *documents[] = { _("Passport"), _("Driving licence"), _("Other (third party: case by case)"), NULL };

            self->document = add_choice (self, section, "document",
                                         _("_Document seen"), documents);
          }
          break;
        case FIELD_CHECKED_BY:
          {
            g_autofree char *who = default_checker (self);

            self->checked_by = add_entry (self, section, "checked-by", _("Checked _by"));
            gtk_editable_set_text (GTK_EDITABLE (self->checked_by), who);
          }
          break;
        case FIELD_REASON:
          self->reason = add_text (self, section, "reason", _("Rea_son (required)"), 3);
          break;
        case FIELD_NOTIFIED:
          self->notified = add_date (self, section, "notified",
                                     _("Complainant _told on"), &today, &today);
          break;
        case FIELD_OUTCOME:
          {
            const char *labels[] = { _("_Upheld"), _("_Partly upheld"), _("No_t upheld") };
            const char *names[] = { "outcome-upheld", "outcome-partly-upheld",
                                    "outcome-not-upheld" };
            GtkWidget  *box;

            add_group (self, section, _("Outcome (required)"), &box);
            /* Three linked toggle buttons, one of which is chosen: radio
             * buttons to assistive technologies. Not GtkCheckButtons: on
             * GTK 4.8 those offer a screen reader no action to press
             * (AT-SPI's Action interface is a button's, and a check
             * button is not a GtkButton); a toggle button offers
             * "click". Access keys (Alt+U, Alt+P, Alt+T) choose too. */
            gtk_orientable_set_orientation (GTK_ORIENTABLE (box), GTK_ORIENTATION_HORIZONTAL);
            gtk_widget_set_halign (box, GTK_ALIGN_START);
            gtk_box_set_spacing (GTK_BOX (box), 0);
            gtk_widget_add_css_class (box, "linked");
            gtk_widget_add_css_class (box, "rd-choice");
            for (int k = 0; k < 3; k++)
              {
                self->outcome[k] = g_object_new (GTK_TYPE_TOGGLE_BUTTON, "label", labels[k],
                                                 "use-underline", TRUE, "accessible-role",
                                                 GTK_ACCESSIBLE_ROLE_RADIO, NULL);
                if (k > 0)
                  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->outcome[k]),
                                               GTK_TOGGLE_BUTTON (self->outcome[0]));
                gtk_accessible_update_state (GTK_ACCESSIBLE (self->outcome[k]),
                                             GTK_ACCESSIBLE_STATE_CHECKED, FALSE, -1);
                /* Named by its label property alone (rd_form_name_mnemonic_buttons()):
                 * with the button's own "labelled by its text" as well, GTK 4.8 reads
                 * a radio button out twice ("Upheld Upheld"). */
                gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->outcome[k]),
                                               GTK_ACCESSIBLE_RELATION_LABELLED_BY);
                gtk_box_append (GTK_BOX (box), self->outcome[k]);
                rd_form_register (GTK_WIDGET (self), names[k], self->outcome[k]);
                g_signal_connect (self->outcome[k], "toggled", G_CALLBACK (outcome_toggled_cb),
                                  self);
              }
            gtk_box_append (GTK_BOX (section), box);
          }
          break;
        case FIELD_SUMMARY:
          self->summary = add_text (self, section, "summary",
                                    _("_Summary of the outcome (required)"), 3);
          break;
        case FIELD_FACTORS:
          {
            GtkWidget *message;

            add_group (self, section,
                       _("The policy’s factors relied on (at least one)"), &self->factors_box);
            for (guint k = 0; k < RD_REFUSAL_N_FACTORS; k++)
              {
                g_autofree char *name = g_strdup_printf ("factor-%u", k + 1);
                GtkWidget       *label = gtk_label_new (_(factor_texts[k]));

                gtk_label_set_wrap (GTK_LABEL (label), TRUE);
                gtk_label_set_max_width_chars (GTK_LABEL (label), 70);
                gtk_widget_set_hexpand (label, TRUE);
                gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
                self->factors[k] = gtk_check_button_new ();
                gtk_check_button_set_child (GTK_CHECK_BUTTON (self->factors[k]), label);
                gtk_accessible_update_property (GTK_ACCESSIBLE (self->factors[k]),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                _(factor_texts[k]), -1);
                gtk_box_append (GTK_BOX (self->factors_box), self->factors[k]);
                rd_form_register (GTK_WIDGET (self), name, self->factors[k]);
                g_signal_connect (self->factors[k], "toggled", G_CALLBACK (factor_toggled_cb),
                                  self);
              }
            gtk_box_append (GTK_BOX (section), self->factors_box);
            rd_form_register (GTK_WIDGET (self), "factors", self->factors_box);
            message = rd_form_add_message (GTK_BOX (section));
            g_object_set_data (G_OBJECT (self->factors_box), "rd-form-message", message);
          }
          break;
        case FIELD_REASONS:
          self->reasons = add_text (self, section, "reasons",
                                    _("_Written reasons for the refusal (required)"), 4);
          break;
        case FIELD_RIGHTS:
          {
            GtkWidget *label = gtk_label_new_with_mnemonic (
                _("The letter tells the complainant of their right to complain to the _ICO and "
                "their right to a judicial remedy"));

            gtk_label_set_wrap (GTK_LABEL (label), TRUE);
            gtk_label_set_max_width_chars (GTK_LABEL (label), 70);
            gtk_widget_set_hexpand (label, TRUE);
            gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
            self->rights = gtk_check_button_new ();
            gtk_check_button_set_child (GTK_CHECK_BUTTON (self->rights), label);
            gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->rights);
            {
              g_autofree char *name = rd_form_strip_mnemonic (
                  gtk_label_get_label (GTK_LABEL (label)));

              gtk_accessible_update_property (GTK_ACCESSIBLE (self->rights),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
            }
          }
          gtk_check_button_set_active (GTK_CHECK_BUTTON (self->rights), TRUE);
          gtk_box_append (GTK_BOX (section), self->rights);
          rd_form_register (GTK_WIDGET (self), "rights-told", self->rights);
          g_signal_connect_swapped (self->rights, "toggled", G_CALLBACK (revalidate), self);
          break;
        case FIELD_ICO_REF:
          self->ico_ref = add_entry (self, section, "ico-ref",
                                     _("ICO’s case re_ference (required)"));
          gtk_entry_set_placeholder_text (GTK_ENTRY (self->ico_ref), "IC-123456-A1B2");
          break;
        case FIELD_ICO_DUE:
          self->ico_due = add_date (self, section, "ico-due",
                                    _("The ICO’s _deadline (if it gave one)"), NULL, NULL);
          break;
        case FIELD_SENT_BY:
          {
            const char *channels[] = { _("Post"), _("E-mail"), NULL };
            RdPerson   *to = rd_case_get_correspondent (self->kase);

            self->sent_by = add_choice (self, section, "sent-by", _("Sent _by"), channels);
            if (to != NULL && g_strcmp0 (rd_person_get_channel (to), "email") == 0)
              gtk_drop_down_set_selected (GTK_DROP_DOWN (self->sent_by), 1);
          }
          break;
        case FIELD_MONTHS:
          {
            const char *months[] = { _("One further month"), _("Two further months"), NULL };

            self->months = add_choice (self, section, "months", _("Extend _by"), months);
            gtk_drop_down_set_selected (GTK_DROP_DOWN (self->months), 1);
          }
          break;
        default:
          g_assert_not_reached ();
      }

  self->note = add_text (self, section, "note", _(self->spec->note_label), 3);
}

/* Actions */

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdEventDialog *self = RD_EVENT_DIALOG (widget);
  RdStore       *store = rd_context_get_store (self->context);
  g_autoptr(RdCaseEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  revalidate (self);
  if (!self->valid || store == NULL || self->event_id != 0)
    return;

  event = event_from_form (self);

  /* The rules have the last word: ask before writing anything. */
  if (!rd_store_check_event (store, rd_case_get_id (self->kase), event, &error))
    {
      show_banner (self, error->message);
      return;
    }

  /* The write runs on the main thread: when another program holds the
   * store, wait only a moment (not the store's usual 5 s, during which the
   * whole window would freeze), then say the store is busy. */
  guint busy_timeout = rd_store_get_busy_timeout (store);
  rd_store_set_busy_timeout (store, RD_FORM_SAVE_BUSY_TIMEOUT_MS);
  id = rd_store_add_event (store, rd_case_get_id (self->kase), event, &error);
  rd_store_set_busy_timeout (store, busy_timeout);
  if (id == 0)
    {
      const char *message = error != NULL ? error->message
                                          : _("The event could not be recorded. Try again.");

      /* Record stays pressable (the store may be free in a moment); the
       * line beside it says what happened, the banner says it in full. */
      show_banner (self, message);
      rd_form_set_needed (self->needed, message, TRUE);
      return;
    }

  self->event_id = id;
  g_signal_emit (self, signals[EVENT_RECORDED], 0, event);
  gtk_window_close (GTK_WINDOW (self));
}

/* GObject overrides */

static void
rd_event_dialog_constructed (GObject *object)
{
  RdEventDialog *self = RD_EVENT_DIALOG (object);

  G_OBJECT_CLASS (rd_event_dialog_parent_class)->constructed (object);

  g_assert (self->context != NULL && self->kase != NULL);
  self->spec = find_spec (self->kind);
  g_assert (self->spec != NULL);

  gtk_window_set_title (GTK_WINDOW (self), _(self->spec->title));
  self->building = TRUE;
  build_form (self);
  /* The rules' reason comes and goes as the clerk types: under the form,
   * where it moves no field (the line beside Record says it too). */
  gtk_box_reorder_child_after (GTK_BOX (self->content_box), self->banner,
                               gtk_widget_get_last_child (self->content_box));
  rd_form_name_mnemonic_buttons (GTK_WIDGET (self));
  self->building = FALSE;
  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (store_notify_cb), self, 0);
  store_notify_cb (self->context, NULL, self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  gtk_widget_grab_focus (self->date);
}

static void
rd_event_dialog_finalize (GObject *object)
{
  RdEventDialog *self = RD_EVENT_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->needed_text, g_free);

  G_OBJECT_CLASS (rd_event_dialog_parent_class)->finalize (object);
}

static void
rd_event_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RdEventDialog *self = RD_EVENT_DIALOG (object);

  switch (prop_id)
    {
      case PROP_CONTEXT:
        self->context = g_value_dup_object (value);
        break;
      case PROP_CASE:
        self->kase = g_value_dup_object (value);
        break;
      case PROP_KIND:
        self->kind = (RdEventKind) g_value_get_int (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_event_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdEventDialog *self = RD_EVENT_DIALOG (object);

  switch (prop_id)
    {
      case PROP_CONTEXT:
        g_value_set_object (value, self->context);
        break;
      case PROP_CASE:
        g_value_set_object (value, self->kase);
        break;
      case PROP_KIND:
        g_value_set_int (value, (int) self->kind);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_event_dialog_class_init (RdEventDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_event_dialog_constructed;
  object_class->finalize = rd_event_dialog_finalize;
  object_class->set_property = rd_event_dialog_set_property;
  object_class->get_property = rd_event_dialog_get_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, RD_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                      G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE] = g_param_spec_object ("case", NULL, NULL, RD_TYPE_CASE,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                   G_PARAM_STATIC_STRINGS);
  /* An int, because RdEventKind has no GType in the rules layer. */
  properties[PROP_KIND] = g_param_spec_int (
      "kind", NULL, NULL, 0, RD_EVENT_N_KINDS - 1, RD_EVENT_NOTE,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RdEventDialog::event-recorded:
   * @event: the event as recorded
   */
  signals[EVENT_RECORDED] = g_signal_new ("event-recorded", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          RD_TYPE_CASE_EVENT);

  /* A window of its own, but a dialog to assistive technologies. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-event-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdEventDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RdEventDialog, content_box);
  gtk_widget_class_bind_template_child (widget_class, RdEventDialog, banner);
  gtk_widget_class_bind_template_child (widget_class, RdEventDialog, needed);

  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
rd_event_dialog_init (RdEventDialog *self)
{
  rd_form_load_css ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", FALSE);
}

/* Public API */

gboolean
rd_event_dialog_supports_kind (RdEventKind kind)
{
  return find_spec (kind) != NULL;
}

/**
 * rd_event_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @context: the window's context
 * @kase: the case the event belongs to (as the store returned it)
 * @kind: what happened; rd_event_dialog_supports_kind() must be true
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
RdEventDialog *
rd_event_dialog_new (GtkWindow *parent, RdContext *context, RdCase *kase, RdEventKind kind)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (RD_IS_CASE (kase), NULL);
  g_return_val_if_fail (rd_event_dialog_supports_kind (kind), NULL);

  return g_object_new (RD_TYPE_EVENT_DIALOG, "context", context, "case", kase, "kind", (int) kind,
                       "transient-for", parent, "application",
                       parent != NULL ? gtk_window_get_application (parent) : NULL, NULL);
}

/**
 * rd_event_dialog_present:
 * @parent: (nullable): the window the dialog belongs to
 * @context: the window's context
 * @kase: the case
 * @kind: what happened
 *
 * Shows the dialog for recording an event of @kind on @kase. It asks the
 * rules before saving, saves through the context's store and closes
 * itself; ::event-recorded tells when it did.
 *
 * Returns: (transfer none): the dialog
 */
RdEventDialog *
rd_event_dialog_present (GtkWindow *parent, RdContext *context, RdCase *kase, RdEventKind kind)
{
  RdEventDialog *self = rd_event_dialog_new (parent, context, kase, kind);

  g_return_val_if_fail (self != NULL, NULL);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

RdEventKind
rd_event_dialog_get_kind (RdEventDialog *self)
{
  g_return_val_if_fail (RD_IS_EVENT_DIALOG (self), RD_EVENT_NOTE);

  return self->kind;
}

gboolean
rd_event_dialog_can_save (RdEventDialog *self)
{
  g_return_val_if_fail (RD_IS_EVENT_DIALOG (self), FALSE);

  return self->valid;
}

/**
 * rd_event_dialog_get_banner:
 *
 * Returns: (nullable): the message shown above the form (the rules' or the
 *   store's reason for not recording), if any
 */
const char *
rd_event_dialog_get_banner (RdEventDialog *self)
{
  g_return_val_if_fail (RD_IS_EVENT_DIALOG (self), NULL);

  return gtk_widget_get_visible (self->banner) ? gtk_label_get_text (GTK_LABEL (self->banner))
                                               : NULL;
}

/* The id of the event recorded, or 0 while none was. */
gint64
rd_event_dialog_get_event_id (RdEventDialog *self)
{
  g_return_val_if_fail (RD_IS_EVENT_DIALOG (self), 0);

  return self->event_id;
}
