/* test-cli.c: redress-cli's store commands, run as a clerk's script would
 * run them: exit statuses, one-line errors, and the JSON shapes.
 *
 * Dates were worked out by hand: received Wednesday 1 July 2026;
 * acknowledge within 5 working days → Wednesday 8 July; the statutory 30
 * days (DPA 2018 s.164A, counted from the day after) → Friday 31 July;
 * respond in one calendar month → Saturday 1 August, rolled to Monday
 * 3 August 2026; extended by two further months → Thursday 1 October 2026.
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

typedef struct
{
  char *dir;
  char *store;
} Fixture;

static char *
bytes_to_text (GBytes *bytes)
{
  gsize       size;
  const char *data = g_bytes_get_data (bytes, &size);

  return size > 0 ? g_strndup (data, size) : g_strdup ("");
}

#ifdef G_OS_UNIX
/* When set, run() starts redress-cli as the user "nobody" (tests run as root),
 * from this copy of it (rd_test_copy_executable()). */
static gboolean run_as_nobody;
static char    *nobody_cli;

static void
become_nobody (gpointer user_data)
{
  if (setgid (65534) != 0 || setuid (65534) != 0)
    _exit (99);
}
#endif

/* Runs redress-cli with --store and the arguments; returns the exit status. */
static int
run (Fixture *f, char **out, char **err, ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stdout_bytes = NULL;
  g_autoptr(GBytes) stderr_bytes = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  va_list          args;
  const char      *arg;

#ifdef G_OS_UNIX
  if (run_as_nobody)
    g_ptr_array_add (argv, nobody_cli);
  else
#endif
    g_ptr_array_add (argv, (char *) REDRESS_CLI_PATH);
  g_ptr_array_add (argv, (char *) "--store");
  g_ptr_array_add (argv, f->store);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

#ifdef G_OS_UNIX
  if (run_as_nobody)
    g_subprocess_launcher_set_child_setup (launcher, become_nobody, NULL, NULL);
#endif
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  /* Bytes, then text: the output need not be valid UTF-8 for the test to say so. */
  g_assert_true (
      g_subprocess_communicate (process, NULL, NULL, &stdout_bytes, &stderr_bytes, &error));
  g_assert_no_error (error);
  stdout_text = bytes_to_text (stdout_bytes);
  stderr_text = bytes_to_text (stderr_bytes);
  /* The same variable may be passed again: the previous text is freed. */
  if (out != NULL)
    {
      g_free (*out);
      *out = g_steal_pointer (&stdout_text);
    }
  if (err != NULL)
    {
      g_free (*err);
      *err = g_steal_pointer (&stderr_text);
    }
  return g_subprocess_get_exit_status (process);
}

/* A failure says why in exactly one line. */
static void
assert_one_line (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "redress-cli: "));
  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_true (strchr (text, '\n') == text + strlen (text) - 1);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  f->dir = g_dir_make_tmp ("redress-test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = g_build_filename (f->dir, "council.redress", NULL);
  g_assert_cmpint (run (f, &out, NULL, "init", "--council", "Winsford Town Council", NULL), ==, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  rd_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->store);
}

static char *
add_case (Fixture *f, const char *received, const char *name)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (f, &out, &err, "add", "--received", received, "--name", name, "--postcode",
                        "cw7 1aa", "--email", "someone@example.org", NULL),
                   ==, 0);
  g_strchomp (out);
  return g_steal_pointer (&out);
}

static void
test_help (Fixture *f, gconstpointer data)
{
  const char      *commands[] = { "init",    "council", "add",    "show",    "list",     "event",
                                  "attach",  "extract", "import", "export",  "holidays", "backup",
                                  "restore", "verify",  "demo",   "destroy", "restrict", "person" };
  g_autofree char *out = NULL;

  g_assert_cmpint (run (f, &out, NULL, "--help", NULL), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (out, commands[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *help = NULL;
      g_autofree char *usage = g_strdup_printf ("redress-cli %s", commands[i]);

      g_assert_cmpint (run (f, &help, NULL, commands[i], "--help", NULL), ==, 0);
      g_assert_nonnull (strstr (help, usage));
    }
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run (f, NULL, &err, "frobnicate", NULL), ==, 2);
    assert_one_line (err);
  }
}

static void
test_init_council (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject      *council;
  g_autofree char *logo = g_build_filename (f->dir, "logo.png", NULL);

  /* Not twice. */
  g_assert_cmpint (run (f, NULL, &err, "init", "--council", "Again", NULL), ==, 1);
  assert_one_line (err);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (f, NULL, &err, "council", "set", "division", "wales", NULL), ==, 2);
  assert_one_line (err);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, NULL, &err, "council", "set", "ack-days", "0", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  /* A negative number is a value, refused with the store's reason, not an unknown option. */
  g_assert_cmpint (run (f, NULL, &err, "council", "set", "retention-years", "-1", NULL), ==, 2);
  assert_one_line (err);
  g_assert_nonnull (strstr (err, "from 1 to 100"));
  g_assert_null (strstr (err, "Unknown option"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, NULL, NULL, "council", "set", "division", "scotland", NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, NULL, "council", "set", "email", "clerk@winsford.gov.uk", NULL),
                   ==, 0);
  g_assert_cmpint (run (f, NULL, NULL, "council", "set", "address", "Wyvern House\nWinsford", NULL),
                   ==, 0);
  g_assert_true (g_file_set_contents (logo, "\x89PNG\r\n\x1a\n0000", 12, NULL));
  g_assert_cmpint (run (f, NULL, NULL, "council", "set", "logo", logo, NULL), ==, 0);

  g_assert_cmpint (run (f, &out, NULL, "council", "--json", NULL), ==, 0);
  node = parse_json (out);
  council = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (council, "name"), ==, "Winsford Town Council");
  g_assert_cmpstr (json_object_get_string_member (council, "division"), ==, "scotland");
  g_assert_cmpstr (json_object_get_string_member (council, "prefix"), ==, "DPC");
  /* Numbers are JSON numbers. */
  g_assert_cmpint (json_object_get_int_member (council, "ack-days"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (council, "retention-years"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (council, "document-limit-mb"), ==, 256);
  g_assert_cmpstr (json_object_get_string_member (council, "address"), ==,
                   "Wyvern House\nWinsford");
  g_assert_true (json_object_get_boolean_member (council, "logo"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, NULL, "council", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Winsford Town Council"));
}

static void
test_add_show (Fixture *f, gconstpointer data)
{
  g_autofree char *ref = add_case (f, "2026-07-01", "Siân O'Brien-Ŵyn");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *deadlines, *ack, *respond;
  JsonArray  *events;

  g_assert_cmpstr (ref, ==, "DPC-2026-0001");

  /* Mistakes in the options: exit 2 and one line. */
  g_assert_cmpint (run (f, NULL, &err, "add", "--name", "No Date", NULL), ==, 2);
  assert_one_line (err);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, NULL, &err, "add", "--received", "2026-02-30", "--name", "X", NULL), ==,
                   2);
  assert_one_line (err);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, NULL, &err, "add", "--received", "2026-07-01", "--name", "X",
                        "--postcode", "NOT A CODE", NULL),
                   ==, 2);
  assert_one_line (err);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (f, &out, NULL, "event", ref, "acknowledged", "--on", "2026-07-03", "--note",
                        "Sent by e-mail; said \"thanks\"", NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, &err, "show", ref, "--json", "--on", "2026-07-10", NULL), ==, 0);
  node = parse_json (out);
  root = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (root, "ref"), ==, ref);
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "open");
  g_assert_cmpstr (json_object_get_string_member (root, "received"), ==, "2026-07-01");
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (root, "complainant"), "name"),
      ==, "Siân O'Brien-Ŵyn");
  events = json_object_get_array_member (root, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (events, 1), "kind"), ==,
      "acknowledged");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 1), "on"),
                   ==, "2026-07-03");
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (events, 1), "note"), ==,
      "Sent by e-mail; said \"thanks\"");

  deadlines = json_object_get_object_member (root, "deadlines");
  ack = json_object_get_object_member (deadlines, "acknowledge");
  g_assert_cmpstr (json_object_get_string_member (ack, "due"), ==, "2026-07-08");
  g_assert_cmpstr (json_object_get_string_member (ack, "statutory_due"), ==, "2026-07-31");
  g_assert_cmpstr (json_object_get_string_member (ack, "state"), ==, "met");
  g_assert_cmpstr (json_object_get_string_member (ack, "met_on"), ==, "2026-07-03");
  g_assert_cmpstr (json_object_get_string_member (ack, "working"), !=, "");
  respond = json_object_get_object_member (deadlines, "respond");
  g_assert_cmpstr (json_object_get_string_member (respond, "due"), ==, "2026-08-03");
  g_assert_cmpstr (json_object_get_string_member (respond, "state"), ==, "open");
  g_assert_nonnull (strstr (json_object_get_string_member (respond, "working"), "Saturday"));
  g_assert_false (json_object_has_member (deadlines, "review_respond"));
  g_assert_true (json_object_has_member (root, "retain_until"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (root, "retain_until")));

  /* Missed, as seen on 10 August. */
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, NULL, "show", ref, "--json", "--on", "2026-08-10", NULL), ==, 0);
  node = parse_json (out);
  respond = json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (node), "deadlines"), "respond");
  g_assert_cmpstr (json_object_get_string_member (respond, "state"), ==, "missed");

  /* The text form too. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, NULL, "show", "dpc-2026-0001", "--on", "2026-07-10", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2026-08-03"));
  g_assert_nonnull (strstr (out, "Siân O'Brien-Ŵyn"));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, NULL, &err, "show", "DPC-1999-0001", NULL), ==, 1);
  assert_one_line (err);
}

static JsonObject *
deadline_of (JsonNode *node, const char *name)
{
  return json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (node), "deadlines"), name);
}

static void
test_events (Fixture *f, gconstpointer data)
{
  g_autofree char *ref = add_case (f, "2026-07-01", "Tomos Rhys");
  g_autofree char *other = add_case (f, "2026-07-01", "Una Ellis");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray  *events;
  JsonObject *details;

  /* Refused by the rules: the rule's message, one line, exit 1. */
  g_assert_cmpint (
      run (f, NULL, &err, "event", ref, "review-requested", "--on", "2026-07-02", NULL), ==, 1);
  assert_one_line (err);
  g_clear_pointer (&err, g_free);
  /* An extension needs a reason. */
  g_assert_cmpint (run (f, NULL, &err, "event", ref, "extended", "--on", "2026-07-20", NULL), ==,
                   1);
  assert_one_line (err);
  g_clear_pointer (&err, g_free);
  /* Options of another kind are a usage mistake. */
  g_assert_cmpint (run (f, NULL, &err, "event", ref, "acknowledged", "--outcome", "upheld", NULL),
                   ==, 2);
  assert_one_line (err);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, NULL, &err, "event", ref, "teleported", NULL), ==, 2);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (
      run (f, NULL, NULL, "event", ref, "identity-requested", "--on", "2026-07-02", NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, &err, "event", ref, "identity-verified", "--on", "2026-07-06",
                        "--document", "passport", NULL),
                   ==, 0);
  g_assert_cmpint (run (f, NULL, &err, "event", ref, "extended", "--on", "2026-07-20", "--reason",
                        "Records held by a contractor", NULL),
                   ==, 0);
  g_assert_cmpint (run (f, NULL, &err, "event", other, "refused", "--on", "2026-07-10", "--factor",
                        "2", "--factor", "5", "--reasons", "Repeats three earlier complaints.",
                        NULL),
                   ==, 0);
  g_assert_cmpint (run (f, NULL, &err, "event", other, "refused", "--factor", "6", NULL), ==, 2);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (f, &out, NULL, "show", ref, "--json", "--on", "2026-07-21", NULL), ==, 0);
  node = parse_json (out);
  events = json_object_get_array_member (json_node_get_object (node), "events");
  /* Identity-verified defaults: the checker is the current user. */
  details = json_object_get_object_member (json_array_get_object_element (events, 2), "details");
  g_assert_cmpstr (json_object_get_string_member (details, "document"), ==, "passport");
  g_assert_cmpstr (json_object_get_string_member (details, "checked_by"), ==, g_get_user_name ());
  /* Extension notified on its own day by default. */
  details = json_object_get_object_member (json_array_get_object_element (events, 3), "details");
  g_assert_cmpstr (json_object_get_string_member (details, "notified"), ==, "2026-07-20");
  /* The clock started when identity was settled (Monday 6 July): one month is Thursday
   * 6 August; two further months: Tuesday 6 October 2026. */
  g_assert_cmpstr (json_object_get_string_member (deadline_of (node, "respond"), "due"), ==,
                   "2026-10-06");
  g_assert_cmpstr (json_object_get_string_member (deadline_of (node, "respond"), "original_due"),
                   ==, "2026-08-06");

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, NULL, "show", other, "--json", "--on", "2026-07-21", NULL), ==, 0);
  g_clear_pointer (&node, json_node_unref);
  node = parse_json (out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==,
                   "refused");

  /* Outcome, review, ICO. */
  g_assert_cmpint (run (f, NULL, &err, "event", ref, "outcome-sent", "--on", "2026-08-20",
                        "--outcome", "partly-upheld", NULL),
                   ==, 0);
  g_assert_cmpint (
      run (f, NULL, &err, "event", ref, "review-requested", "--on", "2026-08-25", NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, &err, "event", ref, "ico-notified", "--on", "2026-09-01",
                        "--ico-ref", "IC-123456-A1B2", "--ico-due", "2026-09-29", NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, NULL, "show", ref, "--json", "--on", "2026-09-02", NULL), ==, 0);
  g_clear_pointer (&node, json_node_unref);
  node = parse_json (out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==,
                   "with-ico");
  /* Review: one month from the request on Tuesday 25 August → Friday 25 September 2026. */
  g_assert_cmpstr (json_object_get_string_member (deadline_of (node, "review_respond"), "due"), ==,
                   "2026-09-25");
}

/* Details for letters, the ICO's reference required, and a late extension. */
static void
test_event_details (Fixture *f, gconstpointer data)
{
  /* Received Tuesday 12 May 2026: one calendar month → Friday 12 June 2026. */
  g_autofree char *late = add_case (f, "2026-05-12", "Llinos Late");
  g_autofree char *ref = add_case (f, "2026-07-01", "Mared Letters");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray  *events;
  JsonObject *details;

  g_assert_cmpint (run (f, NULL, NULL, "event", late, "acknowledged", "--on", "2026-05-13", NULL),
                   ==, 0);
  g_assert_cmpint (run (f, &out, &err, "event", late, "extended", "--on", "2026-06-20", "--reason",
                        "Records held by a contractor", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "2026-06-12"));
  g_assert_nonnull (strstr (err, "warning"));
  g_assert_nonnull (strstr (err, "does not extend"));
  g_assert_cmpint (run (f, &out, &err, "show", late, "--on", "2026-06-22", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2026-06-12"));
  g_assert_nonnull (strstr (out, "missed"));
  g_assert_nonnull (strstr (out, "(an extension was notified late, on 20 June 2026)"));
  g_assert_null (strstr (out, "extended from"));

  /* ico-notified without its reference: a usage mistake at the CLI, refused by the store too. */
  g_assert_cmpint (run (f, NULL, &err, "event", ref, "ico-notified", "--on", "2026-07-02", NULL),
                   ==, 2);
  assert_one_line (err);
  g_assert_nonnull (strstr (err, "--ico-ref"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdStore) store = rd_store_open (f->store, RD_STORE_OPEN_NO_WATCH, &error);
    g_autoptr(RdCase) kase = NULL;
    g_autoptr(RdCaseEvent) event = rd_case_event_new ("ico-notified", rd_test_date ("2026-07-02"));

    g_assert_no_error (error);
    kase = rd_store_find_case (store, ref, &error);
    g_assert_no_error (error);
    g_assert_cmpint (rd_store_add_event (store, rd_case_get_id (kase), event, &error), ==, 0);
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
    g_clear_error (&error);
    rd_case_event_set_detail (event, RD_DETAIL_ICO_REF, "  ");
    g_assert_cmpint (rd_store_add_event (store, rd_case_get_id (kase), event, &error), ==, 0);
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  }

  /* --question and --summary, kept under the keys the letters read. */
  g_assert_cmpint (run (f, NULL, &err, "event", ref, "clarification-requested", "--on",
                        "2026-07-02", "--question", "Which months does the request cover?", NULL),
                   ==, 0);
  g_assert_cmpint (
      run (f, NULL, &err, "event", ref, "clarification-received", "--on", "2026-07-03", NULL), ==,
      0);
  g_assert_cmpint (run (f, NULL, &err, "event", ref, "outcome-sent", "--on", "2026-07-20",
                        "--outcome", "upheld", "--summary", "We sent the missing records.", NULL),
                   ==, 0);
  g_assert_cmpint (run (f, NULL, &err, "event", ref, "acknowledged", "--on", "2026-07-20",
                        "--summary", "Misplaced", NULL),
                   ==, 2);
  assert_one_line (err);
  g_assert_cmpint (run (f, NULL, &err, "event", ref, "note", "--on", "2026-07-20", "--question",
                        "Misplaced", NULL),
                   ==, 2);
  assert_one_line (err);
  g_assert_cmpint (run (f, &out, NULL, "show", ref, "--json", "--on", "2026-07-21", NULL), ==, 0);
  node = parse_json (out);
  events = json_object_get_array_member (json_node_get_object (node), "events");
  details = NULL;
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      const char *kind = json_object_get_string_member (event, "kind");

      details = json_object_get_object_member (event, "details");
      if (g_strcmp0 (kind, "clarification-requested") == 0)
        g_assert_cmpstr (json_object_get_string_member (details, RD_DETAIL_QUESTION), ==,
                         "Which months does the request cover?");
      if (g_strcmp0 (kind, "outcome-sent") == 0)
        g_assert_cmpstr (json_object_get_string_member (details, RD_DETAIL_SUMMARY), ==,
                         "We sent the missing records.");
    }
  g_assert_nonnull (details);
  g_assert_cmpstr (RD_DETAIL_SUMMARY, ==, "summary");
  g_assert_cmpstr (RD_DETAIL_QUESTION, ==, "question");
}

/* The representative's contact details at add, and corrections with person. */
static void
test_person (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *ref = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *rep, *subject;

  g_assert_cmpint (run (f, &out, &err, "add", "--received", "2026-07-01", "--name", "Nia Subject",
                        "--representative", "Owain Advocate", "--authority", "written-consent",
                        "--rep-address", "1 Stryd Fawr\nBala", "--rep-postcode", "LL23 7AA",
                        "--rep-email", "owain@example.org", "--rep-phone", "01678 520000", NULL),
                   ==, 0);
  ref = g_strdup (g_strchomp (out));
  g_assert_cmpint (run (f, NULL, &err, "add", "--received", "2026-07-01", "--name", "X",
                        "--rep-email", "a@example.org", NULL),
                   ==, 2);
  assert_one_line (err);

  g_assert_cmpint (run (f, &out, NULL, "show", ref, "--json", "--on", "2026-07-02", NULL), ==, 0);
  node = parse_json (out);
  rep = json_object_get_object_member (json_node_get_object (node), "representative");
  g_assert_cmpstr (json_object_get_string_member (rep, "address"), ==, "1 Stryd Fawr\nBala");
  g_assert_cmpstr (json_object_get_string_member (rep, "postcode"), ==, "LL23 7AA");
  g_assert_cmpstr (json_object_get_string_member (rep, "email"), ==, "owain@example.org");
  g_assert_cmpstr (json_object_get_string_member (rep, "phone"), ==, "01678 520000");
  /* Text show: address lines joined with ", ". */
  g_assert_cmpint (run (f, &out, NULL, "show", ref, "--on", "2026-07-02", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 Stryd Fawr, Bala LL23 7AA"));

  /* Corrections: only what is given changes; bad values refused. */
  g_assert_cmpint (run (f, &out, &err, "person", ref, "--representative", "--email",
                        "owain@example.com", "--channel", "email", NULL),
                   ==, 0);
  g_assert_cmpint (run (f, &out, &err, "person", ref, "--subject", "--address", "2 Heol Tegid",
                        "--postcode", "ll23 7bb", "--language", "cy", "--large-print", "yes", NULL),
                   ==, 0);
  g_assert_cmpint (run (f, NULL, &err, "person", ref, "--subject", "--postcode", "NOPE", NULL), ==,
                   2);
  assert_one_line (err);
  g_assert_cmpint (run (f, NULL, &err, "person", ref, "--email", "x@example.org", NULL), ==, 2);
  assert_one_line (err);
  g_assert_cmpint (run (f, NULL, &err, "person", ref, "--subject", "--large-print", "maybe", NULL),
                   ==, 2);
  assert_one_line (err);
  g_assert_cmpint (run (f, NULL, &err, "person", ref, "--subject", NULL), ==, 2);
  assert_one_line (err);

  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpint (run (f, &out, NULL, "show", ref, "--json", "--on", "2026-07-02", NULL), ==, 0);
  node = parse_json (out);
  rep = json_object_get_object_member (json_node_get_object (node), "representative");
  g_assert_cmpstr (json_object_get_string_member (rep, "email"), ==, "owain@example.com");
  g_assert_cmpstr (json_object_get_string_member (rep, "postcode"), ==, "LL23 7AA");
  g_assert_cmpstr (json_object_get_string_member (rep, "channel"), ==, "email");
  subject = json_object_get_object_member (json_node_get_object (node), "complainant");
  g_assert_cmpstr (json_object_get_string_member (subject, "address"), ==, "2 Heol Tegid");
  g_assert_cmpstr (json_object_get_string_member (subject, "postcode"), ==, "LL23 7BB");
  g_assert_cmpstr (json_object_get_string_member (subject, "language"), ==, "cy");
  g_assert_true (json_object_get_boolean_member (subject, "large_print"));
  g_assert_cmpstr (json_object_get_string_member (subject, "name"), ==, "Nia Subject");

  /* Audited by id, never with the details. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdStore) store = rd_store_open (f->store, RD_STORE_OPEN_NO_WATCH, &error);
    g_autoptr(GPtrArray) entries = NULL;
    guint n_updates = 0;

    g_assert_no_error (error);
    entries = rd_store_list_audit_entries (store, 0, 1000, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < entries->len; i++)
      {
        RdAuditEntry *entry = g_ptr_array_index (entries, i);

        g_assert_null (strstr (entry->records, "example"));
        g_assert_null (strstr (entry->records, "Heol"));
        g_assert_null (strstr (entry->records, "LL23"));
        if (g_strcmp0 (entry->action, "person.update") == 0)
          n_updates++;
      }
    g_assert_cmpuint (n_updates, ==, 2);
  }
}

static void
test_list (Fixture *f, gconstpointer data)
{
  g_autofree char *a = add_case (f, "2026-07-01", "Aled Jones");
  g_autofree char *b = add_case (f, "2026-06-01", "Bronwen Smith");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray  *array;
  JsonObject *first;

  g_assert_cmpint (run (f, &out, NULL, "list", "--json", "--on", "2026-07-02", NULL), ==, 0);
  node = parse_json (out);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  first = json_array_get_object_element (array, 0);
  /* Most urgent first: Bronwen's acknowledgement (due 8 June) is overdue. */
  g_assert_cmpstr (json_object_get_string_member (first, "ref"), ==, b);
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "open");
  g_assert_cmpstr (json_object_get_string_member (first, "received"), ==, "2026-06-01");
  g_assert_cmpstr (json_object_get_string_member (first, "complainant"), ==, "Bronwen Smith");
  g_assert_cmpstr (json_object_get_string_member (first, "next_due"), ==, "2026-06-08");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpint (run (f, &out, NULL, "list", "--json", "--overdue", "--on", "2026-07-02", NULL),
                   ==, 0);
  node = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpint (run (f, &out, NULL, "list", "--json", "--search", "ALED", NULL), ==, 0);
  node = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                       json_array_get_object_element (json_node_get_array (node), 0), "ref"),
                   ==, a);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, NULL, "list", "--status", "open,closed", "--due-within", "10",
                        "--on", "2026-07-02", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, a));
  g_assert_null (strstr (out, b));

  g_assert_cmpint (run (f, NULL, &err, "list", "--status", "pending", NULL), ==, 2);
  assert_one_line (err);
  /* A negative number of days is refused, never read as "every case". */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, "list", "--due-within", "-1", NULL), ==, 2);
  assert_one_line (err);
}

static void
test_attach_extract (Fixture *f, gconstpointer data)
{
  g_autofree char *ref = add_case (f, "2026-07-01", "Dewi Pugh");
  g_autofree char *scan = g_build_filename (f->dir, "scan of letter.pdf", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy.pdf", NULL);
  g_autofree char *content = g_strnfill (300000, 'x');
  g_autofree char *back = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gsize            length;

  content[1000] = '\0';
  g_assert_true (g_file_set_contents (scan, content, 300000, NULL));
  g_assert_cmpint (run (f, &out, &err, "attach", ref, scan, "--kind", "correspondence", NULL), ==,
                   0);
  g_assert_nonnull (strstr (out, "scan of letter.pdf"));
  g_assert_cmpint (run (f, NULL, NULL, "extract", ref, "scan of letter.pdf", "-o", copy, NULL), ==,
                   0);
  g_assert_true (g_file_get_contents (copy, &back, &length, NULL));
  g_assert_cmpmem (back, length, content, 300000);

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, NULL, &err, "extract", ref, "nothing.pdf", "-o", copy, NULL), ==, 1);
  assert_one_line (err);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, NULL, &err, "attach", ref, scan, "--kind", "selfie", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, NULL, NULL, "council", "set", "document-limit-mb", "1", NULL), ==, 0);
  {
    g_autofree char *big = g_build_filename (f->dir, "big.bin", NULL);
    g_autofree char *bytes = g_malloc0 (1024 * 1024 + 1);

    g_assert_true (g_file_set_contents (big, bytes, 1024 * 1024 + 1, NULL));
    g_assert_cmpint (run (f, NULL, &err, "attach", ref, big, NULL), ==, 1);
    assert_one_line (err);
    g_assert_nonnull (strstr (err, "big.bin"));
    /* The limit is shown in the unit it is set in, MB = 1,000,000 bytes, with the bytes. */
    g_assert_true (strstr (err, "1000000 bytes") != NULL ||
                   strstr (err, "1,000,000 bytes") != NULL);
    g_assert_true (strstr (err, "1048577 bytes") != NULL ||
                   strstr (err, "1,048,577 bytes") != NULL);
    g_assert_nonnull (strstr (err, "MB"));
  }
  {
    g_autofree char *exact = g_build_filename (f->dir, "exact.bin", NULL);
    g_autofree char *bytes = g_malloc0 (1000 * 1000 + 1);

    g_assert_true (g_file_set_contents (exact, bytes, 1000 * 1000, NULL));
    g_assert_cmpint (run (f, NULL, NULL, "attach", ref, exact, NULL), ==, 0);
    g_assert_true (g_file_set_contents (exact, bytes, 1000 * 1000 + 1, NULL));
    g_assert_cmpint (run (f, NULL, &err, "attach", ref, exact, NULL), ==, 1);
  }
}

static void
test_import_export (Fixture *f, gconstpointer data)
{
  g_autofree char *good = g_build_filename (f->dir, "good.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *exported = g_build_filename (f->dir, "export.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *good_csv = "\xef\xbb\xbfreceived,name,postcode,email,channel,summary,acknowledged,"
                         "outcome_sent,outcome\r\n"
                         "2026-05-01,\"Evans, Gwen\",CF10 1EP,gwen@example.org,post,\"Said "
                         "\"\"no\"\" to a SAR\",2026-05-05,2026-05-20,upheld\r\n"
                         "04/05/2026,Hywel Dda,,,email,\"Two\nlines\",,,\r\n";
  const char *bad_csv = "received,name,colour\n"
                        "2026-05-01,Ok Person,blue\n";
  const char *bad_rows = "received,name,postcode,outcome_sent\n"
                         "2026-05-01,Good Row,,\n"
                         "2026-13-01,Bad Date,,\n"
                         "2026-05-01,,,\n"
                         "2026-05-01,Bad Postcode,XX,\n"
                         "2026-05-01,No Outcome Category,,2026-05-10\n";

  g_assert_true (g_file_set_contents (bad, bad_csv, -1, NULL));
  g_assert_cmpint (run (f, NULL, &err, "import", bad, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "line 1"));
  g_assert_nonnull (strstr (err, "colour"));
  g_clear_pointer (&err, g_free);

  /* Every row checked; each problem with its line; nothing written. */
  g_assert_true (g_file_set_contents (bad, bad_rows, -1, NULL));
  g_assert_cmpint (run (f, NULL, &err, "import", bad, NULL), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "line 3"));
  g_assert_nonnull (strstr (err, "line 4"));
  g_assert_nonnull (strstr (err, "line 5"));
  g_assert_nonnull (strstr (err, "line 6"));
  g_assert_null (strstr (err, "line 2:"));
  /* The verdict comes first, without a trailing colon. */
  g_assert_true (g_str_has_prefix (err, "redress-cli: Nothing was imported: 4 problems"));
  g_assert_null (strstr (err, "first:"));
  g_clear_pointer (&err, g_free);

  /* Every mistake of one row, not only the first. */
  g_assert_true (g_file_set_contents (bad,
                                      "received,name,postcode,email,channel,language,outcome\n"
                                      "2026-13-01,,XX,not-an-address,fax,fr,won\n",
                                      -1, NULL));
  g_assert_cmpint (run (f, NULL, &err, "import", bad, NULL), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "7 problems"));
  g_assert_nonnull (strstr (err, "2026-13-01"));
  g_assert_nonnull (strstr (err, "needs a name"));
  g_assert_nonnull (strstr (err, "“XX”"));
  g_assert_nonnull (strstr (err, "not-an-address"));
  g_assert_nonnull (strstr (err, "fax"));
  g_assert_nonnull (strstr (err, "“fr”"));
  g_assert_nonnull (strstr (err, "won"));
  g_assert_cmpint (run (f, &out, NULL, "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (good, good_csv, -1, NULL));
  g_assert_cmpint (run (f, &out, &err, "import", good, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, NULL, "show", "DPC-2026-0001", "--json", NULL), ==, 0);
  node = parse_json (out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "summary"), ==,
                   "Said \"no\" to a SAR");
  g_assert_cmpstr (
      json_object_get_string_member (
          json_object_get_object_member (json_node_get_object (node), "complainant"), "name"),
      ==, "Evans, Gwen");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==,
                   "responded");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpint (run (f, &out, NULL, "show", "DPC-2026-0002", "--json", NULL), ==, 0);
  node = parse_json (out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "received"), ==,
                   "2026-05-04");

  /* Exports: CSV to a file, JSON to standard output. */
  g_assert_cmpint (run (f, NULL, NULL, "export", "--csv", "-o", exported, NULL), ==, 0);
  {
    g_autofree char *csv = NULL;

    g_assert_true (g_file_get_contents (exported, &csv, NULL, NULL));
    g_assert_true (g_str_has_prefix (csv, "ref,received,name,"));
    g_assert_nonnull (strstr (csv, "\"Evans, Gwen\""));
    g_assert_nonnull (strstr (csv, "\"Said \"\"no\"\" to a SAR\""));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpint (run (f, &out, NULL, "export", "--json", "--on", "2026-06-01", NULL), ==, 0);
  node = parse_json (out);
  g_assert_cmpstr (
      json_object_get_string_member (
          json_object_get_object_member (json_node_get_object (node), "council"), "name"),
      ==, "Winsford Town Council");
  g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (json_node_get_object (node), "cases")),
      ==, 2);
  /* The whole audit trail, not only its count; the import is its last entry. */
  {
    JsonObject      *root = json_node_get_object (node);
    JsonArray       *audit = json_object_get_array_member (root, "audit");
    guint            n = json_array_get_length (audit);
    g_autofree char *audit_csv = g_build_filename (f->dir, "audit.csv", NULL);
    g_autofree char *csv = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (n, ==, json_object_get_int_member (root, "audit_entries"));
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (audit, 0), "id"),
                     ==, 1);
    g_assert_cmpstr (
        json_object_get_string_member (json_array_get_object_element (audit, n - 1), "action"), ==,
        "import.csv");
    g_assert_cmpstr (
        json_object_get_string_member (json_array_get_object_element (audit, n - 1), "records"), ==,
        "cases=2");

    /* As CSV, its own file: the table's columns, one row per entry. */
    g_assert_cmpint (run (f, NULL, NULL, "export", "--csv", "--audit-trail", "-o", audit_csv, NULL),
                     ==, 0);
    g_assert_true (g_file_get_contents (audit_csv, &csv, NULL, NULL));
    lines = g_strsplit (csv, "\r\n", -1);
    g_assert_cmpstr (lines[0], ==, "id,at,who,action,records,prev_hash,hash");
    g_assert_cmpuint (g_strv_length (lines), ==, n + 2);
    g_assert_true (g_str_has_prefix (lines[1], "1,"));
    g_assert_true (g_str_has_suffix (
        lines[n],
        json_object_get_string_member (json_array_get_object_element (audit, n - 1), "hash")));
    g_assert_null (strstr (csv, "Gwen"));
    g_assert_null (strstr (csv, "Hywel"));
  }
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, NULL, &err, "export", "--json", "--audit-trail", NULL), ==, 2);
  assert_one_line (err);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, NULL, &err, "export", NULL), ==, 2);
  assert_one_line (err);
}

/* export --person / --case-subject: what is held about one person. */
static void
test_export_person (Fixture *f, gconstpointer data)
{
  g_autofree char *ref = add_case (f, "2026-07-01", "Ffion Rowlands");
  g_autofree char *unrelated = add_case (f, "2026-07-02", "Someone Else");
  g_autofree char *file = g_build_filename (f->dir, "ffion.json", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "nobody.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *id_text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  JsonObject *person;
  JsonArray  *cases;

  g_assert_cmpint (run (f, NULL, &err, "export", "--case-subject", ref, "--json", "-o", file,
                        "--on", "2026-07-10", NULL),
                   ==, 0);
  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  node = parse_json (text);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "format"), ==,
                   "redress-person-export");
  person = json_object_get_object_member (json_node_get_object (node), "person");
  g_assert_cmpstr (json_object_get_string_member (person, "name"), ==, "Ffion Rowlands");
  cases = json_object_get_array_member (json_node_get_object (node), "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cases, 0), "ref"),
                   ==, ref);
  g_assert_null (strstr (text, "Someone Else"));
  g_assert_null (strstr (text, unrelated));
#ifdef G_OS_UNIX
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (file, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0077, ==, 0);
  }
#endif

  /* The same by the person's id, to standard output. */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (person, "id"));
  g_assert_cmpint (
      run (f, &out, NULL, "export", "--person", id_text, "--json", "--on", "2026-07-10", NULL), ==,
      0);
  again = parse_json (out);
  g_assert_cmpstr (
      json_object_get_string_member (
          json_object_get_object_member (json_node_get_object (again), "person"), "name"),
      ==, "Ffion Rowlands");

  /* Mistakes: one line, and no file left behind. */
  g_assert_cmpint (run (f, NULL, &err, "export", "--person", "999", "--json", "-o", missing, NULL),
                   ==, 1);
  assert_one_line (err);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run (f, NULL, &err, "export", "--case-subject", "DPC-1999-0001", "--json", NULL),
                   ==, 1);
  assert_one_line (err);
  g_assert_cmpint (run (f, NULL, &err, "export", "--person", id_text, "--csv", NULL), ==, 2);
  assert_one_line (err);
  g_assert_cmpint (
      run (f, NULL, &err, "export", "--person", id_text, "--case-subject", ref, "--json", NULL), ==,
      2);
  assert_one_line (err);

  /* On the audit trail by id, never by name. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdStore) store = rd_store_open (f->store, RD_STORE_OPEN_NO_WATCH, &error);
    g_autoptr(GPtrArray) entries = NULL;
    guint n_exports = 0;

    g_assert_no_error (error);
    entries = rd_store_list_audit_entries (store, 0, 1000, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < entries->len; i++)
      {
        RdAuditEntry *entry = g_ptr_array_index (entries, i);

        g_assert_null (strstr (entry->records, "Ffion"));
        if (g_strcmp0 (entry->action, "person.export") == 0)
          n_exports++;
      }
    g_assert_cmpuint (n_exports, ==, 2);
  }
}

static void
test_backup_verify (Fixture *f, gconstpointer data)
{
  g_autofree char *ref = add_case (f, "2026-07-01", "Ffion Backup");
  g_autofree char *backup = g_build_filename (f->dir, "backup.redress", NULL);
  g_autofree char *text = g_build_filename (f->dir, "text.redress", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (f, &out, NULL, "verify", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "sound"));
  g_assert_cmpint (run (f, NULL, NULL, "backup", backup, NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, NULL, "destroy", ref, "--before-retention-ends", NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, &err, "show", ref, NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, NULL, "restore", backup, NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, NULL, "show", ref, NULL), ==, 0);
  /* The store as it was (without the case) is kept beside it, and the output says where. */
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char      *name;
    g_autofree char *prefix = g_strdup_printf ("%s.before-restore-", "council.redress");
    g_autofree char *kept = NULL;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_prefix (name, prefix) && strlen (name) == strlen (prefix) + 14)
        kept = g_build_filename (f->dir, name, NULL);
    g_assert_nonnull (kept);
    g_assert_nonnull (strstr (out, kept));
    {
      Fixture before = { .dir = f->dir, .store = kept };

      g_assert_cmpint (run (&before, NULL, NULL, "verify", NULL), ==, 0);
      g_assert_cmpint (run (&before, NULL, &err, "show", ref, NULL), ==, 1);
    }
  }
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_set_contents (text, "hello", -1, NULL));
  g_assert_cmpint (run (f, NULL, &err, "restore", text, NULL), ==, 1);
  assert_one_line (err);
  /* No temporary path, no SQLite words. */
  g_assert_null (strstr (err, "redress-restore-"));
  g_assert_null (strstr (err, "backup.redress"));
  g_clear_pointer (&err, g_free);
  /* A damaged backup: cut short. */
  {
    g_autofree char *cut = g_build_filename (f->dir, "cut.redress", NULL);
    g_autofree char *bytes = NULL;
    gsize            length;

    g_assert_true (g_file_get_contents (backup, &bytes, &length, NULL));
    g_assert_true (g_file_set_contents (cut, bytes, length / 2, NULL));
    g_assert_cmpint (run (f, NULL, &err, "restore", cut, NULL), ==, 1);
    assert_one_line (err);
    g_test_message ("%s", err);
    g_assert_null (strstr (err, "redress-restore-"));
    g_assert_null (strstr (err, "database"));
    g_assert_null (strstr (err, "malformed"));
  }
  g_clear_pointer (&err, g_free);

  /* A store that is a text file, through the CLI. */
  {
    Fixture other = { .dir = f->dir, .store = text };

    g_assert_cmpint (run (&other, NULL, &err, "verify", NULL), ==, 1);
    assert_one_line (err);
    g_assert_nonnull (strstr (err, "not a Redress store"));
  }
}

static void
test_holidays_demo (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = g_build_filename (f->dir, "bank-holidays.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpint (run (f, &out, NULL, "holidays", "show", "--json", NULL), ==, 0);
  node = parse_json (out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "source"), ==,
                   "shipped");
  g_assert_true (g_file_set_contents (bad, "{\"england-and-wales\": [}", -1, NULL));
  g_assert_cmpint (run (f, NULL, &err, "holidays", "load", bad, NULL), ==, 1);
  assert_one_line (err);

  /* The same seed, the same cases. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (
      run (f, &out, NULL, "demo", "--cases", "60", "--seed", "9", "--on", "2026-11-01", NULL), ==,
      0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, NULL, "list", "--json", "--on", "2026-11-01", NULL), ==, 0);
  {
    Fixture other = { .dir = f->dir, .store = g_build_filename (f->dir, "other.redress", NULL) };

    g_assert_cmpint (run (&other, NULL, NULL, "demo", "--cases", "60", "--seed", "9", "--on",
                          "2026-11-01", NULL),
                     ==, 0);
    g_assert_cmpint (run (&other, &again, NULL, "list", "--json", "--on", "2026-11-01", NULL), ==,
                     0);
    g_free (other.store);
  }
  g_assert_cmpstr (out, ==, again);

  /* A demo store takes more demo cases; a store with a real case takes none. */
  g_assert_cmpint (
      run (f, NULL, NULL, "demo", "--cases", "3", "--seed", "2", "--on", "2026-11-01", NULL), ==,
      0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdStore) store = rd_store_open (f->store, RD_STORE_OPEN_NO_WATCH, &error);
    g_autofree char *mark = NULL;

    g_assert_no_error (error);
    mark = rd_store_get_setting (store, RD_SETTING_DEMO);
    g_assert_cmpstr (mark, ==, "1");
  }
  {
    Fixture real = { .dir = f->dir, .store = g_build_filename (f->dir, "real.redress", NULL) };
    g_autofree char *list_before = NULL;
    g_autofree char *list_after = NULL;

    g_assert_cmpint (run (&real, NULL, NULL, "init", "--council", "Real Council", NULL), ==, 0);
    g_free (add_case (&real, "2026-07-01", "Real Person"));
    g_assert_cmpint (run (&real, &list_before, NULL, "list", NULL), ==, 0);
    g_assert_cmpint (run (&real, NULL, &err, "demo", "--cases", "5", "--on", "2026-11-01", NULL),
                     ==, 1);
    assert_one_line (err);
    g_assert_nonnull (strstr (err, "not demo cases"));
    g_assert_cmpint (run (&real, &list_after, NULL, "list", NULL), ==, 0);
    g_assert_cmpstr (list_before, ==, list_after);
    g_free (real.store);
  }
  /* Nor a demo store where a real case was added since. */
  g_free (add_case (f, "2026-07-01", "Real Person"));
  g_assert_cmpint (run (f, NULL, &err, "demo", "--cases", "5", "--on", "2026-11-01", NULL), ==, 1);
  assert_one_line (err);
}

/* A GOV.UK-shaped file covering only 2018 and 2019 (New Year's Day, Early May, Christmas). */
static char *
old_holidays_json (void)
{
  const char *divisions[] = { "england-and-wales", "scotland", "northern-ireland" };
  GString    *s = g_string_new ("{");

  for (gsize d = 0; d < G_N_ELEMENTS (divisions); d++)
    {
      const char *dates[] = { "2018-01-01", "2018-05-07", "2018-12-25",
                              "2019-01-01", "2019-05-06", "2019-12-25" };

      g_string_append_printf (s, "%s\"%s\": {\"division\": \"%s\", \"events\": [", d > 0 ? "," : "",
                              divisions[d], divisions[d]);
      for (gsize i = 0; i < G_N_ELEMENTS (dates); i++)
        g_string_append_printf (s,
                                "%s{\"title\": \"Holiday\", \"date\": \"%s\", \"notes\": \"\", "
                                "\"bunting\": true}",
                                i > 0 ? "," : "", dates[i]);
      g_string_append (s, "]}");
    }
  g_string_append (s, "}");
  return g_string_free (s, FALSE);
}

/* An older holiday file does not silently replace the current one; --force loads it,
 * and show and list then say the deadlines rest on incomplete holiday data. */
static void
test_holidays_older (Fixture *f, gconstpointer data)
{
  g_autofree char *file = g_build_filename (f->dir, "old.json", NULL);
  g_autofree char *json = old_holidays_json ();
  g_autofree char *ref = add_case (f, "2026-07-01", "Heledd Holiday");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_true (g_file_set_contents (file, json, -1, NULL));
  g_assert_cmpint (run (f, &out, &err, "holidays", "load", file, NULL), ==, 1);
  assert_one_line (err);
  g_assert_nonnull (strstr (err, "2018–2019"));
  g_assert_nonnull (strstr (err, "--force"));
  g_assert_cmpint (run (f, &out, NULL, "holidays", "show", "--json", NULL), ==, 0);
  node = parse_json (out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "source"), ==,
                   "shipped");

  /* Nothing said while the data covers 2026. */
  g_assert_cmpint (run (f, &out, NULL, "show", ref, "--on", "2026-07-02", NULL), ==, 0);
  g_assert_null (strstr (out, "incomplete"));
  g_assert_cmpint (run (f, &out, &err, "list", "--on", "2026-07-02", NULL), ==, 0);
  g_assert_null (strstr (out, "incomplete"));

  g_assert_cmpint (run (f, &out, &err, "holidays", "load", file, "--force", NULL), ==, 0);
  g_assert_cmpint (run (f, &out, NULL, "show", ref, "--on", "2026-07-02", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "incomplete bank holiday data"));
  g_assert_cmpint (run (f, &out, &err, "list", "--on", "2026-07-02", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "incomplete holiday data"));
  g_assert_nonnull (strstr (err, "incomplete holiday data"));
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpint (run (f, &out, NULL, "list", "--json", "--on", "2026-07-02", NULL), ==, 0);
  node = parse_json (out);
  g_assert_true (json_object_get_boolean_member (
      json_array_get_object_element (json_node_get_array (node), 0), "incomplete_holiday_data"));
}

/* A store the user may read but not write: list and show work, changes fail plainly. */
static void
test_read_only (Fixture *f, gconstpointer data)
{
#ifdef G_OS_UNIX
  g_autofree char *ref = add_case (f, "2026-07-01", "Rhodri Readonly");
  g_autofree char *inner = g_build_filename (f->dir, "shared", NULL);
  g_autofree char *path = g_build_filename (inner, "council.redress", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  Fixture          ro = { .dir = inner, .store = path };
  int              status;

  if (geteuid () != 0)
    {
      g_test_skip ("Needs root to run redress-cli as another user");
      return;
    }
  /* The folder is open to all (the log and index files go beside the store); the store
   * belongs to "nobody" but is read-only. */
  g_assert_cmpint (g_mkdir (inner, 0777), ==, 0);
  g_assert_cmpint (g_chmod (inner, 0777), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_rename (f->store, path), ==, 0);
  g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);

  /* A copy in our own folder: "nobody" may not reach the build folder (a clone under
   * a folder only its owner may enter). */
  nobody_cli = rd_test_copy_executable (REDRESS_CLI_PATH, f->dir);
  run_as_nobody = TRUE;
  status = run (&ro, &out, &err, "list", "--on", "2026-07-02", NULL);
  if (status == 99)
    {
      run_as_nobody = FALSE;
      g_clear_pointer (&nobody_cli, g_free);
      g_test_skip ("Could not switch to the user nobody");
      return;
    }
  g_test_message ("%s", err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, ref));
  g_assert_cmpint (run (&ro, &out, &err, "show", ref, "--on", "2026-07-02", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Rhodri Readonly"));
  g_assert_cmpint (run (&ro, &out, &err, "show", ref, "--json", "--on", "2026-07-02", NULL), ==, 0);
  g_assert_cmpint (run (&ro, NULL, &err, "event", ref, "acknowledged", "--on", "2026-07-02", NULL),
                   ==, 1);
  run_as_nobody = FALSE;
  g_clear_pointer (&nobody_cli, g_free);
  assert_one_line (err);
  g_assert_nonnull (strstr (err, "write"));
  g_chmod (path, 0600);
#else
  g_test_skip ("Permissions are tested on Unix only");
#endif
}

static void
test_restrict (Fixture *f, gconstpointer data)
{
  g_autofree char *ref = add_case (f, "2026-07-01", "Gethin Restricted");
  g_autofree char *err = NULL;

  g_assert_cmpint (run (f, NULL, NULL, "restrict", ref, NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, &err, "event", ref, "acknowledged", "--on", "2026-07-02", NULL),
                   ==, 1);
  assert_one_line (err);
  g_assert_nonnull (strstr (err, "restricted"));
  g_assert_cmpint (run (f, NULL, NULL, "restrict", ref, "--lift", NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, NULL, "event", ref, "acknowledged", "--on", "2026-07-02", NULL),
                   ==, 0);
  /* Destruction before the retention period has ended needs saying so. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, NULL, &err, "destroy", ref, NULL), ==, 1);
  assert_one_line (err);
  /* --on cannot move today forward past the retention period (2999 is always to come). */
  g_assert_cmpint (run (f, NULL, &err, "destroy", ref, "--on", "2999-01-01", NULL), ==, 2);
  assert_one_line (err);
  g_assert_cmpint (run (f, NULL, &err, "destroy", "--due", "--on", "2999-01-01", NULL), ==, 2);
  assert_one_line (err);
  g_assert_cmpint (run (f, NULL, NULL, "show", ref, NULL), ==, 0);
  /* An event's --on is its date, checked against the real today: the future is refused. */
  g_assert_cmpint (run (f, NULL, &err, "event", ref, "note", "--on", "2999-01-01", NULL), ==, 1);
  assert_one_line (err);
  g_assert_nonnull (strstr (err, "future"));
  /* An erasure request: destroyed early, and the audit trail says so by flag, not by name. */
  g_assert_cmpint (run (f, NULL, NULL, "destroy", ref, "--before-retention-ends", NULL), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdStore) store = rd_store_open (f->store, RD_STORE_OPEN_NO_WATCH, &error);
    g_autoptr(GPtrArray) entries = NULL;
    RdAuditEntry *last;

    g_assert_no_error (error);
    entries = rd_store_list_audit_entries (store, 0, 1000, &error);
    g_assert_no_error (error);
    last = g_ptr_array_index (entries, entries->len - 1);
    g_assert_cmpstr (last->action, ==, "case.destroy");
    g_assert_nonnull (strstr (last->records, "before-retention-ends=1"));
    g_assert_null (strstr (last->records, "Gethin"));
  }
}

/* QA: "backup FILE" turned a letter.txt into a SQLite file, and made missing
 * folders; "attach" with a missing file gave GLib's wording. */
static void
test_backup_refuses (Fixture *f, gconstpointer data)
{
  g_autofree char *letter = g_build_filename (f->dir, "letter.txt", NULL);
  g_autofree char *missing_dir = g_build_filename (f->dir, "no such folder", NULL);
  g_autofree char *in_missing = g_build_filename (missing_dir, "backup.redress", NULL);
  g_autofree char *missing_file = g_build_filename (f->dir, "missing.pdf", NULL);
  g_autofree char *ref = add_case (f, "2026-07-01", "Gwen Ashby");
  g_autofree char *expected = NULL;
  g_autofree char *err = NULL;
  g_autofree char *back = NULL;

  g_assert_true (g_file_set_contents (letter, "Dear Sir or Madam", -1, NULL));
  g_assert_cmpint (run (f, NULL, &err, "backup", letter, NULL), ==, 1);
  expected = g_strdup_printf (
      "redress-cli: There is already a file at “%s”: choose another name, or delete it first.\n",
      letter);
  g_assert_cmpstr (err, ==, expected);
  g_assert_true (g_file_get_contents (letter, &back, NULL, NULL));
  g_assert_cmpstr (back, ==, "Dear Sir or Madam");

  g_clear_pointer (&expected, g_free);
  g_assert_cmpint (run (f, NULL, &err, "backup", in_missing, NULL), ==, 1);
  expected = g_strdup_printf ("redress-cli: The folder “%s” does not exist.\n", missing_dir);
  g_assert_cmpstr (err, ==, expected);
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));

  g_clear_pointer (&expected, g_free);
  g_assert_cmpint (run (f, NULL, &err, "attach", ref, missing_file, NULL), ==, 1);
  expected = g_strdup_printf ("redress-cli: There is no file “%s”.\n", missing_file);
  g_assert_cmpstr (err, ==, expected);
}

/* QA: "show" said "Next due: <date>" for a case whose clock was stopped for
 * clarification, while the app's case list says nothing is due. */
static void
test_show_paused (Fixture *f, gconstpointer data)
{
  g_autofree char *ref = add_case (f, "2026-07-01", "Huw Paused");
  g_autofree char *out = NULL;

  g_assert_cmpint (run (f, NULL, NULL, "event", ref, "acknowledged", "--on", "2026-07-02", NULL),
                   ==, 0);
  /* Acknowledged: next is the response, one calendar month, Saturday
   * 1 August 2026 rolled to Monday 3 August (the header of this file). */
  g_assert_cmpint (run (f, &out, NULL, "show", ref, "--on", "2026-07-02", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\nNext due:       2026-08-03\n"));

  g_assert_cmpint (
      run (f, NULL, NULL, "event", ref, "clarification-requested", "--on", "2026-07-03", NULL), ==,
      0);
  g_assert_cmpint (run (f, &out, NULL, "show", ref, "--on", "2026-07-10", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\nNext due:       nothing while the clock is stopped, until the "
                                 "clarification arrives\n"));
  g_assert_nonnull (strstr (out, " paused"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/help", test_help);
  ADD ("/cli/init-council", test_init_council);
  ADD ("/cli/add-show", test_add_show);
  ADD ("/cli/events", test_events);
  ADD ("/cli/event-details", test_event_details);
  ADD ("/cli/person", test_person);
  ADD ("/cli/list", test_list);
  ADD ("/cli/attach-extract", test_attach_extract);
  ADD ("/cli/import-export", test_import_export);
  ADD ("/cli/export-person", test_export_person);
  ADD ("/cli/backup-verify", test_backup_verify);
  ADD ("/cli/backup-refuses", test_backup_refuses);
  ADD ("/cli/show-paused", test_show_paused);
  ADD ("/cli/holidays-demo", test_holidays_demo);
  ADD ("/cli/restrict-destroy", test_restrict);
  ADD ("/cli/holidays-older", test_holidays_older);
  ADD ("/cli/read-only", test_read_only);
#undef ADD

  return g_test_run ();
}
