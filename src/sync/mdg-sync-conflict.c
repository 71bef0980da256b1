/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sync-conflict"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-sync-conflict.h"
#include "mdg-sync-log-private.h"

/*
 * Conflicts are listed for review in words a desk coordinator reads: which record
 * (by its name, not its uuid), which field, both values. Resolving one either
 * acknowledges what the record kept or writes the other value back, as a new edit
 * that the next sync takes to every laptop.
 */

/* How a record is named in a sentence: an SQL expression over its row, and a phrase. */
static const struct
{
  const char *table;
  const char *name_sql;
  const char *context;
  const char *phrase;
} record_names[] = {
  { "person", "trim (family_name || ' ' || coalesce (given_name, ''))", "person in a sentence",
    NC_("person in a sentence", "%s") },
  { "staff", "name", "staff member in a sentence", NC_("staff member in a sentence", "%s") },
  { "organization", "name", NULL, N_("the organization “%s”") },
  { "seminar", "title", NULL, N_("the seminar “%s”") },
  { "program_item", "coalesce (title, kind)", NULL, N_("the program item “%s”") },
  { "registration", "(SELECT trim (p.family_name || ' ' || coalesce (p.given_name, '')) FROM person AS p"
                    " WHERE p.id = person_id)", NULL, N_("the registration of %s") },
  { "consultation", "subject", NULL, N_("the consultation “%s”") },
  { "follow_up", "title", NULL, N_("the follow-up “%s”") },
  { "faq_entry", "question", NULL, N_("the FAQ entry “%s”") },
  { "deck", "title", NULL, N_("the slide deck “%s”") },
  { "category", "name_en", NULL, N_("the category “%s”") },
};

/* Fields in words; any other column is shown by its name. */
static const struct
{
  const char *table;  /* NULL: any table */
  const char *column;
  const char *label;
} field_names[] = {
  { "person", "family_name", N_("family name") },
  { "person", "given_name", N_("given name") },
  { "person", "family_kana", N_("family name reading") },
  { "person", "given_kana", N_("given name reading") },
  { "person", "title", N_("title or role") },
  { "person", "department", N_("department") },
  { "person", "organization_id", N_("organization") },
  { "person", "consent_contact", N_("consent to be contacted") },
  { "person", "consent_purpose", N_("purpose of use agreed to") },
  { "registration", "number", N_("registration number") },
  { "registration", "status", N_("registration status") },
  { "registration", "checked_in_at", N_("check-in time") },
  { "registration", "survey", N_("survey answers") },
  { "seminar", "starts_at", N_("start") },
  { "seminar", "ends_at", N_("end") },
  { "seminar", "online_url", N_("online meeting address") },
  { "consultation", "assignee_id", N_("assignee") },
  { "consultation", "category_id", N_("category") },
  { "follow_up", "due_date", N_("due date") },
  { "follow_up", "owner_id", N_("owner") },
  { NULL, "email", N_("e-mail address") },
  { NULL, "phone", N_("phone number") },
  { NULL, "name", N_("name") },
  { NULL, "kana", N_("reading") },
  { NULL, "title", N_("title") },
  { NULL, "subject", N_("subject") },
  { NULL, "question", N_("question") },
  { NULL, "answer", N_("answer") },
  { NULL, "advice", N_("advice") },
  { NULL, "state", N_("state") },
  { NULL, "status", N_("status") },
  { NULL, "venue", N_("venue") },
  { NULL, "capacity", N_("capacity") },
  { NULL, "description", N_("description") },
  { NULL, "note", N_("note") },
  { NULL, "role", N_("role") },
  { NULL, "municipality", N_("municipality") },
  { NULL, "industry", N_("industry") },
  { NULL, "employees", N_("number of employees") },
};

void
mdg_sync_conflict_free (MdgSyncConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->table);
  g_free (conflict->uuid);
  g_free (conflict->column);
  g_free (conflict->record);
  g_free (conflict->field);
  g_free (conflict->mine);
  g_free (conflict->theirs);
  g_clear_pointer (&conflict->detected_at, g_date_time_unref);
  g_clear_pointer (&conflict->resolved_at, g_date_time_unref);
  g_free (conflict);
}

/* Returns: (transfer full): what @uuid of @table is called, in a sentence */
static char *
record_name (sqlite3    *db,
             const char *table,
             const char *uuid)
{
  for (guint i = 0; i < G_N_ELEMENTS (record_names); i++)
    if (g_str_equal (record_names[i].table, table))
      {
        g_autofree char *ident = _mdg_sync_quote_identifier (table);
        g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE uuid = ?", record_names[i].name_sql, ident);
        g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (db, sql, NULL);
        const char *name = NULL;

        if (stmt != NULL)
          {
            sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
            if (sqlite3_step (stmt) == SQLITE_ROW)
              name = (const char *) sqlite3_column_text (stmt, 0);
          }
        if (name == NULL)
          break;
        if (record_names[i].context != NULL)
          return g_strdup_printf (g_dpgettext2 (GETTEXT_PACKAGE, record_names[i].context, record_names[i].phrase), name);
        return g_strdup_printf (_(record_names[i].phrase), name);
      }

  /* Translators: a record with no name of its own: its table, and the start of its uuid. */
  return g_strdup_printf (_("the %s record %.8s"), table, uuid);
}

static char *
field_name (const char *table,
            const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
    if ((field_names[i].table == NULL || g_str_equal (field_names[i].table, table)) &&
        g_str_equal (field_names[i].column, column))
      return g_strdup (_(field_names[i].label));
  return g_strdelimit (g_strdup (column), "_", ' ');
}

/* A value kept as JSON, in words; a foreign key by the name of what it points at. */
static char *
value_text (sqlite3    *db,
            const char *table,
            const char *column,
            const char *json)
{
  g_autoptr(JsonNode) node = json ? json_from_string (json, NULL) : NULL;
  g_autoptr(sqlite3_stmt) fk = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(empty)"));
  if (!JSON_NODE_HOLDS_VALUE (node))
    return g_strdup (json);
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return json_to_string (node, FALSE);

  fk = _mdg_sql_prepare (db, "SELECT \"table\" FROM pragma_foreign_key_list (?) WHERE \"from\" = ?", NULL);
  if (fk != NULL)
    {
      sqlite3_bind_text (fk, 1, table, -1, SQLITE_STATIC);
      sqlite3_bind_text (fk, 2, column, -1, SQLITE_STATIC);
      if (sqlite3_step (fk) == SQLITE_ROW)
        return record_name (db, (const char *) sqlite3_column_text (fk, 0), json_node_get_string (node));
    }
  return g_strdup (json_node_get_string (node));
}

static GDateTime *
parse_time (const char *text)
{
  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

/**
 * mdg_sync_conflict_list:
 * @db: a #MdgDatabase
 * @include_resolved: also those already reviewed
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgSyncConflict): the conflicts, newest first
 */
GPtrArray *
mdg_sync_conflict_list (MdgDatabase  *db,
                        gboolean      include_resolved,
                        GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_sync_conflict_free);
  int rc;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "SELECT id, tbl, uuid, col, kind, mine, theirs, kept, detected_at, resolved_at"
                           " FROM sync_conflict WHERE ?1 OR resolved_at IS NULL ORDER BY id DESC",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_resolved);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MdgSyncConflict *conflict = g_new0 (MdgSyncConflict, 1);

      conflict->id = sqlite3_column_int64 (stmt, 0);
      conflict->table = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      conflict->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      conflict->column = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      conflict->duplicate = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "duplicate") == 0;
      conflict->mine = value_text (handle, conflict->table, conflict->column, (const char *) sqlite3_column_text (stmt, 5));
      conflict->theirs = value_text (handle, conflict->table, conflict->column, (const char *) sqlite3_column_text (stmt, 6));
      conflict->kept_mine = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 7), "mine") == 0;
      conflict->detected_at = parse_time ((const char *) sqlite3_column_text (stmt, 8));
      conflict->resolved_at = parse_time ((const char *) sqlite3_column_text (stmt, 9));
      conflict->record = record_name (handle, conflict->table, conflict->uuid);
      conflict->field = field_name (conflict->table, conflict->column);
      g_ptr_array_add (conflicts, conflict);
    }
  if (rc != SQLITE_DONE)
    {
      _mdg_sql_set_error (handle, error, _("Could not read the sync conflicts"));
      return NULL;
    }
  return g_steal_pointer (&conflicts);
}

/**
 * mdg_sync_conflict_describe:
 * @conflict: a conflict
 *
 * Returns: (transfer full): the conflict in one sentence
 */
char *
mdg_sync_conflict_describe (const MdgSyncConflict *conflict)
{
  g_autofree char *sentence = NULL;

  g_return_val_if_fail (conflict != NULL, NULL);

  if (conflict->duplicate)
    /* Translators: 1: a record, 2: a field, 3: its value, 4: the value it has now. */
    sentence = g_strdup_printf (_("The %2$s “%3$s” of %1$s was also given to another record on another laptop; "
                                  "it is now “%4$s”"),
                                conflict->record, conflict->field, conflict->mine, conflict->theirs);
  else
    /* Translators: 1: a record ("Yamada Taro", "the seminar “…”"), 2: a field ("phone number"). */
    sentence = g_strdup_printf (_("The %2$s of %1$s was changed to different values on two laptops"),
                                conflict->record, conflict->field);

  /* Sentences start with a capital, whatever the record's name begins with. */
  if (g_unichar_islower (g_utf8_get_char (sentence)))
    {
      gunichar first = g_unichar_toupper (g_utf8_get_char (sentence));
      char buffer[8] = { 0 };

      g_unichar_to_utf8 (first, buffer);
      return g_strconcat (buffer, g_utf8_next_char (sentence), NULL);
    }
  return g_steal_pointer (&sentence);
}

/**
 * mdg_sync_conflict_resolve:
 * @db: a #MdgDatabase
 * @id: the conflict
 * @keep_mine: keep this laptop's value (%TRUE) or the other laptop's
 * @error: a location for a #GError
 *
 * Marks the conflict reviewed; when the record holds the other value, writes the
 * chosen one back as a new edit, which the next sync takes to every laptop.
 */
gboolean
mdg_sync_conflict_resolve (MdgDatabase  *db,
                           gint64        id,
                           gboolean      keep_mine,
                           GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) done = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *table = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *column = NULL;
  g_autofree char *value = NULL;
  gboolean kept_mine, duplicate;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, "SELECT tbl, uuid, col, kind, kept, mine, theirs FROM sync_conflict WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no sync conflict %lld"), (long long) id);
      return FALSE;
    }
  table = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  column = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  duplicate = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "duplicate") == 0;
  kept_mine = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "mine") == 0;
  value = g_strdup ((const char *) sqlite3_column_text (stmt, keep_mine ? 5 : 6));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (duplicate && keep_mine)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("Another record has that value now; edit the record to give it another one"));
      return FALSE;
    }

  if (!mdg_database_begin (db, error))
    return FALSE;

  if (kept_mine != keep_mine && !duplicate)
    {
      g_autofree char *ident = _mdg_sync_quote_identifier (table);
      g_autofree char *column_ident = _mdg_sync_quote_identifier (column);
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) fk = NULL;
      g_autofree char *target = NULL;

      node = json_from_string (value, NULL);
      fk = _mdg_sql_prepare (handle, "SELECT \"table\" FROM pragma_foreign_key_list (?) WHERE \"from\" = ?", error);
      if (fk == NULL)
        goto fail;
      sqlite3_bind_text (fk, 1, table, -1, SQLITE_STATIC);
      sqlite3_bind_text (fk, 2, column, -1, SQLITE_STATIC);
      if (sqlite3_step (fk) == SQLITE_ROW)
        target = _mdg_sync_quote_identifier ((const char *) sqlite3_column_text (fk, 0));

      /* An edit like any other: the change log takes it to the team. */
      if (target != NULL)
        sql = g_strdup_printf ("UPDATE %s SET %s = (SELECT id FROM %s WHERE uuid = ?1) WHERE uuid = ?2",
                               ident, column_ident, target);
      else
        sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE uuid = ?2", ident, column_ident);
      stmt = _mdg_sql_prepare (handle, sql, error);
      if (stmt == NULL)
        goto fail;
      if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
        sqlite3_bind_null (stmt, 1);
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        sqlite3_bind_int64 (stmt, 1, json_node_get_int (node));
      else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        sqlite3_bind_double (stmt, 1, json_node_get_double (node));
      else
        sqlite3_bind_text (stmt, 1, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
      if (!_mdg_sql_step_done (handle, stmt, error))
        goto fail;
    }

  done = _mdg_sql_prepare (handle, "UPDATE sync_conflict SET resolved_at = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')"
                                   " WHERE id = ?", error);
  if (done == NULL)
    goto fail;
  sqlite3_bind_int64 (done, 1, id);
  if (!_mdg_sql_step_done (handle, done, error))
    goto fail;
  return mdg_database_commit (db, error);

fail:
  mdg_database_rollback (db);
  return FALSE;
}
