/* rd-date.h: calendar dates as the rules use them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_DATE_ERROR (rd_date_error_quark ())

typedef enum
{
  RD_DATE_ERROR_INVALID,
} RdDateError;

GQuark rd_date_error_quark (void);

gboolean rd_date_parse_iso (const char *text, GDate *out_date, GError **error);
char    *rd_date_to_iso (const GDate *date);

/*
 * The calendar-month rule without rolling to a working day: the same day of
 * the month @months later, or the last day of that month where it has no
 * such day (2024-01-31 + 1 → 2024-02-29; 2025-01-31 + 1 → 2025-02-28).
 */
void rd_date_add_months (const GDate *date, guint months, GDate *out_date);

/* The same date @years later; 29 February becomes 28 February in a common year. */
void rd_date_add_years (const GDate *date, guint years, GDate *out_date);

/* @b - @a in days (negative when @b is before @a). Both must be valid. */
gint rd_date_days_between (const GDate *a, const GDate *b);

G_END_DECLS
