/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/* Which follow-ups by their due date. */
typedef enum
{
  MDG_FOLLOW_UP_DUE_ANY,
  MDG_FOLLOW_UP_DUE_OVERDUE,     /* open, due before today */
  MDG_FOLLOW_UP_DUE_TODAY,       /* open, due today */
  MDG_FOLLOW_UP_DUE_THIS_WEEK,   /* open, due after today and by Sunday */
} MdgFollowUpDue;

typedef struct
{
  MdgFollowUpDue  due;
  int             state;            /* a MdgFollowUpState, or -1 for any */
  gint64          owner_id;
  gint64          consultation_id;
  gint64          registration_id;
  GDate           today;            /* invalid for today */
} MdgFollowUpFilter;

/* At a glance, per owner. */
typedef struct
{
  gint64  owner_id;                 /* 0 for follow-ups nobody owns */
  char   *owner_name;
  guint   overdue;
  guint   today;
  guint   this_week;
  guint   open;
} MdgFollowUpCounts;

#define MDG_TYPE_FOLLOW_UP (mdg_follow_up_get_type ())

G_DECLARE_FINAL_TYPE (MdgFollowUp, mdg_follow_up, MDG, FOLLOW_UP, GObject)

MdgFollowUp      *mdg_follow_up_new                  (const char        *title);
gint64            mdg_follow_up_get_id               (MdgFollowUp       *self);
const char       *mdg_follow_up_get_title            (MdgFollowUp       *self);
void              mdg_follow_up_set_title            (MdgFollowUp       *self,
                                                      const char        *title);
const char       *mdg_follow_up_get_advice           (MdgFollowUp       *self);
void              mdg_follow_up_set_advice           (MdgFollowUp       *self,
                                                      const char        *advice);
const GDate      *mdg_follow_up_get_due_date         (MdgFollowUp       *self);
void              mdg_follow_up_set_due_date         (MdgFollowUp       *self,
                                                      const GDate       *due_date);
gint64            mdg_follow_up_get_owner_id         (MdgFollowUp       *self);
void              mdg_follow_up_set_owner_id         (MdgFollowUp       *self,
                                                      gint64             owner_id);
gint64            mdg_follow_up_get_consultation_id  (MdgFollowUp       *self);
void              mdg_follow_up_set_consultation_id  (MdgFollowUp       *self,
                                                      gint64             consultation_id);
gint64            mdg_follow_up_get_registration_id  (MdgFollowUp       *self);
void              mdg_follow_up_set_registration_id  (MdgFollowUp       *self,
                                                      gint64             registration_id);
MdgFollowUpState  mdg_follow_up_get_state            (MdgFollowUp       *self);
GDateTime        *mdg_follow_up_get_done_at          (MdgFollowUp       *self);
gint64            mdg_follow_up_get_organization_id  (MdgFollowUp       *self);
const char       *mdg_follow_up_get_organization_name (MdgFollowUp      *self);
gint64            mdg_follow_up_get_person_id        (MdgFollowUp       *self);
const char       *mdg_follow_up_get_person_name      (MdgFollowUp       *self);
const char       *mdg_follow_up_get_owner_name       (MdgFollowUp       *self);
const char       *mdg_follow_up_get_subject          (MdgFollowUp       *self);
gboolean          mdg_follow_up_is_overdue           (MdgFollowUp       *self,
                                                      const GDate       *today);

const char       *mdg_follow_up_state_to_string      (MdgFollowUpState   state);
gboolean          mdg_follow_up_state_from_string    (const char        *text,
                                                      MdgFollowUpState  *state);
const char       *mdg_follow_up_state_get_label      (MdgFollowUpState   state);

void              mdg_follow_up_filter_init          (MdgFollowUpFilter *filter);
void              mdg_follow_up_counts_free          (MdgFollowUpCounts *counts);

gboolean          mdg_follow_up_store_add            (MdgDatabase       *db,
                                                      gint64             actor_id,
                                                      MdgFollowUp       *follow_up,
                                                      GError           **error);
gboolean          mdg_follow_up_store_save           (MdgDatabase       *db,
                                                      gint64             actor_id,
                                                      MdgFollowUp       *follow_up,
                                                      GError           **error);
gboolean          mdg_follow_up_store_set_done       (MdgDatabase       *db,
                                                      gint64             actor_id,
                                                      MdgFollowUp       *follow_up,
                                                      gboolean           done,
                                                      GError           **error);
MdgFollowUp      *mdg_follow_up_store_load           (MdgDatabase       *db,
                                                      gint64             id,
                                                      GError           **error);
GPtrArray        *mdg_follow_up_store_list           (MdgDatabase       *db,
                                                      const MdgFollowUpFilter *filter,
                                                      GError           **error);
void              mdg_follow_up_store_list_async     (MdgDatabase       *db,
                                                      const MdgFollowUpFilter *filter,
                                                      GCancellable      *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer           user_data);
GPtrArray        *mdg_follow_up_store_list_finish    (MdgDatabase       *db,
                                                      GAsyncResult      *result,
                                                      GError           **error);
GPtrArray        *mdg_follow_up_store_count_by_owner (MdgDatabase       *db,
                                                      const GDate       *today,
                                                      GError           **error);
gboolean          mdg_follow_up_store_due_in         (MdgDatabase       *db,
                                                      const GDate       *from,
                                                      int                business_days,
                                                      GDate             *due,
                                                      GError           **error);

G_END_DECLS
