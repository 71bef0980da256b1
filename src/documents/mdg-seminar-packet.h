/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database.h"
#include "mdg-document.h"
#include "mdg-handout.h"
#include "mdg-packet-section.h"

G_BEGIN_DECLS

#define MDG_TYPE_SEMINAR_PACKET (mdg_seminar_packet_get_type ())

G_DECLARE_FINAL_TYPE (MdgSeminarPacket, mdg_seminar_packet, MDG, SEMINAR_PACKET, MdgDocument)

MdgDocument *mdg_seminar_packet_new           (MdgDatabase      *db,
                                               gint64            seminar_id,
                                               MdgHandoutLayout  layout,
                                               GError          **error);
void         mdg_seminar_packet_add_section   (MdgSeminarPacket *self,
                                               MdgPacketSection *section);
guint        mdg_seminar_packet_get_n_handouts (MdgSeminarPacket *self);

G_END_DECLS
