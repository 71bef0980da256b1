/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-migrations"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-core-resources.h"
#include "mdg-database-private.h"
#include "mdg-error.h"

/*
 * Schema changes are numbered migrations keyed on PRAGMA user_version. A migration is
 * never edited once it has shipped: later work appends the next one, so that every
 * database a user ever had upgrades without loss.
 *
 * Every row has an integer key for joins, plus a uuid and timestamps so that records
 * from two laptops can later be merged. The uuid default is plain SQL (a version-4
 * UUID from randomblob) so that rows inserted by any SQLite client get one.
 */

#define UUID_SQL                                                                   \
  "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||"               \
  " substr(hex(randomblob(2)), 2) || '-' ||"                                       \
  " substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) ||" \
  " '-' || hex(randomblob(6)))"
#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
#define ROW_COLUMNS                                        \
  "id INTEGER PRIMARY KEY,"                                \
  " uuid TEXT NOT NULL UNIQUE DEFAULT (" UUID_SQL "),"     \
  " created_at TEXT NOT NULL DEFAULT (" NOW_SQL "),"       \
  " updated_at TEXT NOT NULL DEFAULT (" NOW_SQL "),"

/* Row text for the search index: see mdg-search.c for how rowids encode the kind. */
#define PERSON_TEXT                                                                      \
  "mdg_fold(coalesce(NEW.family_name, '') || coalesce(NEW.given_name, '') || ' ' ||"     \
  " coalesce(NEW.family_name, '') || ' ' || coalesce(NEW.given_name, '') || ' ' ||"      \
  " coalesce(NEW.family_kana, '') || coalesce(NEW.given_kana, '') || ' ' ||"             \
  " coalesce(NEW.email, ''))"
#define ORGANIZATION_TEXT \
  "mdg_fold(NEW.name || ' ' || coalesce(NEW.kana, '') || ' ' || coalesce(NEW.municipality, ''))"
#define SEMINAR_TEXT                                                                  \
  "mdg_fold(NEW.title || ' ' || coalesce(NEW.venue, '') || ' ' ||"                    \
  " coalesce(NEW.co_organizer, '') || ' ' || coalesce(NEW.description, ''))"

#define INDEX_TRIGGERS(table, code, text)                                               \
  "CREATE TRIGGER " table "_search_insert AFTER INSERT ON " table " BEGIN"                 \
  " INSERT INTO search_index (rowid, text) VALUES (NEW.id * 4 + " code ", " text "); END;" \
  "CREATE TRIGGER " table "_search_update AFTER UPDATE ON " table " BEGIN"                 \
  " DELETE FROM search_index WHERE rowid = OLD.id * 4 + " code ";"                         \
  " INSERT INTO search_index (rowid, text) VALUES (NEW.id * 4 + " code ", " text "); END;" \
  "CREATE TRIGGER " table "_search_delete AFTER DELETE ON " table " BEGIN"                 \
  " DELETE FROM search_index WHERE rowid = OLD.id * 4 + " code "; END;"

static const char schema_1[] =
  "CREATE TABLE staff (" ROW_COLUMNS
  " name TEXT NOT NULL, kana TEXT, email TEXT,"
  " role TEXT NOT NULL DEFAULT 'first-line'"
  "   CHECK (role IN ('first-line', 'second-line', 'coordinator')),"
  " active INTEGER NOT NULL DEFAULT 1);"

  "CREATE TABLE organization (" ROW_COLUMNS
  " name TEXT NOT NULL CHECK (name <> ''), kana TEXT, industry TEXT,"
  " employees INTEGER CHECK (employees IS NULL OR employees >= 0),"
  " municipality TEXT, note TEXT);"

  "CREATE TABLE person (" ROW_COLUMNS
  " family_name TEXT NOT NULL CHECK (family_name <> ''), given_name TEXT,"
  " family_kana TEXT, given_kana TEXT, title TEXT, email TEXT, phone TEXT,"
  " organization_id INTEGER REFERENCES organization (id) ON DELETE SET NULL,"
  " consent_contact INTEGER NOT NULL DEFAULT 0, consent_purpose TEXT, consent_at TEXT);"
  "CREATE INDEX person_organization ON person (organization_id);"
  "CREATE INDEX person_email ON person (email COLLATE NOCASE);"

  "CREATE TABLE seminar (" ROW_COLUMNS
  " title TEXT NOT NULL CHECK (title <> ''),"
  " starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),"
  " venue TEXT, online_url TEXT, capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),"
  " co_organizer TEXT,"
  " status TEXT NOT NULL DEFAULT 'planned'"
  "   CHECK (status IN ('planned', 'open', 'closed', 'held', 'reported')),"
  " description TEXT);"
  "CREATE INDEX seminar_starts ON seminar (starts_at);"

  "CREATE TABLE deck (" ROW_COLUMNS
  " title TEXT NOT NULL CHECK (title <> ''), description TEXT);"

  "CREATE TABLE deck_revision (" ROW_COLUMNS
  " deck_id INTEGER NOT NULL REFERENCES deck (id) ON DELETE CASCADE,"
  " number INTEGER NOT NULL, sha256 TEXT NOT NULL, page_count INTEGER NOT NULL DEFAULT 0,"
  " change_note TEXT, UNIQUE (deck_id, number));"

  "CREATE TABLE slide_note (" ROW_COLUMNS
  " revision_id INTEGER NOT NULL REFERENCES deck_revision (id) ON DELETE CASCADE,"
  " page INTEGER NOT NULL CHECK (page >= 1), explanation TEXT NOT NULL DEFAULT '',"
  " UNIQUE (revision_id, page));"

  "CREATE TABLE program_item (" ROW_COLUMNS
  " seminar_id INTEGER NOT NULL REFERENCES seminar (id) ON DELETE CASCADE,"
  " position INTEGER NOT NULL,"
  " kind TEXT NOT NULL CHECK (kind IN ('presentation', 'consultation', 'qa', 'break')),"
  " title TEXT, presenter TEXT, deck_title TEXT,"
  " deck_revision_id INTEGER REFERENCES deck_revision (id) ON DELETE SET NULL,"
  " minutes INTEGER NOT NULL CHECK (minutes > 0));"
  "CREATE INDEX program_item_seminar ON program_item (seminar_id, position);"

  "CREATE TABLE registration (" ROW_COLUMNS
  " seminar_id INTEGER NOT NULL REFERENCES seminar (id) ON DELETE CASCADE,"
  " person_id INTEGER REFERENCES person (id) ON DELETE SET NULL,"
  " number TEXT,"
  " status TEXT NOT NULL DEFAULT 'registered'"
  "   CHECK (status IN ('registered', 'waitlisted', 'cancelled')),"
  " source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'csv', 'web-form')),"
  " registered_at TEXT NOT NULL DEFAULT (" NOW_SQL "), checked_in_at TEXT, survey TEXT,"
  " UNIQUE (seminar_id, person_id), UNIQUE (seminar_id, number));"
  "CREATE INDEX registration_person ON registration (person_id);"

  "CREATE TABLE category (" ROW_COLUMNS
  " scheme TEXT NOT NULL, key TEXT NOT NULL,"
  " parent_id INTEGER REFERENCES category (id) ON DELETE SET NULL,"
  " name_ja TEXT NOT NULL, name_en TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0,"
  " retired INTEGER NOT NULL DEFAULT 0, UNIQUE (scheme, key));"

  "CREATE TABLE referral (" ROW_COLUMNS
  " key TEXT NOT NULL UNIQUE, name_ja TEXT NOT NULL, name_en TEXT NOT NULL, contact TEXT,"
  " retired INTEGER NOT NULL DEFAULT 0);"

  "CREATE TABLE consultation (" ROW_COLUMNS
  " received_at INTEGER NOT NULL,"
  " channel TEXT NOT NULL"
  "   CHECK (channel IN ('phone', 'web-form', 'email', 'walk-in', 'on-site')),"
  " organization_id INTEGER REFERENCES organization (id) ON DELETE SET NULL,"
  " person_id INTEGER REFERENCES person (id) ON DELETE SET NULL,"
  " seminar_id INTEGER REFERENCES seminar (id) ON DELETE SET NULL,"
  " category_id INTEGER REFERENCES category (id) ON DELETE SET NULL,"
  " subject TEXT NOT NULL, question TEXT, answer TEXT,"
  " tier TEXT NOT NULL DEFAULT 'first-line' CHECK (tier IN ('first-line', 'second-line')),"
  " state TEXT NOT NULL DEFAULT 'new'"
  "   CHECK (state IN ('new', 'answered', 'dispatched', 'in-progress', 'closed')),"
  " assignee_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  " referral_id INTEGER REFERENCES referral (id) ON DELETE SET NULL);"

  "CREATE TABLE consultation_event (" ROW_COLUMNS
  " consultation_id INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,"
  " staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  " at TEXT NOT NULL DEFAULT (" NOW_SQL "), from_state TEXT, to_state TEXT NOT NULL,"
  " note TEXT);"

  "CREATE TABLE follow_up (" ROW_COLUMNS
  " organization_id INTEGER REFERENCES organization (id) ON DELETE SET NULL,"
  " consultation_id INTEGER REFERENCES consultation (id) ON DELETE SET NULL,"
  " registration_id INTEGER REFERENCES registration (id) ON DELETE SET NULL,"
  " owner_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  " title TEXT NOT NULL, advice TEXT, due_date TEXT,"
  " state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done')));"

  "CREATE TABLE faq_entry (" ROW_COLUMNS
  " question TEXT NOT NULL, answer TEXT NOT NULL DEFAULT '',"
  " category_id INTEGER REFERENCES category (id) ON DELETE SET NULL);"

  "CREATE TABLE faq_consultation (" ROW_COLUMNS
  " faq_id INTEGER NOT NULL REFERENCES faq_entry (id) ON DELETE CASCADE,"
  " consultation_id INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,"
  " UNIQUE (faq_id, consultation_id));"

  "CREATE TABLE feed_source (" ROW_COLUMNS
  " key TEXT UNIQUE, name TEXT NOT NULL, url TEXT NOT NULL,"
  " format TEXT NOT NULL CHECK (format IN ('rss1', 'rss2', 'atom')),"
  " enabled INTEGER NOT NULL DEFAULT 1, last_status INTEGER, last_fetched_at TEXT);"

  "CREATE TABLE feed_item (" ROW_COLUMNS
  " source_id INTEGER NOT NULL REFERENCES feed_source (id) ON DELETE CASCADE,"
  " guid TEXT NOT NULL, title TEXT NOT NULL, link TEXT, summary TEXT, published_at TEXT,"
  " UNIQUE (source_id, guid));"

  "CREATE TABLE seminar_topic (" ROW_COLUMNS
  " seminar_id INTEGER NOT NULL REFERENCES seminar (id) ON DELETE CASCADE,"
  " feed_item_id INTEGER NOT NULL REFERENCES feed_item (id) ON DELETE CASCADE,"
  " UNIQUE (seminar_id, feed_item_id));"

  "CREATE VIRTUAL TABLE search_index USING fts5 (text, tokenize = 'trigram');"
  INDEX_TRIGGERS ("person", "1", PERSON_TEXT)
  INDEX_TRIGGERS ("organization", "2", ORGANIZATION_TEXT)
  INDEX_TRIGGERS ("seminar", "3", SEMINAR_TEXT);

static const char *const touched_tables_1[] = {
  "staff", "organization", "person", "seminar", "deck", "deck_revision", "slide_note",
  "program_item", "registration", "category", "referral", "consultation",
  "consultation_event", "follow_up", "faq_entry", "faq_consultation", "feed_source",
  "feed_item", "seminar_topic",
};

/* updated_at follows every change of a row, whoever makes it. */
static gboolean
create_touch_trigger (sqlite3     *db,
                      const char  *table,
                      GError     **error)
{
  g_autofree char *sql = g_strconcat ("CREATE TRIGGER ", table, "_touch AFTER UPDATE ON ", table,
                                      " WHEN NEW.updated_at = OLD.updated_at BEGIN UPDATE ", table,
                                      " SET updated_at = " NOW_SQL " WHERE id = NEW.id; END;",
                                      NULL);

  return _mdg_sql_exec (db, sql, error);
}

static GBytes *
load_reference (const char  *name,
                GError     **error)
{
  g_autofree char *path = g_strconcat ("/io/github/madoguchi/Madoguchi/core/", name, NULL);

  /* Looked up in the core's own resource, so the reference data links in with the code. */
  return g_resource_lookup_data (mdg_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* Calls @row for every data line of a reference TSV (comments and blank lines skipped). */
static gboolean
foreach_tsv_row (const char  *name,
                 guint        n_fields,
                 gboolean   (*row) (sqlite3 *, char **, guint, GError **),
                 sqlite3     *db,
                 GError     **error)
{
  g_autoptr(GBytes) bytes = load_reference (name, error);
  g_auto(GStrv) lines = NULL;
  guint position = 0;

  if (bytes == NULL)
    return FALSE;

  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) fields = NULL;

      g_strchomp (lines[i]);
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;

      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) < n_fields)
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_CORRUPT,
                       _("Reference data %s, line %u: expected %u fields"),
                       name, i + 1, n_fields);
          return FALSE;
        }
      if (!row (db, fields, position++, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_category (sqlite3  *db,
                 char    **f,
                 guint     position,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* scheme, key, parent key, name_ja, name_en */
  stmt = _mdg_sql_prepare (db,
                           "INSERT INTO category (scheme, key, parent_id, name_ja, name_en, position)"
                           " VALUES (?1, ?2, (SELECT id FROM category WHERE scheme = ?1 AND key = ?3),"
                           " ?4, ?5, ?6)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, f[0], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, f[1], -1, SQLITE_STATIC);
  _mdg_sql_bind_text (stmt, 3, f[2]);
  sqlite3_bind_text (stmt, 4, f[3], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, f[4], -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, position);

  return _mdg_sql_step_done (db, stmt, error);
}

static gboolean
insert_referral (sqlite3  *db,
                 char    **f,
                 guint     position,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _mdg_sql_prepare (db,
                           "INSERT INTO referral (key, name_ja, name_en, contact)"
                           " VALUES (?1, ?2, ?3, ?4)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, f[0], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, f[1], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, f[2], -1, SQLITE_STATIC);
  _mdg_sql_bind_text (stmt, 4, f[3]);

  return _mdg_sql_step_done (db, stmt, error);
}

static gboolean
migrate_1 (sqlite3  *db,
           GError  **error)
{
  if (!_mdg_sql_exec (db, schema_1, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (touched_tables_1); i++)
    if (!create_touch_trigger (db, touched_tables_1[i], error))
      return FALSE;

  return foreach_tsv_row ("categories.tsv", 5, insert_category, db, error) &&
         foreach_tsv_row ("referrals.tsv", 3, insert_referral, db, error);
}

/*
 * Version 2: attendees arrive. People get a department (部署, as registration forms
 * ask it); the column mapping chosen for a CSV import is remembered per header set;
 * registrations are found by seminar and status, organizations and people by name.
 */
static const char schema_2[] =
  "ALTER TABLE person ADD COLUMN department TEXT;"
  "CREATE TABLE import_mapping (" ROW_COLUMNS
  " header_key TEXT NOT NULL UNIQUE, mapping TEXT NOT NULL);"
  "CREATE INDEX registration_seminar_status ON registration (seminar_id, status, registered_at);"
  "CREATE INDEX organization_name ON organization (name);"
  "CREATE INDEX person_name ON person (family_name, given_name);";

static gboolean
migrate_2 (sqlite3  *db,
           GError  **error)
{
  return _mdg_sql_exec (db, schema_2, error) && create_touch_trigger (db, "import_mapping", error);
}

/*
 * Version 3: registrations as forms export them. A registration keeps the time the
 * person applied on the form (it orders the waitlist; rows from before take the time
 * they were registered), how they attend (venue or online), the questions they sent
 * the presenter, and every other answer of the form as a JSON array of
 * [header, value] pairs in file order. An organization gets its address.
 *
 * The search folding now also folds variant characters (髙→高, 﨑→崎, 𠮷→吉, ㈱→株式会社),
 * so the index is rebuilt with it; the stored text keeps what people wrote.
 */
#define PERSON_TEXT_OF(p)                                                             \
  "mdg_fold(coalesce(" p ".family_name, '') || coalesce(" p ".given_name, '') || ' ' ||" \
  " coalesce(" p ".family_name, '') || ' ' || coalesce(" p ".given_name, '') || ' ' ||"  \
  " coalesce(" p ".family_kana, '') || coalesce(" p ".given_kana, '') || ' ' ||"         \
  " coalesce(" p ".email, ''))"
#define ORGANIZATION_TEXT_OF(o) \
  "mdg_fold(" o ".name || ' ' || coalesce(" o ".kana, '') || ' ' || coalesce(" o ".municipality, ''))"
#define SEMINAR_TEXT_OF(s)                                                           \
  "mdg_fold(" s ".title || ' ' || coalesce(" s ".venue, '') || ' ' ||"               \
  " coalesce(" s ".co_organizer, '') || ' ' || coalesce(" s ".description, ''))"

static const char schema_3[] =
  "ALTER TABLE registration ADD COLUMN applied_at TEXT;"
  "ALTER TABLE registration ADD COLUMN attendance TEXT"
  "  CHECK (attendance IS NULL OR attendance IN ('venue', 'online'));"
  "ALTER TABLE registration ADD COLUMN questions TEXT;"
  "ALTER TABLE registration ADD COLUMN answers TEXT CHECK (answers IS NULL OR json_valid(answers));"
  "UPDATE registration SET applied_at = registered_at;"
  /* Whoever inserts a registration without the form's time (a manual one, another tool)
   * applied when it was registered. */
  "CREATE TRIGGER registration_applied AFTER INSERT ON registration WHEN NEW.applied_at IS NULL BEGIN"
  " UPDATE registration SET applied_at = NEW.registered_at WHERE id = NEW.id; END;"
  "CREATE INDEX registration_seminar_applied ON registration (seminar_id, status, applied_at);"
  "ALTER TABLE organization ADD COLUMN address TEXT;"
  "DELETE FROM search_index;"
  "INSERT INTO search_index (rowid, text) SELECT id * 4 + 1, " PERSON_TEXT_OF ("person") " FROM person;"
  "INSERT INTO search_index (rowid, text) SELECT id * 4 + 2, " ORGANIZATION_TEXT_OF ("organization")
  " FROM organization;"
  "INSERT INTO search_index (rowid, text) SELECT id * 4 + 3, " SEMINAR_TEXT_OF ("seminar") " FROM seminar;";

static gboolean
migrate_3 (sqlite3  *db,
           GError  **error)
{
  return _mdg_sql_exec (db, schema_3, error);
}

static gboolean (*const migrations[]) (sqlite3 *, GError **) = {
  migrate_1,
  migrate_2,
  migrate_3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == MDG_SCHEMA_VERSION);

static int
user_version (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int (stmt, 0);
}

gboolean
_mdg_migrate (sqlite3     *db,
              const char  *path,
              GError     **error)
{
  int version = user_version (db);

  if (version < 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_CORRUPT,
                   _("“%s” is not a Madoguchi database, or it is damaged: %s"),
                   path, sqlite3_errmsg (db));
      return FALSE;
    }

  if (version > MDG_SCHEMA_VERSION)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_TOO_NEW,
                   _("“%s” was written by a newer Madoguchi (schema %d; this version knows up to %d). "
                     "Update Madoguchi to open it."),
                   path, version, MDG_SCHEMA_VERSION);
      return FALSE;
    }

  /* Each step commits on its own, so an interrupted upgrade resumes where it stopped. */
  for (int v = version; v < MDG_SCHEMA_VERSION; v++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!_mdg_sql_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!migrations[v](db, &local_error) || !_mdg_sql_exec (db, bump, &local_error) ||
          !_mdg_sql_exec (db, "COMMIT", &local_error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED,
                       _("Could not upgrade “%s” to schema %d; it was left as it was: %s"),
                       path, v + 1, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}
