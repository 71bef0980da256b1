/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "mdg-page-image.h"

G_BEGIN_DECLS

#define MDG_TYPE_SLIDE_DOCUMENT (mdg_slide_document_get_type ())

G_DECLARE_FINAL_TYPE (MdgSlideDocument, mdg_slide_document, MDG, SLIDE_DOCUMENT, GObject)

/*
 * One open PDF of slides. Poppler is not thread-safe: a document belongs to the thread
 * that uses it, and two threads that render the same file open it twice.
 */
MdgSlideDocument *mdg_slide_document_new            (const char        *path,
                                                     GError           **error);
MdgSlideDocument *mdg_slide_document_new_from_bytes (GBytes            *contents,
                                                     const char        *display_name,
                                                     GError           **error);
guint             mdg_slide_document_get_n_pages    (MdgSlideDocument  *self);
void              mdg_slide_document_get_page_size  (MdgSlideDocument  *self,
                                                     guint              page,
                                                     double            *width,
                                                     double            *height);
char             *mdg_slide_document_get_text       (MdgSlideDocument  *self,
                                                     guint              page);
char             *mdg_slide_document_get_label      (MdgSlideDocument  *self,
                                                     guint              page);
MdgPageImage     *mdg_slide_document_render         (MdgSlideDocument  *self,
                                                     guint              page,
                                                     guint              max_width,
                                                     guint              max_height);
GBytes           *mdg_slide_document_render_png     (MdgSlideDocument  *self,
                                                     guint              page,
                                                     guint              max_width,
                                                     guint              max_height,
                                                     GError           **error);
char             *mdg_slide_document_render_hash    (MdgSlideDocument  *self,
                                                     guint              page);
void              mdg_slide_document_draw_page      (MdgSlideDocument  *self,
                                                     guint              page,
                                                     cairo_t           *cr,
                                                     double             x,
                                                     double             y,
                                                     double             width,
                                                     double             height);

G_END_DECLS
