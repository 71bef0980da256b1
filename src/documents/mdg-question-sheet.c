/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-question-sheet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-attendee.h"
#include "mdg-date.h"
#include "mdg-document-private.h"
#include "mdg-question-sheet.h"

/*
 * The questions attendees sent the presenter with their registration, in the order
 * they applied: each with its company and the person's name, the question as they
 * wrote it (line breaks kept). A long question continues on the next page rather
 * than being cut. The pages hold personal data and say so.
 */

struct _MdgQuestionSheet
{
  MdgDocument  parent_instance;

  GPtrArray   *attendees;   /* with questions, not cancelled, in applied order */
  GArray      *chunks;      /* Chunk: the part of an entry a page shows */
  double       content_top;
};

G_DEFINE_FINAL_TYPE (MdgQuestionSheet, mdg_question_sheet, MDG_TYPE_DOCUMENT)

typedef struct
{
  guint    page;
  guint    entry;
  int      first_line;
  int      n_lines;
  double   y;
  double   top;          /* the first line's top within the question's layout */
  double   height;       /* of those lines */
  gboolean continued;
  gboolean last;         /* the entry ends on this page */
} Chunk;

#define HEADING_SIZE  9.5
#define QUESTION_SIZE 10.5
#define INDENT        22.0
#define ENTRY_GAP     12.0

static char *
heading_text (MdgAttendee *attendee)
{
  MdgPerson *person = mdg_attendee_get_person (attendee);
  g_autofree char *name = mdg_person_dup_name (person);
  const char *organization = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);
  g_autofree char *escaped_name = NULL;
  g_autofree char *escaped_org = NULL;
  g_autofree char *when = NULL;
  GDateTime *applied = mdg_attendee_get_applied_at (attendee);

  /* Translators: a person's name on printed documents; Japanese adds 様 */
  escaped_name = g_markup_printf_escaped (C_("honorific", "%s"), name);
  escaped_org = organization ? g_markup_escape_text (organization, -1) : NULL;
  if (applied != NULL)
    {
      g_autofree char *date = mdg_date_format (applied, MDG_DATE_DEFAULT);
      g_autofree char *time = mdg_time_format (applied);
      g_autofree char *applied_text = g_strdup_printf (_("applied %s %s"), date, time);

      when = g_markup_escape_text (applied_text, -1);
    }
  return g_strdup_printf ("<b>%s%s%s</b>%s<span size=\"smaller\" foreground=\"#555555\">%s</span>",
                          escaped_org ? escaped_org : "", escaped_org ? "　" : "", escaped_name,
                          when ? "　" : "", when ? when : "");
}

static PangoLayout *
question_layout (cairo_t     *cr,
                 MdgAttendee *attendee,
                 double       width)
{
  PangoLayout *layout = _mdg_document_layout (cr, QUESTION_SIZE, FALSE);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, mdg_attendee_get_questions (attendee), -1);
  return layout;
}

static PangoLayout *
heading_layout (cairo_t     *cr,
                MdgAttendee *attendee,
                double       width)
{
  PangoLayout *layout = _mdg_document_layout (cr, HEADING_SIZE, FALSE);
  g_autofree char *markup = heading_text (attendee);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static guint
mdg_question_sheet_paginate (MdgDocument *document,
                             cairo_t     *cr,
                             double       width,
                             double       height)
{
  MdgQuestionSheet *self = MDG_QUESTION_SHEET (document);
  double margin = _mdg_document_get_margin ();
  double text_width = width - 2 * margin - INDENT;
  double bottom = height - margin - _mdg_document_get_footer_height () - 4;
  guint page = 0;
  double y;

  /* The header's height is the same on every page. */
  self->content_top = _mdg_document_measure_header (document, TRUE);

  g_array_set_size (self->chunks, 0);
  y = self->content_top;
  for (guint e = 0; e < self->attendees->len; e++)
    {
      MdgAttendee *attendee = g_ptr_array_index (self->attendees, e);
      g_autoptr(PangoLayout) heading = heading_layout (cr, attendee, text_width);
      g_autoptr(PangoLayout) question = question_layout (cr, attendee, text_width);
      double heading_height = layout_height (heading) + 3;
      int n_lines = pango_layout_get_line_count (question);
      g_autofree double *tops = g_new (double, n_lines + 1);
      g_autofree double *bottoms = g_new (double, n_lines + 1);
      PangoLayoutIter *iter = pango_layout_get_iter (question);
      int line = 0;

      for (int i = 0; i < n_lines; i++, pango_layout_iter_next_line (iter))
        {
          int y0, y1;

          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          tops[i] = (double) y0 / PANGO_SCALE;
          bottoms[i] = (double) y1 / PANGO_SCALE;
        }
      pango_layout_iter_free (iter);

      while (line < n_lines)
        {
          double room = bottom - y - heading_height;
          Chunk chunk = { .page = page, .entry = e, .first_line = line, .y = y, .top = tops[line],
                          .continued = line > 0 };
          int end = line;

          /* Keep an entry's heading with at least two of its lines (all, if it has fewer). */
          if (y > self->content_top &&
              (room < bottoms[MIN (line + 1, n_lines - 1)] - tops[line] || room <= 0))
            {
              page++;
              y = self->content_top;
              continue;
            }
          while (end < n_lines && bottoms[end] - tops[line] <= room)
            end++;
          if (end == line)
            end = line + 1;   /* a line taller than a page is drawn clipped, never lost */
          chunk.n_lines = end - line;
          chunk.height = bottoms[end - 1] - tops[line];
          chunk.last = end == n_lines;
          g_array_append_val (self->chunks, chunk);

          y += heading_height + chunk.height + ENTRY_GAP;
          line = end;
          if (line < n_lines)
            {
              page++;
              y = self->content_top;
            }
        }
    }
  return page + 1;
}

static void
mdg_question_sheet_draw_page (MdgDocument *document,
                              cairo_t     *cr,
                              guint        page)
{
  MdgQuestionSheet *self = MDG_QUESTION_SHEET (document);
  double margin = _mdg_document_get_margin ();
  double width = _mdg_document_get_width (document);
  double text_width = width - 2 * margin - INDENT;
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person sent questions",
                                                         "%u people sent questions", self->attendees->len),
                                            self->attendees->len);

  _mdg_document_draw_header (document, cr, _("Advance questions"), count);
  cairo_set_source_rgb (cr, 0, 0, 0);

  if (self->attendees->len == 0)
    {
      g_autoptr(PangoLayout) empty = _mdg_document_layout (cr, 11, FALSE);

      _mdg_document_fit_text (empty, _("No one has sent questions with their registration."), width - 2 * margin, 40,
                              11, 8);
      pango_layout_set_alignment (empty, PANGO_ALIGN_CENTER);
      cairo_move_to (cr, margin, self->content_top + 40);
      pango_cairo_show_layout (cr, empty);
    }

  for (guint c = 0; c < self->chunks->len; c++)
    {
      Chunk *chunk = &g_array_index (self->chunks, Chunk, c);
      MdgAttendee *attendee;
      g_autoptr(PangoLayout) heading = NULL;
      g_autoptr(PangoLayout) question = NULL;
      g_autoptr(PangoLayout) number = NULL;
      g_autofree char *ordinal = NULL;
      double y;

      if (chunk->page != page)
        continue;
      attendee = g_ptr_array_index (self->attendees, chunk->entry);
      heading = heading_layout (cr, attendee, text_width);
      question = question_layout (cr, attendee, text_width);

      /* The entry's number in the margin, then its heading. */
      number = _mdg_document_layout (cr, HEADING_SIZE, TRUE);
      ordinal = chunk->continued ? g_strdup ("…") : g_strdup_printf ("%u", chunk->entry + 1);
      pango_layout_set_text (number, ordinal, -1);
      cairo_move_to (cr, margin, chunk->y);
      pango_cairo_show_layout (cr, number);
      if (chunk->continued)
        {
          g_autofree char *markup = heading_text (attendee);
          /* Translators: after a question's heading on the page it continues on */
          g_autofree char *continued = g_markup_escape_text (_(" (continued)"), -1);
          g_autofree char *both = g_strconcat (markup, continued, NULL);

          pango_layout_set_markup (heading, both, -1);
        }
      cairo_move_to (cr, margin + INDENT, chunk->y);
      pango_cairo_show_layout (cr, heading);
      y = chunk->y + layout_height (heading) + 3;

      /* Only this page's lines of the question. */
      cairo_save (cr);
      cairo_rectangle (cr, margin + INDENT - 2, y, text_width + 4, chunk->height + 0.5);
      cairo_clip (cr);
      cairo_move_to (cr, margin + INDENT, y - chunk->top);
      pango_cairo_show_layout (cr, question);
      cairo_restore (cr);

      if (chunk->last)
        {
          cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
          cairo_set_line_width (cr, 0.5);
          cairo_move_to (cr, margin, y + chunk->height + ENTRY_GAP / 2);
          cairo_line_to (cr, width - margin, y + chunk->height + ENTRY_GAP / 2);
          cairo_stroke (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
        }
    }

  _mdg_document_draw_footer (document, cr, page, TRUE);
}

static void
mdg_question_sheet_finalize (GObject *object)
{
  MdgQuestionSheet *self = (MdgQuestionSheet *) object;

  g_clear_pointer (&self->attendees, g_ptr_array_unref);
  g_clear_pointer (&self->chunks, g_array_unref);

  G_OBJECT_CLASS (mdg_question_sheet_parent_class)->finalize (object);
}

static void
mdg_question_sheet_class_init (MdgQuestionSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MdgDocumentClass *document_class = MDG_DOCUMENT_CLASS (klass);

  object_class->finalize = mdg_question_sheet_finalize;
  document_class->paginate = mdg_question_sheet_paginate;
  document_class->draw_page = mdg_question_sheet_draw_page;
}

static void
mdg_question_sheet_init (MdgQuestionSheet *self)
{
  self->attendees = g_ptr_array_new_with_free_func (g_object_unref);
  self->chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
}

static int
compare_applied (gconstpointer a,
                 gconstpointer b)
{
  MdgAttendee *aa = *(MdgAttendee **) a, *ab = *(MdgAttendee **) b;
  GDateTime *ta = mdg_attendee_get_applied_at (aa), *tb = mdg_attendee_get_applied_at (ab);

  if (ta && tb && g_date_time_compare (ta, tb) != 0)
    return g_date_time_compare (ta, tb);
  if ((ta == NULL) != (tb == NULL))
    return ta == NULL ? 1 : -1;
  return (mdg_attendee_get_id (aa) > mdg_attendee_get_id (ab)) - (mdg_attendee_get_id (aa) < mdg_attendee_get_id (ab));
}

/**
 * mdg_question_sheet_new:
 * @seminar: the seminar
 * @attendees: (element-type MdgAttendee): its attendees, in any order; those who sent
 *   questions and did not cancel are printed, in the order they applied
 *
 * Returns: (transfer full): the document
 */
MdgDocument *
mdg_question_sheet_new (MdgSeminar *seminar,
                        GPtrArray  *attendees)
{
  MdgQuestionSheet *self;

  g_return_val_if_fail (MDG_IS_SEMINAR (seminar), NULL);
  g_return_val_if_fail (attendees != NULL, NULL);

  self = g_object_new (MDG_TYPE_QUESTION_SHEET, "seminar", seminar, NULL);
  for (guint i = 0; i < attendees->len; i++)
    {
      MdgAttendee *attendee = g_ptr_array_index (attendees, i);

      if (mdg_attendee_get_questions (attendee) != NULL &&
          mdg_attendee_get_status (attendee) != MDG_REGISTRATION_STATUS_CANCELLED)
        g_ptr_array_add (self->attendees, g_object_ref (attendee));
    }
  g_ptr_array_sort (self->attendees, compare_applied);
  return MDG_DOCUMENT (self);
}
