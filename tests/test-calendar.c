/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mdg-calendar.h"
#include "mdg-error.h"
#include "mdg-test-util.h"

/*
 * The public holidays of 2019–2027 exactly as the Cabinet Office publishes them
 * (内閣府「国民の祝日について」, syukujitsu.csv: date and name, where 休日 is a
 * substitute holiday or a citizens' holiday and 休日（祝日扱い） a day made a holiday
 * by a law of its own). They are copied from the official table, never computed, so
 * that the rules in mdg-calendar.c are checked against the real calendar.
 */
static const struct {
  const char *date;
  const char *name;
} official[] = {
  { "2019-01-01", "元日" },
  { "2019-01-14", "成人の日" },
  { "2019-02-11", "建国記念の日" },
  { "2019-03-21", "春分の日" },
  { "2019-04-29", "昭和の日" },
  { "2019-04-30", "休日" },
  { "2019-05-01", "休日（祝日扱い）" },
  { "2019-05-02", "休日" },
  { "2019-05-03", "憲法記念日" },
  { "2019-05-04", "みどりの日" },
  { "2019-05-05", "こどもの日" },
  { "2019-05-06", "休日" },
  { "2019-07-15", "海の日" },
  { "2019-08-11", "山の日" },
  { "2019-08-12", "休日" },
  { "2019-09-16", "敬老の日" },
  { "2019-09-23", "秋分の日" },
  { "2019-10-14", "体育の日（スポーツの日）" },
  { "2019-10-22", "休日（祝日扱い）" },
  { "2019-11-03", "文化の日" },
  { "2019-11-04", "休日" },
  { "2019-11-23", "勤労感謝の日" },
  { "2020-01-01", "元日" },
  { "2020-01-13", "成人の日" },
  { "2020-02-11", "建国記念の日" },
  { "2020-02-23", "天皇誕生日" },
  { "2020-02-24", "休日" },
  { "2020-03-20", "春分の日" },
  { "2020-04-29", "昭和の日" },
  { "2020-05-03", "憲法記念日" },
  { "2020-05-04", "みどりの日" },
  { "2020-05-05", "こどもの日" },
  { "2020-05-06", "休日" },
  { "2020-07-23", "海の日" },
  { "2020-07-24", "スポーツの日" },
  { "2020-08-10", "山の日" },
  { "2020-09-21", "敬老の日" },
  { "2020-09-22", "秋分の日" },
  { "2020-11-03", "文化の日" },
  { "2020-11-23", "勤労感謝の日" },
  { "2021-01-01", "元日" },
  { "2021-01-11", "成人の日" },
  { "2021-02-11", "建国記念の日" },
  { "2021-02-23", "天皇誕生日" },
  { "2021-03-20", "春分の日" },
  { "2021-04-29", "昭和の日" },
  { "2021-05-03", "憲法記念日" },
  { "2021-05-04", "みどりの日" },
  { "2021-05-05", "こどもの日" },
  { "2021-07-22", "海の日" },
  { "2021-07-23", "スポーツの日" },
  { "2021-08-08", "山の日" },
  { "2021-08-09", "休日" },
  { "2021-09-20", "敬老の日" },
  { "2021-09-23", "秋分の日" },
  { "2021-11-03", "文化の日" },
  { "2021-11-23", "勤労感謝の日" },
  { "2022-01-01", "元日" },
  { "2022-01-10", "成人の日" },
  { "2022-02-11", "建国記念の日" },
  { "2022-02-23", "天皇誕生日" },
  { "2022-03-21", "春分の日" },
  { "2022-04-29", "昭和の日" },
  { "2022-05-03", "憲法記念日" },
  { "2022-05-04", "みどりの日" },
  { "2022-05-05", "こどもの日" },
  { "2022-07-18", "海の日" },
  { "2022-08-11", "山の日" },
  { "2022-09-19", "敬老の日" },
  { "2022-09-23", "秋分の日" },
  { "2022-10-10", "スポーツの日" },
  { "2022-11-03", "文化の日" },
  { "2022-11-23", "勤労感謝の日" },
  { "2023-01-01", "元日" },
  { "2023-01-02", "休日" },
  { "2023-01-09", "成人の日" },
  { "2023-02-11", "建国記念の日" },
  { "2023-02-23", "天皇誕生日" },
  { "2023-03-21", "春分の日" },
  { "2023-04-29", "昭和の日" },
  { "2023-05-03", "憲法記念日" },
  { "2023-05-04", "みどりの日" },
  { "2023-05-05", "こどもの日" },
  { "2023-07-17", "海の日" },
  { "2023-08-11", "山の日" },
  { "2023-09-18", "敬老の日" },
  { "2023-09-23", "秋分の日" },
  { "2023-10-09", "スポーツの日" },
  { "2023-11-03", "文化の日" },
  { "2023-11-23", "勤労感謝の日" },
  { "2024-01-01", "元日" },
  { "2024-01-08", "成人の日" },
  { "2024-02-11", "建国記念の日" },
  { "2024-02-12", "休日" },
  { "2024-02-23", "天皇誕生日" },
  { "2024-03-20", "春分の日" },
  { "2024-04-29", "昭和の日" },
  { "2024-05-03", "憲法記念日" },
  { "2024-05-04", "みどりの日" },
  { "2024-05-05", "こどもの日" },
  { "2024-05-06", "休日" },
  { "2024-07-15", "海の日" },
  { "2024-08-11", "山の日" },
  { "2024-08-12", "休日" },
  { "2024-09-16", "敬老の日" },
  { "2024-09-22", "秋分の日" },
  { "2024-09-23", "休日" },
  { "2024-10-14", "スポーツの日" },
  { "2024-11-03", "文化の日" },
  { "2024-11-04", "休日" },
  { "2024-11-23", "勤労感謝の日" },
  { "2025-01-01", "元日" },
  { "2025-01-13", "成人の日" },
  { "2025-02-11", "建国記念の日" },
  { "2025-02-23", "天皇誕生日" },
  { "2025-02-24", "休日" },
  { "2025-03-20", "春分の日" },
  { "2025-04-29", "昭和の日" },
  { "2025-05-03", "憲法記念日" },
  { "2025-05-04", "みどりの日" },
  { "2025-05-05", "こどもの日" },
  { "2025-05-06", "休日" },
  { "2025-07-21", "海の日" },
  { "2025-08-11", "山の日" },
  { "2025-09-15", "敬老の日" },
  { "2025-09-23", "秋分の日" },
  { "2025-10-13", "スポーツの日" },
  { "2025-11-03", "文化の日" },
  { "2025-11-23", "勤労感謝の日" },
  { "2025-11-24", "休日" },
  { "2026-01-01", "元日" },
  { "2026-01-12", "成人の日" },
  { "2026-02-11", "建国記念の日" },
  { "2026-02-23", "天皇誕生日" },
  { "2026-03-20", "春分の日" },
  { "2026-04-29", "昭和の日" },
  { "2026-05-03", "憲法記念日" },
  { "2026-05-04", "みどりの日" },
  { "2026-05-05", "こどもの日" },
  { "2026-05-06", "休日" },
  { "2026-07-20", "海の日" },
  { "2026-08-11", "山の日" },
  { "2026-09-21", "敬老の日" },
  { "2026-09-22", "休日" },
  { "2026-09-23", "秋分の日" },
  { "2026-10-12", "スポーツの日" },
  { "2026-11-03", "文化の日" },
  { "2026-11-23", "勤労感謝の日" },
  { "2027-01-01", "元日" },
  { "2027-01-11", "成人の日" },
  { "2027-02-11", "建国記念の日" },
  { "2027-02-23", "天皇誕生日" },
  { "2027-03-21", "春分の日" },
  { "2027-03-22", "休日" },
  { "2027-04-29", "昭和の日" },
  { "2027-05-03", "憲法記念日" },
  { "2027-05-04", "みどりの日" },
  { "2027-05-05", "こどもの日" },
  { "2027-07-19", "海の日" },
  { "2027-08-11", "山の日" },
  { "2027-09-20", "敬老の日" },
  { "2027-09-23", "秋分の日" },
  { "2027-10-11", "スポーツの日" },
  { "2027-11-03", "文化の日" },
  { "2027-11-23", "勤労感謝の日" },
  /* 2028–2030: not yet published by the Cabinet Office (it publishes each year's list in
   * February of the year before). Written out by hand from the law's text, with the
   * equinoxes the National Astronomical Observatory predicts (3/20 and 9/22 in 2028,
   * 3/20 and 9/23 in 2029 and 2030). */
  { "2028-01-01", "元日" },
  { "2028-01-10", "成人の日" },
  { "2028-02-11", "建国記念の日" },
  { "2028-02-23", "天皇誕生日" },
  { "2028-03-20", "春分の日" },
  { "2028-04-29", "昭和の日" },
  { "2028-05-03", "憲法記念日" },
  { "2028-05-04", "みどりの日" },
  { "2028-05-05", "こどもの日" },
  { "2028-07-17", "海の日" },
  { "2028-08-11", "山の日" },
  { "2028-09-18", "敬老の日" },
  { "2028-09-22", "秋分の日" },
  { "2028-10-09", "スポーツの日" },
  { "2028-11-03", "文化の日" },
  { "2028-11-23", "勤労感謝の日" },
  { "2029-01-01", "元日" },
  { "2029-01-08", "成人の日" },
  { "2029-02-11", "建国記念の日" },
  { "2029-02-12", "休日" },
  { "2029-02-23", "天皇誕生日" },
  { "2029-03-20", "春分の日" },
  { "2029-04-29", "昭和の日" },
  { "2029-04-30", "休日" },
  { "2029-05-03", "憲法記念日" },
  { "2029-05-04", "みどりの日" },
  { "2029-05-05", "こどもの日" },
  { "2029-07-16", "海の日" },
  { "2029-08-11", "山の日" },
  { "2029-09-17", "敬老の日" },
  { "2029-09-23", "秋分の日" },
  { "2029-09-24", "休日" },
  { "2029-10-08", "スポーツの日" },
  { "2029-11-03", "文化の日" },
  { "2029-11-23", "勤労感謝の日" },
  { "2030-01-01", "元日" },
  { "2030-01-14", "成人の日" },
  { "2030-02-11", "建国記念の日" },
  { "2030-02-23", "天皇誕生日" },
  { "2030-03-20", "春分の日" },
  { "2030-04-29", "昭和の日" },
  { "2030-05-03", "憲法記念日" },
  { "2030-05-04", "みどりの日" },
  { "2030-05-05", "こどもの日" },
  { "2030-05-06", "休日" },
  { "2030-07-15", "海の日" },
  { "2030-08-11", "山の日" },
  { "2030-08-12", "休日" },
  { "2030-09-16", "敬老の日" },
  { "2030-09-23", "秋分の日" },
  { "2030-10-14", "スポーツの日" },
  { "2030-11-03", "文化の日" },
  { "2030-11-04", "休日" },
  { "2030-11-23", "勤労感謝の日" },
};

static gboolean
in_japanese (void)
{
  return g_strcmp0 (g_getenv ("LANGUAGE"), "ja") == 0;
}

static void
test_holidays_official (void)
{
  guint next = 0;

  for (int year = 2019; year <= 2030; year++)
    {
      g_autoptr(GArray) holidays = mdg_holidays_list (year);

      for (guint i = 0; i < holidays->len; i++, next++)
        {
          MdgHoliday *holiday = &g_array_index (holidays, MdgHoliday, i);
          g_autofree char *date = mdg_date_to_iso (&holiday->date);
          MdgHoliday found;

          g_assert_cmpuint (next, <, G_N_ELEMENTS (official));
          g_assert_cmpstr (date, ==, official[next].date);
          g_assert_true (mdg_holiday_lookup (&holiday->date, &found));
          g_assert_cmpint (found.kind, ==, holiday->kind);

          if (g_str_equal (official[next].name, "休日"))
            g_assert_true (holiday->kind == MDG_HOLIDAY_SUBSTITUTE || holiday->kind == MDG_HOLIDAY_CITIZENS);
          else if (g_str_equal (official[next].name, "休日（祝日扱い）"))
            g_assert_cmpint (holiday->kind, ==, MDG_HOLIDAY_SPECIAL);
          else
            {
              g_assert_cmpint (holiday->kind, ==, MDG_HOLIDAY_NATIONAL);
              /* The names are the law's own in Japanese. */
              if (in_japanese ())
                g_assert_cmpstr (holiday->name, ==, official[next].name);
            }
        }
    }
  g_assert_cmpuint (next, ==, G_N_ELEMENTS (official));
}

/* Days the rules single out, outside the official table's years. */
static void
test_holidays_history (void)
{
  static const struct { int y, m, d; MdgHolidayKind kind; } cases[] = {
    { 1989, 2, 24, MDG_HOLIDAY_SPECIAL },      /* 昭和天皇の大喪の礼 */
    { 1990, 11, 12, MDG_HOLIDAY_SPECIAL },     /* 即位礼正殿の儀 */
    { 1993, 6, 9, MDG_HOLIDAY_SPECIAL },       /* 皇太子徳仁親王の結婚の儀 */
    { 1988, 5, 4, MDG_HOLIDAY_CITIZENS },      /* the first 国民の休日 on a weekday */
    { 2009, 9, 22, MDG_HOLIDAY_CITIZENS },     /* between 敬老の日 and 秋分の日 */
    { 2015, 9, 22, MDG_HOLIDAY_CITIZENS },
    { 2008, 5, 6, MDG_HOLIDAY_SUBSTITUTE },    /* 5/4 on a Sunday, moved past 5/5 (since 2007) */
    { 1998, 1, 15, MDG_HOLIDAY_NATIONAL },     /* 成人の日 on the 15th until 1999 */
    { 1996, 7, 20, MDG_HOLIDAY_NATIONAL },     /* the first 海の日 */
    { 1985, 4, 29, MDG_HOLIDAY_NATIONAL },     /* 天皇誕生日 of Shōwa */
    { 2018, 12, 24, MDG_HOLIDAY_SUBSTITUTE },  /* 12/23 on a Sunday */
    { 1980, 3, 20, MDG_HOLIDAY_NATIONAL },     /* 春分の日 */
    { 2099, 9, 23, MDG_HOLIDAY_NATIONAL },     /* 秋分の日 by the formula's last year */
  };
  static const struct { int y, m, d; } not_holidays[] = {
    { 1987, 5, 4 },    /* Monday after 5/3 (Sunday): 振替休日 */
    { 1986, 5, 4 },    /* a Sunday: no 国民の休日 before 2007 */
    { 2019, 12, 23 },  /* no Emperor's Birthday in 2019 */
    { 2020, 10, 12 },  /* Sports Day moved to 24 July */
    { 2021, 8, 11 },   /* Mountain Day moved to 8 August */
    { 1995, 7, 20 },   /* before Marine Day */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      MdgHoliday holiday;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, cases[i].d, cases[i].m, cases[i].y);
      g_assert_true (mdg_holiday_lookup (&date, &holiday));
      g_assert_cmpint (holiday.kind, ==, cases[i].kind);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_holidays); i++)
    {
      GDate date;
      MdgHoliday holiday;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, not_holidays[i].d, not_holidays[i].m, not_holidays[i].y);
      if (not_holidays[i].y == 1987)
        {
          g_assert_true (mdg_holiday_lookup (&date, &holiday));
          g_assert_cmpint (holiday.kind, ==, MDG_HOLIDAY_SUBSTITUTE);
        }
      else
        g_assert_false (mdg_holiday_lookup (&date, NULL));
    }

  /* Every year of the range has between 12 (the early 1980s) and 22 holidays and none on the same day twice. */
  for (int year = MDG_HOLIDAY_FIRST_YEAR; year <= MDG_HOLIDAY_LAST_YEAR; year++)
    {
      g_autoptr(GArray) holidays = mdg_holidays_list (year);

      g_assert_cmpuint (holidays->len, >=, 12);
      g_assert_cmpuint (holidays->len, <=, 22);
      for (guint i = 1; i < holidays->len; i++)
        g_assert_cmpint (g_date_compare (&g_array_index (holidays, MdgHoliday, i - 1).date,
                                         &g_array_index (holidays, MdgHoliday, i).date), <, 0);
    }
}

static void
assert_add (MdgCalendar *calendar,
            const char  *from,
            int          days,
            const char  *expected)
{
  GDate start, result;
  g_autofree char *text = NULL;

  g_assert_true (mdg_date_parse_iso (from, &start));
  mdg_calendar_add_business_days (calendar, &start, days, &result);
  text = mdg_date_to_iso (&result);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_business_days (void)
{
  g_autoptr(MdgCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;

  calendar = mdg_calendar_new (NULL, &error);
  g_assert_no_error (error);

  /* Golden Week 2026: 4/29 (Wed), 5/3 (Sun) with its substitute 5/6, 5/4, 5/5. */
  assert_add (calendar, "2026-04-28", 1, "2026-04-30");
  assert_add (calendar, "2026-04-28", 2, "2026-05-01");
  assert_add (calendar, "2026-04-28", 3, "2026-05-07");
  assert_add (calendar, "2026-05-07", -3, "2026-04-28");
  /* The ten days of 2019. */
  assert_add (calendar, "2019-04-26", 1, "2019-05-07");
  /* Year end: the desk is closed 12/29–1/3 by default. */
  assert_add (calendar, "2026-12-25", 1, "2026-12-28");
  assert_add (calendar, "2026-12-25", 2, "2027-01-04");
  assert_add (calendar, "2027-01-04", -1, "2026-12-28");
  assert_add (calendar, "2027-01-04", 5, "2027-01-12");   /* 1/11 is Coming of Age Day */
  /* Zero days: the day itself, or the next business day. */
  assert_add (calendar, "2026-11-26", 0, "2026-11-26");
  assert_add (calendar, "2026-11-28", 0, "2026-11-30");
  assert_add (calendar, "2026-12-31", 0, "2027-01-04");
}

static void
test_closed_days (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(MdgCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GDate day;

  /* Unset: the year-end. */
  calendar = mdg_calendar_load (db, &error);
  g_assert_no_error (error);
  text = mdg_calendar_dup_closed_days (calendar);
  g_assert_cmpstr (text, ==, MDG_CALENDAR_DEFAULT_CLOSED_DAYS);
  g_clear_pointer (&calendar, mdg_calendar_unref);
  g_clear_pointer (&text, g_free);

  /* Obon for one year, the founding day every year, and the year-end. */
  g_assert_true (mdg_calendar_save_closed_days (db, "12-29..01-03\n2026-08-13..2026-08-14, 06-01", &error));
  g_assert_no_error (error);
  calendar = mdg_calendar_load (db, &error);
  g_assert_no_error (error);
  assert_add (calendar, "2026-08-12", 1, "2026-08-17");
  assert_add (calendar, "2027-08-12", 1, "2027-08-13");
  assert_add (calendar, "2027-05-31", 1, "2027-06-02");
  g_assert_true (mdg_date_parse_iso ("2030-12-30", &day));
  g_assert_true (mdg_calendar_is_closed_day (calendar, &day));
  g_assert_false (mdg_calendar_is_business_day (calendar, &day));

  /* A rule that cannot be read is refused and nothing changes. */
  g_assert_false (mdg_calendar_save_closed_days (db, "12-29..01-03, 2026-13-01", &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-13-01"));
  g_clear_error (&error);
  g_assert_false (mdg_calendar_save_closed_days (db, "2026-08-14..2026-08-13", &error));
  g_clear_error (&error);
  g_clear_pointer (&calendar, mdg_calendar_unref);
  calendar = mdg_calendar_load (db, &error);
  text = mdg_calendar_dup_closed_days (calendar);
  g_assert_cmpstr (text, ==, "12-29..01-03, 2026-08-13..2026-08-14, 06-01");
  g_clear_pointer (&calendar, mdg_calendar_unref);
  g_clear_pointer (&text, g_free);

  /* None at all: the year-end is a business time too. */
  g_assert_true (mdg_calendar_save_closed_days (db, "", &error));
  calendar = mdg_calendar_load (db, &error);
  g_assert_no_error (error);
  assert_add (calendar, "2026-12-28", 1, "2026-12-29");

  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/calendar/holidays/official-2019-2030", test_holidays_official);
  g_test_add_func ("/calendar/holidays/history", test_holidays_history);
  g_test_add_func ("/calendar/business-days", test_business_days);
  g_test_add_func ("/calendar/closed-days", test_closed_days);

  return g_test_run ();
}
