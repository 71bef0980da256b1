/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mdg-types.h"

G_BEGIN_DECLS

char *mdg_date_format       (GDateTime    *date_time,
                             MdgDateFlags  flags);
char *mdg_time_format       (GDateTime    *date_time);
char *mdg_date_range_format (GDateTime    *starts_at,
                             GDateTime    *ends_at,
                             MdgDateFlags  flags);

char *mdg_duration_format   (guint         minutes);

G_END_DECLS
