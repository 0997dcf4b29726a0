/* rd-store-audit.c: the hash-chained audit trail, and verification of the
 * whole store (integrity, the chain, every document's SHA-256).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-store-private.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

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
                       _("The audit trail is broken: entry %lld is missing. The store may have "
                         "been tampered with; restore it from a backup and keep this copy for "
                         "investigation."),
                          (long long) expected_id);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      computed = audit_hash (prev_hash, id, _rd_column_text (stmt, 1), _rd_column_text (stmt, 2),
                             _rd_column_text (stmt, 3), _rd_column_text (stmt, 4));
      if (strcmp (prev_hash, prev) != 0 || strcmp (computed, hash) != 0)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                       _("The audit trail is broken at entry %lld: its hash does not match. The "
                         "store may have been tampered with; restore it from a backup and keep "
                         "this copy for investigation."),
                          (long long) id);
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
