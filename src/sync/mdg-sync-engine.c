/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sync-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-person-store-private.h"
#include "mdg-sync-engine-private.h"
#include "mdg-sync-error.h"
#include "mdg-sync-log-private.h"

/*
 * One sync: pull what the server has that this laptop has not seen, apply it field by
 * field, push what this laptop changed, in one server transaction under the writers'
 * lock and one SQLite transaction; either both commit or neither does (a crash between
 * the two commits is harmless: the next sync finds its own writes again, with the same
 * clocks, and they change nothing).
 *
 * Fields merge by their clocks (hybrid logical clock, then device): the later write
 * wins. When this laptop edited a field the server changed meanwhile (the server's
 * clock is not the one the edit was made on), both values are kept: the winner in the
 * record, the other in sync_conflict, listed for review.
 *
 * A sync with nothing to push first asks without a transaction: "anything after N?"
 * Writers commit in sequence order (see mdg-sync-server.c), so the answer is always
 * complete, and a sync with nothing to do is one round trip.
 */

#define PAGE_SIZE 5000
#define PUSH_BATCH 2000
#define PULL_SQL                                                                          \
  "SELECT kind, uuid, data::text, clock::text, deleted, merged_into, seq FROM madoguchi.record" \
  " WHERE seq > %" G_GINT64_FORMAT " ORDER BY seq LIMIT %d"

typedef struct
{
  gint64 hlc;
  int    peer;
} Clock;

typedef struct
{
  int     type;  /* SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT or SQLITE_TEXT */
  gint64  i;
  double  d;
  char   *s;
} Value;

typedef enum
{
  RESOLVED,
  MISSING,     /* not arrived (yet) */
  TOMBSTONED,  /* deleted */
} Resolution;

typedef struct
{
  guint         n;
  guint        *columns;
  gboolean      identity;
  sqlite3_stmt *find;
} UniqueKey;

typedef struct
{
  char          *name;
  char          *ident;
  char         **columns;
  guint          n;
  gboolean      *notnull;
  char         **fk_target;  /* per column: the table it points at, or NULL */
  gboolean      *fk_cascade;
  GPtrArray     *uniques;
  UniqueKey     *identity;
  sqlite3_stmt  *by_uuid;
  sqlite3_stmt  *update;      /* prepared when first needed: it compiles the table's triggers */
  char          *update_sql;
  sqlite3_stmt  *id_of;
  sqlite3_stmt  *uuid_of;
  GHashTable    *inserts;    /* which columns a record brings → its INSERT */
  int            file_column; /* the column naming a file by its SHA-256, or -1 */
  char          *file_folder;
  char          *file_suffix;
  guint          position;
} Table;

typedef struct
{
  char     *kind;
  char     *uuid;
  char     *data;
  char     *clock;
  gboolean  deleted;
  char     *merged_into;
  gint64    seq;
  guint     position;
} Incoming;

typedef struct
{
  Table *table;
  char  *uuid;
  guint  column;
  char  *target;
} Deferred;

/* One local row while it merges. */
typedef struct
{
  Table    *table;
  gint64    id;
  char     *uuid;
  Value    *values;
  Clock    *clocks;
  gboolean *pending;
  Clock    *bases;
  gboolean  star;
  gboolean  changed;
  gboolean *clock_changed;
} Row;

typedef struct
{
  MdgDatabase  *database;
  sqlite3      *db;
  GHashTable   *tables;
  GPtrArray    *order;
  GHashTable   *peer_by_uuid;
  GHashTable   *uuid_by_peer;
  JsonParser   *parser;
  gint64        max_hlc;
  GPtrArray    *deferred;
  GPtrArray    *retry;
  GPtrArray    *erased;    /* uuids of people erased in the open transaction */
  guint         conflicts;
  sqlite3_stmt *get_row_clock;
  sqlite3_stmt *put_row_clock;
  sqlite3_stmt *get_fields;
  sqlite3_stmt *put_field;
  sqlite3_stmt *get_outbox;
  sqlite3_stmt *put_outbox;
  sqlite3_stmt *del_outbox_col;
  sqlite3_stmt *del_outbox_row;
  sqlite3_stmt *get_tombstone;
  sqlite3_stmt *put_tombstone;
  sqlite3_stmt *add_conflict;
  sqlite3_stmt *add_peer;
  sqlite3_stmt *stamp;
  sqlite3_stmt *has_star;
} Engine;

static void
value_clear (Value *value)
{
  g_clear_pointer (&value->s, g_free);
  value->type = SQLITE_NULL;
}

static void
value_copy (Value       *to,
            const Value *from)
{
  value_clear (to);
  *to = *from;
  to->s = g_strdup (from->s);
}

static void
value_from_column (Value        *value,
                   sqlite3_stmt *stmt,
                   int           column)
{
  value_clear (value);
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

static void
value_bind (const Value  *value,
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

static gboolean
value_equal (const Value *a,
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
static gboolean
value_before (const Value *a,
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

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
unique_key_free (UniqueKey *key)
{
  g_clear_pointer (&key->find, sqlite3_finalize);
  g_free (key->columns);
  g_free (key);
}

static void
table_free (Table *table)
{
  g_clear_pointer (&table->by_uuid, sqlite3_finalize);
  g_clear_pointer (&table->update, sqlite3_finalize);
  g_free (table->update_sql);
  g_clear_pointer (&table->id_of, sqlite3_finalize);
  g_clear_pointer (&table->uuid_of, sqlite3_finalize);
  g_clear_pointer (&table->inserts, g_hash_table_unref);
  g_free (table->file_folder);
  g_free (table->file_suffix);
  g_clear_pointer (&table->uniques, g_ptr_array_unref);
  for (guint i = 0; i < table->n; i++)
    g_free (table->fk_target[i]);
  g_free (table->fk_target);
  g_free (table->fk_cascade);
  g_free (table->notnull);
  g_strfreev (table->columns);
  g_free (table->ident);
  g_free (table->name);
  g_free (table);
}

static void
incoming_free (Incoming *in)
{
  g_free (in->kind);
  g_free (in->uuid);
  g_free (in->data);
  g_free (in->clock);
  g_free (in->merged_into);
  g_free (in);
}

static void
deferred_free (Deferred *deferred)
{
  g_free (deferred->uuid);
  g_free (deferred->target);
  g_free (deferred);
}

static void
row_free (Row *row)
{
  for (guint i = 0; i < row->table->n; i++)
    value_clear (&row->values[i]);
  g_free (row->values);
  g_free (row->clocks);
  g_free (row->pending);
  g_free (row->bases);
  g_free (row->clock_changed);
  g_free (row->uuid);
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Row, row_free)

static void
engine_free (Engine *e)
{
  sqlite3_stmt **statements[] = {
    &e->get_row_clock, &e->put_row_clock, &e->get_fields, &e->put_field, &e->get_outbox, &e->put_outbox,
    &e->del_outbox_col, &e->del_outbox_row, &e->get_tombstone, &e->put_tombstone, &e->add_conflict, &e->add_peer,
    &e->stamp, &e->has_star,
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    g_clear_pointer (statements[i], sqlite3_finalize);
  g_clear_pointer (&e->order, g_ptr_array_unref);
  g_clear_pointer (&e->tables, g_hash_table_unref);
  g_clear_pointer (&e->peer_by_uuid, g_hash_table_unref);
  g_clear_pointer (&e->uuid_by_peer, g_hash_table_unref);
  g_clear_pointer (&e->deferred, g_ptr_array_unref);
  g_clear_pointer (&e->retry, g_ptr_array_unref);
  g_clear_pointer (&e->erased, g_ptr_array_unref);
  g_clear_object (&e->parser);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Engine, engine_free)

static int
column_index (Table      *table,
              const char *name)
{
  for (guint i = 0; i < table->n; i++)
    if (g_str_equal (table->columns[i], name))
      return i;
  return -1;
}

/* Reads a table's columns, foreign keys and unique keys, and prepares its statements. */
static Table *
table_new (sqlite3     *db,
           const char  *name,
           const char  *identity,
           guint        position,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) info = NULL;
  g_autoptr(sqlite3_stmt) indexes = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GString) sets = g_string_new (NULL);
  g_auto(GStrv) identity_columns = identity ? g_strsplit (identity, " ", -1) : NULL;
  Table *table = g_new0 (Table, 1);
  g_autofree char *sql = NULL;

  table->name = g_strdup (name);
  table->ident = _mdg_sync_quote_identifier (name);
  table->position = position;
  table->uniques = g_ptr_array_new_with_free_func ((GDestroyNotify) unique_key_free);
  table->inserts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, statement_free);
  table->file_column = -1;
  table->columns = _mdg_sync_columns (db, name, error);
  if (table->columns == NULL)
    goto fail;
  table->n = g_strv_length (table->columns);
  table->notnull = g_new0 (gboolean, table->n);
  table->fk_target = g_new0 (char *, table->n);
  table->fk_cascade = g_new0 (gboolean, table->n);

  info = _mdg_sql_prepare (db, "SELECT name, \"notnull\" FROM pragma_table_info (?)", error);
  if (info == NULL)
    goto fail;
  sqlite3_bind_text (info, 1, name, -1, SQLITE_STATIC);
  while (sqlite3_step (info) == SQLITE_ROW)
    {
      int k = column_index (table, (const char *) sqlite3_column_text (info, 0));
      if (k >= 0)
        table->notnull[k] = sqlite3_column_int (info, 1);
    }
  g_clear_pointer (&info, sqlite3_finalize);

  info = _mdg_sql_prepare (db, "SELECT \"from\", \"table\", on_delete FROM pragma_foreign_key_list (?)", error);
  if (info == NULL)
    goto fail;
  sqlite3_bind_text (info, 1, name, -1, SQLITE_STATIC);
  while (sqlite3_step (info) == SQLITE_ROW)
    {
      int k = column_index (table, (const char *) sqlite3_column_text (info, 0));
      if (k >= 0)
        {
          table->fk_target[k] = g_strdup ((const char *) sqlite3_column_text (info, 1));
          table->fk_cascade[k] = g_ascii_strcasecmp ((const char *) sqlite3_column_text (info, 2), "CASCADE") == 0;
        }
    }

  /* Unique keys other than the uuid: a clash on one is two laptops naming two records alike. */
  indexes = _mdg_sql_prepare (db, "SELECT name FROM pragma_index_list (?) WHERE \"unique\"", error);
  if (indexes == NULL)
    goto fail;
  sqlite3_bind_text (indexes, 1, name, -1, SQLITE_STATIC);
  while (sqlite3_step (indexes) == SQLITE_ROW)
    {
      g_autoptr(sqlite3_stmt) columns = _mdg_sql_prepare (db, "SELECT name FROM pragma_index_info (?)", error);
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GString) where = g_string_new (NULL);
      gboolean usable = TRUE;
      UniqueKey *key;

      if (columns == NULL)
        goto fail;
      sqlite3_bind_text (columns, 1, (const char *) sqlite3_column_text (indexes, 0), -1, SQLITE_TRANSIENT);
      while (sqlite3_step (columns) == SQLITE_ROW)
        {
          int k = column_index (table, (const char *) sqlite3_column_text (columns, 0));
          g_autofree char *column = NULL;

          if (k < 0)
            {
              usable = FALSE;
              break;
            }
          column = _mdg_sync_quote_identifier (table->columns[k]);
          g_array_append_val (found, k);
          g_string_append_printf (where, "%s%s = ?%u", found->len > 1 ? " AND " : "", column, found->len);
        }
      if (!usable || found->len == 0)
        continue;

      key = g_new0 (UniqueKey, 1);
      key->n = found->len;
      key->columns = (guint *) g_array_free (g_steal_pointer (&found), FALSE);
      g_ptr_array_add (table->uniques, key);
      g_free (sql);
      sql = g_strdup_printf ("SELECT id, uuid FROM %s WHERE %s", table->ident, where->str);
      key->find = _mdg_sql_prepare (db, sql, error);
      if (key->find == NULL)
        goto fail;

      if (identity_columns != NULL && g_strv_length (identity_columns) == key->n)
        {
          gboolean same = TRUE;
          for (guint i = 0; i < key->n; i++)
            same &= g_strv_contains ((const char *const *) identity_columns, table->columns[key->columns[i]]);
          key->identity = same;
          if (same)
            table->identity = key;
        }
    }

  for (guint i = 0; i < table->n; i++)
    {
      g_autofree char *column = _mdg_sync_quote_identifier (table->columns[i]);
      g_string_append_printf (list, ", %s", column);
      g_string_append_printf (sets, "%s%s = ?%u", i ? ", " : "", column, i + 1);
    }

  g_free (sql);
  sql = g_strdup_printf ("SELECT id%s FROM %s WHERE uuid = ?", list->str, table->ident);
  table->by_uuid = _mdg_sql_prepare (db, sql, error);
  table->update_sql = g_strdup_printf ("UPDATE %s SET %s WHERE id = ?%u", table->ident, sets->str, table->n + 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT id FROM %s WHERE uuid = ?", table->ident);
  table->id_of = _mdg_sql_prepare (db, sql, error);
  g_free (sql);
  sql = g_strdup_printf ("SELECT uuid FROM %s WHERE id = ?", table->ident);
  table->uuid_of = _mdg_sql_prepare (db, sql, error);
  if (table->by_uuid == NULL || table->id_of == NULL || table->uuid_of == NULL)
    goto fail;

  return table;

fail:
  table_free (table);
  return NULL;
}

/* Parents before children, so that a row's foreign keys find their rows. */
static GPtrArray *
apply_order (GHashTable *tables)
{
  g_autoptr(GList) all = g_hash_table_get_values (tables);
  GPtrArray *order = g_ptr_array_new ();
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);

  while (g_hash_table_size (placed) < g_hash_table_size (tables))
    {
      Table *next = NULL;

      for (GList *l = all; l; l = l->next)
        {
          Table *table = l->data;
          gboolean ready = TRUE;

          if (g_hash_table_contains (placed, table->name))
            continue;
          for (guint i = 0; i < table->n && ready; i++)
            ready = table->fk_target[i] == NULL || g_str_equal (table->fk_target[i], table->name) ||
                    !g_hash_table_contains (tables, table->fk_target[i]) ||
                    g_hash_table_contains (placed, table->fk_target[i]);
          if (ready && (next == NULL || table->position < next->position))
            next = table;
        }
      /* A cycle: the table shared first goes first; its keys are set after the others. */
      for (GList *l = all; l && next == NULL; l = l->next)
        {
          Table *table = l->data;
          if (!g_hash_table_contains (placed, table->name) && (next == NULL || table->position < next->position))
            next = table;
        }
      next->position = order->len;
      g_ptr_array_add (order, next);
      g_hash_table_add (placed, next->name);
    }
  return order;
}

static sqlite3_stmt *
prepare (Engine      *e,
         const char  *sql,
         GError     **error)
{
  return _mdg_sql_prepare (e->db, sql, error);
}

static Engine *
engine_new (MdgDatabase *database)
{
  Engine *e = g_new0 (Engine, 1);

  e->database = database;
  e->db = _mdg_database_get_handle (database);
  e->tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) table_free);
  e->peer_by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e->uuid_by_peer = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  e->deferred = g_ptr_array_new_with_free_func ((GDestroyNotify) deferred_free);
  e->retry = g_ptr_array_new ();
  e->erased = g_ptr_array_new_with_free_func (g_free);
  e->parser = json_parser_new_immutable ();
  return e;
}

/* Reads the shared tables and prepares the statements: only a sync with something to
 * apply or push needs them, so a sync with nothing to do skips it. */
static gboolean
engine_load (Engine  *e,
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (e->order != NULL)
    return TRUE;

  stmt = prepare (e, "SELECT name, identity, position FROM sync_table ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Table *table = table_new (e->db, (const char *) sqlite3_column_text (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 1), sqlite3_column_int (stmt, 2), error);
      if (table == NULL)
        return FALSE;
      g_hash_table_insert (e->tables, table->name, table);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  e->order = apply_order (e->tables);

  stmt = prepare (e, "SELECT tbl, col, folder, suffix FROM sync_file", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Table *table = g_hash_table_lookup (e->tables, sqlite3_column_text (stmt, 0));

      if (table == NULL)
        continue;
      table->file_column = column_index (table, (const char *) sqlite3_column_text (stmt, 1));
      table->file_folder = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      table->file_suffix = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = prepare (e, "SELECT id, uuid FROM sync_peer", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int id = sqlite3_column_int (stmt, 0);
      g_hash_table_insert (e->peer_by_uuid, g_strdup ((const char *) sqlite3_column_text (stmt, 1)), GINT_TO_POINTER (id));
      g_hash_table_insert (e->uuid_by_peer, GINT_TO_POINTER (id), g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }

  if (!(e->get_row_clock = prepare (e, "SELECT hlc, peer FROM sync_row WHERE tbl = ?1 AND uuid = ?2", error)) ||
      !(e->put_row_clock = prepare (e, "INSERT OR REPLACE INTO sync_row (tbl, uuid, hlc, peer) VALUES (?1, ?2, ?3, ?4)", error)) ||
      !(e->get_fields = prepare (e, "SELECT col, hlc, peer FROM sync_field WHERE tbl = ?1 AND uuid = ?2", error)) ||
      !(e->put_field = prepare (e, "INSERT OR REPLACE INTO sync_field (tbl, uuid, col, hlc, peer) VALUES (?1, ?2, ?3, ?4, ?5)", error)) ||
      !(e->get_outbox = prepare (e, "SELECT col, base_hlc, base_peer FROM sync_outbox WHERE tbl = ?1 AND uuid = ?2", error)) ||
      !(e->put_outbox = prepare (e, "INSERT OR IGNORE INTO sync_outbox (tbl, uuid, col, base_hlc, base_peer) VALUES (?1, ?2, ?3, ?4, ?5)", error)) ||
      !(e->del_outbox_col = prepare (e, "DELETE FROM sync_outbox WHERE tbl = ?1 AND uuid = ?2 AND col = ?3", error)) ||
      !(e->del_outbox_row = prepare (e, "DELETE FROM sync_outbox WHERE tbl = ?1 AND uuid = ?2", error)) ||
      !(e->get_tombstone = prepare (e, "SELECT successor FROM sync_tombstone WHERE tbl = ?1 AND uuid = ?2", error)) ||
      !(e->put_tombstone = prepare (e, "INSERT OR REPLACE INTO sync_tombstone (tbl, uuid, hlc, peer, successor)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5)", error)) ||
      !(e->add_conflict = prepare (e, "INSERT INTO sync_conflict (tbl, uuid, col, kind, mine, mine_hlc, mine_peer, theirs,"
                                      " theirs_hlc, theirs_peer, kept) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error)) ||
      !(e->add_peer = prepare (e, "INSERT INTO sync_peer (uuid) VALUES (?) RETURNING id", error)) ||
      !(e->stamp = prepare (e, "UPDATE sync_self SET hlc = max (?1 + 1, hlc + 1,"
                               " CAST ((julianday ('now') - 2440587.5) * 86400000.0 AS INTEGER) * 65536) WHERE id = 1"
                               " RETURNING hlc", error)) ||
      !(e->has_star = prepare (e, "SELECT 1 FROM sync_outbox WHERE tbl = ?1 AND uuid = ?2 AND col = '*'", error)))
    return FALSE;

  return TRUE;
}

static gboolean
step (Engine        *e,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  gboolean ok = _mdg_sql_step_done (e->db, stmt, error);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

static const char *
peer_uuid (Engine *e,
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

static int
clock_compare (Engine *e,
               Clock   a,
               Clock   b)
{
  if (a.hlc != b.hlc)
    return a.hlc < b.hlc ? -1 : 1;
  if (a.peer == b.peer)
    return 0;
  return strcmp (peer_uuid (e, a.peer), peer_uuid (e, b.peer));
}

/* A new stamp for a write the sync itself makes: after every clock seen so far. */
static gboolean
stamp (Engine  *e,
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

static gboolean
parse_clock (Engine      *e,
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

static gint64
lookup_id (Table      *table,
           const char *uuid)
{
  gint64 id = 0;

  sqlite3_bind_text (table->id_of, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (table->id_of) == SQLITE_ROW)
    id = sqlite3_column_int64 (table->id_of, 0);
  sqlite3_reset (table->id_of);
  return id;
}

static char *
lookup_uuid (Table  *table,
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
static gboolean
tombstone (Engine      *e,
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
static Resolution
resolve (Engine     *e,
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

      if ((*id = lookup_id (table, current)) > 0)
        return RESOLVED;
      if (!tombstone (e, table_name, current, &successor))
        return MISSING;
      if (successor == NULL)
        return TOMBSTONED;
      g_free (current);
      current = g_steal_pointer (&successor);
    }
  return TOMBSTONED;
}

static Resolution
json_to_value (Engine   *e,
               Table    *table,
               guint     column,
               JsonNode *node,
               Value    *value)
{
  value_clear (value);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return RESOLVED;

  if (table->fk_target[column] != NULL)
    {
      gint64 id;
      Resolution resolution = resolve (e, table->fk_target[column], json_node_get_string (node), &id);

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

static void
add_value_json (JsonBuilder *builder,
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
          g_autofree char *uuid = target ? lookup_uuid (target, value->i) : NULL;

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
static char *
value_to_json_text (Engine      *e,
                    Table       *table,
                    guint        column,
                    const Value *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  add_value_json (builder, table, column, value, e->tables);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (json_array_get_element (json_node_get_array (root), 0), FALSE);
}

static Row *
row_load (Engine      *e,
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
    value_from_column (&row->values[i], table->by_uuid, i + 1);
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
      int k = column_index (table, (const char *) sqlite3_column_text (e->get_fields, 0));
      if (k >= 0)
        row->clocks[k] = (Clock) { sqlite3_column_int64 (e->get_fields, 1), sqlite3_column_int (e->get_fields, 2) };
    }
  sqlite3_reset (e->get_fields);

  sqlite3_bind_text (e->get_outbox, 1, table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (e->get_outbox, 2, uuid, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (e->get_outbox) == SQLITE_ROW)
    {
      const char *col = (const char *) sqlite3_column_text (e->get_outbox, 0);
      int k = column_index (table, col);

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

static gboolean
outbox_add (Engine      *e,
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
  return step (e, e->put_outbox, error);
}

static gboolean
outbox_drop (Engine      *e,
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
  return step (e, stmt, error);
}

static gboolean
tombstone_add (Engine      *e,
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
  return step (e, e->put_tombstone, error);
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
  g_autofree char *mine_text = value_to_json_text (e, row->table, column, mine);
  g_autofree char *theirs_text = value_to_json_text (e, row->table, column, theirs);
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
  return step (e, stmt, error);
}

static void
row_take (Row         *row,
          guint        column,
          const Value *value,
          Clock        clock)
{
  if (!value_equal (&row->values[column], value))
    {
      value_copy (&row->values[column], value);
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

  if (!stamp (e, &now, error))
    return FALSE;
  row_take (row, column, value, now);
  if (!row->pending[column])
    {
      row->pending[column] = TRUE;
      row->bases[column] = before;
      return outbox_add (e, row->table->name, row->uuid, row->table->columns[column], before, error);
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
  return outbox_drop (e, row->table->name, row->uuid, row->table->columns[column], error);
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
  if (table->update == NULL && !(table->update = prepare (e, table->update_sql, error)))
    return FALSE;
  for (guint i = 0; i < table->n; i++)
    value_bind (&row->values[i], table->update, i + 1);
  sqlite3_bind_int64 (table->update, table->n + 1, row->id);
  return step (e, table->update, error);
}

/* Two laptops gave two records the same unique label (a registration number): the
 * record with the greater uuid takes a suffix of its own uuid, the same on every laptop. */
static gboolean
resolve_label_clashes (Engine  *e,
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
          value_bind (value, key->find, i + 1);
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
        g_autoptr(Row) other = row_load (e, table, other_uuid, error);
        Row *loser = strcmp (row->uuid, other_uuid) > 0 ? row : other;
        Value renamed = { 0 };
        Value before = { 0 };

        if (other == NULL)
          return FALSE;
        value_copy (&before, &loser->values[label]);
        if (before.type == SQLITE_TEXT)
          {
            g_autofree char *suffix = g_ascii_strup (loser->uuid, 4);
            renamed.type = SQLITE_TEXT;
            renamed.s = g_strdup_printf ("%s-%s", before.s, suffix);
          }
        else
          {
            g_autofree char *sql = g_strdup_printf ("SELECT max (%s) + 1 FROM %s", table->columns[label], table->ident);
            g_autoptr(sqlite3_stmt) next = prepare (e, sql, error);
            if (next == NULL || sqlite3_step (next) != SQLITE_ROW)
              {
                value_clear (&before);
                return FALSE;
              }
            renamed.type = SQLITE_INTEGER;
            renamed.i = sqlite3_column_int64 (next, 0);
          }

        if (!row_write (e, loser, label, &renamed, error) ||
            !conflict_add (e, loser, label, "duplicate", &before, loser->clocks[label], &renamed, loser->clocks[label],
                           FALSE, error))
          {
            value_clear (&before);
            value_clear (&renamed);
            return FALSE;
          }
        value_clear (&before);
        value_clear (&renamed);

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
            if (!step (e, e->put_field, error))
              return FALSE;
          }
      }
    }
  return TRUE;
}

/* Writes the row's values and changed clocks. */
static gboolean
row_save (Engine  *e,
          Row     *row,
          GError **error)
{
  Table *table = row->table;

  if (row->changed)
    {
      g_autoptr(GError) refused = NULL;

      if (!resolve_label_clashes (e, row, error))
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
      if (!step (e, e->put_field, error))
        return FALSE;
      row->clock_changed[i] = FALSE;
    }
  return TRUE;
}

static void
defer (Engine     *e,
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
static gboolean
row_merge (Engine      *e,
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

      if (node == NULL || !parse_clock (e, json_object_get_member (clocks, col), &rc, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          continue;
        }
      if (clock_compare (e, rc, lc) == 0)
        continue;

      resolution = json_to_value (e, table, k, node, &remote);
      if (resolution == TOMBSTONED && table->notnull[k])
        continue;
      if (resolution == MISSING && table->notnull[k])
        continue;

      if (merging)
        {
          if (value_equal (local, &remote))
            {
              if (clock_compare (e, rc, lc) > 0)
                row_take (row, k, &remote, rc);
            }
          else if (g_str_has_suffix (col, "_at") && local->type != SQLITE_NULL && remote.type != SQLITE_NULL)
            {
              /* Two copies of one record: it was made, applied for, checked in at the
               * first of its two times. Not a conflict. */
              gboolean take = value_before (&remote, local);
              Clock chosen = take ? rc : lc;
              Value first = { 0 };

              value_copy (&first, take ? &remote : local);
              if (clock_compare (e, chosen, take ? lc : rc) < 0)
                ok = row_write (e, row, k, &first, error);
              else if (take)
                {
                  row_take (row, k, &first, rc);
                  ok = push_taken ? outbox_add (e, table->name, row->uuid, col, lc, error) : unpend (e, row, k, error);
                }
              value_clear (&first);
            }
          else if (local->type == SQLITE_NULL || (remote.type != SQLITE_NULL && clock_compare (e, rc, lc) > 0))
            {
              if (local->type != SQLITE_NULL)
                ok = conflict_add (e, row, k, "field", local, lc, &remote, rc, FALSE, error);
              row_take (row, k, &remote, rc);
              ok = ok && (push_taken ? outbox_add (e, table->name, row->uuid, col, lc, error) : unpend (e, row, k, error));
            }
          else
            {
              Value mine = { 0 };

              value_copy (&mine, local);
              if (remote.type != SQLITE_NULL)
                ok = conflict_add (e, row, k, "field", local, lc, &remote, rc, TRUE, error);
              ok = ok && (clock_compare (e, rc, lc) < 0 || row_write (e, row, k, &mine, error));
              value_clear (&mine);
            }
        }
      else if (row->pending[k] || row->star)
        {
          Clock base = row->star ? (Clock) { 0, MDG_SYNC_SEED_PEER } : row->bases[k];

          /* Edited here and there since this laptop last saw the field: a conflict. */
          if (!row->star && clock_compare (e, rc, base) == 0)
            ;
          else if (value_equal (local, &remote))
            {
              if (clock_compare (e, rc, lc) > 0)
                {
                  row_take (row, k, &remote, rc);
                  ok = unpend (e, row, k, error);
                }
            }
          else if (clock_compare (e, rc, lc) > 0)
            {
              ok = conflict_add (e, row, k, "field", local, lc, &remote, rc, FALSE, error);
              row_take (row, k, &remote, rc);
              ok = ok && unpend (e, row, k, error);
            }
          else
            ok = conflict_add (e, row, k, "field", local, lc, &remote, rc, TRUE, error);
        }
      else if (clock_compare (e, rc, lc) > 0)
        row_take (row, k, &remote, rc);

      /* Its row came later in this pull: pointed at once everything is in, if taken. */
      if (resolution == MISSING && clock_compare (e, row->clocks[k], rc) == 0)
        defer (e, table, row->uuid, k, node);
      value_clear (&remote);
      if (!ok)
        return FALSE;
    }

  return row_save (e, row, error);
}

/* Whether the row is new here, not pushed yet. */
static gboolean
has_star (Engine     *e,
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
  g_autoptr(sqlite3_stmt) stmt = prepare (e, sql, error);
  gboolean was_pushed;
  Clock now;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!step (e, stmt, error))
    return FALSE;

  was_pushed = !has_star (e, table->name, from);

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autoptr(sqlite3_stmt) move = prepare (e, moves[i], error);
      if (move == NULL)
        return FALSE;
      sqlite3_bind_text (move, 1, table->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (move, 2, from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (move, 3, to, -1, SQLITE_TRANSIENT);
      if (!step (e, move, error))
        return FALSE;
    }

  /* The server knows the old name: it learns which record it became. */
  if (!stamp (e, &now, error) || !tombstone_add (e, table->name, from, now, to, error))
    return FALSE;
  return !was_pushed || outbox_add (e, table->name, from, "-", (Clock) { 0, 0 }, error);
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

  return stamp (e, &now, error) && tombstone_add (e, table->name, uuid, now, successor, error) &&
         outbox_drop (e, table->name, uuid, NULL, error) &&
         outbox_add (e, table->name, uuid, "-", (Clock) { 0, 0 }, error);
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
        count += present[j] && clock_compare (e, clocks[i], clocks[j]) == 0;
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

      if (node == NULL || !parse_clock (e, json_object_get_member (clocks, table->columns[k]), &clock[k], error))
        {
          if (error != NULL && *error != NULL)
            goto out;
          continue;
        }
      present[k] = TRUE;
      resolution = json_to_value (e, table, k, node, &values[k]);
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
        defer (e, table, in->uuid, k, node);
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
          value_bind (&values[key->columns[i]], key->find, i + 1);
        }
      if (complete && sqlite3_step (key->find) == SQLITE_ROW)
        other = g_strdup ((const char *) sqlite3_column_text (key->find, 1));
      sqlite3_reset (key->find);
      sqlite3_clear_bindings (key->find);

      if (other != NULL)
        {
          gint64 other_id = lookup_id (table, other);

          if (strcmp (in->uuid, other) < 0)
            {
              /* The record keeps the smaller uuid, on every laptop. */
              if (!rekey (e, table, other_id, other, in->uuid, error) ||
                  !(row = row_load (e, table, in->uuid, error)))
                goto out;
              ok = row_merge (e, row, data, clocks, TRUE, FALSE, error);
            }
          else
            {
              if (!(row = row_load (e, table, other, error)))
                goto out;
              ok = row_merge (e, row, data, clocks, TRUE, TRUE, error) && bury (e, table, in->uuid, other, error);
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
      if (!(insert = prepare (e, sql, error)))
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
      value_copy (&row->values[k], &values[k]);
      row->clocks[k] = clock[k];
    }
  if (!resolve_label_clashes (e, row, error))
    goto out;

  sqlite3_bind_text (insert, 1, in->uuid, -1, SQLITE_TRANSIENT);
  bound = 1;
  for (guint k = 0; k < table->n; k++)
    if (present[k])
      value_bind (&row->values[k], insert, ++bound);
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
  if (!step (e, e->put_row_clock, error))
    goto out;
  for (guint k = 0; k < table->n; k++)
    row->clock_changed[k] = present[k] && clock_compare (e, clock[k], base) != 0;
  row->changed = FALSE;
  ok = row_save (e, row, error);

out:
  for (guint k = 0; k < table->n; k++)
    value_clear (&values[k]);
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
          g_autoptr(sqlite3_stmt) stmt = prepare (e, sql, error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, to);
          sqlite3_bind_int64 (stmt, 2, from);
          if (!step (e, stmt, error))
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
      add_value_json (d, row->table, k, &row->values[k], e->tables);
      json_builder_set_member_name (c, row->table->columns[k]);
      json_builder_begin_array (c);
      json_builder_add_int_value (c, row->clocks[k].hlc);
      json_builder_add_string_value (c, peer_uuid (e, row->clocks[k].peer));
      json_builder_end_array (c);
    }
  json_builder_end_object (d);
  json_builder_end_object (c);
  *data = json_builder_get_root (d);
  *clocks = json_builder_get_root (c);
}

static gboolean
delete_record (Engine      *e,
               Table       *table,
               const char  *uuid,
               const char  *successor,
               GError     **error)
{
  gint64 id = lookup_id (table, uuid);
  Clock now = { 0, 0 };

  if (id > 0 && successor != NULL)
    {
      gint64 successor_id;
      Resolution resolution = resolve (e, table->name, successor, &successor_id);

      if (resolution == RESOLVED && successor_id != id)
        {
          g_autoptr(Row) gone = row_load (e, table, uuid, error);
          g_autofree char *successor_uuid = lookup_uuid (table, successor_id);
          g_autoptr(Row) kept = row_load (e, table, successor_uuid, error);
          g_autoptr(JsonNode) data = NULL;
          g_autoptr(JsonNode) clocks = NULL;

          if (gone == NULL || kept == NULL)
            return FALSE;
          row_to_json (e, gone, &data, &clocks);
          if (!row_merge (e, kept, json_node_get_object (data), json_node_get_object (clocks), TRUE, TRUE, error) ||
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
          g_autoptr(sqlite3_stmt) stmt = prepare (e, sql, error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          if (!step (e, stmt, error))
            return FALSE;
        }
    }

  return outbox_drop (e, table->name, uuid, NULL, error) && tombstone_add (e, table->name, uuid, now, successor, error);
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
    return delete_record (e, table, in->uuid, in->merged_into, error);

  /* Deleted here: the delete wins, and goes to the server with the next push. */
  if (tombstone (e, table->name, in->uuid, NULL))
    return TRUE;

  if (!json_parser_load_from_data (e->parser, in->data, -1, NULL) || !(data = json_parser_steal_root (e->parser)) ||
      !json_parser_load_from_data (e->parser, in->clock, -1, NULL) || !(clocks = json_parser_steal_root (e->parser)) ||
      !JSON_NODE_HOLDS_OBJECT (data) || !JSON_NODE_HOLDS_OBJECT (clocks))
    {
      /* Never one bad record stopping every sync after it. */
      g_warning ("Skipping a damaged record from the team server: %s %s", in->kind, in->uuid);
      return TRUE;
    }

  row = row_load (e, table, in->uuid, error);
  if (row != NULL)
    return row_merge (e, row, json_node_get_object (data), json_node_get_object (clocks), FALSE, FALSE, error);
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

static gboolean
apply_all (Engine     *e,
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

      if (resolve (e, table->fk_target[deferred->column], deferred->target, &id) != RESOLVED)
        continue;
      if (!(stmt = prepare (e, sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, deferred->uuid, -1, SQLITE_TRANSIENT);
      if (!step (e, stmt, error))
        return FALSE;
    }
  g_ptr_array_set_size (e->deferred, 0);
  return TRUE;
}

/* --- push --------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *batches;  /* JSON texts, PUSH_BATCH records each */
  guint      records;
  GPtrArray *files;    /* local paths of the files the pushed rows name */
} Push;

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
        add_value_json (builder, table, k, &row->values[k], e->tables);
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
        json_builder_add_string_value (builder, peer_uuid (e, row->clocks[k].peer));
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
static gboolean
build_push (Engine  *e,
            Push    *push,
            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (e, "SELECT DISTINCT tbl, uuid FROM sync_outbox ORDER BY tbl, uuid", error);
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
      if (tombstone (e, name, uuid, &successor))
        add_tombstone_json (builder, name, uuid, successor);
      else if ((row = row_load (e, table, uuid, error)) != NULL)
        add_record_json (e, builder, table, row, row->star, push);
      else if (error != NULL && *error != NULL)
        return FALSE;
      else
        {
          /* Deleted by a sync while this laptop had edited it: gone everywhere (a row the
           * server never had needs no tombstone). */
          if (has_star (e, name, uuid))
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
static char *
push_sql (MdgSyncServer *server,
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
static gboolean
upload_files (MdgSyncServer  *server,
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
static gboolean
drop_rejected (Engine      *e,
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

      if (table != NULL && !delete_record (e, table, json_array_get_string_element (pair, 1), NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* --- the run ------------------------------------------------------------------------- */

static gboolean
outbox_empty (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (db, "SELECT 1 FROM sync_outbox LIMIT 1", NULL);

  return stmt != NULL && sqlite3_step (stmt) != SQLITE_ROW;
}

/* Reads the server's records after @seq into @incoming: one round trip a page. */
static gboolean
pull (MdgSyncServer  *server,
      const char     *prefix,
      gint64          seq,
      GPtrArray      *incoming,
      GCancellable   *cancellable,
      GError        **error)
{
  for (;;)
    {
      g_autofree char *sql = g_strdup_printf ("%s" PULL_SQL, prefix ? prefix : "", seq, PAGE_SIZE);
      g_autoptr(GPtrArray) results = _mdg_sync_server_exec (server, sql, cancellable, error);
      PGresult *page;
      int n;

      if (results == NULL)
        return FALSE;
      prefix = NULL;
      page = g_ptr_array_index (results, results->len - 1);
      n = _mdg_pq.PQntuples (page);
      for (int i = 0; i < n; i++)
        {
          Incoming *in = g_new0 (Incoming, 1);

          in->kind = g_strdup (_mdg_pq.PQgetvalue (page, i, 0));
          in->uuid = g_strdup (_mdg_pq.PQgetvalue (page, i, 1));
          in->data = g_strdup (_mdg_pq.PQgetvalue (page, i, 2));
          in->clock = g_strdup (_mdg_pq.PQgetvalue (page, i, 3));
          in->deleted = _mdg_pq.PQgetvalue (page, i, 4)[0] == 't';
          in->merged_into = _mdg_pq.PQgetisnull (page, i, 5) ? NULL : g_strdup (_mdg_pq.PQgetvalue (page, i, 5));
          in->seq = g_ascii_strtoll (_mdg_pq.PQgetvalue (page, i, 6), NULL, 10);
          seq = MAX (seq, in->seq);
          g_ptr_array_add (incoming, in);
        }
      if (n < PAGE_SIZE)
        return TRUE;
    }
}

static gint64
max_seq (GPtrArray *incoming,
         gint64     seq)
{
  for (guint i = 0; i < incoming->len; i++)
    seq = MAX (seq, ((Incoming *) g_ptr_array_index (incoming, i))->seq);
  return seq;
}

/* After applying: the clock never falls behind what it has seen; erased people leave
 * no trace in the search index. */
static gboolean
finish_apply (Engine  *e,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (e, "UPDATE sync_self SET hlc = max (hlc, ?) WHERE id = 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e->max_hlc);
  if (!step (e, stmt, error))
    return FALSE;
  return e->erased->len == 0 || _mdg_person_store_erase_index (e->db, error);
}

static gboolean
begin_apply (Engine  *e,
             GError **error)
{
  return mdg_database_begin (e->database, error) &&
         _mdg_sql_exec (e->db, "UPDATE sync_self SET applying = 1 WHERE id = 1", error);
}

static gboolean
end_apply (Engine      *e,
           gint64       seq,
           GError     **error)
{
  g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);

  if (!finish_apply (e, error) || !_mdg_sync_setting_set (e->db, "last-seq", seq_text, error) ||
      !_mdg_sync_setting_set (e->db, "last-sync", now_text, error) ||
      !_mdg_sql_exec (e->db, "UPDATE sync_self SET applying = 0 WHERE id = 1", error) ||
      !mdg_database_commit (e->database, error))
    return FALSE;

  /* People erased on another laptop are erased here as a delete here erases them: the
   * freed pages wiped, the automatic backups rid of them. */
  if (e->erased->len > 0)
    _mdg_person_store_erased (e->database, e->erased);
  g_ptr_array_set_size (e->erased, 0);
  return TRUE;
}

/* A server this laptop has not met (a new one, or one rebuilt): it gets everything. */
static gboolean
check_instance (Engine         *e,
                MdgSyncServer  *server,
                GError        **error)
{
  g_autofree char *known = _mdg_sync_setting_get (e->db, "server-instance");
  const char *instance = _mdg_sync_server_get_instance (server);

  if (g_strcmp0 (known, instance) == 0)
    return TRUE;
  if (!mdg_database_begin (e->database, error))
    return FALSE;
  if (!_mdg_sql_exec (e->db, "DELETE FROM sync_setting WHERE key = 'last-seq'", error) ||
      !(known == NULL || _mdg_sync_enable (e->db, error)) ||
      !_mdg_sync_setting_set (e->db, "server-instance", instance, error))
    {
      mdg_database_rollback (e->database);
      return FALSE;
    }
  return mdg_database_commit (e->database, error);
}

char *
_mdg_sync_device (MdgDatabase *db)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                                                   "SELECT device FROM sync_self WHERE id = 1", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gint64
_mdg_sync_tick (sqlite3  *handle,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _mdg_sql_prepare (handle, "UPDATE sync_self SET hlc = max (hlc + 1,"
                              " CAST ((julianday ('now') - 2440587.5) * 86400000.0 AS INTEGER) * 65536) WHERE id = 1"
                              " RETURNING hlc",
                      error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _mdg_sql_set_error (handle, error, _("Could not save to the database"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static void
fail_apply (Engine        *e,
            MdgSyncServer *server)
{
  mdg_database_rollback (e->database);
  _mdg_sync_server_rollback (server);
}

/* Where a sync spends its time, with G_MESSAGES_DEBUG=mdg-sync-engine. */
#define TIMING(what) \
  g_debug ("%s: %u in, %u out, %.1f ms", what, incoming->len, push.records, \
           (g_get_monotonic_time () - start) / 1000.0)

/**
 * _mdg_sync_engine_run:
 * @db: this laptop's database (a connection of the sync's own thread)
 * @server: the team server
 * @staff: (nullable): the uuid of the staff member on this laptop
 * @phase: (nullable): called at each phase, on this thread
 * @phase_data: for @phase
 * @report: (out caller-allocates): what the sync did
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Pulls, applies and pushes. On failure neither side has changed.
 */
gboolean
_mdg_sync_engine_run (MdgDatabase       *db,
                      MdgSyncServer     *server,
                      const char        *staff,
                      MdgSyncPhaseFunc   phase,
                      gpointer           phase_data,
                      MdgSyncReport     *report,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autoptr(Engine) e = NULL;
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) incoming_free);
  g_autofree char *seq_text = NULL;
  g_autofree char *device = NULL;
  guint trips = _mdg_sync_server_get_round_trips (server);
  Push push = { 0 };
  gint64 seq;
  gboolean ok = FALSE;

  gint64 start = g_get_monotonic_time ();

  memset (report, 0, sizeof *report);
  e = engine_new (db);
  if (!check_instance (e, server, error))
    return FALSE;
  TIMING ("prepared");
  device = _mdg_sync_device (db);
  seq_text = _mdg_sync_setting_get (e->db, "last-seq");
  seq = seq_text ? g_ascii_strtoll (seq_text, NULL, 10) : 0;

  /* Nothing to push: one question, no transaction, and most often nothing to apply. */
  if (outbox_empty (e->db))
    {
      if (!pull (server, NULL, seq, incoming, cancellable, error))
        return FALSE;
      TIMING ("pulled without a transaction");
      report->pulled = incoming->len;
      if (incoming->len == 0)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          g_autofree char *now_text = g_date_time_format_iso8601 (now);

          /* Nothing anywhere: only the time of this sync changes. */
          if (!_mdg_sync_setting_set (e->db, "last-sync", now_text, error))
            return FALSE;
          ok = TRUE;
          goto done;
        }
      if (!begin_apply (e, error))
        return FALSE;
      if (!engine_load (e, error) || !apply_all (e, incoming, error) || !end_apply (e, max_seq (incoming, seq), error))
        {
          mdg_database_rollback (db);
          return FALSE;
        }
      TIMING ("applied");
      seq = max_seq (incoming, seq);
      g_ptr_array_set_size (incoming, 0);
      report->conflicts = e->conflicts;
      /* Applying may leave something to push: two records found to be one, say. */
      if (outbox_empty (e->db))
        {
          ok = TRUE;
          goto done;
        }
    }

  /* Under the writers' lock: what arrived meanwhile, then this laptop's changes. */
  if (!pull (server, "BEGIN; " MDG_SYNC_LOCK_SQL "; ", seq, incoming, cancellable, error))
    {
      _mdg_sync_server_rollback (server);
      return FALSE;
    }
  TIMING ("pulled under the lock");
  if (phase)
    phase (MDG_SYNC_PHASE_PULLED, phase_data);
  report->pulled += incoming->len;
  seq = max_seq (incoming, seq);

  if (!begin_apply (e, error))
    {
      _mdg_sync_server_rollback (server);
      return FALSE;
    }
  if (!engine_load (e, error) || !apply_all (e, incoming, error))
    goto fail;
  TIMING ("applied");
  if (!build_push (e, &push, error))
    goto fail;
  TIMING ("push built");
  if (phase)
    phase (MDG_SYNC_PHASE_APPLIED, phase_data);

  if (push.batches->len == 0 || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      if (push.batches->len != 0)
        goto fail;
      /* Nothing left to send after all (a row created and deleted before any sync). */
      g_autoptr(GPtrArray) results = _mdg_sync_server_exec (server, "COMMIT", cancellable, error);
      if (results == NULL)
        goto fail;
    }
  if (!upload_files (server, push.files, device, cancellable, error))
    goto fail;
  for (guint b = 0; b < push.batches->len; b++)
    {
      gboolean last = b + 1 == push.batches->len;
      g_autofree char *sql = push_sql (server, push.batches->pdata[b], device, staff, last);
      g_autoptr(GPtrArray) results = _mdg_sync_server_exec (server, sql, cancellable, error);
      PGresult *result;

      if (results == NULL)
        goto fail;
      result = g_ptr_array_index (results, 0);
      if (!_mdg_pq.PQgetisnull (result, 0, 0))
        seq = MAX (seq, g_ascii_strtoll (_mdg_pq.PQgetvalue (result, 0, 0), NULL, 10));
      if (!drop_rejected (e, _mdg_pq.PQgetvalue (result, 0, 2), error))
        goto fail;
    }
  report->pushed = push.records;
  TIMING ("pushed");

  /* The server has committed. If this commit fails the next sync repeats the push, and
   * with the same clocks it changes nothing there. */
  if (!_mdg_sql_exec (e->db, "DELETE FROM sync_outbox", error) || !end_apply (e, seq, error))
    {
      mdg_database_rollback (db);
      goto out;
    }
  report->conflicts = e->conflicts;
  TIMING ("committed");
  ok = TRUE;
  goto done;

fail:
  fail_apply (e, server);
  goto out;

done:
  report->seq = seq;
  if (phase)
    phase (MDG_SYNC_PHASE_DONE, phase_data);

out:
  if (push.batches)
    g_ptr_array_unref (push.batches);
  if (push.files)
    g_ptr_array_unref (push.files);
  report->round_trips = _mdg_sync_server_get_round_trips (server) - trips;
  return ok;
}

/**
 * _mdg_sync_engine_dump:
 * @db: a laptop database
 * @error: a location for a #GError
 *
 * Every shared row in a canonical text form: tables and rows in uuid order, foreign
 * keys as the uuids they point at, the local integer keys and updated_at left out.
 * Two laptops that have synced with nothing changed since hold the same dump.
 *
 * Returns: (transfer full): the dump
 */
char *
_mdg_sync_engine_dump (MdgDatabase  *db,
                       GError      **error)
{
  g_autoptr(Engine) e = engine_new (db);
  g_autoptr(GString) dump = g_string_new (NULL);
  g_autoptr(GList) names = NULL;

  if (!engine_load (e, error))
    return NULL;
  names = g_list_sort (g_hash_table_get_keys (e->tables), (GCompareFunc) strcmp);
  for (GList *l = names; l; l = l->next)
    {
      Table *table = g_hash_table_lookup (e->tables, l->data);
      g_autofree char *sql = g_strdup_printf ("SELECT uuid FROM %s ORDER BY uuid", table->ident);
      g_autoptr(sqlite3_stmt) stmt = prepare (e, sql, error);

      if (stmt == NULL)
        return NULL;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(Row) row = row_load (e, table, (const char *) sqlite3_column_text (stmt, 0), error);
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;
          g_autofree char *text = NULL;

          if (row == NULL)
            return NULL;
          json_builder_begin_object (builder);
          for (guint k = 0; k < table->n; k++)
            {
              json_builder_set_member_name (builder, table->columns[k]);
              add_value_json (builder, table, k, &row->values[k], e->tables);
            }
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          text = json_to_string (root, FALSE);
          g_string_append_printf (dump, "%s %s %s\n", table->name, row->uuid, text);
        }
    }
  return g_string_free (g_steal_pointer (&dump), FALSE);
}
