/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-types.h"

G_BEGIN_DECLS

#define MDG_TYPE_PROGRAM_ITEM (mdg_program_item_get_type ())

G_DECLARE_FINAL_TYPE (MdgProgramItem, mdg_program_item, MDG, PROGRAM_ITEM, GObject)

MdgProgramItem *mdg_program_item_new           (MdgProgramKind  kind,
                                                guint           minutes);
gint64          mdg_program_item_get_id        (MdgProgramItem *self);
gint64          mdg_program_item_get_seminar_id (MdgProgramItem *self);
MdgProgramKind  mdg_program_item_get_kind      (MdgProgramItem *self);
void            mdg_program_item_set_kind      (MdgProgramItem *self,
                                                MdgProgramKind  kind);
guint           mdg_program_item_get_minutes   (MdgProgramItem *self);
void            mdg_program_item_set_minutes   (MdgProgramItem *self,
                                                guint           minutes);
const char     *mdg_program_item_get_title     (MdgProgramItem *self);
void            mdg_program_item_set_title     (MdgProgramItem *self,
                                                const char     *title);
const char     *mdg_program_item_get_presenter (MdgProgramItem *self);
void            mdg_program_item_set_presenter (MdgProgramItem *self,
                                                const char     *presenter);
const char     *mdg_program_item_get_deck_title (MdgProgramItem *self);
void            mdg_program_item_set_deck_title (MdgProgramItem *self,
                                                 const char     *deck_title);
GDateTime      *mdg_program_item_get_starts_at (MdgProgramItem *self);
GDateTime      *mdg_program_item_get_ends_at   (MdgProgramItem *self);
char           *mdg_program_item_dup_display_title (MdgProgramItem *self);

const char     *mdg_program_kind_to_string     (MdgProgramKind  kind);
gboolean        mdg_program_kind_from_string   (const char     *text,
                                                MdgProgramKind *kind);
const char     *mdg_program_kind_get_label     (MdgProgramKind  kind);

int             mdg_program_schedule           (GPtrArray      *items,
                                                GDateTime      *starts_at,
                                                GDateTime      *ends_at);

void            _mdg_program_item_set_identity (MdgProgramItem *self,
                                                gint64          id,
                                                gint64          seminar_id);

G_END_DECLS
