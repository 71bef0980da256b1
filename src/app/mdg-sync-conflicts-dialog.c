/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sync-conflicts-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-database-work.h"
#include "mdg-sync-conflict.h"
#include "mdg-sync-conflicts-dialog.h"

/*
 * The fields two laptops changed to different values, for review: each in words
 * ("山田 太郎様の電話番号は2台で別の値に変更されました"), with the value the record kept and
 * the one it lost. Dismissing keeps what the record holds; "Use Lost Value" writes
 * the other one back as a new edit, which the next sync takes to every laptop. The
 * list is read and each choice written in a worker.
 */

struct _MdgSyncConflictsDialog
{
  AdwWindow      parent_instance;

  GtkStack      *stack;
  GtkListBox    *list;

  MdgDatabase   *database;
  MdgSyncClient *sync;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (MdgSyncConflictsDialog, mdg_sync_conflicts_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  MdgSyncConflictsDialog *self;       /* valid until its cancellable is cancelled */
  GPtrArray              *conflicts;  /* out */
} ListData;

static void
list_data_free (ListData *data)
{
  g_clear_pointer (&data->conflicts, g_ptr_array_unref);
  g_free (data);
}

static gboolean
list_work (MdgDatabase  *connection,
           gpointer      user_data,
           GError      **error)
{
  ListData *data = user_data;

  data->conflicts = mdg_sync_conflict_list (connection, FALSE, error);
  return data->conflicts != NULL;
}

typedef struct
{
  gint64    id;
  gboolean  keep_mine;
} ResolveData;

static gboolean
resolve_work (MdgDatabase  *connection,
              gpointer      user_data,
              GError      **error)
{
  ResolveData *data = user_data;

  return mdg_sync_conflict_resolve (connection, data->id, data->keep_mine, error);
}

static void update_empty (MdgSyncConflictsDialog *self);

static void
counts_refreshed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Finishing is what updates the client's counts (and so the window's footer). */
  if (!mdg_sync_client_refresh_finish (MDG_SYNC_CLIENT (source), result, &error))
    g_warning ("Could not read the sync status: %s", error->message);
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  g_autoptr(GError) error = NULL;
  MdgSyncConflictsDialog *self;

  if (!mdg_database_work_finish (MDG_DATABASE (source), result, resolve_work, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (row, TRUE);
      _mdg_toast_error (row, error);
      return;
    }
  self = MDG_SYNC_CONFLICTS_DIALOG (gtk_widget_get_root (row));
  if (self == NULL)
    return;
  gtk_list_box_remove (self->list, row);
  update_empty (self);
  /* The footer's count of conflicts to review follows. */
  mdg_sync_client_refresh_async (self->sync, NULL, counts_refreshed_cb, NULL);
}

static void
resolve (GtkWidget *button,
         gboolean   use_lost)
{
  MdgSyncConflictsDialog *self = MDG_SYNC_CONFLICTS_DIALOG (gtk_widget_get_root (button));
  GtkWidget *row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);
  MdgSyncConflict *conflict = g_object_get_data (G_OBJECT (row), "conflict");
  ResolveData *data = g_new0 (ResolveData, 1);

  data->id = conflict->id;
  data->keep_mine = use_lost ? !conflict->kept_mine : conflict->kept_mine;
  gtk_widget_set_sensitive (row, FALSE);
  mdg_database_work_async (self->database, resolve_work, data, g_free, resolve_work, self->cancellable,
                           resolved_cb, g_object_ref (row));
}

static void
dismiss_clicked_cb (GtkButton *button)
{
  resolve (GTK_WIDGET (button), FALSE);
}

static void
restore_clicked_cb (GtkButton *button)
{
  resolve (GTK_WIDGET (button), TRUE);
}

static GtkWidget *
create_row (MdgSyncConflict *conflict)
{
  GtkWidget *row = adw_action_row_new ();
  /* The choices one above the other: the sentence and its values keep the width. */
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *dismiss = gtk_button_new_with_mnemonic (_("_Dismiss"));
  g_autofree char *title = mdg_sync_conflict_describe (conflict);

  gtk_widget_set_name (row, "sync-conflict");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (!conflict->duplicate)
    {
      const char *kept = conflict->kept_mine ? conflict->mine : conflict->theirs;
      const char *lost = conflict->kept_mine ? conflict->theirs : conflict->mine;
      g_autofree char *subtitle = NULL;
      GtkWidget *restore = gtk_button_new_with_mnemonic (_("Use _Lost Value"));

      /* Translators: the value a record kept after a sync conflict, and the one it lost. */
      subtitle = g_strdup_printf (_("Kept: %s\nLost: %s"), kept, lost);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_name (restore, "conflict-restore");
      gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
      g_signal_connect (restore, "clicked", G_CALLBACK (restore_clicked_cb), NULL);
      gtk_box_append (GTK_BOX (box), restore);
    }
  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_name (dismiss, "conflict-dismiss");
  gtk_widget_set_valign (dismiss, GTK_ALIGN_CENTER);
  g_signal_connect (dismiss, "clicked", G_CALLBACK (dismiss_clicked_cb), NULL);
  gtk_box_append (GTK_BOX (box), dismiss);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "conflict", conflict, (GDestroyNotify) mdg_sync_conflict_free);
  return row;
}

static void
update_empty (MdgSyncConflictsDialog *self)
{
  gboolean empty = gtk_widget_get_first_child (GTK_WIDGET (self->list)) == NULL;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ListData *data = user_data;
  g_autoptr(GError) error = NULL;
  MdgSyncConflictsDialog *self;

  if (!mdg_database_work_finish (MDG_DATABASE (source), result, list_work, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the sync conflicts: %s", error->message);
      return;
    }
  self = data->self;
  for (guint i = 0; i < data->conflicts->len; i++)
    gtk_list_box_append (self->list, create_row (g_ptr_array_index (data->conflicts, i)));
  /* The rows own their conflicts now. */
  g_ptr_array_set_free_func (data->conflicts, NULL);
  update_empty (self);
}

static void
mdg_sync_conflicts_dialog_dispose (GObject *object)
{
  MdgSyncConflictsDialog *self = MDG_SYNC_CONFLICTS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (mdg_sync_conflicts_dialog_parent_class)->dispose (object);
}

static void
mdg_sync_conflicts_dialog_class_init (MdgSyncConflictsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_sync_conflicts_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mdg_sync_conflicts_dialog_init (MdgSyncConflictsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (_("Sync Conflicts"), NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro = gtk_label_new (_("These fields were changed on two laptops before they synced. Each record "
                                      "kept the later change; the other value is shown here so that nothing is lost."));
  GtkWidget *empty = adw_status_page_new ();

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Sync Conflicts"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 480);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (inner), intro);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->list), "sync-conflict-list");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->list));
  gtk_widget_set_margin_top (inner, 18);
  gtk_widget_set_margin_bottom (inner, 18);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Conflicts to Review"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Every field changed on two laptops has been reviewed."));
  gtk_widget_set_name (empty, "sync-conflicts-empty");

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, gtk_spinner_new (), "loading");
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  /* Toasts of a failed choice show here, over the list. */
  {
    GtkWidget *overlay = adw_toast_overlay_new ();

    adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
    adw_window_set_content (ADW_WINDOW (self), overlay);
  }
}

GtkWidget *
mdg_sync_conflicts_dialog_new (GtkWindow     *parent,
                               MdgDatabase   *database,
                               MdgSyncClient *sync)
{
  MdgSyncConflictsDialog *self;
  ListData *data;

  g_return_val_if_fail (MDG_IS_DATABASE (database), NULL);
  g_return_val_if_fail (MDG_IS_SYNC_CLIENT (sync), NULL);

  self = g_object_new (MDG_TYPE_SYNC_CONFLICTS_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->database = g_object_ref (database);
  self->sync = g_object_ref (sync);

  data = g_new0 (ListData, 1);
  data->self = self;
  mdg_database_work_async (database, list_work, data, (GDestroyNotify) list_data_free, list_work, self->cancellable,
                           listed_cb, data);
  return GTK_WIDGET (self);
}
