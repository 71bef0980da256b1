/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/*
 * On-site consultation slots at a seminar (個別相談会): a specialist's time, booked by
 * one of the seminar's attendees; when it is held it becomes a consultation on the
 * "on site" channel, linked to the seminar and the attendee.
 */

#define MDG_TYPE_CONSULTATION_SLOT (mdg_consultation_slot_get_type ())

typedef struct
{
  gint64        id;
  gint64        seminar_id;
  GDateTime    *starts_at;
  guint         minutes;
  gint64        staff_id;
  char         *staff_name;
  gint64        registration_id;
  char         *attendee_name;
  char         *attendee_organization;
  char         *attendee_number;
  gint64        consultation_id;
  MdgSlotState  state;
  char         *note;
} MdgConsultationSlot;

GType                mdg_consultation_slot_get_type  (void) G_GNUC_CONST;
MdgConsultationSlot *mdg_consultation_slot_copy      (const MdgConsultationSlot *slot);
void                 mdg_consultation_slot_free      (MdgConsultationSlot *slot);
const char          *mdg_slot_state_to_string        (MdgSlotState         state);
const char          *mdg_slot_state_get_label        (MdgSlotState         state);

GPtrArray           *mdg_slot_store_list             (MdgDatabase  *db,
                                                      gint64        seminar_id,
                                                      GError      **error);
MdgConsultationSlot *mdg_slot_store_load             (MdgDatabase  *db,
                                                      gint64        slot_id,
                                                      GError      **error);
GArray              *mdg_slot_store_add              (MdgDatabase  *db,
                                                      gint64        seminar_id,
                                                      GDateTime    *starts_at,
                                                      guint         minutes,
                                                      guint         count,
                                                      gint64        staff_id,
                                                      GError      **error);
gboolean             mdg_slot_store_book             (MdgDatabase  *db,
                                                      gint64        slot_id,
                                                      gint64        registration_id,
                                                      const char   *note,
                                                      GError      **error);
gboolean             mdg_slot_store_unbook           (MdgDatabase  *db,
                                                      gint64        slot_id,
                                                      GError      **error);
gint64               mdg_slot_store_hold             (MdgDatabase  *db,
                                                      gint64        actor_id,
                                                      gint64        slot_id,
                                                      const char   *subject,
                                                      const char   *question,
                                                      GError      **error);
gboolean             mdg_slot_store_remove           (MdgDatabase  *db,
                                                      gint64        slot_id,
                                                      GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgConsultationSlot, mdg_consultation_slot_free)

G_END_DECLS
