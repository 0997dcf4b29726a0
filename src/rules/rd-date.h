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

G_END_DECLS
