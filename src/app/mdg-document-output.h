/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-document.h"
#include "mdg-window.h"

G_BEGIN_DECLS

void _mdg_document_apply_settings (MdgDocument *document);
void _mdg_document_save_pdf (MdgWindow   *window,
                             MdgDocument *document,
                             const char  *suggested_name);
void _mdg_document_print    (MdgWindow   *window,
                             MdgDocument *document);
gboolean _mdg_document_print_to_file (MdgWindow    *window,
                                      MdgDocument  *document,
                                      const char   *path,
                                      GError      **error);
void _mdg_save_bytes        (MdgWindow   *window,
                             GBytes      *bytes,
                             const char  *title,
                             const char  *suggested_name,
                             const char  *pattern);

G_END_DECLS
