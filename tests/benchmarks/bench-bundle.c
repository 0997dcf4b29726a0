/* bench-bundle.c: how long the ICO bundle takes beside pdfunite, and how
 * much memory it needs as the page count grows.
 *
 *   bench-bundle [--files N] [--pages P] [--runs R] [--fallback]
 *
 * Makes N PDFs of P pages of real text (Cairo and Pango, as a council's
 * letters are), then R times: builds the bundle in a child process (which
 * reports its time and peak memory) and runs `pdfunite` on the same files.
 * With --fallback the bundle renders every page through Poppler, as it does
 * when the copier refuses a PDF or fails (a stand-in copier refuses all).
 * Figures go in docs/performance.md, section "ICO bundle".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef G_OS_UNIX
#include <sys/resource.h>
#endif

#include "rd-bundle-private.h"
#include "rd-bundle.h"

#include "bench-util.h"

static const char paragraph[] =
    "Thank you for your complaint about the way the council handled your request for the "
    "footage from the camera at the market car park. We have looked again at what was done, "
    "who was asked, and when; this letter sets out what we found, what we will change and "
    "what you can do if you are not satisfied with this answer. ";

static void
make_pdf (const char *path, int file, int n_pages)
{
  cairo_surface_t      *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t              *cr = cairo_create (surface);
  PangoLayout          *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Serif 11");
  GString              *text = g_string_new (NULL);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, 475 * PANGO_SCALE);
  for (int page = 1; page <= n_pages; page++)
    {
      g_string_printf (text, "Document %d, page %d of %d\n\n", file, page, n_pages);
      for (int i = 0; i < 8; i++)
        g_string_append_printf (text, "%d. %s\n\n", i + 1, paragraph);
      pango_layout_set_text (layout, text->str, -1);
      cairo_move_to (cr, 60, 60);
      pango_cairo_show_layout (cr, layout);
      cairo_show_page (cr);
    }
  g_string_free (text, TRUE);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static long
peak_rss_kib (void)
{
#ifdef G_OS_UNIX
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    return usage.ru_maxrss;
#endif
  return -1;
}

/* CPU seconds (user + system) of this process, or of its waited-for children. */
static double
cpu_seconds (gboolean children)
{
#ifdef G_OS_UNIX
  struct rusage usage;

  if (getrusage (children ? RUSAGE_CHILDREN : RUSAGE_SELF, &usage) == 0)
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
#endif
  return 0;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static RdPdfSource *
refuse_cb (GBytes *bytes, GError **error)
{
  g_set_error_literal (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_UNSUPPORTED, "the fallback");
  return NULL;
}

/* The child: builds the bundle of every PDF in @dir into @out. */
static int
build_only (const char *dir, const char *out, gboolean fallback)
{
  static const RdBundleCopier refuse_all = {
    refuse_cb,        rd_pdf_source_free, rd_pdf_source_get_n_pages, rd_pdf_source_get_page_size,
    rd_pdf_merge_new, rd_pdf_merge_place, rd_pdf_merge_finish,       rd_pdf_merge_free,
  };
  g_autoptr(RdBundleSpec) spec = rd_bundle_spec_new ();
  g_autoptr(GFile) output = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir       *listing = g_dir_open (dir, 0, NULL);
  const char *name;
  gint64      start;
  guint       n_pages = 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".pdf"))
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (listing);
  g_ptr_array_sort (names, compare_names);

  rd_bundle_spec_set_cover (spec, "Benchmark Council", "BENCH-0001", "IC-000000", NULL,
                            "Benchmark");
  for (guint i = 0; i < names->len; i++)
    {
      const char      *file_name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, file_name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      guint index = rd_bundle_spec_add_document (spec, i % 3, file_name, file_name,
                                                 "application/pdf");

      rd_bundle_spec_set_document_file (spec, index, file);
      rd_bundle_spec_add_chronology (spec, NULL, "Letter sent", "Clerk", (int) index, NULL);
    }

  if (fallback)
    _rd_bundle_set_copier_for_testing (&refuse_all);
  start = g_get_monotonic_time ();
  if (!rd_bundle_write (spec, output, NULL, NULL, &n_pages, NULL, NULL, &error))
    {
      g_printerr ("bench-bundle: %s\n", error->message);
      return 1;
    }
  g_print ("%.3f %ld %u\n", (g_get_monotonic_time () - start) / 1e6, peak_rss_kib (), n_pages);
  return 0;
}

static cairo_status_t
discard_cb (void *closure, const unsigned char *data, unsigned int length)
{
  return CAIRO_STATUS_SUCCESS;
}

/*
 * The child: only what the bundle cannot do without, every page of every
 * PDF through poppler_page_render_for_printing() onto one Cairo PDF
 * surface. The floor for building a bundle this way.
 */
static int
render_only (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (discard_cb, NULL, 595, 842);
  cairo_t         *cr = cairo_create (surface);
  GDir            *listing = g_dir_open (dir, 0, NULL);
  const char      *name;
  gint64           start = g_get_monotonic_time ();
  guint            n_pages = 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".pdf"))
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  g_dir_close (listing);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (names, i));
      PopplerDocument *document = poppler_document_new_from_gfile (file, NULL, NULL, NULL);

      for (int p = 0; p < poppler_document_get_n_pages (document); p++)
        {
          PopplerPage *page = poppler_document_get_page (document, p);

          /* The white paint the bundle starts each page with, which makes Cairo 1.16 much faster. */
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_paint (cr);
          poppler_page_render_for_printing (page, cr);
          cairo_show_page (cr);
          g_object_unref (page);
          n_pages++;
        }
      g_object_unref (document);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  g_print ("%.3f %ld %u\n", (g_get_monotonic_time () - start) / 1e6, peak_rss_kib (), n_pages);
  return 0;
}

static gboolean
run_child (char **child_argv, char **out)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, child_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, NULL, &status,
                     &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-bundle: %s: %s\n", child_argv[0], error->message);
      return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  int                n_files = 50, n_pages = 10, n_runs = 5;
  gboolean           fallback = FALSE;
  char              *build_dir = NULL, *build_out = NULL, *generate_dir = NULL, *render_dir = NULL;
  const GOptionEntry entries[] = {
    { "files", 0, 0, G_OPTION_ARG_INT, &n_files, "Number of PDFs (50)", "N" },
    { "pages", 0, 0, G_OPTION_ARG_INT, &n_pages, "Pages in each PDF (10)", "P" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs of each (5)", "R" },
    { "fallback", 0, 0, G_OPTION_ARG_NONE, &fallback,
      "Render every page through Poppler, as when copying is refused", NULL },
    { "build-only", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &build_dir, NULL, NULL },
    { "output", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &build_out, NULL, NULL },
    { "render-only", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &render_dir, NULL, NULL },
    { "generate-only", 0, 0, G_OPTION_ARG_FILENAME, &generate_dir, "Only make the PDFs, in DIR",
      "DIR" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *united = NULL;
  g_autoptr(GPtrArray) unite_argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *ours = NULL;
  g_autofree double *theirs = NULL;
  g_autofree double *floor = NULL;
  g_autofree double *ours_cpu = NULL;
  g_autofree double *theirs_cpu = NULL;
  g_autofree double *floor_cpu = NULL;
  long               floor_rss = 0;
  long               rss = 0;
  guint              bundle_pages = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-bundle: %s\n", error->message);
      return 2;
    }
  if (build_dir != NULL && build_out != NULL)
    return build_only (build_dir, build_out, fallback);
  if (render_dir != NULL)
    return render_only (render_dir);
  if (generate_dir != NULL)
    {
      for (int i = 0; i < n_files; i++)
        {
          g_autofree char *name = g_strdup_printf ("doc-%04d.pdf", i);
          g_autofree char *path = g_build_filename (generate_dir, name, NULL);

          make_pdf (path, i + 1, n_pages);
        }
      return 0;
    }

  dir = g_dir_make_tmp ("bench-bundle-XXXXXX", &error);
  g_assert_no_error (error);
  g_ptr_array_add (unite_argv, g_strdup ("pdfunite"));
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("doc-%04d.pdf", i);
      char            *path = g_build_filename (dir, name, NULL);

      make_pdf (path, i + 1, n_pages);
      g_ptr_array_add (unite_argv, path);
    }
  out = g_build_filename (g_get_tmp_dir (), "bench-bundle-out.pdf", NULL);
  united = g_build_filename (g_get_tmp_dir (), "bench-bundle-united.pdf", NULL);
  g_ptr_array_add (unite_argv, g_strdup (united));
  g_ptr_array_add (unite_argv, NULL);

  /* Wall time and CPU time (user + system) of each: on a shared machine the
   * CPU time is the steadier figure. */
  ours = g_new0 (double, n_runs);
  theirs = g_new0 (double, n_runs);
  floor = g_new0 (double, n_runs);
  ours_cpu = g_new0 (double, n_runs);
  theirs_cpu = g_new0 (double, n_runs);
  floor_cpu = g_new0 (double, n_runs);
  for (int run = 0; run < n_runs; run++)
    {
      g_autofree char *child_out = NULL;
      g_autofree char *floor_out = NULL;
      const char      *child_argv[] = {
             argv[0], "--build-only", dir, "--output", out, fallback ? "--fallback" : NULL, NULL
      };
      const char *floor_argv[] = { argv[0], "--render-only", dir, NULL };
      guint       floor_pages;
      double      cpu;

      cpu = cpu_seconds (TRUE);
      if (!run_child ((char **) child_argv, &child_out))
        return 1;
      ours_cpu[run] = cpu_seconds (TRUE) - cpu;
      if (sscanf (child_out, "%lf %ld %u", &ours[run], &rss, &bundle_pages) != 3)
        return 1;

      cpu = cpu_seconds (TRUE);
      if (!run_child ((char **) floor_argv, &floor_out))
        return 1;
      floor_cpu[run] = cpu_seconds (TRUE) - cpu;
      if (sscanf (floor_out, "%lf %ld %u", &floor[run], &floor_rss, &floor_pages) != 3)
        return 1;

      cpu = cpu_seconds (TRUE);
      {
        gint64 start = g_get_monotonic_time ();

        if (!run_child ((char **) unite_argv->pdata, NULL))
          return 1;
        theirs[run] = (g_get_monotonic_time () - start) / 1e6;
      }
      theirs_cpu[run] = cpu_seconds (TRUE) - cpu;
      g_print (
          "run %d: bundle %.3f s (CPU %.3f s, peak RSS %ld KiB); render only %.3f s (CPU %.3f s, "
          "peak RSS %ld KiB); pdfunite %.3f s (CPU %.3f s)\n",
          run + 1, ours[run], ours_cpu[run], rss, floor[run], floor_cpu[run], floor_rss,
          theirs[run], theirs_cpu[run]);
    }

  qsort (ours, n_runs, sizeof (double), rd_bench_compare_doubles);
  qsort (theirs, n_runs, sizeof (double), rd_bench_compare_doubles);
  qsort (floor, n_runs, sizeof (double), rd_bench_compare_doubles);
  qsort (ours_cpu, n_runs, sizeof (double), rd_bench_compare_doubles);
  qsort (theirs_cpu, n_runs, sizeof (double), rd_bench_compare_doubles);
  qsort (floor_cpu, n_runs, sizeof (double), rd_bench_compare_doubles);
  g_print ("%d files × %d pages = %d pages attached, bundle of %u pages\n", n_files, n_pages,
           n_files * n_pages, bundle_pages);
  g_print ("wall, median: bundle %.3f s, render only %.3f s, pdfunite %.3f s\n", ours[n_runs / 2],
           floor[n_runs / 2], theirs[n_runs / 2]);
  g_print ("CPU, best: bundle %.3f s, render only %.3f s, pdfunite %.3f s; bundle / pdfunite %.1f, "
           "bundle / render only %.2f\n",
           ours_cpu[0], floor_cpu[0], theirs_cpu[0], ours_cpu[0] / theirs_cpu[0],
           ours_cpu[0] / floor_cpu[0]);
  g_print ("peak RSS of the bundle build %ld KiB\n", rss);

  for (guint i = 1; i + 2 < unite_argv->len; i++)
    g_remove (g_ptr_array_index (unite_argv, i));
  g_remove (out);
  g_remove (united);
  g_rmdir (dir);
  g_free (build_dir);
  g_free (build_out);
  return 0;
}
