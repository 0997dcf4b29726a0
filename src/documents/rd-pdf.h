/* rd-pdf.h: shared helpers for writing PDF documents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A4 in PostScript points (1/72 inch), as Cairo's PDF surface measures. */
#define RD_PDF_A4_WIDTH  595.2755905511812
#define RD_PDF_A4_HEIGHT 841.8897637795276

double rd_pdf_mm_to_pt (double mm);

G_END_DECLS
