/* test-letter-fields.c: letters made from a case in a real store.
 *
 * The expected dates are worked out by hand from a 2026 calendar and the
 * rules as DESIGN.md states them (England and Wales bank holidays):
 *   received Wednesday 1 July 2026;
 *   respond: one calendar month, 1 August 2026 is a Saturday, so Monday
 *     3 August 2026;
 *   acknowledge: 5 working days from the day after receipt, 2, 3, 6, 7,
 *     8 July: Wednesday 8 July 2026;
 *   extended by two months: 1 October 2026, a Thursday;
 *   outcome Monday 20 July 2026: review window one month, Thursday
 *     20 August 2026;
 *   review requested Monday 3 August 2026: review respond Thursday
 *     3 September 2026.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#include "rd-letter-fields.h"

typedef struct
{
  char    *dir;
  RdStore *store;
  RdCase  *kase;
  GDate    today;
} Fixture;

static void
set_date (GDate *date, int day, int month, int year)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RdPerson) subject = NULL;
  const char *language = data;
  GDate       received;

  fixture->dir = g_dir_make_tmp ("rd-letter-fields-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "store.redress", NULL);
  fixture->store = rd_store_open (path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  set_date (&fixture->today, 1, 9, 2026);
  rd_store_set_today (fixture->store, &fixture->today);

  g_assert_true (
      rd_store_set_setting (fixture->store, RD_SETTING_NAME, "Llanfair Town Council", &error));
  g_assert_true (rd_store_set_setting (fixture->store, RD_SETTING_ADDRESS,
                                       "Town Hall\nHigh Street\nLlanfair", &error));
  g_assert_true (
      rd_store_set_setting (fixture->store, RD_SETTING_EMAIL, "clerk@llanfair.example", &error));
  g_assert_true (rd_store_set_setting (fixture->store, RD_SETTING_CLERK, "Alex Morgan", &error));
  g_assert_no_error (error);

  subject = rd_person_new ("Siôn Ŵyn Llŷr");
  rd_person_set_address (subject, "14 Heol y Frenhines\nLlandeilo");
  rd_person_set_postcode (subject, "SA19 6AA");
  rd_person_set_language (subject, language != NULL ? language : "en");
  rd_person_set_large_print (subject, language != NULL);

  fixture->kase = rd_case_new ();
  set_date (&received, 1, 7, 2026);
  rd_case_set_received (fixture->kase, &received);
  rd_case_set_channel (fixture->kase, "post");
  rd_case_set_summary (fixture->kase, "CCTV footage");
  rd_case_set_subject (fixture->kase, subject);
  g_assert_true (rd_store_add_case (fixture->store, fixture->kase, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "store.redress", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->kase);
  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
add_event (Fixture *fixture, RdCaseEvent *event)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (
      rd_store_add_event (fixture->store, rd_case_get_id (fixture->kase), event, &error), >, 0);
  g_assert_no_error (error);
}

/* The letter's text as Poppler extracts it from the PDF. */
static char *
pdf_text (RdLetter *letter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  PopplerDocument *document;
  GString         *text;

  pdf = rd_letter_to_pdf (letter, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  document = poppler_document_new_from_bytes (pdf, NULL, NULL);
  g_assert_nonnull (document);
  text = g_string_new (NULL);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage     *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append_printf (text, "%s\n", page_text);
      g_object_unref (page);
    }
  g_object_unref (document);
  /* One space for every run of white space, plain letters for ligatures. */
  {
    g_auto(GStrv) words = g_strsplit_set (text->str, " \n\t", -1);
    g_autofree char *joined = NULL;

    g_string_truncate (text, 0);
    for (guint i = 0; words[i] != NULL; i++)
      if (*words[i] != '\0')
        g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", words[i]);
    joined = g_string_free (text, FALSE);
    return g_utf8_normalize (joined, -1, G_NORMALIZE_NFKC);
  }
}

static char *
letter_text (Fixture *fixture, RdLetterType type, GError **error)
{
  RdLetterOptions options = { -1, -1, &fixture->today };
  g_autoptr(RdLetter) letter = rd_letter_new_for_case (fixture->store, fixture->kase, type,
                                                        &options, error);

  if (letter == NULL)
    return NULL;
  return pdf_text (letter);
}

static void
assert_contains (const char *text, const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not in the letter", needle);
}

static void
assert_lacks (const char *text, const char *needle, RdLetterType type)
{
  if (strstr (text, needle) != NULL)
    g_error ("“%s” in the letter of type %s", needle, rd_letter_type_to_string (type));
}

static void
test_acknowledgement (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = letter_text (fixture, RD_LETTER_ACKNOWLEDGEMENT, &error);

  g_assert_no_error (error);
  assert_contains (text, "Llanfair Town Council");
  assert_contains (text, "clerk@llanfair.example");
  assert_contains (text, "Siôn Ŵyn Llŷr");
  assert_contains (text, "Llandeilo SA19 6AA");
  assert_contains (text, rd_case_get_reference (fixture->kase));
  assert_contains (text, "Tuesday 1 September 2026"); /* the letter's date */
  assert_contains (text, "Wednesday 1 July 2026");
  assert_contains (text, "Monday 3 August 2026");
  assert_contains (text, "Alex Morgan");
}

static void
test_acknowledgement_waiting_for_identity (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseEvent) event = NULL;
  g_autofree char *text = NULL;
  GDate            on;

  /* Identity in doubt: the clock has not started, so there is no date yet. */
  set_date (&on, 2, 7, 2026);
  event = rd_case_event_new ("identity-requested", &on);
  add_event (fixture, event);

  text = letter_text (fixture, RD_LETTER_ACKNOWLEDGEMENT, &error);
  g_assert_no_error (error);
  assert_contains (text, "once we have confirmed who you are");
  g_assert_null (strstr (text, "Monday 3 August 2026"));
  g_assert_null (strstr (text, "We will tell you what we found by"));
}

static void
test_welsh_by_preference (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RdLetterOptions options = { -1, -1, &fixture->today };
  g_autoptr(RdLetter) letter = rd_letter_new_for_case (
      fixture->store, fixture->kase, RD_LETTER_ACKNOWLEDGEMENT, &options, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (rd_letter_get_language (letter), ==, RD_LETTER_LANGUAGE_CY);
  g_assert_true (rd_letter_get_large_print (letter));
  text = letter_text (fixture, RD_LETTER_ACKNOWLEDGEMENT, &error);
  assert_contains (text, "Dydd Llun 3 Awst 2026");
  assert_contains (text, "Dydd Mawrth 1 Medi 2026");
}

static void
test_outcome_needs_outcome (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = letter_text (fixture, RD_LETTER_OUTCOME, &error);
  g_autoptr(RdCaseEvent) event = NULL;
  GDate on;

  g_assert_null (text);
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NOT_ALLOWED);
  assert_contains (error->message, "outcome");
  g_clear_error (&error);

  set_date (&on, 20, 7, 2026);
  event = rd_case_event_new ("outcome-sent", &on);
  rd_case_event_set_detail (event, RD_DETAIL_OUTCOME, "partly-upheld");
  /* The event window keeps the findings under "summary"; the note is the
   * clerk's own, for the timeline, and never goes into the letter. */
  rd_case_event_set_detail (event, "summary", "We should have answered your request sooner.");
  rd_case_event_set_note (event, "Outcome letter");
  add_event (fixture, event);

  text = letter_text (fixture, RD_LETTER_OUTCOME, &error);
  g_assert_no_error (error);
  assert_contains (text, "We have upheld part of your complaint.");
  assert_contains (text, "We should have answered your request sooner.");
  g_assert_null (strstr (text, "Outcome letter"));
  assert_contains (text, "Thursday 20 August 2026");
  assert_contains (text, "Wycliffe House");
}

/*
 * An outcome recorded without a summary: the letter made straight to PDF
 * is refused, saying how to record it; the letter window (placeholders)
 * leaves a bracketed gap for the clerk instead. The note is never used.
 */
static void
test_outcome_without_summary (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseEvent) event = NULL;
  g_autoptr(RdLetter) letter = NULL;
  g_autofree char *text = NULL;
  RdLetterOptions  options = { -1, -1, &fixture->today, TRUE };
  GDate            on;

  set_date (&on, 20, 7, 2026);
  event = rd_case_event_new ("outcome-sent", &on);
  rd_case_event_set_detail (event, RD_DETAIL_OUTCOME, "upheld");
  rd_case_event_set_note (event, "Outcome letter");
  add_event (fixture, event);

  text = letter_text (fixture, RD_LETTER_OUTCOME, &error);
  g_assert_null (text);
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE);
  assert_contains (error->message, "without a summary");
  assert_contains (error->message, "redress-cli event ");
  assert_contains (error->message, " outcome-sent --summary TEXT");
  g_clear_error (&error);

  letter = rd_letter_new_for_case (fixture->store, fixture->kase, RD_LETTER_OUTCOME, &options,
                                   &error);
  g_assert_no_error (error);
  g_assert_true (rd_letter_has_placeholders (letter));
  assert_contains (rd_letter_get_body (letter), "[what the council found and what it will do]");
  g_assert_null (strstr (rd_letter_get_body (letter), "Outcome letter"));
}

/* The question comes from the "question" detail, not from the note. */
static void
test_clarification_question (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseEvent) event = NULL;
  g_autofree char *text = NULL;
  GDate            on;

  /* Nothing recorded: refused with the way to record it. */
  g_assert_null (letter_text (fixture, RD_LETTER_CLARIFICATION_REQUEST, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE);
  assert_contains (error->message, " clarification-requested --question TEXT");
  g_clear_error (&error);

  set_date (&on, 6, 7, 2026);
  event = rd_case_event_new ("clarification-requested", &on);
  rd_case_event_set_detail (event, "question", "Which dates of footage do you mean?");
  rd_case_event_set_note (event, "Phoned, no answer");
  add_event (fixture, event);

  text = letter_text (fixture, RD_LETTER_CLARIFICATION_REQUEST, &error);
  g_assert_no_error (error);
  assert_contains (text, "Which dates of footage do you mean?");
  g_assert_null (strstr (text, "Phoned, no answer"));
}

static void
test_extension (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseEvent) event = NULL;
  g_autofree char *text = NULL;
  GDate            on;

  set_date (&on, 10, 7, 2026);
  event = rd_case_event_new ("extended", &on);
  rd_case_event_set_detail (event, RD_DETAIL_REASON, "The footage must be redacted.");
  rd_case_event_set_detail_date (event, RD_DETAIL_NOTIFIED, &on);
  add_event (fixture, event);

  text = letter_text (fixture, RD_LETTER_EXTENSION, &error);
  g_assert_no_error (error);
  assert_contains (text, "The footage must be redacted.");
  assert_contains (text, "Monday 3 August 2026");
  assert_contains (text, "Thursday 1 October 2026");
}

static void
test_review (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseEvent) outcome = NULL;
  g_autoptr(RdCaseEvent) review = NULL;
  g_autofree char *text = NULL;
  GDate            on;

  set_date (&on, 20, 7, 2026);
  outcome = rd_case_event_new ("outcome-sent", &on);
  rd_case_event_set_detail (outcome, RD_DETAIL_OUTCOME, "not-upheld");
  rd_case_event_set_note (outcome, "We found no fault.");
  add_event (fixture, outcome);
  set_date (&on, 3, 8, 2026);
  review = rd_case_event_new ("review-requested", &on);
  add_event (fixture, review);

  text = letter_text (fixture, RD_LETTER_REVIEW_ACKNOWLEDGEMENT, &error);
  g_assert_no_error (error);
  assert_contains (text, "Monday 3 August 2026");
  assert_contains (text, "Thursday 3 September 2026");

  /* No review outcome yet: its letter is refused. */
  g_assert_null (letter_text (fixture, RD_LETTER_REVIEW_OUTCOME, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* The review outcome's letter gives its summary, not the note. */
  {
    g_autoptr(RdCaseEvent) done = NULL;

    set_date (&on, 20, 8, 2026);
    done = rd_case_event_new ("review-outcome-sent", &on);
    rd_case_event_set_detail (done, RD_DETAIL_OUTCOME, "not-upheld");
    rd_case_event_set_detail (done, "summary", "The reviewer read every letter again.");
    rd_case_event_set_note (done, "Review letter");
    add_event (fixture, done);
    g_clear_pointer (&text, g_free);
    text = letter_text (fixture, RD_LETTER_REVIEW_OUTCOME, &error);
    g_assert_no_error (error);
    assert_contains (text, "The reviewer read every letter again.");
    g_assert_null (strstr (text, "Review letter"));
  }
}

/* A review outcome recorded without a summary: refused, saying how. */
static void
test_review_without_summary (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *kinds[] = { "outcome-sent", "review-requested", "review-outcome-sent" };
  const int   days[][2] = { { 20, 7 }, { 3, 8 }, { 20, 8 } };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(RdCaseEvent) event = NULL;
      GDate on;

      set_date (&on, days[i][0], days[i][1], 2026);
      event = rd_case_event_new (kinds[i], &on);
      if (i != 1)
        rd_case_event_set_detail (event, RD_DETAIL_OUTCOME, "not-upheld");
      rd_case_event_set_note (event, "Review letter");
      add_event (fixture, event);
    }
  g_assert_null (letter_text (fixture, RD_LETTER_REVIEW_OUTCOME, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE);
  assert_contains (error->message, " review-outcome-sent --summary TEXT");
}

static void
test_refusal (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseEvent) event = NULL;
  g_autofree char *text = NULL;
  const guint      factors[] = { 5 };
  GDate            on;

  set_date (&on, 15, 7, 2026);
  event = rd_case_event_new ("refused", &on);
  rd_case_event_set_factors (event, factors, G_N_ELEMENTS (factors));
  rd_case_event_set_detail (event, RD_DETAIL_REASONS, "The same complaint was answered in May.");
  add_event (fixture, event);

  text = letter_text (fixture, RD_LETTER_REFUSAL, &error);
  g_assert_no_error (error);
  /* Factor 5 of the policy: repeating complaints already investigated. */
  assert_contains (text, "already investigated");
  assert_contains (text, "The same complaint was answered in May.");
  assert_contains (text, "Information Commissioner’s Office");
  assert_contains (text, "0303 123 1113");
  assert_contains (text, "right to a judicial remedy");
}

static void
test_override_from_store (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* A bad override is refused before it is stored, naming the field. */
  g_assert_false (rd_letter_save_template_override (
      fixture->store, RD_LETTER_ACKNOWLEDGEMENT, RD_LETTER_LANGUAGE_EN,
      "Dear {recipient.name}, by {deadline.respnd}.", &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_UNKNOWN_FIELD);
  assert_contains (error->message, "{deadline.respnd}");
  g_clear_error (&error);

  g_assert_true (rd_letter_save_template_override (
      fixture->store, RD_LETTER_ACKNOWLEDGEMENT, RD_LETTER_LANGUAGE_EN,
      "Subject: Got it\nDear {recipient.name}, our answer comes by {deadline.respond}.", &error));
  g_assert_no_error (error);
  text = letter_text (fixture, RD_LETTER_ACKNOWLEDGEMENT, &error);
  g_assert_no_error (error);
  assert_contains (text, "our answer comes by Monday 3 August 2026.");
}

/* Text on page one within the envelope window, one space per white-space run. */
static char *
window_text (Fixture *fixture, RdLetterType type)
{
  g_autoptr(GError) error = NULL;
  RdLetterOptions options = { -1, -1, &fixture->today, FALSE };
  g_autoptr(RdLetter) letter = rd_letter_new_for_case (fixture->store, fixture->kase, type,
                                                        &options, &error);
  g_autoptr(GBytes) pdf = NULL;
  PopplerDocument *document;
  PopplerPage     *page;
  PopplerRectangle window = { RD_LETTER_WINDOW_X_MM * 72 / 25.4, RD_LETTER_WINDOW_Y_MM * 72 / 25.4,
                              (RD_LETTER_WINDOW_X_MM + RD_LETTER_WINDOW_WIDTH_MM) * 72 / 25.4,
                              (RD_LETTER_WINDOW_Y_MM + RD_LETTER_WINDOW_HEIGHT_MM) * 72 / 25.4 };
  char            *text;

  g_assert_no_error (error);
  pdf = rd_letter_to_pdf (letter, &error);
  g_assert_no_error (error);
  document = poppler_document_new_from_bytes (pdf, NULL, NULL);
  page = poppler_document_get_page (document, 0);
  text = poppler_page_get_text_for_area (page, &window);
  g_strdelimit (text, "\n", ' ');
  g_object_unref (page);
  g_object_unref (document);
  return text;
}

static void
test_representative (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPerson) representative = rd_person_new ("Gareth Price");
  g_autofree char *text = NULL;
  g_autofree char *window = NULL;

  /* No representative yet: no consent letter. */
  g_assert_null (letter_text (fixture, RD_LETTER_CONSENT_REQUEST, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  rd_person_set_address (representative, "Price & Co Solicitors\n1 Stryd Fawr\nCarmarthen");
  rd_person_set_postcode (representative, "SA31 1AA");
  rd_case_set_representative (fixture->kase, representative, RD_AUTHORITY_LEGAL_REPRESENTATIVE);
  g_assert_true (rd_store_update_case (fixture->store, fixture->kase, &error));
  g_assert_no_error (error);

  /* The letter goes to the representative, about the data subject. */
  text = letter_text (fixture, RD_LETTER_CONSENT_REQUEST, &error);
  g_assert_no_error (error);
  assert_contains (text, "Dear Gareth Price,");
  assert_contains (text, "signed and dated by Siôn Ŵyn Llŷr");
  window = window_text (fixture, RD_LETTER_CONSENT_REQUEST);
  assert_contains (window, "Gareth Price");
  assert_contains (window, "Carmarthen SA31 1AA");
  g_assert_null (strstr (window, "Llandeilo"));

  /* To the representative, the data is the data subject's, by name. */
  g_clear_pointer (&text, g_free);
  text = letter_text (fixture, RD_LETTER_ACKNOWLEDGEMENT, &error);
  g_assert_no_error (error);
  assert_contains (text, "Your complaint about how we handled Siôn Ŵyn Llŷr’s personal data");
  g_assert_null (strstr (text, "your personal data"));
  g_clear_pointer (&text, g_free);
  text = letter_text (fixture, RD_LETTER_IDENTITY_REQUEST, &error);
  g_assert_no_error (error);
  assert_contains (text, "This protects Siôn Ŵyn Llŷr’s personal data");

  /* A representative with no postal address: refused, saying what to do. */
  rd_person_set_address (representative, NULL);
  rd_person_set_postcode (representative, NULL);
  g_assert_true (rd_store_update_person (fixture->store, representative, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = letter_text (fixture, RD_LETTER_ACKNOWLEDGEMENT, &error);
  g_assert_null (text);
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE);
  assert_contains (error->message, "The representative has no postal address: add one");
  assert_contains (error->message, "or send this letter by e-mail");
}

/* The same in Welsh: data personol + the name, no "eich". */
static void
test_representative_welsh (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPerson) representative = rd_person_new ("Gareth Price");
  g_autofree char *text = NULL;

  rd_person_set_address (representative, "1 Stryd Fawr\nCarmarthen");
  rd_person_set_postcode (representative, "SA31 1AA");
  rd_person_set_language (representative, "cy");
  rd_case_set_representative (fixture->kase, representative, RD_AUTHORITY_LEGAL_REPRESENTATIVE);
  g_assert_true (rd_store_update_case (fixture->store, fixture->kase, &error));
  g_assert_no_error (error);

  text = letter_text (fixture, RD_LETTER_ACKNOWLEDGEMENT, &error);
  g_assert_no_error (error);
  assert_contains (text, "y gwnaethom drin data personol Siôn Ŵyn Llŷr");
  g_assert_null (strstr (text, "eich data personol"));
}

/*
 * A complainant with no postal address: refused while they prefer post;
 * made, with the e-mail address under the name, once they prefer e-mail.
 */
static void
test_no_postal_address (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RdPerson        *subject = rd_case_get_subject (fixture->kase);
  g_autofree char *text = NULL;
  g_autofree char *window = NULL;

  rd_person_set_address (subject, NULL);
  rd_person_set_postcode (subject, NULL);
  rd_person_set_email (subject, "sion@example.org");
  g_assert_true (rd_store_update_person (fixture->store, subject, &error));
  g_assert_no_error (error);

  text = letter_text (fixture, RD_LETTER_ACKNOWLEDGEMENT, &error);
  g_assert_null (text);
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE);
  assert_contains (error->message, "The complainant has no postal address: add one");
  assert_contains (error->message, "or send this letter by e-mail");
  g_clear_error (&error);

  rd_person_set_channel (subject, "email");
  g_assert_true (rd_store_update_person (fixture->store, subject, &error));
  g_assert_no_error (error);
  text = letter_text (fixture, RD_LETTER_ACKNOWLEDGEMENT, &error);
  g_assert_no_error (error);
  assert_contains (text, "Dear Siôn Ŵyn Llŷr,");
  window = window_text (fixture, RD_LETTER_ACKNOWLEDGEMENT);
  assert_contains (window, "Siôn Ŵyn Llŷr");
  assert_contains (window, "sion@example.org");
  g_assert_null (strstr (window, "Llandeilo"));
}

static void
test_ico_cover (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseEvent) event = NULL;
  g_autofree char *text = NULL;
  g_autofree char *window = NULL;
  GDate            on, due;

  set_date (&on, 10, 8, 2026);
  set_date (&due, 7, 9, 2026);
  event = rd_case_event_new ("ico-notified", &on);
  rd_case_event_set_detail (event, RD_DETAIL_ICO_REF, "IC-445566-Z9Y8");
  rd_case_event_set_detail_date (event, RD_DETAIL_ICO_DUE, &due);
  add_event (fixture, event);

  /* To the ICO, at Wycliffe House, quoting its reference and its date. */
  text = letter_text (fixture, RD_LETTER_ICO_COVER, &error);
  g_assert_no_error (error);
  assert_contains (text, "Your reference: IC-445566-Z9Y8");
  assert_contains (text, "Monday 7 September 2026");
  assert_contains (text, "complaint made to us by Siôn Ŵyn Llŷr");
  window = window_text (fixture, RD_LETTER_ICO_COVER);
  assert_contains (window, "Information Commissioner’s Office");
  assert_contains (window, "Wycliffe House");
  assert_contains (window, "SK9 5AF");
}

/*
 * Letters to a representative (issues #5/#6 follow-up).
 *
 * The seed policy accepts a complaint from a data subject's representative
 * with the data subject's written consent, and "if there is any doubt about
 * the identity of the complainant" first verifies *the data subject's*
 * identity (passport or driving licence), the third party's own
 * identification "assessed on a case by case basis". Its refusal rights
 * ("their right to make a complaint to the ICO", "their right to pursue their
 * data subject rights through a judicial remedy") and its five factors ("the
 * data subject has …") are the data subject's too. So a letter that goes to a
 * representative names the data subject where it means them, and never says
 * "you" for them.
 */

#define REP_NAME "Gareth Price"
#define SUBJECT  "Siôn Ŵyn Llŷr"

static void
add_representative (Fixture *fixture, const char *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPerson) representative = rd_person_new (REP_NAME);

  rd_person_set_address (representative, "Price & Co Solicitors\n1 Stryd Fawr\nCarmarthen");
  rd_person_set_postcode (representative, "SA31 1AA");
  rd_person_set_language (representative, language);
  rd_case_set_representative (fixture->kase, representative, RD_AUTHORITY_LEGAL_REPRESENTATIVE);
  g_assert_true (rd_store_update_case (fixture->store, fixture->kase, &error));
  g_assert_no_error (error);
}

/* One event of every kind a letter draws on, with what the clerk wrote. */
static GPtrArray *
every_step (void)
{
  GPtrArray   *events = g_ptr_array_new_with_free_func (g_object_unref);
  const guint  factors[] = { 1, 5 };
  RdCaseEvent *event;
  GDate        on;

  set_date (&on, 3, 7, 2026);
  event = rd_case_event_new ("clarification-requested", &on);
  rd_case_event_set_detail (event, RD_DETAIL_QUESTION, "Which cameras do you mean?");
  g_ptr_array_add (events, event);
  set_date (&on, 20, 7, 2026);
  event = rd_case_event_new ("extended", &on);
  rd_case_event_set_detail (event, RD_DETAIL_REASON, "The footage is held by a contractor.");
  g_ptr_array_add (events, event);
  event = rd_case_event_new ("outcome-sent", &on);
  rd_case_event_set_detail (event, RD_DETAIL_OUTCOME, "partly-upheld");
  rd_case_event_set_detail (event, RD_DETAIL_SUMMARY, "The camera was moved.");
  g_ptr_array_add (events, event);
  event = rd_case_event_new ("refused", &on);
  rd_case_event_set_factors (event, factors, G_N_ELEMENTS (factors));
  rd_case_event_set_detail (event, RD_DETAIL_REASONS, "The same complaint was answered in May.");
  g_ptr_array_add (events, event);
  set_date (&on, 3, 8, 2026);
  event = rd_case_event_new ("review-requested", &on);
  g_ptr_array_add (events, event);
  event = rd_case_event_new ("review-outcome-sent", &on);
  rd_case_event_set_detail (event, RD_DETAIL_OUTCOME, "not-upheld");
  rd_case_event_set_detail (event, RD_DETAIL_SUMMARY, "The review agreed with the outcome.");
  g_ptr_array_add (events, event);
  event = rd_case_event_new ("ico-notified", &on);
  rd_case_event_set_detail (event, RD_DETAIL_ICO_REF, "IC-445566-Z9Y8");
  g_ptr_array_add (events, event);
  return events;
}

/*
 * The letter of @type for the fixture's case, filled by the same adapter as
 * rd_letter_new_for_case(), but from every_step() rather than the store's
 * events, so that every type can be made from one case (the rules would not
 * let one case hold both an outcome and a refusal).
 */
static char *
made_letter_text (Fixture *fixture, RdLetterType type, RdLetterLanguage language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLetter) letter = rd_letter_new (type, language);
  g_autoptr(GPtrArray) events = every_step ();
  g_autoptr(RdCaseState) state = NULL;
  GDate due;

  state = rd_store_get_case_state (fixture->store, rd_case_get_id (fixture->kase), &fixture->today,
                                   &error);
  g_assert_no_error (error);
  rd_letter_set_date (letter, &fixture->today);
  rd_letter_fill_council_fields (letter, "Llanfair Town Council", "Town Hall\nLlanfair", NULL, NULL,
                                 "Alex Morgan", NULL);
  rd_letter_fill_case_fields (letter, fixture->kase, events, state);
  /* The review dates need the review in the store's fold; their values are
   * tested elsewhere (test_review) and do not matter here. */
  set_date (&due, 20, 8, 2026);
  rd_letter_set_deadline (letter, "deadline.review_request", &due);
  set_date (&due, 3, 9, 2026);
  rd_letter_set_deadline (letter, "deadline.review_respond", &due);
  if (type == RD_LETTER_EXTENSION)
    {
      /* With a representative and no consent yet, the clock waits: the
       * extension's dates come from a fold these events are not in. */
      rd_letter_set_field (letter, "deadline.respond_original", "Monday 3 August 2026");
      set_date (&due, 1, 10, 2026);
      rd_letter_set_deadline (letter, "deadline.respond", &due);
    }
  rd_letter_compose (letter, &error);
  g_assert_no_error (error);
  return pdf_text (letter);
}

/* What each letter to a representative says of the data subject, by name. */
static const char *const rep_expected[RD_LETTER_N_LANGUAGES][RD_LETTER_N_TYPES][5] = {
  {
      [RD_LETTER_ACKNOWLEDGEMENT] = { "how we handled " SUBJECT "’s personal data", NULL },
      [RD_LETTER_IDENTITY_REQUEST] = {
          /* The subject line, then the data subject's identity and documents. */
          "We need to confirm who " SUBJECT " is Dear " REP_NAME ",",
          "we need to be sure who " SUBJECT " is",
          "documents belonging to " SUBJECT ": • their passport • their driving licence",
          /* The representative's own: case by case, as the policy says. */
          "proof of your own identity, or of your relationship to " SUBJECT,
          "case by case" },
      [RD_LETTER_CONSENT_REQUEST] = { "signed and dated by " SUBJECT, NULL },
      [RD_LETTER_CLARIFICATION_REQUEST] = { "the complaint you made for " SUBJECT,
                                            "Which cameras do you mean?", NULL },
      [RD_LETTER_EXTENSION] = { "the complaint you made for " SUBJECT,
                                  "a number of requests from " SUBJECT " or for them", NULL },
      [RD_LETTER_OUTCOME] = { "We have finished looking into the complaint you made for " SUBJECT,
                              SUBJECT " also has the right to complain to the Information "
                              "Commissioner’s Office", NULL },
      [RD_LETTER_REFUSAL] = {
          /* Policy factors 1 and 5, said of the data subject. */
          SUBJECT " has said that they intend to cause disruption",
          SUBJECT " keeps repeating the substance of earlier complaints",
          SUBJECT " has the right to complain about this decision to the Information "
                  "Commissioner’s Office",
          SUBJECT " also has the right to a judicial remedy",
          "We received the complaint you made for " SUBJECT },
      [RD_LETTER_REVIEW_ACKNOWLEDGEMENT] = { "review the outcome of the complaint you made for " SUBJECT, NULL },
      [RD_LETTER_REVIEW_OUTCOME] = { "We have reviewed the outcome of the complaint you made for "
                                     SUBJECT, "If " SUBJECT " is still not happy, they have the right to "
                                     "complain to the Information Commissioner’s Office", NULL },
      [RD_LETTER_ICO_COVER] = { "the complaint made to us by " SUBJECT, NULL },
  },
  {
      [RD_LETTER_ACKNOWLEDGEMENT] = { "y gwnaethom drin data personol " SUBJECT, NULL },
      [RD_LETTER_IDENTITY_REQUEST] = {
          "Mae angen i ni gadarnhau pwy yw " SUBJECT " Annwyl " REP_NAME ",",
          "mae angen i ni fod yn siŵr pwy yw " SUBJECT,
          "• pasbort " SUBJECT " • trwydded yrru " SUBJECT,
          "am brawf o’ch hunaniaeth eich hun, neu o’ch perthynas â gwrthrych y data",
          "fesul achos" },
      [RD_LETTER_CONSENT_REQUEST] = { "y cewch weithredu ar ran " SUBJECT " ar y gŵyn hon", NULL },
      [RD_LETTER_CLARIFICATION_REQUEST] = { "y gŵyn a wnaethoch ar ran " SUBJECT,
                                            "Which cameras do you mean?", NULL },
      [RD_LETTER_EXTENSION] = { "Daeth y gŵyn a wnaethoch ar ran " SUBJECT " i law",
                                  "nifer o geisiadau gan wrthrych y data neu ar ei ran", NULL },
      [RD_LETTER_OUTCOME] = { "ymchwilio i’r gŵyn a wnaethoch ar ran " SUBJECT,
                              "Mae gan wrthrych y data, " SUBJECT ", hawl hefyd i gwyno i "
                              "Swyddfa’r Comisiynydd Gwybodaeth", NULL },
      [RD_LETTER_REFUSAL] = {
          "mae " SUBJECT " wedi datgan bwriad i achosi aflonyddwch",
          "mae " SUBJECT " yn parhau i ailadrodd sylwedd cwynion blaenorol",
          "Mae gan wrthrych y data, " SUBJECT ", hawl i gwyno am y penderfyniad hwn",
          "Mae gan wrthrych y data hefyd hawl i rwymedi barnwrol",
          "Daeth y gŵyn a wnaethoch ar ran " SUBJECT " i law" },
      [RD_LETTER_REVIEW_ACKNOWLEDGEMENT] = { "adolygu canlyniad y gŵyn a wnaethoch ar ran " SUBJECT, NULL },
      [RD_LETTER_REVIEW_OUTCOME] = { "adolygu canlyniad y gŵyn a wnaethoch ar ran " SUBJECT,
                                     "Os nad yw " SUBJECT " yn fodlon o hyd, mae gan wrthrych y "
                                     "data hawl i gwyno", NULL },
      [RD_LETTER_ICO_COVER] = { "y gŵyn a wnaed i ni gan " SUBJECT, NULL },
  },
};

/* "You" meaning the data subject: never in a letter to a representative. */
static const char *const rep_forbidden[RD_LETTER_N_LANGUAGES][9] = {
  { "who you are", "your personal data", "your passport", "your driving licence",
    "You have the right", "You also have the right", "you have the right", "you have said", NULL },
  { "pwy ydych chi", "eich data personol", "eich pasbort", "eich trwydded yrru", "Mae gennych hawl",
    "Mae gennych hefyd hawl", "mae gennych hawl", "rydych wedi dweud", NULL },
};

static void
test_representative_every_type (Fixture *fixture, gconstpointer data)
{
  RdLetterLanguage language = g_strcmp0 (data, "cy") == 0 ? RD_LETTER_LANGUAGE_CY
                                                          : RD_LETTER_LANGUAGE_EN;

  add_representative (fixture, data);
  for (guint type = 0; type < RD_LETTER_N_TYPES; type++)
    {
      g_autofree char   *text = made_letter_text (fixture, type, language);
      const char *const *expected = rep_expected[language][type];

      g_test_message ("%s, %s", rd_letter_type_to_string (type), (const char *) data);
      /* The covering letter goes to the ICO; every other to the representative. */
      if (type == RD_LETTER_ICO_COVER)
        assert_contains (text, language == RD_LETTER_LANGUAGE_CY ? "Annwyl Swyddog Achos,"
                                                                 : "Dear Case Officer,");
      else
        assert_contains (text, language == RD_LETTER_LANGUAGE_CY ? "Annwyl " REP_NAME ","
                                                                 : "Dear " REP_NAME ",");
      assert_contains (text, SUBJECT);
      for (guint i = 0; i < G_N_ELEMENTS (rep_expected[0][0]) && expected[i] != NULL; i++)
        assert_contains (text, expected[i]);
      for (guint i = 0; rep_forbidden[language][i] != NULL; i++)
        assert_lacks (text, rep_forbidden[language][i], type);
      /* No gender-dependent pronoun for the data subject in the Welsh. */
      if (language == RD_LETTER_LANGUAGE_CY)
        {
          assert_lacks (text, "ar ei rhan", type);
          assert_lacks (text, "ganddo", type);
          assert_lacks (text, "ganddi", type);
          assert_lacks (text, "ag ef neu â hi", type);
        }
    }
}

/* To the data subject, the identity request is as it was: "you", "your". */
static void
test_identity_request_to_subject (Fixture *fixture, gconstpointer data)
{
  g_autofree char *en = made_letter_text (fixture, RD_LETTER_IDENTITY_REQUEST,
                                          RD_LETTER_LANGUAGE_EN);
  g_autofree char *cy = made_letter_text (fixture, RD_LETTER_IDENTITY_REQUEST,
                                          RD_LETTER_LANGUAGE_CY);

  assert_contains (en, "We need to confirm who you are Dear " SUBJECT ",");
  assert_contains (en, "we need to be sure who you are");
  /* The policy's two documents and no other; someone with neither is not
   * turned away (the ICO: checks reasonable and proportionate). */
  assert_contains (en, "• your passport • your driving licence If you have neither, please tell "
                       "us and we will agree another way to confirm who you are.");
  assert_lacks (en, "another official document", RD_LETTER_IDENTITY_REQUEST);
  assert_contains (en, "This protects your personal data");
  assert_lacks (en, "case by case", RD_LETTER_IDENTITY_REQUEST);
  assert_contains (cy, "Mae angen i ni gadarnhau pwy ydych chi Annwyl " SUBJECT ",");
  assert_contains (cy, "• eich pasbort • eich trwydded yrru Os nad oes gennych yr un o’r rhain");
}

/* While the clock waits, the acknowledgement says for what, naming the data subject. */
static void
test_representative_waiting (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseEvent) event = NULL;
  g_autofree char *text = NULL;
  GDate            on;

  add_representative (fixture, data);
  set_date (&on, 2, 7, 2026);
  event = rd_case_event_new ("identity-requested", &on);
  add_event (fixture, event);

  text = letter_text (fixture, RD_LETTER_ACKNOWLEDGEMENT, &error);
  g_assert_no_error (error);
  if (g_strcmp0 (data, "cy") == 0)
    {
      assert_contains (text, "pan fyddwn wedi cadarnhau pwy yw " SUBJECT ".");
      assert_lacks (text, "pwy ydych chi", RD_LETTER_ACKNOWLEDGEMENT);
      /* No date to refer back to yet. */
      assert_lacks (text, "cyn y dyddiad hwnnw", RD_LETTER_ACKNOWLEDGEMENT);
    }
  else
    {
      assert_contains (text, "once we have confirmed who " SUBJECT " is.");
      assert_lacks (text, "who you are", RD_LETTER_ACKNOWLEDGEMENT);
      assert_lacks (text, "before that date", RD_LETTER_ACKNOWLEDGEMENT);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/letter-fields/acknowledgement", test_acknowledgement, NULL);
  ADD ("/letter-fields/acknowledgement-waiting", test_acknowledgement_waiting_for_identity, NULL);
  ADD ("/letter-fields/welsh-by-preference", test_welsh_by_preference, "cy");
  ADD ("/letter-fields/outcome-needs-outcome", test_outcome_needs_outcome, NULL);
  ADD ("/letter-fields/outcome-without-summary", test_outcome_without_summary, NULL);
  ADD ("/letter-fields/clarification-question", test_clarification_question, NULL);
  ADD ("/letter-fields/extension", test_extension, NULL);
  ADD ("/letter-fields/review", test_review, NULL);
  ADD ("/letter-fields/review-without-summary", test_review_without_summary, NULL);
  ADD ("/letter-fields/refusal", test_refusal, NULL);
  ADD ("/letter-fields/override-from-store", test_override_from_store, NULL);
  ADD ("/letter-fields/representative", test_representative, NULL);
  ADD ("/letter-fields/representative-welsh", test_representative_welsh, NULL);
  ADD ("/letter-fields/no-postal-address", test_no_postal_address, NULL);
  ADD ("/letter-fields/ico-cover", test_ico_cover, NULL);
  ADD ("/letter-fields/representative-every-type/en", test_representative_every_type, "en");
  ADD ("/letter-fields/representative-every-type/cy", test_representative_every_type, "cy");
  ADD ("/letter-fields/identity-request-to-subject", test_identity_request_to_subject, NULL);
  ADD ("/letter-fields/representative-waiting/en", test_representative_waiting, "en");
  ADD ("/letter-fields/representative-waiting/cy", test_representative_waiting, "cy");
#undef ADD

  return g_test_run ();
}
