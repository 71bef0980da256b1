/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A 100 000-row CP932 registration CSV imported into a new seminar of the large
 * sample database (build-aux/benchmark makes it), beside its floors: iconv decoding
 * the file alone, and a minimal C program inserting the same rows into the same
 * schema — the same indexes, triggers and search index — with raw SQLite statements
 * prepared once, in one transaction. The figure that matters for the door is how
 * long the import holds the write lock: it is compared with that floor.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "mdg-attendee-import.h"
#include "mdg-database-private.h"
#include "mdg-kana.h"
#include "mdg-seminar-store.h"

/* 100 000 rows; --smoke runs the same code on a few for the test suite. */
static guint ROWS = 100000;

static const char *families[] = { "髙橋", "佐藤", "鈴木", "山﨑", "長谷川", "渡辺" };
static const char *readings[] = { "タカハシ", "サトウ", "スズキ", "ヤマザキ", "ハセガワ", "ワタナベ" };

typedef struct
{
  double matched_at;   /* the plan is done: the write transaction begins */
} Clock;

static void
progress (MdgImportStage stage,
          guint          done,
          guint          total,
          gpointer       user_data)
{
  Clock *clock = user_data;

  if (stage == MDG_IMPORT_STAGE_MATCHING && done == total)
    clock->matched_at = bench_now_ms ();
}

static gint64
new_seminar (MdgDatabase *db)
{
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GDateTime) starts = g_date_time_new_now_local ();
  g_autoptr(GDateTime) ends = g_date_time_add_hours (starts, 3);
  g_autoptr(GError) error = NULL;

  g_object_set (seminar, "title", "大量取込", "starts-at", starts, "ends-at", ends, NULL);
  if (!mdg_seminar_store_save (db, seminar, &error))
    g_error ("%s", error->message);
  return mdg_seminar_get_id (seminar);
}

static char *
copy_of (const char *source,
         const char *suffix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgDatabase) original = mdg_database_open (source, &error);
  char *copy = g_strconcat (source, suffix, NULL);

  if (original == NULL || !mdg_database_backup (original, copy, &error))
    g_error ("%s", error->message);
  return copy;
}

static void
fold_function (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, mdg_kana_fold (text, -1), -1, g_free);
}

static void
check (sqlite3 *db,
       int      rc,
       int      expected)
{
  if (rc != expected)
    g_error ("floor: %s", sqlite3_errmsg (db));
}

/* Opens a copy of the sample as a bare SQLite program would, with Madoguchi's pragmas and fold. */
static sqlite3 *
open_floor (const char *path)
{
  sqlite3 *db;

  check (NULL, sqlite3_open (path, &db), SQLITE_OK);
  /* The search index's triggers fold text with the same function Madoguchi registers. */
  sqlite3_create_function (db, "mdg_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fold_function, NULL, NULL);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32000;"
                    "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON", NULL, NULL, NULL);
  return db;
}

/* Row @i's values, as the CSV has them. */
typedef struct
{
  char given[32], organization[64], email[64], phone[32], number[16];
} FloorRow;

static void
floor_row (guint     i,
           FloorRow *row)
{
  g_snprintf (row->given, sizeof row->given, "太郎%u", i);
  g_snprintf (row->organization, sizeof row->organization, "株式会社①商事 第%u営業所", i % 500);
  g_snprintf (row->email, sizeof row->email, "bulk%u@import.example.jp", i);
  g_snprintf (row->phone, sizeof row->phone, "042-%03u-%04u", i % 1000, i % 10000);
  g_snprintf (row->number, sizeof row->number, "W%06u", i);
}

/* The organization's id, inserted the first time it is named; the rest from memory. */
static gint64
floor_organization (sqlite3      *db,
                    sqlite3_stmt *insert,
                    GHashTable   *known,
                    const char   *name)
{
  gpointer id;

  if (!g_hash_table_lookup_extended (known, name, NULL, &id))
    {
      sqlite3_bind_text (insert, 1, name, -1, SQLITE_STATIC);
      check (db, sqlite3_step (insert), SQLITE_ROW);
      id = GSIZE_TO_POINTER (sqlite3_column_int64 (insert, 0));
      sqlite3_reset (insert);
      g_hash_table_insert (known, g_strdup (name), id);
    }
  return GPOINTER_TO_SIZE (id);
}

/*
 * The floor: the same rows straight into the same tables, everything prepared once,
 * organizations looked up in memory, no check, no duplicate search, no plan.
 */
static double
floor_ms (const char *path,
          gint64      seminar_id)
{
  sqlite3 *db;
  sqlite3_stmt *org, *person, *registration;
  g_autoptr(GHashTable) orgs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  double start;

  db = open_floor (path);
  check (db, sqlite3_prepare_v2 (db, "INSERT INTO organization (name) VALUES (?) RETURNING id", -1, &org, NULL),
         SQLITE_OK);
  check (db, sqlite3_prepare_v2 (db, "INSERT INTO person (family_name, given_name, family_kana, given_kana, email,"
                                     " phone, organization_id) VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &person, NULL),
         SQLITE_OK);
  check (db, sqlite3_prepare_v2 (db, "INSERT INTO registration (seminar_id, person_id, number, status, source,"
                                     " applied_at) VALUES (?, ?, ?, 'registered', 'csv',"
                                     " strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", -1, &registration, NULL),
         SQLITE_OK);

  start = bench_now_ms ();
  check (db, sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  for (guint i = 0; i < ROWS; i++)
    {
      FloorRow row;

      floor_row (i, &row);
      sqlite3_bind_text (person, 1, families[i % 6], -1, SQLITE_STATIC);
      sqlite3_bind_text (person, 2, row.given, -1, SQLITE_STATIC);
      sqlite3_bind_text (person, 3, readings[i % 6], -1, SQLITE_STATIC);
      sqlite3_bind_text (person, 4, "タロウ", -1, SQLITE_STATIC);
      sqlite3_bind_text (person, 5, row.email, -1, SQLITE_STATIC);
      sqlite3_bind_text (person, 6, row.phone, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (person, 7, floor_organization (db, org, orgs, row.organization));
      check (db, sqlite3_step (person), SQLITE_DONE);
      sqlite3_reset (person);
      sqlite3_bind_int64 (registration, 1, seminar_id);
      sqlite3_bind_int64 (registration, 2, sqlite3_last_insert_rowid (db));
      sqlite3_bind_text (registration, 3, row.number, -1, SQLITE_STATIC);
      check (db, sqlite3_step (registration), SQLITE_DONE);
      sqlite3_reset (registration);
    }
  check (db, sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
  start = bench_now_ms () - start;

  sqlite3_finalize (org);
  sqlite3_finalize (person);
  sqlite3_finalize (registration);
  sqlite3_close (db);
  return start;
}

/* Builds "head VALUES (?, …), …" for @rows rows of @columns values. */
static sqlite3_stmt *
prepare_rows (sqlite3    *db,
              const char *head,
              guint       columns,
              guint       rows)
{
  g_autoptr(GString) sql = g_string_new (head);
  sqlite3_stmt *stmt = NULL;

  g_string_append (sql, " VALUES ");
  for (guint r = 0; r < rows; r++)
    {
      g_string_append (sql, r ? ", (" : "(");
      for (guint c = 0; c < columns; c++)
        g_string_append (sql, c ? ", ?" : "?");
      g_string_append_c (sql, ')');
    }
  check (db, sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), SQLITE_OK);
  return stmt;
}

/*
 * The best SQLite does with this schema: the same rows, 64 to a statement (the search
 * index writes out what it holds at each statement's end), ids given in order.
 */
static double
batched_floor_ms (const char *path,
                  gint64      seminar_id)
{
  sqlite3 *db;
  sqlite3_stmt *org, *people, *registrations, *max;
  g_autoptr(GHashTable) orgs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 first_id;
  double start;

  db = open_floor (path);
  check (db, sqlite3_prepare_v2 (db, "INSERT INTO organization (name) VALUES (?) RETURNING id", -1, &org, NULL),
         SQLITE_OK);
  people = prepare_rows (db, "INSERT INTO person (id, family_name, given_name, family_kana, given_kana, email, phone,"
                             " organization_id)", 8, 64);
  registrations = prepare_rows (db, "INSERT INTO registration (seminar_id, person_id, number, status, source,"
                                    " applied_at)", 6, 64);

  start = bench_now_ms ();
  check (db, sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  check (db, sqlite3_prepare_v2 (db, "SELECT coalesce(max(id), 0) + 1 FROM person", -1, &max, NULL), SQLITE_OK);
  check (db, sqlite3_step (max), SQLITE_ROW);
  first_id = sqlite3_column_int64 (max, 0);
  sqlite3_finalize (max);
  for (guint start_row = 0; start_row < ROWS; start_row += 64)
    {
      guint n = MIN (64, ROWS - start_row);

      /* The last statement holds what is left. */
      if (n < 64)
        {
          sqlite3_finalize (people);
          sqlite3_finalize (registrations);
          people = prepare_rows (db, "INSERT INTO person (id, family_name, given_name, family_kana, given_kana, email,"
                                     " phone, organization_id)", 8, n);
          registrations = prepare_rows (db, "INSERT INTO registration (seminar_id, person_id, number, status, source,"
                                            " applied_at)", 6, n);
        }
      for (guint k = 0; k < n; k++)
        {
          guint i = start_row + k;
          FloorRow row;

          floor_row (i, &row);
          sqlite3_bind_int64 (people, k * 8 + 1, first_id + i);
          sqlite3_bind_text (people, k * 8 + 2, families[i % 6], -1, SQLITE_STATIC);
          sqlite3_bind_text (people, k * 8 + 3, row.given, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (people, k * 8 + 4, readings[i % 6], -1, SQLITE_STATIC);
          sqlite3_bind_text (people, k * 8 + 5, "タロウ", -1, SQLITE_STATIC);
          sqlite3_bind_text (people, k * 8 + 6, row.email, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (people, k * 8 + 7, row.phone, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (people, k * 8 + 8, floor_organization (db, org, orgs, row.organization));
          sqlite3_bind_int64 (registrations, k * 6 + 1, seminar_id);
          sqlite3_bind_int64 (registrations, k * 6 + 2, first_id + i);
          sqlite3_bind_text (registrations, k * 6 + 3, row.number, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (registrations, k * 6 + 4, "registered", -1, SQLITE_STATIC);
          sqlite3_bind_text (registrations, k * 6 + 5, "csv", -1, SQLITE_STATIC);
          sqlite3_bind_text (registrations, k * 6 + 6, "2026-11-02T00:15:00.000Z", -1, SQLITE_STATIC);
        }
      check (db, sqlite3_step (people), SQLITE_DONE);
      sqlite3_reset (people);
      check (db, sqlite3_step (registrations), SQLITE_DONE);
      sqlite3_reset (registrations);
    }
  check (db, sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
  start = bench_now_ms () - start;

  sqlite3_finalize (org);
  sqlite3_finalize (people);
  sqlite3_finalize (registrations);
  sqlite3_close (db);
  return start;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GString) csv = g_string_new ("受付番号,氏名,フリガナ,会社名,メールアドレス,電話番号\r\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = NULL;
  g_autofree char *ours_path = NULL;
  g_autofree char *floor_path = NULL;
  g_autofree char *batched_path = NULL;
  MdgImportResult result;
  Clock clock = { 0 };
  gint64 ours_seminar, floor_seminar, batched_seminar;
  double start, decode_ms, read_ms, total_ms, write_ms, floor, batched;
  char *sjis;
  gsize length;

  const char *sample;
  gboolean smoke;

  setlocale (LC_ALL, "");
  sample = bench_args (&argc, &argv, "[--smoke] DATABASE (the sample, made by bench-core)", &smoke);
  if (smoke)
    ROWS = 200;

  /* Copies of the sample, so that every run starts from the same database. */
  ours_path = copy_of (sample, ".import");
  floor_path = copy_of (sample, ".floor");
  batched_path = copy_of (sample, ".batched");
  {
    g_autoptr(MdgDatabase) ours = mdg_database_open (ours_path, &error);
    g_autoptr(MdgDatabase) other = mdg_database_open (floor_path, &error);
    g_autoptr(MdgDatabase) third = mdg_database_open (batched_path, &error);

    g_assert_no_error (error);
    ours_seminar = new_seminar (ours);
    floor_seminar = new_seminar (other);
    batched_seminar = new_seminar (third);
  }

  for (guint i = 0; i < ROWS; i++)
    g_string_append_printf (csv, "W%06u,%s 太郎%u,%s タロウ,株式会社①商事 第%u営業所,bulk%u@import.example.jp,042-%03u-%04u\r\n",
                            i, families[i % 6], i, readings[i % 6], i % 500, i, i % 1000, i % 10000);
  sjis = g_convert (csv->str, csv->len, "CP932", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (sjis, length);

  start = bench_now_ms ();
  g_free (g_convert (sjis, length, "UTF-8", "CP932", NULL, NULL, NULL));
  decode_ms = bench_now_ms () - start;

  {
    g_autoptr(MdgDatabase) db = mdg_database_open (ours_path, &error);

    g_assert_no_error (error);
    start = bench_now_ms ();
    import = mdg_attendee_import_new ("bulk.csv", bytes, MDG_CSV_ENCODING_AUTO, &error);
    g_assert_no_error (error);
    read_ms = bench_now_ms () - start;
    mdg_attendee_import_set_progress_func (import, progress, &clock);
    if (!mdg_attendee_import_commit (import, db, ours_seminar, FALSE, &result, NULL, &error))
      g_error ("%s", error->message);
    total_ms = bench_now_ms () - start;
    write_ms = bench_now_ms () - clock.matched_at;
    g_assert_cmpuint (result.imported, ==, ROWS);
  }
  floor = floor_ms (floor_path, floor_seminar);
  batched = batched_floor_ms (batched_path, batched_seminar);

  printf ("import a %u-row CP932 CSV (%.1f MB), into the sample:\n", ROWS, length / 1e6);
  bench_once ("  decode, parse, map the columns", read_ms);
  bench_once ("  floor: iconv decoding the file alone", decode_ms);
  bench_once ("  check, match with the database (no lock held)", clock.matched_at - start - read_ms);
  bench_once ("  write, one transaction (the write lock held)", write_ms);
  bench_once ("  floor: raw SQLite inserting the same rows, same schema", floor);
  printf ("  %-56s %8.2f×\n", "write lock held / floor (must be at most 3×)", write_ms / floor);
  bench_once ("  floor: raw SQLite, the same rows 64 to a statement", batched);
  printf ("  %-56s %8.2f×\n", "write lock held / batched floor", write_ms / batched);
  bench_once ("  the whole import", total_ms);

  {
    const char *paths[] = { ours_path, floor_path, batched_path };

    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autofree char *wal = g_strconcat (paths[i], "-wal", NULL);
        g_autofree char *shm = g_strconcat (paths[i], "-shm", NULL);

        g_remove (paths[i]);
        g_remove (wal);
        g_remove (shm);
      }
  }
  return 0;
}
