/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-mail"

#include "config.h"

#include <string.h>

#include "mdg-libxml-private.h"
#include "mdg-mail.h"

/*
 * Text as Japanese mail carries it. Mail that says Shift_JIS is really CP932
 * (Windows-31J: ① ㈱ 髙 and the other NEC and IBM characters), and ISO-2022-JP
 * from Outlook and friends carries the same characters in its JIS X 0208 rows, which
 * the C library's strict converters refuse and GMime then loses. So the bytes of a
 * part or an encoded-word are converted here: ISO-2022-JP by shifting its JIS pairs to
 * Shift_JIS and reading that as CP932, the Shift_JIS family as CP932, anything else
 * through iconv, and text that declares nothing by trying UTF-8, then CP932.
 */

static gboolean
charset_is (const char *charset,
            const char *const *names)
{
  for (guint i = 0; names[i]; i++)
    if (g_ascii_strcasecmp (charset, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char *const sjis_names[] = {
  "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932", "x-ms-cp932",
  "ms932", NULL
};
static const char *const jis_names[] = { "iso-2022-jp", "csiso2022jp", "jis", NULL };
static const char *const ascii_names[] = { "us-ascii", "ascii", "utf-8", "utf8", "x-unknown", "unknown-8bit", NULL };

/* ISO-2022-JP to Shift_JIS bytes; %NULL when it holds escapes this does not know. */
static GByteArray *
iso2022jp_to_sjis (const guchar *in,
                   gsize         length)
{
  enum { ASCII, JIS0208, KATAKANA } mode = ASCII;
  g_autoptr(GByteArray) out = g_byte_array_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      guchar c = in[i];

      if (c == 0x1b)
        {
          if (i + 2 < length && in[i + 1] == '$' && (in[i + 2] == 'B' || in[i + 2] == '@'))
            mode = JIS0208;
          else if (i + 2 < length && in[i + 1] == '(' && (in[i + 2] == 'B' || in[i + 2] == 'J'))
            mode = ASCII;
          else if (i + 2 < length && in[i + 1] == '(' && in[i + 2] == 'I')
            mode = KATAKANA;
          else
            return NULL;
          i += 2;
          continue;
        }
      if (c == 0x0e || c == 0x0f)
        {
          mode = c == 0x0e ? KATAKANA : ASCII;
          continue;
        }
      if (c == '\n' || c == '\r' || c >= 0x80)
        {
          /* A line always ends in ASCII; stray 8-bit bytes are kept for the converter to judge. */
          if (c == '\n' || c == '\r')
            mode = mode == JIS0208 ? ASCII : mode;
          g_byte_array_append (out, &c, 1);
          continue;
        }
      if (mode == JIS0208 && i + 1 < length && c >= 0x21 && c <= 0x7e && in[i + 1] >= 0x21 && in[i + 1] <= 0x7e)
        {
          guchar c2 = in[++i];
          guchar pair[2];

          pair[0] = ((c + 1) >> 1) + (c <= 0x5e ? 0x70 : 0xb0);
          pair[1] = c2 + ((c & 1) ? (c2 >= 0x60 ? 0x20 : 0x1f) : 0x7e);
          g_byte_array_append (out, pair, 2);
        }
      else if (mode == KATAKANA && c >= 0x21 && c <= 0x5f)
        {
          guchar kana = c + 0x80;
          g_byte_array_append (out, &kana, 1);
        }
      else
        g_byte_array_append (out, &c, 1);
    }
  return g_steal_pointer (&out);
}

static char *
convert (const char *bytes,
         gsize       length,
         const char *from)
{
  if (length == 0)
    return g_strdup ("");
  return g_convert (bytes, length, "UTF-8", from, NULL, NULL, NULL);
}

/**
 * mdg_mail_decode_text:
 * @bytes: text in @charset
 * @length: its length, or -1 when nul-terminated
 * @charset: (nullable): the charset the mail declares
 *
 * Returns: (transfer full): the text as UTF-8; bytes no charset can read become U+FFFD
 */
char *
mdg_mail_decode_text (const char *bytes,
                      gssize      length,
                      const char *charset)
{
  char *text = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (length < 0)
    length = strlen (bytes);

  if (charset != NULL && charset_is (charset, jis_names))
    {
      g_autoptr(GByteArray) sjis = iso2022jp_to_sjis ((const guchar *) bytes, length);

      if (sjis != NULL)
        text = convert ((const char *) sjis->data, sjis->len, "CP932");
      if (text == NULL)
        text = convert (bytes, length, "ISO-2022-JP-2");
    }
  else if (charset != NULL && charset_is (charset, sjis_names))
    text = convert (bytes, length, "CP932");
  else if (charset != NULL && g_ascii_strcasecmp (charset, "euc-jp") == 0)
    {
      text = convert (bytes, length, "EUC-JP-MS");
      if (text == NULL)
        text = convert (bytes, length, "EUC-JP");
    }
  else if (charset != NULL && !charset_is (charset, ascii_names))
    text = convert (bytes, length, charset);

  /* Undeclared, mis-declared or unknown: UTF-8, ISO-2022-JP by its escapes, then CP932. */
  if (text == NULL && g_utf8_validate (bytes, length, NULL) && !memchr (bytes, 0x1b, length))
    text = g_strndup (bytes, length);
  if (text == NULL && memchr (bytes, 0x1b, length))
    return mdg_mail_decode_text (bytes, length, "iso-2022-jp");
  if (text == NULL)
    text = convert (bytes, length, "CP932");
  if (text == NULL)
    text = g_utf8_make_valid (bytes, length);
  return text;
}

/* Decodes the B or Q encoding of an encoded-word's text into @out. */
static gboolean
decode_word (const char *text,
             gsize       length,
             char        encoding,
             GByteArray *out)
{
  if (encoding == 'B' || encoding == 'b')
    {
      g_autofree char *copy = g_strndup (text, length);
      gsize decoded_length;
      g_autofree guchar *decoded = g_base64_decode (copy, &decoded_length);

      g_byte_array_append (out, decoded, decoded_length);
      return TRUE;
    }
  if (encoding == 'Q' || encoding == 'q')
    {
      for (gsize i = 0; i < length; i++)
        {
          guchar c = text[i];

          if (c == '_')
            c = ' ';
          else if (c == '=' && i + 2 < length && g_ascii_isxdigit (text[i + 1]) && g_ascii_isxdigit (text[i + 2]))
            {
              c = g_ascii_xdigit_value (text[i + 1]) * 16 + g_ascii_xdigit_value (text[i + 2]);
              i += 2;
            }
          g_byte_array_append (out, &c, 1);
        }
      return TRUE;
    }
  return FALSE;
}

/* Finds the next encoded-word =?charset?E?text?= from @p; fills its parts. */
static const char *
find_word (const char  *p,
           const char **charset,
           gsize       *charset_length,
           char        *encoding,
           const char **text,
           gsize       *text_length,
           const char **end)
{
  for (const char *start = strstr (p, "=?"); start; start = strstr (start + 2, "=?"))
    {
      const char *q1 = strchr (start + 2, '?');
      const char *q2, *close;

      if (q1 == NULL || q1[1] == '\0' || q1[2] != '?')
        continue;
      q2 = q1 + 2;
      close = strstr (q2 + 1, "?=");
      if (close == NULL || memchr (start, ' ', close - start) || memchr (start, '\t', close - start))
        continue;
      *charset = start + 2;
      *charset_length = q1 - *charset;
      *encoding = q1[1];
      *text = q2 + 1;
      *text_length = close - *text;
      *end = close + 2;
      return start;
    }
  return NULL;
}

/**
 * mdg_mail_decode_header:
 * @raw: a header's value as it stands in the file (folded, with encoded-words, or raw
 *   8-bit text in the sender's charset)
 *
 * Decodes RFC 2047 encoded-words with mdg_mail_decode_text(), joining adjacent words
 * of one charset before converting (a character may be split between two), and
 * dropping the spaces between encoded-words as the RFC asks.
 *
 * Returns: (transfer full): the value as UTF-8, unfolded
 */
char *
mdg_mail_decode_header (const char *raw)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GByteArray) pending = g_byte_array_new ();
  g_autofree char *pending_charset = NULL;
  g_autofree char *unfolded = NULL;
  const char *p;

  g_return_val_if_fail (raw != NULL, NULL);

  unfolded = g_strdup (raw);
  for (char *c = unfolded; *c; c++)
    if (*c == '\r' || *c == '\n')
      *c = ' ';
  p = unfolded;

  while (*p)
    {
      const char *charset = NULL, *text = NULL, *end = NULL;
      gsize charset_length = 0, text_length = 0;
      char encoding = 0;
      const char *start = find_word (p, &charset, &charset_length, &encoding, &text, &text_length, &end);
      g_autofree char *name = NULL;
      gboolean only_space = TRUE;

      /* The text before the word: kept, unless it only separates two encoded-words. */
      for (const char *s = p; s < (start ? start : p + strlen (p)); s++)
        only_space &= *s == ' ' || *s == '\t';
      if (!(only_space && start && pending_charset))
        {
          if (pending_charset)
            {
              g_autofree char *decoded = mdg_mail_decode_text ((const char *) pending->data, pending->len,
                                                               pending_charset);
              g_string_append (out, decoded);
              g_byte_array_set_size (pending, 0);
              g_clear_pointer (&pending_charset, g_free);
            }
          if (start ? start > p : *p != '\0')
            {
              g_autofree char *plain = mdg_mail_decode_text (p, start ? start - p : (gssize) strlen (p), NULL);
              g_string_append (out, plain);
            }
        }
      if (start == NULL)
        break;

      /* RFC 2231 lets a language follow the charset: ISO-2022-JP*ja. */
      name = g_strndup (charset, charset_length);
      if (strchr (name, '*'))
        *strchr (name, '*') = '\0';
      if (pending_charset && g_ascii_strcasecmp (pending_charset, name) != 0)
        {
          g_autofree char *decoded = mdg_mail_decode_text ((const char *) pending->data, pending->len, pending_charset);
          g_string_append (out, decoded);
          g_byte_array_set_size (pending, 0);
          g_clear_pointer (&pending_charset, g_free);
        }
      if (decode_word (text, text_length, encoding, pending))
        {
          if (pending_charset == NULL)
            pending_charset = g_steal_pointer (&name);
        }
      else
        g_string_append_len (out, start, end - start);
      p = end;
    }

  if (pending_charset)
    {
      g_autofree char *decoded = mdg_mail_decode_text ((const char *) pending->data, pending->len, pending_charset);
      g_string_append (out, decoded);
    }
  g_strstrip (out->str);
  return g_strdup (out->str);
}

static gboolean
is_block (const char *name)
{
  static const char *const blocks[] = {
    "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "hr", "section", "article", "header", "footer", "dl", "dt", "dd", "address", NULL
  };

  return g_strv_contains (blocks, name);
}

/* Ends the current line (once), so that blocks do not run together. */
static void
new_line (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
}

static void
walk (xmlNode  *node,
      GString  *out,
      gboolean  pre)
{
  for (; node; node = node->next)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          const char *text = (const char *) node->content;

          if (text == NULL)
            continue;
          if (pre)
            {
              g_string_append (out, text);
              continue;
            }
          /* Whitespace runs are one space, and none at the start of a line. */
          for (const char *p = text; *p; p = g_utf8_next_char (p))
            {
              gunichar c = g_utf8_get_char (p);

              if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xa0)
                {
                  if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
                    g_string_append_c (out, ' ');
                }
              else
                g_string_append_unichar (out, c);
            }
        }
      else if (node->type == XML_ELEMENT_NODE)
        {
          const char *name = (const char *) node->name;

          if (g_str_equal (name, "script") || g_str_equal (name, "style") || g_str_equal (name, "head") ||
              g_str_equal (name, "title"))
            continue;
          if (g_str_equal (name, "br"))
            {
              /* A trailing space before the break is noise. */
              if (out->len > 0 && out->str[out->len - 1] == ' ')
                g_string_truncate (out, out->len - 1);
              g_string_append_c (out, '\n');
              continue;
            }
          if (is_block (name))
            new_line (out);
          if (g_str_equal (name, "li"))
            g_string_append (out, "・");
          walk (node->children, out, pre || g_str_equal (name, "pre"));
          if (g_str_equal (name, "a"))
            {
              g_autofree char *href = (char *) _mdg_libxml.xmlGetProp (node, (const xmlChar *) "href");

              /* The address matters in a security consultation: it is kept beside its text. */
              if (href && g_str_has_prefix (href, "http") && !strstr (out->str + MAX (0, (gssize) out->len - 200), href))
                g_string_append_printf (out, " <%s>", href);
            }
          if (is_block (name))
            {
              if (out->len > 0 && out->str[out->len - 1] == ' ')
                g_string_truncate (out, out->len - 1);
              new_line (out);
              if (g_str_equal (name, "p") || g_str_has_prefix (name, "h"))
                g_string_append_c (out, '\n');
            }
        }
    }
}

/**
 * mdg_mail_html_to_text:
 * @html: an HTML body, in UTF-8
 * @length: its length, or -1 when nul-terminated
 *
 * The text a reader sees: paragraphs and line breaks kept, scripts and styles
 * dropped, links followed by their address, entities decoded.
 *
 * Returns: (transfer full): the text
 */
char *
mdg_mail_html_to_text (const char *html,
                       gssize      length)
{
  g_autoptr(GString) out = g_string_new (NULL);
  htmlDocPtr doc;
  GString *squeezed;
  const char *problem;

  g_return_val_if_fail (html != NULL, NULL);

  /* Only without libxml2, which Madoguchi's package brings. */
  if ((problem = _mdg_libxml_ensure ()) != NULL)
    {
      g_warning ("HTML mail cannot be read as text: libxml2 could not be loaded (%s)", problem);
      return g_strdup ("");
    }

  if (length < 0)
    length = strlen (html);
  /* The bytes are already UTF-8, whatever a <meta> inside says. */
  doc = _mdg_libxml.htmlReadMemory (html, length, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (doc == NULL)
    return g_strdup ("");
  walk (_mdg_libxml.xmlDocGetRootElement (doc), out, FALSE);
  _mdg_libxml.xmlFreeDoc (doc);

  /* At most one blank line in a row; none at either end. */
  squeezed = g_string_new (NULL);
  for (gsize i = 0; i < out->len; i++)
    {
      if (out->str[i] == '\n' && squeezed->len >= 2 && squeezed->str[squeezed->len - 1] == '\n' &&
          squeezed->str[squeezed->len - 2] == '\n')
        continue;
      if (out->str[i] == ' ' && (squeezed->len == 0 || squeezed->str[squeezed->len - 1] == '\n'))
        continue;
      g_string_append_c (squeezed, out->str[i]);
    }
  g_strstrip (squeezed->str);
  return g_string_free (squeezed, FALSE);
}
