/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-flow"

#include "config.h"

#include "mdg-document-private.h"
#include "mdg-flow-private.h"

#define FIELD_LABEL_WIDTH 0.22
#define FIELD_PADDING     4.0
/* A boxed text's frame: its text starts this far below the frame's top, and the frame
 * ends as far below the text. */
#define BOX_PADDING       3.0

typedef enum { PIECE_LINES, PIECE_FIELD, PIECE_CUSTOM, PIECE_IMAGE, PIECE_RULE } PieceKind;

/* What lands on one page: some lines of a text, a table row, a chart, a picture or a rule. */
typedef struct
{
  PieceKind        kind;
  guint            page;
  double           x;
  double           y;          /* top on the page */
  double           width;
  double           height;
  PangoLayout     *layout;     /* the text; a field's value */
  PangoLayout     *label;      /* a field's label */
  int              first_line;
  int              n_lines;
  double           line_top;   /* the layout's y of its first line here, in points */
  gboolean         boxed;
  cairo_surface_t *image;
  MdgFlowDrawFunc  draw;       /* a chart's, with its data (not owned) */
  gpointer         data;
} Piece;

struct _MdgFlow
{
  double     x;
  double     width;
  double     first_top;
  double     top;
  double     bottom;
  double     y;        /* where the next block goes, as the room is counted */
  /* The frames of boxed texts on this page take their padding below the room (the
   * footer's margin), as the documents were first laid out: it moves what follows
   * them down without counting against the room. */
  double     pad;
  guint      page;
  GPtrArray *pieces;
  /* A heading waits here until the next block shows whether it fits with it. */
  GPtrArray *held;
  double     held_height;
};

static void
piece_free (Piece *piece)
{
  g_clear_object (&piece->layout);
  g_clear_object (&piece->label);
  g_clear_pointer (&piece->image, cairo_surface_destroy);
  g_free (piece);
}

/* Returns: (transfer full): a layout of the documents' font wrapping @markup to @width */
PangoLayout *
_mdg_flow_markup_layout (cairo_t    *cr,
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
_mdg_flow_draw_running_head (MdgDocument *document,
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

/**
 * _mdg_flow_new:
 * @x: the column's left edge
 * @width: the column's width
 * @first_top: where the flow starts on the first page
 * @top: where it starts on the pages after
 * @bottom: where every page's room ends
 *
 * Returns: (transfer full): an empty flow; blocks are placed as they are added
 */
MdgFlow *
_mdg_flow_new (double x,
               double width,
               double first_top,
               double top,
               double bottom)
{
  MdgFlow *flow = g_new0 (MdgFlow, 1);

  flow->x = x;
  flow->width = width;
  flow->first_top = first_top;
  flow->top = top;
  flow->bottom = bottom;
  flow->y = first_top;
  flow->pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) piece_free);
  flow->held = g_ptr_array_new ();
  return flow;
}

void
_mdg_flow_free (MdgFlow *flow)
{
  if (flow == NULL)
    return;
  g_ptr_array_unref (flow->pieces);
  g_ptr_array_unref (flow->held);
  g_free (flow);
}

static void
new_page (MdgFlow *flow)
{
  flow->page++;
  flow->y = flow->top;
  flow->pad = 0;
}

/* Moves the held heading to the next page, so it is not left alone at the foot. */
static void
move_held_to_new_page (MdgFlow *flow)
{
  double first_y = ((Piece *) g_ptr_array_index (flow->held, 0))->y;

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
release_held (MdgFlow *flow)
{
  g_ptr_array_set_size (flow->held, 0);
  flow->held_height = 0;
}

/* Starts a new page when @height does not fit on this one (a page that holds nothing
 * yet takes anything); a block that begins there takes the held heading along. */
static void
make_room (MdgFlow  *flow,
           double    height,
           gboolean  begins)
{
  if (flow->y + height <= flow->bottom || flow->y <= flow->top)
    return;
  if (begins && flow->held->len > 0)
    move_held_to_new_page (flow);
  else
    new_page (flow);
}

static Piece *
add_piece (MdgFlow   *flow,
           PieceKind  kind,
           double     indent,
           double     width,
           double     height)
{
  Piece *piece = g_new0 (Piece, 1);

  piece->kind = kind;
  piece->page = flow->page;
  piece->x = flow->x + indent;
  piece->y = flow->y + flow->pad;
  piece->width = width;
  piece->height = height;
  g_ptr_array_add (flow->pieces, piece);
  return piece;
}

static Piece *
add_lines_piece (MdgFlow     *flow,
                 PangoLayout *layout,
                 double       indent,
                 int          first_line,
                 double       line_top,
                 gboolean     boxed)
{
  Piece *piece = add_piece (flow, PIECE_LINES, indent, flow->width - indent, 0);

  piece->layout = g_object_ref (layout);
  piece->first_line = first_line;
  piece->line_top = line_top;
  piece->boxed = boxed;
  return piece;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

/**
 * _mdg_flow_add_layout:
 * @flow: a flow
 * @layout: a text; wrapped to the column's width less @indent
 * @indent: how far from the column's left edge
 * @space_before: the space above it, unless it starts a page
 * @flags: whether it may break, stays with what follows, or is boxed
 */
void
_mdg_flow_add_layout (MdgFlow      *flow,
                      PangoLayout  *layout,
                      double        indent,
                      double        space_before,
                      MdgFlowFlags  flags)
{
  gboolean boxed = (flags & MDG_FLOW_BOXED) != 0;
  PangoLayoutIter *iter;
  Piece *piece = NULL;
  int line = 0;

  pango_layout_set_width (layout, (int) ((flow->width - indent) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (flow->y > flow->top)
    flow->y += space_before;

  iter = pango_layout_get_iter (layout);
  if (flags & MDG_FLOW_WHOLE)
    {
      double height = layout_height (layout);
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      make_room (flow, height, TRUE);
      piece = add_lines_piece (flow, layout, indent, 0, (double) y0 / PANGO_SCALE, boxed);
      piece->n_lines = pango_layout_get_line_count (layout);
      piece->height = height;
      flow->y += height;
    }
  else
    do
      {
        int y0, y1;
        double height;

        pango_layout_iter_get_line_yrange (iter, &y0, &y1);
        height = (double) (y1 - y0) / PANGO_SCALE;
        if (flow->y + height > flow->bottom && flow->y > flow->top)
          {
            /* The first line does not fit: the held heading goes along. */
            make_room (flow, height, line == 0);
            piece = NULL;
          }
        if (piece == NULL)
          piece = add_lines_piece (flow, layout, indent, line, (double) y0 / PANGO_SCALE, boxed);
        piece->n_lines++;
        piece->height += height;
        flow->y += height;
        line++;
      }
    while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  if (boxed)
    flow->pad += 2 * BOX_PADDING;
  release_held (flow);
  if ((flags & MDG_FLOW_WITH_NEXT) && piece != NULL && piece->first_line == 0)
    {
      g_ptr_array_add (flow->held, piece);
      flow->held_height = flow->y + flow->pad - piece->y;
    }
}

void
_mdg_flow_add_heading (MdgFlow    *flow,
                       cairo_t    *cr,
                       const char *text)
{
  g_autoptr(PangoLayout) layout = _mdg_document_layout (cr, 10.5, TRUE);

  _mdg_flow_add_space (flow, 6);
  pango_layout_set_text (layout, text, -1);
  _mdg_flow_add_layout (flow, layout, 0, 0, MDG_FLOW_WHOLE);
  _mdg_flow_add_space (flow, 3);
}

/* A paragraph; @boxed draws it in a frame, as forms have a box to write in. */
void
_mdg_flow_add_text (MdgFlow    *flow,
                    cairo_t    *cr,
                    const char *text,
                    double      size,
                    gboolean    boxed)
{
  g_autoptr(PangoLayout) layout = _mdg_document_layout (cr, size, FALSE);

  pango_layout_set_text (layout, text && *text ? text : "—", -1);
  _mdg_flow_add_layout (flow, layout, boxed ? 2 * BOX_PADDING : 0, 0, boxed ? MDG_FLOW_BOXED : MDG_FLOW_BREAKS);
}

/* One row of a label/value table; the value wraps, the row stays whole. */
void
_mdg_flow_add_field (MdgFlow    *flow,
                     cairo_t    *cr,
                     const char *label,
                     const char *value)
{
  double label_width = flow->width * FIELD_LABEL_WIDTH;
  g_autoptr(PangoLayout) label_layout = _mdg_document_layout (cr, 8.5, TRUE);
  g_autoptr(PangoLayout) value_layout = _mdg_document_layout (cr, 9.5, FALSE);
  double height;
  Piece *piece;

  pango_layout_set_text (label_layout, label, -1);
  pango_layout_set_width (label_layout, (int) ((label_width - 2 * FIELD_PADDING) * PANGO_SCALE));
  pango_layout_set_wrap (label_layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (value_layout, value && *value ? value : "—", -1);
  pango_layout_set_width (value_layout, (int) ((flow->width - label_width - 2 * FIELD_PADDING) * PANGO_SCALE));
  pango_layout_set_wrap (value_layout, PANGO_WRAP_WORD_CHAR);
  height = MAX (layout_height (label_layout), layout_height (value_layout)) + 2 * FIELD_PADDING;

  make_room (flow, height, TRUE);
  piece = add_piece (flow, PIECE_FIELD, 0, flow->width, height);
  piece->label = g_steal_pointer (&label_layout);
  piece->layout = g_steal_pointer (&value_layout);
  flow->y += height;
  release_held (flow);
}

/* Space that stays where it falls, at the top of a page too. */
void
_mdg_flow_add_space (MdgFlow *flow,
                     double   height)
{
  make_room (flow, height, TRUE);
  flow->y += height;
}

/* A block drawn by @draw (a chart), @height high, never split. */
void
_mdg_flow_add_custom (MdgFlow         *flow,
                      double           height,
                      MdgFlowDrawFunc  draw,
                      gpointer         data)
{
  Piece *piece;

  make_room (flow, height, TRUE);
  piece = add_piece (flow, PIECE_CUSTOM, 0, flow->width, height);
  piece->draw = draw;
  piece->data = data;
  flow->y += height;
  release_held (flow);
}

/* A picture, @width by @height, never split. */
void
_mdg_flow_add_image (MdgFlow         *flow,
                     cairo_surface_t *image,
                     double           indent,
                     double           width,
                     double           height,
                     double           space_before)
{
  Piece *piece;

  if (flow->y > flow->top)
    flow->y += space_before;
  make_room (flow, height, TRUE);
  piece = add_piece (flow, PIECE_IMAGE, indent, width, height);
  piece->image = cairo_surface_reference (image);
  flow->y += height;
  release_held (flow);
}

/* A thin grey rule, @width long, where the flow is. */
void
_mdg_flow_add_rule (MdgFlow *flow,
                    double   indent,
                    double   width,
                    double   space_before)
{
  if (flow->y > flow->top)
    flow->y += space_before;
  add_piece (flow, PIECE_RULE, indent, width, 4);
  flow->y += 4;
}

/* What follows starts a page, unless the page holds nothing yet. */
void
_mdg_flow_page_break (MdgFlow *flow)
{
  release_held (flow);
  if (flow->y > flow->top)
    new_page (flow);
}

/* Returns: how many pages the flow takes (at least one) */
guint
_mdg_flow_get_n_pages (MdgFlow *flow)
{
  return flow->page + 1;
}

/* Returns: where the flow starts on @page, as it was laid out */
double
_mdg_flow_get_top (MdgFlow *flow,
                   guint    page)
{
  return page == 0 ? flow->first_top : flow->top;
}

/* Draws the piece's lines of its layout from its top. */
static void
draw_lines (cairo_t *cr,
            Piece   *piece,
            double   y)
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
                         y + (double) baseline / PANGO_SCALE - piece->line_top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_field (MdgFlow *flow,
            cairo_t *cr,
            Piece   *piece,
            double   y)
{
  double label_width = flow->width * FIELD_LABEL_WIDTH;

  cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
  cairo_rectangle (cr, piece->x, y, label_width, piece->height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, piece->x, y, piece->width, piece->height);
  cairo_move_to (cr, piece->x + label_width, y);
  cairo_line_to (cr, piece->x + label_width, y + piece->height);
  cairo_stroke (cr);
  cairo_move_to (cr, piece->x + FIELD_PADDING, y + FIELD_PADDING);
  pango_cairo_show_layout (cr, piece->label);
  cairo_move_to (cr, piece->x + label_width + FIELD_PADDING, y + FIELD_PADDING);
  pango_cairo_show_layout (cr, piece->layout);
}

/**
 * _mdg_flow_draw_page:
 * @flow: a flow
 * @cr: the page
 * @page: which page
 * @top: where the page's share starts: where it was laid out (_mdg_flow_get_top()),
 *   or where a header drawn now ends when it is shorter than the one room was kept for
 */
void
_mdg_flow_draw_page (MdgFlow *flow,
                     cairo_t *cr,
                     guint    page,
                     double   top)
{
  double shift = top - _mdg_flow_get_top (flow, page);

  for (guint i = 0; i < flow->pieces->len; i++)
    {
      Piece *piece = g_ptr_array_index (flow->pieces, i);
      double y = piece->y + shift;

      if (piece->page != page)
        continue;
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      switch (piece->kind)
        {
        case PIECE_LINES:
          if (!piece->boxed)
            draw_lines (cr, piece, y);
          else
            {
              draw_lines (cr, piece, y + BOX_PADDING);
              cairo_set_line_width (cr, 0.5);
              cairo_rectangle (cr, flow->x, y, flow->width, piece->height + 2 * BOX_PADDING);
              cairo_stroke (cr);
            }
          break;
        case PIECE_FIELD:
          draw_field (flow, cr, piece, y);
          break;
        case PIECE_CUSTOM:
          piece->draw (cr, piece->x, y, piece->width, piece->data);
          break;
        case PIECE_IMAGE:
          cairo_translate (cr, piece->x, y);
          cairo_scale (cr, piece->width / cairo_image_surface_get_width (piece->image),
                       piece->height / cairo_image_surface_get_height (piece->image));
          cairo_set_source_surface (cr, piece->image, 0, 0);
          cairo_paint (cr);
          break;
        case PIECE_RULE:
          cairo_set_line_width (cr, 0.6);
          cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
          cairo_move_to (cr, piece->x, y + 2);
          cairo_line_to (cr, piece->x + piece->width, y + 2);
          cairo_stroke (cr);
          break;
        default:
          g_assert_not_reached ();
        }
      cairo_restore (cr);
    }
}
