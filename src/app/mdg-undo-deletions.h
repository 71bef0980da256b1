/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/* The stores' delete pair for one kind of record, by id (mdg-store-async.h). */
typedef void     (*MdgDeleteAsyncFunc)  (MdgDatabase          *db,
                                         gint64                id,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
typedef gboolean (*MdgDeleteFinishFunc) (MdgDatabase          *db,
                                         GAsyncResult         *result,
                                         GError              **error);

#define MDG_TYPE_UNDO_DELETIONS (mdg_undo_deletions_get_type ())

G_DECLARE_FINAL_TYPE (MdgUndoDeletions, mdg_undo_deletions, MDG, UNDO_DELETIONS, GObject)

MdgUndoDeletions *mdg_undo_deletions_new        (GtkWidget           *owner,
                                                 MdgDatabase         *database,
                                                 MdgDeleteAsyncFunc   delete_async,
                                                 MdgDeleteFinishFunc  delete_finish,
                                                 const char          *undo_action);
void              mdg_undo_deletions_add        (MdgUndoDeletions    *self,
                                                 gint64               id,
                                                 const char          *message,
                                                 guint                timeout);
gint64            mdg_undo_deletions_undo_last  (MdgUndoDeletions    *self);
gboolean          mdg_undo_deletions_contains   (MdgUndoDeletions    *self,
                                                 gint64               id);
guint             mdg_undo_deletions_get_n_pending (MdgUndoDeletions *self);
void              mdg_undo_deletions_commit_all (MdgUndoDeletions    *self);

G_END_DECLS
