/* test-validate.c: the checks the dialogs make as the clerk types.
 *
 * Postcode examples are the valid formats listed in the UK Government Data
 * Standards Catalogue (postcode: "A9 9AA", "A99 9AA", "AA9 9AA", "AA99 9AA",
 * "A9A 9AA", "AA9A 9AA") with real addresses of each shape; dates are
 * checked against the calendar (4 May 2026 is a Monday, the Early May bank
 * holiday; 2028 is a leap year, 2026 is not).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <locale.h>
#include <string.h>

#include "rd-format.h"
#include "rd-validate.h"

static void
assert_ok (char *message)
{
  g_assert_null (message);
}

static void
assert_refused (char *message)
{
  g_assert_nonnull (message);
  /* A sentence a clerk can act on: it starts with a capital and ends with a full stop. */
  g_assert_true (g_unichar_isupper (g_utf8_get_char (message)));
  g_assert_true (g_str_has_suffix (message, "."));
  g_free (message);
}

static void
test_postcode (void)
{
  const char *good[] = { "M1 1AE",   "B33 8TH",  "CR2 6XH", "DN55 1PT",  "W1A 0AX",
                         "EC1A 1BB", "SW1A 2AA", "sw1a2aa", " cw7 1ah ", "GIR 0AA" };
  const char *bad[] = { "SW1A",    "12345",  "SW1A 2A",  "SW1A 2AAA", "1W1 1AA",
                        "W1A 0A1", "QWERTY", "SW1A-2AA", "ABC1 1AA" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_test_message ("good postcode %u", i);
      assert_ok (rd_validate_postcode (good[i], TRUE));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("bad postcode %u", i);
      assert_refused (rd_validate_postcode (bad[i], FALSE));
    }

  assert_ok (rd_validate_postcode ("", FALSE));
  assert_ok (rd_validate_postcode (NULL, FALSE));
  assert_refused (rd_validate_postcode ("  ", TRUE));
}

static void
test_postcode_normalise (void)
{
  struct
  {
    const char *in, *out;
  } cases[] = {
    { "sw1a2aa", "SW1A 2AA" },
    { " m1 1ae ", "M1 1AE" },
    { "DN551PT", "DN55 1PT" },
    { "not a postcode ", "not a postcode" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = rd_normalise_postcode (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_email (void)
{
  const char *good[] = { "mail@winsford.gov.uk", "a.b+c@example.org", " clerk@council.gov.uk " };
  const char *bad[] = { "mail",      "@example.org",      "mail@",     "mail@example",
                        "a@b@c.org", "mail @example.org", "mail@.org", "mail@example.",
                        "a@b..org",  "a,b@example.org",   "<a@b.org>" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    assert_ok (rd_validate_email (good[i], TRUE));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("bad address %u", i);
      assert_refused (rd_validate_email (bad[i], FALSE));
    }
  assert_ok (rd_validate_email ("", FALSE));
  assert_refused (rd_validate_email ("", TRUE));
}

static void
test_phone (void)
{
  assert_ok (rd_validate_phone (""));
  assert_ok (rd_validate_phone ("01606 862862"));
  assert_ok (rd_validate_phone ("+44 (0)1606 862862"));
  assert_ok (rd_validate_phone ("07700-900123"));
  assert_refused (rd_validate_phone ("12345"));
  assert_refused (rd_validate_phone ("0161 abc 1234"));
  assert_refused (rd_validate_phone ("01606 862862 44 44 44 44"));
  assert_refused (rd_validate_phone ("01606+862862"));
}

static void
test_name (void)
{
  g_autofree char *long_name = g_strnfill (201, 'a');

  assert_ok (rd_validate_name ("Siân O’Brien"));
  assert_ok (rd_validate_name ("محمد"));
  assert_refused (rd_validate_name (""));
  assert_refused (rd_validate_name (" \t "));
  assert_refused (rd_validate_name (long_name));
  assert_refused (rd_validate_required ("", "Enter a summary."));
  assert_ok (rd_validate_required ("x", "Enter a summary."));
}

static void
test_date (void)
{
  GDate today;
  GDate date;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 4, G_DATE_MAY, 2026);

  /* British order: day first. */
  g_date_clear (&date, 1);
  assert_ok (rd_validate_date_text ("4/5/2026", NULL, &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 4);
  g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_MAY);
  g_assert_cmpint (g_date_get_year (&date), ==, 2026);

  assert_ok (rd_validate_date_text ("2026-05-04", &today, &date));
  g_assert_cmpint (g_date_get_julian (&date), ==, g_date_get_julian (&today));
  assert_ok (rd_validate_date_text (" 04/05/2026 ", &today, &date));
  g_assert_cmpint (g_date_get_julian (&date), ==, g_date_get_julian (&today));

  /* 2028 is a leap year, 2026 is not. */
  assert_ok (rd_validate_date_text ("29/2/2028", NULL, NULL));
  assert_refused (rd_validate_date_text ("29/2/2026", NULL, NULL));
  assert_refused (rd_validate_date_text ("2026-02-29", NULL, NULL));
  assert_refused (rd_validate_date_text ("31/4/2026", NULL, NULL));
  assert_refused (rd_validate_date_text ("4/13/2026", NULL, NULL));
  assert_refused (rd_validate_date_text ("4/5/26", NULL, NULL));
  assert_refused (rd_validate_date_text ("2026-5-4", NULL, NULL));
  assert_refused (rd_validate_date_text ("tomorrow", NULL, NULL));
  assert_refused (rd_validate_date_text ("", NULL, NULL));
  assert_refused (rd_validate_date_text ("4/5/2026/1", NULL, NULL));

  /* Nothing after today when a latest day is given. */
  assert_refused (rd_validate_date_text ("5/5/2026", &today, NULL));
  assert_ok (rd_validate_date_text ("5/5/2026", NULL, NULL));
}

static void
test_date_message_names_today (void)
{
  GDate            today;
  g_autofree char *message = NULL;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 4, G_DATE_MAY, 2026);
  message = rd_validate_date_text ("2026-06-01", &today, NULL);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Monday 4 May 2026"));
}

static void
test_format_long (void)
{
  struct
  {
    int         day, month, year;
    const char *expected;
  } cases[] = {
    { 4, 5, 2026, "Monday 4 May 2026" },
    { 25, 12, 2026, "Friday 25 December 2026" },
    { 29, 2, 2028, "Tuesday 29 February 2028" },
    { 19, 6, 2026, "Friday 19 June 2026" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate            date;
      g_autofree char *text = NULL;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) cases[i].day, (GDateMonth) cases[i].month,
                      (GDateYear) cases[i].year);
      text = rd_format_date (&date);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_numbers (void)
{
  int    value = 0;
  double mm = 0;

  assert_ok (rd_validate_int_text ("5", 1, 30, &value));
  g_assert_cmpint (value, ==, 5);
  assert_ok (rd_validate_int_text (" 30 ", 1, 30, &value));
  g_assert_cmpint (value, ==, 30);
  assert_refused (rd_validate_int_text ("0", 1, 30, NULL));
  assert_refused (rd_validate_int_text ("31", 1, 30, NULL));
  assert_refused (rd_validate_int_text ("5 days", 1, 30, NULL));
  assert_refused (rd_validate_int_text ("", 1, 30, NULL));
  assert_refused (rd_validate_int_text ("99999999999999999999", 1, 30, NULL));

  assert_ok (rd_validate_double_text ("-2.5", -5, 5, &mm));
  g_assert_cmpfloat_with_epsilon (mm, -2.5, 1e-9);
  assert_refused (rd_validate_double_text ("6", -5, 5, NULL));
  assert_refused (rd_validate_double_text ("nan", -5, 5, NULL));
  assert_refused (rd_validate_double_text ("2,5", -5, 5, NULL));
}

static void
test_prefix (void)
{
  assert_ok (rd_validate_reference_prefix ("DPC"));
  assert_ok (rd_validate_reference_prefix ("WTC2"));
  assert_refused (rd_validate_reference_prefix (""));
  assert_refused (rd_validate_reference_prefix ("DP C"));
  assert_refused (rd_validate_reference_prefix ("DPC-"));
  assert_refused (rd_validate_reference_prefix ("2DPC"));
  assert_refused (rd_validate_reference_prefix ("ABCDEFGHIJK"));
}

static void
test_contact (void)
{
  assert_ok (rd_validate_contact (TRUE, "1 High Street\nWinsford", "CW7 1AH", NULL));
  assert_refused (rd_validate_contact (TRUE, "", "CW7 1AH", "a@b.org"));
  assert_refused (rd_validate_contact (TRUE, "1 High Street", "", NULL));
  assert_ok (rd_validate_contact (FALSE, NULL, NULL, "a@b.org"));
  assert_refused (rd_validate_contact (FALSE, "1 High Street", "CW7 1AH", ""));
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/postcode", test_postcode);
  g_test_add_func ("/validate/postcode-normalise", test_postcode_normalise);
  g_test_add_func ("/validate/email", test_email);
  g_test_add_func ("/validate/phone", test_phone);
  g_test_add_func ("/validate/name", test_name);
  g_test_add_func ("/validate/date", test_date);
  g_test_add_func ("/validate/date-message", test_date_message_names_today);
  g_test_add_func ("/validate/format-long", test_format_long);
  g_test_add_func ("/validate/numbers", test_numbers);
  g_test_add_func ("/validate/prefix", test_prefix);
  g_test_add_func ("/validate/contact", test_contact);

  return g_test_run ();
}
