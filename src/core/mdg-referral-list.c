/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-referral-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-database-private.h"
#include "mdg-referral-list.h"

void
mdg_referral_entry_free (MdgReferralEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->key);
  g_free (entry->name_ja);
  g_free (entry->name_en);
  g_free (entry->contact);
  g_free (entry);
}

static MdgReferralEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  MdgReferralEntry *entry = g_new0 (MdgReferralEntry, 1);

  entry->key = _mdg_sql_column_dup (stmt, 0);
  entry->name_ja = _mdg_sql_column_dup (stmt, 1);
  entry->name_en = _mdg_sql_column_dup (stmt, 2);
  entry->contact = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? NULL : _mdg_sql_column_dup (stmt, 3);
  return entry;
}

/**
 * mdg_referral_list_load:
 * @db: a #MdgDatabase
 * @error: a location for a #GError
 *
 * The places the desk refers people to, as the seminar packet prints them: those not
 * retired, in the reference list's order.
 *
 * Returns: (transfer container) (element-type MdgReferralEntry): the list
 */
GPtrArray *
mdg_referral_list_load (MdgDatabase  *db,
                        GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "SELECT key, name_ja, name_en, contact FROM referral WHERE NOT retired ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  return _mdg_sql_collect (handle, stmt, (MdgRowFunc) entry_from_row, (GDestroyNotify) mdg_referral_entry_free,
                           _("Could not read the referral list"), error);
}
