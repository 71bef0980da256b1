/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-person-row"

#include "config.h"

#include "mdg-app-util.h"
#include "mdg-row-layout.h"
#include "mdg-person-row.h"

/*
 * A person in a list: the reading (フリガナ, in katakana) small above the name, and
 * their organization, or their e-mail when they have none. Bound in
 * mdg-person-row.ui to the person's properties.
 */

struct _MdgPersonRow
{
  GtkWidget  parent_instance;

  /* owned */
  MdgPerson *person;
};

G_DEFINE_FINAL_TYPE (MdgPersonRow, mdg_person_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
join (const char *a,
      const char *b)
{
  return g_strjoin (a && b ? " " : "", a ? a : "", b ? b : "", NULL);
}

static char *
format_name (MdgPersonRow *self,
             const char   *family,
             const char   *given)
{
  return join (family, given);
}

static char *
format_reading (MdgPersonRow *self,
                const char   *family,
                const char   *given)
{
  g_autofree char *reading = join (family, given);

  return _mdg_format_reading (reading);
}

static char *
format_detail (MdgPersonRow *self,
               const char   *organization,
               const char   *email)
{
  return g_strdup (organization ? organization : email);
}

static gboolean
has_text (MdgPersonRow *self,
          const char   *text)
{
  return text != NULL && *text != '\0';
}

static void
mdg_person_row_dispose (GObject *object)
{
  MdgPersonRow *self = MDG_PERSON_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_PERSON_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->person);

  G_OBJECT_CLASS (mdg_person_row_parent_class)->dispose (object);
}

static void
mdg_person_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MdgPersonRow *self = MDG_PERSON_ROW (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_person_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MdgPersonRow *self = MDG_PERSON_ROW (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      if (g_set_object (&self->person, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_person_row_class_init (MdgPersonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_person_row_dispose;
  object_class->get_property = mdg_person_row_get_property;
  object_class->set_property = mdg_person_row_set_property;

  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL, MDG_TYPE_PERSON,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-person-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, format_name);
  gtk_widget_class_bind_template_callback (widget_class, format_reading);
  gtk_widget_class_bind_template_callback (widget_class, format_detail);
  gtk_widget_class_bind_template_callback (widget_class, has_text);
  gtk_widget_class_set_layout_manager_type (widget_class, MDG_TYPE_ROW_LAYOUT);
}

static void
mdg_person_row_init (MdgPersonRow *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Returns: (transfer floating): a row for lists bound with gtk_list_box_bind_model() */
GtkWidget *
mdg_person_row_new (MdgPerson *person)
{
  return g_object_new (MDG_TYPE_PERSON_ROW, "person", person, NULL);
}
