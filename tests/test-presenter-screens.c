/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "mdg-application.h"
#include "mdg-presenter-session.h"
#include "mdg-test-presenter.h"
#include "mdg-test-util.h"

/*
 * Two screens for real: Weston's X11 back end, inside the Xvfb the suite runs under,
 * gives GTK (on Wayland) two monitors. The audience window must go full-screen on the
 * screen chosen (and remembered), the console on the other, and both move when the
 * presenter picks the other screen in the console.
 */

#define SOCKET "madoguchi-test-screens"

static GPid weston;
static char *runtime_dir;
static MdgDatabase *db;
static char *dir;

static gboolean
start_weston (void)
{
  g_autofree char *socket = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "weston", "--backend=x11-backend.so", "--use-pixman", "--output-count=2", "--width=1280",
                         "--height=800", "--socket=" SOCKET, "--no-config", NULL };
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_printerr ("No X display: Weston's X11 back end runs inside Xvfb (build-aux/test runs the suite under xvfb-run)\n");
      return FALSE;
    }
  runtime_dir = g_dir_make_tmp ("madoguchi-weston-XXXXXX", &error);
  g_assert_no_error (error);
  g_chmod (runtime_dir, 0700);
  env = g_environ_setenv (env, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  if (!g_spawn_async (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                      G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &weston, &error))
    {
      g_printerr ("Could not start weston: %s\n", error->message);
      return FALSE;
    }
  socket = g_build_filename (runtime_dir, SOCKET, NULL);
  while (!g_file_test (socket, G_FILE_TEST_EXISTS))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("weston did not open its socket\n");
          return FALSE;
        }
      g_usleep (20000);
    }
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
  g_setenv ("WAYLAND_DISPLAY", SOCKET, TRUE);
  g_setenv ("GDK_BACKEND", "wayland", TRUE);
  return TRUE;
}

static void
stop_weston (void)
{
  if (weston != 0)
    {
      kill (weston, SIGTERM);
      waitpid (weston, NULL, 0);
      g_spawn_close_pid (weston);
    }
  if (runtime_dir != NULL)
    mdg_test_rm_rf (runtime_dir);
  g_free (runtime_dir);
}

static GdkMonitor *
monitor (guint index)
{
  g_autoptr(GdkMonitor) m = g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), index);
  return m;
}

static GdkMonitor *
monitor_of (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return surface ? gdk_display_get_monitor_at_surface (gdk_display_get_default (), surface) : NULL;
}

static gboolean
fills (GtkWindow  *window,
       GdkMonitor *screen)
{
  GdkRectangle geometry;

  gdk_monitor_get_geometry (screen, &geometry);
  return gtk_window_is_fullscreen (window) && monitor_of (window) == screen &&
         gtk_widget_get_width (GTK_WIDGET (window)) == geometry.width &&
         gtk_widget_get_height (GTK_WIDGET (window)) == geometry.height;
}

static void
test_two_screens (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  MdgPresenterConsole *console;
  MdgAudienceWindow *audience;
  MdgPresenterSession *session;
  GtkDropDown *dropdown;
  GtkWidget *leave;

  g_assert_cmpuint (g_list_model_get_n_items (gdk_display_get_monitors (gdk_display_get_default ())), ==, 2);
  g_assert_true (GDK_IS_MONITOR (monitor (0)) && GDK_IS_MONITOR (monitor (1)));

  mdg_test_wait_until ((console = MDG_PRESENTER_CONSOLE (mdg_test_presenter_find (MDG_TYPE_PRESENTER_CONSOLE))) != NULL);
  mdg_test_wait_until ((audience = MDG_AUDIENCE_WINDOW (mdg_test_presenter_find (MDG_TYPE_AUDIENCE_WINDOW))) != NULL);
  session = g_object_get_data (G_OBJECT (console), "mdg-presenter-session");
  g_assert_false (mdg_presenter_session_is_rehearsal (session));

  /* The screen remembered (the first here, not the default last) has the audience. */
  mdg_test_wait_until (fills (GTK_WINDOW (audience), monitor (0)) && fills (GTK_WINDOW (console), monitor (1)));
  mdg_test_wait_until (mdg_slide_picture_get_shown_page (mdg_audience_window_get_picture (audience)) == 0);
  g_object_unref (mdg_test_presenter_snapshot (GTK_WIDGET (audience), "presenter-screens-audience"));
  g_object_unref (mdg_test_presenter_snapshot (GTK_WIDGET (console), "presenter-screens-console"));

  /* The presenter picks the other screen for the audience: both windows swap. */
  dropdown = GTK_DROP_DOWN (mdg_test_presenter_named (GTK_WIDGET (console), "presenter-monitor"));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (dropdown)) && gtk_widget_is_sensitive (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  gtk_drop_down_set_selected (dropdown, 1);
  mdg_test_wait_until (fills (GTK_WINDOW (audience), monitor (1)) && fills (GTK_WINDOW (console), monitor (0)));
  {
    g_autofree char *remembered = g_settings_get_string (settings, "presenter-monitor");
    g_assert_cmpstr (remembered, ==, gdk_monitor_get_connector (monitor (1)));
  }

  leave = mdg_test_presenter_named (GTK_WIDGET (console), "presenter-leave");
  g_assert_true (gtk_widget_is_drawable (leave) && gtk_widget_is_sensitive (leave));
  g_signal_emit_by_name (leave, "clicked");
  mdg_test_wait_until (mdg_test_presenter_find (MDG_TYPE_PRESENTER_CONSOLE) == NULL &&
                       mdg_test_presenter_find (MDG_TYPE_AUDIENCE_WINDOW) == NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  gint64 deck_id;
  int status;

  mdg_test_init (&argc, &argv);
  if (!start_weston ())
    return 1;
  adw_init ();
  if (!gtk_init_check ())
    {
      g_printerr ("GTK could not connect to weston\n");
      stop_weston ();
      return 1;
    }

  {
    /* The first screen, remembered from an earlier presentation. */
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_set_string (settings, "presenter-monitor", gdk_monitor_get_connector (monitor (0)));
  }

  db = mdg_test_open_tmp_db (&dir);
  path = g_strdup (mdg_database_get_path (db));
  deck_id = mdg_test_presenter_make_deck (db, dir, 6, 0);
  g_test_add_func ("/presenter-screens/two-screens", test_two_screens);

  status = mdg_test_presenter_run (path, deck_id);

  g_clear_object (&db);
  mdg_test_rm_rf (dir);
  g_free (dir);
  stop_weston ();
  return status;
}
