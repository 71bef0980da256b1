/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-decks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-date.h"
#include "mdg-decks-page-private.h"

/*
 * The Slide Decks section: the deck library on the left (decks, then the revision
 * shown, its change note and what changed since the one before), the thumbnails of
 * that revision in a grid, and the selected slide large beside its explanatory text.
 *
 * Everything slow happens elsewhere: the database is read and written in workers
 * (mdg_database_work_async), files are imported by the deck library in its worker,
 * and pages are rendered by one MdgPageRenderer per revision shown (its own Poppler
 * documents in its own threads, thumbnails kept on disk). The grid only asks for the
 * thumbnails of the cells it binds, and tells the renderer which pages are on screen
 * so that those come first when the user scrolls through a long deck.
 *
 * This file holds the grid, the selected slide, the deck list and the folding; the
 * explanatory texts (-texts.c), the revision shown (-revision.c), importing
 * (-import.c) and presenting and printing (-present.c) have a file each.
 */

#define THUMBNAIL_WIDTH 128
#define THUMBNAIL_HEIGHT 72
#define PREVIEW_WIDTH 340

/* ---- One slide in the grid ---- */

G_DEFINE_FINAL_TYPE (MdgDeckSlide, mdg_deck_slide, G_TYPE_OBJECT)

enum {
  SLIDE_PROP_0,
  SLIDE_PROP_PAINTABLE,
  SLIDE_PROP_CAPTION,
  SLIDE_N_PROPS
};

static GParamSpec *slide_properties[SLIDE_N_PROPS];

static void
mdg_deck_slide_finalize (GObject *object)
{
  MdgDeckSlide *self = MDG_DECK_SLIDE (object);

  g_free (self->text);
  g_free (self->explanation);
  g_clear_object (&self->paintable);

  G_OBJECT_CLASS (mdg_deck_slide_parent_class)->finalize (object);
}

static void
mdg_deck_slide_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MdgDeckSlide *self = MDG_DECK_SLIDE (object);

  switch (prop_id)
    {
    case SLIDE_PROP_PAINTABLE:
      g_value_set_object (value, self->paintable);
      break;
    case SLIDE_PROP_CAPTION:
      switch (self->change)
        {
        case MDG_SLIDE_ADDED:
          /* Translators: under a thumbnail: the slide's number, and that it is new in this revision */
          g_value_take_string (value, g_strdup_printf (_("%u · new"), self->page));
          break;
        case MDG_SLIDE_CHANGED:
          /* Translators: under a thumbnail: the slide's number, and that this revision changed it */
          g_value_take_string (value, g_strdup_printf (_("%u · changed"), self->page));
          break;
        default:
          g_value_take_string (value, g_strdup_printf ("%u", self->page));
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_deck_slide_class_init (MdgDeckSlideClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mdg_deck_slide_finalize;
  object_class->get_property = mdg_deck_slide_get_property;

  slide_properties[SLIDE_PROP_PAINTABLE] =
    g_param_spec_object ("paintable", NULL, NULL, GDK_TYPE_PAINTABLE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The number under the thumbnail, and what the revision compared with says of it. */
  slide_properties[SLIDE_PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SLIDE_N_PROPS, slide_properties);
}

static void
mdg_deck_slide_init (MdgDeckSlide *self)
{
}

static void
mdg_deck_slide_set_paintable (MdgDeckSlide *self,
                              GdkPaintable *paintable)
{
  if (g_set_object (&self->paintable, paintable))
    g_object_notify_by_pspec (G_OBJECT (self), slide_properties[SLIDE_PROP_PAINTABLE]);
}

void
_mdg_deck_slide_set_change (MdgDeckSlide   *self,
                            MdgSlideChange  change)
{
  if (self->change == change)
    return;
  self->change = change;
  g_object_notify_by_pspec (G_OBJECT (self), slide_properties[SLIDE_PROP_CAPTION]);
}

static GdkTexture *
texture_for_image (MdgPageImage *image)
{
  return gdk_memory_texture_new (mdg_page_image_get_width (image), mdg_page_image_get_height (image),
                                 GDK_MEMORY_DEFAULT, mdg_page_image_get_bytes (image),
                                 mdg_page_image_get_stride (image));
}

/* ---- The page ---- */

G_DEFINE_FINAL_TYPE (MdgDecksPage, mdg_decks_page, MDG_TYPE_SECTION)

MdgDeck *
_mdg_decks_page_selected_deck (MdgDecksPage *self)
{
  return gtk_single_selection_get_selected_item (self->deck_selection);
}

void
_mdg_decks_page_update_actions (MdgDecksPage *self)
{
  gboolean has_deck = _mdg_decks_page_selected_deck (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "decks.revise", has_deck && self->n_importing == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "decks.present", has_deck);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "decks.handout", self->revision != NULL);
}

/* ---- The selected slide ---- */

typedef struct
{
  MdgDecksPage *self;
  MdgDeckSlide *slide;
} Preview;

static void
preview_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Preview *preview = user_data;
  g_autoptr(MdgPageImage) image = mdg_page_renderer_render_finish (MDG_PAGE_RENDERER (source), result, NULL);
  MdgDecksPage *self = preview->self;

  if (image != NULL && self->slide == preview->slide && self->slide_picture != NULL)
    {
      g_autoptr(GdkTexture) texture = texture_for_image (image);

      gtk_picture_set_paintable (self->slide_picture, GDK_PAINTABLE (texture));
    }
  g_object_unref (preview->slide);
  g_object_unref (preview->self);
  g_free (preview);
}

void
_mdg_decks_page_show_slide (MdgDecksPage *self,
                            MdgDeckSlide *slide)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->explanation_view);

  if (slide == self->slide)
    return;
  _mdg_decks_page_flush_text (self);
  g_set_object (&self->slide, slide);

  self->loading_text = TRUE;
  gtk_text_buffer_set_text (buffer, slide != NULL && slide->explanation != NULL ? slide->explanation : "", -1);
  self->loading_text = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->explanation_view), slide != NULL);
  if (self->n_saving == 0)
    gtk_label_set_text (self->save_label, "");

  /* The thumbnail stands in until the sharp picture comes. */
  gtk_picture_set_paintable (self->slide_picture, slide != NULL ? slide->paintable : NULL);
  if (slide == NULL)
    {
      gtk_label_set_text (self->slide_title, "");
      return;
    }
  {
    g_autofree char *title = g_strdup_printf (_("Slide %u of %u"), slide->page,
                                              g_list_model_get_n_items (G_LIST_MODEL (self->slides)));
    Preview *preview = g_new0 (Preview, 1);
    int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

    gtk_label_set_text (self->slide_title, title);
    preview->self = g_object_ref (self);
    preview->slide = g_object_ref (slide);
    mdg_page_renderer_render_async (self->renderer, slide->page - 1, PREVIEW_WIDTH * scale, 0, MDG_RENDER_DEFAULT,
                                    0, self->revision_cancellable, preview_cb, preview);
  }
}

void
_mdg_decks_page_slide_selected_cb (MdgDecksPage *self)
{
  _mdg_decks_page_show_slide (self, gtk_single_selection_get_selected_item (self->slide_selection));
}

/* ---- The thumbnails grid ---- */

static void
thumbnail_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MdgDeckSlide) slide = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgPageImage) image = mdg_page_renderer_render_finish (MDG_PAGE_RENDERER (source), result, &error);

  if (image != NULL)
    {
      g_autoptr(GdkTexture) texture = texture_for_image (image);

      mdg_deck_slide_set_paintable (slide, GDK_PAINTABLE (texture));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Slide %u not rendered: %s", slide->page, error->message);
}

static void
slide_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                MdgDecksPage             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_size_request (picture, THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
  /* The frame hugs the slide rather than the cell. */
  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (picture, "mdg-deck-thumbnail");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
slide_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               MdgDecksPage             *self)
{
  MdgDeckSlide *slide = gtk_list_item_get_item (item);
  GtkWidget *picture = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *label = gtk_widget_get_next_sibling (picture);
  GBinding *binding;

  binding = g_object_bind_property (slide, "paintable", picture, "paintable", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (item), "mdg-binding", binding);
  /* The caption follows the revision chosen to compare with. */
  binding = g_object_bind_property (slide, "caption", label, "label", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (item), "mdg-caption-binding", binding);
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "mdg-page", GUINT_TO_POINTER (slide->page));

  /* Only the cells the grid shows ask for their page: the visible ones first. */
  if (slide->paintable == NULL && !slide->requested && self->renderer != NULL)
    {
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

      slide->requested = TRUE;
      mdg_page_renderer_render_async (self->renderer, slide->page - 1, THUMBNAIL_WIDTH * scale, 0, MDG_RENDER_CACHE,
                                      100 + slide->page, self->revision_cancellable, thumbnail_cb,
                                      g_object_ref (slide));
    }
}

static void
slide_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 MdgDecksPage             *self)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (item), "mdg-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  binding = g_object_steal_data (G_OBJECT (item), "mdg-caption-binding");
  if (binding != NULL)
    g_binding_unbind (binding);
}

/*
 * Which pages the grid shows, read from the cells it has laid out once it has laid
 * them out again: those render first, whatever was asked for on the way there.
 */
static gboolean
update_visible_range (gpointer user_data)
{
  MdgDecksPage *self = user_data;
  GtkWidget *grid = GTK_WIDGET (self->slide_grid);
  GtkWidget *viewport = gtk_widget_get_parent (grid);
  guint first = G_MAXUINT, last = 0;

  self->visible_id = 0;
  if (self->renderer == NULL)
    return G_SOURCE_REMOVE;
  for (GtkWidget *cell = gtk_widget_get_first_child (grid); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *box = gtk_widget_get_first_child (cell);
      guint page = box != NULL ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (box), "mdg-page")) : 0;
      graphene_rect_t bounds;

      if (page == 0 || !gtk_widget_get_child_visible (cell) || !gtk_widget_compute_bounds (cell, viewport, &bounds))
        continue;
      if (bounds.origin.y + bounds.size.height <= 0 || bounds.origin.y >= gtk_widget_get_height (viewport))
        continue;
      first = MIN (first, page - 1);
      last = MAX (last, page - 1);
    }
  if (first <= last)
    mdg_page_renderer_set_visible_range (self->renderer, first, last);
  return G_SOURCE_REMOVE;
}

static void
grid_scrolled_cb (MdgDecksPage *self)
{
  /* After the layout that the scroll brings. */
  if (self->visible_id == 0)
    self->visible_id = g_idle_add_full (GDK_PRIORITY_REDRAW + 10, update_visible_range, self, NULL);
}

/* ---- The selected deck ---- */

static gboolean
load_revisions_work (MdgDatabase  *connection,
                     gpointer      data,
                     GError      **error)
{
  Load *load = data;

  load->revisions = mdg_deck_store_list_revisions (connection, load->deck_id, error);
  return load->revisions != NULL;
}

static int
compare_revisions (gconstpointer a,
                   gconstpointer b)
{
  guint number_a = mdg_deck_revision_get_number (*(MdgDeckRevision **) a);
  guint number_b = mdg_deck_revision_get_number (*(MdgDeckRevision **) b);

  return number_a < number_b ? -1 : number_a > number_b;
}

static void
revisions_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Load *load = user_data;
  MdgDecksPage *self = load->self;
  g_autoptr(GError) error = NULL;
  gboolean ok = mdg_database_work_finish (MDG_DATABASE (source), result, load_revisions_work, &error);
  g_autoptr(GPtrArray) names = NULL;
  MdgDeck *deck;

  self->n_loading--;
  if (g_cancellable_is_cancelled (load->cancellable))
    {
      _mdg_decks_page_load_unref (load);
      return;
    }
  deck = _mdg_decks_page_selected_deck (self);
  if (!ok || deck == NULL || mdg_deck_get_id (deck) != load->deck_id)
    {
      if (error != NULL)
        _mdg_toast_error (GTK_WIDGET (self), error);
      _mdg_decks_page_load_unref (load);
      return;
    }

  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  self->revisions = g_steal_pointer (&load->revisions);
  /* Oldest first: each revision is compared with the one before it. */
  g_ptr_array_sort (self->revisions, compare_revisions);
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->revisions->len; i++)
    {
      MdgDeckRevision *revision = g_ptr_array_index (self->revisions, i);
      g_autofree char *when = mdg_date_format (mdg_deck_revision_get_created_at (revision), MDG_DATE_DEFAULT);

      /* Translators: a revision's number and date, in the list of a deck's revisions */
      g_ptr_array_add (names, g_strdup_printf (_("Revision %u — %s"), mdg_deck_revision_get_number (revision), when));
    }
  g_ptr_array_add (names, NULL);

  /* The newest revision is the one shown; the list offers the history. */
  g_clear_object (&self->revision);
  g_signal_handlers_block_by_func (self->revision_dropdown, _mdg_decks_page_revision_selected_cb, self);
  gtk_string_list_splice (self->revision_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->revision_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->revision_dropdown, self->revisions->len > 0 ? self->revisions->len - 1 : 0);
  g_signal_handlers_unblock_by_func (self->revision_dropdown, _mdg_decks_page_revision_selected_cb, self);
  if (self->revisions->len > 0)
    _mdg_decks_page_show_revision (self, self->revisions->len - 1);
  _mdg_decks_page_load_unref (load);
}

static void
deck_selected_cb (MdgDecksPage *self)
{
  MdgDeck *deck = _mdg_decks_page_selected_deck (self);
  Load *load;

  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  _mdg_decks_page_show_revision (self, G_MAXUINT);
  gtk_string_list_splice (self->revision_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->revision_names)), NULL);
  adw_window_title_set_subtitle (self->window_title, deck != NULL ? mdg_deck_get_title (deck) : NULL);
  _mdg_decks_page_update_actions (self);
  if (deck == NULL)
    return;

  /* The revision's cancellable also stops this read, should another deck be chosen first. */
  self->revision_cancellable = g_cancellable_new ();
  load = _mdg_decks_page_load_new (self, self->revision_cancellable);
  load->deck_id = mdg_deck_get_id (deck);
  self->n_loading++;
  mdg_database_work_async (mdg_section_get_database (MDG_SECTION (self)), load_revisions_work,
                           _mdg_decks_page_load_ref (load), _mdg_decks_page_load_unref, load_revisions_work,
                           self->revision_cancellable, revisions_loaded_cb, load);
}

/* ---- The deck list ---- */

static void
deck_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_wrap (GTK_LABEL (details), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (details), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (details), 28);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), details);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
deck_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  MdgDeck *deck = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *details = gtk_widget_get_next_sibling (title);
  guint n_revisions = mdg_deck_get_latest_number (deck);
  guint n_pages = mdg_deck_get_page_count (deck);
  g_autofree char *revisions = g_strdup_printf (ngettext ("%u revision", "%u revisions", n_revisions), n_revisions);
  g_autofree char *pages = g_strdup_printf (ngettext ("%u slide", "%u slides", n_pages), n_pages);
  g_autofree char *when = mdg_date_format (mdg_deck_get_updated_at (deck), MDG_DATE_DEFAULT);
  /* Translators: under a deck's title: its revisions, its slides and the date of its last change */
  g_autofree char *text = g_strdup_printf (_("%s · %s · changed %s"), revisions, pages, when);

  gtk_label_set_text (GTK_LABEL (title), mdg_deck_get_title (deck));
  gtk_label_set_text (GTK_LABEL (details), text);
}

static void
decks_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MdgDecksPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) decks = mdg_deck_store_list_finish (MDG_DATABASE (source), result, &error);
  gint64 wanted;
  guint position = GTK_INVALID_LIST_POSITION;

  self->n_loading--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (decks == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }

  wanted = self->select_deck != 0 ? self->select_deck : mdg_decks_page_get_deck_id (self);
  self->select_deck = 0;
  for (guint i = 0; i < decks->len; i++)
    if (mdg_deck_get_id (g_ptr_array_index (decks, i)) == wanted)
      position = i;

  g_signal_handlers_block_by_func (self->deck_selection, deck_selected_cb, self);
  g_list_store_splice (self->decks, 0, g_list_model_get_n_items (G_LIST_MODEL (self->decks)), decks->pdata, decks->len);
  gtk_single_selection_set_selected (self->deck_selection, position != GTK_INVALID_LIST_POSITION ? position : 0);
  g_signal_handlers_unblock_by_func (self->deck_selection, deck_selected_cb, self);
  gtk_stack_set_visible_child_name (self->content_stack, decks->len > 0 ? "decks" : "empty");
  deck_selected_cb (self);
}

void
_mdg_decks_page_reload_decks (MdgDecksPage *self)
{
  self->n_loading++;
  mdg_deck_store_list_async (mdg_section_get_database (MDG_SECTION (self)), self->cancellable, decks_loaded_cb,
                             g_object_ref (self));
}

/* ---- Folding in a narrow window ---- */

/* Whether the section shows the slides or one slide in place of what comes before. */
static GtkWidget *
back_target (MdgDecksPage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "decks") != 0)
    return NULL;
  if (adw_leaflet_get_folded (self->slide_leaflet) &&
      adw_leaflet_get_visible_child (self->slide_leaflet) == self->slide_pane &&
      (!adw_leaflet_get_folded (self->leaflet) ||
       adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->slide_leaflet)))
    return self->grid_pane;
  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->slide_leaflet))
    return self->library_pane;
  return NULL;
}

/* One way back at a time: within the section first, then to the window's sidebar. */
static void
update_back_buttons (MdgDecksPage *self)
{
  gboolean inside;

  if (self->content_stack == NULL)
    return;
  inside = back_target (self) != NULL;
  gtk_widget_set_visible (self->back_button, inside);
  gtk_widget_set_visible (self->sidebar_button, !inside && mdg_section_get_narrow (MDG_SECTION (self)));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgDecksPage *self = MDG_DECKS_PAGE (widget);
  GtkWidget *target = back_target (self);

  if (target == self->grid_pane)
    adw_leaflet_set_visible_child (self->slide_leaflet, self->grid_pane);
  else if (target == self->library_pane)
    adw_leaflet_set_visible_child (self->leaflet, self->library_pane);
}

static void
show_slides_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgDecksPage *self = MDG_DECKS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->slide_leaflet));
  gtk_widget_grab_focus (GTK_WIDGET (self->slide_grid));
}

static void
deck_activated_cb (MdgDecksPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_widget_activate_action (GTK_WIDGET (self), "decks.show-slides", NULL);
}

/* Enter on a thumbnail, or a click while the grid is alone: the slide with its text. */
static void
slide_activated_cb (MdgDecksPage *self,
                    guint         position)
{
  gtk_single_selection_set_selected (self->slide_selection, position);
  if (adw_leaflet_get_folded (self->slide_leaflet))
    {
      adw_leaflet_set_visible_child (self->slide_leaflet, self->slide_pane);
      gtk_widget_grab_focus (GTK_WIDGET (self->explanation_view));
    }
}

/* ---- The section ---- */

static void
mdg_decks_page_close (MdgSection *section)
{
  _mdg_decks_page_flush_text (MDG_DECKS_PAGE (section));
}

static void
mdg_decks_page_search (MdgSection *section)
{
  gtk_widget_grab_focus (GTK_WIDGET (MDG_DECKS_PAGE (section)->deck_list));
}

static void
mdg_decks_page_constructed (GObject *object)
{
  MdgDecksPage *self = MDG_DECKS_PAGE (object);

  G_OBJECT_CLASS (mdg_decks_page_parent_class)->constructed (object);

  _mdg_decks_page_reload_decks (self);
}

static void
mdg_decks_page_dispose (GObject *object)
{
  MdgDecksPage *self = MDG_DECKS_PAGE (object);

  /* What was typed is written, even as the window goes. */
  if (self->content_stack != NULL)
    _mdg_decks_page_flush_text (self);
  while (!g_queue_is_empty (&self->queued_saves))
    _mdg_decks_page_start_save (NULL, g_queue_pop_head (&self->queued_saves));
  g_clear_pointer (&self->waiting_handout, _mdg_decks_page_handout_call_free);
  g_clear_handle_id (&self->visible_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->revision_cancellable != NULL)
    g_cancellable_cancel (self->revision_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  /* The leaflets change their visible child as they go. */
  if (self->leaflet != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->leaflet, update_back_buttons, self);
      g_signal_handlers_disconnect_by_func (self->slide_leaflet, update_back_buttons, self);
      g_signal_handlers_disconnect_by_func (self->content_stack, update_back_buttons, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), MDG_TYPE_DECKS_PAGE);
  self->content_stack = NULL;

  g_clear_object (&self->slide);
  g_clear_object (&self->renderer);
  g_clear_object (&self->revision);
  g_clear_object (&self->revision_cancellable);
  g_clear_object (&self->slide_selection);
  g_clear_object (&self->deck_selection);
  g_clear_object (&self->slides);
  g_clear_object (&self->decks);
  g_clear_object (&self->revision_names);
  g_clear_object (&self->compare_names);
  g_clear_pointer (&self->diff, g_array_unref);
  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->import_note, g_free);

  G_OBJECT_CLASS (mdg_decks_page_parent_class)->dispose (object);
}

static void
mdg_decks_page_finalize (GObject *object)
{
  MdgDecksPage *self = MDG_DECKS_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mdg_decks_page_parent_class)->finalize (object);
}

static void
mdg_decks_page_class_init (MdgDecksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MdgSectionClass *section_class = MDG_SECTION_CLASS (klass);

  object_class->constructed = mdg_decks_page_constructed;
  object_class->dispose = mdg_decks_page_dispose;
  object_class->finalize = mdg_decks_page_finalize;
  section_class->close = mdg_decks_page_close;
  section_class->search = mdg_decks_page_search;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-decks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, library_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, slide_leaflet);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, grid_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, slide_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, compare_box);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, compare_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, deck_list);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, revision_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, revision_note);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, diff_label);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, slide_grid);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, slide_picture);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, slide_title);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, explanation_view);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, save_label);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, review_box);
  gtk_widget_class_bind_template_child (widget_class, MdgDecksPage, review_list);

  gtk_widget_class_install_action (widget_class, "decks.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "decks.show-slides", NULL, show_slides_action);

  /* Wherever the keyboard is in the section. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "decks.back", NULL);
  _mdg_decks_page_class_init_import (widget_class);
  _mdg_decks_page_class_init_present (widget_class);
  _mdg_decks_page_class_init_texts (widget_class);
}

static void
mdg_decks_page_init (MdgDecksPage *self)
{
  GtkListItemFactory *factory;
  GtkScrolledWindow *scrolled;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->decks = g_list_store_new (MDG_TYPE_DECK);
  self->slides = g_list_store_new (MDG_TYPE_DECK_SLIDE);
  self->revision_names = gtk_string_list_new (NULL);
  self->compare_names = gtk_string_list_new (NULL);

  self->deck_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->decks)));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (deck_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (deck_bind_cb), NULL);
  gtk_list_view_set_model (self->deck_list, GTK_SELECTION_MODEL (self->deck_selection));
  gtk_list_view_set_factory (self->deck_list, factory);
  g_object_unref (factory);
  g_signal_connect_swapped (self->deck_selection, "notify::selected", G_CALLBACK (deck_selected_cb), self);

  self->slide_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->slides)));
  gtk_single_selection_set_autoselect (self->slide_selection, FALSE);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (slide_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (slide_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (slide_unbind_cb), self);
  gtk_grid_view_set_model (self->slide_grid, GTK_SELECTION_MODEL (self->slide_selection));
  gtk_grid_view_set_factory (self->slide_grid, factory);
  g_object_unref (factory);
  g_signal_connect_swapped (self->slide_selection, "notify::selected", G_CALLBACK (_mdg_decks_page_slide_selected_cb),
                            self);

  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_parent (GTK_WIDGET (self->slide_grid)));
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (scrolled), "value-changed",
                            G_CALLBACK (grid_scrolled_cb), self);

  _mdg_decks_page_init_revision (self);

  /* In a narrow window: the library, the grid and the slide one after the other. */
  g_signal_connect_swapped (self->deck_list, "activate", G_CALLBACK (deck_activated_cb), self);
  g_signal_connect_swapped (self->slide_grid, "activate", G_CALLBACK (slide_activated_cb), self);
  _mdg_list_open_on_click (GTK_WIDGET (self->deck_list), self->leaflet);
  _mdg_list_open_on_click (GTK_WIDGET (self->slide_grid), self->slide_leaflet);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (update_back_buttons), self);
  g_signal_connect_swapped (self->leaflet, "notify::visible-child", G_CALLBACK (update_back_buttons), self);
  g_signal_connect_swapped (self->slide_leaflet, "notify::folded", G_CALLBACK (update_back_buttons), self);
  g_signal_connect_swapped (self->slide_leaflet, "notify::visible-child", G_CALLBACK (update_back_buttons), self);
  g_signal_connect_swapped (self->content_stack, "notify::visible-child-name", G_CALLBACK (update_back_buttons), self);
  g_signal_connect (self, "notify::narrow", G_CALLBACK (update_back_buttons), NULL);
  update_back_buttons (self);
  _mdg_decks_page_init_texts (self);
  _mdg_decks_page_update_actions (self);
}

gint64
mdg_decks_page_get_deck_id (MdgDecksPage *self)
{
  MdgDeck *deck;

  g_return_val_if_fail (MDG_IS_DECKS_PAGE (self), 0);
  deck = _mdg_decks_page_selected_deck (self);
  return deck != NULL ? mdg_deck_get_id (deck) : 0;
}

/* Whether the page still reads, imports or writes something. */
gboolean
mdg_decks_page_is_busy (MdgDecksPage *self)
{
  g_return_val_if_fail (MDG_IS_DECKS_PAGE (self), FALSE);
  return self->n_loading > 0 || self->n_importing > 0 || self->n_saving > 0 || self->save_id != 0;
}
