/* rd-status.c: where a case stands, derived from its events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-rules"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-status.h"

static const struct
{
  const char *id;
  const char *label;
} statuses[RD_STATUS_N] = {
  [RD_STATUS_OPEN] = { "open", N_("Open") },
                       [RD_STATUS_AWAITING_IDENTITY] = {
                           "awaiting-identity", N_("Awaiting identity") },
                           [RD_STATUS_AWAITING_CONSENT] = {
                               "awaiting-consent", N_("Awaiting consent") },
                               [RD_STATUS_AWAITING_CLARIFICATION] = {
                                   "awaiting-clarification", N_("Awaiting clarification") },
                                   [RD_STATUS_RESPONDED] = {
                                       "responded", N_("Responded") },
                                       [RD_STATUS_UNDER_REVIEW] = {
                                           "under-review", N_("Under review") },
                                           [RD_STATUS_REFUSED] = {
                                               "refused", N_("Refused") },
                                               [RD_STATUS_WITH_ICO] = {
                                                   "with-ico", N_("With the ICO") },
                                                   [RD_STATUS_CLOSED] = {
                                                       "closed", N_("Closed") },
                                                       [RD_STATUS_DESTROYED] = { "destroyed",
                                                                                 N_("Destroyed") },
                                                       };

const char *
rd_status_to_id (RdStatus status)
{
  if ((guint) status >= RD_STATUS_N)
    return NULL;
  return statuses[status].id;
}

gboolean
rd_status_from_id (const char *id, RdStatus *out_status)
{
  g_return_val_if_fail (out_status != NULL, FALSE);

  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < RD_STATUS_N; i++)
    {
      if (strcmp (statuses[i].id, id) == 0)
        {
          *out_status = (RdStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
rd_status_get_label (RdStatus status)
{
  g_return_val_if_fail ((guint) status < RD_STATUS_N, NULL);

  return _(statuses[status].label);
}
