/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "mdg-desk.h"
#include "mdg-handout.h"

G_BEGIN_DECLS

/* Handouts and the seminar packet share their page frame: header, footer, body. */
void  _mdg_handout_get_body   (double             page_width,
                               double             page_height,
                               cairo_rectangle_t *body);
void  _mdg_handout_draw_frame (cairo_t           *cr,
                               double             page_width,
                               double             page_height,
                               const char        *title,
                               const char        *subtitle,
                               const char        *section,
                               const char        *contact,
                               guint              page,
                               guint              n_pages);
char *_mdg_handout_contact_line (const MdgDeskContact *contact);

G_END_DECLS
