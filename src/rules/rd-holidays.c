/* rd-holidays.c: UK bank holidays as GOV.UK publishes them.
 *
 * The data comes in as bytes (the rules do no I/O): the copy shipped in
 * the GResource, or a newer copy the clerk downloaded from
 * https://www.gov.uk/bank-holidays.json. A wrong holiday is a wrong
 * deadline, so the parser is strict, names what is wrong and where, and
 * never half-loads: either every division parses, or nothing is returned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-rules"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "rd-date.h"
#include "rd-holidays.h"

typedef struct
{
  guint32 julian;
  char   *title; /* owned */
  char   *notes; /* owned */
} Holiday;

/* Every division's year begins with New Year's Day (or its substitute, by
 * 4 January at the latest with Scotland's 2 January) and ends with
 * Christmas (or its substitute, by 28 December): a year that lacks either
 * is a partial year, e.g. a file that stops after the first few holidays of
 * its last year. */
#define YEAR_HAS_JANUARY  (1u << 0)
#define YEAR_HAS_DECEMBER (1u << 1)
#define YEAR_COMPLETE     (YEAR_HAS_JANUARY | YEAR_HAS_DECEMBER)

typedef struct
{
  GArray     *holidays; /* of Holiday, sorted by julian day, no two equal */
  GHashTable *years;    /* year → YEAR_HAS_* bits (GUINT_TO_POINTER both) */
  guint       first_year;
  guint       last_year;
} Division;

struct _RdHolidays
{
  GObject parent_instance;

  Division divisions[RD_DIVISION_N];
  char    *digest; /* owned */
};

G_DEFINE_FINAL_TYPE (RdHolidays, rd_holidays, G_TYPE_OBJECT)

G_DEFINE_QUARK (rd - holidays - error - quark, rd_holidays_error)

static void
holiday_clear (gpointer data)
{
  Holiday *holiday = data;

  g_clear_pointer (&holiday->title, g_free);
  g_clear_pointer (&holiday->notes, g_free);
}

static void
division_init (Division *division)
{
  division->holidays = g_array_new (FALSE, TRUE, sizeof (Holiday));
  g_array_set_clear_func (division->holidays, holiday_clear);
  division->years = g_hash_table_new (NULL, NULL);
}

static void
division_clear (Division *division)
{
  g_clear_pointer (&division->holidays, g_array_unref);
  g_clear_pointer (&division->years, g_hash_table_unref);
}

static const Holiday *
division_find (const Division *division, guint32 julian)
{
  guint low = 0;
  guint high = division->holidays->len;

  while (low < high)
    {
      guint          middle = low + (high - low) / 2;
      const Holiday *holiday = &g_array_index (division->holidays, Holiday, middle);

      if (holiday->julian == julian)
        return holiday;
      if (holiday->julian < julian)
        low = middle + 1;
      else
        high = middle;
    }

  return NULL;
}

/* Parsing */

static gboolean
member_is_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
check_event_field (JsonObject *event,
                   const char *division_id,
                   guint       number,
                   const char *field,
                   GType       type,
                   GError    **error)
{
  JsonNode *node = json_object_get_member (event, field);

  if (node == NULL)
    {
      g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE,
                   _("In the holiday file, event %u of “%s” has no “%s”."), number, division_id,
                      field);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    {
      if (type == G_TYPE_BOOLEAN)
        g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE,
                     _("In the holiday file, event %u of “%s” has a “%s” that is not true or "
                       "false."),
                        number, division_id, field);
      else
        g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE,
                     _("In the holiday file, event %u of “%s” has a “%s” that is not text."),
                        number, division_id, field);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_division (Division *division, const char *division_id, JsonNode *node, GError **error)
{
  JsonObject *object;
  JsonNode   *events_node;
  JsonArray  *events;
  guint       n_events;
  g_autoptr(GHashTable) seen = NULL; /* julian day → event number */

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE,
                   _("In the holiday file, “%s” should be an object with “division” and "
                     "“events”."),
                      division_id);
      return FALSE;
    }
  object = json_node_get_object (node);

  if (!member_is_string (object, "division"))
    {
      g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE,
                   _("In the holiday file, “%s” has no “division” text naming it."), division_id);
      return FALSE;
    }
  if (strcmp (json_object_get_string_member (object, "division"), division_id) != 0)
    {
      g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE,
                   _("In the holiday file, “%s” says its division is “%s”; it should be “%s”."),
                      division_id, json_object_get_string_member (object, "division"), division_id);
      return FALSE;
    }

  events_node = json_object_get_member (object, "events");
  if (events_node == NULL || !JSON_NODE_HOLDS_ARRAY (events_node))
    {
      g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE,
                   _("In the holiday file, “%s” has no “events” list."), division_id);
      return FALSE;
    }
  events = json_node_get_array (events_node);
  n_events = json_array_get_length (events);
  if (n_events == 0)
    {
      g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_EMPTY,
                   _("In the holiday file, “%s” has no holidays at all."), division_id);
      return FALSE;
    }

  seen = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n_events; i++)
    {
      JsonNode   *event_node = json_array_get_element (events, i);
      JsonObject *event;
      const char *date_text;
      guint       number = i + 1;
      GDate       date;
      Holiday     holiday = { 0 };
      gpointer    earlier;

      if (!JSON_NODE_HOLDS_OBJECT (event_node))
        {
          g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE,
                       _("In the holiday file, event %u of “%s” is not an object."), number,
                          division_id);
          return FALSE;
        }
      event = json_node_get_object (event_node);

      if (!check_event_field (event, division_id, number, "title", G_TYPE_STRING, error) ||
          !check_event_field (event, division_id, number, "date", G_TYPE_STRING, error) ||
          !check_event_field (event, division_id, number, "notes", G_TYPE_STRING, error) ||
          !check_event_field (event, division_id, number, "bunting", G_TYPE_BOOLEAN, error))
        return FALSE;

      if (*json_object_get_string_member (event, "title") == '\0')
        {
          g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE,
                       _("In the holiday file, event %u of “%s” has an empty “title”."), number,
                          division_id);
          return FALSE;
        }

      date_text = json_object_get_string_member (event, "date");
      if (!rd_date_parse_iso (date_text, &date, NULL))
        {
          g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_BAD_DATE,
                       _("In the holiday file, event %u of “%s” has the date “%s”, which is not "
                         "a real day written as YYYY-MM-DD."),
                          number, division_id, date_text);
          return FALSE;
        }

      holiday.julian = g_date_get_julian (&date);

      if (g_hash_table_lookup_extended (seen, GUINT_TO_POINTER (holiday.julian), NULL, &earlier))
        {
          g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_DUPLICATE,
                       _("In the holiday file, “%s” lists %s twice (events %u and %u)."),
                          division_id, date_text, GPOINTER_TO_UINT (earlier), number);
          return FALSE;
        }
      g_hash_table_insert (seen, GUINT_TO_POINTER (holiday.julian), GUINT_TO_POINTER (number));

      if (division->holidays->len > 0)
        {
          const Holiday *previous = &g_array_index (division->holidays, Holiday,
                                                    division->holidays->len - 1);

          if (previous->julian > holiday.julian)
            {
              GDate            previous_date;
              g_autofree char *previous_text = NULL;

              g_date_clear (&previous_date, 1);
              g_date_set_julian (&previous_date, previous->julian);
              previous_text = rd_date_to_iso (&previous_date);
              g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_ORDER,
                           _("In the holiday file, event %u of “%s” (%s) comes after a later "
                             "date (%s); GOV.UK lists holidays in date order."),
                              number, division_id, date_text, previous_text);
              return FALSE;
            }
        }

      holiday.title = g_strdup (json_object_get_string_member (event, "title"));
      holiday.notes = g_strdup (json_object_get_string_member (event, "notes"));
      g_array_append_val (division->holidays, holiday);
      {
        gpointer key = GUINT_TO_POINTER ((guint) g_date_get_year (&date));
        guint    bits = GPOINTER_TO_UINT (g_hash_table_lookup (division->years, key));

        if (g_date_get_month (&date) == G_DATE_JANUARY)
          bits |= YEAR_HAS_JANUARY;
        else if (g_date_get_month (&date) == G_DATE_DECEMBER)
          bits |= YEAR_HAS_DECEMBER;
        g_hash_table_insert (division->years, key, GUINT_TO_POINTER (bits));
      }
    }

  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_julian (&date, g_array_index (division->holidays, Holiday, 0).julian);
    division->first_year = g_date_get_year (&date);
    g_date_set_julian (
        &date, g_array_index (division->holidays, Holiday, division->holidays->len - 1).julian);
    division->last_year = g_date_get_year (&date);
  }

  return TRUE;
}

/* json-glib says "<data>:3:14: Parse error: …"; say it as a person would. */
static char *
describe_syntax_error (const GError *json_error)
{
  guint line, column;
  int   consumed = 0;

  if (sscanf (json_error->message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 &&
      consumed > 0)
    return g_strdup_printf (_("The holiday file is not valid JSON (it may be cut short): at "
                              "line %u, column %u: %s"),
                               line, column, json_error->message + consumed);

  return g_strdup_printf (_("The holiday file is not valid JSON (it may be cut short): %s"),
                             json_error->message);
}

/* json-glib parses arrays and objects by recursion, one stack frame per
 * level: a file of a few hundred thousand "[" (well under the size limit)
 * overflows the stack and crashes Redress. GOV.UK's file is four levels
 * deep, so anything deeper than RD_HOLIDAYS_MAX_DEPTH is refused before
 * json-glib sees it. Brackets inside strings do not count. Returns the byte
 * offset at which the limit is passed, or -1. */
static gssize
find_too_deep (const char *data, gsize length)
{
  guint    depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > RD_HOLIDAYS_MAX_DEPTH)
            return (gssize) i;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return -1;
}

static gboolean
parse (RdHolidays *self, const char *data, gsize length, GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  const char *end = NULL;
  gssize      too_deep;
  JsonNode   *root;
  JsonObject *object;

  if (length > RD_HOLIDAYS_MAX_SIZE)
    {
      g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_TOO_LARGE,
                   _("The holiday file is larger than %u MiB: GOV.UK’s file is about 20 kB, so "
                     "this is not a bank holidays file."),
                      (guint) (RD_HOLIDAYS_MAX_SIZE / (1024 * 1024)));
      return FALSE;
    }

  if (!g_utf8_validate (data, (gssize) length, &end))
    {
      g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_SYNTAX,
                   _("The holiday file is not UTF-8 text (at byte %u), so it is not GOV.UK’s "
                     "JSON."),
                      (guint) (end - data));
      return FALSE;
    }

  too_deep = find_too_deep (data, length);
  if (too_deep >= 0)
    {
      g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE,
                   _("The holiday file nests lists or objects more than %u deep (at byte %u); "
                     "GOV.UK’s file is only four deep, so this is not a bank holidays file."),
                      (guint) RD_HOLIDAYS_MAX_DEPTH, (guint) too_deep);
      return FALSE;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &json_error))
    {
      g_autofree char *message = describe_syntax_error (json_error);

      g_set_error_literal (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_SYNTAX, message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_SYNTAX,
                           _("The holiday file is empty."));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE,
                           _("The holiday file is not in GOV.UK’s format: it should be a JSON "
                             "object with one member per division."));
      return FALSE;
    }
  object = json_node_get_object (root);

  {
    g_autoptr(GList) members = json_object_get_members (object);

    for (GList *l = members; l != NULL; l = l->next)
      {
        RdDivision division;

        if (!rd_division_from_id (l->data, &division))
          {
            g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE,
                         _("The holiday file has an unknown division “%s”; only "
                           "england-and-wales, scotland and northern-ireland are allowed."),
                            (const char *) l->data);
            return FALSE;
          }
      }
  }

  for (guint i = 0; i < RD_DIVISION_N; i++)
    {
      const char *id = rd_division_to_id ((RdDivision) i);
      JsonNode   *node = json_object_get_member (object, id);

      if (node == NULL)
        {
          g_set_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE,
                       _("The holiday file has no “%s” division; GOV.UK’s file has all three."),
                          id);
          return FALSE;
        }

      if (!parse_division (&self->divisions[i], id, node, error))
        return FALSE;
    }

  self->digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  return TRUE;
}

/* GObject */

static void
rd_holidays_finalize (GObject *object)
{
  RdHolidays *self = RD_HOLIDAYS (object);

  for (guint i = 0; i < RD_DIVISION_N; i++)
    division_clear (&self->divisions[i]);
  g_clear_pointer (&self->digest, g_free);

  G_OBJECT_CLASS (rd_holidays_parent_class)->finalize (object);
}

static void
rd_holidays_class_init (RdHolidaysClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_holidays_finalize;
}

static void
rd_holidays_init (RdHolidays *self)
{
  for (guint i = 0; i < RD_DIVISION_N; i++)
    division_init (&self->divisions[i]);
}

/* Public API */

/**
 * rd_holidays_new_from_json:
 * @data: the bytes of a bank-holidays.json file (need not be NUL-terminated)
 * @length: the number of bytes
 * @error: return location for a #GError in %RD_HOLIDAYS_ERROR
 *
 * See rd-holidays.h for what is checked.
 *
 * Returns: (transfer full) (nullable): the holidays, or %NULL on error
 */
RdHolidays *
rd_holidays_new_from_json (const char *data, gsize length, GError **error)
{
  g_autoptr(RdHolidays) self = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RD_TYPE_HOLIDAYS, NULL);
  if (!parse (self, data != NULL ? data : "", length, error))
    return NULL;

  return g_steal_pointer (&self);
}

RdHolidays *
rd_holidays_new_from_bytes (GBytes *bytes, GError **error)
{
  gsize       length = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return rd_holidays_new_from_json (data, length, error);
}

const char *
rd_holidays_lookup (RdHolidays *self, RdDivision division, const GDate *date)
{
  const Holiday *holiday;

  g_return_val_if_fail (RD_IS_HOLIDAYS (self), NULL);
  g_return_val_if_fail ((guint) division < RD_DIVISION_N, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  holiday = division_find (&self->divisions[division], g_date_get_julian (date));
  return holiday != NULL ? holiday->title : NULL;
}

gboolean
rd_holidays_is_substitute (RdHolidays *self, RdDivision division, const GDate *date)
{
  const Holiday *holiday;

  g_return_val_if_fail (RD_IS_HOLIDAYS (self), FALSE);
  g_return_val_if_fail ((guint) division < RD_DIVISION_N, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  holiday = division_find (&self->divisions[division], g_date_get_julian (date));
  return holiday != NULL && g_str_equal (holiday->notes, "Substitute day");
}

gboolean
rd_holidays_get_year_range (RdHolidays *self,
                            RdDivision  division,
                            guint      *out_first_year,
                            guint      *out_last_year)
{
  const Division *d;

  g_return_val_if_fail (RD_IS_HOLIDAYS (self), FALSE);
  g_return_val_if_fail ((guint) division < RD_DIVISION_N, FALSE);

  d = &self->divisions[division];
  if (d->holidays->len == 0)
    return FALSE;

  if (out_first_year != NULL)
    *out_first_year = d->first_year;
  if (out_last_year != NULL)
    *out_last_year = d->last_year;
  return TRUE;
}

gboolean
rd_holidays_covers_year (RdHolidays *self, RdDivision division, guint year)
{
  g_return_val_if_fail (RD_IS_HOLIDAYS (self), FALSE);
  g_return_val_if_fail ((guint) division < RD_DIVISION_N, FALSE);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->divisions[division].years,
                                                GUINT_TO_POINTER (year))) == YEAR_COMPLETE;
}

guint
rd_holidays_get_n_events (RdHolidays *self, RdDivision division)
{
  g_return_val_if_fail (RD_IS_HOLIDAYS (self), 0);
  g_return_val_if_fail ((guint) division < RD_DIVISION_N, 0);

  return self->divisions[division].holidays->len;
}

void
rd_holidays_get_event (RdHolidays  *self,
                       RdDivision   division,
                       guint        index,
                       GDate       *out_date,
                       const char **out_title,
                       const char **out_notes)
{
  const Holiday *holiday;

  g_return_if_fail (RD_IS_HOLIDAYS (self));
  g_return_if_fail ((guint) division < RD_DIVISION_N);
  g_return_if_fail (index < self->divisions[division].holidays->len);

  holiday = &g_array_index (self->divisions[division].holidays, Holiday, index);
  if (out_date != NULL)
    {
      g_date_clear (out_date, 1);
      g_date_set_julian (out_date, holiday->julian);
    }
  if (out_title != NULL)
    *out_title = holiday->title;
  if (out_notes != NULL)
    *out_notes = holiday->notes;
}

const char *
rd_holidays_get_digest (RdHolidays *self)
{
  g_return_val_if_fail (RD_IS_HOLIDAYS (self), NULL);

  return self->digest;
}
