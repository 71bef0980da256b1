/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sync-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-error.h"
#include "mdg-sync-engine-impl-private.h"
#include "mdg-sync-log-private.h"

/*
 * One local row while a pulled record merges into it: loaded with its clocks and what
 * it has waiting to be pushed, merged field by field (the later clock wins; an edit of
 * this laptop the server changed meanwhile is kept as a conflict), and saved.
 */

void
_mdg_sync_engine_row_free (Row *row)
{
  for (guint i = 0; i < row->table->n; i++)
    _mdg_sync_engine_value_clear (&row->values[i]);
  g_free (row->values);
  g_free (row->clocks);
  g_free (row->pending);
  g_free (row->bases);
  g_free (row->clock_changed);
  g_free (row->uuid);
  g_free (row);
}

Row *
_mdg_sync_engine_row_load (Engine      *e,
                           Table       *table,
                           const char  *uuid,
                           GError     **error)
{
  g_autoptr(Row) row = NULL;
  Clock base = { 0, MDG_SYNC_SEED_PEER };

  sqlite3_bind_text (table->by_uuid, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (table->by_uuid) != SQLITE_ROW)
    {
      sqlite3_reset (table->by_uuid);
      return NULL;
    }
  row = g_new0 (Row, 1);
  row->table = table;
  row->uuid = g_strdup (uuid);
  row->id = sqlite3_column_int64 (table->by_uuid, 0);
  row->values = g_new0 (Value, table->n);
  row->clocks = g_new0 (Clock, table->n);
  row->pending = g_new0 (gboolean, table->n);
  row->bases = g_new0 (Clock, table->n);
  row->clock_changed = g_new0 (gboolean, table->n);
  for (guint i = 0; i < table->n; i++)
    _mdg_sync_engine_value_from_column (&row->values[i], table->by_uuid, i + 1);
  sqlite3_reset (table->by_uuid);

  sqlite3_bind_text (e->get_row_clock, 1, table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (e->get_row_clock, 2, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (e->get_row_clock) == SQLITE_ROW)
    {
      base.hlc = sqlite3_column_int64 (e->get_row_clock, 0);
      base.peer = sqlite3_column_int (e->get_row_clock, 1);
    }
  sqlite3_reset (e->get_row_clock);
  for (guint i = 0; i < table->n; i++)
    row->clocks[i] = base;

  sqlite3_bind_text (e->get_fields, 1, table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (e->get_fields, 2, uuid, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (e->get_fields) == SQLITE_ROW)
    {
      int k = _mdg_sync_engine_column_index (table, (const char *) sqlite3_column_text (e->get_fields, 0));
      if (k >= 0)
        row->clocks[k] = (Clock) { sqlite3_column_int64 (e->get_fields, 1), sqlite3_column_int (e->get_fields, 2) };
    }
  sqlite3_reset (e->get_fields);

  sqlite3_bind_text (e->get_outbox, 1, table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (e->get_outbox, 2, uuid, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (e->get_outbox) == SQLITE_ROW)
    {
      const char *col = (const char *) sqlite3_column_text (e->get_outbox, 0);
      int k = _mdg_sync_engine_column_index (table, col);

      if (g_str_equal (col, "*"))
        row->star = TRUE;
      else if (k >= 0)
        {
          row->pending[k] = TRUE;
          row->bases[k] = (Clock) { sqlite3_column_int64 (e->get_outbox, 1), sqlite3_column_int (e->get_outbox, 2) };
        }
    }
  sqlite3_reset (e->get_outbox);

  if (error != NULL && *error != NULL)
    return NULL;
  return g_steal_pointer (&row);
}

gboolean
_mdg_sync_engine_outbox_add (Engine      *e,
                             const char  *table,
                             const char  *uuid,
                             const char  *col,
                             Clock        base,
                             GError     **error)
{
  sqlite3_bind_text (e->put_outbox, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (e->put_outbox, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (e->put_outbox, 3, col, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (e->put_outbox, 4, base.hlc);
  sqlite3_bind_int (e->put_outbox, 5, base.peer);
  return _mdg_sync_engine_step (e, e->put_outbox, error);
}

gboolean
_mdg_sync_engine_outbox_drop (Engine      *e,
                              const char  *table,
                              const char  *uuid,
                              const char  *col,
                              GError     **error)
{
  sqlite3_stmt *stmt = col ? e->del_outbox_col : e->del_outbox_row;

  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  if (col != NULL)
    sqlite3_bind_text (stmt, 3, col, -1, SQLITE_TRANSIENT);
  return _mdg_sync_engine_step (e, stmt, error);
}

gboolean
_mdg_sync_engine_tombstone_add (Engine      *e,
                                const char  *table,
                                const char  *uuid,
                                Clock        clock,
                                const char  *successor,
                                GError     **error)
{
  sqlite3_bind_text (e->put_tombstone, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (e->put_tombstone, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (e->put_tombstone, 3, clock.hlc);
  sqlite3_bind_int (e->put_tombstone, 4, clock.peer);
  if (successor != NULL)
    sqlite3_bind_text (e->put_tombstone, 5, successor, -1, SQLITE_TRANSIENT);
  return _mdg_sync_engine_step (e, e->put_tombstone, error);
}

static gboolean
conflict_add (Engine      *e,
              Row         *row,
              guint        column,
              const char  *kind,
              const Value *mine,
              Clock        mine_clock,
              const Value *theirs,
              Clock        theirs_clock,
              gboolean     kept_mine,
              GError     **error)
{
  g_autofree char *mine_text = _mdg_sync_engine_value_to_json_text (e, row->table, column, mine);
  g_autofree char *theirs_text = _mdg_sync_engine_value_to_json_text (e, row->table, column, theirs);
  sqlite3_stmt *stmt = e->add_conflict;

  sqlite3_bind_text (stmt, 1, row->table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row->table->columns[column], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, mine_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, mine_clock.hlc);
  sqlite3_bind_int (stmt, 7, mine_clock.peer);
  sqlite3_bind_text (stmt, 8, theirs_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, theirs_clock.hlc);
  sqlite3_bind_int (stmt, 10, theirs_clock.peer);
  sqlite3_bind_text (stmt, 11, kept_mine ? "mine" : "theirs", -1, SQLITE_STATIC);
  e->conflicts++;
  return _mdg_sync_engine_step (e, stmt, error);
}

static void
row_take (Row         *row,
          guint        column,
          const Value *value,
          Clock        clock)
{
  if (!_mdg_sync_engine_value_equal (&row->values[column], value))
    {
      _mdg_sync_engine_value_copy (&row->values[column], value);
      row->changed = TRUE;
    }
  row->clocks[column] = clock;
  row->clock_changed[column] = TRUE;
}

/* A value the sync itself writes: stamped now and pushed like an edit. */
static gboolean
row_write (Engine       *e,
           Row          *row,
           guint         column,
           const Value  *value,
           GError      **error)
{
  Clock before = row->clocks[column];
  Clock now;

  if (!_mdg_sync_engine_stamp (e, &now, error))
    return FALSE;
  row_take (row, column, value, now);
  if (!row->pending[column])
    {
      row->pending[column] = TRUE;
      row->bases[column] = before;
      return _mdg_sync_engine_outbox_add (e, row->table->name, row->uuid, row->table->columns[column], before, error);
    }
  return TRUE;
}

static gboolean
unpend (Engine      *e,
        Row         *row,
        guint        column,
        GError     **error)
{
  if (!row->pending[column])
    return TRUE;
  row->pending[column] = FALSE;
  return _mdg_sync_engine_outbox_drop (e, row->table->name, row->uuid, row->table->columns[column], error);
}

/* UPDATEs every synced column of the row from its values. */
static gboolean
write_values (Engine  *e,
              Row     *row,
              GError **error)
{
  Table *table = row->table;

  if (table->n == 0)
    return TRUE;
  if (table->update == NULL && !(table->update = _mdg_sync_engine_prepare (e, table->update_sql, error)))
    return FALSE;
  for (guint i = 0; i < table->n; i++)
    _mdg_sync_engine_value_bind (&row->values[i], table->update, i + 1);
  sqlite3_bind_int64 (table->update, table->n + 1, row->id);
  return _mdg_sync_engine_step (e, table->update, error);
}

/* Two laptops gave two records the same unique label (a registration number): the
 * record with the greater uuid takes a suffix of its own uuid, the same on every laptop. */
gboolean
_mdg_sync_engine_resolve_label_clashes (Engine  *e,
                                        Row     *row,
                                        GError **error)
{
  Table *table = row->table;

  for (guint u = 0; u < table->uniques->len; u++)
    {
      UniqueKey *key = g_ptr_array_index (table->uniques, u);
      gint64 other_id = 0;
      g_autofree char *other_uuid = NULL;
      gboolean complete = TRUE;
      int label = -1;

      if (key->identity)
        continue;
      for (guint i = 0; i < key->n; i++)
        {
          const Value *value = &row->values[key->columns[i]];
          complete &= value->type != SQLITE_NULL;
          _mdg_sync_engine_value_bind (value, key->find, i + 1);
          if (label < 0 && table->fk_target[key->columns[i]] == NULL &&
              (value->type == SQLITE_TEXT || value->type == SQLITE_INTEGER))
            label = key->columns[i];
        }
      while (complete && sqlite3_step (key->find) == SQLITE_ROW)
        if (sqlite3_column_int64 (key->find, 0) != row->id)
          {
            other_id = sqlite3_column_int64 (key->find, 0);
            other_uuid = g_strdup ((const char *) sqlite3_column_text (key->find, 1));
            break;
          }
      sqlite3_reset (key->find);
      sqlite3_clear_bindings (key->find);
      if (other_id == 0 || label < 0)
        continue;

      {
        g_autoptr(Row) other = _mdg_sync_engine_row_load (e, table, other_uuid, error);
        Row *loser = strcmp (row->uuid, other_uuid) > 0 ? row : other;
        Value renamed = { 0 };
        Value before = { 0 };

        if (other == NULL)
          return FALSE;
        _mdg_sync_engine_value_copy (&before, &loser->values[label]);
        if (before.type == SQLITE_TEXT)
          {
            g_autofree char *suffix = g_ascii_strup (loser->uuid, 4);
            renamed.type = SQLITE_TEXT;
            renamed.s = g_strdup_printf ("%s-%s", before.s, suffix);
          }
        else
          {
            g_autofree char *sql = g_strdup_printf ("SELECT max (%s) + 1 FROM %s", table->columns[label], table->ident);
            g_autoptr(sqlite3_stmt) next = _mdg_sync_engine_prepare (e, sql, error);
            if (next == NULL || sqlite3_step (next) != SQLITE_ROW)
              {
                _mdg_sync_engine_value_clear (&before);
                return FALSE;
              }
            renamed.type = SQLITE_INTEGER;
            renamed.i = sqlite3_column_int64 (next, 0);
          }

        if (!row_write (e, loser, label, &renamed, error) ||
            !conflict_add (e, loser, label, "duplicate", &before, loser->clocks[label], &renamed, loser->clocks[label],
                           FALSE, error))
          {
            _mdg_sync_engine_value_clear (&before);
            _mdg_sync_engine_value_clear (&renamed);
            return FALSE;
          }
        _mdg_sync_engine_value_clear (&before);
        _mdg_sync_engine_value_clear (&renamed);

        /* The other row is already in the table: renamed there, before this one is written. */
        if (loser == other && other->changed)
          {
            if (!write_values (e, other, error))
              return FALSE;
            sqlite3_bind_text (e->put_field, 1, table->name, -1, SQLITE_STATIC);
            sqlite3_bind_text (e->put_field, 2, other->uuid, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text (e->put_field, 3, table->columns[label], -1, SQLITE_STATIC);
            sqlite3_bind_int64 (e->put_field, 4, other->clocks[label].hlc);
            sqlite3_bind_int (e->put_field, 5, other->clocks[label].peer);
            if (!_mdg_sync_engine_step (e, e->put_field, error))
              return FALSE;
          }
      }
    }
  return TRUE;
}

/* Writes the row's values and changed clocks. */
gboolean
_mdg_sync_engine_row_save (Engine  *e,
                           Row     *row,
                           GError **error)
{
  Table *table = row->table;

  if (row->changed)
    {
      g_autoptr(GError) refused = NULL;

      if (!_mdg_sync_engine_resolve_label_clashes (e, row, error))
        return FALSE;
      if (!write_values (e, row, &refused))
        {
          /* A value this laptop's schema refuses (a check a newer laptop does not have):
           * the record stays as it was here rather than stopping every sync after. */
          if (!g_error_matches (refused, MDG_ERROR, MDG_ERROR_CONSTRAINT))
            {
              g_propagate_error (error, g_steal_pointer (&refused));
              return FALSE;
            }
          g_warning ("Kept %s %s as it was: %s", table->name, row->uuid, refused->message);
          return TRUE;
        }
      row->changed = FALSE;
    }
  for (guint i = 0; i < table->n; i++)
    {
      if (!row->clock_changed[i])
        continue;
      sqlite3_bind_text (e->put_field, 1, table->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (e->put_field, 2, row->uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (e->put_field, 3, table->columns[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (e->put_field, 4, row->clocks[i].hlc);
      sqlite3_bind_int (e->put_field, 5, row->clocks[i].peer);
      if (!_mdg_sync_engine_step (e, e->put_field, error))
        return FALSE;
      row->clock_changed[i] = FALSE;
    }
  return TRUE;
}

void
_mdg_sync_engine_defer (Engine     *e,
                        Table      *table,
                        const char *uuid,
                        guint       column,
                        JsonNode   *node)
{
  Deferred *deferred = g_new0 (Deferred, 1);

  deferred->table = table;
  deferred->uuid = g_strdup (uuid);
  deferred->column = column;
  deferred->target = g_strdup (json_node_get_string (node));
  g_ptr_array_add (e->deferred, deferred);
}

/*
 * Merges a record from the server into its local row, field by field.
 *
 * @merging: two records found to be one (the same unique identity, or one merged into
 *   the other): a value beats an empty field whatever the clocks, and a value kept
 *   against a later one is stamped anew so the server takes it.
 * @push_taken: values taken from the record are pushed under the local row's uuid.
 */
gboolean
_mdg_sync_engine_row_merge (Engine      *e,
                            Row         *row,
                            JsonObject  *data,
                            JsonObject  *clocks,
                            gboolean     merging,
                            gboolean     push_taken,
                            GError     **error)
{
  Table *table = row->table;

  for (guint k = 0; k < table->n; k++)
    {
      const char *col = table->columns[k];
      JsonNode *node = json_object_get_member (data, col);
      Value remote = { 0 };
      Value *local = &row->values[k];
      Clock rc, lc = row->clocks[k];
      Resolution resolution;
      gboolean ok = TRUE;

      if (node == NULL || !_mdg_sync_engine_parse_clock (e, json_object_get_member (clocks, col), &rc, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          continue;
        }
      if (_mdg_sync_engine_clock_compare (e, rc, lc) == 0)
        continue;

      resolution = _mdg_sync_engine_json_to_value (e, table, k, node, &remote);
      if (resolution == TOMBSTONED && table->notnull[k])
        continue;
      if (resolution == MISSING && table->notnull[k])
        continue;

      if (merging)
        {
          if (_mdg_sync_engine_value_equal (local, &remote))
            {
              if (_mdg_sync_engine_clock_compare (e, rc, lc) > 0)
                row_take (row, k, &remote, rc);
            }
          else if (g_str_has_suffix (col, "_at") && local->type != SQLITE_NULL && remote.type != SQLITE_NULL)
            {
              /* Two copies of one record: it was made, applied for, checked in at the
               * first of its two times. Not a conflict. */
              gboolean take = _mdg_sync_engine_value_before (&remote, local);
              Clock chosen = take ? rc : lc;
              Value first = { 0 };

              _mdg_sync_engine_value_copy (&first, take ? &remote : local);
              if (_mdg_sync_engine_clock_compare (e, chosen, take ? lc : rc) < 0)
                ok = row_write (e, row, k, &first, error);
              else if (take)
                {
                  row_take (row, k, &first, rc);
                  ok = push_taken ? _mdg_sync_engine_outbox_add (e, table->name, row->uuid, col, lc, error)
                                  : unpend (e, row, k, error);
                }
              _mdg_sync_engine_value_clear (&first);
            }
          else if (local->type == SQLITE_NULL ||
                   (remote.type != SQLITE_NULL && _mdg_sync_engine_clock_compare (e, rc, lc) > 0))
            {
              if (local->type != SQLITE_NULL)
                ok = conflict_add (e, row, k, "field", local, lc, &remote, rc, FALSE, error);
              row_take (row, k, &remote, rc);
              ok = ok && (push_taken ? _mdg_sync_engine_outbox_add (e, table->name, row->uuid, col, lc, error)
                                     : unpend (e, row, k, error));
            }
          else
            {
              Value mine = { 0 };

              _mdg_sync_engine_value_copy (&mine, local);
              if (remote.type != SQLITE_NULL)
                ok = conflict_add (e, row, k, "field", local, lc, &remote, rc, TRUE, error);
              ok = ok && (_mdg_sync_engine_clock_compare (e, rc, lc) < 0 || row_write (e, row, k, &mine, error));
              _mdg_sync_engine_value_clear (&mine);
            }
        }
      else if (row->pending[k] || row->star)
        {
          Clock base = row->star ? (Clock) { 0, MDG_SYNC_SEED_PEER } : row->bases[k];

          /* Edited here and there since this laptop last saw the field: a conflict. */
          if (!row->star && _mdg_sync_engine_clock_compare (e, rc, base) == 0)
            ;
          else if (_mdg_sync_engine_value_equal (local, &remote))
            {
              if (_mdg_sync_engine_clock_compare (e, rc, lc) > 0)
                {
                  row_take (row, k, &remote, rc);
                  ok = unpend (e, row, k, error);
                }
            }
          else if (_mdg_sync_engine_clock_compare (e, rc, lc) > 0)
            {
              ok = conflict_add (e, row, k, "field", local, lc, &remote, rc, FALSE, error);
              row_take (row, k, &remote, rc);
              ok = ok && unpend (e, row, k, error);
            }
          else
            ok = conflict_add (e, row, k, "field", local, lc, &remote, rc, TRUE, error);
        }
      else if (_mdg_sync_engine_clock_compare (e, rc, lc) > 0)
        row_take (row, k, &remote, rc);

      /* Its row came later in this pull: pointed at once everything is in, if taken. */
      if (resolution == MISSING && _mdg_sync_engine_clock_compare (e, row->clocks[k], rc) == 0)
        _mdg_sync_engine_defer (e, table, row->uuid, k, node);
      _mdg_sync_engine_value_clear (&remote);
      if (!ok)
        return FALSE;
    }

  return _mdg_sync_engine_row_save (e, row, error);
}
