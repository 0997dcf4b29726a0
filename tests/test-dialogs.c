/* test-dialogs.c: the New Complaint, event and Preferences dialogs, driven
 * through their fields and their "dialog.save" action on a real store.
 *
 * Runs under Xvfb (meson test). Screenshots of each dialog, light and
 * dark, go to $G_TEST_BUILDDIR/screenshots/ for a person to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <gtk/gtk.h>
#include <poppler.h>

#include "rd-context.h"
#include "rd-date-entry.h"
#include "rd-event-dialog.h"
#include "rd-form.h"
#include "rd-model.h"
#include "rd-new-complaint-dialog.h"
#include "rd-preferences-dialog.h"

typedef struct
{
  char      *dir;
  RdStore   *store;
  RdContext *context;
  GDate      today;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("redress-dialogs-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "council.redress", NULL);
  f->store = rd_store_open (path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (rd_store_set_setting (f->store, RD_SETTING_NAME, "Winsford Town Council", &error));
  g_assert_no_error (error);

  /* Monday 4 May 2026, the Early May bank holiday: never the wall clock. */
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, 4, G_DATE_MAY, 2026);
  rd_store_set_today (f->store, &f->today);
  f->context = rd_context_new (NULL);
  rd_context_set_today (f->context, &f->today);
  rd_context_set_store (f->context, f->store);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->context);
  if (f->store != NULL)
    rd_store_close (f->store);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

/* Helpers */

static void
run_main_loop_briefly (void)
{
  gint64 end = g_get_monotonic_time () + 50 * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* An activated button shows itself pressed for a moment (250 ms in GTK 4.8)
 * before it emits ::clicked. */
static void
wait_for_button_press (void)
{
  gint64 end = g_get_monotonic_time () + 400 * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
fill (gpointer dialog, const char *name, const char *value)
{
  if (!rd_form_fill (GTK_WIDGET (dialog), name, value))
    g_error ("no field “%s” to fill", name);
}

static const char *
error_of (gpointer dialog, const char *name)
{
  GtkWidget *control = rd_form_lookup (GTK_WIDGET (dialog), name);

  g_assert_nonnull (control);
  return rd_form_get_error (control);
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

/* The line under the header bar that says why the save button is greyed
 * out, or NULL when it is hidden. */
static const char *
needed_of (gpointer dialog)
{
  GtkWidget *needed = find_by_class (GTK_WIDGET (dialog), "rd-dialog-needed");

  g_assert_nonnull (needed);
  return gtk_widget_get_visible (needed) ? gtk_label_get_text (GTK_LABEL (needed)) : NULL;
}

/* The message is shown under the field, and the field says so itself. */
static void
assert_field_error (gpointer dialog, const char *name)
{
  GtkWidget *control = rd_form_lookup (GTK_WIDGET (dialog), name);
  GtkWidget *message = rd_form_get_message (control);

  g_assert_nonnull (rd_form_get_error (control));
  g_assert_true (gtk_widget_has_css_class (control, "error"));
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==, rd_form_get_error (control));
}

static void
assert_field_ok (gpointer dialog, const char *name)
{
  GtkWidget *control = rd_form_lookup (GTK_WIDGET (dialog), name);

  g_assert_null (rd_form_get_error (control));
  g_assert_false (gtk_widget_has_css_class (control, "error"));
}

/* Every control can be named by assistive technologies: an entry, a
 * drop-down or a text view is the mnemonic widget of a label; a check
 * button carries its own label. */
static void
collect_mnemonic_targets (GtkWidget *widget, GHashTable *targets)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_mnemonic_widget (GTK_LABEL (widget)) != NULL)
    g_hash_table_add (targets, gtk_label_get_mnemonic_widget (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonic_targets (child, targets);
}

/* No two access keys shown at once in @root share a letter: GTK would move
 * between them on each press instead of acting at once (Alt+R was both a
 * field's and Record's). Labels of buttons and check buttons are labels too. */
static void
collect_access_keys (GtkWidget *widget, GHashTable *seen)
{
  /* Hidden (or in a closed revealer or a stack's other page): GTK gives such
   * labels' keys no effect. */
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint       keyval = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *other;

      if (keyval != GDK_KEY_VoidSymbol)
        {
          other = g_hash_table_lookup (seen, GUINT_TO_POINTER (keyval));
          /* The same field in a repeated section (the data subject's and the
           * representative's Name) may share one: each press goes to the next. */
          if (other != NULL && !g_str_equal (other, gtk_label_get_label (GTK_LABEL (widget))))
            g_error ("“%s” and “%s” share the access key %s", other,
                     gtk_label_get_label (GTK_LABEL (widget)), gdk_keyval_name (keyval));
          g_hash_table_insert (seen, GUINT_TO_POINTER (keyval),
                               (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_access_keys (child, seen);
}

static void
assert_access_keys_unique (GtkWidget *root)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  collect_access_keys (root, seen);
  g_assert_cmpuint (g_hash_table_size (seen), >, 0);
}

static void
assert_every_control_named (GtkWidget *dialog)
{
  g_autoptr(GHashTable) targets = g_hash_table_new (NULL, NULL);
  GHashTable    *fields = g_object_get_data (G_OBJECT (dialog), "rd-form-fields");
  GHashTableIter iter;
  gpointer       name, control;

  g_assert_nonnull (fields);
  collect_mnemonic_targets (dialog, targets);
  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &name, &control))
    {
      GtkWidget *target = g_object_get_data (control, "rd-form-target");

      if (GTK_IS_CHECK_BUTTON (control))
        {
          g_assert_true (gtk_check_button_get_label (GTK_CHECK_BUTTON (control)) != NULL ||
                         gtk_check_button_get_child (GTK_CHECK_BUTTON (control)) != NULL);
          continue;
        }
      if (g_str_equal (name, "factors"))
        continue; /* a group, labelled by its heading */
      if (target == NULL)
        target = control;
      if (!g_hash_table_contains (targets, target))
        g_error ("the field “%s” has no label naming it", (const char *) name);
    }
}

/* The form scrolls past a certain height: bring @widget into view. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget      *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment  *adjustment;
  graphene_rect_t bounds;

  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  /* Twice: a change of style lays the form out again, and a value set
   * before that is clamped to the old size. */
  for (int i = 0; i < 2; i++)
    {
      g_assert_true (gtk_widget_compute_bounds (
          widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)), &bounds));
      /* The widget near the bottom of the view, with what comes before it;
       * the bounds are those in the view, already scrolled by the value. */
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                                bounds.origin.y + bounds.size.height + 48 -
                                                gtk_adjustment_get_page_size (adjustment));
      run_main_loop_briefly ();
    }
}

static void
save_screenshot_showing (GtkWidget *window, GtkWidget *showing, const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  GtkSnapshot     *snapshot;
  int              width, height;

  /* Tall enough to show the whole form in one picture. */
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 1500);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  run_main_loop_briefly ();
  if (showing != NULL)
    scroll_to (showing);

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

static void
save_screenshot (GtkWidget *window, const char *name)
{
  save_screenshot_showing (window, NULL, name);
}

static void
set_dark (gboolean dark)
{
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", dark, NULL);
}

static RdCase *
add_case (Fixture *f, gboolean identity_in_doubt)
{
  g_autoptr(RdCase) kase = rd_case_new ();
  g_autoptr(RdPerson) subject = rd_person_new ("Siân Jones");
  g_autoptr(GError) error = NULL;
  GDate received;

  g_date_clear (&received, 1);
  g_date_set_dmy (&received, 20, G_DATE_APRIL, 2026);
  rd_person_set_address (subject, "1 High Street\nWinsford");
  rd_person_set_postcode (subject, "CW7 1AH");
  rd_case_set_received (kase, &received);
  rd_case_set_channel (kase, "post");
  rd_case_set_summary (kase, "Subject access request answered late");
  rd_case_set_subject (kase, subject);
  g_assert_true (rd_store_add_case (f->store, kase, &error));
  g_assert_no_error (error);

  if (identity_in_doubt)
    {
      g_autoptr(RdCaseEvent) event = rd_case_event_new ("identity-requested", &received);

      g_assert_cmpint (rd_store_add_event (f->store, rd_case_get_id (kase), event, &error), >, 0);
      g_assert_no_error (error);
    }

  return rd_store_get_case (f->store, rd_case_get_id (kase), &error);
}

static guint
count_events (Fixture *f, RdCase *kase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = rd_store_list_events (f->store, rd_case_get_id (kase), &error);

  g_assert_no_error (error);
  return events->len;
}

static guint
count_cases (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rd_store_list_case_ids (f->store, &error);

  g_assert_no_error (error);
  return ids->len;
}

/* New Complaint */

static void
fill_valid_complaint (RdNewComplaintDialog *dialog)
{
  fill (dialog, "subject-name", "Siân O’Brien");
  fill (dialog, "subject-address", "1 High Street\nWinsford");
  fill (dialog, "subject-postcode", "cw7 1ah");
  fill (dialog, "summary", "The council sent my records to the wrong address.");
}

static void
test_new_complaint_validation (Fixture *f, gconstpointer data)
{
  RdNewComplaintDialog *dialog = rd_new_complaint_dialog_new (NULL, f->context);

  g_object_ref_sink (dialog);

  assert_every_control_named (GTK_WIDGET (dialog));

  /* A fresh form: nothing shouted at, but Create is off. */
  g_assert_false (rd_new_complaint_dialog_can_save (dialog));
  g_assert_null (error_of (dialog, "subject-name"));
  g_assert_false (
      gtk_widget_get_sensitive (GTK_WIDGET (gtk_window_get_default_widget (GTK_WINDOW (dialog)))));

  /* Received defaults to today. */
  {
    GDate received;

    g_assert_true (rd_date_entry_get_date (
        RD_DATE_ENTRY (rd_form_lookup (GTK_WIDGET (dialog), "received")), &received));
    g_assert_cmpint (g_date_compare (&received, &f->today), ==, 0);
  }

  fill_valid_complaint (dialog);
  g_assert_true (rd_new_complaint_dialog_can_save (dialog));
  g_assert_true (
      gtk_widget_get_sensitive (GTK_WIDGET (gtk_window_get_default_widget (GTK_WINDOW (dialog)))));

  /* A bad postcode: message under it, Create off. */
  fill (dialog, "subject-postcode", "CW7");
  assert_field_error (dialog, "subject-postcode");
  g_assert_false (rd_new_complaint_dialog_can_save (dialog));
  fill (dialog, "subject-postcode", "CW7 1AH");
  assert_field_ok (dialog, "subject-postcode");
  g_assert_true (rd_new_complaint_dialog_can_save (dialog));

  /* A bad e-mail address. */
  fill (dialog, "subject-email", "siân at example.org");
  assert_field_error (dialog, "subject-email");
  g_assert_false (rd_new_complaint_dialog_can_save (dialog));
  fill (dialog, "subject-email", "sian@example.org");
  assert_field_ok (dialog, "subject-email");

  /* Letters by post need an address. */
  fill (dialog, "subject-address", "");
  assert_field_error (dialog, "subject-channel");
  g_assert_false (rd_new_complaint_dialog_can_save (dialog));
  /* By e-mail they do not, an e-mail address is there. */
  fill (dialog, "subject-channel", "1");
  assert_field_ok (dialog, "subject-channel");
  g_assert_true (rd_new_complaint_dialog_can_save (dialog));

  /* No day after today; no 31 April; British order. */
  fill (dialog, "received", "5/5/2026");
  assert_field_error (dialog, "received");
  g_assert_false (rd_new_complaint_dialog_can_save (dialog));
  fill (dialog, "received", "31/4/2026");
  assert_field_error (dialog, "received");
  fill (dialog, "received", "30/4/2026");
  assert_field_ok (dialog, "received");
  g_assert_true (rd_new_complaint_dialog_can_save (dialog));

  /* An empty name once typed in is an error shown at once. */
  fill (dialog, "subject-name", "  ");
  assert_field_error (dialog, "subject-name");
  g_assert_false (rd_new_complaint_dialog_can_save (dialog));

  /* Pressing Create while invalid writes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_cmpuint (count_cases (f), ==, 0);

  /* A representative's fields are checked only when there is one. */
  fill (dialog, "subject-name", "Siân O’Brien");
  fill (dialog, "has-representative", "true");
  g_assert_false (rd_new_complaint_dialog_can_save (dialog));
  fill (dialog, "representative-name", "Jo Bloggs");
  fill (dialog, "representative-channel", "1");
  fill (dialog, "representative-email", "jo@solicitors.example");
  g_assert_true (rd_new_complaint_dialog_can_save (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_new_complaint_save (Fixture *f, gconstpointer data)
{
  RdNewComplaintDialog *dialog = rd_new_complaint_dialog_new (NULL, f->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) stored = NULL;
  g_autoptr(GPtrArray) events = NULL;
  RdCase   *created;
  RdPerson *subject;
  RdPerson *representative;
  gboolean  seen_identity_request = FALSE;

  g_object_ref_sink (dialog);

  fill_valid_complaint (dialog);
  fill (dialog, "received", "2026-04-30");
  fill (dialog, "channel", "1"); /* post */
  fill (dialog, "about", "SAR-2026-014");
  fill (dialog, "subject-language", "1"); /* Welsh */
  fill (dialog, "subject-large-print", "true");
  fill (dialog, "identity-in-doubt", "true");
  fill (dialog, "has-representative", "true");
  fill (dialog, "representative-name", "Jo Bloggs");
  fill (dialog, "representative-channel", "1");
  fill (dialog, "representative-email", "jo@solicitors.example");
  fill (dialog, "authority", "1"); /* lasting power of attorney */
  g_assert_true (rd_new_complaint_dialog_can_save (dialog));

  save_screenshot (GTK_WIDGET (dialog), "new-complaint.png");
  set_dark (TRUE);
  save_screenshot (GTK_WIDGET (dialog), "new-complaint-dark.png");
  set_dark (FALSE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  g_assert_null (rd_new_complaint_dialog_get_banner (dialog));
  created = rd_new_complaint_dialog_get_created_case (dialog);
  g_assert_nonnull (created);
  g_assert_nonnull (rd_case_get_reference (created));
  g_assert_cmpuint (count_cases (f), ==, 1);

  stored = rd_store_get_case (f->store, rd_case_get_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_day (rd_case_get_received (stored)), ==, 30);
  g_assert_cmpint (g_date_get_month (rd_case_get_received (stored)), ==, G_DATE_APRIL);
  g_assert_cmpstr (rd_case_get_channel (stored), ==, "post");
  g_assert_cmpstr (rd_case_get_about (stored), ==, "SAR-2026-014");
  g_assert_cmpstr (rd_case_get_summary (stored), ==,
                   "The council sent my records to the wrong address.");
  subject = rd_case_get_subject (stored);
  g_assert_cmpstr (rd_person_get_name (subject), ==, "Siân O’Brien");
  g_assert_cmpstr (rd_person_get_postcode (subject), ==, "CW7 1AH");
  g_assert_cmpstr (rd_person_get_channel (subject), ==, "post");
  g_assert_cmpstr (rd_person_get_language (subject), ==, "cy");
  g_assert_true (rd_person_get_large_print (subject));
  representative = rd_case_get_representative (stored);
  g_assert_nonnull (representative);
  g_assert_cmpstr (rd_person_get_name (representative), ==, "Jo Bloggs");
  g_assert_cmpstr (rd_person_get_email (representative), ==, "jo@solicitors.example");
  g_assert_cmpstr (rd_case_get_authority (stored), ==, RD_AUTHORITY_POWER_OF_ATTORNEY);

  events = rd_store_list_events (f->store, rd_case_get_id (stored), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    if (g_str_equal (rd_case_event_get_kind (events->pdata[i]), "identity-requested"))
      {
        /* Asked on the day of receipt. */
        g_assert_false (seen_identity_request);
        g_assert_cmpint (g_date_compare (rd_case_event_get_date (events->pdata[i]),
                                         rd_case_get_received (stored)),
                         ==, 0);
        seen_identity_request = TRUE;
      }
  g_assert_true (seen_identity_request);

  /* Saved together (rd_store_add_case_with_events()): the case's creation
   * and the request are the last two entries of the audit trail. */
  {
    g_autoptr(GPtrArray) audit = rd_store_list_audit_entries (f->store, 0, 1000, &error);
    RdAuditEntry *created_entry, *event_entry;

    g_assert_no_error (error);
    g_assert_cmpuint (audit->len, >=, 2);
    created_entry = audit->pdata[audit->len - 2];
    event_entry = audit->pdata[audit->len - 1];
    g_assert_cmpstr (created_entry->action, ==, "case.create");
    g_assert_cmpstr (event_entry->action, ==, "event.add");
    g_assert_nonnull (strstr (event_entry->records, "kind=identity-requested"));
  }

  g_object_unref (dialog);
}

static void
test_new_complaint_no_store (Fixture *f, gconstpointer data)
{
  g_autoptr(RdContext) context = rd_context_new (NULL);
  RdNewComplaintDialog *dialog = rd_new_complaint_dialog_new (NULL, context);

  g_object_ref_sink (dialog);
  fill_valid_complaint (dialog);
  /* Without a store there is nowhere to save: Create stays off and says why. */
  g_assert_false (rd_new_complaint_dialog_can_save (dialog));
  g_assert_nonnull (rd_new_complaint_dialog_get_banner (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_new_complaint_enter_saves (Fixture *f, gconstpointer data)
{
  RdNewComplaintDialog *dialog = rd_new_complaint_dialog_new (NULL, f->context);
  GtkWidget            *last_entry;

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  assert_access_keys_unique (GTK_WIDGET (dialog));
  /* And with the representative's part open. */
  gtk_check_button_set_active (
      GTK_CHECK_BUTTON (rd_form_lookup (GTK_WIDGET (dialog), "has-representative")), TRUE);
  assert_access_keys_unique (GTK_WIDGET (dialog));
  gtk_check_button_set_active (
      GTK_CHECK_BUTTON (rd_form_lookup (GTK_WIDGET (dialog), "has-representative")), FALSE);
  /* The GtkText inside the entry is what reacts to Enter (its ::activate). */
  last_entry = GTK_WIDGET (gtk_editable_get_delegate (
      GTK_EDITABLE (rd_form_lookup (GTK_WIDGET (dialog), "subject-phone"))));

  /* Enter while the form is incomplete does nothing. */
  fill (dialog, "subject-name", "Siân O’Brien");
  g_signal_emit_by_name (last_entry, "activate");
  wait_for_button_press ();
  g_assert_cmpuint (count_cases (f), ==, 0);

  /* Enter once it is valid presses Create. */
  fill_valid_complaint (dialog);
  fill (dialog, "subject-phone", "01606 862862");
  g_signal_emit_by_name (last_entry, "activate");
  wait_for_button_press ();
  g_assert_cmpuint (count_cases (f), ==, 1);
  g_assert_nonnull (rd_new_complaint_dialog_get_created_case (dialog));
  g_object_unref (dialog);
}

/* Event dialogs */

static void
test_event_every_kind_builds (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCase) kase = add_case (f, FALSE);

  for (int kind = 0; kind < RD_EVENT_N_KINDS; kind++)
    {
      RdEventDialog *dialog;

      if (!rd_event_dialog_supports_kind (kind))
        {
          g_assert_true (kind == RD_EVENT_RECEIVED || kind == RD_EVENT_DESTROYED);
          continue;
        }
      dialog = rd_event_dialog_new (NULL, f->context, kase, kind);
      g_object_ref_sink (dialog);
      g_assert_nonnull (gtk_window_get_title (GTK_WINDOW (dialog)));
      g_assert_nonnull (rd_form_lookup (GTK_WIDGET (dialog), "date"));
      g_assert_nonnull (rd_form_lookup (GTK_WIDGET (dialog), "note"));
      assert_every_control_named (GTK_WIDGET (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
      assert_access_keys_unique (GTK_WIDGET (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_object_unref (dialog);
    }
}

static void
test_event_identity_verified (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCase) kase = add_case (f, TRUE);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  RdEventDialog *dialog;
  RdCaseEvent   *last;
  guint          before = count_events (f, kase);

  dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_IDENTITY_VERIFIED);
  g_object_ref_sink (dialog);
  fill (dialog, "date", "1/5/2026");
  fill (dialog, "document", "1"); /* driving licence */
  fill (dialog, "checked-by", "");
  assert_field_error (dialog, "checked-by");
  g_assert_false (rd_event_dialog_can_save (dialog));
  fill (dialog, "checked-by", "A. Clerk");
  fill (dialog, "note", "Seen at the council offices.");
  g_assert_true (rd_event_dialog_can_save (dialog));

  save_screenshot (GTK_WIDGET (dialog), "event-identity-verified.png");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_null (rd_event_dialog_get_banner (dialog));
  g_assert_cmpint (rd_event_dialog_get_event_id (dialog), >, 0);
  g_assert_cmpuint (count_events (f, kase), ==, before + 1);

  events = rd_store_list_events (f->store, rd_case_get_id (kase), &error);
  g_assert_no_error (error);
  last = events->pdata[events->len - 1];
  g_assert_cmpstr (rd_case_event_get_kind (last), ==, "identity-verified");
  g_assert_cmpstr (rd_case_event_get_detail (last, RD_DETAIL_DOCUMENT), ==, "driving-licence");
  g_assert_cmpstr (rd_case_event_get_detail (last, RD_DETAIL_CHECKED_BY), ==, "A. Clerk");
  g_assert_cmpstr (rd_case_event_get_note (last), ==, "Seen at the council offices.");
  g_assert_cmpint (g_date_get_day (rd_case_event_get_date (last)), ==, 1);

  g_object_unref (dialog);
}

/* The label above a field's control, and the hint under it (NULL if none). */
static const char *
field_label (gpointer dialog, const char *name, GtkWidget **out_hint)
{
  GtkWidget *control = rd_form_lookup (GTK_WIDGET (dialog), name);
  GtkWidget *field = gtk_widget_get_parent (control);
  GtkWidget *label = gtk_widget_get_first_child (field);

  *out_hint = NULL;
  for (GtkWidget *child = label; child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "rd-form-hint"))
      *out_hint = child;
  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

/* The rules start the one-month clock on the day the identity documents or
 * the written consent ARRIVED (docs/rules.md, "Clock start"; UK GDPR
 * Art. 12A, s.54(3) DPA 2018), so the date asked for is that day, and the
 * dialog says so next to it; other steps keep their own wording. */
static void
test_event_arrival_dates (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCase) kase = add_case (f, FALSE);
  const struct
  {
    RdEventKind kind;
    const char *label;
  } expected[] = {
    { RD_EVENT_IDENTITY_VERIFIED, "Documents received _on" },
    { RD_EVENT_CONSENT_RECEIVED, "Consent received _on" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      RdEventDialog *dialog = rd_event_dialog_new (NULL, f->context, kase, expected[i].kind);
      GtkWidget     *hint;
      GtkWidget     *entry;

      g_object_ref_sink (dialog);
      g_assert_cmpstr (field_label (dialog, "date", &hint), ==, expected[i].label);
      g_assert_nonnull (hint);
      g_assert_true (gtk_widget_get_visible (hint));
      g_assert_nonnull (
          strstr (gtk_label_get_text (GTK_LABEL (hint)), "The one-month clock starts on this day"));
      entry = GTK_WIDGET (
          rd_date_entry_get_entry (RD_DATE_ENTRY (rd_form_lookup (GTK_WIDGET (dialog), "date"))));
      gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (entry),
                                           GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, hint, NULL);
      if (expected[i].kind == RD_EVENT_CONSENT_RECEIVED)
        save_screenshot (GTK_WIDGET (dialog), "event-consent-received.png");
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_object_unref (dialog);
    }

  /* A step whose date is simply when it was done: no such hint. */
  {
    RdEventDialog *dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_ACKNOWLEDGED);
    GtkWidget     *hint;

    g_object_ref_sink (dialog);
    g_assert_cmpstr (field_label (dialog, "date", &hint), ==, "Acknowledged _on");
    g_assert_null (hint);
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_object_unref (dialog);
  }
}

static void
test_event_forbidden (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCase) kase = add_case (f, TRUE);
  RdEventDialog *dialog;
  guint          before = count_events (f, kase);

  /* Identity was in doubt and is not settled: the policy allows no outcome. */
  dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_OUTCOME_SENT);
  g_object_ref_sink (dialog);
  g_assert_false (rd_event_dialog_can_save (dialog));
  fill (dialog, "outcome-upheld", "true");
  fill (dialog, "summary", "The records went to the wrong address.");

  /* The form is complete, so the rules are asked at once: their reason
   * shows above the form and Record stays off. */
  g_assert_nonnull (rd_event_dialog_get_banner (dialog));
  g_test_message ("the rules said: %s", rd_event_dialog_get_banner (dialog));
  g_assert_false (rd_event_dialog_can_save (dialog));

  /* Pressing Record anyway writes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_nonnull (rd_event_dialog_get_banner (dialog));
  g_assert_cmpint (rd_event_dialog_get_event_id (dialog), ==, 0);
  g_assert_cmpuint (count_events (f, kase), ==, before);

  save_screenshot (GTK_WIDGET (dialog), "event-outcome-refused-by-rules.png");

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  /* A review before any outcome is out of sequence. */
  dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_REVIEW_REQUESTED);
  g_object_ref_sink (dialog);
  g_assert_false (rd_event_dialog_can_save (dialog));
  g_assert_nonnull (rd_event_dialog_get_banner (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_cmpuint (count_events (f, kase), ==, before);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_event_refusal (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCase) kase = add_case (f, FALSE);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) factors = NULL;
  g_autoptr(GError) error = NULL;
  RdEventDialog *dialog;
  RdCaseEvent   *last;
  GtkWidget     *factor;

  dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_REFUSED);
  g_object_ref_sink (dialog);

  /* The policy's wording, word for word (seeds/004, the fifth factor). */
  factor = rd_form_lookup (GTK_WIDGET (dialog), "factor-5");
  g_assert_nonnull (factor);
  g_assert_cmpstr (
      gtk_label_get_text (GTK_LABEL (gtk_check_button_get_child (GTK_CHECK_BUTTON (factor)))), ==,
      "The data subject continues to repeat the substance of previous complaints "
      "which have already been investigated");

  /* Reasons without a factor: refused; a factor without reasons: refused. */
  fill (dialog, "reasons", "The fourth complaint this year about the same letter.");
  /* Before any factor was touched Record is greyed out, and says why. */
  g_assert_false (rd_event_dialog_can_save (dialog));
  g_assert_cmpstr (needed_of (dialog), ==, "Tick at least one of the policy’s factors.");
  save_screenshot (GTK_WIDGET (dialog), "event-refuse-reasons-only.png");
  fill (dialog, "factor-4", "true");
  fill (dialog, "factor-4", "false");
  assert_field_error (dialog, "factors");
  g_assert_false (rd_event_dialog_can_save (dialog));
  fill (dialog, "factor-4", "true");
  fill (dialog, "factor-5", "true");
  g_assert_true (rd_event_dialog_can_save (dialog));
  fill (dialog, "reasons", "");
  assert_field_error (dialog, "reasons");
  g_assert_false (rd_event_dialog_can_save (dialog));
  fill (dialog, "reasons", "The fourth complaint this year about the same letter.");
  g_assert_true (rd_event_dialog_can_save (dialog));
  g_assert_null (needed_of (dialog));

  /* The letter must tell of the rights (UK GDPR Art. 12(4)): unticked, the
   * rules refuse the refusal, and their message says so. */
  fill (dialog, "rights-told", "false");
  g_assert_false (rd_event_dialog_can_save (dialog));
  g_assert_nonnull (rd_event_dialog_get_banner (dialog));
  g_assert_nonnull (strstr (rd_event_dialog_get_banner (dialog), "right to complain to the ICO"));
  save_screenshot (GTK_WIDGET (dialog), "event-refused-no-rights.png");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_cmpint (rd_event_dialog_get_event_id (dialog), ==, 0);
  fill (dialog, "rights-told", "true");
  g_assert_true (rd_event_dialog_can_save (dialog));
  g_assert_null (rd_event_dialog_get_banner (dialog));

  save_screenshot (GTK_WIDGET (dialog), "event-refused.png");
  set_dark (TRUE);
  save_screenshot (GTK_WIDGET (dialog), "event-refused-dark.png");
  set_dark (FALSE);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_null (rd_event_dialog_get_banner (dialog));
  g_assert_cmpint (rd_event_dialog_get_event_id (dialog), >, 0);

  events = rd_store_list_events (f->store, rd_case_get_id (kase), &error);
  g_assert_no_error (error);
  last = events->pdata[events->len - 1];
  g_assert_cmpstr (rd_case_event_get_kind (last), ==, "refused");
  factors = rd_case_event_get_factors (last);
  g_assert_cmpuint (factors->len, ==, 2);
  g_assert_cmpuint (g_array_index (factors, guint, 0), ==, 4);
  g_assert_cmpuint (g_array_index (factors, guint, 1), ==, 5);
  g_assert_cmpstr (rd_case_event_get_detail (last, RD_DETAIL_REASONS), ==,
                   "The fourth complaint this year about the same letter.");

  g_object_unref (dialog);
}

/* Whenever the save button is greyed out, a line says what is still
 * needed, in words, even before the clerk touched the field. */
static void
test_needed_line (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCase) kase = add_case (f, FALSE);
  g_autoptr(GError) error = NULL;
  RdNewComplaintDialog *complaint = rd_new_complaint_dialog_new (NULL, f->context);
  RdEventDialog        *dialog;
  GtkWidget            *hint;

  /* New complaint: name and summary, letters by post, no address. */
  g_object_ref_sink (complaint);
  g_assert_nonnull (needed_of (complaint));
  fill (complaint, "subject-name", "Siân O’Brien");
  fill (complaint, "summary", "The council sent my records to the wrong address.");
  g_assert_false (rd_new_complaint_dialog_can_save (complaint));
  g_assert_cmpstr (needed_of (complaint), ==,
                   "Letters go by post: add the postal address and postcode, or choose e-mail.");
  save_screenshot (GTK_WIDGET (complaint), "new-complaint-needs-address.png");
  fill (complaint, "subject-address", "1 High Street\nWinsford");
  fill (complaint, "subject-postcode", "CW7 1AH");
  g_assert_true (rd_new_complaint_dialog_can_save (complaint));
  g_assert_null (needed_of (complaint));
  gtk_window_destroy (GTK_WINDOW (complaint));
  g_object_unref (complaint);

  /* Outcome and review outcome: no outcome chosen. */
  for (RdEventKind kind = RD_EVENT_OUTCOME_SENT;; kind = RD_EVENT_REVIEW_OUTCOME_SENT)
    {
      dialog = rd_event_dialog_new (NULL, f->context, kase, kind);
      g_object_ref_sink (dialog);
      fill (dialog, "summary", "The records went to the wrong address.");
      g_assert_false (rd_event_dialog_can_save (dialog));
      g_assert_cmpstr (needed_of (dialog), ==, "Choose the outcome.");
      if (kind == RD_EVENT_OUTCOME_SENT)
        save_screenshot (GTK_WIDGET (dialog), "event-outcome-needs-choice.png");
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_object_unref (dialog);
      if (kind == RD_EVENT_REVIEW_OUTCOME_SENT)
        break;
    }

  /* Extension: the reason not yet typed. */
  dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_EXTENDED);
  g_object_ref_sink (dialog);
  g_assert_false (rd_event_dialog_can_save (dialog));
  g_assert_cmpstr (needed_of (dialog), ==,
                   "Give the reason for the extension: it goes to the complainant.");
  /* Untouched: a neutral hint, not an error yet. */
  g_assert_false (
      gtk_widget_has_css_class (find_by_class (GTK_WIDGET (dialog), "rd-dialog-needed"), "error"));
  fill (dialog, "reason", "x");
  fill (dialog, "reason", "");
  g_assert_true (
      gtk_widget_has_css_class (find_by_class (GTK_WIDGET (dialog), "rd-dialog-needed"), "error"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  /* Acknowledge: the council's target, from its settings (default 5). */
  dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_ACKNOWLEDGED);
  g_object_ref_sink (dialog);
  hint = g_object_get_data (G_OBJECT (dialog), "rd-ack-target");
  g_assert_nonnull (hint);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==,
                   "The council’s target is 5 working days; the law allows 30 days.");
  save_screenshot (GTK_WIDGET (dialog), "event-acknowledge.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_assert_true (rd_store_set_setting (f->store, RD_SETTING_ACK_DAYS, "3", &error));
  g_assert_no_error (error);
  dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_ACKNOWLEDGED);
  g_object_ref_sink (dialog);
  hint = g_object_get_data (G_OBJECT (dialog), "rd-ack-target");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==,
                   "The council’s target is 3 working days; the law allows 30 days.");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* Names as read out: no underscores, the dialog role, a title. */
/* Shown at its own size, laid out and drawn. */
static void
show_settled (gpointer window)
{
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  run_main_loop_briefly ();
}

/* Where the clerk would click @name, in the window's coordinates, after
 * whatever changed has been laid out. */
static graphene_rect_t
place_of (gpointer window, const char *name)
{
  GtkWidget      *control = rd_form_lookup (GTK_WIDGET (window), name);
  graphene_rect_t bounds;

  g_assert_nonnull (control);
  run_main_loop_briefly ();
  g_assert_true (gtk_widget_compute_bounds (control, GTK_WIDGET (window), &bounds));
  return bounds;
}

/* A macro, so that a failure names the line of the step that moved it. */
#define assert_same_place(a, b)                                 \
  G_STMT_START                                                  \
  {                                                             \
    g_assert_cmpfloat ((a)->origin.x, ==, (b)->origin.x);       \
    g_assert_cmpfloat ((a)->origin.y, ==, (b)->origin.y);       \
    g_assert_cmpfloat ((a)->size.width, ==, (b)->size.width);   \
    g_assert_cmpfloat ((a)->size.height, ==, (b)->size.height); \
  }                                                             \
  G_STMT_END

/* QA: the "still needed" line came and went as the clerk typed, the form
 * moved by a line, and a click aimed at "ICO's deadline" landed in the
 * reference. No message coming, going or changing may move a field. */
static void
test_messages_keep_layout (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCase) kase = add_case (f, FALSE);
  g_autoptr(RdCase) in_doubt = add_case (f, TRUE);
  RdNewComplaintDialog *complaint;
  RdEventDialog        *dialog;
  graphene_rect_t       before, after;

  /* The ICO's notification: the line says the reference is needed. */
  dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_ICO_NOTIFIED);
  g_object_ref_sink (dialog);
  show_settled (dialog);
  g_assert_nonnull (needed_of (dialog));
  before = place_of (dialog, "ico-due");
  fill (dialog, "ico-ref", "IC-998877-Z9Y8"); /* the line goes */
  g_assert_null (needed_of (dialog));
  after = place_of (dialog, "ico-due");
  assert_same_place (&before, &after);
  fill (dialog, "ico-ref", ""); /* back, as an error, and one under the field */
  g_assert_nonnull (needed_of (dialog));
  assert_field_error (dialog, "ico-ref");
  after = place_of (dialog, "ico-due");
  assert_same_place (&before, &after);
  /* A date's spelt-out line ("Wednesday 15 July 2026") comes as the date
   * becomes whole and goes while it is not; the note under it stays. */
  before = place_of (dialog, "note");
  fill (dialog, "ico-due", "15/7/2026");
  after = place_of (dialog, "note");
  assert_same_place (&before, &after);
  fill (dialog, "ico-due", "15/7/");
  after = place_of (dialog, "note");
  assert_same_place (&before, &after);
  fill (dialog, "ico-due", "");
  after = place_of (dialog, "note");
  assert_same_place (&before, &after);
  save_screenshot (GTK_WIDGET (dialog), "event-ico-needs-reference.png");
  set_dark (TRUE);
  save_screenshot (GTK_WIDGET (dialog), "event-ico-needs-reference-dark.png");
  set_dark (FALSE);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  /* The rules refuse an outcome while identity is in doubt: their reason
   * comes once the form is complete, and moves nothing. */
  dialog = rd_event_dialog_new (NULL, f->context, in_doubt, RD_EVENT_OUTCOME_SENT);
  g_object_ref_sink (dialog);
  show_settled (dialog);
  before = place_of (dialog, "summary");
  fill (dialog, "outcome-upheld", "true");
  fill (dialog, "summary", "The records went to the wrong address.");
  g_assert_nonnull (rd_event_dialog_get_banner (dialog));
  /* The line beside Record says why too, at once. */
  g_assert_cmpstr (needed_of (dialog), ==, rd_event_dialog_get_banner (dialog));
  after = place_of (dialog, "summary");
  assert_same_place (&before, &after);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  /* New Complaint: the line changes, then goes; nothing under it moves. */
  complaint = rd_new_complaint_dialog_new (NULL, f->context);
  g_object_ref_sink (complaint);
  show_settled (complaint);
  g_assert_nonnull (needed_of (complaint));
  before = place_of (complaint, "subject-email");
  fill (complaint, "subject-name", "Siân O’Brien");
  fill (complaint, "summary", "The council sent my records to the wrong address.");
  g_assert_cmpstr (needed_of (complaint), ==,
                   "Letters go by post: add the postal address and postcode, or choose e-mail.");
  after = place_of (complaint, "subject-email");
  assert_same_place (&before, &after);
  fill (complaint, "subject-address", "1 High Street\nWinsford");
  fill (complaint, "subject-postcode", "CW7 1AH");
  g_assert_null (needed_of (complaint));
  after = place_of (complaint, "subject-email");
  assert_same_place (&before, &after);
  fill (complaint, "subject-postcode", "not a postcode"); /* a message under the postcode */
  g_assert_nonnull (error_of (complaint, "subject-postcode"));
  after = place_of (complaint, "subject-email");
  assert_same_place (&before, &after);
  gtk_window_destroy (GTK_WINDOW (complaint));
  g_object_unref (complaint);
}

/* QA: with another program holding the store's write lock, Record froze
 * the window for SQLite's 5 s before saying the store was busy. It waits a
 * moment only (under 2 s, the whole call), says so, and keeps the form. */
static void
test_event_store_busy (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCase) kase = add_case (f, FALSE);
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "store-writer", NULL);
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  RdEventDialog *dialog;
  guint          before = count_events (f, kase);
  gint64         start, took;

  if (!g_file_test (writer, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("store-writer is not built");
      return;
    }
  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             writer, "lock", rd_store_get_path (f->store), NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "locked");

  /* The store's own wait, whatever it is, is what it is again afterwards. */
  rd_store_set_busy_timeout (f->store, 4321);
  dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_NOTE);
  g_object_ref_sink (dialog);
  fill (dialog, "note", "Rang to say the letter arrived.");
  g_assert_true (rd_event_dialog_can_save (dialog));
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  took = g_get_monotonic_time () - start;
  g_test_message ("Record took %" G_GINT64_FORMAT " ms on a locked store", took / 1000);
  g_assert_cmpint (took, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (rd_event_dialog_get_event_id (dialog), ==, 0);
  g_assert_nonnull (rd_event_dialog_get_banner (dialog));
  /* Beside Record too, where the clerk looks. */
  g_assert_cmpstr (needed_of (dialog), ==, rd_event_dialog_get_banner (dialog));
  g_assert_cmpuint (rd_store_get_busy_timeout (f->store), ==, 4321);

  /* New Complaint's Create the same. */
  {
    RdNewComplaintDialog *complaint = rd_new_complaint_dialog_new (NULL, f->context);

    g_object_ref_sink (complaint);
    fill (complaint, "subject-name", "Siân O’Brien");
    fill (complaint, "summary", "The council sent my records to the wrong address.");
    fill (complaint, "subject-address", "1 High Street\nWinsford");
    fill (complaint, "subject-postcode", "CW7 1AH");
    g_assert_true (rd_new_complaint_dialog_can_save (complaint));
    start = g_get_monotonic_time ();
    gtk_widget_activate_action (GTK_WIDGET (complaint), "dialog.save", NULL);
    took = g_get_monotonic_time () - start;
    g_test_message ("Create took %" G_GINT64_FORMAT " ms on a locked store", took / 1000);
    g_assert_cmpint (took, <, 2 * G_USEC_PER_SEC);
    g_assert_nonnull (rd_new_complaint_dialog_get_banner (complaint));
    g_assert_cmpstr (needed_of (complaint), ==, rd_new_complaint_dialog_get_banner (complaint));
    g_assert_cmpuint (rd_store_get_busy_timeout (f->store), ==, 4321);
    gtk_window_destroy (GTK_WINDOW (complaint));
    g_object_unref (complaint);
  }

  /* Once the other program lets go, Record works, the form as it was. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_assert_true (g_subprocess_wait_check (holder, NULL, &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_cmpint (rd_event_dialog_get_event_id (dialog), >, 0);
  g_assert_cmpuint (count_events (f, kase), ==, before + 1);
  g_object_unref (dialog);
}

/* QA: with a representative there are two postal addresses on the form;
 * the line must say whose is missing. */
static void
test_new_complaint_whose_address (Fixture *f, gconstpointer data)
{
  RdNewComplaintDialog *complaint = rd_new_complaint_dialog_new (NULL, f->context);

  g_object_ref_sink (complaint);
  fill (complaint, "subject-name", "Siân O’Brien");
  fill (complaint, "summary", "The council sent my records to the wrong address.");
  fill (complaint, "subject-address", "1 High Street\nWinsford");
  fill (complaint, "subject-postcode", "CW7 1AH");
  g_assert_true (rd_new_complaint_dialog_can_save (complaint));

  fill (complaint, "has-representative", "true");
  fill (complaint, "representative-name", "Jo Bloggs");
  g_assert_false (rd_new_complaint_dialog_can_save (complaint));
  g_assert_cmpstr (needed_of (complaint), ==,
                   "Letters to the representative go by post: add the representative’s postal "
                   "address and postcode, or choose e-mail.");
  fill (complaint, "representative-channel", "1"); /* e-mail */
  g_assert_cmpstr (needed_of (complaint), ==,
                   "Letters to the representative go by e-mail: add the representative’s e-mail "
                   "address, or choose post.");
  fill (complaint, "representative-email", "jo@solicitors.example");
  g_assert_true (rd_new_complaint_dialog_can_save (complaint));

  fill (complaint, "subject-postcode", "");
  g_assert_cmpstr (needed_of (complaint), ==,
                   "Letters to the data subject go by post: add the data subject’s postal "
                   "address and postcode, or choose e-mail.");
  save_screenshot (GTK_WIDGET (complaint), "new-complaint-whose-address.png");
  gtk_window_destroy (GTK_WINDOW (complaint));
  g_object_unref (complaint);
}

static void
test_accessible (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCase) kase = add_case (f, FALSE);
  RdNewComplaintDialog *complaint = rd_new_complaint_dialog_new (NULL, f->context);
  RdEventDialog        *dialog;
  GtkWidget            *control;

  g_object_ref_sink (complaint);
  g_assert_true (
      gtk_test_accessible_has_role (GTK_ACCESSIBLE (complaint), GTK_ACCESSIBLE_ROLE_DIALOG));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (complaint), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "New Complaint");
  control = rd_form_lookup (GTK_WIDGET (complaint), "subject-large-print");
  g_assert_nonnull (control);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Large print letters");
  gtk_window_destroy (GTK_WINDOW (complaint));
  g_object_unref (complaint);

  dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_OUTCOME_SENT);
  g_object_ref_sink (dialog);
  g_assert_true (
      gtk_test_accessible_has_role (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_ROLE_DIALOG));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Send the Outcome");
  control = rd_form_lookup (GTK_WIDGET (dialog), "outcome-not-upheld");
  /* One of three: radio buttons, named without the access key's underscore. */
  g_assert_true (
      gtk_test_accessible_has_role (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_ROLE_RADIO));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Not upheld");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_REFUSED);
  g_object_ref_sink (dialog);
  control = rd_form_lookup (GTK_WIDGET (dialog), "rights-told");
  gtk_test_accessible_assert_property (
      GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL,
      "The letter tells the complainant of their right to complain to the ICO and their right to "
      "a judicial remedy");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  {
    g_autofree char *name = rd_form_strip_mnemonic ("Lar_ge print, a__b");

    g_assert_cmpstr (name, ==, "Large print, a_b");
  }
}

static void
test_event_extension_and_ico (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCase) kase = add_case (f, FALSE);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  RdEventDialog *dialog;
  RdCaseEvent   *last;
  GDate          date;

  dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_EXTENDED);
  g_object_ref_sink (dialog);
  g_assert_false (rd_event_dialog_can_save (dialog)); /* no reason yet */
  fill (dialog, "reason", "Records must be fetched from the archive.");
  fill (dialog, "months", "0");            /* one further month */
  fill (dialog, "notified", "2026-05-05"); /* tomorrow: not yet */
  assert_field_error (dialog, "notified");
  g_assert_false (rd_event_dialog_can_save (dialog));
  fill (dialog, "notified", "1/5/2026");
  g_assert_true (rd_event_dialog_can_save (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_null (rd_event_dialog_get_banner (dialog));
  g_object_unref (dialog);

  events = rd_store_list_events (f->store, rd_case_get_id (kase), &error);
  last = events->pdata[events->len - 1];
  g_assert_cmpstr (rd_case_event_get_kind (last), ==, "extended");
  g_assert_cmpstr (rd_case_event_get_detail (last, RD_DETAIL_REASON), ==,
                   "Records must be fetched from the archive.");
  g_assert_cmpint (json_object_get_int_member (rd_case_event_get_details (last), "months"), ==, 1);
  g_assert_true (rd_case_event_get_detail_date (last, RD_DETAIL_NOTIFIED, &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 1);
  g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_MAY);

  /* The ICO's deadline lies ahead: a future date is allowed there. */
  dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_ICO_NOTIFIED);
  g_object_ref_sink (dialog);
  g_assert_false (rd_event_dialog_can_save (dialog));
  fill (dialog, "ico-ref", "IC-123456-A1B2");
  fill (dialog, "ico-due", "1/6/2026");
  assert_field_ok (dialog, "ico-due");
  fill (dialog, "ico-due", "31/6/2026");
  assert_field_error (dialog, "ico-due");
  fill (dialog, "ico-due", "");
  assert_field_ok (dialog, "ico-due");
  fill (dialog, "ico-due", "1/6/2026");
  g_assert_true (rd_event_dialog_can_save (dialog));
  save_screenshot (GTK_WIDGET (dialog), "event-ico-notified.png");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_null (rd_event_dialog_get_banner (dialog));
  g_object_unref (dialog);

  g_clear_pointer (&events, g_ptr_array_unref);
  events = rd_store_list_events (f->store, rd_case_get_id (kase), &error);
  last = events->pdata[events->len - 1];
  g_assert_cmpstr (rd_case_event_get_kind (last), ==, "ico-notified");
  g_assert_cmpstr (rd_case_event_get_detail (last, RD_DETAIL_ICO_REF), ==, "IC-123456-A1B2");
  g_assert_cmpstr (rd_case_event_get_detail (last, RD_DETAIL_ICO_DUE), ==, "2026-06-01");
}

/* Preferences */

static GFile *
write_file (Fixture *f, const char *name, const char *contents, gssize length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GFile *
write_png (Fixture *f)
{
  static const guchar pixels[4 * 4 * 4] = { 0x20, 0x40, 0x80, 0xff };
  g_autoptr(GBytes) bytes = g_bytes_new_static (pixels, sizeof pixels);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (4, 4, GDK_MEMORY_R8G8B8A8, bytes, 16);
  g_autofree char *path = g_build_filename (f->dir, "logo.png", NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  return g_file_new_for_path (path);
}

static void
test_preferences (Fixture *f, gconstpointer data)
{
  RdPreferencesDialog *dialog = rd_preferences_dialog_new (NULL, f->context);
  g_autoptr(GFile) logo = write_png (f);
  g_autoptr(GFile) not_logo = write_file (f, "logo.png.txt", "not an image", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stored_logo = NULL;
  g_autofree char *name = NULL;
  g_autofree char *ack = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *division = NULL;
  g_autofree char *offset = NULL;
  guint64          audit_before;

  g_object_ref_sink (dialog);

  assert_every_control_named (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  assert_access_keys_unique (GTK_WIDGET (dialog));

  /* What the store holds is shown. */
  g_assert_cmpstr (
      gtk_editable_get_text (GTK_EDITABLE (rd_form_lookup (GTK_WIDGET (dialog), "name"))), ==,
      "Winsford Town Council");
  g_assert_cmpstr (
      gtk_editable_get_text (GTK_EDITABLE (rd_form_lookup (GTK_WIDGET (dialog), "ack-days"))), ==,
      "5");
  g_assert_cmpstr (gtk_editable_get_text (
                       GTK_EDITABLE (rd_form_lookup (GTK_WIDGET (dialog), "retention-years"))),
                   ==, "6");
  g_assert_true (rd_preferences_dialog_can_save (dialog));

  /* Invalid values are named under their field and block Save. */
  fill (dialog, "ack-days", "31");
  assert_field_error (dialog, "ack-days");
  g_assert_false (rd_preferences_dialog_can_save (dialog));
  fill (dialog, "ack-days", "10");
  fill (dialog, "prefix", "DP C");
  assert_field_error (dialog, "prefix");
  fill (dialog, "prefix", "wtc");
  fill (dialog, "email", "clerk@");
  assert_field_error (dialog, "email");
  fill (dialog, "email", "mail@winsford.gov.uk");
  fill (dialog, "offset-x", "12");
  assert_field_error (dialog, "offset-x");
  fill (dialog, "offset-x", "-2.5");
  fill (dialog, "name", "");
  assert_field_error (dialog, "name");
  g_assert_false (rd_preferences_dialog_can_save (dialog));
  fill (dialog, "name", "Winsford Town Council ");
  fill (dialog, "division", "1"); /* Scotland */
  g_assert_true (rd_preferences_dialog_can_save (dialog));

  /* Logo: a text file is refused, a PNG is shown. */
  g_assert_false (rd_preferences_dialog_choose_logo_file (dialog, not_logo, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (rd_preferences_dialog_has_logo (dialog));
  g_assert_true (rd_preferences_dialog_choose_logo_file (dialog, logo, &error));
  g_assert_no_error (error);
  g_assert_true (rd_preferences_dialog_has_logo (dialog));

  save_screenshot (GTK_WIDGET (dialog), "preferences.png");
  set_dark (TRUE);
  save_screenshot (GTK_WIDGET (dialog), "preferences-dark.png");
  set_dark (FALSE);

  audit_before = rd_store_count_audit_entries (f->store);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_null (rd_preferences_dialog_get_banner (dialog));

  name = rd_store_get_setting (f->store, RD_SETTING_NAME);
  ack = rd_store_get_setting (f->store, RD_SETTING_ACK_DAYS);
  prefix = rd_store_get_setting (f->store, RD_SETTING_PREFIX);
  division = rd_store_get_setting (f->store, RD_SETTING_DIVISION);
  offset = rd_store_get_setting (f->store, RD_SETTING_ENVELOPE_OFFSET_X);
  g_assert_cmpstr (name, ==, "Winsford Town Council"); /* trimmed: unchanged */
  g_assert_cmpstr (ack, ==, "10");
  g_assert_cmpstr (prefix, ==, "WTC");
  g_assert_cmpstr (division, ==, "scotland");
  g_assert_cmpstr (offset, ==, "-2.5");
  stored_logo = rd_store_get_logo (f->store);
  g_assert_nonnull (stored_logo);
  /* Each change its own audited transaction: ack-days, prefix, e-mail,
   * division, offset, logo; the name was not changed. */
  g_assert_cmpuint (rd_store_count_audit_entries (f->store), >=, audit_before + 6);

  g_object_unref (dialog);
}

static void
test_preferences_jpeg_logo (Fixture *f, gconstpointer data)
{
  RdPreferencesDialog *dialog = rd_preferences_dialog_new (NULL, f->context);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 8);
  g_autofree char *path = g_build_filename (f->dir, "logo.jpg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stored = NULL;
  const guchar *png;

  g_object_ref_sink (dialog);
  gdk_pixbuf_fill (pixbuf, 0x204080ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL));
  g_assert_no_error (error);

  g_assert_true (rd_preferences_dialog_choose_logo_file (dialog, file, &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_null (rd_preferences_dialog_get_banner (dialog));

  /* Kept as PNG, which the letters can draw. */
  stored = rd_store_get_logo (f->store);
  g_assert_nonnull (stored);
  g_assert_cmpuint (g_bytes_get_size (stored), >, 8);
  png = g_bytes_get_data (stored, NULL);
  g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);

  /* Remove Logo, then Save, takes it out of the store. */
  g_clear_object (&dialog);
  dialog = rd_preferences_dialog_new (NULL, f->context);
  g_object_ref_sink (dialog);
  g_assert_true (rd_preferences_dialog_has_logo (dialog));
  g_assert_true (rd_preferences_dialog_remove_logo (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_clear_pointer (&stored, g_bytes_unref);
  stored = rd_store_get_logo (f->store);
  g_assert_null (stored);
  g_object_unref (dialog);
}

static void
test_preferences_holidays (Fixture *f, gconstpointer data)
{
  RdPreferencesDialog *dialog = rd_preferences_dialog_new (NULL, f->context);
  g_autoptr(GFile) bad = write_file (f, "bad.json", "{ \"england-and-wales\": ", -1);
  g_autofree char *good_path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                      "bank-holidays.json", NULL);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GError) error = NULL;
  gboolean from_store = TRUE;
  g_autoptr(GBytes) json = NULL;

  g_object_ref_sink (dialog);
  g_assert_nonnull (strstr (rd_preferences_dialog_get_holidays_text (dialog), "England and Wales"));
  g_assert_nonnull (strstr (rd_preferences_dialog_get_holidays_text (dialog), "came with"));

  /* A broken file is refused with the parser's message, and nothing changes. */
  g_assert_false (rd_preferences_dialog_load_holidays_file (dialog, bad, &error));
  g_assert_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_SYNTAX);
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);
  json = rd_store_get_holidays_json (f->store, &from_store);
  g_assert_false (from_store);

  /* GOV.UK's own file is loaded and the years it covers are shown. */
  g_assert_true (rd_preferences_dialog_load_holidays_file (dialog, good, &error));
  g_assert_no_error (error);
  g_clear_pointer (&json, g_bytes_unref);
  json = rd_store_get_holidays_json (f->store, &from_store);
  g_assert_true (from_store);
  g_assert_nonnull (strstr (rd_preferences_dialog_get_holidays_text (dialog), "2018"));
  g_assert_nonnull (strstr (rd_preferences_dialog_get_holidays_text (dialog), "loaded"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* Where "The address is printed inside this box." starts on the sheet. */
static void
find_box_text (PopplerPage *page, double *out_x, double *out_y)
{
  GList *found = poppler_page_find_text (page, "The address is printed");

  g_assert_nonnull (found);
  *out_x = ((PopplerRectangle *) found->data)->x1;
  *out_y = ((PopplerRectangle *) found->data)->y1;
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
}

/* Exports what "Print Calibration Sheet…" prints, as the print dialog's
 * "Print to File" would, and opens it with Poppler. */
static PopplerPage *
export_calibration (RdPreferencesDialog *dialog, const char *name, PopplerDocument **out_document)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_autofree char *uri = NULL;
  PopplerDocument *document;

  operation = rd_preferences_dialog_new_calibration_operation (dialog, &error);
  g_assert_no_error (error);
  g_assert_nonnull (operation);
  g_remove (path);
  gtk_print_operation_set_export_filename (operation, path);
  g_assert_cmpint (
      gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
      GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);

  uri = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  /* One sheet. */
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  *out_document = document;
  return poppler_document_get_page (document, 0);
}

static void
test_preferences_calibration (Fixture *f, gconstpointer data)
{
  RdPreferencesDialog *dialog = rd_preferences_dialog_new (NULL, f->context);
  PopplerDocument     *plain_document = NULL;
  PopplerDocument     *moved_document = NULL;
  PopplerPage         *plain = NULL;
  PopplerPage         *moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget       *button;
  double           width, height, x0, y0, x1, y1;
  const double     mm = 72.0 / 25.4;

  g_object_ref_sink (dialog);

  /* The button is there, next to the offsets, and named for assistive
   * technologies (its label, without the mnemonic's underscore). */
  button = rd_preferences_dialog_get_calibration_button (dialog);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_ancestor (button, GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Pr_int Calibration Sheet…");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Print Calibration Sheet");
  g_assert_true (gtk_widget_get_sensitive (button));
  save_screenshot_showing (GTK_WIDGET (dialog), button, "preferences-letters.png");
  set_dark (TRUE);
  save_screenshot_showing (GTK_WIDGET (dialog), button, "preferences-letters-dark.png");
  set_dark (FALSE);

  /* Pressing it opens the print dialog over Preferences, which Cancel
   * closes. */
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_activate (button));
  {
    GtkWindow *print_dialog = NULL;
    gint64     end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (print_dialog == NULL && g_get_monotonic_time () < end)
      {
        GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

        g_main_context_iteration (NULL, FALSE);
        for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
          {
            g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

            if (gtk_window_get_transient_for (window) == GTK_WINDOW (dialog) &&
                GTK_IS_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
              print_dialog = window;
          }
      }
    g_assert_nonnull (print_dialog);
    g_test_message ("print dialog: %s", G_OBJECT_TYPE_NAME (print_dialog));
    g_object_ref (print_dialog); /* GTK destroys it on the response */
    gtk_dialog_response (GTK_DIALOG (print_dialog), GTK_RESPONSE_CANCEL);
    run_main_loop_briefly ();
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (print_dialog)));
    g_object_unref (print_dialog);
  }

  /* A4 is 210 × 297 mm (ISO 216), at actual size. */
  plain = export_calibration (dialog, "calibration-plain.pdf", &plain_document);
  poppler_page_get_size (plain, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 210.0 * mm, 0.5);
  g_assert_cmpfloat_with_epsilon (height, 297.0 * mm, 0.5);

  /* The offsets as typed, not yet saved, are what the sheet shows: the
   * box 2.5 mm further left and 1 mm further down. */
  fill (dialog, "offset-x", "-2.5");
  fill (dialog, "offset-y", "1");
  moved = export_calibration (dialog, "calibration-moved.pdf", &moved_document);
  text = poppler_page_get_text (moved);
  g_strdelimit (text, "\n", ' '); /* the sentence wraps */
  g_assert_nonnull (strstr (text, "-2.5 mm across"));
  g_assert_nonnull (strstr (text, "+1.0 mm down"));
  find_box_text (plain, &x0, &y0);
  find_box_text (moved, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x1 - x0, -2.5 * mm, 0.1);
  g_assert_cmpfloat_with_epsilon (fabs (y1 - y0), 1.0 * mm, 0.1);

  /* An offset out of range: no sheet, and the button is off. */
  fill (dialog, "offset-x", "12");
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_null (rd_preferences_dialog_new_calibration_operation (dialog, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  fill (dialog, "offset-x", "0");
  g_assert_true (gtk_widget_get_sensitive (button));

  g_object_unref (moved);
  g_object_unref (moved_document);
  g_object_unref (plain);
  g_object_unref (plain_document);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_escape_cancels (Fixture *f, gconstpointer data)
{
  RdNewComplaintDialog *dialog = rd_new_complaint_dialog_new (NULL, f->context);

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  fill_valid_complaint (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.cancel", NULL));
  run_main_loop_briefly ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (count_cases (f), ==, 0);
  g_object_unref (dialog);
}

/* GTK 4 cannot send a key press from a test, so this does what the window
 * does with one that no control took: it looks for the shortcut bound to
 * Escape without modifiers in the dialog's shortcut controllers and runs
 * its action on the dialog. FALSE if no such shortcut is there. */
static gboolean
press_escape (GtkWidget *dialog)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (dialog);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, dialog,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* Escape closes every dialog, and nothing typed in it is saved. */
static void
test_escape_key (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCase) kase = add_case (f, FALSE);
  g_autofree char *name = NULL;
  gpointer         dialog;
  guint            events_before = count_events (f, kase);

  /* The search finds only what a dialog binds: a plain window has no such
   * shortcut. */
  dialog = gtk_window_new ();
  g_object_ref_sink (dialog);
  g_assert_false (press_escape (GTK_WIDGET (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  dialog = rd_new_complaint_dialog_new (NULL, f->context);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  fill_valid_complaint (dialog);
  g_assert_true (press_escape (GTK_WIDGET (dialog)));
  run_main_loop_briefly ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (count_cases (f), ==, 1); /* only the fixture's case */
  g_object_unref (dialog);

  dialog = rd_event_dialog_new (NULL, f->context, kase, RD_EVENT_ACKNOWLEDGED);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (rd_event_dialog_can_save (dialog));
  g_assert_true (press_escape (GTK_WIDGET (dialog)));
  run_main_loop_briefly ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (count_events (f, kase), ==, events_before);
  g_object_unref (dialog);

  dialog = rd_preferences_dialog_new (NULL, f->context);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  fill (dialog, "name", "Winsford Parish Council");
  g_assert_true (rd_preferences_dialog_can_save (dialog));
  g_assert_true (press_escape (GTK_WIDGET (dialog)));
  run_main_loop_briefly ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  name = rd_store_get_setting (f->store, RD_SETTING_NAME);
  g_assert_cmpstr (name, ==, "Winsford Town Council");
  g_object_unref (dialog);
}

int
main (int argc, char *argv[])
{
  /* GTK's test backend: no AT-SPI bus under Xvfb, and the accessible
   * properties a dialog sets can be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!gtk_init_check ())
    {
      g_test_init (&argc, &argv, NULL);
      g_test_skip ("no display: run through meson test, which starts Xvfb");
      return g_test_run ();
    }

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/dialogs/new-complaint/validation", test_new_complaint_validation);
  ADD ("/dialogs/new-complaint/save", test_new_complaint_save);
  ADD ("/dialogs/new-complaint/no-store", test_new_complaint_no_store);
  ADD ("/dialogs/new-complaint/escape", test_escape_cancels);
  ADD ("/dialogs/escape-key", test_escape_key);
  ADD ("/dialogs/new-complaint/enter-saves", test_new_complaint_enter_saves);
  ADD ("/dialogs/event/every-kind", test_event_every_kind_builds);
  ADD ("/dialogs/event/identity-verified", test_event_identity_verified);
  ADD ("/dialogs/event/arrival-dates", test_event_arrival_dates);
  ADD ("/dialogs/event/forbidden", test_event_forbidden);
  ADD ("/dialogs/event/refusal", test_event_refusal);
  ADD ("/dialogs/needed-line", test_needed_line);
  ADD ("/dialogs/messages-keep-layout", test_messages_keep_layout);
  ADD ("/dialogs/event/store-busy", test_event_store_busy);
  ADD ("/dialogs/new-complaint/whose-address", test_new_complaint_whose_address);
  ADD ("/dialogs/accessible", test_accessible);
  ADD ("/dialogs/event/extension-and-ico", test_event_extension_and_ico);
  ADD ("/dialogs/preferences/settings", test_preferences);
  ADD ("/dialogs/preferences/holidays", test_preferences_holidays);
  ADD ("/dialogs/preferences/jpeg-logo", test_preferences_jpeg_logo);
  ADD ("/dialogs/preferences/calibration", test_preferences_calibration);
#undef ADD

  return g_test_run ();
}
