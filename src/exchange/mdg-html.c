/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-html"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mdg-date.h"
#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-html-private.h"
#include "mdg-markup.h"
#include "mdg-notice.h"

/*
 * The page every published HTML file is made of: polyglot markup (valid as HTML and
 * as XML, so the EPUB can share it), no script anywhere, links relative to the page so
 * the folder works wherever the portal puts it, and the desk's contact at the foot.
 */

/* The language the page's own words are in. */
const char *
_mdg_html_language (void)
{
  const char * const *languages = g_get_language_names ();

  for (guint i = 0; languages[i]; i++)
    {
      if (g_str_has_prefix (languages[i], "ja"))
        return "ja";
      if (g_str_has_prefix (languages[i], "en") || g_str_equal (languages[i], "C"))
        break;
    }
  return "en";
}

const char *
_mdg_html_desk_name (const MdgDeskContact *desk)
{
  if (desk != NULL && desk->name != NULL && *desk->name != '\0')
    return desk->name;
  return _("Cybersecurity Support Desk");
}

/* Readable Japanese: generous line height, a measure of about forty characters. */
const char *
_mdg_html_stylesheet (void)
{
  return
    "html { font-family: \"Hiragino Sans\", \"Noto Sans CJK JP\", \"Yu Gothic\", \"Meiryo\", sans-serif;"
    " line-height: 1.8; color: #1c1c1c; background: #ffffff; }\n"
    "body { margin: 0 auto; padding: 1rem 1.25rem 3rem; max-width: 46rem; }\n"
    "header.site { border-bottom: 2px solid #1c71d8; margin-bottom: 1.5rem; }\n"
    "header.site a.home { font-weight: bold; font-size: 1.1rem; color: inherit; text-decoration: none; }\n"
    "nav ul { list-style: none; padding: 0; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0 1.25rem; }\n"
    "h1 { font-size: 1.6rem; line-height: 1.4; }\n"
    "h2 { font-size: 1.25rem; margin-top: 2rem; border-left: 4px solid #1c71d8; padding-left: 0.5rem; }\n"
    "h3, h4 { font-size: 1.05rem; }\n"
    "a { color: #1a5fb4; }\n"
    ".meta { color: #5e5c64; font-size: 0.9rem; }\n"
    ".severity-critical { color: #a51d2d; font-weight: bold; }\n"
    ".severity-high { color: #c64600; font-weight: bold; }\n"
    "ul.entries { padding-left: 1.2rem; }\n"
    "ul.entries li { margin: 0.4rem 0; }\n"
    "dl.faq dt { font-weight: bold; margin-top: 1.5rem; }\n"
    "dl.faq dd { margin-left: 0; }\n"
    "footer.site { margin-top: 3rem; border-top: 1px solid #c0bfbc; font-size: 0.9rem; color: #5e5c64; }\n"
    "@media print { nav, header.site a.home { display: none; } }\n";
}

/* The index page of one kind of notice: news.html, topics.html, threats.html. */
const char *
_mdg_html_kind_page (MdgNoticeKind kind)
{
  static const char *const pages[] = { "news.html", "topics.html", "threats.html" };

  g_return_val_if_fail (kind <= MDG_NOTICE_KIND_THREAT, pages[0]);
  return pages[kind];
}

void
_mdg_html_append_escaped (GString    *out,
                          const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (out, escaped);
}

void
_mdg_html_begin (GString           *out,
                 const MdgHtmlPage *page,
                 const char        *title,
                 const char        *head_extra)
{
  const char *desk_name = _mdg_html_desk_name (page->desk);

  g_string_append_printf (out,
                          "<!DOCTYPE html>\n"
                          "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"%s\" xml:lang=\"%s\">\n"
                          "<head>\n<meta charset=\"utf-8\"/>\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                          "<meta name=\"generator\" content=\"Madoguchi %s\"/>\n<title>",
                          page->lang, page->lang, PACKAGE_VERSION);
  _mdg_html_append_escaped (out, title);
  if (g_strcmp0 (title, desk_name) != 0)
    {
      g_string_append (out, " | ");
      _mdg_html_append_escaped (out, desk_name);
    }
  g_string_append (out, "</title>\n");
  if (page->style != NULL)
    g_string_append_printf (out, "<style>\n%s</style>\n", page->style);
  else
    g_string_append_printf (out, "<link rel=\"stylesheet\" href=\"%sstyle.css\"/>\n", page->root);
  if (head_extra != NULL)
    g_string_append (out, head_extra);
  g_string_append (out, "</head>\n<body>\n<header class=\"site\">\n");

  if (page->nav)
    {
      g_string_append_printf (out, "<a class=\"home\" href=\"%sindex.html\">", page->root);
      _mdg_html_append_escaped (out, desk_name);
      g_string_append (out, "</a>\n<nav><ul>\n");
      for (MdgNoticeKind kind = MDG_NOTICE_KIND_NEWS; kind <= MDG_NOTICE_KIND_THREAT; kind++)
        {
          g_string_append_printf (out, "<li><a href=\"%s%s\">", page->root, _mdg_html_kind_page (kind));
          _mdg_html_append_escaped (out, mdg_notice_kind_get_label (kind));
          g_string_append (out, "</a></li>\n");
        }
      g_string_append_printf (out, "<li><a href=\"%sfaq/index.html\">", page->root);
      _mdg_html_append_escaped (out, _("FAQ"));
      g_string_append (out, "</a></li>\n</ul></nav>\n");
    }
  else
    {
      g_string_append (out, "<p class=\"meta\">");
      _mdg_html_append_escaped (out, desk_name);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</header>\n<main>\n");
}

void
_mdg_html_end (GString           *out,
               const MdgHtmlPage *page)
{
  g_autofree char *contact = page->desk ? mdg_desk_contact_format (page->desk) : NULL;

  g_string_append (out, "</main>\n<footer class=\"site\">\n");
  if (contact != NULL && *contact != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (contact, "\n", -1);

      g_string_append (out, "<p>");
      for (guint i = 0; lines[i]; i++)
        {
          if (i > 0)
            g_string_append (out, "<br/>\n");
          _mdg_html_append_escaped (out, lines[i]);
        }
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</footer>\n</body>\n</html>\n");
}

/* The answer, its categories and its revision date. */
void
_mdg_html_append_faq_body (GString     *out,
                           MdgFaqEntry *entry,
                           gboolean     era_dates)
{
  g_autofree char *answer = mdg_markup_to_html (mdg_faq_entry_get_answer (entry));
  GPtrArray *categories = mdg_faq_entry_get_categories (entry);
  GDateTime *updated_at = mdg_faq_entry_get_updated_at (entry);

  g_string_append (out, answer);
  g_string_append (out, "<p class=\"meta\">");
  if (categories->len > 0)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      for (guint i = 0; i < categories->len; i++)
        g_ptr_array_add (names, (gpointer) mdg_faq_category_get_name (g_ptr_array_index (categories, i)));
      g_ptr_array_add (names, NULL);
      joined = g_strjoinv ("、", (char **) names->pdata);
      _mdg_html_append_escaped (out, joined);
      g_string_append (out, "<br/>");
    }
  if (updated_at != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (updated_at);
      g_autofree char *date = mdg_date_format (local, era_dates ? MDG_DATE_ERA : MDG_DATE_DEFAULT);
      /* Translators: when an FAQ entry was last revised, under its answer */
      g_autofree char *updated = g_strdup_printf (_("Updated %s"), date);

      _mdg_html_append_escaped (out, updated);
    }
  g_string_append (out, "</p>\n");
}

/* Writes a published file: replaced whole or not at all, private as every file
 * Madoguchi writes until the user publishes it. */
gboolean
_mdg_html_write_file (const char  *path,
                      const char  *contents,
                      gsize        length,
                      GError     **error)
{
  return mdg_file_write_private (path, contents, length, error);
}
