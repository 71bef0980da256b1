/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database-private.h"
#include "mdg-organization-store.h"

G_BEGIN_DECLS

sqlite3_stmt *_mdg_organization_store_prepare_write (MdgDatabase      *db,
                                                     gboolean          insert,
                                                     GError          **error);
gboolean      _mdg_organization_store_write         (MdgDatabase      *db,
                                                     sqlite3_stmt     *stmt,
                                                     MdgOrganization  *organization,
                                                     GError          **error);

gboolean      _mdg_organization_store_insert_many   (MdgDatabase      *db,
                                                     GPtrArray        *organizations,
                                                     GError          **error);
MdgOrganization *_mdg_organization_store_find       (MdgDatabase      *db,
                                                    sqlite3_stmt    **stmt,
                                                    const char       *name,
                                                    GError          **error);

G_END_DECLS
