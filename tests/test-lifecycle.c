/* test-lifecycle.c: statuses, transitions and every guard, with its message.
 *
 * The process is the seed complaints policy's (../shared/seeds/004_…):
 * a representative only with written consent; identity first where in
 * doubt; refusal on the five factors with reasons and the rights to
 * complain to the ICO and to a judicial remedy; extension with reasons and
 * notice; a review after the outcome; the ICO; retention, then destruction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-rules.h"
#include "rules-test-util.h"

static RdHolidays *shipped;

typedef struct
{
  RdCaseFacts facts;
  GArray     *events;
  const char *today;
} Case;

/* Received Monday 5 January 2026; today Monday 2 March 2026 unless set. */
static void
case_init (Case *c)
{
  GDate received = day ("2026-01-05");

  rd_case_facts_init (&c->facts, &received);
  c->events = g_array_new (FALSE, TRUE, sizeof (RdEvent));
  c->today = "2026-03-02";
}

static void
case_clear (Case *c)
{
  g_clear_pointer (&c->events, g_array_unref);
}

static RdEvent
event_new (RdEventKind kind, const char *on)
{
  RdEvent event;
  GDate   date;

  if (on != NULL)
    date = day (on);
  rd_event_init (&event, kind, on != NULL ? &date : NULL);

  /* Facts the guards need, filled in properly; tests unset them to see refusals. */
  switch (kind)
    {
      case RD_EVENT_EXTENDED:
        event.extension_notified_on = event.on;
        event.extension_reason_given = TRUE;
        event.extension_months = 2;
        break;
      case RD_EVENT_REFUSED:
        event.refusal_factors = RD_REFUSAL_FACTOR_REPEATS_INVESTIGATED;
        event.refusal_reasons_given = TRUE;
        event.refusal_rights_told = TRUE;
        break;
      case RD_EVENT_OUTCOME_SENT:
      case RD_EVENT_REVIEW_OUTCOME_SENT:
        event.outcome = RD_OUTCOME_PARTLY_UPHELD;
        break;
      default:
        break;
    }

  return event;
}

static RdCaseState *
state_of (Case *c)
{
  g_autoptr(RdCalendar) calendar = rd_calendar_new (shipped, RD_DIVISION_ENGLAND_AND_WALES);
  GDate today = day (c->today);

  return rd_case_state_new (&c->facts, (const RdEvent *) c->events->data, c->events->len, calendar,
                            &today);
}

/* Records @event after checking that the guards allow it. */
static void
record (Case *c, RdEvent event)
{
  g_autoptr(RdCaseState) state = state_of (c);
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_case_state_can (state, &event, &error));
  g_assert_no_error (error);
  g_array_append_val (c->events, event);
}

static void
record_kind (Case *c, RdEventKind kind, const char *on)
{
  record (c, event_new (kind, on));
}

static void
assert_status (Case *c, RdStatus expected)
{
  g_autoptr(RdCaseState) state = state_of (c);

  g_assert_cmpstr (rd_status_to_id (rd_case_state_get_status (state)), ==,
                   rd_status_to_id (expected));
}

static void
assert_refused (Case *c, RdEvent event, RdRulesError code, const char *message)
{
  g_autoptr(RdCaseState) state = state_of (c);
  g_autoptr(GError) error = NULL;

  g_assert_false (rd_case_state_can (state, &event, &error));
  g_assert_error (error, RD_RULES_ERROR, (gint) code);
  g_assert_cmpstr (error->message, ==, message);
}

/* Ids and labels */

static void
test_ids (void)
{
  const char *event_ids[] = {
    "received",
    "acknowledged",
    "identity-requested",
    "identity-verified",
    "consent-requested",
    "consent-received",
    "clarification-requested",
    "clarification-received",
    "extended",
    "outcome-sent",
    "refused",
    "review-requested",
    "review-outcome-sent",
    "ico-notified",
    "ico-response-sent",
    "closed",
    "destroyed",
    "note",
  };
  const char *status_ids[] = {
    "open",      "awaiting-identity", "awaiting-consent", "awaiting-clarification",
    "responded", "under-review",      "refused",          "with-ico",
    "closed",    "destroyed",
  };
  RdEventKind kind;
  RdStatus    status;
  RdOutcome   outcome;

  G_STATIC_ASSERT (G_N_ELEMENTS (event_ids) == RD_EVENT_N_KINDS);
  G_STATIC_ASSERT (G_N_ELEMENTS (status_ids) == RD_STATUS_N);

  for (guint i = 0; i < RD_EVENT_N_KINDS; i++)
    {
      g_assert_cmpstr (rd_event_kind_to_id (i), ==, event_ids[i]);
      g_assert_true (rd_event_kind_from_id (event_ids[i], &kind));
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_false (rd_event_kind_from_id ("Received", &kind));
  g_assert_null (rd_event_kind_to_id (RD_EVENT_N_KINDS));
  g_assert_cmpstr (rd_event_kind_get_label (RD_EVENT_IDENTITY_VERIFIED), ==, "Identity verified");

  for (guint i = 0; i < RD_STATUS_N; i++)
    {
      g_assert_cmpstr (rd_status_to_id (i), ==, status_ids[i]);
      g_assert_true (rd_status_from_id (status_ids[i], &status));
      g_assert_cmpint (status, ==, i);
      g_assert_nonnull (rd_status_get_label (i));
    }
  g_assert_cmpstr (rd_status_get_label (RD_STATUS_AWAITING_IDENTITY), ==, "Awaiting identity");
  g_assert_false (rd_status_from_id ("pending", &status));

  g_assert_cmpstr (rd_outcome_to_id (RD_OUTCOME_PARTLY_UPHELD), ==, "partly-upheld");
  g_assert_null (rd_outcome_to_id (RD_OUTCOME_NONE));
  g_assert_true (rd_outcome_from_id ("not-upheld", &outcome));
  g_assert_cmpint (outcome, ==, RD_OUTCOME_NOT_UPHELD);
  g_assert_false (rd_outcome_from_id ("", &outcome));
  g_assert_cmpstr (rd_outcome_get_label (RD_OUTCOME_UPHELD), ==, "Upheld");

  /* The policy's five factors, in its order. */
  g_assert_cmpstr (rd_refusal_factor_get_label (1), ==,
                   "Stated an intention to cause disruption and threatened individuals");
  g_assert_cmpstr (rd_refusal_factor_get_label (5), ==,
                   "Repeats the substance of complaints already investigated");
  g_assert_null (rd_refusal_factor_get_label (0));
  g_assert_null (rd_refusal_factor_get_label (6));
  g_assert_cmpuint (RD_REFUSAL_FACTOR_REPEATS_INVESTIGATED, ==, 1u << 4);
}

/* Transitions */

static void
test_full_lifecycle (void)
{
  Case c;

  case_init (&c);
  c.today = "2026-06-01";
  assert_status (&c, RD_STATUS_OPEN);
  record_kind (&c, RD_EVENT_ACKNOWLEDGED, "2026-01-06");
  assert_status (&c, RD_STATUS_OPEN);
  record_kind (&c, RD_EVENT_IDENTITY_REQUESTED, "2026-01-06");
  assert_status (&c, RD_STATUS_AWAITING_IDENTITY);
  record_kind (&c, RD_EVENT_NOTE, "2026-01-07");
  assert_status (&c, RD_STATUS_AWAITING_IDENTITY);
  record_kind (&c, RD_EVENT_IDENTITY_VERIFIED, "2026-01-08");
  assert_status (&c, RD_STATUS_OPEN);
  record_kind (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-09");
  assert_status (&c, RD_STATUS_AWAITING_CLARIFICATION);
  record_kind (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-01-12");
  assert_status (&c, RD_STATUS_OPEN);
  record_kind (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-13");
  record_kind (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-01-14");
  record_kind (&c, RD_EVENT_EXTENDED, "2026-01-20");
  assert_status (&c, RD_STATUS_OPEN);
  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-03-02");
  assert_status (&c, RD_STATUS_RESPONDED);
  record_kind (&c, RD_EVENT_REVIEW_REQUESTED, "2026-03-10");
  assert_status (&c, RD_STATUS_UNDER_REVIEW);
  record_kind (&c, RD_EVENT_REVIEW_OUTCOME_SENT, "2026-03-30");
  assert_status (&c, RD_STATUS_RESPONDED);
  record_kind (&c, RD_EVENT_ICO_NOTIFIED, "2026-04-15");
  assert_status (&c, RD_STATUS_WITH_ICO);
  record_kind (&c, RD_EVENT_ICO_RESPONSE_SENT, "2026-05-01");
  assert_status (&c, RD_STATUS_WITH_ICO);
  record_kind (&c, RD_EVENT_CLOSED, "2026-05-20");
  assert_status (&c, RD_STATUS_CLOSED);

  /* The ICO can come back to a closed case, and reopens it. */
  record_kind (&c, RD_EVENT_ICO_NOTIFIED, "2026-05-25");
  assert_status (&c, RD_STATUS_WITH_ICO);
  record_kind (&c, RD_EVENT_ICO_RESPONSE_SENT, "2026-05-28");
  record_kind (&c, RD_EVENT_CLOSED, "2026-05-29");
  assert_status (&c, RD_STATUS_CLOSED);

  /* Six years from the last closure: 29 May 2032. */
  c.today = "2032-06-01";
  record_kind (&c, RD_EVENT_NOTE, "2032-06-01");
  record_kind (&c, RD_EVENT_DESTROYED, "2032-05-29");
  assert_status (&c, RD_STATUS_DESTROYED);
  case_clear (&c);
}

static void
test_representative (void)
{
  Case c;

  case_init (&c);
  c.facts.representative = TRUE;
  assert_status (&c, RD_STATUS_AWAITING_CONSENT);
  /* Acknowledging receipt and asking for consent are allowed meanwhile. */
  record_kind (&c, RD_EVENT_ACKNOWLEDGED, "2026-01-06");
  record_kind (&c, RD_EVENT_CONSENT_REQUESTED, "2026-01-06");
  assert_status (&c, RD_STATUS_AWAITING_CONSENT);
  record_kind (&c, RD_EVENT_CONSENT_RECEIVED, "2026-01-12");
  assert_status (&c, RD_STATUS_OPEN);
  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-02-02");
  assert_status (&c, RD_STATUS_RESPONDED);
  case_clear (&c);
}

static void
test_refusal_and_review (void)
{
  Case c;

  case_init (&c);
  record_kind (&c, RD_EVENT_REFUSED, "2026-01-20");
  assert_status (&c, RD_STATUS_REFUSED);
  /* A refusal is a decision that can be reviewed. */
  record_kind (&c, RD_EVENT_REVIEW_REQUESTED, "2026-01-27");
  assert_status (&c, RD_STATUS_UNDER_REVIEW);
  record_kind (&c, RD_EVENT_REVIEW_OUTCOME_SENT, "2026-02-10");
  assert_status (&c, RD_STATUS_RESPONDED);
  record_kind (&c, RD_EVENT_CLOSED, "2026-02-11");
  assert_status (&c, RD_STATUS_CLOSED);
  case_clear (&c);
}

static void
test_review_after_closure (void)
{
  Case c;

  /* Closed after the outcome; the complainant asks for a review in time. */
  case_init (&c);
  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-02-02");
  record_kind (&c, RD_EVENT_CLOSED, "2026-02-03");
  assert_status (&c, RD_STATUS_CLOSED);
  record_kind (&c, RD_EVENT_REVIEW_REQUESTED, "2026-02-20");
  assert_status (&c, RD_STATUS_UNDER_REVIEW);
  {
    g_autoptr(RdCaseState) state = state_of (&c);

    g_assert_null (rd_case_state_get_deadline (state, RD_DEADLINE_RETAIN));
  }
  case_clear (&c);
}

static void
test_allowed_late (void)
{
  Case    c;
  RdEvent event;

  /* An extension notified after the original deadline (5 Feb) is allowed,
   * and reported late in the deadline, not refused. */
  case_init (&c);
  event = event_new (RD_EVENT_EXTENDED, "2026-02-09");
  record (&c, event);
  {
    g_autoptr(RdCaseState) state = state_of (&c);

    g_assert_true (
        rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND)->extension_notified_late);
  }
  case_clear (&c);

  /* A review asked for after the month (outcome 2 Feb, window to 2 Mar):
   * allowed, and flagged. */
  case_init (&c);
  c.today = "2026-03-20";
  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-02-02");
  record_kind (&c, RD_EVENT_REVIEW_REQUESTED, "2026-03-16");
  {
    g_autoptr(RdCaseState) state = state_of (&c);

    g_assert_true (rd_case_state_get_deadline (state, RD_DEADLINE_REVIEW_WINDOW)->late_request);
  }
  case_clear (&c);
}

/* Guards, each with its message */

static void
test_guard_dates (void)
{
  Case    c;
  RdEvent event;

  case_init (&c);
  assert_refused (&c, event_new (RD_EVENT_RECEIVED, "2026-01-05"), RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The complaint was received on Monday 5 January 2026; a case is received only "
                  "once.");
  assert_refused (&c, event_new (RD_EVENT_NOTE, NULL), RD_RULES_ERROR_BAD_DATE,
                  "Give the day this happened.");
  assert_refused (&c, event_new (RD_EVENT_ACKNOWLEDGED, "2026-01-04"), RD_RULES_ERROR_BAD_DATE,
                  "Sunday 4 January 2026 is before the complaint was received (Monday 5 January "
                  "2026); check the date.");
  assert_refused (&c, event_new (RD_EVENT_NOTE, "2026-03-03"), RD_RULES_ERROR_BAD_DATE,
                  "Tuesday 3 March 2026 is in the future; record an event on or after the day it "
                  "happens.");
  event = event_new (RD_EVENT_NOTE, "2026-01-01");
  event.kind = RD_EVENT_N_KINDS;
  assert_refused (&c, event, RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "This kind of event is not known to Redress.");
  case_clear (&c);
}

static void
test_guard_acknowledge_identity (void)
{
  Case c;

  case_init (&c);
  record_kind (&c, RD_EVENT_ACKNOWLEDGED, "2026-01-06");
  assert_refused (&c, event_new (RD_EVENT_ACKNOWLEDGED, "2026-01-07"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The complaint was already acknowledged on Tuesday 6 January 2026.");

  assert_refused (&c, event_new (RD_EVENT_IDENTITY_VERIFIED, "2026-01-07"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "Identity was not asked for: record “Identity requested” first if there is "
                  "doubt about who the complainant is.");
  record_kind (&c, RD_EVENT_IDENTITY_REQUESTED, "2026-01-07");
  assert_refused (&c, event_new (RD_EVENT_IDENTITY_REQUESTED, "2026-01-08"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "Identity was already asked for on Wednesday 7 January 2026 and is not settled "
                  "yet.");
  assert_refused (&c, event_new (RD_EVENT_IDENTITY_VERIFIED, "2026-01-06"), RD_RULES_ERROR_BAD_DATE,
                  "Tuesday 6 January 2026 is too early: identity was asked for on Wednesday 7 "
                  "January 2026.");

  /* No outcome, refusal or extension before identity is settled. */
  assert_refused (&c, event_new (RD_EVENT_OUTCOME_SENT, "2026-01-20"),
                  RD_RULES_ERROR_IDENTITY_NOT_SETTLED,
                  "Identity was in doubt (asked for on Wednesday 7 January 2026) and is not "
                  "settled: record “Identity verified” before sending an outcome.");
  assert_refused (&c, event_new (RD_EVENT_REFUSED, "2026-01-20"),
                  RD_RULES_ERROR_IDENTITY_NOT_SETTLED,
                  "Identity was in doubt (asked for on Wednesday 7 January 2026) and is not "
                  "settled: record “Identity verified” before sending an outcome.");
  assert_refused (&c, event_new (RD_EVENT_EXTENDED, "2026-01-20"),
                  RD_RULES_ERROR_IDENTITY_NOT_SETTLED,
                  "Identity is not settled, so the response clock has not started; there is "
                  "nothing to extend yet.");

  record_kind (&c, RD_EVENT_IDENTITY_VERIFIED, "2026-01-12");
  assert_refused (&c, event_new (RD_EVENT_IDENTITY_VERIFIED, "2026-01-13"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "Identity was already settled on Monday 12 January 2026.");
  assert_refused (&c, event_new (RD_EVENT_IDENTITY_REQUESTED, "2026-01-13"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "Identity was already settled on Monday 12 January 2026.");
  /* An outcome dated before the day identity was settled. */
  assert_refused (&c, event_new (RD_EVENT_OUTCOME_SENT, "2026-01-09"), RD_RULES_ERROR_BAD_DATE,
                  "Friday 9 January 2026 is too early: identity was settled on Monday 12 January "
                  "2026.");

  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-01-20");
  assert_refused (&c, event_new (RD_EVENT_IDENTITY_REQUESTED, "2026-01-21"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The outcome was already sent on Tuesday 20 January 2026; this step belongs "
                  "before the decision.");
  case_clear (&c);

  case_init (&c);
  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-01-20");
  assert_refused (&c, event_new (RD_EVENT_IDENTITY_REQUESTED, "2026-01-21"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The outcome was already sent on Tuesday 20 January 2026; this step belongs "
                  "before the decision.");
  case_clear (&c);
}

static void
test_guard_consent (void)
{
  Case        c;
  const char *no_consent =
      "A representative acts on this case and the data subject’s written consent is not on "
      "record: record “Consent received” before dealing with the representative.";

  case_init (&c);
  assert_refused (&c, event_new (RD_EVENT_CONSENT_REQUESTED, "2026-01-06"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "No representative acts on this case, so no consent is needed.");
  assert_refused (&c, event_new (RD_EVENT_CONSENT_RECEIVED, "2026-01-06"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "No representative acts on this case, so no consent is needed.");
  case_clear (&c);

  case_init (&c);
  c.facts.representative = TRUE;
  /* The representative is not dealt with as such until consent is on record. */
  assert_refused (&c, event_new (RD_EVENT_OUTCOME_SENT, "2026-01-20"), RD_RULES_ERROR_NO_CONSENT,
                  no_consent);
  assert_refused (&c, event_new (RD_EVENT_REFUSED, "2026-01-20"), RD_RULES_ERROR_NO_CONSENT,
                  no_consent);
  assert_refused (&c, event_new (RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-20"),
                  RD_RULES_ERROR_NO_CONSENT, no_consent);
  assert_refused (&c, event_new (RD_EVENT_EXTENDED, "2026-01-20"), RD_RULES_ERROR_NO_CONSENT,
                  no_consent);

  record_kind (&c, RD_EVENT_CONSENT_REQUESTED, "2026-01-06");
  assert_refused (&c, event_new (RD_EVENT_CONSENT_REQUESTED, "2026-01-07"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "Consent was already asked for on Tuesday 6 January 2026; record “Consent "
                  "received” when it arrives.");
  assert_refused (&c, event_new (RD_EVENT_CONSENT_RECEIVED, "2026-01-05"), RD_RULES_ERROR_BAD_DATE,
                  "Monday 5 January 2026 is too early: consent was asked for on Tuesday 6 January "
                  "2026.");
  record_kind (&c, RD_EVENT_CONSENT_RECEIVED, "2026-01-09");
  assert_refused (&c, event_new (RD_EVENT_CONSENT_RECEIVED, "2026-01-12"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The data subject’s written consent is already on record (received on Friday 9 "
                  "January 2026).");
  assert_refused (&c, event_new (RD_EVENT_CONSENT_REQUESTED, "2026-01-12"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The data subject’s written consent is already on record (received on Friday 9 "
                  "January 2026).");
  /* The outcome may not be dated before the consent that started the clock. */
  assert_refused (&c, event_new (RD_EVENT_OUTCOME_SENT, "2026-01-08"), RD_RULES_ERROR_BAD_DATE,
                  "Thursday 8 January 2026 is too early: the written consent arrived on Friday 9 "
                  "January 2026.");
  case_clear (&c);
}

static void
test_guard_clarification (void)
{
  Case c;

  case_init (&c);
  assert_refused (&c, event_new (RD_EVENT_CLARIFICATION_RECEIVED, "2026-01-06"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "No clarification is awaited: record “Clarification requested” first.");
  record_kind (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-07");
  assert_refused (&c, event_new (RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-08"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "Clarification asked for on Wednesday 7 January 2026 has not arrived yet; "
                  "record “Clarification received” first.");
  assert_refused (&c, event_new (RD_EVENT_CLARIFICATION_RECEIVED, "2026-01-06"),
                  RD_RULES_ERROR_BAD_DATE,
                  "Tuesday 6 January 2026 is too early: clarification was asked for on Wednesday "
                  "7 January 2026.");
  record_kind (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-01-09");
  assert_refused (&c, event_new (RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-08"),
                  RD_RULES_ERROR_BAD_DATE,
                  "Thursday 8 January 2026 is too early: the last clarification arrived on Friday "
                  "9 January 2026.");
  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-01-20");
  assert_refused (&c, event_new (RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-21"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The outcome was already sent on Tuesday 20 January 2026; this step belongs "
                  "before the decision.");
  case_clear (&c);
}

static void
test_guard_extension (void)
{
  Case    c;
  RdEvent event;

  case_init (&c);
  event = event_new (RD_EVENT_EXTENDED, "2026-01-20");
  event.extension_reason_given = FALSE;
  assert_refused (&c, event, RD_RULES_ERROR_MISSING_FACTS,
                  "An extension needs a reason: the complainant must be told why more time is "
                  "needed.");
  event = event_new (RD_EVENT_EXTENDED, "2026-01-20");
  g_date_clear (&event.extension_notified_on, 1);
  assert_refused (&c, event, RD_RULES_ERROR_MISSING_FACTS,
                  "An extension needs the day the complainant was told of it.");
  event = event_new (RD_EVENT_EXTENDED, "2026-01-20");
  event.extension_months = 3;
  assert_refused (&c, event, RD_RULES_ERROR_MISSING_FACTS,
                  "An extension adds one or two further months, no more.");
  event = event_new (RD_EVENT_EXTENDED, "2026-01-20");
  event.extension_notified_on = day ("2026-01-02");
  assert_refused (&c, event, RD_RULES_ERROR_BAD_DATE,
                  "The extension cannot have been notified before the complaint was received.");
  event = event_new (RD_EVENT_EXTENDED, "2026-01-20");
  event.extension_notified_on = day ("2026-03-05");
  assert_refused (&c, event, RD_RULES_ERROR_BAD_DATE,
                  "The extension’s notification date is in the future; record it once the "
                  "complainant has been told.");

  record_kind (&c, RD_EVENT_EXTENDED, "2026-01-20");
  assert_refused (&c, event_new (RD_EVENT_EXTENDED, "2026-01-21"), RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The time to respond was already extended (notified on Tuesday 20 January "
                  "2026); it can be extended once, by up to two further months.");
  case_clear (&c);

  case_init (&c);
  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-01-20");
  assert_refused (&c, event_new (RD_EVENT_EXTENDED, "2026-01-21"), RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The outcome was already sent on Tuesday 20 January 2026; this step belongs "
                  "before the decision.");
  case_clear (&c);
}

static void
test_guard_decisions (void)
{
  Case    c;
  RdEvent event;

  case_init (&c);
  event = event_new (RD_EVENT_OUTCOME_SENT, "2026-01-20");
  event.outcome = RD_OUTCOME_NONE;
  assert_refused (&c, event, RD_RULES_ERROR_MISSING_FACTS,
                  "Say whether the complaint was upheld, partly upheld or not upheld.");

  event = event_new (RD_EVENT_REFUSED, "2026-01-20");
  event.refusal_factors = 0;
  assert_refused (&c, event, RD_RULES_ERROR_MISSING_FACTS,
                  "A refusal must name at least one of the policy’s five factors that make the "
                  "complaint manifestly unfounded or excessive.");
  event.refusal_factors = 1u << 5; /* there is no sixth factor */
  assert_refused (&c, event, RD_RULES_ERROR_MISSING_FACTS,
                  "A refusal must name at least one of the policy’s five factors that make the "
                  "complaint manifestly unfounded or excessive.");
  event = event_new (RD_EVENT_REFUSED, "2026-01-20");
  event.refusal_reasons_given = FALSE;
  assert_refused (&c, event, RD_RULES_ERROR_MISSING_FACTS,
                  "A refusal must give the complainant the reasons in writing.");
  event = event_new (RD_EVENT_REFUSED, "2026-01-20");
  event.refusal_rights_told = FALSE;
  assert_refused (&c, event, RD_RULES_ERROR_MISSING_FACTS,
                  "A refusal must tell the complainant of the right to complain to the ICO and "
                  "the right to a judicial remedy.");

  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-01-20");
  assert_refused (&c, event_new (RD_EVENT_OUTCOME_SENT, "2026-01-21"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The outcome was already sent on Tuesday 20 January 2026; a new decision can "
                  "only come from a review.");
  assert_refused (&c, event_new (RD_EVENT_REFUSED, "2026-01-21"), RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The outcome was already sent on Tuesday 20 January 2026; a new decision can "
                  "only come from a review.");
  case_clear (&c);

  case_init (&c);
  record_kind (&c, RD_EVENT_REFUSED, "2026-01-20");
  assert_refused (&c, event_new (RD_EVENT_OUTCOME_SENT, "2026-01-21"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The complaint was already refused on Tuesday 20 January 2026; a new decision "
                  "can only come from a review.");
  case_clear (&c);
}

static void
test_guard_review (void)
{
  Case    c;
  RdEvent event;

  case_init (&c);
  assert_refused (&c, event_new (RD_EVENT_REVIEW_REQUESTED, "2026-01-20"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "A review can be asked for only after the outcome (or a refusal) has been "
                  "sent.");
  assert_refused (&c, event_new (RD_EVENT_REVIEW_OUTCOME_SENT, "2026-01-20"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "No review was asked for: record “Review requested” first.");
  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-01-20");
  assert_refused (&c, event_new (RD_EVENT_REVIEW_REQUESTED, "2026-01-19"), RD_RULES_ERROR_BAD_DATE,
                  "Monday 19 January 2026 is too early: the decision was sent on Tuesday 20 "
                  "January 2026.");
  record_kind (&c, RD_EVENT_REVIEW_REQUESTED, "2026-01-27");
  assert_refused (&c, event_new (RD_EVENT_REVIEW_REQUESTED, "2026-01-28"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "A review was already asked for on Tuesday 27 January 2026; the policy allows "
                  "one review.");
  assert_refused (&c, event_new (RD_EVENT_CLOSED, "2026-01-28"), RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The review asked for on Tuesday 27 January 2026 has no outcome yet; send the "
                  "review outcome before closing the case.");
  assert_refused (&c, event_new (RD_EVENT_REVIEW_OUTCOME_SENT, "2026-01-26"),
                  RD_RULES_ERROR_BAD_DATE,
                  "Monday 26 January 2026 is too early: the review was asked for on Tuesday 27 "
                  "January 2026.");
  event = event_new (RD_EVENT_REVIEW_OUTCOME_SENT, "2026-02-10");
  event.outcome = RD_OUTCOME_NONE;
  assert_refused (&c, event, RD_RULES_ERROR_MISSING_FACTS,
                  "Say whether the complaint was upheld, partly upheld or not upheld.");
  record_kind (&c, RD_EVENT_REVIEW_OUTCOME_SENT, "2026-02-10");
  assert_refused (&c, event_new (RD_EVENT_REVIEW_OUTCOME_SENT, "2026-02-11"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The review outcome was already sent on Tuesday 10 February 2026.");
  case_clear (&c);
}

static void
test_guard_ico (void)
{
  Case    c;
  RdEvent event;

  case_init (&c);
  assert_refused (&c, event_new (RD_EVENT_ICO_RESPONSE_SENT, "2026-01-20"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "No enquiry from the ICO is waiting for an answer: record “ICO got in touch” "
                  "first.");
  event = event_new (RD_EVENT_ICO_NOTIFIED, "2026-01-20");
  event.ico_due = day ("2026-01-19");
  assert_refused (&c, event, RD_RULES_ERROR_BAD_DATE,
                  "The ICO’s date for a response cannot be before the day it got in touch.");
  record_kind (&c, RD_EVENT_ICO_NOTIFIED, "2026-01-20");
  assert_refused (&c, event_new (RD_EVENT_ICO_NOTIFIED, "2026-01-21"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The ICO’s enquiry of Tuesday 20 January 2026 has not been answered yet; record "
                  "“Response sent to the ICO” first.");
  assert_refused (&c, event_new (RD_EVENT_ICO_RESPONSE_SENT, "2026-01-19"), RD_RULES_ERROR_BAD_DATE,
                  "Monday 19 January 2026 is too early: the ICO got in touch on Tuesday 20 "
                  "January 2026.");
  assert_refused (&c, event_new (RD_EVENT_CLOSED, "2026-01-22"), RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "The ICO’s enquiry of Tuesday 20 January 2026 has not been answered; send the "
                  "response to the ICO before closing the case.");
  record_kind (&c, RD_EVENT_ICO_RESPONSE_SENT, "2026-01-30");
  assert_refused (&c, event_new (RD_EVENT_ICO_RESPONSE_SENT, "2026-01-31"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  "No enquiry from the ICO is waiting for an answer: record “ICO got in touch” "
                  "first.");
  case_clear (&c);
}

static void
test_guard_closure_and_destruction (void)
{
  Case        c;
  const char *closed =
      "The case was closed on Tuesday 20 January 2026; only a note, a review request, contact "
      "from the ICO or the destruction of the records can be recorded now.";

  case_init (&c);
  assert_refused (&c, event_new (RD_EVENT_DESTROYED, "2026-01-20"), RD_RULES_ERROR_RETENTION,
                  "Close the case first: records are kept for the retention period from closure, "
                  "and only then destroyed.");
  record_kind (&c, RD_EVENT_CLOSED, "2026-01-20");
  assert_refused (&c, event_new (RD_EVENT_CLOSED, "2026-01-21"), RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  closed);
  assert_refused (&c, event_new (RD_EVENT_ACKNOWLEDGED, "2026-01-21"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE, closed);
  assert_refused (&c, event_new (RD_EVENT_OUTCOME_SENT, "2026-01-21"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE, closed);
  assert_refused (&c, event_new (RD_EVENT_IDENTITY_REQUESTED, "2026-01-21"),
                  RD_RULES_ERROR_OUT_OF_SEQUENCE, closed);
  /* Privacy notice: 6 years from closure, so not before 20 January 2032. */
  c.today = "2032-01-19";
  assert_refused (&c, event_new (RD_EVENT_DESTROYED, "2032-01-19"), RD_RULES_ERROR_RETENTION,
                  "The records must be kept until Tuesday 20 January 2032 (6 years from closure "
                  "on Tuesday 20 January 2026); they cannot be destroyed before then.");
  c.today = "2032-01-20";
  record_kind (&c, RD_EVENT_DESTROYED, "2032-01-20");
  /* Nothing after destroyed. */
  for (guint kind = RD_EVENT_ACKNOWLEDGED; kind < RD_EVENT_N_KINDS; kind++)
    assert_refused (&c, event_new (kind, "2032-01-20"), RD_RULES_ERROR_DESTROYED,
                    "The records of this case were destroyed on Tuesday 20 January 2032; nothing "
                    "more can be recorded on it.");
  case_clear (&c);
}

/* The list of actions the UI shows, with the reasons as tooltips. */
static void
test_list_actions (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;
  g_autoptr(GArray) actions = NULL;
  gboolean expected[RD_EVENT_N_KINDS] = { FALSE };

  case_init (&c);
  c.today = "2026-01-06";
  state = state_of (&c);
  actions = rd_case_state_list_actions (state);
  g_assert_cmpuint (actions->len, ==, RD_EVENT_N_KINDS - 1);

  expected[RD_EVENT_ACKNOWLEDGED] = TRUE;
  expected[RD_EVENT_IDENTITY_REQUESTED] = TRUE;
  expected[RD_EVENT_CLARIFICATION_REQUESTED] = TRUE;
  expected[RD_EVENT_EXTENDED] = TRUE;
  expected[RD_EVENT_OUTCOME_SENT] = TRUE;
  expected[RD_EVENT_REFUSED] = TRUE;
  expected[RD_EVENT_ICO_NOTIFIED] = TRUE;
  expected[RD_EVENT_CLOSED] = TRUE;
  expected[RD_EVENT_NOTE] = TRUE;

  for (guint i = 0; i < actions->len; i++)
    {
      const RdAction *action = &g_array_index (actions, RdAction, i);

      g_test_message ("%s: %s", rd_event_kind_to_id (action->kind),
                      action->allowed ? "allowed" : action->reason);
      g_assert_cmpint (action->kind, !=, RD_EVENT_RECEIVED);
      g_assert_cmpint (action->allowed, ==, expected[action->kind]);
      if (action->allowed)
        g_assert_null (action->reason);
      else
        {
          /* The same sentence rd_case_state_can() gives. */
          g_autoptr(GError) error = NULL;
          RdEvent event = event_new (action->kind, c.today);

          g_assert_false (rd_case_state_can (state, &event, &error));
          g_assert_cmpstr (action->reason, ==, error->message);
        }
    }

  /* Destruction: the tooltip says until when. */
  g_clear_pointer (&actions, g_array_unref);
  g_clear_object (&state);
  record_kind (&c, RD_EVENT_CLOSED, "2026-01-06");
  state = state_of (&c);
  actions = rd_case_state_list_actions (state);
  for (guint i = 0; i < actions->len; i++)
    {
      const RdAction *action = &g_array_index (actions, RdAction, i);

      if (action->kind == RD_EVENT_DESTROYED)
        g_assert_cmpstr (action->reason, ==,
                         "The records must be kept until Tuesday 6 January 2032 (6 years from "
                         "closure on Tuesday 6 January 2026); they cannot be destroyed before "
                         "then.");
      if (action->kind == RD_EVENT_REVIEW_REQUESTED)
        g_assert_false (action->allowed); /* no outcome was sent */
      if (action->kind == RD_EVENT_NOTE || action->kind == RD_EVENT_ICO_NOTIFIED)
        g_assert_true (action->allowed);
    }
  case_clear (&c);
}

/* The fold reads events in the order they were recorded (docs/rules.md):
 * the ICO's letter, dated before the closure but recorded after it, reopens
 * the case; read in date order, the closure would come last and hide an
 * enquiry waiting for its answer. */
static void
test_recorded_order (void)
{
  Case    c;
  RdEvent event;
  g_autoptr(RdCaseState) closed = NULL;
  g_autoptr(RdCaseState) state = NULL;

  case_init (&c);
  event = event_new (RD_EVENT_OUTCOME_SENT, "2026-01-20");
  g_array_append_val (c.events, event);
  event = event_new (RD_EVENT_CLOSED, "2026-02-25");
  g_array_append_val (c.events, event);
  closed = state_of (&c);
  g_assert_cmpint (rd_case_state_get_status (closed), ==, RD_STATUS_CLOSED);

  /* The guards allow it: the day is after receipt and not in the future. */
  event = event_new (RD_EVENT_ICO_NOTIFIED, "2026-02-20");
  g_assert_true (rd_case_state_can (closed, &event, NULL));
  g_array_append_val (c.events, event);
  state = state_of (&c);
  g_assert_cmpint (rd_case_state_get_status (state), ==, RD_STATUS_WITH_ICO);
  g_assert_false (rd_case_state_can (
      state, &(RdEvent){ .kind = RD_EVENT_CLOSED, .on = day ("2026-03-02") }, NULL));
  case_clear (&c);
}

/* A case received Friday 1 May 2026, seen on Monday 1 June 2026. */
static void
case_init_may (Case *c)
{
  GDate received = day ("2026-05-01");

  case_init (c);
  rd_case_facts_init (&c->facts, &received);
  c->today = "2026-06-01";
}

#define IN_ORDER(dated, step, on)                                                            \
  "This step is dated " dated ", before " step " on " on " that is already recorded. Steps " \
  "are recorded in the order they happened: record it with a date on or after " on           \
  ", or add a note."

/* The QA sequence, step by step: each back-dated step is refused, because
 * the fold reads the recorded order and the timeline would read "received,
 * closed, acknowledged, …" with retention counted from a false closure. */
static void
test_guard_order_qa_sequence (void)
{
  Case c;

  case_init_may (&c);
  record_kind (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-05-10");
  record_kind (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-05-15");

  /* An outcome dated inside the (answered) pause, before the answer. */
  assert_refused (
      &c, event_new (RD_EVENT_OUTCOME_SENT, "2026-05-12"), RD_RULES_ERROR_BAD_DATE,
      IN_ORDER ("Tuesday 12 May 2026", "the clarification received", "Friday 15 May 2026"));
  assert_refused (
      &c, event_new (RD_EVENT_ACKNOWLEDGED, "2026-05-02"), RD_RULES_ERROR_BAD_DATE,
      IN_ORDER ("Saturday 2 May 2026", "the clarification received", "Friday 15 May 2026"));
  assert_refused (
      &c, event_new (RD_EVENT_CLOSED, "2026-05-01"), RD_RULES_ERROR_BAD_DATE,
      IN_ORDER ("Friday 1 May 2026", "the clarification received", "Friday 15 May 2026"));

  /* The outcome dated on or after the answer is fine; after it, the
   * acknowledgement and closure dated before it are refused. */
  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-05-16");
  assert_refused (&c, event_new (RD_EVENT_ACKNOWLEDGED, "2026-05-02"), RD_RULES_ERROR_BAD_DATE,
                  IN_ORDER ("Saturday 2 May 2026", "the outcome sent", "Saturday 16 May 2026"));
  assert_refused (&c, event_new (RD_EVENT_CLOSED, "2026-05-01"), RD_RULES_ERROR_BAD_DATE,
                  IN_ORDER ("Friday 1 May 2026", "the outcome sent", "Saturday 16 May 2026"));
  record_kind (&c, RD_EVENT_CLOSED, "2026-05-20");
  assert_status (&c, RD_STATUS_CLOSED);
  {
    g_autoptr(RdCaseState) state = state_of (&c);
    g_autofree char *until = rd_date_to_iso (
        &rd_case_state_get_deadline (state, RD_DEADLINE_RETAIN)->due);

    /* Six years from the true closure (the privacy notice). */
    g_assert_cmpstr (until, ==, "2032-05-20");
  }
  case_clear (&c);

  /* The message of the brief: an acknowledgement dated after receipt but
   * before the outcome already recorded. */
  case_init_may (&c);
  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-05-12");
  assert_refused (&c, event_new (RD_EVENT_ACKNOWLEDGED, "2026-05-02"), RD_RULES_ERROR_BAD_DATE,
                  IN_ORDER ("Saturday 2 May 2026", "the outcome sent", "Tuesday 12 May 2026"));
  case_clear (&c);

  /* An outcome dated before a clarification request still awaited: the
   * fold would otherwise end the pause on the request's own day. */
  case_init_may (&c);
  record_kind (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-05-10");
  assert_refused (
      &c, event_new (RD_EVENT_OUTCOME_SENT, "2026-05-08"), RD_RULES_ERROR_BAD_DATE,
      IN_ORDER ("Friday 8 May 2026", "the request for clarification", "Sunday 10 May 2026"));
  /* Dated inside the open pause, it ends the pause that day. */
  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-05-12");
  {
    g_autoptr(RdCaseState) state = state_of (&c);

    g_assert_false (rd_case_state_get_clock_paused (state));
    g_assert_cmpint (rd_case_state_get_status (state), ==, RD_STATUS_RESPONDED);
  }
  case_clear (&c);
}

/* Several steps can happen on one day, and be recorded in any order; a
 * note can be dated any day since receipt. */
static void
test_guard_order_same_day (void)
{
  Case c;

  case_init_may (&c);
  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-05-12");
  record_kind (&c, RD_EVENT_ACKNOWLEDGED, "2026-05-12");
  record_kind (&c, RD_EVENT_NOTE, "2026-05-02");
  record_kind (&c, RD_EVENT_CLOSED, "2026-05-12");
  assert_status (&c, RD_STATUS_CLOSED);
  record_kind (&c, RD_EVENT_NOTE, "2026-05-01");
  case_clear (&c);

  case_init_may (&c);
  record_kind (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-05-11");
  record_kind (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-05-11");
  record_kind (&c, RD_EVENT_ACKNOWLEDGED, "2026-05-11");
  {
    g_autoptr(RdCaseState) state = state_of (&c);

    g_assert_cmpuint (rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND)->working.pause_days,
                      ==, 1);
  }
  case_clear (&c);
}

/* What comes in from outside is dated the day it arrived, even when steps
 * were recorded since: that day starts or restarts the clock, and a later
 * one would give the council more time than the law does. It is still never
 * before the request it answers. */
static void
test_guard_order_arrivals (void)
{
  Case c;

  case_init_may (&c);
  record_kind (&c, RD_EVENT_IDENTITY_REQUESTED, "2026-05-04");
  record_kind (&c, RD_EVENT_CLARIFICATION_REQUESTED, "2026-05-07");
  record_kind (&c, RD_EVENT_ACKNOWLEDGED, "2026-05-11");

  /* The documents arrived on Tuesday 5 May, logged after the acknowledgement. */
  assert_refused (&c, event_new (RD_EVENT_IDENTITY_VERIFIED, "2026-05-03"), RD_RULES_ERROR_BAD_DATE,
                  "Sunday 3 May 2026 is too early: identity was asked for on Monday 4 May 2026.");
  record_kind (&c, RD_EVENT_IDENTITY_VERIFIED, "2026-05-05");
  /* The answer arrived on Friday 8 May. */
  assert_refused (&c, event_new (RD_EVENT_CLARIFICATION_RECEIVED, "2026-05-06"),
                  RD_RULES_ERROR_BAD_DATE,
                  "Wednesday 6 May 2026 is too early: clarification was asked for on Thursday 7 "
                  "May 2026.");
  record_kind (&c, RD_EVENT_CLARIFICATION_RECEIVED, "2026-05-08");
  {
    g_autoptr(RdCaseState) state = state_of (&c);
    const RdDeadline *respond = rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND);
    g_autofree char  *start = NULL;
    g_autofree char  *due = rd_date_to_iso (&respond->due);
    GDate             clock;

    g_assert_true (rd_case_state_get_clock_start (state, &clock, NULL));
    start = rd_date_to_iso (&clock);
    g_assert_cmpstr (start, ==, "2026-05-05");
    /* One month from Tuesday 5 May is Friday 5 June; the clock stopped 7–8
     * May (2 days): Sunday 7 June, so Monday 8 June. */
    g_assert_cmpuint (respond->working.pause_days, ==, 2);
    g_assert_cmpstr (due, ==, "2026-06-08");
  }

  /* The council's own steps stay in date order. An extension logged late
   * carries the day the complainant was told as its own field. */
  {
    RdEvent extended = event_new (RD_EVENT_EXTENDED, "2026-05-09");

    assert_refused (&c, extended, RD_RULES_ERROR_BAD_DATE,
                    IN_ORDER ("Saturday 9 May 2026", "the acknowledgement", "Monday 11 May 2026"));
    extended.on = day ("2026-05-12");
    record (&c, extended);
    {
      g_autoptr(RdCaseState) state = state_of (&c);

      g_assert_false (
          rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND)->extension_notified_late);
    }
  }
  assert_refused (&c, event_new (RD_EVENT_OUTCOME_SENT, "2026-05-09"), RD_RULES_ERROR_BAD_DATE,
                  IN_ORDER ("Saturday 9 May 2026", "the extension", "Tuesday 12 May 2026"));
  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-05-12");
  assert_status (&c, RD_STATUS_RESPONDED);
  case_clear (&c);

  /* A representative's written consent, logged after the acknowledgement. */
  case_init_may (&c);
  c.facts.representative = TRUE;
  record_kind (&c, RD_EVENT_CONSENT_REQUESTED, "2026-05-04");
  record_kind (&c, RD_EVENT_ACKNOWLEDGED, "2026-05-06");
  record_kind (&c, RD_EVENT_CONSENT_RECEIVED, "2026-05-05");
  {
    g_autoptr(RdCaseState) state = state_of (&c);
    g_autofree char *start = NULL;
    GDate            clock;

    g_assert_true (rd_case_state_get_clock_start (state, &clock, NULL));
    start = rd_date_to_iso (&clock);
    g_assert_cmpstr (start, ==, "2026-05-05");
  }
  case_clear (&c);
}

/* A review request or the ICO's letter may be dated before a recorded
 * closure: recorded after it, it reopens the case, and its real date counts
 * (the review's month runs from it; the ICO's enquiry is dated by the ICO).
 * What is recorded after it is in date order again, the closure included. */
static void
test_guard_order_reopening (void)
{
  Case    c;
  RdEvent ico;

  case_init_may (&c);
  record_kind (&c, RD_EVENT_OUTCOME_SENT, "2026-05-12");
  record_kind (&c, RD_EVENT_CLOSED, "2026-05-20");

  assert_refused (&c, event_new (RD_EVENT_REVIEW_REQUESTED, "2026-05-11"), RD_RULES_ERROR_BAD_DATE,
                  "Monday 11 May 2026 is too early: the decision was sent on Tuesday 12 May "
                  "2026.");
  record_kind (&c, RD_EVENT_REVIEW_REQUESTED, "2026-05-18");
  assert_status (&c, RD_STATUS_UNDER_REVIEW);
  {
    g_autoptr(RdCaseState) state = state_of (&c);
    g_autofree char *due = rd_date_to_iso (
        &rd_case_state_get_deadline (state, RD_DEADLINE_REVIEW_RESPOND)->due);

    /* One month from Monday 18 May 2026: Thursday 18 June. */
    g_assert_cmpstr (due, ==, "2026-06-18");
  }

  /* The review outcome comes after everything recorded, the closure too. */
  assert_refused (&c, event_new (RD_EVENT_REVIEW_OUTCOME_SENT, "2026-05-19"),
                  RD_RULES_ERROR_BAD_DATE,
                  IN_ORDER ("Tuesday 19 May 2026", "the closure", "Wednesday 20 May 2026"));

  /* The ICO's letter of 8 May (before the outcome), found after the closure. */
  ico = event_new (RD_EVENT_ICO_NOTIFIED, "2026-05-08");
  ico.ico_due = day ("2026-06-09");
  record (&c, ico);
  assert_status (&c, RD_STATUS_WITH_ICO);
  assert_refused (&c, event_new (RD_EVENT_ICO_RESPONSE_SENT, "2026-05-19"), RD_RULES_ERROR_BAD_DATE,
                  IN_ORDER ("Tuesday 19 May 2026", "the closure", "Wednesday 20 May 2026"));
  record_kind (&c, RD_EVENT_ICO_RESPONSE_SENT, "2026-05-20");
  record_kind (&c, RD_EVENT_REVIEW_OUTCOME_SENT, "2026-05-22");
  assert_refused (
      &c, event_new (RD_EVENT_CLOSED, "2026-05-21"), RD_RULES_ERROR_BAD_DATE,
      IN_ORDER ("Thursday 21 May 2026", "the review outcome sent", "Friday 22 May 2026"));
  record_kind (&c, RD_EVENT_CLOSED, "2026-05-22");
  assert_status (&c, RD_STATUS_CLOSED);
  {
    g_autoptr(RdCaseState) state = state_of (&c);
    g_autofree char *until = rd_date_to_iso (
        &rd_case_state_get_deadline (state, RD_DEADLINE_RETAIN)->due);

    /* Six years from the last closure. */
    g_assert_cmpstr (until, ==, "2032-05-22");
  }
  case_clear (&c);
}

/* The fold is total: events the guards would refuse do not crash it. */
static void
test_lenient_fold (void)
{
  Case c;
  g_autoptr(RdCaseState) state = NULL;
  RdEvent event;

  case_init (&c);
  event = event_new (RD_EVENT_IDENTITY_VERIFIED, "2026-01-06"); /* never asked for */
  g_array_append_val (c.events, event);
  event = event_new (RD_EVENT_CLARIFICATION_RECEIVED, "2026-01-06"); /* never asked for */
  g_array_append_val (c.events, event);
  event = event_new (RD_EVENT_NOTE, NULL); /* no date */
  g_array_append_val (c.events, event);
  event = event_new (RD_EVENT_REVIEW_OUTCOME_SENT, "2026-01-07"); /* no review */
  g_array_append_val (c.events, event);
  event = event_new (RD_EVENT_EXTENDED, "2026-01-08");
  event.extension_months = 9; /* capped at two */
  g_array_append_val (c.events, event);
  event = event_new (RD_EVENT_RECEIVED, "2026-01-05");
  g_array_append_val (c.events, event);
  event = event_new (RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-09");
  g_array_append_val (c.events, event);
  event = event_new (RD_EVENT_CLARIFICATION_REQUESTED, "2026-01-10"); /* already paused */
  g_array_append_val (c.events, event);
  event = event_new (RD_EVENT_CLARIFICATION_RECEIVED, "2026-01-08"); /* before the request */
  g_array_append_val (c.events, event);

  state = state_of (&c);
  g_assert_cmpint (rd_case_state_get_status (state), ==, RD_STATUS_OPEN);
  /* 5 Jan + 3 months = Sun 5 Apr, + 1 pause day (9 Jan, the answer dated
   * before it counts as the same day) = Mon 6 Apr, Easter Monday → Tue 7 Apr. */
  g_assert_cmpuint (rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND)->working.pause_days, ==,
                    1);
  {
    g_autofree char *iso = rd_date_to_iso (
        &rd_case_state_get_deadline (state, RD_DEADLINE_RESPOND)->due);

    g_assert_cmpstr (iso, ==, "2026-04-07");
  }
  case_clear (&c);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  shipped = rd_test_load_shipped_holidays ();

  g_test_add_func ("/lifecycle/ids", test_ids);
  g_test_add_func ("/lifecycle/full", test_full_lifecycle);
  g_test_add_func ("/lifecycle/representative", test_representative);
  g_test_add_func ("/lifecycle/refusal-and-review", test_refusal_and_review);
  g_test_add_func ("/lifecycle/review-after-closure", test_review_after_closure);
  g_test_add_func ("/lifecycle/allowed-late", test_allowed_late);
  g_test_add_func ("/lifecycle/guard/dates", test_guard_dates);
  g_test_add_func ("/lifecycle/guard/acknowledge-identity", test_guard_acknowledge_identity);
  g_test_add_func ("/lifecycle/guard/consent", test_guard_consent);
  g_test_add_func ("/lifecycle/guard/clarification", test_guard_clarification);
  g_test_add_func ("/lifecycle/guard/extension", test_guard_extension);
  g_test_add_func ("/lifecycle/guard/decisions", test_guard_decisions);
  g_test_add_func ("/lifecycle/guard/review", test_guard_review);
  g_test_add_func ("/lifecycle/guard/ico", test_guard_ico);
  g_test_add_func ("/lifecycle/guard/closure-and-destruction", test_guard_closure_and_destruction);
  g_test_add_func ("/lifecycle/list-actions", test_list_actions);
  g_test_add_func ("/lifecycle/lenient-fold", test_lenient_fold);
  g_test_add_func ("/lifecycle/recorded-order", test_recorded_order);
  g_test_add_func ("/lifecycle/guard/order/qa-sequence", test_guard_order_qa_sequence);
  g_test_add_func ("/lifecycle/guard/order/same-day", test_guard_order_same_day);
  g_test_add_func ("/lifecycle/guard/order/arrivals", test_guard_order_arrivals);
  g_test_add_func ("/lifecycle/guard/order/reopening", test_guard_order_reopening);

  status = g_test_run ();
  g_clear_object (&shipped);
  return status;
}
