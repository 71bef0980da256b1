/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "mdg-document.h"

G_BEGIN_DECLS

/* Millimetres to points. */
#define MDG_MM(mm) ((mm) * 72.0 / 25.4)

/* The font of every document: it holds Japanese, and cairo embeds it in the PDF. */
#define MDG_DOCUMENT_FONT "Noto Sans CJK JP"

double       _mdg_document_get_width         (MdgDocument *self);
double       _mdg_document_get_height        (MdgDocument *self);
GDateTime   *_mdg_document_get_printed_at    (MdgDocument *self);
gboolean     _mdg_document_get_era_dates     (MdgDocument *self);
PangoLayout *_mdg_document_layout            (cairo_t     *cr,
                                              double       size,
                                              gboolean     bold);
PangoLayout *_mdg_document_get_layout        (MdgDocument *self,
                                              cairo_t     *cr,
                                              double       size,
                                              gboolean     bold);
double       _mdg_document_fit_text          (PangoLayout *layout,
                                              const char  *text,
                                              double       width,
                                              double       height,
                                              double       size,
                                              double       min_size);
void         _mdg_document_draw_cell         (MdgDocument    *self,
                                              cairo_t        *cr,
                                              const char     *text,
                                              double          x,
                                              double          y,
                                              double          width,
                                              double          height,
                                              double          size,
                                              gboolean        bold,
                                              PangoAlignment  alignment);
double       _mdg_document_measure_header    (MdgDocument *self,
                                              gboolean     detail);
double       _mdg_document_measure_title_header (MdgDocument *self);
void         _mdg_document_show_layout       (cairo_t     *cr,
                                              PangoLayout *layout,
                                              double       x,
                                              double       y,
                                              double       height);
double       _mdg_document_draw_text         (MdgDocument    *self,
                                              cairo_t        *cr,
                                              const char     *text,
                                              double          x,
                                              double          y,
                                              double          width,
                                              double          height,
                                              double          size,
                                              double          min_size,
                                              gboolean        bold,
                                              PangoAlignment  alignment);
double       _mdg_document_draw_header       (MdgDocument *self,
                                              cairo_t     *cr,
                                              const char  *name,
                                              const char  *detail);
double       _mdg_document_draw_title_header (MdgDocument *self,
                                              cairo_t     *cr,
                                              const char  *title,
                                              const char  *line,
                                              const char  *place,
                                              const char  *name,
                                              const char  *detail);
void         _mdg_document_draw_footer       (MdgDocument *self,
                                              cairo_t     *cr,
                                              guint        page,
                                              gboolean     personal_data);
double       _mdg_document_get_margin        (void);
double       _mdg_document_get_footer_height (void);

G_END_DECLS
