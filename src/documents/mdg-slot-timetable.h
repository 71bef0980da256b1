/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-document.h"

G_BEGIN_DECLS

#define MDG_TYPE_SLOT_TIMETABLE (mdg_slot_timetable_get_type ())

G_DECLARE_FINAL_TYPE (MdgSlotTimetable, mdg_slot_timetable, MDG, SLOT_TIMETABLE, MdgDocument)

MdgDocument *mdg_slot_timetable_new (MdgSeminar *seminar,
                                     GPtrArray  *slots);

G_END_DECLS
