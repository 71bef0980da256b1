/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-date.h"
#include "mdg-test-util.h"

/* Run twice by meson: in English and with LANGUAGE=ja. */
static gboolean japanese;

static void
test_date_weekday (void)
{
  g_autoptr(GDateTime) thursday = mdg_test_local (2026, 11, 26, 14, 0);
  g_autoptr(GDateTime) sunday = mdg_test_local (2027, 1, 3, 9, 5);
  g_autofree char *a = mdg_date_format (thursday, MDG_DATE_DEFAULT);
  g_autofree char *b = mdg_date_format (sunday, MDG_DATE_DEFAULT);

  g_assert_cmpstr (a, ==, japanese ? "2026年11月26日(木)" : "Thu, 26 Nov 2026");
  g_assert_cmpstr (b, ==, japanese ? "2027年1月3日(日)" : "Sun, 3 Jan 2027");
}

static void
test_date_era (void)
{
  g_autoptr(GDateTime) reiwa8 = mdg_test_local (2026, 11, 26, 14, 0);
  g_autoptr(GDateTime) reiwa1 = mdg_test_local (2019, 5, 1, 10, 0);
  g_autoptr(GDateTime) heisei31 = mdg_test_local (2019, 4, 30, 10, 0);
  g_autofree char *a = mdg_date_format (reiwa8, MDG_DATE_ERA);
  g_autofree char *b = mdg_date_format (reiwa1, MDG_DATE_ERA);
  g_autofree char *c = mdg_date_format (heisei31, MDG_DATE_ERA);

  g_assert_cmpstr (a, ==, japanese ? "令和8年11月26日(木)" : "Thu, 26 Nov Reiwa 8");
  g_assert_cmpstr (b, ==, japanese ? "令和元年5月1日(水)" : "Wed, 1 May Reiwa 1");
  g_assert_cmpstr (c, ==, japanese ? "平成31年4月30日(火)" : "Tue, 30 Apr Heisei 31");
}

static void
test_date_range (void)
{
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 11, 26, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 11, 26, 16, 30);
  g_autoptr(GDateTime) next_day = mdg_test_local (2026, 11, 27, 12, 0);
  g_autofree char *same = mdg_date_range_format (starts, ends, 0);
  g_autofree char *two = mdg_date_range_format (starts, next_day, 0);

  g_assert_cmpstr (same, ==, japanese ? "2026年11月26日(木) 14:00–16:30" : "Thu, 26 Nov 2026, 14:00–16:30");
  g_assert_cmpstr (two, ==, japanese ? "2026年11月26日(木) 14:00 – 2026年11月27日(金) 12:00"
                                     : "Thu, 26 Nov 2026, 14:00 – Fri, 27 Nov 2026, 12:00");
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);
  japanese = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "ja");

  g_test_add_func ("/date/weekday", test_date_weekday);
  g_test_add_func ("/date/era", test_date_era);
  g_test_add_func ("/date/range", test_date_range);

  return g_test_run ();
}
