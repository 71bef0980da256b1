/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/* One field two laptops changed to different values: both values, and which one the
 * record kept. A "duplicate" is a label (a registration number) two laptops gave to two
 * records: one was told apart. */
typedef struct
{
  gint64     id;
  char      *table;
  char      *uuid;
  char      *column;
  gboolean   duplicate;
  char      *record;       /* what the record is called: "山田 太郎様", "セミナー「…」" */
  char      *field;        /* the field, in words */
  char      *mine;         /* this laptop's value, in words */
  char      *theirs;       /* the other laptop's */
  gboolean   kept_mine;
  GDateTime *detected_at;
  GDateTime *resolved_at;  /* (nullable): reviewed */
} MdgSyncConflict;

void       mdg_sync_conflict_free      (MdgSyncConflict   *conflict);
char      *mdg_sync_conflict_describe  (const MdgSyncConflict *conflict);
GPtrArray *mdg_sync_conflict_list      (MdgDatabase       *db,
                                        gboolean           include_resolved,
                                        GError           **error);
gboolean   mdg_sync_conflict_resolve   (MdgDatabase       *db,
                                        gint64             id,
                                        gboolean           keep_mine,
                                        GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgSyncConflict, mdg_sync_conflict_free)

G_END_DECLS
