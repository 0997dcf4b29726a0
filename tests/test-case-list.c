/* test-case-list.c: RdCaseList over a demo store: paging, filters, sorts,
 * search, items-changed, bounded memory; and the demo data itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-model-private.h"
#include "store-test-util.h"

#define N_CASES 3000

typedef struct
{
  char    *dir;
  char    *path;
  RdStore *store;
  GDate    today;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("redress-test-list-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "council.redress", NULL);
  f->store = rd_store_open (f->path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  f->today = *rd_test_date ("2026-11-01");
  rd_store_set_today (f->store, &f->today);
  g_assert_true (rd_store_fill_demo (f->store, N_CASES, 42, &f->today, &error));
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

static RdCaseList *
new_list (Fixture *f)
{
  RdCaseList *list = rd_case_list_new (f->store);

  rd_case_list_set_today (list, &f->today);
  return list;
}

static RdCaseListItem *
item_at (RdCaseList *list, guint i)
{
  RdCaseListItem *item = g_list_model_get_item (G_LIST_MODEL (list), i);

  g_assert_nonnull (item);
  g_object_unref (item); /* the list's page cache keeps it alive for the caller's use */
  return item;
}

static gint
compare_due (const GDate *a, const GDate *b)
{
  if (a == NULL && b == NULL)
    return 0;
  if (a == NULL)
    return 1;
  if (b == NULL)
    return -1;
  return g_date_compare (a, b);
}

static void
test_paging (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCaseList) list = new_list (f);
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GDate    previous;
  gboolean previous_due = FALSE, first = TRUE;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_CASES);
  g_assert_true (g_list_model_get_item_type (model) == RD_TYPE_CASE_LIST_ITEM);
  g_assert_null (g_list_model_get_item (model, N_CASES));

  /* Default order: next due, nothing due last; every item read once. */
  for (guint i = 0; i < N_CASES; i++)
    {
      g_autoptr(RdCaseListItem) item = g_list_model_get_item (model, i);
      const GDate *due;

      g_assert_nonnull (item);
      g_assert_nonnull (rd_case_list_item_get_reference (item));
      g_assert_nonnull (rd_case_list_item_get_complainant (item));
      g_assert_nonnull (rd_case_list_item_get_received (item));
      /* Each case exactly once, across page boundaries. */
      {
        gint64 id = rd_case_list_item_get_id (item);

        g_assert_false (g_hash_table_contains (seen, &id));
        g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      }
      due = rd_case_list_item_get_next_due (item);
      if (!first)
        g_assert_cmpint (compare_due (previous_due ? &previous : NULL, due), <=, 0);
      first = FALSE;
      previous_due = due != NULL;
      if (due != NULL)
        previous = *due;
      /* Memory does not grow with the number of cases read: at most 8 pages of 200. */
      g_assert_cmpuint (_rd_case_list_count_cached_items (list), <=, 1600);
    }

  /* Properties for GtkExpression bindings. */
  {
    g_autoptr(RdCaseListItem) item = g_list_model_get_item (model, 0);
    g_autofree char *received = NULL;
    g_autofree char *reference = NULL;

    g_object_get (item, "received", &received, "reference", &reference, NULL);
    g_assert_cmpuint (strlen (received), ==, 10);
    g_assert_cmpstr (reference, ==, rd_case_list_item_get_reference (item));
  }
}

static guint
count_status (Fixture *f, const char *status)
{
  g_autoptr(RdCaseList) list = new_list (f);
  const char *statuses[] = { status, NULL };

  rd_case_list_set_statuses (list, statuses);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    g_assert_cmpstr (rd_case_list_item_get_status (item_at (list, i)), ==, status);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
test_demo_statuses (Fixture *f, gconstpointer data)
{
  guint total = 0;

  /* The demo covers every status a clerk meets (destroyed cases leave no row). */
  for (int s = 0; s < RD_STATUS_N; s++)
    {
      guint n = count_status (f, rd_status_to_id (s));

      g_test_message ("%s: %u", rd_status_to_id (s), n);
      if (s != RD_STATUS_DESTROYED)
        g_assert_cmpuint (n, >, 0);
      total += n;
    }
  g_assert_cmpuint (total, ==, N_CASES);
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCaseList) list = new_list (f);
  GListModel *model = G_LIST_MODEL (list);
  GDate       later = f->today;
  guint       n_overdue, n_due, n_destroy, n_open;

  rd_case_list_set_overdue (list, TRUE);
  n_overdue = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_overdue, >, 0);
  for (guint i = 0; i < n_overdue; i++)
    g_assert_cmpint (g_date_compare (rd_case_list_item_get_next_due (item_at (list, i)), &f->today),
                     <, 0);
  rd_case_list_set_overdue (list, FALSE);

  g_date_add_days (&later, 14);
  rd_case_list_set_due_within (list, 14);
  n_due = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_due, >, 0);
  for (guint i = 0; i < n_due; i++)
    {
      const GDate *due = rd_case_list_item_get_next_due (item_at (list, i));

      g_assert_cmpint (g_date_compare (due, &f->today), >=, 0);
      g_assert_cmpint (g_date_compare (due, &later), <=, 0);
    }
  rd_case_list_set_due_within (list, -1);

  rd_case_list_set_due_for_destruction (list, TRUE);
  n_destroy = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_destroy, >, 0);
  for (guint i = 0; i < n_destroy; i++)
    {
      RdCaseListItem *item = item_at (list, i);

      g_assert_cmpstr (rd_case_list_item_get_status (item), ==, "closed");
      g_assert_cmpint (g_date_compare (rd_case_list_item_get_retain_until (item), &f->today), <=,
                       0);
    }
  rd_case_list_set_due_for_destruction (list, FALSE);

  rd_case_list_set_open_only (list, TRUE);
  n_open = g_list_model_get_n_items (model);
  for (guint i = 0; i < n_open; i++)
    {
      const char *status = rd_case_list_item_get_status (item_at (list, i));

      g_assert_cmpstr (status, !=, "closed");
      g_assert_cmpstr (status, !=, "refused");
    }
  /* Filters combine. */
  rd_case_list_set_overdue (list, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), <=, n_overdue);
  rd_case_list_set_open_only (list, FALSE);
  rd_case_list_set_overdue (list, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_CASES);

  /* An unknown status matches nothing rather than reaching the SQL. */
  {
    const char *bad[] = { "open') OR 1=1 --", NULL };

    rd_case_list_set_statuses (list, bad);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
    g_assert_null (rd_case_list_get_error (list));
  }
}

static gboolean
status_in (const char *status, const char *const *set)
{
  return g_strv_contains (set, status);
}

static void
assert_view_counts (Fixture *f, int soon_days)
{
  static const char *const closed[] = { "closed", "refused", "destroyed", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseList) list = new_list (f);
  RdViewCounts expected = { 0 };
  RdViewCounts counts;
  GDate        soon = f->today;

  g_date_add_days (&soon, (guint) soon_days);
  /* Each case classified here, one by one, from its status and dates. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      RdCaseListItem *item = item_at (list, i);
      const char     *status = rd_case_list_item_get_status (item);
      const GDate    *due = rd_case_list_item_get_next_due (item);
      const GDate    *retain = rd_case_list_item_get_retain_until (item);
      gboolean        open = !status_in (status, closed);

      if (open && due != NULL && g_date_compare (due, &f->today) >= 0 &&
          g_date_compare (due, &soon) <= 0)
        expected.due_soon++;
      if (open && due != NULL && g_date_compare (due, &f->today) == 0)
        expected.due_today++;
      if (due != NULL && g_date_compare (due, &f->today) < 0)
        expected.overdue++;
      if (open)
        expected.open++;
      if (g_str_equal (status, "awaiting-identity") || g_str_equal (status, "awaiting-consent"))
        expected.awaiting_identity++;
      if (g_str_equal (status, "awaiting-clarification"))
        expected.awaiting_clarification++;
      if (g_str_equal (status, "under-review"))
        expected.under_review++;
      if (g_str_equal (status, "with-ico"))
        expected.with_ico++;
      if (g_str_equal (status, "closed") || g_str_equal (status, "refused"))
        expected.closed++;
      if (retain != NULL && g_date_compare (retain, &f->today) <= 0)
        expected.due_for_destruction++;
    }

  g_assert_true (rd_store_count_views (f->store, &f->today, soon_days, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.due_soon, ==, expected.due_soon);
  g_assert_cmpuint (counts.due_today, ==, expected.due_today);
  g_assert_cmpuint (counts.overdue, ==, expected.overdue);
  g_assert_cmpuint (counts.open, ==, expected.open);
  g_assert_cmpuint (counts.awaiting_identity, ==, expected.awaiting_identity);
  g_assert_cmpuint (counts.awaiting_clarification, ==, expected.awaiting_clarification);
  g_assert_cmpuint (counts.under_review, ==, expected.under_review);
  g_assert_cmpuint (counts.with_ico, ==, expected.with_ico);
  g_assert_cmpuint (counts.closed, ==, expected.closed);
  g_assert_cmpuint (counts.due_for_destruction, ==, expected.due_for_destruction);
  /* The demo has cases in every view but perhaps "due today". */
  if (soon_days >= 7)
    g_assert_cmpuint (counts.due_soon, >, 0);
  g_assert_cmpuint (counts.overdue, >, 0);
  g_assert_cmpuint (counts.awaiting_identity, >, 0);
  g_assert_cmpuint (counts.awaiting_clarification, >, 0);
  g_assert_cmpuint (counts.under_review, >, 0);
  g_assert_cmpuint (counts.with_ico, >, 0);
  g_assert_cmpuint (counts.due_for_destruction, >, 0);

  /* The same as the lists the sidebar opens. */
  rd_case_list_set_open_only (list, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, counts.open);
  rd_case_list_set_due_within (list, soon_days);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, counts.due_soon);
  rd_case_list_set_due_within (list, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, counts.due_today);
}

static void
test_count_views (Fixture *f, gconstpointer data)
{
  assert_view_counts (f, 9);
  assert_view_counts (f, 0);

  /* After a change, the counts follow: a case from "due soon" is closed. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdCaseList) list = new_list (f);
    RdViewCounts before, after;

    g_assert_true (rd_store_count_views (f->store, &f->today, 9, &before, &error));
    rd_case_list_set_open_only (list, TRUE);
    rd_case_list_set_due_within (list, 9);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
    {
      gint64 id = rd_case_list_item_get_id (item_at (list, 0));
      g_autoptr(RdCaseEvent) event = rd_case_event_new ("closed", &f->today);

      if (rd_store_add_event (f->store, id, event, &error) == 0)
        {
          /* The rules may refuse closing this case on this day: then nothing to follow. */
          g_test_message ("closing refused: %s", error->message);
          return;
        }
    }
    g_assert_true (rd_store_count_views (f->store, &f->today, 9, &after, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (after.open, ==, before.open - 1);
    g_assert_cmpuint (after.closed, ==, before.closed + 1);
    g_assert_cmpuint (after.due_soon, ==, before.due_soon - 1);
    assert_view_counts (f, 9);
  }
}

static void
test_search (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCaseList) all = new_list (f);
  g_autoptr(RdCaseList) list = new_list (f);
  RdCaseListItem  *target = item_at (all, 1234);
  g_autofree char *reference = g_strdup (rd_case_list_item_get_reference (target));
  g_auto(GStrv) words = g_strsplit (rd_case_list_item_get_complainant (target), " ", -1);
  g_autofree char *prefix = g_utf8_substring (words[1], 0, 3);
  gboolean         found = FALSE;
  guint            n;

  /* By the surname's first letters, in any case. */
  rd_case_list_set_search (list, prefix);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, N_CASES);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (rd_case_list_item_get_reference (item_at (list, i)), reference) == 0)
      found = TRUE;
  g_assert_true (found);

  /* By reference. */
  rd_case_list_set_search (list, reference);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* FTS syntax typed by a clerk is taken as words. */
  rd_case_list_set_search (list, "\"NEAR( AND * OR -");
  g_assert_null (rd_case_list_get_error (list));
  rd_case_list_set_search (list, "   ");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_CASES);
}

static void
test_sorts (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCaseList) list = new_list (f);
  GListModel *model = G_LIST_MODEL (list);

  rd_case_list_set_sort (list, RD_CASE_SORT_RECEIVED, TRUE);
  for (guint i = 1; i < 600; i++)
    g_assert_cmpint (rd_case_list_item_get_id (item_at (list, i - 1)), !=,
                     rd_case_list_item_get_id (item_at (list, i)));
  for (guint i = 1; i < 600; i++)
    g_assert_cmpint (g_date_compare (rd_case_list_item_get_received (item_at (list, i - 1)),
                                     rd_case_list_item_get_received (item_at (list, i))),
                     >=, 0);
  rd_case_list_set_sort (list, RD_CASE_SORT_REFERENCE, FALSE);
  for (guint i = 1; i < 600; i++)
    g_assert_cmpint (strcmp (rd_case_list_item_get_reference (item_at (list, i - 1)),
                             rd_case_list_item_get_reference (item_at (list, i))),
                     <, 0);
  rd_case_list_set_sort (list, RD_CASE_SORT_COMPLAINANT, FALSE);
  for (guint i = 1; i < 600; i++)
    g_assert_cmpint (g_ascii_strcasecmp (rd_case_list_item_get_complainant (item_at (list, i - 1)),
                                         rd_case_list_item_get_complainant (item_at (list, i))),
                     <=, 0);
  rd_case_list_set_sort (list, RD_CASE_SORT_STATUS, FALSE);
  for (guint i = 1; i < g_list_model_get_n_items (model); i += 7)
    g_assert_cmpint (strcmp (rd_case_list_item_get_status (item_at (list, i - 1)),
                             rd_case_list_item_get_status (item_at (list, i))),
                     <=, 0);
}

typedef struct
{
  guint calls;
  guint removed;
  guint added;
} ItemsChanged;

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, gpointer data)
{
  ItemsChanged *changed = data;

  changed->calls++;
  changed->removed = removed;
  changed->added = added;
}

static void
test_items_changed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseList) list = new_list (f);
  g_autoptr(RdCase) kase = rd_case_new ();
  g_autoptr(RdPerson) subject = rd_person_new ("Owain Newcase");
  ItemsChanged changed = { 0 };
  const char  *open_statuses[] = { "open", NULL };
  guint        n_open;
  gint64       deadline;

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changed);
  rd_case_set_received (kase, &f->today);
  rd_case_set_subject (kase, subject);
  g_assert_true (rd_store_add_case (f->store, kase, &error));
  g_assert_cmpuint (changed.calls, ==, 1);
  g_assert_cmpuint (changed.removed, ==, N_CASES);
  g_assert_cmpuint (changed.added, ==, N_CASES + 1);

  /* Several filters at once: one refresh. */
  changed.calls = 0;
  rd_case_list_freeze (list);
  rd_case_list_set_statuses (list, open_statuses);
  rd_case_list_set_search (list, "Newcase");
  g_assert_cmpuint (changed.calls, ==, 0);
  rd_case_list_thaw (list);
  g_assert_cmpuint (changed.calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  n_open = g_list_model_get_n_items (G_LIST_MODEL (list));

  /* A change by another program (a second connection) reaches a watched store's lists. */
  {
    g_autoptr(RdStore) watched = rd_store_open (f->path, RD_STORE_OPEN_DEFAULT, &error);
    g_autoptr(RdCaseList) watched_list = NULL;
    g_autoptr(RdCaseEvent) event = rd_case_event_new ("acknowledged", &f->today);

    g_assert_no_error (error);
    watched_list = rd_case_list_new (watched);
    rd_case_list_set_today (watched_list, &f->today);
    rd_case_list_set_statuses (watched_list, open_statuses);
    rd_case_list_set_search (watched_list, "Newcase");
    changed.calls = 0;
    g_signal_connect (watched_list, "items-changed", G_CALLBACK (items_changed_cb), &changed);
    g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (kase), event, &error), >, 0);
    deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    while (changed.calls == 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (changed.calls, >=, 1);
    /* Still open after the acknowledgement. */
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (watched_list)), ==, n_open);
  }
}

static void
test_demo_deterministic (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "again.redress", NULL);
  g_autoptr(RdStore) again = rd_store_open (path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH,
                                             &error);
  g_autoptr(RdCaseList) a = NULL;
  g_autoptr(RdCaseList) b = NULL;

  g_assert_no_error (error);
  g_assert_true (rd_store_fill_demo (again, N_CASES, 42, &f->today, &error));
  g_assert_no_error (error);
  a = new_list (f);
  b = rd_case_list_new (again);
  rd_case_list_set_sort (a, RD_CASE_SORT_REFERENCE, FALSE);
  rd_case_list_set_sort (b, RD_CASE_SORT_REFERENCE, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (a)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (b)));
  for (guint i = 0; i < N_CASES; i += 13)
    {
      RdCaseListItem *x = item_at (a, i);
      RdCaseListItem *y = item_at (b, i);

      g_assert_cmpstr (rd_case_list_item_get_reference (x), ==,
                       rd_case_list_item_get_reference (y));
      g_assert_cmpstr (rd_case_list_item_get_complainant (x), ==,
                       rd_case_list_item_get_complainant (y));
      g_assert_cmpstr (rd_case_list_item_get_status (x), ==, rd_case_list_item_get_status (y));
      g_assert_cmpint (
          compare_due (rd_case_list_item_get_next_due (x), rd_case_list_item_get_next_due (y)), ==,
          0);
    }
  /* Received dates lie in the six years (and a few months) before today. */
  {
    RdCaseListItem *oldest;
    GDate           limit = f->today;

    rd_case_list_set_sort (a, RD_CASE_SORT_RECEIVED, FALSE);
    oldest = item_at (a, 0);
    g_date_subtract_years (&limit, 7);
    g_assert_cmpint (g_date_compare (rd_case_list_item_get_received (oldest), &limit), >, 0);
    g_assert_true (rd_store_verify (f->store, NULL, &error));
    g_assert_no_error (error);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/case-list/paging", test_paging);
  ADD ("/case-list/demo-statuses", test_demo_statuses);
  ADD ("/case-list/filters", test_filters);
  ADD ("/case-list/count-views", test_count_views);
  ADD ("/case-list/search", test_search);
  ADD ("/case-list/sorts", test_sorts);
  ADD ("/case-list/items-changed", test_items_changed);
  ADD ("/case-list/demo-deterministic", test_demo_deterministic);
#undef ADD

  return g_test_run ();
}
