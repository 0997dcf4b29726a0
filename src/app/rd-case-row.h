/* rd-case-row.h: one case in the case list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-context.h"
#include "rd-model.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_ROW (rd_case_row_get_type ())

G_DECLARE_FINAL_TYPE (RdCaseRow, rd_case_row, RD, CASE_ROW, GtkWidget)

RdCaseRow *rd_case_row_new (void);
/* @item may be NULL (a recycled row). @context gives today and the calendar. */
void        rd_case_row_set_item (RdCaseRow *self, RdCaseListItem *item, RdContext *context);
const char *rd_case_row_get_reference_text (RdCaseRow *self);
const char *rd_case_row_get_due_text (RdCaseRow *self);
const char *rd_case_row_get_urgency_class (RdCaseRow *self);
const char *rd_case_row_get_status_text (RdCaseRow *self);

G_END_DECLS
