/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-seminar.h"

G_BEGIN_DECLS

#define MDG_TYPE_REGISTRATION_EDITOR (mdg_registration_editor_get_type ())

G_DECLARE_FINAL_TYPE (MdgRegistrationEditor, mdg_registration_editor, MDG, REGISTRATION_EDITOR, AdwWindow)

GtkWidget *mdg_registration_editor_new (MdgDatabase *database,
                                        MdgSeminar  *seminar,
                                        gboolean     walk_in);

G_END_DECLS
