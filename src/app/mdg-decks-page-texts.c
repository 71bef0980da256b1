/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-decks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-decks-page-private.h"
#include "mdg-error.h"

/*
 * The explanatory text is saved as the user types: a short pause after the last key,
 * or at once when another slide, revision or deck is chosen, or the window closes.
 *
 * The texts a new revision left without a slide are listed, to be placed on one or
 * dropped.
 */

#define SAVE_DELAY_MS 600
#define BUSY_RETRY_MS 2000

static void
save_free (gpointer data)
{
  Save *save = data;

  g_clear_object (&save->db);
  g_free (save->text);
  g_free (save);
}

static Save *
save_copy (const Save *save)
{
  Save *copy = g_new0 (Save, 1);

  copy->db = g_object_ref (save->db);
  copy->revision_id = save->revision_id;
  copy->page = save->page;
  copy->text = g_strdup (save->text);
  return copy;
}

static gboolean
save_work (MdgDatabase  *connection,
           gpointer      data,
           GError      **error)
{
  Save *save = data;

  return mdg_deck_store_set_explanation (connection, save->revision_id, save->page, save->text, error);
}

static void
update_save_label (MdgDecksPage *self)
{
  if (self->save_id != 0 || self->n_saving > 0)
    gtk_label_set_text (self->save_label, _("Saving…"));
}

typedef struct
{
  MdgWriteWatch *watch;
  Save          *save;   /* again, should the database be busy */
} SaveCall;

static void
busy_waited_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SaveCall *call = user_data;
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (call->watch);

  mdg_database_wait_for_writers_finish (MDG_DATABASE (source), result, NULL);
  /* What the user typed is written even when the page has gone meanwhile. */
  _mdg_decks_page_start_save (widget, call->save);
  g_free (call);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) widget = NULL;
  MdgDecksPage *self;

  if (!mdg_database_work_finish (MDG_DATABASE (source), result, save_work, &error) &&
      g_error_matches (error, MDG_ERROR, MDG_ERROR_BUSY))
    {
      /* Another program writes: wait for it (the window says so), then write again. */
      mdg_database_wait_for_writers_async (MDG_DATABASE (source), BUSY_RETRY_MS, NULL, busy_waited_cb, call);
      return;
    }

  widget = _mdg_write_watch_finish (call->watch);
  save_free (call->save);
  g_free (call);
  if (widget == NULL || !MDG_IS_DECKS_PAGE (widget))
    return;

  self = MDG_DECKS_PAGE (widget);
  self->n_saving--;
  /* One write at a time, in the order typed: two at once could land the older last. */
  if (!g_queue_is_empty (&self->queued_saves))
    {
      self->n_saving++;
      _mdg_decks_page_start_save (widget, g_queue_pop_head (&self->queued_saves));
    }
  if (self->n_saving == 0 && self->waiting_handout != NULL)
    _mdg_decks_page_start_handout (self);
  if (self->content_stack == NULL)
    ;  /* written as the page went */
  else if (error != NULL)
    {
      gtk_label_set_text (self->save_label, _("Not saved"));
      _mdg_toast_error (widget, error);
    }
  else if (self->n_saving == 0 && self->save_id == 0)
    gtk_label_set_text (self->save_label, _("Saved"));
}

/* @widget: (nullable): the page, if it is still there */
void
_mdg_decks_page_start_save (GtkWidget *widget,
                            Save      *save)
{
  SaveCall *call = g_new0 (SaveCall, 1);

  call->watch = _mdg_write_watch_new (widget);
  call->save = save;
  mdg_database_work_async (save->db, save_work, save_copy (save), save_free, save_work, NULL, saved_cb, call);
}

/* Writes the text of the slide last edited, in a worker. */
static void
write_text (MdgDecksPage *self)
{
  Save *save = g_new0 (Save, 1);
  MdgDeckSlide *slide = NULL;

  save->db = g_object_ref (mdg_section_get_database (MDG_SECTION (self)));
  save->revision_id = self->dirty_revision_id;
  save->page = self->dirty_page;
  if (self->slide != NULL && self->slide->page == self->dirty_page &&
      self->revision != NULL && mdg_deck_revision_get_id (self->revision) == self->dirty_revision_id)
    slide = self->slide;
  save->text = g_strdup (slide != NULL && slide->explanation != NULL ? slide->explanation : "");
  if (self->n_saving > 0)
    {
      /* Newer than what waits for the same slide: that one need not be written. */
      for (GList *l = self->queued_saves.head; l != NULL; l = l->next)
        {
          Save *queued = l->data;

          if (queued->revision_id == save->revision_id && queued->page == save->page)
            {
              save_free (queued);
              g_queue_delete_link (&self->queued_saves, l);
              break;
            }
        }
      g_queue_push_tail (&self->queued_saves, save);
      return;
    }
  self->n_saving++;
  update_save_label (self);
  _mdg_decks_page_start_save (GTK_WIDGET (self), save);
}

/* Writes what waits to be written, now. */
void
_mdg_decks_page_flush_text (MdgDecksPage *self)
{
  if (self->save_id == 0)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  write_text (self);
}

static gboolean
save_timeout (gpointer user_data)
{
  MdgDecksPage *self = user_data;

  self->save_id = 0;
  write_text (self);
  return G_SOURCE_REMOVE;
}

static void
explanation_changed_cb (MdgDecksPage  *self,
                        GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  if (self->loading_text || self->slide == NULL || self->revision == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (self->slide->explanation);
  self->slide->explanation = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  self->dirty_revision_id = mdg_deck_revision_get_id (self->revision);
  self->dirty_page = self->slide->page;

  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
  update_save_label (self);
}

/* ---- Texts to review ---- */

void
_mdg_decks_page_show_reviews (MdgDecksPage *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->review_list))) != NULL)
    gtk_list_box_remove (self->review_list, row);
  for (guint i = 0; self->reviews != NULL && i < self->reviews->len; i++)
    {
      const MdgSlideReview *review = g_ptr_array_index (self->reviews, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *text = gtk_label_new (review->explanation);
      GtkWidget *from = gtk_label_new (NULL);
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *place = gtk_button_new_with_label (_("Place on Selected Slide"));
      GtkWidget *drop = gtk_button_new_with_label (_("Drop"));
      g_autofree char *where = NULL;

      if (review->from_number > 0)
        /* Translators: where a text to review was written: a slide of an older revision */
        where = g_strdup_printf (_("Was on slide %u of revision %u"), review->from_page, review->from_number);
      gtk_label_set_text (GTK_LABEL (from), where);
      gtk_widget_set_visible (from, where != NULL);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      /* The library keeps its width: long texts wrap rather than widen it. */
      gtk_label_set_max_width_chars (GTK_LABEL (text), 28);
      gtk_label_set_max_width_chars (GTK_LABEL (from), 28);
      gtk_label_set_wrap (GTK_LABEL (from), TRUE);
      gtk_label_set_lines (GTK_LABEL (text), 4);
      gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (from), 0);
      gtk_widget_add_css_class (from, "dim-label");
      gtk_widget_add_css_class (from, "caption");
      gtk_widget_set_name (place, "deck-review-place");
      gtk_widget_set_name (drop, "deck-review-drop");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (place), "decks.place-review");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (place), "x", review->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (drop), "decks.drop-review");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (drop), "x", review->id);
      gtk_box_append (GTK_BOX (buttons), place);
      gtk_box_append (GTK_BOX (buttons), drop);
      gtk_box_append (GTK_BOX (box), text);
      gtk_box_append (GTK_BOX (box), from);
      gtk_box_append (GTK_BOX (box), buttons);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_list_box_append (self->review_list, box);
    }
  /* Once it holds its rows: shown empty, it would be laid out for nothing. */
  gtk_widget_set_visible (self->review_box, self->reviews != NULL && self->reviews->len > 0);
}

static const MdgSlideReview *
find_review (MdgDecksPage *self,
             gint64        id,
             guint        *index)
{
  for (guint i = 0; self->reviews != NULL && i < self->reviews->len; i++)
    if (((MdgSlideReview *) g_ptr_array_index (self->reviews, i))->id == id)
      {
        *index = i;
        return g_ptr_array_index (self->reviews, i);
      }
  return NULL;
}

static gboolean
dismiss_work (MdgDatabase  *connection,
              gpointer      data,
              GError      **error)
{
  return mdg_deck_store_dismiss_review (connection, *(gint64 *) data, error);
}

static void
dismissed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (user_data);
  g_autoptr(GError) error = NULL;

  if (!mdg_database_work_finish (MDG_DATABASE (source), result, dismiss_work, &error) &&
      widget != NULL && MDG_DECKS_PAGE (widget)->content_stack != NULL)
    _mdg_toast_error (widget, error);
}

/* The text leaves the list at once; the worker forgets it in the database. */
static void
dismiss_review (MdgDecksPage *self,
                gint64        id)
{
  guint index;

  if (find_review (self, id, &index) == NULL)
    return;
  g_ptr_array_remove_index (self->reviews, index);
  _mdg_decks_page_show_reviews (self);
  mdg_database_work_async (mdg_section_get_database (MDG_SECTION (self)), dismiss_work,
                           g_memdup2 (&id, sizeof id), g_free, dismiss_work, NULL, dismissed_cb,
                           _mdg_write_watch_new (GTK_WIDGET (self)));
}

static void
place_review_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MdgDecksPage *self = MDG_DECKS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->explanation_view);
  const MdgSlideReview *review;
  GtkTextIter end;
  guint index;

  if (self->slide == NULL || (review = find_review (self, id, &index)) == NULL)
    {
      _mdg_toast (widget, _("Select the slide the text belongs to first."));
      return;
    }
  /* After what the slide already says: saved like typing, then the text leaves the list. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_buffer_get_char_count (buffer) > 0)
    gtk_text_buffer_insert (buffer, &end, "\n\n", -1);
  gtk_text_buffer_insert (buffer, &end, review->explanation, -1);
  _mdg_decks_page_flush_text (self);
  dismiss_review (self, id);
}

static void
drop_review_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  dismiss_review (MDG_DECKS_PAGE (widget), g_variant_get_int64 (parameter));
}

/*
 * Counts a read of the revision shown as over. Returns whether its result is still
 * wanted (and @still_wanted): if not, or if it failed (the user is told), the read
 * is let go.
 */
gboolean
_mdg_decks_page_load_finished (Load     *load,
                               gboolean  ok,
                               GError   *error,
                               gboolean  still_wanted)
{
  load->self->n_loading--;
  if (g_cancellable_is_cancelled (load->cancellable) || !still_wanted)
    {
      _mdg_decks_page_load_unref (load);
      return FALSE;
    }
  if (!ok)
    {
      _mdg_toast_error (GTK_WIDGET (load->self), error);
      _mdg_decks_page_load_unref (load);
      return FALSE;
    }
  return TRUE;
}

void
_mdg_decks_page_class_init_texts (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "decks.place-review", "x", place_review_action);
  gtk_widget_class_install_action (widget_class, "decks.drop-review", "x", drop_review_action);
}

void
_mdg_decks_page_init_texts (MdgDecksPage *self)
{
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->explanation_view), "changed",
                            G_CALLBACK (explanation_changed_cb), self);
}
