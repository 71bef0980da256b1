/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/*
 * The desk's own contact (窓口の連絡先): printed on advice letters, handouts, the seminar
 * packet and published pages. It lives in the database, not in GSettings, so that the
 * window and madoguchi-cli print the same thing and the whole team shares it.
 */
typedef struct
{
  char *name;     /* the desk's name, e.g. 〇〇県中小企業サイバーセキュリティ相談窓口 */
  char *address;
  char *phone;
  char *email;
  char *url;
  char *hours;    /* opening hours, e.g. 平日 9:00–17:00 */
} MdgDeskContact;

MdgDeskContact *mdg_desk_contact_load   (MdgDatabase           *db,
                                         GError               **error);
gboolean        mdg_desk_contact_save   (MdgDatabase           *db,
                                         const MdgDeskContact  *contact,
                                         GError               **error);
gboolean        mdg_desk_contact_is_set (const MdgDeskContact  *contact);
char           *mdg_desk_contact_format (const MdgDeskContact  *contact);
void            mdg_desk_contact_free   (MdgDeskContact        *contact);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgDeskContact, mdg_desk_contact_free)

G_END_DECLS
