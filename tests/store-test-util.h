/* store-test-util.h: temporary stores for the model and CLI tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "rd-model.h"

G_BEGIN_DECLS

/* Removes a directory tree made by a test. */
static inline void
rd_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rd_test_rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/*
 * Copies the executable @program into @dir (mode 0755) and returns the copy's
 * path. For helpers run as another user ("nobody"): the build folder may sit
 * under a folder only its owner may enter (a fresh clone under a 0700 folder),
 * where "nobody" could not execute the original.
 */
static inline char *
rd_test_copy_executable (const char *program, const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (program);
  g_autofree char *contents = NULL;
  char            *copy = g_build_filename (dir, base, NULL);
  gsize            length = 0;

  g_assert_true (g_file_get_contents (program, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (copy, 0755), ==, 0);
  return copy;
}

/* Whether @needle occurs in the first @length bytes of @haystack. */
static inline gboolean
rd_test_contains (const char *haystack, gsize length, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static inline GDate *
rd_test_date (const char *iso)
{
  static GDate dates[16];
  static guint next;
  GDate       *date = &dates[next++ % G_N_ELEMENTS (dates)];

  g_assert_true (rd_date_parse_iso (iso, date, NULL));
  return date;
}

static inline char *
rd_test_iso (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;
  return rd_date_to_iso (date);
}

#define rd_assert_date(date, iso)                  \
  G_STMT_START                                     \
  {                                                \
    g_autofree char *_rd_got = rd_test_iso (date); \
    g_assert_cmpstr (_rd_got, ==, iso);            \
  }                                                \
  G_STMT_END

G_END_DECLS
