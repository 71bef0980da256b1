/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-consultation-store.h"

G_BEGIN_DECLS

#define MDG_TYPE_CONSULTATION_MODEL (mdg_consultation_model_get_type ())

G_DECLARE_FINAL_TYPE (MdgConsultationModel, mdg_consultation_model, MDG, CONSULTATION_MODEL, GObject)

/* How many rows one read fetches. */
#define MDG_CONSULTATION_MODEL_PAGE 50

/* The most matches a search shows unless its filter says otherwise. */
#define MDG_CONSULTATION_MODEL_SEARCH_LIMIT 1000

MdgConsultationModel        *mdg_consultation_model_new         (MdgDatabase                 *db);
const MdgConsultationFilter *mdg_consultation_model_get_filter  (MdgConsultationModel        *self);
void                         mdg_consultation_model_set_filter  (MdgConsultationModel        *self,
                                                                 const MdgConsultationFilter *filter);
void                         mdg_consultation_model_reload      (MdgConsultationModel        *self);
gboolean                     mdg_consultation_model_get_loading (MdgConsultationModel        *self);
guint                        mdg_consultation_model_get_pending_pages (MdgConsultationModel  *self);

G_END_DECLS
