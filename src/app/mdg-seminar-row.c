/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-seminar-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-date.h"
#include "mdg-app-util.h"
#include "mdg-row-layout.h"
#include "mdg-seminar-row.h"

/*
 * A row of the seminar list. The list holds seminars and, above each group, a
 * heading ("Upcoming", "Past") as a GtkStringObject; the row shows either. Its
 * labels are bound in mdg-seminar-row.ui to the seminar's properties.
 */

struct _MdgSeminarRow
{
  GtkWidget   parent_instance;

  /* owned */
  GObject    *item;
};

G_DEFINE_FINAL_TYPE (MdgSeminarRow, mdg_seminar_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_SEMINAR,
  PROP_HEADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_when (MdgSeminarRow *self,
             GDateTime     *starts_at,
             GDateTime     *ends_at)
{
  return starts_at && ends_at ? mdg_date_range_format (starts_at, ends_at, MDG_DATE_DEFAULT) : NULL;
}

static char *
format_place (MdgSeminarRow *self,
              const char    *venue,
              const char    *online_url)
{
  return g_strdup (venue ? venue : online_url);
}

static gboolean
has_text (MdgSeminarRow *self,
          const char    *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
has_object (MdgSeminarRow *self,
            GObject       *object)
{
  return object != NULL;
}

static char *
format_status (MdgSeminarRow    *self,
               MdgSeminarStatus  status)
{
  return g_strdup (mdg_seminar_status_get_label (status));
}

static GStrv
status_classes (MdgSeminarRow    *self,
                MdgSeminarStatus  status)
{
  const char *classes[] = { "status-chip", mdg_seminar_status_to_string (status), NULL };

  return g_strdupv ((char **) classes);
}

static void
mdg_seminar_row_dispose (GObject *object)
{
  MdgSeminarRow *self = MDG_SEMINAR_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_SEMINAR_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (mdg_seminar_row_parent_class)->dispose (object);
}

static void
mdg_seminar_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MdgSeminarRow *self = MDG_SEMINAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_SEMINAR:
      g_value_set_object (value, mdg_seminar_row_get_seminar (self));
      break;
    case PROP_HEADING:
      g_value_set_string (value, GTK_IS_STRING_OBJECT (self->item)
                                   ? gtk_string_object_get_string (GTK_STRING_OBJECT (self->item))
                                   : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_seminar_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MdgSeminarRow *self = MDG_SEMINAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      mdg_seminar_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_seminar_row_class_init (MdgSeminarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_seminar_row_dispose;
  object_class->get_property = mdg_seminar_row_get_property;
  object_class->set_property = mdg_seminar_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEMINAR] =
    g_param_spec_object ("seminar", NULL, NULL, MDG_TYPE_SEMINAR, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADING] =
    g_param_spec_string ("heading", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-seminar-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, format_when);
  gtk_widget_class_bind_template_callback (widget_class, format_place);
  gtk_widget_class_bind_template_callback (widget_class, format_status);
  gtk_widget_class_bind_template_callback (widget_class, status_classes);
  gtk_widget_class_bind_template_callback (widget_class, has_text);
  gtk_widget_class_bind_template_callback (widget_class, has_object);
  gtk_widget_class_set_layout_manager_type (widget_class, MDG_TYPE_ROW_LAYOUT);
}

static void
mdg_seminar_row_init (MdgSeminarRow *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Returns: (transfer none) (nullable): the seminar, or the heading's string object */
GObject *
mdg_seminar_row_get_item (MdgSeminarRow *self)
{
  g_return_val_if_fail (MDG_IS_SEMINAR_ROW (self), NULL);
  return self->item;
}

void
mdg_seminar_row_set_item (MdgSeminarRow *self,
                          GObject       *item)
{
  g_return_if_fail (MDG_IS_SEMINAR_ROW (self));

  if (g_set_object (&self->item, item))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEMINAR]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADING]);
    }
}

/* Returns: (transfer none) (nullable): the seminar shown, %NULL on a heading */
MdgSeminar *
mdg_seminar_row_get_seminar (MdgSeminarRow *self)
{
  g_return_val_if_fail (MDG_IS_SEMINAR_ROW (self), NULL);
  return MDG_IS_SEMINAR (self->item) ? MDG_SEMINAR (self->item) : NULL;
}
