/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-planned-section"

#include "config.h"

#include <adwaita.h>

#include "mdg-planned-section.h"

/*
 * A section of the window whose screens arrive in later versions. It says what the
 * section will hold and offers no button that does nothing.
 */

struct _MdgPlannedSection
{
  MdgSection      parent_instance;

  /* template widgets */
  GtkWidget      *content;
  AdwWindowTitle *window_title;
  AdwStatusPage  *status_page;
};

G_DEFINE_FINAL_TYPE (MdgPlannedSection, mdg_planned_section, MDG_TYPE_SECTION)

static void
mdg_planned_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MDG_TYPE_PLANNED_SECTION);

  G_OBJECT_CLASS (mdg_planned_section_parent_class)->dispose (object);
}

static void
mdg_planned_section_class_init (MdgPlannedSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_planned_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-planned-section.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgPlannedSection, content);
  gtk_widget_class_bind_template_child (widget_class, MdgPlannedSection, window_title);
  gtk_widget_class_bind_template_child (widget_class, MdgPlannedSection, status_page);
}

static void
mdg_planned_section_init (MdgPlannedSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mdg_planned_section_new (const char *title,
                         const char *icon_name,
                         const char *description)
{
  MdgPlannedSection *self = g_object_new (MDG_TYPE_PLANNED_SECTION, NULL);

  adw_window_title_set_title (self->window_title, title);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_description (self->status_page, description);

  return GTK_WIDGET (self);
}
