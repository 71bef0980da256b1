/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "mdg-document.h"

G_BEGIN_DECLS

/*
 * Text and pictures poured down a column of pages: a text breaks between its lines
 * where a page ends; a heading, a picture, a chart or a row of a label/value table
 * moves whole to the next page. Every document with content of any length (a
 * consultation record, an advice letter, the monthly report, the FAQ, the latest
 * threats, slides with their texts) lays it out in paginate, as it adds it, and draws
 * each page's share in draw_page.
 */
typedef struct _MdgFlow MdgFlow;

typedef enum
{
  MDG_FLOW_BREAKS    = 0,        /* may break between its lines */
  MDG_FLOW_WHOLE     = 1 << 0,   /* never broken: moves whole to the next page */
  MDG_FLOW_WITH_NEXT = 1 << 1,   /* a heading: not left alone at the foot of a page */
  MDG_FLOW_BOXED     = 1 << 2,   /* in a frame, as forms have a box to write in */
} MdgFlowFlags;

/* Draws a block of a flow (a chart) within @width from its top left corner. */
typedef void (*MdgFlowDrawFunc) (cairo_t  *cr,
                                 double    x,
                                 double    y,
                                 double    width,
                                 gpointer  data);

/* Room kept between the flow's last line and the footer's rule. */
#define MDG_FLOW_FOOT_GAP 10.0

/* Where the flow starts on a page with a running head. */
#define MDG_FLOW_HEAD_HEIGHT 24.0

PangoLayout *_mdg_flow_markup_layout      (cairo_t         *cr,
                                           double           size,
                                           gboolean         bold,
                                           double           width,
                                           const char      *markup);
void         _mdg_flow_draw_running_head  (MdgDocument     *document,
                                           cairo_t         *cr,
                                           const char      *title,
                                           const char      *subtitle);

MdgFlow     *_mdg_flow_new                (double           x,
                                           double           width,
                                           double           first_top,
                                           double           top,
                                           double           bottom);
void         _mdg_flow_free               (MdgFlow         *flow);
void         _mdg_flow_add_layout         (MdgFlow         *flow,
                                           PangoLayout     *layout,
                                           double           indent,
                                           double           space_before,
                                           MdgFlowFlags     flags);
void         _mdg_flow_add_heading        (MdgFlow         *flow,
                                           cairo_t         *cr,
                                           const char      *text);
void         _mdg_flow_add_text           (MdgFlow         *flow,
                                           cairo_t         *cr,
                                           const char      *text,
                                           double           size,
                                           gboolean         boxed);
void         _mdg_flow_add_field          (MdgFlow         *flow,
                                           cairo_t         *cr,
                                           const char      *label,
                                           const char      *value);
void         _mdg_flow_add_space          (MdgFlow         *flow,
                                           double           height);
void         _mdg_flow_add_custom         (MdgFlow         *flow,
                                           double           height,
                                           MdgFlowDrawFunc  draw,
                                           gpointer         data);
void         _mdg_flow_add_image          (MdgFlow         *flow,
                                           cairo_surface_t *image,
                                           double           indent,
                                           double           width,
                                           double           height,
                                           double           space_before);
void         _mdg_flow_add_rule           (MdgFlow         *flow,
                                           double           indent,
                                           double           width,
                                           double           space_before);
void         _mdg_flow_page_break         (MdgFlow         *flow);
guint        _mdg_flow_get_n_pages        (MdgFlow         *flow);
double       _mdg_flow_get_top            (MdgFlow         *flow,
                                           guint            page);
void         _mdg_flow_draw_page          (MdgFlow         *flow,
                                           cairo_t         *cr,
                                           guint            page,
                                           double           top);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgFlow, _mdg_flow_free)

G_END_DECLS
