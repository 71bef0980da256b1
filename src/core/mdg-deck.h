/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-types.h"

G_BEGIN_DECLS

#define MDG_TYPE_DECK (mdg_deck_get_type ())

G_DECLARE_FINAL_TYPE (MdgDeck, mdg_deck, MDG, DECK, GObject)

gint64      mdg_deck_get_id             (MdgDeck *self);
const char *mdg_deck_get_uuid           (MdgDeck *self);
const char *mdg_deck_get_title          (MdgDeck *self);
const char *mdg_deck_get_description    (MdgDeck *self);
guint       mdg_deck_get_latest_number  (MdgDeck *self);
guint       mdg_deck_get_page_count     (MdgDeck *self);
GDateTime  *mdg_deck_get_updated_at     (MdgDeck *self);

/* For the store. */
MdgDeck    *_mdg_deck_new               (gint64      id,
                                         const char *uuid,
                                         const char *title,
                                         const char *description,
                                         guint       latest_number,
                                         guint       page_count,
                                         GDateTime  *updated_at);

#define MDG_TYPE_DECK_REVISION (mdg_deck_revision_get_type ())

G_DECLARE_FINAL_TYPE (MdgDeckRevision, mdg_deck_revision, MDG, DECK_REVISION, GObject)

/* What a revision is made of, as the store reads it: revisions never change. */
typedef struct
{
  gint64      id;
  gint64      deck_id;
  guint       number;
  const char *sha256;
  guint       page_count;
  const char *change_note;
  GDateTime  *created_at;
  const char *source_name;
  const char *original_sha256;
  const char *original_type;
} MdgDeckRevisionFields;

gint64      mdg_deck_revision_get_id              (MdgDeckRevision *self);
gint64      mdg_deck_revision_get_deck_id         (MdgDeckRevision *self);
guint       mdg_deck_revision_get_number          (MdgDeckRevision *self);
const char *mdg_deck_revision_get_sha256          (MdgDeckRevision *self);
guint       mdg_deck_revision_get_page_count      (MdgDeckRevision *self);
const char *mdg_deck_revision_get_change_note     (MdgDeckRevision *self);
GDateTime  *mdg_deck_revision_get_created_at      (MdgDeckRevision *self);
const char *mdg_deck_revision_get_source_name     (MdgDeckRevision *self);
const char *mdg_deck_revision_get_original_sha256 (MdgDeckRevision *self);
const char *mdg_deck_revision_get_original_type   (MdgDeckRevision *self);

MdgDeckRevision *_mdg_deck_revision_new          (const MdgDeckRevisionFields *fields);

G_END_DECLS
