/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"

G_BEGIN_DECLS

void _mdg_startup_check (GtkWindow   *window,
                         MdgDatabase *database);

G_END_DECLS
