/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Team sync at scale, against a real PostgreSQL 15 started here (as the tests do):
 * five laptops make 10 000 changes each (5 000 new people, then an edit of each)
 * offline, push them through one server, and each catches up on the other four's.
 * Beside each catch-up, the floor: the same rows moved by COPY out of the server and
 * written into a bare SQLite table in one transaction. Then a sync with nothing to do:
 * its time and its round trips. And what the change log costs the laptop's own writes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "mdg-database-private.h"
#include "mdg-sync-client-private.h"
#include "mdg-sync-settings.h"
#include "mdg-test-pg.h"
#include "mdg-test-util.h"

#define LAPTOPS 5

static guint people = 5000;

static const char *password = "Bench-desk-pw-5f0e";

typedef struct
{
  char          *path;
  MdgDatabase   *db;
  MdgSyncClient *client;
} Laptop;

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("%s", error ? error->message : "failed");
}

static double
make_changes (MdgDatabase *db,
              guint        laptop)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *handle = _mdg_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  double start = bench_now_ms ();

  check (mdg_database_begin (db, &error), error);
  sqlite3_prepare_v2 (handle,
                      "INSERT INTO person (family_name, given_name, family_kana, email, phone)"
                      " VALUES (?1, ?2 || '番', 'いっかつ', 'bench' || ?2 || '@example.jp', '03-0000-0000')",
                      -1, &stmt, NULL);
  for (guint i = 0; i < people; i++)
    {
      g_autofree char *family = g_strdup_printf ("端末%u", laptop);
      sqlite3_bind_text (stmt, 1, family, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, i);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("insert: %s", sqlite3_errmsg (handle));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  check (mdg_database_commit (db, &error), error);

  /* One edit of each: a second change to every record. */
  check (mdg_database_begin (db, &error), error);
  sqlite3_prepare_v2 (handle, "UPDATE person SET phone = printf ('06-%04d-%04d', ?1, id) WHERE id = ?2", -1, &stmt, NULL);
  for (guint i = 1; i <= people; i++)
    {
      sqlite3_bind_int (stmt, 1, laptop);
      sqlite3_bind_int (stmt, 2, i);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("update: %s", sqlite3_errmsg (handle));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  check (mdg_database_commit (db, &error), error);
  return bench_now_ms () - start;
}

/* The floor: the same records out of the server by COPY, into a bare table; then,
 * in @people_ms, also written as people into a fresh Madoguchi database (its search
 * index included), as an import would: what the data costs without any of sync's work. */
static double
copy_floor (MdgTestPg  *pg,
            const char *dbname,
            const char *dir,
            gint64      after_seq,
            guint      *rows,
            double     *people_ms)
{
  g_autofree char *path = g_build_filename (dir, "floor.db", NULL);
  g_autofree char *sql = g_strdup_printf ("COPY (SELECT kind, uuid, data, clock FROM madoguchi.record"
                                          " WHERE seq > %" G_GINT64_FORMAT ") TO STDOUT", after_seq);
  PGconn *conn = mdg_test_pg_connect_admin (pg, dbname);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  PGresult *result;
  double start, copied;
  char *line;
  int length;

  sqlite3_open (path, &db);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                    "CREATE TABLE IF NOT EXISTS record (kind TEXT, uuid TEXT PRIMARY KEY, data TEXT, clock TEXT);"
                    "DELETE FROM record", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO record VALUES (?, ?, ?, ?)", -1, &stmt, NULL);

  start = bench_now_ms ();
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COPY_OUT)
    g_error ("COPY: %s", PQerrorMessage (conn));
  PQclear (result);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  *rows = 0;
  while ((length = PQgetCopyData (conn, &line, 0)) > 0)
    {
      g_auto(GStrv) fields = g_strsplit (g_strchomp (line), "\t", 4);

      for (guint f = 0; f < 4 && fields[f]; f++)
        sqlite3_bind_text (stmt, f + 1, fields[f], -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
      (*rows)++;
      PQfreemem (line);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  result = PQgetResult (conn);
  PQclear (result);
  copied = bench_now_ms () - start;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  PQfinish (conn);

  {
    g_autofree char *people_path = g_strdup_printf ("%s/floor-people-%" G_GINT64_FORMAT ".db", dir, after_seq);
    char *quoted = sqlite3_mprintf ("%Q", path);
    g_autofree char *attach = g_strdup_printf ("ATTACH %s AS copied", quoted);
    g_autoptr(GError) error = NULL;
    g_autoptr(MdgDatabase) people = mdg_database_open (people_path, &error);
    sqlite3 *handle;

    sqlite3_free (quoted);
    check (people != NULL, error);
    handle = _mdg_database_get_handle (people);
    sqlite3_exec (handle, attach, NULL, NULL, NULL);
    start = bench_now_ms ();
    sqlite3_exec (handle,
                  "BEGIN;"
                  "INSERT INTO person (uuid, created_at, family_name, given_name, family_kana, email, phone)"
                  " SELECT uuid, json_extract (data, '$.created_at'), json_extract (data, '$.family_name'),"
                  " json_extract (data, '$.given_name'), json_extract (data, '$.family_kana'),"
                  " json_extract (data, '$.email'), json_extract (data, '$.phone') FROM copied.record;"
                  "COMMIT",
                  NULL, NULL, NULL);
    *people_ms = copied + bench_now_ms () - start;
  }
  return copied;
}

static double
sync_ms (Laptop *laptop)
{
  g_autoptr(GError) error = NULL;
  double start = bench_now_ms ();

  check (mdg_sync_client_sync (laptop->client, NULL, &error), error);
  return bench_now_ms () - start;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *user = NULL;
  g_autofree char *dbname = NULL;
  Laptop laptops[LAPTOPS];
  gint64 seq_before[LAPTOPS];
  g_autoptr(GArray) noop = g_array_new (FALSE, FALSE, sizeof (double));
  MdgSyncReport report;
  MdgTestPg *pg;
  double writes_with = 0;

  g_setenv ("TZ", "Asia/Tokyo", FALSE);
  /* [--smoke] [DATABASE]: like the other benchmarks (its databases are its own), and a
   * number of people instead of the database for runs by hand. */
  if (argc > 1 && g_str_equal (argv[1], "--smoke"))
    people = 20;
  else if (argc > 1 && g_ascii_isdigit (argv[1][0]))
    people = MAX (10, atoi (argv[1]));
  mdg_test_keyring_start ();
  pg = mdg_test_pg_start ();
  user = mdg_test_pg_create_user (pg, password);
  dbname = mdg_test_pg_create_database (pg);

  for (guint i = 0; i < LAPTOPS; i++)
    {
      g_autoptr(MdgSyncSettings) settings = mdg_sync_settings_new (mdg_test_pg_get_socket_dir (pg),
                                                                   mdg_test_pg_get_port (pg), dbname, user);
      g_autoptr(GError) error = NULL;

      laptops[i].path = g_strdup_printf ("%s/laptop%u.db", dir, i + 1);
      laptops[i].db = mdg_database_open (laptops[i].path, &error);
      check (laptops[i].db != NULL, error);
      check (mdg_sync_settings_save (laptops[i].db, settings, &error), error);
      check (mdg_sync_password_store (settings, password, NULL, &error), error);
      laptops[i].client = mdg_sync_client_new (laptops[i].path);
      sync_ms (&laptops[i]);
    }

  printf ("Team sync: %d laptops × %u changes (%u new people, then an edit of each), one PostgreSQL 15 server\n\n",
          LAPTOPS, 2 * people, people);

  /* The change log's cost to the laptop's own writes, beside a laptop without a server. */
  {
    g_autofree char *alone_path = g_build_filename (dir, "alone.db", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(MdgDatabase) alone = mdg_database_open (alone_path, &error);
    double without;

    check (alone != NULL, error);
    without = make_changes (alone, 0);
    for (guint i = 0; i < LAPTOPS; i++)
      writes_with += make_changes (laptops[i].db, i + 1);
    printf ("%-58s %8.0f ms   floor %6.0f ms (no team server: no change log)\n",
            "the changes on one laptop, with the change log", writes_with / LAPTOPS, without);
  }

  /* Back online one after the other: each pushes its own, and takes what came before. */
  for (guint i = 0; i < LAPTOPS; i++)
    {
      double ms = sync_ms (&laptops[i]);

      _mdg_sync_client_get_report (laptops[i].client, &report);
      {
        g_autofree char *what = g_strdup_printf ("laptop %u pushes %u records, takes %u", i + 1, report.pushed,
                                                 report.pulled);
        printf ("%-58s %8.0f ms   (%u round trips)\n", what, ms, report.round_trips);
      }
    }

  /* Then each catches up on what the later ones pushed. */
  for (guint i = 0; i < LAPTOPS; i++)
    {
      double ms, floor, people_floor;
      guint rows;

      _mdg_sync_client_get_report (laptops[i].client, &report);
      seq_before[i] = report.seq;
      ms = sync_ms (&laptops[i]);
      _mdg_sync_client_get_report (laptops[i].client, &report);
      floor = copy_floor (pg, dbname, dir, seq_before[i], &rows, &people_floor);
      {
        g_autofree char *what = g_strdup_printf ("laptop %u catches up on %u records", i + 1, report.pulled);
        printf ("%-58s %8.0f ms   floor %6.0f ms (COPY of the same %u rows into SQLite),"
                " %.0f ms (and into Madoguchi's person table)\n", what, ms, floor, rows, people_floor);
        if (rows != report.pulled)
          g_error ("laptop %u took %u records, the server changed %u", i + 1, report.pulled, rows);
      }
    }

  for (guint round = 0; round < 20; round++)
    {
      double ms = sync_ms (&laptops[round % LAPTOPS]);
      g_array_append_val (noop, ms);
    }
  _mdg_sync_client_get_report (laptops[0].client, &report);
  bench_report ("a sync with nothing to do", noop);
  printf ("%-58s %8u\n", "round trips of a sync with nothing to do", report.round_trips);

  {
    g_autofree char *first = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < LAPTOPS; i++)
      {
        g_autofree char *dump = _mdg_sync_engine_dump (laptops[i].db, &error);
        check (dump != NULL, error);
        if (first == NULL)
          first = g_steal_pointer (&dump);
        else if (strcmp (first, dump) != 0)
          g_error ("laptop %u differs from laptop 1 after the sync", i + 1);
      }
    printf ("\nAll %d laptops hold the same %u people.\n", LAPTOPS, LAPTOPS * people);
  }

  for (guint i = 0; i < LAPTOPS; i++)
    {
      g_clear_object (&laptops[i].client);
      g_clear_object (&laptops[i].db);
      g_free (laptops[i].path);
    }
  mdg_test_pg_stop (pg);
  mdg_test_keyring_stop ();
  mdg_test_rm_rf (dir);
  return 0;
}
