/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-program-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-date.h"
#include "mdg-program-row.h"

/*
 * One item of a seminar's program: its computed times, title, kind, length and
 * presenter, and buttons that move or remove it through the seminars page's actions.
 */

struct _MdgProgramRow
{
  AdwActionRow    parent_instance;

  /* template widgets */
  GtkWidget      *up_button;
  GtkWidget      *down_button;
  GtkWidget      *remove_button;

  /* owned */
  MdgProgramItem *item;
};

G_DEFINE_FINAL_TYPE (MdgProgramRow, mdg_program_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Times as scheduled by mdg_program_schedule() before the row was made. */
static char *
format_times (MdgProgramRow  *self,
              MdgProgramItem *item)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (item == NULL || mdg_program_item_get_starts_at (item) == NULL || mdg_program_item_get_ends_at (item) == NULL)
    return NULL;
  from = mdg_time_format (mdg_program_item_get_starts_at (item));
  to = mdg_time_format (mdg_program_item_get_ends_at (item));
  return g_strdup_printf ("%s–%s", from, to);
}

static char *
format_subtitle (MdgProgramItem *item)
{
  const char *presenter, *deck;
  g_autofree char *duration = NULL;
  GString *text;

  if (item == NULL)
    return NULL;
  presenter = mdg_program_item_get_presenter (item);
  deck = mdg_program_item_get_deck_title (item);
  duration = mdg_duration_format (mdg_program_item_get_minutes (item));
  text = g_string_new (NULL);

  /* An untitled break is titled "Break" already: say its kind only when the title does not. */
  if (mdg_program_item_get_title (item) != NULL || deck != NULL)
    g_string_append_printf (text, "%s · ", mdg_program_kind_get_label (mdg_program_item_get_kind (item)));
  g_string_append (text, duration);
  if (presenter != NULL)
    g_string_append_printf (text, " · %s", presenter);
  if (deck != NULL && mdg_program_item_get_title (item) != NULL)
    g_string_append_printf (text, " · %s", deck);
  return g_string_free (text, FALSE);
}

static void
mdg_program_row_dispose (GObject *object)
{
  MdgProgramRow *self = MDG_PROGRAM_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_PROGRAM_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (mdg_program_row_parent_class)->dispose (object);
}

static void
mdg_program_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MdgProgramRow *self = MDG_PROGRAM_ROW (object);

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
mdg_program_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MdgProgramRow *self = MDG_PROGRAM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_program_row_class_init (MdgProgramRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_program_row_dispose;
  object_class->get_property = mdg_program_row_get_property;
  object_class->set_property = mdg_program_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, MDG_TYPE_PROGRAM_ITEM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-program-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgProgramRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, MdgProgramRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, MdgProgramRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, format_times);
}

static void
mdg_program_row_init (MdgProgramRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mdg_program_row_new:
 * @item: a scheduled program item
 * @first: whether it opens the program (it cannot move up)
 * @last: whether it closes the program (it cannot move down)
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
mdg_program_row_new (MdgProgramItem *item,
                     gboolean        first,
                     gboolean        last)
{
  MdgProgramRow *self;
  gint64 id;

  g_autofree char *title = mdg_program_item_dup_display_title (item);
  g_autofree char *subtitle = format_subtitle (item);

  self = g_object_new (MDG_TYPE_PROGRAM_ROW, "item", item, "title", title, "subtitle", subtitle, NULL);
  id = mdg_program_item_get_id (item);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->up_button), "(xi)", id, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->down_button), "(xi)", id, 1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "x", id);
  /* An action would make the button sensitive again: the ends have none. */
  if (first)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->up_button), NULL);
  if (last)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->down_button), NULL);
  gtk_widget_set_sensitive (self->up_button, !first);
  gtk_widget_set_sensitive (self->down_button, !last);
  return GTK_WIDGET (self);
}

/* Returns: (transfer none): the item shown */
MdgProgramItem *
mdg_program_row_get_item (MdgProgramRow *self)
{
  g_return_val_if_fail (MDG_IS_PROGRAM_ROW (self), NULL);
  return self->item;
}
