/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database.h"

G_BEGIN_DECLS

/*
 * Work that may wait on the disk or on another writer (an import in another
 * process) runs in a worker thread, on a connection of its own. @data is the task's
 * own: the worker fills in what it found, and the _finish function reads it back on
 * the caller's thread with _mdg_worker_get_data().
 */
typedef gboolean (*MdgWorkFunc) (MdgDatabase  *connection,
                                 gpointer      data,
                                 GError      **error);

void     _mdg_worker_run_async (MdgDatabase         *self,
                                MdgWorkFunc          func,
                                gpointer             data,
                                GDestroyNotify       data_free,
                                gpointer             source_tag,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
gboolean _mdg_worker_finish    (MdgDatabase         *self,
                                GAsyncResult        *result,
                                gpointer             source_tag,
                                GError             **error);
gpointer _mdg_worker_get_data  (GAsyncResult        *result);

G_END_DECLS
