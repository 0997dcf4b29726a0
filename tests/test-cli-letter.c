/* test-cli-letter.c: “redress-cli letter”, run as a clerk would run it.
 *
 * The store is made through the model's API; the letters through the
 * binary. Dates: received Wednesday 1 July 2026, respond one calendar month
 * later, 1 August 2026 being a Saturday: Monday 3 August 2026.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <signal.h>
#endif

#include "rd-model.h"

typedef struct
{
  char *dir;
  char *store_path;
  char *reference;
} Fixture;

typedef struct
{
  int   status;
  char *err;
} Run;

static Run
run_command (Fixture *fixture, const char *command, const char *first, va_list args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  g_ptr_array_add (argv, (char *) REDRESS_CLI_PATH);
  g_ptr_array_add (argv, (char *) "--store");
  g_ptr_array_add (argv, fixture->store_path);
  g_ptr_array_add (argv, (char *) command);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &run.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run.status = g_subprocess_get_exit_status (process);
  return run;
}

static Run
run_cli (Fixture *fixture, const char *first, ...)
{
  va_list args;
  Run     run;

  va_start (args, first);
  run = run_command (fixture, "letter", first, args);
  va_end (args);
  return run;
}

static Run
run_template (Fixture *fixture, const char *first, ...)
{
  va_list args;
  Run     run;

  va_start (args, first);
  run = run_command (fixture, "letter-template", first, args);
  va_end (args);
  return run;
}

static Run
run_bundle (Fixture *fixture, const char *first, ...)
{
  va_list args;
  Run     run;

  va_start (args, first);
  run = run_command (fixture, "bundle", first, args);
  va_end (args);
  return run;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(RdPerson) subject = NULL;
  GDate received, today;

  fixture->dir = g_dir_make_tmp ("rd-cli-letter-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store_path = g_build_filename (fixture->dir, "store.redress", NULL);
  store = rd_store_open (fixture->store_path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH,
                         &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_SEPTEMBER, 2026);
  rd_store_set_today (store, &today);
  g_assert_true (rd_store_set_setting (store, RD_SETTING_NAME, "Llanfair Town Council", &error));
  g_assert_true (rd_store_set_setting (store, RD_SETTING_ADDRESS, "Town Hall\nLlanfair", &error));
  g_assert_true (rd_store_set_setting (store, RD_SETTING_CLERK, "Alex Morgan", &error));

  subject = rd_person_new ("Siôn Ŵyn Llŷr");
  rd_person_set_address (subject, "14 Heol y Frenhines\nLlandeilo");
  rd_person_set_postcode (subject, "SA19 6AA");
  rd_person_set_language (subject, "cy");
  kase = rd_case_new ();
  g_date_clear (&received, 1);
  g_date_set_dmy (&received, 1, G_DATE_JULY, 2026);
  rd_case_set_received (kase, &received);
  rd_case_set_channel (kase, "post");
  rd_case_set_subject (kase, subject);
  g_assert_true (rd_store_add_case (store, kase, &error));
  g_assert_no_error (error);
  fixture->reference = g_strdup (rd_case_get_reference (kase));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->store_path);
  g_free (fixture->reference);
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
  GString         *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage     *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_strdelimit (page_text, "\n", ' ');
      g_string_append_printf (text, "%s ", page_text);
      g_object_unref (page);
    }
  g_object_unref (document);
  return g_string_free (text, FALSE);
}

static void
test_letter (Fixture *fixture, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "ack.pdf", NULL);
  g_autofree char *text = NULL;
  Run              run;

  /* The complainant asked for Welsh: that is the default. */
  run = run_cli (fixture, fixture->reference, "acknowledgement", "--on", "2026-09-01", "-o", out,
                 NULL);
  /* Dated 1 September, it names the answer's date, 3 August, already past:
   * made, with a warning (and no other message of ours). */
  g_assert_nonnull (strstr (run.err, "redress-cli: warning:"));
  g_assert_nonnull (strstr (run.err, "Dydd Llun 3 Awst 2026"));
  g_assert_null (strstr (run.err, "redress-cli: error"));
  g_assert_cmpint (run.status, ==, 0);
  text = pdf_text (out);
  g_assert_nonnull (strstr (text, "Siôn Ŵyn Llŷr"));
  g_assert_nonnull (strstr (text, fixture->reference));
  g_assert_nonnull (strstr (text, "Dydd Llun 3 Awst 2026"));
  g_assert_nonnull (strstr (text, "Dydd Mawrth 1 Medi 2026"));
  g_free (run.err);
  g_clear_pointer (&text, g_free);

  /* --language en overrides it. */
  run = run_cli (fixture, fixture->reference, "acknowledgement", "--language", "en",
                 "--large-print", "--on", "2026-09-01", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = pdf_text (out);
  g_assert_nonnull (strstr (text, "Monday 3 August 2026"));
  g_free (run.err);
}

static void
test_refused_with_reason (Fixture *fixture, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "outcome.pdf", NULL);
  Run              run;

  /* No outcome is recorded: the letter is refused, and no file is made. */
  run = run_cli (fixture, fixture->reference, "outcome", "--on", "2026-09-01", "-o", out, NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "No outcome is recorded yet"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_free (run.err);
}

/*
 * An acknowledgement dated 22 November 2026 for a complaint received on
 * 1 July 2026 promises an answer by Monday 3 August 2026, already past: the
 * letter is made, with a warning on stderr. Dated 2 July, no warning.
 */
static void
test_past_deadline_warning (Fixture *fixture, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "late.pdf", NULL);
  Run              run;

  run = run_cli (fixture, fixture->reference, "acknowledgement", "--language", "en", "--date",
                 "2026-11-22", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (run.err, "redress-cli: warning:"));
  g_assert_nonnull (strstr (run.err, "Monday 3 August 2026"));
  g_assert_nonnull (strstr (run.err, "already past on the letter’s date, Sunday 22 November 2026"));
  g_free (run.err);

  run = run_cli (fixture, fixture->reference, "acknowledgement", "--language", "en", "--date",
                 "2026-07-02", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.err, "redress-cli:"));
  g_free (run.err);

  /* --date and --on are one option: two different dates are refused. */
  run = run_cli (fixture, fixture->reference, "acknowledgement", "--date", "2026-07-02", "--on",
                 "2026-07-03", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_free (run.err);
}

/*
 * The QA case: a 200-character name and eight lines of address with the
 * postcode as well cannot all show through the window: refused with the
 * reason, and no file (it used to drop the last line and the postcode).
 */
static void
test_address_too_long (Fixture *fixture, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "long.pdf", NULL);
  g_autoptr(GError) error = NULL;
  GString *name = g_string_new (NULL);
  Run      run;

  {
    g_autoptr(RdStore) store = rd_store_open (fixture->store_path, RD_STORE_OPEN_NO_WATCH, &error);
    g_autoptr(RdCase) kase = NULL;
    RdPerson *subject;

    g_assert_no_error (error);
    kase = rd_store_find_case (store, fixture->reference, &error);
    g_assert_no_error (error);
    while (name->len < 200)
      g_string_append (name, "Gwenllian Ap-Rhys ");
    g_string_truncate (name, 200);
    subject = rd_case_get_subject (kase);
    rd_person_set_name (subject, name->str);
    rd_person_set_address (subject, "Line 1\nLine 2\nLine 3\nLine 4\nLine 5\nLine 6\nLine 7\n"
                                    "Line 8");
    rd_person_set_postcode (subject, "CF10 3NQ");
    g_assert_true (rd_store_update_person (store, subject, &error));
    g_assert_no_error (error);
  }
  g_string_free (name, TRUE);

  run = run_cli (fixture, fixture->reference, "acknowledgement", "--on", "2026-09-01", "-o", out,
                 NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "too many lines to show through the envelope window"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_free (run.err);
}

/*
 * An outcome recorded with only a timeline note: the outcome letter is
 * refused, saying how to give the findings; given with --summary, the
 * letter has them, and never the note.
 */
static void
test_outcome_summary (Fixture *fixture, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "outcome.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  Run run;

  {
    g_autoptr(RdStore) store = rd_store_open (fixture->store_path, RD_STORE_OPEN_NO_WATCH, &error);
    g_autoptr(RdCase) kase = NULL;
    g_autoptr(RdCaseEvent) event = NULL;
    GDate on;

    g_assert_no_error (error);
    kase = rd_store_find_case (store, fixture->reference, &error);
    g_assert_no_error (error);
    g_date_clear (&on, 1);
    g_date_set_dmy (&on, 20, G_DATE_JULY, 2026);
    event = rd_case_event_new ("outcome-sent", &on);
    rd_case_event_set_detail (event, RD_DETAIL_OUTCOME, "upheld");
    rd_case_event_set_note (event, "Outcome letter");
    g_assert_cmpint (rd_store_add_event (store, rd_case_get_id (kase), event, &error), >, 0);
    g_assert_no_error (error);
  }

  run = run_cli (fixture, fixture->reference, "outcome", "--language", "en", "--on", "2026-07-20",
                 "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "recorded without a summary"));
  g_assert_nonnull (strstr (run.err, " outcome --summary TEXT"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_free (run.err);

  run = run_cli (fixture, fixture->reference, "outcome", "--language", "en", "--on", "2026-07-20",
                 "--summary", "We kept the footage too long.", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = pdf_text (out);
  g_assert_nonnull (strstr (text, "We kept the footage too long."));
  g_assert_null (strstr (text, "Outcome letter"));
  g_assert_null (strstr (text, "["));
  g_free (run.err);

  /* --summary is not for other letters. */
  run = run_cli (fixture, fixture->reference, "acknowledgement", "--summary", "x", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_free (run.err);
}

static void
test_usage (Fixture *fixture, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "x.pdf", NULL);
  Run              run;

  run = run_cli (fixture, fixture->reference, "apology", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "“apology” is not a letter type"));
  g_free (run.err);

  run = run_cli (fixture, fixture->reference, "outcome", "--language", "fr", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_free (run.err);

  run = run_cli (fixture, fixture->reference, "outcome", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "-o FILE.pdf"));
  g_free (run.err);

  run = run_cli (fixture, "DPC-1999-9999", "acknowledgement", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_free (run.err);
}

static void
test_calibration_sheet (Fixture *fixture, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "calibration.pdf", NULL);
  g_autofree char *text = NULL;
  Run              run;

  run = run_cli (fixture, "--calibration-sheet", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = pdf_text (out);
  g_assert_nonnull (strstr (text, "Calibration sheet"));
  g_free (run.err);
}

static void
test_template_override (Fixture *fixture, gconstpointer data)
{
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.txt", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.txt", NULL);
  g_autofree char *good = g_build_filename (fixture->dir, "good.txt", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "ack.pdf", NULL);
  g_autofree char *text = NULL;
  Run              run;

  g_assert_true (g_file_set_contents (
      bad, "Annwyl {recipient.name},\nErbyn {deadline.respond}: {case.reff}\n", -1, NULL));
  g_assert_true (g_file_set_contents (missing, "Annwyl {recipient.name},\nDiolch.\n", -1, NULL));
  g_assert_true (g_file_set_contents (
      good, "Subject: Diolch\nAnnwyl {recipient.name},\nEin hateb erbyn {deadline.respond}.\n", -1,
      NULL));

  /* An unknown field and a missing one: refused, naming the field. */
  run = run_template (fixture, "acknowledgement", "--language", "cy", "--set", bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "{case.reff}"));
  g_free (run.err);
  run = run_template (fixture, "acknowledgement", "--language", "cy", "--set", missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "{deadline.respond}"));
  g_free (run.err);

  /* A good one is kept and used. */
  run = run_template (fixture, "acknowledgement", "--language", "cy", "--set", good, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_free (run.err);
  run = run_cli (fixture, fixture->reference, "acknowledgement", "--on", "2026-09-01", "-o", out,
                 NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = pdf_text (out);
  g_assert_nonnull (strstr (text, "Ein hateb erbyn Dydd Llun 3 Awst 2026."));
  g_free (run.err);

  /* Reset: the shipped wording again. */
  run = run_template (fixture, "acknowledgement", "--language", "cy", "--reset", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_free (run.err);
  run = run_cli (fixture, fixture->reference, "acknowledgement", "--on", "2026-09-01", "-o", out,
                 NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&text, g_free);
  text = pdf_text (out);
  g_assert_null (strstr (text, "Ein hateb erbyn"));
  g_assert_nonnull (strstr (text, "Diolch am eich cwyn."));
  g_free (run.err);
}

/* QA: a missing folder was reported with the temporary name
 * ".x.pdf.6c9756ca.part"; the folder as given is named instead. */
static void
test_missing_folder (Fixture *fixture, gconstpointer data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "no such folder", NULL);
  g_autofree char *out = g_build_filename (folder, "x.pdf", NULL);
  g_autofree char *expected = g_strdup_printf ("redress-cli: The folder “%s” does not exist.\n",
                                               folder);
  Run              run;

  run = run_cli (fixture, fixture->reference, "acknowledgement", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, expected);
  g_free (run.err);

  run = run_bundle (fixture, fixture->reference, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, expected);
  g_free (run.err);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

#ifdef G_OS_UNIX
/* Anything in the fixture's folder whose name holds "out.pdf" (the bundle
 * or its hidden ".out.pdf.XXXX.part"). */
static guint
count_outputs (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;
  guint       n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, "out.pdf") != NULL)
      n++;
  return n;
}

/* QA: SIGINT to redress-cli during "bundle" killed it and left the .part
 * file, or the bundle was written and saved to the case anyway. Expected:
 * the helper cancels, removes its temporary file, saves nothing, says
 * "Stopped; no bundle was written." and redress-cli exits with 1 (a
 * failure, rd-cli-private.h). The signal goes to redress-cli only (as
 * kill -INT <pid> does); the helper hears of it from redress-cli. */
static void
test_bundle_interrupted (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "out.pdf", NULL);
  g_autofree char *first = NULL;
  g_autofree char *rest = NULL;
  GString         *text = g_string_new (NULL);

  /* Ten long text documents: the build takes seconds, so it is still going
   * when the signal comes. */
  for (int i = 0; i < 2000; i++)
    g_string_append_printf (text, "Line %d of a long statement, with words enough to fill it.\n",
                            i);
  store = rd_store_open (fixture->store_path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  kase = rd_store_find_case (store, fixture->reference, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("statement-%d.txt", i);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
      g_assert_cmpint (rd_store_add_document_from_file (store, rd_case_get_id (kase), file,
                                                        RD_DOCUMENT_KIND_EVIDENCE, NULL, &error),
                       >, 0);
      g_assert_no_error (error);
    }
  g_string_free (text, TRUE);
  g_clear_object (&store);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, REDRESS_CLI_PATH, "--store", fixture->store_path, "bundle",
                              fixture->reference, "-o", out, NULL);
  g_assert_no_error (error);
  /* The first progress line: the helper is at work, its handler in place. */
  lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  first = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_nonnull (strstr (first, "%"));
  g_subprocess_send_signal (process, SIGINT);
  rest = g_data_input_stream_read_upto (lines, "", 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (rest);
  g_assert_nonnull (strstr (rest, "redress-cli: Stopped; no bundle was written.\n"));
  g_assert_cmpuint (count_outputs (fixture), ==, 0);

  store = rd_store_open (fixture->store_path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  documents = rd_store_list_documents (store, rd_case_get_id (kase), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 10);
}
#endif

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-letter/letter", Fixture, NULL, fixture_set_up, test_letter, fixture_tear_down);
  g_test_add ("/cli-letter/refused-with-reason", Fixture, NULL, fixture_set_up,
              test_refused_with_reason, fixture_tear_down);
  g_test_add ("/cli-letter/past-deadline-warning", Fixture, NULL, fixture_set_up,
              test_past_deadline_warning, fixture_tear_down);
  g_test_add ("/cli-letter/address-too-long", Fixture, NULL, fixture_set_up, test_address_too_long,
              fixture_tear_down);
  g_test_add ("/cli-letter/outcome-summary", Fixture, NULL, fixture_set_up, test_outcome_summary,
              fixture_tear_down);
  g_test_add ("/cli-letter/usage", Fixture, NULL, fixture_set_up, test_usage, fixture_tear_down);
  g_test_add ("/cli-letter/template-override", Fixture, NULL, fixture_set_up,
              test_template_override, fixture_tear_down);
  g_test_add ("/cli-letter/calibration-sheet", Fixture, NULL, fixture_set_up,
              test_calibration_sheet, fixture_tear_down);

  g_test_add ("/cli-letter/missing-folder", Fixture, NULL, fixture_set_up, test_missing_folder,
              fixture_tear_down);
#ifdef G_OS_UNIX
  g_test_add ("/cli-letter/bundle-interrupted", Fixture, NULL, fixture_set_up,
              test_bundle_interrupted, fixture_tear_down);
#endif

  return g_test_run ();
}
