/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "mdg-advice-letter.h"
#include "mdg-attendee-sheet.h"
#include "mdg-badge-sheet.h"
#include "mdg-document-private.h"
#include "mdg-calendar.h"
#include "mdg-category.h"
#include "mdg-consultation-sheet.h"
#include "mdg-consultation-store.h"
#include "mdg-desk.h"
#include "mdg-follow-up.h"
#include "mdg-error.h"
#include "mdg-faq-document.h"
#include "mdg-faq-store.h"
#include "mdg-feed-store.h"
#include "mdg-publish-page.h"
#include "mdg-slide-text-document.h"
#include "mdg-topic-sheet.h"
#include "mdg-question-sheet.h"
#include "mdg-registration-store.h"
#include "mdg-report-document.h"
#include "mdg-seminar-store.h"
#include "mdg-slot-store.h"
#include "mdg-slot-timetable.h"
#include "mdg-staff-store.h"
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

/* Where @text first shows on page 1, from the left edge, in points. */
static double
text_x (PopplerDocument *document,
        const char      *text)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, 0);
  GList *found = poppler_page_find_text (page, text);
  double x;

  if (found == NULL)
    g_error ("“%s” is not on page 1", text);
  x = ((PopplerRectangle *) found->data)->x1;
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  return x;
}

/*
 * The boxes to tick: on page 1, rendered at 2 pixels a point, the darkest pixel column
 * of the table's first 30 points holds a box's side in every row (11 points, 22
 * pixels, each); without boxes only the row rules cross it.
 */
static void
assert_tick_boxes (PopplerDocument *document,
                   guint            rows)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, 0);
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  int stride, darkest = 0;
  guchar *data;

  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width * 2, height * 2);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 2, 2);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  /* From just inside the margin (12 mm) to 30 points in, below the header. */
  for (int x = 2 * 36; x < 2 * (34 + 30); x++)
    {
      int dark = 0;

      for (int y = 2 * 120; y < 2 * (height - 60); y++)
        if ((((guint32 *) (data + y * stride))[x] & 0xff) < 0x80)
          dark++;
      darkest = MAX (darkest, dark);
    }
  cairo_surface_destroy (surface);
  g_assert_cmpint (darkest, >, (int) rows * 18);
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

  /* A box to tick before the number on both; the attendee list, sorted by name, shows
   * the name before the organization, the sign-in sheet the organization first. */
  {
    double tick = text_x (pdf, "✓"), number = text_x (pdf, "M00");
    double person = text_x (pdf, "太郎"), organization = text_x (pdf, "山﨑製作所");
    g_autoptr(PopplerPage) first = poppler_document_get_page (pdf, 0);
    g_autofree char *first_text = poppler_page_get_text (first);
    guint rows = 0;

    for (const char *p = first_text; (p = strstr (p, "太郎")) != NULL; p++)
      rows++;
    g_assert_cmpfloat (tick, <, number);
    if (kind == MDG_ATTENDEE_SHEET_LIST)
      {
        g_assert_cmpfloat (number, <, person);
        g_assert_cmpfloat (person, <, organization);
      }
    else
      {
        g_assert_cmpfloat (number, <, organization);
        g_assert_cmpfloat (organization, <, person);
      }
    g_assert_cmpuint (rows, >=, 16);
    assert_tick_boxes (pdf, rows);
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

typedef struct
{
  double size;
  int    width;
  int    height;
  int    lines;
  gboolean ellipsized;
} Fitted;

static Fitted
fit (PangoLayout *layout,
     const char  *text,
     double       width,
     double       height,
     double       size,
     double       min_size)
{
  Fitted fitted = { 0 };

  fitted.size = _mdg_document_fit_text (layout, text, width, height, size, min_size);
  pango_layout_get_size (layout, &fitted.width, &fitted.height);
  fitted.lines = pango_layout_get_line_count (layout);
  fitted.ellipsized = pango_layout_is_ellipsized (layout);
  return fitted;
}

/*
 * Fitting on a style's shared layout gives what a new layout gives, whatever the texts
 * fitted on it before (shrunk, wrapped, ellipsized, with markup); and the rules hold:
 * a text that fits stays whole on one line, one that just misses shrinks a little on
 * one line, a longer one wraps, and only one too long even at the smallest size is
 * ellipsized.
 */
static void
test_fit_text (void)
{
  static const struct { const char *text; double width, height, size, min_size; } cases[] = {
    { "株式会社山﨑製作所", 150, 30, 9, 5 },
    { "情報システム担当", 67.8, 30, 8.5, 5 },
    { LONG_ORGANIZATION, 140, 30, 9, 5 },
    { LONG_ORGANIZATION LONG_ORGANIZATION LONG_ORGANIZATION, 60, 20, 9, 5 },
    { "株式会社山﨑製作所\n情報システム部", 150, 30, 9, 5 },
    { "あおき たろう", 130, 9, 6.5, 4.5 },
    { "", 50, 20, 8, 5 },
  };
  g_autoptr(MdgDocument) document = mdg_attendee_sheet_new (seminar, attendees, MDG_ATTENDEE_SHEET_LIST);
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (NULL, NULL, MDG_A4_WIDTH, MDG_A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  Fitted fresh[G_N_ELEMENTS (cases)];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PangoLayout) layout = _mdg_document_layout (cr, cases[i].size, FALSE);

      fresh[i] = fit (layout, cases[i].text, cases[i].width, cases[i].height, cases[i].size, cases[i].min_size);
    }

  g_assert_cmpfloat (fresh[0].size, ==, 9);
  g_assert_cmpint (fresh[0].lines, ==, 1);
  g_assert_cmpfloat (fresh[1].size, <, 8.5);
  g_assert_cmpfloat (fresh[1].size, >=, 8.5 * 0.8);
  g_assert_cmpint (fresh[1].lines, ==, 1);
  g_assert_cmpint (fresh[2].lines, >, 1);
  g_assert_false (fresh[2].ellipsized);
  g_assert_cmpfloat (fresh[3].size, ==, 5);
  g_assert_true (fresh[3].ellipsized);
  g_assert_cmpint (fresh[4].lines, ==, 2);
  g_assert_cmpfloat (fresh[5].size, <, 6.5);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpfloat ((double) fresh[i].width / PANGO_SCALE, <=, cases[i].width);
      g_assert_cmpfloat ((double) fresh[i].height / PANGO_SCALE, <=, cases[i].height);
    }

  /* Every case after every other one, on the shared layout of its style. */
  for (guint before = 0; before < G_N_ELEMENTS (cases); before++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        PangoLayout *layout = _mdg_document_get_layout (document, cr, cases[before].size, FALSE);
        Fitted shared;

        fit (layout, cases[before].text, cases[before].width, cases[before].height, cases[before].size,
             cases[before].min_size);
        pango_layout_set_markup (layout, "<b>太字</b>", -1);
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);

        layout = _mdg_document_get_layout (document, cr, cases[i].size, FALSE);
        shared = fit (layout, cases[i].text, cases[i].width, cases[i].height, cases[i].size, cases[i].min_size);
        g_assert_cmpfloat (shared.size, ==, fresh[i].size);
        g_assert_cmpint (shared.width, ==, fresh[i].width);
        g_assert_cmpint (shared.height, ==, fresh[i].height);
        g_assert_cmpint (shared.lines, ==, fresh[i].lines);
        g_assert_cmpint (shared.ellipsized, ==, fresh[i].ellipsized);
        g_assert_cmpint (pango_layout_get_alignment (layout), ==, PANGO_ALIGN_LEFT);
      }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static gpointer
export_in_thread (gpointer data)
{
  g_autoptr(MdgDocument) document = mdg_attendee_sheet_new (seminar, attendees, MDG_ATTENDEE_SHEET_SIGN_IN);
  g_autoptr(GDateTime) printed = mdg_test_local (2026, 11, 26, 9, 30);
  g_autoptr(GError) error = NULL;

  mdg_document_set_printed_at (document, printed);
  g_assert_true (mdg_document_export_pdf (document, data, &error));
  g_assert_no_error (error);
  return NULL;
}

/* Documents made in several threads at once (each thread lays text out on its own)
 * read the same as one made alone. */
static void
test_threads (void)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autoptr(PopplerDocument) alone = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("sign-in-thread%u", i);

      g_ptr_array_add (paths, output_path (name, "pdf"));
    }
  export_in_thread (paths->pdata[0]);
  for (guint i = 1; i < paths->len; i++)
    g_ptr_array_add (threads, g_thread_new ("export", export_in_thread, paths->pdata[i]));
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);

  alone = open_pdf (paths->pdata[0]);
  for (guint i = 1; i < paths->len; i++)
    {
      g_autoptr(PopplerDocument) other = open_pdf (paths->pdata[i]);

      g_assert_cmpint (poppler_document_get_n_pages (other), ==, poppler_document_get_n_pages (alone));
      for (int p = 0; p < poppler_document_get_n_pages (alone); p++)
        {
          g_autofree char *expected = page_text (alone, p);
          g_autofree char *text = page_text (other, p);

          g_assert_cmpstr (text, ==, expected);
        }
    }
}

/* Text without spaces or line breaks, to find it in a page's text however it wrapped. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != '\n' && *p != ' ' && *p != '\r')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  g_autofree char *want = squeeze (needle);

  if (strstr (haystack, want) == NULL)
    g_error ("“%s” is not in the document", needle);
}

/* All pages' text, squeezed. */
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

static gint64
consultation_staff (const char   *name,
                    MdgStaffRole  role)
{
  g_autoptr(MdgStaff) staff = mdg_staff_store_find (db, name, NULL);
  g_autoptr(GError) error = NULL;

  if (staff != NULL)
    return mdg_staff_get_id (staff);
  staff = mdg_staff_new (name, role);
  g_assert_true (mdg_staff_store_save (db, staff, &error));
  return mdg_staff_get_id (staff);
}

/* A consultation as the desk records them, answered, with a follow-up. */
static MdgConsultation *
recorded_consultation (gboolean      with_person,
                       gboolean      sensitive,
                       MdgFollowUp **follow_up)
{
  gint64 desk = consultation_staff ("窓口 一郎", MDG_STAFF_ROLE_FIRST_LINE);
  gint64 specialist = consultation_staff ("佐藤 花子", MDG_STAFF_ROLE_SECOND_LINE);
  g_autoptr(MdgConsultation) c = mdg_consultation_new (MDG_CHANNEL_EMAIL);
  g_autoptr(MdgPerson) person = mdg_person_new ();
  g_autoptr(GDateTime) received = mdg_test_local (2026, 11, 24, 10, 15);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) question = g_string_new ("社内のファイルサーバーのファイルが開けなくなり、拡張子が「.lockbit」に変わっています。\n");
  const char *keys[] = { "K-AFTER", "T-RANSOM", "M1-02", NULL };
  GDate due;

  /* Long enough to run over to a second page. */
  for (int i = 1; i <= 40; i++)
    g_string_append_printf (question, "経過%02d：サーバー室で確認した内容を記録しています。バックアップからの復旧可否を確認中。\n", i);
  g_string_append (question, "最後の行です。");
  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, "山田");
  mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, "太郎");
  mdg_person_set_text (person, MDG_PERSON_EMAIL, "yamada@tachikawa-seimitsu.example.jp");
  mdg_consultation_set_received_at (c, received);
  mdg_consultation_set_text (c, MDG_CONSULTATION_ORGANIZATION, "立川精密工業株式会社");
  mdg_consultation_set_text (c, MDG_CONSULTATION_SUBJECT, "ファイルサーバーのランサムウェア感染");
  mdg_consultation_set_text (c, MDG_CONSULTATION_QUESTION, question->str);
  mdg_consultation_set_urgency (c, MDG_URGENCY_URGENT);
  mdg_consultation_set_sensitive (c, sensitive);
  ids = mdg_category_store_resolve_keys (db, keys, &error);
  mdg_consultation_set_category_ids (c, ids);
  g_assert_true (mdg_consultation_store_add (db, desk, c, with_person ? person : NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mdg_consultation_store_dispatch (db, desk, c, specialist, "警察への相談を勧める", &error));
  g_assert_true (mdg_consultation_store_answer (db, specialist, c,
                                                "感染した端末をネットワークから切り離し、オフラインのバックアップから復旧してください。",
                                                NULL, &error));
  *follow_up = mdg_follow_up_new ("バックアップ運用の見直し");
  mdg_follow_up_set_consultation_id (*follow_up, mdg_consultation_get_id (c));
  mdg_follow_up_set_advice (*follow_up, "週次のバックアップを、ネットワークから切り離した媒体にも保存してください。\n"
                                        "復旧手順を年に一度、実際に試してください。");
  g_assert_true (mdg_date_parse_iso ("2026-12-04", &due));
  mdg_follow_up_set_due_date (*follow_up, &due);
  g_assert_true (mdg_follow_up_store_add (db, specialist, *follow_up, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&c);
}

static void
set_desk (void)
{
  MdgDeskContact desk = { .name = "多摩中小企業サイバーセキュリティ相談窓口", .address = "東京都立川市曙町2-38-5",
                          .phone = "042-000-1234", .email = "soudan@desk.example.jp", .hours = "平日 9:00–17:00" };
  g_autoptr(GError) error = NULL;

  g_assert_true (mdg_desk_contact_save (db, &desk, &error));
}

static void
test_consultation_sheet (void)
{
  g_autoptr(MdgFollowUp) follow_up = NULL;
  g_autoptr(MdgConsultation) c = recorded_consultation (TRUE, TRUE, &follow_up);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgDocument) document = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *all = NULL;
  guint n_pages;

  set_desk ();
  document = mdg_consultation_sheet_load (db, mdg_consultation_get_id (c), &error);
  g_assert_no_error (error);
  path = export (document, "consultation-sheet", &n_pages);
  pdf = open_pdf (path);
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, n_pages);
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *text = page_text (pdf, p);

      /* On every page: what it is, that it is sensitive, that it holds personal data. */
      assert_contains (text, C_("document", "Consultation record sheet"));
      assert_contains (text, _("Sensitive — a named victim or a police matter: show only to those who handle it"));
      assert_contains (text, _("Contains personal data — handle with care"));
    }
  all = all_text (pdf);
  assert_contains (all, "ファイルサーバーのランサムウェア感染");
  assert_contains (all, "立川精密工業株式会社");
  assert_contains (all, "山田 太郎");
  assert_contains (all, "yamada@tachikawa-seimitsu.example.jp");
  assert_contains (all, mdg_channel_get_label (MDG_CHANNEL_EMAIL));
  assert_contains (all, mdg_urgency_get_label (MDG_URGENCY_URGENT));
  /* The whole question, across the page break, in order. */
  for (int i = 1; i <= 40; i++)
    {
      g_autofree char *line = g_strdup_printf ("経過%02d：", i);
      assert_contains (all, line);
    }
  assert_contains (all, "最後の行です。");
  assert_contains (all, "オフラインのバックアップから復旧してください。");
  assert_contains (all, "バックアップ運用の見直し");
  assert_contains (all, "警察への相談を勧める");
  {
    g_autofree char *dispatched = g_strdup_printf (_("Dispatched to %s"), "佐藤 花子");
    assert_contains (all, dispatched);
  }
  assert_fonts_embedded (pdf);
  save_first_page_png (pdf, "consultation-sheet");
}

static void
test_advice_letter (void)
{
  g_autoptr(MdgFollowUp) to_person = NULL;
  g_autoptr(MdgFollowUp) to_organization = NULL;
  g_autoptr(MdgConsultation) a = recorded_consultation (TRUE, FALSE, &to_person);
  g_autoptr(MdgConsultation) b = recorded_consultation (FALSE, FALSE, &to_organization);
  gboolean ja = g_str_has_prefix (language (), "ja");
  g_autoptr(GError) error = NULL;

  set_desk ();
  {
    g_autoptr(MdgDocument) letter = mdg_advice_letter_load (db, mdg_follow_up_get_id (to_person), &error);
    g_autofree char *path = NULL;
    g_autoptr(PopplerDocument) pdf = NULL;
    g_autofree char *text = NULL;
    guint n_pages;

    g_assert_no_error (error);
    mdg_document_set_era_dates (letter, TRUE);
    path = export (letter, "advice-letter", &n_pages);
    pdf = open_pdf (path);
    text = all_text (pdf);
    assert_contains (text, C_("document", "Advice letter"));
    /* The person, with 様 in Japanese, under their organization. */
    assert_contains (text, ja ? "立川精密工業株式会社山田 太郎 様" : "立川精密工業株式会社山田 太郎");
    g_assert_null (strstr (text, "御中"));
    assert_contains (text, ja ? "令和8年11月26日(木)" : "Reiwa");
    assert_contains (text, "週次のバックアップを、ネットワークから切り離した媒体にも保存してください。");
    assert_contains (text, "佐藤 花子");
    assert_contains (text, "バックアップ運用の見直し");
    assert_contains (text, "ファイルサーバーのランサムウェア感染");
    /* The desk's contact from Preferences, at the foot. */
    assert_contains (text, "多摩中小企業サイバーセキュリティ相談窓口");
    assert_contains (text, "042-000-1234");
    assert_contains (text, "soudan@desk.example.jp");
    g_assert_null (strstr (text, "Containspersonaldata"));
    assert_fonts_embedded (pdf);
    save_first_page_png (pdf, "advice-letter");
  }
  {
    g_autoptr(MdgDocument) letter = mdg_advice_letter_load (db, mdg_follow_up_get_id (to_organization), &error);
    g_autofree char *path = NULL;
    g_autoptr(PopplerDocument) pdf = NULL;
    g_autofree char *text = NULL;
    guint n_pages;

    path = export (letter, "advice-letter-organization", &n_pages);
    pdf = open_pdf (path);
    text = all_text (pdf);
    /* No person named: the organization, with 御中. */
    assert_contains (text, ja ? "立川精密工業株式会社 御中" : "立川精密工業株式会社");
    g_assert_null (strstr (text, "様"));
  }
  (void) a;
  (void) b;
}

/* How many pixels of page 1 are the bars' blue. */
static guint
count_bar_pixels (PopplerDocument *pdf)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, 0);
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint found = 0;

  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    {
      guint32 *row = (guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
        {
          int r = (row[x] >> 16) & 0xff, g = (row[x] >> 8) & 0xff, b = row[x] & 0xff;

          found += ABS (r - 54) < 12 && ABS (g - 107) < 12 && ABS (b - 176) < 12;
        }
    }
  cairo_surface_destroy (surface);
  return found;
}

static void
test_monthly_report (void)
{
  g_autoptr(MdgFollowUp) follow_up = NULL;
  g_autoptr(MdgConsultation) c = recorded_consultation (TRUE, FALSE, &follow_up);
  g_autoptr(MdgMonthlyReport) report = NULL;
  g_autoptr(MdgDocument) document = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *month = mdg_report_format_month (2026, 11);
  guint n_pages;

  report = mdg_report_monthly (db, 2026, 11, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->received, >, 0);
  document = mdg_report_document_new (g_steal_pointer (&report), "多摩中小企業サイバーセキュリティ相談窓口");
  path = export (document, "monthly-report", &n_pages);
  pdf = open_pdf (path);
  text = all_text (pdf);
  assert_contains (text, C_("document", "Monthly consultation report"));
  assert_contains (text, month);
  assert_contains (text, C_("report", "By channel"));
  assert_contains (text, C_("report", "By threat (a consultation may have several)"));
  assert_contains (text, mdg_channel_get_label (MDG_CHANNEL_EMAIL));
  assert_contains (text, mdg_consultation_state_get_label (MDG_CONSULTATION_STATE_ANSWERED));
  assert_contains (text, g_str_has_prefix (language (), "ja") ? "ランサムウェア" : "Ransomware");
  /* Aggregates only. */
  g_assert_null (strstr (text, "山田"));
  /* The bars are drawn: a good many pixels of their blue on page 1. */
  g_assert_cmpuint (count_bar_pixels (pdf), >, 500);
  assert_fonts_embedded (pdf);
  save_first_page_png (pdf, "monthly-report");
  (void) c;
}

static void
test_slot_timetable (void)
{
  gint64 specialist = consultation_staff ("佐藤 花子", MDG_STAFF_ROLE_SECOND_LINE);
  gint64 other = consultation_staff ("鈴木 次郎", MDG_STAFF_ROLE_SECOND_LINE);
  g_autoptr(GDateTime) at = mdg_test_local (2026, 11, 26, 16, 30);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) more = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(MdgDocument) document = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  MdgAttendee *first = NULL;
  guint n_pages;

  ids = mdg_slot_store_add (db, mdg_seminar_get_id (seminar), at, 20, 4, specialist, &error);
  g_assert_no_error (error);
  more = mdg_slot_store_add (db, mdg_seminar_get_id (seminar), at, 40, 2, other, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < attendees->len && first == NULL; i++)
    if (mdg_attendee_get_status (attendees->pdata[i]) == MDG_REGISTRATION_STATUS_REGISTERED)
      first = attendees->pdata[i];
  g_assert_true (mdg_slot_store_book (db, g_array_index (ids, gint64, 1), mdg_attendee_get_id (first), NULL, &error));
  g_assert_no_error (error);

  slots = mdg_slot_store_list (db, mdg_seminar_get_id (seminar), &error);
  document = mdg_slot_timetable_new (seminar, slots);
  path = export (document, "slot-timetable", &n_pages);
  pdf = open_pdf (path);
  text = all_text (pdf);
  assert_contains (text, C_("document", "Consultation timetable"));
  assert_contains (text, "ランサムウェア対策セミナー");
  assert_contains (text, "16:50–17:10");
  assert_contains (text, "佐藤 花子");
  assert_contains (text, "鈴木 次郎");
  {
    g_autofree char *name = mdg_person_dup_name (mdg_attendee_get_person (first));
    assert_contains (text, name);
  }
  assert_contains (text, mdg_slot_state_get_label (MDG_SLOT_STATE_OPEN));
  assert_contains (text, _("Contains personal data — handle with care"));
  assert_fonts_embedded (pdf);
  save_first_page_png (pdf, "slot-timetable");
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
  g_test_add_func ("/documents/fit-text", test_fit_text);
  g_test_add_func ("/documents/threads", test_threads);
  g_test_add_func ("/documents/consultation-sheet", test_consultation_sheet);
  g_test_add_func ("/documents/advice-letter", test_advice_letter);
  g_test_add_func ("/documents/monthly-report", test_monthly_report);
  g_test_add_func ("/documents/slot-timetable", test_slot_timetable);
  g_test_add_func ("/documents/faq", test_faq_pdf);
  g_test_add_func ("/documents/topics", test_topic_sheet);
  g_test_add_func ("/documents/slide-texts", test_slide_texts);
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
