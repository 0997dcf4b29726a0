/* rd-division.h: the three parts of the UK with their own bank holidays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RdDivision:
 * @RD_DIVISION_ENGLAND_AND_WALES: id "england-and-wales" (the default)
 * @RD_DIVISION_SCOTLAND: id "scotland"
 * @RD_DIVISION_NORTHERN_IRELAND: id "northern-ireland"
 * @RD_DIVISION_N: the number of divisions, not a division
 *
 * The ids are GOV.UK's own keys in https://www.gov.uk/bank-holidays.json.
 */
typedef enum
{
  RD_DIVISION_ENGLAND_AND_WALES,
  RD_DIVISION_SCOTLAND,
  RD_DIVISION_NORTHERN_IRELAND,
  RD_DIVISION_N,
} RdDivision;

#define RD_DIVISION_DEFAULT RD_DIVISION_ENGLAND_AND_WALES

/* The id ("england-and-wales"); NULL for a value out of range. */
const char *rd_division_to_id (RdDivision division);

/* Reads an id exactly as rd_division_to_id() writes it; FALSE for anything else. */
gboolean rd_division_from_id (const char *id, RdDivision *out_division);

/* "England and Wales", translated. */
const char *rd_division_get_label (RdDivision division);

G_END_DECLS
