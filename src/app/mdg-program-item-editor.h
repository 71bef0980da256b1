/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-program-item.h"

G_BEGIN_DECLS

#define MDG_TYPE_PROGRAM_ITEM_EDITOR (mdg_program_item_editor_get_type ())

G_DECLARE_FINAL_TYPE (MdgProgramItemEditor, mdg_program_item_editor, MDG, PROGRAM_ITEM_EDITOR, AdwWindow)

GtkWidget *mdg_program_item_editor_new (MdgDatabase    *database,
                                        gint64          seminar_id,
                                        MdgProgramItem *item);

G_END_DECLS
