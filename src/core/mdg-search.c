/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-search"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-kana.h"
#include "mdg-search.h"

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
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_search_hit_unref);
  g_autoptr(GPtrArray) long_terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) short_terms = g_ptr_array_new ();
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) terms = NULL;
  sqlite3 *handle;
  int param = 1;
  int rc;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  folded = mdg_kana_fold (query, -1);
  if (folded == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("The search text is not valid UTF-8"));
      return NULL;
    }

  terms = g_strsplit_set (g_strstrip (folded), " \t\n", -1);
  for (guint i = 0; terms[i]; i++)
    {
      glong chars = g_utf8_strlen (terms[i], -1);

      if (chars >= 3)
        g_ptr_array_add (long_terms, quote_phrase (terms[i]));
      else if (chars > 0)
        g_ptr_array_add (short_terms, terms[i]);
    }

  if (long_terms->len == 0 && short_terms->len == 0)
    return g_steal_pointer (&hits);

  g_string_append (sql,
                   "SELECT s.rowid % 4,"
                   " s.rowid / 4,"
                   " coalesce(p.family_name || ' ' || coalesce(p.given_name, ''), o.name, m.title),"
                   " coalesce(po.name, p.email, o.municipality, m.venue, m.online_url, '')"
                   " FROM search_index AS s"
                   " LEFT JOIN person AS p ON s.rowid % 4 = 1 AND p.id = s.rowid / 4"
                   " LEFT JOIN organization AS po ON po.id = p.organization_id"
                   " LEFT JOIN organization AS o ON s.rowid % 4 = 2 AND o.id = s.rowid / 4"
                   " LEFT JOIN seminar AS m ON s.rowid % 4 = 3 AND m.id = s.rowid / 4"
                   " WHERE 1");
  if (long_terms->len > 0)
    g_string_append_printf (sql, " AND search_index MATCH ?%d", param++);
  for (guint i = 0; i < short_terms->len; i++)
    g_string_append_printf (sql, " AND instr(s.text, ?%d) > 0", param++);
  /* In index order, so that SQLite stops at the limit: ranking every match of a
   * common name (bm25 over thousands of rows) would cost frames on each keystroke. */
  g_string_append_printf (sql, " ORDER BY s.rowid LIMIT ?%d", param);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, sql->str, error);
  if (stmt == NULL)
    return NULL;

  param = 1;
  if (long_terms->len > 0)
    {
      g_ptr_array_add (long_terms, NULL);
      sqlite3_bind_text (stmt, param++, g_strjoinv (" AND ", (char **) long_terms->pdata), -1, g_free);
    }
  for (guint i = 0; i < short_terms->len; i++)
    sqlite3_bind_text (stmt, param++, g_ptr_array_index (short_terms, i), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, param, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MdgSearchHit *hit = g_atomic_rc_box_new0 (MdgSearchHit);

      hit->kind = sqlite3_column_int (stmt, 0);
      hit->id = sqlite3_column_int64 (stmt, 1);
      hit->title = _mdg_sql_column_dup (stmt, 2);
      hit->subtitle = _mdg_sql_column_dup (stmt, 3);
      g_strstrip (hit->title);
      g_ptr_array_add (hits, hit);
    }

  if (rc != SQLITE_DONE)
    {
      _mdg_sql_set_error (handle, error, _("Could not search"));
      return NULL;
    }

  return g_steal_pointer (&hits);
}
