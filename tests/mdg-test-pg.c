/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-test-pg"

#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "mdg-test-pg.h"
#include "mdg-test-util.h"

/*
 * A real PostgreSQL server for the sync tests: initdb into a temporary folder, the
 * server on a Unix socket there and on 127.0.0.1 with TLS only (a certificate from a
 * throwaway authority), passwords required everywhere. PostgreSQL refuses to run as
 * root, so as root it runs as the "postgres" user the package creates. The server is
 * its own process group, so that "kill -9" takes every one of its processes at once,
 * as a crash would.
 */

struct _MdgTestPg
{
  char        *dir;
  char        *data;
  char        *ca_file;
  char        *other_ca;
  guint        port;
  GSubprocess *server;
  gboolean     drop_root;
  guint        users;
  guint        databases;
};

static GTestDBus *test_bus;
static GSubprocess *keyring;
static char *keyring_runtime;

/* What a failed assertion (abort) or a test timeout (SIGTERM) must not leave running. */
static volatile sig_atomic_t server_group;
static volatile sig_atomic_t keyring_pid;

static void
reap_cb (int signum)
{
  if (server_group > 0)
    kill (-server_group, SIGKILL);
  if (keyring_pid > 0)
    kill (keyring_pid, SIGTERM);
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
reap_on_exit (void)
{
  static gboolean installed;

  if (installed)
    return;
  installed = TRUE;
  signal (SIGABRT, reap_cb);
  signal (SIGTERM, reap_cb);
  signal (SIGINT, reap_cb);
}

static const char *
bindir (void)
{
  const char *dir = g_getenv ("MADOGUCHI_PG_BINDIR");
  g_autofree char *postgres = NULL;

  g_assert_nonnull (dir);
  postgres = g_build_filename (dir, "postgres", NULL);
  if (!g_file_test (postgres, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("No PostgreSQL server in %s: install the postgresql package (build-aux/test does)", dir);
  return dir;
}

/* Runs @argv (NULL-terminated) as the server's user, in @pg's folder; it must succeed. */
static void
run_as_server (MdgTestPg          *pg,
               const char *const  *argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (pg->drop_root)
    {
      g_ptr_array_add (args, "setpriv");
      g_ptr_array_add (args, "--reuid=postgres");
      g_ptr_array_add (args, "--regid=postgres");
      g_ptr_array_add (args, "--init-groups");
    }
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (pg->dir, (char **) args->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s%s", argv[0], out, err);
}

static void
chown_to_server (MdgTestPg  *pg,
                 const char *path)
{
  struct passwd *user;

  if (!pg->drop_root)
    return;
  user = getpwnam ("postgres");
  g_assert_nonnull (user);
  g_assert_cmpint (chown (path, user->pw_uid, user->pw_gid), ==, 0);
}

static guint
free_port (void)
{
  struct sockaddr_in address = { 0 };
  socklen_t length = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  guint port;

  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &address, &length), ==, 0);
  port = ntohs (address.sin_port);
  close (fd);
  return port;
}

/* A certificate authority, and a server certificate for MDG_TEST_PG_HOSTNAME from it. */
static void
make_certificates (MdgTestPg *pg)
{
  const char *const ca[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-days", "2", "-subj", "/CN=Madoguchi test authority", "-keyout", "ca.key", "-out", "ca.crt",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", NULL
  };
  const char *const other[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-days", "2", "-subj", "/CN=Another authority", "-keyout", "other.key", "-out", "other-ca.crt",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", NULL
  };
  const char *const request[] = {
    "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-subj", "/CN=" MDG_TEST_PG_HOSTNAME, "-keyout", "server.key", "-out", "server.csr", NULL
  };
  const char *const sign[] = {
    "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
    "-days", "2", "-out", "server.crt", "-extfile", "server.ext", NULL
  };
  g_autofree char *ext = g_build_filename (pg->dir, "server.ext", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (ext, "subjectAltName=DNS:" MDG_TEST_PG_HOSTNAME "\n", -1, &error);
  g_assert_no_error (error);
  chown_to_server (pg, ext);
  run_as_server (pg, ca);
  run_as_server (pg, other);
  run_as_server (pg, request);
  run_as_server (pg, sign);
  pg->ca_file = g_build_filename (pg->dir, "ca.crt", NULL);
  pg->other_ca = g_build_filename (pg->dir, "other-ca.crt", NULL);
}

static void
start_server (MdgTestPg *pg)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *postgres = g_build_filename (bindir (), "postgres", NULL);
  g_autofree char *port = g_strdup_printf ("%u", pg->port);
  g_autofree char *log = g_build_filename (pg->dir, "server.log", NULL);
  g_autofree char *conninfo = g_strdup_printf ("host=%s port=%u dbname=postgres user=admin connect_timeout=2",
                                               pg->dir, pg->port);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  const char *const server_args[] = {
    postgres, "-D", pg->data, "-k", pg->dir, "-p", port,
    "-c", "listen_addresses=127.0.0.1", "-c", "ssl=on",
    "-c", "ssl_cert_file=server.crt", "-c", "ssl_key_file=server.key",
    "-c", "fsync=off", "-c", "max_connections=40", "-c", "shared_buffers=16MB",
    NULL
  };

  if (pg->drop_root)
    {
      g_ptr_array_add (args, "setpriv");
      g_ptr_array_add (args, "--reuid=postgres");
      g_ptr_array_add (args, "--regid=postgres");
      g_ptr_array_add (args, "--init-groups");
    }
  for (guint i = 0; server_args[i]; i++)
    g_ptr_array_add (args, (char *) server_args[i]);
  g_ptr_array_add (args, NULL);

  /* Its own process group: kill -9 reaches the postmaster and all its children. */
  g_subprocess_launcher_set_child_setup (launcher, (GSpawnChildSetupFunc) (void (*) (void)) setsid, NULL, NULL);
  g_subprocess_launcher_set_cwd (launcher, pg->data);
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_take_stderr_fd (launcher, -1);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDERR_MERGE);
  pg->server = g_subprocess_launcher_spawnv (launcher, (const char *const *) args->pdata, &error);
  g_assert_no_error (error);
  reap_on_exit ();
  server_group = atoi (g_subprocess_get_identifier (pg->server));

  while (PQping (conninfo) != PQPING_OK)
    {
      if (g_get_monotonic_time () > deadline || g_subprocess_get_identifier (pg->server) == NULL)
        {
          g_autofree char *text = NULL;
          g_file_get_contents (log, &text, NULL, NULL);
          g_error ("PostgreSQL did not start: %s", text);
        }
      g_usleep (20 * 1000);
    }
}

static void
admin_exec (MdgTestPg  *pg,
            const char *dbname,
            const char *sql)
{
  PGconn *conn = mdg_test_pg_connect_admin (pg, dbname);
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/**
 * mdg_test_pg_start:
 *
 * Returns: a running server, with passwords required on its socket and TLS on TCP
 */
MdgTestPg *
mdg_test_pg_start (void)
{
  MdgTestPg *pg = g_new0 (MdgTestPg, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *pwfile = NULL;
  g_autofree char *hba = NULL;
  g_autofree char *initdb = g_build_filename (bindir (), "initdb", NULL);

  /* Short: a Unix socket's path has room for about a hundred bytes. */
  pg->dir = g_dir_make_tmp ("mdg-pg-XXXXXX", &error);
  g_assert_no_error (error);
  pg->data = g_build_filename (pg->dir, "data", NULL);
  pg->drop_root = geteuid () == 0;
  pg->port = free_port ();
  chown_to_server (pg, pg->dir);

  pwfile = g_build_filename (pg->dir, "pw", NULL);
  g_file_set_contents (pwfile, MDG_TEST_PG_ADMIN_PASSWORD "\n", -1, &error);
  g_assert_no_error (error);
  chown_to_server (pg, pwfile);
  {
    g_autofree char *pwarg = g_strdup_printf ("--pwfile=%s", pwfile);
    const char *const argv[] = {
      initdb, "-D", pg->data, "-U", "admin", pwarg, "--auth=scram-sha-256", "-E", "UTF8",
      "--locale=C.UTF-8", "-N", NULL
    };
    run_as_server (pg, argv);
  }
  g_remove (pwfile);

  /* Passwords on the socket; TLS only over TCP. */
  hba = g_build_filename (pg->data, "pg_hba.conf", NULL);
  g_file_set_contents (hba,
                       "local all all scram-sha-256\n"
                       "hostssl all all 127.0.0.1/32 scram-sha-256\n",
                       -1, &error);
  g_assert_no_error (error);
  chown_to_server (pg, hba);

  make_certificates (pg);
  {
    const char *const copy[] = { "cp", "server.crt", "server.key", pg->data, NULL };
    run_as_server (pg, copy);
  }

  start_server (pg);
  return pg;
}

static void
wait_server (MdgTestPg *pg)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (pg->server, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&pg->server);
  server_group = 0;
}

/* The fast shutdown a service manager does; then the folder goes. */
void
mdg_test_pg_stop (MdgTestPg *pg)
{
  if (pg->server != NULL)
    {
      g_subprocess_send_signal (pg->server, SIGINT);
      wait_server (pg);
    }
  mdg_test_rm_rf (pg->dir);
  g_free (pg->dir);
  g_free (pg->data);
  g_free (pg->ca_file);
  g_free (pg->other_ca);
  g_free (pg);
}

/* kill -9 of the whole server: the postmaster and every backend, mid-transaction. */
void
mdg_test_pg_kill (MdgTestPg *pg)
{
  g_assert_nonnull (pg->server);
  g_assert_cmpint (kill (-atoi (g_subprocess_get_identifier (pg->server)), SIGKILL), ==, 0);
  wait_server (pg);
}

/* Starts the server again on its data: after a kill, through crash recovery. */
void
mdg_test_pg_restart (MdgTestPg *pg)
{
  g_assert_null (pg->server);
  start_server (pg);
}

const char *
mdg_test_pg_get_socket_dir (MdgTestPg *pg)
{
  return pg->dir;
}

guint
mdg_test_pg_get_port (MdgTestPg *pg)
{
  return pg->port;
}

const char *
mdg_test_pg_get_ca_file (MdgTestPg *pg)
{
  return pg->ca_file;
}

const char *
mdg_test_pg_get_other_ca (MdgTestPg *pg)
{
  return pg->other_ca;
}

/* Returns: (transfer full): the name of a new user who logs in with @password */
char *
mdg_test_pg_create_user (MdgTestPg  *pg,
                         const char *password)
{
  char *name = g_strdup_printf ("desk%u", ++pg->users);
  g_autofree char *sql = g_strdup_printf ("CREATE ROLE %s LOGIN PASSWORD '%s'", name, password);

  admin_exec (pg, "postgres", sql);
  return name;
}

/* Returns: (transfer full): the name of a new, empty team database any user may set up */
char *
mdg_test_pg_create_database (MdgTestPg *pg)
{
  char *name = g_strdup_printf ("team%u", ++pg->databases);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autofree char *grant = g_strdup_printf ("GRANT CREATE ON DATABASE %s TO PUBLIC", name);

  admin_exec (pg, "postgres", create);
  admin_exec (pg, "postgres", grant);
  return name;
}

PGconn *
mdg_test_pg_connect_admin (MdgTestPg  *pg,
                           const char *dbname)
{
  g_autofree char *port = g_strdup_printf ("%u", pg->port);
  const char *keys[] = { "host", "port", "dbname", "user", "password", NULL };
  const char *values[] = { pg->dir, port, dbname, "admin", MDG_TEST_PG_ADMIN_PASSWORD, NULL };
  PGconn *conn = PQconnectdbParams (keys, values, 0);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("admin connection: %s", PQerrorMessage (conn));
  return conn;
}

gint64
mdg_test_pg_count (PGconn     *conn,
                   const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  gint64 value;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return value;
}

/*
 * A private Secret Service: a D-Bus session bus of the test's own and a
 * gnome-keyring-daemon on it, its login keyring (encrypted) in the test's isolated
 * data folder. The password sync needs comes from there, as on a desktop.
 */
void
mdg_test_keyring_start (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  GOutputStream *input;
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  gboolean owned = FALSE;

  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test_bus);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  /* A folder of its own for its keyring file and control socket: the tests' isolated
   * folders come and go with each test. */
  keyring_runtime = g_dir_make_tmp ("mdg-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", keyring_runtime, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", keyring_runtime, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", keyring_runtime, TRUE);
  keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground", "--unlock",
                                         "--components=secrets", NULL);
  g_assert_no_error (error);
  reap_on_exit ();
  keyring_pid = atoi (g_subprocess_get_identifier (keyring));
  input = g_subprocess_get_stdin_pipe (keyring);
  g_output_stream_write_all (input, "keyring-login", 13, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (input, NULL, &error);
  g_assert_no_error (error);

  bus = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (test_bus),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);
  while (!owned)
    {
      g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "NameHasOwner",
                                                               g_variant_new ("(s)", "org.freedesktop.secrets"),
                                                               G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                                               NULL, &error);
      g_assert_no_error (error);
      g_variant_get (reply, "(b)", &owned);
      if (!owned)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_assert_nonnull (g_subprocess_get_identifier (keyring));
          g_usleep (20 * 1000);
        }
    }
  g_dbus_connection_close_sync (bus, NULL, NULL);
}

/* The folder of the test keyring's files. */
const char *
mdg_test_keyring_get_dir (void)
{
  return keyring_runtime;
}

void
mdg_test_keyring_stop (void)
{
  g_autoptr(GError) error = NULL;

  /* libsecret's shared connection must go before the bus does. */
  secret_service_disconnect ();
  g_subprocess_send_signal (keyring, SIGTERM);
  g_subprocess_wait (keyring, NULL, &error);
  keyring_pid = 0;
  g_assert_no_error (error);
  g_clear_object (&keyring);
  /* libsecret's proxies keep the session bus connection to the end, so the bus daemon
   * stops without waiting for that connection to go (g_test_dbus_down() would wait, and
   * so would unreffing the GTestDBus, which stays reachable here until exit). */
  g_test_dbus_stop (test_bus);
  mdg_test_rm_rf (keyring_runtime);
  g_clear_pointer (&keyring_runtime, g_free);
}
