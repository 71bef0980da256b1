/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-slide-match"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mdg-slide-match.h"

/*
 * Which slide of one revision is which slide of another. Presenters insert, remove and
 * reorder slides, so page numbers say nothing; the text on a slide says a lot. Slides
 * are first aligned on their exact text (a longest common subsequence, so that order
 * is kept and repeated slides such as "Questions?" pair up in turn); a slide whose
 * text is the same but whose picture differs is "changed". Between two aligned
 * slides, the leftovers pair up when their texts are alike (an edited slide); what
 * is left after that was added or removed. Slides without text (a photo) are known
 * by their rendering.
 */

/* Edited slides still share at least this much of their text (Dice coefficient). */
#define SIMILAR 0.5

MdgSlidePage *
mdg_slide_page_new (guint       page,
                    const char *label,
                    const char *text,
                    const char *render_hash)
{
  MdgSlidePage *self = g_new0 (MdgSlidePage, 1);

  self->page = page;
  self->label = g_strdup (label);
  self->text = g_strdup (text ? text : "");
  self->render_hash = g_strdup (render_hash ? render_hash : "");
  self->explanation = g_strdup ("");
  return self;
}

void
mdg_slide_page_free (MdgSlidePage *page)
{
  if (page == NULL)
    return;
  g_free (page->label);
  g_free (page->text);
  g_free (page->render_hash);
  g_free (page->explanation);
  g_free (page);
}

/* The text without its layout: extraction puts spaces and line breaks where the
 * layout happened to break, and full-width and half-width forms are the same text. */
static char *
text_key (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_ALL_COMPOSE);
  GString *key = g_string_new (NULL);

  for (const char *p = normal ? normal : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c))
        g_string_append_unichar (key, g_unichar_tolower (c));
    }
  return g_string_free (key, FALSE);
}

static char *
page_key (MdgSlidePage *page)
{
  char *key = text_key (page->text);

  if (*key != '\0')
    return key;
  g_free (key);
  /* No text: the picture is all there is to go by. */
  return g_strconcat ("\001", page->render_hash, NULL);
}

static int
compare_guint64 (const void *a,
                 const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

/* The sorted character pairs of a key (one character counts as one pair). */
static GArray *
bigrams (const char *key)
{
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (guint64));
  gunichar previous = 0;

  for (const char *p = key; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (previous != 0)
        {
          guint64 pair = ((guint64) previous << 32) | c;
          g_array_append_val (pairs, pair);
        }
      previous = c;
    }
  if (pairs->len == 0 && previous != 0)
    {
      guint64 pair = previous;
      g_array_append_val (pairs, pair);
    }
  qsort (pairs->data, pairs->len, sizeof (guint64), compare_guint64);
  return pairs;
}

static double
key_similarity (const char *a,
                const char *b)
{
  g_autoptr(GArray) x = bigrams (a);
  g_autoptr(GArray) y = bigrams (b);
  guint i = 0, j = 0, common = 0;

  if (x->len + y->len == 0)
    return 0;
  while (i < x->len && j < y->len)
    {
      guint64 p = g_array_index (x, guint64, i), q = g_array_index (y, guint64, j);
      if (p == q)
        common++, i++, j++;
      else if (p < q)
        i++;
      else
        j++;
    }
  return 2.0 * common / (x->len + y->len);
}

/**
 * mdg_slide_text_similarity:
 * @a: a slide's text
 * @b: another slide's text
 *
 * How alike two slides' texts are, layout aside: 1 for the same text, 0 for nothing
 * in common (the Dice coefficient of their character pairs).
 */
double
mdg_slide_text_similarity (const char *a,
                           const char *b)
{
  g_autofree char *x = text_key (a);
  g_autofree char *y = text_key (b);

  return key_similarity (x, y);
}

static void
add_entry (GArray         *diff,
           MdgSlideChange  change,
           guint           old_page,
           guint           new_page)
{
  MdgSlideDiff entry = { change, old_page, new_page };
  g_array_append_val (diff, entry);
}

/* Pairs the unaligned slides between two aligned ones: [o0, o1) with [n0, n1). */
static void
pair_gap (GPtrArray *old_pages,
          GPtrArray *new_pages,
          char     **old_keys,
          char     **new_keys,
          guint      o0,
          guint      o1,
          guint      n0,
          guint      n1,
          int       *new_to_old)
{
  guint next_old = o0;

  if (o1 - o0 == 1 && n1 - n0 == 1 && old_keys[o0][0] == '\001' && new_keys[n0][0] == '\001')
    {
      /* One picture replaced by another where it stood. */
      new_to_old[n0] = o0;
      return;
    }

  for (guint n = n0; n < n1; n++)
    {
      double best = SIMILAR;
      int best_old = -1;

      if (new_keys[n][0] == '\001')
        continue;
      for (guint o = next_old; o < o1; o++)
        {
          double similarity;

          if (old_keys[o][0] == '\001')
            continue;
          similarity = key_similarity (old_keys[o], new_keys[n]);
          if (similarity >= best)
            {
              best = similarity;
              best_old = o;
              if (similarity == 1.0)
                break;
            }
        }
      if (best_old >= 0)
        {
          new_to_old[n] = best_old;
          next_old = best_old + 1;
        }
    }
}

/**
 * mdg_slide_match:
 * @old_pages: (element-type MdgSlidePage): the older revision's pages, in order
 * @new_pages: (element-type MdgSlidePage): the newer revision's pages, in order
 *
 * Compares two revisions slide by slide.
 *
 * Returns: (transfer full) (element-type MdgSlideDiff): every slide of both, in the
 *   newer revision's order with removed slides where they stood
 */
GArray *
mdg_slide_match (GPtrArray *old_pages,
                 GPtrArray *new_pages)
{
  guint n_old = old_pages->len, n_new = new_pages->len;
  g_auto(GStrv) old_keys = g_new0 (char *, n_old + 1);
  g_auto(GStrv) new_keys = g_new0 (char *, n_new + 1);
  g_autofree guint *lcs = g_new0 (guint, (gsize) (n_old + 1) * (n_new + 1));
  g_autofree int *new_to_old = g_new (int, MAX (n_new, 1));
  g_autofree gboolean *old_used = g_new0 (gboolean, MAX (n_old, 1));
  GArray *diff = g_array_new (FALSE, FALSE, sizeof (MdgSlideDiff));
  guint o, n, gap_o, gap_n, next_old;

#define LCS(i, j) lcs[(gsize) (i) * (n_new + 1) + (j)]

  for (o = 0; o < n_old; o++)
    old_keys[o] = page_key (g_ptr_array_index (old_pages, o));
  for (n = 0; n < n_new; n++)
    {
      new_keys[n] = page_key (g_ptr_array_index (new_pages, n));
      new_to_old[n] = -1;
    }

  /* LCS(i, j): the longest alignment of the slides from i and from j onwards. */
  for (o = n_old; o-- > 0;)
    for (n = n_new; n-- > 0;)
      LCS (o, n) = g_str_equal (old_keys[o], new_keys[n]) ? LCS (o + 1, n + 1) + 1
                                                           : MAX (LCS (o + 1, n), LCS (o, n + 1));

  o = n = gap_o = gap_n = 0;
  while (o < n_old && n < n_new)
    {
      if (g_str_equal (old_keys[o], new_keys[n]))
        {
          pair_gap (old_pages, new_pages, old_keys, new_keys, gap_o, o, gap_n, n, new_to_old);
          new_to_old[n] = o;
          gap_o = ++o;
          gap_n = ++n;
        }
      else if (LCS (o + 1, n) >= LCS (o, n + 1))
        o++;
      else
        n++;
    }
  pair_gap (old_pages, new_pages, old_keys, new_keys, gap_o, n_old, gap_n, n_new, new_to_old);
#undef LCS

  /* In the new order, removed slides where they stood, before what was added there. */
  next_old = 0;
  for (n = 0; n < n_new; n++)
    {
      MdgSlidePage *page = g_ptr_array_index (new_pages, n);
      guint bound = n_old;

      for (guint m = n; m < n_new; m++)
        if (new_to_old[m] >= 0)
          {
            bound = new_to_old[m];
            break;
          }
      for (; next_old < bound; next_old++)
        if (!old_used[next_old])
          {
            old_used[next_old] = TRUE;
            add_entry (diff, MDG_SLIDE_REMOVED, ((MdgSlidePage *) g_ptr_array_index (old_pages, next_old))->page, 0);
          }

      if (new_to_old[n] < 0)
        {
          add_entry (diff, MDG_SLIDE_ADDED, 0, page->page);
          continue;
        }

      for (; next_old < (guint) new_to_old[n]; next_old++)
        if (!old_used[next_old])
          {
            old_used[next_old] = TRUE;
            add_entry (diff, MDG_SLIDE_REMOVED, ((MdgSlidePage *) g_ptr_array_index (old_pages, next_old))->page, 0);
          }

      {
        MdgSlidePage *before = g_ptr_array_index (old_pages, new_to_old[n]);
        gboolean same = g_str_equal (old_keys[new_to_old[n]], new_keys[n]) &&
                        g_strcmp0 (before->render_hash, page->render_hash) == 0;

        old_used[new_to_old[n]] = TRUE;
        next_old = MAX (next_old, (guint) new_to_old[n] + 1);
        add_entry (diff, same ? MDG_SLIDE_SAME : MDG_SLIDE_CHANGED, before->page, page->page);
      }
    }
  for (o = 0; o < n_old; o++)
    if (!old_used[o])
      add_entry (diff, MDG_SLIDE_REMOVED, ((MdgSlidePage *) g_ptr_array_index (old_pages, o))->page, 0);

  return diff;
}
