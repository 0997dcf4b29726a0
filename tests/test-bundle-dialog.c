/* test-bundle-dialog.c: the ICO bundle window on a real store.
 *
 * A case received on Monday 2 March 2026 with a two-page letter and a
 * photograph; the photograph is withheld. The bundle then has a cover, an
 * index, a chronology, a deadlines page and the letter's two pages: 6.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <gtk/gtk.h>
#include <poppler.h>

#include "rd-bundle-dialog.h"
#include "store-test-util.h"

typedef PopplerDocument TestPdf;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdf, g_object_unref)

typedef struct
{
  char           *dir; /* owned */
  RdStore        *store;
  RdCase         *kase;
  RdBundleDialog *dialog; /* owned through the toplevel list */
} Fixture;

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
make_pdf (int n_pages)
{
  GByteArray      *data = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, data, 595, 842);
  cairo_t         *cr = cairo_create (surface);

  for (int i = 0; i < n_pages; i++)
    {
      cairo_move_to (cr, 60, 80);
      cairo_show_text (cr, "Acknowledgement");
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (data);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPerson) subject = rd_person_new ("Alex Example");
  g_autoptr(GBytes) letter = make_pdf (2);
  g_autoptr(GBytes) photo = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("redress-test-bundle-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "council.redress", NULL);
  f->store = rd_store_open (path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  rd_store_set_today (f->store, rd_test_date ("2026-04-20"));
  g_assert_true (rd_store_set_setting (f->store, RD_SETTING_NAME, "Anytown Town Council", &error));

  f->kase = rd_case_new ();
  rd_case_set_received (f->kase, rd_test_date ("2026-03-02"));
  rd_case_set_subject (f->kase, subject);
  g_assert_true (rd_store_add_case (f->store, f->kase, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_add_document_from_bytes (f->store, rd_case_get_id (f->kase),
                                                     "letter.pdf", "application/pdf",
                                                     RD_DOCUMENT_KIND_LETTER, letter, &error),
                   >, 0);
  g_assert_cmpint (rd_store_add_document_from_bytes (f->store, rd_case_get_id (f->kase),
                                                     "photo.png", "image/png",
                                                     RD_DOCUMENT_KIND_EVIDENCE, photo, &error),
                   >, 0);
  g_assert_no_error (error);

  f->dialog = rd_bundle_dialog_present (NULL, f->store, f->kase);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->kase);
  g_clear_object (&f->store);
  rd_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* Runs the main loop until the build reports back (at most a minute). */
static void
wait_for_build (Fixture *f)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (rd_bundle_dialog_get_building (f->dialog) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rd_bundle_dialog_get_building (f->dialog));
}

static void save_screenshot (GtkWidget *window, const char *name);

static void
test_build_withheld (Fixture *f, gconstpointer data)
{
  g_autofree char *out_path = g_build_filename (f->dir, "bundle.pdf", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TestPdf) pdf = NULL;
  g_autoptr(RdDocument) saved = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  gsize            length;

  g_assert_cmpuint (rd_bundle_dialog_get_n_documents (f->dialog), ==, 2);
  rd_bundle_dialog_set_withheld (f->dialog, 1, "third-party data");
  rd_bundle_dialog_build_to (f->dialog, output);
  g_assert_true (rd_bundle_dialog_get_building (f->dialog));
  /* The progress text, to look at (its colour, mostly). */
  save_screenshot (GTK_WIDGET (f->dialog), "bundle-building.png");
  wait_for_build (f);

  g_assert_cmpint (rd_bundle_dialog_get_document_id (f->dialog), >, 0);
  pdf = poppler_document_new_from_gfile (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 6);

  /* Kept in the case's documents with the SHA-256 of the file. */
  saved = rd_store_get_document (f->store, rd_bundle_dialog_get_document_id (f->dialog), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_document_get_kind (saved), ==, RD_DOCUMENT_KIND_BUNDLE);
  g_assert_true (g_file_get_contents (out_path, &contents, &length, NULL));
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (rd_document_get_sha256 (saved), ==, sha256);
  g_assert_nonnull (strstr (rd_bundle_dialog_get_message (f->dialog), sha256));
}

static GtkWidget *
find_button (GtkWidget *widget, const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Recording the response to the ICO needs the ICO's enquiry first; then it carries the bundle. */
static void
test_record_sent (Fixture *f, gconstpointer data)
{
  g_autofree char *out_path = g_build_filename (f->dir, "bundle.pdf", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(RdCaseEvent)
                 notified = rd_case_event_new ("ico-notified", rd_test_date ("2026-04-10"));
  gboolean found = FALSE;

  rd_bundle_dialog_build_to (f->dialog, output);
  wait_for_build (f);
  g_assert_cmpint (rd_bundle_dialog_get_document_id (f->dialog), >, 0);

  /* Greyed out before it is pressed, with the rules' reason as its tooltip. */
  {
    GtkWidget  *record = find_button (GTK_WIDGET (f->dialog), "bundle.record");
    const char *tip;

    g_assert_nonnull (record);
    g_assert_true (gtk_widget_get_visible (record));
    g_assert_false (gtk_widget_is_sensitive (record));
    tip = gtk_widget_get_tooltip_text (record);
    g_assert_nonnull (tip);
    /* The rules say the ICO must have got in touch first; the clerk does
     * that with the case's button "Record the ICO’s Notification…" (QA:
     * the tooltip named the event, “ICO got in touch”, no button's name). */
    g_assert_nonnull (strstr (tip, "“Record the ICO’s Notification”"));
    g_assert_null (strstr (tip, "got in touch"));
    g_assert_null (strstr (tip, "Record on the case"));
  }
  events = rd_store_list_events (f->store, rd_case_get_id (f->kase), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    g_assert_cmpstr (rd_case_event_get_kind (g_ptr_array_index (events, i)), !=,
                     "ico-response-sent");
  g_clear_pointer (&events, g_ptr_array_unref);

  rd_case_event_set_detail (notified, RD_DETAIL_ICO_REF, "IC-123456-A1B2");
  g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (f->kase), notified, &error), >, 0);
  g_assert_no_error (error);
  /* The store tells the window: now the rules allow it. */
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (f->dialog), "bundle.record")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "bundle.record", NULL));
  events = rd_store_list_events (f->store, rd_case_get_id (f->kase), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      RdCaseEvent *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (rd_case_event_get_kind (event), "ico-response-sent") == 0)
        {
          found = TRUE;
          g_assert_cmpint (rd_case_event_get_document_id (event), ==,
                           rd_bundle_dialog_get_document_id (f->dialog));
        }
    }
  g_assert_true (found);
  /* Recorded once: the button does not offer it again. */
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (f->dialog), "bundle.record")));
}

static GtkWidget *
find_by_class (GtkWidget *widget, const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Shown, laid out and drawn. */
static void
settle (GtkWidget *window)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 20;

  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
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
  gint64           until = g_get_monotonic_time () + G_USEC_PER_SEC / 20;

  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window),
                          gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (
      gtk_native_get_renderer (GTK_NATIVE (window)), node,
      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window), gtk_widget_get_height (window)));
  dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  file = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

/* A document unticked without a reason greys out Make Bundle, and a line
 * says which document needs one; the reason field is named after it. */
static void
test_untick_needs_reason (Fixture *f, gconstpointer data)
{
  GtkWidget *needed = find_by_class (GTK_WIDGET (f->dialog), "rd-dialog-needed");
  GtkWidget *build = find_button (GTK_WIDGET (f->dialog), "bundle.build");

  GtkWidget      *letter_reason = find_by_class (GTK_WIDGET (f->dialog), "rd-bundle-reason");
  GtkWidget      *photo_reason;
  graphene_rect_t before, after;

  g_assert_nonnull (needed);
  g_assert_nonnull (build);
  g_assert_nonnull (letter_reason);
  /* The photograph's reason: in the list box row after the letter's. */
  photo_reason = find_by_class (
      gtk_widget_get_next_sibling (gtk_widget_get_parent (gtk_widget_get_parent (letter_reason))),
      "rd-bundle-reason");
  g_assert_nonnull (photo_reason);
  g_assert_false (gtk_widget_get_visible (needed));
  g_assert_true (gtk_widget_is_sensitive (build));
  settle (GTK_WIDGET (f->dialog));
  g_assert_true (gtk_widget_compute_bounds (photo_reason, GTK_WIDGET (f->dialog), &before));

  /* QA: the line came as the document was unticked, and the click aimed at
   * its reason missed. The reason stays where it was. */
  rd_bundle_dialog_set_withheld (f->dialog, 1, "");
  g_assert_false (gtk_widget_is_sensitive (build));
  g_assert_true (gtk_widget_get_visible (needed));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (needed)), ==,
                   "Give a reason for leaving out “photo.png”.");
  save_screenshot (GTK_WIDGET (f->dialog), "bundle-untick.png");
  settle (GTK_WIDGET (f->dialog));
  g_assert_true (gtk_widget_compute_bounds (photo_reason, GTK_WIDGET (f->dialog), &after));
  g_assert_cmpfloat (before.origin.x, ==, after.origin.x);
  g_assert_cmpfloat (before.origin.y, ==, after.origin.y);
  g_assert_cmpfloat (before.size.height, ==, after.size.height);

  rd_bundle_dialog_set_withheld (f->dialog, 1, "third-party data");
  g_assert_true (gtk_widget_is_sensitive (build));
  g_assert_false (gtk_widget_get_visible (needed));
  settle (GTK_WIDGET (f->dialog));
  g_assert_true (gtk_widget_compute_bounds (photo_reason, GTK_WIDGET (f->dialog), &after));
  g_assert_cmpfloat (before.origin.y, ==, after.origin.y);

  /* Each reason field is named after its document. */
  {
    GtkWidget *entry = find_by_class (GTK_WIDGET (f->dialog), "rd-bundle-reason");
    GtkWidget *row;

    g_assert_nonnull (entry);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Reason for leaving out letter.pdf");
    row = gtk_widget_get_parent (gtk_widget_get_parent (entry)); /* the list box row */
    entry = find_by_class (gtk_widget_get_next_sibling (row), "rd-bundle-reason");
    g_assert_nonnull (entry);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Reason for leaving out photo.png");
  }
}

/* Stopped at once: no file, nothing kept on the case. */
static void
test_stop (Fixture *f, gconstpointer data)
{
  g_autofree char *out_path = g_build_filename (f->dir, "bundle.pdf", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  rd_bundle_dialog_build_to (f->dialog, output);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "bundle.stop", NULL));
  wait_for_build (f);

  g_assert_cmpint (rd_bundle_dialog_get_document_id (f->dialog), ==, 0);
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (rd_bundle_dialog_get_message (f->dialog), ==, "Stopped. No bundle was saved.");
  documents = rd_store_list_documents (f->store, rd_case_get_id (f->kase), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);
}

int
main (int argc, char *argv[])
{
  /* The test backend: accessible names can be checked, no bus needed. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!gtk_init_check ())
    {
      g_test_init (&argc, &argv, NULL);
      g_test_skip ("no display: run through meson test, which starts Xvfb");
      return g_test_run ();
    }

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/bundle-dialog/build-withheld", test_build_withheld);
  ADD ("/bundle-dialog/record-sent", test_record_sent);
  ADD ("/bundle-dialog/stop", test_stop);
  ADD ("/bundle-dialog/untick-needs-reason", test_untick_needs_reason);
#undef ADD

  return g_test_run ();
}
