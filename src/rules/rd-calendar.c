/* rd-calendar.c: working days in one UK division, and the day counts the
 * deadline rules are made of.
 *
 * A working day is Monday to Friday, less the division's bank holidays
 * (ICO, "Time limits for responding to data protection rights requests":
 * a deadline on a weekend or bank holiday moves to the next working day).
 * A day in a year the holiday data does not cover is not silently taken as
 * holiday-free: every function reports it through the trace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-rules"

#include "config.h"

#include "rd-calendar.h"
#include "rd-date.h"

struct _RdCalendar
{
  GObject parent_instance;

  RdHolidays *holidays; /* owned */
  RdDivision  division;
};

G_DEFINE_FINAL_TYPE (RdCalendar, rd_calendar, G_TYPE_OBJECT)

static void
skipped_day_clear (gpointer data)
{
  RdSkippedDay *day = data;

  g_clear_pointer (&day->holiday_title, g_free);
}

static gboolean
is_weekend (const GDate *date)
{
  GDateWeekday weekday = g_date_get_weekday (date);

  return weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;
}

/* Looks at one day: notes missing holiday data, and returns whether it is a working day. */
static gboolean
examine (RdCalendar *self, const GDate *date, RdCalendarTrace *trace, gboolean record_skipped)
{
  const char *title;

  if (trace != NULL && !rd_calendar_covers (self, date))
    trace->incomplete_holiday_data = TRUE;

  if (is_weekend (date))
    {
      if (trace != NULL && record_skipped)
        {
          RdSkippedDay day = { .date = *date, .reason = RD_SKIP_WEEKEND };

          g_array_append_val (trace->skipped, day);
        }
      return FALSE;
    }

  title = rd_holidays_lookup (self->holidays, self->division, date);
  if (title != NULL)
    {
      if (trace != NULL && record_skipped)
        {
          RdSkippedDay day = { .date = *date,
                               .reason = RD_SKIP_HOLIDAY,
                               .holiday_title = g_strdup (title) };

          g_array_append_val (trace->skipped, day);
        }
      return FALSE;
    }

  return TRUE;
}

static void
roll (RdCalendar *self, GDate *date, RdCalendarTrace *trace)
{
  while (!examine (self, date, trace, TRUE))
    g_date_add_days (date, 1);
}

/* GObject */

static void
rd_calendar_finalize (GObject *object)
{
  RdCalendar *self = RD_CALENDAR (object);

  g_clear_object (&self->holidays);

  G_OBJECT_CLASS (rd_calendar_parent_class)->finalize (object);
}

static void
rd_calendar_class_init (RdCalendarClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_calendar_finalize;
}

static void
rd_calendar_init (RdCalendar *self)
{
}

/* Public API */

RdCalendarTrace *
rd_calendar_trace_new (void)
{
  RdCalendarTrace *trace = g_new0 (RdCalendarTrace, 1);

  trace->skipped = g_array_new (FALSE, TRUE, sizeof (RdSkippedDay));
  g_array_set_clear_func (trace->skipped, skipped_day_clear);
  return trace;
}

void
rd_calendar_trace_free (RdCalendarTrace *trace)
{
  if (trace == NULL)
    return;

  g_clear_pointer (&trace->skipped, g_array_unref);
  g_free (trace);
}

RdCalendar *
rd_calendar_new (RdHolidays *holidays, RdDivision division)
{
  RdCalendar *self;

  g_return_val_if_fail (RD_IS_HOLIDAYS (holidays), NULL);
  g_return_val_if_fail ((guint) division < RD_DIVISION_N, NULL);

  self = g_object_new (RD_TYPE_CALENDAR, NULL);
  self->holidays = g_object_ref (holidays);
  self->division = division;
  return self;
}

RdHolidays *
rd_calendar_get_holidays (RdCalendar *self)
{
  g_return_val_if_fail (RD_IS_CALENDAR (self), NULL);

  return self->holidays;
}

RdDivision
rd_calendar_get_division (RdCalendar *self)
{
  g_return_val_if_fail (RD_IS_CALENDAR (self), RD_DIVISION_DEFAULT);

  return self->division;
}

gboolean
rd_calendar_covers (RdCalendar *self, const GDate *date)
{
  g_return_val_if_fail (RD_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return rd_holidays_covers_year (self->holidays, self->division, g_date_get_year (date));
}

const char *
rd_calendar_get_holiday (RdCalendar *self, const GDate *date)
{
  g_return_val_if_fail (RD_IS_CALENDAR (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return rd_holidays_lookup (self->holidays, self->division, date);
}

gboolean
rd_calendar_is_working_day (RdCalendar *self, const GDate *date)
{
  g_return_val_if_fail (RD_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return examine (self, date, NULL, FALSE);
}

void
rd_calendar_next_working_day (RdCalendar      *self,
                              const GDate     *date,
                              GDate           *out_date,
                              RdCalendarTrace *trace)
{
  GDate day;

  g_return_if_fail (RD_IS_CALENDAR (self));
  g_return_if_fail (date != NULL && g_date_valid (date));
  /* Not RD_CALENDAR_MAX_YEAR: the deadlines roll ends computed from a start
   * in range, which may lie past it. Holidays end with year 9999, so a roll
   * moves at most over a weekend, and the year stays below GDate's last. */
  g_return_if_fail (g_date_get_year (date) < G_MAXUINT16);
  g_return_if_fail (out_date != NULL);

  day = *date;
  roll (self, &day, trace);
  *out_date = day;
}

void
rd_calendar_add_working_days (RdCalendar      *self,
                              const GDate     *start,
                              guint            n,
                              GDate           *out_date,
                              RdCalendarTrace *trace)
{
  GDate day;
  guint counted = 0;

  g_return_if_fail (RD_IS_CALENDAR (self));
  g_return_if_fail (start != NULL && g_date_valid (start));
  g_return_if_fail (g_date_get_year (start) <= RD_CALENDAR_MAX_YEAR);
  g_return_if_fail (out_date != NULL);
  g_return_if_fail (n <= RD_CALENDAR_MAX_WORKING_DAYS);

  day = *start;
  if (n == 0)
    {
      roll (self, &day, trace);
      *out_date = day;
      return;
    }

  /* Day one is the day after the start (the council policy's "within 5
   * working days" of receipt). */
  while (counted < n)
    {
      g_date_add_days (&day, 1);
      if (examine (self, &day, trace, TRUE))
        counted++;
    }

  *out_date = day;
}

void
rd_calendar_add_days (RdCalendar      *self,
                      const GDate     *start,
                      guint            n,
                      GDate           *out_date,
                      RdCalendarTrace *trace)
{
  GDate day;

  g_return_if_fail (RD_IS_CALENDAR (self));
  g_return_if_fail (start != NULL && g_date_valid (start));
  g_return_if_fail (g_date_get_year (start) <= RD_CALENDAR_MAX_YEAR);
  g_return_if_fail (out_date != NULL);
  g_return_if_fail (n <= RD_CALENDAR_MAX_DAYS);

  /* Day one is the day after the start, so day n is start + n. */
  day = *start;
  g_date_add_days (&day, n);
  roll (self, &day, trace);
  *out_date = day;
}

void
rd_calendar_add_months (RdCalendar      *self,
                        const GDate     *start,
                        guint            n,
                        GDate           *out_date,
                        RdCalendarTrace *trace)
{
  GDate day;

  g_return_if_fail (RD_IS_CALENDAR (self));
  g_return_if_fail (start != NULL && g_date_valid (start));
  g_return_if_fail (g_date_get_year (start) <= RD_CALENDAR_MAX_YEAR);
  g_return_if_fail (out_date != NULL);
  g_return_if_fail (n <= RD_CALENDAR_MAX_MONTHS);

  rd_date_add_months (start, n, &day);
  roll (self, &day, trace);
  *out_date = day;
}

gint
rd_calendar_count_working_days (RdCalendar *self, const GDate *from, const GDate *to)
{
  GDate   day;
  gint    count = 0;
  gint    sign = 1;
  guint32 last;

  g_return_val_if_fail (RD_IS_CALENDAR (self), 0);
  g_return_val_if_fail (from != NULL && g_date_valid (from), 0);
  g_return_val_if_fail (to != NULL && g_date_valid (to), 0);

  if (g_date_compare (to, from) < 0)
    {
      const GDate *swap = from;

      from = to;
      to = swap;
      sign = -1;
    }

  day = *from;
  last = g_date_get_julian (to);
  while (g_date_get_julian (&day) < last)
    {
      g_date_add_days (&day, 1);
      if (rd_calendar_is_working_day (self, &day))
        count++;
    }

  return sign * count;
}
