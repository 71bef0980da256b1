/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-document.h"

G_BEGIN_DECLS

void     mdg_document_export_pdf_async  (MdgDocument          *self,
                                         const char           *path,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean mdg_document_export_pdf_finish (MdgDocument          *self,
                                         GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
