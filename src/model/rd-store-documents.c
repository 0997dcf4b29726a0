/* rd-store-documents.c: attachments as blobs, written and read in pieces.
 *
 * A document's content lives in document_content, one row per document.
 * It is written through sqlite3_blob into a zero-filled blob of the right
 * size, and read back through a seekable GInputStream over sqlite3_blob, so
 * that a 200 MB scan never needs 200 MB of memory, let alone twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-store-private.h"

#define CHUNK_SIZE (256 * 1024)

/* RdBlobInputStream: a seekable input stream over one blob. */

#define RD_TYPE_BLOB_INPUT_STREAM (rd_blob_input_stream_get_type ())
G_DECLARE_FINAL_TYPE (RdBlobInputStream, rd_blob_input_stream, RD, BLOB_INPUT_STREAM, GInputStream)

struct _RdBlobInputStream
{
  GInputStream parent_instance;

  RdStore      *store; /* owned: keeps the connection open */
  sqlite3_blob *blob;  /* owned */
  goffset       size;
  goffset       offset;
};

static void rd_blob_input_stream_seekable_init (GSeekableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdBlobInputStream,
                               rd_blob_input_stream,
                               G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SEEKABLE,
                                                      rd_blob_input_stream_seekable_init))

static gssize
rd_blob_input_stream_read (GInputStream *stream,
                           void         *buffer,
                           gsize         count,
                           GCancellable *cancellable,
                           GError      **error)
{
  RdBlobInputStream *self = RD_BLOB_INPUT_STREAM (stream);
  gsize              n;
  int                rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  n = (gsize) MIN ((goffset) count, MAX (self->size - self->offset, 0));
  n = MIN (n, (gsize) G_MAXINT);
  if (n == 0)
    return 0;
  rc = sqlite3_blob_read (self->blob, buffer, (int) n, (int) self->offset);
  if (rc != SQLITE_OK)
    {
      if (rc == SQLITE_ABORT)
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                     _("The document was removed while it was being read."));
      else
        _rd_store_set_error (NULL, rc, error);
      return -1;
    }
  self->offset += (goffset) n;
  return (gssize) n;
}

static void
close_blob (RdBlobInputStream *self)
{
  if (self->blob == NULL)
    return;
  g_clear_pointer (&self->blob, sqlite3_blob_close);
  _rd_store_blob_closed (self->store);
}

static gboolean
rd_blob_input_stream_close (GInputStream *stream, GCancellable *cancellable, GError **error)
{
  close_blob (RD_BLOB_INPUT_STREAM (stream));
  return TRUE;
}

static void
rd_blob_input_stream_finalize (GObject *object)
{
  RdBlobInputStream *self = RD_BLOB_INPUT_STREAM (object);

  close_blob (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_blob_input_stream_parent_class)->finalize (object);
}

static goffset
rd_blob_input_stream_tell (GSeekable *seekable)
{
  return RD_BLOB_INPUT_STREAM (seekable)->offset;
}

static gboolean
rd_blob_input_stream_can_seek (GSeekable *seekable)
{
  return TRUE;
}

static gboolean
rd_blob_input_stream_seek (GSeekable    *seekable,
                           goffset       offset,
                           GSeekType     type,
                           GCancellable *cancellable,
                           GError      **error)
{
  RdBlobInputStream *self = RD_BLOB_INPUT_STREAM (seekable);
  goffset            target;

  switch (type)
    {
      case G_SEEK_CUR:
        target = self->offset + offset;
        break;
      case G_SEEK_END:
        target = self->size + offset;
        break;
      case G_SEEK_SET:
      default:
        target = offset;
    }
  if (target < 0 || target > self->size)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Cannot move outside the document."));
      return FALSE;
    }
  self->offset = target;
  return TRUE;
}

static gboolean
rd_blob_input_stream_can_truncate (GSeekable *seekable)
{
  return FALSE;
}

static gboolean
rd_blob_input_stream_truncate (GSeekable    *seekable,
                               goffset       offset,
                               GCancellable *cancellable,
                               GError      **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("A document in the store cannot be changed."));
  return FALSE;
}

static void
rd_blob_input_stream_seekable_init (GSeekableIface *iface)
{
  iface->tell = rd_blob_input_stream_tell;
  iface->can_seek = rd_blob_input_stream_can_seek;
  iface->seek = rd_blob_input_stream_seek;
  iface->can_truncate = rd_blob_input_stream_can_truncate;
  iface->truncate_fn = rd_blob_input_stream_truncate;
}

static void
rd_blob_input_stream_class_init (RdBlobInputStreamClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = rd_blob_input_stream_finalize;
  stream_class->read_fn = rd_blob_input_stream_read;
  stream_class->close_fn = rd_blob_input_stream_close;
}

static void
rd_blob_input_stream_init (RdBlobInputStream *self)
{
}

/* Helpers */

static guint64
document_limit (RdStore *self)
{
  int mb = rd_store_get_setting_int (self, RD_SETTING_DOCUMENT_LIMIT);

  /* MB as g_format_size() shows it in the message: 1,000,000 bytes. */
  return (guint64) (mb > 0 ? mb : 256) * 1000 * 1000;
}

static RdDocument *
document_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (_rd_column_text (stmt, 8), NULL);

  /* id, case_id, name, media_type, kind, size, sha256, added_by, added_at */
  return _rd_document_new (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                           _rd_column_text (stmt, 2), _rd_column_text (stmt, 3),
                           _rd_column_text (stmt, 4), sqlite3_column_int64 (stmt, 5),
                           _rd_column_text (stmt, 6), at, _rd_column_text (stmt, 7));
}

#define DOCUMENT_COLUMNS "id, case_id, name, media_type, kind, size, sha256, added_by, added_at"

static sqlite3_blob *
open_blob (RdStore *self, gint64 document_id, int writable, GError **error)
{
  sqlite3_blob *blob = NULL;
  int           rc;

  rc = sqlite3_blob_open (self->db, "main", "document_content", "content", document_id, writable,
                          &blob);
  if (rc != SQLITE_OK)
    {
      if (rc == SQLITE_ERROR)
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                     _("There is no such document in the store; it may have been destroyed."));
      else
        _rd_store_set_error (self, rc, error);
      sqlite3_blob_close (blob);
      return NULL;
    }
  return blob;
}

/* Internal API */

gint64
_rd_store_insert_document (RdStore      *self,
                           gint64        case_id,
                           const char   *name,
                           const char   *media_type,
                           const char   *kind,
                           GInputStream *content,
                           goffset       size,
                           const char   *now,
                           GCancellable *cancellable,
                           GError      **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char   *records = NULL;
  g_autofree guint8 *buffer = NULL;
  g_autofree char   *base = NULL;
  sqlite3_blob      *blob;
  sqlite3_stmt      *stmt;
  goffset            written = 0;
  gint64             id;
  guint64            limit = document_limit (self);

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The document needs a file name."));
      return 0;
    }
  base = g_path_get_basename (name);
  if (!rd_document_kind_is_valid (kind))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of document; use evidence, consent, identity, "
                     "correspondence, letter or bundle."),
                      kind != NULL ? kind : "");
      return 0;
    }
  if (size < 0 || (guint64) size > limit)
    {
      /* Both in MB (1,000,000 bytes) with the exact byte count: "1.0 MB (1,048,577 bytes)". */
      g_autofree char *have = g_format_size_full ((guint64) MAX (size, 0),
                                                  G_FORMAT_SIZE_LONG_FORMAT);
      g_autofree char *allowed = g_format_size_full (limit, G_FORMAT_SIZE_LONG_FORMAT);

      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_TOO_LARGE,
                   _("“%s” is %s, more than the %s the council allows for one document. Attach "
                     "a smaller copy (a lower-resolution scan, say), or raise the limit in the "
                     "council settings."),
                      base, have, allowed);
      return 0;
    }
  if (!_rd_store_check_not_restricted (self, case_id, error))
    return 0;

  stmt = _rd_store_prepare (self,
                            "INSERT INTO documents (case_id, name, media_type, kind, size, sha256, "
                            "added_at, added_by) VALUES (?, ?, ?, ?, ?, '', ?, ?)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);
  _rd_bind_text (stmt, 2, base);
  _rd_bind_text (stmt, 3, media_type != NULL ? media_type : "application/octet-stream");
  _rd_bind_text (stmt, 4, kind);
  sqlite3_bind_int64 (stmt, 5, size);
  _rd_bind_text (stmt, 6, now);
  _rd_bind_text (stmt, 7, self->actor);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_extended_errcode (self->db);

      sqlite3_reset (stmt);
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                     _("There is no such case in the store; it may have been destroyed."));
      else
        _rd_store_set_error (self, rc, error);
      return 0;
    }
  sqlite3_reset (stmt);
  id = sqlite3_last_insert_rowid (self->db);

  stmt = _rd_store_prepare (self,
                            "INSERT INTO document_content (document_id, content) "
                            "VALUES (?, zeroblob (?))",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, size);
  if (!_rd_store_step_done (self, stmt, error))
    return 0;

  blob = open_blob (self, id, 1, error);
  if (blob == NULL)
    return 0;
  buffer = g_malloc (CHUNK_SIZE);
  while (written < size)
    {
      gsize want = (gsize) MIN ((goffset) CHUNK_SIZE, size - written);
      gsize got = 0;
      int   rc;

      if (!g_input_stream_read_all (content, buffer, want, &got, cancellable, error))
        {
          sqlite3_blob_close (blob);
          return 0;
        }
      if (got < want)
        {
          sqlite3_blob_close (blob);
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                       _("“%s” ended before its expected size; it may have changed while it was "
                         "being attached. Try again."),
                          base);
          return 0;
        }
      rc = sqlite3_blob_write (blob, buffer, (int) got, (int) written);
      if (rc != SQLITE_OK)
        {
          sqlite3_blob_close (blob);
          _rd_store_set_error (self, rc, error);
          return 0;
        }
      g_checksum_update (checksum, buffer, got);
      written += (goffset) got;
    }
  {
    int rc = sqlite3_blob_close (blob);

    if (rc != SQLITE_OK)
      {
        _rd_store_set_error (self, rc, error);
        return 0;
      }
  }

  stmt = _rd_store_prepare (self, "UPDATE documents SET sha256 = ? WHERE id = ?", error);
  if (stmt == NULL)
    return 0;
  _rd_bind_text (stmt, 1, g_checksum_get_string (checksum));
  sqlite3_bind_int64 (stmt, 2, id);
  if (!_rd_store_step_done (self, stmt, error))
    return 0;

  records = g_strdup_printf ("case=%" G_GINT64_FORMAT " document=%" G_GINT64_FORMAT, case_id, id);
  if (!_rd_store_audit (self, "document.add", records, error))
    return 0;
  _rd_store_note_change (self, RD_STORE_CHANGE_DOCUMENTS, case_id);
  return id;
}

static gboolean
hash_blob (RdStore *self, gint64 id, goffset size, char **out_hash, GError **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  sqlite3_blob      *blob = open_blob (self, id, 0, error);
  goffset            offset = 0;
  goffset            length;

  if (blob == NULL)
    return FALSE;
  length = sqlite3_blob_bytes (blob);
  if (length != size)
    {
      sqlite3_blob_close (blob);
      *out_hash = g_strdup ("");
      return TRUE;
    }
  while (offset < length)
    {
      int n = (int) MIN ((goffset) CHUNK_SIZE, length - offset);
      int rc = sqlite3_blob_read (blob, buffer, n, (int) offset);

      if (rc != SQLITE_OK)
        {
          sqlite3_blob_close (blob);
          _rd_store_set_error (self, rc, error);
          return FALSE;
        }
      g_checksum_update (checksum, buffer, (gsize) n);
      offset += n;
    }
  sqlite3_blob_close (blob);
  *out_hash = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

gboolean
_rd_store_verify_documents (RdStore *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int           rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT d.id, d.size, d.sha256, d.name, c.ref FROM documents d "
                           "JOIN cases c ON c.id = d.case_id ORDER BY d.id",
                           -1, &stmt, NULL);
  for (rc = rc == SQLITE_OK ? sqlite3_step (stmt) : rc; rc == SQLITE_ROW; rc = sqlite3_step (stmt))
    {
      g_autofree char *hash = NULL;

      if (!hash_blob (self, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), &hash,
                      error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      if (strcmp (hash, _rd_column_text (stmt, 2)) != 0)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                       _("Document %lld of case %s no longer matches its SHA-256: it is "
                         "damaged. Restore the store from a backup."),
                          (long long) sqlite3_column_int64 (stmt, 0), _rd_column_text (stmt, 4));
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
  return TRUE;
}

/* Public API */

gint64
rd_store_add_document (RdStore      *self,
                       gint64        case_id,
                       const char   *name,
                       const char   *media_type,
                       const char   *kind,
                       GInputStream *content,
                       goffset       size,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autofree char *now = _rd_store_now ();
  gint64           id;

  g_return_val_if_fail (RD_IS_STORE (self), 0);
  g_return_val_if_fail (G_IS_INPUT_STREAM (content), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_rd_store_begin (self, error))
    return 0;
  id = _rd_store_insert_document (self, case_id, name, media_type, kind, content, size, now,
                                  cancellable, error);
  if (id == 0)
    {
      _rd_store_rollback (self);
      return 0;
    }
  if (!_rd_store_commit (self, error))
    return 0;
  return id;
}

gint64
rd_store_add_document_from_file (RdStore      *self,
                                 gint64        case_id,
                                 GFile        *file,
                                 const char   *kind,
                                 GCancellable *cancellable,
                                 GError      **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *media_type = NULL;
  const char      *content_type;

  g_return_val_if_fail (RD_IS_STORE (self), 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE
                            "," G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE
                            "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME
                            "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_autofree char *shown = g_file_get_parse_name (file);

      g_set_error (error, RD_STORE_ERROR,
                   local_error != NULL &&
                           g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                       ? RD_STORE_ERROR_NOT_FOUND
                       : RD_STORE_ERROR_FAILED,
                   _("“%s” could not be attached: %s"), shown,
                      local_error != NULL ? local_error->message : _("it is not a regular file."));
      return 0;
    }
  /* Reading a store this process has open through a plain descriptor would drop our
   * connections' locks on it when closed (rd-store.c); and a store is no attachment. */
  if (g_file_peek_path (file) != NULL && _rd_store_file_is_open (g_file_peek_path (file)))
    {
      g_autofree char *shown = g_file_get_parse_name (file);

      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” could not be attached: it is a store Redress has open."), shown);
      return 0;
    }
  content_type = g_file_info_get_content_type (info);
  if (content_type != NULL)
    media_type = g_content_type_get_mime_type (content_type);

  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL)
    {
      g_autofree char *shown = g_file_get_parse_name (file);

      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                   _("“%s” could not be read: %s"), shown, local_error->message);
      return 0;
    }
  {
    g_autofree char *name = g_file_get_basename (file);

    return rd_store_add_document (self, case_id, name, media_type, kind, G_INPUT_STREAM (in),
                                  g_file_info_get_size (info), cancellable, error);
  }
}

gint64
rd_store_add_document_from_bytes (RdStore    *self,
                                  gint64      case_id,
                                  const char *name,
                                  const char *media_type,
                                  const char *kind,
                                  GBytes     *content,
                                  GError    **error)
{
  g_autoptr(GInputStream) in = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), 0);
  g_return_val_if_fail (content != NULL, 0);

  in = g_memory_input_stream_new_from_bytes (content);
  return rd_store_add_document (self, case_id, name, media_type, kind, in,
                                (goffset) g_bytes_get_size (content), NULL, error);
}

RdDocument *
rd_store_get_document (RdStore *self, gint64 document_id, GError **error)
{
  sqlite3_stmt *stmt;
  RdDocument   *document = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rd_store_prepare (self, "SELECT " DOCUMENT_COLUMNS " FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    document = document_from_row (stmt);
  sqlite3_reset (stmt);
  if (document == NULL)
    g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                 _("There is no such document in the store; it may have been destroyed."));
  return document;
}

RdDocument *
rd_store_find_document (RdStore *self, gint64 case_id, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  RdDocument   *document = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rd_store_prepare (self,
                            "SELECT " DOCUMENT_COLUMNS " FROM documents WHERE case_id = ? "
                            "AND name = ? ORDER BY id DESC LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  _rd_bind_text (stmt, 2, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    document = document_from_row (stmt);
  sqlite3_reset (stmt);
  if (document == NULL)
    g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                 _("The case has no document called “%s”."), name);
  return document;
}

GPtrArray *
rd_store_list_documents (RdStore *self, gint64 case_id, GError **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rd_store_prepare (self,
                            "SELECT " DOCUMENT_COLUMNS " FROM documents WHERE case_id = ? "
                            "ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (documents, document_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&documents);
}

GInputStream *
rd_store_open_document (RdStore *self, gint64 document_id, GError **error)
{
  RdBlobInputStream *stream;
  sqlite3_blob      *blob;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_rd_store_check_open (self, error))
    return NULL;
  blob = open_blob (self, document_id, 0, error);
  if (blob == NULL)
    return NULL;
  stream = g_object_new (RD_TYPE_BLOB_INPUT_STREAM, NULL);
  stream->store = g_object_ref (self);
  stream->blob = blob;
  self->open_blobs++;
  stream->size = sqlite3_blob_bytes (blob);
  return G_INPUT_STREAM (stream);
}

GBytes *
rd_store_load_document (RdStore *self, gint64 document_id, GError **error)
{
  g_autoptr(GInputStream) in = NULL;
  guint8 *data;
  gsize   size, got = 0;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  in = rd_store_open_document (self, document_id, error);
  if (in == NULL)
    return NULL;
  size = (gsize) RD_BLOB_INPUT_STREAM (in)->size;
  data = g_malloc (MAX (size, 1));
  if (!g_input_stream_read_all (in, data, size, &got, NULL, error))
    {
      g_free (data);
      return NULL;
    }
  g_input_stream_close (in, NULL, NULL);
  return g_bytes_new_take (data, got);
}

gboolean
rd_store_save_document (RdStore      *self,
                        gint64        document_id,
                        GFile        *dest,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_autoptr(RdDocument) document = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = NULL;
  gssize             n;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  document = rd_store_get_document (self, document_id, error);
  if (document == NULL)
    return FALSE;
  in = rd_store_open_document (self, document_id, error);
  if (in == NULL)
    return FALSE;
  /* Never over a store this process has open (rd-store.c). */
  if (g_file_peek_path (dest) != NULL && _rd_store_file_is_open (g_file_peek_path (dest)))
    {
      g_autofree char *shown = g_file_get_parse_name (dest);

      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The document could not be saved as “%s”: it is a store Redress has open. "
                     "Choose another name."),
                      shown);
      return FALSE;
    }
  /* Personal data: the copy is private to its owner, like the store. */
  out = g_file_replace (dest, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, &local_error);
  if (out == NULL)
    {
      g_autofree char *shown = g_file_get_parse_name (dest);

      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                   _("The document could not be saved as “%s”: %s"), shown, local_error->message);
      return FALSE;
    }

  buffer = g_malloc (CHUNK_SIZE);
  while ((n = g_input_stream_read (in, buffer, CHUNK_SIZE, cancellable, error)) > 0)
    {
      g_checksum_update (checksum, buffer, (gsize) n);
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buffer, (gsize) n, NULL, cancellable,
                                      &local_error))
        {
          g_autofree char *shown = g_file_get_parse_name (dest);

          g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
          g_file_delete (dest, NULL, NULL);
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                       _("The document could not be saved as “%s”: %s"), shown,
                          local_error->message);
          return FALSE;
        }
    }
  if (n < 0)
    {
      g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
      g_file_delete (dest, NULL, NULL);
      return FALSE;
    }
  if (strcmp (g_checksum_get_string (checksum), rd_document_get_sha256 (document)) != 0)
    {
      g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
      g_file_delete (dest, NULL, NULL);
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                   _("The document “%s” no longer matches its SHA-256: it is damaged. Restore "
                     "the store from a backup."),
                      rd_document_get_name (document));
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &local_error))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                   _("The document could not be saved: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}
