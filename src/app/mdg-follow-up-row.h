/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-follow-up.h"

G_BEGIN_DECLS

#define MDG_TYPE_FOLLOW_UP_ROW (mdg_follow_up_row_get_type ())

G_DECLARE_FINAL_TYPE (MdgFollowUpRow, mdg_follow_up_row, MDG, FOLLOW_UP_ROW, GtkWidget)

GObject     *mdg_follow_up_row_get_item      (MdgFollowUpRow *self);
void         mdg_follow_up_row_set_item      (MdgFollowUpRow *self,
                                              GObject        *item);
MdgFollowUp *mdg_follow_up_row_get_follow_up (MdgFollowUpRow *self);
char        *_mdg_format_due_date            (const GDate    *date);

G_END_DECLS
