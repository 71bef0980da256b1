/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

#include "mdg-sync-settings.h"

G_BEGIN_DECLS

/* The newest team-server schema this build knows (numbered like the SQLite one). */
#define MDG_SYNC_SERVER_SCHEMA 1
/* Every writer holds it until it commits: see mdg-sync-server.c. */
#define MDG_SYNC_LOCK_SQL "SELECT pg_advisory_xact_lock (7263110353485129633)"

typedef struct _MdgSyncServer MdgSyncServer;

/* libpq, loaded by _mdg_sync_server_connect() the first time it connects: with its
 * TLS, Kerberos and LDAP libraries it is a tenth of what Madoguchi would otherwise load
 * at every start, for the team sync alone. Called as _mdg_pq.PQexec (...). */
typedef struct
{
  __typeof__ (PQcancel) *PQcancel;
  __typeof__ (PQclear) *PQclear;
  __typeof__ (PQconnectdbParams) *PQconnectdbParams;
  __typeof__ (PQconnectionNeedsPassword) *PQconnectionNeedsPassword;
  __typeof__ (PQconnectionUsedPassword) *PQconnectionUsedPassword;
  __typeof__ (PQerrorMessage) *PQerrorMessage;
  __typeof__ (PQescapeLiteral) *PQescapeLiteral;
  __typeof__ (PQexec) *PQexec;
  __typeof__ (PQfinish) *PQfinish;
  __typeof__ (PQfreeCancel) *PQfreeCancel;
  __typeof__ (PQfreemem) *PQfreemem;
  __typeof__ (PQgetCancel) *PQgetCancel;
  __typeof__ (PQgetResult) *PQgetResult;
  __typeof__ (PQgetisnull) *PQgetisnull;
  __typeof__ (PQgetlength) *PQgetlength;
  __typeof__ (PQgetvalue) *PQgetvalue;
  __typeof__ (PQntuples) *PQntuples;
  __typeof__ (PQresultErrorField) *PQresultErrorField;
  __typeof__ (PQresultStatus) *PQresultStatus;
  __typeof__ (PQsendQuery) *PQsendQuery;
  __typeof__ (PQsendQueryParams) *PQsendQueryParams;
  __typeof__ (PQstatus) *PQstatus;
  __typeof__ (PQtransactionStatus) *PQtransactionStatus;
} MdgPq;

extern MdgPq _mdg_pq;

void _mdg_pq_clear (PGresult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, _mdg_pq_clear)

MdgSyncServer *_mdg_sync_server_connect          (const MdgSyncSettings  *settings,
                                                  const char             *password,
                                                  const char             *device,
                                                  const char             *device_name,
                                                  GCancellable           *cancellable,
                                                  GError                **error);
void           _mdg_sync_server_free             (MdgSyncServer          *server);
gboolean       _mdg_sync_server_is_alive         (MdgSyncServer          *server);
const char    *_mdg_sync_server_get_instance     (MdgSyncServer          *server);
const char    *_mdg_sync_server_get_description  (MdgSyncServer          *server);
guint          _mdg_sync_server_get_round_trips  (MdgSyncServer          *server);
char          *_mdg_sync_server_quote            (MdgSyncServer          *server,
                                                  const char             *text,
                                                  gsize                   length);
GPtrArray     *_mdg_sync_server_exec             (MdgSyncServer          *server,
                                                  const char             *sql,
                                                  GCancellable           *cancellable,
                                                  GError                **error);
PGresult      *_mdg_sync_server_exec_params      (MdgSyncServer          *server,
                                                  const char             *sql,
                                                  int                     n_params,
                                                  const char *const      *values,
                                                  const int              *lengths,
                                                  const int              *formats,
                                                  int                     result_format,
                                                  GCancellable           *cancellable,
                                                  GError                **error);
void           _mdg_sync_server_rollback         (MdgSyncServer          *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgSyncServer, _mdg_sync_server_free)

G_END_DECLS
