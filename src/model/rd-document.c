/* rd-document.c: what the store knows about an attachment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include "rd-model-private.h"

struct _RdDocument
{
  GObject parent_instance;

  gint64     id;
  gint64     case_id;
  char      *name;       /* owned */
  char      *media_type; /* owned */
  char      *kind;       /* owned */
  goffset    size;
  char      *sha256;   /* owned */
  GDateTime *added_at; /* owned */
  char      *added_by; /* owned */
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_MEDIA_TYPE,
  PROP_KIND,
  PROP_SIZE,
  PROP_SHA256,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdDocument, rd_document, G_TYPE_OBJECT)

static const char *const kinds[] = { RD_DOCUMENT_KIND_EVIDENCE,
                                     RD_DOCUMENT_KIND_CONSENT,
                                     RD_DOCUMENT_KIND_IDENTITY,
                                     RD_DOCUMENT_KIND_CORRESPONDENCE,
                                     RD_DOCUMENT_KIND_LETTER,
                                     RD_DOCUMENT_KIND_BUNDLE,
                                     NULL };

/* GObject overrides */

static void
rd_document_finalize (GObject *object)
{
  RdDocument *self = RD_DOCUMENT (object);

  g_free (self->name);
  g_free (self->media_type);
  g_free (self->kind);
  g_free (self->sha256);
  g_clear_pointer (&self->added_at, g_date_time_unref);
  g_free (self->added_by);

  G_OBJECT_CLASS (rd_document_parent_class)->finalize (object);
}

static void
rd_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdDocument *self = RD_DOCUMENT (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_MEDIA_TYPE:
        g_value_set_string (value, self->media_type);
        break;
      case PROP_KIND:
        g_value_set_string (value, self->kind);
        break;
      case PROP_SIZE:
        g_value_set_int64 (value, self->size);
        break;
      case PROP_SHA256:
        g_value_set_string (value, self->sha256);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_document_class_init (RdDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rd_document_finalize;
  object_class->get_property = rd_document_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_MEDIA_TYPE] = g_param_spec_string ("media-type", NULL, NULL, NULL, ro);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, ro);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_document_init (RdDocument *self)
{
}

/* Internal API */

RdDocument *
_rd_document_new (gint64      id,
                  gint64      case_id,
                  const char *name,
                  const char *media_type,
                  const char *kind,
                  goffset     size,
                  const char *sha256,
                  GDateTime  *added_at,
                  const char *added_by)
{
  RdDocument *self = g_object_new (RD_TYPE_DOCUMENT, NULL);

  self->id = id;
  self->case_id = case_id;
  self->name = g_strdup (name);
  self->media_type = g_strdup (media_type);
  self->kind = g_strdup (kind);
  self->size = size;
  self->sha256 = g_strdup (sha256);
  self->added_at = added_at != NULL ? g_date_time_ref (added_at) : NULL;
  self->added_by = g_strdup (added_by);
  return self;
}

/* Public API */

gint64
rd_document_get_id (RdDocument *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT (self), 0);
  return self->id;
}

gint64
rd_document_get_case_id (RdDocument *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT (self), 0);
  return self->case_id;
}

const char *
rd_document_get_name (RdDocument *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT (self), NULL);
  return self->name;
}

const char *
rd_document_get_media_type (RdDocument *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT (self), NULL);
  return self->media_type;
}

const char *
rd_document_get_kind (RdDocument *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT (self), NULL);
  return self->kind;
}

goffset
rd_document_get_size (RdDocument *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT (self), 0);
  return self->size;
}

const char *
rd_document_get_sha256 (RdDocument *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT (self), NULL);
  return self->sha256;
}

GDateTime *
rd_document_get_added_at (RdDocument *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT (self), NULL);
  return self->added_at;
}

const char *
rd_document_get_added_by (RdDocument *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT (self), NULL);
  return self->added_by;
}

gboolean
rd_document_kind_is_valid (const char *kind)
{
  return kind != NULL && g_strv_contains (kinds, kind);
}
