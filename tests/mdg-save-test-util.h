/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-window-test-util.h"

G_BEGIN_DECLS

GtkWidget  *find_label_holding        (GtkWidget      *root,
                                       const char     *text);
void        offer_empty_folder        (WindowFixture  *f);
char       *save_in_chooser           (WindowFixture  *f,
                                       const char     *name);
char       *read_saved_pdf            (WindowFixture  *f,
                                       const char     *path);

G_END_DECLS
