/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-document.h"

G_BEGIN_DECLS

#define MDG_TYPE_QUESTION_SHEET (mdg_question_sheet_get_type ())

G_DECLARE_FINAL_TYPE (MdgQuestionSheet, mdg_question_sheet, MDG, QUESTION_SHEET, MdgDocument)

MdgDocument *mdg_question_sheet_new (MdgSeminar *seminar,
                                     GPtrArray  *attendees);

G_END_DECLS
