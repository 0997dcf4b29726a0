/* rd-deadline-popover.h: "How was this worked out?" for one deadline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-rules.h"

G_BEGIN_DECLS

#define RD_TYPE_DEADLINE_POPOVER (rd_deadline_popover_get_type ())

G_DECLARE_FINAL_TYPE (RdDeadlinePopover, rd_deadline_popover, RD, DEADLINE_POPOVER, GtkPopover)

/* Copies what it shows out of @deadline: the popover outlives no state. */
GtkWidget *rd_deadline_popover_new (const RdDeadline *deadline);
/* Everything the popover says, one line a fact, for tests and screen readers. */
char *rd_deadline_popover_dup_text (RdDeadlinePopover *self);

G_END_DECLS
