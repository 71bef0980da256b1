/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Slide decks at the size presenters have them: 60 and 200 slides, each with a JPEG
 * photo. Thumbnails (to the first and to all, two workers) beside `pdftoppm
 * -scale-to 160` on the same pages; a 6-up handout and the notes layout beside a
 * minimal program that draws the same slides with Poppler onto a cairo PDF (and
 * beside `pdfjam --nup 2x3` for the file size, when pdfjam is installed); and the
 * presenter's next-slide latency beside rendering the slide on demand.
 */
#include "config.h"

#include <stdio.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "bench-util.h"
#include "mdg-deck-library.h"
#include "mdg-deck-store.h"
#include "mdg-handout.h"
#include "mdg-page-renderer.h"
#include "mdg-slide-preloader.h"
#include "mdg-test-slides.h"
#include "mdg-test-util.h"

typedef struct
{
  guint  pending;
  double first;
  double start;
} Run;

static void
thumbnail_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(MdgPageImage) image = mdg_page_renderer_render_finish (MDG_PAGE_RENDERER (source), result, NULL);

  g_assert_nonnull (image);
  if (run->first == 0)
    run->first = bench_now_ms () - run->start;
  run->pending--;
}

/* Milliseconds to all thumbnails; *first gets the time to the first one. */
static double
thumbnails (const char     *pdf,
            const char     *sha,
            const char     *cache,
            guint           n_pages,
            MdgRenderFlags  flags,
            double         *first)
{
  g_autoptr(MdgPageRenderer) renderer = mdg_page_renderer_new (pdf, sha, 2);
  Run run = { n_pages, 0, bench_now_ms () };
  double all;

  mdg_page_renderer_set_cache_dir (renderer, cache);
  for (guint i = 0; i < n_pages; i++)
    mdg_page_renderer_render_async (renderer, i, 160, 0, flags, i, NULL, thumbnail_cb, &run);
  while (run.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  all = bench_now_ms () - run.start;
  *first = run.first;
  return all;
}

static double
run_command (const char *const *argv)
{
  double start = bench_now_ms ();
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL);
  return g_spawn_check_wait_status (status, NULL) ? bench_now_ms () - start : -1;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 ? st.st_size : -1;
}

/* The floor: six slides to an A4 sheet with Poppler's printing render, nothing else. */
static double
minimal_nup (const char *pdf,
             const char *out)
{
  double start = bench_now_ms ();
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (out, 595.276, 841.89);
  cairo_t *cr = cairo_create (surface);
  int n = poppler_document_get_n_pages (document);

  for (int i = 0; i < n; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      double w, h, scale;
      int cell = i % 6;

      poppler_page_get_size (page, &w, &h);
      scale = 260 / w;
      cairo_save (cr);
      cairo_translate (cr, 30 + (cell % 2) * 275, 60 + (cell / 2) * 250);
      cairo_scale (cr, scale, scale);
      poppler_page_render_for_printing (page, cr);
      cairo_restore (cr);
      if (cell == 5 || i == n - 1)
        cairo_show_page (cr);
      g_object_unref (page);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (document);
  return bench_now_ms () - start;
}

static double
export_handout (MdgDatabase      *db,
                MdgDeckRevision  *revision,
                MdgHandoutLayout  layout,
                const char       *out)
{
  double start = bench_now_ms ();
  g_autoptr(MdgDocument) handout = mdg_handout_new_for_revision (db, revision, NULL, layout, NULL);

  g_assert_true (mdg_document_export_pdf (handout, out, NULL));
  return bench_now_ms () - start;
}

static void
preloaded_cb (MdgSlidePreloader *preloader,
              guint              view,
              guint              page,
              gboolean          *ready)
{
  *ready = TRUE;
}

static void
next_slide_latency (const char *pdf,
                    guint       n_pages)
{
  g_autoptr(MdgPageRenderer) renderer = mdg_page_renderer_new (pdf, NULL, 2);
  g_autoptr(MdgPresenter) presenter = mdg_presenter_new (n_pages);
  g_autoptr(MdgSlidePreloader) preloader = mdg_slide_preloader_new (renderer, presenter);
  g_autoptr(GArray) latency = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) on_demand = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(MdgSlideDocument) document = mdg_slide_document_new (pdf, NULL);
  gboolean ready = FALSE;

  g_signal_connect (preloader, "ready", G_CALLBACK (preloaded_cb), &ready);
  mdg_slide_preloader_set_size (preloader, MDG_SLIDE_VIEW_AUDIENCE, 1920, 1080);
  for (guint i = 0; i + 1 < MIN (n_pages, 40); i++)
    {
      double start;

      /* A presenter talks between slides: the next one is ready by then. */
      while (mdg_slide_preloader_lookup (preloader, MDG_SLIDE_VIEW_AUDIENCE, i + 1) == NULL)
        g_main_context_iteration (NULL, TRUE);
      start = bench_now_ms ();
      mdg_presenter_command (presenter, MDG_PRESENTER_NEXT);
      while (mdg_slide_preloader_lookup (preloader, MDG_SLIDE_VIEW_AUDIENCE, i + 1) == NULL)
        g_main_context_iteration (NULL, TRUE);
      {
        double ms = bench_now_ms () - start;
        g_array_append_val (latency, ms);
      }

      start = bench_now_ms ();
      {
        double ms;

        mdg_page_image_unref (mdg_slide_document_render (document, i + 1, 1920, 1080));
        ms = bench_now_ms () - start;
        g_array_append_val (on_demand, ms);
      }
    }
  bench_report ("  next slide shown (rendered ahead), 1920×1080", latency);
  bench_report ("  floor: rendering the slide when asked, 1920×1080", on_demand);
}

static void
bench_deck (MdgDatabase *db,
            const char  *dir,
            guint        n_pages)
{
  g_autofree char *pdf = g_strdup_printf ("%s/deck-%u.pdf", dir, n_pages);
  g_autofree char *cache = g_strdup_printf ("%s/cache-%u", dir, n_pages);
  g_autofree char *ppm_dir = g_strdup_printf ("%s/ppm-%u", dir, n_pages);
  g_autofree char *ppm_prefix = g_strdup_printf ("%s/p", ppm_dir);
  g_autofree char *handout6 = g_strdup_printf ("%s/handout6-%u.pdf", dir, n_pages);
  g_autofree char *notes = g_strdup_printf ("%s/notes-%u.pdf", dir, n_pages);
  g_autofree char *floor6 = g_strdup_printf ("%s/floor6-%u.pdf", dir, n_pages);
  g_autofree char *jam = g_strdup_printf ("%s/pdfjam-%u.pdf", dir, n_pages);
  g_autofree char *pdfjam = g_find_program_in_path ("pdfjam");
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MdgDeckRevision) revision = NULL;
  MdgDeckImportOptions options = { .title = "ベンチマーク" };
  double first = 0, all, ppm, warm_first = 0, warm, ours, floor_ms;
  double start;

  for (guint i = 0; i < n_pages; i++)
    g_ptr_array_add (texts, g_strdup_printf ("スライド %u: 事例と対策", i + 1));
  g_ptr_array_add (texts, NULL);
  mdg_test_write_deck (pdf, (const char *const *) texts->pdata, n_pages, TRUE);
  printf ("%u slides with JPEG photos (%.1f MB)\n", n_pages, file_size (pdf) / 1e6);

  start = bench_now_ms ();
  revision = mdg_deck_library_import (db, pdf, &options, NULL, NULL, NULL, NULL);
  g_assert_nonnull (revision);
  bench_once ("  import (check, fingerprint every page, store)", bench_now_ms () - start);

  all = thumbnails (pdf, mdg_deck_revision_get_sha256 (revision), cache, n_pages, MDG_RENDER_CACHE, &first);
  g_mkdir_with_parents (ppm_dir, 0700);
  {
    const char *argv[] = { "pdftoppm", "-scale-to", "160", "-png", pdf, ppm_prefix, NULL };
    ppm = run_command (argv);
  }
  printf ("%-58s %8.0f ms   all %8.0f ms   (%.2f× the floor)\n", "  thumbnails 160 px, 2 workers, first", first, all,
          all / ppm);
  bench_once ("  floor: pdftoppm -scale-to 160, all", ppm);
  warm = thumbnails (pdf, mdg_deck_revision_get_sha256 (revision), cache, n_pages, MDG_RENDER_CACHE, &warm_first);
  printf ("%-58s %8.0f ms   all %8.0f ms\n", "  thumbnails again, from the disk cache, first", warm_first, warm);

  ours = export_handout (db, revision, MDG_HANDOUT_LAYOUT_6, handout6);
  floor_ms = minimal_nup (pdf, floor6);
  printf ("%-58s %8.0f ms   %6.1f MB   (%.2f× the floor)\n", "  handout, 6 per sheet", ours, file_size (handout6) / 1e6,
          ours / floor_ms);
  printf ("%-58s %8.0f ms   %6.1f MB\n", "  floor: Poppler onto a cairo PDF, 6 per sheet", floor_ms, file_size (floor6) / 1e6);
  ours = export_handout (db, revision, MDG_HANDOUT_LAYOUT_NOTES, notes);
  printf ("%-58s %8.0f ms   %6.1f MB\n", "  handout, slides with explanatory texts", ours, file_size (notes) / 1e6);
  if (pdfjam != NULL)
    {
      const char *argv[] = { "pdfjam", "--nup", "2x3", "--outfile", jam, pdf, NULL };
      double ms = run_command (argv);
      printf ("%-58s %8.0f ms   %6.1f MB\n", "  pdfjam --nup 2x3", ms, file_size (jam) / 1e6);
    }
  else
    printf ("  pdfjam is not installed: its size and time are not compared\n");

  next_slide_latency (pdf, n_pages);
  printf ("\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  /* Takes [--smoke] DATABASE like the other benchmarks; decks live in a database of
   * their own, so the sample's is not used. */
  gboolean smoke = argc > 1 && g_str_equal (argv[1], "--smoke");

  g_setenv ("TZ", "Asia/Tokyo", FALSE);
  db = mdg_test_open_tmp_db (&dir);
  if (smoke)
    bench_deck (db, dir, 6);
  else
    {
      bench_deck (db, dir, 60);
      bench_deck (db, dir, 200);
    }
  g_clear_object (&db);
  mdg_test_rm_rf (dir);
  return 0;
}
