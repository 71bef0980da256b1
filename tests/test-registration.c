/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include "mdg-error.h"
#include "mdg-organization-store.h"
#include "mdg-person-store.h"
#include "mdg-registration-store.h"
#include "mdg-seminar-store.h"
#include "mdg-test-util.h"

typedef struct
{
  char        *dir;
  MdgDatabase *db;
  gint64       seminar_id;
} Fixture;

static MdgPerson *
make_person (const char *family,
             const char *given,
             const char *family_kana,
             const char *given_kana,
             const char *organization,
             const char *email)
{
  MdgPerson *person = mdg_person_new ();

  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, family);
  mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, given);
  mdg_person_set_text (person, MDG_PERSON_FAMILY_KANA, family_kana);
  mdg_person_set_text (person, MDG_PERSON_GIVEN_KANA, given_kana);
  mdg_person_set_text (person, MDG_PERSON_ORGANIZATION, organization);
  mdg_person_set_text (person, MDG_PERSON_EMAIL, email);
  return person;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 30);
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GError) error = NULL;

  f->db = mdg_test_open_tmp_db (&f->dir);
  g_object_set (seminar, "title", "定員2名の勉強会", "starts-at", starts, "ends-at", ends, "capacity", 2, NULL);
  g_assert_true (mdg_seminar_store_save (f->db, seminar, &error));
  f->seminar_id = mdg_seminar_get_id (seminar);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  mdg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static MdgAttendee *
register_new (Fixture    *f,
              const char *family,
              const char *given,
              const char *family_kana,
              const char *given_kana,
              const char *organization,
              const char *email)
{
  g_autoptr(MdgPerson) person = make_person (family, given, family_kana, given_kana, organization, email);
  g_autoptr(GError) error = NULL;
  MdgAttendee *attendee = mdg_registration_store_register (f->db, f->seminar_id, person,
                                                           MDG_REGISTRATION_SOURCE_MANUAL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (attendee);
  return attendee;
}

static void
test_waitlist_promotion (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgAttendee) a = register_new (f, "青木", "健一", "あおき", "けんいち", "多摩精密工業", "a@example.jp");
  g_autoptr(MdgAttendee) b = register_new (f, "伊藤", "花子", "いとう", "はなこ", NULL, "b@example.jp");
  g_autoptr(MdgAttendee) c = register_new (f, "加藤", "誠", "かとう", "まこと", NULL, "c@example.jp");
  g_autoptr(MdgAttendee) d = register_new (f, "佐藤", "恵", "さとう", "めぐみ", NULL, "d@example.jp");
  g_autoptr(MdgAttendee) promoted = NULL;
  g_autoptr(GError) error = NULL;
  MdgRegistrationCounts counts;

  /* Capacity 2: the third and fourth wait, in order. */
  g_assert_cmpint (mdg_attendee_get_status (a), ==, MDG_REGISTRATION_STATUS_REGISTERED);
  g_assert_cmpint (mdg_attendee_get_status (b), ==, MDG_REGISTRATION_STATUS_REGISTERED);
  g_assert_cmpint (mdg_attendee_get_status (c), ==, MDG_REGISTRATION_STATUS_WAITLISTED);
  g_assert_cmpint (mdg_attendee_get_status (d), ==, MDG_REGISTRATION_STATUS_WAITLISTED);
  g_assert_cmpstr (mdg_attendee_get_number (a), ==, "M0001");
  g_assert_cmpstr (mdg_attendee_get_number (d), ==, "M0004");

  /* A cancellation promotes the first waitlisted, and says who. */
  g_assert_true (mdg_registration_store_cancel (f->db, b, &promoted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mdg_attendee_get_status (b), ==, MDG_REGISTRATION_STATUS_CANCELLED);
  g_assert_nonnull (promoted);
  g_assert_cmpint (mdg_attendee_get_id (promoted), ==, mdg_attendee_get_id (c));
  g_assert_cmpint (mdg_attendee_get_status (promoted), ==, MDG_REGISTRATION_STATUS_REGISTERED);

  g_assert_true (mdg_registration_store_counts (f->db, f->seminar_id, &counts, &error));
  g_assert_cmpuint (counts.registered, ==, 2);
  g_assert_cmpuint (counts.waitlisted, ==, 1);
  g_assert_cmpuint (counts.cancelled, ==, 1);

  /* Cancelling a waitlisted registration promotes nobody. */
  g_clear_object (&promoted);
  g_assert_true (mdg_registration_store_cancel (f->db, d, &promoted, &error));
  g_assert_null (promoted);

  /* Registering again after cancelling goes to the back of the queue (the seminar is full). */
  {
    g_autoptr(MdgPerson) again = mdg_person_store_load (f->db, mdg_person_get_id (mdg_attendee_get_person (b)), &error);
    g_autoptr(MdgAttendee) back = mdg_registration_store_register (f->db, f->seminar_id, again,
                                                                   MDG_REGISTRATION_SOURCE_MANUAL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (mdg_attendee_get_id (back), ==, mdg_attendee_get_id (b));
    g_assert_cmpint (mdg_attendee_get_status (back), ==, MDG_REGISTRATION_STATUS_WAITLISTED);
  }

  /* Registering twice is refused with the person's name. */
  {
    g_autoptr(MdgPerson) twice = mdg_person_store_load (f->db, mdg_person_get_id (mdg_attendee_get_person (a)), &error);
    g_autoptr(MdgAttendee) none = mdg_registration_store_register (f->db, f->seminar_id, twice,
                                                                   MDG_REGISTRATION_SOURCE_MANUAL, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, MDG_ERROR, MDG_ERROR_EXISTS);
    g_assert_nonnull (strstr (error->message, "青木 健一"));
  }
}

static void
test_duplicates (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgAttendee) a = register_new (f, "髙橋", "恵", "たかはし", "めぐみ", "立川精密工業", "Megumi@Tachikawa.example.jp");
  g_autoptr(MdgPerson) same_email = make_person ("高橋", "めぐみ", NULL, NULL, NULL, "megumi@tachikawa.example.jp");
  g_autoptr(MdgPerson) same_name_org = make_person ("髙橋", "恵", NULL, NULL, "立川精密工業", NULL);
  g_autoptr(MdgPerson) other_org = make_person ("髙橋", "恵", NULL, NULL, "青梅運輸", NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = mdg_person_store_find_duplicates (f->db, same_email, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = mdg_person_store_find_duplicates (f->db, same_name_org, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (mdg_person_get_id (g_ptr_array_index (found, 0)), ==, mdg_person_get_id (mdg_attendee_get_person (a)));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = mdg_person_store_find_duplicates (f->db, other_org, &error);
  g_assert_cmpuint (found->len, ==, 0);

  /* The organization was created once, and is found by name the next time. */
  g_assert_true (mdg_person_store_save (f->db, same_name_org, &error));
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM organization WHERE name = '立川精密工業'"), ==, 1);
}

static void
test_check_in_queries (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgAttendee) a = register_new (f, "髙橋", "恵", "タカハシ", "メグミ", "立川精密工業", "megumi@example.jp");
  g_autoptr(MdgAttendee) b = register_new (f, "高田", "誠", "たかだ", "まこと", "青梅運輸", "makoto@example.jp");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  const struct { const char *query; guint expected; } cases[] = {
    { "髙橋", 1 }, { "たかはし", 1 }, { "タカハシ", 1 }, { "ﾀｶﾊｼ", 1 }, { "たか", 2 },
    { "髙橋恵", 1 }, { "たかはし めぐみ", 1 }, { "立川", 1 }, { "運輸", 1 }, { "makoto@", 1 },
    { "M0002", 1 }, { "m000", 2 }, { "M000", 2 }, { "存在しない", 0 }, { "", 0 },
  };

  all = mdg_registration_store_list (f->db, f->seminar_id, &error);
  g_assert_cmpuint (all->len, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) found = mdg_registration_store_find (all, cases[i].query);

      if (found->len != cases[i].expected)
        g_error ("“%s” found %u, not %u", cases[i].query, found->len, cases[i].expected);
    }

  /* Check in, and undo a mistaken check-in. */
  g_assert_true (mdg_registration_store_check_in (f->db, a, TRUE, &error));
  g_assert_true (mdg_attendee_get_checked_in (a));
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM registration WHERE checked_in_at IS NOT NULL"), ==, 1);
  g_assert_true (mdg_registration_store_check_in (f->db, a, FALSE, &error));
  g_assert_false (mdg_attendee_get_checked_in (a));
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM registration WHERE checked_in_at IS NOT NULL"), ==, 0);

  /* The cancelled cannot check in, and are not found at the desk. */
  g_assert_true (mdg_registration_store_cancel (f->db, b, NULL, &error));
  g_assert_false (mdg_registration_store_check_in (f->db, b, TRUE, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  {
    g_autoptr(GPtrArray) reloaded = mdg_registration_store_list (f->db, f->seminar_id, &error);
    g_autoptr(GPtrArray) found = mdg_registration_store_find (reloaded, "たか");
    g_assert_cmpuint (found->len, ==, 1);
  }
}

static void
test_kana_order (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "青木", "服部", "馬場", "渡辺" };

  g_object_unref (register_new (f, "渡辺", "太郎", "わたなべ", "たろう", NULL, NULL));
  g_object_unref (register_new (f, "服部", "花子", "ハットリ", "ハナコ", NULL, NULL));
  g_object_unref (register_new (f, "馬場", "誠", "ﾊﾞﾊﾞ", "ﾏｺﾄ", NULL, NULL));
  g_object_unref (register_new (f, "青木", "恵", "あおき", "めぐみ", NULL, NULL));

  all = mdg_registration_store_list (f->db, f->seminar_id, &error);
  g_assert_cmpuint (all->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (mdg_person_get_text (mdg_attendee_get_person (g_ptr_array_index (all, i)), MDG_PERSON_FAMILY_NAME),
                     ==, expected[i]);
}

static void
test_merge (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgAttendee) a = register_new (f, "髙橋", "恵", "たかはし", "めぐみ", "立川精密工業", NULL);
  g_autoptr(MdgAttendee) b = register_new (f, "髙橋", "恵", NULL, NULL, NULL, "megumi@example.jp");
  g_autoptr(MdgPerson) kept = NULL;
  g_autoptr(GError) error = NULL;
  gint64 keep = mdg_person_get_id (mdg_attendee_get_person (a));
  gint64 removed = mdg_person_get_id (mdg_attendee_get_person (b));

  g_assert_true (mdg_person_store_merge (f->db, keep, removed, &error));
  g_assert_no_error (error);
  kept = mdg_person_store_load (f->db, keep, &error);
  /* Blanks are filled from the duplicate; nothing the kept person had is overwritten. */
  g_assert_cmpstr (mdg_person_get_text (kept, MDG_PERSON_EMAIL), ==, "megumi@example.jp");
  g_assert_cmpstr (mdg_person_get_text (kept, MDG_PERSON_FAMILY_KANA), ==, "たかはし");
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person"), ==, 1);
  /* Both were registered for the same seminar: one registration remains. */
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM registration"), ==, 1);
  g_assert_false (mdg_person_store_merge (f->db, keep, keep, &error));
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static void
test_delete_everywhere (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgAttendee) gone = register_new (f, "消去対象", "太郎", "しょうきょたいしょう", "たろう", "削除テスト株式会社",
                                               "erase.me@delete-test.example.jp");
  g_autoptr(MdgAttendee) stays = register_new (f, "残留", "花子", "ざんりゅう", "はなこ", NULL, "stays@example.jp");
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) record = NULL;
  gint64 id = mdg_person_get_id (mdg_attendee_get_person (gone));
  const char *path = mdg_database_get_path (f->db);

  /* Make the name travel: searched, updated, checked in. */
  mdg_test_exec (f->db, "UPDATE person SET title = '代表取締役' WHERE family_name = '消去対象'");
  g_assert_true (mdg_registration_store_check_in (f->db, gone, TRUE, &error));
  g_assert_true (mdg_database_checkpoint (f->db, &error));
  g_assert_true (file_contains (path, "erase.me@delete-test.example.jp"));
  g_assert_true (file_contains (path, "消去対象"));

  /* What the desk hands over on request first. */
  record = mdg_person_store_collect (f->db, id, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GVariant) person = g_variant_lookup_value (record, "person", G_VARIANT_TYPE_VARDICT);
    g_autoptr(GVariant) registrations = g_variant_lookup_value (record, "registrations", NULL);
    const char *email = NULL;

    g_assert_true (g_variant_lookup (person, "email", "&s", &email));
    g_assert_cmpstr (email, ==, "erase.me@delete-test.example.jp");
    g_assert_cmpuint (g_variant_n_children (registrations), ==, 1);
  }

  g_assert_true (mdg_person_store_delete (f->db, id, &error));
  g_assert_no_error (error);

  /* No table, index or free page holds the name or the e-mail any more. */
  g_assert_false (file_contains (path, "erase.me@delete-test.example.jp"));
  g_assert_false (file_contains (path, "消去対象"));
  g_assert_false (file_contains (path, "しょうきょたいしょう"));
  g_assert_true (file_contains (path, "stays@example.jp"));

  /* The registration stays, anonymised; figures still add up. */
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM registration WHERE person_id IS NULL"), ==, 1);
  {
    g_autoptr(GPtrArray) hits = mdg_registration_store_list (f->db, f->seminar_id, &error);
    g_assert_cmpuint (hits->len, ==, 1);
  }
  g_assert_false (mdg_person_store_delete (f->db, id, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);
  (void) stays;
}

static void
test_person_list (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgAttendee) a = register_new (f, "渡辺", "太郎", "わたなべ", "たろう", "八王子印刷", "w@example.jp");
  g_autoptr(MdgAttendee) b = register_new (f, "青木", "恵", "アオキ", "メグミ", "八王子電機", "a@example.jp");
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GError) error = NULL;

  everyone = mdg_person_store_list (f->db, NULL, 100, &error);
  g_assert_cmpuint (everyone->len, ==, 2);
  g_assert_cmpstr (mdg_person_get_text (g_ptr_array_index (everyone, 0), MDG_PERSON_FAMILY_NAME), ==, "青木");

  found = mdg_person_store_list (f->db, "あおき", 100, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = mdg_person_store_list (f->db, "渡", 100, &error);
  g_assert_cmpuint (found->len, ==, 1);

  seminars = mdg_person_store_list_seminars (f->db, mdg_person_get_id (mdg_attendee_get_person (a)), &error);
  g_assert_cmpuint (seminars->len, ==, 1);
  g_assert_cmpstr (((MdgPersonSeminar *) g_ptr_array_index (seminars, 0))->title, ==, "定員2名の勉強会");
  (void) b;
}

static void
test_organizations (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgAttendee) a = register_new (f, "渡辺", "太郎", "わたなべ", "たろう", "八王子印刷", NULL);
  g_autoptr(MdgAttendee) b = register_new (f, "青木", "恵", "あおき", "めぐみ", "八王子印刷", NULL);
  g_autoptr(MdgAttendee) c = register_new (f, "伊藤", "誠", "いとう", "まこと", "青梅運輸", NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgOrganization) printer = NULL;

  all = mdg_organization_store_list (f->db, NULL, 100, &error);
  g_assert_cmpuint (all->len, ==, 2);

  /* Give the printer its reading and details; it is then found by reading in any script. */
  found = mdg_organization_store_list (f->db, "八王子", 100, &error);
  g_assert_cmpuint (found->len, ==, 1);
  printer = g_object_ref (g_ptr_array_index (found, 0));
  mdg_organization_set_text (printer, MDG_ORGANIZATION_KANA, "はちおうじいんさつ");
  mdg_organization_set_text (printer, MDG_ORGANIZATION_MUNICIPALITY, "東京都八王子市");
  mdg_organization_set_employees (printer, 42);
  g_assert_true (mdg_organization_store_save (f->db, printer, &error));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = mdg_organization_store_list (f->db, "ハチオウジ", 100, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (mdg_organization_get_employees (g_ptr_array_index (found, 0)), ==, 42);

  people = mdg_organization_store_list_people (f->db, mdg_organization_get_id (printer), &error);
  g_assert_cmpuint (people->len, ==, 2);
  g_assert_cmpstr (mdg_person_get_text (g_ptr_array_index (people, 0), MDG_PERSON_FAMILY_NAME), ==, "青木");

  mdg_organization_set_text (printer, MDG_ORGANIZATION_NAME, NULL);
  g_assert_false (mdg_organization_store_save (f->db, printer, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  (void) a; (void) b; (void) c;
}

static void
test_consent_kept (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgPerson) person = make_person ("同意", "太郎", NULL, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;

  mdg_person_set_consent (person, TRUE);
  mdg_person_set_text (person, MDG_PERSON_CONSENT_PURPOSE, "セミナー運営のため");
  g_assert_true (mdg_person_store_save (f->db, person, &error));
  g_assert_nonnull (mdg_person_get_consent_at (person));
  first = g_strdup (mdg_person_get_consent_at (person));

  /* An edit keeps the time consent was given; withdrawing clears it. */
  mdg_person_set_text (person, MDG_PERSON_PHONE, "042-000-0000");
  g_assert_true (mdg_person_store_save (f->db, person, &error));
  g_assert_cmpstr (mdg_person_get_consent_at (person), ==, first);
  mdg_person_set_consent (person, FALSE);
  g_assert_true (mdg_person_store_save (f->db, person, &error));
  g_assert_null (mdg_person_get_consent_at (person));

  /* An address that is no address is refused. */
  mdg_person_set_text (person, MDG_PERSON_EMAIL, "not an address");
  g_assert_false (mdg_person_store_save (f->db, person, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/registration/waitlist", test_waitlist_promotion);
  ADD ("/registration/duplicates", test_duplicates);
  ADD ("/registration/check-in", test_check_in_queries);
  ADD ("/registration/kana-order", test_kana_order);
  ADD ("/person/merge", test_merge);
  ADD ("/person/delete-everywhere", test_delete_everywhere);
  ADD ("/person/list", test_person_list);
  ADD ("/person/consent", test_consent_kept);
  ADD ("/organization/list-edit", test_organizations);
#undef ADD

  return g_test_run ();
}
