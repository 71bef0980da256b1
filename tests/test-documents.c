/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <poppler.h>

#include "mdg-attendee-sheet.h"
#include "mdg-badge-sheet.h"
#include "mdg-registration-store.h"
#include "mdg-seminar-store.h"
#include "mdg-test-util.h"
#include "mdg-text.h"

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
  g_autoptr(GPtrArray) order = mdg_test_load_kana_order ();
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
  expected_order = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < order->len; i++)
    {
      /* Stored, and so printed, in full width: ﾀｶﾉ is タカノ on paper. */
      g_ptr_array_add (expected_order, mdg_text_normalize (g_ptr_array_index (order, i)));
      g_ptr_array_add (shuffled, g_strdup (g_ptr_array_index (order, i)));
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

  status = g_test_run ();

  g_ptr_array_unref (attendees);
  g_ptr_array_unref (expected_order);
  g_object_unref (seminar);
  g_object_unref (db);
  mdg_test_rm_rf (dir);
  return status;
}
