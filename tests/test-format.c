/* test-format.c: the words the window uses for dates, deadlines and counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <stdio.h>

#include "rd-format.h"
#include "rd-rules.h"

static void
check_date (const char *iso, const char *expected_long, const char *expected_short)
{
  g_autofree char *text = NULL;
  g_autofree char *short_text = NULL;
  GDate            date;
  int              y, m, d;

  g_assert_cmpint (sscanf (iso, "%d-%d-%d", &y, &m, &d), ==, 3);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  text = rd_format_date (&date);
  short_text = rd_format_date_short (&date);
  g_assert_cmpstr (text, ==, expected_long);
  g_assert_cmpstr (short_text, ==, expected_short);
}

static void
test_format_date (void)
{
  /* Weekdays checked against a printed 2024–2027 calendar: 4 May 2026 is
   * the Early May bank holiday, a Monday; 29 February 2024 a Thursday;
   * Christmas Day 2026 and New Year's Day 2027 are Fridays. No leading
   * zero on the day, the month in full, no commas: the British form. */
  check_date ("2026-05-04", "Monday 4 May 2026", "4 May 2026");
  check_date ("2024-02-29", "Thursday 29 February 2024", "29 February 2024");
  check_date ("2026-12-25", "Friday 25 December 2026", "25 December 2026");
  check_date ("2027-01-01", "Friday 1 January 2027", "1 January 2027");
  check_date ("2026-06-21", "Sunday 21 June 2026", "21 June 2026");
  check_date ("2026-10-31", "Saturday 31 October 2026", "31 October 2026");
}

static void
test_format_due (void)
{
  struct
  {
    int         working_left;
    int         overdue;
    const char *text;
    RdUrgency   urgency;
    const char *css;
  } cases[] = {
    { 0, 0, "due today", RD_URGENCY_TODAY, "due-today" },
    { 1, 0, "due in 1 working day", RD_URGENCY_SOON, "due-soon" },
    { 3, 0, "due in 3 working days", RD_URGENCY_SOON, "due-soon" },
    { 5, 0, "due in 5 working days", RD_URGENCY_SOON, "due-soon" },
    { 6, 0, "due in 6 working days", RD_URGENCY_LATER, "due-later" },
    { 0, 1, "overdue by 1 day", RD_URGENCY_OVERDUE, "overdue" },
    { 0, 2, "overdue by 2 days", RD_URGENCY_OVERDUE, "overdue" },
    { 0, 400, "overdue by 400 days", RD_URGENCY_OVERDUE, "overdue" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rd_format_due (cases[i].working_left, cases[i].overdue);
      RdUrgency        urgency = rd_format_urgency (cases[i].working_left, cases[i].overdue);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpint (urgency, ==, cases[i].urgency);
      g_assert_cmpstr (rd_format_urgency_css_class (urgency), ==, cases[i].css);
    }
  g_assert_null (rd_format_urgency_css_class (RD_URGENCY_NONE));
}

static void
test_format_count (void)
{
  g_autofree char *none = rd_format_case_count (0);
  g_autofree char *one = rd_format_case_count (1);
  g_autofree char *many = rd_format_case_count (100000);

  g_assert_cmpstr (none, ==, "0 cases");
  g_assert_cmpstr (one, ==, "1 case");
  g_assert_cmpstr (many, ==, "100000 cases");
}

static RdCalendar *
shipped_calendar (void)
{
  g_autofree char *path = g_build_filename (g_test_get_dir (G_TEST_DIST), "..", "data",
                                            "bank-holidays.json", NULL);
  g_autofree char *data = NULL;
  gsize            length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdHolidays) holidays = NULL;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  holidays = rd_holidays_new_from_json (data, length, &error);
  g_assert_no_error (error);

  return rd_calendar_new (holidays, RD_DIVISION_ENGLAND_AND_WALES);
}

static void
test_format_next_due (void)
{
  g_autoptr(RdCalendar) calendar = shipped_calendar ();
  struct
  {
    const char *today;
    const char *due;
    const char *text;
    RdUrgency   urgency;
  } cases[] = {
    /* Over Christmas 2026 in England and Wales (GOV.UK): Christmas Day is
     * Friday 25 December and Boxing Day's substitute Monday 28 December, so
     * from Wednesday 23rd to Tuesday 29th only the 24th and 29th count. */
    { "2026-12-23", "2026-12-29", "due in 2 working days", RD_URGENCY_SOON },
    /* Summer bank holiday, Monday 31 August 2026: Friday to Tuesday is 1. */
    { "2026-08-28", "2026-09-01", "due in 1 working day", RD_URGENCY_SOON },
    { "2026-07-06", "2026-07-06", "due today", RD_URGENCY_TODAY },
    /* Overdue is counted in calendar days: 29 June to 6 July is 7. */
    { "2026-07-06", "2026-06-29", "overdue by 7 days", RD_URGENCY_OVERDUE },
    { "2026-07-06", "2026-08-06", "due in 23 working days", RD_URGENCY_LATER },
    { "2026-07-06", NULL, "nothing due", RD_URGENCY_NONE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      GDate            today, due;
      RdUrgency        urgency;

      g_assert_true (rd_date_parse_iso (cases[i].today, &today, NULL));
      if (cases[i].due != NULL)
        g_assert_true (rd_date_parse_iso (cases[i].due, &due, NULL));
      text = rd_format_next_due (cases[i].due != NULL ? &due : NULL, calendar, &today, &urgency);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpint (urgency, ==, cases[i].urgency);
    }
}

static void
test_format_words (void)
{
  GDate            date;
  g_autofree char *post = NULL;
  g_autofree char *email = NULL;
  g_autofree char *unknown = NULL;

  g_assert_cmpstr (rd_format_authority ("power-of-attorney"), ==, "power of attorney");
  g_assert_cmpstr (rd_format_authority ("written-consent"), ==, "written consent");
  g_assert_cmpstr (rd_format_authority (NULL), ==, "authority not given");
  g_assert_cmpstr (rd_format_document_kind ("consent"), ==, "Written consent");
  g_assert_cmpstr (rd_format_document_kind ("evidence"), ==, "Evidence");

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 4, 5, 2026);
  post = rd_format_received (&date, "post");
  email = rd_format_received (&date, "email");
  unknown = rd_format_received (&date, NULL);
  g_assert_cmpstr (post, ==, "Received Monday 4 May 2026 by post");
  g_assert_cmpstr (email, ==, "Received Monday 4 May 2026 by e-mail");
  g_assert_cmpstr (unknown, ==, "Received Monday 4 May 2026");

  g_assert_cmpstr (rd_format_status ("awaiting-identity"), ==,
                   rd_status_get_label (RD_STATUS_AWAITING_IDENTITY));

  /* Views: ids round-trip, each has a label and an empty text. */
  for (RdView view = 0; view < RD_VIEW_N; view++)
    {
      RdView back;

      g_assert_true (rd_view_from_id (rd_view_to_id (view), &back));
      g_assert_cmpint (back, ==, view);
      g_assert_nonnull (rd_view_get_label (view));
      g_assert_nonnull (rd_view_get_empty_text (view));
    }
  g_assert_cmpstr (rd_view_get_label (RD_VIEW_WITH_ICO), ==, "With the ICO");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/date", test_format_date);
  g_test_add_func ("/format/due", test_format_due);
  g_test_add_func ("/format/count", test_format_count);
  g_test_add_func ("/format/next-due", test_format_next_due);
  g_test_add_func ("/format/words", test_format_words);

  return g_test_run ();
}
