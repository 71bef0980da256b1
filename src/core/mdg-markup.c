/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-markup"

#include "config.h"

#include <string.h>

#include "mdg-markup.h"

/*
 * The Markdown-like plain text the desk writes notices, FAQ answers and explanatory
 * texts in — what people type without thinking of markup:
 *
 *   ## a heading            (#, ## or ###)
 *   - an item / ・an item   (also "* ")
 *   1. a numbered item      (also "1)" and full-width digits)
 *   **bold**, and web addresses become links
 *
 * Blank lines separate paragraphs; a single line break stays a line break. Everything
 * else is text, escaped: a notice can hold no markup of its own, so a published page
 * holds no script. One parser feeds both the HTML (XHTML-safe, for the portal and the
 * EPUB) and the Pango markup of printed documents.
 */

typedef enum
{
  BLOCK_PARAGRAPH,
  BLOCK_HEADING,
  BLOCK_BULLETS,
  BLOCK_NUMBERED,
} BlockKind;

typedef struct
{
  BlockKind  kind;
  int        level;   /* headings: 1–3 */
  GPtrArray *lines;   /* the text of each line or item, markers removed */
} Block;

static void
block_free (Block *block)
{
  g_ptr_array_unref (block->lines);
  g_free (block);
}

/* Returns: where the item's text starts, or NULL when @line is no list item of @kind */
static const char *
item_text (const char *line,
           BlockKind   kind)
{
  if (kind == BLOCK_BULLETS)
    {
      if ((line[0] == '-' || line[0] == '*') && line[1] == ' ')
        return line + 2;
      if (g_str_has_prefix (line, "・"))
        return line + strlen ("・");
      return NULL;
    }

  {
    const char *p = line;

    while (g_unichar_isdigit (g_utf8_get_char (p)))
      p = g_utf8_next_char (p);
    if (p == line)
      return NULL;
    if ((*p == '.' || *p == ')') && p[1] == ' ')
      return p + 2;
    if (g_str_has_prefix (p, "．") || g_str_has_prefix (p, "）"))
      return p + strlen ("．");
    return NULL;
  }
}

static int
heading_level (const char *line,
               const char **text)
{
  int level = 0;

  while (line[level] == '#' && level < 4)
    level++;
  if (level == 0 || level > 3 || line[level] != ' ')
    return 0;
  *text = line + level + 1;
  return level;
}

static GPtrArray *
parse_blocks (const char *text)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  Block *current = NULL;

  for (guint i = 0; lines[i]; i++)
    {
      char *line = g_strstrip (lines[i]);
      const char *content = NULL;
      int level;

      if (*line == '\0')
        {
          current = NULL;
          continue;
        }

      if ((level = heading_level (line, &content)) > 0)
        {
          current = g_new0 (Block, 1);
          current->kind = BLOCK_HEADING;
          current->level = level;
          current->lines = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (current->lines, g_strdup (content));
          g_ptr_array_add (blocks, current);
          current = NULL;
          continue;
        }

      for (BlockKind kind = BLOCK_BULLETS; kind <= BLOCK_NUMBERED; kind++)
        if ((content = item_text (line, kind)) != NULL)
          {
            if (current == NULL || current->kind != kind)
              {
                current = g_new0 (Block, 1);
                current->kind = kind;
                current->lines = g_ptr_array_new_with_free_func (g_free);
                g_ptr_array_add (blocks, current);
              }
            g_ptr_array_add (current->lines, g_strstrip (g_strdup (content)));
            break;
          }
      if (content != NULL)
        continue;

      if (current == NULL || current->kind != BLOCK_PARAGRAPH)
        {
          current = g_new0 (Block, 1);
          current->kind = BLOCK_PARAGRAPH;
          current->lines = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (blocks, current);
        }
      g_ptr_array_add (current->lines, g_strdup (line));
    }

  return g_steal_pointer (&blocks);
}

static void
append_escaped (GString    *out,
                const char *text,
                gssize      length)
{
  g_autofree char *escaped = g_markup_escape_text (text, length);

  g_string_append (out, escaped);
}

/* Escapes @text; **bold** becomes bold, and web addresses links in HTML. */
static void
append_inline (GString    *out,
               const char *text,
               gboolean    html)
{
  static GRegex *regex;
  static gsize initialized;
  g_autoptr(GMatchInfo) match = NULL;
  gsize done = 0;

  /* Compiled once for the process: a list of FAQ answers calls this per line. */
  if (g_once_init_enter (&initialized))
    {
      regex = g_regex_new ("\\*\\*(.+?)\\*\\*|https?://[^\\s<>\"'　、。「」（）]+", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  for (g_regex_match (regex, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      int start, end;
      g_autofree char *whole = g_match_info_fetch (match, 0);

      g_match_info_fetch_pos (match, 0, &start, &end);
      append_escaped (out, text + done, start - done);
      if (whole[0] == '*')
        {
          g_autofree char *inner = g_match_info_fetch (match, 1);

          g_string_append (out, html ? "<strong>" : "<b>");
          append_escaped (out, inner, -1);
          g_string_append (out, html ? "</strong>" : "</b>");
        }
      else if (html)
        {
          g_autofree char *escaped = g_markup_escape_text (whole, -1);

          g_string_append_printf (out, "<a href=\"%s\">%s</a>", escaped, escaped);
        }
      else
        append_escaped (out, whole, -1);
      done = end;
    }
  append_escaped (out, text + done, -1);
}

/**
 * mdg_markup_to_html:
 * @text: (nullable): Markdown-like plain text
 *
 * Returns: (transfer full): an XHTML fragment (headings from <h2>, so that a page keeps
 *   <h1> for its title); empty for no text
 */
char *
mdg_markup_to_html (const char *text)
{
  g_autoptr(GPtrArray) blocks = parse_blocks (text);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);

      switch (block->kind)
        {
        case BLOCK_HEADING:
          g_string_append_printf (out, "<h%d>", block->level + 1);
          append_inline (out, g_ptr_array_index (block->lines, 0), TRUE);
          g_string_append_printf (out, "</h%d>\n", block->level + 1);
          break;
        case BLOCK_BULLETS:
        case BLOCK_NUMBERED:
          g_string_append (out, block->kind == BLOCK_BULLETS ? "<ul>\n" : "<ol>\n");
          for (guint j = 0; j < block->lines->len; j++)
            {
              g_string_append (out, "<li>");
              append_inline (out, g_ptr_array_index (block->lines, j), TRUE);
              g_string_append (out, "</li>\n");
            }
          g_string_append (out, block->kind == BLOCK_BULLETS ? "</ul>\n" : "</ol>\n");
          break;
        case BLOCK_PARAGRAPH:
        default:
          g_string_append (out, "<p>");
          for (guint j = 0; j < block->lines->len; j++)
            {
              if (j > 0)
                g_string_append (out, "<br/>\n");
              append_inline (out, g_ptr_array_index (block->lines, j), TRUE);
            }
          g_string_append (out, "</p>\n");
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * mdg_markup_to_pango:
 * @text: (nullable): Markdown-like plain text
 *
 * The same text for a printed page: headings bold, items with ・ or their number,
 * paragraphs separated by a blank line.
 *
 * Returns: (transfer full): Pango markup
 */
char *
mdg_markup_to_pango (const char *text)
{
  g_autoptr(GPtrArray) blocks = parse_blocks (text);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);

      if (i > 0)
        g_string_append (out, "\n\n");
      for (guint j = 0; j < block->lines->len; j++)
        {
          if (j > 0)
            g_string_append_c (out, '\n');
          if (block->kind == BLOCK_HEADING)
            g_string_append (out, "<b>");
          else if (block->kind == BLOCK_BULLETS)
            g_string_append (out, "・");
          else if (block->kind == BLOCK_NUMBERED)
            g_string_append_printf (out, "%u. ", j + 1);
          append_inline (out, g_ptr_array_index (block->lines, j), FALSE);
          if (block->kind == BLOCK_HEADING)
            g_string_append (out, "</b>");
        }
    }
  return g_string_free (out, FALSE);
}
