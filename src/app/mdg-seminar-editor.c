/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-seminar-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-date.h"
#include "mdg-editor-util.h"
#include "mdg-seminar-editor.h"
#include "mdg-store-async.h"

/*
 * A seminar's details on one screen that fits an 800×600 laptop: the title has the
 * keyboard when it opens; times are typed (14:00) beside a compact date picker, as
 * GNOME Calendar does; a blank capacity means no limit.
 */

struct _MdgSeminarEditor
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwEntryRow    *title_row;
  AdwActionRow   *when_row;
  GtkMenuButton  *date_button;
  GtkCalendar    *calendar;
  GtkEntry       *start_entry;
  GtkEntry       *end_entry;
  AdwComboRow    *status_row;
  AdwEntryRow    *venue_row;
  AdwEntryRow    *online_row;
  AdwActionRow   *capacity_row;
  GtkEntry       *capacity_entry;
  AdwEntryRow    *co_organizer_row;
  GtkTextView    *description_view;

  /* owned */
  MdgDatabase    *database;
  MdgSeminar     *seminar;   /* a copy: the original changes only once saved */

  gboolean        saving;
};

G_DEFINE_FINAL_TYPE (MdgSeminarEditor, mdg_seminar_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Returns: (transfer full) (nullable): the day at the time typed in @entry, or %NULL when it is no time */
static GDateTime *
typed_time (MdgSeminarEditor *self,
            GtkEntry         *entry)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  int hour, minute;

  if (!_mdg_editor_parse_time (gtk_editable_get_text (GTK_EDITABLE (entry)), &hour, &minute))
    return NULL;
  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), hour, minute, 0);
}

static void
set_time (GtkEntry  *entry,
          GDateTime *time)
{
  g_autofree char *text = g_date_time_format (time, "%H:%M");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
update_date_label (MdgSeminarEditor *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = mdg_date_format (day, MDG_DATE_DEFAULT);

  gtk_menu_button_set_label (self->date_button, text);
}

/* Returns: whether the times typed make sense; the row says why not, or how long it is */
static gboolean
check_times (MdgSeminarEditor *self)
{
  g_autoptr(GDateTime) starts = typed_time (self, self->start_entry);
  g_autoptr(GDateTime) ends = typed_time (self, self->end_entry);
  GTimeSpan span = starts && ends ? g_date_time_difference (ends, starts) : 0;
  gboolean good = span > 0;

  gtk_widget_remove_css_class (GTK_WIDGET (self->when_row), "error");
  if (starts == NULL || ends == NULL)
    adw_action_row_set_subtitle (self->when_row, _("Type times such as 14:00"));
  else if (span <= 0)
    adw_action_row_set_subtitle (self->when_row, _("The end must come after the start"));
  else
    {
      g_autofree char *duration = mdg_duration_format ((guint) (span / G_TIME_SPAN_MINUTE));
      adw_action_row_set_subtitle (self->when_row, duration);
    }
  if (!good)
    gtk_widget_add_css_class (GTK_WIDGET (self->when_row), "error");
  return good;
}

static gboolean
check_capacity (MdgSeminarEditor *self)
{
  guint capacity;
  gboolean good = _mdg_editor_parse_count (gtk_editable_get_text (GTK_EDITABLE (self->capacity_entry)), &capacity);

  if (good)
    gtk_widget_remove_css_class (GTK_WIDGET (self->capacity_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->capacity_entry), "error");
  return good;
}

static void
update_sensitivity (MdgSeminarEditor *self)
{
  g_autofree char *title = _mdg_editor_dup_text (GTK_EDITABLE (self->title_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), title != NULL && !self->saving);
}

static void
title_changed_cb (MdgSeminarEditor *self)
{
  update_sensitivity (self);
}

static void
day_selected_cb (MdgSeminarEditor *self)
{
  update_date_label (self);
  check_times (self);
  gtk_menu_button_popdown (self->date_button);
}

static void
time_changed_cb (MdgSeminarEditor *self)
{
  check_times (self);
}

/* A time reads as it will print once understood: 1400 becomes 14:00. */
static void
reformat_time (GtkEditable *entry)
{
  int hour, minute;

  if (_mdg_editor_parse_time (gtk_editable_get_text (entry), &hour, &minute))
    {
      g_autofree char *text = g_strdup_printf ("%02d:%02d", hour, minute);

      if (g_strcmp0 (text, gtk_editable_get_text (entry)) != 0)
        gtk_editable_set_text (entry, text);
    }
}

static void
time_leave_cb (GtkEventControllerFocus *controller,
               MdgSeminarEditor        *self)
{
  reformat_time (GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
capacity_changed_cb (MdgSeminarEditor *self)
{
  check_capacity (self);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgSeminar) saved = mdg_seminar_store_save_finish (MDG_DATABASE (source), result, &error);
  MdgSeminarEditor *self;

  if (widget == NULL)
    return; /* saved; the editor was closed meanwhile */
  self = MDG_SEMINAR_EDITOR (widget);
  self->saving = FALSE;
  update_sensitivity (self);
  if (saved == NULL)
    {
      _mdg_editor_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, saved);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_clicked_cb (MdgSeminarEditor *self)
{
  g_autoptr(GDateTime) starts = typed_time (self, self->start_entry);
  g_autoptr(GDateTime) ends = typed_time (self, self->end_entry);
  g_autofree char *title = _mdg_editor_dup_text (GTK_EDITABLE (self->title_row));
  g_autofree char *venue = _mdg_editor_dup_text (GTK_EDITABLE (self->venue_row));
  g_autofree char *online = _mdg_editor_dup_text (GTK_EDITABLE (self->online_row));
  g_autofree char *co_organizer = _mdg_editor_dup_text (GTK_EDITABLE (self->co_organizer_row));
  g_autofree char *description = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter begin, end;
  guint capacity;

  if (self->saving || title == NULL)
    return;
  reformat_time (GTK_EDITABLE (self->start_entry));
  reformat_time (GTK_EDITABLE (self->end_entry));
  if (!check_times (self))
    {
      _mdg_editor_show_error (self->error_revealer, self->error_label,
                              _("Type when the seminar starts and ends, such as 14:00 and 16:30."));
      gtk_widget_grab_focus (GTK_WIDGET (self->start_entry));
      return;
    }
  if (!check_capacity (self) ||
      !_mdg_editor_parse_count (gtk_editable_get_text (GTK_EDITABLE (self->capacity_entry)), &capacity))
    {
      _mdg_editor_show_error (self->error_revealer, self->error_label,
                              _("Type the capacity as a number of people, or leave it blank for no limit."));
      gtk_widget_grab_focus (GTK_WIDGET (self->capacity_entry));
      return;
    }

  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  description = gtk_text_buffer_get_text (buffer, &begin, &end, FALSE);

  g_object_set (self->seminar,
                "title", title,
                "status", (MdgSeminarStatus) adw_combo_row_get_selected (self->status_row),
                "starts-at", starts,
                "ends-at", ends,
                "venue", venue,
                "online-url", online,
                "capacity", capacity,
                "co-organizer", co_organizer,
                "description", description,
                NULL);

  /* Nothing typed is lost if the save fails: the form stays, with the reason above it. */
  _mdg_editor_show_error (self->error_revealer, self->error_label, NULL);
  self->saving = TRUE;
  update_sensitivity (self);
  mdg_seminar_store_save_async (self->database, self->seminar, NULL, saved_cb, _mdg_write_watch_new (GTK_WIDGET (self)));
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
  set_time (self->start_entry, starts);
  set_time (self->end_entry, ends);
  gtk_editable_set_text (GTK_EDITABLE (self->venue_row), mdg_seminar_get_venue (self->seminar) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->online_row), mdg_seminar_get_online_url (self->seminar) ?: "");
  _mdg_editor_set_count (GTK_EDITABLE (self->capacity_entry), mdg_seminar_get_capacity (self->seminar));
  gtk_editable_set_text (GTK_EDITABLE (self->co_organizer_row), mdg_seminar_get_co_organizer (self->seminar) ?: "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view), description ?: "", -1);

  update_date_label (self);
  check_times (self);
  update_sensitivity (self);
}

static void
mdg_seminar_editor_map (GtkWidget *widget)
{
  MdgSeminarEditor *self = MDG_SEMINAR_EDITOR (widget);

  GTK_WIDGET_CLASS (mdg_seminar_editor_parent_class)->map (widget);

  /* Typing goes to the title, never to Cancel. */
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
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
  widget_class->map = mdg_seminar_editor_map;

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
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, when_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, start_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, end_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, venue_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, online_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, capacity_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, capacity_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, co_organizer_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarEditor, description_view);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, capacity_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mdg_seminar_editor_init (MdgSeminarEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  for (guint i = 0; i < 2; i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_object (focus, "leave", G_CALLBACK (time_leave_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (i == 0 ? self->start_entry : self->end_entry), focus);
    }
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
      gtk_button_set_label (self->save_button, _("Save"));
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
      gtk_button_set_label (self->save_button, _("Create"));
    }

  fill_form (self);
  return GTK_WIDGET (self);
}
