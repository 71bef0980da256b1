/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-seminar.h"

G_BEGIN_DECLS

#define MDG_TYPE_IMPORT_DIALOG (mdg_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MdgImportDialog, mdg_import_dialog, MDG, IMPORT_DIALOG, AdwWindow)

GtkWidget *mdg_import_dialog_new (MdgDatabase *database,
                                  MdgSeminar  *seminar,
                                  GFile       *file);

G_END_DECLS
