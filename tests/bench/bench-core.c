/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmarks of the core on the sample database, each beside its floor: the same work
 * by the shortest path — for a read, the very SQL the core runs (traced as it runs),
 * stepped through alone; for the sample, its rows copied into an empty database of the
 * same schema. Not a test: run by build-aux/benchmark, which records the machine.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "mdg-database-private.h"
#include "mdg-demo.h"
#include "mdg-person-store.h"
#include "mdg-search.h"
#include "mdg-seminar-store.h"

typedef struct
{
  MdgDatabase *db;
  GDateTime   *today;
  const char  *query;
  guint        limit;
  GPtrArray   *result;
} Call;

static void
seminar_list (gpointer data)
{
  Call *call = data;

  call->result = mdg_seminar_store_list (call->db, call->today, NULL);
}

static void
search (gpointer data)
{
  Call *call = data;

  call->result = mdg_search (call->db, call->query, call->limit, NULL);
}

static void
contacts (gpointer data)
{
  Call *call = data;

  call->result = mdg_person_store_list (call->db, call->query, call->limit, NULL);
}

/*
 * Runs @run and, right after, the SQL it ran alone, @rounds times over each query;
 * prints both with their ratio. Several statements for one call would show here as a
 * floor of several statements: a sign of a query per row.
 */
static void
compare_with_sql (Call        *call,
                  void       (*run) (gpointer data),
                  const char * const *queries,
                  guint        n_queries,
                  guint        rounds,
                  const char  *what,
                  const char  *floor_what)
{
  sqlite3 *handle = _mdg_database_get_handle (call->db);
  g_autoptr(GArray) ours = bench_times ();
  g_autoptr(GArray) floor_ms = bench_times ();
  guint most_statements = 0;

  for (guint round = 0; round < rounds; round++)
    for (guint q = 0; q < MAX (n_queries, 1); q++)
      {
        g_autoptr(GPtrArray) statements = NULL;
        double start, t;

        call->query = queries ? queries[q] : NULL;
        /* Traced once, untimed, so that the timed call pays no tracing. */
        statements = bench_trace (handle, run, call);
        g_clear_pointer (&call->result, g_ptr_array_unref);
        most_statements = MAX (most_statements, statements->len);
        if (g_getenv ("BENCH_SHOW_SQL"))
          for (guint s = 0; s < statements->len; s++)
            printf ("    %s\n", (char *) g_ptr_array_index (statements, s));

        start = bench_now_ms ();
        run (call);
        t = bench_now_ms () - start;
        g_clear_pointer (&call->result, g_ptr_array_unref);
        g_array_append_val (ours, t);

        t = 0;
        for (guint s = 0; s < statements->len; s++)
          t += bench_sql_ms (handle, g_ptr_array_index (statements, s));
        g_array_append_val (floor_ms, t);
      }
  bench_compare (what, ours, floor_what, floor_ms);
  if (most_statements > 1)
    printf ("  (up to %u statements for one call)\n", most_statements);
}

/* The floor of the sample: its rows copied into an empty database of the same schema,
 * one statement per table in one transaction, with every index, trigger and the search
 * index at work, and the defaults (uuid, times) computed as for the sample. */
static double
copy_sample_ms (const char *path)
{
  g_autofree char *copy = g_strconcat (path, ".floor", NULL);
  g_autoptr(sqlite3_stmt) attach = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  double start;

  g_remove (copy);
  db = mdg_database_open (copy, &error);
  g_assert_no_error (error);
  attach = _mdg_sql_prepare (_mdg_database_get_handle (db), "ATTACH ?1 AS sample", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (attach, 1, path, -1, SQLITE_STATIC);

  start = bench_now_ms ();
  if (!_mdg_sql_step_done (_mdg_database_get_handle (db), attach, &error) ||
      !_mdg_sql_exec (_mdg_database_get_handle (db),
                      "BEGIN;"
                      "INSERT INTO organization (name, kana, industry, employees, municipality)"
                      " SELECT name, kana, industry, employees, municipality FROM sample.organization ORDER BY id;"
                      "INSERT INTO person (family_name, given_name, family_kana, given_kana, title, email, phone,"
                      " organization_id, consent_contact, consent_purpose, consent_at)"
                      " SELECT family_name, given_name, family_kana, given_kana, title, email, phone,"
                      " organization_id, consent_contact, consent_purpose, consent_at FROM sample.person ORDER BY id;"
                      "INSERT INTO seminar (title, starts_at, ends_at, venue, online_url, capacity, co_organizer,"
                      " status, description) SELECT title, starts_at, ends_at, venue, online_url, capacity,"
                      " co_organizer, status, description FROM sample.seminar ORDER BY id;"
                      "INSERT INTO program_item (seminar_id, position, kind, minutes, presenter, deck_title)"
                      " SELECT seminar_id, position, kind, minutes, presenter, deck_title FROM sample.program_item"
                      " ORDER BY id;"
                      "INSERT INTO registration (seminar_id, person_id, number, status, source, checked_in_at)"
                      " SELECT seminar_id, person_id, number, status, source, checked_in_at FROM sample.registration"
                      " ORDER BY id;"
                      "COMMIT;", &error))
    g_error ("%s", error->message);
  /* The sample is written to disk when its database closes (checkpoint): so is the copy.
   * A statement left unfinalized would keep the connection from closing at all. */
  g_clear_pointer (&attach, sqlite3_finalize);
  g_clear_object (&db);
  start = bench_now_ms () - start;
  g_remove (copy);
  return start;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  static const char *const keystrokes[] = {
    /* a name typed in hiragana, in katakana, in kanji; an organization; an e-mail */
    "た", "たか", "たかは", "たかはし",
    "タ", "タカ", "タカハ", "タカハシ",
    "髙", "髙橋",
    "立", "立川", "立川精", "立川精密",
    "e", "ex", "exa", "example.jp",
    /* the worst case: short queries that match nothing scan the whole index */
    "鬱", "zq",
  };
  Call call = { 0 };
  const char *path;
  gboolean smoke;

  setlocale (LC_ALL, "");
  path = bench_args (&argc, &argv, "[--smoke] DATABASE (the sample: made, large or --smoke small, when missing)",
                     &smoke);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GArray) ours = bench_times ();
      g_autoptr(GArray) floor_ms = bench_times ();
      g_autofree char *what = NULL;
      MdgDemoCounts counts;
      double start = bench_now_ms (), t;

      db = mdg_database_open (path, &error);
      if (db == NULL || !mdg_demo_fill (db, smoke ? MDG_DEMO_SIZE_SMALL : MDG_DEMO_SIZE_LARGE, today, &counts, &error))
        g_error ("%s", error->message);
      g_clear_object (&db);
      t = bench_now_ms () - start;
      g_array_append_val (ours, t);
      t = copy_sample_ms (path);
      g_array_append_val (floor_ms, t);
      what = g_strdup_printf ("create the sample: %u seminars, %u people, %u registrations", counts.seminars,
                              counts.people, counts.registrations);
      bench_compare (what, ours, "its rows copied by SQLite, one statement a table", floor_ms);
      printf ("\n");
    }

  db = mdg_database_open (path, &error);
  if (db == NULL)
    g_error ("%s", error->message);
  call.db = db;
  call.today = today;

  /* The seminar list: every seminar in list order, as objects. */
  compare_with_sql (&call, seminar_list, NULL, 0, smoke ? 3 : 50, "seminar list (mdg_seminar_store_list)",
                    "the same SQL alone");

  /* Search as you type: every prefix of a few queries, as the window runs them. */
  call.limit = 50;
  compare_with_sql (&call, search, keystrokes, G_N_ELEMENTS (keystrokes), smoke ? 1 : 5,
                    "search per keystroke, 50 hits (mdg_search)", "the same SQL alone");
  /* Contacts: people found as you type, up to 500, shown in kana order. */
  call.limit = 500;
  compare_with_sql (&call, contacts, keystrokes, G_N_ELEMENTS (keystrokes), smoke ? 1 : 5,
                    "Contacts search per keystroke, up to 500 people", "the same SQL alone");
  return 0;
}
