/* test-desk.c: the clerk's desk driven through its actions, under Xvfb.
 *
 * One complaint is taken through every step of the policy (identity,
 * acknowledgement, extension, outcome, review, ICO, closure) and a second
 * is refused; after each step the test reads what the list, the sidebar
 * and the case page show. Steps that need a dialog are recorded with the
 * model's API, as the dialog would, and the window must follow the store.
 *
 * Expected dates and counts were worked out by hand from the rules as the
 * ICO states them (day one is the day of receipt; a deadline on a weekend
 * moves to the next working day) and a 2026 calendar with the England and
 * Wales bank holidays, not taken from the code's output. "Today" is fixed:
 * Monday 6 July 2026.
 *
 * Screenshots of each main screen (light, dark, narrow, large text) are
 * written to $G_TEST_BUILDDIR/screenshots/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <gtk/gtk.h>

#include "rd-application.h"
#include "rd-case-row.h"
#include "rd-context.h"
#include "rd-deadline-popover.h"
#include "rd-event-dialog.h"
#include "rd-form.h"
#include "rd-new-complaint-dialog.h"
#include "rd-model-private.h"
#include "rd-model.h"
#include "rd-rules.h"
#include "rd-welcome-page.h"
#include "rd-window-private.h"
#include "rd-window.h"

#include "desk-test-util.h"

typedef struct
{
  RdApplication *app;
  RdContext     *context;
  RdWindow      *window;
  char          *dir;
  char          *path;
  GDate          today;
} Desk;

/* Helpers */

/* The list row showing @reference, as drawn (NULL if not on screen). */
static RdCaseRow *
find_row (Desk *desk, const char *reference)
{
  GtkWidget *view = rd_test_find_by_id (GTK_WIDGET (desk->window), "case_list_view");
  GPtrArray *stack = g_ptr_array_new ();
  RdCaseRow *found = NULL;

  g_ptr_array_add (stack, view);
  while (stack->len > 0 && found == NULL)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (RD_IS_CASE_ROW (widget) && gtk_widget_get_mapped (widget) &&
          g_strcmp0 (rd_case_row_get_reference_text (RD_CASE_ROW (widget)), reference) == 0)
        found = RD_CASE_ROW (widget);
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_ptr_array_unref (stack);

  return found;
}

static void
screenshot_widget (GtkWidget *widget, const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file = NULL;
  int              width = gtk_widget_get_width (widget);
  int              height = gtk_widget_get_height (widget);

  rd_test_pump (300);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  file = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, file));
  g_test_message ("screenshot: %s", file);
}

static void
screenshot (Desk *desk, const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (desk->window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file = NULL;
  GskRenderer     *renderer;
  int              width = gtk_widget_get_width (GTK_WIDGET (desk->window));
  int              height = gtk_widget_get_height (GTK_WIDGET (desk->window));

  rd_test_pump (300);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (GTK_NATIVE (desk->window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  file = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, file));
  g_test_message ("screenshot: %s", file);
}

static RdStore *
store_of (Desk *desk)
{
  RdStore *store = rd_context_get_store (desk->context);

  g_assert_nonnull (store);
  return store;
}

static gint64
add_case (Desk *desk, const char *name, int year, int month, int day, char **out_reference)
{
  g_autoptr(RdCase) kase = rd_case_new ();
  g_autoptr(RdPerson) subject = rd_person_new (name);
  g_autoptr(GError) error = NULL;
  GDate received;

  rd_test_date_set (&received, year, month, day);
  rd_case_set_received (kase, &received);
  rd_case_set_channel (kase, "email");
  rd_case_set_summary (kase, "Asks why a subject access request went unanswered.");
  rd_case_set_subject (kase, subject);
  g_assert_true (rd_store_add_case (store_of (desk), kase, &error));
  g_assert_no_error (error);
  *out_reference = g_strdup (rd_case_get_reference (kase));
  rd_test_pump (100);

  return rd_case_get_id (kase);
}

static RdCaseEvent *
event_new (const char *kind, const GDate *on)
{
  return rd_case_event_new (kind, on);
}

static void
record (Desk *desk, gint64 case_id, RdCaseEvent *event)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rd_store_add_event (store_of (desk), case_id, event, &error), >, 0);
  g_assert_no_error (error);
  rd_test_pump (150);
}

static void
record_simple (Desk *desk, gint64 case_id, const char *kind)
{
  g_autoptr(RdCaseEvent) event = event_new (kind, &desk->today);

  record (desk, case_id, event);
}

/* The counts come just after the window's first frame, and a moment
 * after each change (taken in a worker thread): wait for them. */
static int
window_count (RdWindow *window, RdView view)
{
  for (int i = 0; i < 100 && (rd_window_get_counts_pending (window) ||
                              rd_sidebar_get_count (rd_window_get_sidebar (window), view) < 0);
       i++)
    rd_test_pump (50);

  return rd_sidebar_get_count (rd_window_get_sidebar (window), view);
}

static int
sidebar_count (Desk *desk, RdView view)
{
  return window_count (desk->window, view);
}

static void
check_button (Desk *desk, RdEventKind kind, gboolean sensitive, const char *reason_part)
{
  GtkWidget *button = rd_case_page_get_action_button (rd_window_get_case_page (desk->window), kind);
  const char *tooltip;

  g_assert_nonnull (button);
  g_assert_cmpint (gtk_widget_get_sensitive (button), ==, sensitive);
  tooltip = gtk_widget_get_tooltip_text (button);
  g_assert_nonnull (tooltip);
  if (reason_part != NULL)
    g_assert_nonnull (strstr (tooltip, reason_part));
}

static char *
popover_text (Desk *desk, RdDeadlineKind kind)
{
  GtkWidget *popover = rd_case_page_get_deadline_popover (rd_window_get_case_page (desk->window),
                                                          kind);

  g_assert_nonnull (popover);
  return rd_deadline_popover_dup_text (RD_DEADLINE_POPOVER (popover));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* Set-up */

static void
desk_set_up (Desk *desk, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  static int       n;
  g_autofree char *id = g_strdup_printf ("io.github.redress.Redress.TestDesk%d", n++);

  desk->dir = g_dir_make_tmp ("redress-desk-XXXXXX", &error);
  g_assert_no_error (error);
  desk->path = g_build_filename (desk->dir, "council.redress", NULL);
  rd_test_date_set (&desk->today, 2026, 7, 6);

  desk->app = rd_application_new (id, G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (desk->app), NULL, NULL));
  desk->context = rd_context_new (NULL);
  rd_context_set_today (desk->context, &desk->today);
  desk->window = rd_window_new (desk->app, desk->context);
  gtk_window_set_default_size (GTK_WINDOW (desk->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (desk->window));
  rd_test_pump (200);
}

static void
desk_tear_down (Desk *desk, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (desk->window));
  rd_test_pump (50);
  g_clear_object (&desk->context);
  g_clear_object (&desk->app);
  rd_test_rm_rf (desk->dir);
  g_free (desk->dir);
  g_free (desk->path);
}

/* Creates the store through the welcome page, as a clerk would. */
static void
create_store (Desk *desk)
{
  RdWelcomePage *welcome = RD_WELCOME_PAGE (rd_window_get_welcome_page (desk->window));
  GtkWidget     *stack = rd_test_find_by_id (GTK_WIDGET (desk->window), "main_stack");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "welcome");
  g_assert_false (g_file_test (desk->path, G_FILE_TEST_EXISTS));

  rd_window_set_new_store_path (desk->window, desk->path);
  /* No store without a council's name: Create Store waits for one. */
  g_assert_false (
      gtk_widget_get_sensitive (rd_test_find_by_id (GTK_WIDGET (welcome), "create_button")));
  rd_welcome_page_set_council_name (welcome, "Ashcombe Town Council");
  g_assert_true (
      gtk_widget_get_sensitive (rd_test_find_by_id (GTK_WIDGET (welcome), "create_button")));
  rd_welcome_page_set_division (welcome, "england-and-wales");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.create-store", NULL));
  rd_test_pump (200);

  g_assert_true (g_file_test (desk->path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "desk");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (desk->window)), ==,
                   "Ashcombe Town Council — Redress");
  {
    GtkWidget *subtitle = rd_test_find_by_id (gtk_window_get_titlebar (GTK_WINDOW (desk->window)),
                                              "subtitle_label");

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (subtitle)), ==, desk->path);
  }
}

/* Tests */

static void
test_desk_lifecycle (Desk *desk, gconstpointer data)
{
  g_autofree char *ref_a = NULL;
  g_autofree char *ref_b = NULL;
  g_autofree char *text = NULL;
  RdCasePage      *page = rd_window_get_case_page (desk->window);
  RdCaseRow       *row;
  gint64           a, b;

  g_setenv ("REDRESS_TEST_NO_DIALOGS", "1", TRUE);
  screenshot (desk, "welcome-light");
  create_store (desk);

  /* An empty store: every count is 0, the list offers New Complaint. */
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_ALL_OPEN), ==, 0);
  g_assert_null (rd_window_get_banner_text (desk->window));
  screenshot (desk, "desk-empty-light");

  /* A complaint received Monday 22 June 2026 by e-mail. The policy's
   * acknowledgement (5 working days from the day after) was due Monday
   * 29 June, so today, 6 July, it is overdue by 7 days. */
  {
    RdNewComplaintDialog *dialog;
    RdCase               *created;

    /* Through the window's action and the real dialog, as a clerk would. */
    g_assert_true (
        gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.new-complaint", NULL));
    rd_test_pump (100);
    dialog = (RdNewComplaintDialog *) find_toplevel (RD_TYPE_NEW_COMPLAINT_DIALOG);
    g_assert_nonnull (dialog);
    g_assert_true (rd_form_fill (GTK_WIDGET (dialog), "received", "22/6/2026"));
    g_assert_true (rd_form_fill (GTK_WIDGET (dialog), "subject-name", "Jane Smith"));
    g_assert_true (rd_form_fill (GTK_WIDGET (dialog), "subject-channel", "1"));
    g_assert_true (rd_form_fill (GTK_WIDGET (dialog), "subject-email", "jane@example.org"));
    g_assert_true (rd_form_fill (GTK_WIDGET (dialog), "summary",
                                 "Asks why a subject access request went unanswered."));
    g_assert_true (rd_new_complaint_dialog_can_save (dialog));
    /* The dialog closes itself once saved: keep it to ask what it made. */
    g_object_ref (dialog);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
    created = rd_new_complaint_dialog_get_created_case (dialog);
    g_assert_nonnull (created);
    a = rd_case_get_id (created);
    ref_a = g_strdup (rd_case_get_reference (created));
    g_object_unref (dialog);
    rd_test_pump (200);
    if (find_toplevel (RD_TYPE_NEW_COMPLAINT_DIALOG) != NULL)
      gtk_window_destroy (find_toplevel (RD_TYPE_NEW_COMPLAINT_DIALOG));
  }
  /* The new case is shown at once, so the clerk can go on with it, and
   * chosen in the list when the view shows it. */
  g_assert_cmpint (rd_case_page_get_case_id (page), ==, a);
  {
    GtkWidget         *view = rd_test_find_by_id (GTK_WIDGET (desk->window), "case_list_view");
    GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (view));
    GListModel        *list = rd_window_get_case_list (desk->window);
    gboolean           listed = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (list); i++)
      {
        g_autoptr(RdCaseListItem) item = g_list_model_get_item (list, i);

        if (rd_case_list_item_get_id (item) == a)
          {
            listed = TRUE;
            g_assert_true (gtk_selection_model_is_selected (selection, i));
          }
      }
    g_test_message ("the new case is %s the list's view", listed ? "in" : "not in");
  }
  /* A reference is one word: never broken over two lines. */
  {
    GtkWidget *label = rd_test_find_by_id (GTK_WIDGET (page), "reference_label");

    g_assert_nonnull (label);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, ref_a);
    g_assert_false (gtk_label_get_wrap (GTK_LABEL (label)));
  }
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_ALL_OPEN), ==, 1);
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_OVERDUE), ==, 1);
  g_assert_cmpstr (rd_window_get_banner_text (desk->window), ==, "1 case is overdue.");
  /* What `redress --background` would say in a desktop notification. */
  {
    g_autofree char *summary = rd_application_dup_deadline_summary (store_of (desk), &desk->today);

    g_assert_cmpstr (summary, ==, "1 complaint is overdue.");
  }

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.show-view", "s", "all-open"));
  rd_test_pump (200);
  row = find_row (desk, ref_a);
  g_assert_nonnull (row);
  g_assert_cmpstr (rd_case_row_get_due_text (row), ==, "overdue by 7 days");
  g_assert_cmpstr (rd_case_row_get_urgency_class (row), ==, "overdue");
  g_assert_cmpstr (rd_case_row_get_status_text (row), ==, rd_status_get_label (RD_STATUS_OPEN));

  g_assert_true (rd_window_select_case (desk->window, a));
  rd_test_pump (100);
  g_assert_cmpstr (rd_case_page_get_next_date_text (page), ==, "Monday 29 June 2026");
  g_assert_cmpstr (rd_case_page_get_next_due_text (page), ==, "overdue by 7 days");
  g_assert_cmpuint (rd_case_page_get_n_events (page), ==, 1);
  /* Nothing was decided yet: a review cannot be asked for. */
  check_button (desk, RD_EVENT_REVIEW_REQUESTED, FALSE, "review");
  screenshot (desk, "desk-overdue-light");

  /* Identity is in doubt: asked for on 6 July. No outcome until it is
   * settled; the button says why, and so does the action if forced. */
  record_simple (desk, a, "identity-requested");
  g_assert_cmpstr (rd_case_page_get_status_text (page), ==,
                   rd_status_get_label (RD_STATUS_AWAITING_IDENTITY));
  check_button (desk, RD_EVENT_OUTCOME_SENT, FALSE, "Identity");
  check_button (desk, RD_EVENT_IDENTITY_VERIFIED, TRUE, NULL);
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_AWAITING_IDENTITY), ==, 1);
  {
    GtkWidget  *button = rd_case_page_get_action_button (page, RD_EVENT_OUTCOME_SENT);
    const char *message;

    g_object_set_data (G_OBJECT (desk->window), "rd-last-message", NULL);
    gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.record-event", "s", "outcome-sent");
    message = g_object_get_data (G_OBJECT (desk->window), "rd-last-message");
    g_assert_cmpstr (message, ==, gtk_widget_get_tooltip_text (button));
  }

  /* Identity verified and the complaint acknowledged the same day (late):
   * the clock starts 6 July; one calendar month is Thursday 6 August. */
  {
    g_autoptr(RdCaseEvent) event = event_new ("identity-verified", &desk->today);

    rd_case_event_set_detail (event, RD_DETAIL_DOCUMENT, "passport");
    rd_case_event_set_detail (event, RD_DETAIL_CHECKED_BY, "A. Clerk");
    record (desk, a, event);
  }
  record_simple (desk, a, "acknowledged");
  g_assert_cmpstr (rd_case_page_get_status_text (page), ==, rd_status_get_label (RD_STATUS_OPEN));
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_OVERDUE), ==, 0);
  g_assert_null (rd_window_get_banner_text (desk->window));
  check_button (desk, RD_EVENT_OUTCOME_SENT, TRUE, NULL);
  /* The buttons name actions, as the help does, not past events. */
  g_assert_cmpstr (gtk_button_get_label (
                       GTK_BUTTON (rd_case_page_get_action_button (page, RD_EVENT_OUTCOME_SENT))),
                   ==, "Send the Outcome…");
  g_assert_cmpstr (
      gtk_button_get_label (GTK_BUTTON (rd_case_page_get_action_button (page, RD_EVENT_NOTE))), ==,
      "Add a Note…");
  g_assert_cmpstr (rd_case_page_get_next_date_text (page), ==, "Thursday 6 August 2026");
  /* 7–10, 13–17, 20–24, 27–31 July and 3–6 August: 23 working days. */
  g_assert_cmpstr (rd_case_page_get_next_due_text (page), ==, "due in 23 working days");
  text = rd_case_page_dup_timeline_text (page);
  g_assert_nonnull (strstr (text, "Identity document: passport"));
  g_assert_nonnull (strstr (text, "Checked by: A. Clerk"));
  g_clear_pointer (&text, g_free);
  text = popover_text (desk, RD_DEADLINE_RESPOND);
  g_assert_nonnull (strstr (text, "Monday 6 July 2026"));
  g_clear_pointer (&text, g_free);

  /* Extended by two months, notified today: due Tuesday 6 October 2026,
   * the first due date kept beside it. */
  {
    RdEventDialog *dialog;

    /* Through the page's button and the real event dialog. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.record-event", "s",
                                               "extended"));
    rd_test_pump (100);
    dialog = (RdEventDialog *) find_toplevel (RD_TYPE_EVENT_DIALOG);
    g_assert_nonnull (dialog);
    g_assert_cmpint (rd_event_dialog_get_kind (dialog), ==, RD_EVENT_EXTENDED);
    g_assert_true (rd_form_fill (GTK_WIDGET (dialog), "reason", "Records held by a contractor"));
    g_assert_true (rd_form_fill (GTK_WIDGET (dialog), "notified", "6/7/2026"));
    rd_test_pump (50);
    g_assert_true (rd_event_dialog_can_save (dialog));
    g_object_ref (dialog);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
    g_assert_cmpint (rd_event_dialog_get_event_id (dialog), >, 0);
    g_object_unref (dialog);
    rd_test_pump (200);
    if (find_toplevel (RD_TYPE_EVENT_DIALOG) != NULL)
      gtk_window_destroy (find_toplevel (RD_TYPE_EVENT_DIALOG));
  }
  g_assert_cmpstr (rd_case_page_get_next_date_text (page), ==, "Tuesday 6 October 2026");
  text = popover_text (desk, RD_DEADLINE_RESPOND);
  g_assert_nonnull (strstr (text, "Before the extension Thursday 6 August 2026"));
  g_clear_pointer (&text, g_free);
  check_button (desk, RD_EVENT_EXTENDED, FALSE, "extended");
  screenshot (desk, "desk-case-light");
  {
    GtkWidget     *popover = rd_case_page_get_deadline_popover (page, RD_DEADLINE_RESPOND);
    GtkWidget     *scroller = rd_test_find_by_id (GTK_WIDGET (page), "scroller");
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
        GTK_SCROLLED_WINDOW (scroller));

    /* The deadlines and the timeline, lower down the page. */
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    screenshot (desk, "desk-case-timeline-light");
    gtk_popover_popup (GTK_POPOVER (popover));
    rd_test_pump (300);
    screenshot_widget (popover, "deadline-working-light");
    gtk_popover_popdown (GTK_POPOVER (popover));
    gtk_adjustment_set_value (adjustment, 0);
  }

  /* The outcome, then a review asked for the same day: the review is due
   * one month later, Thursday 6 August 2026. */
  {
    g_autoptr(RdCaseEvent) event = event_new ("outcome-sent", &desk->today);

    rd_case_event_set_detail (event, RD_DETAIL_OUTCOME, "partly-upheld");
    rd_case_event_set_detail (event, RD_DETAIL_SUMMARY, "The request was answered late.");
    rd_case_event_set_detail (event, RD_DETAIL_CHANNEL, "post");
    record (desk, a, event);
  }
  text = rd_case_page_dup_timeline_text (page);
  g_assert_nonnull (strstr (text, "Outcome: Partly upheld"));
  g_assert_nonnull (strstr (text, "Summary: The request was answered late."));
  g_assert_nonnull (strstr (text, "Sent by post"));
  g_assert_nonnull (strstr (text, "Reason: Records held by a contractor"));
  g_assert_nonnull (strstr (text, "Extended by "));
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (rd_case_page_get_status_text (page), ==,
                   rd_status_get_label (RD_STATUS_RESPONDED));
  check_button (desk, RD_EVENT_OUTCOME_SENT, FALSE, NULL);
  check_button (desk, RD_EVENT_REVIEW_REQUESTED, TRUE, NULL);
  record_simple (desk, a, "review-requested");
  g_assert_cmpstr (rd_case_page_get_status_text (page), ==,
                   rd_status_get_label (RD_STATUS_UNDER_REVIEW));
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_UNDER_REVIEW), ==, 1);
  g_assert_cmpstr (rd_case_page_get_next_date_text (page), ==, "Thursday 6 August 2026");
  {
    g_autoptr(RdCaseEvent) event = event_new ("review-outcome-sent", &desk->today);

    rd_case_event_set_detail (event, RD_DETAIL_OUTCOME, "not-upheld");
    record (desk, a, event);
  }
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_UNDER_REVIEW), ==, 0);

  /* The ICO gets in touch and wants an answer by Monday 20 July: 10
   * working days (7–10, 13–17, 20 July). */
  {
    g_autoptr(RdCaseEvent) event = event_new ("ico-notified", &desk->today);
    GDate ico_due;

    rd_test_date_set (&ico_due, 2026, 7, 20);
    rd_case_event_set_detail (event, RD_DETAIL_ICO_REF, "IC-123456-A1B2");
    rd_case_event_set_detail_date (event, RD_DETAIL_ICO_DUE, &ico_due);
    record (desk, a, event);
  }
  g_assert_cmpstr (rd_case_page_get_status_text (page), ==,
                   rd_status_get_label (RD_STATUS_WITH_ICO));
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_WITH_ICO), ==, 1);
  g_assert_cmpstr (rd_case_page_get_next_date_text (page), ==, "Monday 20 July 2026");
  g_assert_cmpstr (rd_case_page_get_next_due_text (page), ==, "due in 10 working days");
  check_button (desk, RD_EVENT_CLOSED, FALSE, "ICO");
  text = rd_case_page_dup_timeline_text (page);
  g_assert_nonnull (strstr (text, "ICO reference: IC-123456-A1B2"));
  g_clear_pointer (&text, g_free);

  record_simple (desk, a, "ico-response-sent");
  check_button (desk, RD_EVENT_CLOSED, TRUE, NULL);
  record_simple (desk, a, "closed");
  g_assert_cmpstr (rd_case_page_get_status_text (page), ==, rd_status_get_label (RD_STATUS_CLOSED));
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_CLOSED), ==, 1);
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_ALL_OPEN), ==, 0);
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_WITH_ICO), ==, 0);
  /* Kept six years from closure (the privacy notice): until 6 July 2032. */
  text = rd_case_page_dup_deadlines_text (page);
  g_assert_nonnull (strstr (text, "2032"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (rd_case_page_get_n_events (page), ==, 11);

  /* A second complaint, refused as manifestly unfounded: without a
   * factor the store refuses with the rules' reason; with two, it goes. */
  b = add_case (desk, "Owain Prys", 2026, 7, 1, &ref_b);
  g_assert_true (rd_window_select_case (desk->window, b));
  {
    g_autoptr(RdCaseEvent) event = event_new ("refused", &desk->today);
    g_autoptr(GError) error = NULL;
    const guint factors[] = { 2, 5 };

    rd_case_event_set_detail (event, RD_DETAIL_REASONS, "The same matter was investigated twice.");
    g_assert_false (rd_store_check_event (store_of (desk), b, event, &error));
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_RULE);
    g_assert_nonnull (strstr (error->message, "five factors"));
    rd_case_event_set_factors (event, factors, G_N_ELEMENTS (factors));
    record (desk, b, event);
  }
  g_assert_cmpstr (rd_case_page_get_status_text (page), ==,
                   rd_status_get_label (RD_STATUS_REFUSED));
  text = rd_case_page_dup_timeline_text (page);
  g_assert_nonnull (strstr (text, "Factor 2"));
  g_assert_nonnull (strstr (text, "Factor 5"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_CLOSED), ==, 2);

  /* Search filters the list as one types (the store's full-text index). */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.show-view", "s", "closed"));
  rd_window_set_search_text (desk->window, "Prys");
  rd_test_pump (200);
  g_assert_cmpuint (g_list_model_get_n_items (rd_window_get_case_list (desk->window)), ==, 1);
  g_assert_nonnull (find_row (desk, ref_b));
  g_assert_null (find_row (desk, ref_a));
  rd_window_set_search_text (desk->window, "");
  rd_test_pump (100);
  g_assert_cmpuint (g_list_model_get_n_items (rd_window_get_case_list (desk->window)), ==, 2);

  /* Back Up… (after the file chooser): a copy that verifies, with both cases. */
  {
    g_autofree char *backup = g_build_filename (desk->dir, "backup.redress", NULL);
    g_autoptr(RdStore) copy = NULL;
    g_autoptr(GArray) ids = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (_rd_window_backup_to (desk->window, backup));
    g_assert_nonnull (
        strstr (g_object_get_data (G_OBJECT (desk->window), "rd-last-message"), "backup.redress"));
    copy = rd_store_open (backup, RD_STORE_OPEN_NO_WATCH, &error);
    g_assert_no_error (error);
    g_assert_true (rd_store_verify (copy, NULL, &error));
    ids = rd_store_list_case_ids (copy, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 2);
  }

  /* Verify Store reports plainly, after checking in a worker thread. */
  g_object_set_data (G_OBJECT (desk->window), "rd-last-message", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.verify-store", NULL));
  /* The answer comes from the worker, not from the action itself. */
  g_assert_null (g_object_get_data (G_OBJECT (desk->window), "rd-last-message"));
  for (int i = 0;
       i < 3000 && g_object_get_data (G_OBJECT (desk->window), "rd-last-message") == NULL; i++)
    rd_test_pump (10);
  g_assert_nonnull (
      strstr (g_object_get_data (G_OBJECT (desk->window), "rd-last-message"), "unbroken"));
}

static void
test_desk_documents (Desk *desk, gconstpointer data)
{
  g_autofree char *ref = NULL;
  g_autofree char *file_path = g_build_filename (desk->dir, "evidence.txt", NULL);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) file = g_file_new_for_path (file_path);
  RdCasePage *page = rd_window_get_case_page (desk->window);
  gint64      id;

  g_setenv ("REDRESS_TEST_NO_DIALOGS", "1", TRUE);
  create_store (desk);
  id = add_case (desk, "Jane Smith", 2026, 7, 1, &ref);
  g_assert_true (rd_window_select_case (desk->window, id));
  g_assert_cmpuint (rd_case_page_get_n_documents (page), ==, 0);

  /* What a drop on the page does (GtkDropTarget hands over a file list). */
  g_assert_true (g_file_set_contents (file_path, "A letter from the complainant.", -1, NULL));
  g_list_store_append (files, file);
  {
    g_autoptr(GSList) list = g_slist_append (NULL, file);
    GdkFileList *file_list = gdk_file_list_new_from_list (list);

    g_signal_emit_by_name (page, "files-dropped", file_list);
    g_boxed_free (GDK_TYPE_FILE_LIST, file_list);
  }
  rd_test_pump (150);
  g_assert_cmpuint (rd_case_page_get_n_documents (page), ==, 1);

  /* Open hands the viewer a private copy, removed when the window closes. */
  {
    g_autoptr(GPtrArray) documents = rd_store_list_documents (store_of (desk), id, NULL);
    RdDocument      *document = g_ptr_array_index (documents, 0);
    g_autofree char *copy_dir = NULL;
    g_autofree char *copy = NULL;
    g_autofree char *contents = NULL;

    g_assert_cmpstr (rd_document_get_name (document), ==, "evidence.txt");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.open-document", "x",
                                               rd_document_get_id (document)));
    rd_test_pump (100);
    g_assert_nonnull (desk->window->temporary_dirs);
    g_assert_cmpuint (desk->window->temporary_dirs->len, ==, 1);
    copy_dir = g_strdup (g_ptr_array_index (desk->window->temporary_dirs, 0));
    copy = g_build_filename (copy_dir, "evidence.txt", NULL);
    g_assert_true (g_file_get_contents (copy, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "A letter from the complainant.");

    gtk_window_destroy (GTK_WINDOW (desk->window));
    rd_test_pump (50);
    g_assert_false (g_file_test (copy_dir, G_FILE_TEST_EXISTS));
    /* A fresh window for the tear-down to close. */
    desk->window = rd_window_new (desk->app, desk->context);
  }
}

static void
test_desk_narrow_and_styles (Desk *desk, gconstpointer data)
{
  g_autofree char *ref = NULL;
  GtkSettings     *settings = gtk_settings_get_default ();
  gint64           id;
  int              dpi;

  g_setenv ("REDRESS_TEST_NO_DIALOGS", "1", TRUE);
  create_store (desk);
  id = add_case (desk, "Jane Smith", 2026, 6, 22, &ref);
  g_assert_true (rd_window_select_case (desk->window, id));
  g_assert_false (rd_window_get_narrow (desk->window));

  /* Another day (as at midnight): the lists are asked again. On Tuesday
   * 23 June the acknowledgement (Monday 29 June) is not overdue but due
   * soon: 24, 25, 26 and 29 June are 4 working days. */
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_OVERDUE), ==, 1);
  {
    GDate earlier;

    rd_test_date_set (&earlier, 2026, 6, 23);
    rd_context_set_today (desk->context, &earlier);
    rd_test_pump (200);
    g_assert_cmpint (sidebar_count (desk, RD_VIEW_OVERDUE), ==, 0);
    g_assert_cmpint (sidebar_count (desk, RD_VIEW_DUE_SOON), ==, 1);
    g_assert_nonnull (find_row (desk, ref));
    g_assert_cmpstr (rd_case_row_get_due_text (find_row (desk, ref)), ==, "due in 4 working days");
    rd_context_set_today (desk->context, &desk->today);
    rd_test_pump (200);
    g_assert_cmpint (sidebar_count (desk, RD_VIEW_OVERDUE), ==, 1);
  }

  /* Dark style. */
  g_object_set (settings, "gtk-application-prefer-dark-theme", TRUE, NULL);
  screenshot (desk, "desk-case-dark");

  /* Narrow: one pane at a time, with Back. */
  gtk_window_set_default_size (GTK_WINDOW (desk->window), 420, 760);
  rd_test_pump (400);
  g_test_message ("width after resize: %d", gtk_widget_get_width (GTK_WIDGET (desk->window)));
  g_assert_true (rd_window_get_narrow (desk->window));
  g_assert_cmpstr (rd_window_get_visible_pane (desk->window), ==, "case");
  screenshot (desk, "narrow-case-dark");
  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.back", NULL));
  rd_test_pump (100);
  g_assert_cmpstr (rd_window_get_visible_pane (desk->window), ==, "list");
  screenshot (desk, "narrow-list-light");
  /* Activating the row (a click, or Enter) opens the case again. */
  {
    GtkWidget *view = rd_test_find_by_id (GTK_WIDGET (desk->window), "case_list_view");

    g_assert_true (gtk_list_view_get_single_click_activate (GTK_LIST_VIEW (view)));
    g_signal_emit_by_name (view, "activate", 0);
    rd_test_pump (100);
    g_assert_cmpstr (rd_window_get_visible_pane (desk->window), ==, "case");
    g_assert_cmpint (rd_case_page_get_case_id (rd_window_get_case_page (desk->window)), ==, id);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.back", NULL));
    rd_test_pump (100);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.show-views", NULL));
  rd_test_pump (100);
  g_assert_cmpstr (rd_window_get_visible_pane (desk->window), ==, "views");
  screenshot (desk, "narrow-views-light");
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.show-view", "s", "overdue"));
  rd_test_pump (100);
  g_assert_cmpstr (rd_window_get_visible_pane (desk->window), ==, "list");
  g_assert_cmpint (rd_sidebar_get_view (rd_window_get_sidebar (desk->window)), ==, RD_VIEW_OVERDUE);

  /* 200% text at 1280 pixels: one pane at a time, as a narrow window. */
  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 2 * 96 * 1024, NULL);
  gtk_window_set_default_size (GTK_WINDOW (desk->window), 1280, 800);
  rd_test_pump (400);
  g_assert_true (rd_window_get_narrow (desk->window));
  g_assert_true (rd_window_select_case (desk->window, id));
  rd_test_pump (100);
  g_assert_cmpstr (rd_window_get_visible_pane (desk->window), ==, "case");
  screenshot (desk, "desk-large-text");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.back", NULL));
  screenshot (desk, "desk-large-text-list");
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  rd_test_pump (400);
  g_assert_false (rd_window_get_narrow (desk->window));

  /* An 18-point font (gtk-font-name, as a user's settings.ini sets it)
   * in the default 1100×720 window: the list fills it too. */
  {
    g_autofree char *font = NULL;

    g_object_get (settings, "gtk-font-name", &font, NULL);
    g_object_set (settings, "gtk-font-name", "DejaVu Sans 18", NULL);
    gtk_window_set_default_size (GTK_WINDOW (desk->window), 1100, 720);
    rd_test_pump (400);
    g_assert_true (rd_window_get_narrow (desk->window));
    screenshot (desk, "desk-large-font-list");
    g_assert_true (rd_window_select_case (desk->window, id));
    rd_test_pump (200);
    screenshot (desk, "desk-large-font-case");
    g_object_set (settings, "gtk-font-name", font, NULL);
    rd_test_pump (400);
    g_assert_false (rd_window_get_narrow (desk->window));
    screenshot (desk, "desk-case-1100");
  }
}

static void
test_desk_two_windows (Desk *desk, gconstpointer data)
{
  g_autofree char *ref = NULL;
  g_autofree char *other_path = g_build_filename (desk->dir, "other.redress", NULL);
  g_autoptr(RdStore) other = NULL;
  g_autoptr(RdStore) cli = NULL;
  g_autoptr(RdContext) second_context = rd_context_new (NULL);
  g_autoptr(GError) error = NULL;
  RdWindow *second;
  guint     n;

  g_setenv ("REDRESS_TEST_NO_DIALOGS", "1", TRUE);
  create_store (desk);
  add_case (desk, "Jane Smith", 2026, 7, 1, &ref);

  /* A second window on a second store. */
  other = rd_store_open (other_path, RD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (rd_store_set_setting (other, RD_SETTING_NAME, "Brynmor Community Council", NULL));
  g_clear_object (&other);
  rd_context_set_today (second_context, &desk->today);
  second = rd_window_new (desk->app, second_context);
  g_assert_true (rd_window_open_store (second, other_path, FALSE, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (second));
  rd_test_pump (200);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (second)), ==,
                   "Brynmor Community Council — Redress");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (desk->window)), ==,
                   "Ashcombe Town Council — Redress");
  g_assert_cmpint (window_count (second, RD_VIEW_ALL_OPEN), ==, 0);

  /* Another program (as redress-cli would) adds a case to the first
   * store: the first window's list follows within a few seconds. */
  n = sidebar_count (desk, RD_VIEW_ALL_OPEN);
  g_assert_cmpuint (n, ==, 1);
  cli = rd_store_open (desk->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  {
    g_autoptr(RdCase) kase = rd_case_new ();
    g_autoptr(RdPerson) subject = rd_person_new ("Rhys Evans");
    GDate received;

    rd_test_date_set (&received, 2026, 7, 2);
    rd_case_set_received (kase, &received);
    rd_case_set_subject (kase, subject);
    g_assert_true (rd_store_add_case (cli, kase, &error));
    g_assert_no_error (error);
  }
  for (int i = 0;
       i < 50 && rd_sidebar_get_count (rd_window_get_sidebar (desk->window), RD_VIEW_ALL_OPEN) != 2;
       i++)
    rd_test_pump (100);
  g_assert_cmpint (rd_sidebar_get_count (rd_window_get_sidebar (desk->window), RD_VIEW_ALL_OPEN),
                   ==, 2);
  g_assert_cmpint (window_count (second, RD_VIEW_ALL_OPEN), ==, 0);

  gtk_window_destroy (GTK_WINDOW (second));
}

/* Changes that come in a burst (an import, redress-cli writing) are
 * counted once, after the last, and the counts are those of the end. */
static void
test_desk_count_burst (Desk *desk, gconstpointer data)
{
  guint n_counts;

  g_setenv ("REDRESS_TEST_NO_DIALOGS", "1", TRUE);
  create_store (desk);
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_ALL_OPEN), ==, 0);
  g_assert_false (rd_window_get_counts_pending (desk->window));
  n_counts = rd_window_get_n_counts (desk->window);
  g_assert_cmpuint (n_counts, >=, 1);

  /* Five complaints 20 ms apart. One received Monday 22 June 2026: its
   * acknowledgement (5 working days from the next day) was due Monday
   * 29 June, overdue today, 6 July. Four received today: due Monday
   * 13 July, neither overdue nor due today. */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(RdCase) kase = rd_case_new ();
      g_autoptr(RdPerson) subject = rd_person_new ("Test Person");
      g_autoptr(GError) error = NULL;
      GDate received;

      rd_test_date_set (&received, 2026, i == 0 ? 6 : 7, i == 0 ? 22 : 6);
      rd_case_set_received (kase, &received);
      rd_case_set_channel (kase, "email");
      rd_case_set_subject (kase, subject);
      g_assert_true (rd_store_add_case (store_of (desk), kase, &error));
      g_assert_no_error (error);
      rd_test_pump (20);
      /* Nothing counted in the middle of the burst. */
      g_assert_cmpuint (rd_window_get_n_counts (desk->window), ==, n_counts);
    }
  g_assert_true (rd_window_get_counts_pending (desk->window));

  g_assert_cmpint (sidebar_count (desk, RD_VIEW_ALL_OPEN), ==, 5);
  g_assert_cmpuint (rd_window_get_n_counts (desk->window), ==, n_counts + 1);
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_OVERDUE), ==, 1);
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_CLOSED), ==, 0);
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_AWAITING_IDENTITY), ==, 0);
  g_assert_cmpstr (rd_window_get_banner_text (desk->window), ==, "1 case is overdue.");

  /* Quiet again: nothing more is counted. */
  rd_test_pump (400);
  g_assert_cmpuint (rd_window_get_n_counts (desk->window), ==, n_counts + 1);

  /* Built after the window's first frame, not before (rd-window.c). */
  g_assert_nonnull (
      gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (desk->window)));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (desk->window), "show-help-overlay"));
}

/* A window opened at start-up shows a screenful first, the rest after.
 * A change of the store replaces every row of the list: the list view
 * reads again only the rows it shows (GTK 4.8's would read every case,
 * see RdListSplit in rd-window.c), and the clerk stays where they were. */
static void
test_desk_list_change (Desk *desk, gconstpointer data)
{
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GtkAdjustment *adjustment;
  RdCaseList    *list;
  char          *reference = NULL;
  double         scrolled;

  store = rd_store_open (desk->path, RD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (rd_store_fill_demo (store, 12000, 7, &desk->today, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* A window opened on the store, as at start-up: the list view gets a
   * screenful of rows for its first frame, every row just after. */
  {
    RdWindow   *other = rd_application_open_window (desk->app, desk->path);
    GListModel *shown = G_LIST_MODEL (other->selection);
    guint       n = g_list_model_get_n_items (rd_window_get_case_list (other));

    g_assert_cmpuint (n, >, 1000);
    g_assert_cmpuint (g_list_model_get_n_items (shown), <, 100);
    for (int i = 0; i < 100 && g_list_model_get_n_items (shown) < n; i++)
      rd_test_pump (50);
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
    gtk_window_destroy (GTK_WINDOW (other));
  }

  g_assert_true (rd_window_open_store (desk->window, desk->path, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.show-view", "s", "all-open"));
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_ALL_OPEN), >, 1000);
  list = RD_CASE_LIST (rd_window_get_case_list (desk->window));

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (desk->window->case_list_view));
  gtk_adjustment_set_value (adjustment, 2000);
  rd_test_pump (300);
  /* The list view settles on a row: about where it was asked to. */
  scrolled = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (fabs (scrolled - 2000), <, 100);

  add_case (desk, "Test Person", 2026, 7, 6, &reference);
  g_free (reference);
  rd_test_pump (300);
  /* The first page or two of 200 rows, not the 1,600 kept at most. */
  g_assert_cmpuint (_rd_case_list_count_cached_items (list), <=, 400);
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adjustment) - scrolled), <, 100);

  /* Another view starts from the top. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.show-view", "s", "closed"));
  rd_test_pump (300);
  g_assert_cmpuint (g_list_model_get_n_items (rd_window_get_case_list (desk->window)), >, 1000);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <, 100);
}

/* The screenshot the metainfo and the README show: a demo store, with a
 * case that has a deadline chosen. */
static void
test_desk_demo (Desk *desk, gconstpointer data)
{
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;
  RdCasePage *page = rd_window_get_case_page (desk->window);

  g_setenv ("REDRESS_TEST_NO_DIALOGS", "1", TRUE);
  store = rd_store_open (desk->path, RD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (rd_store_set_setting (store, RD_SETTING_NAME, "Ashcombe Town Council", NULL));
  g_assert_true (rd_store_fill_demo (store, 400, 7, &desk->today, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_true (rd_window_open_store (desk->window, desk->path, FALSE, &error));
  g_assert_no_error (error);
  rd_test_pump (300);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.show-view", "s", "all-open"));
  rd_test_pump (200);
  list = rd_window_get_case_list (desk->window);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);

  /* The first case of the list (the most urgent) is shown. */
  {
    g_autoptr(RdCaseListItem) item = g_list_model_get_item (list, 0);

    g_assert_true (rd_window_select_case (desk->window, rd_case_list_item_get_id (item)));
  }
  g_assert_nonnull (rd_case_page_get_case (page));
  screenshot (desk, "main-window");
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", TRUE, NULL);
  screenshot (desk, "main-window-dark");
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", FALSE, NULL);
}

/* The welcome page's two other ways in: a demo store of its own, and a
 * file that is not a store, refused with the store's message. */
static void
test_desk_welcome (Desk *desk, gconstpointer data)
{
  g_autofree char *demo = g_build_filename (g_get_user_data_dir (), "redress", "demo.redress",
                                            NULL);
  g_autofree char *text_path = g_build_filename (desk->dir, "notes.redress", NULL);
  GtkWidget       *stack = rd_test_find_by_id (GTK_WIDGET (desk->window), "main_stack");
  RdWindow        *other;

  g_setenv ("REDRESS_TEST_NO_DIALOGS", "1", TRUE);
  g_assert_true (g_str_has_prefix (demo, g_getenv ("XDG_DATA_HOME")));
  g_unlink (demo);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.demo-store", NULL));
  rd_test_pump (200);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "desk");
  g_assert_true (g_file_test (demo, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (desk->window)), ==,
                   "Demo Town Council — Redress");
  g_assert_cmpint (sidebar_count (desk, RD_VIEW_ALL_OPEN) + sidebar_count (desk, RD_VIEW_CLOSED), >,
                   0);

  /* Not a store: the window stays on the welcome page and says why. */
  g_assert_true (g_file_set_contents (text_path, "minutes of the last meeting\n", -1, NULL));
  other = rd_application_open_window (desk->app, text_path);
  rd_test_pump (100);
  stack = rd_test_find_by_id (GTK_WIDGET (other), "main_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "welcome");
  {
    GtkWidget *error_label = rd_test_find_by_id (rd_window_get_welcome_page (other), "error_label");

    g_assert_true (gtk_widget_get_visible (error_label));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), !=, "");
  }
  /* The file is left as it was. */
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (text_path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "minutes of the last meeting\n");
  }
  gtk_window_destroy (GTK_WINDOW (other));
  g_unlink (demo);
}

int
main (int argc, char *argv[])
{
  g_autofree char *data_home = NULL;

  /* The demo store goes in the user data folder: a private one here. */
  data_home = g_dir_make_tmp ("redress-desk-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      int status;

      g_test_skip ("no display: run through meson test, which starts Xvfb");
      status = g_test_run ();
      g_rmdir (data_home);
      return status;
    }

  g_test_add ("/desk/lifecycle", Desk, NULL, desk_set_up, test_desk_lifecycle, desk_tear_down);
  g_test_add ("/desk/documents", Desk, NULL, desk_set_up, test_desk_documents, desk_tear_down);
  g_test_add ("/desk/narrow-and-styles", Desk, NULL, desk_set_up, test_desk_narrow_and_styles,
              desk_tear_down);
  g_test_add ("/desk/two-windows", Desk, NULL, desk_set_up, test_desk_two_windows, desk_tear_down);
  g_test_add ("/desk/demo", Desk, NULL, desk_set_up, test_desk_demo, desk_tear_down);
  g_test_add ("/desk/count-burst", Desk, NULL, desk_set_up, test_desk_count_burst, desk_tear_down);
  g_test_add ("/desk/list-change", Desk, NULL, desk_set_up, test_desk_list_change, desk_tear_down);
  g_test_add ("/desk/welcome", Desk, NULL, desk_set_up, test_desk_welcome, desk_tear_down);

  {
    int status = g_test_run ();

    rd_test_rm_rf (data_home);
    return status;
  }
}
