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

char        *mdg_registration_store_recall_mapping (MdgDatabase         *db,
                                                    const char          *header_key);

/* For importers, inside their transaction: the same as register, without one of its own. */
MdgAttendee *_mdg_registration_store_add        (MdgDatabase            *db,
                                                 gint64                  seminar_id,
                                                 MdgPerson              *person,
                                                 MdgRegistrationSource   source,
                                                 const char             *number,
                                                 GError                **error);
gboolean     _mdg_registration_store_remember_mapping (MdgDatabase      *db,
                                                       const char       *header_key,
                                                       const char       *mapping,
                                                       GError          **error);

G_END_DECLS
