/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-flow"

#include "config.h"

#include "mdg-document-private.h"
#include "mdg-page-flow-private.h"

typedef enum { PIECE_LAYOUT, PIECE_IMAGE, PIECE_RULE } PieceKind;

/* What lands on one page: some lines of a layout, a picture or a rule. */
typedef struct
{
  PieceKind        kind;
  guint            page;
  double           x;
  double           y;          /* top on the page */
  PangoLayout     *layout;
  int              first_line;
  int              n_lines;
  double           line_top;   /* the layout's y of its first line here, in points */
  cairo_surface_t *image;
  double           width;
  double           height;
} Piece;

struct _MdgPageFlow
{
  double     top;
  double     bottom;
  double     y;
  guint      page;
  GPtrArray *pieces;
  /* A heading waits here until the next item shows whether it fits with it. */
  GPtrArray *held;
  double     held_height;
};

static void
piece_free (Piece *piece)
{
  g_clear_object (&piece->layout);
  g_clear_pointer (&piece->image, cairo_surface_destroy);
  g_free (piece);
}

/* Returns: (transfer full): a layout of the documents' font wrapping @markup to @width */
PangoLayout *
_mdg_page_flow_markup_layout (cairo_t    *cr,
                         double      size,
                         gboolean    bold,
                         double      width,
                         const char *markup)
{
  PangoLayout *layout = _mdg_document_layout (cr, size, bold);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

/* A small grey line at the top of a page: "@title — @subtitle", and a rule beneath. */
void
_mdg_page_flow_draw_running_head (MdgDocument *document,
                             cairo_t     *cr,
                             const char  *title,
                             const char  *subtitle)
{
  double margin = _mdg_document_get_margin ();
  double width = _mdg_document_get_width (document) - 2 * margin;
  g_autoptr(PangoLayout) layout = _mdg_document_layout (cr, 8, FALSE);
  g_autofree char *text = subtitle && *subtitle ? g_strdup_printf ("%s — %s", title, subtitle) : g_strdup (title);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.33, 0.33, 0.33);
  _mdg_document_fit_text (layout, text, width, 12, 8, 6);
  cairo_move_to (cr, margin, margin);
  pango_cairo_show_layout (cr, layout);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, margin, margin + 14);
  cairo_line_to (cr, margin + width, margin + 14);
  cairo_stroke (cr);
  cairo_restore (cr);
}

MdgPageFlow *
_mdg_page_flow_new (double first_top,
               double top,
               double bottom)
{
  MdgPageFlow *flow = g_new0 (MdgPageFlow, 1);

  flow->top = top;
  flow->bottom = bottom;
  flow->y = first_top;
  flow->pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) piece_free);
  flow->held = g_ptr_array_new ();
  return flow;
}

void
_mdg_page_flow_free (MdgPageFlow *flow)
{
  g_ptr_array_unref (flow->pieces);
  g_ptr_array_unref (flow->held);
  g_free (flow);
}

static void
new_page (MdgPageFlow *flow)
{
  flow->page++;
  flow->y = flow->top;
}

/* Moves the held heading to the next page, so it is not left alone at the foot. */
static void
move_held_to_new_page (MdgPageFlow *flow)
{
  double first_y;

  if (flow->held->len == 0)
    {
      new_page (flow);
      return;
    }
  first_y = ((Piece *) g_ptr_array_index (flow->held, 0))->y;
  new_page (flow);
  for (guint i = 0; i < flow->held->len; i++)
    {
      Piece *piece = g_ptr_array_index (flow->held, i);

      piece->page = flow->page;
      piece->y = flow->top + (piece->y - first_y);
    }
  flow->y = flow->top + flow->held_height;
}

static void
release_held (MdgPageFlow *flow)
{
  g_ptr_array_set_size (flow->held, 0);
  flow->held_height = 0;
}

void
_mdg_page_flow_add_layout (MdgPageFlow     *flow,
                      PangoLayout *layout,
                      double       x,
                      double       space_before,
                      gboolean     keep_with_next)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  Piece *piece = NULL;
  int line = 0;

  if (flow->y > flow->top)
    flow->y += space_before;

  do
    {
      int y0, y1;
      double height;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      height = (double) (y1 - y0) / PANGO_SCALE;

      if (flow->y + height > flow->bottom && flow->y > flow->top)
        {
          /* The first line of this item does not fit: a held heading goes along. */
          if (line == 0 && flow->held->len > 0)
            move_held_to_new_page (flow);
          else
            new_page (flow);
          piece = NULL;
        }
      if (piece == NULL)
        {
          piece = g_new0 (Piece, 1);
          piece->kind = PIECE_LAYOUT;
          piece->page = flow->page;
          piece->x = x;
          piece->y = flow->y;
          piece->layout = g_object_ref (layout);
          piece->first_line = line;
          piece->line_top = (double) y0 / PANGO_SCALE;
          g_ptr_array_add (flow->pieces, piece);
        }
      piece->n_lines++;
      flow->y += height;
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  release_held (flow);
  if (keep_with_next && piece != NULL && piece->first_line == 0)
    {
      g_ptr_array_add (flow->held, piece);
      flow->held_height = flow->y - piece->y;
    }
}

void
_mdg_page_flow_add_image (MdgPageFlow         *flow,
                     cairo_surface_t *image,
                     double           x,
                     double           width,
                     double           height,
                     double           space_before)
{
  Piece *piece = g_new0 (Piece, 1);

  if (flow->y > flow->top)
    flow->y += space_before;
  if (flow->y + height > flow->bottom && flow->y > flow->top)
    {
      if (flow->held->len > 0)
        move_held_to_new_page (flow);
      else
        new_page (flow);
    }
  piece->kind = PIECE_IMAGE;
  piece->page = flow->page;
  piece->x = x;
  piece->y = flow->y;
  piece->image = cairo_surface_reference (image);
  piece->width = width;
  piece->height = height;
  g_ptr_array_add (flow->pieces, piece);
  flow->y += height;
  release_held (flow);
}

void
_mdg_page_flow_add_rule (MdgPageFlow *flow,
                    double   x,
                    double   width,
                    double   space_before)
{
  Piece *piece = g_new0 (Piece, 1);

  if (flow->y > flow->top)
    flow->y += space_before;
  piece->kind = PIECE_RULE;
  piece->page = flow->page;
  piece->x = x;
  piece->y = flow->y;
  piece->width = width;
  g_ptr_array_add (flow->pieces, piece);
  flow->y += 4;
}

void
_mdg_page_flow_page_break (MdgPageFlow *flow)
{
  release_held (flow);
  if (flow->y > flow->top)
    new_page (flow);
}

guint
_mdg_page_flow_get_n_pages (MdgPageFlow *flow)
{
  return flow->page + 1;
}

static void
draw_lines (cairo_t *cr,
            Piece   *piece)
{
  PangoLayoutIter *iter;
  int line = 0;

  pango_cairo_update_layout (cr, piece->layout);
  iter = pango_layout_get_iter (piece->layout);
  do
    {
      if (line >= piece->first_line + piece->n_lines)
        break;
      if (line >= piece->first_line)
        {
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, piece->x + (double) logical.x / PANGO_SCALE,
                         piece->y + (double) baseline / PANGO_SCALE - piece->line_top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

void
_mdg_page_flow_draw_page (MdgPageFlow *flow,
                     cairo_t *cr,
                     guint    page)
{
  for (guint i = 0; i < flow->pieces->len; i++)
    {
      Piece *piece = g_ptr_array_index (flow->pieces, i);

      if (piece->page != page)
        continue;
      cairo_save (cr);
      switch (piece->kind)
        {
        case PIECE_LAYOUT:
          cairo_set_source_rgb (cr, 0, 0, 0);
          draw_lines (cr, piece);
          break;
        case PIECE_IMAGE:
          cairo_translate (cr, piece->x, piece->y);
          cairo_scale (cr, piece->width / cairo_image_surface_get_width (piece->image),
                       piece->height / cairo_image_surface_get_height (piece->image));
          cairo_set_source_surface (cr, piece->image, 0, 0);
          cairo_paint (cr);
          break;
        case PIECE_RULE:
          cairo_set_line_width (cr, 0.6);
          cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
          cairo_move_to (cr, piece->x, piece->y + 2);
          cairo_line_to (cr, piece->x + piece->width, piece->y + 2);
          cairo_stroke (cr);
          break;
        default:
          g_assert_not_reached ();
        }
      cairo_restore (cr);
    }
}
