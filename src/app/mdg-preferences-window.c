/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-date.h"
#include "mdg-document-output.h"
#include "mdg-preferences-window.h"

/* How printed documents look: the paper, and dates with the Japanese era. */

struct _MdgPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwComboRow          *paper_row;
  AdwActionRow         *era_row;
  GtkSwitch            *era_switch;

  /* owned */
  GSettings            *settings;
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
mdg_preferences_window_dispose (GObject *object)
{
  MdgPreferencesWindow *self = MDG_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

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
}

static void
mdg_preferences_window_init (MdgPreferencesWindow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *example = mdg_date_format (today, MDG_DATE_ERA);
  g_autofree char *subtitle = NULL;
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
}

GtkWidget *
mdg_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (MDG_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
}
