/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-notices-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-date.h"
#include "mdg-error.h"
#include "mdg-feed-store.h"
#include "mdg-notice-store.h"
#include "mdg-notices-view.h"
#include "mdg-site-export.h"
#include "mdg-store-async.h"
#include "mdg-undo-deletions.h"

/*
 * Notices for the desk's portal (お知らせ, トピックス, 脅威情報), inside Threat Info:
 * the list, an editor (kind, title, publish day, body in Markdown-like plain text, the
 * threat items it cites), delete with Undo, and Publish Site…, which writes the static
 * site through the core in a worker into a folder the user chooses.
 *
 * The view has its own toast overlay, so that the Undo of a deletion and the Open
 * Folder of a publication reach the view's actions.
 */

struct _MdgNoticesView
{
  GtkWidget         parent_instance;

  MdgDatabase      *database;
  GtkWidget        *overlay;
  GtkStack         *stack;         /* "list", "empty", "editor" */
  GtkListBox       *list;
  GtkWidget        *kind_buttons[3];
  GtkEditable      *title_row;
  GtkEditable      *date_row;
  GtkTextView      *body_view;
  GtkWidget        *items_group;
  GtkListBox       *items_list;
  GtkWidget        *delete_button;

  MdgNotice        *editing;       /* what the editor shows; id 0 for a new one */
  GPtrArray        *editing_items; /* MdgFeedItem it cites, in order */
  MdgUndoDeletions *deletions;
  GArray           *deleted;       /* ids whose Undo is still offered */
  GCancellable     *cancellable;
  char             *kind;
};

G_DEFINE_FINAL_TYPE (MdgNoticesView, mdg_notices_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const MdgNoticeKind kinds[] = { MDG_NOTICE_KIND_NEWS, MDG_NOTICE_KIND_TOPIC, MDG_NOTICE_KIND_THREAT };

static void reload (MdgNoticesView *self);

static char *
format_day (GDateTime *day)
{
  return day ? mdg_date_format (day, MDG_DATE_DEFAULT) : g_strdup (_("Draft: not published"));
}

/* "2026-12-02" or "2026/12/2"; an empty field is a draft. */
static gboolean
parse_day (const char  *text,
           GDateTime  **day,
           GError     **error)
{
  int year = 0, month = 0, date = 0;
  char rest;

  *day = NULL;
  if (*text == '\0')
    return TRUE;
  if ((sscanf (text, "%d-%d-%d%c", &year, &month, &date, &rest) != 3 &&
       sscanf (text, "%d/%d/%d%c", &year, &month, &date, &rest) != 3) ||
      !g_date_valid_dmy (date, month, year))
    {
      /* Translators: %s is what was typed as the publish day */
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("“%s” is no day: write it as 2026-12-02, or leave it empty to keep the notice a draft"), text);
      return FALSE;
    }
  *day = g_date_time_new_local (year, month, date, 0, 0, 0);
  return TRUE;
}

/* ---- The list ---- */

static void open_notice (MdgNoticesView *self,
                         gint64          id);

static void
row_activated_cb (GtkListBox     *box,
                  GtkListBoxRow  *row,
                  MdgNoticesView *self)
{
  open_notice (self, (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "mdg-notice-id")));
}

static GtkWidget *
notice_row_new (MdgNotice *notice)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *day = format_day (mdg_notice_get_publish_on (notice));
  /* Translators: a notice's kind, then its publish day */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), mdg_notice_kind_get_label (mdg_notice_get_kind (notice)),
                                               day);
  g_autofree char *name = g_strdup_printf ("notice-%" G_GINT64_FORMAT, mdg_notice_get_id (notice));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mdg_notice_get_title (notice));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (row, name);
  g_object_set_data (G_OBJECT (row), "mdg-notice-id", GSIZE_TO_POINTER (mdg_notice_get_id (notice)));
  return row;
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MdgNoticesView) self = user_data;
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint shown = 0;

  notices = mdg_notice_store_list_finish (MDG_DATABASE (source), result, &error);
  if (notices == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  g_clear_object (&self->cancellable);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < notices->len; i++)
    {
      MdgNotice *notice = g_ptr_array_index (notices, i);

      /* A notice deleted a moment ago stays away while its Undo is offered. */
      if (mdg_undo_deletions_contains (self->deletions, mdg_notice_get_id (notice)))
        continue;
      gtk_list_box_append (self->list, notice_row_new (notice));
      shown++;
    }
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "editor"))
    gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
}

static void
reload (MdgNoticesView *self)
{
  mdg_notice_store_list_async (self->database, NULL, MDG_NOTICE_KIND_ANY, _mdg_cancellable_renew (&self->cancellable),
                               listed_cb, g_object_ref (self));
}

/**
 * mdg_notices_view_show_list:
 * @self: a #MdgNoticesView
 *
 * Leaves the editor (unsaved changes are dropped) and shows the notices, read again.
 */
void
mdg_notices_view_show_list (MdgNoticesView *self)
{
  g_return_if_fail (MDG_IS_NOTICES_VIEW (self));

  g_clear_object (&self->editing);
  gtk_stack_set_visible_child_name (self->stack, gtk_widget_get_first_child (GTK_WIDGET (self->list)) ? "list" : "empty");
  reload (self);
}

/* ---- The editor ---- */

static void
remove_item_cb (GtkButton      *button,
                MdgNoticesView *self)
{
  MdgFeedItem *item = g_object_get_data (G_OBJECT (button), "mdg-item");
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  g_ptr_array_remove (self->editing_items, item);
  gtk_list_box_remove (self->items_list, row);
  gtk_widget_set_visible (self->items_group, self->editing_items->len > 0);
}

static void
show_items (MdgNoticesView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->items_list))) != NULL)
    gtk_list_box_remove (self->items_list, child);
  for (guint i = 0; i < self->editing_items->len; i++)
    {
      MdgFeedItem *item = g_ptr_array_index (self->editing_items, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *name = g_strdup_printf ("notice-item-remove-%" G_GINT64_FORMAT, mdg_feed_item_get_id (item));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mdg_feed_item_get_title (item));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), mdg_feed_item_get_source_name (item));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_name (remove, name);
      gtk_widget_set_tooltip_text (remove, _("No longer cite this item"));
      g_object_set_data_full (G_OBJECT (remove), "mdg-item", g_object_ref (item), g_object_unref);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_item_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->items_list, row);
    }
  gtk_widget_set_visible (self->items_group, self->editing_items->len > 0);
}

/* Shows @notice (owned by the editor from now on) and the items it cites. */
static void
edit (MdgNoticesView *self,
      MdgNotice      *notice,
      GPtrArray      *items)
{
  g_autofree char *day = NULL;

  g_set_object (&self->editing, notice);
  g_ptr_array_set_size (self->editing_items, 0);
  for (guint i = 0; items != NULL && i < items->len; i++)
    g_ptr_array_add (self->editing_items, g_object_ref (g_ptr_array_index (items, i)));

  g_object_set (self, "kind", mdg_notice_kind_to_string (mdg_notice_get_kind (notice)), NULL);
  gtk_editable_set_text (self->title_row, mdg_notice_get_title (notice) ? mdg_notice_get_title (notice) : "");
  if (mdg_notice_get_publish_on (notice) != NULL)
    day = g_date_time_format (mdg_notice_get_publish_on (notice), "%Y-%m-%d");
  gtk_editable_set_text (self->date_row, day ? day : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            mdg_notice_get_body (notice) ? mdg_notice_get_body (notice) : "", -1);
  show_items (self);
  gtk_widget_set_visible (self->delete_button, mdg_notice_get_id (notice) > 0);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

/* A notice and its items, read in a worker. */
typedef struct
{
  gint64     id;
  MdgNotice *notice;
  GPtrArray *items;
} LoadWork;

static void
load_work_free (LoadWork *work)
{
  g_clear_object (&work->notice);
  g_clear_pointer (&work->items, g_ptr_array_unref);
  g_free (work);
}

static gboolean
load_work_run (MdgDatabase  *connection,
               gpointer      data,
               GError      **error)
{
  LoadWork *work = data;

  return (work->notice = mdg_notice_store_load (connection, work->id, error)) != NULL &&
         (work->items = mdg_notice_store_list_items (connection, work->id, error)) != NULL;
}

static void
load_work_done (GtkWidget *widget,
                gpointer   data)
{
  LoadWork *work = data;

  edit (MDG_NOTICES_VIEW (widget), work->notice, work->items);
}

static void
open_notice (MdgNoticesView *self,
             gint64          id)
{
  LoadWork *work = g_new0 (LoadWork, 1);

  work->id = id;
  _mdg_work_async (GTK_WIDGET (self), self->database, load_work_run, work, (GDestroyNotify) load_work_free,
                   load_work_done, FALSE);
}

/**
 * mdg_notices_view_new_from_item:
 * @self: a #MdgNoticesView
 * @item: (nullable): a threat item the new notice cites
 *
 * Opens the editor on a new notice, published today: a 脅威情報 citing @item, with its
 * title and summary to start from, or an empty お知らせ.
 */
void
mdg_notices_view_new_from_item (MdgNoticesView *self,
                                MdgFeedItem    *item)
{
  g_autoptr(MdgNotice) notice = mdg_notice_new ();
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_return_if_fail (MDG_IS_NOTICES_VIEW (self));

  mdg_notice_set_publish_on (notice, today);
  if (item != NULL)
    {
      g_autoptr(GString) body = g_string_new (mdg_feed_item_get_summary (item));

      mdg_notice_set_kind (notice, MDG_NOTICE_KIND_THREAT);
      mdg_notice_set_title (notice, mdg_feed_item_get_title (item));
      if (mdg_feed_item_get_link (item) != NULL)
        g_string_append_printf (body, "%s%s", body->len > 0 ? "\n\n" : "", mdg_feed_item_get_link (item));
      mdg_notice_set_body (notice, body->str);
      g_ptr_array_add (items, item);
    }
  edit (self, notice, items);
}

/* A notice saved in a worker. */
typedef struct
{
  MdgNotice *notice;
} SaveWork;

static void
save_work_free (SaveWork *work)
{
  g_clear_object (&work->notice);
  g_free (work);
}

static gboolean
save_work_run (MdgDatabase  *connection,
               gpointer      data,
               GError      **error)
{
  return mdg_notice_store_save (connection, ((SaveWork *) data)->notice, error);
}

static void
save_work_done (GtkWidget *widget,
                gpointer   data)
{
  MdgNoticesView *self = MDG_NOTICES_VIEW (widget);
  SaveWork *work = data;
  /* Translators: a notice's title */
  g_autofree char *message = g_strdup_printf (_("Saved “%s”"), mdg_notice_get_title (work->notice));

  _mdg_toast (widget, message);
  mdg_notices_view_show_list (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgNoticesView *self = MDG_NOTICES_VIEW (widget);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *body = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;
  MdgNoticeKind kind = MDG_NOTICE_KIND_NEWS;
  MdgNotice *notice;
  GArray *ids;
  SaveWork *work;

  if (self->editing == NULL)
    return;
  date = g_strstrip (g_strdup (gtk_editable_get_text (self->date_row)));
  if (!parse_day (date, &day, &error))
    {
      _mdg_toast_error (widget, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return;
    }
  title = g_strstrip (g_strdup (gtk_editable_get_text (self->title_row)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  mdg_notice_kind_from_string (self->kind, &kind);

  /* The worker saves its own copy: the editor's stays as it was if the save fails. */
  notice = mdg_notice_new ();
  _mdg_notice_set_identity (notice, mdg_notice_get_id (self->editing), mdg_notice_get_uuid (self->editing),
                            mdg_notice_get_updated_at (self->editing));
  mdg_notice_set_kind (notice, kind);
  mdg_notice_set_title (notice, title);
  mdg_notice_set_body (notice, body);
  mdg_notice_set_publish_on (notice, day);
  ids = mdg_notice_get_item_ids (notice);
  for (guint i = 0; i < self->editing_items->len; i++)
    {
      gint64 id = mdg_feed_item_get_id (g_ptr_array_index (self->editing_items, i));

      g_array_append_val (ids, id);
    }
  if (!mdg_notice_validate (notice, &error))
    {
      _mdg_toast_error (widget, error);
      g_object_unref (notice);
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      return;
    }
  work = g_new0 (SaveWork, 1);
  work->notice = notice;
  _mdg_work_async (widget, self->database, save_work_run, work, (GDestroyNotify) save_work_free, save_work_done,
                   TRUE);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  mdg_notices_view_new_from_item (MDG_NOTICES_VIEW (widget), NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mdg_notices_view_show_list (MDG_NOTICES_VIEW (widget));
}

/* ---- Delete with Undo ---- */

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgNoticesView *self = MDG_NOTICES_VIEW (widget);
  g_autofree char *message = NULL;
  gint64 id;

  if (self->editing == NULL || (id = mdg_notice_get_id (self->editing)) <= 0)
    return;
  /* Translators: a notice's title */
  message = g_strdup_printf (_("“%s” was deleted"), mdg_notice_get_title (self->editing));
  g_array_append_val (self->deleted, id);
  mdg_undo_deletions_add (self->deletions, id, message, 5);
  mdg_notices_view_show_list (self);
}

static void
forget_deleted (MdgNoticesView *self,
                gint64          id)
{
  for (guint i = 0; i < self->deleted->len; i++)
    if (g_array_index (self->deleted, gint64, i) == id)
      {
        g_array_remove_index (self->deleted, i);
        return;
      }
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgNoticesView *self = MDG_NOTICES_VIEW (widget);
  gint64 id = mdg_undo_deletions_undo_last (self->deletions);

  if (id != 0)
    {
      forget_deleted (self, id);
      reload (self);
    }
}

/* ---- Publishing ---- */

typedef struct
{
  char   *folder;
  GArray *deleted;
} PublishWork;

static void
publish_work_free (PublishWork *work)
{
  g_free (work->folder);
  g_clear_pointer (&work->deleted, g_array_unref);
  g_free (work);
}

static gboolean
publish_work_run (MdgDatabase  *connection,
                  gpointer      data,
                  GError      **error)
{
  PublishWork *work = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* Notices deleted a moment ago go for good before the site is written: a deleted
   * notice must never reach the portal, even while its Undo was still offered. */
  for (guint i = 0; i < work->deleted->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!mdg_notice_store_delete (connection, g_array_index (work->deleted, gint64, i), &local_error) &&
          !g_error_matches (local_error, MDG_ERROR, MDG_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  /* Links stay relative: the folder works wherever the portal puts it. */
  return mdg_site_export (connection, work->folder, NULL, now, error);
}

static void
publish_work_done (GtkWidget *widget,
                   gpointer   data)
{
  PublishWork *work = data;
  g_autofree char *name = g_filename_display_basename (work->folder);
  /* Translators: a folder's name */
  g_autofree char *message = g_strdup_printf (_("Published to “%s”"), name);
  g_autoptr(GFile) file = g_file_new_for_path (work->folder);
  g_autofree char *uri = g_file_get_uri (file);
  AdwToast *toast = _mdg_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_set_button_label (toast, _("_Open Folder"));
  adw_toast_set_action_name (toast, "notices.open-folder");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  _mdg_add_toast (widget, toast);
}

static void
publish_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     MdgNoticesView  *self)
{
  g_autoptr(GFile) folder = NULL;
  PublishWork *work;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (folder == NULL || g_file_peek_path (folder) == NULL)
    return;

  work = g_new0 (PublishWork, 1);
  work->folder = g_file_get_path (folder);
  work->deleted = g_array_copy (self->deleted);
  g_array_set_size (self->deleted, 0);
  mdg_undo_deletions_commit_all (self->deletions);
  _mdg_work_async (GTK_WIDGET (self), self->database, publish_work_run, work, (GDestroyNotify) publish_work_free,
                   publish_work_done, TRUE);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdgNoticesView *self = MDG_NOTICES_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  chooser = gtk_file_chooser_native_new (_("Publish Site"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Publish"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), file, NULL);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (publish_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, g_variant_get_string (parameter, NULL),
                GDK_CURRENT_TIME);
}

/* ---- Building ---- */

static GtkWidget *
button_new (const char *name,
            const char *label,
            const char *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static GtkWidget *
clamped (GtkWidget *child)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_set_margin_top (clamp, 18);
  gtk_widget_set_margin_bottom (clamp, 18);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), child);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

static GtkWidget *
build_list (MdgNoticesView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *new_button = button_new ("notices-new", _("_New Notice"), "notices.new");
  GtkWidget *publish = button_new ("notices-publish", _("_Publish Site…"), "notices.publish");
  GtkWidget *group = adw_preferences_group_new ();

  gtk_widget_add_css_class (new_button, "suggested-action");
  gtk_widget_set_tooltip_text (publish, _("Write the portal’s pages (an index per kind, a page per notice and FAQ "
                                          "entry, an Atom feed) into a folder"));
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_box_append (GTK_BOX (buttons), new_button);
  gtk_box_append (GTK_BOX (buttons), publish);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Notices"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("お知らせ, トピックス and 脅威情報 for the desk’s portal, newest first"));
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->list), "notices-list");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_box_append (GTK_BOX (box), group);
  return clamped (box);
}

static GtkWidget *
build_empty (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *new_button = button_new ("notices-new-empty", _("_New Notice"), "notices.new");

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "mail-send-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Notices Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Write the お知らせ, トピックス and 脅威情報 of the desk’s portal here, "
                                     "then publish them as a folder of static pages."));
  gtk_widget_add_css_class (new_button, "suggested-action");
  gtk_widget_add_css_class (new_button, "pill");
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), new_button);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), buttons);
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), status);
  return box;
}

static GtkWidget *
build_editor (MdgNoticesView *self)
{
  static const char *const kind_names[] = { "notice-kind-news", "notice-kind-topic", "notice-kind-threat" };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *kind_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *fields = adw_preferences_group_new ();
  GtkWidget *date_group = adw_preferences_group_new ();
  GtkWidget *body_group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *save = button_new ("notice-save", _("_Save"), "notices.save");
  GtkWidget *back = button_new ("notice-cancel", _("_Cancel"), "notices.back");
  GtkWidget *title, *date;

  /* Not homogeneous: three buttons as wide as "Threat information" would widen the
   * detail pane past its share of an 1100-pixel window, and fold the section. */
  gtk_widget_add_css_class (kind_box, "linked");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (mdg_notice_kind_get_label (kinds[i]));

      gtk_widget_set_name (toggle, kind_names[i]);
      gtk_widget_set_hexpand (toggle, TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), "notices.kind");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (toggle), "s", mdg_notice_kind_to_string (kinds[i]));
      gtk_box_append (GTK_BOX (kind_box), toggle);
      self->kind_buttons[i] = toggle;
    }

  title = adw_entry_row_new ();
  gtk_widget_set_name (title, "notice-title");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title), C_("notice", "Title"));
  self->title_row = GTK_EDITABLE (title);
  date = adw_entry_row_new ();
  gtk_widget_set_name (date, "notice-date");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date), _("Publish On"));
  /* The day's format said just above its row. */
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (date_group),
                                         _("Write the publish day as 2026-12-02; leave it empty to keep a draft."));
  self->date_row = GTK_EDITABLE (date);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (fields), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (date_group), date);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (body_group), C_("notice", "Body"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (body_group),
                                         _("Plain text: a blank line starts a paragraph, “## ” a heading, “- ” a list item"));
  self->body_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_widget_set_name (GTK_WIDGET (self->body_view), "notice-body");
  gtk_text_view_set_wrap_mode (self->body_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->body_view, 8);
  gtk_text_view_set_bottom_margin (self->body_view, 8);
  gtk_text_view_set_left_margin (self->body_view, 8);
  gtk_text_view_set_right_margin (self->body_view, 8);
  gtk_widget_set_size_request (GTK_WIDGET (self->body_view), -1, 180);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->body_view));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (body_group), frame);

  self->items_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->items_group), _("Threat Items Cited"));
  self->items_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->items_list), "notice-items");
  gtk_list_box_set_selection_mode (self->items_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->items_list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->items_group), GTK_WIDGET (self->items_list));

  self->delete_button = button_new ("notice-delete", _("_Delete"), "notices.delete");
  gtk_widget_add_css_class (self->delete_button, "destructive-action");
  gtk_widget_set_hexpand (self->delete_button, TRUE);
  gtk_widget_set_halign (self->delete_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), self->delete_button);
  gtk_box_append (GTK_BOX (buttons), back);
  gtk_box_append (GTK_BOX (buttons), save);

  gtk_box_append (GTK_BOX (box), kind_box);
  gtk_box_append (GTK_BOX (box), fields);
  gtk_box_append (GTK_BOX (box), date_group);
  gtk_box_append (GTK_BOX (box), body_group);
  gtk_box_append (GTK_BOX (box), self->items_group);
  gtk_box_append (GTK_BOX (box), buttons);
  return clamped (box);
}

/* ---- GObject ---- */

static void
mdg_notices_view_dispose (GObject *object)
{
  MdgNoticesView *self = MDG_NOTICES_VIEW (object);

  /* Deleted notices go for good when the view goes. */
  if (self->deletions != NULL)
    mdg_undo_deletions_commit_all (self->deletions);
  g_clear_object (&self->deletions);
  _mdg_cancellable_clear (&self->cancellable);
  g_clear_object (&self->editing);
  g_clear_pointer (&self->overlay, gtk_widget_unparent);

  G_OBJECT_CLASS (mdg_notices_view_parent_class)->dispose (object);
}

static void
mdg_notices_view_finalize (GObject *object)
{
  MdgNoticesView *self = MDG_NOTICES_VIEW (object);

  g_clear_object (&self->database);
  g_clear_pointer (&self->editing_items, g_ptr_array_unref);
  g_clear_pointer (&self->deleted, g_array_unref);
  g_free (self->kind);

  G_OBJECT_CLASS (mdg_notices_view_parent_class)->finalize (object);
}

static void
mdg_notices_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MdgNoticesView *self = MDG_NOTICES_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_notices_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MdgNoticesView *self = MDG_NOTICES_VIEW (object);
  MdgNoticeKind kind = MDG_NOTICE_KIND_NEWS;

  switch (prop_id)
    {
    case PROP_KIND:
      mdg_notice_kind_from_string (g_value_get_string (value), &kind);
      if (g_strcmp0 (self->kind, mdg_notice_kind_to_string (kind)) == 0)
        return;
      g_free (self->kind);
      self->kind = g_strdup (mdg_notice_kind_to_string (kind));
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_notices_view_class_init (MdgNoticesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_notices_view_dispose;
  object_class->finalize = mdg_notices_view_finalize;
  object_class->get_property = mdg_notices_view_get_property;
  object_class->set_property = mdg_notices_view_set_property;

  /* The kind the editor gives the notice, as mdg_notice_kind_to_string() names it. */
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "news",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_property_action (widget_class, "notices.kind", "kind");
  gtk_widget_class_install_action (widget_class, "notices.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "notices.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "notices.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "notices.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "notices.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "notices.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "notices.open-folder", "s", open_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "notices.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "notices.undo-delete", NULL);
}

static void
mdg_notices_view_init (MdgNoticesView *self)
{
  self->kind = g_strdup ("news");
  self->editing_items = g_ptr_array_new_with_free_func (g_object_unref);
  self->deleted = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->overlay = adw_toast_overlay_new ();
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_name (GTK_WIDGET (self->stack), "notices-stack");
  gtk_stack_add_named (self->stack, build_empty (), "empty");
  gtk_stack_add_named (self->stack, build_list (self), "list");
  gtk_stack_add_named (self->stack, build_editor (self), "editor");
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->overlay), GTK_WIDGET (self->stack));
}

/**
 * mdg_notices_view_new:
 * @database: the desk's database
 *
 * Returns: (transfer floating): the notices of the portal, listed, edited and published
 */
GtkWidget *
mdg_notices_view_new (MdgDatabase *database)
{
  MdgNoticesView *self;

  g_return_val_if_fail (MDG_IS_DATABASE (database), NULL);

  self = g_object_new (MDG_TYPE_NOTICES_VIEW, NULL);
  self->database = g_object_ref (database);
  self->deletions = mdg_undo_deletions_new (GTK_WIDGET (self), database, mdg_notice_store_delete_async,
                                            mdg_notice_store_delete_finish, "notices.undo-delete");
  reload (self);
  return GTK_WIDGET (self);
}
