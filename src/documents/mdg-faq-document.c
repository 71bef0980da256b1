/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-faq-document"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-database-work.h"
#include "mdg-date.h"
#include "mdg-document-private.h"
#include "mdg-faq-document.h"
#include "mdg-faq-store.h"
#include "mdg-flow-private.h"
#include "mdg-markup.h"

/*
 * The published FAQ as a booklet the desk hands out: a title block, then the questions
 * grouped by the guidebook's chapters, each answer under its question, its categories
 * and revision date beneath; the desk's contact at the end. Answers break across pages
 * between lines; a question never stays alone at the foot of a page.
 */

struct _MdgFaqDocument
{
  MdgDocument     parent_instance;

  GPtrArray      *chapters;   /* MdgFaqChapter */
  MdgDeskContact *desk;
  MdgFlow        *flow;
  double          first_top;
};

G_DEFINE_FINAL_TYPE (MdgFaqDocument, mdg_faq_document, MDG_TYPE_DOCUMENT)

#define HANG 16.0

static void
mdg_faq_document_finalize (GObject *object)
{
  MdgFaqDocument *self = (MdgFaqDocument *) object;

  g_clear_pointer (&self->chapters, g_ptr_array_unref);
  g_clear_pointer (&self->desk, mdg_desk_contact_free);
  g_clear_pointer (&self->flow, _mdg_flow_free);

  G_OBJECT_CLASS (mdg_faq_document_parent_class)->finalize (object);
}

static char *
escape_printf (const char *format,
               ...) G_GNUC_PRINTF (1, 2);

static char *
escape_printf (const char *format,
               ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  return text;
}

static char *
entry_meta (MdgFaqDocument *self,
            MdgFaqEntry    *entry)
{
  GPtrArray *categories = mdg_faq_entry_get_categories (entry);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; i < categories->len; i++)
    g_ptr_array_add (parts, g_strdup (mdg_faq_category_get_name (g_ptr_array_index (categories, i))));
  if (mdg_faq_entry_get_updated_at (entry) != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (mdg_faq_entry_get_updated_at (entry));
      g_autofree char *date = mdg_date_format (local, _mdg_document_get_era_dates (MDG_DOCUMENT (self))
                                                        ? MDG_DATE_ERA : MDG_DATE_DEFAULT);

      g_ptr_array_add (parts, g_strdup_printf (_("Updated %s"), date));
    }
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv ("　", (char **) parts->pdata);
  return escape_printf ("<span foreground=\"#555555\">%s</span>", joined);
}

static double
measure_title_block (MdgFaqDocument *self,
                     cairo_t        *cr,
                     gboolean        draw);

static guint
mdg_faq_document_paginate (MdgDocument *document,
                           cairo_t     *cr,
                           double       width,
                           double       height)
{
  MdgFaqDocument *self = MDG_FAQ_DOCUMENT (document);
  double margin = _mdg_document_get_margin ();
  double column = width - 2 * margin;
  double bottom = height - margin - _mdg_document_get_footer_height () - MDG_FLOW_FOOT_GAP;

  g_clear_pointer (&self->flow, _mdg_flow_free);
  self->first_top = measure_title_block (self, cr, FALSE);
  /* Later pages carry a one-line running head. */
  self->flow = _mdg_flow_new (margin, column, self->first_top, margin + MDG_FLOW_HEAD_HEIGHT, bottom);

  if (self->chapters->len == 0)
    {
      g_autofree char *markup = escape_printf ("%s", _("No question has been published yet."));
      g_autoptr(PangoLayout) layout = _mdg_flow_markup_layout (cr, 11, FALSE, column, markup);

      _mdg_flow_add_layout (self->flow, layout, 0, 0, MDG_FLOW_BREAKS);
    }

  for (guint i = 0; i < self->chapters->len; i++)
    {
      MdgFaqChapter *chapter = g_ptr_array_index (self->chapters, i);
      const char *name = chapter->chapter ? mdg_faq_category_get_name (chapter->chapter) : _("Other questions");
      g_autofree char *heading = escape_printf ("%s", name);
      g_autoptr(PangoLayout) heading_layout = _mdg_flow_markup_layout (cr, 13, TRUE, column, heading);

      _mdg_flow_add_layout (self->flow, heading_layout, 0, i == 0 ? 0 : 16, MDG_FLOW_WITH_NEXT);
      for (guint j = 0; j < chapter->entries->len; j++)
        {
          MdgFaqEntry *entry = g_ptr_array_index (chapter->entries, j);
          /* Translators: before each question in the printed FAQ */
          g_autofree char *question = escape_printf ("%s%s", _("Q. "), mdg_faq_entry_get_question (entry));
          g_autofree char *answer = mdg_markup_to_pango (mdg_faq_entry_get_answer (entry));
          g_autofree char *meta = entry_meta (self, entry);
          g_autoptr(PangoLayout) question_layout = _mdg_flow_markup_layout (cr, 11, TRUE, column, question);
          g_autoptr(PangoLayout) answer_layout = _mdg_flow_markup_layout (cr, 10, FALSE, column - HANG, answer);
          g_autoptr(PangoLayout) meta_layout = _mdg_flow_markup_layout (cr, 7.5, FALSE, column - HANG, meta);

          /* "Q." hangs: the question's further lines start where its text does. */
          pango_layout_set_indent (question_layout, (int) (-HANG * PANGO_SCALE));
          pango_layout_set_spacing (answer_layout, 2 * PANGO_SCALE);
          _mdg_flow_add_layout (self->flow, question_layout, 0, 10, MDG_FLOW_WITH_NEXT);
          _mdg_flow_add_layout (self->flow, answer_layout, HANG, 4, MDG_FLOW_BREAKS);
          _mdg_flow_add_layout (self->flow, meta_layout, HANG, 3, MDG_FLOW_BREAKS);
        }
    }

  if (mdg_desk_contact_is_set (self->desk))
    {
      g_autofree char *contact = mdg_desk_contact_format (self->desk);
      g_autofree char *heading = escape_printf ("%s", _("Contact"));
      g_autofree char *body = escape_printf ("%s", contact);
      g_autoptr(PangoLayout) heading_layout = _mdg_flow_markup_layout (cr, 11, TRUE, column, heading);
      g_autoptr(PangoLayout) body_layout = _mdg_flow_markup_layout (cr, 9.5, FALSE, column, body);

      _mdg_flow_add_rule (self->flow, 0, column, 20);
      _mdg_flow_add_layout (self->flow, heading_layout, 0, 6, MDG_FLOW_WITH_NEXT);
      _mdg_flow_add_layout (self->flow, body_layout, 0, 4, MDG_FLOW_BREAKS);
    }

  return _mdg_flow_get_n_pages (self->flow);
}

/* The first page's title block; returns where the flow starts below it. */
static double
measure_title_block (MdgFaqDocument *self,
                     cairo_t        *cr,
                     gboolean        draw)
{
  MdgDocument *document = MDG_DOCUMENT (self);
  double margin = _mdg_document_get_margin ();
  double width = _mdg_document_get_width (document) - 2 * margin;
  g_autoptr(PangoLayout) title = _mdg_document_layout (cr, 20, TRUE);
  g_autoptr(PangoLayout) line = _mdg_document_layout (cr, 10, FALSE);
  g_autofree char *date = mdg_date_format (_mdg_document_get_printed_at (document),
                                           _mdg_document_get_era_dates (document) ? MDG_DATE_ERA : MDG_DATE_DEFAULT);
  /* Translators: under the printed FAQ's title: the day it was printed */
  g_autofree char *as_of = g_strdup_printf (_("As of %s"), date);
  const char *desk = self->desk && self->desk->name ? self->desk->name : NULL;
  double y = margin;
  int w, h;

  cairo_set_source_rgb (cr, 0, 0, 0);
  _mdg_document_fit_text (title, _("Frequently Asked Questions"), width, 60, 20, 12);
  if (draw)
    {
      cairo_move_to (cr, margin, y);
      pango_cairo_show_layout (cr, title);
    }
  pango_layout_get_size (title, &w, &h);
  y += (double) h / PANGO_SCALE + 6;

  _mdg_document_fit_text (line, desk ? desk : as_of, width, 30, 10, 7);
  if (draw)
    {
      cairo_move_to (cr, margin, y);
      pango_cairo_show_layout (cr, line);
    }
  pango_layout_get_size (line, &w, &h);
  y += (double) h / PANGO_SCALE + 2;
  if (desk != NULL)
    {
      _mdg_document_fit_text (line, as_of, width, 20, 10, 7);
      if (draw)
        {
          cairo_move_to (cr, margin, y);
          pango_cairo_show_layout (cr, line);
        }
      pango_layout_get_size (line, &w, &h);
      y += (double) h / PANGO_SCALE + 2;
    }

  y += 6;
  if (draw)
    {
      cairo_set_line_width (cr, 1.5);
      cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
      cairo_move_to (cr, margin, y);
      cairo_line_to (cr, margin + width, y);
      cairo_stroke (cr);
    }
  return y + 14;
}

static void
mdg_faq_document_draw_page (MdgDocument *document,
                            cairo_t     *cr,
                            guint        page)
{
  MdgFaqDocument *self = MDG_FAQ_DOCUMENT (document);

  cairo_save (cr);
  if (page == 0)
    measure_title_block (self, cr, TRUE);
  else
    _mdg_flow_draw_running_head (document, cr, _("Frequently Asked Questions"), self->desk ? self->desk->name : NULL);
  cairo_restore (cr);

  _mdg_flow_draw_page (self->flow, cr, page, _mdg_flow_get_top (self->flow, page));
  _mdg_document_draw_footer (document, cr, page, FALSE);
}

static void
mdg_faq_document_class_init (MdgFaqDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MdgDocumentClass *document_class = MDG_DOCUMENT_CLASS (klass);

  object_class->finalize = mdg_faq_document_finalize;
  document_class->paginate = mdg_faq_document_paginate;
  document_class->draw_page = mdg_faq_document_draw_page;
}

static void
mdg_faq_document_init (MdgFaqDocument *self)
{
}

/**
 * mdg_faq_document_new:
 * @chapters: (element-type MdgFaqChapter): the published FAQ, from
 *   mdg_faq_store_list_chapters(); referenced
 * @desk: (nullable): the desk's contact, printed at the end; copied
 *
 * Returns: (transfer full): the document
 */
MdgDocument *
mdg_faq_document_new (GPtrArray            *chapters,
                      const MdgDeskContact *desk)
{
  MdgFaqDocument *self;

  g_return_val_if_fail (chapters != NULL, NULL);

  self = g_object_new (MDG_TYPE_FAQ_DOCUMENT, NULL);
  self->chapters = g_ptr_array_ref (chapters);
  self->desk = g_new0 (MdgDeskContact, 1);
  if (desk != NULL)
    {
      self->desk->name = g_strdup (desk->name);
      self->desk->address = g_strdup (desk->address);
      self->desk->phone = g_strdup (desk->phone);
      self->desk->email = g_strdup (desk->email);
      self->desk->url = g_strdup (desk->url);
      self->desk->hours = g_strdup (desk->hours);
    }
  mdg_document_set_title (MDG_DOCUMENT (self), _("Frequently Asked Questions"));
  return MDG_DOCUMENT (self);
}

/**
 * mdg_faq_export_pdf:
 * @db: a #MdgDatabase
 * @path: the PDF to write
 * @era_dates: whether dates show the Japanese era
 * @error: a location for a #GError
 *
 * Writes the published FAQ, grouped by guidebook chapter, as a PDF.
 */
gboolean
mdg_faq_export_pdf (MdgDatabase  *db,
                    const char   *path,
                    gboolean      era_dates,
                    GError      **error)
{
  g_autoptr(GPtrArray) chapters = NULL;
  g_autoptr(MdgDeskContact) desk = NULL;
  g_autoptr(MdgDocument) document = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  chapters = mdg_faq_store_list_chapters (db, error);
  if (chapters == NULL)
    return FALSE;
  desk = mdg_desk_contact_load (db, error);
  if (desk == NULL)
    return FALSE;

  document = mdg_faq_document_new (chapters, desk);
  mdg_document_set_era_dates (document, era_dates);
  return mdg_document_export_pdf (document, path, error);
}

typedef struct
{
  char     *path;
  gboolean  era_dates;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->path);
  g_free (data);
}

static gboolean
export_work (MdgDatabase  *connection,
             gpointer      user_data,
             GError      **error)
{
  ExportData *data = user_data;

  return mdg_faq_export_pdf (connection, data->path, data->era_dates, error);
}

/* mdg_faq_export_pdf() in a worker thread, on a connection of its own. */
void
mdg_faq_export_pdf_async (MdgDatabase         *db,
                          const char          *path,
                          gboolean             era_dates,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  ExportData *data;

  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (path != NULL);

  data = g_new0 (ExportData, 1);
  data->path = g_strdup (path);
  data->era_dates = era_dates;
  mdg_database_work_async (db, export_work, data, (GDestroyNotify) export_data_free, mdg_faq_export_pdf_async,
                           cancellable, callback, user_data);
}

gboolean
mdg_faq_export_pdf_finish (MdgDatabase   *db,
                           GAsyncResult  *result,
                           GError       **error)
{
  return mdg_database_work_finish (db, result, mdg_faq_export_pdf_async, error);
}
