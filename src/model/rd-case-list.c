/* rd-case-list.c: a GListModel of cases over a query, fetched a page at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include <string.h>

#include "rd-store-private.h"

#define PAGE_SIZE 200
#define MAX_PAGES 8

/* RdCaseListItem */

struct _RdCaseListItem
{
  GObject parent_instance;

  gint64 id;
  char  *reference;   /* owned */
  char  *complainant; /* owned */
  char  *status;      /* owned */
  GDate  next_due;
  GDate  received;
  GDate  retain_until;
};

enum
{
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_REFERENCE,
  ITEM_PROP_COMPLAINANT,
  ITEM_PROP_STATUS,
  ITEM_PROP_NEXT_DUE,
  ITEM_PROP_RECEIVED,
  ITEM_PROP_RETAIN_UNTIL,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

G_DEFINE_FINAL_TYPE (RdCaseListItem, rd_case_list_item, G_TYPE_OBJECT)

static void
rd_case_list_item_finalize (GObject *object)
{
  RdCaseListItem *self = RD_CASE_LIST_ITEM (object);

  g_free (self->reference);
  g_free (self->complainant);
  g_free (self->status);

  G_OBJECT_CLASS (rd_case_list_item_parent_class)->finalize (object);
}

static void
rd_case_list_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdCaseListItem *self = RD_CASE_LIST_ITEM (object);

  switch (prop_id)
    {
      case ITEM_PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case ITEM_PROP_REFERENCE:
        g_value_set_string (value, self->reference);
        break;
      case ITEM_PROP_COMPLAINANT:
        g_value_set_string (value, self->complainant);
        break;
      case ITEM_PROP_STATUS:
        g_value_set_string (value, self->status);
        break;
      case ITEM_PROP_NEXT_DUE:
        g_value_take_string (value, _rd_date_iso (&self->next_due));
        break;
      case ITEM_PROP_RECEIVED:
        g_value_take_string (value, _rd_date_iso (&self->received));
        break;
      case ITEM_PROP_RETAIN_UNTIL:
        g_value_take_string (value, _rd_date_iso (&self->retain_until));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_case_list_item_class_init (RdCaseListItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rd_case_list_item_finalize;
  object_class->get_property = rd_case_list_item_get_property;

  item_properties[ITEM_PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  item_properties[ITEM_PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, ro);
  item_properties[ITEM_PROP_COMPLAINANT] = g_param_spec_string ("complainant", NULL, NULL, NULL,
                                                                ro);
  item_properties[ITEM_PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, ro);
  item_properties[ITEM_PROP_NEXT_DUE] = g_param_spec_string ("next-due", NULL, NULL, NULL, ro);
  item_properties[ITEM_PROP_RECEIVED] = g_param_spec_string ("received", NULL, NULL, NULL, ro);
  item_properties[ITEM_PROP_RETAIN_UNTIL] = g_param_spec_string ("retain-until", NULL, NULL, NULL,
                                                                 ro);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
rd_case_list_item_init (RdCaseListItem *self)
{
  g_date_clear (&self->next_due, 1);
  g_date_clear (&self->received, 1);
  g_date_clear (&self->retain_until, 1);
}

gint64
rd_case_list_item_get_id (RdCaseListItem *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST_ITEM (self), 0);
  return self->id;
}

const char *
rd_case_list_item_get_reference (RdCaseListItem *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST_ITEM (self), NULL);
  return self->reference;
}

const char *
rd_case_list_item_get_complainant (RdCaseListItem *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST_ITEM (self), NULL);
  return self->complainant;
}

const char *
rd_case_list_item_get_status (RdCaseListItem *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST_ITEM (self), NULL);
  return self->status;
}

const GDate *
rd_case_list_item_get_next_due (RdCaseListItem *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST_ITEM (self), NULL);
  return g_date_valid (&self->next_due) ? &self->next_due : NULL;
}

const GDate *
rd_case_list_item_get_received (RdCaseListItem *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST_ITEM (self), NULL);
  return g_date_valid (&self->received) ? &self->received : NULL;
}

const GDate *
rd_case_list_item_get_retain_until (RdCaseListItem *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST_ITEM (self), NULL);
  return g_date_valid (&self->retain_until) ? &self->retain_until : NULL;
}

/* RdCaseList */

typedef struct
{
  guint      index;
  GPtrArray *items; /* owned: RdCaseListItem */
} Page;

/* The sort key of a row: (k1, k2, id), compared as a row value. */
typedef struct
{
  char  *k1; /* owned */
  char  *k2; /* owned */
  gint64 id;
} Key;

struct _RdCaseList
{
  GObject parent_instance;

  RdStore *store; /* owned */
  gulong   changed_id;

  GDate      today;
  GStrv      statuses; /* owned, may be NULL */
  gboolean   open_only;
  gboolean   overdue;
  int        due_within;
  gboolean   due_for_destruction;
  char      *match; /* owned: the FTS5 query, or NULL */
  RdCaseSort sort;
  gboolean   descending;

  guint       n_items;
  GQueue      pages; /* of Page*, most recently used first */
  GHashTable *keys;  /* owned: page index → Key* of the row before the page's first */
  int         frozen;
  gboolean    dirty;
  GError     *error; /* owned: the last query's error */
};

static void rd_case_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdCaseList,
                               rd_case_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rd_case_list_model_init))

/* Helpers */

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->items);
  g_free (page);
}

static void
key_free (gpointer data)
{
  Key *key = data;

  g_free (key->k1);
  g_free (key->k2);
  g_free (key);
}

static void
clear_pages (RdCaseList *self)
{
  g_queue_clear_full (&self->pages, page_free);
  if (self->keys != NULL)
    g_hash_table_remove_all (self->keys);
}

/*
 * Each word must start a word somewhere in the case: "smi" finds Smith.
 * Words are quoted, so that nothing typed is read as FTS5 syntax.
 */
static char *
build_match (const char *text)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) query = g_string_new (NULL);

  if (text == NULL)
    return NULL;
  words = g_strsplit_set (text, " \t\r\n", -1);
  for (char **word = words; *word != NULL; word++)
    {
      if (**word == '\0')
        continue;
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = *word; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }
  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

/* The statuses of an open case (not closed, refused or destroyed), quoted for SQL. */
static void
append_open_statuses (GString *sql)
{
  for (int s = 0; s < RD_STATUS_N; s++)
    {
      if (s == RD_STATUS_CLOSED || s == RD_STATUS_REFUSED || s == RD_STATUS_DESTROYED)
        continue;
      g_string_append_printf (sql, "%s'%s'", sql->str[sql->len - 1] == '(' ? "" : ", ",
                              rd_status_to_id ((RdStatus) s));
    }
}

/*
 * The WHERE clause; parameters ?1 = today, ?2 = today + due_within, ?3 = FTS query.
 * @counting: for count(*), "open only" without a due date range is written
 * as the list of open statuses, a few seeks in the index cases_status
 * (about 1 ms at 100,000 cases) where NOT IN walked the whole index (16 ms).
 * With a range of next_due, NOT IN keeps the planner on cases_next_due.
 */
static char *
build_where (RdCaseList *self, gboolean counting)
{
  g_autoptr(GString) where = g_string_new ("1");

  if (self->statuses != NULL && self->statuses[0] != NULL)
    {
      g_string_append (where, " AND c.status IN (");
      for (guint i = 0; self->statuses[i] != NULL; i++)
        {
          RdStatus status;

          /* Only the rules' own ids get into the SQL. */
          if (!rd_status_from_id (self->statuses[i], &status))
            continue;
          g_string_append_printf (where, "%s'%s'", where->str[where->len - 1] == '(' ? "" : ", ",
                                  rd_status_to_id (status));
        }
      if (where->str[where->len - 1] == '(')
        g_string_append (where, "NULL");
      g_string_append_c (where, ')');
    }
  if (self->open_only && counting && !self->overdue && self->due_within < 0)
    {
      g_string_append (where, " AND c.status IN (");
      append_open_statuses (where);
      g_string_append_c (where, ')');
    }
  else if (self->open_only)
    g_string_append (where, " AND c.status NOT IN ('closed', 'refused', 'destroyed')");
  if (self->overdue)
    g_string_append (where, " AND c.next_due < ?1");
  if (self->due_within >= 0)
    g_string_append (where, " AND c.next_due >= ?1 AND c.next_due <= ?2");
  if (self->due_for_destruction)
    g_string_append (where, " AND c.retain_until <= ?1");
  if (self->match != NULL)
    g_string_append (where, " AND c.id IN (SELECT rowid FROM case_search WHERE case_search "
                            "MATCH ?3)");
  return g_string_free (g_steal_pointer (&where), FALSE);
}

/*
 * The sort as three key columns (k1, k2, id) — the last row of a page gives
 * the start of the next, so scrolling reads each page from an index instead
 * of skipping OFFSET rows (which grew with the position: minutes at the end
 * of 100,000 cases).
 */
static void
sort_keys (RdCaseList *self, const char **k1, const char **k2)
{
  switch (self->sort)
    {
      case RD_CASE_SORT_RECEIVED:
        *k1 = "c.received";
        *k2 = "''";
        break;
      case RD_CASE_SORT_REFERENCE:
        *k1 = "c.ref";
        *k2 = "''";
        break;
      case RD_CASE_SORT_COMPLAINANT:
        *k1 = "p.name COLLATE NOCASE";
        *k2 = "''";
        break;
      case RD_CASE_SORT_STATUS:
        *k1 = "c.status";
        *k2 = "ifnull (c.next_due, '9999-12-31')";
        break;
      case RD_CASE_SORT_NEXT_DUE:
      default:
        /* Nothing due sorts last; the index cases_due serves this order. */
        *k1 = "ifnull (c.next_due, '9999-12-31')";
        *k2 = "c.received";
    }
}

static char *
order_by (RdCaseList *self)
{
  const char *k1, *k2, *dir = self->descending ? " DESC" : "";

  sort_keys (self, &k1, &k2);
  if (strcmp (k2, "''") == 0)
    return g_strdup_printf ("%s%s, c.id%s", k1, dir, dir);
  return g_strdup_printf ("%s%s, %s%s, c.id%s", k1, dir, k2, dir, dir);
}

static void
bind_filters (RdCaseList *self, sqlite3_stmt *stmt)
{
  GDate later = self->today;

  if (sqlite3_bind_parameter_index (stmt, "?1") > 0)
    _rd_bind_date (stmt, sqlite3_bind_parameter_index (stmt, "?1"), &self->today);
  if (sqlite3_bind_parameter_index (stmt, "?2") > 0)
    {
      g_date_add_days (&later, (guint) MAX (self->due_within, 0));
      _rd_bind_date (stmt, sqlite3_bind_parameter_index (stmt, "?2"), &later);
    }
  if (sqlite3_bind_parameter_index (stmt, "?3") > 0)
    _rd_bind_text (stmt, sqlite3_bind_parameter_index (stmt, "?3"), self->match);
}

static guint
count (RdCaseList *self)
{
  g_autofree char *where = build_where (self, TRUE);
  g_autofree char *sql = NULL;
  sqlite3_stmt    *stmt;
  guint            n = 0;
  int              rc;

  g_clear_error (&self->error);
  sql = g_strdup_printf ("SELECT count(*) FROM cases c WHERE %s", where);
  stmt = _rd_store_prepare (self->store, sql, &self->error);
  if (stmt == NULL)
    return 0;
  bind_filters (self, stmt);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  else
    _rd_store_set_error (self->store, rc, &self->error);
  sqlite3_reset (stmt);
  return n;
}

/* Runs one page query and appends its rows; binds ?4 = limit. FALSE on error. */
static gboolean
read_rows (RdCaseList *self,
           const char *sql,
           Page       *page,
           guint       limit,
           const Key  *start,
           gint64      offset)
{
  sqlite3_stmt *stmt;
  int           rc;

  stmt = _rd_store_prepare (self->store, sql, &self->error);
  if (stmt == NULL)
    return FALSE;
  bind_filters (self, stmt);
  sqlite3_bind_int (stmt, 4, (int) limit);
  if (sqlite3_bind_parameter_index (stmt, "?5") > 0)
    sqlite3_bind_int64 (stmt, 5, offset);
  if (start != NULL)
    {
      _rd_bind_text (stmt, 6, start->k1);
      if (sqlite3_bind_parameter_index (stmt, "?7") > 0)
        _rd_bind_text (stmt, 7, start->k2);
      if (sqlite3_bind_parameter_index (stmt, "?8") > 0)
        sqlite3_bind_int64 (stmt, 8, start->id);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdCaseListItem *item = g_object_new (RD_TYPE_CASE_LIST_ITEM, NULL);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->reference = g_strdup (_rd_column_text (stmt, 1));
      item->complainant = g_strdup (_rd_column_text (stmt, 2));
      item->status = g_strdup (_rd_column_text (stmt, 3));
      _rd_column_date (stmt, 4, &item->next_due);
      _rd_column_date (stmt, 5, &item->received);
      _rd_column_date (stmt, 6, &item->retain_until);
      g_ptr_array_add (page->items, item);
      if (page->items->len == PAGE_SIZE)
        {
          Key *next = g_new0 (Key, 1);

          next->k1 = g_strdup (_rd_column_text (stmt, 7));
          next->k2 = g_strdup (_rd_column_text (stmt, 8));
          next->id = item->id;
          g_hash_table_replace (self->keys, GUINT_TO_POINTER (page->index + 1), next);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_error (self->store, rc, &self->error);
      return FALSE;
    }
  return TRUE;
}

/*
 * A page after one already read starts right after its last row's key
 * (k1, k2, id). In two index-bounded steps: the rest of the rows with the
 * same k1 (an index range on (k1, k2, id)), then the rows with a later k1.
 * A single row-value comparison made SQLite scan from the start of the k1
 * group, and most closed cases share k1 (nothing due): minutes at 100,000.
 */
static Page *
fetch_page (RdCaseList *self, guint index)
{
  g_autofree char *where = build_where (self, FALSE);
  g_autofree char *order = order_by (self);
  g_autofree char *columns = NULL;
  const char      *k1, *k2, *after = self->descending ? "<" : ">";
  const char      *dir = self->descending ? " DESC" : "";
  Key     *start = index > 0 ? g_hash_table_lookup (self->keys, GUINT_TO_POINTER (index)) : NULL;
  Page    *page;
  gboolean ok;

  sort_keys (self, &k1, &k2);
  columns = g_strdup_printf ("SELECT c.id, c.ref, p.name, c.status, c.next_due, c.received, "
                             "c.retain_until, %s, %s FROM cases c JOIN people p "
                             "ON p.id = c.subject_id",
                             k1, k2);
  g_clear_error (&self->error);
  page = g_new0 (Page, 1);
  page->index = index;
  page->items = g_ptr_array_new_full (PAGE_SIZE, g_object_unref);

  if (start == NULL)
    {
      g_autofree char *sql = g_strdup_printf ("%s WHERE %s ORDER BY %s LIMIT ?4 OFFSET ?5", columns,
                                              where, order);

      ok = read_rows (self, sql, page, PAGE_SIZE, NULL, (gint64) index * PAGE_SIZE);
    }
  else
    {
      g_autofree char *same = g_strdup_printf (
          "%s WHERE %s AND %s = ?6 AND (%s, c.id) %s (?7, ?8) ORDER BY %s%s, c.id%s LIMIT ?4",
          columns, where, k1, k2, after, k2, dir, dir);
      g_autofree char *later = g_strdup_printf ("%s WHERE %s AND %s %s ?6 ORDER BY %s LIMIT ?4",
                                                columns, where, k1, after, order);

      ok = read_rows (self, same, page, PAGE_SIZE, start, 0);
      if (ok && page->items->len < PAGE_SIZE)
        ok = read_rows (self, later, page, PAGE_SIZE - page->items->len, start, 0);
    }
  if (!ok && page->items->len == 0)
    {
      page_free (page);
      return NULL;
    }
  return page;
}

static Page *
get_page (RdCaseList *self, guint index)
{
  Page *page;

  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      page = l->data;
      if (page->index == index)
        {
          /* Most recently used first. */
          g_queue_unlink (&self->pages, l);
          g_queue_push_head_link (&self->pages, l);
          return page;
        }
    }
  page = fetch_page (self, index);
  if (page == NULL)
    return NULL;
  g_queue_push_head (&self->pages, page);
  while (g_queue_get_length (&self->pages) > MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
  return page;
}

static void
refresh (RdCaseList *self)
{
  guint old = self->n_items;

  if (self->frozen > 0)
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;
  clear_pages (self);
  self->n_items = count (self);
  if (old != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
}

static void
store_changed_cb (RdCaseList *self, guint what, gint64 case_id, RdStore *store)
{
  if ((what & (RD_STORE_CHANGE_CASES | RD_STORE_CHANGE_EXTERNAL)) != 0)
    refresh (self);
}

/* GListModel */

static GType
rd_case_list_get_item_type (GListModel *model)
{
  return RD_TYPE_CASE_LIST_ITEM;
}

static guint
rd_case_list_get_n_items (GListModel *model)
{
  return RD_CASE_LIST (model)->n_items;
}

static gpointer
rd_case_list_get_item (GListModel *model, guint position)
{
  RdCaseList *self = RD_CASE_LIST (model);
  Page       *page;
  guint       offset = position % PAGE_SIZE;

  if (position >= self->n_items)
    return NULL;
  page = get_page (self, position / PAGE_SIZE);
  /* The store may have changed under us before its signal came: NULL, not a crash. */
  if (page == NULL || offset >= page->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (page->items, offset));
}

static void
rd_case_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rd_case_list_get_item_type;
  iface->get_n_items = rd_case_list_get_n_items;
  iface->get_item = rd_case_list_get_item;
}

/* GObject overrides */

static void
rd_case_list_dispose (GObject *object)
{
  RdCaseList *self = RD_CASE_LIST (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  clear_pages (self);

  G_OBJECT_CLASS (rd_case_list_parent_class)->dispose (object);
}

static void
rd_case_list_finalize (GObject *object)
{
  RdCaseList *self = RD_CASE_LIST (object);

  g_strfreev (self->statuses);
  g_free (self->match);
  g_clear_error (&self->error);
  g_clear_pointer (&self->keys, g_hash_table_unref);

  G_OBJECT_CLASS (rd_case_list_parent_class)->finalize (object);
}

static void
rd_case_list_class_init (RdCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_case_list_dispose;
  object_class->finalize = rd_case_list_finalize;
}

static void
rd_case_list_init (RdCaseList *self)
{
  g_queue_init (&self->pages);
  self->keys = g_hash_table_new_full (NULL, NULL, NULL, key_free);
  self->due_within = -1;
  self->sort = RD_CASE_SORT_NEXT_DUE;
}

/* Public API */

RdCaseList *
rd_case_list_new (RdStore *store)
{
  RdCaseList *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  self = g_object_new (RD_TYPE_CASE_LIST, NULL);
  self->store = g_object_ref (store);
  _rd_store_get_today (store, &self->today);
  self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  self->n_items = count (self);
  return self;
}

RdStore *
rd_case_list_get_store (RdCaseList *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), NULL);
  return self->store;
}

void
rd_case_list_freeze (RdCaseList *self)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));
  self->frozen++;
}

void
rd_case_list_thaw (RdCaseList *self)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));
  g_return_if_fail (self->frozen > 0);

  if (--self->frozen == 0 && self->dirty)
    refresh (self);
}

void
rd_case_list_set_today (RdCaseList *self, const GDate *today)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  if (g_date_compare (&self->today, today) == 0)
    return;
  self->today = *today;
  if (self->overdue || self->due_within >= 0 || self->due_for_destruction)
    refresh (self);
}

void
rd_case_list_set_statuses (RdCaseList *self, const char *const *statuses)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));

  g_strfreev (self->statuses);
  self->statuses = statuses != NULL && statuses[0] != NULL ? g_strdupv ((char **) statuses) : NULL;
  refresh (self);
}

void
rd_case_list_set_open_only (RdCaseList *self, gboolean open_only)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));

  if (self->open_only == !!open_only)
    return;
  self->open_only = !!open_only;
  refresh (self);
}

void
rd_case_list_set_overdue (RdCaseList *self, gboolean overdue)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));

  if (self->overdue == !!overdue)
    return;
  self->overdue = !!overdue;
  refresh (self);
}

void
rd_case_list_set_due_within (RdCaseList *self, int days)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));

  days = MAX (days, -1);
  if (self->due_within == days)
    return;
  self->due_within = days;
  refresh (self);
}

void
rd_case_list_set_due_for_destruction (RdCaseList *self, gboolean due)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));

  if (self->due_for_destruction == !!due)
    return;
  self->due_for_destruction = !!due;
  refresh (self);
}

void
rd_case_list_set_search (RdCaseList *self, const char *text)
{
  g_autofree char *match = NULL;

  g_return_if_fail (RD_IS_CASE_LIST (self));

  match = build_match (text);
  if (g_strcmp0 (match, self->match) == 0)
    return;
  g_free (self->match);
  self->match = g_steal_pointer (&match);
  refresh (self);
}

void
rd_case_list_set_sort (RdCaseList *self, RdCaseSort sort, gboolean descending)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));
  g_return_if_fail (sort <= RD_CASE_SORT_STATUS);

  if (self->sort == sort && self->descending == !!descending)
    return;
  self->sort = sort;
  self->descending = !!descending;
  refresh (self);
}

void
rd_case_list_refresh (RdCaseList *self)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));
  refresh (self);
}

const GError *
rd_case_list_get_error (RdCaseList *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), NULL);
  return self->error;
}

guint
_rd_case_list_count_cached_items (RdCaseList *self)
{
  guint n = 0;

  for (GList *l = self->pages.head; l != NULL; l = l->next)
    n += ((Page *) l->data)->items->len;
  return n;
}

/*
 * All the sidebar's counts in one statement: a scalar subquery per view, with
 * the same conditions as the list's filters, so each is answered by its own
 * index (cases_next_due, cases_status, cases_retain). One sum (CASE …) over
 * the table would have to read all of it (about 60 ms at 100,000 cases).
 * One statement reads one snapshot: the counts agree with each other.
 */
gboolean
rd_store_count_views (RdStore      *store,
                      const GDate  *today,
                      int           due_soon_days,
                      RdViewCounts *out,
                      GError      **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  GDate         soon;
  int           rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (due_soon_days >= 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (!_rd_store_check_open (store, error))
    return FALSE;

  /* ?1 = today, ?2 = today + due_soon_days. */
  g_string_append (sql, "SELECT"
                        " (SELECT count(*) FROM cases c WHERE"
                        "  c.status NOT IN ('closed', 'refused', 'destroyed')"
                        "  AND c.next_due >= ?1 AND c.next_due <= ?2),"
                        " (SELECT count(*) FROM cases c WHERE"
                        "  c.status NOT IN ('closed', 'refused', 'destroyed')"
                        "  AND c.next_due >= ?1 AND c.next_due <= ?1),"
                        " (SELECT count(*) FROM cases c WHERE c.next_due < ?1),"
                        " (SELECT count(*) FROM cases c WHERE c.status IN (");
  append_open_statuses (sql);
  g_string_append (sql, ")),"
                        " (SELECT count(*) FROM cases c WHERE"
                        "  c.status IN ('awaiting-identity', 'awaiting-consent')),"
                        " (SELECT count(*) FROM cases c WHERE c.status = 'awaiting-clarification'),"
                        " (SELECT count(*) FROM cases c WHERE c.status = 'under-review'),"
                        " (SELECT count(*) FROM cases c WHERE c.status = 'with-ico'),"
                        " (SELECT count(*) FROM cases c WHERE c.status IN ('closed', 'refused')),"
                        " (SELECT count(*) FROM cases c WHERE c.retain_until <= ?1)");

  stmt = _rd_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  soon = *today;
  g_date_add_days (&soon, (guint) due_soon_days);
  _rd_bind_date (stmt, 1, today);
  _rd_bind_date (stmt, 2, &soon);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _rd_store_set_error (store, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  out->due_soon = (guint) sqlite3_column_int64 (stmt, 0);
  out->due_today = (guint) sqlite3_column_int64 (stmt, 1);
  out->overdue = (guint) sqlite3_column_int64 (stmt, 2);
  out->open = (guint) sqlite3_column_int64 (stmt, 3);
  out->awaiting_identity = (guint) sqlite3_column_int64 (stmt, 4);
  out->awaiting_clarification = (guint) sqlite3_column_int64 (stmt, 5);
  out->under_review = (guint) sqlite3_column_int64 (stmt, 6);
  out->with_ico = (guint) sqlite3_column_int64 (stmt, 7);
  out->closed = (guint) sqlite3_column_int64 (stmt, 8);
  out->due_for_destruction = (guint) sqlite3_column_int64 (stmt, 9);
  sqlite3_reset (stmt);
  return TRUE;
}
