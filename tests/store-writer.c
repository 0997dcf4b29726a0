/* store-writer.c: a helper process for the store tests (not a test itself).
 *
 *   store-writer write STORE   records events on the store's first case for
 *                              ever, printing each event's id after its
 *                              commit; the crash test kills it at random
 *   store-writer lock STORE    holds the store's write lock until stdin closes
 *   store-writer open STORE    opens the store and prints "ok" or the error
 *                              code and message (the read-only test runs it
 *                              as another user)
 *   store-writer count STORE   opens the store read-only and prints the
 *                              number of events (another process's view)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rd-model-private.h"

static int
write_forever (RdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rd_store_list_case_ids (store, &error);
  GDate  on;
  gint64 case_id;

  if (ids == NULL || ids->len == 0)
    {
      g_printerr ("store-writer: no case to write to\n");
      return 1;
    }
  case_id = g_array_index (ids, gint64, ids->len - 1);
  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 7, 1, 2026);

  for (guint i = 0;; i++)
    {
      g_autoptr(RdCaseEvent) event = rd_case_event_new ("note", &on);
      g_autofree char *note = g_strdup_printf ("Note number %u, written before a crash.", i);
      gint64           id;

      rd_case_event_set_note (event, note);
      if (i % 7 == 3)
        {
          /* Now and then a document with its note, in the same transaction. */
          g_autofree char *content = g_strnfill (20000 + i % 5000, 'a' + i % 26);
          g_autoptr(GBytes)
                         bytes = g_bytes_new_take (g_steal_pointer (&content), 20000 + i % 5000);

          id = rd_store_add_event_with_document (store, case_id, event, "scan.txt", "text/plain",
                                                 RD_DOCUMENT_KIND_EVIDENCE, bytes, &error);
        }
      else
        id = rd_store_add_event (store, case_id, event, &error);
      if (id == 0)
        {
          g_printerr ("store-writer: %s\n", error->message);
          return 1;
        }
      /* Acknowledged only once committed. */
      printf ("%" G_GINT64_FORMAT "\n", id);
      fflush (stdout);
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  GDate today;

  if (argc != 3)
    {
      g_printerr ("usage: store-writer write|lock|open|count STORE\n");
      return 2;
    }

  if (strcmp (argv[1], "count") == 0)
    {
      store = rd_store_open (argv[2], RD_STORE_OPEN_READ_ONLY | RD_STORE_OPEN_NO_WATCH, &error);
      if (store == NULL)
        {
          g_printerr ("store-writer: %s\n", error->message);
          return 1;
        }
      printf ("%" G_GINT64_FORMAT "\n", _rd_store_count_sql (store, "SELECT count(*) FROM events"));
      return 0;
    }

  store = rd_store_open (argv[2], RD_STORE_OPEN_NO_WATCH, &error);
  if (strcmp (argv[1], "open") == 0)
    {
      if (store == NULL)
        printf ("error %d %s\n", error->code, error->message);
      else
        printf ("ok\n");
      return 0;
    }
  if (store == NULL)
    {
      g_printerr ("store-writer: %s\n", error->message);
      return 1;
    }
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 2, 3, 2026);
  rd_store_set_today (store, &today);

  if (strcmp (argv[1], "write") == 0)
    return write_forever (store);

  if (strcmp (argv[1], "lock") == 0)
    {
      char buffer[64];

      if (!_rd_store_exec_sql (store, "BEGIN IMMEDIATE", &error))
        {
          g_printerr ("store-writer: %s\n", error->message);
          return 1;
        }
      printf ("locked\n");
      fflush (stdout);
      while (fgets (buffer, sizeof buffer, stdin) != NULL)
        ;
      _rd_store_exec_sql (store, "ROLLBACK", NULL);
      return 0;
    }
  return 2;
}
