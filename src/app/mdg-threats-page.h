/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-feed-fetcher.h"
#include "mdg-section.h"

G_BEGIN_DECLS

#define MDG_TYPE_THREATS_PAGE (mdg_threats_page_get_type ())
G_DECLARE_FINAL_TYPE (MdgThreatsPage, mdg_threats_page, MDG, THREATS_PAGE, MdgSection)

void mdg_threats_page_set_fetcher (MdgThreatsPage *self,
                                   MdgFeedFetcher *fetcher);

G_END_DECLS
