/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-seminar.h"

G_BEGIN_DECLS

#define MDG_TYPE_SEMINAR_ROW (mdg_seminar_row_get_type ())

G_DECLARE_FINAL_TYPE (MdgSeminarRow, mdg_seminar_row, MDG, SEMINAR_ROW, GtkWidget)

GObject    *mdg_seminar_row_get_item    (MdgSeminarRow *self);
void        mdg_seminar_row_set_item    (MdgSeminarRow *self,
                                         GObject       *item);
MdgSeminar *mdg_seminar_row_get_seminar (MdgSeminarRow *self);

G_END_DECLS
