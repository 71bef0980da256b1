/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-attendee.h"
#include "mdg-database.h"

G_BEGIN_DECLS

typedef struct
{
  guint registered;
  guint waitlisted;
  guint cancelled;
  guint checked_in;
  guint venue;    /* registered, at the venue (or not stated) */
  guint online;   /* registered, online */
} MdgRegistrationCounts;

GPtrArray   *mdg_registration_store_list        (MdgDatabase            *db,
                                                 gint64                  seminar_id,
                                                 GError                **error);
void         mdg_registration_store_list_async  (MdgDatabase            *db,
                                                 gint64                  seminar_id,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
GPtrArray   *mdg_registration_store_list_finish (MdgDatabase            *db,
                                                 GAsyncResult           *result,
                                                 GError                **error);
MdgAttendee *mdg_registration_store_register    (MdgDatabase            *db,
                                                 gint64                  seminar_id,
                                                 MdgPerson              *person,
                                                 MdgRegistrationSource   source,
                                                 const char             *number,
                                                 GError                **error);
gboolean     mdg_registration_store_cancel      (MdgDatabase            *db,
                                                 MdgAttendee            *attendee,
                                                 MdgAttendee           **promoted,
                                                 GError                **error);
gboolean     mdg_registration_store_check_in    (MdgDatabase            *db,
                                                 MdgAttendee            *attendee,
                                                 gboolean                checked_in,
                                                 GError                **error);
gboolean     mdg_registration_store_counts      (MdgDatabase            *db,
                                                 gint64                  seminar_id,
                                                 MdgRegistrationCounts  *counts,
                                                 GError                **error);
GPtrArray   *mdg_registration_store_find        (GPtrArray              *attendees,
                                                 const char             *query);
gboolean     mdg_registration_store_save_details (MdgDatabase           *db,
                                                  MdgAttendee           *attendee,
                                                  MdgAttendance          attendance,
                                                  const char            *questions,
                                                  GError               **error);
GPtrArray   *mdg_registration_store_list_questions (MdgDatabase         *db,
                                                    gint64               seminar_id,
                                                    GError             **error);
void         mdg_registration_store_list_questions_async (MdgDatabase         *db,
                                                          gint64               seminar_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray   *mdg_registration_store_list_questions_finish (MdgDatabase   *db,
                                                           GAsyncResult  *result,
                                                           GError       **error);

char        *mdg_registration_store_recall_mapping (MdgDatabase         *db,
                                                    const char          *header_key);

/* For importers, inside their transaction: the same as register, without one of its own. */
MdgAttendee *_mdg_registration_store_add        (MdgDatabase            *db,
                                                 gint64                  seminar_id,
                                                 MdgPerson              *person,
                                                 MdgRegistrationSource   source,
                                                 const char             *number,
                                                 GError                **error);
/* One registration as an importer writes it. */
typedef struct
{
  gint64                 seminar_id;
  gint64                 person_id;
  const char            *number;
  MdgRegistrationStatus  status;
  MdgRegistrationSource  source;
  const char            *applied_at;   /* ISO 8601 UTC; %NULL for now */
  MdgAttendance          attendance;
  const char            *questions;
  const char            *answers;      /* mdg_answers_to_json() */
} MdgRegistrationRow;

struct sqlite3_stmt;
struct sqlite3_stmt *_mdg_registration_store_prepare_insert (MdgDatabase               *db,
                                                            GError                   **error);
gint64       _mdg_registration_store_insert     (MdgDatabase               *db,
                                                 struct sqlite3_stmt       *stmt,
                                                 const MdgRegistrationRow  *row,
                                                 GError                   **error);
gboolean     _mdg_registration_store_insert_many (MdgDatabase              *db,
                                                  const MdgRegistrationRow *rows,
                                                  guint                     n_rows,
                                                  GError                  **error);
GArray      *_mdg_registration_store_promote    (MdgDatabase            *db,
                                                 gint64                  seminar_id,
                                                 GError                **error);
gboolean     _mdg_registration_store_remember_mapping (MdgDatabase      *db,
                                                       const char       *header_key,
                                                       const char       *mapping,
                                                       GError          **error);

G_END_DECLS
