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

sqlite3_stmt *_mdg_search_prepare_list (MdgDatabase    *db,
                                        const char     *select,
                                        const char     *join,
                                        MdgSearchKind   kind,
                                        const char     *query,
                                        const char     *all,
                                        guint           limit,
                                        gboolean       *searched,
                                        GError        **error);

gboolean      _mdg_search_add_clause (const char     *index,
                                      const char     *query,
                                      GString        *where,
                                      GPtrArray      *binds,
                                      GError        **error);
void          _mdg_search_bind       (sqlite3_stmt   *stmt,
                                      GPtrArray      *binds);

G_END_DECLS
