/* test-audit.c: the audit trail: one entry per change, ids and no personal
 * data, a SHA-256 hash chain checked end to end, append-only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-model-private.h"
#include "store-test-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  RdStore *store;
} Fixture;

/* Personal data that must never reach the audit trail. */
static const char *const secrets[] = {
  "Zebedee Quixote",
  "Flat 9, Yellowhammer Lane",
  "zq@example.org",
  "PL1 1AA",
  "Quarrelled about the hedge",
  "Grudge against the mayor",
  "Keep out of the minutes",
};

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) kase = rd_case_new ();
  g_autoptr(RdPerson) subject = rd_person_new (secrets[0]);
  g_autoptr(RdCaseEvent) note = rd_case_event_new ("note", rd_test_date ("2026-01-06"));
  g_autoptr(RdCaseEvent) refused = rd_case_event_new ("refused", rd_test_date ("2026-01-07"));
  g_autoptr(GBytes) bytes = g_bytes_new_static ("scan", 4);
  const guint factors[] = { 3 };

  f->dir = g_dir_make_tmp ("redress-test-audit-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "council.redress", NULL);
  f->store = rd_store_open (f->path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  rd_store_set_actor (f->store, "clerk-account");
  rd_store_set_today (f->store, rd_test_date ("2026-03-02"));

  g_assert_true (rd_store_set_setting (f->store, RD_SETTING_CLERK, "Yolanda Clerkwell", &error));
  rd_person_set_address (subject, secrets[1]);
  rd_person_set_email (subject, secrets[2]);
  rd_person_set_postcode (subject, secrets[3]);
  rd_case_set_received (kase, rd_test_date ("2026-01-05"));
  rd_case_set_subject (kase, subject);
  rd_case_set_summary (kase, secrets[4]);
  g_assert_true (rd_store_add_case (f->store, kase, &error));
  rd_case_event_set_note (note, secrets[6]);
  g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (kase), note, &error), >, 0);
  rd_case_event_set_factors (refused, factors, 1);
  rd_case_event_set_detail (refused, RD_DETAIL_REASONS, secrets[5]);
  g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (kase), refused, &error), >, 0);
  g_assert_cmpint (rd_store_add_document_from_bytes (f->store, rd_case_get_id (kase),
                                                     "Zebedee-Quixote-passport.png", "image/png",
                                                     RD_DOCUMENT_KIND_IDENTITY, bytes, &error),
                   >, 0);
  g_assert_true (rd_store_update_person (f->store, rd_case_get_subject (kase), &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  rd_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GPtrArray *
entries (RdStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *all = rd_store_list_audit_entries (store, 0, 1000, &error);

  g_assert_no_error (error);
  return all;
}

static void
test_entries (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) all = entries (f->store);
  const char *expected[] = { "store.create", "settings.update", "case.create",  "event.add",
                             "event.add",    "document.add",    "person.update" };

  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < all->len; i++)
    {
      RdAuditEntry *entry = g_ptr_array_index (all, i);
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (entry->at, NULL);

      g_assert_cmpint (entry->id, ==, i + 1);
      g_assert_cmpstr (entry->action, ==, expected[i]);
      g_assert_nonnull (at);
      g_assert_true (g_str_has_suffix (entry->at, "Z"));
      g_assert_cmpuint (strlen (entry->hash), ==, 64);
      if (i > 0)
        g_assert_cmpstr (entry->who, ==, "clerk-account");
    }
  g_assert_cmpstr (((RdAuditEntry *) g_ptr_array_index (all, 1))->records, ==, "setting=clerk");
  g_assert_true (
      g_str_has_prefix (((RdAuditEntry *) g_ptr_array_index (all, 4))->records, "case=1 "));
}

static void
test_no_personal_data (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) all = entries (f->store);

  for (guint i = 0; i < all->len; i++)
    {
      RdAuditEntry    *entry = g_ptr_array_index (all, i);
      g_autofree char *text = g_strjoin ("|", entry->at, entry->who, entry->action, entry->records,
                                         NULL);

      for (gsize s = 0; s < G_N_ELEMENTS (secrets); s++)
        g_assert_null (strstr (text, secrets[s]));
      g_assert_null (strstr (text, "Zebedee"));
      g_assert_null (strstr (text, "Yolanda"));
    }
}

/* The chain, recomputed here from the documented recipe (docs/store.md). */
static void
test_chain (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) all = entries (f->store);
  g_autoptr(GError) error = NULL;
  g_autofree char *prev = g_strnfill (64, '0');
  guint64          n = 0;

  for (guint i = 0; i < all->len; i++)
    {
      RdAuditEntry    *entry = g_ptr_array_index (all, i);
      g_autofree char *input = g_strdup_printf ("%s\n%" G_GINT64_FORMAT "\n%s\n%s\n%s\n%s", prev,
                                                entry->id, entry->at, entry->who, entry->action,
                                                entry->records);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, input, -1);

      g_assert_cmpstr (entry->prev_hash, ==, prev);
      g_assert_cmpstr (entry->hash, ==, hash);
      g_free (prev);
      prev = g_strdup (entry->hash);
    }
  g_assert_true (rd_store_verify (f->store, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, all->len);
}

static void
test_append_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (
      _rd_store_exec_sql (f->store, "UPDATE audit SET who = 'someone' WHERE id = 3", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (_rd_store_exec_sql (f->store, "DELETE FROM audit WHERE id = 3", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (rd_store_verify (f->store, NULL, &error));
}

static void
test_tampering (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  /* Someone with the file and a SQLite shell removes the guard and edits an entry. */
  g_assert_true (_rd_store_exec_sql (f->store,
                                     "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"
                                     "UPDATE audit SET records = 'case=2' WHERE id = 4",
                                     &error));
  g_assert_false (rd_store_verify (f->store, NULL, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "entry 4"));
  g_clear_error (&error);

  /* Put it back as it was, then delete one from the middle. */
  g_assert_true (_rd_store_exec_sql (
      f->store, "UPDATE audit SET records = 'case=1 event=2 kind=note' WHERE id = 4", &error));
  g_assert_true (rd_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (_rd_store_exec_sql (f->store, "DELETE FROM audit WHERE id = 5", &error));
  g_assert_false (rd_store_verify (f->store, NULL, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "entry 5"));
}

/* A document's content changed behind the store's back. */
static void
test_document_tampering (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (
      _rd_store_exec_sql (f->store, "UPDATE document_content SET content = X'73636160'", &error));
  g_assert_false (rd_store_verify (f->store, NULL, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "SHA-256"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/audit/entries", test_entries);
  ADD ("/audit/no-personal-data", test_no_personal_data);
  ADD ("/audit/chain", test_chain);
  ADD ("/audit/append-only", test_append_only);
  ADD ("/audit/tampering", test_tampering);
  ADD ("/audit/document-tampering", test_document_tampering);
#undef ADD

  return g_test_run ();
}
