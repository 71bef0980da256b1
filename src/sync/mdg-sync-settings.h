/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/* Where the team server is; the password is never here (it lives in the keyring). */
typedef struct
{
  char  *host;     /* a name, an address, or a Unix socket folder (starting with '/') */
  guint  port;     /* 0 for the default (5432) */
  char  *dbname;
  char  *user;
  char  *ca_file;  /* (nullable): the certificate authority the server's TLS certificate comes from */
  char  *staff;    /* (nullable): the uuid of the staff member working on this laptop */
} MdgSyncSettings;

#define MDG_TYPE_SYNC_SETTINGS (mdg_sync_settings_get_type ())

GType            mdg_sync_settings_get_type   (void) G_GNUC_CONST;
MdgSyncSettings *mdg_sync_settings_new        (const char             *host,
                                               guint                   port,
                                               const char             *dbname,
                                               const char             *user);
MdgSyncSettings *mdg_sync_settings_copy       (const MdgSyncSettings  *settings);
void             mdg_sync_settings_free       (MdgSyncSettings        *settings);
gboolean         mdg_sync_settings_validate   (const MdgSyncSettings  *settings,
                                               GError                **error);
gboolean         mdg_sync_settings_is_local   (const MdgSyncSettings  *settings);
char            *mdg_sync_settings_describe   (const MdgSyncSettings  *settings);
MdgSyncSettings *mdg_sync_settings_load       (MdgDatabase            *db,
                                               GError                **error);
gboolean         mdg_sync_settings_save       (MdgDatabase            *db,
                                               const MdgSyncSettings  *settings,
                                               GError                **error);

gboolean         mdg_sync_password_store      (const MdgSyncSettings  *settings,
                                               const char             *password,
                                               GCancellable           *cancellable,
                                               GError                **error);
char            *mdg_sync_password_lookup     (const MdgSyncSettings  *settings,
                                               GCancellable           *cancellable,
                                               GError                **error);
gboolean         mdg_sync_password_clear      (const MdgSyncSettings  *settings,
                                               GCancellable           *cancellable,
                                               GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgSyncSettings, mdg_sync_settings_free)

G_END_DECLS
