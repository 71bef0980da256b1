/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-consultation-import.h"
#include "mdg-consultation-store.h"
#include "mdg-csv.h"
#include "mdg-error.h"
#include "mdg-person-store.h"
#include "mdg-report-export.h"
#include "mdg-staff-store.h"
#include "mdg-test-util.h"

/* A web form's export as Google Forms and Japanese form services write it. */
static const char form_csv[] =
  "タイムスタンプ,会社名,お名前（必須）,メールアドレス,電話番号,ご相談の件名,ご相談内容,相談区分,緊急度\r\n"
  "2026/11/24 9:05:12,八王子観光協会,田中　一郎,tanaka@hachioji.example.jp,042-000-0001,"
  "ホームページの改ざん,\"トップページが書き換えられました。\r\n管理画面に入れません。\",Webサイト改ざん、被害発生（事後対応）,至急\r\n"
  "2026/11/25 14:30:00,立川精密工業株式会社,山田 太郎,YAMADA@tachikawa-seimitsu.example.jp,,"
  "補助金について,セキュリティ対策の補助金を知りたい,T-SUBSIDY,通常\r\n"
  ",,,,,,,,\r\n";

typedef struct
{
  char        *dir;
  MdgDatabase *db;
  gint64       staff;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MdgStaff) staff = mdg_staff_new ("窓口 一郎", MDG_STAFF_ROLE_FIRST_LINE);
  g_autoptr(GError) error = NULL;

  f->db = mdg_test_open_tmp_db (&f->dir);
  g_assert_true (mdg_staff_store_save (f->db, staff, &error));
  f->staff = mdg_staff_get_id (staff);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  mdg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static MdgConsultationImport *
import_text (const char      *text,
             gsize            length,
             GError         **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);

  return mdg_consultation_import_new ("form.csv", bytes, MDG_CSV_ENCODING_AUTO, error);
}

static void
test_form_import (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgPerson) yamada = mdg_person_new ();
  g_autoptr(MdgConsultationImport) import = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(MdgConsultationFilter) filter = mdg_consultation_filter_new (MDG_CONSULTATION_QUEUE_ALL);
  g_autoptr(GError) error = NULL;
  MdgConsultationImportResult result;
  MdgConsultation *first;

  mdg_person_set_text (yamada, MDG_PERSON_FAMILY_NAME, "山田");
  mdg_person_set_text (yamada, MDG_PERSON_EMAIL, "yamada@tachikawa-seimitsu.example.jp");
  g_assert_true (mdg_person_store_save (f->db, yamada, &error));

  import = import_text (form_csv, sizeof form_csv - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_consultation_import_get_target (import, 0), ==, MDG_CONSULTATION_COLUMN_RECEIVED_AT);
  g_assert_cmpint (mdg_consultation_import_get_target (import, 2), ==, MDG_CONSULTATION_COLUMN_FULL_NAME);
  g_assert_cmpint (mdg_consultation_import_get_target (import, 5), ==, MDG_CONSULTATION_COLUMN_SUBJECT);
  g_assert_cmpint (mdg_consultation_import_get_target (import, 6), ==, MDG_CONSULTATION_COLUMN_QUESTION);
  g_assert_cmpint (mdg_consultation_import_get_target (import, 7), ==, MDG_CONSULTATION_COLUMN_CATEGORIES);
  g_assert_cmpint (mdg_consultation_import_get_target (import, 8), ==, MDG_CONSULTATION_COLUMN_URGENCY);

  /* A dry run checks everything and writes nothing. */
  {
    gboolean ok = mdg_consultation_import_commit (import, f->db, f->staff, TRUE, &result, &problems, &error);

    for (guint i = 0; problems && i < problems->len; i++)
      g_test_message ("line %u: %s", ((MdgImportProblem *) problems->pdata[i])->line,
                      ((MdgImportProblem *) problems->pdata[i])->message);
    g_assert_no_error (error);
    g_assert_true (ok);
  }
  g_assert_cmpuint (result.imported, ==, 2);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation"), ==, 0);

  g_assert_true (mdg_consultation_import_commit (import, f->db, f->staff, FALSE, &result, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.imported, ==, 2);
  g_assert_cmpuint (result.new_people, ==, 1);
  g_assert_cmpuint (result.existing_people, ==, 1);

  list = mdg_consultation_store_list (f->db, filter, &error);
  g_assert_cmpuint (list->len, ==, 2);
  first = list->pdata[1];
  g_assert_cmpint (mdg_consultation_get_channel (first), ==, MDG_CHANNEL_WEB_FORM);
  g_assert_cmpstr (mdg_consultation_get_text (first, MDG_CONSULTATION_SUBJECT), ==, "ホームページの改ざん");
  g_assert_cmpstr (mdg_consultation_get_text (first, MDG_CONSULTATION_QUESTION), ==,
                   "トップページが書き換えられました。\n管理画面に入れません。");
  g_assert_cmpstr (mdg_consultation_get_text (first, MDG_CONSULTATION_PERSON), ==, "田中 一郎");
  g_assert_cmpstr (mdg_consultation_get_text (first, MDG_CONSULTATION_ORGANIZATION), ==, "八王子観光協会");
  g_assert_cmpint (mdg_consultation_get_urgency (first), ==, MDG_URGENCY_URGENT);
  g_assert_cmpuint (mdg_consultation_get_categories (first)->len, ==, 2);
  g_assert_cmpint (g_date_time_get_hour (mdg_consultation_get_received_at (first)), ==, 9);
  g_assert_cmpint (mdg_consultation_get_person_id (list->pdata[0]), ==, mdg_person_get_id (yamada));

  /* The same export again: nothing twice. */
  g_assert_true (mdg_consultation_import_commit (import, f->db, f->staff, FALSE, &result, NULL, &error));
  g_assert_cmpuint (result.imported, ==, 0);
  g_assert_cmpuint (result.already_imported, ==, 2);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation"), ==, 2);
}

static void
test_form_problems (Fixture *f, gconstpointer data)
{
  static const char bad[] =
    "受付日時,件名,相談内容,区分,緊急度\n"
    "2026/11/24 9:05,正しい行,内容,T-RANSOM,高\n"
    "2026/13/40 9:05,日付が変,内容,,\n"
    "2026/11/24 10:00,区分が変,内容,存在しない区分,\n"
    "2026/11/24 11:00,,,,\n"
    "2026/11/24 12:00,緊急度が変,内容,,とても\n";
  g_autoptr(MdgConsultationImport) import = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  MdgConsultationImportResult result;

  import = import_text (bad, sizeof bad - 1, &error);
  g_assert_no_error (error);
  g_assert_false (mdg_consultation_import_commit (import, f->db, f->staff, FALSE, &result, &problems, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "form.csv"));
  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_cmpuint (((MdgImportProblem *) problems->pdata[0])->line, ==, 3);
  g_assert_nonnull (strstr (((MdgImportProblem *) problems->pdata[0])->message, "2026/13/40"));
  g_assert_cmpuint (((MdgImportProblem *) problems->pdata[1])->line, ==, 4);
  g_assert_nonnull (strstr (((MdgImportProblem *) problems->pdata[1])->message, "存在しない区分"));
  g_assert_cmpuint (((MdgImportProblem *) problems->pdata[3])->line, ==, 6);
  /* Nothing was written, not even the good line. */
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation"), ==, 0);
  g_clear_error (&error);

  /* Not a consultation export at all. */
  {
    static const char attendees[] = "氏名,メールアドレス\n山田,y@example.jp\n";
    MdgConsultationImport *refused = import_text (attendees, sizeof attendees - 1, &error);

    g_assert_null (refused);
    g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  }
}

static void
test_form_cp932 (Fixture *f, gconstpointer data)
{
  g_autofree char *sjis = NULL;
  gsize length;
  g_autoptr(MdgConsultationImport) import = NULL;
  g_autoptr(GError) error = NULL;
  MdgConsultationImportResult result;

  /* Excel saves as CP932: ㈱ and 髙 survive. */
  sjis = g_convert ("受付日時,会社名,氏名,件名\r\n2026/11/24 9:05,㈱髙橋製作所,髙橋 健一,振込先変更のメール\r\n", -1,
                    "CP932", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  import = import_text (sjis, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_consultation_import_get_encoding (import), ==, MDG_CSV_ENCODING_CP932);
  g_assert_true (mdg_consultation_import_commit (import, f->db, f->staff, FALSE, &result, NULL, &error));
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM organization WHERE name = '㈱髙橋製作所'"), ==, 1);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person WHERE family_name = '髙橋'"
                                          " AND given_name = '健一'"), ==, 1);
}

static void
test_report_csv (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgMonthlyReport) report = NULL;
  g_autoptr(MdgConsultation) c = mdg_consultation_new (MDG_CHANNEL_PHONE);
  g_autoptr(GDateTime) at = mdg_test_local (2026, 11, 10, 10, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *csv = NULL;
  gboolean saw_phone = FALSE;

  mdg_consultation_set_received_at (c, at);
  mdg_consultation_set_text (c, MDG_CONSULTATION_SUBJECT, "件名");
  g_assert_true (mdg_consultation_store_add (f->db, f->staff, c, NULL, &error));
  report = mdg_report_monthly (f->db, 2026, 11, &error);
  csv = mdg_report_export_csv (report);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  records = mdg_csv_parse (csv + 3, "report.csv", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      MdgCsvRecord *record = records->pdata[i];

      g_assert_cmpuint (g_strv_length (record->fields), ==, 4);
      if (g_str_equal (record->fields[0], "channel") && g_str_equal (record->fields[1], "phone"))
        {
          g_assert_cmpstr (record->fields[3], ==, "1");
          saw_phone = TRUE;
        }
    }
  g_assert_true (saw_phone);
  g_assert_nonnull (strstr (csv, "month,month,Month,2026-11"));
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/consultation-import/form", test_form_import);
  ADD ("/consultation-import/problems", test_form_problems);
  ADD ("/consultation-import/cp932", test_form_cp932);
  ADD ("/consultation-import/report-csv", test_report_csv);
#undef ADD

  return g_test_run ();
}
