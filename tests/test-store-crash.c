/* test-store-crash.c: a process writing events is killed with SIGKILL at
 * random moments, many times; after each kill the store opens, passes
 * verification, and holds every event whose commit was acknowledged.
 *
 * The writer is tests/store-writer.c: it prints each event's id only after
 * the transaction that recorded it has committed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "rd-model-private.h"
#include "store-test-util.h"

#define MAX_SECONDS 40
#define MAX_ROUNDS  25

#ifdef G_OS_UNIX
static void
test_crash (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("redress-test-crash-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "council.redress", NULL);
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "store-writer", NULL);
  g_autoptr(GHashTable)
                 acknowledged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 deadline = g_get_monotonic_time () + MAX_SECONDS * G_USEC_PER_SEC;
  guint  rounds = 0, killed_mid_stream = 0;

  g_assert_no_error (error);
  {
    g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH,
                                               &error);
    g_autoptr(RdCase) kase = rd_case_new ();
    g_autoptr(RdPerson) subject = rd_person_new ("Nia Crash");

    g_assert_no_error (error);
    rd_store_set_today (store, rd_test_date ("2026-03-02"));
    rd_case_set_received (kase, rd_test_date ("2026-01-05"));
    rd_case_set_subject (kase, subject);
    g_assert_true (rd_store_add_case (store, kase, &error));
    g_assert_no_error (error);
  }

  while (rounds < MAX_ROUNDS && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(RdStore) store = NULL;
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GHashTable)
                     present = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_autofree char *output = NULL;
      g_auto(GStrv) lines = NULL;
      guint new_ids = 0;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                &error, writer, "write", path, NULL);
      g_assert_no_error (error);
      /* Anywhere from while it opens the store to well into its writing. */
      g_usleep (g_test_rand_int_range (1000, 300000));
      g_subprocess_send_signal (child, SIGKILL);
      g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, &output, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child));
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

      lines = g_strsplit (output, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          gint64 id;

          /* A line cut short by the kill was never acknowledged. */
          if (lines[i + 1] == NULL)
            break;
          id = g_ascii_strtoll (lines[i], NULL, 10);
          g_assert_cmpint (id, >, 0);
          g_hash_table_add (acknowledged, g_memdup2 (&id, sizeof id));
          new_ids++;
        }
      if (new_ids > 0)
        killed_mid_stream++;

      /* After the crash: opens, verifies, and keeps everything acknowledged. */
      store = rd_store_open (path, RD_STORE_OPEN_NO_WATCH, &error);
      g_assert_no_error (error);
      g_assert_true (rd_store_verify (store, NULL, &error));
      g_assert_no_error (error);
      ids = rd_store_list_case_ids (store, &error);
      g_assert_cmpuint (ids->len, ==, 1);
      events = rd_store_list_events (store, g_array_index (ids, gint64, 0), &error);
      g_assert_no_error (error);
      for (guint i = 0; i < events->len; i++)
        {
          RdCaseEvent *event = g_ptr_array_index (events, i);
          gint64       id = rd_case_event_get_id (event);

          g_hash_table_add (present, g_memdup2 (&id, sizeof id));
        }
      {
        GHashTableIter iter;
        gpointer       key;

        g_hash_table_iter_init (&iter, acknowledged);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          if (!g_hash_table_contains (present, key))
            g_error ("event %" G_GINT64_FORMAT " was acknowledged but is missing after a crash",
                     *(gint64 *) key);
      }
      rounds++;
    }

  g_test_message ("%u kills, %u in the middle of writing, %u events acknowledged", rounds,
                  killed_mid_stream, g_hash_table_size (acknowledged));
  g_assert_cmpuint (rounds, >=, 5);
  g_assert_cmpuint (killed_mid_stream, >=, 3);
  rd_test_rm_rf (dir);
}
#endif

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#ifdef G_OS_UNIX
  g_test_add_func ("/store-crash/sigkill", test_crash);
#else
  /* There is no SIGKILL on Windows. */
#endif

  return g_test_run ();
}
