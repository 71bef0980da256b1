/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-error.h"
#include "mdg-person-store.h"
#include "mdg-registration-store.h"
#include "mdg-seminar-store.h"
#include "mdg-store-async.h"
#include "mdg-test-util.h"

/*
 * The window's writes run in workers on their own connections; what they change
 * reaches the window's objects only when _finish runs, on the main thread.
 */

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static MdgPerson *
person (const char *family,
        const char *kana)
{
  MdgPerson *p = mdg_person_new ();

  mdg_person_set_text (p, MDG_PERSON_FAMILY_NAME, family);
  mdg_person_set_text (p, MDG_PERSON_FAMILY_KANA, kana);
  return p;
}

static void
test_store_async_seminar_day (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(MdgSeminar) draft = mdg_seminar_new ();
  g_autoptr(MdgSeminar) saved = NULL;
  g_autoptr(MdgAttendee) first = NULL;
  g_autoptr(MdgAttendee) second = NULL;
  g_autoptr(MdgAttendee) promoted = NULL;
  g_autoptr(MdgPerson) a = person ("後藤", "ｺﾞﾄｳ");
  g_autoptr(MdgPerson) b = person ("高野", "たかの");
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 30);
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  /* A saved copy comes back; the draft is left as it was. */
  g_object_set (draft, "title", "ﾃｽﾄ", "starts-at", starts, "ends-at", ends, "capacity", 1, NULL);
  mdg_seminar_store_save_async (db, draft, NULL, got_result, &result);
  saved = mdg_seminar_store_save_finish (db, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_seminar_get_id (saved), >, 0);
  g_assert_cmpstr (mdg_seminar_get_title (saved), ==, "テスト");
  g_assert_cmpint (mdg_seminar_get_id (draft), ==, 0);

  mdg_registration_store_register_async (db, mdg_seminar_get_id (saved), a, MDG_REGISTRATION_SOURCE_MANUAL, NULL,
                                         got_result, &result);
  first = mdg_registration_store_register_finish (db, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_attendee_get_status (first), ==, MDG_REGISTRATION_STATUS_REGISTERED);
  g_assert_cmpstr (mdg_person_get_text (mdg_attendee_get_person (first), MDG_PERSON_FAMILY_KANA), ==, "ゴトウ");

  mdg_registration_store_register_async (db, mdg_seminar_get_id (saved), b, MDG_REGISTRATION_SOURCE_MANUAL, NULL,
                                         got_result, &result);
  second = mdg_registration_store_register_finish (db, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_cmpint (mdg_attendee_get_status (second), ==, MDG_REGISTRATION_STATUS_WAITLISTED);

  /* Checked in: the caller's attendee takes the time only in _finish. */
  mdg_registration_store_check_in_async (db, first, TRUE, NULL, got_result, &result);
  g_assert_false (mdg_attendee_get_checked_in (first));
  g_assert_true (mdg_registration_store_check_in_finish (db, wait_for (&result), &error));
  g_clear_object (&result);
  g_assert_true (mdg_attendee_get_checked_in (first));
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM registration WHERE checked_in_at IS NOT NULL"), ==, 1);

  /* The waitlisted cannot check in, and say why. */
  mdg_registration_store_check_in_async (db, second, TRUE, NULL, got_result, &result);
  g_assert_false (mdg_registration_store_check_in_finish (db, wait_for (&result), &error));
  g_clear_object (&result);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);

  /* Cancelling frees the place: the waitlist moves up. */
  mdg_registration_store_cancel_async (db, first, NULL, got_result, &result);
  g_assert_true (mdg_registration_store_cancel_finish (db, wait_for (&result), &promoted, &error));
  g_clear_object (&result);
  g_assert_cmpint (mdg_attendee_get_status (first), ==, MDG_REGISTRATION_STATUS_CANCELLED);
  g_assert_false (mdg_attendee_get_checked_in (first));
  g_assert_nonnull (promoted);
  g_assert_cmpint (mdg_attendee_get_id (promoted), ==, mdg_attendee_get_id (second));

  /* Deleted with its registrations. */
  mdg_seminar_store_delete_async (db, mdg_seminar_get_id (saved), NULL, got_result, &result);
  g_assert_true (mdg_seminar_store_delete_finish (db, wait_for (&result), &error));
  g_clear_object (&result);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM registration"), ==, 0);

  /* A person deleted everywhere. */
  mdg_person_store_delete_async (db, mdg_person_get_id (mdg_attendee_get_person (second)), NULL, got_result, &result);
  g_assert_true (mdg_person_store_delete_finish (db, wait_for (&result), &error));
  g_clear_object (&result);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM person WHERE family_name = '高野'"), ==, 0);

  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

static void
test_store_async_cancelled (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MdgPerson) p = person ("取消", NULL);
  g_autoptr(MdgPerson) saved = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  /* Cancelled before it ran: nothing written, and the caller is told. */
  g_cancellable_cancel (cancellable);
  mdg_person_store_save_async (db, p, cancellable, got_result, &result);
  saved = mdg_person_store_save_finish (db, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_null (saved);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM person"), ==, 0);

  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/store-async/seminar-day", test_store_async_seminar_day);
  g_test_add_func ("/store-async/cancelled", test_store_async_cancelled);

  return mdg_test_run ();
}
