/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-feed-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-feed-store.h"
#include "mdg-reading-private.h"
#include "mdg-setting-private.h"

/*
 * Threat-information feeds and their items. Fetching lives in src/feeds; this is what
 * it stores and what the reader reads: sources with their last result, items merged so
 * that one advisory is one item whichever feed lists it (same guid in its source, or
 * same normalised link anywhere), the reader's marks, saved searches, and the links
 * that make an item a topic of a seminar, a consultation or a follow-up.
 *
 * Times are kept as ISO 8601 in UTC with a Z, so that text order is time order.
 */

#define DEFAULT_LIMIT 500

#define SOURCE_COLUMNS                                                                       \
  "s.id, s.key, s.name, s.url, s.format, s.enabled, s.last_status, s.last_fetched_at,"      \
  " s.last_success_at, s.last_error, s.etag, s.last_modified,"                              \
  " (SELECT count(*) FROM feed_item AS i WHERE i.source_id = s.id),"                        \
  " (SELECT count(*) FROM feed_item AS i WHERE i.source_id = s.id AND NOT i.read)"

#define ITEM_COLUMNS                                                                         \
  "i.id, i.source_id, src.name, i.title, i.link, i.summary, i.published_at, i.identifier,"  \
  " i.cve_ids, i.cvss_score, i.severity, i.read, i.starred, i.picked"
#define ITEM_FROM " FROM feed_item AS i JOIN feed_source AS src ON src.id = i.source_id"

char *
_mdg_feed_time_to_string (GDateTime *date_time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date_time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static gpointer
source_from_row (sqlite3_stmt *stmt)
{
  MdgFeedSourceFields fields = {
    .id = sqlite3_column_int64 (stmt, 0),
    .key = (const char *) sqlite3_column_text (stmt, 1),
    .name = (const char *) sqlite3_column_text (stmt, 2),
    .url = (const char *) sqlite3_column_text (stmt, 3),
    .format = MDG_FEED_FORMAT_RSS2,
    .enabled = sqlite3_column_int (stmt, 5),
    .last_status = sqlite3_column_int (stmt, 6),
    .last_fetched_at = (const char *) sqlite3_column_text (stmt, 7),
    .last_success_at = (const char *) sqlite3_column_text (stmt, 8),
    .last_error = (const char *) sqlite3_column_text (stmt, 9),
    .etag = (const char *) sqlite3_column_text (stmt, 10),
    .last_modified = (const char *) sqlite3_column_text (stmt, 11),
    .n_items = sqlite3_column_int (stmt, 12),
    .n_unread = sqlite3_column_int (stmt, 13),
  };

  mdg_feed_format_from_string ((const char *) sqlite3_column_text (stmt, 4), &fields.format);
  return _mdg_feed_source_new (&fields);
}

static gpointer
item_from_row (sqlite3_stmt *stmt)
{
  const char *published = (const char *) sqlite3_column_text (stmt, 6);
  g_autoptr(GDateTime) published_at = published ? g_date_time_new_from_iso8601 (published, NULL) : NULL;
  MdgFeedItem *item;
  int severity = sqlite3_column_int (stmt, 10);

  item = _mdg_feed_item_new (sqlite3_column_int64 (stmt, 0),
                             sqlite3_column_int64 (stmt, 1),
                             (const char *) sqlite3_column_text (stmt, 2),
                             (const char *) sqlite3_column_text (stmt, 3),
                             (const char *) sqlite3_column_text (stmt, 4),
                             (const char *) sqlite3_column_text (stmt, 5),
                             published_at,
                             (const char *) sqlite3_column_text (stmt, 7),
                             (const char *) sqlite3_column_text (stmt, 8),
                             sqlite3_column_type (stmt, 9) == SQLITE_NULL ? -1 : sqlite3_column_double (stmt, 9),
                             CLAMP (severity, MDG_SEVERITY_UNKNOWN, MDG_SEVERITY_CRITICAL));
  _mdg_feed_item_set_state (item, sqlite3_column_int (stmt, 11), sqlite3_column_int (stmt, 12),
                            sqlite3_column_int (stmt, 13));
  return item;
}

/* Runs @sql, with @id bound to ?1, and collects the items. */
static GPtrArray *
collect_items (MdgDatabase  *db,
               const char   *sql,
               gint64        id,
               GError      **error)
{
  return _mdg_sql_collect_query (_mdg_database_get_handle (db), sql, id, item_from_row, g_object_unref,
                                 _("Could not read the threat information"), error);
}

static gboolean
row_exists (MdgDatabase *db,
            const char  *sql,
            gint64       id)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), sql, NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * mdg_feed_store_list_sources:
 * @db: a #MdgDatabase
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgFeedSource): the sources in the order
 *   of the reference list, then those the user added
 */
GPtrArray *
mdg_feed_store_list_sources (MdgDatabase  *db,
                             GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return _mdg_sql_collect_query (_mdg_database_get_handle (db),
                                 "SELECT " SOURCE_COLUMNS " FROM feed_source AS s WHERE NOT s.removed"
                                 " ORDER BY s.key IS NULL, s.position, s.id",
                                 0, source_from_row, g_object_unref, _("Could not read the feed sources"), error);
}

static GPtrArray *
list_sources_thread (MdgDatabase  *connection,
                     gpointer      data,
                     GError      **error)
{
  return mdg_feed_store_list_sources (connection, error);
}

/**
 * mdg_feed_store_list_sources_async:
 * @db: a #MdgDatabase
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the list is read
 * @user_data: data for @callback
 *
 * Reads mdg_feed_store_list_sources() in a worker thread.
 */
void
mdg_feed_store_list_sources_async (MdgDatabase         *db,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  _mdg_database_list_async (db, list_sources_thread, NULL, NULL, mdg_feed_store_list_sources_async,
                            cancellable, callback, user_data);
}

/* Returns: (transfer container) (element-type MdgFeedSource): the sources */
GPtrArray *
mdg_feed_store_list_sources_finish (MdgDatabase   *db,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_feed_store_list_sources_async, error);
}

/**
 * mdg_feed_store_load_source:
 * @db: a #MdgDatabase
 * @id: the source's id
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the source, or %NULL with %MDG_ERROR_NOT_FOUND
 */
MdgFeedSource *
mdg_feed_store_load_source (MdgDatabase  *db,
                            gint64        id,
                            GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, "SELECT " SOURCE_COLUMNS " FROM feed_source AS s WHERE s.id = ?1 AND NOT s.removed",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no feed source %lld"), (long long) id);
      return NULL;
    }
  return source_from_row (stmt);
}

/**
 * mdg_feed_store_find_source:
 * @db: a #MdgDatabase
 * @id_or_key: a source's number, its key (F-JPCERT) or its name
 * @error: a location for a #GError
 *
 * Finds a source as a person names it on the command line.
 *
 * Returns: (transfer full): the source, or %NULL with %MDG_ERROR_NOT_FOUND
 */
MdgFeedSource *
mdg_feed_store_find_source (MdgDatabase  *db,
                            const char   *id_or_key,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 id = 0;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (id_or_key != NULL, NULL);

  if (g_ascii_string_to_unsigned (id_or_key, 10, 1, G_MAXINT64, &id, NULL))
    return mdg_feed_store_load_source (db, (gint64) id, error);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                           "SELECT id FROM feed_source WHERE NOT removed AND (key = ?1 COLLATE NOCASE OR name = ?1)",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id_or_key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                   _("There is no feed source “%s”. “madoguchi-cli feed list” shows them."), id_or_key);
      return NULL;
    }
  return mdg_feed_store_load_source (db, sqlite3_column_int64 (stmt, 0), error);
}

/* Only web addresses: a feed is never read from a file or another scheme. */
static gboolean
validate_source (const char  *name,
                 const char  *url,
                 GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *clean_name = g_strstrip (g_strdup (name ? name : ""));

  if (*clean_name == '\0')
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("A feed source needs a name"));
      return FALSE;
    }

  uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("“%s” is not a web address: a feed’s address starts with https:// or http://"),
                   url ? url : "");
      return FALSE;
    }
  return TRUE;
}

/* A first guess until the first fetch says what the document is. */
static MdgFeedFormat
guess_format (const char *url)
{
  g_autofree char *lower = g_ascii_strdown (url, -1);

  if (g_str_has_suffix (lower, ".rdf"))
    return MDG_FEED_FORMAT_RSS1;
  if (strstr (lower, "atom") != NULL)
    return MDG_FEED_FORMAT_ATOM;
  return MDG_FEED_FORMAT_RSS2;
}

/**
 * mdg_feed_store_add_source:
 * @db: a #MdgDatabase
 * @name: what the desk calls it
 * @url: the feed's address (https:// or http://)
 * @error: a location for a #GError
 *
 * Adds a source, or brings back one removed earlier with the same address. Nothing is
 * fetched: that waits for the user's action or setting.
 *
 * Returns: the source's id, or 0 with @error set (%MDG_ERROR_EXISTS when the address is
 *   already followed)
 */
gint64
mdg_feed_store_add_source (MdgDatabase  *db,
                           const char   *name,
                           const char   *url,
                           GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean_name = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), 0);

  if (!validate_source (name, url, error))
    return 0;
  clean_name = g_strstrip (g_strdup (name));
  handle = _mdg_database_get_handle (db);

  find = _mdg_sql_prepare (handle, "SELECT id, removed, name FROM feed_source WHERE url = ?1", error);
  if (find == NULL)
    return 0;
  sqlite3_bind_text (find, 1, url, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (find, 0);

      if (!sqlite3_column_int (find, 1))
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_EXISTS, _("“%s” is already followed as “%s”"), url,
                       (const char *) sqlite3_column_text (find, 2));
          return 0;
        }
      stmt = _mdg_sql_prepare (handle, "UPDATE feed_source SET removed = 0, enabled = 1, name = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, clean_name, -1, SQLITE_TRANSIENT);
      return _mdg_sql_step_done (handle, stmt, error) ? id : 0;
    }

  stmt = _mdg_sql_prepare (handle,
                           "INSERT INTO feed_source (name, url, format, position)"
                           " VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM feed_source))",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, clean_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, mdg_feed_format_to_string (guess_format (url)), -1, SQLITE_STATIC);
  if (!_mdg_sql_step_done (handle, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (handle);
}

/**
 * mdg_feed_store_update_source:
 * @db: a #MdgDatabase
 * @id: the source
 * @name: its new name
 * @url: its new address; a changed address forgets the last result
 * @enabled: whether fetching all sources includes it
 * @error: a location for a #GError
 */
gboolean
mdg_feed_store_update_source (MdgDatabase  *db,
                              gint64        id,
                              const char   *name,
                              const char   *url,
                              gboolean      enabled,
                              GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean_name = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  if (!validate_source (name, url, error))
    return FALSE;
  if (!row_exists (db, "SELECT 1 FROM feed_source WHERE id = ?1 AND NOT removed", id))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no feed source %lld"), (long long) id);
      return FALSE;
    }
  clean_name = g_strstrip (g_strdup (name));
  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, "SELECT name FROM feed_source WHERE url = ?2 AND id <> ?1 AND NOT removed", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, url, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_EXISTS, _("“%s” is already followed as “%s”"), url,
                   (const char *) sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _mdg_sql_prepare (handle,
                           "UPDATE feed_source SET name = ?2, enabled = ?4,"
                           " etag = iif(url = ?3, etag, NULL), last_modified = iif(url = ?3, last_modified, NULL),"
                           " last_status = iif(url = ?3, last_status, NULL),"
                           " last_error = iif(url = ?3, last_error, NULL),"
                           " last_fetched_at = iif(url = ?3, last_fetched_at, NULL),"
                           " url = ?3 WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, clean_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, enabled);
  return _mdg_sql_step_done (handle, stmt, error);
}

/* Items the desk kept: starred, picked, or linked to a seminar, notice or consultation. */
#define ITEM_IS_KEPT                                                                 \
  "(i.starred OR i.picked"                                                           \
  " OR EXISTS (SELECT 1 FROM seminar_topic AS t WHERE t.feed_item_id = i.id)"        \
  " OR EXISTS (SELECT 1 FROM notice_item AS n WHERE n.feed_item_id = i.id)"          \
  " OR EXISTS (SELECT 1 FROM feed_item_attachment AS a WHERE a.feed_item_id = i.id))"

/**
 * mdg_feed_store_remove_source:
 * @db: a #MdgDatabase
 * @id: the source
 * @error: a location for a #GError
 *
 * Stops following a source and deletes its items, except those the desk kept (starred,
 * picked, or linked to a seminar, notice, consultation or follow-up): then the source
 * is only hidden, so that they keep their origin.
 */
gboolean
mdg_feed_store_remove_source (MdgDatabase  *db,
                              gint64        id,
                              GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  if (!row_exists (db, "SELECT 1 FROM feed_source WHERE id = ?1 AND NOT removed", id))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no feed source %lld"), (long long) id);
      return FALSE;
    }

  if (!mdg_database_begin (db, error))
    return FALSE;
  if (!_mdg_sql_exec_ids (db, "DELETE FROM feed_item AS i WHERE i.source_id = ?1 AND NOT " ITEM_IS_KEPT, id, 0, error) ||
      !_mdg_sql_exec_ids (db, "UPDATE feed_source SET removed = 1, enabled = 0 WHERE id = ?1", id, 0, error) ||
      !_mdg_sql_exec_ids (db,
                      "DELETE FROM feed_source WHERE id = ?1"
                      " AND NOT EXISTS (SELECT 1 FROM feed_item WHERE source_id = ?1)",
                      id, 0, error))
    {
      mdg_database_rollback (db);
      return FALSE;
    }
  return mdg_database_commit (db, error);
}

static void
bind_entry_text (sqlite3_stmt *stmt,
                 int           index,
                 const char   *text)
{
  _mdg_sql_bind_text (stmt, index, text);
}

static char *
join_cve_ids (GStrv cve_ids)
{
  return cve_ids && cve_ids[0] ? g_strjoinv (" ", cve_ids) : NULL;
}

/* The statements of one merge, prepared once for all its entries. */
typedef struct
{
  sqlite3_stmt *find;
  sqlite3_stmt *insert;
  sqlite3_stmt *update;
} MergeStatements;

static void
merge_statements_clear (MergeStatements *statements)
{
  g_clear_pointer (&statements->find, sqlite3_finalize);
  g_clear_pointer (&statements->insert, sqlite3_finalize);
  g_clear_pointer (&statements->update, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MergeStatements, merge_statements_clear)

static gboolean
merge_statements_prepare (sqlite3          *handle,
                          MergeStatements  *statements,
                          GError          **error)
{
  statements->find = _mdg_sql_prepare (handle,
                                       "SELECT id, source_id FROM feed_item WHERE (source_id = ?1 AND guid = ?2)"
                                       " OR (?3 IS NOT NULL AND link_key = ?3) LIMIT 1",
                                       error);
  if (statements->find == NULL)
    return FALSE;
  /* Seen again: refresh what the feed may have corrected, and touch nothing when
   * nothing changed (no re-indexing, no new updated_at). */
  statements->update = _mdg_sql_prepare (handle,
                                         "UPDATE feed_item SET title = ?2, summary = ?3, identifier = ?4, cve_ids = ?5,"
                                         " cvss_score = ?6, severity = ?7, published_at = coalesce(published_at, ?8)"
                                         " WHERE id = ?1 AND (title IS NOT ?2 OR summary IS NOT ?3"
                                         " OR identifier IS NOT ?4 OR cve_ids IS NOT ?5 OR cvss_score IS NOT ?6"
                                         " OR severity IS NOT ?7)",
                                         error);
  if (statements->update == NULL)
    return FALSE;
  statements->insert = _mdg_sql_prepare (handle,
                                         "INSERT INTO feed_item (source_id, title, summary, identifier, cve_ids,"
                                         " cvss_score, severity, published_at, guid, link, link_key)"
                                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                         error);
  return statements->insert != NULL;
}

/* Inserts @entry, or updates the item it already is; counts it in @n_new when new. */
static gboolean
merge_entry (sqlite3          *handle,
             MergeStatements  *statements,
             gint64            source_id,
             MdgFeedEntry     *entry,
             const char       *now,
             guint            *n_new,
             GError          **error)
{
  g_autofree char *link_key = mdg_feed_link_key (entry->link);
  g_autofree char *cve_ids = join_cve_ids (entry->cve_ids);
  g_autofree char *published = entry->published ? _mdg_feed_time_to_string (entry->published) : NULL;
  g_autofree char *guid = NULL;
  const char *title = entry->title && *entry->title ? entry->title : _("Untitled item");
  sqlite3_stmt *find = statements->find;
  sqlite3_stmt *stmt;

  /* Without guid or link an item is told apart by its title and date. */
  if (entry->guid && *entry->guid)
    guid = g_strdup (entry->guid);
  else if (entry->link && *entry->link)
    guid = g_strdup (entry->link);
  else
    guid = g_compute_checksum_for_string (G_CHECKSUM_SHA256, published ? published : title, -1);

  sqlite3_reset (find);
  sqlite3_bind_int64 (find, 1, source_id);
  sqlite3_bind_text (find, 2, guid, -1, SQLITE_STATIC);
  _mdg_sql_bind_text (find, 3, link_key);

  if (sqlite3_step (find) == SQLITE_ROW)
    {
      /* Another feed citing an item keeps its words to itself: the item stays as its own
       * source wrote it. */
      if (sqlite3_column_int64 (find, 1) != source_id)
        return TRUE;

      stmt = statements->update;
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      sqlite3_bind_int64 (stmt, 1, sqlite3_column_int64 (find, 0));
    }
  else
    {
      stmt = statements->insert;
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      sqlite3_bind_int64 (stmt, 1, source_id);
      sqlite3_bind_text (stmt, 9, guid, -1, SQLITE_STATIC);
      bind_entry_text (stmt, 10, entry->link);
      _mdg_sql_bind_text (stmt, 11, link_key);
      (*n_new)++;
    }

  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  bind_entry_text (stmt, 3, entry->summary);
  bind_entry_text (stmt, 4, entry->identifier);
  _mdg_sql_bind_text (stmt, 5, cve_ids);
  if (entry->cvss_score >= 0)
    sqlite3_bind_double (stmt, 6, entry->cvss_score);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_int (stmt, 7, entry->severity);
  /* An item without a date counts from when the desk first saw it. */
  sqlite3_bind_text (stmt, 8, published ? published : now, -1, SQLITE_STATIC);

  return _mdg_sql_step_done (handle, stmt, error);
}

static gboolean
update_source_result (MdgDatabase               *db,
                      gint64                     source_id,
                      const MdgFeedFetchRecord  *record,
                      const char                *now,
                      GError                   **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = record->error_message == NULL;

  /* A failure keeps the validators of the last good answer; a 304 may omit them. */
  stmt = _mdg_sql_prepare (handle,
                           ok ? "UPDATE feed_source SET last_status = ?2, last_fetched_at = ?3,"
                                " last_success_at = ?3, last_error = NULL,"
                                " etag = iif(?2 = 304, coalesce(?4, etag), ?4),"
                                " last_modified = iif(?2 = 304, coalesce(?5, last_modified), ?5),"
                                " format = coalesce(?6, format) WHERE id = ?1"
                              : "UPDATE feed_source SET last_status = ?2, last_fetched_at = ?3, last_error = ?7"
                                " WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  if (record->http_status > 0)
    sqlite3_bind_int (stmt, 2, record->http_status);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (ok)
    {
      _mdg_sql_bind_text (stmt, 4, record->etag);
      _mdg_sql_bind_text (stmt, 5, record->last_modified);
      if (record->has_format)
        sqlite3_bind_text (stmt, 6, mdg_feed_format_to_string (record->format), -1, SQLITE_STATIC);
    }
  else
    sqlite3_bind_text (stmt, 7, record->error_message, -1, SQLITE_STATIC);

  return _mdg_sql_step_done (handle, stmt, error);
}

/**
 * mdg_feed_store_record_fetch:
 * @db: a #MdgDatabase (the fetching worker's own connection)
 * @source_id: the source fetched
 * @record: what the fetch gave
 * @entries: (nullable) (element-type MdgFeedEntry): the feed's items, when it worked
 *   and the server sent a feed (not for a 304)
 * @n_new: (out) (optional): how many items were new
 * @error: a location for a #GError
 *
 * Records the result of a fetch and merges the items, in one transaction. A failed
 * fetch records its error and leaves every item as it was.
 */
gboolean
mdg_feed_store_record_fetch (MdgDatabase               *db,
                             gint64                     source_id,
                             const MdgFeedFetchRecord  *record,
                             GPtrArray                 *entries,
                             guint                     *n_new,
                             GError                   **error)
{
  g_autoptr(GDateTime) now_time = g_date_time_new_now_utc ();
  g_autofree char *now = _mdg_feed_time_to_string (now_time);
  guint count = 0;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!mdg_database_begin (db, error))
    return FALSE;

  if (!update_source_result (db, source_id, record, now, error))
    goto fail;

  if (record->error_message == NULL && entries != NULL)
    {
      sqlite3 *handle = _mdg_database_get_handle (db);
      g_auto(MergeStatements) statements = { NULL };

      if (!merge_statements_prepare (handle, &statements, error))
        goto fail;
      for (guint i = 0; i < entries->len; i++)
        if (!merge_entry (handle, &statements, source_id, g_ptr_array_index (entries, i), now, &count, error))
          goto fail;
    }

  if (!mdg_database_commit (db, error))
    return FALSE;
  if (n_new != NULL)
    *n_new = count;
  return TRUE;

fail:
  mdg_database_rollback (db);
  return FALSE;
}

/**
 * mdg_feed_store_list_items:
 * @db: a #MdgDatabase
 * @filter: (nullable): what to show; %NULL for every item
 * @error: a location for a #GError
 *
 * The reader's list, newest first. Words in the filter's query must all appear in the
 * title, summary, identifier or CVE ids (kana in any script, short words too).
 *
 * Returns: (transfer container) (element-type MdgFeedItem): the items
 */
GPtrArray *
mdg_feed_store_list_items (MdgDatabase          *db,
                           const MdgFeedFilter  *filter,
                           GError              **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " ITEM_COLUMNS ITEM_FROM " WHERE 1");
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  MdgFeedFilter all = { 0 };

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  if (filter == NULL)
    filter = &all;

  /* The search terms come first, so that they are ?1… and the filter's follow. */
  if (!_mdg_reading_add_search (sql, "i.id", MDG_READING_FEED_ITEM, filter->query, binds, error))
    return NULL;

  if (filter->source_id > 0)
    {
      g_ptr_array_add (binds, g_strdup_printf ("%" G_GINT64_FORMAT, filter->source_id));
      g_string_append_printf (sql, " AND i.source_id = ?%u", binds->len);
    }
  if (filter->min_severity > MDG_SEVERITY_UNKNOWN)
    g_string_append_printf (sql, " AND i.severity >= %d", (int) filter->min_severity);
  if (filter->since != NULL)
    {
      g_ptr_array_add (binds, _mdg_feed_time_to_string (filter->since));
      g_string_append_printf (sql, " AND i.published_at >= ?%u", binds->len);
    }
  if (filter->within_days > 0)
    {
      /* Counted from now when the list is read: a saved "last 7 days" stays the last 7 days. */
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) cutoff = g_date_time_add_days (now, -(int) MIN (filter->within_days, 36500));

      g_ptr_array_add (binds, _mdg_feed_time_to_string (cutoff));
      g_string_append_printf (sql, " AND i.published_at >= ?%u", binds->len);
    }
  switch (filter->state)
    {
    case MDG_FEED_ITEM_STATE_UNREAD: g_string_append (sql, " AND NOT i.read"); break;
    case MDG_FEED_ITEM_STATE_STARRED: g_string_append (sql, " AND i.starred"); break;
    case MDG_FEED_ITEM_STATE_PICKED: g_string_append (sql, " AND i.picked"); break;
    case MDG_FEED_ITEM_STATE_ALL:
    default: break;
    }
  g_string_append_printf (sql, " ORDER BY i.published_at DESC, i.id DESC LIMIT %u",
                          filter->limit ? filter->limit : DEFAULT_LIMIT);

  return _mdg_reading_collect (db, sql, binds, item_from_row, _("Could not read the threat information"), error);
}

static GPtrArray *
list_items_thread (MdgDatabase  *connection,
                   gpointer      data,
                   GError      **error)
{
  return mdg_feed_store_list_items (connection, data, error);
}

/**
 * mdg_feed_store_list_items_async:
 * @db: a #MdgDatabase
 * @filter: (nullable): what to show; copied
 * @cancellable: (nullable): a #GCancellable; cancel it when the filter changes
 * @callback: called when the list is read
 * @user_data: data for @callback
 *
 * Reads mdg_feed_store_list_items() in a worker thread.
 */
void
mdg_feed_store_list_items_async (MdgDatabase          *db,
                                 const MdgFeedFilter  *filter,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  _mdg_database_list_async (db, list_items_thread, mdg_feed_filter_copy (filter),
                            (GDestroyNotify) mdg_feed_filter_free, mdg_feed_store_list_items_async,
                            cancellable, callback, user_data);
}

/* Returns: (transfer container) (element-type MdgFeedItem): the items */
GPtrArray *
mdg_feed_store_list_items_finish (MdgDatabase   *db,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_feed_store_list_items_async, error);
}

/**
 * mdg_feed_store_load_item:
 * @db: a #MdgDatabase
 * @id: the item's id
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the item, or %NULL with %MDG_ERROR_NOT_FOUND
 */
MdgFeedItem *
mdg_feed_store_load_item (MdgDatabase  *db,
                          gint64        id,
                          GError      **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  items = collect_items (db, "SELECT " ITEM_COLUMNS ITEM_FROM " WHERE i.id = ?1", id, error);
  if (items == NULL)
    return NULL;
  if (items->len == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no threat item %lld"), (long long) id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (items, 0));
}

static gboolean
set_mark (MdgDatabase  *db,
          MdgFeedItem  *item,
          const char   *sql,
          gboolean      value,
          GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_FEED_ITEM (item), FALSE);

  return _mdg_sql_exec_ids (db, sql, mdg_feed_item_get_id (item), !!value, error);
}

/* Marks @item read or unread, in the database and on the object (which notifies). */
gboolean
mdg_feed_store_set_read (MdgDatabase  *db,
                         MdgFeedItem  *item,
                         gboolean      read,
                         GError      **error)
{
  if (!set_mark (db, item, "UPDATE feed_item SET read = ?2 WHERE id = ?1 AND read IS NOT ?2", read, error))
    return FALSE;
  _mdg_feed_item_set_state (item, read, mdg_feed_item_get_starred (item), mdg_feed_item_get_picked (item));
  return TRUE;
}

gboolean
mdg_feed_store_set_starred (MdgDatabase  *db,
                            MdgFeedItem  *item,
                            gboolean      starred,
                            GError      **error)
{
  if (!set_mark (db, item, "UPDATE feed_item SET starred = ?2 WHERE id = ?1 AND starred IS NOT ?2", starred, error))
    return FALSE;
  _mdg_feed_item_set_state (item, mdg_feed_item_get_read (item), starred, mdg_feed_item_get_picked (item));
  return TRUE;
}

/* Picked: a topic candidate for the next seminars and notices. */
gboolean
mdg_feed_store_set_picked (MdgDatabase  *db,
                           MdgFeedItem  *item,
                           gboolean      picked,
                           GError      **error)
{
  if (!set_mark (db, item, "UPDATE feed_item SET picked = ?2 WHERE id = ?1 AND picked IS NOT ?2", picked, error))
    return FALSE;
  _mdg_feed_item_set_state (item, mdg_feed_item_get_read (item), mdg_feed_item_get_starred (item), picked);
  return TRUE;
}

/* Marks every item of @source_id (0: of every source) read. */
gboolean
mdg_feed_store_mark_all_read (MdgDatabase  *db,
                              gint64        source_id,
                              GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  return _mdg_sql_exec_ids (db, "UPDATE feed_item SET read = 1 WHERE NOT read AND (?1 = 0 OR source_id = ?1)",
                        source_id, 0, error);
}

/* Returns: how many items are unread, 0 with @error set when it cannot tell */
guint
mdg_feed_store_count_unread (MdgDatabase  *db,
                             GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), 0);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, "SELECT count(*) FROM feed_item WHERE NOT read", error);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _mdg_sql_set_error (handle, error, _("Could not read the threat information"));
      return 0;
    }
  return sqlite3_column_int (stmt, 0);
}

static gpointer
saved_search_from_row (sqlite3_stmt *stmt)
{
  MdgFeedFilter *filter = mdg_feed_filter_new ();
  int severity = sqlite3_column_int (stmt, 5);

  filter->query = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  filter->source_id = sqlite3_column_int64 (stmt, 3);
  mdg_feed_item_state_from_string ((const char *) sqlite3_column_text (stmt, 4), &filter->state);
  filter->min_severity = CLAMP (severity, MDG_SEVERITY_UNKNOWN, MDG_SEVERITY_CRITICAL);
  filter->within_days = (guint) MAX (sqlite3_column_int (stmt, 6), 0);
  return _mdg_saved_search_new (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1), filter);
}

#define SAVED_SEARCH_SELECT \
  "SELECT id, name, query, source_id, state, min_severity, within_days FROM feed_saved_search"

/**
 * mdg_feed_store_list_saved_searches:
 * @db: a #MdgDatabase
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgSavedSearch): the saved searches by name
 */
GPtrArray *
mdg_feed_store_list_saved_searches (MdgDatabase  *db,
                                    GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return _mdg_sql_collect_query (_mdg_database_get_handle (db), SAVED_SEARCH_SELECT " ORDER BY name COLLATE kana, id",
                                 0, saved_search_from_row, g_object_unref, _("Could not read the saved searches"),
                                 error);
}

/**
 * mdg_feed_store_save_search:
 * @db: a #MdgDatabase
 * @name: its name; saving under an existing name replaces that search
 * @filter: the filter to save: its words, source, state, lowest severity and period
 *   in days (a fixed @since and the length are not kept)
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the saved search
 */
MdgSavedSearch *
mdg_feed_store_save_search (MdgDatabase          *db,
                            const char           *name,
                            const MdgFeedFilter  *filter,
                            GError              **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) read = NULL;
  g_autofree char *clean_name = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *query = g_strstrip (g_strdup (filter && filter->query ? filter->query : ""));

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (*clean_name == '\0')
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("A saved search needs a name"));
      return NULL;
    }

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "INSERT INTO feed_saved_search (name, query, source_id, state, min_severity, within_days)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (name) DO UPDATE SET"
                           " query = excluded.query, source_id = excluded.source_id, state = excluded.state,"
                           " min_severity = excluded.min_severity, within_days = excluded.within_days",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, clean_name, -1, SQLITE_STATIC);
  _mdg_sql_bind_text (stmt, 2, query);
  if (filter->source_id > 0)
    sqlite3_bind_int64 (stmt, 3, filter->source_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, mdg_feed_item_state_to_string (filter->state), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, filter->min_severity);
  sqlite3_bind_int (stmt, 6, (int) MIN (filter->within_days, 36500));
  if (!_mdg_sql_step_done (handle, stmt, error))
    return NULL;

  read = _mdg_sql_prepare (handle, SAVED_SEARCH_SELECT " WHERE name = ?1", error);
  if (read == NULL)
    return NULL;
  sqlite3_bind_text (read, 1, clean_name, -1, SQLITE_STATIC);
  if (sqlite3_step (read) != SQLITE_ROW)
    {
      _mdg_sql_set_error (handle, error, _("Could not read the saved searches"));
      return NULL;
    }
  return saved_search_from_row (read);
}

gboolean
mdg_feed_store_delete_saved_search (MdgDatabase  *db,
                                    gint64        id,
                                    GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  return _mdg_sql_exec_ids (db, "DELETE FROM feed_saved_search WHERE id = ?1", id, 0, error);
}

static gboolean
check_item_exists (MdgDatabase  *db,
                   gint64        item_id,
                   GError      **error)
{
  if (row_exists (db, "SELECT 1 FROM feed_item WHERE id = ?1", item_id))
    return TRUE;
  g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no threat item %lld"), (long long) item_id);
  return FALSE;
}

/**
 * mdg_feed_store_pick_for_seminar:
 * @db: a #MdgDatabase
 * @item_id: the threat item
 * @seminar_id: the seminar whose packet lists it among the latest threats
 * @error: a location for a #GError
 *
 * Makes an item a topic of a seminar (and marks it picked). Picking it twice is no error.
 */
gboolean
mdg_feed_store_pick_for_seminar (MdgDatabase  *db,
                                 gint64        item_id,
                                 gint64        seminar_id,
                                 GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  if (!check_item_exists (db, item_id, error))
    return FALSE;
  if (!row_exists (db, "SELECT 1 FROM seminar WHERE id = ?1", seminar_id))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no seminar %lld"), (long long) seminar_id);
      return FALSE;
    }

  if (!mdg_database_begin (db, error))
    return FALSE;
  if (!_mdg_sql_exec_ids (db, "INSERT INTO seminar_topic (feed_item_id, seminar_id) VALUES (?1, ?2)"
                          " ON CONFLICT DO NOTHING", item_id, seminar_id, error) ||
      !_mdg_sql_exec_ids (db, "UPDATE feed_item SET picked = 1 WHERE id = ?1 AND NOT picked", item_id, 0, error))
    {
      mdg_database_rollback (db);
      return FALSE;
    }
  return mdg_database_commit (db, error);
}

/* Takes an item off a seminar's topics; it stays picked for other uses. */
gboolean
mdg_feed_store_unpick_for_seminar (MdgDatabase  *db,
                                   gint64        item_id,
                                   gint64        seminar_id,
                                   GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  return _mdg_sql_exec_ids (db, "DELETE FROM seminar_topic WHERE feed_item_id = ?1 AND seminar_id = ?2",
                        item_id, seminar_id, error);
}

/**
 * mdg_feed_store_list_seminar_topics:
 * @db: a #MdgDatabase
 * @seminar_id: a seminar
 * @error: a location for a #GError
 *
 * The items picked for a seminar, for its packet's "latest threats" page: the most
 * severe first, then the newest.
 *
 * Returns: (transfer container) (element-type MdgFeedItem): the items
 */
GPtrArray *
mdg_feed_store_list_seminar_topics (MdgDatabase  *db,
                                    gint64        seminar_id,
                                    GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return collect_items (db,
                        "SELECT " ITEM_COLUMNS ITEM_FROM
                        " JOIN seminar_topic AS t ON t.feed_item_id = i.id WHERE t.seminar_id = ?1"
                        " ORDER BY i.severity DESC, i.published_at DESC, i.id DESC",
                        seminar_id, error);
}

static const char *
attach_column (MdgAttachKind kind)
{
  return kind == MDG_ATTACH_CONSULTATION ? "consultation_id" : "follow_up_id";
}

/**
 * mdg_feed_store_attach:
 * @db: a #MdgDatabase
 * @item_id: the threat item
 * @kind: what it is attached to
 * @target_id: the consultation's or follow-up's id
 * @error: a location for a #GError
 *
 * Attaches an item to a consultation or a follow-up (the advice promised), so that its
 * answer or advice letter can cite it. Attaching twice is no error.
 */
gboolean
mdg_feed_store_attach (MdgDatabase    *db,
                       gint64          item_id,
                       MdgAttachKind   kind,
                       gint64          target_id,
                       GError        **error)
{
  g_autofree char *sql = NULL;
  gboolean consultation = kind == MDG_ATTACH_CONSULTATION;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  if (!check_item_exists (db, item_id, error))
    return FALSE;
  if (!row_exists (db, consultation ? "SELECT 1 FROM consultation WHERE id = ?1"
                                    : "SELECT 1 FROM follow_up WHERE id = ?1", target_id))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                   consultation ? _("There is no consultation %lld") : _("There is no follow-up %lld"),
                   (long long) target_id);
      return FALSE;
    }

  sql = g_strdup_printf ("INSERT INTO feed_item_attachment (feed_item_id, %s) VALUES (?1, ?2)"
                         " ON CONFLICT DO NOTHING", attach_column (kind));
  return _mdg_sql_exec_ids (db, sql, item_id, target_id, error);
}

gboolean
mdg_feed_store_detach (MdgDatabase    *db,
                       gint64          item_id,
                       MdgAttachKind   kind,
                       gint64          target_id,
                       GError        **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  sql = g_strdup_printf ("DELETE FROM feed_item_attachment WHERE feed_item_id = ?1 AND %s = ?2",
                         attach_column (kind));
  return _mdg_sql_exec_ids (db, sql, item_id, target_id, error);
}

/**
 * mdg_feed_store_list_attached:
 * @db: a #MdgDatabase
 * @kind: consultation or follow-up
 * @target_id: its id
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgFeedItem): the items attached, newest first
 */
GPtrArray *
mdg_feed_store_list_attached (MdgDatabase    *db,
                              MdgAttachKind   kind,
                              gint64          target_id,
                              GError        **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  sql = g_strdup_printf ("SELECT " ITEM_COLUMNS ITEM_FROM
                         " JOIN feed_item_attachment AS a ON a.feed_item_id = i.id WHERE a.%s = ?1"
                         " ORDER BY i.published_at DESC, i.id DESC", attach_column (kind));
  return collect_items (db, sql, target_id, error);
}

#define INTERVAL_KEY "feeds.interval-minutes"
#define FETCH_AT_START_KEY "feeds.fetch-at-start"

/* Returns: minutes between automatic fetches; 0 (the default) for on demand only */
guint
mdg_feed_settings_get_interval (MdgDatabase *db)
{
  g_autofree char *value = NULL;
  guint64 minutes = 0;

  g_return_val_if_fail (MDG_IS_DATABASE (db), 0);

  value = _mdg_setting_get (db, INTERVAL_KEY, NULL);
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, 7 * 24 * 60, &minutes, NULL))
    return 0;
  return minutes;
}

/**
 * mdg_feed_settings_set_interval:
 * @db: a #MdgDatabase
 * @minutes: minutes between automatic fetches, at least 15 (servers are public
 *   services); 0 for on demand only
 * @error: a location for a #GError
 */
gboolean
mdg_feed_settings_set_interval (MdgDatabase  *db,
                                guint         minutes,
                                GError      **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  if (minutes != 0 && (minutes < 15 || minutes > 7 * 24 * 60))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("Feeds are fetched every 15 minutes at the most often and once a week at the least"));
      return FALSE;
    }
  value = minutes ? g_strdup_printf ("%u", minutes) : NULL;
  return _mdg_setting_set (db, INTERVAL_KEY, value, error);
}

/* Whether the user agreed to fetch when Madoguchi starts; %FALSE until they do. */
gboolean
mdg_feed_settings_get_fetch_at_start (MdgDatabase *db)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  value = _mdg_setting_get (db, FETCH_AT_START_KEY, NULL);
  return g_strcmp0 (value, "true") == 0;
}

gboolean
mdg_feed_settings_set_fetch_at_start (MdgDatabase  *db,
                                      gboolean      fetch_at_start,
                                      GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  return _mdg_setting_set (db, FETCH_AT_START_KEY, fetch_at_start ? "true" : NULL, error);
}
