/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-section.h"

G_BEGIN_DECLS

#define MDG_TYPE_PLANNED_SECTION (mdg_planned_section_get_type ())

G_DECLARE_FINAL_TYPE (MdgPlannedSection, mdg_planned_section, MDG, PLANNED_SECTION, MdgSection)

GtkWidget *mdg_planned_section_new (const char *title,
                                    const char *icon_name,
                                    const char *description);

G_END_DECLS
