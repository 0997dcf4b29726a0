/* rd-cli-private.h: what the commands of redress-cli share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

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

int rd_cli_fail (int status, const char *format, ...) G_GNUC_PRINTF (2, 3);
int rd_cli_fail_error (int status, const GError *error);
int rd_cli_parse_options (GOptionContext *context, char ***args);

/* Commands, one file each (rd-cli-<name>.c). */
int _rd_cli_cmd_bundle (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_deadline (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_letter (RdCliGlobals *globals, char ***args);
int _rd_cli_cmd_version (RdCliGlobals *globals, char ***args);

G_END_DECLS
