/* rd-window-private.h: what the files of RdWindow share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-case-page.h"
#include "rd-model.h"
#include "rd-sidebar.h"
#include "rd-welcome-page.h"
#include "rd-window.h"

G_BEGIN_DECLS

typedef enum
{
  RD_PANE_LIST,
  RD_PANE_CASE,
  RD_PANE_VIEWS,
} RdPane;

struct _RdWindow
{
  GtkApplicationWindow parent_instance;

  RdContext          *context;           /* owned */
  RdCaseList         *case_list;         /* owned, nullable */
  GListModel         *list_model;        /* owned, nullable: case_list as the list view sees it */
  double              saved_scroll;      /* the list's scroll position while it is replaced */
  gulong              restore_scroll_id; /* on the frame clock's "layout" */
  guint               new_rows;  /* > 0 while the clerk's view, sort or search changes the list */
  GtkSingleSelection *selection; /* owned */
  char               *new_store_path; /* owned, nullable */
  gboolean            narrow;
  RdPane              pane;
  gboolean            banner_dismissed;
  guint               layout_idle_id;
  guint help_overlay_idle_id; /* the Keyboard Shortcuts window, after the first frame */
  guint counts_idle_id;
  /* The sidebar's counts are taken in a worker thread on a connection of
   * its own (rd-window.c, "Counting"); changes coming in a burst give one
   * count. */
  guint         recount_timeout_id;
  gint64        first_change_us;   /* first change since the last count began */
  GCancellable *count_cancellable; /* owned, nullable: the count under way */
  guint         count_serial;      /* of the latest count asked for */
  guint         n_counts;          /* counts received so far */
  gboolean      counts_started;    /* the first count of this store was asked for */
  guint         due_today;         /* cases due today, from the last count */
  GDate         lists_today;       /* the "today" the lists were asked with */
  GPtrArray    *temporary_dirs;    /* owned, nullable: copies opened in a viewer */

  /* Template children (borrowed) */
  GtkHeaderBar   *header_bar;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkWidget      *back_button;
  GtkWidget      *new_complaint_button;
  GtkMenuButton  *primary_menu_button;
  GtkWidget      *search_button;
  GtkWidget      *views_button;
  GtkRevealer    *banner_revealer;
  GtkLabel       *banner_label;
  GtkWidget      *banner_button;
  GtkStack       *main_stack;
  RdWelcomePage  *welcome_page;
  GtkWidget      *desk;
  RdSidebar      *sidebar;
  GtkWidget      *sidebar_separator;
  GtkWidget      *list_pane;
  GtkSearchBar   *search_bar;
  GtkSearchEntry *search_entry;
  GtkLabel       *view_title_label;
  GtkLabel       *view_count_label;
  GtkDropDown    *sort_dropdown;
  GtkStack       *list_stack;
  GtkListView    *case_list_view;
  GtkWidget      *empty_page;
  GtkLabel       *empty_title_label;
  GtkLabel       *empty_body_label;
  GtkWidget      *empty_new_complaint_button;
  GtkWidget      *list_separator;
  GtkStack       *case_stack;
  RdCasePage     *case_page;
};

/* rd-window-actions.c */
void     _rd_window_class_install_actions (GtkWidgetClass *widget_class);
void     _rd_window_update_actions (RdWindow *self);
void     _rd_window_show_message (RdWindow *self, const char *heading, const char *body);
void     _rd_window_attach_files (RdWindow *self, GListModel *files);
void     _rd_window_remove_temporary_copies (RdWindow *self);
gboolean _rd_window_backup_to (RdWindow *self, const char *path);

/* rd-window.c */
void _rd_window_set_pane (RdWindow *self, RdPane pane);
void _rd_window_show_view (RdWindow *self, RdView view);
void _rd_window_reload (RdWindow *self);
void _rd_window_close_store (RdWindow *self);

G_END_DECLS
