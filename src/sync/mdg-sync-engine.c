/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-sync-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-person-store-private.h"
#include "mdg-sync-engine-impl-private.h"
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
#define PULL_SQL                                                                          \
  "SELECT kind, uuid, data::text, clock::text, deleted, merged_into, seq FROM madoguchi.record" \
  " WHERE seq > %" G_GINT64_FORMAT " ORDER BY seq LIMIT %d"

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
  g_autoptr(sqlite3_stmt) stmt = _mdg_sync_engine_prepare (e, "UPDATE sync_self SET hlc = max (hlc, ?) WHERE id = 1",
                                                           error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e->max_hlc);
  if (!_mdg_sync_engine_step (e, stmt, error))
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
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) _mdg_sync_engine_incoming_free);
  g_autofree char *seq_text = NULL;
  g_autofree char *device = NULL;
  guint trips = _mdg_sync_server_get_round_trips (server);
  Push push = { 0 };
  gint64 seq;
  gboolean ok = FALSE;

  gint64 start = g_get_monotonic_time ();

  memset (report, 0, sizeof *report);
  e = _mdg_sync_engine_new (db);
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
      if (!_mdg_sync_engine_load (e, error) || !_mdg_sync_engine_apply_all (e, incoming, error) ||
          !end_apply (e, max_seq (incoming, seq), error))
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
  if (!_mdg_sync_engine_load (e, error) || !_mdg_sync_engine_apply_all (e, incoming, error))
    goto fail;
  TIMING ("applied");
  if (!_mdg_sync_engine_build_push (e, &push, error))
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
  if (!_mdg_sync_engine_upload_files (server, push.files, device, cancellable, error))
    goto fail;
  for (guint b = 0; b < push.batches->len; b++)
    {
      gboolean last = b + 1 == push.batches->len;
      g_autofree char *sql = _mdg_sync_engine_push_sql (server, push.batches->pdata[b], device, staff, last);
      g_autoptr(GPtrArray) results = _mdg_sync_server_exec (server, sql, cancellable, error);
      PGresult *result;

      if (results == NULL)
        goto fail;
      result = g_ptr_array_index (results, 0);
      if (!_mdg_pq.PQgetisnull (result, 0, 0))
        seq = MAX (seq, g_ascii_strtoll (_mdg_pq.PQgetvalue (result, 0, 0), NULL, 10));
      if (!_mdg_sync_engine_drop_rejected (e, _mdg_pq.PQgetvalue (result, 0, 2), error))
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
  g_autoptr(Engine) e = _mdg_sync_engine_new (db);
  g_autoptr(GString) dump = g_string_new (NULL);
  g_autoptr(GList) names = NULL;

  if (!_mdg_sync_engine_load (e, error))
    return NULL;
  names = g_list_sort (g_hash_table_get_keys (e->tables), (GCompareFunc) strcmp);
  for (GList *l = names; l; l = l->next)
    {
      Table *table = g_hash_table_lookup (e->tables, l->data);
      g_autofree char *sql = g_strdup_printf ("SELECT uuid FROM %s ORDER BY uuid", table->ident);
      g_autoptr(sqlite3_stmt) stmt = _mdg_sync_engine_prepare (e, sql, error);

      if (stmt == NULL)
        return NULL;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(Row) row = _mdg_sync_engine_row_load (e, table, (const char *) sqlite3_column_text (stmt, 0),
                                                           error);
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;
          g_autofree char *text = NULL;

          if (row == NULL)
            return NULL;
          json_builder_begin_object (builder);
          for (guint k = 0; k < table->n; k++)
            {
              json_builder_set_member_name (builder, table->columns[k]);
              _mdg_sync_engine_add_value_json (builder, table, k, &row->values[k], e->tables);
            }
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          text = json_to_string (root, FALSE);
          g_string_append_printf (dump, "%s %s %s\n", table->name, row->uuid, text);
        }
    }
  return g_string_free (g_steal_pointer (&dump), FALSE);
}
