/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-test"

#include "config.h"

#include "mdg-application.h"
#include "mdg-deck-library.h"
#include "mdg-deck-store.h"
#include "mdg-seminar-store.h"
#include "mdg-test-presenter.h"
#include "mdg-test-slides.h"
#include "mdg-test-util.h"

/* A deck of @n_slides ("S01 …"), the first two with explanatory texts, presented in a
 * slot of @slot_minutes of a seminar later today (none when 0). Returns its id. */
gint64
mdg_test_presenter_make_deck (MdgDatabase *db,
                              const char  *dir,
                              guint        n_slides,
                              guint        slot_minutes)
{
  g_autofree char *path = g_build_filename (dir, "talk.pdf", NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  MdgDeckImportOptions options = { .title = "ランサムウェア対策の基本" };

  for (guint i = 0; i < n_slides; i++)
    g_ptr_array_add (texts, g_strdup_printf ("S%02u ランサムウェア対策 第%u項", i + 1, i + 1));
  g_ptr_array_add (texts, NULL);
  mdg_test_write_deck (path, (const char *const *) texts->pdata, n_slides, TRUE);
  revision = mdg_deck_library_import (db, path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  mdg_deck_store_set_explanation (db, mdg_deck_revision_get_id (revision), 1,
                                  "皆さん、こんにちは。今日は中小企業が今日からできるランサムウェア対策をお話しします。", &error);
  mdg_deck_store_set_explanation (db, mdg_deck_revision_get_id (revision), 2,
                                  "製造業A社の事例: VPN機器の更新漏れから侵入され、生産ラインが3日止まった。", &error);
  g_assert_no_error (error);

  if (slot_minutes > 0)
    {
      g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
      g_autoptr(MdgProgramItem) item = mdg_program_item_new (MDG_PROGRAM_KIND_PRESENTATION, slot_minutes);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) end = g_date_time_add_hours (now, 3);

      mdg_seminar_set_title (seminar, "ランサムウェア対策セミナー");
      mdg_seminar_set_starts_at (seminar, now);
      mdg_seminar_set_ends_at (seminar, end);
      g_assert_true (mdg_seminar_store_save (db, seminar, &error));
      g_assert_true (mdg_program_store_save (db, mdg_seminar_get_id (seminar), item, &error));
      g_assert_true (mdg_deck_store_set_program_revision (db, mdg_program_item_get_id (item),
                                                          mdg_deck_revision_get_id (revision), &error));
    }
  return mdg_deck_revision_get_deck_id (revision);
}

GtkWindow *
mdg_test_presenter_find (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

GtkWidget *
mdg_test_presenter_named (GtkWidget  *root,
                          const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mdg_test_presenter_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* GTK's own rendering of @widget, saved as screenshot-NAME-LANG.png in the build folder. */
GdkTexture *
mdg_test_presenter_snapshot (GtkWidget  *widget,
                             const char *name)
{
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *file = g_strdup_printf ("screenshot-%s-%s.png", name, language && *language ? language : "en");
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), file, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  int width, height;
  GdkTexture *texture;
  gint64 settle = g_get_monotonic_time () + 400 * 1000;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* Let the frame clock draw what changed (and transitions finish). */
  while (g_get_monotonic_time () < settle)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  /* A window that has just been mapped or resized draws on its next frame. */
  for (;;)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      g_assert_cmpint (width, >, 0);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_to_node (snapshot);
      if (node != NULL || g_get_monotonic_time () > deadline)
        break;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
  return texture;
}

static int run_status;

static gboolean
run_tests_cb (gpointer user_data)
{
  run_status = g_test_run ();
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

/* Runs the test cases inside Madoguchi started exactly as a presenter starts it:
 * madoguchi --database PATH --present DECK. Returns g_test_run()'s status. */
int
mdg_test_presenter_run (const char *database_path,
                        gint64      deck_id)
{
  g_autoptr(MdgApplication) app = mdg_application_new ();
  g_autofree char *deck = g_strdup_printf ("%" G_GINT64_FORMAT, deck_id);
  const char *args[] = { "madoguchi", "--database", database_path, "--present", deck, NULL };

  g_idle_add (run_tests_cb, app);
  g_application_run (G_APPLICATION (app), G_N_ELEMENTS (args) - 1, (char **) args);
  return run_status;
}
