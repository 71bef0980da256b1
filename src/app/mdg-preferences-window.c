/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-backup.h"
#include "mdg-database-work.h"
#include "mdg-current-staff.h"
#include "mdg-date.h"
#include "mdg-document-output.h"
#include "mdg-preferences-window.h"
#include "mdg-staff-group.h"
#include "mdg-sync-settings.h"
#include "mdg-window.h"

/* How printed documents look: the paper, and dates with the Japanese era; the team
 * server this laptop syncs with; and when the database was last backed up.
 *
 * The team server: "Connect" hands what was typed to the window's sync client,
 * which checks it (TLS unless the server is this computer), keeps the password in
 * the keyring and saves the rest, all in a worker; then a first sync shows whether
 * the server lets this laptop in. Its answer, in words, is the Connection row's. */

struct _MdgPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwComboRow          *paper_row;
  AdwActionRow         *era_row;
  GtkSwitch            *era_switch;
  AdwPreferencesGroup  *backups_group;
  AdwPreferencesGroup  *staff_group;
  AdwPreferencesPage   *staff_page;
  GtkWidget            *current_staff_row;
  AdwActionRow         *last_backup_row;
  AdwPreferencesPage   *team_page;
  AdwEntryRow          *host_row;
  AdwEntryRow          *port_row;
  AdwEntryRow          *dbname_row;
  AdwEntryRow          *user_row;
  AdwEntryRow          *password_row;
  AdwEntryRow          *ca_row;
  AdwActionRow         *connect_row;
  GtkWidget            *connect_spinner;
  GtkWidget            *connect_button;

  /* owned */
  GSettings            *settings;
  GCancellable         *cancellable;
  MdgSyncClient        *sync;
  char                 *staff;  /* kept from the saved settings: who works on this laptop */
};

G_DEFINE_FINAL_TYPE (MdgPreferencesWindow, mdg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
paper_to_row (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);
  guint n_papers;
  const MdgPaper *papers = _mdg_papers (&n_papers);

  for (guint i = 0; i < n_papers; i++)
    if (g_str_equal (nick, papers[i].nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
row_to_paper (const GValue       *value,
              const GVariantType *type,
              gpointer            user_data)
{
  guint index = g_value_get_uint (value);
  guint n_papers;
  const MdgPaper *papers = _mdg_papers (&n_papers);

  return index < n_papers ? g_variant_new_string (papers[index].nick) : NULL;
}

static void
backups_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MdgPreferencesWindow *self;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;

  backups = mdg_backup_list_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_PREFERENCES_WINDOW (user_data);

  if (backups == NULL)
    subtitle = g_strdup (error->message);
  else if (backups->len == 0)
    subtitle = g_strdup (_("None yet: there will be one after the next start of Madoguchi."));
  else
    {
      MdgBackup *last = g_ptr_array_index (backups, 0);
      g_autofree char *date = mdg_date_format (last->created_at, MDG_DATE_DEFAULT);
      g_autofree char *time = mdg_time_format (last->created_at);
      g_autofree char *folder = g_path_get_dirname (last->path);

      subtitle = g_strdup_printf (ngettext ("%s %s — %u backup kept in %s",
                                           "%s %s — %u backups kept in %s", backups->len),
                                  date, time, backups->len, folder);
    }
  adw_action_row_set_subtitle (self->last_backup_row, subtitle);
}

static void
set_connecting (MdgPreferencesWindow *self,
                gboolean              connecting,
                const char           *status)
{
  gtk_widget_set_visible (self->connect_spinner, connecting);
  gtk_spinner_set_spinning (GTK_SPINNER (self->connect_spinner), connecting);
  gtk_widget_set_sensitive (self->connect_button, !connecting);
  if (status != NULL)
    adw_action_row_set_subtitle (self->connect_row, status);
}

static void
connect_synced_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MdgSyncClient *sync = MDG_SYNC_CLIENT (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  MdgPreferencesWindow *self;

  if (!mdg_sync_client_sync_finish (sync, result, &error) && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_PREFERENCES_WINDOW (user_data);

  if (error != NULL)
    /* Translators: %s is why the team server refused or could not be reached. */
    status = g_strdup_printf (_("Saved, but the server could not be used: %s"), error->message);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *line = mdg_sync_client_describe (sync, now);

      /* Translators: %s is the sync status, "Synced just now". */
      status = g_strdup_printf (_("Connected. %s"), line);
    }
  set_connecting (self, FALSE, status);
}

static void
connect_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MdgSyncClient *sync = MDG_SYNC_CLIENT (source);
  g_autoptr(GError) error = NULL;
  MdgPreferencesWindow *self;

  if (!mdg_sync_client_setup_finish (sync, result, &error) && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_PREFERENCES_WINDOW (user_data);

  if (error != NULL)
    {
      set_connecting (self, FALSE, error->message);
      return;
    }
  /* The password went to the keyring: the row forgets it. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  set_connecting (self, TRUE, _("Syncing for the first time…"));
  mdg_sync_client_sync_async (sync, self->cancellable, connect_synced_cb, self);
}

static char *
row_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
connect_clicked_cb (MdgPreferencesWindow *self)
{
  g_autofree char *host = row_text (self->host_row);
  g_autofree char *port_text = row_text (self->port_row);
  g_autofree char *dbname = row_text (self->dbname_row);
  g_autofree char *user = row_text (self->user_row);
  g_autoptr(MdgSyncSettings) settings = NULL;
  guint64 port = 0;

  if (self->sync == NULL)
    return;
  if (port_text != NULL && !g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &port, NULL))
    {
      /* Translators: %s is what was typed as the port. */
      g_autofree char *message = g_strdup_printf (_("“%s” is not a port number: type a number from 1 to 65535, or "
                                                    "nothing for PostgreSQL’s usual 5432."), port_text);
      set_connecting (self, FALSE, message);
      return;
    }

  settings = mdg_sync_settings_new (host ? host : "", (guint) port, dbname ? dbname : "", user ? user : "");
  settings->ca_file = row_text (self->ca_row);
  settings->staff = g_strdup (self->staff);
  set_connecting (self, TRUE, _("Checking the server and keeping the password in the keyring…"));
  mdg_sync_client_setup_async (self->sync, settings, gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                               self->cancellable, connect_saved_cb, self);
}

typedef struct
{
  MdgPreferencesWindow *self;      /* valid until its cancellable is cancelled */
  MdgSyncSettings      *settings;  /* out, nullable */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->settings, mdg_sync_settings_free);
  g_free (data);
}

static gboolean
load_work (MdgDatabase  *connection,
           gpointer      user_data,
           GError      **error)
{
  LoadData *data = user_data;
  g_autoptr(GError) local_error = NULL;

  data->settings = mdg_sync_settings_load (connection, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
settings_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(GError) error = NULL;
  MdgPreferencesWindow *self;
  MdgSyncSettings *settings = data->settings;

  if (!mdg_database_work_finish (MDG_DATABASE (source), result, load_work, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (data->self->connect_row, error->message);
      return;
    }
  self = data->self;
  if (settings == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->host_row), settings->host ? settings->host : "");
  if (settings->port != 0)
    {
      g_autofree char *port = g_strdup_printf ("%u", settings->port);
      gtk_editable_set_text (GTK_EDITABLE (self->port_row), port);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->dbname_row), settings->dbname ? settings->dbname : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), settings->user ? settings->user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->ca_row), settings->ca_file ? settings->ca_file : "");
  g_free (self->staff);
  self->staff = g_strdup (settings->staff);
  adw_action_row_set_subtitle (self->connect_row,
                               _("Set up. The password stays in the keyring: type it again only to change it."));
}

static void
mdg_preferences_window_dispose (GObject *object)
{
  MdgPreferencesWindow *self = MDG_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sync);
  g_clear_pointer (&self->staff, g_free);

  G_OBJECT_CLASS (mdg_preferences_window_parent_class)->dispose (object);
}

static void
mdg_preferences_window_class_init (MdgPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/madoguchi/Madoguchi/mdg-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, era_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, era_switch);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, backups_group);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, staff_group);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, staff_page);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, last_backup_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, team_page);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, host_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, port_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, dbname_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, ca_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, connect_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, connect_spinner);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
}

static void
mdg_preferences_window_init (MdgPreferencesWindow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *example = mdg_date_format (today, MDG_DATE_ERA);
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  guint n_papers;
  const MdgPaper *papers = _mdg_papers (&n_papers);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < n_papers; i++)
    gtk_string_list_append (labels, _(papers[i].label));
  adw_combo_row_set_model (self->paper_row, G_LIST_MODEL (labels));

  /* Translators: %s is today's date with the Japanese era, as an example */
  subtitle = g_strdup_printf (_("Dates such as %s"), example);
  adw_action_row_set_subtitle (self->era_row, subtitle);

  self->settings = g_settings_new (BASE_APP_ID);
  g_settings_bind_with_mapping (self->settings, "paper-size", self->paper_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                paper_to_row, row_to_paper, NULL, NULL);
  g_settings_bind (self->settings, "era-dates", self->era_switch, "active", G_SETTINGS_BIND_DEFAULT);

  description = g_strdup_printf (_("Madoguchi copies the database into a “backups” folder beside it on the first start of "
                                   "each day and before every upgrade, and keeps the last %d. To go back to one, close "
                                   "Madoguchi and run “madoguchi-cli restore FILE”."),
                                 MDG_BACKUP_KEEP);
  adw_preferences_group_set_description (self->backups_group, description);
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
mdg_preferences_window_new (GtkWindow *parent)
{
  MdgPreferencesWindow *self = g_object_new (MDG_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE, NULL);

  /* The backups of the database the window shows, read in a worker. */
  if (MDG_IS_WINDOW (parent))
    mdg_backup_list_async (mdg_database_get_path (mdg_window_get_database (MDG_WINDOW (parent))), self->cancellable,
                           backups_listed_cb, self);
  else
    gtk_widget_set_visible (GTK_WIDGET (self->backups_group), FALSE);

  /* The team server of the window's database; the sample data has none. */
  if (MDG_IS_WINDOW (parent) && mdg_window_get_sync_client (MDG_WINDOW (parent)) != NULL)
    {
      LoadData *data = g_new0 (LoadData, 1);

      self->sync = g_object_ref (mdg_window_get_sync_client (MDG_WINDOW (parent)));
      data->self = self;
      mdg_database_work_async (mdg_window_get_database (MDG_WINDOW (parent)), load_work, data,
                               (GDestroyNotify) load_data_free, load_work, self->cancellable, settings_loaded_cb, data);
    }
  else
    adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), self->team_page);
  /* Who makes the changes this Madoguchi records, chosen among the desk's staff, who are
   * added and edited on their own page: the choice re-reads them after each change. */
  if (MDG_IS_WINDOW (parent))
    {
      MdgDatabase *db = mdg_window_get_database (MDG_WINDOW (parent));
      GtkWidget *group = mdg_staff_group_new (db);

      self->current_staff_row = _mdg_current_staff_row_new (db);
      adw_preferences_group_add (self->staff_group, self->current_staff_row);
      adw_preferences_page_add (self->staff_page, ADW_PREFERENCES_GROUP (group));
      g_signal_connect_object (group, "changed", G_CALLBACK (_mdg_current_staff_row_reload), self->current_staff_row,
                               G_CONNECT_SWAPPED);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->staff_group), FALSE);
      adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), self->staff_page);
    }
  return GTK_WIDGET (self);
}
