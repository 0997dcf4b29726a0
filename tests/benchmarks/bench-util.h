/* bench-util.h: what the benchmarks measure alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdlib.h>
#include <string.h>

G_BEGIN_DECLS

/* The process's peak resident memory (VmHWM, /proc/self/status) in KiB;
 * -1 where there is no such file (not Linux). */
static inline long
rd_bench_peak_kib (void)
{
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return strtol (line + strlen ("VmHWM:"), NULL, 10);
}

/* Saves the process's mappings (/proc/self/smaps) to @path, for grouping
 * its memory by library (Linux only). */
static inline void
rd_bench_save_smaps (const char *path)
{
  g_autofree char *smaps = NULL;
  gsize            length = 0;

  if (g_file_get_contents ("/proc/self/smaps", &smaps, &length, NULL))
    g_file_set_contents (path, smaps, (gssize) length, NULL);
}

/* For qsort() and g_array_sort() of doubles, smallest first. */
static inline int
rd_bench_compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

G_END_DECLS
