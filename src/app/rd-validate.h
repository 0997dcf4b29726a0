/* rd-validate.h: checks on what the clerk types, without widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each rd_validate_*() returns NULL when the text is acceptable, or a newly
 * allocated, translated sentence that tells the clerk what to change. */

char *rd_validate_required (const char *text, const char *what);
char *rd_validate_name (const char *text);
char *rd_validate_postcode (const char *text, gboolean required);
char *rd_validate_email (const char *text, gboolean required);
char *rd_validate_phone (const char *text);
char *rd_validate_date_text (const char *text, const GDate *latest, GDate *out_date);
char *rd_validate_int_text (const char *text, int minimum, int maximum, int *out_value);
char *rd_validate_double_text (const char *text, double minimum, double maximum, double *out_value);
char *rd_validate_reference_prefix (const char *text);
char *rd_validate_contact (gboolean    by_post,
                           const char *address,
                           const char *postcode,
                           const char *email);

char *rd_normalise_postcode (const char *text);

G_END_DECLS
