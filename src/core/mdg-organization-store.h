/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"
#include "mdg-organization.h"

G_BEGIN_DECLS

MdgOrganization *mdg_organization_store_load          (MdgDatabase         *db,
                                                       gint64               id,
                                                       GError             **error);
gboolean         mdg_organization_store_save          (MdgDatabase         *db,
                                                       MdgOrganization     *organization,
                                                       GError             **error);
GPtrArray       *mdg_organization_store_list          (MdgDatabase         *db,
                                                       const char          *query,
                                                       guint                limit,
                                                       GError             **error);
void             mdg_organization_store_list_async    (MdgDatabase         *db,
                                                       const char          *query,
                                                       guint                limit,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray       *mdg_organization_store_list_finish   (MdgDatabase         *db,
                                                       GAsyncResult        *result,
                                                       GError             **error);
GPtrArray       *mdg_organization_store_list_people   (MdgDatabase         *db,
                                                       gint64               organization_id,
                                                       GError             **error);

G_END_DECLS
