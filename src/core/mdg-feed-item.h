/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-types.h"

G_BEGIN_DECLS

/*
 * What a feed said about one item, as the parser reads it and before the store merges
 * it with what it already holds.
 */
typedef struct
{
  char        *guid;        /* rdf:about, guid or atom:id; may be NULL */
  char        *title;
  char        *link;
  char        *summary;     /* plain text */
  GDateTime   *published;   /* may be NULL */
  char        *identifier;  /* JVN's sec:identifier, e.g. JVNDB-2024-000123 */
  GStrv        cve_ids;     /* sorted, unique; may be NULL */
  double       cvss_score;  /* < 0 when the feed gives none */
  MdgSeverity  severity;
} MdgFeedEntry;

MdgFeedEntry *mdg_feed_entry_new  (void);
void          mdg_feed_entry_free (MdgFeedEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgFeedEntry, mdg_feed_entry_free)

#define MDG_TYPE_FEED_ITEM (mdg_feed_item_get_type ())

G_DECLARE_FINAL_TYPE (MdgFeedItem, mdg_feed_item, MDG, FEED_ITEM, GObject)

gint64       mdg_feed_item_get_id           (MdgFeedItem *self);
gint64       mdg_feed_item_get_source_id    (MdgFeedItem *self);
const char  *mdg_feed_item_get_source_name  (MdgFeedItem *self);
const char  *mdg_feed_item_get_title        (MdgFeedItem *self);
const char  *mdg_feed_item_get_link         (MdgFeedItem *self);
const char  *mdg_feed_item_get_summary      (MdgFeedItem *self);
GDateTime   *mdg_feed_item_get_published_at (MdgFeedItem *self);
const char  *mdg_feed_item_get_identifier   (MdgFeedItem *self);
const char * const *mdg_feed_item_get_cve_ids (MdgFeedItem *self);
double       mdg_feed_item_get_cvss_score   (MdgFeedItem *self);
MdgSeverity  mdg_feed_item_get_severity     (MdgFeedItem *self);
gboolean     mdg_feed_item_get_read         (MdgFeedItem *self);
gboolean     mdg_feed_item_get_starred      (MdgFeedItem *self);
gboolean     mdg_feed_item_get_picked       (MdgFeedItem *self);

const char  *mdg_severity_to_string         (MdgSeverity  severity);
gboolean     mdg_severity_from_string       (const char  *text,
                                             MdgSeverity *severity);
const char  *mdg_severity_get_label         (MdgSeverity  severity);
MdgSeverity  mdg_severity_from_cvss_score   (double       score);

char        *mdg_feed_link_key              (const char  *link);
const char  *mdg_feed_format_to_string      (MdgFeedFormat format);
gboolean     mdg_feed_format_from_string    (const char    *text,
                                             MdgFeedFormat *format);

/* For the store. */
MdgFeedItem *_mdg_feed_item_new             (gint64       id,
                                             gint64       source_id,
                                             const char  *source_name,
                                             const char  *title,
                                             const char  *link,
                                             const char  *summary,
                                             GDateTime   *published_at,
                                             const char  *identifier,
                                             const char  *cve_ids,
                                             double       cvss_score,
                                             MdgSeverity  severity);
void         _mdg_feed_item_set_state       (MdgFeedItem *self,
                                             gboolean     read,
                                             gboolean     starred,
                                             gboolean     picked);

G_END_DECLS
