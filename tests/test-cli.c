/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mdg-database-private.h"
#include "mdg-test-slides.h"
#include "mdg-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

/* Runs madoguchi-cli with the arguments (NULL-terminated) and the fixture's database. */
static void
run (Fixture    *f,
     MdgTestCli     *r,
     const char *first,
     ...)
{
  va_list ap;

  va_start (ap, first);
  r->status = mdg_test_run_cli_valist (f->db, &r->out, &r->err, first, ap);
  va_end (ap);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = mdg_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "cli.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mdg_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_cli_seminar_commands (Fixture *f, gconstpointer data)
{
  g_auto(MdgTestCli) add = { 0 };
  g_auto(MdgTestCli) list = { 0 };
  g_auto(MdgTestCli) show = { 0 };
  g_auto(MdgTestCli) json = { 0 };
  g_auto(MdgTestCli) missing = { 0 };
  g_auto(MdgTestCli) bad_time = { 0 };
  g_auto(MdgTestCli) backwards = { 0 };
  g_auto(MdgTestCli) ics = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *ics_path = g_build_filename (f->dir, "one.ics", NULL);
  g_autofree char *ics_text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  run (f, &add, "seminar", "add", "--title", "ランサムウェア対策セミナー", "--start", "2026-12-03T14:00",
       "--end", "2026-12-03T16:30", "--venue", "立川商工会議所", "--capacity", "40", NULL);
  g_assert_cmpint (add.status, ==, 0);
  id = g_strstrip (g_strdup (add.out));
  g_assert_cmpstr (id, ==, "1");

  run (f, &list, "seminar", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "ランサムウェア対策セミナー"));
  g_assert_nonnull (strstr (list.out, "Thu, 3 Dec 2026, 14:00–16:30"));

  run (f, &show, "seminar", "show", id, NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "立川商工会議所"));
  g_assert_nonnull (strstr (show.out, "40"));

  run (f, &json, "seminar", "show", id, "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (json.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "ランサムウェア対策セミナー");
  g_assert_cmpstr (json_object_get_string_member (object, "start"), ==, "2026-12-03T14:00:00+09:00");
  g_assert_cmpint (json_object_get_int_member (object, "capacity"), ==, 40);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "planned");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "program")), ==, 0);

  run (f, &missing, "seminar", "show", "999", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "999"));

  run (f, &bad_time, "seminar", "add", "--title", "x", "--start", "tomorrow", "--end", "2026-12-03T16:30", NULL);
  g_assert_cmpint (bad_time.status, ==, 2);
  g_assert_nonnull (strstr (bad_time.err, "--start"));

  run (f, &backwards, "seminar", "add", "--title", "x", "--start", "2026-12-03T16:30", "--end", "2026-12-03T14:00", NULL);
  g_assert_cmpint (backwards.status, ==, 1);
  g_assert_nonnull (strstr (backwards.err, "end after it starts"));

  run (f, &ics, "seminar", "ics", id, "--output", ics_path, NULL);
  g_assert_cmpint (ics.status, ==, 0);
  g_assert_true (g_file_get_contents (ics_path, &ics_text, NULL, NULL));
  g_assert_nonnull (strstr (ics_text, "SUMMARY:ランサムウェア対策セミナー\r\n"));
}

static void
test_cli_list_json_and_search (Fixture *f, gconstpointer data)
{
  g_auto(MdgTestCli) demo = { 0 };
  g_auto(MdgTestCli) again = { 0 };
  g_auto(MdgTestCli) list = { 0 };
  g_auto(MdgTestCli) search = { 0 };
  g_auto(MdgTestCli) search_json = { 0 };
  g_auto(MdgTestCli) nothing = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) hits = NULL;

  run (f, &demo, "demo", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  g_assert_nonnull (strstr (demo.out, "12 seminars"));

  /* Sample data goes only into an empty database. */
  run (f, &again, "demo", "--size", "small", NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already holds data"));

  run (f, &list, "seminar", "list", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  root = parse_json (list.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 12);

  run (f, &search, "search", "髙橋", NULL);
  g_assert_cmpint (search.status, ==, 0);
  g_assert_nonnull (strstr (search.out, "person"));
  g_assert_nonnull (strstr (search.out, "髙橋"));

  run (f, &search_json, "search", "林", "--json", NULL);
  g_assert_cmpint (search_json.status, ==, 0);
  hits = parse_json (search_json.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (hits)), >, 0);

  run (f, &nothing, "search", "該当なしの言葉", NULL);
  g_assert_cmpint (nothing.status, ==, 1);
}

static void
test_cli_check_and_backup (Fixture *f, gconstpointer data)
{
  g_auto(MdgTestCli) check = { 0 };
  g_auto(MdgTestCli) backup = { 0 };
  g_auto(MdgTestCli) backup_usage = { 0 };
  g_auto(MdgTestCli) corrupt = { 0 };
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.db", NULL);

  run (f, &check, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_nonnull (strstr (check.out, "sound"));

  run (f, &backup, "backup", copy, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  run (f, &backup_usage, "backup", NULL);
  g_assert_cmpint (backup_usage.status, ==, 2);

  /* A file that is no database: check fails with a message naming it. */
  g_assert_true (g_file_set_contents (bad, "this is not a database, it is a shopping list", -1, NULL));
  g_free (f->db);
  f->db = g_strdup (bad);
  run (f, &corrupt, "check", NULL);
  g_assert_cmpint (corrupt.status, ==, 1);
  g_assert_nonnull (strstr (corrupt.err, "bad.db"));
}

static void
test_cli_usage_errors (Fixture *f, gconstpointer data)
{
  g_auto(MdgTestCli) unknown = { 0 };
  g_auto(MdgTestCli) seminar = { 0 };
  g_auto(MdgTestCli) size = { 0 };
  g_auto(MdgTestCli) help = { 0 };

  run (f, &unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));

  run (f, &seminar, "seminar", "explode", NULL);
  g_assert_cmpint (seminar.status, ==, 2);

  run (f, &size, "demo", "--size", "huge", NULL);
  g_assert_cmpint (size.status, ==, 2);

  run (f, &help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "seminar add"));
}

static char *
write_csv (Fixture    *f,
           const char *name,
           const char *utf8,
           gboolean    cp932)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *bytes = NULL;
  gsize length = strlen (utf8);

  bytes = cp932 ? g_convert (utf8, -1, "CP932", "UTF-8", NULL, &length, NULL) : g_strdup (utf8);
  g_assert_nonnull (bytes);
  g_assert_true (g_file_set_contents (path, bytes, length, NULL));
  return g_steal_pointer (&path);
}

static void
test_cli_attendees (Fixture *f, gconstpointer data)
{
  g_auto(MdgTestCli) add = { 0 };
  g_auto(MdgTestCli) dry = { 0 };
  g_auto(MdgTestCli) import = { 0 };
  g_auto(MdgTestCli) bad = { 0 };
  g_auto(MdgTestCli) list = { 0 };
  g_auto(MdgTestCli) json = { 0 };
  g_auto(MdgTestCli) csv = { 0 };
  g_auto(MdgTestCli) sjis = { 0 };
  g_auto(MdgTestCli) missing = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *good = write_csv (f, "good.csv",
                                     "受付番号,氏名,フリガナ,会社名,メールアドレス\r\n"
                                     "9001,髙橋 恵,タカハシ メグミ,株式会社山﨑製作所,m@example.jp\r\n"
                                     "9002,佐藤 花子,さとう はなこ,①商事,h@example.jp\r\n", TRUE);
  g_autofree char *broken = write_csv (f, "broken.csv", "氏名,メールアドレス\n青木 恵,a@example.jp\n伊藤 誠,not-mail\n", FALSE);
  g_autofree char *id = NULL;

  run (f, &add, "seminar", "add", "--title", "受付テスト", "--start", "2026-12-03T14:00", "--end", "2026-12-03T16:30",
       "--capacity", "10", NULL);
  id = g_strstrip (g_strdup (add.out));

  run (f, &dry, "attendees", "import", id, good, "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "2 registrations can be imported"));

  run (f, &import, "attendees", "import", id, good, "--encoding", "cp932", NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "Imported 2"));

  /* A file with a bad line imports nothing and names the line. */
  run (f, &bad, "attendees", "import", id, broken, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "broken.csv"));
  g_assert_nonnull (strstr (bad.err, "Line 3"));

  run (f, &list, "attendees", "list", id, NULL);
  g_assert_cmpint (list.status, ==, 0);
  /* Kana order: さとう before たかはし. */
  g_assert_true (strstr (list.out, "佐藤 花子") < strstr (list.out, "髙橋 恵"));
  g_assert_null (strstr (list.out, "青木"));

  run (f, &json, "attendees", "list", id, "--json", NULL);
  root = parse_json (json.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (root), 1),
                                                  "organization"), ==, "株式会社山﨑製作所");

  {
    static const char *formats[] = { "list", "sign-in", "badges" };

    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_auto(MdgTestCli) pdf = { 0 };
        g_autofree char *path = g_strdup_printf ("%s/%s.pdf", f->dir, formats[i]);
        g_autofree char *contents = NULL;

        run (f, &pdf, "attendees", "export", id, "--format", formats[i], "--output", path, NULL);
        g_assert_cmpint (pdf.status, ==, 0);
        g_assert_nonnull (strstr (pdf.err, "personal data"));
        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        g_assert_true (g_str_has_prefix (contents, "%PDF-"));
      }
  }

  {
    g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
    g_autofree char *contents = NULL;

    run (f, &csv, "attendees", "export", id, "--format", "csv", "--output", path, NULL);
    g_assert_cmpint (csv.status, ==, 0);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
    g_assert_nonnull (strstr (contents, "株式会社山﨑製作所"));
  }

  {
    g_auto(MdgTestCli) emoji = { 0 };
    g_autofree char *path = g_build_filename (f->dir, "out-sjis.csv", NULL);
    g_autofree char *cafe = write_csv (f, "cafe.csv", "氏名,会社名\nCafé 太郎,☕屋\n", FALSE);

    run (f, &emoji, "attendees", "import", id, cafe, NULL);
    g_assert_cmpint (emoji.status, ==, 0);
    run (f, &sjis, "attendees", "export", id, "--format", "csv", "--encoding", "cp932", "--output", path, NULL);
    g_assert_cmpint (sjis.status, ==, 0);
    g_assert_nonnull (strstr (sjis.err, "é"));
    g_assert_nonnull (strstr (sjis.err, "☕"));
  }

  run (f, &missing, "attendees", "list", "999", NULL);
  g_assert_cmpint (missing.status, ==, 1);
}

static void
test_cli_checkin_and_person (Fixture *f, gconstpointer data)
{
  g_auto(MdgTestCli) add = { 0 };
  g_auto(MdgTestCli) import = { 0 };
  g_auto(MdgTestCli) many = { 0 };
  g_auto(MdgTestCli) none = { 0 };
  g_auto(MdgTestCli) one = { 0 };
  g_auto(MdgTestCli) again = { 0 };
  g_auto(MdgTestCli) exported = { 0 };
  g_auto(MdgTestCli) exported_csv = { 0 };
  g_auto(MdgTestCli) deleted = { 0 };
  g_auto(MdgTestCli) twice = { 0 };
  g_autofree char *file = write_csv (f, "two.csv",
                                     "受付番号,氏名,フリガナ,メールアドレス\n"
                                     "A1,高田 誠,たかだ まこと,t@example.jp\n"
                                     "A2,髙橋 恵,たかはし めぐみ,m@example.jp\n", FALSE);
  g_autofree char *json_path = g_build_filename (f->dir, "person.json", NULL);
  g_autofree char *csv_path = g_build_filename (f->dir, "person.csv", NULL);
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *person;
  gint64 person_id;

  run (f, &add, "seminar", "add", "--title", "受付", "--start", "2026-12-03T14:00", "--end", "2026-12-03T16:30", NULL);
  id = g_strstrip (g_strdup (add.out));
  run (f, &import, "attendees", "import", id, file, NULL);
  g_assert_cmpint (import.status, ==, 0);

  /* Two match: nobody is checked in, both are listed. */
  run (f, &many, "checkin", id, "たか", NULL);
  g_assert_cmpint (many.status, ==, 1);
  g_assert_nonnull (strstr (many.err, "高田 誠"));
  g_assert_nonnull (strstr (many.err, "髙橋 恵"));
  run (f, &none, "checkin", id, "存在しない", NULL);
  g_assert_cmpint (none.status, ==, 1);

  /* A scanner types the registration number. */
  run (f, &one, "checkin", id, "A2", NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_nonnull (strstr (one.out, "Checked in 髙橋 恵"));
  run (f, &again, "checkin", id, "タカハシ", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "already"));

  /* Export what is held about 髙橋 恵, then delete her. */
  {
    g_autoptr(MdgDatabase) db = mdg_database_open (f->db, NULL);
    person_id = mdg_test_count (db, "SELECT id FROM person WHERE family_name = '髙橋'");
  }
  {
    g_autofree char *pid = g_strdup_printf ("%" G_GINT64_FORMAT, person_id);
    g_autofree char *contents = NULL;

    run (f, &exported, "person", "export", pid, "--output", json_path, NULL);
    g_assert_cmpint (exported.status, ==, 0);
    g_assert_true (g_file_get_contents (json_path, &contents, NULL, NULL));
    root = parse_json (contents);
    person = json_object_get_object_member (json_node_get_object (root), "person");
    g_assert_cmpstr (json_object_get_string_member (person, "email"), ==, "m@example.jp");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "registrations")), ==, 1);

    run (f, &exported_csv, "person", "export", pid, "--output", csv_path, NULL);
    g_assert_cmpint (exported_csv.status, ==, 0);
    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "person,email,m@example.jp"));

    run (f, &deleted, "person", "delete", pid, NULL);
    g_assert_cmpint (deleted.status, ==, 0);
    run (f, &twice, "person", "delete", pid, NULL);
    g_assert_cmpint (twice.status, ==, 1);
  }
}

static void
test_cli_desk (Fixture *f, gconstpointer data)
{
  g_auto(MdgTestCli) unset = { 0 };
  g_auto(MdgTestCli) set = { 0 };
  g_auto(MdgTestCli) again = { 0 };
  g_auto(MdgTestCli) show = { 0 };
  g_auto(MdgTestCli) json = { 0 };
  g_auto(MdgTestCli) nothing = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  run (f, &unset, "desk", "show", NULL);
  g_assert_cmpint (unset.status, ==, 0);
  g_assert_nonnull (strstr (unset.out, "desk set"));

  run (f, &set, "desk", "set", "--name", "多摩中小企業サイバー相談窓口", "--phone", "042-000-0000", NULL);
  g_assert_cmpint (set.status, ==, 0);
  /* A second call changes only what it names. */
  run (f, &again, "desk", "set", "--email", "desk@example.jp", NULL);
  g_assert_cmpint (again.status, ==, 0);

  run (f, &show, "desk", "show", NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_cmpstr (show.out, ==, "多摩中小企業サイバー相談窓口\nPhone 042-000-0000　E-mail desk@example.jp\n");

  run (f, &json, "desk", "show", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (json.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "email"), ==, "desk@example.jp");
  g_assert_true (json_object_get_null_member (object, "address"));

  run (f, &nothing, "desk", "set", NULL);
  g_assert_cmpint (nothing.status, ==, 2);
}

static const char *
json_string (JsonNode   *node,
             const char *member)
{
  return json_object_get_string_member (json_node_get_object (node), member);
}

static gint64
json_int (JsonNode   *node,
          const char *member)
{
  return json_object_get_int_member (json_node_get_object (node), member);
}

static void
test_cli_decks (Fixture *f, gconstpointer data)
{
  static const char *const v1[] = { "表紙 S01", "被害事例 S02", "対策 S03", "相談窓口 S04" };
  static const char *const v2[] = { "表紙 S01", "新しい手口 S05", "対策 S03", "相談窓口 S04" };
  g_autofree char *first = g_build_filename (f->dir, "v1.pdf", NULL);
  g_autofree char *second = g_build_filename (f->dir, "v2.pdf", NULL);
  g_autofree char *broken = g_build_filename (f->dir, "broken.pdf", NULL);
  g_autofree char *md = g_build_filename (f->dir, "notes.md", NULL);
  g_autofree char *pdfpc = g_build_filename (f->dir, "talk.pdfpc", NULL);
  g_autofree char *handout = g_build_filename (f->dir, "handout.pdf", NULL);
  g_autofree char *packet = g_build_filename (f->dir, "packet.pdf", NULL);
  g_autofree char *contents = NULL;
  g_auto(MdgTestCli) imported = { 0 };
  g_auto(MdgTestCli) note = { 0 };
  g_auto(MdgTestCli) revised = { 0 };
  g_auto(MdgTestCli) list = { 0 };
  g_auto(MdgTestCli) show = { 0 };
  g_auto(MdgTestCli) show_text = { 0 };
  g_auto(MdgTestCli) export_md = { 0 };
  g_auto(MdgTestCli) export_pdfpc = { 0 };
  g_auto(MdgTestCli) printed = { 0 };
  g_auto(MdgTestCli) refused = { 0 };
  g_auto(MdgTestCli) bad_layout = { 0 };
  g_auto(MdgTestCli) bad_range = { 0 };
  g_auto(MdgTestCli) seminar = { 0 };
  g_auto(MdgTestCli) attached = { 0 };
  g_auto(MdgTestCli) packed = { 0 };
  g_autoptr(JsonNode) import_json = NULL;
  g_autoptr(JsonNode) list_json = NULL;
  g_autoptr(JsonNode) show_json = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  JsonArray *changes;

  mdg_test_write_deck (first, v1, G_N_ELEMENTS (v1), FALSE);
  mdg_test_write_deck (second, v2, G_N_ELEMENTS (v2), FALSE);

  run (f, &imported, "deck", "import", first, "--title", "ランサムウェア対策", "--note", "初版", "--json", NULL);
  g_assert_cmpint (imported.status, ==, 0);
  import_json = parse_json (imported.out);
  g_assert_cmpint (json_int (import_json, "deck"), ==, 1);
  g_assert_cmpint (json_int (import_json, "revision"), ==, 1);
  g_assert_cmpint (json_int (import_json, "slides"), ==, 4);

  run (f, &note, "deck", "notes", "1", "--page", "3", "--text", "対策は三つに絞って話す", NULL);
  g_assert_cmpint (note.status, ==, 0);

  run (f, &revised, "deck", "revise", "1", second, "--note", "事例を差し替え", NULL);
  g_assert_cmpint (revised.status, ==, 0);
  g_assert_nonnull (strstr (revised.out, "revision 2"));
  g_assert_nonnull (strstr (revised.out, "1 explanatory text followed its slide"));

  run (f, &list, "deck", "list", "--json", NULL);
  list_json = parse_json (list.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list_json)), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_node_get_array (list_json), 0), "revision"), ==, 2);

  run (f, &show, "deck", "show", "1", "--json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  show_json = parse_json (show.out);
  g_assert_cmpstr (json_string (show_json, "title"), ==, "ランサムウェア対策");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (show_json), "revisions")), ==, 2);
  changes = json_object_get_array_member (json_node_get_object (show_json), "changes");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 1), "change"), ==, "removed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 2), "change"), ==, "added");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (json_node_get_object (show_json), "slides"), 2), "explanation"),
                   ==, "対策は三つに絞って話す");

  run (f, &show_text, "deck", "show", "1", NULL);
  g_assert_nonnull (strstr (show_text.out, "事例を差し替え"));
  g_assert_nonnull (strstr (show_text.out, "対策は三つに絞って話す"));

  run (f, &export_md, "deck", "notes-export", "1", "--output", md, NULL);
  g_assert_cmpint (export_md.status, ==, 0);
  g_assert_true (g_file_get_contents (md, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "対策は三つに絞って話す"));
  run (f, &export_pdfpc, "deck", "notes-export", "1", "--output", pdfpc, NULL);
  g_assert_cmpint (export_pdfpc.status, ==, 0);
  g_assert_true (g_file_test (pdfpc, G_FILE_TEST_IS_REGULAR));

  run (f, &printed, "handout", "1", "--layout", "4", "--paper", "letter", "--pages", "1-3", "--output", handout, NULL);
  g_assert_cmpint (printed.status, ==, 0);
  g_assert_cmpuint (mdg_test_pdf_n_pages (handout), ==, 1);
  {
    g_autofree char *text = mdg_test_pdf_text (handout, 0);
    g_assert_nonnull (strstr (text, "S05"));
    g_assert_null (strstr (text, "S04"));
  }

  /* A refused file changes nothing; a wrong command line says how to write it. */
  g_file_set_contents (broken, "%PDF-1.4\n", -1, NULL);
  db = mdg_database_open (f->db, NULL);
  run (f, &refused, "deck", "revise", "1", broken, "--note", "壊れた", NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "broken.pdf"));
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM deck_revision"), ==, 2);
  run (f, &bad_layout, "handout", "1", "--layout", "5", "--output", handout, NULL);
  g_assert_cmpint (bad_layout.status, ==, 2);
  run (f, &bad_range, "handout", "1", "--layout", "6", "--pages", "2-9", "--output", handout, NULL);
  g_assert_cmpint (bad_range.status, ==, 1);
  g_assert_nonnull (strstr (bad_range.err, "2-9"));

  /* The packet prints the handout of the deck presented in the program. */
  run (f, &seminar, "seminar", "add", "--title", "ランサムウェア対策セミナー", "--start", "2026-12-03T14:00",
       "--end", "2026-12-03T16:00", NULL);
  g_assert_cmpint (seminar.status, ==, 0);
  mdg_test_exec (db, "INSERT INTO program_item (seminar_id, position, kind, title, minutes)"
                     " VALUES (1, 1, 'presentation', '基本', 60)");
  run (f, &attached, "deck", "attach", "1", "--seminar", "1", "--item", "1", NULL);
  g_assert_cmpint (attached.status, ==, 0);
  run (f, &packed, "packet", "1", "--output", packet, NULL);
  g_assert_cmpint (packed.status, ==, 0);
  g_assert_nonnull (strstr (packed.out, "the handout of 1 deck\n"));
  {
    g_autofree char *program = mdg_test_pdf_text (packet, 1);
    g_autofree char *handout_text = mdg_test_pdf_text (packet, 2);
    g_assert_nonnull (strstr (program, "基本"));
    g_assert_nonnull (strstr (handout_text, "S05"));
  }
}

/* The id a command printed on its first line. */
static char *
printed_id (MdgTestCli *r)
{
  g_assert_cmpint (r->status, ==, 0);
  return g_strstrip (g_strndup (r->out, strcspn (r->out, "\n")));
}

static void
test_cli_consultations (Fixture *f, gconstpointer data)
{
  g_auto(MdgTestCli) desk = { 0 };
  g_auto(MdgTestCli) specialist = { 0 };
  g_auto(MdgTestCli) staff = { 0 };
  g_auto(MdgTestCli) nobody = { 0 };
  g_auto(MdgTestCli) add = { 0 };
  g_auto(MdgTestCli) illegal = { 0 };
  g_auto(MdgTestCli) dispatch = { 0 };
  g_auto(MdgTestCli) answer = { 0 };
  g_auto(MdgTestCli) close = { 0 };
  g_auto(MdgTestCli) reopen = { 0 };
  g_auto(MdgTestCli) show = { 0 };
  g_auto(MdgTestCli) list = { 0 };
  g_auto(MdgTestCli) overdue = { 0 };
  g_auto(MdgTestCli) by_assignee = { 0 };
  g_auto(MdgTestCli) bad_channel = { 0 };
  g_auto(MdgTestCli) mail = { 0 };
  g_auto(MdgTestCli) desk_set = { 0 };
  g_auto(MdgTestCli) reply = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *mail_id = NULL;
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "mail", "utf-8-qp.eml", NULL);
  g_autofree char *reply_path = g_build_filename (f->dir, "reply.eml", NULL);
  g_autofree char *reply_text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *history;

  run (f, &desk, "staff", "add", "窓口 一郎", "--role", "first-line", NULL);
  g_assert_cmpint (desk.status, ==, 0);
  run (f, &specialist, "staff", "add", "佐藤 花子", "--role", "second-line", "--areas", "T-RANSOM,M4", NULL);
  g_assert_cmpint (specialist.status, ==, 0);
  run (f, &staff, "staff", "list", "--json", NULL);
  root = parse_json (staff.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  g_clear_pointer (&root, json_node_unref);

  /* Changes say who makes them. */
  run (f, &nobody, "consultation", "add", "--channel", "phone", "--subject", "件名", NULL);
  g_assert_cmpint (nobody.status, ==, 1);
  g_assert_nonnull (strstr (nobody.err, "--as"));

  run (f, &add, "--as", "窓口一郎", "consultation", "add", "--channel", "phone", "--subject", "ランサムウェア感染",
       "--question", "ファイルが開けない", "--org", "立川精密工業株式会社", "--category", "T-RANSOM",
       "--category", "K-AFTER", "--received", "2026-11-02T10:15", NULL);
  id = printed_id (&add);
  g_assert_cmpstr (id, ==, "1");

  run (f, &bad_channel, "--as", "1", "consultation", "add", "--channel", "fax", "--subject", "x", NULL);
  g_assert_cmpint (bad_channel.status, ==, 2);

  /* An illegal transition: refused, with a message, exit 1. */
  run (f, &illegal, "--as", "1", "consultation", "close", id, NULL);
  g_assert_cmpint (illegal.status, ==, 1);
  g_assert_nonnull (strstr (illegal.err, "answer it before closing"));

  run (f, &dispatch, "--as", "1", "consultation", "dispatch", id, "--to", "佐藤 花子", "--note", "バックアップ無し", NULL);
  g_assert_cmpint (dispatch.status, ==, 0);
  g_assert_nonnull (strstr (dispatch.out, "Dispatched"));
  run (f, &answer, "--as", "佐藤花子", "consultation", "answer", id, "--text", "ネットワークから切り離してください", NULL);
  g_assert_cmpint (answer.status, ==, 0);
  run (f, &close, "--as", "2", "consultation", "close", id, NULL);
  g_assert_cmpint (close.status, ==, 0);
  run (f, &reopen, "--as", "1", "consultation", "reopen", id, "--note", "追加質問", NULL);
  g_assert_cmpint (reopen.status, ==, 0);
  g_assert_nonnull (strstr (reopen.out, "In progress"));

  run (f, &show, "consultation", "show", id, "--json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  root = parse_json (show.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "in-progress");
  g_assert_cmpstr (json_object_get_string_member (object, "organization"), ==, "立川精密工業株式会社");
  g_assert_cmpstr (json_object_get_string_member (object, "assignee"), ==, "佐藤 花子");
  g_assert_false (json_object_get_boolean_member (object, "sensitive"));
  history = json_object_get_array_member (object, "history");
  g_assert_cmpuint (json_array_get_length (history), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 1), "note"), ==,
                   "バックアップ無し");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 5), "action"), ==,
                   "reopened");
  g_clear_pointer (&root, json_node_unref);

  run (f, &list, "consultation", "list", "--state", "in-progress", "--json", NULL);
  root = parse_json (list.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_clear_pointer (&root, json_node_unref);
  run (f, &by_assignee, "consultation", "list", "--assignee", "窓口 一郎", "--json", NULL);
  root = parse_json (by_assignee.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  /* Received on 11/2, due three business days later: overdue now. */
  run (f, &overdue, "consultation", "list", "--overdue", NULL);
  g_assert_cmpint (overdue.status, ==, 0);
  g_assert_nonnull (strstr (overdue.out, "ランサムウェア感染"));

  /* E-mail: imported, then answered by a reply .eml. */
  run (f, &mail, "--as", "1", "consultation", "import-mail", fixture, "--create-person", NULL);
  mail_id = printed_id (&mail);
  g_assert_nonnull (strstr (mail.err, "Contacts"));
  {
    g_auto(MdgTestCli) mail_answer = { 0 };

    run (f, &mail_answer, "--as", "1", "consultation", "answer", mail_id, "--text", "共有リンクを無効にしてください", NULL);
    g_assert_cmpint (mail_answer.status, ==, 0);
  }
  run (f, &desk_set, "desk", "set", "--name", "相談窓口", "--email", "soudan@desk.example.jp", NULL);
  run (f, &reply, "--as", "1", "consultation", "reply", mail_id, "--output", reply_path, NULL);
  g_assert_cmpint (reply.status, ==, 0);
  g_assert_true (g_file_get_contents (reply_path, &reply_text, NULL, NULL));
  g_assert_nonnull (strstr (reply_text, "In-Reply-To: <CAHk7x=3Q@mail.gmail.example.com>"));
  g_assert_nonnull (strstr (reply_text, "charset=iso-2022-jp"));
}

static void
test_cli_follow_ups_and_calendar (Fixture *f, gconstpointer data)
{
  g_auto(MdgTestCli) staff = { 0 };
  g_auto(MdgTestCli) add = { 0 };
  g_auto(MdgTestCli) follow = { 0 };
  g_auto(MdgTestCli) both = { 0 };
  g_auto(MdgTestCli) list = { 0 };
  g_auto(MdgTestCli) done = { 0 };
  g_auto(MdgTestCli) holidays = { 0 };
  g_auto(MdgTestCli) year_end = { 0 };
  g_auto(MdgTestCli) golden_week = { 0 };
  g_auto(MdgTestCli) letter = { 0 };
  g_auto(MdgTestCli) csv = { 0 };
  g_auto(MdgTestCli) pdf = { 0 };
  g_auto(MdgTestCli) bad_month = { 0 };
  g_autofree char *follow_id = NULL;
  g_autofree char *letter_path = g_build_filename (f->dir, "letter.pdf", NULL);
  g_autofree char *csv_path = g_build_filename (f->dir, "report.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  run (f, &staff, "staff", "add", "佐藤 花子", "--role", "second-line", NULL);
  run (f, &add, "--as", "1", "consultation", "add", "--channel", "walk-in", "--subject", "バックアップ", "--org",
       "八王子印刷", "--received", "2026-11-10T09:00", NULL);
  g_assert_cmpint (add.status, ==, 0);

  /* One of --due and --business-days. */
  run (f, &both, "--as", "1", "followup", "add", "1", "--title", "x", NULL);
  g_assert_cmpint (both.status, ==, 2);
  run (f, &follow, "--as", "1", "followup", "add", "1", "--title", "手順書を送付", "--due", "2026-11-20", "--advice",
       "NASのバックアップを週1回に", NULL);
  follow_id = printed_id (&follow);
  run (f, &list, "followup", "list", "--overdue", "--json", NULL);
  root = parse_json (list.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "owner"), ==, "佐藤 花子");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 0), "overdue"));
  g_clear_pointer (&root, json_node_unref);

  run (f, &letter, "letter", follow_id, "--output", letter_path, NULL);
  g_assert_cmpint (letter.status, ==, 0);
  g_assert_true (g_file_get_contents (letter_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_clear_pointer (&contents, g_free);

  run (f, &done, "--as", "1", "followup", "done", follow_id, NULL);
  g_assert_cmpint (done.status, ==, 0);
  g_assert_nonnull (strstr (done.out, "Done"));

  run (f, &holidays, "calendar", "holidays", "2026", "--json", NULL);
  root = parse_json (holidays.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 18);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 9), "date"), ==, "2026-05-06");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 9), "kind"), ==, "substitute");
  g_clear_pointer (&root, json_node_unref);

  run (f, &year_end, "calendar", "add-business-days", "2026-12-28", "1", NULL);
  g_assert_cmpstr (year_end.out, ==, "2027-01-04\n");
  run (f, &golden_week, "calendar", "add-business-days", "2026-05-01", "1", NULL);
  g_assert_cmpstr (golden_week.out, ==, "2026-05-07\n");

  run (f, &csv, "report", "monthly", "2026-11", "--output", csv_path, NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "channel,walk-in,Walk-in,1"));
  run (f, &pdf, "report", "monthly", "2026-11", "--output", pdf_path, NULL);
  g_assert_cmpint (pdf.status, ==, 0);
  run (f, &bad_month, "report", "monthly", "2026-13", "--output", pdf_path, NULL);
  g_assert_cmpint (bad_month.status, ==, 2);
}

/* Threat feeds, FAQ, notices and publishing. A feed's server runs in this process,
 * so madoguchi-cli runs beside the main loop rather than blocking it. */

typedef struct
{
  GSubprocess *process;
  char        *out;
  char        *err;
  gboolean     done;
} Serving;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Serving *serving = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &serving->out, &serving->err, &error);
  g_assert_no_error (error);
  serving->done = TRUE;
}

static void
run_serving (Fixture            *f,
             MdgTestCli             *r,
             const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  Serving serving = { 0 };

  /* The local server is reached directly, whatever proxy the machine has (and the test
   * schema folder has no GNOME proxy settings for the desktop's resolver to read). */
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  g_strv_builder_add_many (builder, g_getenv ("MADOGUCHI_CLI"), "--database", f->db, NULL);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  serving.process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (serving.process, NULL, NULL, communicated_cb, &serving);
  while (!serving.done)
    g_main_context_iteration (NULL, TRUE);
  /* Its output has closed; it exits right after. */
  g_subprocess_wait (serving.process, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (serving.process))
    g_error ("madoguchi-cli %s did not exit (signal %d): %s", args[0], g_subprocess_get_term_sig (serving.process),
             serving.err);
  r->status = g_subprocess_get_exit_status (serving.process);
  r->out = serving.out;
  r->err = serving.err;
  g_object_unref (serving.process);
}

static void
feed_server_cb (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", "feeds", path + 1, NULL);
  char *data;
  gsize length;

  /* The command exits after one request: the server closes the connection itself, so
   * that it does not wait in the test for a client that is gone. */
  soup_message_headers_append (soup_server_message_get_response_headers (message), "Connection", "close");

  if (strchr (path + 1, '/') == NULL && g_file_get_contents (file, &data, &length, NULL))
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/rdf+xml", SOUP_MEMORY_TAKE, data, length);
    }
  else
    soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
}

static char *
only_line (const char *out)
{
  return g_strstrip (g_strdup (out));
}

static void
test_cli_feeds_and_topics (Fixture *f, gconstpointer data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) sources = NULL;
  g_autoptr(JsonNode) items = NULL;
  g_autoptr(JsonNode) topics = NULL;
  g_auto(MdgTestCli) list = { 0 };
  g_auto(MdgTestCli) add = { 0 };
  g_auto(MdgTestCli) add_gone = { 0 };
  g_auto(MdgTestCli) fetched = { 0 };
  g_auto(MdgTestCli) failed = { 0 };
  g_auto(MdgTestCli) listed = { 0 };
  g_auto(MdgTestCli) item_list = { 0 };
  g_auto(MdgTestCli) since = { 0 };
  g_auto(MdgTestCli) seminar = { 0 };
  g_auto(MdgTestCli) pick = { 0 };
  g_auto(MdgTestCli) topic_list = { 0 };
  g_auto(MdgTestCli) draft = { 0 };
  g_auto(MdgTestCli) removed = { 0 };
  g_auto(MdgTestCli) settings = { 0 };
  g_auto(MdgTestCli) bad_interval = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *id = NULL;
  g_autofree char *gone_id = NULL;
  g_autofree char *seminar_id = NULL;
  GSList *uris;
  JsonArray *array;
  JsonObject *object;

  soup_server_add_handler (server, NULL, feed_server_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/jvn.rdf", g_uri_get_port (uris->data));
  gone = g_strdup_printf ("http://127.0.0.1:%d/gone.rdf", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* The reference list's sources, none fetched yet. */
  run_serving (f, &list, (const char *[]) { "feed", "list", "--json", NULL });
  g_assert_cmpint (list.status, ==, 0);
  sources = parse_json (list.out);
  array = json_node_get_array (sources);
  g_assert_cmpuint (json_array_get_length (array), ==, 6);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "key"), ==, "F-JPCERT");
  g_assert_true (json_object_get_null_member (object, "last_fetched_at"));

  run_serving (f, &add, (const char *[]) { "feed", "add", "JVN（試験）", url, NULL });
  g_assert_cmpint (add.status, ==, 0);
  id = only_line (add.out);
  run_serving (f, &add_gone, (const char *[]) { "feed", "add", "消えたフィード", gone, NULL });
  gone_id = only_line (add_gone.out);

  run_serving (f, &fetched, (const char *[]) { "feed", "fetch", id, NULL });
  g_assert_cmpint (fetched.status, ==, 0);
  g_assert_nonnull (strstr (fetched.out, "JVN（試験）: 2 new items"));

  /* A failure names the source and says why, and exits 1. */
  run_serving (f, &failed, (const char *[]) { "feed", "fetch", gone_id, NULL });
  g_assert_cmpint (failed.status, ==, 1);
  g_assert_nonnull (strstr (failed.err, "消えたフィード"));
  g_assert_nonnull (strstr (failed.err, "404"));

  run_serving (f, &listed, (const char *[]) { "feed", "list", NULL });
  g_assert_nonnull (strstr (listed.out, "HTTP 200"));
  g_assert_nonnull (strstr (listed.out, "HTTP 404"));

  run_serving (f, &item_list, (const char *[]) { "feed", "items", "--source", id, "--json", NULL });
  g_assert_cmpint (item_list.status, ==, 0);
  items = parse_json (item_list.out);
  array = json_node_get_array (items);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "severity"), ==, "critical");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "cve_ids"), 1), ==,
                   "CVE-2024-12345");

  run_serving (f, &since, (const char *[]) { "feed", "items", "--since", "2024-06-21", NULL });
  g_assert_cmpint (since.status, ==, 0);
  g_assert_nonnull (strstr (since.out, "CVE-2024-9999 CVE-2024-12345"));
  g_assert_null (strstr (since.out, "WordPress"));

  /* A topic of a seminar, then an FAQ draft. */
  run_serving (f, &seminar, (const char *[]) { "seminar", "add", "--title", "ランサムウェア対策セミナー", "--start",
                                               "2026-12-03T14:00", "--end", "2026-12-03T16:30", NULL });
  seminar_id = only_line (seminar.out);
  run_serving (f, &pick, (const char *[]) { "topic", "pick", "1", "--seminar", seminar_id, NULL });
  g_assert_cmpint (pick.status, ==, 0);
  run_serving (f, &topic_list, (const char *[]) { "topic", "list", "--seminar", seminar_id, "--json", NULL });
  topics = parse_json (topic_list.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (topics)), ==, 1);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (json_node_get_array (topics), 0),
                                                 "picked"));
  run_serving (f, &draft, (const char *[]) { "topic", "faq", "2", NULL });
  g_assert_cmpint (draft.status, ==, 0);

  run_serving (f, &removed, (const char *[]) { "feed", "remove", gone_id, NULL });
  g_assert_cmpint (removed.status, ==, 0);
  {
    g_autoptr(MdgDatabase) db = mdg_database_open (f->db, NULL);

    /* Six of the reference list and the one that works. */
    g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM feed_source WHERE NOT removed"), ==, 7);
  }

  run_serving (f, &settings, (const char *[]) { "feed", "settings", "--interval", "60", "--fetch-at-start", "no", NULL });
  g_assert_cmpint (settings.status, ==, 0);
  g_assert_nonnull (strstr (settings.out, "60"));
  run_serving (f, &bad_interval, (const char *[]) { "feed", "settings", "--interval", "5", NULL });
  g_assert_cmpint (bad_interval.status, ==, 1);

  /* Closing the connections finishes in the main loop, once the server is gone: let it,
   * so that no socket outlives the test. */
  soup_server_disconnect (server);
  g_clear_object (&server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_cli_faq_notices_publish (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "faq.pdf", NULL);
  g_autofree char *html = g_build_filename (f->dir, "faq.html", NULL);
  g_autofree char *site = g_build_filename (f->dir, "portal", NULL);
  g_autofree char *index = g_build_filename (site, "index.html", NULL);
  g_autofree char *pdf_bytes = NULL;
  g_autoptr(JsonNode) faq = NULL;
  g_autoptr(JsonNode) notices = NULL;
  g_auto(MdgTestCli) add = { 0 };
  g_auto(MdgTestCli) unknown = { 0 };
  g_auto(MdgTestCli) draft = { 0 };
  g_auto(MdgTestCli) list = { 0 };
  g_auto(MdgTestCli) export_pdf = { 0 };
  g_auto(MdgTestCli) export_html = { 0 };
  g_auto(MdgTestCli) bad_format = { 0 };
  g_auto(MdgTestCli) notice = { 0 };
  g_auto(MdgTestCli) bad_kind = { 0 };
  g_auto(MdgTestCli) notice_list = { 0 };
  g_auto(MdgTestCli) publish = { 0 };
  JsonObject *object;

  run (f, &add, "faq", "add", "--question", "バックアップはどのくらいの頻度で？", "--answer", "週に一度は取りましょう。",
       "--category", "M2-04", "--category", "T-RANSOM", "--published", NULL);
  g_assert_cmpint (add.status, ==, 0);
  run (f, &unknown, "faq", "add", "--question", "Q", "--category", "X-NONE", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "X-NONE"));
  run (f, &draft, "faq", "add", "--question", "下書きの質問", NULL);
  g_assert_cmpint (draft.status, ==, 0);

  run (f, &list, "faq", "list", "--json", NULL);
  faq = parse_json (list.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (faq)), ==, 2);
  object = json_array_get_object_element (json_node_get_array (faq), 1);
  g_assert_true (json_object_get_boolean_member (object, "published"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "categories"), 0), ==, "M2-04");

  run (f, &export_pdf, "faq", "export", "--format", "pdf", "--output", pdf, NULL);
  g_assert_cmpint (export_pdf.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &pdf_bytes, NULL, NULL));
  g_assert_true (g_str_has_prefix (pdf_bytes, "%PDF-"));
  run (f, &export_html, "faq", "export", "--format", "html", "--output", html, NULL);
  g_assert_cmpint (export_html.status, ==, 0);
  g_assert_true (g_file_test (html, G_FILE_TEST_IS_REGULAR));
  run (f, &bad_format, "faq", "export", "--format", "docx", "--output", html, NULL);
  g_assert_cmpint (bad_format.status, ==, 2);

  run (f, &notice, "notice", "add", "--kind", "threat", "--title", "VPN 装置の脆弱性について", "--body",
       "## 対象\n\n- VPN 装置をお使いの方", "--date", "2026-11-20", NULL);
  g_assert_cmpint (notice.status, ==, 0);
  run (f, &bad_kind, "notice", "add", "--kind", "gossip", "--title", "x", NULL);
  g_assert_cmpint (bad_kind.status, ==, 2);
  run (f, &notice_list, "notice", "list", "--json", NULL);
  notices = parse_json (notice_list.out);
  object = json_array_get_object_element (json_node_get_array (notices), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "threat");
  g_assert_cmpstr (json_object_get_string_member (object, "publish_on"), ==, "2026-11-20");

  run (f, &publish, "publish", "site", "--output", site, NULL);
  g_assert_cmpint (publish.status, ==, 0);
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));
}

/* Fills the fixture's database with the sample data; returns the id of a seminar with attendees. */
static char *
fill_sample (Fixture *f,
             gint64  *person_id)
{
  g_auto(MdgTestCli) demo = { 0 };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seminar_id;

  run (f, &demo, "demo", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  db = mdg_database_open (f->db, &error);
  g_assert_no_error (error);
  seminar_id = mdg_test_count (db, "SELECT seminar_id FROM registration WHERE person_id IS NOT NULL"
                                   " GROUP BY seminar_id ORDER BY count(*) DESC, seminar_id LIMIT 1");
  if (person_id != NULL)
    *person_id = mdg_test_count (db, "SELECT min(person_id) FROM registration");
  return g_strdup_printf ("%" G_GINT64_FORMAT, seminar_id);
}

/* No temporary file is left beside the exports. */
static void
assert_no_temporary_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".madoguchi-"));
}

/*
 * Every export holds people: under the usual umask 022 it is still 0600, also when it
 * replaces an older 0644 file of the same name.
 */
/* Every regular file below @folder has mode @mode (or gets it, when @set); returns how
 * many there are. */
static guint
assert_tree_mode (const char *folder,
                  guint       mode,
                  gboolean    set)
{
  g_autoptr(GDir) listing = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n += assert_tree_mode (path, mode, set);
      else
        {
          if (set)
            g_assert_cmpint (g_chmod (path, mode), ==, 0);
          else
            g_assert_cmpint (mdg_test_mode (path), ==, mode);
          n++;
        }
    }
  return n;
}

static void
test_cli_export_modes (Fixture *f, gconstpointer data)
{
  static const char *const slides[] = { "表紙 S01", "対策 S02" };
  gint64 person_id;
  g_autofree char *seminar = fill_sample (f, &person_id);
  g_autofree char *person = g_strdup_printf ("%" G_GINT64_FORMAT, person_id);
  g_autofree char *deck = g_build_filename (f->dir, "deck-source.pdf", NULL);
  g_autofree char *mail = g_test_build_filename (G_TEST_DIST, "data", "mail", "utf-8-qp.eml", NULL);
  g_autofree char *site = g_build_filename (f->dir, "portal", NULL);
  g_autofree char *consultation = NULL;
  g_autofree char *follow_up = NULL;

  /* Something of every kind to export: a deck, a consultation by e-mail with its answer
   * and a follow-up, a published FAQ entry and a notice. */
  mdg_test_write_deck (deck, slides, G_N_ELEMENTS (slides), FALSE);
  {
    g_auto(MdgTestCli) imported = { 0 };
    g_auto(MdgTestCli) staff = { 0 };
    g_auto(MdgTestCli) mailed = { 0 };
    g_auto(MdgTestCli) answered = { 0 };
    g_auto(MdgTestCli) promised = { 0 };
    g_auto(MdgTestCli) faq = { 0 };
    g_auto(MdgTestCli) notice = { 0 };
    g_auto(MdgTestCli) desk = { 0 };

    run (f, &desk, "desk", "set", "--name", "相談窓口", "--email", "soudan@desk.example.jp", NULL);
    g_assert_cmpint (desk.status, ==, 0);
    run (f, &imported, "deck", "import", deck, "--title", "ランサムウェア対策", NULL);
    g_assert_cmpint (imported.status, ==, 0);
    run (f, &staff, "staff", "add", "窓口 一郎", "--role", "first-line", NULL);
    g_assert_cmpint (staff.status, ==, 0);
    run (f, &mailed, "--as", "窓口一郎", "consultation", "import-mail", mail, "--create-person", NULL);
    consultation = printed_id (&mailed);
    run (f, &answered, "--as", "窓口一郎", "consultation", "answer", consultation, "--text", "共有リンクを無効に", NULL);
    g_assert_cmpint (answered.status, ==, 0);
    run (f, &promised, "--as", "窓口一郎", "followup", "add", consultation, "--title", "手順書を送付", "--due",
         "2026-11-20", "--advice", "共有の設定を見直してください", NULL);
    follow_up = printed_id (&promised);
    run (f, &faq, "faq", "add", "--question", "バックアップは？", "--answer", "週に一度。", "--published", NULL);
    g_assert_cmpint (faq.status, ==, 0);
    run (f, &notice, "notice", "add", "--kind", "news", "--title", "窓口のお知らせ", "--body", "本文", "--date",
         "2026-11-20", NULL);
    g_assert_cmpint (notice.status, ==, 0);
  }

  const struct { const char *name; const char *args[7]; } exports[] = {
    { "list.csv", { "attendees", "export", seminar, "--format", "csv", NULL } },
    { "list-sjis.csv", { "attendees", "export", seminar, "--format", "csv", "--encoding", "cp932" } },
    { "list.pdf", { "attendees", "export", seminar, "--format", "list", NULL } },
    { "sign-in.pdf", { "attendees", "export", seminar, "--format", "sign-in", NULL } },
    { "badges.pdf", { "attendees", "export", seminar, "--format", "badges", NULL } },
    { "person.json", { "person", "export", person, NULL } },
    { "person.csv", { "person", "export", person, NULL } },
    { "one.ics", { "seminar", "ics", seminar, NULL } },
    { "upcoming.ics", { "seminar", "ics", NULL } },
    { "notes.md", { "deck", "notes-export", "1", NULL } },
    { "talk.pdfpc", { "deck", "notes-export", "1", NULL } },
    { "handout.pdf", { "handout", "1", "--layout", "4", NULL } },
    { "packet.pdf", { "packet", seminar, NULL } },
    { "reply.eml", { "--as", "窓口一郎", "consultation", "reply", consultation, NULL } },
    { "sheet.pdf", { "consultation", "sheet", consultation, NULL } },
    { "letter.pdf", { "letter", follow_up, NULL } },
    { "report.pdf", { "report", "monthly", "2026-11", NULL } },
    { "report.csv", { "report", "monthly", "2026-11", NULL } },
    { "timetable.pdf", { "slots", "print", seminar, NULL } },
    { "faq.pdf", { "faq", "export", "--format", "pdf", NULL } },
    { "faq.html", { "faq", "export", "--format", "html", NULL } },
  };
  mode_t old_umask = umask (022);

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    for (guint replace = 0; replace < 2; replace++)
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_autofree char *target = g_strdup_printf ("%s/%s%s", f->dir, replace ? "old-" : "", exports[i].name);
        g_autofree char *contents = NULL;
        g_auto(GStrv) args = NULL;
        g_auto(MdgTestCli) r = { 0 };

        for (guint a = 0; a < G_N_ELEMENTS (exports[i].args) && exports[i].args[a]; a++)
          g_strv_builder_add (builder, exports[i].args[a]);
        g_strv_builder_add_many (builder, "--output", target, NULL);
        args = g_strv_builder_end (builder);
        if (replace)
          {
            g_assert_true (g_file_set_contents (target, "an older export", -1, NULL));
            g_assert_cmpint (g_chmod (target, 0644), ==, 0);
          }

        r.status = mdg_test_run_cli_argv (f->db, (const char **) args, NULL, NULL, NULL, &r.out, &r.err);
        if (r.status != 0)
          g_error ("%s: %s", exports[i].name, r.err);
        g_assert_cmpint (mdg_test_mode (target), ==, 0600);
        g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
        g_assert_cmpstr (contents, !=, "an older export");
        if (g_str_has_suffix (target, ".pdf"))
          g_assert_true (g_str_has_prefix (contents, "%PDF-"));
      }

  /* The deck's PDF copied beside the pdfpc notes (pdfpc opens the two together). */
  for (guint replace = 0; replace < 2; replace++)
    {
      g_autofree char *copy = g_strdup_printf ("%s/%stalk.pdf", f->dir, replace ? "old-" : "");

      g_assert_cmpint (mdg_test_mode (copy), ==, 0600);
    }

  /* The portal's pages, written anew and over an earlier export's. */
  for (guint again = 0; again < 2; again++)
    {
      g_auto(MdgTestCli) r = { 0 };

      run (f, &r, "publish", "site", "--output", site, NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpuint (assert_tree_mode (site, 0600, FALSE), >, 3);
      assert_tree_mode (site, 0644, TRUE);
    }

  /* And the backup, which holds everyone. */
  for (guint replace = 0; replace < 2; replace++)
    {
      g_autofree char *target = g_build_filename (f->dir, replace ? "old-copy.db" : "copy.db", NULL);
      g_auto(MdgTestCli) r = { 0 };

      if (replace)
        {
          g_assert_true (g_file_set_contents (target, "an older backup", -1, NULL));
          g_assert_cmpint (g_chmod (target, 0644), ==, 0);
        }
      run (f, &r, "backup", target, NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpint (mdg_test_mode (target), ==, 0600);
    }

  /* The automatic backups and their folder, too. */
  {
    g_autofree char *folder = g_build_filename (f->dir, "backups", NULL);

    g_assert_cmpint (mdg_test_mode (folder), ==, 0700);
    assert_no_temporary_files (folder);
  }
  assert_no_temporary_files (f->dir);
  umask (old_umask);
}

static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { 64 * 1024, 64 * 1024 };

  /* Past the limit, write() fails with EFBIG instead of killing the process. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* An export that fails half-way (here: files may not grow past 64 KiB) leaves the old file. */
static void
test_cli_export_failure_keeps_old_file (Fixture *f, gconstpointer data)
{
  g_autofree char *seminar = fill_sample (f, NULL);
  g_autofree char *target = g_build_filename (f->dir, "badges.pdf", NULL);
  g_autofree char *contents = NULL;
  const char *args[] = { "attendees", "export", seminar, "--format", "badges", "--output", target, NULL };
  g_auto(MdgTestCli) list = { 0 };
  g_auto(MdgTestCli) r = { 0 };

  /* The backup of the day first, while files may still grow. */
  run (f, &list, "seminar", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_file_set_contents (target, "last week's badges", -1, NULL));

  r.status = mdg_test_run_cli_argv (f->db, args, NULL, limit_file_size, NULL, &r.out, &r.err);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "badges.pdf"));
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "last week's badges");
  assert_no_temporary_files (f->dir);
}

/* Damaged pages: every command says so and how to restore, backup refuses, restore heals. */
static void
test_cli_damaged (Fixture *f, gconstpointer data)
{
  g_autofree char *seminar = fill_sample (f, NULL);
  g_autofree char *good = g_build_filename (f->dir, "good.db", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.file", NULL);
  g_autofree char *csv = write_csv (f, "new.csv", "氏名,メールアドレス\n新井 一郎,arai@example.jp\n", FALSE);
  const char *commands[][10] = {
    { "seminar", "list" },
    { "seminar", "show", seminar },
    { "seminar", "add", "--title", "T", "--start", "2026-12-03T14:00", "--end", "2026-12-03T16:00" },
    { "seminar", "ics", seminar, "--output", out },
    { "search", "高橋" },
    { "attendees", "list", seminar },
    { "attendees", "export", seminar, "--format", "csv", "--output", out },
    { "attendees", "export", seminar, "--format", "list", "--output", out },
    { "attendees", "import", seminar, csv },
    { "checkin", seminar, "高橋" },
    { "person", "export", "1", "--output", out },
    { "person", "delete", "1" },
    { "backup", out },
    { "check" },
    { "demo" },
  };
  g_auto(MdgTestCli) backup = { 0 };
  g_auto(MdgTestCli) list = { 0 };
  g_auto(MdgTestCli) japanese = { 0 };
  g_auto(MdgTestCli) restore = { 0 };
  g_auto(MdgTestCli) healed = { 0 };
  guint page;

  run (f, &backup, "backup", good, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  {
    g_autoptr(MdgDatabase) db = mdg_database_open (f->db, NULL);
    page = mdg_test_root_page (db, "person");
  }

  /* A failing disk overwrites the pages of the person table. */
  mdg_test_damage_pages (f->db, page, 2);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(MdgTestCli) r = { 0 };

      r.status = mdg_test_run_cli_argv (f->db, commands[i], NULL, NULL, NULL, &r.out, &r.err);
      if (r.status != 1 || strstr (r.err, "damaged") == NULL)
        g_error ("“%s %s” on a damaged database: exit %d, %s", commands[i][0], commands[i][1] ? commands[i][1] : "",
                 r.status, r.err);
      g_assert_null (strstr (r.err, "malformed"));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }

  /* In Japanese, without a word of SQLite's English. */
  g_setenv ("LANGUAGE", "ja", TRUE);
  run (f, &japanese, "seminar", "list", NULL);
  g_setenv ("LANGUAGE", "", TRUE);
  g_assert_cmpint (japanese.status, ==, 1);
  g_assert_nonnull (strstr (japanese.err, "破損"));
  g_assert_nonnull (strstr (japanese.err, "madoguchi-cli restore"));
  g_assert_null (strstr (japanese.err, "malformed"));
  g_assert_null (strstr (japanese.err, "damaged"));

  /* The backups are still listed, and a good one brings everything back. */
  run (f, &list, "backup", "--list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  run (f, &restore, "restore", good, NULL);
  g_assert_cmpint (restore.status, ==, 0);
  g_assert_nonnull (strstr (restore.out, "before-restore"));
  run (f, &healed, "check", NULL);
  g_assert_cmpint (healed.status, ==, 0);
}

static void
become_nobody (gpointer user_data)
{
  struct passwd *nobody = user_data;

  if (setgid (nobody->pw_gid) != 0 || setuid (nobody->pw_uid) != 0)
    _exit (99);
}

/*
 * A database in a folder (or a file) that cannot be written: opened read-only on
 * purpose, so that it can be read; changes are refused as such, never as damage; the
 * file stays byte for byte as it was. As root, the commands run as nobody.
 */
static void
test_cli_read_only (Fixture *f, gconstpointer data)
{
  gboolean root = geteuid () == 0;
  struct passwd *nobody = root ? getpwnam ("nobody") : NULL;
  g_autofree char *seminar = fill_sample (f, NULL);
  g_autofree char *before = NULL;
  gsize before_len;

  g_assert_true (!root || nobody != NULL);
  g_assert_cmpint (g_chmod (f->db, 0644), ==, 0);
  g_assert_true (g_file_get_contents (f->db, &before, &before_len, NULL));

  for (guint file_only = 0; file_only < 2; file_only++)
    {
      const char *list_args[] = { "attendees", "list", seminar, NULL };
      const char *add_args[] = { "seminar", "add", "--title", "T", "--start", "2026-12-03T14:00", "--end",
                                 "2026-12-03T16:00", NULL };
      g_auto(MdgTestCli) list = { 0 };
      g_auto(MdgTestCli) add = { 0 };
      g_autofree char *after = NULL;
      gsize after_len;

      if (root)
        g_assert_cmpint (chown (f->dir, file_only ? nobody->pw_uid : 0, file_only ? nobody->pw_gid : 0), ==, 0);
      g_assert_cmpint (g_chmod (f->dir, root || file_only ? 0755 : 0555), ==, 0);
      g_assert_cmpint (g_chmod (f->db, root ? 0644 : 0444), ==, 0);

      list.status = mdg_test_run_cli_argv (f->db, list_args, NULL, root ? become_nobody : NULL, nobody, &list.out,
                                           &list.err);
      g_assert_cmpint (list.status, ==, 0);
      g_assert_cmpstr (list.out, !=, "");
      g_assert_nonnull (strstr (list.err, "read-only"));

      add.status = mdg_test_run_cli_argv (f->db, add_args, NULL, root ? become_nobody : NULL, nobody, &add.out,
                                          &add.err);
      g_assert_cmpint (add.status, ==, 1);
      g_assert_nonnull (strstr (add.err, "opened read-only: changes cannot be saved"));
      g_assert_null (strstr (add.err, "damaged"));

      g_assert_true (g_file_get_contents (f->db, &after, &after_len, NULL));
      g_assert_cmpmem (before, before_len, after, after_len);
    }

  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
  g_assert_cmpint (g_chmod (f->db, 0600), ==, 0);
}

/* backup --list shows the backup of the day; restore keeps the current database first. */
static void
test_cli_backup_list_restore (Fixture *f, gconstpointer data)
{
  g_autofree char *seminar = fill_sample (f, NULL);
  g_autofree char *future = g_build_filename (f->dir, "future.db", NULL);
  g_autofree char *junk = g_build_filename (f->dir, "junk.db", NULL);
  g_auto(MdgTestCli) first = { 0 };
  g_auto(MdgTestCli) list = { 0 };
  g_auto(MdgTestCli) json = { 0 };
  g_auto(MdgTestCli) restore = { 0 };
  g_auto(MdgTestCli) after = { 0 };
  g_auto(MdgTestCli) newer = { 0 };
  g_auto(MdgTestCli) garbage = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *daily = NULL;
  JsonArray *array;

  /* The first command of the day on a database with data backs it up. */
  run (f, &first, "seminar", "show", seminar, NULL);
  g_assert_cmpint (first.status, ==, 0);
  run (f, &list, "backup", "--list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "backup of the day"));

  run (f, &json, "--json", "backup", "--list", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (json.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  daily = g_strdup (json_object_get_string_member (json_array_get_object_element (array, 0), "path"));
  g_assert_true (json_object_get_null_member (json_array_get_object_element (array, 0), "reason"));
  g_assert_cmpint (mdg_test_mode (daily), ==, 0600);

  run (f, &restore, "restore", daily, NULL);
  g_assert_cmpint (restore.status, ==, 0);
  g_assert_nonnull (strstr (restore.out, "Restored"));
  run (f, &after, "backup", "--list", NULL);
  g_assert_nonnull (strstr (after.out, "before a restore"));

  /* Backups this version cannot read, or that are no backups, are refused. */
  mdg_test_write_raw (future, "CREATE TABLE t (a); PRAGMA user_version = 99");
  run (f, &newer, "restore", future, NULL);
  g_assert_cmpint (newer.status, ==, 1);
  g_assert_nonnull (strstr (newer.err, "newer"));
  g_assert_true (g_file_set_contents (junk, "a shopping list", -1, NULL));
  run (f, &garbage, "restore", junk, NULL);
  g_assert_cmpint (garbage.status, ==, 1);
  g_assert_nonnull (strstr (garbage.err, "junk.db"));
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

/* A real form's export through the command line: the JSON keys, the changes of a newer
 * export in --dry-run, the questions and the online attendees as PDF, the CSV's fields. */
static void
test_cli_forms (Fixture *f, gconstpointer data)
{
  g_auto(MdgTestCli) add = { 0 };
  g_auto(MdgTestCli) import = { 0 };
  g_auto(MdgTestCli) json = { 0 };
  g_auto(MdgTestCli) dry = { 0 };
  g_auto(MdgTestCli) accept = { 0 };
  g_auto(MdgTestCli) csv = { 0 };
  g_autofree char *first = fixture_path ("municipal-cp932.csv");
  g_autofree char *updated = fixture_path ("municipal-updated.csv");
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) root = NULL;
  static const char *keys[] = {
    "number", "status", "family_name", "given_name", "family_kana", "given_kana", "organization", "organization_kana",
    "industry", "employees", "address", "title", "department", "email", "phone", "applied_at", "attendance",
    "questions", "consent", "consent_at", "answers", "checked_in_at",
  };
  JsonObject *first_row = NULL;
  JsonArray *array;

  run (f, &add, "seminar", "add", "--title", "自治体セミナー", "--start", "2026-12-03T14:00", "--end", "2026-12-03T16:30",
       "--capacity", "30", NULL);
  id = g_strstrip (g_strdup (add.out));
  run (f, &import, "attendees", "import", id, first, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "Imported 34"));
  g_assert_nonnull (strstr (import.out, "A municipal seminar application form"));
  g_assert_nonnull (strstr (import.out, "imported without consent"));

  run (f, &json, "attendees", "list", id, "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (json.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 34);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, i), "number"), "R8-0001") == 0)
      first_row = json_array_get_object_element (array, i);
  g_assert_nonnull (first_row);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    if (!json_object_has_member (first_row, keys[k]))
      g_error ("attendees list --json has no “%s”", keys[k]);
  g_assert_cmpstr (json_object_get_string_member (first_row, "family_name"), ==, "髙橋");
  g_assert_cmpstr (json_object_get_string_member (first_row, "given_kana"), ==, "メグミ");
  g_assert_cmpstr (json_object_get_string_member (first_row, "organization_kana"), ==, "ヤマサキセイサクショ");
  g_assert_cmpint (json_object_get_int_member (first_row, "employees"), ==, 48);
  g_assert_cmpstr (json_object_get_string_member (first_row, "applied_at"), ==, "2026-11-02T09:15:00+09:00");
  g_assert_cmpstr (json_object_get_string_member (first_row, "attendance"), ==, "venue");
  g_assert_true (json_object_get_boolean_member (first_row, "consent"));
  g_assert_cmpstr (json_object_get_string_member (first_row, "consent_at"), ==, "2026-11-02T09:15:00+09:00");
  g_assert_nonnull (strstr (json_object_get_string_member (first_row, "questions"), "\n"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first_row, "answers"), "参加方法"), ==,
                   "会場（立川市役所 3階 第1会議室）");
  g_assert_true (json_object_get_null_member (first_row, "checked_in_at"));

  {
    g_auto(MdgTestCli) list = { 0 };

    /* The counts keep the venue and online apart. */
    run (f, &list, "attendees", "list", id, NULL);
    g_assert_cmpint (list.status, ==, 0);
    g_assert_nonnull (strstr (list.out, "30 registered (19 at the venue, 11 online), 4 waitlisted, 0 cancelled"));
  }

  /* The newer export, tried first: what would change is listed; nothing is written. */
  run (f, &dry, "attendees", "import", id, updated, "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "3 registrations can be imported: 3 new"));
  g_assert_nonnull (strstr (dry.out, "2 cancelled, 1 changed, 31 unchanged; 2 moved up"));
  g_assert_nonnull (strstr (dry.out, "not written"));
  g_assert_nonnull (strstr (dry.out, "090-1234-5678"));
  run (f, &accept, "attendees", "import", id, updated, "--accept-changes", NULL);
  g_assert_cmpint (accept.status, ==, 0);
  g_assert_nonnull (strstr (accept.out, "written:"));

  {
    static const struct {
      const char *format, *present, *absent;
    } pdfs[] = {
      /* 鈴木 (online) asked a question; 髙橋 (venue) did too; 山﨑 (online) cancelled in the newer export. */
      { "questions", "テレワーク端末の管理", "クラウド移行時" },
      { "online", "鈴木", "髙橋" },
      { "sign-in", "髙橋", "鈴木" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (pdfs); i++)
      {
        g_auto(MdgTestCli) pdf = { 0 };
        g_autofree char *path = g_strdup_printf ("%s/%s.pdf", f->dir, pdfs[i].format);
        g_autofree char *text_path = g_strdup_printf ("%s/%s.txt", f->dir, pdfs[i].format);
        g_autofree char *text = NULL;
        const char *argv[] = { "pdftotext", path, text_path, NULL };
        int wait_status;

        run (f, &pdf, "attendees", "export", id, "--format", pdfs[i].format, "--output", path, NULL);
        g_assert_cmpint (pdf.status, ==, 0);
        g_assert_nonnull (strstr (pdf.err, "personal data"));
        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                                     &wait_status, NULL));
        g_assert_true (g_file_get_contents (text_path, &text, NULL, NULL));
        if (strstr (text, pdfs[i].present) == NULL || strstr (text, pdfs[i].absent) != NULL)
          g_error ("%s: expected “%s” and no “%s” in:\n%s", pdfs[i].format, pdfs[i].present, pdfs[i].absent, text);
      }
  }

  {
    g_autofree char *path = g_build_filename (f->dir, "all.csv", NULL);
    g_autofree char *contents = NULL;

    run (f, &csv, "attendees", "export", id, "--format", "csv", "--output", path, NULL);
    g_assert_cmpint (csv.status, ==, 0);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBFRegistration number,Registration status,Family name,"
                                               "Given name,Family name reading,Given name reading,Organization,"
                                               "Organization reading,Industry,Number of employees,Address,"
                                               "Title or role,Department,E-mail,Phone,Time of application,"
                                               "Venue or online,Questions for the presenter,"
                                               "Consent to the use of personal data,Consent date,Checked in,参加方法,"
                                               "従業員数\r\n"));
    g_assert_nonnull (strstr (contents, "R8-0001,Registered,髙橋,恵,タカハシ,メグミ,株式会社山﨑製作所,ヤマサキセイサクショ,製造業,48,"));
  }
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/seminar", test_cli_seminar_commands);
  ADD ("/cli/list-json-search", test_cli_list_json_and_search);
  ADD ("/cli/check-backup", test_cli_check_and_backup);
  ADD ("/cli/usage-errors", test_cli_usage_errors);
  ADD ("/cli/attendees", test_cli_attendees);
  ADD ("/cli/checkin-person", test_cli_checkin_and_person);
  ADD ("/cli/desk", test_cli_desk);
  ADD ("/cli/decks", test_cli_decks);
  ADD ("/cli/consultations", test_cli_consultations);
  ADD ("/cli/follow-ups-calendar", test_cli_follow_ups_and_calendar);
  ADD ("/cli/feeds-topics", test_cli_feeds_and_topics);
  ADD ("/cli/faq-notices-publish", test_cli_faq_notices_publish);
  ADD ("/cli/export-modes", test_cli_export_modes);
  ADD ("/cli/export-failure-keeps-old-file", test_cli_export_failure_keeps_old_file);
  ADD ("/cli/damaged", test_cli_damaged);
  ADD ("/cli/read-only", test_cli_read_only);
  ADD ("/cli/backup-list-restore", test_cli_backup_list_restore);
  ADD ("/cli/forms", test_cli_forms);
#undef ADD

  return mdg_test_run ();
}
