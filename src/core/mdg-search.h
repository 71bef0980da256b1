/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-database.h"

G_BEGIN_DECLS

#define MDG_TYPE_SEARCH_HIT (mdg_search_hit_get_type ())

typedef struct
{
  MdgSearchKind  kind;
  gint64         id;
  char          *title;
  char          *subtitle;
} MdgSearchHit;

GType         mdg_search_hit_get_type (void) G_GNUC_CONST;
MdgSearchHit *mdg_search_hit_ref      (MdgSearchHit *hit);
void          mdg_search_hit_unref    (MdgSearchHit *hit);
const char   *mdg_search_kind_to_string (MdgSearchKind kind);

GPtrArray    *mdg_search              (MdgDatabase  *db,
                                       const char   *query,
                                       guint         limit,
                                       GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgSearchHit, mdg_search_hit_unref)

G_END_DECLS
