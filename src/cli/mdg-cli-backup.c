/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mdg-backup.h"
#include "mdg-cli-private.h"

/* madoguchi-cli backup FILE | backup --list, restore FILE */

static const char *
reason_label (const char *reason)
{
  if (reason == NULL)
    return _("backup of the day");
  if (g_str_equal (reason, "before-upgrade"))
    return _("before an upgrade");
  if (g_str_equal (reason, "before-restore"))
    return _("before a restore");
  if (g_str_equal (reason, "damaged"))
    return _("damaged database, moved aside");
  return reason;
}

static void
add_backup_members (JsonBuilder *builder,
                    gpointer     item)
{
  MdgBackup *backup = item;

  _mdg_cli_json_string (builder, "path", backup->path);
  _mdg_cli_json_time (builder, "created_at", backup->created_at);
  _mdg_cli_json_string (builder, "reason", backup->reason);
  _mdg_cli_json_int (builder, "size", backup->size);
}

/* Reads the backup folder only: it works when the database is too damaged to open. */
static int
list_backups (Globals *globals)
{
  g_autofree char *path = _mdg_cli_database_path (globals);
  g_autofree char *folder = mdg_backup_get_folder (path);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  if (!(backups = mdg_backup_list (path, &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      _mdg_cli_print_json_array (backups, add_backup_members);
      return EXIT_OK;
    }

  if (backups->len == 0)
    {
      g_print (_("No backups of %s yet. Madoguchi writes one into %s on the first start of each day.\n"), path,
               folder);
      return EXIT_OK;
    }

  g_print (_("Backups of %s, newest first (the last %d are kept):\n"), path, MDG_BACKUP_KEEP);
  for (guint i = 0; i < backups->len; i++)
    {
      MdgBackup *backup = g_ptr_array_index (backups, i);
      g_autofree char *when = g_date_time_format (backup->created_at, "%Y-%m-%d %H:%M:%S");
      g_autofree char *size = g_format_size (backup->size);

      g_print ("  %s  %9s  %s  (%s)\n", when, size, backup->path, reason_label (backup->reason));
    }
  return EXIT_OK;
}

int
_mdg_cli_backup (Globals  *globals,
                 int       argc,
                 char    **argv)
{
  gboolean list = FALSE;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "list", &list, NULL))
    return status;
  if (list != (argc == 1))
    return _mdg_cli_usage (_("backup takes either FILE or --list"));
  if (list)
    return list_backups (globals);

  /* mdg_database_backup() checks the database first: a damaged one is refused. */
  if (!(db = _mdg_cli_open_database (globals, &error)) || !mdg_database_backup (db, argv[1], &error))
    return _mdg_cli_fail (error);

  g_print (_("Backed up %s to %s\n"), mdg_database_get_path (db), argv[1]);
  _mdg_cli_warn_personal_data (argv[1]);
  return EXIT_OK;
}

int
_mdg_cli_restore (Globals  *globals,
                  int       argc,
                  char    **argv)
{
  g_autofree char *path = _mdg_cli_database_path (globals);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;

  /* Works on a damaged database too: that is when it is needed. */
  if (!mdg_database_restore_file (path, argv[1], &kept, &error))
    return _mdg_cli_fail (error);

  g_print (_("Restored %s from %s.\n"), path, argv[1]);
  g_print (_("The database as it was before is kept as %s.\n"), kept);
  return EXIT_OK;
}
