/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-section.h"

G_BEGIN_DECLS

#define MDG_TYPE_CONSULTATIONS_PAGE (mdg_consultations_page_get_type ())

G_DECLARE_FINAL_TYPE (MdgConsultationsPage, mdg_consultations_page, MDG, CONSULTATIONS_PAGE, MdgSection)

/* How long typing pauses before the intake draft is written, in milliseconds. */
#define MDG_CONSULTATIONS_DRAFT_DELAY_MS 300

gboolean mdg_consultations_page_get_draft_idle (MdgConsultationsPage *self);
void     mdg_consultations_page_open           (MdgConsultationsPage *self,
                                                gint64                consultation_id);

G_END_DECLS
