/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-kana.h"

struct _MdgDatabase
{
  GObject  parent_instance;

  sqlite3 *handle;
  char    *path;
};

G_DEFINE_FINAL_TYPE (MdgDatabase, mdg_database, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
kana_collate (void       *user_data,
              int         a_len,
              const void *a,
              int         b_len,
              const void *b)
{
  return mdg_kana_compare (a, a_len, b, b_len);
}

static void
fold_function (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *folded;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  folded = mdg_kana_fold (text, sqlite3_value_bytes (argv[0]));
  if (folded == NULL)
    sqlite3_result_text (context, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_result_text (context, folded, -1, g_free);
}

/* What every connection needs, whichever thread opens it. */
static gboolean
configure_connection (sqlite3     *db,
                      const char  *path,
                      GError     **error)
{
  static const char pragmas[] =
    "PRAGMA foreign_keys = ON;"
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = NORMAL;"
    /* 32 MB of page cache: a large import stays in memory until it commits. */
    "PRAGMA cache_size = -32000;"
    "PRAGMA temp_store = MEMORY;"
    /* Deleted personal data must not linger in free pages. */
    "PRAGMA secure_delete = ON;";

  sqlite3_busy_timeout (db, 5000);
  sqlite3_extended_result_codes (db, 1);

  if (sqlite3_create_collation_v2 (db, "kana", SQLITE_UTF8, NULL, kana_collate, NULL) != SQLITE_OK ||
      sqlite3_create_function_v2 (db, "mdg_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                  fold_function, NULL, NULL, NULL) != SQLITE_OK)
    {
      _mdg_sql_set_error (db, error, _("Could not prepare the database"));
      return FALSE;
    }

  if (sqlite3_exec (db, pragmas, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_CORRUPT,
                   _("“%s” is not a Madoguchi database, or it is damaged: %s"),
                   path, sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}

/* Personal data: the folder is 0700 and the file 0600 before SQLite writes a byte. */
static gboolean
prepare_file (const char  *path,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd;

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, MDG_ERROR, MDG_ERROR_OPEN,
                       _("Could not create the data folder “%s”: %s"),
                       folder, g_strerror (saved));
          return FALSE;
        }
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, MDG_ERROR, MDG_ERROR_OPEN,
                   _("Could not open the database “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (g_chmod (path, 0600) != 0)
    g_warning ("Could not restrict the permissions of %s: %s", path, g_strerror (errno));

  return TRUE;
}

static sqlite3 *
open_connection (const char  *path,
                 GError     **error)
{
  sqlite3 *db = NULL;

  /* Each thread opens its own connection (DESIGN.md, Threading): no connection is
   * shared, so SQLite need not lock around every call. */
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_OPEN, _("Could not open the database “%s”: %s"),
                   path, db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }

  if (!configure_connection (db, path, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

static void
mdg_database_finalize (GObject *object)
{
  MdgDatabase *self = (MdgDatabase *) object;

  if (self->handle != NULL)
    {
      /* A clean close checkpoints and removes the -wal and -shm files. */
      sqlite3_close (self->handle);
      self->handle = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (mdg_database_parent_class)->finalize (object);
}

static void
mdg_database_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MdgDatabase *self = MDG_DATABASE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_database_class_init (MdgDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mdg_database_finalize;
  object_class->get_property = mdg_database_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_database_init (MdgDatabase *self)
{
}

/**
 * mdg_database_default_path:
 *
 * Where the user's database lives: `$MADOGUCHI_DATABASE` when set, otherwise
 * `$XDG_DATA_HOME/madoguchi/madoguchi.db`.
 *
 * Returns: (transfer full): a file path
 */
char *
mdg_database_default_path (void)
{
  const char *env = g_getenv ("MADOGUCHI_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "madoguchi", "madoguchi.db", NULL);
}

/**
 * mdg_database_open:
 * @path: the database file; created with its folder when missing
 * @error: a location for a #GError
 *
 * Opens (or creates) a database and upgrades its schema to %MDG_SCHEMA_VERSION.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
MdgDatabase *
mdg_database_open (const char  *path,
                   GError     **error)
{
  g_autoptr(MdgDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!prepare_file (path, error))
    return NULL;

  self = g_object_new (MDG_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->handle = open_connection (path, error);
  if (self->handle == NULL)
    return NULL;

  if (!_mdg_migrate (self->handle, path, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
mdg_database_get_path (MdgDatabase *self)
{
  g_return_val_if_fail (MDG_IS_DATABASE (self), NULL);

  return self->path;
}

sqlite3 *
_mdg_database_get_handle (MdgDatabase *self)
{
  g_assert (MDG_IS_DATABASE (self));

  return self->handle;
}

int
mdg_database_get_schema_version (MdgDatabase *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (self), -1);

  if (sqlite3_prepare_v2 (self->handle, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int (stmt, 0);
}

/**
 * mdg_database_is_empty:
 * @self: a #MdgDatabase
 *
 * Whether the user has entered anything yet: no seminar, person or organization.
 * Seeded reference data (categories, referrals) does not count.
 */
gboolean
mdg_database_is_empty (MdgDatabase *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (self), FALSE);

  stmt = _mdg_sql_prepare (self->handle,
                           "SELECT NOT EXISTS (SELECT 1 FROM seminar)"
                           " AND NOT EXISTS (SELECT 1 FROM person)"
                           " AND NOT EXISTS (SELECT 1 FROM organization)",
                           NULL);
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
}

gboolean
mdg_database_begin (MdgDatabase  *self,
                    GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (self), FALSE);

  return _mdg_sql_exec (self->handle, "BEGIN IMMEDIATE", error);
}

gboolean
mdg_database_commit (MdgDatabase  *self,
                     GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (self), FALSE);

  if (!_mdg_sql_exec (self->handle, "COMMIT", error))
    {
      mdg_database_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
mdg_database_rollback (MdgDatabase *self)
{
  g_return_if_fail (MDG_IS_DATABASE (self));

  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
copy_database (sqlite3     *from,
               sqlite3     *to,
               const char  *to_path,
               GError     **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int rc;

  if (backup == NULL)
    {
      _mdg_sql_set_error (to, error, _("Could not start the backup"));
      return FALSE;
    }

  /* Pages in steps, so that other connections are not locked out for the whole copy. */
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (10);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not copy the database to “%s”: %s"),
                   to_path, sqlite3_errstr (rc));
      return FALSE;
    }

  return TRUE;
}

/**
 * mdg_database_backup:
 * @self: a #MdgDatabase
 * @destination: the file to write; replaced when it exists
 * @error: a location for a #GError
 *
 * Writes a consistent copy of the database with SQLite's online backup, while the
 * database stays in use. The copy is a plain database file (mode 0600).
 */
gboolean
mdg_database_backup (MdgDatabase  *self,
                     const char   *destination,
                     GError      **error)
{
  sqlite3 *to = NULL;
  gboolean ok;

  g_return_val_if_fail (MDG_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (g_strcmp0 (destination, self->path) == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("A backup cannot overwrite the database it copies"));
      return FALSE;
    }

  if (!prepare_file (destination, error))
    return FALSE;

  if (sqlite3_open_v2 (destination, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_OPEN, _("Could not write the backup “%s”: %s"),
                   destination, to ? sqlite3_errmsg (to) : g_strerror (ENOMEM));
      sqlite3_close (to);
      return FALSE;
    }

  ok = copy_database (self->handle, to, destination, error);
  /* A backup is one self-contained file, not a WAL database. */
  if (ok)
    sqlite3_exec (to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (to);

  return ok;
}

/**
 * mdg_database_restore:
 * @self: a #MdgDatabase
 * @source: a backup written by mdg_database_backup()
 * @error: a location for a #GError
 *
 * Replaces the contents of the database with those of @source, after checking that
 * @source is a sound Madoguchi database this version can read. On failure the
 * database is left as it was.
 */
gboolean
mdg_database_restore (MdgDatabase  *self,
                      const char   *source,
                      GError      **error)
{
  sqlite3 *from = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (MDG_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (!g_file_test (source, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no backup file “%s”"), source);
      return FALSE;
    }

  if (sqlite3_open_v2 (source, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_OPEN, _("Could not read the backup “%s”: %s"),
                   source, from ? sqlite3_errmsg (from) : g_strerror (ENOMEM));
      goto out;
    }

  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    int version = -1;
    gboolean sound = FALSE;

    if (sqlite3_prepare_v2 (from, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      version = sqlite3_column_int (stmt, 0);
    g_clear_pointer (&stmt, sqlite3_finalize);

    if (sqlite3_prepare_v2 (from, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      sound = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;

    if (version < 1 || version > MDG_SCHEMA_VERSION || !sound)
      {
        g_set_error (error, MDG_ERROR, MDG_ERROR_CORRUPT,
                     _("“%s” is not a Madoguchi backup this version can restore"), source);
        goto out;
      }
  }

  ok = copy_database (from, self->handle, self->path, error) &&
       _mdg_migrate (self->handle, self->path, error);

out:
  sqlite3_close (from);
  return ok;
}

/**
 * mdg_database_check:
 * @self: a #MdgDatabase
 * @problems: (out) (transfer container) (element-type utf8): what is wrong, one line each
 * @error: a location for a #GError
 *
 * Runs SQLite's integrity check and foreign-key check.
 *
 * Returns: %TRUE when the database is sound; %FALSE with @problems filled when it is
 *   not, or with @error set when the check itself could not run
 */
gboolean
mdg_database_check (MdgDatabase  *self,
                    GPtrArray   **problems,
                    GError      **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MDG_IS_DATABASE (self), FALSE);

  stmt = _mdg_sql_prepare (self->handle, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (found, g_strdup (line));
    }
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_add (found, g_strdup (sqlite3_errmsg (self->handle)));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _mdg_sql_prepare (self->handle, "PRAGMA foreign_key_check", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (found,
                     g_strdup_printf (_("Row %lld of table %s refers to a missing row of %s"),
                                      (long long) sqlite3_column_int64 (stmt, 1),
                                      sqlite3_column_text (stmt, 0),
                                      sqlite3_column_text (stmt, 2)));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (problems != NULL)
    *problems = g_ptr_array_ref (found);

  return found->len == 0;
}

/**
 * mdg_database_checkpoint:
 * @self: a #MdgDatabase
 * @error: a location for a #GError
 *
 * Moves everything from the write-ahead log into the database file and empties the log.
 */
gboolean
mdg_database_checkpoint (MdgDatabase  *self,
                         GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (self), FALSE);

  if (sqlite3_wal_checkpoint_v2 (self->handle, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) != SQLITE_OK)
    {
      _mdg_sql_set_error (self->handle, error, _("Could not write the database file"));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char           *path;
  MdgListFunc     func;
  gpointer        data;
  GDestroyNotify  data_free;
} ListTask;

static void
list_task_free (ListTask *list)
{
  if (list->data_free)
    list->data_free (list->data);
  g_free (list->path);
  g_free (list);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListTask *list = task_data;
  g_autoptr(MdgDatabase) connection = NULL;
  GError *error = NULL;
  GPtrArray *result;

  connection = mdg_database_open (list->path, &error);
  if (connection == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  result = list->func (connection, list->data, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * _mdg_database_list_async:
 * @self: the caller's database
 * @func: reads the list from a connection
 * @data: (nullable): for @func; freed with @data_free
 * @data_free: (nullable): frees @data
 * @source_tag: the public function, for its _finish
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's main context with the list
 * @user_data: for @callback
 *
 * Runs @func in a worker thread on a connection of its own to the same file, so that
 * reading never blocks the main loop and no connection crosses threads.
 */
void
_mdg_database_list_async (MdgDatabase         *self,
                          MdgListFunc          func,
                          gpointer             data,
                          GDestroyNotify       data_free,
                          gpointer             source_tag,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ListTask *list = g_new0 (ListTask, 1);

  list->path = g_strdup (self->path);
  list->func = func;
  list->data = data;
  list->data_free = data_free;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, list, (GDestroyNotify) list_task_free);
  g_task_run_in_thread (task, list_thread);
}

typedef struct
{
  MdgQueryFunc  func;
  char         *query;
  guint         limit;
} QueryTask;

static void
query_task_free (QueryTask *query)
{
  g_free (query->query);
  g_free (query);
}

static GPtrArray *
run_query (MdgDatabase  *connection,
           gpointer      data,
           GError      **error)
{
  QueryTask *query = data;

  return query->func (connection, query->query, query->limit, error);
}

/**
 * _mdg_database_query_async:
 * @self: the caller's database
 * @func: reads the list for a query
 * @query: (nullable): what the user typed
 * @limit: the most rows
 * @source_tag: the public function, for its _finish
 * @cancellable: (nullable): a #GCancellable; cancel it when the query changes
 * @callback: called in the caller's main context with the list
 * @user_data: for @callback
 *
 * _mdg_database_list_async() for lists searched as the user types.
 */
void
_mdg_database_query_async (MdgDatabase         *self,
                           MdgQueryFunc         func,
                           const char          *query,
                           guint                limit,
                           gpointer             source_tag,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  QueryTask *data = g_new0 (QueryTask, 1);

  data->func = func;
  data->query = g_strdup (query);
  data->limit = limit;
  _mdg_database_list_async (self, run_query, data, (GDestroyNotify) query_task_free, source_tag, cancellable,
                            callback, user_data);
}

GPtrArray *
_mdg_database_list_finish (MdgDatabase   *self,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
