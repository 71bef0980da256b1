/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-advice-letter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-advice-letter.h"
#include "mdg-calendar.h"
#include "mdg-consultation-store.h"
#include "mdg-date.h"
#include "mdg-document-private.h"
#include "mdg-flow-private.h"

/*
 * The advice letter (助言書) sent to an organization after a consultation: the date
 * (in the era on request), the addressee — the person with 様, or the organization
 * with 御中 when no person is named — the desk and the specialist, the advice itself,
 * and the desk's contact at the foot. Long advice runs over to further pages.
 */

struct _MdgAdviceLetter
{
  MdgDocument     parent_instance;

  char           *organization;
  char           *person;
  char           *specialist;
  char           *title;
  char           *advice;
  char           *consultation_subject;
  GDateTime      *consulted_at;
  GDate           due;
  MdgDeskContact *desk;
  MdgFlow        *flow;
  double          first_top;
};

G_DEFINE_FINAL_TYPE (MdgAdviceLetter, mdg_advice_letter, MDG_TYPE_DOCUMENT)

static MdgDateFlags
date_flags (MdgDocument *document)
{
  return _mdg_document_get_era_dates (document) ? MDG_DATE_ERA : MDG_DATE_DEFAULT;
}

/* Draws the letterhead (date, addressee, sender, title); returns where the body starts. */
static double
draw_letterhead (MdgAdviceLetter *self,
                 cairo_t         *cr)
{
  MdgDocument *document = MDG_DOCUMENT (self);
  double margin = _mdg_document_get_margin () + MDG_MM (8);
  double width = _mdg_document_get_width (document) - 2 * margin;
  g_autoptr(PangoLayout) small = _mdg_document_layout (cr, 10, FALSE);
  g_autoptr(PangoLayout) name = _mdg_document_layout (cr, 13, TRUE);
  g_autoptr(PangoLayout) title = _mdg_document_layout (cr, 18, TRUE);
  g_autofree char *date = mdg_date_format (_mdg_document_get_printed_at (document), date_flags (document));
  g_autoptr(GString) sender = g_string_new (NULL);
  double y = margin;
  int w, h;

  cairo_set_source_rgb (cr, 0, 0, 0);
  pango_layout_set_width (small, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (small, PANGO_ALIGN_RIGHT);
  pango_layout_set_text (small, date, -1);
  cairo_move_to (cr, margin, y);
  pango_cairo_show_layout (cr, small);
  y += 24;

  /* The addressee: a named person with 様, otherwise the organization with 御中. */
  pango_layout_set_width (name, (int) (width * 0.62 * PANGO_SCALE));
  pango_layout_set_wrap (name, PANGO_WRAP_WORD_CHAR);
  if (self->person != NULL)
    {
      /* Translators: a person addressed on a letter; Japanese adds 様: "%s 様" */
      g_autofree char *addressee = g_strdup_printf (C_("addressee, person", "%s"), self->person);
      g_autofree char *text = self->organization ? g_strconcat (self->organization, "\n", addressee, NULL)
                                                 : g_strdup (addressee);
      pango_layout_set_text (name, text, -1);
    }
  else
    {
      /* Translators: an organization addressed on a letter; Japanese adds 御中: "%s 御中" */
      g_autofree char *addressee = g_strdup_printf (C_("addressee, organization", "%s"),
                                                    self->organization ? self->organization
                                                                       : C_("addressee", "To whom it may concern"));
      pango_layout_set_text (name, addressee, -1);
    }
  cairo_move_to (cr, margin, y);
  pango_cairo_show_layout (cr, name);
  pango_layout_get_size (name, &w, &h);
  y += (double) h / PANGO_SCALE + 14;

  /* The sender, on the right as Japanese letters have it. */
  if (self->desk && self->desk->name)
    g_string_append (sender, self->desk->name);
  if (self->specialist)
    {
      /* Translators: the specialist who signs an advice letter */
      g_autofree char *signed_by = g_strdup_printf (C_("letter", "Specialist: %s"), self->specialist);

      g_string_append_printf (sender, "%s%s", sender->len ? "\n" : "", signed_by);
    }
  pango_layout_set_text (small, sender->str, -1);
  cairo_move_to (cr, margin, y);
  pango_cairo_show_layout (cr, small);
  pango_layout_get_size (small, &w, &h);
  y += (double) h / PANGO_SCALE + 22;

  pango_layout_set_width (title, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (title, PANGO_ALIGN_CENTER);
  pango_layout_set_text (title, C_("document", "Advice letter"), -1);
  cairo_move_to (cr, margin, y);
  pango_cairo_show_layout (cr, title);
  pango_layout_get_size (title, &w, &h);
  return y + (double) h / PANGO_SCALE + 18;
}

static guint
mdg_advice_letter_paginate (MdgDocument *document,
                            cairo_t     *cr,
                            double       width,
                            double       height)
{
  MdgAdviceLetter *self = MDG_ADVICE_LETTER (document);
  double margin = _mdg_document_get_margin () + MDG_MM (8);
  double bottom = height - _mdg_document_get_margin () - _mdg_document_get_footer_height ();
  g_autofree char *subject = g_strdup_printf (C_("letter", "Re: %s"), self->title);
  g_autofree char *contact = self->desk ? mdg_desk_contact_format (self->desk) : g_strdup ("");
  g_autoptr(PangoLayout) centred = _mdg_document_layout (cr, 10.5, FALSE);
  g_autoptr(PangoLayout) right = _mdg_document_layout (cr, 10.5, FALSE);

  {
    cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *measure = cairo_create (scratch);

    self->first_top = draw_letterhead (self, measure);
    cairo_destroy (measure);
    cairo_surface_destroy (scratch);
  }

  g_clear_pointer (&self->flow, _mdg_flow_free);
  self->flow = _mdg_flow_new (margin, width - 2 * margin, self->first_top, margin, bottom);
  _mdg_flow_add_text (self->flow, cr, subject, 11, FALSE);
  _mdg_flow_add_space (self->flow, 10);
  _mdg_flow_add_text (self->flow, cr,
                      _("Thank you for consulting our desk. Following your consultation, we would like to offer the "
                        "advice below."),
                      10.5, FALSE);
  _mdg_flow_add_space (self->flow, 10);
  pango_layout_set_alignment (centred, PANGO_ALIGN_CENTER);
  /* Translators: the word that opens the list of particulars in a formal letter (記 in Japanese) */
  pango_layout_set_text (centred, C_("letter", "Particulars"), -1);
  _mdg_flow_add_layout (self->flow, centred, 0, 0, MDG_FLOW_WHOLE);
  _mdg_flow_add_space (self->flow, 8);

  if (self->consultation_subject)
    {
      g_autofree char *date = self->consulted_at ? mdg_date_format (self->consulted_at, date_flags (document)) : NULL;
      g_autofree char *consultation = date ? g_strdup_printf ("%s\n%s", date, self->consultation_subject)
                                           : g_strdup (self->consultation_subject);

      _mdg_flow_add_field (self->flow, cr, C_("letter", "Your consultation"), consultation);
    }
  if (g_date_valid (&self->due))
    {
      g_autoptr(GDateTime) at = g_date_time_new_local (g_date_get_year (&self->due), g_date_get_month (&self->due),
                                                       g_date_get_day (&self->due), 0, 0, 0);
      g_autofree char *date = mdg_date_format (at, date_flags (document));

      _mdg_flow_add_field (self->flow, cr, C_("letter", "By"), date);
    }
  _mdg_flow_add_heading (self->flow, cr, C_("letter", "Our advice"));
  _mdg_flow_add_text (self->flow, cr, self->advice ? self->advice : self->title, 10.5, TRUE);
  _mdg_flow_add_space (self->flow, 10);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  /* Translators: closes the particulars of a formal letter (以上 in Japanese) */
  pango_layout_set_text (right, C_("letter", "End"), -1);
  _mdg_flow_add_layout (self->flow, right, 0, 0, MDG_FLOW_WHOLE);

  if (*contact)
    {
      _mdg_flow_add_space (self->flow, 24);
      _mdg_flow_add_heading (self->flow, cr, C_("letter", "Contact"));
      _mdg_flow_add_text (self->flow, cr, contact, 9, TRUE);
    }

  return _mdg_flow_get_n_pages (self->flow);
}

static void
mdg_advice_letter_draw_page (MdgDocument *document,
                             cairo_t     *cr,
                             guint        page)
{
  MdgAdviceLetter *self = MDG_ADVICE_LETTER (document);
  double y = page == 0 ? draw_letterhead (self, cr) : _mdg_flow_get_top (self->flow, page);

  _mdg_flow_draw_page (self->flow, cr, page, y);
  /* A letter to its addressee: no personal-data notice at its foot. */
  _mdg_document_draw_footer (document, cr, page, FALSE);
}

static void
mdg_advice_letter_finalize (GObject *object)
{
  MdgAdviceLetter *self = (MdgAdviceLetter *) object;

  g_free (self->organization);
  g_free (self->person);
  g_free (self->specialist);
  g_free (self->title);
  g_free (self->advice);
  g_free (self->consultation_subject);
  g_clear_pointer (&self->consulted_at, g_date_time_unref);
  g_clear_pointer (&self->desk, mdg_desk_contact_free);
  g_clear_pointer (&self->flow, _mdg_flow_free);

  G_OBJECT_CLASS (mdg_advice_letter_parent_class)->finalize (object);
}

static void
mdg_advice_letter_class_init (MdgAdviceLetterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MdgDocumentClass *document_class = MDG_DOCUMENT_CLASS (klass);

  object_class->finalize = mdg_advice_letter_finalize;
  document_class->paginate = mdg_advice_letter_paginate;
  document_class->draw_page = mdg_advice_letter_draw_page;
}

static void
mdg_advice_letter_init (MdgAdviceLetter *self)
{
  g_date_clear (&self->due, 1);
}

static MdgDeskContact *
copy_desk (const MdgDeskContact *desk)
{
  MdgDeskContact *copy = g_new0 (MdgDeskContact, 1);

  copy->name = g_strdup (desk->name);
  copy->address = g_strdup (desk->address);
  copy->phone = g_strdup (desk->phone);
  copy->email = g_strdup (desk->email);
  copy->url = g_strdup (desk->url);
  copy->hours = g_strdup (desk->hours);
  return copy;
}

/**
 * mdg_advice_letter_new:
 * @follow_up: the follow-up whose advice the letter carries
 * @consultation: (nullable): its consultation, for the date and subject it recalls
 * @desk: the desk's contact
 *
 * Returns: (transfer full): the letter
 */
MdgDocument *
mdg_advice_letter_new (MdgFollowUp          *follow_up,
                       MdgConsultation      *consultation,
                       const MdgDeskContact *desk)
{
  MdgAdviceLetter *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (MDG_IS_FOLLOW_UP (follow_up), NULL);
  g_return_val_if_fail (desk != NULL, NULL);

  self = g_object_new (MDG_TYPE_ADVICE_LETTER, NULL);
  self->organization = g_strdup (mdg_follow_up_get_organization_name (follow_up));
  self->person = g_strdup (mdg_follow_up_get_person_name (follow_up));
  self->specialist = g_strdup (mdg_follow_up_get_owner_name (follow_up));
  self->title = g_strdup (mdg_follow_up_get_title (follow_up));
  self->advice = g_strdup (mdg_follow_up_get_advice (follow_up));
  self->due = *mdg_follow_up_get_due_date (follow_up);
  self->consultation_subject = g_strdup (mdg_follow_up_get_subject (follow_up));
  if (consultation != NULL)
    self->consulted_at = g_date_time_ref (mdg_consultation_get_received_at (consultation));
  self->desk = copy_desk (desk);
  title = g_strdup_printf ("%s — %s", C_("document", "Advice letter"), self->title);
  mdg_document_set_title (MDG_DOCUMENT (self), title);
  return MDG_DOCUMENT (self);
}

/**
 * mdg_advice_letter_load:
 * @db: a #MdgDatabase
 * @follow_up_id: a follow-up
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the letter for the follow-up, or %NULL with @error set
 */
MdgDocument *
mdg_advice_letter_load (MdgDatabase  *db,
                        gint64        follow_up_id,
                        GError      **error)
{
  g_autoptr(MdgFollowUp) follow_up = NULL;
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(MdgDeskContact) desk = NULL;

  if (!(follow_up = mdg_follow_up_store_load (db, follow_up_id, error)) || !(desk = mdg_desk_contact_load (db, error)))
    return NULL;
  if (mdg_follow_up_get_consultation_id (follow_up) > 0 &&
      !(consultation = mdg_consultation_store_load (db, mdg_follow_up_get_consultation_id (follow_up), error)))
    return NULL;
  return mdg_advice_letter_new (follow_up, consultation, desk);
}
