/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-attendee.h"
#include "mdg-database.h"
#include "mdg-organization.h"
#include "mdg-person.h"
#include "mdg-program-item.h"
#include "mdg-seminar.h"

G_BEGIN_DECLS

/*
 * The stores' work off the caller's thread, for windows: each reads or writes on a
 * worker's own connection, so that waiting for the disk or for another writer never
 * freezes the window. Objects handed in are copied; _finish hands back what was saved.
 */

void             mdg_seminar_store_save_async          (MdgDatabase          *db,
                                                        MdgSeminar           *seminar,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
MdgSeminar      *mdg_seminar_store_save_finish         (MdgDatabase          *db,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             mdg_seminar_store_delete_async        (MdgDatabase          *db,
                                                        gint64                id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         mdg_seminar_store_delete_finish       (MdgDatabase          *db,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void             mdg_program_store_list_async          (MdgDatabase          *db,
                                                        gint64                seminar_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray       *mdg_program_store_list_finish         (MdgDatabase          *db,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             mdg_program_store_save_async          (MdgDatabase          *db,
                                                        gint64                seminar_id,
                                                        MdgProgramItem       *item,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
MdgProgramItem  *mdg_program_store_save_finish         (MdgDatabase          *db,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             mdg_program_store_delete_async        (MdgDatabase          *db,
                                                        MdgProgramItem       *item,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         mdg_program_store_delete_finish       (MdgDatabase          *db,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             mdg_program_store_move_async          (MdgDatabase          *db,
                                                        MdgProgramItem       *item,
                                                        int                   delta,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         mdg_program_store_move_finish         (MdgDatabase          *db,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void             mdg_registration_store_register_async (MdgDatabase          *db,
                                                        gint64                seminar_id,
                                                        MdgPerson            *person,
                                                        MdgRegistrationSource source,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
MdgAttendee     *mdg_registration_store_register_finish (MdgDatabase         *db,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void             mdg_registration_store_cancel_async   (MdgDatabase          *db,
                                                        MdgAttendee          *attendee,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         mdg_registration_store_cancel_finish  (MdgDatabase          *db,
                                                        GAsyncResult         *result,
                                                        MdgAttendee         **promoted,
                                                        GError              **error);
void             mdg_registration_store_check_in_async (MdgDatabase          *db,
                                                        MdgAttendee          *attendee,
                                                        gboolean              checked_in,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         mdg_registration_store_check_in_finish (MdgDatabase         *db,
                                                         GAsyncResult        *result,
                                                         GError             **error);

void             mdg_person_store_save_async           (MdgDatabase          *db,
                                                        MdgPerson            *person,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
MdgPerson       *mdg_person_store_save_finish          (MdgDatabase          *db,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             mdg_person_store_delete_async         (MdgDatabase          *db,
                                                        gint64                id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         mdg_person_store_delete_finish        (MdgDatabase          *db,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             mdg_person_store_merge_async          (MdgDatabase          *db,
                                                        gint64                keep_id,
                                                        gint64                remove_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         mdg_person_store_merge_finish         (MdgDatabase          *db,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             mdg_person_store_list_seminars_async  (MdgDatabase          *db,
                                                        gint64                person_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray       *mdg_person_store_list_seminars_finish (MdgDatabase          *db,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void             mdg_organization_store_save_async     (MdgDatabase          *db,
                                                        MdgOrganization      *organization,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
MdgOrganization *mdg_organization_store_save_finish    (MdgDatabase          *db,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             mdg_organization_store_list_people_async  (MdgDatabase      *db,
                                                            gint64            organization_id,
                                                            GCancellable     *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer          user_data);
GPtrArray       *mdg_organization_store_list_people_finish (MdgDatabase      *db,
                                                            GAsyncResult     *result,
                                                            GError          **error);

void             mdg_faq_store_delete_async            (MdgDatabase          *db,
                                                        gint64                id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         mdg_faq_store_delete_finish           (MdgDatabase          *db,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void             mdg_notice_store_delete_async         (MdgDatabase          *db,
                                                        gint64                id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         mdg_notice_store_delete_finish        (MdgDatabase          *db,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
