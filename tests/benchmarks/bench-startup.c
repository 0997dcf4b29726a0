/* bench-startup.c: how fast the main window shows a big store.
 *
 * Usage: bench-startup --store FILE [--runs N] [--smaps OUT]
 *
 * Make the store with `redress-cli --store FILE demo --cases 100000`. Each
 * run starts a fresh process (this program re-executes itself) that
 * creates the application, opens the store in a window and stops at the
 * end of the first frame drawn (GdkFrameClock::after-paint). It reports
 * the milliseconds from the start of main() to that moment, and the
 * process's peak resident memory (VmHWM). Needs a display (xvfb-run -a).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rd-application.h"

#include "bench-util.h"

static gint64 start_us;
static gint64 first_frame_us;
static double first_frame_cpu_ms;
static char  *smaps_path;
static char  *store_path;

static void
after_paint_cb (GdkFrameClock *frame_clock, gpointer user_data)
{
  GApplication *app = G_APPLICATION (user_data);

  if (first_frame_us != 0)
    return;

  first_frame_us = g_get_monotonic_time ();
  rd_application_trace ("first frame drawn");
  first_frame_cpu_ms = (double) clock () * 1000.0 / CLOCKS_PER_SEC;
  if (smaps_path != NULL)
    rd_bench_save_smaps (smaps_path);
  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, user_data);
  g_application_quit (app);
}

static void
realize_cb (GtkWidget *widget, gpointer user_data)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), user_data);
}

static void
window_added_cb (GtkApplication *app, GtkWindow *window, gpointer user_data)
{
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    realize_cb (GTK_WIDGET (window), app);
  else
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), app);
}

static int
run_once (void)
{
  g_autoptr(RdApplication) app = NULL;
  char *argv[] = { (char *) "bench-startup", (char *) "--store", store_path, NULL };

  /* The same path as `redress --store FILE`: the application opens the
   * store and its window; this only watches for the first frame. */
  start_us = g_get_monotonic_time ();
  app = rd_application_new ("io.github.redress.Redress.BenchStartup",
                            G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_application_run (G_APPLICATION (app), 3, argv);

  printf ("%.1f %ld %.1f\n", (first_frame_us - start_us) / 1000.0, rd_bench_peak_kib (),
          first_frame_cpu_ms);
  return first_frame_us != 0 ? 0 : 1;
}

int
main (int argc, char *argv[])
{
  int      runs = 5;
  gboolean child = FALSE;
  g_autoptr(GOptionContext) options = g_option_context_new ("— time the main window's start-up");
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, "A store made with redress-cli demo",
      "FILE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "How many processes to time (default 5)", "N" },
    { "smaps", 0, 0, G_OPTION_ARG_FILENAME, &smaps_path,
      "Save /proc/self/smaps at the first frame (of the last run) in OUT", "OUT" },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &child, NULL, NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  long peak_max = 0;

  /* Never touch the user's saved settings (window size, last store). */
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || store_path == NULL)
    {
      g_printerr ("usage: bench-startup --store FILE [--runs N] [--smaps OUT]\n");
      return 2;
    }

  if (child)
    return run_once ();

  for (int i = 0; i < runs; i++)
    {
      g_autofree char *out = NULL;
      const char      *child_argv[] = { argv[0],   "--child",  "--store", store_path,
                                        "--smaps", smaps_path, NULL };
      int              status = 0;
      double           t;
      double           cpu;
      long             kib;

      if (smaps_path == NULL)
        child_argv[4] = NULL;
      if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                         &status, &error) ||
          !g_spawn_check_wait_status (status, &error) ||
          sscanf (out, "%lf %ld %lf", &t, &kib, &cpu) != 3)
        {
          g_printerr ("bench-startup: run %d failed: %s\n", i + 1,
                      error != NULL ? error->message : "no figures");
          return 1;
        }
      printf ("run %d: first frame %.1f ms (CPU %.1f ms), peak memory %.1f MB\n", i + 1, t, cpu,
              kib / 1024.0);
      g_array_append_val (ms, t);
      g_array_append_val (cpus, cpu);
      peak_max = MAX (peak_max, kib);
    }

  g_array_sort (ms, rd_bench_compare_doubles);
  g_array_sort (cpus, rd_bench_compare_doubles);
  printf ("median of %d runs: first frame %.1f ms (CPU %.1f ms); highest peak memory %.1f MB\n",
          runs, g_array_index (ms, double, ms->len / 2),
          g_array_index (cpus, double, cpus->len / 2), peak_max / 1024.0);
  return 0;
}
