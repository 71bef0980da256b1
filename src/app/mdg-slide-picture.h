/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-slide-preloader.h"

G_BEGIN_DECLS

#define MDG_TYPE_SLIDE_PICTURE (mdg_slide_picture_get_type ())

G_DECLARE_FINAL_TYPE (MdgSlidePicture, mdg_slide_picture, MDG, SLIDE_PICTURE, GtkWidget)

void     mdg_slide_picture_setup          (MdgSlidePicture   *self,
                                           MdgSlidePreloader *preloader,
                                           MdgPresenter      *presenter,
                                           MdgSlideView       view);
int      mdg_slide_picture_get_shown_page (MdgSlidePicture   *self);
gboolean mdg_slide_picture_is_black       (MdgSlidePicture   *self);

G_END_DECLS
