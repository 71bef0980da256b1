/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/* One bar of a report: a channel, a category, a state… and how many. */
typedef struct
{
  char  *key;      /* as the database and CSV name it: "phone", "T-RANSOM"; "" for none */
  char  *label;    /* in the interface's language */
  guint  count;
} MdgReportRow;

/*
 * The desk's month in figures (月次報告): consultations received in the month by channel,
 * kind, threat category and state; how long the first answer and closing took (the
 * median, in hours); follow-ups due in the month done on time.
 */
typedef struct
{
  int        year;
  int        month;
  guint      received;
  guint      sensitive;
  GPtrArray *by_channel;     /* MdgReportRow, every channel */
  GPtrArray *by_kind;        /* every kind, then those with none */
  GPtrArray *by_threat;      /* threats that occurred, most first; several may apply */
  GPtrArray *by_state;       /* every state, as things stand now */
  guint      answered;       /* of those received, answered by now */
  double     median_hours_to_answer;   /* < 0 when none was answered */
  guint      closed;
  double     median_hours_to_close;    /* < 0 when none was closed */
  guint      follow_ups_due;
  guint      follow_ups_on_time;
  guint      follow_ups_late;
  guint      follow_ups_open;
} MdgMonthlyReport;

void              mdg_monthly_report_free   (MdgMonthlyReport  *report);
MdgMonthlyReport *mdg_report_monthly        (MdgDatabase       *db,
                                             int                year,
                                             int                month,
                                             GError           **error);
void              mdg_report_monthly_async  (MdgDatabase       *db,
                                             int                year,
                                             int                month,
                                             GCancellable      *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer           user_data);
MdgMonthlyReport *mdg_report_monthly_finish (MdgDatabase       *db,
                                             GAsyncResult      *result,
                                             GError           **error);
gboolean          mdg_report_parse_month    (const char        *text,
                                             int               *year,
                                             int               *month);
char             *mdg_report_format_month   (int                year,
                                             int                month);
char             *mdg_report_format_hours   (double             hours);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgMonthlyReport, mdg_monthly_report_free)

G_END_DECLS
