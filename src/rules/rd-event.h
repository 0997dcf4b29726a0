/* rd-event.h: what can happen on a case, as the rules see it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RdEventKind:
 *
 * The kinds of event a case is made of; the comment gives the string id
 * (stored, exported, used by the CLI). A case's status and deadlines are
 * derived from its events, never stored.
 */
typedef enum
{
  RD_EVENT_RECEIVED,                /* "received": the complaint arrived (logged that day) */
  RD_EVENT_ACKNOWLEDGED,            /* "acknowledged" */
  RD_EVENT_IDENTITY_REQUESTED,      /* "identity-requested": identity was in doubt */
  RD_EVENT_IDENTITY_VERIFIED,       /* "identity-verified": identity settled */
  RD_EVENT_CONSENT_REQUESTED,       /* "consent-requested": a representative was asked for it */
  RD_EVENT_CONSENT_RECEIVED,        /* "consent-received": the subject's written consent */
  RD_EVENT_CLARIFICATION_REQUESTED, /* "clarification-requested": the clock stops */
  RD_EVENT_CLARIFICATION_RECEIVED,  /* "clarification-received": the clock runs again */
  RD_EVENT_EXTENDED,                /* "extended": time to respond extended */
  RD_EVENT_OUTCOME_SENT,            /* "outcome-sent": the outcome in writing */
  RD_EVENT_REFUSED,                 /* "refused": manifestly unfounded or excessive */
  RD_EVENT_REVIEW_REQUESTED,        /* "review-requested" */
  RD_EVENT_REVIEW_OUTCOME_SENT,     /* "review-outcome-sent" */
  RD_EVENT_ICO_NOTIFIED,            /* "ico-notified": the ICO told the council of a complaint */
  RD_EVENT_ICO_RESPONSE_SENT,       /* "ico-response-sent": the evidenced response to the ICO */
  RD_EVENT_CLOSED,                  /* "closed": the retention period starts */
  RD_EVENT_DESTROYED,               /* "destroyed": the records were destroyed */
  RD_EVENT_NOTE,                    /* "note": changes nothing */
  RD_EVENT_N_KINDS,
} RdEventKind;

const char *rd_event_kind_to_id (RdEventKind kind); /* NULL when out of range */
gboolean    rd_event_kind_from_id (const char *id, RdEventKind *out_kind);
const char *rd_event_kind_get_label (RdEventKind kind); /* "Identity verified", translated */

/**
 * RdOutcome:
 * @RD_OUTCOME_NONE: not given (invalid on outcome-sent and review-outcome-sent)
 * @RD_OUTCOME_UPHELD: id "upheld"
 * @RD_OUTCOME_PARTLY_UPHELD: id "partly-upheld"
 * @RD_OUTCOME_NOT_UPHELD: id "not-upheld"
 */
typedef enum
{
  RD_OUTCOME_NONE,
  RD_OUTCOME_UPHELD,
  RD_OUTCOME_PARTLY_UPHELD,
  RD_OUTCOME_NOT_UPHELD,
} RdOutcome;

const char *rd_outcome_to_id (RdOutcome outcome); /* NULL for NONE or out of range */
gboolean    rd_outcome_from_id (const char *id, RdOutcome *out_outcome);
const char *rd_outcome_get_label (RdOutcome outcome); /* "Partly upheld", translated */

/**
 * RdRefusalFactors:
 *
 * The five factors of the seed policy ("Manifestly unfounded, and/or
 * excessive complaints"), in the order it lists them; bit n-1 is factor n.
 */
typedef enum
{
  RD_REFUSAL_FACTOR_DISRUPTION_THREATS = 1 << 0,   /* 1: intends disruption and threatened people */
  RD_REFUSAL_FACTOR_UNSUBSTANTIATED = 1 << 1,      /* 2: unsubstantiated accusations, persisting */
  RD_REFUSAL_FACTOR_TARGETING = 1 << 2,            /* 3: targets people out of a personal grudge */
  RD_REFUSAL_FACTOR_FREQUENT_DISRUPTIVE = 1 << 3,  /* 4: frequent complaints meant to disrupt */
  RD_REFUSAL_FACTOR_REPEATS_INVESTIGATED = 1 << 4, /* 5: repeats complaints already investigated */
} RdRefusalFactors;

#define RD_REFUSAL_FACTORS_ALL 0x1fu
#define RD_REFUSAL_N_FACTORS   5

/* Factor @number (1–5): a short translated label; NULL out of range. */
const char *rd_refusal_factor_get_label (guint number);

/**
 * RdEvent:
 * @kind: what happened
 * @on: the day it happened (for received, the day the complaint arrived;
 *   for outcome-sent, the day the outcome was communicated)
 * @extension_notified_on: extended: the day the complainant was told (required)
 * @extension_reason_given: extended: a reason was given (required)
 * @extension_months: extended: 1 or 2 further months; 0 means 2
 * @refusal_factors: refused: the policy's factors relied on (at least one)
 * @refusal_reasons_given: refused: written reasons were given (required)
 * @refusal_rights_told: refused: the letter tells of the right to complain to
 *   the ICO and to seek a judicial remedy (required; the seed policy)
 * @outcome: outcome-sent and review-outcome-sent: required
 * @ico_due: ico-notified: the date the ICO set for the council's response, or
 *   an invalid (cleared) date when the ICO gave none
 *
 * One event as the caller hands it to the rules. Fill it with
 * rd_event_init() (or `RdEvent e = { 0 }`: a zeroed GDate is a cleared,
 * invalid date) and set what the kind needs; fields for other kinds are
 * ignored. The rules never keep a pointer to an event.
 */
typedef struct
{
  RdEventKind kind;
  GDate       on;

  GDate    extension_notified_on;
  gboolean extension_reason_given;
  guint    extension_months;

  RdRefusalFactors refusal_factors;
  gboolean         refusal_reasons_given;
  gboolean         refusal_rights_told;

  RdOutcome outcome;

  GDate ico_due;
} RdEvent;

/* Zeroes @event and sets its kind and day (@on may be NULL: left invalid). */
void rd_event_init (RdEvent *event, RdEventKind kind, const GDate *on);

G_END_DECLS
