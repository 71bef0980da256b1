/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-attendee.h"

G_BEGIN_DECLS

#define MDG_TYPE_CHECKIN_ROW (mdg_checkin_row_get_type ())

G_DECLARE_FINAL_TYPE (MdgCheckinRow, mdg_checkin_row, MDG, CHECKIN_ROW, AdwActionRow)

typedef enum
{
  MDG_CHECKIN_ROW_CANDIDATE,  /* a match of the search, with its Check In button */
  MDG_CHECKIN_ROW_RECENT,     /* checked in a moment ago, with its Undo button */
} MdgCheckinRowKind;

GtkWidget   *mdg_checkin_row_new          (MdgAttendee       *attendee,
                                           MdgCheckinRowKind  kind);
MdgAttendee *mdg_checkin_row_get_attendee (MdgCheckinRow     *self);

G_END_DECLS
