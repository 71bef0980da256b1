/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include "mdg-application.h"
#include "mdg-presenter-session.h"
#include "mdg-test-presenter.h"
#include "mdg-test-util.h"

/*
 * Rehearsal on one screen, as `madoguchi --present DECK` opens it under Xvfb, driven
 * by real key presses that the X server delivers (XTest), as a keyboard or a clicker
 * would. Both windows must follow the one presenter; screenshots of both are saved.
 */

static MdgDatabase *db;
static char *dir;
static gint64 deck_id;

static MdgPresenterConsole *console;
static MdgAudienceWindow *audience;
static MdgPresenterSession *session;
static MdgPresenter *presenter;

static void
press (KeySym keysym)
{
  Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  KeyCode code = XKeysymToKeycode (display, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (display, code, True, CurrentTime);
  XTestFakeKeyEvent (display, code, False, CurrentTime);
  /* After the round trip the server's events are in GDK's queue: handle all of them. */
  XSync (display, False);
  for (guint quiet = 0; quiet < 3;)
    {
      if (XPending (display) > 0 || g_main_context_pending (NULL))
        {
          g_main_context_iteration (NULL, FALSE);
          quiet = 0;
        }
      else
        {
          quiet++;
          g_usleep (2000);
        }
    }
}

/*
 * Presses @keysym until @cond holds: Xvfb now and then drops a key sent while the
 * windows settle, which a person would simply press again.
 */
#define press_until(keysym, cond)                                              \
  G_STMT_START {                                                               \
    for (guint attempt_ = 0; !(cond); attempt_++)                              \
      {                                                                        \
        gint64 until_ = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;          \
        if (attempt_ == 3)                                                     \
          g_error ("Pressed %s three times, still not: %s", #keysym, #cond);   \
        press (keysym);                                                        \
        while (!(cond) && g_get_monotonic_time () < until_)                    \
          if (!g_main_context_iteration (NULL, FALSE))                         \
            g_usleep (1000);                                                   \
      }                                                                        \
  } G_STMT_END

static void
focus (GtkWindow *window)
{
  Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  mdg_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)));
  /* No window manager under Xvfb: give the window the keyboard as one would. */
  XSetInputFocus (display, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (display, False);
  mdg_test_wait_until (gtk_window_is_active (window));
}

static MdgSlidePicture *
audience_picture (void)
{
  return mdg_audience_window_get_picture (audience);
}

static const char *
label_of (const char *name)
{
  return gtk_label_get_label (GTK_LABEL (mdg_test_presenter_named (GTK_WIDGET (console), name)));
}

static int shown_at_change = -2;

/* Connected after the views: what the audience has on screen the moment the slide changes. */
static void
slide_changed_cb (void)
{
  shown_at_change = mdg_slide_picture_get_shown_page (audience_picture ());
}

static void
test_rehearsal_opens (void)
{
  mdg_test_wait_until ((console = MDG_PRESENTER_CONSOLE (mdg_test_presenter_find (MDG_TYPE_PRESENTER_CONSOLE))) != NULL);
  mdg_test_wait_until ((audience = MDG_AUDIENCE_WINDOW (mdg_test_presenter_find (MDG_TYPE_AUDIENCE_WINDOW))) != NULL);
  session = g_object_get_data (G_OBJECT (console), "mdg-presenter-session");
  presenter = mdg_presenter_session_get_presenter (session);
  g_assert_true (mdg_presenter_session_is_rehearsal (session));
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (audience)));
  g_assert_cmpuint (mdg_presenter_get_n_slides (presenter), ==, 14);
  g_assert_cmpuint (mdg_presenter_get_duration (presenter), ==, 30 * 60);

  mdg_test_wait_until (mdg_slide_picture_get_shown_page (audience_picture ()) == 0 &&
                       mdg_slide_picture_get_shown_page (mdg_presenter_console_get_current (console)) == 0 &&
                       mdg_slide_picture_get_shown_page (mdg_presenter_console_get_next (console)) == 1);
  g_assert_cmpstr (label_of ("presenter-counter"), ==, "1 / 14");
  g_assert_nonnull (strstr (label_of ("presenter-notes"), "ランサムウェア対策をお話しします"));
  g_assert_cmpstr (label_of ("presenter-remaining"), ==, "30:00");
  g_assert_cmpstr (label_of ("presenter-elapsed"), ==, "0:00");
  g_assert_false (mdg_presenter_get_timer_running (presenter));
  focus (GTK_WINDOW (console));
}

static void
test_rehearsal_next_without_waiting (void)
{
  MdgSlidePreloader *preloader = mdg_presenter_session_get_preloader (session);

  /* The next slide is rendered before it is asked for… */
  mdg_test_wait_until (mdg_slide_preloader_lookup (preloader, MDG_SLIDE_VIEW_AUDIENCE, 1) != NULL &&
                       mdg_slide_preloader_lookup (preloader, MDG_SLIDE_VIEW_CURRENT, 1) != NULL);
  g_signal_connect (presenter, "notify::slide", G_CALLBACK (slide_changed_cb), NULL);

  /* …so the audience sees it the moment the key is pressed. */
  press_until (XK_Right, mdg_presenter_get_slide (presenter) == 1);
  g_assert_cmpint (shown_at_change, ==, 1);
  g_assert_cmpint (mdg_slide_picture_get_shown_page (mdg_presenter_console_get_current (console)), ==, 1);
  g_assert_cmpstr (label_of ("presenter-counter"), ==, "2 / 14");
  g_assert_nonnull (strstr (label_of ("presenter-notes"), "製造業A社"));
  g_assert_true (mdg_presenter_get_timer_running (presenter));
  mdg_test_wait_until (mdg_slide_picture_get_shown_page (mdg_presenter_console_get_next (console)) == 2);
  g_object_unref (mdg_test_presenter_snapshot (GTK_WIDGET (console), "presenter-console"));
  g_object_unref (mdg_test_presenter_snapshot (GTK_WIDGET (audience), "presenter-audience"));

  /* Clickers: Page Down, space and Enter go on; Page Up and Backspace go back. */
  press_until (XK_Page_Down, mdg_presenter_get_slide (presenter) == 2);
  press_until (XK_space, mdg_presenter_get_slide (presenter) == 3);
  press_until (XK_Return, mdg_presenter_get_slide (presenter) == 4);
  press_until (XK_Page_Up, mdg_presenter_get_slide (presenter) == 3);
  press_until (XK_BackSpace, mdg_presenter_get_slide (presenter) == 2);
  press_until (XK_Left, mdg_presenter_get_slide (presenter) == 1);
  press_until (XK_End, mdg_presenter_get_slide (presenter) == 13);
  mdg_test_wait_until (mdg_slide_picture_get_shown_page (audience_picture ()) == 13);
  g_assert_cmpint (mdg_slide_picture_get_shown_page (mdg_presenter_console_get_next (console)), ==, -1);
  press_until (XK_Home, mdg_presenter_get_slide (presenter) == 0);
}

static void
test_rehearsal_jump (void)
{
  press (XK_1);
  press (XK_2);
  g_assert_nonnull (strstr (label_of ("presenter-typed"), "12"));
  mdg_test_wait_until (mdg_presenter_get_slide (presenter) == 0);
  press (XK_Return);
  mdg_test_wait_until (mdg_presenter_get_slide (presenter) == 11);
  g_assert_cmpstr (label_of ("presenter-typed"), ==, "");
  mdg_test_wait_until (mdg_slide_picture_get_shown_page (audience_picture ()) == 11);
}

static void
test_rehearsal_black_out (void)
{
  g_autoptr(GdkTexture) black = NULL;
  g_autofree guchar *pixels = NULL;
  int width, height;

  press (XK_b);
  g_assert_true (mdg_presenter_get_blacked_out (presenter));
  g_assert_true (mdg_slide_picture_is_black (audience_picture ()));
  g_assert_true (gtk_widget_get_visible (mdg_test_presenter_named (GTK_WIDGET (console), "presenter-black")));
  /* The presenter still sees the slide; the audience sees black, every pixel of it. */
  g_assert_false (mdg_slide_picture_is_black (mdg_presenter_console_get_current (console)));
  black = mdg_test_presenter_snapshot (GTK_WIDGET (audience_picture ()), "presenter-audience-black");
  width = gdk_texture_get_width (black);
  height = gdk_texture_get_height (black);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (black, pixels, width * 4);
  for (int i = 0; i < width * height; i++)
    g_assert_cmpuint (pixels[i * 4] | pixels[i * 4 + 1] | pixels[i * 4 + 2], ==, 0);
  g_object_unref (mdg_test_presenter_snapshot (GTK_WIDGET (console), "presenter-console-black"));

  press (XK_b);
  g_assert_false (mdg_presenter_get_blacked_out (presenter));
  g_assert_false (gtk_widget_get_visible (mdg_test_presenter_named (GTK_WIDGET (console), "presenter-black")));
}

static void
test_rehearsal_overview (void)
{
  GtkFlowBox *overview = GTK_FLOW_BOX (mdg_test_presenter_named (GTK_WIDGET (console), "presenter-overview"));
  GtkStack *stack = GTK_STACK (gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (overview)))));

  press (XK_Tab);
  g_assert_true (mdg_presenter_get_overview (presenter));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "overview");
  mdg_test_wait_until (gtk_flow_box_get_child_at_index (overview, 13) != NULL);
  press (XK_Right);
  press (XK_Right);
  g_assert_cmpuint (mdg_presenter_get_overview_slide (presenter), ==, 13);
  press (XK_Left);
  g_assert_cmpuint (mdg_presenter_get_overview_slide (presenter), ==, 12);
  mdg_test_wait_until (mdg_presenter_get_slide (presenter) == 11);
  g_assert_true (gtk_flow_box_child_is_selected (gtk_flow_box_get_child_at_index (overview, 12)));
  g_usleep (300000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (mdg_test_presenter_snapshot (GTK_WIDGET (console), "presenter-overview"));
  press (XK_Return);
  g_assert_false (mdg_presenter_get_overview (presenter));
  mdg_test_wait_until (mdg_presenter_get_slide (presenter) == 12);

  /* Esc closes the overview first, without moving. */
  press (XK_Tab);
  press (XK_Left);
  press (XK_Escape);
  g_assert_false (mdg_presenter_get_overview (presenter));
  mdg_test_wait_until (mdg_presenter_get_slide (presenter) == 12);
  g_assert_nonnull (mdg_test_presenter_find (MDG_TYPE_PRESENTER_CONSOLE));
}

static void
test_rehearsal_notes_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *larger = mdg_test_presenter_named (GTK_WIDGET (console), "presenter-notes-larger");
  int size = g_settings_get_int (settings, "presenter-notes-size");

  g_assert_true (gtk_widget_is_sensitive (larger) && gtk_widget_is_drawable (larger));
  g_signal_emit_by_name (larger, "clicked");
  g_assert_cmpint (g_settings_get_int (settings, "presenter-notes-size"), ==, size + 2);
  {
    PangoAttrList *attributes = gtk_label_get_attributes (GTK_LABEL (mdg_test_presenter_named (GTK_WIDGET (console),
                                                                                                "presenter-notes")));
    PangoAttrIterator *iter = pango_attr_list_get_iterator (attributes);
    PangoAttrInt *attr = (PangoAttrInt *) pango_attr_iterator_get (iter, PANGO_ATTR_SIZE);

    g_assert_cmpint (attr->value, ==, (size + 2) * PANGO_SCALE);
    pango_attr_iterator_destroy (iter);
  }
  /* The keyboard still goes to the presentation, not the button. */
  focus (GTK_WINDOW (console));
  press (XK_Right);
  mdg_test_wait_until (mdg_presenter_get_slide (presenter) == 13);
}

static void
test_rehearsal_leave (void)
{
  /* The audience window takes the keys too: Esc there ends the presentation. */
  focus (GTK_WINDOW (audience));
  press (XK_Escape);
  mdg_test_wait_until (mdg_test_presenter_find (MDG_TYPE_PRESENTER_CONSOLE) == NULL &&
                       mdg_test_presenter_find (MDG_TYPE_AUDIENCE_WINDOW) == NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  int status;

  mdg_test_init (&argc, &argv);
  adw_init ();
  if (!gtk_init_check () || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_printerr ("No X display: the presenter tests need Xvfb (build-aux/test runs them under xvfb-run)\n");
      return 1;
    }

  db = mdg_test_open_tmp_db (&dir);
  path = g_strdup (mdg_database_get_path (db));
  deck_id = mdg_test_presenter_make_deck (db, dir, 14, 30);

  g_test_add_func ("/presenter-window/rehearsal/opens", test_rehearsal_opens);
  g_test_add_func ("/presenter-window/rehearsal/next-without-waiting", test_rehearsal_next_without_waiting);
  g_test_add_func ("/presenter-window/rehearsal/jump", test_rehearsal_jump);
  g_test_add_func ("/presenter-window/rehearsal/black-out", test_rehearsal_black_out);
  g_test_add_func ("/presenter-window/rehearsal/overview", test_rehearsal_overview);
  g_test_add_func ("/presenter-window/rehearsal/notes-size", test_rehearsal_notes_size);
  g_test_add_func ("/presenter-window/rehearsal/leave", test_rehearsal_leave);

  /* Exactly what a presenter types: madoguchi --database PATH --present DECK. */
  status = mdg_test_presenter_run (path, deck_id);

  g_clear_object (&db);
  mdg_test_rm_rf (dir);
  g_free (dir);
  return status;
}
