/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-date.h"
#include "mdg-error.h"
#include "mdg-seminar-store.h"
#include "mdg-test-util.h"

static MdgSeminar *
new_seminar (const char *title,
             GDateTime  *starts,
             int         minutes)
{
  g_autoptr(GDateTime) ends = g_date_time_add_minutes (starts, minutes);
  MdgSeminar *seminar = mdg_seminar_new ();

  g_object_set (seminar, "title", title, "starts-at", starts, "ends-at", ends, NULL);
  return seminar;
}

static void
test_seminar_round_trip (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(MdgSeminar) seminar = new_seminar ("  BEC対策セミナー  ", starts, 150);
  g_autoptr(MdgSeminar) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (seminar, "venue", "立川商工会議所 3階", "capacity", 40, "co-organizer", "多摩信用金庫",
                "description", "最新の手口と対策\n個別相談あり", "status", MDG_SEMINAR_STATUS_OPEN, NULL);
  g_assert_true (mdg_seminar_store_save (db, seminar, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mdg_seminar_get_id (seminar), >, 0);
  g_assert_cmpuint (strlen (mdg_seminar_get_uuid (seminar)), ==, 36);

  loaded = mdg_seminar_store_load (db, mdg_seminar_get_id (seminar), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mdg_seminar_get_title (loaded), ==, "BEC対策セミナー");
  g_assert_cmpstr (mdg_seminar_get_venue (loaded), ==, "立川商工会議所 3階");
  g_assert_cmpstr (mdg_seminar_get_co_organizer (loaded), ==, "多摩信用金庫");
  g_assert_cmpstr (mdg_seminar_get_description (loaded), ==, "最新の手口と対策\n個別相談あり");
  g_assert_cmpuint (mdg_seminar_get_capacity (loaded), ==, 40);
  g_assert_cmpint (mdg_seminar_get_status (loaded), ==, MDG_SEMINAR_STATUS_OPEN);
  g_assert_true (g_date_time_equal (mdg_seminar_get_starts_at (loaded), starts));
  g_assert_cmpstr (mdg_seminar_get_uuid (loaded), ==, mdg_seminar_get_uuid (seminar));

  /* Update in place. */
  mdg_seminar_set_venue (loaded, NULL);
  mdg_seminar_set_online_url (loaded, "https://meet.example.jp/bec");
  g_assert_true (mdg_seminar_store_save (db, loaded, &error));
  g_clear_object (&seminar);
  seminar = mdg_seminar_store_load (db, mdg_seminar_get_id (loaded), &error);
  g_assert_null (mdg_seminar_get_venue (seminar));
  g_assert_cmpstr (mdg_seminar_get_online_url (seminar), ==, "https://meet.example.jp/bec");
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar"), ==, 1);

  mdg_test_rm_rf (dir);
}

static void
test_seminar_validation (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgSeminar) blank = new_seminar ("   ", starts, 60);
  g_autoptr(MdgSeminar) backwards = new_seminar ("逆順", starts, -30);
  g_autoptr(MdgSeminar) bad_url = new_seminar ("URL", starts, 60);

  g_assert_false (mdg_seminar_store_save (db, blank, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mdg_seminar_store_save (db, backwards, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);
  mdg_seminar_set_online_url (bad_url, "javascript:alert(1)");
  g_assert_false (mdg_seminar_store_save (db, bad_url, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);

  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar"), ==, 0);
  mdg_test_rm_rf (dir);
}

static void
test_seminar_list_order (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(GDateTime) now = mdg_test_local (2026, 11, 26, 12, 0);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autoptr(GError) error = NULL;
  const struct { const char *title; int days; } plan[] = {
    { "past-far", -30 }, { "next-far", 20 }, { "past-near", -2 }, { "next-near", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (plan); i++)
    {
      g_autoptr(GDateTime) starts = g_date_time_add_days (now, plan[i].days);
      g_autoptr(MdgSeminar) seminar = new_seminar (plan[i].title, starts, 120);

      g_assert_true (mdg_seminar_store_save (db, seminar, &error));
    }

  /* Upcoming soonest first, then past ones most recent first. */
  list = mdg_seminar_store_list (db, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpstr (mdg_seminar_get_title (g_ptr_array_index (list, 0)), ==, "next-near");
  g_assert_cmpstr (mdg_seminar_get_title (g_ptr_array_index (list, 1)), ==, "next-far");
  g_assert_cmpstr (mdg_seminar_get_title (g_ptr_array_index (list, 2)), ==, "past-near");
  g_assert_cmpstr (mdg_seminar_get_title (g_ptr_array_index (list, 3)), ==, "past-far");
  g_assert_false (mdg_seminar_is_past (g_ptr_array_index (list, 1), now));
  g_assert_true (mdg_seminar_is_past (g_ptr_array_index (list, 2), now));

  upcoming = mdg_seminar_store_list_upcoming (db, now, &error);
  g_assert_cmpuint (upcoming->len, ==, 2);

  mdg_test_rm_rf (dir);
}

static void
test_seminar_status_workflow (void)
{
  MdgSeminarStatus status = MDG_SEMINAR_STATUS_PLANNED;
  const char *expected[] = { "planned", "open", "closed", "held", "reported" };
  guint steps = 0;

  g_assert_cmpstr (mdg_seminar_status_to_string (status), ==, expected[0]);
  while (mdg_seminar_status_get_next (status, &status))
    {
      steps++;
      g_assert_cmpstr (mdg_seminar_status_to_string (status), ==, expected[steps]);
      g_assert_nonnull (mdg_seminar_status_get_advance_label (status));
    }
  g_assert_cmpuint (steps, ==, 4);
  g_assert_cmpint (status, ==, MDG_SEMINAR_STATUS_REPORTED);
  g_assert_false (mdg_seminar_status_from_string ("cancelled", &status));
}

static void
test_program_schedule_and_order (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(MdgSeminar) seminar = new_seminar ("プログラム", starts, 120);
  g_autoptr(GPtrArray) program = NULL;
  g_autoptr(GError) error = NULL;
  const struct { MdgProgramKind kind; guint minutes; const char *title; } plan[] = {
    { MDG_PROGRAM_KIND_PRESENTATION, 60, "最近の攻撃" },
    { MDG_PROGRAM_KIND_BREAK, 10, NULL },
    { MDG_PROGRAM_KIND_QA, 20, NULL },
    { MDG_PROGRAM_KIND_CONSULTATION, 30, NULL },
  };
  gint64 seminar_id;

  g_assert_true (mdg_seminar_store_save (db, seminar, &error));
  seminar_id = mdg_seminar_get_id (seminar);
  for (guint i = 0; i < G_N_ELEMENTS (plan); i++)
    {
      g_autoptr(MdgProgramItem) item = mdg_program_item_new (plan[i].kind, plan[i].minutes);

      mdg_program_item_set_title (item, plan[i].title);
      if (i == 0)
        {
          mdg_program_item_set_presenter (item, "佐藤 誠");
          mdg_program_item_set_deck_title (item, "最近のサイバー攻撃 2026");
        }
      g_assert_true (mdg_program_store_save (db, seminar_id, item, &error));
      g_assert_no_error (error);
    }

  program = mdg_program_store_list (db, seminar_id, &error);
  g_assert_cmpuint (program->len, ==, 4);
  /* 60 + 10 + 20 + 30 = 120 minutes: exactly fits. */
  g_assert_cmpint (mdg_program_schedule (program, starts, mdg_seminar_get_ends_at (seminar)), ==, 0);
  {
    g_autofree char *t2 = mdg_time_format (mdg_program_item_get_starts_at (g_ptr_array_index (program, 2)));
    g_assert_cmpstr (t2, ==, "15:10");
  }
  g_assert_cmpstr (mdg_program_item_get_presenter (g_ptr_array_index (program, 0)), ==, "佐藤 誠");

  /* Lengthen the break: the program now runs 5 minutes over. */
  mdg_program_item_set_minutes (g_ptr_array_index (program, 1), 15);
  g_assert_true (mdg_program_store_save (db, seminar_id, g_ptr_array_index (program, 1), &error));
  g_clear_pointer (&program, g_ptr_array_unref);
  program = mdg_program_store_list (db, seminar_id, &error);
  g_assert_cmpint (mdg_program_schedule (program, starts, mdg_seminar_get_ends_at (seminar)), ==, 5);

  /* Move Q&A before the break. */
  g_assert_true (mdg_program_store_move (db, g_ptr_array_index (program, 2), -1, &error));
  g_clear_pointer (&program, g_ptr_array_unref);
  program = mdg_program_store_list (db, seminar_id, &error);
  g_assert_cmpint (mdg_program_item_get_kind (g_ptr_array_index (program, 1)), ==, MDG_PROGRAM_KIND_QA);
  g_assert_cmpint (mdg_program_item_get_kind (g_ptr_array_index (program, 2)), ==, MDG_PROGRAM_KIND_BREAK);
  /* Moving the first item up does nothing. */
  g_assert_true (mdg_program_store_move (db, g_ptr_array_index (program, 0), -1, &error));

  /* Deleting the break; deleting the seminar takes the program with it. */
  g_assert_true (mdg_program_store_delete (db, g_ptr_array_index (program, 2), &error));
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM program_item"), ==, 3);
  g_assert_true (mdg_seminar_store_delete (db, seminar_id, &error));
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM program_item"), ==, 0);
  g_assert_false (mdg_seminar_store_delete (db, seminar_id, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);

  mdg_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/seminar/round-trip", test_seminar_round_trip);
  g_test_add_func ("/seminar/validation", test_seminar_validation);
  g_test_add_func ("/seminar/list-order", test_seminar_list_order);
  g_test_add_func ("/seminar/status-workflow", test_seminar_status_workflow);
  g_test_add_func ("/seminar/program", test_program_schedule_and_order);

  return g_test_run ();
}
