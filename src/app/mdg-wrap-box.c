/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-wrap-box"

#include "config.h"

#include "mdg-wrap-box.h"

#include "mdg-app-util.h"

/*
 * A row of buttons that wraps: its children side by side at their natural widths, as
 * many on a line as fit, the rest on the next lines. As narrow as its widest child, so a
 * detail with a row of labelled buttons fits a narrow window instead of widening it.
 * (libadwaita 1.2 has no wrap box; GtkFlowBox makes each child a focusable, selectable
 * cell of its own.)
 */

#define SPACING 6   /* between buttons, and between lines */

struct _MdgWrapBox
{
  GtkWidget parent_instance;
};

static void mdg_wrap_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MdgWrapBox, mdg_wrap_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, mdg_wrap_box_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

/* Lays the children out in lines @width wide. Returns the height they take; with
 * @allocate, gives each child its place. */
static int
flow (GtkWidget *widget,
      int        width,
      gboolean   allocate)
{
  int x = 0, y = 0, line_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_width, child_min = 0, child_height = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_width, NULL, NULL);
      child_width = CLAMP (child_width, child_min, MAX (width, child_min));
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height, NULL, NULL);
      /* Not the first on its line, and past the end: the next line. */
      if (x > 0 && x + child_width > width)
        {
          y += line_height + SPACING;
          x = 0;
          line_height = 0;
        }
      if (allocate)
        {
          GtkAllocation place = { gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? width - x - child_width : x,
                                  y, child_width, child_height };

          gtk_widget_size_allocate (child, &place, -1);
        }
      x += child_width + SPACING;
      line_height = MAX (line_height, child_height);
    }
  return y + line_height;
}

static GtkSizeRequestMode
mdg_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
mdg_wrap_box_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      /* Without a width, the height of one line at ease. */
      if (for_size < 0)
        _mdg_measure_children (widget, GTK_ORIENTATION_HORIZONTAL, SPACING, NULL, NULL, &for_size);
      *minimum = *natural = flow (widget, for_size, FALSE);
      return;
    }

  /* As narrow as the widest child; at ease with all of them on one line. */
  _mdg_measure_children (widget, orientation, SPACING, minimum, NULL, natural);
}

static void
mdg_wrap_box_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  flow (widget, width, TRUE);
}

static void
mdg_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (mdg_wrap_box_parent_class)->dispose (object);
}

static void
mdg_wrap_box_add_child (GtkBuildable *buildable,
                        GtkBuilder   *builder,
                        GObject      *child,
                        const char   *type)
{
  if (GTK_IS_WIDGET (child))
    gtk_widget_set_parent (GTK_WIDGET (child), GTK_WIDGET (buildable));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
mdg_wrap_box_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = mdg_wrap_box_add_child;
}

static void
mdg_wrap_box_class_init (MdgWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_wrap_box_dispose;
  widget_class->get_request_mode = mdg_wrap_box_get_request_mode;
  widget_class->measure = mdg_wrap_box_measure;
  widget_class->size_allocate = mdg_wrap_box_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mdg_wrap_box_init (MdgWrapBox *self)
{
}
