/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-startup-check"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-error.h"
#include "mdg-startup-check.h"

/*
 * What the window does once its database is open: the quick check of every page and
 * the first backup of the day run in a worker (mdg_database_maintain_async()) once the
 * window has shown its first frame, while it is already in use; a damaged database, a
 * backup that could not be written or a read-only file is then said in a dialog that
 * tells what to do.
 */

static void
show_notice (GtkWindow  *window,
             const char *heading,
             const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (window, heading, NULL);

  gtk_widget_set_name (dialog, "database-notice");
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
maintained_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  MdgDatabase *database = MDG_DATABASE (source);
  g_autoptr(GError) error = NULL;

  if (!mdg_database_maintain_finish (database, result, &error))
    {
      /* The window was closed meanwhile: nobody to tell. */
      if (!gtk_widget_get_visible (GTK_WIDGET (window)))
        return;
      if (g_error_matches (error, MDG_ERROR, MDG_ERROR_CORRUPT))
        show_notice (window, _("The Database Is Damaged"), error->message);
      else
        show_notice (window, _("Could Not Back Up the Database"), error->message);
      return;
    }

  if (mdg_database_is_read_only (database) && gtk_widget_get_visible (GTK_WIDGET (window)))
    {
      g_autofree char *body = g_strdup_printf (_("“%s” was opened read-only: changes cannot be saved. Make the file "
                                                 "and its folder writable, or copy the file to a folder of your own."),
                                               mdg_database_get_path (database));

      show_notice (window, _("Opened Read-Only"), body);
    }
}

/* The check reads every page of the file: on a large database that is seconds of a
 * core and of disk reads, which the first frame and the first section's query must not
 * share on a two-core laptop. It starts once the window has painted, when the main
 * loop is next idle. */
static gboolean
start_maintenance_cb (gpointer user_data)
{
  GtkWindow *window = user_data;
  MdgDatabase *database = g_object_get_data (G_OBJECT (window), "mdg-startup-check-database");

  if (database == NULL)
    return G_SOURCE_REMOVE;
  mdg_database_maintain_async (database, NULL, maintained_cb, g_object_ref (window));
  g_object_set_data (G_OBJECT (window), "mdg-startup-check-database", NULL);
  return G_SOURCE_REMOVE;
}

static void
painted_cb (GtkWidget *window,
            gpointer   user_data)
{
  g_idle_add_full (G_PRIORITY_LOW, start_maintenance_cb, g_object_ref (window), g_object_unref);
}

/**
 * _mdg_startup_check:
 * @window: the window just opened on @database
 * @database: the user's database
 *
 * Checks and backs up @database in the background, once @window has shown its first
 * frame; tells @window's user what went wrong, if anything.
 */
void
_mdg_startup_check (GtkWindow   *window,
                    MdgDatabase *database)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (MDG_IS_DATABASE (database));

  g_object_set_data_full (G_OBJECT (window), "mdg-startup-check-database", g_object_ref (database),
                          g_object_unref);
  _mdg_after_first_frame (GTK_WIDGET (window), painted_cb, NULL);
}
