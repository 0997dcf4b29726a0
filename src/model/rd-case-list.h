/* rd-case-list.h: a GListModel of cases over a query, fetched a page at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_LIST_ITEM (rd_case_list_item_get_type ())

G_DECLARE_FINAL_TYPE (RdCaseListItem, rd_case_list_item, RD, CASE_LIST_ITEM, GObject)

/**
 * RdCaseListItem:
 *
 * One row of an #RdCaseList: only the columns a list shows. Read-only
 * properties "id" (gint64), "reference", "complainant", "status" (the rules'
 * status id), "next-due" and "received" (ISO 8601 strings; "next-due" is
 * NULL when nothing is due), and "retain-until". Load the whole case with
 * rd_store_get_case() when it is opened.
 */

gint64      rd_case_list_item_get_id (RdCaseListItem *self);
const char *rd_case_list_item_get_reference (RdCaseListItem *self);
const char *rd_case_list_item_get_complainant (RdCaseListItem *self);
const char *rd_case_list_item_get_status (RdCaseListItem *self);
/* NULL when nothing is due. */
const GDate *rd_case_list_item_get_next_due (RdCaseListItem *self);
const GDate *rd_case_list_item_get_received (RdCaseListItem *self);
/* NULL while the case is open. */
const GDate *rd_case_list_item_get_retain_until (RdCaseListItem *self);

#define RD_TYPE_CASE_LIST (rd_case_list_get_type ())

G_DECLARE_FINAL_TYPE (RdCaseList, rd_case_list, RD, CASE_LIST, GObject)

/**
 * RdCaseSort:
 * @RD_CASE_SORT_NEXT_DUE: by next due date, cases with nothing due last (the default)
 * @RD_CASE_SORT_RECEIVED: by date received
 * @RD_CASE_SORT_REFERENCE: by reference
 * @RD_CASE_SORT_COMPLAINANT: by the data subject's name
 * @RD_CASE_SORT_STATUS: by status, then next due date
 */
typedef enum
{
  RD_CASE_SORT_NEXT_DUE,
  RD_CASE_SORT_RECEIVED,
  RD_CASE_SORT_REFERENCE,
  RD_CASE_SORT_COMPLAINANT,
  RD_CASE_SORT_STATUS,
} RdCaseSort;

/**
 * RdCaseList:
 *
 * A #GListModel of #RdCaseListItem over the store's cases, filtered and
 * sorted by the store. It counts the matching cases with one query and
 * fetches rows in pages of 200 as they are asked for, keeping the last few
 * pages, so its memory does not grow with the number of cases. When the
 * store changes (here or in another program) it counts again and emits
 * items-changed.
 *
 * Filters combine with AND: a set of statuses (or "open only"), overdue
 * (next due before "today"), due within N days of "today", due for
 * destruction (retention ended before "today"), and full-text search over
 * references, names, postcodes, e-mail addresses, summaries and notes.
 * "today" defaults to the local date when the list is made.
 *
 * Each setter refreshes the list at once; wrap several in
 * rd_case_list_freeze() / rd_case_list_thaw() to refresh once.
 */

RdCaseList *rd_case_list_new (RdStore *store);
RdStore    *rd_case_list_get_store (RdCaseList *self);

void rd_case_list_freeze (RdCaseList *self);
void rd_case_list_thaw (RdCaseList *self);

void rd_case_list_set_today (RdCaseList *self, const GDate *today);
/* NULL or empty: any status. Status ids as the rules name them. */
void rd_case_list_set_statuses (RdCaseList *self, const char *const *statuses);
/* Only cases not closed, refused or destroyed. */
void rd_case_list_set_open_only (RdCaseList *self, gboolean open_only);
void rd_case_list_set_overdue (RdCaseList *self, gboolean overdue);
/* Next due on or after today and at most @days calendar days later; -1 turns it off. */
void rd_case_list_set_due_within (RdCaseList *self, int days);
void rd_case_list_set_due_for_destruction (RdCaseList *self, gboolean due);
/* NULL or blank: no search. Each word matches the start of a word (prefix). */
void rd_case_list_set_search (RdCaseList *self, const char *text);
void rd_case_list_set_sort (RdCaseList *self, RdCaseSort sort, gboolean descending);

/* Re-counts and re-reads (done by itself when the store changes). */
void rd_case_list_refresh (RdCaseList *self);
/* The last query's error, if counting failed (the list is then empty). */
const GError *rd_case_list_get_error (RdCaseList *self);

/**
 * RdViewCounts:
 *
 * The number of cases in each of the sidebar's views, as rd_store_count_views()
 * counts them. Each equals the length of an #RdCaseList with today and:
 * @due_soon: open only, due within the days given; @due_today: open only, due
 * within 0 days; @overdue: overdue; @open: open only; @awaiting_identity:
 * statuses awaiting-identity and awaiting-consent; @awaiting_clarification,
 * @under_review, @with_ico: that status; @closed: closed and refused;
 * @due_for_destruction: due for destruction.
 */
typedef struct
{
  guint due_soon;
  guint due_today;
  guint overdue;
  guint open;
  guint awaiting_identity;
  guint awaiting_clarification;
  guint under_review;
  guint with_ico;
  guint closed;
  guint due_for_destruction;
} RdViewCounts;

/* Counts every view in one statement (one consistent snapshot, a few ms at
 * 100,000 cases); @due_soon_days in calendar days, as
 * rd_case_list_set_due_within(). Uses @store's connection: a worker thread
 * counts on a store it opened itself. */
gboolean rd_store_count_views (RdStore      *store,
                               const GDate  *today,
                               int           due_soon_days,
                               RdViewCounts *out,
                               GError      **error);

G_END_DECLS
