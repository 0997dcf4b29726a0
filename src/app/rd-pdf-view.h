/* rd-pdf-view.h: a PDF shown page by page, rendered with Poppler, zoomable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <poppler.h>

G_BEGIN_DECLS

#define RD_TYPE_PDF_VIEW (rd_pdf_view_get_type ())

G_DECLARE_FINAL_TYPE (RdPdfView, rd_pdf_view, RD, PDF_VIEW, GtkWidget)

#define RD_PDF_VIEW_MIN_ZOOM 0.25
#define RD_PDF_VIEW_MAX_ZOOM 4.0

/*
 * Put it in a GtkScrolledWindow: it asks for the size of its pages at the
 * zoom, stacked with a gap between them. Ctrl+scroll zooms too.
 *
 * Properties: "document" (PopplerDocument, nullable), "zoom" (double,
 * 1.0 = 72 points to 96 pixels, i.e. actual size on a typical screen).
 */
GtkWidget       *rd_pdf_view_new (void);
void             rd_pdf_view_set_document (RdPdfView *self, PopplerDocument *document);
PopplerDocument *rd_pdf_view_get_document (RdPdfView *self);
/* Shows the PDF in @pdf (keeps a reference to the bytes). */
gboolean rd_pdf_view_load_bytes (RdPdfView *self, GBytes *pdf, GError **error);
int      rd_pdf_view_get_n_pages (RdPdfView *self);

void   rd_pdf_view_set_zoom (RdPdfView *self, double zoom);
double rd_pdf_view_get_zoom (RdPdfView *self);
void   rd_pdf_view_zoom_in (RdPdfView *self);
void   rd_pdf_view_zoom_out (RdPdfView *self);

G_END_DECLS
