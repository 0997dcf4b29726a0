/* rd-cli-store.c: what the store's commands share: opening the store,
 * reading dates and references, printing JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "rd-cli-private.h"

/* Standard output as a GOutputStream, portable (no gio-unix), for exports. */
#define RD_TYPE_CLI_STDOUT (rd_cli_stdout_get_type ())
G_DECLARE_FINAL_TYPE (RdCliStdout, rd_cli_stdout, RD, CLI_STDOUT, GOutputStream)

struct _RdCliStdout
{
  GOutputStream parent_instance;
};

G_DEFINE_FINAL_TYPE (RdCliStdout, rd_cli_stdout, G_TYPE_OUTPUT_STREAM)

static gssize
rd_cli_stdout_write (GOutputStream *stream,
                     const void    *buffer,
                     gsize          count,
                     GCancellable  *cancellable,
                     GError       **error)
{
  gsize written = fwrite (buffer, 1, count, stdout);

  if (written < count && ferror (stdout))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The standard output could not be written."));
      return -1;
    }
  return (gssize) written;
}

static gboolean
rd_cli_stdout_flush (GOutputStream *stream, GCancellable *cancellable, GError **error)
{
  if (fflush (stdout) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The standard output could not be written."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
rd_cli_stdout_close (GOutputStream *stream, GCancellable *cancellable, GError **error)
{
  return rd_cli_stdout_flush (stream, cancellable, error);
}

static void
rd_cli_stdout_class_init (RdCliStdoutClass *klass)
{
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  stream_class->write_fn = rd_cli_stdout_write;
  stream_class->flush = rd_cli_stdout_flush;
  stream_class->close_fn = rd_cli_stdout_close;
}

static void
rd_cli_stdout_init (RdCliStdout *self)
{
}

GOutputStream *
rd_cli_stdout_stream_new (void)
{
  return g_object_new (RD_TYPE_CLI_STDOUT, NULL);
}

RdStore *
rd_cli_open_store (RdCliGlobals *globals, RdStoreOpenFlags flags, GError **error)
{
  g_autofree char *path = rd_store_resolve_path (globals->store_path);

  /* The CLI runs and exits: no need to watch for other programs' changes. */
  return rd_store_open (path, flags | RD_STORE_OPEN_NO_WATCH, error);
}

RdStore *
rd_cli_open_store_for_reading (RdCliGlobals *globals, GError **error)
{
  g_autofree char *path = rd_store_resolve_path (globals->store_path);
  RdStoreOpenFlags flags = RD_STORE_OPEN_NO_WATCH;

  /* A store the user may read but not write is opened read-only: reading still works. */
  if (g_file_test (path, G_FILE_TEST_EXISTS) && g_access (path, W_OK) != 0)
    flags |= RD_STORE_OPEN_READ_ONLY;
  return rd_store_open (path, flags, error);
}

gboolean
rd_cli_parse_date (const char *option, const char *text, GDate *out_date, int *out_status)
{
  if (text != NULL && rd_date_parse_iso (text, out_date, NULL))
    return TRUE;
  *out_status = rd_cli_fail (RD_CLI_EXIT_USAGE,
                             _("%s: “%s” is not a date; write it as YYYY-MM-DD."), option,
                                text != NULL ? text : "");
  return FALSE;
}

gboolean
rd_cli_get_today (const char *on, GDate *out_today, int *out_status)
{
  g_autoptr(GDateTime) now = NULL;

  if (on != NULL)
    return rd_cli_parse_date ("--on", on, out_today, out_status);
  now = g_date_time_new_now_local ();
  g_date_clear (out_today, 1);
  g_date_set_dmy (out_today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return TRUE;
}

void
rd_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

char *
rd_cli_iso (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup ("-");
  return rd_date_to_iso (date);
}

gboolean
rd_cli_check_arguments (char **args, guint wanted, const char *usage, int *out_status)
{
  guint n = g_strv_length (args);

  if (n == wanted + 1)
    return TRUE;
  *out_status = rd_cli_fail (RD_CLI_EXIT_USAGE, n < wanted + 1
                             ? _("Missing arguments; usage: %s %s.")
                             : _("Too many arguments; usage: %s %s."), g_get_prgname (), usage);
  return FALSE;
}

/* Checks, before anything is written, that @path may be written: its folder
 * exists and, unless @may_replace, no file is there already. The messages
 * name the path as the clerk gave it, never a temporary name. */
gboolean
rd_cli_check_output_path (const char *path, gboolean may_replace, GError **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = g_file_new_for_commandline_arg (path);
  if (!may_replace &&
      g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_UNKNOWN)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("There is already a file at “%s”: choose another name, or delete it first."),
                      path);
      return FALSE;
    }
  parent = g_file_get_parent (file);
  if (parent != NULL &&
      g_file_query_file_type (parent, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The folder “%s” does not exist."), folder);
      return FALSE;
    }
  return TRUE;
}
