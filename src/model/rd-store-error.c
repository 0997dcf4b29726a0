/* rd-store-error.c: the errors the case store can report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include "rd-store-error.h"

G_DEFINE_QUARK (rd - store - error - quark, rd_store_error)
