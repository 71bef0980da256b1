/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-badge-sheet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-attendee.h"
#include "mdg-badge-sheet.h"
#include "mdg-document-private.h"

/*
 * Name badges, ten to an A4 sheet (two columns of five business-card-sized cards,
 * 91 × 55 mm, the size of badge holders; other paper holds what fits), with cut marks
 * at every corner. The family
 * name is large, the given name beside it, the reading above and the organization
 * beneath; the seminar's title runs small along the bottom.
 */

struct _MdgBadgeSheet
{
  MdgDocument  parent_instance;

  GPtrArray   *attendees;
  guint        columns;   /* as many cards as the paper holds: 2 × 5 on A4 */
  guint        rows;
};

G_DEFINE_FINAL_TYPE (MdgBadgeSheet, mdg_badge_sheet, MDG_TYPE_DOCUMENT)

#define CARD_WIDTH   MDG_MM (91)
#define CARD_HEIGHT  MDG_MM (55)
#define CUT_MARK     MDG_MM (4)
#define CARD_PADDING MDG_MM (5)
#define SHEET_MARGIN MDG_MM (10)
/* Lines of the reading at 8 pt are taller than its 11 pt band: it starts at the size
 * it always ended up at. */
#define READING_SIZE 7.5

static guint
mdg_badge_sheet_paginate (MdgDocument *document,
                          cairo_t     *cr,
                          double       width,
                          double       height)
{
  MdgBadgeSheet *self = MDG_BADGE_SHEET (document);
  guint per_page;

  self->columns = MAX (1, (guint) ((width - 2 * SHEET_MARGIN) / CARD_WIDTH));
  self->rows = MAX (1, (guint) ((height - 2 * SHEET_MARGIN) / CARD_HEIGHT));
  per_page = self->columns * self->rows;
  return MAX (1, (self->attendees->len + per_page - 1) / per_page);
}

static void
draw_cut_marks (cairo_t *cr,
                double   x,
                double   y)
{
  /* Short lines just outside each corner, where the cutter lines up. */
  for (int corner = 0; corner < 4; corner++)
    {
      double cx = x + (corner % 2) * CARD_WIDTH;
      double cy = y + (corner / 2) * CARD_HEIGHT;
      double dx = corner % 2 ? 1 : -1;
      double dy = corner / 2 ? 1 : -1;

      cairo_move_to (cr, cx + dx * 2, cy);
      cairo_line_to (cr, cx + dx * (2 + CUT_MARK), cy);
      cairo_move_to (cr, cx, cy + dy * 2);
      cairo_line_to (cr, cx, cy + dy * (2 + CUT_MARK));
    }
  cairo_stroke (cr);
}

static void
draw_badge (MdgBadgeSheet *self,
            cairo_t       *cr,
            MdgAttendee   *attendee,
            double         x,
            double         y)
{
  MdgPerson *person = mdg_attendee_get_person (attendee);
  MdgSeminar *seminar = mdg_document_get_seminar (MDG_DOCUMENT (self));
  const char *family = mdg_person_get_text (person, MDG_PERSON_FAMILY_NAME);
  const char *given = mdg_person_get_text (person, MDG_PERSON_GIVEN_NAME);
  const char *organization = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);
  g_autofree char *kana = mdg_person_dup_kana (person);
  MdgDocument *document = MDG_DOCUMENT (self);
  PangoLayout *layout;
  double inner = CARD_WIDTH - 2 * CARD_PADDING;
  double top = y + CARD_PADDING;
  g_autofree char *markup = NULL;
  double size;

  /* Each text in turn on its style's shared layout. */
  if (*kana)
    {
      layout = _mdg_document_get_layout (document, cr, READING_SIZE, FALSE);
      _mdg_document_fit_text (layout, kana, inner, 11, READING_SIZE, 5);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      cairo_move_to (cr, x + CARD_PADDING, top);
      pango_cairo_show_layout (cr, layout);
    }

  /* The family name large, the given name at two thirds its size, on one line if they fit. */
  layout = _mdg_document_get_layout (document, cr, 30, TRUE);
  size = _mdg_document_fit_text (layout, family, inner, MDG_MM (15), 30, 10);
  if (given != NULL)
    {
      g_autofree char *escaped_family = g_markup_escape_text (family, -1);
      g_autofree char *escaped_given = g_markup_escape_text (given, -1);

      for (;; size -= 1)
        {
          int w, h;

          markup = g_strdup_printf ("%s<span size=\"%d\"> %s</span>", escaped_family,
                                    (int) (size * 2 / 3 * PANGO_SCALE), escaped_given);
          {
            PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (layout));

            pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
            pango_layout_set_font_description (layout, font);
            pango_font_description_free (font);
          }
          pango_layout_set_markup (layout, markup, -1);
          pango_layout_get_size (layout, &w, &h);
          if ((double) h / PANGO_SCALE <= MDG_MM (15) || size <= 10)
            break;
          g_clear_pointer (&markup, g_free);
        }
    }
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  _mdg_document_show_layout (cr, layout, x + CARD_PADDING, top + 11, MDG_MM (16));

  if (organization != NULL)
    {
      layout = _mdg_document_get_layout (document, cr, 11, FALSE);
      _mdg_document_fit_text (layout, organization, inner, MDG_MM (11), 11, 5);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      _mdg_document_show_layout (cr, layout, x + CARD_PADDING, top + 11 + MDG_MM (17), MDG_MM (11));
    }

  layout = _mdg_document_get_layout (document, cr, 7, FALSE);
  _mdg_document_fit_text (layout, mdg_seminar_get_title (seminar), inner, 10, 7, 5);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_move_to (cr, x + CARD_PADDING, y + CARD_HEIGHT - CARD_PADDING - 9);
  pango_cairo_show_layout (cr, layout);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

static void
mdg_badge_sheet_draw_page (MdgDocument *document,
                           cairo_t     *cr,
                           guint        page)
{
  MdgBadgeSheet *self = MDG_BADGE_SHEET (document);
  guint per_page = self->columns * self->rows;
  double left = (_mdg_document_get_width (document) - self->columns * CARD_WIDTH) / 2;
  double top = (_mdg_document_get_height (document) - self->rows * CARD_HEIGHT) / 2;
  guint first = page * per_page;

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = first; i < MIN (first + per_page, self->attendees->len); i++)
    {
      guint slot = i - first;
      double x = left + (slot % self->columns) * CARD_WIDTH;
      double y = top + (slot / self->columns) * CARD_HEIGHT;

      cairo_set_line_width (cr, 0.3);
      draw_cut_marks (cr, x, y);
      draw_badge (self, cr, g_ptr_array_index (self->attendees, i), x, y);
    }
}

static void
mdg_badge_sheet_finalize (GObject *object)
{
  MdgBadgeSheet *self = (MdgBadgeSheet *) object;

  g_clear_pointer (&self->attendees, g_ptr_array_unref);

  G_OBJECT_CLASS (mdg_badge_sheet_parent_class)->finalize (object);
}

static void
mdg_badge_sheet_class_init (MdgBadgeSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MdgDocumentClass *document_class = MDG_DOCUMENT_CLASS (klass);

  object_class->finalize = mdg_badge_sheet_finalize;
  document_class->paginate = mdg_badge_sheet_paginate;
  document_class->draw_page = mdg_badge_sheet_draw_page;
}

static void
mdg_badge_sheet_init (MdgBadgeSheet *self)
{
  self->attendees = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * mdg_badge_sheet_new:
 * @seminar: the seminar
 * @attendees: (element-type MdgAttendee): in the order to print; registered ones at the venue only
 *
 * Returns: (transfer full): the document
 */
MdgDocument *
mdg_badge_sheet_new (MdgSeminar *seminar,
                     GPtrArray  *attendees)
{
  MdgBadgeSheet *self;

  g_return_val_if_fail (MDG_IS_SEMINAR (seminar), NULL);
  g_return_val_if_fail (attendees != NULL, NULL);

  self = g_object_new (MDG_TYPE_BADGE_SHEET, "seminar", seminar, NULL);
  /* Badges are worn at the venue: online attendees get none. */
  for (guint i = 0; i < attendees->len; i++)
    if (mdg_attendee_get_status (g_ptr_array_index (attendees, i)) == MDG_REGISTRATION_STATUS_REGISTERED &&
        !mdg_attendee_is_online (g_ptr_array_index (attendees, i)))
      g_ptr_array_add (self->attendees, g_object_ref (g_ptr_array_index (attendees, i)));
  return MDG_DOCUMENT (self);
}
