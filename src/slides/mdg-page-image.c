/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-page-image"

#include "config.h"

#include "mdg-page-image.h"

struct _MdgPageImage
{
  gatomicrefcount  ref_count;
  guint            page;
  cairo_surface_t *surface;
  GBytes          *bytes;
};

G_DEFINE_BOXED_TYPE (MdgPageImage, mdg_page_image, mdg_page_image_ref, mdg_page_image_unref)

/**
 * mdg_page_image_new_for_surface:
 * @surface: an ARGB32 image surface; the image keeps a reference
 * @page: the page it shows, counting from 0
 *
 * Returns: (transfer full): the image
 */
MdgPageImage *
mdg_page_image_new_for_surface (cairo_surface_t *surface,
                                guint            page)
{
  MdgPageImage *self;

  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32, NULL);

  cairo_surface_flush (surface);
  self = g_new0 (MdgPageImage, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->page = page;
  self->surface = cairo_surface_reference (surface);
  /* The bytes borrow the surface's pixels; they keep the surface alive. */
  self->bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                            (gsize) cairo_image_surface_get_stride (surface) *
                                              cairo_image_surface_get_height (surface),
                                            (GDestroyNotify) cairo_surface_destroy,
                                            cairo_surface_reference (surface));
  return self;
}

MdgPageImage *
mdg_page_image_ref (MdgPageImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mdg_page_image_unref (MdgPageImage *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_bytes_unref (self->bytes);
  cairo_surface_destroy (self->surface);
  g_free (self);
}

guint
mdg_page_image_get_page (MdgPageImage *self)
{
  return self->page;
}

/* In device pixels: the logical size times the scale it was rendered for. */
int
mdg_page_image_get_width (MdgPageImage *self)
{
  return cairo_image_surface_get_width (self->surface);
}

int
mdg_page_image_get_height (MdgPageImage *self)
{
  return cairo_image_surface_get_height (self->surface);
}

gsize
mdg_page_image_get_stride (MdgPageImage *self)
{
  return cairo_image_surface_get_stride (self->surface);
}

/* Returns: (transfer none): the pixels, for gdk_memory_texture_new() */
GBytes *
mdg_page_image_get_bytes (MdgPageImage *self)
{
  return self->bytes;
}

/* Returns: (transfer none): the pixels as a cairo surface, to draw with */
cairo_surface_t *
mdg_page_image_get_surface (MdgPageImage *self)
{
  return self->surface;
}
