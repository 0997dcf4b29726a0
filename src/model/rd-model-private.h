/* rd-model-private.h: what the model's files share, and tests may use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-model.h"

G_BEGIN_DECLS

/* Setters for what only the store decides. */
void _rd_person_set_id (RdPerson *self, gint64 id);
void _rd_person_set_restricted (RdPerson *self, gboolean restricted);

void _rd_case_set_id (RdCase *self, gint64 id);
void _rd_case_set_reference (RdCase *self, const char *reference);
void _rd_case_set_cache (RdCase      *self,
                         const char  *status,
                         const GDate *next_due,
                         const GDate *retain_until);

void _rd_case_event_set_stored (RdCaseEvent *self,
                                gint64       id,
                                gint64       case_id,
                                const char  *recorded_by,
                                GDateTime   *recorded_at);
void _rd_case_event_set_kind (RdCaseEvent *self, const char *kind);
/* Parses / serialises the details column. */
gboolean _rd_case_event_set_details_json (RdCaseEvent *self, const char *json);
char    *_rd_case_event_get_details_json (RdCaseEvent *self);

RdDocument *_rd_document_new (gint64      id,
                              gint64      case_id,
                              const char *name,
                              const char *media_type,
                              const char *kind,
                              goffset     size,
                              const char *sha256,
                              GDateTime  *added_at,
                              const char *added_by);

/* Dates as ISO 8601 text, NULL for NULL or an invalid date. */
char *_rd_date_iso (const GDate *date);
/* Parses "YYYY-MM-DD" into @out; FALSE (and @out cleared) otherwise. */
gboolean _rd_date_from_iso (const char *text, GDate *out);
/* Copies a date into an owned slot (freed with g_free), NULL when invalid. */
void _rd_date_set (GDate **slot, const GDate *date);

/* For tests: cap the database's size in pages, to produce "disk full" for real. */
void _rd_store_set_max_pages (RdStore *self, guint max_pages);
/* For tests: read a pragma's integer value; run raw SQL (e.g. to tamper with the audit trail). */
gint64   _rd_store_pragma_int (RdStore *self, const char *pragma);
gboolean _rd_store_exec_sql (RdStore *self, const char *sql, GError **error);
/* For tests: make the migration fail (and roll back) right after the step to
 * @version has run, as a failure midway would; -1 to stop. */
void _rd_store_set_fail_migration_after (gint64 version);
/* For tests: the number of rows the search index matches for an FTS5 query. */
gint64 _rd_store_count_sql (RdStore *self, const char *sql);

/* For tests: how many list items the list holds in its page cache. */
guint _rd_case_list_count_cached_items (RdCaseList *self);

G_END_DECLS
