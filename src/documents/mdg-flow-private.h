/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

/*
 * A column of blocks that runs over as many pages as it needs: headings, paragraphs
 * (which break between their lines), and rows of a label/value table (which do not).
 * Documents with free text of any length — a consultation record, an advice letter —
 * lay it out once and draw each page's share.
 */
typedef struct _MdgFlow MdgFlow;

/* Draws a block of a flow (a chart) within @width from its top left corner. */
typedef void (*MdgFlowDrawFunc) (cairo_t  *cr,
                                 double    x,
                                 double    y,
                                 double    width,
                                 gpointer  data);

MdgFlow *_mdg_flow_new        (double       width);
void     _mdg_flow_free       (MdgFlow     *flow);
void     _mdg_flow_add_heading (MdgFlow    *flow,
                               cairo_t     *cr,
                               const char  *text);
void     _mdg_flow_add_text   (MdgFlow     *flow,
                               cairo_t     *cr,
                               const char  *text,
                               double       size,
                               gboolean     boxed);
void     _mdg_flow_add_field  (MdgFlow     *flow,
                               cairo_t     *cr,
                               const char  *label,
                               const char  *value);
void     _mdg_flow_add_layout (MdgFlow     *flow,
                               PangoLayout *layout,
                               gboolean     splittable,
                               double       indent);
void     _mdg_flow_add_space  (MdgFlow     *flow,
                               double       height);
void     _mdg_flow_add_custom (MdgFlow     *flow,
                               double       height,
                               MdgFlowDrawFunc draw,
                               gpointer     data);
guint    _mdg_flow_paginate   (MdgFlow     *flow,
                               double       first_height,
                               double       height);
void     _mdg_flow_draw_page  (MdgFlow     *flow,
                               cairo_t     *cr,
                               guint        page,
                               double       x,
                               double       y);
double   _mdg_flow_get_height (MdgFlow     *flow);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgFlow, _mdg_flow_free)

G_END_DECLS
