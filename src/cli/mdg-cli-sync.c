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

static int
sync_setup (Globals  *globals,
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
  GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, N_("The server’s name or address, or a Unix socket folder"), "HOST" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, N_("Its port (5432 when left out)"), "PORT" },
    { "dbname", 0, 0, G_OPTION_ARG_STRING, &dbname, N_("The team’s database on the server"), "NAME" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("Your user name on the server"), "USER" },
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, N_("The certificate authority of the server’s TLS certificate"), "FILE" },
    { "staff", 0, 0, G_OPTION_ARG_INT64, &staff_id, N_("Your number in the staff list"), "ID" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSyncSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  char *password;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc > 1 || host == NULL || dbname == NULL || user == NULL || port < 0 || port > 65535)
    return _mdg_cli_usage (_("Usage: madoguchi-cli sync setup --host HOST [--port PORT] --dbname NAME --user USER "
                             "[--ca FILE] [--staff ID]"));

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

static int
sync_now (Globals  *globals,
          int       argc,
          char    **argv)
{
  g_autofree char *path = globals->database ? g_strdup (globals->database) : mdg_database_default_path ();
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  MdgSyncReport report;

  if (argc > 1)
    return _mdg_cli_usage (_("sync now takes no arguments"));
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

static int
sync_status (Globals  *globals,
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

  if (argc > 1)
    return _mdg_cli_usage (_("sync status takes no arguments"));
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
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, state);
      json_builder_set_member_name (builder, "server");
      json_builder_add_string_value (builder, server);
      json_builder_set_member_name (builder, "device");
      json_builder_add_string_value (builder, device);
      json_builder_set_member_name (builder, "last_sync");
      json_builder_add_string_value (builder, last);
      json_builder_set_member_name (builder, "waiting");
      json_builder_add_int_value (builder, counts.waiting);
      json_builder_set_member_name (builder, "conflicts");
      json_builder_add_int_value (builder, counts.conflicts);
      json_builder_set_member_name (builder, "problem");
      json_builder_add_string_value (builder, counts.problem);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      _mdg_cli_print_json (root);
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
  g_autofree char *detected = conflict->detected_at ? _mdg_cli_iso8601 (conflict->detected_at) : NULL;

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, conflict->id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, conflict->duplicate ? "duplicate" : "field");
  json_builder_set_member_name (builder, "table");
  json_builder_add_string_value (builder, conflict->table);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, conflict->uuid);
  json_builder_set_member_name (builder, "record");
  json_builder_add_string_value (builder, conflict->record);
  json_builder_set_member_name (builder, "field");
  json_builder_add_string_value (builder, conflict->field);
  json_builder_set_member_name (builder, "mine");
  json_builder_add_string_value (builder, conflict->mine);
  json_builder_set_member_name (builder, "theirs");
  json_builder_add_string_value (builder, conflict->theirs);
  json_builder_set_member_name (builder, "kept");
  json_builder_add_string_value (builder, conflict->kept_mine ? "mine" : "theirs");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, sentence);
  json_builder_set_member_name (builder, "detected_at");
  json_builder_add_string_value (builder, detected);
}

static int
sync_conflicts (Globals  *globals,
                int       argc,
                char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  if (argc > 1)
    return _mdg_cli_usage (_("sync conflicts takes no arguments"));
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

static int
sync_resolve (Globals  *globals,
              int       argc,
              char    **argv)
{
  g_autofree char *keep = NULL;
  GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep, N_("Whose value the record keeps: mine or theirs"), "WHOSE" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !_mdg_cli_parse_id (argv[1], &id) || keep == NULL ||
      (!g_str_equal (keep, "mine") && !g_str_equal (keep, "theirs")))
    return _mdg_cli_usage (_("Usage: madoguchi-cli sync resolve ID --keep mine|theirs"));

  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !mdg_sync_conflict_resolve (db, id, g_str_equal (keep, "mine"), &error))
    return _mdg_cli_fail (error);
  g_print ("%s\n", _("Resolved; the next sync takes the value to the other laptops."));
  return EXIT_OK;
}

int
_mdg_cli_command_sync (Globals  *globals,
                       int       argc,
                       char    **argv)
{
  static const struct { const char *name; CommandFunc func; } subcommands[] = {
    { "setup", sync_setup }, { "now", sync_now }, { "status", sync_status },
    { "conflicts", sync_conflicts }, { "resolve", sync_resolve },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        return subcommands[i].func (globals, argc - 1, argv + 1);
  return _mdg_cli_usage (_("Usage: madoguchi-cli sync setup|now|status|conflicts|resolve …"));
}
