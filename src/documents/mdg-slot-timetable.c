/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-slot-timetable"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-date.h"
#include "mdg-document-private.h"
#include "mdg-slot-store.h"
#include "mdg-slot-timetable.h"

/*
 * The timetable of a seminar's consultation slots (個別相談 時間割), to post at the
 * consultation corner and hand to the specialists: time, specialist, and who booked
 * (number, organization, name), or "open". It names attendees: every page is marked
 * as holding personal data.
 */

struct _MdgSlotTimetable
{
  MdgDocument  parent_instance;

  GPtrArray   *slots;   /* MdgConsultationSlot, by time */
  guint        rows_per_page;
  double       content_top;
};

G_DEFINE_FINAL_TYPE (MdgSlotTimetable, mdg_slot_timetable, MDG_TYPE_DOCUMENT)

typedef enum { COL_TIME, COL_SPECIALIST, COL_NUMBER, COL_ORGANIZATION, COL_NAME, COL_STATE, N_COLS } Column;

static const double widths[N_COLS] = { 0.14, 0.18, 0.10, 0.26, 0.18, 0.14 };

#define ROW_HEIGHT        26.0
#define HEADER_ROW_HEIGHT 18.0

static const char *
column_title (Column column)
{
  switch (column)
    {
    case COL_TIME: return C_("timetable column", "Time");
    case COL_SPECIALIST: return C_("timetable column", "Specialist");
    case COL_NUMBER: return C_("timetable column", "No.");
    case COL_ORGANIZATION: return C_("timetable column", "Organization");
    case COL_NAME: return C_("timetable column", "Name");
    case COL_STATE: return C_("timetable column", "State");
    case N_COLS:
    default: g_assert_not_reached ();
    }
}

static guint
mdg_slot_timetable_paginate (MdgDocument *document,
                             cairo_t     *cr,
                             double       width,
                             double       height)
{
  MdgSlotTimetable *self = MDG_SLOT_TIMETABLE (document);
  double margin = _mdg_document_get_margin ();
  double available;

  self->content_top = _mdg_document_measure_header (document, TRUE);
  available = height - margin - _mdg_document_get_footer_height () - self->content_top - HEADER_ROW_HEIGHT - 8;
  self->rows_per_page = MAX (1, (guint) (available / ROW_HEIGHT));
  return MAX (1, (self->slots->len + self->rows_per_page - 1) / self->rows_per_page);
}

static void
mdg_slot_timetable_draw_page (MdgDocument *document,
                              cairo_t     *cr,
                              guint        page)
{
  MdgSlotTimetable *self = MDG_SLOT_TIMETABLE (document);
  double margin = _mdg_document_get_margin ();
  double table_width = _mdg_document_get_width (document) - 2 * margin;
  guint first = page * self->rows_per_page;
  guint last = MIN (first + self->rows_per_page, self->slots->len);
  guint booked = 0;
  g_autofree char *detail = NULL;
  double x, y;

  for (guint i = 0; i < self->slots->len; i++)
    booked += ((MdgConsultationSlot *) self->slots->pdata[i])->state != MDG_SLOT_STATE_OPEN;
  /* Translators: under the title of the consultation timetable */
  detail = g_strdup_printf (C_("timetable", "%u of %u slots booked"), booked, self->slots->len);
  y = _mdg_document_draw_header (document, cr, C_("document", "Consultation timetable"), detail);

  cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
  cairo_rectangle (cr, margin, y, table_width, HEADER_ROW_HEIGHT);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  x = margin;
  for (Column c = 0; c < N_COLS; c++)
    {
      _mdg_document_draw_cell (document, cr, column_title (c), x, y, widths[c] * table_width, HEADER_ROW_HEIGHT, 8,
                               TRUE, PANGO_ALIGN_LEFT);
      x += widths[c] * table_width;
    }
  y += HEADER_ROW_HEIGHT;

  if (self->slots->len == 0)
    _mdg_document_draw_cell (document, cr, C_("timetable", "No consultation slots yet."), margin, y, table_width,
                             ROW_HEIGHT, 10, FALSE, PANGO_ALIGN_LEFT);

  for (guint i = first; i < last; i++)
    {
      MdgConsultationSlot *slot = g_ptr_array_index (self->slots, i);
      g_autoptr(GDateTime) ends = g_date_time_add_minutes (slot->starts_at, slot->minutes);
      g_autofree char *from = mdg_time_format (slot->starts_at);
      g_autofree char *to = mdg_time_format (ends);
      g_autofree char *time = g_strdup_printf ("%s–%s", from, to);
      const char *texts[N_COLS] = {
        time, slot->staff_name, slot->attendee_number, slot->attendee_organization, slot->attendee_name,
        mdg_slot_state_get_label (slot->state),
      };

      /* Open slots are shaded lightly, so that free times stand out. */
      if (slot->state == MDG_SLOT_STATE_OPEN)
        {
          cairo_set_source_rgb (cr, 0.96, 0.98, 0.94);
          cairo_rectangle (cr, margin, y, table_width, ROW_HEIGHT);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
        }
      x = margin;
      for (Column c = 0; c < N_COLS; c++)
        {
          gboolean key = c == COL_TIME || c == COL_NAME;

          _mdg_document_draw_cell (document, cr, texts[c], x, y, widths[c] * table_width, ROW_HEIGHT, key ? 10 : 9, key,
                                   PANGO_ALIGN_LEFT);
          x += widths[c] * table_width;
        }
      cairo_set_line_width (cr, 0.4);
      cairo_move_to (cr, margin, y + ROW_HEIGHT);
      cairo_line_to (cr, margin + table_width, y + ROW_HEIGHT);
      cairo_stroke (cr);
      y += ROW_HEIGHT;
    }

  _mdg_document_draw_footer (document, cr, page, TRUE);
}

static void
mdg_slot_timetable_finalize (GObject *object)
{
  MdgSlotTimetable *self = (MdgSlotTimetable *) object;

  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (mdg_slot_timetable_parent_class)->finalize (object);
}

static void
mdg_slot_timetable_class_init (MdgSlotTimetableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MdgDocumentClass *document_class = MDG_DOCUMENT_CLASS (klass);

  object_class->finalize = mdg_slot_timetable_finalize;
  document_class->paginate = mdg_slot_timetable_paginate;
  document_class->draw_page = mdg_slot_timetable_draw_page;
}

static void
mdg_slot_timetable_init (MdgSlotTimetable *self)
{
}

/**
 * mdg_slot_timetable_new:
 * @seminar: the seminar
 * @slots: (element-type MdgConsultationSlot): its slots, by time (as mdg_slot_store_list() gives them)
 *
 * Returns: (transfer full): the timetable
 */
MdgDocument *
mdg_slot_timetable_new (MdgSeminar *seminar,
                        GPtrArray  *slots)
{
  MdgSlotTimetable *self;

  g_return_val_if_fail (MDG_IS_SEMINAR (seminar), NULL);
  g_return_val_if_fail (slots != NULL, NULL);

  self = g_object_new (MDG_TYPE_SLOT_TIMETABLE, "seminar", seminar, NULL);
  self->slots = g_ptr_array_ref (slots);
  return MDG_DOCUMENT (self);
}
