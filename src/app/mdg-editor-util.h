/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Helpers shared by the editor dialogs. */
void     _mdg_editor_show_error  (GtkRevealer *revealer,
                                  GtkLabel    *label,
                                  const char  *message);
char    *_mdg_editor_dup_text    (GtkEditable *editable);
gboolean _mdg_editor_parse_time  (const char  *text,
                                  int         *hour,
                                  int         *minute);
gboolean _mdg_editor_parse_count (const char  *text,
                                  guint       *count);
void     _mdg_editor_set_count   (GtkEditable *editable,
                                  guint        count);

G_END_DECLS
