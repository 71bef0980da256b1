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
#include "mdg-cli-private.h"
#include "mdg-file.h"
#include "mdg-person-export.h"
#include "mdg-person-store.h"
#include "mdg-question-sheet.h"
#include "mdg-registration-store.h"

/* madoguchi-cli attendees import | list | export, checkin, person export | delete */

/* Prints up to 20 notices or problems, then how many more there are. */
static void
print_notices (GPtrArray *notices)
{
  guint shown = MIN (notices->len, 20);

  for (guint i = 0; i < shown; i++)
    {
      MdgImportProblem *notice = g_ptr_array_index (notices, i);

      g_print ("  ");
      g_print (_("Line %u: %s"), notice->line, notice->message);
      g_print ("\n");
    }
  if (notices->len > shown)
    {
      g_print ("  ");
      g_print (_("… and %u more"), notices->len - shown);
      g_print ("\n");
    }
}

static void
print_changes (GPtrArray *changes,
               gboolean   applied)
{
  g_print ("%s\n", applied ? _("Changed details, written:")
                           : _("Changed details, not written (run again with --accept-changes to write them):"));
  for (guint i = 0; i < changes->len; i++)
    {
      MdgImportChange *change = g_ptr_array_index (changes, i);

      g_print ("  ");
      /* Translators: line, whose registration, which detail, the old value, the new one */
      g_print (_("Line %u: %s — %s: %s → %s"), change->line, change->name, change->field,
               change->before ? change->before : "—", change->after);
      g_print ("\n");
    }
}

int
_mdg_cli_attendees_import (Globals  *globals,
                           int       argc,
                           char    **argv)
{
  g_autofree char *encoding_text = NULL;
  gboolean dry_run = FALSE, accept_changes = FALSE;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(MdgAttendeeImport) import = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *counts = NULL;
  MdgCsvEncoding encoding = MDG_CSV_ENCODING_AUTO;
  MdgImportResult result;
  GPtrArray *notices, *changes;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "encoding", &encoding_text, "dry-run", &dry_run,
                       "accept-changes", &accept_changes, NULL))
    return status;
  if (encoding_text && !mdg_csv_encoding_from_string (encoding_text, &encoding))
    return _mdg_cli_usage (_("--encoding must be auto, utf-8 or cp932"));

  file = g_file_new_for_commandline_arg (argv[2]);
  basename = g_file_get_basename (file);
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(seminar = _mdg_cli_load_seminar_arg (db, argv[1], &error)) ||
      !(contents = g_file_load_bytes (file, NULL, NULL, &error)) ||
      !(import = mdg_attendee_import_new (basename, contents, encoding, &error)))
    return _mdg_cli_fail (error);

  mdg_attendee_import_recall_mapping (import, db);
  mdg_attendee_import_set_accept_changes (import, accept_changes);
  if (!mdg_attendee_import_commit (import, db, mdg_seminar_get_id (seminar), dry_run, &result, NULL, &error))
    return _mdg_cli_fail (error);

  /* Translators: the kind of file, then its character encoding */
  g_print (_("Recognised: %s; encoding: %s.\n"), mdg_import_format_get_label (mdg_attendee_import_get_format (import)),
           mdg_csv_encoding_get_label (mdg_attendee_import_get_encoding (import)));
  notices = mdg_attendee_import_get_notices (import);
  if (notices->len > 0)
    {
      g_print ("%s\n", _("To look at (imported all the same):"));
      print_notices (notices);
    }
  changes = mdg_attendee_import_get_changes (import);
  if (changes->len > 0)
    print_changes (changes, accept_changes && !dry_run);

  /* Translators: the counts after "Imported N registrations" or "N registrations can be imported" */
  counts = g_strdup_printf (_("%u new (%u to the waitlist, %u already known people); %u cancelled, %u changed, "
                              "%u unchanged; %u moved up from the waitlist"),
                            result.imported, result.waitlisted, result.existing_people, result.cancelled, result.changed,
                            result.unchanged, result.promoted);
  if (dry_run)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u registration can be imported: %s. Nothing was written.\n",
                          "%u registrations can be imported: %s. Nothing was written.\n", result.imported),
             result.imported, counts);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u registration: %s.\n", "Imported %u registrations: %s.\n",
                          result.imported),
             result.imported, counts);
  return EXIT_OK;
}

int
_mdg_cli_attendees_list (Globals  *globals,
                         int       argc,
                         char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(seminar = _mdg_cli_load_seminar_arg (db, argv[1], &error)) ||
      !(attendees = mdg_registration_store_list (db, mdg_seminar_get_id (seminar), &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonNode) root = mdg_attendee_export_json (attendees);

      _mdg_cli_print_json_node (root);
      return EXIT_OK;
    }

  for (guint i = 0; i < attendees->len; i++)
    {
      MdgAttendee *attendee = g_ptr_array_index (attendees, i);
      MdgPerson *person = mdg_attendee_get_person (attendee);
      g_autofree char *name = mdg_person_dup_name (person);
      g_autofree char *kana = mdg_person_dup_kana (person);
      const char *org = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);

      g_print ("%-8s %-12s %s（%s）%s%s%s%s%s\n", mdg_attendee_get_number (attendee),
               mdg_registration_status_get_label (mdg_attendee_get_status (attendee)), name, kana,
               org ? " — " : "", org ? org : "", mdg_attendee_is_online (attendee) ? "  " : "",
               mdg_attendee_is_online (attendee) ? mdg_attendance_get_label (MDG_ATTENDANCE_ONLINE) : "",
               mdg_attendee_get_checked_in (attendee) ? "  ✓" : "");
    }
  if (attendees->len == 0)
    g_print ("%s\n", _("No one has registered yet."));
  else
    {
      MdgRegistrationCounts counts;

      if (!mdg_registration_store_counts (db, mdg_seminar_get_id (seminar), &counts, &error))
        return _mdg_cli_fail (error);
      /* Translators: the counts beneath the attendee list: registered (at the venue, online), waitlisted, cancelled */
      g_print (_("%u registered (%u at the venue, %u online), %u waitlisted, %u cancelled\n"), counts.registered,
               counts.venue, counts.online, counts.waitlisted, counts.cancelled);
    }
  return EXIT_OK;
}

int
_mdg_cli_attendees_export (Globals  *globals,
                           int       argc,
                           char    **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *encoding_text = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;
  MdgCsvEncoding encoding = MDG_CSV_ENCODING_UTF8_BOM;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "format", &format, "output", &output, "encoding", &encoding_text,
                       NULL))
    return status;
  if (encoding_text && (!mdg_csv_encoding_from_string (encoding_text, &encoding) ||
                        (encoding != MDG_CSV_ENCODING_UTF8_BOM && encoding != MDG_CSV_ENCODING_CP932)))
    return _mdg_cli_usage (_("--encoding must be utf-8-bom or cp932"));

  if (!(db = _mdg_cli_open_database (globals, &error)) || !(seminar = _mdg_cli_load_seminar_arg (db, argv[1], &error)) ||
      !(attendees = mdg_registration_store_list (db, mdg_seminar_get_id (seminar), &error)))
    return _mdg_cli_fail (error);

  if (g_str_equal (format, "csv"))
    {
      g_autoptr(GPtrArray) unencodable = NULL;
      g_autoptr(GBytes) bytes = mdg_attendee_export_csv (attendees, encoding, &unencodable);
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      if (!mdg_file_write_private (output, data, length, &error))
        return _mdg_cli_fail (error);
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
      else if (g_str_equal (format, "questions"))
        document = mdg_question_sheet_new (seminar, attendees);
      else
        document = mdg_attendee_sheet_new (seminar, attendees, g_str_equal (format, "sign-in") ? MDG_ATTENDEE_SHEET_SIGN_IN
                                                               : g_str_equal (format, "online") ? MDG_ATTENDEE_SHEET_ONLINE
                                                                                                : MDG_ATTENDEE_SHEET_LIST);
      if (!mdg_document_export_pdf (document, output, &error))
        return _mdg_cli_fail (error);
    }

  _mdg_cli_report_written (output, TRUE);
  return EXIT_OK;
}

int
_mdg_cli_checkin (Globals  *globals,
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
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(seminar = _mdg_cli_load_seminar_arg (db, argv[1], &error)) ||
      !(attendees = mdg_registration_store_list (db, mdg_seminar_get_id (seminar), &error)))
    return _mdg_cli_fail (error);

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
    return _mdg_cli_fail (error);
  g_print (_("Checked in %s (%s)\n"), name, mdg_attendee_get_number (attendee));
  return EXIT_OK;
}

int
_mdg_cli_person_export (Globals  *globals,
                        int       argc,
                        char    **argv)
{
  g_autofree char *output = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "output", &output, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &id))
    return _mdg_cli_usage (_("ID must be a person’s number"));

  if (!(db = _mdg_cli_open_database (globals, &error)))
    return _mdg_cli_fail (error);
  text = g_str_has_suffix (output, ".csv") ? mdg_person_export_csv (db, id, &error)
                                           : mdg_person_export_json (db, id, &error);
  if (text == NULL || !mdg_file_write_private (output, text, strlen (text), &error))
    return _mdg_cli_fail (error);

  _mdg_cli_report_written (output, TRUE);
  return EXIT_OK;
}

int
_mdg_cli_person_delete (Globals  *globals,
                        int       argc,
                        char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 id;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &id))
    return _mdg_cli_usage (_("ID must be a person’s number"));
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(person = mdg_person_store_load (db, id, &error)))
    return _mdg_cli_fail (error);

  name = mdg_person_dup_name (person);
  if (!mdg_person_store_delete (db, id, &error))
    return _mdg_cli_fail (error);
  g_print (_("Deleted %s everywhere; their registrations stay, anonymised.\n"), name);
  if (mdg_database_get_wipe_pending (db))
    g_print ("%s\n", _("Another program is reading the database: their details will be wiped from the file’s free "
                        "space as soon as it is done (at the next start of Madoguchi at the latest)."));
  return EXIT_OK;
}
