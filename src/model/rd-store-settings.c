/* rd-store-settings.c: council settings (checked before they are stored),
 * the logo, and the holiday data the rules need.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-store-private.h"

#define HOLIDAYS_RESOURCE "/io/github/redress/Redress/data/bank-holidays.json"
#define SETTING_HOLIDAYS  "holidays"
#define SETTING_LOGO      "logo"

/* Known settings, their defaults, and whether changing one changes deadlines. */
typedef struct
{
  const char *key;
  const char *fallback;
  gboolean    affects_deadlines;
} SettingInfo;

static const SettingInfo setting_info[] = {
  { RD_SETTING_NAME, "", FALSE },
  { RD_SETTING_ADDRESS, "", FALSE },
  { RD_SETTING_EMAIL, "", FALSE },
  { RD_SETTING_CLERK, "", FALSE },
  { RD_SETTING_DPO, "", FALSE },
  { RD_SETTING_DIVISION, "england-and-wales", TRUE },
  { RD_SETTING_PREFIX, "DPC", FALSE },
  { RD_SETTING_ACK_DAYS, "5", TRUE },
  { RD_SETTING_RETENTION_YEARS, "6", TRUE },
  { RD_SETTING_DOCUMENT_LIMIT, "256", FALSE },
};

static const char *const setting_keys[] = { RD_SETTING_NAME,
                                            RD_SETTING_ADDRESS,
                                            RD_SETTING_EMAIL,
                                            RD_SETTING_CLERK,
                                            RD_SETTING_DPO,
                                            RD_SETTING_DIVISION,
                                            RD_SETTING_PREFIX,
                                            RD_SETTING_ACK_DAYS,
                                            RD_SETTING_RETENTION_YEARS,
                                            RD_SETTING_DOCUMENT_LIMIT,
                                            NULL };

/* Settings */

static const SettingInfo *
find_setting (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (setting_info); i++)
    if (strcmp (setting_info[i].key, key) == 0)
      return &setting_info[i];
  return NULL;
}

static char *
read_setting (RdStore *self, const char *key)
{
  sqlite3_stmt *stmt;
  char         *value = NULL;

  stmt = _rd_store_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  _rd_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup (_rd_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static gboolean
write_setting (RdStore *self, const char *key, const char *value, GBytes *data, GError **error)
{
  sqlite3_stmt *stmt;

  if (value == NULL && data == NULL)
    {
      stmt = _rd_store_prepare (self, "DELETE FROM settings WHERE key = ?", error);
      if (stmt == NULL)
        return FALSE;
      _rd_bind_text (stmt, 1, key);
      return _rd_store_step_done (self, stmt, error);
    }

  stmt = _rd_store_prepare (self,
                            "INSERT INTO settings (key, value, data) VALUES (?, ?, ?) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                            "data = excluded.data",
                            error);
  if (stmt == NULL)
    return FALSE;
  _rd_bind_text (stmt, 1, key);
  _rd_bind_text (stmt, 2, value);
  if (data != NULL)
    sqlite3_bind_blob64 (stmt, 3, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                         SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  return _rd_store_step_done (self, stmt, error);
}

static gboolean
parse_uint_in (const char *value, guint min, guint max, guint *out)
{
  guint64 n;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, min, max, &n, NULL))
    return FALSE;
  *out = (guint) n;
  return TRUE;
}

static gboolean
email_looks_valid (const char *email)
{
  const char *at = strchr (email, '@');

  return at != NULL && at != email && strchr (at + 1, '@') == NULL && strchr (at, '.') != NULL &&
         at[strlen (at) - 1] != '.' && strpbrk (email, " \t\r\n<>,;\"") == NULL;
}

/* Checks a setting's value; returns the value to store (normalised), or NULL with @error. */
static char *
check_setting (const char *key, const char *value, GError **error)
{
  guint n;

  if (strcmp (key, RD_SETTING_NAME) == 0)
    {
      g_autofree char *name = g_strstrip (g_strdup (value));

      if (*name == '\0' || strchr (name, '\n') != NULL)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The council’s name must be one line of text, not empty."));
          return NULL;
        }
      return g_steal_pointer (&name);
    }
  if (strcmp (key, RD_SETTING_EMAIL) == 0)
    {
      g_autofree char *email = g_strstrip (g_strdup (value));

      if (*email != '\0' && !email_looks_valid (email))
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("“%s” is not an e-mail address; write it as name@example.gov.uk."),
                          email);
          return NULL;
        }
      return g_steal_pointer (&email);
    }
  if (strcmp (key, RD_SETTING_DIVISION) == 0)
    {
      RdDivision division;

      if (!rd_division_from_id (value, &division))
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("“%s” is not a UK division for bank holidays; use "
                         "england-and-wales, scotland or northern-ireland."),
                          value);
          return NULL;
        }
      return g_strdup (value);
    }
  if (strcmp (key, RD_SETTING_PREFIX) == 0)
    {
      gsize len = strlen (value);

      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isupper (value[i]) && !g_ascii_isdigit (value[i]))
          len = 0;
      if (len < 1 || len > 10)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The reference prefix “%s” must be 1 to 10 capital letters or digits, "
                         "such as DPC."),
                          value);
          return NULL;
        }
      return g_strdup (value);
    }
  if (strcmp (key, RD_SETTING_ACK_DAYS) == 0)
    {
      /* Section 164A of the DPA 2018 sets 30 days as the outer limit. */
      if (!parse_uint_in (value, 1, 30, &n))
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The days to acknowledge a complaint must be a whole number of "
                         "working days from 1 to 30."));
          return NULL;
        }
      return g_strdup_printf ("%u", n);
    }
  if (strcmp (key, RD_SETTING_RETENTION_YEARS) == 0)
    {
      if (!parse_uint_in (value, 1, 100, &n))
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The retention period must be a whole number of years from 1 to 100."));
          return NULL;
        }
      return g_strdup_printf ("%u", n);
    }
  if (strcmp (key, RD_SETTING_DOCUMENT_LIMIT) == 0)
    {
      /* SQLite's largest blob is just under 1 GB. */
      if (!parse_uint_in (value, 1, 900, &n))
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The document size limit must be a whole number of megabytes from 1 "
                         "to 900."));
          return NULL;
        }
      return g_strdup_printf ("%u", n);
    }

  /* Address, clerk, DPO: free text, trimmed. */
  return g_strstrip (g_strdup (value));
}

gboolean
_rd_store_reload_settings (RdStore *self, GError **error)
{
  g_autofree char *division_id = NULL;
  g_autofree char *ack = NULL;
  g_autofree char *retention = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(RdHolidays) holidays = NULL;
  RdDivision division = RD_DIVISION_DEFAULT;
  g_autoptr(GError) local_error = NULL;

  if (self->db == NULL)
    return TRUE;

  division_id = rd_store_get_setting (self, RD_SETTING_DIVISION);
  if (!rd_division_from_id (division_id, &division))
    division = RD_DIVISION_DEFAULT;
  ack = rd_store_get_setting (self, RD_SETTING_ACK_DAYS);
  if (!parse_uint_in (ack, 1, 30, &self->ack_days))
    self->ack_days = RD_DEFAULT_ACK_WORKING_DAYS;
  retention = rd_store_get_setting (self, RD_SETTING_RETENTION_YEARS);
  if (!parse_uint_in (retention, 1, 100, &self->retention_years))
    self->retention_years = RD_DEFAULT_RETENTION_YEARS;

  json = rd_store_get_holidays_json (self, NULL);
  if (json != NULL)
    holidays = rd_holidays_new_from_bytes (json, &local_error);
  if (holidays == NULL)
    {
      /* The store's copy was checked when loaded; fall back to the shipped one. */
      g_autoptr(GBytes) shipped = g_resources_lookup_data (HOLIDAYS_RESOURCE,
                                                            G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      g_clear_error (&local_error);
      if (shipped != NULL)
        holidays = rd_holidays_new_from_bytes (shipped, &local_error);
    }
  if (holidays == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                   _("The bank holiday data could not be read (%s). Reinstall Redress."),
                      local_error != NULL ? local_error->message : HOLIDAYS_RESOURCE);
      return FALSE;
    }

  g_set_object (&self->holidays, holidays);
  g_clear_object (&self->calendar);
  self->calendar = rd_calendar_new (self->holidays, division);
  return TRUE;
}

const char *const *
rd_store_list_setting_keys (void)
{
  return setting_keys;
}

char *
rd_store_get_setting (RdStore *self, const char *key)
{
  const SettingInfo *info;
  char              *value;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  value = read_setting (self, key);
  if (value != NULL)
    return value;
  info = find_setting (key);
  return info != NULL ? g_strdup (info->fallback) : NULL;
}

int
rd_store_get_setting_int (RdStore *self, const char *key)
{
  g_autofree char *value = rd_store_get_setting (self, key);

  return value != NULL ? (int) g_ascii_strtoll (value, NULL, 10) : 0;
}

gboolean
rd_store_set_setting (RdStore *self, const char *key, const char *value, GError **error)
{
  const SettingInfo *info;
  g_autofree char   *checked = NULL;
  g_autofree char   *records = NULL;
  g_autofree char   *old = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = find_setting (key);
  if (info == NULL && !g_str_has_prefix (key, "x-"))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) setting_keys);

      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” is not a council setting; the settings are %s."), key, known);
      return FALSE;
    }
  if (info != NULL)
    {
      if (value == NULL)
        value = info->fallback;
      checked = check_setting (key, value, error);
      if (checked == NULL)
        return FALSE;
    }
  else
    checked = g_strdup (value);

  if (!_rd_store_begin (self, error))
    return FALSE;
  old = read_setting (self, key);
  if (!write_setting (self, key, checked, NULL, error))
    goto fail;
  /* The setting's name, never its value: values may be names of people. */
  records = g_strdup_printf ("setting=%s", key);
  if (!_rd_store_audit (self, "settings.update", records, error))
    goto fail;
  if (info != NULL && info->affects_deadlines && g_strcmp0 (old, checked) != 0)
    {
      if (!_rd_store_reload_settings (self, error) || !_rd_store_update_all_caches (self, error))
        goto fail;
      _rd_store_note_change (self, RD_STORE_CHANGE_CASES, 0);
    }
  _rd_store_note_change (self, RD_STORE_CHANGE_SETTINGS, 0);
  return _rd_store_commit (self, error);

fail:
  _rd_store_rollback (self);
  return FALSE;
}

GBytes *
rd_store_get_logo (RdStore *self)
{
  sqlite3_stmt *stmt;
  GBytes       *logo = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  stmt = _rd_store_prepare (self, "SELECT data FROM settings WHERE key = '" SETTING_LOGO "'", NULL);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_BLOB)
    logo = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  return logo;
}

static const char *
image_type (GBytes *image)
{
  gsize         size;
  const guint8 *data = g_bytes_get_data (image, &size);

  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return "image/jpeg";
  if (size >= 5 && g_strstr_len ((const char *) data, MIN (size, 1024), "<svg") != NULL)
    return "image/svg+xml";
  return NULL;
}

gboolean
rd_store_set_logo (RdStore *self, GBytes *image, GError **error)
{
  const char *type = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (image != NULL)
    {
      type = image_type (image);
      if (type == NULL)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The logo must be a PNG, JPEG or SVG image."));
          return FALSE;
        }
      if (g_bytes_get_size (image) > 2 * 1024 * 1024)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_TOO_LARGE,
                       _("The logo is larger than 2 MB; use a smaller image."));
          return FALSE;
        }
    }

  if (!_rd_store_begin (self, error))
    return FALSE;
  if (!write_setting (self, SETTING_LOGO, type, image, error) ||
      !_rd_store_audit (self, "settings.update", "setting=logo", error))
    {
      _rd_store_rollback (self);
      return FALSE;
    }
  _rd_store_note_change (self, RD_STORE_CHANGE_SETTINGS, 0);
  return _rd_store_commit (self, error);
}

gboolean
rd_store_load_holidays (RdStore *self, GBytes *json, GError **error)
{
  return rd_store_load_holidays_full (self, json, RD_STORE_HOLIDAYS_DEFAULT, error);
}

/*
 * Whether @holidays covers less than the data in use for some division:
 * fewer years, or a last year before the current one. Sets @error if so.
 */
static gboolean
check_not_older (RdStore *self, RdHolidays *holidays, GError **error)
{
  if (self->holidays == NULL)
    return TRUE;
  for (int d = 0; d < RD_DIVISION_N; d++)
    {
      guint first = 0, last = 0, new_first = 0, new_last = 0;

      if (!rd_holidays_get_year_range (self->holidays, (RdDivision) d, &first, &last) ||
          !rd_holidays_get_year_range (holidays, (RdDivision) d, &new_first, &new_last))
        continue;
      if (new_last < last || new_last - new_first < last - first)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("The bank holiday file was not loaded, and nothing changed: it covers "
                         "%u–%u for %s, but the holidays in use cover %u–%u, so it looks older. "
                         "Load it anyway only if you are sure (redress-cli holidays load "
                         "--force)."),
                          new_first, new_last, rd_division_to_id ((RdDivision) d), first, last);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
rd_store_load_holidays_full (RdStore *self, GBytes *json, RdStoreHolidaysFlags flags, GError **error)
{
  g_autoptr(RdHolidays) holidays = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *records = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  holidays = rd_holidays_new_from_bytes (json, &parse_error);
  if (holidays == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The bank holiday file was not loaded, and nothing changed: %s"),
                      parse_error->message);
      return FALSE;
    }
  if (!g_utf8_validate (g_bytes_get_data (json, NULL), (gssize) g_bytes_get_size (json), NULL))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The bank holiday file is not UTF-8 text; nothing changed."));
      return FALSE;
    }
  if ((flags & RD_STORE_HOLIDAYS_FORCE) == 0 && !check_not_older (self, holidays, error))
    return FALSE;
  text = g_strndup (g_bytes_get_data (json, NULL), g_bytes_get_size (json));

  if (!_rd_store_begin (self, error))
    return FALSE;
  records = g_strdup_printf ("holidays=%s%s", rd_holidays_get_digest (holidays),
                             (flags & RD_STORE_HOLIDAYS_FORCE) != 0 ? " force=1" : "");
  if (!write_setting (self, SETTING_HOLIDAYS, text, NULL, error) ||
      !_rd_store_audit (self, "holidays.load", records, error) ||
      !_rd_store_reload_settings (self, error) || !_rd_store_update_all_caches (self, error))
    {
      _rd_store_rollback (self);
      return FALSE;
    }
  _rd_store_note_change (self, RD_STORE_CHANGE_SETTINGS | RD_STORE_CHANGE_CASES, 0);
  return _rd_store_commit (self, error);
}

GBytes *
rd_store_get_holidays_json (RdStore *self, gboolean *out_from_store)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  text = read_setting (self, SETTING_HOLIDAYS);
  if (out_from_store != NULL)
    *out_from_store = text != NULL;
  if (text != NULL)
    {
      gsize length = strlen (text);
      return g_bytes_new_take (g_steal_pointer (&text), length);
    }
  return g_resources_lookup_data (HOLIDAYS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

RdHolidays *
rd_store_get_holidays (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  return self->holidays;
}
