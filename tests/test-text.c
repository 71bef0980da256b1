/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-organization-store.h"
#include "mdg-person-store.h"
#include "mdg-registration-store.h"
#include "mdg-seminar-store.h"
#include "mdg-test-util.h"
#include "mdg-text.h"

/*
 * Text is stored in one width whatever path it came by: the editors and importer
 * (through the stores) and madoguchi-cli (a separate process).
 */

static void
test_text_normalize (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "ﾀｶﾉ", "タカノ" },
    { "ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ" },
    { "ﾊﾟｿｺﾝｰ", "パソコンー" },
    { "ｶﾞｯｺｳ｢ﾃｽﾄ｣", "ガッコウ「テスト」" },
    { "０９２", "092" },
    { "０９２－１２３－４５６７", "092-123-4567" },
    { "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp" },
    { "ＡＢＣ株式会社", "ABC株式会社" },
    { "１４：００", "14:00" },
    { "Ｆ－１", "F-1" },
    /* Japanese punctuation and compatibility characters stay as written. */
    { "立川商工会議所（東京都立川市）", "立川商工会議所（東京都立川市）" },
    { "有限会社～ゆめ～", "有限会社～ゆめ～" },
    { "①山田 ㈱", "①山田 ㈱" },
    { "３階、大会議室", "3階、大会議室" },
    { "髙橋 花子", "髙橋 花子" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = mdg_text_normalize (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
  g_assert_null (mdg_text_normalize (NULL));
  g_assert_null (mdg_text_normalize ("\xff\xfe"));
}

static void
test_text_stores (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(MdgPerson) person = mdg_person_new ();
  g_autoptr(MdgPerson) walk_in = mdg_person_new ();
  g_autoptr(MdgOrganization) organization = mdg_organization_new ();
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(MdgAttendee) attendee = NULL;
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 30);
  g_autoptr(GError) error = NULL;

  /* The editors save through the stores. */
  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, "高野");
  mdg_person_set_text (person, MDG_PERSON_FAMILY_KANA, "ﾀｶﾉ");
  mdg_person_set_text (person, MDG_PERSON_PHONE, "０９２－１２３－４５６７");
  mdg_person_set_text (person, MDG_PERSON_ORGANIZATION, "ｶﾌﾞｼｷｶﾞｲｼｬ ＡＢＣ");
  g_assert_true (mdg_person_store_save (db, person, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mdg_person_get_text (person, MDG_PERSON_FAMILY_KANA), ==, "タカノ");
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM person WHERE family_kana = 'タカノ'"
                                       " AND phone = '092-123-4567'"), ==, 1);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM organization WHERE name = 'カブシキガイシャ ABC'"), ==, 1);

  mdg_organization_set_text (organization, MDG_ORGANIZATION_NAME, "ﾐﾗｲ商事");
  mdg_organization_set_text (organization, MDG_ORGANIZATION_KANA, "ﾐﾗｲｼｮｳｼﾞ");
  g_assert_true (mdg_organization_store_save (db, organization, &error));
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM organization WHERE name = 'ミライ商事'"
                                       " AND kana = 'ミライショウジ'"), ==, 1);

  g_object_set (seminar, "title", "ﾗﾝｻﾑｳｪｱ対策", "venue", "会議室３０１", "starts-at", starts, "ends-at", ends, NULL);
  g_assert_true (mdg_seminar_store_save (db, seminar, &error));
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar WHERE title = 'ランサムウェア対策'"
                                       " AND venue = '会議室301'"), ==, 1);

  /* The importer adds registrations, with their new people, through the registration store. */
  mdg_person_set_text (walk_in, MDG_PERSON_FAMILY_NAME, "山田");
  mdg_person_set_text (walk_in, MDG_PERSON_FAMILY_KANA, "ﾔﾏﾀﾞ");
  attendee = mdg_registration_store_register (db, mdg_seminar_get_id (seminar), walk_in, MDG_REGISTRATION_SOURCE_CSV,
                                              "Ｆ－１", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mdg_attendee_get_number (attendee), ==, "F-1");
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM registration AS r JOIN person AS p ON p.id = r.person_id"
                                       " WHERE r.number = 'F-1' AND p.family_kana = 'ヤマダ'"), ==, 1);

  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

static void
test_text_cli (void)
{
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cli.db", NULL);
  const char *argv[] = { g_getenv ("MADOGUCHI_CLI"), "--database", path, "seminar", "add", "--title", "ﾌｨｯｼﾝｸﾞ対策",
                         "--start", "2026-12-03T14:00", "--end", "2026-12-03T16:30", "--venue", "３階 大会議室", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  int status;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  db = mdg_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar WHERE title = 'フィッシング対策'"
                                       " AND venue = '3階 大会議室'"), ==, 1);
  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/text/normalize", test_text_normalize);
  g_test_add_func ("/text/stores", test_text_stores);
  g_test_add_func ("/text/cli", test_text_cli);

  return g_test_run ();
}
