/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mdg-preferences-window.h"
#include "mdg-seminar-store.h"
#include "mdg-sync-client.h"
#include "mdg-sync-conflicts-dialog.h"
#include "mdg-sync-settings.h"
#include "mdg-test-pg.h"
#include "mdg-window-test-util.h"

/*
 * The window side of team sync, against a real PostgreSQL server the test starts
 * (tests/mdg-test-pg.c) and a real keyring: the team server typed into Preferences
 * and Connect pressed, a seminar added on another laptop arriving through the
 * sidebar's Sync Now button, the quiet status line, and a conflict reviewed in its
 * dialog.
 */

static MdgTestPg *pg;
static char *user;
static const char *const password = "Desk-one-pw-4e2a";

typedef struct
{
  WindowFixture  w;
  char          *dbname;
  char          *other_path;
  MdgDatabase   *other;
  MdgSyncClient *other_sync;
} Fixture;

static void
sync_fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up_empty (&f->w, data);
  f->dbname = mdg_test_pg_create_database (pg);
  f->other_path = g_build_filename (f->w.dir, "other", "madoguchi.db", NULL);
  f->other = mdg_database_open (f->other_path, &error);
  g_assert_no_error (error);
  f->other_sync = mdg_sync_client_new (f->other_path);
}

static void
sync_fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->other_sync);
  g_clear_object (&f->other);
  g_free (f->other_path);
  g_free (f->dbname);
  fixture_tear_down (&f->w, data);
}

/* The other laptop, set up from the command line's side: settings and keyring. */
static void
other_laptop_syncs (Fixture *f)
{
  g_autoptr(MdgSyncSettings) settings =
    mdg_sync_settings_new (mdg_test_pg_get_socket_dir (pg), mdg_test_pg_get_port (pg), f->dbname, user);
  g_autoptr(GError) error = NULL;

  g_assert_true (mdg_sync_settings_save (f->other, settings, &error));
  g_assert_no_error (error);
  g_assert_true (mdg_sync_password_store (settings, password, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mdg_sync_client_sync (f->other_sync, NULL, &error));
  g_assert_no_error (error);
}

static MdgSeminar *
add_seminar (MdgDatabase *db,
             const char  *title)
{
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GDateTime) starts = g_date_time_new_local (2031, 3, 10, 14, 0, 0);
  g_autoptr(GDateTime) ends = g_date_time_add_hours (starts, 2);
  g_autoptr(GError) error = NULL;

  mdg_seminar_set_title (seminar, title);
  mdg_seminar_set_starts_at (seminar, starts);
  mdg_seminar_set_ends_at (seminar, ends);
  mdg_seminar_set_venue (seminar, "福岡県中小企業振興センター");
  g_assert_true (mdg_seminar_store_save (db, seminar, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&seminar);
}

static void
fill_row (GtkWidget  *prefs,
          const char *name,
          const char *text)
{
  GtkWidget *row = require_named (prefs, name);

  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_true (gtk_widget_is_sensitive (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Preferences as a person fills them: Ctrl+comma, the Team Server page, the rows, Connect. */
static GtkWidget *
connect_with (Fixture    *f,
              guint       port_number,
              const char *typed_password)
{
  GtkWidget *prefs;
  g_autofree char *port = g_strdup_printf ("%u", port_number);
  GtkWidget *password_row;

  press_key (GTK_WIDGET (f->w.window), GDK_KEY_comma, GDK_CONTROL_MASK);
  wait_until (find_toplevel (MDG_TYPE_PREFERENCES_WINDOW) != NULL);
  prefs = GTK_WIDGET (find_toplevel (MDG_TYPE_PREFERENCES_WINDOW));
  gtk_test_widget_wait_for_draw (prefs);
  click (find_button_with_label (prefs, _("Team Server")));
  wait_until (gtk_widget_get_mapped (require_named (prefs, "sync-host")));

  fill_row (prefs, "sync-host", mdg_test_pg_get_socket_dir (pg));
  fill_row (prefs, "sync-port", port);
  fill_row (prefs, "sync-database", f->dbname);
  fill_row (prefs, "sync-user", user);
  /* The password is typed key by key, as it is at a desk. */
  password_row = require_named (prefs, "sync-password");
  gtk_widget_grab_focus (password_row);
  type_text (prefs, typed_password);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_row)), ==, typed_password);

  click (require_named (prefs, "sync-connect"));
  /* Insensitive while it checks, saves and syncs; sensitive again with the answer. */
  g_assert_false (gtk_widget_is_sensitive (require_named (prefs, "sync-connect")));
  wait_until (gtk_widget_is_sensitive (require_named (prefs, "sync-connect")));
  return prefs;
}

static GtkWidget *
connect_through_preferences (Fixture *f)
{
  return connect_with (f, mdg_test_pg_get_port (pg), password);
}

static void
test_connect_and_sync (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->w.window);
  GtkWidget *sync_now = require_named (window, "sync-now");
  GtkWidget *status = require_named (window, "sync-status");
  MdgSyncClient *sync = mdg_window_get_sync_client (f->w.window);
  GtkWidget *prefs;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autofree char *connected = NULL;
  AdwActionRow *connect_row;

  /* No server: nothing in the footer, nothing to sync. */
  wait_until (mdg_sync_client_get_state (sync) == MDG_SYNC_STATE_NOT_SET_UP);
  g_assert_false (gtk_widget_get_mapped (status));
  g_assert_false (gtk_widget_get_mapped (sync_now));

  prefs = connect_through_preferences (f);
  connect_row = ADW_ACTION_ROW (require_named (prefs, "sync-connect-status"));
  connected = g_strdup_printf (_("Connected. %s"), _("Synced just now"));
  g_assert_cmpstr (adw_action_row_get_subtitle (connect_row), ==, connected);
  /* The password went to the keyring, not into the database or the row. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (prefs, "sync-password"))), ==, "");
  /* Tall enough to show the whole page, Connect and its answer included. */
  gtk_window_set_default_size (GTK_WINDOW (prefs), 560, 760);
  screenshot (prefs, "sync-preferences");
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* The footer says it, quietly. */
  wait_until (gtk_widget_get_mapped (status));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), ==, _("Synced just now"));

  /* Another laptop adds a seminar; Sync Now brings it into this window's list. */
  other_laptop_syncs (f);
  seminar = add_seminar (f->other, "取引先を装うメールへの備え");
  g_autoptr(GError) error = NULL;
  g_assert_true (mdg_sync_client_sync (f->other_sync, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (find_label (window, "取引先を装うメールへの備え"));

  g_assert_true (gtk_widget_get_mapped (sync_now));
  g_assert_true (gtk_widget_is_sensitive (sync_now));
  click (sync_now);
  wait_until (find_label (window, "取引先を装うメールへの備え") != NULL);
  wait_until (mdg_sync_client_get_state (sync) == MDG_SYNC_STATE_IDLE);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), ==, _("Synced just now"));
  screenshot (window, "sync-window");

  /* Ctrl+R too: a seminar added since arrives the same way. */
  g_clear_object (&seminar);
  seminar = add_seminar (f->other, "テレワーク端末の紛失対策");
  g_assert_true (mdg_sync_client_sync (f->other_sync, NULL, &error));
  g_assert_no_error (error);
  press_key (window, GDK_KEY_r, GDK_CONTROL_MASK);
  wait_until (find_label (window, "テレワーク端末の紛失対策") != NULL);
}

static void
test_conflict_review (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->w.window);
  MdgSyncClient *sync = mdg_window_get_sync_client (f->w.window);
  g_autoptr(MdgSeminar) mine = NULL;
  g_autoptr(MdgSeminar) theirs = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *prefs, *button, *dialog, *list, *row;
  g_autofree char *subtitle = NULL;

  prefs = connect_through_preferences (f);
  gtk_window_destroy (GTK_WINDOW (prefs));
  other_laptop_syncs (f);

  /* A seminar both laptops have; each renames it while offline. */
  mine = add_seminar (mdg_window_get_database (f->w.window), "標的型メール訓練の結果報告");
  click (require_named (window, "sync-now"));
  wait_until (mdg_sync_client_get_state (sync) == MDG_SYNC_STATE_IDLE &&
              mdg_sync_client_get_last_synced (sync) != NULL);
  g_assert_true (mdg_sync_client_sync (f->other_sync, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GPtrArray) seminars = mdg_seminar_store_list (f->other, now, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (seminars->len, ==, 1);
    theirs = g_object_ref (g_ptr_array_index (seminars, 0));
  }
  g_assert_cmpstr (mdg_seminar_get_title (theirs), ==, "標的型メール訓練の結果報告");

  mdg_seminar_set_title (mine, "標的型メール訓練の結果（速報）");
  g_assert_true (mdg_seminar_store_save (mdg_window_get_database (f->w.window), mine, &error));
  g_assert_no_error (error);
  /* The edits' clocks count milliseconds: two edits within the same one are told apart
   * by the laptops' ids, not by time. The other laptop's edit comes clearly later. */
  g_usleep (5 * 1000);
  mdg_seminar_set_title (theirs, "標的型メール訓練の結果（確定版）");
  g_assert_true (mdg_seminar_store_save (f->other, theirs, &error));
  g_assert_no_error (error);
  g_assert_true (mdg_sync_client_sync (f->other_sync, NULL, &error));
  g_assert_no_error (error);

  /* The later edit (the other laptop's) wins; the footer offers the review. */
  button = require_named (window, "sync-conflicts");
  click (require_named (window, "sync-now"));
  wait_until (gtk_widget_get_mapped (button));
  g_assert_cmpuint (mdg_sync_client_get_conflicts (sync), ==, 1);
  wait_until (find_label (window, "標的型メール訓練の結果（確定版）") != NULL);
  click (button);

  wait_until (find_toplevel (MDG_TYPE_SYNC_CONFLICTS_DIALOG) != NULL);
  dialog = GTK_WIDGET (find_toplevel (MDG_TYPE_SYNC_CONFLICTS_DIALOG));
  list = require_named (dialog, "sync-conflict-list");
  wait_until (gtk_widget_get_mapped (list) && gtk_widget_get_first_child (list) != NULL);
  row = gtk_widget_get_first_child (list);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "標的型メール訓練の結果"));
  subtitle = g_strdup_printf (_("Kept: %s\nLost: %s"), "標的型メール訓練の結果（確定版）", "標的型メール訓練の結果（速報）");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, subtitle);
  screenshot (dialog, "sync-conflicts");

  /* Dismissed: the record keeps what it has, the list and the footer's button empty. */
  click (require_named (row, "conflict-dismiss"));
  wait_until (gtk_widget_get_mapped (require_named (dialog, "sync-conflicts-empty")));
  wait_until (mdg_sync_client_get_conflicts (sync) == 0);
  wait_until (!gtk_widget_get_visible (button));
  g_clear_object (&theirs);
  theirs = mdg_seminar_store_load (mdg_window_get_database (f->w.window), mdg_seminar_get_id (mine), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mdg_seminar_get_title (theirs), ==, "標的型メール訓練の結果（確定版）");
}

/* The footer's three states: the server's refusal in words, offline, synced. */
static void
test_status_states (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->w.window);
  GtkWidget *status = require_named (window, "sync-status");
  MdgSyncClient *sync = mdg_window_get_sync_client (f->w.window);
  g_autoptr(MdgSyncSettings) settings =
    mdg_sync_settings_new (mdg_test_pg_get_socket_dir (pg), mdg_test_pg_get_port (pg), f->dbname, user);
  g_autofree char *description = mdg_sync_settings_describe (settings);
  g_autofree char *refused = g_strdup_printf (_("The team server %s refused the user name or the password"),
                                              description);
  g_autofree char *saved_but = g_strdup_printf (_("Saved, but the server could not be used: %s"), refused);
  g_autofree char *offline = NULL;
  GtkWidget *prefs;

  /* A mistyped password: Preferences and the footer say so, in words. */
  prefs = connect_with (f, mdg_test_pg_get_port (pg), "Wrong-pw-1");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (require_named (prefs, "sync-connect-status"))), ==,
                   saved_but);
  gtk_window_destroy (GTK_WINDOW (prefs));
  wait_until (gtk_widget_get_mapped (status));
  g_assert_cmpint (mdg_sync_client_get_state (sync), ==, MDG_SYNC_STATE_ERROR);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), ==, refused);
  g_assert_true (gtk_widget_has_css_class (status, "error"));
  screenshot (window, "sync-status-error");

  /* No server on that port: offline, and what waits. */
  prefs = connect_with (f, mdg_test_pg_get_port (pg) + 1, password);
  gtk_window_destroy (GTK_WINDOW (prefs));
  wait_until (mdg_sync_client_get_state (sync) == MDG_SYNC_STATE_OFFLINE);
  offline = mdg_sync_client_get_waiting (sync) == 0
              ? g_strdup (_("Offline — nothing waiting"))
              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline — %u change waiting",
                                              "Offline — %u changes waiting", mdg_sync_client_get_waiting (sync)),
                                 mdg_sync_client_get_waiting (sync));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), ==, offline);
  g_assert_false (gtk_widget_has_css_class (status, "error"));

  /* Set right: synced. */
  prefs = connect_through_preferences (f);
  gtk_window_destroy (GTK_WINDOW (prefs));
  wait_until (mdg_sync_client_get_state (sync) == MDG_SYNC_STATE_IDLE);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), ==, _("Synced just now"));
}

/* Closing the window takes what was typed last to the team first. */
static void
test_sync_at_closing (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->w.window);
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *prefs;

  prefs = connect_through_preferences (f);
  gtk_window_destroy (GTK_WINDOW (prefs));
  other_laptop_syncs (f);
  seminar = add_seminar (f->w.db, "閉じる直前に登録したセミナー");

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &f->w.window);
  press_key (window, GDK_KEY_w, GDK_CONTROL_MASK);
  wait_until (f->w.window == NULL);

  g_assert_true (mdg_sync_client_sync (f->other_sync, NULL, &error));
  g_assert_no_error (error);
  seminars = mdg_seminar_store_list (f->other, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seminars->len, ==, 1);
  g_assert_cmpstr (mdg_seminar_get_title (g_ptr_array_index (seminars, 0)), ==, "閉じる直前に登録したセミナー");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  int status;

  /* The keyring's bus first, so that the application and libsecret both use it; the
   * test bus forgets the display, which the window needs. */
  mdg_test_keyring_start ();
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  window_test_init (&argc, &argv);
  pg = mdg_test_pg_start ();
  user = mdg_test_pg_create_user (pg, password);

  g_test_add ("/sync-window/connect-and-sync", Fixture, NULL, sync_fixture_set_up, test_connect_and_sync, sync_fixture_tear_down);
  g_test_add ("/sync-window/conflict-review", Fixture, NULL, sync_fixture_set_up, test_conflict_review, sync_fixture_tear_down);
  g_test_add ("/sync-window/status-states", Fixture, NULL, sync_fixture_set_up, test_status_states,
              sync_fixture_tear_down);
  g_test_add ("/sync-window/sync-at-closing", Fixture, NULL, sync_fixture_set_up, test_sync_at_closing,
              sync_fixture_tear_down);
  status = g_test_run ();

  mdg_test_pg_stop (pg);
  g_free (user);
  mdg_test_keyring_stop ();
  return status;
}
