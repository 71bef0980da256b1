/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "mdg-attendee-sheet.h"
#include "mdg-badge-sheet.h"
#include "mdg-desk.h"
#include "mdg-error.h"
#include "mdg-faq-document.h"
#include "mdg-faq-store.h"
#include "mdg-feed-store.h"
#include "mdg-publish-page.h"
#include "mdg-slide-text-document.h"
#include "mdg-topic-sheet.h"
#include "mdg-registration-store.h"
#include "mdg-seminar-store.h"
#include "mdg-test-util.h"

/*
 * Every document is written as a PDF in the build folder and read back with Poppler:
 * pages, text, order, fonts. Page 1 of each is also rendered to a PNG beside it, to
 * look at. Run twice by meson, in English and in Japanese.
 */

/* Poppler 22.12 predates its own autoptr definitions. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define LONG_ORGANIZATION "特定非営利活動法人 多摩地域中小企業情報セキュリティ推進協議会 八王子・日野・町田・相模原合同事務局"

static char *dir;
static MdgDatabase *db;
static MdgSeminar *seminar;
static GPtrArray *attendees;
static GPtrArray *expected_order;   /* family readings in kana order */

static const char *
language (void)
{
  const char *l = g_getenv ("LANGUAGE");
  return l && *l ? l : "en";
}

static char *
output_path (const char *name,
             const char *extension)
{
  g_autofree char *file = g_strdup_printf ("document-%s-%s.%s", name, language (), extension);
  return g_build_filename (g_getenv ("G_TEST_BUILDDIR"), file, NULL);
}

static void
set_up (void)
{
  g_autofree char *vector_path = g_test_build_filename (G_TEST_DIST, "..", "data", "domain", "kana-order.txt", NULL);
  g_autofree char *vector = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 11, 26, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 11, 26, 16, 30);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shuffled = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  db = mdg_test_open_tmp_db (&dir);
  seminar = mdg_seminar_new ();
  g_object_set (seminar, "title", "中小企業のためのランサムウェア対策セミナー（第3回）", "starts-at", starts, "ends-at", ends,
                "venue", "立川商工会議所 3階 大会議室（東京都立川市曙町2-38-5）", NULL);
  g_assert_true (mdg_seminar_store_save (db, seminar, &error));

  /* The kana vector, registered in shuffled order, must come out sorted. */
  g_assert_true (g_file_get_contents (vector_path, &vector, NULL, NULL));
  lines = g_strsplit (vector, "\n", -1);
  expected_order = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; lines[i]; i++)
    if (lines[i][0] != '#' && lines[i][0] != '\0')
      {
        g_ptr_array_add (expected_order, g_strdup (lines[i]));
        g_ptr_array_add (shuffled, g_strdup (lines[i]));
      }
  for (guint i = shuffled->len - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      gpointer t = shuffled->pdata[i];
      shuffled->pdata[i] = shuffled->pdata[j];
      shuffled->pdata[j] = t;
    }

  for (guint i = 0; i < shuffled->len; i++)
    {
      g_autoptr(MdgPerson) person = mdg_person_new ();
      g_autoptr(MdgAttendee) attendee = NULL;
      const char *kana = g_ptr_array_index (shuffled, i);

      /* The family name is written in the reading itself, so the printed order can be read back. */
      mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, kana);
      mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, "太郎");
      mdg_person_set_text (person, MDG_PERSON_FAMILY_KANA, kana);
      mdg_person_set_text (person, MDG_PERSON_GIVEN_KANA, "たろう");
      mdg_person_set_text (person, MDG_PERSON_ORGANIZATION, i == 3 ? LONG_ORGANIZATION : "株式会社山﨑製作所");
      mdg_person_set_text (person, MDG_PERSON_TITLE, i % 2 ? "代表取締役" : "情報システム担当");
      attendee = mdg_registration_store_register (db, mdg_seminar_get_id (seminar), person,
                                                  MDG_REGISTRATION_SOURCE_MANUAL, NULL, &error);
      g_assert_no_error (error);
    }

  /* A cancelled registration is not printed. */
  {
    g_autoptr(MdgPerson) person = mdg_person_new ();
    g_autoptr(MdgAttendee) cancelled = NULL;

    mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, "取消済");
    cancelled = mdg_registration_store_register (db, mdg_seminar_get_id (seminar), person,
                                                 MDG_REGISTRATION_SOURCE_MANUAL, NULL, &error);
    g_assert_true (mdg_registration_store_cancel (db, cancelled, NULL, &error));
  }

  attendees = mdg_registration_store_list (db, mdg_seminar_get_id (seminar), &error);
  g_assert_no_error (error);
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PopplerDocument *document = poppler_document_new_from_gfile (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static void
save_first_page_png (PopplerDocument *document,
                     const char      *name)
{
  g_autofree char *png = output_path (name, "png");
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, 0);
  double width, height, scale = 60.0 / 72.0;
  cairo_surface_t *surface;
  cairo_t *cr;

  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width * scale, height * scale);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_test_message ("Page 1: %s", png);
}

static void
assert_fonts_embedded (PopplerDocument *document)
{
  PopplerFontInfo *info = poppler_font_info_new (document);
  PopplerFontsIter *iter = NULL;
  gboolean noto = FALSE;
  guint fonts = 0;

  while (poppler_font_info_scan (info, poppler_document_get_n_pages (document), &iter))
    {
      if (iter == NULL)
        continue;
      do
        {
          const char *name = poppler_fonts_iter_get_name (iter);

          fonts++;
          if (!poppler_fonts_iter_is_embedded (iter))
            g_error ("Font %s is not embedded", name);
          if (name && strstr (name, "NotoSansCJK"))
            noto = TRUE;
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      iter = NULL;
    }
  poppler_font_info_free (info);
  g_assert_cmpuint (fonts, >, 0);
  g_assert_true (noto);
}

/* All text of a page with line breaks and spaces removed, so wrapped cells read whole. */
static char *
page_text (PopplerDocument *document,
           int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, index);
  g_autofree char *text = poppler_page_get_text (page);
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != '\n' && *p != ' ' && *p != '\r')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static char *
export (MdgDocument *document,
        const char  *name,
        guint       *n_pages)
{
  g_autofree char *path = output_path (name, "pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) printed = mdg_test_local (2026, 11, 26, 9, 30);

  mdg_document_set_printed_at (document, printed);
  g_assert_true (mdg_document_export_pdf (document, path, &error));
  g_assert_no_error (error);
  *n_pages = mdg_document_get_n_pages (document);
  return g_steal_pointer (&path);
}

static void
check_sheet (MdgAttendeeSheetKind kind,
             const char          *name)
{
  g_autoptr(MdgDocument) document = mdg_attendee_sheet_new (seminar, attendees, kind);
  guint n_pages;
  g_autofree char *path = export (document, name, &n_pages);
  g_autoptr(PopplerDocument) pdf = open_pdf (path);
  g_autoptr(GString) all = g_string_new (NULL);
  const char *cursor;

  /* 32 attendees do not fit on one A4 page with header and footer. */
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, n_pages);
  g_assert_cmpuint (n_pages, >=, 2);

  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *text = page_text (pdf, p);
      g_autofree char *counter = g_strdup_printf (_("Page %u of %u"), p + 1, n_pages);
      g_autofree char *notice = g_strdup (_("Contains personal data — handle with care"));
      GString *stripped = g_string_new (NULL);

      /* Header on every page: the title; footer: page n of N and the personal-data notice. */
      g_assert_nonnull (strstr (text, "ランサムウェア対策セミナー"));
      for (const char *c = counter; *c; c++)
        if (*c != ' ')
          g_string_append_c (stripped, *c);
      g_assert_nonnull (strstr (text, stripped->str));
      g_string_free (stripped, TRUE);
      stripped = g_string_new (NULL);
      for (const char *c = notice; *c; c++)
        if (*c != ' ')
          g_string_append_c (stripped, *c);
      g_assert_nonnull (strstr (text, stripped->str));
      g_string_free (stripped, TRUE);
      g_string_append (all, text);
    }

  /* Every attendee, in kana order, and the cancelled one nowhere. */
  cursor = all->str;
  for (guint i = 0; i < expected_order->len; i++)
    {
      g_autofree char *name_text = g_strconcat (g_ptr_array_index (expected_order, i), "太郎", NULL);
      const char *found = strstr (cursor, name_text);

      if (found == NULL)
        g_error ("%s: “%s” is missing or out of kana order", name, name_text);
      cursor = found + strlen (name_text);
    }
  g_assert_null (strstr (all->str, "取消済"));

  /* The long organization is there whole: wrapped and shrunk, not cut. */
  {
    GString *want = g_string_new (NULL);

    for (const char *c = LONG_ORGANIZATION; *c; c++)
      if (*c != ' ')
        g_string_append_c (want, *c);
    g_assert_nonnull (strstr (all->str, want->str));
    g_string_free (want, TRUE);
  }

  assert_fonts_embedded (pdf);
  save_first_page_png (pdf, name);
}

static void
test_attendee_list (void)
{
  check_sheet (MDG_ATTENDEE_SHEET_LIST, "attendee-list");
}

static void
test_sign_in_sheet (void)
{
  check_sheet (MDG_ATTENDEE_SHEET_SIGN_IN, "sign-in-sheet");
}

static void
test_badges (void)
{
  g_autoptr(MdgDocument) document = mdg_badge_sheet_new (seminar, attendees);
  guint n_pages;
  g_autofree char *path = export (document, "badges", &n_pages);
  g_autoptr(PopplerDocument) pdf = open_pdf (path);
  g_autoptr(GString) all = g_string_new (NULL);

  /* 32 registered attendees at 10 a sheet. */
  g_assert_cmpuint (n_pages, ==, 4);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 4);
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *text = page_text (pdf, p);
      g_string_append (all, text);
    }
  for (guint i = 0; i < expected_order->len; i++)
    g_assert_nonnull (strstr (all->str, g_ptr_array_index (expected_order, i)));
  g_assert_nonnull (strstr (all->str, "株式会社山﨑製作所"));
  g_assert_null (strstr (all->str, "取消済"));

  assert_fonts_embedded (pdf);
  save_first_page_png (pdf, "badges");

  /* Other paper holds what fits: US Letter 2 × 4, JIS B5 one column of 4. */
  {
    g_autoptr(MdgDocument) letter = mdg_badge_sheet_new (seminar, attendees);
    g_autoptr(MdgDocument) b5 = mdg_badge_sheet_new (seminar, attendees);
    g_autofree char *letter_path = NULL;
    g_autofree char *b5_path = NULL;

    mdg_document_set_page_size (letter, 612, 792);
    mdg_document_set_page_size (b5, 515.906, 728.504);
    letter_path = export (letter, "badges-letter", &n_pages);
    g_assert_cmpuint (n_pages, ==, 4);
    b5_path = export (b5, "badges-b5", &n_pages);
    g_assert_cmpuint (n_pages, ==, 8);
  }
}

static void
test_era_dates (void)
{
  g_autoptr(MdgDocument) document = mdg_attendee_sheet_new (seminar, attendees, MDG_ATTENDEE_SHEET_LIST);
  guint n_pages;
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  mdg_document_set_era_dates (document, TRUE);
  path = export (document, "attendee-list-era", &n_pages);
  pdf = open_pdf (path);
  text = page_text (pdf, 0);
  expected = g_strdup (g_str_has_prefix (language (), "ja") ? "令和8年11月26日(木)" : "Reiwa8");
  g_assert_nonnull (strstr (text, expected));
}

/* All pages' text, without line breaks or spaces. */
static char *
all_text (PopplerDocument *pdf)
{
  GString *all = g_string_new (NULL);

  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autofree char *text = page_text (pdf, p);

      g_string_append (all, text);
    }
  return g_string_free (all, FALSE);
}

static const char *
after (const char *haystack,
       const char *needle)
{
  const char *found = strstr (haystack, needle);

  if (found == NULL)
    g_error ("“%s” is missing or out of order", needle);
  return found + strlen (needle);
}

static void
test_faq_pdf (void)
{
  g_autoptr(GString) long_answer = g_string_new (NULL);
  g_autoptr(GPtrArray) chapters = NULL;
  g_autoptr(MdgDeskContact) desk = g_new0 (MdgDeskContact, 1);
  g_autoptr(MdgDocument) document = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *cursor;
  guint n_pages;
  const struct { const char *question; const char *key; gboolean published; } entries[] = {
    { "パスワードは何文字以上にすべきですか？", "M2-05", TRUE },
    { "ランサムウェアに感染したらまず何をしますか？", "M4-05", TRUE },
    { "身代金を払えばデータは戻りますか？", "M1-02", TRUE },
    { "バックアップは何世代残せばよいですか？", "M2-04", TRUE },
    { "相談は無料ですか？", NULL, TRUE },
    { "公開していない下書き", "M2-04", FALSE },
  };

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (long_answer, "%u. 手順その%u：ネットワークから切り離し、管理者に連絡してください。\n", i + 1, i + 1);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(MdgFaqEntry) entry = mdg_faq_entry_new ();
      g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_faq_category_unref);

      mdg_faq_entry_set_question (entry, entries[i].question);
      mdg_faq_entry_set_answer (entry, i == 1 ? long_answer->str : "**定期的に**見直し、社内で共有しましょう。");
      mdg_faq_entry_set_published (entry, entries[i].published);
      if (entries[i].key != NULL)
        g_ptr_array_add (categories, mdg_faq_store_find_category (db, entries[i].key, NULL));
      g_ptr_array_add (categories, mdg_faq_store_find_category (db, "T-RANSOM", NULL));
      mdg_faq_entry_set_categories (entry, categories);
      g_assert_true (mdg_faq_store_save (db, entry, &error));
      g_assert_no_error (error);
    }

  chapters = mdg_faq_store_list_chapters (db, &error);
  g_assert_no_error (error);
  desk->name = g_strdup ("〇〇県中小企業サイバーセキュリティ相談窓口");
  desk->phone = g_strdup ("03-0000-0000");
  document = mdg_faq_document_new (chapters, desk);
  path = export (document, "faq", &n_pages);
  pdf = open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, n_pages);
  /* The long answer runs over a page. */
  g_assert_cmpuint (n_pages, >=, 2);
  assert_fonts_embedded (pdf);
  save_first_page_png (pdf, "faq");

  /* By the guidebook's chapters in order, questions under them, the rest last, the
   * contact at the end; the draft nowhere. */
  text = all_text (pdf);
  cursor = after (text, "〇〇県中小企業サイバーセキュリティ相談窓口");
  cursor = after (cursor, "MISSION1");
  cursor = after (cursor, "身代金を払えばデータは戻りますか？");
  cursor = after (cursor, "MISSION2");
  cursor = after (cursor, "バックアップは何世代残せばよいですか？");
  cursor = after (cursor, "パスワードは何文字以上にすべきですか？");
  cursor = after (cursor, "MISSION4");
  cursor = after (cursor, "手順その30");
  cursor = after (cursor, "相談は無料ですか？");
  cursor = after (cursor, "03-0000-0000");
  g_assert_null (strstr (text, "公開していない下書き"));
  g_assert_nonnull (strstr (text, "ランサムウェア"));
  mdg_test_exec (db, "DELETE FROM faq_entry");
}

static void
test_topic_sheet (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_feed_entry_free);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(MdgDocument) document = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *critical = NULL;
  MdgFeedFetchRecord record = { .http_status = 200 };
  gint64 source = mdg_feed_store_add_source (db, "JVN", "https://jvn.example.jp/rss/jvn.rdf", &error);
  const struct { const char *title; MdgSeverity severity; const char *cves; } picks[] = {
    { "ルータ管理画面の認証回避", MDG_SEVERITY_HIGH, NULL },
    { "VPN 装置の境界外書き込み", MDG_SEVERITY_CRITICAL, "CVE-2024-21762" },
    { "フィッシングサイトの増加について", MDG_SEVERITY_UNKNOWN, NULL },
  };
  const char *cursor;
  guint n_pages;

  for (guint i = 0; i < G_N_ELEMENTS (picks); i++)
    {
      MdgFeedEntry *entry = mdg_feed_entry_new ();

      entry->guid = g_strdup_printf ("pick-%u", i);
      entry->title = g_strdup (picks[i].title);
      entry->link = g_strdup_printf ("https://jvn.example.jp/vu/%u/", i);
      entry->summary = g_strdup ("影響を受ける製品を利用している場合は、開発者が提供する情報をもとに最新版へ更新してください。");
      entry->severity = picks[i].severity;
      entry->cve_ids = picks[i].cves ? g_strsplit (picks[i].cves, " ", -1) : NULL;
      entry->published = g_date_time_new_utc (2026, 11, 10 + i, 1, 0, 0);
      g_ptr_array_add (entries, entry);
    }
  g_assert_true (mdg_feed_store_record_fetch (db, source, &record, entries, NULL, &error));
  g_assert_no_error (error);
  for (gint64 id = 1; id <= 3; id++)
    g_assert_true (mdg_feed_store_pick_for_seminar (db, id, mdg_seminar_get_id (seminar), &error));

  items = mdg_feed_store_list_seminar_topics (db, mdg_seminar_get_id (seminar), &error);
  g_assert_no_error (error);
  document = mdg_topic_sheet_new (seminar, items);
  path = export (document, "topics", &n_pages);
  pdf = open_pdf (path);
  g_assert_cmpuint (n_pages, ==, 1);
  assert_fonts_embedded (pdf);
  save_first_page_png (pdf, "topics");

  text = all_text (pdf);
  /* The seminar's header, then the most severe first, with JVN's words for severity. */
  critical = g_strdup_printf ("【%s】", C_("severity", "Critical"));
  cursor = after (text, "ランサムウェア対策セミナー");
  cursor = after (cursor, critical);
  cursor = after (cursor, "VPN装置の境界外書き込み");
  cursor = after (cursor, "CVE-2024-21762");
  cursor = after (cursor, "ルータ管理画面の認証回避");
  cursor = after (cursor, "フィッシングサイトの増加について");
  mdg_test_exec (db, "DELETE FROM feed_source WHERE key IS NULL");
}

static GBytes *
slide_png (double      r,
           double      g,
           double      b,
           const char *label)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 360);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK JP Bold 36");
  g_autofree char *path = g_build_filename (dir, "slide.png", NULL);
  char *data;
  gsize length;

  cairo_set_source_rgb (cr, r, g, b);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, label, -1);
  cairo_move_to (cr, 40, 150);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_bytes_new_take (data, length);
}

static void
test_slide_texts (void)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_publish_page_unref);
  g_autoptr(GString) long_text = g_string_new ("## 解説\n\n");
  g_autoptr(MdgDocument) document = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  guint n_pages;
  int images = 0;

  for (guint i = 0; i < 25; i++)
    g_string_append (long_text, "バックアップは複数の媒体に分け、少なくとも一つは社外やクラウドに保管します。\n\n");
  {
    g_autoptr(GBytes) one = slide_png (0.1, 0.3, 0.6, "ランサムウェアとは");
    g_autoptr(GBytes) two = slide_png (0.6, 0.2, 0.1, "3-2-1 ルール");

    g_ptr_array_add (pages, mdg_publish_page_new ("ランサムウェアとは", one, "データを暗号化し、**身代金**を要求します。"));
    g_ptr_array_add (pages, mdg_publish_page_new (NULL, two, long_text->str));
  }

  document = mdg_slide_text_document_new ("ランサムウェア対策 基礎編", "相談窓口", pages, &error);
  g_assert_no_error (error);
  path = export (document, "slide-texts", &n_pages);
  pdf = open_pdf (path);
  /* One page for the first slide; the second's long text runs on. */
  g_assert_cmpuint (n_pages, >=, 3);
  assert_fonts_embedded (pdf);
  save_first_page_png (pdf, "slide-texts");
  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, p);
      GList *mapping = poppler_page_get_image_mapping (page);

      images += g_list_length (mapping);
      poppler_page_free_image_mapping (mapping);
    }
  g_assert_cmpint (images, ==, 2);

  text = all_text (pdf);
  after (after (after (text, "1.ランサムウェアとは"), "身代金"), "解説");

  {
    g_autoptr(GBytes) not_png = g_bytes_new_static ("GIF89a", 6);

    g_ptr_array_add (pages, mdg_publish_page_new ("壊れた画像", not_png, NULL));
    g_clear_object (&document);
    document = mdg_slide_text_document_new ("壊れた資料", NULL, pages, &error);
    g_assert_null (document);
    g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  mdg_test_init (&argc, &argv);
  set_up ();

  g_test_add_func ("/documents/attendee-list", test_attendee_list);
  g_test_add_func ("/documents/sign-in-sheet", test_sign_in_sheet);
  g_test_add_func ("/documents/badges", test_badges);
  g_test_add_func ("/documents/era-dates", test_era_dates);
  g_test_add_func ("/documents/faq", test_faq_pdf);
  g_test_add_func ("/documents/topics", test_topic_sheet);
  g_test_add_func ("/documents/slide-texts", test_slide_texts);

  status = g_test_run ();

  g_ptr_array_unref (attendees);
  g_ptr_array_unref (expected_order);
  g_object_unref (seminar);
  g_object_unref (db);
  mdg_test_rm_rf (dir);
  return status;
}
