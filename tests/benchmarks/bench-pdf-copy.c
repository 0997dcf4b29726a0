/* bench-pdf-copy.c: the PDF page copier alone, beside pdfunite.
 *
 * Copies every page of every PDF in DIR (make them with `bench-bundle
 * --generate-only DIR`) into a skeleton of as many blank A4 pages (made
 * first, not timed), at 90 % of their size, and runs `pdfunite` on the same
 * files. Prints the CPU time (user + system) and wall time of each, best of
 * the runs, and the peak resident memory while copying (Linux).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "rd-pdf-copy.h"

#include "bench-util.h"

static double
cpu_seconds (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return (double) usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         (double) usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void
make_skeleton (const char *path, guint n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t         *cr = cairo_create (surface);

  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *stamp = g_strdup_printf ("page %u of %u", i + 1, n_pages);

      cairo_move_to (cr, 250, 830);
      cairo_show_text (cr, stamp);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static guint
copy_all (GPtrArray *files, const char *skeleton_path, const char *out_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) skeleton = g_file_new_for_path (skeleton_path);
  g_autoptr (GFile) out_file = g_file_new_for_path (out_path);
  g_autoptr (GFileOutputStream) out = NULL;
  g_autoptr (RdPdfMerge) merge = NULL;
  guint target = 0;

  out = g_file_replace (out_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  merge = rd_pdf_merge_new (skeleton, G_OUTPUT_STREAM (out), &error);
  g_assert_no_error (error);
  for (guint f = 0; f < files->len; f++)
    {
      g_autoptr (GMappedFile) mapped = g_mapped_file_new (files->pdata[f], FALSE, &error);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (RdPdfSource) source = NULL;

      g_assert_no_error (error);
      bytes = g_mapped_file_get_bytes (mapped);
      source = rd_pdf_source_new (bytes, &error);
      g_assert_no_error (error);
      for (guint p = 0; p < rd_pdf_source_get_n_pages (source); p++)
        {
          double w, h;

          rd_pdf_source_get_page_size (source, p, &w, &h);
          rd_pdf_merge_place (merge, target++, source, p, 30, 30, w * 0.9, h * 0.9, NULL, &error);
          g_assert_no_error (error);
        }
    }
  rd_pdf_merge_finish (merge, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error);
  g_assert_no_error (error);
  return target;
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  int              runs = 5;
  GOptionEntry     entries[] = {
        { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Folder of PDFs to copy", "DIR" },
        { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each (5)", "R" },
        { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) folder = NULL;
  g_autofree char *tmp = NULL, *skeleton = NULL, *out = NULL, *united = NULL;
  const char      *name;
  double           best_copy = G_MAXDOUBLE, best_copy_wall = G_MAXDOUBLE;
  double           best_unite = G_MAXDOUBLE, best_unite_wall = G_MAXDOUBLE;
  guint            n_pages = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || dir == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--dir is needed");
      return 1;
    }
  folder = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".pdf"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);

  tmp = g_dir_make_tmp ("bench-pdf-copy-XXXXXX", &error);
  g_assert_no_error (error);
  skeleton = g_build_filename (tmp, "skeleton.pdf", NULL);
  out = g_build_filename (tmp, "copied.pdf", NULL);
  united = g_build_filename (tmp, "united.pdf", NULL);
  /* The skeleton has a page for each page copied. */
  for (guint f = 0; f < files->len; f++)
    {
      g_autoptr (GMappedFile) mapped = g_mapped_file_new (files->pdata[f], FALSE, &error);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (RdPdfSource) source = NULL;

      g_assert_no_error (error);
      bytes = g_mapped_file_get_bytes (mapped);
      source = rd_pdf_source_new (bytes, &error);
      g_assert_no_error (error);
      n_pages += rd_pdf_source_get_n_pages (source);
    }
  make_skeleton (skeleton, n_pages);
  /* Linux: the peak resident memory from here on, without Cairo's. */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);

  for (int run = 0; run < runs; run++)
    {
      double cpu = cpu_seconds (RUSAGE_SELF);
      gint64 wall = g_get_monotonic_time ();
      g_autoptr (GPtrArray) argv_unite = g_ptr_array_new ();
      int status = 0;

      copy_all (files, skeleton, out);
      best_copy = MIN (best_copy, cpu_seconds (RUSAGE_SELF) - cpu);
      best_copy_wall = MIN (best_copy_wall, (g_get_monotonic_time () - wall) / 1e6);

      g_ptr_array_add (argv_unite, "pdfunite");
      for (guint f = 0; f < files->len; f++)
        g_ptr_array_add (argv_unite, files->pdata[f]);
      g_ptr_array_add (argv_unite, united);
      g_ptr_array_add (argv_unite, NULL);
      cpu = cpu_seconds (RUSAGE_CHILDREN);
      wall = g_get_monotonic_time ();
      if (!g_spawn_sync (NULL, (char **) argv_unite->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                         NULL, NULL, &status, &error))
        {
          g_printerr ("pdfunite: %s\n", error->message);
          g_clear_error (&error);
        }
      best_unite = MIN (best_unite, cpu_seconds (RUSAGE_CHILDREN) - cpu);
      best_unite_wall = MIN (best_unite_wall, (g_get_monotonic_time () - wall) / 1e6);
    }
  printf ("%u pages from %u files\n", n_pages, files->len);
  printf ("copier:   %.3f s CPU, %.3f s wall (best of %d)\n", best_copy, best_copy_wall, runs);
  printf ("pdfunite: %.3f s CPU, %.3f s wall (best of %d)\n", best_unite, best_unite_wall, runs);
  printf ("copier / pdfunite (CPU): %.2f\n", best_copy / best_unite);
  printf ("peak RSS while copying: %.1f MiB\n", rd_bench_peak_kib () / 1024.0);
  g_unlink (skeleton);
  g_unlink (out);
  g_unlink (united);
  g_rmdir (tmp);
  return 0;
}
