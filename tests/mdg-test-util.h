/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database.h"

G_BEGIN_DECLS

void         mdg_test_init         (int          *argc,
                                    char       ***argv);
int          mdg_test_run          (void);
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
gint64       mdg_test_add_seminar  (MdgDatabase  *db,
                                    const char   *title);
gboolean     mdg_test_file_holds   (const char   *path,
                                    const char   *needle);
gboolean     mdg_test_database_holds (const char *path,
                                      const char *needle);
guint        mdg_test_mode         (const char   *path);
void         mdg_test_write_raw    (const char   *path,
                                    const char   *sql);
guint        mdg_test_root_page    (MdgDatabase  *db,
                                    const char   *table);
void         mdg_test_damage_pages (const char   *path,
                                    guint         first,
                                    guint         count);
/* What a run of madoguchi-cli said, and how it ended. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} MdgTestCli;

void         mdg_test_cli_clear    (MdgTestCli   *r);
int          mdg_test_run_cli_argv (const char   *database,
                                    const char  **args,
                                    const char   *input,
                                    GSpawnChildSetupFunc child_setup,
                                    gpointer      setup_data,
                                    char        **out,
                                    char        **err);
int          mdg_test_run_cli_valist (const char *database,
                                      char      **out,
                                      char      **err,
                                      const char *first,
                                      va_list     ap);
int          mdg_test_run_cli      (const char   *database,
                                    char        **out,
                                    char        **err,
                                    const char   *first,
                                    ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MdgTestCli, mdg_test_cli_clear)
GPtrArray   *mdg_test_load_kana_order (void);

G_END_DECLS
