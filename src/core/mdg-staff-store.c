/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-staff-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-category-private.h"
#include "mdg-error.h"
#include "mdg-staff-store.h"

#define SELECT_STAFF "SELECT s.id, s.name, s.kana, s.email, s.role, s.active FROM staff AS s"
#define STAFF_ORDER "coalesce(s.kana, s.name) COLLATE kana, s.id"

static gpointer
staff_row (sqlite3_stmt *stmt)
{
  MdgStaffRole role = MDG_STAFF_ROLE_FIRST_LINE;
  MdgStaff *staff;

  mdg_staff_role_from_string ((const char *) sqlite3_column_text (stmt, 4), &role);
  staff = mdg_staff_new ((const char *) sqlite3_column_text (stmt, 1), role);
  _mdg_staff_set_id (staff, sqlite3_column_int64 (stmt, 0));
  mdg_staff_set_kana (staff, (const char *) sqlite3_column_text (stmt, 2));
  mdg_staff_set_email (staff, (const char *) sqlite3_column_text (stmt, 3));
  mdg_staff_set_active (staff, sqlite3_column_int (stmt, 5));
  return staff;
}

/* Gives every staff member of @staff their areas, with one query; @areas borrows @by_id's keys. */
static gboolean
load_areas (MdgDatabase  *db,
            GPtrArray    *staff,
            GError      **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) areas = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  for (guint i = 0; i < staff->len; i++)
    {
      MdgStaff *member = g_ptr_array_index (staff, i);
      gint64 *id = g_new (gint64, 1);

      *id = mdg_staff_get_id (member);
      g_hash_table_insert (by_id, id, member);
      g_hash_table_insert (areas, id, g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_category_unref));
    }

  stmt = _mdg_sql_prepare (handle,
                           "SELECT a.staff_id, " MDG_CATEGORY_COLUMNS ("c") " FROM staff_area AS a"
                           " JOIN category AS c ON c.id = a.category_id ORDER BY a.staff_id, c.scheme, c.position",
                           error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 staff_id = sqlite3_column_int64 (stmt, 0);
      GPtrArray *list = g_hash_table_lookup (areas, &staff_id);

      if (list != NULL)
        g_ptr_array_add (list, _mdg_category_from_row (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    {
      _mdg_sql_set_error (handle, error, _("Could not read the staff’s areas"));
      return FALSE;
    }

  g_hash_table_iter_init (&iter, areas);
  while (g_hash_table_iter_next (&iter, &key, &value))
    mdg_staff_set_areas (g_hash_table_lookup (by_id, key), value);
  return TRUE;
}

static GPtrArray *
collect_staff (MdgDatabase   *db,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(GPtrArray) staff = _mdg_sql_collect (_mdg_database_get_handle (db), stmt, staff_row, g_object_unref,
                                                 _("Could not read the staff"), error);

  if (staff == NULL || !load_areas (db, staff, error))
    return NULL;
  return g_steal_pointer (&staff);
}

/**
 * mdg_staff_store_save:
 * @db: a #MdgDatabase
 * @staff: a staff member; a new one (id 0) gets its id
 * @error: a location for a #GError
 *
 * Saves a staff member with their areas, in one transaction.
 */
gboolean
mdg_staff_store_save (MdgDatabase  *db,
                      MdgStaff     *staff,
                      GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) add = NULL;
  GPtrArray *areas;
  gint64 id;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_STAFF (staff), FALSE);

  if (mdg_staff_get_name (staff) == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("A staff member needs a name"));
      return FALSE;
    }

  handle = _mdg_database_get_handle (db);
  if (!mdg_database_begin (db, error))
    return FALSE;

  id = mdg_staff_get_id (staff);
  stmt = _mdg_sql_prepare (handle,
                           id == 0 ? "INSERT INTO staff (name, kana, email, role, active) VALUES (?1, ?2, ?3, ?4, ?5)"
                                     " RETURNING id"
                                   : "UPDATE staff SET name = ?1, kana = ?2, email = ?3, role = ?4, active = ?5"
                                     " WHERE id = ?6 RETURNING id",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, mdg_staff_get_name (staff), -1, SQLITE_STATIC);
  _mdg_sql_bind_text (stmt, 2, mdg_staff_get_kana (staff));
  _mdg_sql_bind_text (stmt, 3, mdg_staff_get_email (staff));
  sqlite3_bind_text (stmt, 4, mdg_staff_role_to_string (mdg_staff_get_role (staff)), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, mdg_staff_get_active (staff));
  if (id != 0)
    sqlite3_bind_int64 (stmt, 6, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (sqlite3_errcode (handle) == SQLITE_DONE || sqlite3_errcode (handle) == SQLITE_ROW)
        g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no staff member %lld"), (long long) id);
      else
        _mdg_sql_set_error (handle, error, _("Could not save the staff member"));
      goto fail;
    }
  id = sqlite3_column_int64 (stmt, 0);
  if (!_mdg_sql_step_done (handle, stmt, error))
    goto fail;

  clear = _mdg_sql_prepare (handle, "DELETE FROM staff_area WHERE staff_id = ?", error);
  add = _mdg_sql_prepare (handle, "INSERT OR IGNORE INTO staff_area (staff_id, category_id) VALUES (?, ?)", error);
  if (clear == NULL || add == NULL)
    goto fail;
  sqlite3_bind_int64 (clear, 1, id);
  if (!_mdg_sql_step_done (handle, clear, error))
    goto fail;
  areas = mdg_staff_get_areas (staff);
  for (guint i = 0; i < areas->len; i++)
    {
      MdgCategory *category = g_ptr_array_index (areas, i);

      sqlite3_reset (add);
      sqlite3_bind_int64 (add, 1, id);
      sqlite3_bind_int64 (add, 2, category->id);
      if (!_mdg_sql_step_done (handle, add, error))
        goto fail;
    }

  if (!mdg_database_commit (db, error))
    return FALSE;
  _mdg_staff_set_id (staff, id);
  return TRUE;

fail:
  mdg_database_rollback (db);
  return FALSE;
}

/* Returns: (transfer full): the staff member, or %NULL with %MDG_ERROR_NOT_FOUND */
MdgStaff *
mdg_staff_store_load (MdgDatabase  *db,
                      gint64        id,
                      GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), SELECT_STAFF " WHERE s.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!(found = collect_staff (db, stmt, error)))
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no staff member %lld"), (long long) id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (found, 0));
}

/* Spaces, ASCII or ideographic, that people put between family and given name or not. */
static char *
without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/**
 * mdg_staff_store_find:
 * @db: a #MdgDatabase
 * @id_or_name: a staff member's number, or their name (spaces do not matter)
 * @error: a location for a #GError
 *
 * Finds who someone means on the command line (`--as 佐藤`) or in a setting.
 *
 * Returns: (transfer full): the staff member, or %NULL with %MDG_ERROR_NOT_FOUND (or
 *   %MDG_ERROR_INVALID when the name is shared)
 */
MdgStaff *
mdg_staff_store_find (MdgDatabase  *db,
                      const char   *id_or_name,
                      GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *name = NULL;
  guint64 id;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  if (g_ascii_string_to_unsigned (id_or_name, 10, 1, G_MAXINT64, &id, NULL))
    return mdg_staff_store_load (db, (gint64) id, error);

  name = without_spaces (id_or_name);
  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                           SELECT_STAFF " WHERE replace(replace(s.name, ' ', ''), '　', '') = ?1"
                           " OR replace(replace(s.kana, ' ', ''), '　', '') = ?1 ORDER BY s.active DESC, s.id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!(found = collect_staff (db, stmt, error)))
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no staff member “%s”"), id_or_name);
      return NULL;
    }
  if (found->len > 1 && mdg_staff_get_active (g_ptr_array_index (found, 1)))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("More than one staff member is called “%s”: give their number instead"), id_or_name);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (found, 0));
}

/* Returns: (transfer container) (element-type MdgStaff): the staff in kana order */
GPtrArray *
mdg_staff_store_list (MdgDatabase  *db,
                      gboolean      include_inactive,
                      GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                           SELECT_STAFF " WHERE ?1 OR s.active ORDER BY " STAFF_ORDER, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive);
  return collect_staff (db, stmt, error);
}

/* Returns: (transfer full): "[1,2,3]", for json_each() */
char *
_mdg_ids_to_json (GArray *ids)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; ids && i < ids->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

/**
 * mdg_staff_store_suggest:
 * @db: a #MdgDatabase
 * @category_ids: (element-type gint64) (nullable): the consultation's categories
 * @error: a location for a #GError
 *
 * Whom to dispatch a consultation to: every active second-line specialist, those who
 * handle most of its categories first (an area that is a guidebook chapter covers its
 * sections), then those with the fewest consultations waiting for them.
 *
 * Returns: (transfer container) (element-type MdgStaffSuggestion): the specialists
 */
GPtrArray *
mdg_staff_store_suggest (MdgDatabase  *db,
                         GArray       *category_ids,
                         GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_staff_suggestion_free);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *json = _mdg_ids_to_json (category_ids);
  int rc;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "SELECT s.id,"
                           " (SELECT count(*) FROM json_each(?1) AS j JOIN category AS c ON c.id = j.value"
                           "  WHERE EXISTS (SELECT 1 FROM staff_area AS a WHERE a.staff_id = s.id"
                           "  AND a.category_id IN (c.id, c.parent_id))),"
                           " (SELECT count(*) FROM consultation AS k WHERE k.assignee_id = s.id"
                           "  AND k.state IN ('dispatched', 'in-progress'))"
                           " FROM staff AS s WHERE s.active AND s.role = 'second-line'",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      guint *pair = g_new (guint, 2);

      *id = sqlite3_column_int64 (stmt, 0);
      pair[0] = sqlite3_column_int (stmt, 1);
      pair[1] = sqlite3_column_int (stmt, 2);
      g_hash_table_insert (counts, id, pair);
    }
  if (rc != SQLITE_DONE)
    {
      _mdg_sql_set_error (handle, error, _("Could not read the staff"));
      return NULL;
    }

  if (!(staff = mdg_staff_store_list (db, FALSE, error)))
    return NULL;
  for (guint i = 0; i < staff->len; i++)
    {
      MdgStaff *member = g_ptr_array_index (staff, i);
      gint64 id = mdg_staff_get_id (member);
      guint *pair = g_hash_table_lookup (counts, &id);
      MdgStaffSuggestion *suggestion;

      if (pair == NULL)
        continue;
      suggestion = g_new0 (MdgStaffSuggestion, 1);
      suggestion->staff = g_object_ref (member);
      suggestion->matching_areas = pair[0];
      suggestion->open = pair[1];
      g_ptr_array_add (suggestions, suggestion);
    }

  /* Stable: equals stay in kana order. */
  for (guint i = 1; i < suggestions->len; i++)
    for (guint j = i; j > 0; j--)
      {
        MdgStaffSuggestion *a = suggestions->pdata[j - 1], *b = suggestions->pdata[j];

        if (a->matching_areas > b->matching_areas || (a->matching_areas == b->matching_areas && a->open <= b->open))
          break;
        suggestions->pdata[j - 1] = b;
        suggestions->pdata[j] = a;
      }
  return g_steal_pointer (&suggestions);
}

/* mdg_staff_store_suggest() for a saved consultation's categories. */
GPtrArray *
mdg_staff_store_suggest_for (MdgDatabase  *db,
                             gint64        consultation_id,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                           "SELECT category_id FROM consultation_category WHERE consultation_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, consultation_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return mdg_staff_store_suggest (db, ids, error);
}

/**
 * _mdg_staff_store_check_actor:
 * @db: a #MdgDatabase
 * @actor_id: who makes a change
 * @error: a location for a #GError
 *
 * Every change to a consultation or follow-up records who made it: refuses a change
 * by nobody, or by someone who is not (or no longer) on the staff.
 *
 * Returns: @actor_id, or 0 with @error set
 */
gint64
_mdg_staff_store_check_actor (MdgDatabase  *db,
                              gint64        actor_id,
                              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (actor_id <= 0)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("Who is making this change? Choose the current staff member in Preferences "
                             "(or with --as in madoguchi-cli)."));
      return 0;
    }
  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), "SELECT active FROM staff WHERE id = ?", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, actor_id);
  if (sqlite3_step (stmt) != SQLITE_ROW || !sqlite3_column_int (stmt, 0))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("Staff member %lld is not on the active staff; choose another current staff member"),
                   (long long) actor_id);
      return 0;
    }
  return actor_id;
}
