/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-file.h"

G_BEGIN_DECLS

/* For files another library writes by name (SQLite's backups): an empty 0600 file
 * beside @path, its descriptor already closed, to be renamed over @path when done. */
char     *_mdg_file_create_temp (const char  *path,
                                 GError     **error);
gboolean  _mdg_file_commit_temp (const char  *temp,
                                 const char  *path,
                                 GError     **error);

G_END_DECLS
