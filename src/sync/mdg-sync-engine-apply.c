/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sync-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-person-store-private.h"
#include "mdg-sync-engine-impl-private.h"
#include "mdg-sync-log-private.h"

/*
 * The pulled records applied in one SQLite transaction: new ones inserted, deleted
 * ones removed, records found to be one merged into one, the rest merged field by
 * field; a record whose foreign key has not arrived waits for it.
 */

/* Whether the row is new here, not pushed yet. */
gboolean
_mdg_sync_engine_has_star (Engine     *e,
                           const char *table,
                           const char *uuid)
{
  gboolean found;

  sqlite3_bind_text (e->has_star, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (e->has_star, 2, uuid, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (e->has_star) == SQLITE_ROW;
  sqlite3_reset (e->has_star);
  return found;
}

/* Moves a local row and its bookkeeping to another uuid (two records found to be one). */
static gboolean
rekey (Engine      *e,
       Table       *table,
       gint64       id,
       const char  *from,
       const char  *to,
       GError     **error)
{
  static const char *const moves[] = {
    "UPDATE sync_row SET uuid = ?3 WHERE tbl = ?1 AND uuid = ?2",
    "UPDATE sync_field SET uuid = ?3 WHERE tbl = ?1 AND uuid = ?2",
    "UPDATE sync_conflict SET uuid = ?3 WHERE tbl = ?1 AND uuid = ?2",
    "DELETE FROM sync_outbox WHERE tbl = ?1 AND uuid = ?2",
    /* Everything it holds goes under its new name. */
    "INSERT OR IGNORE INTO sync_outbox (tbl, uuid, col) VALUES (?1, ?3, '*')",
  };
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET uuid = ?1 WHERE id = ?2", table->ident);
  g_autoptr(sqlite3_stmt) stmt = _mdg_sync_engine_prepare (e, sql, error);
  gboolean was_pushed;
  Clock now;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!_mdg_sync_engine_step (e, stmt, error))
    return FALSE;

  was_pushed = !_mdg_sync_engine_has_star (e, table->name, from);

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autoptr(sqlite3_stmt) move = _mdg_sync_engine_prepare (e, moves[i], error);
      if (move == NULL)
        return FALSE;
      sqlite3_bind_text (move, 1, table->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (move, 2, from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (move, 3, to, -1, SQLITE_TRANSIENT);
      if (!_mdg_sync_engine_step (e, move, error))
        return FALSE;
    }

  /* The server knows the old name: it learns which record it became. */
  if (!_mdg_sync_engine_stamp (e, &now, error) ||
      !_mdg_sync_engine_tombstone_add (e, table->name, from, now, to, error))
    return FALSE;
  return !was_pushed || _mdg_sync_engine_outbox_add (e, table->name, from, "-", (Clock) { 0, 0 }, error);
}

/* Tombstones a record the server holds and this laptop will not: pushed as deleted. */
static gboolean
bury (Engine      *e,
      Table       *table,
      const char  *uuid,
      const char  *successor,
      GError     **error)
{
  Clock now;

  return _mdg_sync_engine_stamp (e, &now, error) &&
         _mdg_sync_engine_tombstone_add (e, table->name, uuid, now, successor, error) &&
         _mdg_sync_engine_outbox_drop (e, table->name, uuid, NULL, error) &&
         _mdg_sync_engine_outbox_add (e, table->name, uuid, "-", (Clock) { 0, 0 }, error);
}

/* The clock most of a new record's fields share: stored once, the others per field. */
static Clock
common_clock (Engine     *e,
              Clock      *clocks,
              gboolean   *present,
              guint       n)
{
  Clock best = { 0, MDG_SYNC_SEED_PEER };
  guint best_count = 0;

  for (guint i = 0; i < n; i++)
    {
      guint count = 0;

      if (!present[i])
        continue;
      for (guint j = 0; j < n; j++)
        count += present[j] && _mdg_sync_engine_clock_compare (e, clocks[i], clocks[j]) == 0;
      if (count > best_count)
        {
          best = clocks[i];
          best_count = count;
        }
    }
  return best;
}

static gboolean apply_record (Engine *e, Incoming *in, gboolean last_try, GError **error);

static gboolean
insert_record (Engine      *e,
               Table       *table,
               Incoming    *in,
               JsonObject  *data,
               JsonObject  *clocks,
               gboolean     last_try,
               GError     **error)
{
  g_autofree Value *values = g_new0 (Value, table->n);
  g_autofree Clock *clock = g_new0 (Clock, table->n);
  g_autofree gboolean *present = g_new0 (gboolean, table->n);
  g_autoptr(GString) names = g_string_new ("uuid");
  g_autoptr(GString) marks = g_string_new ("?1");
  g_autoptr(GString) mask = g_string_new (NULL);
  sqlite3_stmt *insert;
  g_autoptr(Row) row = NULL;
  gboolean ok = FALSE;
  guint bound = 1;
  Clock base;

  for (guint k = 0; k < table->n; k++)
    {
      JsonNode *node = json_object_get_member (data, table->columns[k]);
      Resolution resolution;

      if (node == NULL ||
          !_mdg_sync_engine_parse_clock (e, json_object_get_member (clocks, table->columns[k]), &clock[k], error))
        {
          if (error != NULL && *error != NULL)
            goto out;
          continue;
        }
      present[k] = TRUE;
      resolution = _mdg_sync_engine_json_to_value (e, table, k, node, &values[k]);
      if (resolution == MISSING && table->notnull[k])
        {
          /* Its parent has not arrived: try again once everything else is in. */
          if (!last_try)
            {
              g_ptr_array_add (e->retry, in);
              ok = TRUE;
            }
          else
            {
              g_warning ("Skipping %s %s: it points at %s %s, which no laptop has", table->name, in->uuid,
                         table->fk_target[k], json_node_get_string (node));
              ok = TRUE;
            }
          goto out;
        }
      if (resolution == TOMBSTONED && table->notnull[k])
        {
          /* Its parent was deleted: it goes too, as it did where the parent was deleted. */
          ok = bury (e, table, in->uuid, NULL, error);
          goto out;
        }
      if (resolution == MISSING)
        _mdg_sync_engine_defer (e, table, in->uuid, k, node);
    }

  /* Two laptops added the same record (the same person registered for the same seminar). */
  if (table->identity != NULL)
    {
      UniqueKey *key = table->identity;
      gboolean complete = TRUE;
      g_autofree char *other = NULL;

      for (guint i = 0; i < key->n; i++)
        {
          complete &= values[key->columns[i]].type != SQLITE_NULL;
          _mdg_sync_engine_value_bind (&values[key->columns[i]], key->find, i + 1);
        }
      if (complete && sqlite3_step (key->find) == SQLITE_ROW)
        other = g_strdup ((const char *) sqlite3_column_text (key->find, 1));
      sqlite3_reset (key->find);
      sqlite3_clear_bindings (key->find);

      if (other != NULL)
        {
          gint64 other_id = _mdg_sync_engine_lookup_id (table, other);

          if (strcmp (in->uuid, other) < 0)
            {
              /* The record keeps the smaller uuid, on every laptop. */
              if (!rekey (e, table, other_id, other, in->uuid, error) ||
                  !(row = _mdg_sync_engine_row_load (e, table, in->uuid, error)))
                goto out;
              ok = _mdg_sync_engine_row_merge (e, row, data, clocks, TRUE, FALSE, error);
            }
          else
            {
              if (!(row = _mdg_sync_engine_row_load (e, table, other, error)))
                goto out;
              ok = _mdg_sync_engine_row_merge (e, row, data, clocks, TRUE, TRUE, error) &&
                   bury (e, table, in->uuid, other, error);
            }
          goto out;
        }
    }

  /* Preparing an INSERT compiles the table's triggers too: once per set of columns. */
  for (guint k = 0; k < table->n; k++)
    g_string_append_c (mask, present[k] ? '1' : '0');
  insert = g_hash_table_lookup (table->inserts, mask->str);
  if (insert == NULL)
    {
      g_autofree char *sql = NULL;

      for (guint k = 0; k < table->n; k++)
        if (present[k])
          {
            g_autofree char *column = _mdg_sync_quote_identifier (table->columns[k]);
            g_string_append_printf (names, ", %s", column);
            g_string_append_printf (marks, ", ?%u", ++bound);
          }
      sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s) RETURNING id", table->ident, names->str, marks->str);
      if (!(insert = _mdg_sync_engine_prepare (e, sql, error)))
        goto out;
      g_hash_table_insert (table->inserts, g_strdup (mask->str), insert);
    }

  /* A label another record here already has (a registration number) is told apart first. */
  row = g_new0 (Row, 1);
  row->table = table;
  row->uuid = g_strdup (in->uuid);
  row->values = g_new0 (Value, table->n);
  row->clocks = g_new0 (Clock, table->n);
  row->pending = g_new0 (gboolean, table->n);
  row->bases = g_new0 (Clock, table->n);
  row->clock_changed = g_new0 (gboolean, table->n);
  for (guint k = 0; k < table->n; k++)
    {
      _mdg_sync_engine_value_copy (&row->values[k], &values[k]);
      row->clocks[k] = clock[k];
    }
  if (!_mdg_sync_engine_resolve_label_clashes (e, row, error))
    goto out;

  sqlite3_bind_text (insert, 1, in->uuid, -1, SQLITE_TRANSIENT);
  bound = 1;
  for (guint k = 0; k < table->n; k++)
    if (present[k])
      _mdg_sync_engine_value_bind (&row->values[k], insert, ++bound);
  if (sqlite3_step (insert) != SQLITE_ROW)
    {
      g_warning ("Skipping %s %s: %s", table->name, in->uuid, sqlite3_errmsg (e->db));
      sqlite3_reset (insert);
      sqlite3_clear_bindings (insert);
      ok = TRUE;
      goto out;
    }
  row->id = sqlite3_column_int64 (insert, 0);
  sqlite3_reset (insert);
  sqlite3_clear_bindings (insert);

  for (guint k = 0; k < table->n; k++)
    if (row->pending[k])
      clock[k] = row->clocks[k];
  base = common_clock (e, clock, present, table->n);
  sqlite3_bind_text (e->put_row_clock, 1, table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (e->put_row_clock, 2, in->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (e->put_row_clock, 3, base.hlc);
  sqlite3_bind_int (e->put_row_clock, 4, base.peer);
  if (!_mdg_sync_engine_step (e, e->put_row_clock, error))
    goto out;
  for (guint k = 0; k < table->n; k++)
    row->clock_changed[k] = present[k] && _mdg_sync_engine_clock_compare (e, clock[k], base) != 0;
  row->changed = FALSE;
  ok = _mdg_sync_engine_row_save (e, row, error);

out:
  for (guint k = 0; k < table->n; k++)
    _mdg_sync_engine_value_clear (&values[k]);
  return ok;
}

/* Points the rows that referred to @from at @to instead (a record merged into another). */
static gboolean
repoint_children (Engine      *e,
                  Table       *table,
                  gint64       from,
                  gint64       to,
                  GError     **error)
{
  GHashTableIter iter;
  Table *child;

  g_hash_table_iter_init (&iter, e->tables);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &child))
    for (guint k = 0; k < child->n; k++)
      if (g_strcmp0 (child->fk_target[k], table->name) == 0)
        {
          g_autofree char *column = _mdg_sync_quote_identifier (child->columns[k]);
          g_autofree char *sql = g_strdup_printf ("UPDATE OR IGNORE %s SET %s = ?1 WHERE %s = ?2", child->ident, column, column);
          g_autoptr(sqlite3_stmt) stmt = _mdg_sync_engine_prepare (e, sql, error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, to);
          sqlite3_bind_int64 (stmt, 2, from);
          if (!_mdg_sync_engine_step (e, stmt, error))
            return FALSE;
        }
  return TRUE;
}

/* The row's values and clocks as the server holds them, for merging it into another. */
static void
row_to_json (Engine      *e,
             Row         *row,
             JsonNode   **data,
             JsonNode   **clocks)
{
  g_autoptr(JsonBuilder) d = json_builder_new ();
  g_autoptr(JsonBuilder) c = json_builder_new ();

  json_builder_begin_object (d);
  json_builder_begin_object (c);
  for (guint k = 0; k < row->table->n; k++)
    {
      json_builder_set_member_name (d, row->table->columns[k]);
      _mdg_sync_engine_add_value_json (d, row->table, k, &row->values[k], e->tables);
      json_builder_set_member_name (c, row->table->columns[k]);
      json_builder_begin_array (c);
      json_builder_add_int_value (c, row->clocks[k].hlc);
      json_builder_add_string_value (c, _mdg_sync_engine_peer_uuid (e, row->clocks[k].peer));
      json_builder_end_array (c);
    }
  json_builder_end_object (d);
  json_builder_end_object (c);
  *data = json_builder_get_root (d);
  *clocks = json_builder_get_root (c);
}

gboolean
_mdg_sync_engine_delete_record (Engine      *e,
                                Table       *table,
                                const char  *uuid,
                                const char  *successor,
                                GError     **error)
{
  gint64 id = _mdg_sync_engine_lookup_id (table, uuid);
  Clock now = { 0, 0 };

  if (id > 0 && successor != NULL)
    {
      gint64 successor_id;
      Resolution resolution = _mdg_sync_engine_resolve (e, table->name, successor, &successor_id);

      if (resolution == RESOLVED && successor_id != id)
        {
          g_autoptr(Row) gone = _mdg_sync_engine_row_load (e, table, uuid, error);
          g_autofree char *successor_uuid = _mdg_sync_engine_lookup_uuid (table, successor_id);
          g_autoptr(Row) kept = _mdg_sync_engine_row_load (e, table, successor_uuid, error);
          g_autoptr(JsonNode) data = NULL;
          g_autoptr(JsonNode) clocks = NULL;

          if (gone == NULL || kept == NULL)
            return FALSE;
          row_to_json (e, gone, &data, &clocks);
          if (!_mdg_sync_engine_row_merge (e, kept, json_node_get_object (data), json_node_get_object (clocks), TRUE, TRUE,
                                           error) ||
              !repoint_children (e, table, id, successor_id, error))
            return FALSE;
        }
      else if (resolution == RESOLVED)
        id = 0;
      else
        {
          /* Not here yet: this row becomes it, and merges with it when it arrives. */
          if (!rekey (e, table, id, uuid, successor, error))
            return FALSE;
          id = 0;
        }
    }

  if (id > 0)
    {
      if (g_str_equal (table->name, "person"))
        {
          /* The right to erasure: as on the laptop where the person was deleted. */
          if (!_mdg_person_store_erase (e->db, id, error))
            return FALSE;
          g_ptr_array_add (e->erased, g_strdup (uuid));
        }
      else
        {
          g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table->ident);
          g_autoptr(sqlite3_stmt) stmt = _mdg_sync_engine_prepare (e, sql, error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          if (!_mdg_sync_engine_step (e, stmt, error))
            return FALSE;
        }
    }

  return _mdg_sync_engine_outbox_drop (e, table->name, uuid, NULL, error) &&
         _mdg_sync_engine_tombstone_add (e, table->name, uuid, now, successor, error);
}

static gboolean
apply_record (Engine    *e,
              Incoming  *in,
              gboolean   last_try,
              GError   **error)
{
  Table *table = g_hash_table_lookup (e->tables, in->kind);
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(JsonNode) clocks = NULL;
  g_autoptr(Row) row = NULL;

  /* A kind this version does not share (a newer laptop's): read again after an upgrade. */
  if (table == NULL)
    return TRUE;

  if (in->deleted)
    return _mdg_sync_engine_delete_record (e, table, in->uuid, in->merged_into, error);

  /* Deleted here: the delete wins, and goes to the server with the next push. */
  if (_mdg_sync_engine_tombstone (e, table->name, in->uuid, NULL))
    return TRUE;

  if (!json_parser_load_from_data (e->parser, in->data, -1, NULL) || !(data = json_parser_steal_root (e->parser)) ||
      !json_parser_load_from_data (e->parser, in->clock, -1, NULL) || !(clocks = json_parser_steal_root (e->parser)) ||
      !JSON_NODE_HOLDS_OBJECT (data) || !JSON_NODE_HOLDS_OBJECT (clocks))
    {
      /* Never one bad record stopping every sync after it. */
      g_warning ("Skipping a damaged record from the team server: %s %s", in->kind, in->uuid);
      return TRUE;
    }

  row = _mdg_sync_engine_row_load (e, table, in->uuid, error);
  if (row != NULL)
    return _mdg_sync_engine_row_merge (e, row, json_node_get_object (data), json_node_get_object (clocks), FALSE, FALSE,
                                       error);
  if (error != NULL && *error != NULL)
    return FALSE;
  return insert_record (e, table, in, json_node_get_object (data), json_node_get_object (clocks), last_try, error);
}

static int
compare_incoming (gconstpointer a,
                  gconstpointer b)
{
  const Incoming *x = *(Incoming **) a;
  const Incoming *y = *(Incoming **) b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  /* Records first, then deletions: a record merged into another meets it before its tombstone. */
  if (x->deleted != y->deleted)
    return x->deleted ? 1 : -1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

gboolean
_mdg_sync_engine_apply_all (Engine     *e,
                            GPtrArray  *incoming,
                            GError    **error)
{
  g_autoptr(GPtrArray) retry = NULL;

  for (guint i = 0; i < incoming->len; i++)
    {
      Incoming *in = g_ptr_array_index (incoming, i);
      Table *table = g_hash_table_lookup (e->tables, in->kind);
      in->position = table ? table->position : G_MAXUINT;
    }
  g_ptr_array_sort (incoming, compare_incoming);

  for (guint i = 0; i < incoming->len; i++)
    if (!apply_record (e, g_ptr_array_index (incoming, i), FALSE, error))
      return FALSE;

  retry = g_steal_pointer (&e->retry);
  e->retry = g_ptr_array_new ();
  for (guint i = 0; i < retry->len; i++)
    if (!apply_record (e, g_ptr_array_index (retry, i), TRUE, error))
      return FALSE;

  /* Foreign keys whose rows came later in the same pull. */
  for (guint i = 0; i < e->deferred->len; i++)
    {
      Deferred *deferred = g_ptr_array_index (e->deferred, i);
      Table *table = deferred->table;
      g_autofree char *column = _mdg_sync_quote_identifier (table->columns[deferred->column]);
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE uuid = ?2", table->ident, column);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      gint64 id;

      if (_mdg_sync_engine_resolve (e, table->fk_target[deferred->column], deferred->target, &id) != RESOLVED)
        continue;
      if (!(stmt = _mdg_sync_engine_prepare (e, sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, deferred->uuid, -1, SQLITE_TRANSIENT);
      if (!_mdg_sync_engine_step (e, stmt, error))
        return FALSE;
    }
  g_ptr_array_set_size (e->deferred, 0);
  return TRUE;
}
