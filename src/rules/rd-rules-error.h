/* rd-rules-error.h: what the lifecycle rules refuse, and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_RULES_ERROR (rd_rules_error_quark ())

/**
 * RdRulesError:
 * @RD_RULES_ERROR_OUT_OF_SEQUENCE: the event does not fit the case's process
 *   at this point (review-requested before any outcome, a second outcome,
 *   identity-verified without identity-requested, …)
 * @RD_RULES_ERROR_NO_CONSENT: a representative acts and the data subject's
 *   written consent is not on record yet (the seed policy, "Making a complaint")
 * @RD_RULES_ERROR_IDENTITY_NOT_SETTLED: identity was in doubt and has not been
 *   settled (the seed policy, "Investigation and complaint outcome")
 * @RD_RULES_ERROR_MISSING_FACTS: the event lacks what the rules require of it
 *   (a refusal without a factor, written reasons or the rights to complain;
 *   an extension without a reason or a notification date; an invalid outcome)
 * @RD_RULES_ERROR_BAD_DATE: the date is before receipt, in the future,
 *   before the event it answers, or (a step the council takes) before the
 *   latest-dated step already recorded
 * @RD_RULES_ERROR_DESTROYED: the case's records were destroyed; nothing more
 *   can be recorded
 * @RD_RULES_ERROR_RETENTION: the records must still be kept (destruction
 *   before the end of the retention period)
 *
 * Every message is one sentence (or two) a clerk can act on, translated.
 */
typedef enum
{
  RD_RULES_ERROR_OUT_OF_SEQUENCE,
  RD_RULES_ERROR_NO_CONSENT,
  RD_RULES_ERROR_IDENTITY_NOT_SETTLED,
  RD_RULES_ERROR_MISSING_FACTS,
  RD_RULES_ERROR_BAD_DATE,
  RD_RULES_ERROR_DESTROYED,
  RD_RULES_ERROR_RETENTION,
} RdRulesError;

GQuark rd_rules_error_quark (void);

G_END_DECLS
