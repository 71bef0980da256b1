/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-database-work"

#include "config.h"

#include "mdg-database-private.h"
#include "mdg-database-work.h"

/*
 * Exports and other work that takes longer than a frame run here: in a worker thread,
 * on a connection of the worker's own (SQLite connections are per thread), with the
 * caller told in its main context.
 */

typedef struct
{
  MdgWorkFunc     func;
  gpointer        data;
  GDestroyNotify  data_free;
} Work;

static void
work_free (Work *work)
{
  if (work->data_free != NULL)
    work->data_free (work->data);
  g_free (work);
}

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *work = task_data;
  g_autoptr(MdgDatabase) connection = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  connection = _mdg_database_open_worker (source_object, &error);
  if (connection == NULL || !work->func (connection, work->data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mdg_database_work_async:
 * @db: the caller's database
 * @func: the work, given a connection of its own
 * @data: (nullable): for @func; freed with @data_free
 * @data_free: (nullable): frees @data
 * @source_tag: the public function, for its _finish
 * @cancellable: (nullable): a #GCancellable; checked before the work starts
 * @callback: called in the caller's main context when the work is done
 * @user_data: for @callback
 */
void
mdg_database_work_async (MdgDatabase         *db,
                         MdgWorkFunc          func,
                         gpointer             data,
                         GDestroyNotify       data_free,
                         gpointer             source_tag,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Work *work;

  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (func != NULL);

  task = g_task_new (db, cancellable, callback, user_data);
  work = g_new0 (Work, 1);
  work->func = func;
  work->data = data;
  work->data_free = data_free;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, work_thread);
}

/* Returns: whether the work succeeded; %FALSE with @error set otherwise */
gboolean
mdg_database_work_finish (MdgDatabase   *db,
                          GAsyncResult  *result,
                          gpointer       source_tag,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mdg_database_work_get_data:
 * @result: the result given to the callback of mdg_database_work_async()
 *
 * What the worker found, for a _finish function that reads it back on the caller's thread.
 *
 * Returns: (transfer none): the data given to mdg_database_work_async(), as the worker left it
 */
gpointer
mdg_database_work_get_data (GAsyncResult *result)
{
  Work *work = g_task_get_task_data (G_TASK (result));

  return work->data;
}
