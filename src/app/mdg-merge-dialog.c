/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-editor-util.h"
#include "mdg-merge-dialog.h"
#include "mdg-person-row.h"
#include "mdg-person-store.h"

/*
 * Finds the other record of a person, to merge into the one kept: search as you
 * type (in a worker), pick one, answer Merge. Whoever opened the dialog merges.
 */

#define MAX_FOUND 8

struct _MdgMergeDialog
{
  AdwMessageDialog  parent_instance;

  /* template widgets */
  GtkSearchEntry   *search_entry;
  GtkListBox       *found_list;

  /* owned */
  MdgDatabase      *database;
  MdgPerson        *keep;
  GListStore       *found;
  MdgPerson        *duplicate;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (MdgMergeDialog, mdg_merge_dialog, ADW_TYPE_MESSAGE_DIALOG)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return mdg_person_row_new (item);
}

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = mdg_person_store_list_finish (MDG_DATABASE (source), result, &error);
  MdgMergeDialog *self;

  if (people == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a newer search, or the dialog is gone */
  self = MDG_MERGE_DIALOG (user_data);
  if (people == NULL)
    {
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), error->message);
      return;
    }

  /* The person kept is not a duplicate of themselves. */
  for (guint i = people->len; i > 0; i--)
    if (mdg_person_get_id (g_ptr_array_index (people, i - 1)) == mdg_person_get_id (self->keep))
      g_ptr_array_remove_index (people, i - 1);
  g_list_store_splice (self->found, 0, g_list_model_get_n_items (G_LIST_MODEL (self->found)), people->pdata,
                       people->len);
}

static void
search_changed_cb (MdgMergeDialog *self)
{
  g_autofree char *query = _mdg_editor_dup_text (GTK_EDITABLE (self->search_entry));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  mdg_person_store_list_async (self->database, query, MAX_FOUND, self->cancellable, found_cb, self);
}

static void
row_selected_cb (MdgMergeDialog *self,
                 GtkListBoxRow  *row)
{
  g_autoptr(MdgPerson) person = row ? g_list_model_get_item (G_LIST_MODEL (self->found),
                                                             gtk_list_box_row_get_index (row))
                                    : NULL;

  g_set_object (&self->duplicate, person);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "merge", person != NULL);
}

static void
mdg_merge_dialog_dispose (GObject *object)
{
  MdgMergeDialog *self = MDG_MERGE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->found_list != NULL)
    gtk_list_box_bind_model (self->found_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_MERGE_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->keep);
  g_clear_object (&self->found);
  g_clear_object (&self->duplicate);

  G_OBJECT_CLASS (mdg_merge_dialog_parent_class)->dispose (object);
}

static void
mdg_merge_dialog_class_init (MdgMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_merge_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgMergeDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgMergeDialog, found_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
}

static void
mdg_merge_dialog_init (MdgMergeDialog *self)
{
  g_type_ensure (MDG_TYPE_PERSON_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->found = g_list_store_new (MDG_TYPE_PERSON);
  gtk_list_box_bind_model (self->found_list, G_LIST_MODEL (self->found), create_row, NULL, NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "merge", FALSE);
}

/**
 * mdg_merge_dialog_new:
 * @parent: the window asking
 * @database: where to search
 * @keep: the record that stays
 *
 * Returns: (transfer floating): the dialog; answered "merge" with a duplicate chosen
 */
GtkWidget *
mdg_merge_dialog_new (GtkWindow   *parent,
                      MdgDatabase *database,
                      MdgPerson   *keep)
{
  MdgMergeDialog *self = g_object_new (MDG_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);
  g_autofree char *name = mdg_person_dup_name (keep);

  self->database = g_object_ref (database);
  self->keep = g_object_ref (keep);
  /* Translators: %s is a person's name */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("Find the other record of %s. Its registrations move here, blank details are "
                                    "filled from it, and it is removed."),
                                  name);
  /* The other record most likely bears the same name. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), name);
  return GTK_WIDGET (self);
}

/* Returns: (transfer none) (nullable): the other record chosen */
MdgPerson *
mdg_merge_dialog_get_duplicate (MdgMergeDialog *self)
{
  g_return_val_if_fail (MDG_IS_MERGE_DIALOG (self), NULL);
  return self->duplicate;
}
