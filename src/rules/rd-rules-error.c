/* rd-rules-error.c: what the lifecycle rules refuse, and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-rules"

#include "config.h"

#include "rd-rules-error.h"

G_DEFINE_QUARK (rd - rules - error - quark, rd_rules_error)
