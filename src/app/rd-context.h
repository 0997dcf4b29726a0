/* rd-context.h: the one object that owns the open store and the settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Declared by the model layer (rd-model.h); repeated here so that this
 * header can be included on its own. C11 allows the typedef twice. */
typedef struct _RdStore    RdStore;
typedef struct _RdCalendar RdCalendar;
typedef struct _RdCalendar RdCalendar;

#define RD_TYPE_CONTEXT (rd_context_get_type ())

G_DECLARE_FINAL_TYPE (RdContext, rd_context, RD, CONTEXT, GObject)

/**
 * RdContext:
 *
 * Owns what every window and dialog of one window shares: the open case
 * store (none until the clerk creates or opens one), the application's
 * settings and the day Redress treats as "today".
 *
 * Properties: "store" (RdStore, nullable, notifies when another store is
 * opened or the store is closed), "settings" (GSettings, construct-only,
 * nullable).
 *
 * Signals: "changed" (guint what, gint64 case_id): the contents of the
 * open store changed (this window, another window or redress-cli wrote to
 * it), relayed from RdStore::changed with its RdStoreChange flags and the
 * case concerned (0: several or unknown); views reload what they show.
 *
 * "Today" is the local date, or the date in $REDRESS_TODAY (YYYY-MM-DD)
 * when that is set, so that tests and screenshots see a fixed day.
 */

RdContext *rd_context_new (GSettings *settings);

RdStore   *rd_context_get_store (RdContext *self);
void       rd_context_set_store (RdContext *self, RdStore *store);
GSettings *rd_context_get_settings (RdContext *self);

void rd_context_get_today (RdContext *self, GDate *out_today);
void rd_context_set_today (RdContext *self, const GDate *today);

void rd_context_emit_changed (RdContext *self);

/* The working-day calendar of the open store's division and holiday data
 * (for "due in N working days"); NULL while no store is open. */
RdCalendar *rd_context_get_calendar (RdContext *self);

G_END_DECLS
