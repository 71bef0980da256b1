/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-presenter.h"

G_BEGIN_DECLS

/* The presentation's keys, the same in both of its windows (and so on a clicker). */
gboolean _mdg_presenter_handle_key (MdgPresenter    *presenter,
                                    guint            keyval,
                                    GdkModifierType  state);
void     _mdg_presenter_add_keys   (GtkWidget       *window,
                                    MdgPresenter    *presenter);

G_END_DECLS
