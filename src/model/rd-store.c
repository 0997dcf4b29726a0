/* rd-store.c: the case store: opening, transactions, backup and restore.
 *
 * The schema and its migrations are in rd-store-schema.c, the audit trail
 * and verification in rd-store-audit.c, council settings and holiday data in
 * rd-store-settings.c; cases, events and people in rd-store-cases.c,
 * documents in rd-store-documents.c, exports and imports in
 * rd-store-export.c, demo data in rd-store-demo.c. docs/store.md describes
 * the schema.
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

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdStore, rd_store, G_TYPE_OBJECT)

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

gboolean
_rd_store_pragma_get (RdStore *self, const char *sql, gint64 *out, GError **error)
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

/* Store files open in this process
 *
 * On POSIX, closing ANY descriptor of a file drops ALL of this process's
 * fcntl() locks on it, including those an open SQLite connection holds on
 * the database file. SQLite avoids this between its own connections (one
 * inode record per process), but a plain open()/close() of ours bypasses it:
 * another process (redress-cli) then believes it is the file's last user,
 * checkpoints and deletes the -wal and -shm files under our feet, and what
 * this process writes afterwards is lost.
 *
 * So every file a connection of ours has open is listed here by device and
 * inode, with a count, from just before sqlite3_open_v2() until after
 * sqlite3_close_v2(); model code must never open a plain descriptor on a
 * listed file. The list's lock is held from the check to the end of the
 * plain read in open_database(), so no other thread opens a connection to
 * the file in between. Windows has no such locks (and no inode numbers), so
 * nothing is listed there. */

#ifndef G_OS_WIN32
typedef struct
{
  dev_t dev;
  ino_t ino;
} FileKey;

static GMutex      open_files_lock;
static GHashTable *open_files; /* FileKey* → count (GUINT_TO_POINTER) */

static guint
file_key_hash (gconstpointer p)
{
  const FileKey *key = p;

  return (guint) key->ino ^ ((guint) key->dev * 31u);
}

static gboolean
file_key_equal (gconstpointer a, gconstpointer b)
{
  const FileKey *ka = a, *kb = b;

  return ka->dev == kb->dev && ka->ino == kb->ino;
}

/* Call with open_files_lock held. */
static gboolean
file_key_is_open_locked (const FileKey *key)
{
  return open_files != NULL && g_hash_table_contains (open_files, key);
}

/* Call with open_files_lock held. */
static void
file_key_ref_locked (const FileKey *key)
{
  guint count;

  if (open_files == NULL)
    open_files = g_hash_table_new_full (file_key_hash, file_key_equal, g_free, NULL);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (open_files, key));
  g_hash_table_replace (open_files, g_memdup2 (key, sizeof *key), GUINT_TO_POINTER (count + 1));
}

static void
file_key_unref (const FileKey *key)
{
  guint count;

  g_mutex_lock (&open_files_lock);
  count = open_files != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (open_files, key)) : 0;
  if (count > 1)
    g_hash_table_replace (open_files, g_memdup2 (key, sizeof *key), GUINT_TO_POINTER (count - 1));
  else if (count == 1)
    g_hash_table_remove (open_files, key);
  g_mutex_unlock (&open_files_lock);
}

static gboolean
file_key_for_path (const char *path, FileKey *out)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  out->dev = st.st_dev;
  out->ino = st.st_ino;
  return TRUE;
}
#endif

/*
 * Whether a connection of this process has @path open: then it must not be
 * opened with plain I/O (see above). Always %FALSE on Windows.
 */
gboolean
_rd_store_file_is_open (const char *path)
{
#ifndef G_OS_WIN32
  FileKey  key;
  gboolean open;

  if (!file_key_for_path (path, &key))
    return FALSE;
  g_mutex_lock (&open_files_lock);
  open = file_key_is_open_locked (&key);
  g_mutex_unlock (&open_files_lock);
  return open;
#else
  return FALSE;
#endif
}

/*
 * Unlists the store's file once SQLite has let go of it: after
 * sqlite3_close_v2(), and after the last document stream's blob is closed
 * (until then sqlite3_close_v2() only defers the close, and the connection
 * keeps its locks).
 */
static void
release_file (RdStore *self)
{
#ifndef G_OS_WIN32
  if (self->db != NULL || self->open_blobs > 0 || self->file_key == NULL)
    return;
  file_key_unref (self->file_key);
  g_clear_pointer (&self->file_key, g_free);
#endif
}

void
_rd_store_blob_closed (RdStore *self)
{
  g_return_if_fail (self->open_blobs > 0);

  self->open_blobs--;
  release_file (self);
}

static void
file_in_use (const char *path, GError **error)
{
  g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
               _("“%s” is a store Redress has open; it cannot be used for this. Choose another "
                 "file."),
                  path);
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
                 "%lld; this one reads up to %d). Open it with the newer "
                 "Redress; it was left unchanged."),
                  path, (long long) version, RD_STORE_SCHEMA_VERSION);
}

/*
 * Looks at the file before SQLite touches it, so that a file that is not a
 * store, or a store from a newer Redress, is refused without a byte written.
 * Sets @out_empty for a missing or empty file.
 */
static gboolean
check_file (const char *path,
            gboolean    create,
            gboolean    already_open,
            gboolean   *out_empty,
            GError    **error)
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
  if (already_open)
    {
      GStatBuf st;

      /* A connection of ours has it open: no plain read (see "Store files open in
       * this process"). It was checked when that one opened, and SQLite checks the
       * application id and version again below, without writing. */
      if (create && g_stat (path, &st) == 0 && st.st_size == 0)
        *out_empty = TRUE;
      return TRUE;
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
  if (!_rd_store_pragma_get (self, "PRAGMA page_count", &pages, error) ||
      !_rd_store_pragma_get (self, "PRAGMA page_size", &page_size, error))
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
watch_cb (gpointer user_data)
{
  RdStore *self = RD_STORE (user_data);
  gint64   version;

  if (self->db == NULL || self->tx_depth > 0)
    return G_SOURCE_CONTINUE;
  if (!_rd_store_pragma_get (self, "PRAGMA data_version", &version, NULL))
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

/* Side files kept beside the store
 *
 * The registry above covers the model's own plain opens, not other code of
 * the process: GTK 4.8's in-process file chooser has GIO guess the type of
 * every file it lists, so a GIO worker thread open()s and close()s the store,
 * its -shm and its -wal, and every POSIX lock our connections held on them is
 * gone (SQLite cannot notice; it believes it still holds them). The next
 * process to close the store (any redress-cli command) then believes itself
 * the last user and, by default, deletes the -wal and -shm under us: all this
 * process writes afterwards goes into a deleted file and is lost.
 *
 * So every connection sets SQLITE_FCNTL_PERSIST_WAL: a closing connection
 * never deletes the log or its index, whoever else has them open. With
 * PRAGMA journal_size_limit set, the one that closes last (or believes so)
 * still checkpoints and truncates the log to 0 bytes, and a log never stays
 * larger than the limit after a checkpoint; the -shm keeps its few pages.
 *
 * What remains, while this process has lost its locks (until it closes the
 * store and opens it again):
 * - another process that opens the store finds the index's "DMS" lock free,
 *   so it empties the -shm and rebuilds it from the log. That is safe while
 *   no transaction of ours is running (the log holds every committed frame
 *   and we re-read the index header at the start of each transaction), but
 *   one of ours running at that instant may read a half-rebuilt index;
 * - another process that closes the store gets the EXCLUSIVE lock our lost
 *   SHARED lock should have refused, so it checkpoints in exclusive mode,
 *   ignoring our read marks, and truncates the log. Between our transactions
 *   that is harmless (everything committed is checkpointed, and our next
 *   write restarts the log from its start), but a transaction of ours running
 *   at that instant may read frames that are gone, or write after a hole.
 * Our transactions last milliseconds and are taken again, with their locks,
 * each time; the other process does this once per opening and closing. The
 * window is that overlap, not the whole session, as before. SQLite's public
 * API has nothing that takes back a connection's lost SHARED or DMS lock short
 * of closing it; a VFS shim using open-file-description locks (xSetSystemCall
 * "fcntl") would clash with SQLite sharing one lock between connections of a
 * process, so it is not done. Making GIO decide by name (a shared-mime-info
 * glob for the side files) would stop the sniffing itself; Redress ships no
 * MIME type yet. The backup's own connection (a new .part file nobody else
 * knows of) is the one that does not keep its side files. */
#define RD_STORE_JOURNAL_SIZE_LIMIT "4194304" /* 4 MiB */

static gboolean
keep_side_files (RdStore *self, GError **error)
{
  int persist = 1;
  int rc;

  rc = sqlite3_file_control (self->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
  if (rc != SQLITE_OK)
    {
      _rd_store_set_error (self, rc, error);
      return FALSE;
    }
  return _rd_store_exec (self, "PRAGMA journal_size_limit = " RD_STORE_JOURNAL_SIZE_LIMIT, error);
}

static gboolean
open_database (RdStore *self, RdStoreOpenFlags flags, GError **error)
{
  gboolean read_only;
  gboolean empty = FALSE;
  gint64   app_id, version;
  int      rc;

  read_only = (flags & RD_STORE_OPEN_READ_ONLY) != 0;
#ifndef G_OS_WIN32
  {
    FileKey  key;
    gboolean ok, already_open;

    /* Held from the check through the plain read to listing the file as open, so
     * no other thread's connection opens it in between. */
    g_mutex_lock (&open_files_lock);
    already_open = file_key_for_path (self->path, &key) && file_key_is_open_locked (&key);
    ok = check_file (self->path, (flags & RD_STORE_OPEN_CREATE) != 0, already_open, &empty, error);
    if (ok && empty && !g_file_test (self->path, G_FILE_TEST_EXISTS))
      ok = create_file (self->path, error);
    if (ok && read_only && empty)
      {
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                     _("There is no store at “%s” to read."), self->path);
        ok = FALSE;
      }
    if (ok && !file_key_for_path (self->path, &key))
      {
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                     _("There is no store at “%s” to read."), self->path);
        ok = FALSE;
      }
    if (ok)
      {
        file_key_ref_locked (&key);
        self->file_key = g_memdup2 (&key, sizeof key);
      }
    g_mutex_unlock (&open_files_lock);
    if (!ok)
      return FALSE;
  }
#else
  if (!check_file (self->path, (flags & RD_STORE_OPEN_CREATE) != 0, FALSE, &empty, error))
    return FALSE;
  if (empty && !g_file_test (self->path, G_FILE_TEST_EXISTS) && !create_file (self->path, error))
    return FALSE;
  if (read_only && empty)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                   _("There is no store at “%s” to read."), self->path);
      return FALSE;
    }
#endif
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
  /* Before anything opens the log (see "Side files kept beside the store"). */
  if (!keep_side_files (self, error))
    return FALSE;

  /* Read before writing anything: is it ours, and not newer than us? */
  if (!_rd_store_pragma_get (self, "PRAGMA application_id", &app_id, error) ||
      !_rd_store_pragma_get (self, "PRAGMA user_version", &version, error))
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
      if (!_rd_store_migrate (self, version, error))
        return FALSE;
      /* Put the new header into the file itself, where others look first. */
      sqlite3_exec (self->db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL);
    }

  if (!_rd_store_reload_settings (self, error))
    return FALSE;

  if (!_rd_store_pragma_get (self, "PRAGMA data_version", &self->data_version, error))
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
  release_file (self);
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

guint
rd_store_get_busy_timeout (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), 0);

  return self->busy_timeout;
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

  /* Written beside the destination and renamed: never a half-written backup. Not
   * over a store open in this process (this one, say): its connections would keep
   * the old file, and a plain open of it would drop their locks. */
  part = g_strconcat (dest_path, ".part", NULL);
  if (_rd_store_file_is_open (dest_path) || _rd_store_file_is_open (part))
    {
      file_in_use (dest_path, error);
      return FALSE;
    }
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
  /* A single self-contained file: no log beside it. Nobody else knows the .part
   * file, so this connection, unlike the store's, lets SQLite delete its log. */
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

  /* g_file_copy() reads it with a plain descriptor, whose closing would drop the
   * locks of our connections to it. */
  if (_rd_store_file_is_open (backup_path))
    {
      file_in_use (backup_path, error);
      return FALSE;
    }

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

  _rd_store_pragma_get (self, sql, &value, NULL);
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

  _rd_store_pragma_get (self, sql, &value, NULL);
  return value;
}
