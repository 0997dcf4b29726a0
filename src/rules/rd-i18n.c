/* rd-i18n.c: gettext set-up shared by the app and redress-cli.
 *
 * It lives in the lowest layer because every layer has translatable
 * messages; it touches no file itself, it only tells gettext where the
 * catalogues are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-rules"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rd-i18n.h"

/*
 * The folder holding the message catalogues. On Windows the installation
 * can be anywhere, so it is found relative to the running executable
 * (…/bin/redress.exe → …/share/locale); elsewhere it is the configured one.
 */
const char *
rd_i18n_locale_dir (void)
{
#ifdef G_OS_WIN32
  static gsize dir = 0;

  if (g_once_init_enter (&dir))
    {
      g_autofree char *top = g_win32_get_package_installation_directory_of_module (NULL);
      char            *path = g_build_filename (top, "share", "locale", NULL);

      g_once_init_leave (&dir, (gsize) path);
    }

  return (const char *) dir;
#else
  return LOCALEDIR;
#endif
}

void
rd_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, rd_i18n_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
