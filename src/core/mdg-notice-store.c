/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-notice-store"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-feed-store.h"
#include "mdg-notice-store.h"
#include "mdg-reading-private.h"
#include "mdg-setting-private.h"

/*
 * Notices for the portal. The publish day is kept as YYYY-MM-DD (the desk's day, not an
 * instant), so that "published by today" is a text comparison.
 */

#define NOTICE_COLUMNS "n.id, n.uuid, n.kind, n.title, n.body, n.publish_on, n.updated_at"

static char *
day_to_string (GDateTime *day)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (day);

  return g_date_time_format (local, "%Y-%m-%d");
}

static gpointer
notice_from_row (sqlite3_stmt *stmt)
{
  MdgNotice *notice = mdg_notice_new ();
  MdgNoticeKind kind = MDG_NOTICE_KIND_NEWS;
  const char *publish_on = (const char *) sqlite3_column_text (stmt, 5);
  const char *updated = (const char *) sqlite3_column_text (stmt, 6);
  g_autoptr(GDateTime) updated_at = updated ? g_date_time_new_from_iso8601 (updated, NULL) : NULL;

  mdg_notice_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
  mdg_notice_set_kind (notice, kind);
  mdg_notice_set_title (notice, (const char *) sqlite3_column_text (stmt, 3));
  mdg_notice_set_body (notice, (const char *) sqlite3_column_text (stmt, 4));
  if (publish_on != NULL)
    {
      int year, month, day;

      if (sscanf (publish_on, "%d-%d-%d", &year, &month, &day) == 3)
        {
          g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 0, 0, 0);

          mdg_notice_set_publish_on (notice, date);
        }
    }
  _mdg_notice_set_identity (notice, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
                            updated_at);
  return notice;
}

static void
add_item (gpointer      owner,
          sqlite3_stmt *stmt)
{
  gint64 item_id = sqlite3_column_int64 (stmt, 1);

  g_array_append_val (mdg_notice_get_item_ids (owner), item_id);
}

static gint64
notice_id (gpointer notice)
{
  return mdg_notice_get_id (notice);
}

/* Fills in the cited items of @notices with one query. */
static gboolean
load_items (MdgDatabase  *db,
            GPtrArray    *notices,
            GError      **error)
{
  g_autoptr(GHashTable) by_id = NULL;

  for (guint i = 0; i < notices->len; i++)
    g_array_set_size (mdg_notice_get_item_ids (g_ptr_array_index (notices, i)), 0);
  if (notices->len == 0)
    return TRUE;

  by_id = _mdg_index_by_id (notices, notice_id);
  return _mdg_sql_foreach_link (db, "SELECT notice_id, feed_item_id FROM notice_item ORDER BY position, id", by_id,
                                add_item, _("Could not read the notices"), error);
}

/**
 * mdg_notice_store_list:
 * @db: a #MdgDatabase
 * @query: (nullable): words that must all appear in the title or body
 * @kind: one kind, or %MDG_NOTICE_KIND_ANY
 * @published_by: (nullable): only notices published on or before this day; %NULL for
 *   every notice, drafts included
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgNotice): the notices, drafts first, then
 *   the newest
 */
GPtrArray *
mdg_notice_store_list (MdgDatabase    *db,
                       const char     *query,
                       MdgNoticeKind   kind,
                       GDateTime      *published_by,
                       GError        **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " NOTICE_COLUMNS " FROM notice AS n WHERE 1");
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) notices = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  if (!_mdg_reading_add_search (sql, "n.id", MDG_READING_NOTICE, query, binds, error))
    return NULL;
  if (kind != MDG_NOTICE_KIND_ANY)
    {
      g_ptr_array_add (binds, g_strdup (mdg_notice_kind_to_string (kind)));
      g_string_append_printf (sql, " AND n.kind = ?%u", binds->len);
    }
  if (published_by != NULL)
    {
      g_ptr_array_add (binds, day_to_string (published_by));
      g_string_append_printf (sql, " AND n.publish_on <= ?%u", binds->len);
    }
  g_string_append (sql, " ORDER BY n.publish_on IS NOT NULL, n.publish_on DESC, n.id DESC");

  notices = _mdg_reading_collect (db, sql, binds, notice_from_row, _("Could not read the notices"), error);
  if (notices == NULL || !load_items (db, notices, error))
    return NULL;
  return g_steal_pointer (&notices);
}

static GPtrArray *
list_thread (MdgDatabase  *connection,
             gpointer      user_data,
             GError      **error)
{
  MdgReadingQuery *data = user_data;

  return mdg_notice_store_list (connection, data->query, data->option, NULL, error);
}

/**
 * mdg_notice_store_list_async:
 * @db: a #MdgDatabase
 * @query: (nullable): what the user typed
 * @kind: one kind, or %MDG_NOTICE_KIND_ANY
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the list is read
 * @user_data: data for @callback
 *
 * Reads every notice of @kind (drafts included) in a worker thread.
 */
void
mdg_notice_store_list_async (MdgDatabase         *db,
                             const char          *query,
                             MdgNoticeKind        kind,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  _mdg_database_list_async (db, list_thread, _mdg_reading_query_new (query, kind),
                            (GDestroyNotify) _mdg_reading_query_free, mdg_notice_store_list_async,
                            cancellable, callback, user_data);
}

/* Returns: (transfer container) (element-type MdgNotice): the notices */
GPtrArray *
mdg_notice_store_list_finish (MdgDatabase   *db,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_notice_store_list_async, error);
}

/**
 * mdg_notice_store_load:
 * @db: a #MdgDatabase
 * @id: the notice's id
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the notice, or %NULL with %MDG_ERROR_NOT_FOUND
 */
MdgNotice *
mdg_notice_store_load (MdgDatabase  *db,
                       gint64        id,
                       GError      **error)
{
  g_autoptr(GPtrArray) notices = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  notices = _mdg_sql_collect_query (_mdg_database_get_handle (db),
                                    "SELECT " NOTICE_COLUMNS " FROM notice AS n WHERE n.id = ?1", id, notice_from_row,
                                    g_object_unref, _("Could not read the notices"), error);
  if (notices == NULL || !load_items (db, notices, error))
    return NULL;
  if (notices->len == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no notice %lld"), (long long) id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (notices, 0));
}

static gboolean
save_rows (MdgDatabase  *db,
           gpointer      object,
           gint64       *id,
           GError      **error)
{
  MdgNotice *notice = object;
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *publish_on = NULL;
  GArray *items = mdg_notice_get_item_ids (notice);

  *id = mdg_notice_get_id (notice);
  if (mdg_notice_get_publish_on (notice) != NULL)
    publish_on = day_to_string (mdg_notice_get_publish_on (notice));

  stmt = _mdg_sql_prepare (handle,
                           *id == 0 ? "INSERT INTO notice (kind, title, body, publish_on) VALUES (?1, ?2, ?3, ?4)"
                                    : "UPDATE notice SET kind = ?1, title = ?2, body = ?3, publish_on = ?4"
                                      " WHERE id = ?5",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, mdg_notice_kind_to_string (mdg_notice_get_kind (notice)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mdg_notice_get_title (notice), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, mdg_notice_get_body (notice) ? mdg_notice_get_body (notice) : "", -1,
                     SQLITE_TRANSIENT);
  _mdg_sql_bind_text (stmt, 4, publish_on);
  if (*id != 0)
    sqlite3_bind_int64 (stmt, 5, *id);
  if (!_mdg_sql_step_done (handle, stmt, error))
    return FALSE;
  if (*id == 0)
    *id = sqlite3_last_insert_rowid (handle);
  else if (sqlite3_changes (handle) == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no notice %lld"), (long long) *id);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Each cited item must exist: say which one does not. */
  stmt = _mdg_sql_prepare (handle, "SELECT 1 FROM feed_item WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      gint64 item_id = g_array_index (items, gint64, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, item_id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no threat item %lld"), (long long) item_id);
          return FALSE;
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!_mdg_sql_replace_ids (db, "DELETE FROM notice_item WHERE notice_id = ?1",
                             "INSERT INTO notice_item (notice_id, feed_item_id, position) VALUES (?1, ?2, ?3)"
                             " ON CONFLICT DO NOTHING",
                             *id, items, error))
    return FALSE;

  stmt = _mdg_sql_prepare (handle, "SELECT uuid, updated_at FROM notice WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) updated_at =
        g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 1), NULL);

      _mdg_notice_set_identity (notice, *id, (const char *) sqlite3_column_text (stmt, 0), updated_at);
    }
  return TRUE;
}

/**
 * mdg_notice_store_save:
 * @db: a #MdgDatabase
 * @notice: the notice; a new one (id 0) gets its id and uuid
 * @error: a location for a #GError
 *
 * Inserts or updates a notice with its cited items, in one transaction.
 */
gboolean
mdg_notice_store_save (MdgDatabase  *db,
                       MdgNotice    *notice,
                       GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_NOTICE (notice), FALSE);

  return mdg_notice_validate (notice, error) &&
         _mdg_sql_save (db, save_rows, notice, error);
}

gboolean
mdg_notice_store_delete (MdgDatabase  *db,
                         gint64        id,
                         GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  return _mdg_sql_exec_ids (db, "DELETE FROM notice WHERE id = ?1", id, 0, error);
}

/**
 * mdg_notice_store_list_items:
 * @db: a #MdgDatabase
 * @notice_id: a notice
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgFeedItem): the threat items it cites, in order
 */
GPtrArray *
mdg_notice_store_list_items (MdgDatabase  *db,
                             gint64        notice_id,
                             GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MdgNotice) notice = NULL;
  GArray *ids;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  notice = mdg_notice_store_load (db, notice_id, error);
  if (notice == NULL)
    return NULL;
  ids = mdg_notice_get_item_ids (notice);
  for (guint i = 0; i < ids->len; i++)
    {
      MdgFeedItem *item = mdg_feed_store_load_item (db, g_array_index (ids, gint64, i), error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

/**
 * mdg_notice_store_get_feed_id:
 * @db: a #MdgDatabase
 * @error: a location for a #GError
 *
 * The identity of the desk's Atom feed of notices: made once and kept, so that feed
 * readers know every export for the same feed.
 *
 * Returns: (transfer full): a "urn:uuid:…" identifier, or %NULL with @error set
 */
char *
mdg_notice_store_get_feed_id (MdgDatabase  *db,
                              GError      **error)
{
  GError *local_error = NULL;
  char *id;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  id = _mdg_setting_get (db, "publish.feed-id", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (id == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      id = g_strconcat ("urn:uuid:", uuid, NULL);
      if (!_mdg_setting_set (db, "publish.feed-id", id, error))
        g_clear_pointer (&id, g_free);
    }
  return id;
}
