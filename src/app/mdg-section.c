/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-section"

#include "config.h"

#include "mdg-section.h"

/*
 * The base of the window's sections. The window tells each section whether its
 * sidebar is folded away ("narrow"), so that the section's header bar offers a way
 * back to it; templates bind their back buttons to this property.
 */

typedef struct
{
  gboolean narrow;
} MdgSectionPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MdgSection, mdg_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mdg_section_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MdgSection *self = MDG_SECTION (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      g_value_set_boolean (value, mdg_section_get_narrow (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_section_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MdgSection *self = MDG_SECTION (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      mdg_section_set_narrow (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_section_class_init (MdgSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mdg_section_get_property;
  object_class->set_property = mdg_section_set_property;

  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mdg_section_init (MdgSection *self)
{
}

gboolean
mdg_section_get_narrow (MdgSection *self)
{
  MdgSectionPrivate *priv = mdg_section_get_instance_private (self);

  g_return_val_if_fail (MDG_IS_SECTION (self), FALSE);
  return priv->narrow;
}

void
mdg_section_set_narrow (MdgSection *self,
                        gboolean    narrow)
{
  MdgSectionPrivate *priv = mdg_section_get_instance_private (self);

  g_return_if_fail (MDG_IS_SECTION (self));

  narrow = !!narrow;
  if (priv->narrow != narrow)
    {
      priv->narrow = narrow;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
    }
}
