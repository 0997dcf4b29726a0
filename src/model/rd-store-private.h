/* rd-store-private.h: what the store's files share. Includes sqlite3.h:
 * never include it outside src/model/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "rd-model-private.h"
#include "rd-rules.h"

G_BEGIN_DECLS

/* The application_id in the file header: "RDRS". */
#define RD_STORE_APPLICATION_ID 0x52445253

struct _RdStore
{
  GObject parent_instance;

  char       *path;       /* owned */
  sqlite3    *db;         /* owned; NULL once closed */
  GHashTable *statements; /* owned: SQL text → sqlite3_stmt*, finalised on close */
  char       *actor;      /* owned */
  guint       busy_timeout;
  GDate       today; /* invalid: the local date */

  /* Council settings the rules need, reloaded when they change. */
  RdHolidays *holidays; /* owned */
  RdCalendar *calendar; /* owned */
  guint       ack_days;
  guint       retention_years;

  /* Changes made in the current transaction, emitted after COMMIT. */
  int    tx_depth;
  guint  pending_what;
  gint64 pending_case;

  /* Watching for other programs' commits. */
  GSource *watch; /* owned */
  gint64   data_version;

  /* The file's device and inode, listed as open in this process (rd-store.c). */
  gpointer file_key;   /* owned; NULL on Windows and once closed */
  guint    open_blobs; /* document streams still reading: SQLite keeps the file until they close */
};

/* Statements: cached, reset and unbound on each call. NULL with @error set. */
sqlite3_stmt *_rd_store_prepare (RdStore *self, const char *sql, GError **error);
/* Runs SQL without results. */
gboolean _rd_store_exec (RdStore *self, const char *sql, GError **error);
/* Steps a statement expecting SQLITE_DONE. */
gboolean _rd_store_step_done (RdStore *self, sqlite3_stmt *stmt, GError **error);
/* Sets @error from an SQLite result code, with a message a clerk can act on. */
void     _rd_store_set_error (RdStore *self, int rc, GError **error);
gboolean _rd_store_check_open (RdStore *self, GError **error);
/* Whether a connection of this process has the file open: never open it with plain I/O then. */
gboolean _rd_store_file_is_open (const char *path);
/* A document stream closed its blob: a closed store's file may then be let go of. */
void _rd_store_blob_closed (RdStore *self);

/* Write transactions (BEGIN IMMEDIATE). Nested calls join the outer one. */
gboolean _rd_store_begin (RdStore *self, GError **error);
gboolean _rd_store_commit (RdStore *self, GError **error);
void     _rd_store_rollback (RdStore *self);
/* Records what changed, for the signal emitted after the commit. */
void _rd_store_note_change (RdStore *self, guint what, gint64 case_id);

/* Reads one integer (a pragma's value, a count) into @out. */
gboolean _rd_store_pragma_get (RdStore *self, const char *sql, gint64 *out, GError **error);

/* Schema (rd-store-schema.c): runs the migrations from version @from to
 * RD_STORE_SCHEMA_VERSION in one write transaction, stamps the version and
 * appends store.create or store.migrate; rolls all back on failure. */
gboolean _rd_store_migrate (RdStore *self, gint64 from, GError **error);

/* Audit trail (rd-store-audit.c). Appends a hash-chained audit entry: an action id and record ids only. */
gboolean _rd_store_audit (RdStore *self, const char *action, const char *records, GError **error);
/* Current UTC time as stored ("2026-05-04T09:15:02.123Z"). */
char *_rd_store_now (void);
void  _rd_store_get_today (RdStore *self, GDate *out_today);

/* Bind helpers. */
void        _rd_bind_text (sqlite3_stmt *stmt, int index, const char *text);
void        _rd_bind_date (sqlite3_stmt *stmt, int index, const GDate *date);
gboolean    _rd_column_date (sqlite3_stmt *stmt, int index, GDate *out);
const char *_rd_column_text (sqlite3_stmt *stmt, int index);

/* Cases (rd-store-cases.c). */
/* Sets a NOT_FOUND error with @what, a sentence a clerk can act on. */
void     _rd_store_not_found (GError **error, const char *what);
RdEvent *_rd_store_load_rules_events (RdStore *self, gint64 case_id, guint *out_n, GError **error);
gboolean _rd_store_load_facts (RdStore     *self,
                               gint64       case_id,
                               RdCaseFacts *out_facts,
                               GError     **error);
/* Converts a stored event for the rules. */
void _rd_case_event_to_rules (RdCaseEvent *event, RdEvent *out);
/* Works out the case's state again and updates the cached columns. */
gboolean _rd_store_update_cache (RdStore *self, gint64 case_id, GError **error);
/* Updates the cache columns from a computed state. */
gboolean _rd_store_write_cache (RdStore *self, gint64 case_id, RdCaseState *state, GError **error);
gboolean _rd_store_update_all_caches (RdStore *self, GError **error);
gboolean _rd_store_update_search (RdStore *self, gint64 case_id, GError **error);
/* Adds search entries for every case with an id above @after_id, in one statement. */
gboolean _rd_store_update_search_after (RdStore *self, gint64 after_id, GError **error);
gboolean _rd_store_check_not_restricted (RdStore *self, gint64 case_id, GError **error);
gint64   _rd_store_insert_event (RdStore     *self,
                                 gint64       case_id,
                                 RdCaseEvent *event,
                                 const char  *now,
                                 GError     **error);
/* Checks (restriction, rules, document) and records an event, its cache and audit entry. */
gint64   _rd_store_add_event_in_transaction (RdStore     *self,
                                             gint64       case_id,
                                             RdCaseEvent *event,
                                             const char  *now,
                                             GError     **error);
gboolean _rd_store_insert_case (RdStore *self, RdCase *kase, const char *now, GError **error);
/* The store's checks of a person's details (@role names them in messages); normalises the postcode. */
gboolean     _rd_store_check_person (RdPerson *person, const char *role, GError **error);
RdCaseState *_rd_store_fold (RdStore           *self,
                             const RdCaseFacts *facts,
                             const RdEvent     *events,
                             guint              n_events,
                             const GDate       *today);

/* The case as JSON (rd-store-export.c). */
JsonNode *_rd_store_case_json (RdStore *self, gint64 case_id, const GDate *today, GError **error);

/* Documents (rd-store-documents.c). */
gint64   _rd_store_insert_document (RdStore      *self,
                                    gint64        case_id,
                                    const char   *name,
                                    const char   *media_type,
                                    const char   *kind,
                                    GInputStream *content,
                                    goffset       size,
                                    const char   *now,
                                    GCancellable *cancellable,
                                    GError      **error);
gboolean _rd_store_verify_documents (RdStore *self, GError **error);

/* Settings the rules need (rd-store-settings.c). */
gboolean _rd_store_reload_settings (RdStore *self, GError **error);

G_END_DECLS
