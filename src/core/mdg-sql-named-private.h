/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-sql-private.h"

G_BEGIN_DECLS

/*
 * Binds a named parameter (":today") when the statement has it: list statements are
 * assembled from optional conditions, and search conditions number theirs ?1, ?2…
 */
static inline void
_mdg_sql_bind_named_text (sqlite3_stmt *stmt,
                          const char   *name,
                          const char   *text)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static inline void
_mdg_sql_bind_named_int64 (sqlite3_stmt *stmt,
                           const char   *name,
                           gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

/* A text column as a new string, or %NULL where the row holds NULL. */
static inline char *
_mdg_sql_column_dup_or_null (sqlite3_stmt *stmt,
                             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NULL : _mdg_sql_column_dup (stmt, column);
}

G_END_DECLS
