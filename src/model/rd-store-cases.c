/* rd-store-cases.c: cases, people and events in the store, and the cache of
 * what the rules work out from them. Destroying cases is in rd-store-destroy.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-store-private.h"

/* Helpers */

static gboolean
text_given (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return TRUE;
  return FALSE;
}

static gboolean
has_control_chars (const char *text, gboolean newlines_allowed)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && !(newlines_allowed && (*p == '\n' || *p == '\t')))
      return TRUE;
  return FALSE;
}

static gboolean
check_text (const char *what, const char *text, gboolean multiline, GError **error)
{
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The %s is not valid text (UTF-8)."), what);
      return FALSE;
    }
  if (has_control_chars (text, multiline))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   multiline ? _("The %s contains control characters; remove them.")
                             : _("The %s must be one line, without control characters."), what);
      return FALSE;
    }
  return TRUE;
}

/* Checks a person's details and normalises the postcode in place. */
gboolean
_rd_store_check_person (RdPerson *person, const char *role, GError **error)
{
  g_autofree char *name = g_strstrip (g_strdup (rd_person_get_name (person)));
  const char      *postcode = rd_person_get_postcode (person);
  const char      *email = rd_person_get_email (person);

  if (*name == '\0')
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID, _("The %s needs a name."), role);
      return FALSE;
    }
  if (!check_text (_("name"), rd_person_get_name (person), FALSE, error) ||
                   !check_text (_("address"), rd_person_get_address (person), TRUE, error) ||
                                !check_text (_("phone number"), rd_person_get_phone (person),
                                                FALSE, error) ||
                                             !check_text (_("e-mail address"), email, FALSE,
                                                             error))
    return FALSE;
  if (*postcode != '\0')
    {
      g_autofree char *normal = rd_postcode_normalize (postcode);

      if (normal == NULL)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("“%s” is not a UK postcode; write it like SW1A 1AA."), postcode);
          return FALSE;
        }
      rd_person_set_postcode (person, normal);
    }
  if (*email != '\0')
    {
      const char *at = strchr (email, '@');

      if (at == NULL || at == email || strchr (at + 1, '@') != NULL || strchr (at, '.') == NULL ||
          strpbrk (email, " <>,;\"") != NULL)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("“%s” is not an e-mail address; write it as name@example.org."), email);
          return FALSE;
        }
    }
  if (g_strcmp0 (rd_person_get_channel (person), "post") != 0 &&
      g_strcmp0 (rd_person_get_channel (person), "email") != 0)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("A person is written to by post or by email, not “%s”."),
                      rd_person_get_channel (person));
      return FALSE;
    }
  if (g_strcmp0 (rd_person_get_channel (person), "email") == 0 && *email == '\0')
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The %s prefers e-mail but has no e-mail address; add one or choose post."),
                      role);
      return FALSE;
    }
  if (g_strcmp0 (rd_person_get_language (person), "en") != 0 &&
      g_strcmp0 (rd_person_get_language (person), "cy") != 0)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("Letters are written in English (en) or Welsh (cy), not “%s”."),
                      rd_person_get_language (person));
      return FALSE;
    }
  return TRUE;
}

void
_rd_store_not_found (GError **error, const char *what)
{
  g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND, "%s", what);
}

static RdPerson *
load_person (RdStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt;
  RdPerson     *person;

  stmt = _rd_store_prepare (self,
                            "SELECT name, address, postcode, email, phone, channel, language, "
                            "large_print, restricted FROM people WHERE id = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  switch (sqlite3_step (stmt))
    {
      case SQLITE_ROW:
        break;
      case SQLITE_DONE:
        sqlite3_reset (stmt);
        _rd_store_not_found (error, _("There is no such person in the store."));
        return NULL;
      default:
        _rd_store_set_error (self, sqlite3_errcode (self->db), error);
        sqlite3_reset (stmt);
        return NULL;
    }
  person = g_object_new (RD_TYPE_PERSON, "name", _rd_column_text (stmt, 0), "address",
                         _rd_column_text (stmt, 1), "postcode", _rd_column_text (stmt, 2), "email",
                         _rd_column_text (stmt, 3), "phone", _rd_column_text (stmt, 4), "channel",
                         _rd_column_text (stmt, 5), "language", _rd_column_text (stmt, 6),
                         "large-print", sqlite3_column_int (stmt, 7) != 0, NULL);
  _rd_person_set_restricted (person, sqlite3_column_int (stmt, 8) != 0);
  _rd_person_set_id (person, id);
  sqlite3_reset (stmt);
  return person;
}

static gboolean
insert_person (RdStore *self, RdPerson *person, const char *now, GError **error)
{
  sqlite3_stmt *stmt;

  stmt = _rd_store_prepare (self,
                            "INSERT INTO people (name, address, postcode, email, phone, channel, "
                            "language, large_print, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autofree char *name = g_strstrip (g_strdup (rd_person_get_name (person)));
    _rd_bind_text (stmt, 1, name);
  }
  _rd_bind_text (stmt, 2, rd_person_get_address (person));
  _rd_bind_text (stmt, 3, rd_person_get_postcode (person));
  _rd_bind_text (stmt, 4, rd_person_get_email (person));
  _rd_bind_text (stmt, 5, rd_person_get_phone (person));
  _rd_bind_text (stmt, 6, rd_person_get_channel (person));
  _rd_bind_text (stmt, 7, rd_person_get_language (person));
  sqlite3_bind_int (stmt, 8, rd_person_get_large_print (person) ? 1 : 0);
  _rd_bind_text (stmt, 9, now);
  if (!_rd_store_step_done (self, stmt, error))
    return FALSE;
  _rd_person_set_id (person, sqlite3_last_insert_rowid (self->db));
  return TRUE;
}

/* Saves a new person, or checks that a saved one exists. */
static gboolean
ensure_person (RdStore *self, RdPerson *person, const char *role, const char *now, GError **error)
{
  if (rd_person_get_id (person) != 0)
    {
      g_autoptr(RdPerson) existing = load_person (self, rd_person_get_id (person), error);
      return existing != NULL;
    }
  return _rd_store_check_person (person, role, error) && insert_person (self, person, now, error);
}

static RdCase *
load_case (RdStore *self, const char *where, gint64 id, const char *ref, GError **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt    *stmt;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(RdPerson) subject = NULL;
  g_autoptr(RdPerson) representative = NULL;
  gint64           subject_id, representative_id;
  GDate            date, next_due, retain;
  g_autofree char *authority = NULL;
  g_autofree char *status = NULL;

  sql = g_strdup_printf ("SELECT id, ref, received, channel, summary, about, subject_id, "
                         "representative_id, authority, status, next_due, retain_until "
                         "FROM cases WHERE %s",
                         where);
  stmt = _rd_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (ref != NULL)
    _rd_bind_text (stmt, 1, ref);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  switch (sqlite3_step (stmt))
    {
      case SQLITE_ROW:
        break;
      case SQLITE_DONE:
        sqlite3_reset (stmt);
        if (ref != NULL)
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                       _("There is no case “%s” in the store. Check the reference."), ref);
        else
          _rd_store_not_found (
              error, _("There is no such case in the store; it may have been destroyed."));
        return NULL;
      default:
        _rd_store_set_error (self, sqlite3_errcode (self->db), error);
        sqlite3_reset (stmt);
        return NULL;
    }

  kase = rd_case_new ();
  _rd_case_set_id (kase, sqlite3_column_int64 (stmt, 0));
  _rd_case_set_reference (kase, _rd_column_text (stmt, 1));
  _rd_column_date (stmt, 2, &date);
  rd_case_set_received (kase, &date);
  rd_case_set_channel (kase, _rd_column_text (stmt, 3));
  rd_case_set_summary (kase, _rd_column_text (stmt, 4));
  rd_case_set_about (kase, _rd_column_text (stmt, 5));
  subject_id = sqlite3_column_int64 (stmt, 6);
  representative_id = sqlite3_column_int64 (stmt, 7);
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    authority = g_strdup (_rd_column_text (stmt, 8));
  status = g_strdup (_rd_column_text (stmt, 9));
  _rd_column_date (stmt, 10, &next_due);
  _rd_column_date (stmt, 11, &retain);
  sqlite3_reset (stmt);
  _rd_case_set_cache (kase, status, &next_due, &retain);

  subject = load_person (self, subject_id, error);
  if (subject == NULL)
    return NULL;
  rd_case_set_subject (kase, subject);
  if (representative_id != 0)
    {
      representative = load_person (self, representative_id, error);
      if (representative == NULL)
        return NULL;
      rd_case_set_representative (kase, representative, authority);
    }
  return g_steal_pointer (&kase);
}

/* NULL, empty or only white space. */
static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
check_event (RdCaseEvent *event, GError **error)
{
  const char *kind_id = rd_case_event_get_kind (event);
  const char *value;
  RdEventKind kind;

  if (!rd_event_kind_from_id (kind_id, &kind))
    {
      g_autoptr(GString) kinds = g_string_new (NULL);

      for (int k = RD_EVENT_ACKNOWLEDGED; k < RD_EVENT_N_KINDS; k++)
        g_string_append_printf (kinds, "%s%s", k > RD_EVENT_ACKNOWLEDGED ? ", " : "",
                                rd_event_kind_to_id (k));
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of event; the kinds are %s."), kind_id, kinds->str);
      return FALSE;
    }
  if (kind == RD_EVENT_RECEIVED)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("A case’s receipt is recorded when the case is added; it cannot be "
                     "recorded again."));
      return FALSE;
    }
  if (!g_date_valid (rd_case_event_get_date (event)))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The event needs the date it happened on."));
      return FALSE;
    }
  if (!check_text (_("note"), rd_case_event_get_note (event), TRUE, error))
    return FALSE;

  value = rd_case_event_get_detail (event, RD_DETAIL_DOCUMENT);
  if (kind == RD_EVENT_IDENTITY_VERIFIED && value != NULL && strcmp (value, "passport") != 0 &&
      strcmp (value, "driving-licence") != 0 && strcmp (value, "other") != 0)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The identity document seen is a passport, driving-licence or other, not "
                     "“%s”."),
                      value);
      return FALSE;
    }
  value = rd_case_event_get_detail (event, RD_DETAIL_ICO_REF);
  if (kind == RD_EVENT_ICO_NOTIFIED && is_blank (value))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The ICO’s case reference is missing: copy it from the ICO’s letter (it "
                     "looks like IC-123456-A1B2)."));
      return FALSE;
    }
  value = rd_case_event_get_detail (event, RD_DETAIL_OUTCOME);
  if ((kind == RD_EVENT_OUTCOME_SENT || kind == RD_EVENT_REVIEW_OUTCOME_SENT) && value != NULL)
    {
      RdOutcome outcome;

      if (*value == '\0')
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The outcome is missing: say upheld, partly-upheld or not-upheld."));
          return FALSE;
        }
      if (!rd_outcome_from_id (value, &outcome))
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The outcome is upheld, partly-upheld or not-upheld, not “%s”."), value);
          return FALSE;
        }
    }
  if (kind == RD_EVENT_REFUSED)
    {
      g_autoptr(GArray) factors = rd_case_event_get_factors (event);

      for (guint i = 0; i < factors->len; i++)
        {
          guint f = g_array_index (factors, guint, i);

          if (f < 1 || f > RD_REFUSAL_N_FACTORS)
            {
              g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                           _("Refusal factors are numbered 1 to 5 as the policy lists them; "
                             "%u is not one."),
                              f);
              return FALSE;
            }
        }
    }
  for (const char *const *key =
           (const char *const[]){ RD_DETAIL_NOTIFIED, RD_DETAIL_ICO_DUE, NULL };
       *key != NULL; key++)
    {
      GDate date;

      if (rd_case_event_get_detail (event, *key) != NULL &&
          !rd_case_event_get_detail_date (event, *key, &date))
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The date “%s” is not a date; write it as YYYY-MM-DD."),
                          rd_case_event_get_detail (event, *key));
          return FALSE;
        }
    }
  return TRUE;
}

static RdCaseEvent *
event_from_row (sqlite3_stmt *stmt, gint64 case_id)
{
  RdCaseEvent *event;
  GDate        on;
  g_autoptr(GDateTime) at = NULL;
  const char *details;

  /* id, kind, on_date, note, details, document_id, recorded_at, recorded_by */
  _rd_column_date (stmt, 2, &on);
  event = rd_case_event_new (_rd_column_text (stmt, 1), &on);
  rd_case_event_set_note (event, _rd_column_text (stmt, 3));
  details = _rd_column_text (stmt, 4);
  if (strcmp (details, "{}") != 0)
    _rd_case_event_set_details_json (event, details);
  rd_case_event_set_document_id (event, sqlite3_column_int64 (stmt, 5));
  at = g_date_time_new_from_iso8601 (_rd_column_text (stmt, 6), NULL);
  _rd_case_event_set_stored (event, sqlite3_column_int64 (stmt, 0), case_id,
                             _rd_column_text (stmt, 7), at);
  return event;
}

/* Events in the order recorded, which is the order the rules fold them in. */
static GPtrArray *
load_events (RdStore *self, gint64 case_id, GError **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int           rc;

  stmt = _rd_store_prepare (self,
                            "SELECT id, kind, on_date, note, details, document_id, recorded_at, "
                            "recorded_by FROM events WHERE case_id = ? ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (stmt, case_id));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

/* Internal API */

void
_rd_case_event_to_rules (RdCaseEvent *event, RdEvent *out)
{
  rd_case_event_to_rules (event, out);
}

void
rd_case_event_to_rules (RdCaseEvent *self, RdEvent *out)
{
  RdEventKind kind;
  JsonObject *details;
  JsonNode   *node;
  const char *text;

  g_return_if_fail (RD_IS_CASE_EVENT (self));
  g_return_if_fail (out != NULL);

  if (!rd_event_kind_from_id (rd_case_event_get_kind (self), &kind))
    kind = RD_EVENT_NOTE;
  rd_event_init (out, kind, rd_case_event_get_date (self));
  details = rd_case_event_get_details (self);

  switch (kind)
    {
      case RD_EVENT_EXTENDED:
        rd_case_event_get_detail_date (self, RD_DETAIL_NOTIFIED, &out->extension_notified_on);
        text = rd_case_event_get_detail (self, RD_DETAIL_REASON);
        out->extension_reason_given = text_given (text);
        node = json_object_get_member (details, RD_DETAIL_MONTHS);
        if (node != NULL && json_node_get_value_type (node) == G_TYPE_INT64)
          out->extension_months = (guint) CLAMP (json_node_get_int (node), 0, 2);
        break;
      case RD_EVENT_REFUSED:
        {
          g_autoptr(GArray) factors = rd_case_event_get_factors (self);

          for (guint i = 0; i < factors->len; i++)
            {
              guint f = g_array_index (factors, guint, i);

              if (f >= 1 && f <= RD_REFUSAL_N_FACTORS)
                out->refusal_factors |= 1u << (f - 1);
            }
          text = rd_case_event_get_detail (self, RD_DETAIL_REASONS);
          out->refusal_reasons_given = text_given (text);
          node = json_object_get_member (details, RD_DETAIL_RIGHTS_TOLD);
          out->refusal_rights_told = node == NULL ||
                                     json_node_get_value_type (node) != G_TYPE_BOOLEAN ||
                                     json_node_get_boolean (node);
        }
        break;
      case RD_EVENT_OUTCOME_SENT:
      case RD_EVENT_REVIEW_OUTCOME_SENT:
        if (!rd_outcome_from_id (rd_case_event_get_detail (self, RD_DETAIL_OUTCOME), &out->outcome))
          out->outcome = RD_OUTCOME_NONE;
        break;
      case RD_EVENT_ICO_NOTIFIED:
        rd_case_event_get_detail_date (self, RD_DETAIL_ICO_DUE, &out->ico_due);
        break;
      default:
        break;
    }
}

gboolean
_rd_store_load_facts (RdStore *self, gint64 case_id, RdCaseFacts *out_facts, GError **error)
{
  sqlite3_stmt *stmt;
  GDate         received;

  stmt = _rd_store_prepare (self,
                            "SELECT received, representative_id IS NOT NULL FROM cases "
                            "WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      int rc = sqlite3_errcode (self->db);

      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE || rc == SQLITE_ROW || rc == SQLITE_OK)
        _rd_store_not_found (error,
                             _("There is no such case in the store; it may have been destroyed."));
      else
        _rd_store_set_error (self, rc, error);
      return FALSE;
    }
  _rd_column_date (stmt, 0, &received);
  rd_case_facts_init (out_facts, &received);
  out_facts->representative = sqlite3_column_int (stmt, 1) != 0;
  out_facts->ack_working_days = self->ack_days;
  out_facts->retention_years = self->retention_years;
  sqlite3_reset (stmt);
  return TRUE;
}

RdEvent *
_rd_store_load_rules_events (RdStore *self, gint64 case_id, guint *out_n, GError **error)
{
  g_autoptr(GPtrArray) events = load_events (self, case_id, error);
  RdEvent *result;

  if (events == NULL)
    return NULL;
  result = g_new0 (RdEvent, events->len + 1);
  for (guint i = 0; i < events->len; i++)
    rd_case_event_to_rules (g_ptr_array_index (events, i), &result[i]);
  *out_n = events->len;
  return result;
}

RdCaseState *
_rd_store_fold (RdStore           *self,
                const RdCaseFacts *facts,
                const RdEvent     *events,
                guint              n_events,
                const GDate       *today)
{
  GDate local_today;

  if (today == NULL || !g_date_valid (today))
    {
      _rd_store_get_today (self, &local_today);
      today = &local_today;
    }
  return rd_case_state_new (facts, events, n_events, self->calendar, today);
}

static RdCaseState *
compute_state (RdStore *self, gint64 case_id, const GDate *today, GError **error)
{
  RdCaseFacts         facts;
  g_autofree RdEvent *events = NULL;
  guint               n = 0;

  if (!_rd_store_load_facts (self, case_id, &facts, error))
    return NULL;
  events = _rd_store_load_rules_events (self, case_id, &n, error);
  if (events == NULL)
    return NULL;
  return _rd_store_fold (self, &facts, events, n, today);
}

/*
 * The cached next due date: the earliest due of the deadlines the council
 * still has to meet. A paused deadline is left out (its date is provisional
 * and moves every day until the answer comes), and so is retention (kept in
 * its own column): neither can be overdue.
 */
static gboolean
cached_next_due (RdCaseState *state, GDate *out)
{
  gboolean found = FALSE;

  g_date_clear (out, 1);
  for (int k = 0; k < RD_DEADLINE_N_KINDS; k++)
    {
      const RdDeadline *deadline = rd_case_state_get_deadline (state, k);

      if (deadline == NULL || k == RD_DEADLINE_RETAIN || deadline->state == RD_DEADLINE_PAUSED ||
          !rd_deadline_is_outstanding (deadline) || !g_date_valid (&deadline->due))
        continue;
      if (!found || g_date_compare (&deadline->due, out) < 0)
        *out = deadline->due;
      found = TRUE;
    }
  return found;
}

gboolean
_rd_store_write_cache (RdStore *self, gint64 case_id, RdCaseState *state, GError **error)
{
  const RdDeadline *retain = rd_case_state_get_deadline (state, RD_DEADLINE_RETAIN);
  sqlite3_stmt     *stmt;
  GDate             next_due;

  cached_next_due (state, &next_due);
  stmt = _rd_store_prepare (self,
                            "UPDATE cases SET status = ?, next_due = ?, retain_until = ? "
                            "WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  _rd_bind_text (stmt, 1, rd_status_to_id (rd_case_state_get_status (state)));
  _rd_bind_date (stmt, 2, &next_due);
  _rd_bind_date (stmt, 3, retain != NULL ? &retain->due : NULL);
  sqlite3_bind_int64 (stmt, 4, case_id);
  return _rd_store_step_done (self, stmt, error);
}

gboolean
_rd_store_update_cache (RdStore *self, gint64 case_id, GError **error)
{
  g_autoptr(RdCaseState) state = compute_state (self, case_id, NULL, error);

  return state != NULL && _rd_store_write_cache (self, case_id, state, error);
}

gboolean
_rd_store_update_all_caches (RdStore *self, GError **error)
{
  g_autoptr(GArray) ids = rd_store_list_case_ids (self, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!_rd_store_update_cache (self, g_array_index (ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

gboolean
_rd_store_update_search (RdStore *self, gint64 case_id, GError **error)
{
  sqlite3_stmt *stmt;

  stmt = _rd_store_prepare (self, "DELETE FROM case_search WHERE rowid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (!_rd_store_step_done (self, stmt, error))
    return FALSE;

  stmt = _rd_store_prepare (
      self,
      "INSERT INTO case_search (rowid, ref, names, postcodes, emails, summary, notes) "
      "SELECT c.id, c.ref, s.name || ' ' || ifnull (r.name, ''),"
      "  s.postcode || ' ' || ifnull (r.postcode, ''), s.email || ' ' || ifnull (r.email, ''),"
      "  c.summary || ' ' || c.about,"
      "  (SELECT group_concat (note, ' ') FROM events WHERE case_id = c.id AND note != '') "
      "FROM cases c JOIN people s ON s.id = c.subject_id "
      "LEFT JOIN people r ON r.id = c.representative_id WHERE c.id = ?",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  return _rd_store_step_done (self, stmt, error);
}

gboolean
_rd_store_update_search_after (RdStore *self, gint64 after_id, GError **error)
{
  sqlite3_stmt *stmt;

  stmt = _rd_store_prepare (
      self,
      "INSERT INTO case_search (rowid, ref, names, postcodes, emails, summary, notes) "
      "SELECT c.id, c.ref, s.name || ' ' || ifnull (r.name, ''),"
      "  s.postcode || ' ' || ifnull (r.postcode, ''), s.email || ' ' || ifnull (r.email, ''),"
      "  c.summary || ' ' || c.about,"
      "  (SELECT group_concat (note, ' ') FROM events WHERE case_id = c.id AND note != '') "
      "FROM cases c JOIN people s ON s.id = c.subject_id "
      "LEFT JOIN people r ON r.id = c.representative_id WHERE c.id > ? ORDER BY c.id",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_id);
  return _rd_store_step_done (self, stmt, error);
}

gboolean
_rd_store_check_not_restricted (RdStore *self, gint64 case_id, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean      restricted = FALSE;

  stmt = _rd_store_prepare (self,
                            "SELECT count(*) FROM cases c JOIN people p "
                            "ON p.id IN (c.subject_id, c.representative_id) "
                            "WHERE c.id = ? AND p.restricted",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    restricted = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  if (restricted)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RESTRICTED,
                   _("Processing is restricted for a person on this case (they asked for it), so "
                     "nothing can be recorded on it. Lift the restriction first if the reason "
                     "for it has ended."));
      return FALSE;
    }
  return TRUE;
}

static char *
next_reference (RdStore *self, guint year, GError **error)
{
  g_autofree char *prefix = rd_store_get_setting (self, RD_SETTING_PREFIX);

  for (;;)
    {
      sqlite3_stmt    *stmt;
      gint64           n;
      g_autofree char *ref = NULL;
      gboolean         taken;

      stmt = _rd_store_prepare (self,
                                "INSERT INTO ref_counters (prefix, year, last) VALUES (?, ?, 1) "
                                "ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1 "
                                "RETURNING last",
                                error);
      if (stmt == NULL)
        return NULL;
      _rd_bind_text (stmt, 1, prefix);
      sqlite3_bind_int (stmt, 2, (int) year);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          _rd_store_set_error (self, sqlite3_errcode (self->db), error);
          sqlite3_reset (stmt);
          return NULL;
        }
      n = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);

      ref = g_strdup_printf ("%s-%04u-%04" G_GINT64_FORMAT, prefix, year, n);
      /* An imported case may already use the number. */
      stmt = _rd_store_prepare (self, "SELECT 1 FROM cases WHERE ref = ?", error);
      if (stmt == NULL)
        return NULL;
      _rd_bind_text (stmt, 1, ref);
      taken = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (!taken)
        return g_steal_pointer (&ref);
    }
}

gboolean
_rd_store_insert_case (RdStore *self, RdCase *kase, const char *now, GError **error)
{
  RdPerson        *subject = rd_case_get_subject (kase);
  RdPerson        *representative = rd_case_get_representative (kase);
  const GDate     *received = rd_case_get_received (kase);
  g_autofree char *ref = NULL;
  sqlite3_stmt    *stmt;
  gint64           case_id;
  GDate            today;

  if (received == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The case needs the date the complaint was received."));
      return FALSE;
    }
  _rd_store_get_today (self, &today);
  if (g_date_compare (received, &today) > 0)
    {
      g_autofree char *iso = _rd_date_iso (received);

      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The date received, %s, is in the future; check it."), iso);
      return FALSE;
    }
  if (subject == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The case needs the data subject’s name."));
      return FALSE;
    }
  if (!rd_case_channel_is_valid (rd_case_get_channel (kase)))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("A complaint arrives by post, email, phone, in-person or web, not “%s”."),
                      rd_case_get_channel (kase));
      return FALSE;
    }
  if (representative != NULL && !rd_case_authority_is_valid (rd_case_get_authority (kase)))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of authority; use written-consent, power-of-attorney, "
                     "parental-responsibility, court-deputy, legal-representative or other."),
                      rd_case_get_authority (kase));
      return FALSE;
    }
  if (!check_text (_("summary"), rd_case_get_summary (kase), TRUE, error) ||
                   !check_text (_("reference of the earlier request"), rd_case_get_about (kase),
                                   FALSE, error))
    return FALSE;

  if (!ensure_person (self, subject, _("data subject"), now, error))
    return FALSE;
  if (representative != NULL &&
      !ensure_person (self, representative, _("representative"), now, error))
    return FALSE;

  if (rd_case_get_reference (kase) != NULL)
    {
      ref = g_strstrip (g_strdup (rd_case_get_reference (kase)));
      if (*ref == '\0' || strpbrk (ref, " \t\r\n") != NULL || strlen (ref) > 40)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The reference “%s” must be one word of at most 40 characters."), ref);
          return FALSE;
        }
    }
  else
    {
      ref = next_reference (self, g_date_get_year (received), error);
      if (ref == NULL)
        return FALSE;
    }

  stmt = _rd_store_prepare (self,
                            "INSERT INTO cases (ref, received, channel, summary, about, "
                            "subject_id, representative_id, authority, created_at, status) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')",
                            error);
  if (stmt == NULL)
    return FALSE;
  _rd_bind_text (stmt, 1, ref);
  _rd_bind_date (stmt, 2, received);
  _rd_bind_text (stmt, 3, rd_case_get_channel (kase));
  _rd_bind_text (stmt, 4, rd_case_get_summary (kase));
  _rd_bind_text (stmt, 5, rd_case_get_about (kase));
  sqlite3_bind_int64 (stmt, 6, rd_person_get_id (subject));
  if (representative != NULL)
    {
      sqlite3_bind_int64 (stmt, 7, rd_person_get_id (representative));
      _rd_bind_text (stmt, 8, rd_case_get_authority (kase));
    }
  _rd_bind_text (stmt, 9, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_extended_errcode (self->db);

      sqlite3_reset (stmt);
      if (rc == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                     _("The reference “%s” is already used by another case."), ref);
      else
        _rd_store_set_error (self, rc, error);
      return FALSE;
    }
  sqlite3_reset (stmt);
  case_id = sqlite3_last_insert_rowid (self->db);
  _rd_case_set_id (kase, case_id);
  _rd_case_set_reference (kase, ref);

  /* The receipt is on the timeline too (the rules take it from the facts). */
  {
    g_autoptr(RdCaseEvent) received_event = rd_case_event_new ("received", received);

    if (_rd_store_insert_event (self, case_id, received_event, now, error) == 0)
      return FALSE;
  }
  return TRUE;
}

/* Inserts an event row as given: checks are the caller's. */
gint64
_rd_store_insert_event (RdStore     *self,
                        gint64       case_id,
                        RdCaseEvent *event,
                        const char  *now,
                        GError     **error)
{
  sqlite3_stmt    *stmt;
  g_autofree char *details = _rd_case_event_get_details_json (event);
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (now, NULL);
  gint64 id;

  stmt = _rd_store_prepare (
      self,
      "INSERT INTO events (case_id, kind, on_date, note, details, "
      "document_id, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);
  _rd_bind_text (stmt, 2, rd_case_event_get_kind (event));
  _rd_bind_date (stmt, 3, rd_case_event_get_date (event));
  _rd_bind_text (stmt, 4, rd_case_event_get_note (event));
  _rd_bind_text (stmt, 5, details);
  if (rd_case_event_get_document_id (event) != 0)
    sqlite3_bind_int64 (stmt, 6, rd_case_event_get_document_id (event));
  _rd_bind_text (stmt, 7, now);
  _rd_bind_text (stmt, 8, self->actor);
  if (!_rd_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);
  _rd_case_event_set_stored (event, id, case_id, self->actor, at);
  return id;
}

/* Asks the rules; the state is computed with the store's today. */
static gboolean
guard_event (RdStore *self, gint64 case_id, RdCaseEvent *event, GError **error)
{
  g_autoptr(RdCaseState) state = NULL;
  g_autoptr(GError) rule_error = NULL;
  RdEvent proposed;

  if (!check_event (event, error))
    return FALSE;
  state = compute_state (self, case_id, NULL, error);
  if (state == NULL)
    return FALSE;
  rd_case_event_to_rules (event, &proposed);
  if (!rd_case_state_can (state, &proposed, &rule_error))
    {
      g_set_error_literal (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE, rule_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_document_belongs (RdStore *self, gint64 case_id, gint64 document_id, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean      ok;

  if (document_id == 0)
    return TRUE;
  stmt = _rd_store_prepare (self, "SELECT 1 FROM documents WHERE id = ? AND case_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, case_id);
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!ok)
    _rd_store_not_found (
        error, _("The document given with the event is not one of this case’s documents."));
  return ok;
}

gint64
_rd_store_add_event_in_transaction (RdStore     *self,
                                    gint64       case_id,
                                    RdCaseEvent *event,
                                    const char  *now,
                                    GError     **error)
{
  g_autofree char *records = NULL;
  gint64           id;

  if (!_rd_store_check_not_restricted (self, case_id, error) ||
      !guard_event (self, case_id, event, error) ||
      !check_document_belongs (self, case_id, rd_case_event_get_document_id (event), error))
    return 0;
  id = _rd_store_insert_event (self, case_id, event, now, error);
  if (id == 0 || !_rd_store_update_cache (self, case_id, error))
    return 0;
  if (*rd_case_event_get_note (event) != '\0' && !_rd_store_update_search (self, case_id, error))
    return 0;
  records = g_strdup_printf ("case=%" G_GINT64_FORMAT " event=%" G_GINT64_FORMAT " kind=%s",
                             case_id, id, rd_case_event_get_kind (event));
  if (!_rd_store_audit (self, "event.add", records, error))
    return 0;
  _rd_store_note_change (self, RD_STORE_CHANGE_CASES, case_id);
  return id;
}

/* Public API */

gboolean
rd_store_add_case (RdStore *self, RdCase *kase, GError **error)
{
  return rd_store_add_case_with_events (self, kase, NULL, 0, error);
}

gboolean
rd_store_add_case_with_events (RdStore      *self,
                               RdCase       *kase,
                               RdCaseEvent **events,
                               guint         n_events,
                               GError      **error)
{
  g_autofree char *now = _rd_store_now ();
  g_autofree char *records = NULL;
  RdPerson        *subject;
  RdPerson        *representative;
  gboolean         new_subject, new_representative;
  gint64           case_id;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_CASE (kase), FALSE);
  g_return_val_if_fail (rd_case_get_id (kase) == 0, FALSE);
  g_return_val_if_fail (events != NULL || n_events == 0, FALSE);
  for (guint i = 0; i < n_events; i++)
    {
      g_return_val_if_fail (RD_IS_CASE_EVENT (events[i]), FALSE);
      g_return_val_if_fail (rd_case_event_get_id (events[i]) == 0, FALSE);
    }
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* People saved in a transaction that is rolled back must not keep their ids. */
  subject = rd_case_get_subject (kase);
  representative = rd_case_get_representative (kase);
  new_subject = subject != NULL && rd_person_get_id (subject) == 0;
  new_representative = representative != NULL && rd_person_get_id (representative) == 0;

  if (!_rd_store_begin (self, error))
    return FALSE;
  if (!_rd_store_insert_case (self, kase, now, error))
    goto fail;
  case_id = rd_case_get_id (kase);
  if (!_rd_store_update_cache (self, case_id, error) ||
      !_rd_store_update_search (self, case_id, error))
    goto fail;

  if (representative != NULL)
    records = g_strdup_printf (
        "case=%" G_GINT64_FORMAT " subject=%" G_GINT64_FORMAT " representative=%" G_GINT64_FORMAT,
        case_id, rd_person_get_id (subject), rd_person_get_id (representative));
  else
    records = g_strdup_printf ("case=%" G_GINT64_FORMAT " subject=%" G_GINT64_FORMAT, case_id,
                               rd_person_get_id (subject));
  if (!_rd_store_audit (self, "case.create", records, error))
    goto fail;

  /* Each event is asked of the rules against the state the earlier ones made. */
  for (guint i = 0; i < n_events; i++)
    if (_rd_store_add_event_in_transaction (self, case_id, events[i], now, error) == 0)
      goto fail;

  _rd_store_note_change (self, RD_STORE_CHANGE_CASES, case_id);
  if (!_rd_store_commit (self, error))
    goto fail_committed;

  /* Bring the caller's object up to date with what the rules said. */
  {
    g_autoptr(RdCase) saved = rd_store_get_case (self, case_id, NULL);

    if (saved != NULL)
      _rd_case_set_cache (kase, rd_case_get_status (saved), rd_case_get_next_due (saved),
                          rd_case_get_retain_until (saved));
  }
  return TRUE;

fail:
  _rd_store_rollback (self);
fail_committed:
  _rd_case_set_id (kase, 0);
  _rd_case_set_reference (kase, NULL);
  if (new_subject)
    _rd_person_set_id (subject, 0);
  if (new_representative)
    _rd_person_set_id (representative, 0);
  for (guint i = 0; i < n_events; i++)
    _rd_case_event_set_stored (events[i], 0, 0, NULL, NULL);
  return FALSE;
}

RdCase *
rd_store_get_case (RdStore *self, gint64 case_id, GError **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_case (self, "id = ?", case_id, NULL, error);
}

RdCase *
rd_store_find_case (RdStore *self, const char *reference, GError **error)
{
  g_autofree char *ref = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ref = g_strstrip (g_strdup (reference));
  return load_case (self, "ref = ?", 0, ref, error);
}

gboolean
rd_store_update_case (RdStore *self, RdCase *kase, GError **error)
{
  g_autofree char *now = _rd_store_now ();
  g_autofree char *records = NULL;
  RdPerson        *representative;
  sqlite3_stmt    *stmt;
  gint64           case_id;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_CASE (kase), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  case_id = rd_case_get_id (kase);
  representative = rd_case_get_representative (kase);
  if (!rd_case_channel_is_valid (rd_case_get_channel (kase)))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("A complaint arrives by post, email, phone, in-person or web, not “%s”."),
                      rd_case_get_channel (kase));
      return FALSE;
    }
  if (representative != NULL && !rd_case_authority_is_valid (rd_case_get_authority (kase)))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of authority; use written-consent, power-of-attorney, "
                     "parental-responsibility, court-deputy, legal-representative or other."),
                      rd_case_get_authority (kase));
      return FALSE;
    }
  if (!check_text (_("summary"), rd_case_get_summary (kase), TRUE, error) ||
                   !check_text (_("reference of the earlier request"), rd_case_get_about (kase),
                                   FALSE, error))
    return FALSE;

  if (!_rd_store_begin (self, error))
    return FALSE;
  if (!_rd_store_check_not_restricted (self, case_id, error))
    goto fail;
  if (representative != NULL &&
      !ensure_person (self, representative, _("representative"), now, error))
    goto fail;
  stmt = _rd_store_prepare (self,
                            "UPDATE cases SET channel = ?, summary = ?, about = ?, "
                            "representative_id = ?, authority = ? WHERE id = ?",
                            error);
  if (stmt == NULL)
    goto fail;
  _rd_bind_text (stmt, 1, rd_case_get_channel (kase));
  _rd_bind_text (stmt, 2, rd_case_get_summary (kase));
  _rd_bind_text (stmt, 3, rd_case_get_about (kase));
  if (representative != NULL)
    {
      sqlite3_bind_int64 (stmt, 4, rd_person_get_id (representative));
      _rd_bind_text (stmt, 5, rd_case_get_authority (kase));
    }
  sqlite3_bind_int64 (stmt, 6, case_id);
  if (!_rd_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      _rd_store_not_found (error,
                           _("There is no such case in the store; it may have been destroyed."));
      goto fail;
    }
  if (!_rd_store_update_cache (self, case_id, error) ||
      !_rd_store_update_search (self, case_id, error))
    goto fail;
  records = g_strdup_printf ("case=%" G_GINT64_FORMAT, case_id);
  if (!_rd_store_audit (self, "case.update", records, error))
    goto fail;
  _rd_store_note_change (self, RD_STORE_CHANGE_CASES, case_id);
  return _rd_store_commit (self, error);

fail:
  _rd_store_rollback (self);
  return FALSE;
}

RdPerson *
rd_store_get_person (RdStore *self, gint64 person_id, GError **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_person (self, person_id, error);
}

static gboolean
update_search_for_person (RdStore *self, gint64 person_id, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  stmt = _rd_store_prepare (
      self, "SELECT id FROM cases WHERE subject_id = ?1 OR representative_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < ids->len; i++)
    if (!_rd_store_update_search (self, g_array_index (ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

gboolean
rd_store_update_person (RdStore *self, RdPerson *person, GError **error)
{
  g_autofree char *records = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt    *stmt;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_PERSON (person), FALSE);
  g_return_val_if_fail (rd_person_get_id (person) != 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rd_store_check_person (person, _("person"), error))
    return FALSE;
  name = g_strstrip (g_strdup (rd_person_get_name (person)));

  /* Allowed while restricted: correcting someone's data is what restriction waits for. */
  if (!_rd_store_begin (self, error))
    return FALSE;
  stmt = _rd_store_prepare (self,
                            "UPDATE people SET name = ?, address = ?, postcode = ?, email = ?, "
                            "phone = ?, channel = ?, language = ?, large_print = ? WHERE id = ?",
                            error);
  if (stmt == NULL)
    goto fail;
  _rd_bind_text (stmt, 1, name);
  _rd_bind_text (stmt, 2, rd_person_get_address (person));
  _rd_bind_text (stmt, 3, rd_person_get_postcode (person));
  _rd_bind_text (stmt, 4, rd_person_get_email (person));
  _rd_bind_text (stmt, 5, rd_person_get_phone (person));
  _rd_bind_text (stmt, 6, rd_person_get_channel (person));
  _rd_bind_text (stmt, 7, rd_person_get_language (person));
  sqlite3_bind_int (stmt, 8, rd_person_get_large_print (person) ? 1 : 0);
  sqlite3_bind_int64 (stmt, 9, rd_person_get_id (person));
  if (!_rd_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      _rd_store_not_found (error, _("There is no such person in the store."));
      goto fail;
    }
  if (!update_search_for_person (self, rd_person_get_id (person), error))
    goto fail;
  records = g_strdup_printf ("person=%" G_GINT64_FORMAT, rd_person_get_id (person));
  if (!_rd_store_audit (self, "person.update", records, error))
    goto fail;
  _rd_store_note_change (self, RD_STORE_CHANGE_CASES, 0);
  return _rd_store_commit (self, error);

fail:
  _rd_store_rollback (self);
  return FALSE;
}

gboolean
rd_store_set_restricted (RdStore *self, gint64 person_id, gboolean restricted, GError **error)
{
  g_autofree char *records = NULL;
  sqlite3_stmt    *stmt;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rd_store_begin (self, error))
    return FALSE;
  stmt = _rd_store_prepare (self, "UPDATE people SET restricted = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, restricted ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, person_id);
  if (!_rd_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      _rd_store_not_found (error, _("There is no such person in the store."));
      goto fail;
    }
  records = g_strdup_printf ("person=%" G_GINT64_FORMAT, person_id);
  if (!_rd_store_audit (self, restricted ? "person.restrict" : "person.unrestrict", records, error))
    goto fail;
  _rd_store_note_change (self, RD_STORE_CHANGE_CASES, 0);
  return _rd_store_commit (self, error);

fail:
  _rd_store_rollback (self);
  return FALSE;
}

GArray *
rd_store_list_case_ids (RdStore *self, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  stmt = _rd_store_prepare (self, "SELECT id FROM cases ORDER BY received DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Events */

GPtrArray *
rd_store_list_events (RdStore *self, gint64 case_id, GError **error)
{
  GPtrArray *events;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  events = load_events (self, case_id, error);
  if (events == NULL)
    return NULL;
  /* Timeline order: by date, then as recorded (the array is in recorded order). */
  for (guint i = 1; i < events->len; i++)
    for (guint j = i; j > 0; j--)
      {
        RdCaseEvent *a = g_ptr_array_index (events, j - 1);
        RdCaseEvent *b = g_ptr_array_index (events, j);

        if (g_date_compare (rd_case_event_get_date (a), rd_case_event_get_date (b)) <= 0)
          break;
        events->pdata[j - 1] = b;
        events->pdata[j] = a;
      }
  return events;
}

gboolean
rd_store_check_event (RdStore *self, gint64 case_id, RdCaseEvent *event, GError **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_CASE_EVENT (event), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rd_store_check_open (self, error))
    return FALSE;
  return _rd_store_check_not_restricted (self, case_id, error) &&
         guard_event (self, case_id, event, error);
}

gint64
rd_store_add_event (RdStore *self, gint64 case_id, RdCaseEvent *event, GError **error)
{
  g_autofree char *now = _rd_store_now ();
  gint64           id;

  g_return_val_if_fail (RD_IS_STORE (self), 0);
  g_return_val_if_fail (RD_IS_CASE_EVENT (event), 0);
  g_return_val_if_fail (rd_case_event_get_id (event) == 0, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_rd_store_begin (self, error))
    return 0;
  id = _rd_store_add_event_in_transaction (self, case_id, event, now, error);
  if (id == 0)
    {
      _rd_store_rollback (self);
      _rd_case_event_set_stored (event, 0, 0, NULL, NULL);
      return 0;
    }
  if (!_rd_store_commit (self, error))
    {
      _rd_case_event_set_stored (event, 0, 0, NULL, NULL);
      return 0;
    }
  return id;
}

gint64
rd_store_add_event_with_document (RdStore     *self,
                                  gint64       case_id,
                                  RdCaseEvent *event,
                                  const char  *name,
                                  const char  *media_type,
                                  const char  *kind,
                                  GBytes      *content,
                                  GError     **error)
{
  g_autofree char *now = _rd_store_now ();
  g_autoptr(GInputStream) in = NULL;
  gint64 document_id, id;

  g_return_val_if_fail (RD_IS_STORE (self), 0);
  g_return_val_if_fail (RD_IS_CASE_EVENT (event), 0);
  g_return_val_if_fail (content != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  /* Ask the rules first: a refused event leaves no stray document. */
  if (!rd_store_check_event (self, case_id, event, error))
    return 0;
  if (!_rd_store_begin (self, error))
    return 0;
  in = g_memory_input_stream_new_from_bytes (content);
  document_id = _rd_store_insert_document (self, case_id, name, media_type, kind, in,
                                           (goffset) g_bytes_get_size (content), now, NULL, error);
  if (document_id == 0)
    goto fail;
  rd_case_event_set_document_id (event, document_id);
  id = _rd_store_add_event_in_transaction (self, case_id, event, now, error);
  if (id == 0)
    goto fail;
  if (!_rd_store_commit (self, error))
    return 0;
  return id;

fail:
  _rd_store_rollback (self);
  rd_case_event_set_document_id (event, 0);
  _rd_case_event_set_stored (event, 0, 0, NULL, NULL);
  return 0;
}

RdCaseState *
rd_store_get_case_state (RdStore *self, gint64 case_id, const GDate *today, GError **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_rd_store_check_open (self, error))
    return NULL;
  return compute_state (self, case_id, today, error);
}
