/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-seminar-store.h"
#include "mdg-test-util.h"

static MdgSeminar *
sample_seminar (const char *title)
{
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 30);
  MdgSeminar *seminar = mdg_seminar_new ();

  g_object_set (seminar, "title", title, "starts-at", starts, "ends-at", ends, NULL);
  return seminar;
}

static guint
count_data_lines (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "domain", name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (lines[i][0] != '#' && lines[i][0] != '\0')
      n++;
  return n;
}

static void
test_database_create (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autofree char *folder = g_build_filename (dir, "data", NULL);
  struct stat st;

  g_assert_cmpint (mdg_database_get_schema_version (db), ==, MDG_SCHEMA_VERSION);
  g_assert_true (mdg_database_is_empty (db));

  /* Personal data: folder 0700, file 0600. */
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (mdg_database_get_path (db), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), ==, 1);
  g_assert_cmpint (mdg_test_count (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (mdg_test_count (db, "PRAGMA secure_delete"), ==, 1);

  /* Every entity of the design is there from version 1, with its identity columns. */
  {
    const char *tables[] = { "staff", "organization", "person", "seminar", "program_item",
                             "registration", "consultation", "consultation_event", "follow_up",
                             "category", "referral", "deck", "deck_revision", "slide_note",
                             "faq_entry", "feed_source", "feed_item" };

    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        g_autofree char *sql = g_strdup_printf (
          "SELECT count(*) FROM pragma_table_info('%s') WHERE name IN ('id', 'uuid', 'created_at', 'updated_at')",
          tables[i]);
        g_assert_cmpint (mdg_test_count (db, sql), ==, 4);
      }
  }

  /* Reference data seeded from the project's own copy. */
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM category"), ==, count_data_lines ("categories.tsv"));
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM referral"), ==, count_data_lines ("referrals.tsv"));
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM category c JOIN category p ON c.parent_id = p.id"
                                       " WHERE c.key = 'M1-01' AND p.key = 'M1'"), ==, 1);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM category WHERE length(uuid) = 36"), ==,
                   count_data_lines ("categories.tsv"));

  mdg_test_rm_rf (dir);
}

static void
test_database_reopen_keeps_data_and_edits (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autofree char *path = g_strdup (mdg_database_get_path (db));
  g_autoptr(MdgSeminar) seminar = sample_seminar ("再オープン");
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;

  mdg_seminar_store_save (db, seminar, &error);
  g_assert_no_error (error);
  /* Seeded categories stay editable, and an edit survives reopening. */
  mdg_test_exec (db, "UPDATE category SET name_en = 'Ransomware attacks' WHERE key = 'T-RANSOM'");
  g_clear_object (&db);

  db = mdg_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar WHERE title = '再オープン'"), ==, 1);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM category WHERE name_en = 'Ransomware attacks'"), ==, 1);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM category WHERE key = 'T-RANSOM'"), ==, 1);
  g_assert_false (mdg_database_is_empty (db));

  /* updated_at follows changes made by any statement. */
  mdg_test_exec (db, "UPDATE seminar SET updated_at = '2000-01-01T00:00:00Z'");
  mdg_test_exec (db, "UPDATE seminar SET venue = '会場'");
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar WHERE updated_at > '2020'"), ==, 1);

  mdg_test_rm_rf (dir);
}

static void
test_database_upgrade_from_version_0 (void)
{
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v0.db", NULL);
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;

  /* A database at user_version 0 that already holds something of the user's. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('メモ')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = mdg_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_database_get_schema_version (db), ==, MDG_SCHEMA_VERSION);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM notes"), ==, 1);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar"), ==, 0);

  mdg_test_rm_rf (dir);
}

static void
test_database_upgrade_from_version_1_fixture (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "schema-1.db", NULL);
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "schema-1.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gsize length;

  /* The fixture was written by the first migration (madoguchi-cli demo) and is never regenerated. */
  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  db = mdg_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_database_get_schema_version (db), ==, MDG_SCHEMA_VERSION);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar"), ==, 12);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM person"), ==, 160);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM registration"), ==, 300);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM search_index WHERE search_index MATCH '\"たかはし\"'"), >, 0);
  g_assert_true (mdg_database_check (db, &problems, &error));
  g_assert_no_error (error);

  /* Version 2 added to what version 1 held, and lost none of it. */
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM pragma_table_info('person') WHERE name = 'department'"), ==, 1);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM import_mapping"), ==, 0);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM person WHERE department IS NULL"), ==, 160);

  mdg_test_rm_rf (dir);
}

static void
test_database_refuses_newer_schema (void)
{
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "future.db", NULL);
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = mdg_database_open (path, &error);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_TOO_NEW);
  g_assert_null (db);
  g_assert_nonnull (strstr (error->message, "future.db"));

  mdg_test_rm_rf (dir);
}

static void
test_database_refuses_garbage (void)
{
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "garbage.db", NULL);
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  char garbage[4096];

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) (i * 7 + 3);
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));

  db = mdg_database_open (path, &error);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_CORRUPT);
  g_assert_null (db);

  mdg_test_rm_rf (dir);
}

static void
test_database_foreign_keys_refuse_orphans (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(MdgProgramItem) item = mdg_program_item_new (MDG_PROGRAM_KIND_BREAK, 10);
  g_autoptr(GError) error = NULL;

  /* A program item for a seminar that does not exist. */
  g_assert_false (mdg_program_store_save (db, 4242, item, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_false (_mdg_sql_exec (_mdg_database_get_handle (db),
                                 "INSERT INTO person (family_name, organization_id) VALUES ('孤児', 999)",
                                 &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_CONSTRAINT);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM person"), ==, 0);

  mdg_test_rm_rf (dir);
}

static void
test_database_backup_and_restore (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(MdgDatabase) copy = NULL;
  g_autoptr(MdgSeminar) seminar = sample_seminar ("バックアップ対象");
  g_autofree char *backup = g_build_filename (dir, "backups", "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  struct stat st;

  mdg_seminar_store_save (db, seminar, &error);
  g_assert_no_error (error);

  mdg_database_backup (db, backup, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The copy is a database of its own. */
  copy = mdg_database_open (backup, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_count (copy, "SELECT count(*) FROM seminar WHERE title = 'バックアップ対象'"), ==, 1);
  g_clear_object (&copy);

  /* Lose the seminar, then restore it from the backup. */
  mdg_seminar_store_delete (db, mdg_seminar_get_id (seminar), &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar"), ==, 0);

  mdg_database_restore (db, backup, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar WHERE title = 'バックアップ対象'"), ==, 1);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM search_index WHERE search_index MATCH '\"バックアップ\"'"), ==, 0);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM search_index WHERE search_index MATCH '\"ばっくあっぷ\"'"), ==, 1);

  /* A backup never overwrites its own database, and garbage is not restored. */
  g_assert_false (mdg_database_backup (db, mdg_database_get_path (db), &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);

  {
    g_autofree char *junk = g_build_filename (dir, "junk.db", NULL);

    g_assert_true (g_file_set_contents (junk, "not a database at all, just text", -1, NULL));
    g_assert_false (mdg_database_restore (db, junk, NULL, &error));
    g_assert_nonnull (error);
    g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar"), ==, 1);
  }

  mdg_test_rm_rf (dir);
}

static void
test_database_check (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mdg_database_check (db, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* An orphan smuggled in with foreign keys off is reported. */
  mdg_test_exec (db, "PRAGMA foreign_keys = OFF");
  mdg_test_exec (db, "INSERT INTO program_item (seminar_id, position, kind, minutes) VALUES (77, 1, 'qa', 10)");
  mdg_test_exec (db, "PRAGMA foreign_keys = ON");

  g_assert_false (mdg_database_check (db, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "program_item"));

  mdg_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/database/create", test_database_create);
  g_test_add_func ("/database/reopen", test_database_reopen_keeps_data_and_edits);
  g_test_add_func ("/database/upgrade/from-0", test_database_upgrade_from_version_0);
  g_test_add_func ("/database/upgrade/from-1-fixture", test_database_upgrade_from_version_1_fixture);
  g_test_add_func ("/database/refuses/newer", test_database_refuses_newer_schema);
  g_test_add_func ("/database/refuses/garbage", test_database_refuses_garbage);
  g_test_add_func ("/database/foreign-keys", test_database_foreign_keys_refuse_orphans);
  g_test_add_func ("/database/backup-restore", test_database_backup_and_restore);
  g_test_add_func ("/database/check", test_database_check);

  return g_test_run ();
}
