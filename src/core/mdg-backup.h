/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/* How many automatic backups are kept beside a database. */
#define MDG_BACKUP_KEEP 14

typedef struct
{
  char      *path;
  /* NULL for the backup of the day; "before-upgrade", "before-restore", "damaged" */
  char      *reason;
  GDateTime *created_at;
  goffset    size;
} MdgBackup;

void        mdg_backup_free           (MdgBackup            *backup);
char       *mdg_backup_get_folder     (const char           *database_path);
GPtrArray  *mdg_backup_list           (const char           *database_path,
                                       GError              **error);
void        mdg_backup_list_async     (const char           *database_path,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
GPtrArray  *mdg_backup_list_finish    (GAsyncResult         *result,
                                       GError              **error);
gboolean    mdg_database_backup_daily (MdgDatabase          *self,
                                       GDateTime            *now,
                                       char                **written,
                                       GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgBackup, mdg_backup_free)

G_END_DECLS
