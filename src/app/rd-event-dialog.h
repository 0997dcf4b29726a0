/* rd-event-dialog.h: record one step of a case (an event of any kind).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-context.h"
#include "rd-model.h"
#include "rd-rules.h"

G_BEGIN_DECLS

#define RD_TYPE_EVENT_DIALOG (rd_event_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RdEventDialog, rd_event_dialog, RD, EVENT_DIALOG, GtkWindow)

RdEventDialog *rd_event_dialog_new (GtkWindow  *parent,
                                    RdContext  *context,
                                    RdCase     *kase,
                                    RdEventKind kind);
RdEventDialog *rd_event_dialog_present (GtkWindow  *parent,
                                        RdContext  *context,
                                        RdCase     *kase,
                                        RdEventKind kind);

/* Whether the dialog has a form for @kind (every kind but "received" and
 * "destroyed", which come from New Complaint and from destruction). */
gboolean rd_event_dialog_supports_kind (RdEventKind kind);

/* For tests. Fields are named for rd_form_lookup(): "date", "note", and by
 * kind "document", "checked-by", "reason", "notified", "outcome-upheld",
 * "outcome-partly-upheld", "outcome-not-upheld", "summary", "factor-1" …
 * "factor-5", "factors" (the group, for its message), "reasons", "rights-told", "ico-ref", "ico-due", "sent-by", "months". */
RdEventKind rd_event_dialog_get_kind (RdEventDialog *self);
gboolean    rd_event_dialog_can_save (RdEventDialog *self);
const char *rd_event_dialog_get_banner (RdEventDialog *self);
gint64      rd_event_dialog_get_event_id (RdEventDialog *self);

G_END_DECLS
