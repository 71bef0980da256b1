/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-desk"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-database-private.h"
#include "mdg-desk.h"
#include "mdg-setting-private.h"
#include "mdg-sql-private.h"

/* Where each member of MdgDeskContact is kept. */
static const struct {
  const char *key;
  glong       offset;
} fields[] = {
  { "desk.name", G_STRUCT_OFFSET (MdgDeskContact, name) },
  { "desk.address", G_STRUCT_OFFSET (MdgDeskContact, address) },
  { "desk.phone", G_STRUCT_OFFSET (MdgDeskContact, phone) },
  { "desk.email", G_STRUCT_OFFSET (MdgDeskContact, email) },
  { "desk.url", G_STRUCT_OFFSET (MdgDeskContact, url) },
  { "desk.hours", G_STRUCT_OFFSET (MdgDeskContact, hours) },
};

#define CONTACT_FIELD(contact, i) G_STRUCT_MEMBER (char *, contact, fields[i].offset)

/**
 * _mdg_setting_get:
 * @db: a #MdgDatabase
 * @key: the setting's key
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when it is not set (then
 *   @error is not set either)
 */
char *
_mdg_setting_get (MdgDatabase  *db,
                  const char   *key,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), "SELECT value FROM setting WHERE key = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _mdg_sql_column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    _mdg_sql_set_error (_mdg_database_get_handle (db), error, _("Could not read the database"));
  return NULL;
}

/**
 * _mdg_setting_set:
 * @db: a #MdgDatabase
 * @key: the setting's key
 * @value: (nullable): the new value; %NULL or empty removes the setting
 * @error: a location for a #GError
 */
gboolean
_mdg_setting_set (MdgDatabase  *db,
                  const char   *key,
                  const char   *value,
                  GError      **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (value == NULL || *value == '\0')
    stmt = _mdg_sql_prepare (handle, "DELETE FROM setting WHERE key = ?1", error);
  else
    stmt = _mdg_sql_prepare (handle,
                             "INSERT INTO setting (key, value) VALUES (?1, ?2)"
                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                             " WHERE value IS NOT excluded.value",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL && *value != '\0')
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);

  return _mdg_sql_step_done (handle, stmt, error);
}

/**
 * mdg_desk_contact_load:
 * @db: a #MdgDatabase
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the desk's contact; members not set are %NULL
 */
MdgDeskContact *
mdg_desk_contact_load (MdgDatabase  *db,
                       GError      **error)
{
  g_autoptr(MdgDeskContact) contact = g_new0 (MdgDeskContact, 1);

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GError *local_error = NULL;

      CONTACT_FIELD (contact, i) = _mdg_setting_get (db, fields[i].key, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
    }

  return g_steal_pointer (&contact);
}

/**
 * mdg_desk_contact_save:
 * @db: a #MdgDatabase
 * @contact: the desk's contact; %NULL or empty members are cleared
 * @error: a location for a #GError
 *
 * Saves every member in one transaction.
 */
gboolean
mdg_desk_contact_save (MdgDatabase           *db,
                       const MdgDeskContact  *contact,
                       GError               **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (contact != NULL, FALSE);

  if (!mdg_database_begin (db, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (CONTACT_FIELD (contact, i) ?: ""));

      if (!_mdg_setting_set (db, fields[i].key, value, error))
        {
          mdg_database_rollback (db);
          return FALSE;
        }
    }

  return mdg_database_commit (db, error);
}

/**
 * mdg_desk_contact_is_set:
 * @contact: (nullable): a contact
 *
 * Whether any member is set, so that documents leave out an empty contact block.
 */
gboolean
mdg_desk_contact_is_set (const MdgDeskContact *contact)
{
  if (contact == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (CONTACT_FIELD (contact, i) != NULL && *CONTACT_FIELD (contact, i) != '\0')
      return TRUE;

  return FALSE;
}

/**
 * mdg_desk_contact_format:
 * @contact: a contact
 *
 * The contact as printed at the foot of letters and handouts: the name on the first line,
 * then the address, then phone and e-mail, then the web address and hours.
 *
 * Returns: (transfer full): the text, lines separated by "\n"; empty when nothing is set
 */
char *
mdg_desk_contact_format (const MdgDeskContact *contact)
{
  g_autoptr(GPtrArray) reach = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *reach_line = NULL;
  g_autofree char *more_line = NULL;

  g_return_val_if_fail (contact != NULL, NULL);

  if (contact->phone && *contact->phone)
    g_ptr_array_add (reach, g_strdup_printf (_("Phone %s"), contact->phone));
  if (contact->email && *contact->email)
    g_ptr_array_add (reach, g_strdup_printf (_("E-mail %s"), contact->email));
  if (contact->url && *contact->url)
    g_ptr_array_add (more, g_strdup (contact->url));
  if (contact->hours && *contact->hours)
    g_ptr_array_add (more, g_strdup_printf (_("Hours: %s"), contact->hours));
  g_ptr_array_add (reach, NULL);
  g_ptr_array_add (more, NULL);
  /* An ideographic space keeps the pieces of one line apart in Japanese and English alike. */
  reach_line = g_strjoinv ("　", (char **) reach->pdata);
  more_line = g_strjoinv ("　", (char **) more->pdata);

  {
    const char *lines[] = { contact->name, contact->address, reach_line, more_line };

    for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
      {
        if (lines[i] == NULL || *lines[i] == '\0')
          continue;
        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append (text, lines[i]);
      }
  }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
mdg_desk_contact_free (MdgDeskContact *contact)
{
  if (contact == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_free (CONTACT_FIELD (contact, i));
  g_free (contact);
}
