/* rd-cli-private.h: what the commands of redress-cli share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rd-model.h"

G_BEGIN_DECLS

/* The options that come before the command name. */
typedef struct
{
  char *store_path; /* owned: --store, else $REDRESS_STORE, else NULL (the default store) */
} RdCliGlobals;

/*
 * A command gets an owned string vector with its own name first and its
 * arguments after it, parses them with a GOptionContext of its own
 * (rd_cli_parse_options(), which may rewrite the vector), and returns the
 * process exit status. On failure it prints one line to stderr through
 * rd_cli_fail().
 */
typedef int (*RdCliCommandFunc) (RdCliGlobals *globals, char ***args);

typedef struct
{
  const char      *name;
  const char      *summary; /* untranslated; translated when printed */
  RdCliCommandFunc func;
} RdCliCommand;

/* Exit statuses. */
enum
{
  RD_CLI_EXIT_OK = 0,
  RD_CLI_EXIT_FAILED = 1,
  RD_CLI_EXIT_USAGE = 2,
};

/* The dispatcher of both programs (rd-cli.c). */
int _rd_cli_run_commands (const RdCliCommand *table, gsize n_commands, int argc, char **argv);

int rd_cli_fail (int status, const char *format, ...) G_GNUC_PRINTF (2, 3);
int rd_cli_fail_error (int status, const GError *error);
int rd_cli_parse_options (GOptionContext *context, char ***args);

/* For the commands that use the store (rd-cli-store.c). */
RdStore *rd_cli_open_store (RdCliGlobals *globals, RdStoreOpenFlags flags, GError **error);
/* For the commands that only read (list, show): read-only when the file may not be written. */
RdStore *rd_cli_open_store_for_reading (RdCliGlobals *globals, GError **error);
/* Parse a date option; on failure print why and set @out_status. */
gboolean rd_cli_parse_date (const char *option, const char *text, GDate *out_date, int *out_status);
/* --on DATE, or the local date without it. */
gboolean       rd_cli_get_today (const char *on, GDate *out_today, int *out_status);
void           rd_cli_print_json (JsonNode *node);
GOutputStream *rd_cli_stdout_stream_new (void);
/* An ISO date, or "-" for none. */
char *rd_cli_iso (const GDate *date);
/* Exactly @wanted positional arguments after the command name. */
gboolean rd_cli_check_arguments (char **args, guint wanted, const char *usage, int *out_status);
/* The folder of @path exists and, unless @may_replace, nothing is at @path. */
gboolean rd_cli_check_output_path (const char *path, gboolean may_replace, GError **error);

/* Commands, one file each (rd-cli-<name>.c). */
int _rd_cli_cmd_add (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_attach (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_backup (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_bundle (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_council (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_deadline (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_demo (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_destroy (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_event (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_export (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_extract (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_holidays (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_import (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_init (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_letter (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_letter_template (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_list (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_person (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_restore (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_restrict (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_show (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_verify (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_version (RdCliGlobals *globals, char ***args);

G_END_DECLS
