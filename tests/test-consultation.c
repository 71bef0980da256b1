/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include "config.h"

#include <signal.h>
#include <string.h>

#include "mdg-calendar.h"
#include "mdg-category.h"
#include "mdg-consultation-model.h"
#include "mdg-consultation-store.h"
#include "mdg-database-private.h"
#include "mdg-draft-store.h"
#include "mdg-error.h"
#include "mdg-follow-up.h"
#include "mdg-person-store.h"
#include "mdg-registration-store.h"
#include "mdg-report.h"
#include "mdg-seminar-store.h"
#include "mdg-slot-store.h"
#include "mdg-staff-store.h"
#include "mdg-test-util.h"

typedef struct
{
  char        *dir;
  MdgDatabase *db;
  gint64       desk;        /* first-line */
  gint64       ransom;      /* second-line: ransomware, guidebook chapter 4 */
  gint64       mail;        /* second-line: BEC, targeted mail */
  gint64       boss;        /* coordinator */
} Fixture;

static gint64
category_id (Fixture    *f,
             const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgCategory) category = mdg_category_store_find (f->db, key, &error);

  g_assert_no_error (error);
  return category->id;
}

static gint64
add_staff (Fixture      *f,
           const char   *name,
           const char   *kana,
           MdgStaffRole  role,
           const char   *areas)
{
  g_autoptr(MdgStaff) staff = mdg_staff_new (name, role);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_category_unref);
  g_auto(GStrv) keys = g_strsplit (areas ? areas : "", ",", -1);

  mdg_staff_set_kana (staff, kana);
  for (guint i = 0; keys[i] && *keys[i]; i++)
    {
      MdgCategory *category = mdg_category_store_find (f->db, keys[i], &error);

      g_assert_no_error (error);
      g_ptr_array_add (list, category);
    }
  mdg_staff_set_areas (staff, list);
  g_assert_true (mdg_staff_store_save (f->db, staff, &error));
  g_assert_no_error (error);
  return mdg_staff_get_id (staff);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = mdg_test_open_tmp_db (&f->dir);
  f->desk = add_staff (f, "窓口 一郎", "まどぐち いちろう", MDG_STAFF_ROLE_FIRST_LINE, NULL);
  f->ransom = add_staff (f, "佐藤 花子", "さとう はなこ", MDG_STAFF_ROLE_SECOND_LINE, "T-RANSOM,M4");
  f->mail = add_staff (f, "鈴木 次郎", "すずき じろう", MDG_STAFF_ROLE_SECOND_LINE, "T-BEC,T-APT");
  f->boss = add_staff (f, "青木 恵", "あおき めぐみ", MDG_STAFF_ROLE_COORDINATOR, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  mdg_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* A consultation received at @received (local "YYYY-MM-DDTHH:MM"), saved by the desk. */
static MdgConsultation *
add_consultation (Fixture    *f,
                  MdgChannel  channel,
                  const char *received,
                  const char *subject,
                  const char *question,
                  const char *categories)
{
  g_autoptr(MdgConsultation) consultation = mdg_consultation_new (channel);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *full = g_strconcat (received, ":00", NULL);
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (full, local);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = g_strsplit (categories ? categories : "", ",", -1);
  g_autoptr(GArray) ids = mdg_category_store_resolve_keys (f->db, (const char * const *) keys, &error);

  g_assert_no_error (error);
  g_assert_nonnull (at);
  mdg_consultation_set_received_at (consultation, at);
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_SUBJECT, subject);
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_QUESTION, question);
  mdg_consultation_set_category_ids (consultation, ids);
  g_assert_true (mdg_consultation_store_add (f->db, f->desk, consultation, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&consultation);
}

/* A row's whole content, to prove a refused change changed nothing. */
static char *
snapshot (Fixture *f,
          gint64   id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (_mdg_database_get_handle (f->db),
                                       "SELECT *, (SELECT count(*) FROM consultation_event WHERE consultation_id = c.id)"
                                       " FROM consultation AS c WHERE id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c) ? (const char *) sqlite3_column_text (stmt, c) : "∅");
  return g_string_free (out, FALSE);
}

static void
test_staff (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = mdg_staff_store_list (f->db, FALSE, &error);
  g_autoptr(MdgStaff) found = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *areas = NULL;
  gint64 id;

  /* Kana order: あおき, さとう, すずき, まどぐち. */
  g_assert_cmpuint (staff->len, ==, 4);
  g_assert_cmpstr (mdg_staff_get_name (g_ptr_array_index (staff, 0)), ==, "青木 恵");
  g_assert_cmpstr (mdg_staff_get_name (g_ptr_array_index (staff, 3)), ==, "窓口 一郎");
  g_assert_cmpuint (mdg_staff_get_areas (g_ptr_array_index (staff, 1))->len, ==, 2);

  /* Found by name whatever the spaces, or by number. */
  found = mdg_staff_store_find (f->db, "佐藤花子", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_staff_get_id (found), ==, f->ransom);
  areas = mdg_staff_dup_areas_text (found);
  g_assert_nonnull (strstr (areas, "Ransomware"));
  g_clear_object (&found);
  found = mdg_staff_store_find (f->db, "さとう　はなこ", &error);
  g_assert_cmpint (mdg_staff_get_id (found), ==, f->ransom);
  g_clear_object (&found);
  id = f->mail;
  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    found = mdg_staff_store_find (f->db, text, &error);
    g_assert_cmpint (mdg_staff_get_id (found), ==, f->mail);
    g_clear_object (&found);
  }
  g_assert_null (mdg_staff_store_find (f->db, "山田", &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  add_staff (f, "佐藤 花子", NULL, MDG_STAFF_ROLE_FIRST_LINE, NULL);
  g_assert_null (mdg_staff_store_find (f->db, "佐藤 花子", &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);

  /* A ransomware case (guidebook 4-5, in chapter M4) goes to the ransomware specialist first. */
  {
    gint64 a = category_id (f, "T-RANSOM"), b = category_id (f, "M4-05");
    g_array_append_val (ids, a);
    g_array_append_val (ids, b);
  }
  suggestions = mdg_staff_store_suggest (f->db, ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, ==, 2);
  g_assert_cmpint (mdg_staff_get_id (((MdgStaffSuggestion *) suggestions->pdata[0])->staff), ==, f->ransom);
  g_assert_cmpuint (((MdgStaffSuggestion *) suggestions->pdata[0])->matching_areas, ==, 2);
  g_assert_cmpuint (((MdgStaffSuggestion *) suggestions->pdata[1])->matching_areas, ==, 0);
  g_clear_pointer (&suggestions, g_ptr_array_unref);

  /* With no area matching, the one with fewer consultations waiting comes first. */
  {
    g_autoptr(MdgConsultation) c = add_consultation (f, MDG_CHANNEL_PHONE, "2026-11-02T10:00", "件名", NULL, NULL);

    g_assert_true (mdg_consultation_store_dispatch (f->db, f->desk, c, f->mail, NULL, &error));
    suggestions = mdg_staff_store_suggest (f->db, NULL, &error);
    g_assert_cmpint (mdg_staff_get_id (((MdgStaffSuggestion *) suggestions->pdata[0])->staff), ==, f->ransom);
    g_assert_cmpuint (((MdgStaffSuggestion *) suggestions->pdata[1])->open, ==, 1);
  }
}

/* Every action in every state, against the workflow as the issue states it. */
static void
test_state_machine (void)
{
  enum { N = 0, D, I, A, C, X };   /* X: refused */
  static const int expected[5][9] = {
    /*            created edited dispatched started answered closed reopened referred replied */
    /* new */   { X,      N,     D,         X,      A,       X,     X,       N,       N },
    /* disp. */ { X,      D,     D,         I,      X,       X,     X,       D,       D },
    /* in pr. */{ X,      I,     D,         X,      A,       X,     X,       I,       I },
    /* answ. */ { X,      A,     X,         X,      X,       C,     -1,      A,       A },
    /* closed */{ X,      X,     X,         X,      X,       X,     -1,      X,       C },
  };

  for (MdgConsultationState from = 0; from <= MDG_CONSULTATION_STATE_CLOSED; from++)
    for (MdgConsultationAction action = 0; action <= MDG_CONSULTATION_ACTION_REPLIED; action++)
      for (MdgTier tier = MDG_TIER_FIRST_LINE; tier <= MDG_TIER_SECOND_LINE; tier++)
        {
          g_autoptr(GError) error = NULL;
          MdgConsultationState to;
          int want = expected[from][action];
          gboolean ok = mdg_consultation_state_after (from, action, tier, &to, &error);

          if (want == -1)
            want = tier == MDG_TIER_SECOND_LINE ? I : N;
          if (want == X)
            {
              g_assert_false (ok);
              g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
              /* The message names the action and the state. */
              g_assert_nonnull (strstr (error->message, mdg_consultation_action_get_label (action)));
              g_assert_nonnull (strstr (error->message, mdg_consultation_state_get_label (from)));
            }
          else
            {
              g_assert_no_error (error);
              g_assert_true (ok);
              g_assert_cmpint (to, ==, want);
            }
        }
}

static void
assert_event (GPtrArray             *history,
              guint                  index,
              MdgConsultationAction  action,
              int                    from,
              MdgConsultationState   to,
              const char            *who)
{
  MdgConsultationEvent *event;

  g_assert_cmpuint (index, <, history->len);
  event = g_ptr_array_index (history, index);
  g_assert_cmpint (event->action, ==, action);
  g_assert_cmpint (event->from_state, ==, from);
  g_assert_cmpint (event->to_state, ==, to);
  g_assert_cmpstr (event->staff_name, ==, who);
  g_assert_nonnull (event->at);
}

static void
test_transitions (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgConsultation) c = add_consultation (f, MDG_CHANNEL_PHONE, "2026-11-02T10:00",
                                                   "ランサムウェアの感染疑い", "ファイルが開けない", "T-RANSOM");
  g_autoptr(MdgReferral) ipa = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = mdg_consultation_get_id (c);

  g_assert_cmpint (mdg_consultation_get_state (c), ==, MDG_CONSULTATION_STATE_NEW);

  /* Refused changes leave the row and its history exactly as they were. */
  before = snapshot (f, id);
  g_assert_false (mdg_consultation_store_close (f->db, f->desk, c, NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "answer it before closing"));
  g_clear_error (&error);
  g_assert_false (mdg_consultation_store_reopen (f->db, f->desk, c, NULL, &error));
  g_clear_error (&error);
  g_assert_false (mdg_consultation_store_start (f->db, f->ransom, c, NULL, &error));
  g_clear_error (&error);
  /* Nobody: every change records who. */
  g_assert_false (mdg_consultation_store_dispatch (f->db, 0, c, f->ransom, NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);
  /* Dispatch goes to a specialist, not to first-line staff or a coordinator. */
  g_assert_false (mdg_consultation_store_dispatch (f->db, f->desk, c, f->boss, NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "青木 恵"));
  g_clear_error (&error);
  g_assert_false (mdg_consultation_store_answer (f->db, f->desk, c, "  \n", NULL, &error));
  g_clear_error (&error);
  after = snapshot (f, id);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  /* new → dispatched → (taken up) → answered → closed → reopened → answered again */
  g_assert_true (mdg_consultation_store_dispatch (f->db, f->desk, c, f->ransom, "バックアップの有無を確認済み", &error));
  g_assert_no_error (error);
  g_assert_cmpint (mdg_consultation_get_state (c), ==, MDG_CONSULTATION_STATE_DISPATCHED);
  g_assert_cmpint (mdg_consultation_get_tier (c), ==, MDG_TIER_SECOND_LINE);
  g_assert_cmpstr (mdg_consultation_get_text (c, MDG_CONSULTATION_ASSIGNEE), ==, "佐藤 花子");

  /* Re-dispatching before it is taken up hands it to someone else. */
  g_assert_true (mdg_consultation_store_dispatch (f->db, f->desk, c, f->mail, NULL, &error));
  g_assert_true (mdg_consultation_store_dispatch (f->db, f->desk, c, f->ransom, NULL, &error));

  g_assert_true (mdg_consultation_store_answer (f->db, f->ransom, c, "ネットワークから切り離し、警察に相談してください。",
                                                NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mdg_consultation_get_state (c), ==, MDG_CONSULTATION_STATE_ANSWERED);
  g_assert_nonnull (mdg_consultation_get_answered_at (c));

  g_clear_pointer (&before, g_free);
  before = snapshot (f, id);
  g_assert_false (mdg_consultation_store_dispatch (f->db, f->desk, c, f->mail, NULL, &error));
  g_clear_error (&error);
  g_assert_false (mdg_consultation_store_answer (f->db, f->ransom, c, "二度目", NULL, &error));
  g_clear_error (&error);
  after = snapshot (f, id);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);

  ipa = mdg_referral_store_find (f->db, "R-IPA-ANSHIN", &error);
  g_assert_no_error (error);
  g_assert_true (mdg_consultation_store_refer (f->db, f->ransom, c, ipa->id, "IPAの窓口を案内", &error));
  g_assert_cmpint (mdg_consultation_get_referral_id (c), ==, ipa->id);

  g_assert_true (mdg_consultation_store_close (f->db, f->ransom, c, NULL, &error));
  g_assert_cmpint (mdg_consultation_get_state (c), ==, MDG_CONSULTATION_STATE_CLOSED);
  g_assert_nonnull (mdg_consultation_get_closed_at (c));

  /* A closed consultation cannot be edited or referred; only reopened. */
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = snapshot (f, id);
  mdg_consultation_set_text (c, MDG_CONSULTATION_SUBJECT, "書き換え");
  g_assert_false (mdg_consultation_store_save (f->db, f->desk, c, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mdg_consultation_store_refer (f->db, f->ransom, c, ipa->id, NULL, &error));
  g_clear_error (&error);
  after = snapshot (f, id);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (mdg_consultation_store_reopen (f->db, f->desk, c, "追加の質問", &error));
  /* A second-line consultation goes back to its specialist. */
  g_assert_cmpint (mdg_consultation_get_state (c), ==, MDG_CONSULTATION_STATE_IN_PROGRESS);
  g_assert_null (mdg_consultation_get_closed_at (c));
  g_assert_cmpstr (mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT), ==, "ランサムウェアの感染疑い");

  mdg_consultation_set_urgency (c, MDG_URGENCY_URGENT);
  mdg_consultation_set_sensitive (c, TRUE);
  g_assert_true (mdg_consultation_store_save (f->db, f->ransom, c, &error));
  g_assert_no_error (error);
  g_assert_true (mdg_consultation_get_sensitive (c));

  history = mdg_consultation_store_list_history (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 10);
  assert_event (history, 0, MDG_CONSULTATION_ACTION_CREATED, -1, MDG_CONSULTATION_STATE_NEW, "窓口 一郎");
  assert_event (history, 1, MDG_CONSULTATION_ACTION_DISPATCHED, MDG_CONSULTATION_STATE_NEW,
                MDG_CONSULTATION_STATE_DISPATCHED, "窓口 一郎");
  g_assert_cmpstr (((MdgConsultationEvent *) history->pdata[1])->note, ==, "バックアップの有無を確認済み");
  g_assert_cmpstr (((MdgConsultationEvent *) history->pdata[1])->assignee_name, ==, "佐藤 花子");
  g_assert_cmpstr (((MdgConsultationEvent *) history->pdata[2])->assignee_name, ==, "鈴木 次郎");
  assert_event (history, 4, MDG_CONSULTATION_ACTION_STARTED, MDG_CONSULTATION_STATE_DISPATCHED,
                MDG_CONSULTATION_STATE_IN_PROGRESS, "佐藤 花子");
  assert_event (history, 5, MDG_CONSULTATION_ACTION_ANSWERED, MDG_CONSULTATION_STATE_IN_PROGRESS,
                MDG_CONSULTATION_STATE_ANSWERED, "佐藤 花子");
  assert_event (history, 6, MDG_CONSULTATION_ACTION_REFERRED, MDG_CONSULTATION_STATE_ANSWERED,
                MDG_CONSULTATION_STATE_ANSWERED, "佐藤 花子");
  g_assert_nonnull (((MdgConsultationEvent *) history->pdata[6])->referral_name);
  {
    g_autofree char *line = mdg_consultation_event_describe (history->pdata[6]);
    g_assert_true (g_str_has_prefix (line, "Referred to IPA"));
  }
  assert_event (history, 7, MDG_CONSULTATION_ACTION_CLOSED, MDG_CONSULTATION_STATE_ANSWERED,
                MDG_CONSULTATION_STATE_CLOSED, "佐藤 花子");
  assert_event (history, 8, MDG_CONSULTATION_ACTION_REOPENED, MDG_CONSULTATION_STATE_CLOSED,
                MDG_CONSULTATION_STATE_IN_PROGRESS, "窓口 一郎");
  g_assert_cmpstr (((MdgConsultationEvent *) history->pdata[8])->note, ==, "追加の質問");
  assert_event (history, 9, MDG_CONSULTATION_ACTION_EDITED, MDG_CONSULTATION_STATE_IN_PROGRESS,
                MDG_CONSULTATION_STATE_IN_PROGRESS, "佐藤 花子");
  g_assert_nonnull (strstr (((MdgConsultationEvent *) history->pdata[9])->note, "urgency"));
  g_assert_nonnull (strstr (((MdgConsultationEvent *) history->pdata[9])->note, "sensitive"));

  /* A first-line consultation answered at once, reopened, goes back to new. */
  {
    g_autoptr(MdgConsultation) simple = add_consultation (f, MDG_CHANNEL_WALK_IN, "2026-11-02T11:00", "パスワードの決め方",
                                                          NULL, NULL);

    g_assert_true (mdg_consultation_store_answer (f->db, f->desk, simple, "ガイドブック2-5を案内", NULL, &error));
    g_assert_cmpint (mdg_consultation_get_tier (simple), ==, MDG_TIER_FIRST_LINE);
    g_assert_cmpint (mdg_consultation_get_assignee_id (simple), ==, f->desk);
    g_assert_true (mdg_consultation_store_reopen (f->db, f->desk, simple, NULL, &error));
    g_assert_cmpint (mdg_consultation_get_state (simple), ==, MDG_CONSULTATION_STATE_NEW);
  }
}

static void
test_intake (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgConsultation) c = mdg_consultation_new (MDG_CHANNEL_PHONE);
  g_autoptr(MdgPerson) person = mdg_person_new ();
  g_autoptr(MdgPerson) again = mdg_person_new ();
  g_autoptr(GPtrArray) duplicates = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) received = mdg_test_local (2026, 11, 27, 16, 30);   /* a Friday */
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *threats = NULL;

  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, "山田");
  mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, "太郎");
  mdg_person_set_text (person, MDG_PERSON_EMAIL, "yamada@tachikawa-seimitsu.example.jp");
  mdg_consultation_set_received_at (c, received);
  mdg_consultation_set_text (c, MDG_CONSULTATION_ORGANIZATION, "立川精密工業株式会社");
  /* No subject typed: the question's first line stands in. */
  mdg_consultation_set_text (c, MDG_CONSULTATION_QUESTION, "取引先を名乗るメールで振込先の変更を求められた\n金額は300万円");
  mdg_consultation_set_urgency (c, MDG_URGENCY_HIGH);
  {
    gint64 a = category_id (f, "T-BEC"), b = category_id (f, "K-AFTER"), d = category_id (f, "M1-15");
    g_array_append_val (ids, a);
    g_array_append_val (ids, b);
    g_array_append_val (ids, d);
  }
  mdg_consultation_set_category_ids (c, ids);
  g_assert_true (mdg_consultation_store_add (f->db, f->desk, c, person, &error));
  g_assert_no_error (error);

  g_assert_cmpint (mdg_consultation_get_id (c), >, 0);
  g_assert_cmpstr (mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT), ==,
                   "取引先を名乗るメールで振込先の変更を求められた");
  g_assert_cmpstr (mdg_consultation_get_text (c, MDG_CONSULTATION_PERSON), ==, "山田 太郎");
  g_assert_cmpint (mdg_consultation_get_person_id (c), ==, mdg_person_get_id (person));
  g_assert_cmpint (mdg_consultation_get_organization_id (c), >, 0);
  g_assert_cmpint (mdg_person_get_organization_id (person), ==, mdg_consultation_get_organization_id (c));
  g_assert_cmpuint (mdg_consultation_get_categories (c)->len, ==, 3);
  threats = mdg_consultation_dup_categories_text (c, "threat");
  g_assert_cmpstr (threats, ==, "Business e-mail compromise");
  /* High urgency: one business day, over the weekend. */
  {
    g_autofree char *due = mdg_date_to_iso (mdg_consultation_get_due_date (c));
    g_assert_cmpstr (due, ==, "2026-11-30");
  }

  /* The same person typed again is offered, not created twice. */
  mdg_person_set_text (again, MDG_PERSON_FAMILY_NAME, "山田");
  mdg_person_set_text (again, MDG_PERSON_EMAIL, "YAMADA@tachikawa-seimitsu.example.jp");
  duplicates = mdg_person_store_find_duplicates (f->db, again, &error);
  g_assert_cmpuint (duplicates->len, ==, 1);

  /* The same organization name links to the same organization. */
  {
    g_autoptr(MdgConsultation) second = mdg_consultation_new (MDG_CHANNEL_WEB_FORM);

    mdg_consultation_set_text (second, MDG_CONSULTATION_SUBJECT, "再相談");
    mdg_consultation_set_text (second, MDG_CONSULTATION_ORGANIZATION, "立川精密工業株式会社");
    g_assert_true (mdg_consultation_store_add (f->db, f->desk, second, NULL, &error));
    g_assert_cmpint (mdg_consultation_get_organization_id (second), ==, mdg_consultation_get_organization_id (c));
    g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM organization"), ==, 1);
  }

  /* Nothing to record: refused, nothing written. */
  {
    g_autoptr(MdgConsultation) empty = mdg_consultation_new (MDG_CHANNEL_PHONE);
    g_autoptr(MdgPerson) nobody = mdg_person_new ();

    mdg_person_set_text (nobody, MDG_PERSON_FAMILY_NAME, "書き損じ");
    mdg_consultation_set_text (empty, MDG_CONSULTATION_ORGANIZATION, "書き損じ商事");
    g_assert_false (mdg_consultation_store_add (f->db, f->desk, empty, nobody, &error));
    g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person WHERE family_name = '書き損じ'"), ==, 0);
    g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM organization WHERE name = '書き損じ商事'"), ==, 0);
  }
}

static GPtrArray *
list_queue (Fixture              *f,
            MdgConsultationQueue  queue,
            gint64                staff_id,
            const char           *query)
{
  g_autoptr(MdgConsultationFilter) filter = mdg_consultation_filter_new (queue);
  g_autoptr(GError) error = NULL;
  GPtrArray *list;

  filter->staff_id = staff_id;
  filter->query = g_strdup (query);
  g_assert_true (mdg_date_parse_iso ("2026-11-26", &filter->today));
  list = mdg_consultation_store_list (f->db, filter, &error);
  g_assert_no_error (error);
  return list;
}

static void
test_queues (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgConsultation) old = add_consultation (f, MDG_CHANNEL_PHONE, "2026-11-16T09:00", "古い未対応", NULL, NULL);
  g_autoptr(MdgConsultation) fresh = add_consultation (f, MDG_CHANNEL_EMAIL, "2026-11-26T09:00", "今日の相談", NULL, NULL);
  g_autoptr(MdgConsultation) mine = add_consultation (f, MDG_CHANNEL_PHONE, "2026-11-20T09:00", "専門家へ", NULL, NULL);
  g_autoptr(MdgConsultation) done = add_consultation (f, MDG_CHANNEL_WALK_IN, "2026-11-10T09:00", "回答済み", NULL, NULL);
  g_autoptr(MdgConsultation) urgent = add_consultation (f, MDG_CHANNEL_PHONE, "2026-11-25T09:00", "至急", NULL, NULL);
  g_autoptr(MdgFollowUp) follow_up = mdg_follow_up_new ("手順書を送る");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  MdgQueueCounts counts;
  GDate today, due;

  g_assert_true (mdg_consultation_store_dispatch (f->db, f->desk, mine, f->ransom, NULL, &error));
  g_assert_true (mdg_consultation_store_answer (f->db, f->desk, done, "回答", NULL, &error));
  mdg_consultation_set_urgency (urgent, MDG_URGENCY_URGENT);
  g_assert_true (mdg_consultation_store_save (f->db, f->desk, urgent, &error));
  g_assert_true (mdg_date_parse_iso ("2026-12-01", &due));
  mdg_follow_up_set_consultation_id (follow_up, mdg_consultation_get_id (done));
  mdg_follow_up_set_due_date (follow_up, &due);
  g_assert_true (mdg_follow_up_store_add (f->db, f->desk, follow_up, &error));
  g_assert_no_error (error);

  g_assert_true (mdg_date_parse_iso ("2026-11-26", &today));
  g_assert_true (mdg_consultation_store_count_queues (f->db, f->ransom, &today, &counts, &error));
  g_assert_cmpuint (counts.all, ==, 5);
  g_assert_cmpuint (counts.mine, ==, 1);
  g_assert_cmpuint (counts.unassigned, ==, 3);
  g_assert_cmpuint (counts.dispatched, ==, 1);
  g_assert_cmpuint (counts.waiting_follow_up, ==, 1);
  /* Due 11/19 (3 business days) and 11/25 (urgent: the same day); 専門家へ is due
   * 11/26, as 11/23 is a holiday. */
  g_assert_cmpuint (counts.overdue, ==, 2);

  list = list_queue (f, MDG_CONSULTATION_QUEUE_UNASSIGNED, 0, NULL);
  g_assert_cmpuint (list->len, ==, 3);
  /* Most urgent first, then by due date. */
  g_assert_cmpstr (mdg_consultation_get_text (list->pdata[0], MDG_CONSULTATION_SUBJECT), ==, "至急");
  g_assert_cmpstr (mdg_consultation_get_text (list->pdata[1], MDG_CONSULTATION_SUBJECT), ==, "古い未対応");
  g_clear_pointer (&list, g_ptr_array_unref);

  list = list_queue (f, MDG_CONSULTATION_QUEUE_MINE, f->ransom, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (mdg_consultation_get_text (list->pdata[0], MDG_CONSULTATION_SUBJECT), ==, "専門家へ");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_queue (f, MDG_CONSULTATION_QUEUE_MINE, f->mail, NULL);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = list_queue (f, MDG_CONSULTATION_QUEUE_OVERDUE, 0, NULL);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    g_assert_true (mdg_consultation_is_overdue (list->pdata[i], &today));
  g_clear_pointer (&list, g_ptr_array_unref);

  list = list_queue (f, MDG_CONSULTATION_QUEUE_WAITING_FOLLOW_UP, 0, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (mdg_consultation_get_text (list->pdata[0], MDG_CONSULTATION_SUBJECT), ==, "回答済み");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* All, newest first. */
  list = list_queue (f, MDG_CONSULTATION_QUEUE_ALL, 0, NULL);
  g_assert_cmpuint (list->len, ==, 5);
  g_assert_cmpstr (mdg_consultation_get_text (list->pdata[0], MDG_CONSULTATION_SUBJECT), ==, "今日の相談");
  (void) old;
  (void) fresh;
}

static void
async_done_cb (GObject      *source,
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

/* The window's way: the same lists and counts from workers, on their own connections. */
static void
test_async (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgConsultation) a = add_consultation (f, MDG_CHANNEL_PHONE, "2026-11-02T10:00", "非同期の一覧", NULL, NULL);
  g_autoptr(MdgConsultation) b = add_consultation (f, MDG_CHANNEL_EMAIL, "2026-11-03T10:00", "非同期の二件目", NULL, NULL);
  g_autoptr(MdgConsultationFilter) filter = mdg_consultation_filter_new (MDG_CONSULTATION_QUEUE_UNASSIGNED);
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GAsyncResult) counted = NULL;
  g_autoptr(GAsyncResult) reported = NULL;
  g_autoptr(GAsyncResult) followed = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(MdgMonthlyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  MdgFollowUpFilter follow_up_filter;
  MdgQueueCounts counts;

  mdg_consultation_store_list_async (f->db, filter, NULL, async_done_cb, &listed);
  list = mdg_consultation_store_list_finish (f->db, wait_for (&listed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  mdg_consultation_store_count_queues_async (f->db, f->desk, NULL, async_done_cb, &counted);
  g_assert_true (mdg_consultation_store_count_queues_finish (f->db, wait_for (&counted), &counts, &error));
  g_assert_cmpuint (counts.unassigned, ==, 2);
  g_assert_cmpuint (counts.all, ==, 2);

  mdg_report_monthly_async (f->db, 2026, 11, NULL, async_done_cb, &reported);
  report = mdg_report_monthly_finish (f->db, wait_for (&reported), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->received, ==, 2);

  mdg_follow_up_filter_init (&follow_up_filter);
  mdg_follow_up_store_list_async (f->db, &follow_up_filter, NULL, async_done_cb, &followed);
  follow_ups = mdg_follow_up_store_list_finish (f->db, wait_for (&followed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (follow_ups->len, ==, 0);
  (void) a;
  (void) b;
}

static void
test_search (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgConsultation) a = add_consultation (f, MDG_CHANNEL_PHONE, "2026-11-02T10:00", "ランサムウェア感染の疑い",
                                                   "社内のファイルサーバーが暗号化された", NULL);
  g_autoptr(MdgConsultation) b = add_consultation (f, MDG_CHANNEL_EMAIL, "2026-11-03T10:00", "不審なメール",
                                                   "髙橋と名乗る人物から請求書が届いた", NULL);
  g_autoptr(MdgConsultation) c = add_consultation (f, MDG_CHANNEL_PHONE, "2026-11-04T10:00", "ＵＳＢメモリの紛失",
                                                   "営業担当がなくした", NULL);
  g_autoptr(GError) error = NULL;
  static const struct { const char *query; const char *first; guint count; } cases[] = {
    { "ランサムウェア", "ランサムウェア感染の疑い", 1 },   /* katakana */
    { "らんさむ", "ランサムウェア感染の疑い", 1 },         /* typed in hiragana */
    { "ﾗﾝｻﾑ", "ランサムウェア感染の疑い", 1 },            /* half-width */
    { "暗号化", "ランサムウェア感染の疑い", 1 },           /* kanji, in the question */
    { "請求書", "不審なメール", 1 },
    { "紛", "ＵＳＢメモリの紛失", 1 },                      /* one character */
    { "usb", "ＵＳＢメモリの紛失", 1 },                     /* full-width typed as ASCII */
    { "メ", "ＵＳＢメモリの紛失", 2 },                      /* newest first */
    { "不審 請求", "不審なメール", 1 },                     /* every word must match */
    { "存在しない言葉", NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) found = list_queue (f, MDG_CONSULTATION_QUEUE_ALL, 0, cases[i].query);

      g_assert_cmpuint (found->len, ==, cases[i].count);
      if (cases[i].first)
        g_assert_cmpstr (mdg_consultation_get_text (found->pdata[0], MDG_CONSULTATION_SUBJECT), ==, cases[i].first);
    }

  /* The answer is searched too, once given. */
  {
    g_autoptr(GPtrArray) found = list_queue (f, MDG_CONSULTATION_QUEUE_ALL, 0, "バックアップ");

    g_assert_cmpuint (found->len, ==, 0);
    g_assert_true (mdg_consultation_store_answer (f->db, f->desk, a, "オフラインのバックアップから復旧", NULL, &error));
    g_clear_pointer (&found, g_ptr_array_unref);
    found = list_queue (f, MDG_CONSULTATION_QUEUE_ALL, 0, "バックアップ");
    g_assert_cmpuint (found->len, ==, 1);
  }

  /* Searching within a queue. */
  {
    g_autoptr(GPtrArray) found = list_queue (f, MDG_CONSULTATION_QUEUE_UNASSIGNED, 0, "メ");
    g_assert_cmpuint (found->len, ==, 2);
    g_clear_pointer (&found, g_ptr_array_unref);
    found = list_queue (f, MDG_CONSULTATION_QUEUE_UNASSIGNED, 0, "ランサム");
    g_assert_cmpuint (found->len, ==, 0);
  }
  (void) b;
  (void) c;
}

static void
test_drafts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(MdgConsultation) saved = NULL;
  gint64 draft, id;

  draft = mdg_draft_store_create (f->db, MDG_DRAFT_KIND_CONSULTATION, f->desk, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (draft, >, 0);

  /* Every keystroke is saved. */
  {
    const char *typed = "ホームページが改ざんされた";
    g_autoptr(GString) so_far = g_string_new (NULL);

    for (const char *p = typed; *p; p = g_utf8_next_char (p))
      {
        g_string_append_unichar (so_far, g_utf8_get_char (p));
        g_assert_true (mdg_draft_store_set (f->db, draft, "subject", so_far->str, &error));
      }
  }
  g_assert_true (mdg_draft_store_set (f->db, draft, "channel", "walk-in", &error));
  g_assert_true (mdg_draft_store_set (f->db, draft, "categories", "T-DEFACE, K-AFTER", &error));
  g_assert_true (mdg_draft_store_set (f->db, draft, "organization", "八王子観光協会", &error));
  g_assert_true (mdg_draft_store_set (f->db, draft, "person-family-name", "田中", &error));
  g_assert_true (mdg_draft_store_set (f->db, draft, "person-email", "tanaka@hachioji.example.jp", &error));
  g_assert_true (mdg_draft_store_set (f->db, draft, "received-at", "2026-11-26T10:15:00", &error));
  g_assert_true (mdg_draft_store_set (f->db, draft, "urgency", "high", &error));
  g_assert_true (mdg_draft_store_set (f->db, draft, "sensitive", "true", &error));
  g_assert_true (mdg_draft_store_set (f->db, draft, "question", "", &error));

  fields = mdg_draft_store_load (f->db, draft, &error);
  g_assert_cmpstr (g_hash_table_lookup (fields, "subject"), ==, "ホームページが改ざんされた");
  g_assert_null (g_hash_table_lookup (fields, "question"));
  drafts = mdg_draft_store_list (f->db, MDG_DRAFT_KIND_CONSULTATION, f->desk, &error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (((MdgDraft *) drafts->pdata[0])->summary, ==, "ホームページが改ざんされた");
  g_clear_pointer (&drafts, g_ptr_array_unref);

  /* A field that cannot be read: nothing is recorded, the draft stays. */
  g_assert_true (mdg_draft_store_set (f->db, draft, "categories", "T-NOSUCH", &error));
  g_assert_cmpint (mdg_draft_store_submit_consultation (f->db, f->desk, draft, &error), ==, 0);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation"), ==, 0);
  g_assert_true (mdg_draft_store_set (f->db, draft, "categories", "T-DEFACE, K-AFTER", &error));

  id = mdg_draft_store_submit_consultation (f->db, f->desk, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM draft"), ==, 0);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM draft_field"), ==, 0);
  saved = mdg_consultation_store_load (f->db, id, &error);
  g_assert_cmpint (mdg_consultation_get_channel (saved), ==, MDG_CHANNEL_WALK_IN);
  g_assert_cmpint (mdg_consultation_get_urgency (saved), ==, MDG_URGENCY_HIGH);
  g_assert_true (mdg_consultation_get_sensitive (saved));
  g_assert_cmpstr (mdg_consultation_get_text (saved, MDG_CONSULTATION_PERSON), ==, "田中");
  g_assert_cmpstr (mdg_consultation_get_text (saved, MDG_CONSULTATION_ORGANIZATION), ==, "八王子観光協会");
  g_assert_cmpuint (mdg_consultation_get_categories (saved)->len, ==, 2);
  g_assert_cmpint (g_date_time_get_hour (mdg_consultation_get_received_at (saved)), ==, 10);
}

/* Run in a child process: types a draft, then dies at once, as a killed app does. */
static void
type_and_die (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgDatabase) db = mdg_database_open (g_getenv ("MDG_TEST_DRAFT_DB"), &error);
  const char *question = "経理担当のPCに「ウイルスに感染しました」という警告が出て、電話をかけるよう指示されている";
  g_autoptr(GString) typed = g_string_new (NULL);
  gint64 draft;

  g_assert_no_error (error);
  draft = mdg_draft_store_create (db, MDG_DRAFT_KIND_CONSULTATION, 0, 0, &error);
  g_assert_true (mdg_draft_store_set (db, draft, "subject", "サポート詐欺の警告画面", &error));
  for (const char *p = question; *p; p = g_utf8_next_char (p))
    {
      g_string_append_unichar (typed, g_utf8_get_char (p));
      g_assert_true (mdg_draft_store_set (db, draft, "question", typed->str, &error));
    }
  /* No close, no checkpoint: the process is gone. */
  raise (SIGKILL);
}

static void
test_draft_survives_kill (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup (mdg_database_get_path (f->db));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GHashTable) fields = NULL;

  if (g_test_subprocess ())
    {
      type_and_die ();
      return;
    }

  g_clear_object (&f->db);
  g_setenv ("MDG_TEST_DRAFT_DB", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  f->db = mdg_database_open (path, &error);
  g_assert_no_error (error);
  drafts = mdg_draft_store_list (f->db, NULL, 0, &error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (((MdgDraft *) drafts->pdata[0])->summary, ==, "サポート詐欺の警告画面");
  fields = mdg_draft_store_load (f->db, ((MdgDraft *) drafts->pdata[0])->id, &error);
  g_assert_cmpstr (g_hash_table_lookup (fields, "question"), ==,
                   "経理担当のPCに「ウイルスに感染しました」という警告が出て、電話をかけるよう指示されている");
}

static void
test_follow_ups (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgConsultation) c = add_consultation (f, MDG_CHANNEL_PHONE, "2026-11-20T10:00", "バックアップ相談", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(MdgFollowUp) nowhere = mdg_follow_up_new ("どこにも属さない");
  MdgFollowUpFilter filter;
  GDate today, due;
  struct { const char *title; const char *due; gint64 owner; } plan[] = {
    { "手順書を送付", "2026-11-24", 0 },        /* overdue, owner: the assignee */
    { "再訪問の日程調整", "2026-11-26", 0 },    /* today */
    { "設定確認", "2026-11-29", 0 },            /* this week (Sunday) */
    { "来週の確認", "2026-11-30", 0 },          /* next week */
    { "研修資料", "2026-11-25", -1 },           /* overdue, owner: coordinator */
  };

  g_assert_true (mdg_consultation_store_dispatch (f->db, f->desk, c, f->ransom, NULL, &error));
  g_assert_true (mdg_date_parse_iso ("2026-11-26", &today));

  for (guint i = 0; i < G_N_ELEMENTS (plan); i++)
    {
      g_autoptr(MdgFollowUp) follow_up = mdg_follow_up_new (plan[i].title);

      mdg_follow_up_set_consultation_id (follow_up, mdg_consultation_get_id (c));
      g_assert_true (mdg_date_parse_iso (plan[i].due, &due));
      mdg_follow_up_set_due_date (follow_up, &due);
      if (plan[i].owner < 0)
        mdg_follow_up_set_owner_id (follow_up, f->boss);
      mdg_follow_up_set_advice (follow_up, "NASへの自動バックアップを週1回に");
      g_assert_true (mdg_follow_up_store_add (f->db, f->desk, follow_up, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (mdg_follow_up_get_owner_name (follow_up), ==, plan[i].owner < 0 ? "青木 恵" : "佐藤 花子");
      g_assert_cmpstr (mdg_follow_up_get_subject (follow_up), ==, "バックアップ相談");
    }

  counts = mdg_follow_up_store_count_by_owner (f->db, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 2);
  {
    MdgFollowUpCounts *aoki = counts->pdata[0], *sato = counts->pdata[1];

    g_assert_cmpstr (aoki->owner_name, ==, "青木 恵");
    g_assert_cmpuint (aoki->overdue, ==, 1);
    g_assert_cmpstr (sato->owner_name, ==, "佐藤 花子");
    g_assert_cmpuint (sato->overdue, ==, 1);
    g_assert_cmpuint (sato->today, ==, 1);
    g_assert_cmpuint (sato->this_week, ==, 1);
    g_assert_cmpuint (sato->open, ==, 4);
  }

  mdg_follow_up_filter_init (&filter);
  filter.today = today;
  filter.due = MDG_FOLLOW_UP_DUE_OVERDUE;
  list = mdg_follow_up_store_list (f->db, &filter, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (mdg_follow_up_get_title (list->pdata[0]), ==, "手順書を送付");

  g_assert_true (mdg_follow_up_store_set_done (f->db, f->ransom, list->pdata[0], TRUE, &error));
  g_assert_cmpint (mdg_follow_up_get_state (list->pdata[0]), ==, MDG_FOLLOW_UP_STATE_DONE);
  g_assert_nonnull (mdg_follow_up_get_done_at (list->pdata[0]));
  g_assert_false (mdg_follow_up_store_set_done (f->db, f->ransom, list->pdata[0], TRUE, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT done_by FROM follow_up WHERE state = 'done'"), ==, f->ransom);
  g_clear_pointer (&list, g_ptr_array_unref);

  filter.due = MDG_FOLLOW_UP_DUE_ANY;
  filter.owner_id = f->ransom;
  filter.state = MDG_FOLLOW_UP_STATE_OPEN;
  list = mdg_follow_up_store_list (f->db, &filter, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Due in business days: 5 from Friday 2026-12-25 are 12/28, then 1/4–1/7 after the year-end closing. */
  {
    GDate from;
    g_autofree char *text = NULL;

    g_assert_true (mdg_date_parse_iso ("2026-12-25", &from));
    g_assert_true (mdg_follow_up_store_due_in (f->db, &from, 5, &due, &error));
    text = mdg_date_to_iso (&due);
    g_assert_cmpstr (text, ==, "2027-01-07");
  }

  /* A follow-up belongs somewhere. */
  mdg_follow_up_set_due_date (nowhere, &today);
  g_assert_false (mdg_follow_up_store_add (f->db, f->desk, nowhere, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);
  mdg_follow_up_set_consultation_id (nowhere, 99999);
  g_assert_false (mdg_follow_up_store_add (f->db, f->desk, nowhere, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);
}

static gint64
add_seminar (Fixture *f)
{
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 30);
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (seminar, "title", "中小企業のための情報セキュリティ対策セミナー", "starts-at", starts, "ends-at", ends,
                "venue", "立川商工会議所", NULL);
  g_assert_true (mdg_seminar_store_save (f->db, seminar, &error));
  return mdg_seminar_get_id (seminar);
}

static MdgAttendee *
register_person (Fixture    *f,
                 gint64      seminar_id,
                 const char *family,
                 const char *organization)
{
  g_autoptr(MdgPerson) person = mdg_person_new ();
  g_autoptr(GError) error = NULL;
  MdgAttendee *attendee;

  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, family);
  mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, "一郎");
  mdg_person_set_text (person, MDG_PERSON_ORGANIZATION, organization);
  attendee = mdg_registration_store_register (f->db, seminar_id, person, MDG_REGISTRATION_SOURCE_MANUAL, NULL, &error);
  g_assert_no_error (error);
  return attendee;
}

static void
test_slots (Fixture *f, gconstpointer data)
{
  gint64 seminar = add_seminar (f);
  g_autoptr(MdgAttendee) kato = register_person (f, seminar, "加藤", "加藤製作所");
  g_autoptr(MdgAttendee) ito = register_person (f, seminar, "伊藤", "伊藤商店");
  g_autoptr(GDateTime) at = mdg_test_local (2026, 12, 3, 16, 30);
  g_autoptr(GDateTime) too_late = mdg_test_local (2026, 12, 4, 10, 0);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgConsultation) held = NULL;
  gint64 first, second, consultation_id;

  ids = mdg_slot_store_add (f->db, seminar, at, 20, 3, f->ransom, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3);
  first = g_array_index (ids, gint64, 0);
  second = g_array_index (ids, gint64, 1);
  g_clear_pointer (&ids, g_array_unref);

  /* A specialist is not in two places at once; slots are at the seminar. */
  g_assert_null (mdg_slot_store_add (f->db, seminar, at, 30, 1, f->ransom, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (mdg_slot_store_add (f->db, seminar, too_late, 30, 1, f->mail, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);
  ids = mdg_slot_store_add (f->db, seminar, at, 30, 2, f->mail, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation_slot"), ==, 5);

  g_assert_true (mdg_slot_store_book (f->db, first, mdg_attendee_get_id (kato), "ランサムウェア対策の相談", &error));
  g_assert_no_error (error);
  g_assert_false (mdg_slot_store_book (f->db, first, mdg_attendee_get_id (ito), NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_EXISTS);
  g_clear_error (&error);
  /* One attendee, one place at a time: 加藤 holds 16:30–16:50 with 佐藤. */
  g_assert_false (mdg_slot_store_book (f->db, g_array_index (ids, gint64, 0), mdg_attendee_get_id (kato), NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (mdg_slot_store_book (f->db, second, mdg_attendee_get_id (ito), NULL, &error));

  /* Someone who did not register for the seminar cannot book. */
  {
    gint64 other = add_seminar (f);
    g_autoptr(MdgAttendee) stranger = register_person (f, other, "部外", "別会社");

    g_assert_false (mdg_slot_store_book (f->db, g_array_index (ids, gint64, 1), mdg_attendee_get_id (stranger), NULL,
                                         &error));
    g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
    g_clear_error (&error);
  }

  consultation_id = mdg_slot_store_hold (f->db, f->ransom, first, NULL, "バックアップの取り方", &error);
  g_assert_no_error (error);
  held = mdg_consultation_store_load (f->db, consultation_id, &error);
  g_assert_cmpint (mdg_consultation_get_channel (held), ==, MDG_CHANNEL_ON_SITE);
  g_assert_cmpint (mdg_consultation_get_seminar_id (held), ==, seminar);
  g_assert_cmpint (mdg_consultation_get_registration_id (held), ==, mdg_attendee_get_id (kato));
  g_assert_cmpstr (mdg_consultation_get_text (held, MDG_CONSULTATION_PERSON), ==, "加藤 一郎");
  g_assert_cmpstr (mdg_consultation_get_text (held, MDG_CONSULTATION_ORGANIZATION), ==, "加藤製作所");
  g_assert_cmpstr (mdg_consultation_get_text (held, MDG_CONSULTATION_SUBJECT), ==, "ランサムウェア対策の相談");
  g_assert_cmpstr (mdg_consultation_get_text (held, MDG_CONSULTATION_ASSIGNEE), ==, "佐藤 花子");
  g_assert_true (g_date_time_equal (mdg_consultation_get_received_at (held), at));
  g_assert_cmpint (mdg_slot_store_hold (f->db, f->ransom, first, NULL, NULL, &error), ==, 0);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);

  /* The seminar's consultations are listed with it. */
  {
    g_autoptr(MdgConsultationFilter) filter = mdg_consultation_filter_new (MDG_CONSULTATION_QUEUE_ALL);
    g_autoptr(GPtrArray) listed = NULL;

    filter->seminar_id = seminar;
    listed = mdg_consultation_store_list (f->db, filter, &error);
    g_assert_cmpuint (listed->len, ==, 1);
  }

  slots = mdg_slot_store_list (f->db, seminar, &error);
  g_assert_cmpuint (slots->len, ==, 5);
  /* By time, then specialist in kana order: 16:30 さとう, 16:30 すずき, 16:50… */
  g_assert_cmpstr (((MdgConsultationSlot *) slots->pdata[0])->staff_name, ==, "佐藤 花子");
  g_assert_cmpint (((MdgConsultationSlot *) slots->pdata[0])->state, ==, MDG_SLOT_STATE_HELD);
  g_assert_cmpint (((MdgConsultationSlot *) slots->pdata[0])->consultation_id, ==, consultation_id);
  g_assert_cmpstr (((MdgConsultationSlot *) slots->pdata[1])->staff_name, ==, "鈴木 次郎");
  g_assert_cmpstr (((MdgConsultationSlot *) slots->pdata[2])->attendee_name, ==, "伊藤 一郎");
  g_assert_cmpstr (((MdgConsultationSlot *) slots->pdata[2])->attendee_organization, ==, "伊藤商店");

  g_assert_true (mdg_slot_store_unbook (f->db, second, &error));
  g_assert_false (mdg_slot_store_remove (f->db, first, &error));
  g_clear_error (&error);
  g_assert_true (mdg_slot_store_remove (f->db, second, &error));
}

static void
set_times (Fixture    *f,
           gint64      id,
           int         answer_hours,
           int         close_hours)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE consultation SET answered_at = received_at + %d * 3600,"
                                          " closed_at = CASE WHEN %d > 0 THEN received_at + %d * 3600 END"
                                          " WHERE id = %" G_GINT64_FORMAT,
                                          answer_hours, close_hours, close_hours, id);
  mdg_test_exec (f->db, sql);
}

static void
test_report (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgMonthlyReport) report = NULL;
  g_autoptr(MdgConsultation) a = add_consultation (f, MDG_CHANNEL_PHONE, "2026-11-02T10:00", "A", NULL, "K-AFTER,T-RANSOM");
  g_autoptr(MdgConsultation) b = add_consultation (f, MDG_CHANNEL_PHONE, "2026-11-10T10:00", "B", NULL,
                                                   "K-AFTER,T-RANSOM,T-LEAK");
  g_autoptr(MdgConsultation) c = add_consultation (f, MDG_CHANNEL_EMAIL, "2026-11-20T10:00", "C", NULL, "K-HOWTO,T-PHISH");
  g_autoptr(MdgConsultation) d = add_consultation (f, MDG_CHANNEL_WALK_IN, "2026-11-30T23:59", "D", NULL, NULL);
  g_autoptr(MdgConsultation) outside = add_consultation (f, MDG_CHANNEL_PHONE, "2026-12-01T00:00", "E", NULL, "K-AFTER");
  struct { const char *due; gboolean done; const char *done_at; } follow_ups[] = {
    { "2026-11-10", TRUE, "2026-11-09T05:00:00Z" },   /* on time */
    { "2026-11-10", TRUE, "2026-11-10T14:59:00Z" },   /* 23:59 Tokyo, the due day: on time */
    { "2026-11-12", TRUE, "2026-11-12T15:00:00Z" },   /* 00:00 Tokyo the next day: late */
    { "2026-11-30", FALSE, NULL },
    { "2026-12-01", FALSE, NULL },                      /* next month */
  };

  g_assert_true (mdg_consultation_store_answer (f->db, f->desk, a, "回答", NULL, &error));
  mdg_consultation_set_sensitive (b, TRUE);
  g_assert_true (mdg_consultation_store_save (f->db, f->desk, b, &error));
  g_assert_true (mdg_consultation_store_answer (f->db, f->desk, b, "回答", NULL, &error));
  g_assert_true (mdg_consultation_store_close (f->db, f->desk, b, NULL, &error));
  g_assert_true (mdg_consultation_store_answer (f->db, f->desk, c, "回答", NULL, &error));
  g_assert_true (mdg_consultation_store_close (f->db, f->desk, c, NULL, &error));
  g_assert_true (mdg_consultation_store_dispatch (f->db, f->desk, d, f->ransom, NULL, &error));
  /* Known durations: answers after 2, 5 and 30 hours; closed after 10 and 50. */
  set_times (f, mdg_consultation_get_id (a), 2, 0);
  set_times (f, mdg_consultation_get_id (b), 5, 10);
  set_times (f, mdg_consultation_get_id (c), 30, 50);
  for (guint i = 0; i < G_N_ELEMENTS (follow_ups); i++)
    {
      g_autoptr(MdgFollowUp) follow_up = mdg_follow_up_new ("確認");
      g_autofree char *sql = NULL;
      GDate due;

      mdg_follow_up_set_consultation_id (follow_up, mdg_consultation_get_id (a));
      g_assert_true (mdg_date_parse_iso (follow_ups[i].due, &due));
      mdg_follow_up_set_due_date (follow_up, &due);
      g_assert_true (mdg_follow_up_store_add (f->db, f->desk, follow_up, &error));
      if (follow_ups[i].done)
        {
          sql = g_strdup_printf ("UPDATE follow_up SET state = 'done', done_at = '%s' WHERE id = %" G_GINT64_FORMAT,
                                 follow_ups[i].done_at, mdg_follow_up_get_id (follow_up));
          mdg_test_exec (f->db, sql);
        }
    }

  report = mdg_report_monthly (f->db, 2026, 11, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->received, ==, 4);
  g_assert_cmpuint (report->sensitive, ==, 1);
  g_assert_cmpuint (report->by_channel->len, ==, 5);
  g_assert_cmpstr (((MdgReportRow *) report->by_channel->pdata[0])->key, ==, "phone");
  g_assert_cmpuint (((MdgReportRow *) report->by_channel->pdata[0])->count, ==, 2);
  g_assert_cmpuint (((MdgReportRow *) report->by_channel->pdata[2])->count, ==, 1);
  g_assert_cmpuint (((MdgReportRow *) report->by_channel->pdata[4])->count, ==, 0);
  /* Kinds: K-AFTER 2, K-PREVENT 0, K-HOWTO 1, not classified 1. */
  g_assert_cmpuint (report->by_kind->len, ==, 4);
  g_assert_cmpuint (((MdgReportRow *) report->by_kind->pdata[0])->count, ==, 2);
  g_assert_cmpuint (((MdgReportRow *) report->by_kind->pdata[2])->count, ==, 1);
  g_assert_cmpstr (((MdgReportRow *) report->by_kind->pdata[3])->key, ==, "");
  g_assert_cmpuint (((MdgReportRow *) report->by_kind->pdata[3])->count, ==, 1);
  /* Threats that occurred, most first. */
  g_assert_cmpuint (report->by_threat->len, ==, 3);
  g_assert_cmpstr (((MdgReportRow *) report->by_threat->pdata[0])->key, ==, "T-RANSOM");
  g_assert_cmpuint (((MdgReportRow *) report->by_threat->pdata[0])->count, ==, 2);
  /* States now: answered 1, closed 2, dispatched 1. */
  g_assert_cmpuint (((MdgReportRow *) report->by_state->pdata[MDG_CONSULTATION_STATE_DISPATCHED])->count, ==, 1);
  g_assert_cmpuint (((MdgReportRow *) report->by_state->pdata[MDG_CONSULTATION_STATE_ANSWERED])->count, ==, 1);
  g_assert_cmpuint (((MdgReportRow *) report->by_state->pdata[MDG_CONSULTATION_STATE_CLOSED])->count, ==, 2);
  g_assert_cmpuint (report->answered, ==, 3);
  g_assert_cmpfloat_with_epsilon (report->median_hours_to_answer, 5.0, 0.001);
  g_assert_cmpuint (report->closed, ==, 2);
  g_assert_cmpfloat_with_epsilon (report->median_hours_to_close, 30.0, 0.001);
  g_assert_cmpuint (report->follow_ups_due, ==, 4);
  g_assert_cmpuint (report->follow_ups_on_time, ==, 2);
  g_assert_cmpuint (report->follow_ups_late, ==, 1);
  g_assert_cmpuint (report->follow_ups_open, ==, 1);

  /* An empty month. */
  g_clear_pointer (&report, mdg_monthly_report_free);
  report = mdg_report_monthly (f->db, 2026, 10, &error);
  g_assert_cmpuint (report->received, ==, 0);
  g_assert_cmpfloat (report->median_hours_to_answer, <, 0);
  g_assert_null (mdg_report_monthly (f->db, 2026, 13, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  (void) outside;
}

static void
test_person_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgConsultation) c = mdg_consultation_new (MDG_CHANNEL_EMAIL);
  g_autoptr(MdgPerson) person = mdg_person_new ();
  g_autoptr(MdgFollowUp) follow_up = mdg_follow_up_new ("被害届の提出を確認（消去花子様）");
  g_autoptr(GVariant) record = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = mdg_database_get_path (f->db);
  g_autofree char *sql = NULL;
  gint64 id;
  GDate due;

  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, "消去");
  mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, "花子");
  mdg_person_set_text (person, MDG_PERSON_EMAIL, "hanako.erase@victim.example.jp");
  mdg_consultation_set_text (c, MDG_CONSULTATION_SUBJECT, "消去花子の不正送金被害");
  mdg_consultation_set_text (c, MDG_CONSULTATION_QUESTION, "口座番号9876543から送金された");
  mdg_consultation_set_sensitive (c, TRUE);
  g_assert_true (mdg_consultation_store_add (f->db, f->desk, c, person, &error));
  g_assert_no_error (error);
  id = mdg_consultation_get_id (c);
  g_assert_true (mdg_consultation_store_dispatch (f->db, f->desk, c, f->ransom, "消去花子さんは警察に相談済み", &error));
  sql = g_strdup_printf ("INSERT INTO consultation_mail (consultation_id, message_id, from_name, from_address, subject, body)"
                         " VALUES (%" G_GINT64_FORMAT ", '<erase-1@victim.example.jp>', '消去 花子',"
                         " 'hanako.erase@victim.example.jp', '消去花子の不正送金被害', '口座番号9876543');"
                         "INSERT INTO consultation_attachment (consultation_id, position, filename, size, data)"
                         " VALUES (%" G_GINT64_FORMAT ", 0, '消去花子_通帳.pdf', 5, X'2550444631')",
                         id, id);
  mdg_test_exec (f->db, sql);
  mdg_follow_up_set_consultation_id (follow_up, id);
  g_assert_true (mdg_date_parse_iso ("2026-12-01", &due));
  mdg_follow_up_set_due_date (follow_up, &due);
  g_assert_true (mdg_follow_up_store_add (f->db, f->desk, follow_up, &error));

  /* The export first: consultations, their history, mail and attachments, marked sensitive. */
  record = mdg_person_store_collect (f->db, mdg_person_get_id (person), &error);
  g_assert_no_error (error);
  {
    g_autoptr(GVariant) consultations = g_variant_lookup_value (record, "consultations", NULL);
    g_autoptr(GVariant) history = g_variant_lookup_value (record, "consultation_history", NULL);
    g_autoptr(GVariant) attachments = g_variant_lookup_value (record, "attachments", NULL);
    g_autoptr(GVariant) mail = g_variant_lookup_value (record, "consultation_mail", NULL);
    g_autoptr(GVariant) follow_ups = g_variant_lookup_value (record, "follow_ups", NULL);
    const char *notice = NULL;

    g_assert_cmpuint (g_variant_n_children (consultations), ==, 1);
    g_assert_cmpuint (g_variant_n_children (history), ==, 2);
    g_assert_cmpuint (g_variant_n_children (attachments), ==, 1);
    g_assert_cmpuint (g_variant_n_children (mail), ==, 1);
    g_assert_cmpuint (g_variant_n_children (follow_ups), ==, 1);
    g_assert_true (g_variant_lookup (record, "notice", "&s", &notice));
    g_assert_nonnull (strstr (notice, "sensitive"));
  }

  /* Make the words travel through the index and the log. */
  g_assert_true (mdg_consultation_store_answer (f->db, f->ransom, c, "消去花子様へ：銀行に連絡を", NULL, &error));
  g_assert_true (mdg_database_checkpoint (f->db, &error));
  g_assert_true (mdg_test_file_holds (path, "消去花子"));
  g_assert_true (mdg_test_file_holds (path, "9876543"));

  g_assert_true (mdg_person_store_delete (f->db, mdg_person_get_id (person), &error));
  g_assert_no_error (error);

  g_assert_false (mdg_test_file_holds (path, "消去花子"));
  g_assert_false (mdg_test_file_holds (path, "消去 花子"));
  g_assert_false (mdg_test_file_holds (path, "9876543"));
  g_assert_false (mdg_test_file_holds (path, "hanako.erase@victim.example.jp"));
  g_assert_false (mdg_test_file_holds (path, "erase-1@victim"));
  /* The consultation stays for the figures, with nothing to recognise it by. */
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation"), ==, 1);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation_attachment"), ==, 0);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation_mail"), ==, 0);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation_event WHERE note IS NOT NULL"), ==, 0);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM follow_up WHERE advice IS NOT NULL"), ==, 0);
  {
    g_autoptr(GPtrArray) found = list_queue (f, MDG_CONSULTATION_QUEUE_ALL, 0, "不正送金");
    g_assert_cmpuint (found->len, ==, 0);
  }
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *calls)
{
  (*calls)++;
}

static void
wait_until_loaded (MdgConsultationModel *model)
{
  while (mdg_consultation_model_get_loading (model) || mdg_consultation_model_get_pending_pages (model) > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_model (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgConsultationModel) model = mdg_consultation_model_new (f->db);
  g_autoptr(MdgConsultationFilter) filter = mdg_consultation_filter_new (MDG_CONSULTATION_QUEUE_ALL);
  g_autoptr(MdgConsultation) first = NULL;
  g_autoptr(MdgConsultation) again = NULL;
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  /* 120 consultations, so that the list has three pages. */
  g_assert_true (mdg_database_begin (f->db, &error));
  for (int i = 0; i < 120; i++)
    {
      g_autoptr(MdgConsultation) c = mdg_consultation_new (MDG_CHANNEL_PHONE);
      g_autoptr(GDateTime) at = mdg_test_local (2026, 10, 1 + i % 30, 9 + i / 30, 0);
      g_autofree char *subject = g_strdup_printf ("相談 %03d", i);

      mdg_consultation_set_received_at (c, at);
      mdg_consultation_set_text (c, MDG_CONSULTATION_SUBJECT, subject);
      g_assert_cmpint (_mdg_consultation_store_insert (f->db, f->desk, c, NULL, &error), >, 0);
    }
  g_assert_true (mdg_database_commit (f->db, &error));

  g_signal_connect (model, "items-changed", G_CALLBACK (count_items_changed), &calls);
  mdg_consultation_model_set_filter (model, filter);
  g_assert_true (mdg_consultation_model_get_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  wait_until_loaded (model);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 120);

  /* An item is a placeholder until its page is read, then filled in place. */
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_false (mdg_consultation_get_loaded (first));
  g_assert_null (mdg_consultation_get_text (first, MDG_CONSULTATION_SUBJECT));
  {
    g_autoptr(MdgConsultation) last = g_list_model_get_item (G_LIST_MODEL (model), 119);
    wait_until_loaded (model);
    g_assert_true (mdg_consultation_get_loaded (last));
  }
  g_assert_true (mdg_consultation_get_loaded (first));
  g_assert_cmpstr (mdg_consultation_get_text (first, MDG_CONSULTATION_SUBJECT), ==, "相談 119");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 120));

  /* A change, then a reload: the same object, updated. */
  g_assert_true (mdg_consultation_store_answer (f->db, f->desk, first, "回答済み", NULL, &error));
  mdg_test_exec (f->db, "UPDATE consultation SET subject = '相談 119（更新）' WHERE subject = '相談 119'");
  mdg_consultation_model_reload (model);
  wait_until_loaded (model);
  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (again == first);
  wait_until_loaded (model);
  g_assert_cmpstr (mdg_consultation_get_text (first, MDG_CONSULTATION_SUBJECT), ==, "相談 119（更新）");

  /* A search narrows it, read in a worker. */
  g_clear_pointer (&filter->query, g_free);
  filter->query = g_strdup ("相談 00");
  mdg_consultation_model_set_filter (model, filter);
  wait_until_loaded (model);
  /* 000–009 and 100 */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 11);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/consultation/staff", test_staff);
  g_test_add_func ("/consultation/state-machine", test_state_machine);
  ADD ("/consultation/transitions", test_transitions);
  ADD ("/consultation/intake", test_intake);
  ADD ("/consultation/queues", test_queues);
  ADD ("/consultation/search", test_search);
  ADD ("/consultation/async", test_async);
  ADD ("/consultation/drafts", test_drafts);
  ADD ("/consultation/drafts/survive-kill", test_draft_survives_kill);
  ADD ("/consultation/follow-ups", test_follow_ups);
  ADD ("/consultation/slots", test_slots);
  ADD ("/consultation/report", test_report);
  ADD ("/consultation/person-delete", test_person_delete);
  ADD ("/consultation/model", test_model);
#undef ADD

  return g_test_run ();
}
