/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every benchmark shares: the clock, the printed lines, the floor's loop and the
 * command line (DATABASE, and --smoke for the quick run of the test suite). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Sorts @values and prints their median, 95th percentile and maximum in @unit. */
static void
report_in (const char *what,
           const char *unit,
           GArray     *values)
{
  g_array_sort (values, compare_doubles);
  printf ("%-58s p50 %8.3f %-2s  p95 %8.3f %-2s  max %8.3f %-2s  (n=%u)\n", what,
          g_array_index (values, double, values->len / 2), unit,
          g_array_index (values, double, MIN (values->len - 1, values->len * 95 / 100)), unit,
          g_array_index (values, double, values->len - 1), unit, values->len);
}

/* Sorts @ms and prints its median, 95th percentile and maximum. */
void
bench_report (const char *what,
              GArray     *ms)
{
  report_in (what, "ms", ms);
}

void
bench_once (const char *what,
            double      ms)
{
  printf ("%-58s %8.0f ms\n", what, ms);
}

/* The floor: step through @stmt touching every column, nothing else; finalizes it
 * and returns the milliseconds since @start. */
double
bench_drain (sqlite3_stmt *stmt,
             double        start)
{
  int columns = sqlite3_column_count (stmt);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < columns; c++)
      (void) sqlite3_column_text (stmt, c);
  sqlite3_finalize (stmt);
  return bench_now_ms () - start;
}

/* A new array of milliseconds. */
GArray *
bench_times (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

/*
 * Prints @ours and, beneath, its floor — a program doing the same work by the shortest
 * path — with the ratio, in @unit. The two were measured in interleaved pairs, so the
 * ratio is the median of the pairs' ratios: a machine busy for a moment weighs on both
 * sides. Sorts both arrays.
 */
void
bench_compare_in (const char *what,
                  const char *unit,
                  GArray     *ours,
                  const char *floor_what,
                  GArray     *floor_values)
{
  g_autoptr(GArray) ratios = bench_times ();
  g_autofree char *floor_line = g_strconcat ("  floor: ", floor_what, NULL);

  g_assert (ours->len == floor_values->len && ours->len > 0);
  for (guint i = 0; i < ours->len; i++)
    {
      double ratio = g_array_index (ours, double, i) / MAX (g_array_index (floor_values, double, i), 1e-6);

      g_array_append_val (ratios, ratio);
    }
  g_array_sort (ratios, compare_doubles);

  report_in (what, unit, ours);
  report_in (floor_line, unit, floor_values);
  printf ("  %-56s %.2f×\n", "ratio (median of the pairs)", g_array_index (ratios, double, ratios->len / 2));
}

/* bench_compare_in() for milliseconds. */
void
bench_compare (const char *what,
               GArray     *ours,
               const char *floor_what,
               GArray     *floor_ms)
{
  bench_compare_in (what, "ms", ours, floor_what, floor_ms);
}

/* Returns: the DATABASE argument; exits with the usage on a wrong command line */
const char *
bench_args (int          *argc,
            char       ***argv,
            const char   *usage,
            gboolean     *smoke)
{
  GOptionEntry entries[] = {
    { "smoke", 0, 0, G_OPTION_ARG_NONE, smoke, "A quick run on a small database, for the test suite", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (usage);
  g_autoptr(GError) error = NULL;

  /* Each line as soon as it is measured, also into a pipe. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  *smoke = FALSE;
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error) || *argc != 2)
    {
      g_printerr ("Usage: %s %s\n", g_get_prgname (), usage);
      exit (2);
    }
  return (*argv)[1];
}

static int
trace_cb (unsigned int  event,
          void         *data,
          void         *statement,
          void         *text)
{
  GPtrArray *statements = data;
  char *sql;

  /* Statements run by triggers come as "-- TRIGGER name", and the search index runs
   * its own (PRAGMA 'main'.data_version, SELECT … FROM 'main'.'search_index_…') inside
   * the statement that queries it: all belong to their statement. */
  if (g_str_has_prefix (text, "--") || g_str_has_prefix (text, "PRAGMA ") || strstr (text, "'main'.") != NULL)
    return 0;
  sql = sqlite3_expanded_sql (statement);
  g_ptr_array_add (statements, g_strdup (sql));
  sqlite3_free (sql);
  return 0;
}

/*
 * Runs @run and returns the SQL of every statement it ran on @db, with the values it
 * bound written in: what the floor runs is then the very SQL Madoguchi runs, however
 * its code changes.
 *
 * Returns: (transfer container) (element-type utf8): the statements, in order
 */
GPtrArray *
bench_trace (sqlite3  *db,
             void    (*run) (gpointer data),
             gpointer  data)
{
  GPtrArray *statements = g_ptr_array_new_with_free_func (g_free);

  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, trace_cb, statements);
  run (data);
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  return statements;
}

/* The floor of a read: prepares @sql, steps through it touching every column and
 * finalizes it; returns the milliseconds. */
double
bench_sql_ms (sqlite3    *db,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  double start = bench_now_ms ();

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  return bench_drain (stmt, start);
}

/* Returns: the seminar with the most registrations: the 1 000-attendee one on the
 *   large sample; exits when there is none */
gint64
bench_largest_seminar (sqlite3    *db,
                       const char *path)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id;

  sqlite3_prepare_v2 (db, "SELECT seminar_id FROM registration GROUP BY seminar_id ORDER BY count(*) DESC LIMIT 1",
                      -1, &stmt, NULL);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("%s has no registrations: is it the sample?", path);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}
