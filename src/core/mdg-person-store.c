/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-person-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-attendee.h"
#include "mdg-consultation-private.h"
#include "mdg-consultation-store.h"
#include "mdg-error.h"
#include "mdg-kana.h"
#include "mdg-person-store-private.h"
#include "mdg-search-private.h"
#include "mdg-text.h"

#define SELECT_PERSON \
  "SELECT " MDG_PERSON_COLUMNS ("p", "o") " FROM person AS p LEFT JOIN organization AS o ON o.id = p.organization_id"

void
mdg_person_seminar_free (MdgPersonSeminar *entry)
{
  g_free (entry->title);
  g_clear_pointer (&entry->starts_at, g_date_time_unref);
  g_free (entry);
}

/* Reads the MDG_PERSON_COLUMNS starting at @first_column. */
MdgPerson *
_mdg_person_from_row (sqlite3_stmt *stmt,
                      int           first_column)
{
  MdgPerson *person = mdg_person_new ();
  static const MdgPersonField order[] = {
    MDG_PERSON_FAMILY_NAME, MDG_PERSON_GIVEN_NAME, MDG_PERSON_FAMILY_KANA, MDG_PERSON_GIVEN_KANA,
    MDG_PERSON_ORGANIZATION, MDG_PERSON_TITLE, MDG_PERSON_DEPARTMENT, MDG_PERSON_EMAIL, MDG_PERSON_PHONE,
    MDG_PERSON_CONSENT_PURPOSE,
  };
  int c = first_column;

  _mdg_person_set_identity (person, sqlite3_column_int64 (stmt, c), (const char *) sqlite3_column_text (stmt, c + 1),
                            sqlite3_column_int64 (stmt, c + 2), (const char *) sqlite3_column_text (stmt, c + 3));
  mdg_person_set_consent (person, sqlite3_column_int (stmt, c + 4));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    mdg_person_set_text (person, order[i], (const char *) sqlite3_column_text (stmt, c + 5 + i));
  return person;
}

/* A #MdgRowFunc: the person whose MDG_PERSON_COLUMNS start the row. */
gpointer
_mdg_person_row (sqlite3_stmt *stmt)
{
  return _mdg_person_from_row (stmt, 0);
}

/* Returns: the organization of that exact name, created when new; 0 for no name, -1 on error */
static gint64
ensure_organization (sqlite3     *handle,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  if (name == NULL)
    return 0;

  find = _mdg_sql_prepare (handle, "SELECT id FROM organization WHERE name = ? LIMIT 1", error);
  if (find == NULL)
    return -1;
  sqlite3_bind_text (find, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (find) == SQLITE_ROW)
    return sqlite3_column_int64 (find, 0);

  insert = _mdg_sql_prepare (handle, "INSERT INTO organization (name) VALUES (?) RETURNING id", error);
  if (insert == NULL)
    return -1;
  sqlite3_bind_text (insert, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (insert) != SQLITE_ROW)
    {
      _mdg_sql_set_error (handle, error, _("Could not save the organization"));
      return -1;
    }
  return sqlite3_column_int64 (insert, 0);
}

/* For the other stores: ensure_organization() inside the caller's transaction. */
gint64
_mdg_person_store_ensure_organization (MdgDatabase  *db,
                                       const char   *name,
                                       GError      **error)
{
  return ensure_organization (_mdg_database_get_handle (db), name, error);
}

/* Binds a person's values from @first on: nine texts, organization, consent, consent date. */
static void
bind_person (sqlite3_stmt *stmt,
             int           first,
             MdgPerson    *person,
             gint64        organization_id,
             const char   *consent_at)
{
  static const MdgPersonField order[] = {
    MDG_PERSON_FAMILY_NAME, MDG_PERSON_GIVEN_NAME, MDG_PERSON_FAMILY_KANA, MDG_PERSON_GIVEN_KANA,
    MDG_PERSON_TITLE, MDG_PERSON_DEPARTMENT, MDG_PERSON_EMAIL, MDG_PERSON_PHONE, MDG_PERSON_CONSENT_PURPOSE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    _mdg_sql_bind_text (stmt, first + i, mdg_person_get_text (person, order[i]));
  if (organization_id > 0)
    sqlite3_bind_int64 (stmt, first + 9, organization_id);
  else
    sqlite3_bind_null (stmt, first + 9);
  sqlite3_bind_int (stmt, first + 10, mdg_person_get_consent (person));
  _mdg_sql_bind_text (stmt, first + 11, consent_at);
}

/**
 * _mdg_person_store_prepare_write:
 * @db: a #MdgDatabase
 * @insert: %TRUE to insert new people, %FALSE to update people by id
 * @error: a location for a #GError
 *
 * The statement that writes a person, prepared once for many (an import writes
 * thousands with it); run it with _mdg_person_store_write().
 *
 * Returns: (transfer full): the statement, or %NULL with @error set
 */
sqlite3_stmt *
_mdg_person_store_prepare_write (MdgDatabase  *db,
                                 gboolean      insert,
                                 GError      **error)
{
  /* Consent is dated when given (?12, or now), kept while it stands, and cleared when withdrawn. */
  if (insert)
    return _mdg_sql_prepare (_mdg_database_get_handle (db),
                             "INSERT INTO person (family_name, given_name, family_kana, given_kana, title,"
                             " department, email, phone, consent_purpose, organization_id, consent_contact,"
                             " consent_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                             " CASE WHEN ?11 THEN coalesce(?12, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) END)"
                             " RETURNING id, uuid, organization_id, consent_at",
                             error);
  return _mdg_sql_prepare (_mdg_database_get_handle (db),
                           "UPDATE person SET family_name = ?1, given_name = ?2, family_kana = ?3,"
                           " given_kana = ?4, title = ?5, department = ?6, email = ?7, phone = ?8,"
                           " consent_purpose = ?9, organization_id = ?10, consent_contact = ?11,"
                           " consent_at = CASE WHEN NOT ?11 THEN NULL"
                           "  WHEN consent_at IS NULL THEN coalesce(?12, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
                           "  ELSE consent_at END"
                           " WHERE id = ?13 RETURNING id, uuid, organization_id, consent_at",
                           error);
}

/**
 * _mdg_person_store_write:
 * @db: a #MdgDatabase inside a transaction
 * @stmt: from _mdg_person_store_prepare_write()
 * @person: the person; a new one gets its id
 * @organization_id: their organization, or 0
 * @consent_at: (nullable): when consent was given (ISO 8601), or %NULL for now
 * @error: a location for a #GError
 *
 * Runs @stmt for one person and resets it for the next.
 */
gboolean
_mdg_person_store_write (MdgDatabase   *db,
                         sqlite3_stmt  *stmt,
                         MdgPerson     *person,
                         gint64         organization_id,
                         const char    *consent_at,
                         GError       **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  gint64 id = mdg_person_get_id (person);
  gboolean ok = FALSE;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  bind_person (stmt, 1, person, organization_id, consent_at);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 13, id);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      _mdg_person_set_identity (person, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
                                sqlite3_column_int64 (stmt, 2), (const char *) sqlite3_column_text (stmt, 3));
      ok = _mdg_sql_step_done (handle, stmt, error);
      break;
    case SQLITE_DONE:
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no person %lld"), (long long) id);
      break;
    default:
      _mdg_sql_set_error (handle, error, _("Could not save the person"));
    }
  sqlite3_reset (stmt);
  return ok;
}

typedef struct
{
  GPtrArray     *people;
  const gint64  *organization_ids;
  const char   **consent_at;
  gint64         first_id;
} ManyPeople;

static void
bind_one_of_many (sqlite3_stmt *stmt,
                  int           first,
                  guint         row,
                  gpointer      data)
{
  ManyPeople *many = data;
  MdgPerson *person = g_ptr_array_index (many->people, row);

  sqlite3_bind_int64 (stmt, first, many->first_id + row);
  bind_person (stmt, first + 1, person, many->organization_ids[row],
               mdg_person_get_consent (person) ? many->consent_at[row] : NULL);
}

/**
 * _mdg_person_store_insert_many:
 * @db: a #MdgDatabase inside a write transaction
 * @people: (element-type MdgPerson): new people; each gets its id
 * @organization_ids: (array): each one's organization, or 0
 * @consent_at: (array): when each one gave consent (ISO 8601), %NULL for those who did not
 * @error: a location for a #GError
 *
 * Inserts many people with few statements (an import): ids are given in order after
 * the highest in use, which the write transaction keeps for itself.
 */
gboolean
_mdg_person_store_insert_many (MdgDatabase   *db,
                               GPtrArray     *people,
                               const gint64  *organization_ids,
                               const char   **consent_at,
                               GError       **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  ManyPeople many = { people, organization_ids, consent_at, _mdg_sql_next_id (handle, "person", error) };

  if (many.first_id == 0 ||
      !_mdg_sql_insert_rows (handle,
                             "INSERT INTO person (id, family_name, given_name, family_kana, given_kana, title,"
                             " department, email, phone, consent_purpose, organization_id, consent_contact, consent_at)",
                             13, people->len, bind_one_of_many, &many, _("Could not save the person"), error))
    return FALSE;
  for (guint i = 0; i < people->len; i++)
    {
      MdgPerson *person = g_ptr_array_index (people, i);

      _mdg_person_set_identity (person, many.first_id + i, NULL, organization_ids[i],
                                mdg_person_get_consent (person) ? consent_at[i] : NULL);
    }
  return TRUE;
}

/* Writes @person (new when its id is 0); the caller holds the transaction. */
static gboolean
write_person (MdgDatabase  *db,
              MdgPerson    *person,
              GError      **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 organization_id;

  /* One spelling in the database, whatever width was typed or imported (ﾀｶﾉ, ０９２). */
  for (guint f = 0; f < MDG_PERSON_N_FIELDS; f++)
    {
      g_autofree char *normal = mdg_text_normalize (mdg_person_get_text (person, f));
      mdg_person_set_text (person, f, normal);
    }

  if (!mdg_person_validate (person, error))
    return FALSE;

  organization_id = ensure_organization (handle, mdg_person_get_text (person, MDG_PERSON_ORGANIZATION), error);
  if (organization_id < 0)
    return FALSE;

  stmt = _mdg_person_store_prepare_write (db, mdg_person_get_id (person) == 0, error);
  return stmt != NULL && _mdg_person_store_write (db, stmt, person, organization_id, NULL, error);
}

/**
 * _mdg_person_store_insert:
 * @db: a #MdgDatabase inside a transaction
 * @person: a new person; gets its id
 * @error: a location for a #GError
 *
 * Returns: the new id, or 0 with @error set
 */
gint64
_mdg_person_store_insert (MdgDatabase  *db,
                          MdgPerson    *person,
                          GError      **error)
{
  g_return_val_if_fail (mdg_person_get_id (person) == 0, 0);

  return write_person (db, person, error) ? mdg_person_get_id (person) : 0;
}

/**
 * mdg_person_store_save:
 * @db: a #MdgDatabase
 * @person: the person; a new one (id 0) gets its id
 * @error: a location for a #GError
 *
 * Saves a person with their organization (found by its exact name, or created).
 */
gboolean
mdg_person_store_save (MdgDatabase  *db,
                       MdgPerson    *person,
                       GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_PERSON (person), FALSE);

  if (!mdg_database_begin (db, error))
    return FALSE;
  if (!write_person (db, person, error))
    {
      mdg_database_rollback (db);
      return FALSE;
    }
  return mdg_database_commit (db, error);
}

/* Returns: (transfer full): the person, or %NULL with %MDG_ERROR_NOT_FOUND */
MdgPerson *
mdg_person_store_load (MdgDatabase  *db,
                       gint64        id,
                       GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), SELECT_PERSON " WHERE p.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no person %lld"), (long long) id);
      return NULL;
    }
  return _mdg_person_from_row (stmt, 0);
}

static GPtrArray *
collect_people (MdgDatabase   *db,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  return _mdg_sql_collect (_mdg_database_get_handle (db), stmt, _mdg_person_row, g_object_unref,
                           _("Could not read the people"), error);
}

/**
 * mdg_person_store_find_duplicates:
 * @db: a #MdgDatabase
 * @person: a person about to be saved
 * @error: a location for a #GError
 *
 * Other people who are probably the same: the same e-mail address (in any case), or
 * the same name at the same organization.
 *
 * Returns: (transfer container) (element-type MdgPerson): the likely duplicates
 */
GPtrArray *
mdg_person_store_find_duplicates (MdgDatabase  *db,
                                  MdgPerson    *person,
                                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (MDG_IS_PERSON (person), NULL);

  return _mdg_person_store_match (db, &stmt, person, error);
}

/**
 * _mdg_person_store_match:
 * @db: a #MdgDatabase
 * @stmt: (inout): %NULL the first time; the statement, kept by the caller for the next person
 * @person: a person about to be saved
 * @error: a location for a #GError
 *
 * mdg_person_store_find_duplicates() with its statement prepared once, for an import
 * that looks up thousands of people.
 *
 * Returns: (transfer container) (element-type MdgPerson): the likely duplicates
 */
GPtrArray *
_mdg_person_store_match (MdgDatabase   *db,
                         sqlite3_stmt **stmt,
                         MdgPerson     *person,
                         GError       **error)
{
  GPtrArray *found;

  if (*stmt == NULL)
    *stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                              SELECT_PERSON
                              " WHERE p.id <> ?1 AND ((?2 IS NOT NULL AND p.email = ?2 COLLATE NOCASE)"
                              /* Blank text is stored as NULL, so IS compares like "=" and keeps the
                               * (family_name, given_name) index usable for both columns. */
                              " OR (p.family_name = ?3 AND p.given_name IS ?4 AND o.name IS ?5))"
                              " ORDER BY p.id LIMIT 20",
                              error);
  if (*stmt == NULL)
    return NULL;

  sqlite3_reset (*stmt);
  sqlite3_bind_int64 (*stmt, 1, mdg_person_get_id (person));
  _mdg_sql_bind_text (*stmt, 2, mdg_person_get_text (person, MDG_PERSON_EMAIL));
  _mdg_sql_bind_text (*stmt, 3, mdg_person_get_text (person, MDG_PERSON_FAMILY_NAME));
  _mdg_sql_bind_text (*stmt, 4, mdg_person_get_text (person, MDG_PERSON_GIVEN_NAME));
  _mdg_sql_bind_text (*stmt, 5, mdg_person_get_text (person, MDG_PERSON_ORGANIZATION));
  found = collect_people (db, *stmt, error);
  sqlite3_reset (*stmt);
  return found;
}

/**
 * mdg_person_store_list:
 * @db: a #MdgDatabase
 * @query: (nullable): what the user typed: names, kana in any script, e-mail; %NULL for everyone
 * @limit: the most people to return
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgPerson): the people, in kana order
 */
GPtrArray *
mdg_person_store_list (MdgDatabase  *db,
                       const char   *query,
                       guint         limit,
                       GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *people;
  gboolean searched;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  stmt = _mdg_search_prepare_list (db, "SELECT " MDG_PERSON_COLUMNS ("p", "o"),
                                   " JOIN person AS p ON p.id = s.rowid / 4"
                                   " LEFT JOIN organization AS o ON o.id = p.organization_id",
                                   MDG_SEARCH_KIND_PERSON, query,
                                   SELECT_PERSON " ORDER BY " MDG_PERSON_KANA_ORDER ("p") " LIMIT ?", limit, &searched,
                                   error);
  if (stmt == NULL)
    return NULL;

  /* Search hits come in index order; the list shows them by reading. */
  people = collect_people (db, stmt, error);
  if (people != NULL && searched)
    mdg_kana_sort (people, (MdgKanaReadingFunc) mdg_person_dup_kana);
  return people;
}

/**
 * mdg_person_store_list_async:
 * @db: a #MdgDatabase
 * @query: (nullable): as for mdg_person_store_list()
 * @limit: the most people
 * @cancellable: (nullable): a #GCancellable; cancel it when the query changes
 * @callback: called when the people are read
 * @user_data: data for @callback
 *
 * mdg_person_store_list() in a worker thread: a short query scans the search index,
 * which takes longer than a frame on a large database.
 */
void
mdg_person_store_list_async (MdgDatabase         *db,
                             const char          *query,
                             guint                limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  _mdg_database_query_async (db, mdg_person_store_list, query, limit, mdg_person_store_list_async, cancellable,
                             callback, user_data);
}

/* Returns: (transfer container) (element-type MdgPerson): the people */
GPtrArray *
mdg_person_store_list_finish (MdgDatabase   *db,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_person_store_list_async, error);
}

static gpointer
person_seminar_row (sqlite3_stmt *stmt)
{
  MdgPersonSeminar *entry = g_new0 (MdgPersonSeminar, 1);

  entry->seminar_id = sqlite3_column_int64 (stmt, 0);
  entry->title = _mdg_sql_column_dup (stmt, 1);
  entry->starts_at = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 2));
  mdg_registration_status_from_string ((const char *) sqlite3_column_text (stmt, 3), &entry->status);
  entry->checked_in = sqlite3_column_int (stmt, 4);
  return entry;
}

/**
 * mdg_person_store_list_seminars:
 * @db: a #MdgDatabase
 * @person_id: a person
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgPersonSeminar): the seminars the
 *   person registered for, newest first
 */
GPtrArray *
mdg_person_store_list_seminars (MdgDatabase  *db,
                                gint64        person_id,
                                GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return _mdg_sql_collect_query (_mdg_database_get_handle (db),
                                 "SELECT s.id, s.title, s.starts_at, r.status, r.checked_in_at IS NOT NULL"
                                 " FROM registration AS r JOIN seminar AS s ON s.id = r.seminar_id"
                                 " WHERE r.person_id = ? ORDER BY s.starts_at DESC",
                                 person_id, person_seminar_row, (GDestroyNotify) mdg_person_seminar_free,
                                 _("Could not read the person’s seminars"), error);
}

/**
 * mdg_person_store_merge:
 * @db: a #MdgDatabase
 * @keep_id: the person who stays
 * @remove_id: the duplicate, merged into @keep_id and removed
 * @error: a location for a #GError
 *
 * Moves the duplicate's registrations and consultations to the person who stays (a
 * seminar both registered for keeps one registration), fills the fields the person
 * who stays left blank, and removes the duplicate. All or nothing.
 */
gboolean
mdg_person_store_merge (MdgDatabase  *db,
                        gint64        keep_id,
                        gint64        remove_id,
                        GError      **error)
{
  static const char *steps[] = {
    "UPDATE registration SET person_id = ?1 WHERE person_id = ?2"
    " AND seminar_id NOT IN (SELECT seminar_id FROM registration WHERE person_id = ?1)",
    "DELETE FROM registration WHERE person_id = ?2",
    "UPDATE consultation SET person_id = ?1 WHERE person_id = ?2",
    "UPDATE draft SET person_id = ?1 WHERE person_id = ?2",
    "UPDATE draft_field SET value = ?1 WHERE name = 'person-id' AND value = ?2",
    "UPDATE person SET"
    " given_name = coalesce(given_name, (SELECT given_name FROM person WHERE id = ?2)),"
    " family_kana = coalesce(family_kana, (SELECT family_kana FROM person WHERE id = ?2)),"
    " given_kana = coalesce(given_kana, (SELECT given_kana FROM person WHERE id = ?2)),"
    " title = coalesce(title, (SELECT title FROM person WHERE id = ?2)),"
    " department = coalesce(department, (SELECT department FROM person WHERE id = ?2)),"
    " email = coalesce(email, (SELECT email FROM person WHERE id = ?2)),"
    " phone = coalesce(phone, (SELECT phone FROM person WHERE id = ?2)),"
    " organization_id = coalesce(organization_id, (SELECT organization_id FROM person WHERE id = ?2))"
    " WHERE id = ?1",
    "DELETE FROM person WHERE id = ?2",
  };
  sqlite3 *handle;
  g_autoptr(MdgPerson) keep = NULL;
  g_autoptr(MdgPerson) removed = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  if (keep_id == remove_id)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("A person cannot be merged with themselves"));
      return FALSE;
    }
  if (!(keep = mdg_person_store_load (db, keep_id, error)) || !(removed = mdg_person_store_load (db, remove_id, error)))
    return FALSE;

  handle = _mdg_database_get_handle (db);
  if (!mdg_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!_mdg_sql_exec_values (handle, steps[i], keep_id, remove_id, NULL, error))
      {
        mdg_database_rollback (db);
        return FALSE;
      }
  return mdg_database_commit (db, error);
}

/* Returns: (nullable): the uuid of person @id, which names them in a backup too */
static char *
person_uuid (MdgDatabase *db,
             gint64       id)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                                                   "SELECT uuid FROM person WHERE id = ?", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW ? _mdg_sql_column_dup (stmt, 0) : NULL;
}

/**
 * _mdg_person_store_erase:
 * @handle: a connection inside a transaction
 * @id: the person
 * @error: a location for a #GError
 *
 * The rows half of mdg_person_store_delete(), for a caller that holds the transaction
 * (a sync applying a deletion made on another laptop). Before it commits, the caller
 * rewrites the search index (_mdg_person_store_erase_index()); after, it calls
 * _mdg_person_store_erased().
 */
gboolean
_mdg_person_store_erase (sqlite3  *handle,
                         gint64    id,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_mdg_sql_exec_values (handle, "UPDATE registration SET survey = NULL, questions = NULL, answers = NULL"
                             " WHERE person_id = ?1", id, 0, NULL, error) ||
      !_mdg_consultation_store_forget_person (handle, id, error))
    return FALSE;

  stmt = _mdg_sql_prepare (handle, "DELETE FROM person WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_mdg_sql_step_done (handle, stmt, error))
    return FALSE;
  if (sqlite3_changes (handle) == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no person %lld"), (long long) id);
      return FALSE;
    }
  return TRUE;
}

/* FTS5 keeps deleted tokens in older segments until they are merged: merged here, in
 * the transaction that erased people. */
gboolean
_mdg_person_store_erase_index (sqlite3  *handle,
                               GError  **error)
{
  return _mdg_sql_exec (handle, "INSERT INTO search_index (search_index) VALUES ('optimize')", error);
}

/* The erasure in one file, in a transaction of its own; nothing about the backups. */
static gboolean
erase_in_file (MdgDatabase  *db,
               gint64        id,
               GError      **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);

  if (!mdg_database_begin (db, error))
    return FALSE;
  if (!_mdg_person_store_erase (handle, id, error) || !_mdg_person_store_erase_index (handle, error))
    {
      mdg_database_rollback (db);
      return FALSE;
    }
  return mdg_database_commit (db, error);
}

/* The person is deleted whatever happens now; a reader may delay only the wipe. */
static void
wipe_file (MdgDatabase *db)
{
  g_autoptr(GError) error = NULL;

  if (!_mdg_database_wipe (db, &error))
    g_debug ("Wiping erased people waits for readers: %s", error->message);
}

/**
 * _mdg_person_store_erased:
 * @db: the database whose transaction erased people, committed
 * @uuids: (element-type utf8): who was erased
 *
 * What follows every erasure of people in the user's database, a delete here or one
 * a sync brought from another laptop: the pages the rows held are wiped from the file
 * (secure_delete zeroed them in the log; a checkpoint moves them over the old pages),
 * and the automatic backups beside the database forget them the same way.
 */
void
_mdg_person_store_erased (MdgDatabase *db,
                          GPtrArray   *uuids)
{
  wipe_file (db);
  for (guint i = 0; i < uuids->len; i++)
    _mdg_backup_forget_person (db, g_ptr_array_index (uuids, i));
}

/**
 * mdg_person_store_delete:
 * @db: a #MdgDatabase
 * @id: the person
 * @error: a location for a #GError
 *
 * Deletes a person everywhere, as the personal data law asks on request: the person
 * row; their registrations stay, anonymised, so that seminar figures still add up;
 * so do their consultations, which lose the link and every word of their text, history
 * notes, e-mail and attachments (_mdg_consultation_store_forget_person()). The search
 * index is rewritten so that no segment keeps their words, and with secure_delete the
 * freed pages are zeroed; a checkpoint then moves everything into the file and empties
 * the log. Afterwards the database file holds no byte of their name or e-mail. When
 * another program is reading the database meanwhile, the delete still succeeds and the
 * wipe is finished as soon as it can be (mdg_database_get_wipe_pending()). The
 * automatic backups forget the person the same way (a backup that cannot is removed).
 */
gboolean
mdg_person_store_delete (MdgDatabase  *db,
                         gint64        id,
                         GError      **error)
{
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  char *uuid;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  uuid = person_uuid (db, id);
  if (!erase_in_file (db, id, error))
    {
      g_free (uuid);
      return FALSE;
    }
  if (uuid != NULL)
    g_ptr_array_add (uuids, uuid);
  _mdg_person_store_erased (db, uuids);
  return TRUE;
}

/* The delete in one of the automatic backups: the backups have no backups of their own. */
gboolean
_mdg_person_store_delete_here (MdgDatabase  *db,
                               gint64        id,
                               GError      **error)
{
  if (!erase_in_file (db, id, error))
    return FALSE;
  wipe_file (db);
  return TRUE;
}

static void
add_text (GVariantBuilder *builder,
          const char      *key,
          const char      *value)
{
  if (value != NULL)
    g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value));
}

/* Adds one row per result of @sql (bound to @id), every column by its name. */
static gboolean
add_rows (GVariantBuilder  *builder,
          sqlite3          *handle,
          const char       *key,
          const char       *sql,
          gint64            id,
          GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle, sql, error);
  GVariantBuilder rows;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  g_variant_builder_init (&rows, G_VARIANT_TYPE ("aa{sv}"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_variant_builder_open (&rows, G_VARIANT_TYPE ("a{sv}"));
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        if (sqlite3_column_type (stmt, c) == SQLITE_INTEGER)
          g_variant_builder_add (&rows, "{sv}", sqlite3_column_name (stmt, c),
                                 g_variant_new_int64 (sqlite3_column_int64 (stmt, c)));
        else
          add_text (&rows, sqlite3_column_name (stmt, c), (const char *) sqlite3_column_text (stmt, c));
      g_variant_builder_close (&rows);
    }
  if (rc != SQLITE_DONE)
    {
      g_variant_builder_clear (&rows);
      _mdg_sql_set_error (handle, error, _("Could not read the person’s records"));
      return FALSE;
    }
  g_variant_builder_add (builder, "{sv}", key, g_variant_builder_end (&rows));
  return TRUE;
}

/**
 * mdg_person_store_collect:
 * @db: a #MdgDatabase
 * @id: a person
 * @error: a location for a #GError
 *
 * Everything Madoguchi holds about one person, for an export on their request: their
 * details, registrations, consultations and the follow-ups of those, and the values
 * team sync kept when two laptops changed their record differently.
 *
 * Returns: (transfer full): an `a{sv}` with "person" (a{sv}), "registrations",
 *   "consultations", "consultation_history", "consultation_mail", "attachments",
 *   "follow_ups" and "sync_history" (aa{sv}), and "notice" (s) when a consultation is
 *   marked sensitive
 */
GVariant *
mdg_person_store_collect (MdgDatabase  *db,
                          gint64        id,
                          GError      **error)
{
  g_autoptr(MdgPerson) person = NULL;
  GVariantBuilder record, details;
  sqlite3 *handle;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  if (!(person = mdg_person_store_load (db, id, error)))
    return NULL;
  handle = _mdg_database_get_handle (db);

  g_variant_builder_init (&details, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&details, "{sv}", "id", g_variant_new_int64 (id));
  add_text (&details, "uuid", mdg_person_get_uuid (person));
  for (guint f = 0; f < MDG_PERSON_N_FIELDS; f++)
    add_text (&details, mdg_person_field_to_string (f), mdg_person_get_text (person, f));
  g_variant_builder_add (&details, "{sv}", "consent", g_variant_new_boolean (mdg_person_get_consent (person)));
  add_text (&details, "consent-at", mdg_person_get_consent_at (person));

  g_variant_builder_init (&record, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&record, "{sv}", "person", g_variant_builder_end (&details));
  if (!add_rows (&record, handle, "registrations",
                 "SELECT s.title AS seminar, strftime('%Y-%m-%dT%H:%M:%SZ', s.starts_at, 'unixepoch') AS starts_at,"
                 " r.number, r.status, r.source, r.registered_at, r.applied_at, r.attendance, r.checked_in_at,"
                 " r.questions, r.answers, r.survey"
                 " FROM registration AS r JOIN seminar AS s ON s.id = r.seminar_id WHERE r.person_id = ?"
                 " ORDER BY s.starts_at",
                 id, error) ||
      !add_rows (&record, handle, "consultations",
                 "SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', received_at, 'unixepoch') AS received_at, channel,"
                 " subject, question, answer, state, urgency, CASE WHEN sensitive THEN 'yes' ELSE 'no' END AS sensitive"
                 " FROM consultation WHERE person_id = ? ORDER BY received_at",
                 id, error) ||
      !add_rows (&record, handle, "consultation_history",
                 "SELECT e.consultation_id AS consultation, e.at, s.name AS staff, e.action, e.from_state, e.to_state,"
                 " e.note FROM consultation_event AS e JOIN consultation AS c ON c.id = e.consultation_id"
                 " LEFT JOIN staff AS s ON s.id = e.staff_id WHERE c.person_id = ? ORDER BY e.consultation_id, e.at, e.id",
                 id, error) ||
      !add_rows (&record, handle, "consultation_mail",
                 "SELECT m.consultation_id AS consultation, m.from_name, m.from_address, m.to_addresses, m.subject,"
                 " strftime('%Y-%m-%dT%H:%M:%SZ', m.sent_at, 'unixepoch') AS sent_at, m.body"
                 " FROM consultation_mail AS m JOIN consultation AS c ON c.id = m.consultation_id WHERE c.person_id = ?"
                 " ORDER BY m.consultation_id",
                 id, error) ||
      !add_rows (&record, handle, "attachments",
                 "SELECT a.consultation_id AS consultation, a.filename, a.content_type, a.size,"
                 " CASE WHEN a.data IS NULL THEN 'listed only' ELSE 'stored' END AS kept"
                 " FROM consultation_attachment AS a JOIN consultation AS c ON c.id = a.consultation_id"
                 " WHERE c.person_id = ? ORDER BY a.consultation_id, a.position",
                 id, error) ||
      !add_rows (&record, handle, "follow_ups",
                 "SELECT f.title, f.advice, f.due_date, f.state FROM follow_up AS f"
                 " LEFT JOIN consultation AS c ON c.id = f.consultation_id"
                 " LEFT JOIN registration AS r ON r.id = f.registration_id"
                 " WHERE c.person_id = ?1 OR r.person_id = ?1 ORDER BY f.due_date",
                 id, error) ||
      /* Values two laptops gave their record, kept for review by team sync. */
      !add_rows (&record, handle, "sync_history",
                 "SELECT c.tbl AS record, c.col AS field, c.mine AS this_laptop, c.theirs AS other_laptop, c.kept,"
                 " c.detected_at FROM sync_conflict AS c"
                 " WHERE (c.tbl = 'person' AND c.uuid = (SELECT uuid FROM person WHERE id = ?1))"
                 " OR (c.tbl = 'registration' AND c.uuid IN (SELECT uuid FROM registration WHERE person_id = ?1))"
                 " ORDER BY c.id",
                 id, error))
    {
      g_variant_builder_clear (&record);
      return NULL;
    }

  /* Exports of sensitive consultations say so, in every format. */
  {
    g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle, "SELECT count(*) FROM consultation WHERE person_id = ? AND sensitive",
                                                     NULL);

    if (stmt != NULL)
      {
        sqlite3_bind_int64 (stmt, 1, id);
        if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0)
          g_variant_builder_add (&record, "{sv}", "notice",
                                 g_variant_new_string (_("Contains sensitive consultations (a named victim, a police "
                                                         "matter): handle with particular care")));
      }
  }

  return g_variant_ref_sink (g_variant_builder_end (&record));
}
