/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database-private.h"
#include "mdg-person-store.h"

G_BEGIN_DECLS

/* The columns _mdg_person_from_row() reads, from person @p joined to organization @o. */
#define MDG_PERSON_COLUMNS(p, o)                                                               \
  p ".id, " p ".uuid, " p ".organization_id, " p ".consent_at, " p ".consent_contact, "        \
  p ".family_name, " p ".given_name, " p ".family_kana, " p ".given_kana, " o ".name, "        \
  p ".title, " p ".department, " p ".email, " p ".phone, " p ".consent_purpose"
#define MDG_PERSON_N_COLUMNS 15

/* The order readings sort in: family reading, then given, by the kana collation. */
#define MDG_PERSON_KANA_ORDER(p) \
  "coalesce(" p ".family_kana, '') || ' ' || coalesce(" p ".given_kana, '') COLLATE kana, " p ".family_name, " p ".id"

MdgPerson *_mdg_person_from_row     (sqlite3_stmt *stmt,
                                     int           first_column);
gpointer   _mdg_person_row          (sqlite3_stmt *stmt);
gint64     _mdg_person_store_insert (MdgDatabase  *db,
                                     MdgPerson    *person,
                                     GError      **error);
gint64     _mdg_person_store_ensure_organization (MdgDatabase  *db,
                                                  const char   *name,
                                                  GError      **error);
gboolean   _mdg_person_store_erase  (sqlite3      *handle,
                                     gint64        id,
                                     GError      **error);
gboolean   _mdg_person_store_erase_index (sqlite3    *handle,
                                          GError    **error);
void       _mdg_person_store_erased (MdgDatabase  *db,
                                     GPtrArray    *uuids);
gboolean   _mdg_person_store_delete_here (MdgDatabase *db,
                                          gint64       id,
                                          GError     **error);
sqlite3_stmt *_mdg_person_store_prepare_write (MdgDatabase   *db,
                                               gboolean       insert,
                                               GError       **error);
gboolean      _mdg_person_store_write         (MdgDatabase   *db,
                                               sqlite3_stmt  *stmt,
                                               MdgPerson     *person,
                                               gint64         organization_id,
                                               const char    *consent_at,
                                               GError       **error);
gboolean      _mdg_person_store_insert_many   (MdgDatabase   *db,
                                               GPtrArray     *people,
                                               const gint64  *organization_ids,
                                               const char   **consent_at,
                                               GError       **error);
GPtrArray    *_mdg_person_store_match         (MdgDatabase   *db,
                                               sqlite3_stmt **stmt,
                                               MdgPerson     *person,
                                               GError       **error);

G_END_DECLS
