/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/* Work that reads (or writes) the database and ends in success or an error: an export. */
typedef gboolean (*MdgWorkFunc) (MdgDatabase  *connection,
                                 gpointer      data,
                                 GError      **error);

void     mdg_database_work_async  (MdgDatabase          *db,
                                   MdgWorkFunc           func,
                                   gpointer              data,
                                   GDestroyNotify        data_free,
                                   gpointer              source_tag,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
gboolean mdg_database_work_finish (MdgDatabase          *db,
                                   GAsyncResult         *result,
                                   gpointer              source_tag,
                                   GError              **error);
gpointer mdg_database_work_get_data (GAsyncResult         *result);

G_END_DECLS
