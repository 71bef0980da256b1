/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-kana"

#include "config.h"

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

      if (c >= KATAKANA_FIRST && c <= KATAKANA_LAST)
        c -= KANA_SHIFT;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}
