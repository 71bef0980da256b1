/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-application.h"
#include "mdg-test-gtk.h"
#include "mdg-test-util.h"
#include "mdg-window.h"

/*
 * The start as main() makes it: GTK's own theme is skipped while GTK sets up
 * (mdg_application_skip_gtk_theme()), and the window must still look as libadwaita
 * styles it, with nothing of the trick left in the environment of what it starts.
 * A process of its own: GTK must not be set up before the application starts.
 */

/* The natural height of @widget for its natural width. */
static int
natural_height (GtkWidget *widget)
{
  int height;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  return height;
}

static void
test_libadwaita_style (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "madoguchi.db", NULL);
  g_autofree char *theme = NULL;
  MdgApplication *app = mdg_application_new ();
  GtkWindow *window = NULL;
  GtkWidget *button;
  GdkRGBA accent;
  gboolean found;

  g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "Adwaita-empty");

  g_application_set_application_id (G_APPLICATION (app), APP_ID ".ThemeTest");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  mdg_application_set_database_path (app, path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* After start-up nothing started later (help, a mailer, a browser) inherits it. */
  g_assert_null (g_getenv ("GTK_THEME"));
  g_object_get (gtk_settings_get_default (), "gtk-theme-name", &theme, NULL);
  g_assert_cmpstr (theme, ==, "Adwaita-empty");

  g_application_activate (G_APPLICATION (app));
  mdg_test_wait_until ((window = mdg_test_find_toplevel (MDG_TYPE_WINDOW, NULL)) != NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* libadwaita's style sheet is the one in use: its colours are defined, and a button
   * has its padding (GTK's empty theme gives a bare label). */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  found = gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (window)), "accent_bg_color",
                                          &accent);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_true (found);
  g_assert_cmpfloat (accent.alpha, >, 0.9);
  button = mdg_test_find_named (GTK_WIDGET (window), "main-menu");
  g_assert_cmpint (natural_height (button), >=, 30);
  mdg_test_screenshot (GTK_WIDGET (window), "theme");

  gtk_window_destroy (window);
  g_object_unref (app);
  mdg_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* First, as in main.c: the environment is set while the process has one thread. */
  mdg_application_skip_gtk_theme ();
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/theme/libadwaita-style", test_libadwaita_style);

  return g_test_run ();
}
