/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns an item's reading, newly allocated. */
typedef char *(*MdgKanaReadingFunc) (gpointer item);

void  mdg_kana_sort    (GPtrArray          *items,
                        MdgKanaReadingFunc  reading);
int   mdg_kana_compare (const char *a,
                        gssize      a_len,
                        const char *b,
                        gssize      b_len);
char *mdg_kana_fold    (const char *text,
                        gssize      len);
char *mdg_kana_to_katakana (const char *text);
gboolean mdg_kana_is_reading (const char *text);

G_END_DECLS
