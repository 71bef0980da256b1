/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"
#include "mdg-sync-client.h"

G_BEGIN_DECLS

#define MDG_TYPE_SYNC_CONFLICTS_DIALOG (mdg_sync_conflicts_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MdgSyncConflictsDialog, mdg_sync_conflicts_dialog, MDG, SYNC_CONFLICTS_DIALOG, AdwWindow)

GtkWidget *mdg_sync_conflicts_dialog_new (GtkWindow     *parent,
                                          MdgDatabase   *database,
                                          MdgSyncClient *sync);

G_END_DECLS
