/* rd-bundle-case.c: the ICO bundle of a case in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-documents"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-bundle-case.h"
#include "rd-bundle-private.h"

/*
 * The store, reopened for the thread that builds the bundle: one per build,
 * shared by the documents' openers, opened on first use.
 */
typedef struct
{
  gatomicrefcount ref_count;
  char           *path;  /* owned */
  GMutex          mutex; /* guards store */
  RdStore        *store; /* owned, nullable until first use */
} Source;

typedef struct
{
  Source *source; /* owned reference */
  gint64  document_id;
} Opener;

/* Helpers */

static Source *
source_ref (Source *source)
{
  g_atomic_ref_count_inc (&source->ref_count);
  return source;
}

static void
source_unref (Source *source)
{
  if (!g_atomic_ref_count_dec (&source->ref_count))
    return;
  g_clear_object (&source->store);
  g_mutex_clear (&source->mutex);
  g_free (source->path);
  g_free (source);
}

static void
opener_free (gpointer data)
{
  Opener *opener = data;

  source_unref (opener->source);
  g_free (opener);
}

static GInputStream *
open_document_cb (gpointer user_data, GCancellable *cancellable, GError **error)
{
  Opener       *opener = user_data;
  Source       *source = opener->source;
  GInputStream *stream = NULL;

  g_mutex_lock (&source->mutex);
  if (source->store == NULL)
    source->store = rd_store_open (source->path, RD_STORE_OPEN_NO_WATCH, error);
  if (source->store != NULL)
    stream = rd_store_open_document (source->store, opener->document_id, error);
  g_mutex_unlock (&source->mutex);
  return stream;
}

static RdBundleSection
section_for_kind (const char *kind)
{
  if (g_strcmp0 (kind, RD_DOCUMENT_KIND_LETTER) == 0)
    return RD_BUNDLE_SECTION_LETTERS;
  if (g_strcmp0 (kind, RD_DOCUMENT_KIND_CORRESPONDENCE) == 0)
    return RD_BUNDLE_SECTION_CORRESPONDENCE;
  return RD_BUNDLE_SECTION_EVIDENCE;
}

/* Who an event is the act of: the complainant, the ICO or the council. */
static const char *
party_for_event (RdEventKind kind)
{
  switch (kind)
    {
      case RD_EVENT_RECEIVED:
      case RD_EVENT_CONSENT_RECEIVED:
      case RD_EVENT_CLARIFICATION_RECEIVED:
      case RD_EVENT_REVIEW_REQUESTED:
        return _("Complainant");
      case RD_EVENT_ICO_NOTIFIED:
        return _("ICO");
      case RD_EVENT_ACKNOWLEDGED:
      case RD_EVENT_IDENTITY_REQUESTED:
      case RD_EVENT_IDENTITY_VERIFIED:
      case RD_EVENT_CONSENT_REQUESTED:
      case RD_EVENT_CLARIFICATION_REQUESTED:
      case RD_EVENT_EXTENDED:
      case RD_EVENT_OUTCOME_SENT:
      case RD_EVENT_REFUSED:
      case RD_EVENT_REVIEW_OUTCOME_SENT:
      case RD_EVENT_ICO_RESPONSE_SENT:
      case RD_EVENT_CLOSED:
      case RD_EVENT_DESTROYED:
      case RD_EVENT_NOTE:
      case RD_EVENT_N_KINDS:
      default:
        return _("Council");
    }
}

/* The date detail @key of @event in the bundle's form, or NULL. */
static char *
format_detail_date (RdCaseEvent *event, const char *key)
{
  GDate date;

  return rd_case_event_get_detail_date (event, key, &date) ? _rd_bundle_format_date (&date) : NULL;
}

/*
 * What happened, for the chronology: the kind of event, then what its
 * details record, one fact a line (worded as the case page words them),
 * then the clerk's note. The bundle is for the ICO and already holds the
 * correspondence, so the note goes in too.
 */
static char *
describe_event (RdCaseEvent *event, RdEventKind kind)
{
  g_autoptr(GString) text = g_string_new (rd_event_kind_get_label (kind));
  JsonObject      *details = rd_case_event_get_details (event);
  g_autofree char *day = NULL;
  const char      *value;
  RdOutcome        outcome;

  g_string_append_c (text, '\n');
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_OUTCOME)) != NULL &&
      rd_outcome_from_id (value, &outcome) && outcome != RD_OUTCOME_NONE)
    g_string_append_printf (text, _("Outcome: %s\n"), rd_outcome_get_label (outcome));
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_SUMMARY)) != NULL && *value != '\0')
    g_string_append_printf (text, _("Summary: %s\n"), value);
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_CHANNEL)) != NULL)
    {
      if (g_str_equal (value, "post"))
        g_string_append (text, _("Sent by post\n"));
      else if (g_str_equal (value, "email"))
        g_string_append (text, _("Sent by e-mail\n"));
    }
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_QUESTION)) != NULL && *value != '\0')
    g_string_append_printf (text, _("Asked: %s\n"), value);
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_DOCUMENT)) != NULL)
    g_string_append_printf (text, _("Identity document: %s\n"), g_str_equal (value, "passport")
                                     ? _("passport")
                                     : g_str_equal (value, "driving-licence")
                                     ? _("driving licence")
                                     : _("other"));
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_CHECKED_BY)) != NULL && *value != '\0')
    g_string_append_printf (text, _("Checked by: %s\n"), value);
  if (kind == RD_EVENT_EXTENDED)
    {
      /* As the store gives it to the rules: an integer 1 or 2; absent, 0 or
       * anything else means the full two further months. */
      JsonNode *node = json_object_get_member (details, RD_DETAIL_MONTHS);
      gint64    months = node != NULL && json_node_get_value_type (node) == G_TYPE_INT64
                             ? CLAMP (json_node_get_int (node), 0, 2)
                             : 0;

      if (months == 0)
        months = 2;
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "Extended by %d month\n",
                                           "Extended by %d months\n", (gulong) months),
                              (int) months);
    }
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_REASON)) != NULL && *value != '\0')
    g_string_append_printf (text, _("Reason: %s\n"), value);
  if ((day = format_detail_date (event, RD_DETAIL_NOTIFIED)) != NULL)
    g_string_append_printf (text, _("Complainant told on %s\n"), day);
  g_clear_pointer (&day, g_free);
  {
    g_autoptr(GArray) factors = rd_case_event_get_factors (event);

    for (guint i = 0; factors != NULL && i < factors->len; i++)
      {
        guint       number = g_array_index (factors, guint, i);
        const char *label = rd_refusal_factor_get_label (number);

        if (label != NULL)
          g_string_append_printf (text, _("Factor %u: %s\n"), number, label);
      }
  }
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_REASONS)) != NULL && *value != '\0')
    g_string_append_printf (text, _("Reasons: %s\n"), value);
  if (kind == RD_EVENT_REFUSED)
    {
      /* As the store gives it to the rules: told unless the detail is FALSE. */
      JsonNode *node = json_object_get_member (details, RD_DETAIL_RIGHTS_TOLD);

      if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN ||
          json_node_get_boolean (node))
        g_string_append (text, _("Told of the right to complain to the ICO and to a judicial "
                                 "remedy\n"));
      else
        g_string_append (text, _("Not told of the right to complain to the ICO and to a "
                                 "judicial remedy\n"));
    }
  if ((value = rd_case_event_get_detail (event, RD_DETAIL_ICO_REF)) != NULL && *value != '\0')
    g_string_append_printf (text, _("ICO reference: %s\n"), value);
  if ((day = format_detail_date (event, RD_DETAIL_ICO_DUE)) != NULL)
    g_string_append_printf (text, _("The ICO’s deadline: %s\n"), day);
  if ((value = rd_case_event_get_note (event)) != NULL && *value != '\0')
    g_string_append_printf (text, "%s\n", value);

  while (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_deadlines (RdBundleSpec *spec, RdCaseState *state)
{
  GDate today;

  rd_case_state_get_today (state, &today);
  for (guint kind = 0; kind < RD_DEADLINE_N_KINDS; kind++)
    {
      const RdDeadline     *deadline = rd_case_state_get_deadline (state, kind);
      RdBundleDeadlineState shown;
      guint                 days_late = 0;
      g_autofree char      *name = NULL;

      /* Retention is the council's own record keeping, not part of the complaint. */
      if (deadline == NULL || kind == RD_DEADLINE_RETAIN)
        continue;

      /* The review window is the complainant's, not the council's: a late
       * request is not a deadline the council missed. */
      if (kind == RD_DEADLINE_REVIEW_WINDOW)
        {
          if (g_date_valid (&deadline->met_on))
            {
              shown = deadline->late_request ? RD_BUNDLE_DEADLINE_REVIEW_ASKED_LATE
                                             : RD_BUNDLE_DEADLINE_REVIEW_ASKED;
              if (deadline->late_request)
                days_late = (guint) MAX (0, -rd_deadline_days_until (deadline, &deadline->met_on));
            }
          else if (deadline->state == RD_DEADLINE_LAPSED || deadline->state == RD_DEADLINE_MISSED)
            shown = RD_BUNDLE_DEADLINE_REVIEW_CLOSED;
          else
            shown = RD_BUNDLE_DEADLINE_REVIEW_OPEN;
          rd_bundle_spec_add_deadline (spec, rd_deadline_kind_get_label (kind), &deadline->due,
                                       shown, &deadline->met_on, days_late);
          continue;
        }

      if (kind == RD_DEADLINE_RESPOND && deadline->extended &&
          g_date_valid (&deadline->original_due))
        {
          g_autofree char *from = _rd_bundle_format_date (&deadline->original_due);

          if (deadline->extension_notified_late && g_date_valid (&deadline->extension_notified_on))
            {
              g_autofree char *told = _rd_bundle_format_date (&deadline->extension_notified_on);

              /* TRANSLATORS: a deadline's name in the bundle: "Respond", then why its date
               * stayed where it was */
              name = g_strdup_printf (_("%s (an extension was recorded, but the complainant "
                                        "was told of it on %s, after the due date of %s: it "
                                        "does not count)"),
                                         rd_deadline_kind_get_label (kind), told, from);
            }
          else if (g_date_valid (&deadline->due))
            {
              g_autofree char *to = _rd_bundle_format_date (&deadline->due);

              /* TRANSLATORS: a deadline's name in the bundle: "Respond", then the dates */
              name = g_strdup_printf (_("%s (extended from %s to %s)"),
                                         rd_deadline_kind_get_label (kind), from, to);
            }
        }

      switch (deadline->state)
        {
          case RD_DEADLINE_MET:
            shown = RD_BUNDLE_DEADLINE_MET;
            break;
          case RD_DEADLINE_MISSED:
            if (g_date_valid (&deadline->met_on))
              {
                shown = RD_BUNDLE_DEADLINE_LATE;
                days_late = (guint) MAX (0, -rd_deadline_days_until (deadline, &deadline->met_on));
              }
            else
              {
                shown = RD_BUNDLE_DEADLINE_OVERDUE;
                days_late = (guint) MAX (0, -rd_deadline_days_until (deadline, &today));
              }
            break;
          case RD_DEADLINE_LAPSED:
            shown = RD_BUNDLE_DEADLINE_LAPSED;
            break;
          case RD_DEADLINE_WAITING:
            shown = RD_BUNDLE_DEADLINE_WAITING;
            break;
          case RD_DEADLINE_PAUSED:
            shown = RD_BUNDLE_DEADLINE_PAUSED;
            break;
          case RD_DEADLINE_OPEN:
          default:
            shown = RD_BUNDLE_DEADLINE_OPEN;
            break;
        }
      rd_bundle_spec_add_deadline (spec, name != NULL ? name : rd_deadline_kind_get_label (kind),
                                   &deadline->due, shown, &deadline->met_on, days_late);
    }
}

/* Public API */

RdBundleSpec *
rd_bundle_spec_new_for_case (RdStore *store, RdCase *kase, const GDate *today, GError **error)
{
  g_autoptr(RdBundleSpec) spec = rd_bundle_spec_new ();
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(RdCaseState) state = NULL;
  g_autoptr(GHashTable) index_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *council = NULL;
  g_autofree char *clerk = NULL;
  g_autofree char *ico_reference = NULL;
  Source          *source;
  GDate            date;
  gint64           case_id;
  gboolean         has_received = FALSE;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (RD_IS_CASE (kase), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  case_id = rd_case_get_id (kase);
  g_date_clear (&date, 1);
  if (today != NULL && g_date_valid (today))
    date = *today;
  else
    rd_store_get_today (store, &date);

  if ((documents = rd_store_list_documents (store, case_id, error)) == NULL ||
      (events = rd_store_list_events (store, case_id, error)) == NULL ||
      (state = rd_store_get_case_state (store, case_id, &date, error)) == NULL)
    return NULL;

  /* Documents, in the order the store lists them (the order they were added). */
  source = g_new0 (Source, 1);
  g_atomic_ref_count_init (&source->ref_count);
  g_mutex_init (&source->mutex);
  source->path = g_strdup (rd_store_get_path (store));
  for (guint i = 0; i < documents->len; i++)
    {
      RdDocument *document = g_ptr_array_index (documents, i);
      Opener     *opener;
      guint       index;

      if (g_strcmp0 (rd_document_get_kind (document), RD_DOCUMENT_KIND_BUNDLE) == 0)
        continue;
      index = rd_bundle_spec_add_document (
          spec, section_for_kind (rd_document_get_kind (document)), rd_document_get_name (document),
          rd_document_get_name (document), rd_document_get_media_type (document));
      rd_bundle_spec_set_document_tag (spec, index, rd_document_get_id (document));
      opener = g_new0 (Opener, 1);
      opener->source = source_ref (source);
      opener->document_id = rd_document_get_id (document);
      rd_bundle_spec_set_document_opener (spec, index, open_document_cb, opener, opener_free);
      g_hash_table_insert (index_of, &opener->document_id, GUINT_TO_POINTER (index + 1));
    }
  source_unref (source);

  /* The chronology, from the events in timeline order. */
  for (guint i = 0; i < events->len; i++)
    {
      RdCaseEvent *event = g_ptr_array_index (events, i);
      RdEventKind  kind;
      gint64       document_id = rd_case_event_get_document_id (event);
      gpointer     found = document_id > 0 ? g_hash_table_lookup (index_of, &document_id) : NULL;
      g_autofree char *what = NULL;

      if (!rd_event_kind_from_id (rd_case_event_get_kind (event), &kind))
        kind = RD_EVENT_NOTE;
      if (kind == RD_EVENT_RECEIVED)
        has_received = TRUE;
      if (kind == RD_EVENT_ICO_NOTIFIED &&
          rd_case_event_get_detail (event, RD_DETAIL_ICO_REF) != NULL)
        {
          g_free (ico_reference);
          ico_reference = g_strdup (rd_case_event_get_detail (event, RD_DETAIL_ICO_REF));
        }

      what = describe_event (event, kind);
      rd_bundle_spec_add_chronology (spec, rd_case_event_get_date (event), what,
                                     party_for_event (kind),
                                     found != NULL ? (int) GPOINTER_TO_UINT (found) - 1 : -1, NULL);
    }
  if (!has_received && rd_case_get_received (kase) != NULL)
    {
      /* The receipt leads the chronology even where the store keeps it on the case only. */
      rd_bundle_spec_add_chronology (spec, rd_case_get_received (kase),
                                     rd_event_kind_get_label (RD_EVENT_RECEIVED),
                                     party_for_event (RD_EVENT_RECEIVED), -1, NULL);
      /* It goes first: the rows are in timeline order and nothing precedes receipt. */
      g_ptr_array_insert (spec->chronology, 0,
                          g_ptr_array_steal_index (spec->chronology, spec->chronology->len - 1));
    }

  add_deadlines (spec, state);

  council = rd_store_get_setting (store, RD_SETTING_NAME);
  clerk = rd_store_get_setting (store, RD_SETTING_CLERK);
  rd_bundle_spec_set_cover (spec, council, rd_case_get_reference (kase), ico_reference, &date,
                            clerk != NULL && *clerk != '\0' ? clerk : rd_store_get_actor (store));
  return g_steal_pointer (&spec);
}

gint64
rd_bundle_save_to_case (RdStore      *store,
                        RdCase       *kase,
                        GFile        *bundle,
                        const char   *sha256,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_autoptr(RdDocument) document = NULL;
  gint64 id;

  g_return_val_if_fail (RD_IS_STORE (store), 0);
  g_return_val_if_fail (RD_IS_CASE (kase), 0);
  g_return_val_if_fail (G_IS_FILE (bundle), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  id = rd_store_add_document_from_file (store, rd_case_get_id (kase), bundle,
                                        RD_DOCUMENT_KIND_BUNDLE, cancellable, error);
  if (id == 0)
    return 0;
  document = rd_store_get_document (store, id, error);
  if (document == NULL)
    return 0;
  if (sha256 != NULL && g_ascii_strcasecmp (rd_document_get_sha256 (document), sha256) != 0)
    {
      g_set_error_literal (
          error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_WRITE,
          _("The bundle changed on the disk before it could be saved to the case; "
                             "make it again."));
      return 0;
    }
  return id;
}
