/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"
#include "mdg-person.h"

G_BEGIN_DECLS

typedef struct
{
  gint64                 seminar_id;
  char                  *title;
  GDateTime             *starts_at;
  MdgRegistrationStatus  status;
  gboolean               checked_in;
} MdgPersonSeminar;

void        mdg_person_seminar_free          (MdgPersonSeminar *entry);

MdgPerson  *mdg_person_store_load            (MdgDatabase  *db,
                                              gint64        id,
                                              GError      **error);
gboolean    mdg_person_store_save            (MdgDatabase  *db,
                                              MdgPerson    *person,
                                              GError      **error);
GPtrArray  *mdg_person_store_find_duplicates (MdgDatabase  *db,
                                              MdgPerson    *person,
                                              GError      **error);
GPtrArray  *mdg_person_store_list            (MdgDatabase  *db,
                                              const char   *query,
                                              guint         limit,
                                              GError      **error);
void        mdg_person_store_list_async      (MdgDatabase         *db,
                                              const char          *query,
                                              guint                limit,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray  *mdg_person_store_list_finish     (MdgDatabase   *db,
                                              GAsyncResult  *result,
                                              GError       **error);
GPtrArray  *mdg_person_store_list_seminars   (MdgDatabase  *db,
                                              gint64        person_id,
                                              GError      **error);
gboolean    mdg_person_store_merge           (MdgDatabase  *db,
                                              gint64        keep_id,
                                              gint64        remove_id,
                                              GError      **error);
gboolean    mdg_person_store_delete          (MdgDatabase  *db,
                                              gint64        id,
                                              GError      **error);
GVariant   *mdg_person_store_collect         (MdgDatabase  *db,
                                              gint64        id,
                                              GError      **error);

G_END_DECLS
