/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-staff"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-category-private.h"
#include "mdg-enum-private.h"
#include "mdg-enums.h"
#include "mdg-error.h"
#include "mdg-staff-store.h"
#include "mdg-util-private.h"

/*
 * The desk's own people: first-line staff who take consultations, second-line
 * specialists who answer the ones dispatched to them, coordinators who report. A
 * specialist's areas are the categories they handle; dispatch suggests by them.
 */

struct _MdgStaff
{
  GObject       parent_instance;

  gint64        id;
  char         *name;
  char         *kana;
  char         *email;
  MdgStaffRole  role;
  gboolean      active;
  GPtrArray    *areas;   /* MdgCategory */
};

G_DEFINE_FINAL_TYPE (MdgStaff, mdg_staff, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KANA,
  PROP_EMAIL,
  PROP_ROLE,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const MdgEnumEntry roles[] = {
  [MDG_STAFF_ROLE_FIRST_LINE] = { "first-line", "staff role", NC_("staff role", "First-line") },
  [MDG_STAFF_ROLE_SECOND_LINE] = { "second-line", "staff role", NC_("staff role", "Second-line specialist") },
  [MDG_STAFF_ROLE_COORDINATOR] = { "coordinator", "staff role", NC_("staff role", "Coordinator") },
};

const char *
mdg_staff_role_to_string (MdgStaffRole role)
{
  return _mdg_enum_to_key (roles, G_N_ELEMENTS (roles), role);
}

gboolean
mdg_staff_role_from_string (const char   *text,
                            MdgStaffRole *role)
{
  return _mdg_enum_from_key (roles, G_N_ELEMENTS (roles), text, (int *) role);
}

const char *
mdg_staff_role_get_label (MdgStaffRole role)
{
  return _mdg_enum_get_label (roles, G_N_ELEMENTS (roles), role);
}

static void
mdg_staff_finalize (GObject *object)
{
  MdgStaff *self = (MdgStaff *) object;

  g_free (self->name);
  g_free (self->kana);
  g_free (self->email);
  g_clear_pointer (&self->areas, g_ptr_array_unref);

  G_OBJECT_CLASS (mdg_staff_parent_class)->finalize (object);
}

static void
mdg_staff_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MdgStaff *self = MDG_STAFF (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_KANA: g_value_set_string (value, self->kana); break;
    case PROP_EMAIL: g_value_set_string (value, self->email); break;
    case PROP_ROLE: g_value_set_enum (value, self->role); break;
    case PROP_ACTIVE: g_value_set_boolean (value, self->active); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_staff_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MdgStaff *self = MDG_STAFF (object);

  switch (prop_id)
    {
    case PROP_NAME: mdg_staff_set_name (self, g_value_get_string (value)); break;
    case PROP_KANA: mdg_staff_set_kana (self, g_value_get_string (value)); break;
    case PROP_EMAIL: mdg_staff_set_email (self, g_value_get_string (value)); break;
    case PROP_ROLE: mdg_staff_set_role (self, g_value_get_enum (value)); break;
    case PROP_ACTIVE: mdg_staff_set_active (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_staff_class_init (MdgStaffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mdg_staff_finalize;
  object_class->get_property = mdg_staff_get_property;
  object_class->set_property = mdg_staff_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KANA] = g_param_spec_string ("kana", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL, MDG_TYPE_STAFF_ROLE, MDG_STAFF_ROLE_FIRST_LINE,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_staff_init (MdgStaff *self)
{
  self->active = TRUE;
  self->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_category_unref);
}

MdgStaff *
mdg_staff_new (const char   *name,
               MdgStaffRole  role)
{
  return g_object_new (MDG_TYPE_STAFF, "name", name, "role", role, NULL);
}

gint64
mdg_staff_get_id (MdgStaff *self)
{
  g_return_val_if_fail (MDG_IS_STAFF (self), 0);
  return self->id;
}

void
_mdg_staff_set_id (MdgStaff *self,
                   gint64    id)
{
  self->id = id;
}

const char *
mdg_staff_get_name (MdgStaff *self)
{
  g_return_val_if_fail (MDG_IS_STAFF (self), NULL);
  return self->name;
}

void
mdg_staff_set_name (MdgStaff   *self,
                    const char *name)
{
  g_return_if_fail (MDG_IS_STAFF (self));
  if (_mdg_set_text (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
mdg_staff_get_kana (MdgStaff *self)
{
  g_return_val_if_fail (MDG_IS_STAFF (self), NULL);
  return self->kana;
}

void
mdg_staff_set_kana (MdgStaff   *self,
                    const char *kana)
{
  g_return_if_fail (MDG_IS_STAFF (self));
  if (_mdg_set_text (&self->kana, kana))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KANA]);
}

const char *
mdg_staff_get_email (MdgStaff *self)
{
  g_return_val_if_fail (MDG_IS_STAFF (self), NULL);
  return self->email;
}

void
mdg_staff_set_email (MdgStaff   *self,
                     const char *email)
{
  g_return_if_fail (MDG_IS_STAFF (self));
  if (_mdg_set_text (&self->email, email))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

MdgStaffRole
mdg_staff_get_role (MdgStaff *self)
{
  g_return_val_if_fail (MDG_IS_STAFF (self), MDG_STAFF_ROLE_FIRST_LINE);
  return self->role;
}

void
mdg_staff_set_role (MdgStaff     *self,
                    MdgStaffRole  role)
{
  g_return_if_fail (MDG_IS_STAFF (self));
  if (self->role == role)
    return;
  self->role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

gboolean
mdg_staff_get_active (MdgStaff *self)
{
  g_return_val_if_fail (MDG_IS_STAFF (self), FALSE);
  return self->active;
}

void
mdg_staff_set_active (MdgStaff *self,
                      gboolean  active)
{
  g_return_if_fail (MDG_IS_STAFF (self));
  if (self->active == !!active)
    return;
  self->active = !!active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

/* Returns: (transfer none) (element-type MdgCategory): the categories they handle */
GPtrArray *
mdg_staff_get_areas (MdgStaff *self)
{
  g_return_val_if_fail (MDG_IS_STAFF (self), NULL);
  return self->areas;
}

/* @areas: (element-type MdgCategory): the categories they handle; copied */
void
mdg_staff_set_areas (MdgStaff  *self,
                     GPtrArray *areas)
{
  g_return_if_fail (MDG_IS_STAFF (self));

  g_ptr_array_set_size (self->areas, 0);
  for (guint i = 0; areas && i < areas->len; i++)
    g_ptr_array_add (self->areas, mdg_category_ref (g_ptr_array_index (areas, i)));
}

/* Returns: (transfer full): the areas' names, separated by the interface's comma */
char *
mdg_staff_dup_areas_text (MdgStaff *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  g_return_val_if_fail (MDG_IS_STAFF (self), NULL);

  for (guint i = 0; i < self->areas->len; i++)
    g_strv_builder_add (names, mdg_category_get_name (g_ptr_array_index (self->areas, i)));
  strv = g_strv_builder_end (names);
  /* Translators: separates the items of a list in running text */
  return g_strjoinv (C_("list separator", ", "), strv);
}

void
mdg_staff_suggestion_free (MdgStaffSuggestion *suggestion)
{
  g_clear_object (&suggestion->staff);
  g_free (suggestion);
}
