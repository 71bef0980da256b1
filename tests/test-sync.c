/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mdg-backup.h"
#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-person-store.h"
#include "mdg-registration-store.h"
#include "mdg-search.h"
#include "mdg-seminar-store.h"
#include "mdg-sync-client-private.h"
#include "mdg-sync-conflict.h"
#include "mdg-sync-error.h"
#include "mdg-sync-log-private.h"
#include "mdg-sync-settings.h"
#include "mdg-test-pg.h"
#include "mdg-test-util.h"

/*
 * Team sync against a real PostgreSQL 15 started for these tests (mdg-test-pg.c), with
 * the password in a real keyring. Each test gets a team database of its own; each
 * "laptop" is a Madoguchi database file with its own sync client.
 */

static MdgTestPg *pg;
static char *users[2];
static const char *const passwords[2] = { "Desk-one-pw-4e2a", "Desk-two-pw-91bc" };

typedef struct
{
  char          *path;
  MdgDatabase   *db;
  MdgSyncClient *client;
} Laptop;

typedef struct
{
  char      *dir;
  char      *dbname;
  GPtrArray *laptops;
} Fixture;

static void
laptop_free (Laptop *laptop)
{
  g_clear_object (&laptop->client);
  g_clear_object (&laptop->db);
  g_free (laptop->path);
  g_free (laptop);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = mdg_test_make_tmpdir ();
  f->dbname = mdg_test_pg_create_database (pg);
  f->laptops = g_ptr_array_new_with_free_func ((GDestroyNotify) laptop_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->laptops);
  mdg_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->dbname);
}

static MdgSyncSettings *
team_settings (Fixture *f,
               guint    user)
{
  return mdg_sync_settings_new (mdg_test_pg_get_socket_dir (pg), mdg_test_pg_get_port (pg), f->dbname, users[user]);
}

/* A laptop with the team server set up as Preferences would: settings, keyring. */
static Laptop *
add_laptop_with (Fixture         *f,
                 MdgSyncSettings *settings,
                 const char      *password)
{
  Laptop *laptop = g_new0 (Laptop, 1);
  g_autoptr(GError) error = NULL;

  laptop->path = g_strdup_printf ("%s/laptop%u/madoguchi.db", f->dir, f->laptops->len + 1);
  laptop->db = mdg_database_open (laptop->path, &error);
  g_assert_no_error (error);
  if (settings != NULL)
    {
      g_assert_true (mdg_sync_settings_save (laptop->db, settings, &error));
      g_assert_no_error (error);
      g_assert_true (mdg_sync_password_store (settings, password, NULL, &error));
      g_assert_no_error (error);
    }
  laptop->client = mdg_sync_client_new (laptop->path);
  g_ptr_array_add (f->laptops, laptop);
  return laptop;
}

static Laptop *
add_laptop (Fixture *f)
{
  guint user = f->laptops->len % 2;
  g_autoptr(MdgSyncSettings) settings = team_settings (f, user);

  return add_laptop_with (f, settings, passwords[user]);
}

static Laptop *
laptop (Fixture *f,
        guint    i)
{
  return g_ptr_array_index (f->laptops, i);
}

static void
sync_ok (Laptop *l)
{
  g_autoptr(GError) error = NULL;

  mdg_sync_client_sync (l->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_sync_client_get_state (l->client), ==, MDG_SYNC_STATE_IDLE);
}

/* Twice round: what the last laptop pushed reaches the first. */
static void
sync_everyone (Fixture *f)
{
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < f->laptops->len; i++)
      sync_ok (laptop (f, i));
}

static char *
dump (Laptop *l)
{
  g_autoptr(GError) error = NULL;
  char *text = _mdg_sync_engine_dump (l->db, &error);

  g_assert_no_error (error);
  return text;
}

static void
assert_all_alike (Fixture *f)
{
  g_autofree char *first = dump (laptop (f, 0));

  g_assert_cmpuint (strlen (first), >, 0);
  for (guint i = 0; i < f->laptops->len; i++)
    {
      g_autofree char *other = dump (laptop (f, i));
      g_assert_cmpstr (other, ==, first);
      g_assert_cmpint (mdg_test_count (laptop (f, i)->db, "SELECT count (*) FROM sync_outbox"), ==, 0);
    }
}

static MdgPerson *
add_person (Laptop     *l,
            const char *family,
            const char *given,
            const char *email,
            const char *phone)
{
  MdgPerson *person = mdg_person_new ();
  g_autoptr(GError) error = NULL;

  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, family);
  mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, given);
  mdg_person_set_text (person, MDG_PERSON_EMAIL, email);
  mdg_person_set_text (person, MDG_PERSON_PHONE, phone);
  mdg_person_set_text (person, MDG_PERSON_ORGANIZATION, "株式会社窓口");
  g_assert_true (mdg_person_store_save (l->db, person, &error));
  g_assert_no_error (error);
  return person;
}

static gint64
id_of (Laptop     *l,
       const char *table,
       const char *uuid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce ((SELECT id FROM %s WHERE uuid = '%s'), 0)", table, uuid);

  return mdg_test_count (l->db, sql);
}

/* Sets one field of the person @uuid names on laptop @l, as the Contacts editor does. */
static void
edit_person (Laptop         *l,
             const char     *uuid,
             MdgPersonField  field,
             const char     *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgPerson) person = mdg_person_store_load (l->db, id_of (l, "person", uuid), &error);

  g_assert_no_error (error);
  mdg_person_set_text (person, field, value);
  g_assert_true (mdg_person_store_save (l->db, person, &error));
  g_assert_no_error (error);
}

static char *
text_of (Laptop     *l,
         const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_mdg_database_get_handle (l->db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static MdgSeminar *
add_seminar (Laptop     *l,
             const char *title)
{
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 30);
  MdgSeminar *seminar = mdg_seminar_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (seminar, "title", title, "starts-at", starts, "ends-at", ends, "capacity", 50, NULL);
  g_assert_true (mdg_seminar_store_save (l->db, seminar, &error));
  g_assert_no_error (error);
  return seminar;
}

static MdgAttendee *
register_person (Laptop     *l,
                 gint64      seminar_id,
                 MdgPerson  *person)
{
  g_autoptr(GError) error = NULL;
  MdgAttendee *attendee = mdg_registration_store_register (l->db, seminar_id, person, MDG_REGISTRATION_SOURCE_MANUAL,
                                                           NULL, &error);

  g_assert_no_error (error);
  return attendee;
}

static PGconn *
admin (Fixture *f)
{
  return mdg_test_pg_connect_admin (pg, f->dbname);
}

/* --- the tests ----------------------------------------------------------------------- */

static void
test_two_laptops (Fixture       *f,
                  gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  Laptop *b = add_laptop (f);
  g_autoptr(MdgPerson) yamada = add_person (a, "山田", "太郎", "yamada@example.jp", "03-1111-2222");
  g_autoptr(MdgPerson) sato = add_person (b, "佐藤", "花子", "sato@example.jp", NULL);
  g_autoptr(MdgSeminar) seminar = add_seminar (a, "中小企業のためのセキュリティ対策");
  g_autoptr(MdgAttendee) attendee = register_person (a, mdg_seminar_get_id (seminar), yamada);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *conn;

  g_assert_true (mdg_registration_store_check_in (a->db, attendee, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mdg_test_count (a->db, "SELECT count (DISTINCT uuid) FROM sync_outbox WHERE tbl <> 'category' AND tbl <> 'referral'"),
                    ==, 4);

  /* Laptop A says which staff member works on it: the server records it with each change. */
  {
    g_autoptr(MdgSyncSettings) settings = mdg_sync_settings_load (a->db, &error);
    g_autofree char *staff = NULL;

    mdg_test_exec (a->db, "INSERT INTO staff (name, role) VALUES ('窓口 一郎', 'coordinator')");
    staff = text_of (a, "SELECT uuid FROM staff");
    settings->staff = g_strdup (staff);
    g_assert_true (mdg_sync_settings_save (a->db, settings, &error));
    g_assert_no_error (error);
  }

  sync_ok (a);
  g_assert_cmpuint (mdg_sync_client_get_waiting (a->client), ==, 0);
  sync_ok (b);
  sync_ok (a);
  assert_all_alike (f);

  /* B finds A's attendee, checked in, through its own search index. */
  hits = mdg_search (b->db, "山田", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (mdg_test_count (b->db, "SELECT count (*) FROM registration WHERE checked_in_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (id_of (a, "person", mdg_person_get_uuid (sato)), >, 0);
  g_assert_cmpint (mdg_test_count (a->db, "SELECT count (*) FROM person AS p JOIN organization AS o"
                                          " ON o.id = p.organization_id WHERE o.name = '株式会社窓口'"), ==, 2);

  /* The server knows who (two users) and which device changed what. */
  conn = admin (f);
  g_assert_cmpint (mdg_test_pg_count (conn, "SELECT count (DISTINCT who) FROM madoguchi.change"), ==, 2);
  g_assert_cmpint (mdg_test_pg_count (conn, "SELECT count (*) FROM madoguchi.device"), ==, 2);
  g_assert_cmpint (mdg_test_pg_count (conn, "SELECT count (*) FROM madoguchi.record WHERE kind = 'person'"), ==, 2);
  g_assert_cmpint (mdg_test_pg_count (conn, "SELECT count (*) FROM madoguchi.change AS c"
                                            " JOIN madoguchi.record AS s ON s.kind = 'staff' AND s.uuid = c.staff"
                                            " WHERE s.data ->> 'name' = '窓口 一郎' AND c.kind = 'person'"), ==, 1);
  PQfinish (conn);
}

static void
test_five_laptops (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 5; i++)
    {
      Laptop *l = add_laptop (f);
      g_autofree char *family = g_strdup_printf ("端末%u", i + 1);
      g_autofree char *title = g_strdup_printf ("第%u回 情報セキュリティ勉強会", i + 1);
      g_autoptr(MdgSeminar) seminar = add_seminar (l, title);

      for (guint j = 0; j < 3; j++)
        {
          g_autofree char *given = g_strdup_printf ("利用者%u", j + 1);
          g_autofree char *email = g_strdup_printf ("user%u.%u@example.jp", i, j);
          MdgPerson *person = add_person (l, family, given, email, NULL);

          g_object_unref (register_person (l, mdg_seminar_get_id (seminar), person));
          g_ptr_array_add (people, person);
        }
    }
  sync_everyone (f);
  assert_all_alike (f);

  /* Now each laptop edits people made on the next one, each its own field. */
  for (guint i = 0; i < 5; i++)
    {
      MdgPerson *other = g_ptr_array_index (people, ((i + 1) % 5) * 3);
      g_autofree char *phone = g_strdup_printf ("06-0000-000%u", i);
      g_autofree char *title = g_strdup_printf ("役職%u", i);

      edit_person (laptop (f, i), mdg_person_get_uuid (other), MDG_PERSON_PHONE, phone);
      edit_person (laptop (f, i), mdg_person_get_uuid (other), MDG_PERSON_TITLE, title);
    }
  sync_everyone (f);
  assert_all_alike (f);
  g_assert_cmpint (mdg_test_count (laptop (f, 3)->db, "SELECT count (*) FROM person WHERE phone LIKE '06-%'"), ==, 5);
  g_assert_cmpint (mdg_test_count (laptop (f, 0)->db, "SELECT count (*) FROM registration"), ==, 15);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (mdg_sync_client_get_conflicts (laptop (f, i)->client), ==, 0);
}

static void
test_conflict_same_field (Fixture       *f,
                          gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  Laptop *b = add_laptop (f);
  g_autoptr(MdgPerson) yamada = add_person (a, "山田", "太郎", "yamada@example.jp", "03-1111-1111");
  const char *uuid = mdg_person_get_uuid (yamada);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *phone_b = NULL;
  MdgSyncConflict *conflict;

  sync_ok (a);
  sync_ok (b);

  /* Both offline: the same field, two values. */
  edit_person (a, uuid, MDG_PERSON_PHONE, "03-2222-2222");
  edit_person (b, uuid, MDG_PERSON_PHONE, "03-3333-3333");
  sync_ok (a);
  sync_ok (b);

  conflicts = mdg_sync_conflict_list (b->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpuint (mdg_sync_client_get_conflicts (b->client), ==, 1);

  /* What Madoguchi holds about the person, exported on their request, includes it. */
  {
    g_autoptr(GVariant) record = mdg_person_store_collect (b->db, id_of (b, "person", uuid), &error);
    g_autoptr(GVariant) history = NULL;
    g_autoptr(GVariant) entry = NULL;
    const char *other = NULL;

    g_assert_no_error (error);
    history = g_variant_lookup_value (record, "sync_history", G_VARIANT_TYPE ("aa{sv}"));
    g_assert_cmpuint (g_variant_n_children (history), ==, 1);
    entry = g_variant_get_child_value (history, 0);
    g_assert_true (g_variant_lookup (entry, "other_laptop", "&s", &other));
    g_assert_cmpstr (other, ==, "\"03-2222-2222\"");
  }
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->record, ==, "山田 太郎");
  g_assert_cmpstr (conflict->field, ==, "phone number");
  g_assert_cmpstr (conflict->mine, ==, "03-3333-3333");
  g_assert_cmpstr (conflict->theirs, ==, "03-2222-2222");
  sentence = mdg_sync_conflict_describe (conflict);
  g_assert_cmpstr (sentence, ==, "The phone number of 山田 太郎 was changed to different values on two laptops");

  /* The later edit won everywhere; the other value is kept in the conflict. */
  sync_ok (a);
  assert_all_alike (f);
  kept = text_of (a, "SELECT phone FROM person");
  g_assert_cmpstr (kept, ==, conflict->kept_mine ? "03-3333-3333" : "03-2222-2222");

  /* Taking the other value is a new edit that reaches every laptop. */
  g_assert_true (mdg_sync_conflict_resolve (b->db, conflict->id, !conflict->kept_mine, &error));
  g_assert_no_error (error);
  sync_ok (b);
  sync_ok (a);
  assert_all_alike (f);
  phone_b = text_of (a, "SELECT phone FROM person");
  g_assert_cmpstr (phone_b, ==, conflict->kept_mine ? "03-2222-2222" : "03-3333-3333");
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = mdg_sync_conflict_list (b->db, FALSE, &error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpuint (mdg_sync_client_get_conflicts (b->client), ==, 0);
}

/* In the language of the desk: run once in English and once with LANGUAGE=ja (sync-ja). */
static void
test_conflict_words (Fixture       *f,
                     gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  Laptop *b = add_laptop (f);
  g_autoptr(MdgPerson) yamada = add_person (a, "山田", "太郎", NULL, "03-1111-1111");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GDateTime) now = NULL;
  gboolean japanese = g_str_has_prefix (g_getenv ("LANGUAGE"), "ja");

  sync_ok (a);
  sync_ok (b);
  edit_person (a, mdg_person_get_uuid (yamada), MDG_PERSON_PHONE, "03-2222-2222");
  edit_person (b, mdg_person_get_uuid (yamada), MDG_PERSON_PHONE, "03-3333-3333");
  sync_ok (a);
  sync_ok (b);

  conflicts = mdg_sync_conflict_list (b->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  sentence = mdg_sync_conflict_describe (g_ptr_array_index (conflicts, 0));
  now = g_date_time_add_minutes (mdg_sync_client_get_last_synced (b->client), 2);
  line = mdg_sync_client_describe (b->client, now);
  if (japanese)
    {
      g_assert_cmpstr (sentence, ==, "山田 太郎様の電話番号が2台の端末で別々の値に変更されました");
      g_assert_cmpstr (line, ==, "2分前に同期しました — 確認が必要な競合1件");
    }
  else
    {
      g_assert_cmpstr (sentence, ==, "The phone number of 山田 太郎 was changed to different values on two laptops");
      g_assert_cmpstr (line, ==, "Synced 2 minutes ago — 1 conflict to review");
    }
}

static void
test_different_fields (Fixture       *f,
                       gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  Laptop *b = add_laptop (f);
  g_autoptr(MdgPerson) yamada = add_person (a, "山田", "太郎", "yamada@example.jp", "03-1111-1111");
  g_autofree char *phone = NULL;
  g_autofree char *email = NULL;

  sync_ok (a);
  sync_ok (b);
  edit_person (a, mdg_person_get_uuid (yamada), MDG_PERSON_PHONE, "03-2222-2222");
  edit_person (b, mdg_person_get_uuid (yamada), MDG_PERSON_EMAIL, "taro.yamada@example.jp");
  sync_ok (a);
  sync_ok (b);
  sync_ok (a);

  assert_all_alike (f);
  phone = text_of (b, "SELECT phone FROM person");
  email = text_of (a, "SELECT email FROM person");
  g_assert_cmpstr (phone, ==, "03-2222-2222");
  g_assert_cmpstr (email, ==, "taro.yamada@example.jp");
  g_assert_cmpuint (mdg_sync_client_get_conflicts (a->client), ==, 0);
  g_assert_cmpuint (mdg_sync_client_get_conflicts (b->client), ==, 0);
}

static void
test_delete_person (Fixture       *f,
                    gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  g_autoptr(MdgPerson) gone = add_person (a, "削除", "希望子", "erase-me@example.jp", "090-9999-0000");
  g_autoptr(MdgPerson) stays = add_person (a, "残留", "一郎", "stays@example.jp", NULL);
  g_autoptr(MdgSeminar) seminar = add_seminar (a, "個人情報保護の勉強会");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *conn;

  g_object_unref (register_person (a, mdg_seminar_get_id (seminar), gone));
  add_laptop (f);
  add_laptop (f);
  mdg_test_exec (a->db, "UPDATE registration SET survey = 'アンケート: erase-me の回答'");
  sync_everyone (f);
  g_assert_cmpint (id_of (laptop (f, 2), "person", mdg_person_get_uuid (gone)), >, 0);

  /* A conflict about the person holds their values too: it must go with them. */
  edit_person (laptop (f, 1), mdg_person_get_uuid (gone), MDG_PERSON_PHONE, "090-1111-0000");
  edit_person (laptop (f, 2), mdg_person_get_uuid (gone), MDG_PERSON_PHONE, "090-2222-0000");
  sync_ok (laptop (f, 1));
  sync_ok (laptop (f, 2));
  g_assert_cmpint (mdg_test_count (laptop (f, 2)->db, "SELECT count (*) FROM sync_conflict"), ==, 1);

  /* Each laptop's automatic backup of the day holds them. */
  backups = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < f->laptops->len; i++)
    {
      char *written = NULL;

      g_assert_true (mdg_database_backup_daily (laptop (f, i)->db, now, &written, &error));
      g_assert_no_error (error);
      g_assert_nonnull (written);
      g_assert_true (mdg_test_database_holds (written, "erase-me@example.jp"));
      g_ptr_array_add (backups, written);
    }

  g_assert_true (mdg_person_store_delete (a->db, id_of (a, "person", mdg_person_get_uuid (gone)), &error));
  g_assert_no_error (error);
  sync_everyone (f);
  assert_all_alike (f);

  for (guint i = 0; i < f->laptops->len; i++)
    {
      Laptop *l = laptop (f, i);
      g_autoptr(GPtrArray) hits = mdg_search (l->db, "削除", 10, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, ==, 0);
      g_assert_cmpint (id_of (l, "person", mdg_person_get_uuid (gone)), ==, 0);
      g_assert_cmpint (id_of (l, "person", mdg_person_get_uuid (stays)), >, 0);
      /* Their registration stays, anonymised, as where they were deleted. */
      g_assert_cmpint (mdg_test_count (l->db, "SELECT count (*) FROM registration WHERE person_id IS NULL AND survey IS NULL"), ==, 1);
      g_assert_cmpint (mdg_test_count (l->db, "SELECT count (*) FROM sync_conflict"), ==, 0);
      /* Not a byte of them in the file: free pages zeroed, search index rewritten, log emptied. */
      g_assert_false (mdg_test_database_holds (l->path, "erase-me@example.jp"));
      g_assert_false (mdg_test_database_holds (l->path, "希望子"));
      g_assert_false (mdg_test_database_holds (l->path, "090-9999-0000"));
      g_assert_false (mdg_test_database_holds (l->path, "erase-me の回答"));
      /* Nor in its backups, whether the delete was made here or a sync brought it. */
      g_assert_true (g_file_test (g_ptr_array_index (backups, i), G_FILE_TEST_EXISTS));
      g_assert_false (mdg_test_database_holds (g_ptr_array_index (backups, i), "erase-me@example.jp"));
      g_assert_false (mdg_test_database_holds (g_ptr_array_index (backups, i), "希望子"));
      g_assert_false (mdg_test_database_holds (g_ptr_array_index (backups, i), "erase-me の回答"));
      g_assert_cmpint (id_of (l, "person", mdg_person_get_uuid (stays)), >, 0);
    }

  /* Nor on the server: the record is a tombstone and its history holds no value. */
  conn = admin (f);
  g_assert_cmpint (mdg_test_pg_count (conn, "SELECT count (*) FROM madoguchi.record WHERE data::text LIKE '%erase-me%'"
                                            " OR data::text LIKE '%希望子%'"), ==, 0);
  g_assert_cmpint (mdg_test_pg_count (conn, "SELECT count (*) FROM madoguchi.change WHERE fields::text LIKE '%erase-me%'"
                                            " OR fields::text LIKE '%希望子%' OR fields::text LIKE '%090-%'"), ==, 0);
  g_assert_cmpint (mdg_test_pg_count (conn, "SELECT count (*) FROM madoguchi.record WHERE kind = 'person' AND deleted"), ==, 1);
  PQfinish (conn);
}

typedef struct
{
  MdgSyncPhase at;
  gboolean     killed;
} KillPlan;

static void
kill_at_cb (MdgSyncPhase phase,
            gpointer     user_data)
{
  KillPlan *plan = user_data;

  if (phase == plan->at && !plan->killed)
    {
      mdg_test_pg_kill (pg);
      plan->killed = TRUE;
    }
}

static void
add_people (Laptop *l,
            guint   count,
            guint   offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_true (mdg_database_begin (l->db, &error));
  g_assert_cmpint (sqlite3_prepare_v2 (_mdg_database_get_handle (l->db),
                                       "INSERT INTO person (family_name, given_name, email, phone)"
                                       " VALUES ('一括', ?1 || '番', 'bulk' || ?1 || '@example.jp', printf ('03-0000-%04d', ?1))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < count; i++)
    {
      sqlite3_bind_int (stmt, 1, offset + i);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  g_assert_true (mdg_database_commit (l->db, &error));
}

static void
test_server_killed (Fixture       *f,
                    gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  Laptop *b = add_laptop (f);
  MdgSyncPhase phases[] = { MDG_SYNC_PHASE_PULLED, MDG_SYNC_PHASE_APPLIED };
  PGconn *conn;

  sync_ok (a);
  sync_ok (b);

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      Laptop *l = i == 0 ? a : b;
      KillPlan plan = { phases[i], FALSE };
      g_autoptr(GError) error = NULL;
      g_autofree char *line = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      add_people (l, 300, i * 1000);
      g_assert_cmpint (mdg_test_count (l->db, "SELECT count (*) FROM sync_outbox"), ==, 300);

      _mdg_sync_client_set_phase_func (l->client, kill_at_cb, &plan);
      g_assert_false (mdg_sync_client_sync (l->client, NULL, &error));
      _mdg_sync_client_set_phase_func (l->client, NULL, NULL);
      g_assert_true (plan.killed);
      g_assert_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_INTERRUPTED);

      /* Nothing typed is lost: the changes still wait, and the status line says so. */
      g_assert_cmpint (mdg_sync_client_get_state (l->client), ==, MDG_SYNC_STATE_OFFLINE);
      g_assert_cmpuint (mdg_sync_client_get_waiting (l->client), ==, 300);
      line = mdg_sync_client_describe (l->client, now);
      g_assert_cmpstr (line, ==, "Offline — 300 changes waiting");
      g_assert_cmpint (mdg_test_count (l->db, "SELECT count (*) FROM sync_outbox"), ==, 300);

      mdg_test_pg_restart (pg);
      sync_ok (l);
      g_assert_cmpuint (mdg_sync_client_get_waiting (l->client), ==, 0);
    }

  sync_ok (a);
  sync_ok (b);
  assert_all_alike (f);
  g_assert_cmpint (mdg_test_count (a->db, "SELECT count (*) FROM person"), ==, 600);

  /* Nothing doubled on the server either: one record and one change each. */
  conn = admin (f);
  g_assert_cmpint (mdg_test_pg_count (conn, "SELECT count (*) FROM madoguchi.record WHERE kind = 'person'"), ==, 600);
  g_assert_cmpint (mdg_test_pg_count (conn, "SELECT count (*) FROM madoguchi.change WHERE kind = 'person'"), ==, 600);
  PQfinish (conn);
}

static void
test_commit_lost_locally (Fixture       *f,
                          gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  Laptop *b = add_laptop (f);
  g_autofree char *backup = g_build_filename (f->dir, "before-sync.db", NULL);
  g_autoptr(GError) error = NULL;
  gint64 changes;
  PGconn *conn;

  g_object_unref (add_person (a, "再送", "一", NULL, "03-1234-5678"));
  /* The server commits, then the laptop loses its commit (a crash in between): the
   * laptop is as before the sync, and syncs again. */
  g_assert_true (mdg_database_backup (a->db, backup, &error));
  g_assert_no_error (error);
  sync_ok (a);
  conn = admin (f);
  changes = mdg_test_pg_count (conn, "SELECT count (*) FROM madoguchi.change");

  g_assert_true (mdg_database_restore (a->db, backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_count (a->db, "SELECT count (*) FROM sync_outbox WHERE tbl = 'person'"), ==, 1);
  sync_ok (a);
  g_assert_cmpint (mdg_test_pg_count (conn, "SELECT count (*) FROM madoguchi.change"), ==, changes);
  g_assert_cmpint (mdg_test_pg_count (conn, "SELECT count (*) FROM madoguchi.record WHERE kind = 'person'"), ==, 1);
  PQfinish (conn);

  sync_ok (b);
  assert_all_alike (f);
  g_assert_cmpint (mdg_test_count (b->db, "SELECT count (*) FROM person"), ==, 1);
}

static void
test_catch_up (Fixture       *f,
               gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  Laptop *b = add_laptop (f);
  MdgSyncReport report;

  sync_ok (a);
  sync_ok (b);

  /* A stays offline while B makes 10 000 changes over two syncs. */
  add_people (b, 5000, 0);
  sync_ok (b);
  mdg_test_exec (b->db, "UPDATE person SET title = '代表取締役' WHERE family_name = '一括'");
  g_assert_cmpint (mdg_test_count (b->db, "SELECT count (*) FROM sync_outbox"), ==, 5000);
  sync_ok (b);

  sync_ok (a);
  _mdg_sync_client_get_report (a->client, &report);
  g_assert_cmpuint (report.pulled, ==, 5000);
  assert_all_alike (f);
  g_assert_cmpint (mdg_test_count (a->db, "SELECT count (*) FROM person WHERE title = '代表取締役'"), ==, 5000);
}

static void
test_same_registration_twice (Fixture       *f,
                              gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  Laptop *b = add_laptop (f);
  g_autoptr(MdgPerson) yamada = add_person (a, "山田", "太郎", "yamada@example.jp", NULL);
  g_autoptr(MdgSeminar) seminar = add_seminar (a, "受付の練習");
  g_autoptr(MdgAttendee) at_a = NULL;
  g_autoptr(MdgAttendee) at_b = NULL;
  g_autoptr(MdgPerson) on_b = NULL;
  g_autoptr(GError) error = NULL;

  sync_ok (a);
  sync_ok (b);

  /* Both laptops register the same person for the same seminar, offline; A checks them in. */
  at_a = register_person (a, mdg_seminar_get_id (seminar), yamada);
  g_assert_true (mdg_registration_store_check_in (a->db, at_a, TRUE, &error));
  on_b = mdg_person_store_load (b->db, id_of (b, "person", mdg_person_get_uuid (yamada)), &error);
  g_assert_no_error (error);
  at_b = register_person (b, id_of (b, "seminar", mdg_seminar_get_uuid (seminar)), on_b);

  sync_ok (a);
  sync_ok (b);
  sync_ok (a);
  sync_ok (b);
  assert_all_alike (f);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (mdg_test_count (laptop (f, i)->db, "SELECT count (*) FROM registration"), ==, 1);
      g_assert_cmpint (mdg_test_count (laptop (f, i)->db, "SELECT count (*) FROM registration WHERE checked_in_at IS NOT NULL"), ==, 1);
    }
}

static void
test_number_given_twice (Fixture       *f,
                         gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  Laptop *b = add_laptop (f);
  g_autoptr(MdgSeminar) seminar = add_seminar (a, "当日受付のある勉強会");
  g_autoptr(MdgPerson) walk_in_a = NULL;
  g_autoptr(MdgPerson) walk_in_b = NULL;
  g_autoptr(MdgAttendee) at_a = NULL;
  g_autoptr(MdgAttendee) at_b = NULL;
  g_autoptr(GError) error = NULL;
  guint duplicates = 0;

  sync_ok (a);
  sync_ok (b);

  /* Walk-ins at two doors, offline: each laptop numbers its own M0001. */
  walk_in_a = add_person (a, "当日", "一", NULL, NULL);
  walk_in_b = add_person (b, "飛込", "二", NULL, NULL);
  at_a = register_person (a, mdg_seminar_get_id (seminar), walk_in_a);
  at_b = register_person (b, id_of (b, "seminar", mdg_seminar_get_uuid (seminar)), walk_in_b);
  g_assert_cmpstr (mdg_attendee_get_number (at_a), ==, "M0001");
  g_assert_cmpstr (mdg_attendee_get_number (at_b), ==, "M0001");

  sync_ok (a);
  sync_ok (b);
  sync_ok (a);
  assert_all_alike (f);
  g_assert_cmpint (mdg_test_count (a->db, "SELECT count (*) FROM registration"), ==, 2);
  g_assert_cmpint (mdg_test_count (a->db, "SELECT count (DISTINCT number) FROM registration"), ==, 2);
  g_assert_cmpint (mdg_test_count (a->db, "SELECT count (*) FROM registration WHERE number = 'M0001'"), ==, 1);
  g_assert_cmpint (mdg_test_count (a->db, "SELECT count (*) FROM registration WHERE number LIKE 'M0001-%'"), ==, 1);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GPtrArray) list = mdg_sync_conflict_list (laptop (f, i)->db, FALSE, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < list->len; j++)
        {
          MdgSyncConflict *conflict = g_ptr_array_index (list, j);
          g_autofree char *sentence = mdg_sync_conflict_describe (conflict);

          g_assert_true (conflict->duplicate);
          g_assert_true (g_str_has_prefix (sentence, "The registration number “M0001” of the registration of "));
          duplicates++;
        }
    }
  g_assert_cmpuint (duplicates, >=, 1);
}

static void
test_nothing_to_do (Fixture       *f,
                    gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  Laptop *b = add_laptop (f);

  g_object_unref (add_person (b, "往復", "一回", NULL, NULL));
  sync_ok (a);
  sync_ok (b);
  sync_ok (a);

  /* Connected already: "anything after N?" and the answer "no". */
  sync_ok (a);
  g_assert_cmpuint (mdg_sync_client_get_round_trips (a->client), ==, 1);
  sync_ok (b);
  g_assert_cmpuint (mdg_sync_client_get_round_trips (b->client), ==, 1);
}

static void
test_shared_in_one_line (Fixture       *f,
                         gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  Laptop *b = add_laptop (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *colour = NULL;

  g_object_unref (add_person (a, "山田", "太郎", NULL, NULL));
  sync_ok (a);
  sync_ok (b);

  /* What another helper's migration does: a new table, shared in one line. */
  for (guint i = 0; i < 2; i++)
    {
      sqlite3 *handle = _mdg_database_get_handle (laptop (f, i)->db);

      mdg_test_exec (laptop (f, i)->db,
                     "CREATE TABLE visit_note (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE"
                     " DEFAULT (lower (hex (randomblob (16)))), created_at TEXT, updated_at TEXT,"
                     " person_id INTEGER REFERENCES person (id) ON DELETE SET NULL, body TEXT NOT NULL)");
      g_assert_true (_mdg_sync_share (handle, "visit_note", NULL, &error));
      g_assert_no_error (error);
    }
  mdg_test_exec (a->db, "INSERT INTO visit_note (person_id, body) SELECT id, '訪問しました' FROM person");
  sync_ok (a);
  sync_ok (b);
  body = text_of (b, "SELECT n.body || ' ' || p.family_name FROM visit_note AS n JOIN person AS p ON p.id = n.person_id");
  g_assert_cmpstr (body, ==, "訪問しました 山田");

  /* A column added later is shared too, once the migration is over. */
  for (guint i = 0; i < 2; i++)
    {
      mdg_test_exec (laptop (f, i)->db, "ALTER TABLE visit_note ADD COLUMN colour TEXT");
      g_assert_true (_mdg_sync_rebuild_triggers (_mdg_database_get_handle (laptop (f, i)->db), &error));
      g_assert_no_error (error);
    }
  mdg_test_exec (b->db, "UPDATE visit_note SET colour = '緑'");
  sync_ok (b);
  sync_ok (a);
  colour = text_of (a, "SELECT colour FROM visit_note");
  g_assert_cmpstr (colour, ==, "緑");
  assert_all_alike (f);
}

static void
test_tls (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(MdgSyncSettings) settings = mdg_sync_settings_new (MDG_TEST_PG_HOSTNAME, mdg_test_pg_get_port (pg),
                                                               f->dbname, users[0]);
  g_autoptr(MdgSyncSettings) wrong = NULL;
  g_autoptr(GError) error = NULL;
  Laptop *secure;
  Laptop *suspicious;

  /* The name is the certificate's; the address is this machine's, where the server
   * accepts TCP only with TLS (pg_hba "hostssl"). */
  g_setenv ("PGHOSTADDR", "127.0.0.1", TRUE);
  g_assert_false (mdg_sync_settings_is_local (settings));
  settings->ca_file = g_strdup (mdg_test_pg_get_ca_file (pg));
  secure = add_laptop_with (f, settings, passwords[0]);
  g_object_unref (add_person (secure, "暗号", "通信", NULL, NULL));
  sync_ok (secure);

  /* A certificate from an authority this laptop does not trust: nothing is sent. */
  wrong = mdg_sync_settings_copy (settings);
  g_free (wrong->ca_file);
  wrong->ca_file = g_strdup (mdg_test_pg_get_other_ca (pg));
  suspicious = add_laptop_with (f, wrong, passwords[0]);
  g_object_unref (add_person (suspicious, "偽物", "証明書", NULL, NULL));
  g_assert_false (mdg_sync_client_sync (suspicious->client, NULL, &error));
  g_assert_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_TLS);
  g_assert_cmpint (mdg_sync_client_get_state (suspicious->client), ==, MDG_SYNC_STATE_ERROR);
  g_unsetenv ("PGHOSTADDR");
}

typedef struct
{
  GPtrArray *states;
  gboolean   done;
  GError    *error;
} Watch;

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Watch *watch = user_data;

  mdg_sync_client_refresh_finish (MDG_SYNC_CLIENT (object), result, &watch->error);
  watch->done = TRUE;
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MdgSyncSettings) settings = team_settings (f, 0);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  Laptop *l;

  /* A server folder where no server listens: a laptop on the train. */
  g_free (settings->host);
  settings->host = g_build_filename (f->dir, "nowhere", NULL);
  l = add_laptop_with (f, settings, passwords[0]);
  g_object_unref (add_person (l, "移動", "中", NULL, NULL));
  g_object_unref (add_person (l, "移動", "中二", NULL, NULL));

  g_assert_false (mdg_sync_client_sync (l->client, NULL, &error));
  g_assert_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_UNREACHABLE);
  g_assert_cmpint (mdg_sync_client_get_state (l->client), ==, MDG_SYNC_STATE_OFFLINE);
  line = mdg_sync_client_describe (l->client, now);
  g_assert_cmpstr (line, ==, "Offline — 3 changes waiting");

  /* The window opened later says so too, before any sync of its own. */
  {
    g_autoptr(MdgSyncClient) later = mdg_sync_client_new (l->path);
    g_autofree char *again = NULL;
    Watch watch = { NULL, FALSE, NULL };

    mdg_sync_client_refresh_async (later, NULL, refreshed_cb, &watch);
    while (!watch.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_no_error (watch.error);
    g_assert_cmpint (mdg_sync_client_get_state (later), ==, MDG_SYNC_STATE_OFFLINE);
    again = mdg_sync_client_describe (later, now);
    g_assert_cmpstr (again, ==, "Offline — 3 changes waiting");
    g_assert_nonnull (strstr (mdg_sync_client_get_message (later), "cannot be reached"));
  }
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MdgSyncSettings) settings = team_settings (f, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  Laptop *l = add_laptop_with (f, settings, "not-the-password");

  g_assert_false (mdg_sync_client_sync (l->client, NULL, &error));
  g_assert_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_AUTH);
  g_assert_cmpint (mdg_sync_client_get_state (l->client), ==, MDG_SYNC_STATE_ERROR);
  line = mdg_sync_client_describe (l->client, now);
  g_assert_nonnull (strstr (line, "refused the user name or the password"));

  /* Set right, it syncs; the password lives only in the keyring. */
  g_assert_true (mdg_sync_password_store (settings, passwords[1], NULL, &error));
  sync_ok (l);
}

static gboolean
tree_holds (const char *path,
            const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return mdg_test_file_holds (path, needle);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (tree_holds (child, needle))
        return TRUE;
    }
  return FALSE;
}

static void
test_password_in_keyring (Fixture       *f,
                          gconstpointer  data)
{
  Laptop *l = add_laptop (f);
  g_autoptr(MdgSyncSettings) settings = team_settings (f, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *keyrings = g_build_filename (mdg_test_keyring_get_dir (), "keyrings", NULL);

  sync_ok (l);
  found = mdg_sync_password_lookup (settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, passwords[0]);

  /* The keyring's file exists and is encrypted; the laptop's files never hold it. */
  g_assert_true (g_file_test (keyrings, G_FILE_TEST_IS_DIR));
  g_assert_false (tree_holds (keyrings, passwords[0]));
  g_assert_false (tree_holds (f->dir, passwords[0]));
  g_assert_false (tree_holds (g_get_user_config_dir (), passwords[0]));
  g_assert_false (tree_holds (g_get_home_dir (), passwords[0]));
}

static void
state_changed_cb (MdgSyncClient *client,
                  GParamSpec    *pspec,
                  Watch         *watch)
{
  g_ptr_array_add (watch->states, GINT_TO_POINTER (mdg_sync_client_get_state (client)));
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Watch *watch = user_data;

  mdg_sync_client_sync_finish (MDG_SYNC_CLIENT (object), result, &watch->error);
  watch->done = TRUE;
}

static void
test_status_async (Fixture       *f,
                   gconstpointer  data)
{
  Laptop *l = add_laptop (f);
  Watch watch = { g_ptr_array_new (), FALSE, NULL };
  Watch second = { g_ptr_array_new (), FALSE, NULL };
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *line = NULL;

  g_object_unref (add_person (l, "状態", "表示", NULL, NULL));
  g_signal_connect (l->client, "notify::state", G_CALLBACK (state_changed_cb), &watch);

  /* Sync now, twice in a row: the second asks while the first runs, and shares it. */
  mdg_sync_client_sync_async (l->client, NULL, synced_cb, &watch);
  mdg_sync_client_sync_async (l->client, NULL, synced_cb, &second);
  g_assert_cmpint (mdg_sync_client_get_state (l->client), ==, MDG_SYNC_STATE_SYNCING);
  while (!watch.done || !second.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (watch.error);
  g_assert_no_error (second.error);

  g_assert_cmpuint (watch.states->len, ==, 2);
  g_assert_cmpint (GPOINTER_TO_INT (watch.states->pdata[0]), ==, MDG_SYNC_STATE_SYNCING);
  g_assert_cmpint (GPOINTER_TO_INT (watch.states->pdata[1]), ==, MDG_SYNC_STATE_IDLE);
  g_assert_cmpuint (mdg_sync_client_get_waiting (l->client), ==, 0);
  g_assert_nonnull (mdg_sync_client_get_last_synced (l->client));

  now = g_date_time_add_minutes (mdg_sync_client_get_last_synced (l->client), 2);
  line = mdg_sync_client_describe (l->client, now);
  g_assert_cmpstr (line, ==, "Synced 2 minutes ago");
  g_signal_handlers_disconnect_by_data (l->client, &watch);
  g_ptr_array_unref (watch.states);
  g_ptr_array_unref (second.states);
}

static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  Laptop *bare = add_laptop_with (f, NULL, NULL);
  Laptop *l = add_laptop (f);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  Watch watch = { NULL, FALSE, NULL };

  /* A laptop without a team server works exactly as before: no change log. */
  g_object_unref (add_person (bare, "単独", "作業", NULL, NULL));
  g_assert_cmpint (mdg_test_count (bare->db, "SELECT count (*) FROM sync_outbox"), ==, 0);
  g_assert_false (mdg_sync_client_sync (bare->client, NULL, &error));
  g_assert_error (error, MDG_SYNC_ERROR, MDG_SYNC_ERROR_NOT_SET_UP);
  line = mdg_sync_client_describe (bare->client, now);
  g_assert_cmpstr (line, ==, "No team server: this laptop works on its own");

  g_object_unref (add_person (l, "更新", "確認", NULL, NULL));
  mdg_sync_client_refresh_async (l->client, NULL, refreshed_cb, &watch);
  while (!watch.done)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&line, g_free);
  line = mdg_sync_client_describe (l->client, now);
  g_assert_cmpstr (line, ==, "Not synced yet");
  g_assert_no_error (watch.error);
  g_assert_cmpuint (mdg_sync_client_get_waiting (l->client), ==, 2);

  /* Preferences sets up the laptop that worked alone: what it holds goes with the first sync. */
  {
    g_autoptr(MdgSyncSettings) settings = team_settings (f, 0);
    g_autoptr(MdgSyncSettings) incomplete = mdg_sync_settings_new ("", 0, f->dbname, users[0]);
    Watch setup = { NULL, FALSE, NULL };
    Watch refused = { NULL, FALSE, NULL };

    mdg_sync_client_setup_async (bare->client, incomplete, passwords[0], NULL, refreshed_cb, &refused);
    while (!refused.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (refused.error, MDG_ERROR, MDG_ERROR_INVALID);
    g_clear_error (&refused.error);
    g_assert_cmpint (mdg_sync_client_get_state (bare->client), ==, MDG_SYNC_STATE_NOT_SET_UP);

    mdg_sync_client_setup_async (bare->client, settings, passwords[0], NULL, refreshed_cb, &setup);
    while (!setup.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_no_error (setup.error);
    g_assert_cmpint (mdg_sync_client_get_state (bare->client), ==, MDG_SYNC_STATE_IDLE);
    g_assert_cmpuint (mdg_sync_client_get_waiting (bare->client), ==, 2);
    sync_ok (bare);
    sync_ok (l);
    g_assert_cmpint (mdg_test_count (l->db, "SELECT count (*) FROM person WHERE family_name = '単独'"), ==, 1);
  }
}

/* A one-page PDF with its cross-reference table, as any PDF writer makes it. */
static GBytes *
make_pdf (const char *title)
{
  g_autoptr(GString) pdf = g_string_new ("%PDF-1.4\n");
  g_autofree char *info = g_strdup_printf ("<< /Title (%s) >>", title);
  const char *objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] >>",
    info,
  };
  gsize offsets[G_N_ELEMENTS (objects)];
  gsize xref;

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", (guint) G_N_ELEMENTS (objects) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R /Info 4 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          (guint) G_N_ELEMENTS (objects) + 1, xref);
  return g_string_free_to_bytes (g_steal_pointer (&pdf));
}

typedef struct
{
  char    *path;
  GError  *error;
  gboolean done;
} Fetch;

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->path = mdg_sync_client_fetch_file_finish (MDG_SYNC_CLIENT (object), result, &fetch->error);
  fetch->done = TRUE;
}

static void
test_deck_files (Fixture       *f,
                 gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  Laptop *b = add_laptop (f);
  g_autoptr(GBytes) pdf = make_pdf ("Madoguchi test deck");
  g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_autofree char *folder = g_path_get_dirname (a->path);
  g_autofree char *name = g_strconcat (hash, ".pdf", NULL);
  g_autofree char *on_a = g_build_filename (folder, "decks", name, NULL);
  g_autofree char *insert = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GError) error = NULL;
  Fetch fetch = { NULL, NULL, FALSE };
  gsize length;
  GStatBuf st;
  PGconn *conn;

  /* Laptop A adds a deck revision; its PDF lives by its hash in the data folder. */
  {
    g_autofree char *decks = g_build_filename (folder, "decks", NULL);
    g_assert_cmpint (g_mkdir_with_parents (decks, 0700), ==, 0);
  }
  g_file_set_contents (on_a, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  mdg_test_exec (a->db, "INSERT INTO deck (title) VALUES ('中小企業の情報セキュリティ入門')");
  insert = g_strdup_printf ("INSERT INTO deck_revision (deck_id, number, sha256, page_count, change_note)"
                            " SELECT id, 1, '%s', 1, '初版' FROM deck", hash);
  mdg_test_exec (a->db, insert);
  sync_ok (a);

  conn = admin (f);
  g_assert_cmpint (mdg_test_pg_count (conn, "SELECT count (*) FROM madoguchi.blob"), ==, 1);
  PQfinish (conn);

  /* Laptop B gets the revision; the file comes the first time B opens the deck. */
  sync_ok (b);
  g_assert_cmpint (mdg_test_count (b->db, "SELECT count (*) FROM deck_revision AS r JOIN deck AS d ON d.id = r.deck_id"), ==, 1);
  mdg_sync_client_fetch_file_async (b->client, "deck_revision", hash, NULL, fetched_cb, &fetch);
  while (!fetch.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (fetch.error);
  g_assert_true (g_str_has_prefix (fetch.path, f->dir));
  g_assert_true (g_file_get_contents (fetch.path, &copy, &length, NULL));
  g_assert_cmpmem (copy, length, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  g_assert_cmpint (g_stat (fetch.path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_free (fetch.path);

  /* A hash no laptop sent, and a "hash" that would walk out of the folder. */
  g_assert_null (mdg_sync_client_fetch_file (b->client, "deck_revision",
                                             "0000000000000000000000000000000000000000000000000000000000000000",
                                             NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mdg_sync_client_fetch_file (b->client, "deck_revision", "../../etc/passwd", NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
}

static void
test_bad_record (Fixture       *f,
                 gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  PGconn *conn;
  PGresult *result;

  sync_ok (a);

  /* Records this laptop's schema refuses (written by hand, or by a newer Madoguchi):
   * each is left out with a warning, and the sync goes on with the rest. */
  conn = admin (f);
  result = PQexec (conn,
                   "INSERT INTO madoguchi.record (kind, uuid, data, clock, seq, device) VALUES"
                   " ('person', '11111111-1111-4111-8111-111111111111', '{\"family_name\": \"\"}',"
                   "  '{\"family_name\": [1, \"x\"]}', nextval ('madoguchi.seq'), 'x'),"
                   " ('person', '22222222-2222-4222-8222-222222222222', '[1, 2]', '{}', nextval ('madoguchi.seq'), 'x'),"
                   " ('person', '33333333-3333-4333-8333-333333333333', '{\"family_name\": \"正常\"}',"
                   "  '{\"family_name\": [1, \"x\"]}', nextval ('madoguchi.seq'), 'x')");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  PQfinish (conn);

  g_test_expect_message ("mdg-sync-engine", G_LOG_LEVEL_WARNING, "Skipping person 11111111-*");
  g_test_expect_message ("mdg-sync-engine", G_LOG_LEVEL_WARNING, "Skipping a damaged record*22222222-*");
  sync_ok (a);
  g_test_assert_expected_messages ();
  g_assert_cmpint (id_of (a, "person", "33333333-3333-4333-8333-333333333333"), >, 0);
  g_assert_cmpint (id_of (a, "person", "11111111-1111-4111-8111-111111111111"), ==, 0);
  sync_ok (a);
}

static void
test_interval (Fixture       *f,
               gconstpointer  data)
{
  Laptop *a = add_laptop (f);
  Laptop *b = add_laptop (f);
  g_autoptr(MdgPerson) person = add_person (a, "定期", "同期", NULL, NULL);
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  sync_ok (a);

  /* B syncs on its own, every second, while it lives: A's person arrives without a word. */
  mdg_sync_client_set_interval (b->client, 1);
  while (id_of (b, "person", mdg_person_get_uuid (person)) == 0 ||
         mdg_sync_client_get_state (b->client) != MDG_SYNC_STATE_IDLE)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  mdg_sync_client_set_interval (b->client, 0);
  g_assert_nonnull (mdg_sync_client_get_last_synced (b->client));
}

/* --- madoguchi-cli sync -------------------------------------------------------------- */

static void
cli (MdgTestCli  *r,
     const char  *database,
     const char  *input,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  r->status = mdg_test_run_cli_argv (database, (const char **) args->pdata, input, NULL, NULL, &r->out, &r->err);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *a = g_build_filename (f->dir, "cli-a.db", NULL);
  g_autofree char *b = g_build_filename (f->dir, "cli-b.db", NULL);
  g_autofree char *port = g_strdup_printf ("%u", mdg_test_pg_get_port (pg));
  g_autofree char *input = g_strdup_printf ("%s\n", passwords[0]);
  const char *host = mdg_test_pg_get_socket_dir (pg);
  g_autoptr(JsonNode) status = NULL;
  g_autoptr(JsonNode) conflicts = NULL;
  g_autofree char *id = NULL;
  JsonObject *object;

  {
    g_auto(MdgTestCli) r = { 0 };
    cli (&r, a, NULL, "sync", "status", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "No team server"));
  }
  {
    g_auto(MdgTestCli) r = { 0 };
    cli (&r, a, NULL, "sync", "now", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "No team server is set up"));
  }
  {
    g_auto(MdgTestCli) r = { 0 };
    cli (&r, a, NULL, "sync", "setup", "--host", host, NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  for (guint i = 0; i < 2; i++)
    {
      g_auto(MdgTestCli) r = { 0 };
      cli (&r, i ? b : a, input, "sync", "setup", "--host", host, "--port", port, "--dbname", f->dbname,
           "--user", users[0], NULL);
      g_assert_cmpstr (r.err, ==, "");
      g_assert_cmpint (r.status, ==, 0);
    }
  {
    g_autoptr(MdgDatabase) db_a = mdg_database_open (a, NULL);
    g_autoptr(MdgDatabase) db_b = mdg_database_open (b, NULL);
    Laptop la = { a, db_a, NULL };
    Laptop lb = { b, db_b, NULL };
    g_autoptr(MdgPerson) person = add_person (&la, "窓口", "花子", NULL, "03-0000-0001");
    g_auto(MdgTestCli) r1 = { 0 };
    g_auto(MdgTestCli) r2 = { 0 };
    g_auto(MdgTestCli) r3 = { 0 };
    g_auto(MdgTestCli) r4 = { 0 };

    cli (&r1, a, NULL, "sync", "now", NULL);
    g_assert_cmpstr (r1.err, ==, "");
    g_assert_cmpint (r1.status, ==, 0);
    cli (&r2, b, NULL, "sync", "now", NULL);
    g_assert_cmpint (r2.status, ==, 0);
    edit_person (&la, mdg_person_get_uuid (person), MDG_PERSON_PHONE, "03-0000-0002");
    edit_person (&lb, mdg_person_get_uuid (person), MDG_PERSON_PHONE, "03-0000-0003");
    cli (&r3, a, NULL, "sync", "now", NULL);
    g_assert_cmpint (r3.status, ==, 0);
    cli (&r4, b, NULL, "sync", "now", NULL);
    g_assert_cmpint (r4.status, ==, 0);
    g_assert_nonnull (strstr (r4.out, "1 conflict"));
  }

  {
    g_auto(MdgTestCli) r = { 0 };
    cli (&r, b, NULL, "sync", "status", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    status = parse_json (r.out);
    object = json_node_get_object (status);
    g_assert_cmpint (json_object_get_int_member (object, "waiting"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (object, "conflicts"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "idle");
    g_assert_nonnull (json_object_get_string_member (object, "last_sync"));
  }
  {
    g_auto(MdgTestCli) r = { 0 };
    cli (&r, b, NULL, "sync", "conflicts", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    conflicts = parse_json (r.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (conflicts)), ==, 1);
    object = json_array_get_object_element (json_node_get_array (conflicts), 0);
    g_assert_cmpstr (json_object_get_string_member (object, "record"), ==, "窓口 花子");
    g_assert_cmpstr (json_object_get_string_member (object, "field"), ==, "phone number");
    g_assert_cmpstr (json_object_get_string_member (object, "mine"), ==, "03-0000-0003");
    g_assert_cmpstr (json_object_get_string_member (object, "theirs"), ==, "03-0000-0002");
    id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object, "id"));
  }
  {
    g_auto(MdgTestCli) r = { 0 };
    cli (&r, b, NULL, "sync", "conflicts", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "The phone number of 窓口 花子 was changed to different values on two laptops"));
  }
  {
    g_auto(MdgTestCli) r = { 0 };
    cli (&r, b, NULL, "sync", "resolve", id, "--keep", "sideways", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(MdgTestCli) r = { 0 };
    cli (&r, b, NULL, "sync", "resolve", id, "--keep", "theirs", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(MdgTestCli) r1 = { 0 };
    g_auto(MdgTestCli) r2 = { 0 };
    g_autoptr(MdgDatabase) db_a = NULL;
    g_autoptr(MdgDatabase) db_b = NULL;

    cli (&r1, b, NULL, "sync", "now", NULL);
    g_assert_cmpint (r1.status, ==, 0);
    cli (&r2, a, NULL, "sync", "now", NULL);
    g_assert_cmpint (r2.status, ==, 0);
    db_a = mdg_database_open (a, NULL);
    db_b = mdg_database_open (b, NULL);
    g_assert_cmpint (mdg_test_count (db_a, "SELECT count (*) FROM person WHERE phone = '03-0000-0002'"), ==, 1);
    g_assert_cmpint (mdg_test_count (db_b, "SELECT count (*) FROM person WHERE phone = '03-0000-0002'"), ==, 1);
  }

  /* A failing sync exits 1 and says why. */
  {
    g_auto(MdgTestCli) r1 = { 0 };
    g_auto(MdgTestCli) r2 = { 0 };
    cli (&r1, a, "wrong-password\n", "sync", "setup", "--host", host, "--port", port, "--dbname", f->dbname,
         "--user", users[1], NULL);
    g_assert_cmpint (r1.status, ==, 0);
    cli (&r2, a, NULL, "sync", "now", NULL);
    g_assert_cmpint (r2.status, ==, 1);
    g_assert_nonnull (strstr (r2.err, "refused the user name or the password"));
  }
  {
    g_auto(MdgTestCli) r = { 0 };
    g_autoptr(JsonNode) failed = NULL;

    cli (&r, a, NULL, "sync", "status", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    failed = parse_json (r.out);
    object = json_node_get_object (failed);
    g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "error");
    g_assert_nonnull (strstr (json_object_get_string_member (object, "problem"), "refused the user name"));
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  mdg_test_init (&argc, &argv);
  mdg_test_keyring_start ();
  pg = mdg_test_pg_start ();
  for (guint i = 0; i < 2; i++)
    users[i] = mdg_test_pg_create_user (pg, passwords[i]);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync/two-laptops", test_two_laptops);
  ADD ("/sync/five-laptops", test_five_laptops);
  ADD ("/sync/conflict/same-field", test_conflict_same_field);
  ADD ("/sync/conflict/words", test_conflict_words);
  ADD ("/sync/conflict/different-fields", test_different_fields);
  ADD ("/sync/delete-person", test_delete_person);
  ADD ("/sync/server-killed", test_server_killed);
  ADD ("/sync/commit-lost-locally", test_commit_lost_locally);
  ADD ("/sync/catch-up", test_catch_up);
  ADD ("/sync/same-registration-twice", test_same_registration_twice);
  ADD ("/sync/number-given-twice", test_number_given_twice);
  ADD ("/sync/nothing-to-do", test_nothing_to_do);
  ADD ("/sync/deck-files", test_deck_files);
  ADD ("/sync/shared-in-one-line", test_shared_in_one_line);
  ADD ("/sync/tls", test_tls);
  ADD ("/sync/offline", test_offline);
  ADD ("/sync/wrong-password", test_wrong_password);
  ADD ("/sync/password-in-keyring", test_password_in_keyring);
  ADD ("/sync/status-async", test_status_async);
  ADD ("/sync/interval", test_interval);
  ADD ("/sync/bad-record", test_bad_record);
  ADD ("/sync/refresh", test_refresh);
  ADD ("/sync/cli", test_cli);
#undef ADD

  status = mdg_test_run ();

  mdg_test_pg_stop (pg);
  for (guint i = 0; i < 2; i++)
    g_free (users[i]);
  mdg_test_keyring_stop ();
  return status;
}
