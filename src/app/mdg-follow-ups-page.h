/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-follow-up.h"
#include "mdg-section.h"

G_BEGIN_DECLS

#define MDG_TYPE_FOLLOW_UPS_PAGE (mdg_follow_ups_page_get_type ())

G_DECLARE_FINAL_TYPE (MdgFollowUpsPage, mdg_follow_ups_page, MDG, FOLLOW_UPS_PAGE, MdgSection)

const char  *mdg_follow_ups_page_get_filter   (MdgFollowUpsPage *self);
void         mdg_follow_ups_page_set_filter   (MdgFollowUpsPage *self,
                                               const char       *filter);
guint        mdg_follow_ups_page_get_n_listed (MdgFollowUpsPage *self);
MdgFollowUp *mdg_follow_ups_page_get_listed   (MdgFollowUpsPage *self,
                                               guint             index);
void         mdg_follow_ups_page_select       (MdgFollowUpsPage *self,
                                               gint64            id);
MdgFollowUp *mdg_follow_ups_page_get_selected (MdgFollowUpsPage *self);
gboolean     mdg_follow_ups_page_is_loading   (MdgFollowUpsPage *self);

G_END_DECLS
