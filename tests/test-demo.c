/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-database-private.h"
#include "mdg-demo.h"
#include "mdg-error.h"
#include "mdg-search.h"
#include "mdg-test-util.h"

/* What the sample holds, without the columns that are random or the time of writing. */
static char *
content (MdgDatabase *db)
{
  static const char *const queries[] = {
    "SELECT id, name, kana, industry, employees, municipality FROM organization ORDER BY id",
    "SELECT id, family_name, given_name, family_kana, given_kana, title, email, phone, organization_id,"
    " consent_contact, consent_purpose, consent_at FROM person ORDER BY id",
    "SELECT id, title, starts_at, ends_at, venue, online_url, capacity, co_organizer, status, description"
    " FROM seminar ORDER BY id",
    "SELECT id, seminar_id, position, kind, presenter, deck_title, minutes FROM program_item ORDER BY id",
    "SELECT id, seminar_id, person_id, number, status, source, checked_in_at FROM registration ORDER BY id",
    "SELECT rowid, text FROM search_index ORDER BY rowid",
  };
  GString *all = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (_mdg_database_get_handle (db), queries[q], -1, &stmt, NULL), ==,
                       SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (all, "%s|", sqlite3_column_text (stmt, c) ? (const char *) sqlite3_column_text (stmt, c) : "∅");
          g_string_append_c (all, '\n');
        }
    }
  return g_string_free (all, FALSE);
}

/* The sample written in bulk is the same for the same day, and its search index is
 * exactly what the triggers write row by row. */
static void
test_demo_deterministic (void)
{
  g_autoptr(GDateTime) today = mdg_test_local (2026, 11, 26, 15, 30);
  g_autoptr(GDateTime) morning = mdg_test_local (2026, 11, 26, 8, 0);
  g_autofree char *dir1 = NULL, *dir2 = NULL;
  g_autoptr(MdgDatabase) db1 = mdg_test_open_tmp_db (&dir1);
  g_autoptr(MdgDatabase) db2 = mdg_test_open_tmp_db (&dir2);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL, *reindexed = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  MdgDemoCounts counts = { 0 };

  g_assert_true (mdg_demo_fill (db1, MDG_DEMO_SIZE_SMALL, today, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.seminars, ==, 12);
  g_assert_cmpuint (counts.organizations, ==, 40);
  g_assert_cmpuint (counts.people, ==, 160);
  g_assert_cmpuint (counts.registrations, ==, 300);
  g_assert_true (mdg_demo_fill (db2, MDG_DEMO_SIZE_SMALL, morning, NULL, &error));
  g_assert_no_error (error);

  first = content (db1);
  second = content (db2);
  g_assert_cmpstr (first, ==, second);

  g_assert_cmpint (mdg_test_count (db1, "SELECT count(*) FROM organization"), ==, 40);
  g_assert_cmpint (mdg_test_count (db1, "SELECT count(*) FROM person"), ==, 160);
  g_assert_cmpint (mdg_test_count (db1, "SELECT count(*) FROM registration"), ==, 300);
  g_assert_cmpint (mdg_test_count (db1, "SELECT max(id) FROM person"), ==, 160);
  g_assert_cmpint (mdg_test_count (db1, "SELECT count(*) FROM search_index"), ==, 40 + 160 + 12);
  g_assert_cmpint (mdg_test_count (db1, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (mdg_test_count (db1, "SELECT count(DISTINCT uuid) FROM person"), ==, 160);
  /* Rows keep the order they were made in: person n (whose e-mail carries n - 1) works for
   * organization (n - 1) mod 40 + 1, whose domain is in the e-mail. */
  g_assert_cmpint (mdg_test_count (db1, "SELECT name = '株式会社多摩精密工業' FROM organization WHERE id = 1"), ==, 1);
  g_assert_cmpint (mdg_test_count (db1, "SELECT count(*) FROM person WHERE email NOT LIKE '%' || (id - 1) || '@%'"
                                        " OR organization_id <> (id - 1) % 40 + 1"), ==, 0);
  g_assert_cmpint (mdg_test_count (db1, "SELECT count(*) FROM person AS p JOIN organization AS o"
                                        " ON o.id = p.organization_id WHERE o.kana NOT LIKE 'たま%'"
                                        " AND p.email LIKE '%@tama-%'"), ==, 0);
  g_assert_cmpint (mdg_test_count (db1, "SELECT count(*) FROM registration AS r JOIN seminar AS s"
                                        " ON s.id = r.seminar_id WHERE r.number <> printf ('%04d',"
                                        " r.id - (SELECT min(id) FROM registration WHERE seminar_id = s.id) + 1)"), ==, 0);
  /* The staging tables are gone. */
  g_assert_cmpint (mdg_test_count (db1, "SELECT count(*) FROM temp.sqlite_schema"), ==, 0);

  /* Rewriting every row through the update triggers gives the same index. */
  mdg_test_exec (db1, "INSERT INTO search_index (search_index) VALUES ('integrity-check');"
                      "UPDATE person SET family_name = family_name;"
                      "UPDATE organization SET name = name;"
                      "UPDATE seminar SET title = title;");
  reindexed = content (db1);
  g_assert_cmpstr (first, ==, reindexed);

  /* And search finds the people written in bulk, by kana as by e-mail. */
  hits = mdg_search (db1, "たかはし", 500, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==,
                    mdg_test_count (db1, "SELECT count(*) FROM person WHERE family_kana = 'たかはし'"));
  g_assert_cmpuint (hits->len, >, 0);

  mdg_test_rm_rf (dir1);
  mdg_test_rm_rf (dir2);
}

/* A database that holds data is refused and left as it was. */
static void
test_demo_refuses_data (void)
{
  g_autoptr(GDateTime) today = mdg_test_local (2026, 11, 26, 9, 0);
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(GError) error = NULL;

  mdg_test_exec (db, "INSERT INTO organization (name) VALUES ('株式会社先客')");
  g_assert_false (mdg_demo_fill (db, MDG_DEMO_SIZE_SMALL, today, NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_EMPTY);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM organization"), ==, 1);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM person"), ==, 0);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM temp.sqlite_schema"), ==, 0);
  mdg_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/demo/deterministic", test_demo_deterministic);
  g_test_add_func ("/demo/refuses-data", test_demo_refuses_data);

  return g_test_run ();
}
