/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-organization.h"

G_BEGIN_DECLS

#define MDG_TYPE_ORGANIZATION_PANE (mdg_organization_pane_get_type ())

G_DECLARE_FINAL_TYPE (MdgOrganizationPane, mdg_organization_pane, MDG, ORGANIZATION_PANE, GtkWidget)

void             mdg_organization_pane_reload            (MdgOrganizationPane *self);
void             mdg_organization_pane_show_organization (MdgOrganizationPane *self,
                                                          gint64               id);
void             mdg_organization_pane_focus_search      (MdgOrganizationPane *self);
MdgOrganization *mdg_organization_pane_get_selected      (MdgOrganizationPane *self);
guint            mdg_organization_pane_get_n_listed      (MdgOrganizationPane *self);

G_END_DECLS
