/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"
#include "mdg-feed-fetcher.h"

G_BEGIN_DECLS

#define MDG_TYPE_FEED_SCHEDULER (mdg_feed_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (MdgFeedScheduler, mdg_feed_scheduler, MDG, FEED_SCHEDULER, GObject)

MdgFeedScheduler *mdg_feed_scheduler_new              (MdgDatabase      *db,
                                                       MdgFeedFetcher   *fetcher);
void              mdg_feed_scheduler_start            (MdgFeedScheduler *self);
void              mdg_feed_scheduler_stop             (MdgFeedScheduler *self);
void              mdg_feed_scheduler_reload_settings  (MdgFeedScheduler *self);
gboolean          mdg_feed_scheduler_fetch_now        (MdgFeedScheduler *self,
                                                       gint64            source_id);
void              mdg_feed_scheduler_cancel           (MdgFeedScheduler *self);
gboolean          mdg_feed_scheduler_get_busy         (MdgFeedScheduler *self);
guint             mdg_feed_scheduler_get_interval     (MdgFeedScheduler *self);
void              mdg_feed_scheduler_set_interval     (MdgFeedScheduler *self,
                                                       guint             seconds);
GPtrArray        *mdg_feed_scheduler_get_last_results (MdgFeedScheduler *self);

G_END_DECLS
