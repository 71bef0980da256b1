/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-page-renderer.h"
#include "mdg-presenter.h"

G_BEGIN_DECLS

/* The views of a presentation, each with the size its slides are shown at. */
typedef enum
{
  MDG_SLIDE_VIEW_AUDIENCE,
  MDG_SLIDE_VIEW_CURRENT,   /* the console's current slide */
  MDG_SLIDE_VIEW_NEXT,      /* the console's next slide */
  MDG_SLIDE_N_VIEWS,
} MdgSlideView;

/* How many slides past the current one are kept rendered. */
#define MDG_SLIDE_PRELOAD_AHEAD 3

#define MDG_TYPE_SLIDE_PRELOADER (mdg_slide_preloader_get_type ())

G_DECLARE_FINAL_TYPE (MdgSlidePreloader, mdg_slide_preloader, MDG, SLIDE_PRELOADER, GObject)

MdgSlidePreloader *mdg_slide_preloader_new        (MdgPageRenderer   *renderer,
                                                   MdgPresenter      *presenter);
void               mdg_slide_preloader_set_size   (MdgSlidePreloader *self,
                                                   MdgSlideView       view,
                                                   guint              width,
                                                   guint              height);
MdgPageImage      *mdg_slide_preloader_lookup     (MdgSlidePreloader *self,
                                                   MdgSlideView       view,
                                                   guint              page);
MdgPageImage      *mdg_slide_preloader_lookup_any (MdgSlidePreloader *self,
                                                   guint              page);

G_END_DECLS
