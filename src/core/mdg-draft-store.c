/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-draft-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-calendar.h"
#include "mdg-category.h"
#include "mdg-consultation-store.h"
#include "mdg-database-private.h"
#include "mdg-draft-store.h"
#include "mdg-error.h"
#include "mdg-sql-named-private.h"

/*
 * Each change writes one row (draft_field) in a transaction of its own: with the
 * write-ahead log and synchronous=NORMAL a commit is an append to the log, well under
 * a millisecond, so the window calls mdg_draft_store_set() on every keystroke, on the
 * main thread, and a killed process finds the draft as it was on screen. Only a power
 * cut can lose the last commits.
 */

void
mdg_draft_free (MdgDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->kind);
  g_clear_pointer (&draft->updated_at, g_date_time_unref);
  g_free (draft->summary);
  g_free (draft);
}

/**
 * mdg_draft_store_create:
 * @db: a #MdgDatabase
 * @kind: what the draft is of: %MDG_DRAFT_KIND_CONSULTATION, %MDG_DRAFT_KIND_ANSWER…
 * @staff_id: who types it (0 when not known yet)
 * @target_id: what it edits (a consultation for an answer), or 0
 * @error: a location for a #GError
 *
 * Returns: the new draft's id, or 0 with @error set
 */
gint64
mdg_draft_store_create (MdgDatabase  *db,
                        const char   *kind,
                        gint64        staff_id,
                        gint64        target_id,
                        GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), 0);
  g_return_val_if_fail (kind != NULL, 0);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, "INSERT INTO draft (kind, staff_id, target_id) VALUES (?, ?, ?) RETURNING id", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  if (staff_id > 0)
    sqlite3_bind_int64 (stmt, 2, staff_id);
  if (target_id > 0)
    sqlite3_bind_int64 (stmt, 3, target_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _mdg_sql_set_error (handle, error, _("Could not save the draft"));
      return 0;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * mdg_draft_store_set:
 * @db: a #MdgDatabase
 * @draft_id: a draft
 * @name: the field
 * @value: (nullable): what it holds now; %NULL or empty clears it
 * @error: a location for a #GError
 *
 * Saves one field of a draft at once. Cheap enough for every change of a text entry.
 */
gboolean
mdg_draft_store_set (MdgDatabase  *db,
                     gint64        draft_id,
                     const char   *name,
                     const char   *value,
                     GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "INSERT INTO draft_field (draft_id, name, value) VALUES (?1, ?2, ?3)"
                           " ON CONFLICT (draft_id, name) DO UPDATE SET value = excluded.value"
                           " WHERE value IS NOT excluded.value",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, draft_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  _mdg_sql_bind_text (stmt, 3, value);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if ((sqlite3_errcode (handle) & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no draft %lld"), (long long) draft_id);
      else
        _mdg_sql_set_error (handle, error, _("Could not save the draft"));
      return FALSE;
    }

  /* The person a draft names is personal data: deleting them deletes the draft. */
  if (g_str_equal (name, "person-id"))
    {
      g_autoptr(sqlite3_stmt) link = _mdg_sql_prepare (handle,
                                                       "UPDATE draft SET person_id = (SELECT id FROM person WHERE id = ?2)"
                                                       " WHERE id = ?1",
                                                       error);
      guint64 person_id = 0;

      if (link == NULL)
        return FALSE;
      g_ascii_string_to_unsigned (value ? value : "", 10, 1, G_MAXINT64, &person_id, NULL);
      sqlite3_bind_int64 (link, 1, draft_id);
      sqlite3_bind_int64 (link, 2, (gint64) person_id);
      return _mdg_sql_step_done (handle, link, error);
    }
  return TRUE;
}

/* Returns: (transfer full) (element-type utf8 utf8): the draft's fields by name */
GHashTable *
mdg_draft_store_load (MdgDatabase  *db,
                      gint64        draft_id,
                      GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) exists = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  handle = _mdg_database_get_handle (db);
  exists = _mdg_sql_prepare (handle, "SELECT 1 FROM draft WHERE id = ?", error);
  if (exists == NULL)
    return NULL;
  sqlite3_bind_int64 (exists, 1, draft_id);
  if (sqlite3_step (exists) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no draft %lld"), (long long) draft_id);
      return NULL;
    }

  stmt = _mdg_sql_prepare (handle, "SELECT name, value FROM draft_field WHERE draft_id = ? AND value IS NOT NULL",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, draft_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (fields, _mdg_sql_column_dup (stmt, 0), _mdg_sql_column_dup (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      _mdg_sql_set_error (handle, error, _("Could not read the draft"));
      return NULL;
    }
  return g_steal_pointer (&fields);
}

static gpointer
draft_row (sqlite3_stmt *stmt)
{
  MdgDraft *draft = g_new0 (MdgDraft, 1);
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 4), NULL);

  draft->id = sqlite3_column_int64 (stmt, 0);
  draft->kind = _mdg_sql_column_dup (stmt, 1);
  draft->staff_id = sqlite3_column_int64 (stmt, 2);
  draft->target_id = sqlite3_column_int64 (stmt, 3);
  draft->updated_at = utc ? g_date_time_to_local (utc) : NULL;
  draft->summary = _mdg_sql_column_dup_or_null (stmt, 5);
  return draft;
}

/**
 * mdg_draft_store_list:
 * @db: a #MdgDatabase
 * @kind: (nullable): only drafts of this kind
 * @staff_id: only this staff member's drafts, or 0 for everyone's
 * @error: a location for a #GError
 *
 * The drafts left, to offer them again when the window opens.
 *
 * Returns: (transfer container) (element-type MdgDraft): newest change first
 */
GPtrArray *
mdg_draft_store_list (MdgDatabase  *db,
                      const char   *kind,
                      gint64        staff_id,
                      GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "SELECT d.id, d.kind, d.staff_id, d.target_id,"
                           " max(d.updated_at, coalesce((SELECT max(updated_at) FROM draft_field WHERE draft_id = d.id), '')),"
                           " (SELECT value FROM draft_field WHERE draft_id = d.id AND name = 'subject')"
                           " FROM draft AS d WHERE (?1 IS NULL OR d.kind = ?1) AND (?2 = 0 OR d.staff_id = ?2)"
                           " ORDER BY 5 DESC, d.id DESC",
                           error);
  if (stmt == NULL)
    return NULL;
  _mdg_sql_bind_text (stmt, 1, kind);
  sqlite3_bind_int64 (stmt, 2, staff_id);
  return _mdg_sql_collect (handle, stmt, draft_row, (GDestroyNotify) mdg_draft_free, _("Could not read the drafts"),
                           error);
}

/* Deletes a draft and its fields (when the form is submitted or given up). */
gboolean
mdg_draft_store_discard (MdgDatabase  *db,
                         gint64        draft_id,
                         GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, "DELETE FROM draft WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, draft_id);
  return _mdg_sql_step_done (handle, stmt, error);
}

static gint64
field_id (GHashTable *fields,
          const char *name)
{
  guint64 id = 0;

  g_ascii_string_to_unsigned (g_hash_table_lookup (fields, name) ?: "", 10, 1, G_MAXINT64, &id, NULL);
  return (gint64) id;
}

/**
 * mdg_draft_store_to_consultation:
 * @db: a #MdgDatabase
 * @draft_id: an intake draft
 * @new_person: (out) (optional) (nullable) (transfer full): the new person typed in
 *   the draft, when it links to none and names one
 * @error: a location for a #GError naming the field that cannot be read
 *
 * Returns: (transfer full): a consultation not yet saved, with what the draft holds
 */
MdgConsultation *
mdg_draft_store_to_consultation (MdgDatabase  *db,
                                 gint64        draft_id,
                                 MdgPerson   **new_person,
                                 GError      **error)
{
  g_autoptr(GHashTable) fields = mdg_draft_store_load (db, draft_id, error);
  g_autoptr(MdgConsultation) consultation = NULL;
  MdgChannel channel = MDG_CHANNEL_PHONE;
  MdgUrgency urgency = MDG_URGENCY_NORMAL;
  const char *field;
  const char *text;

  if (fields == NULL)
    return NULL;

#define FIELD(name) (field = name, text = g_hash_table_lookup (fields, name))
  if (FIELD ("channel") && !mdg_channel_from_string (text, &channel))
    goto bad_field;
  consultation = mdg_consultation_new (channel);

  if (FIELD ("received-at"))
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autoptr(GDateTime) received_at = g_date_time_new_from_iso8601 (text, local);

      if (received_at == NULL)
        goto bad_field;
      mdg_consultation_set_received_at (consultation, received_at);
    }
  if (FIELD ("urgency") && !mdg_urgency_from_string (text, &urgency))
    goto bad_field;
  mdg_consultation_set_urgency (consultation, urgency);
  mdg_consultation_set_sensitive (consultation, g_strcmp0 (g_hash_table_lookup (fields, "sensitive"), "true") == 0);
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_SUBJECT, g_hash_table_lookup (fields, "subject"));
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_QUESTION, g_hash_table_lookup (fields, "question"));
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_ORGANIZATION, g_hash_table_lookup (fields, "organization"));
  mdg_consultation_set_organization_id (consultation, field_id (fields, "organization-id"));
  mdg_consultation_set_person_id (consultation, field_id (fields, "person-id"));
  mdg_consultation_set_seminar_id (consultation, field_id (fields, "seminar-id"));
  mdg_consultation_set_registration_id (consultation, field_id (fields, "registration-id"));
  if (FIELD ("due-date"))
    {
      GDate due;

      if (!mdg_date_parse_iso (text, &due))
        goto bad_field;
      mdg_consultation_set_due_date (consultation, &due);
    }
  if (FIELD ("categories"))
    {
      g_auto(GStrv) keys = g_strsplit (text, ",", -1);
      g_autoptr(GArray) ids = mdg_category_store_resolve_keys (db, (const char * const *) keys, error);

      if (ids == NULL)
        return NULL;
      mdg_consultation_set_category_ids (consultation, ids);
    }

  if (new_person != NULL)
    {
      g_autoptr(MdgPerson) person = mdg_person_new ();
      gboolean any = FALSE;

      for (guint f = 0; f < MDG_PERSON_N_FIELDS; f++)
        {
          g_autofree char *key = g_strconcat ("person-", mdg_person_field_to_string (f), NULL);
          const char *value = g_hash_table_lookup (fields, key);

          mdg_person_set_text (person, f, value);
          any |= value != NULL && *value != '\0';
        }
      *new_person = any && mdg_consultation_get_person_id (consultation) == 0 ? g_steal_pointer (&person) : NULL;
    }
  return g_steal_pointer (&consultation);
#undef FIELD

bad_field:
  /* Translators: the first %s is a field's name (received-at), the second what it holds */
  g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("The draft’s field %s cannot be read: “%s”"), field, text);
  return NULL;
}

/**
 * mdg_draft_store_submit_consultation:
 * @db: a #MdgDatabase
 * @actor_id: who takes the consultation
 * @draft_id: an intake draft
 * @error: a location for a #GError
 *
 * Records the consultation the draft holds (with the new person it names) and deletes
 * the draft, in one transaction: a crash in between neither loses the consultation
 * nor records it twice.
 *
 * Returns: the new consultation's id, or 0 with @error set (the draft then stays)
 */
gint64
mdg_draft_store_submit_consultation (MdgDatabase  *db,
                                     gint64        actor_id,
                                     gint64        draft_id,
                                     GError      **error)
{
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(MdgPerson) person = NULL;
  gint64 id;

  g_return_val_if_fail (MDG_IS_DATABASE (db), 0);

  if (!(consultation = mdg_draft_store_to_consultation (db, draft_id, &person, error)))
    return 0;
  if (person != NULL && !mdg_person_validate (person, error))
    return 0;

  if (!mdg_database_begin (db, error))
    return 0;
  if (!(id = _mdg_consultation_store_insert (db, actor_id, consultation, person, error)) ||
      !mdg_draft_store_discard (db, draft_id, error))
    {
      mdg_database_rollback (db);
      return 0;
    }
  return mdg_database_commit (db, error) ? id : 0;
}
