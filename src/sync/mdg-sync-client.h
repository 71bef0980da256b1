/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"
#include "mdg-sync-settings.h"

G_BEGIN_DECLS

/* What the window's status line shows. */
typedef enum
{
  MDG_SYNC_STATE_NOT_SET_UP,  /* no team server: the laptop works alone */
  MDG_SYNC_STATE_IDLE,        /* synced (see last-synced), or not yet */
  MDG_SYNC_STATE_SYNCING,
  MDG_SYNC_STATE_OFFLINE,     /* the server cannot be reached: changes wait */
  MDG_SYNC_STATE_ERROR,       /* the server refused (see message) */
} MdgSyncState;

/* This laptop's side of sync, read from its database. */
typedef struct
{
  gboolean   set_up;
  guint      waiting;      /* records changed here and not pushed yet */
  guint      conflicts;    /* conflicts not reviewed yet */
  GDateTime *last_synced;  /* (nullable) */
  gboolean   offline;      /* the last sync could not reach the server */
  char      *problem;      /* (nullable): why the last sync failed, in words */
} MdgSyncCounts;

void     mdg_sync_counts_clear (MdgSyncCounts  *counts);
gboolean mdg_sync_counts_read  (MdgDatabase    *db,
                                MdgSyncCounts  *counts,
                                GError        **error);

#define MDG_TYPE_SYNC_STATE (mdg_sync_state_get_type ())
GType mdg_sync_state_get_type (void) G_GNUC_CONST;

#define MDG_TYPE_SYNC_CLIENT (mdg_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (MdgSyncClient, mdg_sync_client, MDG, SYNC_CLIENT, GObject)

MdgSyncClient *mdg_sync_client_new                (const char           *database_path);
MdgSyncState   mdg_sync_client_get_state          (MdgSyncClient        *self);
GDateTime     *mdg_sync_client_get_last_synced    (MdgSyncClient        *self);
guint          mdg_sync_client_get_waiting        (MdgSyncClient        *self);
guint          mdg_sync_client_get_conflicts      (MdgSyncClient        *self);
const char    *mdg_sync_client_get_message        (MdgSyncClient        *self);
guint          mdg_sync_client_get_interval       (MdgSyncClient        *self);
void           mdg_sync_client_set_interval       (MdgSyncClient        *self,
                                                   guint                 seconds);
guint          mdg_sync_client_get_round_trips    (MdgSyncClient        *self);
char          *mdg_sync_client_describe           (MdgSyncClient        *self,
                                                   GDateTime            *now);
void           mdg_sync_client_setup_async        (MdgSyncClient        *self,
                                                   const MdgSyncSettings *settings,
                                                   const char           *password,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       mdg_sync_client_setup_finish       (MdgSyncClient        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           mdg_sync_client_refresh_async      (MdgSyncClient        *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       mdg_sync_client_refresh_finish     (MdgSyncClient        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           mdg_sync_client_sync_async         (MdgSyncClient        *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       mdg_sync_client_sync_finish        (MdgSyncClient        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
gboolean       mdg_sync_client_sync               (MdgSyncClient        *self,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
char          *mdg_sync_client_fetch_file         (MdgSyncClient        *self,
                                                   const char           *table,
                                                   const char           *sha256,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void           mdg_sync_client_fetch_file_async   (MdgSyncClient        *self,
                                                   const char           *table,
                                                   const char           *sha256,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
char          *mdg_sync_client_fetch_file_finish  (MdgSyncClient        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
