/* test-desk-files.c: the clerk's desk through its real file choosers.
 *
 * Each flow that asks for a file (New Store, Open Store, Open Store in a
 * New Window, Back Up…, Attach Documents, Save a Copy) is started through
 * its action, and the file chooser GTK shows is driven as a clerk would:
 * the dialog is found among the toplevels, a folder and a name (or a file)
 * are set with the GtkFileChooser API, and its Open/Save or Cancel button
 * is activated. Then the test checks what happened on disk and in the
 * window, and for Cancel that nothing did.
 *
 * On GTK 4.8 the app uses GtkFileChooserNative. Outside a sandbox (and
 * without GDK_DEBUG=portals) it does not use the portal: it shows its own
 * GtkFileChooserDialog in this process, which is what is driven here. On
 * GTK ≥ 4.10 the app uses GtkFileDialog, which makes the same in-process
 * dialog when no portal answers; the test sets GDK_DEBUG=no-portals there.
 *
 * Expected content is what the test itself wrote (the SHA-256 of the
 * attached file is worked out with GLib from the bytes written), never
 * read back from the code under test. "Today" is fixed: Monday 6 July 2026.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "rd-application.h"
#include "rd-context.h"
#include "rd-model.h"
#include "rd-welcome-page.h"
#include "rd-window-private.h"
#include "rd-window.h"

#include "desk-test-util.h"

#ifdef __SANITIZE_ADDRESS__
/* Full stacks for the leak checker, so that tests/lsan.supp can name the
 * GTK and GIO functions whose one-off allocations are not Redress's (the
 * default fast unwinding stops at g_malloc() in the system's GLib). */
const char *__asan_default_options (void);
const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}
#endif

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

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

static GtkWidget *
find_by_type (GtkWidget *root, GType type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_by_type (child, type)) != NULL)
        return found;
    }

  return NULL;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The names in @path, sorted and joined: to see that nothing was written. */
static char *
list_dir (const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir       *dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("|", (char **) names->pdata);
}

static GtkWindow *
find_visible_toplevel (GType type, GtkWindow *after)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != after && G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* The file chooser the last action opened: a real GtkFileChooserDialog
 * shown by GtkFileChooserNative, with @title, over @parent. */
static GtkFileChooser *
wait_for_chooser (GtkWindow *parent, const char *title)
{
  GtkWindow *dialog = NULL;

  for (int i = 0; i < 200 && dialog == NULL; i++)
    {
      rd_test_pump (20);
      dialog = find_visible_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
    }
  g_assert_nonnull (dialog);
  rd_test_pump (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, title);
  g_assert_true (gtk_window_get_transient_for (dialog) == parent);
  g_assert_true (gtk_window_get_modal (dialog));

  return GTK_FILE_CHOOSER (dialog);
}

/* Presses the dialog's button for @response (as a click does) and waits
 * until the dialog has gone. */
static void
press (GtkFileChooser *chooser, int response, const char *label)
{
  GtkWidget *button = gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), response);
  /* The app destroys the dialog once it has its answer: hold on to it. */
  g_autoptr(GtkWidget) dialog = g_object_ref (GTK_WIDGET (chooser));

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, label);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  for (int i = 0; i < 250 && gtk_widget_get_visible (dialog); i++)
    rd_test_pump (20);
  g_assert_false (gtk_widget_get_visible (dialog));
  rd_test_pump (150);
}

/* A save dialog: the folder and the name typed into it, then Save. */
static void
save_as (GtkFileChooser *chooser, const char *folder, const char *name)
{
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, dir, &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (chooser, name);
  rd_test_pump (200);
  press (chooser, GTK_RESPONSE_ACCEPT, "_Save");
}

/* An open dialog: @path chosen once its folder has been read, then Open. */
static void
open_file (GtkFileChooser *chooser, const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gboolean selected = FALSE;

  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
  g_assert_true (gtk_file_chooser_set_file (chooser, file, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 250 && !selected; i++)
    {
      g_autoptr(GFile) chosen = NULL;

      rd_test_pump (20);
      chosen = gtk_file_chooser_get_file (chooser);
      selected = chosen != NULL && g_file_equal (chosen, file);
    }
  g_assert_true (selected);
  press (chooser, GTK_RESPONSE_ACCEPT, "_Open");
}

/* The name typed in a save dialog (GTK hands over a copy). */
static char *
current_name (GtkFileChooser *chooser)
{
  return gtk_file_chooser_get_current_name (chooser);
}

static const char *
subtitle_of (RdWindow *window)
{
  GtkWidget *subtitle = rd_test_find_by_id (gtk_window_get_titlebar (GTK_WINDOW (window)),
                                            "subtitle_label");

  g_assert_nonnull (subtitle);
  if (!gtk_widget_get_visible (subtitle))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (subtitle));
}

static const char *
visible_child_of (RdWindow *window)
{
  GtkWidget *stack = rd_test_find_by_id (GTK_WIDGET (window), "main_stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static const char *
last_message (RdWindow *window)
{
  return g_object_get_data (G_OBJECT (window), "rd-last-message");
}

static RdStore *
store_of (Desk *desk)
{
  RdStore *store = rd_context_get_store (desk->context);

  g_assert_nonnull (store);
  return store;
}

/* A store made with the model's API, with cases for @names. */
static void
make_store (const char *path, const char *council, const char *const *names)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH,
                                             &error);

  g_assert_no_error (error);
  g_assert_true (rd_store_set_setting (store, RD_SETTING_NAME, council, &error));
  g_assert_true (rd_store_set_setting (store, RD_SETTING_DIVISION, "england-and-wales", &error));
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr(RdCase) kase = rd_case_new ();
      g_autoptr(RdPerson) subject = rd_person_new (names[i]);
      GDate received;

      rd_test_date_set (&received, 2026, 7, 1 + i);
      rd_case_set_received (kase, &received);
      rd_case_set_channel (kase, "email");
      rd_case_set_summary (kase, "Asks why a subject access request went unanswered.");
      rd_case_set_subject (kase, subject);
      g_assert_true (rd_store_add_case (store, kase, &error));
      g_assert_no_error (error);
    }
}

/* "reference:subject" of every case in @store, newest first. */
static char *
describe_cases (RdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rd_store_list_case_ids (store, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RdCase) kase = rd_store_get_case (store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_string_append_printf (text, "%s:%s;", rd_case_get_reference (kase),
                              rd_person_get_name (rd_case_get_subject (kase)));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Set-up */

static void
desk_set_up (Desk *desk, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  static int       n;
  g_autofree char *id = g_strdup_printf ("io.github.redress.Redress.TestDeskFiles%d", n++);

  g_setenv ("REDRESS_TEST_NO_DIALOGS", "1", TRUE);
  desk->dir = g_dir_make_tmp ("redress-files-XXXXXX", &error);
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

/* A store with two cases, open in the window, as after Open Store. */
static void
open_council_store (Desk *desk)
{
  const char *names[] = { "Jane Smith", "Rhys Evans", NULL };
  g_autoptr(GError) error = NULL;

  make_store (desk->path, "Ashcombe Town Council", names);
  g_assert_true (rd_window_open_store (desk->window, desk->path, FALSE, &error));
  g_assert_no_error (error);
  rd_test_pump (200);
  g_assert_cmpstr (subtitle_of (desk->window), ==, desk->path);
}

/* Tests */

/* New Store: the chooser suggests council.redress; Save leads to the
 * welcome page, which makes the file at the chosen place once the
 * council's name is given. Cancel leaves the open store open. */
static void
test_files_new_store (Desk *desk, gconstpointer data)
{
  g_autofree char *folder = g_build_filename (desk->dir, "parish", NULL);
  g_autofree char *new_path = g_build_filename (folder, "parish.redress", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RdWelcomePage   *welcome = RD_WELCOME_PAGE (rd_window_get_welcome_page (desk->window));
  GtkFileChooser  *chooser;

  open_council_store (desk);
  before = list_dir (desk->dir);

  /* Cancel: nothing changes, nothing is written. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.new-store", NULL));
  chooser = wait_for_chooser (GTK_WINDOW (desk->window), "New Case Store");
  {
    g_autofree char *suggested = current_name (chooser);

    g_assert_cmpstr (suggested, ==, "council.redress");
  }
  press (chooser, GTK_RESPONSE_CANCEL, "_Cancel");
  g_assert_cmpstr (visible_child_of (desk->window), ==, "desk");
  g_assert_cmpstr (subtitle_of (desk->window), ==, desk->path);
  g_assert_true (rd_context_get_store (desk->context) != NULL);
  after = list_dir (desk->dir);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (last_message (desk->window));

  /* Save: the welcome page asks for the council, the file comes with it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.new-store", NULL));
  chooser = wait_for_chooser (GTK_WINDOW (desk->window), "New Case Store");
  /* In a folder of its own: GTK 4.8's chooser leaks a string for each
   * file it lists without a known type (the open store's -wal and -shm),
   * which the sanitizer run would report. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  save_as (chooser, folder, "parish.redress");
  g_assert_cmpstr (visible_child_of (desk->window), ==, "welcome");
  g_assert_null (rd_context_get_store (desk->context));
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  g_assert_null (last_message (desk->window));

  rd_welcome_page_set_council_name (welcome, "Little Ashcombe Parish Council");
  rd_welcome_page_set_division (welcome, "england-and-wales");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.create-store", NULL));
  rd_test_pump (200);
  g_assert_true (g_file_test (new_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (visible_child_of (desk->window), ==, "desk");
  g_assert_cmpstr (subtitle_of (desk->window), ==, new_path);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (desk->window)), ==,
                   "Little Ashcombe Parish Council — Redress");
  g_assert_cmpstr (rd_store_get_path (store_of (desk)), ==, new_path);
  {
    g_autofree char *cases = describe_cases (store_of (desk));

    g_assert_cmpstr (cases, ==, "");
  }
}

/* Open Store: the chosen store replaces the open one in this window;
 * Cancel keeps the open one. */
static void
test_files_open_store (Desk *desk, gconstpointer data)
{
  const char      *names[] = { "Aled Morgan", NULL };
  g_autofree char *other_path = g_build_filename (desk->dir, "brynmor.redress", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkFileChooser  *chooser;

  make_store (other_path, "Brynmor Community Council", names);
  open_council_store (desk);
  before = list_dir (desk->dir);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.open-store", NULL));
  chooser = wait_for_chooser (GTK_WINDOW (desk->window), "Open a Case Store");
  press (chooser, GTK_RESPONSE_CANCEL, "_Cancel");
  g_assert_cmpstr (subtitle_of (desk->window), ==, desk->path);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (desk->window)), ==,
                   "Ashcombe Town Council — Redress");
  after = list_dir (desk->dir);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (last_message (desk->window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.open-store", NULL));
  chooser = wait_for_chooser (GTK_WINDOW (desk->window), "Open a Case Store");
  open_file (chooser, other_path);
  g_assert_cmpstr (visible_child_of (desk->window), ==, "desk");
  g_assert_cmpstr (subtitle_of (desk->window), ==, other_path);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (desk->window)), ==,
                   "Brynmor Community Council — Redress");
  g_assert_cmpstr (rd_store_get_path (store_of (desk)), ==, other_path);
  g_assert_cmpuint (g_list_model_get_n_items (rd_window_get_case_list (desk->window)), ==, 1);
  g_assert_null (last_message (desk->window));
}

/* Open Store in a New Window: a second window on the chosen store, the
 * first keeps its own. */
static void
test_files_open_store_new_window (Desk *desk, gconstpointer data)
{
  const char      *names[] = { "Aled Morgan", NULL };
  g_autofree char *other_path = g_build_filename (desk->dir, "brynmor.redress", NULL);
  GtkFileChooser  *chooser;
  GtkWindow       *second;

  make_store (other_path, "Brynmor Community Council", names);
  open_council_store (desk);

  /* Cancel: no second window. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.open-store-new-window", NULL));
  chooser = wait_for_chooser (GTK_WINDOW (desk->window), "Open a Case Store");
  press (chooser, GTK_RESPONSE_CANCEL, "_Cancel");
  g_assert_null (find_visible_toplevel (RD_TYPE_WINDOW, GTK_WINDOW (desk->window)));

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.open-store-new-window", NULL));
  chooser = wait_for_chooser (GTK_WINDOW (desk->window), "Open a Case Store");
  open_file (chooser, other_path);
  second = find_visible_toplevel (RD_TYPE_WINDOW, GTK_WINDOW (desk->window));
  g_assert_nonnull (second);
  g_assert_cmpstr (subtitle_of (RD_WINDOW (second)), ==, other_path);
  g_assert_cmpstr (gtk_window_get_title (second), ==, "Brynmor Community Council — Redress");
  g_assert_cmpstr (subtitle_of (desk->window), ==, desk->path);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (desk->window)), ==,
                   "Ashcombe Town Council — Redress");
  gtk_window_destroy (second);
  rd_test_pump (100);
}

/* Back Up…: the suggested name carries today's date; the backup opens as
 * a store with the same cases. Cancel writes nothing. */
static void
test_files_backup (Desk *desk, gconstpointer data)
{
  g_autofree char *backups = g_build_filename (desk->dir, "backups", NULL);
  g_autofree char *backup = g_build_filename (backups, "monday.redress", NULL);
  g_autofree char *listed = NULL;
  g_autofree char *original = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(RdStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  GtkFileChooser *chooser;

  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  open_council_store (desk);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.backup-store", NULL));
  chooser = wait_for_chooser (GTK_WINDOW (desk->window), "Back Up the Store");
  {
    g_autofree char *suggested = current_name (chooser);

    g_assert_cmpstr (suggested, ==, "redress-backup-2026-07-06.redress");
  }
  press (chooser, GTK_RESPONSE_CANCEL, "_Cancel");
  listed = list_dir (backups);
  g_assert_cmpstr (listed, ==, "");
  g_assert_null (last_message (desk->window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.backup-store", NULL));
  chooser = wait_for_chooser (GTK_WINDOW (desk->window), "Back Up the Store");
  save_as (chooser, backups, "monday.redress");
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (last_message (desk->window));
  g_assert_nonnull (strstr (last_message (desk->window), backup));
  /* The window stays on its own store. */
  g_assert_cmpstr (subtitle_of (desk->window), ==, desk->path);

  copy = rd_store_open (backup, RD_STORE_OPEN_READ_ONLY | RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (rd_store_verify (copy, NULL, &error));
  g_assert_no_error (error);
  original = describe_cases (store_of (desk));
  copied = describe_cases (copy);
  g_assert_cmpstr (copied, ==, original);
  g_assert_nonnull (strstr (copied, ":Jane Smith;"));
  g_assert_nonnull (strstr (copied, ":Rhys Evans;"));
}

/* Attach Documents: the chosen files become the case's documents, stored
 * with the SHA-256 of their bytes. Cancel attaches nothing. */
static void
test_files_attach (Desk *desk, gconstpointer data)
{
  static const char letter[] = "A letter from the complainant, dated 1 July 2026.\n";
  static const char photo[] = "\x89PNG\r\n\x1a\n not really a picture";
  g_autofree char  *folder = g_build_filename (desk->dir, "scans", NULL);
  g_autofree char  *letter_path = g_build_filename (folder, "letter.txt", NULL);
  g_autofree char  *photo_path = g_build_filename (folder, "photo.png", NULL);
  g_autofree char  *letter_sha = g_compute_checksum_for_data (
       G_CHECKSUM_SHA256, (const guchar *) letter, sizeof letter - 1);
  g_autofree char *photo_sha = g_compute_checksum_for_data (
      G_CHECKSUM_SHA256, (const guchar *) photo, sizeof photo - 1);
  g_autoptr(GArray) ids = NULL;
  RdCasePage     *page = rd_window_get_case_page (desk->window);
  GtkFileChooser *chooser;
  gint64          case_id;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (letter_path, letter, sizeof letter - 1, NULL));
  g_assert_true (g_file_set_contents (photo_path, photo, sizeof photo - 1, NULL));
  open_council_store (desk);
  ids = rd_store_list_case_ids (store_of (desk), NULL);
  case_id = g_array_index (ids, gint64, 0);
  g_assert_true (rd_window_select_case (desk->window, case_id));
  rd_test_pump (100);
  g_assert_cmpuint (rd_case_page_get_n_documents (page), ==, 0);

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.attach-document", NULL));
  chooser = wait_for_chooser (GTK_WINDOW (desk->window), "Attach Documents");
  g_assert_true (gtk_file_chooser_get_select_multiple (chooser));
  press (chooser, GTK_RESPONSE_CANCEL, "_Cancel");
  g_assert_cmpuint (rd_case_page_get_n_documents (page), ==, 0);
  {
    g_autoptr(GPtrArray) documents = rd_store_list_documents (store_of (desk), case_id, NULL);

    g_assert_cmpuint (documents->len, ==, 0);
  }

  /* One file, chosen by name. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.attach-document", NULL));
  chooser = wait_for_chooser (GTK_WINDOW (desk->window), "Attach Documents");
  open_file (chooser, letter_path);
  g_assert_null (last_message (desk->window));
  g_assert_cmpuint (rd_case_page_get_n_documents (page), ==, 1);
  {
    g_autoptr(RdDocument)
                   document = rd_store_find_document (store_of (desk), case_id, "letter.txt", NULL);

    g_assert_nonnull (document);
    g_assert_cmpint (rd_document_get_case_id (document), ==, case_id);
    g_assert_cmpint (rd_document_get_size (document), ==, sizeof letter - 1);
    g_assert_cmpstr (rd_document_get_sha256 (document), ==, letter_sha);
  }

  /* Both files of the folder at once: every row of the chooser's list
   * selected, as Ctrl+A does. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.attach-document", NULL));
  chooser = wait_for_chooser (GTK_WINDOW (desk->window), "Attach Documents");
  {
    g_autoptr(GFile) dir = g_file_new_for_path (folder);
    guint n_selected = 0;
    guint n_rows = 0;

    g_assert_true (gtk_file_chooser_set_current_folder (chooser, dir, NULL));
#if GTK_CHECK_VERSION(4, 10, 0)
    {
      GtkWidget         *view = find_by_type (GTK_WIDGET (chooser), GTK_TYPE_COLUMN_VIEW);
      GtkSelectionModel *selection;

      g_assert_nonnull (view);
      selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
      for (int i = 0; i < 250 && (n_rows = g_list_model_get_n_items (G_LIST_MODEL (selection))) < 2;
           i++)
        rd_test_pump (20);
      g_assert_true (gtk_selection_model_select_all (selection));
    }
#else
    {
      /* GTK 4.8's chooser lists the folder in a GtkTreeView. */
      GtkWidget    *view = find_by_type (GTK_WIDGET (chooser), GTK_TYPE_TREE_VIEW);
      GtkTreeModel *model;

      g_assert_nonnull (view);
      for (int i = 0; i < 250; i++)
        {
          model = gtk_tree_view_get_model (GTK_TREE_VIEW (view));
          if (model != NULL && (n_rows = gtk_tree_model_iter_n_children (model, NULL)) >= 2)
            break;
          rd_test_pump (20);
        }
      gtk_tree_selection_select_all (gtk_tree_view_get_selection (GTK_TREE_VIEW (view)));
    }
#endif
    g_assert_cmpuint (n_rows, ==, 2);
    rd_test_pump (100);
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (chooser);

      n_selected = g_list_model_get_n_items (files);
    }
    g_assert_cmpuint (n_selected, ==, 2);
  }
  press (chooser, GTK_RESPONSE_ACCEPT, "_Open");
  g_assert_null (last_message (desk->window));
  g_assert_cmpuint (rd_case_page_get_n_documents (page), ==, 3);
  {
    g_autoptr(RdDocument)
                   document = rd_store_find_document (store_of (desk), case_id, "photo.png", NULL);
    g_autoptr(GPtrArray) documents = rd_store_list_documents (store_of (desk), case_id, NULL);
    guint n_letters = 0;

    g_assert_nonnull (document);
    g_assert_cmpstr (rd_document_get_sha256 (document), ==, photo_sha);
    g_assert_cmpuint (documents->len, ==, 3);
    for (guint i = 0; i < documents->len; i++)
      {
        RdDocument *each = g_ptr_array_index (documents, i);

        if (g_strcmp0 (rd_document_get_name (each), "letter.txt") == 0)
          {
            g_assert_cmpstr (rd_document_get_sha256 (each), ==, letter_sha);
            n_letters++;
          }
      }
    g_assert_cmpuint (n_letters, ==, 2);
  }
}

/* Save a Copy: the chooser suggests the document's name; the copy is the
 * attached bytes exactly. Cancel writes nothing. */
static void
test_files_save_copy (Desk *desk, gconstpointer data)
{
  static const guchar content[] = { 0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0a, 0x0d, 0x80, 0x41 };
  g_autofree char    *out = g_build_filename (desk->dir, "out", NULL);
  g_autofree char    *copy_path = g_build_filename (out, "for-the-ico.pdf", NULL);
  g_autofree char    *listed = NULL;
  g_autofree char    *copied = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (content, sizeof content);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GtkFileChooser *chooser;
  gsize           length = 0;
  gint64          case_id;
  gint64          document_id;

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  open_council_store (desk);
  ids = rd_store_list_case_ids (store_of (desk), NULL);
  case_id = g_array_index (ids, gint64, 0);
  document_id = rd_store_add_document_from_bytes (store_of (desk), case_id, "scan.pdf",
                                                  "application/pdf", RD_DOCUMENT_KIND_EVIDENCE,
                                                  bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (document_id, >, 0);
  g_assert_true (rd_window_select_case (desk->window, case_id));
  rd_test_pump (100);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.save-document", "x",
                                             document_id));
  chooser = wait_for_chooser (GTK_WINDOW (desk->window), "Save a Copy");
  {
    g_autofree char *suggested = current_name (chooser);

    g_assert_cmpstr (suggested, ==, "scan.pdf");
  }
  press (chooser, GTK_RESPONSE_CANCEL, "_Cancel");
  listed = list_dir (out);
  g_assert_cmpstr (listed, ==, "");
  g_assert_null (last_message (desk->window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.save-document", "x",
                                             document_id));
  chooser = wait_for_chooser (GTK_WINDOW (desk->window), "Save a Copy");
  save_as (chooser, out, "for-the-ico.pdf");
  g_assert_null (last_message (desk->window));
  g_assert_true (g_file_get_contents (copy_path, &copied, &length, NULL));
  g_assert_cmpmem (copied, length, content, sizeof content);
  g_clear_pointer (&listed, g_free);
  listed = list_dir (out);
  g_assert_cmpstr (listed, ==, "for-the-ico.pdf");

  /* Over a file that exists, the chooser asks first. Cancel there: the
   * chooser stays, the file is untouched. Replace: the copy is written. */
  g_assert_true (g_file_set_contents (copy_path, "an older copy", -1, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.save-document", "x",
                                             document_id));
  chooser = wait_for_chooser (GTK_WINDOW (desk->window), "Save a Copy");
  {
    g_autoptr(GFile) dir = g_file_new_for_path (out);
    GtkWindow *question = NULL;
    GtkWidget *button;

    g_assert_true (gtk_file_chooser_set_current_folder (chooser, dir, NULL));
    gtk_file_chooser_set_current_name (chooser, "for-the-ico.pdf");
    rd_test_pump (200);
    g_signal_emit_by_name (
        gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT), "clicked");
    for (int i = 0; i < 150 && question == NULL; i++)
      {
        rd_test_pump (20);
        question = find_visible_toplevel (GTK_TYPE_MESSAGE_DIALOG, NULL);
      }
    g_assert_nonnull (question);
    g_assert_true (gtk_window_get_transient_for (question) == GTK_WINDOW (chooser));
    button = gtk_dialog_get_widget_for_response (GTK_DIALOG (question), GTK_RESPONSE_CANCEL);
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    rd_test_pump (300);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chooser)));
    g_clear_pointer (&copied, g_free);
    g_assert_true (g_file_get_contents (copy_path, &copied, NULL, NULL));
    g_assert_cmpstr (copied, ==, "an older copy");

    g_signal_emit_by_name (
        gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT), "clicked");
    question = NULL;
    for (int i = 0; i < 150 && question == NULL; i++)
      {
        rd_test_pump (20);
        question = find_visible_toplevel (GTK_TYPE_MESSAGE_DIALOG, NULL);
      }
    g_assert_nonnull (question);
    button = gtk_dialog_get_widget_for_response (GTK_DIALOG (question), GTK_RESPONSE_ACCEPT);
    g_assert_nonnull (button);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Replace");
    g_signal_emit_by_name (button, "clicked");
    for (int i = 0; i < 150 && find_visible_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL); i++)
      rd_test_pump (20);
    g_assert_null (find_visible_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL));
    rd_test_pump (200);
  }
  g_assert_null (last_message (desk->window));
  g_clear_pointer (&copied, g_free);
  g_assert_true (g_file_get_contents (copy_path, &copied, &length, NULL));
  g_assert_cmpmem (copied, length, content, sizeof content);
}

G_GNUC_END_IGNORE_DEPRECATIONS

int
main (int argc, char *argv[])
{
  g_autofree char *data_home = NULL;

  data_home = g_dir_make_tmp ("redress-files-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* The chooser must be GTK's own dialog in this process, never a portal. */
  g_unsetenv ("GTK_USE_PORTAL");
#if GTK_CHECK_VERSION(4, 10, 0)
  g_setenv ("GDK_DEBUG", "no-portals", TRUE);
#endif
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      int status;

      g_test_skip ("no display: run through meson test, which starts Xvfb");
      status = g_test_run ();
      g_rmdir (data_home);
      return status;
    }

  g_test_add ("/desk-files/new-store", Desk, NULL, desk_set_up, test_files_new_store,
              desk_tear_down);
  g_test_add ("/desk-files/open-store", Desk, NULL, desk_set_up, test_files_open_store,
              desk_tear_down);
  g_test_add ("/desk-files/open-store-new-window", Desk, NULL, desk_set_up,
              test_files_open_store_new_window, desk_tear_down);
  g_test_add ("/desk-files/backup", Desk, NULL, desk_set_up, test_files_backup, desk_tear_down);
  g_test_add ("/desk-files/attach", Desk, NULL, desk_set_up, test_files_attach, desk_tear_down);
  g_test_add ("/desk-files/save-copy", Desk, NULL, desk_set_up, test_files_save_copy,
              desk_tear_down);

  {
    int status = g_test_run ();

    rd_test_rm_rf (data_home);
    return status;
  }
}
