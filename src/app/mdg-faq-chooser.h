/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-database.h"
#include "mdg-faq-entry.h"

G_BEGIN_DECLS

/* Called with the entry chosen, while @widget is still there. */
typedef void (*MdgFaqChosenFunc) (GtkWidget   *widget,
                                  MdgFaqEntry *entry,
                                  gpointer     user_data);

GtkWindow *_mdg_faq_chooser_present (GtkWidget        *widget,
                                     MdgDatabase      *database,
                                     const char       *title,
                                     MdgFaqChosenFunc  func,
                                     gpointer          user_data);

G_END_DECLS
