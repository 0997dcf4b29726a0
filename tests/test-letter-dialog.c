/* test-letter-dialog.c: the letter window, its Poppler preview and printing.
 *
 * Runs under Xvfb (meson test). A screenshot of the window goes to
 * $G_TEST_BUILDDIR/screenshots/letter-dialog.png for a person to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <poppler.h>
#include <string.h>

#include "rd-context.h"
#include "rd-letter-dialog.h"
#include "rd-letter-fields.h"
#include "rd-model.h"
#include "rd-pdf-view.h"
#include "rd-print-operation.h"

#define MM(x) ((x) *72.0 / 25.4)

typedef struct
{
  char      *dir;
  RdStore   *store;
  RdContext *context;
  RdCase    *kase;
  GDate      today;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RdPerson) subject = NULL;
  GDate received;

  f->dir = g_dir_make_tmp ("redress-letter-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "council.redress", NULL);
  f->store = rd_store_open (path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (rd_store_set_setting (f->store, RD_SETTING_NAME, "Llanfair Town Council", &error));
  g_assert_true (
      rd_store_set_setting (f->store, RD_SETTING_ADDRESS, "Town Hall\nLlanfair", &error));
  g_assert_true (rd_store_set_setting (f->store, RD_SETTING_CLERK, "Alex Morgan", &error));
  g_assert_no_error (error);

  /* Tuesday 7 July 2026: never the wall clock. */
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, 7, G_DATE_JULY, 2026);
  rd_store_set_today (f->store, &f->today);
  f->context = rd_context_new (NULL);
  rd_context_set_today (f->context, &f->today);
  rd_context_set_store (f->context, f->store);

  subject = rd_person_new ("Siôn Ŵyn Llŷr");
  rd_person_set_address (subject, "14 Heol y Frenhines\nLlandeilo");
  rd_person_set_postcode (subject, "SA19 6AA");
  rd_person_set_email (subject, "sion@example.org");
  f->kase = rd_case_new ();
  g_date_clear (&received, 1);
  g_date_set_dmy (&received, 1, G_DATE_JULY, 2026);
  rd_case_set_received (f->kase, &received);
  rd_case_set_channel (f->kase, "post");
  rd_case_set_subject (f->kase, subject);
  g_assert_true (rd_store_add_case (f->store, f->kase, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->kase);
  g_clear_object (&f->context);
  rd_store_close (f->store);
  g_clear_object (&f->store);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
run_main_loop_briefly (void)
{
  gint64 until = g_get_monotonic_time () + 400 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
save_screenshot (GtkWidget *window, const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  GtkSnapshot     *snapshot;
  int              width, height;

  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  run_main_loop_briefly ();

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  file = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

static RdLetter *
make_letter (Fixture *f, RdLetterType type)
{
  g_autoptr(GError) error = NULL;
  RdLetterOptions options = { -1, -1, &f->today, FALSE };
  RdLetter       *letter = rd_letter_new_for_case (f->store, f->kase, type, &options, &error);

  g_assert_no_error (error);
  return letter;
}

/* Printing goes through the letter's own page routine: exported by
 * GtkPrintOperation, the PDF has the same pages, unscaled, with the
 * recipient still inside the envelope window. */
static void
test_print_export (Fixture *f, gconstpointer data)
{
  g_autoptr(RdLetter) letter = make_letter (f, RD_LETTER_ACKNOWLEDGEMENT);
  g_autoptr(RdPrintOperation) operation = rd_print_operation_new (letter);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *document;
  PopplerPage     *page;
  PopplerRectangle window = { MM (RD_LETTER_WINDOW_X_MM), MM (RD_LETTER_WINDOW_Y_MM),
                              MM (RD_LETTER_WINDOW_X_MM + RD_LETTER_WINDOW_WIDTH_MM),
                              MM (RD_LETTER_WINDOW_Y_MM + RD_LETTER_WINDOW_HEIGHT_MM) };
  g_autofree char *in_window = NULL;
  g_autofree char *text = NULL;
  double           width, height;

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  g_assert_cmpint (gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                            GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);

  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==,
                   (int) rd_letter_get_n_pages (letter));
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, MM (210), 1.0);
  g_assert_cmpfloat_with_epsilon (height, MM (297), 1.0);
  text = poppler_page_get_text (page);
  g_strdelimit (text, "\n", ' ');
  g_assert_nonnull (strstr (text, "Llanfair Town Council"));
  g_assert_nonnull (strstr (text, "Monday 3 August 2026"));
  in_window = poppler_page_get_text_for_area (page, &window);
  g_assert_nonnull (strstr (in_window, "Siôn Ŵyn Llŷr"));
  g_assert_nonnull (strstr (in_window, "SA19 6AA"));
  g_object_unref (page);
  g_object_unref (document);
}

static void
test_pdf_view (Fixture *f, gconstpointer data)
{
  g_autoptr(RdLetter) letter = make_letter (f, RD_LETTER_ACKNOWLEDGEMENT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  GtkWidget *view = g_object_ref_sink (rd_pdf_view_new ());
  int        natural_1, natural_2;

  rd_letter_set_large_print (letter, TRUE);
  pdf = rd_letter_to_pdf (letter, &error);
  g_assert_no_error (error);
  g_assert_true (rd_pdf_view_load_bytes (RD_PDF_VIEW (view), pdf, &error));
  g_assert_cmpint (rd_pdf_view_get_n_pages (RD_PDF_VIEW (view)), ==,
                   (int) rd_letter_get_n_pages (letter));

  /* At 100 %, an A4 page is 210 mm at 96 pixels per inch, plus margins. */
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural_1, NULL, NULL);
  g_assert_cmpint (natural_1, >=, (int) (210 / 25.4 * 96));
  g_assert_cmpint (natural_1, <=, (int) (210 / 25.4 * 96) + 40);
  rd_pdf_view_set_zoom (RD_PDF_VIEW (view), 2.0);
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural_2, NULL, NULL);
  g_assert_cmpint (natural_2, >, natural_1 * 19 / 10);
  rd_pdf_view_set_zoom (RD_PDF_VIEW (view), 100.0);
  g_assert_cmpfloat (rd_pdf_view_get_zoom (RD_PDF_VIEW (view)), ==, RD_PDF_VIEW_MAX_ZOOM);
  g_object_unref (view);
}

static void
test_dialog_edit_and_record (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GBytes) kept = NULL;
  RdLetterDialog *dialog = rd_letter_dialog_present (NULL, f->context, f->kase);
  RdCaseEvent    *last;
  RdDocument     *document;
  GtkTextView    *body = NULL;
  GtkWidget      *child;

  /* Nothing recorded after receipt: the acknowledgement. */
  g_assert_cmpint (rd_letter_dialog_get_letter_type (dialog), ==, RD_LETTER_ACKNOWLEDGEMENT);
  g_assert_nonnull (rd_letter_dialog_get_letter (dialog));
  g_assert_null (rd_letter_dialog_get_message (dialog));
  save_screenshot (GTK_WIDGET (dialog), "letter-dialog.png");

  /* An outcome letter is refused, with the reason shown. */
  rd_letter_dialog_set_letter_type (dialog, RD_LETTER_OUTCOME);
  g_assert_null (rd_letter_dialog_get_letter (dialog));
  g_assert_nonnull (strstr (rd_letter_dialog_get_message (dialog), "No outcome is recorded yet"));
  rd_letter_dialog_set_letter_type (dialog, RD_LETTER_ACKNOWLEDGEMENT);
  g_assert_nonnull (rd_letter_dialog_get_letter (dialog));

  /* The clerk's edit is what the letter holds. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (dialog)); child != NULL;)
    {
      if (GTK_IS_TEXT_VIEW (child))
        {
          body = GTK_TEXT_VIEW (child);
          break;
        }
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          if (child != NULL)
            child = gtk_widget_get_next_sibling (child);
        }
    }
  g_assert_nonnull (body);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (body),
                            "Dear Siôn,\n\nWe have your complaint. Edited by the clerk.", -1);
  g_assert_true (rd_letter_dialog_record_sent (dialog, "post", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rd_letter_get_body (rd_letter_dialog_get_letter (dialog)), ==,
                   "Dear Siôn,\n\nWe have your complaint. Edited by the clerk.");

  /* On the timeline as the acknowledgement, sent by post, with the PDF. */
  events = rd_store_list_events (f->store, rd_case_get_id (f->kase), &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpstr (rd_case_event_get_kind (last), ==, "acknowledged");
  g_assert_cmpstr (rd_case_event_get_detail (last, RD_DETAIL_CHANNEL), ==, "post");
  g_assert_cmpstr (rd_case_event_get_detail (last, RD_DETAIL_LETTER), ==, "acknowledgement");
  g_assert_cmpint (g_date_compare (rd_case_event_get_date (last), &f->today), ==, 0);

  documents = rd_store_list_documents (f->store, rd_case_get_id (f->kase), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  document = g_ptr_array_index (documents, 0);
  g_assert_cmpstr (rd_document_get_media_type (document), ==, "application/pdf");
  g_assert_cmpuint (strlen (rd_document_get_sha256 (document)), ==, 64);
  kept = rd_store_load_document (f->store, rd_document_get_id (document), &error);
  g_assert_no_error (error);
  {
    PopplerDocument *pdf = poppler_document_new_from_bytes (kept, NULL, &error);
    PopplerPage     *page;
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    page = poppler_document_get_page (pdf, 0);
    text = poppler_page_get_text (page);
    g_assert_nonnull (strstr (text, "Edited by the clerk."));
    g_object_unref (page);
    g_object_unref (pdf);
  }

  /* Sent again: the acknowledgement is on record, so a note keeps the letter. */
  g_assert_true (rd_letter_dialog_record_sent (dialog, "email", &error));
  g_assert_no_error (error);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = rd_store_list_events (f->store, rd_case_get_id (f->kase), &error);
  last = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpstr (rd_case_event_get_kind (last), ==, "note");
  g_assert_cmpstr (rd_case_event_get_detail (last, RD_DETAIL_CHANNEL), ==, "email");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The first widget under @root (depth first) of @type, and with @label if given. */
static GtkWidget *
find_widget (GtkWidget *root, GType type, const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (label == NULL ||
           (GTK_IS_BUTTON (child) &&
            g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0) ||
           (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), label))))
        return child;
      if ((found = find_widget (child, type, label)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
find_wording_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_str_has_prefix (gtk_window_get_title (window) != NULL ? gtk_window_get_title (window)
                                                                  : "",
                            "Wording:"))
        return window;
    }
  return NULL;
}

/* The council's own wording, from the letter window: checked, named, kept. */
static void
test_dialog_wording (Fixture *f, gconstpointer data)
{
  RdLetterDialog *dialog = rd_letter_dialog_present (NULL, f->context, f->kase);
  GtkWindow      *wording;
  GtkTextView    *view;
  GtkWidget      *keep;
  GtkWidget      *message;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "letter.wording", NULL));
  wording = find_wording_window ();
  g_assert_nonnull (wording);
  view = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (wording), GTK_TYPE_TEXT_VIEW, NULL));
  keep = find_widget (gtk_window_get_titlebar (wording), GTK_TYPE_BUTTON, "_Keep");
  g_assert_nonnull (view);
  g_assert_nonnull (keep);
  save_screenshot (GTK_WIDGET (wording), "letter-wording.png");

  /* It opens on the wording in use: Redress's own. */
  {
    GtkTextIter      start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
    text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
    g_assert_nonnull (strstr (text, "{deadline.respond}"));
  }

  /* A misspelt field: refused, named, nothing kept. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view),
                            "Dear {recipient.name},\nBy {deadline.respnd}.", -1);
  g_signal_emit_by_name (keep, "clicked");
  message = find_widget (GTK_WIDGET (wording), GTK_TYPE_LABEL, "{deadline.respnd}");
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_true (find_wording_window () == wording);

  /* A good one is kept, and the letter is made again from it. */
  gtk_text_buffer_set_text (
      gtk_text_view_get_buffer (view),
      "Subject: Ours\nDear {recipient.name}, our answer by {deadline.respond}.", -1);
  g_signal_emit_by_name (keep, "clicked");
  g_assert_null (find_wording_window ());
  g_assert_cmpstr (rd_letter_get_body (rd_letter_dialog_get_letter (dialog)), ==,
                   "Dear Siôn Ŵyn Llŷr, our answer by Monday 3 August 2026.");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/*
 * Received 1 July 2026: the answer is due Monday 3 August 2026. An
 * acknowledgement made on 22 November 2026 would promise that past date:
 * the window says so above the preview (and the letter can still go).
 * Made on 7 July, nothing is shown.
 */
static void
test_past_deadline_warning (Fixture *f, gconstpointer data)
{
  RdLetterDialog *dialog = rd_letter_dialog_present (NULL, f->context, f->kase);
  GDate           late;

  g_assert_cmpint (rd_letter_dialog_get_letter_type (dialog), ==, RD_LETTER_ACKNOWLEDGEMENT);
  g_assert_null (rd_letter_dialog_get_deadline_warning (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_date_clear (&late, 1);
  g_date_set_dmy (&late, 22, G_DATE_NOVEMBER, 2026);
  rd_store_set_today (f->store, &late);
  rd_context_set_today (f->context, &late);
  dialog = rd_letter_dialog_present (NULL, f->context, f->kase);
  rd_letter_dialog_set_letter_type (dialog, RD_LETTER_ACKNOWLEDGEMENT);
  g_assert_nonnull (rd_letter_dialog_get_letter (dialog));
  g_assert_nonnull (rd_letter_dialog_get_deadline_warning (dialog));
  g_assert_nonnull (
      strstr (rd_letter_dialog_get_deadline_warning (dialog), "Monday 3 August 2026"));
  g_assert_nonnull (strstr (rd_letter_dialog_get_deadline_warning (dialog), "already past"));
  save_screenshot (GTK_WIDGET (dialog), "letter-dialog-past-deadline.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWidget *
find_actionable (GtkWidget *widget, const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A store without the council's address (a demo store): the letter window
 * says so, offers Preferences beside the message, and makes the letter
 * again when Preferences closes. */
static void
test_no_council_address (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) toplevels = NULL;
  RdLetterDialog *dialog;
  GtkWidget      *button;
  GtkWindow      *preferences = NULL;

  g_assert_true (rd_store_set_setting (f->store, RD_SETTING_ADDRESS, "", &error));
  g_assert_no_error (error);
  dialog = rd_letter_dialog_present (NULL, f->context, f->kase);
  g_assert_null (rd_letter_dialog_get_letter (dialog));
  g_assert_nonnull (rd_letter_dialog_get_message (dialog));
  g_assert_nonnull (strstr (rd_letter_dialog_get_message (dialog), "Preferences"));
  button = find_actionable (GTK_WIDGET (dialog), "letter.preferences");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  save_screenshot (GTK_WIDGET (dialog), "letter-dialog-no-council-address.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "letter.preferences", NULL));
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_str_equal (G_OBJECT_TYPE_NAME (window), "RdPreferencesDialog"))
        preferences = window;
    }
  g_assert_nonnull (preferences);
  /* The clerk sets the address (as Preferences would), then closes it. */
  g_assert_true (
      rd_store_set_setting (f->store, RD_SETTING_ADDRESS, "Town Hall\nLlanfair", &error));
  gtk_window_destroy (preferences);
  g_assert_nonnull (rd_letter_dialog_get_letter (dialog));
  g_assert_false (gtk_widget_get_visible (button));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_suggest_type (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  GDate on;

  g_assert_cmpint (rd_letter_dialog_suggest_type (events), ==, RD_LETTER_ACKNOWLEDGEMENT);
  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 2, G_DATE_JULY, 2026);
  g_ptr_array_add (events, rd_case_event_new ("acknowledged", &on));
  g_ptr_array_add (events, rd_case_event_new ("outcome-sent", &on));
  g_ptr_array_add (events, rd_case_event_new ("note", &on));
  g_assert_cmpint (rd_letter_dialog_suggest_type (events), ==, RD_LETTER_OUTCOME);
  g_ptr_array_add (events, rd_case_event_new ("review-requested", &on));
  g_assert_cmpint (rd_letter_dialog_suggest_type (events), ==, RD_LETTER_REVIEW_ACKNOWLEDGEMENT);
}

int
main (int argc, char *argv[])
{
  g_setenv ("GTK_A11Y", "none", TRUE);

  if (!gtk_init_check ())
    {
      g_test_init (&argc, &argv, NULL);
      g_test_skip ("no display: run through meson test, which starts Xvfb");
      return g_test_run ();
    }

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/letter-dialog/print-export", test_print_export);
  ADD ("/letter-dialog/pdf-view", test_pdf_view);
  ADD ("/letter-dialog/edit-and-record", test_dialog_edit_and_record);
  ADD ("/letter-dialog/wording", test_dialog_wording);
  ADD ("/letter-dialog/suggest-type", test_suggest_type);
  ADD ("/letter-dialog/past-deadline-warning", test_past_deadline_warning);
  ADD ("/letter-dialog/no-council-address", test_no_council_address);
#undef ADD

  return g_test_run ();
}
