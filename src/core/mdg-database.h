/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-types.h"

G_BEGIN_DECLS

#define MDG_TYPE_DATABASE (mdg_database_get_type ())

G_DECLARE_FINAL_TYPE (MdgDatabase, mdg_database, MDG, DATABASE, GObject)

/* The newest schema this build knows. */
#define MDG_SCHEMA_VERSION 3

char        *mdg_database_default_path       (void);
MdgDatabase *mdg_database_open               (const char   *path,
                                              GError      **error);
const char  *mdg_database_get_path           (MdgDatabase  *self);
int          mdg_database_get_schema_version (MdgDatabase  *self);
gboolean     mdg_database_is_empty           (MdgDatabase  *self);
gboolean     mdg_database_begin              (MdgDatabase  *self,
                                              GError      **error);
gboolean     mdg_database_commit             (MdgDatabase  *self,
                                              GError      **error);
void         mdg_database_rollback           (MdgDatabase  *self);
gboolean     mdg_database_backup             (MdgDatabase  *self,
                                              const char   *destination,
                                              GError      **error);
gboolean     mdg_database_restore            (MdgDatabase  *self,
                                              const char   *source,
                                              GError      **error);
gboolean     mdg_database_check              (MdgDatabase  *self,
                                              GPtrArray   **problems,
                                              GError      **error);
gboolean     mdg_database_checkpoint         (MdgDatabase  *self,
                                              GError      **error);

G_END_DECLS
