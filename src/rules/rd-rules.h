/* rd-rules.h: the rules layer in one include.
 *
 * Pure domain rules on GLib (json-glib for the holiday data): the UK
 * working-day calendar, the deadlines and the case lifecycle. No I/O: data
 * comes in as arguments. See docs/rules.md for each rule and its source.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-calendar.h"
#include "rd-case-state.h"
#include "rd-date.h"
#include "rd-deadline.h"
#include "rd-division.h"
#include "rd-event.h"
#include "rd-holidays.h"
#include "rd-rules-error.h"
#include "rd-status.h"
