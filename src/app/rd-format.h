/* rd-format.h: what the window says about a state, as plain text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rd-event.h"

G_BEGIN_DECLS

typedef struct _RdCalendar RdCalendar;

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
char       *rd_format_next_due (const GDate *due,
                                RdCalendar  *calendar,
                                const GDate *today,
                                RdUrgency   *out_urgency);
const char *rd_format_status (const char *status_id);
const char *rd_format_event_action (RdEventKind kind);
const char *rd_format_channel (const char *channel_id);
const char *rd_format_authority (const char *authority_id);
const char *rd_format_document_kind (const char *kind_id);
char       *rd_format_received (const GDate *received, const char *channel_id);

/**
 * RdView:
 *
 * The sidebar's views of the case list, in the sidebar's order.
 */
typedef enum
{
  RD_VIEW_DUE_SOON,
  RD_VIEW_OVERDUE,
  RD_VIEW_ALL_OPEN,
  RD_VIEW_AWAITING_IDENTITY,
  RD_VIEW_AWAITING_CLARIFICATION,
  RD_VIEW_UNDER_REVIEW,
  RD_VIEW_WITH_ICO,
  RD_VIEW_CLOSED,
  RD_VIEW_DUE_FOR_DESTRUCTION,
  RD_VIEW_N,
} RdView;

const char *rd_view_to_id (RdView view);
gboolean    rd_view_from_id (const char *id, RdView *out_view);
const char *rd_view_get_label (RdView view);
const char *rd_view_get_icon_name (RdView view);
const char *rd_view_get_empty_text (RdView view);

G_END_DECLS
