/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-faq-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-consultation-store.h"
#include "mdg-date.h"
#include "mdg-desk.h"
#include "mdg-document-output.h"
#include "mdg-faq-document.h"
#include "mdg-faq-page.h"
#include "mdg-faq-store.h"
#include "mdg-site-export.h"
#include "mdg-store-async.h"
#include "mdg-undo-deletions.h"

/*
 * The FAQ: the answers the desk gives again and again, classified by the guidebook's
 * sections and by threat type. A list searched as you type (the core's full-text
 * search, in a worker), an editor beside it saved in a worker, and the published
 * entries exported for the portal as a PDF grouped by guidebook chapter or as one
 * static HTML page.
 */

struct _MdgFaqPage
{
  MdgSection          parent_instance;

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
  GtkStack           *detail_stack;
  AdwEntryRow        *question_entry;
  GtkSwitch          *published_switch;
  GtkTextView        *answer_view;
  GtkFlowBox         *category_box;
  GtkDropDown        *category_dropdown;
  GtkLabel           *updated_label;
  GtkWidget          *consultations_group;
  GtkListBox         *consultation_list;

  /* owned */
  GListStore         *entries;
  MdgFaqEntry        *editing;           /* the entry in the editor; a new one has id 0 */
  GPtrArray          *categories;        /* MdgFaqCategory, as the dropdown offers them */
  GPtrArray          *chosen;            /* MdgFaqCategory of the entry being edited */
  GCancellable       *cancellable;
  char               *query;
  gint64              select_after_load;
  MdgUndoDeletions   *deletions;
};

G_DEFINE_FINAL_TYPE (MdgFaqPage, mdg_faq_page, MDG_TYPE_SECTION)

static void reload_entries (MdgFaqPage *self);

/* ---- The list ---- */

static char *
describe_entry (MdgFaqEntry *entry)
{
  GPtrArray *categories = mdg_faq_entry_get_categories (entry);
  g_autoptr(GString) text = g_string_new (mdg_faq_entry_get_published (entry) ? _("Published") : _("Draft"));

  for (guint i = 0; categories != NULL && i < categories->len; i++)
    g_string_append_printf (text, " · %s", mdg_faq_category_get_name (g_ptr_array_index (categories, i)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, _mdg_list_row_new (_mdg_list_row_title_new ()));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  MdgFaqEntry *entry = gtk_list_item_get_item (list_item);
  GtkWidget *question = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *meta = gtk_widget_get_next_sibling (question);
  g_autofree char *description = describe_entry (entry);

  gtk_label_set_text (GTK_LABEL (question), mdg_faq_entry_get_question (entry));
  gtk_label_set_text (GTK_LABEL (meta), description);
}

static void
entries_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MdgFaqPage) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 keep = self->select_after_load;

  entries = mdg_faq_store_list_finish (MDG_DATABASE (source), result, &error);
  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  g_clear_object (&self->cancellable);

  if (keep == 0 && self->editing != NULL)
    keep = mdg_faq_entry_get_id (self->editing);
  self->select_after_load = 0;
  /* An entry deleted a moment ago stays away while its Undo is offered. */
  for (guint i = entries->len; i > 0; i--)
    if (mdg_undo_deletions_contains (self->deletions, mdg_faq_entry_get_id (g_ptr_array_index (entries, i - 1))))
      g_ptr_array_remove_index (entries, i - 1);
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)), entries->pdata,
                       entries->len);
  gtk_stack_set_visible_child_name (self->list_stack, entries->len > 0 ? "list"
                                                      : self->query && *self->query ? "no-results" : "empty");
  for (guint i = 0; keep > 0 && i < entries->len; i++)
    if (mdg_faq_entry_get_id (g_ptr_array_index (entries, i)) == keep)
      {
        gtk_single_selection_set_selected (self->selection, i);
        return;
      }
}

static void
reload_entries (MdgFaqPage *self)
{
  mdg_faq_store_list_async (mdg_section_get_database (MDG_SECTION (self)), self->query, FALSE,
                            _mdg_cancellable_renew (&self->cancellable), entries_loaded_cb, g_object_ref (self));
}

static void
search_changed_cb (MdgFaqPage     *self,
                   GtkSearchEntry *entry)
{
  g_free (self->query);
  self->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  reload_entries (self);
}

/* ---- The editor ---- */

static void show_chosen (MdgFaqPage *self);

static void
remove_category_cb (GtkButton  *button,
                    MdgFaqPage *self)
{
  g_ptr_array_remove (self->chosen, g_object_get_data (G_OBJECT (button), "mdg-category"));
  show_chosen (self);
}

static void
show_chosen (MdgFaqPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->category_box))) != NULL)
    gtk_flow_box_remove (self->category_box, child);
  for (guint i = 0; i < self->chosen->len; i++)
    {
      MdgFaqCategory *category = g_ptr_array_index (self->chosen, i);
      g_autofree char *text = g_strdup_printf ("%s %s", category->key, mdg_faq_category_get_name (category));
      /* Translators: the tooltip of a category's button in the FAQ editor */
      g_autofree char *tooltip = g_strdup_printf (_("Remove “%s”"), mdg_faq_category_get_name (category));
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "pill");
      g_object_set_data (G_OBJECT (button), "mdg-category", category);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_category_cb), self);
      gtk_flow_box_append (self->category_box, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->category_box), self->chosen->len > 0);
}

static void
category_selected_cb (MdgFaqPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->category_dropdown);
  MdgFaqCategory *category;

  /* The first choice only says what the list is for. */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || self->categories == NULL ||
      selected > self->categories->len)
    return;
  category = g_ptr_array_index (self->categories, selected - 1);
  for (guint i = 0; i < self->chosen->len; i++)
    if (((MdgFaqCategory *) g_ptr_array_index (self->chosen, i))->id == category->id)
      category = NULL;
  if (category != NULL)
    g_ptr_array_add (self->chosen, mdg_faq_category_ref (category));
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  show_chosen (self);
}

/* The consultations an entry is linked to, read in a worker for their subjects. */
typedef struct
{
  GArray    *ids;
  GPtrArray *consultations;
} LinksWork;

static void
links_work_free (LinksWork *work)
{
  g_clear_pointer (&work->ids, g_array_unref);
  g_clear_pointer (&work->consultations, g_ptr_array_unref);
  g_free (work);
}

static gboolean
links_work_run (MdgDatabase  *connection,
                gpointer      data,
                GError      **error)
{
  LinksWork *work = data;

  return (work->consultations = _mdg_consultation_store_load_many (connection, work->ids, error)) != NULL;
}

static void
links_loaded (GtkWidget *widget,
              gpointer   data)
{
  MdgFaqPage *self = MDG_FAQ_PAGE (widget);
  LinksWork *work = data;
  GArray *ids;

  /* Another entry may be in the editor by now. */
  if (self->editing == NULL || self->consultation_list == NULL)
    return;
  ids = mdg_faq_entry_get_consultation_ids (self->editing);
  if (ids == NULL || ids->len != work->ids->len ||
      memcmp (ids->data, work->ids->data, ids->len * sizeof (gint64)) != 0 ||
      gtk_widget_get_first_child (GTK_WIDGET (self->consultation_list)) != NULL)
    return;
  for (guint i = 0; i < work->consultations->len; i++)
    {
      MdgConsultation *c = g_ptr_array_index (work->consultations, i);
      g_autofree char *date = mdg_date_format (mdg_consultation_get_received_at (c), MDG_DATE_DEFAULT);
      /* Translators: a linked consultation in the FAQ editor: when it came, and its state */
      g_autofree char *meta = g_strdup_printf (_("Received %s · %s"), date,
                                               mdg_consultation_state_get_label (mdg_consultation_get_state (c)));
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      GtkWidget *subject = gtk_label_new (mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT));
      GtkWidget *facts = gtk_label_new (meta);

      gtk_label_set_xalign (GTK_LABEL (subject), 0);
      gtk_label_set_wrap (GTK_LABEL (subject), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (subject), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (facts), 0);
      gtk_widget_add_css_class (facts, "caption");
      gtk_widget_add_css_class (facts, "dim-label");
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 9);
      gtk_widget_set_margin_bottom (box, 9);
      gtk_box_append (GTK_BOX (box), subject);
      gtk_box_append (GTK_BOX (box), facts);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->consultation_list, row);
    }
  gtk_widget_set_visible (self->consultations_group, work->consultations->len > 0);
}

static void
show_links (MdgFaqPage  *self,
            MdgFaqEntry *entry)
{
  GArray *ids = entry != NULL ? mdg_faq_entry_get_consultation_ids (entry) : NULL;
  GtkWidget *child;
  LinksWork *work;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->consultation_list))) != NULL)
    gtk_list_box_remove (self->consultation_list, child);
  gtk_widget_set_visible (self->consultations_group, FALSE);
  if (ids == NULL || ids->len == 0)
    return;

  work = g_new0 (LinksWork, 1);
  work->ids = g_array_copy (ids);
  _mdg_work_async (GTK_WIDGET (self), mdg_section_get_database (MDG_SECTION (self)), links_work_run, work,
                   (GDestroyNotify) links_work_free, links_loaded, FALSE);
}

static void
edit_entry (MdgFaqPage  *self,
            MdgFaqEntry *entry)
{
  GPtrArray *categories;

  g_set_object (&self->editing, entry);
  if (entry == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      adw_window_title_set_title (self->detail_title, "");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "faq.save", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "faq.delete", FALSE);
      show_links (self, NULL);
      return;
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "editor");
  adw_window_title_set_title (self->detail_title, mdg_faq_entry_get_id (entry) > 0 ? _("Edit Question")
                                                                                  : _("New Question"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "faq.save", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "faq.delete", mdg_faq_entry_get_id (entry) > 0);
  show_links (self, entry);
  gtk_editable_set_text (GTK_EDITABLE (self->question_entry), mdg_faq_entry_get_question (entry)
                                                               ? mdg_faq_entry_get_question (entry) : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->answer_view),
                            mdg_faq_entry_get_answer (entry) ? mdg_faq_entry_get_answer (entry) : "", -1);
  gtk_switch_set_active (self->published_switch, mdg_faq_entry_get_published (entry));

  g_ptr_array_set_size (self->chosen, 0);
  categories = mdg_faq_entry_get_categories (entry);
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    g_ptr_array_add (self->chosen, mdg_faq_category_ref (g_ptr_array_index (categories, i)));
  show_chosen (self);

  if (mdg_faq_entry_get_updated_at (entry) != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (mdg_faq_entry_get_updated_at (entry));
      g_autofree char *date = mdg_date_format (local, MDG_DATE_DEFAULT);
      /* Translators: the date an FAQ entry was last saved */
      g_autofree char *text = g_strdup_printf (_("Updated %s"), date);

      gtk_label_set_text (self->updated_label, text);
    }
  else
    gtk_label_set_text (self->updated_label, "");
}

static void
selection_changed_cb (MdgFaqPage *self)
{
  MdgFaqEntry *entry = gtk_single_selection_get_selected_item (self->selection);

  if (entry == NULL || entry == self->editing)
    return;
  /* The same entry listed again (the search changed): what is being typed stays. */
  if (self->editing != NULL && mdg_faq_entry_get_id (entry) > 0 &&
      mdg_faq_entry_get_id (entry) == mdg_faq_entry_get_id (self->editing))
    {
      g_set_object (&self->editing, entry);
      return;
    }
  edit_entry (self, entry);
  /* Folded, the arrow keys only move through the list; a click or Enter opens. */
  if (!adw_leaflet_get_folded (self->leaflet))
    _mdg_leaflet_show (self->leaflet, self->detail_pane);
}

static void
list_activated_cb (MdgFaqPage *self,
                   guint       position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (self->editing != NULL)
    _mdg_leaflet_show (self->leaflet, self->detail_pane);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  MdgFaqPage *self = MDG_FAQ_PAGE (widget);
  g_autoptr(MdgFaqEntry) entry = mdg_faq_entry_new ();

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  edit_entry (self, entry);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->question_entry));
}

/* What the editor holds, saved by a worker on its own connection. */
typedef struct
{
  gint64         id;
  char          *question;
  char          *answer;
  gboolean       published;
  GPtrArray     *categories;
} SaveWork;

static void
save_work_free (SaveWork *work)
{
  g_free (work->question);
  g_free (work->answer);
  g_clear_pointer (&work->categories, g_ptr_array_unref);
  g_free (work);
}

static gboolean
save_work_run (MdgDatabase  *connection,
               gpointer      data,
               GError      **error)
{
  SaveWork *work = data;
  g_autoptr(MdgFaqEntry) entry = NULL;

  /* The stored entry keeps what the editor does not show: its consultations, its item. */
  entry = work->id > 0 ? mdg_faq_store_load (connection, work->id, error) : mdg_faq_entry_new ();
  if (entry == NULL)
    return FALSE;
  mdg_faq_entry_set_question (entry, work->question);
  mdg_faq_entry_set_answer (entry, work->answer);
  mdg_faq_entry_set_published (entry, work->published);
  mdg_faq_entry_set_categories (entry, work->categories);
  if (!mdg_faq_store_save (connection, entry, error))
    return FALSE;
  work->id = mdg_faq_entry_get_id (entry);
  return TRUE;
}

static void
saved (GtkWidget *widget,
       gpointer   data)
{
  SaveWork *work = data;
  MdgFaqPage *self;

  self = MDG_FAQ_PAGE (widget);
  _mdg_toast (widget, _("Saved the question"));
  /* The saved entry comes back from the list, with its id and date. */
  g_clear_object (&self->editing);
  self->select_after_load = work->id;
  reload_entries (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgFaqPage *self = MDG_FAQ_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->answer_view);
  GtkTextIter start, end;
  SaveWork *work;

  if (self->editing == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  work = g_new0 (SaveWork, 1);
  work->id = mdg_faq_entry_get_id (self->editing);
  work->question = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->question_entry))));
  work->answer = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  work->published = gtk_switch_get_active (self->published_switch);
  work->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_faq_category_unref);
  for (guint i = 0; i < self->chosen->len; i++)
    g_ptr_array_add (work->categories, mdg_faq_category_ref (g_ptr_array_index (self->chosen, i)));
  _mdg_work_async (widget, mdg_section_get_database (MDG_SECTION (self)), save_work_run, work,
                   (GDestroyNotify) save_work_free, saved, TRUE);
}

static void
show_entry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MdgFaqPage *self = MDG_FAQ_PAGE (widget);

  /* Shown whatever was searched before: the search is emptied first. */
  g_clear_pointer (&self->query, g_free);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_clear_object (&self->editing);
  self->select_after_load = g_variant_get_int64 (parameter);
  reload_entries (self);
}

static guint
position_of (MdgFaqPage *self,
             gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->entries)); i++)
    {
      g_autoptr(MdgFaqEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      if (mdg_faq_entry_get_id (entry) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgFaqPage *self = MDG_FAQ_PAGE (widget);
  g_autoptr(MdgFaqEntry) entry = NULL;
  g_autofree char *title = NULL;
  guint position;

  if (self->editing == NULL || mdg_faq_entry_get_id (self->editing) <= 0)
    return;
  entry = g_object_ref (self->editing);
  position = position_of (self, mdg_faq_entry_get_id (entry));
  edit_entry (self, NULL);
  if (position != GTK_INVALID_LIST_POSITION)
    g_list_store_remove (self->entries, position);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->entries)) == 0)
    gtk_stack_set_visible_child_name (self->list_stack, self->query && *self->query ? "no-results" : "empty");
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);

  /* Translators: %s is the question of the FAQ entry deleted */
  title = g_strdup_printf (_("“%s” was deleted"), mdg_faq_entry_get_question (entry));
  mdg_undo_deletions_add (self->deletions, mdg_faq_entry_get_id (entry), title, 5);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgFaqPage *self = MDG_FAQ_PAGE (widget);
  gint64 id = mdg_undo_deletions_undo_last (self->deletions);

  if (id != 0)
    {
      self->select_after_load = id;
      reload_entries (self);
    }
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdgFaqPage *self = MDG_FAQ_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* ---- The categories offered ---- */

/* What a worker reads for the page. */
typedef struct
{
  GPtrArray      *categories;
  GPtrArray      *chapters;
  MdgDeskContact *desk;
} ReadWork;

static void
read_work_free (ReadWork *work)
{
  g_clear_pointer (&work->categories, g_ptr_array_unref);
  g_clear_pointer (&work->chapters, g_ptr_array_unref);
  g_clear_pointer (&work->desk, mdg_desk_contact_free);
  g_free (work);
}

static gboolean
categories_work_run (MdgDatabase  *connection,
                     gpointer      data,
                     GError      **error)
{
  ReadWork *work = data;

  work->categories = mdg_faq_store_list_categories (connection, error);
  return work->categories != NULL;
}

static void
categories_loaded (GtkWidget *widget,
                   gpointer   data)
{
  MdgFaqPage *self = MDG_FAQ_PAGE (widget);
  ReadWork *work = data;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  if (self->category_dropdown == NULL)   /* disposed meanwhile */
    return;
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  self->categories = g_steal_pointer (&work->categories);
  gtk_string_list_append (labels, _("Add a Category…"));
  for (guint i = 0; i < self->categories->len; i++)
    {
      MdgFaqCategory *category = g_ptr_array_index (self->categories, i);
      g_autofree char *text = g_strdup_printf ("%s %s", category->key, mdg_faq_category_get_name (category));

      gtk_string_list_append (labels, text);
    }
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->category_dropdown, 0);
}

static void
load_categories (MdgFaqPage *self)
{
  _mdg_work_async (GTK_WIDGET (self), mdg_section_get_database (MDG_SECTION (self)), categories_work_run,
                   g_new0 (ReadWork, 1), (GDestroyNotify) read_work_free, categories_loaded, FALSE);
}

/* ---- Export ---- */

static gboolean
chapters_work_run (MdgDatabase  *connection,
                   gpointer      data,
                   GError      **error)
{
  ReadWork *work = data;

  return (work->chapters = mdg_faq_store_list_chapters (connection, error)) != NULL &&
         (work->desk = mdg_desk_contact_load (connection, error)) != NULL;
}

static void
chapters_loaded (GtkWidget *widget,
                 gpointer   data)
{
  MdgFaqPage *self = MDG_FAQ_PAGE (widget);
  ReadWork *work = data;
  g_autoptr(MdgDocument) document = NULL;

  if (work->chapters->len == 0)
    {
      _mdg_toast (GTK_WIDGET (self), _("No question is published yet: switch on Published in the ones to export"));
      return;
    }

  document = mdg_faq_document_new (work->chapters, work->desk);
  _mdg_document_apply_settings (document);
  /* Published answers for the portal: no personal data in them. */
  _mdg_document_save_pdf_full (GTK_WIDGET (self), document, _("FAQ.pdf"), FALSE);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _mdg_work_async (widget, mdg_section_get_database (MDG_SECTION (widget)), chapters_work_run, g_new0 (ReadWork, 1),
                   (GDestroyNotify) read_work_free, chapters_loaded, FALSE);
}

typedef struct
{
  GWeakRef  page;
  GFile    *file;
} HtmlExport;

static void
html_written_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HtmlExport *export = user_data;
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&export->page);
  g_autoptr(GError) error = NULL;

  mdg_faq_export_html_finish (MDG_DATABASE (source), result, &error);
  if (widget != NULL)
    _mdg_announce_saved (widget, export->file, FALSE, error);
  g_weak_ref_clear (&export->page);
  g_object_unref (export->file);
  g_free (export);
}

static void
html_chosen_cb (GtkWidget *widget,
                GFile     *file,
                gpointer   user_data)
{
  HtmlExport *export = g_new0 (HtmlExport, 1);

  g_weak_ref_init (&export->page, widget);
  export->file = g_object_ref (file);
  mdg_faq_export_html_async (mdg_section_get_database (MDG_SECTION (widget)), g_file_peek_path (file), NULL,
                             html_written_cb, export);
}

static void
export_html_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _mdg_choose_save_file (widget, _("Export Published FAQ"), _("FAQ.html"), _("Web pages"), "*.html",
                         html_chosen_cb, NULL);
}

/* ---- GObject ---- */

static void
mdg_faq_page_search (MdgSection *section)
{
  gtk_widget_grab_focus (GTK_WIDGET (MDG_FAQ_PAGE (section)->search_entry));
}

static void
mdg_faq_page_constructed (GObject *object)
{
  MdgFaqPage *self = MDG_FAQ_PAGE (object);

  G_OBJECT_CLASS (mdg_faq_page_parent_class)->constructed (object);

  self->deletions = mdg_undo_deletions_new (GTK_WIDGET (self), mdg_section_get_database (MDG_SECTION (self)),
                                            mdg_faq_store_delete_async, mdg_faq_store_delete_finish,
                                            "faq.undo-delete");
  edit_entry (self, NULL);
  load_categories (self);
  reload_entries (self);
}

static void
mdg_faq_page_dispose (GObject *object)
{
  MdgFaqPage *self = MDG_FAQ_PAGE (object);

  /* Deleted entries go for good when the section goes. */
  if (self->deletions != NULL)
    mdg_undo_deletions_commit_all (self->deletions);
  g_clear_object (&self->deletions);
  _mdg_cancellable_clear (&self->cancellable);
  g_clear_object (&self->editing);
  g_clear_object (&self->entries);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), MDG_TYPE_FAQ_PAGE);

  G_OBJECT_CLASS (mdg_faq_page_parent_class)->dispose (object);
}

static void
mdg_faq_page_finalize (GObject *object)
{
  g_free (MDG_FAQ_PAGE (object)->query);

  G_OBJECT_CLASS (mdg_faq_page_parent_class)->finalize (object);
}

static void
mdg_faq_page_class_init (MdgFaqPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MdgSectionClass *section_class = MDG_SECTION_CLASS (klass);

  object_class->constructed = mdg_faq_page_constructed;
  object_class->dispose = mdg_faq_page_dispose;
  object_class->finalize = mdg_faq_page_finalize;
  section_class->search = mdg_faq_page_search;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-faq-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, selection);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, question_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, published_switch);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, answer_view);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, category_box);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, updated_label);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, consultations_group);
  gtk_widget_class_bind_template_child (widget_class, MdgFaqPage, consultation_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activated_cb);

  gtk_widget_class_install_action (widget_class, "faq.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "faq.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "faq.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "faq.show-entry", "x", show_entry_action);
  gtk_widget_class_install_action (widget_class, "faq.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "faq.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "faq.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "faq.export-html", NULL, export_html_action);
}

static void
mdg_faq_page_init (MdgFaqPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (MDG_TYPE_FAQ_ENTRY);
  self->chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_faq_category_unref);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->entries));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  _mdg_list_open_on_click (GTK_WIDGET (self->list_view), self->leaflet);

  /* Typing in the dropdown's search finds a category by key or name. */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->category_dropdown, expression);
  g_signal_connect_swapped (self->category_dropdown, "notify::selected", G_CALLBACK (category_selected_cb), self);
}
