/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MDG_TYPE_WRAP_BOX (mdg_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (MdgWrapBox, mdg_wrap_box, MDG, WRAP_BOX, GtkWidget)

G_END_DECLS
