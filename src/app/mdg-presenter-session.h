/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-audience-window.h"
#include "mdg-database.h"
#include "mdg-presenter-console.h"

G_BEGIN_DECLS

#define MDG_TYPE_PRESENTER_SESSION (mdg_presenter_session_get_type ())

G_DECLARE_FINAL_TYPE (MdgPresenterSession, mdg_presenter_session, MDG, PRESENTER_SESSION, GObject)

void                 mdg_presenter_session_start_async  (GtkApplication       *application,
                                                         MdgDatabase          *db,
                                                         gint64                deck_id,
                                                         guint                 revision_number,
                                                         gboolean              rehearse,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
MdgPresenterSession *mdg_presenter_session_start_finish (GAsyncResult         *result,
                                                         GError              **error);
MdgPresenter        *mdg_presenter_session_get_presenter (MdgPresenterSession *self);
MdgPresenterConsole *mdg_presenter_session_get_console  (MdgPresenterSession  *self);
MdgAudienceWindow   *mdg_presenter_session_get_audience (MdgPresenterSession  *self);
MdgSlidePreloader   *mdg_presenter_session_get_preloader (MdgPresenterSession *self);
gboolean             mdg_presenter_session_is_rehearsal (MdgPresenterSession  *self);

G_END_DECLS
