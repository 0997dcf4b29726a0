/* rd-case-page.h: one case: who, where it stands, what is due, what happened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-context.h"
#include "rd-model.h"
#include "rd-rules.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_PAGE (rd_case_page_get_type ())

G_DECLARE_FINAL_TYPE (RdCasePage, rd_case_page, RD, CASE_PAGE, GtkWidget)

/*
 * Signal "files-dropped" (GdkFileList *files): files were dropped on the
 * page; the window attaches them to the case.
 *
 * The page's buttons for next steps activate "win.record-event" with the
 * event kind's id; documents "win.open-document" / "win.save-document"
 * with the document's id (int64).
 */

void rd_case_page_set_context (RdCasePage *self, RdContext *context);
/* Shows the case (0: none); FALSE with @error if it cannot be read. */
gboolean rd_case_page_set_case_id (RdCasePage *self, gint64 case_id, GError **error);
gint64   rd_case_page_get_case_id (RdCasePage *self);
RdCase  *rd_case_page_get_case (RdCasePage *self);
/* The rules' view of the case as last loaded (nullable). */
RdCaseState *rd_case_page_get_state (RdCasePage *self);
/* Reads the case again from the store (after a change). */
void rd_case_page_reload (RdCasePage *self);

/* For tests and the window. */
GtkWidget  *rd_case_page_get_action_button (RdCasePage *self, RdEventKind kind);
GtkWidget  *rd_case_page_get_deadline_popover (RdCasePage *self, RdDeadlineKind kind);
const char *rd_case_page_get_status_text (RdCasePage *self);
const char *rd_case_page_get_next_due_text (RdCasePage *self);
const char *rd_case_page_get_next_date_text (RdCasePage *self);
const char *rd_case_page_get_representative_text (RdCasePage *self);
guint       rd_case_page_get_n_events (RdCasePage *self);
guint       rd_case_page_get_n_documents (RdCasePage *self);
char       *rd_case_page_dup_timeline_text (RdCasePage *self);
char       *rd_case_page_dup_deadlines_text (RdCasePage *self);

G_END_DECLS
