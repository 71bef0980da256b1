/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-backup"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mdg-backup.h"
#include "mdg-database-private.h"
#include "mdg-person-store-private.h"
#include "mdg-error.h"

/*
 * Automatic backups, as trusted desktop databases keep them: on the first start of
 * each day and before every schema upgrade, an online copy of the database into
 * "backups" beside it (mode 0600, in a 0700 folder), the last MDG_BACKUP_KEEP kept.
 * A backup's name says when it was made and why, so that the list needs no
 * database of its own: madoguchi-20261126-090000.db,
 * madoguchi-20261126-093000-before-upgrade.db.
 */

void
mdg_backup_free (MdgBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup->reason);
  g_clear_pointer (&backup->created_at, g_date_time_unref);
  g_free (backup);
}

/**
 * mdg_backup_get_folder:
 * @database_path: a database file
 *
 * Returns: (transfer full): the folder of its automatic backups
 */
char *
mdg_backup_get_folder (const char *database_path)
{
  g_return_val_if_fail (database_path != NULL, NULL);

  return _mdg_backup_folder (database_path);
}

/* "madoguchi" for madoguchi.db: several databases may share a folder. */
static char *
stem_of (const char *database_path)
{
  g_autofree char *base = g_path_get_basename (database_path);

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

char *
_mdg_backup_name (const char *path,
                  GDateTime  *time,
                  const char *reason)
{
  g_autofree char *folder = _mdg_backup_folder (path);
  g_autofree char *stem = stem_of (path);
  g_autofree char *stamp = g_date_time_format (time, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strconcat (stem, "-", stamp, reason ? "-" : "", reason ? reason : "", ".db", NULL);

  return g_build_filename (folder, name, NULL);
}

static gboolean
all_digits (const char *text,
            gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* Reads a backup's time and reason from its name: STEM-YYYYMMDD-HHMMSS[-REASON].db */
static MdgBackup *
parse_name (const char *folder,
            const char *stem,
            const char *name)
{
  gsize stem_len = strlen (stem);
  const char *p = name + stem_len + 1;
  const char *end;
  g_autofree char *reason = NULL;
  g_autoptr(GDateTime) time = NULL;
  MdgBackup *backup;
  GStatBuf st;

  if (strncmp (name, stem, stem_len) != 0 || name[stem_len] != '-' || !g_str_has_suffix (name, ".db"))
    return NULL;
  end = name + strlen (name) - 3;
  if (end - p < 15 || !all_digits (p, 8) || p[8] != '-' || !all_digits (p + 9, 6))
    return NULL;
  if (end - p > 15)
    {
      if (p[15] != '-' || end - p == 16)
        return NULL;
      reason = g_strndup (p + 16, end - (p + 16));
      for (const char *r = reason; *r; r++)
        if (!g_ascii_islower (*r) && *r != '-')
          return NULL;
    }

  {
    static const guint at[] = { 0, 4, 6, 9, 11, 13 }, len[] = { 4, 2, 2, 2, 2, 2 };
    int v[6];

    for (guint i = 0; i < 6; i++)
      {
        char digits[5] = { 0 };

        memcpy (digits, p + at[i], len[i]);
        v[i] = (int) g_ascii_strtoll (digits, NULL, 10);
      }
    time = g_date_time_new_local (v[0], v[1], v[2], v[3], v[4], v[5]);
  }
  if (time == NULL)
    return NULL;

  backup = g_new0 (MdgBackup, 1);
  backup->path = g_build_filename (folder, name, NULL);
  backup->reason = g_steal_pointer (&reason);
  backup->created_at = g_steal_pointer (&time);
  if (g_stat (backup->path, &st) == 0)
    backup->size = st.st_size;
  return backup;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const MdgBackup *ba = *(MdgBackup **) a, *bb = *(MdgBackup **) b;
  int order = g_date_time_compare (bb->created_at, ba->created_at);

  return order != 0 ? order : g_strcmp0 (bb->path, ba->path);
}

/**
 * mdg_backup_list:
 * @database_path: a database file
 * @error: a location for a #GError
 *
 * The automatic (and manual) backups kept in the database's backup folder. This
 * reads the folder, not the database: it works on a damaged database too.
 *
 * Returns: (transfer container) (element-type MdgBackup): newest first; empty when
 *   there is none yet
 */
GPtrArray *
mdg_backup_list (const char  *database_path,
                 GError     **error)
{
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_backup_free);
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (database_path != NULL, NULL);

  folder = _mdg_backup_folder (database_path);
  stem = stem_of (database_path);
  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not read the backup folder “%s”: %s"), folder,
                   local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      MdgBackup *backup = parse_name (folder, stem, name);

      if (backup != NULL)
        g_ptr_array_add (backups, backup);
    }
  g_ptr_array_sort (backups, newest_first);
  return g_steal_pointer (&backups);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *backups = mdg_backup_list (task_data, &error);

  if (backups == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, backups, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * mdg_backup_list_async:
 * @database_path: a database file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's main context with the list
 * @user_data: for @callback
 *
 * mdg_backup_list() in a worker thread, for windows.
 */
void
mdg_backup_list_async (const char          *database_path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (database_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_backup_list_async);
  g_task_set_task_data (task, g_strdup (database_path), g_free);
  g_task_run_in_thread (task, list_thread);
}

/**
 * mdg_backup_list_finish:
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgBackup): newest first
 */
GPtrArray *
mdg_backup_list_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mdg_backup_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Keeps the newest MDG_BACKUP_KEEP. */
static void
prune (const char *database_path)
{
  g_autoptr(GPtrArray) backups = mdg_backup_list (database_path, NULL);

  for (guint i = MDG_BACKUP_KEEP; backups != NULL && i < backups->len; i++)
    {
      MdgBackup *backup = g_ptr_array_index (backups, i);

      if (g_unlink (backup->path) != 0)
        g_warning ("Could not remove the old backup %s: %s", backup->path, g_strerror (errno));
    }
}

/*
 * Writes a backup into the folder, named for @now and @reason, and prunes the oldest.
 * With @check, a damaged database is refused; without, it is copied as it is (to keep
 * it before a restore replaces it).
 */
gboolean
_mdg_database_backup_into_folder (MdgDatabase  *self,
                                  GDateTime    *now,
                                  const char   *reason,
                                  gboolean      check,
                                  char        **written,
                                  GError      **error)
{
  const char *path = mdg_database_get_path (self);
  g_autofree char *destination = _mdg_backup_name (path, now, reason);

  if (check ? !mdg_database_backup (self, destination, error)
            : !_mdg_database_backup_unchecked (self, destination, error))
    return FALSE;

  prune (path);
  if (written != NULL)
    *written = g_steal_pointer (&destination);
  return TRUE;
}

/**
 * mdg_database_backup_daily:
 * @self: a #MdgDatabase
 * @now: the time now
 * @written: (out) (optional) (transfer full): the backup written, or %NULL when there
 *   already was one today
 * @error: a location for a #GError
 *
 * The first backup of the day: written unless a backup was made on @now's day
 * already, or is dated later. A damaged database is refused (%MDG_ERROR_CORRUPT).
 *
 * Returns: whether there is a backup of today
 */
gboolean
mdg_database_backup_daily (MdgDatabase  *self,
                           GDateTime    *now,
                           char        **written,
                           GError      **error)
{
  g_autoptr(GPtrArray) backups = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (written != NULL)
    *written = NULL;

  backups = mdg_backup_list (mdg_database_get_path (self), error);
  if (backups == NULL)
    return FALSE;
  if (backups->len > 0)
    {
      MdgBackup *newest = g_ptr_array_index (backups, 0);
      int y1, m1, d1, y2, m2, d2;

      g_date_time_get_ymd (newest->created_at, &y1, &m1, &d1);
      g_date_time_get_ymd (now, &y2, &m2, &d2);
      /* A backup dated later than today (the clock or the time zone went back) counts as
       * today's: otherwise every start would write one more and push the real days out. */
      if (y1 * 10000 + m1 * 100 + d1 >= y2 * 10000 + m2 * 100 + d2)
        return TRUE;
    }

  return _mdg_database_backup_into_folder (self, now, NULL, TRUE, written, error);
}

/* Forgets a person in one backup; FALSE when the backup could not be changed. */
static gboolean
forget_in (const char *backup,
           const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgDatabase) copy = _mdg_database_open_file (backup, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *handle;
  gint64 id = 0;

  if (copy == NULL || mdg_database_is_read_only (copy))
    return FALSE;
  handle = _mdg_database_get_handle (copy);
  stmt = _mdg_sql_prepare (handle, "SELECT id FROM person WHERE uuid = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  _mdg_sql_bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* A backup from before the person was registered has nothing to forget. */
  if (id > 0 && !_mdg_person_store_delete_here (copy, id, &error))
    return FALSE;
  /* Back to one self-contained file, as backups are written. */
  return _mdg_sql_exec (handle, "PRAGMA journal_mode = DELETE", NULL);
}

/*
 * Deleting a person removes them everywhere, the automatic backups included: each
 * forgets them as the database did (rows, search index, freed pages wiped). A backup
 * that cannot (damaged, read-only) is removed rather than kept with the person in it.
 */
void
_mdg_backup_forget_person (MdgDatabase *db,
                           const char  *uuid)
{
  g_autoptr(GPtrArray) backups = mdg_backup_list (mdg_database_get_path (db), NULL);

  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      MdgBackup *backup = g_ptr_array_index (backups, i);

      if (!forget_in (backup->path, uuid))
        {
          g_debug ("Removing %s: it could not forget a deleted person", backup->path);
          for (guint s = 0; s < 3; s++)
            {
              g_autofree char *file = g_strconcat (backup->path, (const char *[]) { "", "-wal", "-shm" }[s], NULL);
              g_unlink (file);
            }
        }
    }
}
