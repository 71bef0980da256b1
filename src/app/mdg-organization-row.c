/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-organization-row"

#include "config.h"

#include "mdg-app-util.h"
#include "mdg-row-layout.h"
#include "mdg-organization-row.h"

/*
 * An organization in a list: its reading (フリガナ, in katakana) small above the
 * name, and its municipality. Bound in mdg-organization-row.ui.
 */

struct _MdgOrganizationRow
{
  GtkWidget  parent_instance;

  /* owned */
  MdgOrganization *organization;
};

G_DEFINE_FINAL_TYPE (MdgOrganizationRow, mdg_organization_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ORGANIZATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_reading (MdgOrganizationRow *self,
                const char         *kana)
{
  return _mdg_format_reading (kana);
}

static gboolean
has_text (MdgOrganizationRow *self,
          const char         *text)
{
  return text != NULL && *text != '\0';
}

static void
mdg_organization_row_dispose (GObject *object)
{
  MdgOrganizationRow *self = MDG_ORGANIZATION_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_ORGANIZATION_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->organization);

  G_OBJECT_CLASS (mdg_organization_row_parent_class)->dispose (object);
}

static void
mdg_organization_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MdgOrganizationRow *self = MDG_ORGANIZATION_ROW (object);

  switch (prop_id)
    {
    case PROP_ORGANIZATION:
      g_value_set_object (value, self->organization);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_organization_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MdgOrganizationRow *self = MDG_ORGANIZATION_ROW (object);

  switch (prop_id)
    {
    case PROP_ORGANIZATION:
      if (g_set_object (&self->organization, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_organization_row_class_init (MdgOrganizationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_organization_row_dispose;
  object_class->get_property = mdg_organization_row_get_property;
  object_class->set_property = mdg_organization_row_set_property;

  properties[PROP_ORGANIZATION] =
    g_param_spec_object ("organization", NULL, NULL, MDG_TYPE_ORGANIZATION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-organization-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, format_reading);
  gtk_widget_class_bind_template_callback (widget_class, has_text);
  gtk_widget_class_set_layout_manager_type (widget_class, MDG_TYPE_ROW_LAYOUT);
}

static void
mdg_organization_row_init (MdgOrganizationRow *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Returns: (transfer floating): a row for lists bound with gtk_list_box_bind_model() */
GtkWidget *
mdg_organization_row_new (MdgOrganization *organization)
{
  return g_object_new (MDG_TYPE_ORGANIZATION_ROW, "organization", organization, NULL);
}
