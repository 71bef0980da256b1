/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "mdg-database-private.h"
#include "mdg-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs madoguchi-cli with the arguments (NULL-terminated) and the fixture's database. */
static void
run (Fixture    *f,
     Result     *r,
     const char *first,
     ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status;
  va_list ap;

  g_strv_builder_add (builder, g_getenv ("MADOGUCHI_CLI"));
  g_strv_builder_add (builder, "--database");
  g_strv_builder_add (builder, f->db);
  va_start (ap, first);
  for (const char *arg = first; arg; arg = va_arg (ap, const char *))
    g_strv_builder_add (builder, arg);
  va_end (ap);
  args = g_strv_builder_end (builder);

  g_spawn_sync (NULL, args, NULL, G_SPAWN_DEFAULT, NULL, NULL, &r->out, &r->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
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
  g_auto(Result) add = { 0 };
  g_auto(Result) list = { 0 };
  g_auto(Result) show = { 0 };
  g_auto(Result) json = { 0 };
  g_auto(Result) missing = { 0 };
  g_auto(Result) bad_time = { 0 };
  g_auto(Result) backwards = { 0 };
  g_auto(Result) ics = { 0 };
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
  g_auto(Result) demo = { 0 };
  g_auto(Result) again = { 0 };
  g_auto(Result) list = { 0 };
  g_auto(Result) search = { 0 };
  g_auto(Result) search_json = { 0 };
  g_auto(Result) nothing = { 0 };
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
  g_auto(Result) check = { 0 };
  g_auto(Result) backup = { 0 };
  g_auto(Result) backup_usage = { 0 };
  g_auto(Result) corrupt = { 0 };
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
  g_auto(Result) unknown = { 0 };
  g_auto(Result) seminar = { 0 };
  g_auto(Result) size = { 0 };
  g_auto(Result) help = { 0 };

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
  g_auto(Result) add = { 0 };
  g_auto(Result) dry = { 0 };
  g_auto(Result) import = { 0 };
  g_auto(Result) bad = { 0 };
  g_auto(Result) list = { 0 };
  g_auto(Result) json = { 0 };
  g_auto(Result) csv = { 0 };
  g_auto(Result) sjis = { 0 };
  g_auto(Result) missing = { 0 };
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
        g_auto(Result) pdf = { 0 };
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
    g_auto(Result) emoji = { 0 };
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
  g_auto(Result) add = { 0 };
  g_auto(Result) import = { 0 };
  g_auto(Result) many = { 0 };
  g_auto(Result) none = { 0 };
  g_auto(Result) one = { 0 };
  g_auto(Result) again = { 0 };
  g_auto(Result) exported = { 0 };
  g_auto(Result) exported_csv = { 0 };
  g_auto(Result) deleted = { 0 };
  g_auto(Result) twice = { 0 };
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
  g_auto(Result) add = { 0 };
  g_auto(Result) import = { 0 };
  g_auto(Result) json = { 0 };
  g_auto(Result) dry = { 0 };
  g_auto(Result) accept = { 0 };
  g_auto(Result) csv = { 0 };
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
    g_auto(Result) list = { 0 };

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
        g_auto(Result) pdf = { 0 };
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
  ADD ("/cli/forms", test_cli_forms);
#undef ADD

  return g_test_run ();
}
