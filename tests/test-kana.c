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

typedef struct
{
  const char *reading;
  guint       index;
} Item;

static char *
item_reading (gpointer item)
{
  return g_strdup (((Item *) item)->reading);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = *(Item **) a, *y = *(Item **) b;

  return mdg_kana_compare (x->reading ? x->reading : "", -1, y->reading ? y->reading : "", -1);
}

/* mdg_kana_sort weighs each reading once and sorts exactly as mdg_kana_compare does,
 * keeping equal readings in their order; readings NFKC leaves alone and those it
 * changes (half-width and decomposed kana, full-width Latin, variant kanji) alike. */
static void
test_kana_sort (void)
{
  static const char *const readings[] = {
    "さとう はなこ", "ｻﾄｳ ﾊﾅｺ", "サトウ はなこ", "さとう", "さとうだ あい", "か\xe3\x82\x99っこう",
    "がっこう", "ｶﾞｯｺｳ", "コーヒー", "こおひい", "ＡＢＣ", "abc", "山﨑", "山崎", "さとう\xe3\x80\x80はなこ",
    "", NULL, "\xff\xfe", "さとう はなこ", "ゟ", "ゞ", "ヴァイオリン", "ゔぁいおりん", "亜", "あ",
  };
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autofree Item *items = g_new (Item, G_N_ELEMENTS (readings));

  for (guint i = 0; i < G_N_ELEMENTS (readings); i++)
    {
      items[i] = (Item) { readings[i], i };
      g_ptr_array_add (sorted, &items[i]);
      g_ptr_array_add (expected, &items[i]);
    }
  mdg_kana_sort (sorted, item_reading);
  g_ptr_array_sort (expected, compare_items);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpuint (((Item *) sorted->pdata[i])->index, ==, ((Item *) expected->pdata[i])->index);

  /* Decomposed and composed kana weigh alike; a length stops the reading where it says. */
  g_assert_cmpint (mdg_kana_compare ("か\xe3\x82\x99", -1, "がい", -1), <, 0);
  g_assert_cmpint (mdg_kana_compare ("さとうXYZ", 9, "さとう", -1), ==, 0);
  g_assert_cmpint (mdg_kana_compare ("さとう", 6, "さと", -1), ==, 0);

  /* Readings longer than the weights kept on the stack compare the same way. */
  {
    g_autofree char *long_a = g_strconcat ("じゅげむじゅげむごこうのすりきれかいじゃりすいぎょの", "すいぎょうまつ", NULL);
    g_autofree char *long_b = g_strconcat ("じゅげむじゅげむごこうのすりきれかいじゃりすいぎょの", "ずいぎょうまつ", NULL);
    g_autofree char *long_c = g_strconcat ("ジュゲムジュゲムゴコウノスリキレカイジャリスイギョノ", "スイギョウマツ", NULL);

    /* 33 kana, 3 bytes each: more than 64 bytes. */
    g_assert_cmpint (g_utf8_strlen (long_a, -1), ==, 33);
    g_assert_cmpint (mdg_kana_compare (long_a, -1, long_b, -1), <, 0);
    g_assert_cmpint (mdg_kana_compare (long_c, -1, long_b, -1), <, 0);
    g_assert_cmpint (mdg_kana_compare (long_a, -1, long_c, -1), <, 0);
  }
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
  g_test_add_func ("/kana/sort", test_kana_sort);
  g_test_add_func ("/kana/fold", test_kana_fold);

  return g_test_run ();
}
