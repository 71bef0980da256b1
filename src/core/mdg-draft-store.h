/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-consultation.h"
#include "mdg-database.h"
#include "mdg-person.h"

G_BEGIN_DECLS

/*
 * What a form holds while it is being typed, saved field by field as it changes, so
 * that closing (or losing) the window loses nothing that was on screen. A draft has a
 * kind ("consultation" for intake; "answer" with the consultation as target for an
 * answer being written) and belongs to the staff member who types it.
 *
 * Intake's field names: channel, received-at (ISO 8601), organization,
 * organization-id, person-id, person-<field> for a new person (person-family-name,
 * person-email… as mdg_person_field_to_string() names them), seminar-id,
 * registration-id, categories (keys or ids, separated by commas), subject, question,
 * urgency, sensitive (true/false), due-date (YYYY-MM-DD).
 */

#define MDG_DRAFT_KIND_CONSULTATION "consultation"
#define MDG_DRAFT_KIND_ANSWER       "answer"

typedef struct
{
  gint64     id;
  char      *kind;
  gint64     staff_id;
  gint64     target_id;
  GDateTime *updated_at;
  char      *summary;   /* the subject typed so far, to recognise it by */
} MdgDraft;

void             mdg_draft_free                        (MdgDraft        *draft);

gint64           mdg_draft_store_create                (MdgDatabase     *db,
                                                        const char      *kind,
                                                        gint64           staff_id,
                                                        gint64           target_id,
                                                        GError         **error);
gboolean         mdg_draft_store_set                   (MdgDatabase     *db,
                                                        gint64           draft_id,
                                                        const char      *name,
                                                        const char      *value,
                                                        GError         **error);
GHashTable      *mdg_draft_store_load                  (MdgDatabase     *db,
                                                        gint64           draft_id,
                                                        GError         **error);
GPtrArray       *mdg_draft_store_list                  (MdgDatabase     *db,
                                                        const char      *kind,
                                                        gint64           staff_id,
                                                        GError         **error);
gboolean         mdg_draft_store_discard               (MdgDatabase     *db,
                                                        gint64           draft_id,
                                                        GError         **error);
MdgConsultation *mdg_draft_store_to_consultation       (MdgDatabase     *db,
                                                        gint64           draft_id,
                                                        MdgPerson      **new_person,
                                                        GError         **error);
gint64           mdg_draft_store_submit_consultation   (MdgDatabase     *db,
                                                        gint64           actor_id,
                                                        gint64           draft_id,
                                                        GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgDraft, mdg_draft_free)

G_END_DECLS
