/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-contacts-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-attendee.h"
#include "mdg-contacts-page.h"
#include "mdg-date.h"
#include "mdg-document-output.h"
#include "mdg-editor-util.h"
#include "mdg-organization-store.h"
#include "mdg-person-export.h"
#include "mdg-person-store.h"

/*
 * The people Madoguchi knows: search as you type (in a worker, since short queries
 * scan the index), edit, see their seminars, merge two records of one person, export
 * everything held about them, and delete them everywhere — what the personal data
 * law asks of the desk.
 */

#define LIST_LIMIT 500

struct _MdgContactsPage
{
  MdgSection      parent_instance;

  /* template widgets */
  AdwLeaflet     *leaflet;
  GtkWidget      *list_pane;
  GtkWidget      *detail_pane;
  GtkSearchEntry *search_entry;
  GtkStack       *list_stack;
  GtkListBox     *people_list;
  AdwWindowTitle *detail_title;
  GtkStack       *detail_stack;
  AdwPreferencesGroup *fields_group;
  GtkButton      *save_button;
  AdwActionRow   *consent_row;
  GtkSwitch      *consent_switch;
  GtkListBox     *seminars_list;
  GtkToggleButton *organizations_toggle;
  GtkWidget      *person_menu_button;
  AdwPreferencesGroup *org_fields_group;
  GtkButton      *org_save_button;
  GtkSpinButton  *employees_spin;
  GtkListBox     *org_people_list;

  /* owned */
  MdgDatabase    *database;
  GPtrArray      *people;
  MdgPerson      *selected;
  GCancellable   *cancellable;
  AdwEntryRow    *field_rows[MDG_PERSON_N_FIELDS];
  GPtrArray      *organizations;
  MdgOrganization *selected_org;
  GPtrArray      *org_people;
  AdwEntryRow    *org_rows[MDG_ORGANIZATION_N_FIELDS];
  gint64          select_after_load;
  gboolean        filling;
};

G_DEFINE_FINAL_TYPE (MdgContactsPage, mdg_contacts_page, MDG_TYPE_SECTION)

/* The fields edited here, in form order; consent has its own row. */
static const MdgPersonField edited_fields[] = {
  MDG_PERSON_FAMILY_NAME, MDG_PERSON_GIVEN_NAME, MDG_PERSON_FAMILY_KANA, MDG_PERSON_GIVEN_KANA,
  MDG_PERSON_ORGANIZATION, MDG_PERSON_DEPARTMENT, MDG_PERSON_TITLE, MDG_PERSON_EMAIL, MDG_PERSON_PHONE,
  MDG_PERSON_CONSENT_PURPOSE,
};

static GtkWindow *
get_window (MdgContactsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (MdgContactsPage *self,
       const char      *message)
{
  _mdg_toast (GTK_WIDGET (self), message);
}

static void
update_actions (MdgContactsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.merge", self->selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.export", self->selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.delete", self->selected != NULL);
}

static void
show_seminars (MdgContactsPage *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->seminars_list))) != NULL)
    gtk_list_box_remove (self->seminars_list, child);
  if (self->selected == NULL)
    return;

  entries = mdg_person_store_list_seminars (self->database, mdg_person_get_id (self->selected), &error);
  for (guint i = 0; entries && i < entries->len; i++)
    {
      MdgPersonSeminar *entry = g_ptr_array_index (entries, i);
      g_autofree char *date = mdg_date_format (entry->starts_at, MDG_DATE_DEFAULT);
      g_autofree char *title = g_markup_escape_text (entry->title, -1);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s%s", date, mdg_registration_status_get_label (entry->status),
                                                   entry->checked_in ? _(" · attended") : "");
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->seminars_list, row);
    }
  if (error != NULL)
    toast (self, error->message);
}

static void
show_person (MdgContactsPage *self,
             MdgPerson       *person)
{
  g_set_object (&self->selected, person);
  update_actions (self);

  if (person == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      adw_window_title_set_title (self->detail_title, "");
      return;
    }

  {
    g_autofree char *name = mdg_person_dup_name (person);
    adw_window_title_set_title (self->detail_title, name);
    adw_window_title_set_subtitle (self->detail_title, mdg_person_get_text (person, MDG_PERSON_ORGANIZATION));
  }

  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (edited_fields); i++)
    {
      const char *text = mdg_person_get_text (person, edited_fields[i]);
      gtk_editable_set_text (GTK_EDITABLE (self->field_rows[edited_fields[i]]), text ? text : "");
    }
  gtk_switch_set_active (self->consent_switch, mdg_person_get_consent (person));
  if (mdg_person_get_consent_at (person))
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (mdg_person_get_consent_at (person), NULL);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
      g_autofree char *date = local ? mdg_date_format (local, MDG_DATE_DEFAULT) : NULL;
      g_autofree char *text = date ? g_strdup_printf (_("Given on %s"), date) : NULL;

      adw_action_row_set_subtitle (self->consent_row, text ? text : "");
    }
  else
    adw_action_row_set_subtitle (self->consent_row, _("Not given"));
  self->filling = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  show_seminars (self);
}

static GtkWidget *
create_person_row (MdgPerson *person)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *name = mdg_person_dup_name (person);
  g_autofree char *kana = mdg_person_dup_kana (person);
  const char *org = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);
  GtkWidget *reading = gtk_label_new (kana);
  GtkWidget *title = gtk_label_new (name);
  GtkWidget *detail = gtk_label_new (org ? org : mdg_person_get_text (person, MDG_PERSON_EMAIL));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  for (GtkWidget *l = reading; l; l = l == reading ? title : l == title ? detail : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_label_set_ellipsize (GTK_LABEL (l), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), l);
    }
  gtk_widget_add_css_class (reading, "caption");
  gtk_widget_add_css_class (reading, "dim-label");
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void show_organization (MdgContactsPage *self,
                               MdgOrganization *organization);

typedef GtkWidget *(*CreateRow) (gpointer item);
typedef gint64     (*ItemId)    (gpointer item);

static gint64
person_id (gpointer item)
{
  return mdg_person_get_id (item);
}

static gint64
organization_id (gpointer item)
{
  return mdg_organization_get_id (item);
}

static gboolean
showing_organizations (MdgContactsPage *self)
{
  return gtk_toggle_button_get_active (self->organizations_toggle);
}

/* The list on display: people, or organizations in that mode, and how to name their rows. */
static GPtrArray *
shown_items (MdgContactsPage *self,
             ItemId          *id)
{
  gboolean organizations = showing_organizations (self);

  *id = organizations ? organization_id : person_id;
  return organizations ? self->organizations : self->people;
}

static void
select_item (MdgContactsPage *self,
             gint64           item_id)
{
  ItemId id;
  GPtrArray *items = shown_items (self, &id);

  for (guint i = 0; items && i < items->len; i++)
    if (id (g_ptr_array_index (items, i)) == item_id)
      {
        gtk_list_box_select_row (self->people_list, gtk_list_box_get_row_at_index (self->people_list, i));
        return;
      }
}

/*
 * Shows freshly read @items (people or organizations) in the list, keeping the one
 * that was selected, or the one just saved, selected. When reading failed (@items is
 * %NULL) the user is told why, unless it was cancelled by a newer search.
 */
static void
fill_list (MdgContactsPage  *self,
           GPtrArray       **store,
           GPtrArray        *items,
           GError           *error,
           CreateRow         create_row,
           gint64            keep)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkWidget *child;

  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  self->select_after_load = 0;
  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->people_list))) != NULL)
    gtk_list_box_remove (self->people_list, child);
  self->filling = FALSE;
  g_clear_pointer (store, g_ptr_array_unref);
  *store = g_ptr_array_ref (items);

  for (guint i = 0; i < items->len; i++)
    gtk_list_box_append (self->people_list, create_row (g_ptr_array_index (items, i)));
  gtk_stack_set_visible_child_name (self->list_stack, items->len > 0 ? "list" : *query ? "no-results" : "empty");

  show_person (self, NULL);
  show_organization (self, NULL);
  if (keep != 0)
    select_item (self, keep);
}

static void
people_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MdgContactsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = mdg_person_store_list_finish (MDG_DATABASE (source), result, &error);
  gint64 keep = self->select_after_load ? self->select_after_load
                                        : (self->selected ? mdg_person_get_id (self->selected) : 0);

  fill_list (self, &self->people, people, error, (CreateRow) create_person_row, keep);
}

static void
show_organization (MdgContactsPage *self,
                   MdgOrganization *organization)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_set_object (&self->selected_org, organization);
  if (organization == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      adw_window_title_set_title (self->detail_title, "");
      return;
    }

  adw_window_title_set_title (self->detail_title, mdg_organization_get_text (organization, MDG_ORGANIZATION_NAME));
  adw_window_title_set_subtitle (self->detail_title, mdg_organization_get_text (organization, MDG_ORGANIZATION_MUNICIPALITY));

  self->filling = TRUE;
  for (guint f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
    {
      const char *text = mdg_organization_get_text (organization, f);
      gtk_editable_set_text (GTK_EDITABLE (self->org_rows[f]), text ? text : "");
    }
  gtk_spin_button_set_value (self->employees_spin, mdg_organization_get_employees (organization));
  self->filling = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->org_save_button), FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->org_people_list))) != NULL)
    gtk_list_box_remove (self->org_people_list, child);
  g_clear_pointer (&self->org_people, g_ptr_array_unref);
  self->org_people = mdg_organization_store_list_people (self->database, mdg_organization_get_id (organization), &error);
  for (guint i = 0; self->org_people && i < self->org_people->len; i++)
    {
      MdgPerson *person = g_ptr_array_index (self->org_people, i);
      g_autofree char *name = mdg_person_dup_name (person);
      g_autofree char *title = g_markup_escape_text (name, -1);
      const char *role = mdg_person_get_text (person, MDG_PERSON_TITLE);
      g_autofree char *subtitle = g_markup_escape_text (role ? role : "", -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->org_people_list, row);
    }
  if (error != NULL)
    toast (self, error->message);
  gtk_stack_set_visible_child_name (self->detail_stack, "organization");
}

static GtkWidget *
create_organization_row (MdgOrganization *organization)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *kana = mdg_organization_get_text (organization, MDG_ORGANIZATION_KANA);
  const char *place = mdg_organization_get_text (organization, MDG_ORGANIZATION_MUNICIPALITY);
  GtkWidget *labels[] = {
    gtk_label_new (kana ? kana : ""),
    gtk_label_new (mdg_organization_get_text (organization, MDG_ORGANIZATION_NAME)),
    gtk_label_new (place ? place : ""),
  };

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gtk_label_set_xalign (GTK_LABEL (labels[i]), 0);
      gtk_label_set_ellipsize (GTK_LABEL (labels[i]), PANGO_ELLIPSIZE_END);
      gtk_widget_set_visible (labels[i], *gtk_label_get_text (GTK_LABEL (labels[i])) != '\0');
      gtk_widget_add_css_class (labels[i], i == 1 ? "heading" : "caption");
      if (i != 1)
        gtk_widget_add_css_class (labels[i], "dim-label");
      gtk_box_append (GTK_BOX (box), labels[i]);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
organizations_loaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  MdgContactsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) organizations = mdg_organization_store_list_finish (MDG_DATABASE (source), result, &error);
  gint64 keep = self->select_after_load ? self->select_after_load
                                        : (self->selected_org ? mdg_organization_get_id (self->selected_org) : 0);

  fill_list (self, &self->organizations, organizations, error, (CreateRow) create_organization_row, keep);
}

void
mdg_contacts_page_reload (MdgContactsPage *self)
{
  g_autofree char *query = NULL;

  g_return_if_fail (MDG_IS_CONTACTS_PAGE (self));
  if (self->database == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  query = _mdg_editor_dup_text (GTK_EDITABLE (self->search_entry));
  if (showing_organizations (self))
    mdg_organization_store_list_async (self->database, query, LIST_LIMIT, self->cancellable, organizations_loaded_cb,
                                       self);
  else
    mdg_person_store_list_async (self->database, query, LIST_LIMIT, self->cancellable, people_loaded_cb, self);
}

static void
mode_toggled_cb (MdgContactsPage *self)
{
  gboolean organizations = showing_organizations (self);

  show_person (self, NULL);
  show_organization (self, NULL);
  gtk_widget_set_visible (self->person_menu_button, !organizations);
  /* The property, not gtk_search_entry_set_placeholder_text(): that setter is GTK 4.10. */
  g_object_set (self->search_entry, "placeholder-text",
                organizations ? _("Search name, reading, municipality") : _("Search name, reading, e-mail"), NULL);
  mdg_contacts_page_reload (self);
}

static void
org_field_changed_cb (MdgContactsPage *self)
{
  if (!self->filling && self->selected_org != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->org_save_button), TRUE);
}

static void
org_save_clicked_cb (MdgContactsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->selected_org == NULL)
    return;
  for (guint f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
    {
      g_autofree char *text = _mdg_editor_dup_text (GTK_EDITABLE (self->org_rows[f]));
      mdg_organization_set_text (self->selected_org, f, text);
    }
  mdg_organization_set_employees (self->selected_org, gtk_spin_button_get_value_as_int (self->employees_spin));
  if (!mdg_organization_store_save (self->database, self->selected_org, &error))
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("Saved"));
  self->select_after_load = mdg_organization_get_id (self->selected_org);
  mdg_contacts_page_reload (self);
}

static void
org_person_activated_cb (MdgContactsPage *self,
                         GtkListBoxRow   *row)
{
  int index = gtk_list_box_row_get_index (row);
  MdgPerson *person;
  g_autofree char *name = NULL;

  if (self->org_people == NULL || index < 0 || (guint) index >= self->org_people->len)
    return;
  person = g_ptr_array_index (self->org_people, index);
  name = mdg_person_dup_name (person);

  /* Over to the person: found by name, then selected. */
  self->select_after_load = mdg_person_get_id (person);
  gtk_toggle_button_set_active (self->organizations_toggle, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), name);
}

static void
search_changed_cb (MdgContactsPage *self)
{
  mdg_contacts_page_reload (self);
}

static void
person_selected_cb (MdgContactsPage *self,
                    GtkListBoxRow   *row)
{
  int index = row ? gtk_list_box_row_get_index (row) : -1;

  if (self->filling)
    return;
  if (showing_organizations (self))
    show_organization (self, index >= 0 && self->organizations && (guint) index < self->organizations->len
                               ? g_ptr_array_index (self->organizations, index)
                               : NULL);
  else
    show_person (self, index >= 0 && self->people && (guint) index < self->people->len
                         ? g_ptr_array_index (self->people, index)
                         : NULL);
}

static void
person_activated_cb (MdgContactsPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
field_changed_cb (MdgContactsPage *self)
{
  if (!self->filling && self->selected != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
}

static void
save_clicked_cb (MdgContactsPage *self)
{
  g_autoptr(MdgPerson) edited = NULL;
  g_autoptr(GError) error = NULL;

  if (self->selected == NULL)
    return;

  edited = mdg_person_copy (self->selected);
  for (guint i = 0; i < G_N_ELEMENTS (edited_fields); i++)
    {
      g_autofree char *text = _mdg_editor_dup_text (GTK_EDITABLE (self->field_rows[edited_fields[i]]));
      mdg_person_set_text (edited, edited_fields[i], text);
    }
  mdg_person_set_consent (edited, gtk_switch_get_active (self->consent_switch));

  if (!mdg_person_store_save (self->database, edited, &error))
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("Saved"));
  self->select_after_load = mdg_person_get_id (edited);
  mdg_contacts_page_reload (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgContactsPage *self = MDG_CONTACTS_PAGE (widget);
  gboolean csv = g_str_equal (g_variant_get_string (parameter, NULL), "csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;
  char *text;

  if (self->selected == NULL)
    return;
  text = csv ? mdg_person_export_csv (self->database, mdg_person_get_id (self->selected), &error)
             : mdg_person_export_json (self->database, mdg_person_get_id (self->selected), &error);
  if (text == NULL)
    {
      toast (self, error->message);
      return;
    }
  bytes = g_bytes_new_take (text, strlen (text));
  name = mdg_person_dup_name (self->selected);
  file_name = g_strdup_printf ("%s.%s", name, csv ? "csv" : "json");
  _mdg_save_bytes (GTK_WIDGET (self), bytes, _("Export Everything Held"), csv ? _("CSV files") : _("JSON files"),
                   file_name, csv ? "*.csv" : "*.json", TRUE);
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MdgContactsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *name = g_object_get_data (G_OBJECT (result), "name");

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast (self, error->message);
      return;
    }
  {
    /* Translators: %s is a person's name */
    g_autofree char *message = g_strdup_printf (_("%s was deleted everywhere"), name);
    toast (self, message);
  }
  mdg_contacts_page_reload (self);
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  gint64 id = *(gint64 *) task_data;
  g_autoptr(MdgDatabase) connection = NULL;
  GError *error = NULL;

  /* Rewriting the search index takes a moment on a large database: not on the main loop. */
  connection = mdg_database_open (path, &error);
  if (connection == NULL || !mdg_person_store_delete (connection, id, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MdgContactsPage  *self)
{
  g_autoptr(GTask) task = NULL;
  gint64 id;

  if (!g_str_equal (response, "delete") || self->selected == NULL)
    return;

  id = mdg_person_get_id (self->selected);
  task = g_task_new (NULL, NULL, deleted_cb, g_object_ref (self));
  g_task_set_source_tag (task, delete_response_cb);
  g_task_set_task_data (task, g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (mdg_database_get_path (self->database)), g_free);
  g_object_set_data_full (G_OBJECT (task), "name", mdg_person_dup_name (self->selected), g_free);
  show_person (self, NULL);
  g_task_run_in_thread (task, delete_thread);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgContactsPage *self = MDG_CONTACTS_PAGE (widget);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->selected == NULL)
    return;
  name = mdg_person_dup_name (self->selected);
  /* Translators: %s is a person's name */
  heading = g_strdup_printf (_("Delete %s Everywhere?"), name);
  dialog = adw_message_dialog_new (get_window (self), heading,
                                   _("Their details are removed from Madoguchi, its search index and its free "
                                     "space. Their registrations stay, anonymised, so that seminar figures still "
                                     "add up. This cannot be undone; export what is held first if they asked "
                                     "for it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete",
                                    _("_Delete Everywhere"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
merge_found_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GtkListBox *list = user_data;
  g_autoptr(GPtrArray) people = mdg_person_store_list_finish (MDG_DATABASE (source), result, NULL);
  MdgContactsPage *self = g_object_get_data (G_OBJECT (list), "page");
  GtkWidget *child;

  if (people == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  for (guint i = 0; i < people->len; i++)
    {
      MdgPerson *person = g_ptr_array_index (people, i);
      GtkWidget *row;

      if (self->selected && mdg_person_get_id (person) == mdg_person_get_id (self->selected))
        continue;
      row = create_person_row (person);
      g_object_set_data_full (G_OBJECT (row), "person", g_object_ref (person), g_object_unref);
      gtk_list_box_append (list, row);
    }
  g_object_unref (list);
}

static void
merge_search_cb (GtkSearchEntry *entry,
                 GtkListBox     *list)
{
  MdgContactsPage *self = g_object_get_data (G_OBJECT (list), "page");
  g_autofree char *query = _mdg_editor_dup_text (GTK_EDITABLE (entry));

  mdg_person_store_list_async (self->database, query, 8, NULL, merge_found_cb, g_object_ref (list));
}

static void
merge_selected_cb (GtkListBox       *list,
                   GtkListBoxRow    *row,
                   AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "merge", row != NULL);
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MdgContactsPage  *self)
{
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "list");
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);
  MdgPerson *duplicate = row ? g_object_get_data (G_OBJECT (row), "person") : NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "merge") || duplicate == NULL || self->selected == NULL)
    return;
  if (!mdg_person_store_merge (self->database, mdg_person_get_id (self->selected), mdg_person_get_id (duplicate),
                               &error))
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("Merged: one person, one history"));
  self->select_after_load = mdg_person_get_id (self->selected);
  mdg_contacts_page_reload (self);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgContactsPage *self = MDG_CONTACTS_PAGE (widget);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *box, *entry, *list, *scrolled;

  if (self->selected == NULL)
    return;
  name = mdg_person_dup_name (self->selected);
  body = g_strdup_printf (_("Find the other record of %s. Its registrations move here, blank details are filled from "
                            "it, and it is removed."),
                          name);
  dialog = adw_message_dialog_new (get_window (self), _("Merge a Duplicate"), body);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_search_entry_new ();
  list = gtk_list_box_new ();
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_name (entry, "merge-search");
  gtk_widget_set_name (list, "merge-list");
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 220);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (list), "page", self);
  g_object_set_data (G_OBJECT (dialog), "list", list);
  g_signal_connect (entry, "search-changed", G_CALLBACK (merge_search_cb), list);
  g_signal_connect (list, "row-selected", G_CALLBACK (merge_selected_cb), dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), mdg_person_get_text (self->selected, MDG_PERSON_FAMILY_NAME));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdgContactsPage *self = MDG_CONTACTS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
mdg_contacts_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mdg_contacts_page_parent_class)->map (widget);

  /* Registrations add people elsewhere: read the list again each time it shows. */
  mdg_contacts_page_reload (MDG_CONTACTS_PAGE (widget));
}

static void
mdg_contacts_page_constructed (GObject *object)
{
  MdgContactsPage *self = MDG_CONTACTS_PAGE (object);

  G_OBJECT_CLASS (mdg_contacts_page_parent_class)->constructed (object);
  self->database = g_object_ref (mdg_section_get_database (MDG_SECTION (self)));
}

static void
mdg_contacts_page_dispose (GObject *object)
{
  MdgContactsPage *self = MDG_CONTACTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  self->filling = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_CONTACTS_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->organizations, g_ptr_array_unref);
  g_clear_pointer (&self->org_people, g_ptr_array_unref);
  g_clear_object (&self->selected_org);

  G_OBJECT_CLASS (mdg_contacts_page_parent_class)->dispose (object);
}

static void
mdg_contacts_page_class_init (MdgContactsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mdg_contacts_page_constructed;
  object_class->dispose = mdg_contacts_page_dispose;
  widget_class->map = mdg_contacts_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-contacts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, people_list);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, fields_group);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, consent_row);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, seminars_list);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, organizations_toggle);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, person_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, org_fields_group);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, org_save_button);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, employees_spin);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, org_people_list);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, org_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, org_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, org_person_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_install_action (widget_class, "contacts.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "contacts.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "contacts.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "contacts.show-list", NULL, show_list_action);
}

static void
mdg_contacts_page_init (MdgContactsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (edited_fields); i++)
    {
      MdgPersonField field = edited_fields[i];
      GtkWidget *row = adw_entry_row_new ();
      g_autofree char *name = g_strdup_printf ("contacts-%s", mdg_person_field_to_string (field));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mdg_person_field_get_label (field));
      gtk_widget_set_name (row, name);
      g_signal_connect_object (row, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->fields_group, row);
      self->field_rows[field] = ADW_ENTRY_ROW (row);
    }
  for (guint f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
    {
      GtkWidget *row = adw_entry_row_new ();
      static const char *names[] = { "organization-name", "organization-kana", "organization-industry",
                                     "organization-municipality", "organization-note" };

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mdg_organization_field_get_label (f));
      gtk_widget_set_name (row, names[f]);
      g_signal_connect_object (row, "changed", G_CALLBACK (org_field_changed_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->org_fields_group, row);
      self->org_rows[f] = ADW_ENTRY_ROW (row);
    }

  {
    GtkWidget *placeholder = gtk_label_new (_("Not registered for any seminar"));

    gtk_widget_set_margin_top (placeholder, 18);
    gtk_widget_set_margin_bottom (placeholder, 18);
    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_list_box_set_placeholder (self->seminars_list, placeholder);
  }
  update_actions (self);
}

/* Returns: (transfer none) (nullable): the person shown */
MdgPerson *
mdg_contacts_page_get_selected (MdgContactsPage *self)
{
  g_return_val_if_fail (MDG_IS_CONTACTS_PAGE (self), NULL);
  return self->selected;
}

/* Returns: how many rows the list shows: people, or organizations in that mode */
guint
mdg_contacts_page_get_n_people (MdgContactsPage *self)
{
  ItemId id;
  GPtrArray *items;

  g_return_val_if_fail (MDG_IS_CONTACTS_PAGE (self), 0);
  items = shown_items (self, &id);
  return items ? items->len : 0;
}

void
mdg_contacts_page_select (MdgContactsPage *self,
                          gint64           id)
{
  g_return_if_fail (MDG_IS_CONTACTS_PAGE (self));

  select_item (self, id);
}
