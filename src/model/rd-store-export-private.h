/* rd-store-export-private.h: what rd-store-export.c shares with
 * rd-store-export-person.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* Audit entries are read this many at a time, so that a long trail is never in memory at once. */
#define RD_EXPORT_AUDIT_PAGE 1000

/* A member @name: the date in ISO 8601, or null. */
void _rd_export_add_date (JsonBuilder *builder, const char *name, const GDate *date);
/* A member @name: the string, or null. */
void _rd_export_add_string (JsonBuilder *builder, const char *name, const char *value);
/* The members of a person: name, address, …, large_print, restricted. */
void _rd_export_add_person (JsonBuilder *builder, RdPerson *person);
/* One audit entry as a JSON object: every column of the audit table, in its order. */
JsonNode *_rd_export_audit_entry_json (const RdAuditEntry *entry);
/* Writes @text; a full disk is RD_STORE_ERROR_DISK_FULL, anything else RD_STORE_ERROR_FAILED. */
gboolean _rd_export_write_text (GOutputStream *out,
                                const char    *text,
                                GCancellable  *cancellable,
                                GError       **error);

G_END_DECLS
