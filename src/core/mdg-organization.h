/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-types.h"

G_BEGIN_DECLS

typedef enum
{
  MDG_ORGANIZATION_NAME,
  MDG_ORGANIZATION_KANA,
  MDG_ORGANIZATION_INDUSTRY,
  MDG_ORGANIZATION_MUNICIPALITY,
  MDG_ORGANIZATION_NOTE,
  MDG_ORGANIZATION_ADDRESS,
  MDG_ORGANIZATION_N_FIELDS
} MdgOrganizationField;

#define MDG_TYPE_ORGANIZATION (mdg_organization_get_type ())

G_DECLARE_FINAL_TYPE (MdgOrganization, mdg_organization, MDG, ORGANIZATION, GObject)

MdgOrganization *mdg_organization_new            (void);
MdgOrganization *mdg_organization_copy           (MdgOrganization      *self);
gint64           mdg_organization_get_id         (MdgOrganization      *self);
const char      *mdg_organization_get_text       (MdgOrganization      *self,
                                                  MdgOrganizationField  field);
void             mdg_organization_set_text       (MdgOrganization      *self,
                                                  MdgOrganizationField  field,
                                                  const char           *text);
guint            mdg_organization_get_employees  (MdgOrganization      *self);
void             mdg_organization_set_employees  (MdgOrganization      *self,
                                                  guint                 employees);
const char      *mdg_organization_field_get_label (MdgOrganizationField field);

void             _mdg_organization_set_id        (MdgOrganization      *self,
                                                  gint64                id);

G_END_DECLS
