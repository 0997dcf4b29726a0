/* rd-store-schema.c: the store's schema and its migrations, run in one
 * transaction when a store is opened. docs/store.md describes each table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-store-private.h"

/*
 * Schema version 1. Status, next_due and retain_until in cases are a cache
 * of what the rules work out from the events (for sorting and filtering),
 * updated in the same transaction as every change. docs/store.md explains
 * each table.
 */
static const char schema_v1[] =
    "CREATE TABLE settings ("
    "  key   TEXT PRIMARY KEY NOT NULL,"
    "  value TEXT,"
    "  data  BLOB);"
    "CREATE TABLE people ("
    "  id          INTEGER PRIMARY KEY,"
    "  name        TEXT NOT NULL,"
    "  address     TEXT NOT NULL DEFAULT '',"
    "  postcode    TEXT NOT NULL DEFAULT '',"
    "  email       TEXT NOT NULL DEFAULT '',"
    "  phone       TEXT NOT NULL DEFAULT '',"
    "  channel     TEXT NOT NULL DEFAULT 'post' CHECK (channel IN ('post', 'email')),"
    "  language    TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'cy')),"
    "  large_print INTEGER NOT NULL DEFAULT 0 CHECK (large_print IN (0, 1)),"
    "  restricted  INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),"
    "  created_at  TEXT NOT NULL);"
    "CREATE INDEX people_name ON people (name COLLATE NOCASE);"
    "CREATE TABLE ref_counters ("
    "  prefix TEXT NOT NULL,"
    "  year   INTEGER NOT NULL,"
    "  last   INTEGER NOT NULL,"
    "  PRIMARY KEY (prefix, year)) WITHOUT ROWID;"
    "CREATE TABLE cases ("
    "  id                INTEGER PRIMARY KEY,"
    "  ref               TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    "  received          TEXT NOT NULL,"
    "  channel           TEXT NOT NULL"
    "                    CHECK (channel IN ('post', 'email', 'phone', 'in-person', 'web')),"
    "  summary           TEXT NOT NULL DEFAULT '',"
    "  about             TEXT NOT NULL DEFAULT '',"
    "  subject_id        INTEGER NOT NULL REFERENCES people (id),"
    "  representative_id INTEGER REFERENCES people (id),"
    "  authority         TEXT,"
    "  created_at        TEXT NOT NULL,"
    "  status            TEXT NOT NULL,"
    "  next_due          TEXT,"
    "  retain_until      TEXT,"
    "  CHECK ((representative_id IS NULL) = (authority IS NULL)));"
    "CREATE INDEX cases_due ON cases (ifnull (next_due, '9999-12-31'), received);"
    "CREATE INDEX cases_status ON cases (status, ifnull (next_due, '9999-12-31'));"
    "CREATE INDEX cases_received ON cases (received);"
    "CREATE INDEX cases_subject ON cases (subject_id);"
    "CREATE INDEX cases_representative ON cases (representative_id)"
    "  WHERE representative_id IS NOT NULL;"
    "CREATE INDEX cases_retain ON cases (retain_until) WHERE retain_until IS NOT NULL;"
    "CREATE TABLE documents ("
    "  id         INTEGER PRIMARY KEY,"
    "  case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
    "  name       TEXT NOT NULL,"
    "  media_type TEXT NOT NULL,"
    "  kind       TEXT NOT NULL,"
    "  size       INTEGER NOT NULL,"
    "  sha256     TEXT NOT NULL,"
    "  added_at   TEXT NOT NULL,"
    "  added_by   TEXT NOT NULL);"
    "CREATE INDEX documents_case ON documents (case_id);"
    "CREATE TABLE document_content ("
    "  document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,"
    "  content     BLOB NOT NULL);"
    "CREATE TABLE events ("
    "  id          INTEGER PRIMARY KEY,"
    "  case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
    "  kind        TEXT NOT NULL,"
    "  on_date     TEXT NOT NULL,"
    "  note        TEXT NOT NULL DEFAULT '',"
    "  details     TEXT NOT NULL DEFAULT '{}' ,"
    "  document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,"
    "  recorded_at TEXT NOT NULL,"
    "  recorded_by TEXT NOT NULL);"
    "CREATE INDEX events_case ON events (case_id, id);"
    "CREATE INDEX events_document ON events (document_id) WHERE document_id IS NOT NULL;"
    "CREATE TABLE audit ("
    "  id        INTEGER PRIMARY KEY,"
    "  at        TEXT NOT NULL,"
    "  who       TEXT NOT NULL,"
    "  action    TEXT NOT NULL,"
    "  records   TEXT NOT NULL DEFAULT '',"
    "  prev_hash TEXT NOT NULL,"
    "  hash      TEXT NOT NULL);"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
    "  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
    "  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
    "CREATE VIRTUAL TABLE case_search USING fts5 ("
    "  ref, names, postcodes, emails, summary, notes,"
    "  tokenize = 'unicode61 remove_diacritics 2');";

/*
 * Migrations: migrations[n] takes a store from version n to n + 1, inside the
 * one transaction that also stamps the new version. Version 0 is an empty file.
 */
typedef gboolean (*MigrationFunc) (RdStore *self, GError **error);

/*
 * Schema version 2: indexes for the sidebar's counts (docs/performance.md,
 * "Store"). "Due soon" and "Overdue" are ranges of next_due, and only the
 * few thousand cases with something due have one: a partial index on
 * (next_due, status) answers both without reading the table (version 1
 * scanned all 100,000 rows, 60-200 ms each). Plain CREATE INDEX, not IF NOT
 * EXISTS: an index of that name that is not ours must stop the migration.
 */
static const char schema_v2[] =
    "CREATE INDEX cases_next_due ON cases (next_due, status) WHERE next_due IS NOT NULL;";

/* For tests: a migration that fails after this version's step ran (-1: none). */
static gint64 fail_migration_after = -1;

void
_rd_store_set_fail_migration_after (gint64 version)
{
  fail_migration_after = version;
}

static gboolean
migrate_0_to_1 (RdStore *self, GError **error)
{
  return _rd_store_exec (self, schema_v1, error);
}

static gboolean
migrate_1_to_2 (RdStore *self, GError **error)
{
  return _rd_store_exec (self, schema_v2, error);
}

static const MigrationFunc migrations[] = {
  migrate_0_to_1,
  migrate_1_to_2,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RD_STORE_SCHEMA_VERSION);

gboolean
_rd_store_migrate (RdStore *self, gint64 from, GError **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *records = NULL;

  if (!_rd_store_begin (self, error))
    return FALSE;

  /* Read again inside the write lock: another program may have migrated it meanwhile. */
  if (!_rd_store_pragma_get (self, "PRAGMA user_version", &from, error))
    goto fail;
  if (from >= RD_STORE_SCHEMA_VERSION)
    return _rd_store_commit (self, error);

  for (gint64 v = from; v < RD_STORE_SCHEMA_VERSION; v++)
    {
      if (!migrations[v](self, error))
        goto fail;
      if (v + 1 == fail_migration_after)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                       "Test failure after migrating to version %" G_GINT64_FORMAT ".", v + 1);
          goto fail;
        }
    }

  sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                         RD_STORE_APPLICATION_ID, RD_STORE_SCHEMA_VERSION);
  if (!_rd_store_exec (self, sql, error))
    goto fail;
  records = g_strdup_printf ("from=%" G_GINT64_FORMAT " to=%d", from, RD_STORE_SCHEMA_VERSION);
  if (!_rd_store_audit (self, from == 0 ? "store.create" : "store.migrate", records, error))
    goto fail;
  _rd_store_note_change (self, RD_STORE_CHANGE_CASES | RD_STORE_CHANGE_SETTINGS, 0);
  return _rd_store_commit (self, error);

fail:
  _rd_store_rollback (self);
  if (from > 0)
    g_prefix_error (error, _("The store was made by an earlier Redress and could not be updated "
                             "for this one; it was left as it was. "));
  return FALSE;
}
