/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-types.h"

G_BEGIN_DECLS

#define MDG_TYPE_FEED_SOURCE (mdg_feed_source_get_type ())

G_DECLARE_FINAL_TYPE (MdgFeedSource, mdg_feed_source, MDG, FEED_SOURCE, GObject)

gint64         mdg_feed_source_get_id              (MdgFeedSource *self);
const char    *mdg_feed_source_get_key             (MdgFeedSource *self);
const char    *mdg_feed_source_get_name            (MdgFeedSource *self);
const char    *mdg_feed_source_get_url             (MdgFeedSource *self);
MdgFeedFormat  mdg_feed_source_get_format          (MdgFeedSource *self);
gboolean       mdg_feed_source_get_enabled         (MdgFeedSource *self);
guint          mdg_feed_source_get_last_status     (MdgFeedSource *self);
GDateTime     *mdg_feed_source_get_last_fetched_at (MdgFeedSource *self);
GDateTime     *mdg_feed_source_get_last_success_at (MdgFeedSource *self);
const char    *mdg_feed_source_get_last_error      (MdgFeedSource *self);
const char    *mdg_feed_source_get_etag            (MdgFeedSource *self);
const char    *mdg_feed_source_get_last_modified   (MdgFeedSource *self);
guint          mdg_feed_source_get_n_items         (MdgFeedSource *self);
guint          mdg_feed_source_get_n_unread        (MdgFeedSource *self);
char          *mdg_feed_source_describe_result     (MdgFeedSource *self);

/* For the store. */
typedef struct
{
  gint64         id;
  const char    *key;
  const char    *name;
  const char    *url;
  MdgFeedFormat  format;
  gboolean       enabled;
  guint          last_status;
  const char    *last_fetched_at;  /* ISO 8601 */
  const char    *last_success_at;
  const char    *last_error;
  const char    *etag;
  const char    *last_modified;
  guint          n_items;
  guint          n_unread;
} MdgFeedSourceFields;

MdgFeedSource *_mdg_feed_source_new                (const MdgFeedSourceFields *fields);

G_END_DECLS
