/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-registration-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-editor-util.h"
#include "mdg-person-row.h"
#include "mdg-person-store.h"
#include "mdg-registration-editor.h"
#include "mdg-registration-store.h"
#include "mdg-store-async.h"

/*
 * Registers one person for a seminar: someone Madoguchi already knows (found by name,
 * reading or e-mail as you type, off the main thread), or a new person. A new person
 * who looks like someone known — the same e-mail, or the same name at the same
 * organization — is offered as that person instead of being created twice.
 */

#define MAX_FOUND 6

struct _MdgRegistrationEditor
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwEntryRow    *find_row;
  AdwActionRow   *chosen_row;
  GtkWidget      *found_group;
  GtkListBox     *found_list;
  GtkWidget      *person_group;
  AdwEntryRow    *family_row;
  AdwEntryRow    *given_row;
  AdwEntryRow    *family_kana_row;
  AdwEntryRow    *given_kana_row;
  AdwEntryRow    *organization_row;
  AdwEntryRow    *department_row;
  AdwEntryRow    *title_row;
  AdwEntryRow    *email_row;
  AdwEntryRow    *phone_row;
  GtkSwitch      *consent_switch;
  AdwEntryRow    *purpose_row;

  /* owned */
  MdgDatabase    *database;
  MdgSeminar     *seminar;
  MdgPerson      *chosen;
  MdgPerson      *known;    /* while the duplicate question is open */
  MdgPerson      *typed;
  GListStore     *found;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (MdgRegistrationEditor, mdg_registration_editor, ADW_TYPE_WINDOW)

enum {
  REGISTERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "株式会社多摩精密工業 · kenichi@example.jp": what tells two people of one name apart. */
static char *
describe (MdgPerson *person)
{
  const char *org = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);
  const char *email = mdg_person_get_text (person, MDG_PERSON_EMAIL);

  return g_strdup_printf ("%s%s%s", org ? org : "", org && email ? " · " : "", email ? email : "");
}

static void
update_sensitivity (MdgRegistrationEditor *self)
{
  g_autofree char *family = _mdg_editor_dup_text (GTK_EDITABLE (self->family_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->chosen != NULL || family != NULL);
}

static void
choose (MdgRegistrationEditor *self,
        MdgPerson             *person)
{
  g_set_object (&self->chosen, person);

  gtk_widget_set_visible (GTK_WIDGET (self->chosen_row), person != NULL);
  gtk_widget_set_visible (self->person_group, person == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->find_row), person == NULL);
  if (person != NULL)
    {
      g_autofree char *name = mdg_person_dup_name (person);
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      g_autofree char *detail = describe (person);
      g_autofree char *escaped_detail = g_markup_escape_text (detail, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->chosen_row), escaped);
      adw_action_row_set_subtitle (self->chosen_row, escaped_detail);
      gtk_widget_set_visible (self->found_group, FALSE);
    }
  update_sensitivity (self);
}

static void
found_activated_cb (MdgRegistrationEditor *self,
                    GtkListBoxRow         *row)
{
  g_autoptr(MdgPerson) person = g_list_model_get_item (G_LIST_MODEL (self->found), gtk_list_box_row_get_index (row));

  if (person != NULL)
    choose (self, person);
}

static void
clear_chosen_cb (MdgRegistrationEditor *self)
{
  choose (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->find_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->find_row));
}

static void
people_found_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = mdg_person_store_list_finish (MDG_DATABASE (source), result, &error);
  MdgRegistrationEditor *self;

  if (people == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* cancelled by the next keystroke, or the dialog closed */
  self = MDG_REGISTRATION_EDITOR (user_data);
  if (people == NULL)
    {
      _mdg_editor_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }
  g_list_store_splice (self->found, 0, g_list_model_get_n_items (G_LIST_MODEL (self->found)), people->pdata,
                       people->len);
  gtk_widget_set_visible (self->found_group, people->len > 0);
}

static GtkWidget *
create_found_row (gpointer item,
                  gpointer user_data)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), mdg_person_row_new (item));
  return row;
}

static void
find_changed_cb (MdgRegistrationEditor *self)
{
  g_autofree char *query = _mdg_editor_dup_text (GTK_EDITABLE (self->find_row));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (query == NULL)
    {
      gtk_widget_set_visible (self->found_group, FALSE);
      return;
    }
  self->cancellable = g_cancellable_new ();
  mdg_person_store_list_async (self->database, query, MAX_FOUND, self->cancellable, people_found_cb, self);
}

static void
fields_changed_cb (MdgRegistrationEditor *self)
{
  update_sensitivity (self);
}

static MdgPerson *
person_from_form (MdgRegistrationEditor *self)
{
  const struct { AdwEntryRow *row; MdgPersonField field; } rows[] = {
    { self->family_row, MDG_PERSON_FAMILY_NAME }, { self->given_row, MDG_PERSON_GIVEN_NAME },
    { self->family_kana_row, MDG_PERSON_FAMILY_KANA }, { self->given_kana_row, MDG_PERSON_GIVEN_KANA },
    { self->organization_row, MDG_PERSON_ORGANIZATION }, { self->department_row, MDG_PERSON_DEPARTMENT },
    { self->title_row, MDG_PERSON_TITLE }, { self->email_row, MDG_PERSON_EMAIL }, { self->phone_row, MDG_PERSON_PHONE },
  };
  MdgPerson *person = mdg_person_new ();

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = _mdg_editor_dup_text (GTK_EDITABLE (rows[i].row));
      mdg_person_set_text (person, rows[i].field, text);
    }
  mdg_person_set_consent (person, gtk_switch_get_active (self->consent_switch));
  if (gtk_switch_get_active (self->consent_switch))
    {
      g_autofree char *purpose = _mdg_editor_dup_text (GTK_EDITABLE (self->purpose_row));
      mdg_person_set_text (person, MDG_PERSON_CONSENT_PURPOSE, purpose);
    }
  return person;
}

static void
registered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgAttendee) attendee = mdg_registration_store_register_finish (MDG_DATABASE (source), result, &error);
  MdgRegistrationEditor *self;

  if (widget == NULL)
    return; /* registered; the dialog was closed meanwhile */
  self = MDG_REGISTRATION_EDITOR (widget);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (attendee == NULL)
    {
      _mdg_editor_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }
  g_signal_emit (self, signals[REGISTERED], 0, attendee);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Registers in a worker: another Madoguchi may be importing into the same file. */
static void
register_person (MdgRegistrationEditor *self,
                 MdgPerson             *person)
{
  _mdg_editor_show_error (self->error_revealer, self->error_label, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  mdg_registration_store_register_async (self->database, mdg_seminar_get_id (self->seminar), person,
                                         MDG_REGISTRATION_SOURCE_MANUAL, NULL, registered_cb,
                                         _mdg_write_watch_new (GTK_WIDGET (self)));
}

static void
duplicate_response_cb (AdwMessageDialog      *dialog,
                       const char            *response,
                       MdgRegistrationEditor *self)
{
  g_autoptr(MdgPerson) known = g_steal_pointer (&self->known);
  g_autoptr(MdgPerson) typed = g_steal_pointer (&self->typed);

  if (g_str_equal (response, "existing"))
    register_person (self, known);
  else if (g_str_equal (response, "new"))
    register_person (self, typed);
}

static void
save_clicked_cb (MdgRegistrationEditor *self)
{
  g_autoptr(MdgPerson) person = NULL;
  g_autoptr(GPtrArray) duplicates = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  g_autofree char *existing = NULL;
  g_autofree char *name = NULL;
  g_autofree char *question = NULL;

  if (self->chosen != NULL)
    {
      register_person (self, self->chosen);
      return;
    }

  person = person_from_form (self);
  if (!mdg_person_validate (person, &error) ||
      (duplicates = mdg_person_store_find_duplicates (self->database, person, &error)) == NULL)
    {
      _mdg_editor_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }
  if (duplicates->len == 0)
    {
      register_person (self, person);
      return;
    }

  name = mdg_person_dup_name (g_ptr_array_index (duplicates, 0));
  existing = describe (g_ptr_array_index (duplicates, 0));
  /* The answer registers one of the two: both wait here meanwhile. */
  g_set_object (&self->known, g_ptr_array_index (duplicates, 0));
  g_set_object (&self->typed, person);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Is This Someone Already Known?"), NULL);
  question = g_strdup_printf (_("Madoguchi already knows %s, with the same e-mail address or the same name at "
                                "the same organization. Register that person, so that their history stays in "
                                "one place?"),
                              name);
  /* The name in the sentence, what tells the two apart on a line of its own. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s%s%s", question, *existing ? "\n\n" : "", existing);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("Cancel"), "new",
                                    _("Register as New Person"), "existing", _("Use Existing Person"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "existing", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "existing");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (duplicate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mdg_registration_editor_dispose (GObject *object)
{
  MdgRegistrationEditor *self = MDG_REGISTRATION_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  if (self->found_list != NULL)
    gtk_list_box_bind_model (self->found_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_REGISTRATION_EDITOR);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->seminar);
  g_clear_object (&self->chosen);
  g_clear_object (&self->known);
  g_clear_object (&self->typed);
  g_clear_object (&self->found);

  G_OBJECT_CLASS (mdg_registration_editor_parent_class)->dispose (object);
}

static void
mdg_registration_editor_class_init (MdgRegistrationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_registration_editor_dispose;

  /**
   * MdgRegistrationEditor::registered:
   * @attendee: the new registration, registered or waitlisted
   */
  signals[REGISTERED] = g_signal_new ("registered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                      NULL, G_TYPE_NONE, 1, MDG_TYPE_ATTENDEE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/madoguchi/Madoguchi/mdg-registration-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, find_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, chosen_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, found_group);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, found_list);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, person_group);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, family_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, given_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, family_kana_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, given_kana_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, organization_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, department_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, MdgRegistrationEditor, purpose_row);
  gtk_widget_class_bind_template_callback (widget_class, find_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, found_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mdg_registration_editor_init (MdgRegistrationEditor *self)
{
  g_type_ensure (MDG_TYPE_PERSON_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  /* Most people registered are known already: the keyboard starts in the search. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->find_row));
  self->found = g_list_store_new (MDG_TYPE_PERSON);
  gtk_list_box_bind_model (self->found_list, G_LIST_MODEL (self->found), create_found_row, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->purpose_row),
                         _("Running this seminar and news of later seminars and support"));
  update_sensitivity (self);
}

/**
 * mdg_registration_editor_new:
 * @database: where to register
 * @seminar: the seminar
 * @walk_in: registering someone at the door (the caller checks them in)
 *
 * Returns: (transfer floating): the dialog
 */
GtkWidget *
mdg_registration_editor_new (MdgDatabase *database,
                             MdgSeminar  *seminar,
                             gboolean     walk_in)
{
  MdgRegistrationEditor *self;
  const char *heading = walk_in ? _("Walk-in Registration") : _("Register Someone");

  g_return_val_if_fail (MDG_IS_DATABASE (database), NULL);
  g_return_val_if_fail (MDG_IS_SEMINAR (seminar), NULL);

  self = g_object_new (MDG_TYPE_REGISTRATION_EDITOR, NULL);
  self->database = g_object_ref (database);
  self->seminar = g_object_ref (seminar);
  gtk_window_set_title (GTK_WINDOW (self), heading);
  adw_window_title_set_title (self->window_title, heading);
  adw_window_title_set_subtitle (self->window_title, mdg_seminar_get_title (seminar));
  gtk_button_set_label (self->save_button, walk_in ? _("Register and Check In") : _("Register"));
  return GTK_WIDGET (self);
}
