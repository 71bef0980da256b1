/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-organization-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-error.h"
#include "mdg-kana.h"
#include "mdg-organization-store.h"
#include "mdg-person-store-private.h"
#include "mdg-search-private.h"
#include "mdg-text.h"

#define ORGANIZATION_COLUMNS(o) \
  o ".id, " o ".name, " o ".kana, " o ".industry, " o ".municipality, " o ".note, " o ".employees"

static MdgOrganization *
organization_from_row (sqlite3_stmt *stmt)
{
  static const MdgOrganizationField order[] = {
    MDG_ORGANIZATION_NAME, MDG_ORGANIZATION_KANA, MDG_ORGANIZATION_INDUSTRY, MDG_ORGANIZATION_MUNICIPALITY,
    MDG_ORGANIZATION_NOTE,
  };
  MdgOrganization *organization = mdg_organization_new ();

  _mdg_organization_set_id (organization, sqlite3_column_int64 (stmt, 0));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    mdg_organization_set_text (organization, order[i], (const char *) sqlite3_column_text (stmt, 1 + i));
  mdg_organization_set_employees (organization, MAX (0, sqlite3_column_int (stmt, 6)));
  return organization;
}

static GPtrArray *
collect (MdgDatabase   *db,
         sqlite3_stmt  *stmt,
         GError       **error)
{
  return _mdg_sql_collect (_mdg_database_get_handle (db), stmt, (MdgRowFunc) organization_from_row, g_object_unref,
                           _("Could not read the organizations"), error);
}

/* Returns: (transfer full): the organization, or %NULL with %MDG_ERROR_NOT_FOUND */
MdgOrganization *
mdg_organization_store_load (MdgDatabase  *db,
                             gint64        id,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                           "SELECT " ORGANIZATION_COLUMNS ("o") " FROM organization AS o WHERE o.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no organization %lld"), (long long) id);
      return NULL;
    }
  return organization_from_row (stmt);
}

/**
 * mdg_organization_store_save:
 * @db: a #MdgDatabase
 * @organization: the organization; a new one (id 0) gets its id
 * @error: a location for a #GError
 */
gboolean
mdg_organization_store_save (MdgDatabase      *db,
                             MdgOrganization  *organization,
                             GError          **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_ORGANIZATION (organization), FALSE);

  for (guint f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
    {
      g_autofree char *normal = mdg_text_normalize (mdg_organization_get_text (organization, f));
      mdg_organization_set_text (organization, f, normal);
    }

  if (mdg_organization_get_text (organization, MDG_ORGANIZATION_NAME) == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("An organization needs a name"));
      return FALSE;
    }

  handle = _mdg_database_get_handle (db);
  id = mdg_organization_get_id (organization);
  stmt = _mdg_sql_prepare (handle,
                           id == 0 ? "INSERT INTO organization (name, kana, industry, municipality, note, employees)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id"
                                   : "UPDATE organization SET name = ?1, kana = ?2, industry = ?3, municipality = ?4,"
                                     " note = ?5, employees = ?6 WHERE id = ?7 RETURNING id",
                           error);
  if (stmt == NULL)
    return FALSE;

  for (guint f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
    _mdg_sql_bind_text (stmt, f + 1, mdg_organization_get_text (organization, f));
  if (mdg_organization_get_employees (organization) > 0)
    sqlite3_bind_int (stmt, 6, mdg_organization_get_employees (organization));
  if (id != 0)
    sqlite3_bind_int64 (stmt, 7, id);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (sqlite3_errcode (handle) == SQLITE_DONE || sqlite3_errcode (handle) == SQLITE_ROW)
        g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no organization %lld"), (long long) id);
      else
        _mdg_sql_set_error (handle, error, _("Could not save the organization"));
      return FALSE;
    }
  _mdg_organization_set_id (organization, sqlite3_column_int64 (stmt, 0));
  return _mdg_sql_step_done (handle, stmt, error);
}

static int
compare_kana (gconstpointer a,
              gconstpointer b)
{
  MdgOrganization *oa = *(MdgOrganization **) a, *ob = *(MdgOrganization **) b;
  const char *ka = mdg_organization_get_text (oa, MDG_ORGANIZATION_KANA);
  const char *kb = mdg_organization_get_text (ob, MDG_ORGANIZATION_KANA);

  return mdg_kana_compare (ka ? ka : mdg_organization_get_text (oa, MDG_ORGANIZATION_NAME), -1,
                           kb ? kb : mdg_organization_get_text (ob, MDG_ORGANIZATION_NAME), -1);
}

/**
 * mdg_organization_store_list:
 * @db: a #MdgDatabase
 * @query: (nullable): name, reading (any kana script) or municipality; %NULL for all
 * @limit: the most to return
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgOrganization): in kana order
 */
GPtrArray *
mdg_organization_store_list (MdgDatabase  *db,
                             const char   *query,
                             guint         limit,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *organizations;
  GError *local_error = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  if (query != NULL)
    stmt = _mdg_search_prepare (db, "SELECT " ORGANIZATION_COLUMNS ("o"),
                                " JOIN organization AS o ON o.id = s.rowid / 4", MDG_SEARCH_KIND_ORGANIZATION, query,
                                limit, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (stmt == NULL)
    {
      stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                               "SELECT " ORGANIZATION_COLUMNS ("o") " FROM organization AS o"
                               " ORDER BY coalesce(o.kana, o.name) COLLATE kana, o.id LIMIT ?",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int (stmt, 1, limit);
      return collect (db, stmt, error);
    }

  organizations = collect (db, stmt, error);
  if (organizations != NULL)
    g_ptr_array_sort (organizations, compare_kana);
  return organizations;
}

/* mdg_organization_store_list() in a worker thread, on its own connection. */
void
mdg_organization_store_list_async (MdgDatabase         *db,
                                   const char          *query,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  _mdg_database_query_async (db, mdg_organization_store_list, query, limit, mdg_organization_store_list_async, cancellable,
                             callback, user_data);
}

/* Returns: (transfer container) (element-type MdgOrganization): the organizations */
GPtrArray *
mdg_organization_store_list_finish (MdgDatabase   *db,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_organization_store_list_async, error);
}

/**
 * mdg_organization_store_list_people:
 * @db: a #MdgDatabase
 * @organization_id: an organization
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgPerson): its people, in kana order
 */
GPtrArray *
mdg_organization_store_list_people (MdgDatabase  *db,
                                    gint64        organization_id,
                                    GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                           "SELECT " MDG_PERSON_COLUMNS ("p", "o") " FROM person AS p"
                           " LEFT JOIN organization AS o ON o.id = p.organization_id"
                           " WHERE p.organization_id = ? ORDER BY " MDG_PERSON_KANA_ORDER ("p"),
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  return _mdg_sql_collect (_mdg_database_get_handle (db), stmt, _mdg_person_row, g_object_unref,
                           _("Could not read the people"), error);
}
