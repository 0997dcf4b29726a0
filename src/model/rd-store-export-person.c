/* rd-store-export-person.c: everything held about one person, for a subject
 * access or data portability request (docs/store.md, "What is held about one
 * person").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-store-export-private.h"
#include "rd-store-private.h"

/* The other party on a case: their name (and authority), not their contact details. */
static void
withhold_other_party (JsonObject *kase, const char *member)
{
  JsonNode   *node = json_object_get_member (kase, member);
  JsonObject *full, *brief;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  full = json_node_get_object (node);
  brief = json_object_new ();
  json_object_set_string_member (brief, "name", json_object_get_string_member (full, "name"));
  if (json_object_has_member (full, "authority"))
    json_object_set_string_member (brief, "authority",
                                   json_object_get_string_member (full, "authority"));
  json_object_set_boolean_member (brief, "details_withheld", TRUE);
  json_object_set_object_member (kase, member, brief);
}

/* Writes one document's content as base64, in pieces, checking its SHA-256. */
static gboolean
write_document_base64 (RdStore       *self,
                       gint64         document_id,
                       GOutputStream *out,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(RdDocument) document = rd_store_get_document (self, document_id, error);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = NULL;
  g_autofree char   *encoded = NULL;
  gsize              chunk = 192 * 1024, n_encoded;
  gssize             n;
  int                state = 0, save = 0;

  if (document == NULL)
    return FALSE;
  in = rd_store_open_document (self, document_id, error);
  if (in == NULL)
    return FALSE;
  buffer = g_malloc (chunk);
  encoded = g_malloc ((chunk / 3 + 1) * 4 + 4);
  if (!_rd_export_write_text (out, "\"", cancellable, error))
    return FALSE;
  while ((n = g_input_stream_read (in, buffer, chunk, cancellable, error)) > 0)
    {
      g_checksum_update (checksum, buffer, (gsize) n);
      n_encoded = g_base64_encode_step (buffer, (gsize) n, FALSE, encoded, &state, &save);
      encoded[n_encoded] = '\0';
      if (!_rd_export_write_text (out, encoded, cancellable, error))
        return FALSE;
    }
  if (n < 0)
    return FALSE;
  n_encoded = g_base64_encode_close (FALSE, encoded, &state, &save);
  encoded[n_encoded] = '\0';
  if (!_rd_export_write_text (out, encoded, cancellable, error) ||
      !_rd_export_write_text (out, "\"", cancellable, error))
    return FALSE;
  if (strcmp (g_checksum_get_string (checksum), rd_document_get_sha256 (document)) != 0)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                   _("The document “%s” no longer matches its SHA-256: it is damaged. Restore "
                     "the store from a backup."),
                      rd_document_get_name (document));
      return FALSE;
    }
  return TRUE;
}

/*
 * Writes @text, replacing each "@token:ID" string by the content of document
 * ID in base64. The token is random per export, so nothing typed can match it.
 */
static gboolean
write_with_contents (RdStore       *self,
                     const char    *text,
                     const char    *token,
                     GOutputStream *out,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *needle = g_strdup_printf ("\"%s:", token);
  const char      *p = text;
  const char      *hit;

  while ((hit = strstr (p, needle)) != NULL)
    {
      g_autofree char *before = g_strndup (p, (gsize) (hit - p));
      const char      *id_text = hit + strlen (needle);
      char            *end = NULL;
      gint64           id = g_ascii_strtoll (id_text, &end, 10);

      if (end == NULL || *end != '"')
        {
          g_set_error_literal (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                               _("The export could not be put together."));
          return FALSE;
        }
      if (!_rd_export_write_text (out, before, cancellable, error) ||
          !write_document_base64 (self, id, out, cancellable, error))
        return FALSE;
      p = end + 1;
    }
  return _rd_export_write_text (out, p, cancellable, error);
}

static JsonNode *
person_json (RdStore *self, gint64 person_id, GError **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(RdPerson) person = rd_store_get_person (self, person_id, error);
  sqlite3_stmt *stmt;

  if (person == NULL)
    return NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, person_id);
  _rd_export_add_person (builder, person);
  stmt = _rd_store_prepare (self, "SELECT created_at FROM people WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  _rd_export_add_string (builder, "created_at",
                         sqlite3_step (stmt) == SQLITE_ROW ? _rd_column_text (stmt, 0) : NULL);
  sqlite3_reset (stmt);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The cases @person_id is on, oldest first, with the role in @out_roles (TRUE: data subject). */
static GArray *
person_case_ids (RdStore *self, gint64 person_id, GArray **out_roles, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) roles = g_array_new (FALSE, FALSE, sizeof (gboolean));
  sqlite3_stmt *stmt;
  int           rc;

  stmt = _rd_store_prepare (self,
                            "SELECT id, subject_id = ?1 FROM cases WHERE subject_id = ?1 "
                            "OR representative_id = ?1 ORDER BY received, id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64   id = sqlite3_column_int64 (stmt, 0);
      gboolean subject = sqlite3_column_int (stmt, 1) != 0;

      g_array_append_val (ids, id);
      g_array_append_val (roles, subject);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_error (self, rc, error);
      return NULL;
    }
  *out_roles = g_steal_pointer (&roles);
  return g_steal_pointer (&ids);
}

/*
 * Whether an audit entry's records ("case=12 subject=3 representative=4")
 * name @person_id (as person, subject or representative) or one of @case_ids.
 */
static gboolean
audit_concerns (const char *records, gint64 person_id, GHashTable *case_ids)
{
  g_auto(GStrv) tokens = g_strsplit (records, " ", -1);

  for (char **token = tokens; *token != NULL; token++)
    {
      const char *equals = strchr (*token, '=');
      gint64      id;
      char       *end = NULL;

      if (equals == NULL)
        continue;
      id = g_ascii_strtoll (equals + 1, &end, 10);
      if (end == equals + 1 || *end != '\0')
        continue;
      if ((g_str_has_prefix (*token, "person=") || g_str_has_prefix (*token, "subject=") ||
           g_str_has_prefix (*token, "representative=")) &&
          id == person_id)
        return TRUE;
      if (g_str_has_prefix (*token, "case=") && g_hash_table_contains (case_ids, &id))
        return TRUE;
    }
  return FALSE;
}

/* Adds the audit entries about @person_id or the cases @ids, oldest first, as an array. */
static gboolean
add_person_audit (RdStore *self, JsonBuilder *builder, gint64 person_id, GArray *ids, GError **error)
{
  g_autoptr(GHashTable) case_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 after_id = 0;

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (case_ids, &g_array_index (ids, gint64, i));
  json_builder_set_member_name (builder, "audit");
  json_builder_begin_array (builder);
  for (;;)
    {
      g_autoptr(GPtrArray) entries = rd_store_list_audit_entries (self, after_id,
                                                                   RD_EXPORT_AUDIT_PAGE, error);

      if (entries == NULL)
        return FALSE;
      if (entries->len == 0)
        break;
      for (guint i = 0; i < entries->len; i++)
        {
          const RdAuditEntry *entry = g_ptr_array_index (entries, i);

          if (audit_concerns (entry->records, person_id, case_ids))
            json_builder_add_value (builder, _rd_export_audit_entry_json (entry));
          after_id = entry->id;
        }
    }
  json_builder_end_array (builder);
  return TRUE;
}

static gboolean
audit_person_export (RdStore *self, gint64 person_id, RdStoreExportFlags flags, GError **error)
{
  g_autoptr(RdPerson) person = NULL;
  g_autofree char *records = NULL;

  if (!_rd_store_begin (self, error))
    return FALSE;
  person = rd_store_get_person (self, person_id, error);
  if (person == NULL)
    goto fail;
  records = g_strdup_printf ("person=%" G_GINT64_FORMAT " content=%s", person_id,
                             (flags & RD_STORE_EXPORT_DOCUMENT_CONTENT) ? "yes" : "no");
  if (!_rd_store_audit (self, "person.export", records, error))
    goto fail;
  return _rd_store_commit (self, error);

fail:
  _rd_store_rollback (self);
  return FALSE;
}

gboolean
rd_store_export_person_json (RdStore           *self,
                             gint64             person_id,
                             RdStoreExportFlags flags,
                             GOutputStream     *out,
                             const GDate       *today,
                             GCancellable      *cancellable,
                             GError           **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) person = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) roles = NULL;
  g_autofree char *now = _rd_store_now ();
  g_autofree char *token = NULL;
  g_autofree char *text = NULL;
  GDate            local_today;
  gboolean         ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (today == NULL || !g_date_valid (today))
    {
      _rd_store_get_today (self, &local_today);
      today = &local_today;
    }
  if (!_rd_store_check_open (self, error))
    return FALSE;
  /* On record before anything is written, so an export cut short is on record too. */
  if (!audit_person_export (self, person_id, flags, error))
    return FALSE;

  /* One read transaction: the export is one consistent state. */
  if (!_rd_store_exec (self, "BEGIN", error))
    return FALSE;
  person = person_json (self, person_id, error);
  if (person == NULL)
    goto fail;
  ids = person_case_ids (self, person_id, &roles, error);
  if (ids == NULL)
    goto fail;
  {
    g_autofree char *uuid = g_uuid_string_random ();
    token = g_strdup_printf ("@redress-content-%s", uuid);
  }

  json_builder_begin_object (builder);
  _rd_export_add_string (builder, "format", "redress-person-export");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  _rd_export_add_string (builder, "exported_at", now);
  _rd_export_add_date (builder, "today", today);
  json_builder_set_member_name (builder, "council");
  json_builder_begin_object (builder);
  {
    const char *keys[] = { RD_SETTING_NAME, RD_SETTING_ADDRESS, RD_SETTING_EMAIL, RD_SETTING_DPO };

    for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autofree char *value = rd_store_get_setting (self, keys[i]);
        _rd_export_add_string (builder, keys[i], value);
      }
  }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "person");
  json_builder_add_value (builder, g_steal_pointer (&person));
  json_builder_set_member_name (builder, "cases");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      gboolean    subject = g_array_index (roles, gboolean, i);
      JsonObject *kase;
      JsonArray  *documents;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      node = _rd_store_case_json (self, g_array_index (ids, gint64, i), today, error);
      if (node == NULL)
        goto fail;
      kase = json_node_get_object (node);
      json_object_set_string_member (kase, "role", subject ? "data-subject" : "representative");
      withhold_other_party (kase, subject ? "representative" : "complainant");
      documents = json_object_get_array_member (kase, "documents");
      for (guint d = 0; d < json_array_get_length (documents); d++)
        {
          JsonObject      *document = json_array_get_object_element (documents, d);
          g_autofree char *placeholder = NULL;

          if (!(flags & RD_STORE_EXPORT_DOCUMENT_CONTENT))
            continue;
          placeholder = g_strdup_printf ("%s:%" G_GINT64_FORMAT, token,
                                         json_object_get_int_member (document, "id"));
          json_object_set_string_member (document, "content_base64", placeholder);
        }
      json_builder_add_value (builder, g_steal_pointer (&node));
    }
  json_builder_end_array (builder);
  if (!add_person_audit (self, builder, person_id, ids, error))
    goto fail;
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  if (flags & RD_STORE_EXPORT_DOCUMENT_CONTENT)
    ok = write_with_contents (self, text, token, out, cancellable, error);
  else
    ok = _rd_export_write_text (out, text, cancellable, error);
  if (!ok || !_rd_export_write_text (out, "\n", cancellable, error))
    goto fail;
  _rd_store_exec (self, "COMMIT", NULL);
  return TRUE;

fail:
  _rd_store_exec (self, "ROLLBACK", NULL);
  return FALSE;
}
