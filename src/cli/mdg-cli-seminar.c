/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mdg-cli-private.h"
#include "mdg-date.h"
#include "mdg-ical.h"
#include "mdg-seminar-store.h"

/* madoguchi-cli seminar list | show | add | ics */

static void
add_seminar_members (JsonBuilder *builder,
                     MdgSeminar  *seminar)
{
  _mdg_cli_json_int (builder, "id", mdg_seminar_get_id (seminar));
  _mdg_cli_json_string (builder, "uuid", mdg_seminar_get_uuid (seminar));
  _mdg_cli_json_string (builder, "title", mdg_seminar_get_title (seminar));
  _mdg_cli_json_time (builder, "start", mdg_seminar_get_starts_at (seminar));
  _mdg_cli_json_time (builder, "end", mdg_seminar_get_ends_at (seminar));
  _mdg_cli_json_string (builder, "status", mdg_seminar_status_to_string (mdg_seminar_get_status (seminar)));
  _mdg_cli_json_string (builder, "venue", mdg_seminar_get_venue (seminar));
  _mdg_cli_json_string (builder, "online_url", mdg_seminar_get_online_url (seminar));
  _mdg_cli_json_id (builder, "capacity", mdg_seminar_get_capacity (seminar));
  _mdg_cli_json_string (builder, "co_organizer", mdg_seminar_get_co_organizer (seminar));
  _mdg_cli_json_string (builder, "description", mdg_seminar_get_description (seminar));
}

static void
add_program_item_members (JsonBuilder *builder,
                          gpointer     data)
{
  MdgProgramItem *item = data;

  _mdg_cli_json_string (builder, "kind", mdg_program_kind_to_string (mdg_program_item_get_kind (item)));
  _mdg_cli_json_time (builder, "start", mdg_program_item_get_starts_at (item));
  _mdg_cli_json_int (builder, "minutes", mdg_program_item_get_minutes (item));
  _mdg_cli_json_string (builder, "title", mdg_program_item_get_title (item));
  _mdg_cli_json_string (builder, "presenter", mdg_program_item_get_presenter (item));
  _mdg_cli_json_string (builder, "deck_title", mdg_program_item_get_deck_title (item));
}

int
_mdg_cli_seminar_list (Globals  *globals,
                       int       argc,
                       char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(seminars = mdg_seminar_store_list (db, now, &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      _mdg_cli_print_json_array (seminars, (MdgJsonMembers) add_seminar_members);
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

int
_mdg_cli_seminar_show (Globals  *globals,
                       int       argc,
                       char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) program = NULL;
  gint64 id;
  int overrun, status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(seminar = _mdg_cli_load_seminar_arg (db, argv[1], &error)) ||
      !(program = mdg_program_store_list (db, id = mdg_seminar_get_id (seminar), &error)))
    return _mdg_cli_fail (error);

  overrun = mdg_program_schedule (program, mdg_seminar_get_starts_at (seminar),
                                  mdg_seminar_get_ends_at (seminar));

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_seminar_members (builder, seminar);
      _mdg_cli_json_objects (builder, "program", program, add_program_item_members);
      _mdg_cli_json_int (builder, "overrun_minutes", overrun);
      json_builder_end_object (builder);
      _mdg_cli_print_json (builder);
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

int
_mdg_cli_seminar_add (Globals  *globals,
                      int       argc,
                      char    **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *venue = NULL;
  int capacity = 0;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GDateTime) starts_at = NULL;
  g_autoptr(GDateTime) ends_at = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "title", &title, "start", &start, "end", &end, "venue", &venue,
                       "capacity", &capacity, NULL))
    return status;
  if (!(starts_at = parse_time (start)))
    return _mdg_cli_usage (_("--start is not a date and time such as 2026-12-03T14:00"));
  if (!(ends_at = parse_time (end)))
    return _mdg_cli_usage (_("--end is not a date and time such as 2026-12-03T16:30"));
  if (capacity < 0)
    return _mdg_cli_usage (_("--capacity cannot be negative"));

  seminar = mdg_seminar_new ();
  g_object_set (seminar, "title", title, "starts-at", starts_at, "ends-at", ends_at,
                "venue", venue, "capacity", (guint) capacity, NULL);

  if (!(db = _mdg_cli_open_database (globals, &error)) || !mdg_seminar_store_save (db, seminar, &error))
    return _mdg_cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", mdg_seminar_get_id (seminar));
  return EXIT_OK;
}

int
_mdg_cli_seminar_ics (Globals  *globals,
                      int       argc,
                      char    **argv)
{
  g_autofree char *output = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 id = 0;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "output", &output, NULL))
    return status;
  if (argc == 2 && !_mdg_cli_parse_id (argv[1], &id))
    return _mdg_cli_usage (_("ID must be a seminar’s number"));
  if (!(db = _mdg_cli_open_database (globals, &error)))
    return _mdg_cli_fail (error);

  if (id != 0)
    {
      MdgSeminar *seminar = mdg_seminar_store_load (db, id, &error);

      if (seminar == NULL)
        return _mdg_cli_fail (error);
      seminars = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (seminars, seminar);
    }
  else if (!(seminars = mdg_seminar_store_list_upcoming (db, now, &error)))
    return _mdg_cli_fail (error);

  file = g_file_new_for_commandline_arg (output);
  if (!mdg_ical_write (seminars, file, &error))
    return _mdg_cli_fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u seminar to %s\n", "Wrote %u seminars to %s\n",
                        seminars->len),
           seminars->len, output);
  return EXIT_OK;
}
