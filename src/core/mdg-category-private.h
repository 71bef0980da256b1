/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-category.h"
#include "mdg-database-private.h"

G_BEGIN_DECLS

/* The columns _mdg_category_from_row() reads, from category @c. */
#define MDG_CATEGORY_COLUMNS(c) \
  c ".id, " c ".scheme, " c ".key, " c ".parent_id, " c ".name_ja, " c ".name_en, " c ".retired"
#define MDG_CATEGORY_N_COLUMNS 7

MdgCategory *_mdg_category_from_row (sqlite3_stmt *stmt,
                                     int           first_column);
gpointer     _mdg_category_row      (sqlite3_stmt *stmt);

G_END_DECLS
