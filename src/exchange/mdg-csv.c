/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-csv"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-csv.h"
#include "mdg-error.h"

/*
 * CSV as web forms and Japanese Excel write it: UTF-8 with or without a BOM,
 * UTF-16 with a BOM ("Unicode text"), or CP932 — Windows' Shift_JIS with the NEC and
 * IBM extensions (髙, 﨑, ①) and ～ as FULLWIDTH TILDE, which is what iconv's CP932
 * table gives. RFC 4180 quoting, CRLF, LF or CR (classic Mac OS) line ends, newlines
 * inside quoted fields.
 */

static const struct {
  const char *key;
  const char *label;
} encodings[] = {
  [MDG_CSV_ENCODING_AUTO] = { "auto", N_("Detect automatically") },
  [MDG_CSV_ENCODING_UTF8] = { "utf-8", N_("UTF-8") },
  [MDG_CSV_ENCODING_UTF8_BOM] = { "utf-8-bom", N_("UTF-8 with BOM (Excel)") },
  [MDG_CSV_ENCODING_UTF16] = { "utf-16", N_("UTF-16 (Excel Unicode text)") },
  [MDG_CSV_ENCODING_CP932] = { "cp932", N_("Shift_JIS (CP932, Japanese Excel)") },
};

void
mdg_csv_record_free (MdgCsvRecord *record)
{
  g_strfreev (record->fields);
  g_free (record);
}

const char *
mdg_csv_encoding_to_string (MdgCsvEncoding encoding)
{
  g_return_val_if_fail (encoding <= MDG_CSV_ENCODING_CP932, NULL);
  return encodings[encoding].key;
}

gboolean
mdg_csv_encoding_from_string (const char     *text,
                              MdgCsvEncoding *encoding)
{
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (g_ascii_strcasecmp (text, encodings[i].key) == 0)
      {
        *encoding = i;
        return TRUE;
      }
  /* Common spellings of the same thing. */
  if (g_ascii_strcasecmp (text, "shift_jis") == 0 || g_ascii_strcasecmp (text, "sjis") == 0 ||
      g_ascii_strcasecmp (text, "windows-31j") == 0)
    {
      *encoding = MDG_CSV_ENCODING_CP932;
      return TRUE;
    }
  if (g_ascii_strcasecmp (text, "utf8") == 0)
    {
      *encoding = MDG_CSV_ENCODING_UTF8;
      return TRUE;
    }
  return FALSE;
}

const char *
mdg_csv_encoding_get_label (MdgCsvEncoding encoding)
{
  g_return_val_if_fail (encoding <= MDG_CSV_ENCODING_CP932, NULL);
  return g_dgettext (GETTEXT_PACKAGE, encodings[encoding].label);
}

/* Line ends as files write them: LF, CRLF, or a lone CR (classic Mac OS). */
static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n')))
      line++;
  return line;
}

/* A file cut short (an interrupted copy or download) ends in the middle of a character. */
static void
set_cut_short_error (GError     **error,
                     const char  *filename,
                     guint        line)
{
  g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
               _("“%s” ends in the middle of a character, on line %u: the file was cut short (an interrupted "
                 "copy or download?), and its last line would be imported wrong. Save or copy the file again, "
                 "whole, and try again."),
               filename, line);
}

/* Whether @p (@n bytes, at the end of the text) is the start of a UTF-8 character. */
static gboolean
is_utf8_prefix (const guchar *p,
                gsize         n)
{
  gsize needed;

  if (n == 0 || n > 3)
    return FALSE;
  if (p[0] >= 0xC2 && p[0] <= 0xDF)
    needed = 2;
  else if (p[0] >= 0xE0 && p[0] <= 0xEF)
    needed = 3;
  else if (p[0] >= 0xF0 && p[0] <= 0xF4)
    needed = 4;
  else
    return FALSE;
  for (gsize i = 1; i < n; i++)
    if ((p[i] & 0xC0) != 0x80)
      return FALSE;
  return n < needed;
}

static gboolean
has_non_ascii (const char *data,
               gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) data[i] >= 0x80)
      return TRUE;
  return FALSE;
}

/*
 * g_convert() with bytes_read succeeds on input that ends in the middle of a character
 * and drops the partial character: a file cut short would import 「株式会社山」 for
 * 「株式会社山田」. So every byte must have been read.
 */
static char *
convert_whole (const char  *data,
               gsize        length,
               const char  *charset,
               gsize       *bytes_read,
               gboolean    *cut_short)
{
  g_autoptr(GError) local_error = NULL;
  char *text = g_convert (data, length, "UTF-8", charset, bytes_read, NULL, &local_error);

  *cut_short = text != NULL && *bytes_read < length;
  if (*cut_short)
    g_clear_pointer (&text, g_free);
  return text;
}

static char *
from_cp932 (const char  *data,
            gsize        length,
            const char  *filename,
            GError     **error)
{
  gsize bytes_read = 0;
  gboolean cut_short;
  char *text = convert_whole (data, length, "CP932", &bytes_read, &cut_short);

  if (cut_short)
    set_cut_short_error (error, filename, line_at (data, length));
  else if (text == NULL)
    g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                 _("“%s”, line %u: this is neither UTF-8 nor Shift_JIS (CP932) text. "
                   "Save the file as CSV (UTF-8) or CSV (Shift_JIS) and try again."),
                 filename, line_at (data, bytes_read));
  return text;
}

static char *
from_utf16 (const char  *data,
            gsize        length,
            const char  *charset,
            const char  *filename,
            GError     **error)
{
  gsize bytes_read = 0;
  gboolean cut_short;
  char *text = convert_whole (data, length, charset, &bytes_read, &cut_short);

  if (cut_short)
    {
      /* Count the lines of what could be read: the cut is on the last one. */
      g_autofree char *read = g_convert (data, bytes_read, "UTF-8", charset, NULL, NULL, NULL);

      set_cut_short_error (error, filename, read ? line_at (read, strlen (read)) : 1);
    }
  else if (text == NULL)
    g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                 _("“%s” starts as UTF-16 text but is damaged near byte %lu."), filename,
                 (gulong) bytes_read + 2);
  return text;
}

/**
 * mdg_csv_decode:
 * @data: the file's bytes
 * @length: their length
 * @requested: %MDG_CSV_ENCODING_AUTO, or the encoding the user chose
 * @filename: the file's name, for messages
 * @detected: (out) (optional): the encoding the text was in
 * @error: a location for a #GError
 *
 * Decodes a CSV file to UTF-8. A byte-order mark decides; without one, text that is
 * valid UTF-8 is UTF-8 and anything else is tried as CP932. Binary files (NUL
 * bytes) are refused, and so are files cut short in the middle of a character,
 * naming their last line.
 *
 * Returns: (transfer full): the text without its byte-order mark
 */
char *
mdg_csv_decode (const char      *data,
                gsize            length,
                MdgCsvEncoding   requested,
                const char      *filename,
                MdgCsvEncoding  *detected,
                GError         **error)
{
  const guchar *bytes = (const guchar *) data;
  MdgCsvEncoding encoding = requested;
  const char *end = NULL;
  gboolean valid;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    {
      if (detected)
        *detected = requested == MDG_CSV_ENCODING_AUTO ? MDG_CSV_ENCODING_UTF8 : requested;
      return g_strdup ("");
    }

  if (length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
    {
      char *text = from_utf16 (data + 2, length - 2, bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", filename, error);

      if (text != NULL && detected)
        *detected = MDG_CSV_ENCODING_UTF16;
      return text;
    }

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("“%s” is not a text file (it holds binary data). Choose the CSV file exported from the form or "
                     "from Excel."),
                   filename);
      return NULL;
    }

  if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    {
      data += 3;
      length -= 3;
      if (encoding == MDG_CSV_ENCODING_AUTO)
        encoding = MDG_CSV_ENCODING_UTF8_BOM;
    }

  valid = g_utf8_validate_len (data, length, &end);
  /* UTF-8 but for a character cut at the very end: not CP932, a file cut short. */
  if (!valid && encoding != MDG_CSV_ENCODING_CP932 &&
      is_utf8_prefix ((const guchar *) end, length - (end - data)) &&
      (encoding != MDG_CSV_ENCODING_AUTO || has_non_ascii (data, end - data)))
    {
      set_cut_short_error (error, filename, line_at (data, length));
      return NULL;
    }

  if (encoding == MDG_CSV_ENCODING_AUTO)
    encoding = valid ? MDG_CSV_ENCODING_UTF8 : MDG_CSV_ENCODING_CP932;

  if (detected)
    *detected = encoding;

  if (encoding == MDG_CSV_ENCODING_CP932)
    return from_cp932 (data, length, filename, error);

  if (!valid)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("“%s”, line %u: this is not UTF-8 text. If Excel saved it, choose Shift_JIS (CP932)."),
                   filename, line_at (data, end - data));
      return NULL;
    }
  return g_strndup (data, length);
}

/*
 * Tab-separated ("Unicode text" from Excel) or comma-separated: whichever separates
 * more cells of the first record, counting only separators outside quotes, so that a
 * tab or a comma inside a quoted cell decides nothing.
 */
static char
detect_separator (const char *text)
{
  gboolean quoted = FALSE;
  guint tabs = 0, commas = 0;

  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\t')
        tabs++;
      else if (*p == ',')
        commas++;
      else if (*p == '\n' || *p == '\r')
        break;
    }
  return tabs > commas ? '\t' : ',';
}

/**
 * mdg_csv_parse:
 * @text: UTF-8 text
 * @filename: the file's name, for messages
 * @error: a location for a #GError
 *
 * Splits CSV into records (RFC 4180: fields in double quotes may hold commas, quotes
 * doubled, and newlines). Lines end in CRLF, LF or a lone CR (classic Mac OS), mixed
 * as they come; a newline inside a quoted field becomes "\n". Each record knows the
 * line it starts on. A tab-separated file is read the same way.
 *
 * Returns: (transfer container) (element-type MdgCsvRecord): the records
 */
GPtrArray *
mdg_csv_parse (const char  *text,
               const char  *filename,
               GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_csv_record_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  /* One buffer for every field: each is copied out when it ends. */
  g_autoptr(GString) field = g_string_new (NULL);
  char separator = detect_separator (text);
  gboolean quoted = FALSE, was_quoted = FALSE, record_open = FALSE;
  guint line = 1, record_line = 1, quote_line = 1;

  for (const char *p = text;; p++)
    {
      char c = *p;

      if (quoted)
        {
          if (c == '\0')
            {
              g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("“%s”, line %u: a quoted field is never closed (a \" is missing)."), filename,
                           quote_line);
              return NULL;
            }
          if (c == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (c == '"')
            quoted = FALSE;
          else if (c == '\r' || c == '\n')
            {
              /* CRLF, LF or CR inside a field: one newline. */
              if (c == '\r' && p[1] == '\n')
                p++;
              g_string_append_c (field, '\n');
              line++;
            }
          else
            g_string_append_c (field, c);
        }
      else if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = record_open = TRUE;
          quote_line = line;
        }
      else if (c == separator || c == '\n' || c == '\r' || c == '\0')
        {
          if (record_open || c == separator)
            g_ptr_array_add (fields, g_strndup (field->str, field->len));
          g_string_truncate (field, 0);
          was_quoted = FALSE;

          if (c == separator)
            record_open = TRUE;
          else
            {
              if (fields->len > 0)
                {
                  MdgCsvRecord *record = g_new0 (MdgCsvRecord, 1);

                  record->line = record_line;
                  g_ptr_array_add (fields, NULL);
                  record->fields = (GStrv) g_ptr_array_steal (fields, NULL);
                  g_ptr_array_add (records, record);
                  g_ptr_array_set_free_func (fields, g_free);
                }
              record_open = FALSE;
              if (c == '\0')
                break;
              if (c == '\r' && p[1] == '\n')
                p++;
              line++;
              record_line = line;
            }
        }
      else if (was_quoted)
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                       _("“%s”, line %u: text follows a closing quote. Put the whole field in quotes, with "
                         "quotes inside it doubled (\"\")."),
                       filename, line);
          return NULL;
        }
      else
        {
          g_string_append_c (field, c);
          record_open = TRUE;
        }

      if (field->len > MDG_CSV_MAX_FIELD_BYTES)
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                       _("“%s”, line %u: a field is longer than %d KiB; this does not look like a "
                         "registration list."),
                       filename, quoted ? quote_line : line, MDG_CSV_MAX_FIELD_BYTES / 1024);
          return NULL;
        }
    }

  return g_steal_pointer (&records);
}

/* A cell that a spreadsheet would run as a formula starts with one of these. */
static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/**
 * mdg_csv_append_row:
 * @out: where to append
 * @fields: (array length=n_fields) (nullable): the cells; %NULL cells are empty
 * @n_fields: how many
 *
 * Appends one CSV row ending in CRLF, as Excel writes. Cells are quoted when they
 * hold a separator, a quote or a newline; a cell that starts like a formula
 * (= + - @) is neutralised with a leading apostrophe, so that a spreadsheet shows it
 * instead of running it.
 */
void
mdg_csv_append_row (GString     *out,
                    const char **fields,
                    guint        n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const char *cell = fields[i] ? fields[i] : "";
      gboolean neutralise = is_formula_start (cell[0]);
      gboolean quote = neutralise || strpbrk (cell, ",\"\r\n") != NULL;

      if (i > 0)
        g_string_append_c (out, ',');
      if (quote)
        g_string_append_c (out, '"');
      if (neutralise)
        g_string_append_c (out, '\'');
      for (const char *p = cell; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      if (quote)
        g_string_append_c (out, '"');
    }
  g_string_append (out, "\r\n");
}

/**
 * mdg_csv_encode:
 * @text: UTF-8 CSV text
 * @encoding: %MDG_CSV_ENCODING_UTF8_BOM (what Excel opens correctly), %MDG_CSV_ENCODING_UTF8
 *   or %MDG_CSV_ENCODING_CP932
 * @unencodable: (out) (optional) (transfer container) (element-type utf8): for CP932, the
 *   distinct characters it cannot hold (written as 〓, the geta mark)
 *
 * Returns: (transfer full): the bytes to write
 */
GBytes *
mdg_csv_encode (const char      *text,
                MdgCsvEncoding   encoding,
                GPtrArray      **unencodable)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  GIConv conv;

  g_return_val_if_fail (text != NULL, NULL);

  if (unencodable)
    *unencodable = NULL;

  if (encoding != MDG_CSV_ENCODING_CP932)
    {
      if (encoding == MDG_CSV_ENCODING_UTF8_BOM)
        g_string_append (out, "\xEF\xBB\xBF");
      g_string_append (out, text);
      return g_string_free_to_bytes (g_steal_pointer (&out));
    }

  conv = g_iconv_open ("CP932", "UTF-8");
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      char in[8], buf[16];
      gsize len = g_utf8_next_char (p) - p;
      char *inp = in, *outp = buf;
      gsize in_left = len, out_left = sizeof buf;

      /* ASCII passes through unchanged in CP932. */
      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, *p);
          continue;
        }
      memcpy (in, p, len);
      if (g_iconv (conv, &inp, &in_left, &outp, &out_left) == (gsize) -1)
        {
          g_autofree char *ch = g_strndup (p, len);

          g_iconv (conv, NULL, NULL, NULL, NULL);
          if (!g_ptr_array_find_with_equal_func (missing, ch, g_str_equal, NULL))
            g_ptr_array_add (missing, g_steal_pointer (&ch));
          g_string_append (out, "\x81\xAC"); /* 〓 */
          continue;
        }
      g_string_append_len (out, buf, sizeof buf - out_left);
    }
  g_iconv_close (conv);

  if (unencodable && missing->len > 0)
    *unencodable = g_steal_pointer (&missing);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}
