#define _GNU_SOURCE
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-attendee-export.h"
#include "mdg-attendee-import.h"
#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-registration-store.h"
#include "mdg-seminar-store.h"
#include "mdg-test-util.h"

/* A web form's export, with the characters Japanese Excel trips over. */
static const char form_csv[] =
  "受付番号,氏名,フリガナ,会社名,部署,役職,メールアドレス,電話番号\r\n"
  "1001,髙橋 恵,タカハシ メグミ,株式会社山﨑製作所,総務部,部長,megumi@yamazaki.example.jp,042-111-2222\r\n"
  "1002,佐藤　太郎,ｻﾄｳ ﾀﾛｳ,\"有限会社①商事, 立川支店\",,代表取締役,taro@example.jp,\r\n"
  "1003,長谷川 花子,はせがわ はなこ,\"合同会社～ゆめ～\r\n（本社）\",情報システム課,\"主任 \"\"IT担当\"\"\",hana@example.jp,03-0000-0000\r\n";

typedef struct
{
  char        *dir;
  MdgDatabase *db;
  gint64       seminar_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 30);
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GError) error = NULL;

  f->db = mdg_test_open_tmp_db (&f->dir);
  g_object_set (seminar, "title", "インポート", "starts-at", starts, "ends-at", ends, NULL);
  g_assert_true (mdg_seminar_store_save (f->db, seminar, &error));
  f->seminar_id = mdg_seminar_get_id (seminar);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  mdg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static GBytes *
encode (const char *utf8,
        const char *charset,
        const char *bom,
        gsize       bom_len)
{
  g_autoptr(GError) error = NULL;
  gsize written = 0;
  g_autofree char *converted = g_str_equal (charset, "UTF-8")
                                 ? g_strdup (utf8)
                                 : g_convert (utf8, -1, charset, "UTF-8", NULL, &written, &error);
  GByteArray *bytes = g_byte_array_new ();

  g_assert_no_error (error);
  if (g_str_equal (charset, "UTF-8"))
    written = strlen (converted);
  g_byte_array_append (bytes, (const guint8 *) bom, bom_len);
  g_byte_array_append (bytes, (const guint8 *) converted, written);
  return g_byte_array_free_to_bytes (bytes);
}

/* A hash of the database file after a checkpoint: what "unchanged" means. */
static char *
database_digest (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (mdg_database_checkpoint (f->db, &error));
  g_assert_true (g_file_get_contents (mdg_database_get_path (f->db), &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static MdgAttendeeImport *
load (GBytes        *bytes,
      MdgCsvEncoding encoding,
      GError       **error)
{
  return mdg_attendee_import_new ("form.csv", bytes, encoding, error);
}

static void
assert_form_imported (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = mdg_registration_store_list (f->db, f->seminar_id, &error);
  MdgPerson *p;

  g_assert_cmpuint (attendees->len, ==, 3);
  /* Kana order: さとう, たかはし, はせがわ — whatever script they came in. */
  p = mdg_attendee_get_person (g_ptr_array_index (attendees, 0));
  g_assert_cmpstr (mdg_person_get_text (p, MDG_PERSON_FAMILY_NAME), ==, "佐藤");
  g_assert_cmpstr (mdg_person_get_text (p, MDG_PERSON_GIVEN_NAME), ==, "太郎");
  /* Stored in full width, whatever width the form used. */
  g_assert_cmpstr (mdg_person_get_text (p, MDG_PERSON_FAMILY_KANA), ==, "サトウ");
  g_assert_cmpstr (mdg_person_get_text (p, MDG_PERSON_ORGANIZATION), ==, "有限会社①商事, 立川支店");
  g_assert_cmpstr (mdg_attendee_get_number (g_ptr_array_index (attendees, 0)), ==, "1002");

  p = mdg_attendee_get_person (g_ptr_array_index (attendees, 1));
  g_assert_cmpstr (mdg_person_get_text (p, MDG_PERSON_FAMILY_NAME), ==, "髙橋");
  g_assert_cmpstr (mdg_person_get_text (p, MDG_PERSON_ORGANIZATION), ==, "株式会社山﨑製作所");
  g_assert_cmpstr (mdg_person_get_text (p, MDG_PERSON_DEPARTMENT), ==, "総務部");
  g_assert_cmpstr (mdg_person_get_text (p, MDG_PERSON_TITLE), ==, "部長");
  g_assert_cmpstr (mdg_person_get_text (p, MDG_PERSON_PHONE), ==, "042-111-2222");

  p = mdg_attendee_get_person (g_ptr_array_index (attendees, 2));
  /* A quoted newline (CRLF inside the field) and doubled quotes; ～ stays FULLWIDTH TILDE. */
  g_assert_cmpstr (mdg_person_get_text (p, MDG_PERSON_ORGANIZATION), ==, "合同会社\xef\xbd\x9e" "ゆめ\xef\xbd\x9e\n（本社）");
  g_assert_cmpstr (mdg_person_get_text (p, MDG_PERSON_TITLE), ==, "主任 \"IT担当\"");
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM registration WHERE source = 'csv'"), ==, 3);
}

static void
import_ok (Fixture        *f,
           GBytes         *bytes,
           MdgCsvEncoding  expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = load (bytes, MDG_CSV_ENCODING_AUTO, &error);
  MdgImportResult result;

  g_assert_no_error (error);
  g_assert_cmpint (mdg_attendee_import_get_encoding (import), ==, expected);
  g_assert_true (mdg_attendee_import_commit (import, f->db, f->seminar_id, FALSE, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.imported, ==, 3);
  assert_form_imported (f);
}

static void
test_encoding_utf8 (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) bytes = encode (form_csv, "UTF-8", "", 0);
  import_ok (f, bytes, MDG_CSV_ENCODING_UTF8);
}

static void
test_encoding_utf8_bom (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) bytes = encode (form_csv, "UTF-8", "\xEF\xBB\xBF", 3);
  import_ok (f, bytes, MDG_CSV_ENCODING_UTF8_BOM);
}

static void
test_encoding_utf16 (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) bytes = encode (form_csv, "UTF-16LE", "\xFF\xFE", 2);
  import_ok (f, bytes, MDG_CSV_ENCODING_UTF16);
}

static void
test_encoding_cp932 (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) bytes = encode (form_csv, "CP932", "", 0);
  gsize length;
  const guint8 *raw = g_bytes_get_data (bytes, &length);

  /* The fixture really holds CP932's extensions: 髙 (0xFBFC), 﨑 (0xFAB1), ① (0x8740), ～ (0x8160). */
  g_assert_nonnull (memmem (raw, length, "\xFB\xFC", 2));
  g_assert_nonnull (memmem (raw, length, "\xFA\xB1", 2));
  g_assert_nonnull (memmem (raw, length, "\x87\x40", 2));
  g_assert_nonnull (memmem (raw, length, "\x81\x60", 2));
  import_ok (f, bytes, MDG_CSV_ENCODING_CP932);
}

static void
test_encoding_override (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) bytes = encode (form_csv, "UTF-8", "", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = load (bytes, MDG_CSV_ENCODING_CP932, &error);

  /* UTF-8 read as CP932 by the user's choice decodes to something, or fails naming a line. */
  if (import == NULL)
    g_assert_nonnull (strstr (error->message, "line"));
  g_clear_pointer (&import, mdg_attendee_import_free);
  g_clear_error (&error);

  {
    g_autoptr(GBytes) sjis = encode (form_csv, "CP932", "", 0);
    g_autoptr(MdgAttendeeImport) wrong = load (sjis, MDG_CSV_ENCODING_UTF8, &error);

    g_assert_null (wrong);
    g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "form.csv"));
    /* The header itself is the first line that is not UTF-8. */
    g_assert_nonnull (strstr (error->message, "line 1"));
    g_assert_nonnull (strstr (error->message, "Shift_JIS"));
  }
}

static void
test_header_variants (Fixture *f, gconstpointer data)
{
  static const char csv[] =
    "No.,姓,名,セイ,メイ,会社・団体名,E-mail,TEL（日中の連絡先）,備考\n"
    "A-1,渡辺,太郎,わたなべ,たろう,八王子印刷,w@example.jp,042-1,よろしく\n"
    ",青木,恵,アオキ,メグミ,,a@example.jp,,\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = load (bytes, MDG_CSV_ENCODING_AUTO, &error);
  g_autoptr(GPtrArray) attendees = NULL;
  MdgImportResult result;

  g_assert_no_error (error);
  g_assert_cmpint (mdg_attendee_import_get_target (import, 0), ==, MDG_IMPORT_NUMBER);
  g_assert_cmpint (mdg_attendee_import_get_target (import, 1), ==, MDG_PERSON_FAMILY_NAME);
  g_assert_cmpint (mdg_attendee_import_get_target (import, 2), ==, MDG_PERSON_GIVEN_NAME);
  g_assert_cmpint (mdg_attendee_import_get_target (import, 3), ==, MDG_PERSON_FAMILY_KANA);
  g_assert_cmpint (mdg_attendee_import_get_target (import, 4), ==, MDG_PERSON_GIVEN_KANA);
  g_assert_cmpint (mdg_attendee_import_get_target (import, 5), ==, MDG_PERSON_ORGANIZATION);
  g_assert_cmpint (mdg_attendee_import_get_target (import, 6), ==, MDG_PERSON_EMAIL);
  g_assert_cmpint (mdg_attendee_import_get_target (import, 7), ==, MDG_PERSON_PHONE);
  g_assert_cmpint (mdg_attendee_import_get_target (import, 8), ==, MDG_IMPORT_ANSWER);

  /* The user maps 備考 to the department; the choice is remembered for this header. */
  mdg_attendee_import_set_target (import, 8, (MdgImportTarget) MDG_PERSON_DEPARTMENT);
  g_assert_true (mdg_attendee_import_commit (import, f->db, f->seminar_id, FALSE, &result, NULL, &error));
  g_assert_cmpuint (result.imported, ==, 2);

  attendees = mdg_registration_store_list (f->db, f->seminar_id, &error);
  /* The form's number is kept; Madoguchi numbers the rest. */
  g_assert_cmpstr (mdg_attendee_get_number (g_ptr_array_index (attendees, 0)), ==, "M0001");
  g_assert_cmpstr (mdg_attendee_get_number (g_ptr_array_index (attendees, 1)), ==, "A-1");
  g_assert_cmpstr (mdg_person_get_text (mdg_attendee_get_person (g_ptr_array_index (attendees, 1)), MDG_PERSON_DEPARTMENT),
                   ==, "よろしく");

  {
    g_autoptr(MdgAttendeeImport) again = load (bytes, MDG_CSV_ENCODING_AUTO, &error);

    g_assert_cmpint (mdg_attendee_import_get_target (again, 8), ==, MDG_IMPORT_ANSWER);
    g_assert_true (mdg_attendee_import_recall_mapping (again, f->db));
    g_assert_cmpint (mdg_attendee_import_get_target (again, 8), ==, MDG_PERSON_DEPARTMENT);

    /* The same file again: everyone is already registered; nothing is duplicated. */
    g_assert_true (mdg_attendee_import_commit (again, f->db, f->seminar_id, FALSE, &result, NULL, &error));
    g_assert_cmpuint (result.imported, ==, 0);
    g_assert_cmpuint (result.already_registered, ==, 2);
    g_assert_cmpuint (result.unchanged, ==, 2);
    g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person"), ==, 2);
  }
}

static void
assert_fails_unchanged (Fixture    *f,
                        const char *content,
                        gsize       length,
                        const char *expected_in_message)
{
  g_autofree char *before = database_digest (f);
  g_autofree char *after = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (content, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = load (bytes, MDG_CSV_ENCODING_AUTO, &error);

  g_test_message ("expecting a failure that says “%s”", expected_in_message);
  if (import != NULL)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_assert_false (mdg_attendee_import_commit (import, f->db, f->seminar_id, FALSE, NULL, &problems, &error));
      g_assert_nonnull (problems);
    }
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  if (strstr (error->message, expected_in_message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected_in_message);
  g_assert_nonnull (strstr (error->message, "form.csv"));

  after = database_digest (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_files (Fixture *f, gconstpointer data)
{
  static const char too_few[] = "氏名,会社名,メールアドレス\n髙橋 恵,立川,m@example.jp\n佐藤 太郎,青梅\n";
  static const char no_name[] = "会社名,メールアドレス\n立川,m@example.jp\n";
  static const char bad_email[] = "氏名,メールアドレス\n髙橋 恵,m@example.jp\n佐藤 太郎,not-an-address\n";
  static const char unclosed[] = "氏名,会社名\n髙橋 恵,立川\n佐藤 太郎,\"青梅運輸\n";
  static const char twice[] = "受付番号,氏名\n7,髙橋 恵\n7,佐藤 太郎\n";
  static const char header_only[] = "氏名,会社名\r\n";
  static const char stray_quote[] = "氏名,会社名\n髙橋 恵,\"立川\"精密\n";
  char garbage[2048];
  g_autoptr(GString) huge = g_string_new ("氏名,備考\n髙橋 恵,\"");

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) ((i * 131 + 7) & 0xFF);

  assert_fails_unchanged (f, too_few, sizeof too_few - 1, "Line 3");
  assert_fails_unchanged (f, no_name, sizeof no_name - 1, "name");
  assert_fails_unchanged (f, bad_email, sizeof bad_email - 1, "Line 3");
  assert_fails_unchanged (f, unclosed, sizeof unclosed - 1, "line 3");
  assert_fails_unchanged (f, twice, sizeof twice - 1, "Line 3");
  assert_fails_unchanged (f, header_only, sizeof header_only - 1, "no registrations");
  assert_fails_unchanged (f, stray_quote, sizeof stray_quote - 1, "line 2");
  assert_fails_unchanged (f, "", 0, "empty");
  assert_fails_unchanged (f, garbage, sizeof garbage, "not a text file");

  /* A 10 MB field. */
  for (guint i = 0; i < 10 * 1024 * 1024 / 16; i++)
    g_string_append (huge, "0123456789abcdef");
  g_string_append (huge, "\"\n");
  assert_fails_unchanged (f, huge->str, huge->len, "line 2");

  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person"), ==, 0);
}

static void
test_failure_midway_rolls_back (Fixture *f, gconstpointer data)
{
  /* Row 3 clashes with a number already in the seminar: found only against the database. */
  static const char csv[] = "受付番号,氏名\n10,髙橋 恵\n11,佐藤 太郎\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
  g_autoptr(MdgPerson) person = mdg_person_new ();
  g_autoptr(MdgAttendee) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, "先客");
  first = mdg_registration_store_register (f->db, f->seminar_id, person, MDG_REGISTRATION_SOURCE_MANUAL, "11", &error);
  g_assert_no_error (error);

  before = database_digest (f);
  import = load (bytes, MDG_CSV_ENCODING_AUTO, &error);
  g_assert_false (mdg_attendee_import_commit (import, f->db, f->seminar_id, FALSE, NULL, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (((MdgImportProblem *) g_ptr_array_index (problems, 0))->line, ==, 3);
  after = database_digest (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person"), ==, 1);
}

static void
test_dry_run (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) bytes = encode (form_csv, "UTF-8", "", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = load (bytes, MDG_CSV_ENCODING_AUTO, &error);
  g_autofree char *before = database_digest (f);
  g_autofree char *after = NULL;
  MdgImportResult result;

  g_assert_true (mdg_attendee_import_commit (import, f->db, f->seminar_id, TRUE, &result, NULL, &error));
  g_assert_cmpuint (result.imported, ==, 3);
  after = database_digest (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_export (Fixture *f, gconstpointer data)
{
  static const char csv[] = "氏名,会社名,役職\n髙橋 恵,=HYPERLINK(\"http://x\"),@SUM(1)\n佐藤 太郎,-2+3,+cmd\n";
  g_autoptr(GBytes) in = g_bytes_new_static (csv, sizeof csv - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = load (in, MDG_CSV_ENCODING_AUTO, &error);
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GBytes) utf8 = NULL;
  g_autoptr(GBytes) sjis = NULL;
  g_autoptr(GPtrArray) unencodable = NULL;
  gsize length;
  const char *data_utf8;

  mdg_attendee_import_commit (import, f->db, f->seminar_id, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  attendees = mdg_registration_store_list (f->db, f->seminar_id, &error);

  /* UTF-8 with BOM by default, CRLF, and no cell a spreadsheet would run. */
  utf8 = mdg_attendee_export_csv (attendees, MDG_CSV_ENCODING_UTF8_BOM, NULL);
  data_utf8 = g_bytes_get_data (utf8, &length);
  g_assert_true (g_str_has_prefix (data_utf8, "\xEF\xBB\xBFRegistration number,Registration status,Family name,"));
  g_assert_nonnull (strstr (data_utf8, ",\"'=HYPERLINK(\"\"http://x\"\")\","));
  g_assert_nonnull (strstr (data_utf8, ",\"'@SUM(1)\","));
  g_assert_nonnull (strstr (data_utf8, ",\"'-2+3\","));
  g_assert_nonnull (strstr (data_utf8, ",\"'+cmd\","));
  g_assert_nonnull (strstr (data_utf8, "\r\n"));

  /* CP932 names the characters it cannot hold; 髙 it can. */
  {
    g_autoptr(MdgPerson) emoji = mdg_person_new ();
    g_autoptr(MdgAttendee) extra = NULL;

    mdg_person_set_text (emoji, MDG_PERSON_FAMILY_NAME, "𠮷田");
    mdg_person_set_text (emoji, MDG_PERSON_ORGANIZATION, "Café ☕");
    extra = mdg_registration_store_register (f->db, f->seminar_id, emoji, MDG_REGISTRATION_SOURCE_MANUAL, NULL, &error);
    g_ptr_array_add (attendees, g_object_ref (extra));
  }
  sjis = mdg_attendee_export_csv (attendees, MDG_CSV_ENCODING_CP932, &unencodable);
  g_assert_nonnull (unencodable);
  g_assert_cmpuint (unencodable->len, ==, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (unencodable, "𠮷", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (unencodable, "é", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (unencodable, "☕", g_str_equal, NULL));
  {
    const char *raw = g_bytes_get_data (sjis, &length);
    g_assert_nonnull (memmem (raw, length, "\xFB\xFC", 2)); /* 髙 */
  }

  /* The export reads back through the import with every column recognised. */
  {
    g_autoptr(MdgAttendeeImport) back = load (utf8, MDG_CSV_ENCODING_AUTO, &error);

    g_assert_no_error (error);
    static const MdgImportTarget expected[] = {
      MDG_IMPORT_NUMBER, MDG_IMPORT_STATUS, (MdgImportTarget) MDG_PERSON_FAMILY_NAME,
      (MdgImportTarget) MDG_PERSON_GIVEN_NAME, (MdgImportTarget) MDG_PERSON_FAMILY_KANA,
      (MdgImportTarget) MDG_PERSON_GIVEN_KANA, (MdgImportTarget) MDG_PERSON_ORGANIZATION,
      MDG_IMPORT_ORGANIZATION_KANA, MDG_IMPORT_INDUSTRY, MDG_IMPORT_EMPLOYEES, MDG_IMPORT_ADDRESS,
      (MdgImportTarget) MDG_PERSON_TITLE, (MdgImportTarget) MDG_PERSON_DEPARTMENT, (MdgImportTarget) MDG_PERSON_EMAIL,
      (MdgImportTarget) MDG_PERSON_PHONE, MDG_IMPORT_APPLIED_AT, MDG_IMPORT_ATTENDANCE, MDG_IMPORT_QUESTIONS,
      MDG_IMPORT_CONSENT,
    };

    g_assert_no_error (error);
    for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
      g_assert_cmpint (mdg_attendee_import_get_target (back, c), ==, expected[c]);
    g_assert_cmpstr (mdg_attendee_import_get_cell (back, 0, 6), ==, "'-2+3");
    g_assert_cmpstr (mdg_attendee_import_get_cell (back, 1, 6), ==, "'=HYPERLINK(\"http://x\")");
  }
}

/* What the database says (busy, read-only, damaged) is the whole error, never a line of
 * the file to correct: the CSV is not to blame. */
static void
assert_database_error (Fixture *f,
                       int      code)
{
  g_autoptr(GBytes) bytes = encode (form_csv, "UTF-8", "", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = load (bytes, MDG_CSV_ENCODING_AUTO, &error);
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_no_error (error);
  g_assert_false (mdg_attendee_import_commit (import, f->db, f->seminar_id, FALSE, NULL, &problems, &error));
  g_assert_error (error, MDG_ERROR, code);
  g_assert_null (problems);
  g_assert_null (strstr (error->message, "Line "));
  g_assert_null (strstr (error->message, "form.csv"));
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM registration"), ==, 0);
}

static void
test_database_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup (mdg_database_get_path (f->db));
  g_autoptr(GError) error = NULL;

  /* Another program holds the write lock for longer than this connection waits. */
  {
    g_autoptr(MdgDatabase) other = mdg_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (mdg_database_begin (other, &error));
    mdg_database_set_busy_wait (f->db, 50);
    assert_database_error (f, MDG_ERROR_BUSY);
    mdg_database_rollback (other);
    mdg_database_set_busy_wait (f->db, MDG_DATABASE_BUSY_WAIT);
  }

  /* Writing refused by the connection (as on a read-only file, which root cannot make). */
  mdg_test_exec (f->db, "PRAGMA query_only = 1");
  assert_database_error (f, MDG_ERROR_READ_ONLY);
  mdg_test_exec (f->db, "PRAGMA query_only = 0");

  /* The organizations' page is damaged: the import says so and blames no line. */
  {
    guint page = mdg_test_root_page (f->db, "organization");

    g_clear_object (&f->db);
    mdg_test_damage_pages (path, page, 1);
    f->db = mdg_database_open (path, &error);
    g_assert_no_error (error);
    assert_database_error (f, MDG_ERROR_CORRUPT);
  }
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/csv/import/utf-8", test_encoding_utf8);
  ADD ("/csv/import/utf-8-bom", test_encoding_utf8_bom);
  ADD ("/csv/import/utf-16", test_encoding_utf16);
  ADD ("/csv/import/cp932", test_encoding_cp932);
  ADD ("/csv/import/encoding-override", test_encoding_override);
  ADD ("/csv/import/header-variants", test_header_variants);
  ADD ("/csv/import/bad-files", test_bad_files);
  ADD ("/csv/import/rollback", test_failure_midway_rolls_back);
  ADD ("/csv/import/dry-run", test_dry_run);
  ADD ("/csv/import/database-errors", test_database_errors);
  ADD ("/csv/export", test_export);
#undef ADD

  return g_test_run ();
}
