/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-registration-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-date.h"
#include "mdg-registration-dialog.h"
#include "mdg-store-async.h"

/*
 * One registration, opened from the attendee table: who registered, how to reach
 * them, where the registration stands, and the two things done to it at the desk or
 * before — checking in (or undoing it) and cancelling, which moves the waitlist up.
 */

struct _MdgRegistrationDialog
{
  AdwWindow            parent_instance;

  /* template widgets */
  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *person_group;
  AdwActionRow        *reading_row;
  AdwActionRow        *organization_row;
  AdwActionRow        *department_row;
  AdwActionRow        *title_row;
  AdwActionRow        *email_row;
  AdwActionRow        *phone_row;
  AdwActionRow        *number_row;
  AdwActionRow        *status_row;
  AdwActionRow        *checked_in_row;
  AdwPreferencesGroup *form_group;
  GtkButton           *check_in_button;
  GtkButton           *cancel_button;

  /* owned */
  MdgDatabase         *database;
  MdgSeminar          *seminar;
  MdgAttendee         *attendee;

  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (MdgRegistrationDialog, mdg_registration_dialog, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A read-only row of the form's group: the question small above, the answer in full. */
static void
add_form_row (MdgRegistrationDialog *self,
              const char            *name,
              const char            *title,
              const char            *text)
{
  GtkWidget *row;

  if (text == NULL || *text == '\0')
    return;
  row = adw_action_row_new ();
  if (name != NULL)
    gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  gtk_widget_add_css_class (row, "mdg-property");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_group_add (self->form_group, row);
  gtk_widget_set_visible (GTK_WIDGET (self->form_group), TRUE);
}

/* When they applied, venue or online, their questions, and every other answer of the form. */
static void
show_form (MdgRegistrationDialog *self)
{
  GDateTime *applied = mdg_attendee_get_applied_at (self->attendee);
  MdgAttendance attendance = mdg_attendee_get_attendance (self->attendee);
  GPtrArray *answers = mdg_attendee_get_answers (self->attendee);

  if (applied != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (applied);
      g_autofree char *date = mdg_date_format (local, MDG_DATE_DEFAULT);
      g_autofree char *time = mdg_time_format (local);
      /* Translators: a date, then a time */
      g_autofree char *when = g_strdup_printf (C_("date and time", "%s %s"), date, time);

      add_form_row (self, "registration-applied", _("Applied"), when);
    }
  if (attendance != MDG_ATTENDANCE_UNKNOWN)
    add_form_row (self, "registration-attendance", _("Attends"), mdg_attendance_get_label (attendance));
  add_form_row (self, "registration-questions", _("Questions for the Presenter"),
                mdg_attendee_get_questions (self->attendee));
  for (guint i = 0; answers != NULL && i < answers->len; i++)
    {
      MdgAnswer *answer = g_ptr_array_index (answers, i);

      add_form_row (self, "registration-answer", answer->question, answer->answer);
    }
}

static void
update (MdgRegistrationDialog *self)
{
  MdgPerson *person = mdg_attendee_get_person (self->attendee);
  MdgRegistrationStatus status = mdg_attendee_get_status (self->attendee);
  g_autofree char *name = mdg_person_dup_name (person);
  g_autofree char *honorific = _mdg_format_honorific (name);
  g_autofree char *kana = mdg_person_dup_kana (person);
  g_autofree char *reading = _mdg_format_reading (kana);
  g_autofree char *checked_in = NULL;

  adw_preferences_group_set_title (self->person_group, honorific);
  _mdg_action_row_show_text (self->reading_row, reading);
  _mdg_action_row_show_text (self->organization_row, mdg_person_get_text (person, MDG_PERSON_ORGANIZATION));
  _mdg_action_row_show_text (self->department_row, mdg_person_get_text (person, MDG_PERSON_DEPARTMENT));
  _mdg_action_row_show_text (self->title_row, mdg_person_get_text (person, MDG_PERSON_TITLE));
  _mdg_action_row_show_text (self->email_row, mdg_person_get_text (person, MDG_PERSON_EMAIL));
  _mdg_action_row_show_text (self->phone_row, mdg_person_get_text (person, MDG_PERSON_PHONE));
  _mdg_action_row_show_text (self->number_row, mdg_attendee_get_number (self->attendee));
  _mdg_action_row_show_text (self->status_row, mdg_registration_status_get_label (status));
  if (mdg_attendee_get_checked_in (self->attendee))
    checked_in = mdg_time_format (mdg_attendee_get_checked_in_at (self->attendee));
  adw_action_row_set_subtitle (self->checked_in_row, checked_in ? checked_in : _("Not yet"));

  gtk_button_set_label (self->check_in_button, mdg_attendee_get_checked_in (self->attendee) ? _("Undo Check-In")
                                                                                            : _("Check In"));
  /* Checking in is what the dialog is for; undoing it is not to be suggested. */
  if (mdg_attendee_get_checked_in (self->attendee))
    gtk_widget_remove_css_class (GTK_WIDGET (self->check_in_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->check_in_button), "suggested-action");
  gtk_widget_set_sensitive (GTK_WIDGET (self->check_in_button),
                            !self->busy && status == MDG_REGISTRATION_STATUS_REGISTERED);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button),
                            !self->busy && status != MDG_REGISTRATION_STATUS_CANCELLED);
}

static void
checked_in_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (user_data);
  g_autoptr(GError) error = NULL;
  gboolean done = mdg_registration_store_check_in_finish (MDG_DATABASE (source), result, &error);
  MdgRegistrationDialog *self;

  if (widget == NULL)
    return;
  self = MDG_REGISTRATION_DIALOG (widget);
  self->busy = FALSE;
  if (!done)
    _mdg_toast_error (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self))), error);
  else
    g_signal_emit (self, signals[CHANGED], 0);
  update (self);
}

static void
check_in_clicked_cb (MdgRegistrationDialog *self)
{
  self->busy = TRUE;
  update (self);
  mdg_registration_store_check_in_async (self->database, self->attendee, !mdg_attendee_get_checked_in (self->attendee),
                                         NULL, checked_in_cb, _mdg_write_watch_new (GTK_WIDGET (self)));
}

static void
cancelled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendee) promoted = NULL;
  gboolean done = mdg_registration_store_cancel_finish (MDG_DATABASE (source), result, &promoted, &error);
  MdgRegistrationDialog *self;
  GtkWidget *parent;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (widget == NULL)
    return;
  self = MDG_REGISTRATION_DIALOG (widget);
  parent = GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self)));
  self->busy = FALSE;
  update (self);
  if (!done)
    {
      if (parent != NULL)
        _mdg_toast_error (parent, error);
      return;
    }

  name = mdg_person_dup_name (mdg_attendee_get_person (self->attendee));
  if (promoted != NULL)
    {
      g_autofree char *moved = mdg_person_dup_name (mdg_attendee_get_person (promoted));
      /* Translators: who cancelled, then who moved up from the waitlist */
      message = g_strdup_printf (_("%s cancelled; %s moves up from the waitlist"), name, moved);
    }
  else
    message = g_strdup_printf (_("%s cancelled"), name);
  if (parent != NULL)
    _mdg_toast (parent, message);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
cancel_clicked_cb (MdgRegistrationDialog *self)
{
  self->busy = TRUE;
  update (self);
  mdg_registration_store_cancel_async (self->database, self->attendee, NULL, cancelled_cb,
                                       _mdg_write_watch_new (GTK_WIDGET (self)));
}

static void
mdg_registration_dialog_dispose (GObject *object)
{
  MdgRegistrationDialog *self = MDG_REGISTRATION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_REGISTRATION_DIALOG);
  g_clear_object (&self->database);
  g_clear_object (&self->seminar);
  g_clear_object (&self->attendee);

  G_OBJECT_CLASS (mdg_registration_dialog_parent_class)->dispose (object);
}

static void
mdg_registration_dialog_class_init (MdgRegistrationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_registration_dialog_dispose;

  /* Checked in, undone or cancelled: the list should be read again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/madoguchi/Madoguchi/mdg-registration-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationDialog, person_group);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationDialog, reading_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationDialog, organization_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationDialog, department_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationDialog, checked_in_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationDialog, form_group);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationDialog, check_in_button);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, check_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mdg_registration_dialog_init (MdgRegistrationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mdg_registration_dialog_new:
 * @database: the database
 * @seminar: the seminar registered for
 * @attendee: the registration; it follows what is done here
 *
 * Returns: (transfer floating): the dialog
 */
GtkWidget *
mdg_registration_dialog_new (MdgDatabase *database,
                             MdgSeminar  *seminar,
                             MdgAttendee *attendee)
{
  MdgRegistrationDialog *self;

  g_return_val_if_fail (MDG_IS_DATABASE (database), NULL);
  g_return_val_if_fail (MDG_IS_SEMINAR (seminar), NULL);
  g_return_val_if_fail (MDG_IS_ATTENDEE (attendee), NULL);

  self = g_object_new (MDG_TYPE_REGISTRATION_DIALOG, NULL);
  self->database = g_object_ref (database);
  self->seminar = g_object_ref (seminar);
  self->attendee = g_object_ref (attendee);
  adw_window_title_set_subtitle (self->window_title, mdg_seminar_get_title (seminar));
  update (self);
  show_form (self);
  /* Opened to check someone in, mostly: Check In has the focus, not a row of details.
   * Undo Check-In never has it: a second Enter must not take a check-in back. */
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->check_in_button)) && !mdg_attendee_get_checked_in (attendee))
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->check_in_button));
  else
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  return GTK_WIDGET (self);
}
