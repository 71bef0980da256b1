/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-backup.h"
#include "mdg-database-private.h"
#include "mdg-date.h"
#include "mdg-document-output.h"
#include "mdg-preferences-window.h"
#include "mdg-staff-store.h"
#include "mdg-window.h"

/* How printed documents look: the paper, and dates with the Japanese era; and when
 * the database was last backed up. */

struct _MdgPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwComboRow          *paper_row;
  AdwActionRow         *era_row;
  GtkSwitch            *era_switch;
  AdwPreferencesGroup  *backups_group;
  AdwActionRow         *last_backup_row;
  AdwPreferencesGroup  *staff_group;
  AdwComboRow          *staff_row;

  /* owned */
  GSettings            *settings;
  GCancellable         *cancellable;
  GArray               *staff_ids;      /* gint64 per row of staff_row: 0 for nobody */
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

static GPtrArray *
list_staff_thread (MdgDatabase  *connection,
                   gpointer      data,
                   GError      **error)
{
  return mdg_staff_store_list (connection, FALSE, error);
}

static void
staff_selected_cb (MdgPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->staff_row);

  if (self->staff_ids != NULL && selected < self->staff_ids->len)
    g_settings_set_int64 (self->settings, "current-staff", g_array_index (self->staff_ids, gint64, selected));
}

/* The active staff, read in a worker; the row shows who is chosen now. */
static void
staff_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MdgPreferencesWindow *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = _mdg_database_list_finish (MDG_DATABASE (source), result, list_staff_thread, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 current, none = 0;
  guint selected = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_PREFERENCES_WINDOW (user_data);
  if (staff == NULL)
    {
      adw_preferences_group_set_description (self->staff_group, error->message);
      return;
    }
  current = g_settings_get_int64 (self->settings, "current-staff");
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (names, C_("staff member", "Nobody Chosen"));
  g_array_append_val (self->staff_ids, none);
  for (guint i = 0; i < staff->len; i++)
    {
      MdgStaff *member = g_ptr_array_index (staff, i);
      gint64 id = mdg_staff_get_id (member);
      /* Translators: a staff member in Preferences: name (role) */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), mdg_staff_get_name (member),
                                                mdg_staff_role_get_label (mdg_staff_get_role (member)));

      gtk_string_list_append (names, label);
      g_array_append_val (self->staff_ids, id);
      if (id == current)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->staff_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->staff_row, selected);
  g_signal_connect_swapped (self->staff_row, "notify::selected", G_CALLBACK (staff_selected_cb), self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->staff_row), TRUE);
}

static void
mdg_preferences_window_dispose (GObject *object)
{
  MdgPreferencesWindow *self = MDG_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->staff_ids, g_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, last_backup_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, staff_group);
  gtk_widget_class_bind_template_child (widget_class, MdgPreferencesWindow, staff_row);
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
  /* Until the staff is read, the row says nobody is chosen (a row without a model cannot size itself). */
  {
    g_autoptr(GtkStringList) nobody = gtk_string_list_new (NULL);

    gtk_string_list_append (nobody, C_("staff member", "Nobody Chosen"));
    adw_combo_row_set_model (self->staff_row, G_LIST_MODEL (nobody));
  }
  gtk_widget_set_sensitive (GTK_WIDGET (self->staff_row), FALSE);
}

GtkWidget *
mdg_preferences_window_new (GtkWindow *parent)
{
  MdgPreferencesWindow *self = g_object_new (MDG_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE, NULL);

  /* The backups of the database the window shows, read in a worker. */
  if (MDG_IS_WINDOW (parent))
    {
      mdg_backup_list_async (mdg_database_get_path (mdg_window_get_database (MDG_WINDOW (parent))), self->cancellable,
                             backups_listed_cb, self);
      _mdg_database_list_async (mdg_window_get_database (MDG_WINDOW (parent)), list_staff_thread, NULL, NULL,
                                list_staff_thread, self->cancellable, staff_listed_cb, self);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->backups_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->staff_group), FALSE);
    }
  return GTK_WIDGET (self);
}
