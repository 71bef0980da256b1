/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-seminar-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-seminar-store.h"
#include "mdg-text.h"

#define SEMINAR_COLUMNS \
  "id, uuid, title, starts_at, ends_at, venue, online_url, capacity, co_organizer, status, description"

static MdgSeminar *
seminar_from_row (sqlite3_stmt *stmt)
{
  MdgSeminar *seminar = mdg_seminar_new ();
  g_autoptr(GDateTime) starts_at = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 3));
  g_autoptr(GDateTime) ends_at = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 4));
  MdgSeminarStatus status = MDG_SEMINAR_STATUS_PLANNED;

  mdg_seminar_status_from_string ((const char *) sqlite3_column_text (stmt, 9), &status);

  _mdg_seminar_set_identity (seminar, sqlite3_column_int64 (stmt, 0),
                             (const char *) sqlite3_column_text (stmt, 1));
  g_object_set (seminar,
                "title", sqlite3_column_text (stmt, 2),
                "starts-at", starts_at,
                "ends-at", ends_at,
                "venue", sqlite3_column_text (stmt, 5),
                "online-url", sqlite3_column_text (stmt, 6),
                "capacity", (guint) sqlite3_column_int (stmt, 7),
                "co-organizer", sqlite3_column_text (stmt, 8),
                "status", status,
                "description", sqlite3_column_text (stmt, 10),
                NULL);
  return seminar;
}

static GPtrArray *
collect_seminars (MdgDatabase  *db,
                  const char   *sql,
                  GDateTime    *now,
                  GError      **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle, sql, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (now));
  return _mdg_sql_collect (handle, stmt, (MdgRowFunc) seminar_from_row, g_object_unref,
                           _("Could not read the seminars"), error);
}

/**
 * mdg_seminar_store_list:
 * @db: a #MdgDatabase
 * @now: the present
 * @error: a location for a #GError
 *
 * Every seminar in the order the seminar list shows them: those not yet ended first,
 * soonest first; then past ones, most recent first.
 *
 * Returns: (transfer container) (element-type MdgSeminar): the seminars
 */
GPtrArray *
mdg_seminar_store_list (MdgDatabase  *db,
                        GDateTime    *now,
                        GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  return collect_seminars (db,
                           "SELECT " SEMINAR_COLUMNS " FROM seminar"
                           " ORDER BY ends_at <= ?1,"
                           " CASE WHEN ends_at > ?1 THEN starts_at ELSE -starts_at END, id",
                           now, error);
}

static GPtrArray *
list_now (MdgDatabase  *connection,
          gpointer      data,
          GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return mdg_seminar_store_list (connection, now, error);
}

/**
 * mdg_seminar_store_list_async:
 * @db: a #MdgDatabase
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the calling thread's main context when the list is read
 * @user_data: data for @callback
 *
 * Reads mdg_seminar_store_list() for the present moment in a worker thread, on a
 * connection of its own.
 */
void
mdg_seminar_store_list_async (MdgDatabase         *db,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  _mdg_database_list_async (db, list_now, NULL, NULL, mdg_seminar_store_list_async, cancellable, callback, user_data);
}

/**
 * mdg_seminar_store_list_finish:
 * @db: a #MdgDatabase
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgSeminar): the seminars
 */
GPtrArray *
mdg_seminar_store_list_finish (MdgDatabase   *db,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_seminar_store_list_async, error);
}

/**
 * mdg_seminar_store_list_upcoming:
 * @db: a #MdgDatabase
 * @now: the present
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgSeminar): seminars that have not ended,
 *   soonest first
 */
GPtrArray *
mdg_seminar_store_list_upcoming (MdgDatabase  *db,
                                 GDateTime    *now,
                                 GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  return collect_seminars (db,
                           "SELECT " SEMINAR_COLUMNS " FROM seminar WHERE ends_at > ?1"
                           " ORDER BY starts_at, id",
                           now, error);
}

/**
 * mdg_seminar_store_load:
 * @db: a #MdgDatabase
 * @id: the seminar's id
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the seminar, or %NULL with %MDG_ERROR_NOT_FOUND
 */
MdgSeminar *
mdg_seminar_store_load (MdgDatabase  *db,
                        gint64        id,
                        GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, "SELECT " SEMINAR_COLUMNS " FROM seminar WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no seminar %lld"),
                   (long long) id);
      return NULL;
    }

  return seminar_from_row (stmt);
}

/**
 * mdg_seminar_store_save:
 * @db: a #MdgDatabase
 * @seminar: the seminar; a new one (id 0) gets its id and uuid
 * @error: a location for a #GError
 *
 * Inserts or updates a seminar after validating it.
 */
gboolean
mdg_seminar_store_save (MdgDatabase  *db,
                        MdgSeminar   *seminar,
                        GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;
  guint capacity;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_SEMINAR (seminar), FALSE);

  /* One spelling in the database, whatever width was typed (ﾀｶﾉ, ０９２). */
  {
    static const char *texts[] = { "title", "venue", "online-url", "co-organizer", "description" };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autofree char *text = NULL;
        g_autofree char *normal = NULL;

        g_object_get (seminar, texts[i], &text, NULL);
        normal = mdg_text_normalize (text);
        g_object_set (seminar, texts[i], normal, NULL);
      }
  }

  if (!mdg_seminar_validate (seminar, error))
    return FALSE;

  handle = _mdg_database_get_handle (db);
  id = mdg_seminar_get_id (seminar);
  if (id == 0)
    stmt = _mdg_sql_prepare (handle,
                             "INSERT INTO seminar (title, starts_at, ends_at, venue, online_url,"
                             " capacity, co_organizer, status, description)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id, uuid",
                             error);
  else
    stmt = _mdg_sql_prepare (handle,
                             "UPDATE seminar SET title = ?1, starts_at = ?2, ends_at = ?3,"
                             " venue = ?4, online_url = ?5, capacity = ?6, co_organizer = ?7,"
                             " status = ?8, description = ?9 WHERE id = ?10 RETURNING id, uuid",
                             error);
  if (stmt == NULL)
    return FALSE;

  _mdg_sql_bind_text (stmt, 1, mdg_seminar_get_title (seminar));
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (mdg_seminar_get_starts_at (seminar)));
  sqlite3_bind_int64 (stmt, 3, g_date_time_to_unix (mdg_seminar_get_ends_at (seminar)));
  _mdg_sql_bind_text (stmt, 4, mdg_seminar_get_venue (seminar));
  _mdg_sql_bind_text (stmt, 5, mdg_seminar_get_online_url (seminar));
  capacity = mdg_seminar_get_capacity (seminar);
  if (capacity > 0)
    sqlite3_bind_int (stmt, 6, capacity);
  _mdg_sql_bind_text (stmt, 7, mdg_seminar_get_co_organizer (seminar));
  sqlite3_bind_text (stmt, 8, mdg_seminar_status_to_string (mdg_seminar_get_status (seminar)), -1,
                     SQLITE_STATIC);
  _mdg_sql_bind_text (stmt, 9, mdg_seminar_get_description (seminar));
  if (id != 0)
    sqlite3_bind_int64 (stmt, 10, id);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      _mdg_seminar_set_identity (seminar, sqlite3_column_int64 (stmt, 0),
                                 (const char *) sqlite3_column_text (stmt, 1));
      return _mdg_sql_step_done (handle, stmt, error);

    case SQLITE_DONE:
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                   _("The seminar “%s” was deleted meanwhile; it could not be saved"),
                   mdg_seminar_get_title (seminar));
      return FALSE;

    default:
      _mdg_sql_set_error (handle, error, _("Could not save the seminar"));
      return FALSE;
    }
}

/**
 * mdg_seminar_store_delete:
 * @db: a #MdgDatabase
 * @id: the seminar's id
 * @error: a location for a #GError
 *
 * Deletes a seminar with its program (and, from later schema versions, whatever
 * belongs to it alone).
 */
gboolean
mdg_seminar_store_delete (MdgDatabase  *db,
                          gint64        id,
                          GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, "DELETE FROM seminar WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!_mdg_sql_step_done (handle, stmt, error))
    return FALSE;

  if (sqlite3_changes (handle) == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no seminar %lld"),
                   (long long) id);
      return FALSE;
    }
  return TRUE;
}

static gpointer
program_item_row (sqlite3_stmt *stmt)
{
  MdgProgramKind kind = MDG_PROGRAM_KIND_PRESENTATION;
  MdgProgramItem *item;

  mdg_program_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind);
  item = mdg_program_item_new (kind, MAX (1, sqlite3_column_int (stmt, 2)));
  _mdg_program_item_set_identity (item, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 6));
  mdg_program_item_set_title (item, (const char *) sqlite3_column_text (stmt, 3));
  mdg_program_item_set_presenter (item, (const char *) sqlite3_column_text (stmt, 4));
  mdg_program_item_set_deck_title (item, (const char *) sqlite3_column_text (stmt, 5));
  return item;
}

/**
 * mdg_program_store_list:
 * @db: a #MdgDatabase
 * @seminar_id: the seminar
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgProgramItem): the program in order
 */
GPtrArray *
mdg_program_store_list (MdgDatabase  *db,
                        gint64        seminar_id,
                        GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return _mdg_sql_collect_query (_mdg_database_get_handle (db),
                                 "SELECT id, kind, minutes, title, presenter, deck_title, seminar_id"
                                 " FROM program_item WHERE seminar_id = ? ORDER BY position, id",
                                 seminar_id, program_item_row, g_object_unref, _("Could not read the program"), error);
}

/**
 * mdg_program_store_save:
 * @db: a #MdgDatabase
 * @seminar_id: the seminar the item belongs to
 * @item: the item; a new one (id 0) is appended to the program
 * @error: a location for a #GError
 */
gboolean
mdg_program_store_save (MdgDatabase     *db,
                        gint64           seminar_id,
                        MdgProgramItem  *item,
                        GError         **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_PROGRAM_ITEM (item), FALSE);

  {
    g_autofree char *title = mdg_text_normalize (mdg_program_item_get_title (item));
    g_autofree char *presenter = mdg_text_normalize (mdg_program_item_get_presenter (item));
    g_autofree char *deck = mdg_text_normalize (mdg_program_item_get_deck_title (item));

    mdg_program_item_set_title (item, title);
    mdg_program_item_set_presenter (item, presenter);
    mdg_program_item_set_deck_title (item, deck);
  }

  handle = _mdg_database_get_handle (db);
  id = mdg_program_item_get_id (item);
  if (id == 0)
    stmt = _mdg_sql_prepare (handle,
                             "INSERT INTO program_item (seminar_id, position, kind, minutes, title,"
                             " presenter, deck_title) VALUES (?1,"
                             " (SELECT coalesce(max(position), 0) + 1 FROM program_item"
                             "  WHERE seminar_id = ?1), ?2, ?3, ?4, ?5, ?6) RETURNING id",
                             error);
  else
    stmt = _mdg_sql_prepare (handle,
                             "UPDATE program_item SET kind = ?2, minutes = ?3, title = ?4,"
                             " presenter = ?5, deck_title = ?6 WHERE id = ?7 AND seminar_id = ?1"
                             " RETURNING id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, seminar_id);
  sqlite3_bind_text (stmt, 2, mdg_program_kind_to_string (mdg_program_item_get_kind (item)), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, mdg_program_item_get_minutes (item));
  _mdg_sql_bind_text (stmt, 4, mdg_program_item_get_title (item));
  _mdg_sql_bind_text (stmt, 5, mdg_program_item_get_presenter (item));
  _mdg_sql_bind_text (stmt, 6, mdg_program_item_get_deck_title (item));
  if (id != 0)
    sqlite3_bind_int64 (stmt, 7, id);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      _mdg_program_item_set_identity (item, sqlite3_column_int64 (stmt, 0), seminar_id);
      return _mdg_sql_step_done (handle, stmt, error);
    case SQLITE_DONE:
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                           _("The program item was deleted meanwhile; it could not be saved"));
      return FALSE;
    default:
      _mdg_sql_set_error (handle, error, _("Could not save the program item"));
      return FALSE;
    }
}

gboolean
mdg_program_store_delete (MdgDatabase     *db,
                          MdgProgramItem  *item,
                          GError         **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_PROGRAM_ITEM (item), FALSE);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, "DELETE FROM program_item WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, mdg_program_item_get_id (item));
  return _mdg_sql_step_done (handle, stmt, error);
}

/**
 * mdg_program_store_move:
 * @db: a #MdgDatabase
 * @item: a saved program item
 * @delta: -1 to move it earlier, +1 later
 * @error: a location for a #GError
 *
 * Swaps the item with its neighbour. Moving past either end does nothing.
 */
gboolean
mdg_program_store_move (MdgDatabase     *db,
                        MdgProgramItem  *item,
                        int              delta,
                        GError         **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *handle;
  guint index;
  int target;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_PROGRAM_ITEM (item), FALSE);
  g_return_val_if_fail (delta == -1 || delta == 1, FALSE);

  items = mdg_program_store_list (db, mdg_program_item_get_seminar_id (item), error);
  if (items == NULL)
    return FALSE;

  for (index = 0; index < items->len; index++)
    if (mdg_program_item_get_id (g_ptr_array_index (items, index)) == mdg_program_item_get_id (item))
      break;

  target = (int) index + delta;
  if (index == items->len || target < 0 || target >= (int) items->len)
    return TRUE;

  g_ptr_array_insert (items, target, g_ptr_array_steal_index (items, index));

  /* Renumber the whole program: positions stay dense whatever happened before. */
  handle = _mdg_database_get_handle (db);
  if (!mdg_database_begin (db, error))
    return FALSE;
  stmt = _mdg_sql_prepare (handle, "UPDATE program_item SET position = ? WHERE id = ?", error);
  for (guint i = 0; stmt != NULL && i < items->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, i + 1);
      sqlite3_bind_int64 (stmt, 2, mdg_program_item_get_id (g_ptr_array_index (items, i)));
      if (!_mdg_sql_step_done (handle, stmt, error))
        {
          mdg_database_rollback (db);
          return FALSE;
        }
    }
  if (stmt == NULL)
    {
      mdg_database_rollback (db);
      return FALSE;
    }
  return mdg_database_commit (db, error);
}
