/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sync-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-sync-engine-impl-private.h"
#include "mdg-sync-log-private.h"

/*
 * The values and clocks a sync compares: a column's value as SQLite holds it and as
 * JSON carries it (foreign keys travel as the uuid they point at), the clocks of the
 * devices of the team, and the look-ups from a uuid to the local row it names.
 */

void
_mdg_sync_engine_value_clear (Value *value)
{
  g_clear_pointer (&value->s, g_free);
  value->type = SQLITE_NULL;
}

void
_mdg_sync_engine_value_copy (Value       *to,
                             const Value *from)
{
  _mdg_sync_engine_value_clear (to);
  *to = *from;
  to->s = g_strdup (from->s);
}

void
_mdg_sync_engine_value_from_column (Value        *value,
                                    sqlite3_stmt *stmt,
                                    int           column)
{
  _mdg_sync_engine_value_clear (value);
  value->type = sqlite3_column_type (stmt, column);
  switch (value->type)
    {
    case SQLITE_INTEGER:
      value->i = sqlite3_column_int64 (stmt, column);
      break;
    case SQLITE_FLOAT:
      value->d = sqlite3_column_double (stmt, column);
      break;
    case SQLITE_NULL:
      break;
    default:
      value->type = SQLITE_TEXT;
      value->s = g_strdup ((const char *) sqlite3_column_text (stmt, column));
    }
}

void
_mdg_sync_engine_value_bind (const Value  *value,
                             sqlite3_stmt *stmt,
                             int           index)
{
  switch (value->type)
    {
    case SQLITE_INTEGER:
      sqlite3_bind_int64 (stmt, index, value->i);
      break;
    case SQLITE_FLOAT:
      sqlite3_bind_double (stmt, index, value->d);
      break;
    case SQLITE_TEXT:
      sqlite3_bind_text (stmt, index, value->s, -1, SQLITE_TRANSIENT);
      break;
    default:
      sqlite3_bind_null (stmt, index);
    }
}

gboolean
_mdg_sync_engine_value_equal (const Value *a,
                              const Value *b)
{
  if (a->type != b->type)
    return FALSE;
  switch (a->type)
    {
    case SQLITE_INTEGER:
      return a->i == b->i;
    case SQLITE_FLOAT:
      return a->d == b->d;
    case SQLITE_TEXT:
      return g_strcmp0 (a->s, b->s) == 0;
    default:
      return TRUE;
    }
}

/* Whether @a comes before @b: times as text or numbers, the earlier first. */
gboolean
_mdg_sync_engine_value_before (const Value *a,
                               const Value *b)
{
  if (a->type != b->type)
    return a->type < b->type;
  switch (a->type)
    {
    case SQLITE_INTEGER:
      return a->i < b->i;
    case SQLITE_FLOAT:
      return a->d < b->d;
    case SQLITE_TEXT:
      return g_strcmp0 (a->s, b->s) < 0;
    default:
      return FALSE;
    }
}

gboolean
_mdg_sync_engine_step (Engine        *e,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  gboolean ok = _mdg_sql_step_done (e->db, stmt, error);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

const char *
_mdg_sync_engine_peer_uuid (Engine *e,
                            int     peer)
{
  const char *uuid = g_hash_table_lookup (e->uuid_by_peer, GINT_TO_POINTER (peer));

  return uuid ? uuid : "";
}

static int
peer_id (Engine      *e,
         const char  *uuid,
         GError     **error)
{
  gpointer id;
  int peer;

  if (g_hash_table_lookup_extended (e->peer_by_uuid, uuid, NULL, &id))
    return GPOINTER_TO_INT (id);

  sqlite3_bind_text (e->add_peer, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (e->add_peer) != SQLITE_ROW)
    {
      _mdg_sql_set_error (e->db, error, _("Could not save a device of the team"));
      sqlite3_reset (e->add_peer);
      return -1;
    }
  peer = sqlite3_column_int (e->add_peer, 0);
  sqlite3_reset (e->add_peer);
  g_hash_table_insert (e->peer_by_uuid, g_strdup (uuid), GINT_TO_POINTER (peer));
  g_hash_table_insert (e->uuid_by_peer, GINT_TO_POINTER (peer), g_strdup (uuid));
  return peer;
}

int
_mdg_sync_engine_clock_compare (Engine *e,
                                Clock   a,
                                Clock   b)
{
  if (a.hlc != b.hlc)
    return a.hlc < b.hlc ? -1 : 1;
  if (a.peer == b.peer)
    return 0;
  return strcmp (_mdg_sync_engine_peer_uuid (e, a.peer), _mdg_sync_engine_peer_uuid (e, b.peer));
}

/* A new stamp for a write the sync itself makes: after every clock seen so far. */
gboolean
_mdg_sync_engine_stamp (Engine  *e,
                        Clock   *clock,
                        GError **error)
{
  sqlite3_stmt *stmt = e->stamp;

  sqlite3_bind_int64 (stmt, 1, e->max_hlc);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _mdg_sql_set_error (e->db, error, _("Could not save to the database"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  clock->hlc = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  clock->peer = MDG_SYNC_SELF_PEER;
  e->max_hlc = MAX (e->max_hlc, clock->hlc);
  return TRUE;
}

gboolean
_mdg_sync_engine_parse_clock (Engine      *e,
                              JsonNode    *node,
                              Clock       *clock,
                              GError     **error)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (array = json_node_get_array (node)) != 2)
    return FALSE;
  clock->hlc = json_array_get_int_element (array, 0);
  clock->peer = peer_id (e, json_array_get_string_element (array, 1), error);
  if (clock->peer < 0)
    return FALSE;
  e->max_hlc = MAX (e->max_hlc, clock->hlc);
  return TRUE;
}

gint64
_mdg_sync_engine_lookup_id (Table      *table,
                            const char *uuid)
{
  gint64 id = 0;

  sqlite3_bind_text (table->id_of, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (table->id_of) == SQLITE_ROW)
    id = sqlite3_column_int64 (table->id_of, 0);
  sqlite3_reset (table->id_of);
  return id;
}

char *
_mdg_sync_engine_lookup_uuid (Table  *table,
                              gint64  id)
{
  char *uuid = NULL;

  sqlite3_bind_int64 (table->uuid_of, 1, id);
  if (sqlite3_step (table->uuid_of) == SQLITE_ROW)
    uuid = g_strdup ((const char *) sqlite3_column_text (table->uuid_of, 0));
  sqlite3_reset (table->uuid_of);
  return uuid;
}

/* Returns: whether @uuid of @table is a tombstone; its successor (merged into) in @successor */
gboolean
_mdg_sync_engine_tombstone (Engine      *e,
                            const char  *table,
                            const char  *uuid,
                            char       **successor)
{
  gboolean found;

  sqlite3_bind_text (e->get_tombstone, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (e->get_tombstone, 2, uuid, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (e->get_tombstone) == SQLITE_ROW;
  if (found && successor != NULL)
    *successor = g_strdup ((const char *) sqlite3_column_text (e->get_tombstone, 0));
  sqlite3_reset (e->get_tombstone);
  return found;
}

/* The local row a uuid names, following records merged into others. */
Resolution
_mdg_sync_engine_resolve (Engine     *e,
                          const char *table_name,
                          const char *uuid,
                          gint64     *id)
{
  Table *table = g_hash_table_lookup (e->tables, table_name);
  g_autofree char *current = g_strdup (uuid);

  *id = 0;
  if (table == NULL)
    return MISSING;
  for (guint hops = 0; hops < 8; hops++)
    {
      g_autofree char *successor = NULL;

      if ((*id = _mdg_sync_engine_lookup_id (table, current)) > 0)
        return RESOLVED;
      if (!_mdg_sync_engine_tombstone (e, table_name, current, &successor))
        return MISSING;
      if (successor == NULL)
        return TOMBSTONED;
      g_free (current);
      current = g_steal_pointer (&successor);
    }
  return TOMBSTONED;
}

Resolution
_mdg_sync_engine_json_to_value (Engine   *e,
                                Table    *table,
                                guint     column,
                                JsonNode *node,
                                Value    *value)
{
  _mdg_sync_engine_value_clear (value);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return RESOLVED;

  if (table->fk_target[column] != NULL)
    {
      gint64 id;
      Resolution resolution = _mdg_sync_engine_resolve (e, table->fk_target[column], json_node_get_string (node), &id);

      if (resolution == RESOLVED)
        {
          value->type = SQLITE_INTEGER;
          value->i = id;
        }
      return resolution;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      value->type = SQLITE_INTEGER;
      value->i = json_node_get_int (node);
      break;
    case G_TYPE_BOOLEAN:
      value->type = SQLITE_INTEGER;
      value->i = json_node_get_boolean (node);
      break;
    case G_TYPE_DOUBLE:
      value->type = SQLITE_FLOAT;
      value->d = json_node_get_double (node);
      break;
    default:
      value->type = SQLITE_TEXT;
      value->s = g_strdup (json_node_get_string (node));
    }
  return RESOLVED;
}

void
_mdg_sync_engine_add_value_json (JsonBuilder *builder,
                                 Table       *table,
                                 guint        column,
                                 const Value *value,
                                 GHashTable  *tables)
{
  switch (value->type)
    {
    case SQLITE_INTEGER:
      if (table->fk_target[column] != NULL)
        {
          Table *target = g_hash_table_lookup (tables, table->fk_target[column]);
          g_autofree char *uuid = target ? _mdg_sync_engine_lookup_uuid (target, value->i) : NULL;

          if (uuid != NULL)
            json_builder_add_string_value (builder, uuid);
          else
            json_builder_add_null_value (builder);
        }
      else
        json_builder_add_int_value (builder, value->i);
      break;
    case SQLITE_FLOAT:
      json_builder_add_double_value (builder, value->d);
      break;
    case SQLITE_TEXT:
      json_builder_add_string_value (builder, value->s);
      break;
    default:
      json_builder_add_null_value (builder);
    }
}

/* The value as JSON text, for the conflict history. */
char *
_mdg_sync_engine_value_to_json_text (Engine      *e,
                                     Table       *table,
                                     guint        column,
                                     const Value *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  _mdg_sync_engine_add_value_json (builder, table, column, value, e->tables);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (json_array_get_element (json_node_get_array (root), 0), FALSE);
}
