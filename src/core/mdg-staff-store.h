/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"
#include "mdg-staff.h"

G_BEGIN_DECLS

/* A specialist the dispatch suggests, with what speaks for them. */
typedef struct
{
  MdgStaff *staff;
  guint     matching_areas;  /* how many of the consultation's categories they handle */
  guint     open;            /* consultations assigned to them and not yet answered */
} MdgStaffSuggestion;

gboolean      mdg_staff_store_save       (MdgDatabase   *db,
                                          MdgStaff      *staff,
                                          GError       **error);
MdgStaff     *mdg_staff_store_load       (MdgDatabase   *db,
                                          gint64         id,
                                          GError       **error);
MdgStaff     *mdg_staff_store_find       (MdgDatabase   *db,
                                          const char    *id_or_name,
                                          GError       **error);
GPtrArray    *mdg_staff_store_list       (MdgDatabase   *db,
                                          gboolean       include_inactive,
                                          GError       **error);
GPtrArray    *mdg_staff_store_suggest    (MdgDatabase   *db,
                                          GArray        *category_ids,
                                          GError       **error);
GPtrArray    *mdg_staff_store_suggest_for (MdgDatabase  *db,
                                           gint64        consultation_id,
                                           GError      **error);
gint64        _mdg_staff_store_check_actor (MdgDatabase *db,
                                            gint64       actor_id,
                                            GError     **error);
char         *_mdg_ids_to_json           (GArray        *ids);
void          mdg_staff_suggestion_free  (MdgStaffSuggestion *suggestion);

G_END_DECLS
