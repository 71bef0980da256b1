/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-attendee-sheet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-attendee.h"
#include "mdg-attendee-sheet.h"
#include "mdg-document-private.h"

/*
 * The attendee list (受付名簿) and the sign-in sheet: one row per registered attendee,
 * in kana order as given, with a box to tick, the name and reading, organization and
 * title. The sign-in sheet adds a column to sign in. Long organization names shrink
 * and wrap inside their cell; nothing is cut off.
 */

struct _MdgAttendeeSheet
{
  MdgDocument           parent_instance;

  GPtrArray            *attendees;   /* registered only, in list order */
  MdgAttendeeSheetKind  kind;
  guint                 rows_per_page;
  double                content_top;
};

G_DEFINE_FINAL_TYPE (MdgAttendeeSheet, mdg_attendee_sheet, MDG_TYPE_DOCUMENT)

typedef enum { COL_CHECK, COL_NUMBER, COL_ORGANIZATION, COL_NAME, COL_TITLE, COL_SIGNATURE } Column;

typedef struct
{
  Column column;
  double width;   /* a part of the table's width */
} ColumnSpec;

/* Both are sorted by reading: the attendee list, read down to find someone, puts the
 * name before the organization, and its box is ticked at the door. */
static const ColumnSpec list_columns[] = {
  { COL_CHECK, 0.05 }, { COL_NUMBER, 0.09 }, { COL_NAME, 0.30 }, { COL_ORGANIZATION, 0.35 }, { COL_TITLE, 0.21 },
};
static const ColumnSpec sign_in_columns[] = {
  { COL_CHECK, 0.05 }, { COL_NUMBER, 0.09 }, { COL_ORGANIZATION, 0.27 }, { COL_NAME, 0.25 }, { COL_TITLE, 0.14 },
  { COL_SIGNATURE, 0.20 },
};

#define HEADER_ROW_HEIGHT 18.0
/* The reading's band, and its size: lines of 6.5 pt are taller than the band, so the
 * reading starts at the size it always ended up at. */
#define READING_HEIGHT 9.0
#define READING_SIZE   6.0

static double
row_height (MdgAttendeeSheet *self)
{
  return self->kind == MDG_ATTENDEE_SHEET_SIGN_IN ? 34.0 : 28.0;
}

static const char *
column_title (Column column)
{
  switch (column)
    {
    case COL_CHECK: return C_("sheet column", "✓");
    case COL_NUMBER: return C_("sheet column", "No.");
    case COL_ORGANIZATION: return C_("sheet column", "Organization");
    case COL_NAME: return C_("sheet column", "Name (reading)");
    case COL_TITLE: return C_("sheet column", "Title");
    case COL_SIGNATURE: return C_("sheet column", "Signature");
    default: g_assert_not_reached ();
    }
}

static const ColumnSpec *
columns (MdgAttendeeSheet *self,
         guint            *n_columns)
{
  if (self->kind == MDG_ATTENDEE_SHEET_SIGN_IN)
    {
      *n_columns = G_N_ELEMENTS (sign_in_columns);
      return sign_in_columns;
    }
  *n_columns = G_N_ELEMENTS (list_columns);
  return list_columns;
}

static guint
mdg_attendee_sheet_paginate (MdgDocument *document,
                             cairo_t     *cr,
                             double       width,
                             double       height)
{
  MdgAttendeeSheet *self = MDG_ATTENDEE_SHEET (document);
  double margin = _mdg_document_get_margin ();
  double available;

  /* The header's height is the same on every page. */
  self->content_top = _mdg_document_measure_header (document, TRUE);

  available = height - margin - _mdg_document_get_footer_height () - self->content_top - HEADER_ROW_HEIGHT - 8;
  self->rows_per_page = MAX (1, (guint) (available / row_height (self)));
  return MAX (1, (self->attendees->len + self->rows_per_page - 1) / self->rows_per_page);
}

/* The name with its reading above it, as furigana sit over a name. */
static void
draw_name (MdgDocument *document,
           cairo_t     *cr,
           MdgPerson   *person,
           double       x,
           double       y,
           double       width,
           double       height)
{
  g_autofree char *name = mdg_person_dup_name (person);
  g_autofree char *kana = mdg_person_dup_kana (person);
  double reading_height = *kana ? READING_HEIGHT : 0;

  if (*kana)
    {
      PangoLayout *reading = _mdg_document_get_layout (document, cr, READING_SIZE, FALSE);

      _mdg_document_fit_text (reading, kana, width - 6, reading_height, READING_SIZE, 4.5);
      cairo_move_to (cr, x + 3, y + 2);
      pango_cairo_show_layout (cr, reading);
    }
  _mdg_document_draw_text (document, cr, name, x + 3, y + 2 + reading_height, width - 6, height - reading_height - 4,
                           11, 6, TRUE, PANGO_ALIGN_LEFT);
}

static void
mdg_attendee_sheet_draw_page (MdgDocument *document,
                              cairo_t     *cr,
                              guint        page)
{
  MdgAttendeeSheet *self = MDG_ATTENDEE_SHEET (document);
  double margin = _mdg_document_get_margin ();
  double table_width = _mdg_document_get_width (document) - 2 * margin;
  double rh = row_height (self);
  guint first = page * self->rows_per_page;
  guint last = MIN (first + self->rows_per_page, self->attendees->len);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attendee", "%u attendees",
                                                         self->attendees->len),
                                            self->attendees->len);
  guint n_columns;
  const ColumnSpec *spec = columns (self, &n_columns);
  double x, y;

  _mdg_document_draw_header (document, cr,
                             self->kind == MDG_ATTENDEE_SHEET_SIGN_IN ? _("Sign-in sheet")
                             : self->kind == MDG_ATTENDEE_SHEET_ONLINE ? _("Online attendees")
                                                                     : _("Attendee list"),
                             count);
  y = self->content_top;

  /* Column titles on a light band. */
  cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
  cairo_rectangle (cr, margin, y, table_width, HEADER_ROW_HEIGHT);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  x = margin;
  for (guint c = 0; c < n_columns; c++)
    {
      /* The tick stands over the middle of its boxes. */
      _mdg_document_draw_cell (document, cr, column_title (spec[c].column), x, y, spec[c].width * table_width,
                               HEADER_ROW_HEIGHT, 8, TRUE,
                               spec[c].column == COL_CHECK ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
      x += spec[c].width * table_width;
    }
  y += HEADER_ROW_HEIGHT;

  for (guint i = first; i < last; i++)
    {
      MdgAttendee *attendee = g_ptr_array_index (self->attendees, i);
      MdgPerson *person = mdg_attendee_get_person (attendee);

      x = margin;
      for (guint c = 0; c < n_columns; c++)
        {
          double w = spec[c].width * table_width;

          switch (spec[c].column)
            {
            case COL_CHECK:
              cairo_set_line_width (cr, 0.8);
              cairo_rectangle (cr, x + (w - 11) / 2, y + (rh - 11) / 2, 11, 11);
              cairo_stroke (cr);
              break;
            case COL_NUMBER:
              _mdg_document_draw_cell (document, cr, mdg_attendee_get_number (attendee), x, y, w, rh, 8, FALSE,
                                       PANGO_ALIGN_LEFT);
              break;
            case COL_ORGANIZATION:
              {
                const char *org = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);
                const char *dept = mdg_person_get_text (person, MDG_PERSON_DEPARTMENT);
                g_autofree char *text = org && dept ? g_strconcat (org, "\n", dept, NULL) : g_strdup (org ? org : dept);

                _mdg_document_draw_cell (document, cr, text, x, y, w, rh, 9, FALSE, PANGO_ALIGN_LEFT);
              }
              break;
            case COL_NAME:
              draw_name (document, cr, person, x, y, w, rh);
              break;
            case COL_TITLE:
              _mdg_document_draw_cell (document, cr, mdg_person_get_text (person, MDG_PERSON_TITLE), x, y, w, rh, 8.5,
                                       FALSE, PANGO_ALIGN_LEFT);
              break;
            case COL_SIGNATURE:
              break;
            }
          x += w;
        }

      /* Row rule, with column rules on the sign-in sheet for writing in. */
      cairo_set_line_width (cr, 0.4);
      cairo_move_to (cr, margin, y + rh);
      cairo_line_to (cr, margin + table_width, y + rh);
      cairo_stroke (cr);
      y += rh;
    }

  if (self->kind == MDG_ATTENDEE_SHEET_SIGN_IN && last > first)
    {
      double top = self->content_top;

      x = margin;
      cairo_set_line_width (cr, 0.4);
      for (guint c = 0; c < n_columns; c++)
        {
          cairo_move_to (cr, x, top);
          cairo_line_to (cr, x, y);
          x += spec[c].width * table_width;
        }
      cairo_move_to (cr, margin + table_width, top);
      cairo_line_to (cr, margin + table_width, y);
      cairo_stroke (cr);
    }

  _mdg_document_draw_footer (document, cr, page, TRUE);
}

static void
mdg_attendee_sheet_finalize (GObject *object)
{
  MdgAttendeeSheet *self = (MdgAttendeeSheet *) object;

  g_clear_pointer (&self->attendees, g_ptr_array_unref);

  G_OBJECT_CLASS (mdg_attendee_sheet_parent_class)->finalize (object);
}

static void
mdg_attendee_sheet_class_init (MdgAttendeeSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MdgDocumentClass *document_class = MDG_DOCUMENT_CLASS (klass);

  object_class->finalize = mdg_attendee_sheet_finalize;
  document_class->paginate = mdg_attendee_sheet_paginate;
  document_class->draw_page = mdg_attendee_sheet_draw_page;
}

static void
mdg_attendee_sheet_init (MdgAttendeeSheet *self)
{
  self->attendees = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * mdg_attendee_sheet_new:
 * @seminar: the seminar
 * @attendees: (element-type MdgAttendee): its attendees in list (kana) order; only the
 *   registered ones are printed: on the sign-in sheet those at the venue, on the
 *   online list those online
 * @kind: the attendee list, the sign-in sheet or the list of online attendees
 *
 * Returns: (transfer full): the document
 */
MdgDocument *
mdg_attendee_sheet_new (MdgSeminar           *seminar,
                        GPtrArray            *attendees,
                        MdgAttendeeSheetKind  kind)
{
  MdgAttendeeSheet *self;

  g_return_val_if_fail (MDG_IS_SEMINAR (seminar), NULL);
  g_return_val_if_fail (attendees != NULL, NULL);

  self = g_object_new (MDG_TYPE_ATTENDEE_SHEET, "seminar", seminar, NULL);
  self->kind = kind;
  for (guint i = 0; i < attendees->len; i++)
    {
      MdgAttendee *attendee = g_ptr_array_index (attendees, i);

      if (mdg_attendee_get_status (attendee) != MDG_REGISTRATION_STATUS_REGISTERED ||
          (kind == MDG_ATTENDEE_SHEET_SIGN_IN && mdg_attendee_is_online (attendee)) ||
          (kind == MDG_ATTENDEE_SHEET_ONLINE && !mdg_attendee_is_online (attendee)))
        continue;
      g_ptr_array_add (self->attendees, g_object_ref (attendee));
    }
  return MDG_DOCUMENT (self);
}
