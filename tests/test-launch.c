/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-application.h"
#include "mdg-test-gtk.h"
#include "mdg-test-util.h"
#include "mdg-window.h"

/*
 * The start as main() makes it, through g_application_run() and the command line:
 * GTK's own theme is skipped while GTK sets up (mdg_application_skip_gtk_theme()), and
 * the window must still look as libadwaita styles it, with nothing of the trick left in
 * the environment of what it starts; the database is opened by a worker meanwhile, and
 * a database that cannot be opened is still said in a dialog. A process of its own:
 * GTK must not be set up before the first application starts.
 */

/* The natural height of @widget for its natural width. */
static int
natural_height (GtkWidget *widget)
{
  int height;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  return height;
}

/* Runs @app as main() does, on @path, and @check_cb once it has activated. */
static int
run (MdgApplication *app,
     const char     *path,
     GCallback       check_cb,
     gpointer        data)
{
  char *argv[] = { (char *) "madoguchi", (char *) "--database", (char *) path, NULL };

  g_signal_connect_after (app, "activate", check_cb, data);
  return g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);
}

static void
check_window_cb (MdgApplication *app,
                 const char     *path)
{
  g_autofree char *theme = NULL;
  GtkWindow *window = NULL;
  GtkWidget *button;
  GdkRGBA accent;
  gboolean found;

  /* After start-up nothing started later (help, a mailer, a browser) inherits it. */
  g_assert_null (g_getenv ("GTK_THEME"));
  g_object_get (gtk_settings_get_default (), "gtk-theme-name", &theme, NULL);
  g_assert_cmpstr (theme, ==, "Adwaita-empty");

  mdg_test_wait_until ((window = mdg_test_find_toplevel (MDG_TYPE_WINDOW, NULL)) != NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  /* The database the worker opened is the one the command line named. */
  g_assert_cmpstr (mdg_database_get_path (mdg_window_get_database (MDG_WINDOW (window))), ==, path);

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
  mdg_test_screenshot (GTK_WIDGET (window), "launch");

  gtk_window_destroy (window);
}

static void
test_launch_window (void)
{
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "madoguchi.db", NULL);
  MdgApplication *app = mdg_application_new ();

  g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "Adwaita-empty");
  g_assert_cmpint (run (app, path, G_CALLBACK (check_window_cb), path), ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_object_unref (app);
  mdg_test_rm_rf (dir);
}

static void
check_open_error_cb (MdgApplication *app,
                     const char     *path)
{
  GtkWindow *notice = NULL;

  mdg_test_wait_until ((notice = mdg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL)) != NULL);
  g_assert_null (mdg_test_find_toplevel (MDG_TYPE_WINDOW, NULL));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (notice)), path));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (notice), "close");
  gtk_window_destroy (notice);
}

/* A file that is not a database, opened by the worker: the dialog says which file. */
static void
test_launch_open_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  MdgApplication *app = mdg_application_new ();

  g_file_set_contents (path, "Not a database, but somebody's notes.\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run (app, path, G_CALLBACK (check_open_error_cb), path), ==, 0);

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

  g_test_add_func ("/launch/window", test_launch_window);
  g_test_add_func ("/launch/open-error", test_launch_open_error);

  return g_test_run ();
}
