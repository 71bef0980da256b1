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

/* Fills the fixture's database with the sample data; returns the id of a seminar with attendees. */
static char *
fill_sample (Fixture *f,
             gint64  *person_id)
{
  g_auto(Result) demo = { 0 };
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
static void
test_cli_export_modes (Fixture *f, gconstpointer data)
{
  gint64 person_id;
  g_autofree char *seminar = fill_sample (f, &person_id);
  g_autofree char *person = g_strdup_printf ("%" G_GINT64_FORMAT, person_id);
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
  };
  mode_t old_umask = umask (022);

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    for (guint replace = 0; replace < 2; replace++)
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_autofree char *target = g_strdup_printf ("%s/%s%s", f->dir, replace ? "old-" : "", exports[i].name);
        g_autofree char *contents = NULL;
        g_auto(GStrv) args = NULL;
        g_auto(Result) r = { 0 };

        for (guint a = 0; a < G_N_ELEMENTS (exports[i].args) && exports[i].args[a]; a++)
          g_strv_builder_add (builder, exports[i].args[a]);
        g_strv_builder_add_many (builder, "--output", target, NULL);
        args = g_strv_builder_end (builder);
        if (replace)
          {
            g_assert_true (g_file_set_contents (target, "an older export", -1, NULL));
            g_assert_cmpint (g_chmod (target, 0644), ==, 0);
          }

        r.status = mdg_test_run_cli_argv (f->db, (const char **) args, NULL, NULL, &r.out, &r.err);
        g_assert_cmpint (r.status, ==, 0);
        g_assert_cmpint (mdg_test_mode (target), ==, 0600);
        g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
        g_assert_cmpstr (contents, !=, "an older export");
        if (g_str_has_suffix (target, ".pdf"))
          g_assert_true (g_str_has_prefix (contents, "%PDF-"));
      }

  /* And the backup, which holds everyone. */
  for (guint replace = 0; replace < 2; replace++)
    {
      g_autofree char *target = g_build_filename (f->dir, replace ? "old-copy.db" : "copy.db", NULL);
      g_auto(Result) r = { 0 };

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
  g_auto(Result) list = { 0 };
  g_auto(Result) r = { 0 };

  /* The backup of the day first, while files may still grow. */
  run (f, &list, "seminar", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_file_set_contents (target, "last week's badges", -1, NULL));

  r.status = mdg_test_run_cli_argv (f->db, args, limit_file_size, NULL, &r.out, &r.err);
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
  g_auto(Result) backup = { 0 };
  g_auto(Result) list = { 0 };
  g_auto(Result) japanese = { 0 };
  g_auto(Result) restore = { 0 };
  g_auto(Result) healed = { 0 };
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
      g_auto(Result) r = { 0 };

      r.status = mdg_test_run_cli_argv (f->db, commands[i], NULL, NULL, &r.out, &r.err);
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
      g_auto(Result) list = { 0 };
      g_auto(Result) add = { 0 };
      g_autofree char *after = NULL;
      gsize after_len;

      if (root)
        g_assert_cmpint (chown (f->dir, file_only ? nobody->pw_uid : 0, file_only ? nobody->pw_gid : 0), ==, 0);
      g_assert_cmpint (g_chmod (f->dir, root || file_only ? 0755 : 0555), ==, 0);
      g_assert_cmpint (g_chmod (f->db, root ? 0644 : 0444), ==, 0);

      list.status = mdg_test_run_cli_argv (f->db, list_args, root ? become_nobody : NULL, nobody, &list.out,
                                           &list.err);
      g_assert_cmpint (list.status, ==, 0);
      g_assert_cmpstr (list.out, !=, "");
      g_assert_nonnull (strstr (list.err, "read-only"));

      add.status = mdg_test_run_cli_argv (f->db, add_args, root ? become_nobody : NULL, nobody, &add.out, &add.err);
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
  g_auto(Result) first = { 0 };
  g_auto(Result) list = { 0 };
  g_auto(Result) json = { 0 };
  g_auto(Result) restore = { 0 };
  g_auto(Result) after = { 0 };
  g_auto(Result) newer = { 0 };
  g_auto(Result) garbage = { 0 };
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
  ADD ("/cli/export-modes", test_cli_export_modes);
  ADD ("/cli/export-failure-keeps-old-file", test_cli_export_failure_keeps_old_file);
  ADD ("/cli/damaged", test_cli_damaged);
  ADD ("/cli/read-only", test_cli_read_only);
  ADD ("/cli/backup-list-restore", test_cli_backup_list_restore);
#undef ADD

  return g_test_run ();
}
