/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-consultation.h"
#include "mdg-database.h"
#include "mdg-document.h"

G_BEGIN_DECLS

#define MDG_TYPE_CONSULTATION_SHEET (mdg_consultation_sheet_get_type ())

G_DECLARE_FINAL_TYPE (MdgConsultationSheet, mdg_consultation_sheet, MDG, CONSULTATION_SHEET, MdgDocument)

MdgDocument *mdg_consultation_sheet_new  (MdgConsultation *consultation,
                                          GPtrArray       *history,
                                          GPtrArray       *follow_ups,
                                          GPtrArray       *attachments,
                                          const char      *desk_name);
MdgDocument *mdg_consultation_sheet_load (MdgDatabase     *db,
                                          gint64           id,
                                          GError         **error);

G_END_DECLS
