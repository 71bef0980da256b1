/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-decks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-database-work.h"
#include "mdg-date.h"
#include "mdg-deck-library.h"
#include "mdg-deck-store.h"
#include "mdg-decks-page.h"
#include "mdg-document-output.h"
#include "mdg-error.h"
#include "mdg-handout.h"
#include "mdg-page-renderer.h"
#include "mdg-presenter-session.h"

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
 * The explanatory text is saved as the user types: a short pause after the last key,
 * or at once when another slide, revision or deck is chosen, or the window closes.
 */

#define THUMBNAIL_WIDTH 128
#define THUMBNAIL_HEIGHT 72
#define PREVIEW_WIDTH 340
#define SAVE_DELAY_MS 600
#define BUSY_RETRY_MS 2000

/* ---- One slide in the grid ---- */

#define MDG_TYPE_DECK_SLIDE (mdg_deck_slide_get_type ())

G_DECLARE_FINAL_TYPE (MdgDeckSlide, mdg_deck_slide, MDG, DECK_SLIDE, GObject)

struct _MdgDeckSlide
{
  GObject         parent_instance;

  guint           page;         /* counting from 1 */
  char           *text;
  char           *explanation;
  MdgSlideChange  change;       /* against the revision before */
  GdkPaintable   *paintable;    /* the thumbnail, once rendered */
  gboolean        requested;
};

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

static void
mdg_deck_slide_set_change (MdgDeckSlide   *self,
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

struct _MdgDecksPage
{
  MdgSection          parent_instance;

  /* template widgets */
  AdwWindowTitle     *window_title;
  GtkWidget          *sidebar_button;
  GtkWidget          *back_button;
  GtkStack           *content_stack;
  AdwLeaflet         *leaflet;             /* the library | the slides */
  GtkWidget          *library_pane;
  AdwLeaflet         *slide_leaflet;       /* the grid | the selected slide */
  GtkWidget          *grid_pane;
  GtkWidget          *slide_pane;
  GtkWidget          *compare_box;
  GtkDropDown        *compare_dropdown;
  GtkListView        *deck_list;
  GtkDropDown        *revision_dropdown;
  GtkLabel           *revision_note;
  GtkLabel           *diff_label;
  GtkGridView        *slide_grid;
  GtkPicture         *slide_picture;
  GtkLabel           *slide_title;
  GtkTextView        *explanation_view;
  GtkLabel           *save_label;
  GtkWidget          *review_box;
  GtkListBox         *review_list;

  /* owned */
  GListStore         *decks;               /* MdgDeck */
  GtkSingleSelection *deck_selection;
  GPtrArray          *revisions;           /* MdgDeckRevision of the selected deck, oldest first */
  GPtrArray          *reviews;             /* MdgSlideReview: texts of the revision shown with no slide */
  GtkStringList      *revision_names;
  GtkStringList      *compare_names;       /* the revisions older than the one shown, oldest first */
  GListStore         *slides;              /* MdgDeckSlide of the revision shown */
  GtkSingleSelection *slide_selection;
  MdgDeckRevision    *revision;            /* shown */
  gint64              compare_id;          /* the revision it is compared with; 0 for none */
  GArray             *diff;                /* MdgSlideDiff against compare_id, once read */
  gint64              diff_id;             /* the revision @diff compares with */
  MdgPageRenderer    *renderer;            /* renders the revision shown */
  MdgDeckSlide       *slide;               /* whose text is in the editor */
  GCancellable       *cancellable;         /* the page's reads: cancelled when it goes */
  GCancellable       *revision_cancellable;/* the revision shown: its reads and renders */
  GtkNativeDialog    *chooser;
  gint64              select_deck;         /* the deck to select once the list is read again */
  gint64              import_deck_id;      /* what the chooser's file is for */
  char               *import_note;

  /* The text typed but not yet written: for that slide of that revision. */
  guint               save_id;
  guint               visible_id;
  gint64              dirty_revision_id;
  guint               dirty_page;
  gboolean            loading_text;
  guint               n_saving;
  GQueue              queued_saves;        /* Save: to write once the one being written is */
  gpointer            waiting_handout;     /* HandoutCall: to read once the texts are written */
  guint               n_importing;
  guint               n_loading;
};

G_DEFINE_FINAL_TYPE (MdgDecksPage, mdg_decks_page, MDG_TYPE_SECTION)

static void show_revision (MdgDecksPage *self, guint index);
static void compare_selected_cb (MdgDecksPage *self);
static void reload_decks  (MdgDecksPage *self);

static MdgDeck *
selected_deck (MdgDecksPage *self)
{
  return gtk_single_selection_get_selected_item (self->deck_selection);
}

static void
update_actions (MdgDecksPage *self)
{
  gboolean has_deck = selected_deck (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "decks.revise", has_deck && self->n_importing == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "decks.present", has_deck);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "decks.handout", self->revision != NULL);
}

/* ---- Saving the explanatory text ---- */

typedef struct
{
  MdgDatabase *db;
  gint64       revision_id;
  guint        page;
  char        *text;
} Save;

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

static void start_save (GtkWidget *widget, Save *save);
static void start_handout (MdgDecksPage *self);

static void
busy_waited_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SaveCall *call = user_data;
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (call->watch);

  mdg_database_wait_for_writers_finish (MDG_DATABASE (source), result, NULL);
  /* What the user typed is written even when the page has gone meanwhile. */
  start_save (widget, call->save);
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
      start_save (widget, g_queue_pop_head (&self->queued_saves));
    }
  if (self->n_saving == 0 && self->waiting_handout != NULL)
    start_handout (self);
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
static void
start_save (GtkWidget *widget,
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
  start_save (GTK_WIDGET (self), save);
}

/* Writes what waits to be written, now. */
static void
flush_text (MdgDecksPage *self)
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

static void
show_slide (MdgDecksPage *self,
            MdgDeckSlide *slide)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->explanation_view);

  if (slide == self->slide)
    return;
  flush_text (self);
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

static void
slide_selected_cb (MdgDecksPage *self)
{
  show_slide (self, gtk_single_selection_get_selected_item (self->slide_selection));
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

/* ---- The revision shown ---- */

typedef struct
{
  gatomicrefcount  ref;
  gint64           deck_id;
  gint64           revision_id;
  gint64           previous_id;   /* the revision before, to compare; 0 for the first */
  GCancellable    *cancellable;
  MdgDecksPage    *self;
  GPtrArray       *revisions;     /* out */
  GPtrArray       *pages;         /* out */
  GPtrArray       *reviews;       /* out */
  GArray          *diff;          /* out */
} Load;

static Load *
load_new (MdgDecksPage *self,
          GCancellable *cancellable)
{
  Load *load = g_new0 (Load, 1);

  g_atomic_ref_count_init (&load->ref);
  load->self = g_object_ref (self);
  load->cancellable = g_object_ref (cancellable);
  return load;
}

static gpointer
load_ref (Load *load)
{
  g_atomic_ref_count_inc (&load->ref);
  return load;
}

static void
load_unref (gpointer data)
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

/* ---- Texts to review ---- */

static void
show_reviews (MdgDecksPage *self)
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
  show_reviews (self);
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
  flush_text (self);
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
static gboolean
load_finished (Load     *load,
               gboolean  ok,
               GError   *error,
               gboolean  still_wanted)
{
  load->self->n_loading--;
  if (g_cancellable_is_cancelled (load->cancellable) || !still_wanted)
    {
      load_unref (load);
      return FALSE;
    }
  if (!ok)
    {
      _mdg_toast_error (GTK_WIDGET (load->self), error);
      load_unref (load);
      return FALSE;
    }
  return TRUE;
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

      mdg_deck_slide_set_change (slide, GPOINTER_TO_INT (g_hash_table_lookup (changes, GUINT_TO_POINTER (slide->page))));
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

  if (!load_finished (load, ok, error, TRUE))
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
  show_reviews (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->slides)) > 0)
    gtk_single_selection_set_selected (self->slide_selection, 0);
  slide_selected_cb (self);
  load_unref (load);
}

static void
show_revision (MdgDecksPage *self,
               guint         index)
{
  MdgDatabase *db = mdg_section_get_database (MDG_SECTION (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *when = NULL;
  g_autofree char *note = NULL;
  MdgDeckRevision *revision;
  Load *load;

  flush_text (self);
  show_slide (self, NULL);
  g_cancellable_cancel (self->revision_cancellable);
  g_clear_object (&self->revision_cancellable);
  g_clear_object (&self->renderer);
  g_clear_object (&self->revision);
  g_list_store_remove_all (self->slides);
  gtk_label_set_text (self->revision_note, "");
  gtk_label_set_text (self->diff_label, "");
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  show_reviews (self);
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
      update_actions (self);
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

  load = load_new (self, self->revision_cancellable);
  load->revision_id = mdg_deck_revision_get_id (revision);
  if (index > 0)
    load->previous_id = self->compare_id = mdg_deck_revision_get_id (g_ptr_array_index (self->revisions, index - 1));
  self->n_loading++;
  mdg_database_work_async (db, load_pages_work, load_ref (load), load_unref, load_pages_work,
                           self->revision_cancellable, pages_loaded_cb, load);
  update_actions (self);
}

static void
revision_selected_cb (MdgDecksPage *self)
{
  guint index = gtk_drop_down_get_selected (self->revision_dropdown);

  if (self->revisions == NULL || index == GTK_INVALID_LIST_POSITION)
    return;
  if (self->revision != NULL && index < self->revisions->len &&
      g_ptr_array_index (self->revisions, index) == (gpointer) self->revision)
    return;
  show_revision (self, index);
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
  if (!load_finished (load, ok, error,
                      self->revision != NULL && mdg_deck_revision_get_id (self->revision) == load->revision_id &&
                      self->compare_id == load->previous_id))
    return;
  g_clear_pointer (&self->diff, g_array_unref);
  self->diff = g_steal_pointer (&load->diff);
  self->diff_id = load->previous_id;
  apply_diff (self);
  load_unref (load);
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
  load = load_new (self, self->revision_cancellable);
  load->revision_id = mdg_deck_revision_get_id (self->revision);
  load->previous_id = id;
  self->n_loading++;
  mdg_database_work_async (mdg_section_get_database (MDG_SECTION (self)), diff_work, load_ref (load), load_unref,
                           diff_work, self->revision_cancellable, diff_loaded_cb, load);
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
      load_unref (load);
      return;
    }
  deck = selected_deck (self);
  if (!ok || deck == NULL || mdg_deck_get_id (deck) != load->deck_id)
    {
      if (error != NULL)
        _mdg_toast_error (GTK_WIDGET (self), error);
      load_unref (load);
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
  g_signal_handlers_block_by_func (self->revision_dropdown, revision_selected_cb, self);
  gtk_string_list_splice (self->revision_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->revision_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->revision_dropdown, self->revisions->len > 0 ? self->revisions->len - 1 : 0);
  g_signal_handlers_unblock_by_func (self->revision_dropdown, revision_selected_cb, self);
  if (self->revisions->len > 0)
    show_revision (self, self->revisions->len - 1);
  load_unref (load);
}

static void
deck_selected_cb (MdgDecksPage *self)
{
  MdgDeck *deck = selected_deck (self);
  Load *load;

  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  show_revision (self, G_MAXUINT);
  gtk_string_list_splice (self->revision_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->revision_names)), NULL);
  adw_window_title_set_subtitle (self->window_title, deck != NULL ? mdg_deck_get_title (deck) : NULL);
  update_actions (self);
  if (deck == NULL)
    return;

  /* The revision's cancellable also stops this read, should another deck be chosen first. */
  self->revision_cancellable = g_cancellable_new ();
  load = load_new (self, self->revision_cancellable);
  load->deck_id = mdg_deck_get_id (deck);
  self->n_loading++;
  mdg_database_work_async (mdg_section_get_database (MDG_SECTION (self)), load_revisions_work, load_ref (load),
                           load_unref, load_revisions_work, self->revision_cancellable, revisions_loaded_cb, load);
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

static void
reload_decks (MdgDecksPage *self)
{
  self->n_loading++;
  mdg_deck_store_list_async (mdg_section_get_database (MDG_SECTION (self)), self->cancellable, decks_loaded_cb,
                             g_object_ref (self));
}

/* ---- Importing ---- */

/* What went wrong, in full: a file's problem is too long for a toast. */
static void
show_error (GtkWidget  *widget,
            const char *name,
            const char *heading,
            GError     *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, NULL);

  gtk_widget_set_name (dialog, name);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s", error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  MdgDecksPage *self;
  char         *name;
  gint64        deck_id;
} Import;

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Import *import = user_data;
  MdgDecksPage *self = import->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  guint n_carried = 0, n_review = 0;

  revision = mdg_deck_library_import_finish (MDG_DATABASE (source), result, &n_carried, &n_review, &error);
  self->n_importing--;
  if (self->content_stack == NULL)
    ;  /* the page has gone: the deck is in the library all the same */
  else if (revision == NULL)
    {
      show_error (GTK_WIDGET (self), "deck-import-error", _("The File Could Not Be Imported"), error);
      adw_window_title_set_subtitle (self->window_title,
                                     selected_deck (self) != NULL ? mdg_deck_get_title (selected_deck (self)) : NULL);
    }
  else
    {
      g_autofree char *message = NULL;
      guint n_pages = mdg_deck_revision_get_page_count (revision);

      if (import->deck_id == 0)
        message = g_strdup_printf (ngettext ("Imported “%s”: %u slide", "Imported “%s”: %u slides", n_pages),
                                   import->name, n_pages);
      else if (n_review > 0)
        message = g_strdup_printf (ngettext ("Revision %u: explanatory texts carried over to %u slides; %u to review",
                                             "Revision %u: explanatory texts carried over to %u slides; %u to review",
                                             n_review),
                                   mdg_deck_revision_get_number (revision), n_carried, n_review);
      else
        message = g_strdup_printf (ngettext ("Revision %u: explanatory text carried over to %u slide",
                                             "Revision %u: explanatory texts carried over to %u slides",
                                             n_carried),
                                   mdg_deck_revision_get_number (revision), n_carried);
      _mdg_toast (GTK_WIDGET (self), message);
      self->select_deck = mdg_deck_revision_get_deck_id (revision);
      reload_decks (self);
    }
  if (self->content_stack != NULL)
    update_actions (self);
  g_object_unref (import->self);
  g_free (import->name);
  g_free (import);
}

/**
 * mdg_decks_page_import_file:
 * @self: a #MdgDecksPage
 * @file: a PDF, or a PowerPoint or Impress file
 * @deck_id: the deck it is a new revision of; 0 for a new deck
 * @change_note: (nullable): what changed, for a new revision
 *
 * Imports @file in a worker, as the Import buttons do once the file is chosen: the
 * page shows the deck when it is in, or the library's message when it is refused.
 */
void
mdg_decks_page_import_file (MdgDecksPage *self,
                            GFile        *file,
                            gint64        deck_id,
                            const char   *change_note)
{
  MdgDeckImportOptions options = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *subtitle = NULL;
  Import *import;

  g_return_if_fail (MDG_IS_DECKS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  import = g_new0 (Import, 1);
  import->self = g_object_ref (self);
  import->name = g_file_get_basename (file);
  import->deck_id = deck_id;
  options.deck_id = deck_id;
  options.change_note = change_note;

  /* Translators: while a file is imported */
  subtitle = g_strdup_printf (_("Importing “%s”…"), import->name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  self->n_importing++;
  update_actions (self);
  /* Not cancelled with the page: a file being stored is stored whole. */
  mdg_deck_library_import_async (mdg_section_get_database (MDG_SECTION (self)), path != NULL ? path : "", &options,
                                 NULL, imported_cb, import);
}

static void
chooser_response_cb (MdgDecksPage         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        mdg_decks_page_import_file (self, file, self->import_deck_id, self->import_note);
    }
  g_clear_pointer (&self->import_note, g_free);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
choose_file (MdgDecksPage *self,
             gint64        deck_id,
             const char   *title)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) decks = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  static const char * const patterns[] = { "*.pdf", "*.pptx", "*.ppt", "*.odp" };
  static const char * const types[] = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.ms-powerpoint",
    "application/vnd.oasis.opendocument.presentation",
  };

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (self->chooser);
      return;
    }
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (decks, _("Slide decks (PDF, PowerPoint, Impress)"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      gtk_file_filter_add_pattern (decks, patterns[i]);
      gtk_file_filter_add_mime_type (decks, types[i]);
    }
  gtk_file_filter_set_name (pdf, _("PDF documents"));
  gtk_file_filter_add_pattern (pdf, "*.pdf");
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), decks);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdf);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  self->import_deck_id = deck_id;
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (MDG_DECKS_PAGE (widget), 0, _("Import Deck"));
}

static void
revise_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MdgDecksPage     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  MdgDeck *deck = selected_deck (self);

  if (g_strcmp0 (response, "choose") != 0 || deck == NULL)
    return;
  g_free (self->import_note);
  self->import_note = g_strdup (gtk_editable_get_text (entry));
  choose_file (self, mdg_deck_get_id (deck), _("New Revision"));
  /* choose_file keeps the note for the chosen file. */
}

static void
revise_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgDecksPage *self = MDG_DECKS_PAGE (widget);
  MdgDeck *deck = selected_deck (self);
  GtkWidget *dialog, *entry;

  if (deck == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("New Revision"), NULL);
  gtk_widget_set_name (dialog, "deck-revise-dialog");
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Say what changed in “%s”, then choose the newer file. The explanatory texts move to the matching slides."),
                                  mdg_deck_get_title (deck));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What changed"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "choose", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (revise_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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

/* ---- Presenting and printing ---- */

static void
presentation_started_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(MdgPresenterSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = mdg_presenter_session_start_finish (result, &error);
  if (session == NULL && gtk_widget_get_root (widget) != NULL)
    show_error (widget, "deck-present-error", _("The Deck Could Not Be Presented"), error);
  if (gtk_widget_get_root (widget) != NULL)
    gtk_widget_action_set_enabled (widget, "decks.present", TRUE);
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdgDecksPage *self = MDG_DECKS_PAGE (widget);
  MdgDeck *deck = selected_deck (self);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));

  if (deck == NULL || window == NULL || gtk_window_get_application (window) == NULL)
    return;
  flush_text (self);
  /* Once: a second press while the session opens would open two. */
  gtk_widget_action_set_enabled (widget, "decks.present", FALSE);
  mdg_presenter_session_start_async (gtk_window_get_application (window), mdg_section_get_database (MDG_SECTION (self)),
                                     mdg_deck_get_id (deck),
                                     /* The revision chosen in the list, not always the newest. */
                                     self->revision != NULL ? mdg_deck_revision_get_number (self->revision) : 0,
                                     FALSE, NULL, presentation_started_cb,
                                     g_object_ref (widget));
}

static const struct {
  MdgHandoutLayout  layout;
  const char       *label;
} handout_layouts[] = {
  { MDG_HANDOUT_LAYOUT_NOTES, N_("Slides with their explanatory text") },
  { MDG_HANDOUT_LAYOUT_1, N_("1 slide per page") },
  { MDG_HANDOUT_LAYOUT_2, N_("2 slides per page") },
  { MDG_HANDOUT_LAYOUT_3, N_("3 slides with lines for notes") },
  { MDG_HANDOUT_LAYOUT_4, N_("4 slides per page") },
  { MDG_HANDOUT_LAYOUT_6, N_("6 slides per page") },
};

typedef struct
{
  MdgDeckRevision  *revision;
  MdgHandoutLayout  layout;
  gboolean          print;
  char             *name;      /* the file name offered */
  MdgDocument      *document;  /* out */
} Handout;

static void
handout_free (gpointer data)
{
  Handout *handout = data;

  g_clear_object (&handout->revision);
  g_clear_object (&handout->document);
  g_free (handout->name);
  g_free (handout);
}

/* Reading the slides, their texts and the desk's contact is for a worker. */
static gboolean
handout_work (MdgDatabase  *connection,
              gpointer      data,
              GError      **error)
{
  Handout *handout = data;

  handout->document = mdg_handout_new_for_revision (connection, handout->revision, NULL, handout->layout, error);
  return handout->document != NULL;
}

typedef struct
{
  GWeakRef  widget;
  Handout  *handout;  /* shared with the work, which is over when the callback runs */
} HandoutCall;

/* A handout that never started. */
static void
handout_call_free (gpointer data)
{
  HandoutCall *call = data;

  handout_free (call->handout);
  g_weak_ref_clear (&call->widget);
  g_free (call);
}

static void
handout_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  HandoutCall *call = user_data;
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&call->widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgDocument) document = NULL;
  gboolean print = call->handout->print;
  g_autofree char *name = g_strdup (call->handout->name);

  if (mdg_database_work_finish (MDG_DATABASE (source), result, handout_work, &error))
    document = g_steal_pointer (&call->handout->document);
  g_weak_ref_clear (&call->widget);
  g_free (call);

  if (widget == NULL || gtk_widget_get_root (widget) == NULL)
    return;
  if (document == NULL)
    {
      _mdg_toast_error (widget, error);
      return;
    }
  _mdg_document_apply_settings (document);
  if (print)
    _mdg_document_print (widget, document);
  else
    _mdg_document_save_pdf (widget, document, name);
}

static void
handout_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     MdgDecksPage     *self)
{
  GtkDropDown *layouts = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  guint index = gtk_drop_down_get_selected (layouts);
  MdgDeck *deck = selected_deck (self);
  Handout *handout;
  HandoutCall *call;

  if ((!g_str_equal (response, "save") && !g_str_equal (response, "print")) || self->revision == NULL ||
      deck == NULL || index >= G_N_ELEMENTS (handout_layouts))
    return;

  /* What was just typed is written first: the handout is read once no text waits. */
  flush_text (self);
  handout = g_new0 (Handout, 1);
  handout->revision = g_object_ref (self->revision);
  handout->layout = handout_layouts[index].layout;
  handout->print = g_str_equal (response, "print");
  /* Translators: the suggested file name of a deck's handout */
  handout->name = g_strdup_printf (_("%s handout.pdf"), mdg_deck_get_title (deck));
  call = g_new0 (HandoutCall, 1);
  g_weak_ref_init (&call->widget, self);
  call->handout = handout;
  if (self->waiting_handout != NULL)
    handout_call_free (self->waiting_handout);
  self->waiting_handout = call;
  if (self->n_saving == 0)
    start_handout (self);
}

static void
start_handout (MdgDecksPage *self)
{
  HandoutCall *call = g_steal_pointer (&self->waiting_handout);

  mdg_database_work_async (mdg_section_get_database (MDG_SECTION (self)), handout_work, call->handout, handout_free,
                           handout_work, NULL, handout_ready_cb, call);
}

static void
handout_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdgDecksPage *self = MDG_DECKS_PAGE (widget);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dialog, *layouts;

  if (self->revision == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (handout_layouts); i++)
    gtk_string_list_append (names, _(handout_layouts[i].label));
  layouts = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_widget_set_name (layouts, "deck-handout-layout");

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Print Handout"), NULL);
  gtk_widget_set_name (dialog, "deck-handout-dialog");
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Revision %u, on the paper chosen in Preferences, with the desk’s contact on every page."),
                                  mdg_deck_revision_get_number (self->revision));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), layouts);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save PDF…"),
                                    "print", _("_Print…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "print");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (handout_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- The section ---- */

static void
mdg_decks_page_close (MdgSection *section)
{
  flush_text (MDG_DECKS_PAGE (section));
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

  reload_decks (self);
}

static void
mdg_decks_page_dispose (GObject *object)
{
  MdgDecksPage *self = MDG_DECKS_PAGE (object);

  /* What was typed is written, even as the window goes. */
  if (self->content_stack != NULL)
    flush_text (self);
  while (!g_queue_is_empty (&self->queued_saves))
    start_save (NULL, g_queue_pop_head (&self->queued_saves));
  g_clear_pointer (&self->waiting_handout, handout_call_free);
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

  gtk_widget_class_install_action (widget_class, "decks.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "decks.revise", NULL, revise_action);
  gtk_widget_class_install_action (widget_class, "decks.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "decks.handout", NULL, handout_action);
  gtk_widget_class_install_action (widget_class, "decks.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "decks.show-slides", NULL, show_slides_action);
  gtk_widget_class_install_action (widget_class, "decks.place-review", "x", place_review_action);
  gtk_widget_class_install_action (widget_class, "decks.drop-review", "x", drop_review_action);

  /* Wherever the keyboard is in the section. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "decks.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "decks.present", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "decks.handout", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "decks.back", NULL);
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
  g_signal_connect_swapped (self->slide_selection, "notify::selected", G_CALLBACK (slide_selected_cb), self);

  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_parent (GTK_WIDGET (self->slide_grid)));
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (scrolled), "value-changed",
                            G_CALLBACK (grid_scrolled_cb), self);

  gtk_drop_down_set_model (self->revision_dropdown, G_LIST_MODEL (self->revision_names));
  g_signal_connect_swapped (self->revision_dropdown, "notify::selected", G_CALLBACK (revision_selected_cb), self);
  gtk_drop_down_set_model (self->compare_dropdown, G_LIST_MODEL (self->compare_names));
  g_signal_connect_swapped (self->compare_dropdown, "notify::selected", G_CALLBACK (compare_selected_cb), self);

  /* In a narrow window: the library, the grid and the slide one after the other. */
  g_signal_connect_swapped (self->deck_list, "activate", G_CALLBACK (deck_activated_cb), self);
  g_signal_connect_swapped (self->slide_grid, "activate", G_CALLBACK (slide_activated_cb), self);
  g_object_bind_property (self->slide_leaflet, "folded", self->slide_grid, "single-click-activate",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (update_back_buttons), self);
  g_signal_connect_swapped (self->leaflet, "notify::visible-child", G_CALLBACK (update_back_buttons), self);
  g_signal_connect_swapped (self->slide_leaflet, "notify::folded", G_CALLBACK (update_back_buttons), self);
  g_signal_connect_swapped (self->slide_leaflet, "notify::visible-child", G_CALLBACK (update_back_buttons), self);
  g_signal_connect_swapped (self->content_stack, "notify::visible-child-name", G_CALLBACK (update_back_buttons), self);
  g_signal_connect (self, "notify::narrow", G_CALLBACK (update_back_buttons), NULL);
  update_back_buttons (self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->explanation_view), "changed",
                            G_CALLBACK (explanation_changed_cb), self);
  update_actions (self);
}

gint64
mdg_decks_page_get_deck_id (MdgDecksPage *self)
{
  MdgDeck *deck;

  g_return_val_if_fail (MDG_IS_DECKS_PAGE (self), 0);
  deck = selected_deck (self);
  return deck != NULL ? mdg_deck_get_id (deck) : 0;
}

/* Whether the page still reads, imports or writes something. */
gboolean
mdg_decks_page_is_busy (MdgDecksPage *self)
{
  g_return_val_if_fail (MDG_IS_DECKS_PAGE (self), FALSE);
  return self->n_loading > 0 || self->n_importing > 0 || self->n_saving > 0 || self->save_id != 0;
}
