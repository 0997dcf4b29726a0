/* rd-case-event.c: one event on a case's timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include "rd-model-private.h"

struct _RdCaseEvent
{
  GObject parent_instance;

  gint64      id;
  gint64      case_id;
  char       *kind; /* owned */
  GDate       on;
  char       *note;        /* owned */
  char       *recorded_by; /* owned, NULL until stored */
  GDateTime  *recorded_at; /* owned, NULL until stored */
  gint64      document_id;
  JsonObject *details; /* owned */
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdCaseEvent, rd_case_event, G_TYPE_OBJECT)

/* GObject overrides */

static void
rd_case_event_finalize (GObject *object)
{
  RdCaseEvent *self = RD_CASE_EVENT (object);

  g_free (self->kind);
  g_free (self->note);
  g_free (self->recorded_by);
  g_clear_pointer (&self->recorded_at, g_date_time_unref);
  g_clear_pointer (&self->details, json_object_unref);

  G_OBJECT_CLASS (rd_case_event_parent_class)->finalize (object);
}

static void
rd_case_event_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdCaseEvent *self = RD_CASE_EVENT (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_KIND:
        g_value_set_string (value, self->kind);
        break;
      case PROP_NOTE:
        g_value_set_string (value, self->note);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_case_event_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RdCaseEvent *self = RD_CASE_EVENT (object);

  switch (prop_id)
    {
      case PROP_KIND:
        _rd_case_event_set_kind (self, g_value_get_string (value));
        break;
      case PROP_NOTE:
        rd_case_event_set_note (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_case_event_class_init (RdCaseEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_case_event_finalize;
  object_class->get_property = rd_case_event_get_property;
  object_class->set_property = rd_case_event_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, "note",
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                   G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] = g_param_spec_string (
      "note", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_case_event_init (RdCaseEvent *self)
{
  self->kind = g_strdup ("note");
  self->note = g_strdup ("");
  self->details = json_object_new ();
  g_date_clear (&self->on, 1);
}

/* Internal API */

void
_rd_case_event_set_kind (RdCaseEvent *self, const char *kind)
{
  g_free (self->kind);
  self->kind = g_strdup (kind != NULL ? kind : "note");
}

void
_rd_case_event_set_stored (RdCaseEvent *self,
                           gint64       id,
                           gint64       case_id,
                           const char  *recorded_by,
                           GDateTime   *recorded_at)
{
  self->case_id = case_id;
  g_free (self->recorded_by);
  self->recorded_by = g_strdup (recorded_by);
  g_clear_pointer (&self->recorded_at, g_date_time_unref);
  if (recorded_at != NULL)
    self->recorded_at = g_date_time_ref (recorded_at);
  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

gboolean
_rd_case_event_set_details_json (RdCaseEvent *self, const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json == NULL || *json == '\0')
    json = "{}";
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  g_clear_pointer (&self->details, json_object_unref);
  self->details = json_object_ref (json_node_get_object (root));
  return TRUE;
}

char *
_rd_case_event_get_details_json (RdCaseEvent *self)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, self->details);
  return json_to_string (node, FALSE);
}

/* Public API */

RdCaseEvent *
rd_case_event_new (const char *kind, const GDate *on)
{
  RdCaseEvent *self;

  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (RD_TYPE_CASE_EVENT, "kind", kind, NULL);
  if (on != NULL && g_date_valid (on))
    self->on = *on;
  return self;
}

gint64
rd_case_event_get_id (RdCaseEvent *self)
{
  g_return_val_if_fail (RD_IS_CASE_EVENT (self), 0);
  return self->id;
}

gint64
rd_case_event_get_case_id (RdCaseEvent *self)
{
  g_return_val_if_fail (RD_IS_CASE_EVENT (self), 0);
  return self->case_id;
}

const char *
rd_case_event_get_kind (RdCaseEvent *self)
{
  g_return_val_if_fail (RD_IS_CASE_EVENT (self), NULL);
  return self->kind;
}

const GDate *
rd_case_event_get_date (RdCaseEvent *self)
{
  g_return_val_if_fail (RD_IS_CASE_EVENT (self), NULL);
  return &self->on;
}

void
rd_case_event_set_date (RdCaseEvent *self, const GDate *on)
{
  g_return_if_fail (RD_IS_CASE_EVENT (self));
  if (on != NULL && g_date_valid (on))
    self->on = *on;
  else
    g_date_clear (&self->on, 1);
}

const char *
rd_case_event_get_note (RdCaseEvent *self)
{
  g_return_val_if_fail (RD_IS_CASE_EVENT (self), NULL);
  return self->note;
}

void
rd_case_event_set_note (RdCaseEvent *self, const char *note)
{
  g_return_if_fail (RD_IS_CASE_EVENT (self));
  if (note == NULL)
    note = "";
  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

const char *
rd_case_event_get_recorded_by (RdCaseEvent *self)
{
  g_return_val_if_fail (RD_IS_CASE_EVENT (self), NULL);
  return self->recorded_by;
}

GDateTime *
rd_case_event_get_recorded_at (RdCaseEvent *self)
{
  g_return_val_if_fail (RD_IS_CASE_EVENT (self), NULL);
  return self->recorded_at;
}

gint64
rd_case_event_get_document_id (RdCaseEvent *self)
{
  g_return_val_if_fail (RD_IS_CASE_EVENT (self), 0);
  return self->document_id;
}

void
rd_case_event_set_document_id (RdCaseEvent *self, gint64 document_id)
{
  g_return_if_fail (RD_IS_CASE_EVENT (self));
  self->document_id = document_id;
}

JsonObject *
rd_case_event_get_details (RdCaseEvent *self)
{
  g_return_val_if_fail (RD_IS_CASE_EVENT (self), NULL);
  return self->details;
}

const char *
rd_case_event_get_detail (RdCaseEvent *self, const char *key)
{
  JsonNode *node;

  g_return_val_if_fail (RD_IS_CASE_EVENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  node = json_object_get_member (self->details, key);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

void
rd_case_event_set_detail (RdCaseEvent *self, const char *key, const char *value)
{
  g_return_if_fail (RD_IS_CASE_EVENT (self));
  g_return_if_fail (key != NULL);

  if (value == NULL)
    json_object_remove_member (self->details, key);
  else
    json_object_set_string_member (self->details, key, value);
}

gboolean
rd_case_event_get_detail_date (RdCaseEvent *self, const char *key, GDate *out_date)
{
  g_return_val_if_fail (RD_IS_CASE_EVENT (self), FALSE);
  g_return_val_if_fail (out_date != NULL, FALSE);

  return _rd_date_from_iso (rd_case_event_get_detail (self, key), out_date);
}

void
rd_case_event_set_detail_date (RdCaseEvent *self, const char *key, const GDate *date)
{
  g_autofree char *iso = NULL;

  g_return_if_fail (RD_IS_CASE_EVENT (self));

  iso = _rd_date_iso (date);
  rd_case_event_set_detail (self, key, iso);
}

GArray *
rd_case_event_get_factors (RdCaseEvent *self)
{
  GArray    *factors;
  JsonNode  *node;
  JsonArray *array;

  g_return_val_if_fail (RD_IS_CASE_EVENT (self), NULL);

  factors = g_array_new (FALSE, FALSE, sizeof (guint));
  node = json_object_get_member (self->details, RD_DETAIL_FACTORS);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return factors;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) == G_TYPE_INT64)
        {
          guint factor = (guint) json_node_get_int (element);
          g_array_append_val (factors, factor);
        }
    }
  return factors;
}

void
rd_case_event_set_factors (RdCaseEvent *self, const guint *factors, gsize n_factors)
{
  JsonArray *array;

  g_return_if_fail (RD_IS_CASE_EVENT (self));
  g_return_if_fail (factors != NULL || n_factors == 0);

  array = json_array_new ();
  for (gsize i = 0; i < n_factors; i++)
    json_array_add_int_element (array, factors[i]);
  json_object_set_array_member (self->details, RD_DETAIL_FACTORS, array);
}
