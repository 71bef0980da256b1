/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "mdg-document.h"

G_BEGIN_DECLS

/*
 * Text and pictures poured down a column of pages: a layout breaks between its lines
 * where a page ends, a picture moves whole to the next page. Documents that are one
 * long flow (the FAQ, the latest threats, slides with their texts) lay out with it in
 * paginate and draw each page from it.
 */
typedef struct _MdgPageFlow MdgPageFlow;

/* Room kept between the flow's last line and the footer's rule. */
#define MDG_PAGE_FLOW_FOOT_GAP 10.0

PangoLayout *_mdg_page_flow_markup_layout (cairo_t    *cr,
                                      double      size,
                                      gboolean    bold,
                                      double      width,
                                      const char *markup);

void         _mdg_page_flow_draw_running_head (MdgDocument *document,
                                          cairo_t     *cr,
                                          const char  *title,
                                          const char  *subtitle);

/* Where the flow starts on a page with a running head. */
#define MDG_PAGE_FLOW_HEAD_HEIGHT 24.0

MdgPageFlow *_mdg_page_flow_new         (double           first_top,
                                double           top,
                                double           bottom);
void     _mdg_page_flow_free        (MdgPageFlow         *flow);
void     _mdg_page_flow_add_layout  (MdgPageFlow         *flow,
                                PangoLayout     *layout,
                                double           x,
                                double           space_before,
                                gboolean         keep_with_next);
void     _mdg_page_flow_add_image   (MdgPageFlow         *flow,
                                cairo_surface_t *image,
                                double           x,
                                double           width,
                                double           height,
                                double           space_before);
void     _mdg_page_flow_add_rule    (MdgPageFlow         *flow,
                                double           x,
                                double           width,
                                double           space_before);
void     _mdg_page_flow_page_break  (MdgPageFlow         *flow);
guint    _mdg_page_flow_get_n_pages (MdgPageFlow         *flow);
void     _mdg_page_flow_draw_page   (MdgPageFlow         *flow,
                                cairo_t         *cr,
                                guint            page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgPageFlow, _mdg_page_flow_free)

G_END_DECLS
