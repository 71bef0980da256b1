/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-types.h"

G_BEGIN_DECLS

/* The text of a consultation: what intake types, and names shown beside it. */
typedef enum
{
  MDG_CONSULTATION_SUBJECT,
  MDG_CONSULTATION_QUESTION,
  MDG_CONSULTATION_ANSWER,
  MDG_CONSULTATION_ORGANIZATION,   /* the organization's name; found or created on save */
  MDG_CONSULTATION_PERSON,         /* read only: the person's name */
  MDG_CONSULTATION_PERSON_EMAIL,   /* read only */
  MDG_CONSULTATION_SEMINAR,        /* read only: the seminar's title */
  MDG_CONSULTATION_ASSIGNEE,       /* read only: the assignee's name */
  MDG_CONSULTATION_REFERRAL,       /* read only: where it was referred */
  MDG_CONSULTATION_N_TEXTS
} MdgConsultationText;

#define MDG_TYPE_CONSULTATION (mdg_consultation_get_type ())

G_DECLARE_FINAL_TYPE (MdgConsultation, mdg_consultation, MDG, CONSULTATION, GObject)

MdgConsultation      *mdg_consultation_new                 (MdgChannel             channel);
gint64                mdg_consultation_get_id              (MdgConsultation       *self);
const char           *mdg_consultation_get_uuid            (MdgConsultation       *self);
gboolean              mdg_consultation_get_loaded          (MdgConsultation       *self);
const char           *mdg_consultation_get_text            (MdgConsultation       *self,
                                                            MdgConsultationText    text);
void                  mdg_consultation_set_text            (MdgConsultation       *self,
                                                            MdgConsultationText    text,
                                                            const char            *value);
MdgChannel            mdg_consultation_get_channel         (MdgConsultation       *self);
void                  mdg_consultation_set_channel         (MdgConsultation       *self,
                                                            MdgChannel             channel);
GDateTime            *mdg_consultation_get_received_at     (MdgConsultation       *self);
void                  mdg_consultation_set_received_at     (MdgConsultation       *self,
                                                            GDateTime             *received_at);
MdgUrgency            mdg_consultation_get_urgency         (MdgConsultation       *self);
void                  mdg_consultation_set_urgency         (MdgConsultation       *self,
                                                            MdgUrgency             urgency);
gboolean              mdg_consultation_get_sensitive       (MdgConsultation       *self);
void                  mdg_consultation_set_sensitive       (MdgConsultation       *self,
                                                            gboolean               sensitive);
gint64                mdg_consultation_get_organization_id (MdgConsultation       *self);
void                  mdg_consultation_set_organization_id (MdgConsultation       *self,
                                                            gint64                 organization_id);
gint64                mdg_consultation_get_person_id       (MdgConsultation       *self);
void                  mdg_consultation_set_person_id       (MdgConsultation       *self,
                                                            gint64                 person_id);
gint64                mdg_consultation_get_seminar_id      (MdgConsultation       *self);
void                  mdg_consultation_set_seminar_id      (MdgConsultation       *self,
                                                            gint64                 seminar_id);
gint64                mdg_consultation_get_registration_id (MdgConsultation       *self);
void                  mdg_consultation_set_registration_id (MdgConsultation       *self,
                                                            gint64                 registration_id);
GArray               *mdg_consultation_get_category_ids    (MdgConsultation       *self);
void                  mdg_consultation_set_category_ids    (MdgConsultation       *self,
                                                            GArray                *category_ids);
GPtrArray            *mdg_consultation_get_categories      (MdgConsultation       *self);
const GDate          *mdg_consultation_get_due_date        (MdgConsultation       *self);
void                  mdg_consultation_set_due_date        (MdgConsultation       *self,
                                                            const GDate           *due_date);
MdgConsultationState  mdg_consultation_get_state           (MdgConsultation       *self);
MdgTier               mdg_consultation_get_tier            (MdgConsultation       *self);
gint64                mdg_consultation_get_assignee_id     (MdgConsultation       *self);
gint64                mdg_consultation_get_referral_id     (MdgConsultation       *self);
GDateTime            *mdg_consultation_get_answered_at     (MdgConsultation       *self);
GDateTime            *mdg_consultation_get_closed_at       (MdgConsultation       *self);
gboolean              mdg_consultation_is_open             (MdgConsultation       *self);
gboolean              mdg_consultation_is_overdue          (MdgConsultation       *self,
                                                            const GDate           *today);
char                 *mdg_consultation_dup_categories_text (MdgConsultation       *self,
                                                            const char            *scheme);

const char           *mdg_channel_to_string                (MdgChannel             channel);
gboolean              mdg_channel_from_string              (const char            *text,
                                                            MdgChannel            *channel);
const char           *mdg_channel_get_label                (MdgChannel             channel);
char                 *mdg_channel_list_keys                (void);
const char           *mdg_consultation_state_to_string     (MdgConsultationState   state);
gboolean              mdg_consultation_state_from_string   (const char            *text,
                                                            MdgConsultationState  *state);
const char           *mdg_consultation_state_get_label     (MdgConsultationState   state);
char                 *mdg_consultation_state_list_keys     (void);
const char           *mdg_urgency_to_string                (MdgUrgency             urgency);
gboolean              mdg_urgency_from_string              (const char            *text,
                                                            MdgUrgency            *urgency);
const char           *mdg_urgency_get_label                (MdgUrgency             urgency);
guint                 mdg_urgency_get_response_days        (MdgUrgency             urgency);
const char           *mdg_tier_to_string                   (MdgTier                tier);
gboolean              mdg_tier_from_string                 (const char            *text,
                                                            MdgTier               *tier);
const char           *mdg_tier_get_label                   (MdgTier                tier);
const char           *mdg_consultation_action_to_string    (MdgConsultationAction  action);
gboolean              mdg_consultation_action_from_string  (const char            *text,
                                                            MdgConsultationAction *action);
const char           *mdg_consultation_action_get_label    (MdgConsultationAction  action);

gboolean              mdg_consultation_state_after         (MdgConsultationState   from,
                                                            MdgConsultationAction  action,
                                                            MdgTier                tier,
                                                            MdgConsultationState  *to,
                                                            GError               **error);

G_END_DECLS
