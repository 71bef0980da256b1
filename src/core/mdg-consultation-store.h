/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-consultation.h"
#include "mdg-database.h"
#include "mdg-person.h"

G_BEGIN_DECLS

/* How many consultations each queue holds, for the sidebar. */
typedef struct
{
  guint all;
  guint mine;
  guint unassigned;
  guint dispatched;
  guint waiting_follow_up;
  guint overdue;
} MdgQueueCounts;

/* Which consultations a list shows; every member narrows it when set. */
typedef struct
{
  MdgConsultationQueue  queue;
  gint64                staff_id;         /* whose queue "mine" is */
  int                   state;            /* a MdgConsultationState, or -1 for any */
  gint64                assignee_id;
  gint64                seminar_id;
  gint64                organization_id;
  gint64                person_id;
  char                 *query;            /* words over subject, question and answer */
  GDate                 today;            /* for "overdue"; invalid for today */
  guint                 limit;            /* 0 for all */
} MdgConsultationFilter;

/* One event of a consultation's history. */
typedef struct
{
  gint64                 id;
  GDateTime             *at;
  gint64                 staff_id;
  char                  *staff_name;
  MdgConsultationAction  action;
  int                    from_state;      /* -1 for none */
  MdgConsultationState   to_state;
  char                  *assignee_name;   /* dispatched to */
  char                  *referral_name;   /* referred to */
  char                  *note;
} MdgConsultationEvent;

/* A file that came with an e-mail consultation: listed always, kept on request. */
typedef struct
{
  char   *filename;
  char   *content_type;
  gint64  size;
  GBytes *data;           /* %NULL when only listed */
} MdgConsultationAttachment;

#define MDG_TYPE_CONSULTATION_FILTER (mdg_consultation_filter_get_type ())
#define MDG_TYPE_CONSULTATION_EVENT  (mdg_consultation_event_get_type ())

GType                  mdg_consultation_filter_get_type      (void) G_GNUC_CONST;
MdgConsultationFilter *mdg_consultation_filter_new           (MdgConsultationQueue    queue);
MdgConsultationFilter *mdg_consultation_filter_copy          (const MdgConsultationFilter *filter);
void                   mdg_consultation_filter_free          (MdgConsultationFilter  *filter);

GType                  mdg_consultation_event_get_type       (void) G_GNUC_CONST;
MdgConsultationEvent  *mdg_consultation_event_copy           (const MdgConsultationEvent *event);
void                   mdg_consultation_event_free           (MdgConsultationEvent   *event);
char                  *mdg_consultation_event_describe       (const MdgConsultationEvent *event);

const char            *mdg_consultation_queue_to_string      (MdgConsultationQueue    queue);
gboolean               mdg_consultation_queue_from_string    (const char             *text,
                                                              MdgConsultationQueue   *queue);
const char            *mdg_consultation_queue_get_label      (MdgConsultationQueue    queue);

gboolean               mdg_consultation_store_add            (MdgDatabase            *db,
                                                              gint64                  actor_id,
                                                              MdgConsultation        *consultation,
                                                              MdgPerson              *new_person,
                                                              GError                **error);
MdgConsultation       *mdg_consultation_store_load           (MdgDatabase            *db,
                                                              gint64                  id,
                                                              GError                **error);
gboolean               mdg_consultation_store_refresh        (MdgDatabase            *db,
                                                              MdgConsultation        *consultation,
                                                              GError                **error);
gboolean               mdg_consultation_store_save           (MdgDatabase            *db,
                                                              gint64                  actor_id,
                                                              MdgConsultation        *consultation,
                                                              GError                **error);
gboolean               mdg_consultation_store_dispatch       (MdgDatabase            *db,
                                                              gint64                  actor_id,
                                                              MdgConsultation        *consultation,
                                                              gint64                  specialist_id,
                                                              const char             *note,
                                                              GError                **error);
gboolean               mdg_consultation_store_start          (MdgDatabase            *db,
                                                              gint64                  actor_id,
                                                              MdgConsultation        *consultation,
                                                              const char             *note,
                                                              GError                **error);
gboolean               mdg_consultation_store_answer         (MdgDatabase            *db,
                                                              gint64                  actor_id,
                                                              MdgConsultation        *consultation,
                                                              const char             *answer,
                                                              const char             *note,
                                                              GError                **error);
gboolean               mdg_consultation_store_close          (MdgDatabase            *db,
                                                              gint64                  actor_id,
                                                              MdgConsultation        *consultation,
                                                              const char             *note,
                                                              GError                **error);
gboolean               mdg_consultation_store_reopen         (MdgDatabase            *db,
                                                              gint64                  actor_id,
                                                              MdgConsultation        *consultation,
                                                              const char             *note,
                                                              GError                **error);
gboolean               mdg_consultation_store_refer          (MdgDatabase            *db,
                                                              gint64                  actor_id,
                                                              MdgConsultation        *consultation,
                                                              gint64                  referral_id,
                                                              const char             *note,
                                                              GError                **error);
gboolean               mdg_consultation_store_record         (MdgDatabase            *db,
                                                              gint64                  actor_id,
                                                              MdgConsultation        *consultation,
                                                              MdgConsultationAction   action,
                                                              const char             *note,
                                                              GError                **error);
GPtrArray             *mdg_consultation_store_list_history   (MdgDatabase            *db,
                                                              gint64                  id,
                                                              GError                **error);
GPtrArray             *mdg_consultation_store_list_attachments (MdgDatabase          *db,
                                                                gint64                id,
                                                                GError              **error);
void                   mdg_consultation_attachment_free      (MdgConsultationAttachment *attachment);

GPtrArray             *mdg_consultation_store_list           (MdgDatabase            *db,
                                                              const MdgConsultationFilter *filter,
                                                              GError                **error);
void                   mdg_consultation_store_list_async     (MdgDatabase            *db,
                                                              const MdgConsultationFilter *filter,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
GPtrArray             *mdg_consultation_store_list_finish    (MdgDatabase            *db,
                                                              GAsyncResult           *result,
                                                              GError                **error);
gboolean               mdg_consultation_store_count_queues   (MdgDatabase            *db,
                                                              gint64                  staff_id,
                                                              const GDate            *today,
                                                              MdgQueueCounts         *counts,
                                                              GError                **error);
void                   mdg_consultation_store_count_queues_async  (MdgDatabase       *db,
                                                                   gint64             staff_id,
                                                                   GCancellable      *cancellable,
                                                                   GAsyncReadyCallback callback,
                                                                   gpointer           user_data);
gboolean               mdg_consultation_store_count_queues_finish (MdgDatabase       *db,
                                                                   GAsyncResult      *result,
                                                                   MdgQueueCounts    *counts,
                                                                   GError           **error);

/* For the importers and the list model. */
gint64                 _mdg_consultation_store_insert        (MdgDatabase            *db,
                                                              gint64                  actor_id,
                                                              MdgConsultation        *consultation,
                                                              MdgPerson              *new_person,
                                                              GError                **error);
GArray                *_mdg_consultation_store_list_ids      (MdgDatabase            *db,
                                                              const MdgConsultationFilter *filter,
                                                              GError                **error);
GPtrArray             *_mdg_consultation_store_load_many     (MdgDatabase            *db,
                                                              GArray                 *ids,
                                                              GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgConsultationFilter, mdg_consultation_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgConsultationEvent, mdg_consultation_event_free)

G_END_DECLS
