/* rd-case-state-guards.c: the lifecycle guards, what may be recorded next
 * on a case and, if not, why, in a sentence the clerk can act on.
 *
 * The process is the seed complaints policy's; see docs/rules.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-rules"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-state-private.h"
#include "rd-rules-error.h"
#include "rd-rules-private.h"

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

/* Translators: each names a step already recorded on a case, to go into
 * "This step is dated …, before %s on 12 May 2026 that is already recorded." */
static const char *const step_phrases[RD_EVENT_N_KINDS] = {
  [RD_EVENT_RECEIVED] = N_("the receipt of the complaint"),
      [RD_EVENT_ACKNOWLEDGED] = N_("the acknowledgement"),
          [RD_EVENT_IDENTITY_REQUESTED] = N_("the request for proof of identity"),
              [RD_EVENT_IDENTITY_VERIFIED] = N_("the identity verified"),
                  [RD_EVENT_CONSENT_REQUESTED] = N_("the request for consent"),
                      [RD_EVENT_CONSENT_RECEIVED] = N_("the consent received"),
                          [RD_EVENT_CLARIFICATION_REQUESTED] = N_("the request for clarification"),
                              [RD_EVENT_CLARIFICATION_RECEIVED] = N_("the clarification received"),
                                  [RD_EVENT_EXTENDED] = N_("the extension"),
                                      [RD_EVENT_OUTCOME_SENT] = N_("the outcome sent"),
                                          [RD_EVENT_REFUSED] = N_("the refusal"),
                                              [RD_EVENT_REVIEW_REQUESTED] = N_("the review request"),
                                                  [RD_EVENT_REVIEW_OUTCOME_SENT] = N_("the review outcome sent"),
                                                      [RD_EVENT_ICO_NOTIFIED] = N_("the ICO’s contact"),
                                                          [RD_EVENT_ICO_RESPONSE_SENT] = N_("the response to the ICO"),
                                                              [RD_EVENT_CLOSED] = N_("the closure"),
                                                                  [RD_EVENT_DESTROYED] = N_("the destruction of the records"),
                                                                      [RD_EVENT_NOTE] = N_("a note"),
                                                                      };

/*
 * The fold reads the events in the order they were recorded (docs/rules.md),
 * so a step the council takes may not be dated before the latest-dated step
 * already recorded (the same day is fine: several steps can happen on one
 * day, in any order). Notes are free. What comes in from outside (proof of
 * identity, the written consent, the clarification, a review request, the
 * ICO's letter) is dated the day it arrived, which may be before steps
 * recorded since it arrived: that day starts or restarts the response clock
 * or dates the enquiry, and a later one would give the council more time
 * than the law does. Such an arrival is still never before the request it
 * answers (identity, consent and clarification asked for, the decision;
 * checked above), and a review request or the ICO's letter recorded after a
 * closure reopens the case.
 */
static gboolean
is_arrival (RdEventKind kind)
{
  switch (kind)
    {
      case RD_EVENT_IDENTITY_VERIFIED:
      case RD_EVENT_CONSENT_RECEIVED:
      case RD_EVENT_CLARIFICATION_RECEIVED:
      case RD_EVENT_REVIEW_REQUESTED:
      case RD_EVENT_ICO_NOTIFIED:
        return TRUE;
      default:
        return FALSE;
    }
}

static gboolean
check_in_order (RdCaseState *self, RdEventKind kind, const GDate *on, GError **error)
{
  if (kind == RD_EVENT_NOTE || is_arrival (kind) || !g_date_valid (&self->latest_on) ||
      !date_before (on, &self->latest_on))
    return TRUE;

  {
    g_autofree char *date = _rd_date_format_long (on);
    g_autofree char *latest = _rd_date_format_long (&self->latest_on);

    /* Translators: the first and last %s are days; the second names a step, e.g. "the
     * outcome sent"; the third is its day. */
    REFUSE (RD_RULES_ERROR_BAD_DATE,
            _("This step is dated %s, before %s on %s that is already recorded. Steps are "
              "recorded in the order they happened: record it with a date on or after %s, or add "
              "a note."),
               date, _(step_phrases[self->latest_kind]), latest, latest);
  }
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

const RdPause *
_rd_case_state_open_pause (RdCaseState *self)
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
gboolean
_rd_case_state_check (RdCaseState   *self,
                      RdEventKind    kind,
                      const GDate   *on,
                      const RdEvent *event,
                      GError       **error)
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
        if (_rd_case_state_open_pause (self) != NULL)
          {
            g_autofree char *date = _rd_date_format_long (&_rd_case_state_open_pause (self)->from);

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
        if (_rd_case_state_open_pause (self) == NULL)
          REFUSE (RD_RULES_ERROR_OUT_OF_SEQUENCE,
                  _("No clarification is awaited: record “Clarification requested” first."));
        if (!check_not_before (on, &_rd_case_state_open_pause (self)->from,
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

  if (!check_in_order (self, kind, on, error))
    return FALSE;

  if (event != NULL && !check_facts (self, event, error))
    return FALSE;

  return TRUE;
}

#undef REFUSE
