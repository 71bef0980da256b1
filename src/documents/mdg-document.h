/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "mdg-seminar.h"

G_BEGIN_DECLS

/* A4 in points, the paper Japanese offices print on. */
#define MDG_A4_WIDTH  595.276
#define MDG_A4_HEIGHT 841.890

#define MDG_TYPE_DOCUMENT (mdg_document_get_type ())

G_DECLARE_DERIVABLE_TYPE (MdgDocument, mdg_document, MDG, DOCUMENT, GObject)

struct _MdgDocumentClass
{
  GObjectClass parent_class;

  /* Lays out the pages on @cr's font options; returns how many. */
  guint (*paginate)  (MdgDocument *self,
                      cairo_t     *cr,
                      double       width,
                      double       height);
  void  (*draw_page) (MdgDocument *self,
                      cairo_t     *cr,
                      guint        page);
};

MdgSeminar *mdg_document_get_seminar   (MdgDocument *self);
void        mdg_document_set_title     (MdgDocument *self,
                                        const char  *title);
void        mdg_document_set_page_size (MdgDocument *self,
                                        double       width,
                                        double       height);
void        mdg_document_set_era_dates (MdgDocument *self,
                                        gboolean     era_dates);
void        mdg_document_set_printed_at (MdgDocument *self,
                                         GDateTime   *printed_at);
guint       mdg_document_paginate      (MdgDocument *self,
                                        cairo_t     *cr);
guint       mdg_document_get_n_pages   (MdgDocument *self);
void        mdg_document_draw_page     (MdgDocument *self,
                                        cairo_t     *cr,
                                        guint        page);
gboolean    mdg_document_export_pdf    (MdgDocument *self,
                                        const char  *path,
                                        GError     **error);

G_END_DECLS
