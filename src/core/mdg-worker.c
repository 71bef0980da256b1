/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-worker"

#include "config.h"

#include "mdg-database-private.h"
#include "mdg-worker-private.h"

/*
 * The one way Madoguchi's libraries do slow work for a window: a GTask that owns its
 * data, runs in a worker thread on a connection of its own (SQLite connections are
 * per thread), and reports back in the caller's main context. A write started from
 * the window may wait there for another writer without freezing the window.
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
  /* A worker's own connection: the file was checked and prepared when the caller opened it. */
  connection = _mdg_database_open_worker (source_object, &error);
  if (connection == NULL || !work->func (connection, work->data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * _mdg_worker_run_async:
 * @self: the caller's database
 * @func: the work, given a connection of its own to the same file
 * @data: (nullable) (transfer full): for @func, owned by the task
 * @data_free: (nullable): frees @data when the task goes
 * @source_tag: the public function, for its _finish
 * @cancellable: (nullable): a #GCancellable; work not yet started is not started
 * @callback: called in the caller's main context when the work is done
 * @user_data: for @callback
 */
void
_mdg_worker_run_async (MdgDatabase         *self,
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

  g_return_if_fail (MDG_IS_DATABASE (self));
  g_return_if_fail (func != NULL);

  work = g_new0 (Work, 1);
  work->func = func;
  work->data = data;
  work->data_free = data_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, work_thread);
}

gboolean
_mdg_worker_finish (MdgDatabase   *self,
                    GAsyncResult  *result,
                    gpointer       source_tag,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Returns: (transfer none): the data given to _mdg_worker_run_async(), as the worker left it */
gpointer
_mdg_worker_get_data (GAsyncResult *result)
{
  Work *work = g_task_get_task_data (G_TASK (result));

  return work->data;
}
