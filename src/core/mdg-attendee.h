/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-organization.h"
#include "mdg-person.h"
#include "mdg-types.h"

G_BEGIN_DECLS

#define MDG_TYPE_ATTENDEE (mdg_attendee_get_type ())

G_DECLARE_FINAL_TYPE (MdgAttendee, mdg_attendee, MDG, ATTENDEE, GObject)

gint64                 mdg_attendee_get_id            (MdgAttendee *self);
gint64                 mdg_attendee_get_seminar_id    (MdgAttendee *self);
MdgPerson             *mdg_attendee_get_person        (MdgAttendee *self);
const char            *mdg_attendee_get_number        (MdgAttendee *self);
MdgRegistrationStatus  mdg_attendee_get_status        (MdgAttendee *self);
MdgRegistrationSource  mdg_attendee_get_source        (MdgAttendee *self);
GDateTime             *mdg_attendee_get_checked_in_at (MdgAttendee *self);
gboolean               mdg_attendee_get_checked_in    (MdgAttendee *self);
gboolean               mdg_attendee_matches           (MdgAttendee *self,
                                                       const char  *folded_query);
GDateTime             *mdg_attendee_get_applied_at    (MdgAttendee *self);
MdgAttendance          mdg_attendee_get_attendance    (MdgAttendee *self);
gboolean               mdg_attendee_is_online         (MdgAttendee *self);
const char            *mdg_attendee_get_questions     (MdgAttendee *self);
GPtrArray             *mdg_attendee_get_answers       (MdgAttendee *self);
MdgOrganization       *mdg_attendee_get_organization  (MdgAttendee *self);

/* One answer of the registration form, as the form's header called it. */
typedef struct
{
  char *question;
  char *answer;
} MdgAnswer;

MdgAnswer             *mdg_answer_new                 (const char  *question,
                                                       const char  *answer);
void                   mdg_answer_free                (MdgAnswer   *answer);
char                  *mdg_answers_to_json            (GPtrArray   *answers);
GPtrArray             *mdg_answers_from_json          (const char  *json);

const char            *mdg_attendance_to_string       (MdgAttendance attendance);
gboolean               mdg_attendance_from_string     (const char    *text,
                                                       MdgAttendance *attendance);
const char            *mdg_attendance_get_label       (MdgAttendance attendance);

const char            *mdg_registration_status_to_string   (MdgRegistrationStatus status);
gboolean               mdg_registration_status_from_string (const char            *text,
                                                            MdgRegistrationStatus *status);
const char            *mdg_registration_status_get_label   (MdgRegistrationStatus status);
const char            *mdg_registration_source_to_string   (MdgRegistrationSource source);

MdgAttendee           *_mdg_attendee_new              (gint64                 id,
                                                       gint64                 seminar_id,
                                                       MdgPerson             *person,
                                                       const char            *number,
                                                       MdgRegistrationStatus  status,
                                                       MdgRegistrationSource  source,
                                                       GDateTime             *checked_in_at);
void                   _mdg_attendee_set_status       (MdgAttendee           *self,
                                                       MdgRegistrationStatus  status);
void                   _mdg_attendee_set_checked_in_at (MdgAttendee          *self,
                                                        GDateTime            *checked_in_at);
void                   _mdg_attendee_set_organization (MdgAttendee           *self,
                                                       MdgOrganization       *organization);
void                   _mdg_attendee_set_details      (MdgAttendee           *self,
                                                       GDateTime             *applied_at,
                                                       MdgAttendance          attendance,
                                                       const char            *questions,
                                                       GPtrArray             *answers);

G_END_DECLS
