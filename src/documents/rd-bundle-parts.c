/* rd-bundle-parts.c: the documents of a bundle: deciding how each is shown
 * (classify), then attached PDFs, images, text and e-mail, and the
 * placeholder page for what cannot be shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-documents"

#include "config.h"

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

/* Helpers */

static double
mm (double value)
{
  return rd_pdf_mm_to_pt (value);
}

static void
set_problem (RdBundlePart *part, char *problem)
{
  part->kind = RD_BUNDLE_KIND_PLACEHOLDER;
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
static RdBundleKind
guess_kind (const RdBundleDocument *document, const guint8 *head, gsize length)
{
  static const char *const pdf[] = { "pdf", NULL };
  static const char *const png[] = { "png", NULL };
  static const char *const jpeg[] = { "jpg", "jpeg", "jpe", "jfif", NULL };
  static const char *const text[] = { "txt", "text", "csv", "log", NULL };
  static const char *const email[] = { "eml", NULL };

  if (length >= 5 && memcmp (head, "%PDF-", 5) == 0)
    return RD_BUNDLE_KIND_PDF;
  if (length >= 8 && memcmp (head, "\x89PNG\r\n\x1a\n", 8) == 0)
    return RD_BUNDLE_KIND_PNG;
  if (length >= 3 && memcmp (head, "\xff\xd8\xff", 3) == 0)
    return RD_BUNDLE_KIND_JPEG;
  if (type_is (document, "application/pdf", pdf))
    return RD_BUNDLE_KIND_PDF;
  if (type_is (document, "image/png", png))
    return RD_BUNDLE_KIND_PNG;
  if (type_is (document, "image/jpeg", jpeg))
    return RD_BUNDLE_KIND_JPEG;
  if (type_is (document, "message/rfc822", email))
    return RD_BUNDLE_KIND_EMAIL;
  if (type_is (document, "text/plain", text))
    return RD_BUNDLE_KIND_TEXT;
  return RD_BUNDLE_KIND_PLACEHOLDER;
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
open_pdf (RdBundleBuilder *b, RdBundlePart *part, GError **error)
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

/* The whole of a PDF, for the copier. */
GBytes *
_rd_bundle_load_pdf (RdBundleBuilder *b, RdBundlePart *part, GError **error)
{
  g_autoptr(GInputStream) stream = NULL;
  gboolean truncated;

  if (part->document->file != NULL)
    return g_file_load_bytes (part->document->file, b->cancellable, NULL, error);
  stream = _rd_bundle_document_open (part->document, b->cancellable, error);
  if (stream == NULL)
    return NULL;
  return read_bytes (stream, G_MAXSIZE, &truncated, b->cancellable, error);
}

static char *
pdf_problem (const GError *error)
{
  if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    return g_strdup (_("The PDF is protected by a password, so Redress cannot open it."));
  return g_strdup (_("The file is damaged or is not a PDF that Redress can read."));
}

static char *
text_of (RdBundleBuilder *b, RdBundlePart *part, GError **error)
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

  text = part->kind == RD_BUNDLE_KIND_EMAIL ? _rd_bundle_text_from_email (bytes)
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

/* Text and placeholders */

/* The text is laid out a few dozen lines at a time: Pango 1.50 finds each
 * line of a layout by counting characters from the start of its text, so
 * one layout of a long file costs time in the square of its length (5,000
 * lines took 6 s, 60,000 never finished). A paragraph longer than
 * TEXT_CHUNK_BYTES is cut at a space (or a character) to keep that bound. */
#define TEXT_CHUNK_LINES 48
#define TEXT_CHUNK_BYTES 8192

/* The end of the chunk of @text that starts at @p: after its last line's
 * newline, which the caller leaves out of the layout. */
static const char *
text_chunk_end (const char *p)
{
  const char *end = p;

  for (guint n = 0; n < TEXT_CHUNK_LINES && *end != '\0'; n++)
    {
      const char *newline = strchr (end, '\n');
      gsize       length = newline != NULL ? (gsize) (newline - end) : strlen (end);

      if (length > TEXT_CHUNK_BYTES)
        {
          const char *cut = end + TEXT_CHUNK_BYTES;

          /* Back to a space if there is one not far off, else to a character's start. */
          for (const char *q = cut; q > end + TEXT_CHUNK_BYTES / 2; q--)
            if (*q == ' ')
              return q + 1;
          while (cut > end && ((guchar) *cut & 0xC0) == 0x80)
            cut--;
          return cut;
        }
      end = newline != NULL ? newline + 1 : end + length;
    }
  return end;
}

static gboolean
typeset_text (RdBundleBuilder *b, const char *text, GError **error)
{
  const double left = mm (20);
  const double top = mm (18);
  const double width = RD_PDF_A4_WIDTH - 2 * mm (20);
  const double height = RD_PDF_A4_HEIGHT - mm (18) - mm (20);
  const char  *p = text != NULL ? text : "";
  double       offset = 0; /* the height of the chunks before this one */
  double       page_top = 0;
  gboolean     ok = TRUE;

  _rd_bundle_start_page (b, FALSE);
  do
    {
      const char      *end = text_chunk_end (p);
      gsize            length = (gsize) (end - p);
      g_autofree char *chunk = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      PangoLayoutIter *iter;
      PangoRectangle   logical;

      /* The newline that ends the chunk is the break between two layouts. */
      if (length > 0 && p[length - 1] == '\n' && *end != '\0')
        length--;
      chunk = g_strndup (p, length);
      layout = _rd_bundle_new_layout (b, "Sans 10", width, chunk);
      iter = pango_layout_get_iter (layout);
      do
        {
          PangoRectangle extents;
          double         line_top, line_bottom;

          pango_layout_iter_get_line_extents (iter, NULL, &extents);
          line_top = offset + (double) extents.y / PANGO_SCALE;
          line_bottom = offset + (double) (extents.y + extents.height) / PANGO_SCALE;

          if (line_bottom - page_top > height && line_top > page_top)
            {
              if (!(ok = _rd_bundle_finish_page (b, error)))
                break;
              _rd_bundle_start_page (b, FALSE);
              page_top = line_top;
            }

          if (b->cr != NULL)
            {
              double baseline = offset +
                                (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

              cairo_move_to (b->cr, left + (double) extents.x / PANGO_SCALE,
                             top + baseline - page_top);
              pango_cairo_show_layout_line (b->cr, pango_layout_iter_get_line_readonly (iter));
            }
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      pango_layout_get_extents (layout, NULL, &logical);
      offset += (double) logical.height / PANGO_SCALE;
      p = end;
    }
  while (ok && *p != '\0');

  return ok && _rd_bundle_finish_page (b, error);
}

static gboolean
typeset_placeholder (RdBundleBuilder    *b,
                     const RdBundlePart *part,
                     const char         *problem,
                     GError            **error)
{
  const double     left = mm (30);
  const double     width = RD_PDF_A4_WIDTH - 2 * mm (30);
  g_autofree char *sentence = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) body = NULL;
  double y = mm (60);

  _rd_bundle_start_page (b, FALSE);
  title = _rd_bundle_new_layout (b, "Sans Bold 16", width, part->document->title);
  _rd_bundle_show_layout (b, title, left, y);
  y += _rd_bundle_layout_height (title) + 12;

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
  body = _rd_bundle_new_layout (b, "Sans 11", width, sentence);
  _rd_bundle_show_layout (b, body, left, y);
  if (b->cr != NULL)
    {
      cairo_set_line_width (b->cr, 1);
      cairo_rectangle (b->cr, left - 12, mm (60) - 12, width + 24,
                       y - mm (60) + _rd_bundle_layout_height (body) + 24);
      cairo_stroke (b->cr);
    }
  return _rd_bundle_finish_page (b, error);
}

/* Documents */

static gboolean
render_pdf_page (RdBundleBuilder *b,
                 RdBundlePart    *part,
                 PopplerDocument *pdf,
                 int              i,
                 int              n_pages,
                 GError         **error)
{
  PopplerPage *page = poppler_document_get_page (pdf, i);
  double       width = 0, height = 0;
  double       area_x, area_y, area_width, area_height, x, y, scale;

  if (page != NULL)
    poppler_page_get_size (page, &width, &height);
  if (width <= 0 || height <= 0)
    width = RD_PDF_A4_WIDTH, height = RD_PDF_A4_HEIGHT;

  _rd_bundle_start_page (b, width > height);
  if (b->cr != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Adding “%s”, page %d of %d…"),
                                                     part->document->title, i + 1, n_pages);

      _rd_bundle_report (b, 0.1 + b->draw_span * (b->page - 1) / MAX (b->n_pages, 1), message);
      _rd_bundle_content_area (b, &area_x, &area_y, &area_width, &area_height);
      _rd_bundle_fit (area_x, area_y, area_width, area_height, width, height, 1.0, &x, &y, &scale);

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
  return _rd_bundle_finish_page (b, error);
}

/* A page of a PDF whose pages are copied: the skeleton's page, with the
 * running header, the frame and the stamp, and not painted white, for the
 * page goes under it when the copier writes the bundle. */
static gboolean
draw_copied_page (RdBundleBuilder *b, RdBundlePart *part, guint i, GError **error)
{
  RdBundleCopiedPage *copied = &g_array_index (b->copied, RdBundleCopiedPage, part->copy_first + i);
  g_autofree char    *message = NULL;
  double              width = copied->width, height = copied->height;
  double              area_x, area_y, area_width, area_height, x, y, scale;

  if (width <= 0 || height <= 0)
    width = RD_PDF_A4_WIDTH, height = RD_PDF_A4_HEIGHT;
  b->no_paint = TRUE;
  _rd_bundle_start_page (b, width > height);
  b->no_paint = FALSE;
  message = g_strdup_printf (_("Adding “%s”, page %d of %d…"), part->document->title, (int) i + 1,
                                (int) part->n_pages);
  _rd_bundle_report (b, 0.1 + b->draw_span * (b->page - 1) / MAX (b->n_pages, 1), message);
  _rd_bundle_content_area (b, &area_x, &area_y, &area_width, &area_height);
  _rd_bundle_fit (area_x, area_y, area_width, area_height, width, height, 1.0, &x, &y, &scale);
  copied->target_page = b->page;
  copied->x = x;
  copied->y = y;
  copied->scale = scale;

  cairo_set_source_rgb (b->cr, 0.7, 0.7, 0.7);
  cairo_set_line_width (b->cr, 0.3);
  cairo_rectangle (b->cr, x, y, width * scale, height * scale);
  cairo_stroke (b->cr);
  cairo_set_source_rgb (b->cr, 0, 0, 0);
  return _rd_bundle_finish_page (b, error);
}

/* Counting: whether the copier takes @bytes with the @n_pages Poppler
 * counted; if so, remembers the pages' sizes. Only the document's number
 * goes to the log: its title and file name are personal data. */
static void
try_copy (RdBundleBuilder *b, RdBundlePart *part, GBytes *bytes, guint n_pages)
{
  g_autoptr(GError) error = NULL;
  RdPdfSource *source = b->copier->source_new (bytes, &error);

  if (source == NULL)
    {
      g_debug ("D%u is rendered through Poppler: %s", part->number, error->message);
      return;
    }
  if (b->copier->source_get_n_pages (source) != n_pages)
    {
      g_debug ("D%u is rendered through Poppler: the copier counts %u pages, Poppler %u",
               part->number, b->copier->source_get_n_pages (source), n_pages);
      b->copier->source_free (source);
      return;
    }

  part->copy = TRUE;
  part->copy_first = b->copied->len;
  for (guint i = 0; i < n_pages; i++)
    {
      RdBundleCopiedPage copied = { 0 };

      b->copier->source_get_page_size (source, i, &copied.width, &copied.height);
      g_array_append_val (b->copied, copied);
    }
  b->copier->source_free (source);
}

static gboolean
render_pdf (RdBundleBuilder *b, RdBundlePart *part, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PopplerDocument *pdf = NULL;
  gboolean         ok = TRUE;
  int              n_pages;

  /* Drawing a copied document: no Poppler at all. */
  if (b->cr != NULL && part->copy)
    {
      for (guint i = 0; ok && i < part->n_pages; i++)
        ok = draw_copied_page (b, part, i, error);
      return ok;
    }

  /* Counting, when copying is possible: the bytes are read once, for
   * Poppler (which judges whether the file is a PDF and counts its pages)
   * and for the copier. */
  if (b->cr == NULL && !b->render_all)
    {
      bytes = _rd_bundle_load_pdf (b, part, &local_error);
      if (bytes != NULL)
        pdf = poppler_document_new_from_bytes (bytes, NULL, &local_error);
    }
  else
    {
      pdf = open_pdf (b, part, &local_error);
    }

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
      if (bytes != NULL)
        try_copy (b, part, bytes, (guint) n_pages);
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
load_image (RdBundleBuilder *b, RdBundlePart *part, char **problem, GError **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;

  stream = _rd_bundle_document_open (part->document, b->cancellable, &local_error);
  if (stream == NULL)
    goto failed;

  if (part->kind == RD_BUNDLE_KIND_PNG)
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
render_image (RdBundleBuilder *b, RdBundlePart *part, GError **error)
{
  g_autofree char *problem = NULL;
  cairo_surface_t *image;
  double           area_x, area_y, area_width, area_height, x, y, scale, width, height;

  if (b->cr == NULL)
    {
      _rd_bundle_start_page (b, FALSE);
      return _rd_bundle_finish_page (b, error);
    }

  image = load_image (b, part, &problem, error);
  if (image == NULL)
    return problem != NULL && typeset_placeholder (b, part, problem, error);

  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  _rd_bundle_start_page (b, FALSE);
  _rd_bundle_content_area (b, &area_x, &area_y, &area_width, &area_height);
  /* Never larger than at 96 pixels an inch: a small image stays sharp. */
  _rd_bundle_fit (area_x, area_y, area_width, area_height, width, height, 72.0 / 96.0, &x, &y,
                  &scale);
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
  return _rd_bundle_finish_page (b, error);
}

static gboolean
render_text (RdBundleBuilder *b, RdBundlePart *part, GError **error)
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

gboolean
_rd_bundle_render_part (RdBundleBuilder *b, RdBundlePart *part, GError **error)
{
  switch (part->kind)
    {
      case RD_BUNDLE_KIND_PDF:
        return render_pdf (b, part, error);
      case RD_BUNDLE_KIND_PNG:
      case RD_BUNDLE_KIND_JPEG:
        return render_image (b, part, error);
      case RD_BUNDLE_KIND_TEXT:
      case RD_BUNDLE_KIND_EMAIL:
        return render_text (b, part, error);
      case RD_BUNDLE_KIND_PLACEHOLDER:
      default:
        return typeset_placeholder (b, part, part->problem, error);
    }
}

/* Decides how to show a document, from its first bytes; a placeholder when it cannot be shown. */
gboolean
_rd_bundle_classify (RdBundleBuilder *b, RdBundlePart *part, GError **error)
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
      case RD_BUNDLE_KIND_PNG:
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
      case RD_BUNDLE_KIND_JPEG:
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
      case RD_BUNDLE_KIND_PLACEHOLDER:
        {
          const char *type = part->document->media_type;

          set_problem (part, g_strdup_printf (_("Redress cannot show files of this type (%s)."),
                                 type != NULL ? type : extension_of (part->document->file_name)));
          break;
        }
      case RD_BUNDLE_KIND_PDF:
      case RD_BUNDLE_KIND_TEXT:
      case RD_BUNDLE_KIND_EMAIL:
      default:
        break;
    }
  return TRUE;
}
