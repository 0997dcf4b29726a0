/* rd-calendar.h: working days in one UK division, and the day counts the
 * deadline rules are made of.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rd-division.h"
#include "rd-holidays.h"

G_BEGIN_DECLS

/**
 * RdSkipReason:
 * @RD_SKIP_WEEKEND: a Saturday or a Sunday
 * @RD_SKIP_HOLIDAY: a bank holiday of the calendar's division
 */
typedef enum
{
  RD_SKIP_WEEKEND,
  RD_SKIP_HOLIDAY,
} RdSkipReason;

/**
 * RdSkippedDay:
 * @date: the day that was not a working day
 * @reason: why
 * @holiday_title: (nullable): for %RD_SKIP_HOLIDAY, GOV.UK's title of the
 *   holiday ("Boxing Day"); owned by the array holding the element
 *
 * A day that moved the end of a period: it was not counted as a working day,
 * or the end rolled over it to the next working day.
 */
typedef struct
{
  GDate        date;
  RdSkipReason reason;
  char        *holiday_title;
} RdSkippedDay;

/**
 * RdCalendarTrace:
 * @skipped: (element-type RdSkippedDay): each day skipped, in date order;
 *   the array frees the titles
 * @incomplete_holiday_data: a day looked at lies in a year the holiday data
 *   does not cover (see rd_holidays_covers_year()); such a day was treated as
 *   a working day unless it is a weekend, so the result may be too early
 *
 * Optional output of the counting functions: pass NULL when you only want
 * the date. A trace accumulates over several calls until freed.
 */
typedef struct
{
  GArray  *skipped;
  gboolean incomplete_holiday_data;
} RdCalendarTrace;

RdCalendarTrace *rd_calendar_trace_new (void);
void             rd_calendar_trace_free (RdCalendarTrace *trace);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCalendarTrace, rd_calendar_trace_free)

/* Limits of the counting functions: more is a mistake, not a deadline. */
#define RD_CALENDAR_MAX_WORKING_DAYS 5000
#define RD_CALENDAR_MAX_DAYS         20000
#define RD_CALENDAR_MAX_MONTHS       1200
/* The latest start the counting functions take: the last year an ISO date
 * (rd_date_parse_iso) can name. With the limits above the result stays far
 * inside GDate's range (year 65535); past it, GDate's year silently wraps
 * to 0 (65535-12-20 plus 10 working days gave "0000-01-03"). */
#define RD_CALENDAR_MAX_YEAR 9999

#define RD_TYPE_CALENDAR (rd_calendar_get_type ())
G_DECLARE_FINAL_TYPE (RdCalendar, rd_calendar, RD, CALENDAR, GObject)

/* Working days = Monday to Friday minus @division's bank holidays in @holidays. */
RdCalendar *rd_calendar_new (RdHolidays *holidays, RdDivision division);

RdHolidays *rd_calendar_get_holidays (RdCalendar *self); /* (transfer none) */
RdDivision  rd_calendar_get_division (RdCalendar *self);

/* Whether the holiday data covers @date's year for this calendar's division. */
gboolean rd_calendar_covers (RdCalendar *self, const GDate *date);

/* The holiday on @date ("Christmas Day"), or NULL. */
const char *rd_calendar_get_holiday (RdCalendar *self, const GDate *date);

/*
 * Whether @date is a working day. A weekday in a year the holiday data does
 * not cover counts as a working day (nothing better is known); use
 * rd_calendar_covers() or a trace to find out.
 */
gboolean rd_calendar_is_working_day (RdCalendar *self, const GDate *date);

/*
 * The next working day on or after @date (@date itself when it is one). Each
 * day rolled over goes into @trace.
 */
void rd_calendar_next_working_day (RdCalendar      *self,
                                   const GDate     *date,
                                   GDate           *out_date,
                                   RdCalendarTrace *trace);

/*
 * @n working days after @start, counting from the day after @start (the
 * council policy's "within 5 working days": received on Monday 5 January
 * 2026, the fifth working day is Monday 12 January). Each weekend day and
 * holiday passed over goes into @trace. With @n = 0 the result is
 * rd_calendar_next_working_day() of @start. @n ≤ %RD_CALENDAR_MAX_WORKING_DAYS.
 */
void rd_calendar_add_working_days (RdCalendar      *self,
                                   const GDate     *start,
                                   guint            n,
                                   GDate           *out_date,
                                   RdCalendarTrace *trace);

/*
 * @n calendar days after @start (day one is the day after @start), then rolled
 * to the next working day: the ICO's reading of s.164A(3) DPA 2018, "within
 * the period of 30 days beginning when the complaint is received".
 * @n ≤ %RD_CALENDAR_MAX_DAYS.
 */
void rd_calendar_add_days (RdCalendar      *self,
                           const GDate     *start,
                           guint            n,
                           GDate           *out_date,
                           RdCalendarTrace *trace);

/*
 * The calendar-month rule of the ICO's time-limits guidance: the same date
 * @n months later, or that month's last day where the date does not exist
 * (31 January + 1 → 28 or 29 February), then rolled to the next working day.
 * See rd_date_add_months() for the part without rolling.
 * @n ≤ %RD_CALENDAR_MAX_MONTHS.
 */
void rd_calendar_add_months (RdCalendar      *self,
                             const GDate     *start,
                             guint            n,
                             GDate           *out_date,
                             RdCalendarTrace *trace);

/*
 * The number of working days after @from up to and including @to (0 when they
 * are the same day); negative, counted the same way backwards, when @to is
 * before @from. From a Friday to the next Monday is 1. For "due in 3 working
 * days" with @from = today and @to = the due date.
 */
gint rd_calendar_count_working_days (RdCalendar *self, const GDate *from, const GDate *to);

G_END_DECLS
