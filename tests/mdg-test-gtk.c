/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-test"

#include "config.h"

#include "mdg-test-gtk.h"

/* A visible toplevel of @type, with the widget name @name when not NULL. */
GtkWindow *
mdg_test_find_toplevel (GType       type,
                        const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          (name == NULL || g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (w)), name) == 0))
        return w;
    }
  return NULL;
}

/* Saves what @widget shows as screenshot-NAME-LANG.png in the build folder, once drawn. */
void
mdg_test_screenshot (GtkWidget  *widget,
                     const char *name)
{
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *file = g_strdup_printf ("screenshot-%s-%s.png", name, language && *language ? language : "en");
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), file, NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  mdg_test_wait_until (gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0);
  gtk_test_widget_wait_for_draw (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  /* A dialog fading in has nothing to show for a few frames. */
  paintable = gtk_widget_paintable_new (widget);
  while (node == NULL)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_to_node (snapshot);
      if (node == NULL)
        gtk_test_widget_wait_for_draw (widget);
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}
