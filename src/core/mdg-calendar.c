/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-calendar"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-calendar.h"
#include "mdg-error.h"
#include "mdg-setting-private.h"

/*
 * The holiday rules, as the law has stood since 1980:
 *
 * - fixed and "Happy Monday" holidays, each with the years it applied in that form;
 * - the equinoxes, which the law leaves to the National Astronomical Observatory: the
 *   day containing the equinox, which this formula gives for 1980–2099 (the official
 *   dates are published a year ahead and have always agreed with it);
 * - days made holidays by laws of their own (大喪の礼, 即位の日…), which count as
 *   national holidays for the two rules below;
 * - 振替休日: a national holiday on a Sunday moves to the next day that is not a
 *   national holiday (before 2007: only to the Monday, if that was free);
 * - 国民の休日: a day between two national holidays (since 1985-12-27; before 2007 not
 *   when it was a Sunday or a substitute holiday).
 */

#define CLOSED_DAYS_KEY "calendar.closed-days"

typedef struct
{
  int             month;
  int             day;
  MdgHolidayKind  kind;
  const char     *name;
} Entry;

static int
nth_monday (int year,
            int month,
            int n)
{
  GDate first;
  int weekday;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  weekday = g_date_get_weekday (&first);   /* Monday = 1 */
  return 1 + (8 - weekday) % 7 + 7 * (n - 1);
}

/* The day of the equinox in Japan, by the formula the Observatory's tables follow for
 * 1980–2099: the mean tropical year's drift, reset by each leap day. */
static int
equinox_day (int    year,
             double base)
{
  int leap_days = (year - 1980) / 4 - ((year - 1980) % 4 < 0);

  return (int) (base + 0.242194 * (year - 1980)) - leap_days;
}

static int
vernal_equinox (int year)
{
  return equinox_day (year, 20.8431);
}

static int
autumnal_equinox (int year)
{
  return equinox_day (year, 23.2488);
}

static void
add (GArray         *entries,
     int             month,
     int             day,
     MdgHolidayKind  kind,
     const char     *name)
{
  Entry entry = { month, day, kind, name };

  g_array_append_val (entries, entry);
}

/* The national holidays of @year, and the special days that count as one. */
static void
national_holidays (int     year,
                   GArray *out)
{
  add (out, 1, 1, MDG_HOLIDAY_NATIONAL, N_("New Year’s Day"));
  add (out, 1, year <= 1999 ? 15 : nth_monday (year, 1, 2), MDG_HOLIDAY_NATIONAL, N_("Coming of Age Day"));
  add (out, 2, 11, MDG_HOLIDAY_NATIONAL, N_("National Foundation Day"));
  if (year >= 2020)
    add (out, 2, 23, MDG_HOLIDAY_NATIONAL, N_("The Emperor’s Birthday"));
  add (out, 3, vernal_equinox (year), MDG_HOLIDAY_NATIONAL, N_("Vernal Equinox Day"));
  if (year <= 1988)
    add (out, 4, 29, MDG_HOLIDAY_NATIONAL, N_("The Emperor’s Birthday"));
  else if (year <= 2006)
    add (out, 4, 29, MDG_HOLIDAY_NATIONAL, N_("Greenery Day"));
  else
    add (out, 4, 29, MDG_HOLIDAY_NATIONAL, N_("Shōwa Day"));
  add (out, 5, 3, MDG_HOLIDAY_NATIONAL, N_("Constitution Memorial Day"));
  if (year >= 2007)
    add (out, 5, 4, MDG_HOLIDAY_NATIONAL, N_("Greenery Day"));
  add (out, 5, 5, MDG_HOLIDAY_NATIONAL, N_("Children’s Day"));

  /* The Tokyo Olympics moved three holidays in 2020 and, postponed, again in 2021. */
  if (year == 2020)
    add (out, 7, 23, MDG_HOLIDAY_NATIONAL, N_("Marine Day"));
  else if (year == 2021)
    add (out, 7, 22, MDG_HOLIDAY_NATIONAL, N_("Marine Day"));
  else if (year >= 2003)
    add (out, 7, nth_monday (year, 7, 3), MDG_HOLIDAY_NATIONAL, N_("Marine Day"));
  else if (year >= 1996)
    add (out, 7, 20, MDG_HOLIDAY_NATIONAL, N_("Marine Day"));

  if (year == 2020)
    add (out, 7, 24, MDG_HOLIDAY_NATIONAL, N_("Sports Day"));
  else if (year == 2021)
    add (out, 7, 23, MDG_HOLIDAY_NATIONAL, N_("Sports Day"));

  if (year == 2020)
    add (out, 8, 10, MDG_HOLIDAY_NATIONAL, N_("Mountain Day"));
  else if (year == 2021)
    add (out, 8, 8, MDG_HOLIDAY_NATIONAL, N_("Mountain Day"));
  else if (year >= 2016)
    add (out, 8, 11, MDG_HOLIDAY_NATIONAL, N_("Mountain Day"));

  add (out, 9, year <= 2002 ? 15 : nth_monday (year, 9, 3), MDG_HOLIDAY_NATIONAL, N_("Respect for the Aged Day"));
  add (out, 9, autumnal_equinox (year), MDG_HOLIDAY_NATIONAL, N_("Autumnal Equinox Day"));

  if (year <= 1999)
    add (out, 10, 10, MDG_HOLIDAY_NATIONAL, N_("Health and Sports Day"));
  else if (year <= 2018)
    add (out, 10, nth_monday (year, 10, 2), MDG_HOLIDAY_NATIONAL, N_("Health and Sports Day"));
  else if (year == 2019)
    /* The renaming took effect in 2020; the Cabinet Office lists 2019's under both names. */
    add (out, 10, nth_monday (year, 10, 2), MDG_HOLIDAY_NATIONAL, N_("Health and Sports Day (Sports Day)"));
  else if (year >= 2022)
    add (out, 10, nth_monday (year, 10, 2), MDG_HOLIDAY_NATIONAL, N_("Sports Day"));

  add (out, 11, 3, MDG_HOLIDAY_NATIONAL, N_("Culture Day"));
  add (out, 11, 23, MDG_HOLIDAY_NATIONAL, N_("Labour Thanksgiving Day"));
  if (year >= 1989 && year <= 2018)
    add (out, 12, 23, MDG_HOLIDAY_NATIONAL, N_("The Emperor’s Birthday"));

  /* Days made holidays by laws of their own. */
  if (year == 1989)
    add (out, 2, 24, MDG_HOLIDAY_SPECIAL, N_("The Funeral of Emperor Shōwa"));
  else if (year == 1990)
    add (out, 11, 12, MDG_HOLIDAY_SPECIAL, N_("The Enthronement Ceremony"));
  else if (year == 1993)
    add (out, 6, 9, MDG_HOLIDAY_SPECIAL, N_("The Wedding of the Crown Prince"));
  else if (year == 2019)
    {
      add (out, 5, 1, MDG_HOLIDAY_SPECIAL, N_("The Emperor’s Enthronement"));
      add (out, 10, 22, MDG_HOLIDAY_SPECIAL, N_("The Enthronement Ceremony"));
    }
}

static int
compare_holidays (gconstpointer a,
                  gconstpointer b)
{
  return g_date_compare (&((const MdgHoliday *) a)->date, &((const MdgHoliday *) b)->date);
}

static const MdgHoliday *
find_in (GArray      *holidays,
         const GDate *date)
{
  for (guint i = 0; i < holidays->len; i++)
    if (g_date_compare (&g_array_index (holidays, MdgHoliday, i).date, date) == 0)
      return &g_array_index (holidays, MdgHoliday, i);
  return NULL;
}

/* Whether @date is a national holiday (or a special day), looking into the next or
 * previous year for the days around New Year. */
static gboolean
is_national (GArray      *national,
             const GDate *date,
             int          year)
{
  if (g_date_get_year (date) != (GDateYear) year)
    return g_date_get_month (date) == 1 && g_date_get_day (date) == 1;
  return find_in (national, date) != NULL;
}

static GArray *
compute_year (int year)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  GArray *national = g_array_new (FALSE, FALSE, sizeof (MdgHoliday));
  g_autoptr(GArray) extra = g_array_new (FALSE, FALSE, sizeof (MdgHoliday));

  national_holidays (year, entries);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      MdgHoliday holiday = { 0 };

      g_date_clear (&holiday.date, 1);
      g_date_set_dmy (&holiday.date, entry->day, entry->month, year);
      holiday.kind = entry->kind;
      holiday.name = entry->name;
      g_array_append_val (national, holiday);
    }
  g_array_sort (national, compare_holidays);

  /* 振替休日, from 12 April 1973. */
  for (guint i = 0; i < national->len; i++)
    {
      MdgHoliday *holiday = &g_array_index (national, MdgHoliday, i);
      MdgHoliday substitute = { 0 };

      if (g_date_get_weekday (&holiday->date) != G_DATE_SUNDAY)
        continue;
      substitute.date = holiday->date;
      g_date_add_days (&substitute.date, 1);
      if (year >= 2007)
        while (is_national (national, &substitute.date, year))
          g_date_add_days (&substitute.date, 1);
      else if (is_national (national, &substitute.date, year))
        continue;
      if (g_date_get_year (&substitute.date) != (GDateYear) year)
        continue;
      substitute.kind = MDG_HOLIDAY_SUBSTITUTE;
      substitute.name = N_("Substitute holiday");
      g_array_append_val (extra, substitute);
    }

  /* 国民の休日, from 27 December 1985. */
  if (year >= 1986)
    for (guint i = 0; i + 1 < national->len; i++)
      {
        MdgHoliday between = { 0 };
        GDate after;

        between.date = g_array_index (national, MdgHoliday, i).date;
        g_date_add_days (&between.date, 1);
        after = between.date;
        g_date_add_days (&after, 1);
        if (is_national (national, &between.date, year) || !is_national (national, &after, year))
          continue;
        if (year < 2007 && (g_date_get_weekday (&between.date) == G_DATE_SUNDAY || find_in (extra, &between.date)))
          continue;
        if (find_in (extra, &between.date))
          continue;
        between.kind = MDG_HOLIDAY_CITIZENS;
        between.name = N_("Citizens’ holiday");
        g_array_append_val (extra, between);
      }

  g_array_append_vals (national, extra->data, extra->len);
  g_array_sort (national, compare_holidays);
  return national;
}

static GMutex cache_lock;
static GHashTable *cache;   /* year → GArray of MdgHoliday with untranslated names */

static GArray *
holidays_of (int year)
{
  GArray *holidays;

  g_mutex_lock (&cache_lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_array_unref);
  holidays = g_hash_table_lookup (cache, GINT_TO_POINTER (year));
  if (holidays == NULL)
    {
      holidays = compute_year (year);
      g_hash_table_insert (cache, GINT_TO_POINTER (year), holidays);
    }
  g_mutex_unlock (&cache_lock);
  return holidays;
}

/**
 * mdg_holidays_list:
 * @year: a year; the rules are written for %MDG_HOLIDAY_FIRST_YEAR to %MDG_HOLIDAY_LAST_YEAR
 *
 * Returns: (transfer full) (element-type MdgHoliday): every public holiday of @year in
 *   date order, national holidays, substitute holidays and citizens' holidays alike
 */
GArray *
mdg_holidays_list (int year)
{
  GArray *source;
  GArray *copy;

  g_return_val_if_fail (year >= 1 && year <= 9999, NULL);

  source = holidays_of (year);
  copy = g_array_sized_new (FALSE, FALSE, sizeof (MdgHoliday), source->len);
  g_array_append_vals (copy, source->data, source->len);
  for (guint i = 0; i < copy->len; i++)
    g_array_index (copy, MdgHoliday, i).name = _(g_array_index (copy, MdgHoliday, i).name);
  return copy;
}

/**
 * mdg_holiday_lookup:
 * @date: a valid date
 * @holiday: (out caller-allocates) (optional): the holiday, when @date is one
 *
 * Returns: whether @date is a public holiday
 */
gboolean
mdg_holiday_lookup (const GDate *date,
                    MdgHoliday  *holiday)
{
  const MdgHoliday *found;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  found = find_in (holidays_of (g_date_get_year (date)), date);
  if (found == NULL)
    return FALSE;
  if (holiday != NULL)
    {
      *holiday = *found;
      holiday->name = _(found->name);
    }
  return TRUE;
}

/* A closed-day rule: an annual day or range (month-day), or a dated day or range. */
typedef struct
{
  gboolean annual;
  GDate    from;   /* for annual rules, in leap year 2000 */
  GDate    to;
} Rule;

struct _MdgCalendar
{
  GArray *rules;
  char   *text;
};

G_DEFINE_BOXED_TYPE (MdgCalendar, mdg_calendar, mdg_calendar_ref, mdg_calendar_unref)

static void
calendar_clear (gpointer data)
{
  MdgCalendar *self = data;

  g_clear_pointer (&self->rules, g_array_unref);
  g_free (self->text);
}

MdgCalendar *
mdg_calendar_ref (MdgCalendar *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
mdg_calendar_unref (MdgCalendar *self)
{
  g_atomic_rc_box_release_full (self, calendar_clear);
}

/* Parses "YYYY-MM-DD" or, when @annual is allowed, "MM-DD". */
static gboolean
parse_day (const char *text,
           gboolean   *annual,
           GDate      *date)
{
  int y, m, d;
  char tail;

  g_date_clear (date, 1);
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && strlen (text) == 10)
    *annual = FALSE;
  else if (sscanf (text, "%2d-%2d%c", &m, &d, &tail) == 2 && strlen (text) == 5)
    {
      *annual = TRUE;
      y = 2000;
    }
  else
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* Maps @date to the year-2000 calendar annual rules are written in. */
static void
annual_day (const GDate *date,
            GDate       *out)
{
  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_get_day (date), g_date_get_month (date), 2000);
}

/**
 * mdg_calendar_new:
 * @closed_days: (nullable): the desk's closed days, one rule a line (or separated by
 *   commas): `MM-DD` or `YYYY-MM-DD` for one day, `A..B` for a range; an annual range
 *   may run over the year end (`12-29..01-03`). %NULL for the default year-end.
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the calendar, or %NULL with @error naming the rule that
 *   cannot be read
 */
MdgCalendar *
mdg_calendar_new (const char  *closed_days,
                  GError     **error)
{
  g_autoptr(MdgCalendar) self = g_atomic_rc_box_new0 (MdgCalendar);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) normal = g_string_new (NULL);

  if (closed_days == NULL)
    closed_days = MDG_CALENDAR_DEFAULT_CLOSED_DAYS;

  self->rules = g_array_new (FALSE, FALSE, sizeof (Rule));
  parts = g_strsplit_set (closed_days, ",\n;", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      g_auto(GStrv) ends = NULL;
      gboolean from_annual, to_annual;
      Rule rule;

      if (*part == '\0')
        continue;
      ends = g_strsplit (part, "..", 2);
      g_strstrip (ends[0]);
      if (ends[1])
        g_strstrip (ends[1]);
      if (!parse_day (ends[0], &from_annual, &rule.from) ||
          !parse_day (ends[1] ? ends[1] : ends[0], &to_annual, &rule.to) || from_annual != to_annual ||
          (!from_annual && g_date_compare (&rule.from, &rule.to) > 0))
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                       _("“%s” is not a closed day or range: write 12-29..01-03 for every year, "
                         "or 2026-08-13..2026-08-16 for one year"),
                       part);
          return NULL;
        }
      rule.annual = from_annual;
      g_array_append_val (self->rules, rule);
      if (normal->len > 0)
        g_string_append (normal, ", ");
      g_string_append (normal, part);
    }
  self->text = g_string_free (g_steal_pointer (&normal), FALSE);
  return g_steal_pointer (&self);
}

/**
 * mdg_calendar_load:
 * @db: a #MdgDatabase
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the desk's calendar, with the closed days saved in the
 *   database (shared by the whole desk), or the year-end by default
 */
MdgCalendar *
mdg_calendar_load (MdgDatabase  *db,
                   GError      **error)
{
  g_autofree char *text = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  text = _mdg_setting_get (db, CLOSED_DAYS_KEY, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  /* "none" keeps an empty list apart from "never set". */
  return mdg_calendar_new (g_strcmp0 (text, "none") == 0 ? "" : text, error);
}

/**
 * mdg_calendar_save_closed_days:
 * @db: a #MdgDatabase
 * @closed_days: rules as for mdg_calendar_new(); empty for none
 * @error: a location for a #GError
 *
 * Checks the rules and saves them for the whole desk; nothing is saved when one
 * cannot be read.
 */
gboolean
mdg_calendar_save_closed_days (MdgDatabase  *db,
                               const char   *closed_days,
                               GError      **error)
{
  g_autoptr(MdgCalendar) check = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (closed_days != NULL, FALSE);

  if (!(check = mdg_calendar_new (closed_days, error)))
    return FALSE;
  return _mdg_setting_set (db, CLOSED_DAYS_KEY, *check->text ? check->text : "none", error);
}

/* Returns: (transfer full): the closed-day rules as text, "12-29..01-03, 2026-08-14" */
char *
mdg_calendar_dup_closed_days (MdgCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_strdup (self->text);
}

gboolean
mdg_calendar_is_closed_day (MdgCalendar *self,
                            const GDate *date)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  for (guint i = 0; i < self->rules->len; i++)
    {
      const Rule *rule = &g_array_index (self->rules, Rule, i);

      if (rule->annual)
        {
          GDate day;

          annual_day (date, &day);
          if (g_date_compare (&rule->from, &rule->to) <= 0
                ? g_date_compare (&day, &rule->from) >= 0 && g_date_compare (&day, &rule->to) <= 0
                : g_date_compare (&day, &rule->from) >= 0 || g_date_compare (&day, &rule->to) <= 0)
            return TRUE;
        }
      else if (g_date_compare (date, &rule->from) >= 0 && g_date_compare (date, &rule->to) <= 0)
        return TRUE;
    }
  return FALSE;
}

/* Whether the desk works on @date: a weekday that is neither a holiday nor closed. */
gboolean
mdg_calendar_is_business_day (MdgCalendar *self,
                              const GDate *date)
{
  GDateWeekday weekday;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  weekday = g_date_get_weekday (date);
  return weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY && !mdg_holiday_lookup (date, NULL) &&
         !mdg_calendar_is_closed_day (self, date);
}

/**
 * mdg_calendar_add_business_days:
 * @self: a #MdgCalendar
 * @from: the day counted from (not itself counted)
 * @days: how many business days later (earlier when negative); 0 gives @from when it
 *   is a business day, or else the next one
 * @result: (out caller-allocates): the day
 */
void
mdg_calendar_add_business_days (MdgCalendar *self,
                                const GDate *from,
                                int          days,
                                GDate       *result)
{
  int step = days < 0 ? -1 : 1;
  int left = ABS (days);

  g_return_if_fail (self != NULL);
  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (result != NULL);

  *result = *from;
  if (days == 0)
    {
      while (!mdg_calendar_is_business_day (self, result))
        g_date_add_days (result, 1);
      return;
    }
  while (left > 0)
    {
      if (step > 0)
        g_date_add_days (result, 1);
      else
        g_date_subtract_days (result, 1);
      if (mdg_calendar_is_business_day (self, result))
        left--;
    }
}

/* Parses an ISO 8601 calendar date, YYYY-MM-DD. */
gboolean
mdg_date_parse_iso (const char *text,
                    GDate      *date)
{
  gboolean annual;

  g_return_val_if_fail (date != NULL, FALSE);

  return text != NULL && parse_day (text, &annual, date) && !annual;
}

/* Returns: (transfer full): @date as YYYY-MM-DD */
char *
mdg_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* Today in local time (the desk's time zone). */
void
mdg_date_set_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
}
