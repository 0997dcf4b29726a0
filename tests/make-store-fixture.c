/* make-store-fixture.c: writes tests/data/stores/v<N>.redress, the fixture
 * store of the current schema version, for the migration tests of later
 * versions. Run by hand when a schema version is added; never by the tests:
 *
 *   build/tests/make-store-fixture tests/data/stores/v1.redress
 *
 * The content is small and fixed (test-store-open.c checks it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rd-model.h"

static GDate *
date (guint day, guint month, guint year)
{
  static GDate dates[8];
  static guint next;
  GDate       *d = &dates[next++ % G_N_ELEMENTS (dates)];

  g_date_clear (d, 1);
  g_date_set_dmy (d, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return d;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) first = rd_case_new ();
  g_autoptr(RdCase) second = rd_case_new ();
  g_autoptr(RdPerson) ann = rd_person_new ("Ann Fixture");
  g_autoptr(RdPerson) bryn = rd_person_new ("Bryn Fixture-Jones");
  g_autoptr(RdPerson) carys = rd_person_new ("Carys Representative");
  g_autoptr(RdCaseEvent) ack = rd_case_event_new ("acknowledged", date (7, 1, 2026));
  g_autoptr(RdCaseEvent) outcome = rd_case_event_new ("outcome-sent", date (2, 2, 2026));
  g_autoptr(RdCaseEvent) consent = rd_case_event_new ("consent-received", date (9, 1, 2026));
  g_autoptr(GBytes) scan = g_bytes_new_static ("Fixture evidence, version 1.\n", 29);

  if (argc != 2)
    {
      g_printerr ("usage: make-store-fixture FILE\n");
      return 2;
    }
  g_unlink (argv[1]);
  store = rd_store_open (argv[1], RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH, &error);
  if (store == NULL)
    goto fail;
  rd_store_set_actor (store, "fixture");
  rd_store_set_today (store, date (2, 3, 2026));
  if (!rd_store_set_setting (store, RD_SETTING_NAME, "Fixture Town Council", &error) ||
      !rd_store_set_setting (store, RD_SETTING_PREFIX, "FIX", &error))
    goto fail;

  rd_person_set_postcode (ann, "CW7 1AA");
  rd_case_set_received (first, date (5, 1, 2026));
  rd_case_set_subject (first, ann);
  rd_case_set_summary (first, "Fixture case one.");
  if (!rd_store_add_case (store, first, &error) ||
      rd_store_add_event (store, rd_case_get_id (first), ack, &error) == 0)
    goto fail;
  rd_case_event_set_detail (outcome, RD_DETAIL_OUTCOME, "partly-upheld");
  rd_case_event_set_note (outcome, "Sent by post.");
  if (rd_store_add_event (store, rd_case_get_id (first), outcome, &error) == 0 ||
      rd_store_add_document_from_bytes (store, rd_case_get_id (first), "evidence.txt", "text/plain",
                                        RD_DOCUMENT_KIND_EVIDENCE, scan, &error) == 0)
    goto fail;

  rd_case_set_received (second, date (6, 1, 2026));
  rd_case_set_subject (second, bryn);
  rd_case_set_representative (second, carys, RD_AUTHORITY_WRITTEN_CONSENT);
  if (!rd_store_add_case (store, second, &error) ||
      rd_store_add_event (store, rd_case_get_id (second), consent, &error) == 0)
    goto fail;

  rd_store_close (store);
  return 0;

fail:
  g_printerr ("make-store-fixture: %s\n", error->message);
  return 1;
}
