/* rd-format.h: what the window says about a state, as plain text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RdUrgency:
 * @RD_URGENCY_NONE: nothing is due
 * @RD_URGENCY_LATER: due, not soon
 * @RD_URGENCY_SOON: due within the "due soon" window
 * @RD_URGENCY_TODAY: due today
 * @RD_URGENCY_OVERDUE: the day has passed
 *
 * Shown by colour and always also by text.
 */
typedef enum
{
  RD_URGENCY_NONE,
  RD_URGENCY_LATER,
  RD_URGENCY_SOON,
  RD_URGENCY_TODAY,
  RD_URGENCY_OVERDUE,
} RdUrgency;

/* Working days ahead within which a case counts as "due soon". */
#define RD_FORMAT_DUE_SOON_WORKING_DAYS 5

char       *rd_format_date (const GDate *date);
char       *rd_format_date_short (const GDate *date);
char       *rd_format_due (int working_days_left, int calendar_days_overdue);
RdUrgency   rd_format_urgency (int working_days_left, int calendar_days_overdue);
const char *rd_format_urgency_css_class (RdUrgency urgency);
char       *rd_format_case_count (guint n_cases);

G_END_DECLS
