/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database.h"
#include "mdg-sql-private.h"

G_BEGIN_DECLS

sqlite3     *_mdg_database_get_handle         (MdgDatabase  *self);
MdgDatabase *_mdg_database_open_worker        (MdgDatabase  *self,
                                               GError      **error);
gboolean     _mdg_database_backup_unchecked   (MdgDatabase  *self,
                                               const char   *destination,
                                               GError      **error);
gboolean     _mdg_database_wipe               (MdgDatabase  *self,
                                               GError      **error);
MdgDatabase *_mdg_database_open_file         (const char   *path,
                                               GError      **error);
/* mdg-backup.c */
void         _mdg_backup_forget_person        (MdgDatabase  *db,
                                               const char   *uuid);
char        *_mdg_backup_name                 (const char   *path,
                                               GDateTime    *time,
                                               const char   *reason);
gboolean     _mdg_database_backup_into_folder (MdgDatabase  *self,
                                               GDateTime    *now,
                                               const char   *reason,
                                               gboolean      check,
                                               char        **written,
                                               GError      **error);
void     _mdg_set_too_new_error   (GError      **error,
                                   const char   *path,
                                   int           version);
gboolean _mdg_migrate             (sqlite3      *db,
                                   const char   *path,
                                   GError      **error);

/* Reads a list on a worker thread's own connection (SQLite connections are per thread). */
typedef GPtrArray *(*MdgListFunc) (MdgDatabase  *connection,
                                   gpointer      data,
                                   GError      **error);

void       _mdg_database_list_async  (MdgDatabase         *self,
                                      MdgListFunc          func,
                                      gpointer             data,
                                      GDestroyNotify       data_free,
                                      gpointer             source_tag,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* A list filtered by what the user typed, at most @limit long: people, organizations. */
typedef GPtrArray *(*MdgQueryFunc) (MdgDatabase  *connection,
                                    const char   *query,
                                    guint         limit,
                                    GError      **error);

void       _mdg_database_query_async (MdgDatabase         *self,
                                      MdgQueryFunc         func,
                                      const char          *query,
                                      guint                limit,
                                      gpointer             source_tag,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* What belongs to one row: a seminar's program, a person's seminars. */
typedef GPtrArray *(*MdgListByIdFunc) (MdgDatabase  *connection,
                                       gint64        id,
                                       GError      **error);

void       _mdg_database_list_by_id_async (MdgDatabase         *self,
                                           MdgListByIdFunc      func,
                                           gint64               id,
                                           gpointer             source_tag,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray *_mdg_database_list_finish (MdgDatabase         *self,
                                      GAsyncResult        *result,
                                      gpointer             source_tag,
                                      GError             **error);

G_END_DECLS
