/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-types.h"

G_BEGIN_DECLS

#define MDG_TYPE_DATABASE (mdg_database_get_type ())

G_DECLARE_FINAL_TYPE (MdgDatabase, mdg_database, MDG, DATABASE, GObject)

/* The newest schema this build knows. */
#define MDG_SCHEMA_VERSION 9

/* How long a write waits for another writer (an import elsewhere), in milliseconds:
 * by default, and on a window's main thread (which then waits in a worker). */
#define MDG_DATABASE_BUSY_WAIT             60000
#define MDG_DATABASE_BUSY_WAIT_INTERACTIVE 250

char        *mdg_database_default_path       (void);
MdgDatabase *mdg_database_open               (const char   *path,
                                              GError      **error);
const char  *mdg_database_get_path           (MdgDatabase  *self);
int          mdg_database_get_schema_version (MdgDatabase  *self);
gboolean     mdg_database_is_empty           (MdgDatabase  *self);
gboolean     mdg_database_is_read_only       (MdgDatabase  *self);
void         mdg_database_set_busy_wait      (MdgDatabase  *self,
                                              guint         milliseconds);
guint        mdg_database_get_busy_wait      (MdgDatabase  *self);
gboolean     mdg_database_begin              (MdgDatabase  *self,
                                              GError      **error);
gboolean     mdg_database_commit             (MdgDatabase  *self,
                                              GError      **error);
void         mdg_database_rollback           (MdgDatabase  *self);
gboolean     mdg_database_backup             (MdgDatabase  *self,
                                              const char   *destination,
                                              GError      **error);
gboolean     mdg_database_restore            (MdgDatabase  *self,
                                              const char   *source,
                                              char        **kept,
                                              GError      **error);
gboolean     mdg_database_restore_file       (const char   *path,
                                              const char   *source,
                                              char        **kept,
                                              GError      **error);
gboolean     mdg_database_verify             (MdgDatabase  *self,
                                              GCancellable *cancellable,
                                              GError      **error);
gboolean     mdg_database_check              (MdgDatabase  *self,
                                              GPtrArray   **problems,
                                              GError      **error);
gboolean     mdg_database_checkpoint         (MdgDatabase  *self,
                                              GError      **error);
gboolean     mdg_database_get_wipe_pending   (MdgDatabase  *self);

void         mdg_database_wait_for_writers_async  (MdgDatabase          *self,
                                                   guint                 milliseconds,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean     mdg_database_wait_for_writers_finish (MdgDatabase          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void         mdg_database_maintain_async          (MdgDatabase          *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean     mdg_database_maintain_finish         (MdgDatabase          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
