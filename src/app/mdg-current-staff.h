/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Who uses this Madoguchi: the staff member every change is recorded under. */

gint64 _mdg_current_staff_get_id (void);

G_END_DECLS
