/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-site-export"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mdg-database-work.h"
#include "mdg-date.h"
#include "mdg-desk.h"
#include "mdg-error.h"
#include "mdg-faq-store.h"
#include "mdg-feed-store.h"
#include "mdg-html-private.h"
#include "mdg-markup.h"
#include "mdg-notice-store.h"
#include "mdg-site-export.h"

/*
 * The desk's pages for its portal, as a folder of static files the web team uploads:
 *
 *   index.html                     the latest notices of each kind, the FAQ
 *   news.html topics.html threats.html   one index per kind (お知らせ, トピックス, 脅威情報)
 *   notices/<date>-<id>.html       one page per published notice
 *   faq/index.html, faq/<id>.html  the published FAQ by guidebook chapter, one page per entry
 *   feed.atom                      an Atom feed of the notices
 *   style.css
 *
 * Links are relative, there is no script, and file names come from each record's uuid
 * so that a page keeps its address from one export to the next. A list of what was
 * written (.madoguchi-site) lets the next export remove pages that are no longer
 * published, and keeps an export from ever writing into someone else's folder.
 *
 * Only published things go out: notices whose day has come, FAQ entries marked published.
 */

#define MANIFEST ".madoguchi-site"
#define INDEX_LATEST 5
#define FEED_ENTRIES 50

typedef struct
{
  const char     *folder;
  const char     *base_url;
  GDateTime      *now;
  MdgDeskContact *desk;
  GPtrArray      *notices;    /* published, newest first */
  GHashTable     *items;      /* notice → GPtrArray of MdgFeedItem */
  GPtrArray      *chapters;   /* MdgFaqChapter */
  char           *feed_id;
  GPtrArray      *written;    /* relative paths */
} Site;

static void
site_clear (Site *site)
{
  g_clear_pointer (&site->desk, mdg_desk_contact_free);
  g_clear_pointer (&site->notices, g_ptr_array_unref);
  g_clear_pointer (&site->items, g_hash_table_unref);
  g_clear_pointer (&site->chapters, g_ptr_array_unref);
  g_clear_pointer (&site->feed_id, g_free);
  g_clear_pointer (&site->written, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Site, site_clear)

static char *
short_id (const char *uuid)
{
  return g_strndup (uuid ? uuid : "00000000", 8);
}

static char *
notice_path (MdgNotice *notice)
{
  g_autoptr(GDateTime) day = g_date_time_to_local (mdg_notice_get_publish_on (notice));
  g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
  g_autofree char *id = short_id (mdg_notice_get_uuid (notice));

  return g_strdup_printf ("notices/%s-%s.html", date, id);
}

static char *
faq_path (MdgFaqEntry *entry)
{
  g_autofree char *id = short_id (mdg_faq_entry_get_uuid (entry));

  return g_strdup_printf ("faq/%s.html", id);
}

static char *
format_day (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date_time);

  return mdg_date_format (local, MDG_DATE_DEFAULT);
}

static gboolean
write_page (Site        *site,
            const char  *relative,
            GString     *contents,
            GError     **error)
{
  g_autofree char *path = g_build_filename (site->folder, relative, NULL);

  if (!_mdg_html_write_file (path, contents->str, contents->len, error))
    return FALSE;
  g_ptr_array_add (site->written, g_strdup (relative));
  return TRUE;
}

static void
append_notice_line (GString    *out,
                    MdgNotice  *notice,
                    const char *root)
{
  g_autofree char *path = notice_path (notice);
  g_autofree char *day = format_day (mdg_notice_get_publish_on (notice));

  g_string_append (out, "<li><span class=\"meta\">");
  _mdg_html_append_escaped (out, day);
  g_string_append_printf (out, "</span> <a href=\"%s%s\">", root, path);
  _mdg_html_append_escaped (out, mdg_notice_get_title (notice));
  g_string_append (out, "</a></li>\n");
}

static gboolean
write_index (Site    *site,
             GError **error)
{
  MdgHtmlPage page = { _mdg_html_language (), "", site->desk, NULL, TRUE };
  g_autoptr(GString) out = g_string_new (NULL);
  const char *title = _mdg_html_desk_name (site->desk);
  g_autofree char *alternate = NULL;

  alternate = g_markup_printf_escaped ("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"%s\" href=\"feed.atom\"/>\n",
                                       title);
  _mdg_html_begin (out, &page, title, alternate);
  g_string_append (out, "<h1>");
  _mdg_html_append_escaped (out, title);
  g_string_append (out, "</h1>\n");

  for (MdgNoticeKind kind = MDG_NOTICE_KIND_NEWS; kind <= MDG_NOTICE_KIND_THREAT; kind++)
    {
      guint shown = 0;

      g_string_append (out, "<section>\n<h2>");
      _mdg_html_append_escaped (out, mdg_notice_kind_get_label (kind));
      g_string_append (out, "</h2>\n<ul class=\"entries\">\n");
      for (guint i = 0; i < site->notices->len && shown < INDEX_LATEST; i++)
        {
          MdgNotice *notice = g_ptr_array_index (site->notices, i);

          if (mdg_notice_get_kind (notice) == kind)
            {
              append_notice_line (out, notice, "");
              shown++;
            }
        }
      if (shown == 0)
        {
          g_string_append (out, "<li>");
          _mdg_html_append_escaped (out, _("Nothing published yet."));
          g_string_append (out, "</li>\n");
        }
      g_string_append_printf (out, "</ul>\n<p><a href=\"%s\">", _mdg_html_kind_page (kind));
      /* Translators: a link under the latest notices of one kind, e.g. "All of News" */
      {
        g_autofree char *all = g_strdup_printf (_("All of %s"), mdg_notice_kind_get_label (kind));

        _mdg_html_append_escaped (out, all);
      }
      g_string_append (out, "</a></p>\n</section>\n");
    }

  g_string_append (out, "<section>\n<h2>");
  _mdg_html_append_escaped (out, _("Frequently Asked Questions"));
  g_string_append (out, "</h2>\n<p><a href=\"faq/index.html\">");
  _mdg_html_append_escaped (out, _("Questions the desk is often asked, by chapter of the guidebook"));
  g_string_append (out, "</a></p>\n</section>\n");

  _mdg_html_end (out, &page);
  return write_page (site, "index.html", out, error);
}

static gboolean
write_kind_index (Site           *site,
                  MdgNoticeKind   kind,
                  GError        **error)
{
  MdgHtmlPage page = { _mdg_html_language (), "", site->desk, NULL, TRUE };
  g_autoptr(GString) out = g_string_new (NULL);
  const char *file = _mdg_html_kind_page (kind);
  guint shown = 0;

  _mdg_html_begin (out, &page, mdg_notice_kind_get_label (kind), NULL);
  g_string_append (out, "<h1>");
  _mdg_html_append_escaped (out, mdg_notice_kind_get_label (kind));
  g_string_append (out, "</h1>\n<ul class=\"entries\">\n");
  for (guint i = 0; i < site->notices->len; i++)
    {
      MdgNotice *notice = g_ptr_array_index (site->notices, i);

      if (mdg_notice_get_kind (notice) == kind)
        {
          append_notice_line (out, notice, "");
          shown++;
        }
    }
  if (shown == 0)
    {
      g_string_append (out, "<li>");
      _mdg_html_append_escaped (out, _("Nothing published yet."));
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ul>\n");
  _mdg_html_end (out, &page);
  return write_page (site, file, out, error);
}

static void
append_item (GString     *out,
             MdgFeedItem *item)
{
  const char * const *cve_ids = mdg_feed_item_get_cve_ids (item);
  MdgSeverity severity = mdg_feed_item_get_severity (item);

  g_string_append (out, "<li>");
  /* Only web addresses reach a page: the parser kept no other link. */
  if (mdg_feed_item_get_link (item) != NULL)
    {
      g_autofree char *href = g_markup_escape_text (mdg_feed_item_get_link (item), -1);

      g_string_append_printf (out, "<a href=\"%s\">", href);
      _mdg_html_append_escaped (out, mdg_feed_item_get_title (item));
      g_string_append (out, "</a>");
    }
  else
    _mdg_html_append_escaped (out, mdg_feed_item_get_title (item));

  g_string_append (out, "<br/><span class=\"meta\">");
  _mdg_html_append_escaped (out, mdg_feed_item_get_source_name (item));
  if (mdg_feed_item_get_published_at (item) != NULL)
    {
      g_autofree char *day = format_day (mdg_feed_item_get_published_at (item));

      g_string_append (out, " · ");
      _mdg_html_append_escaped (out, day);
    }
  g_string_append (out, "</span>");
  if (severity != MDG_SEVERITY_UNKNOWN)
    {
      g_string_append_printf (out, " <span class=\"severity-%s\">", mdg_severity_to_string (severity));
      _mdg_html_append_escaped (out, mdg_severity_get_label (severity));
      g_string_append (out, "</span>");
    }
  if (cve_ids[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) cve_ids);

      g_string_append (out, " <span class=\"meta\">");
      _mdg_html_append_escaped (out, joined);
      g_string_append (out, "</span>");
    }
  g_string_append (out, "</li>\n");
}

static gboolean
write_notice (Site       *site,
              MdgNotice  *notice,
              GError    **error)
{
  MdgHtmlPage page = { _mdg_html_language (), "../", site->desk, NULL, TRUE };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *path = notice_path (notice);
  g_autofree char *day = format_day (mdg_notice_get_publish_on (notice));
  g_autofree char *body = mdg_markup_to_html (mdg_notice_get_body (notice));
  GPtrArray *items = g_hash_table_lookup (site->items, notice);
  MdgNoticeKind kind = mdg_notice_get_kind (notice);

  _mdg_html_begin (out, &page, mdg_notice_get_title (notice), NULL);
  g_string_append (out, "<article>\n<h1>");
  _mdg_html_append_escaped (out, mdg_notice_get_title (notice));
  g_string_append (out, "</h1>\n<p class=\"meta\">");
  _mdg_html_append_escaped (out, day);
  g_string_append_printf (out, " · <a href=\"../%s\">", _mdg_html_kind_page (kind));
  _mdg_html_append_escaped (out, mdg_notice_kind_get_label (kind));
  g_string_append (out, "</a></p>\n");
  g_string_append (out, body);

  if (items != NULL && items->len > 0)
    {
      g_string_append (out, "<h2>");
      _mdg_html_append_escaped (out, _("Related threat information"));
      g_string_append (out, "</h2>\n<ul class=\"entries\">\n");
      for (guint i = 0; i < items->len; i++)
        append_item (out, g_ptr_array_index (items, i));
      g_string_append (out, "</ul>\n");
    }
  g_string_append (out, "</article>\n");
  _mdg_html_end (out, &page);
  return write_page (site, path, out, error);
}

static const char *
chapter_name (MdgFaqChapter *chapter)
{
  return chapter->chapter ? mdg_faq_category_get_name (chapter->chapter) : _("Other questions");
}

static gboolean
write_faq (Site    *site,
           GError **error)
{
  MdgHtmlPage index_page = { _mdg_html_language (), "../", site->desk, NULL, TRUE };
  g_autoptr(GString) index = g_string_new (NULL);

  _mdg_html_begin (index, &index_page, _("Frequently Asked Questions"), NULL);
  g_string_append (index, "<h1>");
  _mdg_html_append_escaped (index, _("Frequently Asked Questions"));
  g_string_append (index, "</h1>\n");
  if (site->chapters->len == 0)
    {
      g_string_append (index, "<p>");
      _mdg_html_append_escaped (index, _("Nothing published yet."));
      g_string_append (index, "</p>\n");
    }

  for (guint i = 0; i < site->chapters->len; i++)
    {
      MdgFaqChapter *chapter = g_ptr_array_index (site->chapters, i);

      g_string_append (index, "<h2>");
      _mdg_html_append_escaped (index, chapter_name (chapter));
      g_string_append (index, "</h2>\n<ul class=\"entries\">\n");
      for (guint j = 0; j < chapter->entries->len; j++)
        {
          MdgFaqEntry *entry = g_ptr_array_index (chapter->entries, j);
          MdgHtmlPage page = { _mdg_html_language (), "../", site->desk, NULL, TRUE };
          g_autoptr(GString) out = g_string_new (NULL);
          g_autofree char *path = faq_path (entry);
          g_autofree char *file = g_path_get_basename (path);

          g_string_append_printf (index, "<li><a href=\"%s\">", file);
          _mdg_html_append_escaped (index, mdg_faq_entry_get_question (entry));
          g_string_append (index, "</a></li>\n");

          _mdg_html_begin (out, &page, mdg_faq_entry_get_question (entry), NULL);
          g_string_append (out, "<article>\n<p class=\"meta\"><a href=\"index.html\">");
          _mdg_html_append_escaped (out, _("Frequently Asked Questions"));
          g_string_append (out, "</a> · ");
          _mdg_html_append_escaped (out, chapter_name (chapter));
          g_string_append (out, "</p>\n<h1>");
          _mdg_html_append_escaped (out, mdg_faq_entry_get_question (entry));
          g_string_append (out, "</h1>\n");
          _mdg_html_append_faq_body (out, entry, FALSE);
          g_string_append (out, "</article>\n");
          _mdg_html_end (out, &page);
          if (!write_page (site, path, out, error))
            return FALSE;
        }
      g_string_append (index, "</ul>\n");
    }

  _mdg_html_end (index, &index_page);
  return write_page (site, "faq/index.html", index, error);
}

static char *
atom_time (GDateTime *date_time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date_time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
write_feed (Site    *site,
            GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) newest = NULL;
  g_autoptr(GString) entries = g_string_new (NULL);
  const char *desk_name = _mdg_html_desk_name (site->desk);
  g_autofree char *feed_title = NULL;
  g_autofree char *updated = NULL;
  guint count = MIN (site->notices->len, FEED_ENTRIES);

  for (guint i = 0; i < count; i++)
    {
      MdgNotice *notice = g_ptr_array_index (site->notices, i);
      GDateTime *published = mdg_notice_get_publish_on (notice);
      GDateTime *changed = mdg_notice_get_updated_at (notice);
      GDateTime *latest = changed && g_date_time_compare (changed, published) > 0 ? changed : published;
      g_autofree char *path = notice_path (notice);
      g_autofree char *published_text = atom_time (published);
      g_autofree char *updated_text = atom_time (latest);
      g_autofree char *body = mdg_markup_to_html (mdg_notice_get_body (notice));
      MdgNoticeKind kind = mdg_notice_get_kind (notice);

      if (newest == NULL || g_date_time_compare (latest, newest) > 0)
        {
          g_clear_pointer (&newest, g_date_time_unref);
          newest = g_date_time_ref (latest);
        }
      g_string_append (entries, "<entry>\n<title>");
      _mdg_html_append_escaped (entries, mdg_notice_get_title (notice));
      g_string_append_printf (entries, "</title>\n<id>urn:uuid:%s</id>\n", mdg_notice_get_uuid (notice));
      g_string_append_printf (entries, "<link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", path);
      g_string_append_printf (entries, "<published>%s</published>\n<updated>%s</updated>\n", published_text,
                              updated_text);
      g_string_append_printf (entries, "<category term=\"%s\" label=\"", mdg_notice_kind_to_string (kind));
      _mdg_html_append_escaped (entries, mdg_notice_kind_get_label (kind));
      g_string_append (entries, "\"/>\n<content type=\"html\">");
      _mdg_html_append_escaped (entries, body);
      g_string_append (entries, "</content>\n</entry>\n");
    }

  updated = atom_time (newest ? newest : site->now);
  /* Translators: the title of the desk's Atom feed: "<desk name> — News" */
  feed_title = g_strdup_printf (_("%s — Notices"), desk_name);
  g_string_append_printf (out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                               "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\"",
                          _mdg_html_language ());
  if (site->base_url != NULL)
    {
      g_string_append (out, " xml:base=\"");
      _mdg_html_append_escaped (out, site->base_url);
      g_string_append (out, "\"");
    }
  g_string_append (out, ">\n<title>");
  _mdg_html_append_escaped (out, feed_title);
  g_string_append_printf (out, "</title>\n<id>%s</id>\n<updated>%s</updated>\n", site->feed_id, updated);
  g_string_append (out, "<link rel=\"self\" type=\"application/atom+xml\" href=\"feed.atom\"/>\n"
                        "<link rel=\"alternate\" type=\"text/html\" href=\"index.html\"/>\n<author><name>");
  _mdg_html_append_escaped (out, desk_name);
  g_string_append (out, "</name>");
  if (site->desk && site->desk->url && *site->desk->url)
    {
      g_string_append (out, "<uri>");
      _mdg_html_append_escaped (out, site->desk->url);
      g_string_append (out, "</uri>");
    }
  g_string_append_printf (out, "</author>\n<generator version=\"%s\">Madoguchi</generator>\n", PACKAGE_VERSION);
  g_string_append (out, entries->str);
  g_string_append (out, "</feed>\n");
  return write_page (site, "feed.atom", out, error);
}

/* A relative path the manifest may name: inside the folder, nothing hidden. */
static gboolean
is_safe_relative (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (*path == '\0' || g_path_is_absolute (path))
    return FALSE;
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i]; i++)
    if (*parts[i] == '\0' || *parts[i] == '.')
      return FALSE;
  return TRUE;
}

/* Refuses a folder that holds files of someone else's; returns what the last export wrote. */
static gboolean
check_folder (const char  *folder,
              GStrv       *previous,
              GError     **error)
{
  g_autofree char *manifest = g_build_filename (folder, MANIFEST, NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;

  *previous = NULL;
  if (!g_file_test (folder, G_FILE_TEST_EXISTS))
    {
      if (g_mkdir_with_parents (folder, 0755) != 0)
        {
          int saved = errno;

          g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not create the folder “%s”: %s"), folder,
                       g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("“%s” is a file, not a folder"), folder);
      return FALSE;
    }

  if (g_file_get_contents (manifest, &contents, NULL, NULL))
    {
      *previous = g_strsplit (contents, "\n", -1);
      return TRUE;
    }

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not read the folder “%s”: %s"), folder,
                   local_error->message);
      return FALSE;
    }
  if (g_dir_read_name (dir) != NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_EMPTY,
                   _("The folder “%s” holds files that Madoguchi did not write; choose an empty folder, or "
                     "the folder of an earlier export"),
                   folder);
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_folder (const char  *folder,
             const char  *name,
             GError     **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  if (g_mkdir_with_parents (path, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not create the folder “%s”: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_site (MdgDatabase  *db,
           Site         *site,
           GError      **error)
{
  site->desk = mdg_desk_contact_load (db, error);
  if (site->desk == NULL)
    return FALSE;
  site->notices = mdg_notice_store_list (db, NULL, MDG_NOTICE_KIND_ANY, site->now, error);
  if (site->notices == NULL)
    return FALSE;
  site->chapters = mdg_faq_store_list_chapters (db, error);
  if (site->chapters == NULL)
    return FALSE;
  site->feed_id = mdg_notice_store_get_feed_id (db, error);
  if (site->feed_id == NULL)
    return FALSE;

  site->items = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < site->notices->len; i++)
    {
      MdgNotice *notice = g_ptr_array_index (site->notices, i);
      GPtrArray *items = mdg_notice_store_list_items (db, mdg_notice_get_id (notice), error);

      if (items == NULL)
        return FALSE;
      g_hash_table_insert (site->items, notice, items);
    }
  return TRUE;
}

/**
 * mdg_site_export:
 * @db: a #MdgDatabase
 * @folder: where to write; created when missing, and refused when it holds files that
 *   an earlier export did not write
 * @base_url: (nullable): where the portal publishes the folder, for the Atom feed's
 *   xml:base; links stay relative without it
 * @now: the present: notices published by this day go out
 * @error: a location for a #GError
 *
 * Writes the desk's static site (see the top of this file). Each file is replaced
 * whole; pages an earlier export wrote that are no longer published are removed.
 */
gboolean
mdg_site_export (MdgDatabase  *db,
                 const char   *folder,
                 const char   *base_url,
                 GDateTime    *now,
                 GError      **error)
{
  g_auto(Site) site = { 0 };
  g_auto(GStrv) previous = NULL;
  g_autoptr(GString) manifest = g_string_new (NULL);
  g_autofree char *manifest_path = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  site.folder = folder;
  site.base_url = base_url && *base_url ? base_url : NULL;
  site.now = now;
  site.written = g_ptr_array_new_with_free_func (g_free);

  if (!load_site (db, &site, error) || !check_folder (folder, &previous, error) ||
      !make_folder (folder, "notices", error) || !make_folder (folder, "faq", error))
    return FALSE;

  {
    g_autoptr(GString) css = g_string_new (_mdg_html_stylesheet ());

    if (!write_page (&site, "style.css", css, error) || !write_index (&site, error))
      return FALSE;
  }
  for (MdgNoticeKind kind = MDG_NOTICE_KIND_NEWS; kind <= MDG_NOTICE_KIND_THREAT; kind++)
    if (!write_kind_index (&site, kind, error))
      return FALSE;
  for (guint i = 0; i < site.notices->len; i++)
    if (!write_notice (&site, g_ptr_array_index (site.notices, i), error))
      return FALSE;
  if (!write_faq (&site, error) || !write_feed (&site, error))
    return FALSE;

  /* What the last export published and this one did not: taken down. */
  for (guint i = 0; previous && previous[i]; i++)
    {
      gboolean kept = FALSE;

      for (guint j = 0; j < site.written->len && !kept; j++)
        kept = g_str_equal (previous[i], g_ptr_array_index (site.written, j));
      if (!kept && is_safe_relative (previous[i]))
        {
          g_autofree char *stale = g_build_filename (folder, previous[i], NULL);

          g_remove (stale);
        }
    }

  for (guint i = 0; i < site.written->len; i++)
    g_string_append_printf (manifest, "%s\n", (char *) g_ptr_array_index (site.written, i));
  manifest_path = g_build_filename (folder, MANIFEST, NULL);
  return _mdg_html_write_file (manifest_path, manifest->str, manifest->len, error);
}

/**
 * mdg_faq_export_html:
 * @db: a #MdgDatabase
 * @path: the HTML file to write
 * @error: a location for a #GError
 *
 * The published FAQ as one self-contained page (its style inside, no script), grouped
 * by the guidebook's chapters with a table of contents.
 */
gboolean
mdg_faq_export_html (MdgDatabase  *db,
                     const char   *path,
                     GError      **error)
{
  g_autoptr(MdgDeskContact) desk = NULL;
  g_autoptr(GPtrArray) chapters = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  MdgHtmlPage page = { _mdg_html_language (), "", NULL, _mdg_html_stylesheet (), FALSE };

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  desk = mdg_desk_contact_load (db, error);
  if (desk == NULL)
    return FALSE;
  chapters = mdg_faq_store_list_chapters (db, error);
  if (chapters == NULL)
    return FALSE;
  page.desk = desk;

  _mdg_html_begin (out, &page, _("Frequently Asked Questions"), NULL);
  g_string_append (out, "<h1>");
  _mdg_html_append_escaped (out, _("Frequently Asked Questions"));
  g_string_append (out, "</h1>\n");

  if (chapters->len == 0)
    {
      g_string_append (out, "<p>");
      _mdg_html_append_escaped (out, _("Nothing published yet."));
      g_string_append (out, "</p>\n");
    }
  else
    {
      g_string_append (out, "<nav><ol>\n");
      for (guint i = 0; i < chapters->len; i++)
        {
          g_string_append_printf (out, "<li><a href=\"#chapter-%u\">", i + 1);
          _mdg_html_append_escaped (out, chapter_name (g_ptr_array_index (chapters, i)));
          g_string_append (out, "</a></li>\n");
        }
      g_string_append (out, "</ol></nav>\n");
    }

  for (guint i = 0; i < chapters->len; i++)
    {
      MdgFaqChapter *chapter = g_ptr_array_index (chapters, i);

      g_string_append_printf (out, "<section id=\"chapter-%u\">\n<h2>", i + 1);
      _mdg_html_append_escaped (out, chapter_name (chapter));
      g_string_append (out, "</h2>\n<dl class=\"faq\">\n");
      for (guint j = 0; j < chapter->entries->len; j++)
        {
          MdgFaqEntry *entry = g_ptr_array_index (chapter->entries, j);

          g_string_append (out, "<dt>");
          /* Translators: before each question of the exported FAQ */
          _mdg_html_append_escaped (out, _("Q. "));
          _mdg_html_append_escaped (out, mdg_faq_entry_get_question (entry));
          g_string_append (out, "</dt>\n<dd>\n");
          _mdg_html_append_faq_body (out, entry, FALSE);
          g_string_append (out, "</dd>\n");
        }
      g_string_append (out, "</dl>\n</section>\n");
    }

  _mdg_html_end (out, &page);
  return _mdg_html_write_file (path, out->str, out->len, error);
}

typedef struct
{
  char *path;
  char *base_url;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->path);
  g_free (data->base_url);
  g_free (data);
}

static ExportData *
export_data_new (const char *path,
                 const char *base_url)
{
  ExportData *data = g_new0 (ExportData, 1);

  data->path = g_strdup (path);
  data->base_url = g_strdup (base_url);
  return data;
}

static gboolean
export_site_now (MdgDatabase  *connection,
                 gpointer      user_data,
                 GError      **error)
{
  ExportData *data = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return mdg_site_export (connection, data->path, data->base_url, now, error);
}

/**
 * mdg_site_export_async:
 * @db: a #MdgDatabase
 * @folder: where to write
 * @base_url: (nullable): where the portal publishes the folder
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the site is written
 * @user_data: data for @callback
 *
 * mdg_site_export() for the present day, in a worker thread.
 */
void
mdg_site_export_async (MdgDatabase         *db,
                       const char          *folder,
                       const char          *base_url,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (folder != NULL);

  mdg_database_work_async (db, export_site_now, export_data_new (folder, base_url), (GDestroyNotify) export_data_free,
                           mdg_site_export_async, cancellable, callback, user_data);
}

gboolean
mdg_site_export_finish (MdgDatabase   *db,
                        GAsyncResult  *result,
                        GError       **error)
{
  return mdg_database_work_finish (db, result, mdg_site_export_async, error);
}

static gboolean
export_faq_html (MdgDatabase  *connection,
                 gpointer      user_data,
                 GError      **error)
{
  ExportData *data = user_data;

  return mdg_faq_export_html (connection, data->path, error);
}

/* mdg_faq_export_html() in a worker thread. */
void
mdg_faq_export_html_async (MdgDatabase         *db,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (path != NULL);

  mdg_database_work_async (db, export_faq_html, export_data_new (path, NULL), (GDestroyNotify) export_data_free,
                           mdg_faq_export_html_async, cancellable, callback, user_data);
}

gboolean
mdg_faq_export_html_finish (MdgDatabase   *db,
                            GAsyncResult  *result,
                            GError       **error)
{
  return mdg_database_work_finish (db, result, mdg_faq_export_html_async, error);
}
