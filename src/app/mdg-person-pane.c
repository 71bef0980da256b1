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
#include "mdg-store-async.h"
#include "mdg-undo-deletions.h"

/*
 * The people Madoguchi knows, as GNOME Contacts shows them: a list searched as you
 * type (in a worker: short queries scan the index), a record read at a glance and
 * edited on request, "+" for someone new, their seminars, merging two records of
 * one person, exporting everything held about them, and deleting them everywhere —
 * undone from the toast while it shows, wiped for good when it goes.
 */

#define LIST_LIMIT 500

struct _MdgPersonPane
{
  GtkWidget           parent_instance;

  /* template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *detail_pane;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  AdwWindowTitle     *detail_title;
  GtkWidget          *back_button;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  GtkStack           *detail_stack;
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
  MdgDatabase        *database;
  GListStore         *people;
  MdgPerson          *selected;
  GtkStringList      *seminars;
  MdgUndoDeletions   *deletions;        /* people deleted but still undoable */
  GCancellable       *cancellable;
  GCancellable       *person_cancellable;
  gint64              select_after_load;

  gboolean            narrow;
  gboolean            editing;
  gboolean            creating;
};

G_DEFINE_FINAL_TYPE (MdgPersonPane, mdg_person_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_NARROW,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
set_editing (MdgPersonPane *self,
             gboolean       editing)
{
  if (self->editing != editing)
    {
      self->editing = editing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
    }
  _mdg_editor_show_error (self->error_revealer, self->error_label, NULL);
}

static void
update_actions (MdgPersonPane *self)
{
  gboolean shown = self->selected != NULL && !self->editing;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.edit", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.merge", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.export", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.delete", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.undo-delete",
                                 self->deletions != NULL && mdg_undo_deletions_get_n_pending (self->deletions) > 0);
  gtk_widget_set_visible (self->back_button, !self->editing && adw_leaflet_get_folded (self->leaflet));
}

static void
show_text (AdwActionRow *row,
           const char   *text)
{
  gtk_widget_set_visible (GTK_WIDGET (row), text != NULL);
  adw_action_row_set_subtitle (row, text ? text : "");
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

  g_cancellable_cancel (self->person_cancellable);
  g_clear_object (&self->person_cancellable);
  g_set_object (&self->selected, person);
  set_editing (self, FALSE);
  update_actions (self);
  gtk_string_list_splice (self->seminars, 0, g_list_model_get_n_items (G_LIST_MODEL (self->seminars)), NULL);

  if (person == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      adw_window_title_set_title (self->detail_title, "");
      adw_window_title_set_subtitle (self->detail_title, "");
      return;
    }

  name = mdg_person_dup_name (person);
  kana = mdg_person_dup_kana (person);
  reading = _mdg_format_reading (kana);
  organization = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);
  adw_window_title_set_title (self->detail_title, name);
  adw_window_title_set_subtitle (self->detail_title, organization ? organization : "");

  show_text (self->reading_row, reading);
  show_text (self->organization_row, organization);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->organization_row), "x",
                                    mdg_person_get_organization_id (person));
  show_text (self->department_row, mdg_person_get_text (person, MDG_PERSON_DEPARTMENT));
  show_text (self->title_row, mdg_person_get_text (person, MDG_PERSON_TITLE));
  show_text (self->email_row, mdg_person_get_text (person, MDG_PERSON_EMAIL));
  show_text (self->phone_row, mdg_person_get_text (person, MDG_PERSON_PHONE));
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
  show_text (self->purpose_row, mdg_person_get_consent (person)
                                  ? mdg_person_get_text (person, MDG_PERSON_CONSENT_PURPOSE) : NULL);

  gtk_stack_set_visible_child_name (self->detail_stack, "record");
  self->person_cancellable = g_cancellable_new ();
  mdg_person_store_list_seminars_async (self->database, mdg_person_get_id (person), self->person_cancellable,
                                        seminars_loaded_cb, self);
}

static guint
position_of (MdgPersonPane *self,
             gint64         id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->people));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdgPerson) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      if (mdg_person_get_id (person) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
people_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = mdg_person_store_list_finish (MDG_DATABASE (source), result, &error);
  MdgPersonPane *self;
  const char *query;
  gint64 keep;
  guint position;

  /* Cancelled (a newer search, or the pane is gone): @user_data may be freed already. */
  if (people == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_PERSON_PANE (user_data);
  if (people == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }

  /* People deleted a moment ago stay hidden while their Undo is on screen. */
  for (guint i = people->len; i > 0; i--)
    if (mdg_undo_deletions_contains (self->deletions, mdg_person_get_id (g_ptr_array_index (people, i - 1))))
      g_ptr_array_remove_index (people, i - 1);

  keep = self->select_after_load ? self->select_after_load : (self->selected ? mdg_person_get_id (self->selected) : 0);
  self->select_after_load = 0;
  g_list_store_splice (self->people, 0, g_list_model_get_n_items (G_LIST_MODEL (self->people)), people->pdata,
                       people->len);
  query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gtk_stack_set_visible_child_name (self->list_stack, people->len > 0 ? "list" : *query ? "no-results" : "empty");

  position = keep ? position_of (self, keep) : GTK_INVALID_LIST_POSITION;
  if (self->editing)
    return; /* what is typed in the form stays */
  if (position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(MdgPerson) person = g_list_model_get_item (G_LIST_MODEL (self->people), position);

      gtk_single_selection_set_selected (self->selection, position);
      show_record (self, person);
    }
  else if (keep == 0 || self->selected == NULL || mdg_person_get_id (self->selected) != keep)
    show_record (self, NULL);
}

void
mdg_person_pane_reload (MdgPersonPane *self)
{
  g_autofree char *query = NULL;

  g_return_if_fail (MDG_IS_PERSON_PANE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  query = _mdg_editor_dup_text (GTK_EDITABLE (self->search_entry));
  mdg_person_store_list_async (self->database, query, LIST_LIMIT, self->cancellable, people_loaded_cb, self);
}

static void
search_changed_cb (MdgPersonPane *self)
{
  mdg_person_pane_reload (self);
}

static void
search_activate_cb (MdgPersonPane *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->people)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
    }
}

static void
selection_changed_cb (MdgPersonPane *self)
{
  MdgPerson *person = gtk_single_selection_get_selected_item (self->selection);

  if (person != NULL && person != self->selected && !self->editing)
    show_record (self, person);
}

static void
row_activated_cb (MdgPersonPane *self,
                  guint          position)
{
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
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

  if (self->selected == NULL)
    return;
  self->creating = FALSE;
  fill_form (self, self->selected);
  set_editing (self, TRUE);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "edit");
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
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  fill_form (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->purpose_entry),
                         _("Running this seminar and news of later seminars and support"));
  set_editing (self, TRUE);
  update_actions (self);
  adw_window_title_set_title (self->detail_title, _("New Person"));
  adw_window_title_set_subtitle (self->detail_title, "");
  gtk_stack_set_visible_child_name (self->detail_stack, "edit");
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->family_entry));
}

static void
cancel_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgPersonPane *self = MDG_PERSON_PANE (widget);
  g_autoptr(MdgPerson) shown = self->selected ? g_object_ref (self->selected) : NULL;

  set_editing (self, FALSE);
  show_record (self, shown);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgPerson) saved = mdg_person_store_save_finish (MDG_DATABASE (source), result, &error);
  MdgPersonPane *self;

  if (widget == NULL)
    return; /* saved; the pane has gone meanwhile */
  self = MDG_PERSON_PANE (widget);
  gtk_widget_action_set_enabled (widget, "person.save", TRUE);
  if (saved == NULL)
    {
      _mdg_editor_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }

  _mdg_toast (widget, _("Saved"));
  set_editing (self, FALSE);
  g_clear_object (&self->selected);
  self->select_after_load = mdg_person_get_id (saved);
  show_record (self, saved);
  mdg_person_pane_reload (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgPersonPane *self = MDG_PERSON_PANE (widget);
  g_autoptr(MdgPerson) edited = NULL;
  g_autoptr(GError) error = NULL;

  if (!self->editing || (!self->creating && self->selected == NULL))
    return;

  edited = self->creating ? mdg_person_new () : mdg_person_copy (self->selected);
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
      _mdg_editor_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }
  gtk_widget_action_set_enabled (widget, "person.save", FALSE);
  mdg_person_store_save_async (self->database, edited, NULL, saved_cb, _mdg_write_watch_new (widget));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdgPersonPane *self = MDG_PERSON_PANE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
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
  if (self->selected == NULL)
    return;
  name = mdg_person_dup_name (self->selected);
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

  if (self->selected == NULL)
    return;
  export = g_new0 (Export, 1);
  export->csv = g_str_equal (g_variant_get_string (parameter, NULL), "csv");
  export->watch = _mdg_write_watch_new (widget);
  mdg_person_export_async (self->database, mdg_person_get_id (self->selected), export->csv, NULL, exported_cb, export);
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

  if (self->selected == NULL)
    return;

  person = g_object_ref (self->selected);
  position = position_of (self, mdg_person_get_id (person));
  show_record (self, NULL);
  if (position != GTK_INVALID_LIST_POSITION)
    g_list_store_remove (self->people, position);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);

  name = mdg_person_dup_name (person);
  /* Translators: %s is a person's name */
  title = g_strdup_printf (_("%s was deleted everywhere"), name);
  /* Personal data goes for good: a little longer to think again. */
  mdg_undo_deletions_add (self->deletions, mdg_person_get_id (person), title, 10);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
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
      self->select_after_load = id;
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

  if (!g_str_equal (response, "merge") || duplicate == NULL || self->selected == NULL)
    return;
  self->select_after_load = mdg_person_get_id (self->selected);
  mdg_person_store_merge_async (self->database, mdg_person_get_id (self->selected), mdg_person_get_id (duplicate),
                                NULL, merged_cb, _mdg_write_watch_new (GTK_WIDGET (self)));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgPersonPane *self = MDG_PERSON_PANE (widget);
  GtkWidget *dialog;

  if (self->selected == NULL)
    return;
  dialog = mdg_merge_dialog_new (get_window (self), self->database, self->selected);
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mdg_person_pane_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mdg_person_pane_parent_class)->map (widget);

  /* Registrations and imports add people elsewhere: read the list each time it shows. */
  mdg_person_pane_reload (MDG_PERSON_PANE (widget));
}

static void
mdg_person_pane_dispose (GObject *object)
{
  MdgPersonPane *self = MDG_PERSON_PANE (object);

  if (self->deletions != NULL)
    mdg_undo_deletions_commit_all (self->deletions);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->person_cancellable);
  if (self->seminars_list != NULL)
    gtk_list_box_bind_model (self->seminars_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_PERSON_PANE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->person_cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->people);
  g_clear_object (&self->selected);
  g_clear_object (&self->seminars);
  g_clear_object (&self->deletions);

  G_OBJECT_CLASS (mdg_person_pane_parent_class)->dispose (object);
}

static void
mdg_person_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MdgPersonPane *self = MDG_PERSON_PANE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    case PROP_EDITING:
      g_value_set_boolean (value, self->editing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_person_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MdgPersonPane *self = MDG_PERSON_PANE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      if (g_set_object (&self->database, g_value_get_object (value)))
        {
          if (self->deletions != NULL)
            mdg_undo_deletions_commit_all (self->deletions);
          g_clear_object (&self->deletions);
          if (self->database != NULL)
            {
              self->deletions = mdg_undo_deletions_new (GTK_WIDGET (self), self->database, mdg_person_store_delete_async,
                                                        mdg_person_store_delete_finish, "person.undo-delete");
              g_signal_connect_object (self->deletions, "notify::n-pending", G_CALLBACK (update_actions), self,
                                       G_CONNECT_SWAPPED);
            }
        }
      break;
    case PROP_NARROW:
      if (self->narrow != g_value_get_boolean (value))
        {
          self->narrow = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_person_pane_class_init (MdgPersonPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_person_pane_dispose;
  object_class->get_property = mdg_person_pane_get_property;
  object_class->set_property = mdg_person_pane_set_property;
  widget_class->map = mdg_person_pane_map;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, MDG_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MDG_TYPE_PERSON);
  g_type_ensure (MDG_TYPE_PERSON_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-person-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, selection);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, detail_title);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, back_button);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, error_label);
  gtk_widget_class_bind_template_child (widget_class, MdgPersonPane, detail_stack);
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
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "person.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "person.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "person.cancel-edit", NULL, cancel_edit_action);
  gtk_widget_class_install_action (widget_class, "person.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "person.show-list", NULL, show_list_action);
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

  self->people = g_list_store_new (MDG_TYPE_PERSON);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->people));
  self->seminars = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->seminars_list, G_LIST_MODEL (self->seminars), create_seminar_row, NULL, NULL);
  {
    GtkWidget *placeholder = gtk_label_new (_("Not registered for any seminar"));

    gtk_widget_set_margin_top (placeholder, 18);
    gtk_widget_set_margin_bottom (placeholder, 18);
    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_list_box_set_placeholder (self->seminars_list, placeholder);
  }
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  update_actions (self);
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

  self->select_after_load = id;
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), ""); /* reloads */
  else
    mdg_person_pane_reload (self);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

void
mdg_person_pane_focus_search (MdgPersonPane *self)
{
  g_return_if_fail (MDG_IS_PERSON_PANE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Returns: (transfer none) (nullable): the person shown */
MdgPerson *
mdg_person_pane_get_selected (MdgPersonPane *self)
{
  g_return_val_if_fail (MDG_IS_PERSON_PANE (self), NULL);
  return self->selected;
}

/* Returns: how many people the list shows */
guint
mdg_person_pane_get_n_listed (MdgPersonPane *self)
{
  g_return_val_if_fail (MDG_IS_PERSON_PANE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->people));
}
