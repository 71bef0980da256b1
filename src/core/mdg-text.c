/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-text"

#include "config.h"

#include <string.h>

#include "mdg-text.h"

/*
 * What people type into forms and web forms arrives in every width: ﾀｶﾉ from an old
 * Excel sheet, ０９２－１２３ from an IME left in full-width mode. Stores write one
 * form, so that searching, sorting and printing see one spelling. Only the width
 * changes: full-width punctuation in Japanese text (（）、～) and compatibility
 * characters such as ① or ㈱ stay as written.
 */

#define HALFWIDTH_KANA_FIRST 0xFF61
#define HALFWIDTH_KANA_LAST  0xFF9F
#define FULLWIDTH_FIRST      0xFF01
#define FULLWIDTH_LAST       0xFF5E
#define FULLWIDTH_OFFSET     (0xFF01 - 0x21)

static gboolean
is_halfwidth_kana (gunichar c)
{
  return c >= HALFWIDTH_KANA_FIRST && c <= HALFWIDTH_KANA_LAST;
}

/* The ASCII twin of a full-width character, or 0. */
static gunichar
ascii_of (gunichar c)
{
  return c >= FULLWIDTH_FIRST && c <= FULLWIDTH_LAST ? c - FULLWIDTH_OFFSET : 0;
}

static gboolean
is_ascii_alnum (gunichar c)
{
  return c < 0x80 && g_ascii_isalnum (c);
}

/**
 * mdg_text_normalize:
 * @text: (nullable): UTF-8 text as typed or imported
 *
 * Half-width katakana become full-width (ﾀｶﾞﾉ → タガノ, their voiced marks joined);
 * full-width digits and Latin letters become ASCII (０９２ → 092, ＡＢＣ → ABC); a
 * full-width sign between two of those becomes ASCII too (０９２－１２３ → 092-123,
 * ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ → taro@example.jp), while （東京） keeps its brackets.
 *
 * Returns: (transfer full) (nullable): the normal form, %NULL for %NULL or invalid UTF-8
 */
char *
mdg_text_normalize (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  out = g_string_sized_new (strlen (text));
  p = text;
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (is_halfwidth_kana (c))
        {
          const char *end = next;
          g_autofree char *wide = NULL;

          /* A run at once, so that ｶﾞ composes into ガ. */
          while (*end && is_halfwidth_kana (g_utf8_get_char (end)))
            end = g_utf8_next_char (end);
          wide = g_utf8_normalize (p, end - p, G_NORMALIZE_NFKC);
          g_string_append (out, wide);
          p = end;
          continue;
        }

      if (ascii_of (c) != 0)
        {
          gunichar ascii = ascii_of (c);

          if (is_ascii_alnum (ascii))
            c = ascii;
          else
            {
              /* A sign joins ASCII on both sides: 092－123, taro＠example. */
              gunichar before = out->len > 0 ? (guchar) out->str[out->len - 1] : 0;
              gunichar after = *next ? g_utf8_get_char (next) : 0;

              if (ascii_of (after) != 0)
                after = ascii_of (after);
              if (is_ascii_alnum (before) && is_ascii_alnum (after))
                c = ascii;
            }
        }
      g_string_append_unichar (out, c);
      p = next;
    }
  return g_string_free (out, FALSE);
}
