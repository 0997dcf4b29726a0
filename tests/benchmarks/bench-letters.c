/* bench-letters.c: letters per second to PDF, beside LibreOffice.
 *
 * bench-letters [N] [--no-libreoffice]
 *
 * Makes N letters (default 200) of each of three shapes, each from scratch
 * (template parsed, fields set, laid out, PDF written into memory), and
 * prints the time per letter. Then, if LibreOffice is installed, converts
 * the same letter as plain text with `soffice --headless --convert-to pdf`
 * (a fresh process each time, as a clerk's script would run it) and prints
 * that beside it. docs/performance.md has the figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "rd-letter.h"

static const char *const fields[][2] = {
  { "council.name", "Llanfair Town Council" },
  { "council.address", "Town Hall\nHigh Street\nLlanfair\nLL1 1AA" },
  { "council.contact", "Telephone: 01234 567890\nE-mail: clerk@llanfair.example" },
  { "clerk.name", "Alex Morgan" },
  { "clerk.role", "Town Clerk" },
  { "recipient.name", "Siôn Ŵyn Llŷr" },
  { "recipient.address", "Flat 2\n14 Heol y Frenhines\nLlandeilo\nSA19 6AA" },
  { "case.ref", "DPC-2026-0042" },
  { "case.received", "Friday 1 May 2026" },
  { "case.summary", "a copy of CCTV footage" },
  { "complainant.name", "Siôn Ŵyn Llŷr" },
  { "subject.personal_data", "your personal data" },
  { "deadline.respond", "Monday 1 June 2026" },
  { "deadline.review_request", "Wednesday 1 July 2026" },
  { "outcome.result", "We have upheld part of your complaint." },
  { "outcome.details", "We should have answered your request for the footage sooner. We have "
                       "now sent it to you, and we have changed how we log requests." },
  { "refusal.factors", "• you keep repeating the substance of earlier complaints" },
  { "refusal.reasons", "You have made the same complaint four times this year." },
};

static RdLetter *
make_letter (RdLetterType type, gboolean large_print, guint extra_lines)
{
  RdLetter *letter = rd_letter_new (type, RD_LETTER_LANGUAGE_EN);
  GDate     date;

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    rd_letter_set_field (letter, fields[i][0], fields[i][1]);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 4, G_DATE_MAY, 2026);
  rd_letter_set_date (letter, &date);
  rd_letter_set_large_print (letter, large_print);
  if (!rd_letter_compose (letter, NULL))
    g_error ("the benchmark letter could not be composed");
  if (extra_lines > 0)
    {
      GString *body = g_string_new (rd_letter_get_body (letter));

      for (guint i = 0; i < extra_lines; i++)
        g_string_append_printf (body, "\nThis is line %u of what we found, told in full.", i + 1);
      rd_letter_set_body (letter, body->str);
      g_string_free (body, TRUE);
    }
  return letter;
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
bench (const char *label, RdLetterType type, gboolean large_print, guint extra_lines, guint n)
{
  g_autofree double *times = g_new (double, n);
  double             total = 0;
  guint              n_pages = 0;
  gsize              size = 0;

  for (guint i = 0; i < n; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(RdLetter) letter = make_letter (type, large_print, extra_lines);
      g_autoptr(GBytes) pdf = rd_letter_to_pdf (letter, NULL);

      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      total += times[i];
      n_pages = rd_letter_get_n_pages (letter);
      size = g_bytes_get_size (pdf);
    }
  qsort (times, n, sizeof (double), compare_double);
  printf ("%-34s %2u page(s) %6zu bytes  mean %6.2f ms  median %6.2f ms  p95 %6.2f ms  "
          "%6.0f letters/s\n",
          label, n_pages, size, total / n, times[n / 2], times[(n * 95) / 100], 1000.0 * n / total);
}

static char *
letter_as_text (void)
{
  g_autoptr(RdLetter) letter = make_letter (RD_LETTER_OUTCOME, FALSE, 0);
  GString *text = g_string_new (NULL);

  for (gsize i = 0; i < 3; i++)
    g_string_append_printf (text, "%s\n", fields[i][1]);
  g_string_append_printf (text, "\n%s\n%s\n\n%s\n%s\n\n%s\n\n%s\n\nYours sincerely,\n\n%s\n%s\n",
                          rd_letter_get_field (letter, "recipient.name"),
                          rd_letter_get_field (letter, "recipient.address"),
                          rd_letter_get_field (letter, "letter.date"),
                          rd_letter_get_field (letter, "case.ref"), rd_letter_get_subject (letter),
                          rd_letter_get_body (letter), rd_letter_get_field (letter, "clerk.name"),
                          rd_letter_get_field (letter, "clerk.role"));
  return g_string_free (text, FALSE);
}

static void
bench_libreoffice (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *dir = NULL;
  g_autofree char *text_path = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *text = letter_as_text ();

  if (soffice == NULL)
    soffice = g_find_program_in_path ("libreoffice");
  if (soffice == NULL)
    {
      printf ("LibreOffice: not installed, not measured\n");
      return;
    }

  dir = g_dir_make_tmp ("bench-letters-XXXXXX", NULL);
  text_path = g_build_filename (dir, "letter.txt", NULL);
  g_file_set_contents (text_path, text, -1, NULL);
  profile = g_strdup_printf ("-env:UserInstallation=file://%s/profile", dir);

  for (int run = 0; run < 4; run++)
    {
      const char *argv[] = { soffice, profile,   "--headless", "--convert-to", "pdf", "--outdir",
                             dir,     text_path, NULL };
      gint64      start = g_get_monotonic_time ();
      int         status = 0;

      if (!g_spawn_sync (NULL, (char **) argv, NULL,
                         G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                         NULL, &status, NULL) ||
          status != 0)
        {
          printf ("LibreOffice: the conversion failed\n");
          return;
        }
      printf ("LibreOffice --convert-to pdf (%s) %8.0f ms\n",
              run == 0 ? "first run, new profile" : "profile in place     ",
              (g_get_monotonic_time () - start) / 1000.0);
    }
  /* The temporary folder holds the text, the PDF and a LibreOffice profile:
   * left for a look, under the system's temporary directory. */
  printf ("(LibreOffice's files are in %s)\n", dir);
}

int
main (int argc, char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 200;

  if (n == 0)
    n = 1;

  /* The first letter pays for loading fonts: not what a clerk waits for
   * with the app open, so it is reported on its own. */
  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(RdLetter) letter = make_letter (RD_LETTER_OUTCOME, FALSE, 0);
    g_autoptr(GBytes) pdf = rd_letter_to_pdf (letter, NULL);

    printf ("First letter (fonts loaded)       %.1f ms\n",
            (g_get_monotonic_time () - start) / 1000.0);
  }

  bench ("Outcome, one page", RD_LETTER_OUTCOME, FALSE, 0, n);
  bench ("Refusal, large print", RD_LETTER_REFUSAL, TRUE, 0, n);
  bench ("Outcome with 120 more lines", RD_LETTER_OUTCOME, FALSE, 120, n);
  if (argc < 3 || g_strcmp0 (argv[2], "--no-libreoffice") != 0)
    bench_libreoffice ();
  return 0;
}
