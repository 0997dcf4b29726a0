/* test-date.c: ISO dates in and out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-date.h"

static void
test_parse_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GDate            date;

  g_assert_true (rd_date_parse_iso ("2024-02-29", &date, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_date_get_year (&date), ==, 2024);
  g_assert_cmpuint (g_date_get_month (&date), ==, G_DATE_FEBRUARY);
  g_assert_cmpuint (g_date_get_day (&date), ==, 29);

  text = rd_date_to_iso (&date);
  g_assert_cmpstr (text, ==, "2024-02-29");
}

static void
test_parse_invalid (void)
{
  const char *bad[] = {
    "",           "2026-2-01",  "2026/02/01", "01-02-2026", " 2026-02-01",      "2026-02-01 ",
    "2026-02-29", /* not a leap year */
    "2026-13-01", "2026-00-10", "2026-04-31", "0000-01-01", "2026-02-01T00:00",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_assert_false (rd_date_parse_iso (bad[i], &date, &error));
      g_assert_error (error, RD_DATE_ERROR, RD_DATE_ERROR_INVALID);
    }
}

static void
check_add (const char *from, guint months, guint years, const char *expected)
{
  g_autofree char *text = NULL;
  GDate            date;
  GDate            out;

  g_assert_true (rd_date_parse_iso (from, &date, NULL));
  if (months > 0)
    rd_date_add_months (&date, months, &out);
  else
    rd_date_add_years (&date, years, &out);
  text = rd_date_to_iso (&out);
  g_assert_cmpstr (text, ==, expected);
}

/* The ICO's calendar-month rule, without rolling: the same date next
 * month, or that month's last day. */
static void
test_add_months (void)
{
  check_add ("2025-09-03", 1, 0, "2025-10-03");
  check_add ("2025-03-31", 1, 0, "2025-04-30");
  check_add ("2025-01-29", 1, 0, "2025-02-28");
  check_add ("2025-01-31", 1, 0, "2025-02-28");
  check_add ("2024-01-30", 1, 0, "2024-02-29");
  check_add ("2024-12-31", 2, 0, "2025-02-28");
  check_add ("2025-11-30", 3, 0, "2026-02-28");
}

/* Retention: the same date N years on; 29 February → 28 February. */
static void
test_add_years (void)
{
  check_add ("2026-03-10", 0, 6, "2032-03-10");
  check_add ("2024-02-29", 0, 6, "2030-02-28");
  check_add ("2024-02-29", 0, 4, "2028-02-29");
}

static void
test_days_between (void)
{
  GDate a, b;

  g_assert_true (rd_date_parse_iso ("2024-02-28", &a, NULL));
  g_assert_true (rd_date_parse_iso ("2024-03-01", &b, NULL));
  g_assert_cmpint (rd_date_days_between (&a, &b), ==, 2);
  g_assert_cmpint (rd_date_days_between (&b, &a), ==, -2);
  g_assert_cmpint (rd_date_days_between (&a, &a), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/valid", test_parse_valid);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);
  g_test_add_func ("/date/add-months", test_add_months);
  g_test_add_func ("/date/add-years", test_add_years);
  g_test_add_func ("/date/days-between", test_days_between);

  return g_test_run ();
}
