/* test-cli-deadline.c: “redress-cli deadline”, run as a clerk would run it.
 *
 * Expected dates worked out by hand from GOV.UK's holiday lists (see
 * test-calendar.c for the working of each).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/deadline/dates", test_dates);
  g_test_add_func ("/cli/deadline/incomplete", test_incomplete);
  g_test_add_func ("/cli/deadline/refusals", test_refusals);

  return g_test_run ();
}
