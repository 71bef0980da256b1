/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-person-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-date.h"
#include "mdg-document-output.h"
#include "mdg-editor-util.h"
#include "mdg-merge-dialog.h"
#include "mdg-person-export.h"
#include "mdg-person-pane.h"
#include "mdg-person-row.h"
#include "mdg-person-store.h"
#include "mdg-record-list.h"
#include "mdg-store-async.h"
#include "mdg-undo-deletions.h"

/*
 * The people Madoguchi knows, as GNOME Contacts shows them: a list searched as you
 * type (in a worker: short queries scan the index), a record read at a glance and
 * edited on request, "+" for someone new, their seminars, merging two records of
 * one person, exporting everything held about them, and deleting them everywhere —
 * undone from the toast while it shows, wiped for good when it goes.
 */

struct _MdgPersonPane
{
  GtkWidget           parent_instance;

  /* template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwActionRow       *reading_row;
  AdwActionRow       *organization_row;
  AdwActionRow       *department_row;
  AdwActionRow       *title_row;
  AdwActionRow       *email_row;
  AdwActionRow       *phone_row;
  AdwActionRow       *consent_row;
  AdwActionRow       *purpose_row;
  GtkListBox         *seminars_list;
  AdwEntryRow        *family_entry;
  AdwEntryRow        *given_entry;
  AdwEntryRow        *family_kana_entry;
  AdwEntryRow        *given_kana_entry;
  AdwEntryRow        *organization_entry;
  AdwEntryRow        *department_entry;
  AdwEntryRow        *title_entry;
  AdwEntryRow        *email_entry;
  AdwEntryRow        *phone_entry;
  GtkSwitch          *consent_switch;
  AdwEntryRow        *purpose_entry;

  /* owned */
  MdgRecordList       list;             /* people; list.selected is the person shown */
  GtkStringList      *seminars;
  MdgUndoDeletions   *deletions;        /* people deleted but still undoable */

  gboolean            creating;
};

G_DEFINE_FINAL_TYPE (MdgPersonPane, mdg_person_pane, GTK_TYPE_WIDGET)

/* The form's row for a field; %NULL for a field the form does not show, which
 * editing keeps as it was. */
static AdwEntryRow **
form_row (MdgPersonPane  *self,
          MdgPersonField  field)
{
  switch (field)
    {
    case MDG_PERSON_FAMILY_NAME: return &self->family_entry;
    case MDG_PERSON_GIVEN_NAME: return &self->given_entry;
    case MDG_PERSON_FAMILY_KANA: return &self->family_kana_entry;
    case MDG_PERSON_GIVEN_KANA: return &self->given_kana_entry;
    case MDG_PERSON_ORGANIZATION: return &self->organization_entry;
    case MDG_PERSON_DEPARTMENT: return &self->department_entry;
    case MDG_PERSON_TITLE: return &self->title_entry;
    case MDG_PERSON_EMAIL: return &self->email_entry;
    case MDG_PERSON_PHONE: return &self->phone_entry;
    case MDG_PERSON_CONSENT_PURPOSE: return &self->purpose_entry;
    default: return NULL;
    }
}

static GtkWindow *
get_window (MdgPersonPane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
update_actions (MdgPersonPane *self)
{
  gboolean shown = self->list.selected != NULL && !self->list.editing;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.edit", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.merge", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.export", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.delete", shown);
  _mdg_record_list_update_back_button (&self->list);
}

static void
seminars_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = mdg_person_store_list_seminars_finish (MDG_DATABASE (source), result, &error);
  MdgPersonPane *self;
  g_autoptr(GStrvBuilder) rows = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  if (entries == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* another person is shown, or the pane is gone */
  self = MDG_PERSON_PANE (user_data);
  if (entries == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }

  /* One line a seminar: its title, then what became of the registration, a unit separator between. */
  for (guint i = 0; i < entries->len; i++)
    {
      MdgPersonSeminar *entry = g_ptr_array_index (entries, i);
      g_autofree char *date = mdg_date_format (entry->starts_at, MDG_DATE_DEFAULT);
      g_autofree char *line = g_strdup_printf ("%s\x1f%s · %s%s", entry->title, date,
                                               mdg_registration_status_get_label (entry->status),
                                               entry->checked_in ? _(" · attended") : "");
      g_strv_builder_add (rows, line);
    }
  lines = g_strv_builder_end (rows);
  gtk_string_list_splice (self->seminars, 0, g_list_model_get_n_items (G_LIST_MODEL (self->seminars)),
                          (const char * const *) lines);
}

static GtkWidget *
create_seminar_row (gpointer item,
                    gpointer user_data)
{
  g_auto(GStrv) parts = g_strsplit (gtk_string_object_get_string (item), "\x1f", 2);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), parts[0]);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), parts[1] ? parts[1] : "");
  return row;
}

static void
show_record (MdgPersonPane *self,
             MdgPerson     *person)
{
  g_autofree char *name = NULL;
  g_autofree char *kana = NULL;
  g_autofree char *reading = NULL;
  const char *organization;

  _mdg_record_list_select (&self->list, person);
  update_actions (self);
  gtk_string_list_splice (self->seminars, 0, g_list_model_get_n_items (G_LIST_MODEL (self->seminars)), NULL);

  if (person == NULL)
    {
      _mdg_record_list_show_empty (&self->list);
      return;
    }

  name = mdg_person_dup_name (person);
  kana = mdg_person_dup_kana (person);
  reading = _mdg_format_reading (kana);
  organization = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);
  adw_window_title_set_title (self->list.detail_title, name);
  adw_window_title_set_subtitle (self->list.detail_title, organization ? organization : "");

  _mdg_action_row_show_text (self->reading_row, reading);
  _mdg_action_row_show_text (self->organization_row, organization);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->organization_row), "x",
                                    mdg_person_get_organization_id (person));
  _mdg_action_row_show_text (self->department_row, mdg_person_get_text (person, MDG_PERSON_DEPARTMENT));
  _mdg_action_row_show_text (self->title_row, mdg_person_get_text (person, MDG_PERSON_TITLE));
  _mdg_action_row_show_text (self->email_row, mdg_person_get_text (person, MDG_PERSON_EMAIL));
  _mdg_action_row_show_text (self->phone_row, mdg_person_get_text (person, MDG_PERSON_PHONE));
  if (mdg_person_get_consent (person) && mdg_person_get_consent_at (person) != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (mdg_person_get_consent_at (person), NULL);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
      g_autofree char *date = local ? mdg_date_format (local, MDG_DATE_DEFAULT) : NULL;
      /* Translators: when consent was given, e.g. "Given on 26 Nov 2026" */
      g_autofree char *text = date ? g_strdup_printf (_("Given on %s"), date) : g_strdup (_("Given"));

      adw_action_row_set_subtitle (self->consent_row, text);
    }
  else
    adw_action_row_set_subtitle (self->consent_row, _("Not given"));
  _mdg_action_row_show_text (self->purpose_row, mdg_person_get_consent (person)
                                                  ? mdg_person_get_text (person, MDG_PERSON_CONSENT_PURPOSE) : NULL);

  gtk_stack_set_visible_child_name (self->list.detail_stack, "record");
  mdg_person_store_list_seminars_async (self->list.database, mdg_person_get_id (person),
                                        _mdg_record_list_detail_cancellable (&self->list), seminars_loaded_cb, self);
}

static gint64
person_id (gpointer person)
{
  return mdg_person_get_id (person);
}

/* People deleted a moment ago stay hidden while their Undo is on screen. */
static void
hide_deleted (GtkWidget *widget,
              GPtrArray *people)
{
  MdgPersonPane *self = MDG_PERSON_PANE (widget);

  for (guint i = people->len; i > 0; i--)
    if (mdg_undo_deletions_contains (self->deletions, mdg_person_get_id (g_ptr_array_index (people, i - 1))))
      g_ptr_array_remove_index (people, i - 1);
}

static void
show_person (GtkWidget *widget,
             gpointer   person)
{
  show_record (MDG_PERSON_PANE (widget), person);
}

static void
database_changed (GtkWidget *widget)
{
  MdgPersonPane *self = MDG_PERSON_PANE (widget);

  if (self->deletions != NULL)
    mdg_undo_deletions_commit_all (self->deletions);
  g_clear_object (&self->deletions);
  if (self->list.database != NULL)
    {
      self->deletions = mdg_undo_deletions_new (GTK_WIDGET (self), self->list.database, mdg_person_store_delete_async,
                                                mdg_person_store_delete_finish, "person.undo-delete");
    }
}

static const MdgRecordListKind person_list = {
  .item_type = mdg_person_get_type,
  .offset = G_STRUCT_OFFSET (MdgPersonPane, list),
  .get_id = person_id,
  .list_async = mdg_person_store_list_async,
  .list_finish = mdg_person_store_list_finish,
  .filter = hide_deleted,
  .show_record = show_person,
  .database_changed = database_changed,
  .update_actions = (void (*) (GtkWidget *)) update_actions,
  .save_async = (MdgRecordSaveAsyncFunc) mdg_person_store_save_async,
  .save_finish = (MdgRecordSaveFinishFunc) mdg_person_store_save_finish,
  .save_action = "person.save",
  .cancel_edit_action = "person.cancel-edit",
  .show_list_action = "person.show-list",
};

void
mdg_person_pane_reload (MdgPersonPane *self)
{
  g_return_if_fail (MDG_IS_PERSON_PANE (self));

  _mdg_record_list_reload (&self->list);
}

static void
fill_form (MdgPersonPane *self,
           MdgPerson     *person)
{
  for (MdgPersonField f = 0; f < MDG_PERSON_N_FIELDS; f++)
    {
      const char *text = person ? mdg_person_get_text (person, f) : NULL;
      g_autofree char *reading = NULL;

      /* Readings are edited as they are shown: in katakana. */
      if (f == MDG_PERSON_FAMILY_KANA || f == MDG_PERSON_GIVEN_KANA)
        text = reading = _mdg_format_reading (text);
      if (form_row (self, f) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (*form_row (self, f)), text ? text : "");
    }
  gtk_switch_set_active (self->consent_switch, person && mdg_person_get_consent (person));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgPersonPane *self = MDG_PERSON_PANE (widget);

  if (self->list.selected == NULL)
    return;
  self->creating = FALSE;
  fill_form (self, self->list.selected);
  _mdg_record_list_set_editing (&self->list, TRUE);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->list.detail_stack, "edit");
  gtk_widget_grab_focus (GTK_WIDGET (self->family_entry));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  MdgPersonPane *self = MDG_PERSON_PANE (widget);

  /* The new person will show in the list: not under an old search. */
  self->creating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->list.search_entry), "");
  fill_form (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->purpose_entry),
                         _("Running this seminar and news of later seminars and support"));
  _mdg_record_list_set_editing (&self->list, TRUE);
  update_actions (self);
  adw_window_title_set_title (self->list.detail_title, _("New Person"));
  adw_window_title_set_subtitle (self->list.detail_title, "");
  gtk_stack_set_visible_child_name (self->list.detail_stack, "edit");
  _mdg_record_list_show_detail (&self->list);
  gtk_widget_grab_focus (GTK_WIDGET (self->family_entry));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgPersonPane *self = MDG_PERSON_PANE (widget);
  g_autoptr(MdgPerson) edited = NULL;
  g_autoptr(GError) error = NULL;

  if (!self->list.editing || (!self->creating && self->list.selected == NULL))
    return;

  edited = self->creating ? mdg_person_new () : mdg_person_copy (self->list.selected);
  for (MdgPersonField f = 0; f < MDG_PERSON_N_FIELDS; f++)
    {
      g_autofree char *text = NULL;

      if (form_row (self, f) == NULL)
        continue;
      text = _mdg_editor_dup_text (GTK_EDITABLE (*form_row (self, f)));
      mdg_person_set_text (edited, f, text);
    }
  mdg_person_set_consent (edited, gtk_switch_get_active (self->consent_switch));

  /* What a person can fix at once is said at once; the rest comes back from the worker. */
  if (!mdg_person_validate (edited, &error))
    {
      _mdg_record_list_show_error (&self->list, error->message);
      return;
    }
  _mdg_record_list_save (&self->list, edited);
}

typedef struct
{
  MdgWriteWatch *watch;
  gboolean       csv;
} Export;

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Export *export = user_data;
  gboolean csv = export->csv;
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (export->watch);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = mdg_person_export_finish (MDG_DATABASE (source), result, &error);
  MdgPersonPane *self;
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;

  g_free (export);
  if (widget == NULL)
    return;
  self = MDG_PERSON_PANE (widget);
  if (bytes == NULL)
    {
      _mdg_toast_error (widget, error);
      return;
    }
  if (self->list.selected == NULL)
    return;
  name = mdg_person_dup_name (self->list.selected);
  file_name = g_strdup_printf ("%s.%s", name, csv ? "csv" : "json");
  _mdg_save_bytes (widget, bytes, _("Export Everything Held"), csv ? _("CSV files") : _("JSON files"), file_name,
                   csv ? "*.csv" : "*.json", TRUE);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgPersonPane *self = MDG_PERSON_PANE (widget);
  Export *export;

  if (self->list.selected == NULL)
    return;
  export = g_new0 (Export, 1);
  export->csv = g_str_equal (g_variant_get_string (parameter, NULL), "csv");
  export->watch = _mdg_write_watch_new (widget);
  mdg_person_export_async (self->list.database, mdg_person_get_id (self->list.selected), export->csv, NULL,
                           exported_cb, export);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgPersonPane *self = MDG_PERSON_PANE (widget);
  g_autoptr(MdgPerson) person = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  guint position;

  if (self->list.selected == NULL)
    return;

  person = g_object_ref (self->list.selected);
  position = _mdg_record_list_position_of (&self->list, mdg_person_get_id (person));
  show_record (self, NULL);
  if (position != GTK_INVALID_LIST_POSITION)
    g_list_store_remove (self->list.store, position);
  _mdg_record_list_show_list (&self->list);

  name = mdg_person_dup_name (person);
  /* Translators: %s is a person's name */
  title = g_strdup_printf (_("%s was deleted everywhere"), name);
  /* Personal data goes for good: a little longer to think again. */
  mdg_undo_deletions_add (self->deletions, mdg_person_get_id (person), title, 10);
  gtk_widget_grab_focus (GTK_WIDGET (self->list.grid_view));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgPersonPane *self = MDG_PERSON_PANE (widget);
  gint64 id = mdg_undo_deletions_undo_last (self->deletions);

  if (id != 0)
    {
      self->list.select_after_load = id;
      mdg_person_pane_reload (self);
    }
}

static void
merged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (user_data);
  g_autoptr(GError) error = NULL;

  if (!mdg_person_store_merge_finish (MDG_DATABASE (source), result, &error))
    {
      if (widget != NULL)
        _mdg_toast_error (widget, error);
      return;
    }
  if (widget == NULL)
    return;
  _mdg_toast (widget, _("Merged: one person, one history"));
  mdg_person_pane_reload (MDG_PERSON_PANE (widget));
}

static void
merge_response_cb (MdgMergeDialog *dialog,
                   const char     *response,
                   MdgPersonPane  *self)
{
  MdgPerson *duplicate = mdg_merge_dialog_get_duplicate (dialog);

  if (!g_str_equal (response, "merge") || duplicate == NULL || self->list.selected == NULL)
    return;
  self->list.select_after_load = mdg_person_get_id (self->list.selected);
  mdg_person_store_merge_async (self->list.database, mdg_person_get_id (self->list.selected),
                                mdg_person_get_id (duplicate), NULL, merged_cb,
                                _mdg_write_watch_new (GTK_WIDGET (self)));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgPersonPane *self = MDG_PERSON_PANE (widget);
  GtkWidget *dialog;

  if (self->list.selected == NULL)
    return;
  dialog = mdg_merge_dialog_new (get_window (self), self->list.database, self->list.selected);
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mdg_person_pane_dispose (GObject *object)
{
  MdgPersonPane *self = MDG_PERSON_PANE (object);

  if (self->deletions != NULL)
    mdg_undo_deletions_commit_all (self->deletions);
  _mdg_record_list_dispose (&self->list);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_PERSON_PANE);
  g_clear_object (&self->seminars);
  g_clear_object (&self->deletions);

  G_OBJECT_CLASS (mdg_person_pane_parent_class)->dispose (object);
}

static void
mdg_person_pane_class_init (MdgPersonPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_person_pane_dispose;

  g_type_ensure (MDG_TYPE_PERSON);
  g_type_ensure (MDG_TYPE_PERSON_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-person-pane.ui");
  _mdg_record_list_class_init (widget_class, &person_list);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, reading_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, organization_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, department_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, title_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, email_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, phone_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, consent_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, seminars_list);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, family_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, given_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, family_kana_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, given_kana_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, organization_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, department_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, title_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, email_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, purpose_entry);

  gtk_widget_class_install_action (widget_class, "person.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "person.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "person.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "person.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "person.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "person.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "person.undo-delete", NULL, undo_delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "person.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "person.undo-delete", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mdg_person_pane_init (MdgPersonPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _mdg_record_list_init (&self->list, GTK_WIDGET (self));
  self->seminars = gtk_string_list_new (NULL);
  _mdg_record_list_bind_detail (&self->list, self->seminars_list, G_LIST_MODEL (self->seminars), create_seminar_row,
                                _("Not registered for any seminar"));
}

/* Makes every deletion still waiting for Undo final (the window closes). */
void
mdg_person_pane_commit_pending (MdgPersonPane *self)
{
  g_return_if_fail (MDG_IS_PERSON_PANE (self));

  if (self->deletions != NULL)
    mdg_undo_deletions_commit_all (self->deletions);
}

/* Shows a person, found by clearing the search when it hides them. */
void
mdg_person_pane_show_person (MdgPersonPane *self,
                             gint64         id)
{
  g_return_if_fail (MDG_IS_PERSON_PANE (self));

  _mdg_record_list_show_id (&self->list, id);
}

void
mdg_person_pane_focus_search (MdgPersonPane *self)
{
  g_return_if_fail (MDG_IS_PERSON_PANE (self));

  _mdg_record_list_focus_search (&self->list);
}

/* Returns: (transfer none) (nullable): the person shown */
MdgPerson *
mdg_person_pane_get_selected (MdgPersonPane *self)
{
  g_return_val_if_fail (MDG_IS_PERSON_PANE (self), NULL);
  return self->list.selected;
}

/* Returns: how many people the list shows */
guint
mdg_person_pane_get_n_listed (MdgPersonPane *self)
{
  g_return_val_if_fail (MDG_IS_PERSON_PANE (self), 0);
  return _mdg_record_list_get_n_items (&self->list);
}
