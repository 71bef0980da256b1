/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"
#include "mdg-program-item.h"
#include "mdg-seminar.h"

G_BEGIN_DECLS

GPtrArray  *mdg_seminar_store_list          (MdgDatabase     *db,
                                             GDateTime       *now,
                                             GError         **error);
void        mdg_seminar_store_list_async    (MdgDatabase     *db,
                                             GCancellable    *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer         user_data);
GPtrArray  *mdg_seminar_store_list_finish   (MdgDatabase     *db,
                                             GAsyncResult    *result,
                                             GError         **error);
GPtrArray  *mdg_seminar_store_list_upcoming (MdgDatabase     *db,
                                             GDateTime       *now,
                                             GError         **error);
MdgSeminar *mdg_seminar_store_load          (MdgDatabase     *db,
                                             gint64           id,
                                             GError         **error);
gboolean    mdg_seminar_store_save          (MdgDatabase     *db,
                                             MdgSeminar      *seminar,
                                             GError         **error);
gboolean    mdg_seminar_store_delete        (MdgDatabase     *db,
                                             gint64           id,
                                             GError         **error);

GPtrArray  *mdg_program_store_list          (MdgDatabase     *db,
                                             gint64           seminar_id,
                                             GError         **error);
gboolean    mdg_program_store_save          (MdgDatabase     *db,
                                             gint64           seminar_id,
                                             MdgProgramItem  *item,
                                             GError         **error);
gboolean    mdg_program_store_delete        (MdgDatabase     *db,
                                             MdgProgramItem  *item,
                                             GError         **error);
gboolean    mdg_program_store_move          (MdgDatabase     *db,
                                             MdgProgramItem  *item,
                                             int              delta,
                                             GError         **error);

G_END_DECLS
