/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-slide-preloader"

#include "config.h"

#include "mdg-slide-preloader.h"

/*
 * Keeps the slides around the current one rendered at the size of each view, so that
 * moving to the next slide (or back) shows a finished image at once: a slide change
 * never waits for Poppler. When the presenter jumps far, the view shows what it has
 * (the same slide at another view's size) until its own is ready, which "ready" says.
 */

typedef struct
{
  guint       width;
  guint       height;
  GHashTable *images;   /* page → MdgPageImage */
  GHashTable *stale;    /* page → MdgPageImage at the size before: shown until replaced */
  GHashTable *pending;  /* page → GCancellable */
} View;

struct _MdgSlidePreloader
{
  GObject          parent_instance;

  MdgPageRenderer *renderer;
  MdgPresenter    *presenter;
  View             views[MDG_SLIDE_N_VIEWS];
};

G_DEFINE_FINAL_TYPE (MdgSlidePreloader, mdg_slide_preloader, G_TYPE_OBJECT)

enum {
  READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  MdgSlidePreloader *self;
  MdgSlideView       view;
  guint              page;
  guint              width;
  guint              height;
} Request;

static void
cancel_pending (gpointer key,
                gpointer value,
                gpointer user_data)
{
  g_cancellable_cancel (value);
}

static void
render_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Request *request = user_data;
  MdgSlidePreloader *self = request->self;
  View *view = &self->views[request->view];
  g_autoptr(MdgPageImage) image = NULL;
  g_autoptr(GError) error = NULL;

  image = mdg_page_renderer_render_finish (self->renderer, result, &error);
  if (image != NULL && view->width == request->width && view->height == request->height &&
      g_hash_table_contains (view->pending, GUINT_TO_POINTER (request->page)))
    {
      g_hash_table_remove (view->pending, GUINT_TO_POINTER (request->page));
      g_hash_table_replace (view->images, GUINT_TO_POINTER (request->page), mdg_page_image_ref (image));
      g_hash_table_remove (view->stale, GUINT_TO_POINTER (request->page));
      g_signal_emit (self, signals[READY], 0, request->view, request->page);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not render slide %u: %s", request->page + 1, error->message);

  g_object_unref (request->self);
  g_free (request);
}

static gboolean
outside (gpointer key,
         gpointer value,
         gpointer user_data)
{
  guint page = GPOINTER_TO_UINT (key);
  guint slide = GPOINTER_TO_UINT (user_data);

  return page + 2 < slide || page > slide + MDG_SLIDE_PRELOAD_AHEAD + 1;
}

static gboolean
outside_pending (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  if (!outside (key, value, user_data))
    return FALSE;
  g_cancellable_cancel (value);
  return TRUE;
}

/* Asks for what the views will need next and forgets what they will not. */
static void
update (MdgSlidePreloader *self)
{
  guint slide = mdg_presenter_get_slide (self->presenter);
  guint n_slides = mdg_presenter_get_n_slides (self->presenter);

  for (guint v = 0; v < MDG_SLIDE_N_VIEWS; v++)
    {
      View *view = &self->views[v];

      if (view->width == 0)
        continue;
      g_hash_table_foreach_remove (view->images, outside, GUINT_TO_POINTER (slide));
      g_hash_table_foreach_remove (view->stale, outside, GUINT_TO_POINTER (slide));
      g_hash_table_foreach_remove (view->pending, outside_pending, GUINT_TO_POINTER (slide));

      /* The current slide first, then the ones after it, then the one before. */
      for (int offset = 0; offset <= MDG_SLIDE_PRELOAD_AHEAD + 1; offset++)
        {
          int page = offset <= MDG_SLIDE_PRELOAD_AHEAD ? (int) slide + offset : (int) slide - 1;
          GCancellable *cancellable;
          Request *request;

          if (page < 0 || (guint) page >= n_slides ||
              g_hash_table_contains (view->images, GINT_TO_POINTER (page)) ||
              g_hash_table_contains (view->pending, GINT_TO_POINTER (page)))
            continue;

          cancellable = g_cancellable_new ();
          g_hash_table_insert (view->pending, GINT_TO_POINTER (page), cancellable);
          request = g_new0 (Request, 1);
          request->self = g_object_ref (self);
          request->view = v;
          request->page = page;
          request->width = view->width;
          request->height = view->height;
          mdg_page_renderer_render_async (self->renderer, page, view->width, view->height, MDG_RENDER_DEFAULT,
                                          offset * MDG_SLIDE_N_VIEWS + v, cancellable, render_cb, request);
        }
    }
}

static void
slide_changed_cb (MdgSlidePreloader *self)
{
  update (self);
}

static void
mdg_slide_preloader_dispose (GObject *object)
{
  MdgSlidePreloader *self = (MdgSlidePreloader *) object;

  for (guint v = 0; v < MDG_SLIDE_N_VIEWS; v++)
    {
      if (self->views[v].pending != NULL)
        g_hash_table_foreach (self->views[v].pending, cancel_pending, NULL);
      g_clear_pointer (&self->views[v].pending, g_hash_table_unref);
      g_clear_pointer (&self->views[v].images, g_hash_table_unref);
      g_clear_pointer (&self->views[v].stale, g_hash_table_unref);
    }
  if (self->presenter != NULL)
    g_signal_handlers_disconnect_by_data (self->presenter, self);
  g_clear_object (&self->presenter);
  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (mdg_slide_preloader_parent_class)->dispose (object);
}

static void
mdg_slide_preloader_class_init (MdgSlidePreloaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mdg_slide_preloader_dispose;

  /**
   * MdgSlidePreloader::ready:
   * @view: the view, a #MdgSlideView
   * @page: the page now rendered at the view's size
   */
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
mdg_slide_preloader_init (MdgSlidePreloader *self)
{
  for (guint v = 0; v < MDG_SLIDE_N_VIEWS; v++)
    {
      self->views[v].images = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) mdg_page_image_unref);
      self->views[v].stale = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) mdg_page_image_unref);
      self->views[v].pending = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
    }
}

/**
 * mdg_slide_preloader_new:
 * @renderer: renders the deck's pages
 * @presenter: the presentation whose slides to keep ready
 *
 * Returns: (transfer full): a preloader; it renders nothing until a view has a size
 */
MdgSlidePreloader *
mdg_slide_preloader_new (MdgPageRenderer *renderer,
                         MdgPresenter    *presenter)
{
  MdgSlidePreloader *self;

  g_return_val_if_fail (MDG_IS_PAGE_RENDERER (renderer), NULL);
  g_return_val_if_fail (MDG_IS_PRESENTER (presenter), NULL);

  self = g_object_new (MDG_TYPE_SLIDE_PRELOADER, NULL);
  self->renderer = g_object_ref (renderer);
  self->presenter = g_object_ref (presenter);
  g_signal_connect_swapped (presenter, "notify::slide", G_CALLBACK (slide_changed_cb), self);
  return self;
}

/* The view's size in device pixels (logical size times the scale); 0 × 0 for hidden. */
void
mdg_slide_preloader_set_size (MdgSlidePreloader *self,
                              MdgSlideView       view,
                              guint              width,
                              guint              height)
{
  View *v;

  g_return_if_fail (MDG_IS_SLIDE_PRELOADER (self));
  g_return_if_fail (view < MDG_SLIDE_N_VIEWS);

  v = &self->views[view];
  if (v->width == width && v->height == height)
    return;
  v->width = width;
  v->height = height;
  g_hash_table_foreach (v->pending, cancel_pending, NULL);
  g_hash_table_remove_all (v->pending);
  /* The old images stay until the new ones come: a resized view shows something. */
  g_hash_table_unref (v->stale);
  v->stale = g_steal_pointer (&v->images);
  v->images = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) mdg_page_image_unref);
  update (self);
}

/* Returns: (transfer none) (nullable): the page rendered for the view (at its size,
 * or at its size before a resize until the new one is ready) */
MdgPageImage *
mdg_slide_preloader_lookup (MdgSlidePreloader *self,
                            MdgSlideView       view,
                            guint              page)
{
  MdgPageImage *image;

  g_return_val_if_fail (MDG_IS_SLIDE_PRELOADER (self), NULL);
  g_return_val_if_fail (view < MDG_SLIDE_N_VIEWS, NULL);

  image = g_hash_table_lookup (self->views[view].images, GUINT_TO_POINTER (page));
  return image ? image : g_hash_table_lookup (self->views[view].stale, GUINT_TO_POINTER (page));
}

/* Returns: (transfer none) (nullable): the page at whatever size some view has it */
MdgPageImage *
mdg_slide_preloader_lookup_any (MdgSlidePreloader *self,
                                guint              page)
{
  MdgPageImage *best = NULL;

  g_return_val_if_fail (MDG_IS_SLIDE_PRELOADER (self), NULL);

  for (guint v = 0; v < MDG_SLIDE_N_VIEWS; v++)
    {
      MdgPageImage *image = mdg_slide_preloader_lookup (self, v, page);

      if (image != NULL && (best == NULL || mdg_page_image_get_width (image) > mdg_page_image_get_width (best)))
        best = image;
    }
  return best;
}
