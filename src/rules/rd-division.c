/* rd-division.c: the three parts of the UK with their own bank holidays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-rules"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-division.h"

static const struct
{
  const char *id;
  const char *label;
} divisions[RD_DIVISION_N] = {
  [RD_DIVISION_ENGLAND_AND_WALES] = {
      "england-and-wales", N_("England and Wales") },
      [RD_DIVISION_SCOTLAND] = { "scotland", N_("Scotland") },
                                 [RD_DIVISION_NORTHERN_IRELAND] = { "northern-ireland",
                                                                    N_("Northern Ireland") },
                                 };

const char *
rd_division_to_id (RdDivision division)
{
  if ((guint) division >= RD_DIVISION_N)
    return NULL;
  return divisions[division].id;
}

gboolean
rd_division_from_id (const char *id, RdDivision *out_division)
{
  g_return_val_if_fail (out_division != NULL, FALSE);

  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < RD_DIVISION_N; i++)
    {
      if (strcmp (divisions[i].id, id) == 0)
        {
          *out_division = (RdDivision) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
rd_division_get_label (RdDivision division)
{
  g_return_val_if_fail ((guint) division < RD_DIVISION_N, NULL);

  return _(divisions[division].label);
}
