/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-migrations"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-core-resources.h"
#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-sync-log-private.h"

/*
 * Schema changes are numbered migrations keyed on PRAGMA user_version. A migration is
 * never edited once it has shipped: later work appends the next one, so that every
 * database a user ever had upgrades without loss.
 *
 * Every row has an integer key for joins, plus a uuid and timestamps so that records
 * from two laptops can later be merged. The uuid default is plain SQL (a version-4
 * UUID from randomblob) so that rows inserted by any SQLite client get one.
 *
 * Sharing a table with the team server (src/sync) takes one line in the migration that
 * creates it:
 *
 *   _mdg_sync_share (db, "faq_entry", NULL, error)
 *
 * or, when a UNIQUE key names the same record on every laptop (so that two laptops
 * adding it offline end with one record, not a clash):
 *
 *   _mdg_sync_share (db, "registration", "seminar_id person_id", error)
 *
 * Nothing else: the columns come from PRAGMA table_info, and the change-log triggers
 * are rebuilt after every migration, so a later ALTER TABLE ... ADD COLUMN is shared
 * too. Foreign keys travel as the uuids of the rows they point at, so share the tables
 * they point at first (or in the same migration). Rows a migration seeds identically on
 * every laptop take _mdg_sync_seed_uuid (table, key) as their uuid (and one fixed
 * created_at). A table whose rows name a file by its SHA-256 adds
 * _mdg_sync_share_files (db, table, column, folder, suffix, error): the file is sent
 * with the row and fetched by other laptops when first used. Tables left out
 * stay on the laptop: caches, drafts, local settings (import_mapping, sync_*).
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

#define INDEX_TRIGGERS(table, code, text) INDEX_TRIGGERS_ON ("search", "", table, code, text)

/* @index is the FTS table's name without "_index"; @columns (" OF a, b") limits updates. */
#define INDEX_TRIGGERS_ON(index, columns, table, code, text)                                          \
  "CREATE TRIGGER " table "_" index "_insert AFTER INSERT ON " table " BEGIN"                         \
  " INSERT INTO " index "_index (rowid, text) VALUES (NEW.id * 4 + " code ", " text "); END;"         \
  "CREATE TRIGGER " table "_" index "_update AFTER UPDATE" columns " ON " table " BEGIN"              \
  " DELETE FROM " index "_index WHERE rowid = OLD.id * 4 + " code ";"                                 \
  " INSERT INTO " index "_index (rowid, text) VALUES (NEW.id * 4 + " code ", " text "); END;"         \
  "CREATE TRIGGER " table "_" index "_delete AFTER DELETE ON " table " BEGIN"                         \
  " DELETE FROM " index "_index WHERE rowid = OLD.id * 4 + " code "; END;"

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
 * Version 3: settings the whole desk shares (its contact on letters and handouts, and
 * later its closed days), kept in the database so that the window and the CLI agree.
 */
static const char schema_3[] =
  "CREATE TABLE setting (" ROW_COLUMNS " key TEXT NOT NULL UNIQUE, value TEXT NOT NULL);";

static gboolean
migrate_3 (sqlite3  *db,
           GError  **error)
{
  return _mdg_sql_exec (db, schema_3, error) && create_touch_trigger (db, "setting", error);
}

/*
 * Version 4: slide decks. A revision remembers the file name it was imported from and
 * the PowerPoint or Impress original kept beside its PDF; each page of a revision keeps
 * its text and a hash of its rendering, so that revisions can be compared and
 * explanatory texts follow their slide to the next revision; the texts that found no
 * slide wait for review. The files behind a revision never change, so neither do the
 * columns that describe them.
 */
static const char schema_4[] =
  "ALTER TABLE deck_revision ADD COLUMN source_name TEXT;"
  "ALTER TABLE deck_revision ADD COLUMN original_sha256 TEXT;"
  "ALTER TABLE deck_revision ADD COLUMN original_type TEXT;"
  "CREATE INDEX deck_revision_sha256 ON deck_revision (sha256);"
  "CREATE INDEX deck_revision_original ON deck_revision (original_sha256);"
  "CREATE TRIGGER deck_revision_immutable BEFORE UPDATE OF deck_id, number, sha256, page_count,"
  " source_name, original_sha256, original_type ON deck_revision BEGIN"
  " SELECT RAISE (ABORT, 'a deck revision cannot change'); END;"
  "CREATE TABLE slide_page (" ROW_COLUMNS
  " revision_id INTEGER NOT NULL REFERENCES deck_revision (id) ON DELETE CASCADE,"
  " page INTEGER NOT NULL CHECK (page >= 1), label TEXT, text TEXT NOT NULL DEFAULT '',"
  " render_hash TEXT NOT NULL, UNIQUE (revision_id, page));"
  "CREATE TABLE slide_note_review (" ROW_COLUMNS
  " revision_id INTEGER NOT NULL REFERENCES deck_revision (id) ON DELETE CASCADE,"
  " from_revision_id INTEGER REFERENCES deck_revision (id) ON DELETE SET NULL,"
  " from_page INTEGER NOT NULL, slide_text TEXT NOT NULL DEFAULT '', explanation TEXT NOT NULL);"
  "CREATE INDEX slide_note_review_revision ON slide_note_review (revision_id);"
  "CREATE INDEX program_item_deck_revision ON program_item (deck_revision_id);";

static gboolean
migrate_4 (sqlite3  *db,
           GError  **error)
{
  return _mdg_sql_exec (db, schema_4, error) && create_touch_trigger (db, "slide_page", error) &&
         create_touch_trigger (db, "slide_note_review", error);
}

/*
 * Version 5: consultations and follow-up advice. A consultation may fall under several
 * categories (kind, threat types, guidebook sections), so they move to a link table
 * (consultation.category_id stays, unused, for old readers); specialists get areas;
 * every event says what happened; e-mail consultations keep the headers a reply needs
 * and list their attachments; seminars get consultation slots; intake drafts are saved
 * field by field as they are typed. Consultations are searched in an index of their
 * own: search_index's rowid encodes three kinds in id * 4 + kind, and a fourth would
 * not fit, while long question texts would also slow every search for people.
 */
#define CONSULTATION_TEXT \
  "mdg_fold(NEW.subject || ' ' || coalesce(NEW.question, '') || ' ' || coalesce(NEW.answer, ''))"

static const char schema_5[] =
  "CREATE TABLE staff_area (" ROW_COLUMNS
  " staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,"
  " category_id INTEGER NOT NULL REFERENCES category (id) ON DELETE CASCADE,"
  " UNIQUE (staff_id, category_id));"
  "CREATE INDEX staff_area_category ON staff_area (category_id);"

  "ALTER TABLE consultation ADD COLUMN urgency TEXT NOT NULL DEFAULT 'normal'"
  " CHECK (urgency IN ('low', 'normal', 'high', 'urgent'));"
  "ALTER TABLE consultation ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0;"
  /* The day the answer is due (YYYY-MM-DD), in business days from the urgency. */
  "ALTER TABLE consultation ADD COLUMN due_date TEXT;"
  "ALTER TABLE consultation ADD COLUMN answered_at INTEGER;"
  "ALTER TABLE consultation ADD COLUMN closed_at INTEGER;"
  "ALTER TABLE consultation ADD COLUMN registration_id INTEGER"
  " REFERENCES registration (id) ON DELETE SET NULL;"
  "CREATE INDEX consultation_state ON consultation (state, assignee_id);"
  "CREATE INDEX consultation_received ON consultation (received_at);"
  "CREATE INDEX consultation_person ON consultation (person_id);"
  "CREATE INDEX consultation_organization ON consultation (organization_id);"
  "CREATE INDEX consultation_seminar ON consultation (seminar_id);"

  "CREATE TABLE consultation_category (" ROW_COLUMNS
  " consultation_id INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,"
  " category_id INTEGER NOT NULL REFERENCES category (id) ON DELETE CASCADE,"
  " UNIQUE (consultation_id, category_id));"
  "CREATE INDEX consultation_category_category ON consultation_category (category_id);"
  "INSERT INTO consultation_category (consultation_id, category_id)"
  " SELECT id, category_id FROM consultation WHERE category_id IS NOT NULL;"

  "ALTER TABLE consultation_event ADD COLUMN action TEXT NOT NULL DEFAULT 'edited';"
  /* To whom it was dispatched, where it was referred. */
  "ALTER TABLE consultation_event ADD COLUMN assignee_id INTEGER REFERENCES staff (id) ON DELETE SET NULL;"
  "ALTER TABLE consultation_event ADD COLUMN referral_id INTEGER REFERENCES referral (id) ON DELETE SET NULL;"
  "UPDATE consultation_event SET action = CASE to_state"
  " WHEN 'new' THEN CASE WHEN from_state IS NULL THEN 'created' ELSE 'reopened' END"
  " WHEN 'dispatched' THEN 'dispatched' WHEN 'in-progress' THEN 'started'"
  " WHEN 'answered' THEN 'answered' WHEN 'closed' THEN 'closed' ELSE 'edited' END;"
  "CREATE INDEX consultation_event_consultation ON consultation_event (consultation_id, at);"

  "CREATE TABLE consultation_mail (" ROW_COLUMNS
  " consultation_id INTEGER NOT NULL UNIQUE REFERENCES consultation (id) ON DELETE CASCADE,"
  " message_id TEXT UNIQUE, in_reply_to TEXT, refs TEXT, from_name TEXT, from_address TEXT,"
  " to_addresses TEXT, subject TEXT, sent_at INTEGER, body TEXT);"
  "CREATE TABLE consultation_attachment (" ROW_COLUMNS
  " consultation_id INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,"
  " position INTEGER NOT NULL, filename TEXT NOT NULL, content_type TEXT,"
  " size INTEGER NOT NULL CHECK (size >= 0), data BLOB, UNIQUE (consultation_id, position));"

  "ALTER TABLE follow_up ADD COLUMN created_by INTEGER REFERENCES staff (id) ON DELETE SET NULL;"
  "ALTER TABLE follow_up ADD COLUMN done_at TEXT;"
  "ALTER TABLE follow_up ADD COLUMN done_by INTEGER REFERENCES staff (id) ON DELETE SET NULL;"
  "CREATE INDEX follow_up_due ON follow_up (state, due_date);"
  "CREATE INDEX follow_up_consultation ON follow_up (consultation_id);"
  "CREATE INDEX follow_up_open ON follow_up (state, consultation_id);"
  "CREATE INDEX follow_up_registration ON follow_up (registration_id);"

  "CREATE TABLE consultation_slot (" ROW_COLUMNS
  " seminar_id INTEGER NOT NULL REFERENCES seminar (id) ON DELETE CASCADE,"
  " starts_at INTEGER NOT NULL, minutes INTEGER NOT NULL CHECK (minutes > 0),"
  " staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  " registration_id INTEGER REFERENCES registration (id) ON DELETE SET NULL,"
  " consultation_id INTEGER REFERENCES consultation (id) ON DELETE SET NULL,"
  " state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'booked', 'held')), note TEXT);"
  "CREATE INDEX consultation_slot_seminar ON consultation_slot (seminar_id, starts_at);"

  "CREATE TABLE draft (" ROW_COLUMNS
  " kind TEXT NOT NULL, staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  " target_id INTEGER, person_id INTEGER REFERENCES person (id) ON DELETE CASCADE);"
  "CREATE TABLE draft_field (" ROW_COLUMNS
  " draft_id INTEGER NOT NULL REFERENCES draft (id) ON DELETE CASCADE,"
  " name TEXT NOT NULL, value TEXT, UNIQUE (draft_id, name));"

  "CREATE VIRTUAL TABLE consultation_index USING fts5 (text, tokenize = 'trigram');"
  "INSERT INTO consultation_index (rowid, text) SELECT id,"
  " mdg_fold(subject || ' ' || coalesce(question, '') || ' ' || coalesce(answer, '')) FROM consultation;"
  "CREATE TRIGGER consultation_search_insert AFTER INSERT ON consultation BEGIN"
  " INSERT INTO consultation_index (rowid, text) VALUES (NEW.id, " CONSULTATION_TEXT "); END;"
  "CREATE TRIGGER consultation_search_update AFTER UPDATE OF subject, question, answer ON consultation BEGIN"
  " DELETE FROM consultation_index WHERE rowid = OLD.id;"
  " INSERT INTO consultation_index (rowid, text) VALUES (NEW.id, " CONSULTATION_TEXT "); END;"
  "CREATE TRIGGER consultation_search_delete AFTER DELETE ON consultation BEGIN"
  " DELETE FROM consultation_index WHERE rowid = OLD.id; END;";

static const char *const touched_tables_5[] = {
  "staff_area", "consultation_category", "consultation_mail", "consultation_attachment",
  "consultation_slot", "draft", "draft_field",
};

static gboolean
migrate_5 (sqlite3  *db,
           GError  **error)
{
  if (!_mdg_sql_exec (db, schema_5, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (touched_tables_5); i++)
    if (!create_touch_trigger (db, touched_tables_5[i], error))
      return FALSE;
  return TRUE;
}

/*
 * Version 6: threat information, the FAQ and the desk's notices.
 *
 * Feed sources remember what the last fetch gave (HTTP status, time, error in words) and
 * what conditional GET needs (ETag, Last-Modified); a removed source that still has kept
 * items (starred, picked, linked) is only hidden. Items are unique by normalised link
 * across every source, so an advisory listed by two feeds is one item; they carry CVE
 * ids, a severity and the reader's state.
 *
 * An FAQ entry has several categories (guidebook sections, threat types) and a published
 * flag; faq_entry.category_id is superseded by faq_category (copied there). Notices are
 * the portal's お知らせ, トピックス and 脅威情報, drafts until they have a date.
 *
 * Their text is searched through a second FTS5 table, reading_index: search_index's
 * rowids (id * 4 + kind) have room for no more kinds, and these texts are not personal
 * data, so person deletion never has to look at them. Its own kinds: 1 feed item, 2 FAQ
 * entry, 3 notice.
 */
#define FEED_ITEM_TEXT                                                                  \
  "mdg_fold(NEW.title || ' ' || coalesce(NEW.summary, '') || ' ' ||"                    \
  " coalesce(NEW.identifier, '') || ' ' || coalesce(NEW.cve_ids, ''))"
#define FAQ_TEXT "mdg_fold(NEW.question || ' ' || NEW.answer)"
#define NOTICE_TEXT "mdg_fold(NEW.title || ' ' || NEW.body)"

static const char schema_6[] =
  "ALTER TABLE feed_source ADD COLUMN etag TEXT;"
  "ALTER TABLE feed_source ADD COLUMN last_modified TEXT;"
  "ALTER TABLE feed_source ADD COLUMN last_error TEXT;"
  "ALTER TABLE feed_source ADD COLUMN last_success_at TEXT;"
  "ALTER TABLE feed_source ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE feed_source ADD COLUMN position INTEGER NOT NULL DEFAULT 0;"

  "ALTER TABLE feed_item ADD COLUMN link_key TEXT;"
  "ALTER TABLE feed_item ADD COLUMN identifier TEXT;"
  "ALTER TABLE feed_item ADD COLUMN cve_ids TEXT;"
  "ALTER TABLE feed_item ADD COLUMN cvss_score REAL;"
  "ALTER TABLE feed_item ADD COLUMN severity INTEGER NOT NULL DEFAULT 0"
  "  CHECK (severity BETWEEN 0 AND 4);"
  "ALTER TABLE feed_item ADD COLUMN read INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE feed_item ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE feed_item ADD COLUMN picked INTEGER NOT NULL DEFAULT 0;"
  "CREATE UNIQUE INDEX feed_item_link_key ON feed_item (link_key);"
  "CREATE INDEX feed_item_published ON feed_item (published_at, id);"
  "CREATE INDEX seminar_topic_item ON seminar_topic (feed_item_id);"

  "CREATE TABLE feed_saved_search (" ROW_COLUMNS
  " name TEXT NOT NULL UNIQUE CHECK (name <> ''), query TEXT,"
  " source_id INTEGER REFERENCES feed_source (id) ON DELETE SET NULL,"
  " state TEXT NOT NULL DEFAULT 'all' CHECK (state IN ('all', 'unread', 'starred', 'picked')),"
  " min_severity INTEGER NOT NULL DEFAULT 0 CHECK (min_severity BETWEEN 0 AND 4));"

  /* Keyed by the consultation's or follow-up's id: it needs nothing of their code. */
  "CREATE TABLE feed_item_attachment (" ROW_COLUMNS
  " feed_item_id INTEGER NOT NULL REFERENCES feed_item (id) ON DELETE CASCADE,"
  " consultation_id INTEGER REFERENCES consultation (id) ON DELETE CASCADE,"
  " follow_up_id INTEGER REFERENCES follow_up (id) ON DELETE CASCADE,"
  " CHECK ((consultation_id IS NULL) <> (follow_up_id IS NULL)),"
  " UNIQUE (feed_item_id, consultation_id), UNIQUE (feed_item_id, follow_up_id));"
  "CREATE INDEX feed_item_attachment_consultation ON feed_item_attachment (consultation_id);"
  "CREATE INDEX feed_item_attachment_follow_up ON feed_item_attachment (follow_up_id);"

  "ALTER TABLE faq_entry ADD COLUMN published INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE faq_entry ADD COLUMN feed_item_id INTEGER REFERENCES feed_item (id) ON DELETE SET NULL;"
  "CREATE TABLE faq_category (" ROW_COLUMNS
  " faq_id INTEGER NOT NULL REFERENCES faq_entry (id) ON DELETE CASCADE,"
  " category_id INTEGER NOT NULL REFERENCES category (id) ON DELETE CASCADE,"
  " UNIQUE (faq_id, category_id));"
  "CREATE INDEX faq_category_category ON faq_category (category_id);"
  "INSERT INTO faq_category (faq_id, category_id)"
  " SELECT id, category_id FROM faq_entry WHERE category_id IS NOT NULL;"
  "CREATE INDEX faq_consultation_consultation ON faq_consultation (consultation_id);"

  "CREATE TABLE notice (" ROW_COLUMNS
  " kind TEXT NOT NULL CHECK (kind IN ('news', 'topic', 'threat')),"
  " title TEXT NOT NULL CHECK (title <> ''), body TEXT NOT NULL DEFAULT '',"
  " publish_on TEXT CHECK (publish_on IS NULL OR date(publish_on) = publish_on));"
  "CREATE INDEX notice_publish ON notice (publish_on);"
  "CREATE TABLE notice_item (" ROW_COLUMNS
  " notice_id INTEGER NOT NULL REFERENCES notice (id) ON DELETE CASCADE,"
  " feed_item_id INTEGER NOT NULL REFERENCES feed_item (id) ON DELETE CASCADE,"
  " position INTEGER NOT NULL DEFAULT 0, UNIQUE (notice_id, feed_item_id));"

  "CREATE VIRTUAL TABLE reading_index USING fts5 (text, tokenize = 'trigram');"
  INDEX_TRIGGERS_ON ("reading", " OF title, summary, identifier, cve_ids", "feed_item", "1", FEED_ITEM_TEXT)
  INDEX_TRIGGERS_ON ("reading", " OF question, answer", "faq_entry", "2", FAQ_TEXT)
  INDEX_TRIGGERS_ON ("reading", " OF title, body", "notice", "3", NOTICE_TEXT)
  "INSERT INTO reading_index (rowid, text)"
  " SELECT id * 4 + 1, mdg_fold(title || ' ' || coalesce(summary, '')) FROM feed_item;"
  "INSERT INTO reading_index (rowid, text)"
  " SELECT id * 4 + 2, mdg_fold(question || ' ' || answer) FROM faq_entry;";

static const char *const touched_tables_6[] = {
  "feed_saved_search", "feed_item_attachment", "faq_category", "notice", "notice_item",
};

static gboolean
insert_feed_source (sqlite3  *db,
                    char    **f,
                    guint     position,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* key, name_ja, name_en, url, format: the desk reads Japanese names; users may rename. */
  stmt = _mdg_sql_prepare (db,
                           "INSERT INTO feed_source (key, name, url, format, position)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)"
                           " ON CONFLICT (key) DO NOTHING",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, f[0], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, f[1], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, f[3], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, f[4], -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, position);

  return _mdg_sql_step_done (db, stmt, error);
}

static gboolean
migrate_6 (sqlite3  *db,
           GError  **error)
{
  if (!_mdg_sql_exec (db, schema_6, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (touched_tables_6); i++)
    if (!create_touch_trigger (db, touched_tables_6[i], error))
      return FALSE;

  return foreach_tsv_row ("feeds.tsv", 5, insert_feed_source, db, error);
}

/*
 * Version 7: team sync through a PostgreSQL server (src/sync). The change log and its
 * bookkeeping (see mdg-sync-log.c); the tables the team shares; the categories and
 * referrals seeded by version 1 get name-based uuids, the same on every laptop.
 */
#define SYNC_KEY "tbl TEXT NOT NULL, uuid TEXT NOT NULL,"
static const char schema_7[] =
  "CREATE TABLE sync_self (id INTEGER PRIMARY KEY CHECK (id = 1), device TEXT NOT NULL,"
  " hlc INTEGER NOT NULL DEFAULT 0, enabled INTEGER NOT NULL DEFAULT 0, applying INTEGER NOT NULL DEFAULT 0);"
  "INSERT INTO sync_self (id, device) VALUES (1, " UUID_SQL ");"
  "CREATE TABLE sync_peer (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE);"
  "INSERT INTO sync_peer (id, uuid) VALUES (0, '');"
  "INSERT INTO sync_peer (id, uuid) SELECT 1, device FROM sync_self;"
  "CREATE TABLE sync_setting (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE sync_table (name TEXT PRIMARY KEY, identity TEXT, columns TEXT,"
  " position INTEGER NOT NULL UNIQUE);"
  "CREATE TABLE sync_row (" SYNC_KEY
  " hlc INTEGER NOT NULL, peer INTEGER NOT NULL, PRIMARY KEY (tbl, uuid)) WITHOUT ROWID;"
  "CREATE TABLE sync_field (" SYNC_KEY
  " col TEXT NOT NULL, hlc INTEGER NOT NULL, peer INTEGER NOT NULL, PRIMARY KEY (tbl, uuid, col)) WITHOUT ROWID;"
  "CREATE TABLE sync_outbox (" SYNC_KEY
  " col TEXT NOT NULL, base_hlc INTEGER NOT NULL DEFAULT 0, base_peer INTEGER NOT NULL DEFAULT 0,"
  " PRIMARY KEY (tbl, uuid, col)) WITHOUT ROWID;"
  "CREATE TABLE sync_tombstone (" SYNC_KEY
  " hlc INTEGER NOT NULL, peer INTEGER NOT NULL, successor TEXT, PRIMARY KEY (tbl, uuid)) WITHOUT ROWID;"
  /* The record's history of values a conflict overwrote, for review. */
  "CREATE TABLE sync_conflict (id INTEGER PRIMARY KEY, " SYNC_KEY
  " col TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'field' CHECK (kind IN ('field', 'duplicate')),"
  " mine TEXT, mine_hlc INTEGER NOT NULL, mine_peer INTEGER NOT NULL,"
  " theirs TEXT, theirs_hlc INTEGER NOT NULL, theirs_peer INTEGER NOT NULL,"
  " kept TEXT NOT NULL CHECK (kept IN ('mine', 'theirs')),"
  " detected_at TEXT NOT NULL DEFAULT (" NOW_SQL "), resolved_at TEXT);"
  "CREATE INDEX sync_conflict_record ON sync_conflict (tbl, uuid);"
  /* Tables whose rows name a file by its SHA-256 (deck PDFs): the file travels too. */
  "CREATE TABLE sync_file (tbl TEXT PRIMARY KEY, col TEXT NOT NULL, folder TEXT NOT NULL, suffix TEXT NOT NULL);"
  /* The synced columns of each table, by their bit in an UPDATE's mask of changes. */
  "CREATE TABLE sync_column (tbl TEXT NOT NULL, col TEXT NOT NULL, bit INTEGER NOT NULL,"
  " PRIMARY KEY (tbl, col)) WITHOUT ROWID;"
  /* The change log's books, kept once for every shared table: each table's triggers
   * (mdg-sync-log.c) insert here a change: 'i'nsert, 'u'pdate (with its mask) or
   * 'd'elete. Nothing is stored in the view itself. */
  "CREATE VIEW sync_change (tbl, uuid, op, mask) AS SELECT NULL, NULL, NULL, NULL WHERE 0;"
  "CREATE TRIGGER sync_change_log INSTEAD OF INSERT ON sync_change BEGIN"
  /* Whoever deletes a row (this laptop, or a sync applying another's delete), its clocks
   * and its conflict history (which holds its values) go with it. */
  " DELETE FROM sync_field WHERE NEW.op = 'd' AND tbl = NEW.tbl AND uuid = NEW.uuid;"
  " DELETE FROM sync_row WHERE NEW.op = 'd' AND tbl = NEW.tbl AND uuid = NEW.uuid;"
  " DELETE FROM sync_conflict WHERE NEW.op = 'd' AND tbl = NEW.tbl AND uuid = NEW.uuid;"
  /* The rest only for this laptop's own writes while sync is on. julianday() keeps
   * milliseconds; the clock never runs backwards. */
  " UPDATE sync_self SET hlc = max (CAST ((julianday ('now') - 2440587.5) * 86400000.0 AS INTEGER) * 65536, hlc + 1)"
  "  WHERE id = 1 AND enabled AND NOT applying AND (NEW.op <> 'u' OR NEW.mask <> 0);"
  /* A new row is pushed whole; it may be one deleted and brought back by Undo. */
  " DELETE FROM sync_tombstone WHERE NEW.op = 'i' AND tbl = NEW.tbl AND uuid = NEW.uuid"
  "  AND (SELECT enabled AND NOT applying FROM sync_self WHERE id = 1);"
  " DELETE FROM sync_outbox WHERE NEW.op = 'i' AND tbl = NEW.tbl AND uuid = NEW.uuid"
  "  AND (SELECT enabled AND NOT applying FROM sync_self WHERE id = 1);"
  " INSERT OR REPLACE INTO sync_row (tbl, uuid, hlc, peer) SELECT NEW.tbl, NEW.uuid, hlc, 1 FROM sync_self"
  "  WHERE id = 1 AND enabled AND NOT applying AND NEW.op = 'i';"
  " INSERT INTO sync_outbox (tbl, uuid, col) SELECT NEW.tbl, NEW.uuid, '*' FROM sync_self"
  "  WHERE id = 1 AND enabled AND NOT applying AND NEW.op = 'i';"
  /* Edited fields: the first edit since the last push keeps the clock it was made on
   * (its base), which tells another laptop's concurrent edit from one already seen. */
  " INSERT OR IGNORE INTO sync_outbox (tbl, uuid, col, base_hlc, base_peer)"
  "  SELECT NEW.tbl, NEW.uuid, c.col, coalesce (f.hlc, r.hlc, 0), coalesce (f.peer, r.peer, 0)"
  "  FROM sync_column AS c JOIN sync_self AS s ON s.id = 1 AND s.enabled AND NOT s.applying"
  "  LEFT JOIN sync_row AS r ON r.tbl = NEW.tbl AND r.uuid = NEW.uuid"
  "  LEFT JOIN sync_field AS f ON f.tbl = NEW.tbl AND f.uuid = NEW.uuid AND f.col = c.col"
  "  WHERE NEW.op = 'u' AND c.tbl = NEW.tbl AND NEW.mask & (1 << c.bit);"
  " INSERT OR REPLACE INTO sync_field (tbl, uuid, col, hlc, peer)"
  "  SELECT NEW.tbl, NEW.uuid, c.col, s.hlc, 1"
  "  FROM sync_column AS c JOIN sync_self AS s ON s.id = 1 AND s.enabled AND NOT s.applying"
  "  WHERE NEW.op = 'u' AND c.tbl = NEW.tbl AND NEW.mask & (1 << c.bit);"
  /* A deleted row the server never saw needs no tombstone. */
  " INSERT OR REPLACE INTO sync_tombstone (tbl, uuid, hlc, peer) SELECT NEW.tbl, NEW.uuid, hlc, 1 FROM sync_self"
  "  WHERE id = 1 AND enabled AND NOT applying AND NEW.op = 'd'"
  "  AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE tbl = NEW.tbl AND uuid = NEW.uuid AND col = '*');"
  " INSERT OR REPLACE INTO sync_outbox (tbl, uuid, col) SELECT NEW.tbl, NEW.uuid, '-' FROM sync_self"
  "  WHERE id = 1 AND enabled AND NOT applying AND NEW.op = 'd'"
  "  AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE tbl = NEW.tbl AND uuid = NEW.uuid AND col = '*');"
  " DELETE FROM sync_outbox WHERE NEW.op = 'd' AND tbl = NEW.tbl AND uuid = NEW.uuid AND col <> '-'"
  "  AND (SELECT enabled AND NOT applying FROM sync_self WHERE id = 1);"
  " END;";

/* Shared in this order: a table comes after those its foreign keys point at. */
static const struct { const char *table; const char *identity; } shared_7[] = {
  { "staff", NULL }, { "organization", NULL }, { "person", NULL }, { "seminar", NULL },
  { "deck", NULL }, { "deck_revision", NULL }, { "slide_note", "revision_id page" },
  { "program_item", NULL }, { "registration", "seminar_id person_id" }, { "category", "scheme key" },
  { "referral", "key" }, { "consultation", NULL }, { "consultation_event", NULL }, { "follow_up", NULL },
  { "faq_entry", NULL }, { "faq_consultation", "faq_id consultation_id" }, { "feed_source", "key" },
  { "feed_item", "source_id guid" }, { "seminar_topic", "seminar_id feed_item_id" },
  /* Added by versions 3 to 6, which came before sync. */
  { "setting", "key" }, { "slide_page", "revision_id page" }, { "slide_note_review", NULL },
  { "staff_area", "staff_id category_id" }, { "consultation_category", "consultation_id category_id" },
  { "consultation_mail", "consultation_id" }, { "consultation_attachment", "consultation_id position" },
  { "consultation_slot", NULL }, { "feed_saved_search", "name" }, { "feed_item_attachment", NULL },
  { "faq_category", "faq_id category_id" }, { "notice", NULL }, { "notice_item", "notice_id feed_item_id" },
};

static gboolean
seed_uuids (sqlite3     *db,
            const char  *table,
            const char  *key_sql,
            GError     **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT id, %s FROM %s WHERE %s IS NOT NULL", key_sql, table,
                                             key_sql);
  /* The seeded copy of every laptop is one record: the same uuid and creation time. */
  g_autofree char *update = g_strdup_printf ("UPDATE %s SET uuid = ?, created_at = '2026-01-01T00:00:00.000Z'"
                                             " WHERE id = ?", table);
  g_autoptr(sqlite3_stmt) rows = _mdg_sql_prepare (db, select, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (rows == NULL || !(stmt = _mdg_sql_prepare (db, update, error)))
    return FALSE;
  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      g_autofree char *uuid = _mdg_sync_seed_uuid (table, (const char *) sqlite3_column_text (rows, 1));

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, sqlite3_column_int64 (rows, 0));
      if (!_mdg_sql_step_done (db, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static gboolean
migrate_7 (sqlite3  *db,
           GError  **error)
{
  if (!_mdg_sql_exec (db, schema_7, error) ||
      !seed_uuids (db, "category", "scheme || '/' || key", error) ||
      !seed_uuids (db, "referral", "key", error) ||
      !seed_uuids (db, "feed_source", "key", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (shared_7); i++)
    if (!_mdg_sync_share (db, shared_7[i].table, shared_7[i].identity, error))
      return FALSE;
  /* A deck revision's PDF, content-addressed in the data folder's decks/. */
  return _mdg_sync_share_files (db, "deck_revision", "sha256", "decks", ".pdf", error);
}

/*
 * Version 8: registrations as forms export them. A registration keeps the time the
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

static const char schema_8[] =
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
migrate_8 (sqlite3  *db,
           GError  **error)
{
  return _mdg_sql_exec (db, schema_8, error);
}

/*
 * Version 9: a saved search of the threat reader keeps its period ("the last 7 days"),
 * counted from the day it is used, beside its words, source, state and severity.
 */
static gboolean
migrate_9 (sqlite3  *db,
           GError  **error)
{
  return _mdg_sql_exec (db,
                        "ALTER TABLE feed_saved_search ADD COLUMN within_days INTEGER NOT NULL DEFAULT 0"
                        " CHECK (within_days BETWEEN 0 AND 36500);",
                        error);
}

static gboolean (*const migrations[]) (sqlite3 *, GError **) = {
  migrate_1,
  migrate_2,
  migrate_3,
  migrate_4,
  migrate_5,
  migrate_6,
  migrate_7,
  migrate_8,
  migrate_9,
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

/* The one message for a database this version cannot read: nothing was changed. */
void
_mdg_set_too_new_error (GError     **error,
                        const char  *path,
                        int          version)
{
  g_set_error (error, MDG_ERROR, MDG_ERROR_TOO_NEW,
               _("“%s” was written by a newer Madoguchi (schema %d; this version knows up to %d). "
                 "It was left as it was: update Madoguchi to open it."),
               path, version, MDG_SCHEMA_VERSION);
}

gboolean
_mdg_migrate (sqlite3     *db,
              const char  *path,
              GError     **error)
{
  int version = user_version (db);

  if (version < 0)
    {
      _mdg_sql_set_error (db, error, _("Could not read the database"));
      return FALSE;
    }

  if (version > MDG_SCHEMA_VERSION)
    {
      _mdg_set_too_new_error (error, path, version);
      return FALSE;
    }

  /* Each step commits on its own, so an interrupted upgrade resumes where it stopped. */
  for (int v = version; v < MDG_SCHEMA_VERSION; v++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!_mdg_sql_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!migrations[v](db, &local_error) || !_mdg_sync_rebuild_triggers (db, &local_error) ||
          !_mdg_sql_exec (db, bump, &local_error) ||
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
