/* rd-store.c: the case store: opening, schema and migrations, transactions,
 * the audit trail, council settings, holiday data, verification and backup.
 *
 * Cases, events and people are in rd-store-cases.c, documents in
 * rd-store-documents.c, exports and imports in rd-store-export.c, demo data
 * in rd-store-demo.c. docs/store.md describes the schema.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#ifdef G_OS_WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

#include "rd-store-private.h"

#ifndef O_BINARY
#define O_BINARY 0
#endif

#define HOLIDAYS_RESOURCE "/io/github/redress/Redress/data/bank-holidays.json"
#define SETTING_HOLIDAYS  "holidays"
#define SETTING_LOGO      "logo"
#define GENESIS_HASH      "0000000000000000000000000000000000000000000000000000000000000000"

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdStore, rd_store, G_TYPE_OBJECT)

/* Known settings, their defaults, and whether changing one changes deadlines. */
typedef struct
{
  const char *key;
  const char *fallback;
  gboolean    affects_deadlines;
} SettingInfo;

static const SettingInfo setting_info[] = {
  { RD_SETTING_NAME, "", FALSE },
  { RD_SETTING_ADDRESS, "", FALSE },
  { RD_SETTING_EMAIL, "", FALSE },
  { RD_SETTING_CLERK, "", FALSE },
  { RD_SETTING_DPO, "", FALSE },
  { RD_SETTING_DIVISION, "england-and-wales", TRUE },
  { RD_SETTING_PREFIX, "DPC", FALSE },
  { RD_SETTING_ACK_DAYS, "5", TRUE },
  { RD_SETTING_RETENTION_YEARS, "6", TRUE },
  { RD_SETTING_DOCUMENT_LIMIT, "256", FALSE },
};

static const char *const setting_keys[] = { RD_SETTING_NAME,
                                            RD_SETTING_ADDRESS,
                                            RD_SETTING_EMAIL,
                                            RD_SETTING_CLERK,
                                            RD_SETTING_DPO,
                                            RD_SETTING_DIVISION,
                                            RD_SETTING_PREFIX,
                                            RD_SETTING_ACK_DAYS,
                                            RD_SETTING_RETENTION_YEARS,
                                            RD_SETTING_DOCUMENT_LIMIT,
                                            NULL };

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

/* Helpers */

void
_rd_store_set_error (RdStore *self, int rc, GError **error)
{
  const char *detail = self != NULL && self->db != NULL ? sqlite3_errmsg (self->db)
                                                        : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_LOCKED,
                     _("The store is busy: another program (Redress or redress-cli) is "
                     "writing to it. Try again in a moment."));
        break;
      case SQLITE_FULL:
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_DISK_FULL,
                     _("There is no room left on the disk that holds the store. Free some "
                     "space and try again; nothing was saved."));
        break;
      case SQLITE_READONLY:
      case SQLITE_PERM:
      case SQLITE_CANTOPEN:
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY,
                     _("The store cannot be written (%s). Check that you may write to the "
                     "file and to its folder."),
                        detail);
        break;
      case SQLITE_CORRUPT:
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                     _("The store is damaged (%s). Restore it from a backup."), detail);
        break;
      case SQLITE_NOTADB:
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_A_STORE,
                     _("The file is not a Redress store. Choose another file."));
        break;
      case SQLITE_CONSTRAINT:
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                     _("The store refused a value (%s)."), detail);
        break;
      default:
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                     _("The store could not be read or written (%s)."), detail);
    }
}

gboolean
_rd_store_check_open (RdStore *self, GError **error)
{
  if (self->db != NULL)
    return TRUE;
  g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
               _("The store has been closed. Open it again."));
  return FALSE;
}

sqlite3_stmt *
_rd_store_prepare (RdStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt;
  int           rc;

  if (!_rd_store_check_open (self, error))
    return NULL;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _rd_store_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_rd_store_exec (RdStore *self, const char *sql, GError **error)
{
  int rc;

  if (!_rd_store_check_open (self, error))
    return FALSE;
  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _rd_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_rd_store_step_done (RdStore *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  _rd_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return FALSE;
}

void
_rd_bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
_rd_bind_date (sqlite3_stmt *stmt, int index, const GDate *date)
{
  g_autofree char *iso = _rd_date_iso (date);

  _rd_bind_text (stmt, index, iso);
}

gboolean
_rd_column_date (sqlite3_stmt *stmt, int index, GDate *out)
{
  return _rd_date_from_iso ((const char *) sqlite3_column_text (stmt, index), out);
}

const char *
_rd_column_text (sqlite3_stmt *stmt, int index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);

  return text != NULL ? text : "";
}

char *
_rd_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

void
_rd_store_get_today (RdStore *self, GDate *out_today)
{
  if (g_date_valid (&self->today))
    {
      *out_today = self->today;
      return;
    }
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    g_date_clear (out_today, 1);
    g_date_set_dmy (out_today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                    g_date_time_get_year (now));
  }
}

void
_rd_store_note_change (RdStore *self, guint what, gint64 case_id)
{
  if (self->pending_what == 0)
    self->pending_case = case_id;
  else if (self->pending_case != case_id)
    self->pending_case = 0;
  self->pending_what |= what;
}

gboolean
_rd_store_begin (RdStore *self, GError **error)
{
  if (self->tx_depth > 0)
    {
      self->tx_depth++;
      return TRUE;
    }
  if (!_rd_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->tx_depth = 1;
  self->pending_what = 0;
  self->pending_case = 0;
  return TRUE;
}

static void
emit_pending (RdStore *self)
{
  guint  what = self->pending_what;
  gint64 case_id = self->pending_case;

  self->pending_what = 0;
  self->pending_case = 0;
  if (what != 0)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, what, case_id);
}

gboolean
_rd_store_commit (RdStore *self, GError **error)
{
  g_assert (self->tx_depth > 0);

  if (--self->tx_depth > 0)
    return TRUE;
  if (!_rd_store_exec (self, "COMMIT", error))
    {
      _rd_store_rollback (self);
      return FALSE;
    }
  emit_pending (self);
  return TRUE;
}

void
_rd_store_rollback (RdStore *self)
{
  /* An inner failure aborts the whole transaction; the outer levels only unwind. */
  if (self->tx_depth > 1)
    {
      self->tx_depth--;
      return;
    }
  self->tx_depth = 0;
  self->pending_what = 0;
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  /* What the rules were given may have come from a setting that was rolled back. */
  _rd_store_reload_settings (self, NULL);
}

static char *
audit_hash (const char *prev_hash,
            gint64      id,
            const char *at,
            const char *who,
            const char *action,
            const char *records)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char id_text[32];

  g_snprintf (id_text, sizeof id_text, "%" G_GINT64_FORMAT, id);
  /* Fields separated by a newline, which none of them may contain. */
  g_checksum_update (checksum, (const guchar *) prev_hash, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) id_text, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) at, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) who, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) action, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) records, -1);
  return g_strdup (g_checksum_get_string (checksum));
}

gboolean
_rd_store_audit (RdStore *self, const char *action, const char *records, GError **error)
{
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *at = _rd_store_now ();
  g_autofree char *who = g_strdelimit (g_strdup (self->actor), "\n\r", ' ');
  sqlite3_stmt    *stmt;
  gint64           id = 1;

  g_assert (self->tx_depth > 0);
  if (records == NULL)
    records = "";

  stmt = _rd_store_prepare (self, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  switch (sqlite3_step (stmt))
    {
      case SQLITE_ROW:
        id = sqlite3_column_int64 (stmt, 0) + 1;
        prev_hash = g_strdup (_rd_column_text (stmt, 1));
        break;
      case SQLITE_DONE:
        prev_hash = g_strdup (GENESIS_HASH);
        break;
      default:
        _rd_store_set_error (self, sqlite3_errcode (self->db), error);
        sqlite3_reset (stmt);
        return FALSE;
    }
  sqlite3_reset (stmt);

  hash = audit_hash (prev_hash, id, at, who, action, records);
  stmt = _rd_store_prepare (self,
                            "INSERT INTO audit (id, at, who, action, records, prev_hash, hash) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  _rd_bind_text (stmt, 2, at);
  _rd_bind_text (stmt, 3, who);
  _rd_bind_text (stmt, 4, action);
  _rd_bind_text (stmt, 5, records);
  _rd_bind_text (stmt, 6, prev_hash);
  _rd_bind_text (stmt, 7, hash);
  return _rd_store_step_done (self, stmt, error);
}

static gboolean
pragma_int (RdStore *self, const char *sql, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int           rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _rd_store_set_error (self, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Settings */

static const SettingInfo *
find_setting (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (setting_info); i++)
    if (strcmp (setting_info[i].key, key) == 0)
      return &setting_info[i];
  return NULL;
}

static char *
read_setting (RdStore *self, const char *key)
{
  sqlite3_stmt *stmt;
  char         *value = NULL;

  stmt = _rd_store_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  _rd_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup (_rd_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static gboolean
write_setting (RdStore *self, const char *key, const char *value, GBytes *data, GError **error)
{
  sqlite3_stmt *stmt;

  if (value == NULL && data == NULL)
    {
      stmt = _rd_store_prepare (self, "DELETE FROM settings WHERE key = ?", error);
      if (stmt == NULL)
        return FALSE;
      _rd_bind_text (stmt, 1, key);
      return _rd_store_step_done (self, stmt, error);
    }

  stmt = _rd_store_prepare (self,
                            "INSERT INTO settings (key, value, data) VALUES (?, ?, ?) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                            "data = excluded.data",
                            error);
  if (stmt == NULL)
    return FALSE;
  _rd_bind_text (stmt, 1, key);
  _rd_bind_text (stmt, 2, value);
  if (data != NULL)
    sqlite3_bind_blob64 (stmt, 3, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                         SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  return _rd_store_step_done (self, stmt, error);
}

static gboolean
parse_uint_in (const char *value, guint min, guint max, guint *out)
{
  guint64 n;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, min, max, &n, NULL))
    return FALSE;
  *out = (guint) n;
  return TRUE;
}

static gboolean
email_looks_valid (const char *email)
{
  const char *at = strchr (email, '@');

  return at != NULL && at != email && strchr (at + 1, '@') == NULL && strchr (at, '.') != NULL &&
         at[strlen (at) - 1] != '.' && strpbrk (email, " \t\r\n<>,;\"") == NULL;
}

/* Checks a setting's value; returns the value to store (normalised), or NULL with @error. */
static char *
check_setting (const char *key, const char *value, GError **error)
{
  guint n;

  if (strcmp (key, RD_SETTING_NAME) == 0)
    {
      g_autofree char *name = g_strstrip (g_strdup (value));

      if (*name == '\0' || strchr (name, '\n') != NULL)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The council’s name must be one line of text, not empty."));
          return NULL;
        }
      return g_steal_pointer (&name);
    }
  if (strcmp (key, RD_SETTING_EMAIL) == 0)
    {
      g_autofree char *email = g_strstrip (g_strdup (value));

      if (*email != '\0' && !email_looks_valid (email))
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("“%s” is not an e-mail address; write it as name@example.gov.uk."),
                          email);
          return NULL;
        }
      return g_steal_pointer (&email);
    }
  if (strcmp (key, RD_SETTING_DIVISION) == 0)
    {
      RdDivision division;

      if (!rd_division_from_id (value, &division))
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("“%s” is not a UK division for bank holidays; use "
                         "england-and-wales, scotland or northern-ireland."),
                          value);
          return NULL;
        }
      return g_strdup (value);
    }
  if (strcmp (key, RD_SETTING_PREFIX) == 0)
    {
      gsize len = strlen (value);

      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isupper (value[i]) && !g_ascii_isdigit (value[i]))
          len = 0;
      if (len < 1 || len > 10)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The reference prefix “%s” must be 1 to 10 capital letters or digits, "
                         "such as DPC."),
                          value);
          return NULL;
        }
      return g_strdup (value);
    }
  if (strcmp (key, RD_SETTING_ACK_DAYS) == 0)
    {
      /* Section 164A of the DPA 2018 sets 30 days as the outer limit. */
      if (!parse_uint_in (value, 1, 30, &n))
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The days to acknowledge a complaint must be a whole number of "
                         "working days from 1 to 30."));
          return NULL;
        }
      return g_strdup_printf ("%u", n);
    }
  if (strcmp (key, RD_SETTING_RETENTION_YEARS) == 0)
    {
      if (!parse_uint_in (value, 1, 100, &n))
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The retention period must be a whole number of years from 1 to 100."));
          return NULL;
        }
      return g_strdup_printf ("%u", n);
    }
  if (strcmp (key, RD_SETTING_DOCUMENT_LIMIT) == 0)
    {
      /* SQLite's largest blob is just under 1 GB. */
      if (!parse_uint_in (value, 1, 900, &n))
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The document size limit must be a whole number of megabytes from 1 "
                         "to 900."));
          return NULL;
        }
      return g_strdup_printf ("%u", n);
    }

  /* Address, clerk, DPO: free text, trimmed. */
  return g_strstrip (g_strdup (value));
}

gboolean
_rd_store_reload_settings (RdStore *self, GError **error)
{
  g_autofree char *division_id = NULL;
  g_autofree char *ack = NULL;
  g_autofree char *retention = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(RdHolidays) holidays = NULL;
  RdDivision division = RD_DIVISION_DEFAULT;
  g_autoptr(GError) local_error = NULL;

  if (self->db == NULL)
    return TRUE;

  division_id = rd_store_get_setting (self, RD_SETTING_DIVISION);
  if (!rd_division_from_id (division_id, &division))
    division = RD_DIVISION_DEFAULT;
  ack = rd_store_get_setting (self, RD_SETTING_ACK_DAYS);
  if (!parse_uint_in (ack, 1, 30, &self->ack_days))
    self->ack_days = RD_DEFAULT_ACK_WORKING_DAYS;
  retention = rd_store_get_setting (self, RD_SETTING_RETENTION_YEARS);
  if (!parse_uint_in (retention, 1, 100, &self->retention_years))
    self->retention_years = RD_DEFAULT_RETENTION_YEARS;

  json = rd_store_get_holidays_json (self, NULL);
  if (json != NULL)
    holidays = rd_holidays_new_from_bytes (json, &local_error);
  if (holidays == NULL)
    {
      /* The store's copy was checked when loaded; fall back to the shipped one. */
      g_autoptr(GBytes) shipped = g_resources_lookup_data (HOLIDAYS_RESOURCE,
                                                            G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      g_clear_error (&local_error);
      if (shipped != NULL)
        holidays = rd_holidays_new_from_bytes (shipped, &local_error);
    }
  if (holidays == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                   _("The bank holiday data could not be read (%s). Reinstall Redress."),
                      local_error != NULL ? local_error->message : HOLIDAYS_RESOURCE);
      return FALSE;
    }

  g_set_object (&self->holidays, holidays);
  g_clear_object (&self->calendar);
  self->calendar = rd_calendar_new (self->holidays, division);
  return TRUE;
}

/* Opening */

/* Plain GLib I/O: opening a store should not start GIO's VFS and its modules. */
static gboolean
read_header (const char *path, guint8 header[100], gsize *out_length, GError **error)
{
  int   fd = g_open (path, O_RDONLY | O_BINARY, 0);
  gsize got = 0;

  if (fd < 0)
    {
      int saved = errno;

      if (saved == EACCES || saved == EPERM)
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY,
                     _("You may not read the store “%s”. Check the file’s permissions."), path);
      else
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                     _("The store “%s” could not be read (%s)."), path, g_strerror (saved));
      return FALSE;
    }
  while (got < 100)
    {
      gssize n = read (fd, header + got, 100 - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_close (fd, NULL);
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                       _("The store “%s” could not be read (%s)."), path, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      got += (gsize) n;
    }
  g_close (fd, NULL);
  *out_length = got;
  return TRUE;
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
not_a_store (const char *path, GError **error)
{
  g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_A_STORE,
               _("“%s” is not a Redress store. Choose the file Redress made, or a backup of it."),
                  path);
}

static void
newer_version (const char *path, gint64 version, GError **error)
{
  g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NEWER_VERSION,
               _("The store “%s” was written by a newer version of Redress (store version "
                 "%" G_GINT64_FORMAT "; this one reads up to %d). Open it with the newer "
                 "Redress; it was left unchanged."),
                  path, version, RD_STORE_SCHEMA_VERSION);
}

/*
 * Looks at the file before SQLite touches it, so that a file that is not a
 * store, or a store from a newer Redress, is refused without a byte written.
 * Sets @out_empty for a missing or empty file.
 */
static gboolean
check_file (const char *path, gboolean create, gboolean *out_empty, GError **error)
{
  guint8 header[100];
  gsize  length = 0;

  *out_empty = FALSE;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!create)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                       _("There is no store at “%s”. Create one with “redress-cli init” or "
                         "choose another file."),
                          path);
          return FALSE;
        }
      *out_empty = TRUE;
      return TRUE;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      not_a_store (path, error);
      return FALSE;
    }
  if (!read_header (path, header, &length, error))
    return FALSE;
  if (length == 0 && create)
    {
      *out_empty = TRUE;
      return TRUE;
    }
  if (length < 100 || memcmp (header, "SQLite format 3", 16) != 0)
    {
      not_a_store (path, error);
      return FALSE;
    }
  if (be32 (header + 68) != RD_STORE_APPLICATION_ID)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      GStatBuf         st;

      /* A store just created by a program that still has it open: its header is
       * still in the write-ahead log. SQLite reads it from there; checked again then. */
      if (header[18] == 2 && be32 (header + 68) == 0 && g_stat (wal, &st) == 0 && st.st_size > 0)
        return TRUE;
      not_a_store (path, error);
      return FALSE;
    }
  if (be32 (header + 60) > RD_STORE_SCHEMA_VERSION)
    {
      newer_version (path, be32 (header + 60), error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
create_file (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int              fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, RD_STORE_ERROR,
                   saved == EACCES || saved == EROFS || saved == EPERM ? RD_STORE_ERROR_READ_ONLY
                                                                       : RD_STORE_ERROR_FAILED,
                   _("The folder “%s” for the store could not be made (%s). Choose a folder "
                     "you may write to."),
                      dir, g_strerror (saved));
      return FALSE;
    }

  /* Readable by its owner only: the store holds personal data. */
  fd = g_open (path, O_WRONLY | O_CREAT, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, RD_STORE_ERROR,
                   saved == EACCES || saved == EROFS || saved == EPERM ? RD_STORE_ERROR_READ_ONLY
                                                                       : RD_STORE_ERROR_FAILED,
                   saved == ENOSPC ? _("There is no room on the disk for a new store (%s).")
                                   : _("The store “%s” could not be created (%s). Choose a "
                                       "folder you may write to."),
                                        path, g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);
  return TRUE;
}

/* A file shorter than its header says was cut short: corrupt, whatever else SQLite thinks. */
static gboolean
check_size (RdStore *self, GError **error)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  GStatBuf         st, wal_st;
  gint64           pages, page_size;

  if (g_stat (wal, &wal_st) == 0 && wal_st.st_size > 0)
    return TRUE; /* pages may be in the log, not yet in the file */
  if (g_stat (self->path, &st) != 0)
    return TRUE;
  if (!pragma_int (self, "PRAGMA page_count", &pages, error) ||
      !pragma_int (self, "PRAGMA page_size", &page_size, error))
    return FALSE;
  if ((gint64) st.st_size < pages * page_size)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                   _("The store “%s” is damaged: the file has been cut short. Restore it from a "
                     "backup."),
                      self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (RdStore *self, gint64 from, GError **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *records = NULL;

  if (!_rd_store_begin (self, error))
    return FALSE;

  /* Read again inside the write lock: another program may have migrated it meanwhile. */
  if (!pragma_int (self, "PRAGMA user_version", &from, error))
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
  return FALSE;
}

static gboolean
watch_cb (gpointer user_data)
{
  RdStore *self = RD_STORE (user_data);
  gint64   version;

  if (self->db == NULL || self->tx_depth > 0)
    return G_SOURCE_CONTINUE;
  if (!pragma_int (self, "PRAGMA data_version", &version, NULL))
    return G_SOURCE_CONTINUE;
  if (version != self->data_version)
    {
      self->data_version = version;
      _rd_store_reload_settings (self, NULL);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0,
                     RD_STORE_CHANGE_CASES | RD_STORE_CHANGE_DOCUMENTS | RD_STORE_CHANGE_SETTINGS |
                         RD_STORE_CHANGE_EXTERNAL,
                     (gint64) 0);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
open_database (RdStore *self, RdStoreOpenFlags flags, GError **error)
{
  gboolean read_only;
  gboolean empty = FALSE;
  gint64   app_id, version;
  int      rc;

  if (!check_file (self->path, (flags & RD_STORE_OPEN_CREATE) != 0, &empty, error))
    return FALSE;
  if (empty && !g_file_test (self->path, G_FILE_TEST_EXISTS) && !create_file (self->path, error))
    return FALSE;

  read_only = (flags & RD_STORE_OPEN_READ_ONLY) != 0;
  if (read_only && empty)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                   _("There is no store at “%s” to read."), self->path);
      return FALSE;
    }
  rc = sqlite3_open_v2 (
      self->path, &self->db,
      (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      _rd_store_set_error (self, rc, error);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, (int) self->busy_timeout);

  /* Read before writing anything: is it ours, and not newer than us? */
  if (!pragma_int (self, "PRAGMA application_id", &app_id, error) ||
      !pragma_int (self, "PRAGMA user_version", &version, error))
    {
      if (g_error_matches (*error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY) ||
          g_error_matches (*error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED))
        {
          /* With a write-ahead log, even reading needs the folder to be writable. */
          g_autofree char *dir = g_path_get_dirname (self->path);

          if (g_access (dir, W_OK) != 0 || g_access (self->path, W_OK) != 0)
            {
              g_clear_error (error);
              g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY,
                           _("The store “%s” or its folder cannot be written. Redress needs to "
                             "write beside the store; check the permissions, or copy the "
                             "store somewhere you may write."),
                              self->path);
            }
        }
      return FALSE;
    }
  if (!empty && app_id != RD_STORE_APPLICATION_ID)
    {
      not_a_store (self->path, error);
      return FALSE;
    }
  if (version > RD_STORE_SCHEMA_VERSION)
    {
      newer_version (self->path, version, error);
      return FALSE;
    }
  if (read_only && version < RD_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY,
                   _("The store “%s” was made by an earlier Redress and must be updated, but you "
                     "may not write to it. Check the file’s permissions."),
                      self->path);
      return FALSE;
    }
  if (!read_only && sqlite3_db_readonly (self->db, "main"))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY,
                   _("The store “%s” can only be read: you may not write to it. Check the "
                     "file’s permissions."),
                      self->path);
      return FALSE;
    }
  if (!empty && !check_size (self, error))
    return FALSE;
  /* Walk the schema: a damaged file usually shows itself here. */
  if (!_rd_store_exec (self, "SELECT count(*) FROM sqlite_schema", error))
    return FALSE;

  /* A read-only connection cannot change the journal mode (the file already has it). */
  if (!read_only && !_rd_store_exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;
  if (!_rd_store_exec (self,
                       "PRAGMA synchronous = FULL;"
                       "PRAGMA foreign_keys = ON;"
                       "PRAGMA secure_delete = ON;"
                       "PRAGMA trusted_schema = OFF;"
                       "PRAGMA cache_size = -8192;",
                       error))
    return FALSE;

  if (version < RD_STORE_SCHEMA_VERSION)
    {
      if (!migrate (self, version, error))
        return FALSE;
      /* Put the new header into the file itself, where others look first. */
      sqlite3_exec (self->db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL);
    }

  if (!_rd_store_reload_settings (self, error))
    return FALSE;

  if (!pragma_int (self, "PRAGMA data_version", &self->data_version, error))
    return FALSE;
  if ((flags & RD_STORE_OPEN_NO_WATCH) == 0)
    {
      g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

      self->watch = g_timeout_source_new (1000);
      g_source_set_static_name (self->watch, "[redress] store watch");
      g_source_set_callback (self->watch, watch_cb, self, NULL);
      g_source_attach (self->watch, context);
    }
  return TRUE;
}

/* GObject overrides */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
rd_store_dispose (GObject *object)
{
  RdStore *self = RD_STORE (object);

  rd_store_close (self);

  G_OBJECT_CLASS (rd_store_parent_class)->dispose (object);
}

static void
rd_store_finalize (GObject *object)
{
  RdStore *self = RD_STORE (object);

  g_free (self->path);
  g_free (self->actor);
  g_clear_pointer (&self->statements, g_hash_table_unref);

  G_OBJECT_CLASS (rd_store_parent_class)->finalize (object);
}

static void
rd_store_class_init (RdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_store_dispose;
  object_class->finalize = rd_store_finalize;

  /**
   * RdStore::changed:
   * @store: the store
   * @what: #RdStoreChange flags
   * @case_id: the case concerned, or 0 for several or unknown
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT,
                                          G_TYPE_INT64);
}

static void
rd_store_init (RdStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->actor = g_strdup (g_get_user_name ());
  self->busy_timeout = 5000;
  g_date_clear (&self->today, 1);
}

/* Public API */

char *
rd_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "redress", "council.redress", NULL);
}

char *
rd_store_resolve_path (const char *explicit_path)
{
  const char *env;

  if (explicit_path != NULL && *explicit_path != '\0')
    return g_strdup (explicit_path);
  env = g_getenv ("REDRESS_STORE");
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return rd_store_default_path ();
}

/**
 * rd_store_open:
 * @path: the store's file
 * @flags: #RdStoreOpenFlags
 * @error: return location for an #RD_STORE_ERROR
 *
 * Opens (or with %RD_STORE_OPEN_CREATE creates) a store, with a write-ahead
 * log, foreign keys, full synchronous commits and secure delete, and runs
 * any migrations in one transaction. Refuses, without writing to it, a file
 * that is not a store, is damaged, or was written by a newer Redress.
 *
 * Returns: (transfer full): the store, or %NULL
 */
RdStore *
rd_store_open (const char *path, RdStoreOpenFlags flags, GError **error)
{
  g_autoptr(RdStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RD_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!open_database (self, flags, error))
    {
      rd_store_close (self);
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
rd_store_get_path (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  return self->path;
}

void
rd_store_close (RdStore *self)
{
  g_return_if_fail (RD_IS_STORE (self));

  if (self->watch != NULL)
    {
      g_source_destroy (self->watch);
      g_clear_pointer (&self->watch, g_source_unref);
    }
  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      /* _v2: open document streams keep the connection until they are closed. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_object (&self->calendar);
  g_clear_object (&self->holidays);
}

const char *
rd_store_get_actor (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  return self->actor;
}

void
rd_store_set_actor (RdStore *self, const char *actor)
{
  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (actor != NULL && *actor != '\0');

  g_free (self->actor);
  self->actor = g_strdup (actor);
}

void
rd_store_set_busy_timeout (RdStore *self, guint milliseconds)
{
  g_return_if_fail (RD_IS_STORE (self));

  self->busy_timeout = milliseconds;
  if (self->db != NULL)
    sqlite3_busy_timeout (self->db, (int) MIN (milliseconds, G_MAXINT));
}

void
rd_store_set_today (RdStore *self, const GDate *today)
{
  g_return_if_fail (RD_IS_STORE (self));

  if (today != NULL && g_date_valid (today))
    self->today = *today;
  else
    g_date_clear (&self->today, 1);
}

void
rd_store_get_today (RdStore *self, GDate *out_today)
{
  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (out_today != NULL);

  _rd_store_get_today (self, out_today);
}

RdCalendar *
rd_store_get_calendar (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  return self->calendar;
}

const char *const *
rd_store_list_setting_keys (void)
{
  return setting_keys;
}

char *
rd_store_get_setting (RdStore *self, const char *key)
{
  const SettingInfo *info;
  char              *value;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  value = read_setting (self, key);
  if (value != NULL)
    return value;
  info = find_setting (key);
  return info != NULL ? g_strdup (info->fallback) : NULL;
}

int
rd_store_get_setting_int (RdStore *self, const char *key)
{
  g_autofree char *value = rd_store_get_setting (self, key);

  return value != NULL ? (int) g_ascii_strtoll (value, NULL, 10) : 0;
}

gboolean
rd_store_set_setting (RdStore *self, const char *key, const char *value, GError **error)
{
  const SettingInfo *info;
  g_autofree char   *checked = NULL;
  g_autofree char   *records = NULL;
  g_autofree char   *old = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = find_setting (key);
  if (info == NULL && !g_str_has_prefix (key, "x-"))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) setting_keys);

      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” is not a council setting; the settings are %s."), key, known);
      return FALSE;
    }
  if (info != NULL)
    {
      if (value == NULL)
        value = info->fallback;
      checked = check_setting (key, value, error);
      if (checked == NULL)
        return FALSE;
    }
  else
    checked = g_strdup (value);

  if (!_rd_store_begin (self, error))
    return FALSE;
  old = read_setting (self, key);
  if (!write_setting (self, key, checked, NULL, error))
    goto fail;
  /* The setting's name, never its value: values may be names of people. */
  records = g_strdup_printf ("setting=%s", key);
  if (!_rd_store_audit (self, "settings.update", records, error))
    goto fail;
  if (info != NULL && info->affects_deadlines && g_strcmp0 (old, checked) != 0)
    {
      if (!_rd_store_reload_settings (self, error) || !_rd_store_update_all_caches (self, error))
        goto fail;
      _rd_store_note_change (self, RD_STORE_CHANGE_CASES, 0);
    }
  _rd_store_note_change (self, RD_STORE_CHANGE_SETTINGS, 0);
  return _rd_store_commit (self, error);

fail:
  _rd_store_rollback (self);
  return FALSE;
}

GBytes *
rd_store_get_logo (RdStore *self)
{
  sqlite3_stmt *stmt;
  GBytes       *logo = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  stmt = _rd_store_prepare (self, "SELECT data FROM settings WHERE key = '" SETTING_LOGO "'", NULL);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_BLOB)
    logo = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  return logo;
}

static const char *
image_type (GBytes *image)
{
  gsize         size;
  const guint8 *data = g_bytes_get_data (image, &size);

  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return "image/jpeg";
  if (size >= 5 && g_strstr_len ((const char *) data, MIN (size, 1024), "<svg") != NULL)
    return "image/svg+xml";
  return NULL;
}

gboolean
rd_store_set_logo (RdStore *self, GBytes *image, GError **error)
{
  const char *type = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (image != NULL)
    {
      type = image_type (image);
      if (type == NULL)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The logo must be a PNG, JPEG or SVG image."));
          return FALSE;
        }
      if (g_bytes_get_size (image) > 2 * 1024 * 1024)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_TOO_LARGE,
                       _("The logo is larger than 2 MB; use a smaller image."));
          return FALSE;
        }
    }

  if (!_rd_store_begin (self, error))
    return FALSE;
  if (!write_setting (self, SETTING_LOGO, type, image, error) ||
      !_rd_store_audit (self, "settings.update", "setting=logo", error))
    {
      _rd_store_rollback (self);
      return FALSE;
    }
  _rd_store_note_change (self, RD_STORE_CHANGE_SETTINGS, 0);
  return _rd_store_commit (self, error);
}

gboolean
rd_store_load_holidays (RdStore *self, GBytes *json, GError **error)
{
  return rd_store_load_holidays_full (self, json, RD_STORE_HOLIDAYS_DEFAULT, error);
}

/*
 * Whether @holidays covers less than the data in use for some division:
 * fewer years, or a last year before the current one. Sets @error if so.
 */
static gboolean
check_not_older (RdStore *self, RdHolidays *holidays, GError **error)
{
  if (self->holidays == NULL)
    return TRUE;
  for (int d = 0; d < RD_DIVISION_N; d++)
    {
      guint first = 0, last = 0, new_first = 0, new_last = 0;

      if (!rd_holidays_get_year_range (self->holidays, (RdDivision) d, &first, &last) ||
          !rd_holidays_get_year_range (holidays, (RdDivision) d, &new_first, &new_last))
        continue;
      if (new_last < last || new_last - new_first < last - first)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The bank holiday file was not loaded, and nothing changed: it covers "
                         "%u–%u for %s, but the holidays in use cover %u–%u, so it looks older. "
                         "Load it anyway only if you are sure (redress-cli holidays load "
                         "--force)."),
                          new_first, new_last, rd_division_to_id ((RdDivision) d), first, last);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
rd_store_load_holidays_full (RdStore *self, GBytes *json, RdStoreHolidaysFlags flags, GError **error)
{
  g_autoptr(RdHolidays) holidays = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *records = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  holidays = rd_holidays_new_from_bytes (json, &parse_error);
  if (holidays == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The bank holiday file was not loaded, and nothing changed: %s"),
                      parse_error->message);
      return FALSE;
    }
  if (!g_utf8_validate (g_bytes_get_data (json, NULL), (gssize) g_bytes_get_size (json), NULL))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The bank holiday file is not UTF-8 text; nothing changed."));
      return FALSE;
    }
  if ((flags & RD_STORE_HOLIDAYS_FORCE) == 0 && !check_not_older (self, holidays, error))
    return FALSE;
  text = g_strndup (g_bytes_get_data (json, NULL), g_bytes_get_size (json));

  if (!_rd_store_begin (self, error))
    return FALSE;
  records = g_strdup_printf ("holidays=%s%s", rd_holidays_get_digest (holidays),
                             (flags & RD_STORE_HOLIDAYS_FORCE) != 0 ? " force=1" : "");
  if (!write_setting (self, SETTING_HOLIDAYS, text, NULL, error) ||
      !_rd_store_audit (self, "holidays.load", records, error) ||
      !_rd_store_reload_settings (self, error) || !_rd_store_update_all_caches (self, error))
    {
      _rd_store_rollback (self);
      return FALSE;
    }
  _rd_store_note_change (self, RD_STORE_CHANGE_SETTINGS | RD_STORE_CHANGE_CASES, 0);
  return _rd_store_commit (self, error);
}

GBytes *
rd_store_get_holidays_json (RdStore *self, gboolean *out_from_store)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  text = read_setting (self, SETTING_HOLIDAYS);
  if (out_from_store != NULL)
    *out_from_store = text != NULL;
  if (text != NULL)
    {
      gsize length = strlen (text);
      return g_bytes_new_take (g_steal_pointer (&text), length);
    }
  return g_resources_lookup_data (HOLIDAYS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

RdHolidays *
rd_store_get_holidays (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  return self->holidays;
}

guint64
rd_store_count_audit_entries (RdStore *self)
{
  sqlite3_stmt *stmt;
  guint64       n = 0;

  g_return_val_if_fail (RD_IS_STORE (self), 0);

  stmt = _rd_store_prepare (self, "SELECT count(*) FROM audit", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint64) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

void
rd_audit_entry_free (RdAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->who);
  g_free (entry->action);
  g_free (entry->records);
  g_free (entry->prev_hash);
  g_free (entry->hash);
  g_free (entry);
}

GPtrArray *
rd_store_list_audit_entries (RdStore *self, gint64 after_id, guint limit, GError **error)
{
  g_autoptr(GPtrArray)
                 entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_audit_entry_free);
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rd_store_prepare (self,
                            "SELECT id, at, who, action, records, prev_hash, hash FROM audit "
                            "WHERE id > ? ORDER BY id LIMIT ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdAuditEntry *entry = g_new0 (RdAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = g_strdup (_rd_column_text (stmt, 1));
      entry->who = g_strdup (_rd_column_text (stmt, 2));
      entry->action = g_strdup (_rd_column_text (stmt, 3));
      entry->records = g_strdup (_rd_column_text (stmt, 4));
      entry->prev_hash = g_strdup (_rd_column_text (stmt, 5));
      entry->hash = g_strdup (_rd_column_text (stmt, 6));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Verification */

static gboolean
verify_integrity (RdStore *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int           rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  for (rc = rc == SQLITE_OK ? sqlite3_step (stmt) : rc; rc == SQLITE_ROW; rc = sqlite3_step (stmt))
    {
      const char *line = _rd_column_text (stmt, 0);

      if (strcmp (line, "ok") != 0)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                       _("The store is damaged (%s). Restore it from a backup."), line);
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_error (self, rc, error);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                   _("The store is damaged: a record refers to one that is missing. Restore it "
                     "from a backup."));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
verify_audit (RdStore *self, guint64 *out_n, GError **error)
{
  sqlite3_stmt    *stmt = NULL;
  g_autofree char *prev = g_strdup (GENESIS_HASH);
  gint64           expected_id = 1;
  guint64          n = 0;
  int              rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT id, at, who, action, records, prev_hash, hash FROM audit "
                           "ORDER BY id",
                           -1, &stmt, NULL);
  for (rc = rc == SQLITE_OK ? sqlite3_step (stmt) : rc; rc == SQLITE_ROW; rc = sqlite3_step (stmt))
    {
      gint64           id = sqlite3_column_int64 (stmt, 0);
      const char      *prev_hash = _rd_column_text (stmt, 5);
      const char      *hash = _rd_column_text (stmt, 6);
      g_autofree char *computed = NULL;

      if (id != expected_id)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                       _("The audit trail is broken: entry %" G_GINT64_FORMAT
                         " is missing. The store may have been tampered with; restore it from a "
                         "backup and keep this copy for investigation."),
                          expected_id);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      computed = audit_hash (prev_hash, id, _rd_column_text (stmt, 1), _rd_column_text (stmt, 2),
                             _rd_column_text (stmt, 3), _rd_column_text (stmt, 4));
      if (strcmp (prev_hash, prev) != 0 || strcmp (computed, hash) != 0)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                       _("The audit trail is broken at entry %" G_GINT64_FORMAT
                         ": its hash does not match. The store may have been tampered with; "
                         "restore it from a backup and keep this copy for investigation."),
                          id);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      g_free (prev);
      prev = g_strdup (hash);
      expected_id++;
      n++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_error (self, rc, error);
      return FALSE;
    }
  if (n == 0)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                   _("The audit trail is empty, so the store cannot be trusted. Restore it from "
                     "a backup."));
      return FALSE;
    }
  if (out_n != NULL)
    *out_n = n;
  return TRUE;
}

gboolean
rd_store_verify (RdStore *self, guint64 *out_n_entries, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rd_store_check_open (self, error))
    return FALSE;
  /* One read transaction: the checks see one consistent state. */
  if (!_rd_store_exec (self, "BEGIN", error))
    return FALSE;
  ok = verify_integrity (self, error) && verify_audit (self, out_n_entries, error) &&
       _rd_store_verify_documents (self, error);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  return ok;
}

/* Backup and restore */

static gboolean
copy_database (RdStore      *self,
               sqlite3      *dest,
               sqlite3      *source,
               GCancellable *cancellable,
               GError      **error)
{
  sqlite3_backup *backup;
  int             rc;

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                   _("The copy could not be started (%s)."), sqlite3_errmsg (dest));
      return FALSE;
    }
  do
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_backup_finish (backup);
          return FALSE;
        }
      rc = sqlite3_backup_step (backup, 1024);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_error (NULL, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_store_backup (RdStore *self, const char *dest_path, GCancellable *cancellable, GError **error)
{
  g_autofree char *part = NULL;
  sqlite3         *dest = NULL;
  gboolean         ok;
  int              rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rd_store_check_open (self, error))
    return FALSE;

  /* Written beside the destination and renamed: never a half-written backup. */
  part = g_strconcat (dest_path, ".part", NULL);
  g_unlink (part);
  if (!create_file (part, error))
    return FALSE;
  rc = sqlite3_open_v2 (part, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      _rd_store_set_error (NULL, rc, error);
      sqlite3_close_v2 (dest);
      g_unlink (part);
      return FALSE;
    }
  ok = copy_database (self, dest, self->db, cancellable, error);
  /* A single self-contained file: no log beside it. */
  if (ok)
    sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close_v2 (dest);
  if (ok && g_rename (part, dest_path) != 0)
    {
      int saved = errno;

      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                   _("The backup could not be saved as “%s” (%s)."), dest_path,
                      g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (part);
      return FALSE;
    }

  if (!_rd_store_begin (self, error))
    return FALSE;
  if (!_rd_store_audit (self, "store.backup", "", error))
    {
      _rd_store_rollback (self);
      return FALSE;
    }
  return _rd_store_commit (self, error);
}

gboolean
rd_store_restore (RdStore *self, const char *backup_path, GError **error)
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *copy_path = NULL;
  g_autoptr(RdStore) backup = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rd_store_check_open (self, error))
    return FALSE;

  /* Open a copy, so that the backup itself is never written to. */
  tmpdir = g_dir_make_tmp ("redress-restore-XXXXXX", &local_error);
  if (tmpdir == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                   _("The backup could not be copied for checking (%s)."), local_error->message);
      return FALSE;
    }
  copy_path = g_build_filename (tmpdir, "backup.redress", NULL);
  source = g_file_new_for_path (backup_path);
  copy = g_file_new_for_path (copy_path);
  if (!g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error))
    {
      g_set_error (
          error, RD_STORE_ERROR,
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? RD_STORE_ERROR_NOT_FOUND
                                                                          : RD_STORE_ERROR_FAILED,
          _("The backup “%s” could not be read (%s)."), backup_path, local_error->message);
      goto out;
    }
  g_chmod (copy_path, 0600);

  backup = rd_store_open (copy_path, RD_STORE_OPEN_NO_WATCH, &local_error);
  if (backup == NULL || !rd_store_verify (backup, NULL, &local_error))
    {
      int code = local_error->domain == RD_STORE_ERROR ? local_error->code : RD_STORE_ERROR_CORRUPT;
      const char *why;

      /* In the clerk's words: never the temporary copy's path nor SQLite's own message. */
      switch (code)
        {
          case RD_STORE_ERROR_NOT_A_STORE:
            why = _("it is not a Redress store.");
            break;
          case RD_STORE_ERROR_NEWER_VERSION:
            why = _("it was made by a newer version of Redress; update Redress first.");
            break;
          default:
            code = RD_STORE_ERROR_CORRUPT;
            why = _("it is damaged or incomplete (it failed verification); try an earlier "
                    "backup.");
            break;
        }
      g_set_error (error, RD_STORE_ERROR, code,
                   _("The backup “%s” was not restored, and the store is unchanged: %s"),
                      backup_path, why);
      goto out;
    }

  /* Copied page by page into the open store, under its write lock. */
  if (!copy_database (self, self->db, backup->db, NULL, error))
    goto out;
  g_hash_table_remove_all (self->statements);
  sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);

  if (!_rd_store_begin (self, error))
    goto out;
  if (!_rd_store_audit (self, "store.restore", "", error) ||
      !_rd_store_reload_settings (self, error) || !_rd_store_update_all_caches (self, error))
    {
      _rd_store_rollback (self);
      goto out;
    }
  _rd_store_note_change (
      self, RD_STORE_CHANGE_CASES | RD_STORE_CHANGE_DOCUMENTS | RD_STORE_CHANGE_SETTINGS, 0);
  ok = _rd_store_commit (self, error);

out:
  if (backup != NULL)
    rd_store_close (backup);
  {
    g_autofree char *wal = g_strconcat (copy_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (copy_path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (copy_path);
    g_rmdir (tmpdir);
  }
  return ok;
}

/* For tests */

void
_rd_store_set_max_pages (RdStore *self, guint max_pages)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %u", max_pages);

  _rd_store_exec (self, sql, NULL);
}

gint64
_rd_store_pragma_int (RdStore *self, const char *pragma)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  gint64           value = -1;

  pragma_int (self, sql, &value, NULL);
  return value;
}

gboolean
_rd_store_exec_sql (RdStore *self, const char *sql, GError **error)
{
  return _rd_store_exec (self, sql, error);
}

gint64
_rd_store_count_sql (RdStore *self, const char *sql)
{
  gint64 value = -1;

  pragma_int (self, sql, &value, NULL);
  return value;
}
