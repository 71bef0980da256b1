/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-document.h"

G_BEGIN_DECLS

#define MDG_TYPE_BADGE_SHEET (mdg_badge_sheet_get_type ())

G_DECLARE_FINAL_TYPE (MdgBadgeSheet, mdg_badge_sheet, MDG, BADGE_SHEET, MdgDocument)

MdgDocument *mdg_badge_sheet_new (MdgSeminar *seminar,
                                  GPtrArray  *attendees);

G_END_DECLS
