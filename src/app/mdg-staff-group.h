/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"

G_BEGIN_DECLS

#define MDG_TYPE_STAFF_GROUP (mdg_staff_group_get_type ())

G_DECLARE_FINAL_TYPE (MdgStaffGroup, mdg_staff_group, MDG, STAFF_GROUP, AdwPreferencesGroup)

GtkWidget *mdg_staff_group_new (MdgDatabase *db);

void       _mdg_toast_needs_staff (GtkWidget  *widget,
                                   const char *message);

G_END_DECLS
