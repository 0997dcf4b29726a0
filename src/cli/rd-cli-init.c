/* rd-cli-init.c: redress-cli init and council: create a store, show and
 * change the council's settings.
 *
 * redress-cli init --council NAME [--division D] [--prefix P]
 * redress-cli council [--json]
 * redress-cli council set KEY VALUE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-cli-private.h"

static void
remove_store_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

int
_rd_cli_cmd_init (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autofree char   *council = NULL;
  g_autofree char   *division = NULL;
  g_autofree char   *prefix = NULL;
  g_autofree char   *path = rd_store_resolve_path (globals->store_path);
  int                status;
  const GOptionEntry entries[] = {
    { "council", 0, 0, G_OPTION_ARG_STRING, &council,
      N_("The council’s name (required)"), N_("NAME") },
      { "division", 0, 0, G_OPTION_ARG_STRING, &division,
        N_("Bank holidays of england-and-wales (the default), scotland or northern-ireland"),
            N_("DIVISION") },
        { "prefix", 0, 0, G_OPTION_ARG_STRING, &prefix,
          N_("The prefix of case references (default DPC)"), N_("PREFIX") }, { NULL } };

  g_option_context_set_summary (context, _("Create a new case store for a council."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, 0, "--council NAME [--division D] [--prefix P]", &status))
    return status;
  if (council == NULL)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("Give the council’s name with --council NAME."));
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return rd_cli_fail (RD_CLI_EXIT_FAILED,
                        _("There is already a file at “%s”; choose another with --store FILE."),
                           path);

  store = rd_cli_open_store (globals, RD_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (!rd_store_set_setting (store, RD_SETTING_NAME, council, &error) ||
      (division != NULL && !rd_store_set_setting (store, RD_SETTING_DIVISION, division, &error)) ||
      (prefix != NULL && !rd_store_set_setting (store, RD_SETTING_PREFIX, prefix, &error)))
    {
      /* Nothing half-made is left behind. */
      rd_store_close (store);
      remove_store_files (path);
      return rd_cli_fail_error (RD_CLI_EXIT_USAGE, error);
    }

  g_print (_("Created the store for %s at %s\n"), council, path);
  return RD_CLI_EXIT_OK;
}

static int
council_set (RdStore *store, const char *key, const char *value)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (key, "logo") == 0)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (value);
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);

      if (bytes == NULL)
        return rd_cli_fail (RD_CLI_EXIT_FAILED, _("The logo “%s” could not be read: %s"), value,
                                                   error->message);
      if (!rd_store_set_logo (store, bytes, &error))
        return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
      return RD_CLI_EXIT_OK;
    }
  if (!rd_store_set_setting (store, key, value, &error))
    return rd_cli_fail_error (g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID)
                                  ? RD_CLI_EXIT_USAGE
                                  : RD_CLI_EXIT_FAILED,
                              error);
  return RD_CLI_EXIT_OK;
}

int
_rd_cli_cmd_council (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("[set KEY VALUE]"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GBytes) logo = NULL;
  g_autofree char   *keys = g_strjoinv (", ", (char **) rd_store_list_setting_keys ());
  g_autofree char   *description = NULL;
  g_autofree char   *set_key = NULL, *set_value = NULL;
  gboolean           json = FALSE;
  int                status;
  guint              n;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the settings as JSON"), NULL }, { NULL }
  };

  g_option_context_set_summary (context, _("Show the council’s settings, or change one."));
  description = g_strdup_printf (_("Keys: %s, logo (a PNG, JPEG or SVG file)."), keys);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /*
   * "set KEY VALUE" is taken out before the options are parsed, so that a
   * value such as "-1" is read as a value (and refused by the store with its
   * reason), not as an unknown option.
   */
  if (g_strv_length (*args) >= 4 && g_strcmp0 ((*args)[1], "set") == 0)
    {
      GStrvBuilder *rest = g_strv_builder_new ();

      set_key = g_strdup ((*args)[2]);
      set_value = g_strdup ((*args)[3]);
      g_strv_builder_add (rest, (*args)[0]);
      g_strv_builder_addv (rest, (const char **) (*args) + 4);
      g_strfreev (*args);
      *args = g_strv_builder_end (rest);
      g_strv_builder_unref (rest);
    }
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;

  n = g_strv_length (*args);
  if (n != 1 || (set_key != NULL && json))
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("Usage: %s [--json] | set KEY VALUE."),
                                              g_get_prgname ());

  store = rd_cli_open_store (globals, RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (set_key != NULL)
    return council_set (store, set_key, set_value);

  logo = rd_store_get_logo (store);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      for (const char *const *key = rd_store_list_setting_keys (); *key != NULL; key++)
        {
          g_autofree char *value = rd_store_get_setting (store, *key);

          json_builder_set_member_name (builder, *key);
          /* Numbers as JSON numbers. */
          if (g_strcmp0 (*key, RD_SETTING_ACK_DAYS) == 0 ||
              g_strcmp0 (*key, RD_SETTING_RETENTION_YEARS) == 0 ||
              g_strcmp0 (*key, RD_SETTING_DOCUMENT_LIMIT) == 0)
            json_builder_add_int_value (builder, rd_store_get_setting_int (store, *key));
          else
            json_builder_add_string_value (builder, value);
        }
      json_builder_set_member_name (builder, "logo");
      json_builder_add_boolean_value (builder, logo != NULL);
      json_builder_set_member_name (builder, "store");
      json_builder_add_string_value (builder, rd_store_get_path (store));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      rd_cli_print_json (root);
      return RD_CLI_EXIT_OK;
    }

  for (const char *const *key = rd_store_list_setting_keys (); *key != NULL; key++)
    {
      g_autofree char *value = rd_store_get_setting (store, *key);
      g_auto(GStrv) lines = g_strsplit (value != NULL ? value : "", "\n", -1);
      g_autofree char *one_line = g_strjoinv (", ", lines);

      g_print ("%-18s %s\n", *key, one_line);
    }
  g_print ("%-18s %s\n", "logo", logo != NULL ? _("yes") : _("none"));
  g_print ("%-18s %s\n", "store", rd_store_get_path (store));
  return RD_CLI_EXIT_OK;
}
