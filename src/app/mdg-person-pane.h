/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-person.h"

G_BEGIN_DECLS

#define MDG_TYPE_PERSON_PANE (mdg_person_pane_get_type ())

G_DECLARE_FINAL_TYPE (MdgPersonPane, mdg_person_pane, MDG, PERSON_PANE, GtkWidget)

void       mdg_person_pane_reload         (MdgPersonPane *self);
void       mdg_person_pane_commit_pending (MdgPersonPane *self);
void       mdg_person_pane_show_person    (MdgPersonPane *self,
                                           gint64         id);
void       mdg_person_pane_focus_search   (MdgPersonPane *self);
MdgPerson *mdg_person_pane_get_selected   (MdgPersonPane *self);
guint      mdg_person_pane_get_n_listed   (MdgPersonPane *self);

G_END_DECLS
