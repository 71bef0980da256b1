/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"
#include "mdg-faq-entry.h"

G_BEGIN_DECLS

/* Published entries of one guidebook chapter, as the PDF and the portal group them. */
typedef struct
{
  MdgFaqCategory *chapter;   /* NULL for entries outside the guidebook */
  GPtrArray      *entries;   /* (element-type MdgFaqEntry) */
} MdgFaqChapter;

void            mdg_faq_chapter_free                  (MdgFaqChapter  *chapter);

GPtrArray      *mdg_faq_store_list                    (MdgDatabase    *db,
                                                       const char     *query,
                                                       gboolean        published_only,
                                                       GError        **error);
void            mdg_faq_store_list_async              (MdgDatabase    *db,
                                                       const char     *query,
                                                       gboolean        published_only,
                                                       GCancellable   *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer        user_data);
GPtrArray      *mdg_faq_store_list_finish             (MdgDatabase    *db,
                                                       GAsyncResult   *result,
                                                       GError        **error);
MdgFaqEntry    *mdg_faq_store_load                    (MdgDatabase    *db,
                                                       gint64          id,
                                                       GError        **error);
gboolean        mdg_faq_store_save                    (MdgDatabase    *db,
                                                       MdgFaqEntry    *entry,
                                                       GError        **error);
gboolean        mdg_faq_store_delete                  (MdgDatabase    *db,
                                                       gint64          id,
                                                       GError        **error);
MdgFaqEntry    *mdg_faq_store_draft_from_item         (MdgDatabase    *db,
                                                       gint64          item_id,
                                                       GError        **error);
MdgFaqEntry    *mdg_faq_store_draft_from_consultation (MdgDatabase    *db,
                                                       gint64          consultation_id,
                                                       GError        **error);
gboolean        mdg_faq_store_link_consultation       (MdgDatabase    *db,
                                                       gint64          faq_id,
                                                       gint64          consultation_id,
                                                       GError        **error);
gboolean        mdg_faq_store_unlink_consultation     (MdgDatabase    *db,
                                                       gint64          faq_id,
                                                       gint64          consultation_id,
                                                       GError        **error);
GPtrArray      *mdg_faq_store_list_categories         (MdgDatabase    *db,
                                                       GError        **error);
MdgFaqCategory *mdg_faq_store_find_category           (MdgDatabase    *db,
                                                       const char     *key,
                                                       GError        **error);
GPtrArray      *mdg_faq_store_list_chapters           (MdgDatabase    *db,
                                                       GError        **error);

G_END_DECLS
