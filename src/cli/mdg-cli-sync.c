/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mdg-cli-private.h"
#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-sync-client-private.h"
#include "mdg-sync-conflict.h"
#include "mdg-sync-settings.h"

/* madoguchi-cli sync setup | now | status | conflicts | resolve */

/* One line from standard input, without echo when it is a terminal. */
static char *
read_password (const char *prompt)
{
  struct termios before, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  char buffer[1024];
  char *line;

  if (tty)
    {
      g_printerr ("%s", prompt);
      tcgetattr (STDIN_FILENO, &before);
      quiet = before;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  line = fgets (buffer, sizeof buffer, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &before);
      g_printerr ("\n");
    }
  if (line == NULL)
    return NULL;
  line = g_strdup (g_strchomp (buffer));
  explicit_bzero (buffer, sizeof buffer);
  return line;
}

int
_mdg_cli_sync_setup (Globals  *globals,
                     int       argc,
                     char    **argv)
{
  g_autofree char *host = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *user = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *description = NULL;
  g_autofree char *prompt = NULL;
  int port = 0;
  gint64 staff_id = 0;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSyncSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  char *password;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "host", &host, "port", &port, "dbname", &dbname, "user", &user,
                       "ca", &ca_file, "staff", &staff_id, NULL))
    return status;
  if (port < 0 || port > 65535)
    return _mdg_cli_usage (_("--port must be from 1 to 65535"));

  settings = mdg_sync_settings_new (host, port, dbname, user);
  settings->ca_file = g_steal_pointer (&ca_file);
  if (!(db = _mdg_cli_open_database (globals, &error)) || !mdg_sync_settings_validate (settings, &error))
    return _mdg_cli_fail (error);
  if (staff_id > 0)
    {
      g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                                                       "SELECT uuid FROM staff WHERE id = ?", &error);
      if (stmt == NULL)
        return _mdg_cli_fail (error);
      sqlite3_bind_int64 (stmt, 1, staff_id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_printerr (_("madoguchi-cli: There is no staff member %lld\n"), (long long) staff_id);
          return EXIT_FAILED;
        }
      settings->staff = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }

  description = mdg_sync_settings_describe (settings);
  prompt = g_strdup_printf (_("Password for %s: "), description);
  password = read_password (prompt);
  /* An empty password: the server lets this user in without one (a local socket, say). */
  if (password != NULL && *password != '\0' && !mdg_sync_password_store (settings, password, NULL, &error))
    {
      explicit_bzero (password, strlen (password));
      g_free (password);
      return _mdg_cli_fail (error);
    }
  if (password != NULL)
    explicit_bzero (password, strlen (password));
  g_free (password);

  if (!mdg_sync_settings_save (db, settings, &error))
    return _mdg_cli_fail (error);
  g_print (_("This laptop now syncs with %s. Run “madoguchi-cli sync now” to sync.\n"), description);
  return EXIT_OK;
}

int
_mdg_cli_sync_now (Globals  *globals,
                   int       argc,
                   char    **argv)
{
  g_autofree char *path = globals->database ? g_strdup (globals->database) : mdg_database_default_path ();
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  MdgSyncReport report;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  /* Opening it first upgrades it, and says so when it cannot be opened. */
  if (!(db = _mdg_cli_open_database (globals, &error)))
    return _mdg_cli_fail (error);

  client = mdg_sync_client_new (path);
  if (!mdg_sync_client_sync (client, NULL, &error))
    return _mdg_cli_fail (error);

  _mdg_sync_client_get_report (client, &report);
  /* Translators: records received from the team server, and sent to it. */
  g_print (_("Synced: %u received, %u sent\n"), report.pulled, report.pushed);
  if (mdg_sync_client_get_conflicts (client) > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u conflict to review: madoguchi-cli sync conflicts\n",
                          "%u conflicts to review: madoguchi-cli sync conflicts\n", mdg_sync_client_get_conflicts (client)),
             mdg_sync_client_get_conflicts (client));
  return EXIT_OK;
}

int
_mdg_cli_sync_status (Globals  *globals,
                      int       argc,
                      char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSyncSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *last = NULL;
  g_autofree char *device = NULL;
  MdgSyncCounts counts = { 0 };
  const char *state;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !mdg_sync_counts_read (db, &counts, &error))
    return _mdg_cli_fail (error);
  settings = mdg_sync_settings_load (db, NULL);
  server = settings ? mdg_sync_settings_describe (settings) : NULL;
  last = counts.last_synced ? _mdg_cli_iso8601 (counts.last_synced) : NULL;
  device = _mdg_sync_device (db);
  state = settings == NULL ? "not-set-up" : counts.problem == NULL ? "idle" : counts.offline ? "offline" : "error";

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _mdg_cli_json_string (builder, "state", state);
      _mdg_cli_json_string (builder, "server", server);
      _mdg_cli_json_string (builder, "device", device);
      _mdg_cli_json_string (builder, "last_sync", last);
      _mdg_cli_json_int (builder, "waiting", counts.waiting);
      _mdg_cli_json_int (builder, "conflicts", counts.conflicts);
      _mdg_cli_json_string (builder, "problem", counts.problem);
      json_builder_end_object (builder);
      _mdg_cli_print_json (builder);
    }
  else if (settings == NULL)
    g_print ("%s\n", _("No team server: this laptop works on its own"));
  else
    {
      g_print (_("Team server: %s\n"), server);
      g_print (_("Last sync: %s\n"), last ? last : _("never"));
      g_print (g_dngettext (GETTEXT_PACKAGE, "Waiting: %u changed record\n", "Waiting: %u changed records\n",
                            counts.waiting),
               counts.waiting);
      g_print (_("Conflicts to review: %u\n"), counts.conflicts);
      if (counts.problem != NULL)
        g_print (_("The last sync failed: %s\n"), counts.problem);
    }
  mdg_sync_counts_clear (&counts);
  return EXIT_OK;
}

static void
add_conflict_members (JsonBuilder *builder,
                      gpointer     item)
{
  MdgSyncConflict *conflict = item;
  g_autofree char *sentence = mdg_sync_conflict_describe (conflict);

  _mdg_cli_json_int (builder, "id", conflict->id);
  _mdg_cli_json_string (builder, "kind", conflict->duplicate ? "duplicate" : "field");
  _mdg_cli_json_string (builder, "table", conflict->table);
  _mdg_cli_json_string (builder, "uuid", conflict->uuid);
  _mdg_cli_json_string (builder, "record", conflict->record);
  _mdg_cli_json_string (builder, "field", conflict->field);
  _mdg_cli_json_string (builder, "mine", conflict->mine);
  _mdg_cli_json_string (builder, "theirs", conflict->theirs);
  _mdg_cli_json_string (builder, "kept", conflict->kept_mine ? "mine" : "theirs");
  _mdg_cli_json_string (builder, "message", sentence);
  _mdg_cli_json_time (builder, "detected_at", conflict->detected_at);
}

int
_mdg_cli_sync_conflicts (Globals  *globals,
                         int       argc,
                         char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(conflicts = mdg_sync_conflict_list (db, FALSE, &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      _mdg_cli_print_json_array (conflicts, add_conflict_members);
      return EXIT_OK;
    }
  if (conflicts->len == 0)
    g_print ("%s\n", _("No conflicts to review."));
  for (guint i = 0; i < conflicts->len; i++)
    {
      MdgSyncConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *sentence = mdg_sync_conflict_describe (conflict);

      g_print ("%" G_GINT64_FORMAT "  %s\n", conflict->id, sentence);
      /* Translators: the value this laptop had, and whether the record kept it. */
      g_print (_("    mine:   %s%s\n"), conflict->mine, conflict->kept_mine ? _(" (kept)") : "");
      g_print (_("    theirs: %s%s\n"), conflict->theirs, conflict->kept_mine ? "" : _(" (kept)"));
    }
  return EXIT_OK;
}

int
_mdg_cli_sync_resolve (Globals  *globals,
                       int       argc,
                       char    **argv)
{
  g_autofree char *keep = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "keep", &keep, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &id))
    return _mdg_cli_usage (_("ID must be a conflict’s number (see “madoguchi-cli sync conflicts”)"));

  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !mdg_sync_conflict_resolve (db, id, g_str_equal (keep, "mine"), &error))
    return _mdg_cli_fail (error);
  g_print ("%s\n", _("Resolved; the next sync takes the value to the other laptops."));
  return EXIT_OK;
}
