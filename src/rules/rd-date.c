/* rd-date.c: calendar dates as the rules use them.
 *
 * Dates are plain GDate values (a day, no time, no zone): a deadline is a
 * day in the council's calendar, whatever the clock on the machine says.
 * Files and the CLI use ISO 8601 (YYYY-MM-DD); nothing else is accepted
 * there, so "3/4/2026" can never be read as the wrong month.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-rules"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-date.h"
#include "rd-rules-private.h"

G_DEFINE_QUARK (rd - date - error - quark, rd_date_error)

static gboolean
read_digits (const char *text, guint count, guint *out_value)
{
  guint value = 0;

  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (guint) g_ascii_digit_value (text[i]);
    }

  *out_value = value;
  return TRUE;
}

/**
 * rd_date_parse_iso:
 * @text: a date written as YYYY-MM-DD
 * @out_date: (out): where to put the date
 * @error: return location for a #GError
 *
 * Reads a date in ISO 8601 calendar form, and nothing else: no time, no
 * surrounding spaces, a real day of a real month (2026-02-29 is refused).
 *
 * Returns: %TRUE if @text was a valid date
 */
gboolean
rd_date_parse_iso (const char *text, GDate *out_date, GError **error)
{
  guint year, month, day;

  g_return_val_if_fail (out_date != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      !read_digits (text, 4, &year) || !read_digits (text + 5, 2, &month) ||
      !read_digits (text + 8, 2, &day))
    {
      g_set_error (error, RD_DATE_ERROR, RD_DATE_ERROR_INVALID,
                   _("“%s” is not a date: write it as YYYY-MM-DD, for example 2026-05-04."),
                      text != NULL ? text : "");
      return FALSE;
    }

  if (year < 1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, RD_DATE_ERROR, RD_DATE_ERROR_INVALID,
                   _("“%s” is not a real day of the calendar."), text);
      return FALSE;
    }

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/**
 * rd_date_to_iso:
 * @date: a valid date
 *
 * Returns: (transfer full): @date as YYYY-MM-DD
 */
char *
rd_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

/**
 * rd_date_add_months:
 * @date: a valid date
 * @months: how many calendar months to add
 * @out_date: (out): the result
 *
 * The calendar-month rule of the ICO's guidance "Time limits for responding
 * to data protection rights requests": the corresponding calendar date in the
 * month @months later, or that month's last day when it has no such date.
 * GLib's g_date_add_months() does exactly this; it is wrapped so that the
 * rule has one name and one test.
 */
void
rd_date_add_months (const GDate *date, guint months, GDate *out_date)
{
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (out_date != NULL);

  *out_date = *date;
  g_date_add_months (out_date, months);
}

/**
 * rd_date_add_years:
 * @date: a valid date
 * @years: how many years to add
 * @out_date: (out): the result
 *
 * The same date @years later; 29 February becomes 28 February when the
 * later year is not a leap year (g_date_add_years() does that).
 */
void
rd_date_add_years (const GDate *date, guint years, GDate *out_date)
{
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (out_date != NULL);

  *out_date = *date;
  g_date_add_years (out_date, years);
}

/**
 * rd_date_days_between:
 * @a: a valid date
 * @b: a valid date
 *
 * Returns: @b minus @a in days
 */
gint
rd_date_days_between (const GDate *a, const GDate *b)
{
  g_return_val_if_fail (a != NULL && g_date_valid (a), 0);
  g_return_val_if_fail (b != NULL && g_date_valid (b), 0);

  return (gint) g_date_get_julian (b) - (gint) g_date_get_julian (a);
}

char *
_rd_date_format_long (const GDate *date)
{
  char weekday[64];
  char month[64];

  g_assert (date != NULL && g_date_valid (date));

  /* g_date_strftime() gives the names in the user's language; the day is
   * printed here because "%-d" is not portable (Windows). */
  if (g_date_strftime (weekday, sizeof weekday, "%A", date) == 0)
    weekday[0] = '\0';
  if (g_date_strftime (month, sizeof month, "%B", date) == 0)
    month[0] = '\0';

  /* Translators: a date: weekday, day of the month, month, year ("Monday 5 January 2026"). */
  return g_strdup_printf (_("%s %u %s %u"), weekday, (guint) g_date_get_day (date), month,
                             (guint) g_date_get_year (date));
}
