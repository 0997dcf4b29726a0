/* rd-date-entry.h: a field for one day, typed or picked from a calendar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_DATE_ENTRY (rd_date_entry_get_type ())

G_DECLARE_FINAL_TYPE (RdDateEntry, rd_date_entry, RD, DATE_ENTRY, GtkWidget)

GtkWidget  *rd_date_entry_new (void);
void        rd_date_entry_set_date (RdDateEntry *self, const GDate *date);
gboolean    rd_date_entry_get_date (RdDateEntry *self, GDate *out_date);
void        rd_date_entry_set_latest (RdDateEntry *self, const GDate *latest);
void        rd_date_entry_set_text (RdDateEntry *self, const char *text);
const char *rd_date_entry_get_error (RdDateEntry *self);
GtkEntry   *rd_date_entry_get_entry (RdDateEntry *self);

G_END_DECLS
