/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-program-item.h"

G_BEGIN_DECLS

#define MDG_TYPE_PROGRAM_ROW (mdg_program_row_get_type ())

G_DECLARE_FINAL_TYPE (MdgProgramRow, mdg_program_row, MDG, PROGRAM_ROW, AdwActionRow)

GtkWidget      *mdg_program_row_new      (MdgProgramItem *item,
                                          gboolean        first,
                                          gboolean        last);
MdgProgramItem *mdg_program_row_get_item (MdgProgramRow  *self);

G_END_DECLS
