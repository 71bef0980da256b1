/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-slide-picture.h"

G_BEGIN_DECLS

#define MDG_TYPE_AUDIENCE_WINDOW (mdg_audience_window_get_type ())

G_DECLARE_FINAL_TYPE (MdgAudienceWindow, mdg_audience_window, MDG, AUDIENCE_WINDOW, GtkWindow)

MdgAudienceWindow *mdg_audience_window_new         (MdgSlidePreloader *preloader,
                                                    MdgPresenter      *presenter);
MdgSlidePicture   *mdg_audience_window_get_picture (MdgAudienceWindow *self);

G_END_DECLS
