/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-database-private.h"
#include "mdg-kana.h"
#include "mdg-test-util.h"

static int
compare_kana (gconstpointer a,
              gconstpointer b)
{
  return mdg_kana_compare (*(const char **) a, -1, *(const char **) b, -1);
}

static void
shuffle (GPtrArray *array,
         GRand     *rand)
{
  for (guint i = array->len - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      gpointer tmp = array->pdata[i];

      array->pdata[i] = array->pdata[j];
      array->pdata[j] = tmp;
    }
}

static void
assert_same_order (GPtrArray *expected,
                   GPtrArray *actual)
{
  g_assert_cmpuint (expected->len, ==, actual->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (actual, i), ==, g_ptr_array_index (expected, i));
}

static void
test_kana_vector_sorts_back (void)
{
  g_autoptr(GPtrArray) expected = mdg_test_load_kana_order ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (4061);

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(GPtrArray) shuffled = g_ptr_array_new ();

      g_ptr_array_extend (shuffled, expected, NULL, NULL);

      shuffle (shuffled, rand);
      g_ptr_array_sort (shuffled, compare_kana);
      assert_same_order (expected, shuffled);
    }
}

static void
test_kana_collation_in_sqlite (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(GPtrArray) expected = mdg_test_load_kana_order ();
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  sqlite3 *handle = _mdg_database_get_handle (db);
  sqlite3_stmt *stmt;

  mdg_test_exec (db, "CREATE TEMP TABLE reading (kana TEXT)");
  shuffle (expected, rand);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "INSERT INTO reading VALUES (?)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < expected->len; i++)
    {
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (expected, i), -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT kana FROM reading ORDER BY kana COLLATE kana",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (sorted, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  g_ptr_array_unref (expected);
  expected = mdg_test_load_kana_order ();
  assert_same_order (expected, sorted);
  mdg_test_rm_rf (dir);
}

static void
test_kana_levels (void)
{
  /* Script differences only break ties; sounds decide first. */
  g_assert_cmpint (mdg_kana_compare ("さとう", -1, "サトウ", -1), <, 0);
  g_assert_cmpint (mdg_kana_compare ("サトウ", -1, "さどう", -1), <, 0);
  g_assert_cmpint (mdg_kana_compare ("ｻﾄｳ", -1, "さとう", -1), >, 0);
  g_assert_cmpint (mdg_kana_compare ("ｶﾞｯｺｳ", -1, "がっこう", -1), >, 0);
  g_assert_cmpint (mdg_kana_compare ("ｶﾞｯｺｳ", -1, "かつこう", -1), >, 0);
  g_assert_cmpint (mdg_kana_compare ("ｶﾞｯｺｳ", -1, "かつこえ", -1), <, 0);
  /* ー reads as the vowel before it. */
  g_assert_cmpint (mdg_kana_compare ("コーヒー", -1, "こおひい", -1), >, 0);
  g_assert_cmpint (mdg_kana_compare ("コーヒー", -1, "こおひか", -1), <, 0);
  /* A space ends the family name: shorter family names first. */
  g_assert_cmpint (mdg_kana_compare ("さとう はなこ", -1, "さとうだ あい", -1), <, 0);
  g_assert_cmpint (mdg_kana_compare ("abc", -1, "あ", -1), <, 0);
  g_assert_cmpint (mdg_kana_compare ("あ", -1, "亜", -1), <, 0);
  g_assert_cmpint (mdg_kana_compare ("さとう", -1, "さとう", -1), ==, 0);
  /* Invalid UTF-8 still compares, by bytes, without crashing. */
  g_assert_cmpint (mdg_kana_compare ("\xff\xfe", -1, "\xff\xff", -1), <, 0);
}

static void
test_kana_fold (void)
{
  g_autofree char *a = mdg_kana_fold ("タカハシ", -1);
  g_autofree char *b = mdg_kana_fold ("ﾀｶﾊｼ", -1);
  g_autofree char *c = mdg_kana_fold ("ＴＡＫＡＨＡＳＨＩ", -1);
  g_autofree char *d = mdg_kana_fold ("ｶﾞｯｺｳ", -1);

  g_assert_cmpstr (a, ==, "たかはし");
  g_assert_cmpstr (b, ==, "たかはし");
  g_assert_cmpstr (c, ==, "takahashi");
  g_assert_cmpstr (d, ==, "がっこう");
  g_assert_null (mdg_kana_fold ("\xff", -1));
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/kana/vector/sorts-back", test_kana_vector_sorts_back);
  g_test_add_func ("/kana/vector/sqlite-collation", test_kana_collation_in_sqlite);
  g_test_add_func ("/kana/levels", test_kana_levels);
  g_test_add_func ("/kana/fold", test_kana_fold);

  return g_test_run ();
}
