/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-document"

#include "config.h"

#include "mdg-document-async.h"

/*
 * A thousand-name sign-in sheet takes a moment to lay out and write: windows render
 * it in a worker thread. The document belongs to the worker until the callback runs.
 */

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (mdg_document_export_pdf (MDG_DOCUMENT (source_object), task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mdg_document_export_pdf_async:
 * @self: a #MdgDocument; not to be changed until the callback runs
 * @path: the PDF file to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when written, or not
 * @user_data: for @callback
 *
 * mdg_document_export_pdf() in a worker thread.
 */
void
mdg_document_export_pdf_async (MdgDocument         *self,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MDG_IS_DOCUMENT (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_document_export_pdf_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
mdg_document_export_pdf_finish (MdgDocument   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, mdg_document_export_pdf_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
