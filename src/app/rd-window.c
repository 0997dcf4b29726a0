/* rd-window.c: the main window of Redress, the clerk's desk.
 *
 * A sidebar of views with live counts, the case list and the case page
 * beside it; when the window is narrow, one of the three at a time with a
 * Back button. With no store open, the welcome page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-application.h"
#include "rd-case-row.h"
#include "rd-window-private.h"

/* Below this width the window shows one pane at a time. */
#define NARROW_WIDTH 900

/* The rows the list view gets for the window's first frame: more than a
 * screenful (a tall screen, small text). GTK 4.8's list view makes 200
 * rows whatever its height; the rest come just after the first frame. */
#define FIRST_FRAME_ROWS 60

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdWindow, rd_window, GTK_TYPE_APPLICATION_WINDOW)

/* RdListSplit: the case list as the list view sees it.
 *
 * After each change of the store RdCaseList says "every row was replaced"
 * (items-changed 0, old, new). When a row GTK 4.8's list view keeps track
 * of (the top row shown, the focus, the selection) is among those removed,
 * the list view looks for it among all the added rows, asking the model
 * for each one: every case read from the store, about half a second on the
 * main thread with 100,000 cases, at each change. Told the same in two
 * steps, all removed and then all added, it asks only for the rows it
 * shows. (The list view then starts from the top: the window puts the
 * scroll position back, see list_replaced_cb.)
 */

#define RD_TYPE_LIST_SPLIT (rd_list_split_get_type ())

G_DECLARE_FINAL_TYPE (RdListSplit, rd_list_split, RD, LIST_SPLIT, GObject)

typedef void (*RdListSplitFunc) (gpointer data, gboolean done);

struct _RdListSplit
{
  GObject         parent_instance;
  GListModel     *model;   /* owned */
  guint           n_items; /* as last told */
  gboolean        between; /* removed told, added not yet */
  guint           split_position;
  guint           split_added;
  RdListSplitFunc func; /* called before and after a replacement */
  gpointer        func_data;
};

static void rd_list_split_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdListSplit,
                               rd_list_split,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rd_list_split_model_init))

static GType
rd_list_split_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (RD_LIST_SPLIT (model)->model);
}

static guint
rd_list_split_get_n_items (GListModel *model)
{
  return RD_LIST_SPLIT (model)->n_items;
}

static gpointer
rd_list_split_get_item (GListModel *model, guint position)
{
  RdListSplit *self = RD_LIST_SPLIT (model);

  if (position >= self->n_items)
    return NULL;
  /* Between the two steps the model already holds the added rows. */
  if (self->between && position >= self->split_position)
    position += self->split_added;
  return g_list_model_get_item (self->model, position);
}

static void
rd_list_split_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rd_list_split_get_item_type;
  iface->get_n_items = rd_list_split_get_n_items;
  iface->get_item = rd_list_split_get_item;
}

static void
rd_list_split_items_changed_cb (GListModel  *model,
                                guint        position,
                                guint        removed,
                                guint        added,
                                RdListSplit *self)
{
  if (removed == 0 || added == 0)
    {
      self->n_items = g_list_model_get_n_items (model);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  if (self->func != NULL)
    self->func (self->func_data, FALSE);
  self->between = TRUE;
  self->split_position = position;
  self->split_added = added;
  self->n_items -= removed;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, 0);
  self->between = FALSE;
  self->n_items = g_list_model_get_n_items (model);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
  if (self->func != NULL)
    self->func (self->func_data, TRUE);
}

static void
rd_list_split_dispose (GObject *object)
{
  RdListSplit *self = RD_LIST_SPLIT (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (rd_list_split_parent_class)->dispose (object);
}

static void
rd_list_split_class_init (RdListSplitClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rd_list_split_dispose;
}

static void
rd_list_split_init (RdListSplit *self)
{
}

static RdListSplit *
rd_list_split_new (GListModel *model, RdListSplitFunc func, gpointer func_data)
{
  RdListSplit *self = g_object_new (RD_TYPE_LIST_SPLIT, NULL);

  self->model = g_object_ref (model);
  self->n_items = g_list_model_get_n_items (model);
  self->func = func;
  self->func_data = func_data;
  g_signal_connect (model, "items-changed", G_CALLBACK (rd_list_split_items_changed_cb), self);
  return self;
}

/* Helpers */

/* The saved size is read once; it is written back when the window closes
 * (rd_window_close_request), not at every step of a resize. */
static void
bind_settings (RdWindow *self, GSettings *settings)
{
  g_settings_bind (settings, "window-width", self, "default-width",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_GET_NO_CHANGES);
}

static void
save_window_state (RdWindow *self)
{
  GSettings *settings = self->context != NULL ? rd_context_get_settings (self->context) : NULL;
  int        width, height;

  if (settings == NULL)
    return;

  /* The unmaximised size, so that unmaximising restores it next time. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_set_boolean (settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (settings);
}

/* "Due soon" is the next RD_FORMAT_DUE_SOON_WORKING_DAYS working days, as
 * the rows colour it; the list filters by calendar days, so the rules say
 * which day that is (more than a week ahead across a bank holiday). */
static int
due_soon_days (RdWindow *self, const GDate *today)
{
  RdCalendar *calendar = rd_context_get_calendar (self->context);
  GDate       last;

  if (calendar == NULL)
    return 7;

  rd_calendar_add_working_days (calendar, today, RD_FORMAT_DUE_SOON_WORKING_DAYS, &last, NULL);
  return g_date_days_between (today, &last);
}

/* The filters of @view; @soon_days is the calendar days of "due soon"
 * (due_soon_days()). Also used in the counting thread: no window here. */
static void
configure_filters (RdCaseList *list, RdView view, const GDate *today, int soon_days)
{
  static const char *const identity[] = { "awaiting-identity", "awaiting-consent", NULL };
  static const char *const clarification[] = { "awaiting-clarification", NULL };
  static const char *const review[] = { "under-review", NULL };
  static const char *const ico[] = { "with-ico", NULL };
  static const char *const closed[] = { "closed", "refused", NULL };

  rd_case_list_freeze (list);
  rd_case_list_set_today (list, today);
  rd_case_list_set_statuses (list, NULL);
  rd_case_list_set_open_only (list, FALSE);
  rd_case_list_set_overdue (list, FALSE);
  rd_case_list_set_due_within (list, -1);
  rd_case_list_set_due_for_destruction (list, FALSE);

  switch (view)
    {
      case RD_VIEW_DUE_SOON:
        rd_case_list_set_open_only (list, TRUE);
        rd_case_list_set_due_within (list, soon_days);
        break;
      case RD_VIEW_OVERDUE:
        rd_case_list_set_overdue (list, TRUE);
        break;
      case RD_VIEW_ALL_OPEN:
        rd_case_list_set_open_only (list, TRUE);
        break;
      case RD_VIEW_AWAITING_IDENTITY:
        rd_case_list_set_statuses (list, identity);
        break;
      case RD_VIEW_AWAITING_CLARIFICATION:
        rd_case_list_set_statuses (list, clarification);
        break;
      case RD_VIEW_UNDER_REVIEW:
        rd_case_list_set_statuses (list, review);
        break;
      case RD_VIEW_WITH_ICO:
        rd_case_list_set_statuses (list, ico);
        break;
      case RD_VIEW_CLOSED:
        rd_case_list_set_statuses (list, closed);
        break;
      case RD_VIEW_DUE_FOR_DESTRUCTION:
        rd_case_list_set_due_for_destruction (list, TRUE);
        break;
      case RD_VIEW_N:
      default:
        g_assert_not_reached ();
    }
  rd_case_list_thaw (list);
}

static void
configure_list (RdWindow *self, RdCaseList *list, RdView view, const GDate *today)
{
  self->new_rows++;
  configure_filters (list, view, today, due_soon_days (self, today));
  self->new_rows--;
}

static void
apply_sort (RdWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  if (self->case_list == NULL)
    return;

  self->new_rows++;
  /* In the order of the drop-down's items (rd-window.ui). */
  switch (selected)
    {
      case 1:
        rd_case_list_set_sort (self->case_list, RD_CASE_SORT_RECEIVED, TRUE);
        break;
      case 2:
        rd_case_list_set_sort (self->case_list, RD_CASE_SORT_RECEIVED, FALSE);
        break;
      case 3:
        rd_case_list_set_sort (self->case_list, RD_CASE_SORT_REFERENCE, FALSE);
        break;
      case 4:
        rd_case_list_set_sort (self->case_list, RD_CASE_SORT_COMPLAINANT, FALSE);
        break;
      case 0:
      default:
        rd_case_list_set_sort (self->case_list, RD_CASE_SORT_NEXT_DUE, FALSE);
        break;
    }
  self->new_rows--;
}

static void
update_list_state (RdWindow *self)
{
  guint n = self->case_list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->case_list)) : 0;
  RdView           view = rd_sidebar_get_view (self->sidebar);
  g_autofree char *count = rd_format_case_count (n);
  const char      *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean         searching = search != NULL && *search != '\0';
  gboolean         store_empty;

  gtk_label_set_text (self->view_title_label, rd_view_get_label (view));
  gtk_label_set_text (self->view_count_label, count);

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  /* Counts not taken yet are -1: not known to be empty. */
  store_empty = rd_sidebar_get_count (self->sidebar, RD_VIEW_ALL_OPEN) == 0 &&
                rd_sidebar_get_count (self->sidebar, RD_VIEW_CLOSED) == 0;
  if (searching)
    {
      gtk_label_set_text (self->empty_title_label, _("No Results"));
      gtk_label_set_text (self->empty_body_label,
                          _("No case in this view matches the search. Try another view or fewer "
                            "words."));
    }
  else if (store_empty)
    {
      gtk_label_set_text (self->empty_title_label, _("No Complaints Yet"));
      gtk_label_set_text (self->empty_body_label, _("Log each complaint on the day it arrives."));
    }
  else
    {
      gtk_label_set_text (self->empty_title_label, _("Nothing Here"));
      gtk_label_set_text (self->empty_body_label, rd_view_get_empty_text (view));
    }
  gtk_widget_set_visible (self->empty_new_complaint_button, store_empty && !searching);
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
update_banner (RdWindow *self)
{
  int              overdue_count = rd_sidebar_get_count (self->sidebar, RD_VIEW_OVERDUE);
  guint            overdue = overdue_count > 0 ? (guint) overdue_count : 0;
  guint            today_n = overdue_count >= 0 ? self->due_today : 0;
  g_autofree char *text = NULL;

  if (overdue > 0 && today_n > 0)
    {
      g_autofree char *first = g_strdup_printf (
          ngettext ("%u case is overdue", "%u cases are overdue", overdue), overdue);

      /* Translators: "3 cases are overdue" and "1 is due today" */
      text = g_strdup_printf (
          ngettext ("%s and %u is due today.", "%s and %u are due today.", today_n), first,
          today_n);
    }
  else if (overdue > 0)
    text = g_strdup_printf (ngettext ("%u case is overdue.", "%u cases are overdue.", overdue),
                            overdue);
  else if (today_n > 0)
    text = g_strdup_printf (ngettext ("%u case is due today.", "%u cases are due today.", today_n),
                            today_n);

  if (text != NULL)
    {
      gtk_label_set_text (self->banner_label, text);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->banner_button), "s",
                                        overdue > 0 ? "overdue" : "due-soon");
      gtk_button_set_label (GTK_BUTTON (self->banner_button),
                            overdue > 0 ? _("_Show Overdue") : _("_Show Due Soon"));
      /* GTK 4.8 would name it "_Show Overdue Show Overdue" (see
       * fix_accessible_names()). */
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->banner_button),
                                     GTK_ACCESSIBLE_PROPERTY_LABEL);
      if (overdue > 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->banner_revealer), "overdue");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->banner_revealer), "overdue");
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, text != NULL && !self->banner_dismissed);
}

static void
clear_counts (RdWindow *self)
{
  for (RdView view = 0; view < RD_VIEW_N; view++)
    rd_sidebar_set_count (self->sidebar, view, -1);
  self->due_today = 0;
}

static void
update_title (RdWindow *self)
{
  RdStore *store = rd_context_get_store (self->context);

  if (store != NULL)
    {
      g_autofree char *name = rd_store_get_setting (store, RD_SETTING_NAME);
      g_autofree char *path = g_filename_display_name (rd_store_get_path (store));
      g_autofree char *title = NULL;

      if (name != NULL && *name != '\0')
        /* Translators: the window title: the council's name, then the app's */
        title = g_strdup_printf (_("%s — Redress"), name);
      gtk_label_set_text (self->title_label, name != NULL && *name != '\0' ? name : _("Redress"));
      gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Redress"));
      gtk_label_set_text (self->subtitle_label, path);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), path);
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
    }
  else
    {
      gtk_label_set_text (self->title_label, _("Redress"));
      gtk_window_set_title (GTK_WINDOW (self), _("Redress"));
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
    }
}

static void
apply_layout (RdWindow *self)
{
  gboolean desk = rd_context_get_store (self->context) != NULL;
  gboolean show_sidebar = !self->narrow || self->pane == RD_PANE_VIEWS;
  gboolean show_list = !self->narrow || self->pane == RD_PANE_LIST;
  gboolean show_case = !self->narrow || self->pane == RD_PANE_CASE;

  gtk_widget_set_visible (GTK_WIDGET (self->sidebar), show_sidebar);
  gtk_widget_set_hexpand (GTK_WIDGET (self->sidebar), self->narrow);
  gtk_widget_set_visible (self->sidebar_separator, !self->narrow);
  gtk_widget_set_visible (self->list_pane, show_list);
  gtk_widget_set_hexpand (self->list_pane, self->narrow);
  gtk_widget_set_visible (self->list_separator, !self->narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->case_stack), show_case);

  gtk_widget_set_visible (self->back_button, desk && self->narrow && self->pane != RD_PANE_LIST);
  gtk_widget_set_visible (self->views_button, desk && self->narrow && self->pane == RD_PANE_LIST);
  gtk_widget_set_visible (self->search_button, desk && show_list);
  gtk_widget_set_visible (self->new_complaint_button, desk);

  /* One click opens a case when it takes the whole window. */
  gtk_list_view_set_single_click_activate (self->case_list_view, self->narrow);

  if (self->narrow)
    gtk_widget_add_css_class (GTK_WIDGET (self), "narrow");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "narrow");
}

static gboolean
apply_layout_idle_cb (gpointer user_data)
{
  RdWindow *self = RD_WINDOW (user_data);

  self->layout_idle_id = 0;
  apply_layout (self);
  return G_SOURCE_REMOVE;
}

static void
show_case (RdWindow *self, gint64 case_id)
{
  g_autoptr(GError) error = NULL;

  if (case_id == 0)
    {
      rd_case_page_set_case_id (self->case_page, 0, NULL);
      gtk_stack_set_visible_child_name (self->case_stack, "none");
    }
  else if (!rd_case_page_set_case_id (self->case_page, case_id, &error))
    {
      gtk_stack_set_visible_child_name (self->case_stack, "none");
      _rd_window_show_message (self, _("The Case Could Not Be Shown"), error->message);
    }
  else
    gtk_stack_set_visible_child_name (self->case_stack, "case");

  _rd_window_update_actions (self);
}

/* Callbacks */

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, RdWindow *self)
{
  gtk_list_item_set_child (list_item, GTK_WIDGET (rd_case_row_new ()));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, RdWindow *self)
{
  rd_case_row_set_item (RD_CASE_ROW (gtk_list_item_get_child (list_item)),
                        gtk_list_item_get_item (list_item), self->context);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, RdWindow *self)
{
  rd_case_row_set_item (RD_CASE_ROW (gtk_list_item_get_child (list_item)), NULL, self->context);
}

static void
selection_changed_cb (RdWindow *self)
{
  RdCaseListItem *item = gtk_single_selection_get_selected_item (self->selection);

  /* A refreshed list may drop the selection: the page keeps its case.
   * In a narrow window the page is hidden: a click or Enter opens it
   * (list_activate_cb), so moving through the list loads nothing. */
  if (item == NULL || self->narrow)
    return;
  if (rd_case_list_item_get_id (item) != rd_case_page_get_case_id (self->case_page))
    show_case (self, rd_case_list_item_get_id (item));
}

/* Tab leaves the views in one step. GtkListBox makes each view a Tab stop,
 * and moving the focus in it chooses the view: Tabbing from the chosen
 * view towards its list walked through (and showed) every view after it,
 * ending on an empty one. Arrows still move through the views. */
static gboolean
sidebar_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        RdWindow              *self)
{
  GdkModifierType mods = state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK);

  /* The next stop after the views is the list's sort order. */
  if (keyval == GDK_KEY_Tab && mods == 0 && gtk_widget_get_visible (self->list_pane))
    return gtk_widget_grab_focus (GTK_WIDGET (self->sort_dropdown));
  if ((keyval == GDK_KEY_ISO_Left_Tab || keyval == GDK_KEY_Tab) && mods == GDK_SHIFT_MASK)
    return gtk_widget_child_focus (gtk_window_get_titlebar (GTK_WINDOW (self)),
                                   GTK_DIR_TAB_BACKWARD);
  return FALSE;
}

static void
list_activate_cb (RdWindow *self, guint position)
{
  g_autoptr(RdCaseListItem) item = NULL;

  if (self->case_list == NULL ||
      (item = g_list_model_get_item (G_LIST_MODEL (self->case_list), position)) == NULL)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  show_case (self, rd_case_list_item_get_id (item));
  if (self->narrow)
    _rd_window_set_pane (self, RD_PANE_CASE);
}

/* Once the new rows have their places (the layout of the frame; GTK lays
 * out again within the frame when asked, so nothing flickers). */
static void
restore_scroll_cb (GdkFrameClock *clock, RdWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (
      GTK_SCROLLABLE (self->case_list_view));

  g_clear_signal_handler (&self->restore_scroll_id, clock);
  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, self->saved_scroll);
}

/* Every row of the list was replaced (RdListSplit): the list view starts
 * again from the top; after a change of the store, the clerk stays where
 * they were (another view, sort or search starts from the top). */
static void
list_replaced_cb (gpointer data, gboolean done)
{
  RdWindow      *self = RD_WINDOW (data);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (
      GTK_SCROLLABLE (self->case_list_view));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  rd_application_trace (done ? "list: replaced" : "list: replacing");
  if (adjustment == NULL || clock == NULL)
    return;
  if (!done)
    {
      if (self->new_rows > 0)
        {
          g_clear_signal_handler (&self->restore_scroll_id, clock);
          self->saved_scroll = 0;
        }
      else if (self->restore_scroll_id == 0)
        self->saved_scroll = gtk_adjustment_get_value (adjustment);
    }
  else if (self->saved_scroll > 0 && self->restore_scroll_id == 0)
    self->restore_scroll_id = g_signal_connect_after (clock, "layout",
                                                      G_CALLBACK (restore_scroll_cb), self);
}

static void
list_items_changed_cb (RdWindow *self)
{
  update_list_state (self);
}

static void
view_changed_cb (RdWindow *self)
{
  GDate today;

  if (self->case_list == NULL)
    return;

  rd_context_get_today (self->context, &today);
  configure_list (self, self->case_list, rd_sidebar_get_view (self->sidebar), &today);
  update_list_state (self);
}

static void
view_activated_cb (RdWindow *self)
{
  if (self->narrow && self->pane == RD_PANE_VIEWS)
    _rd_window_set_pane (self, RD_PANE_LIST);
}

static void
search_changed_cb (RdWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  self->new_rows++;
  if (self->case_list != NULL)
    rd_case_list_set_search (self->case_list, text);
  self->new_rows--;
  update_list_state (self);
}

static void
sort_changed_cb (RdWindow *self)
{
  apply_sort (self);
}

static void
files_dropped_cb (RdWindow *self, GdkFileList *files)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GSList) list = gdk_file_list_get_files (files);

  for (GSList *l = list; l != NULL; l = l->next)
    g_list_store_append (store, l->data);
  _rd_window_attach_files (self, G_LIST_MODEL (store));
}

/* Counting
 *
 * The nine counts (rd_store_count_views(), one statement; nine list
 * counts took about 0.3 s on 100,000 cases before the store's index
 * cases_next_due) are taken in a worker thread on a read-only connection
 * of its own to the same file (an RdStore is used from one thread at a
 * time), so that the main thread never waits for them, however big the
 * store; the numbers come back to the main thread. Changes that come in a burst (several events
 * recorded, redress-cli writing) give one count, COUNT_DELAY_MS after the
 * last of them, or COUNT_MAX_DELAY_MS after the first if they never stop.
 * A count that a newer one replaces is cancelled and its numbers dropped.
 */

#define COUNT_DELAY_MS     200
#define COUNT_MAX_DELAY_MS 1000

typedef struct
{
  char *path;
  GDate today;
  int   soon_days;
  guint serial;
  int   counts[RD_VIEW_N];
  guint due_today;
} CountJob;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
count_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  CountJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  RdViewCounts counts = { 0 };

  store = rd_store_open (job->path, RD_STORE_OPEN_NO_WATCH | RD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!rd_store_count_views (store, &job->today, job->soon_days, &counts, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->counts[RD_VIEW_DUE_SOON] = (int) counts.due_soon;
  job->counts[RD_VIEW_OVERDUE] = (int) counts.overdue;
  job->counts[RD_VIEW_ALL_OPEN] = (int) counts.open;
  job->counts[RD_VIEW_AWAITING_IDENTITY] = (int) counts.awaiting_identity;
  job->counts[RD_VIEW_AWAITING_CLARIFICATION] = (int) counts.awaiting_clarification;
  job->counts[RD_VIEW_UNDER_REVIEW] = (int) counts.under_review;
  job->counts[RD_VIEW_WITH_ICO] = (int) counts.with_ico;
  job->counts[RD_VIEW_CLOSED] = (int) counts.closed;
  job->counts[RD_VIEW_DUE_FOR_DESTRUCTION] = (int) counts.due_for_destruction;
  job->due_today = counts.due_today;
  g_task_return_boolean (task, TRUE);
}

static void
count_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RdWindow *self = RD_WINDOW (source);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Cancelled: a newer count, another store or the window closed. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          job->serial == self->count_serial)
        {
          g_warning ("The sidebar’s counts could not be taken: %s", error->message);
          g_clear_object (&self->count_cancellable);
        }
      return;
    }
  if (job->serial != self->count_serial)
    return;

  g_clear_object (&self->count_cancellable);
  self->n_counts++;
  self->due_today = job->due_today;
  for (RdView view = 0; view < RD_VIEW_N; view++)
    rd_sidebar_set_count (self->sidebar, view, job->counts[view]);
  update_banner (self);
  update_list_state (self);
  rd_application_trace ("window: counted");
}

/* Drops the count under way or asked for; the worker stops at the next view. */
static void
cancel_count (RdWindow *self)
{
  g_clear_handle_id (&self->recount_timeout_id, g_source_remove);
  g_clear_handle_id (&self->counts_idle_id, g_source_remove);
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  self->count_serial++;
}

static void
start_count (RdWindow *self)
{
  RdStore *store = rd_context_get_store (self->context);
  g_autoptr(GTask) task = NULL;
  CountJob *job;

  cancel_count (self);
  if (store == NULL)
    return;

  rd_application_trace ("window: counting");
  self->counts_started = TRUE;
  job = g_new0 (CountJob, 1);
  job->path = g_strdup (rd_store_get_path (store));
  rd_context_get_today (self->context, &job->today);
  job->soon_days = due_soon_days (self, &job->today);
  job->serial = self->count_serial;
  self->count_cancellable = g_cancellable_new ();

  task = g_task_new (self, self->count_cancellable, count_done_cb, NULL);
  g_task_set_source_tag (task, start_count);
  g_task_set_task_data (task, job, count_job_free);
  g_task_run_in_thread (task, count_thread);
}

/* After the first frame: every row to the list view. */
static void
show_all_rows (RdWindow *self)
{
  if (self->list_model != NULL)
    gtk_slice_list_model_set_size (GTK_SLICE_LIST_MODEL (self->list_model), G_MAXUINT);
}

static gboolean
create_counts_cb (gpointer user_data)
{
  RdWindow *self = RD_WINDOW (user_data);

  self->counts_idle_id = 0;
  show_all_rows (self);
  start_count (self);
  return G_SOURCE_REMOVE;
}

static gboolean
recount_timeout_cb (gpointer user_data)
{
  RdWindow *self = RD_WINDOW (user_data);

  self->recount_timeout_id = 0;
  start_count (self);
  return G_SOURCE_REMOVE;
}

/* The store changed: count again once the changes stop coming. */
static void
schedule_recount (RdWindow *self)
{
  gint64 now = g_get_monotonic_time ();

  /* The first count, after the first frame, is still to come. */
  if (!self->counts_started || rd_context_get_store (self->context) == NULL)
    return;

  if (self->recount_timeout_id == 0)
    self->first_change_us = now;
  else if (now - self->first_change_us < (COUNT_MAX_DELAY_MS - COUNT_DELAY_MS) * 1000)
    g_clear_handle_id (&self->recount_timeout_id, g_source_remove);
  else
    return;
  self->recount_timeout_id = g_timeout_add (COUNT_DELAY_MS, recount_timeout_cb, self);
}

static void
after_paint_cb (GdkFrameClock *clock, RdWindow *self)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, self);
  rd_application_trace ("window: first frame drawn");
  if (self->counts_idle_id == 0)
    self->counts_idle_id = g_idle_add (create_counts_cb, self);
}

/* The sidebar's nine counts are nine queries over the whole store: they
 * are made just after the first frame, so that the list shows at once. */
static void
schedule_counts (RdWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
  else if (self->counts_idle_id == 0)
    self->counts_idle_id = g_idle_add (create_counts_cb, self);
}

/* The Keyboard Shortcuts window (ui/gtk/help-overlay.ui): 27 shortcuts,
 * about 10 ms to build, that GtkApplication would build before the
 * window's first frame (the application sets no resource base path). */
static gboolean
build_help_overlay_cb (gpointer user_data)
{
  RdWindow *self = RD_WINDOW (user_data);
  g_autoptr(GtkBuilder) builder = NULL;
  GObject *overlay;

  self->help_overlay_idle_id = 0;
  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self)) != NULL)
    return G_SOURCE_REMOVE;

  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  if (GTK_IS_SHORTCUTS_WINDOW (overlay))
    gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                             GTK_SHORTCUTS_WINDOW (overlay));
  return G_SOURCE_REMOVE;
}

static void
help_overlay_after_paint_cb (GdkFrameClock *clock, RdWindow *self)
{
  g_signal_handlers_disconnect_by_func (clock, help_overlay_after_paint_cb, self);
  if (self->help_overlay_idle_id == 0)
    self->help_overlay_idle_id = g_idle_add (build_help_overlay_cb, self);
}

static void
realize_cb (RdWindow *self)
{
  rd_application_trace ("window: realized");
  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self)) == NULL)
    g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                      G_CALLBACK (help_overlay_after_paint_cb), self);
  /* Counts asked for before the window had a frame clock. */
  if (rd_context_get_store (self->context) != NULL && self->counts_idle_id != 0)
    {
      g_clear_handle_id (&self->counts_idle_id, g_source_remove);
      _rd_window_remove_temporary_copies (self);
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                        G_CALLBACK (after_paint_cb), self);
    }
}

static void
store_notify_cb (RdWindow *self)
{
  RdStore *store = rd_context_get_store (self->context);
  GDate    today;

  g_clear_object (&self->case_list);
  g_clear_object (&self->list_model);
  /* A count of the previous store is dropped; this one's come after the
   * first frame. */
  cancel_count (self);
  self->counts_started = FALSE;
  clear_counts (self);
  gtk_single_selection_set_model (self->selection, NULL);
  show_case (self, 0);
  self->banner_dismissed = FALSE;

  if (store != NULL)
    {
      rd_context_get_today (self->context, &today);
      self->lists_today = today;
      schedule_counts (self);
      rd_application_trace ("window: list");
      self->case_list = rd_case_list_new (store);
      configure_list (self, self->case_list, rd_sidebar_get_view (self->sidebar), &today);
      apply_sort (self);
      rd_application_trace ("window: list counted");
      rd_case_list_set_search (self->case_list,
                               gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      g_signal_connect_object (self->case_list, "items-changed", G_CALLBACK (list_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
      self->list_model = G_LIST_MODEL (gtk_slice_list_model_new (
          G_LIST_MODEL (rd_list_split_new (G_LIST_MODEL (self->case_list), list_replaced_cb, self)),
          0, gtk_widget_get_mapped (GTK_WIDGET (self)) ? G_MAXUINT : FIRST_FRAME_ROWS));
      gtk_single_selection_set_model (self->selection, self->list_model);
      gtk_stack_set_visible_child_name (self->main_stack, "desk");
      _rd_window_set_pane (self, RD_PANE_LIST);
    }
  else
    {
      g_autofree char *default_path = rd_store_default_path ();

      /* Always say where Create Store will put the file. */
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      rd_welcome_page_set_path (self->welcome_page,
                                self->new_store_path != NULL ? self->new_store_path : default_path);
    }

  update_banner (self);
  update_list_state (self);
  update_title (self);
  apply_layout (self);
  _rd_window_update_actions (self);
}

static void
context_changed_cb (RdWindow *self)
{
  GDate today;

  /* A new day (midnight, or a test's fixed day): every list is asked
   * again with the new "today". */
  rd_context_get_today (self->context, &today);
  if (self->case_list != NULL && g_date_valid (&self->lists_today) &&
      g_date_compare (&today, &self->lists_today) != 0)
    {
      self->lists_today = today;
      configure_list (self, self->case_list, rd_sidebar_get_view (self->sidebar), &today);
    }

  /* The lists count again by themselves, the sidebar in a moment. The
   * context's signal says nothing of what changed (a case, a setting such
   * as the division, whose bank holidays make "due soon", or the day). */
  schedule_recount (self);

  /* The page and the title do not. */
  if (rd_case_page_get_case_id (self->case_page) != 0)
    rd_case_page_reload (self->case_page);
  if (rd_case_page_get_case_id (self->case_page) == 0)
    gtk_stack_set_visible_child_name (self->case_stack, "none");
  update_title (self);
  _rd_window_update_actions (self);
}

/* Accessible names GTK 4.8 gets wrong. A button with a mnemonic is named
 * after its raw label and then its child's text ("_Show Overdue Show
 * Overdue"): its own label property is dropped, leaving the child's text.
 * The inner buttons of a drop-down and a menu button, the search entry's
 * clear icon and an expander's title are named after their type
 * ("GtkToggleButton"): they get the name of what they belong to. */
static void
set_accessible_label (GtkWidget *widget, const char *label)
{
  if (label != NULL && *label != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
}

static void
fix_accessible_names (GtkWidget *widget, const char *owner_name)
{
  const char *inner_name = NULL;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
  else if (GTK_IS_EXPANDER (widget))
    {
      g_autofree char *text = NULL;
      const char      *label = gtk_expander_get_label (GTK_EXPANDER (widget));

      /* The title without the mnemonic's underscore. */
      if (label != NULL && gtk_expander_get_use_underline (GTK_EXPANDER (widget)))
        {
          PangoAttrList *attrs = NULL;

          if (pango_parse_markup (label, -1, '_', &attrs, &text, NULL, NULL))
            pango_attr_list_unref (attrs);
        }
      set_accessible_label (widget, text != NULL ? text : label);
      inner_name = text != NULL ? text : label;
    }
  else if (GTK_IS_DROP_DOWN (widget))
    inner_name = gtk_widget_get_tooltip_text (widget);
  else if (GTK_IS_SEARCH_ENTRY (widget))
    inner_name = _("Clear the search");
  else if (GTK_IS_SEARCH_BAR (widget))
    inner_name = _("Close the search");
  else if (owner_name != NULL && GTK_IS_BUTTON (widget) && !GTK_IS_TOGGLE_BUTTON (widget) &&
           gtk_button_get_label (GTK_BUTTON (widget)) == NULL)
    set_accessible_label (widget, owner_name);
  else if (owner_name != NULL && (GTK_IS_TOGGLE_BUTTON (widget) || GTK_IS_IMAGE (widget)) &&
           gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) ==
               GTK_ACCESSIBLE_ROLE_BUTTON)
    set_accessible_label (widget, owner_name);
  else if (owner_name != NULL && GTK_IS_TOGGLE_BUTTON (widget))
    set_accessible_label (widget, owner_name);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    fix_accessible_names (child, inner_name != NULL ? inner_name : owner_name);
}

/* How much larger the user's font is than the 10-point font the layout
 * was designed for (GTK's own default). */
static double
font_scale (GtkWidget *widget)
{
  g_autofree char *name = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  int size;

  g_object_get (gtk_widget_get_settings (widget), "gtk-font-name", &name, NULL);
  if (name == NULL)
    return 1.0;
  font = pango_font_description_from_string (name);
  size = pango_font_description_get_size (font);
  if (size <= 0 || pango_font_description_get_size_is_absolute (font))
    return 1.0;
  return MAX (1.0, size / (10.0 * PANGO_SCALE));
}

/* The high-contrast theme gets plain text colours (style.css): the
 * urgency is in the words. */
static void
update_theme_classes (RdWindow *self)
{
  g_autofree char *theme = NULL;
  const char      *env = g_getenv ("GTK_THEME");
  const char      *name;
  gboolean         prefer_dark = FALSE;
  gboolean         high_contrast;
  gboolean         dark;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-theme-name", &theme,
                "gtk-application-prefer-dark-theme", &prefer_dark, NULL);
  name = env != NULL ? env : theme != NULL ? theme : "";
  high_contrast = g_str_has_prefix (name, "HighContrast");
  dark = prefer_dark || g_str_has_suffix (name, ":dark") || g_str_has_suffix (name, "-dark") ||
         g_str_has_suffix (name, "Inverse");
  if (high_contrast)
    gtk_widget_add_css_class (GTK_WIDGET (self), "high-contrast");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "high-contrast");
  /* The theme's red is too dark on the dark style's background. */
  if (dark)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dark");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dark");
}

/* GtkWidget overrides */

static void
rd_window_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  RdWindow *self = RD_WINDOW (widget);
  int       dpi = 0;
  double    text_scale;
  gboolean  narrow;

  /* Larger text needs more room for three panes: at 200% text the window
   * shows one pane at a time below twice the width. The text is larger
   * when the screen's DPI is (text scaling) and when the user's font is
   * (gtk-font-name), so both scale the threshold. */
  g_object_get (gtk_widget_get_settings (widget), "gtk-xft-dpi", &dpi, NULL);
  text_scale = dpi > 0 ? dpi / (96.0 * 1024.0) : 1.0;
  text_scale *= font_scale (widget);
  narrow = width < NARROW_WIDTH * MAX (1.0, text_scale);

  GTK_WIDGET_CLASS (rd_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* Changing what is visible during allocation would re-enter it; the
   * switch happens just after. */
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (!narrow)
        self->pane = RD_PANE_LIST;
      else if (rd_case_page_get_case_id (self->case_page) != 0)
        self->pane = RD_PANE_CASE;
      if (self->layout_idle_id == 0)
        self->layout_idle_id = g_idle_add (apply_layout_idle_cb, self);
    }
}

/* GObject overrides */

static void
rd_window_constructed (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  G_OBJECT_CLASS (rd_window_parent_class)->constructed (object);

  if (self->context == NULL)
    self->context = rd_context_new (NULL);

  rd_case_page_set_context (self->case_page, self->context);
  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (store_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "changed", G_CALLBACK (context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (rd_context_get_settings (self->context) != NULL)
    bind_settings (self, rd_context_get_settings (self->context));

  store_notify_cb (self);
}

static void
rd_window_dispose (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  /* No gtk_widget_dispose_template() here: GtkWindow's own dispose releases
   * its child and title bar, and unparenting them first trips an assertion
   * in GTK 4.8. Widgets that are not windows do call it. */
  g_clear_handle_id (&self->layout_idle_id, g_source_remove);
  g_clear_handle_id (&self->help_overlay_idle_id, g_source_remove);
  g_clear_handle_id (&self->counts_idle_id, g_source_remove);
  if (gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
    {
      g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (self)),
                                            after_paint_cb, self);
      g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (self)),
                                            help_overlay_after_paint_cb, self);
      g_clear_signal_handler (&self->restore_scroll_id,
                              gtk_widget_get_frame_clock (GTK_WIDGET (self)));
    }
  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->list_model);
  g_clear_object (&self->case_list);
  /* The worker holds the window until it ends; its numbers are dropped. */
  cancel_count (self);

  G_OBJECT_CLASS (rd_window_parent_class)->dispose (object);
}

static void
rd_window_finalize (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->context);
  g_clear_pointer (&self->new_store_path, g_free);

  G_OBJECT_CLASS (rd_window_parent_class)->finalize (object);
}

static void
rd_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdWindow *self = RD_WINDOW (object);

  switch (prop_id)
    {
      case PROP_CONTEXT:
        g_value_set_object (value, self->context);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RdWindow *self = RD_WINDOW (object);

  switch (prop_id)
    {
      case PROP_CONTEXT:
        self->context = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
rd_window_close_request (GtkWindow *window)
{
  save_window_state (RD_WINDOW (window));

  return GTK_WINDOW_CLASS (rd_window_parent_class)->close_request (window);
}

static void
rd_window_class_init (RdWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rd_window_constructed;
  object_class->dispose = rd_window_dispose;
  object_class->finalize = rd_window_finalize;
  object_class->get_property = rd_window_get_property;
  object_class->set_property = rd_window_set_property;
  widget_class->size_allocate = rd_window_size_allocate;
  window_class->close_request = rd_window_close_request;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, RD_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                      G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_SIDEBAR);
  g_type_ensure (RD_TYPE_CASE_PAGE);
  g_type_ensure (RD_TYPE_WELCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, new_complaint_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, views_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, desk);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, view_title_label);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, view_count_label);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, case_list_view);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, empty_title_label);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, empty_body_label);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, empty_new_complaint_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, list_separator);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, case_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, case_page);

  _rd_window_class_install_actions (widget_class);
}

static void
rd_window_init (RdWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  rd_application_trace ("window: template");
  gtk_widget_init_template (GTK_WIDGET (self));
  rd_application_trace ("window: template built");
  g_date_clear (&self->lists_today, 1);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
  update_theme_classes (self);
  fix_accessible_names (GTK_WIDGET (self), NULL);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-font-name",
                           G_CALLBACK (gtk_widget_queue_resize), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-theme-name",
                           G_CALLBACK (update_theme_classes), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)),
                           "notify::gtk-application-prefer-dark-theme",
                           G_CALLBACK (update_theme_classes), self, G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                            self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->case_list_view, factory);
  gtk_list_view_set_model (self->case_list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->case_list_view, "activate", G_CALLBACK (list_activate_cb), self);

  g_signal_connect_swapped (self->sidebar, "notify::view", G_CALLBACK (view_changed_cb), self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (sidebar_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->sidebar), keys);
  }
  g_signal_connect_swapped (self->sidebar, "activated", G_CALLBACK (view_activated_cb), self);
  g_signal_connect_swapped (self->welcome_page, "changed", G_CALLBACK (_rd_window_update_actions),
                            self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                            self);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected", G_CALLBACK (sort_changed_cb),
                            self);
  g_signal_connect_swapped (self->case_page, "files-dropped", G_CALLBACK (files_dropped_cb), self);
  g_signal_connect (self, "realize", G_CALLBACK (realize_cb), NULL);
  /* A closed window is unrealized at once, though a viewer being started
   * may keep the object alive a little longer. */
  g_signal_connect (self, "unrealize", G_CALLBACK (_rd_window_remove_temporary_copies), NULL);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, self->list_pane);
  g_object_bind_property (self->search_bar, "search-mode-enabled", self->search_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* Private API (rd-window-private.h) */

void
_rd_window_set_pane (RdWindow *self, RdPane pane)
{
  self->pane = pane;
  apply_layout (self);
  if (pane == RD_PANE_CASE && self->narrow)
    gtk_widget_grab_focus (GTK_WIDGET (self->case_page));
}

void
_rd_window_show_view (RdWindow *self, RdView view)
{
  rd_sidebar_set_view (self->sidebar, view);
}

void
_rd_window_reload (RdWindow *self)
{
  if (self->case_list != NULL)
    rd_case_list_refresh (self->case_list);
  if (self->counts_started)
    start_count (self);
  context_changed_cb (self);
}

void
_rd_window_close_store (RdWindow *self)
{
  RdStore *store = rd_context_get_store (self->context);

  if (store == NULL)
    return;

  rd_context_set_store (self->context, NULL);
}

/* Public API */

RdWindow *
rd_window_new (RdApplication *application, RdContext *context)
{
  g_return_val_if_fail (RD_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (context == NULL || RD_IS_CONTEXT (context), NULL);

  return g_object_new (RD_TYPE_WINDOW, "application", application, "context", context, NULL);
}

/**
 * rd_window_get_context:
 *
 * Returns: (transfer none): the window's context
 */
RdContext *
rd_window_get_context (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->context;
}

gboolean
rd_window_open_store (RdWindow *self, const char *path, gboolean create, GError **error)
{
  g_autoptr(RdStore) store = NULL;
  GSettings *settings;

  g_return_val_if_fail (RD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  rd_application_trace ("window: opening the store");
  store = rd_store_open (path, create ? RD_STORE_OPEN_CREATE : RD_STORE_OPEN_DEFAULT, error);
  rd_application_trace ("window: store opened");
  if (store == NULL)
    return FALSE;

  rd_context_set_store (self->context, store);
  settings = rd_context_get_settings (self->context);
  if (settings != NULL)
    g_settings_set_string (settings, "last-store", rd_store_get_path (store));

  return TRUE;
}

void
rd_window_set_new_store_path (RdWindow *self, const char *path)
{
  g_return_if_fail (RD_IS_WINDOW (self));

  g_free (self->new_store_path);
  self->new_store_path = g_strdup (path);
  rd_welcome_page_set_path (self->welcome_page, path);
}

RdCasePage *
rd_window_get_case_page (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->case_page;
}

RdSidebar *
rd_window_get_sidebar (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->sidebar;
}

/**
 * rd_window_get_case_list:
 *
 * Returns: (transfer none) (nullable): the list shown (an RdCaseList)
 */
GListModel *
rd_window_get_case_list (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->case_list != NULL ? G_LIST_MODEL (self->case_list) : NULL;
}

GtkWidget *
rd_window_get_welcome_page (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->welcome_page);
}

/**
 * rd_window_select_case:
 *
 * Selects the case in the list if it is there, and shows it on the page
 * either way.
 */
gboolean
rd_window_select_case (RdWindow *self, gint64 case_id)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), FALSE);

  if (self->case_list != NULL)
    {
      GListModel *model = G_LIST_MODEL (self->case_list);
      guint       n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n && i < 5000; i++)
        {
          g_autoptr(RdCaseListItem) item = g_list_model_get_item (model, i);

          if (rd_case_list_item_get_id (item) == case_id)
            {
              gtk_single_selection_set_selected (self->selection, i);
              break;
            }
        }
    }
  show_case (self, case_id);
  if (self->narrow)
    _rd_window_set_pane (self, RD_PANE_CASE);

  return rd_case_page_get_case_id (self->case_page) == case_id;
}

gboolean
rd_window_get_narrow (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), FALSE);

  return self->narrow;
}

const char *
rd_window_get_visible_pane (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  switch (self->pane)
    {
      case RD_PANE_CASE:
        return "case";
      case RD_PANE_VIEWS:
        return "views";
      case RD_PANE_LIST:
      default:
        return "list";
    }
}

const char *
rd_window_get_banner_text (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return gtk_revealer_get_reveal_child (self->banner_revealer)
             ? gtk_label_get_text (self->banner_label)
             : NULL;
}

gboolean
rd_window_get_counts_pending (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), FALSE);

  return self->counts_idle_id != 0 || self->recount_timeout_id != 0 ||
         self->count_cancellable != NULL;
}

guint
rd_window_get_n_counts (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), 0);

  return self->n_counts;
}

void
rd_window_set_search_text (RdWindow *self, const char *text)
{
  g_return_if_fail (RD_IS_WINDOW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* "search-changed" waits a moment for more typing; tests do not. */
  search_changed_cb (self);
}

/**
 * rd_window_show_help:
 * @page: (nullable): a page of the help, or %NULL for its front page
 *
 * Opens the Mallard help in the desktop's help viewer.
 */
#if GTK_CHECK_VERSION(4, 10, 0)
static void
help_launched_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Could not open the help: %s", error->message);
}
#endif

void
rd_window_show_help (RdWindow *self, const char *page)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (self == NULL || RD_IS_WINDOW (self));

  uri = page != NULL ? g_strdup_printf ("help:redress/%s", page) : g_strdup ("help:redress");

#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, GTK_WINDOW (self), NULL, help_launched_cb, NULL);
  }
#else
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
#endif
}
