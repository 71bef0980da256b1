/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sync-log"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-error.h"
#include "mdg-sync-log-private.h"

/*
 * The laptop's half of team sync (src/sync is the other): which tables the team
 * shares, and triggers that note every change to them while sync is on.
 *
 * - sync_self holds this laptop's device id and its hybrid logical clock (HLC): one
 *   64-bit number, milliseconds since 1970 shifted left 16 bits plus a counter, so it
 *   follows the wall clock yet never runs backwards and orders every write of this
 *   laptop. Writes compare by (hlc, device uuid).
 * - sync_row gives each shared row the clock of its creation, sync_field the clock of
 *   every field written since (per FIELD, so that two laptops changing different
 *   fields of one record both win).
 * - sync_outbox is the change log of what this laptop has not pushed yet: '*' for a new
 *   row, '-' for a deleted one, a column name for an edited field together with the
 *   field's clock before the edit (its base), which tells a concurrent edit on another
 *   laptop (a conflict) from one this laptop had already seen.
 * - sync_tombstone remembers deleted rows (and, for two records found to be one, which
 *   one they became), so a late edit from another laptop never brings them back.
 *
 * Each shared table's triggers are three one-line INSERTs into the view sync_change,
 * whose single INSTEAD OF trigger keeps these books for all tables (see schema 7 in
 * mdg-migrations.c): plain SQL, so a write from any SQLite client is noted too. They are
 * rebuilt from PRAGMA table_info after every migration, so a column added later is
 * shared without anything more.
 */

/* In a printf format: uuids of the form xxxxxxxx-xxxx-5xxx-… */
#define SEEDED "(uuid LIKE '________-____-5___-%%')"
#define SYNC_ON "(SELECT enabled AND NOT applying FROM sync_self WHERE id = 1)"
#define HLC_NOW "(SELECT hlc FROM sync_self WHERE id = 1)"
/* julianday() keeps milliseconds; 'now' is fixed within one statement, the counter is not. */
#define HLC_TICK                                                                                   \
  "UPDATE sync_self SET hlc = max(CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) * 65536," \
  " hlc + 1) WHERE id = 1;"

/* Returns: (transfer full): @name as an SQL identifier, for tables other code names */
char *
_mdg_sync_quote_identifier (const char *name)
{
  g_autoptr(GString) quoted = g_string_new ("\"");

  for (const char *p = name; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

static char *
quote_literal (const char *text)
{
  char *sql = sqlite3_mprintf ("%Q", text);
  char *copy = g_strdup (sql);

  sqlite3_free (sql);
  return copy;
}

/**
 * _mdg_sync_columns:
 * @db: a connection
 * @table: a table
 * @error: a location for a #GError
 *
 * The columns of @table that sync carries, in table order: all but the local integer
 * key, the uuid (the record's name everywhere) and updated_at (which each laptop sets
 * when it writes).
 *
 * Returns: (transfer full): the column names, or %NULL with @error set
 */
char **
_mdg_sync_columns (sqlite3     *db,
                   const char  *table,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (db, "SELECT name, type, pk FROM pragma_table_info (?)", error);
  g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
  gboolean any = FALSE;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *type = (const char *) sqlite3_column_text (stmt, 1);

      any = TRUE;
      if ((sqlite3_column_int (stmt, 2) == 1 && g_ascii_strcasecmp (type, "INTEGER") == 0) ||
          g_str_equal (name, "uuid") || g_str_equal (name, "updated_at"))
        continue;
      g_strv_builder_add (columns, name);
    }
  if (rc != SQLITE_DONE || !any)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("The table “%s” cannot be shared: it does not exist"), table);
      return NULL;
    }
  return g_strv_builder_end (columns);
}

/*
 * Each shared table has three small triggers that hand the change to the view
 * sync_change; its one INSTEAD OF trigger (mdg-migrations.c, version 3) keeps the books
 * for every table. Small triggers keep the schema small: every new connection parses it.
 * An UPDATE passes which columns changed as a bit mask, the bits named in sync_column.
 */
static gboolean
create_triggers (sqlite3     *db,
                 const char  *table,
                 char       **columns,
                 GError     **error)
{
  g_autofree char *ident = _mdg_sync_quote_identifier (table);
  g_autofree char *name = quote_literal (table);
  g_autoptr(GString) mask = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) bit = NULL;

  /* A 64-bit mask, one bit a column; no Madoguchi table comes near. */
  if (g_strv_length (columns) > 62)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("The table “%s” has too many columns to be shared"), table);
      return FALSE;
    }
  for (guint i = 0; columns[i]; i++)
    {
      g_autofree char *column = _mdg_sync_quote_identifier (columns[i]);
      g_string_append_printf (mask, "%s(OLD.%s IS NOT NEW.%s) * %" G_GUINT64_FORMAT, i ? " + " : "", column, column,
                              (guint64) 1 << i);
    }
  if (columns[0] == NULL)
    g_string_append (mask, "0");

  g_string_append_printf (sql,
                          "DROP TRIGGER IF EXISTS \"%s_sync_insert\";"
                          "DROP TRIGGER IF EXISTS \"%s_sync_update\";"
                          "DROP TRIGGER IF EXISTS \"%s_sync_delete\";"
                          "DELETE FROM sync_column WHERE tbl = %s;",
                          table, table, table, name);
  g_string_append_printf (sql,
                          "CREATE TRIGGER \"%s_sync_insert\" AFTER INSERT ON %s WHEN " SYNC_ON " BEGIN"
                          " INSERT INTO sync_change VALUES (%s, NEW.uuid, 'i', 0); END;"
                          "CREATE TRIGGER \"%s_sync_update\" AFTER UPDATE ON %s WHEN " SYNC_ON " BEGIN"
                          " INSERT INTO sync_change VALUES (%s, NEW.uuid, 'u', %s); END;"
                          /* Always: whoever deletes, nothing of the record stays in the books. */
                          "CREATE TRIGGER \"%s_sync_delete\" AFTER DELETE ON %s BEGIN"
                          " INSERT INTO sync_change VALUES (%s, OLD.uuid, 'd', 0); END;",
                          table, ident, name, table, ident, name, mask->str, table, ident, name);
  if (!_mdg_sql_exec (db, sql->str, error))
    return FALSE;

  bit = _mdg_sql_prepare (db, "INSERT INTO sync_column (tbl, col, bit) VALUES (?, ?, ?)", error);
  if (bit == NULL)
    return FALSE;
  for (guint i = 0; columns[i]; i++)
    {
      sqlite3_bind_text (bit, 1, table, -1, SQLITE_STATIC);
      sqlite3_bind_text (bit, 2, columns[i], -1, SQLITE_STATIC);
      sqlite3_bind_int (bit, 3, i);
      if (!_mdg_sql_step_done (db, bit, error))
        return FALSE;
      sqlite3_reset (bit);
    }
  return TRUE;
}

/* Notes every row of @table as new to the server: the first push carries them all. */
static gboolean
snapshot_table (sqlite3     *db,
                const char  *table,
                GError     **error)
{
  g_autofree char *ident = _mdg_sync_quote_identifier (table);
  g_autofree char *name = quote_literal (table);
  /* Seeded rows have name-based (version 5) uuids and are the same on every laptop:
   * they carry clock 0 and wait for no push. */
  g_autofree char *sql = g_strdup_printf (HLC_TICK
                                          "INSERT OR IGNORE INTO sync_row (tbl, uuid, hlc, peer)"
                                          " SELECT %s, uuid, CASE WHEN " SEEDED " THEN 0 ELSE " HLC_NOW " END,"
                                          " CASE WHEN " SEEDED " THEN 0 ELSE 1 END FROM %s;"
                                          "INSERT OR IGNORE INTO sync_outbox (tbl, uuid, col) SELECT %s, uuid, '*' FROM %s"
                                          " WHERE NOT " SEEDED ";",
                                          name, ident, name, ident);

  return _mdg_sql_exec (db, sql, error);
}

static gboolean
sync_enabled (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (db, "SELECT enabled FROM sync_self WHERE id = 1", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
}

/* Rebuilds the triggers of @table when its columns changed; TRUE in *changed then. */
static gboolean
refresh_table (sqlite3     *db,
               const char  *table,
               const char  *known,
               gboolean    *changed,
               GError     **error)
{
  g_auto(GStrv) columns = _mdg_sync_columns (db, table, error);
  g_autofree char *joined = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (columns == NULL)
    return FALSE;
  joined = g_strjoinv (" ", columns);
  *changed = g_strcmp0 (joined, known) != 0;
  if (!*changed)
    return TRUE;

  if (!create_triggers (db, table, columns, error))
    return FALSE;
  stmt = _mdg_sql_prepare (db, "UPDATE sync_table SET columns = ? WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, joined, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, table, -1, SQLITE_STATIC);
  return _mdg_sql_step_done (db, stmt, error);
}

/**
 * _mdg_sync_rebuild_triggers:
 * @db: a connection inside the migration's transaction
 * @error: a location for a #GError
 *
 * Brings the triggers of every shared table in line with its columns, after a
 * migration. When a table gained a column (or was newly shared), the next sync pulls
 * everything again, so that values other laptops already hold for it arrive here too.
 * Before the sync tables exist this does nothing.
 */
gboolean
_mdg_sync_rebuild_triggers (sqlite3  *db,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) exists = _mdg_sql_prepare (db, "SELECT 1 FROM sqlite_master WHERE name = 'sync_table'", error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) known = g_ptr_array_new_with_free_func (g_free);
  gboolean any_changed = FALSE;

  if (exists == NULL)
    return FALSE;
  if (sqlite3_step (exists) != SQLITE_ROW)
    return TRUE;

  stmt = _mdg_sql_prepare (db, "SELECT name, columns FROM sync_table ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (known, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }

  for (guint i = 0; i < tables->len; i++)
    {
      gboolean changed = FALSE;

      if (!refresh_table (db, tables->pdata[i], known->pdata[i], &changed, error))
        return FALSE;
      any_changed |= changed;
    }

  if (any_changed)
    return _mdg_sql_exec (db, "DELETE FROM sync_setting WHERE key = 'last-seq'", error);
  return TRUE;
}

/**
 * _mdg_sync_share:
 * @db: a connection inside a migration's transaction
 * @table: a table with `uuid` (and an INTEGER PRIMARY KEY), whose rows the team shares
 * @identity: (nullable): space-separated columns of a UNIQUE key that names the same
 *   record on every laptop (a person's registration for a seminar: "seminar_id
 *   person_id"); two rows found under it on two laptops become one. %NULL when the
 *   table has none.
 * @error: a location for a #GError
 *
 * Shares @table with the team server: the one line a migration adds for a new table
 * (see mdg-migrations.c). Its columns are read from the table itself, now and after
 * every later migration; its foreign keys travel as the uuids of the rows they point
 * at, so the tables they point at must be shared too.
 */
gboolean
_mdg_sync_share (sqlite3     *db,
                 const char  *table,
                 const char  *identity,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(GStrv) columns = _mdg_sync_columns (db, table, error);
  gboolean changed;

  if (columns == NULL)
    return FALSE;

  stmt = _mdg_sql_prepare (db,
                           "INSERT INTO sync_table (name, identity, position)"
                           " VALUES (?1, ?2, (SELECT coalesce (max (position), 0) + 1 FROM sync_table))"
                           " ON CONFLICT (name) DO UPDATE SET identity = excluded.identity",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  _mdg_sql_bind_text (stmt, 2, identity);
  if (!_mdg_sql_step_done (db, stmt, error) || !refresh_table (db, table, NULL, &changed, error))
    return FALSE;

  /* Shared after sync was set up: what the table already holds is new to the team. */
  if (sync_enabled (db))
    return snapshot_table (db, table, error) &&
           _mdg_sql_exec (db, "DELETE FROM sync_setting WHERE key = 'last-seq'", error);
  return TRUE;
}

/**
 * _mdg_sync_share_files:
 * @db: a connection inside a migration's transaction
 * @table: a shared table
 * @column: its column holding a file's SHA-256 (lower-case hex)
 * @folder: where the files live, under the database's folder
 * @suffix: the files' ending (".pdf")
 * @error: a location for a #GError
 *
 * The rows of @table name files by content (`folder/sha256suffix`): a push sends a
 * file the server lacks with the row, and other laptops fetch it when first used.
 */
gboolean
_mdg_sync_share_files (sqlite3     *db,
                       const char  *table,
                       const char  *column,
                       const char  *folder,
                       const char  *suffix,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (db, "INSERT OR REPLACE INTO sync_file (tbl, col, folder, suffix)"
                                                       " VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, folder, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, suffix, -1, SQLITE_STATIC);
  return _mdg_sql_step_done (db, stmt, error);
}

/* Returns: (transfer full) (nullable): a sync setting of this laptop */
char *
_mdg_sync_setting_get (sqlite3    *db,
                       const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (db, "SELECT value FROM sync_setting WHERE key = ?", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Sets a sync setting of this laptop; %NULL removes it. */
gboolean
_mdg_sync_setting_set (sqlite3     *db,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (value == NULL)
    stmt = _mdg_sql_prepare (db, "DELETE FROM sync_setting WHERE key = ?1", error);
  else
    stmt = _mdg_sql_prepare (db, "INSERT OR REPLACE INTO sync_setting (key, value) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return _mdg_sql_step_done (db, stmt, error);
}

/**
 * _mdg_sync_enable:
 * @db: a connection inside a transaction
 * @error: a location for a #GError
 *
 * Turns the change log on, with every row already there noted as new to the server;
 * again when the laptop meets a server that does not know it (a new or rebuilt one).
 * Until sync is set up, a laptop without a team server pays nothing for it.
 */
gboolean
_mdg_sync_enable (sqlite3  *db,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);

  stmt = _mdg_sql_prepare (db, "SELECT name FROM sync_table ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  for (guint i = 0; i < tables->len; i++)
    if (!snapshot_table (db, tables->pdata[i], error))
      return FALSE;
  return _mdg_sql_exec (db, "UPDATE sync_self SET enabled = 1 WHERE id = 1", error);
}

/**
 * _mdg_sync_seed_uuid:
 * @table: the table of a seeded row
 * @key: what names the row in its table (a category's scheme and key)
 *
 * A name-based (version 5 style, SHA-1) uuid: a row a migration seeds gets the same
 * uuid on every laptop, so the team's copies are one record rather than one each.
 *
 * Returns: (transfer full): the uuid
 */
char *
_mdg_sync_seed_uuid (const char *table,
                     const char *key)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) "madoguchi/", -1);
  g_checksum_update (checksum, (const guchar *) table, -1);
  g_checksum_update (checksum, (const guchar *) "/", -1);
  g_checksum_update (checksum, (const guchar *) key, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
                          digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]);
}
