/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database-private.h"

G_BEGIN_DECLS

/* Kinds of reading_index rows (rowid = id * 4 + kind); see migration 6. */
typedef enum
{
  MDG_READING_FEED_ITEM = 1,
  MDG_READING_FAQ = 2,
  MDG_READING_NOTICE = 3,
} MdgReadingKind;

gboolean    _mdg_reading_add_search (GString         *sql,
                                     const char      *id_column,
                                     MdgReadingKind   kind,
                                     const char      *query,
                                     GPtrArray       *binds,
                                     GError         **error);

GPtrArray  *_mdg_reading_collect    (MdgDatabase     *db,
                                     GString         *sql,
                                     GPtrArray       *binds,
                                     MdgRowFunc       from_row,
                                     const char      *context,
                                     GError         **error);

/* What a list read in a worker needs: the words typed and one more choice. */
typedef struct
{
  char *query;
  int   option;
} MdgReadingQuery;

MdgReadingQuery *_mdg_reading_query_new  (const char      *query,
                                          int              option);
void             _mdg_reading_query_free (MdgReadingQuery *query);

/* One row of a link table: column 0 is the owner's id, the rest is for @add. */
typedef void (*MdgLinkFunc) (gpointer      owner,
                             sqlite3_stmt *stmt);

GHashTable *_mdg_index_by_id        (GPtrArray       *objects,
                                     gint64         (*get_id) (gpointer object));
gboolean    _mdg_sql_foreach_link   (MdgDatabase     *db,
                                     const char      *sql,
                                     GHashTable      *by_id,
                                     MdgLinkFunc      add,
                                     const char      *context,
                                     GError         **error);
gboolean    _mdg_sql_replace_ids    (MdgDatabase     *db,
                                     const char      *delete_sql,
                                     const char      *insert_sql,
                                     gint64           owner_id,
                                     GArray          *ids,
                                     GError         **error);

gboolean    _mdg_sql_exec_ids       (MdgDatabase     *db,
                                     const char      *sql,
                                     gint64           id,
                                     gint64           other,
                                     GError         **error);

/* Writes @object's rows; sets @id to its row's id. */
typedef gboolean (*MdgSaveFunc) (MdgDatabase  *db,
                                 gpointer      object,
                                 gint64       *id,
                                 GError      **error);

gboolean    _mdg_sql_save           (MdgDatabase     *db,
                                     MdgSaveFunc      save,
                                     gpointer         object,
                                     GError         **error);

G_END_DECLS
