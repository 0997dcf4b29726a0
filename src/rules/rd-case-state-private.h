/* rd-case-state-private.h: what rd-case-state.c and its guards share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-case-state.h"

G_BEGIN_DECLS

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

  /* The latest-dated step recorded (any kind but note and received; on a
   * tie, the one recorded last). The council's own steps may not be dated
   * before it: the fold reads the recorded order. */
  RdEventKind latest_kind;
  GDate       latest_on;

  gboolean      clock_started;
  GDate         clock_start;
  RdStartReason clock_reason;
};

static inline gboolean
date_before (const GDate *a, const GDate *b)
{
  return g_date_compare (a, b) < 0;
}

static inline gboolean
date_after (const GDate *a, const GDate *b)
{
  return g_date_compare (a, b) > 0;
}

/* The clarification still awaited, or NULL. */
const RdPause *_rd_case_state_open_pause (RdCaseState *self);

/*
 * The guards (rd-case-state-guards.c): whether an event of @kind dated @on
 * may be recorded now; @event, when not NULL, is checked for its own facts.
 */
gboolean _rd_case_state_check (RdCaseState   *self,
                               RdEventKind    kind,
                               const GDate   *on,
                               const RdEvent *event,
                               GError       **error);

G_END_DECLS
