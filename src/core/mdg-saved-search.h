/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-types.h"

G_BEGIN_DECLS

/* What the reader shows: every condition set narrows the list. */
typedef struct
{
  char             *query;         /* words that must all appear (title, summary, ids) */
  gint64            source_id;     /* 0 for every source */
  MdgFeedItemState  state;
  MdgSeverity       min_severity;  /* MDG_SEVERITY_UNKNOWN for any */
  GDateTime        *since;         /* published at or after; NULL for any time */
  guint             within_days;   /* published in the last so many days; 0 for any time */
  guint             limit;         /* 0 for the default (500) */
} MdgFeedFilter;

#define MDG_TYPE_FEED_FILTER (mdg_feed_filter_get_type ())

GType          mdg_feed_filter_get_type (void) G_GNUC_CONST;
MdgFeedFilter *mdg_feed_filter_new      (void);
MdgFeedFilter *mdg_feed_filter_copy     (const MdgFeedFilter *filter);
void           mdg_feed_filter_free     (MdgFeedFilter       *filter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgFeedFilter, mdg_feed_filter_free)

const char    *mdg_feed_item_state_to_string   (MdgFeedItemState  state);
gboolean       mdg_feed_item_state_from_string (const char       *text,
                                                MdgFeedItemState *state);

#define MDG_TYPE_SAVED_SEARCH (mdg_saved_search_get_type ())

G_DECLARE_FINAL_TYPE (MdgSavedSearch, mdg_saved_search, MDG, SAVED_SEARCH, GObject)

gint64               mdg_saved_search_get_id     (MdgSavedSearch *self);
const char          *mdg_saved_search_get_name   (MdgSavedSearch *self);
const MdgFeedFilter *mdg_saved_search_get_filter (MdgSavedSearch *self);

MdgSavedSearch      *_mdg_saved_search_new       (gint64               id,
                                                  const char          *name,
                                                  MdgFeedFilter       *filter);

G_END_DECLS
