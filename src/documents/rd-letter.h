/* rd-letter.h: one letter, laid out on A4 for a left-window DL envelope.
 *
 * A letter is made from a template (the council's override or the one
 * shipped with Redress), a set of named fields (rd-letter-type.h lists them),
 * the council's logo and a few options. rd_letter_compose() expands the
 * template into a subject and a body; the clerk may then change the body with
 * rd_letter_set_body(), and that text is what is drawn and kept.
 *
 * One routine, rd_letter_draw_page(), draws a page onto any cairo_t in
 * PostScript points with the origin at the top left of the A4 sheet: the PDF
 * export, the preview and GtkPrintOperation's draw-page all call it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "rd-letter-type.h"

G_BEGIN_DECLS

#define RD_TYPE_LETTER (rd_letter_get_type ())

G_DECLARE_FINAL_TYPE (RdLetter, rd_letter, RD, LETTER, GObject)

/*
 * The envelope window as it lies on the flat A4 sheet, in millimetres from
 * the top-left corner, before the council's offset: docs/letters.md gives
 * the source of each figure.
 */
#define RD_LETTER_WINDOW_X_MM      20.0
#define RD_LETTER_WINDOW_Y_MM      49.0
#define RD_LETTER_WINDOW_WIDTH_MM  90.0
#define RD_LETTER_WINDOW_HEIGHT_MM 35.0
/* The recipient's name and address are kept inside this box. */
#define RD_LETTER_ADDRESS_X_MM      25.0
#define RD_LETTER_ADDRESS_Y_MM      51.0
#define RD_LETTER_ADDRESS_WIDTH_MM  80.0
#define RD_LETTER_ADDRESS_HEIGHT_MM 32.0
/* How far the council may move the address block, each way. */
#define RD_LETTER_MAX_OFFSET_MM 10.0

RdLetter *rd_letter_new (RdLetterType type, RdLetterLanguage language);

RdLetterType     rd_letter_get_letter_type (RdLetter *self);
RdLetterLanguage rd_letter_get_language (RdLetter *self);

/* Fields: a NULL or empty value means "not recorded". */
void        rd_letter_set_field (RdLetter *self, const char *name, const char *value);
const char *rd_letter_get_field (RdLetter *self, const char *name);
/* Copies every entry of @fields (char* name → char* value). */
void rd_letter_set_fields (RdLetter *self, GHashTable *fields);
/* Sets the field letter.date, formatted in the letter's language. */
void rd_letter_set_date (RdLetter *self, const GDate *date);
/* Sets a date field that names a deadline ("deadline.respond"), formatted. */
void rd_letter_set_deadline (RdLetter *self, const char *name, const GDate *due);
/* Warnings, one sentence each, for deadlines the composed letter names that
 * are already past on the letter's date. Free with g_strfreev(). */
char **rd_letter_dup_past_deadlines (RdLetter *self);

/*
 * The council's logo, PNG or JPEG; NULL removes it. A JPEG is embedded in
 * the PDF as it is; drawn on a surface that cannot take JPEG data (a raster
 * surface) it shows as a grey box. The preview renders the PDF, so it shows.
 */
gboolean rd_letter_set_logo (RdLetter *self, GBytes *image, GError **error);

void     rd_letter_set_large_print (RdLetter *self, gboolean large_print);
gboolean rd_letter_get_large_print (RdLetter *self);
/* Moves the address block by a few millimetres (right and down positive). */
void rd_letter_set_envelope_offset (RdLetter *self, double dx_mm, double dy_mm);

/* A council's override, checked with rd_letter_template_validate(); NULL
 * goes back to the template shipped with Redress. */
gboolean rd_letter_set_template (RdLetter *self, const char *text, GError **error);

/*
 * Expands the template into the subject and body. Fails, naming the field,
 * when a field the letter needs has no value.
 */
gboolean rd_letter_compose (RdLetter *self, GError **error);

/* For the editor: compose with "[…]" for the clerk's own text still missing. */
void     rd_letter_set_placeholders (RdLetter *self, gboolean placeholders);
gboolean rd_letter_has_placeholders (RdLetter *self);

const char *rd_letter_get_subject (RdLetter *self);
void        rd_letter_set_subject (RdLetter *self, const char *subject);
const char *rd_letter_get_body (RdLetter *self);
/* The clerk's edited text: this is what is drawn and kept. */
void rd_letter_set_body (RdLetter *self, const char *body);

/* Drawing: the pages are laid out on first use and after any change. */
guint rd_letter_get_n_pages (RdLetter *self);
void  rd_letter_draw_page (RdLetter *self, cairo_t *cr, guint page_nr);

/* The whole letter as a PDF; composes it first if that was not done. */
/* Whether the name and address fit the envelope window whole (8 pt or more). */
gboolean rd_letter_check_address (RdLetter *self, GError **error);

GBytes  *rd_letter_to_pdf (RdLetter *self, GError **error);
gboolean rd_letter_save_pdf (RdLetter *self, GFile *file, GError **error);

/* "Monday 4 May 2026", "Dydd Llun 4 Mai 2026". */
char *rd_letter_format_date (const GDate *date, RdLetterLanguage language);

/* The template shipped with Redress for @type in @language. */
char *rd_letter_load_default_template (RdLetterType     type,
                                       RdLetterLanguage language,
                                       GError         **error);

/*
 * A calibration sheet: the window outline and the address box with the
 * offset applied, to print on plain paper, fold and hold against an envelope.
 */
void    rd_letter_draw_calibration_page (cairo_t *cr, double dx_mm, double dy_mm);
GBytes *rd_letter_calibration_pdf (double dx_mm, double dy_mm, GError **error);

G_END_DECLS
