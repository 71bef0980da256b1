/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-organization-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-editor-util.h"
#include "mdg-organization-pane.h"
#include "mdg-organization-row.h"
#include "mdg-organization-store.h"
#include "mdg-person-row.h"
#include "mdg-record-list.h"
#include "mdg-store-async.h"

/*
 * The organizations (SMEs) beside the people: searched by name, reading in any kana
 * script or municipality; a record read at a glance and edited on request; "+" for a
 * new one; and its people, each a click away in the person pane.
 */

struct _MdgOrganizationPane
{
  GtkWidget           parent_instance;

  /* template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwActionRow       *kana_row;
  AdwActionRow       *industry_row;
  AdwActionRow       *municipality_row;
  AdwActionRow       *address_row;
  AdwActionRow       *employees_row;
  AdwActionRow       *note_row;
  GtkListBox         *people_list;
  AdwEntryRow        *name_entry;
  AdwEntryRow        *kana_entry;
  AdwEntryRow        *industry_entry;
  AdwEntryRow        *municipality_entry;
  AdwEntryRow        *address_entry;
  AdwEntryRow        *employees_entry;
  AdwEntryRow        *note_entry;

  /* owned */
  MdgRecordList       list;             /* organizations; list.selected is the one shown */
  GListStore         *people;

  gboolean            creating;
};

G_DEFINE_FINAL_TYPE (MdgOrganizationPane, mdg_organization_pane, GTK_TYPE_WIDGET)

/* The form's row for a field; %NULL for a field the form does not show, which
 * editing keeps as it was. */
static AdwEntryRow *
form_row (MdgOrganizationPane  *self,
          MdgOrganizationField  field)
{
  switch (field)
    {
    case MDG_ORGANIZATION_NAME: return self->name_entry;
    case MDG_ORGANIZATION_KANA: return self->kana_entry;
    case MDG_ORGANIZATION_INDUSTRY: return self->industry_entry;
    case MDG_ORGANIZATION_MUNICIPALITY: return self->municipality_entry;
    case MDG_ORGANIZATION_NOTE: return self->note_entry;
    case MDG_ORGANIZATION_ADDRESS: return self->address_entry;
    default: return NULL;
    }
}

static void
update_actions (MdgOrganizationPane *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "organization.edit",
                                 self->list.selected != NULL && !self->list.editing);
  _mdg_record_list_update_back_button (&self->list);
}

static void
people_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = mdg_organization_store_list_people_finish (MDG_DATABASE (source), result, &error);
  MdgOrganizationPane *self;

  if (people == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* another organization is shown, or the pane is gone */
  self = MDG_ORGANIZATION_PANE (user_data);
  if (people == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  g_list_store_splice (self->people, 0, g_list_model_get_n_items (G_LIST_MODEL (self->people)), people->pdata,
                       people->len);
}

static void
show_record (MdgOrganizationPane *self,
             MdgOrganization     *organization)
{
  g_autofree char *reading = NULL;
  g_autofree char *employees = NULL;
  const char *municipality;

  _mdg_record_list_select (&self->list, organization);
  update_actions (self);
  g_list_store_remove_all (self->people);

  if (organization == NULL)
    {
      _mdg_record_list_show_empty (&self->list);
      return;
    }

  municipality = mdg_organization_get_text (organization, MDG_ORGANIZATION_MUNICIPALITY);
  adw_window_title_set_title (self->list.detail_title, mdg_organization_get_text (organization, MDG_ORGANIZATION_NAME));
  adw_window_title_set_subtitle (self->list.detail_title, municipality ? municipality : "");
  reading = _mdg_format_reading (mdg_organization_get_text (organization, MDG_ORGANIZATION_KANA));
  _mdg_action_row_show_text (self->kana_row, reading);
  _mdg_action_row_show_text (self->industry_row, mdg_organization_get_text (organization, MDG_ORGANIZATION_INDUSTRY));
  _mdg_action_row_show_text (self->municipality_row, municipality);
  _mdg_action_row_show_text (self->address_row, mdg_organization_get_text (organization, MDG_ORGANIZATION_ADDRESS));
  if (mdg_organization_get_employees (organization) > 0)
    employees = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people",
                                              mdg_organization_get_employees (organization)),
                                 mdg_organization_get_employees (organization));
  _mdg_action_row_show_text (self->employees_row, employees);
  _mdg_action_row_show_text (self->note_row, mdg_organization_get_text (organization, MDG_ORGANIZATION_NOTE));

  gtk_stack_set_visible_child_name (self->list.detail_stack, "record");
  mdg_organization_store_list_people_async (self->list.database, mdg_organization_get_id (organization),
                                            _mdg_record_list_detail_cancellable (&self->list), people_loaded_cb,
                                            self);
}

static gint64
organization_id (gpointer organization)
{
  return mdg_organization_get_id (organization);
}

static void
show_organization (GtkWidget *widget,
                   gpointer   organization)
{
  show_record (MDG_ORGANIZATION_PANE (widget), organization);
}

static const MdgRecordListKind organization_list = {
  .item_type = mdg_organization_get_type,
  .offset = G_STRUCT_OFFSET (MdgOrganizationPane, list),
  .get_id = organization_id,
  .list_async = mdg_organization_store_list_async,
  .list_finish = mdg_organization_store_list_finish,
  .show_record = show_organization,
  .update_actions = (void (*) (GtkWidget *)) update_actions,
  .save_async = (MdgRecordSaveAsyncFunc) mdg_organization_store_save_async,
  .save_finish = (MdgRecordSaveFinishFunc) mdg_organization_store_save_finish,
  .save_action = "organization.save",
  .cancel_edit_action = "organization.cancel-edit",
  .show_list_action = "organization.show-list",
};

void
mdg_organization_pane_reload (MdgOrganizationPane *self)
{
  g_return_if_fail (MDG_IS_ORGANIZATION_PANE (self));

  _mdg_record_list_reload (&self->list);
}

/* Over to the person pane, through the contacts page's action. */
static void
person_activated_cb (MdgOrganizationPane *self,
                     GtkListBoxRow       *row)
{
  g_autoptr(MdgPerson) person = g_list_model_get_item (G_LIST_MODEL (self->people), gtk_list_box_row_get_index (row));

  if (person != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "contacts.show-person", "x", mdg_person_get_id (person));
}

static GtkWidget *
create_person_row (gpointer item,
                   gpointer user_data)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), mdg_person_row_new (item));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
fill_form (MdgOrganizationPane *self,
           MdgOrganization     *organization)
{
  for (MdgOrganizationField f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
    {
      const char *text = organization ? mdg_organization_get_text (organization, f) : NULL;
      g_autofree char *reading = NULL;

      /* Readings are edited as they are shown: in katakana. */
      if (f == MDG_ORGANIZATION_KANA)
        text = reading = _mdg_format_reading (text);
      if (form_row (self, f) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (form_row (self, f)), text ? text : "");
    }
  _mdg_editor_set_count (GTK_EDITABLE (self->employees_entry),
                         organization ? mdg_organization_get_employees (organization) : 0);
}

static void
start_editing (MdgOrganizationPane *self,
               MdgOrganization     *organization)
{
  self->creating = organization == NULL;
  if (self->creating)
    gtk_editable_set_text (GTK_EDITABLE (self->list.search_entry), "");
  fill_form (self, organization);
  _mdg_record_list_set_editing (&self->list, TRUE);
  update_actions (self);
  if (organization == NULL)
    {
      adw_window_title_set_title (self->list.detail_title, _("New Organization"));
      adw_window_title_set_subtitle (self->list.detail_title, "");
    }
  gtk_stack_set_visible_child_name (self->list.detail_stack, "edit");
  _mdg_record_list_show_detail (&self->list);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgOrganizationPane *self = MDG_ORGANIZATION_PANE (widget);

  if (self->list.selected != NULL)
    start_editing (self, self->list.selected);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  start_editing (MDG_ORGANIZATION_PANE (widget), NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgOrganizationPane *self = MDG_ORGANIZATION_PANE (widget);
  g_autoptr(MdgOrganization) edited = NULL;
  guint employees;

  if (!self->list.editing || (!self->creating && self->list.selected == NULL))
    return;
  edited = self->creating ? mdg_organization_new () : mdg_organization_copy (self->list.selected);
  for (MdgOrganizationField f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
    {
      g_autofree char *text = NULL;

      if (form_row (self, f) == NULL)
        continue;
      text = _mdg_editor_dup_text (GTK_EDITABLE (form_row (self, f)));
      mdg_organization_set_text (edited, f, text);
    }
  if (!_mdg_editor_parse_count (gtk_editable_get_text (GTK_EDITABLE (self->employees_entry)), &employees))
    {
      _mdg_record_list_show_error (&self->list,
                                   _("Type the number of employees, or leave it blank when not known."));
      gtk_widget_grab_focus (GTK_WIDGET (self->employees_entry));
      return;
    }
  mdg_organization_set_employees (edited, employees);
  _mdg_record_list_save (&self->list, edited);
}

static void
mdg_organization_pane_dispose (GObject *object)
{
  MdgOrganizationPane *self = MDG_ORGANIZATION_PANE (object);

  _mdg_record_list_dispose (&self->list);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_ORGANIZATION_PANE);
  g_clear_object (&self->people);

  G_OBJECT_CLASS (mdg_organization_pane_parent_class)->dispose (object);
}

static void
mdg_organization_pane_class_init (MdgOrganizationPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_organization_pane_dispose;

  g_type_ensure (MDG_TYPE_ORGANIZATION);
  g_type_ensure (MDG_TYPE_ORGANIZATION_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/madoguchi/Madoguchi/mdg-organization-pane.ui");
  _mdg_record_list_class_init (widget_class, &organization_list);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, kana_row);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, industry_row);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, municipality_row);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, address_row);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, employees_row);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, note_row);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, people_list);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, name_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, kana_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, industry_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, municipality_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, address_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, employees_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgOrganizationPane, note_entry);
  gtk_widget_class_bind_template_callback (widget_class, person_activated_cb);

  gtk_widget_class_install_action (widget_class, "organization.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "organization.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "organization.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "organization.new", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mdg_organization_pane_init (MdgOrganizationPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _mdg_record_list_init (&self->list, GTK_WIDGET (self));
  self->people = g_list_store_new (MDG_TYPE_PERSON);
  _mdg_record_list_bind_detail (&self->list, self->people_list, G_LIST_MODEL (self->people), create_person_row,
                                _("Nobody from this organization yet"));
}

/* Shows an organization, found by clearing the search when it hides it. */
void
mdg_organization_pane_show_organization (MdgOrganizationPane *self,
                                         gint64               id)
{
  g_return_if_fail (MDG_IS_ORGANIZATION_PANE (self));

  _mdg_record_list_show_id (&self->list, id);
}

void
mdg_organization_pane_focus_search (MdgOrganizationPane *self)
{
  g_return_if_fail (MDG_IS_ORGANIZATION_PANE (self));

  _mdg_record_list_focus_search (&self->list);
}

/* Returns: (transfer none) (nullable): the organization shown */
MdgOrganization *
mdg_organization_pane_get_selected (MdgOrganizationPane *self)
{
  g_return_val_if_fail (MDG_IS_ORGANIZATION_PANE (self), NULL);
  return self->list.selected;
}

guint
mdg_organization_pane_get_n_listed (MdgOrganizationPane *self)
{
  g_return_val_if_fail (MDG_IS_ORGANIZATION_PANE (self), 0);
  return _mdg_record_list_get_n_items (&self->list);
}
