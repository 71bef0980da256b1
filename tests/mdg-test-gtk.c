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

/* The widget under @root (or @root) with the widget name @name, or %NULL. */
GtkWidget *
mdg_test_find_named (GtkWidget  *root,
                     const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mdg_test_find_named (child, name);
      if (found)
        return found;
    }
  return NULL;
}

/* Runs the main loop for @ms milliseconds: for transitions, never to wait for a result. */
void
mdg_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
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

  mdg_test_spin (400); /* let transitions finish */
  /* Drawable, and allocated: a slow build (ASan) maps a window a while before it lays it out. */
  mdg_test_wait_until (gtk_widget_is_drawable (widget) && gtk_widget_get_width (widget) > 0 &&
                       gtk_widget_get_height (widget) > 0);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  /* A widget between two layouts, or a dialog fading in, draws nothing: until it draws. */
  paintable = gtk_widget_paintable_new (widget);
  for (guint attempt = 0; node == NULL && attempt < 100; attempt++)
    {
      g_autoptr(GtkSnapshot) attempt_snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (attempt_snapshot), width, height);
      node = gtk_snapshot_to_node (attempt_snapshot);
      if (node == NULL)
        mdg_test_spin (20);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

/* The label @model gives the item that runs @action, as GtkBuilder translated it. */
static char *
menu_label_for_action (GMenuModel *model,
                       const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *item_action = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_str_equal (item_action, action) &&
          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        return g_steal_pointer (&label);
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);
          char *found = menu_label_for_action (link, action);
          if (found != NULL)
            return found;
        }
    }
  return NULL;
}

/* @label without its mnemonic, whether "_Delete" or "削除(_D)" (which a menu shows as "削除(D)"). */
static char *
without_mnemonic (const char *label)
{
  g_autoptr(GRegex) mnemonic = g_regex_new ("\\(_?[A-Za-z0-9]\\)|_", 0, 0, NULL);

  return g_regex_replace_literal (mnemonic, label, -1, 0, "", 0, NULL);
}

/* The popover's item showing @label (GTK's model buttons carry no action name of their own). */
static GtkWidget *
find_menu_item (GtkWidget  *root,
                const char *label)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), "GtkModelButton"))
    {
      g_autofree char *text = NULL;

      g_object_get (root, "text", &text, NULL);
      if (text != NULL)
        {
          g_autofree char *shown = without_mnemonic (text);
          g_autofree char *wanted = without_mnemonic (label);

          if (g_str_equal (shown, wanted))
            return root;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_item (child, label);
      if (found)
        return found;
    }
  return NULL;
}

/*
 * Chooses the item of @menu_button's menu that runs @action, as a person does: opens the
 * menu, finds the item it shows, checks that it can be chosen and presses it.
 */
void
mdg_test_choose_menu_item (GtkWidget  *menu_button,
                           const char *action)
{
  g_autofree char *label = NULL;
  GtkPopover *popover;
  GtkWidget *item;

  g_assert_true (GTK_IS_MENU_BUTTON (menu_button));
  /* As a person waits for the button to appear (a detail shown a frame after its list). */
  mdg_test_wait_until (gtk_widget_get_mapped (menu_button));
  g_assert_true (gtk_widget_is_sensitive (menu_button));
  label = menu_label_for_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), action);
  g_assert_nonnull (label);
  /* A window still being mapped by a loaded X server can drop the popover's first showing:
   * press again, as a person would. */
  gtk_test_widget_wait_for_draw (menu_button);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  for (guint attempt = 0; !gtk_widget_get_mapped (GTK_WIDGET (popover)); attempt++)
    {
      gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

      g_assert_cmpuint (attempt, <, 30);
      gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
      gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
      while (!gtk_widget_get_mapped (GTK_WIDGET (popover)) && g_get_monotonic_time () < until)
        mdg_test_spin (10);
    }
  item = find_menu_item (GTK_WIDGET (popover), label);
  if (item == NULL)
    g_error ("The menu shows no item “%s”", label);
  mdg_test_wait_until (gtk_widget_get_mapped (item));
  /* An item whose action is off is shown insensitive: a person could not choose it. */
  g_assert_true (gtk_widget_is_sensitive (item));
  g_signal_emit_by_name (item, "clicked");
  mdg_test_wait_until (!gtk_widget_get_mapped (GTK_WIDGET (popover)));
}
