/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MDG_TYPE_PREFERENCES_WINDOW (mdg_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (MdgPreferencesWindow, mdg_preferences_window, MDG, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *mdg_preferences_window_new (GtkWindow *parent);

G_END_DECLS
