/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/*
 * Japanese public holidays by rule (国民の祝日に関する法律 as amended, with the special
 * laws of 1989, 1990, 1993, 2019 and the Olympic moves of 2020 and 2021), and the
 * desk's own calendar: business days skip weekends, holidays and the days the desk
 * is closed (the year-end 12/29–1/3 unless changed).
 */

typedef struct
{
  GDate           date;
  MdgHolidayKind  kind;
  const char     *name;   /* translated; static */
} MdgHoliday;

/* The first and last years whose holidays the rules are written for. */
#define MDG_HOLIDAY_FIRST_YEAR 1980
#define MDG_HOLIDAY_LAST_YEAR  2099

/* Days the desk is closed unless changed: the year-end holidays. */
#define MDG_CALENDAR_DEFAULT_CLOSED_DAYS "12-29..01-03"

#define MDG_TYPE_CALENDAR (mdg_calendar_get_type ())

typedef struct _MdgCalendar MdgCalendar;

GArray      *mdg_holidays_list                (int                 year);
gboolean     mdg_holiday_lookup               (const GDate        *date,
                                               MdgHoliday         *holiday);

GType        mdg_calendar_get_type            (void) G_GNUC_CONST;
MdgCalendar *mdg_calendar_new                 (const char         *closed_days,
                                               GError            **error);
MdgCalendar *mdg_calendar_ref                 (MdgCalendar        *self);
void         mdg_calendar_unref               (MdgCalendar        *self);
MdgCalendar *mdg_calendar_load                (MdgDatabase        *db,
                                               GError            **error);
gboolean     mdg_calendar_save_closed_days    (MdgDatabase        *db,
                                               const char         *closed_days,
                                               GError            **error);
char        *mdg_calendar_dup_closed_days     (MdgCalendar        *self);
gboolean     mdg_calendar_is_closed_day       (MdgCalendar        *self,
                                               const GDate        *date);
gboolean     mdg_calendar_is_business_day     (MdgCalendar        *self,
                                               const GDate        *date);
void         mdg_calendar_add_business_days   (MdgCalendar        *self,
                                               const GDate        *from,
                                               int                 days,
                                               GDate              *result);

gboolean     mdg_date_parse_iso               (const char         *text,
                                               GDate              *date);
char        *mdg_date_to_iso                  (const GDate        *date);
void         mdg_date_set_today               (GDate              *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgCalendar, mdg_calendar_unref)

G_END_DECLS
