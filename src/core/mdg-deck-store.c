/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-deck-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-database-private.h"
#include "mdg-deck-store.h"
#include "mdg-error.h"

/*
 * Decks, their revisions, the pages of each revision and the explanatory text of every
 * slide. The PDF files themselves are the slide library's business (src/slides): this
 * store only records them by their SHA-256. A new revision and everything it inherits
 * from the previous one are written in one transaction.
 */

#define REVISION_COLUMNS \
  "id, deck_id, number, sha256, page_count, change_note, created_at, source_name," \
  " original_sha256, original_type"

void
mdg_slide_review_free (MdgSlideReview *review)
{
  if (review == NULL)
    return;
  g_free (review->slide_text);
  g_free (review->explanation);
  g_free (review);
}

/* Timestamps are stored in UTC as SQLite writes them; people read them in local time. */
static GDateTime *
column_local_time (sqlite3_stmt *stmt,
                   int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = text ? g_date_time_new_from_iso8601 (text, utc) : NULL;

  return time ? g_date_time_to_local (time) : NULL;
}

static MdgDeckRevision *
revision_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) created_at = column_local_time (stmt, 6);
  MdgDeckRevisionFields fields = {
    .id = sqlite3_column_int64 (stmt, 0),
    .deck_id = sqlite3_column_int64 (stmt, 1),
    .number = sqlite3_column_int (stmt, 2),
    .sha256 = (const char *) sqlite3_column_text (stmt, 3),
    .page_count = sqlite3_column_int (stmt, 4),
    .change_note = (const char *) sqlite3_column_text (stmt, 5),
    .created_at = created_at,
    .source_name = (const char *) sqlite3_column_text (stmt, 7),
    .original_sha256 = (const char *) sqlite3_column_text (stmt, 8),
    .original_type = (const char *) sqlite3_column_text (stmt, 9),
  };

  return _mdg_deck_revision_new (&fields);
}

static MdgDeck *
deck_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) updated_at = column_local_time (stmt, 6);

  return _mdg_deck_new (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
                        (const char *) sqlite3_column_text (stmt, 2),
                        (const char *) sqlite3_column_text (stmt, 3), sqlite3_column_int (stmt, 4),
                        sqlite3_column_int (stmt, 5), updated_at);
}

#define DECK_SELECT                                                                     \
  "SELECT d.id, d.uuid, d.title, d.description, r.number, r.page_count, r.created_at"    \
  " FROM deck d LEFT JOIN deck_revision r ON r.id ="                                     \
  " (SELECT id FROM deck_revision WHERE deck_id = d.id ORDER BY number DESC LIMIT 1)"

/**
 * mdg_deck_store_list:
 * @db: a #MdgDatabase
 * @error: a location for a #GError
 *
 * Every deck with its newest revision's number and page count, by title in kana order.
 *
 * Returns: (transfer container) (element-type MdgDeck): the decks
 */
GPtrArray *
mdg_deck_store_list (MdgDatabase  *db,
                     GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return _mdg_sql_collect_query (_mdg_database_get_handle (db), DECK_SELECT " ORDER BY d.title COLLATE kana, d.id",
                                 0, (MdgRowFunc) deck_from_row, g_object_unref, _("Could not read the slide decks"),
                                 error);
}

static GPtrArray *
list_decks (MdgDatabase  *connection,
            gpointer      data,
            GError      **error)
{
  return mdg_deck_store_list (connection, error);
}

/**
 * mdg_deck_store_list_async:
 * @db: a #MdgDatabase
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the calling thread's main context with the list
 * @user_data: data for @callback
 *
 * Reads mdg_deck_store_list() in a worker thread on a connection of its own.
 */
void
mdg_deck_store_list_async (MdgDatabase         *db,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  _mdg_database_list_async (db, list_decks, NULL, NULL, mdg_deck_store_list_async, cancellable,
                            callback, user_data);
}

/* Returns: (transfer container) (element-type MdgDeck): the decks, or %NULL with @error set */
GPtrArray *
mdg_deck_store_list_finish (MdgDatabase   *db,
                            GAsyncResult  *result,
                            GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_deck_store_list_async, error);
}

/**
 * mdg_deck_store_load:
 * @db: a #MdgDatabase
 * @deck_id: the deck
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the deck, or %NULL with @error set (%MDG_ERROR_NOT_FOUND)
 */
MdgDeck *
mdg_deck_store_load (MdgDatabase  *db,
                     gint64        deck_id,
                     GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, DECK_SELECT " WHERE d.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deck_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return deck_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no slide deck %lld"), (long long) deck_id);
  else
    _mdg_sql_set_error (handle, error, _("Could not read the slide deck"));
  return NULL;
}

static MdgDeckRevision *
load_one_revision (sqlite3       *handle,
                   sqlite3_stmt  *stmt,
                   const char    *missing,
                   GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return revision_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, missing);
  else
    _mdg_sql_set_error (handle, error, _("Could not read the deck’s revisions"));
  return NULL;
}

/**
 * mdg_deck_store_load_revision:
 * @db: a #MdgDatabase
 * @deck_id: the deck
 * @number: the revision's number, or 0 for the newest
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the revision, or %NULL with @error set (%MDG_ERROR_NOT_FOUND)
 */
MdgDeckRevision *
mdg_deck_store_load_revision (MdgDatabase  *db,
                              gint64        deck_id,
                              guint         number,
                              GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *missing = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "SELECT " REVISION_COLUMNS " FROM deck_revision WHERE deck_id = ?1"
                           " AND (?2 = 0 OR number = ?2) ORDER BY number DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deck_id);
  sqlite3_bind_int (stmt, 2, number);
  missing = number ? g_strdup_printf (_("Slide deck %lld has no revision %u"), (long long) deck_id, number)
                   : g_strdup_printf (_("There is no slide deck %lld"), (long long) deck_id);
  return load_one_revision (handle, stmt, missing, error);
}

/**
 * mdg_deck_store_load_revision_by_id:
 * @db: a #MdgDatabase
 * @revision_id: the revision's row
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the revision, or %NULL with @error set (%MDG_ERROR_NOT_FOUND)
 */
MdgDeckRevision *
mdg_deck_store_load_revision_by_id (MdgDatabase  *db,
                                    gint64        revision_id,
                                    GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, "SELECT " REVISION_COLUMNS " FROM deck_revision WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, revision_id);
  return load_one_revision (handle, stmt, _("That deck revision no longer exists"), error);
}

/**
 * mdg_deck_store_list_revisions:
 * @db: a #MdgDatabase
 * @deck_id: the deck
 * @error: a location for a #GError
 *
 * The deck's history.
 *
 * Returns: (transfer container) (element-type MdgDeckRevision): its revisions, newest first
 */
GPtrArray *
mdg_deck_store_list_revisions (MdgDatabase  *db,
                               gint64        deck_id,
                               GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return _mdg_sql_collect_query (_mdg_database_get_handle (db),
                                 "SELECT " REVISION_COLUMNS " FROM deck_revision WHERE deck_id = ?"
                                 " ORDER BY number DESC",
                                 deck_id, (MdgRowFunc) revision_from_row, g_object_unref,
                                 _("Could not read the deck’s revisions"), error);
}

static MdgSlidePage *
page_from_row (sqlite3_stmt *stmt)
{
  MdgSlidePage *page = mdg_slide_page_new (sqlite3_column_int (stmt, 0),
                                           (const char *) sqlite3_column_text (stmt, 1),
                                           (const char *) sqlite3_column_text (stmt, 2),
                                           (const char *) sqlite3_column_text (stmt, 3));

  g_free (page->explanation);
  page->explanation = _mdg_sql_column_dup (stmt, 4);
  return page;
}

static GPtrArray *
collect_pages (sqlite3  *handle,
               gint64    revision_id,
               GError  **error)
{
  return _mdg_sql_collect_query (handle,
                                 "SELECT p.page, p.label, p.text, p.render_hash, n.explanation"
                                 " FROM slide_page p LEFT JOIN slide_note n"
                                 " ON n.revision_id = p.revision_id AND n.page = p.page"
                                 " WHERE p.revision_id = ? ORDER BY p.page",
                                 revision_id, (MdgRowFunc) page_from_row, (GDestroyNotify) mdg_slide_page_free,
                                 _("Could not read the slides"), error);
}

/**
 * mdg_deck_store_list_pages:
 * @db: a #MdgDatabase
 * @revision_id: the revision
 * @error: a location for a #GError
 *
 * Every slide of a revision with its text, its label and its explanatory text: what
 * the notes editor, the handouts and exports need.
 *
 * Returns: (transfer container) (element-type MdgSlidePage): the slides in order
 */
GPtrArray *
mdg_deck_store_list_pages (MdgDatabase  *db,
                           gint64        revision_id,
                           GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return collect_pages (_mdg_database_get_handle (db), revision_id, error);
}

static gboolean
write_note (sqlite3     *handle,
            gint64       revision_id,
            guint        page,
            const char  *explanation,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _mdg_sql_prepare (handle,
                           "INSERT INTO slide_note (revision_id, page, explanation)"
                           " SELECT ?1, ?2, ?3 WHERE EXISTS"
                           " (SELECT 1 FROM slide_page WHERE revision_id = ?1 AND page = ?2)"
                           " ON CONFLICT (revision_id, page) DO UPDATE SET explanation = excluded.explanation"
                           " WHERE explanation IS NOT excluded.explanation",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, revision_id);
  sqlite3_bind_int (stmt, 2, page);
  sqlite3_bind_text (stmt, 3, explanation ? explanation : "", -1, SQLITE_TRANSIENT);
  return _mdg_sql_step_done (handle, stmt, error);
}

static gboolean
check_page (sqlite3     *handle,
            gint64       revision_id,
            guint        page,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _mdg_sql_prepare (handle, "SELECT page_count FROM deck_revision WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, revision_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("That deck revision no longer exists"));
      return FALSE;
    }
  if (page < 1 || page > (guint) sqlite3_column_int (stmt, 0))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("There is no slide %u: this revision has slides 1 to %d"), page,
                   sqlite3_column_int (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

/**
 * mdg_deck_store_set_explanation:
 * @db: a #MdgDatabase
 * @revision_id: the revision
 * @page: the slide, counting from 1
 * @explanation: (nullable): its explanatory text; %NULL or "" for none
 * @error: a location for a #GError
 *
 * Saves one slide's explanatory text, as the editor does while the user types: the
 * write is a single statement, cheap enough to run on every pause in typing.
 */
gboolean
mdg_deck_store_set_explanation (MdgDatabase  *db,
                                gint64        revision_id,
                                guint         page,
                                const char   *explanation,
                                GError      **error)
{
  sqlite3 *handle;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  handle = _mdg_database_get_handle (db);
  return check_page (handle, revision_id, page, error) &&
         write_note (handle, revision_id, page, explanation, error);
}

/**
 * mdg_deck_store_set_explanations:
 * @db: a #MdgDatabase
 * @revision_id: the revision
 * @explanations: (element-type utf8): one text per slide from the first; %NULL
 *   elements leave that slide's text as it is
 * @error: a location for a #GError
 *
 * Saves the texts of many slides at once (an import), all or none.
 */
gboolean
mdg_deck_store_set_explanations (MdgDatabase  *db,
                                 gint64        revision_id,
                                 GPtrArray    *explanations,
                                 GError      **error)
{
  sqlite3 *handle;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (explanations != NULL, FALSE);

  handle = _mdg_database_get_handle (db);
  if (!mdg_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i < explanations->len; i++)
    {
      const char *text = g_ptr_array_index (explanations, i);

      if (text == NULL)
        continue;
      if (!check_page (handle, revision_id, i + 1, error) || !write_note (handle, revision_id, i + 1, text, error))
        {
          mdg_database_rollback (db);
          return FALSE;
        }
    }
  return mdg_database_commit (db, error);
}

static MdgSlideReview *
review_from_row (sqlite3_stmt *stmt)
{
  MdgSlideReview *review = g_new0 (MdgSlideReview, 1);

  review->id = sqlite3_column_int64 (stmt, 0);
  review->from_number = sqlite3_column_int (stmt, 1);
  review->from_page = sqlite3_column_int (stmt, 2);
  review->slide_text = _mdg_sql_column_dup (stmt, 3);
  review->explanation = _mdg_sql_column_dup (stmt, 4);
  return review;
}

/**
 * mdg_deck_store_list_review:
 * @db: a #MdgDatabase
 * @revision_id: the revision
 * @error: a location for a #GError
 *
 * The explanatory texts of earlier revisions that found no slide in this one, for the
 * user to place or dismiss.
 *
 * Returns: (transfer container) (element-type MdgSlideReview): the texts, in the
 *   order of their old slides
 */
GPtrArray *
mdg_deck_store_list_review (MdgDatabase  *db,
                            gint64        revision_id,
                            GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return _mdg_sql_collect_query (_mdg_database_get_handle (db),
                                 "SELECT v.id, coalesce(r.number, 0), v.from_page, v.slide_text, v.explanation"
                                 " FROM slide_note_review v LEFT JOIN deck_revision r ON r.id = v.from_revision_id"
                                 " WHERE v.revision_id = ? ORDER BY r.number, v.from_page, v.id",
                                 revision_id, (MdgRowFunc) review_from_row, (GDestroyNotify) mdg_slide_review_free,
                                 _("Could not read the texts to review"), error);
}

/* Takes a text off the review list once the user has placed or discarded it. */
gboolean
mdg_deck_store_dismiss_review (MdgDatabase  *db,
                               gint64        review_id,
                               GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, "DELETE FROM slide_note_review WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, review_id);
  return _mdg_sql_step_done (handle, stmt, error);
}

static gboolean
insert_pages (sqlite3    *handle,
              gint64      revision_id,
              GPtrArray  *pages,
              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _mdg_sql_prepare (handle,
                           "INSERT INTO slide_page (revision_id, page, label, text, render_hash)"
                           " VALUES (?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < pages->len; i++)
    {
      MdgSlidePage *page = g_ptr_array_index (pages, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, revision_id);
      sqlite3_bind_int (stmt, 2, i + 1);
      _mdg_sql_bind_text (stmt, 3, page->label);
      sqlite3_bind_text (stmt, 4, page->text ? page->text : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, page->render_hash ? page->render_hash : "", -1, SQLITE_STATIC);
      if (!_mdg_sql_step_done (handle, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The previous revision's texts go to the matching slides of the new one (by their
 * text, not their number); those that match nothing wait for review, with the texts
 * still waiting from before. */
static gboolean
carry_notes (sqlite3    *handle,
             gint64      previous_id,
             gint64      revision_id,
             GPtrArray  *new_pages,
             guint      *n_carried,
             guint      *n_review,
             GError    **error)
{
  g_autoptr(GPtrArray) old_pages = collect_pages (handle, previous_id, error);
  g_autoptr(GArray) diff = NULL;
  g_autoptr(sqlite3_stmt) review = NULL;
  g_autoptr(sqlite3_stmt) pending = NULL;

  if (old_pages == NULL)
    return FALSE;

  review = _mdg_sql_prepare (handle,
                             "INSERT INTO slide_note_review (revision_id, from_revision_id, from_page,"
                             " slide_text, explanation) VALUES (?, ?, ?, ?, ?)",
                             error);
  if (review == NULL)
    return FALSE;

  diff = mdg_slide_match (old_pages, new_pages);
  for (guint i = 0; i < diff->len; i++)
    {
      MdgSlideDiff *entry = &g_array_index (diff, MdgSlideDiff, i);
      MdgSlidePage *old_page;

      if (entry->old_page == 0)
        continue;
      old_page = g_ptr_array_index (old_pages, entry->old_page - 1);
      if (*old_page->explanation == '\0')
        continue;

      if (entry->new_page != 0)
        {
          if (!write_note (handle, revision_id, entry->new_page, old_page->explanation, error))
            return FALSE;
          (*n_carried)++;
          continue;
        }

      sqlite3_reset (review);
      sqlite3_bind_int64 (review, 1, revision_id);
      sqlite3_bind_int64 (review, 2, previous_id);
      sqlite3_bind_int (review, 3, old_page->page);
      sqlite3_bind_text (review, 4, old_page->text, -1, SQLITE_STATIC);
      sqlite3_bind_text (review, 5, old_page->explanation, -1, SQLITE_STATIC);
      if (!_mdg_sql_step_done (handle, review, error))
        return FALSE;
      (*n_review)++;
    }

  pending = _mdg_sql_prepare (handle,
                              "INSERT INTO slide_note_review (revision_id, from_revision_id, from_page,"
                              " slide_text, explanation) SELECT ?1, from_revision_id, from_page, slide_text,"
                              " explanation FROM slide_note_review WHERE revision_id = ?2 ORDER BY id",
                              error);
  if (pending == NULL)
    return FALSE;
  sqlite3_bind_int64 (pending, 1, revision_id);
  sqlite3_bind_int64 (pending, 2, previous_id);
  if (!_mdg_sql_step_done (handle, pending, error))
    return FALSE;
  *n_review += sqlite3_changes (handle);
  return TRUE;
}

static gboolean
add_revision (sqlite3                *handle,
              const MdgRevisionDraft *draft,
              gint64                 *revision_id,
              guint                  *n_carried,
              guint                  *n_review,
              GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 deck_id = draft->deck_id;
  gint64 previous_id = 0;
  guint number = 1;
  int rc;

  if (deck_id == 0)
    {
      stmt = _mdg_sql_prepare (handle, "INSERT INTO deck (title) VALUES (?) RETURNING id", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, draft->title, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          _mdg_sql_set_error (handle, error, _("Could not add the slide deck"));
          return FALSE;
        }
      deck_id = sqlite3_column_int64 (stmt, 0);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  else
    {
      stmt = _mdg_sql_prepare (handle,
                               "SELECT d.id, r.id, r.number, r.sha256 FROM deck d LEFT JOIN deck_revision r"
                               " ON r.deck_id = d.id WHERE d.id = ? ORDER BY r.number DESC LIMIT 1",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, deck_id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          if (rc == SQLITE_DONE)
            g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no slide deck %lld"), (long long) deck_id);
          else
            _mdg_sql_set_error (handle, error, _("Could not read the slide deck"));
          return FALSE;
        }
      previous_id = sqlite3_column_int64 (stmt, 1);
      number = sqlite3_column_int (stmt, 2) + 1;
      if (previous_id != 0 && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), draft->sha256) == 0)
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_EXISTS,
                       _("This file is already revision %u of the deck: nothing changed"), number - 1);
          return FALSE;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  stmt = _mdg_sql_prepare (handle,
                           "INSERT INTO deck_revision (deck_id, number, sha256, page_count, change_note,"
                           " source_name, original_sha256, original_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                           " RETURNING id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deck_id);
  sqlite3_bind_int (stmt, 2, number);
  sqlite3_bind_text (stmt, 3, draft->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, draft->pages->len);
  _mdg_sql_bind_text (stmt, 5, draft->change_note);
  _mdg_sql_bind_text (stmt, 6, draft->source_name);
  _mdg_sql_bind_text (stmt, 7, draft->original_sha256);
  _mdg_sql_bind_text (stmt, 8, draft->original_type);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _mdg_sql_set_error (handle, error, _("Could not add the revision"));
      return FALSE;
    }
  *revision_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!insert_pages (handle, *revision_id, draft->pages, error))
    return FALSE;

  return previous_id == 0 ||
         carry_notes (handle, previous_id, *revision_id, draft->pages, n_carried, n_review, error);
}

/**
 * mdg_deck_store_add_revision:
 * @db: a #MdgDatabase
 * @draft: the revision: its file, already stored, and its pages
 * @n_carried: (out) (optional): how many explanatory texts followed their slide
 * @n_review: (out) (optional): how many found no slide and wait for review
 * @error: a location for a #GError
 *
 * Records a new deck or a new revision of one, in one transaction: the revision, its
 * pages, and the previous revision's explanatory texts matched to the new slides by
 * their text. A file identical to the newest revision is refused (%MDG_ERROR_EXISTS).
 *
 * Returns: (transfer full): the new revision, or %NULL with @error set and the
 *   database unchanged
 */
MdgDeckRevision *
mdg_deck_store_add_revision (MdgDatabase             *db,
                             const MdgRevisionDraft  *draft,
                             guint                   *n_carried,
                             guint                   *n_review,
                             GError                 **error)
{
  gint64 revision_id = 0;
  guint carried = 0, review = 0;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (draft != NULL && draft->sha256 != NULL && draft->pages != NULL, NULL);
  g_return_val_if_fail (draft->deck_id != 0 || (draft->title != NULL && *draft->title != '\0'), NULL);

  if (!mdg_database_begin (db, error))
    return NULL;
  if (!add_revision (_mdg_database_get_handle (db), draft, &revision_id, &carried, &review, error) ||
      !mdg_database_commit (db, error))
    {
      mdg_database_rollback (db);
      return NULL;
    }

  if (n_carried != NULL)
    *n_carried = carried;
  if (n_review != NULL)
    *n_review = review;
  return mdg_deck_store_load_revision_by_id (db, revision_id, error);
}

/**
 * mdg_deck_store_diff:
 * @db: a #MdgDatabase
 * @old_revision_id: the older revision
 * @new_revision_id: the newer revision
 * @error: a location for a #GError
 *
 * Which slides were added, removed or changed between two revisions, judged by each
 * slide's text and rendering (see mdg_slide_match()).
 *
 * Returns: (transfer full) (element-type MdgSlideDiff): the comparison
 */
GArray *
mdg_deck_store_diff (MdgDatabase  *db,
                     gint64        old_revision_id,
                     gint64        new_revision_id,
                     GError      **error)
{
  g_autoptr(GPtrArray) old_pages = NULL;
  g_autoptr(GPtrArray) new_pages = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  if (!(old_pages = mdg_deck_store_list_pages (db, old_revision_id, error)) ||
      !(new_pages = mdg_deck_store_list_pages (db, new_revision_id, error)))
    return NULL;
  return mdg_slide_match (old_pages, new_pages);
}

/**
 * mdg_deck_store_uses_file:
 * @db: a #MdgDatabase
 * @sha256: a stored file's hash
 *
 * Whether any revision refers to a file, as its PDF or as its original: a file
 * nobody refers to can go.
 */
gboolean
mdg_deck_store_uses_file (MdgDatabase *db,
                          const char  *sha256)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), TRUE);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                           "SELECT EXISTS (SELECT 1 FROM deck_revision WHERE sha256 = ?1)"
                           " OR EXISTS (SELECT 1 FROM deck_revision WHERE original_sha256 = ?1)",
                           NULL);
  /* When in doubt, a file is in use: keeping one too many is harmless. */
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0);
}

/**
 * mdg_deck_store_set_program_revision:
 * @db: a #MdgDatabase
 * @program_item_id: a presentation in a seminar's program
 * @revision_id: the deck revision it presents, or 0 for none
 * @error: a location for a #GError
 *
 * Links a program slot to the deck revision presented in it: the packet prints its
 * handout, and the presenter's timer counts down the slot's minutes.
 */
gboolean
mdg_deck_store_set_program_revision (MdgDatabase  *db,
                                     gint64        program_item_id,
                                     gint64        revision_id,
                                     GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "UPDATE program_item SET deck_revision_id = ?2,"
                           " deck_title = coalesce((SELECT d.title FROM deck_revision r JOIN deck d"
                           " ON d.id = r.deck_id WHERE r.id = ?2), deck_title) WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, program_item_id);
  if (revision_id != 0)
    sqlite3_bind_int64 (stmt, 2, revision_id);
  else
    sqlite3_bind_null (stmt, 2);
  if (!_mdg_sql_step_done (handle, stmt, error))
    return FALSE;
  if (sqlite3_changes (handle) == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no program item %lld"),
                   (long long) program_item_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * mdg_deck_store_get_program_revision:
 * @db: a #MdgDatabase
 * @program_item_id: a program slot
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the revision presented in the slot; %NULL
 *   without @error when there is none
 */
MdgDeckRevision *
mdg_deck_store_get_program_revision (MdgDatabase  *db,
                                     gint64        program_item_id,
                                     GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "SELECT " REVISION_COLUMNS " FROM deck_revision WHERE id ="
                           " (SELECT deck_revision_id FROM program_item WHERE id = ?)",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, program_item_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return revision_from_row (stmt);
  if (rc != SQLITE_DONE)
    _mdg_sql_set_error (handle, error, _("Could not read the program"));
  return NULL;
}

/**
 * mdg_deck_store_find_program_slot:
 * @db: a #MdgDatabase
 * @deck_id: a deck
 * @now: the present
 * @program_item_id: (out) (optional): the slot
 * @minutes: (out) (optional): its length
 * @error: a location for a #GError
 *
 * The program slot where a deck is presented next (of a seminar that has not ended,
 * the soonest), so that a presentation started from the library still knows its time.
 *
 * Returns: %TRUE when there is one; %FALSE without @error when there is none
 */
gboolean
mdg_deck_store_find_program_slot (MdgDatabase  *db,
                                  gint64        deck_id,
                                  GDateTime    *now,
                                  gint64       *program_item_id,
                                  guint        *minutes,
                                  GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "SELECT p.id, p.minutes FROM program_item p"
                           " JOIN deck_revision r ON r.id = p.deck_revision_id"
                           " JOIN seminar s ON s.id = p.seminar_id"
                           " WHERE r.deck_id = ? AND s.ends_at > ? ORDER BY s.starts_at, p.position LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deck_id);
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (now));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (program_item_id)
        *program_item_id = sqlite3_column_int64 (stmt, 0);
      if (minutes)
        *minutes = sqlite3_column_int (stmt, 1);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    _mdg_sql_set_error (handle, error, _("Could not read the program"));
  return FALSE;
}
