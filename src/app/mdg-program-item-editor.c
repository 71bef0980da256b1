/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-program-item-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-editor-util.h"
#include "mdg-program-item-editor.h"
#include "mdg-store-async.h"

struct _MdgProgramItemEditor
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwComboRow    *kind_row;
  GtkSpinButton  *minutes_spin;
  AdwEntryRow    *title_row;
  GtkWidget      *presentation_group;
  AdwEntryRow    *presenter_row;
  AdwEntryRow    *deck_row;

  /* owned */
  MdgDatabase    *database;
  MdgProgramItem *item;

  gint64          seminar_id;
  gboolean        is_new;
  gboolean        saving;
};

G_DEFINE_FINAL_TYPE (MdgProgramItemEditor, mdg_program_item_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What each kind usually takes, offered while adding an item. */
static const guint usual_minutes[] = {
  [MDG_PROGRAM_KIND_PRESENTATION] = 45,
  [MDG_PROGRAM_KIND_CONSULTATION] = 30,
  [MDG_PROGRAM_KIND_QA] = 15,
  [MDG_PROGRAM_KIND_BREAK] = 10,
};

static void
kind_changed_cb (MdgProgramItemEditor *self)
{
  MdgProgramKind kind = adw_combo_row_get_selected (self->kind_row);

  if (kind > MDG_PROGRAM_KIND_BREAK)
    return;
  gtk_widget_set_visible (self->presentation_group, kind == MDG_PROGRAM_KIND_PRESENTATION);
  if (self->is_new)
    gtk_spin_button_set_value (self->minutes_spin, usual_minutes[kind]);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgProgramItem) saved = mdg_program_store_save_finish (MDG_DATABASE (source), result, &error);
  MdgProgramItemEditor *self;

  if (widget == NULL)
    return; /* saved; the editor was closed meanwhile */
  self = MDG_PROGRAM_ITEM_EDITOR (widget);
  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (saved == NULL)
    {
      _mdg_editor_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_clicked_cb (MdgProgramItemEditor *self)
{
  g_autofree char *title = _mdg_editor_dup_text (GTK_EDITABLE (self->title_row));
  g_autofree char *presenter = _mdg_editor_dup_text (GTK_EDITABLE (self->presenter_row));
  g_autofree char *deck = _mdg_editor_dup_text (GTK_EDITABLE (self->deck_row));
  MdgProgramKind kind = adw_combo_row_get_selected (self->kind_row);
  gboolean talk = kind == MDG_PROGRAM_KIND_PRESENTATION;

  if (self->saving)
    return;

  mdg_program_item_set_kind (self->item, kind);
  mdg_program_item_set_minutes (self->item, MAX (1, gtk_spin_button_get_value_as_int (self->minutes_spin)));
  mdg_program_item_set_title (self->item, title);
  mdg_program_item_set_presenter (self->item, talk ? presenter : NULL);
  mdg_program_item_set_deck_title (self->item, talk ? deck : NULL);

  /* Nothing typed is lost if the save fails: the form stays, with the reason above it. */
  _mdg_editor_show_error (self->error_revealer, self->error_label, NULL);
  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  mdg_program_store_save_async (self->database, self->seminar_id, self->item, NULL, saved_cb,
                                _mdg_write_watch_new (GTK_WIDGET (self)));
}

static void
mdg_program_item_editor_dispose (GObject *object)
{
  MdgProgramItemEditor *self = MDG_PROGRAM_ITEM_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_PROGRAM_ITEM_EDITOR);
  g_clear_object (&self->database);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (mdg_program_item_editor_parent_class)->dispose (object);
}

static void
mdg_program_item_editor_class_init (MdgProgramItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_program_item_editor_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-program-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgProgramItemEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, MdgProgramItemEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, MdgProgramItemEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, MdgProgramItemEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, MdgProgramItemEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, MdgProgramItemEditor, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, MdgProgramItemEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, MdgProgramItemEditor, presentation_group);
  gtk_widget_class_bind_template_child (widget_class, MdgProgramItemEditor, presenter_row);
  gtk_widget_class_bind_template_child (widget_class, MdgProgramItemEditor, deck_row);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mdg_program_item_editor_init (MdgProgramItemEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  for (guint k = MDG_PROGRAM_KIND_PRESENTATION; k <= MDG_PROGRAM_KIND_BREAK; k++)
    gtk_string_list_append (kinds, mdg_program_kind_get_label (k));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
}

/**
 * mdg_program_item_editor_new:
 * @database: where to save
 * @seminar_id: the seminar whose program this is
 * @item: (nullable): the item to edit, or %NULL to append a new one
 *
 * Returns: (transfer floating): the editor dialog
 */
GtkWidget *
mdg_program_item_editor_new (MdgDatabase    *database,
                             gint64          seminar_id,
                             MdgProgramItem *item)
{
  MdgProgramItemEditor *self;
  const char *heading;

  g_return_val_if_fail (MDG_IS_DATABASE (database), NULL);
  g_return_val_if_fail (item == NULL || MDG_IS_PROGRAM_ITEM (item), NULL);

  self = g_object_new (MDG_TYPE_PROGRAM_ITEM_EDITOR, NULL);
  self->database = g_object_ref (database);
  self->seminar_id = seminar_id;
  self->is_new = item == NULL;
  self->item = item ? g_object_ref (item) : mdg_program_item_new (MDG_PROGRAM_KIND_PRESENTATION, 45);

  adw_combo_row_set_selected (self->kind_row, mdg_program_item_get_kind (self->item));
  kind_changed_cb (self);
  gtk_spin_button_set_value (self->minutes_spin, mdg_program_item_get_minutes (self->item));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), mdg_program_item_get_title (self->item) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->presenter_row), mdg_program_item_get_presenter (self->item) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->deck_row), mdg_program_item_get_deck_title (self->item) ?: "");

  heading = self->is_new ? _("Add Program Item") : _("Edit Program Item");
  gtk_window_set_title (GTK_WINDOW (self), heading);
  adw_window_title_set_title (self->window_title, heading);
  gtk_button_set_label (self->save_button, self->is_new ? _("Add") : _("Save"));

  return GTK_WIDGET (self);
}
