/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sync-client"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-sync-client-private.h"
#include "mdg-sync-error.h"
#include "mdg-sync-log-private.h"
#include "mdg-sync-settings.h"

/*
 * The window's handle on sync: a status it can show (state, last sync, changes
 * waiting, conflicts, the server's error in words), notified as it changes, and
 * syncs that run on a worker thread with a connection of their own to the laptop
 * database. The server connection stays open between syncs, so that a sync with
 * nothing to do is one round trip; one sync runs at a time, and asking for another
 * meanwhile waits for the running one.
 */

struct _MdgSyncClient
{
  GObject          parent_instance;

  char            *path;
  MdgSyncState     state;
  GDateTime       *last_synced;
  guint            waiting;
  guint            conflicts;
  char            *message;
  guint            interval;
  guint            interval_source;

  /* Only the thread running a sync touches these, under the lock. */
  GMutex           lock;
  MdgSyncServer   *server;
  MdgSyncPhaseFunc phase;
  gpointer         phase_data;

  /* Main thread: what the last sync did. */
  MdgSyncReport    report;

  /* Main thread: the callers waiting for the running sync. */
  GPtrArray       *waiters;
};

G_DEFINE_FINAL_TYPE (MdgSyncClient, mdg_sync_client, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (MdgSyncState, mdg_sync_state,
                    G_DEFINE_ENUM_VALUE (MDG_SYNC_STATE_NOT_SET_UP, "not-set-up"),
                    G_DEFINE_ENUM_VALUE (MDG_SYNC_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (MDG_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (MDG_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (MDG_SYNC_STATE_ERROR, "error"))

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_STATE,
  PROP_LAST_SYNCED,
  PROP_WAITING,
  PROP_CONFLICTS,
  PROP_MESSAGE,
  PROP_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  MdgSyncCounts counts;
  MdgSyncReport report;
  GError       *error;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  mdg_sync_counts_clear (&outcome->counts);
  g_clear_error (&outcome->error);
  g_free (outcome);
}

void
mdg_sync_counts_clear (MdgSyncCounts *counts)
{
  g_clear_pointer (&counts->last_synced, g_date_time_unref);
  g_clear_pointer (&counts->problem, g_free);
  memset (counts, 0, sizeof *counts);
}

static gint64
count (sqlite3    *handle,
       const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle, sql, NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/**
 * mdg_sync_counts_read:
 * @db: a laptop database
 * @counts: (out caller-allocates): filled in; clear with mdg_sync_counts_clear()
 * @error: a location for a #GError
 *
 * Reads whether a team server is set up, how many records wait for the next sync,
 * how many conflicts wait for review, and when the last sync was.
 */
gboolean
mdg_sync_counts_read (MdgDatabase    *db,
                      MdgSyncCounts  *counts,
                      GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *handle;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  memset (counts, 0, sizeof *counts);
  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "SELECT (SELECT value FROM sync_setting WHERE key = 'last-sync'),"
                           " EXISTS (SELECT 1 FROM sync_setting WHERE key = 'host'),"
                           " (SELECT value FROM sync_setting WHERE key = 'last-problem'),"
                           " EXISTS (SELECT 1 FROM sync_setting WHERE key = 'last-offline')",
                           error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *last = (const char *) sqlite3_column_text (stmt, 0);
      counts->last_synced = last ? g_date_time_new_from_iso8601 (last, NULL) : NULL;
      counts->set_up = sqlite3_column_int (stmt, 1);
      counts->problem = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      counts->offline = sqlite3_column_int (stmt, 3);
    }
  counts->waiting = count (handle, "SELECT count (*) FROM (SELECT DISTINCT tbl, uuid FROM sync_outbox)");
  counts->conflicts = count (handle, "SELECT count (*) FROM sync_conflict WHERE resolved_at IS NULL");
  return TRUE;
}

static void
set_state (MdgSyncClient *self,
           MdgSyncState   state,
           const char    *message)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
apply_counts (MdgSyncClient *self,
              MdgSyncCounts *counts)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->waiting != counts->waiting)
    {
      self->waiting = counts->waiting;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);
    }
  if (self->conflicts != counts->conflicts)
    {
      self->conflicts = counts->conflicts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
    }
  if ((self->last_synced == NULL) != (counts->last_synced == NULL) ||
      (self->last_synced && !g_date_time_equal (self->last_synced, counts->last_synced)))
    {
      g_clear_pointer (&self->last_synced, g_date_time_unref);
      self->last_synced = counts->last_synced ? g_date_time_ref (counts->last_synced) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
    }
  /* At start-up the status line says what the last sync, before the window, ended on. */
  if (!counts->set_up)
    set_state (self, MDG_SYNC_STATE_NOT_SET_UP, NULL);
  else if (self->state == MDG_SYNC_STATE_NOT_SET_UP && counts->problem != NULL)
    set_state (self, counts->offline ? MDG_SYNC_STATE_OFFLINE : MDG_SYNC_STATE_ERROR, counts->problem);
  else if (self->state == MDG_SYNC_STATE_NOT_SET_UP)
    set_state (self, MDG_SYNC_STATE_IDLE, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

/* What a finished sync means for the status line. */
static void
apply_outcome (MdgSyncClient *self,
               Outcome       *outcome)
{
  GError *error = outcome->error;

  self->report = outcome->report;
  apply_counts (self, &outcome->counts);
  if (error == NULL)
    set_state (self, outcome->counts.set_up ? MDG_SYNC_STATE_IDLE : MDG_SYNC_STATE_NOT_SET_UP, NULL);
  else if (g_error_matches (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_NOT_SET_UP))
    set_state (self, MDG_SYNC_STATE_NOT_SET_UP, NULL);
  else if (g_error_matches (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_UNREACHABLE) ||
           g_error_matches (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_INTERRUPTED))
    set_state (self, MDG_SYNC_STATE_OFFLINE, error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_state (self, MDG_SYNC_STATE_IDLE, NULL);
  else
    set_state (self, MDG_SYNC_STATE_ERROR, error->message);
}

/* Keeps why the last sync failed (or that it did not), for the status after a restart. */
static void
remember_problem (MdgDatabase  *db,
                  const GError *error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  gboolean offline;

  if (error != NULL && error->domain != MDG_SYNC_ERROR)
    return;
  offline = error != NULL &&
            (error->code == MDG_SYNC_ERROR_UNREACHABLE || error->code == MDG_SYNC_ERROR_INTERRUPTED);
  _mdg_sync_setting_set (handle, "last-problem", error ? error->message : NULL, NULL);
  _mdg_sync_setting_set (handle, "last-offline", offline ? "1" : NULL, NULL);
}

/* Connects when there is no live connection; the password comes from the keyring. */
static gboolean
ensure_server (MdgSyncClient          *self,
               MdgDatabase            *db,
               const MdgSyncSettings  *settings,
               GCancellable           *cancellable,
               GError                **error)
{
  g_autofree char *device = NULL;
  char *password;

  if (_mdg_sync_server_is_alive (self->server))
    return TRUE;
  g_clear_pointer (&self->server, _mdg_sync_server_free);

  password = mdg_sync_password_lookup (settings, cancellable, error);
  if (password == NULL && error != NULL && *error != NULL)
    return FALSE;
  device = _mdg_sync_device (db);
  self->server = _mdg_sync_server_connect (settings, password, device, g_get_host_name (), cancellable, error);
  if (password != NULL)
    {
      explicit_bzero (password, strlen (password));
      g_free (password);
    }
  return self->server != NULL;
}

/* The sync itself, on whichever thread runs it. */
static Outcome *
run_sync (MdgSyncClient *self,
          GCancellable  *cancellable)
{
  Outcome *outcome = g_new0 (Outcome, 1);
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSyncSettings) settings = NULL;
  GError *error = NULL;

  g_mutex_lock (&self->lock);
  if (!(db = _mdg_database_open_file (self->path, &error)))
    goto out;
  settings = mdg_sync_settings_load (db, &error);
  if (settings == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_NOT_SET_UP,
                             _("No team server is set up on this laptop"));
      goto counts;
    }

  if (ensure_server (self, db, settings, cancellable, &error) &&
      !_mdg_sync_engine_run (db, self->server, settings->staff, self->phase, self->phase_data, &outcome->report,
                             cancellable, &error) &&
      g_error_matches (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_INTERRUPTED) && outcome->report.round_trips <= 1)
    {
      /* A connection kept from an earlier sync died meanwhile (the server restarted, the
       * laptop slept): its first question failed and nothing changed. Once more, anew. */
      g_clear_error (&error);
      g_clear_pointer (&self->server, _mdg_sync_server_free);
      if (ensure_server (self, db, settings, cancellable, &error))
        _mdg_sync_engine_run (db, self->server, settings->staff, self->phase, self->phase_data, &outcome->report,
                              cancellable, &error);
    }

  /* A broken connection is not reused: the next sync connects again. */
  if (error != NULL && !_mdg_sync_server_is_alive (self->server))
    g_clear_pointer (&self->server, _mdg_sync_server_free);
  remember_problem (db, error);

counts:
  mdg_sync_counts_read (db, &outcome->counts, NULL);
out:
  outcome->error = error;
  g_mutex_unlock (&self->lock);
  return outcome;
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, run_sync (source_object, cancellable), (GDestroyNotify) outcome_free);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  MdgSyncClient *self = MDG_SYNC_CLIENT (object);
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);
  Outcome *outcome = g_task_propagate_pointer (G_TASK (result), NULL);

  apply_outcome (self, outcome);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);

      if (outcome->error != NULL)
        g_task_return_error (waiter, g_error_copy (outcome->error));
      else
        g_task_return_boolean (waiter, TRUE);
    }
  outcome_free (outcome);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MdgSyncClient *self = source_object;
  Outcome *outcome = g_new0 (Outcome, 1);
  g_autoptr(MdgDatabase) db = _mdg_database_open_file (self->path, &outcome->error);

  if (db != NULL)
    mdg_sync_counts_read (db, &outcome->counts, &outcome->error);
  g_task_return_pointer (task, outcome, (GDestroyNotify) outcome_free);
}

static gboolean
interval_cb (gpointer user_data)
{
  MdgSyncClient *self = user_data;

  /* Also when not set up (as far as this client knows): Preferences may just have done it. */
  if (self->state != MDG_SYNC_STATE_SYNCING)
    mdg_sync_client_sync_async (self, NULL, NULL, NULL);
  return G_SOURCE_CONTINUE;
}

static void
mdg_sync_client_dispose (GObject *object)
{
  MdgSyncClient *self = (MdgSyncClient *) object;

  g_clear_handle_id (&self->interval_source, g_source_remove);

  G_OBJECT_CLASS (mdg_sync_client_parent_class)->dispose (object);
}

static void
mdg_sync_client_finalize (GObject *object)
{
  MdgSyncClient *self = (MdgSyncClient *) object;

  g_clear_pointer (&self->server, _mdg_sync_server_free);
  g_clear_pointer (&self->last_synced, g_date_time_unref);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_free (self->message);
  g_free (self->path);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mdg_sync_client_parent_class)->finalize (object);
}

static void
mdg_sync_client_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MdgSyncClient *self = MDG_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_LAST_SYNCED:
      g_value_set_boxed (value, self->last_synced);
      break;
    case PROP_WAITING:
      g_value_set_uint (value, self->waiting);
      break;
    case PROP_CONFLICTS:
      g_value_set_uint (value, self->conflicts);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_sync_client_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MdgSyncClient *self = MDG_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_INTERVAL:
      mdg_sync_client_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_sync_client_class_init (MdgSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mdg_sync_client_dispose;
  object_class->finalize = mdg_sync_client_finalize;
  object_class->get_property = mdg_sync_client_get_property;
  object_class->set_property = mdg_sync_client_set_property;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MDG_TYPE_SYNC_STATE, MDG_SYNC_STATE_NOT_SET_UP,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNCED] =
    g_param_spec_boxed ("last-synced", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WAITING] =
    g_param_spec_uint ("waiting", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICTS] =
    g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_sync_client_init (MdgSyncClient *self)
{
  g_mutex_init (&self->lock);
}

/**
 * mdg_sync_client_new:
 * @database_path: the laptop database
 *
 * The status starts as "not set up"; mdg_sync_client_refresh_async() reads it.
 *
 * Returns: (transfer full): a new client
 */
MdgSyncClient *
mdg_sync_client_new (const char *database_path)
{
  g_return_val_if_fail (database_path != NULL, NULL);

  return g_object_new (MDG_TYPE_SYNC_CLIENT, "database-path", database_path, NULL);
}

MdgSyncState
mdg_sync_client_get_state (MdgSyncClient *self)
{
  g_return_val_if_fail (MDG_IS_SYNC_CLIENT (self), MDG_SYNC_STATE_NOT_SET_UP);
  return self->state;
}

/* Returns: (transfer none) (nullable): when this laptop last synced */
GDateTime *
mdg_sync_client_get_last_synced (MdgSyncClient *self)
{
  g_return_val_if_fail (MDG_IS_SYNC_CLIENT (self), NULL);
  return self->last_synced;
}

guint
mdg_sync_client_get_waiting (MdgSyncClient *self)
{
  g_return_val_if_fail (MDG_IS_SYNC_CLIENT (self), 0);
  return self->waiting;
}

guint
mdg_sync_client_get_conflicts (MdgSyncClient *self)
{
  g_return_val_if_fail (MDG_IS_SYNC_CLIENT (self), 0);
  return self->conflicts;
}

/* Returns: (nullable): why the last sync failed, in words */
const char *
mdg_sync_client_get_message (MdgSyncClient *self)
{
  g_return_val_if_fail (MDG_IS_SYNC_CLIENT (self), NULL);
  return self->message;
}

guint
mdg_sync_client_get_interval (MdgSyncClient *self)
{
  g_return_val_if_fail (MDG_IS_SYNC_CLIENT (self), 0);
  return self->interval;
}

/**
 * mdg_sync_client_set_interval:
 * @self: a #MdgSyncClient
 * @seconds: how often to sync while a server is set up; 0 for never
 */
void
mdg_sync_client_set_interval (MdgSyncClient *self,
                              guint          seconds)
{
  g_return_if_fail (MDG_IS_SYNC_CLIENT (self));

  if (self->interval == seconds)
    return;
  self->interval = seconds;
  g_clear_handle_id (&self->interval_source, g_source_remove);
  if (seconds > 0)
    self->interval_source = g_timeout_add_seconds (seconds, interval_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

/* The round trips to the server of the last sync (connecting aside). */
guint
mdg_sync_client_get_round_trips (MdgSyncClient *self)
{
  g_return_val_if_fail (MDG_IS_SYNC_CLIENT (self), 0);
  return self->report.round_trips;
}

/**
 * mdg_sync_client_describe:
 * @self: a #MdgSyncClient
 * @now: the time to count "minutes ago" from
 *
 * The status line: "Synced 2 minutes ago", "Offline — 14 changes waiting", or the
 * server's error in words.
 *
 * Returns: (transfer full): the line
 */
char *
mdg_sync_client_describe (MdgSyncClient *self,
                          GDateTime     *now)
{
  g_autofree char *line = NULL;
  GTimeSpan ago;

  g_return_val_if_fail (MDG_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  switch (self->state)
    {
    case MDG_SYNC_STATE_NOT_SET_UP:
      return g_strdup (_("No team server: this laptop works on its own"));
    case MDG_SYNC_STATE_SYNCING:
      return g_strdup (_("Syncing…"));
    case MDG_SYNC_STATE_ERROR:
      return g_strdup (self->message);
    case MDG_SYNC_STATE_OFFLINE:
      if (self->waiting == 0)
        return g_strdup (_("Offline — nothing waiting"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline — %u change waiting", "Offline — %u changes waiting",
                                           self->waiting),
                              self->waiting);
    case MDG_SYNC_STATE_IDLE:
    default:
      break;
    }

  if (self->last_synced == NULL)
    line = g_strdup (_("Not synced yet"));
  else if ((ago = g_date_time_difference (now, self->last_synced)) < G_TIME_SPAN_MINUTE)
    line = g_strdup (_("Synced just now"));
  else if (ago < G_TIME_SPAN_HOUR)
    line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d minute ago", "Synced %d minutes ago",
                                         (int) (ago / G_TIME_SPAN_MINUTE)),
                            (int) (ago / G_TIME_SPAN_MINUTE));
  else if (ago < G_TIME_SPAN_DAY)
    line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d hour ago", "Synced %d hours ago",
                                         (int) (ago / G_TIME_SPAN_HOUR)),
                            (int) (ago / G_TIME_SPAN_HOUR));
  else
    line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d day ago", "Synced %d days ago",
                                         (int) (ago / G_TIME_SPAN_DAY)),
                            (int) (ago / G_TIME_SPAN_DAY));

  if (self->conflicts > 0)
    {
      g_autofree char *with = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %u conflict to review",
                                                            "%s — %u conflicts to review", self->conflicts),
                                               line, self->conflicts);
      return g_steal_pointer (&with);
    }
  return g_steal_pointer (&line);
}

typedef struct
{
  MdgSyncSettings *settings;
  char            *password;
} SetupData;

static void
setup_data_free (SetupData *data)
{
  mdg_sync_settings_free (data->settings);
  if (data->password != NULL)
    explicit_bzero (data->password, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static void
setup_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MdgSyncClient *self = source_object;
  SetupData *data = task_data;
  Outcome *outcome = g_new0 (Outcome, 1);
  g_autoptr(MdgDatabase) db = NULL;

  /* The keyring first: settings without their password would only fail later. */
  if (mdg_sync_settings_validate (data->settings, &outcome->error) &&
      (data->password == NULL || *data->password == '\0' ||
       mdg_sync_password_store (data->settings, data->password, cancellable, &outcome->error)) &&
      (db = _mdg_database_open_file (self->path, &outcome->error)) != NULL &&
      mdg_sync_settings_save (db, data->settings, &outcome->error))
    {
      /* Another server, or new credentials: the next sync connects anew. */
      g_mutex_lock (&self->lock);
      g_clear_pointer (&self->server, _mdg_sync_server_free);
      g_mutex_unlock (&self->lock);
      mdg_sync_counts_read (db, &outcome->counts, NULL);
    }
  g_task_return_pointer (task, outcome, (GDestroyNotify) outcome_free);
}

/**
 * mdg_sync_client_setup_async:
 * @self: a #MdgSyncClient
 * @settings: the team server
 * @password: (nullable): its password, kept in the keyring; %NULL or empty to keep the
 *   one there (or for a server that asks none)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is done
 * @user_data: for @callback
 *
 * What Preferences does with the team server a person typed: keeps the password in
 * the keyring, saves the settings and turns the change log on. Sync then to check
 * that the server lets this laptop in.
 */
void
mdg_sync_client_setup_async (MdgSyncClient         *self,
                             const MdgSyncSettings *settings,
                             const char            *password,
                             GCancellable          *cancellable,
                             GAsyncReadyCallback    callback,
                             gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  SetupData *data;

  g_return_if_fail (MDG_IS_SYNC_CLIENT (self));
  g_return_if_fail (settings != NULL);

  data = g_new0 (SetupData, 1);
  data->settings = mdg_sync_settings_copy (settings);
  data->password = g_strdup (password);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_sync_client_setup_async);
  g_task_set_task_data (task, data, (GDestroyNotify) setup_data_free);
  g_task_run_in_thread (task, setup_thread);
}

gboolean
mdg_sync_client_setup_finish (MdgSyncClient  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  return mdg_sync_client_refresh_finish (self, result, error);
}

/**
 * mdg_sync_client_refresh_async:
 * @self: a #MdgSyncClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the status is read
 * @user_data: for @callback
 *
 * Reads the status from the database (after a local edit, or at start-up) in a
 * worker thread, and updates the properties.
 */
void
mdg_sync_client_refresh_async (MdgSyncClient       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MDG_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_sync_client_refresh_async);
  g_task_run_in_thread (task, refresh_thread);
}

gboolean
mdg_sync_client_refresh_finish (MdgSyncClient  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  Outcome *outcome;
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  outcome = g_task_propagate_pointer (G_TASK (result), error);
  if (outcome == NULL)
    return FALSE;
  ok = outcome->error == NULL;
  if (ok)
    apply_counts (self, &outcome->counts);
  else
    g_propagate_error (error, g_steal_pointer (&outcome->error));
  outcome_free (outcome);
  return ok;
}

/**
 * mdg_sync_client_sync_async:
 * @self: a #MdgSyncClient
 * @cancellable: (nullable): a #GCancellable; cancelling stops the sync with nothing changed
 * @callback: (nullable): called when the sync is over
 * @user_data: for @callback
 *
 * Syncs now ("Sync now", Ctrl+R, on the interval, at closing). While a sync runs the
 * state is %MDG_SYNC_STATE_SYNCING; asked again meanwhile, it reports the running
 * sync's outcome.
 */
void
mdg_sync_client_sync_async (MdgSyncClient       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *waiter;

  g_return_if_fail (MDG_IS_SYNC_CLIENT (self));

  waiter = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (waiter, mdg_sync_client_sync_async);
  if (self->waiters != NULL)
    {
      g_ptr_array_add (self->waiters, waiter);
      return;
    }

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiters, waiter);
  set_state (self, MDG_SYNC_STATE_SYNCING, NULL);
  {
    g_autoptr(GTask) job = g_task_new (self, cancellable, sync_done_cb, NULL);
    g_task_set_source_tag (job, run_sync);
    /* The outcome says "cancelled" itself; the status must hear it either way. */
    g_task_set_check_cancellable (job, FALSE);
    g_task_run_in_thread (job, sync_thread);
  }
}

gboolean
mdg_sync_client_sync_finish (MdgSyncClient  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mdg_sync_client_sync:
 * @self: a #MdgSyncClient
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Syncs and waits: for the command line, never the window's main thread.
 */
gboolean
mdg_sync_client_sync (MdgSyncClient  *self,
                      GCancellable   *cancellable,
                      GError        **error)
{
  Outcome *outcome;
  gboolean ok;

  g_return_val_if_fail (MDG_IS_SYNC_CLIENT (self), FALSE);

  outcome = run_sync (self, cancellable);
  apply_outcome (self, outcome);
  ok = outcome->error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&outcome->error));
  outcome_free (outcome);
  return ok;
}

/**
 * mdg_sync_client_fetch_file:
 * @self: a #MdgSyncClient
 * @table: the table whose rows name the file ("deck_revision")
 * @sha256: the file's SHA-256
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * A deck's PDF another laptop added, fetched from the team server the first time it
 * is used here and kept in the data folder (checked against its hash, mode 0600);
 * later calls find it there without the network. Blocks: see the _async variant.
 *
 * Returns: (transfer full): the file's path, or %NULL with @error set
 */
char *
mdg_sync_client_fetch_file (MdgSyncClient  *self,
                            const char     *table,
                            const char     *sha256,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSyncSettings) settings = NULL;
  GError *local_error = NULL;
  char *path = NULL;

  g_return_val_if_fail (MDG_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (table != NULL && sha256 != NULL, NULL);

  g_mutex_lock (&self->lock);
  if (!(db = _mdg_database_open_file (self->path, &local_error)))
    goto out;
  settings = mdg_sync_settings_load (db, &local_error);
  if (settings == NULL && local_error == NULL)
    g_set_error_literal (&local_error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_NOT_SET_UP,
                         _("No team server is set up on this laptop"));
  if (settings != NULL && ensure_server (self, db, settings, cancellable, &local_error))
    path = _mdg_sync_engine_fetch_file (db, self->server, table, sha256, cancellable, &local_error);
  if (local_error != NULL && !_mdg_sync_server_is_alive (self->server))
    g_clear_pointer (&self->server, _mdg_sync_server_free);
out:
  g_mutex_unlock (&self->lock);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return path;
}

typedef struct
{
  char *table;
  char *sha256;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_free (data->table);
  g_free (data->sha256);
  g_free (data);
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchData *data = task_data;
  GError *error = NULL;
  char *path = mdg_sync_client_fetch_file (source_object, data->table, data->sha256, cancellable, &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

void
mdg_sync_client_fetch_file_async (MdgSyncClient       *self,
                                  const char          *table,
                                  const char          *sha256,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchData *data;

  g_return_if_fail (MDG_IS_SYNC_CLIENT (self));

  data = g_new0 (FetchData, 1);
  data->table = g_strdup (table);
  data->sha256 = g_strdup (sha256);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_sync_client_fetch_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);
  g_task_run_in_thread (task, fetch_thread);
}

/* Returns: (transfer full): the file's path, or %NULL with @error set */
char *
mdg_sync_client_fetch_file_finish (MdgSyncClient  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_mdg_sync_client_set_phase_func (MdgSyncClient    *self,
                                 MdgSyncPhaseFunc  func,
                                 gpointer          user_data)
{
  g_mutex_lock (&self->lock);
  self->phase = func;
  self->phase_data = user_data;
  g_mutex_unlock (&self->lock);
}

void
_mdg_sync_client_get_report (MdgSyncClient *self,
                             MdgSyncReport *report)
{
  *report = self->report;
}

/* Drops the server connection, as a laptop going to sleep would. */
void
_mdg_sync_client_disconnect (MdgSyncClient *self)
{
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->server, _mdg_sync_server_free);
  g_mutex_unlock (&self->lock);
}
