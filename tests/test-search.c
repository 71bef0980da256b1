/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-database-private.h"
#include "mdg-search.h"
#include "mdg-seminar-store.h"
#include "mdg-test-util.h"

typedef struct
{
  char        *dir;
  MdgDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 0);
  g_autoptr(GError) error = NULL;

  f->db = mdg_test_open_tmp_db (&f->dir);
  mdg_test_exec (f->db,
                 "INSERT INTO organization (id, name, kana, municipality) VALUES"
                 " (1, '株式会社立川精密工業', 'たちかわせいみつこうぎょう', '東京都立川市'),"
                 " (2, '有限会社林商店', 'はやししょうてん', '東京都青梅市');"
                 "INSERT INTO person (id, family_name, given_name, family_kana, given_kana, email, organization_id)"
                 " VALUES (1, '髙橋', '恵', 'タカハシ', 'メグミ', 'megumi@tachikawa.example.jp', 1),"
                 " (2, '林', '誠', 'はやし', 'まこと', 'hayashi@hayashi.example.jp', 2),"
                 " (3, '佐藤', '花子', 'ｻﾄｳ', 'ﾊﾅｺ', 'hanako.sato@example.jp', NULL);");
  g_object_set (seminar, "title", "ランサムウェア対策セミナー", "starts-at", starts, "ends-at", ends,
                "venue", "多摩産業振興センター", NULL);
  mdg_seminar_store_save (f->db, seminar, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  mdg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* Returns "kind:id" of every hit, sorted, joined by spaces. */
static char *
search (Fixture    *f,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = mdg_search (f->db, query, 50, &error);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      MdgSearchHit *hit = g_ptr_array_index (hits, i);
      g_ptr_array_add (keys, g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                                              mdg_search_kind_to_string (hit->kind), hit->id));
    }
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv (" ", (char **) keys->pdata);
}

#define assert_search(f, query, expected)           \
  G_STMT_START {                                    \
    g_autofree char *result_ = search (f, query);   \
    g_assert_cmpstr (result_, ==, expected);        \
  } G_STMT_END

static void
test_search_kanji (Fixture *f, gconstpointer data)
{
  assert_search (f, "髙橋", "person:1");
  assert_search (f, "立川精密", "organization:1");
  assert_search (f, "ランサムウェア", "seminar:1");
  assert_search (f, "産業振興センター", "seminar:1");
  assert_search (f, "東京都", "organization:1 organization:2");
}

static void
test_search_kana_any_script (Fixture *f, gconstpointer data)
{
  /* Stored in katakana, found in hiragana, katakana and half-width. */
  assert_search (f, "たかはし", "person:1");
  assert_search (f, "タカハシ", "person:1");
  assert_search (f, "ﾀｶﾊｼ", "person:1");
  /* Stored in half-width katakana. */
  assert_search (f, "さとう", "person:3");
  assert_search (f, "はやし", "organization:2 person:2");
  assert_search (f, "せいみつ", "organization:1");
}

static void
test_search_short_queries (Fixture *f, gconstpointer data)
{
  /* One and two characters cannot use trigrams, and must still find everything. */
  assert_search (f, "林", "organization:2 person:2");
  assert_search (f, "髙", "person:1");
  assert_search (f, "佐藤", "person:3");
  assert_search (f, "ラ", "seminar:1");
  assert_search (f, "恵", "person:1");
  assert_search (f, "ab", "");
  /* Mixed: a long and a short term must both match. */
  assert_search (f, "はやし 誠", "person:2");
  assert_search (f, "はやし 商", "organization:2");
}

static void
test_search_other_fields (Fixture *f, gconstpointer data)
{
  assert_search (f, "megumi@tachikawa", "person:1");
  assert_search (f, "MEGUMI", "person:1");
  assert_search (f, "存在しない言葉", "");
  assert_search (f, "   ", "");
  assert_search (f, "\"quoted\" AND OR NEAR(", "");
}

static void
test_search_follows_changes (Fixture *f, gconstpointer data)
{
  mdg_test_exec (f->db, "UPDATE person SET family_name = '高田', family_kana = 'たかだ' WHERE id = 1");
  assert_search (f, "髙橋", "");
  assert_search (f, "たかだ", "person:1");

  mdg_test_exec (f->db, "DELETE FROM person WHERE id = 2");
  assert_search (f, "林", "organization:2");
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM search_index WHERE rowid = 2 * 4 + 1"), ==, 0);
}

static void
test_search_hit_text (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = mdg_search (f->db, "髙橋", 10, &error);
  MdgSearchHit *hit;

  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (hit->title, ==, "髙橋 恵");
  g_assert_cmpstr (hit->subtitle, ==, "株式会社立川精密工業");
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/search/kanji", test_search_kanji);
  ADD ("/search/kana-any-script", test_search_kana_any_script);
  ADD ("/search/short-queries", test_search_short_queries);
  ADD ("/search/other-fields", test_search_other_fields);
  ADD ("/search/follows-changes", test_search_follows_changes);
  ADD ("/search/hit-text", test_search_hit_text);
#undef ADD

  return g_test_run ();
}
