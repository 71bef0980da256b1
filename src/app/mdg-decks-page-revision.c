/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-decks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-database-work.h"
#include "mdg-date.h"
#include "mdg-deck-library.h"
#include "mdg-decks-page-private.h"

/*
 * The revision shown: its pages and texts read in a worker, its change note, and what
 * changed since the revision it is compared with (by default the one before), marked
 * on the thumbnails and said in words.
 */

static void compare_selected_cb (MdgDecksPage *self);

Load *
_mdg_decks_page_load_new (MdgDecksPage *self,
                          GCancellable *cancellable)
{
  Load *load = g_new0 (Load, 1);

  g_atomic_ref_count_init (&load->ref);
  load->self = g_object_ref (self);
  load->cancellable = g_object_ref (cancellable);
  return load;
}

gpointer
_mdg_decks_page_load_ref (Load *load)
{
  g_atomic_ref_count_inc (&load->ref);
  return load;
}

void
_mdg_decks_page_load_unref (gpointer data)
{
  Load *load = data;

  if (!g_atomic_ref_count_dec (&load->ref))
    return;
  g_clear_object (&load->self);
  g_clear_object (&load->cancellable);
  g_clear_pointer (&load->revisions, g_ptr_array_unref);
  g_clear_pointer (&load->pages, g_ptr_array_unref);
  g_clear_pointer (&load->reviews, g_ptr_array_unref);
  g_clear_pointer (&load->diff, g_array_unref);
  g_free (load);
}

static gboolean
load_pages_work (MdgDatabase  *connection,
                 gpointer      data,
                 GError      **error)
{
  Load *load = data;

  load->pages = mdg_deck_store_list_pages (connection, load->revision_id, error);
  if (load->pages == NULL)
    return FALSE;
  load->reviews = mdg_deck_store_list_review (connection, load->revision_id, error);
  if (load->reviews == NULL)
    return FALSE;
  if (load->previous_id != 0)
    load->diff = mdg_deck_store_diff (connection, load->previous_id, load->revision_id, error);
  return load->previous_id == 0 || load->diff != NULL;
}

static char *
join_pages (GArray  *diff,
            gboolean old_pages,
            MdgSlideChange change)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < diff->len; i++)
    {
      const MdgSlideDiff *line = &g_array_index (diff, MdgSlideDiff, i);

      if (line->change != change)
        continue;
      if (text->len > 0)
        /* Translators: between slide numbers in a list, "3, 5, 8" */
        g_string_append (text, _(", "));
      g_string_append_printf (text, "%u", old_pages ? line->old_page : line->new_page);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void G_GNUC_PRINTF (2, 3)
append_line (GString    *text,
               const char *format,
               ...)
{
  va_list args;

  g_string_append_c (text, '\n');
  va_start (args, format);
  g_string_append_vprintf (text, format, args);
  va_end (args);
}

static void
show_diff (MdgDecksPage *self,
           GArray       *diff,
           guint         previous_number)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *added = NULL, *removed = NULL, *changed = NULL;

  if (diff == NULL)
    {
      gtk_label_set_text (self->diff_label, _("The first revision of this deck."));
      return;
    }
  added = join_pages (diff, FALSE, MDG_SLIDE_ADDED);
  removed = join_pages (diff, TRUE, MDG_SLIDE_REMOVED);
  changed = join_pages (diff, FALSE, MDG_SLIDE_CHANGED);

  if (added == NULL && removed == NULL && changed == NULL)
    {
      g_string_printf (text, _("The same slides as revision %u."), previous_number);
      gtk_label_set_text (self->diff_label, text->str);
      return;
    }
  g_string_printf (text, _("Since revision %u:"), previous_number);
  if (added != NULL)
    /* Translators: slide numbers of this revision, "3, 5" */
    append_line (text, _("Added slides: %s"), added);
  if (removed != NULL)
    /* Translators: slide numbers of the revision before, "3, 5" */
    append_line (text, _("Removed slides: %s"), removed);
  if (changed != NULL)
    /* Translators: slide numbers of this revision, "3, 5" */
    append_line (text, _("Changed slides: %s"), changed);
  gtk_label_set_text (self->diff_label, text->str);
}

/* Returns: (transfer full): the change of each page of the revision shown, by page */
static GHashTable *
diff_changes (GArray *diff)
{
  GHashTable *changes = g_hash_table_new (NULL, NULL);

  for (guint i = 0; diff != NULL && i < diff->len; i++)
    {
      const MdgSlideDiff *line = &g_array_index (diff, MdgSlideDiff, i);

      if (line->new_page != 0)
        g_hash_table_insert (changes, GUINT_TO_POINTER (line->new_page), GINT_TO_POINTER (line->change));
    }
  return changes;
}

/* Marks the slides the revision compared with lacks or has otherwise, and says so. */
static void
apply_diff (MdgDecksPage *self)
{
  g_autoptr(GHashTable) changes = diff_changes (self->diff);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->slides));
  guint previous_number = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdgDeckSlide) slide = g_list_model_get_item (G_LIST_MODEL (self->slides), i);

      _mdg_deck_slide_set_change (slide, GPOINTER_TO_INT (g_hash_table_lookup (changes, GUINT_TO_POINTER (slide->page))));
    }
  for (guint i = 0; self->revisions != NULL && i < self->revisions->len; i++)
    if (mdg_deck_revision_get_id (g_ptr_array_index (self->revisions, i)) == self->diff_id)
      previous_number = mdg_deck_revision_get_number (g_ptr_array_index (self->revisions, i));
  show_diff (self, self->diff_id != 0 ? self->diff : NULL, previous_number);
}

static void
pages_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Load *load = user_data;
  MdgDecksPage *self = load->self;
  g_autoptr(GError) error = NULL;
  gboolean ok = mdg_database_work_finish (MDG_DATABASE (source), result, load_pages_work, &error);
  g_autoptr(GHashTable) changes = NULL;

  if (!_mdg_decks_page_load_finished (load, ok, error, TRUE))
    return;

  /* Unless another revision was chosen to compare with meanwhile: its own read marks them. */
  if (load->previous_id == self->compare_id)
    {
      g_clear_pointer (&self->diff, g_array_unref);
      self->diff = g_steal_pointer (&load->diff);
      self->diff_id = load->previous_id;
    }
  changes = diff_changes (self->diff_id == self->compare_id ? self->diff : NULL);
  g_list_store_remove_all (self->slides);
  for (guint i = 0; i < load->pages->len; i++)
    {
      const MdgSlidePage *page = g_ptr_array_index (load->pages, i);
      g_autoptr(MdgDeckSlide) slide = g_object_new (MDG_TYPE_DECK_SLIDE, NULL);

      slide->page = page->page;
      slide->text = g_strdup (page->text);
      slide->explanation = g_strdup (page->explanation);
      /* Marked before the grid shows it. */
      slide->change = GPOINTER_TO_INT (g_hash_table_lookup (changes, GUINT_TO_POINTER (page->page)));
      g_list_store_append (self->slides, slide);
    }
  if (self->diff_id == self->compare_id)
    apply_diff (self);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  self->reviews = g_steal_pointer (&load->reviews);
  _mdg_decks_page_show_reviews (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->slides)) > 0)
    gtk_single_selection_set_selected (self->slide_selection, 0);
  _mdg_decks_page_slide_selected_cb (self);
  _mdg_decks_page_load_unref (load);
}

void
_mdg_decks_page_show_revision (MdgDecksPage *self,
                               guint         index)
{
  MdgDatabase *db = mdg_section_get_database (MDG_SECTION (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *when = NULL;
  g_autofree char *note = NULL;
  MdgDeckRevision *revision;
  Load *load;

  _mdg_decks_page_flush_text (self);
  _mdg_decks_page_show_slide (self, NULL);
  g_cancellable_cancel (self->revision_cancellable);
  g_clear_object (&self->revision_cancellable);
  g_clear_object (&self->renderer);
  g_clear_object (&self->revision);
  g_list_store_remove_all (self->slides);
  gtk_label_set_text (self->revision_note, "");
  gtk_label_set_text (self->diff_label, "");
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  _mdg_decks_page_show_reviews (self);
  g_clear_pointer (&self->diff, g_array_unref);
  self->diff_id = self->compare_id = 0;

  /* Compared with the revision before, unless an older one is chosen. */
  g_signal_handlers_block_by_func (self->compare_dropdown, compare_selected_cb, self);
  gtk_string_list_splice (self->compare_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->compare_names)), NULL);
  for (guint i = 0; self->revisions != NULL && i < index && i < self->revisions->len; i++)
    gtk_string_list_append (self->compare_names, gtk_string_list_get_string (self->revision_names, i));
  gtk_drop_down_set_selected (self->compare_dropdown, index > 0 && self->revisions != NULL &&
                              index < self->revisions->len ? index - 1 : GTK_INVALID_LIST_POSITION);
  g_signal_handlers_unblock_by_func (self->compare_dropdown, compare_selected_cb, self);
  gtk_widget_set_visible (self->compare_box, self->revisions != NULL && index > 0 && index < self->revisions->len);

  if (self->revisions == NULL || index >= self->revisions->len)
    {
      _mdg_decks_page_update_actions (self);
      return;
    }
  revision = g_ptr_array_index (self->revisions, index);
  self->revision = g_object_ref (revision);
  self->revision_cancellable = g_cancellable_new ();
  pdf_path = mdg_deck_library_get_pdf_path (db, revision);
  self->renderer = mdg_page_renderer_new (pdf_path, mdg_deck_revision_get_sha256 (revision), 2);

  when = mdg_date_format (mdg_deck_revision_get_created_at (revision), MDG_DATE_DEFAULT);
  if (mdg_deck_revision_get_change_note (revision) != NULL && *mdg_deck_revision_get_change_note (revision))
    /* Translators: a revision's date, then its change note */
    note = g_strdup_printf (_("%s: %s"), when, mdg_deck_revision_get_change_note (revision));
  else
    /* Translators: a revision's date, when it has no change note */
    note = g_strdup_printf (_("%s, without a note"), when);
  gtk_label_set_text (self->revision_note, note);

  load = _mdg_decks_page_load_new (self, self->revision_cancellable);
  load->revision_id = mdg_deck_revision_get_id (revision);
  if (index > 0)
    load->previous_id = self->compare_id = mdg_deck_revision_get_id (g_ptr_array_index (self->revisions, index - 1));
  self->n_loading++;
  mdg_database_work_async (db, load_pages_work, _mdg_decks_page_load_ref (load), _mdg_decks_page_load_unref,
                           load_pages_work, self->revision_cancellable, pages_loaded_cb, load);
  _mdg_decks_page_update_actions (self);
}

void
_mdg_decks_page_revision_selected_cb (MdgDecksPage *self)
{
  guint index = gtk_drop_down_get_selected (self->revision_dropdown);

  if (self->revisions == NULL || index == GTK_INVALID_LIST_POSITION)
    return;
  if (self->revision != NULL && index < self->revisions->len &&
      g_ptr_array_index (self->revisions, index) == (gpointer) self->revision)
    return;
  _mdg_decks_page_show_revision (self, index);
}

static gboolean
diff_work (MdgDatabase  *connection,
           gpointer      data,
           GError      **error)
{
  Load *load = data;

  load->diff = mdg_deck_store_diff (connection, load->previous_id, load->revision_id, error);
  return load->diff != NULL;
}

static void
diff_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Load *load = user_data;
  MdgDecksPage *self = load->self;
  g_autoptr(GError) error = NULL;
  gboolean ok = mdg_database_work_finish (MDG_DATABASE (source), result, diff_work, &error);

  /* Another revision shown or compared with since: that one's read tells. */
  if (!_mdg_decks_page_load_finished (load, ok, error,
                                      self->revision != NULL && mdg_deck_revision_get_id (self->revision) == load->revision_id &&
                                      self->compare_id == load->previous_id))
    return;
  g_clear_pointer (&self->diff, g_array_unref);
  self->diff = g_steal_pointer (&load->diff);
  self->diff_id = load->previous_id;
  apply_diff (self);
  _mdg_decks_page_load_unref (load);
}

/* Any older revision can be compared with the one shown: its diff is read in a worker. */
static void
compare_selected_cb (MdgDecksPage *self)
{
  guint index = gtk_drop_down_get_selected (self->compare_dropdown);
  gint64 id;
  Load *load;

  if (self->revision == NULL || self->revisions == NULL || index >= self->revisions->len)
    return;
  id = mdg_deck_revision_get_id (g_ptr_array_index (self->revisions, index));
  if (id == self->compare_id)
    return;
  self->compare_id = id;
  gtk_label_set_text (self->diff_label, "");
  load = _mdg_decks_page_load_new (self, self->revision_cancellable);
  load->revision_id = mdg_deck_revision_get_id (self->revision);
  load->previous_id = id;
  self->n_loading++;
  mdg_database_work_async (mdg_section_get_database (MDG_SECTION (self)), diff_work, _mdg_decks_page_load_ref (load),
                           _mdg_decks_page_load_unref, diff_work, self->revision_cancellable, diff_loaded_cb, load);
}

void
_mdg_decks_page_init_revision (MdgDecksPage *self)
{
  gtk_drop_down_set_model (self->revision_dropdown, G_LIST_MODEL (self->revision_names));
  g_signal_connect_swapped (self->revision_dropdown, "notify::selected",
                            G_CALLBACK (_mdg_decks_page_revision_selected_cb), self);
  gtk_drop_down_set_model (self->compare_dropdown, G_LIST_MODEL (self->compare_names));
  g_signal_connect_swapped (self->compare_dropdown, "notify::selected", G_CALLBACK (compare_selected_cb), self);
}
