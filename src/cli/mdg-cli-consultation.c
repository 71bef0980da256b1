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
  _mdg_cli_report_written (output, personal_data);
  return EXIT_OK;
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
add_consultation_members (JsonBuilder     *builder,
                          MdgConsultation *c)
{
  GPtrArray *categories = mdg_consultation_get_categories (c);
  g_autofree char *due = g_date_valid (mdg_consultation_get_due_date (c))
                           ? mdg_date_to_iso (mdg_consultation_get_due_date (c))
                           : NULL;

  _mdg_cli_json_int (builder, "id", mdg_consultation_get_id (c));
  _mdg_cli_json_string (builder, "uuid", mdg_consultation_get_uuid (c));
  _mdg_cli_json_time (builder, "received_at", mdg_consultation_get_received_at (c));
  _mdg_cli_json_string (builder, "channel", mdg_channel_to_string (mdg_consultation_get_channel (c)));
  _mdg_cli_json_string (builder, "state", mdg_consultation_state_to_string (mdg_consultation_get_state (c)));
  _mdg_cli_json_string (builder, "tier", mdg_tier_to_string (mdg_consultation_get_tier (c)));
  _mdg_cli_json_string (builder, "urgency", mdg_urgency_to_string (mdg_consultation_get_urgency (c)));
  /* Every export of a sensitive record says so. */
  _mdg_cli_json_bool (builder, "sensitive", mdg_consultation_get_sensitive (c));
  _mdg_cli_json_string (builder, "subject", mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT));
  _mdg_cli_json_string (builder, "question", mdg_consultation_get_text (c, MDG_CONSULTATION_QUESTION));
  _mdg_cli_json_string (builder, "answer", mdg_consultation_get_text (c, MDG_CONSULTATION_ANSWER));
  _mdg_cli_json_string (builder, "organization", mdg_consultation_get_text (c, MDG_CONSULTATION_ORGANIZATION));
  _mdg_cli_json_id (builder, "person_id", mdg_consultation_get_person_id (c));
  _mdg_cli_json_string (builder, "person", mdg_consultation_get_text (c, MDG_CONSULTATION_PERSON));
  _mdg_cli_json_string (builder, "seminar", mdg_consultation_get_text (c, MDG_CONSULTATION_SEMINAR));
  _mdg_cli_json_string (builder, "assignee", mdg_consultation_get_text (c, MDG_CONSULTATION_ASSIGNEE));
  _mdg_cli_json_string (builder, "referral", mdg_consultation_get_text (c, MDG_CONSULTATION_REFERRAL));
  _mdg_cli_json_string (builder, "due_date", due);
  _mdg_cli_json_time (builder, "answered_at", mdg_consultation_get_answered_at (c));
  _mdg_cli_json_time (builder, "closed_at", mdg_consultation_get_closed_at (c));
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

int
_mdg_cli_consultation_add (Globals  *globals,
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
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  MdgChannel channel;
  MdgUrgency urgency = MDG_URGENCY_NORMAL;
  gint64 actor, id;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "channel", &channel_text, "subject", &subject,
                       "question", &question, "org", &organization, "person", &person_text, "seminar", &seminar_text,
                       "category", &categories, "received", &received_text, "urgency", &urgency_text,
                       "sensitive", &sensitive, NULL))
    return status;
  if (subject == NULL && question == NULL)
    return _mdg_cli_usage (_("consultation add needs --subject or --question"));
  /* The table lists the channels and urgencies there are. */
  if (!mdg_channel_from_string (channel_text, &channel) ||
      (urgency_text && !mdg_urgency_from_string (urgency_text, &urgency)))
    g_assert_not_reached ();

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

int
_mdg_cli_consultation_import_mail (Globals  *globals,
                                   int       argc,
                                   char    **argv)
{
  MdgMailImportOptions options = { 0 };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgMailMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  MdgMailImportResult result;
  GPtrArray *attachments;
  gint64 actor;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "create-person", &options.create_person,
                       "store-attachments", &options.store_attachments, NULL))
    return status;
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

int
_mdg_cli_consultation_import (Globals  *globals,
                              int       argc,
                              char    **argv)
{
  g_autofree char *encoding_text = NULL;
  gboolean dry_run = FALSE;
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

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "encoding", &encoding_text, "dry-run", &dry_run, NULL))
    return status;
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

/* One change of a consultation's state: @value is the --to or --text the change takes, if any. */
typedef gboolean (*Change) (MdgDatabase      *db,
                            gint64            actor,
                            MdgConsultation  *consultation,
                            const char       *value,
                            const char       *note,
                            GError          **error);

/* Every change: the consultation of argv[1], made as the staff member given, its new state said. */
static int
change_consultation (Globals    *globals,
                     int         argc,
                     char      **argv,
                     const char *value_option,
                     Change      change)
{
  g_autofree char *value = NULL;
  g_autofree char *note = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(GError) error = NULL;
  gint64 actor;
  int status;

  if (!(value_option ? _mdg_cli_parse (globals, &argc, &argv, &status, value_option, &value, "note", &note, NULL)
                     : _mdg_cli_parse (globals, &argc, &argv, &status, "note", &note, NULL)))
    return status;
  if (!prepare_change (globals, argv, &db, &consultation, &actor, &error) ||
      !change (db, actor, consultation, value, note, &error))
    return _mdg_cli_fail (error);

  /* Translators: after a change: the consultation's number and its state now */
  g_print (_("Consultation %lld: %s\n"), (long long) mdg_consultation_get_id (consultation),
           mdg_consultation_state_get_label (mdg_consultation_get_state (consultation)));
  return EXIT_OK;
}

static gboolean
dispatch (MdgDatabase *db, gint64 actor, MdgConsultation *consultation, const char *to, const char *note, GError **error)
{
  g_autoptr(MdgStaff) specialist = mdg_staff_store_find (db, to, error);

  return specialist && mdg_consultation_store_dispatch (db, actor, consultation, mdg_staff_get_id (specialist), note,
                                                         error);
}

static gboolean
refer (MdgDatabase *db, gint64 actor, MdgConsultation *consultation, const char *to, const char *note, GError **error)
{
  g_autoptr(MdgReferral) referral = mdg_referral_store_find (db, to, error);

  return referral && mdg_consultation_store_refer (db, actor, consultation, referral->id, note, error);
}

static gboolean
start (MdgDatabase *db, gint64 actor, MdgConsultation *consultation, const char *unused, const char *note, GError **error)
{
  return mdg_consultation_store_start (db, actor, consultation, note, error);
}

static gboolean
close_ (MdgDatabase *db, gint64 actor, MdgConsultation *consultation, const char *unused, const char *note, GError **error)
{
  return mdg_consultation_store_close (db, actor, consultation, note, error);
}

static gboolean
reopen (MdgDatabase *db, gint64 actor, MdgConsultation *consultation, const char *unused, const char *note, GError **error)
{
  return mdg_consultation_store_reopen (db, actor, consultation, note, error);
}

int
_mdg_cli_consultation_dispatch (Globals *globals, int argc, char **argv)
{
  return change_consultation (globals, argc, argv, "to", dispatch);
}

int
_mdg_cli_consultation_refer (Globals *globals, int argc, char **argv)
{
  return change_consultation (globals, argc, argv, "to", refer);
}

int
_mdg_cli_consultation_answer (Globals *globals, int argc, char **argv)
{
  return change_consultation (globals, argc, argv, "text", mdg_consultation_store_answer);
}

int
_mdg_cli_consultation_start (Globals *globals, int argc, char **argv)
{
  return change_consultation (globals, argc, argv, NULL, start);
}

int
_mdg_cli_consultation_close (Globals *globals, int argc, char **argv)
{
  return change_consultation (globals, argc, argv, NULL, close_);
}

int
_mdg_cli_consultation_reopen (Globals *globals, int argc, char **argv)
{
  return change_consultation (globals, argc, argv, NULL, reopen);
}

static void
add_event_members (JsonBuilder *builder,
                   gpointer     item)
{
  MdgConsultationEvent *event = item;

  _mdg_cli_json_time (builder, "at", event->at);
  _mdg_cli_json_string (builder, "staff", event->staff_name);
  _mdg_cli_json_string (builder, "action", mdg_consultation_action_to_string (event->action));
  _mdg_cli_json_string (builder, "from",
                        event->from_state >= 0 ? mdg_consultation_state_to_string (event->from_state) : NULL);
  _mdg_cli_json_string (builder, "to", mdg_consultation_state_to_string (event->to_state));
  _mdg_cli_json_string (builder, "assignee", event->assignee_name);
  _mdg_cli_json_string (builder, "referral", event->referral_name);
  _mdg_cli_json_string (builder, "note", event->note);
}

static void
add_attachment_members (JsonBuilder *builder,
                        gpointer     item)
{
  MdgConsultationAttachment *attachment = item;

  _mdg_cli_json_string (builder, "filename", attachment->filename);
  _mdg_cli_json_string (builder, "content_type", attachment->content_type);
  _mdg_cli_json_int (builder, "size", attachment->size);
  _mdg_cli_json_bool (builder, "stored", attachment->data != NULL);
}

static void
print_field (const char *label,
             const char *value)
{
  if (value != NULL && *value != '\0')
    g_print ("%-14s %s\n", label, value);
}

int
_mdg_cli_consultation_show (Globals  *globals,
                            int       argc,
                            char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultation) c = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(c = load_arg (db, argv[1], &error)) ||
      !(history = mdg_consultation_store_list_history (db, mdg_consultation_get_id (c), &error)) ||
      !(attachments = mdg_consultation_store_list_attachments (db, mdg_consultation_get_id (c), &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_consultation_members (builder, c);
      _mdg_cli_json_objects (builder, "history", history, add_event_members);
      _mdg_cli_json_objects (builder, "attachments", attachments, add_attachment_members);
      json_builder_end_object (builder);
      _mdg_cli_print_json (builder);
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

int
_mdg_cli_consultation_list (Globals  *globals,
                            int       argc,
                            char    **argv)
{
  g_autofree char *state_text = NULL;
  g_autofree char *assignee = NULL;
  g_autofree char *queue_text = NULL;
  g_autofree char *search = NULL;
  gboolean overdue = FALSE;
  int limit = 0;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultationFilter) filter = mdg_consultation_filter_new (MDG_CONSULTATION_QUEUE_ALL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  MdgConsultationState state;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "state", &state_text, "assignee", &assignee, "overdue", &overdue,
                       "queue", &queue_text, "search", &search, "limit", &limit, NULL))
    return status;
  /* The table lists the states and queues there are. */
  if ((state_text && !mdg_consultation_state_from_string (state_text, &state)) ||
      (queue_text && !mdg_consultation_queue_from_string (queue_text, &filter->queue)))
    g_assert_not_reached ();
  if (state_text)
    filter->state = state;
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

int
_mdg_cli_consultation_queues (Globals  *globals,
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

  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)))
    return _mdg_cli_fail (error);
  if (globals->staff && !(staff = mdg_staff_store_find (db, globals->staff, &error)))
    return _mdg_cli_fail (error);
  if (!mdg_consultation_store_count_queues (db, staff ? mdg_staff_get_id (staff) : 0, NULL, &counts, &error))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          json_builder_set_member_name (builder, mdg_consultation_queue_to_string (rows[i].queue));
          json_builder_add_int_value (builder, *rows[i].count);
        }
      json_builder_end_object (builder);
      _mdg_cli_print_json (builder);
      return EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_print ("%-24s %6u\n", mdg_consultation_queue_get_label (rows[i].queue), *rows[i].count);
  return EXIT_OK;
}

int
_mdg_cli_consultation_reply (Globals  *globals,
                             int       argc,
                             char    **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *charset_text = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(GError) error = NULL;
  MdgMailCharset charset = MDG_MAIL_CHARSET_AUTO, used;
  gint64 actor;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "output", &output, "charset", &charset_text, NULL))
    return status;
  if (g_strcmp0 (charset_text, "iso-2022-jp") == 0)
    charset = MDG_MAIL_CHARSET_ISO_2022_JP;
  else if (g_strcmp0 (charset_text, "utf-8") == 0)
    charset = MDG_MAIL_CHARSET_UTF8;

  if (!prepare_change (globals, argv, &db, &consultation, &actor, &error) ||
      !mdg_mail_write_reply (db, actor, consultation, output, charset, &used, &error))
    return _mdg_cli_fail (error);
  g_print (used == MDG_MAIL_CHARSET_ISO_2022_JP ? _("Wrote the reply to %s (ISO-2022-JP)\n")
                                                : _("Wrote the reply to %s (UTF-8)\n"),
           output);
  _mdg_cli_warn_personal_data (output);
  return EXIT_OK;
}

int
_mdg_cli_consultation_sheet (Globals  *globals,
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

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "output", &output, "era", &era, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(consultation = load_arg (db, argv[1], &error)) ||
      !(document = mdg_consultation_sheet_load (db, mdg_consultation_get_id (consultation), &error)))
    return _mdg_cli_fail (error);
  if ((status = _mdg_cli_print_document (document, output, era, TRUE)) == EXIT_OK &&
      mdg_consultation_get_sensitive (consultation))
    g_printerr (_("The consultation is marked sensitive: the sheet says so on every page.\n"));
  return status;
}

int
_mdg_cli_consultation_suggest (Globals  *globals,
                               int       argc,
                               char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
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
