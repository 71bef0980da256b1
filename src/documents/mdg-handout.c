/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-handout"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-date.h"
#include "mdg-deck-library.h"
#include "mdg-deck-store.h"
#include "mdg-document-private.h"
#include "mdg-error.h"
#include "mdg-handout-private.h"
#include "mdg-packet-section.h"

/*
 * Handouts: slides printed N to a sheet, with lines for notes beside three of them, or
 * with their explanatory text. Slides are drawn by Poppler's printing render straight
 * onto the page, so on a PDF they stay vectors (text selectable and sharp) and their
 * JPEG photos pass through as they are. The header names the seminar (or the deck)
 * and the date; the footer holds the desk's contact and the page number.
 */

#define HEADER_HEIGHT 46.0
#define FOOTER_HEIGHT 30.0
#define GAP           MDG_MM (6)
#define NUMBER_HEIGHT 11.0
#define NOTE_SIZE     9.5
#define LINE_SPACING  MDG_MM (8)

/* A slide, or the rest of a long text, on a sheet of the notes layout. */
typedef struct
{
  guint  sheet;
  guint  slide;        /* index into the selection */
  double y;            /* from the body's top */
  double text_from;    /* where in the text this piece starts */
  double text_height;  /* how much of it shows here */
  gboolean with_slide;
} Piece;

struct _MdgHandout
{
  MdgDocument       parent_instance;

  MdgSlideDocument *slides;
  GPtrArray        *pages;      /* MdgSlidePage, every page of the deck */
  GArray           *selection;  /* indexes into pages, in print order */
  MdgHandoutLayout  layout;
  char             *title;
  char             *subtitle;
  char             *deck_title;
  char             *contact;

  /* Pagination, for the body's size. */
  guint             columns;
  guint             rows;
  guint             n_sheets;
  double            slide_width;
  double            slide_height;
  GArray           *pieces;
};

static void packet_section_iface_init (MdgPacketSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MdgHandout, mdg_handout, MDG_TYPE_DOCUMENT,
                               G_IMPLEMENT_INTERFACE (MDG_TYPE_PACKET_SECTION, packet_section_iface_init))

void
_mdg_handout_get_body (double             page_width,
                       double             page_height,
                       cairo_rectangle_t *body)
{
  double margin = _mdg_document_get_margin ();

  body->x = margin;
  body->y = margin + HEADER_HEIGHT;
  body->width = page_width - 2 * margin;
  body->height = page_height - 2 * margin - HEADER_HEIGHT - FOOTER_HEIGHT;
}

/* The desk's contact on one line, for the foot of every sheet. */
char *
_mdg_handout_contact_line (const MdgDeskContact *contact)
{
  g_autofree char *text = mdg_desk_contact_format (contact);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strjoinv ("　", lines);
}

/**
 * _mdg_handout_draw_frame:
 * @cr: the page
 * @page_width: its width
 * @page_height: its height
 * @title: the seminar's (or the deck's) title
 * @subtitle: (nullable): the date and place
 * @section: (nullable): what this part is, on the right
 * @contact: (nullable): the desk's contact, in the footer
 * @page: the page, counting from 0
 * @n_pages: how many there are in all
 */
void
_mdg_handout_draw_frame (cairo_t    *cr,
                         double      page_width,
                         double      page_height,
                         const char *title,
                         const char *subtitle,
                         const char *section,
                         const char *contact,
                         guint       page,
                         guint       n_pages)
{
  g_autoptr(PangoLayout) big = _mdg_document_layout (cr, 13, TRUE);
  g_autoptr(PangoLayout) small = _mdg_document_layout (cr, 8.5, FALSE);
  g_autoptr(PangoLayout) right = _mdg_document_layout (cr, 10, TRUE);
  /* Translators: in the footer of handouts */
  g_autofree char *counter = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
  double margin = _mdg_document_get_margin ();
  double width = page_width - 2 * margin;
  double footer_y = page_height - margin - FOOTER_HEIGHT;
  int w, h;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  _mdg_document_fit_text (big, title, width * 0.64, 22, 13, 9);
  cairo_move_to (cr, margin, margin);
  pango_cairo_show_layout (cr, big);
  if (subtitle != NULL)
    {
      _mdg_document_fit_text (small, subtitle, width * 0.64, 12, 8.5, 7);
      cairo_move_to (cr, margin, margin + 22);
      pango_cairo_show_layout (cr, small);
    }
  if (section != NULL)
    {
      _mdg_document_fit_text (right, section, width * 0.34, 32, 10, 7);
      pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
      cairo_move_to (cr, margin + width * 0.66, margin);
      pango_cairo_show_layout (cr, right);
    }
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, margin, margin + HEADER_HEIGHT - 8);
  cairo_line_to (cr, margin + width, margin + HEADER_HEIGHT - 8);
  cairo_stroke (cr);

  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, margin, footer_y + 6);
  cairo_line_to (cr, margin + width, footer_y + 6);
  cairo_stroke (cr);
  if (contact != NULL && *contact != '\0')
    {
      g_autoptr(PangoLayout) desk = _mdg_document_layout (cr, 8, FALSE);

      _mdg_document_fit_text (desk, contact, width * 0.8, FOOTER_HEIGHT - 8, 8, 6);
      cairo_move_to (cr, margin, footer_y + 10);
      pango_cairo_show_layout (cr, desk);
    }
  _mdg_document_fit_text (small, counter, width * 0.2, 12, 8.5, 6);
  pango_layout_set_alignment (small, PANGO_ALIGN_RIGHT);
  pango_layout_get_size (small, &w, &h);
  cairo_move_to (cr, margin + width * 0.8, footer_y + 10);
  pango_cairo_show_layout (cr, small);
  cairo_restore (cr);
}

static void
mdg_handout_finalize (GObject *object)
{
  MdgHandout *self = (MdgHandout *) object;

  g_clear_object (&self->slides);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->selection, g_array_unref);
  g_clear_pointer (&self->pieces, g_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->deck_title, g_free);
  g_clear_pointer (&self->contact, g_free);

  G_OBJECT_CLASS (mdg_handout_parent_class)->finalize (object);
}

static MdgSlidePage *
selected_page (MdgHandout *self,
               guint       index)
{
  return g_ptr_array_index (self->pages, g_array_index (self->selection, guint, index));
}

static PangoLayout *
note_layout (MdgHandout *self,
             cairo_t    *cr,
             guint       index,
             double      width)
{
  PangoLayout *layout = _mdg_document_layout (cr, NOTE_SIZE, FALSE);
  MdgSlidePage *page = selected_page (self, index);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_spacing (layout, (int) (2.5 * PANGO_SCALE));
  pango_layout_set_text (layout, page->explanation, -1);
  return layout;
}

/* The height of the lines of @layout that fit whole between @from and @from + @room. */
static double
lines_fitting (PangoLayout *layout,
               double       from,
               double       room)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double fits = 0;

  do
    {
      int top, bottom;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      if ((double) top / PANGO_SCALE < from)
        continue;
      if ((double) bottom / PANGO_SCALE - from > room)
        break;
      fits = (double) bottom / PANGO_SCALE - from;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return fits;
}

static double
text_x (MdgHandout *self)
{
  return self->slide_width + GAP;
}

static void
paginate_notes (MdgHandout *self,
                cairo_t    *cr,
                double      width,
                double      height)
{
  double text_width = width - text_x (self);
  guint sheet = 0;
  double y = 0;

  g_array_set_size (self->pieces, 0);
  for (guint i = 0; i < self->selection->len; i++)
    {
      g_autoptr(PangoLayout) layout = note_layout (self, cr, i, text_width);
      double total, from = 0;
      int w, h;

      pango_layout_get_size (layout, &w, &h);
      total = *selected_page (self, i)->explanation ? (double) h / PANGO_SCALE : 0;
      /* A slide starts a new sheet when it (or its first lines) would not fit. */
      if (y > 0 && y + MIN (self->slide_height + NUMBER_HEIGHT, MAX (total, 1)) > height)
        sheet++, y = 0;

      for (gboolean first = TRUE;; first = FALSE)
        {
          Piece piece = { sheet, i, y, from, 0, first };
          double room = height - y;
          double shown = from < total ? lines_fitting (layout, from, room) : 0;

          if (shown == 0 && from < total && y == 0)
            shown = total - from;   /* one line taller than a sheet: show it anyway */
          piece.text_height = shown;
          g_array_append_val (self->pieces, piece);
          from += shown;
          y += MAX (first ? self->slide_height + NUMBER_HEIGHT : 0, shown) + GAP * 1.5;
          if (from >= total - 0.01)
            break;
          sheet++, y = 0;
        }
    }
  self->n_sheets = sheet + 1;
}

static guint
layout_paginate (MdgHandout *self,
                 cairo_t    *cr,
                 double      width,
                 double      height)
{
  gboolean landscape = width > height * 1.2;
  double slide_w = 960, slide_h = 540, aspect, cell_w, cell_h;

  if (self->selection->len > 0)
    mdg_slide_document_get_page_size (self->slides, selected_page (self, 0)->page - 1, &slide_w, &slide_h);
  aspect = slide_h / MAX (slide_w, 1);

  switch (self->layout)
    {
    case MDG_HANDOUT_LAYOUT_1: self->columns = 1, self->rows = 1; break;
    case MDG_HANDOUT_LAYOUT_2: self->columns = landscape ? 2 : 1, self->rows = landscape ? 1 : 2; break;
    case MDG_HANDOUT_LAYOUT_3: self->columns = 1, self->rows = 3; break;
    case MDG_HANDOUT_LAYOUT_4: self->columns = 2, self->rows = 2; break;
    case MDG_HANDOUT_LAYOUT_6: self->columns = landscape ? 3 : 2, self->rows = landscape ? 2 : 3; break;
    case MDG_HANDOUT_LAYOUT_NOTES: self->columns = 1, self->rows = 3; break;
    default: g_assert_not_reached ();
    }

  cell_w = (width - (self->columns - 1) * GAP) / self->columns;
  cell_h = (height - (self->rows - 1) * GAP) / self->rows - NUMBER_HEIGHT;
  if (self->layout == MDG_HANDOUT_LAYOUT_3 || self->layout == MDG_HANDOUT_LAYOUT_NOTES)
    cell_w = width * (self->layout == MDG_HANDOUT_LAYOUT_3 ? 0.5 : 0.45);
  self->slide_width = MIN (cell_w, cell_h / aspect);
  self->slide_height = self->slide_width * aspect;
  if (self->layout == MDG_HANDOUT_LAYOUT_NOTES)
    {
      /* As many as fit when the texts are short; long texts take more room. */
      self->slide_width = cell_w;
      self->slide_height = cell_w * aspect;
      self->rows = MAX (1, (guint) ((height + GAP * 1.5) / (self->slide_height + NUMBER_HEIGHT + GAP * 1.5)));
    }

  if (self->layout == MDG_HANDOUT_LAYOUT_NOTES)
    paginate_notes (self, cr, width, height);
  else
    self->n_sheets = MAX (1, (self->selection->len + self->columns * self->rows - 1) / (self->columns * self->rows));
  return self->n_sheets;
}

static void
draw_slide (MdgHandout *self,
            cairo_t    *cr,
            guint       index,
            double      x,
            double      y)
{
  MdgSlidePage *page = selected_page (self, index);
  g_autoptr(PangoLayout) number = _mdg_document_layout (cr, 7.5, FALSE);
  g_autofree char *label = g_strdup_printf ("%u", page->page);

  mdg_slide_document_draw_page (self->slides, page->page - 1, cr, x, y, self->slide_width, self->slide_height);
  /* A thin frame: white slides stand out from the white paper. */
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, x, y, self->slide_width, self->slide_height);
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  pango_layout_set_text (number, label, -1);
  cairo_move_to (cr, x, y + self->slide_height + 1.5);
  pango_cairo_show_layout (cr, number);
}

static void
draw_note_lines (MdgHandout *self,
                 cairo_t    *cr,
                 double      x,
                 double      y,
                 double      width,
                 double      height)
{
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.4);
  for (double line_y = y + LINE_SPACING; line_y <= y + height + 0.01; line_y += LINE_SPACING)
    {
      cairo_move_to (cr, x, line_y);
      cairo_line_to (cr, x + width, line_y);
    }
  cairo_stroke (cr);
}

static void
layout_draw (MdgHandout *self,
             cairo_t    *cr,
             guint       sheet,
             double      width,
             double      height)
{
  if (self->layout == MDG_HANDOUT_LAYOUT_NOTES)
    {
      double text_width = width - text_x (self);

      for (guint i = 0; i < self->pieces->len; i++)
        {
          Piece *piece = &g_array_index (self->pieces, Piece, i);

          if (piece->sheet != sheet)
            continue;
          if (piece->with_slide)
            draw_slide (self, cr, piece->slide, 0, piece->y);
          if (piece->text_height > 0)
            {
              g_autoptr(PangoLayout) layout = note_layout (self, cr, piece->slide, text_width);

              cairo_save (cr);
              cairo_rectangle (cr, text_x (self), piece->y, text_width, piece->text_height + 1);
              cairo_clip (cr);
              cairo_set_source_rgb (cr, 0, 0, 0);
              cairo_move_to (cr, text_x (self), piece->y - piece->text_from);
              pango_cairo_show_layout (cr, layout);
              cairo_restore (cr);
            }
        }
      return;
    }

  for (guint cell = 0; cell < self->columns * self->rows; cell++)
    {
      guint index = sheet * self->columns * self->rows + cell;
      double cell_w = (width - (self->columns - 1) * GAP) / self->columns;
      double cell_h = (height - (self->rows - 1) * GAP) / self->rows;
      double x = (cell % self->columns) * (cell_w + GAP);
      double y = (cell / self->columns) * (cell_h + GAP);

      if (index >= self->selection->len)
        break;
      if (self->layout == MDG_HANDOUT_LAYOUT_3)
        {
          draw_slide (self, cr, index, x, y);
          draw_note_lines (self, cr, x + self->slide_width + GAP, y, width - self->slide_width - GAP,
                           self->slide_height);
        }
      else
        /* Centred in its cell. */
        draw_slide (self, cr, index, x + (cell_w - self->slide_width) / 2,
                    y + (cell_h - NUMBER_HEIGHT - self->slide_height) / 2);
    }
}

static guint
mdg_handout_paginate (MdgDocument *document,
                      cairo_t     *cr,
                      double       width,
                      double       height)
{
  cairo_rectangle_t body;

  _mdg_handout_get_body (width, height, &body);
  return layout_paginate (MDG_HANDOUT (document), cr, body.width, body.height);
}

static void
mdg_handout_draw_page (MdgDocument *document,
                       cairo_t     *cr,
                       guint        page)
{
  MdgHandout *self = MDG_HANDOUT (document);
  double width = _mdg_document_get_width (document), height = _mdg_document_get_height (document);
  cairo_rectangle_t body;

  _mdg_handout_get_body (width, height, &body);
  _mdg_handout_draw_frame (cr, width, height, self->title, self->subtitle, self->deck_title, self->contact, page,
                           mdg_document_get_n_pages (document));
  cairo_translate (cr, body.x, body.y);
  layout_draw (self, cr, page, body.width, body.height);
}

static char *
section_dup_title (MdgPacketSection *section)
{
  return g_strdup (MDG_HANDOUT (section)->deck_title);
}

static guint
section_paginate (MdgPacketSection *section,
                  cairo_t          *cr,
                  double            width,
                  double            height)
{
  return layout_paginate (MDG_HANDOUT (section), cr, width, height);
}

static void
section_draw_body (MdgPacketSection *section,
                   cairo_t          *cr,
                   guint             page,
                   double            width,
                   double            height)
{
  layout_draw (MDG_HANDOUT (section), cr, page, width, height);
}

static void
packet_section_iface_init (MdgPacketSectionInterface *iface)
{
  iface->dup_title = section_dup_title;
  iface->paginate = section_paginate;
  iface->draw_body = section_draw_body;
}

static void
mdg_handout_class_init (MdgHandoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MdgDocumentClass *document_class = MDG_DOCUMENT_CLASS (klass);

  object_class->finalize = mdg_handout_finalize;
  document_class->paginate = mdg_handout_paginate;
  document_class->draw_page = mdg_handout_draw_page;
}

static void
mdg_handout_init (MdgHandout *self)
{
  self->selection = g_array_new (FALSE, FALSE, sizeof (guint));
  self->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
}

/**
 * mdg_handout_new:
 * @seminar: (nullable): the seminar it is handed out at
 * @slides: the deck's PDF, used from the thread that draws
 * @pages: (element-type MdgSlidePage): every page of the deck with its explanatory text
 * @layout: how the slides are arranged
 *
 * Returns: (transfer full): the handout, of every slide until a range is set
 */
MdgDocument *
mdg_handout_new (MdgSeminar       *seminar,
                 MdgSlideDocument *slides,
                 GPtrArray        *pages,
                 MdgHandoutLayout  layout)
{
  MdgHandout *self;

  g_return_val_if_fail (MDG_IS_SLIDE_DOCUMENT (slides), NULL);
  g_return_val_if_fail (pages != NULL, NULL);
  g_return_val_if_fail (layout <= MDG_HANDOUT_LAYOUT_NOTES, NULL);

  self = g_object_new (MDG_TYPE_HANDOUT, "seminar", seminar, NULL);
  self->slides = g_object_ref (slides);
  self->pages = g_ptr_array_ref (pages);
  self->layout = layout;
  for (guint i = 0; i < MIN (pages->len, mdg_slide_document_get_n_pages (slides)); i++)
    g_array_append_val (self->selection, i);
  return MDG_DOCUMENT (self);
}

/* The header: the title on the left with a line beneath, the deck's title on the right. */
void
mdg_handout_set_heading (MdgHandout *self,
                         const char *title,
                         const char *subtitle,
                         const char *deck_title)
{
  g_return_if_fail (MDG_IS_HANDOUT (self));

  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
  g_free (self->deck_title);
  self->deck_title = g_strdup (deck_title);
}

/* The desk's contact in the footer of every sheet. */
void
mdg_handout_set_contact (MdgHandout *self,
                         const char *contact)
{
  g_return_if_fail (MDG_IS_HANDOUT (self));

  g_free (self->contact);
  self->contact = g_strdup (contact);
}

/* How many slides a sheet holds (the notes layout: as many as their texts allow). */
guint
mdg_handout_get_per_sheet (MdgHandout *self)
{
  g_return_val_if_fail (MDG_IS_HANDOUT (self), 0);
  return self->columns * self->rows;
}

/**
 * mdg_handout_set_range:
 * @self: a #MdgHandout
 * @range: slides as people write them: "3-10", "1,4,7-9"; %NULL or "" for all
 * @error: a location for a #GError
 *
 * Prints only these slides, in the order given.
 */
gboolean
mdg_handout_set_range (MdgHandout  *self,
                       const char  *range,
                       GError     **error)
{
  g_autoptr(GArray) selection = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) parts = NULL;
  guint n_pages;

  g_return_val_if_fail (MDG_IS_HANDOUT (self), FALSE);

  n_pages = MIN (self->pages->len, mdg_slide_document_get_n_pages (self->slides));
  if (range == NULL || *range == '\0')
    {
      for (guint i = 0; i < n_pages; i++)
        g_array_append_val (selection, i);
    }
  else
    {
      parts = g_strsplit (range, ",", -1);
      for (guint i = 0; parts[i]; i++)
        {
          g_auto(GStrv) ends = g_strsplit (g_strstrip (parts[i]), "-", 2);
          guint64 first, last;

          if (!g_ascii_string_to_unsigned (g_strstrip (ends[0]), 10, 1, n_pages, &first, NULL) ||
              (ends[1] != NULL && !g_ascii_string_to_unsigned (g_strstrip (ends[1]), 10, 1, n_pages, &last, NULL)))
            {
              g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("Slides “%s”: write slide numbers from 1 to %u, such as “3-10” or “1,4,7-9”"),
                           range, n_pages);
              return FALSE;
            }
          if (ends[1] == NULL)
            last = first;
          if (last < first)
            {
              g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("Slides “%s”: a range runs from the lower number to the higher"), range);
              return FALSE;
            }
          for (guint64 page = first; page <= last; page++)
            {
              guint index = page - 1;
              g_array_append_val (selection, index);
            }
        }
    }

  g_array_unref (self->selection);
  self->selection = g_steal_pointer (&selection);
  return TRUE;
}

/* Reads "1", "2", "3", "4", "6" or "notes". */
gboolean
mdg_handout_layout_from_string (const char       *text,
                                MdgHandoutLayout *layout)
{
  static const char *const names[] = { "1", "2", "3", "4", "6", "notes" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *layout = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * mdg_handout_new_for_revision:
 * @db: a #MdgDatabase
 * @revision: the deck revision to print
 * @seminar: (nullable): the seminar it is for: its title and date head each sheet
 * @layout: how the slides are arranged
 * @error: a location for a #GError
 *
 * A handout with everything read from the database: the slides and their texts, the
 * heading (the seminar, or the deck and today) and the desk's contact. The returned
 * document must be drawn in the thread that made it.
 *
 * Returns: (transfer full): the handout, or %NULL with @error set
 */
MdgDocument *
mdg_handout_new_for_revision (MdgDatabase       *db,
                              MdgDeckRevision   *revision,
                              MdgSeminar        *seminar,
                              MdgHandoutLayout   layout,
                              GError           **error)
{
  g_autoptr(MdgDeck) deck = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(MdgSlideDocument) slides = NULL;
  g_autoptr(MdgDeskContact) contact = NULL;
  g_autofree char *contact_line = NULL;
  g_autofree char *when = NULL;
  g_autofree char *deck_heading = NULL;
  MdgDocument *handout;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (MDG_IS_DECK_REVISION (revision), NULL);

  if (!(deck = mdg_deck_store_load (db, mdg_deck_revision_get_deck_id (revision), error)) ||
      !(pages = mdg_deck_store_list_pages (db, mdg_deck_revision_get_id (revision), error)) ||
      !(slides = mdg_deck_library_open (db, revision, error)) ||
      !(contact = mdg_desk_contact_load (db, error)))
    return NULL;

  handout = mdg_handout_new (seminar, slides, pages, layout);
  contact_line = _mdg_handout_contact_line (contact);
  mdg_handout_set_contact (MDG_HANDOUT (handout), contact_line);
  if (seminar != NULL)
    {
      g_autofree char *range = mdg_date_range_format (mdg_seminar_get_starts_at (seminar),
                                                      mdg_seminar_get_ends_at (seminar), MDG_DATE_DEFAULT);
      const char *place = mdg_seminar_get_venue (seminar);

      when = place ? g_strdup_printf ("%s　%s", range, place) : g_steal_pointer (&range);
      mdg_handout_set_heading (MDG_HANDOUT (handout), mdg_seminar_get_title (seminar), when,
                               mdg_deck_get_title (deck));
    }
  else
    {
      g_autoptr(GDateTime) today = g_date_time_new_now_local ();

      when = mdg_date_format (today, MDG_DATE_DEFAULT);
      /* Translators: the right of a handout's header: the deck's revision */
      deck_heading = g_strdup_printf (_("Revision %u"), mdg_deck_revision_get_number (revision));
      mdg_handout_set_heading (MDG_HANDOUT (handout), mdg_deck_get_title (deck), when, deck_heading);
    }
  return handout;
}
