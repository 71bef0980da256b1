/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-reading"

#include "config.h"

#include "mdg-reading-private.h"
#include "mdg-search-private.h"

/*
 * What the stores of threat items, FAQ entries and notices share: searching their text
 * in reading_index, and the link tables (an entry's categories and consultations, a
 * notice's items) read for a whole list at once and saved whole.
 */

/**
 * _mdg_reading_add_search:
 * @sql: a statement up to its WHERE conditions; one more is appended when @query holds
 *   something to find
 * @id_column: the id column of the listed table (e.g. "f.id")
 * @kind: which rows of reading_index to search
 * @query: (nullable): what the user typed
 * @binds: the text parameters so far (?1…); the search's are appended
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set when @query is not valid UTF-8
 */
gboolean
_mdg_reading_add_search (GString         *sql,
                         const char      *id_column,
                         MdgReadingKind   kind,
                         const char      *query,
                         GPtrArray       *binds,
                         GError         **error)
{
  g_autoptr(GString) search = g_string_new ("");

  if (query == NULL)
    return TRUE;
  if (!_mdg_search_add_clause ("reading_index", query, search, binds, error))
    return FALSE;
  if (search->len > 0)
    g_string_append_printf (sql, " AND %s IN (SELECT s.rowid / 4 FROM reading_index AS s WHERE s.rowid %% 4 = %d%s)",
                            id_column, kind, search->str);
  return TRUE;
}

/* Prepares @sql, binds its text parameters and collects its rows (objects). */
GPtrArray *
_mdg_reading_collect (MdgDatabase  *db,
                      GString      *sql,
                      GPtrArray    *binds,
                      MdgRowFunc    from_row,
                      const char   *context,
                      GError      **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle, sql->str, error);

  if (stmt == NULL)
    return NULL;
  _mdg_search_bind (stmt, binds);
  return _mdg_sql_collect (handle, stmt, from_row, g_object_unref, context, error);
}

MdgReadingQuery *
_mdg_reading_query_new (const char *query,
                        int         option)
{
  MdgReadingQuery *data = g_new0 (MdgReadingQuery, 1);

  data->query = g_strdup (query);
  data->option = option;
  return data;
}

void
_mdg_reading_query_free (MdgReadingQuery *query)
{
  g_free (query->query);
  g_free (query);
}

/* Returns: (transfer full): @objects by their id (the table does not own them) */
GHashTable *
_mdg_index_by_id (GPtrArray *objects,
                  gint64   (*get_id) (gpointer object))
{
  GHashTable *by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < objects->len; i++)
    {
      gpointer object = g_ptr_array_index (objects, i);
      gint64 *key = g_new (gint64, 1);

      *key = get_id (object);
      g_hash_table_insert (by_id, key, object);
    }
  return by_id;
}

/**
 * _mdg_sql_foreach_link:
 * @db: a #MdgDatabase
 * @sql: a query whose column 0 is an owner's id
 * @by_id: the owners, from _mdg_index_by_id()
 * @add: adds a row to its owner
 * @context: what is read, for the message when it fails
 * @error: a location for a #GError
 *
 * Reads a link table in one query for a whole list; rows of other owners are skipped.
 */
gboolean
_mdg_sql_foreach_link (MdgDatabase  *db,
                       const char   *sql,
                       GHashTable   *by_id,
                       MdgLinkFunc   add,
                       const char   *context,
                       GError      **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 owner_id = sqlite3_column_int64 (stmt, 0);
      gpointer owner = g_hash_table_lookup (by_id, &owner_id);

      if (owner != NULL)
        add (owner, stmt);
    }
  if (rc != SQLITE_DONE)
    {
      _mdg_sql_set_error (handle, error, context);
      return FALSE;
    }
  return TRUE;
}

/**
 * _mdg_sql_replace_ids:
 * @db: a #MdgDatabase, in a transaction
 * @delete_sql: (nullable): removes the owner's links (?1); %NULL to only add
 * @insert_sql: adds one link: ?1 the owner, ?2 the id, ?3 (when used) its position
 * @owner_id: the owner
 * @ids: (element-type gint64): the linked ids, in order
 * @error: a location for a #GError
 */
gboolean
_mdg_sql_replace_ids (MdgDatabase  *db,
                      const char   *delete_sql,
                      const char   *insert_sql,
                      gint64        owner_id,
                      GArray       *ids,
                      GError      **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (delete_sql != NULL)
    {
      stmt = _mdg_sql_prepare (handle, delete_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, owner_id);
      if (!_mdg_sql_step_done (handle, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  stmt = _mdg_sql_prepare (handle, insert_sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, owner_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (sqlite3_bind_parameter_count (stmt) >= 3)
        sqlite3_bind_int (stmt, 3, i);
      if (!_mdg_sql_step_done (handle, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Runs one statement with @id at ?1 and, when it has one, @other at ?2. */
gboolean
_mdg_sql_exec_ids (MdgDatabase  *db,
                   const char   *sql,
                   gint64        id,
                   gint64        other,
                   GError      **error)
{
  return _mdg_sql_exec_values (_mdg_database_get_handle (db), sql, id, other, NULL, error);
}

/* Runs @save in one transaction: all of @object's rows, or none. */
gboolean
_mdg_sql_save (MdgDatabase  *db,
               MdgSaveFunc   save,
               gpointer      object,
               GError      **error)
{
  gint64 id = 0;

  if (!mdg_database_begin (db, error))
    return FALSE;
  if (!save (db, object, &id, error))
    {
      mdg_database_rollback (db);
      return FALSE;
    }
  return mdg_database_commit (db, error);
}
