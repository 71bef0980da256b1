/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sql"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-error.h"
#include "mdg-sql-private.h"

G_DEFINE_QUARK (mdg-error-quark, mdg_error)

void
_mdg_sql_set_error (sqlite3     *db,
                    GError     **error,
                    const char  *context)
{
  int code = sqlite3_extended_errcode (db);
  int domain_code = MDG_ERROR_FAILED;

  if ((code & 0xff) == SQLITE_CONSTRAINT)
    domain_code = MDG_ERROR_CONSTRAINT;
  else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    domain_code = MDG_ERROR_CORRUPT;

  /* Translators: the first %s says what was being done, the second is SQLite's own message. */
  g_set_error (error, MDG_ERROR, domain_code, _("%s: %s"), context, sqlite3_errmsg (db));
}

gboolean
_mdg_sql_exec (sqlite3     *db,
               const char  *sql,
               GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, MDG_ERROR,
                   (sqlite3_errcode (db) & 0xff) == SQLITE_CONSTRAINT ? MDG_ERROR_CONSTRAINT
                                                                      : MDG_ERROR_FAILED,
                   _("The database refused a change: %s"), message ? message : "?");
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
_mdg_sql_prepare (sqlite3     *db,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _mdg_sql_set_error (db, error, _("Could not read the database"));
      return NULL;
    }

  return stmt;
}

gboolean
_mdg_sql_step_done (sqlite3       *db,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _mdg_sql_set_error (db, error, _("Could not save to the database"));
      return FALSE;
    }

  return TRUE;
}

void
_mdg_sql_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
_mdg_sql_column_dup (sqlite3_stmt *stmt,
                     int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text ? text : "");
}

/**
 * _mdg_sql_collect:
 * @db: the connection
 * @stmt: a bound statement
 * @from_row: makes an element of each row
 * @free_func: frees an element
 * @context: what is being read, for the message when it fails
 * @error: a location for a #GError
 *
 * Steps through every row of @stmt.
 *
 * Returns: (transfer container): the elements, or %NULL with @error set
 */
GPtrArray *
_mdg_sql_collect (sqlite3        *db,
                  sqlite3_stmt   *stmt,
                  MdgRowFunc      from_row,
                  GDestroyNotify  free_func,
                  const char     *context,
                  GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _mdg_sql_set_error (db, error, context);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* A statement that inserts @n_rows rows at once, their values bound in order. */
static sqlite3_stmt *
prepare_rows (sqlite3     *db,
              const char  *head,
              guint        n_columns,
              guint        n_rows,
              GError     **error)
{
  g_autoptr(GString) sql = g_string_new (head);

  g_string_append (sql, " VALUES ");
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r ? ", (" : "(");
      for (guint c = 0; c < n_columns; c++)
        g_string_append (sql, c ? ", ?" : "?");
      g_string_append_c (sql, ')');
    }
  return _mdg_sql_prepare (db, sql->str, error);
}

/**
 * _mdg_sql_insert_rows:
 * @db: the connection, inside a write transaction
 * @head: the statement up to VALUES: "INSERT INTO t (a, b)"
 * @n_columns: the values of one row
 * @n_rows: how many rows to insert
 * @bind: binds row @row's values from parameter @first on
 * @data: for @bind
 * @context: what is being saved, for the message when it fails
 * @error: a location for a #GError
 *
 * Inserts many rows with few statements (%MDG_SQL_BATCH_ROWS rows each). Bulk writers
 * use it: every statement ends with its savepoint, where the search index writes out
 * what it holds, so fewer statements write the index fewer times.
 */
gboolean
_mdg_sql_insert_rows (sqlite3     *db,
                      const char  *head,
                      guint        n_columns,
                      guint        n_rows,
                      MdgBindRow   bind,
                      gpointer     data,
                      const char  *context,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) full = NULL;

  for (guint start = 0; start < n_rows; start += MDG_SQL_BATCH_ROWS)
    {
      guint n = MIN (MDG_SQL_BATCH_ROWS, n_rows - start);
      g_autoptr(sqlite3_stmt) rest = NULL;
      sqlite3_stmt *stmt;

      if (n == MDG_SQL_BATCH_ROWS && full == NULL)
        full = prepare_rows (db, head, n_columns, n, error);
      stmt = n == MDG_SQL_BATCH_ROWS ? full : (rest = prepare_rows (db, head, n_columns, n, error));
      if (stmt == NULL)
        return FALSE;
      sqlite3_reset (stmt);
      for (guint i = 0; i < n; i++)
        bind (stmt, i * n_columns + 1, start + i, data);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _mdg_sql_set_error (db, error, context);
          return FALSE;
        }
    }
  return TRUE;
}

/* Returns: the id after the highest of @table, or 0 with @error set */
gint64
_mdg_sql_next_id (sqlite3     *db,
                  const char  *table,
                  GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(max(id), 0) + 1 FROM %s", table);
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _mdg_sql_set_error (db, error, _("Could not read the database"));
      return 0;
    }
  return sqlite3_column_int64 (stmt, 0);
}
