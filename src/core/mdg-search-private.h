/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database-private.h"
#include "mdg-search.h"

G_BEGIN_DECLS

sqlite3_stmt *_mdg_search_prepare (MdgDatabase    *db,
                                   const char     *select,
                                   const char     *join,
                                   MdgSearchKind   kind,
                                   const char     *query,
                                   guint           limit,
                                   GError        **error);

char         *_mdg_search_where   (const char     *table,
                                   const char     *query,
                                   GPtrArray     **binds,
                                   GError        **error);

G_END_DECLS
