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

#include <glib/gi18n.h>
#include <string.h>

#include "rd-case-state.h"
#include "rd-date.h"
#include "rd-rules-error.h"
#include "rd-rules-private.h"

/* DPA 2018 s.164A (Data (Use and Access) Act 2025, s.103) is in force from
 * 19 June 2026 (The Data (Use and Access) Act 2025 (Commencement No. 6)
 * Regulations 2026; ICO, "How to deal with data protection complaints"). A
 * complaint received before that has no statutory acknowledgement limit. */
#define S164A_DAY   19
#define S164A_MONTH G_DATE_JUNE
#define S164A_YEAR  2026

/* The statutory acknowledgement limit: 30 days (DPA 2018 s.164A). */
#define S164A_ACK_DAYS 30

/* An extension adds "up to two further months" (ICO time-limits guidance). */
#define MAX_EXTENSION_MONTHS 2

struct _RdCaseState
{
  GObject parent_instance;

  RdCaseFacts facts;    /* with the council defaults filled in */
  RdCalendar *calendar; /* owned */
  GDate       today;

  RdStatus   status;
  RdDeadline deadlines[RD_DEADLINE_N_KINDS];
  gboolean   applies[RD_DEADLINE_N_KINDS];

  /* What the fold found. A date is invalid when the event did not happen. */
  GDate    acknowledged_on; /* the first */
  gboolean identity_requested;
  GDate    identity_requested_on;
  gboolean identity_verified;
  GDate    identity_verified_on;
  gboolean consent_requested;
  GDate    consent_requested_on;
  gboolean consent_received;
  GDate    consent_received_on;
  GArray  *pauses; /* of RdPause; @to invalid while open */
  gboolean extended;
  GDate    extension_notified_on;
  guint    extension_months;
  GDate    outcome_on;  /* the first outcome-sent */
  GDate    refused_on;  /* the first refusal */
  GDate    decision_on; /* the earlier of the two: the decision communicated */
  gboolean review_requested;
  GDate    review_requested_on;
  gboolean review_answered;
  GDate    review_answered_on;
  gboolean ico_active; /* the ICO got in touch and the case has not been closed since */
  GDate    ico_notified_on;
  GDate    ico_due;
  gboolean ico_answered;
  GDate    ico_answered_on;
  gboolean closed; /* closed, and not reopened since by a review request or the ICO */
  GDate    closed_on;
  gboolean destroyed;
  GDate    destroyed_on;

  gboolean      clock_started;
  GDate         clock_start;
  RdStartReason clock_reason;
};

G_DEFINE_FINAL_TYPE (RdCaseState, rd_case_state, G_TYPE_OBJECT)

/* Helpers */

static void
action_clear (gpointer data)
{
  RdAction *action = data;

  g_clear_pointer (&action->reason, g_free);
}

static gboolean
date_before (const GDate *a, const GDate *b)
{
  return g_date_compare (a, b) < 0;
}

static gboolean
date_after (const GDate *a, const GDate *b)
{
  return g_date_compare (a, b) > 0;
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

/* Moves what a calendar trace found into a deadline's working. */
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

      /* Dates are checked by the guards; a stored event without one is
       * left out rather than guessed. */
      if (!g_date_valid (on))
        continue;

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

/* Guards */

#define REFUSE(code, ...)                                   \
  G_STMT_START                                              \
  {                                                         \
    g_set_error (error, RD_RULES_ERROR, code, __VA_ARGS__); \
    return FALSE;                                           \
  }                                                         \
  G_STMT_END

/* Refuses @date if it is before @earlier; @what names @earlier in the message. */
static gboolean
check_not_before (const GDate *date, const GDate *earlier, const char *what, GError **error)
{
  if (g_date_valid (earlier) && date_before (date, earlier))
    {
      g_autofree char *text = _rd_date_format_long (date);
      g_autofree char *earlier_text = _rd_date_format_long (earlier);

      /* Translators: the second %s says what happened on the third, e.g. "identity was asked for". */
      REFUSE (RD_RULES_ERROR_BAD_DATE, _("%s is too early: %s on %s."), text, what, earlier_text);
    }
  return TRUE;
}

static gboolean
check_consent (RdCaseState *self, GError **error)
{
  if (rd_case_state_get_consent_needed (self))
    REFUSE (RD_RULES_ERROR_NO_CONSENT,
            _("A representative acts on this case and the data subject’s written consent is not "
              "on record: record “Consent received” before dealing with the representative."));
  return TRUE;
}

static gboolean
check_identity (RdCaseState *self, GError **error)
{
  if (rd_case_state_get_identity_in_doubt (self))
    {
      g_autofree char *asked = _rd_date_format_long (&self->identity_requested_on);

      REFUSE (RD_RULES_ERROR_IDENTITY_NOT_SETTLED,
              _("Identity was in doubt (asked for on %s) and is not settled: record “Identity "
                "verified” before sending an outcome."),
                 asked);
    }
  return TRUE;
}

static gboolean
check_open (RdCaseState *self, GError **error)
{
  if (self->closed)
    {
      g_autofree char *closed = _rd_date_format_long (&self->closed_on);

      REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
              _("The case was closed on %s; only a note, a review request, contact from the ICO "
                "or the destruction of the records can be recorded now."),
                 closed);
    }
  return TRUE;
}

/*
 * Refuses once a decision (outcome or refusal) was sent. @deciding: the
 * proposed event is itself a decision, and is told that only a review can
 * bring another; anything else is told it comes too late.
 */
static gboolean
check_no_decision (RdCaseState *self, gboolean deciding, GError **error)
{
  const GDate     *decided_on;
  g_autofree char *date = NULL;

  if (!g_date_valid (&self->decision_on))
    return TRUE;

  decided_on = g_date_valid (&self->refused_on) ? &self->refused_on : &self->outcome_on;
  date = _rd_date_format_long (decided_on);

  if (deciding && decided_on == &self->refused_on)
    REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
            _("The complaint was already refused on %s; a new decision can only come from a "
              "review."),
               date);
  if (deciding)
    REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
            _("The outcome was already sent on %s; a new decision can only come from a review."),
               date);
  if (decided_on == &self->refused_on)
    REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
            _("The complaint was already refused on %s; this step belongs before the decision."),
               date);
  REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
          _("The outcome was already sent on %s; this step belongs before the decision."), date);
}

static const RdPause *
open_pause (RdCaseState *self)
{
  const RdPause *last;

  if (self->pauses->len == 0)
    return NULL;
  last = &g_array_index (self->pauses, RdPause, self->pauses->len - 1);
  return last->open ? last : NULL;
}

static gboolean
check_facts (RdCaseState *self, const RdEvent *event, GError **error)
{
  switch (event->kind)
    {
      case RD_EVENT_EXTENDED:
        if (!event->extension_reason_given)
          REFUSE (RD_RULES_ERROR_MISSING_FACTS,
                  _("An extension needs a reason: the complainant must be told why more time is "
                  "needed."));
        if (!g_date_valid (&event->extension_notified_on))
          REFUSE (RD_RULES_ERROR_MISSING_FACTS,
                  _("An extension needs the day the complainant was told of it."));
        if (event->extension_months > MAX_EXTENSION_MONTHS)
          REFUSE (RD_RULES_ERROR_MISSING_FACTS,
                  _("An extension adds one or two further months, no more."));
        if (date_before (&event->extension_notified_on, &self->facts.received))
          REFUSE (RD_RULES_ERROR_BAD_DATE,
                  _("The extension cannot have been notified before the complaint was received."));
        if (date_after (&event->extension_notified_on, &self->today))
          REFUSE (RD_RULES_ERROR_BAD_DATE,
                  _("The extension’s notification date is in the future; record it once the "
                  "complainant has been told."));
        break;

      case RD_EVENT_REFUSED:
        if ((event->refusal_factors & RD_REFUSAL_FACTORS_ALL) == 0 ||
            (event->refusal_factors & ~RD_REFUSAL_FACTORS_ALL) != 0)
          REFUSE (RD_RULES_ERROR_MISSING_FACTS,
                  _("A refusal must name at least one of the policy’s five factors that make the "
                  "complaint manifestly unfounded or excessive."));
        if (!event->refusal_reasons_given)
          REFUSE (RD_RULES_ERROR_MISSING_FACTS,
                  _("A refusal must give the complainant the reasons in writing."));
        if (!event->refusal_rights_told)
          REFUSE (RD_RULES_ERROR_MISSING_FACTS,
                  _("A refusal must tell the complainant of the right to complain to the ICO and "
                  "the right to a judicial remedy."));
        break;

      case RD_EVENT_OUTCOME_SENT:
      case RD_EVENT_REVIEW_OUTCOME_SENT:
        if (event->outcome != RD_OUTCOME_UPHELD && event->outcome != RD_OUTCOME_PARTLY_UPHELD &&
            event->outcome != RD_OUTCOME_NOT_UPHELD)
          REFUSE (RD_RULES_ERROR_MISSING_FACTS,
                  _("Say whether the complaint was upheld, partly upheld or not upheld."));
        break;

      case RD_EVENT_ICO_NOTIFIED:
        if (g_date_valid (&event->ico_due) && date_before (&event->ico_due, &event->on))
          REFUSE (RD_RULES_ERROR_BAD_DATE,
                  _("The ICO’s date for a response cannot be before the day it got in touch."));
        break;

      default:
        break;
    }

  return TRUE;
}

/*
 * Whether an event of @kind dated @on may be recorded now. @event, when not
 * NULL, is checked for its own facts too.
 */
static gboolean
check (RdCaseState *self, RdEventKind kind, const GDate *on, const RdEvent *event, GError **error)
{
  if ((guint) kind >= RD_EVENT_N_KINDS)
    REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE, _("This kind of event is not known to Redress."));

  if (self->destroyed)
    {
      g_autofree char *date = _rd_date_format_long (&self->destroyed_on);

      REFUSE (RD_RULES_ERROR_DESTROYED,
              _("The records of this case were destroyed on %s; nothing more can be recorded on "
                "it."),
                 date);
    }

  if (kind == RD_EVENT_RECEIVED)
    {
      g_autofree char *date = _rd_date_format_long (&self->facts.received);

      REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
              _("The complaint was received on %s; a case is received only once."), date);
    }

  if (!g_date_valid (on))
    REFUSE (RD_RULES_ERROR_BAD_DATE, _("Give the day this happened."));
  if (date_before (on, &self->facts.received))
    {
      g_autofree char *date = _rd_date_format_long (on);
      g_autofree char *received = _rd_date_format_long (&self->facts.received);

      REFUSE (RD_RULES_ERROR_BAD_DATE,
              _("%s is before the complaint was received (%s); check the date."), date, received);
    }
  if (date_after (on, &self->today))
    {
      g_autofree char *date = _rd_date_format_long (on);

      REFUSE (RD_RULES_ERROR_BAD_DATE,
              _("%s is in the future; record an event on or after the day it happens."), date);
    }

  switch (kind)
    {
      case RD_EVENT_NOTE:
        break;

      case RD_EVENT_ACKNOWLEDGED:
        if (!check_open (self, error))
          return FALSE;
        if (g_date_valid (&self->acknowledged_on))
          {
            g_autofree char *date = _rd_date_format_long (&self->acknowledged_on);

            REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                    _("The complaint was already acknowledged on %s."), date);
          }
        break;

      case RD_EVENT_IDENTITY_REQUESTED:
        if (!check_open (self, error) || !check_no_decision (self, FALSE, error))
          return FALSE;
        if (self->identity_requested && !self->identity_verified)
          {
            g_autofree char *date = _rd_date_format_long (&self->identity_requested_on);

            REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                    _("Identity was already asked for on %s and is not settled yet."), date);
          }
        if (self->identity_verified)
          {
            g_autofree char *date = _rd_date_format_long (&self->identity_verified_on);

            REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE, _("Identity was already settled on %s."),
                                                       date);
          }
        break;

      case RD_EVENT_IDENTITY_VERIFIED:
        if (!check_open (self, error))
          return FALSE;
        if (!self->identity_requested)
          REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  _("Identity was not asked for: record “Identity requested” first if there is "
                  "doubt about who the complainant is."));
        if (self->identity_verified)
          {
            g_autofree char *date = _rd_date_format_long (&self->identity_verified_on);

            REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE, _("Identity was already settled on %s."),
                                                       date);
          }
        if (!check_not_before (on, &self->identity_requested_on,
                               _("identity was asked for"), error))
          return FALSE;
        break;

      case RD_EVENT_CONSENT_REQUESTED:
      case RD_EVENT_CONSENT_RECEIVED:
        if (!check_open (self, error))
          return FALSE;
        if (!self->facts.representative)
          REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  _("No representative acts on this case, so no consent is needed."));
        if (self->consent_received)
          {
            g_autofree char *date = _rd_date_format_long (&self->consent_received_on);

            REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                    _("The data subject’s written consent is already on record (received on %s)."),
                       date);
          }
        if (kind == RD_EVENT_CONSENT_REQUESTED && self->consent_requested)
          {
            g_autofree char *date = _rd_date_format_long (&self->consent_requested_on);

            REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                    _("Consent was already asked for on %s; record “Consent received” when it "
                    "arrives."),
                       date);
          }
        if (kind == RD_EVENT_CONSENT_RECEIVED &&
            !check_not_before (on, &self->consent_requested_on, _("consent was asked for"), error))
          return FALSE;
        break;

      case RD_EVENT_CLARIFICATION_REQUESTED:
        if (!check_open (self, error) || !check_consent (self, error) ||
            !check_no_decision (self, FALSE, error))
          return FALSE;
        if (open_pause (self) != NULL)
          {
            g_autofree char *date = _rd_date_format_long (&open_pause (self)->from);

            REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                    _("Clarification asked for on %s has not arrived yet; record “Clarification "
                    "received” first."),
                       date);
          }
        if (self->pauses->len > 0 &&
            !check_not_before (on, &g_array_index (self->pauses, RdPause, self->pauses->len - 1).to,
                               _("the last clarification arrived"), error))
          return FALSE;
        break;

      case RD_EVENT_CLARIFICATION_RECEIVED:
        if (!check_open (self, error) || !check_consent (self, error))
          return FALSE;
        if (open_pause (self) == NULL)
          REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  _("No clarification is awaited: record “Clarification requested” first."));
        if (!check_not_before (on, &open_pause (self)->from,
                               _("clarification was asked for"), error))
          return FALSE;
        break;

      case RD_EVENT_EXTENDED:
        if (!check_open (self, error) || !check_consent (self, error))
          return FALSE;
        if (rd_case_state_get_identity_in_doubt (self))
          REFUSE (RD_RULES_ERROR_IDENTITY_NOT_SETTLED,
                  _("Identity is not settled, so the response clock has not started; there is "
                  "nothing to extend yet."));
        if (!check_no_decision (self, FALSE, error))
          return FALSE;
        if (self->extended)
          {
            g_autofree char *date = _rd_date_format_long (&self->extension_notified_on);

            REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                    _("The time to respond was already extended (notified on %s); it can be "
                    "extended once, by up to two further months."),
                       date);
          }
        break;

      case RD_EVENT_OUTCOME_SENT:
      case RD_EVENT_REFUSED:
        if (!check_open (self, error) || !check_consent (self, error) ||
            !check_identity (self, error) || !check_no_decision (self, TRUE, error))
          return FALSE;
        if (self->clock_started &&
            !check_not_before (on, &self->clock_start,
                               self->clock_reason == RD_START_CONSENT_RECEIVED
                               ? _("the written consent arrived")
                               : _("identity was settled"), error))
          return FALSE;
        break;

      case RD_EVENT_REVIEW_REQUESTED:
        if (!check_consent (self, error))
          return FALSE;
        if (!g_date_valid (&self->decision_on))
          REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  _("A review can be asked for only after the outcome (or a refusal) has been "
                  "sent."));
        if (self->review_requested)
          {
            g_autofree char *date = _rd_date_format_long (&self->review_requested_on);

            REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                    _("A review was already asked for on %s; the policy allows one review."),
                       date);
          }
        if (!check_not_before (on, &self->decision_on, _("the decision was sent"), error))
          return FALSE;
        break;

      case RD_EVENT_REVIEW_OUTCOME_SENT:
        if (!check_open (self, error))
          return FALSE;
        if (!self->review_requested)
          REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  _("No review was asked for: record “Review requested” first."));
        if (self->review_answered)
          {
            g_autofree char *date = _rd_date_format_long (&self->review_answered_on);

            REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                    _("The review outcome was already sent on %s."), date);
          }
        if (!check_not_before (on, &self->review_requested_on,
                               _("the review was asked for"), error))
          return FALSE;
        break;

      case RD_EVENT_ICO_NOTIFIED:
        if (self->ico_active && !self->ico_answered)
          {
            g_autofree char *date = _rd_date_format_long (&self->ico_notified_on);

            REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                    _("The ICO’s enquiry of %s has not been answered yet; record “Response sent "
                    "to the ICO” first."),
                       date);
          }
        break;

      case RD_EVENT_ICO_RESPONSE_SENT:
        if (!self->ico_active || self->ico_answered)
          REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  _("No enquiry from the ICO is waiting for an answer: record “ICO got in touch” "
                  "first."));
        if (!check_not_before (on, &self->ico_notified_on, _("the ICO got in touch"), error))
          return FALSE;
        break;

      case RD_EVENT_CLOSED:
        if (!check_open (self, error))
          return FALSE;
        if (self->review_requested && !self->review_answered)
          {
            g_autofree char *date = _rd_date_format_long (&self->review_requested_on);

            REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                    _("The review asked for on %s has no outcome yet; send the review outcome "
                    "before closing the case."),
                       date);
          }
        if (self->ico_active && !self->ico_answered)
          {
            g_autofree char *date = _rd_date_format_long (&self->ico_notified_on);

            REFUSE (
                RD_RULES_ERROR_OUT_OF_SEQUENCE,
                _("The ICO’s enquiry of %s has not been answered; send the response to the ICO "
                    "before closing the case."),
                   date);
          }
        break;

      case RD_EVENT_DESTROYED:
        if (!self->closed)
          REFUSE (RD_RULES_ERROR_RETENTION,
                  _("Close the case first: records are kept for the retention period from "
                  "closure, and only then destroyed."));
        {
          const RdDeadline *retain = &self->deadlines[RD_DEADLINE_RETAIN];

          if (date_before (on, &retain->due))
            {
              g_autofree char *until = _rd_date_format_long (&retain->due);
              g_autofree char *closed = _rd_date_format_long (&self->closed_on);

              REFUSE (RD_RULES_ERROR_RETENTION,
                      ngettext ("The records must be kept until %s (%u year from closure on %s); "
                                "they cannot be destroyed before then.",
                                "The records must be kept until %s (%u years from closure on %s); "
                                "they cannot be destroyed before then.",
                                self->facts.retention_years),
                      until, self->facts.retention_years, closed);
            }
        }
        break;

      case RD_EVENT_RECEIVED:
      case RD_EVENT_N_KINDS:
      default:
        g_assert_not_reached ();
    }

  if (event != NULL && !check_facts (self, event, error))
    return FALSE;

  return TRUE;
}

#undef REFUSE

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

  return open_pause (self) != NULL;
}

gboolean
rd_case_state_can (RdCaseState *self, const RdEvent *proposed, GError **error)
{
  g_return_val_if_fail (RD_IS_CASE_STATE (self), FALSE);
  g_return_val_if_fail (proposed != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check (self, proposed->kind, &proposed->on, proposed, error);
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

      action.allowed = check (self, (RdEventKind) i, &self->today, NULL, &error);
      if (!action.allowed)
        action.reason = g_strdup (error->message);
      g_array_append_val (actions, action);
    }

  return actions;
}
