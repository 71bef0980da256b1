/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-sql-private.h"

G_BEGIN_DECLS

/* The device every row written on this laptop carries in the sync tables. */
#define MDG_SYNC_SELF_PEER 1
/* Rows seeded identically on every laptop: clock 0, no device; any real edit wins. */
#define MDG_SYNC_SEED_PEER 0

gboolean _mdg_sync_share            (sqlite3     *db,
                                     const char  *table,
                                     const char  *identity,
                                     GError     **error);
gboolean _mdg_sync_rebuild_triggers (sqlite3     *db,
                                     GError     **error);
gboolean _mdg_sync_enable           (sqlite3     *db,
                                     GError     **error);
char    *_mdg_sync_seed_uuid        (const char  *table,
                                     const char  *key);
char    *_mdg_sync_setting_get      (sqlite3     *db,
                                     const char  *key);
gboolean _mdg_sync_setting_set      (sqlite3     *db,
                                     const char  *key,
                                     const char  *value,
                                     GError     **error);
char    *_mdg_sync_quote_identifier (const char  *name);
char   **_mdg_sync_columns          (sqlite3     *db,
                                     const char  *table,
                                     GError     **error);
gboolean _mdg_sync_share_files      (sqlite3     *db,
                                     const char  *table,
                                     const char  *column,
                                     const char  *folder,
                                     const char  *suffix,
                                     GError     **error);

G_END_DECLS
