/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-attendee"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-attendee.h"
#include "mdg-enums.h"
#include "mdg-util-private.h"

/*
 * A person's registration for a seminar, as attendee lists and the check-in desk
 * show it. Changes go through mdg-registration-store, which updates these objects so
 * that lists bound to them follow.
 */

struct _MdgAttendee
{
  GObject                parent_instance;

  gint64                 id;
  gint64                 seminar_id;
  MdgPerson             *person;
  char                  *number;
  MdgRegistrationStatus  status;
  MdgRegistrationSource  source;
  GDateTime             *checked_in_at;
  GDateTime             *applied_at;
  MdgAttendance          attendance;
  char                  *questions;
  GPtrArray             *answers;    /* MdgAnswer, in the form's order */
  MdgOrganization       *organization;
};

G_DEFINE_FINAL_TYPE (MdgAttendee, mdg_attendee, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERSON,
  PROP_NUMBER,
  PROP_STATUS,
  PROP_CHECKED_IN,
  PROP_ATTENDANCE,
  PROP_QUESTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *key;
  const char *label;
} statuses[] = {
  [MDG_REGISTRATION_STATUS_REGISTERED] = { "registered", N_("Registered") },
  [MDG_REGISTRATION_STATUS_WAITLISTED] = { "waitlisted", N_("Waitlisted") },
  [MDG_REGISTRATION_STATUS_CANCELLED] = { "cancelled", N_("Cancelled") },
};

static const struct {
  const char *key;
  const char *label;
} attendances[] = {
  [MDG_ATTENDANCE_UNKNOWN] = { NULL, N_("Not stated") },
  [MDG_ATTENDANCE_VENUE] = { "venue", N_("At the venue") },
  [MDG_ATTENDANCE_ONLINE] = { "online", N_("Online") },
};

static const char *sources[] = {
  [MDG_REGISTRATION_SOURCE_MANUAL] = "manual",
  [MDG_REGISTRATION_SOURCE_CSV] = "csv",
  [MDG_REGISTRATION_SOURCE_WEB_FORM] = "web-form",
};

static void
mdg_attendee_finalize (GObject *object)
{
  MdgAttendee *self = (MdgAttendee *) object;

  g_clear_object (&self->person);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->checked_in_at, g_date_time_unref);
  g_clear_pointer (&self->applied_at, g_date_time_unref);
  g_clear_pointer (&self->questions, g_free);
  g_clear_pointer (&self->answers, g_ptr_array_unref);
  g_clear_object (&self->organization);

  G_OBJECT_CLASS (mdg_attendee_parent_class)->finalize (object);
}

static void
mdg_attendee_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MdgAttendee *self = MDG_ATTENDEE (object);

  switch (prop_id)
    {
    case PROP_PERSON: g_value_set_object (value, self->person); break;
    case PROP_NUMBER: g_value_set_string (value, self->number); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_CHECKED_IN: g_value_set_boolean (value, self->checked_in_at != NULL); break;
    case PROP_ATTENDANCE: g_value_set_enum (value, self->attendance); break;
    case PROP_QUESTIONS: g_value_set_string (value, self->questions); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_attendee_class_init (MdgAttendeeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mdg_attendee_finalize;
  object_class->get_property = mdg_attendee_get_property;

  properties[PROP_PERSON] = g_param_spec_object ("person", NULL, NULL, MDG_TYPE_PERSON, ro);
  properties[PROP_NUMBER] = g_param_spec_string ("number", NULL, NULL, NULL, ro);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, MDG_TYPE_REGISTRATION_STATUS,
                                               MDG_REGISTRATION_STATUS_REGISTERED, ro);
  properties[PROP_CHECKED_IN] = g_param_spec_boolean ("checked-in", NULL, NULL, FALSE, ro);
  properties[PROP_ATTENDANCE] = g_param_spec_enum ("attendance", NULL, NULL, MDG_TYPE_ATTENDANCE,
                                                   MDG_ATTENDANCE_UNKNOWN, ro);
  properties[PROP_QUESTIONS] = g_param_spec_string ("questions", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_attendee_init (MdgAttendee *self)
{
  self->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_answer_free);
}

MdgAttendee *
_mdg_attendee_new (gint64                 id,
                   gint64                 seminar_id,
                   MdgPerson             *person,
                   const char            *number,
                   MdgRegistrationStatus  status,
                   MdgRegistrationSource  source,
                   GDateTime             *checked_in_at)
{
  MdgAttendee *self = g_object_new (MDG_TYPE_ATTENDEE, NULL);

  self->id = id;
  self->seminar_id = seminar_id;
  self->person = g_object_ref (person);
  self->number = g_strdup (number);
  self->status = status;
  self->source = source;
  self->checked_in_at = checked_in_at ? g_date_time_ref (checked_in_at) : NULL;
  return self;
}

void
_mdg_attendee_set_status (MdgAttendee           *self,
                          MdgRegistrationStatus  status)
{
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

void
_mdg_attendee_set_checked_in_at (MdgAttendee *self,
                                 GDateTime   *checked_in_at)
{
  gboolean was = self->checked_in_at != NULL;

  g_clear_pointer (&self->checked_in_at, g_date_time_unref);
  self->checked_in_at = checked_in_at ? g_date_time_ref (checked_in_at) : NULL;
  if (was != (checked_in_at != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED_IN]);
}

void
_mdg_attendee_set_organization (MdgAttendee     *self,
                                MdgOrganization *organization)
{
  g_set_object (&self->organization, organization);
}

/* Sets what the registration form said; @answers (element-type MdgAnswer) is copied. */
void
_mdg_attendee_set_details (MdgAttendee   *self,
                           GDateTime     *applied_at,
                           MdgAttendance  attendance,
                           const char    *questions,
                           GPtrArray     *answers)
{
  /* The arguments may be this attendee's own (mdg_registration_store_save_details): copy first. */
  GDateTime *previous = g_steal_pointer (&self->applied_at);
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_answer_free);

  for (guint i = 0; answers && i < answers->len; i++)
    {
      MdgAnswer *answer = g_ptr_array_index (answers, i);
      g_ptr_array_add (copy, mdg_answer_new (answer->question, answer->answer));
    }
  g_ptr_array_unref (self->answers);
  self->answers = copy;
  self->applied_at = applied_at ? g_date_time_ref (applied_at) : NULL;
  g_clear_pointer (&previous, g_date_time_unref);
  if (self->attendance != attendance)
    {
      self->attendance = attendance;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENDANCE]);
    }
  if (questions != self->questions && _mdg_set_text (&self->questions, questions))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTIONS]);
}

gint64
mdg_attendee_get_id (MdgAttendee *self)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), 0);
  return self->id;
}

gint64
mdg_attendee_get_seminar_id (MdgAttendee *self)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), 0);
  return self->seminar_id;
}

/* Returns: (transfer none): who registered */
MdgPerson *
mdg_attendee_get_person (MdgAttendee *self)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), NULL);
  return self->person;
}

/* Returns: (nullable): the registration number (受付番号) attendees bring on their slip */
const char *
mdg_attendee_get_number (MdgAttendee *self)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), NULL);
  return self->number;
}

MdgRegistrationStatus
mdg_attendee_get_status (MdgAttendee *self)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), 0);
  return self->status;
}

MdgRegistrationSource
mdg_attendee_get_source (MdgAttendee *self)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), 0);
  return self->source;
}

/* Returns: (nullable) (transfer none): when the attendee was checked in at the door */
GDateTime *
mdg_attendee_get_checked_in_at (MdgAttendee *self)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), NULL);
  return self->checked_in_at;
}

gboolean
mdg_attendee_get_checked_in (MdgAttendee *self)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), FALSE);
  return self->checked_in_at != NULL;
}

/**
 * mdg_attendee_matches:
 * @self: a #MdgAttendee
 * @folded_query: a query folded with mdg_kana_fold()
 *
 * What the check-in desk searches: the person's names, readings in any kana script,
 * organization and e-mail, or the registration number (a scanner types it whole).
 */
gboolean
mdg_attendee_matches (MdgAttendee *self,
                      const char  *folded_query)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), FALSE);

  /* Typed or scanned, a registration number matches from its start. */
  if (self->number != NULL && folded_query != NULL && *folded_query != '\0' &&
      g_ascii_strncasecmp (self->number, folded_query, strlen (folded_query)) == 0)
    return TRUE;
  return mdg_person_matches (self->person, folded_query);
}

/* Returns: (nullable) (transfer none): when the person applied on the form (or was registered) */
GDateTime *
mdg_attendee_get_applied_at (MdgAttendee *self)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), NULL);
  return self->applied_at;
}

MdgAttendance
mdg_attendee_get_attendance (MdgAttendee *self)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), MDG_ATTENDANCE_UNKNOWN);
  return self->attendance;
}

/* Whether the attendee joins online: everyone else comes to the venue (sign-in sheet, badges). */
gboolean
mdg_attendee_is_online (MdgAttendee *self)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), FALSE);
  return self->attendance == MDG_ATTENDANCE_ONLINE;
}

/* Returns: (nullable): the questions the person sent the presenter, newlines kept */
const char *
mdg_attendee_get_questions (MdgAttendee *self)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), NULL);
  return self->questions;
}

/**
 * mdg_attendee_get_answers:
 * @self: a #MdgAttendee
 *
 * The registration form's other answers, kept as the form asked them.
 *
 * Returns: (transfer none) (element-type MdgAnswer): the answers in the form's order; empty
 *   when there are none
 */
GPtrArray *
mdg_attendee_get_answers (MdgAttendee *self)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), NULL);
  return self->answers;
}

/**
 * mdg_attendee_get_organization:
 * @self: a #MdgAttendee
 *
 * The attendee's organization as the list read it: name, reading, industry, number
 * of employees and address.
 *
 * Returns: (transfer none) (nullable): the organization, or %NULL when the person has none
 */
MdgOrganization *
mdg_attendee_get_organization (MdgAttendee *self)
{
  g_return_val_if_fail (MDG_IS_ATTENDEE (self), NULL);
  return self->organization;
}

MdgAnswer *
mdg_answer_new (const char *question,
                const char *answer)
{
  MdgAnswer *self = g_new (MdgAnswer, 1);

  self->question = g_strdup (question ? question : "");
  self->answer = g_strdup (answer ? answer : "");
  return self;
}

void
mdg_answer_free (MdgAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->question);
  g_free (answer->answer);
  g_free (answer);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

/**
 * mdg_answers_to_json:
 * @answers: (element-type MdgAnswer) (nullable): answers
 *
 * Returns: (transfer full) (nullable): the answers as a JSON array of [question, answer]
 *   pairs, as the registration table keeps them; %NULL when there are none
 */
char *
mdg_answers_to_json (GPtrArray *answers)
{
  GString *out;

  if (answers == NULL || answers->len == 0)
    return NULL;
  out = g_string_new ("[");
  for (guint i = 0; i < answers->len; i++)
    {
      MdgAnswer *answer = g_ptr_array_index (answers, i);

      g_string_append (out, i ? ",[" : "[");
      append_json_string (out, answer->question);
      g_string_append_c (out, ',');
      append_json_string (out, answer->answer);
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

static int
hex_value (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Reads one JSON string at @p; returns where it ends, or %NULL when it is not one. */
static const char *
read_json_string (const char  *p,
                  char       **text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (*p++ != '"')
    return NULL;
  while (*p != '"')
    {
      if (*p == '\0' || (guchar) *p < 0x20)
        return NULL;
      if (*p != '\\')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      p++;
      switch (*p)
        {
        case '"': case '\\': case '/': g_string_append_c (out, *p); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            int c = hex_value (p + 1);

            if (c < 0)
              return NULL;
            p += 4;
            if (c >= 0xD800 && c < 0xDC00 && p[1] == '\\' && p[2] == 'u')
              {
                int low = hex_value (p + 3);

                if (low >= 0xDC00 && low < 0xE000)
                  {
                    c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                    p += 6;
                  }
              }
            if ((c >= 0xD800 && c < 0xE000) || c == 0)
              c = 0xFFFD;
            g_string_append_unichar (out, c);
          }
          break;
        default:
          return NULL;
        }
      p++;
    }
  *text = g_string_free (g_steal_pointer (&out), FALSE);
  return p + 1;
}

/**
 * mdg_answers_from_json:
 * @json: (nullable): what mdg_answers_to_json() made
 *
 * Returns: (transfer container) (element-type MdgAnswer): the answers; empty for %NULL
 *   or text that is not such an array
 */
GPtrArray *
mdg_answers_from_json (const char *json)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_answer_free);
  const char *p;

  if (json == NULL)
    return g_steal_pointer (&answers);
  p = skip_space (json);
  if (*p++ != '[')
    goto malformed;
  p = skip_space (p);
  if (*p == ']')
    return g_steal_pointer (&answers);
  for (;;)
    {
      g_autofree char *question = NULL;
      g_autofree char *answer = NULL;

      p = skip_space (p);
      if (*p++ != '[')
        goto malformed;
      if (!(p = read_json_string (skip_space (p), &question)))
        goto malformed;
      p = skip_space (p);
      if (*p++ != ',')
        goto malformed;
      if (!(p = read_json_string (skip_space (p), &answer)))
        goto malformed;
      p = skip_space (p);
      if (*p++ != ']')
        goto malformed;
      g_ptr_array_add (answers, mdg_answer_new (question, answer));
      p = skip_space (p);
      if (*p == ']')
        return g_steal_pointer (&answers);
      if (*p++ != ',')
        goto malformed;
    }

malformed:
  g_warning ("A registration's answers are not the JSON Madoguchi writes; they are shown empty");
  g_ptr_array_set_size (answers, 0);
  return g_steal_pointer (&answers);
}

/* Returns: (nullable): "venue", "online", or %NULL when not stated */
const char *
mdg_attendance_to_string (MdgAttendance attendance)
{
  g_return_val_if_fail (attendance <= MDG_ATTENDANCE_ONLINE, NULL);
  return attendances[attendance].key;
}

gboolean
mdg_attendance_from_string (const char    *text,
                            MdgAttendance *attendance)
{
  if (text == NULL)
    {
      *attendance = MDG_ATTENDANCE_UNKNOWN;
      return TRUE;
    }
  for (guint i = MDG_ATTENDANCE_VENUE; i < G_N_ELEMENTS (attendances); i++)
    if (g_str_equal (text, attendances[i].key))
      {
        *attendance = i;
        return TRUE;
      }
  return FALSE;
}

const char *
mdg_attendance_get_label (MdgAttendance attendance)
{
  g_return_val_if_fail (attendance <= MDG_ATTENDANCE_ONLINE, NULL);
  return g_dgettext (GETTEXT_PACKAGE, attendances[attendance].label);
}

const char *
mdg_registration_status_to_string (MdgRegistrationStatus status)
{
  g_return_val_if_fail (status <= MDG_REGISTRATION_STATUS_CANCELLED, NULL);
  return statuses[status].key;
}

gboolean
mdg_registration_status_from_string (const char            *text,
                                     MdgRegistrationStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (text, statuses[i].key) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
mdg_registration_status_get_label (MdgRegistrationStatus status)
{
  g_return_val_if_fail (status <= MDG_REGISTRATION_STATUS_CANCELLED, NULL);
  return g_dgettext (GETTEXT_PACKAGE, statuses[status].label);
}

const char *
mdg_registration_source_to_string (MdgRegistrationSource source)
{
  g_return_val_if_fail (source <= MDG_REGISTRATION_SOURCE_WEB_FORM, NULL);
  return sources[source];
}
