/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-test"

#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mdg-database-private.h"
#include "mdg-seminar-store.h"
#include "mdg-test-util.h"

void
mdg_test_init (int    *argc,
               char ***argv)
{
  /* Dates are checked in Japan's time zone; translations come from the build tree. */
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MADOGUCHI_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Window tests keep the system's data folders: GTK needs its MIME database to load SVG icons. */
  if (g_getenv ("MADOGUCHI_TEST_SHARED_DIRS") != NULL)
    g_test_init (argc, argv, NULL);
  else
    g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

/*
 * Runs the tests, then lets the worker threads GLib keeps idle end before the process
 * does. Under the sanitizers, LeakSanitizer's check at exit stops every thread, and its
 * tracer can crash on a thread ending at that moment ("Tracer caught signal 11": seen
 * in the feed tests, whose fetches and feed server leave many such threads).
 */
int
mdg_test_run (void)
{
  int status = g_test_run ();

  /* A pool's idle worker waits half a second for more work before it is an unused
   * thread of GLib's; unused threads are then told to end, and given time to. */
  g_usleep (G_USEC_PER_SEC * 6 / 10);
  g_thread_pool_set_max_unused_threads (0);
  g_thread_pool_stop_unused_threads ();
  g_usleep (G_USEC_PER_SEC / 5);
  return status;
}

char *
mdg_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("madoguchi-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
mdg_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        mdg_test_rm_rf (child);
      }
  g_remove (path);
}

MdgDatabase *
mdg_test_open_tmp_db (char **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "data", "madoguchi.db", NULL);
  MdgDatabase *db = mdg_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  *dir_out = g_steal_pointer (&dir);
  return db;
}

GDateTime *
mdg_test_local (int year,
                int month,
                int day,
                int hour,
                int minute)
{
  return g_date_time_new_local (year, month, day, hour, minute, 0);
}

gint64
mdg_test_count (MdgDatabase *db,
                const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_mdg_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

void
mdg_test_exec (MdgDatabase *db,
               const char  *sql)
{
  g_autoptr(GError) error = NULL;

  _mdg_sql_exec (_mdg_database_get_handle (db), sql, &error);
  g_assert_no_error (error);
}

gint64
mdg_test_add_seminar (MdgDatabase *db,
                      const char  *title)
{
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 30);
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (seminar, "title", title, "starts-at", starts, "ends-at", ends, NULL);
  mdg_seminar_store_save (db, seminar, &error);
  g_assert_no_error (error);
  return mdg_seminar_get_id (seminar);
}

/*
 * Whether the file's bytes hold @needle, read by another process (grep): reading a
 * database file in this process would close a descriptor of it, and with it drop the
 * locks of this process's open connections.
 */
gboolean
mdg_test_file_holds (const char *path,
                     const char *needle)
{
  const char *argv[] = { "grep", "-q", "-F", "-a", "-e", needle, path, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) <= 1);
  return WEXITSTATUS (status) == 0;
}

/* Whether @needle is in the database file @path or in its write-ahead log. */
gboolean
mdg_test_database_holds (const char *path,
                         const char *needle)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  return mdg_test_file_holds (path, needle) || mdg_test_file_holds (wal, needle);
}

/* The permission bits of @path. */
guint
mdg_test_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* Writes a database as another program (or a newer Madoguchi) would, and closes it. */
void
mdg_test_write_raw (const char *path,
                    const char *sql)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
}

/* The first page of @table's b-tree, counting from 1. */
guint
mdg_test_root_page (MdgDatabase *db,
                    const char  *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rootpage FROM sqlite_master WHERE name = '%s'", table);

  return mdg_test_count (db, sql);
}

/*
 * Overwrites @count pages from @first (counting from 1) with junk, as a failing disk
 * would. No connection of this process may have the file open.
 */
void
mdg_test_damage_pages (const char *path,
                       guint       first,
                       guint       count)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, (first - 1 + count) * 4096);
  memset (contents + (first - 1) * 4096, 0xA5, count * 4096);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

void
mdg_test_cli_clear (MdgTestCli *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

static char *
bytes_to_text (GBytes *bytes)
{
  gsize length;
  char *data = g_bytes_unref_to_data (g_bytes_ref (bytes), &length);

  data = g_realloc (data, length + 1);
  data[length] = '\0';
  return data;
}

/*
 * Runs madoguchi-cli on @database with @args, @input on its standard input (nothing
 * when %NULL) and @child_setup run in the child first (to become another user);
 * returns its exit status, its output in @out and @err when given.
 */
int
mdg_test_run_cli_argv (const char            *database,
                       const char           **args,
                       const char            *input,
                       GSpawnChildSetupFunc   child_setup,
                       gpointer               setup_data,
                       char                 **out,
                       char                 **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GBytes) stdin_bytes = g_bytes_new (input ? input : "", input ? strlen (input) : 0);
  g_autoptr(GBytes) stdout_bytes = NULL;
  g_autoptr(GBytes) stderr_bytes = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;

  g_strv_builder_add (builder, g_getenv ("MADOGUCHI_CLI"));
  g_strv_builder_add (builder, "--database");
  g_strv_builder_add (builder, database);
  g_strv_builder_addv (builder, args);
  argv = g_strv_builder_end (builder);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (child_setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, child_setup, setup_data, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, stdin_bytes, NULL, &stdout_bytes, &stderr_bytes, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  if (out != NULL)
    *out = bytes_to_text (stdout_bytes);
  if (err != NULL)
    *err = bytes_to_text (stderr_bytes);
  return g_subprocess_get_exit_status (process);
}

int
mdg_test_run_cli_valist (const char  *database,
                         char       **out,
                         char       **err,
                         const char  *first,
                         va_list      ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  for (const char *arg = first; arg; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);

  return mdg_test_run_cli_argv (database, (const char **) args->pdata, NULL, NULL, NULL, out, err);
}

int
mdg_test_run_cli (const char  *database,
                  char       **out,
                  char       **err,
                  const char  *first,
                  ...)
{
  va_list ap;
  int status;

  va_start (ap, first);
  status = mdg_test_run_cli_valist (database, out, err, first, ap);
  va_end (ap);
  return status;
}

/* Returns: (transfer container) (element-type utf8): data/domain/kana-order.txt, in its order */
GPtrArray *
mdg_test_load_kana_order (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "domain", "kana-order.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *order = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (lines[i][0] != '#' && lines[i][0] != '\0')
      g_ptr_array_add (order, g_strdup (lines[i]));

  g_assert_cmpuint (order->len, >=, 30);
  return order;
}
