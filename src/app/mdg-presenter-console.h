/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-page-renderer.h"
#include "mdg-slide-picture.h"

G_BEGIN_DECLS

#define MDG_TYPE_PRESENTER_CONSOLE (mdg_presenter_console_get_type ())

G_DECLARE_FINAL_TYPE (MdgPresenterConsole, mdg_presenter_console, MDG, PRESENTER_CONSOLE, AdwWindow)

MdgPresenterConsole *mdg_presenter_console_new          (MdgSlidePreloader   *preloader,
                                                         MdgPresenter        *presenter,
                                                         MdgPageRenderer     *renderer,
                                                         GPtrArray           *pages,
                                                         const char          *title,
                                                         const char          *subtitle);
void                 mdg_presenter_console_set_monitors (MdgPresenterConsole *self,
                                                         GListModel          *monitors,
                                                         guint                audience);
MdgSlidePicture     *mdg_presenter_console_get_current  (MdgPresenterConsole *self);
MdgSlidePicture     *mdg_presenter_console_get_next     (MdgPresenterConsole *self);

G_END_DECLS
