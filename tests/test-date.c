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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/valid", test_parse_valid);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);

  return g_test_run ();
}
