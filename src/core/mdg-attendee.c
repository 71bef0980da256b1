/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-attendee"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-attendee.h"
#include "mdg-enums.h"

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
};

G_DEFINE_FINAL_TYPE (MdgAttendee, mdg_attendee, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERSON,
  PROP_NUMBER,
  PROP_STATUS,
  PROP_CHECKED_IN,
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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_attendee_init (MdgAttendee *self)
{
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
