/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every benchmark shares: the clock, the printed line, and the floor's loop. */
#include "config.h"

#include <stdio.h>

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

/* Sorts @ms and prints its median, 95th percentile and maximum. */
void
bench_report (const char *what,
              GArray     *ms)
{
  g_array_sort (ms, compare_doubles);
  printf ("%-58s p50 %8.3f ms   p95 %8.3f ms   max %8.3f ms   (n=%u)\n", what,
          g_array_index (ms, double, ms->len / 2),
          g_array_index (ms, double, MIN (ms->len - 1, ms->len * 95 / 100)),
          g_array_index (ms, double, ms->len - 1), ms->len);
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
