/* test-bundle.c: the ICO evidence bundle, built from evidence made here.
 *
 * The evidence: a three-page letter and a two-page report made with Cairo,
 * an e-mail in quoted-printable, a PNG, a JPEG (4 × 3 pixels, the bytes
 * below), a corrupt PDF, an empty file and a withheld document. The
 * expected page numbers are worked out by hand from those parts: a cover,
 * one page each for the index, the chronology and the deadlines, then the
 * documents in section order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <string.h>

#include "rd-bundle-private.h"
#include "rd-bundle.h"

#define CASE_REF "DPC-2026-0001"

/* Poppler's GLib API declares no g_autoptr cleanups; an alias of our own cannot clash with later ones. */
typedef PopplerDocument TestPdf;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdf, g_object_unref)

/* A 4 × 3 pixel baseline JPEG (made with pnmtojpeg). */
static const guint8 tiny_jpeg[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x10, 0x0b, 0x0c, 0x0e, 0x0c, 0x0a, 0x10,
  0x0e, 0x0d, 0x0e, 0x12, 0x11, 0x10, 0x13, 0x18, 0x28, 0x1a, 0x18, 0x16, 0x16, 0x18, 0x31, 0x23,
  0x25, 0x1d, 0x28, 0x3a, 0x33, 0x3d, 0x3c, 0x39, 0x33, 0x38, 0x37, 0x40, 0x48, 0x5c, 0x4e, 0x40,
  0x44, 0x57, 0x45, 0x37, 0x38, 0x50, 0x6d, 0x51, 0x57, 0x5f, 0x62, 0x67, 0x68, 0x67, 0x3e, 0x4d,
  0x71, 0x79, 0x70, 0x64, 0x78, 0x5c, 0x65, 0x67, 0x63, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x11, 0x12,
  0x12, 0x18, 0x15, 0x18, 0x2f, 0x1a, 0x1a, 0x2f, 0x63, 0x42, 0x38, 0x42, 0x63, 0x63, 0x63, 0x63,
  0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63,
  0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63,
  0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0xff, 0xc0,
  0x00, 0x11, 0x08, 0x00, 0x03, 0x00, 0x04, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11,
  0x01, 0xff, 0xc4, 0x00, 0x1f, 0x00, 0x00, 0x01, 0x05, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09,
  0x0a, 0x0b, 0xff, 0xc4, 0x00, 0xb5, 0x10, 0x00, 0x02, 0x01, 0x03, 0x03, 0x02, 0x04, 0x03, 0x05,
  0x05, 0x04, 0x04, 0x00, 0x00, 0x01, 0x7d, 0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21,
  0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23,
  0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17,
  0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a,
  0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a,
  0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a,
  0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99,
  0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7,
  0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5,
  0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1,
  0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xff, 0xc4, 0x00, 0x1f, 0x01, 0x00, 0x03,
  0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
  0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0xff, 0xc4, 0x00, 0xb5, 0x11, 0x00,
  0x02, 0x01, 0x02, 0x04, 0x04, 0x03, 0x04, 0x07, 0x05, 0x04, 0x04, 0x00, 0x01, 0x02, 0x77, 0x00,
  0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13,
  0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15,
  0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26, 0x27,
  0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
  0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
  0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
  0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6,
  0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4,
  0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe2,
  0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9,
  0xfa, 0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00, 0xc7,
  0xbe, 0xd6, 0x6f, 0xf4, 0xe9, 0x96, 0x1b, 0x3b, 0x83, 0x0c, 0x7b, 0x14, 0x90, 0x15, 0x79, 0x20,
  0x63, 0x27, 0x8e, 0x4e, 0x00, 0xa2, 0x8a, 0x2a, 0xe7, 0x4e, 0x17, 0xd8, 0x55, 0xa9, 0xc3, 0xda,
  0x4b, 0x4e, 0xaf, 0xf3, 0x3f, 0xff, 0xd9,
};

typedef struct
{
  char         *dir; /* owned: a fresh folder per test */
  RdBundleSpec *spec;
  guint         letter, email, report, png, jpeg, corrupt, empty, withheld;
} Fixture;

/* Expected layout: 1 cover, 2 index, 3 chronology, 4 deadlines, then: */
enum
{
  PAGE_LETTER = 5,   /* D1, 3 pages (letters as sent) */
  PAGE_EMAIL = 8,    /* D2, 1 page (correspondence) */
  PAGE_REPORT = 9,   /* D3, 2 pages (evidence) */
  PAGE_PNG = 11,     /* D4 */
  PAGE_JPEG = 12,    /* D5 */
  PAGE_CORRUPT = 13, /* D6 */
  PAGE_EMPTY = 14,   /* D7; D8 is withheld and has no pages */
  N_PAGES = 14,
};

static char *
make_pdf (const char *dir, const char *name, const char *label, int n_pages, gboolean landscape)
{
  char            *path = g_build_filename (dir, name, NULL);
  double           width = landscape ? 842 : 595, height = landscape ? 595 : 842;
  cairo_surface_t *surface = cairo_pdf_surface_create (path, width, height);
  cairo_t         *cr = cairo_create (surface);

  for (int i = 1; i <= n_pages; i++)
    {
      g_autofree char      *text = g_strdup_printf ("%s page %d of %d", label, i, n_pages);
      PangoLayout          *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("Sans 16");

      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, text, -1);
      /* Text right down to the foot of the page: the stamp must not cover it. */
      cairo_move_to (cr, 40, 40);
      pango_cairo_show_layout (cr, layout);
      cairo_move_to (cr, 40, height - 50);
      pango_cairo_show_layout (cr, layout);
      cairo_rectangle (cr, 10, 10, width - 20, height - 20);
      cairo_stroke (cr);
      cairo_show_page (cr);
      pango_font_description_free (font);
      g_object_unref (layout);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return path;
}

static char *
write_file (const char *dir, const char *name, const void *data, gssize length)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

static char *
make_png (const char *dir)
{
  char            *path = g_build_filename (dir, "photo.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 200);
  cairo_t         *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.2, 0.4, 0.8);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 50, 50, 200, 100);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static const char email_text[] =
    "From: Alex Example <alex@example.org>\r\n"
    "To: clerk@council.example\r\n"
    "Subject: =?utf-8?Q?My_complaint_about_the_caf=C3=A9_CCTV?=\r\n"
    "Date: Mon, 2 Mar 2026 09:15:00 +0000\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n"
    "\r\n"
    "--XYZ\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "I asked for the footage on 1 February and have heard nothing. This line is lo=\r\n"
    "ng and soft-broken. Caf=C3=A9.\r\n"
    "--XYZ\r\n"
    "Content-Type: application/pdf; name=\"scan.pdf\"\r\n"
    "Content-Disposition: attachment; filename=\"scan.pdf\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "JVBERi0xLjQK\r\n"
    "--XYZ--\r\n";

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *evidence = NULL;
  g_autofree char *letter = NULL, *report = NULL, *png = NULL, *jpeg = NULL;
  g_autofree char *email = NULL, *corrupt = NULL, *empty = NULL, *withheld = NULL;
  GDate            date;
  struct
  {
    guint      *index;
    const char *path;
  } files[8];

  f->dir = g_dir_make_tmp ("test-bundle-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  evidence = g_build_filename (f->dir, "evidence", NULL);
  g_assert_cmpint (g_mkdir (evidence, 0700), ==, 0);

  letter = make_pdf (evidence, "letter.pdf", "Acknowledgement letter", 3, FALSE);
  report = make_pdf (evidence, "report.pdf", "CCTV log", 2, TRUE);
  png = make_png (evidence);
  jpeg = write_file (evidence, "scan.jpg", tiny_jpeg, sizeof tiny_jpeg);
  email = write_file (evidence, "complaint.eml", email_text, -1);
  corrupt = write_file (evidence, "broken.pdf", "%PDF-1.4\nthis is not really a PDF\n", -1);
  empty = write_file (evidence, "empty.pdf", "", 0);
  withheld = write_file (evidence, "third-party.txt", "Someone else's data", -1);

  f->spec = rd_bundle_spec_new ();
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 20, G_DATE_APRIL, 2026);
  rd_bundle_spec_set_cover (f->spec, "Anytown Town Council", CASE_REF, "IC-123456-A1B2", &date,
                            "J. Clerk");

  /* Added out of section order on purpose: the bundle groups them. */
  f->email = rd_bundle_spec_add_document (f->spec, RD_BUNDLE_SECTION_CORRESPONDENCE,
                                          "Complaint e-mail", "complaint.eml", "message/rfc822");
  f->report = rd_bundle_spec_add_document (f->spec, RD_BUNDLE_SECTION_EVIDENCE, "CCTV access log",
                                           "report.pdf", "application/pdf");
  f->letter = rd_bundle_spec_add_document (f->spec, RD_BUNDLE_SECTION_LETTERS, "Acknowledgement",
                                           "letter.pdf", "application/pdf");
  f->png = rd_bundle_spec_add_document (f->spec, RD_BUNDLE_SECTION_EVIDENCE,
                                        "Photograph of the sign", "photo.png", NULL);
  f->jpeg = rd_bundle_spec_add_document (f->spec, RD_BUNDLE_SECTION_EVIDENCE, "Scanned note",
                                         "scan.jpg", "image/jpeg");
  f->corrupt = rd_bundle_spec_add_document (f->spec, RD_BUNDLE_SECTION_EVIDENCE, "Damaged report",
                                            "broken.pdf", "application/pdf");
  f->empty = rd_bundle_spec_add_document (f->spec, RD_BUNDLE_SECTION_EVIDENCE, "Empty upload",
                                          "empty.pdf", "application/pdf");
  f->withheld = rd_bundle_spec_add_document (
      f->spec, RD_BUNDLE_SECTION_EVIDENCE, "Neighbour statement", "third-party.txt", "text/plain");
  rd_bundle_spec_set_document_withheld (f->spec, f->withheld, "third-party data");

  files[0].index = &f->letter, files[0].path = letter;
  files[1].index = &f->report, files[1].path = report;
  files[2].index = &f->png, files[2].path = png;
  files[3].index = &f->jpeg, files[3].path = jpeg;
  files[4].index = &f->email, files[4].path = email;
  files[5].index = &f->corrupt, files[5].path = corrupt;
  files[6].index = &f->empty, files[6].path = empty;
  files[7].index = &f->withheld, files[7].path = withheld;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (files[i].path);

      rd_bundle_spec_set_document_file (f->spec, *files[i].index, file);
    }

  g_date_set_dmy (&date, 2, G_DATE_MARCH, 2026);
  rd_bundle_spec_add_chronology (f->spec, &date, "Complaint received by e-mail", "Complainant",
                                 (int) f->email, NULL);
  g_date_set_dmy (&date, 5, G_DATE_MARCH, 2026);
  rd_bundle_spec_add_chronology (f->spec, &date, "Acknowledgement sent", "J. Clerk",
                                 (int) f->letter, NULL);
  g_date_set_dmy (&date, 9, G_DATE_MARCH, 2026);
  rd_bundle_spec_add_chronology (f->spec, &date, "Statement taken", "J. Clerk", (int) f->withheld,
                                 NULL);

  g_date_set_dmy (&date, 9, G_DATE_MARCH, 2026);
  {
    GDate done;

    g_date_clear (&done, 1);
    g_date_set_dmy (&done, 5, G_DATE_MARCH, 2026);
    rd_bundle_spec_add_deadline (f->spec, "Acknowledge (policy: 5 working days)", &date,
                                 RD_BUNDLE_DEADLINE_MET, &done, 0);
    g_date_set_dmy (&date, 2, G_DATE_APRIL, 2026);
    g_date_set_dmy (&done, 6, G_DATE_APRIL, 2026);
    rd_bundle_spec_add_deadline (f->spec, "Respond (one month)", &date, RD_BUNDLE_DEADLINE_LATE,
                                 &done, 4);
    g_date_set_dmy (&date, 5, G_DATE_MAY, 2026);
    rd_bundle_spec_add_deadline (f->spec, "Review", &date, RD_BUNDLE_DEADLINE_PAUSED, NULL, 0);
    /* The complainant's window, asked for late (11 to 15 June: 4 days). */
    g_date_set_dmy (&date, 11, G_DATE_JUNE, 2026);
    g_date_set_dmy (&done, 15, G_DATE_JUNE, 2026);
    rd_bundle_spec_add_deadline (f->spec, "Review can be asked for until", &date,
                                 RD_BUNDLE_DEADLINE_REVIEW_ASKED_LATE, &done, 4);
  }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *evidence = g_build_filename (f->dir, "evidence", NULL);
  GDir            *listing;
  const char      *name;

  /* REDRESS_TEST_KEEP=1 keeps the bundle to look at. */
  if (g_getenv ("REDRESS_TEST_KEEP") != NULL)
    {
      g_printerr ("# kept %s\n", f->dir);
      g_free (f->dir);
      rd_bundle_spec_unref (f->spec);
      return;
    }

  listing = g_dir_open (evidence, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (evidence, name, NULL);

      g_remove (path);
    }
  g_clear_pointer (&listing, g_dir_close);
  g_rmdir (evidence);

  listing = g_dir_open (f->dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_clear_pointer (&listing, g_dir_close);
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->dir);
  rd_bundle_spec_unref (f->spec);
}

/* The names in the output folder, but for the evidence folder. */
static guint
count_outputs (const Fixture *f)
{
  GDir       *listing = g_dir_open (f->dir, 0, NULL);
  const char *name;
  guint       n = 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (strcmp (name, "evidence") != 0)
      n++;
  g_dir_close (listing);
  return n;
}

static PopplerDocument *
build_and_open (Fixture *f, guint *n_pages, char **sha256)
{
  g_autofree char *path = g_build_filename (f->dir, "bundle.pdf", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;

  g_assert_true (rd_bundle_write (f->spec, output, NULL, NULL, n_pages, sha256, NULL, &error));
  g_assert_no_error (error);
  document = poppler_document_new_from_gfile (output, NULL, NULL, &error);
  g_assert_no_error (error);
  return document;
}

static char *
page_text (PopplerDocument *document, int page)
{
  PopplerPage *p = poppler_document_get_page (document, page - 1);
  char        *text = poppler_page_get_text (p);

  g_object_unref (p);
  return text;
}

/* Text with every run of white space as one space: lines wrap where they will. */
static char *
collapse_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        {
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *haystack, const char *needle)
{
  g_autofree char *flat_haystack = collapse_spaces (haystack);
  g_autofree char *flat_needle = collapse_spaces (needle);

  if (strstr (flat_haystack, flat_needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

/* Tests */

static void
test_bundle_pages_and_stamps (Fixture *f, gconstpointer data)
{
  g_autoptr(TestPdf) document = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *path = g_build_filename (f->dir, "bundle.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected_sha = NULL;
  gsize            length;
  guint            n_pages = 0;

  document = build_and_open (f, &n_pages, &sha256);
  g_assert_cmpuint (n_pages, ==, N_PAGES);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, N_PAGES);

  for (int page = 1; page <= N_PAGES; page++)
    {
      g_autofree char *text = page_text (document, page);
      g_autofree char *stamp = g_strdup_printf ("ICO bundle " CASE_REF " — page %d of %d", page,
                                                N_PAGES);

      assert_contains (text, stamp);
    }

  /* The checksum is of the file as written; nothing else is left in the folder. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  expected_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (sha256, ==, expected_sha);
  g_assert_cmpuint (count_outputs (f), ==, 1);
}

static void
test_bundle_content (Fixture *f, gconstpointer data)
{
  g_autoptr(TestPdf) document = build_and_open (f, NULL, NULL);
  g_autofree char *cover = page_text (document, 1);
  g_autofree char *index = page_text (document, 2);
  g_autofree char *chronology = page_text (document, 3);
  g_autofree char *deadlines = page_text (document, 4);
  g_autofree char *letter1 = page_text (document, PAGE_LETTER);
  g_autofree char *letter3 = page_text (document, PAGE_LETTER + 2);
  g_autofree char *email = page_text (document, PAGE_EMAIL);
  g_autofree char *report = page_text (document, PAGE_REPORT + 1);
  g_autofree char *corrupt = page_text (document, PAGE_CORRUPT);
  g_autofree char *empty = page_text (document, PAGE_EMPTY);

  assert_contains (cover, "Anytown Town Council");
  assert_contains (cover, "IC-123456-A1B2");
  assert_contains (cover, "20 April 2026");
  assert_contains (cover, "J. Clerk");

  assert_contains (index, "withheld: third-party data");
  assert_contains (index, "Letters as sent");
  assert_contains (index, "Evidence");

  assert_contains (chronology, "2 March 2026");
  assert_contains (chronology, "Complaint received by e-mail");
  assert_contains (chronology, "D2, page 8");
  assert_contains (chronology, "D1, page 5");
  assert_contains (chronology, "D8 (withheld)");

  assert_contains (deadlines, "Met on 5 March 2026");
  /* Done late, said plainly: not "met … missed by", which contradicts itself. */
  {
    g_autofree char *flat = collapse_spaces (deadlines);

    assert_contains (flat, "Met on 6 April 2026, 4 days late");
    assert_contains (flat, "Review asked for on 15 June 2026, 4 days after the window closed "
                           "(accepted)");
    g_assert_null (strstr (flat, "missed"));
    g_assert_null (strstr (flat, "Met on 15 June 2026"));
  }
  assert_contains (deadlines, "Paused: waiting for the clarification");

  /* The attached PDFs' text is still text: placed as vectors, not pictures. */
  assert_contains (letter1, "Acknowledgement letter page 1 of 3");
  assert_contains (letter3, "Acknowledgement letter page 3 of 3");
  assert_contains (report, "CCTV log page 2 of 2");

  /* The e-mail: headers decoded, quoted-printable body joined, attachment named. */
  assert_contains (email, "Subject: My complaint about the café CCTV");
  assert_contains (email, "This line is long and soft-broken.");
  assert_contains (email, "Café.");
  assert_contains (email, "Attachment: scan.pdf");

  assert_contains (corrupt, "Damaged report");
  assert_contains (corrupt, "could not read it");
  assert_contains (corrupt, "damaged or is not a PDF");
  assert_contains (empty, "Empty upload");
  assert_contains (empty, "the file is empty");
  /* The index and the placeholder page say the same thing: a zero-byte
   * file is empty, a damaged one unreadable. */
  g_assert_null (strstr (empty, "could not read"));
  {
    g_autofree char *flat = collapse_spaces (index);

    assert_contains (flat, "Empty upload — not reproduced: the file is empty");
    assert_contains (flat, "Damaged report — not reproduced: unreadable");
    g_assert_null (strstr (flat, "Empty upload — not reproduced: unreadable"));
  }
}

/* The stamp sits in the 12 mm band at the foot; nothing of the attached pages does. */
static void
test_bundle_stamp_margin (Fixture *f, gconstpointer data)
{
  g_autoptr(TestPdf) document = build_and_open (f, NULL, NULL);
  const double band = 12 * 72 / 25.4;

  for (int page = PAGE_LETTER; page < PAGE_PNG; page++)
    {
      PopplerPage                 *p = poppler_document_get_page (document, page - 1);
      g_autofree char             *text = poppler_page_get_text (p);
      g_autofree PopplerRectangle *rects = NULL;
      g_autofree char *stamp = g_strdup_printf ("ICO bundle " CASE_REF " — page %d of %d", page,
                                                N_PAGES);
      const char      *stamp_at = strstr (text, stamp);
      glong            stamp_first, stamp_last;
      guint            n_rects = 0;
      double           width, height;
      const char      *c = text;

      g_assert_nonnull (stamp_at);
      stamp_first = g_utf8_pointer_to_offset (text, stamp_at);
      stamp_last = stamp_first + g_utf8_strlen (stamp, -1);
      poppler_page_get_size (p, &width, &height);
      g_assert_true (poppler_page_get_text_layout (p, &rects, &n_rects));
      for (guint i = 0; i < n_rects && *c != '\0'; i++, c = g_utf8_next_char (c))
        {
          if (g_unichar_isspace (g_utf8_get_char (c)))
            continue;
          if ((glong) i >= stamp_first && (glong) i < stamp_last)
            g_assert_cmpfloat (rects[i].y1, >=, height - band);
          else
            g_assert_cmpfloat (rects[i].y2, <=, height - band);
        }
      g_object_unref (p);
    }
}

/* The page a link or outline action goes to, 1-based, or 0. */
static int
dest_page (PopplerDocument *document, PopplerAction *action)
{
  PopplerDest *dest;
  int          page = 0;

  if (action == NULL || action->type != POPPLER_ACTION_GOTO_DEST || action->goto_dest.dest == NULL)
    return 0;
  dest = action->goto_dest.dest;
  if (dest->type == POPPLER_DEST_NAMED)
    {
      PopplerDest *named = poppler_document_find_dest (document, dest->named_dest);

      page = named != NULL ? named->page_num : 0;
      g_clear_pointer (&named, poppler_dest_free);
      return page;
    }
  return dest->page_num;
}

static void
collect_outline (PopplerDocument *document, PopplerIndexIter *iter, GHashTable *pages)
{
  do
    {
      PopplerAction    *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child = poppler_index_iter_get_child (iter);

      if (action->type == POPPLER_ACTION_GOTO_DEST)
        g_hash_table_insert (pages, g_strdup (action->any.title),
                             GINT_TO_POINTER (dest_page (document, action)));
      if (child != NULL)
        {
          collect_outline (document, child, pages);
          poppler_index_iter_free (child);
        }
      poppler_action_free (action);
    }
  while (poppler_index_iter_next (iter));
}

static void
test_bundle_outline (Fixture *f, gconstpointer data)
{
  g_autoptr(TestPdf) document = build_and_open (f, NULL, NULL);
  g_autoptr(GHashTable) pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PopplerIndexIter *iter = poppler_index_iter_new (document);
  const struct
  {
    const char *title;
    int         page;
  } expected[] = {
    { "Cover", 1 },
    { "Index", 2 },
    { "Chronology", 3 },
    { "Deadlines", 4 },
    { "Letters as sent", PAGE_LETTER },
    { "D1 Acknowledgement", PAGE_LETTER },
    { "The complainant’s correspondence", PAGE_EMAIL },
    { "D2 Complaint e-mail", PAGE_EMAIL },
    { "Evidence", PAGE_REPORT },
    { "D3 CCTV access log", PAGE_REPORT },
    { "D4 Photograph of the sign", PAGE_PNG },
    { "D5 Scanned note", PAGE_JPEG },
    { "D6 Damaged report", PAGE_CORRUPT },
    { "D7 Empty upload", PAGE_EMPTY },
  };

  g_assert_nonnull (iter);
  collect_outline (document, iter, pages);
  poppler_index_iter_free (iter);

  g_assert_cmpuint (g_hash_table_size (pages), ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gpointer page;

      if (!g_hash_table_lookup_extended (pages, expected[i].title, NULL, &page))
        g_error ("no outline entry “%s”", expected[i].title);
      g_assert_cmpint (GPOINTER_TO_INT (page), ==, expected[i].page);
    }
}

/* The characters whose middle lies in @area (origin top left). */
static char *
text_in_area (PopplerPage *page, const PopplerRectangle *area)
{
  g_autofree char             *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  guint                        n_rects = 0;
  GString                     *out = g_string_new (NULL);
  const char                  *p = text;

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  for (guint i = 0; i < n_rects && *p != '\0'; i++, p = g_utf8_next_char (p))
    {
      double x = (rects[i].x1 + rects[i].x2) / 2, y = (rects[i].y1 + rects[i].y2) / 2;

      if (x >= area->x1 && x <= area->x2 && y >= area->y1 && y <= area->y2)
        g_string_append_unichar (out, g_utf8_get_char (p));
    }
  return g_string_free (out, FALSE);
}

static void
test_bundle_index_links (Fixture *f, gconstpointer data)
{
  g_autoptr(TestPdf) document = build_and_open (f, NULL, NULL);
  PopplerPage *index = poppler_document_get_page (document, 1);
  GList       *links = poppler_page_get_link_mapping (index);
  double       width, height;
  const struct
  {
    const char *title;
    int         page;
  } expected[] = {
    { "Chronology", 3 },
    { "Deadlines", 4 },
    { "Letters as sent", PAGE_LETTER },
    { "Acknowledgement", PAGE_LETTER },
    { "correspondence", PAGE_EMAIL },
    { "Complaint e-mail", PAGE_EMAIL },
    { "Evidence", PAGE_REPORT },
    { "CCTV access log", PAGE_REPORT },
    { "Photograph of the sign", PAGE_PNG },
    { "Scanned note", PAGE_JPEG },
    { "Damaged report", PAGE_CORRUPT },
    { "Empty upload", PAGE_EMPTY },
  };
  guint found = 0;

  poppler_page_get_size (index, &width, &height);
  /* One link per row but the withheld document's. */
  g_assert_cmpuint (g_list_length (links), ==, G_N_ELEMENTS (expected));

  for (GList *l = links; l != NULL; l = l->next)
    {
      PopplerLinkMapping *mapping = l->data;
      /* Link areas have their origin at the bottom left; text areas at the top left. */
      PopplerRectangle area = { mapping->area.x1, height - mapping->area.y2, mapping->area.x2,
                                height - mapping->area.y1 };
      g_autofree char *text = text_in_area (index, &area);
      int              page = dest_page (document, mapping->action);
      gboolean         matched = FALSE;

      for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
        if (strstr (text, expected[i].title) != NULL && (expected[i].page == page))
          matched = TRUE;
      if (!matched)
        g_error ("the index row “%s” links to page %d", text, page);
      found++;
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));
  poppler_page_free_link_mapping (links);
  g_object_unref (index);

  /* The chronology's proof column links too. */
  index = poppler_document_get_page (document, 2);
  links = poppler_page_get_link_mapping (index);
  g_assert_cmpuint (g_list_length (links), ==, 2);
  for (GList *l = links; l != NULL; l = l->next)
    {
      int page = dest_page (document, ((PopplerLinkMapping *) l->data)->action);

      g_assert_true (page == PAGE_EMAIL || page == PAGE_LETTER);
    }
  poppler_page_free_link_mapping (links);
  g_object_unref (index);
}

static void
cancel_at_page_cb (double fraction, const char *message, gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  g_assert_nonnull (message);
  /* Halfway through drawing: the file is partly written by then. */
  if (fraction > 0.5)
    g_cancellable_cancel (cancellable);
}

static void
test_bundle_cancelled (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "bundle.pdf", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (rd_bundle_write (f->spec, output, cancel_at_page_cb, cancellable, NULL, NULL,
                                   cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_cmpuint (count_outputs (f), ==, 0);

  /* An existing file of the same name is left as it was. */
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_false (rd_bundle_write (f->spec, output, NULL, NULL, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_outputs (f), ==, 1);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "old");
  }
}

static void
test_bundle_failed (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "no-such-folder", "bundle.pdf", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdBundleSpec) spec = rd_bundle_spec_new ();

  g_assert_false (rd_bundle_write (f->spec, output, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_WRITE);
  g_assert_cmpuint (count_outputs (f), ==, 0);

  /* A spec without a case reference cannot number its pages. */
  g_clear_error (&error);
  g_clear_object (&output);
  g_free (path);
  path = g_build_filename (f->dir, "bundle.pdf", NULL);
  output = g_file_new_for_path (path);
  g_assert_false (rd_bundle_write (spec, output, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_INVALID);
  g_assert_cmpuint (count_outputs (f), ==, 0);
}

typedef struct
{
  GMainLoop *loop;
  GThread   *main_thread;
  guint      n_reports;
  double     last_fraction;
  guint      n_pages;
  char      *sha256;
  GError    *error;
} AsyncState;

static void
async_progress_cb (double fraction, const char *message, gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  state->n_reports++;
  state->last_fraction = fraction;
}

static void
async_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncState *state = user_data;

  rd_bundle_write_finish (result, &state->n_pages, &state->sha256, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_bundle_async (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "bundle.pdf", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (path);
  AsyncState state = { 0 };

  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  rd_bundle_write_async (f->spec, output, async_progress_cb, &state, NULL, async_done_cb, &state);
  g_main_loop_run (state.loop);

  g_assert_no_error (state.error);
  g_assert_cmpuint (state.n_pages, ==, N_PAGES);
  g_assert_cmpuint (strlen (state.sha256), ==, 64);
  g_assert_cmpuint (state.n_reports, >, 0);
  g_assert_cmpfloat (state.last_fraction, ==, 1.0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_free (state.sha256);
  g_main_loop_unref (state.loop);
}

static GInputStream *
open_memory_pdf_cb (gpointer user_data, GCancellable *cancellable, GError **error)
{
  return g_memory_input_stream_new_from_bytes (user_data);
}

/* A document read through a stream callback, as the store gives its blobs. */
static void
test_bundle_opener (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-bundle-XXXXXX", NULL);
  g_autofree char *pdf_path = make_pdf (dir, "in.pdf", "Streamed", 2, FALSE);
  g_autofree char *out_path = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  g_autoptr(RdBundleSpec) spec = rd_bundle_spec_new ();
  g_autoptr(TestPdf) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  gsize            length;
  guint            index, n_pages;

  g_assert_true (g_file_get_contents (pdf_path, &contents, &length, NULL));
  rd_bundle_spec_set_cover (spec, "Council", "REF-1", NULL, NULL, NULL);
  index = rd_bundle_spec_add_document (spec, RD_BUNDLE_SECTION_EVIDENCE, "Streamed", NULL, NULL);
  rd_bundle_spec_set_document_opener (spec, index, open_memory_pdf_cb,
                                      g_bytes_new (contents, length),
                                      (GDestroyNotify) g_bytes_unref);
  g_assert_true (rd_bundle_write (spec, output, NULL, NULL, &n_pages, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Cover, index, chronology (empty), deadlines (empty), 2 pages. */
  g_assert_cmpuint (n_pages, ==, 6);
  document = poppler_document_new_from_gfile (output, NULL, NULL, &error);
  g_assert_no_error (error);
  text = page_text (document, 6);
  assert_contains (text, "Streamed page 2 of 2");
  assert_contains (text, "ICO bundle REF-1 — page 6 of 6");

  g_remove (pdf_path);
  g_remove (out_path);
  g_rmdir (dir);
}

/* A long text runs over several pages, each line once. */
static void
test_bundle_long_text (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-bundle-XXXXXX", NULL);
  g_autofree char *in_path = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *out_path = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GFile) input = g_file_new_for_path (in_path);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  g_autoptr(RdBundleSpec) spec = rd_bundle_spec_new ();
  g_autoptr(TestPdf) document = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);
  GString *all = g_string_new (NULL);
  guint    index, n_pages;

  /* Laid out a few dozen lines at a time (rd-bundle-parts.c): a blank line
   * where one layout ends, and a paragraph longer than a layout takes, must
   * come out whole and in order too. */
  for (int i = 1; i <= 300; i++)
    g_string_append_printf (text, "Line %03d of the notes.\n%s", i, i % 48 == 0 ? "\n" : "");
  for (int i = 1; i <= 1500; i++)
    g_string_append_printf (text, "w%04d ", i);
  g_assert_true (g_file_set_contents (in_path, text->str, -1, NULL));
  rd_bundle_spec_set_cover (spec, "Council", "REF-2", NULL, NULL, NULL);
  index = rd_bundle_spec_add_document (spec, RD_BUNDLE_SECTION_EVIDENCE, "Notes", "notes.txt",
                                       NULL);
  rd_bundle_spec_set_document_file (spec, index, input);
  g_assert_true (rd_bundle_write (spec, output, NULL, NULL, &n_pages, NULL, NULL, &error));
  g_assert_no_error (error);

  document = poppler_document_new_from_gfile (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, (int) n_pages);
  /* 300 lines at 10 pt do not fit on one page. */
  g_assert_cmpuint (n_pages, >, 5);
  for (guint page = 5; page <= n_pages; page++)
    {
      g_autofree char *page_string = page_text (document, (int) page);

      g_string_append (all, page_string);
    }
  {
    /* Where each line and word was found: each once, each after the one before. */
    gssize previous = -1;

    for (int i = 1; i <= 1800; i++)
      {
        g_autofree char *needle = i <= 300 ? g_strdup_printf ("Line %03d of the notes.", i)
                                           : g_strdup_printf ("w%04d", i - 300);
        const char      *first = strstr (all->str, needle);
        gssize           at;

        g_assert_nonnull (first);
        at = first - all->str;
        g_assert_null (strstr (all->str + at + 1, needle));
        g_assert_cmpint (at, >, previous);
        previous = at;
      }
  }
  g_string_free (text, TRUE);
  g_string_free (all, TRUE);
  g_remove (in_path);
  g_remove (out_path);
  g_rmdir (dir);
}

/* Images that look right at first but are not: each gets its placeholder page. */
static void
test_bundle_bad_images (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-bundle-XXXXXX", NULL);
  g_autofree char *jpeg_path = NULL;
  g_autofree char *png_path = NULL;
  g_autofree char *out_path = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  g_autoptr(RdBundleSpec) spec = rd_bundle_spec_new ();
  g_autoptr(TestPdf) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jpeg_text = NULL;
  g_autofree char *png_text = NULL;
  /* A JPEG cut off before its frame header; a PNG whose header is right but whose data is not. */
  static const guint8 cut_jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F' };
  static const guint8 bad_png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0,   0,  0,
                                    13,   'I', 'H', 'D', 'R',  0,    0,    0,    4,   0,  0,
                                    0,    3,   8,   2,   0,    0,    0,    'x',  'x', 'x' };
  guint               jpeg, png, n_pages = 0;

  jpeg_path = write_file (dir, "cut.jpg", cut_jpeg, sizeof cut_jpeg);
  png_path = write_file (dir, "bad.png", bad_png, sizeof bad_png);
  rd_bundle_spec_set_cover (spec, "Council", "REF-3", NULL, NULL, NULL);
  jpeg = rd_bundle_spec_add_document (spec, RD_BUNDLE_SECTION_EVIDENCE, "Cut scan", "cut.jpg",
                                      NULL);
  png = rd_bundle_spec_add_document (spec, RD_BUNDLE_SECTION_EVIDENCE, "Bad photo", "bad.png",
                                     NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (jpeg_path);

    rd_bundle_spec_set_document_file (spec, jpeg, file);
  }
  {
    g_autoptr(GFile) file = g_file_new_for_path (png_path);

    rd_bundle_spec_set_document_file (spec, png, file);
  }

  g_assert_true (rd_bundle_write (spec, output, NULL, NULL, &n_pages, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Cover, index, chronology, deadlines, one placeholder each. */
  g_assert_cmpuint (n_pages, ==, 6);
  document = poppler_document_new_from_gfile (output, NULL, NULL, &error);
  g_assert_no_error (error);
  jpeg_text = page_text (document, 5);
  png_text = page_text (document, 6);
  assert_contains (jpeg_text, "Cut scan");
  assert_contains (jpeg_text, "The image is damaged or in a form Redress cannot read.");
  assert_contains (png_text, "Bad photo");
  assert_contains (png_text, "The image is damaged or in a form Redress cannot read.");

  g_remove (jpeg_path);
  g_remove (png_path);
  g_remove (out_path);
  g_rmdir (dir);
}

static void
test_jpeg_size (void)
{
  g_autoptr(GInputStream)
                 stream = g_memory_input_stream_new_from_data (tiny_jpeg, sizeof tiny_jpeg, NULL);
  g_autoptr(GInputStream) cut = g_memory_input_stream_new_from_data (tiny_jpeg, 30, NULL);
  g_autoptr(GInputStream) png = g_memory_input_stream_new_from_data ("\x89PNG\r\n\x1a\n", 8, NULL);
  g_autoptr(GError) error = NULL;
  int width = 0, height = 0, components = 0;

  g_assert_true (_rd_bundle_jpeg_read_size (stream, &width, &height, &components, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (width, ==, 4);
  g_assert_cmpint (height, ==, 3);
  g_assert_cmpint (components, ==, 3);

  g_assert_false (_rd_bundle_jpeg_read_size (cut, &width, &height, &components, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (_rd_bundle_jpeg_read_size (png, &width, &height, &components, NULL, &error));
  g_assert_nonnull (error);
}

static void
test_email_decoding (void)
{
  static const char latin1[] = "From: a@b\nSubject: =?iso-8859-1?B?Q2Fm6Q==?=\n"
                               "Content-Type: text/plain; charset=iso-8859-1\n"
                               "Content-Transfer-Encoding: base64\n\nQ2Fm6SBvcGVu\n";
  static const char no_headers[] = "just some text\nwith no headers";
  static const char html_only[] =
      "From: a@b\nContent-Type: text/html; charset=utf-8\n"
      "Content-Transfer-Encoding: quoted-printable\n\n"
      "<html><head><style>p { color: red }</style></head><body>\n"
      "<p>Dear Clerk,</p><p>I asked for my  records &amp; heard nothing =E2=80=94\n"
      "please reply.<br>Alex</p></body></html>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (email_text, sizeof email_text - 1);
  g_autoptr(GBytes) latin = g_bytes_new_static (latin1, sizeof latin1 - 1);
  g_autoptr(GBytes) plain = g_bytes_new_static (no_headers, sizeof no_headers - 1);
  g_autofree char *text = _rd_bundle_text_from_email (bytes);
  g_autofree char *text2 = _rd_bundle_text_from_email (latin);
  g_autofree char *text3 = _rd_bundle_text_from_email (plain);
  g_autoptr(GBytes) html = g_bytes_new_static (html_only, sizeof html_only - 1);
  g_autofree char *text4 = _rd_bundle_text_from_email (html);

  assert_contains (text, "From: Alex Example <alex@example.org>\nTo: clerk@council.example\n");
  assert_contains (text, "Subject: My complaint about the café CCTV\n");
  assert_contains (text, "nothing. This line is long and soft-broken. Café.");
  g_assert_null (strstr (text, "JVBERi0"));
  g_assert_null (strstr (text, "\r"));

  assert_contains (text4,
                   "Dear Clerk,\nI asked for my records & heard nothing — please reply.\nAlex");
  g_assert_null (strstr (text4, "color"));
  g_assert_null (strstr (text4, "<"));

  assert_contains (text2, "Subject: Café\n");
  assert_contains (text2, "Café open");
  g_assert_cmpstr (text3, ==, "just some text\nwith no headers");
}

static void
test_plain_text_encodings (void)
{
  g_autoptr(GBytes) cp1252 = g_bytes_new_static ("caf\xe9 \x93quoted\x94", 13);
  g_autoptr(GBytes) bom = g_bytes_new_static ("\xef\xbb\xbfhello\r\nworld", 15);
  g_autofree char *a = _rd_bundle_text_from_plain (cp1252);
  g_autofree char *b = _rd_bundle_text_from_plain (bom);

  g_assert_cmpstr (a, ==, "café “quoted”");
  g_assert_cmpstr (b, ==, "hello\nworld");
}

/* A stand-in for the copier (rd-pdf-copy.h): it takes every PDF Poppler
 * reads, and its "merge" writes the skeleton as it is, remembering where
 * each page was to go. The skeleton path, the fallback when the copier
 * fails, and a cancel while copying are tested with it, whatever the real
 * copier takes. */

typedef struct
{
  guint  target_page, source_page;
  double x, y, width, height;
} FakePlaced;

static struct
{
  gboolean      fail;     /* merge_place fails, as a fault of the copier would */
  GCancellable *cancel;   /* merge_place cancels it */
  GArray       *placed;   /* of FakePlaced */
  char         *skeleton; /* the file merge_new was given */
  guint         n_merges;
} fake;

typedef struct
{
  PopplerDocument *pdf;
} FakeSource;

typedef struct
{
  GFile         *skeleton;
  GOutputStream *output;
} FakeMerge;

static RdPdfSource *
fake_source_new (GBytes *bytes, GError **error)
{
  PopplerDocument *pdf = poppler_document_new_from_bytes (bytes, NULL, NULL);
  FakeSource      *source;

  if (pdf == NULL)
    {
      g_set_error_literal (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_MALFORMED, "not a PDF");
      return NULL;
    }
  source = g_new0 (FakeSource, 1);
  source->pdf = pdf;
  return (RdPdfSource *) source;
}

static void
fake_source_free (RdPdfSource *source)
{
  g_object_unref (((FakeSource *) source)->pdf);
  g_free (source);
}

static guint
fake_source_get_n_pages (RdPdfSource *source)
{
  return (guint) poppler_document_get_n_pages (((FakeSource *) source)->pdf);
}

static void
fake_source_get_page_size (RdPdfSource *source, guint page, double *width, double *height)
{
  PopplerPage *p = poppler_document_get_page (((FakeSource *) source)->pdf, (int) page);

  poppler_page_get_size (p, width, height);
  g_object_unref (p);
}

static RdPdfMerge *
fake_merge_new (GFile *skeleton, GOutputStream *output, GError **error)
{
  FakeMerge *merge = g_new0 (FakeMerge, 1);

  merge->skeleton = g_object_ref (skeleton);
  merge->output = g_object_ref (output);
  g_free (fake.skeleton);
  fake.skeleton = g_file_get_path (skeleton);
  fake.n_merges++;
  return (RdPdfMerge *) merge;
}

static gboolean
fake_merge_place (RdPdfMerge   *merge,
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
  FakePlaced placed = { target_page, source_page, x, y, width, height };

  /* The skeleton is there, finished, while pages are placed. */
  g_assert_true (g_file_query_exists (((FakeMerge *) merge)->skeleton, NULL));
  if (fake.fail)
    {
      g_set_error_literal (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_MALFORMED,
                           "a fault of the copier");
      return FALSE;
    }
  if (fake.cancel != NULL)
    g_cancellable_cancel (fake.cancel);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  g_array_append_val (fake.placed, placed);
  return TRUE;
}

static gboolean
fake_merge_finish (RdPdfMerge *rd_merge, GCancellable *cancellable, GError **error)
{
  FakeMerge       *merge = (FakeMerge *) rd_merge;
  g_autofree char *contents = NULL;
  gsize            length;

  return g_file_load_contents (merge->skeleton, cancellable, &contents, &length, NULL, error) &&
         g_output_stream_write_all (merge->output, contents, length, NULL, cancellable, error);
}

static void
fake_merge_free (RdPdfMerge *rd_merge)
{
  FakeMerge *merge = (FakeMerge *) rd_merge;

  g_object_unref (merge->skeleton);
  g_object_unref (merge->output);
  g_free (merge);
}

static const RdBundleCopier fake_copier = {
  fake_source_new, fake_source_free, fake_source_get_n_pages, fake_source_get_page_size,
  fake_merge_new,  fake_merge_place, fake_merge_finish,       fake_merge_free,
};

static void
fake_reset (void)
{
  fake.fail = FALSE;
  fake.cancel = NULL;
  g_clear_pointer (&fake.placed, g_array_unref);
  fake.placed = g_array_new (FALSE, FALSE, sizeof (FakePlaced));
  g_clear_pointer (&fake.skeleton, g_free);
  fake.n_merges = 0;
}

static void
fake_set_up (Fixture *f, gconstpointer data)
{
  fixture_set_up (f, data);
  fake_reset ();
  _rd_bundle_set_copier_for_testing (&fake_copier);
}

static void
fake_tear_down (Fixture *f, gconstpointer data)
{
  _rd_bundle_set_copier_for_testing (NULL);
  /* Whatever happened, the skeleton is gone. */
  if (fake.skeleton != NULL)
    g_assert_false (g_file_test (fake.skeleton, G_FILE_TEST_EXISTS));
  fixture_tear_down (f, data);
}

/* The rectangle a page of @width × @height points is placed in on an A4
 * page (landscape when the page is wider than tall), worked out from the
 * bands docs/bundle.md gives: 10 mm at the sides, 12 mm at the top for the
 * running header, 14 mm at the foot for the stamp; centred, never enlarged. */
static void
expected_rectangle (double width, double height, double rect[4])
{
  const double a4_short = 210 * 72 / 25.4, a4_long = 297 * 72 / 25.4;
  const double page_width = width > height ? a4_long : a4_short;
  const double page_height = width > height ? a4_short : a4_long;
  const double area_width = page_width - 20 * 72 / 25.4;
  const double area_height = page_height - 26 * 72 / 25.4;
  const double scale = MIN (1.0, MIN (area_width / width, area_height / height));

  rect[0] = 10 * 72 / 25.4 + (area_width - width * scale) / 2;
  rect[1] = 12 * 72 / 25.4 + (area_height - height * scale) / 2;
  rect[2] = width * scale;
  rect[3] = height * scale;
}

/* With a copier that takes the PDFs: pages go to the copier, to the right
 * pages and rectangles; the skeleton bears the stamps, the outline and the
 * links (the tests above, run again with the stand-in). */
static void
test_copy_placed (Fixture *f, gconstpointer data)
{
  g_autoptr(TestPdf) document = build_and_open (f, NULL, NULL);
  /* D1: the 3-page portrait letter at 5-7; D3: the 2-page landscape report at 9-10. */
  const struct
  {
    guint  target_page, source_page;
    double width, height;
  } expected[] = {
    { PAGE_LETTER, 0, 595, 842 },     { PAGE_LETTER + 1, 1, 595, 842 },
    { PAGE_LETTER + 2, 2, 595, 842 }, { PAGE_REPORT, 0, 842, 595 },
    { PAGE_REPORT + 1, 1, 842, 595 },
  };

  g_assert_cmpuint (fake.n_merges, ==, 1);
  g_assert_cmpuint (fake.placed->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const FakePlaced *placed = &g_array_index (fake.placed, FakePlaced, i);
      PopplerPage *page = poppler_document_get_page (document, (int) expected[i].target_page - 1);
      double       rect[4], page_width, page_height;

      /* The copier counts target pages from 0. */
      g_assert_cmpuint (placed->target_page, ==, expected[i].target_page - 1);
      g_assert_cmpuint (placed->source_page, ==, expected[i].source_page);
      expected_rectangle (expected[i].width, expected[i].height, rect);
      g_assert_cmpfloat_with_epsilon (placed->x, rect[0], 0.01);
      g_assert_cmpfloat_with_epsilon (placed->y, rect[1], 0.01);
      g_assert_cmpfloat_with_epsilon (placed->width, rect[2], 0.01);
      g_assert_cmpfloat_with_epsilon (placed->height, rect[3], 0.01);
      /* The skeleton's page has the attached page's orientation. */
      poppler_page_get_size (page, &page_width, &page_height);
      g_assert_cmpint (page_width > page_height, ==, expected[i].width > expected[i].height);
      g_object_unref (page);
    }

  /* The copied pages were not rendered into the skeleton. */
  {
    g_autofree char *text = page_text (document, PAGE_LETTER);

    g_assert_null (strstr (text, "Acknowledgement letter page 1 of 3"));
    assert_contains (text, "D1 · Acknowledgement");
  }
}

/* A fault of the copier's: the bundle is built again, every PDF rendered. */
static void
test_copy_fails (Fixture *f, gconstpointer data)
{
  g_autoptr(TestPdf) document = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *report = NULL;
  guint            n_pages = 0;

  fake.fail = TRUE;
  document = build_and_open (f, &n_pages, NULL);
  g_assert_cmpuint (fake.n_merges, ==, 1);
  g_assert_cmpuint (n_pages, ==, N_PAGES);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, N_PAGES);
  letter = page_text (document, PAGE_LETTER + 2);
  report = page_text (document, PAGE_REPORT + 1);
  assert_contains (letter, "Acknowledgement letter page 3 of 3");
  assert_contains (letter, "ICO bundle " CASE_REF " — page 7 of 14");
  assert_contains (report, "CCTV log page 2 of 2");
  g_assert_cmpuint (count_outputs (f), ==, 1);
}

/* Cancelled while the pages are copied: nothing is left, the skeleton neither. */
static void
test_copy_cancelled (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "bundle.pdf", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  fake.cancel = cancellable;
  g_assert_false (rd_bundle_write (f->spec, output, NULL, NULL, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fake.n_merges, ==, 1);
  g_assert_cmpuint (count_outputs (f), ==, 0);
  g_assert_nonnull (fake.skeleton);
  g_assert_false (g_file_test (fake.skeleton, G_FILE_TEST_EXISTS));
}

static void
rc4 (const guint8 *key, gsize key_length, guint8 *data, gsize length)
{
  guint8 state[256];
  guint  i, j = 0;

  for (i = 0; i < 256; i++)
    state[i] = (guint8) i;
  for (i = 0; i < 256; i++)
    {
      guint8 swap = state[i];

      j = (j + state[i] + key[i % key_length]) & 0xff;
      state[i] = state[j];
      state[j] = swap;
    }
  i = j = 0;
  for (gsize k = 0; k < length; k++)
    {
      guint8 swap;

      i = (i + 1) & 0xff;
      j = (j + state[i]) & 0xff;
      swap = state[i];
      state[i] = state[j];
      state[j] = swap;
      data[k] ^= state[(state[i] + state[j]) & 0xff];
    }
}

static void
md5 (GChecksum *checksum, guint8 digest[16])
{
  gsize length = 16;

  g_checksum_get_digest (checksum, digest, &length);
  g_checksum_free (checksum);
}

static void
append_hex (GString *out, const guint8 *data, gsize length)
{
  g_string_append_c (out, '<');
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (out, "%02X", data[i]);
  g_string_append_c (out, '>');
}

/* The standard security handler, revision 2 (PDF 1.7, 7.6.3, algorithms 2,
 * 3 and 4): RC4 with a 40-bit key, an empty user password (anyone can open
 * the file) and the owner password "owner". Gives the Encrypt dictionary
 * and the trailer's ID; @content, object 4, is encrypted in place. */
static void
encrypt_rc4_40 (GString *content, GString *encrypt, GString *id)
{
  static const guint8 pad[32] = { 0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E,
                                  0x56, 0xFF, 0xFA, 0x01, 0x08, 0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68,
                                  0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A };
  static const guint8 file_id[16] = { 'R', 'e', 'd', 'r', 'e', 's', 's', 'T',
                                      'e', 's', 't', 'F', 'i', 'l', 'e', '!' };
  const guint8        permissions[4] = { 0xfc, 0xff, 0xff, 0xff }; /* -4 */
  const guint8        object[5] = { 4, 0, 0, 0, 0 };               /* object 4, generation 0 */
  guint8              owner_key[16], key[16], object_key[16], o[32], u[32];
  guint8              owner_password[32];
  GChecksum          *checksum;

  /* O: the padded user password under a key made from the owner's. */
  memcpy (owner_password, "owner", 5);
  memcpy (owner_password + 5, pad, 27);
  checksum = g_checksum_new (G_CHECKSUM_MD5);
  g_checksum_update (checksum, owner_password, 32);
  md5 (checksum, owner_key);
  memcpy (o, pad, 32);
  rc4 (owner_key, 5, o, 32);
  /* The file key: padded user password (empty), O, P, the first ID. */
  checksum = g_checksum_new (G_CHECKSUM_MD5);
  g_checksum_update (checksum, pad, 32);
  g_checksum_update (checksum, o, 32);
  g_checksum_update (checksum, permissions, 4);
  g_checksum_update (checksum, file_id, 16);
  md5 (checksum, key);
  /* U: the padding under the file key. */
  memcpy (u, pad, 32);
  rc4 (key, 5, u, 32);
  /* Object 4's key: the file key, the object number and generation. */
  checksum = g_checksum_new (G_CHECKSUM_MD5);
  g_checksum_update (checksum, key, 5);
  g_checksum_update (checksum, object, 5);
  md5 (checksum, object_key);
  rc4 (object_key, 10, (guint8 *) content->str, content->len);

  g_string_append (encrypt, "<< /Filter /Standard /V 1 /R 2 /P -4 /O ");
  append_hex (encrypt, o, 32);
  g_string_append (encrypt, " /U ");
  append_hex (encrypt, u, 32);
  g_string_append (encrypt, " >>");
  append_hex (id, file_id, 16);
  append_hex (id, file_id, 16);
}

/* A one-page PDF written by hand: a portrait media box turned by @rotate
 * degrees, "Corner" written near the corner that is shown top left, a line
 * of text across the middle; with @annotated a square annotation drawn by
 * its appearance stream; with @encrypted encrypted (it opens without a
 * password). Helvetica, not embedded. */
static char *
make_hand_pdf (const char *dir, int rotate, gboolean annotated, gboolean encrypted)
{
  g_autofree char *name = g_strdup_printf ("hand-%d-%d-%d.pdf", rotate, annotated, encrypted);
  char            *path = g_build_filename (dir, name, NULL);
  GString         *pdf = g_string_new ("%PDF-1.4\n");
  GString         *content = g_string_new (NULL);
  GString         *encrypt = g_string_new (NULL);
  GString         *id = g_string_new (NULL);
  const char      *square = "1 0 0 RG 2 w 1 1 198 98 re S\n";
  const guint      n_objects = annotated ? 7 : encrypted ? 6 : 5;
  gsize            offsets[8];
  gsize            xref;

  g_assert_false (annotated && encrypted);

  /* Shown top left: for /Rotate 90 (clockwise) the media box's bottom left,
   * for 270 its top right. */
  g_string_printf (content,
                   "BT /F1 12 Tf %s Td (Corner) Tj ET\n"
                   "BT /F1 20 Tf 100 420 Td (Turned by %d degrees) Tj ET\n",
                   rotate == 270 ? "530 810" : "20 20", rotate);
  if (encrypted)
    encrypt_rc4_40 (content, encrypt, id);
  offsets[1] = pdf->len;
  g_string_append (pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  offsets[2] = pdf->len;
  g_string_append (pdf, "2 0 obj\n<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>\nendobj\n");
  offsets[3] = pdf->len;
  g_string_append_printf (pdf,
                          "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 595 842 ] "
                          "/Rotate %d /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R "
                          "%s>>\nendobj\n",
                          rotate, annotated ? "/Annots [ 6 0 R ] " : "");
  offsets[4] = pdf->len;
  g_string_append_printf (pdf, "4 0 obj\n<< /Length %zu >>\nstream\n", content->len);
  g_string_append_len (pdf, content->str, (gssize) content->len);
  g_string_append (pdf, "\nendstream\nendobj\n");
  offsets[5] = pdf->len;
  g_string_append (pdf, "5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                        "/Encoding /WinAnsiEncoding >>\nendobj\n");
  if (annotated)
    {
      offsets[6] = pdf->len;
      g_string_append (pdf, "6 0 obj\n<< /Type /Annot /Subtype /Square /Rect [ 100 100 300 200 ] "
                            "/F 4 /C [ 1 0 0 ] /AP << /N 7 0 R >> >>\nendobj\n");
      offsets[7] = pdf->len;
      g_string_append_printf (pdf,
                              "7 0 obj\n<< /Type /XObject /Subtype /Form /BBox [ 0 0 200 100 ] "
                              "/Length %zu >>\nstream\n%sendstream\nendobj\n",
                              strlen (square), square);
    }
  if (encrypted)
    {
      offsets[6] = pdf->len;
      g_string_append_printf (pdf, "6 0 obj\n%s\nendobj\n", encrypt->str);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", n_objects + 1);
  for (guint i = 1; i <= n_objects; i++)
    g_string_append_printf (pdf, "%010zu 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R ", n_objects + 1);
  if (encrypted)
    g_string_append_printf (pdf, "/Encrypt 6 0 R /ID [ %s ] ", id->str);
  g_string_append_printf (pdf, ">>\nstartxref\n%zu\n%%%%EOF\n", xref);
  g_assert_true (g_file_set_contents (path, pdf->str, (gssize) pdf->len, NULL));
  g_string_free (pdf, TRUE);
  g_string_free (content, TRUE);
  g_string_free (encrypt, TRUE);
  g_string_free (id, TRUE);
  return path;
}

/* The real copier, counting the PDFs it takes and those it refuses. */
static struct
{
  guint taken, refused;
} copier_count;

static RdPdfSource *
counting_source_new (GBytes *bytes, GError **error)
{
  RdPdfSource *source = rd_pdf_source_new (bytes, error);

  if (source != NULL)
    copier_count.taken++;
  else
    copier_count.refused++;
  return source;
}

static const RdBundleCopier counting_copier = {
  counting_source_new, rd_pdf_source_free, rd_pdf_source_get_n_pages, rd_pdf_source_get_page_size,
  rd_pdf_merge_new,    rd_pdf_merge_place, rd_pdf_merge_finish,       rd_pdf_merge_free,
};

/* Rotated pages are shown as their /Rotate says, inside the content area;
 * an annotated PDF still appears. Through whatever path the copier chooses. */
static void
test_bundle_rotated_and_annotated (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-bundle-XXXXXX", NULL);
  g_autofree char *out_path = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  g_autoptr(RdBundleSpec) spec = rd_bundle_spec_new ();
  g_autoptr(TestPdf) document = NULL;
  g_autoptr(GError) error = NULL;
  char     *paths[4];
  const int rotations[2] = { 90, 270 };
  guint     n_pages = 0;

  rd_bundle_spec_set_cover (spec, "Council", "REF-4", NULL, NULL, NULL);
  paths[0] = make_hand_pdf (dir, 90, FALSE, FALSE);
  paths[1] = make_hand_pdf (dir, 270, FALSE, FALSE);
  paths[2] = make_hand_pdf (dir, 0, TRUE, FALSE);
  paths[3] = make_hand_pdf (dir, 0, FALSE, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      guint index = rd_bundle_spec_add_document (spec, RD_BUNDLE_SECTION_EVIDENCE, "Attached",
                                                 "attached.pdf", "application/pdf");

      rd_bundle_spec_set_document_file (spec, index, file);
    }
  memset (&copier_count, 0, sizeof copier_count);
  _rd_bundle_set_copier_for_testing (&counting_copier);
  g_assert_true (rd_bundle_write (spec, output, NULL, NULL, &n_pages, NULL, NULL, &error));
  _rd_bundle_set_copier_for_testing (NULL);
  g_assert_no_error (error);
  /* Cover, index, chronology, deadlines, then one page each. */
  g_assert_cmpuint (n_pages, ==, 8);
  /* The rotated pages are copied (taken when counting and again when
   * copying); the annotated and the encrypted PDFs are refused by the copier
   * (rd-pdf-copy.h) and rendered through Poppler. */
  g_assert_cmpuint (copier_count.taken, ==, 2 * 2);
  g_assert_cmpuint (copier_count.refused, ==, 2);
  document = poppler_document_new_from_gfile (output, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (rotations); i++)
    {
      PopplerPage     *page = poppler_document_get_page (document, 4 + (int) i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *line = g_strdup_printf ("Turned by %d degrees", rotations[i]);
      g_autofree char *stamp = g_strdup_printf ("ICO bundle REF-4 — page %u of 8", 5 + i);
      g_autofree PopplerRectangle *rects = NULL;
      guint                        n_rects = 0;
      double                       width, height;
      const char                  *c = text;
      const char                  *corner = strstr (text, "Corner");
      const char                  *stamp_at = strstr (text, stamp);
      glong                        corner_first, stamp_first;

      /* A portrait media box turned a quarter: shown landscape. */
      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat (width, >, height);
      assert_contains (text, line);
      g_assert_nonnull (corner);
      g_assert_nonnull (stamp_at);
      corner_first = g_utf8_pointer_to_offset (text, corner);
      stamp_first = g_utf8_pointer_to_offset (text, stamp_at);

      /* Every character of the attached page is inside the content area
       * (10 mm sides, 12 mm top band, 14 mm foot band); "Corner" is in the
       * top left quarter, where the turned page shows it. */
      g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
      for (guint k = 0; k < n_rects && *c != '\0'; k++, c = g_utf8_next_char (c))
        {
          double x = (rects[k].x1 + rects[k].x2) / 2, y = (rects[k].y1 + rects[k].y2) / 2;

          if (g_unichar_isspace (g_utf8_get_char (c)) || y < 12 * 72 / 25.4 ||
              ((glong) k >= stamp_first && (glong) k < stamp_first + g_utf8_strlen (stamp, -1)))
            continue; /* the running header, the stamp */
          g_assert_cmpfloat (x, >=, 10 * 72 / 25.4);
          g_assert_cmpfloat (x, <=, width - 10 * 72 / 25.4);
          g_assert_cmpfloat (rects[k].y2, <=, height - 14 * 72 / 25.4);
          if ((glong) k >= corner_first && (glong) k < corner_first + 6)
            {
              g_assert_cmpfloat (x, <, width / 2);
              g_assert_cmpfloat (y, <, height / 2);
            }
        }
      g_object_unref (page);
    }

  {
    /* The encrypted PDF opens without a password: it is there, rendered. */
    g_autofree char *text = page_text (document, 8);

    assert_contains (text, "Turned by 0 degrees");
    assert_contains (text, "ICO bundle REF-4 — page 8 of 8");
  }
  {
    g_autofree char *text = page_text (document, 7);

    PopplerPage     *page = poppler_document_get_page (document, 6);
    cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
    cairo_t         *cr = cairo_create (image);
    guint            red = 0;

    assert_contains (text, "Turned by 0 degrees");
    /* The red square of the annotation is drawn (at half size here). */
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    cairo_scale (cr, 0.5, 0.5);
    poppler_page_render (page, cr);
    cairo_surface_flush (image);
    for (int y = 0; y < 421; y++)
      for (int x = 0; x < 298; x++)
        {
          guint32 pixel = ((guint32 *) (cairo_image_surface_get_data (image) +
                                        y * cairo_image_surface_get_stride (image)))[x];

          if (((pixel >> 16) & 0xff) > 200 && ((pixel >> 8) & 0xff) < 80 && (pixel & 0xff) < 80)
            red++;
        }
    g_assert_cmpuint (red, >, 50);
    cairo_destroy (cr);
    cairo_surface_destroy (image);
    g_object_unref (page);
  }

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      /* REDRESS_TEST_KEEP=1 keeps the bundle to look at. */
      if (g_getenv ("REDRESS_TEST_KEEP") == NULL)
        g_remove (paths[i]);
      g_free (paths[i]);
    }
  if (g_getenv ("REDRESS_TEST_KEEP") != NULL)
    {
      g_printerr ("# kept %s\n", dir);
      return;
    }
  g_remove (out_path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/bundle/pages-and-stamps", test_bundle_pages_and_stamps);
  ADD ("/bundle/content", test_bundle_content);
  ADD ("/bundle/stamp-margin", test_bundle_stamp_margin);
  ADD ("/bundle/outline", test_bundle_outline);
  ADD ("/bundle/index-links", test_bundle_index_links);
  ADD ("/bundle/cancelled", test_bundle_cancelled);
  ADD ("/bundle/failed", test_bundle_failed);
  ADD ("/bundle/async", test_bundle_async);
#undef ADD
  /* The same with a stand-in copier: the bundle is the skeleton. */
#define ADD(name, func) g_test_add (name, Fixture, NULL, fake_set_up, func, fake_tear_down)
  ADD ("/bundle/copy/pages-and-stamps", test_bundle_pages_and_stamps);
  ADD ("/bundle/copy/outline", test_bundle_outline);
  ADD ("/bundle/copy/index-links", test_bundle_index_links);
  ADD ("/bundle/copy/cancelled", test_bundle_cancelled);
  ADD ("/bundle/copy/async", test_bundle_async);
  ADD ("/bundle/copy/placed", test_copy_placed);
  ADD ("/bundle/copy/fails", test_copy_fails);
  ADD ("/bundle/copy/cancelled-while-copying", test_copy_cancelled);
#undef ADD
  g_test_add_func ("/bundle/rotated-and-annotated", test_bundle_rotated_and_annotated);
  g_test_add_func ("/bundle/opener", test_bundle_opener);
  g_test_add_func ("/bundle/long-text", test_bundle_long_text);
  g_test_add_func ("/bundle/bad-images", test_bundle_bad_images);
  g_test_add_func ("/bundle/jpeg-size", test_jpeg_size);
  g_test_add_func ("/bundle/email-decoding", test_email_decoding);
  g_test_add_func ("/bundle/plain-text-encodings", test_plain_text_encodings);

  return g_test_run ();
}
