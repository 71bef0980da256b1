/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-section.h"

G_BEGIN_DECLS

#define MDG_TYPE_CONTACTS_PAGE (mdg_contacts_page_get_type ())

G_DECLARE_FINAL_TYPE (MdgContactsPage, mdg_contacts_page, MDG, CONTACTS_PAGE, MdgSection)

void        mdg_contacts_page_reload       (MdgContactsPage *self);
MdgPerson  *mdg_contacts_page_get_selected (MdgContactsPage *self);
guint       mdg_contacts_page_get_n_people (MdgContactsPage *self);
void        mdg_contacts_page_select       (MdgContactsPage *self,
                                            gint64           id);

G_END_DECLS
