/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-seminar-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-date.h"
#include "mdg-editor-util.h"
#include "mdg-seminar-editor.h"
#include "mdg-seminar-store.h"

struct _MdgSeminarEditor
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwEntryRow    *title_row;
  AdwComboRow    *status_row;
  GtkMenuButton  *date_button;
  GtkCalendar    *calendar;
  GtkSpinButton  *start_hour;
  GtkSpinButton  *start_minute;
  GtkSpinButton  *end_hour;
  GtkSpinButton  *end_minute;
  AdwActionRow   *end_row;
  AdwEntryRow    *venue_row;
  AdwEntryRow    *online_row;
  GtkSpinButton  *capacity_spin;
  AdwEntryRow    *co_organizer_row;
  GtkTextView    *description_view;

  /* owned */
  MdgDatabase    *database;
  MdgSeminar     *seminar;   /* a copy: the original changes only once saved */
};

G_DEFINE_FINAL_TYPE (MdgSeminarEditor, mdg_seminar_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GDateTime *
selected_time (MdgSeminarEditor *self,
               GtkSpinButton    *hour,
               GtkSpinButton    *minute)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);

  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (hour),
                                gtk_spin_button_get_value_as_int (minute), 0);
}

static void
update_date_label (MdgSeminarEditor *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = mdg_date_format (day, MDG_DATE_DEFAULT);

  gtk_menu_button_set_label (self->date_button, text);
}

static void
update_end_hint (MdgSeminarEditor *self)
{
  g_autoptr(GDateTime) starts = selected_time (self, self->start_hour, self->start_minute);
  g_autoptr(GDateTime) ends = selected_time (self, self->end_hour, self->end_minute);
  GTimeSpan span = g_date_time_difference (ends, starts);

  if (span > 0)
    {
      g_autofree char *duration = mdg_duration_format ((guint) (span / G_TIME_SPAN_MINUTE));
      adw_action_row_set_subtitle (self->end_row, duration);
      gtk_widget_remove_css_class (GTK_WIDGET (self->end_row), "error");
    }
  else
    {
      adw_action_row_set_subtitle (self->end_row, _("Must be after the start"));
      gtk_widget_add_css_class (GTK_WIDGET (self->end_row), "error");
    }
}

static void
title_changed_cb (MdgSeminarEditor *self)
{
  g_autofree char *title = _mdg_editor_dup_text (GTK_EDITABLE (self->title_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), title != NULL);
}

static void
day_selected_cb (MdgSeminarEditor *self)
{
  update_date_label (self);
  update_end_hint (self);
  gtk_menu_button_popdown (self->date_button);
}

static void
time_changed_cb (MdgSeminarEditor *self)
{
  update_end_hint (self);
}

static gboolean
time_output_cb (GtkSpinButton *spin,
                gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
save_clicked_cb (MdgSeminarEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) starts = selected_time (self, self->start_hour, self->start_minute);
  g_autoptr(GDateTime) ends = selected_time (self, self->end_hour, self->end_minute);
  g_autofree char *title = _mdg_editor_dup_text (GTK_EDITABLE (self->title_row));
  g_autofree char *venue = _mdg_editor_dup_text (GTK_EDITABLE (self->venue_row));
  g_autofree char *online = _mdg_editor_dup_text (GTK_EDITABLE (self->online_row));
  g_autofree char *co_organizer = _mdg_editor_dup_text (GTK_EDITABLE (self->co_organizer_row));
  g_autofree char *description = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter begin, end;

  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  description = gtk_text_buffer_get_text (buffer, &begin, &end, FALSE);

  g_object_set (self->seminar,
                "title", title,
                "status", (MdgSeminarStatus) adw_combo_row_get_selected (self->status_row),
                "starts-at", starts,
                "ends-at", ends,
                "venue", venue,
                "online-url", online,
                "capacity", (guint) gtk_spin_button_get_value_as_int (self->capacity_spin),
                "co-organizer", co_organizer,
                "description", description,
                NULL);

  if (!mdg_seminar_store_save (self->database, self->seminar, &error))
    {
      _mdg_editor_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->seminar);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fill_form (MdgSeminarEditor *self)
{
  GDateTime *starts = mdg_seminar_get_starts_at (self->seminar);
  GDateTime *ends = mdg_seminar_get_ends_at (self->seminar);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  const char *description = mdg_seminar_get_description (self->seminar);

  for (guint s = MDG_SEMINAR_STATUS_PLANNED; s <= MDG_SEMINAR_STATUS_REPORTED; s++)
    gtk_string_list_append (statuses, mdg_seminar_status_get_label (s));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_selected (self->status_row, mdg_seminar_get_status (self->seminar));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), mdg_seminar_get_title (self->seminar) ?: "");
  gtk_calendar_select_day (self->calendar, starts);
  gtk_spin_button_set_value (self->start_hour, g_date_time_get_hour (starts));
  gtk_spin_button_set_value (self->start_minute, g_date_time_get_minute (starts));
  gtk_spin_button_set_value (self->end_hour, g_date_time_get_hour (ends));
  gtk_spin_button_set_value (self->end_minute, g_date_time_get_minute (ends));
  gtk_editable_set_text (GTK_EDITABLE (self->venue_row), mdg_seminar_get_venue (self->seminar) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->online_row), mdg_seminar_get_online_url (self->seminar) ?: "");
  gtk_spin_button_set_value (self->capacity_spin, mdg_seminar_get_capacity (self->seminar));
  gtk_editable_set_text (GTK_EDITABLE (self->co_organizer_row), mdg_seminar_get_co_organizer (self->seminar) ?: "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view), description ?: "", -1);

  update_date_label (self);
  update_end_hint (self);
  title_changed_cb (self);
}

static void
mdg_seminar_editor_dispose (GObject *object)
{
  MdgSeminarEditor *self = MDG_SEMINAR_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_SEMINAR_EDITOR);
  g_clear_object (&self->database);
  g_clear_object (&self->seminar);

  G_OBJECT_CLASS (mdg_seminar_editor_parent_class)->dispose (object);
}

static void
mdg_seminar_editor_class_init (MdgSeminarEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_seminar_editor_dispose;

  /**
   * MdgSeminarEditor::saved:
   * @seminar: the seminar as saved, with its id
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 NULL, G_TYPE_NONE, 1, MDG_TYPE_SEMINAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-seminar-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, start_hour);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, start_minute);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, end_hour);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, end_minute);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, venue_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, online_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, co_organizer_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, description_view);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mdg_seminar_editor_init (MdgSeminarEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

/**
 * mdg_seminar_editor_new:
 * @database: where to save
 * @seminar: (nullable): the seminar to edit, or %NULL for a new one
 *
 * Returns: (transfer floating): the editor dialog
 */
GtkWidget *
mdg_seminar_editor_new (MdgDatabase *database,
                        MdgSeminar  *seminar)
{
  MdgSeminarEditor *self;

  g_return_val_if_fail (MDG_IS_DATABASE (database), NULL);
  g_return_val_if_fail (seminar == NULL || MDG_IS_SEMINAR (seminar), NULL);

  self = g_object_new (MDG_TYPE_SEMINAR_EDITOR, NULL);
  self->database = g_object_ref (database);

  if (seminar != NULL)
    {
      self->seminar = mdg_seminar_copy (seminar);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Seminar"));
      adw_window_title_set_title (self->window_title, _("Edit Seminar"));
      gtk_button_set_label (self->save_button, _("_Save"));
    }
  else
    {
      /* A new seminar starts as the usual afternoon session, a week from today. */
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) starts = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                           g_date_time_get_day_of_month (now), 14, 0, 0);
      g_autoptr(GDateTime) next_week = g_date_time_add_days (starts, 7);
      g_autoptr(GDateTime) ends = g_date_time_add_minutes (next_week, 150);

      self->seminar = mdg_seminar_new ();
      mdg_seminar_set_starts_at (self->seminar, next_week);
      mdg_seminar_set_ends_at (self->seminar, ends);
      gtk_window_set_title (GTK_WINDOW (self), _("New Seminar"));
      adw_window_title_set_title (self->window_title, _("New Seminar"));
      gtk_button_set_label (self->save_button, _("C_reate"));
    }

  fill_form (self);
  return GTK_WIDGET (self);
}
