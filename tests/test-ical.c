/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-ical.h"
#include "mdg-seminar-store.h"
#include "mdg-test-util.h"

/* Undoes RFC 5545 line folding. */
static char *
unfold (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("\r\n ", 0, 0, NULL);

  return g_regex_replace_literal (regex, text, -1, 0, "", 0, NULL);
}

static void
test_ical_event (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 30);
  g_autoptr(GDateTime) stamp = g_date_time_new_utc (2026, 11, 26, 0, 0, 0);
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GPtrArray) seminars = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *uid = NULL;
  g_auto(GStrv) lines = NULL;

  g_object_set (seminar,
                "title", "ランサムウェア対策, 基本編; 第2回",
                "starts-at", starts, "ends-at", ends,
                "venue", "多摩産業振興センター 会議室A（東京都立川市曙町二丁目三十八番五号 立川ビジネスセンタービル）",
                "description", "講演と個別相談\n持ち物: 名刺",
                "co-organizer", "立川商工会議所",
                NULL);
  g_assert_true (mdg_seminar_store_save (db, seminar, &error));
  g_ptr_array_add (seminars, seminar);

  ics = mdg_ical_build (seminars, stamp);
  lines = g_strsplit (ics, "\r\n", -1);

  /* CRLF everywhere, no bare LF, and no line longer than 75 octets. */
  for (const char *p = strchr (ics, '\n'); p; p = strchr (p + 1, '\n'))
    g_assert_cmpint (p[-1], ==, '\r');
  for (guint i = 0; lines[i]; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }
  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  g_assert_true (g_str_has_suffix (ics, "END:VCALENDAR\r\n"));

  flat = unfold (ics);
  uid = g_strdup_printf ("\r\nUID:%s@madoguchi\r\n", mdg_seminar_get_uuid (seminar));
  g_assert_nonnull (strstr (flat, uid));
  /* 14:00 in Tokyo is 05:00 UTC. */
  g_assert_nonnull (strstr (flat, "\r\nDTSTART:20261203T050000Z\r\n"));
  g_assert_nonnull (strstr (flat, "\r\nDTEND:20261203T073000Z\r\n"));
  g_assert_nonnull (strstr (flat, "\r\nDTSTAMP:20261126T000000Z\r\n"));
  g_assert_nonnull (strstr (flat, "\r\nSUMMARY:ランサムウェア対策\\, 基本編\\; 第2回\r\n"));
  g_assert_nonnull (strstr (flat, "\r\nLOCATION:多摩産業振興センター 会議室A（東京都立川市曙町二丁目三十八番五号 立川ビジネスセンタービル）\r\n"));
  g_assert_nonnull (strstr (flat, "\r\nDESCRIPTION:講演と個別相談\\n持ち物: 名刺\\n\\nCo-organizer: 立川商工会議所\r\n"));
  g_assert_nonnull (strstr (flat, "\r\nSTATUS:TENTATIVE\r\n"));

  mdg_test_rm_rf (dir);
}

static void
test_ical_write_upcoming (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(GDateTime) now = mdg_test_local (2026, 11, 26, 12, 0);
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "seminars.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  guint events = 0;

  for (int days = -3; days <= 3; days += 3)
    {
      g_autoptr(GDateTime) starts = g_date_time_add_days (now, days);
      g_autoptr(GDateTime) ends = g_date_time_add_hours (starts, 2);
      g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();

      g_object_set (seminar, "title", "回", "starts-at", starts, "ends-at", ends,
                    "online-url", "https://meet.example.jp/x", NULL);
      g_assert_true (mdg_seminar_store_save (db, seminar, &error));
    }

  upcoming = mdg_seminar_store_list_upcoming (db, now, &error);
  g_assert_true (mdg_ical_write (upcoming, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  for (const char *p = contents; (p = strstr (p, "BEGIN:VEVENT")); p++)
    events++;
  /* The seminar of three days ago is not upcoming; today's (noon to 14:00) is. */
  g_assert_cmpuint (events, ==, 2);
  g_assert_nonnull (strstr (contents, "\r\nURL:https://meet.example.jp/x\r\n"));
  g_assert_nonnull (strstr (contents, "\r\nLOCATION:https://meet.example.jp/x\r\n"));

  /* A folder that does not exist gives an error naming the file. */
  {
    g_autoptr(GFile) bad = g_file_new_for_path ("/nonexistent-folder/x.ics");
    g_assert_false (mdg_ical_write (upcoming, bad, &error));
    g_assert_nonnull (strstr (error->message, "/nonexistent-folder/x.ics"));
  }

  mdg_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/ical/event", test_ical_event);
  g_test_add_func ("/ical/write-upcoming", test_ical_write_upcoming);

  return g_test_run ();
}
