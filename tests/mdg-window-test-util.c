/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include "mdg-demo.h"
#include "mdg-test-util.h"
#include "mdg-window-test-util.h"

static MdgApplication *app;

void
window_test_init (int    *argc,
                  char ***argv)
{
  g_autoptr(GError) error = NULL;

  mdg_test_init (argc, argv);
  adw_init ();
  if (!gtk_init_check ())
    {
      /* Never skip: the window tests are part of the suite. */
      g_printerr ("No display: the window tests need Xvfb (build-aux/test runs them under xvfb-run)\n");
      exit (1);
    }
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_printerr ("The window tests type through X11 (XTest): run them under Xvfb\n");
      exit (1);
    }

  /* One application for the process; each test opens its own window on its own database. */
  app = mdg_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
}

MdgApplication *
window_test_get_app (void)
{
  return app;
}

void
fixture_open_window (WindowFixture *f,
                     int            width,
                     int            height)
{
  f->window = mdg_window_new (app, f->db, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
open_database (WindowFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

  /* Every test starts where a new user does: on Seminars, at the default size. */
  g_settings_reset (settings, "last-section");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");

  f->dir = mdg_test_make_tmpdir ();
  path = g_build_filename (f->dir, "madoguchi.db", NULL);
  f->db = mdg_database_open (path, &error);
  g_assert_no_error (error);
}

void
fixture_set_up_empty (WindowFixture *f,
                      gconstpointer  data)
{
  open_database (f);
  fixture_open_window (f, 1100, 720);
}

void
fixture_set_up_sample (WindowFixture *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();

  open_database (f);
  g_assert_true (mdg_demo_fill (f->db, MDG_DEMO_SIZE_SMALL, today, NULL, &error));
  g_assert_no_error (error);
  fixture_open_window (f, 1100, 720);
}

void
fixture_tear_down (WindowFixture *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Every window of the test goes, dialogs first. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != GTK_WINDOW (f->window))
        gtk_window_destroy (window);
    }
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  spin (50);
  g_clear_object (&f->db);
  mdg_test_rm_rf (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  return mdg_test_find_named (root, name);
}

GtkWidget *
require_named (GtkWidget  *root,
               const char *name)
{
  GtkWidget *widget = find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);
      if (found)
        return found;
    }
  return NULL;
}

guint
count_type (GtkWidget *root,
            GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_type (child, type);
  return n;
}

/* The text a person reads on a label, a button or a button's content. */
const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (ADW_IS_BUTTON_CONTENT (widget))
    return adw_button_content_get_label (ADW_BUTTON_CONTENT (widget));
  return NULL;
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *label)
{
  g_autofree char *plain = NULL;
  const char *text = widget_text (widget);

  if (text == NULL)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        if (shows_text (child, label))
          return TRUE;
      return FALSE;
    }
  /* A mnemonic underline is not part of what is read. */
  plain = g_strdup (text);
  for (char *from = plain, *to = plain;; from++)
    if (*from != '_' && (*to++ = *from) == '\0')
      break;
  return g_str_equal (plain, label);
}

/* Returns: (nullable): a label on screen (mapped) under @root that reads exactly @text */
GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);
      if (found)
        return found;
    }
  return NULL;
}

/* Returns: (nullable): the mapped button that shows @label */
GtkWidget *
find_button_with_label (GtkWidget  *root,
                        const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) && shows_text (root, label))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);
      if (found)
        return found;
    }
  return NULL;
}

/* Returns: (nullable): the mapped button under @root that activates @action */
GtkWidget *
find_button_with_action (GtkWidget  *root,
                         const char *action)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_action (child, action);

      if (found)
        return found;
    }
  return NULL;
}

GtkWindow *
find_toplevel (GType type)
{
  return mdg_test_find_toplevel (type, NULL);
}

void
spin (guint ms)
{
  mdg_test_spin (ms);
}

/* Presses a button as a person does: only one that is on screen and sensitive. */
void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static Display *
x_display (void)
{
  return gdk_x11_display_get_xdisplay (gdk_display_get_default ());
}

/* Gives @toplevel the X keyboard focus and waits until GTK sees it active. */
static void
focus_toplevel (GtkWidget *toplevel)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (toplevel));

  if (gtk_window_is_active (GTK_WINDOW (toplevel)))
    return;
  XSetInputFocus (x_display (), gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XFlush (x_display ());
  wait_until (gtk_window_is_active (GTK_WINDOW (toplevel)));
}

static void
fake_key (KeySym   keysym,
          gboolean press)
{
  KeyCode code = XKeysymToKeycode (x_display (), keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (x_display (), code, press, CurrentTime);
}

static gboolean
key_seen_cb (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             gpointer               user_data)
{
  guint *wanted = user_data;

  if (gdk_keyval_to_lower (keyval) == gdk_keyval_to_lower (wanted[0]))
    wanted[1] = TRUE;
  return FALSE;
}

/*
 * Types a key, with modifiers, through the X server: it reaches whatever widget has
 * the keyboard focus, exactly as a keyboard's would. Now and then Xvfb hands the
 * window the modifier and not the key; the key is sent again until the window has
 * seen it (never twice: it is looked for in the capture phase, before any widget).
 */
void
press_key (GtkWidget       *toplevel,
           guint            keyval,
           GdkModifierType  modifiers)
{
  GtkEventController *seen = gtk_event_controller_key_new ();
  guint wanted[2] = { keyval, FALSE };
  GtkWidget *alive = toplevel;

  gtk_event_controller_set_propagation_phase (seen, GTK_PHASE_CAPTURE);
  g_signal_connect (seen, "key-pressed", G_CALLBACK (key_seen_cb), wanted);
  gtk_widget_add_controller (toplevel, seen);
  /* The key may close the window it was typed in (Escape in a dialog). */
  g_object_add_weak_pointer (G_OBJECT (toplevel), (gpointer *) &alive);

  for (guint attempt = 0; attempt < 5 && !wanted[1] && alive != NULL; attempt++)
    {
      focus_toplevel (toplevel);
      if (modifiers & GDK_CONTROL_MASK)
        fake_key (XK_Control_L, TRUE);
      if (modifiers & GDK_SHIFT_MASK)
        fake_key (XK_Shift_L, TRUE);
      fake_key (keyval, TRUE);
      fake_key (keyval, FALSE);
      if (modifiers & GDK_SHIFT_MASK)
        fake_key (XK_Shift_L, FALSE);
      if (modifiers & GDK_CONTROL_MASK)
        fake_key (XK_Control_L, FALSE);
      XSync (x_display (), False);
      /* Until GDK has read and handled the events. */
      for (guint i = 0; i < 50 && !wanted[1] && alive != NULL; i++)
        {
          while (g_main_context_iteration (NULL, FALSE))
            ;
          g_usleep (2000);
        }
    }
  /* What the key started (a dialog, a search) gets its turn. */
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
  if (alive == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (toplevel), (gpointer *) &alive);
  gtk_widget_remove_controller (toplevel, seen);
  g_assert_true (wanted[1]);
}

/* Moves the pointer as a mouse does, to screen coordinates. */
void
move_pointer (int x,
              int y)
{
  XTestFakeMotionEvent (x_display (), -1, x, y, CurrentTime);
  XSync (x_display (), False);
  for (guint i = 0; i < 10; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

/* Clicks @widget with the first mouse button, through the X server: the press lands
 * on whatever is under the middle of @widget, and moves the focus as a click does
 * (unlike click(), which only emits "clicked"). */
void
click_pointer (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t centre;
  double dx, dy;
  int x, y;
  Window child;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_is_sensitive (widget));
  focus_toplevel (GTK_WIDGET (gtk_widget_get_root (widget)));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                                 gtk_widget_get_height (widget) / 2.f),
                                           &centre));
  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (x_display (), gdk_x11_surface_get_xid (surface), DefaultRootWindow (x_display ()),
                         (int) (centre.x + dx), (int) (centre.y + dy), &x, &y, &child);
  move_pointer (x, y);
  XTestFakeButtonEvent (x_display (), 1, True, CurrentTime);
  XTestFakeButtonEvent (x_display (), 1, False, CurrentTime);
  XSync (x_display (), False);
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

/* Types ASCII text (letters, digits, - and :) key by key, as a barcode scanner does. */
void
type_text (GtkWidget  *toplevel,
           const char *ascii)
{
  for (const char *p = ascii; *p; p++)
    {
      gboolean upper = g_ascii_isupper (*p);
      guint keyval = *p == '-' ? XK_minus : *p == ':' ? XK_colon : *p == ' ' ? XK_space
                                                                             : (guint) g_ascii_tolower (*p);

      press_key (toplevel, keyval, upper || *p == ':' ? GDK_SHIFT_MASK : 0);
    }
}

/* Saves the widget as _build/tests/screenshot-NAME-LANGUAGE.png, to look at. */
void
screenshot (GtkWidget  *widget,
            const char *name)
{
  mdg_test_screenshot (widget, name);
}
