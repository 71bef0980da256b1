/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sync-server"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-sync-error.h"
#include "mdg-sync-server-private.h"
#include "mdg-util-private.h"

/*
 * The team server: a PostgreSQL database in which Madoguchi keeps its own schema,
 * "madoguchi", created and upgraded by numbered migrations like the SQLite one.
 *
 * - record: every shared row of every laptop, keyed by (kind, uuid): its fields as
 *   JSON (foreign keys as the uuids they point at), the hybrid-logical-clock stamp of
 *   each field ([hlc, device]), whether it is deleted (a tombstone, its data erased)
 *   and the sequence number of its last change. A laptop asks for "seq > what I saw".
 * - change: the log behind it, ordered by that sequence: which fields, who (the
 *   PostgreSQL user), which device and staff member, when.
 * - device: the laptops that ever synced; blob: deck PDFs by SHA-256.
 *
 * Writers take one advisory lock for their transaction, so sequence numbers commit in
 * order and a reader's snapshot always holds every change up to some number: reading
 * "seq > N" never skips a change still being written.
 */

MdgPq _mdg_pq;

static const MdgLibrarySymbol libpq_symbols[] = {
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQcancel),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQclear),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQconnectdbParams),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQconnectionNeedsPassword),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQconnectionUsedPassword),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQerrorMessage),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQescapeLiteral),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQexec),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQfinish),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQfreeCancel),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQfreemem),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQgetCancel),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQgetResult),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQgetisnull),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQgetlength),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQgetvalue),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQntuples),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQresultErrorField),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQresultStatus),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQsendQuery),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQsendQueryParams),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQstatus),
  MDG_LIBRARY_SYMBOL (MdgPq, "", PQtransactionStatus),
};

static MdgLibrary libpq_library = MDG_LIBRARY_INIT (MDG_LIBPQ_SONAME, libpq_symbols, &_mdg_pq, NULL);

static gboolean
load_libpq_once (GError **error)
{
  const char *problem = _mdg_library_ensure (&libpq_library);

  if (problem != NULL)
    g_set_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_UNREACHABLE,
                 _("The team server cannot be reached: the PostgreSQL client library could not be loaded (%s). "
                   "Reinstall Madoguchi."),
                 problem);
  return problem == NULL;
}

void
_mdg_pq_clear (PGresult *result)
{
  _mdg_pq.PQclear (result);
}

struct _MdgSyncServer
{
  PGconn   *conn;
  PGcancel *cancel;
  char     *instance;
  char     *description;
  guint     round_trips;
};

G_DEFINE_QUARK (mdg-sync-error-quark, mdg_sync_error)

/* Each entry moves the server schema one version up; never edit a shipped one. */
static const char *const server_migrations[] = {
  /* 1 */
  "CREATE SCHEMA IF NOT EXISTS madoguchi;"
  "CREATE TABLE madoguchi.meta (key text PRIMARY KEY, value text NOT NULL);"
  "INSERT INTO madoguchi.meta (key, value) VALUES ('instance', gen_random_uuid ()::text);"
  "CREATE SEQUENCE madoguchi.seq;"
  "CREATE TABLE madoguchi.device (uuid text PRIMARY KEY, name text, staff text,"
  " who text NOT NULL DEFAULT current_user, first_seen timestamptz NOT NULL DEFAULT now (),"
  " last_seen timestamptz NOT NULL DEFAULT now ());"
  "CREATE TABLE madoguchi.record (kind text NOT NULL, uuid text NOT NULL, data jsonb NOT NULL,"
  " clock jsonb NOT NULL, deleted boolean NOT NULL DEFAULT false, merged_into text, seq bigint NOT NULL,"
  " device text NOT NULL, staff text, who text NOT NULL DEFAULT current_user,"
  " changed_at timestamptz NOT NULL DEFAULT now (), PRIMARY KEY (kind, uuid));"
  "CREATE INDEX record_seq ON madoguchi.record (seq);"
  "CREATE TABLE madoguchi.change (seq bigint PRIMARY KEY, kind text NOT NULL, uuid text NOT NULL,"
  " fields jsonb, deleted boolean NOT NULL, device text NOT NULL, staff text,"
  " who text NOT NULL DEFAULT current_user, at timestamptz NOT NULL DEFAULT now ());"
  "CREATE INDEX change_record ON madoguchi.change (kind, uuid);"
  "CREATE TABLE madoguchi.blob (sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),"
  " size bigint NOT NULL, content bytea NOT NULL, device text, who text NOT NULL DEFAULT current_user,"
  " added_at timestamptz NOT NULL DEFAULT now ());"
  /* The fields of @data whose clock is newer than the one in @old: a write wins field by field. */
  "CREATE FUNCTION madoguchi.newer (data jsonb, clock jsonb, old jsonb) RETURNS jsonb"
  " LANGUAGE sql IMMUTABLE AS $$"
  " SELECT coalesce (jsonb_object_agg (d.key, d.value), '{}'::jsonb) FROM jsonb_each (data) AS d"
  " WHERE old -> d.key IS NULL"
  " OR (clock -> d.key ->> 0)::bigint > (old -> d.key ->> 0)::bigint"
  " OR ((clock -> d.key ->> 0)::bigint = (old -> d.key ->> 0)::bigint"
  "     AND (clock -> d.key ->> 1) COLLATE \"C\" > (old -> d.key ->> 1) COLLATE \"C\") $$;"
  /* Every user the administrator lets into this database is on the team. */
  "GRANT USAGE ON SCHEMA madoguchi TO PUBLIC;"
  "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA madoguchi TO PUBLIC;"
  "GRANT USAGE, SELECT ON SEQUENCE madoguchi.seq TO PUBLIC;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (server_migrations) == MDG_SYNC_SERVER_SCHEMA);

static void
set_connect_error (GError                **error,
                   PGconn                 *conn,
                   const MdgSyncSettings  *settings,
                   const char             *description,
                   const char             *password)
{
  const char *message = conn ? _mdg_pq.PQerrorMessage (conn) : "";
  g_autofree char *detail = g_strstrip (g_strdup (message));

  if (conn != NULL && _mdg_pq.PQconnectionNeedsPassword (conn) && password == NULL)
    g_set_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_NO_PASSWORD,
                 _("The team server %s asks for a password, and the keyring has none: set the server up again"),
                 description);
  /* The server words its refusals in its own language (lc_messages): a Japanese office's
   * server answers 「ユーザー"…"のパスワード認証に失敗しました」. */
  else if (strstr (message, "authentication failed") != NULL || strstr (message, "認証に失敗") != NULL ||
           (conn && _mdg_pq.PQconnectionNeedsPassword (conn)))
    g_set_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_AUTH,
                 _("The team server %s refused the user name or the password"), description);
  else if (strstr (message, "SSL") != NULL || strstr (message, "certificate") != NULL ||
           strstr (message, "TLS") != NULL)
    g_set_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_TLS,
                 _("No secure (TLS) connection to the team server %s could be made, so nothing was sent: %s"),
                 description, detail);
  else if (strstr (message, "pg_hba.conf") != NULL)
    g_set_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_PERMISSION,
                 _("The team server %s does not let this user in from this computer; ask its administrator"),
                 description);
  else if (strstr (message, "does not exist") != NULL || strstr (message, "存在しません") != NULL)
    g_set_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_SERVER,
                 _("The team server has no database “%s” or no user “%s”; check the settings"),
                 settings->dbname, settings->user);
  else if (conn != NULL && password != NULL && _mdg_pq.PQconnectionUsedPassword (conn))
    /* It answered and asked for the password, in words of a language not known here:
     * not unreachable, and the password is the likeliest reason. */
    g_set_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_AUTH,
                 _("The team server %s refused the user name or the password"), description);
  else
    g_set_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_UNREACHABLE,
                 _("The team server %s cannot be reached"), description);
}

/* The connection broke: nothing could be sent, or no answer came. */
static void
set_send_error (MdgSyncServer  *server,
                GError        **error)
{
  g_set_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_INTERRUPTED,
               _("The connection to the team server %s broke off during the sync. Nothing was lost: "
                 "the changes wait for the next sync."),
               server->description);
}

/* Maps what the server or libpq said to words for the status line. */
static void
set_result_error (MdgSyncServer  *server,
                  PGresult       *result,
                  GError        **error)
{
  const char *state = result ? _mdg_pq.PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result ? _mdg_pq.PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *detail = g_strstrip (g_strdup (primary ? primary : _mdg_pq.PQerrorMessage (server->conn)));

  if (g_strcmp0 (state, "57014") == 0)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The sync was stopped"));
  else if (_mdg_pq.PQstatus (server->conn) != CONNECTION_OK || (state && (g_str_has_prefix (state, "08") ||
                                                               g_str_has_prefix (state, "57P"))))
    set_send_error (server, error);
  else if (g_strcmp0 (state, "42501") == 0)
    g_set_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_PERMISSION,
                 _("The team server does not let this user use Madoguchi’s tables; ask its administrator (%s)"),
                 detail);
  else
    g_set_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_SERVER, _("The team server reported an error: %s"), detail);
}

static void
cancelled_cb (GCancellable  *cancellable,
              MdgSyncServer *server)
{
  char message[256];

  /* PQcancel is safe from any thread: it opens its own connection to the server. */
  if (server->cancel != NULL)
    _mdg_pq.PQcancel (server->cancel, message, sizeof message);
}

/* Waits for every result of what was sent: one round trip. */
static GPtrArray *
collect_results (MdgSyncServer  *server,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) _mdg_pq.PQclear);
  GError *first_error = NULL;
  gulong handler = 0;
  PGresult *result;

  server->round_trips++;
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), server, NULL);

  while ((result = _mdg_pq.PQgetResult (server->conn)) != NULL)
    {
      ExecStatusType status = _mdg_pq.PQresultStatus (result);

      if (status == PGRES_FATAL_ERROR && first_error == NULL)
        set_result_error (server, result, &first_error);
      g_ptr_array_add (results, result);
      if (_mdg_pq.PQstatus (server->conn) == CONNECTION_BAD)
        break;
    }
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);

  if (first_error == NULL && _mdg_pq.PQstatus (server->conn) == CONNECTION_BAD)
    set_result_error (server, NULL, &first_error);
  if (first_error != NULL)
    {
      g_propagate_error (error, first_error);
      return NULL;
    }
  return g_steal_pointer (&results);
}

/**
 * _mdg_sync_server_exec:
 * @server: a connected server
 * @sql: one or several statements, without parameters
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Sends @sql and waits for all its results: one round trip, however many statements.
 *
 * Returns: (transfer container) (element-type PGresult): the results, or %NULL with
 *   @error set when any statement failed (the later ones did not run)
 */
GPtrArray *
_mdg_sync_server_exec (MdgSyncServer  *server,
                       const char     *sql,
                       GCancellable   *cancellable,
                       GError        **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!_mdg_pq.PQsendQuery (server->conn, sql))
    {
      set_send_error (server, error);
      return NULL;
    }
  return collect_results (server, cancellable, error);
}

/**
 * _mdg_sync_server_exec_params:
 * @server: a connected server
 * @sql: one statement with $1… parameters
 * @n_params: how many
 * @values: (array length=n_params): the parameters
 * @lengths: (nullable): their lengths, for binary ones
 * @formats: (nullable): 1 for a binary parameter
 * @result_format: 1 for binary results
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
PGresult *
_mdg_sync_server_exec_params (MdgSyncServer      *server,
                              const char         *sql,
                              int                 n_params,
                              const char *const  *values,
                              const int          *lengths,
                              const int          *formats,
                              int                 result_format,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autoptr(GPtrArray) results = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!_mdg_pq.PQsendQueryParams (server->conn, sql, n_params, NULL, values, lengths, formats, result_format))
    {
      set_send_error (server, error);
      return NULL;
    }
  results = collect_results (server, cancellable, error);
  if (results == NULL)
    return NULL;
  g_assert (results->len == 1);
  return g_ptr_array_steal_index (results, 0);
}

void
_mdg_sync_server_rollback (MdgSyncServer *server)
{
  PGresult *result;

  if (_mdg_pq.PQstatus (server->conn) != CONNECTION_OK || _mdg_pq.PQtransactionStatus (server->conn) == PQTRANS_IDLE)
    return;
  result = _mdg_pq.PQexec (server->conn, "ROLLBACK");
  _mdg_pq.PQclear (result);
}

static char *
first_value (GPtrArray *results)
{
  PGresult *last = g_ptr_array_index (results, results->len - 1);

  if (_mdg_pq.PQntuples (last) < 1 || _mdg_pq.PQgetisnull (last, 0, 0))
    return NULL;
  return g_strdup (_mdg_pq.PQgetvalue (last, 0, 0));
}

/* Creates or upgrades the madoguchi schema, under the writers' lock. */
static gboolean
migrate (MdgSyncServer  *server,
         GCancellable   *cancellable,
         GError        **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *version_text = NULL;
  int version;

  results = _mdg_sync_server_exec (server,
                                   "BEGIN;"
                                   MDG_SYNC_LOCK_SQL ";"
                                   "SELECT CASE WHEN to_regclass ('madoguchi.meta') IS NULL THEN '0' END;",
                                   cancellable, error);
  if (results == NULL)
    return FALSE;
  version_text = first_value (results);
  g_clear_pointer (&results, g_ptr_array_unref);
  if (version_text == NULL)
    {
      results = _mdg_sync_server_exec (server, "SELECT value FROM madoguchi.meta WHERE key = 'schema'",
                                       cancellable, error);
      if (results == NULL)
        goto fail;
      version_text = first_value (results);
      g_clear_pointer (&results, g_ptr_array_unref);
    }
  version = version_text ? atoi (version_text) : 0;

  if (version > MDG_SYNC_SERVER_SCHEMA)
    {
      g_set_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_TOO_NEW,
                   _("The team server %s was set up by a newer Madoguchi (schema %d; this version knows up to %d). "
                     "Update Madoguchi on this laptop to sync."),
                   server->description, version, MDG_SYNC_SERVER_SCHEMA);
      goto fail;
    }

  for (int v = version; v < MDG_SYNC_SERVER_SCHEMA; v++)
    {
      g_autofree char *sql = g_strdup_printf ("%s; INSERT INTO madoguchi.meta (key, value) VALUES ('schema', '%d')"
                                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                              server_migrations[v], v + 1);

      results = _mdg_sync_server_exec (server, sql, cancellable, error);
      if (results == NULL)
        goto fail;
      g_clear_pointer (&results, g_ptr_array_unref);
    }

  results = _mdg_sync_server_exec (server, "SELECT value FROM madoguchi.meta WHERE key = 'instance'; COMMIT",
                                   cancellable, error);
  if (results == NULL)
    goto fail;
  server->instance = g_strdup (_mdg_pq.PQgetvalue (g_ptr_array_index (results, 0), 0, 0));
  return TRUE;

fail:
  _mdg_sync_server_rollback (server);
  return FALSE;
}

/**
 * _mdg_sync_server_connect:
 * @settings: where the server is
 * @password: (nullable): its password
 * @device: this laptop's uuid
 * @device_name: what people call this laptop (its host name)
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Connects (with TLS, the certificate checked, unless the server is on this machine),
 * creates or upgrades the server schema, and records the device.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
MdgSyncServer *
_mdg_sync_server_connect (const MdgSyncSettings  *settings,
                          const char             *password,
                          const char             *device,
                          const char             *device_name,
                          GCancellable           *cancellable,
                          GError                **error)
{
  g_autoptr(MdgSyncServer) server = g_new0 (MdgSyncServer, 1);
  g_autofree char *port = settings->port ? g_strdup_printf ("%u", settings->port) : NULL;
  g_autoptr(PGresult) result = NULL;
  const char *keys[16];
  const char *values[16];
  guint n = 0;
  const char *params[3];

#define ADD(k, v) G_STMT_START { if ((v) != NULL) { keys[n] = (k); values[n] = (v); n++; } } G_STMT_END
  ADD ("host", settings->host);
  ADD ("port", port);
  ADD ("dbname", settings->dbname);
  ADD ("user", settings->user);
  ADD ("password", password);
  ADD ("application_name", "Madoguchi");
  ADD ("client_encoding", "UTF8");
  ADD ("connect_timeout", "10");
  if (mdg_sync_settings_is_local (settings))
    ADD ("sslmode", "prefer");
  else
    {
      /* Never in clear over a network, and only to the server the certificate names. */
      ADD ("sslmode", "verify-full");
      if (settings->ca_file != NULL)
        ADD ("sslrootcert", settings->ca_file);
      else if (g_file_test ("/etc/ssl/certs/ca-certificates.crt", G_FILE_TEST_IS_REGULAR))
        ADD ("sslrootcert", "/etc/ssl/certs/ca-certificates.crt");
    }
  keys[n] = NULL;
  values[n] = NULL;
#undef ADD

  server->description = mdg_sync_settings_describe (settings);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !load_libpq_once (error))
    return NULL;

  server->conn = _mdg_pq.PQconnectdbParams (keys, values, 0);
  if (_mdg_pq.PQstatus (server->conn) != CONNECTION_OK)
    {
      set_connect_error (error, server->conn, settings, server->description, password);
      return NULL;
    }
  server->cancel = _mdg_pq.PQgetCancel (server->conn);

  if (!migrate (server, cancellable, error))
    return NULL;

  params[0] = device;
  params[1] = device_name;
  params[2] = settings->staff;
  result = _mdg_sync_server_exec_params (server,
                                         "INSERT INTO madoguchi.device (uuid, name, staff) VALUES ($1, $2, $3)"
                                         " ON CONFLICT (uuid) DO UPDATE SET name = excluded.name, staff = excluded.staff,"
                                         " who = current_user, last_seen = now ()",
                                         3, params, NULL, NULL, 0, cancellable, error);
  if (result == NULL)
    return NULL;

  server->round_trips = 0;
  return g_steal_pointer (&server);
}

void
_mdg_sync_server_free (MdgSyncServer *server)
{
  if (server == NULL)
    return;
  g_clear_pointer (&server->cancel, _mdg_pq.PQfreeCancel);
  g_clear_pointer (&server->conn, _mdg_pq.PQfinish);
  g_free (server->instance);
  g_free (server->description);
  g_free (server);
}

gboolean
_mdg_sync_server_is_alive (MdgSyncServer *server)
{
  return server != NULL && _mdg_pq.PQstatus (server->conn) == CONNECTION_OK &&
         _mdg_pq.PQtransactionStatus (server->conn) == PQTRANS_IDLE;
}

const char *
_mdg_sync_server_get_instance (MdgSyncServer *server)
{
  return server->instance;
}

const char *
_mdg_sync_server_get_description (MdgSyncServer *server)
{
  return server->description;
}

/* The exchanges with the server since it connected: each waits for the network once. */
guint
_mdg_sync_server_get_round_trips (MdgSyncServer *server)
{
  return server->round_trips;
}

/* Returns: (transfer full): @text as an SQL string literal */
char *
_mdg_sync_server_quote (MdgSyncServer *server,
                        const char    *text,
                        gsize          length)
{
  char *literal = _mdg_pq.PQescapeLiteral (server->conn, text, length);
  char *copy = g_strdup (literal);

  _mdg_pq.PQfreemem (literal);
  return copy;
}
