/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmarks of the core on a large database, printed as figures and compared with
 * the floor: what SQLite alone takes for the same rows. Not a test: run by
 * build-aux/benchmark, which records the machine.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "bench-util.h"
#include "mdg-database-private.h"
#include "mdg-demo.h"
#include "mdg-kana.h"
#include "mdg-search.h"
#include "mdg-seminar-store.h"

/* The floor: step through a statement and touch every column, nothing else. */
static double
raw_query_ms (MdgDatabase *db,
              const char  *sql,
              const char  *bind)
{
  sqlite3_stmt *stmt = NULL;
  double start = bench_now_ms ();

  sqlite3_prepare_v2 (_mdg_database_get_handle (db), sql, -1, &stmt, NULL);
  if (bind)
    sqlite3_bind_text (stmt, 1, bind, -1, SQLITE_STATIC);
  return bench_drain (stmt, start);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  static const char *keystrokes[] = {
    /* a name typed in hiragana, in katakana, in kanji; an organization; an e-mail */
    "た", "たか", "たかは", "たかはし",
    "タ", "タカ", "タカハ", "タカハシ",
    "髙", "髙橋",
    "立", "立川", "立川精", "立川精密",
    "e", "ex", "exa", "example.jp",
    /* the worst case: short queries that match nothing scan the whole index */
    "鬱", "zq",
  };
  const char *path;
  double start;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      g_printerr ("Usage: bench-core DATABASE (created with large sample data when missing)\n");
      return 2;
    }
  path = argv[1];

  {
    gboolean fresh = !g_file_test (path, G_FILE_TEST_EXISTS);

    start = bench_now_ms ();
    db = mdg_database_open (path, &error);
    if (db == NULL)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
    if (fresh)
      {
        MdgDemoCounts counts;

        if (!mdg_demo_fill (db, MDG_DEMO_SIZE_LARGE, today, &counts, &error))
          {
            g_printerr ("%s\n", error->message);
            return 1;
          }
        printf ("%-58s %8.0f ms   (%u seminars, %u people, %u registrations)\n",
                "create the large sample database", bench_now_ms () - start,
                counts.seminars, counts.people, counts.registrations);
      }
  }

  /* Open the seminar list: all seminars in list order, as objects. */
  {
    g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) floor_ms = g_array_new (FALSE, FALSE, sizeof (double));

    for (int i = 0; i < 50; i++)
      {
        g_autoptr(GPtrArray) list = NULL;
        double t;

        start = bench_now_ms ();
        list = mdg_seminar_store_list (db, today, NULL);
        t = bench_now_ms () - start;
        g_array_append_val (ours, t);
        t = raw_query_ms (db, "SELECT * FROM seminar ORDER BY starts_at", NULL);
        g_array_append_val (floor_ms, t);
      }
    bench_report ("seminar list, 200 seminars (mdg_seminar_store_list)", ours);
    bench_report ("  floor: SELECT * FROM seminar ORDER BY starts_at", floor_ms);
  }

  /* Search as you type: every prefix of a few queries, as the window would run them. */
  {
    g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) floor_ms = g_array_new (FALSE, FALSE, sizeof (double));

    for (int round = 0; round < 10; round++)
      for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
        {
          g_autoptr(GPtrArray) hits = NULL;
          g_autofree char *folded = mdg_kana_fold (keystrokes[k], -1);
          g_autofree char *phrase = g_strdup_printf ("\"%s\"", folded);
          double t;

          start = bench_now_ms ();
          hits = mdg_search (db, keystrokes[k], 50, NULL);
          t = bench_now_ms () - start;
          g_array_append_val (ours, t);

          if (g_utf8_strlen (keystrokes[k], -1) >= 3)
            t = raw_query_ms (db, "SELECT rowid FROM search_index WHERE search_index MATCH ?1 LIMIT 50", phrase);
          else
            t = raw_query_ms (db, "SELECT rowid FROM search_index WHERE instr(text, ?1) > 0 LIMIT 50", folded);
          g_array_append_val (floor_ms, t);
        }
    bench_report ("search per keystroke, 108 200 indexed rows (mdg_search)", ours);
    bench_report ("  floor: the bare FTS5 MATCH / instr() scan, 50 rows", floor_ms);
  }

  return 0;
}
