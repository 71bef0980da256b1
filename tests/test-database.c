/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "mdg-backup.h"
#include "mdg-database-private.h"
#include "mdg-desk.h"
#include "mdg-error.h"
#include "mdg-person-store.h"
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

static char *
read_bytes (const char *path,
            gsize      *length)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

/* A copy of the schema-1 fixture in @dir. The fixture was written by the first
 * migration (madoguchi-cli demo) and is never regenerated. */
static char *
copy_schema_1 (const char *dir)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "schema-1.db", NULL);
  g_autofree char *contents = NULL;
  char *path = g_build_filename (dir, "schema-1.db", NULL);
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
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
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *path = copy_schema_1 (dir);
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

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

static void
test_database_desk_contact (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(MdgDeskContact) empty = NULL;
  g_autoptr(MdgDeskContact) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MdgDeskContact contact = {
    .name = (char *) "多摩中小企業サイバー相談窓口",
    .address = (char *) "東京都立川市曙町2-34-7",
    .phone = (char *) "042-000-0000",
    .email = (char *) "desk@example.jp",
    .url = NULL,
    .hours = (char *) " 平日 9:00–17:00 ",
  };

  /* A new database has no contact, and documents leave the block out. */
  empty = mdg_desk_contact_load (db, &error);
  g_assert_no_error (error);
  g_assert_false (mdg_desk_contact_is_set (empty));
  g_clear_pointer (&text, g_free);
  text = mdg_desk_contact_format (empty);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  g_assert_true (mdg_desk_contact_save (db, &contact, &error));
  g_assert_no_error (error);
  loaded = mdg_desk_contact_load (db, &error);
  g_assert_no_error (error);
  g_assert_true (mdg_desk_contact_is_set (loaded));
  g_assert_cmpstr (loaded->name, ==, "多摩中小企業サイバー相談窓口");
  g_assert_cmpstr (loaded->hours, ==, "平日 9:00–17:00");
  g_assert_null (loaded->url);

  text = mdg_desk_contact_format (loaded);
  g_assert_cmpstr (text, ==,
                   "多摩中小企業サイバー相談窓口\n東京都立川市曙町2-34-7\n"
                   "Phone 042-000-0000　E-mail desk@example.jp\nHours: 平日 9:00–17:00");

  /* Clearing a member removes it; the others stay. */
  contact.phone = (char *) "";
  g_assert_true (mdg_desk_contact_save (db, &contact, &error));
  g_clear_pointer (&loaded, mdg_desk_contact_free);
  loaded = mdg_desk_contact_load (db, &error);
  g_assert_null (loaded->phone);
  g_assert_cmpstr (loaded->email, ==, "desk@example.jp");
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM setting"), ==, 4);

  mdg_test_rm_rf (dir);
}

/* A newer Madoguchi's database in rollback-journal mode: refused, and not one byte changed. */
static void
test_database_refused_stays_identical (void)
{
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "future.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gsize before_len, after_len;

  mdg_test_write_raw (path, "PRAGMA journal_mode = DELETE; CREATE TABLE seminar (title TEXT);"
                   " INSERT INTO seminar VALUES ('未来の研修'); PRAGMA user_version = 99");
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  before = read_bytes (path, &before_len);

  db = mdg_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "left as it was"));

  after = read_bytes (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
  /* Still in rollback-journal mode (header bytes 18 and 19), and nothing beside it. */
  g_assert_cmpint (after[18], ==, 1);
  g_assert_cmpint (after[19], ==, 1);
  g_assert_cmpint (mdg_test_mode (path), ==, 0644);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *side = g_strconcat (path, (const char *[]) { "-wal", "-shm", "-journal" }[i], NULL);
      g_assert_false (g_file_test (side, G_FILE_TEST_EXISTS));
    }

  mdg_test_rm_rf (dir);
}

/* An older 0644 file in Madoguchi's own 0755 folder: tightened to 0600 and 0700 at start. */
static void
test_database_tightens_modes (void)
{
  g_autofree char *own = g_build_filename (g_get_user_data_dir (), "madoguchi", NULL);
  g_autofree char *path = g_build_filename (own, "madoguchi.db", NULL);
  g_autofree char *other = mdg_test_make_tmpdir ();
  g_autofree char *chosen = g_build_filename (other, "chosen.db", NULL);
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDatabase) db2 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (own, 0755), ==, 0);
  g_assert_cmpint (g_chmod (own, 0755), ==, 0);
  mdg_test_write_raw (path, "CREATE TABLE notes (text TEXT)");
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  db = mdg_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_mode (own), ==, 0700);
  g_assert_cmpint (mdg_test_mode (path), ==, 0600);
  mdg_test_add_seminar (db, "書き込み");
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_assert_cmpint (mdg_test_mode (wal), ==, 0600);
    g_assert_cmpint (mdg_test_mode (shm), ==, 0600);
  }

  /* A folder the user chose keeps its mode; the file is still made private. */
  g_assert_cmpint (g_chmod (other, 0755), ==, 0);
  mdg_test_write_raw (chosen, "CREATE TABLE notes (text TEXT)");
  g_assert_cmpint (g_chmod (chosen, 0644), ==, 0);
  db2 = mdg_database_open (chosen, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_mode (other), ==, 0755);
  g_assert_cmpint (mdg_test_mode (chosen), ==, 0600);

  g_clear_object (&db);
  g_clear_object (&db2);
  mdg_test_rm_rf (own);
  mdg_test_rm_rf (other);
}

/* Damaged pages are named wherever they are met, and never backed up as if good. */
static void
test_database_damaged (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autofree char *path = g_strdup (mdg_database_get_path (db));
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  guint page;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("破損テスト研修 %u", i);
      mdg_test_add_seminar (db, title);
    }
  g_assert_true (mdg_database_backup (db, good, &error));
  page = mdg_test_root_page (db, "seminar");
  g_clear_object (&db);

  mdg_test_damage_pages (path, page, 1);
  db = mdg_database_open (path, &error);
  g_assert_no_error (error);

  g_assert_false (mdg_database_verify (db, NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_nonnull (strstr (error->message, "madoguchi-cli restore"));
  g_assert_null (strstr (error->message, "malformed"));
  g_clear_error (&error);

  /* Met while reading: the same message, never SQLite's. */
  seminars = mdg_seminar_store_list (db, now, &error);
  g_assert_null (seminars);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_null (strstr (error->message, "malformed"));
  g_clear_error (&error);

  /* A backup would copy the damage as if good: refused, and nothing written. */
  g_assert_false (mdg_database_backup (db, copy, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_CORRUPT);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_false (mdg_database_backup_daily (db, now, NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_CORRUPT);
  g_clear_error (&error);

  /* A damaged backup is not restored; a good one is, and the damaged file is kept. */
  g_assert_false (mdg_database_restore (db, path, NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (mdg_database_restore (db, good, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (kept, "-before-restore.db"));
  g_assert_cmpint (mdg_test_mode (kept), ==, 0600);
  g_assert_true (mdg_database_verify (db, NULL, &error));
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar"), ==, 40);

  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

/* A file too damaged to open at all is moved aside and the backup put in its place. */
static void
test_database_restore_unopenable (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autofree char *path = g_strdup (mdg_database_get_path (db));
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  mdg_test_add_seminar (db, "復元対象");
  g_assert_true (mdg_database_backup (db, good, &error));
  g_clear_object (&db);
  mdg_test_damage_pages (path, 1, 1);

  db = mdg_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);

  g_assert_true (mdg_database_restore_file (path, good, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (kept, "-damaged.db"));
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (mdg_test_mode (path), ==, 0600);

  db = mdg_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar WHERE title = '復元対象'"), ==, 1);

  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

/* A backup of a newer Madoguchi is not restored, and the database stays as it was. */
static void
test_database_restore_refuses_newer (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autofree char *future = g_build_filename (dir, "future.db", NULL);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  mdg_test_add_seminar (db, "今の研修");
  mdg_test_write_raw (future, "CREATE TABLE seminar (title TEXT); PRAGMA user_version = 99");

  g_assert_false (mdg_database_restore (db, future, NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_TOO_NEW);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar WHERE title = '今の研修'"), ==, 1);
  /* Refused before anything was done: not even the copy of the current file. */
  backups = mdg_backup_list (mdg_database_get_path (db), &error);
  g_assert_cmpuint (backups->len, ==, 0);

  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

/* The first start of each day backs up; the last 14 are kept, private. */
static void
test_database_daily_backups (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autofree char *folder = mdg_backup_get_folder (mdg_database_get_path (db));
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  char *written = NULL;

  mdg_test_add_seminar (db, "毎日の研修");
  for (guint day = 1; day <= 20; day++)
    {
      g_autoptr(GDateTime) morning = g_date_time_new_local (2026, 11, day, 9, 0, 0);
      g_autoptr(GDateTime) evening = g_date_time_new_local (2026, 11, day, 18, 30, 0);

      g_assert_true (mdg_database_backup_daily (db, morning, &written, &error));
      g_assert_no_error (error);
      g_assert_nonnull (written);
      g_assert_cmpint (mdg_test_mode (written), ==, 0600);
      g_clear_pointer (&written, g_free);

      /* The second start of the day finds the morning's backup. */
      g_assert_true (mdg_database_backup_daily (db, evening, &written, &error));
      g_assert_null (written);
    }

  /* The clock or the time zone goes back a day: the starts that follow write nothing
   * more, rather than a backup each that would push the real days out. */
  for (guint start = 0; start < 3; start++)
    {
      g_autoptr(GDateTime) earlier = g_date_time_new_local (2026, 11, 19, 23, 0, 0);

      g_assert_true (mdg_database_backup_daily (db, earlier, &written, &error));
      g_assert_no_error (error);
      g_assert_null (written);
    }

  g_assert_cmpint (mdg_test_mode (folder), ==, 0700);
  backups = mdg_backup_list (mdg_database_get_path (db), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, MDG_BACKUP_KEEP);
  {
    MdgBackup *newest = g_ptr_array_index (backups, 0);
    MdgBackup *oldest = g_ptr_array_index (backups, MDG_BACKUP_KEEP - 1);
    g_autoptr(MdgDatabase) copy = NULL;

    g_assert_cmpint (g_date_time_get_day_of_month (newest->created_at), ==, 20);
    g_assert_cmpint (g_date_time_get_day_of_month (oldest->created_at), ==, 7);
    g_assert_null (newest->reason);
    g_assert_cmpint (newest->size, >, 0);
    copy = mdg_database_open (newest->path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (mdg_test_count (copy, "SELECT count(*) FROM seminar WHERE title = '毎日の研修'"), ==, 1);
  }

  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

/* Deleting a person removes them from the automatic backups too. */
static void
test_database_backups_forget_deleted_person (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(MdgPerson) gone = mdg_person_new ();
  g_autoptr(MdgPerson) stays = mdg_person_new ();
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  mdg_person_set_text (gone, MDG_PERSON_FAMILY_NAME, "忘却対象");
  mdg_person_set_text (gone, MDG_PERSON_EMAIL, "forget.me@backup-test.example.jp");
  mdg_person_set_text (stays, MDG_PERSON_FAMILY_NAME, "残留者");
  mdg_person_set_text (stays, MDG_PERSON_EMAIL, "stays@backup-test.example.jp");
  g_assert_true (mdg_person_store_save (db, gone, &error));
  g_assert_true (mdg_person_store_save (db, stays, &error));

  /* Two days of backups that hold both people. */
  for (guint day = 1; day <= 2; day++)
    {
      g_autoptr(GDateTime) morning = g_date_time_new_local (2026, 11, day, 9, 0, 0);
      g_assert_true (mdg_database_backup_daily (db, morning, NULL, &error));
    }
  backups = mdg_backup_list (mdg_database_get_path (db), &error);
  g_assert_cmpuint (backups->len, ==, 2);
  for (guint i = 0; i < backups->len; i++)
    g_assert_true (mdg_test_file_holds (((MdgBackup *) g_ptr_array_index (backups, i))->path,
                                        "forget.me@backup-test.example.jp"));

  g_assert_true (mdg_person_store_delete (db, mdg_person_get_id (gone), &error));
  g_assert_no_error (error);

  /* Every backup forgot the person, not a byte of them left; each is still sound. */
  for (guint i = 0; i < backups->len; i++)
    {
      const char *path = ((MdgBackup *) g_ptr_array_index (backups, i))->path;
      g_autoptr(MdgDatabase) copy = NULL;

      g_assert_false (mdg_test_file_holds (path, "forget.me@backup-test.example.jp"));
      g_assert_false (mdg_test_file_holds (path, "忘却対象"));
      g_assert_true (mdg_test_file_holds (path, "stays@backup-test.example.jp"));
      g_assert_cmpint (mdg_test_mode (path), ==, 0600);
      copy = mdg_database_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (mdg_database_verify (copy, NULL, &error));
      g_assert_cmpint (mdg_test_count (copy, "SELECT count(*) FROM person"), ==, 1);
      g_clear_object (&copy);
    }

  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

/* Before every migration, a backup of the database as it was. */
static void
test_database_backup_before_upgrade (void)
{
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *path = copy_schema_1 (dir);
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  db = mdg_database_open (path, &error);
  g_assert_no_error (error);
  backups = mdg_backup_list (path, &error);
  g_assert_cmpuint (backups->len, ==, 1);
  {
    MdgBackup *backup = g_ptr_array_index (backups, 0);
    sqlite3 *raw = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpstr (backup->reason, ==, "before-upgrade");
    g_assert_cmpint (mdg_test_mode (backup->path), ==, 0600);
    g_assert_cmpint (sqlite3_open_v2 (backup->path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (raw, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
    sqlite3_close (raw);
  }

  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

/* The one error helper: SQLite's codes become messages that say what to do. */
static void
test_database_error_messages (void)
{
  static const struct { int code; int domain_code; const char *words; } cases[] = {
    { SQLITE_CONSTRAINT_UNIQUE, MDG_ERROR_CONSTRAINT, "already recorded" },
    { SQLITE_CONSTRAINT_NOTNULL, MDG_ERROR_CONSTRAINT, "missing" },
    { SQLITE_BUSY, MDG_ERROR_BUSY, "Try again" },
    { SQLITE_READONLY, MDG_ERROR_READ_ONLY, "opened read-only: changes cannot be saved" },
    { SQLITE_CORRUPT, MDG_ERROR_CORRUPT, "damaged" },
    { SQLITE_NOTADB, MDG_ERROR_CORRUPT, "damaged" },
    { SQLITE_FULL, MDG_ERROR_FAILED, "disk" },
    { SQLITE_IOERR_WRITE, MDG_ERROR_FAILED, "disk" },
    /* Not the disk's fault: the file changed underneath; the file is named, and what to do. */
    { SQLITE_IOERR_SHORT_READ, MDG_ERROR_FAILED, "“/data/madoguchi.db” changed while Madoguchi had it open (error 522)" },
    { SQLITE_IOERR_SHORT_READ, MDG_ERROR_FAILED, "Close every Madoguchi window" },
    { SQLITE_IOERR_SHMMAP, MDG_ERROR_FAILED, "“-wal” and “-shm”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      _mdg_sql_set_error_code ("/data/madoguchi.db", cases[i].code, &error, "Could not save the seminar");
      g_assert_error (error, MDG_ERROR, cases[i].domain_code);
      g_assert_true (g_str_has_prefix (error->message, "Could not save the seminar"));
      g_assert_nonnull (strstr (error->message, cases[i].words));
      /* Never SQLite's own words. */
      g_assert_null (strstr (error->message, sqlite3_errstr (cases[i].code)));
      /* The disk is blamed only for what the disk did. */
      if ((cases[i].code & 0xff) == SQLITE_IOERR && cases[i].code != SQLITE_IOERR_WRITE)
        g_assert_null (strstr (error->message, "disk"));
    }
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
  g_test_add_func ("/database/desk-contact", test_database_desk_contact);
  g_test_add_func ("/database/refuses/newer-stays-identical", test_database_refused_stays_identical);
  g_test_add_func ("/database/modes-tightened", test_database_tightens_modes);
  g_test_add_func ("/database/damaged", test_database_damaged);
  g_test_add_func ("/database/restore/unopenable", test_database_restore_unopenable);
  g_test_add_func ("/database/restore/refuses-newer", test_database_restore_refuses_newer);
  g_test_add_func ("/database/backups/daily", test_database_daily_backups);
  g_test_add_func ("/database/backups/before-upgrade", test_database_backup_before_upgrade);
  g_test_add_func ("/database/backups/forget-deleted-person", test_database_backups_forget_deleted_person);
  g_test_add_func ("/database/error-messages", test_database_error_messages);

  return g_test_run ();
}
