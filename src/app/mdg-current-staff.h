/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/* Who uses this Madoguchi: the staff member every change is recorded under. */

gint64      _mdg_current_staff_get_id  (void);
GtkWidget  *_mdg_current_staff_row_new (MdgDatabase *db);
void        _mdg_current_staff_row_reload (GtkWidget *row);

G_END_DECLS
