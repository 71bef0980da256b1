/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sync-settings"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-sync-log-private.h"
#include "mdg-sync-settings.h"
#include "mdg-util-private.h"

/*
 * The team server's address is a local setting of each laptop database (sync_setting);
 * its password is kept by the desktop keyring (the Secret Service, through libsecret),
 * encrypted with the user's login. Madoguchi writes it nowhere else.
 */

static const SecretSchema password_schema = {
  "io.github.madoguchi.Madoguchi.TeamServer",
  SECRET_SCHEMA_NONE,
  {
    { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { "dbname", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

/*
 * libsecret comes with libgcrypt: libraries that every start of the window would load
 * and relocate, before its first frame, for the team server's password alone. It is
 * loaded (by its soname, from the headers' declarations) the first time the keyring is
 * asked, in whichever thread asks.
 */
static struct
{
  __typeof__ (secret_password_store) *password_store;
  __typeof__ (secret_password_store_finish) *password_store_finish;
  __typeof__ (secret_password_search) *password_search;
  __typeof__ (secret_password_search_finish) *password_search_finish;
  __typeof__ (secret_retrievable_retrieve_secret) *retrievable_retrieve_secret;
  __typeof__ (secret_retrievable_retrieve_secret_finish) *retrievable_retrieve_secret_finish;
  __typeof__ (secret_value_get_text) *value_get_text;
  __typeof__ (secret_value_unref) *value_unref;
  __typeof__ (secret_password_clear) *password_clear;
  __typeof__ (secret_password_clear_finish) *password_clear_finish;
} secret;

static const MdgLibrarySymbol secret_symbols[] = {
  MDG_LIBRARY_SYMBOL (__typeof__ (secret), "secret_", password_store),
  MDG_LIBRARY_SYMBOL (__typeof__ (secret), "secret_", password_store_finish),
  MDG_LIBRARY_SYMBOL (__typeof__ (secret), "secret_", password_search),
  MDG_LIBRARY_SYMBOL (__typeof__ (secret), "secret_", password_search_finish),
  MDG_LIBRARY_SYMBOL (__typeof__ (secret), "secret_", retrievable_retrieve_secret),
  MDG_LIBRARY_SYMBOL (__typeof__ (secret), "secret_", retrievable_retrieve_secret_finish),
  MDG_LIBRARY_SYMBOL (__typeof__ (secret), "secret_", value_get_text),
  MDG_LIBRARY_SYMBOL (__typeof__ (secret), "secret_", value_unref),
  MDG_LIBRARY_SYMBOL (__typeof__ (secret), "secret_", password_clear),
  MDG_LIBRARY_SYMBOL (__typeof__ (secret), "secret_", password_clear_finish),
};

static MdgLibrary secret_library = MDG_LIBRARY_INIT (MDG_LIBSECRET_SONAME, secret_symbols, &secret, NULL);

/* Whether the keyring cannot be asked at all, with @error set then. */
static gboolean
secret_unavailable (GError **error)
{
  const char *problem = _mdg_library_ensure (&secret_library);

  if (problem != NULL)
    g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED,
                 _("The keyring cannot be reached: its library libsecret could not be loaded (%s). "
                   "Reinstall Madoguchi."),
                 problem);
  return problem != NULL;
}

/*
 * libsecret's blocking calls run their own short-lived main context, and the proxies
 * they create keep listening there after it is gone: a signal the keyring sends later
 * is queued where nobody will ever read it. So the calls here are libsecret's
 * asynchronous ones, run to completion on one context that lives as long as the
 * process, one thread at a time.
 */
static GMutex secret_lock;
static GMainContext *secret_context;

typedef struct
{
  GAsyncResult *result;
} SecretWait;

static void
secret_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SecretWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static void
secret_begin (SecretWait *wait)
{
  g_mutex_lock (&secret_lock);
  if (secret_context == NULL)
    secret_context = g_main_context_new ();
  g_main_context_push_thread_default (secret_context);
  wait->result = NULL;
}

/* Returns: (transfer full): the result, once the call is over */
static GAsyncResult *
secret_end (SecretWait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (secret_context, TRUE);
  /* What else arrived meanwhile is handled now, not left waiting. */
  while (g_main_context_iteration (secret_context, FALSE))
    ;
  g_main_context_pop_thread_default (secret_context);
  g_mutex_unlock (&secret_lock);
  return wait->result;
}

static const char *const setting_keys[] = { "host", "port", "dbname", "user", "ca-file", "staff" };

G_DEFINE_BOXED_TYPE (MdgSyncSettings, mdg_sync_settings, mdg_sync_settings_copy, mdg_sync_settings_free)

/**
 * mdg_sync_settings_new:
 * @host: a host name or address, or the folder of a Unix socket
 * @port: the port, or 0 for PostgreSQL's default
 * @dbname: the database on the server
 * @user: the user name on the server
 *
 * Returns: (transfer full): new settings
 */
MdgSyncSettings *
mdg_sync_settings_new (const char *host,
                       guint       port,
                       const char *dbname,
                       const char *user)
{
  MdgSyncSettings *settings = g_new0 (MdgSyncSettings, 1);

  settings->host = g_strdup (host);
  settings->port = port;
  settings->dbname = g_strdup (dbname);
  settings->user = g_strdup (user);
  return settings;
}

MdgSyncSettings *
mdg_sync_settings_copy (const MdgSyncSettings *settings)
{
  MdgSyncSettings *copy;

  g_return_val_if_fail (settings != NULL, NULL);

  copy = mdg_sync_settings_new (settings->host, settings->port, settings->dbname, settings->user);
  copy->ca_file = g_strdup (settings->ca_file);
  copy->staff = g_strdup (settings->staff);
  return copy;
}

void
mdg_sync_settings_free (MdgSyncSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->host);
  g_free (settings->dbname);
  g_free (settings->user);
  g_free (settings->ca_file);
  g_free (settings->staff);
  g_free (settings);
}

static gboolean
blank (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  return *stripped == '\0';
}

/**
 * mdg_sync_settings_validate:
 * @settings: settings a person typed
 * @error: a location for a #GError
 *
 * Returns: whether the settings are complete enough to try
 */
gboolean
mdg_sync_settings_validate (const MdgSyncSettings  *settings,
                            GError                **error)
{
  g_return_val_if_fail (settings != NULL, FALSE);

  if (blank (settings->host))
    g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("The team server needs a host name"));
  else if (blank (settings->dbname))
    g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("The team server needs a database name"));
  else if (blank (settings->user))
    g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("The team server needs a user name"));
  else if (settings->port > 65535)
    g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("%u is not a port number"), settings->port);
  else if (settings->ca_file != NULL && !g_file_test (settings->ca_file, G_FILE_TEST_IS_REGULAR))
    g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("There is no certificate file “%s”"), settings->ca_file);
  else
    return TRUE;
  return FALSE;
}

/**
 * mdg_sync_settings_is_local:
 * @settings: settings
 *
 * Whether the server is on this machine (a Unix socket or a loopback address): the
 * only case in which Madoguchi talks to it without TLS.
 */
gboolean
mdg_sync_settings_is_local (const MdgSyncSettings *settings)
{
  const char *host;

  g_return_val_if_fail (settings != NULL, FALSE);

  host = settings->host;
  return host != NULL &&
         (host[0] == '/' || host[0] == '@' || g_ascii_strcasecmp (host, "localhost") == 0 ||
          g_str_equal (host, "::1") || g_str_has_prefix (host, "127."));
}

/* Returns: (transfer full): "user@host:port/dbname", as people write it */
char *
mdg_sync_settings_describe (const MdgSyncSettings *settings)
{
  g_return_val_if_fail (settings != NULL, NULL);

  if (settings->port != 0)
    return g_strdup_printf ("%s@%s:%u/%s", settings->user, settings->host, settings->port, settings->dbname);
  return g_strdup_printf ("%s@%s/%s", settings->user, settings->host, settings->dbname);
}

/**
 * mdg_sync_settings_load:
 * @db: a #MdgDatabase
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): this laptop's team server, or %NULL (without
 *   @error) when none is set up
 */
MdgSyncSettings *
mdg_sync_settings_load (MdgDatabase  *db,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(MdgSyncSettings) settings = NULL;
  const char *port;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), "SELECT key, value FROM sync_setting", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));

  if (!g_hash_table_contains (values, "host"))
    return NULL;

  port = g_hash_table_lookup (values, "port");
  settings = mdg_sync_settings_new (g_hash_table_lookup (values, "host"), port ? (guint) g_ascii_strtoull (port, NULL, 10) : 0,
                                    g_hash_table_lookup (values, "dbname"), g_hash_table_lookup (values, "user"));
  settings->ca_file = g_strdup (g_hash_table_lookup (values, "ca-file"));
  settings->staff = g_strdup (g_hash_table_lookup (values, "staff"));
  return g_steal_pointer (&settings);
}

static gboolean
same_server (const MdgSyncSettings *a,
             const MdgSyncSettings *b)
{
  return a != NULL && b != NULL && g_strcmp0 (a->host, b->host) == 0 && a->port == b->port &&
         g_strcmp0 (a->dbname, b->dbname) == 0;
}

/**
 * mdg_sync_settings_save:
 * @db: a #MdgDatabase
 * @settings: the team server
 * @error: a location for a #GError
 *
 * Sets up this laptop's team server and turns the change log on: from now on every
 * change to a shared table waits for the next sync, and what the database already
 * holds goes with the first one. Another server than before starts afresh.
 */
gboolean
mdg_sync_settings_save (MdgDatabase            *db,
                        const MdgSyncSettings  *settings,
                        GError                **error)
{
  g_autoptr(MdgSyncSettings) before = NULL;
  g_autofree char *port = NULL;
  sqlite3 *handle;
  const char *values[G_N_ELEMENTS (setting_keys)];

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!mdg_sync_settings_validate (settings, error))
    return FALSE;

  handle = _mdg_database_get_handle (db);
  port = settings->port ? g_strdup_printf ("%u", settings->port) : NULL;
  values[0] = settings->host;
  values[1] = port;
  values[2] = settings->dbname;
  values[3] = settings->user;
  values[4] = settings->ca_file;
  values[5] = settings->staff;

  if (!mdg_database_begin (db, error))
    return FALSE;
  before = mdg_sync_settings_load (db, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (setting_keys); i++)
    if (!_mdg_sync_setting_set (handle, setting_keys[i], values[i], error))
      goto fail;
  /* Another server knows nothing of this laptop: everything goes there. */
  if (!same_server (before, settings) &&
      (!_mdg_sync_setting_set (handle, "last-seq", NULL, error) || !_mdg_sync_setting_set (handle, "server-instance", NULL, error) ||
       !_mdg_sync_enable (handle, error)))
    goto fail;
  return mdg_database_commit (db, error);

fail:
  mdg_database_rollback (db);
  return FALSE;
}

/**
 * mdg_sync_password_store:
 * @settings: the team server
 * @password: its password for @settings' user
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Keeps the password in the desktop keyring. Blocks: call it from a worker thread or
 * the command line.
 */
gboolean
mdg_sync_password_store (const MdgSyncSettings  *settings,
                         const char             *password,
                         GCancellable           *cancellable,
                         GError                **error)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  SecretWait wait;

  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (secret_unavailable (error))
    return FALSE;

  description = mdg_sync_settings_describe (settings);
  /* Translators: the name of the password in the keyring; %s is user@host/database. */
  label = g_strdup_printf (_("Madoguchi team server %s"), description);
  secret_begin (&wait);
  secret.password_store (&password_schema, SECRET_COLLECTION_DEFAULT, label, password, cancellable, secret_done_cb,
                         &wait, "host", settings->host, "port", settings->port ? settings->port : 5432,
                         "dbname", settings->dbname, "user", settings->user, NULL);
  result = secret_end (&wait);
  if (!secret.password_store_finish (result, &local_error))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED,
                   _("The password could not be kept in the keyring (%s). Madoguchi keeps it nowhere else: "
                     "start the desktop keyring and try again."),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * mdg_sync_password_lookup:
 * @settings: the team server
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the password, or %NULL when the keyring has none
 *   (without @error) or cannot be reached (with @error)
 */
char *
mdg_sync_password_lookup (const MdgSyncSettings  *settings,
                          GCancellable           *cancellable,
                          GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GAsyncResult) retrieved = NULL;
  g_autolist(GObject) items = NULL;
  SecretValue *value = NULL;
  char *password;
  SecretWait wait;

  g_return_val_if_fail (settings != NULL, NULL);

  if (secret_unavailable (error))
    return NULL;

  /* Searched and then retrieved: libsecret 0.20's own lookup leaks the keyring's reply. */
  secret_begin (&wait);
  secret.password_search (&password_schema, SECRET_SEARCH_UNLOCK, cancellable, secret_done_cb, &wait,
                          "host", settings->host, "port", settings->port ? settings->port : 5432,
                          "dbname", settings->dbname, "user", settings->user, NULL);
  found = secret_end (&wait);
  items = secret.password_search_finish (found, &local_error);
  if (items != NULL)
    {
      secret_begin (&wait);
      secret.retrievable_retrieve_secret (items->data, cancellable, secret_done_cb, &wait);
      retrieved = secret_end (&wait);
      value = secret.retrievable_retrieve_secret_finish (items->data, retrieved, &local_error);
    }
  if (local_error != NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED,
                   _("The keyring holding the team server’s password cannot be reached: %s"), local_error->message);
      return NULL;
    }
  /* The caller gets ordinary memory it frees; libsecret's copy goes with the value. */
  password = value ? g_strdup (secret.value_get_text (value)) : NULL;
  g_clear_pointer (&value, secret.value_unref);
  return password;
}

gboolean
mdg_sync_password_clear (const MdgSyncSettings  *settings,
                         GCancellable           *cancellable,
                         GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  SecretWait wait;

  g_return_val_if_fail (settings != NULL, FALSE);

  if (secret_unavailable (error))
    return FALSE;

  secret_begin (&wait);
  secret.password_clear (&password_schema, cancellable, secret_done_cb, &wait, "host", settings->host,
                         "port", settings->port ? settings->port : 5432, "dbname", settings->dbname,
                         "user", settings->user, NULL);
  result = secret_end (&wait);
  secret.password_clear_finish (result, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("The keyring cannot be reached: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}
