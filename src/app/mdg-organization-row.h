/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-organization.h"

G_BEGIN_DECLS

#define MDG_TYPE_ORGANIZATION_ROW (mdg_organization_row_get_type ())

G_DECLARE_FINAL_TYPE (MdgOrganizationRow, mdg_organization_row, MDG, ORGANIZATION_ROW, GtkWidget)

GtkWidget *mdg_organization_row_new (MdgOrganization *organization);

G_END_DECLS
