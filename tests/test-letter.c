/* test-letter.c: letters as PDF, read back with Poppler.
 *
 * The expected dates are written out by hand from a calendar (4 May 2026 is
 * a Monday), not taken from the code's own output. Page one of each letter
 * goes to $G_TEST_BUILDDIR/letter-pages/ as a PNG to look at; set
 * RD_TEST_LETTER_DIR to keep the PDFs too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#include "rd-letter.h"
#include "rd-pdf.h"
#include "rd-template.h"

/* Poppler 22 has no g_autoptr() for its types: aliases that cannot clash
 * with a newer Poppler's. */
typedef PopplerDocument TestDocument;
typedef PopplerPage     TestPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPage, g_object_unref)

#define MM(x) ((x) *72.0 / 25.4)

/* A4 is 210 × 297 mm (ISO 216). */
#define A4_W_PT (210.0 * 72.0 / 25.4)
#define A4_H_PT (297.0 * 72.0 / 25.4)

static const char *const address_lines[] = { "Flat 2", "14 Heol y Frenhines", "Llandeilo",
                                             "SA19 6AA" };

/* Dates as the adapter gives them, in the letter's language. */
static const char *const dates[][3] = {
  { "case.received", "Friday 1 May 2026", "Dydd Gwener 1 Mai 2026" },
  { "deadline.acknowledge", "Friday 8 May 2026", "Dydd Gwener 8 Mai 2026" },
  { "deadline.respond", "Monday 1 June 2026", "Dydd Llun 1 Mehefin 2026" },
  { "deadline.respond_original", "Monday 1 June 2026", "Dydd Llun 1 Mehefin 2026" },
  { "deadline.review_request", "Wednesday 1 July 2026", "Dydd Mercher 1 Gorffennaf 2026" },
  { "deadline.review_respond", "Monday 3 August 2026", "Dydd Llun 3 Awst 2026" },
  { "review.received", "Thursday 2 July 2026", "Dydd Iau 2 Gorffennaf 2026" },
  { "ico.due", "Friday 14 August 2026", "Dydd Gwener 14 Awst 2026" },
};

static void
fill_fields (RdLetter *letter)
{
  const char *fields[][2] = {
    { "council.name", "Llanfair Town Council" },
    { "council.address", "Town Hall\nHigh Street\nLlanfair\nLL1 1AA" },
    { "council.contact", "01234 567890 · clerk@llanfair.example" },
    { "clerk.name", "Alex Morgan" },
    { "clerk.role", "Town Clerk" },
    { "recipient.name", "Siôn Ŵyn Llŷr" },
    { "recipient.address", "Flat 2\n14 Heol y Frenhines\nLlandeilo\nSA19 6AA" },
    { "case.ref", "DPC-2026-0042" },
    { "case.summary", "a copy of CCTV footage" },
    { "complainant.name", "Siôn Ŵyn Llŷr" },
    { "subject.personal_data", "your personal data" },
    { "clarification.question", "Which dates of footage do you mean?" },
    { "extension.reason", "The footage must be redacted frame by frame." },
    { "outcome.result", "We have upheld your complaint." },
    { "outcome.details", "We should have answered your request sooner." },
    { "refusal.factors", "• the request repeats one we answered last month" },
    { "refusal.reasons", "You have made the same complaint four times this year." },
    { "review.result", "The review agrees with the first decision." },
    { "review.details", "The reviewer read every letter again." },
    { "ico.reference", "IC-123456-A1B2" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    rd_letter_set_field (letter, fields[i][0], fields[i][1]);
  for (gsize i = 0; i < G_N_ELEMENTS (dates); i++)
    rd_letter_set_field (
        letter, dates[i][0],
        dates[i][rd_letter_get_language (letter) == RD_LETTER_LANGUAGE_CY ? 2 : 1]);
}

static RdLetter *
make_letter (RdLetterType type, RdLetterLanguage language)
{
  RdLetter *letter = rd_letter_new (type, language);
  GDate     date;

  fill_fields (letter);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 4, G_DATE_MAY, 2026);
  rd_letter_set_date (letter, &date);
  return letter;
}

/*
 * Page one as a PNG at 100 dpi in $G_TEST_BUILDDIR/letter-pages/, for a
 * person to look at after the run (the issue asks for it).
 */
static void
render_first_page (PopplerDocument *document, const char *pdf_name)
{
  g_autoptr(TestPage) page = poppler_document_get_page (document, 0);
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "letter-pages", NULL);
  g_autofree char *base = g_strndup (pdf_name, strlen (pdf_name) - strlen (".pdf"));
  g_autofree char *name = g_strconcat (base, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  double           scale = 100.0 / 72.0;
  double           width, height;
  cairo_surface_t *surface;
  cairo_t         *cr;

  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * scale),
                                        (int) (height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  g_mkdir_with_parents (dir, 0755);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static PopplerDocument *
open_pdf (RdLetter *letter, const char *keep_as)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = rd_letter_to_pdf (letter, &error);
  PopplerDocument *document;

  g_assert_no_error (error);
  g_assert_nonnull (pdf);

  if (keep_as != NULL && g_getenv ("RD_TEST_LETTER_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("RD_TEST_LETTER_DIR"), keep_as, NULL);

      g_file_set_contents (path, g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf),
                           NULL);
    }

  document = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  if (keep_as != NULL)
    render_first_page (document, keep_as);
  return document;
}

/* The page's text with every run of white space made one space. */
static char *
page_text (PopplerPage *page)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_auto(GStrv) words = g_strsplit_set (text != NULL ? text : "", " \n\t\r", -1);
  GString *out = g_string_new (NULL);

  g_autofree char *joined = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  /* Ligatures (ﬀ) and Arabic presentation forms back to plain letters, and
   * without the bidirectional marks Poppler may put around right-to-left
   * characters. */
  joined = g_string_free (out, FALSE);
  {
    g_autofree char *normal = g_utf8_normalize (joined, -1, G_NORMALIZE_NFKC);
    GString         *plain = g_string_new (NULL);

    for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
          continue;
        g_string_append_unichar (plain, c);
      }
    return g_string_free (plain, FALSE);
  }
}

static char *
document_text (PopplerDocument *document)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (document, i);
      g_autofree char *text = page_text (page);

      g_string_append_printf (out, "%s ", text);
    }
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in the letter’s text", needle);
}

/*
 * Checks that every character of @needle, found on @page, lies inside the
 * rectangle (points, from the top left). Poppler's text layout gives one
 * rectangle per character of poppler_page_get_text().
 */
static void
assert_text_inside (PopplerPage *page, const char *needle, double x, double y, double w, double h)
{
  g_autofree char             *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  guint                        n_rects = 0;
  const char                  *found;
  glong                        start, length;

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  found = strstr (text, needle);
  if (found == NULL)
    g_error ("“%s” not on the page", needle);
  start = g_utf8_pointer_to_offset (text, found);
  length = g_utf8_strlen (needle, -1);
  g_assert_cmpuint (n_rects, >=, (guint) (start + length));

  for (glong i = start; i < start + length; i++)
    {
      PopplerRectangle *r = &rects[i];
      gunichar          c = g_utf8_get_char (g_utf8_offset_to_pointer (text, i));

      if (g_unichar_isspace (c))
        continue;
      /* Half a point of slack for the glyph boxes Poppler reports. */
      if (r->x1 < x - 0.5 || r->x2 > x + w + 0.5 || r->y1 < y - 0.5 || r->y2 > y + h + 0.5)
        g_error ("character %ld of “%.20s…” at (%.1f, %.1f)–(%.1f, %.1f) is outside the box "
                 "(%.1f, %.1f)–(%.1f, %.1f)",
                 (long) (i - start), needle, r->x1, r->y1, r->x2, r->y2, x, y, x + w, y + h);
    }
}

static void
assert_a4 (PopplerDocument *document)
{
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (document, i);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, A4_W_PT, 0.5);
      g_assert_cmpfloat_with_epsilon (height, A4_H_PT, 0.5);
    }
}

/* What each letter must say, by type: dates as a calendar gives them. */
static const char *const expected_en[RD_LETTER_N_TYPES][3] = {
  [RD_LETTER_ACKNOWLEDGEMENT] = { "Monday 1 June 2026", "Friday 1 May 2026" },
  [RD_LETTER_IDENTITY_REQUEST] = { "Friday 1 May 2026", "passport" },
  [RD_LETTER_CONSENT_REQUEST] = { "signed and dated by Siôn Ŵyn Llŷr" },
  [RD_LETTER_CLARIFICATION_REQUEST] = { "Which dates of footage do you mean?" },
  [RD_LETTER_EXTENSION] = { "Monday 1 June 2026", "redacted frame by frame" },
  [RD_LETTER_OUTCOME] = { "Wednesday 1 July 2026", "We have upheld your complaint." },
  [RD_LETTER_REFUSAL] = { "four times this year", "manifestly unfounded or excessive" },
  [RD_LETTER_REVIEW_ACKNOWLEDGEMENT] = { "Thursday 2 July 2026", "Monday 3 August 2026" },
  [RD_LETTER_REVIEW_OUTCOME] = { "Thursday 2 July 2026", "every letter again" },
  [RD_LETTER_ICO_COVER] = { "Friday 14 August 2026", "Siôn Ŵyn Llŷr" },
};

static const char *const expected_cy[RD_LETTER_N_TYPES][3] = {
  [RD_LETTER_ACKNOWLEDGEMENT] = { "Dydd Llun 1 Mehefin 2026", "Dydd Gwener 1 Mai 2026" },
  [RD_LETTER_IDENTITY_REQUEST] = { "pasbort" },
  [RD_LETTER_CONSENT_REQUEST] = { "lofnodi a’i ddyddio gan Siôn Ŵyn Llŷr" },
  [RD_LETTER_CLARIFICATION_REQUEST] = { "Which dates of footage do you mean?" },
  [RD_LETTER_EXTENSION] = { "Dydd Llun 1 Mehefin 2026", "redacted frame by frame" },
  [RD_LETTER_OUTCOME] = { "Dydd Mercher 1 Gorffennaf 2026" },
  [RD_LETTER_REFUSAL] = { "four times this year", "amlwg yn ddi-sail neu’n ormodol" },
  [RD_LETTER_REVIEW_ACKNOWLEDGEMENT] = { "Dydd Iau 2 Gorffennaf 2026", "Dydd Llun 3 Awst 2026" },
  [RD_LETTER_REVIEW_OUTCOME] = { "Dydd Iau 2 Gorffennaf 2026" },
  [RD_LETTER_ICO_COVER] = { "Dydd Gwener 14 Awst 2026" },
};

static void
check_letter (RdLetterType type, RdLetterLanguage language)
{
  g_autoptr(RdLetter) letter = make_letter (type, language);
  g_autofree char *name = g_strdup_printf ("%s-%s.pdf", rd_letter_type_to_string (type),
                                           rd_letter_language_to_string (language));
  g_autoptr(TestDocument) document = NULL;
  g_autoptr(TestPage) first = NULL;
  g_autofree char   *text = NULL;
  const char *const *expected;

  /* The ICO's own case reference shows as "Your reference" on its letter. */
  if (type == RD_LETTER_ICO_COVER)
    rd_letter_set_field (letter, "recipient.reference", "IC-123456-A1B2");

  document = open_pdf (letter, name);
  assert_a4 (document);
  text = document_text (document);

  /* Recipient, reference and the date of the letter. */
  assert_contains (text, "Siôn Ŵyn Llŷr");
  assert_contains (text, "14 Heol y Frenhines");
  assert_contains (text, "DPC-2026-0042");
  assert_contains (text, language == RD_LETTER_LANGUAGE_CY ? "Dydd Llun 4 Mai 2026"
                                                           : "Monday 4 May 2026");
  assert_contains (text, "Alex Morgan");
  assert_contains (text, "Town Clerk");
  assert_contains (text, language == RD_LETTER_LANGUAGE_CY ? "Tudalen 1 o" : "Page 1 of");

  expected = language == RD_LETTER_LANGUAGE_CY ? expected_cy[type] : expected_en[type];
  for (guint i = 0; i < 3 && expected[i] != NULL; i++)
    assert_contains (text, expected[i]);

  if (type == RD_LETTER_REFUSAL || type == RD_LETTER_REVIEW_OUTCOME || type == RD_LETTER_OUTCOME)
    {
      /* The ICO's contact details, as the ICO publishes them. */
      assert_contains (text, "Wycliffe House");
      assert_contains (text, "Water Lane");
      assert_contains (text, "Wilmslow");
      assert_contains (text, "SK9 5AF");
      assert_contains (text, "0303 123 1113");
      assert_contains (text, "ico.org.uk/make-a-complaint");
    }
  if (type == RD_LETTER_REFUSAL)
    {
      if (language == RD_LETTER_LANGUAGE_CY)
        {
          assert_contains (text, "Swyddfa’r Comisiynydd Gwybodaeth");
          assert_contains (text, "hawl i rwymedi barnwrol");
        }
      else
        {
          assert_contains (text, "right to complain about this decision to the Information "
                                 "Commissioner’s Office");
          assert_contains (text, "right to a judicial remedy");
        }
    }

  /* The recipient lies inside the envelope window. */
  first = poppler_document_get_page (document, 0);
  assert_text_inside (first, "Siôn Ŵyn Llŷr", MM (RD_LETTER_WINDOW_X_MM),
                      MM (RD_LETTER_WINDOW_Y_MM), MM (RD_LETTER_WINDOW_WIDTH_MM),
                      MM (RD_LETTER_WINDOW_HEIGHT_MM));
  for (guint i = 0; i < G_N_ELEMENTS (address_lines); i++)
    assert_text_inside (first, address_lines[i], MM (RD_LETTER_WINDOW_X_MM),
                        MM (RD_LETTER_WINDOW_Y_MM), MM (RD_LETTER_WINDOW_WIDTH_MM),
                        MM (RD_LETTER_WINDOW_HEIGHT_MM));
}

static void
test_every_type (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);

  check_letter (n % RD_LETTER_N_TYPES, n / RD_LETTER_N_TYPES);
}

static void
test_long_body_paginates (void)
{
  g_autoptr(RdLetter) letter = make_letter (RD_LETTER_OUTCOME, RD_LETTER_LANGUAGE_EN);
  g_autoptr(GError) error = NULL;
  g_autoptr(TestDocument) document = NULL;
  GString    *body = g_string_new (NULL);
  int         n_pages;
  const char *last = NULL;

  g_assert_true (rd_letter_compose (letter, &error));
  for (int i = 1; i <= 60; i++)
    g_string_append_printf (body, "This is line %d of the clerk’s long letter.\n", i);
  rd_letter_set_body (letter, body->str);
  g_string_free (body, TRUE);

  document = open_pdf (letter, "long-body.pdf");
  n_pages = poppler_document_get_n_pages (document);
  g_assert_cmpint (n_pages, >=, 2);
  g_assert_cmpint (n_pages, ==, (int) rd_letter_get_n_pages (letter));
  assert_a4 (document);

  for (int p = 0; p < n_pages; p++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (document, p);
      g_autofree char *text = page_text (page);
      g_autofree char *footer = g_strdup_printf ("Page %d of %d", p + 1, n_pages);

      assert_contains (text, footer);
      /* The address is on the first page only; the reference on every page. */
      assert_contains (text, "DPC-2026-0042");
      if (p == 0)
        assert_contains (text, "14 Heol y Frenhines");
      else
        g_assert_null (strstr (text, "14 Heol y Frenhines"));
    }

  /* Every line, once, in order, across the pages. */
  {
    g_autofree char *text = document_text (document);

    for (int i = 1; i <= 60; i++)
      {
        g_autofree char *line = g_strdup_printf ("This is line %d of the clerk’s long letter.", i);
        const char      *found = strstr (text, line);

        g_assert_nonnull (found);
        g_assert_true (last == NULL || found > last);
        last = found;
      }
    /* The signature comes after the body. */
    g_assert_true (strstr (text, "Alex Morgan") > last);
  }
}

/* Which page (from 0) holds @needle, or -1. */
static int
page_of (PopplerDocument *document, const char *needle)
{
  for (int p = 0; p < poppler_document_get_n_pages (document); p++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (document, p);
      g_autofree char *text = page_text (page);

      if (strstr (text, needle) != NULL)
        return p;
    }
  return -1;
}

/*
 * Wherever the page break falls, a block of lines (here the ICO's address)
 * is not split, and the sentence that introduces it with a colon stays
 * with it.
 */
static void
test_blocks_kept_together (void)
{
  for (guint n = 20; n <= 60; n += 2)
    {
      g_autoptr(RdLetter) letter = make_letter (RD_LETTER_REFUSAL, RD_LETTER_LANGUAGE_EN);
      g_autoptr(TestDocument) document = NULL;
      GString *body = g_string_new (NULL);
      int      page;

      for (guint i = 1; i <= n; i++)
        g_string_append_printf (body, "Filler line %u.\n", i);
      g_string_append (body, "\nYou can complain to the ICO:\n\n");
      g_string_append (body, rd_letter_get_field (letter, "ico.contact"));
      g_string_append (body, "\n\nThe end.");
      rd_letter_set_body (letter, body->str);
      g_string_free (body, TRUE);

      document = open_pdf (letter, NULL);
      page = page_of (document, "You can complain to the ICO:");
      g_assert_cmpint (page, >=, 0);
      g_assert_cmpint (page_of (document, "Wycliffe House"), ==, page);
      g_assert_cmpint (page_of (document, "SK9 5AF"), ==, page);
      g_assert_cmpint (page_of (document, "ico.org.uk/make-a-complaint"), ==, page);
    }
}

/* 200 characters of a name, in words a postman would read. */
static char *
long_name (void)
{
  GString *name = g_string_new (NULL);

  for (guint i = 0; g_utf8_strlen (name->str, -1) + 10 <= 200; i++)
    g_string_append (name, i % 2 ? "Ap-Rhys " : "Gwenllïan ");
  while (g_utf8_strlen (name->str, -1) < 200)
    g_string_append_c (name, 'X');
  g_assert_cmpint (g_utf8_strlen (name->str, -1), ==, 200);
  return g_string_free (name, FALSE);
}

static const char *const eight_lines[] = {
  "Flat 12, Second Floor",
  "Tŷ Gwyn Mansions",
  "Ffordd yr Orsaf",
  "Off the High Street",
  "Pentref Bach",
  "Llanfair-ym-Muallt",
  "Powys",
  "LD2 3AA",
  NULL,
};
#define N_EIGHT_LINES (G_N_ELEMENTS (eight_lines) - 1)

/* Every word of @name and every one of the first @n_lines lines is inside
 * both the address box and the envelope window, at 8 pt or more. */
static void glyph_heights (PopplerPage *page, const char *needle, double *min, double *max);

static void
assert_address_whole (PopplerPage *page, const char *name, guint n_lines)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        assert_text_inside (page, words[i], MM (RD_LETTER_ADDRESS_X_MM),
                            MM (RD_LETTER_ADDRESS_Y_MM), MM (RD_LETTER_ADDRESS_WIDTH_MM),
                            MM (RD_LETTER_ADDRESS_HEIGHT_MM));
        assert_text_inside (page, words[i], MM (RD_LETTER_WINDOW_X_MM), MM (RD_LETTER_WINDOW_Y_MM),
                            MM (RD_LETTER_WINDOW_WIDTH_MM), MM (RD_LETTER_WINDOW_HEIGHT_MM));
      }
  for (guint i = 0; i < n_lines; i++)
    {
      double lo, hi;

      assert_text_inside (page, eight_lines[i], MM (RD_LETTER_ADDRESS_X_MM),
                          MM (RD_LETTER_ADDRESS_Y_MM), MM (RD_LETTER_ADDRESS_WIDTH_MM),
                          MM (RD_LETTER_ADDRESS_HEIGHT_MM));
      assert_text_inside (page, eight_lines[i], MM (RD_LETTER_WINDOW_X_MM),
                          MM (RD_LETTER_WINDOW_Y_MM), MM (RD_LETTER_WINDOW_WIDTH_MM),
                          MM (RD_LETTER_WINDOW_HEIGHT_MM));
      /* 8 pt type has glyph boxes of about 8 pt (ascent + descent). */
      glyph_heights (page, eight_lines[i], &lo, &hi);
      g_assert_cmpfloat (lo, >=, 7.5);
    }
}

/*
 * An eight-line address (the postcode last) with an ordinary name shows
 * every line, the postcode included, inside the window.
 */
static void
test_eight_line_address_fits (void)
{
  for (RdLetterLanguage lang = 0; lang < RD_LETTER_N_LANGUAGES; lang++)
    {
      g_autoptr(RdLetter) letter = make_letter (RD_LETTER_ACKNOWLEDGEMENT, lang);
      g_autoptr(TestDocument) document = NULL;
      g_autoptr(TestPage) page = NULL;
      g_autofree char *address = g_strjoinv ("\n", (char **) eight_lines);
      const char      *name = "Gwenllïan Angharad Ap-Rhys Llywelyn-Fychan";

      rd_letter_set_field (letter, "recipient.name", name);
      rd_letter_set_field (letter, "recipient.address", address);
      document = open_pdf (letter, lang == 0 ? "eight-line-address.pdf" : NULL);
      page = poppler_document_get_page (document, 0);
      assert_address_whole (page, name, N_EIGHT_LINES);
    }
}

/*
 * A 200-character name wraps inside the box. With it, eight lines of
 * address cannot fit at 8 pt: the letter is refused, never cut (it used to
 * lose its last lines and the postcode), and the message says how many
 * lines would fit; an address of that many lines then fits whole, and one
 * line more does not.
 */
static void
test_long_name_and_address_wrap (void)
{
  g_autofree char *name = long_name ();
  g_autoptr(RdLetter) letter = make_letter (RD_LETTER_ACKNOWLEDGEMENT, RD_LETTER_LANGUAGE_EN);
  g_autofree char *address = g_strjoinv ("\n", (char **) eight_lines);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  const char *count;
  guint64     n;

  rd_letter_set_field (letter, "recipient.name", name);
  rd_letter_set_field (letter, "recipient.address", address);
  pdf = rd_letter_to_pdf (letter, &error);
  g_assert_null (pdf);
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_ADDRESS_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "too many lines to show through the envelope window"));
  count = strstr (error->message, "shorten it to ");
  g_assert_nonnull (count);
  n = g_ascii_strtoull (count + strlen ("shorten it to "), NULL, 10);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n, <, N_EIGHT_LINES);

  for (guint lines = (guint) n; lines <= (guint) n + 1; lines++)
    {
      g_autoptr(RdLetter) shorter = make_letter (RD_LETTER_ACKNOWLEDGEMENT, RD_LETTER_LANGUAGE_EN);
      g_autoptr(GError) shorter_error = NULL;
      g_autoptr(GBytes) shorter_pdf = NULL;
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < lines; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", eight_lines[i]);
      rd_letter_set_field (shorter, "recipient.name", name);
      rd_letter_set_field (shorter, "recipient.address", text->str);
      g_string_free (text, TRUE);
      if (lines == n)
        {
          g_autoptr(TestDocument) document = open_pdf (shorter, "long-address.pdf");
          g_autoptr(TestPage) page = poppler_document_get_page (document, 0);

          assert_address_whole (page, name, lines);
        }
      else
        {
          shorter_pdf = rd_letter_to_pdf (shorter, &shorter_error);
          g_assert_null (shorter_pdf);
          g_assert_error (shorter_error, RD_LETTER_ERROR, RD_LETTER_ERROR_ADDRESS_TOO_LONG);
        }
    }

  /* Large print: the window block starts at 16 pt but shrinks to fit like
   * the normal one, with the same floor. */
  {
    g_autoptr(RdLetter) large = make_letter (RD_LETTER_ACKNOWLEDGEMENT, RD_LETTER_LANGUAGE_EN);
    g_autoptr(GError) large_error = NULL;
    g_autoptr(GBytes) large_pdf = NULL;

    rd_letter_set_large_print (large, TRUE);
    rd_letter_set_field (large, "recipient.name", name);
    rd_letter_set_field (large, "recipient.address", address);
    large_pdf = rd_letter_to_pdf (large, &large_error);
    g_assert_null (large_pdf);
    g_assert_error (large_error, RD_LETTER_ERROR, RD_LETTER_ERROR_ADDRESS_TOO_LONG);
  }
}

/* The smallest and largest glyph box heights of @needle on @page. */
static void
glyph_heights (PopplerPage *page, const char *needle, double *min, double *max)
{
  g_autofree char             *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  guint                        n_rects = 0;
  const char                  *found;
  glong                        start;

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  found = strstr (text, needle);
  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (text, found);
  *min = G_MAXDOUBLE;
  *max = 0;
  for (glong i = start; i < start + g_utf8_strlen (needle, -1); i++)
    {
      gunichar c = g_utf8_get_char (g_utf8_offset_to_pointer (text, i));
      double   h = rects[i].y2 - rects[i].y1;

      if (g_unichar_isspace (c))
        continue;
      *min = MIN (*min, h);
      *max = MAX (*max, h);
    }
}

/* The height Poppler gives the glyph boxes of @needle, in points. */
static double
glyph_height (PopplerPage *page, const char *needle)
{
  g_autofree char             *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  guint                        n_rects;
  const char                  *found = strstr (text, needle);
  glong                        at;

  g_assert_nonnull (found);
  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  at = g_utf8_pointer_to_offset (text, found);
  return rects[at].y2 - rects[at].y1;
}

static void
test_large_print (void)
{
  g_autoptr(RdLetter) normal = make_letter (RD_LETTER_ACKNOWLEDGEMENT, RD_LETTER_LANGUAGE_EN);
  g_autoptr(RdLetter) large = make_letter (RD_LETTER_ACKNOWLEDGEMENT, RD_LETTER_LANGUAGE_EN);
  g_autoptr(TestDocument) normal_pdf = NULL;
  g_autoptr(TestDocument) large_pdf = NULL;
  g_autoptr(TestPage) normal_page = NULL;
  g_autoptr(TestPage) large_page = NULL;
  g_autofree char *text = NULL;

  rd_letter_set_large_print (large, TRUE);
  normal_pdf = open_pdf (normal, "normal-print.pdf");
  large_pdf = open_pdf (large, "large-print.pdf");
  normal_page = poppler_document_get_page (normal_pdf, 0);
  large_page = poppler_document_get_page (large_pdf, 0);

  /* A 16 pt font gives glyph boxes at least 16 pt tall (ascent + descent). */
  g_assert_cmpfloat (glyph_height (large_page, "Thank you"), >=, 16.0);
  g_assert_cmpfloat (glyph_height (large_page, "Monday 4 May 2026"), >=, 16.0);
  g_assert_cmpfloat (glyph_height (large_page, "Page 1 of"), >=, 16.0);
  g_assert_cmpfloat (glyph_height (normal_page, "Thank you"), <, 16.0);

  /* The council's address moves into the letter, still there. */
  text = document_text (large_pdf);
  assert_contains (text, "How to contact us");
  assert_contains (text, "LL1 1AA");
  g_assert_cmpint (poppler_document_get_n_pages (large_pdf), >=,
                   poppler_document_get_n_pages (normal_pdf));
}

static void
test_scripts (void)
{
  g_autoptr(RdLetter) letter = make_letter (RD_LETTER_ACKNOWLEDGEMENT, RD_LETTER_LANGUAGE_CY);
  g_autoptr(TestDocument) document = NULL;
  g_autofree char *text = NULL;

  rd_letter_set_field (letter, "recipient.name", "Ŵyn Llŷr-Dvořák");
  rd_letter_set_field (letter, "case.summary", "ffeil Ŷ ŵ ŷ â ê î ô û ï é — مريم العلي");
  document = open_pdf (letter, "scripts.pdf");
  text = document_text (document);
  assert_contains (text, "Ŵyn Llŷr-Dvořák");
  assert_contains (text, "Ŷ ŵ ŷ â ê î ô û ï é");
  /* Arabic comes out as Arabic letters (in whatever order Poppler reads them). */
  g_assert_true (strstr (text, "مريم") != NULL || strstr (text, "ميرم") != NULL);
}

static void
test_envelope_offset (void)
{
  g_autoptr(RdLetter) letter = make_letter (RD_LETTER_ACKNOWLEDGEMENT, RD_LETTER_LANGUAGE_EN);
  g_autoptr(TestDocument) document = NULL;
  g_autoptr(TestPage) page = NULL;

  /* Moved 4 mm right and 3 mm down, the address keeps to the moved box. */
  rd_letter_set_envelope_offset (letter, 4.0, 3.0);
  document = open_pdf (letter, "offset.pdf");
  page = poppler_document_get_page (document, 0);
  assert_text_inside (page, "14 Heol y Frenhines", MM (RD_LETTER_ADDRESS_X_MM + 4.0),
                      MM (RD_LETTER_ADDRESS_Y_MM + 3.0), MM (RD_LETTER_ADDRESS_WIDTH_MM),
                      MM (RD_LETTER_ADDRESS_HEIGHT_MM));
}

/* The first page has one image, drawn with the given width / height. */
static void
assert_one_image (PopplerDocument *document, double aspect)
{
  g_autoptr(TestPage) page = poppler_document_get_page (document, 0);
  GList               *mapping = poppler_page_get_image_mapping (page);
  PopplerImageMapping *image;

  g_assert_cmpuint (g_list_length (mapping), ==, 1);
  image = mapping->data;
  /* Inside the letterhead, on the right, at most 45 × 25 mm. */
  g_assert_cmpfloat (image->area.x2, <=, MM (190.5));
  g_assert_cmpfloat (image->area.x2 - image->area.x1, <=, MM (45.5));
  g_assert_cmpfloat (image->area.y2 - image->area.y1, <=, MM (25.5));
  g_assert_cmpfloat_with_epsilon (
      (image->area.x2 - image->area.x1) / (image->area.y2 - image->area.y1), aspect, 0.05);
  poppler_page_free_image_mapping (mapping);
}

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
test_logo (void)
{
  g_autoptr(RdLetter) letter = make_letter (RD_LETTER_ACKNOWLEDGEMENT, RD_LETTER_LANGUAGE_EN);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) not_png = g_bytes_new_static ("GIF89a, not a logo", 18);
  g_autoptr(TestDocument) document = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 120, 60);
  cairo_t         *cr = cairo_create (surface);
  GByteArray      *bytes = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.1, 0.3, 0.6);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_cb, bytes);
  cairo_surface_destroy (surface);
  png = g_byte_array_free_to_bytes (bytes);

  g_assert_false (rd_letter_set_logo (letter, not_png, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_LOGO);
  g_clear_error (&error);

  g_assert_true (rd_letter_set_logo (letter, png, &error));
  g_assert_no_error (error);
  document = open_pdf (letter, "logo.pdf");
  assert_a4 (document);
  assert_one_image (document, 120.0 / 60.0);

  /* A JPEG (240 × 80, tests/data/letter-logo.jpg, made with ImageMagick) is
   * embedded as it is. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "letter-logo.jpg", NULL);
    g_autofree char *contents = NULL;
    g_autoptr(GBytes) jpeg = NULL;
    g_autoptr(GBytes) truncated = NULL;
    g_autoptr(TestDocument) with_jpeg = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    jpeg = g_bytes_new (contents, length);
    g_assert_true (rd_letter_set_logo (letter, jpeg, &error));
    g_assert_no_error (error);
    with_jpeg = open_pdf (letter, "logo-jpeg.pdf");
    assert_one_image (with_jpeg, 240.0 / 80.0);

    /* Cut before its frame header: refused, not guessed. */
    truncated = g_bytes_new (contents, 20);
    g_assert_false (rd_letter_set_logo (letter, truncated, &error));
    g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_LOGO);
  }
}

static void
test_save_is_atomic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rd-letter-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) nowhere = NULL;
  g_autoptr(RdLetter) letter = make_letter (RD_LETTER_ACKNOWLEDGEMENT, RD_LETTER_LANGUAGE_EN);
  g_autoptr(GDir) listing = NULL;
  const char      *entry;
  guint            n_entries = 0;
  g_autofree char *contents = NULL;
  gsize            length;

  g_assert_no_error (error);
  path = g_build_filename (dir, "letter.pdf", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (rd_letter_save_pdf (letter, file, &error));
  g_assert_no_error (error);
  /* Saving again replaces the file. */
  g_assert_true (rd_letter_save_pdf (letter, file, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* Nothing but the letter is left in the folder: no temporary file. */
  listing = g_dir_open (dir, 0, NULL);
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_assert_cmpstr (entry, ==, "letter.pdf");
      n_entries++;
    }
  g_assert_cmpuint (n_entries, ==, 1);

  /* A folder that does not exist: an error, and no file. */
  missing = g_build_filename (dir, "no-such-folder", "letter.pdf", NULL);
  nowhere = g_file_new_for_path (missing);
  g_assert_false (rd_letter_save_pdf (letter, nowhere, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_WRITE);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_format_date (void)
{
  const struct
  {
    int         day, month, year;
    const char *en, *cy;
  } cases[] = {
    { 4, 5, 2026, "Monday 4 May 2026", "Dydd Llun 4 Mai 2026" },
    { 29, 2, 2028, "Tuesday 29 February 2028", "Dydd Mawrth 29 Chwefror 2028" },
    { 25, 12, 2026, "Friday 25 December 2026", "Dydd Gwener 25 Rhagfyr 2026" },
    { 1, 1, 2027, "Friday 1 January 2027", "Dydd Gwener 1 Ionawr 2027" },
    { 19, 6, 2026, "Friday 19 June 2026", "Dydd Gwener 19 Mehefin 2026" },
    { 7, 11, 2026, "Saturday 7 November 2026", "Dydd Sadwrn 7 Tachwedd 2026" },
    { 8, 11, 2026, "Sunday 8 November 2026", "Dydd Sul 8 Tachwedd 2026" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *en = NULL;
      g_autofree char *cy = NULL;
      GDate            date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, cases[i].day, cases[i].month, cases[i].year);
      en = rd_letter_format_date (&date, RD_LETTER_LANGUAGE_EN);
      cy = rd_letter_format_date (&date, RD_LETTER_LANGUAGE_CY);
      g_assert_cmpstr (en, ==, cases[i].en);
      g_assert_cmpstr (cy, ==, cases[i].cy);
    }
}

static void
test_calibration_sheet (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = rd_letter_calibration_pdf (2.0, -1.5, &error);
  g_autoptr(TestDocument) document = NULL;
  g_autoptr(TestPage) page = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  document = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  assert_a4 (document);
  page = poppler_document_get_page (document, 0);
  text = page_text (page);
  assert_contains (text, "+2.0 mm across, -1.5 mm down");
}

/*
 * Conditional blocks in templates: {if field} … {else} … {end}, each on a
 * line of its own (docs/letters.md, "Template syntax").
 */

static const char *
table_lookup (const char *name, gpointer user_data)
{
  return g_hash_table_lookup (user_data, name);
}

static const char *const two_recipients = "# a note\n"
                                          "{if representative.name}\n"
                                          "Subject: About {complainant.name}\n"
                                          "{else}\n"
                                          "Subject: About you\n"
                                          "{end}\n"
                                          "\n"
                                          "Dear {recipient.name},\n"
                                          "\n"
                                          "  {if representative.name}  \n"
                                          "You wrote for {complainant.name}.\n"
                                          "\n"
                                          "{else}\n"
                                          "You wrote to us.\n"
                                          "\n"
                                          "{end}\n"
                                          "Thank you.\n";

static void
test_template_conditional (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdTemplate) template = rd_template_parse (two_recipients, &error);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *body = NULL;
  g_autofree char *subject = NULL;
  g_auto(GStrv) in_use = NULL;

  g_assert_no_error (error);
  g_assert_true (rd_template_has_subject (template));
  /* The condition is a field the checker sees, but not one the letter gives. */
  g_assert_true (g_strv_contains (rd_template_get_fields (template), "representative.name"));
  g_assert_false (rd_template_uses_field (template, "representative.name"));
  g_assert_true (rd_template_uses_field (template, "complainant.name"));

  /* To the data subject: the {else} parts. */
  g_hash_table_insert (values, "recipient.name", "Siôn Ŵyn Llŷr");
  g_hash_table_insert (values, "complainant.name", "Siôn Ŵyn Llŷr");
  body = rd_template_expand (template, table_lookup, values, &subject);
  g_assert_cmpstr (subject, ==, "About you");
  g_assert_cmpstr (body, ==, "Dear Siôn Ŵyn Llŷr,\n\nYou wrote to us.\n\nThank you.");
  in_use = rd_template_dup_fields_in_use (template, table_lookup, values);
  g_assert_true (g_strv_contains ((const char *const *) in_use, "representative.name"));
  g_assert_false (g_strv_contains ((const char *const *) in_use, "complainant.name"));
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&in_use, g_strfreev);

  /* To a representative: the {if} parts; an empty value counts as none. */
  g_hash_table_insert (values, "representative.name", "");
  body = rd_template_expand (template, table_lookup, values, &subject);
  g_assert_cmpstr (subject, ==, "About you");
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&subject, g_free);
  g_hash_table_insert (values, "representative.name", "Gareth Price");
  g_hash_table_insert (values, "recipient.name", "Gareth Price");
  body = rd_template_expand (template, table_lookup, values, &subject);
  g_assert_cmpstr (subject, ==, "About Siôn Ŵyn Llŷr");
  g_assert_cmpstr (body, ==, "Dear Gareth Price,\n\nYou wrote for Siôn Ŵyn Llŷr.\n\nThank you.");
  in_use = rd_template_dup_fields_in_use (template, table_lookup, values);
  g_assert_true (g_strv_contains ((const char *const *) in_use, "complainant.name"));
}

static void
test_template_conditional_errors (void)
{
  static const struct
  {
    const char *text;
    const char *needle; /* in the message: the line, and what to do */
  } bad[] = {
    { "a\n{if representative.name}\nb\n", "opened on line 2 of the template is never closed" },
    { "a\n{else}\nb\n", "Line 2 of the template has {else} outside an {if …} block" },
    { "a\nb\n{end}\n", "Line 3 of the template has {end}, but no {if …} block is open" },
    { "{if a.b}\n{if c.d}\n{end}\n{end}\n", "Line 2 of the template opens an {if …} block inside "
                                            "the one opened on line 1" },
    { "{if a.b}\n{else}\n{else}\n{end}\n", "Line 3 of the template has a second {else}" },
    { "Dear {if a.b} you\n", "Line 1 of the template has “{if a.b}” among other text" },
    { "x {end}\n", "Line 1 of the template has “{end}” among other text" },
    { "{if Case.Ref}\n{end}\n", "Line 1 of the template has {if Case.Ref}, but “Case.Ref” is not" },
    { "{if}\n{end}\n", "Line 1 of the template has {if }" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdTemplate) template = rd_template_parse (bad[i].text, &error);

      g_assert_null (template);
      g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_SYNTAX);
      if (strstr (error->message, bad[i].needle) == NULL)
        g_error ("case %" G_GSIZE_FORMAT ": “%s” not in “%s”", i, bad[i].needle, error->message);
    }
}

/* The checker a council's template must pass knows about conditions. */
static void
test_template_conditional_checked (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLetter) letter = rd_letter_new (RD_LETTER_CONSENT_REQUEST, RD_LETTER_LANGUAGE_EN);

  /* A condition on a field Redress does not know is refused, naming it. */
  g_assert_false (rd_letter_template_validate ("{if representative.nam}\nDear "
                                               "{recipient.name}, {complainant.name}\n{end}\n",
                                               RD_LETTER_CONSENT_REQUEST, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_UNKNOWN_FIELD);
  g_assert_nonnull (strstr (error->message, "{representative.nam}"));
  g_clear_error (&error);

  /* A field a letter must give does not count when only tested. */
  g_assert_false (
      rd_letter_template_validate ("Dear {recipient.name},\n{if complainant.name}\nHello.\n{end}\n",
                                   RD_LETTER_CONSENT_REQUEST, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "{complainant.name}"));
  g_clear_error (&error);

  /* A field only in the part left out needs no value: the letter is made. */
  rd_letter_set_field (letter, "council.name", "Llanfair Town Council");
  rd_letter_set_field (letter, "council.address", "Town Hall");
  rd_letter_set_field (letter, "clerk.name", "Alex Morgan");
  rd_letter_set_field (letter, "clerk.role", "Town Clerk");
  rd_letter_set_field (letter, "recipient.name", "Siôn Ŵyn Llŷr");
  rd_letter_set_field (letter, "case.ref", "DPC-2026-0042");
  rd_letter_set_field (letter, "letter.date", "Monday 4 May 2026");
  rd_letter_set_field (letter, "complainant.name", "Siôn Ŵyn Llŷr");
  g_assert_true (rd_letter_set_template (letter,
                                         "Dear {recipient.name},\n"
                                         "{if representative.name}\n"
                                         "You wrote for {complainant.name}: {refusal.reasons}.\n"
                                         "{else}\n"
                                         "You wrote to us.\n"
                                         "{end}\n"
                                         "Please send the consent of {complainant.name}.\n",
                                         &error));
  g_assert_no_error (error);
  g_assert_true (rd_letter_compose (letter, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rd_letter_get_body (letter), ==,
                   "Dear Siôn Ŵyn Llŷr,\nYou wrote to us.\nPlease send the consent of Siôn Ŵyn "
                   "Llŷr.");

  /* In the part kept, it is needed as ever. */
  rd_letter_set_field (letter, "representative.name", "Gareth Price");
  g_assert_false (rd_letter_compose (letter, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE);
  g_assert_nonnull (strstr (error->message, "{refusal.reasons}"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint lang = 0; lang < RD_LETTER_N_LANGUAGES; lang++)
    for (guint type = 0; type < RD_LETTER_N_TYPES; type++)
      {
        g_autofree char *path = g_strdup_printf ("/letter/type/%s/%s",
                                                 rd_letter_language_to_string (lang),
                                                 rd_letter_type_to_string (type));

        g_test_add_data_func (path, GUINT_TO_POINTER (lang * RD_LETTER_N_TYPES + type),
                              test_every_type);
      }
  g_test_add_func ("/letter/long-body-paginates", test_long_body_paginates);
  g_test_add_func ("/letter/blocks-kept-together", test_blocks_kept_together);
  g_test_add_func ("/letter/eight-line-address-fits", test_eight_line_address_fits);
  g_test_add_func ("/letter/long-name-and-address-wrap", test_long_name_and_address_wrap);
  g_test_add_func ("/letter/large-print", test_large_print);
  g_test_add_func ("/letter/scripts", test_scripts);
  g_test_add_func ("/letter/envelope-offset", test_envelope_offset);
  g_test_add_func ("/letter/logo", test_logo);
  g_test_add_func ("/letter/save-is-atomic", test_save_is_atomic);
  g_test_add_func ("/letter/format-date", test_format_date);
  g_test_add_func ("/letter/calibration-sheet", test_calibration_sheet);
  g_test_add_func ("/letter/template-conditional", test_template_conditional);
  g_test_add_func ("/letter/template-conditional-errors", test_template_conditional_errors);
  g_test_add_func ("/letter/template-conditional-checked", test_template_conditional_checked);

  return g_test_run ();
}
