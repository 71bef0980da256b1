/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"
#include "mdg-feed-item.h"
#include "mdg-feed-source.h"
#include "mdg-saved-search.h"

G_BEGIN_DECLS

/* What one fetch of a source gave, for mdg_feed_store_record_fetch(). */
typedef struct
{
  guint          http_status;     /* 0 when no answer came */
  const char    *etag;            /* as the server sent them, for the next conditional GET */
  const char    *last_modified;
  const char    *error_message;   /* NULL when the fetch worked */
  gboolean       has_format;
  MdgFeedFormat  format;          /* what the document turned out to be */
} MdgFeedFetchRecord;

/* Sources */
GPtrArray      *mdg_feed_store_list_sources          (MdgDatabase               *db,
                                                      GError                   **error);
void            mdg_feed_store_list_sources_async    (MdgDatabase               *db,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
GPtrArray      *mdg_feed_store_list_sources_finish   (MdgDatabase               *db,
                                                      GAsyncResult              *result,
                                                      GError                   **error);
MdgFeedSource  *mdg_feed_store_load_source           (MdgDatabase               *db,
                                                      gint64                     id,
                                                      GError                   **error);
MdgFeedSource  *mdg_feed_store_find_source           (MdgDatabase               *db,
                                                      const char                *id_or_key,
                                                      GError                   **error);
gint64          mdg_feed_store_add_source            (MdgDatabase               *db,
                                                      const char                *name,
                                                      const char                *url,
                                                      GError                   **error);
gboolean        mdg_feed_store_update_source         (MdgDatabase               *db,
                                                      gint64                     id,
                                                      const char                *name,
                                                      const char                *url,
                                                      gboolean                   enabled,
                                                      GError                   **error);
gboolean        mdg_feed_store_remove_source         (MdgDatabase               *db,
                                                      gint64                     id,
                                                      GError                   **error);
gboolean        mdg_feed_store_record_fetch          (MdgDatabase               *db,
                                                      gint64                     source_id,
                                                      const MdgFeedFetchRecord  *record,
                                                      GPtrArray                 *entries,
                                                      guint                     *n_new,
                                                      GError                   **error);

/* Items: the reader */
GPtrArray      *mdg_feed_store_list_items            (MdgDatabase               *db,
                                                      const MdgFeedFilter       *filter,
                                                      GError                   **error);
void            mdg_feed_store_list_items_async      (MdgDatabase               *db,
                                                      const MdgFeedFilter       *filter,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
GPtrArray      *mdg_feed_store_list_items_finish     (MdgDatabase               *db,
                                                      GAsyncResult              *result,
                                                      GError                   **error);
MdgFeedItem    *mdg_feed_store_load_item             (MdgDatabase               *db,
                                                      gint64                     id,
                                                      GError                   **error);
gboolean        mdg_feed_store_set_read              (MdgDatabase               *db,
                                                      MdgFeedItem               *item,
                                                      gboolean                   read,
                                                      GError                   **error);
gboolean        mdg_feed_store_set_starred           (MdgDatabase               *db,
                                                      MdgFeedItem               *item,
                                                      gboolean                   starred,
                                                      GError                   **error);
gboolean        mdg_feed_store_set_picked            (MdgDatabase               *db,
                                                      MdgFeedItem               *item,
                                                      gboolean                   picked,
                                                      GError                   **error);
gboolean        mdg_feed_store_mark_all_read         (MdgDatabase               *db,
                                                      gint64                     source_id,
                                                      GError                   **error);
guint           mdg_feed_store_count_unread          (MdgDatabase               *db,
                                                      GError                   **error);

/* Saved searches */
GPtrArray      *mdg_feed_store_list_saved_searches   (MdgDatabase               *db,
                                                      GError                   **error);
MdgSavedSearch *mdg_feed_store_save_search           (MdgDatabase               *db,
                                                      const char                *name,
                                                      const MdgFeedFilter       *filter,
                                                      GError                   **error);
gboolean        mdg_feed_store_delete_saved_search   (MdgDatabase               *db,
                                                      gint64                     id,
                                                      GError                   **error);

/* Topics: seminars, consultations and follow-ups */
gboolean        mdg_feed_store_pick_for_seminar      (MdgDatabase               *db,
                                                      gint64                     item_id,
                                                      gint64                     seminar_id,
                                                      GError                   **error);
gboolean        mdg_feed_store_unpick_for_seminar    (MdgDatabase               *db,
                                                      gint64                     item_id,
                                                      gint64                     seminar_id,
                                                      GError                   **error);
GPtrArray      *mdg_feed_store_list_seminar_topics   (MdgDatabase               *db,
                                                      gint64                     seminar_id,
                                                      GError                   **error);
gboolean        mdg_feed_store_attach                (MdgDatabase               *db,
                                                      gint64                     item_id,
                                                      MdgAttachKind              kind,
                                                      gint64                     target_id,
                                                      GError                   **error);
gboolean        mdg_feed_store_detach                (MdgDatabase               *db,
                                                      gint64                     item_id,
                                                      MdgAttachKind              kind,
                                                      gint64                     target_id,
                                                      GError                   **error);
GPtrArray      *mdg_feed_store_list_attached         (MdgDatabase               *db,
                                                      MdgAttachKind              kind,
                                                      gint64                     target_id,
                                                      GError                   **error);

/* Settings the window honours: fetching is on demand unless the user chose otherwise. */
guint           mdg_feed_settings_get_interval       (MdgDatabase               *db);
gboolean        mdg_feed_settings_set_interval       (MdgDatabase               *db,
                                                      guint                      minutes,
                                                      GError                   **error);
gboolean        mdg_feed_settings_get_fetch_at_start (MdgDatabase               *db);
gboolean        mdg_feed_settings_set_fetch_at_start (MdgDatabase               *db,
                                                      gboolean                   fetch_at_start,
                                                      GError                   **error);

char           *_mdg_feed_time_to_string             (GDateTime                 *date_time);

G_END_DECLS
