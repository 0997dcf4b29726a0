/* rd-bundle.c: building the ICO evidence bundle.
 *
 * Two passes over the same drawing code. The first counts pages (each PDF
 * is opened with Poppler only to count them, text is typeset without
 * drawing), so that the second can stamp "page N of M" on every page and
 * give the index its page numbers as it draws. Documents are opened one at
 * a time and closed before the next, so memory stays flat however many
 * pages the bundle has.
 *
 * The page, from top to bottom: a 12 mm band for a running header, the
 * content, and a 12 mm band at the bottom for the stamp. Attached pages are
 * scaled into the content area, so the stamp never covers them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-documents"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <string.h>

#include "rd-bundle-private.h"
#include "rd-pdf.h"

/* Text longer than this is cut, with a note saying so. */
#define TEXT_MAX_BYTES (4 * 1024 * 1024)
/* A JPEG is read whole to pass it through; larger ones get a placeholder. */
#define JPEG_MAX_BYTES ((gsize) 512 * 1024 * 1024)
/* Cairo's limit for one side of an image surface. */
#define IMAGE_MAX_SIDE 32767
/* A PNG is decoded whole: refuse one that would take more than ~400 MB. */
#define PNG_MAX_PIXELS (G_GUINT64_CONSTANT (100) * 1000 * 1000)
/* The front matter is typeset again until its page count settles. */
#define MAX_LAYOUT_ROUNDS 4

typedef enum
{
  KIND_PDF,
  KIND_PNG,
  KIND_JPEG,
  KIND_TEXT,
  KIND_EMAIL,
  KIND_PLACEHOLDER,
} Kind;

typedef struct
{
  RdBundleDocument *document; /* borrowed from the spec */
  guint             index;    /* in the spec */
  guint             number;   /* "D3" in the bundle */
  Kind              kind;
  char             *problem; /* owned: why a placeholder stands in, a sentence */
  gboolean          empty;   /* the placeholder stands in for a zero-byte file */
  guint             first_page;
  guint             n_pages;
} Part;

typedef struct
{
  char    *cells[4]; /* owned */
  guint    link_page;
  gboolean bold;
} Row;

typedef struct
{
  const char *title;
  const char *intro; /* nullable */
  guint       n_columns;
  const char *headers[4];
  double      widths[4]; /* fractions of the text width */
  GPtrArray  *rows;      /* of Row */
  const char *empty;     /* shown when there are no rows */
} Table;

typedef struct
{
  RdBundleSpec        *spec;
  GPtrArray           *parts; /* owned, of owned Part: every document, in bundle order */
  PangoContext        *pango; /* owned */
  GCancellable        *cancellable;
  RdBundleProgressFunc progress;
  gpointer             progress_data;

  /* Page plan. */
  guint index_first, index_pages;
  guint chronology_first, chronology_pages;
  guint deadlines_first, deadlines_pages;
  guint section_first[RD_BUNDLE_N_SECTIONS]; /* 0 when a section has no pages */
  guint n_pages;

  /* Counting: cr is NULL and pages are only counted. Drawing: cr draws. */
  cairo_surface_t *surface; /* owned */
  cairo_t         *cr;      /* owned */
  guint            page;    /* pages started so far */
  double           page_width, page_height;
  const char      *running_header; /* borrowed: the header of the document being drawn */
  GHashTable      *targets;        /* owned: the pages links go to */

  /* Output. */
  GOutputStream *output; /* owned */
  GChecksum     *checksum;
  GError        *write_error; /* owned */
} Builder;

static const char *const section_titles[RD_BUNDLE_N_SECTIONS] = {
  N_("Letters as sent"),
      N_("The complainant’s correspondence"),
          N_("Evidence"),
      };

/* Helpers */

static double
mm (double value)
{
  return rd_pdf_mm_to_pt (value);
}

static void
part_free (gpointer data)
{
  Part *part = data;

  g_free (part->problem);
  g_free (part);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < G_N_ELEMENTS (row->cells); i++)
    g_free (row->cells[i]);
  g_free (row);
}

static Row *
row_add (GPtrArray *rows, const char *a, const char *b, const char *c, const char *d)
{
  Row *row = g_new0 (Row, 1);

  row->cells[0] = g_strdup (a);
  row->cells[1] = g_strdup (b);
  row->cells[2] = g_strdup (c);
  row->cells[3] = g_strdup (d);
  g_ptr_array_add (rows, row);
  return row;
}

static char *
format_date (const GDate *date)
{
  g_autoptr(GDateTime) time = NULL;

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");
  time = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), 0, 0, 0);
  /* TRANSLATORS: a date in the bundle, as g_date_time_format() writes it: "3 March 2026" */
  return g_date_time_format (time, _("%-d %B %Y"));
}

static void
set_problem (Part *part, char *problem)
{
  part->kind = KIND_PLACEHOLDER;
  g_free (part->problem);
  part->problem = problem;
}

static const char *
extension_of (const char *file_name)
{
  const char *dot = file_name != NULL ? strrchr (file_name, '.') : NULL;

  return dot != NULL ? dot + 1 : "";
}

static gboolean
type_is (const RdBundleDocument *document, const char *media_type, const char *const *extensions)
{
  if (document->media_type != NULL && g_ascii_strcasecmp (document->media_type, media_type) == 0)
    return TRUE;
  for (; *extensions != NULL; extensions++)
    if (g_ascii_strcasecmp (extension_of (document->file_name), *extensions) == 0)
      return TRUE;
  return FALSE;
}

/* The kind of content, from its first bytes, else its declared type, else its name. */
static Kind
guess_kind (const RdBundleDocument *document, const guint8 *head, gsize length)
{
  static const char *const pdf[] = { "pdf", NULL };
  static const char *const png[] = { "png", NULL };
  static const char *const jpeg[] = { "jpg", "jpeg", "jpe", "jfif", NULL };
  static const char *const text[] = { "txt", "text", "csv", "log", NULL };
  static const char *const email[] = { "eml", NULL };

  if (length >= 5 && memcmp (head, "%PDF-", 5) == 0)
    return KIND_PDF;
  if (length >= 8 && memcmp (head, "\x89PNG\r\n\x1a\n", 8) == 0)
    return KIND_PNG;
  if (length >= 3 && memcmp (head, "\xff\xd8\xff", 3) == 0)
    return KIND_JPEG;
  if (type_is (document, "application/pdf", pdf))
    return KIND_PDF;
  if (type_is (document, "image/png", png))
    return KIND_PNG;
  if (type_is (document, "image/jpeg", jpeg))
    return KIND_JPEG;
  if (type_is (document, "message/rfc822", email))
    return KIND_EMAIL;
  if (type_is (document, "text/plain", text))
    return KIND_TEXT;
  return KIND_PLACEHOLDER;
}

static GBytes *
read_bytes (GInputStream *stream,
            gsize         limit,
            gboolean     *truncated,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[64 * 1024];

  *truncated = FALSE;
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (data->len + (gsize) n > limit)
        {
          g_byte_array_append (data, buffer, (guint) (limit - data->len));
          *truncated = TRUE;
          break;
        }
      g_byte_array_append (data, buffer, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static PopplerDocument *
open_pdf (Builder *b, Part *part, GError **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean truncated;

  if (part->document->file != NULL)
    return poppler_document_new_from_gfile (part->document->file, NULL, b->cancellable, error);

  stream = _rd_bundle_document_open (part->document, b->cancellable, error);
  if (stream == NULL)
    return NULL;
  if (G_IS_SEEKABLE (stream) && g_seekable_can_seek (G_SEEKABLE (stream)))
    return poppler_document_new_from_stream (stream, -1, NULL, b->cancellable, error);

  /* Poppler needs to seek; a stream that cannot is read into memory once. */
  bytes = read_bytes (stream, G_MAXSIZE, &truncated, b->cancellable, error);
  if (bytes == NULL)
    return NULL;
  return poppler_document_new_from_bytes (bytes, NULL, error);
}

static char *
pdf_problem (const GError *error)
{
  if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    return g_strdup (_("The PDF is protected by a password, so Redress cannot open it."));
  return g_strdup (_("The file is damaged or is not a PDF that Redress can read."));
}

static char *
text_of (Builder *b, Part *part, GError **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean truncated;
  char    *text;

  stream = _rd_bundle_document_open (part->document, b->cancellable, error);
  if (stream == NULL)
    return NULL;
  bytes = read_bytes (stream, TEXT_MAX_BYTES, &truncated, b->cancellable, error);
  if (bytes == NULL)
    return NULL;

  text = part->kind == KIND_EMAIL ? _rd_bundle_text_from_email (bytes)
                                  : _rd_bundle_text_from_plain (bytes);
  if (truncated)
    {
      char *longer = g_strconcat (text, "\n\n",
                                  _("[The rest of this file is too long to reproduce here. The "
                                    "whole file is kept in the case file.]"),
                                     NULL);

      g_free (text);
      text = longer;
    }
  return text;
}

/* Progress and cancellation */

static void
report (Builder *b, double fraction, const char *message)
{
  if (b->progress != NULL)
    b->progress (CLAMP (fraction, 0.0, 1.0), message, b->progress_data);
}

/* Pages */

static PangoLayout *
new_layout (Builder *b, const char *font, double width, const char *text)
{
  PangoLayout *layout = pango_layout_new (b->pango);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

static void
show_layout (Builder *b, PangoLayout *layout, double x, double y)
{
  if (b->cr == NULL)
    return;
  cairo_move_to (b->cr, x, y);
  pango_cairo_show_layout (b->cr, layout);
}

static void
start_page (Builder *b, gboolean landscape)
{
  b->page++;
  b->page_width = landscape ? RD_PDF_A4_HEIGHT : RD_PDF_A4_WIDTH;
  b->page_height = landscape ? RD_PDF_A4_WIDTH : RD_PDF_A4_HEIGHT;
  if (b->cr == NULL)
    return;

  cairo_pdf_surface_set_size (b->surface, b->page_width, b->page_height);

  /* Paint the page white first. Cairo 1.16 adds the extents of every
   * drawing operation to a region per page; an attached PDF page brings
   * thousands (Poppler draws each kerned piece of text on its own), and that
   * region's growth made the bundle three times slower. Once the region is
   * the whole page, each addition is a quick containment test. */
  cairo_set_source_rgb (b->cr, 1, 1, 1);
  cairo_paint (b->cr);
  cairo_set_source_rgb (b->cr, 0, 0, 0);

  if (g_hash_table_contains (b->targets, GUINT_TO_POINTER (b->page)))
    {
      g_autofree char *attributes = g_strdup_printf ("name='page-%u' x=0 y=0", b->page);

      cairo_tag_begin (b->cr, CAIRO_TAG_DEST, attributes);
      cairo_tag_end (b->cr, CAIRO_TAG_DEST);
    }

  if (b->running_header != NULL)
    {
      g_autoptr(PangoLayout) layout = new_layout (b, "Sans 8", b->page_width - 2 * mm (20),
                                                   b->running_header);

      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cairo_set_source_rgb (b->cr, 0.35, 0.35, 0.35);
      show_layout (b, layout, mm (20), mm (5));
      cairo_set_source_rgb (b->cr, 0, 0, 0);
    }
}

static gboolean
finish_page (Builder *b, GError **error)
{
  if (b->cr != NULL)
    {
      /* TRANSLATORS: the stamp on every page: case reference, page number, number of pages */
      g_autofree char *stamp = g_strdup_printf (_("ICO bundle %s — page %u of %u"),
                                                   b->spec->case_reference, b->page, b->n_pages);
      g_autoptr(PangoLayout) layout = new_layout (b, "Sans 8", b->page_width, stamp);
      double height = layout_height (layout);

      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      cairo_save (b->cr);
      cairo_reset_clip (b->cr);
      cairo_set_source_rgb (b->cr, 0.2, 0.2, 0.2);
      show_layout (b, layout, 0, b->page_height - mm (6) - height / 2);
      cairo_restore (b->cr);
      cairo_show_page (b->cr);

      if (cairo_status (b->cr) != CAIRO_STATUS_SUCCESS)
        {
          if (b->write_error != NULL)
            g_propagate_error (error, g_steal_pointer (&b->write_error));
          else
            g_set_error (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_WRITE,
                         _("The bundle could not be drawn (%s)."),
                            cairo_status_to_string (cairo_status (b->cr)));
          return FALSE;
        }
    }

  return !g_cancellable_set_error_if_cancelled (b->cancellable, error);
}

/* The area attached pages and images are scaled into. */
static void
content_area (Builder *b, double *x, double *y, double *width, double *height)
{
  *x = mm (10);
  *y = mm (12);
  *width = b->page_width - 2 * mm (10);
  *height = b->page_height - mm (12) - mm (14);
}

static void
fit (double  area_x,
     double  area_y,
     double  area_width,
     double  area_height,
     double  width,
     double  height,
     double  max_scale,
     double *x,
     double *y,
     double *scale)
{
  *scale = MIN (MIN (area_width / width, area_height / height), max_scale);
  *x = area_x + (area_width - width * *scale) / 2;
  *y = area_y + (area_height - height * *scale) / 2;
}

static void
tag_link (Builder *b, guint page, double x, double y, double width, double height)
{
  g_autofree char *attributes = NULL;

  if (b->cr == NULL || page == 0)
    return;
  /* A named destination, not "page=": Cairo 1.16 drops links to pages not
   * yet drawn, but resolves names at the end. The rectangle is in device
   * units; the pages are drawn unscaled. */
  attributes = g_strdup_printf ("dest='page-%u' rect=[%d %d %d %d]", page, (int) x, (int) y,
                                (int) width, (int) height);
  cairo_tag_begin (b->cr, CAIRO_TAG_LINK, attributes);
  cairo_tag_end (b->cr, CAIRO_TAG_LINK);
}

/* Typesetting: tables, text, placeholders */

static double
table_header (Builder *b, const Table *table, double left, double y, double text_width)
{
  const double pad = 3;
  double       header_height = 0;
  double       x = left;

  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autoptr(PangoLayout) layout = new_layout (
          b, "Sans Bold 9", table->widths[c] * text_width - 2 * pad, _(table->headers[c]));

      show_layout (b, layout, x + pad, y + pad);
      header_height = MAX (header_height, layout_height (layout));
      x += table->widths[c] * text_width;
    }
  y += header_height + 2 * pad;
  if (b->cr != NULL)
    {
      cairo_set_line_width (b->cr, 0.8);
      cairo_move_to (b->cr, left, y);
      cairo_line_to (b->cr, left + text_width, y);
      cairo_stroke (b->cr);
    }
  return y;
}

static gboolean
typeset_table (Builder *b, const Table *table, GError **error)
{
  const double left = mm (20);
  const double top = mm (20);
  const double text_width = RD_PDF_A4_WIDTH - 2 * mm (20);
  const double bottom = RD_PDF_A4_HEIGHT - mm (20);
  const double pad = 3;
  g_autoptr(PangoLayout) title = new_layout (b, "Sans Bold 16", text_width, table->title);
  guint  rows_on_page = 0;
  double y;

  g_assert (table->n_columns <= 4);

  start_page (b, FALSE);
  show_layout (b, title, left, top);
  y = top + layout_height (title) + 8;
  if (table->intro != NULL)
    {
      g_autoptr(PangoLayout) intro = new_layout (b, "Sans 10", text_width, table->intro);

      show_layout (b, intro, left, y);
      y += layout_height (intro) + 8;
    }
  if (table->rows->len == 0)
    {
      g_autoptr(PangoLayout) empty = new_layout (b, "Sans Italic 10", text_width, table->empty);

      show_layout (b, empty, left, y);
      return finish_page (b, error);
    }
  y = table_header (b, table, left, y, text_width);

  for (guint i = 0; i < table->rows->len; i++)
    {
      const Row   *row = g_ptr_array_index (table->rows, i);
      PangoLayout *cells[4] = { NULL };
      double       height = 0;
      double       x = left;

      for (guint c = 0; c < table->n_columns; c++)
        {
          cells[c] = new_layout (b, row->bold ? "Sans Bold 9" : "Sans 9",
                                 table->widths[c] * text_width - 2 * pad, row->cells[c]);
          height = MAX (height, layout_height (cells[c]));
        }
      height += 2 * pad;

      if (y + height > bottom && rows_on_page > 0)
        {
          if (!finish_page (b, error))
            {
              for (guint c = 0; c < table->n_columns; c++)
                g_clear_object (&cells[c]);
              return FALSE;
            }
          start_page (b, FALSE);
          y = table_header (b, table, left, top, text_width);
          rows_on_page = 0;
        }

      for (guint c = 0; c < table->n_columns; c++)
        {
          show_layout (b, cells[c], x + pad, y + pad);
          x += table->widths[c] * text_width;
          g_clear_object (&cells[c]);
        }
      tag_link (b, row->link_page, left, y, text_width, height);
      y += height;
      rows_on_page++;
      if (b->cr != NULL)
        {
          cairo_set_line_width (b->cr, 0.3);
          cairo_set_source_rgb (b->cr, 0.6, 0.6, 0.6);
          cairo_move_to (b->cr, left, y);
          cairo_line_to (b->cr, left + text_width, y);
          cairo_stroke (b->cr);
          cairo_set_source_rgb (b->cr, 0, 0, 0);
        }
    }

  return finish_page (b, error);
}

static gboolean
typeset_text (Builder *b, const char *text, GError **error)
{
  const double left = mm (20);
  const double top = mm (18);
  const double width = RD_PDF_A4_WIDTH - 2 * mm (20);
  const double height = RD_PDF_A4_HEIGHT - mm (18) - mm (20);
  g_autoptr(PangoLayout) layout = new_layout (b, "Sans 10", width, text);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double           page_top = 0;
  gboolean         ok = TRUE;

  start_page (b, FALSE);
  do
    {
      PangoRectangle extents;
      double         line_top, line_bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &extents);
      line_top = (double) extents.y / PANGO_SCALE;
      line_bottom = (double) (extents.y + extents.height) / PANGO_SCALE;

      if (line_bottom - page_top > height && line_top > page_top)
        {
          if (!(ok = finish_page (b, error)))
            break;
          start_page (b, FALSE);
          page_top = line_top;
        }

      if (b->cr != NULL)
        {
          double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

          cairo_move_to (b->cr, left + (double) extents.x / PANGO_SCALE, top + baseline - page_top);
          pango_cairo_show_layout_line (b->cr, pango_layout_iter_get_line_readonly (iter));
        }
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return ok && finish_page (b, error);
}

static gboolean
typeset_placeholder (Builder *b, const Part *part, const char *problem, GError **error)
{
  const double     left = mm (30);
  const double     width = RD_PDF_A4_WIDTH - 2 * mm (30);
  g_autofree char *sentence = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) body = NULL;
  double y = mm (60);

  start_page (b, FALSE);
  title = new_layout (b, "Sans Bold 16", width, part->document->title);
  show_layout (b, title, left, y);
  y += layout_height (title) + 12;

  if (part->empty)
    /* The index says "the file is empty" too: the two must agree. */
    sentence = g_strdup_printf (_("This document is not reproduced in the bundle because the file "
                                  "is empty: it holds no content at all. The file is kept in the "
                                  "case file, under the name “%s”."),
                                   part->document->file_name != NULL ? part->document->file_name
                                                                     : part->document->title);
  else
    sentence = g_strdup_printf (_("This document is not reproduced in the bundle because Redress "
                                  "could not read it. %s The original is kept in the case file, "
                                  "under the name “%s”."),
                                   problem,
                                   part->document->file_name != NULL ? part->document->file_name
                                                                     : part->document->title);
  body = new_layout (b, "Sans 11", width, sentence);
  show_layout (b, body, left, y);
  if (b->cr != NULL)
    {
      cairo_set_line_width (b->cr, 1);
      cairo_rectangle (b->cr, left - 12, mm (60) - 12, width + 24,
                       y - mm (60) + layout_height (body) + 24);
      cairo_stroke (b->cr);
    }
  return finish_page (b, error);
}

/* Documents */

static gboolean
render_pdf_page (Builder *b, Part *part, PopplerDocument *pdf, int i, int n_pages, GError **error)
{
  PopplerPage *page = poppler_document_get_page (pdf, i);
  double       width = 0, height = 0;
  double       area_x, area_y, area_width, area_height, x, y, scale;

  if (page != NULL)
    poppler_page_get_size (page, &width, &height);
  if (width <= 0 || height <= 0)
    width = RD_PDF_A4_WIDTH, height = RD_PDF_A4_HEIGHT;

  start_page (b, width > height);
  if (b->cr != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Adding “%s”, page %d of %d…"),
                                                     part->document->title, i + 1, n_pages);

      report (b, 0.1 + 0.9 * (b->page - 1) / MAX (b->n_pages, 1), message);
      content_area (b, &area_x, &area_y, &area_width, &area_height);
      fit (area_x, area_y, area_width, area_height, width, height, 1.0, &x, &y, &scale);

      cairo_save (b->cr);
      /* No clip of our own: Poppler clips to the page's crop box, and a
       * clip here makes Cairo 1.16 slower by a third. */
      cairo_translate (b->cr, x, y);
      cairo_scale (b->cr, scale, scale);
      if (page != NULL)
        poppler_page_render_for_printing (page, b->cr);
      cairo_restore (b->cr);

      /* A hairline shows where the original page ends. */
      cairo_set_source_rgb (b->cr, 0.7, 0.7, 0.7);
      cairo_set_line_width (b->cr, 0.3);
      cairo_rectangle (b->cr, x, y, width * scale, height * scale);
      cairo_stroke (b->cr);
      cairo_set_source_rgb (b->cr, 0, 0, 0);
    }
  g_clear_object (&page);
  return finish_page (b, error);
}

static gboolean
render_pdf (Builder *b, Part *part, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *pdf = open_pdf (b, part, &local_error);
  gboolean         ok = TRUE;
  int              n_pages;

  if (pdf == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      set_problem (part, pdf_problem (local_error));
      return typeset_placeholder (b, part, part->problem, error);
    }

  n_pages = poppler_document_get_n_pages (pdf);
  if (n_pages <= 0)
    {
      g_object_unref (pdf);
      set_problem (part, g_strdup (_("The PDF has no pages.")));
      return typeset_placeholder (b, part, part->problem, error);
    }

  /* Counting needs only the number of pages. */
  if (b->cr == NULL)
    {
      b->page += (guint) n_pages;
      g_object_unref (pdf);
      return !g_cancellable_set_error_if_cancelled (b->cancellable, error);
    }

  for (int i = 0; ok && i < n_pages; i++)
    ok = render_pdf_page (b, part, pdf, i, n_pages, error);
  g_object_unref (pdf);
  return ok;
}

static cairo_status_t
read_stream_cb (void *closure, unsigned char *data, unsigned int length)
{
  gsize done = 0;

  if (!g_input_stream_read_all (closure, data, length, &done, NULL, NULL) || done != length)
    return CAIRO_STATUS_READ_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* An image surface for the document, or NULL with @problem set. */
static cairo_surface_t *
load_image (Builder *b, Part *part, char **problem, GError **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;

  stream = _rd_bundle_document_open (part->document, b->cancellable, &local_error);
  if (stream == NULL)
    goto failed;

  if (part->kind == KIND_PNG)
    {
      surface = cairo_image_surface_create_from_png_stream (read_stream_cb, stream);
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        return surface;
      cairo_surface_destroy (surface);
      *problem = g_strdup (_("The image is damaged or in a form Redress cannot read."));
      return NULL;
    }
  else
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GInputStream) head = NULL;
      gboolean truncated;
      int      width, height, components;

      bytes = read_bytes (stream, JPEG_MAX_BYTES, &truncated, b->cancellable, &local_error);
      if (bytes == NULL)
        goto failed;
      if (truncated)
        {
          *problem = g_strdup (_("The image is too large for Redress to place in the bundle."));
          return NULL;
        }
      head = g_memory_input_stream_new_from_bytes (bytes);
      if (!_rd_bundle_jpeg_read_size (head, &width, &height, &components, NULL, NULL) ||
          width > IMAGE_MAX_SIDE || height > IMAGE_MAX_SIDE)
        {
          *problem = g_strdup (_("The image is damaged or in a form Redress cannot read."));
          return NULL;
        }

      /* The JPEG passes through to the PDF as it is; the pixels stay untouched. */
      surface = cairo_image_surface_create (components == 1 ? CAIRO_FORMAT_A8 : CAIRO_FORMAT_RGB24,
                                            width, height);
      if (components == 1)
        {
          cairo_surface_destroy (surface);
          surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
        }
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS ||
          cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG,
                                       g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                       (cairo_destroy_func_t) g_bytes_unref,
                                       g_bytes_ref (bytes)) != CAIRO_STATUS_SUCCESS)
        {
          cairo_surface_destroy (surface);
          *problem = g_strdup (_("The image is too large for Redress to place in the bundle."));
          return NULL;
        }
      return surface;
    }

failed:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  *problem = g_strdup_printf (_("Redress could not read the file (%s)."), local_error->message);
  return NULL;
}

static gboolean
render_image (Builder *b, Part *part, GError **error)
{
  g_autofree char *problem = NULL;
  cairo_surface_t *image;
  double           area_x, area_y, area_width, area_height, x, y, scale, width, height;

  if (b->cr == NULL)
    {
      start_page (b, FALSE);
      return finish_page (b, error);
    }

  image = load_image (b, part, &problem, error);
  if (image == NULL)
    return problem != NULL && typeset_placeholder (b, part, problem, error);

  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  start_page (b, FALSE);
  content_area (b, &area_x, &area_y, &area_width, &area_height);
  /* Never larger than at 96 pixels an inch: a small image stays sharp. */
  fit (area_x, area_y, area_width, area_height, width, height, 72.0 / 96.0, &x, &y, &scale);
  cairo_save (b->cr);
  cairo_translate (b->cr, x, y);
  cairo_scale (b->cr, scale, scale);
  cairo_rectangle (b->cr, 0, 0, width, height);
  cairo_set_source_rgb (b->cr, 1, 1, 1);
  cairo_fill (b->cr);
  cairo_set_source_surface (b->cr, image, 0, 0);
  cairo_paint (b->cr);
  cairo_restore (b->cr);
  cairo_surface_destroy (image);
  return finish_page (b, error);
}

static gboolean
render_text (Builder *b, Part *part, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = text_of (b, part, &local_error);

  if (text == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      set_problem (part, g_strdup_printf (_("Redress could not read the file (%s)."),
                                             local_error->message));
      return typeset_placeholder (b, part, part->problem, error);
    }
  return typeset_text (b, text, error);
}

static gboolean
render_part (Builder *b, Part *part, GError **error)
{
  switch (part->kind)
    {
      case KIND_PDF:
        return render_pdf (b, part, error);
      case KIND_PNG:
      case KIND_JPEG:
        return render_image (b, part, error);
      case KIND_TEXT:
      case KIND_EMAIL:
        return render_text (b, part, error);
      case KIND_PLACEHOLDER:
      default:
        return typeset_placeholder (b, part, part->problem, error);
    }
}

/* Decides how to show a document, from its first bytes; a placeholder when it cannot be shown. */
static gboolean
classify (Builder *b, Part *part, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  guint8 head[32];
  gsize  length = 0;

  stream = _rd_bundle_document_open (part->document, b->cancellable, &local_error);
  if (stream == NULL ||
      !g_input_stream_read_all (stream, head, sizeof head, &length, b->cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      set_problem (part, g_strdup_printf (_("Redress could not read the file (%s)."),
                                             local_error->message));
      return TRUE;
    }

  if (length == 0)
    {
      set_problem (part, g_strdup (_("The file is empty: it holds no content at all.")));
      part->empty = TRUE;
      return TRUE;
    }

  part->kind = guess_kind (part->document, head, length);
  switch (part->kind)
    {
      case KIND_PNG:
        {
          guint32 width, height;

          if (!_rd_bundle_png_read_size (head, length, &width, &height))
            set_problem (part,
                         g_strdup (_("The image is damaged or in a form Redress cannot read.")));
          else if (width > IMAGE_MAX_SIDE || height > IMAGE_MAX_SIDE ||
                   (guint64) width * height > PNG_MAX_PIXELS)
            set_problem (
                part, g_strdup (_("The image is too large for Redress to place in the bundle.")));
          break;
        }
      case KIND_JPEG:
        {
          g_autoptr(GInputStream) again = NULL;
          int width, height, components;

          g_clear_object (&stream);
          again = _rd_bundle_document_open (part->document, b->cancellable, &local_error);
          if (again == NULL || !_rd_bundle_jpeg_read_size (again, &width, &height, &components,
                                                           b->cancellable, &local_error))
            {
              if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              set_problem (part,
                           g_strdup (_("The image is damaged or in a form Redress cannot read.")));
            }
          else if (width > IMAGE_MAX_SIDE || height > IMAGE_MAX_SIDE)
            {
              set_problem (
                  part,
                  g_strdup (_("The image is too large for Redress to place in the bundle.")));
            }
          break;
        }
      case KIND_PLACEHOLDER:
        {
          const char *type = part->document->media_type;

          set_problem (part, g_strdup_printf (_("Redress cannot show files of this type (%s)."),
                                 type != NULL ? type : extension_of (part->document->file_name)));
          break;
        }
      case KIND_PDF:
      case KIND_TEXT:
      case KIND_EMAIL:
      default:
        break;
    }
  return TRUE;
}

/* The front matter */

static void
build_index_rows (Builder *b, GPtrArray *rows)
{
  Row *row;
  int  section = -1;

  row = row_add (rows, "", _("Chronology"), NULL, NULL);
  row->bold = TRUE;
  row->link_page = b->chronology_first;
  row->cells[2] = g_strdup_printf ("%u", b->chronology_first);
  row = row_add (rows, "", _("Deadlines"), NULL, NULL);
  row->bold = TRUE;
  row->link_page = b->deadlines_first;
  row->cells[2] = g_strdup_printf ("%u", b->deadlines_first);

  for (guint i = 0; i < b->parts->len; i++)
    {
      Part            *part = g_ptr_array_index (b->parts, i);
      g_autofree char *number = g_strdup_printf ("D%u", part->number);
      g_autofree char *title = NULL;

      if ((int) part->document->section != section)
        {
          section = part->document->section;
          row = row_add (rows, "", _(section_titles[section]), NULL, NULL);
          row->bold = TRUE;
          row->link_page = b->section_first[section];
          if (row->link_page > 0)
            row->cells[2] = g_strdup_printf ("%u", row->link_page);
        }

      if (part->document->withheld != NULL)
        /* TRANSLATORS: an index entry for a document left out: title, then the reason */
        title = g_strdup_printf (_("%s — withheld: %s"), part->document->title,
                                    part->document->withheld);
      else if (part->kind == KIND_PLACEHOLDER)
        /* TRANSLATORS: an index entry for a document Redress could not read */
        title = g_strdup_printf (part->empty
                                 ? _("%s — not reproduced: the file is empty")
                                 : _("%s — not reproduced: unreadable"), part->document->title);
      else
        title = g_strdup (part->document->title);

      row = row_add (rows, number, title, NULL, NULL);
      if (part->document->withheld == NULL)
        {
          row->link_page = part->first_page;
          row->cells[2] = g_strdup_printf ("%u", part->first_page);
        }
    }
}

static Part *
part_of_document (Builder *b, int index)
{
  for (guint i = 0; i < b->parts->len; i++)
    {
      Part *part = g_ptr_array_index (b->parts, i);

      if ((int) part->index == index)
        return part;
    }
  return NULL;
}

static void
build_chronology_rows (Builder *b, GPtrArray *rows)
{
  for (guint i = 0; i < b->spec->chronology->len; i++)
    {
      RdBundleChronologyRow *event = g_ptr_array_index (b->spec->chronology, i);
      Part            *part = event->document >= 0 ? part_of_document (b, event->document) : NULL;
      g_autofree char *date = format_date (&event->date);
      g_autofree char *proof = NULL;
      Row             *row;

      if (part != NULL && part->document->withheld != NULL)
        /* TRANSLATORS: the proof of an event is a document that was withheld, e.g. "D4 (withheld)" */
        proof = g_strdup_printf (_("D%u (withheld)"), part->number);
      else if (part != NULL)
        /* TRANSLATORS: the proof of an event: document number and its first page, e.g. "D4, page 17" */
        proof = g_strdup_printf (_("D%u, page %u"), part->number, part->first_page);
      else
        proof = g_strdup (event->document_title != NULL ? event->document_title : "—");

      row = row_add (rows, date, event->what, event->who != NULL ? event->who : "—", proof);
      if (part != NULL && part->document->withheld == NULL)
        row->link_page = part->first_page;
    }
}

static void
build_deadline_rows (Builder *b, GPtrArray *rows)
{
  for (guint i = 0; i < b->spec->deadlines->len; i++)
    {
      RdBundleDeadlineRow *deadline = g_ptr_array_index (b->spec->deadlines, i);
      g_autofree char     *due = format_date (&deadline->due);
      g_autofree char     *done = format_date (&deadline->done);
      g_autofree char     *outcome = NULL;

      switch (deadline->state)
        {
          case RD_BUNDLE_DEADLINE_MET:
            outcome = g_strdup_printf (_("Met on %s"), done);
            break;
          case RD_BUNDLE_DEADLINE_LATE:
            /* TRANSLATORS: a council deadline met after its due date */
            outcome = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Met on %s, %u day late",
                                                    "Met on %s, %u days late", deadline->days_late),
                                       done, deadline->days_late);
            break;
          case RD_BUNDLE_DEADLINE_REVIEW_OPEN:
            outcome = g_strdup (_("The complainant’s time to ask for a review: not over yet"));
            break;
          case RD_BUNDLE_DEADLINE_REVIEW_ASKED:
            outcome = g_strdup_printf (_("Review asked for on %s, within the window"), done);
            break;
          case RD_BUNDLE_DEADLINE_REVIEW_ASKED_LATE:
            /* TRANSLATORS: the complainant asked for a review after the time for it, and the
             * council took the request on */
            outcome = g_strdup_printf (
                g_dngettext (GETTEXT_PACKAGE,
                             "Review asked for on %s, %u day after the window closed "
                             "(accepted)",
                             "Review asked for on %s, %u days after the window closed "
                             "(accepted)",
                             deadline->days_late),
                done, deadline->days_late);
            break;
          case RD_BUNDLE_DEADLINE_REVIEW_CLOSED:
            outcome = g_strdup (_("No review was asked for in the time allowed"));
            break;
          case RD_BUNDLE_DEADLINE_OVERDUE:
            outcome = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Not met: %u day overdue",
                                                    "Not met: %u days overdue",
                                                    deadline->days_late),
                                       deadline->days_late);
            break;
          case RD_BUNDLE_DEADLINE_WAITING:
            outcome = g_strdup (_("Not started: waiting for proof of identity or for the data "
                                  "subject’s consent"));
            break;
          case RD_BUNDLE_DEADLINE_PAUSED:
            outcome = g_strdup (_("Paused: waiting for the clarification the council asked for; "
                                  "the due date moves on until it comes"));
            break;
          case RD_BUNDLE_DEADLINE_LAPSED:
            outcome = g_strdup (_("No longer needed: the case ended before it fell due"));
            break;
          case RD_BUNDLE_DEADLINE_OPEN:
          default:
            outcome = g_strdup (_("Open: not yet due"));
            break;
        }
      row_add (rows, deadline->name, due, outcome, NULL);
    }
}

static gboolean
typeset_cover (Builder *b, GError **error)
{
  const double     left = mm (25);
  const double     width = RD_PDF_A4_WIDTH - 2 * mm (25);
  RdBundleSpec    *spec = b->spec;
  g_autofree char *date = format_date (&spec->date);
  g_autofree char *pages = g_strdup_printf ("%u", b->n_pages);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PangoLayout) council = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) note = NULL;
  double y = mm (50);
  const struct
  {
    const char *label;
    const char *value;
  } facts[] = {
    { N_("Case reference"), spec->case_reference },
      { N_("ICO reference"), spec->ico_reference != NULL ? spec->ico_reference : "—" },
        { N_("Date"), date },
          { N_("Prepared by"), spec->prepared_by != NULL ? spec->prepared_by : "—" },
            { N_("Pages"), pages },
          };

  start_page (b, FALSE);
  council = new_layout (b, "Sans 14", width, spec->council != NULL ? spec->council : "");
  show_layout (b, council, left, y);
  y += layout_height (council) + 16;
  title = new_layout (b, "Sans Bold 24", width,
                      _("Evidence bundle for the Information Commissioner’s Office"));
  show_layout (b, title, left, y);
  y += layout_height (title) + 30;

  for (gsize i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      g_autoptr(PangoLayout) label = new_layout (b, "Sans Bold 11", mm (45), _(facts[i].label));
      g_autoptr(PangoLayout) value = new_layout (b, "Sans 11", width - mm (50), facts[i].value);

      show_layout (b, label, left, y);
      show_layout (b, value, left + mm (50), y);
      y += MAX (layout_height (label), layout_height (value)) + 8;
    }

  note = new_layout (b, "Sans 10", width,
                     _("Every page of this bundle carries its page number at the foot. The index "
                       "lists every document with the page it starts on; documents withheld are "
                       "listed with the reason."));
  show_layout (b, note, left, y + 20);
  return finish_page (b, error);
}

static gboolean
typeset_front_matter (Builder *b, GError **error)
{
  g_autoptr(GPtrArray) index_rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GPtrArray) chronology_rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GPtrArray) deadline_rows = g_ptr_array_new_with_free_func (row_free);
  Table index = {
    .title = _("Index"), .n_columns = 3,
                .headers = { N_("No."), N_("Document"), N_("Page") },
                                 .widths = { 0.1, 0.78, 0.12 }, .rows = index_rows,
                                 .empty = _("The bundle holds no documents."),
                                 };
  Table chronology = {
    .title = _("Chronology"),
        .intro = _("What happened, in order, from the case record, with the document that shows it."),
            .n_columns = 4,
            .headers = { N_("Date"), N_("What happened"), N_("Who"), N_("Proof") },
                                          .widths = { 0.17, 0.48, 0.17, 0.18 },
                                          .rows = chronology_rows,
                                          .empty = _("No events are recorded on this case."),
                                          };
  Table deadlines = {
    .title = _("Deadlines"),
                .intro = _("Each deadline on the case, when it fell due and whether it was met."),
                            .n_columns = 3,
                            .headers = { N_("Deadline"), N_("Due"), N_("Outcome") },
                                             .widths = { 0.38, 0.18, 0.44 }, .rows = deadline_rows,
                                             .empty = _("No deadlines apply to this case."),
                                             };
  guint start;

  build_index_rows (b, index_rows);
  build_chronology_rows (b, chronology_rows);
  build_deadline_rows (b, deadline_rows);

  b->running_header = NULL;
  if (!typeset_cover (b, error))
    return FALSE;
  start = b->page;
  if (!typeset_table (b, &index, error))
    return FALSE;
  b->index_pages = b->page - start;
  start = b->page;
  if (!typeset_table (b, &chronology, error))
    return FALSE;
  b->chronology_pages = b->page - start;
  start = b->page;
  if (!typeset_table (b, &deadlines, error))
    return FALSE;
  b->deadlines_pages = b->page - start;
  return TRUE;
}

/* Assigns page numbers from the page counts. */
static void
plan_pages (Builder *b)
{
  guint page;

  b->index_first = 2;
  b->chronology_first = b->index_first + b->index_pages;
  b->deadlines_first = b->chronology_first + b->chronology_pages;
  page = b->deadlines_first + b->deadlines_pages;
  memset (b->section_first, 0, sizeof b->section_first);

  for (guint i = 0; i < b->parts->len; i++)
    {
      Part *part = g_ptr_array_index (b->parts, i);

      if (part->document->withheld != NULL)
        continue;
      part->first_page = page;
      if (b->section_first[part->document->section] == 0)
        b->section_first[part->document->section] = page;
      page += part->n_pages;
    }
  b->n_pages = page - 1;
}

static void
add_outline (Builder *b)
{
  g_autofree char *link = NULL;
  const struct
  {
    const char *title;
    guint       page;
  } front[] = {
    { N_("Cover"), 1 }, { N_("Index"), b->index_first },
                           { N_("Chronology"), b->chronology_first },
                             { N_("Deadlines"), b->deadlines_first },
                           };
  int parent = CAIRO_PDF_OUTLINE_ROOT;
  int section = -1;

  for (gsize i = 0; i < G_N_ELEMENTS (front); i++)
    {
      g_free (link);
      link = g_strdup_printf ("page=%u", front[i].page);
      cairo_pdf_surface_add_outline (b->surface, CAIRO_PDF_OUTLINE_ROOT,
                                     _(front[i].title), link, 0);
    }

  for (guint i = 0; i < b->parts->len; i++)
    {
      Part            *part = g_ptr_array_index (b->parts, i);
      g_autofree char *title = NULL;

      if (part->document->withheld != NULL)
        continue;
      if ((int) part->document->section != section)
        {
          section = part->document->section;
          g_free (link);
          link = g_strdup_printf ("page=%u", b->section_first[section]);
          parent = cairo_pdf_surface_add_outline (b->surface, CAIRO_PDF_OUTLINE_ROOT,
                                                  _(section_titles[section]), link,
                                                     CAIRO_PDF_OUTLINE_FLAG_OPEN);
        }
      g_free (link);
      link = g_strdup_printf ("page=%u", part->first_page);
      title = g_strdup_printf ("D%u %s", part->number, part->document->title);
      cairo_pdf_surface_add_outline (b->surface, parent, title, link, 0);
    }
}

/* Output */

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  Builder *b = closure;
  gsize    written = 0;

  if (b->write_error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (b->output, data, length, &written, NULL, &b->write_error))
    return CAIRO_STATUS_WRITE_ERROR;
  g_checksum_update (b->checksum, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
builder_clear (Builder *b)
{
  g_clear_pointer (&b->cr, cairo_destroy);
  g_clear_pointer (&b->surface, cairo_surface_destroy);
  g_clear_pointer (&b->parts, g_ptr_array_unref);
  g_clear_pointer (&b->targets, g_hash_table_unref);
  g_clear_object (&b->pango);
  g_clear_object (&b->output);
  g_clear_pointer (&b->checksum, g_checksum_free);
  g_clear_error (&b->write_error);
}

static PangoContext *
new_pango_context (void)
{
  /* The same metrics for counting and drawing: no hinting, 72 dpi (points). */
  PangoFontMap         *map = pango_cairo_font_map_get_default ();
  PangoContext         *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_language (context, pango_language_from_string ("en-gb"));
  cairo_font_options_destroy (options);
  return context;
}

/* Both passes, drawing onto @b->output. */
static gboolean
build (Builder *b, GError **error)
{
  guint counted = 0;
  guint front_pages = 0;

  /* Pass 1: count. */
  for (guint i = 0; i < b->parts->len; i++)
    {
      Part            *part = g_ptr_array_index (b->parts, i);
      g_autofree char *message = NULL;
      guint            start = b->page;

      if (part->document->withheld != NULL)
        continue;
      message = g_strdup_printf (_("Counting the pages of “%s”…"), part->document->title);
      report (b, 0.1 * i / b->parts->len, message);
      if (!classify (b, part, error) || !render_part (b, part, error))
        return FALSE;
      part->n_pages = b->page - start;
    }

  /* The front matter's length depends on the page numbers it prints; settle it. */
  b->index_pages = b->chronology_pages = b->deadlines_pages = 1;
  for (guint round = 0; round < MAX_LAYOUT_ROUNDS; round++)
    {
      plan_pages (b);
      b->page = 0;
      if (!typeset_front_matter (b, error))
        return FALSE;
      if (b->page == front_pages)
        break;
      front_pages = b->page;
    }
  plan_pages (b);
  counted = b->n_pages;

  b->targets = g_hash_table_new (NULL, NULL);
  g_hash_table_add (b->targets, GUINT_TO_POINTER (b->chronology_first));
  g_hash_table_add (b->targets, GUINT_TO_POINTER (b->deadlines_first));
  for (guint i = 0; i < b->parts->len; i++)
    {
      Part *part = g_ptr_array_index (b->parts, i);

      if (part->document->withheld == NULL)
        g_hash_table_add (b->targets, GUINT_TO_POINTER (part->first_page));
    }

  /* Pass 2: draw. */
  b->surface = cairo_pdf_surface_create_for_stream (write_cb, b, RD_PDF_A4_WIDTH, RD_PDF_A4_HEIGHT);
  b->cr = cairo_create (b->surface);
  {
    g_autofree char *title = g_strdup_printf (_("ICO bundle %s"), b->spec->case_reference);

    cairo_pdf_surface_set_metadata (b->surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata (b->surface, CAIRO_PDF_METADATA_CREATOR,
                                    "Redress " PACKAGE_VERSION);
  }
  add_outline (b);

  b->page = 0;
  report (b, 0.1, _("Writing the index and the chronology…"));
  if (!typeset_front_matter (b, error))
    return FALSE;

  for (guint i = 0; i < b->parts->len; i++)
    {
      Part            *part = g_ptr_array_index (b->parts, i);
      g_autofree char *header = NULL;
      guint            start = b->page;

      if (part->document->withheld != NULL)
        continue;
      /* TRANSLATORS: the running header over a document's pages: number and title */
      header = g_strdup_printf (_("D%u · %s"), part->number, part->document->title);
      b->running_header = header;
      if (part->kind != KIND_PDF)
        {
          g_autofree char *message = g_strdup_printf (_("Adding “%s”…"), part->document->title);

          report (b, 0.1 + 0.9 * b->page / MAX (b->n_pages, 1), message);
        }
      if (!render_part (b, part, error))
        return FALSE;
      b->running_header = NULL;
      if (b->page - start != part->n_pages)
        {
          /* The file changed between the passes, or the counting is wrong. */
          g_set_error (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_INTERNAL,
                       _("“%s” changed while the bundle was being made. Try again."),
                          part->document->title);
          return FALSE;
        }
    }

  if (b->page != counted)
    {
      g_set_error (
          error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_INTERNAL,
          _("The bundle came out with %u pages instead of %u. Please report this problem."),
             b->page, counted);
      return FALSE;
    }

  report (b, 1.0, _("Finishing the bundle…"));
  cairo_destroy (g_steal_pointer (&b->cr));
  cairo_surface_finish (b->surface);
  if (cairo_surface_status (b->surface) != CAIRO_STATUS_SUCCESS)
    {
      if (b->write_error != NULL)
        g_propagate_error (error, g_steal_pointer (&b->write_error));
      else
        g_set_error (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_WRITE,
                     _("The bundle could not be written (%s)."),
                        cairo_status_to_string (cairo_surface_status (b->surface)));
      return FALSE;
    }
  return TRUE;
}

/* Async */

typedef struct
{
  RdBundleSpec        *spec;   /* owned */
  GFile               *output; /* owned */
  RdBundleProgressFunc progress;
  gpointer             progress_data;
  GMainContext        *context; /* owned */
  gint                 pending; /* atomic: a progress report is on its way */
  guint                n_pages;
  char                *sha256; /* owned */
} WriteData;

typedef struct
{
  WriteData *data; /* borrowed: the task holds it until after the reports */
  GTask     *task; /* owned: keeps data alive */
  double     fraction;
  char      *message; /* owned */
} Report;

static void
write_data_free (gpointer pointer)
{
  WriteData *data = pointer;

  rd_bundle_spec_unref (data->spec);
  g_object_unref (data->output);
  g_main_context_unref (data->context);
  g_free (data->sha256);
  g_free (data);
}

static gboolean
report_in_context_cb (gpointer pointer)
{
  Report *r = pointer;

  g_atomic_int_set (&r->data->pending, 0);
  r->data->progress (r->fraction, r->message, r->data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
report_free (gpointer pointer)
{
  Report *r = pointer;

  g_object_unref (r->task);
  g_free (r->message);
  g_free (r);
}

static void
forward_progress_cb (double fraction, const char *message, gpointer user_data)
{
  GTask     *task = user_data;
  WriteData *data = g_task_get_task_data (task);
  GSource   *source;
  Report    *r;

  /* One report at a time: a slow main loop sees the latest, not a queue. */
  if (!g_atomic_int_compare_and_exchange (&data->pending, 0, 1) && fraction < 1.0)
    return;
  r = g_new0 (Report, 1);
  r->data = data;
  r->task = g_object_ref (task);
  r->fraction = fraction;
  r->message = g_strdup (message);
  /* Always through a source: g_main_context_invoke() would run it here, in
   * the worker, when the caller's context is not running yet. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, report_in_context_cb, r, report_free);
  g_source_set_static_name (source, "[redress] bundle progress");
  g_source_attach (source, data->context);
  g_source_unref (source);
}

static void
write_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError    *error = NULL;

  if (rd_bundle_write (data->spec, data->output,
                       data->progress != NULL ? forward_progress_cb : NULL, task, &data->n_pages,
                       &data->sha256, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Public API */

gboolean
rd_bundle_write (RdBundleSpec        *spec,
                 GFile               *output,
                 RdBundleProgressFunc progress,
                 gpointer             progress_data,
                 guint               *out_n_pages,
                 char               **out_sha256,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) temporary = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *temporary_name = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  GError  *local_error = NULL;
  Builder  b = { 0 };
  guint    number = 0;
  gboolean ok;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (output), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (spec->case_reference == NULL || *spec->case_reference == '\0')
    {
      g_set_error_literal (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_INVALID,
                           _("The bundle needs the case reference to number its pages."));
      return FALSE;
    }

  parent = g_file_get_parent (output);
  basename = g_file_get_basename (output);
  if (parent == NULL || basename == NULL)
    {
      g_set_error_literal (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_WRITE,
                           _("The bundle cannot be saved there; choose a file in a folder."));
      return FALSE;
    }

  b.spec = spec;
  b.cancellable = cancellable;
  b.progress = progress;
  b.progress_data = progress_data;
  b.pango = new_pango_context ();
  b.parts = g_ptr_array_new_with_free_func (part_free);
  for (guint section = 0; section < RD_BUNDLE_N_SECTIONS; section++)
    for (guint i = 0; i < spec->documents->len; i++)
      {
        RdBundleDocument *document = g_ptr_array_index (spec->documents, i);
        Part             *part;

        if (document->section != section)
          continue;
        part = g_new0 (Part, 1);
        part->document = document;
        part->index = i;
        part->number = ++number;
        g_ptr_array_add (b.parts, part);
      }

  /* A hidden file beside the target, renamed over it at the end: the rename is atomic. */
  temporary_name = g_strdup_printf (".%s.%08x.part", basename, g_random_int ());
  temporary = g_file_get_child (parent, temporary_name);
  stream = g_file_create (temporary, G_FILE_CREATE_PRIVATE, cancellable, &local_error);
  if (stream == NULL)
    {
      builder_clear (&b);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *name = g_file_get_parse_name (parent);

          g_set_error (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_WRITE,
                       _("The bundle cannot be saved in “%s”: %s"), name, local_error->message);
          g_clear_error (&local_error);
        }
      else
        {
          g_propagate_error (error, local_error);
        }
      return FALSE;
    }
  /* Cairo writes in many small pieces: buffer them rather than make a system call each. */
  b.output = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 256 * 1024);
  b.checksum = g_checksum_new (G_CHECKSUM_SHA256);

  ok = build (&b, &local_error);
  if (b.cr != NULL)
    g_clear_pointer (&b.cr, cairo_destroy);
  if (b.surface != NULL)
    cairo_surface_finish (b.surface);
  /* Closed without the cancellable, so that a cancelled build can still clean up. */
  if (!g_output_stream_close (b.output, NULL, ok ? &local_error : NULL))
    ok = FALSE;
  if (ok &&
      !g_file_move (temporary, output, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                    NULL, NULL, NULL, &local_error))
    ok = FALSE;

  if (!ok)
    {
      g_file_delete (temporary, NULL, NULL);
      builder_clear (&b);
      g_assert (local_error != NULL);
      if (local_error->domain == RD_BUNDLE_ERROR ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, local_error);
        }
      else
        {
          g_set_error (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_WRITE,
                       _("The bundle could not be saved: %s"), local_error->message);
          g_error_free (local_error);
        }
      return FALSE;
    }

  if (out_n_pages != NULL)
    *out_n_pages = b.n_pages;
  if (out_sha256 != NULL)
    *out_sha256 = g_strdup (g_checksum_get_string (b.checksum));
  builder_clear (&b);
  return TRUE;
}

void
rd_bundle_write_async (RdBundleSpec        *spec,
                       GFile               *output,
                       RdBundleProgressFunc progress,
                       gpointer             progress_data,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (spec != NULL);
  g_return_if_fail (G_IS_FILE (output));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (WriteData, 1);
  data->spec = rd_bundle_spec_ref (spec);
  data->output = g_object_ref (output);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_bundle_write_async);
  g_task_set_task_data (task, data, write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
rd_bundle_write_finish (GAsyncResult *result, guint *out_n_pages, char **out_sha256, GError **error)
{
  WriteData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_bundle_write_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (out_n_pages != NULL)
    *out_n_pages = data->n_pages;
  if (out_sha256 != NULL)
    *out_sha256 = g_steal_pointer (&data->sha256);
  return TRUE;
}
