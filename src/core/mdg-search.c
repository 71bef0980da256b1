/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-search"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-kana.h"
#include "mdg-search-private.h"

/*
 * One FTS5 table with the trigram tokenizer indexes people, organizations and
 * seminars; Japanese has no spaces between words, so trigrams are what make a
 * substring findable. Its rowid is `id * 4 + kind`, kept by triggers (see
 * mdg-migrations.c), and its text is folded by mdg_kana_fold() so that kana typed
 * in any script matches.
 *
 * Trigrams cannot match a term shorter than three characters, and LIKE on an FTS5
 * table misses short non-ASCII patterns, so short terms are matched with instr()
 * over the folded text instead.
 */

G_DEFINE_BOXED_TYPE (MdgSearchHit, mdg_search_hit, mdg_search_hit_ref, mdg_search_hit_unref)

MdgSearchHit *
mdg_search_hit_ref (MdgSearchHit *hit)
{
  return g_atomic_rc_box_acquire (hit);
}

static void
search_hit_clear (gpointer data)
{
  MdgSearchHit *hit = data;

  g_free (hit->title);
  g_free (hit->subtitle);
}

void
mdg_search_hit_unref (MdgSearchHit *hit)
{
  g_atomic_rc_box_release_full (hit, search_hit_clear);
}

const char *
mdg_search_kind_to_string (MdgSearchKind kind)
{
  switch (kind)
    {
    case MDG_SEARCH_KIND_PERSON: return "person";
    case MDG_SEARCH_KIND_ORGANIZATION: return "organization";
    case MDG_SEARCH_KIND_SEMINAR: return "seminar";
    default: return "unknown";
    }
}

static char *
quote_phrase (const char *term)
{
  GString *out = g_string_new ("\"");

  for (const char *p = term; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/**
 * _mdg_search_add_clause:
 * @index: the FTS5 table searched, aliased as `s` in the statement
 * @query: what the user typed
 * @where: the WHERE clause so far; conditions are appended with AND
 * @binds: (element-type utf8): the text parameters so far, numbered ?1 onwards; the
 *   clause's own parameters are appended and numbered after them
 * @error: a location for a #GError
 *
 * Turns what the user typed into conditions over @index: long terms go to one MATCH,
 * short ones to instr().
 *
 * Returns: %FALSE for invalid UTF-8; otherwise %TRUE, having added nothing when there
 *   is nothing to find
 */
gboolean
_mdg_search_add_clause (const char  *index,
                        const char  *query,
                        GString     *where,
                        GPtrArray   *binds,
                        GError     **error)
{
  g_autoptr(GPtrArray) long_terms = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folded = mdg_kana_fold (query, -1);
  g_auto(GStrv) terms = NULL;

  if (folded == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("The search text is not valid UTF-8"));
      return FALSE;
    }

  terms = g_strsplit_set (g_strstrip (folded), " \t\n", -1);
  for (guint i = 0; terms[i]; i++)
    {
      glong chars = g_utf8_strlen (terms[i], -1);

      if (chars >= 3)
        g_ptr_array_add (long_terms, quote_phrase (terms[i]));
      else if (chars > 0)
        {
          g_ptr_array_add (binds, g_strdup (terms[i]));
          g_string_append_printf (where, " AND instr(s.text, ?%u) > 0", binds->len);
        }
    }

  if (long_terms->len > 0)
    {
      g_ptr_array_add (long_terms, NULL);
      g_ptr_array_add (binds, g_strjoinv (" AND ", (char **) long_terms->pdata));
      g_string_append_printf (where, " AND %s MATCH ?%u", index, binds->len);
    }
  return TRUE;
}

/* Binds the text parameters collected by _mdg_search_add_clause(), from ?1. */
void
_mdg_search_bind (sqlite3_stmt *stmt,
                  GPtrArray    *binds)
{
  for (guint i = 0; i < binds->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (binds, i), -1, SQLITE_TRANSIENT);
}

/**
 * _mdg_search_prepare:
 * @db: a #MdgDatabase
 * @select: the statement up to its FROM clause, which this appends (over search_index AS s)
 * @join: (nullable): joins and further conditions' tables, placed after the FROM
 * @kind: 0 for every kind, or the one kind to find
 * @query: what the user typed
 * @limit: the most rows
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the statement, bound, ordered by rowid; %NULL with
 *   @error unset when the query holds nothing to find
 */
sqlite3_stmt *
_mdg_search_prepare (MdgDatabase    *db,
                     const char     *select,
                     const char     *join,
                     MdgSearchKind   kind,
                     const char     *query,
                     guint           limit,
                     GError        **error)
{
  g_autoptr(GString) where = g_string_new ("1");
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new (select);
  sqlite3_stmt *stmt;

  if (!_mdg_search_add_clause ("search_index", query, where, binds, error) || binds->len == 0)
    return NULL;

  g_string_append_printf (sql, " FROM search_index AS s %s WHERE %s", join ? join : "", where->str);
  if (kind != 0)
    g_string_append_printf (sql, " AND s.rowid %% 4 = %d", kind);
  /* In index order, so that SQLite stops at the limit: ranking every match of a
   * common name (bm25 over thousands of rows) would cost frames on each keystroke. */
  g_string_append_printf (sql, " ORDER BY s.rowid LIMIT %u", limit);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), sql->str, error);
  if (stmt != NULL)
    _mdg_search_bind (stmt, binds);
  return stmt;
}

/**
 * _mdg_search_prepare_list:
 * @db: a #MdgDatabase
 * @select: as for _mdg_search_prepare()
 * @join: as for _mdg_search_prepare()
 * @kind: the kind of record listed
 * @query: (nullable): what the user typed; %NULL for all
 * @all: the statement listing every record in order, its LIMIT a parameter
 * @limit: the most rows
 * @searched: (out): whether the rows are search hits, in index order (sort them)
 * @error: a location for a #GError
 *
 * A list searched as the user types, or the whole list when there is nothing to find.
 *
 * Returns: (transfer full): the statement, bound, or %NULL with @error set
 */
sqlite3_stmt *
_mdg_search_prepare_list (MdgDatabase    *db,
                          const char     *select,
                          const char     *join,
                          MdgSearchKind   kind,
                          const char     *query,
                          const char     *all,
                          guint           limit,
                          gboolean       *searched,
                          GError        **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt = NULL;

  if (query != NULL)
    stmt = _mdg_search_prepare (db, select, join, kind, query, limit, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  *searched = stmt != NULL;
  if (stmt == NULL)
    {
      stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), all, error);
      if (stmt != NULL)
        sqlite3_bind_int (stmt, 1, limit);
    }
  return stmt;
}

static gpointer
search_hit_row (sqlite3_stmt *stmt)
{
  MdgSearchHit *hit = g_atomic_rc_box_new0 (MdgSearchHit);

  hit->kind = sqlite3_column_int (stmt, 0);
  hit->id = sqlite3_column_int64 (stmt, 1);
  hit->title = g_strstrip (_mdg_sql_column_dup (stmt, 2));
  hit->subtitle = _mdg_sql_column_dup (stmt, 3);
  return hit;
}

/**
 * mdg_search:
 * @db: a #MdgDatabase
 * @query: what the user typed; words separated by spaces must all match
 * @limit: the most hits to return
 * @error: a location for a #GError
 *
 * Finds people (by name, kana in any script, e-mail), organizations (name, kana,
 * municipality) and seminars (title, venue, co-organizer, description).
 *
 * Returns: (transfer container) (element-type MdgSearchHit): the hits, oldest records first
 */
GPtrArray *
mdg_search (MdgDatabase  *db,
            const char   *query,
            guint         limit,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  stmt = _mdg_search_prepare (db,
                              "SELECT s.rowid % 4, s.rowid / 4,"
                              " coalesce(p.family_name || ' ' || coalesce(p.given_name, ''), o.name, m.title),"
                              " coalesce(po.name, p.email, o.municipality, m.venue, m.online_url, '')",
                              " LEFT JOIN person AS p ON s.rowid % 4 = 1 AND p.id = s.rowid / 4"
                              " LEFT JOIN organization AS po ON po.id = p.organization_id"
                              " LEFT JOIN organization AS o ON s.rowid % 4 = 2 AND o.id = s.rowid / 4"
                              " LEFT JOIN seminar AS m ON s.rowid % 4 = 3 AND m.id = s.rowid / 4",
                              0, query, limit, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  /* Nothing to find in the query: no hits. */
  if (stmt == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_search_hit_unref);

  return _mdg_sql_collect (_mdg_database_get_handle (db), stmt, search_hit_row, (GDestroyNotify) mdg_search_hit_unref,
                           _("Could not search"), error);
}
