/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-seminar.h"

G_BEGIN_DECLS

#define MDG_TYPE_ATTENDEES_VIEW (mdg_attendees_view_get_type ())

G_DECLARE_FINAL_TYPE (MdgAttendeesView, mdg_attendees_view, MDG, ATTENDEES_VIEW, GtkWidget)

void mdg_attendees_view_bind         (MdgAttendeesView *self,
                                      MdgDatabase      *database,
                                      MdgSeminar       *seminar,
                                      GListStore       *attendees);
void mdg_attendees_view_focus_search (MdgAttendeesView *self);

G_END_DECLS
