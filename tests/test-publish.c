/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <cairo-pdf.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "mdg-database-private.h"
#include "mdg-desk.h"
#include "mdg-epub.h"
#include "mdg-error.h"
#include "mdg-faq-store.h"
#include "mdg-feed-parser.h"
#include "mdg-feed-store.h"
#include "mdg-markup.h"
#include "mdg-notice-store.h"
#include "mdg-site-export.h"
#include "mdg-test-util.h"

/*
 * Publishing for the portal, checked as a reader would: the static site through
 * libxml2's HTML parser (every relative link resolves, no script), its Atom feed parsed
 * back by Madoguchi's own feed reader, the FAQ page likewise, and the EPUB through
 * epubcheck and by reading its zip.
 */

typedef struct
{
  char        *dir;
  MdgDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = mdg_test_open_tmp_db (&f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  mdg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
test_markup (void)
{
  g_autofree char *html = mdg_markup_to_html ("## 対象\n\n- FortiGate を使っている方\n・古い機器も\n\n"
                                              "1. 更新する\n2. 再起動する\n\n"
                                              "**至急**ご確認ください。\n詳しくは https://jvn.jp/vu/JVNVU90000001/ を。\n\n"
                                              "<script>alert(1)</script> & \"引用\"");
  g_autofree char *pango = mdg_markup_to_pango ("## 見出し\n- 項目 & その他\n\n本文 **強調**");

  g_assert_cmpstr (html, ==,
                   "<h3>対象</h3>\n"
                   "<ul>\n<li>FortiGate を使っている方</li>\n<li>古い機器も</li>\n</ul>\n"
                   "<ol>\n<li>更新する</li>\n<li>再起動する</li>\n</ol>\n"
                   "<p><strong>至急</strong>ご確認ください。<br/>\n"
                   "詳しくは <a href=\"https://jvn.jp/vu/JVNVU90000001/\">https://jvn.jp/vu/JVNVU90000001/</a> を。</p>\n"
                   "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引用&quot;</p>\n");
  g_assert_cmpstr (pango, ==, "<b>見出し</b>\n\n・項目 &amp; その他\n\n本文 <b>強調</b>");
  g_assert_true (pango_parse_markup (pango, -1, 0, NULL, NULL, NULL, NULL));
}

static void
add_content (Fixture *f)
{
  g_autoptr(MdgDeskContact) desk = g_new0 (MdgDeskContact, 1);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_feed_entry_free);
  g_autoptr(GError) error = NULL;
  MdgFeedFetchRecord record = { .http_status = 200 };
  MdgFeedEntry *entry = mdg_feed_entry_new ();
  gint64 source = mdg_feed_store_add_source (f->db, "JVN", "https://jvn.example.jp/rss/jvn.rdf", &error);
  gint64 item_id;
  const struct { MdgNoticeKind kind; const char *title; const char *body; int day; } notices[] = {
    { MDG_NOTICE_KIND_NEWS, "年末年始の休業について", "12月29日から1月3日まで休業します。", 1 },
    { MDG_NOTICE_KIND_TOPIC, "セミナー「ランサムウェアに備える」を開催します", "## 日時\n\n- 12月3日 14:00", 2 },
    { MDG_NOTICE_KIND_THREAT, "FortiOS の脆弱性 <CVE-2024-21762> について", "早めに更新してください。\n詳細: https://jvn.jp/", 3 },
    { MDG_NOTICE_KIND_THREAT, "未来の記事（まだ公開しない）", "公開前", 40 },
  };

  desk->name = g_strdup ("〇〇県中小企業サイバーセキュリティ相談窓口");
  desk->phone = g_strdup ("03-0000-0000");
  desk->url = g_strdup ("https://desk.example.jp/");
  g_assert_true (mdg_desk_contact_save (f->db, desk, &error));

  entry->guid = g_strdup ("x");
  entry->title = g_strdup ("Fortinet FortiOS に境界外書き込みの脆弱性");
  entry->link = g_strdup ("https://jvn.jp/vu/JVNVU90000003/");
  entry->severity = MDG_SEVERITY_CRITICAL;
  entry->cve_ids = g_strsplit ("CVE-2024-21762", " ", -1);
  g_ptr_array_add (entries, entry);
  g_assert_true (mdg_feed_store_record_fetch (f->db, source, &record, entries, NULL, &error));
  item_id = mdg_test_count (f->db, "SELECT id FROM feed_item");

  for (guint i = 0; i < G_N_ELEMENTS (notices); i++)
    {
      g_autoptr(MdgNotice) notice = mdg_notice_new ();
      g_autoptr(GDateTime) day = mdg_test_local (2024, 6, notices[i].day, 0, 0);

      mdg_notice_set_kind (notice, notices[i].kind);
      mdg_notice_set_title (notice, notices[i].title);
      mdg_notice_set_body (notice, notices[i].body);
      if (notices[i].day <= 30)
        mdg_notice_set_publish_on (notice, day);
      else
        {
          g_autoptr(GDateTime) later = mdg_test_local (2024, 7, 10, 0, 0);

          mdg_notice_set_publish_on (notice, later);
        }
      if (notices[i].kind == MDG_NOTICE_KIND_THREAT)
        g_array_append_val (mdg_notice_get_item_ids (notice), item_id);
      g_assert_true (mdg_notice_store_save (f->db, notice, &error));
      g_assert_no_error (error);
    }

  {
    const struct { const char *question; const char *answer; const char *key; gboolean published; } faq[] = {
      { "バックアップはどのくらいの頻度で取ればよいですか？", "少なくとも週に一度、**オフライン**にも保管しましょう。", "M2-04", TRUE },
      { "標的型攻撃メールとは何ですか？", "特定の組織を狙って送られるメールです。", "M1-01", TRUE },
      { "下書きの質問", "まだ公開しません。", "M1-02", FALSE },
      { "相談の受付時間は？", "平日 9 時から 17 時です。", NULL, TRUE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (faq); i++)
      {
        g_autoptr(MdgFaqEntry) faq_entry = mdg_faq_entry_new ();
        g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_faq_category_unref);

        mdg_faq_entry_set_question (faq_entry, faq[i].question);
        mdg_faq_entry_set_answer (faq_entry, faq[i].answer);
        mdg_faq_entry_set_published (faq_entry, faq[i].published);
        if (faq[i].key != NULL)
          g_ptr_array_add (categories, mdg_faq_store_find_category (f->db, faq[i].key, NULL));
        mdg_faq_entry_set_categories (faq_entry, categories);
        g_assert_true (mdg_faq_store_save (f->db, faq_entry, &error));
      }
  }
}

/* Parses an HTML page the way browsers are lenient, and checks what a portal must not carry. */
static htmlDocPtr
parse_html (const char *path)
{
  htmlDocPtr doc = htmlReadFile (path, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);

  g_assert_nonnull (doc);
  return doc;
}

static void
collect_links (xmlNode   *node,
               GPtrArray *links,
               guint     *scripts)
{
  for (xmlNode *child = node; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (xmlStrcasecmp (child->name, BAD_CAST "script") == 0)
        (*scripts)++;
      for (xmlAttr *attr = child->properties; attr; attr = attr->next)
        {
          xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);

          if (g_ascii_strncasecmp ((const char *) attr->name, "on", 2) == 0)
            (*scripts)++;
          if (xmlStrcasecmp (attr->name, BAD_CAST "href") == 0 || xmlStrcasecmp (attr->name, BAD_CAST "src") == 0)
            {
              if (g_ascii_strncasecmp ((const char *) value, "javascript:", 11) == 0)
                (*scripts)++;
              g_ptr_array_add (links, g_strdup ((const char *) value));
            }
          xmlFree (value);
        }
      collect_links (child->children, links, scripts);
    }
}

/* Checks every page: links resolve to files in the folder, or go to the web; no script. */
static guint
check_site (const char *folder,
            const char *relative,
            GHashTable *seen)
{
  g_autofree char *path = g_build_filename (folder, relative, NULL);
  g_autofree char *page_dir = g_path_get_dirname (relative);
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  guint scripts = 0;
  guint pages = 1;
  htmlDocPtr doc;

  if (g_hash_table_contains (seen, relative))
    return 0;
  g_hash_table_add (seen, g_strdup (relative));

  doc = parse_html (path);
  collect_links (xmlDocGetRootElement (doc), links, &scripts);
  xmlFreeDoc (doc);
  g_assert_cmpuint (scripts, ==, 0);

  for (guint i = 0; i < links->len; i++)
    {
      const char *link = g_ptr_array_index (links, i);
      g_autofree char *target_path = NULL;
      g_autofree char *joined = NULL;
      g_autofree char *canonical = NULL;
      g_autofree char *inside = NULL;
      char *hash;

      if (g_str_has_prefix (link, "https://") || g_str_has_prefix (link, "http://"))
        continue;
      g_assert_false (g_path_is_absolute (link));
      g_assert_null (strchr (link, ':'));
      target_path = g_strdup (link);
      if ((hash = strchr (target_path, '#')) != NULL)
        *hash = '\0';
      if (*target_path == '\0')
        continue;
      joined = g_build_filename (folder, page_dir, target_path, NULL);
      canonical = g_canonicalize_filename (joined, NULL);
      g_test_message ("%s → %s", relative, link);
      g_assert_true (g_file_test (canonical, G_FILE_TEST_IS_REGULAR));
      g_assert_true (g_str_has_prefix (canonical, folder));
      inside = g_strdup (canonical + strlen (folder) + 1);
      if (g_str_has_suffix (inside, ".html"))
        pages += check_site (folder, inside, seen);
    }
  return pages;
}

static char *
read_text (const char *folder,
           const char *relative)
{
  g_autofree char *path = g_build_filename (folder, relative, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_site (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "site", NULL);
  g_autoptr(GDateTime) now = mdg_test_local (2024, 6, 10, 12, 0);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *index = NULL;
  g_autofree char *threats = NULL;
  g_autofree char *faq = NULL;
  g_autofree char *manifest = NULL;
  MdgFeedFormat format;
  guint pages;

  add_content (f);
  g_assert_true (mdg_site_export (f->db, folder, "https://desk.example.jp/portal/", now, &error));
  g_assert_no_error (error);

  /* From the top, every page reached by following links, every link resolving. */
  pages = check_site (folder, "index.html", seen);
  /* index, 3 kinds, 3 notices, FAQ index and 3 published entries */
  g_assert_cmpuint (pages, ==, 1 + 3 + 3 + 1 + 3);

  index = read_text (folder, "index.html");
  g_assert_nonnull (strstr (index, "〇〇県中小企業サイバーセキュリティ相談窓口"));
  g_assert_nonnull (strstr (index, "03-0000-0000"));
  g_assert_null (strstr (index, "未来の記事"));
  /* Escaped, not markup. */
  threats = read_text (folder, "threats.html");
  g_assert_nonnull (strstr (threats, "FortiOS の脆弱性 &lt;CVE-2024-21762&gt; について"));

  faq = read_text (folder, "faq/index.html");
  g_assert_null (strstr (faq, "下書きの質問"));
  /* By chapter, in the guidebook's order, the rest last. */
  g_assert_true (strstr (faq, "MISSION 1") < strstr (faq, "MISSION 2"));
  g_assert_true (strstr (faq, "MISSION 2") < strstr (faq, "Other questions"));

  /* The Atom feed parses back, with every published notice and its link. */
  feed = read_text (folder, "feed.atom");
  entries = mdg_feed_parse (feed, strlen (feed), NULL, &format, &error);
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, MDG_FEED_FORMAT_ATOM);
  g_assert_cmpuint (entries->len, ==, 3);
  for (guint i = 0; i < entries->len; i++)
    {
      MdgFeedEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *page = NULL;

      g_assert_true (g_str_has_prefix (entry->guid, "urn:uuid:"));
      g_assert_true (g_str_has_prefix (entry->link, "https://desk.example.jp/portal/notices/"));
      page = g_build_filename (folder, entry->link + strlen ("https://desk.example.jp/portal/"), NULL);
      g_assert_true (g_file_test (page, G_FILE_TEST_IS_REGULAR));
      g_assert_nonnull (entry->published);
    }
  g_assert_cmpstr (((MdgFeedEntry *) g_ptr_array_index (entries, 0))->summary, ==,
                   "早めに更新してください。\n詳細: https://jvn.jp/");

  /* The notice page cites its threat item, with its severity. */
  {
    g_autoptr(GDir) dir = NULL;
    const char *name;
    gboolean found = FALSE;
    g_autofree char *notices = g_build_filename (folder, "notices", NULL);

    dir = g_dir_open (notices, 0, &error);
    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_prefix (name, "2024-06-03-"))
        {
          g_autofree char *relative = g_build_filename ("notices", name, NULL);
          g_autofree char *text = read_text (folder, relative);

          g_assert_nonnull (strstr (text, "https://jvn.jp/vu/JVNVU90000003/"));
          g_assert_nonnull (strstr (text, "severity-critical"));
          found = TRUE;
        }
    g_assert_true (found);
  }

  /* Exported again later: a notice taken down disappears; nothing else of ours lingers. */
  mdg_test_exec (f->db, "UPDATE notice SET publish_on = NULL WHERE kind = 'news'");
  g_assert_true (mdg_site_export (f->db, folder, NULL, now, &error));
  g_assert_no_error (error);
  manifest = read_text (folder, ".madoguchi-site");
  g_hash_table_remove_all (seen);
  g_assert_cmpuint (check_site (folder, "index.html", seen), ==, 1 + 3 + 2 + 1 + 3);
  {
    g_autofree char *notices = g_build_filename (folder, "notices", NULL);
    g_autoptr(GDir) dir = g_dir_open (notices, 0, &error);
    guint files = 0;

    while (g_dir_read_name (dir) != NULL)
      files++;
    g_assert_cmpuint (files, ==, 2);
  }
}

static void
test_site_refuses_foreign_folder (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "documents", NULL);
  g_autofree char *precious = g_build_filename (folder, "report.docx", NULL);
  g_autofree char *index = g_build_filename (folder, "index.html", NULL);
  g_autoptr(GDateTime) now = mdg_test_local (2024, 6, 10, 12, 0);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (folder, 0700);
  g_file_set_contents (precious, "mine", -1, &error);
  g_assert_false (mdg_site_export (f->db, folder, NULL, now, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_EMPTY);
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_true (g_file_test (precious, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (index, G_FILE_TEST_EXISTS));
}

static void
test_faq_html (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "faq.html", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  htmlDocPtr doc;
  xmlNode *root;

  add_content (f);
  g_assert_true (mdg_faq_export_html (f->db, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (check_site (f->dir, "faq.html", seen), ==, 1);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_nonnull (strstr (text, "<strong>オフライン</strong>"));
  g_assert_null (strstr (text, "下書きの質問"));
  /* Self-contained: its style inside, no other file needed. */
  g_assert_nonnull (strstr (text, "<style>"));
  g_assert_null (strstr (text, "stylesheet"));

  doc = parse_html (path);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "html");
  xmlFreeDoc (doc);

  /* Also strict XML: the same markup feeds the EPUB. */
  {
    xmlDocPtr xml = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

    g_assert_nonnull (xml);
    xmlFreeDoc (xml);
  }
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A deck as the deck library would have it: a PDF of slides, rendered with Poppler. */
static GPtrArray *
render_pages (const char *dir)
{
  g_autofree char *pdf_path = g_build_filename (dir, "deck.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (pdf_path, NULL, NULL);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_publish_page_unref);
  PopplerDocument *document;
  g_autoptr(GError) error = NULL;
  const char *titles[] = { "ランサムウェアとは", "バックアップの3-2-1ルール", NULL };
  const char *texts[] = {
    "ランサムウェアはデータを暗号化して身代金を要求します。\n\n## 被害の例\n\n- 業務停止\n- 情報漏えい",
    "3つのコピー、2種類の媒体、1つは**社外**に保管します。",
    NULL,
  };
  cairo_surface_t *surface = cairo_pdf_surface_create (pdf_path, 960, 540);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < 3; i++)
    {
      PangoLayout *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK JP Bold 40");

      cairo_set_source_rgb (cr, 0.1, 0.3, 0.6);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, titles[i] ? titles[i] : "まとめ", -1);
      cairo_move_to (cr, 60, 220);
      pango_cairo_show_layout (cr, layout);
      cairo_show_page (cr);
      pango_font_description_free (font);
      g_object_unref (layout);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 480, 270);
      cairo_t *page_cr = cairo_create (image);
      g_autoptr(GByteArray) png = g_byte_array_new ();
      g_autoptr(GBytes) bytes = NULL;

      cairo_scale (page_cr, 0.5, 0.5);
      poppler_page_render (page, page_cr);
      g_object_unref (page);
      cairo_destroy (page_cr);
      cairo_surface_write_to_png_stream (image, append_png, png);
      cairo_surface_destroy (image);
      bytes = g_byte_array_free_to_bytes (g_steal_pointer (&png));
      g_ptr_array_add (pages, mdg_publish_page_new (titles[i], bytes, texts[i]));
    }
  g_object_unref (document);
  return g_steal_pointer (&pages);
}

/* Every entry of the zip, in order, with its contents. */
static GPtrArray *
read_zip (const char  *path,
          GHashTable **contents)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  *contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  archive_read_support_format_zip (archive);
  g_assert_cmpint (archive_read_open_filename (archive, path, 10240), ==, ARCHIVE_OK);
  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      g_autoptr(GByteArray) data = g_byte_array_new ();
      char buffer[8192];
      la_ssize_t n;

      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        g_byte_array_append (data, (guint8 *) buffer, n);
      g_assert_cmpint (n, ==, 0);
      g_ptr_array_add (names, g_strdup (archive_entry_pathname (entry)));
      g_hash_table_insert (*contents, g_strdup (archive_entry_pathname (entry)),
                           g_byte_array_free_to_bytes (g_steal_pointer (&data)));
    }
  archive_read_free (archive);
  return names;
}

static char *
zip_text (GHashTable *contents,
          const char *name)
{
  GBytes *bytes = g_hash_table_lookup (contents, name);

  g_assert_nonnull (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_epub (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) pages = render_pages (f->dir);
  g_autofree char *path = g_build_filename (f->dir, "ランサムウェア対策.epub", NULL);
  g_autoptr(GDateTime) modified = g_date_time_new_utc (2024, 6, 10, 3, 0, 0);
  MdgEpubInfo info = {
    .title = "ランサムウェア対策 基礎編",
    .author = "〇〇県中小企業サイバーセキュリティ相談窓口",
    .identifier = "8d5f3c1e-9a0b-4c2d-8e7f-123456789abc",
    .description = "セミナーで使うスライドと解説文です。",
    .modified = modified,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) contents = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *package = NULL;
  g_autofree char *nav = NULL;
  g_autofree char *page = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gsize length;
  int status;
  gint64 start;

  g_assert_true (mdg_epub_write (path, &info, pages, &error));
  g_assert_no_error (error);

  /* The OCF container as EPUB readers find it: "mimetype", first, stored, no extra
   * field, so that its contents sit at byte 38. */
  g_file_get_contents (path, &raw, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (raw, 4, "PK\x03\x04", 4);
  g_assert_cmpint (raw[8] | raw[9] << 8, ==, 0);
  g_assert_cmpint (raw[26] | raw[27] << 8, ==, 8);
  g_assert_cmpint (raw[28] | raw[29] << 8, ==, 0);
  g_assert_cmpmem (raw + 30, 28, "mimetypeapplication/epub+zip", 28);

  names = read_zip (path, &contents);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "mimetype");
  g_assert_true (g_hash_table_contains (contents, "META-INF/container.xml"));
  g_assert_true (g_hash_table_contains (contents, "EPUB/nav.xhtml"));
  g_assert_true (g_hash_table_contains (contents, "EPUB/images/slide-003.png"));
  g_assert_cmpmem (g_bytes_get_data (g_hash_table_lookup (contents, "EPUB/images/slide-001.png"), NULL), 4,
                   "\x89PNG", 4);
  g_assert_cmpuint (names->len, ==, 1 + 1 + 1 + 1 + 1 + 1 + 3 * 2);

  package = zip_text (contents, "EPUB/package.opf");
  g_assert_nonnull (strstr (package, "<dc:language>ja</dc:language>"));
  g_assert_nonnull (strstr (package, "urn:uuid:8d5f3c1e-9a0b-4c2d-8e7f-123456789abc"));
  g_assert_nonnull (strstr (package, "<meta property=\"dcterms:modified\">2024-06-10T03:00:00Z</meta>"));
  nav = zip_text (contents, "EPUB/nav.xhtml");
  g_assert_nonnull (strstr (nav, "epub:type=\"toc\""));
  g_assert_nonnull (strstr (nav, "2. バックアップの3-2-1ルール"));
  /* A slide without a title gets its number. */
  g_assert_nonnull (strstr (nav, "3. Slide 3"));
  page = zip_text (contents, "EPUB/pages/page-002.xhtml");
  g_assert_nonnull (strstr (page, "<strong>社外</strong>"));
  {
    xmlDocPtr doc = xmlReadMemory (page, strlen (page), NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);

    g_assert_nonnull (doc);
    xmlFreeDoc (doc);
  }

  /* epubcheck, the reference validator, finds nothing to say. */
  start = g_get_monotonic_time ();
  /* Debian's /usr/bin/epubcheck is the jar itself, which needs binfmt_misc: run it with
   * java, on the quick JIT and one GC thread, which halves its start-up on a busy machine. */
  g_spawn_sync (NULL,
                (char *[]) { (char *) g_getenv ("JAVA"), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                             "-XX:-UsePerfData", "-jar", (char *) g_getenv ("EPUBCHECK_JAR"), path, NULL },
                NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("epubcheck (%.1f s): %s%s", (g_get_monotonic_time () - start) / 1e6, out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "No errors or warnings detected"));
}

static void
test_epub_refuses (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "broken.epub", NULL);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_publish_page_unref);
  g_autoptr(GBytes) jpeg = g_bytes_new_static ("\xff\xd8\xff\xe0 not a png", 16);
  MdgEpubInfo info = { .title = "壊れた資料" };
  g_autoptr(GError) error = NULL;

  g_assert_false (mdg_epub_write (path, &info, pages, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);

  g_ptr_array_add (pages, mdg_publish_page_new ("表紙", jpeg, NULL));
  g_assert_false (mdg_epub_write (path, &info, pages, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/publish/markup", test_markup);
  g_test_add ("/publish/site", Fixture, NULL, fixture_set_up, test_site, fixture_tear_down);
  g_test_add ("/publish/site-refuses-foreign-folder", Fixture, NULL, fixture_set_up,
              test_site_refuses_foreign_folder, fixture_tear_down);
  g_test_add ("/publish/faq-html", Fixture, NULL, fixture_set_up, test_faq_html, fixture_tear_down);
  g_test_add ("/publish/epub", Fixture, NULL, fixture_set_up, test_epub, fixture_tear_down);
  g_test_add ("/publish/epub-refuses", Fixture, NULL, fixture_set_up, test_epub_refuses, fixture_tear_down);

  return mdg_test_run ();
}
