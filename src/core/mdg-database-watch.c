/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-database"

#include "config.h"

#include "mdg-database-private.h"
#include "mdg-database-watch.h"

/*
 * A window's main loop may spend a frame's worth on SQL at most (8 ms at 120 Hz,
 * half a 60 Hz frame): longer work belongs in a worker. Debug builds watch the
 * window's own connection and say which statement took longer, so that it is moved.
 */

typedef struct
{
  gint64 threshold_ns;
} Watch;

static int
profile_cb (unsigned int  mask,
            void         *context,
            void         *statement,
            void         *elapsed)
{
  Watch *watch = context;
  gint64 ns = *(sqlite3_int64 *) elapsed;

  if (mask == SQLITE_TRACE_PROFILE && ns > watch->threshold_ns)
    g_message ("A statement on the main thread took %.1f ms; move it to a worker: %s", ns / 1e6,
               sqlite3_sql (statement));
  return 0;
}

/**
 * mdg_database_watch_slow_statements:
 * @self: the connection a main loop uses
 * @threshold_ms: how long a statement may take
 *
 * Logs every statement on @self that takes longer than @threshold_ms. The watch
 * lives as long as the connection.
 */
void
mdg_database_watch_slow_statements (MdgDatabase *self,
                                    guint        threshold_ms)
{
  Watch *watch;

  g_return_if_fail (MDG_IS_DATABASE (self));

  watch = g_new0 (Watch, 1);
  watch->threshold_ns = (gint64) threshold_ms * 1000000;
  sqlite3_trace_v2 (_mdg_database_get_handle (self), SQLITE_TRACE_PROFILE, profile_cb, watch);
  g_object_set_data_full (G_OBJECT (self), "mdg-slow-statement-watch", watch, g_free);
}
