/* rd-store-error.h: the errors the case store can report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_STORE_ERROR (rd_store_error_quark ())

/**
 * RdStoreError:
 * @RD_STORE_ERROR_LOCKED: another program holds the store for too long
 * @RD_STORE_ERROR_NEWER_VERSION: the store was written by a newer Redress
 * @RD_STORE_ERROR_NOT_A_STORE: the file is not a Redress store
 * @RD_STORE_ERROR_CORRUPT: the store is damaged
 * @RD_STORE_ERROR_DISK_FULL: there is no room left on the disk
 * @RD_STORE_ERROR_READ_ONLY: the store or its folder cannot be written
 * @RD_STORE_ERROR_TOO_LARGE: a document is larger than the council allows
 * @RD_STORE_ERROR_NOT_FOUND: no such case, person or document
 * @RD_STORE_ERROR_RULE: the rules do not allow what was asked
 * @RD_STORE_ERROR_INVALID: a value given to the store is not valid
 * @RD_STORE_ERROR_RESTRICTED: the person has restricted processing of their data
 * @RD_STORE_ERROR_FAILED: anything else
 *
 * Every message that comes with one of these is a sentence a clerk can act on.
 */
typedef enum
{
  RD_STORE_ERROR_LOCKED,
  RD_STORE_ERROR_NEWER_VERSION,
  RD_STORE_ERROR_NOT_A_STORE,
  RD_STORE_ERROR_CORRUPT,
  RD_STORE_ERROR_DISK_FULL,
  RD_STORE_ERROR_READ_ONLY,
  RD_STORE_ERROR_TOO_LARGE,
  RD_STORE_ERROR_NOT_FOUND,
  RD_STORE_ERROR_RULE,
  RD_STORE_ERROR_INVALID,
  RD_STORE_ERROR_RESTRICTED,
  RD_STORE_ERROR_FAILED,
} RdStoreError;

GQuark rd_store_error_quark (void);

G_END_DECLS
