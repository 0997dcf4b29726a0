/* rd-deadline.h: a deadline of a case, with its working.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rd-calendar.h"

G_BEGIN_DECLS

/**
 * RdDeadlineKind:
 *
 * The deadlines a case can have; the comment gives the string id. Which
 * rule computes each is in #RdRule and docs/rules.md.
 */
typedef enum
{
  RD_DEADLINE_ACKNOWLEDGE,           /* "acknowledge": policy target, N working days */
  RD_DEADLINE_ACKNOWLEDGE_STATUTORY, /* "acknowledge-statutory": DPA 2018 s.164A, 30 days */
  RD_DEADLINE_RESPOND,        /* "respond": one month from the clock start (+ pauses, extension) */
  RD_DEADLINE_REVIEW_WINDOW,  /* "review-window": last day the complainant may ask for a review */
  RD_DEADLINE_REVIEW_RESPOND, /* "review-respond": one month from the review request */
  RD_DEADLINE_ICO,            /* "ico": the date the ICO set for the council's response */
  RD_DEADLINE_RETAIN,         /* "retain": retain until; destruction due from then */
  RD_DEADLINE_N_KINDS,
} RdDeadlineKind;

const char *rd_deadline_kind_to_id (RdDeadlineKind kind);
gboolean    rd_deadline_kind_from_id (const char *id, RdDeadlineKind *out_kind);
const char *rd_deadline_kind_get_label (RdDeadlineKind kind); /* "Respond", translated */

/**
 * RdDeadlineState:
 * @RD_DEADLINE_OPEN: to be done; @due is today or later
 * @RD_DEADLINE_WAITING: the clock has not started (identity or a
 *   representative's consent not settled); @due is invalid
 * @RD_DEADLINE_PAUSED: the clock is stopped for clarification the council
 *   asked for; @due is provisional: what it would be if the answer came today
 * @RD_DEADLINE_MET: done on @met_on, on or before @due
 * @RD_DEADLINE_MISSED: @due has passed; either not done yet (@met_on invalid:
 *   still to be done, overdue) or done late (@met_on after @due)
 * @RD_DEADLINE_LAPSED: nothing is left for the council to do: the review
 *   window closed with no request, or the case was closed (@ended_on) on or
 *   before @due without this being done (a withdrawn complaint). A case closed
 *   after @due without it being done shows %RD_DEADLINE_MISSED, with @ended_on.
 *
 * Always relative to the "today" the case state was computed for.
 */
typedef enum
{
  RD_DEADLINE_OPEN,
  RD_DEADLINE_WAITING,
  RD_DEADLINE_PAUSED,
  RD_DEADLINE_MET,
  RD_DEADLINE_MISSED,
  RD_DEADLINE_LAPSED,
} RdDeadlineState;

const char *rd_deadline_state_to_id (
    RdDeadlineState state); /* "open", "waiting", "paused", "met", "missed", "lapsed" */
const char *rd_deadline_state_get_label (RdDeadlineState state);

/**
 * RdRule:
 *
 * The rule a deadline was worked out by. rd_rule_get_name() gives a short
 * translated name, rd_rule_get_source() the legal or policy source.
 */
typedef enum
{
  RD_RULE_ACKNOWLEDGE_POLICY, /* N working days from the day after receipt (council policy) */
  RD_RULE_ACKNOWLEDGE_STATUTORY, /* 30 days from the day after receipt, rolled (DPA 2018 s.164A, ICO) */
  RD_RULE_RESPOND_ONE_MONTH,     /* one calendar month from the clock start, + pauses, rolled */
  RD_RULE_RESPOND_EXTENDED, /* 1 + (1 or 2) calendar months from the clock start, + pauses, rolled */
  RD_RULE_REVIEW_WINDOW,    /* one calendar month from the outcome, rolled */
  RD_RULE_REVIEW_RESPOND,   /* one calendar month from the review request, rolled */
  RD_RULE_ICO_DATE,         /* the ICO's own date, as given */
  RD_RULE_RETENTION,        /* closure + N years (privacy notice), not rolled */
  RD_RULE_N,
} RdRule;

const char *rd_rule_get_name (RdRule rule); /* "One calendar month", translated */
const char *rd_rule_get_source (
    RdRule rule); /* "ICO guidance “Time limits for responding…”; council policy", translated */

/**
 * RdStartReason:
 *
 * Why the working starts on the day it does.
 */
typedef enum
{
  RD_START_RECEIPT,          /* the day the complaint was received */
  RD_START_IDENTITY_SETTLED, /* the day identity was verified */
  RD_START_CONSENT_RECEIVED, /* the day the representative's written consent arrived */
  RD_START_OUTCOME_SENT,     /* the day the outcome was communicated */
  RD_START_REVIEW_REQUESTED, /* the day the review request was received */
  RD_START_ICO_NOTIFIED,     /* the day the ICO got in touch */
  RD_START_CLOSED,           /* the day the case was closed */
} RdStartReason;

const char *rd_start_reason_get_label (RdStartReason reason); /* "identity settled on", translated */

/**
 * RdPause:
 * @from: the day the council asked for clarification
 * @to: the day the answer arrived (for a pause still running: today)
 * @days: the days that do not count: @from to @to, both included, less any
 *   days before the clock started; 0 when not counted
 * @open: the answer has not arrived yet
 * @counted: FALSE when the request came after the deadline had already
 *   passed (a clock that has run out cannot be stopped)
 */
typedef struct
{
  GDate    from;
  GDate    to;
  guint    days;
  gboolean open;
  gboolean counted;
} RdPause;

/**
 * RdWorking:
 * @start: the day the period is counted from (day zero: counting starts the
 *   day after, or for months, the same date next month)
 * @start_reason: why @start is the start
 * @rule: the rule applied
 * @amount: the rule's count (working days, days, months or years); 0 for
 *   %RD_RULE_ICO_DATE
 * @unadjusted: the end before pauses and rolling to a working day
 * @pause_days: the sum of the counted pauses' days
 * @pauses: (element-type RdPause): the pauses, in order
 * @skipped: (element-type RdSkippedDay): each weekend day and bank holiday
 *   that moved the end (passed over while counting working days, or rolled
 *   over at the end)
 * @incomplete_holiday_data: a day looked at lies in a year the holiday data
 *   does not cover: the date may be wrong; show it as such
 *
 * How a deadline was worked out, as data, for "how was this worked out".
 * rd_deadline_describe_working() turns it into sentences.
 */
typedef struct
{
  GDate         start;
  RdStartReason start_reason;
  RdRule        rule;
  guint         amount;
  GDate         unadjusted;
  guint         pause_days;
  GArray       *pauses;
  GArray       *skipped;
  gboolean      incomplete_holiday_data;
} RdWorking;

/**
 * RdDeadline:
 * @kind: which deadline
 * @state: open, waiting, paused, met, missed or lapsed
 * @due: the last day (invalid while %RD_DEADLINE_WAITING). For respond after
 *   an extension, the extended date. For review-window, the last day the
 *   complainant may ask. For retain, the day destruction is due.
 * @statutory_due: for %RD_DEADLINE_ACKNOWLEDGE only: the s.164A outer limit
 *   (the due of %RD_DEADLINE_ACKNOWLEDGE_STATUTORY), shown beside the policy
 *   target; invalid when the complaint was received before 19 June 2026
 * @original_due: for respond after an extension: the due date before it
 * @extended: respond only: an extension was recorded
 * @extension_notified_on: respond only, when @extended
 * @extension_notified_late: respond only: the extension was notified after
 *   @original_due, too late to count: @due stays at @original_due (the state
 *   is worked out against it) and the working says why
 * @late_request: review-window only: the review was asked for after @due
 *   (flagged; the council may still accept it)
 * @met_on: the day it was done (the acknowledgement, outcome, review request,
 *   review outcome, ICO response, destruction); invalid if not done
 * @ended_on: the case was closed on this day without this being done, so it
 *   is no longer outstanding; invalid otherwise
 * @working: how @due was worked out
 *
 * Owned by the #RdCaseState it came from; read-only.
 */
typedef struct
{
  RdDeadlineKind  kind;
  RdDeadlineState state;
  GDate           due;
  GDate           statutory_due;
  GDate           original_due;
  gboolean        extended;
  GDate           extension_notified_on;
  gboolean        extension_notified_late;
  gboolean        late_request;
  GDate           met_on;
  GDate           ended_on;
  RdWorking       working;
} RdDeadline;

/*
 * Whether the council still has to do it: open, paused, or missed and neither
 * done nor ended by closure. (Waiting has no date yet; the review window is
 * the complainant's, not the council's, so it is never outstanding.)
 */
gboolean rd_deadline_is_outstanding (const RdDeadline *deadline);

/*
 * Calendar days from @today to @due: 3 = due in three days, 0 = due today,
 * -2 = overdue by two days. Use it for "overdue by N days": a clerk reads
 * "days" as calendar days. G_MININT when @due is invalid.
 */
gint rd_deadline_days_until (const RdDeadline *deadline, const GDate *today);

/*
 * Working days from @today to @due (rd_calendar_count_working_days()): for
 * "due in N working days" while not overdue. Negative when overdue, counted
 * in working days. G_MININT when @due is invalid.
 */
gint rd_deadline_working_days_until (const RdDeadline *deadline,
                                     RdCalendar       *calendar,
                                     const GDate      *today);

/*
 * The working as translated sentences, one per line: the start and why, the
 * rule and its source, each pause, each skipped day by name, and a warning
 * when the holiday data is incomplete. For the UI's "how was this worked out"
 * and the CLI.
 */
char *rd_deadline_describe_working (const RdDeadline *deadline);

G_END_DECLS
