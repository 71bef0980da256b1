/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MDG_TYPE_SECTION (mdg_section_get_type ())

G_DECLARE_DERIVABLE_TYPE (MdgSection, mdg_section, MDG, SECTION, GtkWidget)

struct _MdgSectionClass
{
  GtkWidgetClass parent_class;
};

gboolean mdg_section_get_narrow (MdgSection *self);
void     mdg_section_set_narrow (MdgSection *self,
                                 gboolean    narrow);

G_END_DECLS
