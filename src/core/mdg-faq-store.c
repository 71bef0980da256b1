/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-faq-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-faq-store.h"
#include "mdg-feed-store.h"
#include "mdg-reading-private.h"

/*
 * The FAQ: entries with several categories (faq_category) and the consultations they
 * answered (faq_consultation). Drafts come from a threat item or a consultation and stay
 * unpublished until someone has read them over: a consultation's words may name the
 * company that asked.
 */

#define CATEGORY_COLUMNS "c.id, c.scheme, c.key, c.name_ja, c.name_en, c.position, c.parent_id"
/* Guidebook sections first: the first of them decides an entry's chapter. */
#define CATEGORY_ORDER \
  "CASE c.scheme WHEN 'guidebook' THEN 0 WHEN 'threat' THEN 1 ELSE 2 END, c.position, c.id"

void
mdg_faq_chapter_free (MdgFaqChapter *chapter)
{
  if (chapter == NULL)
    return;
  g_clear_pointer (&chapter->chapter, mdg_faq_category_unref);
  g_clear_pointer (&chapter->entries, g_ptr_array_unref);
  g_free (chapter);
}

/* The category whose columns start at @first. */
static MdgFaqCategory *
category_from_columns (sqlite3_stmt *stmt,
                       int           first)
{
  MdgFaqCategory *category = g_atomic_rc_box_new0 (MdgFaqCategory);

  category->id = sqlite3_column_int64 (stmt, first);
  category->scheme = _mdg_sql_column_dup (stmt, first + 1);
  category->key = _mdg_sql_column_dup (stmt, first + 2);
  category->name_ja = _mdg_sql_column_dup (stmt, first + 3);
  category->name_en = _mdg_sql_column_dup (stmt, first + 4);
  category->position = sqlite3_column_int (stmt, first + 5);
  category->parent_id = sqlite3_column_int64 (stmt, first + 6);
  return category;
}

static gpointer
category_from_row (sqlite3_stmt *stmt)
{
  return category_from_columns (stmt, 0);
}

static gpointer
entry_from_row (sqlite3_stmt *stmt)
{
  MdgFaqEntry *entry = mdg_faq_entry_new ();
  const char *updated = (const char *) sqlite3_column_text (stmt, 5);
  g_autoptr(GDateTime) updated_at = updated ? g_date_time_new_from_iso8601 (updated, NULL) : NULL;

  mdg_faq_entry_set_question (entry, (const char *) sqlite3_column_text (stmt, 2));
  mdg_faq_entry_set_answer (entry, (const char *) sqlite3_column_text (stmt, 3));
  mdg_faq_entry_set_published (entry, sqlite3_column_int (stmt, 4));
  _mdg_faq_entry_set_feed_item_id (entry, sqlite3_column_int64 (stmt, 6));
  _mdg_faq_entry_set_identity (entry, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
                               updated_at);
  return entry;
}

static void
add_category (gpointer      owner,
              sqlite3_stmt *stmt)
{
  g_ptr_array_add (mdg_faq_entry_get_categories (owner), category_from_columns (stmt, 1));
}

static void
add_consultation (gpointer      owner,
                  sqlite3_stmt *stmt)
{
  gint64 consultation_id = sqlite3_column_int64 (stmt, 1);

  g_array_append_val (mdg_faq_entry_get_consultation_ids (owner), consultation_id);
}

static gint64
entry_id (gpointer entry)
{
  return mdg_faq_entry_get_id (entry);
}

/* Fills in the categories and consultations of @entries with two queries in all. */
static gboolean
load_links (MdgDatabase  *db,
            GPtrArray    *entries,
            GError      **error)
{
  g_autoptr(GHashTable) by_id = NULL;

  if (entries->len == 0)
    return TRUE;

  by_id = _mdg_index_by_id (entries, entry_id);
  return _mdg_sql_foreach_link (db,
                                "SELECT fc.faq_id, " CATEGORY_COLUMNS " FROM faq_category AS fc"
                                " JOIN category AS c ON c.id = fc.category_id ORDER BY " CATEGORY_ORDER,
                                by_id, add_category, _("Could not read the FAQ"), error) &&
         _mdg_sql_foreach_link (db, "SELECT faq_id, consultation_id FROM faq_consultation ORDER BY consultation_id",
                                by_id, add_consultation, _("Could not read the FAQ"), error);
}

/**
 * mdg_faq_store_list:
 * @db: a #MdgDatabase
 * @query: (nullable): words that must all appear in the question or answer
 * @published_only: whether to leave out unpublished entries
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgFaqEntry): the entries, last revised first
 */
GPtrArray *
mdg_faq_store_list (MdgDatabase  *db,
                    const char   *query,
                    gboolean      published_only,
                    GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id, uuid, question, answer, published, updated_at, feed_item_id"
                                         " FROM faq_entry AS f WHERE 1");
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  if (!_mdg_reading_add_search (sql, "f.id", MDG_READING_FAQ, query, binds, error))
    return NULL;
  if (published_only)
    g_string_append (sql, " AND f.published");
  g_string_append (sql, " ORDER BY f.updated_at DESC, f.id DESC");

  entries = _mdg_reading_collect (db, sql, binds, entry_from_row, _("Could not read the FAQ"), error);
  if (entries == NULL || !load_links (db, entries, error))
    return NULL;
  return g_steal_pointer (&entries);
}

static GPtrArray *
list_thread (MdgDatabase  *connection,
             gpointer      user_data,
             GError      **error)
{
  MdgReadingQuery *data = user_data;

  return mdg_faq_store_list (connection, data->query, data->option, error);
}

/**
 * mdg_faq_store_list_async:
 * @db: a #MdgDatabase
 * @query: (nullable): what the user typed
 * @published_only: whether to leave out unpublished entries
 * @cancellable: (nullable): a #GCancellable; cancel it when the query changes
 * @callback: called when the list is read
 * @user_data: data for @callback
 *
 * Reads mdg_faq_store_list() in a worker thread.
 */
void
mdg_faq_store_list_async (MdgDatabase         *db,
                          const char          *query,
                          gboolean             published_only,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  _mdg_database_list_async (db, list_thread, _mdg_reading_query_new (query, published_only),
                            (GDestroyNotify) _mdg_reading_query_free, mdg_faq_store_list_async,
                            cancellable, callback, user_data);
}

/* Returns: (transfer container) (element-type MdgFaqEntry): the entries */
GPtrArray *
mdg_faq_store_list_finish (MdgDatabase   *db,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_faq_store_list_async, error);
}

/**
 * mdg_faq_store_load:
 * @db: a #MdgDatabase
 * @id: the entry's id
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the entry with its categories and consultations, or %NULL
 *   with %MDG_ERROR_NOT_FOUND
 */
MdgFaqEntry *
mdg_faq_store_load (MdgDatabase  *db,
                    gint64        id,
                    GError      **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  entries = _mdg_sql_collect_query (_mdg_database_get_handle (db),
                                    "SELECT id, uuid, question, answer, published, updated_at, feed_item_id"
                                    " FROM faq_entry WHERE id = ?1",
                                    id, entry_from_row, g_object_unref, _("Could not read the FAQ"), error);
  if (entries == NULL)
    return NULL;
  if (entries->len == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no FAQ entry %lld"), (long long) id);
      return NULL;
    }
  if (!load_links (db, entries, error))
    return NULL;
  return g_object_ref (g_ptr_array_index (entries, 0));
}

static gboolean
reload_identity (MdgDatabase  *db,
                 MdgFaqEntry  *entry,
                 gint64        id,
                 GError      **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle, "SELECT uuid, updated_at FROM faq_entry WHERE id = ?1",
                                                   error);
  g_autoptr(GDateTime) updated_at = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _mdg_sql_set_error (handle, error, _("Could not save the FAQ entry"));
      return FALSE;
    }
  updated_at = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 1), NULL);
  _mdg_faq_entry_set_identity (entry, id, (const char *) sqlite3_column_text (stmt, 0), updated_at);
  return TRUE;
}

static gboolean
save_rows (MdgDatabase  *db,
           MdgFaqEntry  *entry,
           gint64       *id,
           GError      **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *categories = mdg_faq_entry_get_categories (entry);
  GArray *consultations = mdg_faq_entry_get_consultation_ids (entry);

  *id = mdg_faq_entry_get_id (entry);
  stmt = _mdg_sql_prepare (handle,
                           *id == 0 ? "INSERT INTO faq_entry (question, answer, published, feed_item_id)"
                                      " VALUES (?1, ?2, ?3, ?4)"
                                    : "UPDATE faq_entry SET question = ?1, answer = ?2, published = ?3"
                                      " WHERE id = ?5",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, mdg_faq_entry_get_question (entry), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mdg_faq_entry_get_answer (entry) ? mdg_faq_entry_get_answer (entry) : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, mdg_faq_entry_get_published (entry));
  if (*id == 0)
    {
      if (mdg_faq_entry_get_feed_item_id (entry) > 0)
        sqlite3_bind_int64 (stmt, 4, mdg_faq_entry_get_feed_item_id (entry));
      else
        sqlite3_bind_null (stmt, 4);
    }
  else
    sqlite3_bind_int64 (stmt, 5, *id);
  if (!_mdg_sql_step_done (handle, stmt, error))
    return FALSE;
  if (*id == 0)
    *id = sqlite3_last_insert_rowid (handle);
  else if (sqlite3_changes (handle) == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no FAQ entry %lld"), (long long) *id);
      return FALSE;
    }
  {
    g_autoptr(GArray) category_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), categories->len);

    for (guint i = 0; i < categories->len; i++)
      g_array_append_val (category_ids, ((MdgFaqCategory *) g_ptr_array_index (categories, i))->id);
    /* Categories are replaced; consultations only ever added here (unlinked on their own). */
    return _mdg_sql_replace_ids (db, "DELETE FROM faq_category WHERE faq_id = ?1",
                                 "INSERT INTO faq_category (faq_id, category_id) VALUES (?1, ?2)"
                                 " ON CONFLICT DO NOTHING",
                                 *id, category_ids, error) &&
           _mdg_sql_replace_ids (db, NULL,
                                 "INSERT INTO faq_consultation (faq_id, consultation_id) VALUES (?1, ?2)"
                                 " ON CONFLICT DO NOTHING",
                                 *id, consultations, error);
  }
}

static gboolean
save_entry (MdgDatabase  *db,
            gpointer      entry,
            gint64       *id,
            GError      **error)
{
  return save_rows (db, entry, id, error) && reload_identity (db, entry, *id, error);
}

/**
 * mdg_faq_store_save:
 * @db: a #MdgDatabase
 * @entry: the entry; a new one (id 0) gets its id and uuid
 * @error: a location for a #GError
 *
 * Inserts or updates an entry with its categories, in one transaction; its consultations
 * are added to those already linked.
 */
gboolean
mdg_faq_store_save (MdgDatabase  *db,
                    MdgFaqEntry  *entry,
                    GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_FAQ_ENTRY (entry), FALSE);

  return mdg_faq_entry_validate (entry, error) && _mdg_sql_save (db, save_entry, entry, error);
}

gboolean
mdg_faq_store_delete (MdgDatabase  *db,
                      gint64        id,
                      GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  return _mdg_sql_exec_ids (db, "DELETE FROM faq_entry WHERE id = ?1", id, 0, error);
}

/* Adds the categories named by @keys that exist; unknown keys are left out. */
static void
add_categories (MdgDatabase        *db,
                MdgFaqEntry        *entry,
                const char * const *keys)
{
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_faq_category_unref);

  for (guint i = 0; keys[i]; i++)
    {
      MdgFaqCategory *category = mdg_faq_store_find_category (db, keys[i], NULL);

      if (category != NULL)
        g_ptr_array_add (categories, category);
    }
  mdg_faq_entry_set_categories (entry, categories);
}

/**
 * mdg_faq_store_draft_from_item:
 * @db: a #MdgDatabase
 * @item_id: a threat item
 * @error: a location for a #GError
 *
 * Turns a threat item into an unpublished FAQ entry to finish: the question asks what
 * to do about it, the answer starts from its summary and cites it. A vulnerability
 * (CVE ids) is filed under 脆弱性の悪用 and the guidebook's 2-2 (updates). The item is
 * marked picked.
 *
 * Returns: (transfer full): the saved draft
 */
MdgFaqEntry *
mdg_faq_store_draft_from_item (MdgDatabase  *db,
                               gint64        item_id,
                               GError      **error)
{
  g_autoptr(MdgFeedItem) item = NULL;
  g_autoptr(MdgFaqEntry) entry = NULL;
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autofree char *question = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  item = mdg_feed_store_load_item (db, item_id, error);
  if (item == NULL)
    return NULL;

  question = g_strdup_printf (_("What should we do about “%s”?"), mdg_feed_item_get_title (item));
  if (mdg_feed_item_get_summary (item) != NULL)
    g_string_append_printf (answer, "%s\n\n", mdg_feed_item_get_summary (item));
  g_string_append_printf (answer, _("Source: %s"), mdg_feed_item_get_source_name (item));
  if (mdg_feed_item_get_link (item) != NULL)
    g_string_append_printf (answer, "\n%s", mdg_feed_item_get_link (item));

  entry = mdg_faq_entry_new ();
  mdg_faq_entry_set_question (entry, question);
  mdg_faq_entry_set_answer (entry, answer->str);
  _mdg_faq_entry_set_feed_item_id (entry, item_id);
  if (mdg_feed_item_get_cve_ids (item)[0] != NULL)
    add_categories (db, entry, (const char *[]) { "M2-02", "T-VULN", NULL });

  if (!mdg_faq_store_save (db, entry, error) || !mdg_feed_store_set_picked (db, item, TRUE, error))
    return NULL;
  return g_steal_pointer (&entry);
}

/**
 * mdg_faq_store_draft_from_consultation:
 * @db: a #MdgDatabase
 * @consultation_id: a consultation
 * @error: a location for a #GError
 *
 * "Make FAQ from this consultation": an unpublished entry with the consultation's
 * question (or subject), answer and category, linked to it. Read it over before
 * publishing: it holds the requester's own words.
 *
 * Returns: (transfer full): the saved draft
 */
MdgFaqEntry *
mdg_faq_store_draft_from_consultation (MdgDatabase  *db,
                                       gint64        consultation_id,
                                       GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(MdgFaqEntry) entry = NULL;
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_faq_category_unref);
  const char *question;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "SELECT subject, question, answer, " CATEGORY_COLUMNS " FROM consultation AS k"
                           " LEFT JOIN category AS c ON c.id = k.category_id WHERE k.id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, consultation_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no consultation %lld"),
                   (long long) consultation_id);
      return NULL;
    }

  question = (const char *) sqlite3_column_text (stmt, 1);
  entry = mdg_faq_entry_new ();
  mdg_faq_entry_set_question (entry, question && *question ? question : (const char *) sqlite3_column_text (stmt, 0));
  mdg_faq_entry_set_answer (entry, (const char *) sqlite3_column_text (stmt, 2));
  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    g_ptr_array_add (categories, category_from_columns (stmt, 3));
  mdg_faq_entry_set_categories (entry, categories);
  g_array_append_val (mdg_faq_entry_get_consultation_ids (entry), consultation_id);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!mdg_faq_store_save (db, entry, error))
    return NULL;
  return g_steal_pointer (&entry);
}

static gboolean
change_link (MdgDatabase  *db,
             const char   *sql,
             gint64        faq_id,
             gint64        consultation_id,
             GError      **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, faq_id);
  sqlite3_bind_int64 (stmt, 2, consultation_id);
  if (!_mdg_sql_step_done (handle, stmt, error))
    {
      if (error != NULL && g_error_matches (*error, MDG_ERROR, MDG_ERROR_CONSTRAINT))
        {
          g_clear_error (error);
          g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                       _("There is no FAQ entry %lld or no consultation %lld"),
                       (long long) faq_id, (long long) consultation_id);
        }
      return FALSE;
    }
  return TRUE;
}

/**
 * mdg_faq_store_link_consultation:
 * @db: a #MdgDatabase
 * @faq_id: an FAQ entry
 * @consultation_id: a consultation it answered (when its answer was inserted there)
 * @error: a location for a #GError
 */
gboolean
mdg_faq_store_link_consultation (MdgDatabase  *db,
                                 gint64        faq_id,
                                 gint64        consultation_id,
                                 GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  return change_link (db, "INSERT INTO faq_consultation (faq_id, consultation_id) VALUES (?1, ?2)"
                          " ON CONFLICT DO NOTHING", faq_id, consultation_id, error);
}

gboolean
mdg_faq_store_unlink_consultation (MdgDatabase  *db,
                                   gint64        faq_id,
                                   gint64        consultation_id,
                                   GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  return change_link (db, "DELETE FROM faq_consultation WHERE faq_id = ?1 AND consultation_id = ?2",
                      faq_id, consultation_id, error);
}

/**
 * mdg_faq_store_list_categories:
 * @db: a #MdgDatabase
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgFaqCategory): the categories an entry
 *   can have, guidebook chapters and sections first, then threat types and kinds;
 *   retired ones left out
 */
GPtrArray *
mdg_faq_store_list_categories (MdgDatabase  *db,
                               GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return _mdg_sql_collect_query (_mdg_database_get_handle (db),
                                 "SELECT " CATEGORY_COLUMNS " FROM category AS c WHERE NOT c.retired"
                                 " ORDER BY " CATEGORY_ORDER,
                                 0, category_from_row, (GDestroyNotify) mdg_faq_category_unref,
                                 _("Could not read the categories"), error);
}

/**
 * mdg_faq_store_find_category:
 * @db: a #MdgDatabase
 * @key: a category's key (M2-04, T-RANSOM), in any case
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the category, or %NULL with %MDG_ERROR_NOT_FOUND
 */
MdgFaqCategory *
mdg_faq_store_find_category (MdgDatabase  *db,
                             const char   *key,
                             GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, "SELECT " CATEGORY_COLUMNS " FROM category AS c"
                                   " WHERE c.key = ?1 COLLATE NOCASE AND NOT c.retired ORDER BY " CATEGORY_ORDER,
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                   _("There is no category “%s”. Categories are keys such as M2-04 (a guidebook section)"
                     " or T-RANSOM (a threat type)."),
                   key);
      return NULL;
    }
  return category_from_row (stmt);
}

/* An entry's first guidebook category, or NULL. */
static MdgFaqCategory *
first_guidebook_category (MdgFaqEntry *entry)
{
  GPtrArray *categories = mdg_faq_entry_get_categories (entry);

  for (guint i = 0; i < categories->len; i++)
    {
      MdgFaqCategory *category = g_ptr_array_index (categories, i);

      if (g_str_equal (category->scheme, "guidebook"))
        return category;
    }
  return NULL;
}

static int
compare_in_chapter (gconstpointer a,
                    gconstpointer b)
{
  MdgFaqEntry *entry_a = *(MdgFaqEntry **) a;
  MdgFaqEntry *entry_b = *(MdgFaqEntry **) b;
  MdgFaqCategory *section_a = first_guidebook_category (entry_a);
  MdgFaqCategory *section_b = first_guidebook_category (entry_b);
  int position_a = section_a ? section_a->position : 0;
  int position_b = section_b ? section_b->position : 0;

  if (position_a != position_b)
    return position_a < position_b ? -1 : 1;
  return mdg_faq_entry_get_id (entry_a) < mdg_faq_entry_get_id (entry_b) ? -1 : 1;
}

/**
 * mdg_faq_store_list_chapters:
 * @db: a #MdgDatabase
 * @error: a location for a #GError
 *
 * The published FAQ grouped by the guidebook's chapters, in the guidebook's order; an
 * entry goes under the chapter of its first guidebook section, and entries outside the
 * guidebook come last (chapter %NULL). Empty chapters are left out.
 *
 * Returns: (transfer container) (element-type MdgFaqChapter): the chapters
 */
GPtrArray *
mdg_faq_store_list_chapters (MdgDatabase  *db,
                             GError      **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) chapters = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_faq_chapter_free);
  MdgFaqChapter *other = g_new0 (MdgFaqChapter, 1);

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  other->entries = g_ptr_array_new_with_free_func (g_object_unref);
  entries = mdg_faq_store_list (db, NULL, TRUE, error);
  categories = entries ? mdg_faq_store_list_categories (db, error) : NULL;
  if (categories == NULL)
    {
      mdg_faq_chapter_free (other);
      return NULL;
    }

  for (guint i = 0; i < categories->len; i++)
    {
      MdgFaqCategory *category = g_ptr_array_index (categories, i);
      MdgFaqChapter *chapter;

      if (!g_str_equal (category->scheme, "guidebook") || category->parent_id != 0)
        continue;
      chapter = g_new0 (MdgFaqChapter, 1);
      chapter->chapter = mdg_faq_category_ref (category);
      chapter->entries = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (chapters, chapter);
    }

  for (guint i = 0; i < entries->len; i++)
    {
      MdgFaqEntry *entry = g_ptr_array_index (entries, i);
      MdgFaqCategory *section = first_guidebook_category (entry);
      gint64 chapter_id = section ? (section->parent_id ? section->parent_id : section->id) : 0;
      MdgFaqChapter *home = other;

      for (guint j = 0; chapter_id && j < chapters->len; j++)
        {
          MdgFaqChapter *chapter = g_ptr_array_index (chapters, j);

          if (chapter->chapter->id == chapter_id)
            home = chapter;
        }
      g_ptr_array_add (home->entries, g_object_ref (entry));
    }

  g_ptr_array_add (chapters, other);
  for (guint i = chapters->len; i-- > 0;)
    {
      MdgFaqChapter *chapter = g_ptr_array_index (chapters, i);

      if (chapter->entries->len == 0)
        g_ptr_array_remove_index (chapters, i);
      else
        g_ptr_array_sort (chapter->entries, compare_in_chapter);
    }
  return g_steal_pointer (&chapters);
}
