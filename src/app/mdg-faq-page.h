/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-section.h"

G_BEGIN_DECLS

#define MDG_TYPE_FAQ_PAGE (mdg_faq_page_get_type ())
G_DECLARE_FINAL_TYPE (MdgFaqPage, mdg_faq_page, MDG, FAQ_PAGE, MdgSection)

G_END_DECLS
