/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-section.h"

#include "mdg-database.h"
#include "mdg-seminar.h"

G_BEGIN_DECLS

#define MDG_TYPE_SEMINARS_PAGE (mdg_seminars_page_get_type ())

G_DECLARE_FINAL_TYPE (MdgSeminarsPage, mdg_seminars_page, MDG, SEMINARS_PAGE, MdgSection)

void        mdg_seminars_page_select       (MdgSeminarsPage *self,
                                            gint64           seminar_id);
MdgSeminar *mdg_seminars_page_get_selected (MdgSeminarsPage *self);
guint       mdg_seminars_page_get_n_listed (MdgSeminarsPage *self);
gboolean    mdg_seminars_page_get_loaded   (MdgSeminarsPage *self);

G_END_DECLS
