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

/*
 * Turns what the user typed into a WHERE clause over search_index AS s, with its
 * parameters: long terms go to one MATCH, short ones to instr().
 */
typedef struct
{
  GString   *where;
  GPtrArray *binds;
} SearchClause;

static void
search_clause_clear (SearchClause *clause)
{
  if (clause->where)
    g_string_free (clause->where, TRUE);
  g_clear_pointer (&clause->binds, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SearchClause, search_clause_clear)

/* Returns: %FALSE for invalid UTF-8; an empty clause (no binds) when there is nothing to find */
static gboolean
build_clause (const char    *table,
              const char    *query,
              SearchClause  *clause,
              GError       **error)
{
  g_autoptr(GPtrArray) long_terms = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folded = mdg_kana_fold (query, -1);
  g_auto(GStrv) terms = NULL;

  clause->where = g_string_new ("1");
  clause->binds = g_ptr_array_new_with_free_func (g_free);

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
          g_ptr_array_add (clause->binds, g_strdup (terms[i]));
          g_string_append_printf (clause->where, " AND instr(s.text, ?%u) > 0", clause->binds->len);
        }
    }

  if (long_terms->len > 0)
    {
      g_ptr_array_add (long_terms, NULL);
      g_ptr_array_add (clause->binds, g_strjoinv (" AND ", (char **) long_terms->pdata));
      g_string_append_printf (clause->where, " AND %s MATCH ?%u", table, clause->binds->len);
    }
  return TRUE;
}

static void
bind_clause (sqlite3_stmt *stmt,
             SearchClause *clause)
{
  for (guint i = 0; i < clause->binds->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (clause->binds, i), -1, SQLITE_TRANSIENT);
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
  g_auto(SearchClause) clause = { 0 };
  g_autoptr(GString) sql = g_string_new (select);
  sqlite3_stmt *stmt;

  if (!build_clause ("search_index", query, &clause, error) || clause.binds->len == 0)
    return NULL;

  g_string_append_printf (sql, " FROM search_index AS s %s WHERE %s", join ? join : "", clause.where->str);
  if (kind != 0)
    g_string_append_printf (sql, " AND s.rowid %% 4 = %d", kind);
  /* In index order, so that SQLite stops at the limit: ranking every match of a
   * common name (bm25 over thousands of rows) would cost frames on each keystroke. */
  g_string_append_printf (sql, " ORDER BY s.rowid LIMIT %u", limit);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), sql->str, error);
  if (stmt != NULL)
    bind_clause (stmt, &clause);
  return stmt;
}

/**
 * _mdg_search_where:
 * @table: the FTS5 table, which the statement names `s`
 * @query: what the user typed
 * @binds: (out) (transfer full) (element-type utf8): the values of ?1, ?2… in the clause
 * @error: a location for a #GError
 *
 * The search condition alone, for an index other than search_index (consultations
 * have their own) and statements with conditions of their own (named parameters).
 *
 * Returns: (transfer full) (nullable): the WHERE condition; %NULL with @error unset
 *   when the query holds nothing to find
 */
char *
_mdg_search_where (const char  *table,
                   const char  *query,
                   GPtrArray  **binds,
                   GError     **error)
{
  g_auto(SearchClause) clause = { 0 };

  if (!build_clause (table, query, &clause, error) || clause.binds->len == 0)
    return NULL;
  *binds = g_steal_pointer (&clause.binds);
  return g_string_free (g_steal_pointer (&clause.where), FALSE);
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
