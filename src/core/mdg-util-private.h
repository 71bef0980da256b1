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

/* The entry @prefix@member of a library, into the member of the same name of @Table. */
#define MDG_LIBRARY_SYMBOL(Table, prefix, member) { prefix #member, G_STRUCT_OFFSET (Table, member) }

/* A library loaded when first needed (_mdg_library_ensure()), by its soname, from the
 * headers' declarations: the addresses of @symbols go into @table. */
typedef struct
{
  const char             *soname;
  const MdgLibrarySymbol *symbols;
  guint                   n_symbols;
  gpointer                table;
  void                  (*loaded) (void);  /* (nullable): sets the library up, once */
  GOnce                   once;
} MdgLibrary;

#define MDG_LIBRARY_INIT(soname, symbols, table, loaded) \
  { (soname), (symbols), G_N_ELEMENTS (symbols), (table), (loaded), G_ONCE_INIT }

const char *_mdg_library_ensure (MdgLibrary *library);

G_END_DECLS
