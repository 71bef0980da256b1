/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/*
 * A rendered page: premultiplied ARGB32 pixels in native byte order (cairo's
 * CAIRO_FORMAT_ARGB32, which is GDK_MEMORY_DEFAULT), so that the window wraps the
 * bytes in a GdkMemoryTexture without copying them.
 */
typedef struct _MdgPageImage MdgPageImage;

#define MDG_TYPE_PAGE_IMAGE (mdg_page_image_get_type ())

GType            mdg_page_image_get_type       (void) G_GNUC_CONST;
MdgPageImage    *mdg_page_image_new_for_surface (cairo_surface_t *surface,
                                                 guint            page);
MdgPageImage    *mdg_page_image_ref            (MdgPageImage    *self);
void             mdg_page_image_unref          (MdgPageImage    *self);
guint            mdg_page_image_get_page       (MdgPageImage    *self);
int              mdg_page_image_get_width      (MdgPageImage    *self);
int              mdg_page_image_get_height     (MdgPageImage    *self);
gsize            mdg_page_image_get_stride     (MdgPageImage    *self);
GBytes          *mdg_page_image_get_bytes      (MdgPageImage    *self);
cairo_surface_t *mdg_page_image_get_surface    (MdgPageImage    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgPageImage, mdg_page_image_unref)

G_END_DECLS
