/* test-pdf-copy.c: the PDF page copier, on PDFs made here.
 *
 * Fixtures: PDFs that Cairo writes (text in an embedded font, an image,
 * pages of several sizes), and small PDFs written by hand below (xref stream
 * with an object stream and a PNG predictor, incremental update, inherited
 * attributes, /Contents arrays, every /Rotate, encryption, a form field,
 * damaged files), and what a review on real PDFs (Ghostscript, qpdf,
 * LibreOffice, Cairo) found: page attributes of the wrong kind that must not
 * hide the inherited ones, a crop box wider than the media box, encrypted
 * files whose cross-reference had to be rebuilt, content streams split
 * inside a string, media boxes away from the origin. Merged output is checked with Poppler: page count, text and
 * where it lies, the skeleton's outline and links, and how placed pages look
 * beside the source page rendered by Poppler into the same rectangle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <string.h>

#include "rd-pdf-copy.h"
#include "rd-pdf-syntax.h"

/* Poppler's GLib API declares no g_autoptr cleanups: aliases of our own. */
typedef PopplerDocument  TestPdf;
typedef PopplerPage      TestPage;
typedef PopplerIndexIter TestIndex;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdf, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPage, g_object_unref)

/* Fixture builders */

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  GByteArray *data;
  guint       pos;
} PngReader;

static cairo_status_t
read_cb (void *closure, unsigned char *data, unsigned int length)
{
  PngReader *reader = closure;

  if (reader->pos + length > reader->data->len)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data->data + reader->pos, length);
  reader->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

/* A Cairo PDF of @n_pages pages, of 300 × 400 pt and (third page) 500 × 200
 * pt, each with "@label page N" in an embedded font, a red square at its
 * top left, a blue bar along its foot and, on the first page, a PNG image. */
static GBytes *
make_cairo_pdf (const char *label, int n_pages)
{
  GByteArray      *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, out, 300, 400);
  cairo_t         *cr = cairo_create (surface);

  for (int i = 1; i <= n_pages; i++)
    {
      double                width = i == 3 ? 500 : 300, height = i == 3 ? 200 : 400;
      g_autofree char      *text = g_strdup_printf ("%s page %d", label, i);
      PangoLayout          *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("Sans 14");

      cairo_pdf_surface_set_size (surface, width, height);
      cairo_set_source_rgb (cr, 1, 0, 0);
      cairo_rectangle (cr, 10, 10, 60, 60);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 1);
      cairo_rectangle (cr, 0, height - 30, width, 30);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, text, -1);
      cairo_move_to (cr, 90, 20);
      pango_cairo_show_layout (cr, layout);
      if (i == 1)
        {
          cairo_surface_t *drawn = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 16, 16);
          cairo_t         *icr = cairo_create (drawn);
          g_autoptr (GByteArray) png = g_byte_array_new ();
          cairo_surface_t *image;
          PngReader        reader = { 0 };

          cairo_set_source_rgb (icr, 0, 0.6, 0);
          cairo_paint (icr);
          cairo_set_source_rgb (icr, 1, 1, 0);
          cairo_rectangle (icr, 0, 0, 8, 8);
          cairo_fill (icr);
          cairo_destroy (icr);
          /* Through a PNG file's bytes, as an attached photo would come. */
          g_assert_cmpint (cairo_surface_write_to_png_stream (drawn, append_cb, png), ==,
                           CAIRO_STATUS_SUCCESS);
          cairo_surface_destroy (drawn);
          reader.data = png;
          image = cairo_image_surface_create_from_png_stream (read_cb, &reader);
          g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
          cairo_save (cr);
          cairo_translate (cr, 100, 150);
          cairo_scale (cr, 5, 5);
          cairo_set_source_surface (cr, image, 0, 0);
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
          cairo_paint (cr);
          cairo_restore (cr);
          cairo_surface_destroy (image);
        }
      cairo_show_page (cr);
      pango_font_description_free (font);
      g_object_unref (layout);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

/* Hand-written PDFs: objects appended, each section closed by a classic
 * cross-reference table of the objects written since the last one. */
typedef struct
{
  GString *s;
  GArray  *section; /* of guint: objects written since the last table */
  GArray  *offsets; /* of gsize, by object number */
  gsize    last_xref;
} Builder;

static Builder *
builder_new (void)
{
  Builder *b = g_new0 (Builder, 1);

  b->s = g_string_new ("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
  b->section = g_array_new (FALSE, FALSE, sizeof (guint));
  b->offsets = g_array_new (FALSE, TRUE, sizeof (gsize));
  return b;
}

static void
builder_mark (Builder *b, guint num)
{
  if (b->offsets->len <= num)
    g_array_set_size (b->offsets, num + 1);
  g_array_index (b->offsets, gsize, num) = b->s->len;
  g_array_append_val (b->section, num);
}

static void
builder_obj (Builder *b, guint num, const char *body)
{
  builder_mark (b, num);
  g_string_append_printf (b->s, "%u 0 obj\n%s\nendobj\n", num, body);
}

static void
builder_stream (Builder *b, guint num, const char *dict, const void *data, gsize len)
{
  builder_mark (b, num);
  g_string_append_printf (b->s, "%u 0 obj\n<<%s /Length %" G_GSIZE_FORMAT ">>\nstream\n", num, dict,
                          len);
  g_string_append_len (b->s, data, (gssize) len);
  g_string_append (b->s, "\nendstream\nendobj\n");
}

/* Closes a section with a table and a trailer (/Prev to the last one). */
static void
builder_xref (Builder *b, const char *trailer_extra)
{
  gsize offset = b->s->len;
  guint size = b->offsets->len;

  g_string_append (b->s, "xref\n0 1\n0000000000 65535 f \n");
  for (guint i = 0; i < b->section->len; i++)
    {
      guint num = g_array_index (b->section, guint, i);

      g_string_append_printf (b->s, "%u 1\n%010" G_GSIZE_FORMAT " 00000 n \n", num,
                              g_array_index (b->offsets, gsize, num));
    }
  g_string_append_printf (b->s, "trailer\n<< /Size %u /Root 1 0 R %s", size, trailer_extra);
  if (b->last_xref != 0)
    g_string_append_printf (b->s, " /Prev %" G_GSIZE_FORMAT, b->last_xref);
  g_string_append_printf (b->s, " >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", offset);
  g_array_set_size (b->section, 0);
  b->last_xref = offset;
}

static GBytes *
builder_free_to_bytes (Builder *b)
{
  GBytes *bytes = g_bytes_new (b->s->str, b->s->len);

  g_string_free (b->s, TRUE);
  g_array_unref (b->section);
  g_array_unref (b->offsets);
  g_free (b);
  return bytes;
}

static GBytes *
deflate (const void *data, gsize len)
{
  g_autoptr (GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
  g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream)
                 stream = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  g_assert_true (g_output_stream_write_all (stream, data, len, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* A page's drawing that shows which way up it is: a red square at the top
 * left of a 200 × 300 pt page, a blue bar along its foot, and a word. */
#define SHAPES \
  "1 0 0 rg 10 230 60 60 re f 0 0 1 rg 0 0 200 25 re f 0 g BT /F1 20 Tf 80 250 Td (Hello) Tj ET"
#define FONT_RESOURCES \
  "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"

/* One page of 200 × 300 pt with @page_extra in its dictionary. */
static GBytes *
make_simple_pdf (const char *page_extra, const char *catalog_extra, const char *trailer_extra)
{
  Builder         *b = builder_new ();
  g_autofree char *catalog = g_strdup_printf ("<< /Type /Catalog /Pages 2 0 R %s >>",
                                              catalog_extra);
  g_autofree char *page = g_strdup_printf (
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Resources " FONT_RESOURCES
      " /Contents 4 0 R %s >>",
      page_extra);

  builder_obj (b, 1, catalog);
  builder_obj (b, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  builder_obj (b, 3, page);
  builder_stream (b, 4, "", SHAPES, strlen (SHAPES));
  builder_xref (b, trailer_extra);
  return builder_free_to_bytes (b);
}

/* Cross-reference stream and object stream: objects 1 to 3 compressed in
 * object stream 5; the stream's rows with the PNG "Up" predictor. */
static GBytes *
make_xref_stream_pdf (gboolean hybrid)
{
  GString    *s = g_string_new ("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
  const char *objs[] = { "<< /Type /Catalog /Pages 2 0 R >>",
                         "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 300] >>",
                         "<< /Type /Page /Parent 2 0 R /Resources " FONT_RESOURCES
                         " /Contents 4 0 R >>" };
  g_autoptr (GString) header = g_string_new (NULL), body = g_string_new (NULL);
  g_autoptr (GBytes) objstm = NULL, shapes = deflate (SHAPES, strlen (SHAPES)), xref = NULL;
  gsize   off[7] = { 0 };
  guint8  rows[7][4], predicted[7 * 5];
  GBytes *result;

  off[4] = s->len;
  g_string_append_printf (
      s, "4 0 obj\n<< /Length %" G_GSIZE_FORMAT " /Filter /FlateDecode >>\nstream\n",
      g_bytes_get_size (shapes));
  g_string_append_len (s, g_bytes_get_data (shapes, NULL), (gssize) g_bytes_get_size (shapes));
  g_string_append (s, "\nendstream\nendobj\n");

  for (int i = 0; i < 3; i++)
    {
      g_string_append_printf (header, "%d %" G_GSIZE_FORMAT " ", i + 1, body->len);
      g_string_append_printf (body, "%s\n", objs[i]);
    }
  g_string_append (header, body->str);
  objstm = deflate (header->str, header->len);
  off[5] = s->len;
  g_string_append_printf (s,
                          "5 0 obj\n<< /Type /ObjStm /N 3 /First %" G_GSIZE_FORMAT
                          " /Filter /FlateDecode /Length 6 0 R >>\nstream\n",
                          header->len - body->len);
  g_string_append_len (s, g_bytes_get_data (objstm, NULL), (gssize) g_bytes_get_size (objstm));
  g_string_append (s, "\nendstream\nendobj\n");
  /* The stream's /Length is object 6, a plain integer. */
  off[6] = s->len;
  g_string_append_printf (s, "6 0 obj\n%" G_GSIZE_FORMAT "\nendobj\n", g_bytes_get_size (objstm));

  /* Rows of /W [1 2 1]: type, offset or object stream, generation or index. */
  memset (rows, 0, sizeof rows);
  rows[0][3] = 0xff;
  for (int i = 1; i <= 3; i++)
    {
      rows[i][0] = 2;
      rows[i][2] = 5;
      rows[i][3] = (guint8) (i - 1);
    }
  for (int i = 4; i <= 6; i++)
    {
      rows[i][0] = 1;
      rows[i][1] = (guint8) (off[i] >> 8);
      rows[i][2] = (guint8) off[i];
    }
  for (int r = 0; r < 7; r++)
    {
      predicted[r * 5] = 2; /* Up */
      for (int c = 0; c < 4; c++)
        predicted[r * 5 + 1 + c] = (guint8) (rows[r][c] - (r > 0 ? rows[r - 1][c] : 0));
    }
  xref = deflate (predicted, sizeof predicted);
  {
    gsize xref_off = s->len;

    g_string_append_printf (
        s,
        "7 0 obj\n<< /Type /XRef /Size 7 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode"
        " /DecodeParms << /Predictor 12 /Columns 4 >> /Length %" G_GSIZE_FORMAT " >>\nstream\n",
        g_bytes_get_size (xref));
    g_string_append_len (s, g_bytes_get_data (xref, NULL), (gssize) g_bytes_get_size (xref));
    g_string_append (s, "\nendstream\nendobj\n");
    if (hybrid)
      {
        /* A table for older readers that lists only the objects in the
         * file itself; the stream (/XRefStm) adds those compressed. */
        gsize table_off = s->len;

        g_string_append (s, "xref\n0 1\n0000000000 65535 f \n4 4\n");
        for (int i = 4; i <= 6; i++)
          g_string_append_printf (s, "%010" G_GSIZE_FORMAT " 00000 n \n", off[i]);
        g_string_append_printf (s,
                                "%010" G_GSIZE_FORMAT " 00000 n \ntrailer\n<< /Size 8 /Root 1 0 R"
                                " /XRefStm %" G_GSIZE_FORMAT " >>\n",
                                xref_off, xref_off);
        xref_off = table_off;
      }
    g_string_append_printf (s, "startxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", xref_off);
  }
  result = g_bytes_new (s->str, s->len);
  g_string_free (s, TRUE);
  return result;
}

/* The first or last @needle in @data, which may hold NUL bytes. */
static const char *
find_bytes (const char *data, gsize len, const char *needle, gboolean last)
{
  gsize       n = strlen (needle);
  const char *found = NULL;

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      {
        found = data + i;
        if (!last)
          break;
      }
  g_assert_nonnull (found);
  return found;
}

/* Opens @bytes, which must be read as they are, without repair. */
static RdPdfSource *
open_ok (GBytes *bytes)
{
  g_autoptr (GError) error = NULL;
  RdPdfSource *source = rd_pdf_source_new (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);
  g_assert_false (_rd_pdf_source_was_rebuilt (source));
  return source;
}

static RdPdfSource *
open_repaired (GBytes *bytes)
{
  g_autoptr (GError) error = NULL;
  RdPdfSource *source = rd_pdf_source_new (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);
  g_assert_true (_rd_pdf_source_was_rebuilt (source));
  return source;
}

static void
assert_refused (GBytes *bytes, RdPdfCopyError code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdPdfSource) source = rd_pdf_source_new (bytes, &error);

  g_assert_null (source);
  g_assert_error (error, RD_PDF_COPY_ERROR, (gint) code);
}

static void
assert_size (RdPdfSource *source, guint page, double width, double height)
{
  double w, h;

  rd_pdf_source_get_page_size (source, page, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, width, 1e-6);
  g_assert_cmpfloat_with_epsilon (h, height, 1e-6);
}

/* Reading */

static void
test_read_cairo (void)
{
  g_autoptr (GBytes) bytes = make_cairo_pdf ("Source", 3);
  g_autoptr (RdPdfSource) source = open_ok (bytes);

  g_assert_cmpuint (rd_pdf_source_get_n_pages (source), ==, 3);
  assert_size (source, 0, 300, 400);
  assert_size (source, 1, 300, 400);
  assert_size (source, 2, 500, 200);
}

static void
test_read_xref_stream (void)
{
  g_autoptr (GBytes) bytes = make_xref_stream_pdf (FALSE);
  g_autoptr (RdPdfSource) source = open_ok (bytes);
  g_autoptr (TestPdf) doc = poppler_document_new_from_bytes (bytes, NULL, NULL);

  /* Poppler reads the same file the same way. */
  g_assert_nonnull (doc);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  g_assert_cmpuint (rd_pdf_source_get_n_pages (source), ==, 1);
  assert_size (source, 0, 200, 300);
}

static void
test_read_hybrid (void)
{
  g_autoptr (GBytes) bytes = make_xref_stream_pdf (TRUE);
  g_autoptr (RdPdfSource) source = open_ok (bytes);
  g_autoptr (TestPdf) doc = poppler_document_new_from_bytes (bytes, NULL, NULL);

  g_assert_nonnull (doc);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  g_assert_cmpuint (rd_pdf_source_get_n_pages (source), ==, 1);
  assert_size (source, 0, 200, 300);
}

static void
test_read_incremental (void)
{
  Builder *b = builder_new ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (RdPdfSource) source = NULL;

  builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
  builder_obj (b, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  builder_obj (b, 3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Contents 4 0 R >>");
  builder_stream (b, 4, "", SHAPES, strlen (SHAPES));
  builder_xref (b, "");
  /* The update replaces the page with one of another size, and adds one. */
  builder_obj (b, 3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 500] /Contents 4 0 R >>");
  builder_obj (b, 5, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 150] /Contents 4 0 R >>");
  builder_obj (b, 2, "<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>");
  builder_xref (b, "");
  bytes = builder_free_to_bytes (b);
  source = open_ok (bytes);
  g_assert_cmpuint (rd_pdf_source_get_n_pages (source), ==, 2);
  assert_size (source, 0, 400, 500);
  assert_size (source, 1, 100, 150);
}

static void
test_read_inherited (void)
{
  Builder *b = builder_new ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (RdPdfSource) source = NULL;

  builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
  builder_obj (b, 2,
               "<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 3 /MediaBox [0 0 200 300] /Rotate 90"
               " /Resources " FONT_RESOURCES " >>");
  builder_obj (b, 3, "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>");
  builder_stream (b, 4, "", SHAPES, strlen (SHAPES));
  /* A middle node with a crop box of its own, inherited by its page. */
  builder_obj (b, 5,
               "<< /Type /Pages /Parent 2 0 R /Kids [6 0 R] /Count 1 /CropBox [10 20 110 220]"
               " /Rotate 0 >>");
  builder_obj (b, 6, "<< /Type /Page /Parent 5 0 R /Contents 4 0 R >>");
  builder_xref (b, "");
  bytes = builder_free_to_bytes (b);
  source = open_ok (bytes);
  g_assert_cmpuint (rd_pdf_source_get_n_pages (source), ==, 2);
  assert_size (source, 0, 300, 200); /* 200 × 300 turned a quarter */
  assert_size (source, 1, 100, 200); /* the crop box, not turned */
}

static void
test_read_rotate (void)
{
  const struct
  {
    const char *rotate;
    double      width, height;
  } cases[] = {
    { "/Rotate 0", 200, 300 },
    { "/Rotate 90", 300, 200 },
    { "/Rotate 180", 200, 300 },
    { "/Rotate 270", 300, 200 },
    { "/Rotate -90", 300, 200 },
    { "/Rotate 450", 300, 200 },
    { "/Rotate -540", 200, 300 },
    /* A crop box reaching beyond the media box is cut to it. */
    { "/CropBox [-50 100 150 400]", 150, 200 },
    /* One wider than the media box takes the media box's width (and is
     * then cut to it), as in Poppler: not 190 wide. */
    { "/CropBox [10 10 490 290]", 200, 280 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) bytes = make_simple_pdf (cases[i].rotate, "", "");
      g_autoptr (RdPdfSource) source = open_ok (bytes);
      g_autoptr (TestPdf) doc = poppler_document_new_from_bytes (bytes, NULL, NULL);
      g_autoptr (TestPage) page = poppler_document_get_page (doc, 0);
      double w, h;

      /* The size Poppler gives is the one the copier must give. */
      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, cases[i].width, 1e-6);
      g_assert_cmpfloat_with_epsilon (h, cases[i].height, 1e-6);
      assert_size (source, 0, cases[i].width, cases[i].height);
    }
}

/* A cross-reference table lost or pointing at the wrong places is found
 * again by scanning the file, as viewers do. */
static void
test_read_repaired (void)
{
  g_autoptr (GBytes) good = make_simple_pdf ("/Rotate 90", "", "");
  gsize       len;
  const char *data = g_bytes_get_data (good, &len);
  const char *xref = find_bytes (data, len, "xref\n0 1", FALSE);
  g_autoptr (GBytes) no_xref = g_bytes_new (data, (gsize) (xref - data));
  g_autoptr (GString) shifted = g_string_new_len (data, (gssize) len);
  g_autoptr (GBytes) shifted_bytes = NULL;
  g_autoptr (RdPdfSource) a = NULL, b = NULL;

  a = open_repaired (no_xref);
  g_assert_cmpuint (rd_pdf_source_get_n_pages (a), ==, 1);
  assert_size (a, 0, 300, 200);
  /* Twenty bytes more at the top: every offset in the table is wrong. */
  g_string_insert (shifted, 9, "%%%%%%%%%%%%%%%%%%\n");
  shifted_bytes = g_bytes_new (shifted->str, shifted->len);
  b = open_repaired (shifted_bytes);
  assert_size (b, 0, 300, 200);
}

/* A /Contents array whose streams are split inside a string. PDF forbids
 * it, but Poppler reads the string on into the next stream (this checks it
 * does), where joining the streams with a line break, as the copier must
 * between tokens, would put a byte into the text. Refused, so it is
 * rendered; split between tokens, or inside a comment or an inline image,
 * it is copied. */
static void
test_read_split_string (void)
{
  const struct
  {
    const char *first, *second;
    gboolean    copied;
  } cases[] = {
    { "0 g BT /F1 20 Tf 10 150 Td (Hel", "lo) Tj ET", FALSE },
    { "0 g BT /F1 20 Tf 10 150 Td (He\\) \\(l", "lo) Tj ET", FALSE },
    { "0 g BT /F1 20 Tf 10 150 Td (H(e)l", "lo) Tj ET", FALSE },
    { "0 g BT /F1 20 Tf 10 150 Td <48656C", "6C6F> Tj ET", FALSE },
    { "0 g BT /F1 20 Tf 10 150 Td (He\\", "llo) Tj ET", FALSE },
    { "0 g BT /F1 20 Tf 10 150 Td (Hello)", "Tj ET", TRUE },
    { "0 g BT /F1 20 Tf 10 150 Td (He\\)llo) Tj % a comment (", "ET", TRUE },
    { "0 g BT /F1 20 Tf 10 150 Td << >> pop (Hello) Tj", "ET", TRUE },
    { "BI /W 2 /H 1 /BPC 8 /CS /G ID (< EI Q q 0 g BT /F1 20 Tf 10 150 Td (Hello) Tj", "ET", TRUE },
    /* "EI" inside the image's data, not between white space, is data. */
    { "BI /W 4 /H 1 /BPC 8 /CS /G ID ((EI( EI 0 g BT /F1 20 Tf 10 150 Td (Hello) Tj", "ET", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Builder *b = builder_new ();
      g_autoptr (GBytes) bytes = NULL;

      builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
      builder_obj (b, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
      builder_obj (b, 3,
                   "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Resources " FONT_RESOURCES
                   " /Contents [4 0 R 5 0 R] >>");
      builder_stream (b, 4, "", cases[i].first, strlen (cases[i].first));
      builder_stream (b, 5, "", cases[i].second, strlen (cases[i].second));
      builder_xref (b, "");
      bytes = builder_free_to_bytes (b);
      g_test_message ("contents [(%s) (%s)]", cases[i].first, cases[i].second);
      if (i == 0)
        {
          g_autoptr (TestPdf) doc = poppler_document_new_from_bytes (bytes, NULL, NULL);
          g_autoptr (TestPage) page = poppler_document_get_page (doc, 0);
          g_autofree char *text = poppler_page_get_text (page);

          g_assert_cmpstr (text, ==, "Hello");
        }
      if (cases[i].copied)
        {
          g_autoptr (RdPdfSource) source = open_ok (bytes);

          g_assert_cmpuint (rd_pdf_source_get_n_pages (source), ==, 1);
        }
      else
        assert_refused (bytes, RD_PDF_COPY_ERROR_UNSUPPORTED);
    }
}

static void
test_read_unsupported (void)
{
  g_autoptr (GBytes) encrypted = make_simple_pdf ("", "", "/Encrypt << /Filter /Standard /V 1 >>");
  g_autoptr (GBytes) widget = make_simple_pdf (
      "/Annots [<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /F 4 /FT /Tx >>]", "", "");
  g_autoptr (GBytes) stamp = make_simple_pdf (
      "/Annots [<< /Type /Annot /Subtype /Stamp /Rect [0 0 10 10] /F 4 >>]", "", "");
  g_autoptr (GBytes) link = make_simple_pdf (
      "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (x) >> >>]", "",
      "");
  g_autoptr (GBytes) optional = make_simple_pdf ("", "/OCProperties << /OCGs [] /D << >> >>", "");
  g_autoptr (GBytes) unit = make_simple_pdf ("/UserUnit 2", "", "");
  g_autoptr (RdPdfSource) linked = NULL;
  Builder *b = builder_new ();
  g_autoptr (GBytes) hex_array = NULL;

  assert_refused (encrypted, RD_PDF_COPY_ERROR_UNSUPPORTED);
  assert_refused (widget, RD_PDF_COPY_ERROR_UNSUPPORTED);
  assert_refused (stamp, RD_PDF_COPY_ERROR_UNSUPPORTED);
  assert_refused (optional, RD_PDF_COPY_ERROR_UNSUPPORTED);
  assert_refused (unit, RD_PDF_COPY_ERROR_UNSUPPORTED);
  /* Links are not drawn: a page with one is copied. */
  linked = open_ok (link);
  g_assert_cmpuint (rd_pdf_source_get_n_pages (linked), ==, 1);

  /* A /Contents array with a filter the copier does not decode. */
  builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
  builder_obj (b, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  builder_obj (b, 3,
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Contents [4 0 R 5 0 R] >>");
  builder_stream (b, 4, "", "0 g", 3);
  builder_stream (b, 5, " /Filter /ASCIIHexDecode", "302067>", 7);
  builder_xref (b, "");
  hex_array = builder_free_to_bytes (b);
  assert_refused (hex_array, RD_PDF_COPY_ERROR_UNSUPPORTED);
}

/* An encrypted PDF whose cross-reference stream is lost (startxref points
 * nowhere): the file is rebuilt by scanning, and the /Encrypt of the
 * cross-reference stream's dictionary (such a file has no "trailer") must
 * still be seen. Else its encrypted streams would be copied as if plain:
 * pages of noise, or blank. */
static void
test_read_rebuilt_encrypted (void)
{
  for (int damaged = 0; damaged <= 1; damaged++)
    {
      Builder *b = builder_new ();
      g_autoptr (GString) rows = g_string_new (NULL);
      g_autoptr (GBytes) bytes = NULL;
      gsize xref_offset;

      builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
      builder_obj (b, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
      builder_obj (b, 3,
                   "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Resources " FONT_RESOURCES
                   " /Contents 4 0 R >>");
      builder_stream (b, 4, "", SHAPES, strlen (SHAPES));
      builder_obj (b, 6,
                   "<< /Filter /Standard /V 1 /R 2 /P -4"
                   " /O <0000000000000000000000000000000000000000000000000000000000000000>"
                   " /U <0000000000000000000000000000000000000000000000000000000000000000> >>");
      /* Rows of /W [1 4 1] for objects 0 to 6, the stream itself (5) too. */
      xref_offset = b->s->len;
      builder_mark (b, 5);
      for (guint i = 0; i <= 6; i++)
        {
          gsize  offset = i == 5 ? xref_offset : i == 0 ? 0 : g_array_index (b->offsets, gsize, i);
          guint8 row[6] = { i == 0 ? 0 : 1,          (guint8) (offset >> 24),
                            (guint8) (offset >> 16), (guint8) (offset >> 8),
                            (guint8) offset,         i == 0 ? 0xff : 0 };

          g_string_append_len (rows, (const char *) row, 6);
        }
      g_string_append_printf (b->s,
                              "5 0 obj\n<< /Type /XRef /Size 7 /W [1 4 1] /Root 1 0 R"
                              " /Encrypt 6 0 R /ID [<00><00>] /Length %" G_GSIZE_FORMAT
                              " >>\nstream\n",
                              rows->len);
      g_string_append_len (b->s, rows->str, (gssize) rows->len);
      g_string_append_printf (b->s,
                              "\nendstream\nendobj\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                              damaged ? xref_offset + 3 : xref_offset);
      g_array_set_size (b->section, 0);
      bytes = builder_free_to_bytes (b);
      g_test_message ("cross-reference stream %s", damaged ? "lost" : "read");
      assert_refused (bytes, RD_PDF_COPY_ERROR_UNSUPPORTED);
    }

  /* A table and trailer cut off altogether: the encryption dictionary is
   * still there, and says enough. */
  {
    g_autoptr (GBytes) whole = make_simple_pdf ("", "", "/Encrypt 5 0 R");
    const char *data = g_bytes_get_data (whole, NULL);
    g_autoptr (GString) cut = g_string_new_len (
        data, find_bytes (data, g_bytes_get_size (whole), "xref", TRUE) - data);
    g_autoptr (GBytes) bytes = NULL;

    g_string_append (cut, "5 0 obj\n<< /Filter /Standard /V 1 /R 2 /P -4 /O <00> /U <00> >>\n"
                          "endobj\n%%EOF\n");
    bytes = g_bytes_new (cut->str, cut->len);
    assert_refused (bytes, RD_PDF_COPY_ERROR_UNSUPPORTED);
  }
}

/* Red pixels where Poppler prints page 1 of @bytes, as the bundle's
 * fallback draws it (poppler_page_render_for_printing()). */
static guint
printed_red_pixels (GBytes *bytes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TestPdf) doc = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_autoptr (TestPage) page = NULL;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 300);
  cairo_t         *cr = cairo_create (image);
  const guint8    *data;
  guint            red = 0;

  g_assert_no_error (error);
  page = poppler_document_get_page (doc, 0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  for (int y = 0; y < 300; y++)
    for (int x = 0; x < 200; x++)
      {
        const guint8 *px = data + y * cairo_image_surface_get_stride (image) + 4 * x;

        /* Cairo's RGB24 is B, G, R in memory order on little-endian. */
        if (px[2] > 200 && px[1] < 60 && px[0] < 60)
          red++;
      }
  cairo_surface_destroy (image);
  return red;
}

/* Links and pop-ups are left out of the copy. The fallback leaves them out
 * too: Poppler prints only markup annotations and form fields (POPPLER_PRINT_ALL),
 * never a link or a pop-up, even one marked for printing with a coloured
 * border or an appearance of its own. Checked here against Poppler, so that
 * a Poppler that starts printing them shows up. */
static void
test_read_links_not_printed (void)
{
#define LINK_AT    "/Type /Annot /Subtype /Link /Rect [100 100 180 150] /A << /S /URI /URI (x) >> "
#define APPEARANCE "/AP << /N 5 0 R >> "
  static const char *const annots[] = {
    "<< " LINK_AT "/F 4 /Border [0 0 3] /C [1 0 0] >>",
    "<< " LINK_AT "/F 4 /C [1 0 0] >>",
    "<< " LINK_AT "/F 4 " APPEARANCE "/Border [0 0 0] >>",
    "<< /Type /Annot /Subtype /Popup /Rect [100 100 180 150] /F 4 /Open true " APPEARANCE ">>",
  };
  static const char red_box[] = "1 0 0 rg 0 0 80 50 re f";
  g_autoptr (GBytes) plain = make_simple_pdf ("", "", "");
  guint baseline = printed_red_pixels (plain);

  for (guint i = 0; i < G_N_ELEMENTS (annots); i++)
    {
      Builder *b = builder_new ();
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (RdPdfSource) source = NULL;

      builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
      builder_obj (b, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
      builder_obj (b, 3,
                   "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Resources " FONT_RESOURCES
                   " /Contents 4 0 R /Annots [6 0 R] >>");
      builder_stream (b, 4, "", SHAPES, strlen (SHAPES));
      builder_stream (b, 5, " /Type /XObject /Subtype /Form /BBox [0 0 80 50]", red_box,
                      strlen (red_box));
      builder_obj (b, 6, annots[i]);
      builder_xref (b, "");
      bytes = builder_free_to_bytes (b);

      g_test_message ("annotation %u: %s", i, annots[i]);
      g_assert_cmpuint (printed_red_pixels (bytes), ==, baseline);
      source = open_ok (bytes);
      g_assert_cmpuint (rd_pdf_source_get_n_pages (source), ==, 1);
    }
#undef LINK_AT
#undef APPEARANCE
}

/* Other annotations: the page is copied exactly when Poppler's printing,
 * the bundle's fallback, would not draw any of them: hidden, not marked for
 * printing, or with no area (an invisible signature field, common on signed
 * letters). Which ones Poppler prints is checked here against Poppler. */
static void
test_read_annotations_printed (void)
{
#define RED_APPEARANCE "/AP << /N 5 0 R >> "
  static const struct
  {
    const char *annot;
    gboolean    printed;
  } cases[] = {
    { "<< /Type /Annot /Subtype /Square /Rect [100 100 180 150] /F 4 " RED_APPEARANCE ">>", TRUE },
    { "<< /Type /Annot /Subtype /Square /Rect [100 100 180 150] " RED_APPEARANCE ">>", FALSE },
    { "<< /Type /Annot /Subtype /Square /Rect [100 100 180 150] /F 6 " RED_APPEARANCE ">>", FALSE },
    { "<< /Type /Annot /Subtype /Widget /FT /Tx /Rect [100 100 180 150] /F 4 " RED_APPEARANCE ">>",
      TRUE },
    { "<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /F 132 " RED_APPEARANCE ">>",
      FALSE },
  };
  static const char red_box[] = "1 0 0 rg 0 0 80 50 re f";
  g_autoptr (GBytes) plain = make_simple_pdf ("", "", "");
  guint baseline = printed_red_pixels (plain);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Builder *b = builder_new ();
      g_autoptr (GBytes) bytes = NULL;

      builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
      builder_obj (b, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
      builder_obj (b, 3,
                   "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Resources " FONT_RESOURCES
                   " /Contents 4 0 R /Annots [6 0 R] >>");
      builder_stream (b, 4, "", SHAPES, strlen (SHAPES));
      builder_stream (b, 5, " /Type /XObject /Subtype /Form /BBox [0 0 80 50]", red_box,
                      strlen (red_box));
      builder_obj (b, 6, cases[i].annot);
      builder_xref (b, "");
      bytes = builder_free_to_bytes (b);

      g_test_message ("annotation %u: %s", i, cases[i].annot);
      /* What Poppler does, so that the expectation is Poppler's, not ours. */
      g_assert_cmpint (printed_red_pixels (bytes) > baseline, ==, cases[i].printed);
      if (cases[i].printed)
        assert_refused (bytes, RD_PDF_COPY_ERROR_UNSUPPORTED);
      else
        {
          g_autoptr (RdPdfSource) source = open_ok (bytes);

          g_assert_cmpuint (rd_pdf_source_get_n_pages (source), ==, 1);
        }
    }
#undef RED_APPEARANCE
}

static void
test_read_malformed (void)
{
  static const char garbage_pdf[] = "%PDF-1.4\n\x01\x02 garbage startxref 7 %%EOF";
  g_autoptr (GBytes) good = make_simple_pdf ("", "", "");
  g_autoptr (GBytes) truncated = g_bytes_new_from_bytes (good, 0, g_bytes_get_size (good) / 2);
  g_autoptr (GBytes) garbage = g_bytes_new_static (garbage_pdf, sizeof garbage_pdf - 1);
  g_autoptr (GBytes) not_pdf = g_bytes_new_static ("Dear Sir or Madam,", 18);
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (GBytes) cycle = NULL, self_kid = NULL, deep = NULL;
  Builder *b;

  /* Cut in its page's drawing: what is lost is not copied as a blank. */
  assert_refused (truncated, RD_PDF_COPY_ERROR_MALFORMED);
  assert_refused (garbage, RD_PDF_COPY_ERROR_MALFORMED);
  assert_refused (not_pdf, RD_PDF_COPY_ERROR_MALFORMED);
  assert_refused (empty, RD_PDF_COPY_ERROR_MALFORMED);

  /* Two nodes of the page tree that are each other's kid. */
  b = builder_new ();
  builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
  builder_obj (b, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  builder_obj (b, 3, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>");
  builder_xref (b, "");
  cycle = builder_free_to_bytes (b);
  assert_refused (cycle, RD_PDF_COPY_ERROR_MALFORMED);

  /* A node that is its own kid, beside a real page. */
  b = builder_new ();
  builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
  builder_obj (b, 2, "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>");
  builder_obj (b, 3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>");
  builder_xref (b, "");
  self_kid = builder_free_to_bytes (b);
  assert_refused (self_kid, RD_PDF_COPY_ERROR_MALFORMED);

  /* A page tree 200 nodes deep. */
  b = builder_new ();
  builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
  for (guint i = 2; i < 202; i++)
    {
      g_autofree char *node = g_strdup_printf ("<< /Type /Pages /Kids [%u 0 R] /Count 1 >>", i + 1);

      builder_obj (b, i, node);
    }
  builder_obj (b, 202, "<< /Type /Page /MediaBox [0 0 10 10] >>");
  builder_xref (b, "");
  deep = builder_free_to_bytes (b);
  assert_refused (deep, RD_PDF_COPY_ERROR_MALFORMED);

  /* Arrays nested 10,000 deep in a page: refused, not recursed into. */
  {
    g_autoptr (GString) nested = g_string_new ("/Foo ");
    g_autoptr (GBytes) nested_bytes = NULL;

    for (int i = 0; i < 10000; i++)
      g_string_append_c (nested, '[');
    for (int i = 0; i < 10000; i++)
      g_string_append_c (nested, ']');
    nested_bytes = make_simple_pdf (nested->str, "", "");
    assert_refused (nested_bytes, RD_PDF_COPY_ERROR_MALFORMED);
  }
}

/* Merging */

static cairo_surface_t *render (PopplerPage *page, double width, double height);

typedef struct
{
  char  *dir;
  GFile *skeleton;
} Merge;

static void
merge_setup (Merge *m, gconstpointer data)
{
  (void) data;
  m->dir = g_dir_make_tmp ("test-pdf-copy-XXXXXX", NULL);
  g_assert_nonnull (m->dir);
}

static void
merge_teardown (Merge *m, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (m->dir, 0, NULL);
  const char *name;

  (void) data;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (m->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (m->dir);
  g_free (m->dir);
  g_clear_object (&m->skeleton);
}

/* A skeleton of @n_pages A4 pages as the bundle draws them: a line of text
 * at the top of each (unless @blank), an outline entry for page 2 and, on
 * page 1, a link to page 3 (if there is one). */
static void
make_skeleton (Merge *m, int n_pages, gboolean blank)
{
  g_autofree char *path = g_build_filename (m->dir, "skeleton.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t         *cr = cairo_create (surface);

  for (int i = 1; i <= n_pages; i++)
    {
      g_autofree char      *text = g_strdup_printf ("Skeleton page %d", i);
      PangoLayout          *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("Serif 12");

      if (!blank)
        {
          pango_layout_set_font_description (layout, font);
          pango_layout_set_text (layout, text, -1);
          cairo_move_to (cr, 40, 20);
          pango_cairo_show_layout (cr, layout);
        }
      if (i == 2)
        cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, "Part two", "page=2", 0);
      /* As the bundle links: to a named destination (Cairo 1.16 drops
       * links by page number to pages not yet drawn). */
      if (i == 1 && n_pages >= 3)
        {
          cairo_tag_begin (cr, CAIRO_TAG_LINK, "dest='page-3' rect=[40 800 100 20]");
          cairo_tag_end (cr, CAIRO_TAG_LINK);
        }
      if (i == 3)
        {
          cairo_tag_begin (cr, CAIRO_TAG_DEST, "name='page-3' x=0 y=0");
          cairo_tag_end (cr, CAIRO_TAG_DEST);
        }
      cairo_show_page (cr);
      pango_font_description_free (font);
      g_object_unref (layout);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  m->skeleton = g_file_new_for_path (path);
}

typedef struct
{
  guint        target, source_page;
  RdPdfSource *source;
  double       x, y, width, height;
} Placement;

/* Poppler repairs a broken cross-reference table without a word, so the
 * output is also read by the copier's own reader, which must not need to
 * repair it: every offset right, every object there. It has the skeleton's
 * pages, and starts as a PDF 1.7 with a binary comment. */
static GBytes *
check_output (GBytes *merged, GFile *skeleton)
{
  g_autoptr (RdPdfSource) output = open_ok (merged);
  g_autoptr (GBytes) skeleton_bytes = g_file_load_bytes (skeleton, NULL, NULL, NULL);
  g_autoptr (RdPdfSource) original = open_ok (skeleton_bytes);
  const char *data = g_bytes_get_data (merged, NULL);

  g_assert_cmpuint (rd_pdf_source_get_n_pages (output), ==, rd_pdf_source_get_n_pages (original));
  g_assert_cmpmem (data, 15, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 15);
  return merged;
}

static GBytes *
merge_pages (Merge *m, const Placement *placements, guint n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (RdPdfMerge) merge = rd_pdf_merge_new (m->skeleton, out, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (rd_pdf_merge_place (merge, placements[i].target, placements[i].source,
                                         placements[i].source_page, placements[i].x,
                                         placements[i].y, placements[i].width, placements[i].height,
                                         NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (rd_pdf_merge_finish (merge, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return check_output (g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out)),
                       m->skeleton);
}

static TestPdf *
open_poppler (GBytes *bytes)
{
  g_autoptr (GError) error = NULL;
  TestPdf *doc = poppler_document_new_from_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

/* The one place @text lies on @page, in points from the top left. */
static void
find_text (PopplerPage *page, const char *text, PopplerRectangle *found)
{
  GList            *hits = poppler_page_find_text (page, text);
  double            w, h;
  PopplerRectangle *r;

  g_assert_cmpuint (g_list_length (hits), ==, 1);
  r = hits->data;
  poppler_page_get_size (page, &w, &h);
  /* find_text measures from the bottom left. */
  found->x1 = r->x1;
  found->x2 = r->x2;
  found->y1 = h - r->y2;
  found->y2 = h - r->y1;
  g_list_free_full (hits, (GDestroyNotify) poppler_rectangle_free);
}

static void
assert_inside (const PopplerRectangle *r, double x, double y, double w, double h)
{
  g_assert_cmpfloat (r->x1, >=, x);
  g_assert_cmpfloat (r->x2, <=, x + w);
  g_assert_cmpfloat (r->y1, >=, y);
  g_assert_cmpfloat (r->y2, <=, y + h);
}

static void
test_merge_text_outline_links (Merge *m, gconstpointer data)
{
  g_autoptr (GBytes) bytes = make_cairo_pdf ("Source", 3);
  g_autoptr (RdPdfSource) source = open_ok (bytes);
  g_autoptr (GBytes) merged = NULL;
  g_autoptr (TestPdf) doc = NULL;
  TestIndex     *iter = NULL;
  PopplerAction *action;
  GList         *links;
  gboolean       found_link = FALSE;
  /* Page 1 gets source page 1 (300 × 400) scaled by ½; page 3 gets source
   * page 3 (500 × 200) at its own size. Page 2 stays as it is. */
  Placement places[] = {
    { 0, 0, source, 100, 200, 150, 200 },
    { 2, 2, source, 50, 300, 500, 200 },
  };
  (void) data;

  make_skeleton (m, 3, FALSE);
  merged = merge_pages (m, places, G_N_ELEMENTS (places));
  doc = open_poppler (merged);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 3);

  for (int i = 0; i < 3; i++)
    {
      g_autoptr (TestPage) page = poppler_document_get_page (doc, i);
      g_autofree char *label = g_strdup_printf ("Skeleton page %d", i + 1);
      g_autofree char *text = poppler_page_get_text (page);
      PopplerRectangle r;
      double           w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, 595, 1e-6);
      g_assert_cmpfloat_with_epsilon (h, 842, 1e-6);
      find_text (page, label, &r);
      if (i == 0)
        {
          find_text (page, "Source page 1", &r);
          /* Drawn at 90, 20 on the source, 14 pt: at half size it starts
           * 45, 10 into the rectangle. */
          assert_inside (&r, 100, 200, 150, 200);
          g_assert_cmpfloat (fabs (r.x1 - (100 + 45)), <, 3);
          g_assert_cmpfloat (fabs (r.y1 - (200 + 10)), <, 6);
        }
      else if (i == 2)
        {
          find_text (page, "Source page 3", &r);
          assert_inside (&r, 50, 300, 500, 200);
          g_assert_cmpfloat (fabs (r.x1 - (50 + 90)), <, 3);
        }
      else
        g_assert_null (strstr (text, "Source page"));
    }

  /* The outline entry goes to page 2 (index 1). */
  iter = poppler_index_iter_new (doc);
  g_assert_nonnull (iter);
  action = poppler_index_iter_get_action (iter);
  g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
  {
    PopplerDest *dest = action->goto_dest.dest;
    PopplerDest *named = dest->type == POPPLER_DEST_NAMED
                             ? poppler_document_find_dest (doc, dest->named_dest)
                             : NULL;

    g_assert_cmpint (named != NULL ? named->page_num : dest->page_num, ==, 2);
    g_clear_pointer (&named, poppler_dest_free);
  }
  g_assert_cmpstr (action->any.title, ==, "Part two");
  poppler_action_free (action);
  poppler_index_iter_free (iter);

  /* The link on page 1 goes to page 3. */
  {
    g_autoptr (TestPage) page = poppler_document_get_page (doc, 0);

    links = poppler_page_get_link_mapping (page);
    for (GList *l = links; l != NULL; l = l->next)
      {
        PopplerLinkMapping *link = l->data;

        if (link->action->type == POPPLER_ACTION_GOTO_DEST)
          {
            PopplerDest *dest = link->action->goto_dest.dest;
            PopplerDest *named = dest->type == POPPLER_DEST_NAMED
                                     ? poppler_document_find_dest (doc, dest->named_dest)
                                     : NULL;

            g_assert_cmpint (named != NULL ? named->page_num : dest->page_num, ==, 3);
            g_clear_pointer (&named, poppler_dest_free);
            found_link = TRUE;
          }
      }
    poppler_page_free_link_mapping (links);
    g_assert_true (found_link);
  }
}

/* How many times @needle occurs in @bytes. */
static guint
count_occurrences (GBytes *bytes, const char *needle)
{
  gsize       len, n = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &len);
  guint       count = 0;

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      count++;
  return count;
}

static void
test_merge_shared_objects (Merge *m, gconstpointer data)
{
  g_autoptr (GBytes) bytes = make_cairo_pdf ("Shared", 3);
  g_autoptr (RdPdfSource) source = open_ok (bytes);
  g_autoptr (GBytes) merged = NULL;
  g_autoptr (TestPdf) doc = NULL;
  Placement places[] = {
    { 0, 0, source, 0, 0, 300, 400 },
    { 1, 1, source, 0, 0, 300, 400 },
    { 2, 2, source, 0, 0, 500, 200 },
  };
  (void) data;

  make_skeleton (m, 3, TRUE);
  merged = merge_pages (m, places, G_N_ELEMENTS (places));
  doc = open_poppler (merged);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 3);
  /* The source's one font, used on its three pages, is written once. */
  g_assert_cmpuint (count_occurrences (bytes, "/FontFile"), ==, 1);
  g_assert_cmpuint (count_occurrences (merged, "/FontFile"), ==, 1);
  /* The PNG on page 1: an image in the source, the same in the copy. */
  g_assert_cmpuint (count_occurrences (bytes, "/Subtype /Image"), >=, 1);
  g_assert_cmpuint (count_occurrences (merged, "/Subtype /Image"), ==,
                    count_occurrences (bytes, "/Subtype /Image"));
  /* The source's own page objects are not copied. */
  g_assert_cmpuint (count_occurrences (merged, "Type/Page\n"), ==, 0);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr (TestPage) page = poppler_document_get_page (doc, i);
      g_autofree char *label = g_strdup_printf ("Shared page %d", i + 1);
      PopplerRectangle r;

      find_text (page, label, &r);
    }
}

/* A resource that points at pages (its own, another, the page tree) does not
 * drag them into the copy: they become null, and /Parent is not followed. */
static void
test_merge_no_other_pages (Merge *m, gconstpointer data)
{
  Builder    *b = builder_new ();
  const char *form = "0 0 1 rg 0 0 50 50 re f";
  const char *other = "BT /F1 12 Tf 10 10 Td (OtherPageMarker) Tj ET";
  g_autoptr (GBytes) bytes = NULL, merged = NULL;
  g_autoptr (RdPdfSource) source = NULL;
  g_autoptr (TestPdf) doc = NULL;
  (void) data;

  builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
  builder_obj (b, 2, "<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 >>");
  builder_obj (b, 3,
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Contents 4 0 R"
               " /Resources << /XObject << /Fm1 5 0 R >> >> >>");
  builder_stream (b, 4, "", "/Fm1 Do", 7);
  builder_stream (b, 5,
                  " /Type /XObject /Subtype /Form /BBox [0 0 50 50] /Parent 2 0 R /Mine 3 0 R"
                  " /Theirs 7 0 R",
                  form, strlen (form));
  builder_obj (b, 7,
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Contents 8 0 R"
               " /Resources " FONT_RESOURCES " >>");
  builder_stream (b, 8, "", other, strlen (other));
  builder_xref (b, "");
  bytes = builder_free_to_bytes (b);
  source = open_ok (bytes);
  make_skeleton (m, 1, TRUE);
  {
    Placement place = { 0, 0, source, 100, 100, 200, 300 };

    merged = merge_pages (m, &place, 1);
  }
  g_assert_cmpuint (count_occurrences (bytes, "OtherPageMarker"), ==, 1);
  g_assert_cmpuint (count_occurrences (merged, "OtherPageMarker"), ==, 0);
  /* One page tree (the skeleton's): "/Type /Pages" once, however written. */
  g_assert_cmpuint (count_occurrences (merged, "/Pages"), ==, 2); /* catalogue and tree */
  doc = open_poppler (merged);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  /* The form is still drawn: the blue square, 50 pt at the rectangle's
   * bottom left (Cairo's y 350 to 400). */
  {
    g_autoptr (TestPage) page = poppler_document_get_page (doc, 0);
    cairo_surface_t *image = render (page, 595, 842);
    const guint8    *px;

    cairo_surface_flush (image);
    px = cairo_image_surface_get_data (image) + 375 * cairo_image_surface_get_stride (image) +
         4 * 125;
    g_assert_cmpuint (px[0], >, 200); /* blue, in Cairo's BGRx */
    g_assert_cmpuint (px[2], <, 50);
    cairo_surface_destroy (image);
  }
}

static void
test_merge_cancelled (Merge *m, gconstpointer data)
{
  g_autoptr (GBytes) bytes = make_cairo_pdf ("Source", 1);
  g_autoptr (RdPdfSource) source = open_ok (bytes);
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RdPdfMerge) merge = NULL;
  (void) data;

  make_skeleton (m, 1, TRUE);
  merge = rd_pdf_merge_new (m->skeleton, out, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (rd_pdf_merge_place (merge, 0, source, 0, 0, 0, 300, 400, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static cairo_surface_t *
render (PopplerPage *page, double width, double height)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width),
                                                       (int) ceil (height));
  cairo_t         *cr = cairo_create (image);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (page != NULL)
    poppler_page_render (page, cr);
  cairo_destroy (cr);
  return image;
}

/* Pixels that differ clearly (more than a quarter of the range in a channel),
 * and pixels of @a that are not white. */
static void
compare_images (cairo_surface_t *a, cairo_surface_t *b, guint *differ, guint *inked)
{
  int           w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int           stride = cairo_image_surface_get_stride (a);
  const guint8 *pa, *pb;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  pa = cairo_image_surface_get_data (a);
  pb = cairo_image_surface_get_data (b);
  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  *differ = *inked = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = pa + y * stride + 4 * x, *q = pb + y * stride + 4 * x;
        gboolean      d = FALSE, ink = FALSE;

        for (int c = 0; c < 3; c++)
          {
            if (abs (p[c] - q[c]) > 64)
              d = TRUE;
            if (p[c] < 200)
              ink = TRUE;
          }
        *differ += d;
        *inked += ink;
      }
}

/* The placed page looks like the source page drawn by Poppler into the
 * same rectangle, and unlike it drawn any other way up. */
static void
check_looks_like_source (Merge *m, GBytes *source_bytes, const char *png_name)
{
  g_autoptr (RdPdfSource) source = open_ok (source_bytes);
  g_autoptr (TestPdf) src_doc = open_poppler (source_bytes);
  g_autoptr (TestPage) src_page = poppler_document_get_page (src_doc, 0);
  double sw, sh, x = 120, y = 150, w, h;
  g_autoptr (GBytes) merged = NULL;
  g_autoptr (TestPdf) doc = NULL;
  g_autoptr (TestPage) page = NULL;
  cairo_surface_t *got, *expected, *upside_down;
  cairo_t         *cr;
  guint            differ, inked, differ_wrong, inked_wrong;

  rd_pdf_source_get_page_size (source, 0, &sw, &sh);
  /* Scaled by 1.5 into the rectangle. */
  w = sw * 1.5;
  h = sh * 1.5;
  {
    Placement place = { 0, 0, source, x, y, w, h };

    merged = merge_pages (m, &place, 1);
  }
  doc = open_poppler (merged);
  page = poppler_document_get_page (doc, 0);
  got = render (page, 595, 842);

  expected = render (NULL, 595, 842);
  cr = cairo_create (expected);
  cairo_translate (cr, x, y);
  cairo_scale (cr, w / sw, h / sh);
  poppler_page_render (src_page, cr);
  cairo_destroy (cr);

  upside_down = render (NULL, 595, 842);
  cr = cairo_create (upside_down);
  cairo_translate (cr, x + w, y + h);
  cairo_scale (cr, -w / sw, -h / sh);
  poppler_page_render (src_page, cr);
  cairo_destroy (cr);

  compare_images (got, expected, &differ, &inked);
  compare_images (got, upside_down, &differ_wrong, &inked_wrong);
  if (g_getenv ("RD_TEST_KEEP_PNG") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("RD_TEST_KEEP_PNG"), png_name, NULL);

      cairo_surface_write_to_png (got, path);
    }
  g_test_message ("%s: %u pixels inked, %u differ (%u differ turned round)", png_name, inked,
                  differ, differ_wrong);
  /* The source's red square and blue bar alone ink thousands of pixels. */
  g_assert_cmpuint (inked, >, 5000);
  g_assert_cmpuint (differ, <, inked / 50);
  g_assert_cmpuint (differ_wrong, >, inked / 5);
  cairo_surface_destroy (got);
  cairo_surface_destroy (expected);
  cairo_surface_destroy (upside_down);
}

static void
test_merge_rotations (Merge *m, gconstpointer data)
{
  const char *rotations[] = { "",
                              "/Rotate 90",
                              "/Rotate 180",
                              "/Rotate 270",
                              "/Rotate -90",
                              "/Rotate 90 /CropBox [20 30 180 280]" };
  (void) data;

  make_skeleton (m, 1, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (rotations); i++)
    {
      g_autoptr (GBytes) bytes = make_simple_pdf (rotations[i], "", "");
      g_autofree char *name = g_strdup_printf ("rotation-%u.png", i);

      check_looks_like_source (m, bytes, name);
    }
}

/* A media box away from the origin (as some scanners and imposition tools
 * write), with and without a crop box, each way up. */
static void
test_merge_media_box_offset (Merge *m, gconstpointer data)
{
  static const char content[] = "1 0 0 1 100 100 cm " SHAPES;
  const char       *extras[] = { "",
                                 "/Rotate 90",
                                 "/Rotate 180",
                                 "/Rotate 270",
                                 "/CropBox [120 130 280 380]",
                                 "/CropBox [120 130 280 380] /Rotate 90",
                                 "/CropBox [120 130 280 380] /Rotate 270" };

  (void) data;
  make_skeleton (m, 1, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
    {
      Builder         *b = builder_new ();
      g_autofree char *page = g_strdup_printf (
          "<< /Type /Page /Parent 2 0 R /MediaBox [100 100 300 400] /Resources " FONT_RESOURCES
          " /Contents 4 0 R %s >>",
          extras[i]);
      g_autofree char *name = g_strdup_printf ("media-offset-%u.png", i);
      g_autoptr (GBytes) bytes = NULL;

      builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
      builder_obj (b, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
      builder_obj (b, 3, page);
      builder_stream (b, 4, "", content, strlen (content));
      builder_xref (b, "");
      bytes = builder_free_to_bytes (b);
      check_looks_like_source (m, bytes, name);
    }
}

static void
test_merge_cairo_rotated (Merge *m, gconstpointer data)
{
  g_autoptr (GBytes) cairo_pdf = make_cairo_pdf ("Turned", 1);
  (void) data;

  make_skeleton (m, 1, TRUE);
  check_looks_like_source (m, cairo_pdf, "cairo-0.png");
  /* Cairo cannot write /Rotate; the same page given one by an incremental
   * update that replaces its page object. */
  for (int r = 90; r < 360; r += 90)
    {
      g_autoptr (TestPdf) doc = open_poppler (cairo_pdf);
      g_autoptr (RdPdfSource) plain = open_ok (cairo_pdf);
      gsize       len;
      const char *data_in = g_bytes_get_data (cairo_pdf, &len);
      g_autoptr (GString) s = g_string_new_len (data_in, (gssize) len);
      const char      *xref = find_bytes (s->str, s->len, "startxref", TRUE);
      const char      *page_obj, *end;
      guint64          prev = g_ascii_strtoull (xref + 9, NULL, 10);
      g_autofree char *page_body = NULL, *name = g_strdup_printf ("cairo-%d.png", r);
      gsize            obj_offset;
      guint            page_num = 0;
      guint root = (guint) g_ascii_strtoull (find_bytes (s->str, s->len, "/Root ", TRUE) + 6, NULL,
                                             10);
      g_autoptr (GBytes) turned = NULL;

      /* Cairo writes its page as "N 0 obj\n<< /Type /Page % 1". */
      page_obj = find_bytes (s->str, s->len, "<< /Type /Page %", FALSE);
      g_assert_nonnull (page_obj);
      {
        const char *p = page_obj;

        while (p > s->str && p[-1] != 'j')
          p--;
        while (p > s->str && p[-1] != '\n')
          p--;
        page_num = (guint) g_ascii_strtoull (p, NULL, 10);
      }
      end = find_bytes (page_obj, s->len - (gsize) (page_obj - s->str), "endobj", FALSE);
      page_body = g_strndup (page_obj + 2, end - page_obj - 2);
      /* The page's dictionary ends with ">>\n": insert before it. */
      {
        char *close = g_strrstr (page_body, ">>");

        *close = '\0';
      }
      obj_offset = s->len;
      g_string_append_printf (s, "%u 0 obj\n<< /Rotate %d %s>>\nendobj\n", page_num, r, page_body);
      {
        gsize xref_offset = s->len;

        g_string_append_printf (
            s,
            "xref\n0 1\n0000000000 65535 f \n%u 1\n%010" G_GSIZE_FORMAT
            " 00000 n \ntrailer\n<< /Size %u /Root %u 0 R /Prev %" G_GUINT64_FORMAT
            " >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
            page_num, obj_offset, page_num + 100, root, prev, xref_offset);
      }
      turned = g_bytes_new (s->str, s->len);
      {
        g_autoptr (TestPdf) check = open_poppler (turned);
        g_autoptr (TestPage) page = poppler_document_get_page (check, 0);

        double pw, ph;

        /* Poppler sees the turn: a 300 × 400 page shown 400 wide. */
        poppler_page_get_size (page, &pw, &ph);
        g_assert_cmpfloat_with_epsilon (pw, r == 180 ? 300 : 400, 1e-6);
      }
      (void) doc;
      (void) plain;
      check_looks_like_source (m, turned, name);
    }
}

static void
test_merge_contents_array (Merge *m, gconstpointer data)
{
  Builder *b = builder_new ();
  g_autoptr (GBytes) bytes = NULL, part = NULL;
  const char *first = "1 0 0 rg 10 230 60 60 re f 0 0 1 rg";
  const char *second = "0 0 200 25 re f 0 g BT /F1 20 Tf 80 250 Td (Hello) Tj ET";
  (void) data;

  /* The same drawing as SHAPES, cut in two streams, one compressed. */
  part = deflate (second, strlen (second));
  builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
  builder_obj (b, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  builder_obj (b, 3,
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Resources 6 0 R"
               " /Contents [4 0 R 5 0 R] /Rotate 270 >>");
  builder_stream (b, 4, "", first, strlen (first));
  builder_stream (b, 5, " /Filter /FlateDecode", g_bytes_get_data (part, NULL),
                  g_bytes_get_size (part));
  builder_obj (b, 6, FONT_RESOURCES);
  builder_xref (b, "");
  bytes = builder_free_to_bytes (b);
  make_skeleton (m, 1, TRUE);
  check_looks_like_source (m, bytes, "contents-array.png");

  /* An array of one stream is copied as that stream, whatever its filter:
   * here /ASCIIHexDecode, which the copier does not decode. */
  {
    Builder *hb = builder_new ();
    g_autoptr (GString) hex = g_string_new (NULL);
    g_autoptr (GBytes) hex_bytes = NULL;

    for (const char *c = SHAPES; *c; c++)
      g_string_append_printf (hex, "%02x", (guint8) *c);
    g_string_append_c (hex, '>');
    builder_obj (hb, 1, "<< /Type /Catalog /Pages 2 0 R >>");
    builder_obj (hb, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    builder_obj (hb, 3,
                 "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Resources " FONT_RESOURCES
                 " /Contents [4 0 R] >>");
    builder_stream (hb, 4, " /Filter /ASCIIHexDecode", hex->str, hex->len);
    builder_xref (hb, "");
    hex_bytes = builder_free_to_bytes (hb);
    check_looks_like_source (m, hex_bytes, "contents-one-hex.png");
  }
}

/* A page's own /Resources, /MediaBox, /CropBox or /Rotate that is not valid
 * (null, missing, the wrong type) does not hide the one it inherits: Poppler
 * keeps the inherited one, so the copy must too, or its text goes missing,
 * or it is shown uncropped or the wrong way up. */
static void
test_merge_invalid_overrides (Merge *m, gconstpointer data)
{
  static const char *const overrides[] = {
    "/Resources null", "/Resources 99 0 R", "/Resources [1 2]", "/MediaBox [0 0 100]",
    "/MediaBox null",  "/CropBox [0 0 1]",  "/CropBox (x)",     "/Rotate 180.0",
    "/Rotate null",    "/Rotate /R",
  };

  (void) data;
  make_skeleton (m, 1, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (overrides); i++)
    {
      Builder         *b = builder_new ();
      g_autofree char *page = g_strdup_printf ("<< /Type /Page /Parent 2 0 R /Contents 4 0 R %s >>",
                                               overrides[i]);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (RdPdfSource) source = NULL;
      g_autoptr (TestPdf) src_doc = NULL;
      g_autoptr (TestPage) src_page = NULL;
      g_autoptr (GBytes) merged = NULL;
      g_autoptr (TestPdf) doc = NULL;
      g_autoptr (TestPage) merged_page = NULL;
      g_autofree char *text = NULL;
      g_autofree char *png = g_strdup_printf ("invalid-override-%u.png", i);
      double           w, h;

      builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
      builder_obj (b, 2,
                   "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 300]"
                   " /CropBox [0 20 200 300] /Rotate 90 /Resources " FONT_RESOURCES " >>");
      builder_obj (b, 3, page);
      builder_stream (b, 4, "", SHAPES, strlen (SHAPES));
      builder_xref (b, "");
      bytes = builder_free_to_bytes (b);
      g_test_message ("page with %s", overrides[i]);

      /* Poppler's size: the inherited crop box (200 × 280), turned. */
      src_doc = open_poppler (bytes);
      src_page = poppler_document_get_page (src_doc, 0);
      poppler_page_get_size (src_page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, 280, 1e-6);
      g_assert_cmpfloat_with_epsilon (h, 200, 1e-6);
      source = open_ok (bytes);
      assert_size (source, 0, 280, 200);

      /* The text is there, drawn with the inherited font. */
      {
        Placement place = { 0, 0, source, 100, 100, 280, 200 };

        merged = merge_pages (m, &place, 1);
      }
      doc = open_poppler (merged);
      merged_page = poppler_document_get_page (doc, 0);
      text = poppler_page_get_text (merged_page);
      g_assert_nonnull (strstr (text, "Hello"));
      check_looks_like_source (m, bytes, png);
    }
}

/* A content stream whose /Length is wrong (short, long, missing, an
 * indirect wrong one): its data ends where "endstream" says. */
static void
test_merge_wrong_length (Merge *m, gconstpointer data)
{
  const char *lengths[] = { "/Length 3", "/Length 99999", "", "/Length 5 0 R" };
  (void) data;

  make_skeleton (m, 1, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      Builder         *b = builder_new ();
      g_autofree char *stream = g_strdup_printf ("<< %s >>\nstream\n" SHAPES "\nendstream",
                                                 lengths[i]);
      g_autofree char *name = g_strdup_printf ("length-%u.png", i);
      g_autoptr (GBytes) bytes = NULL;

      builder_obj (b, 1, "<< /Type /Catalog /Pages 2 0 R >>");
      builder_obj (b, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
      builder_obj (b, 3,
                   "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Resources " FONT_RESOURCES
                   " /Contents 4 0 R >>");
      builder_obj (b, 4, stream);
      builder_obj (b, 5, "12");
      builder_xref (b, "");
      bytes = builder_free_to_bytes (b);
      check_looks_like_source (m, bytes, name);
    }
}

static void
test_merge_xref_stream_source (Merge *m, gconstpointer data)
{
  g_autoptr (GBytes) bytes = make_xref_stream_pdf (FALSE);
  (void) data;

  make_skeleton (m, 1, TRUE);
  check_looks_like_source (m, bytes, "xref-stream.png");
}

/* A stream that fails every write after the first @budget bytes. */
static void
test_merge_write_error (Merge *m, gconstpointer data)
{
  g_autoptr (GBytes) bytes = make_cairo_pdf ("Source", 1);
  g_autoptr (RdPdfSource) source = open_ok (bytes);
  g_autofree char *dir_path = g_build_filename (m->dir, "sub", NULL);
  g_autoptr (GFile) dir = g_file_new_for_path (dir_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFileOutputStream) out = NULL;
  g_autoptr (RdPdfMerge) merge = NULL;
  (void) data;

  make_skeleton (m, 1, TRUE);
  g_assert_true (g_file_make_directory (dir, NULL, NULL));
  {
    g_autoptr (GFile) file = g_file_get_child (dir, "out.pdf");

    out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
    g_assert_no_error (error);
  }
  merge = rd_pdf_merge_new (m->skeleton, G_OUTPUT_STREAM (out), &error);
  g_assert_no_error (error);
  /* Closed under the merge: its writes fail, and the error says so. */
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL));
  if (rd_pdf_merge_place (merge, 0, source, 0, 0, 0, 300, 400, NULL, &error))
    g_assert_false (rd_pdf_merge_finish (merge, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  {
    g_autoptr (GFile) file = g_file_get_child (dir, "out.pdf");

    g_file_delete (file, NULL, NULL);
  }
  g_file_delete (dir, NULL, NULL);
}

/* Fuzzing: damaged copies of the fixtures are refused or copied, never crash. */
static void
test_fuzz (Merge *m, gconstpointer data)
{
  /* A fixed seed, so that a failure repeats; RD_FUZZ_SEED tries others. */
  const char *seed = g_getenv ("RD_FUZZ_SEED");
  g_autoptr (GRand) rand = g_rand_new_with_seed (
      seed != NULL ? (guint32) g_ascii_strtoull (seed, NULL, 10) : 20261122);
  GBytes *fixtures[] = {
    make_cairo_pdf ("Fuzz", 2),
    make_xref_stream_pdf (FALSE),
    make_xref_stream_pdf (TRUE),
    make_simple_pdf ("/Rotate 90 /CropBox [10 10 100 100]", "", ""),
  };
  guint opened = 0, refused = 0, rounds = g_test_slow () ? 3000 : 400;
  (void) data;

  make_skeleton (m, 2, TRUE);
  for (guint round = 0; round < rounds; round++)
    {
      GBytes       *fixture = fixtures[round % G_N_ELEMENTS (fixtures)];
      gsize         len;
      const guint8 *orig = g_bytes_get_data (fixture, &len);
      guint8       *copy = g_memdup2 (orig, len);
      gsize         new_len = len;
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (RdPdfSource) source = NULL;
      int n_changes = g_rand_int_range (rand, 1, 8);

      for (int c = 0; c < n_changes; c++)
        {
          gsize pos = (gsize) g_rand_int_range (rand, 0, (gint32) new_len);

          switch (g_rand_int_range (rand, 0, 4))
            {
              case 0:
                copy[pos] ^= (guint8) (1u << g_rand_int_range (rand, 0, 8));
                break;
              case 1:
                copy[pos] = (guint8) g_rand_int_range (rand, 0, 256);
                break;
              case 2:
                copy[pos] = "0123456789 /<>[]()RnR"[g_rand_int_range (rand, 0, 21)];
                break;
              default:
                if (g_rand_boolean (rand))
                  new_len = pos + 1;
                break;
            }
        }
      bytes = g_bytes_new_take (copy, new_len);
      source = rd_pdf_source_new (bytes, &error);
      if (source == NULL)
        {
          g_assert_true (error->domain == RD_PDF_COPY_ERROR);
          refused++;
          continue;
        }
      opened++;
      {
        g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
        g_autoptr (RdPdfMerge) merge = rd_pdf_merge_new (m->skeleton, out, &error);
        guint    n = MIN (rd_pdf_source_get_n_pages (source), 2);
        gboolean ok = TRUE;

        g_assert_no_error (error);
        for (guint i = 0; i < n && ok; i++)
          {
            double w, h;

            rd_pdf_source_get_page_size (source, i, &w, &h);
            g_assert_true (w > 0 && h > 0);
            ok = rd_pdf_merge_place (merge, i, source, i, 10, 10, 200, 300, NULL, &error);
          }
        /* What the source accepted, it copies; the result is a PDF with
         * the skeleton's pages. */
        g_assert_no_error (error);
        g_assert_true (ok);
        g_assert_true (rd_pdf_merge_finish (merge, NULL, &error));
        g_assert_no_error (error);
        g_assert_true (g_output_stream_close (out, NULL, NULL));
        {
          g_autoptr (GBytes) merged = g_memory_output_stream_steal_as_bytes (
              G_MEMORY_OUTPUT_STREAM (out));
          g_autoptr (TestPdf) doc = open_poppler (merged);

          g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 2);
        }
      }
    }
  g_test_message ("fuzz: %u opened, %u refused", opened, refused);
  g_assert_cmpuint (opened, >, 0);
  g_assert_cmpuint (refused, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    g_bytes_unref (fixtures[i]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf-copy/read/cairo", test_read_cairo);
  g_test_add_func ("/pdf-copy/read/xref-stream", test_read_xref_stream);
  g_test_add_func ("/pdf-copy/read/hybrid", test_read_hybrid);
  g_test_add_func ("/pdf-copy/read/incremental", test_read_incremental);
  g_test_add_func ("/pdf-copy/read/inherited", test_read_inherited);
  g_test_add_func ("/pdf-copy/read/rotate", test_read_rotate);
  g_test_add_func ("/pdf-copy/read/repaired", test_read_repaired);
  g_test_add_func ("/pdf-copy/read/unsupported", test_read_unsupported);
  g_test_add_func ("/pdf-copy/read/split-string", test_read_split_string);
  g_test_add_func ("/pdf-copy/read/malformed", test_read_malformed);
  g_test_add_func ("/pdf-copy/read/links-not-printed", test_read_links_not_printed);
  g_test_add_func ("/pdf-copy/read/annotations-printed", test_read_annotations_printed);
  g_test_add_func ("/pdf-copy/read/rebuilt-encrypted", test_read_rebuilt_encrypted);
  g_test_add ("/pdf-copy/merge/text-outline-links", Merge, NULL, merge_setup,
              test_merge_text_outline_links, merge_teardown);
  g_test_add ("/pdf-copy/merge/shared-objects", Merge, NULL, merge_setup, test_merge_shared_objects,
              merge_teardown);
  g_test_add ("/pdf-copy/merge/rotations", Merge, NULL, merge_setup, test_merge_rotations,
              merge_teardown);
  g_test_add ("/pdf-copy/merge/media-box-offset", Merge, NULL, merge_setup,
              test_merge_media_box_offset, merge_teardown);
  g_test_add ("/pdf-copy/merge/cairo-rotated", Merge, NULL, merge_setup, test_merge_cairo_rotated,
              merge_teardown);
  g_test_add ("/pdf-copy/merge/contents-array", Merge, NULL, merge_setup, test_merge_contents_array,
              merge_teardown);
  g_test_add ("/pdf-copy/merge/invalid-overrides", Merge, NULL, merge_setup,
              test_merge_invalid_overrides, merge_teardown);
  g_test_add ("/pdf-copy/merge/wrong-length", Merge, NULL, merge_setup, test_merge_wrong_length,
              merge_teardown);
  g_test_add ("/pdf-copy/merge/xref-stream-source", Merge, NULL, merge_setup,
              test_merge_xref_stream_source, merge_teardown);
  g_test_add ("/pdf-copy/merge/no-other-pages", Merge, NULL, merge_setup, test_merge_no_other_pages,
              merge_teardown);
  g_test_add ("/pdf-copy/merge/cancelled", Merge, NULL, merge_setup, test_merge_cancelled,
              merge_teardown);
  g_test_add ("/pdf-copy/merge/write-error", Merge, NULL, merge_setup, test_merge_write_error,
              merge_teardown);
  g_test_add ("/pdf-copy/fuzz", Merge, NULL, merge_setup, test_fuzz, merge_teardown);

  return g_test_run ();
}
