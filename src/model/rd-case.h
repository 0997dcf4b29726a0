/* rd-case.h: one complaint as the store keeps it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rd-person.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE (rd_case_get_type ())

G_DECLARE_FINAL_TYPE (RdCase, rd_case, RD, CASE, GObject)

/**
 * RdCase:
 *
 * A complaint: its reference (e.g. "DPC-2026-0001", given by the store),
 * the date it was received, the channel it came by ("post", "email",
 * "phone", "in-person" or "web"), a summary, the reference of the earlier
 * request it is about (free text, may be empty), the data subject, and the
 * representative with the kind of authority they hold, if any.
 *
 * Status, next due date and retain-until date are read-only here: the store
 * works them out from the case's events through the rules (see
 * rd_store_get_case_state()) and keeps a copy for sorting and filtering.
 *
 * Make a new case with rd_case_new(), fill it in, and give it to
 * rd_store_add_case(), which saves it with its people and a "received"
 * event and sets its id and reference. Objects the store returns are
 * snapshots: rd_store_update_case() saves edits to the summary, channel,
 * about reference, representative and authority.
 */

/* Authority kinds of a representative (rd_case_set_representative()). */
#define RD_AUTHORITY_WRITTEN_CONSENT         "written-consent"
#define RD_AUTHORITY_POWER_OF_ATTORNEY       "power-of-attorney"
#define RD_AUTHORITY_PARENTAL_RESPONSIBILITY "parental-responsibility"
#define RD_AUTHORITY_COURT_DEPUTY            "court-deputy"
#define RD_AUTHORITY_LEGAL_REPRESENTATIVE    "legal-representative"
#define RD_AUTHORITY_OTHER                   "other"

RdCase *rd_case_new (void);

gint64 rd_case_get_id (RdCase *self);
/* NULL until the store has saved the case. */
const char  *rd_case_get_reference (RdCase *self);
const GDate *rd_case_get_received (RdCase *self);
void         rd_case_set_received (RdCase *self, const GDate *received);
const char  *rd_case_get_channel (RdCase *self);
void         rd_case_set_channel (RdCase *self, const char *channel);
const char  *rd_case_get_summary (RdCase *self);
void         rd_case_set_summary (RdCase *self, const char *summary);
const char  *rd_case_get_about (RdCase *self);
void         rd_case_set_about (RdCase *self, const char *about);

/* The data subject (required). */
RdPerson *rd_case_get_subject (RdCase *self);
void      rd_case_set_subject (RdCase *self, RdPerson *subject);
/* The representative, or NULL; authority is one of RD_AUTHORITY_*. */
RdPerson   *rd_case_get_representative (RdCase *self);
const char *rd_case_get_authority (RdCase *self);
void rd_case_set_representative (RdCase *self, RdPerson *representative, const char *authority);

/* The person letters go to: the representative if any, else the subject. */
RdPerson *rd_case_get_correspondent (RdCase *self);

/* Cached from the rules when the store last changed the case. */
const char  *rd_case_get_status (RdCase *self);
const GDate *rd_case_get_next_due (RdCase *self);
const GDate *rd_case_get_retain_until (RdCase *self);

/* Checks the values given in a channel / authority option. */
gboolean rd_case_channel_is_valid (const char *channel);
gboolean rd_case_authority_is_valid (const char *authority);

G_END_DECLS
