/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mdg-application.h"
#include "mdg-backup.h"
#include "mdg-database.h"
#include "mdg-date.h"
#include "mdg-test-gtk.h"
#include "mdg-test-util.h"
#include "mdg-window.h"

/*
 * What Madoguchi does with its database when it starts, through the real
 * application under Xvfb: the quick check and the backup of the day in a worker
 * while the window is in use; a damaged database said in a dialog; the last
 * backup in Preferences.
 */

static MdgApplication *
start (const char *path)
{
  static guint n_started;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%s.Test%u", APP_ID, ++n_started);
  MdgApplication *app = mdg_application_new ();

  /* One application per test, each on a D-Bus path of its own. */
  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  mdg_application_set_database_path (app, path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  return app;
}

static void
stop (MdgApplication *app)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  g_object_unref (app);
}

static char *
make_database (char **dir)
{
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (dir);

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("起動時の確認 %u", i);
      mdg_test_add_seminar (db, title);
    }
  return g_strdup (mdg_database_get_path (db));
}

static guint
n_backups (const char *path)
{
  g_autoptr(GPtrArray) backups = mdg_backup_list (path, NULL);

  return backups != NULL ? backups->len : 0;
}

/* The window opens on a damaged database, then says so and how to restore. */
static void
test_damaged_database_named (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_database (&dir);
  GtkWindow *window = NULL;
  GtkWindow *notice = NULL;
  MdgApplication *app;
  guint page;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MdgDatabase) db = mdg_database_open (path, &error);

    g_assert_no_error (error);
    page = mdg_test_root_page (db, "seminar");
  }
  mdg_test_damage_pages (path, page, 1);

  app = start (path);
  mdg_test_wait_until ((window = mdg_test_find_toplevel (MDG_TYPE_WINDOW, NULL)) != NULL);
  mdg_test_wait_until ((notice = mdg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, "database-notice")) != NULL);

  /* The window stays open behind the notice, which says what happened and what to do. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (gtk_window_get_transient_for (notice) == window);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (notice)), ==, _("The Database Is Damaged"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (notice)), path));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (notice)), "madoguchi-cli restore"));
  /* In the user's language, never SQLite's English. */
  g_assert_null (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (notice)), "malformed"));
  mdg_test_screenshot (GTK_WIDGET (notice), "database-damaged");

  /* A damaged database is not backed up as if it were good. */
  g_assert_cmpuint (n_backups (path), ==, 0);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (notice), "close");
  stop (app);
  mdg_test_rm_rf (dir);
}

/* The first start of the day backs up in the background; Preferences shows the backup. */
static void
test_daily_backup_in_preferences (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_database (&dir);
  g_autofree char *folder = mdg_backup_get_folder (path);
  GtkWindow *window = NULL;
  GtkWindow *preferences = NULL;
  AdwActionRow *row;
  MdgApplication *app;

  app = start (path);
  mdg_test_wait_until ((window = mdg_test_find_toplevel (MDG_TYPE_WINDOW, NULL)) != NULL);
  mdg_test_wait_until (n_backups (path) == 1);

  mdg_test_choose_menu_item (mdg_test_find_named (GTK_WIDGET (window), "main-menu"), "app.preferences");
  mdg_test_wait_until ((preferences = mdg_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW, NULL)) != NULL);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "data");
  row = ADW_ACTION_ROW (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                       G_OBJECT_TYPE (preferences), "last_backup_row"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  mdg_test_wait_until (adw_action_row_get_subtitle (row) != NULL &&
                       strstr (adw_action_row_get_subtitle (row), folder) != NULL);
  {
    g_autoptr(GPtrArray) backups = mdg_backup_list (path, NULL);
    MdgBackup *last = g_ptr_array_index (backups, 0);
    g_autofree char *date = mdg_date_format (last->created_at, MDG_DATE_DEFAULT);
    g_autofree char *time = mdg_time_format (last->created_at);
    g_autofree char *expected = g_strdup_printf (ngettext ("%s %s — %u backup kept in %s",
                                                           "%s %s — %u backups kept in %s", 1),
                                                 date, time, 1, folder);

    /* When (with the weekday), how many, and where. */
    g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, expected);
  }
  mdg_test_screenshot (GTK_WIDGET (preferences), "preferences-backups");

  /* A sound database raises no notice. */
  g_assert_null (mdg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, "database-notice"));

  gtk_window_destroy (preferences);
  stop (app);
  mdg_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);
  adw_init ();
  if (!gtk_init_check ())
    {
      g_printerr ("No display: the start-up tests need Xvfb (build-aux/test runs them under xvfb-run)\n");
      return 1;
    }

  g_test_add_func ("/startup/damaged-database-named", test_damaged_database_named);
  g_test_add_func ("/startup/daily-backup-in-preferences", test_daily_backup_in_preferences);

  return g_test_run ();
}
