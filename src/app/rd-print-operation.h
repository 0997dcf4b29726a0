/* rd-print-operation.h: printing a letter with the same drawing code as its PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-letter.h"

G_BEGIN_DECLS

#define RD_TYPE_PRINT_OPERATION (rd_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (RdPrintOperation, rd_print_operation, RD, PRINT_OPERATION, GtkPrintOperation)

/*
 * A4, portrait, full page, in points: draw-page calls rd_letter_draw_page()
 * on the printer's cairo_t, so the paper matches the PDF. The address must
 * land in the envelope window, so the page is never scaled to fit.
 */
RdPrintOperation *rd_print_operation_new (RdLetter *letter);
/* A calibration sheet with the council's offset (rd_letter_draw_calibration_page()). */
RdPrintOperation *rd_print_operation_new_calibration (double dx_mm, double dy_mm);

G_END_DECLS
