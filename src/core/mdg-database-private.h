/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database.h"
#include "mdg-sql-private.h"

G_BEGIN_DECLS

sqlite3 *_mdg_database_get_handle (MdgDatabase  *self);
gboolean _mdg_migrate             (sqlite3      *db,
                                   const char   *path,
                                   GError      **error);

G_END_DECLS
