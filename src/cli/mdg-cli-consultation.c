/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mdg-calendar.h"
#include "mdg-category.h"
#include "mdg-cli-private.h"
#include "mdg-consultation-import.h"
#include "mdg-consultation-sheet.h"
#include "mdg-consultation-store.h"
#include "mdg-date.h"
#include "mdg-document.h"
#include "mdg-error.h"
#include "mdg-mail.h"
#include "mdg-staff-store.h"

/*
 * madoguchi-cli consultation add | import-mail | import | dispatch | start | answer |
 * close | reopen | refer | show | list | queues | reply | sheet | suggest
 *
 * Every change is made as the staff member given with --as (or $MADOGUCHI_STAFF).
 */

/**
 * _mdg_cli_resolve_actor:
 * @globals: the command line
 * @db: the database
 * @error: a location for a #GError
 *
 * Returns: the staff member making changes, or 0 with @error saying how to name one
 */
gint64
_mdg_cli_resolve_actor (Globals      *globals,
                        MdgDatabase  *db,
                        GError      **error)
{
  g_autoptr(MdgStaff) staff = NULL;

  if (globals->staff == NULL || *globals->staff == '\0')
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("Say who you are: add --as STAFF (a name or number from “madoguchi-cli staff list”), "
                             "or set MADOGUCHI_STAFF"));
      return 0;
    }
  if (!(staff = mdg_staff_store_find (db, globals->staff, error)))
    return 0;
  if (!mdg_staff_get_active (staff))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("%s is no longer on the active staff"),
                   mdg_staff_get_name (staff));
      return 0;
    }
  return mdg_staff_get_id (staff);
}

/*
 * The options of every command that prints a document (--output FILE.pdf, --era),
 * leaving the one argument in argv[1]; %FALSE with @status set on a wrong line.
 */
gboolean
_mdg_cli_parse_print_options (int          *argc,
                              char       ***argv,
                              const char    *usage,
                              char         **output,
                              gboolean      *era,
                              int           *status)
{
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, output, N_("The PDF file to write"), "FILE" },
    { "era", 0, 0, G_OPTION_ARG_NONE, era, N_("Japanese era dates (令和)"), NULL },
    { NULL }
  };

  if (!_mdg_cli_parse_options ("", entries, argc, argv, status))
    return FALSE;
  if (*argc != 2 || *output == NULL)
    {
      *status = _mdg_cli_usage (usage);
      return FALSE;
    }
  return TRUE;
}

/* Writes @document (taken) as PDF and says so, with the personal-data notice when it names people. */
int
_mdg_cli_print_document (gpointer    document,
                         const char *output,
                         gboolean    era,
                         gboolean    personal_data)
{
  g_autoptr(MdgDocument) owned = document;
  g_autoptr(GError) error = NULL;

  mdg_document_set_era_dates (owned, era);
  if (!mdg_document_export_pdf (owned, output, &error))
    return _mdg_cli_fail (error);
  g_print (_("Wrote %s\n"), output);
  if (personal_data)
    _mdg_cli_warn_personal_data (output);
  return EXIT_OK;
}

void
_mdg_cli_json_string (JsonBuilder *builder,
                      const char  *name,
                      const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static MdgConsultation *
load_arg (MdgDatabase  *db,
          const char   *arg,
          GError      **error)
{
  gint64 id;

  if (!_mdg_cli_parse_id (arg, &id))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("“%s” is not a consultation number"), arg);
      return NULL;
    }
  return mdg_consultation_store_load (db, id, error);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          GDateTime   *value)
{
  g_autofree char *text = value ? _mdg_cli_iso8601 (value) : NULL;

  _mdg_cli_json_string (builder, name, text);
}

static void
add_consultation_members (JsonBuilder     *builder,
                          MdgConsultation *c)
{
  GPtrArray *categories = mdg_consultation_get_categories (c);
  g_autofree char *due = g_date_valid (mdg_consultation_get_due_date (c))
                           ? mdg_date_to_iso (mdg_consultation_get_due_date (c))
                           : NULL;

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, mdg_consultation_get_id (c));
  _mdg_cli_json_string (builder, "uuid", mdg_consultation_get_uuid (c));
  add_time (builder, "received_at", mdg_consultation_get_received_at (c));
  _mdg_cli_json_string (builder, "channel", mdg_channel_to_string (mdg_consultation_get_channel (c)));
  _mdg_cli_json_string (builder, "state", mdg_consultation_state_to_string (mdg_consultation_get_state (c)));
  _mdg_cli_json_string (builder, "tier", mdg_tier_to_string (mdg_consultation_get_tier (c)));
  _mdg_cli_json_string (builder, "urgency", mdg_urgency_to_string (mdg_consultation_get_urgency (c)));
  /* Every export of a sensitive record says so. */
  json_builder_set_member_name (builder, "sensitive");
  json_builder_add_boolean_value (builder, mdg_consultation_get_sensitive (c));
  _mdg_cli_json_string (builder, "subject", mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT));
  _mdg_cli_json_string (builder, "question", mdg_consultation_get_text (c, MDG_CONSULTATION_QUESTION));
  _mdg_cli_json_string (builder, "answer", mdg_consultation_get_text (c, MDG_CONSULTATION_ANSWER));
  _mdg_cli_json_string (builder, "organization", mdg_consultation_get_text (c, MDG_CONSULTATION_ORGANIZATION));
  json_builder_set_member_name (builder, "person_id");
  if (mdg_consultation_get_person_id (c) > 0)
    json_builder_add_int_value (builder, mdg_consultation_get_person_id (c));
  else
    json_builder_add_null_value (builder);
  _mdg_cli_json_string (builder, "person", mdg_consultation_get_text (c, MDG_CONSULTATION_PERSON));
  _mdg_cli_json_string (builder, "seminar", mdg_consultation_get_text (c, MDG_CONSULTATION_SEMINAR));
  _mdg_cli_json_string (builder, "assignee", mdg_consultation_get_text (c, MDG_CONSULTATION_ASSIGNEE));
  _mdg_cli_json_string (builder, "referral", mdg_consultation_get_text (c, MDG_CONSULTATION_REFERRAL));
  _mdg_cli_json_string (builder, "due_date", due);
  add_time (builder, "answered_at", mdg_consultation_get_answered_at (c));
  add_time (builder, "closed_at", mdg_consultation_get_closed_at (c));
  json_builder_set_member_name (builder, "categories");
  json_builder_begin_array (builder);
  for (guint i = 0; i < categories->len; i++)
    json_builder_add_string_value (builder, ((MdgCategory *) categories->pdata[i])->key);
  json_builder_end_array (builder);
}

/* Keys given as several --category options, or comma-separated in one. */
static char **
split_keys (char **given)
{
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

  for (guint i = 0; given && given[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (given[i], ",", -1);

      for (guint j = 0; parts[j]; j++)
        if (*g_strstrip (parts[j]))
          g_strv_builder_add (keys, parts[j]);
    }
  return g_strv_builder_end (keys);
}

static int
consultation_add (Globals  *globals,
                  int       argc,
                  char    **argv)
{
  g_autofree char *channel_text = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *question = NULL;
  g_autofree char *organization = NULL;
  g_autofree char *person_text = NULL;
  g_autofree char *seminar_text = NULL;
  g_autofree char *received_text = NULL;
  g_autofree char *urgency_text = NULL;
  g_auto(GStrv) categories = NULL;
  g_auto(GStrv) keys = NULL;
  gboolean sensitive = FALSE;
  GOptionEntry entries[] = {
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel_text, N_("phone, web-form, email, walk-in or on-site"), "CHANNEL" },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("What it is about"), "SUBJECT" },
    { "question", 0, 0, G_OPTION_ARG_STRING, &question, N_("The question as asked"), "QUESTION" },
    { "org", 0, 0, G_OPTION_ARG_STRING, &organization, N_("The organization (found by name, or created)"), "NAME" },
    { "person", 0, 0, G_OPTION_ARG_STRING, &person_text, N_("The person’s number in Contacts"), "ID" },
    { "seminar", 0, 0, G_OPTION_ARG_STRING, &seminar_text, N_("The seminar it was asked at"), "ID" },
    { "category", 0, 0, G_OPTION_ARG_STRING_ARRAY, &categories, N_("A category key (repeat, or separate with commas)"),
      "KEY" },
    { "received", 0, 0, G_OPTION_ARG_STRING, &received_text, N_("When it was received (ISO 8601); now if not given"),
      "TIME" },
    { "urgency", 0, 0, G_OPTION_ARG_STRING, &urgency_text, N_("low, normal, high or urgent"), "URGENCY" },
    { "sensitive", 0, 0, G_OPTION_ARG_NONE, &sensitive, N_("A named victim or a police matter"), NULL },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  MdgChannel channel;
  MdgUrgency urgency = MDG_URGENCY_NORMAL;
  gint64 actor, id;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || channel_text == NULL || (subject == NULL && question == NULL))
    return _mdg_cli_usage (_("Usage: madoguchi-cli consultation add --channel CHANNEL --subject S --question Q "
                             "[--org NAME] [--person ID] [--seminar ID] [--category KEY …] [--received ISO8601]"));
  if (!mdg_channel_from_string (channel_text, &channel))
    return _mdg_cli_usage (_("--channel must be phone, web-form, email, walk-in or on-site"));
  if (urgency_text && !mdg_urgency_from_string (urgency_text, &urgency))
    return _mdg_cli_usage (_("--urgency must be low, normal, high or urgent"));

  consultation = mdg_consultation_new (channel);
  if (received_text != NULL)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autoptr(GDateTime) received = g_date_time_new_from_iso8601 (received_text, local);

      if (received == NULL)
        {
          g_autofree char *with_seconds = g_strconcat (received_text, ":00", NULL);
          received = g_date_time_new_from_iso8601 (with_seconds, local);
        }
      if (received == NULL)
        return _mdg_cli_usage (_("--received must be a date and time such as 2026-11-26T10:15"));
      mdg_consultation_set_received_at (consultation, received);
    }
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_SUBJECT, subject);
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_QUESTION, question);
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_ORGANIZATION, organization);
  mdg_consultation_set_urgency (consultation, urgency);
  mdg_consultation_set_sensitive (consultation, sensitive);
  if (person_text != NULL)
    {
      gint64 person;

      if (!_mdg_cli_parse_id (person_text, &person))
        return _mdg_cli_usage (_("--person must be a person’s number"));
      mdg_consultation_set_person_id (consultation, person);
    }
  if (seminar_text != NULL)
    {
      gint64 seminar;

      if (!_mdg_cli_parse_id (seminar_text, &seminar))
        return _mdg_cli_usage (_("--seminar must be a seminar’s number"));
      mdg_consultation_set_seminar_id (consultation, seminar);
    }

  keys = split_keys (categories);
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(actor = _mdg_cli_resolve_actor (globals, db, &error)) ||
      !(ids = mdg_category_store_resolve_keys (db, (const char * const *) keys, &error)))
    return _mdg_cli_fail (error);
  mdg_consultation_set_category_ids (consultation, ids);
  if (!mdg_consultation_store_add (db, actor, consultation, NULL, &error))
    return _mdg_cli_fail (error);

  id = mdg_consultation_get_id (consultation);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_OK;
}

static int
consultation_import_mail (Globals  *globals,
                          int       argc,
                          char    **argv)
{
  MdgMailImportOptions options = { 0 };
  GOptionEntry entries[] = {
    { "create-person", 0, 0, G_OPTION_ARG_NONE, &options.create_person, N_("Add an unknown sender to Contacts"), NULL },
    { "store-attachments", 0, 0, G_OPTION_ARG_NONE, &options.store_attachments,
      N_("Keep the attachments’ contents, not only their names"), NULL },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgMailMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  MdgMailImportResult result;
  GPtrArray *attachments;
  gint64 actor;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return _mdg_cli_usage (_("Usage: madoguchi-cli consultation import-mail FILE.eml [--create-person] "
                             "[--store-attachments]"));
  if (!(message = mdg_mail_message_load (argv[1], &error)) || !(db = _mdg_cli_open_database (globals, &error)) ||
      !(actor = _mdg_cli_resolve_actor (globals, db, &error)) ||
      !mdg_mail_import (db, actor, message, &options, &result, &error))
    return _mdg_cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", result.consultation_id);
  if (result.person_created)
    g_printerr (_("Added the sender to Contacts as person %lld\n"), (long long) result.person_id);
  else if (result.person_id > 0)
    g_printerr (_("From person %lld\n"), (long long) result.person_id);
  else if (result.matching_people > 1)
    g_printerr (_("%u people have the address %s: link the right one in the window\n"), result.matching_people,
                mdg_mail_message_get_from_address (message));
  else
    g_printerr (_("The sender %s is not in Contacts; import with --create-person to add them\n"),
                mdg_mail_message_get_from_address (message) ? mdg_mail_message_get_from_address (message) : "?");
  attachments = mdg_mail_message_get_attachments (message);
  for (guint i = 0; i < attachments->len; i++)
    {
      MdgMailAttachment *a = g_ptr_array_index (attachments, i);
      g_autofree char *size = g_format_size (a->size);

      g_printerr (options.store_attachments ? _("Attachment kept: %s (%s)\n") : _("Attachment listed: %s (%s)\n"),
                  a->filename, size);
    }
  return EXIT_OK;
}

static int
consultation_import (Globals  *globals,
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
  g_autoptr(MdgConsultationImport) import = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  MdgCsvEncoding encoding = MDG_CSV_ENCODING_AUTO;
  MdgConsultationImportResult result;
  gint64 actor;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return _mdg_cli_usage (_("Usage: madoguchi-cli consultation import FILE.csv [--encoding auto|utf-8|cp932] [--dry-run]"));
  if (encoding_text && !mdg_csv_encoding_from_string (encoding_text, &encoding))
    return _mdg_cli_usage (_("--encoding must be auto, utf-8 or cp932"));

  file = g_file_new_for_commandline_arg (argv[1]);
  basename = g_file_get_basename (file);
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(actor = _mdg_cli_resolve_actor (globals, db, &error)) ||
      !(contents = g_file_load_bytes (file, NULL, NULL, &error)) ||
      !(import = mdg_consultation_import_new (basename, contents, encoding, &error)))
    return _mdg_cli_fail (error);

  if (!mdg_consultation_import_commit (import, db, actor, dry_run, &result, &problems, &error))
    {
      for (guint i = 0; problems && i < problems->len; i++)
        {
          MdgImportProblem *problem = g_ptr_array_index (problems, i);
          g_printerr (_("Line %u: %s\n"), problem->line, problem->message);
        }
      return _mdg_cli_fail (error);
    }
  g_print (dry_run ? _("%u consultations can be imported (%u already on record). Nothing was written.\n")
                   : _("Imported %u consultations (%u already on record).\n"),
           result.imported, result.already_imported);
  return EXIT_OK;
}

/* Loads the consultation of argv[1], as the staff member given: the start of every change. */
static gboolean
prepare_change (Globals           *globals,
                char             **argv,
                MdgDatabase      **db,
                MdgConsultation  **consultation,
                gint64            *actor,
                GError           **error)
{
  return (*db = _mdg_cli_open_database (globals, error)) && (*actor = _mdg_cli_resolve_actor (globals, *db, error)) &&
         (*consultation = load_arg (*db, argv[1], error));
}

static void
print_state (MdgConsultation *consultation)
{
  /* Translators: after a change: the consultation's number and its state now */
  g_print (_("Consultation %lld: %s\n"), (long long) mdg_consultation_get_id (consultation),
           mdg_consultation_state_get_label (mdg_consultation_get_state (consultation)));
}

static int
consultation_dispatch (Globals  *globals,
                       int       argc,
                       char    **argv)
{
  g_autofree char *to = NULL;
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The second-line specialist"), "STAFF" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("The hand-off note"), "NOTE" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(MdgStaff) specialist = NULL;
  g_autoptr(GError) error = NULL;
  gint64 actor;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || to == NULL)
    return _mdg_cli_usage (_("Usage: madoguchi-cli consultation dispatch ID --to STAFF [--note N]"));
  if (!prepare_change (globals, argv, &db, &consultation, &actor, &error) ||
      !(specialist = mdg_staff_store_find (db, to, &error)) ||
      !mdg_consultation_store_dispatch (db, actor, consultation, mdg_staff_get_id (specialist), note, &error))
    return _mdg_cli_fail (error);
  print_state (consultation);
  return EXIT_OK;
}

/* start, close and reopen: one consultation and an optional note. */
static int
consultation_simple (Globals  *globals,
                     int       argc,
                     char    **argv,
                     gboolean (*change) (MdgDatabase *, gint64, MdgConsultation *, const char *, GError **),
                     const char *usage)
{
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note for the history"), "NOTE" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(GError) error = NULL;
  gint64 actor;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return _mdg_cli_usage (usage);
  if (!prepare_change (globals, argv, &db, &consultation, &actor, &error) ||
      !change (db, actor, consultation, note, &error))
    return _mdg_cli_fail (error);
  print_state (consultation);
  return EXIT_OK;
}

static int
consultation_start (Globals *globals, int argc, char **argv)
{
  return consultation_simple (globals, argc, argv, mdg_consultation_store_start,
                              _("Usage: madoguchi-cli consultation start ID [--note N]"));
}

static int
consultation_close (Globals *globals, int argc, char **argv)
{
  return consultation_simple (globals, argc, argv, mdg_consultation_store_close,
                              _("Usage: madoguchi-cli consultation close ID [--note N]"));
}

static int
consultation_reopen (Globals *globals, int argc, char **argv)
{
  return consultation_simple (globals, argc, argv, mdg_consultation_store_reopen,
                              _("Usage: madoguchi-cli consultation reopen ID [--note N]"));
}

static int
consultation_answer (Globals  *globals,
                     int       argc,
                     char    **argv)
{
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("The answer"), "TEXT" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note for the history"), "NOTE" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(GError) error = NULL;
  gint64 actor;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || text == NULL)
    return _mdg_cli_usage (_("Usage: madoguchi-cli consultation answer ID --text T"));
  if (!prepare_change (globals, argv, &db, &consultation, &actor, &error) ||
      !mdg_consultation_store_answer (db, actor, consultation, text, note, &error))
    return _mdg_cli_fail (error);
  print_state (consultation);
  return EXIT_OK;
}

static int
consultation_refer (Globals  *globals,
                    int       argc,
                    char    **argv)
{
  g_autofree char *to = NULL;
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("A key or number from “madoguchi-cli referral list”"), "REFERRAL" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note for the history"), "NOTE" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(MdgReferral) referral = NULL;
  g_autoptr(GError) error = NULL;
  gint64 actor;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || to == NULL)
    return _mdg_cli_usage (_("Usage: madoguchi-cli consultation refer ID --to REFERRAL [--note N]"));
  if (!prepare_change (globals, argv, &db, &consultation, &actor, &error) ||
      !(referral = mdg_referral_store_find (db, to, &error)) ||
      !mdg_consultation_store_refer (db, actor, consultation, referral->id, note, &error))
    return _mdg_cli_fail (error);
  print_state (consultation);
  return EXIT_OK;
}

static void
print_field (const char *label,
             const char *value)
{
  if (value != NULL && *value != '\0')
    g_print ("%-14s %s\n", label, value);
}

static int
consultation_show (Globals  *globals,
                   int       argc,
                   char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultation) c = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    return _mdg_cli_usage (_("Usage: madoguchi-cli consultation show ID [--json]"));
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(c = load_arg (db, argv[1], &error)) ||
      !(history = mdg_consultation_store_list_history (db, mdg_consultation_get_id (c), &error)) ||
      !(attachments = mdg_consultation_store_list_attachments (db, mdg_consultation_get_id (c), &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_consultation_members (builder, c);
      json_builder_set_member_name (builder, "history");
      json_builder_begin_array (builder);
      for (guint i = 0; i < history->len; i++)
        {
          MdgConsultationEvent *event = g_ptr_array_index (history, i);

          json_builder_begin_object (builder);
          add_time (builder, "at", event->at);
          _mdg_cli_json_string (builder, "staff", event->staff_name);
          _mdg_cli_json_string (builder, "action", mdg_consultation_action_to_string (event->action));
          _mdg_cli_json_string (builder, "from", event->from_state >= 0 ? mdg_consultation_state_to_string (event->from_state)
                                                              : NULL);
          _mdg_cli_json_string (builder, "to", mdg_consultation_state_to_string (event->to_state));
          _mdg_cli_json_string (builder, "assignee", event->assignee_name);
          _mdg_cli_json_string (builder, "referral", event->referral_name);
          _mdg_cli_json_string (builder, "note", event->note);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "attachments");
      json_builder_begin_array (builder);
      for (guint i = 0; i < attachments->len; i++)
        {
          MdgConsultationAttachment *a = g_ptr_array_index (attachments, i);

          json_builder_begin_object (builder);
          _mdg_cli_json_string (builder, "filename", a->filename);
          _mdg_cli_json_string (builder, "content_type", a->content_type);
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, a->size);
          json_builder_set_member_name (builder, "stored");
          json_builder_add_boolean_value (builder, a->data != NULL);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      _mdg_cli_print_json (root);
      return EXIT_OK;
    }

  {
    g_autofree char *received = mdg_date_format (mdg_consultation_get_received_at (c), MDG_DATE_DEFAULT);
    g_autofree char *time = mdg_time_format (mdg_consultation_get_received_at (c));
    g_autofree char *when = g_strdup_printf ("%s %s", received, time);
    g_autofree char *categories = mdg_consultation_dup_categories_text (c, NULL);
    g_autofree char *number = g_strdup_printf ("%lld", (long long) mdg_consultation_get_id (c));

    print_field (_("Consultation"), number);
    if (mdg_consultation_get_sensitive (c))
      print_field (_("Sensitive"), _("yes — a named victim or a police matter: handle with particular care"));
    print_field (_("Subject"), mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT));
    print_field (_("Received"), when);
    print_field (_("Channel"), mdg_channel_get_label (mdg_consultation_get_channel (c)));
    print_field (_("State"), mdg_consultation_state_get_label (mdg_consultation_get_state (c)));
    print_field (_("Urgency"), mdg_urgency_get_label (mdg_consultation_get_urgency (c)));
    print_field (_("Organization"), mdg_consultation_get_text (c, MDG_CONSULTATION_ORGANIZATION));
    print_field (_("Person"), mdg_consultation_get_text (c, MDG_CONSULTATION_PERSON));
    print_field (_("Seminar"), mdg_consultation_get_text (c, MDG_CONSULTATION_SEMINAR));
    print_field (_("Categories"), categories);
    print_field (_("Assignee"), mdg_consultation_get_text (c, MDG_CONSULTATION_ASSIGNEE));
    print_field (_("Referred to"), mdg_consultation_get_text (c, MDG_CONSULTATION_REFERRAL));
    if (g_date_valid (mdg_consultation_get_due_date (c)))
      {
        g_autofree char *due = mdg_date_to_iso (mdg_consultation_get_due_date (c));
        print_field (_("Answer due"), due);
      }
    g_print ("\n%s\n", mdg_consultation_get_text (c, MDG_CONSULTATION_QUESTION)
                         ? mdg_consultation_get_text (c, MDG_CONSULTATION_QUESTION) : "");
    if (mdg_consultation_get_text (c, MDG_CONSULTATION_ANSWER))
      g_print ("\n%s\n%s\n", _("Answer:"), mdg_consultation_get_text (c, MDG_CONSULTATION_ANSWER));
    for (guint i = 0; i < attachments->len; i++)
      {
        MdgConsultationAttachment *a = g_ptr_array_index (attachments, i);
        g_autofree char *size = g_format_size (a->size);

        g_print (_("Attachment: %s (%s)\n"), a->filename, size);
      }
  }

  g_print ("\n%s\n", _("History:"));
  for (guint i = 0; i < history->len; i++)
    {
      MdgConsultationEvent *event = g_ptr_array_index (history, i);
      g_autofree char *at = g_date_time_format (event->at, "%Y-%m-%d %H:%M");
      g_autofree char *what = mdg_consultation_event_describe (event);

      g_print ("  %s  %-10s  %s%s%s\n", at, event->staff_name ? event->staff_name : "—", what,
               event->note ? " — " : "", event->note ? event->note : "");
    }
  return EXIT_OK;
}

static int
consultation_list (Globals  *globals,
                   int       argc,
                   char    **argv)
{
  g_autofree char *state_text = NULL;
  g_autofree char *assignee = NULL;
  g_autofree char *queue_text = NULL;
  g_autofree char *search = NULL;
  gboolean overdue = FALSE;
  int limit = 0;
  GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state_text, N_("new, dispatched, in-progress, answered or closed"), "STATE" },
    { "assignee", 0, 0, G_OPTION_ARG_STRING, &assignee, N_("Only those assigned to this staff member"), "STAFF" },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("Only those open past their answer’s due date"), NULL },
    { "queue", 0, 0, G_OPTION_ARG_STRING, &queue_text,
      N_("all, mine, unassigned, dispatched, waiting-follow-up or overdue"), "QUEUE" },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Words in the subject, question or answer"), "WORDS" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many"), "N" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultationFilter) filter = mdg_consultation_filter_new (MDG_CONSULTATION_QUEUE_ALL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  MdgConsultationState state;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return _mdg_cli_usage (_("Usage: madoguchi-cli consultation list [--state S] [--assignee STAFF] [--overdue] [--json]"));
  if (state_text)
    {
      if (!mdg_consultation_state_from_string (state_text, &state))
        return _mdg_cli_usage (_("--state must be new, dispatched, in-progress, answered or closed"));
      filter->state = state;
    }
  if (queue_text && !mdg_consultation_queue_from_string (queue_text, &filter->queue))
    return _mdg_cli_usage (_("--queue must be all, mine, unassigned, dispatched, waiting-follow-up or overdue"));
  if (overdue)
    filter->queue = MDG_CONSULTATION_QUEUE_OVERDUE;
  filter->query = g_strdup (search);
  filter->limit = MAX (limit, 0);

  if (!(db = _mdg_cli_open_database (globals, &error)))
    return _mdg_cli_fail (error);
  if (assignee != NULL)
    {
      g_autoptr(MdgStaff) staff = mdg_staff_store_find (db, assignee, &error);

      if (staff == NULL)
        return _mdg_cli_fail (error);
      filter->assignee_id = mdg_staff_get_id (staff);
    }
  if (filter->queue == MDG_CONSULTATION_QUEUE_MINE && !(filter->staff_id = _mdg_cli_resolve_actor (globals, db, &error)))
    return _mdg_cli_fail (error);
  if (!(list = mdg_consultation_store_list (db, filter, &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      _mdg_cli_print_json_array (list, (MdgJsonMembers) add_consultation_members);
      return EXIT_OK;
    }
  if (list->len == 0)
    g_print ("%s\n", _("No consultations."));
  for (guint i = 0; i < list->len; i++)
    {
      MdgConsultation *c = g_ptr_array_index (list, i);
      g_autofree char *received = g_date_time_format (mdg_consultation_get_received_at (c), "%Y-%m-%d %H:%M");
      const char *organization = mdg_consultation_get_text (c, MDG_CONSULTATION_ORGANIZATION);
      const char *assigned = mdg_consultation_get_text (c, MDG_CONSULTATION_ASSIGNEE);

      g_print ("%6lld  %s  %-12s  %-8s  %s%s%s%s%s%s\n", (long long) mdg_consultation_get_id (c), received,
               mdg_consultation_state_get_label (mdg_consultation_get_state (c)),
               mdg_urgency_get_label (mdg_consultation_get_urgency (c)),
               mdg_consultation_get_sensitive (c) ? "⚠ " : "", mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT),
               organization ? " — " : "", organization ? organization : "", assigned ? " → " : "",
               assigned ? assigned : "");
    }
  return EXIT_OK;
}

static int
consultation_queues (Globals  *globals,
                     int       argc,
                     char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgStaff) staff = NULL;
  MdgQueueCounts counts;
  const struct { MdgConsultationQueue queue; guint *count; } rows[] = {
    { MDG_CONSULTATION_QUEUE_MINE, &counts.mine }, { MDG_CONSULTATION_QUEUE_UNASSIGNED, &counts.unassigned },
    { MDG_CONSULTATION_QUEUE_DISPATCHED, &counts.dispatched },
    { MDG_CONSULTATION_QUEUE_WAITING_FOLLOW_UP, &counts.waiting_follow_up },
    { MDG_CONSULTATION_QUEUE_OVERDUE, &counts.overdue }, { MDG_CONSULTATION_QUEUE_ALL, &counts.all },
  };

  if (argc != 1)
    return _mdg_cli_usage (_("Usage: madoguchi-cli consultation queues [--json]"));
  if (!(db = _mdg_cli_open_database (globals, &error)))
    return _mdg_cli_fail (error);
  if (globals->staff && !(staff = mdg_staff_store_find (db, globals->staff, &error)))
    return _mdg_cli_fail (error);
  if (!mdg_consultation_store_count_queues (db, staff ? mdg_staff_get_id (staff) : 0, NULL, &counts, &error))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          json_builder_set_member_name (builder, mdg_consultation_queue_to_string (rows[i].queue));
          json_builder_add_int_value (builder, *rows[i].count);
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      _mdg_cli_print_json (root);
      return EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_print ("%-24s %6u\n", mdg_consultation_queue_get_label (rows[i].queue), *rows[i].count);
  return EXIT_OK;
}

static int
consultation_reply (Globals  *globals,
                    int       argc,
                    char    **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *charset_text = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The .eml file to write"), "FILE" },
    { "charset", 0, 0, G_OPTION_ARG_STRING, &charset_text, N_("auto, iso-2022-jp or utf-8"), "CHARSET" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(GError) error = NULL;
  MdgMailCharset charset = MDG_MAIL_CHARSET_AUTO, used;
  gint64 actor;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || output == NULL)
    return _mdg_cli_usage (_("Usage: madoguchi-cli consultation reply ID --output FILE.eml [--charset auto|iso-2022-jp|utf-8]"));
  if (charset_text && g_ascii_strcasecmp (charset_text, "iso-2022-jp") == 0)
    charset = MDG_MAIL_CHARSET_ISO_2022_JP;
  else if (charset_text && g_ascii_strcasecmp (charset_text, "utf-8") == 0)
    charset = MDG_MAIL_CHARSET_UTF8;
  else if (charset_text && g_ascii_strcasecmp (charset_text, "auto") != 0)
    return _mdg_cli_usage (_("--charset must be auto, iso-2022-jp or utf-8"));

  if (!prepare_change (globals, argv, &db, &consultation, &actor, &error) ||
      !mdg_mail_write_reply (db, actor, consultation, output, charset, &used, &error))
    return _mdg_cli_fail (error);
  g_print (used == MDG_MAIL_CHARSET_ISO_2022_JP ? _("Wrote the reply to %s (ISO-2022-JP)\n")
                                                : _("Wrote the reply to %s (UTF-8)\n"),
           output);
  _mdg_cli_warn_personal_data (output);
  return EXIT_OK;
}

static int
consultation_sheet (Globals  *globals,
                    int       argc,
                    char    **argv)
{
  g_autofree char *output = NULL;
  gboolean era = FALSE;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(GError) error = NULL;
  MdgDocument *document;
  int status;

  if (!_mdg_cli_parse_print_options (&argc, &argv, _("Usage: madoguchi-cli consultation sheet ID --output FILE.pdf [--era]"),
                                     &output, &era, &status))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(consultation = load_arg (db, argv[1], &error)) ||
      !(document = mdg_consultation_sheet_load (db, mdg_consultation_get_id (consultation), &error)))
    return _mdg_cli_fail (error);
  if ((status = _mdg_cli_print_document (document, output, era, TRUE)) == EXIT_OK &&
      mdg_consultation_get_sensitive (consultation))
    g_printerr (_("The consultation is marked sensitive: the sheet says so on every page.\n"));
  return status;
}

static int
consultation_suggest (Globals  *globals,
                      int       argc,
                      char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    return _mdg_cli_usage (_("Usage: madoguchi-cli consultation suggest ID"));
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(consultation = load_arg (db, argv[1], &error)) ||
      !(suggestions = mdg_staff_store_suggest_for (db, mdg_consultation_get_id (consultation), &error)))
    return _mdg_cli_fail (error);
  if (suggestions->len == 0)
    g_print ("%s\n", _("There is no active second-line specialist. Add one with “madoguchi-cli staff add”."));
  for (guint i = 0; i < suggestions->len; i++)
    {
      MdgStaffSuggestion *s = g_ptr_array_index (suggestions, i);
      g_autofree char *areas = mdg_staff_dup_areas_text (s->staff);

      /* Translators: a suggested specialist: name, matching areas, consultations waiting, their areas */
      g_print (_("%4lld  %s — %u of its categories, %u waiting (%s)\n"), (long long) mdg_staff_get_id (s->staff),
               mdg_staff_get_name (s->staff), s->matching_areas, s->open, areas);
    }
  return EXIT_OK;
}

int
_mdg_cli_command_consultation (Globals  *globals,
                               int       argc,
                               char    **argv)
{
  static const struct { const char *name; CommandFunc func; } subcommands[] = {
    { "add", consultation_add }, { "import-mail", consultation_import_mail }, { "import", consultation_import },
    { "dispatch", consultation_dispatch }, { "start", consultation_start }, { "answer", consultation_answer },
    { "close", consultation_close }, { "reopen", consultation_reopen }, { "refer", consultation_refer },
    { "show", consultation_show }, { "list", consultation_list }, { "queues", consultation_queues },
    { "reply", consultation_reply }, { "sheet", consultation_sheet }, { "suggest", consultation_suggest },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        return subcommands[i].func (globals, argc - 1, argv + 1);

  return _mdg_cli_usage (_("consultation needs a subcommand: add, import-mail, import, dispatch, start, answer, close, "
                           "reopen, refer, show, list, queues, reply, sheet or suggest"));
}

void
_mdg_cli_print_consultation_help (void)
{
  g_print ("\n%s\n", _("Consultations and follow-ups (changes need --as STAFF or $MADOGUCHI_STAFF):"));
  g_print ("  staff add NAME --role first-line|second-line|coordinator [--areas CAT,…]\n"
           "                              %s\n", _("Add a staff member with the categories they handle"));
  g_print ("  staff list                  %s\n", _("List the staff"));
  g_print ("  consultation add --channel phone|web-form|email|walk-in|on-site --subject S --question Q\n"
           "      [--org NAME] [--person ID] [--seminar ID] [--category KEY …] [--received ISO8601]\n"
           "                              %s\n", _("Record a consultation and print its number"));
  g_print ("  consultation import-mail FILE.eml [--create-person] [--store-attachments]\n"
           "                              %s\n", _("Record an e-mail consultation and print its number"));
  g_print ("  consultation import FILE.csv [--dry-run]\n"
           "                              %s\n", _("Import the web form’s consultations, all or none"));
  g_print ("  consultation dispatch ID --to STAFF [--note N]\n"
           "                              %s\n", _("Hand a consultation to a second-line specialist"));
  g_print ("  consultation suggest ID     %s\n", _("Suggest specialists by their areas"));
  g_print ("  consultation start|close|reopen ID [--note N]\n"
           "                              %s\n", _("Take up, close or reopen a consultation"));
  g_print ("  consultation answer ID --text T\n"
           "                              %s\n", _("Answer a consultation"));
  g_print ("  consultation refer ID --to REFERRAL [--note N]\n"
           "                              %s\n", _("Refer a consultation to an outside body"));
  g_print ("  consultation show ID        %s\n", _("Show a consultation with its history"));
  g_print ("  consultation list [--state S] [--assignee STAFF] [--overdue] [--queue Q] [--search WORDS]\n"
           "                              %s\n", _("List consultations"));
  g_print ("  consultation queues         %s\n", _("Count the consultations in each queue"));
  g_print ("  consultation reply ID --output FILE.eml [--charset auto|iso-2022-jp|utf-8]\n"
           "                              %s\n", _("Write the answer as a reply for your mail program"));
  g_print ("  consultation sheet ID --output FILE.pdf [--era]\n"
           "                              %s\n", _("Print the consultation record sheet"));
  g_print ("  followup add CONSULTATION --title T (--due YYYY-MM-DD | --business-days N) [--advice A] [--owner STAFF]\n"
           "                              %s\n", _("Promise follow-up advice and print its number"));
  g_print ("  followup list [--overdue] [--owner STAFF]\n"
           "                              %s\n", _("List open follow-ups, with what is due per owner"));
  g_print ("  followup done ID            %s\n", _("Mark a follow-up done"));
  g_print ("  letter FOLLOWUP --output FILE.pdf [--era]\n"
           "                              %s\n", _("Print the advice letter of a follow-up"));
  g_print ("  calendar holidays YEAR      %s\n", _("List the public holidays of a year"));
  g_print ("  calendar add-business-days DATE N\n"
           "                              %s\n", _("The date N business days after DATE"));
  g_print ("  calendar closed-days [--set RULES]\n"
           "                              %s\n", _("Show or set the days the desk is closed"));
  g_print ("  report monthly YYYY-MM --output FILE.pdf|FILE.csv\n"
           "                              %s\n", _("Write the monthly report"));
  g_print ("  category list [--scheme S]  %s\n", _("List the categories and their keys"));
  g_print ("  referral list               %s\n", _("List where consultations can be referred"));
  g_print ("  slots add|list|book|hold|print …\n"
           "                              %s\n", _("On-site consultation slots at a seminar"));
}
