/* rd-format.c: what the window says about a state, as plain text.
 *
 * Pure functions from a state to the words the clerk reads, so that they
 * can be tested without a display. No deadline arithmetic here: the
 * numbers come from the rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"

/* Helpers */

static const char *
weekday_name (GDateWeekday weekday)
{
  switch (weekday)
    {
      case G_DATE_MONDAY:
        return _("Monday");
      case G_DATE_TUESDAY:
        return _("Tuesday");
      case G_DATE_WEDNESDAY:
        return _("Wednesday");
      case G_DATE_THURSDAY:
        return _("Thursday");
      case G_DATE_FRIDAY:
        return _("Friday");
      case G_DATE_SATURDAY:
        return _("Saturday");
      case G_DATE_SUNDAY:
        return _("Sunday");
      case G_DATE_BAD_WEEKDAY:
      default:
        g_assert_not_reached ();
    }
}

static const char *
month_name (GDateMonth month)
{
  /* Written out rather than from strftime(): the window always says dates
   * the British way, whatever the system locale's format. */
  switch (month)
    {
      case G_DATE_JANUARY:
        return _("January");
      case G_DATE_FEBRUARY:
        return _("February");
      case G_DATE_MARCH:
        return _("March");
      case G_DATE_APRIL:
        return _("April");
      case G_DATE_MAY:
        return _("May");
      case G_DATE_JUNE:
        return _("June");
      case G_DATE_JULY:
        return _("July");
      case G_DATE_AUGUST:
        return _("August");
      case G_DATE_SEPTEMBER:
        return _("September");
      case G_DATE_OCTOBER:
        return _("October");
      case G_DATE_NOVEMBER:
        return _("November");
      case G_DATE_DECEMBER:
        return _("December");
      case G_DATE_BAD_MONTH:
      default:
        g_assert_not_reached ();
    }
}

/* Public API */

/**
 * rd_format_date:
 * @date: a valid date
 *
 * Returns: (transfer full): the date the British way, "Monday 4 May 2026"
 */
char *
rd_format_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* Translators: a date: weekday, day of the month, month, year,
   * as in "Monday 4 May 2026" */
  return g_strdup_printf (_("%s %u %s %u"), weekday_name (g_date_get_weekday (date)),
                             (guint) g_date_get_day (date), month_name (g_date_get_month (date)),
                             (guint) g_date_get_year (date));
}

/**
 * rd_format_date_short:
 * @date: a valid date
 *
 * Returns: (transfer full): the date without its weekday, "4 May 2026"
 */
char *
rd_format_date_short (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* Translators: a date: day of the month, month, year, as in "4 May 2026" */
  return g_strdup_printf (_("%u %s %u"), (guint) g_date_get_day (date),
                             month_name (g_date_get_month (date)), (guint) g_date_get_year (date));
}

/**
 * rd_format_due:
 * @working_days_left: working days from today to the due day (0 when it is
 *   today), as the rules count them
 * @calendar_days_overdue: days since the due day when it has passed, else 0
 *
 * Returns: (transfer full): "due today", "due in 3 working days",
 *   "overdue by 2 days"
 */
char *
rd_format_due (int working_days_left, int calendar_days_overdue)
{
  if (calendar_days_overdue > 0)
    return g_strdup_printf (
        ngettext ("overdue by %d day", "overdue by %d days", calendar_days_overdue),
        calendar_days_overdue);
  if (working_days_left <= 0)
    return g_strdup (_("due today"));

  return g_strdup_printf (
      ngettext ("due in %d working day", "due in %d working days", working_days_left),
      working_days_left);
}

/**
 * rd_format_urgency:
 *
 * Returns: how urgent a deadline is, from the same two numbers as
 *   rd_format_due()
 */
RdUrgency
rd_format_urgency (int working_days_left, int calendar_days_overdue)
{
  if (calendar_days_overdue > 0)
    return RD_URGENCY_OVERDUE;
  if (working_days_left <= 0)
    return RD_URGENCY_TODAY;
  if (working_days_left <= RD_FORMAT_DUE_SOON_WORKING_DAYS)
    return RD_URGENCY_SOON;

  return RD_URGENCY_LATER;
}

/**
 * rd_format_urgency_css_class:
 *
 * Returns: (nullable): the style class ui/style.css colours an urgency with
 */
const char *
rd_format_urgency_css_class (RdUrgency urgency)
{
  switch (urgency)
    {
      case RD_URGENCY_OVERDUE:
        return "overdue";
      case RD_URGENCY_TODAY:
        return "due-today";
      case RD_URGENCY_SOON:
        return "due-soon";
      case RD_URGENCY_LATER:
        return "due-later";
      case RD_URGENCY_NONE:
      default:
        return NULL;
    }
}

/**
 * rd_format_case_count:
 *
 * Returns: (transfer full): "1 case", "12 cases"
 */
char *
rd_format_case_count (guint n_cases)
{
  return g_strdup_printf (ngettext ("%u case", "%u cases", n_cases), n_cases);
}
