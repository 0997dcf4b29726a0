/* rd-document.h: a document attached to a case (metadata; content in the store).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RD_TYPE_DOCUMENT (rd_document_get_type ())

G_DECLARE_FINAL_TYPE (RdDocument, rd_document, RD, DOCUMENT, GObject)

/**
 * RdDocument:
 *
 * What the store knows about an attachment: its file name, media type,
 * kind ("evidence", "consent", "identity", "correspondence", "letter",
 * "bundle"), size in bytes, SHA-256 (lower-case hex), when and by whom it
 * was added. The content stays in the store; read it in pieces with
 * rd_store_open_document() or copy it out with rd_store_save_document().
 */

#define RD_DOCUMENT_KIND_EVIDENCE       "evidence"
#define RD_DOCUMENT_KIND_CONSENT        "consent"
#define RD_DOCUMENT_KIND_IDENTITY       "identity"
#define RD_DOCUMENT_KIND_CORRESPONDENCE "correspondence"
#define RD_DOCUMENT_KIND_LETTER         "letter"
#define RD_DOCUMENT_KIND_BUNDLE         "bundle"

gint64      rd_document_get_id (RdDocument *self);
gint64      rd_document_get_case_id (RdDocument *self);
const char *rd_document_get_name (RdDocument *self);
const char *rd_document_get_media_type (RdDocument *self);
const char *rd_document_get_kind (RdDocument *self);
goffset     rd_document_get_size (RdDocument *self);
const char *rd_document_get_sha256 (RdDocument *self);
GDateTime  *rd_document_get_added_at (RdDocument *self);
const char *rd_document_get_added_by (RdDocument *self);

gboolean rd_document_kind_is_valid (const char *kind);

G_END_DECLS
