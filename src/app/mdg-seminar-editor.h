/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-seminar.h"

G_BEGIN_DECLS

#define MDG_TYPE_SEMINAR_EDITOR (mdg_seminar_editor_get_type ())

G_DECLARE_FINAL_TYPE (MdgSeminarEditor, mdg_seminar_editor, MDG, SEMINAR_EDITOR, AdwWindow)

GtkWidget *mdg_seminar_editor_new (MdgDatabase *database,
                                   MdgSeminar  *seminar);

G_END_DECLS
