/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV on its own, without a database: bytes to text, text to records, and back. */

#include <string.h>

#include "mdg-test-util.h"

#include "mdg-csv.h"
#include "mdg-error.h"

static GPtrArray *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = mdg_csv_parse (text, "test.csv", &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static void
assert_record (GPtrArray   *records,
               guint        index,
               guint        line,
               const char **expected)
{
  MdgCsvRecord *record;

  g_assert_cmpuint (index, <, records->len);
  record = g_ptr_array_index (records, index);
  g_assert_cmpuint (record->line, ==, line);
  g_assert_cmpstrv (record->fields, expected);
}

static void
test_parse (void)
{
  g_autoptr(GPtrArray) plain = parse ("受付番号,氏名,会社名\r\nA-001,髙橋 恵,博多精工\r\n");
  g_autoptr(GPtrArray) quoted = parse ("a,\"b, with comma\",\"say \"\"hi\"\"\"\n\"two\r\nlines\",,\n");
  g_autoptr(GPtrArray) tabs = parse ("氏名\t会社名\n髙橋\t博多精工, 本社\n");
  g_autoptr(GPtrArray) blank_lines = parse ("a\n\nb\n");
  g_autoptr(GPtrArray) no_newline = parse ("a,b");
  g_autoptr(GPtrArray) empty = parse ("");

  assert_record (plain, 0, 1, (const char *[]) { "受付番号", "氏名", "会社名", NULL });
  assert_record (plain, 1, 2, (const char *[]) { "A-001", "髙橋 恵", "博多精工", NULL });
  g_assert_cmpuint (plain->len, ==, 2);

  /* Quotes keep separators and newlines (CRLF inside a field is one newline); a
   * record that spans lines is numbered by its first line; empty cells stay. */
  assert_record (quoted, 0, 1, (const char *[]) { "a", "b, with comma", "say \"hi\"", NULL });
  assert_record (quoted, 1, 2, (const char *[]) { "two\nlines", "", "", NULL });

  /* A header with tabs and no comma is tab-separated, as Excel's "Unicode text". */
  assert_record (tabs, 1, 2, (const char *[]) { "髙橋", "博多精工, 本社", NULL });

  /* Blank lines are no records; lines still count. */
  g_assert_cmpuint (blank_lines->len, ==, 2);
  assert_record (blank_lines, 1, 3, (const char *[]) { "b", NULL });
  assert_record (no_newline, 0, 1, (const char *[]) { "a", "b", NULL });
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_parse_errors (void)
{
  const struct {
    const char *text;
    const char *says;
  } bad[] = {
    { "a,b\nc,\"never closed\n", "line 2" },
    { "a,\"quoted\"tail\n", "line 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = mdg_csv_parse (bad[i].text, "form.csv", &error);

      g_assert_null (records);
      g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
      /* The message names the file and the line to look at. */
      g_assert_nonnull (strstr (error->message, "form.csv"));
      g_assert_nonnull (strstr (error->message, bad[i].says));
    }
}

static char *
decode (const char     *data,
        gsize           length,
        MdgCsvEncoding  requested,
        MdgCsvEncoding  expected)
{
  g_autoptr(GError) error = NULL;
  MdgCsvEncoding detected = MDG_CSV_ENCODING_AUTO;
  char *text = mdg_csv_decode (data, length, requested, "test.csv", &detected, &error);

  g_assert_no_error (error);
  g_assert_cmpint (detected, ==, expected);
  return text;
}

static void
test_decode (void)
{
  const char utf8[] = "氏名\r\n髙橋\r\n";
  const char bom[] = "\xEF\xBB\xBF氏名\r\n";
  const char cp932[] = "\x8E\x81\x96\xBC\r\n"; /* 氏名 */
  const char utf16[] = "\xFF\xFE\x0F\x6C\x0D\x54"; /* 氏名, little-endian */
  g_autofree char *from_utf8 = decode (utf8, strlen (utf8), MDG_CSV_ENCODING_AUTO, MDG_CSV_ENCODING_UTF8);
  g_autofree char *from_bom = decode (bom, strlen (bom), MDG_CSV_ENCODING_AUTO, MDG_CSV_ENCODING_UTF8_BOM);
  g_autofree char *from_cp932 = decode (cp932, strlen (cp932), MDG_CSV_ENCODING_AUTO, MDG_CSV_ENCODING_CP932);
  g_autofree char *from_utf16 = decode (utf16, sizeof utf16 - 1, MDG_CSV_ENCODING_AUTO, MDG_CSV_ENCODING_UTF16);
  g_autofree char *from_nothing = decode ("", 0, MDG_CSV_ENCODING_AUTO, MDG_CSV_ENCODING_UTF8);
  g_autoptr(GError) error = NULL;
  g_autofree char *binary = mdg_csv_decode ("PK\x03\x04\0\0", 6, MDG_CSV_ENCODING_AUTO, "list.xlsx", NULL, &error);

  g_assert_cmpstr (from_utf8, ==, utf8);
  /* The byte-order mark is not text. */
  g_assert_cmpstr (from_bom, ==, "氏名\r\n");
  g_assert_cmpstr (from_cp932, ==, "氏名\r\n");
  g_assert_cmpstr (from_utf16, ==, "氏名");
  g_assert_cmpstr (from_nothing, ==, "");

  /* A spreadsheet saved as .xlsx is not CSV, and the message says so by name. */
  g_assert_null (binary);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "list.xlsx"));
  g_clear_error (&error);

  /* Asked for UTF-8, Shift_JIS bytes are refused with the line to look at. */
  g_assert_null (mdg_csv_decode ("a\r\n\x8E\x81\r\n", 5, MDG_CSV_ENCODING_UTF8, "form.csv", NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 2"));
}

static void
test_append_row (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *row[] = { "髙橋 恵", NULL, "博多精工, 本社", "say \"hi\"", "two\nlines", "=HYPERLINK(\"x\")", "-1", "@me" };
  g_autoptr(GPtrArray) back = NULL;

  mdg_csv_append_row (out, row, G_N_ELEMENTS (row));
  g_assert_cmpstr (out->str, ==,
                   "髙橋 恵,,\"博多精工, 本社\",\"say \"\"hi\"\"\",\"two\nlines\","
                   "\"'=HYPERLINK(\"\"x\"\")\",\"'-1\",\"'@me\"\r\n");

  /* What is written reads back the same, except that formulas stay neutralised. */
  back = parse (out->str);
  assert_record (back, 0, 1,
                 (const char *[]) { "髙橋 恵", "", "博多精工, 本社", "say \"hi\"", "two\nlines",
                                    "'=HYPERLINK(\"x\")", "'-1", "'@me", NULL });
}

static void
test_encode (void)
{
  const char *text = "氏名,会社名\r\n髙橋,𠮷野家\r\n";
  g_autoptr(GBytes) utf8 = mdg_csv_encode (text, MDG_CSV_ENCODING_UTF8, NULL);
  g_autoptr(GBytes) bom = mdg_csv_encode (text, MDG_CSV_ENCODING_UTF8_BOM, NULL);
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GBytes) cp932 = mdg_csv_encode (text, MDG_CSV_ENCODING_CP932, &missing);
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GBytes) plain = mdg_csv_encode ("氏名\r\n", MDG_CSV_ENCODING_CP932, &none);
  g_autofree char *round_trip = NULL;
  gsize size;
  const char *data;

  g_assert_cmpmem (g_bytes_get_data (utf8, NULL), g_bytes_get_size (utf8), text, strlen (text));
  data = g_bytes_get_data (bom, &size);
  g_assert_cmpuint (size, ==, strlen (text) + 3);
  g_assert_cmpmem (data, 3, "\xEF\xBB\xBF", 3);

  /* 髙 is in CP932 (an IBM extension); 𠮷 is not: it becomes 〓 and is named once. */
  g_assert_nonnull (missing);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, "𠮷");
  data = g_bytes_get_data (cp932, &size);
  round_trip = decode (data, size, MDG_CSV_ENCODING_CP932, MDG_CSV_ENCODING_CP932);
  g_assert_cmpstr (round_trip, ==, "氏名,会社名\r\n髙橋,〓野家\r\n");

  g_assert_null (none);
  g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), "\x8E\x81\x96\xBC\r\n", 6);
}

static void
test_encoding_names (void)
{
  MdgCsvEncoding encoding;

  for (encoding = MDG_CSV_ENCODING_AUTO; encoding <= MDG_CSV_ENCODING_CP932; encoding++)
    {
      MdgCsvEncoding back = MDG_CSV_ENCODING_AUTO;

      g_assert_true (mdg_csv_encoding_from_string (mdg_csv_encoding_to_string (encoding), &back));
      g_assert_cmpint (back, ==, encoding);
      g_assert_cmpstr (mdg_csv_encoding_get_label (encoding), !=, "");
    }
  /* The names people type for Shift_JIS all mean CP932. */
  g_assert_true (mdg_csv_encoding_from_string ("Shift_JIS", &encoding));
  g_assert_cmpint (encoding, ==, MDG_CSV_ENCODING_CP932);
  g_assert_true (mdg_csv_encoding_from_string ("sjis", &encoding));
  g_assert_cmpint (encoding, ==, MDG_CSV_ENCODING_CP932);
  g_assert_false (mdg_csv_encoding_from_string ("latin-1", &encoding));
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/csv-codec/parse", test_parse);
  g_test_add_func ("/csv-codec/parse-errors", test_parse_errors);
  g_test_add_func ("/csv-codec/decode", test_decode);
  g_test_add_func ("/csv-codec/append-row", test_append_row);
  g_test_add_func ("/csv-codec/encode", test_encode);
  g_test_add_func ("/csv-codec/encoding-names", test_encoding_names);

  return g_test_run ();
}
