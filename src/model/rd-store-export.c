/* rd-store-export.c: the case as JSON, exports of everything (JSON with the
 * audit trail, CSV, the audit trail as CSV), and the CSV import for councils
 * moving from a spreadsheet. What is held about one person is in
 * rd-store-export-person.c.
 *
 * Dates are ISO 8601 everywhere. docs/store.md documents the JSON shape and
 * the CSV columns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-store-export-private.h"
#include "rd-store-private.h"

/* The CSV columns, in the order exported. Import reads them by header name. */
typedef enum
{
  COL_REF,
  COL_RECEIVED,
  COL_NAME,
  COL_ADDRESS,
  COL_POSTCODE,
  COL_EMAIL,
  COL_PHONE,
  COL_PREFERRED_CHANNEL,
  COL_LANGUAGE,
  COL_LARGE_PRINT,
  COL_CHANNEL,
  COL_SUMMARY,
  COL_ABOUT,
  COL_REPRESENTATIVE,
  COL_AUTHORITY,
  COL_ACKNOWLEDGED,
  COL_IDENTITY_REQUESTED,
  COL_IDENTITY_VERIFIED,
  COL_CONSENT_RECEIVED,
  COL_OUTCOME_SENT,
  COL_OUTCOME,
  COL_CLOSED,
  COL_STATUS,       /* export only: ignored on import */
  COL_NEXT_DUE,     /* export only */
  COL_RETAIN_UNTIL, /* export only */
  N_COLUMNS
} Column;

static const char *const column_names[N_COLUMNS] = {
  "ref",
  "received",
  "name",
  "address",
  "postcode",
  "email",
  "phone",
  "preferred_channel",
  "language",
  "large_print",
  "channel",
  "summary",
  "about",
  "representative",
  "authority",
  "acknowledged",
  "identity_requested",
  "identity_verified",
  "consent_received",
  "outcome_sent",
  "outcome",
  "closed",
  "status",
  "next_due",
  "retain_until",
};

/* Helpers: JSON */

void
_rd_export_add_date (JsonBuilder *builder, const char *name, const GDate *date)
{
  g_autofree char *iso = _rd_date_iso (date);

  json_builder_set_member_name (builder, name);
  if (iso != NULL)
    json_builder_add_string_value (builder, iso);
  else
    json_builder_add_null_value (builder);
}

void
_rd_export_add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
_rd_export_add_person (JsonBuilder *builder, RdPerson *person)
{
  _rd_export_add_string (builder, "name", rd_person_get_name (person));
  _rd_export_add_string (builder, "address", rd_person_get_address (person));
  _rd_export_add_string (builder, "postcode", rd_person_get_postcode (person));
  _rd_export_add_string (builder, "email", rd_person_get_email (person));
  _rd_export_add_string (builder, "phone", rd_person_get_phone (person));
  _rd_export_add_string (builder, "channel", rd_person_get_channel (person));
  _rd_export_add_string (builder, "language", rd_person_get_language (person));
  json_builder_set_member_name (builder, "large_print");
  json_builder_add_boolean_value (builder, rd_person_get_large_print (person));
  json_builder_set_member_name (builder, "restricted");
  json_builder_add_boolean_value (builder, rd_person_get_restricted (person));
}

/* The three states of the issue's JSON (the rules' finer state is "phase"). */
static const char *
simple_state (const RdDeadline *deadline)
{
  switch (deadline->state)
    {
      case RD_DEADLINE_MET:
        return "met";
      case RD_DEADLINE_MISSED:
        return "missed";
      case RD_DEADLINE_LAPSED:
        return "lapsed";
      case RD_DEADLINE_OPEN:
      case RD_DEADLINE_WAITING:
      case RD_DEADLINE_PAUSED:
      default:
        return "open";
    }
}

static void
add_deadline (JsonBuilder *builder, const char *name, const RdDeadline *deadline)
{
  g_autofree char *working = rd_deadline_describe_working (deadline);

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  _rd_export_add_date (builder, "due", &deadline->due);
  _rd_export_add_string (builder, "state", simple_state (deadline));
  _rd_export_add_string (builder, "phase", rd_deadline_state_to_id (deadline->state));
  if (g_date_valid (&deadline->met_on))
    _rd_export_add_date (builder, "met_on", &deadline->met_on);
  switch (deadline->kind)
    {
      case RD_DEADLINE_ACKNOWLEDGE:
        _rd_export_add_date (builder, "statutory_due", &deadline->statutory_due);
        break;
      case RD_DEADLINE_RESPOND:
        json_builder_set_member_name (builder, "extended");
        json_builder_add_boolean_value (builder, deadline->extended);
        if (deadline->extended)
          {
            _rd_export_add_date (builder, "original_due", &deadline->original_due);
            _rd_export_add_date (builder, "extension_notified_on",
                                 &deadline->extension_notified_on);
            json_builder_set_member_name (builder, "extension_notified_late");
            json_builder_add_boolean_value (builder, deadline->extension_notified_late);
          }
        break;
      case RD_DEADLINE_REVIEW_WINDOW:
        json_builder_set_member_name (builder, "late_request");
        json_builder_add_boolean_value (builder, deadline->late_request);
        break;
      default:
        break;
    }
  json_builder_set_member_name (builder, "incomplete_holiday_data");
  json_builder_add_boolean_value (builder, deadline->working.incomplete_holiday_data);
  _rd_export_add_string (builder, "working", working);
  json_builder_end_object (builder);
}

JsonNode *
_rd_store_case_json (RdStore *self, gint64 case_id, const GDate *today, GError **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(RdCaseState) state = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  static const struct
  {
    RdDeadlineKind kind;
    const char    *name;
  } deadlines[] = {
    { RD_DEADLINE_ACKNOWLEDGE, "acknowledge" },
    { RD_DEADLINE_RESPOND, "respond" },
    { RD_DEADLINE_REVIEW_WINDOW, "review_window" },
    { RD_DEADLINE_REVIEW_RESPOND, "review_respond" },
    { RD_DEADLINE_ICO, "ico" },
  };
  const RdDeadline *retain;
  GDate             state_today, next_due;
  RdPerson         *representative;

  kase = rd_store_get_case (self, case_id, error);
  if (kase == NULL)
    return NULL;
  state = rd_store_get_case_state (self, case_id, today, error);
  if (state == NULL)
    return NULL;
  events = rd_store_list_events (self, case_id, error);
  if (events == NULL)
    return NULL;
  documents = rd_store_list_documents (self, case_id, error);
  if (documents == NULL)
    return NULL;
  rd_case_state_get_today (state, &state_today);

  json_builder_begin_object (builder);
  _rd_export_add_string (builder, "ref", rd_case_get_reference (kase));
  _rd_export_add_string (builder, "status", rd_status_to_id (rd_case_state_get_status (state)));
  _rd_export_add_date (builder, "received", rd_case_get_received (kase));
  _rd_export_add_string (builder, "channel", rd_case_get_channel (kase));
  _rd_export_add_string (builder, "summary", rd_case_get_summary (kase));
  _rd_export_add_string (builder, "about", rd_case_get_about (kase));

  json_builder_set_member_name (builder, "complainant");
  json_builder_begin_object (builder);
  _rd_export_add_person (builder, rd_case_get_subject (kase));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "representative");
  representative = rd_case_get_representative (kase);
  if (representative != NULL)
    {
      json_builder_begin_object (builder);
      _rd_export_add_person (builder, representative);
      _rd_export_add_string (builder, "authority", rd_case_get_authority (kase));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < events->len; i++)
    {
      RdCaseEvent *event = g_ptr_array_index (events, i);
      g_autoptr(JsonNode) details = json_node_new (JSON_NODE_OBJECT);
      GDateTime *at = rd_case_event_get_recorded_at (event);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, rd_case_event_get_id (event));
      _rd_export_add_string (builder, "kind", rd_case_event_get_kind (event));
      _rd_export_add_date (builder, "on", rd_case_event_get_date (event));
      _rd_export_add_string (builder, "note", rd_case_event_get_note (event));
      _rd_export_add_string (builder, "recorded_by", rd_case_event_get_recorded_by (event));
      json_builder_set_member_name (builder, "recorded_at");
      if (at != NULL)
        {
          g_autofree char *iso = g_date_time_format_iso8601 (at);
          json_builder_add_string_value (builder, iso);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "details");
      json_node_set_object (details, rd_case_event_get_details (event));
      json_builder_add_value (builder, g_steal_pointer (&details));
      json_builder_set_member_name (builder, "document");
      if (rd_case_event_get_document_id (event) != 0)
        json_builder_add_int_value (builder, rd_case_event_get_document_id (event));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "deadlines");
  json_builder_begin_object (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (deadlines); i++)
    {
      const RdDeadline *deadline = rd_case_state_get_deadline (state, deadlines[i].kind);

      if (deadline != NULL)
        add_deadline (builder, deadlines[i].name, deadline);
    }
  json_builder_end_object (builder);

  if (!rd_case_state_get_next_due (state, &next_due, NULL))
    g_date_clear (&next_due, 1);
  _rd_export_add_date (builder, "next_due", &next_due);
  retain = rd_case_state_get_deadline (state, RD_DEADLINE_RETAIN);
  _rd_export_add_date (builder, "retain_until", retain != NULL ? &retain->due : NULL);
  _rd_export_add_date (builder, "today", &state_today);
  json_builder_set_member_name (builder, "incomplete_holiday_data");
  json_builder_add_boolean_value (builder, rd_case_state_get_incomplete_holiday_data (state));

  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < documents->len; i++)
    {
      RdDocument      *document = g_ptr_array_index (documents, i);
      g_autofree char *added = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, rd_document_get_id (document));
      _rd_export_add_string (builder, "name", rd_document_get_name (document));
      _rd_export_add_string (builder, "media_type", rd_document_get_media_type (document));
      _rd_export_add_string (builder, "kind", rd_document_get_kind (document));
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, rd_document_get_size (document));
      _rd_export_add_string (builder, "sha256", rd_document_get_sha256 (document));
      if (rd_document_get_added_at (document) != NULL)
        added = g_date_time_format_iso8601 (rd_document_get_added_at (document));
      _rd_export_add_string (builder, "added_at", added);
      _rd_export_add_string (builder, "added_by", rd_document_get_added_by (document));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
rd_store_case_to_json (RdStore *self, gint64 case_id, const GDate *today, GError **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _rd_store_case_json (self, case_id, today, error);
}

gboolean
_rd_export_write_text (GOutputStream *out,
                       const char    *text,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_output_stream_write_all (out, text, strlen (text), NULL, cancellable, &local_error))
    return TRUE;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_DISK_FULL,
                 _("There is no room left on the disk for the export (%s)."),
                    local_error->message);
  else
    g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                 _("The export could not be written (%s)."), local_error->message);
  return FALSE;
}

/* One audit entry as a JSON object: every column of the audit table, in its order. */
JsonNode *
_rd_export_audit_entry_json (const RdAuditEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, entry->id);
  _rd_export_add_string (builder, "at", entry->at);
  _rd_export_add_string (builder, "who", entry->who);
  _rd_export_add_string (builder, "action", entry->action);
  _rd_export_add_string (builder, "records", entry->records);
  _rd_export_add_string (builder, "prev_hash", entry->prev_hash);
  _rd_export_add_string (builder, "hash", entry->hash);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Writes every audit entry, oldest first, as the elements of a JSON array. */
static gboolean
write_audit_json (RdStore *self, GOutputStream *out, GCancellable *cancellable, GError **error)
{
  gint64   after_id = 0;
  gboolean first = TRUE;

  for (;;)
    {
      g_autoptr(GPtrArray) entries = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      entries = rd_store_list_audit_entries (self, after_id, RD_EXPORT_AUDIT_PAGE, error);
      if (entries == NULL)
        return FALSE;
      if (entries->len == 0)
        return TRUE;
      for (guint i = 0; i < entries->len; i++)
        {
          const RdAuditEntry *entry = g_ptr_array_index (entries, i);
          g_autoptr(JsonNode) node = _rd_export_audit_entry_json (entry);
          g_autofree char *text = json_to_string (node, FALSE);

          if (!_rd_export_write_text (out, first ? "\n    " : ",\n    ", cancellable, error) ||
              !_rd_export_write_text (out, text, cancellable, error))
            return FALSE;
          first = FALSE;
          after_id = entry->id;
        }
    }
}

gboolean
rd_store_export_json (RdStore       *self,
                      GOutputStream *out,
                      const GDate   *today,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) head = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GBytes) logo = NULL;
  g_autofree char *now = _rd_store_now ();
  g_autofree char *head_text = NULL;
  gboolean         holidays_from_store = FALSE;
  g_autoptr(GBytes) holidays = NULL;
  GDate local_today;

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
  /* One read transaction: the export is one consistent state. */
  if (!_rd_store_exec (self, "BEGIN", error))
    return FALSE;

  ids = rd_store_list_case_ids (self, error);
  if (ids == NULL)
    goto fail;
  holidays = rd_store_get_holidays_json (self, &holidays_from_store);
  logo = rd_store_get_logo (self);

  json_builder_begin_object (builder);
  _rd_export_add_string (builder, "format", "redress-export");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "schema_version");
  json_builder_add_int_value (builder, RD_STORE_SCHEMA_VERSION);
  _rd_export_add_string (builder, "exported_at", now);
  _rd_export_add_date (builder, "today", today);
  json_builder_set_member_name (builder, "council");
  json_builder_begin_object (builder);
  for (const char *const *key = rd_store_list_setting_keys (); *key != NULL; key++)
    {
      g_autofree char *value = rd_store_get_setting (self, *key);
      _rd_export_add_string (builder, *key, value);
    }
  json_builder_set_member_name (builder, "has_logo");
  json_builder_add_boolean_value (builder, logo != NULL);
  json_builder_set_member_name (builder, "holidays_loaded_into_store");
  json_builder_add_boolean_value (builder, holidays_from_store);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "audit_entries");
  json_builder_add_int_value (builder, (gint64) rd_store_count_audit_entries (self));
  json_builder_end_object (builder);

  /* Written case by case, so that 100,000 cases are never in memory at once. */
  head = json_builder_get_root (builder);
  head_text = json_to_string (head, TRUE);
  head_text[strlen (head_text) - 2] = '\0'; /* drop the closing "\n}" */
  if (!_rd_export_write_text (out, head_text, cancellable, error) ||
      !_rd_export_write_text (out, ",\n  \"cases\" : [", cancellable, error))
    goto fail;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      node = _rd_store_case_json (self, g_array_index (ids, gint64, i), today, error);
      if (node == NULL)
        goto fail;
      text = json_to_string (node, FALSE);
      if (!_rd_export_write_text (out, i > 0 ? ",\n    " : "\n    ", cancellable, error) ||
          !_rd_export_write_text (out, text, cancellable, error))
        goto fail;
    }
  if (!_rd_export_write_text (out, "\n  ],\n  \"audit\" : [", cancellable, error) ||
      !write_audit_json (self, out, cancellable, error) ||
      !_rd_export_write_text (out, "\n  ]\n}\n", cancellable, error))
    goto fail;
  _rd_store_exec (self, "COMMIT", NULL);
  return TRUE;

fail:
  _rd_store_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

/* Helpers: CSV */

static void
csv_field (GString *line, const char *value)
{
  if (line->len > 0 && line->str[line->len - 1] != '\n')
    g_string_append_c (line, ',');
  if (value == NULL)
    return;
  /* Spreadsheets run a cell starting with = + - @ as a formula: quote it with a tab. */
  if (strpbrk (value, ",\"\r\n") != NULL || (value[0] != '\0' && strchr ("=+-@", value[0])))
    {
      g_string_append_c (line, '"');
      if (value[0] != '\0' && strchr ("=+-@", value[0]) && !g_ascii_isdigit (value[1]))
        g_string_append_c (line, '\'');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (line, '"');
          g_string_append_c (line, *p);
        }
      g_string_append_c (line, '"');
    }
  else
    g_string_append (line, value);
}

static void
find_events (GPtrArray *events, const char *kind, const GDate **out_on, RdCaseEvent **out_event)
{
  *out_on = NULL;
  if (out_event != NULL)
    *out_event = NULL;
  for (guint i = 0; i < events->len; i++)
    {
      RdCaseEvent *event = g_ptr_array_index (events, i);

      if (strcmp (rd_case_event_get_kind (event), kind) == 0)
        {
          *out_on = rd_case_event_get_date (event);
          if (out_event != NULL)
            *out_event = event;
          return;
        }
    }
}

gboolean
rd_store_export_csv (RdStore *self, GOutputStream *out, GCancellable *cancellable, GError **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rd_store_check_open (self, error) || !_rd_store_exec (self, "BEGIN", error))
    return FALSE;
  ids = rd_store_list_case_ids (self, error);
  if (ids == NULL)
    goto fail;

  for (int c = 0; c < N_COLUMNS; c++)
    csv_field (line, column_names[c]);
  g_string_append (line, "\r\n");
  if (!_rd_export_write_text (out, line->str, cancellable, error))
    goto fail;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RdCase) kase = rd_store_get_case (self, g_array_index (ids, gint64, i), error);
      g_autoptr(GPtrArray) events = NULL;
      RdPerson        *subject, *representative;
      const GDate     *on;
      RdCaseEvent     *outcome_event;
      g_autofree char *received = NULL;
      g_autofree char *next_due = NULL;
      g_autofree char *retain = NULL;

      if (kase == NULL)
        goto fail;
      events = rd_store_list_events (self, rd_case_get_id (kase), error);
      if (events == NULL)
        goto fail;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      subject = rd_case_get_subject (kase);
      representative = rd_case_get_representative (kase);
      received = _rd_date_iso (rd_case_get_received (kase));
      next_due = _rd_date_iso (rd_case_get_next_due (kase));
      retain = _rd_date_iso (rd_case_get_retain_until (kase));

      g_string_truncate (line, 0);
      csv_field (line, rd_case_get_reference (kase));
      csv_field (line, received);
      csv_field (line, rd_person_get_name (subject));
      csv_field (line, rd_person_get_address (subject));
      csv_field (line, rd_person_get_postcode (subject));
      csv_field (line, rd_person_get_email (subject));
      csv_field (line, rd_person_get_phone (subject));
      csv_field (line, rd_person_get_channel (subject));
      csv_field (line, rd_person_get_language (subject));
      csv_field (line, rd_person_get_large_print (subject) ? "yes" : "no");
      csv_field (line, rd_case_get_channel (kase));
      csv_field (line, rd_case_get_summary (kase));
      csv_field (line, rd_case_get_about (kase));
      csv_field (line, representative != NULL ? rd_person_get_name (representative) : "");
      csv_field (line, representative != NULL ? rd_case_get_authority (kase) : "");
      for (const char *const *kind =
               (const char *const[]){ "acknowledged", "identity-requested", "identity-verified",
                                      "consent-received", NULL };
           *kind != NULL; kind++)
        {
          g_autofree char *iso = NULL;

          find_events (events, *kind, &on, NULL);
          iso = _rd_date_iso (on);
          csv_field (line, iso);
        }
      find_events (events, "outcome-sent", &on, &outcome_event);
      {
        g_autofree char *iso = _rd_date_iso (on);
        csv_field (line, iso);
        csv_field (line, outcome_event != NULL
                             ? rd_case_event_get_detail (outcome_event, RD_DETAIL_OUTCOME)
                             : "");
      }
      find_events (events, "closed", &on, NULL);
      {
        g_autofree char *iso = _rd_date_iso (on);
        csv_field (line, iso);
      }
      csv_field (line, rd_case_get_status (kase));
      csv_field (line, next_due);
      csv_field (line, retain);
      g_string_append (line, "\r\n");
      if (!_rd_export_write_text (out, line->str, cancellable, error))
        goto fail;
    }
  _rd_store_exec (self, "COMMIT", NULL);
  return TRUE;

fail:
  _rd_store_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

static const char *const audit_column_names[] = {
  "id", "at", "who", "action", "records", "prev_hash", "hash",
};

gboolean
rd_store_export_audit_csv (RdStore       *self,
                           GOutputStream *out,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gint64 after_id = 0;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rd_store_check_open (self, error) || !_rd_store_exec (self, "BEGIN", error))
    return FALSE;
  for (gsize c = 0; c < G_N_ELEMENTS (audit_column_names); c++)
    csv_field (line, audit_column_names[c]);
  g_string_append (line, "\r\n");
  if (!_rd_export_write_text (out, line->str, cancellable, error))
    goto fail;

  for (;;)
    {
      g_autoptr(GPtrArray) entries = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      entries = rd_store_list_audit_entries (self, after_id, RD_EXPORT_AUDIT_PAGE, error);
      if (entries == NULL)
        goto fail;
      if (entries->len == 0)
        break;
      for (guint i = 0; i < entries->len; i++)
        {
          const RdAuditEntry *entry = g_ptr_array_index (entries, i);
          char                id_text[32];

          g_snprintf (id_text, sizeof id_text, "%" G_GINT64_FORMAT, entry->id);
          g_string_truncate (line, 0);
          csv_field (line, id_text);
          csv_field (line, entry->at);
          csv_field (line, entry->who);
          csv_field (line, entry->action);
          csv_field (line, entry->records);
          csv_field (line, entry->prev_hash);
          csv_field (line, entry->hash);
          g_string_append (line, "\r\n");
          if (!_rd_export_write_text (out, line->str, cancellable, error))
            goto fail;
          after_id = entry->id;
        }
    }
  _rd_store_exec (self, "COMMIT", NULL);
  return TRUE;

fail:
  _rd_store_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

/* CSV import */

typedef struct
{
  guint line;   /* the physical line the record starts on, from 1 */
  GStrv fields; /* owned */
} CsvRecord;

static void
csv_record_clear (gpointer data)
{
  CsvRecord *record = data;

  g_strfreev (record->fields);
}

/* RFC 4180, with quoted fields over several lines; a UTF-8 byte order mark is skipped. */
static GArray *
parse_csv (const char *text, gsize length, GError **error)
{
  g_autoptr(GArray) records = g_array_new (FALSE, TRUE, sizeof (CsvRecord));
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text, *end = text + length;
  guint       line = 1, record_line = 1;
  gboolean    quoted = FALSE, field_started = FALSE;

  g_array_set_clear_func (records, csv_record_clear);
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p <= end)
    {
      char c = p < end ? *p : '\0';

      if (quoted)
        {
          if (p == end)
            {
              g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                           _("line %u: a quoted field is never closed (a \" is missing)."),
                              record_line);
              return NULL;
            }
          if (c == '"')
            {
              if (p + 1 < end && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                  continue;
                }
              quoted = FALSE;
            }
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          p++;
          continue;
        }

      if (c == '"' && field->len == 0 && !field_started)
        {
          quoted = TRUE;
          field_started = TRUE;
          p++;
          continue;
        }
      if (c == ',')
        {
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          field_started = FALSE;
          p++;
          continue;
        }
      if (c == '\r' && p + 1 < end && p[1] == '\n')
        {
          p++;
          continue;
        }
      if (c == '\n' || p == end)
        {
          gboolean blank = fields->len == 0 && field->len == 0 && !field_started;

          if (!blank)
            {
              CsvRecord record;

              g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
              field = g_string_new (NULL);
              g_ptr_array_add (fields, NULL);
              record.line = record_line;
              record.fields = (GStrv) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
              g_array_append_val (records, record);
              fields = g_ptr_array_new_with_free_func (g_free);
            }
          field_started = FALSE;
          line++;
          record_line = line;
          p++;
          continue;
        }
      g_string_append_c (field, c);
      p++;
    }
  return g_steal_pointer (&records);
}

static gboolean
parse_import_date (const char *text, GDate *out)
{
  g_auto(GStrv) parts = NULL;
  guint64 d, m, y;

  if (_rd_date_from_iso (text, out))
    return TRUE;
  /* Spreadsheets in the UK often write 04/05/2026. */
  parts = g_strsplit (text, "/", -1);
  if (g_strv_length (parts) != 3 || strlen (parts[0]) > 2 || strlen (parts[1]) > 2 ||
      strlen (parts[2]) != 4 || !g_ascii_string_to_unsigned (parts[0], 10, 1, 31, &d, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1900, 9999, &y, NULL) ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

typedef struct
{
  int      index[N_COLUMNS]; /* the column's position in the file, or -1 */
  GString *errors;           /* owned */
  guint    n_errors;
} Import;

static const char *
cell (Import *import, CsvRecord *record, Column column)
{
  int index = import->index[column];

  if (index < 0 || (guint) index >= g_strv_length (record->fields))
    return "";
  return record->fields[index];
}

static void
row_error (Import *import, guint line, const char *message)
{
  if (import->n_errors < 200)
    g_string_append_printf (import->errors, "\n%s", message);
  else if (import->n_errors == 200)
    g_string_append_printf (import->errors, "\n%s", _("… and more."));
  import->n_errors++;
  (void) line;
}

static gboolean
row_date (Import *import, CsvRecord *record, Column column, GDate *out, gboolean *out_present)
{
  g_autofree char *text = g_strstrip (g_strdup (cell (import, record, column)));

  g_date_clear (out, 1);
  *out_present = *text != '\0';
  if (!*out_present)
    return TRUE;
  if (!parse_import_date (text, out))
    {
      g_autofree char *message = g_strdup_printf (
          _("line %u: %s “%s” is not a date; write it as YYYY-MM-DD."), record->line,
             column_names[column], text);
      row_error (import, record->line, message);
      return FALSE;
    }
  return TRUE;
}

/* Checks one detail of the data subject with the store's own check, reporting its error. */
static gboolean
check_person_detail (Import *import, CsvRecord *record, RdPerson *person)
{
  g_autoptr(GError) error = NULL;

  if (_rd_store_check_person (person, _("data subject"), &error))
    return TRUE;
  {
    g_autofree char *message = g_strdup_printf ("line %u: %s", record->line, error->message);
    row_error (import, record->line, message);
  }
  return FALSE;
}

/*
 * The row's details one at a time, so that a row with several mistakes gets
 * them all listed: name, postcode, e-mail, preferred channel, language,
 * channel, outcome.
 */
static gboolean
check_row_fields (Import *import, CsvRecord *record)
{
  const char *name = cell (import, record, COL_NAME);
  const char *email = cell (import, record, COL_EMAIL);
  const char *channel = cell (import, record, COL_CHANNEL);
  const char *outcome = cell (import, record, COL_OUTCOME);
  gboolean    ok = TRUE;

  {
    g_autoptr(RdPerson) person = rd_person_new (name);
    ok &= check_person_detail (import, record, person);
  }
  if (*cell (import, record, COL_POSTCODE) != '\0')
    {
      g_autoptr(RdPerson) person = rd_person_new ("-");
      rd_person_set_postcode (person, cell (import, record, COL_POSTCODE));
      ok &= check_person_detail (import, record, person);
    }
  if (*email != '\0')
    {
      g_autoptr(RdPerson) person = rd_person_new ("-");
      rd_person_set_email (person, email);
      ok &= check_person_detail (import, record, person);
    }
  if (*cell (import, record, COL_PREFERRED_CHANNEL) != '\0')
    {
      const char *preferred = cell (import, record, COL_PREFERRED_CHANNEL);

      if (*email == '\0' && g_strcmp0 (preferred, "email") == 0)
        {
          g_autofree char *message = g_strdup_printf (_("line %u: preferred_channel is email but there is no e-mail address."), record->line);
          row_error (import, record->line, message);
          ok = FALSE;
        }
      else
        {
          g_autoptr(RdPerson) person = rd_person_new ("-");

          /* A valid address stands in, so that only the channel is judged here. */
          rd_person_set_email (person, "x@example.org");
          rd_person_set_channel (person, preferred);
          ok &= check_person_detail (import, record, person);
        }
    }
  if (*cell (import, record, COL_LANGUAGE) != '\0')
    {
      g_autoptr(RdPerson) person = rd_person_new ("-");
      rd_person_set_language (person, cell (import, record, COL_LANGUAGE));
      ok &= check_person_detail (import, record, person);
    }
  if (*channel != '\0' && !rd_case_channel_is_valid (channel))
    {
      g_autofree char *message = g_strdup_printf (
          _("line %u: channel is post, email, phone, in-person or web, not “%s”."), record->line,
             channel);
      row_error (import, record->line, message);
      ok = FALSE;
    }
  if (*outcome != '\0')
    {
      RdOutcome parsed;

      if (!rd_outcome_from_id (outcome, &parsed))
        {
          g_autofree char *message = g_strdup_printf (
              _("line %u: outcome is upheld, partly-upheld or not-upheld, not “%s”."),
                 record->line, outcome);
          row_error (import, record->line, message);
          ok = FALSE;
        }
    }
  return ok;
}

static gboolean
import_row (RdStore *self, Import *import, CsvRecord *record, const char *now)
{
  g_autoptr(RdCase) kase = rd_case_new ();
  g_autoptr(RdPerson) subject = NULL;
  g_autoptr(GError) error = NULL;
  GDate       received;
  gboolean    present;
  const char *large_print, *representative_name;
  struct
  {
    Column      column;
    const char *kind;
  } steps[] = {
    { COL_IDENTITY_REQUESTED, "identity-requested" },
    { COL_ACKNOWLEDGED, "acknowledged" },
    { COL_IDENTITY_VERIFIED, "identity-verified" },
    { COL_CONSENT_RECEIVED, "consent-received" },
    { COL_OUTCOME_SENT, "outcome-sent" },
    { COL_CLOSED, "closed" },
  };
  GDate    dates[G_N_ELEMENTS (steps)];
  gboolean ok = TRUE;

  /* Every problem of the row is reported, not only the first. */
  if (!row_date (import, record, COL_RECEIVED, &received, &present))
    ok = FALSE;
  else if (!present)
    {
      g_autofree char *message = g_strdup_printf (_("line %u: the date received is missing."),
                                                     record->line);
      row_error (import, record->line, message);
      ok = FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!row_date (import, record, steps[i].column, &dates[i], &present))
      ok = FALSE;
  if (!check_row_fields (import, record))
    ok = FALSE;

  subject = rd_person_new (cell (import, record, COL_NAME));
  rd_person_set_address (subject, cell (import, record, COL_ADDRESS));
  rd_person_set_postcode (subject, cell (import, record, COL_POSTCODE));
  rd_person_set_email (subject, cell (import, record, COL_EMAIL));
  rd_person_set_phone (subject, cell (import, record, COL_PHONE));
  if (*cell (import, record, COL_PREFERRED_CHANNEL) != '\0')
    rd_person_set_channel (subject, cell (import, record, COL_PREFERRED_CHANNEL));
  if (*cell (import, record, COL_LANGUAGE) != '\0')
    rd_person_set_language (subject, cell (import, record, COL_LANGUAGE));
  large_print = cell (import, record, COL_LARGE_PRINT);
  if (g_ascii_strcasecmp (large_print, "yes") == 0 ||
      g_ascii_strcasecmp (large_print, "true") == 0 || strcmp (large_print, "1") == 0)
    rd_person_set_large_print (subject, TRUE);
  else if (*large_print != '\0' && g_ascii_strcasecmp (large_print, "no") != 0 &&
           g_ascii_strcasecmp (large_print, "false") != 0 && strcmp (large_print, "0") != 0)
    {
      g_autofree char *message = g_strdup_printf (
          _("line %u: large_print is yes or no, not “%s”."), record->line, large_print);
      row_error (import, record->line, message);
      ok = FALSE;
    }
  if (!ok)
    return FALSE;

  rd_case_set_received (kase, &received);
  rd_case_set_subject (kase, subject);
  if (*cell (import, record, COL_CHANNEL) != '\0')
    rd_case_set_channel (kase, cell (import, record, COL_CHANNEL));
  rd_case_set_summary (kase, cell (import, record, COL_SUMMARY));
  rd_case_set_about (kase, cell (import, record, COL_ABOUT));
  if (*cell (import, record, COL_REF) != '\0')
    _rd_case_set_reference (kase, cell (import, record, COL_REF));
  representative_name = cell (import, record, COL_REPRESENTATIVE);
  if (*representative_name != '\0')
    {
      g_autoptr(RdPerson) representative = rd_person_new (representative_name);
      const char *authority = cell (import, record, COL_AUTHORITY);

      rd_case_set_representative (kase, representative, *authority != '\0' ? authority : NULL);
    }

  if (!_rd_store_insert_case (self, kase, now, &error) ||
      !_rd_store_update_cache (self, rd_case_get_id (kase), &error) ||
      !_rd_store_update_search (self, rd_case_get_id (kase), &error))
    goto fail;
  {
    g_autofree char *records = g_strdup_printf ("case=%" G_GINT64_FORMAT, rd_case_get_id (kase));
    if (!_rd_store_audit (self, "case.import", records, &error))
      goto fail;
  }

  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(RdCaseEvent) event = NULL;

      if (!g_date_valid (&dates[i]))
        continue;
      event = rd_case_event_new (steps[i].kind, &dates[i]);
      rd_case_event_set_note (event, _("Imported from a spreadsheet."));
      if (steps[i].column == COL_OUTCOME_SENT)
        rd_case_event_set_detail (event, RD_DETAIL_OUTCOME, cell (import, record, COL_OUTCOME));
      if (steps[i].column == COL_IDENTITY_VERIFIED)
        rd_case_event_set_detail (event, RD_DETAIL_DOCUMENT, "other");
      if (_rd_store_add_event_in_transaction (self, rd_case_get_id (kase), event, now, &error) == 0)
        {
          g_autofree char *message = g_strdup_printf (
              "line %u: %s: %s", record->line, column_names[steps[i].column], error->message);
          row_error (import, record->line, message);
          return FALSE;
        }
    }
  return TRUE;

fail:
  {
    g_autofree char *message = g_strdup_printf ("line %u: %s", record->line, error->message);
    row_error (import, record->line, message);
  }
  return FALSE;
}

gboolean
rd_store_import_csv (RdStore *self, GBytes *csv, guint *out_n_cases, GError **error)
{
  g_autoptr(GArray) records = NULL;
  g_autofree char *now = _rd_store_now ();
  g_autofree char *records_text = NULL;
  Import           import = { 0 };
  CsvRecord       *header;
  gsize            length;
  const char      *text;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = g_bytes_get_data (csv, &length);
  if (!g_utf8_validate (text, (gssize) length, NULL))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The file is not UTF-8 text. Save it from the spreadsheet as “CSV UTF-8” "
                     "and try again; nothing was imported."));
      return FALSE;
    }
  records = parse_csv (text, length, error);
  if (records == NULL)
    return FALSE;
  if (records->len == 0)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The file is empty; nothing was imported."));
      return FALSE;
    }

  /* The first line names the columns. */
  for (int c = 0; c < N_COLUMNS; c++)
    import.index[c] = -1;
  import.errors = g_string_new (NULL);
  header = &g_array_index (records, CsvRecord, 0);
  for (int i = 0; header->fields[i] != NULL; i++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip (header->fields[i]), -1);
      int              found = -1;

      for (int c = 0; c < N_COLUMNS; c++)
        if (strcmp (name, column_names[c]) == 0)
          found = c;
      if (found < 0)
        {
          g_autofree char *message = g_strdup_printf (
              _("line 1: “%s” is not a column Redress knows (see the help for the list)."),
                 header->fields[i]);
          row_error (&import, 1, message);
        }
      else if (import.index[found] >= 0)
        {
          g_autofree char *message = g_strdup_printf (_("line 1: the column “%s” is there twice."),
                                                         name);
          row_error (&import, 1, message);
        }
      else
        import.index[found] = i;
    }
  if (import.index[COL_RECEIVED] < 0 || import.index[COL_NAME] < 0)
    {
      row_error (&import, 1, _("line 1: the columns “received” and “name” are required."));
    }

  if (import.n_errors == 0)
    {
      if (!_rd_store_begin (self, error))
        {
          g_string_free (import.errors, TRUE);
          return FALSE;
        }
      /* Every row is tried, each in a savepoint, so that every error is found at once. */
      for (guint r = 1; r < records->len; r++)
        {
          CsvRecord *record = &g_array_index (records, CsvRecord, r);

          _rd_store_exec (self, "SAVEPOINT import_row", NULL);
          if (!import_row (self, &import, record, now))
            _rd_store_exec (self, "ROLLBACK TO import_row", NULL);
          _rd_store_exec (self, "RELEASE import_row", NULL);
        }
    }

  if (import.n_errors > 0)
    {
      if (self->tx_depth > 0)
        _rd_store_rollback (self);
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "Nothing was imported: %u problem to fix first.%s",
                                "Nothing was imported: %u problems to fix first.%s",
                                import.n_errors),
                   import.n_errors, import.errors->str);
      g_string_free (import.errors, TRUE);
      return FALSE;
    }
  g_string_free (import.errors, TRUE);

  records_text = g_strdup_printf ("cases=%u", records->len - 1);
  if (!_rd_store_audit (self, "import.csv", records_text, error))
    {
      _rd_store_rollback (self);
      return FALSE;
    }
  _rd_store_note_change (self, RD_STORE_CHANGE_CASES, 0);
  if (!_rd_store_commit (self, error))
    return FALSE;
  if (out_n_cases != NULL)
    *out_n_cases = records->len - 1;
  return TRUE;
}
