/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-consultation-sheet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-consultation-sheet.h"
#include "mdg-consultation-store.h"
#include "mdg-date.h"
#include "mdg-desk.h"
#include "mdg-document-private.h"
#include "mdg-flow-private.h"
#include "mdg-follow-up.h"

/*
 * The consultation record sheet (相談記録票): what was asked, by whom, when and how;
 * how it was classified and answered; its history; the follow-ups promised. Question
 * and answer run over as many pages as they need. A sensitive consultation says so
 * at the top of every page; every page is marked as holding personal data.
 */

struct _MdgConsultationSheet
{
  MdgDocument      parent_instance;

  MdgConsultation *consultation;
  GPtrArray       *history;      /* MdgConsultationEvent */
  GPtrArray       *follow_ups;   /* MdgFollowUp */
  GPtrArray       *attachments;  /* MdgConsultationAttachment */
  char            *desk_name;
  MdgFlow         *flow;
  double           content_top;
};

G_DEFINE_FINAL_TYPE (MdgConsultationSheet, mdg_consultation_sheet, MDG_TYPE_DOCUMENT)

#define BANNER_HEIGHT 22.0

static char *
format_time (MdgDocument *document,
             GDateTime   *at)
{
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (at == NULL)
    return NULL;
  date = mdg_date_format (at, _mdg_document_get_era_dates (document) ? MDG_DATE_ERA : MDG_DATE_DEFAULT);
  time = mdg_time_format (at);
  /* Translators: a date, then a time of day */
  return g_strdup_printf (C_("date and time", "%s %s"), date, time);
}

static void
add_history (MdgConsultationSheet *self,
             cairo_t              *cr)
{
  MdgDocument *document = MDG_DOCUMENT (self);

  for (guint i = 0; i < self->history->len; i++)
    {
      MdgConsultationEvent *event = g_ptr_array_index (self->history, i);
      g_autofree char *when = format_time (document, event->at);
      g_autofree char *what = mdg_consultation_event_describe (event);
      g_autofree char *line = NULL;

      /* Translators: a line of a consultation's history: when, who, what; then the note */
      line = g_strdup_printf (C_("history line", "%s　%s　%s"), when, event->staff_name ? event->staff_name : "—", what);
      if (event->note)
        {
          g_autofree char *with_note = g_strconcat (line, "\n　", event->note, NULL);
          _mdg_flow_add_text (self->flow, cr, with_note, 8.5, FALSE);
        }
      else
        _mdg_flow_add_text (self->flow, cr, line, 8.5, FALSE);
      _mdg_flow_add_space (self->flow, 2);
    }
}

static guint
mdg_consultation_sheet_paginate (MdgDocument *document,
                                 cairo_t     *cr,
                                 double       width,
                                 double       height)
{
  MdgConsultationSheet *self = MDG_CONSULTATION_SHEET (document);
  MdgConsultation *c = self->consultation;
  double margin = _mdg_document_get_margin ();
  g_autofree char *received = format_time (document, mdg_consultation_get_received_at (c));
  g_autofree char *kind = mdg_consultation_dup_categories_text (c, "kind");
  g_autofree char *threat = mdg_consultation_dup_categories_text (c, "threat");
  g_autofree char *guidebook = mdg_consultation_dup_categories_text (c, "guidebook");
  g_autofree char *due = NULL;
  g_autoptr(GString) who = g_string_new (NULL);
  double bottom = height - margin - _mdg_document_get_footer_height ();

  self->content_top = _mdg_document_measure_title_header (document);
  if (mdg_consultation_get_sensitive (c))
    self->content_top += BANNER_HEIGHT + 6;

  if (g_date_valid (mdg_consultation_get_due_date (c)))
    {
      const GDate *d = mdg_consultation_get_due_date (c);
      g_autoptr(GDateTime) at = g_date_time_new_local (g_date_get_year (d), g_date_get_month (d), g_date_get_day (d), 0,
                                                       0, 0);
      due = mdg_date_format (at, _mdg_document_get_era_dates (document) ? MDG_DATE_ERA : MDG_DATE_DEFAULT);
    }
  for (MdgConsultationText t = MDG_CONSULTATION_ORGANIZATION; t <= MDG_CONSULTATION_PERSON_EMAIL; t++)
    if (mdg_consultation_get_text (c, t))
      g_string_append_printf (who, "%s%s", who->len ? "\n" : "", mdg_consultation_get_text (c, t));

  g_clear_pointer (&self->flow, _mdg_flow_free);
  self->flow = _mdg_flow_new (margin, width - 2 * margin, self->content_top, self->content_top, bottom);
  _mdg_flow_add_field (self->flow, cr, C_("record sheet", "Received"), received);
  _mdg_flow_add_field (self->flow, cr, C_("record sheet", "Channel"),
                       mdg_channel_get_label (mdg_consultation_get_channel (c)));
  _mdg_flow_add_field (self->flow, cr, C_("record sheet", "From"), who->str);
  if (mdg_consultation_get_text (c, MDG_CONSULTATION_SEMINAR))
    _mdg_flow_add_field (self->flow, cr, C_("record sheet", "Seminar"),
                         mdg_consultation_get_text (c, MDG_CONSULTATION_SEMINAR));
  _mdg_flow_add_field (self->flow, cr, C_("record sheet", "Kind"), kind);
  _mdg_flow_add_field (self->flow, cr, C_("record sheet", "Threat"), threat);
  if (*guidebook)
    _mdg_flow_add_field (self->flow, cr, C_("record sheet", "Guidebook"), guidebook);
  _mdg_flow_add_field (self->flow, cr, C_("record sheet", "Urgency"),
                       mdg_urgency_get_label (mdg_consultation_get_urgency (c)));
  _mdg_flow_add_field (self->flow, cr, C_("record sheet", "State"),
                       mdg_consultation_state_get_label (mdg_consultation_get_state (c)));
  _mdg_flow_add_field (self->flow, cr, C_("record sheet", "Answer due"), due);
  _mdg_flow_add_field (self->flow, cr, C_("record sheet", "Handled by"),
                       mdg_consultation_get_text (c, MDG_CONSULTATION_ASSIGNEE));
  if (mdg_consultation_get_text (c, MDG_CONSULTATION_REFERRAL))
    _mdg_flow_add_field (self->flow, cr, C_("record sheet", "Referred to"),
                         mdg_consultation_get_text (c, MDG_CONSULTATION_REFERRAL));

  _mdg_flow_add_heading (self->flow, cr, C_("record sheet", "Subject"));
  _mdg_flow_add_text (self->flow, cr, mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT), 10, FALSE);
  _mdg_flow_add_heading (self->flow, cr, C_("record sheet", "Question"));
  _mdg_flow_add_text (self->flow, cr, mdg_consultation_get_text (c, MDG_CONSULTATION_QUESTION), 9.5, TRUE);
  if (self->attachments->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < self->attachments->len; i++)
        {
          MdgConsultationAttachment *a = g_ptr_array_index (self->attachments, i);
          g_autofree char *size = g_format_size (a->size);

          g_string_append_printf (list, "%s%s（%s）", list->len ? "\n" : "", a->filename, size);
        }
      _mdg_flow_add_field (self->flow, cr, C_("record sheet", "Attachments"), list->str);
    }
  _mdg_flow_add_heading (self->flow, cr, C_("record sheet", "Answer"));
  _mdg_flow_add_text (self->flow, cr, mdg_consultation_get_text (c, MDG_CONSULTATION_ANSWER), 9.5, TRUE);

  if (self->follow_ups->len > 0)
    {
      _mdg_flow_add_heading (self->flow, cr, C_("record sheet", "Follow-ups"));
      for (guint i = 0; i < self->follow_ups->len; i++)
        {
          MdgFollowUp *f = g_ptr_array_index (self->follow_ups, i);
          const GDate *d = mdg_follow_up_get_due_date (f);
          g_autoptr(GDateTime) at = g_date_time_new_local (g_date_get_year (d), g_date_get_month (d), g_date_get_day (d),
                                                           0, 0, 0);
          g_autofree char *date = mdg_date_format (at, _mdg_document_get_era_dates (document) ? MDG_DATE_ERA
                                                                                            : MDG_DATE_DEFAULT);
          /* Translators: a follow-up on the record sheet: its title, due date, owner and state */
          g_autofree char *label = g_strdup_printf (C_("record sheet", "Due %s, %s, %s"), date,
                                                    mdg_follow_up_get_owner_name (f) ? mdg_follow_up_get_owner_name (f)
                                                                                      : "—",
                                                    mdg_follow_up_state_get_label (mdg_follow_up_get_state (f)));

          _mdg_flow_add_field (self->flow, cr, mdg_follow_up_get_title (f), label);
        }
    }

  _mdg_flow_add_heading (self->flow, cr, C_("record sheet", "History"));
  add_history (self, cr);

  return _mdg_flow_get_n_pages (self->flow);
}

static void
mdg_consultation_sheet_draw_page (MdgDocument *document,
                                  cairo_t     *cr,
                                  guint        page)
{
  MdgConsultationSheet *self = MDG_CONSULTATION_SHEET (document);
  double margin = _mdg_document_get_margin ();
  double width = _mdg_document_get_width (document);
  /* Translators: the consultation's number on its record sheet */
  g_autofree char *number = g_strdup_printf (_("Consultation No. %lld"),
                                             (long long) mdg_consultation_get_id (self->consultation));
  double y;

  y = _mdg_document_draw_title_header (document, cr, C_("document", "Consultation record sheet"), self->desk_name, NULL,
                                       number, mdg_consultation_get_text (self->consultation, MDG_CONSULTATION_SUBJECT));
  if (mdg_consultation_get_sensitive (self->consultation))
    {
      g_autoptr(PangoLayout) banner = _mdg_document_layout (cr, 10, TRUE);

      cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
      cairo_set_line_width (cr, 1.5);
      cairo_rectangle (cr, margin, y, width - 2 * margin, BANNER_HEIGHT);
      cairo_stroke (cr);
      _mdg_document_fit_text (banner, _("Sensitive — a named victim or a police matter: show only to those who handle it"),
                              width - 2 * margin - 12, BANNER_HEIGHT - 4, 10, 7);
      pango_layout_set_alignment (banner, PANGO_ALIGN_CENTER);
      _mdg_document_show_layout (cr, banner, margin + 6, y, BANNER_HEIGHT);
      y += BANNER_HEIGHT + 6;
    }
  _mdg_flow_draw_page (self->flow, cr, page, y);
  _mdg_document_draw_footer (document, cr, page, TRUE);
}

static void
mdg_consultation_sheet_finalize (GObject *object)
{
  MdgConsultationSheet *self = (MdgConsultationSheet *) object;

  g_clear_object (&self->consultation);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->follow_ups, g_ptr_array_unref);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->flow, _mdg_flow_free);
  g_free (self->desk_name);

  G_OBJECT_CLASS (mdg_consultation_sheet_parent_class)->finalize (object);
}

static void
mdg_consultation_sheet_class_init (MdgConsultationSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MdgDocumentClass *document_class = MDG_DOCUMENT_CLASS (klass);

  object_class->finalize = mdg_consultation_sheet_finalize;
  document_class->paginate = mdg_consultation_sheet_paginate;
  document_class->draw_page = mdg_consultation_sheet_draw_page;
}

static void
mdg_consultation_sheet_init (MdgConsultationSheet *self)
{
}

/**
 * mdg_consultation_sheet_new:
 * @consultation: the consultation
 * @history: (element-type MdgConsultationEvent): its history
 * @follow_ups: (element-type MdgFollowUp): its follow-ups
 * @attachments: (element-type MdgConsultationAttachment): its attachments
 * @desk_name: (nullable): the desk's name, under the title
 *
 * Returns: (transfer full): the record sheet
 */
MdgDocument *
mdg_consultation_sheet_new (MdgConsultation *consultation,
                            GPtrArray       *history,
                            GPtrArray       *follow_ups,
                            GPtrArray       *attachments,
                            const char      *desk_name)
{
  MdgConsultationSheet *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (MDG_IS_CONSULTATION (consultation), NULL);

  self = g_object_new (MDG_TYPE_CONSULTATION_SHEET, NULL);
  self->consultation = g_object_ref (consultation);
  self->history = g_ptr_array_ref (history);
  self->follow_ups = g_ptr_array_ref (follow_ups);
  self->attachments = g_ptr_array_ref (attachments);
  self->desk_name = g_strdup (desk_name);
  title = g_strdup_printf ("%s — %s", C_("document", "Consultation record sheet"),
                           mdg_consultation_get_text (consultation, MDG_CONSULTATION_SUBJECT));
  mdg_document_set_title (MDG_DOCUMENT (self), title);
  return MDG_DOCUMENT (self);
}

/**
 * mdg_consultation_sheet_load:
 * @db: a #MdgDatabase
 * @id: a consultation
 * @error: a location for a #GError
 *
 * Reads everything the record sheet prints (in the caller's thread: call it from a
 * worker for the window).
 *
 * Returns: (transfer full): the record sheet, or %NULL with @error set
 */
MdgDocument *
mdg_consultation_sheet_load (MdgDatabase  *db,
                             gint64        id,
                             GError      **error)
{
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(MdgDeskContact) desk = NULL;
  MdgFollowUpFilter filter;

  mdg_follow_up_filter_init (&filter);
  filter.consultation_id = id;
  if (!(consultation = mdg_consultation_store_load (db, id, error)) ||
      !(history = mdg_consultation_store_list_history (db, id, error)) ||
      !(follow_ups = mdg_follow_up_store_list (db, &filter, error)) ||
      !(attachments = mdg_consultation_store_list_attachments (db, id, error)) || !(desk = mdg_desk_contact_load (db, error)))
    return NULL;
  return mdg_consultation_sheet_new (consultation, history, follow_ups, attachments, desk->name);
}
