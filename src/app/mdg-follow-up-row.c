/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-follow-up-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-date.h"
#include "mdg-app-util.h"
#include "mdg-follow-up-row.h"

/*
 * A row of the follow-up list. The list holds follow-ups and, above each group, a
 * heading ("Overdue", "Due Today"…) as a GtkStringObject; the row shows either. An
 * overdue follow-up shows its due date in the error colour, so that it stands out
 * even when the list is scrolled past its heading.
 */

struct _MdgFollowUpRow
{
  GtkWidget   parent_instance;

  /* template widgets */
  GtkLabel   *heading_label;
  GtkWidget  *follow_up_box;
  GtkLabel   *title_label;
  GtkLabel   *due_label;
  GtkLabel   *owner_label;
  GtkLabel   *organization_label;

  /* owned */
  GObject    *item;
};

G_DEFINE_FINAL_TYPE (MdgFollowUpRow, mdg_follow_up_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_text (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
update (MdgFollowUpRow *self)
{
  MdgFollowUp *follow_up = mdg_follow_up_row_get_follow_up (self);
  g_autofree char *due = NULL;
  gboolean overdue;

  gtk_widget_set_visible (GTK_WIDGET (self->heading_label), GTK_IS_STRING_OBJECT (self->item));
  gtk_widget_set_visible (self->follow_up_box, follow_up != NULL);
  if (GTK_IS_STRING_OBJECT (self->item))
    gtk_label_set_text (self->heading_label, gtk_string_object_get_string (GTK_STRING_OBJECT (self->item)));
  if (follow_up == NULL)
    return;

  overdue = mdg_follow_up_is_overdue (follow_up, NULL);
  due = _mdg_format_due_date (mdg_follow_up_get_due_date (follow_up));
  gtk_label_set_text (self->title_label, mdg_follow_up_get_title (follow_up));
  if (mdg_follow_up_get_state (follow_up) == MDG_FOLLOW_UP_STATE_DONE)
    {
      g_autofree char *text = g_strdup_printf (_("Due %s · done"), due);

      gtk_label_set_text (self->due_label, text);
    }
  else
    gtk_label_set_text (self->due_label, due);
  if (overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "error");
  set_text (self->owner_label, mdg_follow_up_get_owner_name (follow_up));
  set_text (self->organization_label, mdg_follow_up_get_organization_name (follow_up)
                                        ? mdg_follow_up_get_organization_name (follow_up)
                                        : mdg_follow_up_get_person_name (follow_up));
}

static void
mdg_follow_up_row_dispose (GObject *object)
{
  MdgFollowUpRow *self = MDG_FOLLOW_UP_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_FOLLOW_UP_ROW);
  /* The template's box is no template child: it goes here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (mdg_follow_up_row_parent_class)->dispose (object);
}

static void
mdg_follow_up_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MdgFollowUpRow *self = MDG_FOLLOW_UP_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_follow_up_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MdgFollowUpRow *self = MDG_FOLLOW_UP_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      mdg_follow_up_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_follow_up_row_class_init (MdgFollowUpRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_follow_up_row_dispose;
  object_class->get_property = mdg_follow_up_row_get_property;
  object_class->set_property = mdg_follow_up_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-follow-up-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpRow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpRow, follow_up_box);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpRow, owner_label);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpRow, organization_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mdg_follow_up_row_init (MdgFollowUpRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _mdg_label_keep_last_line (self->title_label);
}

/* Returns: (transfer none) (nullable): the follow-up, or the heading's string object */
GObject *
mdg_follow_up_row_get_item (MdgFollowUpRow *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UP_ROW (self), NULL);
  return self->item;
}

void
mdg_follow_up_row_set_item (MdgFollowUpRow *self,
                            GObject        *item)
{
  g_return_if_fail (MDG_IS_FOLLOW_UP_ROW (self));

  if (g_set_object (&self->item, item))
    {
      update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
    }
}

/* Returns: (transfer none) (nullable): the follow-up shown, %NULL on a heading */
MdgFollowUp *
mdg_follow_up_row_get_follow_up (MdgFollowUpRow *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UP_ROW (self), NULL);
  return MDG_IS_FOLLOW_UP (self->item) ? MDG_FOLLOW_UP (self->item) : NULL;
}

/* Returns: (transfer full): a due date as the window shows it, with its weekday */
char *
_mdg_format_due_date (const GDate *date)
{
  g_autoptr(GDateTime) at = NULL;

  if (date == NULL || !g_date_valid (date))
    return g_strdup (_("No due date"));
  at = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 0, 0, 0);
  return mdg_date_format (at, MDG_DATE_DEFAULT);
}
