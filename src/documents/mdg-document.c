/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-document"

#include "config.h"

#include <string.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "mdg-date.h"
#include "mdg-document-private.h"
#include "mdg-error.h"
#include "mdg-file.h"

/*
 * The base of every printed document. A document lays itself out for a page size
 * (paginate) and then draws any page on any cairo_t: the same code feeds the PDF
 * export and GtkPrintOperation's draw-page. Text goes through PangoCairo so that
 * Japanese is shaped, and cairo embeds the font subsets in the PDF.
 */

typedef struct
{
  MdgSeminar *seminar;
  char       *title;       /* for documents about no seminar */
  GDateTime  *printed_at;
  double      width;
  double      height;
  guint       n_pages;
  gboolean    era_dates;
} MdgDocumentPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MdgDocument, mdg_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEMINAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MARGIN        MDG_MM (12)
#define FOOTER_HEIGHT 22.0

static void
mdg_document_finalize (GObject *object)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (MDG_DOCUMENT (object));

  g_clear_object (&priv->seminar);
  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->printed_at, g_date_time_unref);

  G_OBJECT_CLASS (mdg_document_parent_class)->finalize (object);
}

static void
mdg_document_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (MDG_DOCUMENT (object));

  switch (prop_id)
    {
    case PROP_SEMINAR:
      g_value_set_object (value, priv->seminar);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_document_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (MDG_DOCUMENT (object));

  switch (prop_id)
    {
    case PROP_SEMINAR:
      priv->seminar = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_document_class_init (MdgDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mdg_document_finalize;
  object_class->get_property = mdg_document_get_property;
  object_class->set_property = mdg_document_set_property;

  properties[PROP_SEMINAR] =
    g_param_spec_object ("seminar", NULL, NULL, MDG_TYPE_SEMINAR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_document_init (MdgDocument *self)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);

  priv->width = MDG_A4_WIDTH;
  priv->height = MDG_A4_HEIGHT;
  priv->printed_at = g_date_time_new_now_local ();
}

/* Returns: (transfer none): the seminar the document is about */
MdgSeminar *
mdg_document_get_seminar (MdgDocument *self)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);

  g_return_val_if_fail (MDG_IS_DOCUMENT (self), NULL);
  return priv->seminar;
}

/* The PDF's title, for documents about no seminar (the seminar's title otherwise). */
void
mdg_document_set_title (MdgDocument *self,
                        const char  *title)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);

  g_return_if_fail (MDG_IS_DOCUMENT (self));
  g_free (priv->title);
  priv->title = g_strdup (title);
}

/* The paper, in points; A4 unless set. Paginate again after changing it. */
void
mdg_document_set_page_size (MdgDocument *self,
                            double       width,
                            double       height)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);

  g_return_if_fail (MDG_IS_DOCUMENT (self));
  g_return_if_fail (width > 100 && height > 100);

  priv->width = width;
  priv->height = height;
}

/* Dates with the Japanese era year (令和8年) instead of the Gregorian one. */
void
mdg_document_set_era_dates (MdgDocument *self,
                            gboolean     era_dates)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);

  g_return_if_fail (MDG_IS_DOCUMENT (self));
  priv->era_dates = era_dates;
}

/* The time printed in the footer; the time the document was made unless set. */
void
mdg_document_set_printed_at (MdgDocument *self,
                             GDateTime   *printed_at)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);

  g_return_if_fail (MDG_IS_DOCUMENT (self));
  g_return_if_fail (printed_at != NULL);

  g_clear_pointer (&priv->printed_at, g_date_time_unref);
  priv->printed_at = g_date_time_ref (printed_at);
}

/**
 * mdg_document_paginate:
 * @self: a #MdgDocument
 * @cr: a context on the surface the pages go to (its font options matter)
 *
 * Lays the document out for its page size.
 *
 * Returns: the number of pages
 */
guint
mdg_document_paginate (MdgDocument *self,
                       cairo_t     *cr)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);

  g_return_val_if_fail (MDG_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (cr != NULL, 0);

  priv->n_pages = MDG_DOCUMENT_GET_CLASS (self)->paginate (self, cr, priv->width, priv->height);
  return priv->n_pages;
}

guint
mdg_document_get_n_pages (MdgDocument *self)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);

  g_return_val_if_fail (MDG_IS_DOCUMENT (self), 0);
  return priv->n_pages;
}

/**
 * mdg_document_draw_page:
 * @self: a paginated #MdgDocument
 * @cr: where to draw, in points from the page's top left corner
 * @page: the page, counting from 0
 */
void
mdg_document_draw_page (MdgDocument *self,
                        cairo_t     *cr,
                        guint        page)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);

  g_return_if_fail (MDG_IS_DOCUMENT (self));
  g_return_if_fail (page < priv->n_pages);

  cairo_save (cr);
  MDG_DOCUMENT_GET_CLASS (self)->draw_page (self, cr, page);
  cairo_restore (cr);
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  /* A failure is kept by the writer and reported when it commits. */
  return mdg_file_writer_write (closure, data, length, NULL) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * mdg_document_export_pdf:
 * @self: a #MdgDocument
 * @path: the PDF file to write
 * @error: a location for a #GError
 *
 * Writes every page to a PDF with the fonts embedded. The PDF lists people: it is
 * written to a 0600 file beside @path and renamed over it when complete, so that a
 * failure leaves an older file at @path as it was. Safe to call from a worker thread
 * as long as nothing else uses the document meanwhile.
 */
gboolean
mdg_document_export_pdf (MdgDocument  *self,
                         const char   *path,
                         GError      **error)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);
  g_autoptr(MdgFileWriter) writer = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (MDG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  writer = mdg_file_writer_new (path, error);
  if (writer == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (write_cb, writer, priv->width, priv->height);
  if (priv->title || priv->seminar)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                    priv->title ? priv->title : mdg_seminar_get_title (priv->seminar));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Madoguchi " PACKAGE_VERSION);
  cr = cairo_create (surface);

  n_pages = mdg_document_paginate (self, cr);
  for (guint page = 0; page < n_pages; page++)
    {
      mdg_document_draw_page (self, cr, page);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* The writer's own reason (a full disk) says more than cairo's status for it. */
  if (status == CAIRO_STATUS_WRITE_ERROR && !mdg_file_writer_write (writer, NULL, 0, error))
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not write the PDF “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return mdg_file_writer_commit (writer, error);
}

double
_mdg_document_get_width (MdgDocument *self)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);
  return priv->width;
}

double
_mdg_document_get_height (MdgDocument *self)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);
  return priv->height;
}

GDateTime *
_mdg_document_get_printed_at (MdgDocument *self)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);
  return priv->printed_at;
}

gboolean
_mdg_document_get_era_dates (MdgDocument *self)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);
  return priv->era_dates;
}

double
_mdg_document_get_margin (void)
{
  return MARGIN;
}

double
_mdg_document_get_footer_height (void)
{
  return FOOTER_HEIGHT;
}

/*
 * Text is laid out through one PangoContext per thread (PangoCairo's font maps are per
 * thread, and so is this cache: nothing laid out in one thread is touched by another)
 * and one PangoLayout per style, a font size and weight: a table cell sets its text on
 * its style's layout, measures it once and shows it. What every page repeats — the
 * header and the fixed parts of the footer — is laid out once and shown again while
 * its text, the page width and the context stay the same.
 */
typedef struct
{
  double       size;
  gboolean     bold;
  PangoLayout *layout;
} Style;

typedef struct
{
  PangoLayout *layout;   /* NULL when there is nothing to show */
  double       x;
  double       y;
} Placed;

enum { HEADER_TITLE, HEADER_WHEN, HEADER_PLACE, HEADER_KIND, HEADER_DETAIL, N_HEADER };
enum { FOOTER_NOTICE, FOOTER_PRINTED, N_FOOTER };

typedef struct
{
  PangoContext *context;
  GArray       *styles;   /* Style */

  char         *header_key;
  guint         header_serial;
  Placed        header[N_HEADER];
  double        header_rule;   /* where the rule beneath the header runs */

  char         *footer_key;
  guint         footer_serial;
  Placed        footer[N_FOOTER];
} TextCache;

static void
clear_placed (Placed *placed,
              guint   n)
{
  for (guint i = 0; i < n; i++)
    g_clear_object (&placed[i].layout);
}

static void
text_cache_clear (TextCache *cache)
{
  for (guint i = 0; i < cache->styles->len; i++)
    g_object_unref (g_array_index (cache->styles, Style, i).layout);
  g_array_set_size (cache->styles, 0);
  clear_placed (cache->header, N_HEADER);
  clear_placed (cache->footer, N_FOOTER);
  g_clear_pointer (&cache->header_key, g_free);
  g_clear_pointer (&cache->footer_key, g_free);
  g_clear_object (&cache->context);
}

static void
text_cache_free (gpointer data)
{
  TextCache *cache = data;

  text_cache_clear (cache);
  g_array_unref (cache->styles);
  g_free (cache);
}

static GPrivate text_cache_key = G_PRIVATE_INIT (text_cache_free);

/* The calling thread's cache, its context brought up to date with @cr (its font
 * options and transformation), which invalidates the layouts only when they changed. */
static TextCache *
text_cache_for (cairo_t *cr)
{
  TextCache *cache = g_private_get (&text_cache_key);

  if (cache == NULL)
    {
      cache = g_new0 (TextCache, 1);
      cache->styles = g_array_new (FALSE, FALSE, sizeof (Style));
      g_private_set (&text_cache_key, cache);
    }

  if (cache->context != NULL && pango_context_get_font_map (cache->context) != pango_cairo_font_map_get_default ())
    text_cache_clear (cache);

  if (cache->context == NULL)
    {
      cache->context = pango_cairo_create_context (cr);
      /* Font sizes in points, as the page is measured. */
      pango_cairo_context_set_resolution (cache->context, 72);
    }
  else
    pango_cairo_update_context (cr, cache->context);
  return cache;
}

static PangoLayout *
new_layout (PangoContext *context,
            double        size,
            gboolean      bold)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (MDG_DOCUMENT_FONT);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

/* Returns: (transfer full): a layout whose font sizes are in points, as the page is;
 *   _mdg_document_get_layout() is quicker for text drawn and forgotten */
PangoLayout *
_mdg_document_layout (cairo_t  *cr,
                      double    size,
                      gboolean  bold)
{
  return new_layout (text_cache_for (cr)->context, size, bold);
}

/**
 * _mdg_document_get_layout:
 * @self: a #MdgDocument
 * @cr: the page
 * @size: the font size in points
 * @bold: whether the font is bold
 *
 * The layout of a text style on @cr, shared by every text of that style: set the text,
 * fit it (_mdg_document_fit_text()) and show it before asking for the style again. It
 * comes back with the style's font, no attributes, no width or height, wrapping at
 * words, no ellipsis, aligned left.
 *
 * Returns: (transfer none): the layout, valid in this thread until the next call
 */
PangoLayout *
_mdg_document_get_layout (MdgDocument *self,
                          cairo_t     *cr,
                          double       size,
                          gboolean     bold)
{
  TextCache *cache = text_cache_for (cr);
  PangoLayout *layout = NULL;

  g_return_val_if_fail (MDG_IS_DOCUMENT (self), NULL);

  for (guint i = 0; i < cache->styles->len && layout == NULL; i++)
    {
      Style *style = &g_array_index (cache->styles, Style, i);

      if (style->size == size && style->bold == bold)
        layout = style->layout;
    }
  if (layout == NULL)
    {
      Style style = { size, bold, new_layout (cache->context, size, bold) };

      g_array_append_val (cache->styles, style);
      return style.layout;
    }

  /* Each setter is a no-op when nothing changes. */
  if (pango_font_description_get_size (pango_layout_get_font_description (layout)) != (int) (size * PANGO_SCALE))
    {
      PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (layout));

      pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
    }
  if (pango_layout_get_attributes (layout) != NULL)
    pango_layout_set_attributes (layout, NULL);
  pango_layout_set_width (layout, -1);
  pango_layout_set_height (layout, -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  return layout;
}

/**
 * _mdg_document_fit_text:
 * @layout: a layout
 * @text: the text
 * @width: the cell's width
 * @height: the cell's height
 * @size: the font size to start from (the layout's font is set to it)
 * @min_size: the smallest size to shrink to
 *
 * Fits text into a cell without cutting it: one line, a little smaller, when that is
 * enough; otherwise it wraps (at any character, as Japanese does) and shrinks while
 * it is too tall. Only text too long even at @min_size is
 * ellipsized. Text that fits at @size, as most does, is laid out once.
 *
 * Returns: the font size chosen
 */
double
_mdg_document_fit_text (PangoLayout *layout,
                        const char  *text,
                        double       width,
                        double       height,
                        double       size,
                        double       min_size)
{
  const PangoFontDescription *current = pango_layout_get_font_description (layout);
  PangoFontDescription *font = pango_font_description_copy (current ? current
                                                                    : pango_context_get_font_description (pango_layout_get_context (layout)));
  gboolean paragraphs;
  int w, h;

  text = text ? text : "";
  paragraphs = strchr (text, '\n') != NULL;
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (layout, -1);

  /* At full size in the cell's width, as the rules below would leave it when it fits:
   * one line, or for text with line breaks, any lines that are not too tall. */
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_size (layout, &w, &h);
  if ((double) h / PANGO_SCALE <= height &&
      (paragraphs || (!pango_layout_is_wrapped (layout) && (double) w / PANGO_SCALE <= width)))
    {
      pango_font_description_free (font);
      return size;
    }

  /* A short text that just misses one line reads better a little smaller than wrapped. */
  pango_layout_set_width (layout, -1);
  pango_layout_get_size (layout, &w, &h);
  if (w > 0 && !paragraphs)
    {
      double single = size * MIN (1.0, width * PANGO_SCALE / w);

      if (single >= MAX (min_size, size * 0.8))
        {
          pango_font_description_set_size (font, (int) (single * PANGO_SCALE));
          pango_layout_set_font_description (layout, font);
          pango_layout_get_size (layout, &w, &h);
          if ((double) w / PANGO_SCALE <= width && (double) h / PANGO_SCALE <= height)
            {
              pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
              pango_font_description_free (font);
              return single;
            }
        }
    }

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  for (;; size -= 0.5)
    {
      pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
      pango_layout_set_font_description (layout, font);
      pango_layout_get_size (layout, &w, &h);
      if ((double) h / PANGO_SCALE <= height || size <= min_size)
        break;
    }

  if ((double) h / PANGO_SCALE > height)
    {
      pango_layout_set_height (layout, (int) (height * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_font_description_free (font);
  return size;
}

/**
 * _mdg_document_draw_text:
 * @self: a #MdgDocument
 * @cr: the page
 * @text: (nullable): the text; nothing is drawn for %NULL
 * @x: the cell's left edge
 * @y: the cell's top edge
 * @width: the cell's width
 * @height: the cell's height
 * @size: the font size to start from
 * @min_size: the smallest size to shrink to
 * @bold: whether the font is bold
 * @alignment: how lines align in the cell
 *
 * Fits @text into the cell as _mdg_document_fit_text() does and shows it centred
 * vertically, on its style's shared layout: the quick way to fill a table.
 *
 * Returns: the font size chosen
 */
double
_mdg_document_draw_text (MdgDocument    *self,
                         cairo_t        *cr,
                         const char     *text,
                         double          x,
                         double          y,
                         double          width,
                         double          height,
                         double          size,
                         double          min_size,
                         gboolean        bold,
                         PangoAlignment  alignment)
{
  PangoLayout *layout;

  if (text == NULL)
    return size;
  layout = _mdg_document_get_layout (self, cr, size, bold);
  size = _mdg_document_fit_text (layout, text, width, height, size, min_size);
  pango_layout_set_alignment (layout, alignment);
  _mdg_document_show_layout (cr, layout, x, y, height);
  return size;
}

/* Text in a table's cell: 3 points in from its sides and 2 from its top and bottom,
 * shrunk down to 5 points to fit, centred vertically. */
void
_mdg_document_draw_cell (MdgDocument    *self,
                         cairo_t        *cr,
                         const char     *text,
                         double          x,
                         double          y,
                         double          width,
                         double          height,
                         double          size,
                         gboolean        bold,
                         PangoAlignment  alignment)
{
  _mdg_document_draw_text (self, cr, text, x + 3, y + 2, width - 6, height - 4, size, 5, bold, alignment);
}

typedef double (*MeasureFunc) (MdgDocument *self,
                               cairo_t     *cr);

/* Where a header drawn by @draw ends, drawn on a scratch surface: paginate draws nothing. */
static double
measure (MdgDocument *self,
         MeasureFunc  draw)
{
  cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (scratch);
  double bottom = draw (self, cr);

  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  return bottom;
}

static double
draw_placeholder_header (MdgDocument *self,
                         cairo_t     *cr)
{
  return _mdg_document_draw_header (self, cr, "x", "x");
}

static double
draw_placeholder_header_without_detail (MdgDocument *self,
                                        cairo_t     *cr)
{
  return _mdg_document_draw_header (self, cr, "x", NULL);
}

static double
draw_placeholder_title_header (MdgDocument *self,
                               cairo_t     *cr)
{
  return _mdg_document_draw_title_header (self, cr, "x", "x", "x", "x", "x");
}

/* Where the content starts below _mdg_document_draw_header() (with a detail line or
 * not), as every page has it: for paginate. */
double
_mdg_document_measure_header (MdgDocument *self,
                              gboolean     detail)
{
  return measure (self, detail ? draw_placeholder_header : draw_placeholder_header_without_detail);
}

/* Where the content starts below _mdg_document_draw_title_header(), for paginate. */
double
_mdg_document_measure_title_header (MdgDocument *self)
{
  return measure (self, draw_placeholder_title_header);
}

/* Shows @layout at @x, centred vertically in a band of @height from @y. */
void
_mdg_document_show_layout (cairo_t     *cr,
                           PangoLayout *layout,
                           double       x,
                           double       y,
                           double       height)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x, y + (height - (double) h / PANGO_SCALE) / 2);
  pango_cairo_show_layout (cr, layout);
}

static void
show_placed (cairo_t      *cr,
             const Placed *placed,
             guint         n)
{
  for (guint i = 0; i < n; i++)
    if (placed[i].layout != NULL)
      {
        cairo_move_to (cr, placed[i].x, placed[i].y);
        pango_cairo_show_layout (cr, placed[i].layout);
      }
}

/* Fits @text into a new layout placed at @x, @y; returns its height. */
static double
place_text (Placed       *placed,
            PangoContext *context,
            const char   *text,
            double        x,
            double        y,
            double        width,
            double        height,
            double        size,
            double        min_size,
            gboolean      bold,
            PangoAlignment alignment)
{
  int w, h;

  g_clear_object (&placed->layout);
  placed->layout = new_layout (context, size, bold);
  placed->x = x;
  placed->y = y;
  _mdg_document_fit_text (placed->layout, text, width, height, size, min_size);
  pango_layout_set_alignment (placed->layout, alignment);
  pango_layout_get_size (placed->layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* Lays out the header into @cache: the title, date and venue on the left, the
 * document's name and @detail on the right. */
static void
lay_out_header (MdgDocument *self,
                TextCache   *cache,
                const char  *title,
                const char  *when,
                const char  *place,
                const char  *name,
                const char  *detail)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);
  Placed *header = cache->header;
  double left_width = (priv->width - 2 * MARGIN) * 0.68;
  double right_x = MARGIN + left_width + 12;
  double right_width = priv->width - MARGIN - right_x;
  double y = MARGIN;

  clear_placed (header, N_HEADER);
  y += place_text (&header[HEADER_TITLE], cache->context, title, MARGIN, y, left_width, 40, 14, 9, TRUE,
                   PANGO_ALIGN_LEFT) + 4;
  if (when != NULL)
    y += place_text (&header[HEADER_WHEN], cache->context, when, MARGIN, y, left_width, 14, 9, 7, FALSE,
                     PANGO_ALIGN_LEFT) + 1;
  if (place != NULL)
    y += place_text (&header[HEADER_PLACE], cache->context, place, MARGIN, y, left_width, 26, 9, 6, FALSE,
                     PANGO_ALIGN_LEFT);

  {
    double kind = place_text (&header[HEADER_KIND], cache->context, name, right_x, MARGIN, right_width, 36, 12, 8,
                              TRUE, PANGO_ALIGN_RIGHT);

    if (detail != NULL)
      place_text (&header[HEADER_DETAIL], cache->context, detail, right_x, MARGIN + kind + 4, right_width, 14, 9, 7,
                  FALSE, PANGO_ALIGN_RIGHT);
  }
  cache->header_rule = y + 8;
}

/**
 * _mdg_document_draw_header:
 * @self: a #MdgDocument
 * @cr: the page
 * @name: what the document is ("Attendee list")
 * @detail: (nullable): a line beneath, such as the count
 *
 * Draws the seminar's title, its date with the weekday and its venue, with the
 * document's name on the right. Laid out once for all the pages that show the same.
 *
 * Returns: where the page's content can start
 */
double
_mdg_document_draw_header (MdgDocument *self,
                           cairo_t     *cr,
                           const char  *name,
                           const char  *detail)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);
  g_autofree char *when = mdg_date_range_format (mdg_seminar_get_starts_at (priv->seminar),
                                                 mdg_seminar_get_ends_at (priv->seminar),
                                                 priv->era_dates ? MDG_DATE_ERA : MDG_DATE_DEFAULT);
  const char *place = mdg_seminar_get_venue (priv->seminar) ? mdg_seminar_get_venue (priv->seminar)
                                                            : mdg_seminar_get_online_url (priv->seminar);

  return _mdg_document_draw_title_header (self, cr, mdg_seminar_get_title (priv->seminar), when, place, name,
                                          detail);
}

/**
 * _mdg_document_draw_title_header:
 * @self: a #MdgDocument
 * @cr: the page
 * @title: the big title on the left
 * @when: (nullable): a line beneath it (a date)
 * @place: (nullable): a second, smaller line (a venue, the desk's name)
 * @name: what the document is, on the right
 * @detail: (nullable): a line beneath @name
 *
 * The header of every document: _mdg_document_draw_header() for a seminar's, this for
 * the others. It is laid out once and drawn again on every page that has the same one.
 *
 * Returns: where the page's content can start
 */
double
_mdg_document_draw_title_header (MdgDocument *self,
                                 cairo_t     *cr,
                                 const char  *title,
                                 const char  *when,
                                 const char  *place,
                                 const char  *name,
                                 const char  *detail)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);
  TextCache *cache = text_cache_for (cr);
  /* Everything the layout depends on; the unit separator cannot occur in any of it. */
  g_autofree char *key = g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%.3f", title ? title : "",
                                          when ? when : "\x1e", place ? place : "\x1e", name,
                                          detail ? detail : "\x1e", priv->width);
  guint serial = pango_context_get_serial (cache->context);

  if (cache->header_key == NULL || cache->header_serial != serial || strcmp (cache->header_key, key) != 0)
    {
      lay_out_header (self, cache, title, when, place, name, detail);
      g_free (cache->header_key);
      cache->header_key = g_steal_pointer (&key);
      cache->header_serial = serial;
    }

  cairo_set_source_rgb (cr, 0, 0, 0);
  show_placed (cr, cache->header, N_HEADER);

  cairo_set_line_width (cr, 1.2);
  cairo_move_to (cr, MARGIN, cache->header_rule);
  cairo_line_to (cr, priv->width - MARGIN, cache->header_rule);
  cairo_stroke (cr);
  return cache->header_rule + 8;
}

/**
 * _mdg_document_draw_footer:
 * @self: a #MdgDocument
 * @cr: the page
 * @page: the page, counting from 0
 * @personal_data: whether to mark the page as holding personal data
 *
 * Draws "page n of N" and the time printed, and for documents that list people the
 * notice that the page holds personal data (個人情報を含む — 取扱注意).
 */
void
_mdg_document_draw_footer (MdgDocument *self,
                           cairo_t     *cr,
                           guint        page,
                           gboolean     personal_data)
{
  MdgDocumentPrivate *priv = mdg_document_get_instance_private (self);
  TextCache *cache = text_cache_for (cr);
  g_autofree char *date = mdg_date_format (priv->printed_at, priv->era_dates ? MDG_DATE_ERA : MDG_DATE_DEFAULT);
  g_autofree char *time = mdg_time_format (priv->printed_at);
  /* Translators: in the footer of printed documents: the date and time printed */
  g_autofree char *printed = g_strdup_printf (_("Printed %s %s"), date, time);
  /* Translators: in the footer of printed documents */
  g_autofree char *counter = g_strdup_printf (_("Page %u of %u"), page + 1, priv->n_pages);
  g_autofree char *key = g_strdup_printf ("%s\x1f%d\x1f%.3f\x1f%.3f", printed, personal_data, priv->width,
                                          priv->height);
  guint serial = pango_context_get_serial (cache->context);
  double y = priv->height - MARGIN - FOOTER_HEIGHT + 8;
  double third = (priv->width - 2 * MARGIN) / 3;

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN, y - 6);
  cairo_line_to (cr, priv->width - MARGIN, y - 6);
  cairo_stroke (cr);

  if (cache->footer_key == NULL || cache->footer_serial != serial || strcmp (cache->footer_key, key) != 0)
    {
      clear_placed (cache->footer, N_FOOTER);
      if (personal_data)
        place_text (&cache->footer[FOOTER_NOTICE], cache->context, _("Contains personal data — handle with care"),
                    MARGIN, y, third, 14, 8, 6, TRUE, PANGO_ALIGN_LEFT);
      place_text (&cache->footer[FOOTER_PRINTED], cache->context, printed, MARGIN + 2 * third, y, third, 14, 8, 6,
                  FALSE, PANGO_ALIGN_RIGHT);
      g_free (cache->footer_key);
      cache->footer_key = g_steal_pointer (&key);
      cache->footer_serial = serial;
    }
  show_placed (cr, cache->footer, N_FOOTER);

  /* The counter changes from page to page; its line sits at the top of the band as the others do. */
  {
    PangoLayout *layout = _mdg_document_get_layout (self, cr, 8, FALSE);

    _mdg_document_fit_text (layout, counter, third, 14, 8, 6);
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
    cairo_move_to (cr, MARGIN + third, y);
    pango_cairo_show_layout (cr, layout);
  }
}
