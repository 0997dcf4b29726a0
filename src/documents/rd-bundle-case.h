/* rd-bundle-case.h: the ICO bundle of a case in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-bundle.h"
#include "rd-model.h"

G_BEGIN_DECLS

/*
 * Describes the bundle of @kase as of @today (NULL: the store's today): the
 * cover from the council's settings and the case, the chronology from its
 * events, the deadlines table from the rules' fold of those events, and
 * every document of the case (but earlier bundles) in its section, all
 * included. Each document's tag is its id in the store.
 *
 * The documents are read, when the bundle is built, through a connection of
 * their own to the same store file, so the build may run in a worker thread
 * while the app goes on using @store.
 */
RdBundleSpec *rd_bundle_spec_new_for_case (RdStore     *store,
                                           RdCase      *kase,
                                           const GDate *today,
                                           GError     **error);

/*
 * Saves a finished bundle into the case's documents (kind "bundle") and
 * checks that the store's SHA-256 of it is @sha256, the one computed as it
 * was written. Returns the new document's id, 0 on error.
 */
gint64 rd_bundle_save_to_case (RdStore      *store,
                               RdCase       *kase,
                               GFile        *bundle,
                               const char   *sha256,
                               GCancellable *cancellable,
                               GError      **error);

G_END_DECLS
