/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <poppler.h>

#include "mdg-attendee-sheet.h"
#include "mdg-badge-sheet.h"
#include "mdg-question-sheet.h"
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

/* A second seminar whose registrations say how people attend and what they ask. */
static GPtrArray *
attendees_with_questions (MdgSeminar **out_seminar)
{
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 30);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_question = g_string_new ("長い質問の始まり。");
  MdgSeminar *other = mdg_seminar_new ();
  /* Registered in this order, which is the order they applied: not the kana order. */
  static const char *names[][4] = {
    { "渡辺", "わたなべ", "株式会社渡辺建設", "online" },
    { "青木", "あおき", "青木化学工業株式会社", "venue" },
    { "中村", "なかむら", "中村印刷株式会社", "venue" },
    { "伊藤", "いとう", "医療法人社団いとう会", "online" },
    { "佐藤", "さとう", "立川精密工業株式会社", "venue" },
  };

  g_object_set (other, "title", "事前質問のあるセミナー", "starts-at", starts, "ends-at", ends, NULL);
  g_assert_true (mdg_seminar_store_save (db, other, &error));
  for (guint i = 0; i < 160; i++)
    g_string_append_printf (long_question, "\n%u行目：バックアップの世代管理とオフライン保管について具体的な手順を教えてください。", i + 1);
  g_string_append (long_question, "\n長い質問の終わり。");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(MdgPerson) person = mdg_person_new ();
      g_autoptr(MdgAttendee) attendee = NULL;
      g_autofree char *question = NULL;

      mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, names[i][0]);
      mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, "一郎");
      mdg_person_set_text (person, MDG_PERSON_FAMILY_KANA, names[i][1]);
      mdg_person_set_text (person, MDG_PERSON_ORGANIZATION, names[i][2]);
      attendee = mdg_registration_store_register (db, mdg_seminar_get_id (other), person,
                                                  MDG_REGISTRATION_SOURCE_MANUAL, NULL, &error);
      g_assert_no_error (error);
      /* 中村 asks nothing; 伊藤 asks a question longer than a page. */
      if (i == 3)
        question = g_strdup (long_question->str);
      else if (i != 2)
        question = g_strdup_printf ("%sからの質問です。\n二行目もあります。", names[i][0]);
      g_assert_true (mdg_registration_store_save_details (db, attendee,
                                                          g_str_equal (names[i][3], "online") ? MDG_ATTENDANCE_ONLINE
                                                                                              : MDG_ATTENDANCE_VENUE,
                                                          question, &error));
      g_assert_cmpint (mdg_attendee_get_attendance (attendee), ==,
                       g_str_equal (names[i][3], "online") ? MDG_ATTENDANCE_ONLINE : MDG_ATTENDANCE_VENUE);
    }
  *out_seminar = other;
  return mdg_registration_store_list (db, mdg_seminar_get_id (other), &error);
}

static void
test_questions (void)
{
  g_autoptr(MdgSeminar) other = NULL;
  g_autoptr(GPtrArray) list = attendees_with_questions (&other);
  g_autoptr(MdgDocument) document = mdg_question_sheet_new (other, list);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *path = NULL;
  static const char *applied_order[] = { "渡辺一郎", "青木一郎", "伊藤一郎", "佐藤一郎" };
  const char *cursor;
  guint n_pages;

  path = export (document, "questions", &n_pages);
  pdf = open_pdf (path);
  /* The long question does not fit one page: it goes on, it is not cut. */
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, n_pages);
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *text = page_text (pdf, p);
      g_autofree char *notice = g_strdup (_("Contains personal data — handle with care"));

      g_string_append (all, text);
      g_strdelimit (notice, " ", '\0');
      g_assert_nonnull (strstr (text, notice));
    }

  /* In the order people applied, each with company and name; 中村 asked nothing. */
  cursor = all->str;
  for (guint i = 0; i < G_N_ELEMENTS (applied_order); i++)
    {
      const char *found = strstr (cursor, applied_order[i]);

      if (found == NULL)
        g_error ("“%s” is missing from the questions or out of applied order", applied_order[i]);
      cursor = found;
    }
  g_assert_null (strstr (all->str, "中村一郎"));
  g_assert_nonnull (strstr (all->str, "株式会社渡辺建設"));
  g_assert_nonnull (strstr (all->str, "渡辺からの質問です。二行目もあります。"));
  g_assert_nonnull (strstr (all->str, "長い質問の始まり。"));
  g_assert_nonnull (strstr (all->str, "160行目：バックアップの世代管理"));
  g_assert_nonnull (strstr (all->str, "長い質問の終わり。"));
  for (guint i = 1; i <= 160; i++)
    {
      g_autofree char *line = g_strdup_printf ("%u行目：", i);
      g_assert_nonnull (strstr (all->str, line));
    }
  assert_fonts_embedded (pdf);
  save_first_page_png (pdf, "questions");
}

/* The sign-in sheet and badges are for the venue; online attendees have a list of their own. */
static void
test_venue_and_online (void)
{
  g_autoptr(MdgSeminar) other = NULL;
  g_autoptr(GPtrArray) list = attendees_with_questions (&other);
  static const struct {
    const char *name;
    gboolean    venue;
  } people[] = { { "渡辺一郎", FALSE }, { "青木一郎", TRUE }, { "中村一郎", TRUE }, { "伊藤一郎", FALSE }, { "佐藤一郎", TRUE } };
  const struct {
    MdgDocument *document;
    const char  *name;
    int          venue;   /* 1: venue only, 0: online only, -1: everyone */
  } documents[] = {
    { mdg_attendee_sheet_new (other, list, MDG_ATTENDEE_SHEET_SIGN_IN), "sign-in-venue", 1 },
    { mdg_badge_sheet_new (other, list), "badges-venue", 1 },
    { mdg_attendee_sheet_new (other, list, MDG_ATTENDEE_SHEET_ONLINE), "online-list", 0 },
    { mdg_attendee_sheet_new (other, list, MDG_ATTENDEE_SHEET_LIST), "attendee-list-all", -1 },
  };

  for (guint d = 0; d < G_N_ELEMENTS (documents); d++)
    {
      guint n_pages;
      g_autofree char *path = export (documents[d].document, documents[d].name, &n_pages);
      g_autoptr(PopplerDocument) pdf = open_pdf (path);
      g_autofree char *text = page_text (pdf, 0);

      for (guint p = 0; p < G_N_ELEMENTS (people); p++)
        {
          gboolean expected = documents[d].venue < 0 || documents[d].venue == people[p].venue;

          if ((strstr (text, people[p].name) != NULL) != expected)
            g_error ("%s: %s should %sbe there", documents[d].name, people[p].name, expected ? "" : "not ");
        }
      if (documents[d].venue == 0)
        save_first_page_png (pdf, documents[d].name);
      g_object_unref (documents[d].document);
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
  g_test_add_func ("/documents/questions", test_questions);
  g_test_add_func ("/documents/venue-and-online", test_venue_and_online);

  status = g_test_run ();

  g_ptr_array_unref (attendees);
  g_ptr_array_unref (expected_order);
  g_object_unref (seminar);
  g_object_unref (db);
  mdg_test_rm_rf (dir);
  return status;
}
