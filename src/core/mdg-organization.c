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

/* Read-only properties, for lists that bind their rows to them. */
enum {
  PROP_0,
  PROP_ID,
  PROP_EMPLOYEES,
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + MDG_ORGANIZATION_N_FIELDS
};

static GParamSpec *properties[N_PROPS];

static const char *keys[] = {
  [MDG_ORGANIZATION_NAME] = "name",
  [MDG_ORGANIZATION_KANA] = "kana",
  [MDG_ORGANIZATION_INDUSTRY] = "industry",
  [MDG_ORGANIZATION_MUNICIPALITY] = "municipality",
  [MDG_ORGANIZATION_NOTE] = "note",
  [MDG_ORGANIZATION_ADDRESS] = "address",
};

G_STATIC_ASSERT (G_N_ELEMENTS (keys) == MDG_ORGANIZATION_N_FIELDS);

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
mdg_organization_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MdgOrganization *self = MDG_ORGANIZATION (object);

  if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
    g_value_set_string (value, self->text[prop_id - PROP_FIRST_TEXT]);
  else if (prop_id == PROP_ID)
    g_value_set_int64 (value, self->id);
  else if (prop_id == PROP_EMPLOYEES)
    g_value_set_uint (value, self->employees);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
mdg_organization_class_init (MdgOrganizationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mdg_organization_finalize;
  object_class->get_property = mdg_organization_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_EMPLOYEES] = g_param_spec_uint ("employees", NULL, NULL, 0, G_MAXUINT, 0, ro);
  for (guint i = 0; i < MDG_ORGANIZATION_N_FIELDS; i++)
    properties[PROP_FIRST_TEXT + i] = g_param_spec_string (keys[i], NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
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

/**
 * mdg_organization_copy:
 * @self: a #MdgOrganization
 *
 * Returns: (transfer full): a copy with the same id, to edit without touching @self
 */
MdgOrganization *
mdg_organization_copy (MdgOrganization *self)
{
  MdgOrganization *copy;

  g_return_val_if_fail (MDG_IS_ORGANIZATION (self), NULL);

  copy = mdg_organization_new ();
  copy->id = self->id;
  for (guint f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
    mdg_organization_set_text (copy, f, mdg_organization_get_text (self, f));
  mdg_organization_set_employees (copy, mdg_organization_get_employees (self));
  return copy;
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
  if (_mdg_set_text (&self->text[field], text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TEXT + field]);
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
  if (self->employees != employees)
    {
      self->employees = employees;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPLOYEES]);
    }
}

const char *
mdg_organization_field_get_label (MdgOrganizationField field)
{
  g_return_val_if_fail (field < MDG_ORGANIZATION_N_FIELDS, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "organization", labels[field]);
}
