/* test-store.c: the case store: cases, people, events through the rules,
 * documents, settings, holidays, restriction, destruction, text round trips.
 *
 * Deadlines expected here were worked out by hand from the sources: the
 * council policy's 5 working days, the ICO's calendar-month rule, and the
 * GOV.UK bank holidays for England and Wales.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-model-private.h"
#include "store-test-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  RdStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("redress-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "council.redress", NULL);
  f->store = rd_store_open (f->path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  rd_store_set_actor (f->store, "test-clerk");
  /* Tests never depend on the wall clock. */
  rd_store_set_today (f->store, rd_test_date ("2026-03-02"));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  rd_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static RdCase *
add_case (RdStore *store, const char *received, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPerson) subject = rd_person_new (name);
  RdCase *kase = rd_case_new ();

  rd_person_set_postcode (subject, "sw1a 1aa");
  rd_person_set_email (subject, "someone@example.org");
  rd_case_set_received (kase, rd_test_date (received));
  rd_case_set_subject (kase, subject);
  rd_case_set_summary (kase, "Reply to a subject access request left out emails.");
  g_assert_true (rd_store_add_case (store, kase, &error));
  g_assert_no_error (error);
  return kase;
}

static gint64
add_event (RdStore *store, RdCase *kase, const char *kind, const char *on, GError **error)
{
  g_autoptr(RdCaseEvent) event = rd_case_event_new (kind, rd_test_date (on));

  return rd_store_add_event (store, rd_case_get_id (kase), event, error);
}

static void
test_create_settings (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *division = NULL;
  GStatBuf         st;

  /* Created readable by its owner only; WAL, full sync, foreign keys, secure delete. */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
#ifdef G_OS_UNIX
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
#endif
  g_assert_cmpint (_rd_store_pragma_int (f->store, "foreign_keys"), ==, 1);
  g_assert_cmpint (_rd_store_pragma_int (f->store, "secure_delete"), ==, 1);
  g_assert_cmpint (_rd_store_pragma_int (f->store, "synchronous"), ==, 2);
  g_assert_cmpint (_rd_store_pragma_int (f->store, "user_version"), ==, RD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (_rd_store_pragma_int (f->store, "busy_timeout"), >, 0);

  /* Defaults from the policy and the privacy notice. */
  division = rd_store_get_setting (f->store, RD_SETTING_DIVISION);
  g_assert_cmpstr (division, ==, "england-and-wales");
  g_assert_cmpint (rd_store_get_setting_int (f->store, RD_SETTING_ACK_DAYS), ==, 5);
  g_assert_cmpint (rd_store_get_setting_int (f->store, RD_SETTING_RETENTION_YEARS), ==, 6);

  g_assert_true (
      rd_store_set_setting (f->store, RD_SETTING_NAME, "  Llanfair Town Council ", &error));
  g_assert_no_error (error);
  name = rd_store_get_setting (f->store, RD_SETTING_NAME);
  g_assert_cmpstr (name, ==, "Llanfair Town Council");

  /* Values are checked. */
  g_assert_false (rd_store_set_setting (f->store, RD_SETTING_DIVISION, "wales", &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_store_set_setting (f->store, RD_SETTING_ACK_DAYS, "31", &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_store_set_setting (f->store, RD_SETTING_PREFIX, "dp c", &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_store_set_setting (f->store, RD_SETTING_EMAIL, "clerk at town", &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_store_set_setting (f->store, "colour", "blue", &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Other layers keep their own keys. */
  g_assert_true (rd_store_set_setting (f->store, "x-letters-offset-x", "2.5", &error));
  g_assert_no_error (error);
  {
    g_autofree char *value = rd_store_get_setting (f->store, "x-letters-offset-x");
    g_assert_cmpstr (value, ==, "2.5");
  }

  /* The logo must be an image. */
  {
    g_autoptr(GBytes) text = g_bytes_new_static ("hello", 5);
    g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n....", 12);
    g_autoptr(GBytes) back = NULL;

    g_assert_false (rd_store_set_logo (f->store, text, &error));
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (rd_store_set_logo (f->store, png, &error));
    g_assert_no_error (error);
    back = rd_store_get_logo (f->store);
    g_assert_true (g_bytes_equal (back, png));
  }
}

static void
test_case_lifecycle (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(RdCase) again = NULL;
  g_autoptr(RdCaseState) state = NULL;
  g_autoptr(GPtrArray) events = NULL;
  const RdDeadline *deadline;

  /* Received Monday 5 January 2026. */
  kase = add_case (f->store, "2026-01-05", "Ann Jones");
  g_assert_cmpint (rd_case_get_id (kase), >, 0);
  g_assert_cmpstr (rd_case_get_reference (kase), ==, "DPC-2026-0001");
  g_assert_cmpstr (rd_case_get_status (kase), ==, "open");
  /* The policy's 5 working days: Monday 12 January 2026 (no holidays between). */
  rd_assert_date (rd_case_get_next_due (kase), "2026-01-12");
  g_assert_cmpstr (rd_person_get_postcode (rd_case_get_subject (kase)), ==, "SW1A 1AA");

  /* A second case the same year gets the next number. */
  {
    g_autoptr(RdCase) second = add_case (f->store, "2026-01-06", "Ben Evans");
    g_assert_cmpstr (rd_case_get_reference (second), ==, "DPC-2026-0002");
  }

  /* Acknowledged on time: the next deadline is the response, one calendar month
   * from receipt: Thursday 5 February 2026. */
  g_assert_cmpint (add_event (f->store, kase, "acknowledged", "2026-01-08", &error), >, 0);
  g_assert_no_error (error);
  again = rd_store_find_case (f->store, "dpc-2026-0001", &error);
  g_assert_no_error (error);
  rd_assert_date (rd_case_get_next_due (again), "2026-02-05");

  state = rd_store_get_case_state (f->store, rd_case_get_id (kase), rd_test_date ("2026-01-20"),
                                   &error);
  g_assert_no_error (error);
  deadline = rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE);
  g_assert_cmpint (deadline->state, ==, RD_DEADLINE_MET);
  rd_assert_date (&deadline->met_on, "2026-01-08");
  deadline = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  g_assert_cmpint (deadline->state, ==, RD_DEADLINE_OPEN);
  rd_assert_date (&deadline->due, "2026-02-05");

  /* The rules' guard: no review before an outcome. */
  g_assert_cmpint (add_event (f->store, kase, "review-requested", "2026-01-21", &error), ==, 0);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  /* An outcome needs its category. */
  g_assert_cmpint (add_event (f->store, kase, "outcome-sent", "2026-02-02", &error), ==, 0);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE);
  g_clear_error (&error);
  {
    g_autoptr(RdCaseEvent) event = rd_case_event_new ("outcome-sent", rd_test_date ("2026-02-02"));

    rd_case_event_set_detail (event, RD_DETAIL_OUTCOME, "partly-upheld");
    rd_case_event_set_note (event, "Sent by post.");
    g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (kase), event, &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpstr (rd_case_event_get_recorded_by (event), ==, "test-clerk");
  }
  g_clear_object (&again);
  again = rd_store_get_case (f->store, rd_case_get_id (kase), &error);
  g_assert_cmpstr (rd_case_get_status (again), ==, "responded");
  /* Nothing left for the council to do while the review window is open. */
  g_assert_null (rd_case_get_next_due (again));

  /* Unknown kinds, and a receipt recorded twice, are refused. */
  g_assert_cmpint (add_event (f->store, kase, "sent-flowers", "2026-02-03", &error), ==, 0);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (add_event (f->store, kase, "received", "2026-02-03", &error), ==, 0);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The timeline: received, acknowledged, outcome. */
  events = rd_store_list_events (f->store, rd_case_get_id (kase), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (rd_case_event_get_kind (g_ptr_array_index (events, 0)), ==, "received");
  g_assert_cmpstr (rd_case_event_get_kind (g_ptr_array_index (events, 2)), ==, "outcome-sent");
  g_assert_cmpstr (rd_case_event_get_detail (g_ptr_array_index (events, 2), RD_DETAIL_OUTCOME), ==,
                   "partly-upheld");

  /* A case not in the store. */
  g_assert_null (rd_store_find_case (f->store, "DPC-1999-0001", &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND);
}

static void
test_extension_and_refusal (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) kase = add_case (f->store, "2026-01-05", "Cerys Hughes");
  g_autoptr(RdCase) refused = add_case (f->store, "2026-01-05", "Dafydd Price");
  g_autoptr(RdCase) again = NULL;
  g_autoptr(RdCaseEvent) extension = rd_case_event_new ("extended", rd_test_date ("2026-01-20"));
  g_autoptr(RdCaseEvent) refusal = rd_case_event_new ("refused", rd_test_date ("2026-01-20"));
  const guint factors[] = { 2, 5 };

  /* An extension needs a reason and a notification date. */
  g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (kase), extension, &error), ==, 0);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE);
  g_clear_error (&error);
  rd_case_event_set_detail (extension, RD_DETAIL_REASON, "The records are held by a contractor.");
  rd_case_event_set_detail_date (extension, RD_DETAIL_NOTIFIED, rd_test_date ("2026-01-20"));
  g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (kase), extension, &error), >, 0);
  g_assert_no_error (error);
  /* One month (5 February 2026) plus two further months is Sunday 5 April 2026, Easter
   * Day; Monday 6 April is Easter Monday, so the end rolls to Tuesday 7 April 2026. */
  again = rd_store_get_case (f->store, rd_case_get_id (kase), &error);
  g_assert_no_error (error);
  rd_assert_date (rd_case_get_next_due (again), "2026-01-12");
  {
    g_autoptr(RdCaseState)
                   state = rd_store_get_case_state (f->store, rd_case_get_id (kase), NULL, &error);
    const RdDeadline *respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);

    rd_assert_date (&respond->due, "2026-04-07");
    rd_assert_date (&respond->original_due, "2026-02-05");
  }

  /* A refusal names at least one of the policy's factors and gives reasons. */
  rd_case_event_set_detail (refusal, RD_DETAIL_REASONS, "The same complaint, a fifth time.");
  g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (refused), refusal, &error), ==, 0);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE);
  g_clear_error (&error);
  rd_case_event_set_factors (refusal, factors, G_N_ELEMENTS (factors));
  g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (refused), refusal, &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&again);
  again = rd_store_get_case (f->store, rd_case_get_id (refused), &error);
  g_assert_cmpstr (rd_case_get_status (again), ==, "refused");

  /* Factor numbers outside 1–5 are refused by the store itself. */
  {
    g_autoptr(RdCaseEvent) bad = rd_case_event_new ("refused", rd_test_date ("2026-01-20"));
    const guint six[] = { 6 };

    rd_case_event_set_factors (bad, six, 1);
    rd_case_event_set_detail (bad, RD_DETAIL_REASONS, "x");
    g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (kase), bad, &error), ==, 0);
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  }
}

static void
test_representative (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPerson) subject = rd_person_new ("Eleri Morgan");
  g_autoptr(RdPerson) representative = rd_person_new ("Gwyn Morgan");
  g_autoptr(RdCase) kase = rd_case_new ();
  g_autoptr(RdCaseEvent) outcome = rd_case_event_new ("outcome-sent", rd_test_date ("2026-02-02"));
  g_autoptr(RdCase) again = NULL;

  rd_case_set_received (kase, rd_test_date ("2026-01-05"));
  rd_case_set_subject (kase, subject);
  rd_case_set_representative (kase, representative, "nephew");
  g_assert_false (rd_store_add_case (f->store, kase, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rd_case_get_id (kase), ==, 0);

  rd_case_set_representative (kase, representative, RD_AUTHORITY_WRITTEN_CONSENT);
  g_assert_true (rd_store_add_case (f->store, kase, &error));
  g_assert_no_error (error);
  g_assert_true (rd_case_get_correspondent (kase) == representative);

  /* Not dealt with as a representative before the subject's written consent is on record. */
  rd_case_event_set_detail (outcome, RD_DETAIL_OUTCOME, "upheld");
  g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (kase), outcome, &error), ==, 0);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE);
  g_clear_error (&error);
  g_assert_cmpint (add_event (f->store, kase, "consent-received", "2026-01-09", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (kase), outcome, &error), >, 0);
  g_assert_no_error (error);

  again = rd_store_get_case (f->store, rd_case_get_id (kase), &error);
  g_assert_cmpstr (rd_person_get_name (rd_case_get_representative (again)), ==, "Gwyn Morgan");
  g_assert_cmpstr (rd_case_get_authority (again), ==, RD_AUTHORITY_WRITTEN_CONSENT);
}

static void
test_validation (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  struct
  {
    const char *field;
    const char *value;
  } bad[] = {
    { "postcode", "SW1A" }, { "postcode", "12345" },    { "email", "nobody" },
    { "email", "a@b@c.d" }, { "channel", "pigeon" },    { "language", "fr" },
    { "name", "   " },      { "name", "Tab\tin name" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(RdPerson) subject = rd_person_new ("Valid Name");
      g_autoptr(RdCase) kase = rd_case_new ();

      g_object_set (subject, bad[i].field, bad[i].value, NULL);
      rd_case_set_received (kase, rd_test_date ("2026-01-05"));
      rd_case_set_subject (kase, subject);
      g_assert_false (rd_store_add_case (f->store, kase, &error));
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* Received in the future (the store's today is 2 March 2026). */
  {
    g_autoptr(RdPerson) subject = rd_person_new ("Future Person");
    g_autoptr(RdCase) kase = rd_case_new ();

    rd_case_set_received (kase, rd_test_date ("2026-03-03"));
    rd_case_set_subject (kase, subject);
    g_assert_false (rd_store_add_case (f->store, kase, &error));
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Postcodes in every valid shape are normalised. */
  {
    const char *good[][2] = { { "m1 1ae", "M1 1AE" },    { "b338th", "B33 8TH" },
                              { "CR2 6XH", "CR2 6XH" },  { "dn551pt", "DN55 1PT" },
                              { "w1a 0ax", "W1A 0AX" },  { "ec1a1bb", "EC1A 1BB" },
                              { "CF10 1EP", "CF10 1EP" } };

    for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
      {
        g_autofree char *normal = rd_postcode_normalize (good[i][0]);
        g_assert_cmpstr (normal, ==, good[i][1]);
      }
  }
}

/* Names, notes and summaries must come back exactly as typed. */
static void
test_round_trip (Fixture *f, gconstpointer data)
{
  const char *texts[] = {
    "O'Brien \"Junior\"",
    "Robert'); DROP TABLE cases;--",
    "1 OR 1=1; -- '",
    "Siân Ellis-Ŵyn 😀 👩‍👩‍👧",
    "Gwenllïan ap Dafydd, Llŷr Ŷ",
    "محمد عبد الله",
    "שרה כהן",
    "Line one\nLine two",
    "%s %n %% \\ \\\\ `backticks`",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdPerson)
                     subject = rd_person_new (strchr (texts[i], '\n') ? "Multi Line" : texts[i]);
      g_autoptr(RdCase) kase = rd_case_new ();
      g_autoptr(RdCase) back = NULL;
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(RdCaseEvent) note = rd_case_event_new ("note", rd_test_date ("2026-01-07"));

      rd_person_set_address (subject, texts[i]);
      rd_case_set_received (kase, rd_test_date ("2026-01-05"));
      rd_case_set_subject (kase, subject);
      rd_case_set_summary (kase, texts[i]);
      g_assert_true (rd_store_add_case (f->store, kase, &error));
      g_assert_no_error (error);
      rd_case_event_set_note (note, texts[i]);
      rd_case_event_set_detail (note, "free", texts[i]);
      g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (kase), note, &error), >, 0);
      g_assert_no_error (error);

      back = rd_store_get_case (f->store, rd_case_get_id (kase), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (rd_case_get_summary (back), ==, texts[i]);
      g_assert_cmpstr (rd_person_get_address (rd_case_get_subject (back)), ==, texts[i]);
      g_assert_cmpstr (rd_person_get_name (rd_case_get_subject (back)), ==,
                       rd_person_get_name (subject));
      events = rd_store_list_events (f->store, rd_case_get_id (kase), &error);
      g_assert_cmpstr (rd_case_event_get_note (g_ptr_array_index (events, 1)), ==, texts[i]);
      g_assert_cmpstr (rd_case_event_get_detail (g_ptr_array_index (events, 1), "free"), ==,
                       texts[i]);
    }
  /* The tables are all still there. */
  g_assert_cmpint (_rd_store_count_sql (f->store, "SELECT count(*) FROM cases"), ==,
                   G_N_ELEMENTS (texts));
}

static void
test_documents (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) kase = add_case (f->store, "2026-01-05", "Ffion Rees");
  g_autoptr(RdDocument) document = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree guint8 *content = NULL;
  g_autofree char   *expected = NULL;
  g_autofree char   *copy_path = g_build_filename (f->dir, "copy.bin", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  gsize  size = 3 * 1024 * 1024 + 17; /* several chunks, and a ragged end */
  gint64 id;
  guint8 buffer[100];
  gsize  got;

  content = g_malloc (size);
  for (gsize i = 0; i < size; i++)
    content[i] = (guint8) (i * 7 + i / 1000);
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, content, size);

  {
    g_autoptr(GInputStream) source = g_memory_input_stream_new_from_data (content, size, NULL);

    id = rd_store_add_document (f->store, rd_case_get_id (kase), "/some/where/scan.pdf",
                                "application/pdf", RD_DOCUMENT_KIND_EVIDENCE, source,
                                (goffset) size, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (id, >, 0);
  }
  document = rd_store_get_document (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_document_get_name (document), ==, "scan.pdf");
  g_assert_cmpint (rd_document_get_size (document), ==, (goffset) size);
  g_assert_cmpstr (rd_document_get_sha256 (document), ==, expected);
  g_assert_cmpstr (rd_document_get_kind (document), ==, "evidence");

  /* Read in pieces, and seek. */
  in = rd_store_open_document (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (G_IS_SEEKABLE (in));
  g_assert_true (g_seekable_seek (G_SEEKABLE (in), 2000000, G_SEEK_SET, NULL, &error));
  g_assert_true (g_input_stream_read_all (in, buffer, sizeof buffer, &got, NULL, &error));
  g_assert_cmpuint (got, ==, sizeof buffer);
  g_assert_cmpmem (buffer, sizeof buffer, content + 2000000, sizeof buffer);
  g_assert_true (g_seekable_seek (G_SEEKABLE (in), -10, G_SEEK_END, NULL, &error));
  g_assert_true (g_input_stream_read_all (in, buffer, sizeof buffer, &got, NULL, &error));
  g_assert_cmpuint (got, ==, 10);
  g_assert_false (g_seekable_seek (G_SEEKABLE (in), 1, G_SEEK_END, NULL, &error));
  g_clear_error (&error);
  g_input_stream_close (in, NULL, NULL);

  /* Saved to a file, checked on the way. */
  g_assert_true (rd_store_save_document (f->store, id, copy, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *saved = NULL;
    gsize            length;

    g_assert_true (g_file_get_contents (copy_path, &saved, &length, NULL));
    g_assert_cmpmem (saved, length, content, size);
  }

  /* From a file and from bytes. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("Dear Clerk,", 11);

    g_assert_cmpint (rd_store_add_document_from_file (f->store, rd_case_get_id (kase), copy,
                                                      RD_DOCUMENT_KIND_CORRESPONDENCE, NULL,
                                                      &error),
                     >, 0);
    g_assert_no_error (error);
    g_assert_cmpint (rd_store_add_document_from_bytes (f->store, rd_case_get_id (kase),
                                                       "letter.txt", "text/plain",
                                                       RD_DOCUMENT_KIND_LETTER, bytes, &error),
                     >, 0);
    g_assert_no_error (error);
  }
  documents = rd_store_list_documents (f->store, rd_case_get_id (kase), &error);
  g_assert_cmpuint (documents->len, ==, 3);
  {
    g_autoptr(RdDocument) found = rd_store_find_document (f->store, rd_case_get_id (kase),
                                                           "letter.txt", &error);
    g_autoptr(GBytes) bytes = NULL;

    g_assert_no_error (error);
    bytes = rd_store_load_document (f->store, rd_document_get_id (found), &error);
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "Dear Clerk,", 11);
  }

  /* Past the council's limit (1 MB here): a clear error, nothing written. */
  g_assert_true (rd_store_set_setting (f->store, RD_SETTING_DOCUMENT_LIMIT, "1", &error));
  {
    g_autoptr(GInputStream) source = g_memory_input_stream_new_from_data (content, size, NULL);

    g_assert_cmpint (rd_store_add_document (f->store, rd_case_get_id (kase), "big.pdf",
                                            "application/pdf", RD_DOCUMENT_KIND_EVIDENCE, source,
                                            (goffset) size, NULL, &error),
                     ==, 0);
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "big.pdf"));
    g_clear_error (&error);
  }
  /* A stream shorter than announced. */
  {
    g_autoptr(GInputStream) source = g_memory_input_stream_new_from_data (content, 100, NULL);

    g_assert_cmpint (rd_store_add_document (f->store, rd_case_get_id (kase), "short.pdf",
                                            "application/pdf", RD_DOCUMENT_KIND_EVIDENCE, source,
                                            200, NULL, &error),
                     ==, 0);
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED);
    g_clear_error (&error);
  }
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = rd_store_list_documents (f->store, rd_case_get_id (kase), &error);
  g_assert_cmpuint (documents->len, ==, 3);

  /* An event with its letter, in one transaction. */
  {
    g_autoptr(RdCaseEvent) event = rd_case_event_new ("acknowledged", rd_test_date ("2026-01-07"));
    g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4 letter", 15);

    rd_case_event_set_detail (event, RD_DETAIL_CHANNEL, "post");
    g_assert_cmpint (rd_store_add_event_with_document (f->store, rd_case_get_id (kase), event,
                                                       "acknowledgement.pdf", "application/pdf",
                                                       RD_DOCUMENT_KIND_LETTER, pdf, &error),
                     >, 0);
    g_assert_no_error (error);
    g_assert_cmpint (rd_case_event_get_document_id (event), >, 0);
  }
  {
    g_autoptr(RdCaseEvent)
                   event = rd_case_event_new ("review-outcome-sent", rd_test_date ("2026-01-08"));
    g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4 letter", 15);

    /* Refused by the rules: no document is left behind. */
    g_assert_cmpint (rd_store_add_event_with_document (f->store, rd_case_get_id (kase), event,
                                                       "review.pdf", "application/pdf",
                                                       RD_DOCUMENT_KIND_LETTER, pdf, &error),
                     ==, 0);
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE);
    g_clear_error (&error);
  }
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = rd_store_list_documents (f->store, rd_case_get_id (kase), &error);
  g_assert_cmpuint (documents->len, ==, 4);

  g_assert_true (rd_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_search_index (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) kase = add_case (f->store, "2026-01-05", "Gwenllïan Pritchard");
  g_autoptr(RdCaseEvent) note = rd_case_event_new ("note", rd_test_date ("2026-01-06"));

  rd_case_event_set_note (note, "Phoned about the CCTV footage");
  g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (kase), note, &error), >, 0);
  g_assert_cmpint (_rd_store_count_sql (f->store, "SELECT count(*) FROM case_search "
                                                  "WHERE case_search MATCH 'pritchard'"),
                   ==, 1);
  g_assert_cmpint (_rd_store_count_sql (f->store, "SELECT count(*) FROM case_search "
                                                  "WHERE case_search MATCH 'gwenllian'"),
                   ==, 1);
  g_assert_cmpint (_rd_store_count_sql (f->store, "SELECT count(*) FROM case_search "
                                                  "WHERE case_search MATCH 'cctv'"),
                   ==, 1);

  /* Correcting a name is kept in step. */
  rd_person_set_name (rd_case_get_subject (kase), "Gwenllïan Roberts");
  g_assert_true (rd_store_update_person (f->store, rd_case_get_subject (kase), &error));
  g_assert_no_error (error);
  g_assert_cmpint (_rd_store_count_sql (f->store, "SELECT count(*) FROM case_search "
                                                  "WHERE case_search MATCH 'pritchard'"),
                   ==, 0);
  g_assert_cmpint (_rd_store_count_sql (f->store, "SELECT count(*) FROM case_search "
                                                  "WHERE case_search MATCH 'roberts'"),
                   ==, 1);
}

static void
test_restriction (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) kase = add_case (f->store, "2026-01-05", "Huw Thomas");
  gint64 person = rd_person_get_id (rd_case_get_subject (kase));

  g_assert_true (rd_store_set_restricted (f->store, person, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (add_event (f->store, kase, "acknowledged", "2026-01-06", &error), ==, 0);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RESTRICTED);
  g_assert_nonnull (strstr (error->message, "restricted"));
  g_clear_error (&error);
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);

    g_assert_cmpint (rd_store_add_document_from_bytes (f->store, rd_case_get_id (kase), "a.txt",
                                                       "text/plain", RD_DOCUMENT_KIND_EVIDENCE,
                                                       bytes, &error),
                     ==, 0);
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RESTRICTED);
    g_clear_error (&error);
  }
  {
    g_autoptr(RdPerson) person_obj = rd_store_get_person (f->store, person, &error);

    g_assert_true (rd_person_get_restricted (person_obj));
  }
  g_assert_true (rd_store_set_restricted (f->store, person, FALSE, &error));
  g_assert_cmpint (add_event (f->store, kase, "acknowledged", "2026-01-06", &error), >, 0);
  g_assert_no_error (error);
}

static void
test_destruction (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) kase = add_case (f->store, "2019-01-07", "Iolo Zephaniah-Unique");
  g_autoptr(RdCase) other = NULL;
  g_autoptr(RdCaseEvent) note = rd_case_event_new ("note", rd_test_date ("2019-01-08"));
  g_autoptr(GBytes) bytes = g_bytes_new_static ("secret scan", 11);
  g_autoptr(RdCaseEvent) outcome = rd_case_event_new ("outcome-sent", rd_test_date ("2019-01-30"));
  gint64  subject_id = rd_person_get_id (rd_case_get_subject (kase));
  gint64  case_id = rd_case_get_id (kase);
  guint64 audit_before;
  guint   n = 0;

  rd_case_event_set_note (note, "Mentions Xylophonist");
  g_assert_cmpint (rd_store_add_event (f->store, case_id, note, &error), >, 0);
  g_assert_cmpint (rd_store_add_document_from_bytes (f->store, case_id, "scan.png", "image/png",
                                                     RD_DOCUMENT_KIND_IDENTITY, bytes, &error),
                   >, 0);
  rd_case_event_set_detail (outcome, RD_DETAIL_OUTCOME, "not-upheld");
  g_assert_cmpint (rd_store_add_event (f->store, case_id, outcome, &error), >, 0);
  g_assert_cmpint (add_event (f->store, kase, "closed", "2019-03-01", &error), >, 0);
  g_assert_no_error (error);

  /* The same person on a second, open case: they stay. */
  other = rd_case_new ();
  rd_case_set_received (other, rd_test_date ("2026-01-05"));
  rd_case_set_subject (other, rd_case_get_subject (kase));
  g_assert_true (rd_store_add_case (f->store, other, &error));
  g_assert_no_error (error);

  /* Closed 1 March 2019: kept six years, until 1 March 2025. */
  g_clear_object (&kase);
  kase = rd_store_get_case (f->store, case_id, &error);
  rd_assert_date (rd_case_get_retain_until (kase), "2025-03-01");
  g_assert_false (rd_store_destroy_case (f->store, case_id, rd_test_date ("2025-02-28"),
                                         RD_STORE_DESTROY_DEFAULT, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE);
  g_clear_error (&error);
  g_assert_false (rd_store_destroy_case (f->store, rd_case_get_id (other),
                                         rd_test_date ("2026-03-01"), RD_STORE_DESTROY_DEFAULT,
                                         &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE);
  g_clear_error (&error);

  /* "Today" cannot be moved forward to bring destruction nearer: a day after the real
   * date (the year 2999 is after it whenever the test runs) is refused, nothing destroyed. */
  g_assert_false (rd_store_destroy_case (f->store, rd_case_get_id (other),
                                         rd_test_date ("2999-01-01"), RD_STORE_DESTROY_DEFAULT,
                                         &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_store_destroy_due (f->store, rd_test_date ("2999-01-01"), &n, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (n, ==, 0);

  audit_before = rd_store_count_audit_entries (f->store);
  g_assert_true (rd_store_destroy_due (f->store, rd_test_date ("2026-03-02"), &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  g_assert_null (rd_store_get_case (f->store, case_id, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (_rd_store_count_sql (f->store, "SELECT count(*) FROM events WHERE case_id = "
                                                  "(SELECT max(id) + 100 FROM cases) OR note "
                                                  "LIKE '%Xylophonist%'"),
                   ==, 0);
  g_assert_cmpint (_rd_store_count_sql (f->store, "SELECT count(*) FROM documents"), ==, 0);
  g_assert_cmpint (_rd_store_count_sql (f->store, "SELECT count(*) FROM document_content"), ==, 0);
  g_assert_cmpint (_rd_store_count_sql (f->store, "SELECT count(*) FROM case_search "
                                                  "WHERE case_search MATCH 'xylophonist'"),
                   ==, 0);
  /* The subject is still referenced by the other case. */
  {
    g_autoptr(RdPerson) still = rd_store_get_person (f->store, subject_id, &error);
    g_assert_no_error (error);
    g_assert_nonnull (still);
  }
  /* One audit entry, with ids only. */
  g_assert_cmpuint (rd_store_count_audit_entries (f->store), ==, audit_before + 1);
  g_assert_true (rd_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);

  /* The file holds no trace of the destroyed note or document. */
  g_clear_object (&f->store);
  {
    g_autofree char *file = NULL;
    gsize            length;

    g_assert_true (g_file_get_contents (f->path, &file, &length, NULL));
    g_assert_false (rd_test_contains (file, length, "Xylophonist"));
    g_assert_false (rd_test_contains (file, length, "secret scan"));
  }

  /* An erasure request: destroyed before retention ends, and the person goes too. */
  f->store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (rd_store_destroy_case (f->store, rd_case_get_id (other),
                                        rd_test_date ("2026-03-02"),
                                        RD_STORE_DESTROY_BEFORE_RETENTION_ENDS, &error));
  g_assert_no_error (error);
  /* Its audit entry says it was destroyed early (ids and the flag only). */
  {
    g_autoptr(GPtrArray) entries = rd_store_list_audit_entries (f->store, 0, 10000, &error);
    RdAuditEntry *last;

    g_assert_no_error (error);
    last = g_ptr_array_index (entries, entries->len - 1);
    g_assert_cmpstr (last->action, ==, "case.destroy");
    g_assert_nonnull (strstr (last->records, "before-retention-ends=1"));
  }
  g_assert_null (rd_store_get_person (f->store, subject_id, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&f->store);
  {
    g_autofree char *file = NULL;
    gsize            length;

    g_assert_true (g_file_get_contents (f->path, &file, &length, NULL));
    g_assert_false (rd_test_contains (file, length, "Zephaniah"));
  }
}

static void
test_holidays (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) shipped = NULL;
  g_autoptr(GBytes) bad = g_bytes_new_static ("{\"england-and-wales\": ", 22);
  g_autoptr(RdCase) kase = add_case (f->store, "2025-12-19", "Jac Powell");
  g_autoptr(RdCase) again = NULL;
  gboolean from_store = TRUE;
  guint64  audit_before;

  shipped = rd_store_get_holidays_json (f->store, &from_store);
  g_assert_false (from_store);
  g_assert_nonnull (shipped);

  /* Received Friday 19 December 2025; five working days counted from Monday 22: 22, 23,
   * 24, (Christmas Day, Boxing Day, the weekend), 29, 30 → Tuesday 30 December 2025. */
  rd_assert_date (rd_case_get_next_due (kase), "2025-12-30");

  audit_before = rd_store_count_audit_entries (f->store);
  g_assert_false (rd_store_load_holidays (f->store, bad, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (rd_store_count_audit_entries (f->store), ==, audit_before);
  g_clear_pointer (&shipped, g_bytes_unref);
  shipped = rd_store_get_holidays_json (f->store, &from_store);
  g_assert_false (from_store);

  /* A copy with an invented holiday on Monday 22 December 2025 moves the deadline a day:
   * 23, 24, 29, 30, 31 → Wednesday 31 December 2025. */
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (shipped, NULL),
                                       g_bytes_get_size (shipped));
    g_autofree char *changed = NULL;
    g_autoptr(GBytes) newer = NULL;
    const char *marker =
        "{\n        \"title\": \"Christmas Day\",\n        \"date\": \"2025-12-25\"";
    char *at = strstr (text, marker);
    g_autoptr(GString) s = g_string_new (NULL);

    g_assert_nonnull (at);
    g_string_append_len (s, text, at - text);
    g_string_append (s, "{\n        \"title\": \"Test Day\",\n        \"date\": \"2025-12-22\",\n"
                        "        \"notes\": \"\",\n        \"bunting\": false\n      },\n      ");
    g_string_append (s, at);
    changed = g_string_free (g_steal_pointer (&s), FALSE);
    newer = g_bytes_new (changed, strlen (changed));
    g_assert_true (rd_store_load_holidays (f->store, newer, &error));
    g_assert_no_error (error);
  }
  again = rd_store_get_case (f->store, rd_case_get_id (kase), &error);
  rd_assert_date (rd_case_get_next_due (again), "2025-12-31");
  g_clear_pointer (&shipped, g_bytes_unref);
  shipped = rd_store_get_holidays_json (f->store, &from_store);
  g_assert_true (from_store);

  /* An older file (2018–2019 only, every division) does not replace it without the flag. */
  {
    const char *old_json =
        "{\"england-and-wales\": {\"division\": \"england-and-wales\", \"events\": ["
        "{\"title\": \"New Year’s Day\", \"date\": \"2018-01-01\", \"notes\": \"\", \"bunting\": "
        "true},"
        "{\"title\": \"Christmas Day\", \"date\": \"2019-12-25\", \"notes\": \"\", \"bunting\": "
        "true}]},"
        "\"scotland\": {\"division\": \"scotland\", \"events\": ["
        "{\"title\": \"New Year’s Day\", \"date\": \"2018-01-01\", \"notes\": \"\", \"bunting\": "
        "true},"
        "{\"title\": \"Christmas Day\", \"date\": \"2019-12-25\", \"notes\": \"\", \"bunting\": "
        "true}]},"
        "\"northern-ireland\": {\"division\": \"northern-ireland\", \"events\": ["
        "{\"title\": \"New Year’s Day\", \"date\": \"2018-01-01\", \"notes\": \"\", \"bunting\": "
        "true},"
        "{\"title\": \"Christmas Day\", \"date\": \"2019-12-25\", \"notes\": \"\", \"bunting\": "
        "true}]}}";
    g_autoptr(GBytes) old = g_bytes_new_static (old_json, strlen (old_json));
    g_autoptr(GPtrArray) entries = NULL;
    RdAuditEntry *last;

    audit_before = rd_store_count_audit_entries (f->store);
    g_assert_false (rd_store_load_holidays (f->store, old, &error));
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "2018–2019"));
    g_clear_error (&error);
    g_assert_false (rd_store_load_holidays_full (f->store, old, RD_STORE_HOLIDAYS_DEFAULT, &error));
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpuint (rd_store_count_audit_entries (f->store), ==, audit_before);
    g_clear_object (&again);
    again = rd_store_get_case (f->store, rd_case_get_id (kase), &error);
    rd_assert_date (rd_case_get_next_due (again), "2025-12-31");

    g_assert_true (rd_store_load_holidays_full (f->store, old, RD_STORE_HOLIDAYS_FORCE, &error));
    g_assert_no_error (error);
    entries = rd_store_list_audit_entries (f->store, 0, 10000, &error);
    last = g_ptr_array_index (entries, entries->len - 1);
    g_assert_cmpstr (last->action, ==, "holidays.load");
    g_assert_nonnull (strstr (last->records, "force=1"));
  }

  /* Changing the division works every case out again (Scotland keeps 2 January). */
  g_assert_true (rd_store_set_setting (f->store, RD_SETTING_DIVISION, "scotland", &error));
  g_assert_no_error (error);
}

typedef struct
{
  guint  n;
  guint  what;
  gint64 case_id;
} Changes;

static void
changed_cb (RdStore *store, guint what, gint64 case_id, gpointer user_data)
{
  Changes *changes = user_data;

  changes->n++;
  changes->what = what;
  changes->case_id = case_id;
}

static void
test_changed_signal (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) watched = NULL;
  g_autoptr(RdCase) kase = NULL;
  Changes changes = { 0 };
  Changes external = { 0 };
  gint64  deadline;

  g_signal_connect (f->store, "changed", G_CALLBACK (changed_cb), &changes);
  kase = add_case (f->store, "2026-01-05", "Kate Lloyd");
  g_assert_cmpuint (changes.n, ==, 1);
  g_assert_cmpuint (changes.what & RD_STORE_CHANGE_CASES, !=, 0);
  g_assert_cmpint (changes.case_id, ==, rd_case_get_id (kase));

  /* A refused event emits nothing. */
  g_assert_cmpint (add_event (f->store, kase, "review-requested", "2026-01-06", &error), ==, 0);
  g_clear_error (&error);
  g_assert_cmpuint (changes.n, ==, 1);

  /* Another connection (as redress-cli would be) is noticed by polling. */
  watched = rd_store_open (f->path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_signal_connect (watched, "changed", G_CALLBACK (changed_cb), &external);
  g_assert_cmpint (add_event (f->store, kase, "acknowledged", "2026-01-06", &error), >, 0);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (external.n == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (external.n, ==, 1);
  g_assert_cmpuint (external.what & RD_STORE_CHANGE_EXTERNAL, !=, 0);
}

static void
test_update_and_check (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) kase = add_case (f->store, "2026-01-05", "Osian Lewis");
  g_autoptr(RdCase) again = NULL;
  g_autoptr(RdPerson) representative = rd_person_new ("Rhian Lewis");
  g_autoptr(RdCaseEvent) outcome = rd_case_event_new ("outcome-sent", rd_test_date ("2026-01-20"));
  g_autoptr(RdCaseEvent) future = rd_case_event_new ("acknowledged", rd_test_date ("2026-03-03"));
  g_autoptr(RdCaseState) state = NULL;
  guint64 audit = rd_store_count_audit_entries (f->store);

  /* Asking the rules records nothing. */
  rd_case_event_set_detail (outcome, RD_DETAIL_OUTCOME, "upheld");
  g_assert_true (rd_store_check_event (f->store, rd_case_get_id (kase), outcome, &error));
  g_assert_no_error (error);
  g_assert_false (rd_store_check_event (f->store, rd_case_get_id (kase), future, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE);
  g_clear_error (&error);
  g_assert_cmpuint (rd_store_count_audit_entries (f->store), ==, audit);

  /* A representative added later: now consent is needed before an outcome. */
  rd_case_set_summary (kase, "Now about CCTV as well.");
  rd_case_set_channel (kase, "post");
  rd_case_set_representative (kase, representative, RD_AUTHORITY_POWER_OF_ATTORNEY);
  g_assert_true (rd_store_update_case (f->store, kase, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_person_get_id (representative), >, 0);
  again = rd_store_get_case (f->store, rd_case_get_id (kase), &error);
  g_assert_cmpstr (rd_case_get_summary (again), ==, "Now about CCTV as well.");
  g_assert_cmpstr (rd_case_get_channel (again), ==, "post");
  g_assert_cmpstr (rd_case_get_authority (again), ==, RD_AUTHORITY_POWER_OF_ATTORNEY);
  g_assert_false (rd_store_check_event (f->store, rd_case_get_id (kase), outcome, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE);
  g_clear_error (&error);
  state = rd_store_get_case_state (f->store, rd_case_get_id (kase), NULL, &error);
  g_assert_cmpint (rd_case_state_get_status (state), ==, RD_STATUS_AWAITING_CONSENT);
  g_assert_cmpstr (rd_case_get_status (again), ==, "awaiting-consent");

  rd_case_set_channel (kase, "carrier-pigeon");
  g_assert_false (rd_store_update_case (f->store, kase, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The calendar is the council's division's. */
  g_assert_cmpint (rd_calendar_get_division (rd_store_get_calendar (f->store)), ==,
                   RD_DIVISION_ENGLAND_AND_WALES);
}

/* The chain's recipe as docs/store.md gives it, written out again here, not taken from the store. */
static char *
recompute_audit_hash (JsonObject *entry)
{
  g_autofree char *text = g_strdup_printf (
      "%s\n%" G_GINT64_FORMAT "\n%s\n%s\n%s\n%s",
      json_object_get_string_member (entry, "prev_hash"), json_object_get_int_member (entry, "id"),
      json_object_get_string_member (entry, "at"), json_object_get_string_member (entry, "who"),
      json_object_get_string_member (entry, "action"),
      json_object_get_string_member (entry, "records"));

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* Checks an exported audit array is the whole trail: every column, ids from 1, the chain intact. */
static void
assert_audit_export (RdStore *store, JsonArray *audit)
{
  static const char *const columns[] = {
    "id", "at", "who", "action", "records", "prev_hash", "hash"
  };
  g_autofree char *prev = g_strnfill (64, '0');

  g_assert_cmpuint (json_array_get_length (audit), ==, rd_store_count_audit_entries (store));
  for (guint i = 0; i < json_array_get_length (audit); i++)
    {
      JsonObject *entry = json_array_get_object_element (audit, i);
      g_autoptr(GList) members = json_object_get_members (entry);
      g_autofree char *computed = NULL;
      guint            c = 0;

      /* Every column of the audit table, in the table's order, and nothing else. */
      for (GList *m = members; m != NULL; m = m->next, c++)
        {
          g_assert_cmpuint (c, <, G_N_ELEMENTS (columns));
          g_assert_cmpstr (m->data, ==, columns[c]);
        }
      g_assert_cmpuint (c, ==, G_N_ELEMENTS (columns));
      g_assert_cmpint (json_object_get_int_member (entry, "id"), ==, (gint64) i + 1);
      g_assert_cmpstr (json_object_get_string_member (entry, "prev_hash"), ==, prev);
      computed = recompute_audit_hash (entry);
      g_assert_cmpstr (json_object_get_string_member (entry, "hash"), ==, computed);
      g_free (prev);
      prev = g_strdup (computed);
    }
}

static void
test_export_json (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) a = add_case (f->store, "2026-01-05", "Pedr Export");
  g_autoptr(RdCase) b = add_case (f->store, "2026-01-06", "Non Export");
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray  *cases;
  guint64     audit_before;
  gint64      acknowledged;

  /* The two cases above made two audit entries; two events make two more. */
  audit_before = rd_store_count_audit_entries (f->store) - 2;
  g_assert_cmpint (add_event (f->store, a, "acknowledged", "2026-01-06", &error), >, 0);
  g_assert_no_error (error);
  acknowledged = add_event (f->store, b, "acknowledged", "2026-01-07", &error);
  g_assert_no_error (error);
  g_assert_cmpint (acknowledged, >, 0);

  g_assert_true (rd_store_export_json (f->store, out, rd_test_date ("2026-02-01"), NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  g_assert_true (json_parser_load_from_data (
      parser, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
      (gssize) g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "redress-export");
  g_assert_cmpstr (json_object_get_string_member (root, "today"), ==, "2026-02-01");
  cases = json_object_get_array_member (root, "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 2);
  /* Newest first; each case in the shape of `show --json`. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cases, 0), "ref"),
                   ==, rd_case_get_reference (b));
  g_assert_true (json_object_has_member (json_array_get_object_element (cases, 1), "deadlines"));
  (void) a;

  /* The whole audit trail, ending with the two cases and the two events made above. */
  {
    JsonArray *audit = json_object_get_array_member (root, "audit");
    g_autoptr(JsonNode) audit_node = json_node_new (JSON_NODE_ARRAY);
    g_autofree char         *audit_text = NULL;
    guint                    n = json_array_get_length (audit);
    static const char *const last_actions[] = { "case.create", "case.create", "event.add",
                                                "event.add" };
    g_autofree char *records = g_strdup_printf ("case=%" G_GINT64_FORMAT " event=%" G_GINT64_FORMAT
                                                " kind=acknowledged",
                                                rd_case_get_id (b), acknowledged);

    g_assert_nonnull (audit);
    assert_audit_export (f->store, audit);
    g_assert_cmpint (json_object_get_int_member (root, "audit_entries"), ==, n);
    g_assert_cmpuint (n, ==, audit_before + 4);
    for (guint i = 0; i < G_N_ELEMENTS (last_actions); i++)
      {
        JsonObject *entry = json_array_get_object_element (audit, n - 4 + i);

        g_assert_cmpstr (json_object_get_string_member (entry, "action"), ==, last_actions[i]);
        g_assert_cmpstr (json_object_get_string_member (entry, "who"), ==, "test-clerk");
      }
    g_assert_cmpstr (
        json_object_get_string_member (json_array_get_object_element (audit, n - 1), "records"), ==,
        records);
    /* Ids only: none of the complainants' details is in the trail. */
    json_node_set_array (audit_node, audit);
    audit_text = json_to_string (audit_node, FALSE);
    g_assert_false (rd_test_contains (audit_text, strlen (audit_text), "Export"));
    g_assert_false (rd_test_contains (audit_text, strlen (audit_text), "example.org"));
    g_assert_false (rd_test_contains (audit_text, strlen (audit_text), "SW1A"));
    g_assert_false (rd_test_contains (audit_text, strlen (audit_text), "subject access"));
  }

  /* The same trail as CSV: a header of the table's columns, then one row per entry. */
  {
    g_autoptr(GOutputStream) csv_out = g_memory_output_stream_new_resizable ();
    JsonArray       *audit = json_object_get_array_member (root, "audit");
    g_autofree char *csv = NULL;
    g_auto(GStrv) lines = NULL;
    guint n;

    g_assert_true (rd_store_export_audit_csv (f->store, csv_out, NULL, &error));
    g_assert_no_error (error);
    g_output_stream_close (csv_out, NULL, NULL);
    csv = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (csv_out)),
                     g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (csv_out)));
    g_assert_true (g_str_has_suffix (csv, "\r\n"));
    lines = g_strsplit (csv, "\r\n", -1);
    n = g_strv_length (lines);
    /* The header, one line per entry, and the empty string after the last CRLF. */
    g_assert_cmpuint (n, ==, json_array_get_length (audit) + 2);
    g_assert_cmpstr (lines[0], ==, "id,at,who,action,records,prev_hash,hash");
    for (guint i = 0; i < json_array_get_length (audit); i++)
      {
        JsonObject      *entry = json_array_get_object_element (audit, i);
        g_autofree char *expected = g_strdup_printf (
            "%" G_GINT64_FORMAT ",%s,%s,%s,%s,%s,%s", json_object_get_int_member (entry, "id"),
            json_object_get_string_member (entry, "at"),
            json_object_get_string_member (entry, "who"),
            json_object_get_string_member (entry, "action"),
            json_object_get_string_member (entry, "records"),
            json_object_get_string_member (entry, "prev_hash"),
            json_object_get_string_member (entry, "hash"));

        g_assert_cmpstr (lines[i + 1], ==, expected);
      }
    g_assert_cmpstr (lines[n - 1], ==, "");
  }
}

typedef struct
{
  gint64 cases, people, events, audit, search;
} Counts;

static void
count_rows (RdStore *store, Counts *out)
{
  out->cases = _rd_store_count_sql (store, "SELECT count(*) FROM cases");
  out->people = _rd_store_count_sql (store, "SELECT count(*) FROM people");
  out->events = _rd_store_count_sql (store, "SELECT count(*) FROM events");
  out->audit = (gint64) rd_store_count_audit_entries (store);
  out->search = _rd_store_count_sql (store, "SELECT count(*) FROM case_search");
}

/* The New Complaint dialog's save: the case and its first events in one transaction. */
static void
test_add_case_with_events (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPerson) subject = rd_person_new ("Siân Prys");
  g_autoptr(RdPerson) representative = rd_person_new ("Dafydd Prys");
  g_autoptr(RdCase) kase = rd_case_new ();
  g_autoptr(RdCaseEvent)
                 identity = rd_case_event_new ("identity-requested", rd_test_date ("2026-02-16"));
  g_autoptr(RdCaseEvent)
                 consent = rd_case_event_new ("consent-requested", rd_test_date ("2026-02-16"));
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  RdCaseEvent *first[] = { identity, consent };
  Counts       before, after;
  Changes      changes = { 0 };
  guint64      n_audit;

  g_signal_connect (f->store, "changed", G_CALLBACK (changed_cb), &changes);
  count_rows (f->store, &before);
  n_audit = rd_store_count_audit_entries (f->store);

  rd_case_set_received (kase, rd_test_date ("2026-02-16"));
  rd_case_set_subject (kase, subject);
  rd_case_set_representative (kase, representative, RD_AUTHORITY_WRITTEN_CONSENT);
  rd_case_event_set_note (identity, "Name differs from the council tax record.");
  g_assert_true (rd_store_add_case_with_events (f->store, kase, first, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_case_get_id (kase), >, 0);
  g_assert_nonnull (rd_case_get_reference (kase));
  g_assert_cmpint (rd_person_get_id (subject), >, 0);
  g_assert_cmpint (rd_person_get_id (representative), >, 0);
  g_assert_cmpint (rd_case_event_get_id (identity), >, 0);
  g_assert_cmpint (rd_case_event_get_id (consent), >, rd_case_event_get_id (identity));
  g_assert_cmpint (rd_case_event_get_case_id (consent), ==, rd_case_get_id (kase));
  g_assert_cmpstr (rd_case_event_get_recorded_by (consent), ==, "test-clerk");
  /* A representative without consent on record: the rules say awaiting consent. */
  g_assert_cmpstr (rd_case_get_status (kase), ==, "awaiting-consent");
  /* One commit, one signal. */
  g_assert_cmpuint (changes.n, ==, 1);
  g_assert_cmpint (changes.case_id, ==, rd_case_get_id (kase));

  count_rows (f->store, &after);
  g_assert_cmpint (after.cases, ==, before.cases + 1);
  g_assert_cmpint (after.people, ==, before.people + 2);
  /* "received" and the two given. */
  g_assert_cmpint (after.events, ==, before.events + 3);
  g_assert_cmpint (after.audit, ==, before.audit + 3);
  events = rd_store_list_events (f->store, rd_case_get_id (kase), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (rd_case_event_get_kind (g_ptr_array_index (events, 0)), ==, "received");
  g_assert_cmpstr (rd_case_event_get_kind (g_ptr_array_index (events, 1)), ==,
                   "identity-requested");
  g_assert_cmpstr (rd_case_event_get_note (g_ptr_array_index (events, 1)), ==,
                   "Name differs from the council tax record.");
  g_assert_cmpstr (rd_case_event_get_kind (g_ptr_array_index (events, 2)), ==, "consent-requested");
  audit = rd_store_list_audit_entries (f->store, (gint64) n_audit, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 3);
  g_assert_cmpstr (((RdAuditEntry *) g_ptr_array_index (audit, 0))->action, ==, "case.create");
  g_assert_cmpstr (((RdAuditEntry *) g_ptr_array_index (audit, 1))->action, ==, "event.add");
  g_assert_cmpstr (((RdAuditEntry *) g_ptr_array_index (audit, 2))->action, ==, "event.add");
  /* The note is searchable. */
  g_assert_cmpint (_rd_store_count_sql (f->store, "SELECT count(*) FROM case_search "
                                                  "WHERE case_search MATCH '\"council\"*'"),
                   ==, 1);

  /* No events at all is rd_store_add_case(). */
  {
    g_autoptr(RdPerson) plain_subject = rd_person_new ("Owen Price");
    g_autoptr(RdCase) plain = rd_case_new ();

    rd_case_set_received (plain, rd_test_date ("2026-02-17"));
    rd_case_set_subject (plain, plain_subject);
    g_assert_true (rd_store_add_case_with_events (f->store, plain, NULL, 0, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (rd_case_get_status (plain), ==, "open");
  }
}

static void
assert_refused_leaves_nothing (Fixture     *f,
                               RdCase      *kase,
                               RdCaseEvent *events[],
                               guint        n_events,
                               const char  *message_part)
{
  g_autoptr(GError) error = NULL;
  Counts  before, after;
  Changes changes = { 0 };
  gulong  handler;

  handler = g_signal_connect (f->store, "changed", G_CALLBACK (changed_cb), &changes);
  count_rows (f->store, &before);
  g_assert_false (rd_store_add_case_with_events (f->store, kase, events, n_events, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, message_part));
  count_rows (f->store, &after);
  g_assert_cmpint (after.cases, ==, before.cases);
  g_assert_cmpint (after.people, ==, before.people);
  g_assert_cmpint (after.events, ==, before.events);
  g_assert_cmpint (after.audit, ==, before.audit);
  g_assert_cmpint (after.search, ==, before.search);
  g_assert_cmpuint (changes.n, ==, 0);
  g_signal_handler_disconnect (f->store, handler);

  /* Nothing the caller holds claims to be saved. */
  g_assert_cmpint (rd_case_get_id (kase), ==, 0);
  g_assert_null (rd_case_get_reference (kase));
  g_assert_cmpint (rd_person_get_id (rd_case_get_subject (kase)), ==, 0);
  if (rd_case_get_representative (kase) != NULL)
    g_assert_cmpint (rd_person_get_id (rd_case_get_representative (kase)), ==, 0);
  for (guint i = 0; i < n_events; i++)
    {
      g_assert_cmpint (rd_case_event_get_id (events[i]), ==, 0);
      g_assert_cmpint (rd_case_event_get_case_id (events[i]), ==, 0);
    }
}

static void
test_add_case_with_events_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) existing = add_case (f->store, "2026-01-05", "Kate Lloyd");
  g_autoptr(RdPerson) subject = rd_person_new ("Rhodri Ellis");
  g_autoptr(RdPerson) representative = rd_person_new ("Nia Ellis");
  g_autoptr(RdCase) kase = rd_case_new ();
  g_autoptr(RdCaseEvent)
                 consent = rd_case_event_new ("consent-requested", rd_test_date ("2026-02-16"));
  g_autoptr(RdCaseEvent)
                 again = rd_case_event_new ("consent-requested", rd_test_date ("2026-02-16"));
  g_autoptr(RdCaseEvent)
                 identity = rd_case_event_new ("identity-requested", rd_test_date ("2026-02-16"));
  g_autoptr(RdCaseEvent)
                 early = rd_case_event_new ("identity-requested", rd_test_date ("2026-02-13"));
  RdCaseEvent *twice[] = { consent, again };
  RdCaseEvent *no_representative[] = { identity, consent };
  RdCaseEvent *before_receipt[] = { early };

  rd_case_set_received (kase, rd_test_date ("2026-02-16"));
  rd_case_set_subject (kase, subject);
  rd_case_set_representative (kase, representative, RD_AUTHORITY_WRITTEN_CONSENT);

  /* The second event is refused only because of the first: "already asked for". */
  assert_refused_leaves_nothing (f, kase, twice, G_N_ELEMENTS (twice), "already asked for");

  /* Consent asked for on a case with no representative: the first event was fine. */
  rd_case_set_representative (kase, NULL, NULL);
  assert_refused_leaves_nothing (f, kase, no_representative, G_N_ELEMENTS (no_representative),
                                 "No representative");

  /* Before the day of receipt. */
  assert_refused_leaves_nothing (f, kase, before_receipt, 1, "before the complaint was received");

  /* The same objects can then be saved once put right, and the store is still whole. */
  rd_case_set_representative (kase, representative, RD_AUTHORITY_WRITTEN_CONSENT);
  g_assert_true (rd_store_add_case_with_events (f->store, kase, twice, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_case_event_get_id (consent), >, 0);
  g_assert_true (rd_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
  (void) existing;
}

static JsonObject *
export_person (RdStore *store, gint64 person_id, RdStoreExportFlags flags, char **out_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (out);

  g_assert_true (rd_store_export_person_json (store, person_id, flags, out,
                                              rd_test_date ("2026-03-02"), NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  *out_text = g_strndup (g_memory_output_stream_get_data (memory),
                         g_memory_output_stream_get_data_size (memory));
  g_assert_true (json_parser_load_from_data (parser, *out_text, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Everything held about one person, for an access or portability request. */
static void
test_export_person (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) own = add_case (f->store, "2026-01-05", "Mererid Hopcyn");
  g_autoptr(RdCase) other = add_case (f->store, "2026-01-07", "Unrelated Person");
  g_autoptr(RdPerson) subject = rd_person_new ("Twm Siôn Cati");
  g_autoptr(RdCase) represented = rd_case_new ();
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonObject) with_content = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char   *text = NULL;
  g_autofree char   *content_text = NULL;
  g_autofree char   *sha256 = NULL;
  g_autofree guchar *decoded = NULL;
  static const char  letter[] = "Dear Clerk,\nI asked for my records on 1 December.\n";
  RdPerson          *person = rd_case_get_subject (own);
  gint64             person_id = rd_person_get_id (person);
  JsonObject        *exported_person, *first, *second, *document;
  JsonArray         *cases;
  RdAuditEntry      *last;
  gsize              decoded_length;
  guint64            n_audit;

  /* The same person represents someone else on a second case. */
  rd_person_set_address (subject, "1 Heol y Bont\nTregaron");
  rd_person_set_email (subject, "twm@example.net");
  rd_case_set_received (represented, rd_test_date ("2026-02-02"));
  rd_case_set_subject (represented, subject);
  rd_case_set_representative (represented, person, RD_AUTHORITY_WRITTEN_CONSENT);
  g_assert_true (rd_store_add_case (f->store, represented, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static (letter, strlen (letter));

    g_assert_cmpint (rd_store_add_document_from_bytes (f->store, rd_case_get_id (own),
                                                       "complaint.txt", "text/plain",
                                                       "correspondence", bytes, &error),
                     >, 0);
    g_assert_no_error (error);
  }
  n_audit = rd_store_count_audit_entries (f->store);

  root = export_person (f->store, person_id, RD_STORE_EXPORT_DEFAULT, &text);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "redress-person-export");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  exported_person = json_object_get_object_member (root, "person");
  g_assert_cmpint (json_object_get_int_member (exported_person, "id"), ==, person_id);
  g_assert_cmpstr (json_object_get_string_member (exported_person, "name"), ==, "Mererid Hopcyn");
  g_assert_cmpstr (json_object_get_string_member (exported_person, "postcode"), ==, "SW1A 1AA");
  g_assert_nonnull (json_object_get_string_member (exported_person, "created_at"));

  /* Both cases, oldest first, with the person's role; not the unrelated one. */
  cases = json_object_get_array_member (root, "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 2);
  first = json_array_get_object_element (cases, 0);
  second = json_array_get_object_element (cases, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "ref"), ==, rd_case_get_reference (own));
  g_assert_cmpstr (json_object_get_string_member (first, "role"), ==, "data-subject");
  g_assert_cmpstr (json_object_get_string_member (second, "ref"), ==,
                   rd_case_get_reference (represented));
  g_assert_cmpstr (json_object_get_string_member (second, "role"), ==, "representative");
  g_assert_true (json_object_has_member (first, "events"));
  g_assert_true (json_object_has_member (first, "deadlines"));
  g_assert_false (rd_test_contains (text, strlen (text), "Unrelated Person"));
  g_assert_false (rd_test_contains (text, strlen (text), rd_case_get_reference (other)));

  /* The other party by name and authority only, not their contact details. */
  {
    JsonObject *complainant = json_object_get_object_member (second, "complainant");
    JsonObject *representative = json_object_get_object_member (second, "representative");

    g_assert_cmpstr (json_object_get_string_member (complainant, "name"), ==, "Twm Siôn Cati");
    g_assert_true (json_object_get_boolean_member (complainant, "details_withheld"));
    g_assert_false (json_object_has_member (complainant, "email"));
    g_assert_cmpstr (json_object_get_string_member (representative, "name"), ==, "Mererid Hopcyn");
    g_assert_cmpstr (json_object_get_string_member (representative, "authority"), ==,
                     RD_AUTHORITY_WRITTEN_CONSENT);
    g_assert_false (rd_test_contains (text, strlen (text), "twm@example.net"));
    g_assert_false (rd_test_contains (text, strlen (text), "Heol y Bont"));
  }

  /* The audit entries about this person or their cases, oldest first; not the other case's. */
  {
    JsonArray       *trail = json_object_get_array_member (root, "audit");
    g_autofree char *own_create = g_strdup_printf (
        "case=%" G_GINT64_FORMAT " subject=%" G_GINT64_FORMAT, rd_case_get_id (own), person_id);
    g_autofree char *represented_create = g_strdup_printf (
        "case=%" G_GINT64_FORMAT " subject=%" G_GINT64_FORMAT " representative=%" G_GINT64_FORMAT,
        rd_case_get_id (represented), rd_person_get_id (subject), person_id);
    g_autofree char *this_export = g_strdup_printf ("person=%" G_GINT64_FORMAT " content=no",
                                                    person_id);
    g_autofree char *other_case = g_strdup_printf ("case=%" G_GINT64_FORMAT " ",
                                                   rd_case_get_id (other));
    const char      *expected[][2] = {
           { "case.create", own_create },
           { "case.create", represented_create },
           { "document.add", NULL },
           { "person.export", this_export },
    };
    gint64 last_id = 0;

    g_assert_nonnull (trail);
    g_assert_cmpuint (json_array_get_length (trail), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        JsonObject      *entry = json_array_get_object_element (trail, i);
        g_autofree char *computed = recompute_audit_hash (entry);
        const char      *records = json_object_get_string_member (entry, "records");

        g_assert_cmpint (json_object_get_int_member (entry, "id"), >, last_id);
        last_id = json_object_get_int_member (entry, "id");
        g_assert_cmpstr (json_object_get_string_member (entry, "action"), ==, expected[i][0]);
        if (expected[i][1] != NULL)
          g_assert_cmpstr (records, ==, expected[i][1]);
        g_assert_false (g_str_has_prefix (records, other_case));
        g_assert_cmpstr (json_object_get_string_member (entry, "hash"), ==, computed);
      }
  }

  /* Documents: metadata, with the SHA-256 of the bytes, and no content unless asked. */
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) letter,
                                        strlen (letter));
  document = json_array_get_object_element (json_object_get_array_member (first, "documents"), 0);
  g_assert_cmpstr (json_object_get_string_member (document, "name"), ==, "complaint.txt");
  g_assert_cmpstr (json_object_get_string_member (document, "media_type"), ==, "text/plain");
  g_assert_cmpint (json_object_get_int_member (document, "size"), ==, (gint64) strlen (letter));
  g_assert_cmpstr (json_object_get_string_member (document, "sha256"), ==, sha256);
  g_assert_false (json_object_has_member (document, "content_base64"));

  with_content = export_person (f->store, person_id, RD_STORE_EXPORT_DOCUMENT_CONTENT,
                                &content_text);
  first = json_array_get_object_element (json_object_get_array_member (with_content, "cases"), 0);
  document = json_array_get_object_element (json_object_get_array_member (first, "documents"), 0);
  decoded = g_base64_decode (json_object_get_string_member (document, "content_base64"),
                             &decoded_length);
  g_assert_cmpmem (decoded, decoded_length, letter, strlen (letter));
  g_assert_false (rd_test_contains (content_text, strlen (content_text), "@redress-content-"));

  /* Each export is on the audit trail, by id only. */
  audit = rd_store_list_audit_entries (f->store, (gint64) n_audit, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 2);
  last = g_ptr_array_index (audit, 0);
  g_assert_cmpstr (last->action, ==, "person.export");
  {
    g_autofree char *expected = g_strdup_printf ("person=%" G_GINT64_FORMAT " content=no",
                                                 person_id);
    g_assert_cmpstr (last->records, ==, expected);
  }
  g_assert_true (
      g_str_has_suffix (((RdAuditEntry *) g_ptr_array_index (audit, 1))->records, "content=yes"));

  /* No such person: an error, and nothing on the trail. */
  {
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

    g_assert_false (rd_store_export_person_json (f->store, 9999, RD_STORE_EXPORT_DEFAULT, out, NULL,
                                                 NULL, &error));
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpuint (rd_store_count_audit_entries (f->store), ==, n_audit + 2);
    g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, 0);
  }

  /* A restricted person can still have their data: exporting is not processing it further. */
  g_assert_true (rd_store_set_restricted (f->store, person_id, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&root, json_object_unref);
  root = export_person (f->store, person_id, RD_STORE_EXPORT_DEFAULT, &text);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (root, "person"),
                                                 "restricted"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/create-settings", test_create_settings);
  ADD ("/store/case-lifecycle", test_case_lifecycle);
  ADD ("/store/extension-refusal", test_extension_and_refusal);
  ADD ("/store/representative", test_representative);
  ADD ("/store/validation", test_validation);
  ADD ("/store/round-trip", test_round_trip);
  ADD ("/store/documents", test_documents);
  ADD ("/store/search-index", test_search_index);
  ADD ("/store/restriction", test_restriction);
  ADD ("/store/destruction", test_destruction);
  ADD ("/store/holidays", test_holidays);
  ADD ("/store/changed-signal", test_changed_signal);
  ADD ("/store/update-and-check", test_update_and_check);
  ADD ("/store/export-json", test_export_json);
  ADD ("/store/add-case-with-events", test_add_case_with_events);
  ADD ("/store/add-case-with-events-refused", test_add_case_with_events_refused);
  ADD ("/store/export-person", test_export_person);
#undef ADD

  return g_test_run ();
}
