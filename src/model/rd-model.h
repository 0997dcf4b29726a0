/* rd-model.h: the model layer: GObject types over the case store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-case-event.h"
#include "rd-case-list.h"
#include "rd-case.h"
#include "rd-document.h"
#include "rd-person.h"
#include "rd-store-error.h"
#include "rd-store.h"
