/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mdg-backup.h"
#include "mdg-database-private.h"
#include "mdg-file-private.h"
#include "mdg-error.h"
#include "mdg-kana.h"

struct _MdgDatabase
{
  GObject       parent_instance;

  sqlite3      *handle;
  char         *path;
  gboolean      read_only;
  gboolean      wipe_pending;

  /* The busy policy (see busy_handler) */
  guint         busy_wait_ms;
  gint64        busy_since;
  gboolean      busy_signalled;
  gboolean      closing;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (MdgDatabase, mdg_database, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  WAITING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Paths this process has prepared (folder and file modes): once per process, at start. */
static GHashTable *prepared_paths;
G_LOCK_DEFINE_STATIC (prepared_paths);
/* The umask is the process's: only one thread may change it at a time. */
G_LOCK_DEFINE_STATIC (umask);

/* How long a wipe of freed pages waits for readers before it is left for later. */
#define WIPE_WAIT_MS 1000

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

/*
 * The busy policy. SQLite calls this while another connection (an import in another
 * window or process) holds the write lock. A writer waits for it, sleeping a little
 * longer each time, up to busy_wait_ms; after a second it says so once ("waiting"),
 * so that the command line can tell the user why nothing happens. Windows keep a
 * short wait on their main thread and wait for writers in a worker instead
 * (mdg_database_wait_for_writers_async()).
 */
static int
busy_handler (void *data,
              int   count)
{
  static const guint delays[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 };
  MdgDatabase *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 elapsed;
  guint delay;

  if (count == 0)
    {
      self->busy_since = now;
      self->busy_signalled = FALSE;
    }
  elapsed = (now - self->busy_since) / 1000;

  if (elapsed >= self->busy_wait_ms || g_cancellable_is_cancelled (self->cancellable))
    return 0;

  if (!self->busy_signalled && !self->closing && elapsed >= 1000)
    {
      self->busy_signalled = TRUE;
      g_signal_emit (self, signals[WAITING], 0);
    }

  delay = count < (int) G_N_ELEMENTS (delays) ? delays[count] : 100;
  delay = MIN (delay, self->busy_wait_ms - elapsed);
  g_usleep (delay * G_TIME_SPAN_MILLISECOND);
  return 1;
}

/* Lets a long read (the quick check) stop when its cancellable is cancelled. */
static int
progress_handler (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/* What every connection needs, whichever thread opens it. */
static gboolean
configure_connection (MdgDatabase  *self,
                      GError      **error)
{
  static const char pragmas[] =
    "PRAGMA foreign_keys = ON;"
    "PRAGMA synchronous = NORMAL;"
    /* 32 MB of page cache: a large import stays in memory until it commits. */
    "PRAGMA cache_size = -32000;"
    "PRAGMA temp_store = MEMORY;"
    /* Deleted personal data must not linger in free pages. */
    "PRAGMA secure_delete = ON;";

  if (sqlite3_create_collation_v2 (self->handle, "kana", SQLITE_UTF8, NULL, kana_collate, NULL) != SQLITE_OK ||
      sqlite3_create_function_v2 (self->handle, "mdg_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                  fold_function, NULL, NULL, NULL) != SQLITE_OK)
    {
      _mdg_sql_set_error (self->handle, error, _("Could not prepare the database"));
      return FALSE;
    }

  /* A read-only file keeps the journal mode it has; WAL would write its header. */
  if (!self->read_only && !_mdg_sql_exec (self->handle, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  return _mdg_sql_exec (self->handle, pragmas, error);
}

/* Madoguchi's own data folder, the one it may tighten (never a folder the user chose). */
static gboolean
is_own_data_folder (const char *folder)
{
  g_autofree char *own = g_build_filename (g_get_user_data_dir (), "madoguchi", NULL);

  return g_strcmp0 (folder, own) == 0;
}

/* Takes group and other permissions away, by name: nothing is opened or closed. */
static void
tighten (const char *path,
         mode_t      keep)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0 && g_chmod (path, st.st_mode & keep) != 0)
    g_warning ("Could not restrict the permissions of %s: %s", path, g_strerror (errno));
}

/*
 * Personal data: the folder is 0700 and the files 0600. The folder is created (or, for
 * Madoguchi's own, tightened) here; the database file is created by SQLite under a
 * 0077 umask (see open_connection). An existing file is tightened by name (see
 * tighten_files), once per process: the file itself is never opened or closed outside
 * SQLite, because closing any descriptor of it would drop the POSIX locks of every
 * connection in this process ("How To Corrupt An SQLite Database File", 2.2).
 *
 * Returns: whether this is the first open of @path in this process, or -1 on failure
 */
static int
prepare_folder (const char  *path,
                GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  gboolean first;

  G_LOCK (prepared_paths);
  if (prepared_paths == NULL)
    prepared_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  first = g_hash_table_add (prepared_paths, g_strdup (path));
  G_UNLOCK (prepared_paths);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, MDG_ERROR, MDG_ERROR_OPEN, _("Could not create the data folder “%s”: %s"), folder,
                       g_strerror (saved));
          return -1;
        }
    }
  else if (first && is_own_data_folder (folder))
    tighten (folder, 0700);

  return first;
}

/* Once the file is known to be ours to change: an older 0644 file becomes 0600. */
static void
tighten_files (const char *path)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      tighten (file, 0600);
    }
}

/* A file: URI for SQLite, every byte outside the unreserved set escaped. */
static char *
uri_for_path (const char *path,
              const char *query)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

  return g_strconcat ("file:", escaped, "?", query, NULL);
}

static gboolean
open_connection (MdgDatabase  *self,
                 GError      **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  gboolean exists = g_file_test (self->path, G_FILE_TEST_EXISTS);
  gboolean folder_writable = g_access (folder, W_OK) == 0;
  g_autofree char *name = NULL;
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  int rc;

  /* Each thread opens its own connection (DESIGN.md, Threading): no connection is
   * shared, so SQLite need not lock around every call. */
  if (exists && (!folder_writable || g_access (self->path, W_OK) != 0))
    {
      /* Opened read-only on purpose: reading works, saving says why it cannot. In a
       * folder nobody may write, SQLite cannot create its -shm file either: the file
       * is then read as it is on disk. */
      self->read_only = TRUE;
      flags |= SQLITE_OPEN_READONLY;
      name = uri_for_path (self->path, folder_writable ? "mode=ro" : "mode=ro&immutable=1");
    }
  else if (!exists && !folder_writable)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_READ_ONLY,
                   _("Could not create the database “%s”: its folder is read-only."), self->path);
      return FALSE;
    }
  else
    {
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      name = uri_for_path (self->path, "mode=rwc");
    }

  if (!exists)
    {
      /* SQLite creates the file (and later its -wal and -shm with the same mode): with
       * this umask, never readable by anyone else, not even for a moment. */
      mode_t old;

      G_LOCK (umask);
      old = umask (077);
      rc = sqlite3_open_v2 (name, &self->handle, flags, NULL);
      umask (old);
      G_UNLOCK (umask);
    }
  else
    rc = sqlite3_open_v2 (name, &self->handle, flags, NULL);

  if (rc != SQLITE_OK)
    {
      if (self->handle != NULL)
        _mdg_sql_set_error (self->handle, error, _("Could not open the database"));
      else
        g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not open the database “%s”: %s"), self->path,
                     g_strerror (ENOMEM));
      return FALSE;
    }

  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_handler (self->handle, busy_handler, self);
  return TRUE;
}

static int
read_user_version (MdgDatabase  *self,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->handle, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      _mdg_sql_set_error (self->handle, error, _("Could not read the database"));
      return -1;
    }
  return sqlite3_column_int (stmt, 0);
}

static gboolean
has_tables (MdgDatabase *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  return sqlite3_prepare_v2 (self->handle, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL) == SQLITE_OK &&
         sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0;
}

static char *
wipe_marker (const char *path)
{
  return g_strconcat (path, "-wipe", NULL);
}

/*
 * Opens a connection. @main is the first open of a database by a window or a command:
 * it prepares the folder, backs up before a migration, migrates and finishes a wipe
 * left over; workers only connect.
 *
 * Nothing is written before the schema version has been read: a database from a newer
 * Madoguchi (or one this version cannot read) is refused byte for byte as it was.
 */
static MdgDatabase *
open_database (const char  *path,
               gboolean     main,
               GError     **error)
{
  g_autoptr(MdgDatabase) self = NULL;
  g_autofree char *marker = NULL;
  int first = FALSE;
  int version;

  if (main && (first = prepare_folder (path, error)) < 0)
    return NULL;

  self = g_object_new (MDG_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  if (!open_connection (self, error))
    return NULL;

  version = read_user_version (self, error);
  if (version < 0)
    return NULL;

  if (version > MDG_SCHEMA_VERSION)
    {
      _mdg_set_too_new_error (error, path, version);
      return NULL;
    }

  if (self->read_only && main && version != MDG_SCHEMA_VERSION)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_READ_ONLY,
                   _("“%s” is read-only, but this version of Madoguchi must upgrade it first. Make the file and "
                     "its folder writable, or copy the file to a folder of your own."),
                   path);
      return NULL;
    }

  if (first && !self->read_only)
    tighten_files (path);

  if (!configure_connection (self, error))
    return NULL;

  if (!main || self->read_only)
    return g_steal_pointer (&self);

  /* Before every migration, a copy of what the user had. */
  if (version < MDG_SCHEMA_VERSION && (version > 0 || has_tables (self)))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *written = NULL;

      if (!_mdg_database_backup_into_folder (self, now, "before-upgrade", TRUE, &written, error))
        {
          g_prefix_error (error, _("“%s” was not upgraded, because it could not be backed up first: "), path);
          return NULL;
        }
    }

  if (!_mdg_migrate (self->handle, path, error))
    return NULL;

  /* A person deleted while another program was reading is wiped as soon as possible. */
  marker = wipe_marker (path);
  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    _mdg_database_wipe (self, NULL);

  return g_steal_pointer (&self);
}

static void
mdg_database_finalize (GObject *object)
{
  MdgDatabase *self = (MdgDatabase *) object;

  if (self->handle != NULL)
    {
      g_autofree char *marker = self->path ? wipe_marker (self->path) : NULL;

      self->closing = TRUE;
      if (!self->read_only && (self->wipe_pending || (marker != NULL && g_file_test (marker, G_FILE_TEST_EXISTS))))
        _mdg_database_wipe (self, NULL);

      /* A clean close checkpoints and removes the -wal and -shm files. */
      sqlite3_close (self->handle);
      self->handle = NULL;
    }
  g_clear_object (&self->cancellable);
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

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
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
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MdgDatabase::waiting:
   *
   * A write has waited a second for another connection (an import in another window
   * or process) to finish writing, and goes on waiting. Emitted at most once per
   * wait, in the thread that uses the connection.
   */
  signals[WAITING] =
    g_signal_new ("waiting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mdg_database_init (MdgDatabase *self)
{
  self->busy_wait_ms = MDG_DATABASE_BUSY_WAIT;
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
 * Opens (or creates) a database and upgrades its schema to %MDG_SCHEMA_VERSION,
 * after an automatic backup when there is something to upgrade. A file or folder
 * that cannot be written is opened read-only (see mdg_database_is_read_only()). The
 * database is refused, and left exactly as it was, when it comes from a newer
 * Madoguchi (%MDG_ERROR_TOO_NEW) or cannot be read (%MDG_ERROR_CORRUPT).
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
MdgDatabase *
mdg_database_open (const char  *path,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_database (path, TRUE, error);
}

/* Another connection to @self's file, for a worker thread: no migration, no backup. */
MdgDatabase *
_mdg_database_open_worker (MdgDatabase  *self,
                           GError      **error)
{
  MdgDatabase *connection = open_database (self->path, FALSE, error);

  if (connection != NULL)
    connection->busy_wait_ms = self->busy_wait_ms;
  return connection;
}

/* A worker's connection to a file it knows by its path only (mdg_database_open()
 * prepared it on the main thread), or to another database file (a backup): nothing
 * tightened, migrated, backed up or wiped. */
MdgDatabase *
_mdg_database_open_file (const char  *path,
                         GError     **error)
{
  return open_database (path, FALSE, error);
}

const char *
mdg_database_get_path (MdgDatabase *self)
{
  g_return_val_if_fail (MDG_IS_DATABASE (self), NULL);

  return self->path;
}

/**
 * mdg_database_is_read_only:
 * @self: a #MdgDatabase
 *
 * Whether the file or its folder could not be written, so that the database was
 * opened only for reading: every change fails with %MDG_ERROR_READ_ONLY.
 */
gboolean
mdg_database_is_read_only (MdgDatabase *self)
{
  g_return_val_if_fail (MDG_IS_DATABASE (self), FALSE);

  return self->read_only;
}

/**
 * mdg_database_set_busy_wait:
 * @self: a #MdgDatabase
 * @milliseconds: how long a write waits for another writer
 *
 * How long this connection's writes wait while another connection writes (an import
 * of thousands of rows, in another window or process) before failing with
 * %MDG_ERROR_BUSY. New connections wait %MDG_DATABASE_BUSY_WAIT; a window's main
 * thread should wait no longer than %MDG_DATABASE_BUSY_WAIT_INTERACTIVE and, on
 * %MDG_ERROR_BUSY, say that it waits and call mdg_database_wait_for_writers_async().
 */
void
mdg_database_set_busy_wait (MdgDatabase *self,
                            guint        milliseconds)
{
  g_return_if_fail (MDG_IS_DATABASE (self));

  self->busy_wait_ms = milliseconds;
}

guint
mdg_database_get_busy_wait (MdgDatabase *self)
{
  g_return_val_if_fail (MDG_IS_DATABASE (self), 0);

  return self->busy_wait_ms;
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
  g_return_val_if_fail (MDG_IS_DATABASE (self), -1);

  return read_user_version (self, NULL);
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

  if (sqlite3_exec (self->handle, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      _mdg_sql_set_error (self->handle, error, _("Could not start saving"));
      return FALSE;
    }
  return TRUE;
}

gboolean
mdg_database_commit (MdgDatabase  *self,
                     GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (self), FALSE);

  if (sqlite3_exec (self->handle, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      _mdg_sql_set_error (self->handle, error, _("Could not save"));
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

/**
 * mdg_database_verify:
 * @self: a #MdgDatabase
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * SQLite's quick check of every page: on a damaged database, %MDG_ERROR_CORRUPT with
 * a message that says how to restore a backup. It reads the whole file (about half
 * a second for 100 000 people): windows run it in a worker.
 *
 * Returns: whether the database is sound
 */
gboolean
mdg_database_verify (MdgDatabase   *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean sound = TRUE;
  int rc;

  g_return_val_if_fail (MDG_IS_DATABASE (self), FALSE);

  if (cancellable != NULL)
    sqlite3_progress_handler (self->handle, 10000, progress_handler, cancellable);
  stmt = _mdg_sql_prepare (self->handle, "PRAGMA quick_check", error);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
      {
        g_debug ("quick_check of %s: %s", self->path, sqlite3_column_text (stmt, 0));
        sound = FALSE;
      }
  sqlite3_progress_handler (self->handle, 0, NULL, NULL);

  if (stmt == NULL)
    return FALSE;
  /* The check may stop at a page too damaged to read: the same damage. */
  if (rc != SQLITE_DONE && (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
    {
      _mdg_sql_set_error (self->handle, error, _("Could not check the database"));
      return FALSE;
    }
  if (!sound || rc != SQLITE_DONE)
    {
      _mdg_error_set_damaged (error, self->path);
      return FALSE;
    }
  return TRUE;
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
      g_autofree char *context = g_strdup_printf (_("Could not copy the database to “%s”"), to_path);

      _mdg_sql_set_error_code (sqlite3_db_filename (from, "main"), rc, error, context);
      return FALSE;
    }

  return TRUE;
}

/*
 * Writes a copy of @from to @destination: into a 0600 temporary file beside it (an
 * empty file SQLite then fills), renamed over @destination once complete.
 */
static gboolean
backup_to_file (sqlite3     *from,
                const char  *destination,
                GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (destination);
  g_autofree char *temp = NULL;
  sqlite3 *to = NULL;
  gboolean ok;

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR) && g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, MDG_ERROR, MDG_ERROR_OPEN, _("Could not create the folder “%s”: %s"), folder,
                   g_strerror (saved));
      return FALSE;
    }

  temp = _mdg_file_create_temp (destination, error);
  if (temp == NULL)
    return FALSE;

  if (sqlite3_open_v2 (temp, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_autofree char *context = g_strdup_printf (_("Could not write the backup “%s”"), destination);

      _mdg_sql_set_error_code (destination, to ? sqlite3_extended_errcode (to) : SQLITE_NOMEM, error, context);
      sqlite3_close (to);
      g_unlink (temp);
      return FALSE;
    }
  sqlite3_extended_result_codes (to, 1);

  ok = copy_database (from, to, destination, error);
  /* A backup is one self-contained file, not a WAL database. */
  if (ok)
    ok = _mdg_sql_exec (to, "PRAGMA journal_mode = DELETE", error);
  sqlite3_close (to);

  if (!ok)
    {
      g_unlink (temp);
      return FALSE;
    }
  return _mdg_file_commit_temp (temp, destination, error);
}

/**
 * mdg_database_backup:
 * @self: a #MdgDatabase
 * @destination: the file to write; replaced when it exists
 * @error: a location for a #GError
 *
 * Writes a consistent copy of the database with SQLite's online backup, while the
 * database stays in use. A damaged database is refused (%MDG_ERROR_CORRUPT): a backup
 * that copied the damage would be trusted as good. The copy is a plain database file,
 * mode 0600, written beside @destination and renamed over it when complete.
 */
gboolean
mdg_database_backup (MdgDatabase  *self,
                     const char   *destination,
                     GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (g_strcmp0 (destination, self->path) == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("A backup cannot overwrite the database it copies"));
      return FALSE;
    }

  return mdg_database_verify (self, NULL, error) && backup_to_file (self->handle, destination, error);
}

/* Copies without checking first: to keep a damaged database before it is replaced. */
gboolean
_mdg_database_backup_unchecked (MdgDatabase  *self,
                                const char   *destination,
                                GError      **error)
{
  return backup_to_file (self->handle, destination, error);
}

/*
 * Opens a backup to restore it, after checking that it is a sound Madoguchi database
 * this version can read. Returns the read-only connection.
 */
static sqlite3 *
open_backup (const char  *source,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  sqlite3 *from = NULL;
  int version = -1;
  int rc;

  if (!g_file_test (source, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no backup file “%s”"), source);
      return NULL;
    }

  /* Immutable: reading a backup must not create, change or delete anything beside it. */
  name = uri_for_path (source, "mode=ro&immutable=1");
  if (sqlite3_open_v2 (name, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_autofree char *context = g_strdup_printf (_("Could not read the backup “%s”"), source);

      _mdg_sql_set_error_code (source, from ? sqlite3_extended_errcode (from) : SQLITE_NOMEM, error, context);
      sqlite3_close (from);
      return NULL;
    }
  sqlite3_extended_result_codes (from, 1);

  if (sqlite3_prepare_v2 (from, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (version > MDG_SCHEMA_VERSION)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_TOO_NEW,
                   _("The backup “%s” was written by a newer Madoguchi (schema %d; this version knows up to %d). "
                     "Nothing was restored."),
                   source, version, MDG_SCHEMA_VERSION);
      sqlite3_close (from);
      return NULL;
    }

  rc = sqlite3_prepare_v2 (from, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (version < 1 || rc != SQLITE_ROW || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_CORRUPT,
                   _("“%s” is not a Madoguchi backup, or it is damaged. Nothing was restored: choose another "
                     "backup (“madoguchi-cli backup --list” lists them)."),
                   source);
      g_clear_pointer (&stmt, sqlite3_finalize);
      sqlite3_close (from);
      return NULL;
    }
  return from;
}

/* Keeps the database as it is, then copies the checked backup @from over it. */
static gboolean
restore_into (MdgDatabase  *self,
              sqlite3      *from,
              char        **kept,
              GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *written = NULL;

  if (self->read_only)
    {
      _mdg_sql_set_error_code (self->path, SQLITE_READONLY, error, _("Could not restore the backup"));
      return FALSE;
    }

  if (!_mdg_database_backup_into_folder (self, now, "before-restore", FALSE, &written, error) ||
      !copy_database (from, self->handle, self->path, error) || !_mdg_migrate (self->handle, self->path, error))
    return FALSE;

  if (kept != NULL)
    *kept = g_steal_pointer (&written);
  return TRUE;
}

/**
 * mdg_database_restore:
 * @self: a #MdgDatabase
 * @source: a backup written by mdg_database_backup()
 * @kept: (out) (optional) (transfer full): where the database as it was is kept
 * @error: a location for a #GError
 *
 * Replaces the contents of the database with those of @source, after checking that
 * @source is a sound Madoguchi database this version can read (%MDG_ERROR_CORRUPT,
 * %MDG_ERROR_TOO_NEW otherwise). The database as it was is first kept as a backup,
 * even when it is damaged. On failure the database is left as it was.
 */
gboolean
mdg_database_restore (MdgDatabase  *self,
                      const char   *source,
                      char        **kept,
                      GError      **error)
{
  sqlite3 *from;
  gboolean ok;

  g_return_val_if_fail (MDG_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  from = open_backup (source, error);
  if (from == NULL)
    return FALSE;
  ok = restore_into (self, from, kept, error);
  sqlite3_close (from);
  return ok;
}

/* A database too damaged to be copied: moved into the backup folder as it is. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *folder = _mdg_backup_folder (path);
  g_autofree char *aside = _mdg_backup_name (path, now, "damaged");

  if (g_mkdir_with_parents (folder, 0700) != 0 || g_rename (path, aside) != 0)
    {
      int saved = errno;

      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not move the damaged database “%s” aside: %s"), path,
                   g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *suffix = (const char *[]) { "-wal", "-shm" }[i];
      g_autofree char *from_side = g_strconcat (path, suffix, NULL);
      g_autofree char *to_side = g_strconcat (aside, suffix, NULL);

      g_rename (from_side, to_side);
    }
  return g_steal_pointer (&aside);
}

/**
 * mdg_database_restore_file:
 * @path: the database file
 * @source: a backup
 * @kept: (out) (optional) (transfer full): where the database as it was is kept
 * @error: a location for a #GError
 *
 * mdg_database_restore() for a database that may be too damaged to open or to copy:
 * such a file is moved into the backup folder as it is, and the backup copied in its
 * place. The backup is checked before anything is touched.
 */
gboolean
mdg_database_restore_file (const char  *path,
                           const char  *source,
                           char       **kept,
                           GError     **error)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *aside = NULL;
  sqlite3 *from;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  from = open_backup (source, error);
  if (from == NULL)
    return FALSE;

  db = mdg_database_open (path, &local_error);
  if (db != NULL && restore_into (db, from, kept, &local_error))
    {
      sqlite3_close (from);
      return TRUE;
    }
  /* Only damage is a reason to move the file aside; anything else is said as it is. */
  if (!g_error_matches (local_error, MDG_ERROR, MDG_ERROR_CORRUPT))
    {
      sqlite3_close (from);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_object (&db);

  aside = move_aside (path, error);
  ok = aside != NULL && backup_to_file (from, path, error);
  sqlite3_close (from);

  if (ok)
    {
      db = mdg_database_open (path, error);
      ok = db != NULL;
    }
  if (ok && kept != NULL)
    *kept = g_steal_pointer (&aside);
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
      g_autoptr(GError) local_error = NULL;

      _mdg_sql_set_error (self->handle, &local_error, _("Could not check the database"));
      g_ptr_array_add (found, g_strdup (local_error->message));
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

/*
 * After a person is deleted, their bytes must leave the file: secure_delete zeroes the
 * pages the delete freed, but only in the write-ahead log; a checkpoint copies them
 * over the old pages and empties the log. A reader holding an older snapshot (another
 * window, a command in progress) blocks that for a while: then a marker beside the
 * database remembers the wipe, and every close and the next open try again until it
 * succeeds.
 */
gboolean
_mdg_database_wipe (MdgDatabase  *self,
                    GError      **error)
{
  g_autofree char *marker = wipe_marker (self->path);
  guint wait = self->busy_wait_ms;
  int rc;

  if (self->read_only)
    return TRUE;

  self->busy_wait_ms = MIN (wait, WIPE_WAIT_MS);
  rc = sqlite3_wal_checkpoint_v2 (self->handle, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  self->busy_wait_ms = wait;

  if (rc == SQLITE_OK)
    {
      self->wipe_pending = FALSE;
      g_unlink (marker);
      return TRUE;
    }

  self->wipe_pending = TRUE;
  if (!g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      int fd = g_open (marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

      if (fd >= 0)
        close (fd);
    }
  _mdg_sql_set_error (self->handle, error, _("Could not wipe the deleted data from the file yet"));
  return FALSE;
}

/**
 * mdg_database_get_wipe_pending:
 * @self: a #MdgDatabase
 *
 * Whether deleted personal data still waits to be wiped from the file (another
 * program was reading the database); it is wiped at the next close or open.
 */
gboolean
mdg_database_get_wipe_pending (MdgDatabase *self)
{
  g_return_val_if_fail (MDG_IS_DATABASE (self), FALSE);

  return self->wipe_pending;
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

  connection = open_database (list->path, FALSE, &error);
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

typedef struct
{
  MdgListByIdFunc  func;
  gint64           id;
} ByIdTask;

static GPtrArray *
run_by_id (MdgDatabase  *connection,
           gpointer      data,
           GError      **error)
{
  ByIdTask *by_id = data;

  return by_id->func (connection, by_id->id, error);
}

/**
 * _mdg_database_list_by_id_async:
 * @self: the caller's database
 * @func: reads the list of what belongs to one row
 * @id: that row's id: a seminar, a person, an organization
 * @source_tag: the public function, for its _finish
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's main context with the list
 * @user_data: for @callback
 *
 * _mdg_database_list_async() for the lists a detail pane shows: a seminar's program.
 */
void
_mdg_database_list_by_id_async (MdgDatabase         *self,
                                MdgListByIdFunc      func,
                                gint64               id,
                                gpointer             source_tag,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  ByIdTask by_id = { func, id };

  _mdg_database_list_async (self, run_by_id, g_memdup2 (&by_id, sizeof by_id), g_free, source_tag, cancellable,
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

typedef struct
{
  char         *path;
  guint         wait_ms;
} WaitTask;

static void
wait_task_free (WaitTask *wait)
{
  g_free (wait->path);
  g_free (wait);
}

static void
wait_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WaitTask *wait = task_data;
  g_autoptr(MdgDatabase) connection = NULL;
  GError *error = NULL;

  connection = open_database (wait->path, FALSE, &error);
  if (connection == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Taking the write lock, and giving it back at once, proves the writer is done. */
  connection->busy_wait_ms = wait->wait_ms;
  g_set_object (&connection->cancellable, cancellable);
  if (!mdg_database_begin (connection, &error))
    {
      if (g_task_return_error_if_cancelled (task))
        g_clear_error (&error);
      else
        g_task_return_error (task, error);
      return;
    }
  mdg_database_rollback (connection);
  g_task_return_boolean (task, TRUE);
}

/**
 * mdg_database_wait_for_writers_async:
 * @self: a #MdgDatabase
 * @milliseconds: how long to wait at most
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's main context when no one writes any more
 * @user_data: for @callback
 *
 * Waits in a worker thread until no other connection holds the write lock (an import
 * in another window or process has committed), so that a window that got
 * %MDG_ERROR_BUSY can say "waiting for the import…" and then save again.
 */
void
mdg_database_wait_for_writers_async (MdgDatabase         *self,
                                     guint                milliseconds,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WaitTask *wait;

  g_return_if_fail (MDG_IS_DATABASE (self));

  wait = g_new0 (WaitTask, 1);
  wait->path = g_strdup (self->path);
  wait->wait_ms = milliseconds;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_database_wait_for_writers_async);
  g_task_set_task_data (task, wait, (GDestroyNotify) wait_task_free);
  g_task_run_in_thread (task, wait_thread);
}

/**
 * mdg_database_wait_for_writers_finish:
 * @self: a #MdgDatabase
 * @result: the result
 * @error: a location for a #GError: %MDG_ERROR_BUSY when the other writer did not
 *   finish in time, %G_IO_ERROR_CANCELLED
 *
 * Returns: whether the database can be written now
 */
gboolean
mdg_database_wait_for_writers_finish (MdgDatabase   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mdg_database_wait_for_writers_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
maintain_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(MdgDatabase) connection = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *marker = NULL;
  GError *error = NULL;

  connection = open_database (task_data, FALSE, &error);
  if (connection == NULL || !mdg_database_verify (connection, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  if (!connection->read_only && !mdg_database_is_empty (connection) &&
      !mdg_database_backup_daily (connection, now, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  marker = wipe_marker (connection->path);
  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    _mdg_database_wipe (connection, NULL);

  g_task_return_boolean (task, TRUE);
}

/**
 * mdg_database_maintain_async:
 * @self: a #MdgDatabase, just opened by a window
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's main context when done
 * @user_data: for @callback
 *
 * What a window does at start, in a worker thread while it opens: the quick check
 * of every page (mdg_database_verify()), the first automatic backup of the day
 * (mdg_database_backup_daily()), and a wipe of deleted data left for later.
 */
void
mdg_database_maintain_async (MdgDatabase         *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MDG_IS_DATABASE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_database_maintain_async);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, maintain_thread);
}

/**
 * mdg_database_maintain_finish:
 * @self: a #MdgDatabase
 * @result: the result
 * @error: a location for a #GError: %MDG_ERROR_CORRUPT for a damaged database, or
 *   why the backup could not be written
 *
 * Returns: whether the database is sound and backed up today
 */
gboolean
mdg_database_maintain_finish (MdgDatabase   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mdg_database_maintain_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
