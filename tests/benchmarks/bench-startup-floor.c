/* bench-startup-floor.c: the least any GTK 4 window costs to show.
 *
 * Usage: bench-startup-floor [--runs N] [--smaps OUT]
 *
 * The floor under bench-startup: a GtkApplication with one empty
 * GtkApplicationWindow of Redress's default size (1100 × 720) and nothing
 * else, measured the same way. Each run starts a fresh process (this
 * program re-executes itself) that stops at the end of the first frame
 * drawn (GdkFrameClock::after-paint). It reports the milliseconds from
 * just before the application is made to that moment, the process's CPU
 * time by then, and its peak resident memory (VmHWM). What bench-startup
 * measures above these figures is what Redress adds. Needs a display
 * (xvfb-run -a); the renderer is GTK's choice unless $GSK_RENDERER says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-util.h"

static gint64 start_us;
static gint64 first_frame_us;
static double first_frame_cpu_ms;
static char  *smaps_path;

/* With $REDRESS_TRACE_STARTUP, the same steps as `redress` prints (its
 * times count from the application being made, as here). */
static void
trace (const char *what)
{
  if (g_getenv ("REDRESS_TRACE_STARTUP") != NULL)
    g_printerr ("redress-startup: %7.1f ms %s\n", (g_get_monotonic_time () - start_us) / 1000.0,
                what);
}

static void
after_paint_cb (GdkFrameClock *frame_clock, gpointer user_data)
{
  GApplication *app = G_APPLICATION (user_data);

  if (first_frame_us != 0)
    return;

  first_frame_us = g_get_monotonic_time ();
  first_frame_cpu_ms = (double) clock () * 1000.0 / CLOCKS_PER_SEC;
  trace ("first frame drawn");
  if (smaps_path != NULL)
    rd_bench_save_smaps (smaps_path);
  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, user_data);
  g_application_quit (app);
}

static void
realize_cb (GtkWidget *widget, gpointer user_data)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (widget);

  trace ("window: realized");

  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), user_data);
}

static void
activate_cb (GApplication *app, gpointer user_data)
{
  GtkWidget *window;

  trace ("GTK started");
  window = gtk_application_window_new (GTK_APPLICATION (app));

  /* rd-window.ui's default size. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), app);
  gtk_window_present (GTK_WINDOW (window));
  trace ("window: presented");
}

static int
run_once (void)
{
  g_autoptr(GtkApplication) app = NULL;
  char *argv[] = { (char *) "bench-startup-floor", NULL };

  /* As bench-startup: from just before the application is made. */
  start_us = g_get_monotonic_time ();
  trace ("application made");
  app = gtk_application_new ("io.github.redress.Redress.BenchStartupFloor",
                             G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_application_run (G_APPLICATION (app), 1, argv);

  printf ("%.1f %ld %.1f\n", (first_frame_us - start_us) / 1000.0, rd_bench_peak_kib (),
          first_frame_cpu_ms);
  return first_frame_us != 0 ? 0 : 1;
}

int
main (int argc, char *argv[])
{
  int      runs = 5;
  gboolean child = FALSE;
  g_autoptr(GOptionContext)
                 options = g_option_context_new ("— time an empty GTK window's start-up");
  GOptionEntry entries[] = {
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

  /* The same environment as bench-startup. */
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || runs < 1)
    {
      g_printerr ("usage: bench-startup-floor [--runs N] [--smaps OUT]\n");
      return 2;
    }

  if (child)
    return run_once ();

  for (int i = 0; i < runs; i++)
    {
      g_autofree char *out = NULL;
      const char      *child_argv[] = { argv[0], "--child", "--smaps", smaps_path, NULL };
      int              status = 0;
      double           t;
      double           cpu;
      long             kib;

      if (smaps_path == NULL)
        child_argv[2] = NULL;
      if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                         &status, &error) ||
          !g_spawn_check_wait_status (status, &error) ||
          sscanf (out, "%lf %ld %lf", &t, &kib, &cpu) != 3)
        {
          g_printerr ("bench-startup-floor: run %d failed: %s\n", i + 1,
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
