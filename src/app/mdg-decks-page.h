/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-section.h"

G_BEGIN_DECLS

#define MDG_TYPE_DECKS_PAGE (mdg_decks_page_get_type ())

G_DECLARE_FINAL_TYPE (MdgDecksPage, mdg_decks_page, MDG, DECKS_PAGE, MdgSection)

void     mdg_decks_page_import_file   (MdgDecksPage *self,
                                       GFile        *file,
                                       gint64        deck_id,
                                       const char   *change_note);
gint64   mdg_decks_page_get_deck_id   (MdgDecksPage *self);
gboolean mdg_decks_page_is_busy       (MdgDecksPage *self);

G_END_DECLS
