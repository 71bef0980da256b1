/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean _mdg_set_text      (char       **field,
                             const char  *value);
gboolean _mdg_set_date_time (GDateTime  **field,
                             GDateTime   *value);
gboolean _mdg_words_match (const char  *folded_text,
                           const char  *folded_query);

/* A symbol of a library loaded when first needed, and where its address goes. */
typedef struct
{
  const char *name;
  gsize       offset;  /* in the table of function pointers */
} MdgLibrarySymbol;

char    *_mdg_load_library (const char             *soname,
                            const MdgLibrarySymbol *symbols,
                            guint                   n_symbols,
                            gpointer                table);

G_END_DECLS
