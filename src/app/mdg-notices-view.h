/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-feed-item.h"

G_BEGIN_DECLS

#define MDG_TYPE_NOTICES_VIEW (mdg_notices_view_get_type ())
G_DECLARE_FINAL_TYPE (MdgNoticesView, mdg_notices_view, MDG, NOTICES_VIEW, GtkWidget)

GtkWidget *mdg_notices_view_new            (MdgDatabase    *database);
void       mdg_notices_view_show_list      (MdgNoticesView *self);
void       mdg_notices_view_new_from_item  (MdgNoticesView *self,
                                            MdgFeedItem    *item);

G_END_DECLS
