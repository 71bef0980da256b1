/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database.h"

G_BEGIN_DECLS

void mdg_database_watch_slow_statements (MdgDatabase *self,
                                         guint        threshold_ms);

G_END_DECLS
