/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-organization-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-error.h"
#include "mdg-kana.h"
#include "mdg-organization-store-private.h"
#include "mdg-person-store-private.h"
#include "mdg-search-private.h"
#include "mdg-text.h"

#define ORGANIZATION_COLUMNS(o) \
  o ".id, " o ".name, " o ".kana, " o ".industry, " o ".municipality, " o ".note, " o ".address, " o ".employees"

static MdgOrganization *
organization_from_row (sqlite3_stmt *stmt)
{
  static const MdgOrganizationField order[] = {
    MDG_ORGANIZATION_NAME, MDG_ORGANIZATION_KANA, MDG_ORGANIZATION_INDUSTRY, MDG_ORGANIZATION_MUNICIPALITY,
    MDG_ORGANIZATION_NOTE, MDG_ORGANIZATION_ADDRESS,
  };
  MdgOrganization *organization = mdg_organization_new ();

  _mdg_organization_set_id (organization, sqlite3_column_int64 (stmt, 0));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    mdg_organization_set_text (organization, order[i], (const char *) sqlite3_column_text (stmt, 1 + i));
  mdg_organization_set_employees (organization, MAX (0, sqlite3_column_int (stmt, 7)));
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
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_ORGANIZATION (organization), FALSE);

  stmt = _mdg_organization_store_prepare_write (db, mdg_organization_get_id (organization) == 0, error);
  return stmt != NULL && _mdg_organization_store_write (db, stmt, organization, error);
}

/**
 * _mdg_organization_store_find:
 * @db: a #MdgDatabase
 * @stmt: (inout): %NULL the first time; the statement, kept by the caller for the next name
 * @name: an organization's exact name
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the first organization of that name, or %NULL
 *   (with @error set only when reading failed)
 */
MdgOrganization *
_mdg_organization_store_find (MdgDatabase   *db,
                              sqlite3_stmt **stmt,
                              const char    *name,
                              GError       **error)
{
  MdgOrganization *found = NULL;
  int rc;

  if (*stmt == NULL)
    *stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                              "SELECT " ORGANIZATION_COLUMNS ("o") " FROM organization AS o WHERE o.name = ?"
                              " ORDER BY o.id LIMIT 1",
                              error);
  if (*stmt == NULL)
    return NULL;
  sqlite3_reset (*stmt);
  sqlite3_bind_text (*stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (*stmt);
  if (rc == SQLITE_ROW)
    found = organization_from_row (*stmt);
  else if (rc != SQLITE_DONE)
    _mdg_sql_set_error (_mdg_database_get_handle (db), error, _("Could not read the organizations"));
  sqlite3_reset (*stmt);
  return found;
}

typedef struct
{
  GPtrArray *organizations;
  gint64     first_id;
} ManyOrganizations;

/* Text is stored in one width (ﾀｶﾉ → タカノ, ０９２ → 092), whoever saves it. */
static void
normalize_text (MdgOrganization *organization)
{
  for (guint f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
    {
      g_autofree char *normal = mdg_text_normalize (mdg_organization_get_text (organization, f));
      mdg_organization_set_text (organization, f, normal);
    }
}

static void
bind_one_of_many (sqlite3_stmt *stmt,
                  int           first,
                  guint         row,
                  gpointer      data)
{
  ManyOrganizations *many = data;
  MdgOrganization *organization = g_ptr_array_index (many->organizations, row);

  normalize_text (organization);
  sqlite3_bind_int64 (stmt, first, many->first_id + row);
  for (guint f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
    _mdg_sql_bind_text (stmt, first + 1 + f, mdg_organization_get_text (organization, f));
  if (mdg_organization_get_employees (organization) > 0)
    sqlite3_bind_int (stmt, first + 7, mdg_organization_get_employees (organization));
  else
    sqlite3_bind_null (stmt, first + 7);
}

/**
 * _mdg_organization_store_insert_many:
 * @db: a #MdgDatabase inside a write transaction
 * @organizations: (element-type MdgOrganization): new organizations; each gets its id
 * @error: a location for a #GError
 *
 * Inserts many organizations with few statements (an import), ids in order after the
 * highest in use.
 */
gboolean
_mdg_organization_store_insert_many (MdgDatabase  *db,
                                     GPtrArray    *organizations,
                                     GError      **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  ManyOrganizations many = { organizations, _mdg_sql_next_id (handle, "organization", error) };

  if (many.first_id == 0 ||
      !_mdg_sql_insert_rows (handle,
                             "INSERT INTO organization (id, name, kana, industry, municipality, note, address, employees)",
                             8, organizations->len, bind_one_of_many, &many, _("Could not save the organization"),
                             error))
    return FALSE;
  for (guint i = 0; i < organizations->len; i++)
    _mdg_organization_set_id (g_ptr_array_index (organizations, i), many.first_id + i);
  return TRUE;
}

/* The statement that inserts (or updates by id) an organization, prepared once for many. */
sqlite3_stmt *
_mdg_organization_store_prepare_write (MdgDatabase  *db,
                                       gboolean      insert,
                                       GError      **error)
{
  return _mdg_sql_prepare (_mdg_database_get_handle (db),
                           insert ? "INSERT INTO organization (name, kana, industry, municipality, note, address,"
                                    " employees) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id"
                                  : "UPDATE organization SET name = ?1, kana = ?2, industry = ?3, municipality = ?4,"
                                    " note = ?5, address = ?6, employees = ?7 WHERE id = ?8 RETURNING id",
                           error);
}

/**
 * _mdg_organization_store_write:
 * @db: a #MdgDatabase
 * @stmt: from _mdg_organization_store_prepare_write()
 * @organization: the organization; a new one gets its id
 * @error: a location for a #GError
 *
 * Runs @stmt for one organization and resets it for the next.
 */
gboolean
_mdg_organization_store_write (MdgDatabase      *db,
                               sqlite3_stmt     *stmt,
                               MdgOrganization  *organization,
                               GError          **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  gint64 id = mdg_organization_get_id (organization);
  gboolean ok;

  normalize_text (organization);

  if (mdg_organization_get_text (organization, MDG_ORGANIZATION_NAME) == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("An organization needs a name"));
      return FALSE;
    }

  /* The text fields bind in the enum's order, then the number of employees. */
  G_STATIC_ASSERT (MDG_ORGANIZATION_ADDRESS == 5 && MDG_ORGANIZATION_N_FIELDS == 6);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  for (guint f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
    _mdg_sql_bind_text (stmt, f + 1, mdg_organization_get_text (organization, f));
  if (mdg_organization_get_employees (organization) > 0)
    sqlite3_bind_int (stmt, 7, mdg_organization_get_employees (organization));
  if (id != 0)
    sqlite3_bind_int64 (stmt, 8, id);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (sqlite3_errcode (handle) == SQLITE_DONE || sqlite3_errcode (handle) == SQLITE_ROW)
        g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no organization %lld"), (long long) id);
      else
        _mdg_sql_set_error (handle, error, _("Could not save the organization"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  _mdg_organization_set_id (organization, sqlite3_column_int64 (stmt, 0));
  ok = _mdg_sql_step_done (handle, stmt, error);
  sqlite3_reset (stmt);
  return ok;
}

/* What an organization sorts by: its reading, or its name when it has none. */
static char *
organization_reading (gpointer item)
{
  const char *kana = mdg_organization_get_text (item, MDG_ORGANIZATION_KANA);

  return g_strdup (kana ? kana : mdg_organization_get_text (item, MDG_ORGANIZATION_NAME));
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
  gboolean searched;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  stmt = _mdg_search_prepare_list (db, "SELECT " ORGANIZATION_COLUMNS ("o"),
                                   " JOIN organization AS o ON o.id = s.rowid / 4", MDG_SEARCH_KIND_ORGANIZATION, query,
                                   "SELECT " ORGANIZATION_COLUMNS ("o") " FROM organization AS o"
                                   " ORDER BY coalesce(o.kana, o.name) COLLATE kana, o.id LIMIT ?",
                                   limit, &searched, error);
  if (stmt == NULL)
    return NULL;

  /* Search hits come in index order; the list shows them by reading. */
  organizations = collect (db, stmt, error);
  if (organizations != NULL && searched)
    mdg_kana_sort (organizations, organization_reading);
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
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return _mdg_sql_collect_query (_mdg_database_get_handle (db),
                                 "SELECT " MDG_PERSON_COLUMNS ("p", "o") " FROM person AS p"
                                 " LEFT JOIN organization AS o ON o.id = p.organization_id"
                                 " WHERE p.organization_id = ? ORDER BY " MDG_PERSON_KANA_ORDER ("p"),
                                 organization_id, _mdg_person_row, g_object_unref, _("Could not read the people"), error);
}
