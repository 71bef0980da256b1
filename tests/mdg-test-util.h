/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database.h"

G_BEGIN_DECLS

void         mdg_test_init         (int          *argc,
                                    char       ***argv);
char        *mdg_test_make_tmpdir  (void);
void         mdg_test_rm_rf        (const char   *path);
MdgDatabase *mdg_test_open_tmp_db  (char        **dir_out);
GDateTime   *mdg_test_local        (int           year,
                                    int           month,
                                    int           day,
                                    int           hour,
                                    int           minute);
gint64       mdg_test_count        (MdgDatabase  *db,
                                    const char   *sql);
void         mdg_test_exec         (MdgDatabase  *db,
                                    const char   *sql);
GPtrArray   *mdg_test_load_kana_order (void);

G_END_DECLS
