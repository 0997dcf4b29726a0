/* rd-pdf-copy.c: pages of existing PDFs copied, object for object, into a
 * PDF that Cairo wrote. See rd-pdf-copy.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-pdf-copy.h"

G_DEFINE_QUARK (rd - pdf - copy - error - quark, rd_pdf_copy_error)

/* A first stand-in: every PDF is refused, so callers render it through Poppler. */

struct _RdPdfSource
{
  GBytes *bytes;
};

struct _RdPdfMerge
{
  GOutputStream *output;
};

RdPdfSource *
rd_pdf_source_new (GBytes *bytes, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_set_error_literal (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_UNSUPPORTED,
                       "PDF copying is not written yet");
  return NULL;
}

void
rd_pdf_source_free (RdPdfSource *source)
{
  if (source == NULL)
    return;
  g_bytes_unref (source->bytes);
  g_free (source);
}

guint
rd_pdf_source_get_n_pages (RdPdfSource *source)
{
  g_return_val_if_fail (source != NULL, 0);
  return 0;
}

void
rd_pdf_source_get_page_size (RdPdfSource *source, guint page, double *width, double *height)
{
  g_return_if_fail (source != NULL);
  (void) page;
  *width = *height = 0;
}

RdPdfMerge *
rd_pdf_merge_new (GFile *skeleton, GOutputStream *output, GError **error)
{
  g_return_val_if_fail (G_IS_FILE (skeleton), NULL);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), NULL);

  g_set_error_literal (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_UNSUPPORTED,
                       "PDF copying is not written yet");
  return NULL;
}

gboolean
rd_pdf_merge_place (RdPdfMerge   *merge,
                    guint         target_page,
                    RdPdfSource  *source,
                    guint         source_page,
                    double        x,
                    double        y,
                    double        width,
                    double        height,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_return_val_if_fail (merge != NULL, FALSE);
  (void) target_page, (void) source, (void) source_page, (void) x, (void) y, (void) width,
      (void) height, (void) cancellable;
  g_set_error_literal (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_UNSUPPORTED,
                       "PDF copying is not written yet");
  return FALSE;
}

gboolean
rd_pdf_merge_finish (RdPdfMerge *merge, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (merge != NULL, FALSE);
  (void) cancellable;
  g_set_error_literal (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_UNSUPPORTED,
                       "PDF copying is not written yet");
  return FALSE;
}

void
rd_pdf_merge_free (RdPdfMerge *merge)
{
  if (merge == NULL)
    return;
  g_clear_object (&merge->output);
  g_free (merge);
}
