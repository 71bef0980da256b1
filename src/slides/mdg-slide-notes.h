/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-database.h"
#include "mdg-deck.h"

G_BEGIN_DECLS

/* The explanatory texts of a deck as files: Markdown to read, and pdfpc's .pdfpc. */
typedef enum
{
  MDG_NOTES_FORMAT_MARKDOWN,
  MDG_NOTES_FORMAT_PDFPC,
} MdgNotesFormat;

gboolean   mdg_slide_notes_format_for_path (const char       *path,
                                            MdgNotesFormat   *format);
char      *mdg_slide_notes_to_markdown     (MdgDeck          *deck,
                                            MdgDeckRevision  *revision,
                                            GPtrArray        *pages);
char      *mdg_slide_notes_to_pdfpc        (const char       *pdf_name,
                                            GPtrArray        *pages,
                                            guint             minutes);
GPtrArray *mdg_slide_notes_parse_pdfpc     (const char       *contents,
                                            gsize             length,
                                            guint             n_pages,
                                            const char       *display_name,
                                            GError          **error);
gboolean   mdg_slide_notes_export          (MdgDatabase      *db,
                                            MdgDeckRevision  *revision,
                                            const char       *path,
                                            char            **pdf_written,
                                            GError          **error);
gboolean   mdg_slide_notes_import          (MdgDatabase      *db,
                                            MdgDeckRevision  *revision,
                                            const char       *path,
                                            guint            *n_imported,
                                            GError          **error);

G_END_DECLS
