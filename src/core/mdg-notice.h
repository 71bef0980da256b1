/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-types.h"

G_BEGIN_DECLS

#define MDG_TYPE_NOTICE (mdg_notice_get_type ())

G_DECLARE_FINAL_TYPE (MdgNotice, mdg_notice, MDG, NOTICE, GObject)

MdgNotice     *mdg_notice_new                (void);
gint64         mdg_notice_get_id             (MdgNotice      *self);
const char    *mdg_notice_get_uuid           (MdgNotice      *self);
MdgNoticeKind  mdg_notice_get_kind           (MdgNotice      *self);
void           mdg_notice_set_kind           (MdgNotice      *self,
                                              MdgNoticeKind   kind);
const char    *mdg_notice_get_title          (MdgNotice      *self);
void           mdg_notice_set_title          (MdgNotice      *self,
                                              const char     *title);
const char    *mdg_notice_get_body           (MdgNotice      *self);
void           mdg_notice_set_body           (MdgNotice      *self,
                                              const char     *body);
GDateTime     *mdg_notice_get_publish_on     (MdgNotice      *self);
void           mdg_notice_set_publish_on     (MdgNotice      *self,
                                              GDateTime      *publish_on);
GArray        *mdg_notice_get_item_ids       (MdgNotice      *self);
GDateTime     *mdg_notice_get_updated_at     (MdgNotice      *self);
gboolean       mdg_notice_is_published       (MdgNotice      *self,
                                              GDateTime      *now);
gboolean       mdg_notice_validate           (MdgNotice      *self,
                                              GError        **error);

const char    *mdg_notice_kind_to_string     (MdgNoticeKind   kind);
gboolean       mdg_notice_kind_from_string   (const char     *text,
                                              MdgNoticeKind  *kind);
const char    *mdg_notice_kind_get_label     (MdgNoticeKind   kind);

void           _mdg_notice_set_identity      (MdgNotice      *self,
                                              gint64          id,
                                              const char     *uuid,
                                              GDateTime      *updated_at);

G_END_DECLS
