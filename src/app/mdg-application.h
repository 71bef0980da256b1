/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"

G_BEGIN_DECLS

#define MDG_TYPE_APPLICATION (mdg_application_get_type ())

G_DECLARE_FINAL_TYPE (MdgApplication, mdg_application, MDG, APPLICATION, AdwApplication)

MdgApplication *mdg_application_new               (void);
const char     *mdg_application_get_database_path (MdgApplication *self);
void            mdg_application_set_database_path (MdgApplication *self,
                                                   const char     *path);

void            mdg_application_skip_gtk_theme    (void);

G_END_DECLS
