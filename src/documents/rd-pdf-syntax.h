/* rd-pdf-syntax.h: the PDF copier's private object model, parser, writer and
 * cross-reference reader. Not installed; used by rd-pdf-copy.c only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Nesting of arrays and dictionaries, and of page tree nodes, beyond which a
 * file is taken as damaged (or hostile) rather than recursed into. */
#define RD_PDF_MAX_DEPTH 64

typedef enum
{
  RD_PDF_NULL,
  RD_PDF_BOOL,
  RD_PDF_INT,
  RD_PDF_REAL,
  RD_PDF_STRING,
  RD_PDF_NAME,
  RD_PDF_ARRAY,
  RD_PDF_DICT,
  RD_PDF_REF,
  RD_PDF_STREAM,
} RdPdfKind;

typedef struct _RdPdfObj RdPdfObj;

struct _RdPdfObj
{
  RdPdfKind kind;
  /* array: items; dict and stream: pairs; string and name: bytes */
  guint n;
  union
  {
    gboolean b;
    gint64   i;
    double   r;
    /* string, name: owned, NUL-terminated (names never hold NUL) */
    char *s;
    /* array: n items; dict, stream: 2n, a name key then its value; owned */
    RdPdfObj **items;
    struct
    {
      guint32 num;
      guint32 gen;
    } ref;
  } v;
  /* stream: where its raw (still encoded) bytes lie in the document */
  gsize stream_start;
  gsize stream_len;
};

void      rd_pdf_obj_free (RdPdfObj *obj);
RdPdfObj *rd_pdf_obj_copy (const RdPdfObj *obj);
RdPdfObj *rd_pdf_obj_new_null (void);
/* The value under @key of a dictionary or stream, or NULL; borrowed. */
RdPdfObj *rd_pdf_dict_get (const RdPdfObj *dict, const char *key);
gboolean  rd_pdf_obj_is_name (const RdPdfObj *obj, const char *name);
gboolean  rd_pdf_obj_get_number (const RdPdfObj *obj, double *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPdfObj, rd_pdf_obj_free)

typedef struct _RdPdfDoc RdPdfDoc;

/* Parses one direct object at *@pos of @data (indirect references are kept as
 * references; no streams). */
RdPdfObj *rd_pdf_parse_object (const guint8 *data,
                               gsize         len,
                               gsize        *pos,
                               guint         depth,
                               GError      **error);

/* Parses "N G obj ... endobj" at @offset of @doc's data; a stream's /Length
 * is resolved through @doc, and its end found by "endstream" if wrong. */
RdPdfObj *rd_pdf_parse_indirect (RdPdfDoc *doc,
                                 gsize     offset,
                                 guint32  *num,
                                 guint32  *gen,
                                 GError  **error);

/* Output of objects: ref_map maps a source object number to the number it has
 * in the output, or 0 for null. */
typedef guint32 (*RdPdfRefMap) (gpointer user_data, guint32 num);

void rd_pdf_write_int (GString *out, gint64 value);
void rd_pdf_write_real (GString *out, double value);
void rd_pdf_write_name (GString *out, const char *name);
/* Writes @obj (not a stream's data) with references mapped; with
 * @drop_parent, a dictionary's /Parent entry is left out. */
void rd_pdf_write_value (GString        *out,
                         const RdPdfObj *obj,
                         RdPdfRefMap     map,
                         gpointer        user_data,
                         gboolean        drop_parent);
/* Writes a dictionary's (or stream's) entries without "<<" ">>" and without
 * the keys in @skip (NULL-terminated). */
void rd_pdf_write_dict_entries (GString           *out,
                                const RdPdfObj    *dict,
                                const char *const *skip,
                                RdPdfRefMap        map,
                                gpointer           user_data,
                                gboolean           drop_parent);

/* The document: cross-reference data over bytes that are kept, not copied. */
RdPdfDoc *rd_pdf_doc_new (GBytes *bytes, GError **error);
void      rd_pdf_doc_free (RdPdfDoc *doc);
/* Where the next "endstream" from @start is, or G_MAXSIZE. */
gsize rd_pdf_doc_find_endstream (RdPdfDoc *doc, gsize start);
/* Finds the objects by scanning the file, as viewers repair a damaged one. */
gboolean      rd_pdf_doc_rebuild (RdPdfDoc *doc, GError **error);
gboolean      rd_pdf_doc_is_rebuilt (RdPdfDoc *doc);
const guint8 *rd_pdf_doc_get_data (RdPdfDoc *doc, gsize *len);
/* The trailer dictionary (borrowed). */
const RdPdfObj *rd_pdf_doc_get_trailer (RdPdfDoc *doc);
/* One more than the highest object number the cross-reference knows. */
guint32  rd_pdf_doc_get_size (RdPdfDoc *doc);
gboolean rd_pdf_doc_has_object (RdPdfDoc *doc, guint32 num);
/* Object @num, owned; a null object if the file does not hold it. */
RdPdfObj *rd_pdf_doc_get_object (RdPdfDoc *doc, guint32 num, GError **error);
/* @obj itself copied, or what it refers to. */
RdPdfObj *rd_pdf_doc_resolve (RdPdfDoc *doc, const RdPdfObj *obj, GError **error);
/* A stream's data with its filters undone (FlateDecode with PNG predictors
 * only, else RD_PDF_COPY_ERROR_UNSUPPORTED). */
GBytes *rd_pdf_doc_decode_stream (RdPdfDoc *doc, const RdPdfObj *stream, GError **error);
/* Whether a stream's /Filter is none or /FlateDecode without parameters. */
gboolean rd_pdf_stream_is_plain_flate (const RdPdfObj *stream, gboolean *compressed);

GBytes *rd_pdf_deflate (const guint8 *data, gsize len, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPdfDoc, rd_pdf_doc_free)

/* For the tests: whether the source's cross-reference had to be rebuilt by
 * scanning (so that a reader that only got there by repair is seen). */
typedef struct _RdPdfSource RdPdfSource;
gboolean                    _rd_pdf_source_was_rebuilt (RdPdfSource *source);

G_END_DECLS
