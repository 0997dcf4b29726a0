/* rules-test-util.h: what the tests of the rules share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rd-rules.h"

/* A day written as YYYY-MM-DD; the test fails on anything else. */
static inline GDate
day (const char *iso)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_assert_true (rd_date_parse_iso (iso, &date, &error));
  g_assert_no_error (error);
  return date;
}

#define assert_date(date, expected)                \
  G_STMT_START                                     \
  {                                                \
    g_autofree char *iso_ = rd_date_to_iso (date); \
    g_assert_cmpstr (iso_, ==, expected);          \
  }                                                \
  G_STMT_END

/* The bank holidays Redress ships (data/bank-holidays.json), parsed. */
static inline RdHolidays *
rd_test_load_shipped_holidays (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  gsize            length = 0;
  RdHolidays      *holidays;

  path = g_test_build_filename (G_TEST_DIST, "..", "data", "bank-holidays.json", NULL);
  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  holidays = rd_holidays_new_from_json (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (holidays);
  return holidays;
}
