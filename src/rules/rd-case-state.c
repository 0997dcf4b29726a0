/* rd-case-state.c: a case's status, deadlines and allowed next steps,
 * folded from its events.
 *
 * Nothing here is stored: the store hands over the events each time (and
 * again whenever the holiday data or the day changes), and gets back the
 * status, the deadlines with their working, and the guards. The rules and
 * their sources are listed at the top of rd-deadline.c and in
 * docs/rules.md; the process is the seed complaints policy's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-rules"

#include "config.h"

#include <string.h>

#include "rd-case-state.h"
#include "rd-date.h"
#include "rd-rules-error.h"
#include "rd-case-state-private.h"
#include "rd-rules-private.h"

G_DEFINE_FINAL_TYPE (RdCaseState, rd_case_state, G_TYPE_OBJECT)

/* Helpers */

static void
action_clear (gpointer data)
{
  RdAction *action = data;

  g_clear_pointer (&action->reason, g_free);
}

/* Sets *@target to @date if it is unset or later than @date. */
static void
keep_earliest (GDate *target, const GDate *date)
{
  if (!g_date_valid (target) || date_before (date, target))
    *target = *date;
}

static void
clear_date (GDate *date)
{
  g_date_clear (date, 1);
}

static void
skipped_day_clear (gpointer data)
{
  RdSkippedDay *day = data;

  g_clear_pointer (&day->holiday_title, g_free);
}

static void
working_init (RdWorking *working, RdRule rule)
{
  memset (working, 0, sizeof *working);
  clear_date (&working->start);
  clear_date (&working->unadjusted);
  working->rule = rule;
  working->pauses = g_array_new (FALSE, TRUE, sizeof (RdPause));
  working->skipped = g_array_new (FALSE, TRUE, sizeof (RdSkippedDay));
  g_array_set_clear_func (working->skipped, skipped_day_clear);
}

static void
working_clear (RdWorking *working)
{
  g_clear_pointer (&working->pauses, g_array_unref);
  g_clear_pointer (&working->skipped, g_array_unref);
}

static RdDeadline *
deadline_begin (RdCaseState *self, RdDeadlineKind kind, RdRule rule)
{
  RdDeadline *deadline = &self->deadlines[kind];

  working_clear (&deadline->working);
  memset (deadline, 0, sizeof *deadline);
  deadline->kind = kind;
  clear_date (&deadline->due);
  clear_date (&deadline->statutory_due);
  clear_date (&deadline->original_due);
  clear_date (&deadline->extension_notified_on);
  clear_date (&deadline->met_on);
  clear_date (&deadline->ended_on);
  working_init (&deadline->working, rule);
  self->applies[kind] = TRUE;
  return deadline;
}

/* Moves what a calendar trace found into a deadline's working, leaving the
 * trace empty. */
static void
take_trace (RdWorking *working, RdCalendarTrace *trace)
{
  for (guint i = 0; i < trace->skipped->len; i++)
    {
      RdSkippedDay *day = &g_array_index (trace->skipped, RdSkippedDay, i);
      RdSkippedDay  copy = { .date = day->date,
                             .reason = day->reason,
                             .holiday_title = g_steal_pointer (&day->holiday_title) };

      g_array_append_val (working->skipped, copy);
    }
  g_array_set_size (trace->skipped, 0);
  working->incomplete_holiday_data |= trace->incomplete_holiday_data;
  /* The trace is emptied for the next deadline, flag and all: a doubt about
   * one deadline is not a doubt about the next. */
  trace->incomplete_holiday_data = FALSE;
}

/*
 * The state of a deadline from its due date, when it was met or ended, and
 * today. Rules: met on or before the due date is met, after it is missed;
 * ended by closure on or before the due date is lapsed, after it is missed;
 * not done: paused while the clock is stopped, waiting without a due date,
 * missed once today is past the due date, else open.
 */
static void
settle_state (RdCaseState *self, RdDeadline *deadline, gboolean paused)
{
  const GDate *due = &deadline->due;

  if (g_date_valid (&deadline->met_on))
    deadline->state = g_date_valid (due) && date_after (&deadline->met_on, due) ? RD_DEADLINE_MISSED
                                                                                : RD_DEADLINE_MET;
  else if (g_date_valid (&deadline->ended_on))
    deadline->state = g_date_valid (due) && date_after (&deadline->ended_on, due)
                          ? RD_DEADLINE_MISSED
                          : RD_DEADLINE_LAPSED;
  else if (!g_date_valid (due))
    deadline->state = RD_DEADLINE_WAITING;
  else if (paused)
    deadline->state = RD_DEADLINE_PAUSED;
  else if (date_after (&self->today, due))
    deadline->state = RD_DEADLINE_MISSED;
  else
    deadline->state = RD_DEADLINE_OPEN;
}

/* A council deadline not done when the case was closed ends with the closure. */
static void
end_with_closure (RdCaseState *self, RdDeadline *deadline)
{
  if (self->closed && !g_date_valid (&deadline->met_on))
    deadline->ended_on = self->closed_on;
}

/* The fold */

static void
fold (RdCaseState *self, const RdEvent *events, guint n_events)
{
  for (guint i = 0; i < n_events; i++)
    {
      const RdEvent *event = &events[i];
      const GDate   *on = &event->on;

      /* Dates are checked by the guards; a stored event without one (or
       * with a year no ISO date can name, past the calendar's range) is
       * left out rather than guessed. */
      if (!g_date_valid (on) || g_date_get_year (on) > RD_CALENDAR_MAX_YEAR)
        continue;

      if (event->kind != RD_EVENT_RECEIVED && event->kind != RD_EVENT_NOTE &&
          (guint) event->kind < RD_EVENT_N_KINDS)
        {
          if (!g_date_valid (&self->latest_on) || !date_before (on, &self->latest_on))
            {
              self->latest_kind = event->kind;
              self->latest_on = *on;
            }
        }

      switch (event->kind)
        {
          case RD_EVENT_RECEIVED:
          case RD_EVENT_NOTE:
            break;

          case RD_EVENT_ACKNOWLEDGED:
            keep_earliest (&self->acknowledged_on, on);
            break;

          case RD_EVENT_IDENTITY_REQUESTED:
            self->identity_requested = TRUE;
            self->identity_requested_on = *on;
            self->identity_verified = FALSE;
            clear_date (&self->identity_verified_on);
            break;

          case RD_EVENT_IDENTITY_VERIFIED:
            self->identity_verified = TRUE;
            self->identity_verified_on = *on;
            break;

          case RD_EVENT_CONSENT_REQUESTED:
            self->consent_requested = TRUE;
            self->consent_requested_on = *on;
            break;

          case RD_EVENT_CONSENT_RECEIVED:
            if (!self->consent_received)
              {
                self->consent_received = TRUE;
                self->consent_received_on = *on;
              }
            break;

          case RD_EVENT_CLARIFICATION_REQUESTED:
            {
              RdPause *last = self->pauses->len > 0
                                  ? &g_array_index (self->pauses, RdPause, self->pauses->len - 1)
                                  : NULL;

              if (last == NULL || !last->open)
                {
                  RdPause pause = { .from = *on, .open = TRUE, .counted = TRUE };

                  clear_date (&pause.to);
                  g_array_append_val (self->pauses, pause);
                }
            }
            break;

          case RD_EVENT_CLARIFICATION_RECEIVED:
            if (self->pauses->len > 0)
              {
                RdPause *last = &g_array_index (self->pauses, RdPause, self->pauses->len - 1);

                if (last->open)
                  {
                    last->to = date_before (on, &last->from) ? last->from : *on;
                    last->open = FALSE;
                  }
              }
            break;

          case RD_EVENT_EXTENDED:
            if (!self->extended)
              {
                self->extended = TRUE;
                self->extension_notified_on = g_date_valid (&event->extension_notified_on)
                                                  ? event->extension_notified_on
                                                  : *on;
                self->extension_months = event->extension_months == 0
                                             ? MAX_EXTENSION_MONTHS
                                             : MIN (event->extension_months, MAX_EXTENSION_MONTHS);
              }
            break;

          case RD_EVENT_OUTCOME_SENT:
            keep_earliest (&self->outcome_on, on);
            break;

          case RD_EVENT_REFUSED:
            keep_earliest (&self->refused_on, on);
            break;

          case RD_EVENT_REVIEW_REQUESTED:
            if (!self->review_requested)
              {
                self->review_requested = TRUE;
                self->review_requested_on = *on;
                self->closed = FALSE; /* a request after closure reopens the case */
              }
            break;

          case RD_EVENT_REVIEW_OUTCOME_SENT:
            if (self->review_requested && !self->review_answered)
              {
                self->review_answered = TRUE;
                self->review_answered_on = *on;
              }
            break;

          case RD_EVENT_ICO_NOTIFIED:
            self->ico_active = TRUE;
            self->ico_notified_on = *on;
            self->ico_due = event->ico_due;
            self->ico_answered = FALSE;
            clear_date (&self->ico_answered_on);
            self->closed = FALSE; /* the ICO reopens a closed case */
            break;

          case RD_EVENT_ICO_RESPONSE_SENT:
            if (self->ico_active && !self->ico_answered)
              {
                self->ico_answered = TRUE;
                self->ico_answered_on = *on;
              }
            break;

          case RD_EVENT_CLOSED:
            self->closed = TRUE;
            self->closed_on = *on;
            self->ico_active = FALSE;
            break;

          case RD_EVENT_DESTROYED:
            if (!self->destroyed)
              {
                self->destroyed = TRUE;
                self->destroyed_on = *on;
              }
            break;

          case RD_EVENT_N_KINDS:
          default:
            break;
        }
    }

  if (g_date_valid (&self->outcome_on))
    keep_earliest (&self->decision_on, &self->outcome_on);
  if (g_date_valid (&self->refused_on))
    keep_earliest (&self->decision_on, &self->refused_on);

  /* A decision sent while waiting for clarification ends the wait. */
  if (self->pauses->len > 0 && g_date_valid (&self->decision_on))
    {
      RdPause *last = &g_array_index (self->pauses, RdPause, self->pauses->len - 1);

      if (last->open)
        {
          last->to = date_before (&self->decision_on, &last->from) ? last->from : self->decision_on;
          last->open = FALSE;
        }
    }
}

/*
 * The response clock starts on receipt, or where identity was in doubt on the
 * day it was settled, or where a representative acts on the day the data
 * subject's written consent arrived, whichever is latest (ICO time-limits
 * guidance: time starts when identity or authority is confirmed; the seed
 * policy: "Once all identification requirements have been met").
 */
static void
start_clock (RdCaseState *self)
{
  self->clock_started = TRUE;
  self->clock_start = self->facts.received;
  self->clock_reason = RD_START_RECEIPT;

  if (self->identity_requested)
    {
      if (!self->identity_verified)
        self->clock_started = FALSE;
      else if (!date_before (&self->identity_verified_on, &self->clock_start))
        {
          self->clock_start = self->identity_verified_on;
          self->clock_reason = RD_START_IDENTITY_SETTLED;
        }
    }

  if (self->facts.representative)
    {
      if (!self->consent_received)
        self->clock_started = FALSE;
      else if (date_after (&self->consent_received_on, &self->clock_start) ||
               (self->clock_reason == RD_START_RECEIPT &&
                g_date_compare (&self->consent_received_on, &self->clock_start) == 0))
        {
          self->clock_start = self->consent_received_on;
          self->clock_reason = RD_START_CONSENT_RECEIVED;
        }
    }

  if (!self->clock_started)
    clear_date (&self->clock_start);
}

/* Deadlines */

static void
compute_acknowledge (RdCaseState *self)
{
  g_autoptr(RdCalendarTrace) trace = rd_calendar_trace_new ();
  RdDeadline *deadline;
  GDate       first_contact;
  GDate       in_force;

  /* The first thing the complainant hears counts as the acknowledgement: an
   * outcome sent within the time also acknowledges (ICO complaints guidance:
   * no separate acknowledgement is needed when the investigation is done
   * within the 30 days). */
  clear_date (&first_contact);
  if (g_date_valid (&self->acknowledged_on))
    keep_earliest (&first_contact, &self->acknowledged_on);
  if (g_date_valid (&self->decision_on))
    keep_earliest (&first_contact, &self->decision_on);

  /* Council policy: N working days, from the day after receipt. */
  deadline = deadline_begin (self, RD_DEADLINE_ACKNOWLEDGE, RD_RULE_ACKNOWLEDGE_POLICY);
  deadline->working.start = self->facts.received;
  deadline->working.start_reason = RD_START_RECEIPT;
  deadline->working.amount = self->facts.ack_working_days;
  rd_calendar_add_working_days (self->calendar, &self->facts.received, self->facts.ack_working_days,
                                &deadline->due, trace);
  deadline->working.unadjusted = deadline->due;
  take_trace (&deadline->working, trace);
  deadline->met_on = first_contact;
  end_with_closure (self, deadline);
  settle_state (self, deadline, FALSE);

  /* DPA 2018 s.164A: 30 days, day one the day after receipt, an end on a
   * non-working day moved to the next working day (ICO complaints guidance). */
  g_date_clear (&in_force, 1);
  g_date_set_dmy (&in_force, S164A_DAY, S164A_MONTH, S164A_YEAR);
  if (date_before (&self->facts.received, &in_force))
    {
      self->applies[RD_DEADLINE_ACKNOWLEDGE_STATUTORY] = FALSE;
      return;
    }

  deadline = deadline_begin (self, RD_DEADLINE_ACKNOWLEDGE_STATUTORY,
                             RD_RULE_ACKNOWLEDGE_STATUTORY);
  deadline->working.start = self->facts.received;
  deadline->working.start_reason = RD_START_RECEIPT;
  deadline->working.amount = S164A_ACK_DAYS;
  deadline->working.unadjusted = self->facts.received;
  g_date_add_days (&deadline->working.unadjusted, S164A_ACK_DAYS);
  rd_calendar_add_days (self->calendar, &self->facts.received, S164A_ACK_DAYS, &deadline->due,
                        trace);
  take_trace (&deadline->working, trace);
  deadline->met_on = first_contact;
  end_with_closure (self, deadline);
  settle_state (self, deadline, FALSE);

  self->deadlines[RD_DEADLINE_ACKNOWLEDGE].statutory_due = deadline->due;
}

/*
 * @months calendar months from the clock start, plus the pauses, rolled to a
 * working day. A pause counts its days from the request to the answer, both
 * included (the stop-the-clock rule), less any days before the clock
 * started; a pause asked for after the deadline (as it stood then) had
 * passed does not count. Fills @working (whose arrays must be empty) and
 * @out_due.
 */
static void
respond_due (RdCaseState *self, guint months, RdWorking *working, GDate *out_due)
{
  g_autoptr(RdCalendarTrace) trace = rd_calendar_trace_new ();
  GDate base;
  GDate end;
  guint sum = 0;

  working->start = self->clock_start;
  working->start_reason = self->clock_reason;
  working->amount = months;
  rd_date_add_months (&self->clock_start, months, &base);
  working->unadjusted = base;

  for (guint i = 0; i < self->pauses->len; i++)
    {
      RdPause      pause = g_array_index (self->pauses, RdPause, i);
      const GDate *from = &pause.from;
      GDate        current = base;
      GDate        current_due;

      if (pause.open)
        pause.to = date_before (&self->today, &pause.from) ? pause.from : self->today;

      g_date_add_days (&current, sum);
      rd_calendar_next_working_day (self->calendar, &current, &current_due, NULL);

      pause.days = 0;
      pause.counted = !date_after (from, &current_due);
      if (pause.counted)
        {
          if (date_before (from, &self->clock_start))
            from = &self->clock_start;
          if (!date_before (&pause.to, from))
            pause.days = (guint) rd_date_days_between (from, &pause.to) + 1;
        }
      sum += pause.days;
      g_array_append_val (working->pauses, pause);
    }

  working->pause_days = sum;
  end = base;
  g_date_add_days (&end, sum);
  rd_calendar_next_working_day (self->calendar, &end, out_due, trace);
  take_trace (working, trace);
}

static void
compute_respond (RdCaseState *self)
{
  RdDeadline *deadline;
  gboolean    paused = FALSE;

  deadline = deadline_begin (self, RD_DEADLINE_RESPOND, RD_RULE_RESPOND_ONE_MONTH);
  deadline->met_on = self->decision_on;

  if (self->pauses->len > 0)
    paused = g_array_index (self->pauses, RdPause, self->pauses->len - 1).open;

  if (self->clock_started)
    {
      respond_due (self, 1, &deadline->working, &deadline->due);

      if (self->extended)
        {
          deadline->extended = TRUE;
          deadline->extension_notified_on = self->extension_notified_on;
          deadline->original_due = deadline->due;

          /* ICO: notified within the first month; the policy: before the
           * original deadline. The deadline day itself is still in time. */
          deadline->extension_notified_late = date_after (&self->extension_notified_on,
                                                          &deadline->original_due);

          if (!deadline->extension_notified_late)
            {
              working_clear (&deadline->working);
              working_init (&deadline->working, RD_RULE_RESPOND_EXTENDED);
              respond_due (self, 1 + self->extension_months, &deadline->working, &deadline->due);
            }
        }
    }

  end_with_closure (self, deadline);
  settle_state (self, deadline, paused);
}

static void
compute_month_after (RdCaseState   *self,
                     RdDeadlineKind kind,
                     RdRule         rule,
                     const GDate   *start,
                     RdStartReason  reason)
{
  g_autoptr(RdCalendarTrace) trace = rd_calendar_trace_new ();
  RdDeadline *deadline = deadline_begin (self, kind, rule);

  deadline->working.start = *start;
  deadline->working.start_reason = reason;
  deadline->working.amount = 1;
  rd_date_add_months (start, 1, &deadline->working.unadjusted);
  rd_calendar_add_months (self->calendar, start, 1, &deadline->due, trace);
  take_trace (&deadline->working, trace);
}

static void
compute_review (RdCaseState *self)
{
  RdDeadline *deadline;

  if (!g_date_valid (&self->decision_on))
    return;

  /* The complainant's window: one month from the decision being
   * communicated (the policy), rolled to a working day like the council's
   * own deadlines, which is the reading most generous to the complainant. */
  compute_month_after (self, RD_DEADLINE_REVIEW_WINDOW, RD_RULE_REVIEW_WINDOW, &self->decision_on,
                       RD_START_OUTCOME_SENT);
  deadline = &self->deadlines[RD_DEADLINE_REVIEW_WINDOW];
  if (self->review_requested)
    {
      deadline->met_on = self->review_requested_on;
      deadline->late_request = date_after (&self->review_requested_on, &deadline->due);
      deadline->state = deadline->late_request ? RD_DEADLINE_MISSED : RD_DEADLINE_MET;
    }
  else
    deadline->state = date_after (&self->today, &deadline->due) ? RD_DEADLINE_LAPSED
                                                                : RD_DEADLINE_OPEN;

  if (!self->review_requested)
    return;

  compute_month_after (self, RD_DEADLINE_REVIEW_RESPOND, RD_RULE_REVIEW_RESPOND,
                       &self->review_requested_on, RD_START_REVIEW_REQUESTED);
  deadline = &self->deadlines[RD_DEADLINE_REVIEW_RESPOND];
  if (self->review_answered)
    deadline->met_on = self->review_answered_on;
  end_with_closure (self, deadline);
  settle_state (self, deadline, FALSE);
}

static void
compute_ico (RdCaseState *self)
{
  RdDeadline *deadline;

  if (!g_date_valid (&self->ico_notified_on) || !g_date_valid (&self->ico_due))
    return;

  /* The ICO's own date, as given: not moved. */
  deadline = deadline_begin (self, RD_DEADLINE_ICO, RD_RULE_ICO_DATE);
  deadline->working.start = self->ico_notified_on;
  deadline->working.start_reason = RD_START_ICO_NOTIFIED;
  deadline->working.unadjusted = self->ico_due;
  deadline->due = self->ico_due;
  if (self->ico_answered)
    deadline->met_on = self->ico_answered_on;
  end_with_closure (self, deadline);
  settle_state (self, deadline, FALSE);
}

static void
compute_retain (RdCaseState *self)
{
  RdDeadline *deadline;

  if (!self->closed)
    return;

  /* Privacy notice: kept for 6 years (a setting), from closure; then
   * destruction is due. A calendar date, not moved to a working day. */
  deadline = deadline_begin (self, RD_DEADLINE_RETAIN, RD_RULE_RETENTION);
  deadline->working.start = self->closed_on;
  deadline->working.start_reason = RD_START_CLOSED;
  deadline->working.amount = self->facts.retention_years;
  rd_date_add_years (&self->closed_on, self->facts.retention_years, &deadline->due);
  deadline->working.unadjusted = deadline->due;
  if (self->destroyed)
    {
      deadline->met_on = self->destroyed_on;
      deadline->state = RD_DEADLINE_MET;
    }
  else
    settle_state (self, deadline, FALSE);
}

static RdStatus
derive_status (RdCaseState *self)
{
  if (self->destroyed)
    return RD_STATUS_DESTROYED;
  if (self->closed)
    return RD_STATUS_CLOSED;
  if (self->ico_active)
    return RD_STATUS_WITH_ICO;
  if (self->review_requested)
    return self->review_answered ? RD_STATUS_RESPONDED : RD_STATUS_UNDER_REVIEW;
  if (g_date_valid (&self->refused_on))
    return RD_STATUS_REFUSED;
  if (g_date_valid (&self->outcome_on))
    return RD_STATUS_RESPONDED;
  if (rd_case_state_get_clock_paused (self))
    return RD_STATUS_AWAITING_CLARIFICATION;
  if (rd_case_state_get_consent_needed (self))
    return RD_STATUS_AWAITING_CONSENT;
  if (rd_case_state_get_identity_in_doubt (self))
    return RD_STATUS_AWAITING_IDENTITY;
  return RD_STATUS_OPEN;
}

/* GObject */

static void
rd_case_state_finalize (GObject *object)
{
  RdCaseState *self = RD_CASE_STATE (object);

  for (guint i = 0; i < RD_DEADLINE_N_KINDS; i++)
    working_clear (&self->deadlines[i].working);
  g_clear_pointer (&self->pauses, g_array_unref);
  g_clear_object (&self->calendar);

  G_OBJECT_CLASS (rd_case_state_parent_class)->finalize (object);
}

static void
rd_case_state_class_init (RdCaseStateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_case_state_finalize;
}

static void
rd_case_state_init (RdCaseState *self)
{
  GDate *dates[] = {
    &self->today,
    &self->acknowledged_on,
    &self->identity_requested_on,
    &self->identity_verified_on,
    &self->consent_requested_on,
    &self->consent_received_on,
    &self->extension_notified_on,
    &self->outcome_on,
    &self->refused_on,
    &self->decision_on,
    &self->review_requested_on,
    &self->review_answered_on,
    &self->ico_notified_on,
    &self->ico_due,
    &self->ico_answered_on,
    &self->closed_on,
    &self->destroyed_on,
    &self->clock_start,
    &self->latest_on,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (dates); i++)
    clear_date (dates[i]);
  self->pauses = g_array_new (FALSE, TRUE, sizeof (RdPause));
}

/* Public API */

void
rd_case_facts_init (RdCaseFacts *facts, const GDate *received)
{
  g_return_if_fail (facts != NULL);

  memset (facts, 0, sizeof *facts);
  g_date_clear (&facts->received, 1);
  if (received != NULL)
    facts->received = *received;
  facts->ack_working_days = RD_DEFAULT_ACK_WORKING_DAYS;
  facts->retention_years = RD_DEFAULT_RETENTION_YEARS;
}

RdCaseState *
rd_case_state_new (const RdCaseFacts *facts,
                   const RdEvent     *events,
                   guint              n_events,
                   RdCalendar        *calendar,
                   const GDate       *today)
{
  RdCaseState *self;

  g_return_val_if_fail (facts != NULL && g_date_valid (&facts->received), NULL);
  g_return_val_if_fail (g_date_get_year (&facts->received) <= RD_CALENDAR_MAX_YEAR, NULL);
  g_return_val_if_fail (events != NULL || n_events == 0, NULL);
  g_return_val_if_fail (RD_IS_CALENDAR (calendar), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_object_new (RD_TYPE_CASE_STATE, NULL);
  self->facts = *facts;
  if (self->facts.ack_working_days == 0)
    self->facts.ack_working_days = RD_DEFAULT_ACK_WORKING_DAYS;
  self->facts.ack_working_days = MIN (self->facts.ack_working_days, RD_CALENDAR_MAX_WORKING_DAYS);
  if (self->facts.retention_years == 0)
    self->facts.retention_years = RD_DEFAULT_RETENTION_YEARS;
  self->facts.retention_years = MIN (self->facts.retention_years, 100);
  self->calendar = g_object_ref (calendar);
  self->today = *today;

  fold (self, events, n_events);
  start_clock (self);

  compute_acknowledge (self);
  compute_respond (self);
  compute_review (self);
  compute_ico (self);
  compute_retain (self);

  self->status = derive_status (self);
  return self;
}

RdStatus
rd_case_state_get_status (RdCaseState *self)
{
  g_return_val_if_fail (RD_IS_CASE_STATE (self), RD_STATUS_OPEN);

  return self->status;
}

void
rd_case_state_get_today (RdCaseState *self, GDate *out_today)
{
  g_return_if_fail (RD_IS_CASE_STATE (self));
  g_return_if_fail (out_today != NULL);

  *out_today = self->today;
}

const RdCaseFacts *
rd_case_state_get_facts (RdCaseState *self)
{
  g_return_val_if_fail (RD_IS_CASE_STATE (self), NULL);

  return &self->facts;
}

RdCalendar *
rd_case_state_get_calendar (RdCaseState *self)
{
  g_return_val_if_fail (RD_IS_CASE_STATE (self), NULL);

  return self->calendar;
}

const RdDeadline *
rd_case_state_get_deadline (RdCaseState *self, RdDeadlineKind kind)
{
  g_return_val_if_fail (RD_IS_CASE_STATE (self), NULL);
  g_return_val_if_fail ((guint) kind < RD_DEADLINE_N_KINDS, NULL);

  return self->applies[kind] ? &self->deadlines[kind] : NULL;
}

gboolean
rd_case_state_get_next_due (RdCaseState *self, GDate *out_due, RdDeadlineKind *out_kind)
{
  const RdDeadline *next = NULL;

  g_return_val_if_fail (RD_IS_CASE_STATE (self), FALSE);

  for (guint i = 0; i < RD_DEADLINE_N_KINDS; i++)
    {
      const RdDeadline *deadline = &self->deadlines[i];

      if (!self->applies[i] || !rd_deadline_is_outstanding (deadline) ||
          !g_date_valid (&deadline->due))
        continue;
      if (next == NULL || date_before (&deadline->due, &next->due))
        next = deadline;
    }

  if (next == NULL)
    return FALSE;

  if (out_due != NULL)
    *out_due = next->due;
  if (out_kind != NULL)
    *out_kind = next->kind;
  return TRUE;
}

gboolean
rd_case_state_get_incomplete_holiday_data (RdCaseState *self)
{
  g_return_val_if_fail (RD_IS_CASE_STATE (self), FALSE);

  for (guint i = 0; i < RD_DEADLINE_N_KINDS; i++)
    if (self->applies[i] && self->deadlines[i].working.incomplete_holiday_data)
      return TRUE;

  return FALSE;
}

gboolean
rd_case_state_get_clock_start (RdCaseState *self, GDate *out_start, RdStartReason *out_reason)
{
  g_return_val_if_fail (RD_IS_CASE_STATE (self), FALSE);

  if (!self->clock_started)
    return FALSE;

  if (out_start != NULL)
    *out_start = self->clock_start;
  if (out_reason != NULL)
    *out_reason = self->clock_reason;
  return TRUE;
}

gboolean
rd_case_state_get_identity_in_doubt (RdCaseState *self)
{
  g_return_val_if_fail (RD_IS_CASE_STATE (self), FALSE);

  return self->identity_requested && !self->identity_verified;
}

gboolean
rd_case_state_get_consent_needed (RdCaseState *self)
{
  g_return_val_if_fail (RD_IS_CASE_STATE (self), FALSE);

  return self->facts.representative && !self->consent_received;
}

gboolean
rd_case_state_get_clock_paused (RdCaseState *self)
{
  g_return_val_if_fail (RD_IS_CASE_STATE (self), FALSE);

  return _rd_case_state_open_pause (self) != NULL;
}

gboolean
rd_case_state_can (RdCaseState *self, const RdEvent *proposed, GError **error)
{
  g_return_val_if_fail (RD_IS_CASE_STATE (self), FALSE);
  g_return_val_if_fail (proposed != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _rd_case_state_check (self, proposed->kind, &proposed->on, proposed, error);
}

GArray *
rd_case_state_list_actions (RdCaseState *self)
{
  GArray *actions;

  g_return_val_if_fail (RD_IS_CASE_STATE (self), NULL);

  actions = g_array_new (FALSE, TRUE, sizeof (RdAction));
  g_array_set_clear_func (actions, action_clear);

  for (guint i = 0; i < RD_EVENT_N_KINDS; i++)
    {
      g_autoptr(GError) error = NULL;
      RdAction action = { .kind = (RdEventKind) i };

      if (i == RD_EVENT_RECEIVED)
        continue;

      action.allowed = _rd_case_state_check (self, (RdEventKind) i, &self->today, NULL, &error);
      if (!action.allowed)
        action.reason = g_strdup (error->message);
      g_array_append_val (actions, action);
    }

  return actions;
}
