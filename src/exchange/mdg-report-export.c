/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-report-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-csv.h"
#include "mdg-report-export.h"

/*
 * The monthly report as CSV for Excel (UTF-8 with a byte-order mark): one row per
 * figure — section, key (stable, for formulas), label in the interface's language,
 * value. Aggregates only: no person or organization appears in it.
 */

static void
add_row (GString    *out,
         const char *section,
         const char *key,
         const char *label,
         const char *value)
{
  const char *row[] = { section, key, label, value };

  mdg_csv_append_row (out, row, G_N_ELEMENTS (row));
}

static void
add_count (GString    *out,
           const char *section,
           const char *key,
           const char *label,
           guint       count)
{
  g_autofree char *value = g_strdup_printf ("%u", count);

  add_row (out, section, key, label, value);
}

static void
add_rows (GString    *out,
          const char *section,
          GPtrArray  *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      MdgReportRow *row = g_ptr_array_index (rows, i);
      add_count (out, section, row->key, row->label, row->count);
    }
}

static void
add_hours (GString    *out,
           const char *key,
           const char *label,
           double      hours)
{
  g_autofree char *value = hours < 0 ? g_strdup ("") : g_strdup_printf ("%.1f", hours);

  add_row (out, "time", key, label, value);
}

/**
 * mdg_report_export_csv:
 * @report: a month's figures
 *
 * Returns: (transfer full): the CSV text, with a byte-order mark
 */
char *
mdg_report_export_csv (const MdgMonthlyReport *report)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autofree char *month = g_strdup_printf ("%04d-%02d", report->year, report->month);
  const char *header[] = { _("Section"), _("Key"), _("Item"), _("Value") };

  g_return_val_if_fail (report != NULL, NULL);

  mdg_csv_append_row (out, header, G_N_ELEMENTS (header));
  add_row (out, "month", "month", _("Month"), month);
  add_count (out, "total", "received", _("Consultations received"), report->received);
  add_count (out, "total", "sensitive", _("Marked sensitive"), report->sensitive);
  add_rows (out, "channel", report->by_channel);
  add_rows (out, "kind", report->by_kind);
  add_rows (out, "threat", report->by_threat);
  add_rows (out, "state", report->by_state);
  add_count (out, "time", "answered", _("Answered"), report->answered);
  add_hours (out, "median-hours-to-answer", _("Median time to first answer (hours)"), report->median_hours_to_answer);
  add_count (out, "time", "closed", _("Closed"), report->closed);
  add_hours (out, "median-hours-to-close", _("Median time to close (hours)"), report->median_hours_to_close);
  add_count (out, "follow-up", "due", _("Follow-ups due"), report->follow_ups_due);
  add_count (out, "follow-up", "on-time", _("Done on time"), report->follow_ups_on_time);
  add_count (out, "follow-up", "late", _("Done late"), report->follow_ups_late);
  add_count (out, "follow-up", "open", _("Still open"), report->follow_ups_open);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
