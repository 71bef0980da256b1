/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-report-document"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-document-private.h"
#include "mdg-flow-private.h"
#include "mdg-report-document.h"

/*
 * The monthly report (月次報告): the month's figures, then a bar chart for each way of
 * counting (channel, kind, threat, state) drawn with Cairo, so that it prints sharp
 * and stays vector in the PDF. Aggregates only: it names no one.
 */

#define BAR_ROW     17.0
#define MAX_THREATS 12

typedef struct
{
  MdgReportDocument *self;
  GPtrArray         *rows;   /* MdgReportRow, not owned */
} Chart;

struct _MdgReportDocument
{
  MdgDocument       parent_instance;

  MdgMonthlyReport *report;
  char             *desk_name;
  GPtrArray        *threats;   /* MdgReportRow: the most frequent, then the rest together */
  GArray           *charts;    /* Chart */
  MdgFlow          *flow;
  double            content_top;
};

G_DEFINE_FINAL_TYPE (MdgReportDocument, mdg_report_document, MDG_TYPE_DOCUMENT)

static void
draw_chart (cairo_t  *cr,
            double    x,
            double    y,
            double    width,
            gpointer  data)
{
  Chart *chart = data;
  g_autoptr(PangoLayout) label = _mdg_document_layout (cr, 8.5, FALSE);
  g_autoptr(PangoLayout) value = _mdg_document_layout (cr, 8.5, TRUE);
  double label_width = width * 0.36;
  double bar_x = x + label_width + 6;
  double bar_width = width - label_width - 48;
  guint max = 0;

  for (guint i = 0; i < chart->rows->len; i++)
    max = MAX (max, ((MdgReportRow *) chart->rows->pdata[i])->count);

  /* A light grid: the scale's quarters. */
  cairo_set_line_width (cr, 0.3);
  cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
  for (int q = 0; q <= 4; q++)
    {
      cairo_move_to (cr, bar_x + bar_width * q / 4, y);
      cairo_line_to (cr, bar_x + bar_width * q / 4, y + BAR_ROW * chart->rows->len);
    }
  cairo_stroke (cr);

  for (guint i = 0; i < chart->rows->len; i++)
    {
      MdgReportRow *row = g_ptr_array_index (chart->rows, i);
      double top = y + i * BAR_ROW;
      double length = max > 0 ? bar_width * row->count / max : 0;
      g_autofree char *count = g_strdup_printf ("%u", row->count);

      cairo_set_source_rgb (cr, 0, 0, 0);
      _mdg_document_fit_text (label, row->label, label_width, BAR_ROW - 2, 8.5, 6);
      pango_layout_set_alignment (label, PANGO_ALIGN_RIGHT);
      _mdg_document_show_layout (cr, label, x, top, BAR_ROW);

      cairo_set_source_rgb (cr, 0.21, 0.42, 0.69);
      cairo_rectangle (cr, bar_x, top + 3, MAX (length, row->count > 0 ? 1.5 : 0), BAR_ROW - 6);
      cairo_fill (cr);

      cairo_set_source_rgb (cr, 0, 0, 0);
      pango_layout_set_text (value, count, -1);
      _mdg_document_show_layout (cr, value, bar_x + length + 4, top, BAR_ROW);
    }

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, bar_x, y);
  cairo_line_to (cr, bar_x, y + BAR_ROW * chart->rows->len);
  cairo_stroke (cr);
}

static void
add_chart (MdgReportDocument *self,
           cairo_t           *cr,
           const char        *title,
           GPtrArray         *rows,
           guint              index)
{
  Chart *chart = &g_array_index (self->charts, Chart, index);

  chart->self = self;
  chart->rows = rows;
  _mdg_flow_add_heading (self->flow, cr, title);
  if (rows->len == 0)
    _mdg_flow_add_text (self->flow, cr, C_("report", "None this month"), 9, FALSE);
  else
    _mdg_flow_add_custom (self->flow, BAR_ROW * rows->len + 4, draw_chart, chart);
}

static char *
count_text (guint count)
{
  return g_strdup_printf ("%u", count);
}

static guint
mdg_report_document_paginate (MdgDocument *document,
                              cairo_t     *cr,
                              double       width,
                              double       height)
{
  MdgReportDocument *self = MDG_REPORT_DOCUMENT (document);
  MdgMonthlyReport *report = self->report;
  double margin = _mdg_document_get_margin ();
  double bottom = height - margin - _mdg_document_get_footer_height ();
  g_autofree char *received = count_text (report->received);
  g_autofree char *sensitive = count_text (report->sensitive);
  g_autofree char *answer_time = mdg_report_format_hours (report->median_hours_to_answer);
  g_autofree char *close_time = mdg_report_format_hours (report->median_hours_to_close);
  /* Translators: how many consultations were answered, and the median time it took */
  g_autofree char *answered = g_strdup_printf (C_("report", "%u (median %s)"), report->answered, answer_time);
  g_autofree char *closed = g_strdup_printf (C_("report", "%u (median %s)"), report->closed, close_time);
  /* Translators: follow-ups due in the month: done on time, done late, still open */
  g_autofree char *follow_ups = g_strdup_printf (C_("report", "%u due: %u done on time, %u late, %u still open"),
                                                 report->follow_ups_due, report->follow_ups_on_time,
                                                 report->follow_ups_late, report->follow_ups_open);

  self->content_top = _mdg_document_measure_title_header (document);

  g_clear_pointer (&self->flow, _mdg_flow_free);
  self->flow = _mdg_flow_new (margin, width - 2 * margin, self->content_top, self->content_top, bottom);
  _mdg_flow_add_field (self->flow, cr, C_("report", "Consultations received"), received);
  _mdg_flow_add_field (self->flow, cr, C_("report", "Answered, time to first answer"), answered);
  _mdg_flow_add_field (self->flow, cr, C_("report", "Closed, time to close"), closed);
  _mdg_flow_add_field (self->flow, cr, C_("report", "Follow-ups"), follow_ups);
  _mdg_flow_add_field (self->flow, cr, C_("report", "Marked sensitive"), sensitive);

  add_chart (self, cr, C_("report", "By channel"), report->by_channel, 0);
  add_chart (self, cr, C_("report", "By kind"), report->by_kind, 1);
  add_chart (self, cr, C_("report", "By threat (a consultation may have several)"), self->threats, 2);
  add_chart (self, cr, C_("report", "By state, as of printing"), report->by_state, 3);

  return _mdg_flow_get_n_pages (self->flow);
}

static void
mdg_report_document_draw_page (MdgDocument *document,
                               cairo_t     *cr,
                               guint        page)
{
  MdgReportDocument *self = MDG_REPORT_DOCUMENT (document);
  g_autofree char *month = mdg_report_format_month (self->report->year, self->report->month);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u consultation", "%u consultations",
                                                         self->report->received),
                                            self->report->received);
  double y;

  y = _mdg_document_draw_title_header (document, cr, C_("document", "Monthly consultation report"), month,
                                       self->desk_name, C_("document", "Monthly report"), count);
  _mdg_flow_draw_page (self->flow, cr, page, y);
  _mdg_document_draw_footer (document, cr, page, FALSE);
}

static void
mdg_report_document_finalize (GObject *object)
{
  MdgReportDocument *self = (MdgReportDocument *) object;

  g_clear_pointer (&self->report, mdg_monthly_report_free);
  g_clear_pointer (&self->threats, g_ptr_array_unref);
  g_clear_pointer (&self->charts, g_array_unref);
  g_clear_pointer (&self->flow, _mdg_flow_free);
  g_free (self->desk_name);

  G_OBJECT_CLASS (mdg_report_document_parent_class)->finalize (object);
}

static void
mdg_report_document_class_init (MdgReportDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MdgDocumentClass *document_class = MDG_DOCUMENT_CLASS (klass);

  object_class->finalize = mdg_report_document_finalize;
  document_class->paginate = mdg_report_document_paginate;
  document_class->draw_page = mdg_report_document_draw_page;
}

static void
mdg_report_document_init (MdgReportDocument *self)
{
  self->charts = g_array_new (FALSE, TRUE, sizeof (Chart));
  g_array_set_size (self->charts, 4);
}

static void
free_row (MdgReportRow *row)
{
  g_free (row->key);
  g_free (row->label);
  g_free (row);
}

/**
 * mdg_report_document_new:
 * @report: (transfer full): the month's figures; the document takes them
 * @desk_name: (nullable): the desk's name, under the title
 *
 * Returns: (transfer full): the report
 */
MdgDocument *
mdg_report_document_new (MdgMonthlyReport *report,
                         const char       *desk_name)
{
  MdgReportDocument *self;
  g_autofree char *month = NULL;
  g_autofree char *title = NULL;
  guint others = 0;

  g_return_val_if_fail (report != NULL, NULL);

  self = g_object_new (MDG_TYPE_REPORT_DOCUMENT, NULL);
  self->report = report;
  self->desk_name = g_strdup (desk_name);

  /* The longest tail of rare threats reads better as one bar. */
  self->threats = g_ptr_array_new_with_free_func ((GDestroyNotify) free_row);
  for (guint i = 0; i < report->by_threat->len; i++)
    {
      MdgReportRow *row = g_ptr_array_index (report->by_threat, i);

      if (i < MAX_THREATS || report->by_threat->len == MAX_THREATS + 1)
        {
          MdgReportRow *copy = g_new0 (MdgReportRow, 1);

          copy->key = g_strdup (row->key);
          copy->label = g_strdup (row->label);
          copy->count = row->count;
          g_ptr_array_add (self->threats, copy);
        }
      else
        others += row->count;
    }
  if (others > 0)
    {
      MdgReportRow *rest = g_new0 (MdgReportRow, 1);

      rest->key = g_strdup ("");
      rest->label = g_strdup (C_("report", "Other threats"));
      rest->count = others;
      g_ptr_array_add (self->threats, rest);
    }

  month = mdg_report_format_month (report->year, report->month);
  title = g_strdup_printf ("%s — %s", C_("document", "Monthly consultation report"), month);
  mdg_document_set_title (MDG_DOCUMENT (self), title);
  return MDG_DOCUMENT (self);
}
