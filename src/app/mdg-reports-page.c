/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-reports-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-database-work.h"
#include "mdg-desk.h"
#include "mdg-document-output.h"
#include "mdg-report-document.h"
#include "mdg-report-export.h"
#include "mdg-reports-page.h"
#include "mdg-work-util.h"

/*
 * The Reports section: the desk's month in figures (月次報告), as the core computes
 * it — consultations by channel, kind, threat and state, how long answers took, and
 * the follow-ups due in the month. It opens on last month, the one a report is
 * written for; the arrows go from month to month. The report is computed in a
 * worker, and saved as PDF (with its bar charts) or CSV through the window's
 * document output.
 */

struct _MdgReportsPage
{
  MdgSection        parent_instance;

  /* template widgets */
  AdwWindowTitle   *window_title;
  GtkStack         *stack;
  GtkWidget        *report_box;
  GtkFlowBox       *figures_box;
  GtkFlowBox       *follow_up_box;

  /* owned */
  GCancellable     *cancellable;
  MdgMonthlyReport *report;
  GPtrArray        *groups;          /* the tables under the figures, rebuilt each month */
  int               year;
  int               month;
};

G_DEFINE_FINAL_TYPE (MdgReportsPage, mdg_reports_page, MDG_TYPE_SECTION)

/* A report computed in a worker, with the desk's name for the PDF's heading. */
typedef struct
{
  int               year;
  int               month;
  MdgMonthlyReport *report;
  char             *desk_name;
  gboolean          csv;
  GWeakRef          page;
} Job;

static void
job_clear (Job *job)
{
  g_clear_pointer (&job->report, mdg_monthly_report_free);
  g_free (job->desk_name);
  g_weak_ref_clear (&job->page);
}

static Job *
job_ref (Job *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
job_unref (Job *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_unref)

static Job *
job_new (MdgReportsPage *self)
{
  Job *job = g_atomic_rc_box_new0 (Job);

  job->year = self->year;
  job->month = self->month;
  g_weak_ref_init (&job->page, self);
  return job;
}

static gboolean
report_work (MdgDatabase  *connection,
             gpointer      data,
             GError      **error)
{
  Job *job = data;
  g_autoptr(MdgDeskContact) desk = NULL;

  if (!(job->report = mdg_report_monthly (connection, job->year, job->month, error)) ||
      !(desk = mdg_desk_contact_load (connection, error)))
    return FALSE;
  job->desk_name = g_strdup (desk->name);
  return TRUE;
}

static GtkWidget *
figure_new (const char *value,
            const char *caption,
            const char *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *number = gtk_label_new (value);
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_set_name (number, name);
  gtk_widget_add_css_class (number, "title-1");
  gtk_widget_add_css_class (number, "numeric");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (number, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  return box;
}

static void
add_count (GtkFlowBox     *box,
           guint           count,
           const char     *caption,
           const char     *name)
{
  g_autofree char *value = g_strdup_printf ("%u", count);

  gtk_flow_box_append (box, figure_new (value, caption, name));
}

static void
add_hours (MdgReportsPage *self,
           double          hours,
           const char     *caption,
           const char     *name)
{
  g_autofree char *value = mdg_report_format_hours (hours);

  gtk_flow_box_append (self->figures_box, figure_new (value, caption, name));
}

/* A table of counts with a bar each, as the PDF draws them. */
static void
add_table (MdgReportsPage *self,
           const char     *title,
           const char     *name,
           GPtrArray      *rows,
           guint           total)
{
  GtkWidget *group = adw_preferences_group_new ();
  guint most = 1;

  gtk_widget_set_name (group, name);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  for (guint i = 0; i < rows->len; i++)
    most = MAX (most, ((MdgReportRow *) rows->pdata[i])->count);
  for (guint i = 0; i < rows->len; i++)
    {
      MdgReportRow *row = g_ptr_array_index (rows, i);
      GtkWidget *action_row = adw_action_row_new ();
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, most);
      g_autofree char *count = g_strdup_printf ("%u", row->count);
      g_autofree char *label = g_markup_escape_text (row->label && *row->label ? row->label : _("None"), -1);
      GtkWidget *count_label = gtk_label_new (count);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), label);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), row->count);
      /* The bars compare; they are not a state to warn about. */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_size_request (bar, 160, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_set_name (count_label, row->key ? row->key : "");
      gtk_widget_set_size_request (count_label, 40, -1);
      gtk_label_set_xalign (GTK_LABEL (count_label), 1);
      gtk_widget_add_css_class (count_label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), bar);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), count_label);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), action_row);
    }
  if (rows->len == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none), _("None this month"));
      gtk_widget_add_css_class (none, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), none);
    }
  (void) total;
  gtk_box_append (GTK_BOX (self->report_box), group);
  g_ptr_array_add (self->groups, group);
}

static void
show_report (MdgReportsPage *self)
{
  MdgMonthlyReport *report = self->report;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_box))) != NULL)
    gtk_flow_box_remove (self->figures_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->follow_up_box))) != NULL)
    gtk_flow_box_remove (self->follow_up_box, child);
  for (guint i = 0; i < self->groups->len; i++)
    gtk_box_remove (GTK_BOX (self->report_box), self->groups->pdata[i]);
  g_ptr_array_set_size (self->groups, 0);

  add_count (self->figures_box, report->received, _("Consultations received"), "reports-received");
  add_count (self->figures_box, report->answered, _("Answered by now"), "reports-answered");
  add_hours (self, report->median_hours_to_answer, _("Median time to first answer"), "reports-to-answer");
  add_count (self->figures_box, report->closed, _("Closed"), "reports-closed");
  add_hours (self, report->median_hours_to_close, _("Median time to close"), "reports-to-close");
  add_count (self->figures_box, report->sensitive, _("Sensitive"), "reports-sensitive");
  /* Under their heading, "follow-ups" goes without saying. */
  add_count (self->follow_up_box, report->follow_ups_due, C_("report", "Due"), "reports-follow-ups-due");
  add_count (self->follow_up_box, report->follow_ups_on_time, C_("report", "Done on time"), "reports-on-time");
  add_count (self->follow_up_box, report->follow_ups_late, C_("report", "Done late"), "reports-late");
  add_count (self->follow_up_box, report->follow_ups_open, C_("report", "Still open"), "reports-open");

  add_table (self, _("By Channel"), "reports-by-channel", report->by_channel, report->received);
  add_table (self, _("By Kind"), "reports-by-kind", report->by_kind, report->received);
  add_table (self, _("By Threat"), "reports-by-threat", report->by_threat, report->received);
  add_table (self, _("By State, as Things Stand Now"), "reports-by-state", report->by_state, report->received);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
report_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GtkWidget) widget = _mdg_work_finish_for (g_weak_ref_get (&job->page), MDG_DATABASE (source), result,
                                                      report_work, "compute a monthly report");
  MdgReportsPage *self = widget ? MDG_REPORTS_PAGE (widget) : NULL;

  /* A report of a month since left is not shown. */
  if (self == NULL || job->year != self->year || job->month != self->month)
    return;
  g_clear_pointer (&self->report, mdg_monthly_report_free);
  self->report = g_steal_pointer (&job->report);
  show_report (self);
  gtk_widget_action_set_enabled (widget, "reports.export-pdf", TRUE);
  gtk_widget_action_set_enabled (widget, "reports.export-csv", TRUE);
}

static void
reload (MdgReportsPage *self)
{
  g_autofree char *title = NULL;
  Job *job;

  if (mdg_section_get_database (MDG_SECTION (self)) == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  title = mdg_report_format_month (self->year, self->month);
  adw_window_title_set_subtitle (self->window_title, title);
  g_clear_pointer (&self->report, mdg_monthly_report_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-csv", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  job = job_new (self);
  mdg_database_work_async (mdg_section_get_database (MDG_SECTION (self)), report_work, job_ref (job),
                           (GDestroyNotify) job_unref, report_work, self->cancellable, report_loaded_cb, job);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GtkWidget) widget = _mdg_work_finish_for (g_weak_ref_get (&job->page), MDG_DATABASE (source), result,
                                                      report_work, "compute a monthly report");
  g_autofree char *month = NULL;
  g_autofree char *name = NULL;

  if (widget == NULL)
    return;

  month = g_strdup_printf ("%04d-%02d", job->year, job->month);
  if (job->csv)
    {
      g_autofree char *csv = mdg_report_export_csv (job->report);
      gsize length = strlen (csv);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&csv), length);

      /* Translators: the file name offered for a monthly report's figures, with its month (2026-11) */
      name = g_strdup_printf (_("Monthly Report %s.csv"), month);
      /* Counts only: nobody is named in it. */
      _mdg_save_bytes (widget, bytes, _("Save as CSV"), _("CSV files"), name, "*.csv", FALSE);
    }
  else
    {
      g_autoptr(MdgDocument) document = mdg_report_document_new (g_steal_pointer (&job->report), job->desk_name);

      /* Translators: the file name offered for a monthly report, with its month (2026-11) */
      name = g_strdup_printf (_("Monthly Report %s.pdf"), month);
      _mdg_document_apply_settings (document);
      _mdg_document_save_pdf (widget, document, name);
    }
}

static void
export (MdgReportsPage *self,
        gboolean        csv)
{
  Job *job = job_new (self);

  job->csv = csv;
  mdg_database_work_async (mdg_section_get_database (MDG_SECTION (self)), report_work, job_ref (job),
                           (GDestroyNotify) job_unref, report_work, NULL, exported_cb, job);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  export (MDG_REPORTS_PAGE (widget), FALSE);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  export (MDG_REPORTS_PAGE (widget), TRUE);
}

static void
step_month (MdgReportsPage *self,
            int             delta)
{
  int index = self->year * 12 + (self->month - 1) + delta;

  mdg_reports_page_set_month (self, index / 12, index % 12 + 1);
}

static void
previous_month_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  step_month (MDG_REPORTS_PAGE (widget), -1);
}

static void
next_month_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  step_month (MDG_REPORTS_PAGE (widget), 1);
}

static void
mdg_reports_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mdg_reports_page_parent_class)->map (widget);

  /* Consultations change elsewhere: shown again, the figures are fresh. */
  reload (MDG_REPORTS_PAGE (widget));
}

static void
mdg_reports_page_dispose (GObject *object)
{
  MdgReportsPage *self = MDG_REPORTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_REPORTS_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, mdg_monthly_report_free);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (mdg_reports_page_parent_class)->dispose (object);
}

static void
mdg_reports_page_class_init (MdgReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_reports_page_dispose;
  widget_class->map = mdg_reports_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgReportsPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, MdgReportsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MdgReportsPage, report_box);
  gtk_widget_class_bind_template_child (widget_class, MdgReportsPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, MdgReportsPage, follow_up_box);

  gtk_widget_class_install_action (widget_class, "reports.previous-month", NULL, previous_month_action);
  gtk_widget_class_install_action (widget_class, "reports.next-month", NULL, next_month_action);
  gtk_widget_class_install_action (widget_class, "reports.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "reports.export-csv", NULL, export_csv_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "reports.previous-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "reports.next-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "reports.export-pdf", NULL);
}

static void
mdg_reports_page_init (MdgReportsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last_month = g_date_time_add_months (now, -1);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
  /* A monthly report is written for the month just ended. */
  self->year = g_date_time_get_year (last_month);
  self->month = g_date_time_get_month (last_month);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-csv", FALSE);
}

void
mdg_reports_page_set_month (MdgReportsPage *self,
                            int             year,
                            int             month)
{
  g_return_if_fail (MDG_IS_REPORTS_PAGE (self));
  g_return_if_fail (month >= 1 && month <= 12);

  if (year == self->year && month == self->month)
    return;
  self->year = year;
  self->month = month;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

void
mdg_reports_page_get_month (MdgReportsPage *self,
                            int            *year,
                            int            *month)
{
  g_return_if_fail (MDG_IS_REPORTS_PAGE (self));

  *year = self->year;
  *month = self->month;
}

/* Returns: (transfer none) (nullable): the report shown, %NULL while it is computed */
const MdgMonthlyReport *
mdg_reports_page_get_report (MdgReportsPage *self)
{
  g_return_val_if_fail (MDG_IS_REPORTS_PAGE (self), NULL);
  return self->report;
}
