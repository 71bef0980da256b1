/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>

#include "mdg-application.h"
#include "mdg-desk.h"
#include "mdg-test-gtk.h"
#include "mdg-test-util.h"
#include "mdg-window.h"

/*
 * F1, the main menu's Help and the About window, through the real application under
 * Xvfb. The help viewer is a stand-in the test installs as the handler of help: URIs
 * (a desktop file and mimeapps.list in the test's own data and config folders), so
 * that GIO launches it exactly as it would launch Yelp; the stand-in writes down the
 * URI it was given and the language it was started in.
 */

static char *handler_dir;
static char *requested;
static char *db_path;
static MdgApplication *app;
static MdgWindow *window;

static void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* Before GTK and GIO start: the stand-in viewer, default for help: in this test's folders. */
static void
install_help_viewer (void)
{
  g_autofree char *script = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *config_home = NULL;
  g_autofree char *path = NULL;

  handler_dir = mdg_test_make_tmpdir ();
  requested = g_build_filename (handler_dir, "requested", NULL);
  data_home = g_build_filename (handler_dir, "data", NULL);
  config_home = g_build_filename (handler_dir, "config", NULL);

  path = g_build_filename (handler_dir, "viewer", NULL);
  script = g_strdup_printf ("#!/bin/sh\n"
                            "printf '%%s\\n%%s\\n' \"$1\" \"${LANGUAGE:-}\" > '%s.part'\n"
                            "mv '%s.part' '%s'\n",
                            requested, requested, requested);
  write_file (path, script, 0700);

  desktop = g_strdup_printf ("[Desktop Entry]\n"
                             "Type=Application\n"
                             "Name=Help viewer stand-in\n"
                             "Exec=%s %%u\n"
                             "MimeType=x-scheme-handler/help;\n"
                             "NoDisplay=true\n",
                             path);
  g_free (path);
  path = g_build_filename (data_home, "applications", "mdg-test-help-viewer.desktop", NULL);
  write_file (path, desktop, 0600);
  g_free (path);
  path = g_build_filename (config_home, "mimeapps.list", NULL);
  write_file (path, "[Default Applications]\nx-scheme-handler/help=mdg-test-help-viewer.desktop\n", 0600);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
}

static void
press (KeySym keysym)
{
  Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  KeyCode code = XKeysymToKeycode (display, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (display, code, True, CurrentTime);
  XTestFakeKeyEvent (display, code, False, CurrentTime);
  XSync (display, False);
}

static void
focus (GtkWindow *toplevel)
{
  Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (toplevel));

  mdg_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (toplevel)));
  /* No window manager under Xvfb: give the window the keyboard as one would. */
  XSetInputFocus (display, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (display, False);
  mdg_test_wait_until (gtk_window_is_active (toplevel));
}

/* The lines the stand-in viewer wrote: the URI, then $LANGUAGE; NULL until it ran. */
static char **
viewer_request (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (requested, &text, NULL, NULL))
    return NULL;
  return g_strsplit (text, "\n", -1);
}

static void
assert_guide_requested (void)
{
  g_auto(GStrv) lines = NULL;
  const char *language = g_getenv ("LANGUAGE");

  mdg_test_wait_until ((lines = viewer_request ()) != NULL);
  g_assert_cmpstr (lines[0], ==, "help:" BASE_APP_ID);
  /* The viewer runs in the user's language, and shows the guide in it. */
  g_assert_cmpstr (lines[1], ==, language ? language : "");
  g_assert_cmpint (g_unlink (requested), ==, 0);
}

static GtkWidget *
find_widget (GtkWidget  *root,
             const char *type_name,
             gboolean  (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), type_name) && (match == NULL || match (root, data)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type_name, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_primary (GtkWidget     *widget,
            gconstpointer  data)
{
  return gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget));
}

static char *
without_underline (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p; p++)
    if (*p != '_')
      g_string_append_c (text, *p);
  return g_string_free (text, FALSE);
}

static gboolean
has_text (GtkWidget     *widget,
          gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *wanted = without_underline (data);

  g_object_get (widget, "text", &text, NULL);
  shown = without_underline (text ? text : "");
  return g_str_equal (shown, wanted);
}

/* Opens the main menu with its button, and clicks the item @label as a person would. */
static void
choose_from_main_menu (const char *label)
{
  GtkWidget *button = find_widget (GTK_WIDGET (window), "GtkMenuButton", is_primary, NULL);
  GtkPopover *popover;
  GtkWidget *item;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_visible (button) && gtk_widget_is_sensitive (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  mdg_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  item = find_widget (GTK_WIDGET (popover), "GtkModelButton", has_text, label);
  g_assert_nonnull (item);
  g_assert_true (gtk_widget_is_visible (item) && gtk_widget_is_sensitive (item));
  g_signal_emit_by_name (item, "clicked");
}

/* F1, pressed in the window, asks the desktop for the guide. */
static void
test_f1_opens_guide (void)
{
  focus (GTK_WINDOW (window));
  press (XK_F1);
  assert_guide_requested ();
}

static void
test_menu_opens_guide (void)
{
  choose_from_main_menu (_("_Help"));
  assert_guide_requested ();
}

/* About: the version, the licence, the issue tracker and the desk's own contact. */
static void
test_about (void)
{
  AdwAboutWindow *about;
  g_autofree char *comments = NULL;

  choose_from_main_menu (_("_About Madoguchi"));
  mdg_test_wait_until ((about = (AdwAboutWindow *) mdg_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW, NULL)) != NULL);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_issue_url (about), ==, "https://github.com/madoguchi/madoguchi/issues");
  g_assert_nonnull (strstr (adw_about_window_get_debug_info (about), db_path));
  comments = g_strdup (adw_about_window_get_comments (about));
  g_assert_nonnull (strstr (comments, "多摩中小企業サイバーセキュリティ相談窓口"));
  g_assert_nonnull (strstr (comments, "042-000-0000"));
  mdg_test_screenshot (GTK_WIDGET (about), "about");
  gtk_window_destroy (GTK_WINDOW (about));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_dir = NULL;
  int status;

  install_help_viewer ();
  mdg_test_init (&argc, &argv);
  adw_init ();
  if (!gtk_init_check () || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_printerr ("No X display: the help tests need Xvfb (build-aux/test runs them under xvfb-run)\n");
      return 1;
    }

  {
    g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&db_dir);
    MdgDeskContact contact = { .name = "多摩中小企業サイバーセキュリティ相談窓口", .phone = "042-000-0000",
                               .email = "madoguchi@example.jp", .url = "https://madoguchi.example.jp/" };

    g_assert_true (mdg_desk_contact_save (db, &contact, &error));
    g_assert_no_error (error);
    db_path = g_strdup (mdg_database_get_path (db));
  }

  app = mdg_application_new ();
  g_application_set_application_id (G_APPLICATION (app), APP_ID ".TestHelp");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  mdg_application_set_database_path (app, db_path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  mdg_test_wait_until ((window = (MdgWindow *) mdg_test_find_toplevel (MDG_TYPE_WINDOW, NULL)) != NULL);

  g_test_add_func ("/help/f1-opens-guide", test_f1_opens_guide);
  g_test_add_func ("/help/menu-opens-guide", test_menu_opens_guide);
  g_test_add_func ("/help/about", test_about);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
  mdg_test_rm_rf (db_dir);
  mdg_test_rm_rf (handler_dir);
  g_free (handler_dir);
  g_free (requested);
  g_free (db_path);
  return status;
}
