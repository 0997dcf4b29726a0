/* rd-context.c: the one object that owns the open store and the settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-context.h"
#include "rd-model.h"
#include "rd-rules.h"

struct _RdContext
{
  GObject parent_instance;

  GObject   *store;    /* owned, nullable: the open RdStore */
  GSettings *settings; /* owned, nullable */
  GDate      today;    /* valid when fixed by $REDRESS_TODAY or a test */
  gulong     store_changed_id;
  guint      midnight_id; /* wakes the views when the date changes */
};

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdContext, rd_context, G_TYPE_OBJECT)

/* Callbacks */

static void
store_changed_cb (GObject *store, guint what, gint64 case_id, gpointer user_data)
{
  RdContext *self = RD_CONTEXT (user_data);

  g_signal_emit (self, signals[CHANGED], 0, what, case_id);
}

static gboolean midnight_cb (gpointer user_data);

static void
arm_midnight (RdContext *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int seconds = 24 * 3600 - (g_date_time_get_hour (now) * 3600 + g_date_time_get_minute (now) * 60 +
                             g_date_time_get_second (now));

  /* A few seconds after midnight, so that the new day has begun. */
  self->midnight_id = g_timeout_add_seconds (seconds + 5, midnight_cb, self);
}

static gboolean
midnight_cb (gpointer user_data)
{
  RdContext *self = RD_CONTEXT (user_data);

  self->midnight_id = 0;
  /* A new day: what is due and overdue changed, though no record did. */
  if (!g_date_valid (&self->today))
    rd_context_emit_changed (self);
  arm_midnight (self);

  return G_SOURCE_REMOVE;
}

/* GObject overrides */

static void
rd_context_dispose (GObject *object)
{
  RdContext *self = RD_CONTEXT (object);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  if (self->store != NULL && self->store_changed_id != 0)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_context_parent_class)->dispose (object);
}

static void
rd_context_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdContext *self = RD_CONTEXT (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;
      case PROP_SETTINGS:
        g_value_set_object (value, self->settings);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_context_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RdContext *self = RD_CONTEXT (object);

  switch (prop_id)
    {
      case PROP_STORE:
        rd_context_set_store (self, g_value_get_object (value));
        break;
      case PROP_SETTINGS:
        self->settings = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_context_class_init (RdContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_context_dispose;
  object_class->get_property = rd_context_get_property;
  object_class->set_property = rd_context_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, G_TYPE_OBJECT,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                                                    G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                       G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
rd_context_init (RdContext *self)
{
  const char *fixed = g_getenv ("REDRESS_TODAY");

  g_date_clear (&self->today, 1);
  if (fixed != NULL && *fixed != '\0')
    {
      g_autoptr(GError) error = NULL;

      if (!rd_date_parse_iso (fixed, &self->today, &error))
        {
          g_warning ("REDRESS_TODAY is not a date (YYYY-MM-DD); using the real date");
          g_date_clear (&self->today, 1);
        }
    }
  arm_midnight (self);
}

/* Public API */

RdContext *
rd_context_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (RD_TYPE_CONTEXT, "settings", settings, NULL);
}

/**
 * rd_context_get_store:
 *
 * Returns: (transfer none) (nullable): the open store, or %NULL
 */
RdStore *
rd_context_get_store (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return (RdStore *) self->store;
}

/**
 * rd_context_set_store:
 * @store: (nullable) (transfer none): the store to use from now on
 */
void
rd_context_set_store (RdContext *self, RdStore *store)
{
  g_return_if_fail (RD_IS_CONTEXT (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  if ((GObject *) store == self->store)
    return;

  if (self->store != NULL && self->store_changed_id != 0)
    g_clear_signal_handler (&self->store_changed_id, self->store);

  g_set_object (&self->store, (GObject *) store);

  /* The store announces changes made by anyone (this process or
   * redress-cli) with its "changed" signal. */
  if (self->store != NULL)
    self->store_changed_id = g_signal_connect_object (
        self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_DEFAULT);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * rd_context_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when the
 *   schema is not installed
 */
GSettings *
rd_context_get_settings (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * rd_context_get_today:
 * @out_today: (out caller-allocates): set to the day Redress treats as today
 */
void
rd_context_get_today (RdContext *self, GDate *out_today)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (RD_IS_CONTEXT (self));
  g_return_if_fail (out_today != NULL);

  if (g_date_valid (&self->today))
    {
      *out_today = self->today;
      return;
    }

  now = g_date_time_new_now_local ();
  g_date_clear (out_today, 1);
  g_date_set_dmy (out_today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/**
 * rd_context_set_today:
 * @today: (nullable): a fixed day, or %NULL to follow the clock again
 *
 * For tests and screenshots.
 */
void
rd_context_set_today (RdContext *self, const GDate *today)
{
  g_return_if_fail (RD_IS_CONTEXT (self));

  if (today != NULL && g_date_valid (today))
    self->today = *today;
  else
    g_date_clear (&self->today, 1);

  rd_context_emit_changed (self);
}

/**
 * rd_context_emit_changed:
 *
 * Tells every view that the store's contents changed.
 */
void
rd_context_emit_changed (RdContext *self)
{
  g_return_if_fail (RD_IS_CONTEXT (self));

  /* Everything may have changed: RD_STORE_CHANGE_* all set, no one case. */
  g_signal_emit (self, signals[CHANGED], 0, (guint) 0xf, (gint64) 0);
}

/**
 * rd_context_get_calendar:
 *
 * Returns: (transfer none) (nullable): the working-day calendar of the open
 *   store (its division and holiday data), or %NULL without a store
 */
RdCalendar *
rd_context_get_calendar (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return self->store != NULL ? rd_store_get_calendar (RD_STORE (self->store)) : NULL;
}
