/* test-rules-vectors.c: deadline vectors recomputed by hand, independently
 * of the rules' code, by a reviewer.
 *
 * Each expected date was worked out from the sources, with a wall calendar
 * (cal, and Python's datetime for the weekdays) and GOV.UK's holiday list
 * (../shared/reference/bank-holidays.json, the same data as data/), never
 * from Redress's own output. The working is in the comment above each
 * vector. The rules applied:
 *
 * - calendar month (ICO, "Time limits for responding to data protection
 *   rights requests", https://ico.org.uk/for-the-public/time-limits-for-
 *   responding-to-data-protection-rights-requests/): day one is the day of
 *   receipt; the end is the corresponding date next month, or that month's
 *   last day; an end on a weekend or bank holiday moves to the next working
 *   day ("the calendar month ends on the next working day");
 * - extension: three months from the same start (ICO right of access
 *   guidance, "Can we extend the time for a response?"), notified within the
 *   first month (UK GDPR Art. 12A / DPA 2018 s.54(3B) as amended by the Data
 *   (Use and Access) Act 2025: "before the end of the period of one month");
 * - stop the clock (DUAA 2025 s.76; DPA 2018 s.54(3C)): "the period
 *   beginning with the day on which the controller makes the request and
 *   ending with the day on which the controller receives the information
 *   does not count": both days excluded, so the end moves by that many days;
 * - s.164A DPA 2018 (DUAA s.103, in force 19 June 2026) with the ICO's
 *   complaints guidance: 30 days starting the day after receipt, rolled;
 * - the council policy: 5 working days from the day after receipt; review
 *   asked within one month of the decision; answered within one month.
 *
 * Abbreviations: E&W england-and-wales, Sc scotland, NI northern-ireland.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-rules.h"
#include "rules-test-util.h"

static RdHolidays *shipped;

/* Calendar vectors: what "redress-cli deadline" prints, through the same
 * rules API. Each was also run through build-review/src/redress-cli by hand
 * and agreed. */

typedef enum
{
  MONTHS,
  WORKING_DAYS,
  DAYS,
} Count;

typedef struct
{
  const char *from;
  Count       count;
  guint       n;
  const char *ew; /* expected in England and Wales */
  const char *sc; /* … in Scotland */
  const char *ni; /* … in Northern Ireland */
  gboolean    incomplete;
} CalendarVector;

static const CalendarVector calendar_vectors[] = {
  /* 1. Leap year: 31 Jan 2024 + 1 month: no 31 Feb, last day Thu 29 Feb
   *    2024, a working day everywhere. */
  { "2024-01-31", MONTHS, 1, "2024-02-29", "2024-02-29", "2024-02-29" },
  /* 2. Common year: 31 Jan 2023 → Tue 28 Feb 2023. */
  { "2023-01-31", MONTHS, 1, "2023-02-28", "2023-02-28", "2023-02-28" },
  /* 3. 31 Jan 2026 → 28 Feb 2026 is a Saturday; Sun 1 Mar; Mon 2 Mar. */
  { "2026-01-31", MONTHS, 1, "2026-03-02", "2026-03-02", "2026-03-02" },
  /* 4. 31 Jan 2025 → Fri 28 Feb 2025. */
  { "2025-01-31", MONTHS, 1, "2025-02-28", "2025-02-28", "2025-02-28" },
  /* 5. 3 Mar 2026 → Fri 3 Apr 2026 is Good Friday (all three); Sat, Sun;
   *    Mon 6 Apr is Easter Monday in E&W and NI, not in Scotland. */
  { "2026-03-03", MONTHS, 1, "2026-04-07", "2026-04-06", "2026-04-07" },
  /* 6. 21 Mar 2025 → Mon 21 Apr 2025, Easter Monday (E&W, NI). */
  { "2025-03-21", MONTHS, 1, "2025-04-22", "2025-04-21", "2025-04-22" },
  /* 7. 26 Nov 2022 → Mon 26 Dec 2022 Boxing Day; Christmas Day fell on a
   *    Sunday, so Tue 27 Dec is its substitute; Wed 28 Dec. */
  { "2022-11-26", MONTHS, 1, "2022-12-28", "2022-12-28", "2022-12-28" },
  /* 8. 25 Nov 2021 → Sat 25 Dec 2021, Sun 26; substitutes Mon 27 (Christmas)
   *    and Tue 28 (Boxing Day); Wed 29 Dec. */
  { "2021-11-25", MONTHS, 1, "2021-12-29", "2021-12-29", "2021-12-29" },
  /* 9. 2 Dec 2023 → Tue 2 Jan 2024: Scotland's 2nd January holiday only. */
  { "2023-12-02", MONTHS, 1, "2024-01-02", "2024-01-03", "2024-01-02" },
  /* 10. 3 Dec 2021 → Mon 3 Jan 2022: New Year's Day (Sat 1 Jan) substitute
   *     everywhere; in Scotland 2 January (a Sunday) is moved to Tue 4 Jan. */
  { "2021-12-03", MONTHS, 1, "2022-01-04", "2022-01-05", "2022-01-04" },
  /* 11. 1 Nov 2025 → Mon 1 Dec 2025: St Andrew's Day (Sun 30 Nov) is moved
   *     to Mon 1 Dec in Scotland. */
  { "2025-11-01", MONTHS, 1, "2025-12-01", "2025-12-02", "2025-12-01" },
  /* 12. 2 Nov 2024 → Mon 2 Dec 2024: St Andrew's Day (Sat 30 Nov 2024)
   *     substitute in Scotland. */
  { "2024-11-02", MONTHS, 1, "2024-12-02", "2024-12-03", "2024-12-02" },
  /* 13. 17 Feb 2026 → Tue 17 Mar 2026, St Patrick's Day in NI only. */
  { "2026-02-17", MONTHS, 1, "2026-03-17", "2026-03-17", "2026-03-18" },
  /* 14. 17 Feb 2024 → Sun 17 Mar 2024; Mon 18 Mar is St Patrick's Day's
   *     substitute in NI, so NI Tue 19 Mar, elsewhere Mon 18 Mar. */
  { "2024-02-17", MONTHS, 1, "2024-03-18", "2024-03-18", "2024-03-19" },
  /* 15. 12 Jun 2025 → Sat 12 Jul 2025 (Battle of the Boyne): NI's holiday
   *     moves to Mon 14 Jul; NI Tue 15 Jul, elsewhere Mon 14 Jul. */
  { "2025-06-12", MONTHS, 1, "2025-07-14", "2025-07-14", "2025-07-15" },
  /* 16. 12 Jun 2026 → Sun 12 Jul 2026; NI substitute Mon 13 Jul. */
  { "2026-06-12", MONTHS, 1, "2026-07-13", "2026-07-13", "2026-07-14" },
  /* 17. 2 May 2022 → Thu 2 Jun 2022 (spring bank holiday, moved), Fri 3 Jun
   *     (Platinum Jubilee), Sat, Sun: Mon 6 Jun everywhere. */
  { "2022-05-02", MONTHS, 1, "2022-06-06", "2022-06-06", "2022-06-06" },
  /* 18. 19 Aug 2022 → Mon 19 Sep 2022, the State Funeral: Tue 20 Sep. */
  { "2022-08-19", MONTHS, 1, "2022-09-20", "2022-09-20", "2022-09-20" },
  /* 19. 8 Apr 2023 → Mon 8 May 2023, the Coronation: Tue 9 May. */
  { "2023-04-08", MONTHS, 1, "2023-05-09", "2023-05-09", "2023-05-09" },
  /* 20. A Saturday before a bank holiday Monday: 29 Jul 2026 → Sat 29 Aug,
   *     Sun 30, Mon 31 Aug (summer bank holiday in E&W and NI; Scotland's
   *     was Mon 3 Aug): E&W/NI Tue 1 Sep, Scotland Mon 31 Aug. */
  { "2026-07-29", MONTHS, 1, "2026-09-01", "2026-08-31", "2026-09-01" },
  /* 21. 29 Feb 2028 → Wed 29 Mar 2028. */
  { "2028-02-29", MONTHS, 1, "2028-03-29", "2028-03-29", "2028-03-29" },
  /* 22. Beyond the data: 15 Dec 2028 → Mon 15 Jan 2029, but 2029 is not in
   *     the file, so the date is flagged as resting on incomplete data. */
  { "2028-12-15", MONTHS, 1, "2029-01-15", "2029-01-15", "2029-01-15", TRUE },
  /* 23. Three months (an extended deadline): 31 Oct 2025 → 31 Jan 2026 is a
   *     Saturday: Mon 2 Feb 2026. */
  { "2025-10-31", MONTHS, 3, "2026-02-02", "2026-02-02", "2026-02-02" },
  /* 24. 5 working days over Christmas: Wed 23 Dec 2026: Thu 24 (1), Fri 25
   *     Christmas, Sat, Sun, Mon 28 Boxing Day substitute, Tue 29 (2), Wed 30
   *     (3), Thu 31 (4), Fri 1 Jan 2027 New Year, Sat, Sun, Mon 4 Jan (5);
   *     Scotland: Mon 4 Jan is 2 January's substitute, so Tue 5 Jan. */
  { "2026-12-23", WORKING_DAYS, 5, "2027-01-04", "2027-01-05", "2027-01-04" },
  /* 25. Thu 24 Dec 2020: Fri 25 Christmas, Sat, Sun, Mon 28 Boxing Day
   *     substitute, Tue 29 (1), 30 (2), 31 (3), Fri 1 Jan New Year, Mon 4 (4),
   *     Tue 5 (5); Scotland: Mon 4 Jan is 2 January's substitute: Wed 6. */
  { "2020-12-24", WORKING_DAYS, 5, "2021-01-05", "2021-01-06", "2021-01-05" },
  /* 26. Fri 23 Dec 2022: Sat, Sun, Mon 26 Boxing Day, Tue 27 Christmas
   *     substitute, Wed 28 (1), 29 (2), 30 (3), Sat, Sun, Mon 2 Jan New Year
   *     substitute, Tue 3 (4), Wed 4 (5); Scotland: Tue 3 Jan is 2 January's
   *     day, so Thu 5. */
  { "2022-12-23", WORKING_DAYS, 5, "2023-01-04", "2023-01-05", "2023-01-04" },
  /* 27. s.164A, 30 days: Wed 25 Nov 2026 + 30 = Fri 25 Dec 2026 (Christmas),
   *     Sat, Sun, Mon 28 Boxing Day substitute (everywhere): Tue 29 Dec. */
  { "2026-11-25", DAYS, 30, "2026-12-29", "2026-12-29", "2026-12-29" },
  /* 28. Policy, 5 working days, Wed 25 Nov 2026: Thu 26 (1), Fri 27 (2),
   *     Mon 30 Nov (3; in Scotland St Andrew's Day), Tue 1 Dec (4), Wed 2 (5);
   *     Scotland one later, Thu 3 Dec. */
  { "2026-11-25", WORKING_DAYS, 5, "2026-12-02", "2026-12-03", "2026-12-02" },
  /* 29–31. The ICO's own examples, in years that fit them. "Receives a
   *     request on 3 September ... until 3 October": 3 Sep 2025 → Fri 3 Oct.
   *     "25 November ... 25 December and 26 December are bank holidays ...
   *     27 December if that was a week day": 25 Nov 2023 → Mon 25, Tue 26
   *     Dec, Wed 27 Dec 2023. "31st March ... 30th April": 31 Mar 2025 →
   *     Wed 30 Apr 2025. */
  { "2025-09-03", MONTHS, 1, "2025-10-03", "2025-10-03", "2025-10-03" },
  { "2023-11-25", MONTHS, 1, "2023-12-27", "2023-12-27", "2023-12-27" },
  { "2025-03-31", MONTHS, 1, "2025-04-30", "2025-04-30", "2025-04-30" },
};

static void
test_calendar_vectors (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (calendar_vectors); i++)
    {
      const CalendarVector *v = &calendar_vectors[i];
      const char           *expected[RD_DIVISION_N] = {
                  [RD_DIVISION_ENGLAND_AND_WALES] = v->ew,
                  [RD_DIVISION_SCOTLAND] = v->sc,
                  [RD_DIVISION_NORTHERN_IRELAND] = v->ni,
      };

      for (guint d = 0; d < RD_DIVISION_N; d++)
        {
          g_autoptr(RdCalendar) calendar = rd_calendar_new (shipped, (RdDivision) d);
          g_autoptr(RdCalendarTrace) trace = rd_calendar_trace_new ();
          GDate            from = day (v->from);
          GDate            due;
          g_autofree char *got = NULL;

          switch (v->count)
            {
              case MONTHS:
                rd_calendar_add_months (calendar, &from, v->n, &due, trace);
                break;
              case WORKING_DAYS:
                rd_calendar_add_working_days (calendar, &from, v->n, &due, trace);
                break;
              case DAYS:
              default:
                rd_calendar_add_days (calendar, &from, v->n, &due, trace);
                break;
            }
          got = rd_date_to_iso (&due);
          if (g_strcmp0 (got, expected[d]) != 0)
            g_error ("vector %" G_GSIZE_FORMAT " (%s + %u, %s): expected %s, got %s", i + 1,
                     v->from, v->n, rd_division_to_id ((RdDivision) d), expected[d], got);
          g_assert_cmpint (trace->incomplete_holiday_data, ==, v->incomplete);
        }
    }
}

/* Case vectors: the deadlines of a case folded from its events. */

typedef struct
{
  RdCaseFacts facts;
  GArray     *events;
} Case;

static void
case_init (Case *c, const char *received)
{
  GDate date = day (received);

  rd_case_facts_init (&c->facts, &date);
  c->events = g_array_new (FALSE, TRUE, sizeof (RdEvent));
}

static void
case_clear (Case *c)
{
  g_clear_pointer (&c->events, g_array_unref);
}

static RdEvent *
add (Case *c, RdEventKind kind, const char *on)
{
  RdEvent event;
  GDate   date = day (on);

  rd_event_init (&event, kind, &date);
  g_array_append_val (c->events, event);
  return &g_array_index (c->events, RdEvent, c->events->len - 1);
}

static void
add_extension (Case *c, const char *notified, guint months)
{
  RdEvent *event = add (c, RD_EVENT_EXTENDED, notified);

  event->extension_notified_on = day (notified);
  event->extension_reason_given = TRUE;
  event->extension_months = months;
}

static RdCaseState *
state_on (Case *c, RdDivision division, const char *today)
{
  g_autoptr(RdCalendar) calendar = rd_calendar_new (shipped, division);
  GDate date = day (today);

  return rd_case_state_new (&c->facts, (const RdEvent *) c->events->data, c->events->len, calendar,
                            &date);
}

static const RdDeadline *
respond_of (RdCaseState *state)
{
  const RdDeadline *respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);

  g_assert_nonnull (respond);
  return respond;
}

/* Identity settled late, into a bank holiday: received Wed 1 Jul 2026,
 * identity asked for Thu 2 Jul, settled Fri 31 Jul: the clock starts on
 * 31 Jul (ICO: time starts when the organisation receives what it asked
 * for). One month: Mon 31 Aug 2026, summer bank holiday in E&W: Tue 1 Sep.
 * In Scotland 31 Aug is a working day (its summer holiday was 3 Aug). */
static void
test_identity_late (void)
{
  Case c;

  case_init (&c, "2026-07-01");
  add (&c, RD_EVENT_IDENTITY_REQUESTED, "2026-07-02");
  add (&c, RD_EVENT_IDENTITY_VERIFIED, "2026-07-31");
  {
    g_autoptr(RdCaseState) ew = state_on (&c, RD_DIVISION_ENGLAND_AND_WALES, "2026-08-03");
    g_autoptr(RdCaseState) sc = state_on (&c, RD_DIVISION_SCOTLAND, "2026-08-03");

    assert_date (&respond_of (ew)->working.start, "2026-07-31");
    g_assert_cmpint (respond_of (ew)->working.start_reason, ==, RD_START_IDENTITY_SETTLED);
    assert_date (&respond_of (ew)->working.unadjusted, "2026-08-31");
    assert_date (&respond_of (ew)->due, "2026-09-01");
    assert_date (&respond_of (sc)->due, "2026-08-31");
  }
  case_clear (&c);
}

/* Two pauses then Easter: received Mon 2 Mar 2026, one month Thu 2 Apr.
 * Clarification asked Mon 9 Mar, answered Wed 11 Mar: 9, 10, 11 = 3 days;
 * asked and answered Fri 20 Mar: 1 day. 2 Apr + 4 = Mon 6 Apr, Easter
 * Monday in E&W: Tue 7 Apr; in Scotland Mon 6 Apr. */
static void
test_two_pauses (void)
{
  Case c;

  case_init (&c, "2026-03-02");
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-03-09");
  add (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-03-11");
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-03-20");
  add (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-03-20");
  {
    g_autoptr(RdCaseState) ew = state_on (&c, RD_DIVISION_ENGLAND_AND_WALES, "2026-03-23");
    g_autoptr(RdCaseState) sc = state_on (&c, RD_DIVISION_SCOTLAND, "2026-03-23");
    const RdDeadline *respond = respond_of (ew);

    g_assert_cmpuint (respond->working.pauses->len, ==, 2);
    g_assert_cmpuint (g_array_index (respond->working.pauses, RdPause, 0).days, ==, 3);
    g_assert_cmpuint (g_array_index (respond->working.pauses, RdPause, 1).days, ==, 1);
    g_assert_cmpuint (respond->working.pause_days, ==, 4);
    assert_date (&respond->due, "2026-04-07");
    g_assert_cmpint (respond->state, ==, RD_DEADLINE_OPEN);
    g_assert_cmpint (rd_case_state_get_status (ew), ==, RD_STATUS_OPEN);
    assert_date (&respond_of (sc)->due, "2026-04-06");
    /* The pauses do not move the acknowledgement: Mon 2 Mar + 5 working
     * days = 3, 4, 5, 6, 9 Mar. */
    assert_date (&rd_case_state_get_deadline (ew, RD_DEADLINE_ACKNOWLEDGE)->due, "2026-03-09");
  }
  case_clear (&c);
}

/* The clock still stopped: received Mon 2 Mar 2026, clarification asked
 * Mon 9 Mar, no answer by today Thu 12 Mar: 9–12 = 4 days so far; as if it
 * came today: 2 Apr + 4 = Mon 6 Apr (Easter Monday): Tue 7 Apr, paused. */
static void
test_open_pause (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;

  case_init (&c, "2026-03-02");
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-03-09");
  state = state_on (&c, RD_DIVISION_ENGLAND_AND_WALES, "2026-03-12");
  g_assert_cmpint (respond_of (state)->state, ==, RD_DEADLINE_PAUSED);
  g_assert_cmpuint (respond_of (state)->working.pause_days, ==, 4);
  assert_date (&respond_of (state)->due, "2026-04-07");
  g_assert_cmpint (rd_case_state_get_status (state), ==, RD_STATUS_AWAITING_CLARIFICATION);
  case_clear (&c);
}

/* A published stop-the-clock example (DAC Beechcroft, quoted by Compliance
 * Matters, 4 April 2021, on the ICO's guidance): a request of 14 November,
 * clarification sought 16 November and given 16 December: "an additional
 * month". In 2025: one month from Fri 14 Nov is Sun 14 Dec; 16 Nov to
 * 16 Dec, both included, is 31 days; 14 Dec + 31 = Wed 14 Jan 2026. */
static void
test_published_pause (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;

  case_init (&c, "2025-11-14");
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2025-11-16");
  add (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2025-12-16");
  state = state_on (&c, RD_DIVISION_ENGLAND_AND_WALES, "2025-12-17");
  g_assert_cmpuint (respond_of (state)->working.pause_days, ==, 31);
  assert_date (&respond_of (state)->due, "2026-01-14");
  case_clear (&c);
}

/* A pause that began before the clock started: received Mon 2 Feb 2026,
 * identity asked Tue 3 Feb, clarification asked Wed 4 Feb, identity settled
 * Thu 5 Feb (the start), clarification answered Fri 6 Feb. Only the days
 * from the start count: 5 and 6 Feb = 2 days. Thu 5 Mar + 2 = Sat 7 Mar:
 * Mon 9 Mar. */
static void
test_pause_across_start (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;

  case_init (&c, "2026-02-02");
  add (&c, RD_EVENT_IDENTITY_REQUESTED, "2026-02-03");
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-02-04");
  add (&c, RD_EVENT_IDENTITY_VERIFIED, "2026-02-05");
  add (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-02-06");
  state = state_on (&c, RD_DIVISION_ENGLAND_AND_WALES, "2026-02-09");
  assert_date (&respond_of (state)->working.start, "2026-02-05");
  g_assert_cmpuint (respond_of (state)->working.pause_days, ==, 2);
  assert_date (&respond_of (state)->due, "2026-03-09");
  case_clear (&c);
}

/* A second pause asked after the original date but before the date as the
 * first pause had moved it: received Mon 5 Jan 2026, one month Thu 5 Feb;
 * pause 12–16 Jan = 5 days, so the due date is Tue 10 Feb; pause asked Mon
 * 9 Feb (before 10 Feb, so it counts), answered Wed 11 Feb = 3 days:
 * 5 Feb + 8 = Fri 13 Feb. */
static void
test_second_pause_counts (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;

  case_init (&c, "2026-01-05");
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-12");
  add (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-01-16");
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-02-09");
  add (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-02-11");
  state = state_on (&c, RD_DIVISION_ENGLAND_AND_WALES, "2026-02-12");
  g_assert_cmpuint (respond_of (state)->working.pause_days, ==, 8);
  assert_date (&respond_of (state)->due, "2026-02-13");
  case_clear (&c);
}

/* Clarification asked after the deadline had passed stops nothing:
 * received Mon 5 Jan 2026, due Thu 5 Feb; asked Fri 6 Feb, answered Tue
 * 10 Feb: not counted, still due 5 Feb, missed on 11 Feb. */
static void
test_pause_after_deadline (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;

  case_init (&c, "2026-01-05");
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-02-06");
  add (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-02-10");
  state = state_on (&c, RD_DIVISION_ENGLAND_AND_WALES, "2026-02-11");
  g_assert_false (g_array_index (respond_of (state)->working.pauses, RdPause, 0).counted);
  g_assert_cmpuint (respond_of (state)->working.pause_days, ==, 0);
  assert_date (&respond_of (state)->due, "2026-02-05");
  g_assert_cmpint (respond_of (state)->state, ==, RD_DEADLINE_MISSED);
  case_clear (&c);
}

/* An extension notified on the last day, and one day late, and the same
 * day in Scotland. Received Fri 31 Oct 2025: one month is Sun 30 Nov, so
 * the first month ends Mon 1 Dec in E&W (ICO: "the calendar month ends on
 * the next working day"); in Scotland Mon 1 Dec is St Andrew's Day's
 * substitute, so Tue 2 Dec. Extended by two months: three months from
 * 31 Oct is Sat 31 Jan 2026: Mon 2 Feb 2026.
 * - E&W, notified Mon 1 Dec: in time, due 2 Feb.
 * - E&W, notified Tue 2 Dec: late, not counted, due stays 1 Dec.
 * - Scotland, notified Tue 2 Dec: in time, due 2 Feb. */
static void
test_extension_last_day (void)
{
  struct
  {
    const char *notified;
    RdDivision  division;
    gboolean    late;
    const char *original;
    const char *due;
  } rows[] = {
    { "2025-12-01", RD_DIVISION_ENGLAND_AND_WALES, FALSE, "2025-12-01", "2026-02-02" },
    { "2025-12-02", RD_DIVISION_ENGLAND_AND_WALES, TRUE, "2025-12-01", "2025-12-01" },
    { "2025-12-02", RD_DIVISION_SCOTLAND, FALSE, "2025-12-02", "2026-02-02" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      Case c;
      g_autoptr(RdCaseState) state = NULL;
      const RdDeadline *respond;

      case_init (&c, "2025-10-31");
      add_extension (&c, rows[i].notified, 2);
      state = state_on (&c, rows[i].division, "2025-12-03");
      respond = respond_of (state);
      g_assert_true (respond->extended);
      g_assert_cmpint (respond->extension_notified_late, ==, rows[i].late);
      assert_date (&respond->original_due, rows[i].original);
      assert_date (&respond->due, rows[i].due);
      g_assert_cmpint (respond->working.rule, ==,
                       rows[i].late ? RD_RULE_RESPOND_ONE_MONTH : RD_RULE_RESPOND_EXTENDED);
      case_clear (&c);
    }
}

/* An extension with a pause: the stopped days do not count towards the
 * month in which the extension must be notified either (DPA 2018
 * s.54(3C)(b)(ii); UK GDPR Art. 12A). Received Mon 5 Jan 2026; pause 12–16
 * Jan = 5 days: the first month ends Tue 10 Feb. Notified Tue 10 Feb: in
 * time. Three months: Sun 5 Apr + 5 = Fri 10 Apr 2026. */
static void
test_extension_with_pause (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;

  case_init (&c, "2026-01-05");
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-12");
  add (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-01-16");
  add_extension (&c, "2026-02-10", 2);
  state = state_on (&c, RD_DIVISION_ENGLAND_AND_WALES, "2026-02-11");
  g_assert_false (respond_of (state)->extension_notified_late);
  assert_date (&respond_of (state)->original_due, "2026-02-10");
  assert_date (&respond_of (state)->due, "2026-04-10");
  case_clear (&c);
}

/* The Coronation at the end of an extension: received Wed 8 Feb 2023,
 * extended on Wed 1 Mar (first month ends Wed 8 Mar): 8 May 2023 is the
 * Coronation bank holiday: Tue 9 May. */
static void
test_extension_coronation (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;

  case_init (&c, "2023-02-08");
  add_extension (&c, "2023-03-01", 2);
  state = state_on (&c, RD_DIVISION_NORTHERN_IRELAND, "2023-03-02");
  assert_date (&respond_of (state)->original_due, "2023-03-08");
  assert_date (&respond_of (state)->due, "2023-05-09");
  case_clear (&c);
}

/* Consent for a representative, VE day 2020: received Wed 1 Apr 2020,
 * written consent arrived Wed 8 Apr: one month is Fri 8 May 2020, the early
 * May bank holiday moved for VE day: Mon 11 May. */
static void
test_consent_ve_day (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;

  case_init (&c, "2020-04-01");
  c.facts.representative = TRUE;
  add (&c, RD_EVENT_CONSENT_REQUESTED, "2020-04-02");
  add (&c, RD_EVENT_CONSENT_RECEIVED, "2020-04-08");
  state = state_on (&c, RD_DIVISION_ENGLAND_AND_WALES, "2020-04-09");
  g_assert_cmpint (respond_of (state)->working.start_reason, ==, RD_START_CONSENT_RECEIVED);
  assert_date (&respond_of (state)->due, "2020-05-11");
  case_clear (&c);
}

/* A review asked one day late, and on the last day. Outcome sent Fri
 * 30 Jan 2026: one month is Sat 28 Feb (no 30 Feb), so the window ends Mon
 * 2 Mar. Asked Tue 3 Mar: late (flagged, not refused); answer due one month
 * from 3 Mar = Fri 3 Apr, Good Friday, then the weekend and Easter Monday:
 * Tue 7 Apr (Scotland: Mon 6 Apr). Asked Mon 2 Mar: in time; due Thu 2 Apr. */
static void
test_review_window (void)
{
  struct
  {
    const char *asked;
    RdDivision  division;
    gboolean    late;
    const char *due;
  } rows[] = {
    { "2026-03-03", RD_DIVISION_ENGLAND_AND_WALES, TRUE, "2026-04-07" },
    { "2026-03-03", RD_DIVISION_SCOTLAND, TRUE, "2026-04-06" },
    { "2026-03-02", RD_DIVISION_ENGLAND_AND_WALES, FALSE, "2026-04-02" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      Case c;
      g_autoptr(RdCaseState) state = NULL;
      const RdDeadline *window;
      const RdDeadline *answer;

      case_init (&c, "2026-01-05");
      add (&c, RD_EVENT_OUTCOME_SENT, "2026-01-30")->outcome = RD_OUTCOME_NOT_UPHELD;
      add (&c, RD_EVENT_REVIEW_REQUESTED, rows[i].asked);
      state = state_on (&c, rows[i].division, "2026-03-04");
      window = rd_case_state_get_deadline (state, RD_DEADLINE_REVIEW_WINDOW);
      answer = rd_case_state_get_deadline (state, RD_DEADLINE_REVIEW_RESPOND);
      g_assert_nonnull (window);
      g_assert_nonnull (answer);
      assert_date (&window->due, "2026-03-02");
      g_assert_cmpint (window->late_request, ==, rows[i].late);
      assert_date (&answer->due, rows[i].due);
      case_clear (&c);
    }
}

/* The State Funeral in a review: review asked Fri 19 Aug 2022: one month
 * is Mon 19 Sep 2022, the State Funeral bank holiday: Tue 20 Sep. */
static void
test_review_state_funeral (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;
  const RdDeadline *answer;

  case_init (&c, "2022-06-01");
  add (&c, RD_EVENT_OUTCOME_SENT, "2022-07-01")->outcome = RD_OUTCOME_PARTLY_UPHELD;
  add (&c, RD_EVENT_REVIEW_REQUESTED, "2022-08-19");
  state = state_on (&c, RD_DIVISION_SCOTLAND, "2022-08-22");
  answer = rd_case_state_get_deadline (state, RD_DEADLINE_REVIEW_RESPOND);
  g_assert_nonnull (answer);
  assert_date (&answer->due, "2022-09-20");
  case_clear (&c);
}

/* Acknowledgements: s.164A applies from 19 June 2026 (SI 2026/82 reg. 3).
 * - Received Thu 18 Jun 2026: no legal limit; the policy's 5 working days:
 *   19, 22, 23, 24, 25 Jun: Thu 25 Jun.
 * - Received Fri 19 Jun 2026: 30 days from Sat 20 Jun: Sun 19 Jul: Mon
 *   20 Jul. Policy: 22, 23, 24, 25, 26 Jun: Fri 26 Jun.
 * - Received Wed 23 Dec 2026: 30 days: Fri 22 Jan 2027. Policy: Mon 4 Jan
 *   2027 (vector 24 above); Scotland Tue 5 Jan. */
static void
test_acknowledgements (void)
{
  struct
  {
    const char *received;
    RdDivision  division;
    const char *policy;
    const char *statutory; /* NULL: not in force */
  } rows[] = {
    { "2026-06-18", RD_DIVISION_ENGLAND_AND_WALES, "2026-06-25", NULL },
    { "2026-06-19", RD_DIVISION_ENGLAND_AND_WALES, "2026-06-26", "2026-07-20" },
    { "2026-12-23", RD_DIVISION_ENGLAND_AND_WALES, "2027-01-04", "2027-01-22" },
    { "2026-12-23", RD_DIVISION_SCOTLAND, "2027-01-05", "2027-01-22" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      Case c;
      g_autoptr(RdCaseState) state = NULL;
      const RdDeadline *ack;
      const RdDeadline *statutory;

      case_init (&c, rows[i].received);
      state = state_on (&c, rows[i].division, rows[i].received);
      ack = rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE);
      statutory = rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE_STATUTORY);
      g_assert_nonnull (ack);
      assert_date (&ack->due, rows[i].policy);
      if (rows[i].statutory == NULL)
        g_assert_null (statutory);
      else
        {
          g_assert_nonnull (statutory);
          assert_date (&statutory->due, rows[i].statutory);
          assert_date (&ack->statutory_due, rows[i].statutory);
        }
      case_clear (&c);
    }
}

/* Leap years at both ends: received Mon 31 Jan 2028: Tue 29 Feb 2028;
 * closed Thu 29 Feb 2024, kept 6 years: 2030 has no 29 Feb: Thu 28 Feb
 * 2030 (not moved to a working day). */
static void
test_leap_years (void)
{
  Case c;

  case_init (&c, "2028-01-31");
  {
    g_autoptr(RdCaseState) state = state_on (&c, RD_DIVISION_ENGLAND_AND_WALES, "2028-02-01");

    assert_date (&respond_of (state)->due, "2028-02-29");
  }
  case_clear (&c);

  case_init (&c, "2024-01-10");
  add (&c, RD_EVENT_OUTCOME_SENT, "2024-02-01")->outcome = RD_OUTCOME_UPHELD;
  add (&c, RD_EVENT_CLOSED, "2024-02-29");
  {
    g_autoptr(RdCaseState) state = state_on (&c, RD_DIVISION_ENGLAND_AND_WALES, "2024-03-01");
    const RdDeadline *retain = rd_case_state_get_deadline (state, RD_DEADLINE_RETAIN);

    g_assert_nonnull (retain);
    assert_date (&retain->due, "2030-02-28");
  }
  case_clear (&c);
}

/* Hostile event lists (any kind, any order, dates anywhere around the
 * receipt, missing facts), as an import or an older version might hand
 * over: the fold must never crash, and what it says must still hold
 * together. Deterministic seed, so a failure can be replayed. */
static void
test_fold_fuzz (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (164);
  g_autoptr(RdCalendar) calendar = rd_calendar_new (shipped, RD_DIVISION_SCOTLAND);

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (RdEvent));
      g_autoptr(RdCaseState) state = NULL;
      g_autoptr(GArray) actions = NULL;
      RdCaseFacts facts;
      GDate       received = day ("2026-01-01");
      GDate       today;
      GDate       start;
      guint       n = (guint) g_rand_int_range (rand, 0, 14);

      g_date_add_days (&received, (guint) g_rand_int_range (rand, 0, 700));
      rd_case_facts_init (&facts, &received);
      facts.representative = g_rand_boolean (rand);
      facts.ack_working_days = (guint) g_rand_int_range (rand, 0, 30);
      facts.retention_years = (guint) g_rand_int_range (rand, 0, 10);
      today = received;
      g_date_add_days (&today, (guint) g_rand_int_range (rand, 0, 400));

      for (guint i = 0; i < n; i++)
        {
          RdEvent event;
          GDate   on = received;
          gint    offset = g_rand_int_range (rand, -20, 200);

          if (offset >= 0)
            g_date_add_days (&on, (guint) offset);
          else
            g_date_subtract_days (&on, (guint) -offset);
          rd_event_init (&event, (RdEventKind) g_rand_int_range (rand, 0, RD_EVENT_N_KINDS),
                         g_rand_int_range (rand, 0, 20) == 0 ? NULL : &on);
          event.extension_months = (guint) g_rand_int_range (rand, 0, 4);
          if (g_rand_boolean (rand))
            event.extension_notified_on = on;
          if (g_rand_boolean (rand))
            {
              event.ico_due = on;
              g_date_add_days (&event.ico_due, (guint) g_rand_int_range (rand, 0, 60));
            }
          event.outcome = (RdOutcome) g_rand_int_range (rand, 0, 4);
          g_array_append_val (events, event);
        }

      state = rd_case_state_new (&facts, (const RdEvent *) events->data, events->len, calendar,
                                 &today);
      g_assert_nonnull (state);
      g_assert_nonnull (rd_status_to_id (rd_case_state_get_status (state)));

      for (guint k = 0; k < RD_DEADLINE_N_KINDS; k++)
        {
          const RdDeadline *deadline = rd_case_state_get_deadline (state, (RdDeadlineKind) k);
          g_autofree char  *working = NULL;

          if (deadline == NULL)
            continue;
          g_assert_nonnull (rd_deadline_state_to_id (deadline->state));
          working = rd_deadline_describe_working (deadline);
          g_assert_true (working != NULL && *working != '\0');
          if (!g_date_valid (&deadline->due))
            {
              /* The clock never started: waiting, or done or ended anyway
               * (an outcome or a closure the guards would have refused). */
              g_assert_true (deadline->state == RD_DEADLINE_WAITING ||
                             deadline->state == RD_DEADLINE_MET ||
                             deadline->state == RD_DEADLINE_LAPSED);
              g_assert_false (rd_deadline_is_outstanding (deadline) &&
                              deadline->state != RD_DEADLINE_WAITING);
              continue;
            }
          /* Every council deadline ends on a working day, never before its
           * start; the ICO's date and the retention date are not moved. */
          if (k != RD_DEADLINE_ICO && k != RD_DEADLINE_RETAIN)
            {
              g_assert_true (rd_calendar_is_working_day (calendar, &deadline->due));
              g_assert_cmpint (g_date_compare (&deadline->due, &deadline->working.start), >, 0);
            }
        }

      /* The response is due at least 28 days (the shortest month) after the
       * clock starts, and never earlier than without its pauses. */
      if (rd_case_state_get_clock_start (state, &start, NULL))
        {
          const RdDeadline *respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);

          g_assert_cmpint (rd_date_days_between (&start, &respond->due), >=, 28);
          g_assert_cmpint (g_date_compare (&respond->due, &respond->working.unadjusted), >=, 0);
        }

      actions = rd_case_state_list_actions (state);
      g_assert_cmpuint (actions->len, ==, RD_EVENT_N_KINDS - 1);
    }
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  shipped = rd_test_load_shipped_holidays ();

  g_test_add_func ("/rules-vectors/calendar", test_calendar_vectors);
  g_test_add_func ("/rules-vectors/identity-late", test_identity_late);
  g_test_add_func ("/rules-vectors/two-pauses", test_two_pauses);
  g_test_add_func ("/rules-vectors/open-pause", test_open_pause);
  g_test_add_func ("/rules-vectors/published-pause", test_published_pause);
  g_test_add_func ("/rules-vectors/pause-across-start", test_pause_across_start);
  g_test_add_func ("/rules-vectors/second-pause-counts", test_second_pause_counts);
  g_test_add_func ("/rules-vectors/pause-after-deadline", test_pause_after_deadline);
  g_test_add_func ("/rules-vectors/extension-last-day", test_extension_last_day);
  g_test_add_func ("/rules-vectors/extension-with-pause", test_extension_with_pause);
  g_test_add_func ("/rules-vectors/extension-coronation", test_extension_coronation);
  g_test_add_func ("/rules-vectors/consent-ve-day", test_consent_ve_day);
  g_test_add_func ("/rules-vectors/review-window", test_review_window);
  g_test_add_func ("/rules-vectors/review-state-funeral", test_review_state_funeral);
  g_test_add_func ("/rules-vectors/acknowledgements", test_acknowledgements);
  g_test_add_func ("/rules-vectors/leap-years", test_leap_years);
  g_test_add_func ("/rules-vectors/fold-fuzz", test_fold_fuzz);

  status = g_test_run ();
  g_clear_object (&shipped);
  return status;
}
