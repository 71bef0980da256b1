/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-person.h"

G_BEGIN_DECLS

#define MDG_TYPE_PERSON_ROW (mdg_person_row_get_type ())

G_DECLARE_FINAL_TYPE (MdgPersonRow, mdg_person_row, MDG, PERSON_ROW, GtkWidget)

GtkWidget *mdg_person_row_new (MdgPerson *person);

G_END_DECLS
