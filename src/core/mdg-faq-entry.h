/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-types.h"

G_BEGIN_DECLS

/*
 * A category as the FAQ uses it: a guidebook section, a threat type or a kind of
 * request (see categories.tsv), with the guidebook chapter it belongs to.
 */
typedef struct
{
  gint64  id;
  char   *scheme;      /* "guidebook", "threat", "kind" */
  char   *key;         /* "M2-04", "T-RANSOM" */
  char   *name_ja;
  char   *name_en;
  int     position;    /* order within its scheme */
  gint64  parent_id;   /* the chapter of a guidebook section; 0 for a chapter */
} MdgFaqCategory;

#define MDG_TYPE_FAQ_CATEGORY (mdg_faq_category_get_type ())

GType           mdg_faq_category_get_type  (void) G_GNUC_CONST;
MdgFaqCategory *mdg_faq_category_ref       (MdgFaqCategory *category);
void            mdg_faq_category_unref     (MdgFaqCategory *category);
const char     *mdg_faq_category_get_name  (const MdgFaqCategory *category);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgFaqCategory, mdg_faq_category_unref)

#define MDG_TYPE_FAQ_ENTRY (mdg_faq_entry_get_type ())

G_DECLARE_FINAL_TYPE (MdgFaqEntry, mdg_faq_entry, MDG, FAQ_ENTRY, GObject)

MdgFaqEntry *mdg_faq_entry_new                  (void);
gint64       mdg_faq_entry_get_id               (MdgFaqEntry  *self);
const char  *mdg_faq_entry_get_uuid             (MdgFaqEntry  *self);
const char  *mdg_faq_entry_get_question         (MdgFaqEntry  *self);
void         mdg_faq_entry_set_question         (MdgFaqEntry  *self,
                                                 const char   *question);
const char  *mdg_faq_entry_get_answer           (MdgFaqEntry  *self);
void         mdg_faq_entry_set_answer           (MdgFaqEntry  *self,
                                                 const char   *answer);
gboolean     mdg_faq_entry_get_published        (MdgFaqEntry  *self);
void         mdg_faq_entry_set_published        (MdgFaqEntry  *self,
                                                 gboolean      published);
GPtrArray   *mdg_faq_entry_get_categories       (MdgFaqEntry  *self);
void         mdg_faq_entry_set_categories       (MdgFaqEntry  *self,
                                                 GPtrArray    *categories);
GArray      *mdg_faq_entry_get_consultation_ids (MdgFaqEntry  *self);
gint64       mdg_faq_entry_get_feed_item_id     (MdgFaqEntry  *self);
GDateTime   *mdg_faq_entry_get_updated_at       (MdgFaqEntry  *self);
gboolean     mdg_faq_entry_validate             (MdgFaqEntry  *self,
                                                 GError      **error);

/* For the store. */
void         _mdg_faq_entry_set_identity        (MdgFaqEntry  *self,
                                                 gint64        id,
                                                 const char   *uuid,
                                                 GDateTime    *updated_at);
void         _mdg_faq_entry_set_feed_item_id    (MdgFaqEntry  *self,
                                                 gint64        feed_item_id);

G_END_DECLS
