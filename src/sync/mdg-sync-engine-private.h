/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database.h"
#include "mdg-sync-server-private.h"

G_BEGIN_DECLS

/* Points of a sync a test (or a progress display) may watch; called on the sync's thread. */
typedef enum
{
  MDG_SYNC_PHASE_PULLED,   /* the server's changes are read; its transaction is open */
  MDG_SYNC_PHASE_APPLIED,  /* they are applied here, not committed; the push is next */
  MDG_SYNC_PHASE_DONE,     /* both sides committed */
} MdgSyncPhase;

typedef void (*MdgSyncPhaseFunc) (MdgSyncPhase phase,
                                  gpointer     user_data);

typedef struct
{
  guint  pulled;       /* records received */
  guint  pushed;       /* records sent */
  guint  conflicts;    /* conflicts found by this sync */
  guint  round_trips;  /* exchanges with the server */
  gint64 seq;          /* the server sequence this laptop has seen */
} MdgSyncReport;

gboolean _mdg_sync_engine_run  (MdgDatabase       *db,
                                MdgSyncServer     *server,
                                const char        *staff,
                                MdgSyncPhaseFunc   phase,
                                gpointer           phase_data,
                                MdgSyncReport     *report,
                                GCancellable      *cancellable,
                                GError           **error);
char    *_mdg_sync_engine_dump (MdgDatabase       *db,
                                GError           **error);
char    *_mdg_sync_engine_fetch_file (MdgDatabase    *db,
                                      MdgSyncServer  *server,
                                      const char     *table,
                                      const char     *hash,
                                      GCancellable   *cancellable,
                                      GError        **error);
char    *_mdg_sync_device      (MdgDatabase       *db);
gint64   _mdg_sync_tick        (sqlite3           *handle,
                                GError           **error);

G_END_DECLS
