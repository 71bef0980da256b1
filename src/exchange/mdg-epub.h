/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-publish-page.h"

G_BEGIN_DECLS

/* What the book says about itself. */
typedef struct
{
  const char *title;        /* the deck's title */
  const char *author;       /* who made it: the desk */
  const char *identifier;   /* a stable id (the deck revision's uuid); NULL for a new one */
  const char *language;     /* NULL for "ja" */
  const char *description;  /* NULL for none */
  GDateTime  *modified;     /* NULL for now */
} MdgEpubInfo;

gboolean mdg_epub_write        (const char           *path,
                                const MdgEpubInfo    *info,
                                GPtrArray            *pages,
                                GError              **error);
void     mdg_epub_write_async  (const char           *path,
                                const MdgEpubInfo    *info,
                                GPtrArray            *pages,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
gboolean mdg_epub_write_finish (GAsyncResult         *result,
                                GError              **error);

G_END_DECLS
