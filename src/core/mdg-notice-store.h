/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"
#include "mdg-notice.h"

G_BEGIN_DECLS

/* Lists every kind of notice. */
#define MDG_NOTICE_KIND_ANY ((MdgNoticeKind) -1)

GPtrArray *mdg_notice_store_list        (MdgDatabase    *db,
                                         const char     *query,
                                         MdgNoticeKind   kind,
                                         GDateTime      *published_by,
                                         GError        **error);
void       mdg_notice_store_list_async  (MdgDatabase    *db,
                                         const char     *query,
                                         MdgNoticeKind   kind,
                                         GCancellable   *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer        user_data);
GPtrArray *mdg_notice_store_list_finish (MdgDatabase    *db,
                                         GAsyncResult   *result,
                                         GError        **error);
MdgNotice *mdg_notice_store_load        (MdgDatabase    *db,
                                         gint64          id,
                                         GError        **error);
gboolean   mdg_notice_store_save        (MdgDatabase    *db,
                                         MdgNotice      *notice,
                                         GError        **error);
gboolean   mdg_notice_store_delete      (MdgDatabase    *db,
                                         gint64          id,
                                         GError        **error);
GPtrArray *mdg_notice_store_list_items  (MdgDatabase    *db,
                                         gint64          notice_id,
                                         GError        **error);
char      *mdg_notice_store_get_feed_id (MdgDatabase    *db,
                                         GError        **error);

G_END_DECLS
