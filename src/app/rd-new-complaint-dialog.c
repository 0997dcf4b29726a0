/* rd-new-complaint-dialog.c: log a complaint that has just arrived.
 *
 * The form asks for what the policy needs on day one: when and how the
 * complaint came, what it is about, who the data subject is and how to
 * write to them, whether someone else complains for them (and on what
 * authority), and whether identity is in doubt. Each field is checked as
 * the clerk types (rd-validate.c) with the message under it; Create stays
 * insensitive until everything is valid, and the store saves the case,
 * its people and, when identity is in doubt, the request for proof of it
 * in one transaction (rd_store_add_case_with_events()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-app"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-date-entry.h"
#include "rd-form.h"
#include "rd-new-complaint-dialog.h"
#include "rd-validate.h"

/* The widgets of one person's fields (all borrowed). */
typedef struct
{
  GtkWidget *name;
  GtkWidget *address; /* GtkScrolledWindow around a GtkTextView */
  GtkWidget *postcode;
  GtkWidget *email;
  GtkWidget *phone;
  GtkWidget *channel;  /* GtkDropDown: post, e-mail */
  GtkWidget *language; /* GtkDropDown: English, Welsh */
  GtkWidget *large_print;
} PersonFields;

struct _RdNewComplaintDialog
{
  GtkWindow parent_instance;

  RdContext *context; /* owned */
  RdCase    *created; /* owned, nullable: set once saved */
  gboolean   valid;

  /* Template children (borrowed) */
  GtkWidget *save_button;
  GtkWidget *content_box;
  GtkWidget *banner;
  GtkWidget *needed;

  /* What revalidate() found still needed first (owned), and whether the
   * clerk had been at that field */
  char    *needed_text;
  gboolean needed_urgent;

  /* Built in code (borrowed) */
  GtkWidget   *received;
  GtkWidget   *channel;
  GtkWidget   *summary;
  GtkWidget   *about;
  GtkWidget   *identity_in_doubt;
  GtkWidget   *has_representative;
  GtkWidget   *representative_revealer;
  GtkWidget   *authority;
  PersonFields subject;
  PersonFields representative;
};

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum
{
  CASE_CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdNewComplaintDialog, rd_new_complaint_dialog, GTK_TYPE_WINDOW)

/* Channels the complaint may come by, as the store names them. */
static const char *const channel_ids[] = { "email", "post", "phone", "in-person", "web" };
static const char *const authority_ids[] = {
  RD_AUTHORITY_WRITTEN_CONSENT,         RD_AUTHORITY_POWER_OF_ATTORNEY,
  RD_AUTHORITY_PARENTAL_RESPONSIBILITY, RD_AUTHORITY_COURT_DEPUTY,
  RD_AUTHORITY_LEGAL_REPRESENTATIVE,    RD_AUTHORITY_OTHER,
};

/* Helpers */

#define TOUCHED_KEY "rd-touched"

static void
mark_touched (GtkWidget *control)
{
  g_object_set_data (G_OBJECT (control), TOUCHED_KEY, GINT_TO_POINTER (1));
}

static gboolean
is_touched (GtkWidget *control)
{
  return g_object_get_data (G_OBJECT (control), TOUCHED_KEY) != NULL;
}

/* A message shows once the clerk has been at the field, so that a fresh
 * form is not covered in red; Create stays insensitive either way. */
static gboolean
show_error (RdNewComplaintDialog *self, GtkWidget *control, char *message)
{
  gboolean ok = message == NULL;

  rd_form_set_error (control, NULL, is_touched (control) ? message : NULL);
  if (message != NULL && self->needed_text == NULL)
    {
      self->needed_text = g_strdup (message);
      self->needed_urgent = is_touched (control);
    }
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

static gboolean
by_post (PersonFields *person)
{
  return gtk_drop_down_get_selected (GTK_DROP_DOWN (person->channel)) == 0;
}

/* What the chosen way of sending letters still needs. With a representative
 * there are two addresses on the form: the message says whose it wants. */
static char *
contact_problem (RdNewComplaintDialog *self,
                 PersonFields         *person,
                 const char           *address,
                 const char           *postcode,
                 const char           *email)
{
  gboolean         post = by_post (person);
  g_autofree char *problem = rd_validate_contact (post, address, postcode, email);
  gboolean         subject = person == &self->subject;

  if (problem == NULL || !gtk_check_button_get_active (GTK_CHECK_BUTTON (self->has_representative)))
    return g_steal_pointer (&problem);
  if (post)
    return g_strdup (subject ? _("Letters to the data subject go by post: add the data "
                                 "subject’s postal address and postcode, or choose e-mail.")
                             : _("Letters to the representative go by post: add the "
                                 "representative’s postal address and postcode, or choose "
                                 "e-mail."));
  return g_strdup (subject ? _("Letters to the data subject go by e-mail: add the data "
                               "subject’s e-mail address, or choose post.")
                           : _("Letters to the representative go by e-mail: add the "
                               "representative’s e-mail address, or choose post."));
}

static gboolean
validate_person (RdNewComplaintDialog *self, PersonFields *person)
{
  g_autofree char *name = text_of (person->name);
  g_autofree char *address = text_of (person->address);
  g_autofree char *postcode = text_of (person->postcode);
  g_autofree char *email = text_of (person->email);
  g_autofree char *phone = text_of (person->phone);
  gboolean         ok = TRUE;

  ok &= show_error (self, person->name, rd_validate_name (name));
  ok &= show_error (self, person->postcode, rd_validate_postcode (postcode, FALSE));
  ok &= show_error (self, person->email, rd_validate_email (email, FALSE));
  ok &= show_error (self, person->phone, rd_validate_phone (phone));
  /* The channel is always "touched": it has a value from the start, and the
   * message says what the choice needs. Shown once address or e-mail were
   * visited, or the channel changed. */
  if (is_touched (person->address) || is_touched (person->email) || is_touched (person->postcode) ||
      is_touched (person->channel))
    mark_touched (person->channel);
  ok &= show_error (self, person->channel,
                    contact_problem (self, person, address, postcode, email));
  return ok;
}

static void
revalidate (RdNewComplaintDialog *self)
{
  g_autofree char *summary = text_of (self->summary);
  gboolean         ok = TRUE;

  g_clear_pointer (&self->needed_text, g_free);
  /* The received date always shows its message: it starts valid. */
  rd_form_set_error (self->received, NULL,
                     rd_date_entry_get_error (RD_DATE_ENTRY (self->received)));
  if (!rd_date_entry_get_date (RD_DATE_ENTRY (self->received), NULL))
    {
      const char *error = rd_date_entry_get_error (RD_DATE_ENTRY (self->received));

      self->needed_text = g_strdup (error != NULL ? error : _("Enter the day it was received."));
      self->needed_urgent = TRUE;
      ok = FALSE;
    }
  ok &= show_error (self, self->summary,
                    rd_validate_required (summary, _("Say in a few words what the complaint is "
                                                     "about.")));
  ok &= validate_person (self, &self->subject);
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->has_representative)))
    ok &= validate_person (self, &self->representative);

  if (rd_context_get_store (self->context) == NULL)
    ok = FALSE;

  self->valid = ok;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", ok);
  /* A greyed-out Create always says why, next to it. */
  if (ok)
    rd_form_set_needed (self->needed, NULL, FALSE);
  else if (self->needed_text != NULL)
    rd_form_set_needed (self->needed, self->needed_text, self->needed_urgent);
  else
    rd_form_set_needed (self->needed, _("No case store is open."), TRUE);
}

static void
show_banner (RdNewComplaintDialog *self, const char *message)
{
  gtk_label_set_text (GTK_LABEL (self->banner), message != NULL ? message : "");
  gtk_widget_set_visible (self->banner, message != NULL);
}

static RdPerson *
person_from_fields (PersonFields *fields)
{
  g_autofree char *name = text_of (fields->name);
  g_autofree char *address = text_of (fields->address);
  g_autofree char *postcode = text_of (fields->postcode);
  g_autofree char *email = text_of (fields->email);
  g_autofree char *phone = text_of (fields->phone);
  RdPerson        *person = rd_person_new (name);

  if (*postcode != '\0')
    {
      g_autofree char *normal = rd_normalise_postcode (postcode);

      rd_person_set_postcode (person, normal);
    }
  rd_person_set_address (person, *address != '\0' ? address : NULL);
  rd_person_set_email (person, *email != '\0' ? email : NULL);
  rd_person_set_phone (person, *phone != '\0' ? phone : NULL);
  rd_person_set_channel (person, by_post (fields) ? "post" : "email");
  rd_person_set_language (
      person, gtk_drop_down_get_selected (GTK_DROP_DOWN (fields->language)) == 1 ? "cy" : "en");
  rd_person_set_large_print (person,
                             gtk_check_button_get_active (GTK_CHECK_BUTTON (fields->large_print)));
  return person;
}

static RdCase *
case_from_form (RdNewComplaintDialog *self)
{
  g_autoptr(RdCase) kase = rd_case_new ();
  g_autoptr(RdPerson) subject = person_from_fields (&self->subject);
  g_autofree char *summary = text_of (self->summary);
  g_autofree char *about = text_of (self->about);
  guint            channel = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->channel));
  GDate            received;

  rd_date_entry_get_date (RD_DATE_ENTRY (self->received), &received);
  rd_case_set_received (kase, &received);
  rd_case_set_channel (kase, channel_ids[MIN (channel, G_N_ELEMENTS (channel_ids) - 1)]);
  rd_case_set_summary (kase, summary);
  rd_case_set_about (kase, *about != '\0' ? about : NULL);
  rd_case_set_subject (kase, subject);

  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->has_representative)))
    {
      g_autoptr(RdPerson) representative = person_from_fields (&self->representative);
      guint authority = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->authority));

      rd_case_set_representative (kase, representative,
                                  authority_ids[MIN (authority, G_N_ELEMENTS (authority_ids) - 1)]);
    }

  return g_steal_pointer (&kase);
}

/* Callbacks */

static void
control_changed_cb (GtkWidget *control, RdNewComplaintDialog *self)
{
  mark_touched (control);
  revalidate (self);
}

static void
buffer_changed_cb (GtkTextBuffer *buffer, GtkWidget *scrolled)
{
  RdNewComplaintDialog *self = RD_NEW_COMPLAINT_DIALOG (gtk_widget_get_root (scrolled));

  mark_touched (scrolled);
  revalidate (self);
}

static void
selected_changed_cb (GObject *drop_down, GParamSpec *pspec, RdNewComplaintDialog *self)
{
  mark_touched (GTK_WIDGET (drop_down));
  revalidate (self);
}

/* A valid postcode is written the Royal Mail way once the clerk leaves it. */
static void
postcode_leave_cb (GtkEventControllerFocus *controller, GtkEditable *entry)
{
  const char      *text = gtk_editable_get_text (entry);
  g_autofree char *problem = rd_validate_postcode (text, FALSE);
  g_autofree char *normal = NULL;

  if (*text == '\0' || problem != NULL)
    return;
  normal = rd_normalise_postcode (text);
  if (g_strcmp0 (normal, text) != 0)
    gtk_editable_set_text (entry, normal);
}

static void
toggled_cb (GtkCheckButton *button, RdNewComplaintDialog *self)
{
  gtk_revealer_set_reveal_child (
      GTK_REVEALER (self->representative_revealer),
      gtk_check_button_get_active (GTK_CHECK_BUTTON (self->has_representative)));
  revalidate (self);
}

static void
store_notify_cb (RdContext *context, GParamSpec *pspec, RdNewComplaintDialog *self)
{
  revalidate (self);
  show_banner (self, rd_context_get_store (context) == NULL
               ? _("No case store is open. Create or open a store first.")
               : NULL);
}

/* Building the form */

static GtkWidget *
add_entry (RdNewComplaintDialog *self,
           GtkWidget            *section,
           const char           *name,
           const char           *label,
           GtkInputPurpose       purpose)
{
  GtkWidget *entry = rd_form_entry_new ();

  gtk_entry_set_input_purpose (GTK_ENTRY (entry), purpose);
  rd_form_add_field (GTK_BOX (section), label, entry, NULL);
  rd_form_register (GTK_WIDGET (self), name, entry);
  g_signal_connect (entry, "changed", G_CALLBACK (control_changed_cb), self);
  return entry;
}

static GtkWidget *
add_text (RdNewComplaintDialog *self,
          GtkWidget            *section,
          const char           *name,
          const char           *label,
          int                   lines)
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
add_choice (RdNewComplaintDialog *self,
            GtkWidget            *section,
            const char           *name,
            const char           *label,
            const char *const    *labels)
{
  GtkWidget *choice = rd_form_choice_new (labels);

  rd_form_add_field (GTK_BOX (section), label, choice, NULL);
  rd_form_register (GTK_WIDGET (self), name, choice);
  g_signal_connect (choice, "notify::selected", G_CALLBACK (selected_changed_cb), self);
  return choice;
}

static GtkWidget *
add_check (RdNewComplaintDialog *self, GtkWidget *section, const char *name, const char *label)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (label);

  gtk_box_append (GTK_BOX (section), check);
  rd_form_register (GTK_WIDGET (self), name, check);
  g_signal_connect (check, "toggled", G_CALLBACK (toggled_cb), self);
  return check;
}

static void
build_person (RdNewComplaintDialog *self,
              GtkWidget            *section,
              const char           *prefix,
              PersonFields         *fields)
{
  const char      *channels[] = { _("Post"), _("E-mail"), NULL };
  const char      *languages[] = { _("English"), _("Welsh (Cymraeg)"), NULL };
  g_autofree char *name = NULL;

#define NAME(suffix) (g_free (name), name = g_strconcat (prefix, "-", suffix, NULL))

  fields->name = add_entry (self, section, NAME ("name"),
                            _("_Name (required)"), GTK_INPUT_PURPOSE_NAME);
  fields->address = add_text (self, section, NAME ("address"), _("Postal _address"), 3);
  fields->postcode = add_entry (self, section, NAME ("postcode"),
                                _("_Postcode"), GTK_INPUT_PURPOSE_FREE_FORM);
  gtk_editable_set_width_chars (GTK_EDITABLE (fields->postcode), 10);
  gtk_widget_set_hexpand (fields->postcode, FALSE);
  gtk_widget_set_halign (fields->postcode, GTK_ALIGN_START);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect (focus, "leave", G_CALLBACK (postcode_leave_cb), fields->postcode);
    gtk_widget_add_controller (fields->postcode, focus);
  }
  fields->email = add_entry (self, section, NAME ("email"),
                             _("_E-mail address"), GTK_INPUT_PURPOSE_EMAIL);
  fields->phone = add_entry (self, section, NAME ("phone"),
                             _("_Telephone"), GTK_INPUT_PURPOSE_PHONE);
  fields->channel = add_choice (self, section, NAME ("channel"), _("Letters go b_y"), channels);
  fields->language = add_choice (self, section, NAME ("language"),
                                 _("Letters in _language"), languages);
  fields->large_print = add_check (self, section, NAME ("large-print"), _("Lar_ge print letters"));

#undef NAME
}

static void
build_form (RdNewComplaintDialog *self)
{
  GtkBox     *content = GTK_BOX (self->content_box);
  GtkWidget  *section;
  GtkWidget  *representative_box;
  const char *channels[] = {
    _("E-mail"), _("Post"), _("Phone"), _("In person"), _("Web form"), NULL };
  const char *authorities[] = { _("Written consent of the data subject"),
                                   _("Lasting power of attorney"),
                                      _("Parental responsibility"),
                                         _("Deputy appointed by the Court of Protection"),
                                            _("Solicitor or legal representative"),
                                               _("Other authority"), NULL };
  GDate       today;

  rd_context_get_today (self->context, &today);

  section = rd_form_section_new (content, _("The complaint"));
  self->received = rd_date_entry_new ();
  rd_date_entry_set_latest (RD_DATE_ENTRY (self->received), &today);
  rd_date_entry_set_date (RD_DATE_ENTRY (self->received), &today);
  rd_form_add_field (GTK_BOX (section),
                     _("Received _on"), self->received,
                        GTK_WIDGET (rd_date_entry_get_entry (RD_DATE_ENTRY (self->received))));
  rd_form_register (GTK_WIDGET (self), "received", self->received);
  g_signal_connect_swapped (self->received, "changed", G_CALLBACK (revalidate), self);

  self->channel = add_choice (self, section, "channel", _("Came _by"), channels);
  self->summary = add_text (self, section, "summary", _("_Summary (required)"), 3);
  self->about = add_entry (self, section, "about",
                           _("About an earlier re_quest (optional)"), GTK_INPUT_PURPOSE_FREE_FORM);
  rd_form_add_hint (GTK_BOX (section),
                    _("The reference of the subject access request or other request the "
                      "complaint is about, if there is one."));

  section = rd_form_section_new (content, _("The data subject"));
  build_person (self, section, "subject", &self->subject);
  self->identity_in_doubt = add_check (self, section, "identity-in-doubt",
                                       _("_Identity is in doubt: check it before responding"));
  rd_form_add_hint (GTK_BOX (section),
                    _("The policy accepts a passport or a driving licence. The one-month clock "
                      "starts once identity is settled."));

  section = rd_form_section_new (content, _("Representative"));
  self->has_representative = add_check (
      self, section, "has-representative",
      _("Someone else makes the complaint _for the data subject"));
  self->representative_revealer = gtk_revealer_new ();
  gtk_box_append (GTK_BOX (section), self->representative_revealer);
  representative_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_revealer_set_child (GTK_REVEALER (self->representative_revealer), representative_box);
  build_person (self, representative_box, "representative", &self->representative);
  self->authority = add_choice (self, representative_box, "authority",
                                _("Their a_uthority"), authorities);
  rd_form_add_hint (GTK_BOX (representative_box),
                    _("The council deals with a representative only once the data subject’s "
                      "written consent is on record."));
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
  RdNewComplaintDialog *self = RD_NEW_COMPLAINT_DIALOG (widget);
  RdStore              *store = rd_context_get_store (self->context);
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(RdCaseEvent) identity_requested = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  revalidate (self);
  if (!self->valid || store == NULL)
    return;

  /* The rules judge "not after today" by the store's day: make it the day
   * this window works on (a fixed $REDRESS_TODAY included). */
  {
    GDate today;

    rd_context_get_today (self->context, &today);
    rd_store_set_today (store, &today);
  }

  kase = case_from_form (self);

  /* Identity in doubt is an "identity-requested" event on the day of
   * receipt, saved with the case in one transaction: if the rules or the
   * disk refuse either, nothing is saved and the clerk can try again. */
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->identity_in_doubt)))
    identity_requested = rd_case_event_new ("identity-requested", rd_case_get_received (kase));
  /* On the main thread: when another program holds the store, wait only a
   * moment (not the store's usual 5 s, the window frozen), then say so. */
  guint busy_timeout = rd_store_get_busy_timeout (store);

  rd_store_set_busy_timeout (store, RD_FORM_SAVE_BUSY_TIMEOUT_MS);
  saved = rd_store_add_case_with_events (store, kase, &identity_requested,
                                         identity_requested != NULL ? 1 : 0, &error);
  rd_store_set_busy_timeout (store, busy_timeout);
  if (!saved)
    {
      /* Under the form, where it moves no field, and beside Create. */
      show_banner (self, error->message);
      rd_form_set_needed (self->needed, error->message, TRUE);
      return;
    }

  g_set_object (&self->created, kase);
  g_signal_emit (self, signals[CASE_CREATED], 0, kase);
  gtk_window_close (GTK_WINDOW (self));
}

/* GObject overrides */

static void
rd_new_complaint_dialog_constructed (GObject *object)
{
  RdNewComplaintDialog *self = RD_NEW_COMPLAINT_DIALOG (object);

  G_OBJECT_CLASS (rd_new_complaint_dialog_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  build_form (self);
  /* A message that comes when Create is pressed goes under the form, where
   * it moves no field; the line beside Create says it too. */
  gtk_box_reorder_child_after (GTK_BOX (self->content_box), self->banner,
                               gtk_widget_get_last_child (self->content_box));
  rd_form_name_mnemonic_buttons (GTK_WIDGET (self));
  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (store_notify_cb), self, 0);
  store_notify_cb (self->context, NULL, self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  gtk_widget_grab_focus (GTK_WIDGET (rd_form_lookup (GTK_WIDGET (self), "subject-name")));
}

static void
rd_new_complaint_dialog_dispose (GObject *object)
{
  RdNewComplaintDialog *self = RD_NEW_COMPLAINT_DIALOG (object);

  g_clear_object (&self->created);

  G_OBJECT_CLASS (rd_new_complaint_dialog_parent_class)->dispose (object);
}

static void
rd_new_complaint_dialog_finalize (GObject *object)
{
  RdNewComplaintDialog *self = RD_NEW_COMPLAINT_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->needed_text, g_free);

  G_OBJECT_CLASS (rd_new_complaint_dialog_parent_class)->finalize (object);
}

static void
rd_new_complaint_dialog_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RdNewComplaintDialog *self = RD_NEW_COMPLAINT_DIALOG (object);

  switch (prop_id)
    {
      case PROP_CONTEXT:
        self->context = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_new_complaint_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RdNewComplaintDialog *self = RD_NEW_COMPLAINT_DIALOG (object);

  switch (prop_id)
    {
      case PROP_CONTEXT:
        g_value_set_object (value, self->context);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_new_complaint_dialog_class_init (RdNewComplaintDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_new_complaint_dialog_constructed;
  object_class->dispose = rd_new_complaint_dialog_dispose;
  object_class->finalize = rd_new_complaint_dialog_finalize;
  object_class->set_property = rd_new_complaint_dialog_set_property;
  object_class->get_property = rd_new_complaint_dialog_get_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, RD_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                      G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RdNewComplaintDialog::case-created:
   * @kase: the case as saved, with its reference
   */
  signals[CASE_CREATED] = g_signal_new ("case-created", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        RD_TYPE_CASE);

  /* A window of its own, but a dialog to assistive technologies. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/rd-new-complaint-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdNewComplaintDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RdNewComplaintDialog, content_box);
  gtk_widget_class_bind_template_child (widget_class, RdNewComplaintDialog, banner);
  gtk_widget_class_bind_template_child (widget_class, RdNewComplaintDialog, needed);

  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
rd_new_complaint_dialog_init (RdNewComplaintDialog *self)
{
  rd_form_load_css ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", FALSE);
}

/* Public API */

/**
 * rd_new_complaint_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @context: the window's context (its store may be %NULL: Create then stays off)
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
RdNewComplaintDialog *
rd_new_complaint_dialog_new (GtkWindow *parent, RdContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  return g_object_new (RD_TYPE_NEW_COMPLAINT_DIALOG, "context", context, "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
}

/**
 * rd_new_complaint_dialog_present:
 * @parent: (nullable): the window the dialog belongs to
 * @context: the window's context
 *
 * Shows the New Complaint dialog. It saves through the context's store and
 * closes itself; connect to ::case-created to show the new case.
 *
 * Returns: (transfer none): the dialog
 */
RdNewComplaintDialog *
rd_new_complaint_dialog_present (GtkWindow *parent, RdContext *context)
{
  RdNewComplaintDialog *self = rd_new_complaint_dialog_new (parent, context);

  g_return_val_if_fail (self != NULL, NULL);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

gboolean
rd_new_complaint_dialog_can_save (RdNewComplaintDialog *self)
{
  g_return_val_if_fail (RD_IS_NEW_COMPLAINT_DIALOG (self), FALSE);

  return self->valid;
}

/**
 * rd_new_complaint_dialog_get_banner:
 *
 * Returns: (nullable): the message shown above the form (a store error), if any
 */
const char *
rd_new_complaint_dialog_get_banner (RdNewComplaintDialog *self)
{
  g_return_val_if_fail (RD_IS_NEW_COMPLAINT_DIALOG (self), NULL);

  return gtk_widget_get_visible (self->banner) ? gtk_label_get_text (GTK_LABEL (self->banner))
                                               : NULL;
}

/**
 * rd_new_complaint_dialog_get_created_case:
 *
 * Returns: (transfer none) (nullable): the case saved, once Create succeeded
 */
RdCase *
rd_new_complaint_dialog_get_created_case (RdNewComplaintDialog *self)
{
  g_return_val_if_fail (RD_IS_NEW_COMPLAINT_DIALOG (self), NULL);

  return self->created;
}
