/* rd-person.c: a person the council deals with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include <string.h>

#include "rd-model-private.h"

struct _RdPerson
{
  GObject parent_instance;

  gint64   id;
  char    *name;     /* owned */
  char    *address;  /* owned */
  char    *postcode; /* owned */
  char    *email;    /* owned */
  char    *phone;    /* owned */
  char    *channel;  /* owned */
  char    *language; /* owned */
  gboolean large_print;
  gboolean restricted;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ADDRESS,
  PROP_POSTCODE,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_CHANNEL,
  PROP_LANGUAGE,
  PROP_LARGE_PRINT,
  PROP_RESTRICTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdPerson, rd_person, G_TYPE_OBJECT)

/* Helpers */

static void
set_string (RdPerson *self, char **slot, const char *value, int prop)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*slot, value) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* GObject overrides */

static void
rd_person_finalize (GObject *object)
{
  RdPerson *self = RD_PERSON (object);

  g_free (self->name);
  g_free (self->address);
  g_free (self->postcode);
  g_free (self->email);
  g_free (self->phone);
  g_free (self->channel);
  g_free (self->language);

  G_OBJECT_CLASS (rd_person_parent_class)->finalize (object);
}

static void
rd_person_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdPerson *self = RD_PERSON (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_ADDRESS:
        g_value_set_string (value, self->address);
        break;
      case PROP_POSTCODE:
        g_value_set_string (value, self->postcode);
        break;
      case PROP_EMAIL:
        g_value_set_string (value, self->email);
        break;
      case PROP_PHONE:
        g_value_set_string (value, self->phone);
        break;
      case PROP_CHANNEL:
        g_value_set_string (value, self->channel);
        break;
      case PROP_LANGUAGE:
        g_value_set_string (value, self->language);
        break;
      case PROP_LARGE_PRINT:
        g_value_set_boolean (value, self->large_print);
        break;
      case PROP_RESTRICTED:
        g_value_set_boolean (value, self->restricted);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_person_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RdPerson *self = RD_PERSON (object);

  switch (prop_id)
    {
      case PROP_NAME:
        rd_person_set_name (self, g_value_get_string (value));
        break;
      case PROP_ADDRESS:
        rd_person_set_address (self, g_value_get_string (value));
        break;
      case PROP_POSTCODE:
        rd_person_set_postcode (self, g_value_get_string (value));
        break;
      case PROP_EMAIL:
        rd_person_set_email (self, g_value_get_string (value));
        break;
      case PROP_PHONE:
        rd_person_set_phone (self, g_value_get_string (value));
        break;
      case PROP_CHANNEL:
        rd_person_set_channel (self, g_value_get_string (value));
        break;
      case PROP_LANGUAGE:
        rd_person_set_language (self, g_value_get_string (value));
        break;
      case PROP_LARGE_PRINT:
        rd_person_set_large_print (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_person_class_init (RdPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = rd_person_finalize;
  object_class->get_property = rd_person_get_property;
  object_class->set_property = rd_person_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, "", rw);
  properties[PROP_POSTCODE] = g_param_spec_string ("postcode", NULL, NULL, "", rw);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, "", rw);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, "", rw);
  properties[PROP_CHANNEL] = g_param_spec_string ("channel", NULL, NULL, "post", rw);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, "en", rw);
  properties[PROP_LARGE_PRINT] = g_param_spec_boolean ("large-print", NULL, NULL, FALSE, rw);
  properties[PROP_RESTRICTED] = g_param_spec_boolean ("restricted", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_person_init (RdPerson *self)
{
  self->name = g_strdup ("");
  self->address = g_strdup ("");
  self->postcode = g_strdup ("");
  self->email = g_strdup ("");
  self->phone = g_strdup ("");
  self->channel = g_strdup ("post");
  self->language = g_strdup ("en");
}

/* Internal API */

void
_rd_person_set_id (RdPerson *self, gint64 id)
{
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
_rd_person_set_restricted (RdPerson *self, gboolean restricted)
{
  restricted = !!restricted;
  if (self->restricted == restricted)
    return;
  self->restricted = restricted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTRICTED]);
}

/* Public API */

RdPerson *
rd_person_new (const char *name)
{
  return g_object_new (RD_TYPE_PERSON, "name", name, NULL);
}

gint64
rd_person_get_id (RdPerson *self)
{
  g_return_val_if_fail (RD_IS_PERSON (self), 0);
  return self->id;
}

const char *
rd_person_get_name (RdPerson *self)
{
  g_return_val_if_fail (RD_IS_PERSON (self), NULL);
  return self->name;
}

void
rd_person_set_name (RdPerson *self, const char *name)
{
  g_return_if_fail (RD_IS_PERSON (self));
  set_string (self, &self->name, name, PROP_NAME);
}

const char *
rd_person_get_address (RdPerson *self)
{
  g_return_val_if_fail (RD_IS_PERSON (self), NULL);
  return self->address;
}

void
rd_person_set_address (RdPerson *self, const char *address)
{
  g_return_if_fail (RD_IS_PERSON (self));
  set_string (self, &self->address, address, PROP_ADDRESS);
}

const char *
rd_person_get_postcode (RdPerson *self)
{
  g_return_val_if_fail (RD_IS_PERSON (self), NULL);
  return self->postcode;
}

void
rd_person_set_postcode (RdPerson *self, const char *postcode)
{
  g_return_if_fail (RD_IS_PERSON (self));
  set_string (self, &self->postcode, postcode, PROP_POSTCODE);
}

const char *
rd_person_get_email (RdPerson *self)
{
  g_return_val_if_fail (RD_IS_PERSON (self), NULL);
  return self->email;
}

void
rd_person_set_email (RdPerson *self, const char *email)
{
  g_return_if_fail (RD_IS_PERSON (self));
  set_string (self, &self->email, email, PROP_EMAIL);
}

const char *
rd_person_get_phone (RdPerson *self)
{
  g_return_val_if_fail (RD_IS_PERSON (self), NULL);
  return self->phone;
}

void
rd_person_set_phone (RdPerson *self, const char *phone)
{
  g_return_if_fail (RD_IS_PERSON (self));
  set_string (self, &self->phone, phone, PROP_PHONE);
}

const char *
rd_person_get_channel (RdPerson *self)
{
  g_return_val_if_fail (RD_IS_PERSON (self), NULL);
  return self->channel;
}

void
rd_person_set_channel (RdPerson *self, const char *channel)
{
  g_return_if_fail (RD_IS_PERSON (self));
  set_string (self, &self->channel, channel != NULL ? channel : "post", PROP_CHANNEL);
}

const char *
rd_person_get_language (RdPerson *self)
{
  g_return_val_if_fail (RD_IS_PERSON (self), NULL);
  return self->language;
}

void
rd_person_set_language (RdPerson *self, const char *language)
{
  g_return_if_fail (RD_IS_PERSON (self));
  set_string (self, &self->language, language != NULL ? language : "en", PROP_LANGUAGE);
}

gboolean
rd_person_get_large_print (RdPerson *self)
{
  g_return_val_if_fail (RD_IS_PERSON (self), FALSE);
  return self->large_print;
}

void
rd_person_set_large_print (RdPerson *self, gboolean large_print)
{
  g_return_if_fail (RD_IS_PERSON (self));
  large_print = !!large_print;
  if (self->large_print == large_print)
    return;
  self->large_print = large_print;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE_PRINT]);
}

gboolean
rd_person_get_restricted (RdPerson *self)
{
  g_return_val_if_fail (RD_IS_PERSON (self), FALSE);
  return self->restricted;
}

/*
 * UK postcodes: outward code (area letters, district digit(s), optional
 * letter) and inward code (a digit and two letters), e.g. "SW1A 1AA",
 * "M1 1AE", "CF10 1EP". GIR 0AA is the one historic exception.
 */
char *
rd_postcode_normalize (const char *postcode)
{
  g_autoptr(GString) compact = g_string_new (NULL);
  g_autofree char *outward = NULL;
  const char      *inward;
  gsize            n;

  g_return_val_if_fail (postcode != NULL, NULL);

  for (const char *p = postcode; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t')
        continue;
      if (!g_ascii_isalnum (*p))
        return NULL;
      g_string_append_c (compact, g_ascii_toupper (*p));
    }

  n = compact->len;
  if (n < 5 || n > 7)
    return NULL;
  if (strcmp (compact->str, "GIR0AA") == 0)
    return g_strdup ("GIR 0AA");

  inward = compact->str + n - 3;
  if (!g_ascii_isdigit (inward[0]) || !g_ascii_isalpha (inward[1]) || !g_ascii_isalpha (inward[2]))
    return NULL;

  outward = g_strndup (compact->str, n - 3);
  /* A9, A9A, A99, AA9, AA9A, AA99 */
  if (!g_regex_match_simple (
          "^[A-Z]([0-9]|[0-9][A-Z]|[0-9][0-9]|[A-Z][0-9]|[A-Z][0-9][A-Z]|[A-Z][0-9][0-9])$",
          outward, 0, 0))
    return NULL;

  return g_strdup_printf ("%s %s", outward, inward);
}
