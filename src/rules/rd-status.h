/* rd-status.h: where a case stands, derived from its events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RdStatus:
 *
 * Never stored: rd_case_state_new() derives it from the events. The
 * comment gives the string id.
 */
typedef enum
{
  RD_STATUS_OPEN,                   /* "open": received, being handled */
  RD_STATUS_AWAITING_IDENTITY,      /* "awaiting-identity": identity asked for, not settled */
  RD_STATUS_AWAITING_CONSENT,       /* "awaiting-consent": a representative, no written consent */
  RD_STATUS_AWAITING_CLARIFICATION, /* "awaiting-clarification": the clock is stopped */
  RD_STATUS_RESPONDED,              /* "responded": outcome (or review outcome) sent */
  RD_STATUS_UNDER_REVIEW,           /* "under-review": review requested, no review outcome yet */
  RD_STATUS_REFUSED,                /* "refused": manifestly unfounded or excessive */
  RD_STATUS_WITH_ICO,               /* "with-ico": the ICO is dealing with a complaint about it */
  RD_STATUS_CLOSED,                 /* "closed": kept for the retention period */
  RD_STATUS_DESTROYED,              /* "destroyed": records destroyed */
  RD_STATUS_N,
} RdStatus;

const char *rd_status_to_id (RdStatus status); /* NULL when out of range */
gboolean    rd_status_from_id (const char *id, RdStatus *out_status);
const char *rd_status_get_label (RdStatus status); /* "Awaiting identity", translated */

G_END_DECLS
