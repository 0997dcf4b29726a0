/* test-format.c: the words the window uses for dates, deadlines and counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <stdio.h>

#include "rd-format.h"

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/date", test_format_date);
  g_test_add_func ("/format/due", test_format_due);
  g_test_add_func ("/format/count", test_format_count);

  return g_test_run ();
}
