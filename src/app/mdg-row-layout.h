/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MDG_TYPE_ROW_LAYOUT (mdg_row_layout_get_type ())

G_DECLARE_FINAL_TYPE (MdgRowLayout, mdg_row_layout, MDG, ROW_LAYOUT, GtkLayoutManager)

G_END_DECLS
