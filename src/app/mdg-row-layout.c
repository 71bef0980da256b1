/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-row-layout"

#include "config.h"

#include "mdg-row-layout.h"

#include "mdg-app-util.h"

/*
 * The layout of a record list's row: every row of a list is exactly as tall as the
 * others, whatever its text. Its height is the row's CSS min-height (style.css, in em
 * so that it follows the text size); its children are as wide as the row and as tall
 * as they need, and what would spill is clipped (rows set their overflow hidden).
 *
 * The record lists are one-column GtkGridViews. GTK 4.8's GtkListView keeps 200 rows
 * made whatever is on screen; its grid view keeps about thirty, but it places rows by
 * their heights, and when they differ (a title of one line or two, a name in Japanese
 * or in Latin letters, a heading between groups) a jump far down the list can leave
 * it showing nothing. Rows of one height have neither problem.
 */

struct _MdgRowLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (MdgRowLayout, mdg_row_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
mdg_row_layout_get_request_mode (GtkLayoutManager *manager,
                                 GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
mdg_row_layout_measure (GtkLayoutManager *manager,
                        GtkWidget        *widget,
                        GtkOrientation    orientation,
                        int               for_size,
                        int              *minimum,
                        int              *natural,
                        int              *minimum_baseline,
                        int              *natural_baseline)
{
  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_VERTICAL)
    return;   /* the CSS min-height alone */
  _mdg_measure_children (widget, orientation, 0, minimum, natural, NULL);
}

static void
mdg_row_layout_allocate (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         int               width,
                         int               height,
                         int               baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &child_min, NULL, NULL, NULL);
      gtk_widget_allocate (child, width, MAX (height, child_min), -1, NULL);
    }
}

static void
mdg_row_layout_class_init (MdgRowLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = mdg_row_layout_get_request_mode;
  manager_class->measure = mdg_row_layout_measure;
  manager_class->allocate = mdg_row_layout_allocate;
}

static void
mdg_row_layout_init (MdgRowLayout *self)
{
}
