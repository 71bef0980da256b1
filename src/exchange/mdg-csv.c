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
 * table gives. RFC 4180 quoting, CRLF or LF, newlines inside quoted fields.
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

static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

static char *
from_cp932 (const char  *data,
            gsize        length,
            const char  *filename,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0;
  char *text = g_convert (data, length, "UTF-8", "CP932", &bytes_read, NULL, &local_error);

  if (text == NULL)
    g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                 _("“%s”, line %u: this is neither UTF-8 nor Shift_JIS (CP932) text. "
                   "Save the file as CSV (UTF-8) or CSV (Shift_JIS) and try again."),
                 filename, line_at (data, bytes_read));
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
 * bytes) are refused.
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

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    {
      if (detected)
        *detected = requested == MDG_CSV_ENCODING_AUTO ? MDG_CSV_ENCODING_UTF8 : requested;
      return g_strdup ("");
    }

  if (length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
    {
      const char *charset = bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
      g_autoptr(GError) local_error = NULL;
      gsize bytes_read = 0;
      char *text = g_convert (data + 2, length - 2, "UTF-8", charset, &bytes_read, NULL, &local_error);

      if (text == NULL)
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                       _("“%s” starts as UTF-16 text but is damaged near byte %lu."), filename,
                       (gulong) bytes_read + 2);
          return NULL;
        }
      if (detected)
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

  if (encoding == MDG_CSV_ENCODING_AUTO)
    encoding = g_utf8_validate_len (data, length, NULL) ? MDG_CSV_ENCODING_UTF8 : MDG_CSV_ENCODING_CP932;

  if (detected)
    *detected = encoding;

  if (encoding == MDG_CSV_ENCODING_CP932)
    return from_cp932 (data, length, filename, error);

  if (!g_utf8_validate_len (data, length, &end))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("“%s”, line %u: this is not UTF-8 text. If Excel saved it, choose Shift_JIS (CP932)."),
                   filename, line_at (data, end - data));
      return NULL;
    }
  return g_strndup (data, length);
}

/**
 * mdg_csv_parse:
 * @text: UTF-8 text
 * @filename: the file's name, for messages
 * @error: a location for a #GError
 *
 * Splits CSV into records (RFC 4180: fields in double quotes may hold commas, quotes
 * doubled, and newlines). Each record knows the line it starts on. A tab-separated
 * file (its first line holds tabs but no commas) is read the same way.
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
  g_autoptr(GString) field = g_string_new (NULL);
  const char *first_newline = strchr (text, '\n');
  gsize first_len = first_newline ? (gsize) (first_newline - text) : strlen (text);
  char separator = ',';
  gboolean quoted = FALSE, was_quoted = FALSE, record_open = FALSE;
  guint line = 1, record_line = 1, quote_line = 1;

  if (memchr (text, '\t', first_len) && !memchr (text, ',', first_len))
    separator = '\t';

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
          else
            {
              if (c == '\n')
                line++;
              /* CRLF inside a field is one newline. */
              if (!(c == '\r' && p[1] == '\n'))
                g_string_append_c (field, c);
            }
        }
      else if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = record_open = TRUE;
          quote_line = line;
        }
      else if (c == separator || c == '\n' || c == '\0' || (c == '\r' && (p[1] == '\n' || p[1] == '\0')))
        {
          if (record_open || c == separator)
            g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
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
              if (c == '\r')
                p++;
              if (*p == '\0')
                break;
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
