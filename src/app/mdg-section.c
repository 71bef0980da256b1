/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-section"

#include "config.h"

#include "mdg-section.h"

/*
 * The base of the window's sections. A section is made when it is first opened, with
 * the window's database. The window tells it whether the sidebar is folded away
 * ("narrow"), so that its header bar offers a way back; the section tells the window
 * when it needs the whole width ("fills-window": the check-in desk, the attendee
 * table), and the window folds its sidebar away meanwhile.
 */

typedef struct
{
  MdgDatabase *database;
  gboolean     narrow;
  gboolean     fills_window;
} MdgSectionPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MdgSection, mdg_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_NARROW,
  PROP_FILLS_WINDOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mdg_section_real_search (MdgSection *self)
{
  gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
mdg_section_real_close (MdgSection *self)
{
}

static void
mdg_section_real_refresh (MdgSection *self)
{
}

static void
mdg_section_dispose (GObject *object)
{
  MdgSectionPrivate *priv = mdg_section_get_instance_private (MDG_SECTION (object));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&priv->database);

  G_OBJECT_CLASS (mdg_section_parent_class)->dispose (object);
}

static void
mdg_section_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MdgSection *self = MDG_SECTION (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, mdg_section_get_database (self));
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, mdg_section_get_narrow (self));
      break;
    case PROP_FILLS_WINDOW:
      g_value_set_boolean (value, mdg_section_get_fills_window (self));
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
  MdgSectionPrivate *priv = mdg_section_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_DATABASE:
      priv->database = g_value_dup_object (value);
      break;
    case PROP_NARROW:
      mdg_section_set_narrow (self, g_value_get_boolean (value));
      break;
    case PROP_FILLS_WINDOW:
      mdg_section_set_fills_window (self, g_value_get_boolean (value));
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

  object_class->dispose = mdg_section_dispose;
  object_class->get_property = mdg_section_get_property;
  object_class->set_property = mdg_section_set_property;
  klass->search = mdg_section_real_search;
  klass->close = mdg_section_real_close;
  klass->refresh = mdg_section_real_refresh;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, MDG_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILLS_WINDOW] =
    g_param_spec_boolean ("fills-window", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mdg_section_init (MdgSection *self)
{
}

/* Returns: (transfer none) (nullable): the database the section shows */
MdgDatabase *
mdg_section_get_database (MdgSection *self)
{
  MdgSectionPrivate *priv = mdg_section_get_instance_private (self);

  g_return_val_if_fail (MDG_IS_SECTION (self), NULL);
  return priv->database;
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

gboolean
mdg_section_get_fills_window (MdgSection *self)
{
  MdgSectionPrivate *priv = mdg_section_get_instance_private (self);

  g_return_val_if_fail (MDG_IS_SECTION (self), FALSE);
  return priv->fills_window;
}

/* The section asks for the whole window (the sidebar folds away) or gives it back. */
void
mdg_section_set_fills_window (MdgSection *self,
                              gboolean    fills_window)
{
  MdgSectionPrivate *priv = mdg_section_get_instance_private (self);

  g_return_if_fail (MDG_IS_SECTION (self));

  fills_window = !!fills_window;
  if (priv->fills_window != fills_window)
    {
      priv->fills_window = fills_window;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILLS_WINDOW]);
    }
}

void
mdg_section_search (MdgSection *self)
{
  g_return_if_fail (MDG_IS_SECTION (self));
  MDG_SECTION_GET_CLASS (self)->search (self);
}

void
mdg_section_close (MdgSection *self)
{
  g_return_if_fail (MDG_IS_SECTION (self));
  MDG_SECTION_GET_CLASS (self)->close (self);
}

/* The database changed under the section (a sync): it reads what it shows again. */
void
mdg_section_refresh (MdgSection *self)
{
  g_return_if_fail (MDG_IS_SECTION (self));
  MDG_SECTION_GET_CLASS (self)->refresh (self);
}
