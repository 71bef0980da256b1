/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-organization"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-organization.h"
#include "mdg-util-private.h"

/* An SME: the company its people and consultations belong to. */

struct _MdgOrganization
{
  GObject  parent_instance;

  gint64   id;
  char    *text[MDG_ORGANIZATION_N_FIELDS];
  guint    employees;
};

G_DEFINE_FINAL_TYPE (MdgOrganization, mdg_organization, G_TYPE_OBJECT)

static const char *labels[] = {
  [MDG_ORGANIZATION_NAME] = NC_("organization", "Name"),
  [MDG_ORGANIZATION_KANA] = NC_("organization", "Reading"),
  [MDG_ORGANIZATION_INDUSTRY] = NC_("organization", "Industry"),
  [MDG_ORGANIZATION_MUNICIPALITY] = NC_("organization", "Municipality"),
  [MDG_ORGANIZATION_NOTE] = NC_("organization", "Note"),
  [MDG_ORGANIZATION_ADDRESS] = NC_("organization", "Address"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (labels) == MDG_ORGANIZATION_N_FIELDS);

static void
mdg_organization_finalize (GObject *object)
{
  MdgOrganization *self = (MdgOrganization *) object;

  for (guint i = 0; i < MDG_ORGANIZATION_N_FIELDS; i++)
    g_free (self->text[i]);

  G_OBJECT_CLASS (mdg_organization_parent_class)->finalize (object);
}

static void
mdg_organization_class_init (MdgOrganizationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdg_organization_finalize;
}

static void
mdg_organization_init (MdgOrganization *self)
{
}

MdgOrganization *
mdg_organization_new (void)
{
  return g_object_new (MDG_TYPE_ORGANIZATION, NULL);
}

void
_mdg_organization_set_id (MdgOrganization *self,
                          gint64           id)
{
  self->id = id;
}

gint64
mdg_organization_get_id (MdgOrganization *self)
{
  g_return_val_if_fail (MDG_IS_ORGANIZATION (self), 0);
  return self->id;
}

/* Returns: (nullable): the field's text, %NULL when blank */
const char *
mdg_organization_get_text (MdgOrganization      *self,
                           MdgOrganizationField  field)
{
  g_return_val_if_fail (MDG_IS_ORGANIZATION (self), NULL);
  g_return_val_if_fail (field < MDG_ORGANIZATION_N_FIELDS, NULL);
  return self->text[field];
}

void
mdg_organization_set_text (MdgOrganization      *self,
                           MdgOrganizationField  field,
                           const char           *text)
{
  g_return_if_fail (MDG_IS_ORGANIZATION (self));
  g_return_if_fail (field < MDG_ORGANIZATION_N_FIELDS);
  _mdg_set_text (&self->text[field], text);
}

/* Returns: the number of employees, 0 when not known */
guint
mdg_organization_get_employees (MdgOrganization *self)
{
  g_return_val_if_fail (MDG_IS_ORGANIZATION (self), 0);
  return self->employees;
}

void
mdg_organization_set_employees (MdgOrganization *self,
                                guint            employees)
{
  g_return_if_fail (MDG_IS_ORGANIZATION (self));
  self->employees = employees;
}

const char *
mdg_organization_field_get_label (MdgOrganizationField field)
{
  g_return_val_if_fail (field < MDG_ORGANIZATION_N_FIELDS, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "organization", labels[field]);
}
