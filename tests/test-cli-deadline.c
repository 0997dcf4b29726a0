/* test-cli-deadline.c: “redress-cli deadline”, run as a clerk would run it.
 *
 * Expected dates worked out by hand from GOV.UK's holiday lists (see
 * test-calendar.c for the working of each).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static Run
run_cli (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run     run = { 0 };
  va_list args;

  g_ptr_array_add (argv, (char *) REDRESS_CLI_PATH);
  g_ptr_array_add (argv, (char *) "deadline");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run.out, &run.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run.status = g_subprocess_get_exit_status (process);
  return run;
}

static void
assert_due (Run run, const char *expected)
{
  g_autofree char *line = g_strconcat (expected, "\n", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, line);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);
}

static void
assert_refused (Run run, const char *message)
{
  g_autofree char *line = g_strconcat ("redress-cli: ", message, "\n", NULL);

  g_assert_cmpint (run.status, !=, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, line);
  run_clear (&run);
}

static void
test_dates (void)
{
  /* A Saturday before the Spring bank holiday Monday → Tuesday 26 May. */
  assert_due (run_cli ("--from", "2026-04-23", "--months", "1", NULL), "2026-05-26");
  /* ICO: 31 March → 30 April. */
  assert_due (run_cli ("--from", "2024-03-31", "--months", "1", NULL), "2024-04-30");
  /* 31 January 2024 → 29 February (leap year). */
  assert_due (run_cli ("--from", "2024-01-31", "--months", "1", NULL), "2024-02-29");
  /* Five working days from the day after Monday 5 January 2026. */
  assert_due (run_cli ("--from", "2026-01-05", "--working-days", "5", NULL), "2026-01-12");
  /* Christmas: 2 January is a working day in England, a holiday in Scotland. */
  assert_due (run_cli ("--from", "2025-12-23", "--working-days", "5", NULL), "2026-01-02");
  assert_due (
      run_cli ("--from", "2025-12-23", "--working-days", "5", "--division", "scotland", NULL),
      "2026-01-05");
  /* Scotland's World Cup bank holiday, Northern Ireland's Boyne substitute. */
  assert_due (run_cli ("--from", "2026-05-15", "--months", "1", NULL), "2026-06-15");
  assert_due (run_cli ("--from", "2026-05-15", "--months", "1", "--division", "scotland", NULL),
              "2026-06-16");
  assert_due (
      run_cli ("--from", "2026-06-13", "--months", "1", "--division", "england-and-wales", NULL),
      "2026-07-13");
  assert_due (
      run_cli ("--from", "2026-06-13", "--months", "1", "--division", "northern-ireland", NULL),
      "2026-07-14");
  /* The options in any order, and the = form. */
  assert_due (run_cli ("--months=3", "--division=scotland", "--from=2026-01-05", NULL),
              "2026-04-06");
  /* Zero: the day itself, moved to a working day. */
  assert_due (run_cli ("--from", "2026-01-03", "--months", "0", NULL), "2026-01-05");
}

static void
test_incomplete (void)
{
  Run run = run_cli ("--from", "2028-12-15", "--months", "1", NULL);

  /* The date, and on stderr, the doubt about it. */
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "2029-01-15\n");
  g_assert_cmpstr (run.err, ==,
                   "redress-cli: Warning: the bank holiday data does not cover every year this "
                   "date touches, so it may be too early.\n");
  run_clear (&run);

  /* The last day allowed: 31 Dec 8999 is a Tuesday (as 31 Dec 999, 8000
   * years and so twenty 400-year cycles earlier), with no holiday data. */
  run = run_cli ("--from", "8999-12-31", "--months", "0", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "8999-12-31\n");
  g_assert_true (g_str_has_prefix (run.err, "redress-cli: Warning:"));
  run_clear (&run);
}

static void
test_refusals (void)
{
  assert_refused (run_cli ("--from", "2026-02-30", "--months", "1", NULL),
                  "“2026-02-30” is not a real day of the calendar.");
  assert_refused (run_cli ("--from", "30/01/2026", "--months", "1", NULL),
                  "“30/01/2026” is not a date: write it as YYYY-MM-DD, for example 2026-05-04.");
  assert_refused (run_cli ("--months", "1", NULL), "Give the start date with --from YYYY-MM-DD.");
  /* "Before the year 9000" means what it says (9000 itself was let through). */
  assert_refused (run_cli ("--from", "9000-01-01", "--months", "1", NULL),
                  "--from must be a date before the year 9000.");
  assert_refused (run_cli ("--from", "2026-01-05", "--working-days", "-1", NULL),
                  "--working-days takes a whole number from 0 to 5000, not “-1”.");
  assert_refused (run_cli ("--from", "2026-01-05", "--months", "-2", NULL),
                  "--months takes a whole number from 0 to 1200, not “-2”.");
  assert_refused (run_cli ("--from", "2026-01-05", "--months", "one", NULL),
                  "--months takes a whole number from 0 to 1200, not “one”.");
  assert_refused (run_cli ("--from", "2026-01-05", "--months", "+1", NULL),
                  "--months takes a whole number from 0 to 1200, not “+1”.");
  assert_refused (run_cli ("--from", "2026-01-05", "--working-days", "5001", NULL),
                  "--working-days takes a whole number from 0 to 5000, not “5001”.");
  assert_refused (run_cli ("--from", "2026-01-05", "--months", "1", "--division", "wales", NULL),
                  "“wales” is not a division: use england-and-wales, scotland or "
                  "northern-ireland.");
  assert_refused (run_cli ("--from", "2026-01-05", "--months", "1", "--working-days", "5", NULL),
                  "Give exactly one of --working-days N or --months N.");
  assert_refused (run_cli ("--from", "2026-01-05", NULL),
                  "Give exactly one of --working-days N or --months N.");
  assert_refused (run_cli ("--from", "2026-01-05", "--months", "1", "extra", NULL),
                  "“deadline” takes no arguments besides its options: “extra” is not one.");
}

/* Runs redress-cli with @env_store as $REDRESS_STORE (NULL: unset) and the arguments. */
static Run
run_with_env (const char *env_store, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run     run = { 0 };
  va_list args;

  g_ptr_array_add (argv, (char *) REDRESS_CLI_PATH);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (env_store != NULL)
    g_subprocess_launcher_setenv (launcher, "REDRESS_STORE", env_store, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "REDRESS_STORE");
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run.out, &run.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run.status = g_subprocess_get_exit_status (process);
  return run;
}

/*
 * GOV.UK's file as a clerk might load a newer copy of it: 2026's first
 * holidays, and in England and Wales a one-off bank holiday on Monday
 * 1 June 2026 that the copy built into Redress does not have (as the
 * coronation's 8 May 2023 was added to GOV.UK's file in November 2022).
 * Each division has January and December, so that 2026 counts as covered;
 * 26 December 2026 is a Saturday, so Boxing Day moves to Monday 28th.
 */
static const char newer_holidays[] =
    "{\"england-and-wales\": {\"division\": \"england-and-wales\", \"events\": ["
    "{\"title\": \"New Year’s Day\", \"date\": \"2026-01-01\", \"notes\": \"\", \"bunting\": true},"
    "{\"title\": \"Good Friday\", \"date\": \"2026-04-03\", \"notes\": \"\", \"bunting\": false},"
    "{\"title\": \"Easter Monday\", \"date\": \"2026-04-06\", \"notes\": \"\", \"bunting\": true},"
    "{\"title\": \"Early May bank holiday\", \"date\": \"2026-05-04\", \"notes\": \"\", "
    "\"bunting\": true},"
    "{\"title\": \"Spring bank holiday\", \"date\": \"2026-05-25\", \"notes\": \"\", "
    "\"bunting\": true},"
    "{\"title\": \"Extra bank holiday\", \"date\": \"2026-06-01\", \"notes\": \"\", "
    "\"bunting\": true},"
    "{\"title\": \"Christmas Day\", \"date\": \"2026-12-25\", \"notes\": \"\", \"bunting\": true},"
    "{\"title\": \"Boxing Day\", \"date\": \"2026-12-28\", \"notes\": \"Substitute day\", "
    "\"bunting\": true}]},"
    "\"scotland\": {\"division\": \"scotland\", \"events\": ["
    "{\"title\": \"New Year’s Day\", \"date\": \"2026-01-01\", \"notes\": \"\", \"bunting\": true},"
    "{\"title\": \"2nd January\", \"date\": \"2026-01-02\", \"notes\": \"\", \"bunting\": true},"
    "{\"title\": \"Christmas Day\", \"date\": \"2026-12-25\", \"notes\": \"\", \"bunting\": true},"
    "{\"title\": \"Boxing Day\", \"date\": \"2026-12-28\", \"notes\": \"Substitute day\", "
    "\"bunting\": true}]},"
    "\"northern-ireland\": {\"division\": \"northern-ireland\", \"events\": ["
    "{\"title\": \"New Year’s Day\", \"date\": \"2026-01-01\", \"notes\": \"\", "
    "\"bunting\": true},"
    "{\"title\": \"Christmas Day\", \"date\": \"2026-12-25\", \"notes\": \"\", \"bunting\": true},"
    "{\"title\": \"Boxing Day\", \"date\": \"2026-12-28\", \"notes\": \"Substitute day\", "
    "\"bunting\": true}]}}";

static void
test_store_holidays (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("redress-test-cli-deadline-XXXXXX", &error);
  g_autofree char *store = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *file = NULL;
  Run              run;

  g_assert_no_error (error);
  store = g_build_filename (dir, "council.redress", NULL);
  missing = g_build_filename (dir, "no-such.redress", NULL);
  file = g_build_filename (dir, "bank-holidays.json", NULL);
  g_assert_true (g_file_set_contents (file, newer_holidays, -1, NULL));

  /* Thursday 28 May 2026 + 5 working days: Fri 29, Mon 1, Tue 2, Wed 3, Thu 4 June, with
   * the built-in holidays, and one day later once 1 June is a holiday. */
  assert_due (run_cli ("--from", "2026-05-28", "--working-days", "5", NULL), "2026-06-04");

  run = run_with_env (NULL, "--store", store, "init", "--council", "Test Town Council", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  /* A store with no holidays loaded: the built-in copy. */
  assert_due (run_with_env (NULL, "--store", store, "deadline", "--from", "2026-05-28",
                            "--working-days", "5", NULL),
              "2026-06-04");

  /* This file covers 2026 only, fewer years than the built-in copy: refused unless --force. */
  run = run_with_env (NULL, "--store", store, "holidays", "load", file, NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);
  run = run_with_env (NULL, "--store", store, "holidays", "load", file, "--force", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  /* The store's copy, by --store and by $REDRESS_STORE. */
  assert_due (run_with_env (NULL, "--store", store, "deadline", "--from", "2026-05-28",
                            "--working-days", "5", NULL),
              "2026-06-05");
  assert_due (run_with_env (store, "deadline", "--from", "2026-05-28", "--working-days", "5", NULL),
              "2026-06-05");
  /* A store that does not exist: the built-in copy, and no store is made. */
  assert_due (run_with_env (NULL, "--store", missing, "deadline", "--from", "2026-05-28",
                            "--working-days", "5", NULL),
              "2026-06-04");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  /* The default store is not looked for: only one named on purpose. */
  assert_due (run_with_env (NULL, "deadline", "--from", "2026-05-28", "--working-days", "5", NULL),
              "2026-06-04");

  /* The council's division, unless --division says otherwise: Friday 2 January 2026 is a
   * holiday in Scotland only, so one working day from 1 January is Monday 5 January there. */
  run = run_with_env (NULL, "--store", store, "council", "set", "division", "scotland", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  assert_due (run_with_env (NULL, "--store", store, "deadline", "--from", "2026-01-01",
                            "--working-days", "1", NULL),
              "2026-01-05");
  assert_due (run_with_env (NULL, "--store", store, "deadline", "--from", "2026-01-01",
                            "--working-days", "1", "--division", "england-and-wales", NULL),
              "2026-01-02");

  /* A file named as the store that is not one: said, not passed over. */
  g_assert_true (g_file_set_contents (missing, "not a store\n", -1, NULL));
  run = run_with_env (NULL, "--store", missing, "deadline", "--from", "2026-05-28",
                      "--working-days", "5", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "redress-cli: "));
  run_clear (&run);

  g_unlink (missing);
  g_unlink (file);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *path = g_strconcat (store, suffixes[i], NULL);
        g_unlink (path);
      }
  }
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/deadline/dates", test_dates);
  g_test_add_func ("/cli/deadline/incomplete", test_incomplete);
  g_test_add_func ("/cli/deadline/refusals", test_refusals);
  g_test_add_func ("/cli/deadline/store-holidays", test_store_holidays);

  return g_test_run ();
}
