/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-types.h"

G_BEGIN_DECLS

#define MDG_TYPE_SEMINAR (mdg_seminar_get_type ())

G_DECLARE_FINAL_TYPE (MdgSeminar, mdg_seminar, MDG, SEMINAR, GObject)

MdgSeminar       *mdg_seminar_new              (void);
MdgSeminar       *mdg_seminar_copy             (MdgSeminar       *self);
gint64            mdg_seminar_get_id           (MdgSeminar       *self);
const char       *mdg_seminar_get_uuid         (MdgSeminar       *self);
const char       *mdg_seminar_get_title        (MdgSeminar       *self);
void              mdg_seminar_set_title        (MdgSeminar       *self,
                                                const char       *title);
GDateTime        *mdg_seminar_get_starts_at    (MdgSeminar       *self);
void              mdg_seminar_set_starts_at    (MdgSeminar       *self,
                                                GDateTime        *starts_at);
GDateTime        *mdg_seminar_get_ends_at      (MdgSeminar       *self);
void              mdg_seminar_set_ends_at      (MdgSeminar       *self,
                                                GDateTime        *ends_at);
const char       *mdg_seminar_get_venue        (MdgSeminar       *self);
void              mdg_seminar_set_venue        (MdgSeminar       *self,
                                                const char       *venue);
const char       *mdg_seminar_get_online_url   (MdgSeminar       *self);
void              mdg_seminar_set_online_url   (MdgSeminar       *self,
                                                const char       *online_url);
guint             mdg_seminar_get_capacity     (MdgSeminar       *self);
void              mdg_seminar_set_capacity     (MdgSeminar       *self,
                                                guint             capacity);
const char       *mdg_seminar_get_co_organizer (MdgSeminar       *self);
void              mdg_seminar_set_co_organizer (MdgSeminar       *self,
                                                const char       *co_organizer);
MdgSeminarStatus  mdg_seminar_get_status       (MdgSeminar       *self);
void              mdg_seminar_set_status       (MdgSeminar       *self,
                                                MdgSeminarStatus  status);
const char       *mdg_seminar_get_description  (MdgSeminar       *self);
void              mdg_seminar_set_description  (MdgSeminar       *self,
                                                const char       *description);
gboolean          mdg_seminar_is_past          (MdgSeminar       *self,
                                                GDateTime        *now);
gboolean          mdg_seminar_matches          (MdgSeminar       *self,
                                                const char       *folded_query);
gboolean          mdg_seminar_validate         (MdgSeminar       *self,
                                                GError          **error);

const char       *mdg_seminar_status_to_string (MdgSeminarStatus  status);
gboolean          mdg_seminar_status_from_string (const char     *text,
                                                  MdgSeminarStatus *status);
const char       *mdg_seminar_status_get_label (MdgSeminarStatus  status);
gboolean          mdg_seminar_status_get_next  (MdgSeminarStatus  status,
                                                MdgSeminarStatus *next);
const char       *mdg_seminar_status_get_advance_label (MdgSeminarStatus status);

/* For the store: fills the fields that come from the database. */
void              _mdg_seminar_set_identity    (MdgSeminar       *self,
                                                gint64            id,
                                                const char       *uuid);

G_END_DECLS
