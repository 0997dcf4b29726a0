/* rd-case-state.h: a case's status, deadlines and allowed next steps,
 * folded from its events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rd-calendar.h"
#include "rd-deadline.h"
#include "rd-event.h"
#include "rd-status.h"

G_BEGIN_DECLS

#define RD_DEFAULT_ACK_WORKING_DAYS 5 /* the seed policy: "within 5 working days" */
#define RD_DEFAULT_RETENTION_YEARS  6 /* the privacy notice: "kept for 6 years" */

/**
 * RdCaseFacts:
 * @received: the day the complaint was received (required, valid)
 * @representative: a representative acts for the data subject, so the
 *   subject's written consent is needed before the council deals with them
 * @ack_working_days: council setting; 0 means %RD_DEFAULT_ACK_WORKING_DAYS
 * @retention_years: council setting; 0 means %RD_DEFAULT_RETENTION_YEARS
 *
 * What the rules need to know of a case besides its events.
 */
typedef struct
{
  GDate    received;
  gboolean representative;
  guint    ack_working_days;
  guint    retention_years;
} RdCaseFacts;

/* Sets @received and the council defaults; @representative FALSE. */
void rd_case_facts_init (RdCaseFacts *facts, const GDate *received);

/**
 * RdAction:
 * @kind: an event kind
 * @allowed: whether an event of that kind may be recorded now (given that
 *   its own facts, such as a refusal's reasons, are filled in properly)
 * @reason: (nullable): when not allowed, why, as the translated sentence
 *   rd_case_state_can() would give; for the UI's tooltip. Owned by the array.
 */
typedef struct
{
  RdEventKind kind;
  gboolean    allowed;
  char       *reason;
} RdAction;

#define RD_TYPE_CASE_STATE (rd_case_state_get_type ())
G_DECLARE_FINAL_TYPE (RdCaseState, rd_case_state, RD, CASE_STATE, GObject)

/*
 * Folds @events (in the order they were recorded) over @facts with the
 * working days of @calendar, as of @today. Never fails: events the guards
 * would have refused are applied as leniently as the rules allow (the store
 * calls rd_case_state_can() before it records anything). A "received"
 * event, if present, is ignored (the receipt is @facts->received).
 *
 * The result is immutable and owns copies of everything it needs. It is a
 * value computed for one (events, calendar, today): nothing in it is truth
 * to be stored. When the holiday data changes, or a day passes, compute a
 * new one from the events.
 */
RdCaseState *rd_case_state_new (const RdCaseFacts *facts,
                                const RdEvent     *events,
                                guint              n_events,
                                RdCalendar        *calendar,
                                const GDate       *today);

RdStatus           rd_case_state_get_status (RdCaseState *self);
void               rd_case_state_get_today (RdCaseState *self, GDate *out_today);
const RdCaseFacts *rd_case_state_get_facts (RdCaseState *self);
RdCalendar        *rd_case_state_get_calendar (RdCaseState *self); /* (transfer none) */

/*
 * The deadline of @kind, or NULL when it does not apply (yet): review
 * deadlines before an outcome, the statutory acknowledgement for a complaint
 * received before 19 June 2026, ico without an ICO date, retain before
 * closure. The pointer lives as long as @self.
 */
const RdDeadline *rd_case_state_get_deadline (RdCaseState *self, RdDeadlineKind kind);

/*
 * The earliest @due among the outstanding deadlines (rd_deadline_is_outstanding():
 * open, paused, or missed and not done), for the store to cache for sorting
 * and to recompute whenever events or holidays change. FALSE when nothing is
 * outstanding. @out_kind is optional.
 */
gboolean rd_case_state_get_next_due (RdCaseState *self, GDate *out_due, RdDeadlineKind *out_kind);

/* Whether any deadline rests on incomplete holiday data. */
gboolean rd_case_state_get_incomplete_holiday_data (RdCaseState *self);

/*
 * The day the response clock started (receipt, or the day identity or the
 * representative's consent was settled, whichever is later). FALSE while it
 * has not started; @out_reason optional.
 */
gboolean rd_case_state_get_clock_start (RdCaseState   *self,
                                        GDate         *out_start,
                                        RdStartReason *out_reason);

gboolean rd_case_state_get_identity_in_doubt (
    RdCaseState *self); /* identity asked for, not verified */
gboolean rd_case_state_get_consent_needed (RdCaseState *self); /* representative, no consent yet */
gboolean rd_case_state_get_clock_paused (RdCaseState *self); /* clarification asked, not received */

/*
 * The lifecycle guards: whether @proposed may be recorded next on this case,
 * as of the state's today. On FALSE, @error (domain %RD_RULES_ERROR) says why
 * in a sentence the clerk can act on. Checks, among others: nothing after
 * destroyed; the date is valid, not before receipt, not after today, not
 * before the event it answers, and, for the council's own steps, not before
 * the latest-dated step already recorded, since the events are read in
 * recorded order (notes are free; what arrives from outside, such as proof
 * of identity or the ICO's letter, is dated the day it arrived); the event fits the sequence (no review before
 * an outcome, no second outcome, …); a representative's consent is on record
 * before the council deals with them; identity is settled before an outcome
 * where it was in doubt; a refusal names a factor, gives written reasons and
 * tells of the rights to complain to the ICO and to a judicial remedy; an
 * extension has a reason and a notification date; destruction only on or
 * after the retain-until date. A late extension and a late review request are
 * allowed (and flagged in the deadlines), not refused.
 */
gboolean rd_case_state_can (RdCaseState *self, const RdEvent *proposed, GError **error);

/*
 * Every event kind with whether it may be recorded now (dated today, with its
 * own facts properly filled in) and, if not, why. (element-type RdAction),
 * in #RdEventKind order, without "received"; free with g_array_unref().
 */
GArray *rd_case_state_list_actions (RdCaseState *self);

G_END_DECLS
