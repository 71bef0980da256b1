/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-attendee-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-attendee-export.h"
#include "mdg-kana.h"

/*
 * A seminar's registrations for other programs: as CSV for Excel and as JSON for
 * scripts, with the same fields in both (one table below), and the form's answers —
 * one column per question in CSV, an object in JSON.
 */

typedef enum
{
  KIND_TEXT,
  KIND_READING,     /* full-width katakana, whatever script it was typed in */
  KIND_NUMBER,
  KIND_BOOLEAN,
  KIND_TIME,
  KIND_STATUS,
  KIND_ATTENDANCE,
} Kind;

typedef enum
{
  FIELD_NUMBER,
  FIELD_STATUS,
  FIELD_FAMILY_NAME,
  FIELD_GIVEN_NAME,
  FIELD_FAMILY_KANA,
  FIELD_GIVEN_KANA,
  FIELD_ORGANIZATION,
  FIELD_ORGANIZATION_KANA,
  FIELD_INDUSTRY,
  FIELD_EMPLOYEES,
  FIELD_ADDRESS,
  FIELD_TITLE,
  FIELD_DEPARTMENT,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_APPLIED_AT,
  FIELD_ATTENDANCE,
  FIELD_QUESTIONS,
  FIELD_CONSENT,
  FIELD_CONSENT_AT,
  FIELD_CHECKED_IN_AT,
  N_FIELDS
} Field;

/* Translators: CSV column headers; Madoguchi's import recognises the Japanese ones */
static const struct {
  const char *key;
  const char *label;
  Kind        kind;
} fields[N_FIELDS] = {
  [FIELD_NUMBER] = { "number", N_("Registration number"), KIND_TEXT },
  [FIELD_STATUS] = { "status", N_("Registration status"), KIND_STATUS },
  [FIELD_FAMILY_NAME] = { "family_name", N_("Family name"), KIND_TEXT },
  [FIELD_GIVEN_NAME] = { "given_name", N_("Given name"), KIND_TEXT },
  [FIELD_FAMILY_KANA] = { "family_kana", N_("Family name reading"), KIND_READING },
  [FIELD_GIVEN_KANA] = { "given_kana", N_("Given name reading"), KIND_READING },
  [FIELD_ORGANIZATION] = { "organization", N_("Organization"), KIND_TEXT },
  [FIELD_ORGANIZATION_KANA] = { "organization_kana", N_("Organization reading"), KIND_READING },
  [FIELD_INDUSTRY] = { "industry", N_("Industry"), KIND_TEXT },
  [FIELD_EMPLOYEES] = { "employees", N_("Number of employees"), KIND_NUMBER },
  [FIELD_ADDRESS] = { "address", N_("Address"), KIND_TEXT },
  [FIELD_TITLE] = { "title", N_("Title or role"), KIND_TEXT },
  [FIELD_DEPARTMENT] = { "department", N_("Department"), KIND_TEXT },
  [FIELD_EMAIL] = { "email", N_("E-mail"), KIND_TEXT },
  [FIELD_PHONE] = { "phone", N_("Phone"), KIND_TEXT },
  [FIELD_APPLIED_AT] = { "applied_at", N_("Time of application"), KIND_TIME },
  [FIELD_ATTENDANCE] = { "attendance", N_("Venue or online"), KIND_ATTENDANCE },
  [FIELD_QUESTIONS] = { "questions", N_("Questions for the presenter"), KIND_TEXT },
  [FIELD_CONSENT] = { "consent", N_("Consent to the use of personal data"), KIND_BOOLEAN },
  [FIELD_CONSENT_AT] = { "consent_at", N_("Consent date"), KIND_TIME },
  [FIELD_CHECKED_IN_AT] = { "checked_in_at", N_("Checked in"), KIND_TIME },
};

static const char *
person_text (MdgAttendee    *attendee,
             MdgPersonField  field)
{
  return mdg_person_get_text (mdg_attendee_get_person (attendee), field);
}

static const char *
organization_text (MdgAttendee          *attendee,
                   MdgOrganizationField  field)
{
  MdgOrganization *organization = mdg_attendee_get_organization (attendee);

  return organization ? mdg_organization_get_text (organization, field) : NULL;
}

/* The consent date the store keeps in UTC, in local time. */
static GDateTime *
consent_time (MdgAttendee *attendee)
{
  const char *text = mdg_person_get_consent_at (mdg_attendee_get_person (attendee));
  g_autoptr(GDateTime) utc = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return utc ? g_date_time_to_local (utc) : NULL;
}

/* The field's text (translated for people where @for_people), or %NULL when empty. */
static char *
field_text (MdgAttendee *attendee,
            Field        field,
            gboolean     for_people)
{
  switch (field)
    {
    case FIELD_NUMBER: return g_strdup (mdg_attendee_get_number (attendee));
    case FIELD_STATUS:
      return g_strdup (for_people ? mdg_registration_status_get_label (mdg_attendee_get_status (attendee))
                                  : mdg_registration_status_to_string (mdg_attendee_get_status (attendee)));
    case FIELD_FAMILY_NAME: return g_strdup (person_text (attendee, MDG_PERSON_FAMILY_NAME));
    case FIELD_GIVEN_NAME: return g_strdup (person_text (attendee, MDG_PERSON_GIVEN_NAME));
    case FIELD_FAMILY_KANA: return mdg_kana_to_katakana (person_text (attendee, MDG_PERSON_FAMILY_KANA));
    case FIELD_GIVEN_KANA: return mdg_kana_to_katakana (person_text (attendee, MDG_PERSON_GIVEN_KANA));
    case FIELD_ORGANIZATION: return g_strdup (person_text (attendee, MDG_PERSON_ORGANIZATION));
    case FIELD_ORGANIZATION_KANA: return mdg_kana_to_katakana (organization_text (attendee, MDG_ORGANIZATION_KANA));
    case FIELD_INDUSTRY: return g_strdup (organization_text (attendee, MDG_ORGANIZATION_INDUSTRY));
    case FIELD_EMPLOYEES:
      {
        MdgOrganization *organization = mdg_attendee_get_organization (attendee);

        if (organization == NULL || mdg_organization_get_employees (organization) == 0)
          return NULL;
        return g_strdup_printf ("%u", mdg_organization_get_employees (organization));
      }
    case FIELD_ADDRESS: return g_strdup (organization_text (attendee, MDG_ORGANIZATION_ADDRESS));
    case FIELD_TITLE: return g_strdup (person_text (attendee, MDG_PERSON_TITLE));
    case FIELD_DEPARTMENT: return g_strdup (person_text (attendee, MDG_PERSON_DEPARTMENT));
    case FIELD_EMAIL: return g_strdup (person_text (attendee, MDG_PERSON_EMAIL));
    case FIELD_PHONE: return g_strdup (person_text (attendee, MDG_PERSON_PHONE));
    case FIELD_QUESTIONS: return g_strdup (mdg_attendee_get_questions (attendee));
    case FIELD_ATTENDANCE:
      if (mdg_attendee_get_attendance (attendee) == MDG_ATTENDANCE_UNKNOWN)
        return NULL;
      return g_strdup (for_people ? mdg_attendance_get_label (mdg_attendee_get_attendance (attendee))
                                  : mdg_attendance_to_string (mdg_attendee_get_attendance (attendee)));
    case FIELD_CONSENT:
      if (mdg_person_get_consent (mdg_attendee_get_person (attendee)))
        return g_strdup (for_people ? _("Yes") : "true");
      return g_strdup (for_people ? _("No") : "false");
    case FIELD_APPLIED_AT:
    case FIELD_CONSENT_AT:
    case FIELD_CHECKED_IN_AT:
      {
        GDateTime *stored = field == FIELD_APPLIED_AT ? mdg_attendee_get_applied_at (attendee)
                                                       : mdg_attendee_get_checked_in_at (attendee);
        g_autoptr(GDateTime) time = field == FIELD_CONSENT_AT ? consent_time (attendee)
                                    : stored                  ? g_date_time_ref (stored)
                                                              : NULL;

        if (time == NULL)
          return NULL;
        /* Spreadsheets read 2026/11/02 09:15; programs read ISO 8601 with the offset. */
        return g_date_time_format (time, for_people ? "%Y/%m/%d %H:%M" : "%Y-%m-%dT%H:%M:%S%:z");
      }
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* The answers' questions, in the order they first appear; a question asked twice gets "(2)". */
static char *
answer_key (GHashTable *counts,
            const char *question)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, question)) + 1;

  g_hash_table_insert (counts, (gpointer) question, GUINT_TO_POINTER (n));
  return n == 1 ? g_strdup (question) : g_strdup_printf ("%s (%u)", question, n);
}

/**
 * mdg_attendee_export_csv:
 * @attendees: (element-type MdgAttendee): in the order to write them
 * @encoding: %MDG_CSV_ENCODING_UTF8_BOM (Excel opens it correctly) or %MDG_CSV_ENCODING_CP932
 * @unencodable: (out) (optional) (transfer container) (element-type utf8): for CP932, the
 *   characters it could not hold
 *
 * The attendee list as a spreadsheet: one row per registration with the fields of
 * mdg_attendee_export_json(), then one column per question of the form, under a
 * header row that Madoguchi's own import recognises. The file holds personal data.
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
mdg_attendee_export_csv (GPtrArray       *attendees,
                         MdgCsvEncoding   encoding,
                         GPtrArray      **unencodable)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) questions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  g_autoptr(GPtrArray) question_order = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (attendees != NULL, NULL);

  for (guint f = 0; f < N_FIELDS; f++)
    g_ptr_array_add (header, g_strdup (_(fields[f].label)));
  for (guint i = 0; i < attendees->len; i++)
    {
      GPtrArray *answers = mdg_attendee_get_answers (g_ptr_array_index (attendees, i));
      g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint a = 0; a < answers->len; a++)
        {
          char *key = answer_key (counts, ((MdgAnswer *) g_ptr_array_index (answers, a))->question);

          if (g_hash_table_contains (questions, key))
            {
              g_free (key);
              continue;
            }
          g_hash_table_insert (questions, key, GUINT_TO_POINTER (question_order->len));
          g_ptr_array_add (question_order, key);
          g_ptr_array_add (header, g_strdup (key));
        }
    }
  mdg_csv_append_row (text, (const char **) header->pdata, header->len);

  for (guint i = 0; i < attendees->len; i++)
    {
      MdgAttendee *attendee = g_ptr_array_index (attendees, i);
      GPtrArray *answers = mdg_attendee_get_answers (attendee);
      g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

      for (guint f = 0; f < N_FIELDS; f++)
        g_ptr_array_add (row, field_text (attendee, f, TRUE));
      g_ptr_array_set_size (row, N_FIELDS + question_order->len);
      for (guint a = 0; a < answers->len; a++)
        {
          MdgAnswer *answer = g_ptr_array_index (answers, a);
          g_autofree char *key = answer_key (counts, answer->question);
          guint column = GPOINTER_TO_UINT (g_hash_table_lookup (questions, key));

          g_free (row->pdata[N_FIELDS + column]);
          row->pdata[N_FIELDS + column] = g_strdup (answer->answer);
        }
      mdg_csv_append_row (text, (const char **) row->pdata, row->len);
    }

  return mdg_csv_encode (text->str, encoding, unencodable);
}

/**
 * mdg_attendee_export_json:
 * @attendees: (element-type MdgAttendee): in the order to write them
 *
 * The registrations for scripts: an array of objects with the keys "id",
 * "person_id", "number", "status" (registered, waitlisted, cancelled), "family_name",
 * "given_name", "family_kana", "given_kana" (full-width katakana), "organization",
 * "organization_kana", "industry", "employees" (a number), "address", "title",
 * "department", "email", "phone", "applied_at" (ISO 8601 with its offset),
 * "attendance" (venue, online or null), "questions", "consent" (a boolean),
 * "consent_at", "answers" (the form's question → answer, in its order) and
 * "checked_in_at". Missing values are null.
 *
 * Returns: (transfer full): the array
 */
JsonNode *
mdg_attendee_export_json (GPtrArray *attendees)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (attendees != NULL, NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < attendees->len; i++)
    {
      MdgAttendee *attendee = g_ptr_array_index (attendees, i);
      GPtrArray *answers = mdg_attendee_get_answers (attendee);
      g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, mdg_attendee_get_id (attendee));
      json_builder_set_member_name (builder, "person_id");
      json_builder_add_int_value (builder, mdg_person_get_id (mdg_attendee_get_person (attendee)));
      for (guint f = 0; f < N_FIELDS; f++)
        {
          g_autofree char *value = field_text (attendee, f, FALSE);

          json_builder_set_member_name (builder, fields[f].key);
          if (value == NULL)
            json_builder_add_null_value (builder);
          else if (fields[f].kind == KIND_NUMBER)
            json_builder_add_int_value (builder, g_ascii_strtoll (value, NULL, 10));
          else if (fields[f].kind == KIND_BOOLEAN)
            json_builder_add_boolean_value (builder, g_str_equal (value, "true"));
          else
            json_builder_add_string_value (builder, value);
        }
      json_builder_set_member_name (builder, "answers");
      json_builder_begin_object (builder);
      for (guint a = 0; a < answers->len; a++)
        {
          MdgAnswer *answer = g_ptr_array_index (answers, a);
          g_autofree char *key = answer_key (counts, answer->question);

          json_builder_set_member_name (builder, key);
          json_builder_add_string_value (builder, answer->answer);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}
