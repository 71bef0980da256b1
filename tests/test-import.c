/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "mdg-attendee-export.h"
#include "mdg-attendee-import.h"
#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-organization-store.h"
#include "mdg-person-store.h"
#include "mdg-registration-store.h"
#include "mdg-search.h"
#include "mdg-seminar-store.h"
#include "mdg-test-util.h"

/*
 * Registrations as real forms export them. tests/data/import/generate.py writes one
 * truth table the way connpass, Peatix, Google Forms, Microsoft Forms (through
 * Excel), Doorkeeper and a municipal form do, in each platform's encodings, plus a
 * newer export with new rows, cancellations and a changed phone; the expected-*.tsv
 * beside each file say field by field what `attendees list --json` must show after
 * the import. The rest: the parts of reading a form (times, sizes, names), the
 * import beside a check-in at the door, a 100 000-column file, and variant search.
 */

typedef struct
{
  char        *dir;
  MdgDatabase *db;
} Fixture;

typedef struct
{
  const char      *name;
  MdgImportFormat  format;
  const char      *variants[2];
} FormatCase;

static const FormatCase formats[] = {
  { "connpass", MDG_IMPORT_FORMAT_CONNPASS, { "utf8", "cp932" } },
  { "peatix", MDG_IMPORT_FORMAT_PEATIX, { "utf8", "cp932" } },
  { "google-forms", MDG_IMPORT_FORMAT_GOOGLE_FORMS, { "utf8", "cp932" } },
  { "microsoft-forms", MDG_IMPORT_FORMAT_MICROSOFT_FORMS, { "cp932", "utf8" } },
  { "doorkeeper", MDG_IMPORT_FORMAT_DOORKEEPER, { "utf8", "cp932" } },
  { "municipal", MDG_IMPORT_FORMAT_MUNICIPAL, { "cp932", "utf8" } },
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = mdg_test_open_tmp_db (&f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  mdg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gint64
add_seminar (Fixture *f,
             gint64   capacity)
{
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 30);
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (seminar, "title", "中小企業のためのランサムウェア対策セミナー", "starts-at", starts, "ends-at", ends,
                "capacity", (int) capacity, NULL);
  g_assert_true (mdg_seminar_store_save (f->db, seminar, &error));
  return mdg_seminar_get_id (seminar);
}

static GBytes *
load_fixture (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", file, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    g_error ("Missing fixture %s: run tests/data/import/generate.py", path);
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* An expected-*.tsv: its "# key=value" lines, its header and rows of JSON values. */
typedef struct
{
  GHashTable *meta;
  GStrv       fields;
  GPtrArray  *rows;    /* JsonObject */
} Expected;

static void
expected_clear (Expected *expected)
{
  g_clear_pointer (&expected->meta, g_hash_table_unref);
  g_clear_pointer (&expected->fields, g_strfreev);
  g_clear_pointer (&expected->rows, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Expected, expected_clear)

static void
load_expected (const char *file,
               Expected   *expected)
{
  g_autoptr(GBytes) bytes = load_fixture (file);
  g_auto(GStrv) lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);

  expected->meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  expected->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) cells = NULL;
      JsonObject *row;

      if (g_str_has_prefix (lines[i], "# "))
        {
          char *equals = strchr (lines[i], '=');

          if (equals != NULL)
            g_hash_table_insert (expected->meta, g_strndup (lines[i] + 2, equals - lines[i] - 2), g_strdup (equals + 1));
          continue;
        }
      if (*lines[i] == '\0')
        continue;
      cells = g_strsplit (lines[i], "\t", -1);
      if (expected->fields == NULL)
        {
          expected->fields = g_steal_pointer (&cells);
          continue;
        }
      g_assert_cmpuint (g_strv_length (cells), ==, g_strv_length (expected->fields));
      row = json_object_new ();
      for (guint c = 0; cells[c]; c++)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GError) error = NULL;

          json_parser_load_from_data (parser, cells[c], -1, &error);
          g_assert_no_error (error);
          json_object_set_member (row, expected->fields[c], json_node_copy (json_parser_get_root (parser)));
        }
      g_ptr_array_add (expected->rows, row);
    }
  g_assert_nonnull (expected->fields);
}

static gint64
meta_int (Expected   *expected,
          const char *key)
{
  const char *value = g_hash_table_lookup (expected->meta, key);

  g_assert_nonnull (value);
  return g_ascii_strtoll (value, NULL, 10);
}

static char *
node_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Compares two JSON values; objects by their members, whatever their order. */
static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  if (JSON_NODE_HOLDS_OBJECT (a) && JSON_NODE_HOLDS_OBJECT (b))
    {
      JsonObject *oa = json_node_get_object (a), *ob = json_node_get_object (b);
      g_autoptr(GList) members = json_object_get_members (oa);

      if (json_object_get_size (oa) != json_object_get_size (ob))
        return FALSE;
      for (GList *m = members; m; m = m->next)
        if (!json_object_has_member (ob, m->data) ||
            !same_value (json_object_get_member (oa, m->data), json_object_get_member (ob, m->data)))
          return FALSE;
      return TRUE;
    }
  return json_node_equal (a, b);
}

static JsonArray *
attendees_json (Fixture    *f,
                gint64      seminar_id,
                JsonNode  **root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = mdg_registration_store_list (f->db, seminar_id, &error);

  g_assert_no_error (error);
  *root = mdg_attendee_export_json (attendees);
  return json_node_get_array (*root);
}

/* Every expected row against the seminar's registrations, field by field. */
static void
assert_matches_truth (Fixture    *f,
                      gint64      seminar_id,
                      Expected   *expected,
                      const char *what)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *actual = attendees_json (f, seminar_id, &root);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean numbered = meta_int (expected, "numbered");

  g_assert_cmpuint (json_array_get_length (actual), ==, expected->rows->len);
  for (guint i = 0; i < json_array_get_length (actual); i++)
    {
      JsonObject *row = json_array_get_object_element (actual, i);

      g_hash_table_insert (by_key, (gpointer) json_object_get_string_member (row, numbered ? "number" : "email"), row);
    }

  for (guint i = 0; i < expected->rows->len; i++)
    {
      JsonObject *want = g_ptr_array_index (expected->rows, i);
      const char *key = json_object_get_string_member (want, numbered ? "number" : "email");
      JsonObject *got = g_hash_table_lookup (by_key, key);

      if (got == NULL)
        g_error ("%s: no registration for %s", what, key);
      for (guint c = 0; expected->fields[c]; c++)
        {
          const char *field = expected->fields[c];
          JsonNode *w = json_object_get_member (want, field);
          JsonNode *g = json_object_get_member (got, field);

          /* Forms that bring no number get Madoguchi's: M0001, … */
          if (!numbered && g_str_equal (field, "number"))
            {
              g_assert_true (g_str_has_prefix (json_object_get_string_member (got, "number"), "M"));
              continue;
            }
          if (g == NULL || !same_value (w, g))
            {
              g_autofree char *wt = node_text (w);
              g_autofree char *gt = g ? node_text (g) : g_strdup ("(missing)");

              g_error ("%s: %s, %s: expected %s, got %s", what, key, field, wt, gt);
            }
        }
    }
}

static MdgAttendeeImport *
open_import (const char  *file,
             GError     **error)
{
  g_autoptr(GBytes) bytes = load_fixture (file);

  return mdg_attendee_import_new (file, bytes, MDG_CSV_ENCODING_AUTO, error);
}

static void
test_format (Fixture       *f,
             gconstpointer  data)
{
  const FormatCase *format = data;

  for (guint v = 0; v < G_N_ELEMENTS (format->variants); v++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%s.csv", format->name, format->variants[v]);
      g_autofree char *truth = g_strdup_printf ("expected-%s-%s.tsv", format->name, format->variants[v]);
      g_auto(Expected) expected = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(MdgAttendeeImport) import = open_import (file, &error);
      MdgImportResult result;
      gint64 seminar_id;

      /* Each variant into a database of its own: the same people must not meet themselves. */
      g_test_message ("%s", file);
      if (v > 0)
        {
          fixture_tear_down (f, NULL);
          fixture_set_up (f, NULL);
        }
      load_expected (truth, &expected);
      seminar_id = add_seminar (f, meta_int (&expected, "capacity"));
      g_assert_no_error (error);
      g_assert_cmpint (mdg_attendee_import_get_format (import), ==, format->format);
      if (g_str_equal (format->variants[v], "cp932"))
        g_assert_cmpint (mdg_attendee_import_get_encoding (import), ==, MDG_CSV_ENCODING_CP932);
      else
        g_assert_true (mdg_attendee_import_get_encoding (import) == MDG_CSV_ENCODING_UTF8 ||
                       mdg_attendee_import_get_encoding (import) == MDG_CSV_ENCODING_UTF8_BOM);

      /* Nothing is dropped by default: no column is left out. */
      for (guint c = 0; c < mdg_attendee_import_get_n_columns (import); c++)
        g_assert_cmpint (mdg_attendee_import_get_target (import, c), !=, MDG_IMPORT_IGNORE);

      g_assert_true (mdg_attendee_import_commit (import, f->db, seminar_id, FALSE, &result, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result.imported, ==, expected.rows->len);
      assert_matches_truth (f, seminar_id, &expected, file);
    }
}

static gboolean
has_change (GPtrArray  *changes,
            guint       line,
            const char *after)
{
  for (guint i = 0; i < changes->len; i++)
    {
      MdgImportChange *change = g_ptr_array_index (changes, i);

      if (change->line == line && g_str_equal (change->after, after))
        return TRUE;
    }
  return FALSE;
}

/* A newer export of the same form: new rows, cancellations, a changed phone to accept. */
static void
test_format_update (Fixture       *f,
                    gconstpointer  data)
{
  const FormatCase *format = data;
  g_autofree char *first = g_strdup_printf ("%s-%s.csv", format->name, format->variants[0]);
  g_autofree char *updated = g_strdup_printf ("%s-updated.csv", format->name);
  g_autofree char *truth = g_strdup_printf ("expected-%s-updated.tsv", format->name);
  g_auto(Expected) expected = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = open_import (first, &error);
  g_autoptr(MdgAttendeeImport) update = NULL;
  MdgImportResult result;
  gint64 seminar_id, cancelled_before;
  guint line;

  load_expected (truth, &expected);
  seminar_id = add_seminar (f, meta_int (&expected, "capacity"));
  g_assert_true (mdg_attendee_import_commit (import, f->db, seminar_id, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The dry run counts and lists; the database stays as it was. */
  cancelled_before = mdg_test_count (f->db, "SELECT count(*) FROM registration WHERE status = 'cancelled'");
  update = open_import (updated, &error);
  g_assert_no_error (error);
  g_assert_true (mdg_attendee_import_recall_mapping (update, f->db));
  g_assert_true (mdg_attendee_import_commit (update, f->db, seminar_id, TRUE, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.imported, ==, meta_int (&expected, "new"));
  g_assert_cmpuint (result.cancelled, ==, meta_int (&expected, "cancelled"));
  g_assert_cmpuint (result.changed, ==, meta_int (&expected, "changed"));
  g_assert_cmpuint (result.unchanged, ==, meta_int (&expected, "unchanged"));
  g_assert_cmpuint (result.promoted, ==, meta_int (&expected, "promoted"));
  line = meta_int (&expected, "changed_line");
  g_assert_cmpuint (mdg_attendee_import_get_changes (update)->len, ==, 1);
  g_assert_true (has_change (mdg_attendee_import_get_changes (update), line,
                             g_hash_table_lookup (expected.meta, "changed_phone")));
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM registration"), ==,
                   expected.rows->len - meta_int (&expected, "new"));
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM registration WHERE status = 'cancelled'"), ==,
                   cancelled_before);

  /* Without acceptance the phone stays; with it, it changes. */
  mdg_attendee_import_set_accept_changes (update, TRUE);
  g_assert_true (mdg_attendee_import_commit (update, f->db, seminar_id, FALSE, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.changes_applied, ==, 1);
  g_assert_cmpuint (result.promoted, ==, meta_int (&expected, "promoted"));
  assert_matches_truth (f, seminar_id, &expected, format->name);

  /* The same file once more changes nothing. */
  {
    g_autoptr(MdgAttendeeImport) again = open_import (updated, &error);

    g_assert_true (mdg_attendee_import_commit (again, f->db, seminar_id, FALSE, &result, NULL, &error));
    g_assert_cmpuint (result.imported, ==, 0);
    g_assert_cmpuint (result.cancelled, ==, 0);
    g_assert_cmpuint (result.changed, ==, 0);
    g_assert_cmpuint (result.unchanged, ==, expected.rows->len);
    g_assert_cmpuint (mdg_attendee_import_get_changes (again)->len, ==, 0);
  }
}

static void
test_parse_time (void)
{
  static const struct {
    const char *text;
    const char *iso;   /* NULL: not a time */
  } cases[] = {
    { "2026/11/2 9:15", "2026-11-02T09:15:00+09:00" },
    { "2026/11/02 09:15:32", "2026-11-02T09:15:32+09:00" },
    { "2026-11-02 09:15", "2026-11-02T09:15:00+09:00" },
    { "2026年11月02日 09時15分", "2026-11-02T09:15:00+09:00" },
    { "2026年11月2日(月) 9時5分", "2026-11-02T09:05:00+09:00" },
    { "２０２６/１１/０２ ０９:１５", "2026-11-02T09:15:00+09:00" },
    { "2026/11/02 午後 3:15:00", "2026-11-02T15:15:00+09:00" },
    { "2026/11/02 12:05 AM", "2026-11-02T00:05:00+09:00" },
    { "11/2/2026 9:15 PM", "2026-11-02T21:15:00+09:00" },
    { "2026-11-02T00:15:00Z", "2026-11-02T09:15:00+09:00" },
    { "2026-11-02T09:15:00+09:00", "2026-11-02T09:15:00+09:00" },
    { "2026/11/02 9:15:00 GMT+9", "2026-11-02T09:15:00+09:00" },
    { "2026/11/02 00:15 UTC", "2026-11-02T09:15:00+09:00" },
    { "2026-11-02", "2026-11-02T00:00:00+09:00" },
    { "2026/2/30 9:15", NULL },
    { "2026/11/02 25:00", NULL },
    { "明日の朝", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) time = mdg_import_parse_time (cases[i].text);
      g_autoptr(GDateTime) local = time ? g_date_time_to_local (time) : NULL;
      g_autofree char *iso = local ? g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z") : NULL;

      if (g_strcmp0 (iso, cases[i].iso) != 0)
        g_error ("“%s” read as %s, not %s", cases[i].text, iso, cases[i].iso);
    }
}

static void
test_parse_employees (void)
{
  static const struct {
    const char *text;
    guint       employees;   /* 0: not one number */
  } cases[] = {
    { "48人", 48 }, { "１２０名", 120 }, { "1,200人", 1200 }, { "約50人", 50 }, { "300", 300 },
    { "48 人", 48 }, { "10〜49人", 0 }, { "10-49人", 0 }, { "300人以上", 0 }, { "5人以下", 0 },
    { "不明", 0 }, { "", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint employees = 0;
      gboolean ok = mdg_import_parse_employees (cases[i].text, &employees);

      g_assert_cmpint (ok, ==, cases[i].employees != 0);
      if (ok)
        g_assert_cmpuint (employees, ==, cases[i].employees);
    }
}

static void
test_split_names (void)
{
  static const struct {
    const char *name, *family_kana, *given_kana;
    const char *family, *given;   /* NULL: kept whole */
  } cases[] = {
    { "山﨑太郎", "やまさき", "たろう", "山﨑", "太郎" },
    { "長谷川花子", "はせがわ", "はなこ", "長谷川", "花子" },
    { "佐々木健", "ささき", "けん", "佐々木", "健" },
    { "林田太郎", "はやしだ", "たろう", "林田", "太郎" },
    { "林大介", "はやし", "だいすけ", "林", "大介" },
    { "𠮷田一", "よしだ", "はじめ", "𠮷田", "一" },
    { "佐藤まゆみ", "さとう", "まゆみ", "佐藤", "まゆみ" },
    { "タナカ花子", "たなか", "はなこ", "タナカ", "花子" },
    { "伊藤美咲", "いとう", "みさき", "伊藤", "美咲" },
    { "関亜希子", "せき", "あきこ", NULL, NULL },
    { "John", "じょん", "すみす", NULL, NULL },
    { "山田", NULL, NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *family = NULL, *given = NULL;
      gboolean split = mdg_import_split_name (cases[i].name, cases[i].family_kana, cases[i].given_kana, &family, &given);

      if (split != (cases[i].family != NULL) || g_strcmp0 (family, cases[i].family) != 0 ||
          g_strcmp0 (given, cases[i].given) != 0)
        g_error ("%s (%s %s) split as %s|%s", cases[i].name, cases[i].family_kana, cases[i].given_kana, family, given);
    }
}

static MdgImportTarget
target_of (const char *header)
{
  g_autofree char *csv = g_strdup_printf ("氏名,%s\n髙橋 恵,x\n", header);
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = mdg_attendee_import_new ("h.csv", bytes, MDG_CSV_ENCODING_AUTO, &error);

  g_assert_no_error (error);
  return mdg_attendee_import_get_target (import, 1);
}

/* Headers read by meaning: a reading that names a company is the company's reading. */
static void
test_headers_by_meaning (void)
{
  static const struct {
    const char      *header;
    MdgImportTarget  target;
  } cases[] = {
    { "会社名（ふりがな）", MDG_IMPORT_ORGANIZATION_KANA }, { "事業所名（フリガナ）", MDG_IMPORT_ORGANIZATION_KANA },
    { "所属（ふりがな）", MDG_IMPORT_ORGANIZATION_KANA }, { "団体名よみがな", MDG_IMPORT_ORGANIZATION_KANA },
    { "氏名（姓）", (MdgImportTarget) MDG_PERSON_FAMILY_NAME }, { "氏名（名）", (MdgImportTarget) MDG_PERSON_GIVEN_NAME },
    { "お名前（名）", (MdgImportTarget) MDG_PERSON_GIVEN_NAME }, { "フリガナ（セイ）", (MdgImportTarget) MDG_PERSON_FAMILY_KANA },
    { "フリガナ（メイ）", (MdgImportTarget) MDG_PERSON_GIVEN_KANA }, { "名（ふりがな）", (MdgImportTarget) MDG_PERSON_GIVEN_KANA },
    { "従業員数", MDG_IMPORT_EMPLOYEES }, { "業種", MDG_IMPORT_INDUSTRY }, { "所在地", MDG_IMPORT_ADDRESS },
    { "会社所在地", MDG_IMPORT_ADDRESS }, { "参加方法", MDG_IMPORT_ATTENDANCE }, { "事前質問", MDG_IMPORT_QUESTIONS },
    { "講師への質問（任意）", MDG_IMPORT_QUESTIONS }, { "個人情報の取扱いに同意", MDG_IMPORT_CONSENT },
    { "申込日時", MDG_IMPORT_APPLIED_AT }, { "受付日時", MDG_IMPORT_APPLIED_AT }, { "受付番号", MDG_IMPORT_NUMBER },
    { "参加ステータス", MDG_IMPORT_STATUS }, { "出欠ステータス", MDG_IMPORT_ANSWER },
    { "所属部署", (MdgImportTarget) MDG_PERSON_DEPARTMENT }, { "メールアドレス（確認用）", (MdgImportTarget) MDG_PERSON_EMAIL },
    { "備考", MDG_IMPORT_ANSWER }, { "ご来場のきっかけ", MDG_IMPORT_ANSWER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (target_of (cases[i].header) != cases[i].target)
      g_error ("“%s” read as %s, not %s", cases[i].header, mdg_import_target_get_label (target_of (cases[i].header)),
               mdg_import_target_get_label (cases[i].target));
}

/* A name kept whole and a consent refused are said, and the row is imported all the same. */
static void
test_notices (Fixture       *f,
              gconstpointer  data)
{
  static const char csv[] = "氏名,ふりがな,メールアドレス,個人情報の取扱いに同意\r\n"
                            "関亜希子,せき あきこ,akiko@example.jp,同意する\r\n"
                            "佐藤 太郎,さとう たろう,taro@example.jp,同意しない\r\n"
                            "鈴木 一郎,すずき いちろう,ichiro@example.jp,\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = mdg_attendee_import_new ("n.csv", bytes, MDG_CSV_ENCODING_AUTO, &error);
  gint64 seminar_id = add_seminar (f, 0);
  GPtrArray *notices;
  MdgImportResult result;

  g_assert_true (mdg_attendee_import_commit (import, f->db, seminar_id, FALSE, &result, NULL, &error));
  g_assert_cmpuint (result.imported, ==, 3);
  notices = mdg_attendee_import_get_notices (import);
  g_assert_cmpuint (notices->len, ==, 3);
  g_assert_cmpuint (((MdgImportProblem *) g_ptr_array_index (notices, 0))->line, ==, 2);
  g_assert_nonnull (strstr (((MdgImportProblem *) g_ptr_array_index (notices, 0))->message, "関亜希子"));
  g_assert_cmpuint (((MdgImportProblem *) g_ptr_array_index (notices, 1))->line, ==, 3);
  g_assert_nonnull (strstr (((MdgImportProblem *) g_ptr_array_index (notices, 1))->message, "同意しない"));
  g_assert_cmpuint (((MdgImportProblem *) g_ptr_array_index (notices, 2))->line, ==, 4);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person WHERE family_name = '関亜希子' AND given_name IS NULL"
                                          " AND consent_contact = 1 AND consent_purpose = '個人情報の取扱いに同意'"), ==, 1);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person WHERE consent_contact = 0"), ==, 2);
}

/* 100 000 columns: mapped in one pass, every one kept. */
static void
test_wide_file (void)
{
  g_autoptr(GString) csv = g_string_new ("氏名");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  for (guint c = 1; c < 100000; c++)
    g_string_append_printf (csv, ",質問%u", c);
  g_string_append (csv, "\r\n髙橋 恵");
  for (guint c = 1; c < 100000; c++)
    g_string_append (csv, ",はい");
  g_string_append (csv, "\r\n");
  bytes = g_bytes_new (csv->str, csv->len);

  import = mdg_attendee_import_new ("wide.csv", bytes, MDG_CSV_ENCODING_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mdg_attendee_import_get_n_columns (import), ==, 100000);
  g_assert_cmpint (mdg_attendee_import_get_target (import, 0), ==, MDG_IMPORT_FULL_NAME);
  /* Columns whose header says 質問 all ask the presenter something: the first holds the
   * field, the others are kept as answers. */
  g_assert_cmpint (mdg_attendee_import_get_target (import, 99999), ==, MDG_IMPORT_QUESTIONS);
  g_assert_cmpstr (mdg_attendee_import_get_cell (import, 0, 99999), ==, "はい");
  problems = mdg_attendee_import_check (import);
  g_assert_cmpuint (problems->len, ==, 0);
}

typedef struct
{
  GMutex    lock;
  GCond     cond;
  gboolean  matching;    /* the import is comparing, holding no lock */
  gboolean  checked_in;  /* the door has checked someone in meanwhile */
  char     *path;
  gint64    seminar_id;
  MdgAttendeeImport *import;
  MdgImportResult    result;
  GError            *error;
} Beside;

static void
pause_while_matching (MdgImportStage stage,
                      guint          done,
                      guint          total,
                      gpointer       user_data)
{
  Beside *beside = user_data;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  if (stage != MDG_IMPORT_STAGE_MATCHING || done < total / 2 || beside->matching)
    return;
  g_mutex_lock (&beside->lock);
  beside->matching = TRUE;
  g_cond_broadcast (&beside->cond);
  while (!beside->checked_in)
    if (!g_cond_wait_until (&beside->cond, &beside->lock, deadline))
      break;
  g_mutex_unlock (&beside->lock);
}

static gpointer
import_thread (gpointer data)
{
  Beside *beside = data;
  g_autoptr(MdgDatabase) connection = mdg_database_open (beside->path, &beside->error);

  if (connection != NULL)
    mdg_attendee_import_commit (beside->import, connection, beside->seminar_id, FALSE, &beside->result, NULL,
                                &beside->error);
  return NULL;
}

/* A check-in at the door, on another connection, while a 20 000-row import runs. */
static void
test_checkin_during_import (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("受付番号,氏名,フリガナ,会社名,メールアドレス\r\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgPerson) person = mdg_person_new ();
  g_autoptr(MdgAttendee) early = NULL;
  Beside beside = { 0 };
  GThread *thread;

  beside.seminar_id = add_seminar (f, 0);
  beside.path = g_strdup (mdg_database_get_path (f->db));
  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, "早川");
  mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, "一");
  early = mdg_registration_store_register (f->db, beside.seminar_id, person, MDG_REGISTRATION_SOURCE_MANUAL, NULL,
                                           &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "W%05u,髙橋 太郎%u,タカハシ タロウ,株式会社①商事 第%u営業所,bulk%u@example.jp\r\n", i, i,
                            i % 300, i);
  bytes = g_bytes_new (csv->str, csv->len);
  beside.import = mdg_attendee_import_new ("bulk.csv", bytes, MDG_CSV_ENCODING_AUTO, &error);
  g_assert_no_error (error);
  mdg_attendee_import_set_progress_func (beside.import, pause_while_matching, &beside);
  g_mutex_init (&beside.lock);
  g_cond_init (&beside.cond);

  thread = g_thread_new ("import", import_thread, &beside);
  g_mutex_lock (&beside.lock);
  while (!beside.matching)
    g_cond_wait (&beside.cond, &beside.lock);
  g_mutex_unlock (&beside.lock);

  /* The import is under way and holds no lock: the door is not kept waiting. */
  g_assert_true (mdg_registration_store_check_in (f->db, early, TRUE, &error));
  g_assert_no_error (error);

  g_mutex_lock (&beside.lock);
  beside.checked_in = TRUE;
  g_cond_broadcast (&beside.cond);
  g_mutex_unlock (&beside.lock);
  g_thread_join (thread);

  g_assert_no_error (beside.error);
  g_assert_cmpuint (beside.result.imported, ==, 20000);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM registration WHERE checked_in_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM registration"), ==, 20001);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM organization"), ==, 300);

  mdg_attendee_import_free (beside.import);
  g_free (beside.path);
  g_mutex_clear (&beside.lock);
  g_cond_clear (&beside.cond);
}

typedef struct
{
  const char *path;
  gint64      seminar_id;
  gboolean    done;
} Meanwhile;

/* Another program registers one of the file's people after the plan, before the write. */
static void
register_meanwhile (MdgImportStage stage,
                    guint          done,
                    guint          total,
                    gpointer       user_data)
{
  Meanwhile *meanwhile = user_data;
  g_autoptr(MdgDatabase) other = NULL;
  g_autoptr(MdgPerson) person = NULL;
  g_autoptr(MdgAttendee) attendee = NULL;
  g_autoptr(GError) error = NULL;

  if (stage != MDG_IMPORT_STAGE_MATCHING || done != total || meanwhile->done)
    return;
  meanwhile->done = TRUE;
  other = mdg_database_open (meanwhile->path, &error);
  g_assert_no_error (error);
  person = mdg_person_new ();
  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, "佐藤");
  mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, "花子");
  mdg_person_set_text (person, MDG_PERSON_EMAIL, "hanako@example.jp");
  attendee = mdg_registration_store_register (other, meanwhile->seminar_id, person, MDG_REGISTRATION_SOURCE_MANUAL,
                                              NULL, &error);
  g_assert_no_error (error);
}

static void
test_replans_after_other_writer (Fixture       *f,
                                 gconstpointer  data)
{
  static const char csv[] = "氏名,メールアドレス\n髙橋 恵,megumi@example.jp\n佐藤 花子,hanako@example.jp\n鈴木 一郎,ichiro@example.jp\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = mdg_attendee_import_new ("r.csv", bytes, MDG_CSV_ENCODING_AUTO, &error);
  Meanwhile meanwhile = { mdg_database_get_path (f->db), add_seminar (f, 0), FALSE };
  MdgImportResult result;

  mdg_attendee_import_set_progress_func (import, register_meanwhile, &meanwhile);
  g_assert_true (mdg_attendee_import_commit (import, f->db, meanwhile.seminar_id, FALSE, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (meanwhile.done);
  /* Planned again: 佐藤 花子 is found registered, not added twice. */
  g_assert_cmpuint (result.imported, ==, 2);
  g_assert_cmpuint (result.already_registered, ==, 1);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person WHERE email = 'hanako@example.jp'"), ==, 1);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM registration"), ==, 3);
}

static gboolean
search_finds (MdgDatabase *db,
              const char  *query,
              const char  *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = mdg_search (db, query, 50, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    if (strstr (((MdgSearchHit *) g_ptr_array_index (hits, i))->title, title))
      return TRUE;
  return FALSE;
}

/* Variant characters forgiven by search; the stored text keeps what people wrote. */
static void
test_variant_search (Fixture       *f,
                     gconstpointer  data)
{
  static const char csv[] = "氏名,フリガナ,会社名,会社名（フリガナ）\n"
                            "髙橋 恵,タカハシ メグミ,髙島商事株式会社,たかしましょうじ\n"
                            "山﨑 太郎,ヤマサキ タロウ,㈱博多ソフト,はかたそふと\n"
                            "𠮷田 花子,ヨシダ ハナコ,（有）①商事,いちしょうじ\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = mdg_attendee_import_new ("v.csv", bytes, MDG_CSV_ENCODING_AUTO, &error);
  gint64 seminar_id = add_seminar (f, 0);
  g_autoptr(GPtrArray) attendees = NULL;
  static const struct {
    const char *query, *finds;
  } cases[] = {
    { "高橋", "髙橋 恵" }, { "高橋 恵", "髙橋 恵" }, { "山崎", "山﨑 太郎" }, { "山崎太郎", "山﨑 太郎" },
    { "吉田", "𠮷田 花子" }, { "株式会社博多", "㈱博多ソフト" }, { "(株)博多", "㈱博多ソフト" },
    { "有限会社①", "（有）①商事" }, { "たかしま", "髙島商事株式会社" }, { "タカシマ", "髙島商事株式会社" },
    { "ﾀｶｼﾏ", "髙島商事株式会社" }, { "高島商事", "髙島商事株式会社" },
  };

  g_assert_true (mdg_attendee_import_commit (import, f->db, seminar_id, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (!search_finds (f->db, cases[i].query, cases[i].finds))
      g_error ("“%s” does not find %s", cases[i].query, cases[i].finds);
  g_assert_false (search_finds (f->db, "高田", "髙橋 恵"));

  /* The organization list and the check-in desk forgive them too. */
  {
    g_autoptr(GPtrArray) organizations = mdg_organization_store_list (f->db, "ﾀｶｼﾏ", 10, &error);

    g_assert_cmpuint (organizations->len, ==, 1);
    g_assert_cmpstr (mdg_organization_get_text (g_ptr_array_index (organizations, 0), MDG_ORGANIZATION_NAME), ==,
                     "髙島商事株式会社");
  }
  attendees = mdg_registration_store_list (f->db, seminar_id, &error);
  {
    g_autoptr(GPtrArray) found = mdg_registration_store_find (attendees, "吉田");

    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (mdg_person_get_text (mdg_attendee_get_person (g_ptr_array_index (found, 0)),
                                          MDG_PERSON_FAMILY_NAME), ==, "𠮷田");
  }
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person WHERE family_name IN ('髙橋', '山﨑', '𠮷田')"), ==, 3);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM organization WHERE name = '㈱博多ソフト'"), ==, 1);
}

static void
unfolded (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  sqlite3_result_value (context, argv[0]);
}

/* A database from before variant folding: the upgrade rebuilds the search index. */
static void
test_variant_search_after_upgrade (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "schema-1.db", NULL);
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  sqlite3 *raw;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  /* The old index: text as it was written, 髙 and all. */
  sqlite3_create_function (raw, "mdg_fold", 1, SQLITE_UTF8, NULL, unfolded, NULL, NULL);
  g_assert_cmpint (sqlite3_exec (raw, "INSERT INTO person (family_name, given_name) VALUES ('髙橋', '恵')", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = mdg_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_database_get_schema_version (db), ==, MDG_SCHEMA_VERSION);
  g_assert_true (search_finds (db, "高橋恵", "髙橋 恵"));
  g_assert_true (search_finds (db, "青木", "青木"));
  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

/* Consent given on a newer export of the form is dated by that application. */
static void
test_consent_later (Fixture       *f,
                    gconstpointer  data)
{
  static const char first[] = "受付番号,申込日時,氏名,個人情報の取扱いに同意\n7,2026/11/2 9:15,髙橋 恵,\n";
  static const char second[] = "受付番号,申込日時,氏名,個人情報の取扱いに同意\n7,2026/11/3 10:30,髙橋 恵,同意する\n";
  gint64 seminar_id = add_seminar (f, 0);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GBytes) bytes = i ? g_bytes_new_static (second, sizeof second - 1)
                                  : g_bytes_new_static (first, sizeof first - 1);
      g_autoptr(MdgAttendeeImport) import = mdg_attendee_import_new ("c.csv", bytes, MDG_CSV_ENCODING_AUTO, &error);

      g_assert_true (mdg_attendee_import_commit (import, f->db, seminar_id, FALSE, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (mdg_test_count (f->db, "SELECT consent_contact FROM person"), ==, i);
    }
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person WHERE consent_at = '2026-11-03T01:30:00.000Z'"
                                          " AND consent_purpose = '個人情報の取扱いに同意'"), ==, 1);
  /* The place in the queue is the first application's. */
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM registration WHERE applied_at = '2026-11-02T00:15:00.000Z'"), ==, 1);
}

/* A registration written without the form's time (another tool, the sample data) applied when registered. */
static void
test_applied_default (Fixture       *f,
                      gconstpointer  data)
{
  gint64 seminar_id = add_seminar (f, 0);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO person (family_name) VALUES ('手入力');"
                                          "INSERT INTO registration (seminar_id, person_id, number, registered_at)"
                                          " VALUES (%" G_GINT64_FORMAT ", last_insert_rowid(), 'X1',"
                                          " '2026-10-01T01:02:03.000Z')",
                                          seminar_id);

  mdg_test_exec (f->db, sql);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM registration WHERE number = 'X1'"
                                          " AND applied_at = '2026-10-01T01:02:03.000Z'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

#define ADD(path, data, func) g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/format/%s", formats[i].name);
      g_autofree char *update = g_strdup_printf ("/import/update/%s", formats[i].name);

      ADD (path, &formats[i], test_format);
      ADD (update, &formats[i], test_format_update);
    }
  g_test_add_func ("/import/parse/time", test_parse_time);
  g_test_add_func ("/import/parse/employees", test_parse_employees);
  g_test_add_func ("/import/parse/names", test_split_names);
  g_test_add_func ("/import/headers", test_headers_by_meaning);
  g_test_add_func ("/import/wide", test_wide_file);
  ADD ("/import/notices", NULL, test_notices);
  ADD ("/import/checkin-during-import", NULL, test_checkin_during_import);
  ADD ("/import/replan", NULL, test_replans_after_other_writer);
  ADD ("/import/search/variants", NULL, test_variant_search);
  g_test_add_func ("/import/search/upgrade", test_variant_search_after_upgrade);
  ADD ("/import/applied-default", NULL, test_applied_default);
  ADD ("/import/consent-later", NULL, test_consent_later);
#undef ADD

  return g_test_run ();
}
