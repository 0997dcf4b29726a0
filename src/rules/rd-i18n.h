/* rd-i18n.h: gettext set-up shared by the app and redress-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        rd_i18n_init (void);
const char *rd_i18n_locale_dir (void);

G_END_DECLS
