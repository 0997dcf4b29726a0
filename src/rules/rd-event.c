/* rd-event.c: what can happen on a case, as the rules see it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-rules"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-event.h"

static const struct
{
  const char *id;
  const char *label;
} kinds[RD_EVENT_N_KINDS] = {
  [RD_EVENT_RECEIVED] = {
      "received", N_("Received") },
      [RD_EVENT_ACKNOWLEDGED] = {
          "acknowledged", N_("Acknowledged") },
          [RD_EVENT_IDENTITY_REQUESTED] = {
              "identity-requested", N_("Identity requested") },
              [RD_EVENT_IDENTITY_VERIFIED] = {
                  "identity-verified", N_("Identity verified") },
                  [RD_EVENT_CONSENT_REQUESTED] = {
                      "consent-requested", N_("Consent requested") },
                      [RD_EVENT_CONSENT_RECEIVED] = {
                          "consent-received", N_("Consent received") },
                          [RD_EVENT_CLARIFICATION_REQUESTED] = {
                              "clarification-requested", N_("Clarification requested") },
                              [RD_EVENT_CLARIFICATION_RECEIVED] = {
                                  "clarification-received", N_("Clarification received") },
                                  [RD_EVENT_EXTENDED] = {
                                      "extended", N_("Time to respond extended") },
                                      [RD_EVENT_OUTCOME_SENT] = {
                                          "outcome-sent", N_("Outcome sent") },
                                          [RD_EVENT_REFUSED] = {
                                              "refused", N_("Refused") },
                                              [RD_EVENT_REVIEW_REQUESTED] = {
                                                  "review-requested", N_("Review requested") },
                                                  [RD_EVENT_REVIEW_OUTCOME_SENT] = {
                                                      "review-outcome-sent",
                                                      N_("Review outcome sent") },
                                                      [RD_EVENT_ICO_NOTIFIED] = {
                                                          "ico-notified", N_("ICO got in touch") },
                                                          [RD_EVENT_ICO_RESPONSE_SENT] = {
                                                              "ico-response-sent",
                                                              N_("Response sent to the ICO") },
                                                              [RD_EVENT_CLOSED] = {
                                                                  "closed", N_("Closed") },
                                                                  [RD_EVENT_DESTROYED] = {
                                                                      "destroyed",
                                                                      N_("Records destroyed") },
                                                                      [RD_EVENT_NOTE] = { "note",
                                                                                          N_("Note") },
                                                                      };

static const struct
{
  const char *id;
  const char *label;
} outcomes[] = {
  [RD_OUTCOME_NONE] = { NULL, N_("Not given") },
                        [RD_OUTCOME_UPHELD] = { "upheld", N_("Upheld") },
                                                [RD_OUTCOME_PARTLY_UPHELD] = {
                                                    "partly-upheld", N_("Partly upheld") },
                                                    [RD_OUTCOME_NOT_UPHELD] = { "not-upheld",
                                                                                N_("Not upheld") },
                                                    };

/* The seed policy, "Manifestly unfounded, and/or excessive complaints", in its order. */
static const char *const factor_labels[RD_REFUSAL_N_FACTORS] = {
  N_("Stated an intention to cause disruption and threatened individuals"),
      N_("Persists in unsubstantiated accusations against individuals"),
          N_("Targets particular individuals out of a personal grudge"),
              N_("Makes frequent complaints intended to cause disruption"),
                  N_("Repeats the substance of complaints already investigated"),
              };

const char *
rd_event_kind_to_id (RdEventKind kind)
{
  if ((guint) kind >= RD_EVENT_N_KINDS)
    return NULL;
  return kinds[kind].id;
}

gboolean
rd_event_kind_from_id (const char *id, RdEventKind *out_kind)
{
  g_return_val_if_fail (out_kind != NULL, FALSE);

  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < RD_EVENT_N_KINDS; i++)
    {
      if (strcmp (kinds[i].id, id) == 0)
        {
          *out_kind = (RdEventKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
rd_event_kind_get_label (RdEventKind kind)
{
  g_return_val_if_fail ((guint) kind < RD_EVENT_N_KINDS, NULL);

  return _(kinds[kind].label);
}

const char *
rd_outcome_to_id (RdOutcome outcome)
{
  if ((guint) outcome >= G_N_ELEMENTS (outcomes))
    return NULL;
  return outcomes[outcome].id;
}

gboolean
rd_outcome_from_id (const char *id, RdOutcome *out_outcome)
{
  g_return_val_if_fail (out_outcome != NULL, FALSE);

  if (id == NULL)
    return FALSE;

  for (guint i = RD_OUTCOME_UPHELD; i < G_N_ELEMENTS (outcomes); i++)
    {
      if (strcmp (outcomes[i].id, id) == 0)
        {
          *out_outcome = (RdOutcome) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
rd_outcome_get_label (RdOutcome outcome)
{
  g_return_val_if_fail ((guint) outcome < G_N_ELEMENTS (outcomes), NULL);

  return _(outcomes[outcome].label);
}

const char *
rd_refusal_factor_get_label (guint number)
{
  if (number < 1 || number > RD_REFUSAL_N_FACTORS)
    return NULL;
  return _(factor_labels[number - 1]);
}

void
rd_event_init (RdEvent *event, RdEventKind kind, const GDate *on)
{
  g_return_if_fail (event != NULL);

  memset (event, 0, sizeof *event);
  event->kind = kind;
  g_date_clear (&event->on, 1);
  g_date_clear (&event->extension_notified_on, 1);
  g_date_clear (&event->ico_due, 1);
  if (on != NULL)
    event->on = *on;
}
