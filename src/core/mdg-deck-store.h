/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"
#include "mdg-deck.h"
#include "mdg-slide-match.h"

G_BEGIN_DECLS

/* A new revision as the library hands it over, once its file is safely stored. */
typedef struct
{
  gint64      deck_id;          /* 0: the first revision of a new deck titled @title */
  const char *title;
  const char *change_note;
  const char *sha256;           /* the PDF */
  const char *source_name;      /* the file name the user chose */
  const char *original_sha256;  /* the PowerPoint or Impress file it was converted from */
  const char *original_type;
  GPtrArray  *pages;            /* (element-type MdgSlidePage) */
} MdgRevisionDraft;

/* An explanatory text that found no slide in a newer revision, waiting for review. */
typedef struct
{
  gint64  id;
  guint   from_number;   /* the revision it was written for; 0 if that is gone */
  guint   from_page;
  char   *slide_text;    /* what that slide said */
  char   *explanation;
} MdgSlideReview;

void             mdg_slide_review_free              (MdgSlideReview   *review);

GPtrArray       *mdg_deck_store_list                (MdgDatabase      *db,
                                                     GError          **error);
void             mdg_deck_store_list_async          (MdgDatabase      *db,
                                                     GCancellable     *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer          user_data);
GPtrArray       *mdg_deck_store_list_finish         (MdgDatabase      *db,
                                                     GAsyncResult     *result,
                                                     GError          **error);
MdgDeck         *mdg_deck_store_load                (MdgDatabase      *db,
                                                     gint64            deck_id,
                                                     GError          **error);
MdgDeckRevision *mdg_deck_store_add_revision        (MdgDatabase      *db,
                                                     const MdgRevisionDraft *draft,
                                                     guint            *n_carried,
                                                     guint            *n_review,
                                                     GError          **error);
GPtrArray       *mdg_deck_store_list_revisions      (MdgDatabase      *db,
                                                     gint64            deck_id,
                                                     GError          **error);
MdgDeckRevision *mdg_deck_store_load_revision       (MdgDatabase      *db,
                                                     gint64            deck_id,
                                                     guint             number,
                                                     GError          **error);
MdgDeckRevision *mdg_deck_store_load_revision_by_id (MdgDatabase      *db,
                                                     gint64            revision_id,
                                                     GError          **error);
GPtrArray       *mdg_deck_store_list_pages          (MdgDatabase      *db,
                                                     gint64            revision_id,
                                                     GError          **error);
gboolean         mdg_deck_store_set_explanation     (MdgDatabase      *db,
                                                     gint64            revision_id,
                                                     guint             page,
                                                     const char       *explanation,
                                                     GError          **error);
gboolean         mdg_deck_store_set_explanations    (MdgDatabase      *db,
                                                     gint64            revision_id,
                                                     GPtrArray        *explanations,
                                                     GError          **error);
GPtrArray       *mdg_deck_store_list_review         (MdgDatabase      *db,
                                                     gint64            revision_id,
                                                     GError          **error);
gboolean         mdg_deck_store_dismiss_review      (MdgDatabase      *db,
                                                     gint64            review_id,
                                                     GError          **error);
GArray          *mdg_deck_store_diff                (MdgDatabase      *db,
                                                     gint64            old_revision_id,
                                                     gint64            new_revision_id,
                                                     GError          **error);
gboolean         mdg_deck_store_uses_file           (MdgDatabase      *db,
                                                     const char       *sha256);
gboolean         mdg_deck_store_set_program_revision (MdgDatabase     *db,
                                                     gint64            program_item_id,
                                                     gint64            revision_id,
                                                     GError          **error);
MdgDeckRevision *mdg_deck_store_get_program_revision (MdgDatabase     *db,
                                                     gint64            program_item_id,
                                                     GError          **error);
gboolean         mdg_deck_store_find_program_slot   (MdgDatabase      *db,
                                                     gint64            deck_id,
                                                     GDateTime        *now,
                                                     gint64           *program_item_id,
                                                     guint            *minutes,
                                                     GError          **error);

G_END_DECLS
