/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-database.h"

G_BEGIN_DECLS

GtkWidget *_mdg_work_finish_for (GtkWidget     *widget,
                                 MdgDatabase   *db,
                                 GAsyncResult  *result,
                                 gpointer       source_tag,
                                 const char    *what);

G_END_DECLS
