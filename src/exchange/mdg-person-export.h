/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"

G_BEGIN_DECLS

char *mdg_person_export_json (MdgDatabase  *db,
                              gint64        person_id,
                              GError      **error);
char *mdg_person_export_csv  (MdgDatabase  *db,
                              gint64        person_id,
                              GError      **error);

/* Everything held about a person, as JSON (@csv FALSE) or CSV, read in a worker. */
void    mdg_person_export_async  (MdgDatabase          *db,
                                  gint64                person_id,
                                  gboolean              csv,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
GBytes *mdg_person_export_finish (MdgDatabase          *db,
                                  GAsyncResult         *result,
                                  GError              **error);

G_END_DECLS
