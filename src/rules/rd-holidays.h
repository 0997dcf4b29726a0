/* rd-holidays.h: UK bank holidays as GOV.UK publishes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rd-division.h"

G_BEGIN_DECLS

#define RD_HOLIDAYS_ERROR (rd_holidays_error_quark ())

/**
 * RdHolidaysError:
 * @RD_HOLIDAYS_ERROR_TOO_LARGE: the input is larger than %RD_HOLIDAYS_MAX_SIZE
 * @RD_HOLIDAYS_ERROR_SYNTAX: not JSON at all, or cut short (the message gives
 *   the line and column json-glib reports)
 * @RD_HOLIDAYS_ERROR_STRUCTURE: JSON, but not GOV.UK's layout: a value of the
 *   wrong type, a missing field, an unknown or missing division
 * @RD_HOLIDAYS_ERROR_BAD_DATE: a date that is not a real YYYY-MM-DD day
 * @RD_HOLIDAYS_ERROR_DUPLICATE: the same date twice within one division
 * @RD_HOLIDAYS_ERROR_ORDER: a division's events are not sorted by date
 *   (GOV.UK's always are; disorder suggests a hand-edited file)
 * @RD_HOLIDAYS_ERROR_EMPTY: a division with no events at all
 *
 * Messages name the division, the event (counted from 1, as a person counts)
 * and the field, so the clerk can find the fault or ask for a fresh copy.
 */
typedef enum
{
  RD_HOLIDAYS_ERROR_TOO_LARGE,
  RD_HOLIDAYS_ERROR_SYNTAX,
  RD_HOLIDAYS_ERROR_STRUCTURE,
  RD_HOLIDAYS_ERROR_BAD_DATE,
  RD_HOLIDAYS_ERROR_DUPLICATE,
  RD_HOLIDAYS_ERROR_ORDER,
  RD_HOLIDAYS_ERROR_EMPTY,
} RdHolidaysError;

/* GOV.UK's file is about 20 KiB; anything over 4 MiB is not a holidays file. */
#define RD_HOLIDAYS_MAX_SIZE (4 * 1024 * 1024)

/* GOV.UK's file nests four deep (object, division, events list, event);
 * deeper input is refused before parsing (json-glib recurses per level). */
#define RD_HOLIDAYS_MAX_DEPTH 32

#define RD_TYPE_HOLIDAYS (rd_holidays_get_type ())
G_DECLARE_FINAL_TYPE (RdHolidays, rd_holidays, RD, HOLIDAYS, GObject)

GQuark rd_holidays_error_quark (void);

/*
 * Parses GOV.UK's bank-holidays.json: a top-level object with exactly the
 * keys "england-and-wales", "scotland" and "northern-ireland" (all three
 * required, no others), each an object { "division": <its own key>,
 * "events": [ { "title": string, "date": "YYYY-MM-DD", "notes": string,
 * "bunting": boolean }, … ] } with the events sorted by date, no date twice.
 * Unknown extra members inside an event or a division are ignored (GOV.UK
 * may add some); everything listed above is checked. All or nothing: on
 * error nothing is returned. @data need not be NUL-terminated.
 *
 * Returns: (transfer full) (nullable): the holidays, immutable
 */
RdHolidays *rd_holidays_new_from_json (const char *data, gsize length, GError **error);
RdHolidays *rd_holidays_new_from_bytes (GBytes *bytes, GError **error);

/* The title of the bank holiday on @date in @division ("Easter Monday"), or NULL. */
const char *rd_holidays_lookup (RdHolidays *self, RdDivision division, const GDate *date);

/* Whether @date is a substitute day ("notes": "Substitute day"). */
gboolean rd_holidays_is_substitute (RdHolidays *self, RdDivision division, const GDate *date);

/*
 * The years the data covers for @division: the years of its first and last
 * events. Always TRUE for a successfully parsed file (every division has an
 * event); both outs are optional.
 */
gboolean rd_holidays_get_year_range (RdHolidays *self,
                                     RdDivision  division,
                                     guint      *out_first_year,
                                     guint      *out_last_year);

/*
 * Whether @year is covered for @division: it has a holiday in January and
 * one in December there (every division's year has New Year's Day and
 * Christmas Day, or their substitutes, so a year without both is only part
 * of a year). A year outside the data, a gap year, or a partial year (a file
 * that stops after the first holidays of its last year) is not covered: a
 * deadline that looks at a day of such a year rests on incomplete holiday
 * data.
 */
gboolean rd_holidays_covers_year (RdHolidays *self, RdDivision division, guint year);

/* The events of a division in date order, for showing the list. */
guint rd_holidays_get_n_events (RdHolidays *self, RdDivision division);
void  rd_holidays_get_event (RdHolidays  *self,
                             RdDivision   division,
                             guint        index,
                             GDate       *out_date,
                             const char **out_title,
                             const char **out_notes);

/*
 * A SHA-256 hex digest of the bytes parsed, so the store can tell that the
 * holiday data changed and that every open deadline must be worked out again
 * (the rules cache nothing; this only says when to re-run them).
 */
const char *rd_holidays_get_digest (RdHolidays *self);

G_END_DECLS
