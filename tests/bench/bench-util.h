/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include <glib.h>

G_BEGIN_DECLS

double      bench_now_ms          (void);
void        bench_report          (const char   *what,
                                   GArray       *ms);
void        bench_once            (const char   *what,
                                   double        ms);
double      bench_drain           (sqlite3_stmt *stmt,
                                   double        start);
GArray     *bench_times           (void);
void        bench_compare         (const char   *what,
                                   GArray       *ours,
                                   const char   *floor_what,
                                   GArray       *floor_ms);
void        bench_compare_in      (const char   *what,
                                   const char   *unit,
                                   GArray       *ours,
                                   const char   *floor_what,
                                   GArray       *floor_values);
const char *bench_args            (int          *argc,
                                   char       ***argv,
                                   const char   *usage,
                                   gboolean     *smoke);
GPtrArray  *bench_trace           (sqlite3      *db,
                                   void        (*run) (gpointer data),
                                   gpointer      data);
double      bench_sql_ms          (sqlite3      *db,
                                   const char   *sql);
gint64      bench_largest_seminar (sqlite3      *db,
                                   const char   *path);

G_END_DECLS
