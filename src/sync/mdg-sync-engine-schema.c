/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sync-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-sync-engine-impl-private.h"
#include "mdg-sync-log-private.h"

/*
 * What a sync knows of the database: the shared tables (sync_table) read with their
 * columns, foreign and unique keys and statements, in the order that applies parents
 * before children, and the engine that holds them for one sync.
 */

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
unique_key_free (UniqueKey *key)
{
  g_clear_pointer (&key->find, sqlite3_finalize);
  g_free (key->columns);
  g_free (key);
}

static void
table_free (Table *table)
{
  g_clear_pointer (&table->by_uuid, sqlite3_finalize);
  g_clear_pointer (&table->update, sqlite3_finalize);
  g_free (table->update_sql);
  g_clear_pointer (&table->id_of, sqlite3_finalize);
  g_clear_pointer (&table->uuid_of, sqlite3_finalize);
  g_clear_pointer (&table->inserts, g_hash_table_unref);
  g_free (table->file_folder);
  g_free (table->file_suffix);
  g_clear_pointer (&table->uniques, g_ptr_array_unref);
  for (guint i = 0; i < table->n; i++)
    g_free (table->fk_target[i]);
  g_free (table->fk_target);
  g_free (table->fk_cascade);
  g_free (table->notnull);
  g_strfreev (table->columns);
  g_free (table->ident);
  g_free (table->name);
  g_free (table);
}

void
_mdg_sync_engine_incoming_free (Incoming *in)
{
  g_free (in->kind);
  g_free (in->uuid);
  g_free (in->data);
  g_free (in->clock);
  g_free (in->merged_into);
  g_free (in);
}

static void
deferred_free (Deferred *deferred)
{
  g_free (deferred->uuid);
  g_free (deferred->target);
  g_free (deferred);
}

void
_mdg_sync_engine_free (Engine *e)
{
  sqlite3_stmt **statements[] = {
    &e->get_row_clock, &e->put_row_clock, &e->get_fields, &e->put_field, &e->get_outbox, &e->put_outbox,
    &e->del_outbox_col, &e->del_outbox_row, &e->get_tombstone, &e->put_tombstone, &e->add_conflict, &e->add_peer,
    &e->stamp, &e->has_star,
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    g_clear_pointer (statements[i], sqlite3_finalize);
  g_clear_pointer (&e->order, g_ptr_array_unref);
  g_clear_pointer (&e->tables, g_hash_table_unref);
  g_clear_pointer (&e->peer_by_uuid, g_hash_table_unref);
  g_clear_pointer (&e->uuid_by_peer, g_hash_table_unref);
  g_clear_pointer (&e->deferred, g_ptr_array_unref);
  g_clear_pointer (&e->retry, g_ptr_array_unref);
  g_clear_pointer (&e->erased, g_ptr_array_unref);
  g_clear_object (&e->parser);
  g_free (e);
}

int
_mdg_sync_engine_column_index (Table      *table,
                               const char *name)
{
  for (guint i = 0; i < table->n; i++)
    if (g_str_equal (table->columns[i], name))
      return i;
  return -1;
}

/* Reads a table's columns, foreign keys and unique keys, and prepares its statements. */
static Table *
table_new (sqlite3     *db,
           const char  *name,
           const char  *identity,
           guint        position,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) info = NULL;
  g_autoptr(sqlite3_stmt) indexes = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GString) sets = g_string_new (NULL);
  g_auto(GStrv) identity_columns = identity ? g_strsplit (identity, " ", -1) : NULL;
  Table *table = g_new0 (Table, 1);
  g_autofree char *sql = NULL;

  table->name = g_strdup (name);
  table->ident = _mdg_sync_quote_identifier (name);
  table->position = position;
  table->uniques = g_ptr_array_new_with_free_func ((GDestroyNotify) unique_key_free);
  table->inserts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, statement_free);
  table->file_column = -1;
  table->columns = _mdg_sync_columns (db, name, error);
  if (table->columns == NULL)
    goto fail;
  table->n = g_strv_length (table->columns);
  table->notnull = g_new0 (gboolean, table->n);
  table->fk_target = g_new0 (char *, table->n);
  table->fk_cascade = g_new0 (gboolean, table->n);

  info = _mdg_sql_prepare (db, "SELECT name, \"notnull\" FROM pragma_table_info (?)", error);
  if (info == NULL)
    goto fail;
  sqlite3_bind_text (info, 1, name, -1, SQLITE_STATIC);
  while (sqlite3_step (info) == SQLITE_ROW)
    {
      int k = _mdg_sync_engine_column_index (table, (const char *) sqlite3_column_text (info, 0));
      if (k >= 0)
        table->notnull[k] = sqlite3_column_int (info, 1);
    }
  g_clear_pointer (&info, sqlite3_finalize);

  info = _mdg_sql_prepare (db, "SELECT \"from\", \"table\", on_delete FROM pragma_foreign_key_list (?)", error);
  if (info == NULL)
    goto fail;
  sqlite3_bind_text (info, 1, name, -1, SQLITE_STATIC);
  while (sqlite3_step (info) == SQLITE_ROW)
    {
      int k = _mdg_sync_engine_column_index (table, (const char *) sqlite3_column_text (info, 0));
      if (k >= 0)
        {
          table->fk_target[k] = g_strdup ((const char *) sqlite3_column_text (info, 1));
          table->fk_cascade[k] = g_ascii_strcasecmp ((const char *) sqlite3_column_text (info, 2), "CASCADE") == 0;
        }
    }

  /* Unique keys other than the uuid: a clash on one is two laptops naming two records alike. */
  indexes = _mdg_sql_prepare (db, "SELECT name FROM pragma_index_list (?) WHERE \"unique\"", error);
  if (indexes == NULL)
    goto fail;
  sqlite3_bind_text (indexes, 1, name, -1, SQLITE_STATIC);
  while (sqlite3_step (indexes) == SQLITE_ROW)
    {
      g_autoptr(sqlite3_stmt) columns = _mdg_sql_prepare (db, "SELECT name FROM pragma_index_info (?)", error);
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GString) where = g_string_new (NULL);
      gboolean usable = TRUE;
      UniqueKey *key;

      if (columns == NULL)
        goto fail;
      sqlite3_bind_text (columns, 1, (const char *) sqlite3_column_text (indexes, 0), -1, SQLITE_TRANSIENT);
      while (sqlite3_step (columns) == SQLITE_ROW)
        {
          int k = _mdg_sync_engine_column_index (table, (const char *) sqlite3_column_text (columns, 0));
          g_autofree char *column = NULL;

          if (k < 0)
            {
              usable = FALSE;
              break;
            }
          column = _mdg_sync_quote_identifier (table->columns[k]);
          g_array_append_val (found, k);
          g_string_append_printf (where, "%s%s = ?%u", found->len > 1 ? " AND " : "", column, found->len);
        }
      if (!usable || found->len == 0)
        continue;

      key = g_new0 (UniqueKey, 1);
      key->n = found->len;
      key->columns = (guint *) g_array_free (g_steal_pointer (&found), FALSE);
      g_ptr_array_add (table->uniques, key);
      g_free (sql);
      sql = g_strdup_printf ("SELECT id, uuid FROM %s WHERE %s", table->ident, where->str);
      key->find = _mdg_sql_prepare (db, sql, error);
      if (key->find == NULL)
        goto fail;

      if (identity_columns != NULL && g_strv_length (identity_columns) == key->n)
        {
          gboolean same = TRUE;
          for (guint i = 0; i < key->n; i++)
            same &= g_strv_contains ((const char *const *) identity_columns, table->columns[key->columns[i]]);
          key->identity = same;
          if (same)
            table->identity = key;
        }
    }

  for (guint i = 0; i < table->n; i++)
    {
      g_autofree char *column = _mdg_sync_quote_identifier (table->columns[i]);
      g_string_append_printf (list, ", %s", column);
      g_string_append_printf (sets, "%s%s = ?%u", i ? ", " : "", column, i + 1);
    }

  g_free (sql);
  sql = g_strdup_printf ("SELECT id%s FROM %s WHERE uuid = ?", list->str, table->ident);
  table->by_uuid = _mdg_sql_prepare (db, sql, error);
  table->update_sql = g_strdup_printf ("UPDATE %s SET %s WHERE id = ?%u", table->ident, sets->str, table->n + 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT id FROM %s WHERE uuid = ?", table->ident);
  table->id_of = _mdg_sql_prepare (db, sql, error);
  g_free (sql);
  sql = g_strdup_printf ("SELECT uuid FROM %s WHERE id = ?", table->ident);
  table->uuid_of = _mdg_sql_prepare (db, sql, error);
  if (table->by_uuid == NULL || table->id_of == NULL || table->uuid_of == NULL)
    goto fail;

  return table;

fail:
  table_free (table);
  return NULL;
}

/* Parents before children, so that a row's foreign keys find their rows. */
static GPtrArray *
apply_order (GHashTable *tables)
{
  g_autoptr(GList) all = g_hash_table_get_values (tables);
  GPtrArray *order = g_ptr_array_new ();
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);

  while (g_hash_table_size (placed) < g_hash_table_size (tables))
    {
      Table *next = NULL;

      for (GList *l = all; l; l = l->next)
        {
          Table *table = l->data;
          gboolean ready = TRUE;

          if (g_hash_table_contains (placed, table->name))
            continue;
          for (guint i = 0; i < table->n && ready; i++)
            ready = table->fk_target[i] == NULL || g_str_equal (table->fk_target[i], table->name) ||
                    !g_hash_table_contains (tables, table->fk_target[i]) ||
                    g_hash_table_contains (placed, table->fk_target[i]);
          if (ready && (next == NULL || table->position < next->position))
            next = table;
        }
      /* A cycle: the table shared first goes first; its keys are set after the others. */
      for (GList *l = all; l && next == NULL; l = l->next)
        {
          Table *table = l->data;
          if (!g_hash_table_contains (placed, table->name) && (next == NULL || table->position < next->position))
            next = table;
        }
      next->position = order->len;
      g_ptr_array_add (order, next);
      g_hash_table_add (placed, next->name);
    }
  return order;
}

sqlite3_stmt *
_mdg_sync_engine_prepare (Engine      *e,
                          const char  *sql,
                          GError     **error)
{
  return _mdg_sql_prepare (e->db, sql, error);
}

Engine *
_mdg_sync_engine_new (MdgDatabase *database)
{
  Engine *e = g_new0 (Engine, 1);

  e->database = database;
  e->db = _mdg_database_get_handle (database);
  e->tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) table_free);
  e->peer_by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e->uuid_by_peer = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  e->deferred = g_ptr_array_new_with_free_func ((GDestroyNotify) deferred_free);
  e->retry = g_ptr_array_new ();
  e->erased = g_ptr_array_new_with_free_func (g_free);
  e->parser = json_parser_new_immutable ();
  return e;
}

/* Reads the shared tables and prepares the statements: only a sync with something to
 * apply or push needs them, so a sync with nothing to do skips it. */
gboolean
_mdg_sync_engine_load (Engine  *e,
                       GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (e->order != NULL)
    return TRUE;

  stmt = _mdg_sync_engine_prepare (e, "SELECT name, identity, position FROM sync_table ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Table *table = table_new (e->db, (const char *) sqlite3_column_text (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 1), sqlite3_column_int (stmt, 2), error);
      if (table == NULL)
        return FALSE;
      g_hash_table_insert (e->tables, table->name, table);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  e->order = apply_order (e->tables);

  stmt = _mdg_sync_engine_prepare (e, "SELECT tbl, col, folder, suffix FROM sync_file", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Table *table = g_hash_table_lookup (e->tables, sqlite3_column_text (stmt, 0));

      if (table == NULL)
        continue;
      table->file_column = _mdg_sync_engine_column_index (table, (const char *) sqlite3_column_text (stmt, 1));
      table->file_folder = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      table->file_suffix = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _mdg_sync_engine_prepare (e, "SELECT id, uuid FROM sync_peer", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int id = sqlite3_column_int (stmt, 0);
      g_hash_table_insert (e->peer_by_uuid, g_strdup ((const char *) sqlite3_column_text (stmt, 1)), GINT_TO_POINTER (id));
      g_hash_table_insert (e->uuid_by_peer, GINT_TO_POINTER (id), g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }

  if (!(e->get_row_clock = _mdg_sync_engine_prepare (e, "SELECT hlc, peer FROM sync_row WHERE tbl = ?1 AND uuid = ?2", error)) ||
      !(e->put_row_clock = _mdg_sync_engine_prepare (e, "INSERT OR REPLACE INTO sync_row (tbl, uuid, hlc, peer) VALUES (?1, ?2, ?3, ?4)", error)) ||
      !(e->get_fields = _mdg_sync_engine_prepare (e, "SELECT col, hlc, peer FROM sync_field WHERE tbl = ?1 AND uuid = ?2", error)) ||
      !(e->put_field = _mdg_sync_engine_prepare (e, "INSERT OR REPLACE INTO sync_field (tbl, uuid, col, hlc, peer) VALUES (?1, ?2, ?3, ?4, ?5)", error)) ||
      !(e->get_outbox = _mdg_sync_engine_prepare (e, "SELECT col, base_hlc, base_peer FROM sync_outbox WHERE tbl = ?1 AND uuid = ?2", error)) ||
      !(e->put_outbox = _mdg_sync_engine_prepare (e, "INSERT OR IGNORE INTO sync_outbox (tbl, uuid, col, base_hlc, base_peer) VALUES (?1, ?2, ?3, ?4, ?5)", error)) ||
      !(e->del_outbox_col = _mdg_sync_engine_prepare (e, "DELETE FROM sync_outbox WHERE tbl = ?1 AND uuid = ?2 AND col = ?3", error)) ||
      !(e->del_outbox_row = _mdg_sync_engine_prepare (e, "DELETE FROM sync_outbox WHERE tbl = ?1 AND uuid = ?2", error)) ||
      !(e->get_tombstone = _mdg_sync_engine_prepare (e, "SELECT successor FROM sync_tombstone WHERE tbl = ?1 AND uuid = ?2", error)) ||
      !(e->put_tombstone = _mdg_sync_engine_prepare (e, "INSERT OR REPLACE INTO sync_tombstone (tbl, uuid, hlc, peer, successor)"
                                                        " VALUES (?1, ?2, ?3, ?4, ?5)", error)) ||
      !(e->add_conflict = _mdg_sync_engine_prepare (e, "INSERT INTO sync_conflict (tbl, uuid, col, kind, mine, mine_hlc, mine_peer, theirs,"
                                                       " theirs_hlc, theirs_peer, kept) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error)) ||
      !(e->add_peer = _mdg_sync_engine_prepare (e, "INSERT INTO sync_peer (uuid) VALUES (?) RETURNING id", error)) ||
      !(e->stamp = _mdg_sync_engine_prepare (e, "UPDATE sync_self SET hlc = max (?1 + 1, hlc + 1,"
                                                " CAST ((julianday ('now') - 2440587.5) * 86400000.0 AS INTEGER) * 65536) WHERE id = 1"
                                                " RETURNING hlc", error)) ||
      !(e->has_star = _mdg_sync_engine_prepare (e, "SELECT 1 FROM sync_outbox WHERE tbl = ?1 AND uuid = ?2 AND col = '*'", error)))
    return FALSE;

  return TRUE;
}
