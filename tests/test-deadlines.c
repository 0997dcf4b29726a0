/* test-deadlines.c: a case's deadlines, folded from its events.
 *
 * Expected dates are worked out by hand from the rules' sources (council
 * policy, DPA 2018 s.164A and the ICO's guidance, the privacy notice) and
 * GOV.UK's holiday lists; the working is in the comments. "Today" is
 * always passed in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-rules.h"
#include "rules-test-util.h"

static RdHolidays *shipped;

/* A case being built: facts, events, and the state as of a day. */
typedef struct
{
  RdCaseFacts facts;
  GArray     *events;
  RdDivision  division;
} Case;

static void
case_init (Case *c, const char *received)
{
  GDate date = day (received);

  rd_case_facts_init (&c->facts, &date);
  c->events = g_array_new (FALSE, TRUE, sizeof (RdEvent));
  c->division = RD_DIVISION_ENGLAND_AND_WALES;
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
add_outcome (Case *c, const char *on)
{
  add (c, RD_EVENT_OUTCOME_SENT, on)->outcome = RD_OUTCOME_NOT_UPHELD;
}

static void
add_extension (Case *c, const char *on, const char *notified, guint months)
{
  RdEvent *event = add (c, RD_EVENT_EXTENDED, on);

  event->extension_notified_on = day (notified);
  event->extension_reason_given = TRUE;
  event->extension_months = months;
}

static RdCaseState *
state_on (Case *c, const char *today)
{
  g_autoptr(RdCalendar) calendar = rd_calendar_new (shipped, c->division);
  GDate date = day (today);

  return rd_case_state_new (&c->facts, (const RdEvent *) c->events->data, c->events->len, calendar,
                            &date);
}

/* Acknowledge */

static void
test_acknowledge_policy (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;
  const RdDeadline *ack;

  /* Fri 9 Jan 2026 + 5 working days: 12, 13, 14, 15, 16. */
  case_init (&c, "2026-01-09");
  state = state_on (&c, "2026-01-12");
  ack = rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE);
  g_assert_nonnull (ack);
  assert_date (&ack->due, "2026-01-16");
  g_assert_cmpint (ack->state, ==, RD_DEADLINE_OPEN);
  g_assert_cmpint (ack->working.rule, ==, RD_RULE_ACKNOWLEDGE_POLICY);
  g_assert_cmpint (ack->working.start_reason, ==, RD_START_RECEIPT);
  assert_date (&ack->working.start, "2026-01-09");
  g_assert_cmpuint (ack->working.amount, ==, 5);
  g_assert_cmpuint (ack->working.skipped->len, ==, 2); /* Sat 10, Sun 11 */
  /* Received before 19 June 2026: no statutory limit yet. */
  g_assert_false (g_date_valid (&ack->statutory_due));
  g_assert_null (rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE_STATUTORY));
  g_clear_object (&state);

  /* Today past the due date, not acknowledged: missed and outstanding. */
  state = state_on (&c, "2026-01-19");
  ack = rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE);
  g_assert_cmpint (ack->state, ==, RD_DEADLINE_MISSED);
  g_assert_true (rd_deadline_is_outstanding (ack));
  g_clear_object (&state);

  /* Acknowledged on the last day: met. */
  add (&c, RD_EVENT_ACKNOWLEDGED, "2026-01-16");
  state = state_on (&c, "2026-01-19");
  ack = rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE);
  g_assert_cmpint (ack->state, ==, RD_DEADLINE_MET);
  assert_date (&ack->met_on, "2026-01-16");
  g_assert_false (rd_deadline_is_outstanding (ack));
  g_clear_object (&state);
  case_clear (&c);

  /* Acknowledged a day late: missed, with the day it was done. */
  case_init (&c, "2026-01-09");
  add (&c, RD_EVENT_ACKNOWLEDGED, "2026-01-19");
  state = state_on (&c, "2026-01-20");
  ack = rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE);
  g_assert_cmpint (ack->state, ==, RD_DEADLINE_MISSED);
  assert_date (&ack->met_on, "2026-01-19");
  g_assert_false (rd_deadline_is_outstanding (ack));
  g_clear_object (&state);
  case_clear (&c);

  /* A council setting of 10 working days, over Christmas 2026 in Scotland:
   * 24, 29, 30, 31 Dec, 5, 6, 7, 8, 11, 12 Jan (1 and 4 Jan are holidays). */
  case_init (&c, "2026-12-23");
  c.facts.ack_working_days = 10;
  c.division = RD_DIVISION_SCOTLAND;
  state = state_on (&c, "2026-12-23");
  ack = rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE);
  assert_date (&ack->due, "2027-01-12");
  g_clear_object (&state);
  case_clear (&c);
}

static void
test_acknowledge_statutory (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;
  const RdDeadline *ack, *statutory;

  /* Received Fri 19 June 2026, the day s.164A comes into force: day one is
   * Sat 20 June, day 30 is Sun 19 July → Mon 20 July. */
  case_init (&c, "2026-06-19");
  state = state_on (&c, "2026-06-19");
  statutory = rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE_STATUTORY);
  g_assert_nonnull (statutory);
  assert_date (&statutory->due, "2026-07-20");
  assert_date (&statutory->working.unadjusted, "2026-07-19");
  g_assert_cmpuint (statutory->working.amount, ==, 30);
  g_assert_cmpint (statutory->working.rule, ==, RD_RULE_ACKNOWLEDGE_STATUTORY);
  g_assert_cmpuint (statutory->working.skipped->len, ==, 1);
  ack = rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE);
  /* Policy: 22, 23, 24, 25, 26 June. */
  assert_date (&ack->due, "2026-06-26");
  assert_date (&ack->statutory_due, "2026-07-20");
  g_clear_object (&state);

  /* An outcome within the 30 days acknowledges too (ICO complaints guidance). */
  add_outcome (&c, "2026-07-01");
  state = state_on (&c, "2026-07-02");
  statutory = rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE_STATUTORY);
  g_assert_cmpint (statutory->state, ==, RD_DEADLINE_MET);
  ack = rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE);
  g_assert_cmpint (ack->state, ==, RD_DEADLINE_MISSED); /* the policy's 5 days were missed */
  g_clear_object (&state);
  case_clear (&c);

  /* The day before it came into force: none. */
  case_init (&c, "2026-06-18");
  state = state_on (&c, "2026-06-18");
  g_assert_null (rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE_STATUTORY));
  g_clear_object (&state);
  case_clear (&c);
}

/* Respond */

static void
test_respond_simple (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;
  const RdDeadline *respond;
  GDate             next;
  RdDeadlineKind    next_kind;

  /* ICO: day one is the day of receipt; 31 Jan 2026 + 1 month = 28 Feb, a
   * Saturday → Mon 2 March. */
  case_init (&c, "2026-01-31");
  state = state_on (&c, "2026-02-10");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  assert_date (&respond->due, "2026-03-02");
  assert_date (&respond->working.unadjusted, "2026-02-28");
  g_assert_cmpint (respond->state, ==, RD_DEADLINE_OPEN);
  g_assert_cmpint (respond->working.rule, ==, RD_RULE_RESPOND_ONE_MONTH);
  g_assert_cmpuint (respond->working.skipped->len, ==, 2);
  g_assert_false (respond->extended);
  g_assert_false (g_date_valid (&respond->original_due));

  /* Days until: from Tue 10 Feb to Mon 2 Mar is 20 calendar days, 14 working days. */
  {
    GDate today = day ("2026-02-10");
    g_autoptr(RdCalendar) calendar = rd_calendar_new (shipped, RD_DIVISION_ENGLAND_AND_WALES);

    g_assert_cmpint (rd_deadline_days_until (respond, &today), ==, 20);
    g_assert_cmpint (rd_deadline_working_days_until (respond, calendar, &today), ==, 14);
  }

  /* The next due date: the acknowledgement (Mon 2 Feb + … = 6 Feb) was
   * missed and is still outstanding, so it comes first. */
  g_assert_true (rd_case_state_get_next_due (state, &next, &next_kind));
  g_assert_cmpint (next_kind, ==, RD_DEADLINE_ACKNOWLEDGE);
  assert_date (&next, "2026-02-06");
  g_clear_object (&state);

  add (&c, RD_EVENT_ACKNOWLEDGED, "2026-02-02");
  state = state_on (&c, "2026-02-10");
  g_assert_true (rd_case_state_get_next_due (state, &next, &next_kind));
  g_assert_cmpint (next_kind, ==, RD_DEADLINE_RESPOND);
  assert_date (&next, "2026-03-02");
  g_clear_object (&state);

  /* Overdue by 2 days on Wed 4 March; then met late. */
  state = state_on (&c, "2026-03-04");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  g_assert_cmpint (respond->state, ==, RD_DEADLINE_MISSED);
  {
    GDate today = day ("2026-03-04");

    g_assert_cmpint (rd_deadline_days_until (respond, &today), ==, -2);
  }
  g_clear_object (&state);

  add_outcome (&c, "2026-03-02");
  state = state_on (&c, "2026-03-04");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  g_assert_cmpint (respond->state, ==, RD_DEADLINE_MET);
  assert_date (&respond->met_on, "2026-03-02");
  g_clear_object (&state);
  case_clear (&c);
}

static void
test_respond_identity (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;
  const RdDeadline *respond;
  GDate             start;
  RdStartReason     reason;

  /* Identity in doubt: the clock waits until it is settled. */
  case_init (&c, "2026-01-05");
  add (&c, RD_EVENT_IDENTITY_REQUESTED, "2026-01-06");
  state = state_on (&c, "2026-01-15");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  g_assert_cmpint (respond->state, ==, RD_DEADLINE_WAITING);
  g_assert_false (g_date_valid (&respond->due));
  g_assert_false (rd_case_state_get_clock_start (state, NULL, NULL));
  g_assert_false (rd_deadline_is_outstanding (respond));
  {
    GDate today = day ("2026-01-15");

    g_assert_cmpint (rd_deadline_days_until (respond, &today), ==, G_MININT);
  }
  g_clear_object (&state);

  /* Settled Tue 20 Jan: due Fri 20 Feb. */
  add (&c, RD_EVENT_IDENTITY_VERIFIED, "2026-01-20");
  state = state_on (&c, "2026-01-21");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  assert_date (&respond->due, "2026-02-20");
  g_assert_cmpint (respond->working.start_reason, ==, RD_START_IDENTITY_SETTLED);
  assert_date (&respond->working.start, "2026-01-20");
  g_assert_true (rd_case_state_get_clock_start (state, &start, &reason));
  assert_date (&start, "2026-01-20");
  g_assert_cmpint (reason, ==, RD_START_IDENTITY_SETTLED);
  g_clear_object (&state);
  case_clear (&c);
}

static void
test_respond_consent (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;
  const RdDeadline *respond;

  /* A representative: the clock starts when the written consent arrives,
   * Fri 30 Jan 2026; no 30 February, so Sat 28 Feb → Mon 2 Mar. */
  case_init (&c, "2026-01-05");
  c.facts.representative = TRUE;
  add (&c, RD_EVENT_CONSENT_REQUESTED, "2026-01-06");
  state = state_on (&c, "2026-01-07");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  g_assert_cmpint (respond->state, ==, RD_DEADLINE_WAITING);
  g_clear_object (&state);

  add (&c, RD_EVENT_CONSENT_RECEIVED, "2026-01-30");
  state = state_on (&c, "2026-02-02");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  assert_date (&respond->due, "2026-03-02");
  g_assert_cmpint (respond->working.start_reason, ==, RD_START_CONSENT_RECEIVED);
  g_clear_object (&state);

  /* Identity settled later than consent: the later day wins. */
  add (&c, RD_EVENT_IDENTITY_REQUESTED, "2026-02-02");
  add (&c, RD_EVENT_IDENTITY_VERIFIED, "2026-02-03");
  state = state_on (&c, "2026-02-04");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  assert_date (&respond->due, "2026-03-03");
  g_assert_cmpint (respond->working.start_reason, ==, RD_START_IDENTITY_SETTLED);
  g_clear_object (&state);
  case_clear (&c);
}

static void
test_respond_pauses (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;
  const RdDeadline *respond;
  const RdPause    *pause;

  /* Received Mon 5 Jan 2026: one month is Thu 5 Feb. */
  case_init (&c, "2026-01-05");

  /* One pause, Mon 12 to Fri 16 Jan, both included: 5 days → Tue 10 Feb. */
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-12");
  add (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-01-16");
  state = state_on (&c, "2026-01-19");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  assert_date (&respond->due, "2026-02-10");
  g_assert_cmpuint (respond->working.pause_days, ==, 5);
  g_assert_cmpuint (respond->working.pauses->len, ==, 1);
  pause = &g_array_index (respond->working.pauses, RdPause, 0);
  assert_date (&pause->from, "2026-01-12");
  assert_date (&pause->to, "2026-01-16");
  g_assert_cmpuint (pause->days, ==, 5);
  g_assert_false (pause->open);
  g_assert_true (pause->counted);
  g_assert_cmpint (rd_case_state_get_status (state), ==, RD_STATUS_OPEN);
  g_clear_object (&state);

  /* A second pause, Mon 26 to Tue 27 Jan: 2 more days → 7 in all, Thu 12 Feb. */
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-26");
  add (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-01-27");
  state = state_on (&c, "2026-01-28");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  assert_date (&respond->due, "2026-02-12");
  g_assert_cmpuint (respond->working.pause_days, ==, 7);
  g_assert_cmpuint (respond->working.pauses->len, ==, 2);
  g_clear_object (&state);

  /* A third, still open on Mon 2 Feb since Fri 30 Jan: 4 days so far (30,
   * 31, 1, 2) → 11 → Mon 16 Feb, provisional; the clock is stopped. */
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-30");
  state = state_on (&c, "2026-02-02");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  g_assert_cmpint (respond->state, ==, RD_DEADLINE_PAUSED);
  assert_date (&respond->due, "2026-02-16");
  pause = &g_array_index (respond->working.pauses, RdPause, 2);
  g_assert_true (pause->open);
  g_assert_cmpuint (pause->days, ==, 4);
  g_assert_cmpint (rd_case_state_get_status (state), ==, RD_STATUS_AWAITING_CLARIFICATION);
  g_assert_true (rd_case_state_get_clock_paused (state));
  g_assert_true (rd_deadline_is_outstanding (respond));
  g_clear_object (&state);
  case_clear (&c);

  /* A pause that makes the end a Saturday: Mon 12 to Tue 20 Jan = 9 days;
   * 5 Feb + 9 = Sat 14 Feb → Mon 16 Feb. */
  case_init (&c, "2026-01-05");
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-12");
  add (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-01-20");
  state = state_on (&c, "2026-01-21");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  assert_date (&respond->due, "2026-02-16");
  g_assert_cmpuint (respond->working.skipped->len, ==, 2);
  g_clear_object (&state);
  case_clear (&c);

  /* A request for clarification after the deadline had passed does not
   * stop the clock: due stays Thu 5 Feb. */
  case_init (&c, "2026-01-05");
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-02-09");
  add (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-02-10");
  state = state_on (&c, "2026-02-11");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  assert_date (&respond->due, "2026-02-05");
  pause = &g_array_index (respond->working.pauses, RdPause, 0);
  g_assert_false (pause->counted);
  g_assert_cmpuint (pause->days, ==, 0);
  g_assert_cmpint (respond->state, ==, RD_DEADLINE_MISSED);
  g_clear_object (&state);
  case_clear (&c);

  /* A pause that began while identity was in doubt counts only from the
   * day the clock started: asked Tue 6 Jan, identity settled Fri 9 Jan,
   * answer Mon 12 Jan → 9, 10, 11, 12 = 4 days; 9 Feb + 4 = Fri 13 Feb. */
  case_init (&c, "2026-01-05");
  add (&c, RD_EVENT_IDENTITY_REQUESTED, "2026-01-05");
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-06");
  add (&c, RD_EVENT_IDENTITY_VERIFIED, "2026-01-09");
  add (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-01-12");
  state = state_on (&c, "2026-01-13");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  g_assert_cmpuint (respond->working.pause_days, ==, 4);
  assert_date (&respond->due, "2026-02-13");
  g_clear_object (&state);
  case_clear (&c);
}

static void
test_respond_extension (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;
  const RdDeadline *respond;
  g_autofree char  *working = NULL;

  /* Received Mon 5 Jan 2026, extended by two months, notified Tue 20 Jan:
   * three months from the start is Sun 5 April; Mon 6 April is Easter
   * Monday → Tue 7 April. The original deadline was Thu 5 Feb. */
  case_init (&c, "2026-01-05");
  add_extension (&c, "2026-01-20", "2026-01-20", 2);
  state = state_on (&c, "2026-01-21");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  g_assert_true (respond->extended);
  g_assert_false (respond->extension_notified_late);
  assert_date (&respond->due, "2026-04-07");
  assert_date (&respond->original_due, "2026-02-05");
  assert_date (&respond->extension_notified_on, "2026-01-20");
  g_assert_cmpint (respond->working.rule, ==, RD_RULE_RESPOND_EXTENDED);
  g_assert_cmpuint (respond->working.amount, ==, 3);
  working = rd_deadline_describe_working (respond);
  g_assert_nonnull (strstr (working, "Easter Monday"));
  g_assert_nonnull (strstr (working, "Thursday 5 February 2026"));
  g_clear_object (&state);

  /* In Scotland, Easter Monday is a working day: Mon 6 April. */
  c.division = RD_DIVISION_SCOTLAND;
  state = state_on (&c, "2026-01-21");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  assert_date (&respond->due, "2026-04-06");
  g_clear_object (&state);
  case_clear (&c);

  /* One further month: 5 March (Thu). */
  case_init (&c, "2026-01-05");
  add_extension (&c, "2026-01-20", "2026-01-20", 1);
  state = state_on (&c, "2026-01-21");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  assert_date (&respond->due, "2026-03-05");
  g_clear_object (&state);
  case_clear (&c);

  /* Notified on the original deadline itself: still in time. */
  case_init (&c, "2026-01-05");
  add_extension (&c, "2026-02-05", "2026-02-05", 2);
  state = state_on (&c, "2026-02-06");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  g_assert_false (respond->extension_notified_late);
  assert_date (&respond->due, "2026-04-07");
  g_clear_object (&state);
  case_clear (&c);

  /* Notified a day after the original deadline: too late, it does not
   * count; the deadline stays Thu 5 Feb, and on 10 Feb it is missed. */
  case_init (&c, "2026-01-05");
  add_extension (&c, "2026-02-06", "2026-02-06", 2);
  state = state_on (&c, "2026-02-10");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  g_assert_true (respond->extended);
  g_assert_true (respond->extension_notified_late);
  assert_date (&respond->due, "2026-02-05");
  assert_date (&respond->original_due, "2026-02-05");
  g_assert_cmpint (respond->state, ==, RD_DEADLINE_MISSED);
  g_clear_pointer (&working, g_free);
  working = rd_deadline_describe_working (respond);
  g_assert_nonnull (strstr (working, "after the original deadline"));
  g_clear_object (&state);
  case_clear (&c);

  /* Extension with a pause: the pause days are added to the extended
   * period too: 5 Apr + 5 = Fri 10 Apr. */
  case_init (&c, "2026-01-05");
  add (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-12");
  add (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-01-16");
  add_extension (&c, "2026-01-20", "2026-01-20", 2);
  state = state_on (&c, "2026-01-21");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  assert_date (&respond->original_due, "2026-02-10");
  assert_date (&respond->due, "2026-04-10");
  g_clear_object (&state);
  case_clear (&c);
}

/* Review */

static void
test_review (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;
  const RdDeadline *window, *review;

  /* Outcome sent Mon 2 Feb 2026: the review window runs to Mon 2 March. */
  case_init (&c, "2026-01-05");
  add_outcome (&c, "2026-02-02");
  state = state_on (&c, "2026-02-03");
  window = rd_case_state_get_deadline (state, RD_DEADLINE_REVIEW_WINDOW);
  g_assert_nonnull (window);
  assert_date (&window->due, "2026-03-02");
  g_assert_cmpint (window->state, ==, RD_DEADLINE_OPEN);
  g_assert_cmpint (window->working.start_reason, ==, RD_START_OUTCOME_SENT);
  g_assert_false (rd_deadline_is_outstanding (window)); /* the complainant's, not the council's */
  g_assert_null (rd_case_state_get_deadline (state, RD_DEADLINE_REVIEW_RESPOND));
  g_assert_cmpint (rd_case_state_get_status (state), ==, RD_STATUS_RESPONDED);
  g_clear_object (&state);

  /* No request by then: lapsed. */
  state = state_on (&c, "2026-03-03");
  window = rd_case_state_get_deadline (state, RD_DEADLINE_REVIEW_WINDOW);
  g_assert_cmpint (window->state, ==, RD_DEADLINE_LAPSED);
  g_clear_object (&state);

  /* A late request (Tue 3 March) is flagged, not refused; the review is due
   * a month later: Fri 3 April, Good Friday → Sat, Sun, Easter Monday → Tue 7. */
  add (&c, RD_EVENT_REVIEW_REQUESTED, "2026-03-03");
  state = state_on (&c, "2026-03-04");
  window = rd_case_state_get_deadline (state, RD_DEADLINE_REVIEW_WINDOW);
  g_assert_true (window->late_request);
  g_assert_cmpint (window->state, ==, RD_DEADLINE_MISSED);
  review = rd_case_state_get_deadline (state, RD_DEADLINE_REVIEW_RESPOND);
  g_assert_nonnull (review);
  assert_date (&review->due, "2026-04-07");
  g_assert_cmpuint (review->working.skipped->len, ==, 4);
  g_assert_cmpint (rd_case_state_get_status (state), ==, RD_STATUS_UNDER_REVIEW);
  g_clear_object (&state);

  /* In Scotland: Good Friday, weekend → Mon 6 April. */
  c.division = RD_DIVISION_SCOTLAND;
  state = state_on (&c, "2026-03-04");
  review = rd_case_state_get_deadline (state, RD_DEADLINE_REVIEW_RESPOND);
  assert_date (&review->due, "2026-04-06");
  g_clear_object (&state);

  add (&c, RD_EVENT_REVIEW_OUTCOME_SENT, "2026-03-20")->outcome = RD_OUTCOME_UPHELD;
  state = state_on (&c, "2026-03-21");
  review = rd_case_state_get_deadline (state, RD_DEADLINE_REVIEW_RESPOND);
  g_assert_cmpint (review->state, ==, RD_DEADLINE_MET);
  g_assert_cmpint (rd_case_state_get_status (state), ==, RD_STATUS_RESPONDED);
  g_clear_object (&state);
  case_clear (&c);

  /* In time: asked on the last day. */
  case_init (&c, "2026-01-05");
  add_outcome (&c, "2026-02-02");
  add (&c, RD_EVENT_REVIEW_REQUESTED, "2026-03-02");
  state = state_on (&c, "2026-03-02");
  window = rd_case_state_get_deadline (state, RD_DEADLINE_REVIEW_WINDOW);
  g_assert_false (window->late_request);
  g_assert_cmpint (window->state, ==, RD_DEADLINE_MET);
  g_clear_object (&state);
  case_clear (&c);
}

static void
test_ico_and_retention (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;
  const RdDeadline *ico, *retain, *respond;
  RdEvent          *event;

  case_init (&c, "2026-01-05");
  add_outcome (&c, "2026-02-02");
  event = add (&c, RD_EVENT_ICO_NOTIFIED, "2026-05-01");
  event->ico_due = day ("2026-05-30"); /* a Saturday: the ICO's date is not moved */
  state = state_on (&c, "2026-05-02");
  ico = rd_case_state_get_deadline (state, RD_DEADLINE_ICO);
  g_assert_nonnull (ico);
  assert_date (&ico->due, "2026-05-30");
  g_assert_cmpint (ico->working.rule, ==, RD_RULE_ICO_DATE);
  g_assert_cmpint (rd_case_state_get_status (state), ==, RD_STATUS_WITH_ICO);
  g_clear_object (&state);

  add (&c, RD_EVENT_ICO_RESPONSE_SENT, "2026-05-20");
  add (&c, RD_EVENT_CLOSED, "2026-06-01");
  state = state_on (&c, "2026-06-02");
  ico = rd_case_state_get_deadline (state, RD_DEADLINE_ICO);
  g_assert_cmpint (ico->state, ==, RD_DEADLINE_MET);
  retain = rd_case_state_get_deadline (state, RD_DEADLINE_RETAIN);
  g_assert_nonnull (retain);
  /* Privacy notice: 6 years from closure. */
  assert_date (&retain->due, "2032-06-01");
  g_assert_cmpint (retain->state, ==, RD_DEADLINE_OPEN);
  g_assert_cmpint (rd_case_state_get_status (state), ==, RD_STATUS_CLOSED);
  g_clear_object (&state);

  /* On the day: destruction is due; after it, overdue. */
  state = state_on (&c, "2032-06-02");
  retain = rd_case_state_get_deadline (state, RD_DEADLINE_RETAIN);
  g_assert_cmpint (retain->state, ==, RD_DEADLINE_MISSED);
  g_assert_true (rd_deadline_is_outstanding (retain));
  g_clear_object (&state);

  add (&c, RD_EVENT_DESTROYED, "2032-06-01");
  state = state_on (&c, "2032-06-02");
  retain = rd_case_state_get_deadline (state, RD_DEADLINE_RETAIN);
  g_assert_cmpint (retain->state, ==, RD_DEADLINE_MET);
  g_assert_cmpint (rd_case_state_get_status (state), ==, RD_STATUS_DESTROYED);
  g_assert_false (rd_case_state_get_next_due (state, NULL, NULL));
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  g_assert_cmpint (respond->state, ==, RD_DEADLINE_MET);
  g_clear_object (&state);
  case_clear (&c);

  /* Received Sat 10 Feb 2024, closed on 29 February 2024, a council
   * setting of 7 years: 2031 is not a leap year, so 28 February 2031. */
  case_init (&c, "2024-02-10");
  c.facts.retention_years = 7;
  add (&c, RD_EVENT_CLOSED, "2024-02-29");
  state = state_on (&c, "2024-03-01");
  retain = rd_case_state_get_deadline (state, RD_DEADLINE_RETAIN);
  assert_date (&retain->due, "2031-02-28");
  g_assert_cmpuint (retain->working.amount, ==, 7);
  /* Closed with nothing done: the open deadlines end with the closure. The
   * response was due Sun 10 March → Mon 11 March, after the closure: lapsed. */
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  g_assert_cmpint (respond->state, ==, RD_DEADLINE_LAPSED);
  assert_date (&respond->ended_on, "2024-02-29");
  g_assert_false (rd_deadline_is_outstanding (respond));
  /* The acknowledgement was due Fri 16 Feb (12–16) and missed before closure. */
  g_assert_cmpint (rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE)->state, ==,
                   RD_DEADLINE_MISSED);
  g_assert_false (
      rd_deadline_is_outstanding (rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE)));
  g_clear_object (&state);
  case_clear (&c);
}

static void
test_incomplete_holiday_data (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;
  const RdDeadline *respond;
  g_autofree char  *working = NULL;

  /* The shipped data ends in 2028: a deadline in 2029 rests on incomplete data. */
  case_init (&c, "2028-12-15");
  state = state_on (&c, "2028-12-15");
  respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
  assert_date (&respond->due, "2029-01-15");
  g_assert_true (respond->working.incomplete_holiday_data);
  g_assert_true (rd_case_state_get_incomplete_holiday_data (state));
  working = rd_deadline_describe_working (respond);
  g_assert_nonnull (strstr (working, "does not cover"));
  g_clear_object (&state);
  case_clear (&c);

  case_init (&c, "2026-01-05");
  state = state_on (&c, "2026-01-05");
  g_assert_false (rd_case_state_get_incomplete_holiday_data (state));
  g_clear_object (&state);
  case_clear (&c);
}

/* Newer holiday data: the same events worked out again give new dates. */
static void
test_holidays_change (void)
{
  static const char data[] =
      "{\"england-and-wales\": {\"division\": \"england-and-wales\", \"events\": ["
      "{\"title\": \"New Year’s Day\", \"date\": \"2026-01-01\", \"notes\": \"\", "
      "\"bunting\": true},"
      "{\"title\": \"A new holiday\", \"date\": \"2026-02-05\", \"notes\": \"\", "
      "\"bunting\": true}]},"
      "\"scotland\": {\"division\": \"scotland\", \"events\": ["
      "{\"title\": \"New Year’s Day\", \"date\": \"2026-01-01\", \"notes\": \"\", "
      "\"bunting\": true}]},"
      "\"northern-ireland\": {\"division\": \"northern-ireland\", \"events\": ["
      "{\"title\": \"New Year’s Day\", \"date\": \"2026-01-01\", \"notes\": \"\", "
      "\"bunting\": true}]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(RdHolidays) newer = rd_holidays_new_from_json (data, sizeof data - 1, &error);
  g_autoptr(RdCalendar) calendar = NULL;
  g_autoptr(RdCaseState) before = NULL;
  g_autoptr(RdCaseState) after = NULL;
  Case  c;
  GDate today = day ("2026-01-06");

  g_assert_no_error (error);
  case_init (&c, "2026-01-05");
  before = state_on (&c, "2026-01-06");
  assert_date (&rd_case_state_get_deadline (before, RD_DEADLINE_RESPOND)->due, "2026-02-05");

  calendar = rd_calendar_new (newer, RD_DIVISION_ENGLAND_AND_WALES);
  after = rd_case_state_new (&c.facts, (const RdEvent *) c.events->data, c.events->len, calendar,
                             &today);
  assert_date (&rd_case_state_get_deadline (after, RD_DEADLINE_RESPOND)->due, "2026-02-06");
  case_clear (&c);
}

static void
test_describe_working (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;
  g_autofree char *text = NULL;

  /* 23 Apr 2026 + 1 month = Sat 23 May; Sun 24; Mon 25 Spring bank holiday. */
  case_init (&c, "2026-04-23");
  state = state_on (&c, "2026-04-23");
  text = rd_deadline_describe_working (rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Rule: Respond within one calendar month."));
  g_assert_nonnull (strstr (text, "Start: Thursday 23 April 2026, the day the complaint was "
                                  "received."));
  g_assert_nonnull (strstr (text, "Saturday 23 May 2026 is a weekend day, not a working day."));
  g_assert_nonnull (
      strstr (text, "Monday 25 May 2026 is a bank holiday (Spring bank holiday), not a working "
                    "day."));
  g_assert_nonnull (strstr (text, "Due: Tuesday 26 May 2026."));
  g_assert_nonnull (strstr (text, "ICO guidance"));
  g_clear_object (&state);
  case_clear (&c);
}

static void
test_ids (void)
{
  const char    *deadline_ids[] = { "acknowledge",   "acknowledge-statutory", "respond",
                                    "review-window", "review-respond",        "ico",
                                    "retain" };
  RdDeadlineKind kind;

  for (guint i = 0; i < RD_DEADLINE_N_KINDS; i++)
    {
      g_assert_cmpstr (rd_deadline_kind_to_id (i), ==, deadline_ids[i]);
      g_assert_true (rd_deadline_kind_from_id (deadline_ids[i], &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_nonnull (rd_deadline_kind_get_label (i));
    }
  g_assert_false (rd_deadline_kind_from_id ("due", &kind));
  g_assert_cmpstr (rd_deadline_state_to_id (RD_DEADLINE_MISSED), ==, "missed");
  for (guint i = 0; i < RD_RULE_N; i++)
    {
      g_assert_nonnull (rd_rule_get_name (i));
      g_assert_nonnull (rd_rule_get_source (i));
    }
  g_assert_nonnull (strstr (rd_rule_get_source (RD_RULE_ACKNOWLEDGE_STATUTORY), "164A"));
}

/* The policy and the legal acknowledgement were worked out with one calendar
 * trace, and the "incomplete data" flag of the first leaked into the second.
 * A file that knows all of 2027 (New Year's Day and a Christmas substitute)
 * but only January of 2026: received Wed 23 Dec 2026, the 5 working days
 * (24, 25, 28, 29, 30 Dec: no Christmas in this file) all lie in 2026, which
 * is not covered; the 30 days end Fri 22 Jan 2027, which is. */
static void
test_incomplete_per_deadline (void)
{
  static const char data[] =
      "{\"england-and-wales\": {\"division\": \"england-and-wales\", \"events\": ["
      "{\"title\": \"A\", \"date\": \"2026-01-01\", \"notes\": \"\", \"bunting\": true},"
      "{\"title\": \"B\", \"date\": \"2027-01-01\", \"notes\": \"\", \"bunting\": true},"
      "{\"title\": \"C\", \"date\": \"2027-12-27\", \"notes\": \"\", \"bunting\": true}]},"
      "\"scotland\": {\"division\": \"scotland\", \"events\": ["
      "{\"title\": \"A\", \"date\": \"2026-01-01\", \"notes\": \"\", \"bunting\": true}]},"
      "\"northern-ireland\": {\"division\": \"northern-ireland\", \"events\": ["
      "{\"title\": \"A\", \"date\": \"2026-01-01\", \"notes\": \"\", \"bunting\": true}]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(RdHolidays) holidays = rd_holidays_new_from_json (data, sizeof data - 1, &error);
  g_autoptr(RdCalendar) calendar = NULL;
  g_autoptr(RdCaseState) state = NULL;
  const RdDeadline *ack;
  const RdDeadline *statutory;
  RdCaseFacts       facts;
  GDate             received = day ("2026-12-23");

  g_assert_no_error (error);
  calendar = rd_calendar_new (holidays, RD_DIVISION_ENGLAND_AND_WALES);
  rd_case_facts_init (&facts, &received);
  state = rd_case_state_new (&facts, NULL, 0, calendar, &received);
  ack = rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE);
  statutory = rd_case_state_get_deadline (state, RD_DEADLINE_ACKNOWLEDGE_STATUTORY);
  assert_date (&ack->due, "2026-12-30");
  g_assert_true (ack->working.incomplete_holiday_data);
  assert_date (&statutory->due, "2027-01-22");
  g_assert_false (statutory->working.incomplete_holiday_data);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  shipped = rd_test_load_shipped_holidays ();

  g_test_add_func ("/deadlines/ids", test_ids);
  g_test_add_func ("/deadlines/acknowledge/policy", test_acknowledge_policy);
  g_test_add_func ("/deadlines/acknowledge/statutory", test_acknowledge_statutory);
  g_test_add_func ("/deadlines/respond/simple", test_respond_simple);
  g_test_add_func ("/deadlines/respond/identity", test_respond_identity);
  g_test_add_func ("/deadlines/respond/consent", test_respond_consent);
  g_test_add_func ("/deadlines/respond/pauses", test_respond_pauses);
  g_test_add_func ("/deadlines/respond/extension", test_respond_extension);
  g_test_add_func ("/deadlines/review", test_review);
  g_test_add_func ("/deadlines/ico-and-retention", test_ico_and_retention);
  g_test_add_func ("/deadlines/incomplete-holiday-data", test_incomplete_holiday_data);
  g_test_add_func ("/deadlines/incomplete-per-deadline", test_incomplete_per_deadline);
  g_test_add_func ("/deadlines/holidays-change", test_holidays_change);
  g_test_add_func ("/deadlines/describe-working", test_describe_working);

  status = g_test_run ();
  g_clear_object (&shipped);
  return status;
}
