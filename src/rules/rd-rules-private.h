/* rd-rules-private.h: what the files of the rules layer share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Monday 5 January 2026", in the user's language, for messages and working. */
char *_rd_date_format_long (const GDate *date);

G_END_DECLS
