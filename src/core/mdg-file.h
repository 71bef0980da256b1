/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes a file that holds personal data: mode 0600, all or nothing. */
typedef struct _MdgFileWriter MdgFileWriter;

MdgFileWriter *mdg_file_writer_new           (const char           *path,
                                              GError              **error);
gboolean       mdg_file_writer_write         (MdgFileWriter        *self,
                                              const void           *data,
                                              gsize                 length,
                                              GError              **error);
gboolean       mdg_file_writer_commit        (MdgFileWriter        *self,
                                              GError              **error);
void           mdg_file_writer_free          (MdgFileWriter        *self);

gboolean       mdg_file_write_private        (const char           *path,
                                              const void           *data,
                                              gsize                 length,
                                              GError              **error);
gboolean       mdg_file_copy_private         (const char           *source,
                                              const char           *path,
                                              GCancellable         *cancellable,
                                              GError              **error);
gboolean       mdg_file_store_private        (const char           *path,
                                              const void           *data,
                                              gsize                 length,
                                              gboolean             *written,
                                              GError              **error);
void           mdg_file_write_private_async  (GFile                *file,
                                              GBytes               *bytes,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean       mdg_file_write_private_finish (GFile                *file,
                                              GAsyncResult         *result,
                                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgFileWriter, mdg_file_writer_free)

G_END_DECLS
