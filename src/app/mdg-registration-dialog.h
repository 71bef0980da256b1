/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-attendee.h"
#include "mdg-database.h"
#include "mdg-seminar.h"

G_BEGIN_DECLS

#define MDG_TYPE_REGISTRATION_DIALOG (mdg_registration_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MdgRegistrationDialog, mdg_registration_dialog, MDG, REGISTRATION_DIALOG, AdwWindow)

GtkWidget *mdg_registration_dialog_new (MdgDatabase *database,
                                        MdgSeminar  *seminar,
                                        MdgAttendee *attendee);

G_END_DECLS
