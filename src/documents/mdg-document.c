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
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, mdg_seminar_get_title (priv->seminar));
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

/* Returns: (transfer full): a layout whose font sizes are in points, as the page is */
PangoLayout *
_mdg_document_layout (cairo_t  *cr,
                      double    size,
                      gboolean  bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (MDG_DOCUMENT_FONT);

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

/**
 * _mdg_document_fit_text:
 * @layout: a layout
 * @text: the text
 * @width: the cell's width
 * @height: the cell's height
 * @size: the font size to start from
 * @min_size: the smallest size to shrink to
 *
 * Fits text into a cell without cutting it: one line, a little smaller, when that is
 * enough; otherwise it wraps (at any character, as Japanese does) and shrinks while
 * it is too tall. Only text too long even at @min_size is
 * ellipsized.
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
  PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (layout));
  int w, h;

  pango_layout_set_text (layout, text ? text : "", -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);

  /* A short text that just misses one line reads better a little smaller than wrapped. */
  pango_layout_set_width (layout, -1);
  pango_layout_get_size (layout, &w, &h);
  if (w > 0 && !strchr (text ? text : "", '\n'))
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

/**
 * _mdg_document_draw_header:
 * @self: a #MdgDocument
 * @cr: the page
 * @name: what the document is ("Attendee list")
 * @detail: (nullable): a line beneath, such as the count
 *
 * Draws the seminar's title, its date with the weekday and its venue, with the
 * document's name on the right.
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
  g_autoptr(PangoLayout) title = _mdg_document_layout (cr, 14, TRUE);
  g_autoptr(PangoLayout) line = _mdg_document_layout (cr, 9, FALSE);
  g_autoptr(PangoLayout) kind = _mdg_document_layout (cr, 12, TRUE);
  g_autofree char *when = mdg_date_range_format (mdg_seminar_get_starts_at (priv->seminar),
                                                 mdg_seminar_get_ends_at (priv->seminar),
                                                 priv->era_dates ? MDG_DATE_ERA : MDG_DATE_DEFAULT);
  const char *place = mdg_seminar_get_venue (priv->seminar) ? mdg_seminar_get_venue (priv->seminar)
                                                            : mdg_seminar_get_online_url (priv->seminar);
  double left_width = (priv->width - 2 * MARGIN) * 0.68;
  double right_x = MARGIN + left_width + 12;
  double right_width = priv->width - MARGIN - right_x;
  double y = MARGIN;
  int w, h;

  cairo_set_source_rgb (cr, 0, 0, 0);

  _mdg_document_fit_text (title, mdg_seminar_get_title (priv->seminar), left_width, 40, 14, 9);
  pango_layout_get_size (title, &w, &h);
  cairo_move_to (cr, MARGIN, y);
  pango_cairo_show_layout (cr, title);
  y += (double) h / PANGO_SCALE + 4;

  _mdg_document_fit_text (line, when, left_width, 14, 9, 7);
  cairo_move_to (cr, MARGIN, y);
  pango_cairo_show_layout (cr, line);
  pango_layout_get_size (line, &w, &h);
  y += (double) h / PANGO_SCALE + 1;

  if (place != NULL)
    {
      _mdg_document_fit_text (line, place, left_width, 26, 9, 6);
      cairo_move_to (cr, MARGIN, y);
      pango_cairo_show_layout (cr, line);
      pango_layout_get_size (line, &w, &h);
      y += (double) h / PANGO_SCALE;
    }

  _mdg_document_fit_text (kind, name, right_width, 36, 12, 8);
  pango_layout_set_alignment (kind, PANGO_ALIGN_RIGHT);
  cairo_move_to (cr, right_x, MARGIN);
  pango_cairo_show_layout (cr, kind);
  if (detail != NULL)
    {
      pango_layout_get_size (kind, &w, &h);
      _mdg_document_fit_text (line, detail, right_width, 14, 9, 7);
      pango_layout_set_alignment (line, PANGO_ALIGN_RIGHT);
      cairo_move_to (cr, right_x, MARGIN + (double) h / PANGO_SCALE + 4);
      pango_cairo_show_layout (cr, line);
    }

  y += 8;
  cairo_set_line_width (cr, 1.2);
  cairo_move_to (cr, MARGIN, y);
  cairo_line_to (cr, priv->width - MARGIN, y);
  cairo_stroke (cr);
  return y + 8;
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
  g_autoptr(PangoLayout) layout = _mdg_document_layout (cr, 8, FALSE);
  g_autofree char *date = mdg_date_format (priv->printed_at, priv->era_dates ? MDG_DATE_ERA : MDG_DATE_DEFAULT);
  g_autofree char *time = mdg_time_format (priv->printed_at);
  /* Translators: in the footer of printed documents: the date and time printed */
  g_autofree char *printed = g_strdup_printf (_("Printed %s %s"), date, time);
  /* Translators: in the footer of printed documents */
  g_autofree char *counter = g_strdup_printf (_("Page %u of %u"), page + 1, priv->n_pages);
  double y = priv->height - MARGIN - FOOTER_HEIGHT + 8;
  double third = (priv->width - 2 * MARGIN) / 3;

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN, y - 6);
  cairo_line_to (cr, priv->width - MARGIN, y - 6);
  cairo_stroke (cr);

  if (personal_data)
    {
      g_autoptr(PangoLayout) notice = _mdg_document_layout (cr, 8, TRUE);

      _mdg_document_fit_text (notice, _("Contains personal data — handle with care"), third, 14, 8, 6);
      cairo_move_to (cr, MARGIN, y);
      pango_cairo_show_layout (cr, notice);
    }

  _mdg_document_fit_text (layout, counter, third, 14, 8, 6);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_move_to (cr, MARGIN + third, y);
  pango_cairo_show_layout (cr, layout);

  _mdg_document_fit_text (layout, printed, third, 14, 8, 6);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  cairo_move_to (cr, MARGIN + 2 * third, y);
  pango_cairo_show_layout (cr, layout);
}
