/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "mdg-database.h"
#include "mdg-feed-parser.h"

G_BEGIN_DECLS

/* What fetching one source gave. */
typedef struct
{
  gint64    source_id;
  char     *source_name;
  char     *url;
  guint     http_status;   /* 0 when no answer came */
  gboolean  not_modified;  /* 304: the cached items are current */
  guint     n_items;       /* items in the feed */
  guint     n_new;         /* of which new to the desk */
  GError   *error;         /* NULL when it worked */
} MdgFeedFetchResult;

#define MDG_TYPE_FEED_FETCH_RESULT (mdg_feed_fetch_result_get_type ())

GType               mdg_feed_fetch_result_get_type  (void) G_GNUC_CONST;
MdgFeedFetchResult *mdg_feed_fetch_result_ref       (MdgFeedFetchResult *result);
void                mdg_feed_fetch_result_unref     (MdgFeedFetchResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgFeedFetchResult, mdg_feed_fetch_result_unref)

#define MDG_TYPE_FEED_FETCHER (mdg_feed_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (MdgFeedFetcher, mdg_feed_fetcher, MDG, FEED_FETCHER, GObject)

/* Defaults: 30 s without data is a timeout, 8 MB is the most one feed may send. */
#define MDG_FEED_FETCHER_DEFAULT_TIMEOUT   30
#define MDG_FEED_FETCHER_DEFAULT_MAX_BYTES (8 * 1024 * 1024)
#define MDG_FEED_FETCHER_DEFAULT_REDIRECTS 5

MdgFeedFetcher *mdg_feed_fetcher_new               (void);
MdgFeedFetcher *mdg_feed_fetcher_new_for_session   (SoupSession          *session);
SoupSession    *mdg_feed_fetcher_get_session       (MdgFeedFetcher       *self);
void            mdg_feed_fetcher_set_limits        (MdgFeedFetcher       *self,
                                                    guint                 timeout_seconds,
                                                    gsize                 max_bytes,
                                                    guint                 max_redirects);
void            mdg_feed_fetcher_fetch_async       (MdgFeedFetcher       *self,
                                                    MdgDatabase          *db,
                                                    gint64                source_id,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GPtrArray      *mdg_feed_fetcher_fetch_finish      (MdgFeedFetcher       *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
