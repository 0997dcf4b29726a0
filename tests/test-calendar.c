/* test-calendar.c: working days, the calendar-month rule and the 30 days.
 *
 * Every expected date was worked out by hand from the rule's source (the
 * ICO's time-limits guidance and complaints guidance, the council policy)
 * and GOV.UK's holiday lists; the working is in the comments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-rules.h"
#include "rules-test-util.h"

static RdHolidays *shipped;

static RdCalendar *
calendar_for (RdDivision division)
{
  return rd_calendar_new (shipped, division);
}

typedef enum
{
  WORKING_DAYS,
  DAYS,
  MONTHS,
} Count;

typedef struct
{
  RdDivision  division;
  Count       count;
  guint       n;
  const char *from;
  const char *expected;
  const char *why;
} Vector;

static const Vector vectors[] = {
  /* The council policy's 5 working days, counted from the day after. */
  { RD_DIVISION_ENGLAND_AND_WALES, WORKING_DAYS, 5, "2026-01-05", "2026-01-12",
    "Mon 5 Jan: 6,7,8,9 then Mon 12" },
  { RD_DIVISION_ENGLAND_AND_WALES, WORKING_DAYS, 5, "2026-01-09", "2026-01-16",
    "Fri 9 Jan: weekend skipped, 12–16" },
  { RD_DIVISION_ENGLAND_AND_WALES, WORKING_DAYS, 5, "2026-01-10", "2026-01-16",
    "Saturday: Sun skipped, 12–16" },
  /* Christmas 2025: 24 (1), 25–28 holidays and weekend, 29,30,31 (4), 1 Jan
   * holiday, Fri 2 Jan (5) in England; in Scotland 2 Jan is a holiday too. */
  { RD_DIVISION_ENGLAND_AND_WALES, WORKING_DAYS, 5, "2025-12-23", "2026-01-02", "Christmas" },
  { RD_DIVISION_SCOTLAND, WORKING_DAYS, 5, "2025-12-23", "2026-01-05",
    "Christmas, and 2nd January in Scotland" },
  /* Easter 2026: Good Friday 3 Apr, Easter Monday 6 Apr (not in Scotland). */
  { RD_DIVISION_ENGLAND_AND_WALES, WORKING_DAYS, 5, "2026-04-02", "2026-04-13",
    "Easter: 7,8,9,10,13" },
  { RD_DIVISION_SCOTLAND, WORKING_DAYS, 5, "2026-04-02", "2026-04-10",
    "Easter Monday is a working day in Scotland: 6–10" },
  { RD_DIVISION_NORTHERN_IRELAND, WORKING_DAYS, 5, "2026-04-02", "2026-04-13",
    "Easter Monday in Northern Ireland" },
  /* St Patrick's Day (Tue 17 Mar 2026) in Northern Ireland only. */
  { RD_DIVISION_NORTHERN_IRELAND, WORKING_DAYS, 1, "2026-03-16", "2026-03-18", "St Patrick's Day" },
  { RD_DIVISION_ENGLAND_AND_WALES, WORKING_DAYS, 1, "2026-03-16", "2026-03-17",
    "not a holiday in England" },
  /* Christmas 2026 into 2027: Fri 25 Dec, Mon 28 Dec (Boxing Day substitute),
   * Fri 1 Jan, and in Scotland Mon 4 Jan (2nd January substitute). */
  { RD_DIVISION_ENGLAND_AND_WALES, WORKING_DAYS, 5, "2026-12-23", "2027-01-04", "24,29,30,31,4" },
  { RD_DIVISION_SCOTLAND, WORKING_DAYS, 5, "2026-12-23", "2027-01-05", "24,29,30,31,5" },
  /* With n = 0: the day itself if it is a working day, else the next one. */
  { RD_DIVISION_ENGLAND_AND_WALES, WORKING_DAYS, 0, "2026-01-05", "2026-01-05", "n = 0" },
  { RD_DIVISION_ENGLAND_AND_WALES, WORKING_DAYS, 0, "2026-01-03", "2026-01-05", "n = 0, Sat" },

  /* The ICO's examples of a calendar month: received 3 September, due
   * 3 October; received 31 March, due 30 April (no 31 April). */
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2025-09-03", "2025-10-03", "ICO: 3 Sep → 3 Oct" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2024-03-31", "2024-04-30", "ICO: 31 Mar → 30 Apr" },
  /* 29–31 January: the last day of February, a leap year or not. */
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2024-01-29", "2024-02-29", "leap year" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2024-01-30", "2024-02-29", "leap year" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2024-01-31", "2024-02-29", "leap year" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2023-01-29", "2023-02-28", "Tue 28 Feb" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2023-01-31", "2023-02-28", "Tue 28 Feb" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2025-01-30", "2025-02-28", "Fri 28 Feb" },
  /* 28 Feb 2026 is a Saturday: rolled to Monday 2 March. */
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2026-01-31", "2026-03-02",
    "Sat 28 Feb → Mon 2 Mar" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2026-01-28", "2026-03-02",
    "Sat 28 Feb → Mon 2 Mar" },
  /* Month ends. */
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2024-12-31", "2025-01-31", "Fri 31 Jan" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2025-05-31", "2025-06-30", "Mon 30 Jun" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2025-08-31", "2025-09-30", "Tue 30 Sep" },
  /* 30 Nov + 3 months: no 30 Feb, so Sat 28 Feb 2026 → Mon 2 Mar. */
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 3, "2025-11-30", "2026-03-02",
    "last day of February, a Saturday" },
  /* A deadline on the Saturday before a bank holiday Monday: Sat 23 May
   * 2026, Sun 24, Mon 25 May Spring bank holiday → Tue 26 May. */
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2026-04-23", "2026-05-26",
    "weekend + Spring bank holiday" },
  /* Christmas 2026: Sat 26 Dec, Sun 27, Mon 28 Dec Boxing Day substitute → Tue 29. */
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2026-11-26", "2026-12-29", "Boxing Day substitute" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2026-11-25", "2026-12-29",
    "Christmas Day, weekend, Boxing Day substitute" },
  /* New Year 2027 in Scotland: Fri 1 Jan, Sat, Sun, Mon 4 Jan (2nd January substitute). */
  { RD_DIVISION_SCOTLAND, MONTHS, 1, "2026-12-01", "2027-01-05", "2nd January substitute" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2026-12-01", "2027-01-04", "1 Jan only" },
  /* Scottish and Northern Irish holidays England does not have. */
  { RD_DIVISION_SCOTLAND, MONTHS, 1, "2026-05-15", "2026-06-16", "World Cup bank holiday" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2026-05-15", "2026-06-15", "a working day" },
  { RD_DIVISION_NORTHERN_IRELAND, MONTHS, 1, "2026-06-13", "2026-07-14",
    "Battle of the Boyne substitute, Mon 13 Jul" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2026-06-13", "2026-07-13", "a working day" },
  { RD_DIVISION_SCOTLAND, MONTHS, 1, "2024-07-05", "2024-08-06",
    "Scottish summer bank holiday, Mon 5 Aug" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2024-07-26", "2024-08-27",
    "English summer bank holiday, Mon 26 Aug" },
  { RD_DIVISION_SCOTLAND, MONTHS, 1, "2024-07-26", "2024-08-26", "a working day in Scotland" },
  /* St Andrew's Day 2025 is a Sunday; its substitute is Mon 1 Dec. */
  { RD_DIVISION_SCOTLAND, MONTHS, 1, "2025-10-30", "2025-12-02",
    "Sun 30 Nov, Mon 1 Dec St Andrew's Day substitute" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2025-10-30", "2025-12-01", "Sun 30 Nov" },
  /* The one-off holidays. */
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2022-05-02", "2022-06-06",
    "Spring bank holiday, Platinum Jubilee, weekend" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2022-08-19", "2022-09-20", "State Funeral" },
  { RD_DIVISION_NORTHERN_IRELAND, MONTHS, 1, "2022-08-19", "2022-09-20", "State Funeral" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2023-04-08", "2023-05-09", "Coronation" },
  { RD_DIVISION_SCOTLAND, MONTHS, 1, "2023-04-08", "2023-05-09", "Coronation" },
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2020-04-08", "2020-05-11",
    "VE day Fri 8 May, weekend" },
  /* Easter as a month end: 3 Apr 2026 Good Friday → Tue 7 Apr (Mon 6 in Scotland). */
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 1, "2026-03-03", "2026-04-07",
    "Good Friday, weekend, Easter Monday" },
  { RD_DIVISION_SCOTLAND, MONTHS, 1, "2026-03-03", "2026-04-06", "Good Friday, weekend" },
  /* Extension: three months from the start. */
  { RD_DIVISION_ENGLAND_AND_WALES, MONTHS, 3, "2026-01-05", "2026-04-07",
    "Sun 5 Apr, Mon 6 Apr Easter Monday" },
  { RD_DIVISION_SCOTLAND, MONTHS, 3, "2026-01-05", "2026-04-06", "Sun 5 Apr" },

  /* DPA 2018 s.164A, 30 days from the day after receipt (ICO complaints
   * guidance): 19 Jun 2026 + 30 = Sun 19 Jul → Mon 20 Jul. */
  { RD_DIVISION_ENGLAND_AND_WALES, DAYS, 30, "2026-06-19", "2026-07-20", "Sun 19 Jul" },
  { RD_DIVISION_ENGLAND_AND_WALES, DAYS, 30, "2026-07-01", "2026-07-31", "Fri 31 Jul" },
  /* 25 Nov 2026 + 30 = Fri 25 Dec → weekend → Mon 28 Dec substitute → Tue 29 Dec. */
  { RD_DIVISION_ENGLAND_AND_WALES, DAYS, 30, "2026-11-25", "2026-12-29", "Christmas" },
  /* 14 Jun 2026 + 30 = Tue 14 Jul; NI's Boyne holiday is Mon 13th: no effect. */
  { RD_DIVISION_NORTHERN_IRELAND, DAYS, 30, "2026-06-14", "2026-07-14", "Tue 14 Jul" },
  { RD_DIVISION_NORTHERN_IRELAND, DAYS, 30, "2026-06-13", "2026-07-14", "Mon 13 Jul Boyne" },
};

static void
test_vectors (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      const Vector *v = &vectors[i];
      g_autoptr(RdCalendar) calendar = calendar_for (v->division);
      g_autoptr(RdCalendarTrace) trace = rd_calendar_trace_new ();
      GDate from = day (v->from);
      GDate due;

      g_test_message ("%s: %s + %u (%s) in %s", v->why, v->from, v->n,
                      v->count == MONTHS ? "months"
                      : v->count == DAYS ? "days"
                                         : "working days",
                      rd_division_to_id (v->division));
      switch (v->count)
        {
          case WORKING_DAYS:
            rd_calendar_add_working_days (calendar, &from, v->n, &due, trace);
            break;
          case DAYS:
            rd_calendar_add_days (calendar, &from, v->n, &due, trace);
            break;
          case MONTHS:
            rd_calendar_add_months (calendar, &from, v->n, &due, trace);
            break;
          default:
            g_assert_not_reached ();
        }
      assert_date (&due, v->expected);
      g_assert_true (rd_calendar_is_working_day (calendar, &due));
      g_assert_false (trace->incomplete_holiday_data);
    }
}

static void
test_working_day (void)
{
  g_autoptr(RdCalendar) england = calendar_for (RD_DIVISION_ENGLAND_AND_WALES);
  g_autoptr(RdCalendar) scotland = calendar_for (RD_DIVISION_SCOTLAND);
  GDate date;

  date = day ("2026-01-03"); /* Saturday */
  g_assert_false (rd_calendar_is_working_day (england, &date));
  date = day ("2026-01-04"); /* Sunday */
  g_assert_false (rd_calendar_is_working_day (england, &date));
  date = day ("2026-01-05"); /* Monday */
  g_assert_true (rd_calendar_is_working_day (england, &date));
  date = day ("2026-01-02");
  g_assert_true (rd_calendar_is_working_day (england, &date));
  g_assert_false (rd_calendar_is_working_day (scotland, &date));
  g_assert_cmpstr (rd_calendar_get_holiday (scotland, &date), ==, "2nd January");
  g_assert_null (rd_calendar_get_holiday (england, &date));
  g_assert_true (rd_calendar_get_holidays (england) == shipped);
  g_assert_cmpint (rd_calendar_get_division (scotland), ==, RD_DIVISION_SCOTLAND);
}

static void
test_skipped_days (void)
{
  g_autoptr(RdCalendar) calendar = calendar_for (RD_DIVISION_ENGLAND_AND_WALES);
  g_autoptr(RdCalendarTrace) trace = rd_calendar_trace_new ();
  GDate               from = day ("2026-04-23");
  GDate               due;
  const RdSkippedDay *skipped;

  /* 23 Apr + 1 month = Sat 23 May; Sun 24; Mon 25 Spring bank holiday. */
  rd_calendar_add_months (calendar, &from, 1, &due, trace);
  assert_date (&due, "2026-05-26");
  g_assert_cmpuint (trace->skipped->len, ==, 3);
  skipped = &g_array_index (trace->skipped, RdSkippedDay, 0);
  assert_date (&skipped->date, "2026-05-23");
  g_assert_cmpint (skipped->reason, ==, RD_SKIP_WEEKEND);
  g_assert_null (skipped->holiday_title);
  skipped = &g_array_index (trace->skipped, RdSkippedDay, 1);
  assert_date (&skipped->date, "2026-05-24");
  g_assert_cmpint (skipped->reason, ==, RD_SKIP_WEEKEND);
  skipped = &g_array_index (trace->skipped, RdSkippedDay, 2);
  assert_date (&skipped->date, "2026-05-25");
  g_assert_cmpint (skipped->reason, ==, RD_SKIP_HOLIDAY);
  g_assert_cmpstr (skipped->holiday_title, ==, "Spring bank holiday");

  /* Working days: each day passed over is listed, in order. Thu 2 Apr
   * 2026 + 5: Good Friday, Sat, Sun, Easter Monday. */
  {
    g_autoptr(RdCalendarTrace) easter = rd_calendar_trace_new ();
    const char *titles[] = { "Good Friday", NULL, NULL, "Easter Monday" };
    const char *dates[] = { "2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06" };

    from = day ("2026-04-02");
    rd_calendar_add_working_days (calendar, &from, 5, &due, easter);
    assert_date (&due, "2026-04-13");
    g_assert_cmpuint (easter->skipped->len, ==, 6); /* and Sat 11, Sun 12 */
    for (guint i = 0; i < 4; i++)
      {
        skipped = &g_array_index (easter->skipped, RdSkippedDay, i);
        assert_date (&skipped->date, dates[i]);
        g_assert_cmpstr (skipped->holiday_title, ==, titles[i]);
      }
  }

  /* No trace: the same date. */
  rd_calendar_add_months (calendar, &from, 1, &due, NULL);
  assert_date (&due, "2026-05-05"); /* 2 Apr + 1 month = Sat 2 May; Mon 4 May holiday */
}

static void
test_next_working_day (void)
{
  g_autoptr(RdCalendar) calendar = calendar_for (RD_DIVISION_ENGLAND_AND_WALES);
  GDate date = day ("2026-12-25");
  GDate next;

  /* Fri 25 Dec, Sat, Sun, Mon 28 Dec substitute → Tue 29. */
  rd_calendar_next_working_day (calendar, &date, &next, NULL);
  assert_date (&next, "2026-12-29");
  date = day ("2026-12-29");
  rd_calendar_next_working_day (calendar, &date, &next, NULL);
  assert_date (&next, "2026-12-29");
}

static void
test_count_working_days (void)
{
  g_autoptr(RdCalendar) calendar = calendar_for (RD_DIVISION_ENGLAND_AND_WALES);
  GDate friday = day ("2026-01-09");
  GDate monday = day ("2026-01-12");
  GDate next_friday = day ("2026-01-16");
  GDate christmas_eve = day ("2026-12-24");
  GDate new_year_after = day ("2027-01-04");

  g_assert_cmpint (rd_calendar_count_working_days (calendar, &friday, &monday), ==, 1);
  g_assert_cmpint (rd_calendar_count_working_days (calendar, &friday, &friday), ==, 0);
  g_assert_cmpint (rd_calendar_count_working_days (calendar, &monday, &friday), ==, -1);
  g_assert_cmpint (rd_calendar_count_working_days (calendar, &friday, &next_friday), ==, 5);
  /* 29, 30, 31 Dec and 4 Jan. */
  g_assert_cmpint (rd_calendar_count_working_days (calendar, &christmas_eve, &new_year_after), ==,
                   4);
}

static void
test_incomplete_data (void)
{
  g_autoptr(RdCalendar) calendar = calendar_for (RD_DIVISION_ENGLAND_AND_WALES);
  GDate due;
  GDate from;

  /* Past the end of the data (2028). */
  {
    g_autoptr(RdCalendarTrace) trace = rd_calendar_trace_new ();

    from = day ("2028-12-15");
    rd_calendar_add_months (calendar, &from, 1, &due, trace);
    assert_date (&due, "2029-01-15");
    g_assert_true (trace->incomplete_holiday_data);
    g_assert_false (rd_calendar_covers (calendar, &due));
  }
  /* Inside it. */
  {
    g_autoptr(RdCalendarTrace) trace = rd_calendar_trace_new ();

    from = day ("2028-11-01");
    rd_calendar_add_months (calendar, &from, 1, &due, trace);
    assert_date (&due, "2028-12-01");
    g_assert_false (trace->incomplete_holiday_data);
  }
  /* Before the start of the data: the days counted lie in 2017. */
  {
    g_autoptr(RdCalendarTrace) trace = rd_calendar_trace_new ();

    from = day ("2017-12-27");
    rd_calendar_add_working_days (calendar, &from, 5, &due, trace);
    g_assert_true (trace->incomplete_holiday_data);
  }
  /* Working days running into a year not covered. */
  {
    g_autoptr(RdCalendarTrace) trace = rd_calendar_trace_new ();

    from = day ("2028-12-27");
    rd_calendar_add_working_days (calendar, &from, 5, &due, trace);
    g_assert_true (trace->incomplete_holiday_data);
  }
}

/* The far end of the calendar. The longest counts from the last day an ISO
 * date can name stay valid; a start past it is a programming error, refused
 * with a critical rather than wrapped: GDate's 16-bit year used to turn
 * 65535-12-20 plus 10 working days into "0000-01-03", a valid-looking day. */
static void
test_extreme_dates (void)
{
  g_autoptr(RdCalendar) calendar = calendar_for (RD_DIVISION_ENGLAND_AND_WALES);
  GDate from = day ("9999-12-31");
  GDate due;

  /* 31 Dec 9999 + 1200 months = 31 Dec 10099, a Thursday (Gregorian 400-year
   * cycle: 10099 ≡ 2099, and 31 Dec 2099 is a Thursday). */
  rd_calendar_add_months (calendar, &from, RD_CALENDAR_MAX_MONTHS, &due, NULL);
  g_assert_true (g_date_valid (&due));
  g_assert_cmpuint (g_date_get_year (&due), ==, 10099);
  g_assert_cmpuint (g_date_get_month (&due), ==, 12);
  g_assert_cmpuint (g_date_get_day (&due), ==, 31);
  rd_calendar_add_working_days (calendar, &from, RD_CALENDAR_MAX_WORKING_DAYS, &due, NULL);
  g_assert_true (g_date_valid (&due));
  g_assert_cmpuint (g_date_get_year (&due), >, 10000);
  rd_calendar_add_days (calendar, &from, RD_CALENDAR_MAX_DAYS, &due, NULL);
  g_assert_true (g_date_valid (&due));
  g_assert_cmpuint (g_date_get_year (&due), ==, 10054);
  /* 31 Dec 9999 + 20000 days = 3 Oct 10054 (as 1999-12-31 + 20000 = Sat
   * 3 Oct 2054, 8000 years on): Saturday, so Monday 5 October. */
  g_assert_cmpuint (g_date_get_month (&due), ==, 10);
  g_assert_cmpuint (g_date_get_day (&due), ==, 5);
  /* A deadline's end may lie past 9999 (a start in range plus pauses): the
   * roll still takes it. */
  {
    GDate end;

    g_date_clear (&end, 1);
    g_date_set_dmy (&end, 3, G_DATE_OCTOBER, 10054);
    rd_calendar_next_working_day (calendar, &end, &due, NULL);
    g_assert_cmpuint (g_date_get_day (&due), ==, 5);
  }

  /* From the first day of the calendar. */
  from = day ("0001-01-01");
  rd_calendar_add_working_days (calendar, &from, 5, &due, NULL);
  assert_date (&due, "0001-01-08"); /* 1 Jan 1 was a Monday (proleptic Gregorian) */

  /* Past the range: refused, the out date left as it was. */
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 20, G_DATE_DECEMBER, 65535);
  g_date_clear (&due, 1);
  g_test_expect_message ("redress-rules", G_LOG_LEVEL_CRITICAL, "*RD_CALENDAR_MAX_YEAR*");
  rd_calendar_add_working_days (calendar, &from, 10, &due, NULL);
  g_test_assert_expected_messages ();
  g_assert_false (g_date_valid (&due));
  g_test_expect_message ("redress-rules", G_LOG_LEVEL_CRITICAL, "*RD_CALENDAR_MAX_YEAR*");
  rd_calendar_add_months (calendar, &from, 1, &due, NULL);
  g_test_assert_expected_messages ();
  g_assert_false (g_date_valid (&due));
}

/* A file with a gap year: 2026 and 2028 only. */
static void
test_gap_year (void)
{
  static const char data[] =
      "{\"england-and-wales\": {\"division\": \"england-and-wales\", \"events\": ["
      "{\"title\": \"A\", \"date\": \"2026-01-01\", \"notes\": \"\", \"bunting\": true},"
      "{\"title\": \"B\", \"date\": \"2028-01-03\", \"notes\": \"\", \"bunting\": true}]},"
      "\"scotland\": {\"division\": \"scotland\", \"events\": ["
      "{\"title\": \"A\", \"date\": \"2026-01-01\", \"notes\": \"\", \"bunting\": true}]},"
      "\"northern-ireland\": {\"division\": \"northern-ireland\", \"events\": ["
      "{\"title\": \"A\", \"date\": \"2026-01-01\", \"notes\": \"\", \"bunting\": true}]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(RdHolidays) holidays = rd_holidays_new_from_json (data, sizeof data - 1, &error);
  g_autoptr(RdCalendar) calendar = NULL;
  g_autoptr(RdCalendarTrace) trace = rd_calendar_trace_new ();
  GDate from = day ("2027-03-01");
  GDate due;
  guint first, last;

  g_assert_no_error (error);
  g_assert_true (
      rd_holidays_get_year_range (holidays, RD_DIVISION_ENGLAND_AND_WALES, &first, &last));
  g_assert_cmpuint (first, ==, 2026);
  g_assert_cmpuint (last, ==, 2028);
  g_assert_false (rd_holidays_covers_year (holidays, RD_DIVISION_ENGLAND_AND_WALES, 2027));
  calendar = rd_calendar_new (holidays, RD_DIVISION_ENGLAND_AND_WALES);
  rd_calendar_add_months (calendar, &from, 1, &due, trace);
  g_assert_true (trace->incomplete_holiday_data);
}

static void
test_date_months (void)
{
  const struct
  {
    const char *from;
    guint       months;
    const char *expected;
  } cases[] = {
    { "2025-01-29", 1, "2025-02-28" }, { "2025-01-30", 1, "2025-02-28" },
    { "2025-01-31", 1, "2025-02-28" }, { "2024-01-29", 1, "2024-02-29" },
    { "2024-01-31", 1, "2024-02-29" }, { "2024-02-29", 1, "2024-03-29" },
    { "2024-03-31", 1, "2024-04-30" }, { "2024-12-31", 1, "2025-01-31" },
    { "2024-12-31", 2, "2025-02-28" }, { "2023-11-30", 3, "2024-02-29" },
    { "2026-01-15", 0, "2026-01-15" }, { "2026-01-31", 12, "2027-01-31" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate from = day (cases[i].from);
      GDate out;

      rd_date_add_months (&from, cases[i].months, &out);
      assert_date (&out, cases[i].expected);
    }
}

/*
 * Every start date from 2018 to 2027, in all three divisions: the due date
 * is a working day, after the start, no earlier than the unrolled date, and
 * never earlier for a later start. The working-day count is exact.
 */
static void
test_property (void)
{
  for (guint d = 0; d < RD_DIVISION_N; d++)
    {
      g_autoptr(RdCalendar) calendar = calendar_for (d);
      GDate start = day ("2018-01-01");
      GDate end = day ("2027-12-31");
      GDate previous[3];
      guint n = 0;

      for (; g_date_compare (&start, &end) <= 0; g_date_add_days (&start, 1), n++)
        {
          GDate due[3];
          GDate plain;
          g_autoptr(RdCalendarTrace) trace = rd_calendar_trace_new ();

          rd_calendar_add_months (calendar, &start, 1, &due[0], trace);
          rd_calendar_add_working_days (calendar, &start, 5, &due[1], trace);
          rd_calendar_add_days (calendar, &start, 30, &due[2], trace);
          g_assert_false (trace->incomplete_holiday_data);

          for (guint k = 0; k < 3; k++)
            {
              g_assert_true (rd_calendar_is_working_day (calendar, &due[k]));
              g_assert_cmpint (g_date_compare (&due[k], &start), >, 0);
              if (n > 0)
                g_assert_cmpint (g_date_compare (&due[k], &previous[k]), >=, 0);
              previous[k] = due[k];
            }

          /* Rolling moves forward, and never more than 4 days (the
           * longest run of non-working days in the data: a Saturday
           * Christmas or New Year's Day with two substitute days). */
          rd_date_add_months (&start, 1, &plain);
          g_assert_cmpint (rd_date_days_between (&plain, &due[0]), >=, 0);
          g_assert_cmpint (rd_date_days_between (&plain, &due[0]), <=, 4);
          g_assert_cmpint (rd_date_days_between (&start, &due[2]), >=, 30);
          g_assert_cmpint (rd_date_days_between (&start, &due[2]), <=, 34);

          /* Exactly five working days after the start, the last one the due day. */
          g_assert_cmpint (rd_calendar_count_working_days (calendar, &start, &due[1]), ==, 5);
        }
      g_assert_cmpuint (n, ==, 3652);
    }
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  shipped = rd_test_load_shipped_holidays ();

  g_test_add_func ("/calendar/working-day", test_working_day);
  g_test_add_func ("/calendar/vectors", test_vectors);
  g_test_add_func ("/calendar/skipped-days", test_skipped_days);
  g_test_add_func ("/calendar/next-working-day", test_next_working_day);
  g_test_add_func ("/calendar/count-working-days", test_count_working_days);
  g_test_add_func ("/calendar/incomplete-data", test_incomplete_data);
  g_test_add_func ("/calendar/gap-year", test_gap_year);
  g_test_add_func ("/calendar/extreme-dates", test_extreme_dates);
  g_test_add_func ("/calendar/date-months", test_date_months);
  g_test_add_func ("/calendar/property", test_property);

  status = g_test_run ();
  g_clear_object (&shipped);
  return status;
}
