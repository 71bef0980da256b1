/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "mdg-database-private.h"
#include "mdg-sync-engine-private.h"

G_BEGIN_DECLS

/*
 * What the files of the sync engine share (mdg-sync-engine.c runs a sync; -schema.c,
 * -values.c, -merge.c, -apply.c and -push.c hold its parts). Nothing outside them
 * includes this: the rest of the sync layer sees mdg-sync-engine-private.h.
 */

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

typedef struct
{
  GPtrArray *batches;  /* JSON texts, PUSH_BATCH records each */
  guint      records;
  GPtrArray *files;    /* local paths of the files the pushed rows name */
} Push;

/* mdg-sync-engine-schema.c: the shared tables, and the engine */
void          _mdg_sync_engine_incoming_free (Incoming *in);
void          _mdg_sync_engine_free (Engine *e);
int           _mdg_sync_engine_column_index (Table      *table,
                                             const char *name);
sqlite3_stmt *_mdg_sync_engine_prepare (Engine      *e,
                                        const char  *sql,
                                        GError     **error);
Engine       *_mdg_sync_engine_new (MdgDatabase *database);
gboolean      _mdg_sync_engine_load (Engine  *e,
                                     GError **error);

/* mdg-sync-engine-values.c: the values and clocks a sync compares */
void          _mdg_sync_engine_value_clear (Value *value);
void          _mdg_sync_engine_value_copy (Value       *to,
                                           const Value *from);
void          _mdg_sync_engine_value_from_column (Value        *value,
                                                  sqlite3_stmt *stmt,
                                                  int           column);
void          _mdg_sync_engine_value_bind (const Value  *value,
                                           sqlite3_stmt *stmt,
                                           int           index);
gboolean      _mdg_sync_engine_value_equal (const Value *a,
                                            const Value *b);
gboolean      _mdg_sync_engine_value_before (const Value *a,
                                             const Value *b);
gboolean      _mdg_sync_engine_step (Engine        *e,
                                     sqlite3_stmt  *stmt,
                                     GError       **error);
const char   *_mdg_sync_engine_peer_uuid (Engine *e,
                                          int     peer);
int           _mdg_sync_engine_clock_compare (Engine *e,
                                              Clock   a,
                                              Clock   b);
gboolean      _mdg_sync_engine_stamp (Engine  *e,
                                      Clock   *clock,
                                      GError **error);
gboolean      _mdg_sync_engine_parse_clock (Engine      *e,
                                            JsonNode    *node,
                                            Clock       *clock,
                                            GError     **error);
gint64        _mdg_sync_engine_lookup_id (Table      *table,
                                          const char *uuid);
char         *_mdg_sync_engine_lookup_uuid (Table  *table,
                                            gint64  id);
gboolean      _mdg_sync_engine_tombstone (Engine      *e,
                                          const char  *table,
                                          const char  *uuid,
                                          char       **successor);
Resolution    _mdg_sync_engine_resolve (Engine     *e,
                                        const char *table_name,
                                        const char *uuid,
                                        gint64     *id);
Resolution    _mdg_sync_engine_json_to_value (Engine   *e,
                                              Table    *table,
                                              guint     column,
                                              JsonNode *node,
                                              Value    *value);
void          _mdg_sync_engine_add_value_json (JsonBuilder *builder,
                                               Table       *table,
                                               guint        column,
                                               const Value *value,
                                               GHashTable  *tables);
char         *_mdg_sync_engine_value_to_json_text (Engine      *e,
                                                   Table       *table,
                                                   guint        column,
                                                   const Value *value);

/* mdg-sync-engine-merge.c: a local row, merged */
void          _mdg_sync_engine_row_free (Row *row);
Row          *_mdg_sync_engine_row_load (Engine      *e,
                                         Table       *table,
                                         const char  *uuid,
                                         GError     **error);
gboolean      _mdg_sync_engine_outbox_add (Engine      *e,
                                           const char  *table,
                                           const char  *uuid,
                                           const char  *col,
                                           Clock        base,
                                           GError     **error);
gboolean      _mdg_sync_engine_outbox_drop (Engine      *e,
                                            const char  *table,
                                            const char  *uuid,
                                            const char  *col,
                                            GError     **error);
gboolean      _mdg_sync_engine_tombstone_add (Engine      *e,
                                              const char  *table,
                                              const char  *uuid,
                                              Clock        clock,
                                              const char  *successor,
                                              GError     **error);
gboolean      _mdg_sync_engine_resolve_label_clashes (Engine  *e,
                                                      Row     *row,
                                                      GError **error);
gboolean      _mdg_sync_engine_row_save (Engine  *e,
                                         Row     *row,
                                         GError **error);
void          _mdg_sync_engine_defer (Engine     *e,
                                      Table      *table,
                                      const char *uuid,
                                      guint       column,
                                      JsonNode   *node);
gboolean      _mdg_sync_engine_row_merge (Engine      *e,
                                          Row         *row,
                                          JsonObject  *data,
                                          JsonObject  *clocks,
                                          gboolean     merging,
                                          gboolean     push_taken,
                                          GError     **error);

/* mdg-sync-engine-apply.c: the pulled records applied */
gboolean      _mdg_sync_engine_has_star (Engine     *e,
                                         const char *table,
                                         const char *uuid);
gboolean      _mdg_sync_engine_delete_record (Engine      *e,
                                              Table       *table,
                                              const char  *uuid,
                                              const char  *successor,
                                              GError     **error);
gboolean      _mdg_sync_engine_apply_all (Engine     *e,
                                          GPtrArray  *incoming,
                                          GError    **error);

/* mdg-sync-engine-push.c: push */
gboolean      _mdg_sync_engine_build_push (Engine  *e,
                                           Push    *push,
                                           GError **error);
char         *_mdg_sync_engine_push_sql (MdgSyncServer *server,
                                         const char    *batch,
                                         const char    *device,
                                         const char    *staff,
                                         gboolean       last);
gboolean      _mdg_sync_engine_upload_files (MdgSyncServer  *server,
                                             GPtrArray      *paths,
                                             const char     *device,
                                             GCancellable   *cancellable,
                                             GError        **error);
gboolean      _mdg_sync_engine_drop_rejected (Engine      *e,
                                              const char  *json,
                                              GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Row, _mdg_sync_engine_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Engine, _mdg_sync_engine_free)

G_END_DECLS
