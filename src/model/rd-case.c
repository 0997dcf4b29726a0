/* rd-case.c: one complaint as the store keeps it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include <string.h>

#include "rd-model-private.h"

struct _RdCase
{
  GObject parent_instance;

  gint64    id;
  char     *reference;      /* owned, NULL until saved */
  GDate    *received;       /* owned, NULL when unset */
  char     *channel;        /* owned */
  char     *summary;        /* owned */
  char     *about;          /* owned */
  RdPerson *subject;        /* owned */
  RdPerson *representative; /* owned, may be NULL */
  char     *authority;      /* owned, NULL without a representative */
  char     *status;         /* owned: the cached status */
  GDate    *next_due;       /* owned, may be NULL */
  GDate    *retain_until;   /* owned, may be NULL */
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_REFERENCE,
  PROP_CHANNEL,
  PROP_SUMMARY,
  PROP_ABOUT,
  PROP_SUBJECT,
  PROP_REPRESENTATIVE,
  PROP_AUTHORITY,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdCase, rd_case, G_TYPE_OBJECT)

static const char *const channels[] = { "post", "email", "phone", "in-person", "web", NULL };
static const char *const authorities[] = { RD_AUTHORITY_WRITTEN_CONSENT,
                                           RD_AUTHORITY_POWER_OF_ATTORNEY,
                                           RD_AUTHORITY_PARENTAL_RESPONSIBILITY,
                                           RD_AUTHORITY_COURT_DEPUTY,
                                           RD_AUTHORITY_LEGAL_REPRESENTATIVE,
                                           RD_AUTHORITY_OTHER,
                                           NULL };

/* Helpers */

static void
set_string (RdCase *self, char **slot, const char *value, int prop)
{
  if (g_strcmp0 (*slot, value) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* GObject overrides */

static void
rd_case_dispose (GObject *object)
{
  RdCase *self = RD_CASE (object);

  g_clear_object (&self->subject);
  g_clear_object (&self->representative);

  G_OBJECT_CLASS (rd_case_parent_class)->dispose (object);
}

static void
rd_case_finalize (GObject *object)
{
  RdCase *self = RD_CASE (object);

  g_free (self->reference);
  g_free (self->received);
  g_free (self->channel);
  g_free (self->summary);
  g_free (self->about);
  g_free (self->authority);
  g_free (self->status);
  g_free (self->next_due);
  g_free (self->retain_until);

  G_OBJECT_CLASS (rd_case_parent_class)->finalize (object);
}

static void
rd_case_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdCase *self = RD_CASE (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_REFERENCE:
        g_value_set_string (value, self->reference);
        break;
      case PROP_CHANNEL:
        g_value_set_string (value, self->channel);
        break;
      case PROP_SUMMARY:
        g_value_set_string (value, self->summary);
        break;
      case PROP_ABOUT:
        g_value_set_string (value, self->about);
        break;
      case PROP_SUBJECT:
        g_value_set_object (value, self->subject);
        break;
      case PROP_REPRESENTATIVE:
        g_value_set_object (value, self->representative);
        break;
      case PROP_AUTHORITY:
        g_value_set_string (value, self->authority);
        break;
      case PROP_STATUS:
        g_value_set_string (value, self->status);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_case_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RdCase *self = RD_CASE (object);

  switch (prop_id)
    {
      case PROP_CHANNEL:
        rd_case_set_channel (self, g_value_get_string (value));
        break;
      case PROP_SUMMARY:
        rd_case_set_summary (self, g_value_get_string (value));
        break;
      case PROP_ABOUT:
        rd_case_set_about (self, g_value_get_string (value));
        break;
      case PROP_SUBJECT:
        rd_case_set_subject (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_case_class_init (RdCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = rd_case_dispose;
  object_class->finalize = rd_case_finalize;
  object_class->get_property = rd_case_get_property;
  object_class->set_property = rd_case_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, ro);
  properties[PROP_CHANNEL] = g_param_spec_string ("channel", NULL, NULL, "email", rw);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, "", rw);
  properties[PROP_ABOUT] = g_param_spec_string ("about", NULL, NULL, "", rw);
  properties[PROP_SUBJECT] = g_param_spec_object ("subject", NULL, NULL, RD_TYPE_PERSON, rw);
  properties[PROP_REPRESENTATIVE] = g_param_spec_object ("representative", NULL, NULL,
                                                         RD_TYPE_PERSON, ro);
  properties[PROP_AUTHORITY] = g_param_spec_string ("authority", NULL, NULL, NULL, ro);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_case_init (RdCase *self)
{
  self->channel = g_strdup ("email");
  self->summary = g_strdup ("");
  self->about = g_strdup ("");
}

/* Internal API */

void
_rd_date_set (GDate **slot, const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    {
      g_clear_pointer (slot, g_free);
      return;
    }
  if (*slot == NULL)
    *slot = g_new0 (GDate, 1);
  **slot = *date;
}

char *
_rd_date_iso (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

gboolean
_rd_date_from_iso (const char *text, GDate *out)
{
  guint y, m, d;

  g_date_clear (out, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = (guint) g_ascii_strtoull (text, NULL, 10);
  m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (y < 1 || m < 1 || m > 12 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

void
_rd_case_set_id (RdCase *self, gint64 id)
{
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
_rd_case_set_reference (RdCase *self, const char *reference)
{
  set_string (self, &self->reference, reference, PROP_REFERENCE);
}

void
_rd_case_set_cache (RdCase      *self,
                    const char  *status,
                    const GDate *next_due,
                    const GDate *retain_until)
{
  _rd_date_set (&self->next_due, next_due);
  _rd_date_set (&self->retain_until, retain_until);
  set_string (self, &self->status, status, PROP_STATUS);
}

/* Public API */

RdCase *
rd_case_new (void)
{
  return g_object_new (RD_TYPE_CASE, NULL);
}

gint64
rd_case_get_id (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), 0);
  return self->id;
}

const char *
rd_case_get_reference (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->reference;
}

const GDate *
rd_case_get_received (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->received;
}

void
rd_case_set_received (RdCase *self, const GDate *received)
{
  g_return_if_fail (RD_IS_CASE (self));
  _rd_date_set (&self->received, received);
}

const char *
rd_case_get_channel (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->channel;
}

void
rd_case_set_channel (RdCase *self, const char *channel)
{
  g_return_if_fail (RD_IS_CASE (self));
  set_string (self, &self->channel, channel != NULL ? channel : "email", PROP_CHANNEL);
}

const char *
rd_case_get_summary (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->summary;
}

void
rd_case_set_summary (RdCase *self, const char *summary)
{
  g_return_if_fail (RD_IS_CASE (self));
  set_string (self, &self->summary, summary != NULL ? summary : "", PROP_SUMMARY);
}

const char *
rd_case_get_about (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->about;
}

void
rd_case_set_about (RdCase *self, const char *about)
{
  g_return_if_fail (RD_IS_CASE (self));
  set_string (self, &self->about, about != NULL ? about : "", PROP_ABOUT);
}

RdPerson *
rd_case_get_subject (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->subject;
}

void
rd_case_set_subject (RdCase *self, RdPerson *subject)
{
  g_return_if_fail (RD_IS_CASE (self));
  g_return_if_fail (subject == NULL || RD_IS_PERSON (subject));

  if (g_set_object (&self->subject, subject))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT]);
}

RdPerson *
rd_case_get_representative (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->representative;
}

const char *
rd_case_get_authority (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->authority;
}

void
rd_case_set_representative (RdCase *self, RdPerson *representative, const char *authority)
{
  g_return_if_fail (RD_IS_CASE (self));
  g_return_if_fail (representative == NULL || RD_IS_PERSON (representative));

  if (representative == NULL)
    authority = NULL;
  else if (authority == NULL)
    authority = RD_AUTHORITY_OTHER;

  if (g_set_object (&self->representative, representative))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPRESENTATIVE]);
  set_string (self, &self->authority, authority, PROP_AUTHORITY);
}

RdPerson *
rd_case_get_correspondent (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->representative != NULL ? self->representative : self->subject;
}

const char *
rd_case_get_status (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->status;
}

const GDate *
rd_case_get_next_due (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->next_due;
}

const GDate *
rd_case_get_retain_until (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->retain_until;
}

gboolean
rd_case_channel_is_valid (const char *channel)
{
  return channel != NULL && g_strv_contains (channels, channel);
}

gboolean
rd_case_authority_is_valid (const char *authority)
{
  return authority != NULL && g_strv_contains (authorities, authority);
}
