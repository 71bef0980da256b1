/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-seminar.h"

G_BEGIN_DECLS

#define MDG_TYPE_CHECKIN_VIEW (mdg_checkin_view_get_type ())

G_DECLARE_FINAL_TYPE (MdgCheckinView, mdg_checkin_view, MDG, CHECKIN_VIEW, GtkWidget)

void mdg_checkin_view_bind        (MdgCheckinView *self,
                                   MdgDatabase    *database,
                                   MdgSeminar     *seminar,
                                   GListStore     *attendees);
void mdg_checkin_view_focus_entry (MdgCheckinView *self);

G_END_DECLS
