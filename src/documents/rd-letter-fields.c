/* rd-letter-fields.c: a letter's fields, filled from a case in the store.
 *
 * No deadline is worked out here: the dates come from the rules' fold
 * (RdCaseState); this file only formats them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-documents"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "rd-letter-fields.h"

#define CY RD_LETTER_LANGUAGE_CY

/* Letter wording chosen by the letter's language, not the UI's. The Welsh is
 * ours and must be reviewed by a Welsh speaker (docs/letters.md). */

/*
 * A letter to a representative never says "you" or "your" where it means the
 * data subject: it names them. The Welsh said of the data subject does not
 * depend on their gender (no "ei ran / ei rhan", "ganddo / ganddi"): the name
 * comes first or as the second noun of a genitive, where it takes no mutation.
 */

/* The seed policy's five factors, said to the data subject. */
static const char *const factor_text[RD_LETTER_N_LANGUAGES][RD_REFUSAL_N_FACTORS] = {
  {
      "you have said that you intend to cause disruption, and you have threatened people",
      "you have made accusations against people that are not supported by evidence, and you "
      "keep making them",
      "you are targeting particular people against whom you have a personal grudge",
      "you make frequent complaints intended to cause disruption",
      "you keep repeating the substance of earlier complaints that we have already investigated",
  },
  {
      "rydych wedi dweud eich bod yn bwriadu achosi aflonyddwch, ac rydych wedi bygwth pobl",
      "rydych wedi gwneud cyhuddiadau yn erbyn pobl heb dystiolaeth i’w cefnogi, ac rydych yn "
      "parhau i’w gwneud",
      "rydych yn targedu pobl benodol y mae gennych ddig personol yn eu herbyn",
      "rydych yn gwneud cwynion aml gyda’r bwriad o achosi aflonyddwch",
      "rydych yn parhau i ailadrodd sylwedd cwynion blaenorol yr ydym eisoes wedi ymchwilio "
      "iddynt",
  },
};

/* The same factors said of the data subject, to their representative: the
 * text before and after the data subject's name. The policy's factors are
 * about the data subject ("The data subject has explicitly stated …"). */
static const char *const factor_rep_text[RD_LETTER_N_LANGUAGES][RD_REFUSAL_N_FACTORS][2] = {
  {
      { "", " has said that they intend to cause disruption, and has threatened people" },
      { "", " has made accusations against people that are not supported by evidence, and keeps "
            "making them" },
      { "", " is targeting particular people against whom they have a personal grudge" },
      { "", " makes frequent complaints intended to cause disruption" },
      { "", " keeps repeating the substance of earlier complaints that we have already "
            "investigated" },
  },
  {
      { "mae ", " wedi datgan bwriad i achosi aflonyddwch, ac wedi bygwth pobl" },
      { "mae ", " wedi gwneud cyhuddiadau yn erbyn pobl heb dystiolaeth i’w cefnogi, ac yn "
                "parhau i’w gwneud" },
      { "mae ", " yn targedu pobl benodol oherwydd dig personol yn eu herbyn" },
      { "mae ", " yn gwneud cwynion aml gyda’r bwriad o achosi aflonyddwch" },
      { "mae ", " yn parhau i ailadrodd sylwedd cwynion blaenorol yr ydym eisoes wedi "
                "ymchwilio iddynt" },
  },
};

static const char *const outcome_text[RD_LETTER_N_LANGUAGES][4] = {
  { NULL, "We have upheld your complaint.", "We have upheld part of your complaint.",
    "We have not upheld your complaint." },
  { NULL, "Rydym wedi cadarnhau eich cwyn.", "Rydym wedi cadarnhau rhan o’ch cwyn.",
    "Nid ydym wedi cadarnhau eich cwyn." },
};

static const char *const review_text[RD_LETTER_N_LANGUAGES][4] = {
  { NULL, "The review has upheld your complaint.", "The review has upheld part of your complaint.",
    "The review has not upheld your complaint." },
  { NULL, "Mae’r adolygiad wedi cadarnhau eich cwyn.",
    "Mae’r adolygiad wedi cadarnhau rhan o’ch cwyn.",
    "Nid yw’r adolygiad wedi cadarnhau eich cwyn." },
};

static const char *const ico_recipient[RD_LETTER_N_LANGUAGES][2] = {
  { "Case Officer", "Information Commissioner’s Office\nWycliffe House\nWater Lane\nWilmslow\n"
                    "Cheshire\nSK9 5AF" },
  { "Swyddog Achos", "Swyddfa’r Comisiynydd Gwybodaeth\nWycliffe House\nWater Lane\nWilmslow\n"
                     "Cheshire\nSK9 5AF" },
};

/* The data subject's personal data, as the recipient reads it: "your" to
 * the data subject, the subject's name to a representative. */
static const char *const personal_data_text[RD_LETTER_N_LANGUAGES][3] = {
  /* to the data subject; before and after the subject's name */
  { "your personal data", "", "’s personal data" },
  { "eich data personol", "data personol ", "" },
};

/* When the response clock has not started, to the data subject: identity
 * awaited, consent awaited. */
static const char *const waiting_text[RD_LETTER_N_LANGUAGES][2] = {
  { "We can start on it once we have confirmed who you are. We will then tell you the date by "
    "which we will answer.",
    "We can start on it once we have the written consent of the person the complaint is about. "
    "We will then tell you the date by which we will answer." },
  { "Gallwn ddechrau arni pan fyddwn wedi cadarnhau pwy ydych chi. Byddwn wedyn yn dweud wrthych "
    "erbyn pryd y byddwn yn ateb.",
    "Gallwn ddechrau arni pan fydd gennym gydsyniad ysgrifenedig gwrthrych y data. Byddwn wedyn "
    "yn dweud wrthych erbyn pryd y byddwn yn ateb." },
};

/* To a representative, the text before and after the data subject's name:
 * identity awaited, consent awaited. */
static const char *const waiting_rep_text[RD_LETTER_N_LANGUAGES][2][2] = {
  {
      { "We can start on it once we have confirmed who ",
        " is. We will then tell you the date by which we will answer." },
      { "We can start on it once we have the written consent of ",
        " for you to act for them. We will then tell you the date by which we will answer." },
  },
  {
      { "Gallwn ddechrau arni pan fyddwn wedi cadarnhau pwy yw ",
        ". Byddwn wedyn yn dweud wrthych erbyn pryd y byddwn yn ateb." },
      { "Gallwn ddechrau arni pan fydd gennym gydsyniad ysgrifenedig ",
        " i chi weithredu ar y gŵyn hon. Byddwn wedyn yn dweud wrthych erbyn pryd y byddwn yn "
        "ateb." },
  },
};

static const char *const default_role[RD_LETTER_N_LANGUAGES] = { "Clerk", "Clerc" };
static const char *const email_label[RD_LETTER_N_LANGUAGES] = { "E-mail", "E-bost" };
static const char *const phone_label[RD_LETTER_N_LANGUAGES] = { "Telephone", "Ffôn" };

/* Helpers */

static RdCaseEvent *
latest_event (GPtrArray *events, RdEventKind kind)
{
  const char *id = rd_event_kind_to_id (kind);

  if (events == NULL)
    return NULL;
  for (guint i = events->len; i > 0; i--)
    {
      RdCaseEvent *event = g_ptr_array_index (events, i - 1);

      if (g_strcmp0 (rd_case_event_get_kind (event), id) == 0)
        return event;
    }
  return NULL;
}

static void
set_date (RdLetter *letter, const char *name, const GDate *date)
{
  g_autofree char *text = NULL;

  if (date == NULL || !g_date_valid (date))
    return;
  text = rd_letter_format_date (date, rd_letter_get_language (letter));
  rd_letter_set_field (letter, name, text);
}

static void
set_deadline (RdLetter *letter, const char *name, RdCaseState *state, RdDeadlineKind kind)
{
  const RdDeadline *deadline = state != NULL ? rd_case_state_get_deadline (state, kind) : NULL;

  if (deadline == NULL || deadline->state == RD_DEADLINE_WAITING)
    return;
  rd_letter_set_deadline (letter, name, &deadline->due);
}

static const char *
outcome_sentence (RdCaseEvent *event, const char *const table[4])
{
  RdOutcome outcome;

  if (event == NULL ||
      !rd_outcome_from_id (rd_case_event_get_detail (event, RD_DETAIL_OUTCOME), &outcome) ||
      outcome == RD_OUTCOME_NONE || outcome > RD_OUTCOME_NOT_UPHELD)
    return NULL;
  return table[outcome];
}

/* The address with the postcode on its own last line, unless it is there already. */
static char *
postal_address (RdPerson *person)
{
  const char *address = rd_person_get_address (person);
  const char *postcode = rd_person_get_postcode (person);

  if (postcode == NULL || *postcode == '\0')
    return g_strdup (address);
  if (address == NULL || *address == '\0')
    return g_strdup (postcode);
  {
    g_autofree char *flat_address = g_utf8_strdown (address, -1);
    g_autofree char *flat_postcode = g_utf8_strdown (postcode, -1);

    if (strstr (flat_address, flat_postcode) != NULL)
      return g_strdup (address);
  }
  return g_strdup_printf ("%s\n%s", address, postcode);
}

static gboolean
wants_email (RdPerson *person)
{
  const char *email = rd_person_get_email (person);

  return g_strcmp0 (rd_person_get_channel (person), "email") == 0 && email != NULL &&
         *email != '\0';
}

/*
 * A letter on paper needs a postal address. Without one, only a recipient
 * who asked for e-mail can have the letter (sent as a PDF by e-mail).
 */
static gboolean
check_postal_address (RdLetterType type, RdCase *kase, GError **error)
{
  RdPerson        *correspondent = rd_case_get_correspondent (kase);
  g_autofree char *address = NULL;
  gboolean         representative;

  if (type == RD_LETTER_ICO_COVER || correspondent == NULL)
    return TRUE;
  address = postal_address (correspondent);
  if ((address != NULL && *address != '\0') || wants_email (correspondent))
    return TRUE;
  representative = correspondent != rd_case_get_subject (kase);
  g_set_error_literal (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE,
                       representative
                       ? _("The representative has no postal address: add one in the case’s "
                               "details, or send this letter by e-mail (choose e-mail as their "
                               "way of contact, with their e-mail address).")
                       : _("The complainant has no postal address: add one in the case’s "
                               "details, or send this letter by e-mail (choose e-mail as their "
                               "way of contact, with their e-mail address)."));
  return FALSE;
}

static gboolean
not_allowed (GError **error, const char *message)
{
  g_set_error_literal (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NOT_ALLOWED, message);
  return FALSE;
}

/* Public API */

char *
rd_letter_template_setting_key (RdLetterType type, RdLetterLanguage language)
{
  g_return_val_if_fail (type < RD_LETTER_N_TYPES, NULL);
  g_return_val_if_fail (language < RD_LETTER_N_LANGUAGES, NULL);

  return g_strdup_printf ("x-letters-template-%s-%s", rd_letter_language_to_string (language),
                          rd_letter_type_to_string (type));
}

gboolean
rd_letter_type_allowed (RdLetterType type,
                        RdCase      *kase,
                        GPtrArray   *events,
                        RdCaseState *state,
                        GError     **error)
{
  RdStatus status;
  gboolean answered;

  g_return_val_if_fail (type < RD_LETTER_N_TYPES, FALSE);
  g_return_val_if_fail (RD_IS_CASE (kase), FALSE);
  g_return_val_if_fail (RD_IS_CASE_STATE (state), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  status = rd_case_state_get_status (state);
  if (status == RD_STATUS_DESTROYED)
    return not_allowed (error, _("The records of this case were destroyed: no letter can be "
                                 "made for it."));

  answered = latest_event (events, RD_EVENT_OUTCOME_SENT) != NULL ||
             latest_event (events, RD_EVENT_REFUSED) != NULL;

  switch (type)
    {
      case RD_LETTER_ACKNOWLEDGEMENT:
        if (status == RD_STATUS_CLOSED)
          return not_allowed (error,
                              _("The case is closed: there is nothing left to acknowledge."));
        return TRUE;

      case RD_LETTER_IDENTITY_REQUEST:
      case RD_LETTER_CLARIFICATION_REQUEST:
        if (answered || status == RD_STATUS_CLOSED)
          return not_allowed (error,
                              _("The complaint has already been answered: a request for "
                                     "identity or clarification can only go before the outcome."));
        return TRUE;

      case RD_LETTER_CONSENT_REQUEST:
        if (rd_case_get_representative (kase) == NULL)
          return not_allowed (error, _("No representative is recorded on this case: written "
                                     "consent is only asked for when someone complains for the "
                                     "data subject."));
        if (latest_event (events, RD_EVENT_CONSENT_RECEIVED) != NULL)
          return not_allowed (error,
                              _("The data subject’s written consent is already on record."));
        return TRUE;

      case RD_LETTER_EXTENSION:
        if (latest_event (events, RD_EVENT_EXTENDED) == NULL)
          return not_allowed (error,
                              _("No extension is recorded yet. Record the extension with its "
                                     "reason first; the letter gives the new date worked out "
                                     "from it."));
        return TRUE;

      case RD_LETTER_OUTCOME:
        if (latest_event (events, RD_EVENT_OUTCOME_SENT) == NULL)
          return not_allowed (error,
                              _("No outcome is recorded yet. Record the outcome first, then "
                                     "make its letter."));
        return TRUE;

      case RD_LETTER_REFUSAL:
        if (latest_event (events, RD_EVENT_REFUSED) == NULL)
          return not_allowed (error, _("No refusal is recorded yet. Record the refusal with its "
                                     "factors and reasons first, then make its letter."));
        return TRUE;

      case RD_LETTER_REVIEW_ACKNOWLEDGEMENT:
        if (latest_event (events, RD_EVENT_REVIEW_REQUESTED) == NULL)
          return not_allowed (error, _("No request for a review is recorded yet. Record it first, "
                                     "then acknowledge it."));
        return TRUE;

      case RD_LETTER_REVIEW_OUTCOME:
        if (latest_event (events, RD_EVENT_REVIEW_OUTCOME_SENT) == NULL)
          return not_allowed (error, _("No review outcome is recorded yet. Record it first, then "
                                     "make its letter."));
        return TRUE;

      case RD_LETTER_ICO_COVER:
        if (latest_event (events, RD_EVENT_ICO_NOTIFIED) == NULL)
          return not_allowed (error,
                              _("The ICO has not been recorded as in touch about this case. "
                                     "Record that the ICO got in touch first."));
        return TRUE;

      case RD_LETTER_N_TYPES:
      default:
        break;
    }
  g_assert_not_reached ();
}

void
rd_letter_fill_case_fields (RdLetter *letter, RdCase *kase, GPtrArray *events, RdCaseState *state)
{
  RdLetterLanguage  language;
  RdPerson         *subject;
  RdPerson         *correspondent;
  RdCaseEvent      *event;
  const RdDeadline *respond;
  const char       *subject_name;
  gboolean          to_representative;

  g_return_if_fail (RD_IS_LETTER (letter));
  g_return_if_fail (RD_IS_CASE (kase));

  language = rd_letter_get_language (letter);
  subject = rd_case_get_subject (kase);
  correspondent = rd_case_get_correspondent (kase);
  subject_name = subject != NULL ? rd_person_get_name (subject) : NULL;
  /* The templates test {if representative.name}: the same condition. */
  to_representative = rd_case_get_representative (kase) != NULL && subject_name != NULL;

  rd_letter_set_field (letter, "case.ref", rd_case_get_reference (kase));
  set_date (letter, "case.received", rd_case_get_received (kase));
  rd_letter_set_field (letter, "case.summary", rd_case_get_summary (kase));
  if (subject != NULL)
    rd_letter_set_field (letter, "complainant.name", rd_person_get_name (subject));
  if (rd_case_get_representative (kase) != NULL)
    rd_letter_set_field (letter, "representative.name",
                         rd_person_get_name (rd_case_get_representative (kase)));
  if (subject != NULL && correspondent != NULL && correspondent != subject)
    {
      g_autofree char *text = g_strconcat (personal_data_text[language][1],
                                           rd_person_get_name (subject),
                                           personal_data_text[language][2], NULL);

      rd_letter_set_field (letter, "subject.personal_data", text);
    }
  else
    rd_letter_set_field (letter, "subject.personal_data", personal_data_text[language][0]);

  if (rd_letter_get_letter_type (letter) == RD_LETTER_ICO_COVER)
    {
      rd_letter_set_field (letter, "recipient.name", ico_recipient[language][0]);
      rd_letter_set_field (letter, "recipient.address", ico_recipient[language][1]);
    }
  else if (correspondent != NULL)
    {
      g_autofree char *address = postal_address (correspondent);

      rd_letter_set_field (letter, "recipient.name", rd_person_get_name (correspondent));
      /* No postal address: one who asked for e-mail gets the letter with
       * the e-mail address under the name (rd_letter_new_for_case() refuses
       * the letter for anyone else). */
      if ((address == NULL || *address == '\0') && wants_email (correspondent))
        rd_letter_set_field (letter, "recipient.address", rd_person_get_email (correspondent));
      else
        rd_letter_set_field (letter, "recipient.address", address);
    }

  /* Deadlines: the rules' dates, formatted. */
  set_deadline (letter, "deadline.acknowledge", state, RD_DEADLINE_ACKNOWLEDGE);
  set_deadline (letter, "deadline.respond", state, RD_DEADLINE_RESPOND);
  set_deadline (letter, "deadline.review_request", state, RD_DEADLINE_REVIEW_WINDOW);
  set_deadline (letter, "deadline.review_respond", state, RD_DEADLINE_REVIEW_RESPOND);
  respond = state != NULL ? rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND) : NULL;
  if (respond != NULL && respond->state == RD_DEADLINE_WAITING)
    {
      gboolean identity = rd_case_state_get_identity_in_doubt (state);

      if (to_representative)
        {
          const char *const *text = waiting_rep_text[language][identity ? 0 : 1];
          g_autofree char   *sentence = g_strconcat (text[0], subject_name, text[1], NULL);

          rd_letter_set_field (letter, "deadline.respond_waiting", sentence);
        }
      else
        rd_letter_set_field (letter, "deadline.respond_waiting",
                             waiting_text[language][identity ? 0 : 1]);
    }
  if (respond != NULL && respond->extended && g_date_valid (&respond->original_due))
    set_date (letter, "deadline.respond_original", &respond->original_due);
  else if (respond != NULL && respond->state != RD_DEADLINE_WAITING)
    /* A date the letter recalls, not one it promises: no warning when past. */
    set_date (letter, "deadline.respond_original", &respond->due);

  /* What the clerk recorded with each step: the latest event of its kind. */
  /* The clerk's words for the letter come from the step's details (the
   * event window's "summary" and "question"), never from the timeline note,
   * which is the clerk's own reminder ("Outcome letter") and not meant for
   * the complainant. */
  if ((event = latest_event (events, RD_EVENT_CLARIFICATION_REQUESTED)) != NULL)
    rd_letter_set_field (letter, "clarification.question",
                         rd_case_event_get_detail (event, RD_DETAIL_QUESTION));
  if ((event = latest_event (events, RD_EVENT_EXTENDED)) != NULL)
    rd_letter_set_field (letter, "extension.reason",
                         rd_case_event_get_detail (event, RD_DETAIL_REASON));
  if ((event = latest_event (events, RD_EVENT_OUTCOME_SENT)) != NULL)
    {
      rd_letter_set_field (letter, "outcome.result",
                           outcome_sentence (event, outcome_text[language]));
      rd_letter_set_field (letter, "outcome.details",
                           rd_case_event_get_detail (event, RD_DETAIL_SUMMARY));
    }
  if ((event = latest_event (events, RD_EVENT_REFUSED)) != NULL)
    {
      g_autoptr(GArray) factors = rd_case_event_get_factors (event);
      GString *text = g_string_new (NULL);

      for (guint i = 0; factors != NULL && i < factors->len; i++)
        {
          guint n = g_array_index (factors, guint, i);

          if (n < 1 || n > RD_REFUSAL_N_FACTORS)
            continue;
          g_string_append_printf (text, "%s• ", text->len > 0 ? "\n" : "");
          if (to_representative)
            g_string_append_printf (text, "%s%s%s", factor_rep_text[language][n - 1][0],
                                    subject_name, factor_rep_text[language][n - 1][1]);
          else
            g_string_append (text, factor_text[language][n - 1]);
        }
      rd_letter_set_field (letter, "refusal.factors", text->str);
      g_string_free (text, TRUE);
      rd_letter_set_field (letter, "refusal.reasons",
                           rd_case_event_get_detail (event, RD_DETAIL_REASONS));
    }
  if ((event = latest_event (events, RD_EVENT_REVIEW_REQUESTED)) != NULL)
    set_date (letter, "review.received", rd_case_event_get_date (event));
  if ((event = latest_event (events, RD_EVENT_REVIEW_OUTCOME_SENT)) != NULL)
    {
      rd_letter_set_field (letter, "review.result",
                           outcome_sentence (event, review_text[language]));
      rd_letter_set_field (letter, "review.details",
                           rd_case_event_get_detail (event, RD_DETAIL_SUMMARY));
    }
  if ((event = latest_event (events, RD_EVENT_ICO_NOTIFIED)) != NULL)
    {
      GDate due;

      rd_letter_set_field (letter, "ico.reference",
                           rd_case_event_get_detail (event, RD_DETAIL_ICO_REF));
      if (rd_letter_get_letter_type (letter) == RD_LETTER_ICO_COVER)
        rd_letter_set_field (letter, "recipient.reference",
                             rd_case_event_get_detail (event, RD_DETAIL_ICO_REF));
      g_date_clear (&due, 1);
      if (rd_case_event_get_detail_date (event, RD_DETAIL_ICO_DUE, &due))
        rd_letter_set_deadline (letter, "ico.due", &due);
      else
        set_deadline (letter, "ico.due", state, RD_DEADLINE_ICO);
    }
}

void
rd_letter_fill_council_fields (RdLetter   *letter,
                               const char *name,
                               const char *address,
                               const char *email,
                               const char *phone,
                               const char *clerk,
                               const char *clerk_role)
{
  RdLetterLanguage language;
  GString         *contact;

  g_return_if_fail (RD_IS_LETTER (letter));

  language = rd_letter_get_language (letter);
  rd_letter_set_field (letter, "council.name", name);
  rd_letter_set_field (letter, "council.address", address);
  contact = g_string_new (NULL);
  if (phone != NULL && *phone != '\0')
    g_string_append_printf (contact, "%s: %s", phone_label[language], phone);
  if (email != NULL && *email != '\0')
    g_string_append_printf (contact, "%s%s: %s", contact->len > 0 ? "\n" : "",
                            email_label[language], email);
  rd_letter_set_field (letter, "council.contact", contact->str);
  g_string_free (contact, TRUE);
  rd_letter_set_field (letter, "clerk.name", clerk);
  rd_letter_set_field (letter, "clerk.role",
                       clerk_role != NULL && *clerk_role != '\0' ? clerk_role
                                                                 : default_role[language]);
}

RdLetterLanguage
rd_letter_language_for_case (RdCase *kase)
{
  RdPerson        *person;
  RdLetterLanguage language = RD_LETTER_LANGUAGE_EN;

  g_return_val_if_fail (RD_IS_CASE (kase), RD_LETTER_LANGUAGE_EN);

  person = rd_case_get_correspondent (kase);
  if (person != NULL && rd_person_get_language (person) != NULL)
    rd_letter_language_from_string (rd_person_get_language (person), &language);
  return language;
}

gboolean
rd_letter_large_print_for_case (RdCase *kase)
{
  RdPerson *person;

  g_return_val_if_fail (RD_IS_CASE (kase), FALSE);

  person = rd_case_get_correspondent (kase);
  return person != NULL && rd_person_get_large_print (person);
}

/**
 * rd_letter_check_recorded_details:
 * @letter: a letter filled from @kase
 * @kase: its case
 * @error: return location for a #GError
 *
 * A letter whose words the clerk records with a step (the outcome's or the
 * review's summary, the question of a request for clarification) cannot be
 * made straight to PDF without them: this says exactly how to give them.
 * rd_letter_new_for_case() checks it when it composes without placeholders.
 *
 * Returns: %TRUE if the letter has them (or needs none)
 */
gboolean
rd_letter_check_recorded_details (RdLetter *letter, RdCase *kase, GError **error)
{
  const char *ref;

  g_return_val_if_fail (RD_IS_LETTER (letter), FALSE);
  g_return_val_if_fail (RD_IS_CASE (kase), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ref = rd_case_get_reference (kase);
  switch (rd_letter_get_letter_type (letter))
    {
      case RD_LETTER_OUTCOME:
        if (rd_letter_get_field (letter, "outcome.details") != NULL)
          return TRUE;
        g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE,
                     _("The outcome letter must give the findings of the investigation, but the "
                       "outcome was recorded without a summary of them. Write them in the "
                       "letter window in Redress, or give them from a terminal with "
                       "“redress-cli letter %s outcome --summary TEXT …” (an outcome recorded "
                       "with “redress-cli event %s outcome-sent --summary TEXT” has them "
                       "already)."),
                        ref, ref);
        return FALSE;
      case RD_LETTER_REVIEW_OUTCOME:
        if (rd_letter_get_field (letter, "review.details") != NULL)
          return TRUE;
        g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE,
                     _("The review outcome letter must give what the review found, but the "
                       "review outcome was recorded without a summary. Write it in the letter "
                       "window in Redress, or give it from a terminal with “redress-cli letter "
                       "%s review-outcome --summary TEXT …” (a review outcome recorded with "
                       "“redress-cli event %s review-outcome-sent --summary TEXT” has it "
                       "already)."),
                        ref, ref);
        return FALSE;
      case RD_LETTER_CLARIFICATION_REQUEST:
        if (rd_letter_get_field (letter, "clarification.question") != NULL)
          return TRUE;
        g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE,
                     _("The request for clarification must ask the question, but no question "
                       "is recorded. Record the request with its question (“redress-cli event "
                       "%s clarification-requested --question TEXT”), or give the question for "
                       "this letter with “redress-cli letter %s clarification-request "
                       "--question TEXT …”."),
                        ref, ref);
        return FALSE;
      case RD_LETTER_ACKNOWLEDGEMENT:
      case RD_LETTER_IDENTITY_REQUEST:
      case RD_LETTER_CONSENT_REQUEST:
      case RD_LETTER_EXTENSION:
      case RD_LETTER_REFUSAL:
      case RD_LETTER_REVIEW_ACKNOWLEDGEMENT:
      case RD_LETTER_ICO_COVER:
      case RD_LETTER_N_TYPES:
      default:
        return TRUE;
    }
}

static double
setting_mm (RdStore *store, const char *key)
{
  g_autofree char *text = rd_store_get_setting (store, key);

  return text != NULL ? g_ascii_strtod (text, NULL) : 0.0;
}

RdLetter *
rd_letter_new_for_case (RdStore               *store,
                        RdCase                *kase,
                        RdLetterType           type,
                        const RdLetterOptions *options,
                        GError               **error)
{
  g_autoptr(RdLetter) letter = NULL;
  g_autoptr(RdCaseState) state = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GBytes) logo = NULL;
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *clerk = NULL;
  g_autofree char *role = NULL;
  g_autofree char *key = NULL;
  g_autofree char *override = NULL;
  RdLetterLanguage language;
  gboolean         large_print;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (RD_IS_CASE (kase), NULL);
  g_return_val_if_fail (type < RD_LETTER_N_TYPES, NULL);
  g_return_val_if_fail (options != NULL && options->date != NULL && g_date_valid (options->date),
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((events = rd_store_list_events (store, rd_case_get_id (kase), error)) == NULL)
    return NULL;
  if ((state = rd_store_get_case_state (store, rd_case_get_id (kase), options->date, error)) ==
      NULL)
    return NULL;
  if (!rd_letter_type_allowed (type, kase, events, state, error))
    return NULL;
  if (!check_postal_address (type, kase, error))
    return NULL;

  language = options->language >= 0 && options->language < RD_LETTER_N_LANGUAGES
                 ? (RdLetterLanguage) options->language
                 : rd_letter_language_for_case (kase);
  large_print = options->large_print >= 0 ? options->large_print != 0
                                          : rd_letter_large_print_for_case (kase);

  letter = rd_letter_new (type, language);
  rd_letter_set_large_print (letter, large_print);
  rd_letter_set_date (letter, options->date);

  name = rd_store_get_setting (store, RD_SETTING_NAME);
  address = rd_store_get_setting (store, RD_SETTING_ADDRESS);
  email = rd_store_get_setting (store, RD_SETTING_EMAIL);
  phone = rd_store_get_setting (store, RD_LETTER_SETTING_PHONE);
  clerk = rd_store_get_setting (store, RD_SETTING_CLERK);
  role = rd_store_get_setting (store, RD_LETTER_SETTING_CLERK_ROLE);
  rd_letter_fill_council_fields (letter, name, address, email, phone, clerk, role);
  rd_letter_fill_case_fields (letter, kase, events, state);
  rd_letter_set_envelope_offset (letter, setting_mm (store, RD_LETTER_SETTING_OFFSET_X),
                                 setting_mm (store, RD_LETTER_SETTING_OFFSET_Y));

  /* A PNG or JPEG logo goes on the letter; another kind (SVG) is left off,
   * not an error. */
  logo = rd_store_get_logo (store);
  if (logo != NULL && !rd_letter_set_logo (letter, logo, NULL))
    g_debug ("The council's logo is neither PNG nor JPEG; the letter goes without it");

  key = rd_letter_template_setting_key (type, language);
  override = rd_store_get_setting (store, key);
  if (override != NULL && *override != '\0' && !rd_letter_set_template (letter, override, error))
    {
      g_prefix_error (error, _("The council’s own template for this letter cannot be used: "));
      return NULL;
    }

  rd_letter_set_placeholders (letter, options->placeholders);
  if (!options->placeholders && !rd_letter_check_recorded_details (letter, kase, error))
    return NULL;
  if (!rd_letter_compose (letter, error))
    return NULL;
  return g_steal_pointer (&letter);
}

gboolean
rd_letter_save_template_override (RdStore         *store,
                                  RdLetterType     type,
                                  RdLetterLanguage language,
                                  const char      *text,
                                  GError         **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (type < RD_LETTER_N_TYPES, FALSE);
  g_return_val_if_fail (language < RD_LETTER_N_LANGUAGES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text != NULL && !rd_letter_template_validate (text, type, error))
    return FALSE;
  key = rd_letter_template_setting_key (type, language);
  return rd_store_set_setting (store, key, text, error);
}
