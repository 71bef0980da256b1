/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-work-util"

#include "config.h"

#include "mdg-app-util.h"
#include "mdg-database-work.h"
#include "mdg-work-util.h"

/**
 * _mdg_work_finish_for:
 * @widget: (transfer full) (nullable): the widget that started the work, if still there
 * @db: the database the work ran on
 * @result: the work's result (mdg_database_work_async())
 * @source_tag: the work's source tag
 * @what: what the work did, for the log when nobody is left to tell ("save the advice")
 *
 * Ends a piece of work started from a widget: a failure is told in the widget's toast,
 * or logged when the widget has gone meanwhile (a write still happens after its window).
 *
 * Returns: (transfer full) (nullable): @widget when the work succeeded and it is still
 *   there, else %NULL
 */
GtkWidget *
_mdg_work_finish_for (GtkWidget    *widget,
                      MdgDatabase  *db,
                      GAsyncResult *result,
                      gpointer      source_tag,
                      const char   *what)
{
  g_autoptr(GtkWidget) owned = widget;
  g_autoptr(GError) error = NULL;

  if (mdg_database_work_finish (db, result, source_tag, &error))
    return g_steal_pointer (&owned);
  if (owned != NULL)
    _mdg_toast_error (owned, error);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not %s: %s", what, error->message);
  return NULL;
}
