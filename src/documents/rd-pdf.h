/* rd-pdf.h: shared helpers for writing PDF documents.
 *
 * RdPdfWriter follows the exporter shape of Papers: begin, then for each
 * page begin_page / draw onto the cairo_t it returns / end_page, then
 * finish. Written to a file, the PDF goes to a temporary file beside the
 * target and is renamed into place only once it is complete, so a crash or a
 * full disk never leaves half a PDF under the target's name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* A4 in PostScript points (1/72 inch), as Cairo's PDF surface measures. */
#define RD_PDF_A4_WIDTH  595.2755905511812
#define RD_PDF_A4_HEIGHT 841.8897637795276

double rd_pdf_mm_to_pt (double mm);

typedef struct _RdPdfWriter RdPdfWriter;

/* Writes into memory; take the PDF with rd_pdf_writer_finish_bytes(). */
RdPdfWriter *rd_pdf_writer_new (void);
/* Writes to @file through a temporary file in the same folder. */
RdPdfWriter *rd_pdf_writer_new_for_file (GFile *file, GError **error);
void         rd_pdf_writer_set_title (RdPdfWriter *self, const char *title);

/* The returned cairo_t is borrowed, valid until rd_pdf_writer_end_page(). */
cairo_t *rd_pdf_writer_begin_page (RdPdfWriter *self, double width, double height);
void     rd_pdf_writer_end_page (RdPdfWriter *self);

/* Finishes a writer made with rd_pdf_writer_new_for_file() and frees it. */
gboolean rd_pdf_writer_finish (RdPdfWriter *self, GError **error);
/* Finishes a writer made with rd_pdf_writer_new() and frees it. */
GBytes *rd_pdf_writer_finish_bytes (RdPdfWriter *self, GError **error);
/* Gives up: removes the temporary file, if any, and frees the writer. */
void rd_pdf_writer_free (RdPdfWriter *self);

/*
 * Writes @bytes to @file through a temporary file beside it, renamed into
 * place on success.
 */
gboolean rd_pdf_save_bytes (GBytes *bytes, GFile *file, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPdfWriter, rd_pdf_writer_free)

G_END_DECLS
