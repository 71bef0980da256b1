/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include <glib.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

gboolean      _mdg_sql_exec        (sqlite3       *db,
                                    const char    *sql,
                                    GError       **error);
sqlite3_stmt *_mdg_sql_prepare     (sqlite3       *db,
                                    const char    *sql,
                                    GError       **error);
gboolean      _mdg_sql_step_done   (sqlite3       *db,
                                    sqlite3_stmt  *stmt,
                                    GError       **error);
gboolean      _mdg_sql_exec_values (sqlite3       *db,
                                    const char    *sql,
                                    gint64         a,
                                    gint64         b,
                                    const char    *text,
                                    GError       **error);
void          _mdg_sql_set_error   (sqlite3       *db,
                                    GError       **error,
                                    const char    *context);
void          _mdg_sql_set_error_code (const char  *path,
                                       int          code,
                                       GError     **error,
                                       const char  *context);
void          _mdg_error_set_damaged (GError     **error,
                                      const char  *path);
char         *_mdg_backup_folder     (const char  *path);
void          _mdg_sql_bind_text   (sqlite3_stmt  *stmt,
                                    int            index,
                                    const char    *text);
char         *_mdg_sql_column_dup  (sqlite3_stmt  *stmt,
                                    int            column);
/* Binds row @row of a bulk insert from parameter @first on. */
typedef void (*MdgBindRow) (sqlite3_stmt *stmt,
                            int           first,
                            guint         row,
                            gpointer      data);

gboolean      _mdg_sql_insert_rows (sqlite3      *db,
                                    const char   *head,
                                    guint         n_columns,
                                    guint         n_rows,
                                    MdgBindRow    bind,
                                    gpointer      data,
                                    const char   *context,
                                    GError      **error);
gint64        _mdg_sql_next_id     (sqlite3      *db,
                                    const char   *table,
                                    GError      **error);

/* Rows a bulk statement inserts at once: 13 values a row stays far below SQLite's 32 766. */
#define MDG_SQL_BATCH_ROWS 64

/* Makes one list element of the current row. */
typedef gpointer (*MdgRowFunc) (sqlite3_stmt *stmt);

GPtrArray    *_mdg_sql_collect     (sqlite3        *db,
                                    sqlite3_stmt   *stmt,
                                    MdgRowFunc      from_row,
                                    GDestroyNotify  free_func,
                                    const char     *context,
                                    GError        **error);
GPtrArray    *_mdg_sql_collect_query (sqlite3        *db,
                                      const char     *sql,
                                      gint64          id,
                                      MdgRowFunc      from_row,
                                      GDestroyNotify  free_func,
                                      const char     *context,
                                      GError        **error);

G_END_DECLS
