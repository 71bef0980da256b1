/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-page-image.h"

G_BEGIN_DECLS

typedef enum /*< flags >*/
{
  MDG_RENDER_DEFAULT = 0,
  MDG_RENDER_CACHE = 1 << 0,  /* keep the image on disk for next time (thumbnails) */
} MdgRenderFlags;

#define MDG_TYPE_PAGE_RENDERER (mdg_page_renderer_get_type ())

G_DECLARE_FINAL_TYPE (MdgPageRenderer, mdg_page_renderer, MDG, PAGE_RENDERER, GObject)

MdgPageRenderer *mdg_page_renderer_new               (const char       *pdf_path,
                                                      const char       *sha256,
                                                      guint             n_workers);
void             mdg_page_renderer_set_cache_dir     (MdgPageRenderer  *self,
                                                      const char       *cache_dir);
const char      *mdg_page_renderer_get_cache_dir     (MdgPageRenderer  *self);
void             mdg_page_renderer_render_async      (MdgPageRenderer  *self,
                                                      guint             page,
                                                      guint             max_width,
                                                      guint             max_height,
                                                      MdgRenderFlags    flags,
                                                      int               priority,
                                                      GCancellable     *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer          user_data);
MdgPageImage    *mdg_page_renderer_render_finish     (MdgPageRenderer  *self,
                                                      GAsyncResult     *result,
                                                      GError          **error);
void             mdg_page_renderer_set_visible_range (MdgPageRenderer  *self,
                                                      guint             first,
                                                      guint             last);
guint            mdg_page_renderer_get_n_pending     (MdgPageRenderer  *self);

G_END_DECLS
