/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include <glib.h>

G_BEGIN_DECLS

double bench_now_ms (void);
void   bench_report (const char   *what,
                     GArray       *ms);
void   bench_once   (const char   *what,
                     double        ms);
double bench_drain  (sqlite3_stmt *stmt,
                     double        start);

G_END_DECLS
