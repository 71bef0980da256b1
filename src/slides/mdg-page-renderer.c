/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-page-renderer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-page-renderer.h"
#include "mdg-slide-document.h"

/*
 * Renders the pages of one PDF off the main thread. Poppler is not thread-safe, so each
 * worker opens the file for itself and never shares its document; with two workers two
 * pages render at once. Requests wait in one queue: the pages the user can see go
 * first, then by priority, then in the order asked. Thumbnails are kept on disk as PNG
 * under the file's SHA-256, the page and the size, so a deck opened again shows them
 * at once, whatever its file is called.
 */

typedef struct
{
  GTask          *task;
  guint           page;
  guint           max_width;
  guint           max_height;
  MdgRenderFlags  flags;
  int             priority;
  guint64         serial;
  char           *cache_path;  /* where the image is kept, when it is */
} Job;

struct _MdgPageRenderer
{
  GObject    parent_instance;

  char      *path;
  char      *sha256;
  char      *cache_dir;
  GPtrArray *threads;

  /* Shared with the workers, under the lock. */
  GMutex     lock;
  GCond      wake;
  GPtrArray *queue;
  guint64    serial;
  guint      visible_first;
  guint      visible_last;
  gboolean   quitting;
};

G_DEFINE_FINAL_TYPE (MdgPageRenderer, mdg_page_renderer, G_TYPE_OBJECT)

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_free (job->cache_path);
  g_free (job);
}

static char *
cache_path (MdgPageRenderer *self,
            Job             *job)
{
  g_autofree char *name = g_strdup_printf ("%u-%ux%u.png", job->page + 1, job->max_width, job->max_height);

  /* The key is (file hash, page, size): a file's pages never change. */
  return g_build_filename (self->cache_dir, self->sha256, name, NULL);
}

static MdgPageImage *
load_cached (const char *path,
             guint       page)
{
  cairo_surface_t *surface;
  MdgPageImage *image = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  surface = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS &&
      cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24)
    {
      /* An opaque page comes back without alpha; images are always ARGB32. */
      cairo_surface_t *argb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width (surface),
                                                          cairo_image_surface_get_height (surface));
      cairo_t *cr = cairo_create (argb);

      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      surface = argb;
    }
  if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS &&
      cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32)
    image = mdg_page_image_new_for_surface (surface, page);
  cairo_surface_destroy (surface);
  return image;
}

static cairo_status_t
write_png_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  return mdg_file_writer_write (closure, data, length, NULL) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Written as every file of the data folder is, so a reader never sees half a file. A
 * cache that cannot be written is only slower next time. */
static void
store_cached (const char   *path,
              MdgPageImage *image)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(MdgFileWriter) writer = NULL;

  if (g_mkdir_with_parents (folder, 0700) != 0 || !(writer = mdg_file_writer_new (path, NULL)))
    return;
  if (cairo_surface_write_to_png_stream (mdg_page_image_get_surface (image), write_png_cb, writer) ==
      CAIRO_STATUS_SUCCESS)
    mdg_file_writer_commit (writer, NULL);
}

static gboolean
is_visible (MdgPageRenderer *self,
            Job             *job)
{
  return job->page >= self->visible_first && job->page <= self->visible_last;
}

/* The next job: visible pages first, then by priority, then first come. Under the lock. */
static Job *
take_job (MdgPageRenderer *self)
{
  guint best = 0;

  for (guint i = 1; i < self->queue->len; i++)
    {
      Job *a = g_ptr_array_index (self->queue, i), *b = g_ptr_array_index (self->queue, best);
      gboolean va = is_visible (self, a), vb = is_visible (self, b);

      if (va != vb ? va : a->priority != b->priority ? a->priority < b->priority : a->serial < b->serial)
        best = i;
    }
  return g_ptr_array_steal_index (self->queue, best);
}

static gpointer
worker (gpointer data)
{
  MdgPageRenderer *self = data;
  g_autoptr(MdgSlideDocument) document = NULL;
  g_autoptr(GError) open_error = NULL;

  for (;;)
    {
      g_autoptr(MdgPageImage) image = NULL;
      Job *job;

      g_mutex_lock (&self->lock);
      while (!self->quitting && self->queue->len == 0)
        g_cond_wait (&self->wake, &self->lock);
      if (self->quitting)
        {
          g_mutex_unlock (&self->lock);
          break;
        }
      job = take_job (self);
      g_mutex_unlock (&self->lock);

      if (g_task_return_error_if_cancelled (job->task))
        {
          job_free (job);
          continue;
        }

      if (job->cache_path != NULL)
        image = load_cached (job->cache_path, job->page);

      if (image == NULL && document == NULL && open_error == NULL)
        document = mdg_slide_document_new (self->path, &open_error);

      if (image == NULL && document == NULL)
        g_task_return_error (job->task, g_error_copy (open_error));
      else if (image == NULL && job->page >= mdg_slide_document_get_n_pages (document))
        g_task_return_new_error (job->task, MDG_ERROR, MDG_ERROR_INVALID,
                                 _("There is no slide %u: the deck has %u"), job->page + 1,
                                 mdg_slide_document_get_n_pages (document));
      else
        {
          gboolean fresh = image == NULL;

          if (fresh)
            image = mdg_slide_document_render (document, job->page, job->max_width, job->max_height);
          g_task_return_pointer (job->task, mdg_page_image_ref (image), (GDestroyNotify) mdg_page_image_unref);
          /* After handing the image over: the disk can wait, the user cannot. */
          if (fresh && job->cache_path != NULL)
            store_cached (job->cache_path, image);
        }
      job_free (job);
    }
  return NULL;
}

static void
mdg_page_renderer_dispose (GObject *object)
{
  MdgPageRenderer *self = (MdgPageRenderer *) object;
  g_autoptr(GPtrArray) left = NULL;

  g_mutex_lock (&self->lock);
  self->quitting = TRUE;
  left = g_steal_pointer (&self->queue);
  self->queue = g_ptr_array_new ();
  g_cond_broadcast (&self->wake);
  g_mutex_unlock (&self->lock);

  /* A worker finishes the page it is on (a few milliseconds), then stops. */
  if (self->threads != NULL)
    for (guint i = 0; i < self->threads->len; i++)
      g_thread_join (g_ptr_array_index (self->threads, i));
  g_clear_pointer (&self->threads, g_ptr_array_unref);

  for (guint i = 0; left && i < left->len; i++)
    {
      Job *job = g_ptr_array_index (left, i);
      g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The deck was closed"));
      job_free (job);
    }

  G_OBJECT_CLASS (mdg_page_renderer_parent_class)->dispose (object);
}

static void
mdg_page_renderer_finalize (GObject *object)
{
  MdgPageRenderer *self = (MdgPageRenderer *) object;

  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->cache_dir, g_free);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);

  G_OBJECT_CLASS (mdg_page_renderer_parent_class)->finalize (object);
}

static void
mdg_page_renderer_class_init (MdgPageRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mdg_page_renderer_dispose;
  object_class->finalize = mdg_page_renderer_finalize;
}

static void
mdg_page_renderer_init (MdgPageRenderer *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  self->queue = g_ptr_array_new ();
  self->visible_first = 1;
  self->visible_last = 0;
  self->cache_dir = g_build_filename (g_get_user_cache_dir (), "madoguchi", "slides", NULL);
}

/**
 * mdg_page_renderer_new:
 * @pdf_path: the PDF
 * @sha256: (nullable): its SHA-256, the key of its images on disk; %NULL keeps none
 * @n_workers: how many pages to render at once (each worker opens the file itself)
 *
 * Returns: (transfer full): a renderer
 */
MdgPageRenderer *
mdg_page_renderer_new (const char *pdf_path,
                       const char *sha256,
                       guint       n_workers)
{
  MdgPageRenderer *self;

  g_return_val_if_fail (pdf_path != NULL, NULL);
  g_return_val_if_fail (n_workers >= 1 && n_workers <= 16, NULL);

  self = g_object_new (MDG_TYPE_PAGE_RENDERER, NULL);
  self->path = g_strdup (pdf_path);
  self->sha256 = g_strdup (sha256);
  self->threads = g_ptr_array_new ();
  for (guint i = 0; i < n_workers; i++)
    g_ptr_array_add (self->threads, g_thread_new ("mdg-render", worker, self));
  return self;
}

/* Where thumbnails are kept: $XDG_CACHE_HOME/madoguchi/slides unless set. */
void
mdg_page_renderer_set_cache_dir (MdgPageRenderer *self,
                                 const char      *cache_dir)
{
  g_return_if_fail (MDG_IS_PAGE_RENDERER (self));
  g_return_if_fail (cache_dir != NULL);

  g_free (self->cache_dir);
  self->cache_dir = g_strdup (cache_dir);
}

const char *
mdg_page_renderer_get_cache_dir (MdgPageRenderer *self)
{
  g_return_val_if_fail (MDG_IS_PAGE_RENDERER (self), NULL);
  return self->cache_dir;
}

/**
 * mdg_page_renderer_render_async:
 * @self: a #MdgPageRenderer
 * @page: the page, counting from 0
 * @max_width: the largest width, in device pixels (logical size times the scale)
 * @max_height: the largest height, in device pixels; 0 for any
 * @flags: %MDG_RENDER_CACHE to keep the image on disk
 * @priority: lower goes first (visible pages go before all others)
 * @cancellable: (nullable): cancel when the page is no longer wanted
 * @callback: called in the calling thread's main context with the image
 * @user_data: data for @callback
 *
 * Asks for a page as large as fits in the box, keeping its proportions.
 */
void
mdg_page_renderer_render_async (MdgPageRenderer     *self,
                                guint                page,
                                guint                max_width,
                                guint                max_height,
                                MdgRenderFlags       flags,
                                int                  priority,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Job *job;

  g_return_if_fail (MDG_IS_PAGE_RENDERER (self));
  g_return_if_fail (max_width > 0);

  job = g_new0 (Job, 1);
  /* No source object: a task must not keep the renderer alive, or the last reference
   * could drop in a worker, which cannot wait for itself. */
  job->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, mdg_page_renderer_render_async);
  job->page = page;
  job->max_width = max_width;
  job->max_height = max_height;
  job->flags = flags;
  job->priority = priority;
  if ((flags & MDG_RENDER_CACHE) && self->sha256 != NULL)
    job->cache_path = cache_path (self, job);

  g_mutex_lock (&self->lock);
  job->serial = self->serial++;
  g_ptr_array_add (self->queue, job);
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

/**
 * mdg_page_renderer_render_finish:
 * @self: a #MdgPageRenderer
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the image, or %NULL with @error set
 */
MdgPageImage *
mdg_page_renderer_render_finish (MdgPageRenderer  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mdg_page_renderer_render_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mdg_page_renderer_set_visible_range:
 * @self: a #MdgPageRenderer
 * @first: the first page on screen, counting from 0
 * @last: the last page on screen
 *
 * Pages on screen are rendered before all others still waiting, whenever they were
 * asked for: call it as the user scrolls.
 */
void
mdg_page_renderer_set_visible_range (MdgPageRenderer *self,
                                     guint            first,
                                     guint            last)
{
  g_return_if_fail (MDG_IS_PAGE_RENDERER (self));

  g_mutex_lock (&self->lock);
  self->visible_first = first;
  self->visible_last = last;
  g_mutex_unlock (&self->lock);
}

/* How many requests wait for a worker. */
guint
mdg_page_renderer_get_n_pending (MdgPageRenderer *self)
{
  guint n;

  g_return_val_if_fail (MDG_IS_PAGE_RENDERER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->queue->len;
  g_mutex_unlock (&self->lock);
  return n;
}
