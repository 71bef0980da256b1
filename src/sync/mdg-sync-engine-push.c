/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sync-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-sync-engine-impl-private.h"
#include "mdg-sync-error.h"

/*
 * Push: this laptop's outbox as JSON batches merged into the server field by field,
 * the files the pushed rows name uploaded, and the records the server had deleted
 * before dropped here too.
 */

#define PUSH_BATCH 2000

/* A SHA-256 as Madoguchi writes it: 64 lower-case hex digits, nothing that walks a path. */
static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

/* Returns: (transfer full) (nullable): where this laptop keeps the file @hash of @table */
static char *
file_path (MdgDatabase *db,
           const char  *folder,
           const char  *suffix,
           const char  *hash)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;

  if (!is_sha256 (hash))
    return NULL;
  dir = g_path_get_dirname (mdg_database_get_path (db));
  name = g_strconcat (hash, suffix, NULL);
  return g_build_filename (dir, folder, name, NULL);
}

static void
add_record_json (Engine      *e,
                 JsonBuilder *builder,
                 Table       *table,
                 Row         *row,
                 gboolean     everything,
                 Push        *push)
{
  int f = table->file_column;

  /* A row naming a file: the file goes too, unless the server has it. */
  if (f >= 0 && (everything || row->pending[f]) && row->values[f].type == SQLITE_TEXT)
    {
      char *path = file_path (e->database, table->file_folder, table->file_suffix, row->values[f].s);
      if (path != NULL)
        g_ptr_array_add (push->files, path);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, table->name);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, row->uuid);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  for (guint k = 0; k < table->n; k++)
    if (everything || row->pending[k])
      {
        json_builder_set_member_name (builder, table->columns[k]);
        _mdg_sync_engine_add_value_json (builder, table, k, &row->values[k], e->tables);
      }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "clock");
  json_builder_begin_object (builder);
  for (guint k = 0; k < table->n; k++)
    if (everything || row->pending[k])
      {
        json_builder_set_member_name (builder, table->columns[k]);
        json_builder_begin_array (builder);
        json_builder_add_int_value (builder, row->clocks[k].hlc);
        json_builder_add_string_value (builder, _mdg_sync_engine_peer_uuid (e, row->clocks[k].peer));
        json_builder_end_array (builder);
      }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_tombstone_json (JsonBuilder *builder,
                    const char  *table,
                    const char  *uuid,
                    const char  *successor)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, table);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, uuid);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "merged_into");
  if (successor != NULL)
    json_builder_add_string_value (builder, successor);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
close_batch (Push        *push,
             JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  g_ptr_array_add (push->batches, json_to_string (root, FALSE));
  json_builder_reset (builder);
  json_builder_begin_array (builder);
}

/* Everything in the outbox, as JSON batches for the server. */
gboolean
_mdg_sync_engine_build_push (Engine  *e,
                             Push    *push,
                             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sync_engine_prepare (e, "SELECT DISTINCT tbl, uuid FROM sync_outbox ORDER BY tbl, uuid",
                                                           error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint in_batch = 0;

  if (stmt == NULL)
    return FALSE;
  push->batches = g_ptr_array_new_with_free_func (g_free);
  push->files = g_ptr_array_new_with_free_func (g_free);
  json_builder_begin_array (builder);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *uuid = (const char *) sqlite3_column_text (stmt, 1);
      Table *table = g_hash_table_lookup (e->tables, name);
      g_autofree char *successor = NULL;
      g_autoptr(Row) row = NULL;

      if (table == NULL)
        continue;
      if (_mdg_sync_engine_tombstone (e, name, uuid, &successor))
        add_tombstone_json (builder, name, uuid, successor);
      else if ((row = _mdg_sync_engine_row_load (e, table, uuid, error)) != NULL)
        add_record_json (e, builder, table, row, row->star, push);
      else if (error != NULL && *error != NULL)
        return FALSE;
      else
        {
          /* Deleted by a sync while this laptop had edited it: gone everywhere (a row the
           * server never had needs no tombstone). */
          if (_mdg_sync_engine_has_star (e, name, uuid))
            continue;
          add_tombstone_json (builder, name, uuid, NULL);
        }
      push->records++;
      if (++in_batch == PUSH_BATCH)
        {
          close_batch (push, builder);
          in_batch = 0;
        }
    }
  if (in_batch > 0)
    close_batch (push, builder);
  json_builder_end_array (builder);
  return TRUE;
}

/* One batch into the server, merged field by field there as here; ends with COMMIT when last. */
char *
_mdg_sync_engine_push_sql (MdgSyncServer *server,
                           const char    *batch,
                           const char    *device,
                           const char    *staff,
                           gboolean       last)
{
  g_autofree char *records = _mdg_sync_server_quote (server, batch, strlen (batch));
  g_autofree char *device_literal = _mdg_sync_server_quote (server, device, strlen (device));
  g_autofree char *staff_literal = staff ? _mdg_sync_server_quote (server, staff, strlen (staff)) : g_strdup ("NULL");

  return g_strdup_printf (
    "WITH input AS (SELECT * FROM jsonb_to_recordset (%s::jsonb)"
    "  AS x (kind text, uuid text, data jsonb, clock jsonb, deleted boolean, merged_into text)),"
    " upsert AS (INSERT INTO madoguchi.record AS r (kind, uuid, data, clock, deleted, merged_into, seq, device, staff)"
    "  SELECT kind, uuid, CASE WHEN deleted THEN '{}' ELSE data END, CASE WHEN deleted THEN '{}' ELSE clock END,"
    "  deleted, merged_into, nextval ('madoguchi.seq'), %s, %s FROM input"
    "  ON CONFLICT (kind, uuid) DO UPDATE SET"
    "  data = CASE WHEN excluded.deleted THEN '{}' ELSE r.data || madoguchi.newer (excluded.data, excluded.clock, r.clock) END,"
    "  clock = CASE WHEN excluded.deleted THEN '{}' ELSE r.clock || madoguchi.newer (excluded.clock, excluded.clock, r.clock) END,"
    "  deleted = excluded.deleted, merged_into = excluded.merged_into, seq = excluded.seq, device = excluded.device,"
    "  staff = excluded.staff, who = current_user, changed_at = now ()"
    "  WHERE NOT r.deleted AND (excluded.deleted OR madoguchi.newer (excluded.clock, excluded.clock, r.clock) <> '{}')"
    "  RETURNING r.kind, r.uuid, r.seq, r.deleted),"
    " logged AS (INSERT INTO madoguchi.change (seq, kind, uuid, fields, deleted, device, staff)"
    "  SELECT u.seq, u.kind, u.uuid, CASE WHEN u.deleted THEN NULL ELSE i.data END, u.deleted, %s, %s"
    "  FROM upsert AS u JOIN input AS i ON i.kind = u.kind AND i.uuid = u.uuid RETURNING seq),"
    /* A deleted record keeps no value anywhere on the server: its history is erased too;
     * for a person (the right to erasure), the history of every record that named them
     * (their registrations' answers, say) as well. */
    " erased AS (UPDATE madoguchi.change AS c SET fields = NULL"
    "  WHERE c.fields IS NOT NULL AND (c.kind, c.uuid) IN (SELECT u.kind, u.uuid FROM upsert AS u WHERE u.deleted"
    "   UNION SELECT l.kind, l.uuid FROM madoguchi.change AS l, upsert AS u"
    "   WHERE u.deleted AND u.kind = 'person' AND l.fields IS NOT NULL"
    "   AND EXISTS (SELECT 1 FROM jsonb_each_text (l.fields) AS e WHERE e.value = u.uuid))"
    "  RETURNING 1)"
    " SELECT (SELECT max (seq) FROM logged), (SELECT count (*) FROM erased),"
    "  (SELECT coalesce (json_agg (json_build_array (i.kind, i.uuid)), '[]') FROM input AS i"
    "   JOIN madoguchi.record AS r ON r.kind = i.kind AND r.uuid = i.uuid WHERE r.deleted AND NOT i.deleted)%s",
    records, device_literal, staff_literal, device_literal, staff_literal, last ? "; COMMIT" : "");
}

/* Sends the files the pushed rows name that the server lacks: one question, then one
 * round trip a file. A file this laptop never fetched stays where it is. */
gboolean
_mdg_sync_engine_upload_files (MdgSyncServer  *server,
                               GPtrArray      *paths,
                               const char     *device,
                               GCancellable   *cancellable,
                               GError        **error)
{
  g_autoptr(GString) array = g_string_new ("{");
  g_autoptr(PGresult) missing = NULL;
  g_autoptr(GHashTable) by_hash = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *params[1];

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *base = g_path_get_basename (paths->pdata[i]);
      char *hash = g_strndup (base, 64);

      if (g_hash_table_contains (by_hash, hash) || !g_file_test (paths->pdata[i], G_FILE_TEST_IS_REGULAR))
        {
          g_free (hash);
          continue;
        }
      g_string_append_printf (array, "%s%s", g_hash_table_size (by_hash) ? "," : "", hash);
      g_hash_table_insert (by_hash, hash, paths->pdata[i]);
    }
  if (g_hash_table_size (by_hash) == 0)
    return TRUE;
  g_string_append_c (array, '}');

  params[0] = array->str;
  missing = _mdg_sync_server_exec_params (server,
                                          "SELECT h FROM unnest ($1::text[]) AS h"
                                          " WHERE NOT EXISTS (SELECT 1 FROM madoguchi.blob WHERE sha256 = h)",
                                          1, params, NULL, NULL, 0, cancellable, error);
  if (missing == NULL)
    return FALSE;
  for (int i = 0; i < _mdg_pq.PQntuples (missing); i++)
    {
      const char *hash = _mdg_pq.PQgetvalue (missing, i, 0);
      const char *path = g_hash_table_lookup (by_hash, hash);
      g_autofree char *contents = NULL;
      g_autofree char *checked = NULL;
      g_autofree char *size = NULL;
      g_autoptr(PGresult) result = NULL;
      gsize length;
      const char *values[4];
      int lengths[4] = { 0 };
      int formats[4] = { 0, 0, 1, 0 };

      if (path == NULL || !g_file_get_contents (path, &contents, &length, NULL))
        continue;
      /* A file that is not what its name says is not sent. */
      checked = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
      if (!g_str_equal (checked, hash))
        {
          g_warning ("%s does not hold what its name says; not sent", path);
          continue;
        }
      size = g_strdup_printf ("%" G_GSIZE_FORMAT, length);
      values[0] = hash;
      values[1] = size;
      values[2] = contents;
      values[3] = device;
      lengths[2] = length;
      result = _mdg_sync_server_exec_params (server,
                                             "INSERT INTO madoguchi.blob (sha256, size, content, device)"
                                             " VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING",
                                             4, values, lengths, formats, 0, cancellable, error);
      if (result == NULL)
        return FALSE;
    }
  return TRUE;
}

/**
 * _mdg_sync_engine_fetch_file:
 * @db: a laptop database
 * @server: the team server
 * @table: a table sharing files (_mdg_sync_share_files())
 * @hash: the file's SHA-256
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Brings the file @hash from the server into this laptop's folder for @table, unless
 * it is there already, checked against its hash and written privately (0600).
 *
 * Returns: (transfer full): the file's path, or %NULL with @error set
 */
char *
_mdg_sync_engine_fetch_file (MdgDatabase    *db,
                             MdgSyncServer  *server,
                             const char     *table,
                             const char     *hash,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PGresult) result = NULL;
  g_autofree char *path = NULL;
  g_autofree char *checked = NULL;
  const char *params[1] = { hash };

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), "SELECT folder, suffix FROM sync_file WHERE tbl = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      !(path = file_path (db, (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1), hash)))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("“%s” names no file Madoguchi shares"), hash);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&path);

  result = _mdg_sync_server_exec_params (server, "SELECT content FROM madoguchi.blob WHERE sha256 = $1",
                                         1, params, NULL, NULL, 1, cancellable, error);
  if (result == NULL)
    return NULL;
  if (_mdg_pq.PQntuples (result) != 1)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                   _("The team server does not have this file yet: the laptop that added it has not synced since"));
      return NULL;
    }
  checked = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) _mdg_pq.PQgetvalue (result, 0, 0),
                                         _mdg_pq.PQgetlength (result, 0, 0));
  if (!g_str_equal (checked, hash))
    {
      g_set_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_SERVER, _("The team server sent a damaged copy of the file"));
      return NULL;
    }

  if (!mdg_file_store_private (path, _mdg_pq.PQgetvalue (result, 0, 0), _mdg_pq.PQgetlength (result, 0, 0), NULL, error))
    return NULL;
  return g_steal_pointer (&path);
}

/* Records this laptop pushed that the server had deleted before: they go here too. */
gboolean
_mdg_sync_engine_drop_rejected (Engine      *e,
                                const char  *json,
                                GError     **error)
{
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  JsonArray *array;

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return TRUE;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonArray *pair = json_array_get_array_element (array, i);
      Table *table = g_hash_table_lookup (e->tables, json_array_get_string_element (pair, 0));

      if (table != NULL &&
          !_mdg_sync_engine_delete_record (e, table, json_array_get_string_element (pair, 1), NULL, error))
        return FALSE;
    }
  return TRUE;
}
