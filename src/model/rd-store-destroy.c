/* rd-store-destroy.c: destroying a case's records when their retention has
 * ended (or earlier, for an erasure request), and scrubbing what is left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-store-private.h"

/* Destruction */

static gboolean
destroy_in_transaction (RdStore *self, gint64 case_id, gboolean early, GError **error)
{
  g_autofree char *records = NULL;
  sqlite3_stmt    *stmt;
  gint64           subject_id = 0, representative_id = 0;

  stmt = _rd_store_prepare (self, "SELECT subject_id, representative_id FROM cases WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      subject_id = sqlite3_column_int64 (stmt, 0);
      representative_id = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (subject_id == 0)
    {
      _rd_store_not_found (error,
                           _("There is no such case in the store; it may have been destroyed."));
      return FALSE;
    }

  stmt = _rd_store_prepare (self, "DELETE FROM case_search WHERE rowid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (!_rd_store_step_done (self, stmt, error))
    return FALSE;

  /* Events, documents and their content go with the case (ON DELETE CASCADE). */
  stmt = _rd_store_prepare (self, "DELETE FROM cases WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (!_rd_store_step_done (self, stmt, error))
    return FALSE;

  stmt = _rd_store_prepare (self,
                            "DELETE FROM people WHERE id IN (?1, ?2) AND NOT EXISTS "
                            "(SELECT 1 FROM cases WHERE subject_id = people.id "
                            "OR representative_id = people.id)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, subject_id);
  sqlite3_bind_int64 (stmt, 2, representative_id);
  if (!_rd_store_step_done (self, stmt, error))
    return FALSE;

  /* Ids and the flag only: an early destruction (an erasure request) says so. */
  records = g_strdup_printf ("case=%" G_GINT64_FORMAT "%s", case_id,
                             early ? " before-retention-ends=1" : "");
  if (!_rd_store_audit (self, "case.destroy", records, error))
    return FALSE;
  _rd_store_note_change (self, RD_STORE_CHANGE_CASES | RD_STORE_CHANGE_DOCUMENTS, case_id);
  return TRUE;
}

/*
 * Destruction can never be brought forward by taking a later day as today
 * (redress-cli --on, rd_store_set_today()): a day after the real local date
 * is refused.
 */
static gboolean
check_not_future (const GDate *today, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate real_today;

  g_date_clear (&real_today, 1);
  g_date_set_dmy (&real_today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (g_date_compare (today, &real_today) > 0)
    {
      g_autofree char *iso = _rd_date_iso (today);

      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("Records cannot be destroyed as of %s, a day still to come; destroy them on "
                     "or after the day their retention period ends."),
                      iso);
      return FALSE;
    }
  return TRUE;
}

/*
 * After deleting: merge the search index so that no segment keeps the
 * destroyed words, and truncate the write-ahead log, which still holds copies
 * of the freed pages. secure_delete has zeroed the pages in the file itself.
 */
static void
scrub (RdStore *self)
{
  sqlite3_exec (self->db, "INSERT INTO case_search (case_search) VALUES ('optimize')", NULL, NULL,
                NULL);
  sqlite3_exec (self->db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL);
}

gboolean
rd_store_destroy_case (RdStore            *self,
                       gint64              case_id,
                       const GDate        *today,
                       RdStoreDestroyFlags flags,
                       GError            **error)
{
  g_autoptr(RdCase) kase = NULL;
  GDate local_today;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (today == NULL || !g_date_valid (today))
    {
      _rd_store_get_today (self, &local_today);
      today = &local_today;
    }
  if (!check_not_future (today, error))
    return FALSE;
  kase = rd_store_get_case (self, case_id, error);
  if (kase == NULL)
    return FALSE;
  if ((flags & RD_STORE_DESTROY_BEFORE_RETENTION_ENDS) == 0)
    {
      const GDate *retain = rd_case_get_retain_until (kase);

      if (retain == NULL)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE,
                       _("Case %s is not closed, so its retention period has not started; close "
                         "it first, or destroy it before retention ends only on an erasure "
                         "request."),
                          rd_case_get_reference (kase));
          return FALSE;
        }
      if (g_date_compare (today, retain) < 0)
        {
          g_autofree char *iso = _rd_date_iso (retain);

          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE,
                       _("The records of case %s must be kept until %s (the council’s retention "
                         "period); they can be destroyed from then."),
                          rd_case_get_reference (kase), iso);
          return FALSE;
        }
    }

  if (!_rd_store_begin (self, error))
    return FALSE;
  if (!destroy_in_transaction (self, case_id, (flags & RD_STORE_DESTROY_BEFORE_RETENTION_ENDS) != 0,
                               error))
    {
      _rd_store_rollback (self);
      return FALSE;
    }
  if (!_rd_store_commit (self, error))
    return FALSE;
  scrub (self);
  return TRUE;
}

gboolean
rd_store_destroy_due (RdStore *self, const GDate *today, guint *out_n_destroyed, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  GDate         local_today;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (today == NULL || !g_date_valid (today))
    {
      _rd_store_get_today (self, &local_today);
      today = &local_today;
    }
  if (!check_not_future (today, error))
    return FALSE;
  if (!_rd_store_begin (self, error))
    return FALSE;
  stmt = _rd_store_prepare (self,
                            "SELECT id FROM cases WHERE retain_until IS NOT NULL "
                            "AND retain_until <= ?",
                            error);
  if (stmt == NULL)
    goto fail;
  _rd_bind_date (stmt, 1, today);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < ids->len; i++)
    if (!destroy_in_transaction (self, g_array_index (ids, gint64, i), FALSE, error))
      goto fail;
  if (!_rd_store_commit (self, error))
    return FALSE;
  if (ids->len > 0)
    scrub (self);
  if (out_n_destroyed != NULL)
    *out_n_destroyed = ids->len;
  return TRUE;

fail:
  _rd_store_rollback (self);
  return FALSE;
}
