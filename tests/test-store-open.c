/* test-store-open.c: opening stores, every error for real, the fixture store
 * of each schema version, verification, backup and restore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#ifdef G_OS_UNIX
#include <unistd.h>
#endif

#include "rd-model-private.h"
#include "store-test-util.h"

#ifdef G_OS_UNIX
#include <fcntl.h> /* O_RDONLY, after GLib has said which system this is */
#endif

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("redress-test-open-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "council.redress", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_chmod (f->dir, 0700);
  rd_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A store with one case, closed again. */
static void
make_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH,
                                             &error);
  g_autoptr(RdCase) kase = rd_case_new ();
  g_autoptr(RdPerson) subject = rd_person_new ("Lowri Bevan");

  g_assert_no_error (error);
  rd_store_set_today (store, rd_test_date ("2026-03-02"));
  rd_case_set_received (kase, rd_test_date ("2026-01-05"));
  rd_case_set_subject (kase, subject);
  g_assert_true (rd_store_add_case (store, kase, &error));
  g_assert_no_error (error);
}

static char *
sibling (const char *path, const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static void
test_not_found_and_create (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "council.redress", NULL);

  store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_null (store);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Creating makes the folders too. */
  store = rd_store_open (nested, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_store_count_audit_entries (store), ==, 1);
  g_assert_true (rd_store_verify (store, NULL, &error));
  g_assert_no_error (error);

  /* The default path is in the user data folder. */
  {
    g_autofree char *path = rd_store_default_path ();
    g_autofree char *resolved = rd_store_resolve_path ("/explicit.redress");

    g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
    g_assert_cmpstr (resolved, ==, "/explicit.redress");
  }
}

static void
test_text_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  const char      *text = "Dear Clerk,\nThis is a letter, not a store.\n";
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
  store = rd_store_open (f->path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_null (store);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_A_STORE);
  g_test_message ("%s", error->message);
  /* Nothing written. */
  g_assert_true (g_file_get_contents (f->path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);
  {
    g_autofree char *wal = sibling (f->path, "-wal");
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

static void
test_other_database (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autofree char *bytes = NULL;
  gsize            length;

  /* An SQLite file that is not ours: our store with its application id cleared. */
  make_store (f->path);
  g_assert_true (g_file_get_contents (f->path, &bytes, &length, NULL));
  memset (bytes + 68, 0, 4);
  g_assert_true (g_file_set_contents (f->path, bytes, (gssize) length, NULL));

  store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_null (store);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_A_STORE);
}

static void
test_truncated (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autofree char *bytes = NULL;
  gsize            length;

  make_store (f->path);
  g_assert_true (g_file_get_contents (f->path, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 16384);
  g_assert_true (g_file_set_contents (f->path, bytes, (gssize) (length / 2), NULL));

  store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_null (store);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  /* Nothing written to it. */
  {
    g_autofree char *after = NULL;
    gsize            after_length;

    g_assert_true (g_file_get_contents (f->path, &after, &after_length, NULL));
    g_assert_cmpmem (after, after_length, bytes, length / 2);
  }

  /* Cut inside the header: not even a store any more. */
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (f->path, bytes, 50, NULL));
  store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_null (store);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_A_STORE);
}

static void
test_damaged_pages (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autofree char *bytes = NULL;
  gsize            length;
  gboolean         refused;

  make_store (f->path);
  g_assert_true (g_file_get_contents (f->path, &bytes, &length, NULL));
  /* Scribble over every page but the first: the header still looks right. */
  for (gsize i = 4096; i < length; i++)
    bytes[i] = (char) (i * 31 + 7);
  g_assert_true (g_file_set_contents (f->path, bytes, (gssize) length, NULL));

  store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  refused = store == NULL;
  if (!refused)
    refused = !rd_store_verify (store, NULL, &error);
  g_assert_true (refused);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
}

static void
test_newer_version (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *after = NULL;
  gsize            length, after_length;
  GStatBuf         before_st, after_st;

  make_store (f->path);
  /* Its emptied side files stay beside it; gone, to see that nothing makes them again. */
  {
    g_autofree char *wal = sibling (f->path, "-wal");
    g_autofree char *shm = sibling (f->path, "-shm");
    GStatBuf         st;

    g_assert_cmpint (g_stat (wal, &st), ==, 0);
    g_assert_cmpint (st.st_size, ==, 0);
    g_assert_cmpint (g_unlink (wal), ==, 0);
    g_assert_cmpint (g_unlink (shm), ==, 0);
  }
  g_assert_true (g_file_get_contents (f->path, &bytes, &length, NULL));
  /* user_version, big-endian at offset 60 of the header: 999. */
  bytes[60] = 0;
  bytes[61] = 0;
  bytes[62] = 999 >> 8;
  bytes[63] = 999 & 0xff;
  g_assert_true (g_file_set_contents (f->path, bytes, (gssize) length, NULL));
  g_assert_cmpint (g_stat (f->path, &before_st), ==, 0);
  g_usleep (20000);

  store = rd_store_open (f->path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_null (store);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "999"));

  /* Unaltered: the same bytes, the same time, nothing beside it. */
  g_assert_true (g_file_get_contents (f->path, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, bytes, length);
  g_assert_cmpint (g_stat (f->path, &after_st), ==, 0);
  g_assert_cmpint (after_st.st_mtime, ==, before_st.st_mtime);
  {
    g_autofree char *wal = sibling (f->path, "-wal");
    g_autofree char *shm = sibling (f->path, "-shm");

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  }
}

static GSubprocess *
spawn_writer (const char *mode, const char *path, GSubprocessFlags flags, GError **error)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "store-writer", NULL);

  return g_subprocess_new (flags, error, writer, mode, path, NULL);
}

static void
test_locked (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(RdCase) kase = rd_case_new ();
  g_autoptr(RdPerson) subject = rd_person_new ("Meinir Owen");
  gint64 start;

  make_store (f->path);
  /* Another process holds the write lock. */
  holder = spawn_writer ("lock", f->path,
                         G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "locked");

  /* Reading still works (write-ahead log); writing waits, then says why. */
  store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  rd_store_set_today (store, rd_test_date ("2026-03-02"));
  rd_store_set_busy_timeout (store, 300);
  rd_case_set_received (kase, rd_test_date ("2026-01-05"));
  rd_case_set_subject (kase, subject);
  start = g_get_monotonic_time ();
  g_assert_false (rd_store_add_case (store, kase, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_LOCKED);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 250000);
  g_clear_error (&error);

  /* Once the other process lets go, the same call works. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_assert_true (g_subprocess_wait_check (holder, NULL, &error));
  g_assert_true (rd_store_add_case (store, kase, &error));
  g_assert_no_error (error);
}

#ifdef G_OS_UNIX
static void
become_nobody (gpointer user_data)
{
  /* In the child, before exec: drop root so that permissions apply. */
  if (setgid (65534) != 0 || setuid (65534) != 0)
    _exit (3);
}
#endif

static void
test_read_only (Fixture *f, gconstpointer data)
{
#ifdef G_OS_UNIX
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autofree char *inner = g_build_filename (f->dir, "ro", NULL);
  g_autofree char *path = g_build_filename (inner, "council.redress", NULL);
  g_autofree char *new_path = g_build_filename (inner, "new.redress", NULL);

  g_assert_cmpint (g_mkdir (inner, 0755), ==, 0);
  make_store (path);

  /* Opened read-only on purpose: reading works, every change is refused as read-only. */
  {
    g_autoptr(RdCase) kase = rd_case_new ();
    g_autoptr(RdPerson) person = rd_person_new ("Rhian Read");
    g_autoptr(GArray) ids = NULL;

    store = rd_store_open (path, RD_STORE_OPEN_NO_WATCH | RD_STORE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    ids = rd_store_list_case_ids (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
    rd_case_set_received (kase, rd_test_date ("2026-07-01"));
    rd_case_set_subject (kase, person);
    g_assert_false (rd_store_add_case (store, kase, &error));
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_false (rd_store_set_setting (store, RD_SETTING_CLERK, "Someone", &error));
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_clear_object (&store);
  }

  if (geteuid () != 0)
    {
      /* The folder cannot be written: no log beside the store, so no store. */
      g_assert_cmpint (g_chmod (inner, 0555), ==, 0);
      store = rd_store_open (path, RD_STORE_OPEN_NO_WATCH, &error);
      g_assert_null (store);
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);
      store = rd_store_open (new_path, RD_STORE_OPEN_CREATE | RD_STORE_OPEN_NO_WATCH, &error);
      g_assert_null (store);
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY);
      g_chmod (inner, 0755);
      return;
    }

  /* As root, permissions do not apply to us: run the opener as "nobody", who owns
   * the store file but not its folder. */
  {
    g_autoptr(GSubprocessLauncher)
                   launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
    g_autoptr(GSubprocess) child = NULL;
    g_autofree char *built = g_test_build_filename (G_TEST_BUILT, "store-writer", NULL);
    g_autofree char *writer = NULL;
    g_autofree char *output = NULL;
    g_autofree char *expected = g_strdup_printf ("error %d ", RD_STORE_ERROR_READ_ONLY);

    g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
    /* Run a copy in our own folder: "nobody" may not reach the build folder. */
    writer = rd_test_copy_executable (built, f->dir);
    g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
    g_subprocess_launcher_set_child_setup (launcher, become_nobody, NULL, NULL);
    child = g_subprocess_launcher_spawn (launcher, &error, writer, "open", path, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, &output, NULL, &error));
    g_assert_no_error (error);
    if (g_subprocess_get_exit_status (child) == 3)
      {
        g_test_skip ("Could not switch to the user nobody");
        return;
      }
    g_test_message ("%s", output);
    g_assert_true (g_str_has_prefix (output, expected));

    g_clear_object (&child);
    g_clear_pointer (&output, g_free);
    child = g_subprocess_launcher_spawn (launcher, &error, writer, "open", new_path, NULL);
    g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, &output, NULL, &error));
    /* "open" does not create: a missing store in an unwritable folder is not found. */
    g_assert_true (g_str_has_prefix (output, "error "));
  }
#else
  g_test_skip ("Permissions are tested on Unix only");
#endif
}

/* Runs store-writer in another process and returns what it printed. */
static char *
writer_says (const char *mode, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = spawn_writer (mode, path, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  char *output = NULL;

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, &output, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (child));
  return output;
}

static gint64
events_seen_elsewhere (const char *path)
{
  g_autofree char *output = writer_says ("count", path);

  return g_ascii_strtoll (output, NULL, 10);
}

static gint64
add_note (RdStore *store, gint64 case_id, const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseEvent) event = rd_case_event_new ("note", rd_test_date ("2026-02-02"));
  gint64 id;

  rd_case_event_set_note (event, text);
  id = rd_store_add_event (store, case_id, event, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

#ifdef G_OS_UNIX
static void
assert_same_file (const char *path, const GStatBuf *before)
{
  GStatBuf now;

  g_assert_cmpint (g_stat (path, &now), ==, 0);
  g_assert_cmpuint (now.st_ino, ==, before->st_ino);
}
#endif

/*
 * QA's data loss: the app has the store open (A, watching); its counting thread
 * opens and closes a second RdStore on it; then redress-cli runs any command.
 * Opening the second one must not drop A's locks (a plain open/close of the
 * file does, on POSIX), or the other process, thinking itself the last user,
 * deletes the -wal and -shm files under A, and what A writes afterwards is lost.
 */
static void
test_second_store_keeps_locks (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) a = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *wal = sibling (f->path, "-wal");
  g_autofree char *shm = sibling (f->path, "-shm");
  g_autofree char *said = NULL;
  gint64           case_id, before, event_id;

  make_store (f->path);
  a = rd_store_open (f->path, 0, &error);
  g_assert_no_error (error);
  rd_store_set_today (a, rd_test_date ("2026-03-02"));
  ids = rd_store_list_case_ids (a, &error);
  g_assert_no_error (error);
  case_id = g_array_index (ids, gint64, 0);
  add_note (a, case_id, "Written before the second connection.");
  before = _rd_store_count_sql (a, "SELECT count(*) FROM events");

  /* As the window's counting thread does. */
  {
    g_autoptr(RdStore) b = rd_store_open (
        f->path, RD_STORE_OPEN_READ_ONLY | RD_STORE_OPEN_NO_WATCH, &error);

    g_assert_no_error (error);
    g_assert_cmpint (_rd_store_count_sql (b, "SELECT count(*) FROM cases"), ==, 1);
    rd_store_close (b);
  }

#ifdef G_OS_UNIX
  {
    GStatBuf wal_st, shm_st;

    g_assert_cmpint (g_stat (wal, &wal_st), ==, 0);
    g_assert_cmpint (g_stat (shm, &shm_st), ==, 0);

    /* Another process opens and closes the store (as any redress-cli command). */
    said = writer_says ("open", f->path);
    g_assert_cmpstr (said, ==, "ok\n");
    g_assert_cmpint (events_seen_elsewhere (f->path), ==, before);

    /* A's log is still the one beside the file, not deleted under it. */
    assert_same_file (wal, &wal_st);
    assert_same_file (shm, &shm_st);
  }
#endif

  /* What A writes now reaches the file: another process sees it before A closes. */
  event_id = add_note (a, case_id, "Written after the other process.");
  g_assert_cmpint (events_seen_elsewhere (f->path), ==, before + 1);
  g_assert_true (rd_store_verify (a, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&a);

  a = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_rd_store_count_sql (a, "SELECT count(*) FROM events"), ==, before + 1);
  {
    g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) FROM events WHERE id = %" G_GINT64_FORMAT
        " AND note = 'Written after the other process.'",
        event_id);

    g_assert_cmpint (_rd_store_count_sql (a, sql), ==, 1);
  }
  g_assert_true (rd_store_verify (a, NULL, &error));
  g_assert_no_error (error);
}

#ifdef G_OS_UNIX
/* Opens and closes @path with a plain descriptor, as GIO does to sniff a file's type. */
static void
plain_open_close (const char *path)
{
  int fd = g_open (path, O_RDONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_true (g_close (fd, NULL));
}
#endif

/*
 * QA's data loss through GIO: the app has the store open and has written; a
 * file chooser's worker thread opens and closes the store, its -shm and its
 * -wal to guess their types, which drops every POSIX lock SQLite held on them;
 * then redress-cli opens the store, reads and closes. It must not delete or
 * empty the log under the app: what the app writes next must reach the file.
 */
static void
test_foreign_open_keeps_log (Fixture *f, gconstpointer data)
{
#ifdef G_OS_UNIX
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) a = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *wal = sibling (f->path, "-wal");
  g_autofree char *shm = sibling (f->path, "-shm");
  g_autofree char *said = NULL;
  g_autofree char *sql = NULL;
  GStatBuf         wal_st, shm_st;
  gint64           case_id, before, event_id;

  make_store (f->path);
  a = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  rd_store_set_today (a, rd_test_date ("2026-03-02"));
  ids = rd_store_list_case_ids (a, &error);
  g_assert_no_error (error);
  case_id = g_array_index (ids, gint64, 0);
  add_note (a, case_id, "Written before the file chooser looked.");
  before = _rd_store_count_sql (a, "SELECT count(*) FROM events");
  g_assert_cmpint (g_stat (wal, &wal_st), ==, 0);
  g_assert_cmpint (g_stat (shm, &shm_st), ==, 0);

  /* As GIO's content-type sniffing does, outside the model's registry. */
  plain_open_close (f->path);
  plain_open_close (shm);
  plain_open_close (wal);

  /* Another process opens the store for writing, reads and closes (redress-cli list). */
  said = writer_says ("open", f->path);
  g_assert_cmpstr (said, ==, "ok\n");
  g_assert_cmpint (events_seen_elsewhere (f->path), ==, before);

  /* The log and index A uses are still the ones beside the store. */
  assert_same_file (wal, &wal_st);
  assert_same_file (shm, &shm_st);

  /* A writes again, closes; a fresh connection finds the write. */
  event_id = add_note (a, case_id, "Written after the file chooser looked.");
  g_assert_cmpint (events_seen_elsewhere (f->path), ==, before + 1);
  g_clear_object (&a);

  a = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_rd_store_count_sql (a, "SELECT count(*) FROM events"), ==, before + 1);
  sql = g_strdup_printf ("SELECT count(*) FROM events WHERE id = %" G_GINT64_FORMAT
                         " AND note = 'Written after the file chooser looked.'",
                         event_id);
  g_assert_cmpint (_rd_store_count_sql (a, sql), ==, 1);
  g_assert_true (rd_store_verify (a, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&a);

  /* Nothing is open: the log stays beside the store, emptied. */
  g_assert_cmpint (g_stat (wal, &wal_st), ==, 0);
  g_assert_cmpint (wal_st.st_size, ==, 0);
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
#else
  g_test_skip ("POSIX locks are tested on Unix only");
#endif
}

/* Two stores of one process on one file, writing in turn; another process sees all. */
static void
test_two_stores_one_process (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) a = NULL;
  g_autoptr(RdStore) b = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *wal = sibling (f->path, "-wal");
  g_autofree char *said = NULL;
  gint64           case_id, before;
#ifdef G_OS_UNIX
  GStatBuf wal_st;
#endif

  make_store (f->path);
  a = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  b = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  rd_store_set_today (a, rd_test_date ("2026-03-02"));
  rd_store_set_today (b, rd_test_date ("2026-03-02"));
  ids = rd_store_list_case_ids (a, &error);
  g_assert_no_error (error);
  case_id = g_array_index (ids, gint64, 0);
  before = events_seen_elsewhere (f->path);

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *text = g_strdup_printf ("Note %u from store %c.", i, i % 2 ? 'B' : 'A');

      add_note (i % 2 ? b : a, case_id, text);
      /* Another process opening and closing it (as redress-cli) must leave the log alone. */
      said = writer_says ("open", f->path);
      g_assert_cmpstr (said, ==, "ok\n");
      g_clear_pointer (&said, g_free);
      g_assert_cmpint (events_seen_elsewhere (f->path), ==, before + i + 1);
#ifdef G_OS_UNIX
      if (i == 0)
        g_assert_cmpint (g_stat (wal, &wal_st), ==, 0);
      else
        assert_same_file (wal, &wal_st);
#endif
    }
  g_assert_cmpint (_rd_store_count_sql (a, "SELECT count(*) FROM events"), ==, before + 6);
  g_assert_cmpint (_rd_store_count_sql (b, "SELECT count(*) FROM events"), ==, before + 6);
  g_assert_true (rd_store_verify (b, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&a);
  g_clear_object (&b);
  g_assert_cmpint (events_seen_elsewhere (f->path), ==, before + 6);
}

/*
 * What would open the store's own file with plain I/O while it is open is refused
 * (a backup over it, a restore from it, attaching it), leaving it as it was; a
 * document stream still reading keeps it listed as open after its store closes.
 */
static void
test_open_file_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) a = NULL;
  g_autoptr(RdStore) other = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GBytes) content = g_bytes_new_static ("scan", 4);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (f->path);
  g_autofree char *other_path = g_build_filename (f->dir, "other.redress", NULL);
  gint64           case_id, document_id, other_case, attached;

  make_store (f->path);
  make_store (other_path);
  a = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  rd_store_set_today (a, rd_test_date ("2026-03-02"));
  ids = rd_store_list_case_ids (a, &error);
  case_id = g_array_index (ids, gint64, 0);
  document_id = rd_store_add_document_from_bytes (a, case_id, "scan.txt", "text/plain",
                                                  RD_DOCUMENT_KIND_EVIDENCE, content, &error);
  g_assert_no_error (error);

  g_assert_false (rd_store_backup (a, f->path, NULL, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (rd_store_restore (a, f->path, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED);
  g_clear_error (&error);

  other = rd_store_open (other_path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  rd_store_set_today (other, rd_test_date ("2026-03-02"));
  g_clear_pointer (&ids, g_array_unref);
  ids = rd_store_list_case_ids (other, &error);
  other_case = g_array_index (ids, gint64, 0);
  g_assert_cmpint (rd_store_add_document_from_file (other, other_case, file,
                                                    RD_DOCUMENT_KIND_EVIDENCE, NULL, &error),
                   ==, 0);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Closed, but a document is still being read: SQLite keeps the file till then. */
  stream = rd_store_open_document (a, document_id, &error);
  g_assert_no_error (error);
  rd_store_close (a);
  g_assert_cmpint (rd_store_add_document_from_file (other, other_case, file,
                                                    RD_DOCUMENT_KIND_EVIDENCE, NULL, &error),
                   ==, 0);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (g_input_stream_close (stream, NULL, &error));
  g_assert_no_error (error);
  /* Let go of: now it is only a file. */
  attached = rd_store_add_document_from_file (other, other_case, file, RD_DOCUMENT_KIND_EVIDENCE,
                                              NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attached, >, 0);
  g_clear_object (&a);

  a = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (rd_store_verify (a, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_rd_store_count_sql (a, "SELECT count(*) FROM documents"), ==, 1);
}

static void
test_disk_full (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GBytes) big = NULL;
  guint64 audit;
  gint64  pages;

  make_store (f->path);
  store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  ids = rd_store_list_case_ids (store, &error);
  audit = rd_store_count_audit_entries (store);

  /* SQLite's own "database or disk is full", from a cap on the file's size. */
  pages = _rd_store_pragma_int (store, "page_count");
  _rd_store_set_max_pages (store, (guint) pages + 4);
  big = g_bytes_new_take (g_malloc0 (1024 * 1024), 1024 * 1024);
  g_assert_cmpint (rd_store_add_document_from_bytes (store, g_array_index (ids, gint64, 0),
                                                     "scan.pdf", "application/pdf",
                                                     RD_DOCUMENT_KIND_EVIDENCE, big, &error),
                   ==, 0);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_DISK_FULL);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* Nothing half-written. */
  g_assert_cmpuint (rd_store_count_audit_entries (store), ==, audit);
  g_assert_cmpint (_rd_store_count_sql (store, "SELECT count(*) FROM documents"), ==, 0);
  _rd_store_set_max_pages (store, 1000000);
  g_assert_true (rd_store_verify (store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_fixture_v1 (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) first = NULL;
  g_autoptr(RdCase) second = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (
      g_test_get_filename (G_TEST_DIST, "data", "stores", "v1.redress", NULL));
  g_autoptr(GFile) copy = g_file_new_for_path (f->path);
  g_autofree char *name = NULL;

  /* Opened from a copy: a store is written to even when only read (its log). */
  g_assert_true (g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_rd_store_pragma_int (store, "user_version"), ==, RD_STORE_SCHEMA_VERSION);
  g_assert_true (rd_store_verify (store, NULL, &error));
  g_assert_no_error (error);

  name = rd_store_get_setting (store, RD_SETTING_NAME);
  g_assert_cmpstr (name, ==, "Fixture Town Council");
  first = rd_store_find_case (store, "FIX-2026-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_person_get_name (rd_case_get_subject (first)), ==, "Ann Fixture");
  g_assert_cmpstr (rd_case_get_status (first), ==, "responded");
  events = rd_store_list_events (store, rd_case_get_id (first), &error);
  g_assert_cmpuint (events->len, ==, 3);
  documents = rd_store_list_documents (store, rd_case_get_id (first), &error);
  g_assert_cmpuint (documents->len, ==, 1);
  /* sha256sum of "Fixture evidence, version 1.\n" */
  g_assert_cmpstr (rd_document_get_sha256 (g_ptr_array_index (documents, 0)), ==,
                   "b849bc6f4d86197ae1e6b6ff26bfe98d66a48cd15c8cbd020220015d3f2e6d6d");
  second = rd_store_find_case (store, "FIX-2026-0002", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_case_get_authority (second), ==, RD_AUTHORITY_WRITTEN_CONSENT);
  g_assert_cmpstr (rd_person_get_name (rd_case_get_representative (second)), ==,
                   "Carys Representative");

  /* Migrated to version 2: the counts' index is there, and the migration is
   * on the audit trail (by ids only: no name, note or address). */
  g_assert_cmpint (_rd_store_count_sql (store, "SELECT count(*) FROM sqlite_schema WHERE type = "
                                               "'index' AND name = 'cases_next_due'"),
                   ==, 1);
  {
    guint64 n = rd_store_count_audit_entries (store);
    g_autoptr(GPtrArray) entries = rd_store_list_audit_entries (store, (gint64) n - 1, 1, &error);
    RdAuditEntry *last;

    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 1);
    last = g_ptr_array_index (entries, 0);
    g_assert_cmpstr (last->action, ==, "store.migrate");
    g_assert_cmpstr (last->records, ==, "from=1 to=2");
    /* The fixture's 9 entries (make-store-fixture at version 1), then the migration. */
    g_assert_cmpuint (n, ==, 10);
  }

  /* It can be written to. */
  rd_store_set_today (store, rd_test_date ("2026-03-02"));
  {
    g_autoptr(RdCaseEvent) event = rd_case_event_new ("note", rd_test_date ("2026-02-10"));

    g_assert_cmpint (rd_store_add_event (store, rd_case_get_id (second), event, &error), >, 0);
    g_assert_no_error (error);
  }
}

static void
copy_fixture (const char *name, const char *dest)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (
      g_test_get_filename (G_TEST_DIST, "data", "stores", name, NULL));
  g_autoptr(GFile) copy = g_file_new_for_path (dest);

  g_assert_true (g_file_copy (source, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* A store of the current version opens without a migration. */
static void
test_fixture_v2 (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) first = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint64 n;

  copy_fixture ("v2.redress", f->path);
  store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_rd_store_pragma_int (store, "user_version"), ==, 2);
  g_assert_true (rd_store_verify (store, NULL, &error));
  g_assert_no_error (error);

  /* What make-store-fixture wrote, and nothing more: no store.migrate. */
  n = rd_store_count_audit_entries (store);
  g_assert_cmpuint (n, ==, 9);
  entries = rd_store_list_audit_entries (store, 0, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpstr (((RdAuditEntry *) g_ptr_array_index (entries, i))->action, !=,
                     "store.migrate");
  g_assert_cmpint (_rd_store_count_sql (store, "SELECT count(*) FROM sqlite_schema WHERE type = "
                                               "'index' AND name = 'cases_next_due'"),
                   ==, 1);
  first = rd_store_find_case (store, "FIX-2026-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_person_get_name (rd_case_get_subject (first)), ==, "Ann Fixture");
  g_assert_cmpstr (rd_case_get_status (first), ==, "responded");

  /* Opening and reading wrote nothing to the file. */
  g_clear_object (&first);
  rd_store_close (store);
  {
    g_autofree char *fixture = NULL;
    g_autofree char *copy = NULL;
    gsize            fixture_length, copy_length;

    g_assert_true (g_file_get_contents (
        g_test_get_filename (G_TEST_DIST, "data", "stores", "v2.redress", NULL), &fixture,
        &fixture_length, NULL));
    g_assert_true (g_file_get_contents (f->path, &copy, &copy_length, NULL));
    g_assert_cmpmem (copy, copy_length, fixture, fixture_length);
  }
}

/* A migration that fails midway (after the 1 → 2 step has run, before the new
 * version is stamped) rolls back: the version 1 file keeps every byte. */
static void
test_migration_fails (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = sibling (f->path, "-wal");
  gsize            before_length, after_length;

  copy_fixture ("v1.redress", f->path);
  g_assert_true (g_file_get_contents (f->path, &before, &before_length, NULL));

  _rd_store_set_fail_migration_after (2);
  store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  _rd_store_set_fail_migration_after (-1);
  g_assert_null (store);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "left as it was"));
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (f->path, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, before, before_length);
  /* Nothing left in a log either (SQLite keeps the emptied log beside the store). */
  {
    GStatBuf st;

    if (g_stat (wal, &st) == 0)
      g_assert_cmpint (st.st_size, ==, 0);
  }

  /* And the next opening migrates it. */
  store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_rd_store_pragma_int (store, "user_version"), ==, 2);
  g_assert_true (rd_store_verify (store, NULL, &error));
  g_assert_no_error (error);
}

/* A version 1 store that already has an index named as the one version 2
 * adds, but not the same: the migration stops on it, and the file is left
 * byte for byte as it was. */
static void
test_migration_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize            before_length, after_length;

  copy_fixture ("v2.redress", f->path);
  store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (_rd_store_exec_sql (store,
                                     "DROP INDEX cases_next_due;"
                                     "CREATE INDEX cases_next_due ON cases (received);"
                                     "PRAGMA user_version = 1;",
                                     &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (f->path, &before, &before_length, NULL));

  store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_null (store);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "cases_next_due"));
  g_assert_nonnull (strstr (error->message, "left as it was"));
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (f->path, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, before, before_length);
}

static void
test_backup_restore (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "backup.redress", NULL);
  g_autofree char *tampered = g_build_filename (f->dir, "tampered.redress", NULL);
  g_autoptr(RdCase) later = rd_case_new ();
  g_autoptr(RdPerson) subject = rd_person_new ("Later Person");
  guint64 n_before;

  make_store (f->path);
  store = rd_store_open (f->path, RD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  rd_store_set_today (store, rd_test_date ("2026-03-02"));

  g_assert_true (rd_store_backup (store, backup, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *part = sibling (backup, ".part");
    g_autofree char *wal = sibling (backup, "-wal");
    GStatBuf         st;

    g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_cmpint (g_stat (backup, &st), ==, 0);
#ifdef G_OS_UNIX
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
#endif
  }

  /* A case added after the backup goes away with a restore. */
  rd_case_set_received (later, rd_test_date ("2026-02-01"));
  rd_case_set_subject (later, subject);
  g_assert_true (rd_store_add_case (store, later, &error));
  n_before = rd_store_count_audit_entries (store);
  g_assert_true (rd_store_restore (store, backup, &error));
  g_assert_no_error (error);
  g_assert_null (rd_store_find_case (store, rd_case_get_reference (later), &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (rd_store_count_audit_entries (store), <, n_before);
  g_assert_true (rd_store_verify (store, NULL, &error));
  g_assert_no_error (error);

  /* A backup whose audit trail was tampered with is refused; the store stays as it was. */
  {
    g_autoptr(RdStore) copy = NULL;
    g_autoptr(GFile) from = g_file_new_for_path (backup);
    g_autoptr(GFile) to = g_file_new_for_path (tampered);
    guint64 n_now = rd_store_count_audit_entries (store);

    g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
    copy = rd_store_open (tampered, RD_STORE_OPEN_NO_WATCH, &error);
    g_assert_no_error (error);
    g_assert_true (_rd_store_exec_sql (copy,
                                       "DROP TRIGGER audit_no_update;"
                                       "UPDATE audit SET action = 'case.view' WHERE id = 2;",
                                       &error));
    g_assert_no_error (error);
    rd_store_close (copy);

    g_assert_false (rd_store_restore (store, tampered, &error));
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
    g_assert_cmpuint (rd_store_count_audit_entries (store), ==, n_now);
  }

  /* A backup that is not a store at all. */
  g_assert_true (g_file_set_contents (tampered, "not a store", -1, NULL));
  g_assert_false (rd_store_restore (store, tampered, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_A_STORE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store-open/not-found-and-create", test_not_found_and_create);
  ADD ("/store-open/text-file", test_text_file);
  ADD ("/store-open/other-database", test_other_database);
  ADD ("/store-open/truncated", test_truncated);
  ADD ("/store-open/damaged-pages", test_damaged_pages);
  ADD ("/store-open/newer-version", test_newer_version);
  ADD ("/store-open/locked", test_locked);
  ADD ("/store-open/read-only", test_read_only);
  ADD ("/store-open/second-store-keeps-locks", test_second_store_keeps_locks);
  ADD ("/store-open/foreign-open-keeps-log", test_foreign_open_keeps_log);
  ADD ("/store-open/two-stores-one-process", test_two_stores_one_process);
  ADD ("/store-open/open-file-refused", test_open_file_refused);
  ADD ("/store-open/disk-full", test_disk_full);
  ADD ("/store-open/fixture-v1", test_fixture_v1);
  ADD ("/store-open/fixture-v2", test_fixture_v2);
  ADD ("/store-open/migration-fails", test_migration_fails);
  ADD ("/store-open/migration-conflict", test_migration_conflict);
  ADD ("/store-open/backup-restore", test_backup_restore);
#undef ADD

  return g_test_run ();
}
