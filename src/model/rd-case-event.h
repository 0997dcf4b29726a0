/* rd-case-event.h: one event on a case's timeline, as the store keeps it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-rules.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_EVENT (rd_case_event_get_type ())

G_DECLARE_FINAL_TYPE (RdCaseEvent, rd_case_event, RD, CASE_EVENT, GObject)

/**
 * RdCaseEvent:
 *
 * An event of a case's lifecycle: its kind (the rules' event kind id, e.g.
 * "identity-verified"), the day it happened, a note, who recorded it and
 * when (set by the store), an optional document (e.g. the letter as sent),
 * and kind-specific details.
 *
 * Details are a JSON object kept in one column of the events table, so a
 * new kind of detail needs no migration. The keys the store and the rules
 * understand are the RD_DETAIL_* names below; dates in details are ISO 8601
 * strings ("2026-05-04").
 */

/* identity-verified: "passport", "driving-licence" or "other"; who checked. */
#define RD_DETAIL_DOCUMENT   "document"
#define RD_DETAIL_CHECKED_BY "checked_by"
/* extended: why, and the day the complainant was told (a date). */
#define RD_DETAIL_REASON   "reason"
#define RD_DETAIL_NOTIFIED "notified"
/* extended: 1 or 2 further months (an integer); absent means 2. */
#define RD_DETAIL_MONTHS "months"
/* refused: the policy's factors (array of 1–5) and the written reasons. */
#define RD_DETAIL_FACTORS "factors"
#define RD_DETAIL_REASONS "reasons"
/*
 * refused: whether the letter told of the rights to complain to the ICO and to
 * a judicial remedy (a boolean); absent means TRUE, since Redress's refusal
 * letter always does.
 */
#define RD_DETAIL_RIGHTS_TOLD "rights_told"
/* outcome-sent, review-outcome-sent: "upheld", "partly-upheld", "not-upheld". */
#define RD_DETAIL_OUTCOME "outcome"
/* outcome-sent, review-outcome-sent: the summary of the outcome, for the letter. */
#define RD_DETAIL_SUMMARY "summary"
/* clarification-requested: the question asked, for the letter. */
#define RD_DETAIL_QUESTION "question"
/* ico-notified: the ICO's case reference (required) and the ICO's deadline (a date). */
#define RD_DETAIL_ICO_REF "ico_ref"
#define RD_DETAIL_ICO_DUE "ico_due"
/* Letters: "post" or "email", and the letter type (documents layer). */
#define RD_DETAIL_CHANNEL "channel"
#define RD_DETAIL_LETTER  "letter"

RdCaseEvent *rd_case_event_new (const char *kind, const GDate *on);

gint64       rd_case_event_get_id (RdCaseEvent *self);
gint64       rd_case_event_get_case_id (RdCaseEvent *self);
const char  *rd_case_event_get_kind (RdCaseEvent *self);
const GDate *rd_case_event_get_date (RdCaseEvent *self);
void         rd_case_event_set_date (RdCaseEvent *self, const GDate *on);
const char  *rd_case_event_get_note (RdCaseEvent *self);
void         rd_case_event_set_note (RdCaseEvent *self, const char *note);
/* Set by the store when it records the event. */
const char *rd_case_event_get_recorded_by (RdCaseEvent *self);
GDateTime  *rd_case_event_get_recorded_at (RdCaseEvent *self);
/* 0 when no document goes with the event. */
gint64 rd_case_event_get_document_id (RdCaseEvent *self);
void   rd_case_event_set_document_id (RdCaseEvent *self, gint64 document_id);

/* Details: borrowed object, never NULL. */
JsonObject *rd_case_event_get_details (RdCaseEvent *self);
const char *rd_case_event_get_detail (RdCaseEvent *self, const char *key);
void        rd_case_event_set_detail (RdCaseEvent *self, const char *key, const char *value);
gboolean    rd_case_event_get_detail_date (RdCaseEvent *self, const char *key, GDate *out_date);
void        rd_case_event_set_detail_date (RdCaseEvent *self, const char *key, const GDate *date);
/* The refusal factors, numbered 1–5 as the policy lists them. */
GArray *rd_case_event_get_factors (RdCaseEvent *self);
void    rd_case_event_set_factors (RdCaseEvent *self, const guint *factors, gsize n_factors);

/*
 * The event as the rules take it (kind, day, and the facts its details
 * give). An unknown kind becomes a note.
 */
void rd_case_event_to_rules (RdCaseEvent *self, RdEvent *out_event);

G_END_DECLS
