/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-document.h"

G_BEGIN_DECLS

#define MDG_TYPE_SLIDE_TEXT_DOCUMENT (mdg_slide_text_document_get_type ())

G_DECLARE_FINAL_TYPE (MdgSlideTextDocument, mdg_slide_text_document, MDG, SLIDE_TEXT_DOCUMENT, MdgDocument)

MdgDocument *mdg_slide_text_document_new (const char  *title,
                                          const char  *author,
                                          GPtrArray   *pages,
                                          GError     **error);

G_END_DECLS
