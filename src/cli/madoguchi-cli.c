/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mdg-attendee-export.h"
#include "mdg-attendee-import.h"
#include "mdg-attendee-sheet.h"
#include "mdg-badge-sheet.h"
#include "mdg-database.h"
#include "mdg-date.h"
#include "mdg-demo.h"
#include "mdg-error.h"
#include "mdg-ical.h"
#include "mdg-person-export.h"
#include "mdg-person-store.h"
#include "mdg-registration-store.h"
#include "mdg-search.h"
#include "mdg-seminar-store.h"

/* Exit codes: 0 success, 1 the command failed, 2 the command line was wrong. */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

typedef struct
{
  const char *database;
  gboolean    json;
} Globals;

typedef int (*CommandFunc) (Globals *globals, int argc, char **argv);

static int
fail (GError *error)
{
  g_printerr ("madoguchi-cli: %s\n", error->message);
  return EXIT_FAILED;
}

static int
usage (const char *message)
{
  g_printerr ("madoguchi-cli: %s\n", message);
  g_printerr ("%s\n", _("Run “madoguchi-cli --help” for the list of commands."));
  return EXIT_USAGE;
}

static MdgDatabase *
open_database (Globals  *globals,
               GError  **error)
{
  g_autofree char *path = globals->database ? g_strdup (globals->database)
                                            : mdg_database_default_path ();

  return mdg_database_open (path, error);
}

/* Parses a subcommand's options; leaves its positional arguments in argv. */
static gboolean
parse_options (const char    *parameter,
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
      *status = usage (error->message);
      return FALSE;
    }
  return TRUE;
}

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static char *
iso8601 (GDateTime *date_time)
{
  return g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
add_seminar_members (JsonBuilder *builder,
                     MdgSeminar  *seminar)
{
  g_autofree char *starts = iso8601 (mdg_seminar_get_starts_at (seminar));
  g_autofree char *ends = iso8601 (mdg_seminar_get_ends_at (seminar));

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, mdg_seminar_get_id (seminar));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, mdg_seminar_get_uuid (seminar));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, mdg_seminar_get_title (seminar));
  json_builder_set_member_name (builder, "start");
  json_builder_add_string_value (builder, starts);
  json_builder_set_member_name (builder, "end");
  json_builder_add_string_value (builder, ends);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, mdg_seminar_status_to_string (mdg_seminar_get_status (seminar)));
  json_builder_set_member_name (builder, "venue");
  json_builder_add_string_value (builder, mdg_seminar_get_venue (seminar));
  json_builder_set_member_name (builder, "online_url");
  json_builder_add_string_value (builder, mdg_seminar_get_online_url (seminar));
  json_builder_set_member_name (builder, "capacity");
  if (mdg_seminar_get_capacity (seminar) > 0)
    json_builder_add_int_value (builder, mdg_seminar_get_capacity (seminar));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "co_organizer");
  json_builder_add_string_value (builder, mdg_seminar_get_co_organizer (seminar));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, mdg_seminar_get_description (seminar));
}

static gboolean
parse_id (const char *text,
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

  if (!parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage (_("demo takes no arguments"));
  if (size != NULL && g_str_equal (size, "large"))
    demo_size = MDG_DEMO_SIZE_LARGE;
  else if (size != NULL && !g_str_equal (size, "small"))
    return usage (_("--size must be “small” or “large”"));

  if (!(db = open_database (globals, &error)) ||
      !mdg_demo_fill (db, demo_size, today, &counts, &error))
    return fail (error);

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
    return usage (_("check takes no arguments"));
  if (!(db = open_database (globals, &error)))
    return fail (error);

  if (!mdg_database_check (db, &problems, &error))
    {
      if (error != NULL)
        return fail (error);
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
    return usage (_("Usage: madoguchi-cli backup FILE"));
  if (!(db = open_database (globals, &error)) || !mdg_database_backup (db, argv[1], &error))
    return fail (error);

  g_print (_("Backed up %s to %s\n"), mdg_database_get_path (db), argv[1]);
  return EXIT_OK;
}

static int
seminar_list (Globals  *globals,
              int       argc,
              char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (argc > 1)
    return usage (_("seminar list takes no arguments"));
  if (!(db = open_database (globals, &error)) ||
      !(seminars = mdg_seminar_store_list (db, now, &error)))
    return fail (error);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < seminars->len; i++)
        {
          json_builder_begin_object (builder);
          add_seminar_members (builder, g_ptr_array_index (seminars, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }

  if (seminars->len == 0)
    g_print ("%s\n", _("No seminars yet. Add one with “madoguchi-cli seminar add”."));
  for (guint i = 0; i < seminars->len; i++)
    {
      MdgSeminar *seminar = g_ptr_array_index (seminars, i);
      g_autofree char *when = mdg_date_range_format (mdg_seminar_get_starts_at (seminar),
                                                     mdg_seminar_get_ends_at (seminar), 0);

      g_print ("%5" G_GINT64_FORMAT "  %s  [%s]  %s\n", mdg_seminar_get_id (seminar), when,
               mdg_seminar_status_get_label (mdg_seminar_get_status (seminar)),
               mdg_seminar_get_title (seminar));
    }
  return EXIT_OK;
}

static int
seminar_show (Globals  *globals,
              int       argc,
              char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) program = NULL;
  gint64 id;
  int overrun;

  if (argc != 2 || !parse_id (argv[1], &id))
    return usage (_("Usage: madoguchi-cli seminar show ID (a seminar number)"));
  if (!(db = open_database (globals, &error)) ||
      !(seminar = mdg_seminar_store_load (db, id, &error)) ||
      !(program = mdg_program_store_list (db, id, &error)))
    return fail (error);

  overrun = mdg_program_schedule (program, mdg_seminar_get_starts_at (seminar),
                                  mdg_seminar_get_ends_at (seminar));

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_seminar_members (builder, seminar);
      json_builder_set_member_name (builder, "program");
      json_builder_begin_array (builder);
      for (guint i = 0; i < program->len; i++)
        {
          MdgProgramItem *item = g_ptr_array_index (program, i);
          g_autofree char *starts = iso8601 (mdg_program_item_get_starts_at (item));

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, mdg_program_kind_to_string (mdg_program_item_get_kind (item)));
          json_builder_set_member_name (builder, "start");
          json_builder_add_string_value (builder, starts);
          json_builder_set_member_name (builder, "minutes");
          json_builder_add_int_value (builder, mdg_program_item_get_minutes (item));
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, mdg_program_item_get_title (item));
          json_builder_set_member_name (builder, "presenter");
          json_builder_add_string_value (builder, mdg_program_item_get_presenter (item));
          json_builder_set_member_name (builder, "deck_title");
          json_builder_add_string_value (builder, mdg_program_item_get_deck_title (item));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "overrun_minutes");
      json_builder_add_int_value (builder, overrun);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }

  {
    g_autofree char *when = mdg_date_range_format (mdg_seminar_get_starts_at (seminar),
                                                   mdg_seminar_get_ends_at (seminar), 0);
    const char *venue = mdg_seminar_get_venue (seminar);
    const char *url = mdg_seminar_get_online_url (seminar);

    g_print ("%s\n", mdg_seminar_get_title (seminar));
    g_print ("  %-14s %s\n", _("When:"), when);
    g_print ("  %-14s %s\n", _("Status:"), mdg_seminar_status_get_label (mdg_seminar_get_status (seminar)));
    if (venue)
      g_print ("  %-14s %s\n", _("Venue:"), venue);
    if (url)
      g_print ("  %-14s %s\n", _("Online:"), url);
    if (mdg_seminar_get_capacity (seminar) > 0)
      g_print ("  %-14s %u\n", _("Capacity:"), mdg_seminar_get_capacity (seminar));
    if (mdg_seminar_get_co_organizer (seminar))
      g_print ("  %-14s %s\n", _("Co-organizer:"), mdg_seminar_get_co_organizer (seminar));
    if (program->len > 0)
      g_print ("  %s\n", _("Program:"));
    for (guint i = 0; i < program->len; i++)
      {
        MdgProgramItem *item = g_ptr_array_index (program, i);
        g_autofree char *from = mdg_time_format (mdg_program_item_get_starts_at (item));
        g_autofree char *to = mdg_time_format (mdg_program_item_get_ends_at (item));
        g_autofree char *title = mdg_program_item_dup_display_title (item);

        g_print ("    %s–%s  %s", from, to, title);
        if (mdg_program_item_get_presenter (item))
          g_print (" (%s)", mdg_program_item_get_presenter (item));
        g_print ("\n");
      }
    if (overrun > 0)
      {
        g_print ("  ");
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "Warning: the program runs %d minute past the seminar’s end",
                              "Warning: the program runs %d minutes past the seminar’s end",
                              overrun),
                 overrun);
        g_print ("\n");
      }
  }
  return EXIT_OK;
}

/* ISO 8601 in local time unless it names a zone; seconds may be left out (14:00). */
static GDateTime *
parse_time (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GRegex) minutes_only = g_regex_new ("^(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2})([^:\\d].*)?$",
                                                0, 0, NULL);
  g_autofree char *with_seconds = NULL;
  GDateTime *parsed;

  if (text == NULL)
    return NULL;
  if ((parsed = g_date_time_new_from_iso8601 (text, local)) != NULL)
    return parsed;

  with_seconds = g_regex_replace (minutes_only, text, -1, 0, "\\1:00\\2", 0, NULL);
  return with_seconds ? g_date_time_new_from_iso8601 (with_seconds, local) : NULL;
}

static int
seminar_add (Globals  *globals,
             int       argc,
             char    **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *venue = NULL;
  int capacity = 0;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The seminar’s title"), "T" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("When it starts (ISO 8601)"), "ISO8601" },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, N_("When it ends (ISO 8601)"), "ISO8601" },
    { "venue", 0, 0, G_OPTION_ARG_STRING, &venue, N_("Where it takes place"), "V" },
    { "capacity", 0, 0, G_OPTION_ARG_INT, &capacity, N_("How many can attend"), "N" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GDateTime) starts_at = NULL;
  g_autoptr(GDateTime) ends_at = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage (_("seminar add takes only options"));
  if (title == NULL || start == NULL || end == NULL)
    return usage (_("seminar add needs --title, --start and --end"));
  if (!(starts_at = parse_time (start)))
    return usage (_("--start is not a date and time such as 2026-12-03T14:00"));
  if (!(ends_at = parse_time (end)))
    return usage (_("--end is not a date and time such as 2026-12-03T16:30"));
  if (capacity < 0)
    return usage (_("--capacity cannot be negative"));

  seminar = mdg_seminar_new ();
  g_object_set (seminar, "title", title, "starts-at", starts_at, "ends-at", ends_at,
                "venue", venue, "capacity", (guint) capacity, NULL);

  if (!(db = open_database (globals, &error)) || !mdg_seminar_store_save (db, seminar, &error))
    return fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", mdg_seminar_get_id (seminar));
  return EXIT_OK;
}

static int
seminar_ics (Globals  *globals,
             int       argc,
             char    **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The .ics file to write"), "FILE" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 id = 0;
  int status;

  if (!parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (output == NULL || argc > 2 || (argc == 2 && !parse_id (argv[1], &id)))
    return usage (_("Usage: madoguchi-cli seminar ics [ID] --output FILE.ics"));
  if (!(db = open_database (globals, &error)))
    return fail (error);

  if (id != 0)
    {
      MdgSeminar *seminar = mdg_seminar_store_load (db, id, &error);

      if (seminar == NULL)
        return fail (error);
      seminars = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (seminars, seminar);
    }
  else if (!(seminars = mdg_seminar_store_list_upcoming (db, now, &error)))
    return fail (error);

  file = g_file_new_for_commandline_arg (output);
  if (!mdg_ical_write (seminars, file, &error))
    return fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u seminar to %s\n", "Wrote %u seminars to %s\n",
                        seminars->len),
           seminars->len, output);
  return EXIT_OK;
}

static int
command_seminar (Globals  *globals,
                 int       argc,
                 char    **argv)
{
  static const struct { const char *name; CommandFunc func; } subcommands[] = {
    { "list", seminar_list }, { "show", seminar_show }, { "add", seminar_add }, { "ics", seminar_ics },
  };

  if (argc < 2)
    return usage (_("seminar needs a subcommand: list, show, add or ics"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].func (globals, argc - 1, argv + 1);

  return usage (_("seminar needs a subcommand: list, show, add or ics"));
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
    return usage (_("Usage: madoguchi-cli search QUERY"));
  if (!(db = open_database (globals, &error)) || !(hits = mdg_search (db, argv[1], 50, &error)))
    return fail (error);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < hits->len; i++)
        {
          MdgSearchHit *hit = g_ptr_array_index (hits, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, mdg_search_kind_to_string (hit->kind));
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, hit->id);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, hit->title);
          json_builder_set_member_name (builder, "subtitle");
          json_builder_add_string_value (builder, hit->subtitle);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
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
static void
warn_personal_data (const char *path)
{
  g_printerr (_("%s holds personal data: keep it safe and delete it when it is no longer needed.\n"), path);
}

static MdgSeminar *
load_seminar_arg (MdgDatabase  *db,
                  const char   *arg,
                  GError      **error)
{
  gint64 id;

  if (!parse_id (arg, &id))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("“%s” is not a seminar number"), arg);
      return NULL;
    }
  return mdg_seminar_store_load (db, id, error);
}

static int
attendees_import (Globals  *globals,
                  int       argc,
                  char    **argv)
{
  g_autofree char *encoding_text = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_text, N_("auto, utf-8 or cp932"), "ENCODING" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check everything, import nothing"), NULL },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(MdgAttendeeImport) import = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  MdgCsvEncoding encoding = MDG_CSV_ENCODING_AUTO;
  MdgImportResult result;
  int status;

  if (!parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return usage (_("Usage: madoguchi-cli attendees import SEMINAR FILE [--encoding auto|utf-8|cp932] [--dry-run]"));
  if (encoding_text && !mdg_csv_encoding_from_string (encoding_text, &encoding))
    return usage (_("--encoding must be auto, utf-8 or cp932"));

  file = g_file_new_for_commandline_arg (argv[2]);
  basename = g_file_get_basename (file);
  if (!(db = open_database (globals, &error)) || !(seminar = load_seminar_arg (db, argv[1], &error)) ||
      !(contents = g_file_load_bytes (file, NULL, NULL, &error)) ||
      !(import = mdg_attendee_import_new (basename, contents, encoding, &error)))
    return fail (error);

  mdg_attendee_import_recall_mapping (import, db);
  if (!mdg_attendee_import_commit (import, db, mdg_seminar_get_id (seminar), dry_run, &result, NULL, &error))
    return fail (error);

  g_print (dry_run ? _("%u registrations can be imported (%u to the waitlist); %u were already registered. Nothing was written.\n")
                   : _("Imported %u registrations (%u to the waitlist); %u were already registered.\n"),
           result.imported, result.waitlisted, result.already_registered);
  return EXIT_OK;
}

static void
add_attendee_members (JsonBuilder *builder,
                      MdgAttendee *attendee)
{
  MdgPerson *person = mdg_attendee_get_person (attendee);
  GDateTime *checked_in_at = mdg_attendee_get_checked_in_at (attendee);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, mdg_attendee_get_id (attendee));
  json_builder_set_member_name (builder, "person_id");
  json_builder_add_int_value (builder, mdg_person_get_id (person));
  json_builder_set_member_name (builder, "number");
  json_builder_add_string_value (builder, mdg_attendee_get_number (attendee));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, mdg_registration_status_to_string (mdg_attendee_get_status (attendee)));
  for (guint f = 0; f < MDG_PERSON_N_FIELDS; f++)
    {
      g_autofree char *key = g_strdelimit (g_strdup (mdg_person_field_to_string (f)), "-", '_');

      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, mdg_person_get_text (person, f));
    }
  json_builder_set_member_name (builder, "checked_in_at");
  if (checked_in_at)
    {
      g_autofree char *text = iso8601 (checked_in_at);
      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

static int
attendees_list (Globals  *globals,
                int       argc,
                char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    return usage (_("Usage: madoguchi-cli attendees list SEMINAR [--json]"));
  if (!(db = open_database (globals, &error)) || !(seminar = load_seminar_arg (db, argv[1], &error)) ||
      !(attendees = mdg_registration_store_list (db, mdg_seminar_get_id (seminar), &error)))
    return fail (error);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < attendees->len; i++)
        {
          json_builder_begin_object (builder);
          add_attendee_members (builder, g_ptr_array_index (attendees, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }

  for (guint i = 0; i < attendees->len; i++)
    {
      MdgAttendee *attendee = g_ptr_array_index (attendees, i);
      MdgPerson *person = mdg_attendee_get_person (attendee);
      g_autofree char *name = mdg_person_dup_name (person);
      g_autofree char *kana = mdg_person_dup_kana (person);
      const char *org = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);

      g_print ("%-8s %-12s %s（%s）%s%s%s\n", mdg_attendee_get_number (attendee),
               mdg_registration_status_get_label (mdg_attendee_get_status (attendee)), name, kana,
               org ? " — " : "", org ? org : "", mdg_attendee_get_checked_in (attendee) ? "  ✓" : "");
    }
  if (attendees->len == 0)
    g_print ("%s\n", _("No one has registered yet."));
  return EXIT_OK;
}

static int
attendees_export (Globals  *globals,
                  int       argc,
                  char    **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *encoding_text = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv, list, sign-in or badges"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), "FILE" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_text, N_("For csv: utf-8-bom (default) or cp932"), "ENCODING" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;
  MdgCsvEncoding encoding = MDG_CSV_ENCODING_UTF8_BOM;
  int status;

  if (!parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || format == NULL || output == NULL)
    return usage (_("Usage: madoguchi-cli attendees export SEMINAR --format csv|list|sign-in|badges --output FILE "
                    "[--encoding utf-8-bom|cp932]"));
  if (encoding_text && (!mdg_csv_encoding_from_string (encoding_text, &encoding) ||
                        (encoding != MDG_CSV_ENCODING_UTF8_BOM && encoding != MDG_CSV_ENCODING_CP932)))
    return usage (_("--encoding must be utf-8-bom or cp932"));
  if (!g_str_equal (format, "csv") && !g_str_equal (format, "list") && !g_str_equal (format, "sign-in") &&
      !g_str_equal (format, "badges"))
    return usage (_("--format must be csv, list, sign-in or badges"));

  if (!(db = open_database (globals, &error)) || !(seminar = load_seminar_arg (db, argv[1], &error)) ||
      !(attendees = mdg_registration_store_list (db, mdg_seminar_get_id (seminar), &error)))
    return fail (error);

  if (g_str_equal (format, "csv"))
    {
      g_autoptr(GPtrArray) unencodable = NULL;
      g_autoptr(GBytes) bytes = mdg_attendee_export_csv (attendees, encoding, &unencodable);
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      if (!g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL, &error))
        return fail (error);
      if (unencodable != NULL)
        {
          g_autoptr(GString) chars = g_string_new (NULL);

          for (guint i = 0; i < unencodable->len; i++)
            g_string_append_printf (chars, "%s%s", i ? " " : "", (char *) g_ptr_array_index (unencodable, i));
          g_printerr (_("Warning: Shift_JIS cannot hold these characters; they were written as 〓: %s\n"), chars->str);
        }
    }
  else
    {
      g_autoptr(MdgDocument) document = NULL;

      if (g_str_equal (format, "badges"))
        document = mdg_badge_sheet_new (seminar, attendees);
      else
        document = mdg_attendee_sheet_new (seminar, attendees, g_str_equal (format, "sign-in")
                                                                 ? MDG_ATTENDEE_SHEET_SIGN_IN
                                                                 : MDG_ATTENDEE_SHEET_LIST);
      if (!mdg_document_export_pdf (document, output, &error))
        return fail (error);
    }

  warn_personal_data (output);
  g_print (_("Wrote %s\n"), output);
  return EXIT_OK;
}

static int
command_attendees (Globals  *globals,
                   int       argc,
                   char    **argv)
{
  static const struct { const char *name; CommandFunc func; } subcommands[] = {
    { "import", attendees_import }, { "list", attendees_list }, { "export", attendees_export },
  };

  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].func (globals, argc - 1, argv + 1);
  return usage (_("attendees needs a subcommand: import, list or export"));
}

static int
command_checkin (Globals  *globals,
                 int       argc,
                 char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  MdgAttendee *attendee;
  g_autofree char *name = NULL;

  if (argc != 3)
    return usage (_("Usage: madoguchi-cli checkin SEMINAR QUERY"));
  if (!(db = open_database (globals, &error)) || !(seminar = load_seminar_arg (db, argv[1], &error)) ||
      !(attendees = mdg_registration_store_list (db, mdg_seminar_get_id (seminar), &error)))
    return fail (error);

  found = mdg_registration_store_find (attendees, argv[2]);
  if (found->len != 1)
    {
      if (found->len == 0)
        g_printerr (_("No attendee matches “%s”\n"), argv[2]);
      else
        g_printerr (_("%u attendees match “%s”; be more precise:\n"), found->len, argv[2]);
      for (guint i = 0; i < found->len; i++)
        {
          MdgAttendee *candidate = g_ptr_array_index (found, i);
          g_autofree char *candidate_name = mdg_person_dup_name (mdg_attendee_get_person (candidate));
          const char *org = mdg_person_get_text (mdg_attendee_get_person (candidate), MDG_PERSON_ORGANIZATION);

          g_printerr ("  %-8s %s%s%s\n", mdg_attendee_get_number (candidate), candidate_name, org ? " — " : "",
                      org ? org : "");
        }
      return EXIT_FAILED;
    }

  attendee = g_ptr_array_index (found, 0);
  name = mdg_person_dup_name (mdg_attendee_get_person (attendee));
  if (mdg_attendee_get_checked_in (attendee))
    {
      g_print (_("%s (%s) was already checked in\n"), name, mdg_attendee_get_number (attendee));
      return EXIT_OK;
    }
  if (!mdg_registration_store_check_in (db, attendee, TRUE, &error))
    return fail (error);
  g_print (_("Checked in %s (%s)\n"), name, mdg_attendee_get_number (attendee));
  return EXIT_OK;
}

static int
person_export (Globals  *globals,
               int       argc,
               char    **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .json or .csv"), "FILE" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;
  gint64 id;
  int status;

  if (!parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || output == NULL || !parse_id (argv[1], &id))
    return usage (_("Usage: madoguchi-cli person export ID --output FILE.json"));

  if (!(db = open_database (globals, &error)))
    return fail (error);
  text = g_str_has_suffix (output, ".csv") ? mdg_person_export_csv (db, id, &error)
                                           : mdg_person_export_json (db, id, &error);
  file = g_file_new_for_commandline_arg (output);
  if (text == NULL ||
      !g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL, &error))
    return fail (error);

  warn_personal_data (output);
  g_print (_("Wrote %s\n"), output);
  return EXIT_OK;
}

static int
person_delete (Globals  *globals,
               int       argc,
               char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 id;

  if (argc != 2 || !parse_id (argv[1], &id))
    return usage (_("Usage: madoguchi-cli person delete ID"));
  if (!(db = open_database (globals, &error)) || !(person = mdg_person_store_load (db, id, &error)))
    return fail (error);

  name = mdg_person_dup_name (person);
  if (!mdg_person_store_delete (db, id, &error))
    return fail (error);
  g_print (_("Deleted %s everywhere; their registrations stay, anonymised.\n"), name);
  return EXIT_OK;
}

static int
command_person (Globals  *globals,
                int       argc,
                char    **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return person_export (globals, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "delete"))
    return person_delete (globals, argc - 1, argv + 1);
  return usage (_("person needs a subcommand: export or delete"));
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
  g_print ("  attendees import SEMINAR FILE [--encoding auto|utf-8|cp932] [--dry-run]\n"
           "                              %s\n", _("Register everyone in a CSV file, or nobody"));
  g_print ("  attendees list SEMINAR      %s\n", _("List a seminar’s attendees in kana order"));
  g_print ("  attendees export SEMINAR --format csv|list|sign-in|badges --output FILE [--encoding utf-8-bom|cp932]\n"
           "                              %s\n", _("Write the attendees as CSV, or print the list, sign-in sheet or badges as PDF"));
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
    { "seminar", command_seminar }, { "search", command_search }, { "attendees", command_attendees },
    { "checkin", command_checkin }, { "person", command_person },
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
            return usage (_("--database needs a file path"));
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
    return usage (message);
  }
}
