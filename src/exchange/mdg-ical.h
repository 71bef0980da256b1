/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-seminar.h"

G_BEGIN_DECLS

char     *mdg_ical_build (GPtrArray   *seminars,
                          GDateTime   *stamp);
gboolean  mdg_ical_write (GPtrArray   *seminars,
                          GFile       *file,
                          GError     **error);

G_END_DECLS
