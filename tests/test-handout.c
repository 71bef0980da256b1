/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "mdg-deck-library.h"
#include "mdg-deck-store.h"
#include "mdg-desk.h"
#include "mdg-handout.h"
#include "mdg-seminar-packet.h"
#include "mdg-seminar-store.h"
#include "mdg-test-slides.h"
#include "mdg-test-util.h"

/*
 * Handouts and the seminar packet, written as PDFs in the build folder and read back
 * with Poppler and pdfimages: sheets, every slide's text in order, header and footer
 * on every sheet, no pictures added, JPEG photos passed through. Sheet 1 of each
 * layout is rendered to a PNG beside it, to look at.
 */

#define N_SLIDES 13

static char *dir;
static MdgDatabase *db;
static MdgDeckRevision *plain;    /* text only */
static MdgDeckRevision *photos;   /* with a JPEG photo on each slide */
static MdgSeminar *seminar;

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
  g_autofree char *file = g_strdup_printf ("handout-%s-%s.%s", name, language (), extension);
  return g_build_filename (g_getenv ("G_TEST_BUILDDIR"), file, NULL);
}

/* Slide i says "S07" (an ASCII mark Poppler extracts exactly) and a Japanese line. */
static char *
slide_mark (guint i)
{
  return g_strdup_printf ("S%02u", i + 1);
}

static MdgDeckRevision *
import_deck (const char *name,
             gboolean    with_photos)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  MdgDeckImportOptions options = { .title = with_photos ? "写真で見る被害事例" : "ランサムウェア対策の基本" };
  MdgDeckRevision *revision;

  for (guint i = 0; i < N_SLIDES; i++)
    g_ptr_array_add (texts, g_strdup_printf ("S%02u 情報セキュリティ対策 第%u項", i + 1, i + 1));
  g_ptr_array_add (texts, NULL);
  mdg_test_write_deck (path, (const char *const *) texts->pdata, N_SLIDES, with_photos);
  revision = mdg_deck_library_import (db, path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return revision;
}

static void
set_up (void)
{
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 11, 26, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 11, 26, 16, 30);
  g_autoptr(GError) error = NULL;
  MdgDeskContact contact = {
    .name = "多摩中小企業サイバーセキュリティ相談窓口", .address = "東京都立川市曙町2-38-5",
    .phone = "042-000-1234", .email = "soudan@example.jp", .url = "https://soudan.example.jp",
    .hours = "平日 9:00–17:00",
  };

  db = mdg_test_open_tmp_db (&dir);
  g_assert_true (mdg_desk_contact_save (db, &contact, &error));
  plain = import_deck ("basics.pdf", FALSE);
  photos = import_deck ("cases.pdf", TRUE);
  for (guint page = 1; page <= N_SLIDES; page++)
    {
      g_autofree char *text = g_strdup_printf ("N%02u 解説: このスライドでは対策%uを具体例とともに説明する。", page, page);
      mdg_deck_store_set_explanation (db, mdg_deck_revision_get_id (plain), page, text, &error);
      g_assert_no_error (error);
    }

  seminar = mdg_seminar_new ();
  mdg_seminar_set_title (seminar, "中小企業のためのランサムウェア対策セミナー");
  mdg_seminar_set_starts_at (seminar, starts);
  mdg_seminar_set_ends_at (seminar, ends);
  mdg_seminar_set_venue (seminar, "立川商工会議所 3階 大会議室");
  g_assert_true (mdg_seminar_store_save (db, seminar, &error));
}

/* All the text of a PDF, sheet by sheet. */
static GPtrArray *
read_sheets (const char *path,
             double     *width,
             double     *height)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
  GPtrArray *sheets = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      if (i == 0 && width != NULL)
        poppler_page_get_size (page, width, height);
      g_ptr_array_add (sheets, poppler_page_get_text (page));
      g_object_unref (page);
    }
  g_object_unref (document);
  return sheets;
}

static void
save_png_of_sheet_1 (const char *pdf,
                     const char *name)
{
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autofree char *png = output_path (name, "png");
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, NULL);
  PopplerPage *page = poppler_document_get_page (document, 0);
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;

  poppler_page_get_size (page, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (document);
  g_test_message ("Sheet 1: %s", png);
}

/* pdfimages -list: one line per image after the two header lines; the "enc" column. */
static GPtrArray *
list_images (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdfimages", "-list", pdf, NULL };
  g_auto(GStrv) lines = NULL;
  GPtrArray *encodings = g_ptr_array_new_with_free_func (g_free);
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (lines[i], " ", -1);
      guint column = 0;

      if (*lines[i] == '\0')
        continue;
      /* page num type width height color comp bpc enc … */
      for (guint f = 0; fields[f]; f++)
        if (*fields[f] != '\0' && column++ == 8)
          g_ptr_array_add (encodings, g_strdup (fields[f]));
    }
  return encodings;
}

typedef struct
{
  guint  sheet;
  double row;
  double x;
  guint  slide;
} Mark;

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const Mark *m = a, *n = b;

  if (m->sheet != n->sheet)
    return m->sheet < n->sheet ? -1 : 1;
  if (m->row != n->row)
    return m->row < n->row ? -1 : 1;
  return m->x < n->x ? -1 : m->x > n->x;
}

/* The slide marks found on the sheets, in reading order: sheet, then row, then left to right. */
static GArray *
printed_slides (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, NULL);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  GArray *slides = g_array_new (FALSE, FALSE, sizeof (guint));

  for (int sheet = 0; sheet < poppler_document_get_n_pages (document); sheet++)
    {
      PopplerPage *page = poppler_document_get_page (document, sheet);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      for (guint i = 0; i < N_SLIDES; i++)
        {
          g_autofree char *mark = slide_mark (i);
          GList *found = poppler_page_find_text (page, mark);

          for (GList *l = found; l; l = l->next)
            {
              PopplerRectangle *r = l->data;
              /* find_text counts y up from the bottom of the page. */
              Mark m = { sheet, floor ((height - r->y2) / 40), r->x1, i };
              g_array_append_val (marks, m);
            }
          g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
        }
      g_object_unref (page);
    }
  g_object_unref (document);
  g_array_sort (marks, compare_marks);
  for (guint i = 0; i < marks->len; i++)
    g_array_append_val (slides, g_array_index (marks, Mark, i).slide);
  return slides;
}

static void
check_handout (const char       *name,
               MdgDeckRevision  *revision,
               MdgHandoutLayout  layout,
               const char       *range,
               guint             per_sheet,
               const guint      *expected_slides,
               guint             n_expected,
               gboolean          letter_landscape)
{
  g_autoptr(MdgDocument) handout = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = output_path (name, "pdf");
  double width, height;

  handout = mdg_handout_new_for_revision (db, revision, seminar, layout, &error);
  g_assert_no_error (error);
  g_assert_true (mdg_handout_set_range (MDG_HANDOUT (handout), range, &error));
  if (letter_landscape)
    mdg_document_set_page_size (handout, MDG_LETTER_HEIGHT, MDG_LETTER_WIDTH);
  g_assert_true (mdg_document_export_pdf (handout, pdf, &error));
  g_assert_no_error (error);

  sheets = read_sheets (pdf, &width, &height);
  if (per_sheet == 0)
    {
      /* Slides with short texts: as many as fit, at least three. */
      per_sheet = mdg_handout_get_per_sheet (MDG_HANDOUT (handout));
      g_assert_cmpuint (per_sheet, >=, 3);
    }
  g_assert_cmpuint (sheets->len, ==, (n_expected + per_sheet - 1) / per_sheet);
  if (letter_landscape)
    {
      g_assert_cmpfloat (fabs (width - 792), <, 1);
      g_assert_cmpfloat (fabs (height - 612), <, 1);
    }
  else
    g_assert_cmpfloat (fabs (width - MDG_A4_WIDTH), <, 1);

  for (guint i = 0; i < sheets->len; i++)
    {
      const char *text = g_ptr_array_index (sheets, i);
      g_autofree char *counter = g_strdup_printf (_("Page %u of %u"), i + 1, sheets->len);

      /* Header (the seminar and its date) and footer (the desk and the page) on each. */
      g_assert_nonnull (strstr (text, "ランサムウェア対策セミナー"));
      g_assert_nonnull (strstr (text, "2026"));
      g_assert_nonnull (strstr (text, counter));
      g_assert_nonnull (strstr (text, "042-000-1234"));
      g_string_append (all, text);
    }

  /* Every slide printed, in reading order (row by row), and only those. */
  {
    g_autoptr(GArray) printed = printed_slides (pdf);

    g_assert_cmpuint (printed->len, ==, n_expected);
    for (guint i = 0; i < n_expected; i++)
      g_assert_cmpuint (g_array_index (printed, guint, i), ==, expected_slides[i]);
    if (layout == MDG_HANDOUT_LAYOUT_NOTES)
      for (guint i = 0; i < n_expected; i++)
        {
          g_autofree char *note = g_strdup_printf ("N%02u", expected_slides[i] + 1);
          g_assert_nonnull (strstr (all->str, note));
        }
  }

  images = list_images (pdf);
  if (revision == plain)
    g_assert_cmpuint (images->len, ==, 0);   /* vectors stay vectors */
  else
    {
      /* One photo per slide, passed through as the JPEG it was. */
      g_assert_cmpuint (images->len, ==, n_expected);
      for (guint i = 0; i < images->len; i++)
        g_assert_cmpstr (g_ptr_array_index (images, i), ==, "jpeg");
    }

  save_png_of_sheet_1 (pdf, name);
}

static guint all_slides[N_SLIDES];

static void
test_layouts (void)
{
  static const struct { const char *name; MdgHandoutLayout layout; guint per_sheet; } layouts[] = {
    { "1", MDG_HANDOUT_LAYOUT_1, 1 }, { "2", MDG_HANDOUT_LAYOUT_2, 2 }, { "3", MDG_HANDOUT_LAYOUT_3, 3 },
    { "4", MDG_HANDOUT_LAYOUT_4, 4 }, { "6", MDG_HANDOUT_LAYOUT_6, 6 }, { "notes", MDG_HANDOUT_LAYOUT_NOTES, 0 },
  };

  for (guint i = 0; i < N_SLIDES; i++)
    all_slides[i] = i;
  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      check_handout (layouts[i].name, plain, layouts[i].layout, NULL, layouts[i].per_sheet, all_slides, N_SLIDES, FALSE);
    }
}

static void
test_photos_pass_through (void)
{
  check_handout ("6-photos", photos, MDG_HANDOUT_LAYOUT_6, NULL, 6, all_slides, N_SLIDES, FALSE);
}

static void
test_range_and_letter (void)
{
  static const guint expected[] = { 1, 2, 3, 6, 11 };
  g_autoptr(MdgDocument) handout = NULL;
  g_autoptr(GError) error = NULL;

  /* Landscape Letter holds six as 3 × 2. */
  check_handout ("6-range-letter", plain, MDG_HANDOUT_LAYOUT_6, "2-4, 7,12", 6, expected, G_N_ELEMENTS (expected), TRUE);

  handout = mdg_handout_new_for_revision (db, plain, NULL, MDG_HANDOUT_LAYOUT_4, &error);
  g_assert_no_error (error);
  g_assert_false (mdg_handout_set_range (MDG_HANDOUT (handout), "3-20", &error));
  g_assert_nonnull (strstr (error->message, "3-20"));
  g_clear_error (&error);
  g_assert_false (mdg_handout_set_range (MDG_HANDOUT (handout), "9-2", &error));
  g_clear_error (&error);
  g_assert_false (mdg_handout_set_range (MDG_HANDOUT (handout), "第3", &error));
}

static void
test_long_notes_flow (void)
{
  g_autoptr(MdgDocument) handout = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = output_path ("notes-long", "pdf");

  /* A text longer than a sheet continues on the next one; nothing is cut. */
  for (guint i = 1; i <= 120; i++)
    g_string_append_printf (note, "L%03u 説明の行。\n", i);
  mdg_deck_store_set_explanation (db, mdg_deck_revision_get_id (photos), 2, note->str, &error);
  g_assert_no_error (error);
  handout = mdg_handout_new_for_revision (db, photos, seminar, MDG_HANDOUT_LAYOUT_NOTES, &error);
  g_assert_true (mdg_handout_set_range (MDG_HANDOUT (handout), "1-3", &error));
  g_assert_true (mdg_document_export_pdf (handout, pdf, &error));
  sheets = read_sheets (pdf, NULL, NULL);
  g_assert_cmpuint (sheets->len, >=, 3);
  for (guint i = 0; i < sheets->len; i++)
    g_string_append (all, g_ptr_array_index (sheets, i));
  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *line = g_strdup_printf ("L%03u", i);
      g_assert_nonnull (strstr (all->str, line));
    }
  g_assert_nonnull (strstr (all->str, "S03"));
}

/* A part another area of Madoguchi could add: a page of its own. */
#define TEST_TYPE_SECTION (test_section_get_type ())
G_DECLARE_FINAL_TYPE (TestSection, test_section, TEST, SECTION, GObject)
struct _TestSection { GObject parent_instance; };
static void test_section_iface_init (MdgPacketSectionInterface *iface);
G_DEFINE_FINAL_TYPE_WITH_CODE (TestSection, test_section, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MDG_TYPE_PACKET_SECTION, test_section_iface_init))
static void test_section_class_init (TestSectionClass *klass) { }
static void test_section_init (TestSection *self) { }
static char *section_title (MdgPacketSection *s) { return g_strdup ("最新の脅威情報"); }
static guint section_paginate (MdgPacketSection *s, cairo_t *cr, double w, double h) { return 1; }
static void
section_draw (MdgPacketSection *s, cairo_t *cr, guint page, double w, double h)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  pango_layout_set_text (layout, "EXTRA-SECTION-BODY", -1);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}
static void
test_section_iface_init (MdgPacketSectionInterface *iface)
{
  iface->dup_title = section_title;
  iface->paginate = section_paginate;
  iface->draw_body = section_draw;
}

static void
test_packet (void)
{
  g_autoptr(GPtrArray) program = NULL;
  g_autoptr(MdgDocument) packet = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSection) extra = g_object_new (TEST_TYPE_SECTION, NULL);
  g_autofree char *pdf = output_path ("packet", "pdf");
  static const struct { MdgProgramKind kind; guint minutes; const char *title; const char *presenter; } items[] = {
    { MDG_PROGRAM_KIND_PRESENTATION, 45, "ランサムウェアの基本", "山田 太郎" },
    { MDG_PROGRAM_KIND_BREAK, 10, NULL, NULL },
    { MDG_PROGRAM_KIND_PRESENTATION, 40, "被害事例", "佐藤 花子" },
    { MDG_PROGRAM_KIND_PRESENTATION, 15, "基本の振り返り", "山田 太郎" },
    { MDG_PROGRAM_KIND_QA, 20, NULL, NULL },
  };
  guint expected_pages;
  const char *help;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(MdgProgramItem) item = mdg_program_item_new (items[i].kind, items[i].minutes);

      mdg_program_item_set_title (item, items[i].title);
      mdg_program_item_set_presenter (item, items[i].presenter);
      g_assert_true (mdg_program_store_save (db, mdg_seminar_get_id (seminar), item, &error));
    }
  program = mdg_program_store_list (db, mdg_seminar_get_id (seminar), &error);
  /* The first deck twice: its handout is printed once. */
  g_assert_true (mdg_deck_store_set_program_revision (db, mdg_program_item_get_id (g_ptr_array_index (program, 0)),
                                                      mdg_deck_revision_get_id (plain), &error));
  g_assert_true (mdg_deck_store_set_program_revision (db, mdg_program_item_get_id (g_ptr_array_index (program, 2)),
                                                      mdg_deck_revision_get_id (photos), &error));
  g_assert_true (mdg_deck_store_set_program_revision (db, mdg_program_item_get_id (g_ptr_array_index (program, 3)),
                                                      mdg_deck_revision_get_id (plain), &error));
  g_assert_no_error (error);

  packet = mdg_seminar_packet_new (db, mdg_seminar_get_id (seminar), MDG_HANDOUT_LAYOUT_6, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mdg_seminar_packet_get_n_handouts (MDG_SEMINAR_PACKET (packet)), ==, 2);
  mdg_seminar_packet_add_section (MDG_SEMINAR_PACKET (packet), MDG_PACKET_SECTION (extra));
  g_assert_true (mdg_document_export_pdf (packet, pdf, &error));
  g_assert_no_error (error);
  save_png_of_sheet_1 (pdf, "packet");

  sheets = read_sheets (pdf, NULL, NULL);
  /* Cover, program, 3 + 3 sheets of handouts, the extra part, where to get help. */
  expected_pages = 1 + 1 + 3 + 3 + 1 + 1;
  g_assert_cmpuint (sheets->len, ==, expected_pages);
  g_assert_nonnull (strstr (g_ptr_array_index (sheets, 0), "中小企業のためのランサムウェア対策"));
  g_assert_nonnull (strstr (g_ptr_array_index (sheets, 0), "多摩中小企業サイバーセキュリティ相談窓口"));
  g_assert_nonnull (strstr (g_ptr_array_index (sheets, 1), "14:00"));
  g_assert_nonnull (strstr (g_ptr_array_index (sheets, 1), "被害事例"));
  g_assert_nonnull (strstr (g_ptr_array_index (sheets, 1), "佐藤 花子"));
  g_assert_nonnull (strstr (g_ptr_array_index (sheets, 2), "ランサムウェア対策の基本"));
  g_assert_nonnull (strstr (g_ptr_array_index (sheets, 5), "写真で見る被害事例"));
  g_assert_nonnull (strstr (g_ptr_array_index (sheets, 8), "EXTRA-SECTION-BODY"));
  help = g_ptr_array_index (sheets, 9);
  g_assert_nonnull (strstr (help, "法テラス"));
  g_assert_nonnull (strstr (help, "0570-078374"));
  g_assert_nonnull (strstr (help, "soudan@example.jp"));
  for (guint i = 1; i < sheets->len; i++)
    {
      g_autofree char *counter = g_strdup_printf (_("Page %u of %u"), i + 1, sheets->len);
      g_assert_nonnull (strstr (g_ptr_array_index (sheets, i), counter));
      g_assert_nonnull (strstr (g_ptr_array_index (sheets, i), "042-000-1234"));
      g_string_append (all, g_ptr_array_index (sheets, i));
    }
  for (guint i = 0; i < N_SLIDES; i++)
    {
      g_autofree char *mark = slide_mark (i);
      g_assert_nonnull (strstr (all->str, mark));
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  mdg_test_init (&argc, &argv);
  set_up ();

  g_test_add_func ("/handout/layouts", test_layouts);
  g_test_add_func ("/handout/photos-pass-through", test_photos_pass_through);
  g_test_add_func ("/handout/range-and-letter", test_range_and_letter);
  g_test_add_func ("/handout/long-notes-flow", test_long_notes_flow);
  g_test_add_func ("/handout/packet", test_packet);

  status = g_test_run ();
  g_clear_object (&plain);
  g_clear_object (&photos);
  g_clear_object (&seminar);
  g_clear_object (&db);
  mdg_test_rm_rf (dir);
  g_free (dir);
  return status;
}
