/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sql"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "mdg-error.h"
#include "mdg-sql-private.h"

G_DEFINE_QUARK (mdg-error-quark, mdg_error)

/* Where the automatic backups of the database at @path are kept (see mdg-backup.c). */
char *
_mdg_backup_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return g_build_filename (folder, "backups", NULL);
}

/**
 * _mdg_error_set_damaged:
 * @error: a location for a #GError
 * @path: the database file
 *
 * The one message for a damaged database: what happened and how to get the data
 * back. It never blames what the user was doing (their CSV file, say).
 */
void
_mdg_error_set_damaged (GError     **error,
                        const char  *path)
{
  g_autofree char *backups = _mdg_backup_folder (path);

  g_set_error (error, MDG_ERROR, MDG_ERROR_CORRUPT,
               _("The database “%s” is damaged: part of the file cannot be read. Nothing was changed. "
                 "Restore the latest backup with “madoguchi-cli restore FILE” (“madoguchi-cli backup --list” "
                 "lists the backups kept in “%s”), and keep the damaged file for an expert."),
               path, backups);
}

/* Why SQLite refused a change because of a constraint, in the user's words. */
static const char *
constraint_reason (int code)
{
  switch (code)
    {
    case SQLITE_CONSTRAINT_NOTNULL:
      return _("a required value is missing");
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return _("it is already recorded");
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return _("it refers to a record that no longer exists");
    case SQLITE_CONSTRAINT_CHECK:
      return _("a value is outside what is allowed");
    default:
      return _("the database does not allow this change");
    }
}

/*
 * I/O errors that do not come from the disk but from the file changing under an open
 * connection: shorter than SQLite knows it (truncated or replaced, or a stale mapping
 * of a removed -shm file pointing past the end of a new -wal), or its lock and
 * shared-memory files gone or refused.
 */
static gboolean
is_changed_underneath (int code)
{
  switch (code)
    {
    case SQLITE_IOERR_SHORT_READ:
    case SQLITE_IOERR_LOCK:
    case SQLITE_IOERR_RDLOCK:
    case SQLITE_IOERR_UNLOCK:
    case SQLITE_IOERR_CHECKRESERVEDLOCK:
    case SQLITE_IOERR_DELETE_NOENT:
    case SQLITE_IOERR_SHMOPEN:
    case SQLITE_IOERR_SHMSIZE:
    case SQLITE_IOERR_SHMLOCK:
    case SQLITE_IOERR_SHMMAP:
      return TRUE;

    default:
      return FALSE;
    }
}

/**
 * _mdg_sql_set_error_code:
 * @path: the database file, for the message
 * @code: an SQLite (extended) result code
 * @error: a location for a #GError
 * @context: what was being done, translated ("Could not save the seminar")
 *
 * Turns an SQLite result code into a #MdgError with a translated message that says
 * what to do. SQLite's own English message only goes to the debug log: it never
 * reaches the user as it is.
 */
void
_mdg_sql_set_error_code (const char  *path,
                         int          code,
                         GError     **error,
                         const char  *context)
{
  const char *name = path != NULL && *path != '\0' ? path : _("(temporary database)");

  g_debug ("%s: SQLite result %d (%s) on %s", context, code, sqlite3_errstr (code), name);

  switch (code & 0xff)
    {
    case SQLITE_CONSTRAINT:
      g_set_error (error, MDG_ERROR, MDG_ERROR_CONSTRAINT, "%s: %s", context, constraint_reason (code));
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      _mdg_error_set_damaged (error, name);
      g_prefix_error (error, "%s: ", context);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, MDG_ERROR, MDG_ERROR_BUSY,
                   /* Translators: %s says what could not be done */
                   _("%s: another Madoguchi window or madoguchi-cli is writing to the database (an import, "
                     "perhaps) and has not finished. Try again when it is done."),
                   context);
      break;

    case SQLITE_READONLY:
      g_set_error (error, MDG_ERROR, MDG_ERROR_READ_ONLY,
                   _("%s: “%s” was opened read-only: changes cannot be saved. Make the file and its folder "
                     "writable, or copy the file to a folder of your own."),
                   context, name);
      break;

    case SQLITE_FULL:
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED,
                   _("%s: the disk holding “%s” is full. Free some space, then try again."), context, name);
      break;

    case SQLITE_IOERR:
      if (is_changed_underneath (code))
        g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED,
                     _("%s: “%s” changed while Madoguchi had it open (error %d): another program may have "
                       "written to it, replaced it, or removed the “-wal” and “-shm” files beside it. Close "
                       "every Madoguchi window and madoguchi-cli command using the file, then open it again. "
                       "If this keeps happening, check the file with “madoguchi-cli check”."),
                     context, name, code);
      else
        g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED,
                     _("%s: the disk could not read or write “%s” (error %d). Check the disk, then try again."),
                     context, name, code);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, MDG_ERROR, MDG_ERROR_OPEN,
                   _("%s: “%s” could not be opened. Check that the file and its folder exist and are yours."),
                   context, name);
      break;

    case SQLITE_NOMEM:
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("%s: there is not enough memory."), context);
      break;

    case SQLITE_INTERRUPT:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: cancelled."), context);
      break;

    default:
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED,
                   /* Translators: %d is SQLite's result code, for the developers */
                   _("%s (database error %d)."), context, code);
      break;
    }
}

void
_mdg_sql_set_error (sqlite3     *db,
                    GError     **error,
                    const char  *context)
{
  _mdg_sql_set_error_code (sqlite3_db_filename (db, "main"), sqlite3_extended_errcode (db), error, context);
}

gboolean
_mdg_sql_exec (sqlite3     *db,
               const char  *sql,
               GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _mdg_sql_set_error (db, error, _("The database refused a change"));
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

/* Returns: (transfer full) (nullable): @sql prepared, with @id bound at ?1 when it has parameters */
static sqlite3_stmt *
prepare_with_id (sqlite3     *db,
                 const char  *sql,
                 gint64       id,
                 GError     **error)
{
  sqlite3_stmt *stmt = _mdg_sql_prepare (db, sql, error);

  if (stmt != NULL && sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, id);
  return stmt;
}

/**
 * _mdg_sql_collect_query:
 * @db: the connection
 * @sql: a query for a whole list, or for what belongs to one row with its id at ?1
 * @id: the row whose list it is (a seminar, a deck revision), if @sql has a parameter
 * @from_row: makes an element of each row
 * @free_func: frees an element
 * @context: what is being read, for the message when it fails
 * @error: a location for a #GError
 *
 * Prepares @sql and runs _mdg_sql_collect().
 *
 * Returns: (transfer container): the elements, or %NULL with @error set
 */
GPtrArray *
_mdg_sql_collect_query (sqlite3        *db,
                        const char     *sql,
                        gint64          id,
                        MdgRowFunc      from_row,
                        GDestroyNotify  free_func,
                        const char     *context,
                        GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_with_id (db, sql, id, error);

  return stmt ? _mdg_sql_collect (db, stmt, from_row, free_func, context, error) : NULL;
}

/**
 * _mdg_sql_exec_values:
 * @db: the connection
 * @sql: a statement with @a at ?1 and, when it has them, @b at ?2 and @text at ?3
 * @a: the first value, an id
 * @b: the second value, if @sql has a second parameter
 * @text: (nullable): the third value, if @sql has a third parameter
 * @error: a location for a #GError
 */
gboolean
_mdg_sql_exec_values (sqlite3      *db,
                      const char   *sql,
                      gint64        a,
                      gint64        b,
                      const char   *text,
                      GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_with_id (db, sql, a, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    _mdg_sql_bind_text (stmt, 3, text);
  return _mdg_sql_step_done (db, stmt, error);
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
