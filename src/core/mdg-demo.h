/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"

G_BEGIN_DECLS

typedef struct
{
  guint seminars;
  guint organizations;
  guint people;
  guint registrations;
} MdgDemoCounts;

gboolean mdg_demo_fill (MdgDatabase    *db,
                        MdgDemoSize     size,
                        GDateTime      *today,
                        MdgDemoCounts  *counts,
                        GError        **error);

void     mdg_demo_prepare_async  (const char           *path,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
gboolean mdg_demo_prepare_finish (GAsyncResult         *result,
                                  GError              **error);

G_END_DECLS
