/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/*
 * A part of the seminar packet: it fills the body of its pages, and the packet draws
 * the header (the seminar and the section's title) and the footer (the desk's contact,
 * page n of N counted across the whole packet) around it. Other parts of Madoguchi add
 * sections of their own (the latest threats, say) with mdg_seminar_packet_add_section().
 */

#define MDG_TYPE_PACKET_SECTION (mdg_packet_section_get_type ())

G_DECLARE_INTERFACE (MdgPacketSection, mdg_packet_section, MDG, PACKET_SECTION, GObject)

struct _MdgPacketSectionInterface
{
  GTypeInterface parent_iface;

  /* The section's name, in the header of its pages. */
  char  *(*dup_title)  (MdgPacketSection *self);
  /* Lays the section out in bodies of @width × @height points; returns the pages. */
  guint  (*paginate)   (MdgPacketSection *self,
                        cairo_t          *cr,
                        double            width,
                        double            height);
  /* Draws page @page of the section with the body's top left corner at 0, 0. */
  void   (*draw_body)  (MdgPacketSection *self,
                        cairo_t          *cr,
                        guint             page,
                        double            width,
                        double            height);
};

char  *mdg_packet_section_dup_title (MdgPacketSection *self);
guint  mdg_packet_section_paginate  (MdgPacketSection *self,
                                     cairo_t          *cr,
                                     double            width,
                                     double            height);
void   mdg_packet_section_draw_body (MdgPacketSection *self,
                                     cairo_t          *cr,
                                     guint             page,
                                     double            width,
                                     double            height);

G_END_DECLS
