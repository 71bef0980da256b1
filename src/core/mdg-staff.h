/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-category.h"
#include "mdg-database.h"

G_BEGIN_DECLS

#define MDG_TYPE_STAFF (mdg_staff_get_type ())

G_DECLARE_FINAL_TYPE (MdgStaff, mdg_staff, MDG, STAFF, GObject)

MdgStaff     *mdg_staff_new              (const char    *name,
                                          MdgStaffRole   role);
gint64        mdg_staff_get_id           (MdgStaff      *self);
const char   *mdg_staff_get_name         (MdgStaff      *self);
void          mdg_staff_set_name         (MdgStaff      *self,
                                          const char    *name);
const char   *mdg_staff_get_kana         (MdgStaff      *self);
void          mdg_staff_set_kana         (MdgStaff      *self,
                                          const char    *kana);
const char   *mdg_staff_get_email        (MdgStaff      *self);
void          mdg_staff_set_email        (MdgStaff      *self,
                                          const char    *email);
MdgStaffRole  mdg_staff_get_role         (MdgStaff      *self);
void          mdg_staff_set_role         (MdgStaff      *self,
                                          MdgStaffRole   role);
gboolean      mdg_staff_get_active       (MdgStaff      *self);
void          mdg_staff_set_active       (MdgStaff      *self,
                                          gboolean       active);
GPtrArray    *mdg_staff_get_areas        (MdgStaff      *self);
void          mdg_staff_set_areas        (MdgStaff      *self,
                                          GPtrArray     *areas);
char         *mdg_staff_dup_areas_text   (MdgStaff      *self);

const char   *mdg_staff_role_to_string   (MdgStaffRole   role);
gboolean      mdg_staff_role_from_string (const char    *text,
                                          MdgStaffRole  *role);
const char   *mdg_staff_role_get_label   (MdgStaffRole   role);


void          _mdg_staff_set_id          (MdgStaff      *self,
                                          gint64         id);

G_END_DECLS
