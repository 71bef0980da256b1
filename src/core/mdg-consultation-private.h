/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "mdg-consultation.h"

G_BEGIN_DECLS

/* What only the store sets: who the consultation is with, where it stands. */
typedef struct
{
  gint64                id;
  const char           *uuid;
  MdgConsultationState  state;
  MdgTier               tier;
  gint64                assignee_id;
  gint64                referral_id;
  GDateTime            *answered_at;
  GDateTime            *closed_at;
} MdgConsultationStanding;

MdgConsultation *_mdg_consultation_new_placeholder (gint64                          id);
void             _mdg_consultation_set_standing    (MdgConsultation               *self,
                                                    const MdgConsultationStanding *standing);
void             _mdg_consultation_set_categories  (MdgConsultation               *self,
                                                    GPtrArray                     *categories);
void             _mdg_consultation_update_from     (MdgConsultation               *self,
                                                    MdgConsultation               *loaded);

/* Person deletion: their consultations stay for the figures, their words go. */
gboolean         _mdg_consultation_store_forget_person (sqlite3                      *handle,
                                                        gint64                        person_id,
                                                        GError                      **error);

G_END_DECLS
