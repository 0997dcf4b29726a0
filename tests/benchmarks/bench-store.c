/* bench-store.c: the case store at 100,000 cases.
 *
 *   build/tests/benchmarks/bench-store [CASES]
 *
 * Fills a store in a temporary folder with `demo` data (default 100,000
 * cases), then measures: opening it and fetching the first screenful of the
 * default list (50 rows); counting overdue cases; the sidebar's nine view
 * counts (each, all in one call, and version 1's SQL without the index
 * schema version 2 added); searching a surname; one
 * durable event; `redress-cli show` as a whole process; the list's memory
 * while scrolling through every case; and the process's peak memory.
 * Figures go in docs/performance.md, section "Store".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/resource.h>
#endif

#include "rd-model-private.h"

#include "bench-util.h"

#define ROUNDS 9

/* The sidebar's nine views (src/app/rd-window.c), as list filters. */
typedef enum
{
  VIEW_DUE_SOON,
  VIEW_OVERDUE,
  VIEW_ALL_OPEN,
  VIEW_AWAITING_IDENTITY,
  VIEW_AWAITING_CLARIFICATION,
  VIEW_UNDER_REVIEW,
  VIEW_WITH_ICO,
  VIEW_CLOSED,
  VIEW_DUE_FOR_DESTRUCTION,
  N_VIEWS
} View;

static const char *const view_names[N_VIEWS] = {
  "Due soon",     "Overdue",  "All open", "Awaiting identity",   "Awaiting clarification",
  "Under review", "With ICO", "Closed",   "Due for destruction",
};

/* The calendar days of "due soon" from 2026-11-01 (7 working days). */
#define SOON_DAYS 9

/*
 * The SQL version 1 ran for each view (rd-case-list.c before schema
 * version 2), with 2026-11-01 and 2026-11-10 written in; timed with the
 * index cases_next_due dropped, for the "before" figures.
 */
static const char *const v1_sql[N_VIEWS] = {
  "SELECT count(*) FROM cases c WHERE 1 AND c.status NOT IN ('closed', 'refused', 'destroyed') "
  "AND c.next_due >= '2026-11-01' AND c.next_due <= '2026-11-10'",
  "SELECT count(*) FROM cases c WHERE 1 AND c.next_due < '2026-11-01'",
  "SELECT count(*) FROM cases c WHERE 1 AND c.status NOT IN ('closed', 'refused', 'destroyed')",
  "SELECT count(*) FROM cases c WHERE 1 AND c.status IN ('awaiting-identity', 'awaiting-consent')",
  "SELECT count(*) FROM cases c WHERE 1 AND c.status IN ('awaiting-clarification')",
  "SELECT count(*) FROM cases c WHERE 1 AND c.status IN ('under-review')",
  "SELECT count(*) FROM cases c WHERE 1 AND c.status IN ('with-ico')",
  "SELECT count(*) FROM cases c WHERE 1 AND c.status IN ('closed', 'refused')",
  "SELECT count(*) FROM cases c WHERE 1 AND c.retain_until <= '2026-11-01'",
};

static void
configure_view (RdCaseList *list, View view, const GDate *today)
{
  static const char *const identity[] = { "awaiting-identity", "awaiting-consent", NULL };
  static const char *const clarification[] = { "awaiting-clarification", NULL };
  static const char *const review[] = { "under-review", NULL };
  static const char *const ico[] = { "with-ico", NULL };
  static const char *const closed[] = { "closed", "refused", NULL };

  rd_case_list_freeze (list);
  rd_case_list_set_today (list, today);
  switch (view)
    {
      case VIEW_DUE_SOON:
        rd_case_list_set_open_only (list, TRUE);
        rd_case_list_set_due_within (list, SOON_DAYS);
        break;
      case VIEW_OVERDUE:
        rd_case_list_set_overdue (list, TRUE);
        break;
      case VIEW_ALL_OPEN:
        rd_case_list_set_open_only (list, TRUE);
        break;
      case VIEW_AWAITING_IDENTITY:
        rd_case_list_set_statuses (list, identity);
        break;
      case VIEW_AWAITING_CLARIFICATION:
        rd_case_list_set_statuses (list, clarification);
        break;
      case VIEW_UNDER_REVIEW:
        rd_case_list_set_statuses (list, review);
        break;
      case VIEW_WITH_ICO:
        rd_case_list_set_statuses (list, ico);
        break;
      case VIEW_CLOSED:
        rd_case_list_set_statuses (list, closed);
        break;
      case VIEW_DUE_FOR_DESTRUCTION:
      case N_VIEWS:
      default:
        rd_case_list_set_due_for_destruction (list, TRUE);
    }
}

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof *values, rd_bench_compare_doubles);
  return values[n / 2];
}

/* kB from /proc/self/status, or -1 where there is none (not Linux). */
static gint64
proc_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (field) + 1, NULL, 10);
}

static void
print_kb (const char *what, gint64 kb)
{
  if (kb < 0)
    printf ("%-44s unavailable\n", what);
  else
    printf ("%-44s %.1f MB\n", what, (double) kb / 1024.0);
}

static void
remove_store (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("redress-bench-store-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *reference = NULL;
  guint            n_cases = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  double           times[ROUNDS], event_times[20];
  GDate            today;
  gint64           start;
  guint            n_overdue = 0, n_found = 0;
  gint64           case_id = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "council.redress", NULL);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 11, 2026);
  printf ("Store benchmark: %u demo cases, today 2026-11-01, in %s\n", n_cases, dir);

  /* Fill, as `redress-cli demo` does. */
  {
    g_autoptr(RdStore) store = NULL;
    GStatBuf st;

    start = now_us ();
    store = rd_store_open (path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH, &error);
    g_assert_no_error (error);
    g_assert_true (rd_store_fill_demo (store, n_cases, 1, &today, &error));
    g_assert_no_error (error);
    rd_store_close (store);
    printf ("%-44s %.1f s\n", "fill", (double) (now_us () - start) / G_USEC_PER_SEC);
    g_stat (path, &st);
    printf ("%-44s %.0f MB\n", "store file", (double) st.st_size / (1024.0 * 1024.0));
  }

  /* Open + first screenful of the default list (next due first). */
  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(RdStore) store = NULL;
      g_autoptr(RdCaseList) list = NULL;

      start = now_us ();
      store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      list = rd_case_list_new (store);
      rd_case_list_set_today (list, &today);
      for (guint i = 0; i < 50; i++)
        {
          g_autoptr(RdCaseListItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

          g_assert_nonnull (item);
          if (i == 0 && reference == NULL)
            {
              reference = g_strdup (rd_case_list_item_get_reference (item));
              case_id = rd_case_list_item_get_id (item);
            }
        }
      times[r] = (double) (now_us () - start) / 1000.0;
    }
  printf ("%-44s %.1f ms (median of %d)\n", "open + first 50 rows", median (times, ROUNDS), ROUNDS);

  {
    g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_NO_WATCH, &error);
    g_autoptr(RdCaseList) list = NULL;
    gint64 rss_before, rss_after;

    g_assert_no_error (error);
    rd_store_set_today (store, &today);

    for (guint r = 0; r < ROUNDS; r++)
      {
        g_autoptr(RdCaseList) overdue = rd_case_list_new (store);

        start = now_us ();
        rd_case_list_set_today (overdue, &today);
        rd_case_list_set_overdue (overdue, TRUE);
        n_overdue = g_list_model_get_n_items (G_LIST_MODEL (overdue));
        times[r] = (double) (now_us () - start) / 1000.0;
      }
    printf ("%-44s %.1f ms (%u overdue)\n", "count overdue", median (times, ROUNDS), n_overdue);

    /* The sidebar's counts: each view's RdCaseList count, then all in one call. */
    {
      double       total = 0, first_total = 0;
      guint        counts[N_VIEWS];
      RdViewCounts views;

      for (int v = 0; v < N_VIEWS; v++)
        {
          g_autofree char *label = g_strdup_printf ("count: %s", view_names[v]);
          double           first = 0;

          for (guint r = 0; r < ROUNDS; r++)
            {
              g_autoptr(RdCaseList) view_list = rd_case_list_new (store);

              configure_view (view_list, (View) v, &today);
              start = now_us ();
              rd_case_list_thaw (view_list);
              counts[v] = g_list_model_get_n_items (G_LIST_MODEL (view_list));
              times[r] = (double) (now_us () - start) / 1000.0;
              if (r == 0)
                first = times[0];
            }
          total += median (times, ROUNDS);
          first_total += first;
          printf ("%-44s %.2f ms (first %.2f; %u cases)\n", label, median (times, ROUNDS), first,
                  counts[v]);
        }
      printf ("%-44s %.1f ms (first rounds %.1f)\n", "count: all nine views, one by one", total,
              first_total);

      for (guint r = 0; r < ROUNDS; r++)
        {
          start = now_us ();
          g_assert_true (rd_store_count_views (store, &today, SOON_DAYS, &views, &error));
          g_assert_no_error (error);
          times[r] = (double) (now_us () - start) / 1000.0;
        }
      g_assert_cmpuint (views.due_soon, ==, counts[VIEW_DUE_SOON]);
      g_assert_cmpuint (views.overdue, ==, counts[VIEW_OVERDUE]);
      g_assert_cmpuint (views.open, ==, counts[VIEW_ALL_OPEN]);
      g_assert_cmpuint (views.closed, ==, counts[VIEW_CLOSED]);
      g_assert_cmpuint (views.due_for_destruction, ==, counts[VIEW_DUE_FOR_DESTRUCTION]);
      printf ("%-44s %.2f ms (median of %d)\n", "rd_store_count_views (all views, one call)",
              median (times, ROUNDS), ROUNDS);

      /* Before: version 1's SQL without the index version 2 adds. */
      g_assert_true (_rd_store_exec_sql (store, "DROP INDEX cases_next_due", &error));
      g_assert_no_error (error);
      total = 0;
      for (int v = 0; v < N_VIEWS; v++)
        {
          g_autofree char *label = g_strdup_printf ("  version 1: %s", view_names[v]);
          gint64           n = 0;

          for (guint r = 0; r < ROUNDS; r++)
            {
              start = now_us ();
              n = _rd_store_count_sql (store, v1_sql[v]);
              times[r] = (double) (now_us () - start) / 1000.0;
            }
          total += median (times, ROUNDS);
          printf ("%-44s %.2f ms (%" G_GINT64_FORMAT " cases)\n", label, median (times, ROUNDS), n);
        }
      printf ("%-44s %.1f ms\n", "  version 1: all nine views", total);
      g_assert_true (_rd_store_exec_sql (store,
                                         "CREATE INDEX cases_next_due ON cases (next_due, status) "
                                         "WHERE next_due IS NOT NULL",
                                         &error));
      g_assert_no_error (error);
    }

    for (guint r = 0; r < ROUNDS; r++)
      {
        g_autoptr(RdCaseList) found = rd_case_list_new (store);

        start = now_us ();
        rd_case_list_set_search (found, "Pritchard");
        n_found = g_list_model_get_n_items (G_LIST_MODEL (found));
        for (guint i = 0; i < MIN (n_found, 50); i++)
          g_object_unref (g_list_model_get_item (G_LIST_MODEL (found), i));
        times[r] = (double) (now_us () - start) / 1000.0;
      }
    printf ("%-44s %.1f ms (%u found, first 50 fetched)\n", "search a surname",
            median (times, ROUNDS), n_found);

    for (guint r = 0; r < G_N_ELEMENTS (event_times); r++)
      {
        g_autoptr(RdCaseEvent) event = rd_case_event_new ("note", &today);

        rd_case_event_set_note (event, "Benchmark note.");
        start = now_us ();
        g_assert_cmpint (rd_store_add_event (store, case_id, event, &error), >, 0);
        event_times[r] = (double) (now_us () - start) / 1000.0;
      }
    printf ("%-44s %.1f ms (median of %u, synchronous=FULL)\n", "one durable event",
            median (event_times, G_N_ELEMENTS (event_times)), (guint) G_N_ELEMENTS (event_times));

    /* The list's memory while every case passes through it. */
    list = rd_case_list_new (store);
    rd_case_list_set_today (list, &today);
    rss_before = proc_status_kb ("VmRSS:");
    start = now_us ();
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
      g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
    rss_after = proc_status_kb ("VmRSS:");
    printf ("%-44s %.1f s, %u rows cached at the end\n", "scroll through every case",
            (double) (now_us () - start) / G_USEC_PER_SEC, _rd_case_list_count_cached_items (list));
    if (rss_before >= 0 && rss_after >= 0)
      printf ("%-44s %+.1f MB\n", "resident memory change while scrolling",
              (double) (rss_after - rss_before) / 1024.0);
    else
      printf ("%-44s unavailable\n", "resident memory change while scrolling");
  }

  /* What `show` does inside the process: open, find, work the case out, JSON. */
  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(RdStore) store = NULL;
      g_autoptr(RdCase) kase = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;

      start = now_us ();
      store = rd_store_open (path, RD_STORE_OPEN_NO_WATCH, &error);
      kase = rd_store_find_case (store, reference, &error);
      node = rd_store_case_to_json (store, rd_case_get_id (kase), &today, &error);
      text = json_to_string (node, TRUE);
      times[r] = (double) (now_us () - start) / 1000.0;
    }
  printf ("%-44s %.1f ms (median of %d)\n", "show in-process: open, find, JSON",
          median (times, ROUNDS), ROUNDS);

  /* `redress-cli show` as a whole process, as a clerk's script runs it. */
#ifdef G_OS_UNIX
  {
    struct rusage before, after;
    double        cpu;

    getrusage (RUSAGE_CHILDREN, &before);
#endif
    for (guint r = 0; r < ROUNDS; r++)
      {
        g_autoptr(GSubprocess) process = NULL;

        start = now_us ();
        process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, REDRESS_CLI_PATH,
                                    "--store", path, "show", reference, "--json", "--on",
                                    "2026-11-01", NULL);
        g_assert_no_error (error);
        g_assert_true (g_subprocess_wait_check (process, NULL, &error));
        g_assert_no_error (error);
        times[r] = (double) (now_us () - start) / 1000.0;
      }
    printf ("%-44s %.1f ms (median of %d)\n", "redress-cli show REF --json (process)",
            median (times, ROUNDS), ROUNDS);
#ifdef G_OS_UNIX
    getrusage (RUSAGE_CHILDREN, &after);
    cpu = (double) (after.ru_utime.tv_sec - before.ru_utime.tv_sec + after.ru_stime.tv_sec -
                    before.ru_stime.tv_sec) *
              1000.0 +
          (double) (after.ru_utime.tv_usec - before.ru_utime.tv_usec + after.ru_stime.tv_usec -
                    before.ru_stime.tv_usec) /
              1000.0;
    printf ("%-44s %.1f ms\n", "  of which CPU time (user + system), mean", cpu / ROUNDS);
  }
#endif
  {
    g_autoptr(GSubprocess) process = NULL;
    double version[ROUNDS];

    for (guint r = 0; r < ROUNDS; r++)
      {
        g_clear_object (&process);
        start = now_us ();
        process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, REDRESS_CLI_PATH,
                                    "version", NULL);
        g_assert_true (g_subprocess_wait_check (process, NULL, &error));
        version[r] = (double) (now_us () - start) / 1000.0;
      }
    printf ("%-44s %.1f ms (median of %d)\n", "  for comparison, redress-cli version",
            median (version, ROUNDS), ROUNDS);
  }

  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(GSubprocess) process = NULL;

      start = now_us ();
      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, REDRESS_CLI_PATH,
                                  "--store", path, "verify", NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_wait_check (process, NULL, &error));
      times[r] = (double) (now_us () - start) / 1000.0;
      if (r == 2)
        break;
    }
  printf ("%-44s %.0f ms\n", "redress-cli verify (process)", times[2]);

  print_kb ("peak memory of this process (VmHWM)", proc_status_kb ("VmHWM:"));

  remove_store (path);
  g_rmdir (dir);
  return 0;
}
