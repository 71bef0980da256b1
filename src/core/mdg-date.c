/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-date"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-date.h"

/*
 * Dates are written from translated patterns with named fields rather than from the C
 * library's locale, so that a Japanese user gets 2026年11月26日(木) from the translation
 * alone, whatever locales the system happens to have generated.
 */

typedef struct
{
  const char *name;
  int         year;
  int         month;
  int         day;
} Era;

/* Newest first; each era begins on the given day. */
static const Era eras[] = {
  { N_("Reiwa"), 2019, 5, 1 },
  { N_("Heisei"), 1989, 1, 8 },
  { N_("Shōwa"), 1926, 12, 25 },
  { N_("Taishō"), 1912, 7, 30 },
  { N_("Meiji"), 1868, 10, 23 },
};

static const char *
weekday_name (int weekday)
{
  static const char *names[] = {
    NC_("weekday", "Mon"), NC_("weekday", "Tue"), NC_("weekday", "Wed"), NC_("weekday", "Thu"),
    NC_("weekday", "Fri"), NC_("weekday", "Sat"), NC_("weekday", "Sun"),
  };

  return g_dpgettext2 (GETTEXT_PACKAGE, "weekday", names[weekday - 1]);
}

static const char *
month_name (int month)
{
  static const char *names[] = {
    NC_("month", "Jan"), NC_("month", "Feb"), NC_("month", "Mar"), NC_("month", "Apr"),
    NC_("month", "May"), NC_("month", "Jun"), NC_("month", "Jul"), NC_("month", "Aug"),
    NC_("month", "Sep"), NC_("month", "Oct"), NC_("month", "Nov"), NC_("month", "Dec"),
  };

  return g_dpgettext2 (GETTEXT_PACKAGE, "month", names[month - 1]);
}

static const Era *
find_era (GDateTime *dt,
          int       *era_year)
{
  int y = g_date_time_get_year (dt);
  int m = g_date_time_get_month (dt);
  int d = g_date_time_get_day_of_month (dt);

  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    {
      const Era *era = &eras[i];

      if (y > era->year || (y == era->year && (m > era->month || (m == era->month && d >= era->day))))
        {
          *era_year = y - era->year + 1;
          return era;
        }
    }
  return NULL;
}

/* Replaces {field} in @pattern; unknown fields stay as written. */
static char *
expand (const char  *pattern,
        const char **keys,
        const char **values)
{
  GString *out = g_string_new (NULL);

  for (const char *p = pattern; *p;)
    {
      gboolean matched = FALSE;

      if (*p == '{')
        for (guint i = 0; keys[i]; i++)
          {
            gsize len = strlen (keys[i]);

            if (strncmp (p + 1, keys[i], len) == 0 && p[len + 1] == '}')
              {
                g_string_append (out, values[i]);
                p += len + 2;
                matched = TRUE;
                break;
              }
          }
      if (!matched)
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/**
 * mdg_date_format:
 * @date_time: a date
 * @flags: %MDG_DATE_ERA for a Japanese era year (令和8年) instead of the Gregorian one
 *
 * Formats a date with its weekday: "Thu, 26 Nov 2026", or 2026年11月26日(木) in Japanese.
 *
 * Returns: (transfer full): the date as text
 */
char *
mdg_date_format (GDateTime    *date_time,
                 MdgDateFlags  flags)
{
  static const char *keys[] = { "weekday", "day", "month", "monthnum", "year", "era", "erayear", NULL };
  g_autofree char *day = NULL;
  g_autofree char *monthnum = NULL;
  g_autofree char *year = NULL;
  g_autofree char *era_year_text = NULL;
  const char *values[G_N_ELEMENTS (keys)];
  const char *pattern;
  const Era *era = NULL;
  int era_year = 0;

  g_return_val_if_fail (date_time != NULL, NULL);

  day = g_strdup_printf ("%d", g_date_time_get_day_of_month (date_time));
  monthnum = g_strdup_printf ("%d", g_date_time_get_month (date_time));
  year = g_strdup_printf ("%d", g_date_time_get_year (date_time));

  if (flags & MDG_DATE_ERA)
    era = find_era (date_time, &era_year);

  if (era != NULL)
    {
      /* Translators: the first year of an era; Japanese writes 元 (元年). */
      era_year_text = era_year == 1 ? g_strdup (C_("era year", "1"))
                                    : g_strdup_printf ("%d", era_year);
      /* Translators: a date with a Japanese era year. Fields: {weekday} {day} {month}
       * (abbreviated name) {monthnum} {era} {erayear}. Japanese: {era}{erayear}年{monthnum}月{day}日({weekday}) */
      pattern = _("{weekday}, {day} {month} {era} {erayear}");
    }
  else
    {
      /* Translators: a date. Fields: {weekday} {day} {month} (abbreviated name) {monthnum}
       * {year}. Japanese: {year}年{monthnum}月{day}日({weekday}) */
      pattern = _("{weekday}, {day} {month} {year}");
    }

  values[0] = weekday_name (g_date_time_get_day_of_week (date_time));
  values[1] = day;
  values[2] = month_name (g_date_time_get_month (date_time));
  values[3] = monthnum;
  values[4] = year;
  values[5] = era ? g_dgettext (GETTEXT_PACKAGE, era->name) : "";
  values[6] = era_year_text ? era_year_text : "";
  values[7] = NULL;

  return expand (pattern, keys, values);
}

/**
 * mdg_time_format:
 * @date_time: a time
 *
 * Returns: (transfer full): the time of day on the 24-hour clock, "14:05"
 */
char *
mdg_time_format (GDateTime *date_time)
{
  g_return_val_if_fail (date_time != NULL, NULL);

  return g_date_time_format (date_time, "%H:%M");
}

/**
 * mdg_date_range_format:
 * @starts_at: the start
 * @ends_at: the end
 * @flags: as for mdg_date_format()
 *
 * "Thu, 26 Nov 2026, 14:00–16:30"; the end date is repeated only when it differs.
 *
 * Returns: (transfer full): the range as text
 */
char *
mdg_date_range_format (GDateTime    *starts_at,
                       GDateTime    *ends_at,
                       MdgDateFlags  flags)
{
  g_autofree char *start_date = NULL;
  g_autofree char *start_time = NULL;
  g_autofree char *end_time = NULL;

  g_return_val_if_fail (starts_at != NULL && ends_at != NULL, NULL);

  start_date = mdg_date_format (starts_at, flags);
  start_time = mdg_time_format (starts_at);
  end_time = mdg_time_format (ends_at);

  if (g_date_time_get_year (starts_at) == g_date_time_get_year (ends_at) &&
      g_date_time_get_day_of_year (starts_at) == g_date_time_get_day_of_year (ends_at))
    /* Translators: a date, then the start and end time of that day */
    return g_strdup_printf (_("%s, %s–%s"), start_date, start_time, end_time);
  else
    {
      g_autofree char *end_date = mdg_date_format (ends_at, flags);

      /* Translators: a start date and time, then an end date and time */
      return g_strdup_printf (_("%s, %s – %s, %s"), start_date, start_time, end_date, end_time);
    }
}

/**
 * mdg_duration_format:
 * @minutes: a duration
 *
 * Returns: (transfer full): "2 h 30 min", "2 h" or "45 min" (2時間30分 in Japanese)
 */
char *
mdg_duration_format (guint minutes)
{
  guint hours = minutes / 60;

  minutes %= 60;
  if (hours > 0 && minutes > 0)
    /* Translators: hours and minutes of a duration */
    return g_strdup_printf (_("%u h %u min"), hours, minutes);
  if (hours > 0)
    /* Translators: hours of a duration */
    return g_strdup_printf (_("%u h"), hours);
  /* Translators: minutes of a duration */
  return g_strdup_printf (_("%u min"), minutes);
}
