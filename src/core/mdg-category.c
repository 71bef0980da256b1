/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-category"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-category-private.h"
#include "mdg-enum-private.h"
#include "mdg-error.h"
#include "mdg-sql-named-private.h"

G_DEFINE_BOXED_TYPE (MdgCategory, mdg_category, mdg_category_ref, mdg_category_unref)
G_DEFINE_BOXED_TYPE (MdgReferral, mdg_referral, mdg_referral_ref, mdg_referral_unref)

MdgCategory *
mdg_category_ref (MdgCategory *category)
{
  return g_atomic_rc_box_acquire (category);
}

static void
category_clear (gpointer data)
{
  MdgCategory *category = data;

  g_free (category->scheme);
  g_free (category->key);
  g_free (category->name_ja);
  g_free (category->name_en);
}

void
mdg_category_unref (MdgCategory *category)
{
  g_atomic_rc_box_release_full (category, category_clear);
}

/* Returns: the name in the interface's language */
const char *
mdg_category_get_name (const MdgCategory *category)
{
  g_return_val_if_fail (category != NULL, NULL);

  return _mdg_reference_in_japanese () ? category->name_ja : category->name_en;
}

/* Returns: what a scheme classifies, as a heading ("Threat"), or the scheme itself */
const char *
mdg_category_scheme_get_label (const char *scheme)
{
  if (g_strcmp0 (scheme, "kind") == 0)
    return C_("category scheme", "Kind");
  if (g_strcmp0 (scheme, "threat") == 0)
    return C_("category scheme", "Threat");
  if (g_strcmp0 (scheme, "guidebook") == 0)
    return C_("category scheme", "Guidebook section");
  return scheme;
}

MdgCategory *
_mdg_category_from_row (sqlite3_stmt *stmt,
                        int           c)
{
  MdgCategory *category = g_atomic_rc_box_new0 (MdgCategory);

  category->id = sqlite3_column_int64 (stmt, c);
  category->scheme = _mdg_sql_column_dup (stmt, c + 1);
  category->key = _mdg_sql_column_dup (stmt, c + 2);
  category->parent_id = sqlite3_column_int64 (stmt, c + 3);
  category->name_ja = _mdg_sql_column_dup (stmt, c + 4);
  category->name_en = _mdg_sql_column_dup (stmt, c + 5);
  category->retired = sqlite3_column_int (stmt, c + 6);
  return category;
}

gpointer
_mdg_category_row (sqlite3_stmt *stmt)
{
  return _mdg_category_from_row (stmt, 0);
}

/**
 * mdg_category_store_list:
 * @db: a #MdgDatabase
 * @scheme: (nullable): kind, threat or guidebook; %NULL for all three
 * @include_retired: whether to list retired categories too
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgCategory): the categories in their
 *   reference order, scheme by scheme
 */
GPtrArray *
mdg_category_store_list (MdgDatabase  *db,
                         const char   *scheme,
                         gboolean      include_retired,
                         GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "SELECT " MDG_CATEGORY_COLUMNS ("c") " FROM category AS c"
                           " WHERE (?1 IS NULL OR c.scheme = ?1) AND (?2 OR NOT c.retired)"
                           " ORDER BY CASE c.scheme WHEN 'kind' THEN 0 WHEN 'threat' THEN 1"
                           " WHEN 'guidebook' THEN 2 ELSE 3 END, c.position, c.id",
                           error);
  if (stmt == NULL)
    return NULL;
  _mdg_sql_bind_text (stmt, 1, scheme);
  sqlite3_bind_int (stmt, 2, include_retired);
  return _mdg_sql_collect (handle, stmt, _mdg_category_row, (GDestroyNotify) mdg_category_unref,
                           _("Could not read the categories"), error);
}

/**
 * mdg_category_store_find:
 * @db: a #MdgDatabase
 * @key: a category's key (T-RANSOM), optionally with its scheme (threat:T-RANSOM)
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the category, or %NULL with %MDG_ERROR_NOT_FOUND
 */
MdgCategory *
mdg_category_store_find (MdgDatabase  *db,
                         const char   *key,
                         GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *scheme = NULL;
  const char *colon;
  MdgCategory *found;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  colon = strchr (key, ':');
  if (colon != NULL)
    {
      scheme = g_strndup (key, colon - key);
      key = colon + 1;
    }

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "SELECT " MDG_CATEGORY_COLUMNS ("c") " FROM category AS c"
                           " WHERE c.key = ?1 COLLATE NOCASE AND (?2 IS NULL OR c.scheme = ?2) LIMIT 2",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  _mdg_sql_bind_text (stmt, 2, scheme);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                   _("There is no category “%s”; the keys are listed by “madoguchi-cli category list”"), key);
      return NULL;
    }
  found = _mdg_category_from_row (stmt, 0);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("“%s” is a category in more than one scheme; write it as scheme:key, e.g. %s:%s"), key,
                   found->scheme, found->key);
      mdg_category_unref (found);
      return NULL;
    }
  return found;
}

/**
 * mdg_category_store_resolve_keys:
 * @db: a #MdgDatabase
 * @keys: (array zero-terminated=1): category keys, as for mdg_category_store_find()
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): their ids, each once, or %NULL with
 *   @error naming the first key that is not a category
 */
GArray *
mdg_category_store_resolve_keys (MdgDatabase         *db,
                                 const char * const  *keys,
                                 GError             **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; keys && keys[i]; i++)
    {
      g_autofree char *key = g_strstrip (g_strdup (keys[i]));
      g_autoptr(MdgCategory) category = NULL;
      gboolean seen = FALSE;

      if (*key == '\0')
        continue;
      if (!(category = mdg_category_store_find (db, key, error)))
        return NULL;
      for (guint j = 0; j < ids->len; j++)
        seen |= g_array_index (ids, gint64, j) == category->id;
      if (!seen)
        g_array_append_val (ids, category->id);
    }
  return g_steal_pointer (&ids);
}

MdgReferral *
mdg_referral_ref (MdgReferral *referral)
{
  return g_atomic_rc_box_acquire (referral);
}

static void
referral_clear (gpointer data)
{
  MdgReferral *referral = data;

  g_free (referral->key);
  g_free (referral->name_ja);
  g_free (referral->name_en);
  g_free (referral->contact);
}

void
mdg_referral_unref (MdgReferral *referral)
{
  g_atomic_rc_box_release_full (referral, referral_clear);
}

/**
 * mdg_referral_new:
 * @key: a stable key (R-POLICE-CYBER)
 * @name_ja: the Japanese name
 * @name_en: (nullable): the English name; the Japanese one when %NULL
 * @contact: (nullable): a phone number or address
 *
 * Returns: (transfer full): a referral not yet saved
 */
MdgReferral *
mdg_referral_new (const char *key,
                  const char *name_ja,
                  const char *name_en,
                  const char *contact)
{
  MdgReferral *referral = g_atomic_rc_box_new0 (MdgReferral);

  referral->key = g_strdup (key);
  referral->name_ja = g_strdup (name_ja);
  referral->name_en = g_strdup (name_en ? name_en : name_ja);
  referral->contact = g_strdup (contact);
  return referral;
}

const char *
mdg_referral_get_name (const MdgReferral *referral)
{
  g_return_val_if_fail (referral != NULL, NULL);

  return _mdg_reference_in_japanese () ? referral->name_ja : referral->name_en;
}

static gpointer
referral_row (sqlite3_stmt *stmt)
{
  MdgReferral *referral = g_atomic_rc_box_new0 (MdgReferral);

  referral->id = sqlite3_column_int64 (stmt, 0);
  referral->key = _mdg_sql_column_dup (stmt, 1);
  referral->name_ja = _mdg_sql_column_dup (stmt, 2);
  referral->name_en = _mdg_sql_column_dup (stmt, 3);
  referral->contact = _mdg_sql_column_dup_or_null (stmt, 4);
  referral->retired = sqlite3_column_int (stmt, 5);
  return referral;
}

#define SELECT_REFERRAL "SELECT id, key, name_ja, name_en, contact, retired FROM referral"

/* Returns: (transfer container) (element-type MdgReferral): the referral list, in its order */
GPtrArray *
mdg_referral_store_list (MdgDatabase  *db,
                         gboolean      include_retired,
                         GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, SELECT_REFERRAL " WHERE ?1 OR NOT retired ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_retired);
  return _mdg_sql_collect (handle, stmt, referral_row, (GDestroyNotify) mdg_referral_unref,
                           _("Could not read the referral list"), error);
}

/**
 * mdg_referral_store_find:
 * @db: a #MdgDatabase
 * @key_or_id: a referral's key (R-IPA-ANSHIN) or number
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the referral, or %NULL with %MDG_ERROR_NOT_FOUND
 */
MdgReferral *
mdg_referral_store_find (MdgDatabase  *db,
                         const char   *key_or_id,
                         GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 id = 0;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (key_or_id != NULL, NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, SELECT_REFERRAL " WHERE key = ?1 COLLATE NOCASE OR id = ?2", error);
  if (stmt == NULL)
    return NULL;
  g_ascii_string_to_unsigned (key_or_id, 10, 1, G_MAXINT64, &id, NULL);
  sqlite3_bind_text (stmt, 1, key_or_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (gint64) id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no referral “%s” in the referral list"),
                   key_or_id);
      return NULL;
    }
  return referral_row (stmt);
}

/**
 * mdg_referral_store_save:
 * @db: a #MdgDatabase
 * @referral: a referral; a new one (id 0) gets its id
 * @error: a location for a #GError
 *
 * Adds to or edits the referral list (phone numbers change). Setting retired keeps
 * the entry for the consultations referred there but offers it no more.
 */
gboolean
mdg_referral_store_save (MdgDatabase  *db,
                         MdgReferral  *referral,
                         GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (referral != NULL, FALSE);

  if (referral->key == NULL || *referral->key == '\0' || referral->name_ja == NULL || *referral->name_ja == '\0')
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("A referral needs a key and a name"));
      return FALSE;
    }

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           referral->id == 0
                             ? "INSERT INTO referral (key, name_ja, name_en, contact, retired)"
                               " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id"
                             : "UPDATE referral SET key = ?1, name_ja = ?2, name_en = ?3, contact = ?4,"
                               " retired = ?5 WHERE id = ?6 RETURNING id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, referral->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, referral->name_ja, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, referral->name_en ? referral->name_en : referral->name_ja, -1, SQLITE_STATIC);
  _mdg_sql_bind_text (stmt, 4, referral->contact);
  sqlite3_bind_int (stmt, 5, referral->retired);
  if (referral->id != 0)
    sqlite3_bind_int64 (stmt, 6, referral->id);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      referral->id = sqlite3_column_int64 (stmt, 0);
      return _mdg_sql_step_done (handle, stmt, error);
    case SQLITE_DONE:
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no referral %lld"), (long long) referral->id);
      return FALSE;
    default:
      if ((sqlite3_errcode (handle) & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, MDG_ERROR, MDG_ERROR_EXISTS, _("The referral list already has the key “%s”"),
                     referral->key);
      else
        _mdg_sql_set_error (handle, error, _("Could not save the referral"));
      return FALSE;
    }
}
