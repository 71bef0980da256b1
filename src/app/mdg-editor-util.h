/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Helpers shared by the editor dialogs. */
void  _mdg_editor_show_error (GtkRevealer *revealer,
                              GtkLabel    *label,
                              const char  *message);
char *_mdg_editor_dup_text   (GtkEditable *editable);

G_END_DECLS
