/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mdg-cli-private.h"
#include "mdg-backup.h"
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

char *
_mdg_cli_database_path (Globals *globals)
{
  return globals->database ? g_strdup (globals->database) : mdg_database_default_path ();
}

static void
waiting_cb (MdgDatabase *db,
            gpointer     user_data)
{
  g_printerr ("%s\n", _("Another Madoguchi window or madoguchi-cli is writing to the database (an import, perhaps): "
                        "waiting for it to finish…"));
}

/* Opens the database for a command: a write waits for another writer and says so. */
static MdgDatabase *
open_database_unverified (Globals  *globals,
                          GError  **error)
{
  g_autofree char *path = _mdg_cli_database_path (globals);
  MdgDatabase *db = mdg_database_open (path, error);

  if (db != NULL)
    g_signal_connect (db, "waiting", G_CALLBACK (waiting_cb), NULL);
  return db;
}

/*
 * Every command first checks every page, so that a damaged database is named as such
 * instead of half-working (about half a second for 100 000 people), then writes the
 * backup of the day when there is none yet.
 */
MdgDatabase *
_mdg_cli_open_database (Globals  *globals,
                        GError  **error)
{
  g_autoptr(MdgDatabase) db = open_database_unverified (globals, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) backup_error = NULL;

  if (db == NULL || !mdg_database_verify (db, NULL, error))
    return NULL;

  if (mdg_database_is_read_only (db))
    g_printerr (_("Note: %s was opened read-only: changes cannot be saved.\n"), mdg_database_get_path (db));

  if (!mdg_database_is_read_only (db) && !mdg_database_is_empty (db) &&
      !mdg_database_backup_daily (db, now, NULL, &backup_error))
    g_printerr (_("Warning: the backup of the day could not be written: %s\n"), backup_error->message);

  return g_steal_pointer (&db);
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
  g_autoptr(GError) damage = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  if (argc > 1)
    return _mdg_cli_usage (_("check takes no arguments"));
  if (!(db = open_database_unverified (globals, &error)))
    return _mdg_cli_fail (error);

  /* The quick check names damage and how to restore; the full check lists the details. */
  mdg_database_verify (db, NULL, &damage);
  if (!mdg_database_check (db, &problems, &error))
    {
      if (error != NULL)
        return _mdg_cli_fail (error);
      if (damage != NULL)
        g_printerr ("madoguchi-cli: %s\n", damage->message);
      g_printerr (_("%s has problems:\n"), mdg_database_get_path (db));
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("  %s\n", (char *) g_ptr_array_index (problems, i));
      return EXIT_FAILED;
    }

  g_print (_("%s is sound (schema %d)\n"), mdg_database_get_path (db),
           mdg_database_get_schema_version (db));
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

/* Runs the subcommand named by argv[1], or prints @usage. */
int
_mdg_cli_dispatch (Globals                *globals,
                   int                     argc,
                   char                  **argv,
                   const MdgCliSubcommand *subcommands,
                   guint                   n_subcommands,
                   const char             *usage)
{
  if (argc >= 2)
    for (guint i = 0; i < n_subcommands; i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        return subcommands[i].func (globals, argc - 1, argv + 1);

  return _mdg_cli_usage (usage);
}

/* A day (YYYY-MM-DD, the desk's midnight) or an ISO 8601 time; NULL when it is neither. */
GDateTime *
_mdg_cli_parse_date (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  int year, month, day;
  char end;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3)
    return g_date_time_new (local, year, month, day, 0, 0, 0);
  return g_date_time_new_from_iso8601 (text, local);
}

static void
print_help (void)
{
  g_print ("%s\n\n", _("Usage: madoguchi-cli [--database PATH] [--json] COMMAND …"));
  g_print ("%s\n", _("Commands:"));
  g_print ("  demo [--size small|large]   %s\n", _("Fill an empty database with sample data"));
  g_print ("  check                       %s\n", _("Check the database’s integrity (exit 1 on problems)"));
  g_print ("  backup FILE                 %s\n", _("Write a backup copy of the database"));
  g_print ("  backup --list               %s\n", _("List the automatic backups, newest first"));
  g_print ("  restore FILE                %s\n", _("Replace the database with a backup (the current one is kept)"));
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
  g_print ("  desk show                   %s\n", _("Show the desk’s contact, as letters and handouts print it"));
  g_print ("  desk set [--name N] [--address A] [--phone P] [--email E] [--url U] [--hours H]\n"
           "                              %s\n", _("Set the desk’s contact"));
  g_print ("  deck import FILE --title T [--note N]\n"
           "                              %s\n", _("Import a PDF (or .pptx, .ppt, .odp with LibreOffice) as a new slide deck"));
  g_print ("  deck revise DECK FILE --note N\n"
           "                              %s\n", _("Import the next revision of a deck; explanatory texts follow their slides"));
  g_print ("  deck list                   %s\n", _("List the slide decks"));
  g_print ("  deck show DECK              %s\n", _("Show a deck’s revisions, changes and explanatory texts"));
  g_print ("  deck notes DECK [--revision N] --page P --text T\n"
           "                              %s\n", _("Set a slide’s explanatory text (or --import FILE.pdfpc)"));
  g_print ("  deck notes-export DECK --output FILE.md|FILE.pdfpc\n"
           "                              %s\n", _("Write the explanatory texts as Markdown or for pdfpc"));
  g_print ("  deck attach DECK --seminar S --item N [--revision N]\n"
           "                              %s\n", _("Present a deck in a slot of a seminar’s program"));
  g_print ("  handout DECK --layout 1|2|3|4|6|notes [--paper a4|letter] [--landscape] [--pages RANGE] --output FILE.pdf\n"
           "                              %s\n", _("Print a deck’s handout"));
  g_print ("  packet SEMINAR [--layout L] --output FILE.pdf\n"
           "                              %s\n", _("Print a seminar’s packet: cover, program, handouts, where to get help"));
  _mdg_cli_print_consultation_help ();
  g_print ("  feed list                   %s\n", _("List the threat-information feeds with their last result"));
  g_print ("  feed add NAME URL           %s\n", _("Follow a feed (RSS 1.0, RSS 2.0 or Atom)"));
  g_print ("  feed remove SOURCE          %s\n", _("Stop following a feed"));
  g_print ("  feed fetch [SOURCE]         %s\n", _("Fetch one feed or all (exit 1 when one failed)"));
  g_print ("  feed items [--since DATE] [--source SOURCE] [--search WORDS] [--unread]\n"
           "                              %s\n", _("List threat information, newest first, with CVE ids and severity"));
  g_print ("  feed settings [--interval MINUTES] [--fetch-at-start yes|no]\n"
           "                              %s\n", _("Show or set when the window fetches feeds by itself"));
  g_print ("  topic pick ITEM --seminar ID\n"
           "                              %s\n", _("Pick an item for a seminar’s latest threats"));
  g_print ("  topic list --seminar ID     %s\n", _("List the items picked for a seminar"));
  g_print ("  topic faq ITEM              %s\n", _("Draft an FAQ entry from an item"));
  g_print ("  topic attach ITEM --consultation ID|--follow-up ID\n"
           "                              %s\n", _("Attach an item to a consultation or an advice"));
  g_print ("  faq add --question Q --answer A [--category KEY …] [--published]\n"
           "                              %s\n", _("Add an FAQ entry and print its number"));
  g_print ("  faq list [--search WORDS] [--published]\n"
           "                              %s\n", _("List the FAQ"));
  g_print ("  faq from-consultation ID    %s\n", _("Draft an FAQ entry from a consultation"));
  g_print ("  faq export --format pdf|html --output FILE [--era]\n"
           "                              %s\n", _("Export the published FAQ by guidebook chapter"));
  g_print ("  notice add --kind news|topic|threat --title T --body B [--date DATE|--draft] [--item ID …]\n"
           "                              %s\n", _("Add a notice for the portal and print its number"));
  g_print ("  notice list [--kind KIND]   %s\n", _("List the notices, drafts first"));
  g_print ("  publish site --output FOLDER [--base-url URL]\n"
           "                              %s\n", _("Write the portal’s pages: notices, FAQ and an Atom feed"));
  g_print ("  sync setup --host H [--port P] --dbname D --user U [--ca FILE] [--staff ID]\n"
           "                              %s\n", _("Set up the team server (the password is read from standard input)"));
  g_print ("  sync now                    %s\n", _("Sync with the team server (exit 1 on failure)"));
  g_print ("  sync status                 %s\n", _("Show the last sync, the changes waiting and the conflicts"));
  g_print ("  sync conflicts              %s\n", _("List the conflicts to review"));
  g_print ("  sync resolve ID --keep mine|theirs\n"
           "                              %s\n", _("Settle a conflict with one of its two values"));
  g_print ("\n%s\n", _("The database is $MADOGUCHI_DATABASE, or madoguchi.db in the user’s data folder."));
}

int
main (int    argc,
      char **argv)
{
  static const struct { const char *name; CommandFunc func; } commands[] = {
    { "demo", command_demo }, { "check", command_check }, { "backup", _mdg_cli_command_backup },
    { "restore", _mdg_cli_command_restore },
    { "seminar", _mdg_cli_command_seminar }, { "search", command_search }, { "attendees", _mdg_cli_command_attendees },
    { "checkin", _mdg_cli_command_checkin }, { "person", _mdg_cli_command_person },
    { "desk", _mdg_cli_command_desk },
    { "deck", _mdg_cli_command_deck }, { "handout", _mdg_cli_command_handout },
    { "packet", _mdg_cli_command_packet },
    { "consultation", _mdg_cli_command_consultation }, { "staff", _mdg_cli_command_staff },
    { "followup", _mdg_cli_command_followup }, { "calendar", _mdg_cli_command_calendar },
    { "letter", _mdg_cli_command_letter }, { "report", _mdg_cli_command_report },
    { "category", _mdg_cli_command_category }, { "referral", _mdg_cli_command_referral },
    { "slots", _mdg_cli_command_slots },
    { "feed", _mdg_cli_command_feed }, { "topic", _mdg_cli_command_topic }, { "faq", _mdg_cli_command_faq },
    { "notice", _mdg_cli_command_notice }, { "publish", _mdg_cli_command_publish },
    { "sync", _mdg_cli_command_sync },
  };
  Globals globals = { 0 };
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();

  globals.staff = g_getenv ("MADOGUCHI_STAFF");

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
      else if (g_str_equal (argv[i], "--as"))
        {
          if (i + 1 >= argc)
            return _mdg_cli_usage (_("--as needs a staff member’s name or number"));
          globals.staff = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--as="))
        globals.staff = argv[i] + strlen ("--as=");
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
