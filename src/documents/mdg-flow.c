/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-flow"

#include "config.h"

#include "mdg-document-private.h"
#include "mdg-flow-private.h"

#define FIELD_LABEL_WIDTH 0.22
#define FIELD_PADDING     4.0

typedef enum { BLOCK_LAYOUT, BLOCK_FIELD, BLOCK_SPACE, BLOCK_CUSTOM } BlockKind;

typedef struct
{
  BlockKind    kind;
  PangoLayout *layout;       /* the text; for a field, its value */
  PangoLayout *label;        /* a field's label */
  gboolean     splittable;   /* may break between lines */
  gboolean     boxed;        /* a paragraph drawn in a frame */
  double       indent;
  double       height;
  MdgFlowDrawFunc draw;      /* a custom block's, with its data (not owned) */
  gpointer     data;
} Block;

/* Where a page's share begins and ends: block and line, the end excluded. */
typedef struct
{
  guint first_block;
  guint first_line;
  guint end_block;
  guint end_line;
} Page;

struct _MdgFlow
{
  double  width;
  GArray *blocks;   /* Block */
  GArray *pages;    /* Page */
};

static void
block_clear (Block *block)
{
  g_clear_object (&block->layout);
  g_clear_object (&block->label);
}

MdgFlow *
_mdg_flow_new (double width)
{
  MdgFlow *flow = g_new0 (MdgFlow, 1);

  flow->width = width;
  flow->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (flow->blocks, (GDestroyNotify) block_clear);
  flow->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  return flow;
}

void
_mdg_flow_free (MdgFlow *flow)
{
  if (flow == NULL)
    return;
  g_array_unref (flow->blocks);
  g_array_unref (flow->pages);
  g_free (flow);
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* Adds a laid-out text; @splittable lets it break between its lines. */
void
_mdg_flow_add_layout (MdgFlow     *flow,
                      PangoLayout *layout,
                      gboolean     splittable,
                      double       indent)
{
  Block block = { BLOCK_LAYOUT, g_object_ref (layout), NULL, splittable, FALSE, indent, 0, NULL, NULL };

  pango_layout_set_width (layout, (int) ((flow->width - indent) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  block.height = layout_height (layout);
  g_array_append_val (flow->blocks, block);
}

void
_mdg_flow_add_heading (MdgFlow    *flow,
                       cairo_t    *cr,
                       const char *text)
{
  g_autoptr(PangoLayout) layout = _mdg_document_layout (cr, 10.5, TRUE);

  _mdg_flow_add_space (flow, 6);
  pango_layout_set_text (layout, text, -1);
  _mdg_flow_add_layout (flow, layout, FALSE, 0);
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
  _mdg_flow_add_layout (flow, layout, TRUE, boxed ? 6 : 0);
  if (boxed)
    g_array_index (flow->blocks, Block, flow->blocks->len - 1).boxed = TRUE;
}

/* One row of a label/value table; the value wraps, the row stays whole. */
void
_mdg_flow_add_field (MdgFlow    *flow,
                     cairo_t    *cr,
                     const char *label,
                     const char *value)
{
  Block block = { BLOCK_FIELD, _mdg_document_layout (cr, 9.5, FALSE), _mdg_document_layout (cr, 8.5, TRUE), FALSE,
                  FALSE, 0, 0, NULL, NULL };
  double label_width = flow->width * FIELD_LABEL_WIDTH;

  pango_layout_set_text (block.label, label, -1);
  pango_layout_set_width (block.label, (int) ((label_width - 2 * FIELD_PADDING) * PANGO_SCALE));
  pango_layout_set_wrap (block.label, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (block.layout, value && *value ? value : "—", -1);
  pango_layout_set_width (block.layout, (int) ((flow->width - label_width - 2 * FIELD_PADDING) * PANGO_SCALE));
  pango_layout_set_wrap (block.layout, PANGO_WRAP_WORD_CHAR);
  block.height = MAX (layout_height (block.label), layout_height (block.layout)) + 2 * FIELD_PADDING;
  g_array_append_val (flow->blocks, block);
}

void
_mdg_flow_add_space (MdgFlow *flow,
                     double   height)
{
  Block block = { BLOCK_SPACE, NULL, NULL, FALSE, FALSE, 0, height, NULL, NULL };

  g_array_append_val (flow->blocks, block);
}

/* A block drawn by @draw (a chart), @height high, never split. */
void
_mdg_flow_add_custom (MdgFlow         *flow,
                      double           height,
                      MdgFlowDrawFunc  draw,
                      gpointer         data)
{
  Block block = { BLOCK_CUSTOM, NULL, NULL, FALSE, FALSE, 0, height, draw, data };

  g_array_append_val (flow->blocks, block);
}

double
_mdg_flow_get_height (MdgFlow *flow)
{
  double height = 0;

  for (guint i = 0; i < flow->blocks->len; i++)
    height += g_array_index (flow->blocks, Block, i).height;
  return height;
}

/* The top and bottom of each line of @layout, from its top. */
static void
line_extent (PangoLayout *layout,
             guint        line,
             double      *top,
             double      *bottom)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int y0, y1;

  for (guint i = 0; i < line; i++)
    pango_layout_iter_next_line (iter);
  pango_layout_iter_get_line_yrange (iter, &y0, &y1);
  *top = (double) y0 / PANGO_SCALE;
  *bottom = (double) y1 / PANGO_SCALE;
  pango_layout_iter_free (iter);
}

/**
 * _mdg_flow_paginate:
 * @flow: a flow
 * @first_height: the room on the first page
 * @height: the room on the pages after
 *
 * Returns: how many pages the flow takes (at least one)
 */
guint
_mdg_flow_paginate (MdgFlow *flow,
                    double   first_height,
                    double   height)
{
  Page page = { 0, 0, 0, 0 };
  double room = first_height;
  double used = 0;

  g_array_set_size (flow->pages, 0);
  for (guint b = 0; b < flow->blocks->len; b++)
    {
      Block *block = &g_array_index (flow->blocks, Block, b);
      guint n_lines = block->kind == BLOCK_LAYOUT ? pango_layout_get_line_count (block->layout) : 1;
      guint line = 0;

      while (line < n_lines)
        {
          double top = 0, bottom = block->height;
          double offset = 0;
          guint fits = n_lines - line;

          if (block->kind == BLOCK_LAYOUT && line > 0)
            {
              double ignored;
              line_extent (block->layout, line, &offset, &ignored);
            }
          if (used + (block->height - offset) <= room)
            {
              used += block->height - offset;
              line = n_lines;
              continue;
            }

          /* It does not all fit: as many lines as do, when it may break. */
          fits = 0;
          if (block->splittable)
            for (guint l = line; l < n_lines; l++)
              {
                line_extent (block->layout, l, &top, &bottom);
                if (used + (bottom - offset) > room)
                  break;
                fits++;
              }
          if (fits == 0 && used == 0)
            fits = block->splittable ? 1 : n_lines;   /* taller than a page: it goes anyway */

          page.end_block = b;
          page.end_line = line + fits;
          if (fits == n_lines - line)
            {
              page.end_block = b + 1;
              page.end_line = 0;
            }
          g_array_append_val (flow->pages, page);
          page.first_block = page.end_block;
          page.first_line = page.end_line;
          line += fits;
          room = height;
          used = 0;
        }
    }
  page.end_block = flow->blocks->len;
  page.end_line = 0;
  if (page.first_block < flow->blocks->len || flow->pages->len == 0)
    g_array_append_val (flow->pages, page);
  return flow->pages->len;
}

/* Draws the lines [first, end) of @layout from @y; returns the height used. */
static double
draw_lines (cairo_t     *cr,
            PangoLayout *layout,
            guint        first,
            guint        end,
            double       x,
            double       y)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double origin = 0, last_bottom = 0;
  guint line = 0;

  do
    {
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if (line == first)
        origin = (double) y0 / PANGO_SCALE;
      if (line >= first && line < end)
        {
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE, y + (double) baseline / PANGO_SCALE - origin);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
          last_bottom = (double) y1 / PANGO_SCALE;
        }
      line++;
    }
  while (line < end && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return last_bottom - origin;
}

/* Draws page @page's share of the flow, its top left corner at (@x, @y). */
void
_mdg_flow_draw_page (MdgFlow *flow,
                     cairo_t *cr,
                     guint    page,
                     double   x,
                     double   y)
{
  const Page *p;

  g_return_if_fail (page < flow->pages->len);

  p = &g_array_index (flow->pages, Page, page);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint b = p->first_block; b <= p->end_block && b < flow->blocks->len; b++)
    {
      Block *block = &g_array_index (flow->blocks, Block, b);
      guint first = b == p->first_block ? p->first_line : 0;
      guint end = b == p->end_block ? p->end_line : G_MAXUINT;

      if (b == p->end_block && end == 0)
        break;
      switch (block->kind)
        {
        case BLOCK_SPACE:
          y += block->height;
          break;

        case BLOCK_CUSTOM:
          cairo_save (cr);
          block->draw (cr, x, y, flow->width, block->data);
          cairo_restore (cr);
          y += block->height;
          break;

        case BLOCK_FIELD:
          {
            double label_width = flow->width * FIELD_LABEL_WIDTH;

            cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
            cairo_rectangle (cr, x, y, label_width, block->height);
            cairo_fill (cr);
            cairo_set_source_rgb (cr, 0, 0, 0);
            cairo_set_line_width (cr, 0.5);
            cairo_rectangle (cr, x, y, flow->width, block->height);
            cairo_move_to (cr, x + label_width, y);
            cairo_line_to (cr, x + label_width, y + block->height);
            cairo_stroke (cr);
            cairo_move_to (cr, x + FIELD_PADDING, y + FIELD_PADDING);
            pango_cairo_show_layout (cr, block->label);
            cairo_move_to (cr, x + label_width + FIELD_PADDING, y + FIELD_PADDING);
            pango_cairo_show_layout (cr, block->layout);
            y += block->height;
          }
          break;

        case BLOCK_LAYOUT:
          {
            double used = draw_lines (cr, block->layout, first,
                                      MIN (end, (guint) pango_layout_get_line_count (block->layout)),
                                      x + block->indent, y + (block->boxed ? 3 : 0));

            if (block->boxed)
              {
                cairo_set_line_width (cr, 0.5);
                cairo_rectangle (cr, x, y, flow->width, used + 6);
                cairo_stroke (cr);
                used += 6;
              }
            y += used;
          }
          break;
        }
    }
}
