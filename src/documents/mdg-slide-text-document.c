/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-slide-text-document"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-document-private.h"
#include "mdg-error.h"
#include "mdg-flow-private.h"
#include "mdg-markup.h"
#include "mdg-publish-page.h"
#include "mdg-slide-text-document.h"

/*
 * A deck's slides with their explanatory texts (解説文) for reading, the PDF twin of the
 * EPUB: each slide starts a page, its picture across the column and its text below,
 * running on to the next page when long. It draws from the same pages the EPUB takes
 * (MdgPublishPage), so both publish the same thing.
 */

struct _MdgSlideTextDocument
{
  MdgDocument  parent_instance;

  char        *title;
  char        *author;
  GPtrArray   *pages;    /* MdgPublishPage */
  GPtrArray   *images;   /* cairo_surface_t, one per page */
  MdgFlow         *flow;
};

G_DEFINE_FINAL_TYPE (MdgSlideTextDocument, mdg_slide_text_document, MDG_TYPE_DOCUMENT)

static void
mdg_slide_text_document_finalize (GObject *object)
{
  MdgSlideTextDocument *self = (MdgSlideTextDocument *) object;

  g_free (self->title);
  g_free (self->author);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->images, g_ptr_array_unref);
  g_clear_pointer (&self->flow, _mdg_flow_free);

  G_OBJECT_CLASS (mdg_slide_text_document_parent_class)->finalize (object);
}

static guint
mdg_slide_text_document_paginate (MdgDocument *document,
                                  cairo_t     *cr,
                                  double       width,
                                  double       height)
{
  MdgSlideTextDocument *self = MDG_SLIDE_TEXT_DOCUMENT (document);
  double margin = _mdg_document_get_margin ();
  double column = width - 2 * margin;
  double top = margin + MDG_FLOW_HEAD_HEIGHT;
  double bottom = height - margin - _mdg_document_get_footer_height () - MDG_FLOW_FOOT_GAP;

  g_clear_pointer (&self->flow, _mdg_flow_free);
  self->flow = _mdg_flow_new (margin, column, top, top, bottom);

  for (guint i = 0; i < self->pages->len; i++)
    {
      MdgPublishPage *page = g_ptr_array_index (self->pages, i);
      cairo_surface_t *image = g_ptr_array_index (self->images, i);
      double image_width = column;
      double image_height = column * cairo_image_surface_get_height (image) / cairo_image_surface_get_width (image);
      g_autofree char *title = NULL;
      g_autoptr(PangoLayout) title_layout = NULL;

      /* A tall slide is scaled to leave room for a few lines of its text. */
      if (image_height > (bottom - top) * 0.6)
        {
          image_height = (bottom - top) * 0.6;
          image_width = image_height * cairo_image_surface_get_width (image) / cairo_image_surface_get_height (image);
        }

      _mdg_flow_page_break (self->flow);
      if (page->title != NULL && *page->title != '\0')
        title = g_markup_printf_escaped ("%u. %s", i + 1, page->title);
      else
        title = g_markup_printf_escaped (_("Slide %u"), i + 1);
      title_layout = _mdg_flow_markup_layout (cr, 13, TRUE, column, title);
      _mdg_flow_add_layout (self->flow, title_layout, 0, 0, MDG_FLOW_WITH_NEXT);
      _mdg_flow_add_image (self->flow, image, (column - image_width) / 2, image_width, image_height, 8);

      if (page->text != NULL && *page->text != '\0')
        {
          g_autofree char *text = mdg_markup_to_pango (page->text);
          g_autoptr(PangoLayout) text_layout = _mdg_flow_markup_layout (cr, 10.5, FALSE, column, text);

          pango_layout_set_spacing (text_layout, 3 * PANGO_SCALE);
          _mdg_flow_add_layout (self->flow, text_layout, 0, 12, MDG_FLOW_BREAKS);
        }
    }
  return _mdg_flow_get_n_pages (self->flow);
}

static void
mdg_slide_text_document_draw_page (MdgDocument *document,
                                   cairo_t     *cr,
                                   guint        page)
{
  MdgSlideTextDocument *self = MDG_SLIDE_TEXT_DOCUMENT (document);

  _mdg_flow_draw_running_head (document, cr, self->title, self->author);
  _mdg_flow_draw_page (self->flow, cr, page, _mdg_flow_get_top (self->flow, page));
  _mdg_document_draw_footer (document, cr, page, FALSE);
}

static void
mdg_slide_text_document_class_init (MdgSlideTextDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MdgDocumentClass *document_class = MDG_DOCUMENT_CLASS (klass);

  object_class->finalize = mdg_slide_text_document_finalize;
  document_class->paginate = mdg_slide_text_document_paginate;
  document_class->draw_page = mdg_slide_text_document_draw_page;
}

static void
mdg_slide_text_document_init (MdgSlideTextDocument *self)
{
  self->images = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
}

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->offset + length > reader->length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/**
 * mdg_slide_text_document_new:
 * @title: the deck's title
 * @author: (nullable): who made it: the desk
 * @pages: (element-type MdgPublishPage): the slides, in order; referenced
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the document, or %NULL with @error set when a slide's
 *   picture cannot be read
 */
MdgDocument *
mdg_slide_text_document_new (const char  *title,
                             const char  *author,
                             GPtrArray   *pages,
                             GError     **error)
{
  g_autoptr(MdgSlideTextDocument) self = NULL;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (pages != NULL, NULL);

  self = g_object_new (MDG_TYPE_SLIDE_TEXT_DOCUMENT, NULL);
  self->title = g_strdup (title);
  self->author = g_strdup (author);
  self->pages = g_ptr_array_ref (pages);
  for (guint i = 0; i < pages->len; i++)
    {
      MdgPublishPage *page = g_ptr_array_index (pages, i);
      PngReader reader = { NULL, 0, 0 };
      cairo_surface_t *image;

      reader.data = g_bytes_get_data (page->png, &reader.length);
      image = cairo_image_surface_create_from_png_stream (read_png, &reader);
      if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS || cairo_image_surface_get_width (image) == 0)
        {
          cairo_surface_destroy (image);
          g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("The picture of slide %u is not a PNG image"), i + 1);
          return NULL;
        }
      g_ptr_array_add (self->images, image);
    }
  mdg_document_set_title (MDG_DOCUMENT (self), title);
  return MDG_DOCUMENT (g_steal_pointer (&self));
}
