/* rd-pdf.c: shared helpers for writing PDF documents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-documents"

#include "config.h"

#include "rd-pdf.h"

double
rd_pdf_mm_to_pt (double mm)
{
  return mm * 72.0 / 25.4;
}
