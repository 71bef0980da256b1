/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-database.h"

G_BEGIN_DECLS

#define MDG_TYPE_SECTION (mdg_section_get_type ())

G_DECLARE_DERIVABLE_TYPE (MdgSection, mdg_section, MDG, SECTION, GtkWidget)

struct _MdgSectionClass
{
  GtkWidgetClass parent_class;

  /* Puts the keyboard in the section's search field (Ctrl+F). */
  void (*search) (MdgSection *self);
  /* The window closes: make final what still waits for Undo. */
  void (*close)  (MdgSection *self);
  /* Records changed underneath (a sync brought other laptops' edits): read them again. */
  void (*refresh) (MdgSection *self);
};

MdgDatabase *mdg_section_get_database     (MdgSection  *self);
gboolean     mdg_section_get_narrow       (MdgSection  *self);
void         mdg_section_set_narrow       (MdgSection  *self,
                                           gboolean     narrow);
gboolean     mdg_section_get_fills_window (MdgSection  *self);
void         mdg_section_set_fills_window (MdgSection  *self,
                                           gboolean     fills_window);
void         mdg_section_search           (MdgSection  *self);
void         mdg_section_close            (MdgSection  *self);
void         mdg_section_refresh          (MdgSection  *self);

G_END_DECLS
