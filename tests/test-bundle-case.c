/* test-bundle-case.c: the ICO bundle of a case in a store.
 *
 * A case received on Monday 2 March 2026, acknowledged on Thursday 5 March
 * with a letter, and not answered by 20 April 2026, the day the bundle is
 * made. Expected deadlines, worked out by hand: the council's 5 working
 * days from the day after receipt end on Monday 9 March (met on 5 March);
 * one calendar month from 2 March is Thursday 2 April 2026, a working day
 * (Good Friday is 3 April), so on 20 April the response is 18 days overdue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <poppler.h>

#include "rd-bundle-case.h"
#include "rd-bundle-private.h"
#include "store-test-util.h"

typedef PopplerDocument TestPdf;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdf, g_object_unref)

typedef struct
{
  char    *dir;  /* owned */
  char    *path; /* owned */
  RdStore *store;
  RdCase  *kase;
  gint64   letter_id, email_id, photo_id, old_bundle_id;
} Fixture;

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
make_pdf (const char *label, int n_pages)
{
  GByteArray      *data = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, data, 595, 842);
  cairo_t         *cr = cairo_create (surface);

  for (int i = 1; i <= n_pages; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s page %d", label, i);

      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 18);
      cairo_move_to (cr, 60, 80);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (data);
}

static GBytes *
make_png (void)
{
  GByteArray      *data = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 40, 30);

  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_cb, data), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (data);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPerson) subject = rd_person_new ("Alex Example");
  g_autoptr(RdCaseEvent) acknowledged = NULL;
  g_autoptr(GBytes) letter = make_pdf ("Acknowledgement", 2);
  g_autoptr(GBytes) old = make_pdf ("Old bundle", 1);
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(GBytes) email = g_bytes_new_static (
      "From: alex@example.org\nSubject: Complaint\n\nPlease look "
      "into my request.\n",
      70);

  f->dir = g_dir_make_tmp ("redress-test-bundle-case-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "council.redress", NULL);
  f->store = rd_store_open (f->path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  rd_store_set_actor (f->store, "test-clerk");
  rd_store_set_today (f->store, rd_test_date ("2026-04-20"));
  g_assert_true (rd_store_set_setting (f->store, RD_SETTING_NAME, "Anytown Town Council", &error));
  g_assert_true (rd_store_set_setting (f->store, RD_SETTING_CLERK, "J. Clerk", &error));

  f->kase = rd_case_new ();
  rd_case_set_received (f->kase, rd_test_date ("2026-03-02"));
  rd_case_set_subject (f->kase, subject);
  rd_case_set_summary (f->kase, "CCTV footage request not answered.");
  g_assert_true (rd_store_add_case (f->store, f->kase, &error));
  g_assert_no_error (error);

  f->email_id = rd_store_add_document_from_bytes (f->store, rd_case_get_id (f->kase),
                                                  "complaint.eml", "message/rfc822",
                                                  RD_DOCUMENT_KIND_CORRESPONDENCE, email, &error);
  g_assert_no_error (error);
  f->photo_id = rd_store_add_document_from_bytes (f->store, rd_case_get_id (f->kase), "sign.png",
                                                  "image/png", RD_DOCUMENT_KIND_EVIDENCE, png,
                                                  &error);
  g_assert_no_error (error);
  f->old_bundle_id = rd_store_add_document_from_bytes (f->store, rd_case_get_id (f->kase),
                                                       "old-bundle.pdf", "application/pdf",
                                                       RD_DOCUMENT_KIND_BUNDLE, old, &error);
  g_assert_no_error (error);

  acknowledged = rd_case_event_new ("acknowledged", rd_test_date ("2026-03-05"));
  g_assert_cmpint (rd_store_add_event_with_document (
                       f->store, rd_case_get_id (f->kase), acknowledged, "acknowledgement.pdf",
                       "application/pdf", RD_DOCUMENT_KIND_LETTER, letter, &error),
                   >, 0);
  g_assert_no_error (error);
  f->letter_id = rd_case_event_get_document_id (acknowledged);
  g_assert_cmpint (f->letter_id, >, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->kase);
  g_clear_object (&f->store);
  /* REDRESS_TEST_KEEP=1 keeps the store, to try redress-cli bundle on. */
  if (g_getenv ("REDRESS_TEST_KEEP") != NULL)
    g_printerr ("# kept %s\n", f->path);
  else
    rd_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static int
find_document (RdBundleSpec *spec, gint64 id)
{
  for (guint i = 0; i < rd_bundle_spec_get_n_documents (spec); i++)
    if (rd_bundle_spec_get_document_tag (spec, i) == id)
      return (int) i;
  return -1;
}

static void
test_spec_from_case (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdBundleSpec) spec = rd_bundle_spec_new_for_case (f->store, f->kase, NULL, &error);
  RdBundleChronologyRow *row;
  RdBundleDeadlineRow   *deadline;
  int                    letter;
  gboolean               saw_acknowledge = FALSE, saw_respond = FALSE;

  g_assert_no_error (error);
  g_assert_cmpstr (spec->council, ==, "Anytown Town Council");
  g_assert_cmpstr (spec->prepared_by, ==, "J. Clerk");
  g_assert_cmpstr (spec->case_reference, ==, rd_case_get_reference (f->kase));
  rd_assert_date (&spec->date, "2026-04-20");

  /* Every document but the earlier bundle, each in its section. */
  g_assert_cmpuint (rd_bundle_spec_get_n_documents (spec), ==, 3);
  g_assert_cmpint (find_document (spec, f->old_bundle_id), ==, -1);
  letter = find_document (spec, f->letter_id);
  g_assert_cmpint (letter, >=, 0);
  g_assert_cmpint (rd_bundle_spec_get_document_section (spec, letter), ==,
                   RD_BUNDLE_SECTION_LETTERS);
  g_assert_cmpint (rd_bundle_spec_get_document_section (spec, find_document (spec, f->email_id)),
                   ==, RD_BUNDLE_SECTION_CORRESPONDENCE);
  g_assert_cmpint (rd_bundle_spec_get_document_section (spec, find_document (spec, f->photo_id)),
                   ==, RD_BUNDLE_SECTION_EVIDENCE);

  /* The chronology: receipt first, then the acknowledgement proved by its letter. */
  g_assert_cmpuint (spec->chronology->len, >=, 2);
  row = g_ptr_array_index (spec->chronology, 0);
  rd_assert_date (&row->date, "2026-03-02");
  g_assert_cmpstr (row->who, ==, "Complainant");
  row = g_ptr_array_index (spec->chronology, spec->chronology->len - 1);
  rd_assert_date (&row->date, "2026-03-05");
  g_assert_cmpint (row->document, ==, letter);

  for (guint i = 0; i < spec->deadlines->len; i++)
    {
      deadline = g_ptr_array_index (spec->deadlines, i);
      if (g_strcmp0 (deadline->name, rd_deadline_kind_get_label (RD_DEADLINE_ACKNOWLEDGE)) == 0)
        {
          saw_acknowledge = TRUE;
          rd_assert_date (&deadline->due, "2026-03-09");
          g_assert_cmpint (deadline->state, ==, RD_BUNDLE_DEADLINE_MET);
          rd_assert_date (&deadline->done, "2026-03-05");
        }
      else if (g_strcmp0 (deadline->name, rd_deadline_kind_get_label (RD_DEADLINE_RESPOND)) == 0)
        {
          saw_respond = TRUE;
          rd_assert_date (&deadline->due, "2026-04-02");
          g_assert_cmpint (deadline->state, ==, RD_BUNDLE_DEADLINE_OVERDUE);
          g_assert_cmpuint (deadline->days_late, ==, 18);
        }
    }
  g_assert_true (saw_acknowledge);
  g_assert_true (saw_respond);
}

/*
 * The review window is the complainant's: a late request is shown as the
 * complainant's, not as a deadline the council missed. Outcome sent Tuesday
 * 10 March 2026; one calendar month: Friday 10 April 2026 (a working day,
 * after Easter Monday 6 April); review asked for Tuesday 14 April: 4 days
 * after the window closed.
 */
static void
test_late_review_request (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseEvent) outcome = rd_case_event_new ("outcome-sent", rd_test_date ("2026-03-10"));
  g_autoptr(RdCaseEvent)
                 review = rd_case_event_new ("review-requested", rd_test_date ("2026-04-14"));
  g_autoptr(RdBundleSpec) spec = NULL;
  gboolean saw_window = FALSE;

  rd_case_event_set_detail (outcome, RD_DETAIL_OUTCOME, "not-upheld");
  g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (f->kase), outcome, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (f->kase), review, &error), >, 0);
  g_assert_no_error (error);

  spec = rd_bundle_spec_new_for_case (f->store, f->kase, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spec->deadlines->len; i++)
    {
      RdBundleDeadlineRow *deadline = g_ptr_array_index (spec->deadlines, i);

      if (g_strcmp0 (deadline->name, rd_deadline_kind_get_label (RD_DEADLINE_REVIEW_WINDOW)) == 0)
        {
          saw_window = TRUE;
          rd_assert_date (&deadline->due, "2026-04-10");
          g_assert_cmpint (deadline->state, ==, RD_BUNDLE_DEADLINE_REVIEW_ASKED_LATE);
          rd_assert_date (&deadline->done, "2026-04-14");
          g_assert_cmpuint (deadline->days_late, ==, 4);
        }
      /* None of the council's own deadlines is shown as missed here. */
      g_assert_cmpint (deadline->state, !=, RD_BUNDLE_DEADLINE_LATE);
    }
  g_assert_true (saw_window);
}

/* The chronology row of @date whose text starts with @label, or NULL. */
static RdBundleChronologyRow *
find_row (RdBundleSpec *spec, const char *date, const char *label)
{
  for (guint i = 0; i < spec->chronology->len; i++)
    {
      RdBundleChronologyRow *row = g_ptr_array_index (spec->chronology, i);
      g_autofree char       *iso = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&row->date),
                                                    g_date_get_month (&row->date),
                                                    g_date_get_day (&row->date));

      if (g_str_equal (iso, date) && g_str_has_prefix (row->what, label))
        return row;
    }
  return NULL;
}

static void
add_event (Fixture *f, RdCaseEvent *event)
{
  g_autoptr(GError) error = NULL;
  gint64 id = rd_store_add_event (f->store, rd_case_get_id (f->kase), event, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

/*
 * Each event's details in its chronology row, worded as the case page
 * words them; and the respond deadline's extension in the deadlines table.
 * The case (see the top) was received on Monday 2 March 2026 and
 * acknowledged on 5 March; identity was then asked for on Friday 6 March
 * and settled on Monday 9 March, when the clock starts (policy: "Once all
 * identification requirements have been met ... within one month"). One
 * calendar month is Thursday 9 April 2026, a working day (after Easter
 * Monday 6 April). Extended by two further months it is three months from
 * the start: Tuesday 9 June 2026 (the spring bank holiday is 25 May). The
 * outcome on 20 May meets it.
 */
static void
test_chronology_details (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseEvent)
                 verified = rd_case_event_new ("identity-verified", rd_test_date ("2026-03-09"));
  g_autoptr(RdCaseEvent)
                 requested = rd_case_event_new ("identity-requested", rd_test_date ("2026-03-06"));
  g_autoptr(RdCaseEvent) extended = rd_case_event_new ("extended", rd_test_date ("2026-03-20"));
  g_autoptr(RdCaseEvent) outcome = rd_case_event_new ("outcome-sent", rd_test_date ("2026-05-20"));
  g_autoptr(RdCaseEvent)
                 review = rd_case_event_new ("review-requested", rd_test_date ("2026-05-25"));
  g_autoptr(RdCaseEvent) review_outcome = rd_case_event_new ("review-outcome-sent",
                                                              rd_test_date ("2026-06-10"));
  g_autoptr(RdCaseEvent) ico = rd_case_event_new ("ico-notified", rd_test_date ("2026-06-15"));
  g_autoptr(RdBundleSpec) spec = NULL;
  RdBundleChronologyRow *row;
  gboolean               saw_respond = FALSE;

  rd_store_set_today (f->store, rd_test_date ("2026-07-01"));

  add_event (f, requested);

  rd_case_event_set_detail (verified, RD_DETAIL_DOCUMENT, "passport");
  rd_case_event_set_detail (verified, RD_DETAIL_CHECKED_BY, "R. Checker");
  add_event (f, verified);

  rd_case_event_set_detail (extended, RD_DETAIL_REASON, "The footage is held at three sites");
  rd_case_event_set_detail_date (extended, RD_DETAIL_NOTIFIED, rd_test_date ("2026-03-23"));
  json_object_set_int_member (rd_case_event_get_details (extended), RD_DETAIL_MONTHS, 2);
  add_event (f, extended);

  rd_case_event_set_detail (outcome, RD_DETAIL_OUTCOME, "partly-upheld");
  rd_case_event_set_detail (outcome, RD_DETAIL_SUMMARY, "Footage released with faces blurred");
  rd_case_event_set_detail (outcome, RD_DETAIL_CHANNEL, "email");
  rd_case_event_set_note (outcome, "Sent after the manager's sign-off");
  add_event (f, outcome);

  rd_case_event_set_note (review, "Asks for the unblurred footage");
  add_event (f, review);

  rd_case_event_set_detail (review_outcome, RD_DETAIL_OUTCOME, "not-upheld");
  rd_case_event_set_detail (review_outcome, RD_DETAIL_CHANNEL, "post");
  add_event (f, review_outcome);

  rd_case_event_set_detail (ico, RD_DETAIL_ICO_REF, "IC-123456-A1B2");
  rd_case_event_set_detail_date (ico, RD_DETAIL_ICO_DUE, rd_test_date ("2026-07-15"));
  add_event (f, ico);

  spec = rd_bundle_spec_new_for_case (f->store, f->kase, NULL, &error);
  g_assert_no_error (error);

  row = find_row (spec, "2026-03-09", "Identity verified");
  g_assert_nonnull (row);
  g_assert_cmpstr (row->what, ==,
                   "Identity verified\nIdentity document: passport\nChecked by: R. Checker");
  g_assert_cmpstr (row->who, ==, "Council");

  row = find_row (spec, "2026-03-20", "Time to respond extended");
  g_assert_nonnull (row);
  g_assert_cmpstr (row->what, ==,
                   "Time to respond extended\nExtended by 2 months\n"
                   "Reason: The footage is held at three sites\n"
                   "Complainant told on 23 March 2026");

  row = find_row (spec, "2026-05-20", "Outcome sent");
  g_assert_nonnull (row);
  g_assert_cmpstr (row->what, ==,
                   "Outcome sent\nOutcome: Partly upheld\n"
                   "Summary: Footage released with faces blurred\nSent by e-mail\n"
                   "Sent after the manager's sign-off");

  row = find_row (spec, "2026-05-25", "Review requested");
  g_assert_nonnull (row);
  g_assert_cmpstr (row->what, ==, "Review requested\nAsks for the unblurred footage");
  g_assert_cmpstr (row->who, ==, "Complainant");

  row = find_row (spec, "2026-06-10", "Review outcome sent");
  g_assert_nonnull (row);
  g_assert_cmpstr (row->what, ==, "Review outcome sent\nOutcome: Not upheld\nSent by post");

  row = find_row (spec, "2026-06-15", "ICO got in touch");
  g_assert_nonnull (row);
  g_assert_cmpstr (row->what, ==,
                   "ICO got in touch\nICO reference: IC-123456-A1B2\n"
                   "The ICO’s deadline: 15 July 2026");
  g_assert_cmpstr (row->who, ==, "ICO");
  g_assert_cmpstr (spec->ico_reference, ==, "IC-123456-A1B2");

  for (guint i = 0; i < spec->deadlines->len; i++)
    {
      RdBundleDeadlineRow *deadline = g_ptr_array_index (spec->deadlines, i);

      if (g_str_has_prefix (deadline->name, "Respond ("))
        {
          saw_respond = TRUE;
          g_assert_cmpstr (deadline->name, ==,
                           "Respond (extended from 9 April 2026 to 9 June 2026)");
          rd_assert_date (&deadline->due, "2026-06-09");
          g_assert_cmpint (deadline->state, ==, RD_BUNDLE_DEADLINE_MET);
          rd_assert_date (&deadline->done, "2026-05-20");
        }
    }
  g_assert_true (saw_respond);
}

/*
 * A refusal (policy: "Manifestly unfounded, and/or excessive complaints")
 * names the factors relied on by their labels, gives the written reasons,
 * and says the rights to complain to the ICO and to a judicial remedy were
 * given (the detail left out means they were: the refusal letter always
 * gives them).
 */
static void
test_chronology_refusal (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseEvent) refused = rd_case_event_new ("refused", rd_test_date ("2026-03-16"));
  g_autoptr(RdBundleSpec) spec = NULL;
  const guint            factors[] = { 2, 5 };
  RdBundleChronologyRow *row;

  rd_case_event_set_factors (refused, factors, G_N_ELEMENTS (factors));
  rd_case_event_set_detail (refused, RD_DETAIL_REASONS,
                            "The same complaint was investigated in 2025");
  add_event (f, refused);

  spec = rd_bundle_spec_new_for_case (f->store, f->kase, NULL, &error);
  g_assert_no_error (error);
  row = find_row (spec, "2026-03-16", "Refused");
  g_assert_nonnull (row);
  g_assert_cmpstr (row->what, ==,
                   "Refused\n"
                   "Factor 2: Persists in unsubstantiated accusations against individuals\n"
                   "Factor 5: Repeats the substance of complaints already investigated\n"
                   "Reasons: The same complaint was investigated in 2025\n"
                   "Told of the right to complain to the ICO and to a judicial remedy");
  g_assert_cmpstr (row->who, ==, "Council");
}

/*
 * The date column is wide enough for the longest date, "30 September
 * 2026", at the table's font: in the page's text it stays on one line
 * (QA saw "20 November / 2026" wrap). The chronology is page 3, after the
 * cover and the index.
 */
static void
test_date_column (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseEvent) note = rd_case_event_new ("note", rd_test_date ("2026-09-30"));
  g_autoptr(RdBundleSpec) spec = NULL;
  g_autofree char *out_path = g_build_filename (f->dir, "dates.pdf", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  g_autoptr(TestPdf) pdf = NULL;
  PopplerPage     *page;
  g_autofree char *text = NULL;

  rd_store_set_today (f->store, rd_test_date ("2026-10-01"));
  rd_case_event_set_note (note, "Called back");
  add_event (f, note);
  spec = rd_bundle_spec_new_for_case (f->store, f->kase, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rd_bundle_write (spec, output, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  pdf = poppler_document_new_from_gfile (output, NULL, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (pdf, 2);
  text = poppler_page_get_text (page);
  g_object_unref (page);
  g_assert_nonnull (strstr (text, "Chronology"));
  g_assert_nonnull (strstr (text, "30 September 2026"));
  g_assert_nonnull (strstr (text, "2 March 2026"));
}

/*
 * An extension the complainant was told of only after the original due
 * date (Thursday 2 April 2026, see the top) does not count: the deadlines
 * table names it so and the due date stays 2 April.
 */
static void
test_extension_told_late (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseEvent) extended = rd_case_event_new ("extended", rd_test_date ("2026-04-07"));
  g_autoptr(RdBundleSpec) spec = NULL;
  gboolean saw_respond = FALSE;

  rd_case_event_set_detail (extended, RD_DETAIL_REASON, "Complex request");
  rd_case_event_set_detail_date (extended, RD_DETAIL_NOTIFIED, rd_test_date ("2026-04-07"));
  add_event (f, extended);

  spec = rd_bundle_spec_new_for_case (f->store, f->kase, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spec->deadlines->len; i++)
    {
      RdBundleDeadlineRow *deadline = g_ptr_array_index (spec->deadlines, i);

      if (g_str_has_prefix (deadline->name, "Respond ("))
        {
          saw_respond = TRUE;
          g_assert_cmpstr (deadline->name, ==,
                           "Respond (an extension was recorded, but the complainant was told of "
                           "it on 7 April 2026, after the due date of 2 April 2026: it does not "
                           "count)");
          rd_assert_date (&deadline->due, "2026-04-02");
        }
    }
  g_assert_true (saw_respond);
}

typedef struct
{
  GMainLoop *loop;
  guint      n_pages;
  char      *sha256;
  GError    *error;
} Result;

static void
written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Result *r = user_data;

  rd_bundle_write_finish (result, &r->n_pages, &r->sha256, &r->error);
  g_main_loop_quit (r->loop);
}

/* Built in a thread while the store stays open here, then saved to the case. */
static void
test_build_and_save (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdBundleSpec) spec = rd_bundle_spec_new_for_case (f->store, f->kase, NULL, &error);
  g_autofree char *out_path = g_build_filename (f->dir, "bundle.pdf", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  g_autoptr(TestPdf) pdf = NULL;
  g_autoptr(RdDocument) saved = NULL;
  g_autoptr(RdBundleSpec) again = NULL;
  Result r = { 0 };
  gint64 id;

  g_assert_no_error (error);
  rd_bundle_spec_set_document_withheld (spec, find_document (spec, f->photo_id),
                                        "third-party data");
  r.loop = g_main_loop_new (NULL, FALSE);
  rd_bundle_write_async (spec, output, NULL, NULL, NULL, written_cb, &r);
  g_main_loop_run (r.loop);
  g_main_loop_unref (r.loop);
  g_assert_no_error (r.error);

  /* Cover, index, chronology, deadlines; the letter (2 pages), the e-mail (1); the photo withheld. */
  g_assert_cmpuint (r.n_pages, ==, 7);
  pdf = poppler_document_new_from_gfile (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 7);
  {
    PopplerPage     *page = poppler_document_get_page (pdf, 4);
    g_autofree char *text = poppler_page_get_text (page);
    g_autofree char *stamp = g_strdup_printf ("ICO bundle %s — page 5 of 7",
                                              rd_case_get_reference (f->kase));

    g_assert_nonnull (strstr (text, "Acknowledgement page 1"));
    g_assert_nonnull (strstr (text, stamp));
    g_object_unref (page);
  }

  id = rd_bundle_save_to_case (f->store, f->kase, output, r.sha256, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  saved = rd_store_get_document (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_document_get_kind (saved), ==, RD_DOCUMENT_KIND_BUNDLE);
  g_assert_cmpstr (rd_document_get_sha256 (saved), ==, r.sha256);

  /* A later bundle does not take in this one. */
  again = rd_bundle_spec_new_for_case (f->store, f->kase, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_bundle_spec_get_n_documents (again), ==, 3);
  g_free (r.sha256);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bundle-case/spec", Fixture, NULL, fixture_set_up, test_spec_from_case,
              fixture_tear_down);
  g_test_add ("/bundle-case/late-review-request", Fixture, NULL, fixture_set_up,
              test_late_review_request, fixture_tear_down);
  g_test_add ("/bundle-case/chronology-details", Fixture, NULL, fixture_set_up,
              test_chronology_details, fixture_tear_down);
  g_test_add ("/bundle-case/chronology-refusal", Fixture, NULL, fixture_set_up,
              test_chronology_refusal, fixture_tear_down);
  g_test_add ("/bundle-case/date-column", Fixture, NULL, fixture_set_up, test_date_column,
              fixture_tear_down);
  g_test_add ("/bundle-case/extension-told-late", Fixture, NULL, fixture_set_up,
              test_extension_told_late, fixture_tear_down);
  g_test_add ("/bundle-case/build-and-save", Fixture, NULL, fixture_set_up, test_build_and_save,
              fixture_tear_down);

  return g_test_run ();
}
