/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"

G_BEGIN_DECLS

gboolean mdg_site_export            (MdgDatabase         *db,
                                     const char          *folder,
                                     const char          *base_url,
                                     GDateTime           *now,
                                     GError             **error);
void     mdg_site_export_async      (MdgDatabase         *db,
                                     const char          *folder,
                                     const char          *base_url,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean mdg_site_export_finish     (MdgDatabase         *db,
                                     GAsyncResult        *result,
                                     GError             **error);

gboolean mdg_faq_export_html        (MdgDatabase         *db,
                                     const char          *path,
                                     GError             **error);
void     mdg_faq_export_html_async  (MdgDatabase         *db,
                                     const char          *path,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean mdg_faq_export_html_finish (MdgDatabase         *db,
                                     GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
