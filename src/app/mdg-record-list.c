/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-record-list"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-editor-util.h"
#include "mdg-record-list.h"

/* A search shows at most this many records: narrowing it is quicker than scrolling. */
#define LIST_LIMIT 500

/* The owner's properties, installed by _mdg_record_list_class_init (). */
enum {
  PROP_0,
  PROP_DATABASE,
  PROP_NARROW,
  PROP_EDITING,
  N_PROPS
};

static GQuark kind_quark;

/* The list an owner embeds, where its kind says. */
static MdgRecordList *
list_of (gpointer owner)
{
  const MdgRecordListKind *kind = g_type_get_qdata (G_OBJECT_TYPE (owner), kind_quark);

  return G_STRUCT_MEMBER_P (owner, kind->offset);
}

/* The list, or why it is empty: nothing yet, or nothing that matches the search. On
 * every change of the list, so that deleting the last match says so. */
static void
update_list_stack (GtkWidget *owner)
{
  MdgRecordList *list = list_of (owner);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (list->search_entry));
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (list->store)) > 0;

  gtk_stack_set_visible_child_name (list->list_stack, any ? "list" : *query ? "no-results" : "empty");
}

/* One load in flight: the kind is read before the list, which may be gone when cancelled. */
typedef struct
{
  const MdgRecordListKind *kind;
  MdgRecordList           *list;
} Load;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;
  const MdgRecordListKind *kind = load->kind;
  MdgRecordList *list = load->list;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = kind->list_finish (MDG_DATABASE (source), result, &error);
  gint64 keep;
  guint position;

  g_free (load);
  /* Cancelled (a newer search, or the pane is gone): @list may be freed already. */
  if (items == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (items == NULL)
    {
      _mdg_toast_error (list->owner, error);
      return;
    }

  if (kind->filter != NULL)
    kind->filter (list->owner, items);

  keep = list->select_after_load ? list->select_after_load : (list->selected ? kind->get_id (list->selected) : 0);
  list->select_after_load = 0;
  g_list_store_splice (list->store, 0, g_list_model_get_n_items (G_LIST_MODEL (list->store)), items->pdata,
                       items->len);
  update_list_stack (list->owner);
  /* A long list stops at its first LIST_LIMIT: say so, or it looks like all there is. */
  gtk_widget_set_visible (GTK_WIDGET (list->limit_label), items->len >= LIST_LIMIT);

  position = keep ? _mdg_record_list_position_of (list, keep) : GTK_INVALID_LIST_POSITION;
  if (list->editing)
    return; /* what is typed in the form stays */
  if (position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list->store), position);

      gtk_single_selection_set_selected (list->selection, position);
      kind->show_record (list->owner, item);
    }
  else if (keep == 0 || list->selected == NULL || kind->get_id (list->selected) != keep)
    kind->show_record (list->owner, NULL);
}

static void
get_property (GObject    *object,
              guint       prop_id,
              GValue     *value,
              GParamSpec *pspec)
{
  MdgRecordList *list = list_of (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, list->database);
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, list->narrow);
      break;
    case PROP_EDITING:
      g_value_set_boolean (value, list->editing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_property (GObject      *object,
              guint         prop_id,
              const GValue *value,
              GParamSpec   *pspec)
{
  MdgRecordList *list = list_of (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      if (g_set_object (&list->database, g_value_get_object (value)) && list->kind->database_changed != NULL)
        list->kind->database_changed (list->owner);
      break;
    case PROP_NARROW:
      if (list->narrow != g_value_get_boolean (value))
        {
          list->narrow = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Registrations, imports and the other pane add records elsewhere: the list is read
 * again each time it shows. */
static void
map (GtkWidget *widget)
{
  GtkWidgetClass *parent_class = g_type_class_peek_parent (GTK_WIDGET_GET_CLASS (widget));

  parent_class->map (widget);
  _mdg_record_list_reload (list_of (widget));
}

/* The template callbacks the owner's .ui names. */
static void
search_changed_cb (GtkWidget *owner)
{
  _mdg_record_list_reload (list_of (owner));
}

/* Enter in the search entry: the first record found. */
static void
search_activate_cb (GtkWidget *owner)
{
  MdgRecordList *list = list_of (owner);

  if (g_list_model_get_n_items (G_LIST_MODEL (list->store)) > 0)
    {
      gtk_single_selection_set_selected (list->selection, 0);
      _mdg_record_list_show_detail (list);
    }
}

/* A record picked in the list shows, unless a form is being filled in. */
static void
selection_changed_cb (GtkWidget *owner)
{
  MdgRecordList *list = list_of (owner);
  gpointer item = gtk_single_selection_get_selected_item (list->selection);

  if (item != NULL && item != list->selected && !list->editing)
    list->kind->show_record (list->owner, item);
}

static void
row_activated_cb (GtkWidget *owner,
                  guint      position)
{
  _mdg_record_list_show_detail (list_of (owner));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _mdg_record_list_show_list (list_of (widget));
}

/* The form is left: the record shown before shows again (or none). */
static void
cancel_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgRecordList *list = list_of (widget);
  g_autoptr(GObject) shown = list->selected ? g_object_ref (list->selected) : NULL;

  list->kind->show_record (list->owner, shown);
}

/* For the owner's class_init, after its template is set: binds the template children
 * and callbacks the list uses, installs the owner's "database", "narrow" and "editing"
 * properties (the owner has no others), its map, which reloads the list, and its
 * show-list and cancel-edit actions. */
void
_mdg_record_list_class_init (GtkWidgetClass          *widget_class,
                             const MdgRecordListKind *kind)
{
  GObjectClass *object_class = G_OBJECT_CLASS (widget_class);
  GParamSpec *properties[N_PROPS] = { NULL, };

  if (kind_quark == 0)
    kind_quark = g_quark_from_static_string ("mdg-record-list-kind");
  g_type_set_qdata (G_OBJECT_CLASS_TYPE (object_class), kind_quark, (gpointer) kind);
  object_class->get_property = get_property;
  object_class->set_property = set_property;
  widget_class->map = map;

#define BIND(name) \
  gtk_widget_class_bind_template_child_full (widget_class, #name, FALSE, \
                                             kind->offset + G_STRUCT_OFFSET (MdgRecordList, name))
  BIND (leaflet);
  BIND (grid_view);
  BIND (list_pane);
  BIND (detail_pane);
  BIND (search_entry);
  BIND (list_stack);
  BIND (limit_label);
  BIND (selection);
  BIND (back_button);
  BIND (error_revealer);
  BIND (error_label);
  BIND (detail_title);
  BIND (detail_stack);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, MDG_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, kind->show_list_action, NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, kind->cancel_edit_action, NULL, cancel_edit_action);
}

/* For the owner's init, after its template is initialised; the owner's actions are
 * updated once here, and again whenever the leaflet folds or unfolds. */
void
_mdg_record_list_init (MdgRecordList *list,
                       GtkWidget     *owner)
{
  list->owner = owner;
  list->kind = g_type_get_qdata (G_OBJECT_TYPE (owner), kind_quark);
  g_assert (list->kind != NULL && list == list_of (owner));
  list->editing_pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (owner), "editing");
  list->store = g_list_store_new (list->kind->item_type ());
  gtk_single_selection_set_model (list->selection, G_LIST_MODEL (list->store));
  g_signal_connect_object (list->store, "items-changed", G_CALLBACK (update_list_stack), owner, G_CONNECT_SWAPPED);
  _mdg_record_grid_init (list->grid_view);
  {
    g_autofree char *limit = g_strdup_printf (ngettext ("Showing the first %u. Search to find the others.",
                                                        "Showing the first %u. Search to find the others.",
                                                        LIST_LIMIT),
                                              LIST_LIMIT);

    gtk_label_set_text (list->limit_label, limit);
  }
  _mdg_list_open_on_click (GTK_WIDGET (list->grid_view), list->leaflet);
  g_signal_connect_object (list->leaflet, "notify::folded", G_CALLBACK (list->kind->update_actions), owner,
                           G_CONNECT_SWAPPED);
  list->kind->update_actions (owner);
}

/* For the owner's dispose, before its template is disposed. */
void
_mdg_record_list_dispose (MdgRecordList *list)
{
  _mdg_cancellable_clear (&list->cancellable);
  _mdg_cancellable_clear (&list->detail_cancellable);
  if (list->detail_list != NULL)
    gtk_list_box_bind_model (list->detail_list, NULL, NULL, NULL, NULL);
  list->detail_list = NULL;
  g_clear_object (&list->database);
  g_clear_object (&list->store);
  g_clear_object (&list->selected);
}

/* The detail's own list (a person's seminars, an organization's people), with a line
 * that says when it is empty. */
void
_mdg_record_list_bind_detail (MdgRecordList              *list,
                              GtkListBox                 *box,
                              GListModel                 *model,
                              GtkListBoxCreateWidgetFunc  create_row,
                              const char                 *placeholder)
{
  GtkWidget *label = gtk_label_new (placeholder);

  list->detail_list = box;
  gtk_list_box_bind_model (box, model, create_row, NULL, NULL);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_set_placeholder (box, label);
}

/* Reads the list again for what the search entry holds, in a worker; a load still
 * running is cancelled. */
void
_mdg_record_list_reload (MdgRecordList *list)
{
  g_autofree char *query = NULL;
  Load *load = g_new (Load, 1);

  query = _mdg_editor_dup_text (GTK_EDITABLE (list->search_entry));
  load->kind = list->kind;
  load->list = list;
  list->kind->list_async (list->database, query, LIST_LIMIT, _mdg_cancellable_renew (&list->cancellable), loaded_cb,
                          load);
}

/* The start of the owner's show_record: the detail of the record shown before stops
 * loading, @item (or none) becomes the one shown, and editing ends. */
void
_mdg_record_list_select (MdgRecordList *list,
                         gpointer       item)
{
  _mdg_cancellable_clear (&list->detail_cancellable);
  g_set_object (&list->selected, item);
  _mdg_record_list_set_editing (list, FALSE);
}

/* No record shown. */
void
_mdg_record_list_show_empty (MdgRecordList *list)
{
  gtk_stack_set_visible_child_name (list->detail_stack, "empty");
  adw_window_title_set_title (list->detail_title, "");
  adw_window_title_set_subtitle (list->detail_title, "");
}

/* Returns: (transfer none): for loading the detail of the record shown; cancelled when
 * another one shows or the owner goes. */
GCancellable *
_mdg_record_list_detail_cancellable (MdgRecordList *list)
{
  g_clear_object (&list->detail_cancellable);
  list->detail_cancellable = g_cancellable_new ();
  return list->detail_cancellable;
}

/* The record saved shows at once, and stays selected once the list is read again; a
 * refusal shows in the form, still filled in. */
static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GtkWidget) owner = _mdg_write_watch_finish (user_data);
  g_autoptr(GError) error = NULL;
  MdgRecordList *list;
  g_autoptr(GObject) saved = NULL;

  if (owner == NULL)
    return; /* saved (or not); the pane has gone meanwhile, and its task frees what it read */
  list = list_of (owner);
  saved = list->kind->save_finish (MDG_DATABASE (source), result, &error);
  gtk_widget_action_set_enabled (owner, list->kind->save_action, TRUE);
  if (saved == NULL)
    {
      _mdg_record_list_show_error (list, error->message);
      return;
    }
  _mdg_toast (owner, _("Saved"));
  g_clear_object (&list->selected);
  list->select_after_load = list->kind->get_id (saved);
  list->kind->show_record (list->owner, saved);
  _mdg_record_list_reload (list);
}

/* Writes @edited (a new record, or a copy of the one shown) in a worker; Save is off
 * until it is done. */
void
_mdg_record_list_save (MdgRecordList *list,
                       gpointer       edited)
{
  gtk_widget_action_set_enabled (list->owner, list->kind->save_action, FALSE);
  list->kind->save_async (list->database, edited, NULL, saved_cb, _mdg_write_watch_new (list->owner));
}

guint
_mdg_record_list_position_of (MdgRecordList *list,
                              gint64         id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list->store), i);

      if (list->kind->get_id (item) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

void
_mdg_record_list_set_editing (MdgRecordList *list,
                              gboolean       editing)
{
  if (list->editing != editing)
    {
      list->editing = editing;
      g_object_notify_by_pspec (G_OBJECT (list->owner), list->editing_pspec);
    }
  _mdg_record_list_show_error (list, NULL);
}

/* The form's error line; %NULL hides it. */
void
_mdg_record_list_show_error (MdgRecordList *list,
                             const char    *message)
{
  _mdg_editor_show_error (list->error_revealer, list->error_label, message);
}

void
_mdg_record_list_update_back_button (MdgRecordList *list)
{
  gtk_widget_set_visible (list->back_button, !list->editing && adw_leaflet_get_folded (list->leaflet));
}

void
_mdg_record_list_show_list (MdgRecordList *list)
{
  adw_leaflet_set_visible_child (list->leaflet, list->list_pane);
}

void
_mdg_record_list_show_detail (MdgRecordList *list)
{
  adw_leaflet_set_visible_child (list->leaflet, list->detail_pane);
}

/* Shows the record @id, found by clearing the search when it hides it. */
void
_mdg_record_list_show_id (MdgRecordList *list,
                          gint64         id)
{
  list->select_after_load = id;
  if (*gtk_editable_get_text (GTK_EDITABLE (list->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (list->search_entry), ""); /* reloads */
  else
    _mdg_record_list_reload (list);
  _mdg_record_list_show_detail (list);
}

void
_mdg_record_list_focus_search (MdgRecordList *list)
{
  _mdg_record_list_show_list (list);
  gtk_widget_grab_focus (GTK_WIDGET (list->search_entry));
}

guint
_mdg_record_list_get_n_items (MdgRecordList *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list->store));
}
