/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-report"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-category.h"
#include "mdg-consultation.h"
#include "mdg-database-private.h"
#include "mdg-enum-private.h"
#include "mdg-error.h"
#include "mdg-report.h"

/*
 * Every figure is one aggregate statement over the month's consultations (found by
 * the received_at index); the medians are taken in C from the sorted durations.
 */

static void
report_row_free (MdgReportRow *row)
{
  g_free (row->key);
  g_free (row->label);
  g_free (row);
}

static void
add_row (GPtrArray  *rows,
         const char *key,
         const char *label,
         guint       count)
{
  MdgReportRow *row = g_new0 (MdgReportRow, 1);

  row->key = g_strdup (key);
  row->label = g_strdup (label);
  row->count = count;
  g_ptr_array_add (rows, row);
}

void
mdg_monthly_report_free (MdgMonthlyReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->by_channel, g_ptr_array_unref);
  g_clear_pointer (&report->by_kind, g_ptr_array_unref);
  g_clear_pointer (&report->by_threat, g_ptr_array_unref);
  g_clear_pointer (&report->by_state, g_ptr_array_unref);
  g_free (report);
}

/* Reads "key, count" rows into a table by key. */
static GHashTable *
counts_by_key (sqlite3     *handle,
               const char  *sql,
               gint64       from,
               gint64       to,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle, sql, error);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, _mdg_sql_column_dup (stmt, 0), GUINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      _mdg_sql_set_error (handle, error, _("Could not count the consultations"));
      return NULL;
    }
  return g_steal_pointer (&counts);
}

static double
median_hours (sqlite3     *handle,
              const char  *sql,
              gint64       from,
              gint64       to,
              guint       *n,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle, sql, error);
  g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  *n = 0;
  if (stmt == NULL)
    return -2;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value = MAX (0, sqlite3_column_int64 (stmt, 0));
      g_array_append_val (seconds, value);
    }
  if (rc != SQLITE_DONE)
    {
      _mdg_sql_set_error (handle, error, _("Could not count the consultations"));
      return -2;
    }
  *n = seconds->len;
  if (seconds->len == 0)
    return -1;
  /* Sorted by the statement. */
  if (seconds->len % 2 == 1)
    return g_array_index (seconds, gint64, seconds->len / 2) / 3600.0;
  return (g_array_index (seconds, gint64, seconds->len / 2 - 1) + g_array_index (seconds, gint64, seconds->len / 2)) /
         7200.0;
}

#define IN_MONTH "c.received_at >= ?1 AND c.received_at < ?2"

/**
 * mdg_report_monthly:
 * @db: a #MdgDatabase
 * @year: the year
 * @month: the month, 1–12
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the month's figures, or %NULL with @error set
 */
MdgMonthlyReport *
mdg_report_monthly (MdgDatabase  *db,
                    int           year,
                    int           month,
                    GError      **error)
{
  sqlite3 *handle;
  g_autoptr(MdgMonthlyReport) report = g_new0 (MdgMonthlyReport, 1);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GHashTable) channels = NULL;
  g_autoptr(GHashTable) states = NULL;
  g_autoptr(GHashTable) kinds = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  gint64 from, to;
  int rc;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  if (month < 1 || month > 12 || year < 1900 || year > 9999)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("%d-%02d is not a month"), year, month);
      return NULL;
    }

  handle = _mdg_database_get_handle (db);
  report->year = year;
  report->month = month;
  start = g_date_time_new_local (year, month, 1, 0, 0, 0);
  end = g_date_time_add_months (start, 1);
  from = g_date_time_to_unix (start);
  to = g_date_time_to_unix (end);
  first_day = g_strdup_printf ("%04d-%02d-01", year, month);
  {
    g_autoptr(GDateTime) last = g_date_time_add_days (end, -1);
    last_day = g_date_time_format (last, "%Y-%m-%d");
  }

  /* Channels and states: every one, including those that did not occur. */
  if (!(channels = counts_by_key (handle, "SELECT channel, count(*) FROM consultation AS c WHERE " IN_MONTH
                                  " GROUP BY channel", from, to, error)) ||
      !(states = counts_by_key (handle, "SELECT state, count(*) FROM consultation AS c WHERE " IN_MONTH
                                " GROUP BY state", from, to, error)))
    return NULL;
  report->by_channel = g_ptr_array_new_with_free_func ((GDestroyNotify) report_row_free);
  for (MdgChannel c = MDG_CHANNEL_PHONE; c <= MDG_CHANNEL_ON_SITE; c++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (channels, mdg_channel_to_string (c)));

      add_row (report->by_channel, mdg_channel_to_string (c), mdg_channel_get_label (c), count);
      report->received += count;
    }
  report->by_state = g_ptr_array_new_with_free_func ((GDestroyNotify) report_row_free);
  for (MdgConsultationState s = MDG_CONSULTATION_STATE_NEW; s <= MDG_CONSULTATION_STATE_CLOSED; s++)
    add_row (report->by_state, mdg_consultation_state_to_string (s), mdg_consultation_state_get_label (s),
             GPOINTER_TO_UINT (g_hash_table_lookup (states, mdg_consultation_state_to_string (s))));

  /* Kinds in their reference order, then the consultations given none. */
  /* Each a join from the month's consultations, through the (consultation, category) index. */
  if (!(kinds = counts_by_key (handle,
                               "SELECT g.key, count(*) FROM consultation AS c"
                               " JOIN consultation_category AS cc ON cc.consultation_id = c.id"
                               " JOIN category AS g ON g.id = cc.category_id AND g.scheme = 'kind'"
                               " WHERE " IN_MONTH " GROUP BY g.key"
                               " UNION ALL SELECT '', count(*) FROM consultation AS c WHERE " IN_MONTH
                               " AND NOT EXISTS (SELECT 1 FROM consultation_category AS cc"
                               "  JOIN category AS g ON g.id = cc.category_id AND g.scheme = 'kind'"
                               "  WHERE cc.consultation_id = c.id)",
                               from, to, error)) ||
      !(categories = mdg_category_store_list (db, NULL, TRUE, error)))
    return NULL;
  report->by_kind = g_ptr_array_new_with_free_func ((GDestroyNotify) report_row_free);
  report->by_threat = g_ptr_array_new_with_free_func ((GDestroyNotify) report_row_free);
  for (guint i = 0; i < categories->len; i++)
    {
      MdgCategory *category = g_ptr_array_index (categories, i);

      if (g_str_equal (category->scheme, "kind") &&
          (!category->retired || g_hash_table_contains (kinds, category->key)))
        add_row (report->by_kind, category->key, mdg_category_get_name (category),
                 GPOINTER_TO_UINT (g_hash_table_lookup (kinds, category->key)));
    }
  /* Translators: in a report, consultations given no category of that kind */
  add_row (report->by_kind, "", C_("report", "Not classified"), GPOINTER_TO_UINT (g_hash_table_lookup (kinds, "")));

  stmt = _mdg_sql_prepare (handle,
                           "SELECT g.key, g.name_ja, g.name_en, count(*) FROM consultation AS c"
                           " JOIN consultation_category AS cc ON cc.consultation_id = c.id"
                           " JOIN category AS g ON g.id = cc.category_id AND g.scheme = 'threat'"
                           " WHERE " IN_MONTH " GROUP BY g.id ORDER BY 4 DESC, g.position",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_row (report->by_threat, (const char *) sqlite3_column_text (stmt, 0),
             (const char *) sqlite3_column_text (stmt, _mdg_reference_in_japanese () ? 1 : 2),
             sqlite3_column_int (stmt, 3));
  if (rc != SQLITE_DONE)
    {
      _mdg_sql_set_error (handle, error, _("Could not count the consultations"));
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  report->median_hours_to_answer =
    median_hours (handle,
                  "SELECT c.answered_at - c.received_at FROM consultation AS c WHERE " IN_MONTH
                  " AND c.answered_at IS NOT NULL ORDER BY 1",
                  from, to, &report->answered, error);
  if (report->median_hours_to_answer < -1.5)
    return NULL;
  report->median_hours_to_close =
    median_hours (handle,
                  "SELECT c.closed_at - c.received_at FROM consultation AS c WHERE " IN_MONTH
                  " AND c.closed_at IS NOT NULL ORDER BY 1",
                  from, to, &report->closed, error);
  if (report->median_hours_to_close < -1.5)
    return NULL;

  stmt = _mdg_sql_prepare (handle,
                           "SELECT (SELECT count(*) FROM consultation AS c WHERE " IN_MONTH " AND c.sensitive),"
                           " count(*), count(*) FILTER (WHERE state = 'done' AND date(done_at, 'localtime') <= due_date),"
                           " count(*) FILTER (WHERE state = 'done' AND date(done_at, 'localtime') > due_date),"
                           " count(*) FILTER (WHERE state = 'open')"
                           " FROM follow_up WHERE due_date >= ?3 AND due_date <= ?4",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_text (stmt, 3, first_day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, last_day, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _mdg_sql_set_error (handle, error, _("Could not count the follow-ups"));
      return NULL;
    }
  report->sensitive = sqlite3_column_int (stmt, 0);
  report->follow_ups_due = sqlite3_column_int (stmt, 1);
  report->follow_ups_on_time = sqlite3_column_int (stmt, 2);
  report->follow_ups_late = sqlite3_column_int (stmt, 3);
  report->follow_ups_open = sqlite3_column_int (stmt, 4);
  return g_steal_pointer (&report);
}

typedef struct
{
  int year;
  int month;
} Month;

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Month *month = task_data;
  g_autoptr(MdgDatabase) connection = NULL;
  MdgMonthlyReport *report;
  GError *error = NULL;

  if (!(connection = _mdg_database_open_worker (source_object, &error)) ||
      !(report = mdg_report_monthly (connection, month->year, month->month, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, report, (GDestroyNotify) mdg_monthly_report_free);
}

/* mdg_report_monthly() in a worker thread, on its own connection. */
void
mdg_report_monthly_async (MdgDatabase         *db,
                          int                  year,
                          int                  month,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Month *data = g_new0 (Month, 1);

  g_return_if_fail (MDG_IS_DATABASE (db));

  data->year = year;
  data->month = month;
  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_report_monthly_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, report_thread);
}

/* Returns: (transfer full): the month's figures, or %NULL with @error set */
MdgMonthlyReport *
mdg_report_monthly_finish (MdgDatabase   *db,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mdg_report_monthly_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Parses "YYYY-MM". */
gboolean
mdg_report_parse_month (const char *text,
                        int        *year,
                        int        *month)
{
  char tail;

  return text != NULL && strlen (text) == 7 && sscanf (text, "%4d-%2d%c", year, month, &tail) == 2 && *month >= 1 &&
         *month <= 12 && *year >= 1900;
}

/* Returns: (transfer full): "November 2026", 2026年11月 in Japanese */
char *
mdg_report_format_month (int year,
                         int month)
{
  static const char *names[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
    N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };

  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  /* Translators: a month of a year: the month's name, then the year; Japanese: %2$d年%1$s
   * (with the month names translated as 1月, 2月…) */
  return g_strdup_printf (_("%1$s %2$d"), _(names[month - 1]), year);
}

/* Returns: (transfer full): a duration for a report: "3.5 h", or "2.1 days" past two days */
char *
mdg_report_format_hours (double hours)
{
  if (hours < 0)
    return g_strdup (C_("duration", "—"));
  if (hours < 48)
    /* Translators: a duration in hours, with one decimal */
    return g_strdup_printf (_("%.1f h"), hours);
  /* Translators: a duration in days, with one decimal */
  return g_strdup_printf (_("%.1f days"), hours / 24);
}
