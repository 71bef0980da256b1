/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A slide deck as a presenter's PDF: 16:9 pages, a title and a line of text on each,
 * and, when asked, a JPEG photo (a real JPEG stream, as PowerPoint exports). */
void    mdg_test_write_deck          (const char         *path,
                                      const char * const *texts,
                                      guint               n_pages,
                                      gboolean            photos);
GBytes *mdg_test_make_jpeg           (int                 width,
                                      int                 height,
                                      guint               seed);
void    mdg_test_write_encrypted_pdf (const char         *path);
char   *mdg_test_pdf_text            (const char         *path,
                                      guint               page);
guint   mdg_test_pdf_n_pages         (const char         *path);

G_END_DECLS
