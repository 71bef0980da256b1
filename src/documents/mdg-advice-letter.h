/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-consultation.h"
#include "mdg-database.h"
#include "mdg-desk.h"
#include "mdg-document.h"
#include "mdg-follow-up.h"

G_BEGIN_DECLS

#define MDG_TYPE_ADVICE_LETTER (mdg_advice_letter_get_type ())

G_DECLARE_FINAL_TYPE (MdgAdviceLetter, mdg_advice_letter, MDG, ADVICE_LETTER, MdgDocument)

MdgDocument *mdg_advice_letter_new  (MdgFollowUp          *follow_up,
                                     MdgConsultation      *consultation,
                                     const MdgDeskContact *desk);
MdgDocument *mdg_advice_letter_load (MdgDatabase          *db,
                                     gint64                follow_up_id,
                                     GError              **error);

G_END_DECLS
