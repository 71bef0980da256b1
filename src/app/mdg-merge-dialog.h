/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-person.h"

G_BEGIN_DECLS

#define MDG_TYPE_MERGE_DIALOG (mdg_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MdgMergeDialog, mdg_merge_dialog, MDG, MERGE_DIALOG, AdwMessageDialog)

GtkWidget *mdg_merge_dialog_new           (GtkWindow      *parent,
                                           MdgDatabase    *database,
                                           MdgPerson      *keep);
MdgPerson *mdg_merge_dialog_get_duplicate (MdgMergeDialog *self);

G_END_DECLS
