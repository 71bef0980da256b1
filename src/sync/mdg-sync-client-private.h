/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-sync-client.h"
#include "mdg-sync-engine-private.h"

G_BEGIN_DECLS

/* For tests that stop the server at a given point of a sync. */
void _mdg_sync_client_set_phase_func (MdgSyncClient    *self,
                                      MdgSyncPhaseFunc  func,
                                      gpointer          user_data);
void _mdg_sync_client_get_report     (MdgSyncClient    *self,
                                      MdgSyncReport    *report);
void _mdg_sync_client_disconnect     (MdgSyncClient    *self);

G_END_DECLS
