/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-attendee-import.h"
#include "mdg-csv.h"
#include "mdg-error.h"
#include "mdg-test-util.h"

/*
 * The CSV decoder and parser on files as the world cuts and writes them: copies
 * interrupted in the middle of a character, classic Mac line ends, mixed ends,
 * tab-separated files with quoted cells.
 */

static const char form[] =
  "氏名,会社名,メールアドレス\r\n"
  "佐藤 太郎,有限会社①商事,taro@example.jp\r\n"
  "山田 花子,株式会社山田,hanako@example.jp";

static GBytes *
convert (const char *utf8,
         const char *charset,
         const char *bom,
         gsize       bom_len)
{
  g_autoptr(GError) error = NULL;
  gsize written = 0;
  g_autofree char *converted = g_convert (utf8, -1, charset, "UTF-8", NULL, &written, &error);
  GByteArray *bytes = g_byte_array_new ();

  g_assert_no_error (error);
  g_byte_array_append (bytes, (const guint8 *) bom, bom_len);
  g_byte_array_append (bytes, (const guint8 *) converted, written);
  return g_byte_array_free_to_bytes (bytes);
}

/* The first @length bytes of @bytes: the file as an interrupted copy left it. */
static GBytes *
cut (GBytes *bytes,
     gsize   cut_bytes)
{
  return g_bytes_new_from_bytes (bytes, 0, g_bytes_get_size (bytes) - cut_bytes);
}

static void
assert_cut_short (GBytes         *bytes,
                  MdgCsvEncoding  encoding,
                  guint           line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) import_error = NULL;
  g_autoptr(MdgAttendeeImport) import = NULL;
  g_autofree char *text = NULL;
  g_autofree char *where = g_strdup_printf ("line %u", line);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  text = mdg_csv_decode (data, length, encoding, "form.csv", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "form.csv"));
  g_assert_nonnull (strstr (error->message, "cut short"));
  g_assert_nonnull (strstr (error->message, where));

  /* The import refuses it too, instead of storing 「株式会社山」. */
  import = mdg_attendee_import_new ("form.csv", bytes, encoding, &import_error);
  g_assert_null (import);
  g_assert_error (import_error, MDG_ERROR, MDG_ERROR_INVALID);
}

/* The whole file decodes, 山田 and all. */
static void
assert_decodes_whole (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  text = mdg_csv_decode (data, length, MDG_CSV_ENCODING_AUTO, "form.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (text, "株式会社山田,hanako@example.jp"));
}

static void
test_cp932_cut_short (void)
{
  g_autoptr(GBytes) whole = convert (form, "CP932", "", 0);
  /* Every character of the last line is two bytes in CP932: keep the first of 田. */
  g_autoptr(GBytes) cut_mid = cut (whole, strlen (",hanako@example.jp") + 1);

  assert_decodes_whole (whole);

  /* Cut after the first byte of a character: found, whether detected or chosen. */
  assert_cut_short (cut_mid, MDG_CSV_ENCODING_AUTO, 3);
  assert_cut_short (cut_mid, MDG_CSV_ENCODING_CP932, 3);
}

static void
test_utf16_cut_short (void)
{
  g_autoptr(GBytes) whole = convert (form, "UTF-16LE", "\xFF\xFE", 2);
  g_autoptr(GBytes) odd = cut (whole, 1);
  g_autoptr(GBytes) whole_be = convert (form, "UTF-16BE", "\xFE\xFF", 2);
  g_autoptr(GBytes) odd_be = cut (whole_be, 1);
  /* 𠮷 (U+20BB7) takes two UTF-16 units: cut between them. */
  g_autofree char *with_pair = g_strconcat (form, "𠮷", NULL);
  g_autoptr(GBytes) pair = convert (with_pair, "UTF-16LE", "\xFF\xFE", 2);
  g_autoptr(GBytes) half_pair = cut (pair, 2);

  assert_decodes_whole (whole);
  assert_decodes_whole (whole_be);
  assert_cut_short (odd, MDG_CSV_ENCODING_AUTO, 3);
  assert_cut_short (odd_be, MDG_CSV_ENCODING_AUTO, 3);
  assert_cut_short (half_pair, MDG_CSV_ENCODING_AUTO, 3);
}

static void
test_utf8_cut_short (void)
{
  /* 田 is three bytes in UTF-8: keep one or two of them. */
  g_autoptr(GBytes) one = g_bytes_new (form, strlen (form) - strlen (",hanako@example.jp") - 2);
  g_autoptr(GBytes) two = g_bytes_new (form, strlen (form) - strlen (",hanako@example.jp") - 1);

  /* Not mistaken for CP932 (mojibake), and not accepted short. */
  assert_cut_short (one, MDG_CSV_ENCODING_AUTO, 3);
  assert_cut_short (two, MDG_CSV_ENCODING_UTF8, 3);
}

static GPtrArray *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = mdg_csv_parse (text, "form.csv", &error);

  g_assert_no_error (error);
  return records;
}

static void
assert_record (GPtrArray  *records,
               guint       index,
               guint       line,
               const char *first,
               const char *second)
{
  MdgCsvRecord *record = g_ptr_array_index (records, index);

  g_assert_cmpuint (record->line, ==, line);
  g_assert_cmpuint (g_strv_length (record->fields), ==, 2);
  g_assert_cmpstr (record->fields[0], ==, first);
  g_assert_cmpstr (record->fields[1], ==, second);
}

/* Classic Mac OS (and some Mac Excel exports) end lines with CR alone. */
static void
test_cr_line_ends (void)
{
  g_autoptr(GPtrArray) records = parse ("氏名,メールアドレス\r佐藤 太郎,taro@example.jp\r\r鈴木 一郎,\"ichiro@\rexample.jp\"\r");
  static const char file[] = "氏名,メールアドレス\r佐藤 太郎,taro@example.jp\r鈴木 一郎,ichiro@example.jp\r";
  g_autoptr(GBytes) bytes = g_bytes_new_static (file, sizeof file - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendeeImport) import = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_cmpuint (records->len, ==, 3);
  assert_record (records, 0, 1, "氏名", "メールアドレス");
  assert_record (records, 1, 2, "佐藤 太郎", "taro@example.jp");
  assert_record (records, 2, 4, "鈴木 一郎", "ichiro@\nexample.jp");

  /* Imported, not "no registrations below the header". */
  import = mdg_attendee_import_new ("mac.csv", bytes, MDG_CSV_ENCODING_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mdg_attendee_import_get_n_rows (import), ==, 2);
  problems = mdg_attendee_import_check (import);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* A lone CR inside a CRLF file is a line end too; line numbers count every kind. */
static void
test_mixed_line_ends (void)
{
  g_autoptr(GPtrArray) records = parse ("a,b\r\nc,d\re,f\ng,\"h\r\ni\"\r\nj,k");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) broken = NULL;

  g_assert_cmpuint (records->len, ==, 5);
  assert_record (records, 0, 1, "a", "b");
  assert_record (records, 1, 2, "c", "d");
  assert_record (records, 2, 3, "e", "f");
  assert_record (records, 3, 4, "g", "h\ni");
  assert_record (records, 4, 6, "j", "k");

  /* Errors name the line as an editor shows it. */
  broken = mdg_csv_parse ("a,b\rc,d\r\ne,\"f\rg,h", "form.csv", &error);
  g_assert_null (broken);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 3"));
}

/* Tab-separated or comma-separated: separators inside quoted cells decide nothing. */
static void
test_separator_detection (void)
{
  g_autoptr(GPtrArray) tsv = parse ("\"会社名, 支店名\"\tメールアドレス\n\"立川商事, 本店\"\tinfo@example.jp\n");
  g_autoptr(GPtrArray) csv = parse ("\"氏名\t(漢字)\",メールアドレス\n佐藤 太郎,taro@example.jp\n");
  g_autoptr(GPtrArray) plain_tsv = parse ("氏名\tメールアドレス\n佐藤 太郎\ttaro@example.jp\n");

  assert_record (tsv, 0, 1, "会社名, 支店名", "メールアドレス");
  assert_record (tsv, 1, 2, "立川商事, 本店", "info@example.jp");
  assert_record (csv, 0, 1, "氏名\t(漢字)", "メールアドレス");
  assert_record (csv, 1, 2, "佐藤 太郎", "taro@example.jp");
  assert_record (plain_tsv, 1, 2, "佐藤 太郎", "taro@example.jp");
}

/* Blank lines are skipped (and, under LeakSanitizer, leak nothing). */
static void
test_blank_lines (void)
{
  g_autoptr(GString) text = g_string_new ("氏名,メールアドレス\n");
  g_autoptr(GPtrArray) records = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (text, i % 2 ? "\r\n" : "\n");
  g_string_append (text, "佐藤 太郎,taro@example.jp\n\n\n");

  records = parse (text->str);
  g_assert_cmpuint (records->len, ==, 2);
  assert_record (records, 1, 20002, "佐藤 太郎", "taro@example.jp");
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/csv/decode/cp932-cut-short", test_cp932_cut_short);
  g_test_add_func ("/csv/decode/utf16-cut-short", test_utf16_cut_short);
  g_test_add_func ("/csv/decode/utf8-cut-short", test_utf8_cut_short);
  g_test_add_func ("/csv/parse/cr-line-ends", test_cr_line_ends);
  g_test_add_func ("/csv/parse/mixed-line-ends", test_mixed_line_ends);
  g_test_add_func ("/csv/parse/separator-detection", test_separator_detection);
  g_test_add_func ("/csv/parse/blank-lines", test_blank_lines);

  return g_test_run ();
}
