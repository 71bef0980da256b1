/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"

G_BEGIN_DECLS

#define MDG_TYPE_CONSULTATION_IMPORT_DIALOG (mdg_consultation_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MdgConsultationImportDialog, mdg_consultation_import_dialog, MDG, CONSULTATION_IMPORT_DIALOG,
                      AdwWindow)

GtkWidget *mdg_consultation_import_dialog_new (MdgDatabase *database,
                                               gint64       actor_id,
                                               GFile       *file);

/* Called on @widget when consultations were imported. */
typedef void (*MdgImportedFunc) (GtkWidget *widget);

void       _mdg_consultation_import_dialog_choose (GtkWidget       *widget,
                                                   MdgDatabase     *database,
                                                   gint64           actor_id,
                                                   MdgImportedFunc  imported);

G_END_DECLS
