/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"
#include "mdg-deck.h"
#include "mdg-slide-document.h"

G_BEGIN_DECLS

/* How long LibreOffice may take to convert a presentation, unless told otherwise. */
#define MDG_DECK_CONVERSION_TIMEOUT 180

typedef struct
{
  gint64      deck_id;      /* 0: the file starts a new deck */
  const char *title;        /* the new deck's title; NULL: the PDF's title or the file's name */
  const char *change_note;  /* what changed in this revision */
  guint       timeout;      /* seconds LibreOffice may take; 0: MDG_DECK_CONVERSION_TIMEOUT */
} MdgDeckImportOptions;

gboolean          mdg_deck_library_needs_conversion  (const char                 *path);
MdgDeckRevision  *mdg_deck_library_import            (MdgDatabase                *db,
                                                      const char                 *path,
                                                      const MdgDeckImportOptions *options,
                                                      guint                      *n_carried,
                                                      guint                      *n_review,
                                                      GCancellable               *cancellable,
                                                      GError                    **error);
void              mdg_deck_library_import_async      (MdgDatabase                *db,
                                                      const char                 *path,
                                                      const MdgDeckImportOptions *options,
                                                      GCancellable               *cancellable,
                                                      GAsyncReadyCallback         callback,
                                                      gpointer                    user_data);
MdgDeckRevision  *mdg_deck_library_import_finish     (MdgDatabase                *db,
                                                      GAsyncResult               *result,
                                                      guint                      *n_carried,
                                                      guint                      *n_review,
                                                      GError                    **error);
char             *mdg_deck_library_get_folder        (MdgDatabase                *db);
char             *mdg_deck_library_get_pdf_path      (MdgDatabase                *db,
                                                      MdgDeckRevision            *revision);
char             *mdg_deck_library_get_original_path (MdgDatabase                *db,
                                                      MdgDeckRevision            *revision);
MdgSlideDocument *mdg_deck_library_open              (MdgDatabase                *db,
                                                      MdgDeckRevision            *revision,
                                                      GError                    **error);

G_END_DECLS
