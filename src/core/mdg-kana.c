/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-kana"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mdg-kana.h"

/*
 * Readings sort the way Japanese dictionaries and attendee lists do (JIS X 4061):
 *
 *  - primary: katakana and half-width katakana read as hiragana; dakuten, handakuten
 *    and small kana fold to the plain kana; the long-vowel mark reads as the vowel of
 *    the kana before it; a space sorts before everything, so family names group;
 *  - secondary: small < plain < dakuten < handakuten;
 *  - tertiary: hiragana < katakana;
 *  - last, the bytes, so that different strings never compare equal.
 */

enum { SECONDARY_SMALL, SECONDARY_PLAIN, SECONDARY_DAKUTEN, SECONDARY_HANDAKUTEN };
enum { TERTIARY_HIRAGANA, TERTIARY_KATAKANA, TERTIARY_MARK };

typedef struct
{
  gunichar primary;
  guint8   secondary;
  guint8   tertiary;
} Weight;

#define HIRAGANA_FIRST 0x3041
#define HIRAGANA_LAST  0x3096
#define KATAKANA_FIRST 0x30A1
#define KATAKANA_LAST  0x30F6
#define KANA_SHIFT     0x60
#define LONG_VOWEL     0x30FC
/* Non-kana letters above the kana block sort after all kana (kanji last). */
#define AFTER_KANA     0x10000

static gunichar vowels[HIRAGANA_LAST - HIRAGANA_FIRST + 1];

static void
init_vowels (void)
{
  static const char *rows[] = {
    "あかさたなはまやらわ", "いきしちにひみりゐ", "うくすつぬふむゆる",
    "えけせてねへめれゑ", "おこそとのほもよろを", "ん",
  };

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      gunichar vowel = g_utf8_get_char (rows[r]);

      for (const char *p = rows[r]; *p; p = g_utf8_next_char (p))
        vowels[g_utf8_get_char (p) - HIRAGANA_FIRST] = vowel;
    }
}

/* Folds one hiragana to its plain form and says how it differed. */
static gunichar
hiragana_base (gunichar  c,
               guint8   *secondary)
{
  *secondary = SECONDARY_PLAIN;

  switch (c)
    {
    case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049: /* ぁぃぅぇぉ */
    case 0x3083: case 0x3085: case 0x3087:                           /* ゃゅょ */
      *secondary = SECONDARY_SMALL;
      return c + 1;
    case 0x3063: /* っ */
      *secondary = SECONDARY_SMALL;
      return 0x3064;
    case 0x308E: /* ゎ */
      *secondary = SECONDARY_SMALL;
      return 0x308F;
    case 0x3095: /* ゕ */
      *secondary = SECONDARY_SMALL;
      return 0x304B;
    case 0x3096: /* ゖ */
      *secondary = SECONDARY_SMALL;
      return 0x3051;
    case 0x3094: /* ゔ */
      *secondary = SECONDARY_DAKUTEN;
      return 0x3046;
    default:
      break;
    }

  /* か…ぢ and つ…ど alternate plain and voiced. */
  if ((c >= 0x304B && c <= 0x3062) || (c >= 0x3064 && c <= 0x3069))
    {
      guint base = c >= 0x3064 ? 0x3064 : 0x304B;

      if ((c - base) % 2 == 1)
        {
          *secondary = SECONDARY_DAKUTEN;
          return c - 1;
        }
      return c;
    }

  /* は…ぽ go plain, voiced, semi-voiced. */
  if (c >= 0x306F && c <= 0x307D)
    {
      guint offset = (c - 0x306F) % 3;

      *secondary = SECONDARY_PLAIN + offset;
      return c - offset;
    }

  return c;
}

static gboolean
weigh_kana (gunichar  c,
            Weight   *w)
{
  w->tertiary = TERTIARY_HIRAGANA;

  if (c >= KATAKANA_FIRST && c <= KATAKANA_LAST)
    {
      c -= KANA_SHIFT;
      w->tertiary = TERTIARY_KATAKANA;
    }
  else if (c >= 0x30F7 && c <= 0x30FA) /* ヷヸヹヺ */
    {
      w->primary = 0x308F + (c - 0x30F7);
      w->secondary = SECONDARY_DAKUTEN;
      w->tertiary = TERTIARY_KATAKANA;
      return TRUE;
    }

  if (c < HIRAGANA_FIRST || c > HIRAGANA_LAST)
    return FALSE;

  w->primary = hiragana_base (c, &w->secondary);
  return TRUE;
}

/*
 * Whether NFKC leaves @text as it is: readings are mostly kana, ASCII and kanji, and
 * normalizing them only to find them unchanged would be most of the cost of a
 * comparison. Anything else (half-width kana, combining marks, full-width forms, invalid
 * UTF-8) is normalized.
 */
static gboolean
is_normal (const char *text,
           gsize       len)
{
  const char *end = text + len;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (!((c >= 0x20 && c < 0x7F) || (c >= HIRAGANA_FIRST && c <= HIRAGANA_LAST) || c == 0x309D || c == 0x309E ||
            (c >= KATAKANA_FIRST && c <= 0x30FA) || (c >= LONG_VOWEL && c <= 0x30FE) || (c >= 0x4E00 && c <= 0x9FFF)))
        return FALSE;
    }
  return TRUE;
}

/* Returns the number of weights written to @out (at most one per character): @buffer
 * when its @buffer_len weights are enough, otherwise a new array. */
static gsize
weigh (const char *text,
       gssize      len,
       Weight     *buffer,
       gsize       buffer_len,
       Weight    **out)
{
  g_autofree char *normal = NULL;
  const char *end;
  Weight *weights;
  gsize n = 0;

  if (len < 0)
    len = strlen (text);
  if (!is_normal (text, len))
    {
      normal = g_utf8_normalize (text, len, G_NORMALIZE_NFKC);
      if (normal == NULL)
        {
          *out = NULL;
          return 0;
        }
      text = normal;
      len = strlen (normal);
    }
  end = text + len;

  /* No more characters than bytes. */
  weights = (gsize) len + 1 <= buffer_len ? buffer : g_new (Weight, len + 1);

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      Weight *w = &weights[n];
      const Weight *prev = n > 0 ? &weights[n - 1] : NULL;

      if (weigh_kana (c, w))
        {
          n++;
          continue;
        }

      w->secondary = SECONDARY_PLAIN;
      w->tertiary = TERTIARY_MARK;

      if (c == LONG_VOWEL && prev && prev->primary >= HIRAGANA_FIRST && prev->primary <= HIRAGANA_LAST)
        w->primary = vowels[prev->primary - HIRAGANA_FIRST] ? vowels[prev->primary - HIRAGANA_FIRST]
                                                           : prev->primary;
      else if ((c == 0x309D || c == 0x309E || c == 0x30FD || c == 0x30FE) && prev)
        {
          /* Iteration marks repeat the kana before them, voiced for ゞ/ヾ. */
          w->primary = prev->primary;
          w->secondary = (c == 0x309E || c == 0x30FE) ? SECONDARY_DAKUTEN : SECONDARY_PLAIN;
        }
      else if (g_unichar_isspace (c))
        w->primary = 1;
      else
        {
          gunichar lower = g_unichar_tolower (c);
          w->primary = lower < HIRAGANA_FIRST ? lower : lower + AFTER_KANA;
        }
      n++;
    }

  *out = weights;
  return n;
}

static void
ensure_vowels (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      init_vowels ();
      g_once_init_leave (&initialized, 1);
    }
}

/* Compares two weighed readings level by level; 0 leaves it to their bytes. */
static int
compare_weights (const Weight *wa,
                 gsize         na,
                 const Weight *wb,
                 gsize         nb)
{
  gsize common = MIN (na, nb);

  for (gsize i = 0; i < common; i++)
    if (wa[i].primary != wb[i].primary)
      return wa[i].primary < wb[i].primary ? -1 : 1;
  if (na != nb)
    return na < nb ? -1 : 1;
  for (gsize i = 0; i < common; i++)
    if (wa[i].secondary != wb[i].secondary)
      return wa[i].secondary < wb[i].secondary ? -1 : 1;
  for (gsize i = 0; i < common; i++)
    if (wa[i].tertiary != wb[i].tertiary)
      return wa[i].tertiary < wb[i].tertiary ? -1 : 1;
  return 0;
}

typedef struct
{
  gpointer  item;
  char     *text;
  gsize     len;
  Weight   *weights;   /* NULL for invalid UTF-8 */
  gsize     n;
} Weighed;

static int
compare_weighed (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const Weighed *wa = a, *wb = b;
  int order = wa->weights && wb->weights ? compare_weights (wa->weights, wa->n, wb->weights, wb->n) : 0;

  if (order == 0)
    order = memcmp (wa->text, wb->text, MIN (wa->len, wb->len));
  if (order == 0 && wa->len != wb->len)
    order = wa->len < wb->len ? -1 : 1;
  return order;
}

/**
 * mdg_kana_sort:
 * @items: (element-type gpointer): what to sort
 * @reading: gives an item's reading, newly allocated (%NULL reads as empty)
 *
 * Sorts @items by their readings in the order of mdg_kana_compare(), keeping items
 * that read the same in their order. Each reading is weighed once, where sorting with
 * mdg_kana_compare() would weigh both readings at every comparison.
 */
void
mdg_kana_sort (GPtrArray          *items,
               MdgKanaReadingFunc  reading)
{
  g_autofree Weighed *weighed = NULL;

  g_return_if_fail (items != NULL);
  g_return_if_fail (reading != NULL);

  ensure_vowels ();
  weighed = g_new (Weighed, items->len);
  for (guint i = 0; i < items->len; i++)
    {
      Weighed *w = &weighed[i];

      w->item = g_ptr_array_index (items, i);
      w->text = reading (w->item);
      if (w->text == NULL)
        w->text = g_strdup ("");
      w->len = strlen (w->text);
      w->n = weigh (w->text, w->len, NULL, 0, &w->weights);
    }

  /* A merge sort: stable. */
  g_qsort_with_data (weighed, items->len, sizeof (Weighed), compare_weighed, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      items->pdata[i] = weighed[i].item;
      g_free (weighed[i].text);
      g_free (weighed[i].weights);
    }
}

/**
 * mdg_kana_compare:
 * @a: UTF-8 text
 * @a_len: length of @a in bytes, or -1 when nul-terminated
 * @b: UTF-8 text
 * @b_len: length of @b in bytes, or -1 when nul-terminated
 *
 * Compares two readings in Japanese dictionary order (see the comment at the top of
 * this file). Invalid UTF-8 compares by bytes.
 *
 * Returns: negative, zero or positive, like strcmp()
 */
int
mdg_kana_compare (const char *a,
                  gssize      a_len,
                  const char *b,
                  gssize      b_len)
{
  Weighed wa = { NULL, (char *) a, a_len < 0 ? strlen (a) : (gsize) a_len, NULL, 0 };
  Weighed wb = { NULL, (char *) b, b_len < 0 ? strlen (b) : (gsize) b_len, NULL, 0 };
  /* Readings are short: their weights fit on the stack (SQLite compares often). */
  Weight stack_a[64], stack_b[64];
  int order;

  ensure_vowels ();
  wa.n = weigh (a, wa.len, stack_a, G_N_ELEMENTS (stack_a), &wa.weights);
  wb.n = weigh (b, wb.len, stack_b, G_N_ELEMENTS (stack_b), &wb.weights);
  order = compare_weighed (&wa, &wb, NULL);
  if (wa.weights != stack_a)
    g_free (wa.weights);
  if (wb.weights != stack_b)
    g_free (wb.weights);
  return order;
}

/*
 * Variant forms of kanji that people write their names with (異体字), folded to the
 * form most people type: 髙橋 is found by 高橋. Sorted by the variant, for bsearch.
 * Compatibility ideographs with a canonical decomposition (U+F900…) need no entry:
 * NFKC folds them already; those without one (﨑 U+FA11) are listed.
 */
static const struct {
  gunichar variant;
  gunichar common;
} kanji_variants[] = {
  { 0x4E58, 0x4E57 }, /* 乘 乗 */
  { 0x4F86, 0x6765 }, /* 來 来 */
  { 0x50B3, 0x4F1D }, /* 傳 伝 */
  { 0x570B, 0x56FD }, /* 國 国 */
  { 0x5718, 0x56E3 }, /* 團 団 */
  { 0x58FD, 0x5BFF }, /* 壽 寿 */
  { 0x5BE6, 0x5B9F }, /* 實 実 */
  { 0x5D5C, 0x5D0E }, /* 嵜 崎 */
  { 0x5EE3, 0x5E83 }, /* 廣 広 */
  { 0x5FB7, 0x5FB3 }, /* 德 徳 */
  { 0x60E0, 0x6075 }, /* 惠 恵 */
  { 0x6236, 0x6238 }, /* 戶 戸 */
  { 0x66FB, 0x6607 }, /* 曻 昇 */
  { 0x6801, 0x67F3 }, /* 栁 柳 */
  { 0x6852, 0x6851 }, /* 桒 桑 */
  { 0x689D, 0x6761 }, /* 條 条 */
  { 0x69C7, 0x69D9 }, /* 槇 槙 */
  { 0x6AFB, 0x685C }, /* 櫻 桜 */
  { 0x6DFA, 0x6D45 }, /* 淺 浅 */
  { 0x6EFF, 0x6E80 }, /* 滿 満 */
  { 0x6FA4, 0x6CA2 }, /* 澤 沢 */
  { 0x6FF1, 0x6D5C }, /* 濱 浜 */
  { 0x6FF5, 0x6D5C }, /* 濵 浜 */
  { 0x7028, 0x702C }, /* 瀨 瀬 */
  { 0x771E, 0x771F }, /* 眞 真 */
  { 0x7895, 0x5D0E }, /* 碕 崎 */
  { 0x79AE, 0x793C }, /* 禮 礼 */
  { 0x7E23, 0x770C }, /* 縣 県 */
  { 0x820A, 0x65E7 }, /* 舊 旧 */
  { 0x8218, 0x9928 }, /* 舘 館 */
  { 0x842C, 0x4E07 }, /* 萬 万 */
  { 0x85CF, 0x8535 }, /* 藏 蔵 */
  { 0x9089, 0x8FBA }, /* 邉 辺 */
  { 0x908A, 0x8FBA }, /* 邊 辺 */
  { 0x9AD9, 0x9AD8 }, /* 髙 高 */
  { 0x9DD7, 0x9D0E }, /* 鷗 鴎 */
  { 0x9E7D, 0x5869 }, /* 鹽 塩 */
  { 0x9F4A, 0x6589 }, /* 齊 斉 */
  { 0x9F4B, 0x658E }, /* 齋 斎 */
  { 0x9F9C, 0x4E80 }, /* 龜 亀 */
  { 0xFA11, 0x5D0E }, /* 﨑 崎 */
  { 0x20BB7, 0x5409 }, /* 𠮷 吉 */
};

static int
compare_variant (const void *key,
                 const void *entry)
{
  gunichar c = *(const gunichar *) key;
  gunichar variant = *(const gunichar *) entry;

  return (c > variant) - (c < variant);
}

static gunichar
fold_variant (gunichar c)
{
  const gunichar *found;

  if (c < 0x4E00)
    return c;
  found = bsearch (&c, kanji_variants, G_N_ELEMENTS (kanji_variants), sizeof kanji_variants[0], compare_variant);
  return found ? found[1] : c;
}

/*
 * Company forms as letterheads abbreviate them: ㈱ and （株） read 株式会社. After NFKC
 * both are "(株)"; the folded text says the long form, so either finds the other.
 */
static const struct {
  const char *abbreviated;
  const char *full;
} company_forms[] = {
  { "(株)", "株式会社" }, { "(有)", "有限会社" }, { "(合)", "合同会社" },
  { "(資)", "合資会社" }, { "(社)", "社団法人" }, { "(財)", "財団法人" },
};

/**
 * mdg_kana_fold:
 * @text: UTF-8 text
 * @len: length in bytes, or -1
 *
 * Folds text for searching: compatibility forms (half-width katakana, full-width
 * Latin) to their normal form, katakana to hiragana, and case away. A query folded
 * the same way finds the text whatever script the kana was typed in.
 *
 * Returns: (transfer full): the folded text, or %NULL for invalid UTF-8
 */
char *
mdg_kana_fold (const char *text,
               gssize      len)
{
  g_autofree char *normal = g_utf8_normalize (text, len, G_NORMALIZE_NFKC);
  g_autofree char *folded = NULL;
  GString *out;

  if (normal == NULL)
    return NULL;

  folded = g_utf8_casefold (normal, -1);
  out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(')
        {
          gboolean expanded = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (company_forms) && !expanded; i++)
            if (g_str_has_prefix (p, company_forms[i].abbreviated))
              {
                g_string_append (out, company_forms[i].full);
                p += strlen (company_forms[i].abbreviated) - 1;
                expanded = TRUE;
              }
          if (expanded)
            continue;
        }
      if (c >= KATAKANA_FIRST && c <= KATAKANA_LAST)
        c -= KANA_SHIFT;
      g_string_append_unichar (out, fold_variant (c));
    }

  return g_string_free (out, FALSE);
}

/**
 * mdg_kana_to_katakana:
 * @text: (nullable): a reading in any kana script
 *
 * A reading as full-width katakana, the way exports and other programs expect it:
 * half-width katakana widened, hiragana turned to katakana, full-width spaces and
 * Latin narrowed. Other characters stay as they are.
 *
 * Returns: (transfer full) (nullable): the reading, or %NULL for %NULL or invalid UTF-8
 */
char *
mdg_kana_to_katakana (const char *text)
{
  g_autofree char *normal = text ? g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) : NULL;
  GString *out;

  if (normal == NULL)
    return NULL;

  out = g_string_sized_new (strlen (normal));
  for (const char *p = normal; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= HIRAGANA_FIRST && c <= HIRAGANA_LAST)
        c += KANA_SHIFT;
      else if (c == 0x309D || c == 0x309E) /* ゝゞ */
        c += KANA_SHIFT;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * mdg_kana_is_reading:
 * @text: UTF-8 text
 *
 * Whether @text is only kana (any script), the long-vowel mark, middle dots and
 * spaces: a reading rather than a name written in kanji or Latin letters.
 *
 * Returns: %TRUE for a reading; %FALSE for empty text too
 */
gboolean
mdg_kana_is_reading (const char *text)
{
  gboolean any = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= HIRAGANA_FIRST && c <= HIRAGANA_LAST) || (c >= KATAKANA_FIRST && c <= 0x30FA) ||
          (c >= 0xFF66 && c <= 0xFF9F) || c == LONG_VOWEL || c == 0x30FB || c == 0xFF65 || c == 0x309D ||
          c == 0x309E || c == 0x30FD || c == 0x30FE)
        any = TRUE;
      else if (!g_unichar_isspace (c))
        return FALSE;
    }
  return any;
}
