/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-test"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mdg-database-private.h"
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
