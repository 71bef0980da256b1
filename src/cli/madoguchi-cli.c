/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mdg-cli-private.h"
#include "mdg-database.h"
#include "mdg-demo.h"
#include "mdg-error.h"
#include "mdg-search.h"
#include "mdg-seminar-store.h"

int
_mdg_cli_fail (GError *error)
{
  g_printerr ("madoguchi-cli: %s\n", error->message);
  return EXIT_FAILED;
}

int
_mdg_cli_usage (const char *message)
{
  g_printerr ("madoguchi-cli: %s\n", message);
  g_printerr ("%s\n", _("Run “madoguchi-cli --help” for the list of commands."));
  return EXIT_USAGE;
}

MdgDatabase *
_mdg_cli_open_database (Globals  *globals,
               GError  **error)
{
  g_autofree char *path = globals->database ? g_strdup (globals->database)
                                            : mdg_database_default_path ();

  return mdg_database_open (path, error);
}

/* Parses a subcommand's options; leaves its positional arguments in argv. */
gboolean
_mdg_cli_parse_options (const char    *parameter,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv,
               int           *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = _mdg_cli_usage (error->message);
      return FALSE;
    }
  return TRUE;
}

void
_mdg_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Prints @items as a JSON array of objects, each filled by @add_members. */
void
_mdg_cli_print_json_array (GPtrArray      *items,
                           MdgJsonMembers  add_members)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      json_builder_begin_object (builder);
      add_members (builder, g_ptr_array_index (items, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  _mdg_cli_print_json (root);
}

char *
_mdg_cli_iso8601 (GDateTime *date_time)
{
  return g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%S%:z");
}

gboolean
_mdg_cli_parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

static int
command_demo (Globals  *globals,
              int       argc,
              char    **argv)
{
  g_autofree char *size = NULL;
  GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, N_("How much data: small or large"), "SIZE" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  MdgDemoSize demo_size = MDG_DEMO_SIZE_SMALL;
  MdgDemoCounts counts;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return _mdg_cli_usage (_("demo takes no arguments"));
  if (size != NULL && g_str_equal (size, "large"))
    demo_size = MDG_DEMO_SIZE_LARGE;
  else if (size != NULL && !g_str_equal (size, "small"))
    return _mdg_cli_usage (_("--size must be “small” or “large”"));

  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !mdg_demo_fill (db, demo_size, today, &counts, &error))
    return _mdg_cli_fail (error);

  g_print (_("Added %u seminars, %u organizations, %u people and %u registrations to %s\n"),
           counts.seminars, counts.organizations, counts.people, counts.registrations,
           mdg_database_get_path (db));
  return EXIT_OK;
}

static int
command_check (Globals  *globals,
               int       argc,
               char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  if (argc > 1)
    return _mdg_cli_usage (_("check takes no arguments"));
  if (!(db = _mdg_cli_open_database (globals, &error)))
    return _mdg_cli_fail (error);

  if (!mdg_database_check (db, &problems, &error))
    {
      if (error != NULL)
        return _mdg_cli_fail (error);
      g_printerr (_("%s has problems:\n"), mdg_database_get_path (db));
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("  %s\n", (char *) g_ptr_array_index (problems, i));
      return EXIT_FAILED;
    }

  g_print (_("%s is sound (schema %d)\n"), mdg_database_get_path (db),
           mdg_database_get_schema_version (db));
  return EXIT_OK;
}

static int
command_backup (Globals  *globals,
                int       argc,
                char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    return _mdg_cli_usage (_("Usage: madoguchi-cli backup FILE"));
  if (!(db = _mdg_cli_open_database (globals, &error)) || !mdg_database_backup (db, argv[1], &error))
    return _mdg_cli_fail (error);

  g_print (_("Backed up %s to %s\n"), mdg_database_get_path (db), argv[1]);
  return EXIT_OK;
}

static void
add_hit_members (JsonBuilder *builder,
                 gpointer     item)
{
  MdgSearchHit *hit = item;

  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, mdg_search_kind_to_string (hit->kind));
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, hit->id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, hit->title);
  json_builder_set_member_name (builder, "subtitle");
  json_builder_add_string_value (builder, hit->subtitle);
}

static int
command_search (Globals  *globals,
                int       argc,
                char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    return _mdg_cli_usage (_("Usage: madoguchi-cli search QUERY"));
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(hits = mdg_search (db, argv[1], 50, &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      _mdg_cli_print_json_array (hits, add_hit_members);
      return EXIT_OK;
    }

  if (hits->len == 0)
    {
      g_printerr (_("Nothing matches “%s”\n"), argv[1]);
      return EXIT_FAILED;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      MdgSearchHit *hit = g_ptr_array_index (hits, i);

      g_print ("%-12s %6" G_GINT64_FORMAT "  %s%s%s\n", mdg_search_kind_to_string (hit->kind),
               hit->id, hit->title, *hit->subtitle ? " — " : "", hit->subtitle);
    }
  return EXIT_OK;
}

/* The personal-data notice every export that lists people prints. */
void
_mdg_cli_warn_personal_data (const char *path)
{
  g_printerr (_("%s holds personal data: keep it safe and delete it when it is no longer needed.\n"), path);
}

MdgSeminar *
_mdg_cli_load_seminar_arg (MdgDatabase  *db,
                  const char   *arg,
                  GError      **error)
{
  gint64 id;

  if (!_mdg_cli_parse_id (arg, &id))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("“%s” is not a seminar number"), arg);
      return NULL;
    }
  return mdg_seminar_store_load (db, id, error);
}

static void
print_help (void)
{
  g_print ("%s\n\n", _("Usage: madoguchi-cli [--database PATH] [--json] COMMAND …"));
  g_print ("%s\n", _("Commands:"));
  g_print ("  demo [--size small|large]   %s\n", _("Fill an empty database with sample data"));
  g_print ("  check                       %s\n", _("Check the database’s integrity (exit 1 on problems)"));
  g_print ("  backup FILE                 %s\n", _("Write a backup copy of the database"));
  g_print ("  seminar list                %s\n", _("List the seminars, upcoming first"));
  g_print ("  seminar show ID             %s\n", _("Show a seminar with its program"));
  g_print ("  seminar add --title T --start ISO8601 --end ISO8601 [--venue V] [--capacity N]\n"
           "                              %s\n", _("Add a seminar and print its number"));
  g_print ("  seminar ics [ID] --output FILE\n"
           "                              %s\n", _("Export a seminar, or all upcoming ones, as iCalendar"));
  g_print ("  search QUERY                %s\n", _("Find people, organizations and seminars"));
  g_print ("  attendees import SEMINAR FILE [--encoding auto|utf-8|cp932] [--dry-run] [--accept-changes]\n"
           "                              %s\n", _("Register everyone in a CSV file, or nobody"));
  g_print ("  attendees list SEMINAR      %s\n", _("List a seminar’s attendees in kana order"));
  g_print ("  attendees export SEMINAR --format csv|list|sign-in|badges|online|questions --output FILE\n"
           "                   [--encoding utf-8-bom|cp932]\n"
           "                              %s\n",
           _("Write the attendees as CSV, or print the list, sign-in sheet, badges, online attendees or questions as PDF"));
  g_print ("  checkin SEMINAR QUERY       %s\n", _("Check in the one attendee who matches, or list the candidates"));
  g_print ("  person export ID --output FILE.json\n"
           "                              %s\n", _("Export everything held about a person (JSON or CSV)"));
  g_print ("  person delete ID            %s\n", _("Delete a person everywhere"));
  g_print ("\n%s\n", _("The database is $MADOGUCHI_DATABASE, or madoguchi.db in the user’s data folder."));
}

int
main (int    argc,
      char **argv)
{
  static const struct { const char *name; CommandFunc func; } commands[] = {
    { "demo", command_demo }, { "check", command_check }, { "backup", command_backup },
    { "seminar", _mdg_cli_command_seminar }, { "search", command_search }, { "attendees", _mdg_cli_command_attendees },
    { "checkin", _mdg_cli_command_checkin }, { "person", _mdg_cli_command_person },
  };
  Globals globals = { 0 };
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MADOGUCHI_LOCALEDIR") ? g_getenv ("MADOGUCHI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* --database and --json may stand anywhere on the line, before or after the command. */
  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--database"))
        {
          if (i + 1 >= argc)
            return _mdg_cli_usage (_("--database needs a file path"));
          globals.database = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--database="))
        globals.database = argv[i] + strlen ("--database=");
      else if (g_str_equal (argv[i], "--json"))
        globals.json = TRUE;
      else
        g_ptr_array_add (rest, argv[i]);
    }
  g_ptr_array_add (rest, NULL);
  argc = rest->len - 1;
  argv = (char **) rest->pdata;

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_help ();
      return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("madoguchi-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (&globals, argc - 1, argv + 1);

  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), argv[1]);
    return _mdg_cli_usage (message);
  }
}
