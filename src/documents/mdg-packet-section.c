/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-packet-section"

#include "config.h"

#include "mdg-packet-section.h"

G_DEFINE_INTERFACE (MdgPacketSection, mdg_packet_section, G_TYPE_OBJECT)

static void
mdg_packet_section_default_init (MdgPacketSectionInterface *iface)
{
}

/* Returns: (transfer full): the section's title */
char *
mdg_packet_section_dup_title (MdgPacketSection *self)
{
  g_return_val_if_fail (MDG_IS_PACKET_SECTION (self), NULL);
  return MDG_PACKET_SECTION_GET_IFACE (self)->dup_title (self);
}

guint
mdg_packet_section_paginate (MdgPacketSection *self,
                             cairo_t          *cr,
                             double            width,
                             double            height)
{
  g_return_val_if_fail (MDG_IS_PACKET_SECTION (self), 0);
  return MDG_PACKET_SECTION_GET_IFACE (self)->paginate (self, cr, width, height);
}

void
mdg_packet_section_draw_body (MdgPacketSection *self,
                              cairo_t          *cr,
                              guint             page,
                              double            width,
                              double            height)
{
  g_return_if_fail (MDG_IS_PACKET_SECTION (self));

  cairo_save (cr);
  MDG_PACKET_SECTION_GET_IFACE (self)->draw_body (self, cr, page, width, height);
  cairo_restore (cr);
}
