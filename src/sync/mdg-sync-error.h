/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MDG_SYNC_ERROR (mdg_sync_error_quark ())

/* Why a sync failed, in the terms the status line needs. */
typedef enum
{
  MDG_SYNC_ERROR_NOT_SET_UP,   /* no team server on this laptop */
  MDG_SYNC_ERROR_UNREACHABLE,  /* offline, or the server is down: the changes wait */
  MDG_SYNC_ERROR_NO_PASSWORD,  /* the keyring has no password for the server */
  MDG_SYNC_ERROR_AUTH,         /* user name or password refused */
  MDG_SYNC_ERROR_TLS,          /* no TLS, or a certificate that does not check out */
  MDG_SYNC_ERROR_PERMISSION,   /* the user may not use the Madoguchi tables */
  MDG_SYNC_ERROR_TOO_NEW,      /* the server was set up by a newer Madoguchi */
  MDG_SYNC_ERROR_INTERRUPTED,  /* the connection broke during a sync: retried next time */
  MDG_SYNC_ERROR_SERVER,       /* anything else the server said */
} MdgSyncError;

GQuark mdg_sync_error_quark (void);

G_END_DECLS
