/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-application.h"
#include "mdg-database.h"
#include "mdg-section.h"
#include "mdg-sync-client.h"

G_BEGIN_DECLS

#define MDG_TYPE_WINDOW (mdg_window_get_type ())

G_DECLARE_FINAL_TYPE (MdgWindow, mdg_window, MDG, WINDOW, AdwApplicationWindow)

MdgWindow   *mdg_window_new            (MdgApplication *application,
                                        MdgDatabase    *database,
                                        gboolean        sample);
MdgDatabase *mdg_window_get_database   (MdgWindow      *self);
gboolean     mdg_window_get_sample     (MdgWindow      *self);
MdgSection  *mdg_window_show_section   (MdgWindow      *self,
                                        const char     *name);
const char  *mdg_window_get_section    (MdgWindow      *self);
MdgSection  *mdg_window_peek_section   (MdgWindow      *self,
                                        const char     *name);
MdgSyncClient *mdg_window_get_sync_client (MdgWindow    *self);

G_END_DECLS
