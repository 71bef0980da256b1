/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database.h"

G_BEGIN_DECLS

/* Shared settings kept in the database (table `setting`): the desk's contact, closed days… */
char     *_mdg_setting_get (MdgDatabase  *db,
                            const char   *key,
                            GError      **error);
gboolean  _mdg_setting_set (MdgDatabase  *db,
                            const char   *key,
                            const char   *value,
                            GError      **error);

G_END_DECLS
