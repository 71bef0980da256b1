/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-document.h"

G_BEGIN_DECLS

#define MDG_TYPE_TOPIC_SHEET (mdg_topic_sheet_get_type ())

G_DECLARE_FINAL_TYPE (MdgTopicSheet, mdg_topic_sheet, MDG, TOPIC_SHEET, MdgDocument)

MdgDocument *mdg_topic_sheet_new (MdgSeminar *seminar,
                                  GPtrArray  *items);

G_END_DECLS
