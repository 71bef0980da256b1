/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-section.h"

G_BEGIN_DECLS

#define MDG_TYPE_CONTACTS_PAGE (mdg_contacts_page_get_type ())

G_DECLARE_FINAL_TYPE (MdgContactsPage, mdg_contacts_page, MDG, CONTACTS_PAGE, MdgSection)

const char *mdg_contacts_page_get_mode (MdgContactsPage *self);
void        mdg_contacts_page_set_mode (MdgContactsPage *self,
                                        const char      *mode);

G_END_DECLS
