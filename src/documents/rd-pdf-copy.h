/* rd-pdf-copy.h: pages of existing PDFs copied, object for object, into a
 * PDF that Cairo wrote.
 *
 * The ICO bundle's own pages (cover, index, chronology, stamps, running
 * headers, outline, links) are drawn by Cairo into a "skeleton" PDF. An
 * attached PDF's pages are then not re-rendered: each page's content stream
 * and the objects it uses (fonts, images, forms) are copied as they are into
 * the result, as a form XObject drawn under the skeleton page's own drawing,
 * scaled into a rectangle clear of the stamp. The text stays text and the
 * pictures stay the pictures the sender made, and copying costs about what
 * pdfunite's concatenation costs, where re-rendering through Poppler costs
 * ten times more.
 *
 * The copier only takes what it can copy faithfully. A file it cannot
 * (encrypted, form fields or other annotations that are drawn, optional
 * content, a damaged cross-reference table, ...) is refused with
 * RD_PDF_COPY_ERROR_UNSUPPORTED or RD_PDF_COPY_ERROR_MALFORMED, and the
 * caller renders it through Poppler instead, as before.
 *
 * Plain GLib and GIO: no Cairo, Pango or Poppler here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RD_PDF_COPY_ERROR (rd_pdf_copy_error_quark ())

typedef enum
{
  /* A PDF this copier does not copy faithfully (the message says why, for
   * the log; not meant for a clerk): render it through Poppler instead. */
  RD_PDF_COPY_ERROR_UNSUPPORTED,
  /* Not a PDF, or damaged past what the copier reads. */
  RD_PDF_COPY_ERROR_MALFORMED,
} RdPdfCopyError;

GQuark rd_pdf_copy_error_quark (void);

typedef struct _RdPdfSource RdPdfSource;

/*
 * Reads the cross-reference data and the page tree of the PDF in @bytes
 * (kept, not copied) and checks that every page can be copied. Fails with
 * RD_PDF_COPY_ERROR_* as above.
 */
RdPdfSource *rd_pdf_source_new (GBytes *bytes, GError **error);
void         rd_pdf_source_free (RdPdfSource *source);
guint        rd_pdf_source_get_n_pages (RdPdfSource *source);
/*
 * The size of page @page (from 0) as it is shown: its crop box (within the
 * media box) after its /Rotate, in points, as poppler_page_get_size() gives.
 */
void rd_pdf_source_get_page_size (RdPdfSource *source, guint page, double *width, double *height);

typedef struct _RdPdfMerge RdPdfMerge;

/*
 * Starts writing to @output a copy of @skeleton (a PDF written by Cairo),
 * into which pages of other PDFs will be placed. @skeleton is read, never
 * changed; it must stay as it is until rd_pdf_merge_finish() returns. A
 * local skeleton is mapped into memory, not read, until rd_pdf_merge_free():
 * free the merge before deleting the file (Windows refuses to delete a
 * mapped file).
 */
RdPdfMerge *rd_pdf_merge_new (GFile *skeleton, GOutputStream *output, GError **error);

/*
 * Draws page @source_page (from 0) of @source under the skeleton's own drawing
 * of its page @target_page (from 0), the source page's shown box (see
 * rd_pdf_source_get_page_size()) scaled into the rectangle @x, @y, @width,
 * @height, given as Cairo gave it for that page: in points, from the page's
 * top left corner. Pages are placed in increasing @target_page order, once
 * each. The source page's objects are written at once, and objects shared
 * by several pages of one source are written once; @source may be freed as
 * soon as its last page is placed.
 *
 * The placed page is drawn first, under the skeleton page's drawing: the
 * skeleton must not paint an opaque background on a page that gets one.
 *
 * If it fails with RD_PDF_COPY_ERROR (an object of @source turned out to be
 * damaged or not copyable), the merge stays usable: @target_page keeps only
 * the skeleton's drawing (and may still be placed on again). If it fails
 * with G_IO_ERROR (writing, or cancelled), the merge is finished with: free it.
 */
gboolean rd_pdf_merge_place (RdPdfMerge   *merge,
                             guint         target_page,
                             RdPdfSource  *source,
                             guint         source_page,
                             double        x,
                             double        y,
                             double        width,
                             double        height,
                             GCancellable *cancellable,
                             GError      **error);

/*
 * Writes the skeleton's pages, outline, links and metadata with the placed
 * pages under them, then the cross-reference table. Does not close @output.
 */
gboolean rd_pdf_merge_finish (RdPdfMerge *merge, GCancellable *cancellable, GError **error);
void     rd_pdf_merge_free (RdPdfMerge *merge);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPdfSource, rd_pdf_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPdfMerge, rd_pdf_merge_free)

G_END_DECLS
