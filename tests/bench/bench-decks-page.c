/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Slide Decks section on a 200-slide deck with a JPEG photo on every slide, in the
 * real window under Xvfb: the time from opening the section to every thumbnail on
 * screen, with an empty disk cache and again with it filled, beside `pdftoppm
 * -scale-to 128` rendering the same pages; then the longest gap between two frames
 * while the grid scrolls from the first slide to the last, a step each frame, with
 * the thumbnails rendering meanwhile (a frame is 16.7 ms at 60 Hz).
 *
 * Run: xvfb-run -a -s "-screen 0 1920x1080x24" _build/tests/bench/bench-decks-page [N_SLIDES]
 */

#include "config.h"

#include <stdio.h>

#include "bench-util.h"
#include "mdg-deck-library.h"
#include "mdg-test-slides.h"
#include "mdg-test-util.h"
#include "mdg-window-test-util.h"

static guint
n_cells (GtkWidget *grid,
         guint     *n_shown)
{
  guint n = 0;

  *n_shown = 0;
  for (GtkWidget *cell = gtk_widget_get_first_child (grid); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *picture = find_type (cell, GTK_TYPE_PICTURE);
      GtkWidget *viewport = gtk_widget_get_parent (grid);
      graphene_rect_t bounds;

      /* Only the cells on screen: the grid keeps a few more ready. */
      if (picture == NULL || !gtk_widget_get_child_visible (cell) ||
          !gtk_widget_compute_bounds (cell, viewport, &bounds) ||
          bounds.origin.y + bounds.size.height <= 0 || bounds.origin.y >= gtk_widget_get_height (viewport))
        continue;
      n++;
      if (gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL)
        (*n_shown)++;
    }
  return n;
}

static gboolean
all_shown (GtkWidget *grid)
{
  guint shown, n = n_cells (grid, &shown);

  return n > 0 && shown == n;
}

/* Opens the section in a new window and waits for every thumbnail it shows: ms. */
static double
open_section (WindowFixture *f,
              guint         *n_visible)
{
  double start;
  GtkWidget *grid;
  guint shown;

  fixture_open_window (f, 1366, 768);
  start = bench_now_ms ();
  mdg_window_show_section (f->window, "decks");
  wait_until ((grid = find_named (GTK_WIDGET (f->window), "deck-slides")) != NULL && gtk_widget_get_mapped (grid));
  wait_until (all_shown (grid));
  *n_visible = n_cells (grid, &shown);
  return bench_now_ms () - start;
}

typedef struct
{
  GtkAdjustment *adjustment;
  gint64         last;
  gint64         longest;
  guint          frames;
} Scroll;

static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Scroll *scroll = data;
  gint64 now = g_get_monotonic_time ();
  double value = gtk_adjustment_get_value (scroll->adjustment);
  double end = gtk_adjustment_get_upper (scroll->adjustment) - gtk_adjustment_get_page_size (scroll->adjustment);

  if (scroll->last != 0)
    scroll->longest = MAX (scroll->longest, now - scroll->last);
  scroll->last = now;
  scroll->frames++;
  gtk_adjustment_set_value (scroll->adjustment, MIN (end, value + gtk_adjustment_get_page_size (scroll->adjustment) / 3));
  return value < end ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;
  WindowFixture f = { 0 };
  g_autofree char *pdf = NULL;
  g_autofree char *ppm_dir = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  MdgDeckImportOptions options = { .title = "ベンチマーク" };
  guint n_pages = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 200;
  guint n_visible = 0;
  double cold, warm, floor_ms, start;
  GtkWidget *grid;
  Scroll scroll = { 0 };

  /* A cache of the benchmark's own, empty at the start. */
  cache = g_dir_make_tmp ("mdg-bench-cache-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  setvbuf (stdout, NULL, _IOLBF, 0);
  window_test_init (&argc, &argv);

  fixture_set_up_empty (&f, NULL);
  gtk_window_destroy (GTK_WINDOW (f.window));
  f.window = NULL;

  pdf = g_build_filename (f.dir, "deck.pdf", NULL);
  for (guint i = 0; i < n_pages; i++)
    g_ptr_array_add (texts, g_strdup_printf ("スライド %u: 事例と対策", i + 1));
  g_ptr_array_add (texts, NULL);
  mdg_test_write_deck (pdf, (const char *const *) texts->pdata, n_pages, TRUE);
  revision = mdg_deck_library_import (f.db, pdf, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  printf ("%u slides with JPEG photos, window 1366×768\n", n_pages);

  cold = open_section (&f, &n_visible);
  printf ("%-58s %8.0f ms (%u thumbnails)\n", "  open the section, every thumbnail on screen, cold", cold, n_visible);

  /* Scrolling to the end while the renderer works: the main loop must keep its frames. */
  grid = find_named (GTK_WIDGET (f.window), "deck-slides");
  scroll.adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (grid));
  start = bench_now_ms ();
  gtk_widget_add_tick_callback (grid, scroll_tick, &scroll, NULL);
  wait_until (gtk_adjustment_get_value (scroll.adjustment) >=
              gtk_adjustment_get_upper (scroll.adjustment) - gtk_adjustment_get_page_size (scroll.adjustment) - 1);
  printf ("%-58s %8.0f ms, %u frames, longest frame %.1f ms\n", "  scroll from the first slide to the last",
          bench_now_ms () - start, scroll.frames, scroll.longest / 1000.0);
  start = bench_now_ms ();
  wait_until (all_shown (grid));
  printf ("%-58s %8.0f ms\n", "  then every thumbnail at the end on screen", bench_now_ms () - start);
  gtk_window_destroy (GTK_WINDOW (f.window));
  f.window = NULL;

  warm = open_section (&f, &n_visible);
  printf ("%-58s %8.0f ms (%u thumbnails)\n", "  open the section again, from the disk cache", warm, n_visible);

  /* The floor: Poppler's own tool rendering the same first pages at the same size. */
  ppm_dir = g_build_filename (f.dir, "ppm", NULL);
  g_mkdir_with_parents (ppm_dir, 0700);
  {
    g_autofree char *last = g_strdup_printf ("%u", n_visible);
    g_autofree char *prefix = g_build_filename (ppm_dir, "p", NULL);
    const char *command[] = { "pdftoppm", "-scale-to", "128", "-f", "1", "-l", last, "-png", pdf, prefix, NULL };
    int status;

    start = bench_now_ms ();
    g_spawn_sync (NULL, (char **) command, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    floor_ms = bench_now_ms () - start;
  }
  printf ("%-58s %8.0f ms   (cold %.2f×, warm %.2f× the floor)\n", "  floor: pdftoppm -scale-to 128, the same pages",
          floor_ms, cold / floor_ms, warm / floor_ms);

  fixture_tear_down (&f, NULL);
  mdg_test_rm_rf (cache);
  return 0;
}
