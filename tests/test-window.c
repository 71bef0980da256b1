/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "mdg-application.h"
#include "mdg-contacts-page.h"
#include "mdg-database-private.h"
#include "mdg-attendee-sheet.h"
#include "mdg-document-output.h"
#include "mdg-import-dialog.h"
#include "mdg-preferences-window.h"
#include "mdg-registration-store.h"
#include "mdg-registration-editor.h"
#include "mdg-seminar-store.h"
#include "mdg-demo.h"
#include "mdg-program-item-editor.h"
#include "mdg-seminar-editor.h"
#include "mdg-seminars-page.h"
#include "mdg-test-util.h"
#include "mdg-window.h"

/*
 * Drives the real window under Xvfb on a temporary database, and saves a screenshot
 * of every section in the build folder (suffixed with the language) to look at.
 */

static MdgApplication *app;
static MdgWindow *window;
static MdgDatabase *db;
static char *tmpdir;

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
require_named (GtkWidget  *root,
               const char *name)
{
  GtkWidget *widget = find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static GtkWindow *
find_toplevel_other (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (MDG_IS_WINDOW (w) && w != GTK_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

#define wait_until(cond)                                                    \
  G_STMT_START {                                                            \
    gint64 deadline_ = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;       \
    while (!(cond))                                                         \
      {                                                                     \
        if (g_get_monotonic_time () > deadline_)                            \
          g_error ("Timed out waiting for: %s", #cond);                     \
        if (!g_main_context_iteration (NULL, FALSE))                        \
          g_usleep (1000);                                                  \
      }                                                                     \
  } G_STMT_END

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *file = g_strdup_printf ("screenshot-%s-%s.png", name,
                                           language && *language ? language : "en");
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), file, NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  spin (400); /* let transitions finish */
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static MdgSeminarsPage *
seminars_page (void)
{
  return MDG_SEMINARS_PAGE (find_type (GTK_WIDGET (window), MDG_TYPE_SEMINARS_PAGE));
}

static const char *
page_state (void)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_first_child (GTK_WIDGET (seminars_page ())));

  return gtk_stack_get_visible_child_name (stack);
}

static guint
listed (void)
{
  return g_list_model_get_n_items (mdg_seminars_page_get_model (seminars_page ()));
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
test_window_welcome (void)
{
  g_assert_cmpstr (mdg_window_get_section (window), ==, "seminars");
  wait_until (g_strcmp0 (page_state (), "welcome") == 0);
  g_assert_true (gtk_widget_is_drawable (require_named (GTK_WIDGET (window), "welcome-new")));
  g_assert_true (gtk_widget_is_drawable (require_named (GTK_WIDGET (window), "welcome-sample")));
  screenshot (GTK_WIDGET (window), "welcome");
}

static void
test_window_create_seminar (void)
{
  GtkWindow *editor;
  GtkWidget *save;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, 30);
  MdgSeminar *selected;

  click (require_named (GTK_WIDGET (window), "welcome-new"));
  wait_until ((editor = find_toplevel (MDG_TYPE_SEMINAR_EDITOR)) != NULL);

  /* Create stays off until the seminar has a title. */
  save = require_named (GTK_WIDGET (editor), "save-seminar");
  g_assert_false (gtk_widget_is_sensitive (save));

  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-title-row")),
                         "ランサムウェア対策セミナー");
  gtk_calendar_select_day (GTK_CALENDAR (require_named (GTK_WIDGET (editor), "seminar-calendar")), day);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (require_named (GTK_WIDGET (editor), "start-hour")), 14);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (require_named (GTK_WIDGET (editor), "start-minute")), 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (require_named (GTK_WIDGET (editor), "end-hour")), 16);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (require_named (GTK_WIDGET (editor), "end-minute")), 30);
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-venue-row")),
                         "立川商工会議所 3階 大会議室（東京都立川市曙町2-38-5）");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (require_named (GTK_WIDGET (editor), "seminar-capacity")), 40);
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-co-organizer-row")),
                         "多摩信用金庫");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (require_named (GTK_WIDGET (editor), "seminar-description"))),
                            "最近の被害事例と、今日からできる対策を解説します。", -1);
  screenshot (GTK_WIDGET (editor), "seminar-editor");

  /* A bad online URL is refused with a message, and nothing typed is lost. */
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-online-row")), "meet.example.jp");
  click (save);
  spin (100);
  g_assert_true (find_toplevel (MDG_TYPE_SEMINAR_EDITOR) == editor);
  g_assert_true (gtk_widget_get_child_visible (require_named (GTK_WIDGET (editor), "editor-error")));
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar"), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-title-row"))),
                   ==, "ランサムウェア対策セミナー");

  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-online-row")), "");
  click (save);
  wait_until (find_toplevel (MDG_TYPE_SEMINAR_EDITOR) == NULL);

  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar WHERE title = 'ランサムウェア対策セミナー'"
                                       " AND capacity = 40 AND co_organizer = '多摩信用金庫'"
                                       " AND ends_at - starts_at = 150 * 60 AND status = 'planned'"), ==, 1);

  wait_until (g_strcmp0 (page_state (), "browse") == 0 && listed () == 1 &&
              mdg_seminars_page_get_selected (seminars_page ()) != NULL);
  selected = mdg_seminars_page_get_selected (seminars_page ());
  g_assert_cmpstr (mdg_seminar_get_title (selected), ==, "ランサムウェア対策セミナー");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (require_named (GTK_WIDGET (window), "seminar-title"))), ==,
                   "ランサムウェア対策セミナー");
}

static void
add_program_item (MdgProgramKind  kind,
                  guint           minutes,
                  const char     *presenter,
                  const char     *deck)
{
  GtkWindow *editor;

  gtk_widget_activate_action (GTK_WIDGET (seminars_page ()), "seminars.add-program-item", NULL);
  wait_until ((editor = find_toplevel (MDG_TYPE_PROGRAM_ITEM_EDITOR)) != NULL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (require_named (GTK_WIDGET (editor), "program-kind-row")), kind);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (require_named (GTK_WIDGET (editor), "program-minutes")), minutes);
  if (presenter)
    gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "program-presenter-row")), presenter);
  if (deck)
    gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "program-deck-row")), deck);
  if (kind == MDG_PROGRAM_KIND_PRESENTATION)
    screenshot (GTK_WIDGET (editor), "program-item-editor");
  click (require_named (GTK_WIDGET (editor), "save-program-item"));
  wait_until (find_toplevel (MDG_TYPE_PROGRAM_ITEM_EDITOR) == NULL);
}

static void
test_window_edit_program (void)
{
  GtkWidget *program_list = require_named (GTK_WIDGET (window), "program-list");
  GtkWidget *overrun = require_named (GTK_WIDGET (window), "program-overrun");
  gint64 break_id;

  add_program_item (MDG_PROGRAM_KIND_PRESENTATION, 60, "情報セキュリティ支援センター 佐藤 誠", "最近のサイバー攻撃 2026");
  add_program_item (MDG_PROGRAM_KIND_BREAK, 10, NULL, NULL);
  add_program_item (MDG_PROGRAM_KIND_QA, 20, NULL, NULL);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM program_item"), ==, 3);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM program_item WHERE kind = 'presentation'"
                                       " AND presenter LIKE '%佐藤%' AND minutes = 60"), ==, 1);
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (program_list), 2));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (overrun)));

  /* 60 + 10 + 20 + 80 = 170 minutes in a 150-minute seminar: a warning. */
  add_program_item (MDG_PROGRAM_KIND_CONSULTATION, 80, NULL, NULL);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (overrun)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (overrun)), "20"));

  /* Move the break above the presentation. */
  break_id = mdg_test_count (db, "SELECT id FROM program_item WHERE kind = 'break'");
  gtk_widget_activate_action (GTK_WIDGET (seminars_page ()), "seminars.move-item", "(xi)", break_id, -1);
  g_assert_cmpint (mdg_test_count (db, "SELECT kind = 'break' FROM program_item ORDER BY position LIMIT 1"), ==, 1);

  screenshot (GTK_WIDGET (window), "seminar-detail");

  /* Removing the consultation slots ends the warning. */
  gtk_widget_activate_action (GTK_WIDGET (seminars_page ()), "seminars.remove-item", "x",
                              mdg_test_count (db, "SELECT id FROM program_item WHERE kind = 'consultation'"));
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM program_item"), ==, 3);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (overrun)));

  /* The workflow moves on: planned → open. */
  click (require_named (GTK_WIDGET (window), "advance-status"));
  wait_until (mdg_test_count (db, "SELECT count(*) FROM seminar WHERE status = 'open'") == 1);
}

static void
test_window_search (void)
{
  GtkEditable *search = GTK_EDITABLE (require_named (GTK_WIDGET (window), "seminar-search"));

  gtk_editable_set_text (search, "存在しない");
  wait_until (listed () == 0);
  screenshot (GTK_WIDGET (window), "search-no-results");
  /* Katakana typed as hiragana still matches. */
  gtk_editable_set_text (search, "らんさむ");
  wait_until (listed () == 1);
  gtk_editable_set_text (search, "");
  wait_until (listed () == 1);
}

static void
test_window_delete_and_undo (void)
{
  gint64 id = mdg_seminar_get_id (mdg_seminars_page_get_selected (seminars_page ()));

  gtk_widget_activate_action (GTK_WIDGET (seminars_page ()), "seminars.delete", NULL);
  g_assert_cmpuint (listed (), ==, 0);
  g_assert_cmpstr (page_state (), ==, "welcome");
  /* Still in the database while Undo is offered. */
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar"), ==, 1);
  screenshot (GTK_WIDGET (window), "deleted-undo-toast");

  gtk_widget_activate_action (GTK_WIDGET (seminars_page ()), "seminars.undo-delete", NULL);
  wait_until (listed () == 1 && mdg_seminars_page_get_selected (seminars_page ()) != NULL);
  g_assert_cmpint (mdg_seminar_get_id (mdg_seminars_page_get_selected (seminars_page ())), ==, id);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM program_item"), ==, 3);

  /* Deleted again and left to stand until its toast times out, it is gone for good with its program. */
  gtk_widget_activate_action (GTK_WIDGET (seminars_page ()), "seminars.delete", NULL);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar"), ==, 1);
  wait_until (mdg_test_count (db, "SELECT count(*) FROM seminar") == 0);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM program_item"), ==, 0);
}

static void
test_window_sections (void)
{
  static const char *names[] = { "consultations", "follow-ups", "decks", "faq", "threats", "contacts", "reports" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();

  /* Fill the window's database with sample data for a lived-in seminar list. */
  g_assert_true (mdg_demo_fill (db, MDG_DEMO_SIZE_SMALL, today, NULL, &error));
  g_assert_no_error (error);
  mdg_seminars_page_set_database (seminars_page (), db);
  gtk_widget_activate_action (GTK_WIDGET (seminars_page ()), "seminars.show-list", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *shot = g_strdup_printf ("section-%s", names[i]);

      mdg_window_show_section (window, names[i]);
      g_assert_cmpstr (mdg_window_get_section (window), ==, names[i]);
      screenshot (GTK_WIDGET (window), shot);
    }

  mdg_window_show_section (window, "seminars");
  wait_until (listed () == 12);
  mdg_seminars_page_select (seminars_page (),
                            mdg_test_count (db, "SELECT id FROM seminar WHERE ends_at > strftime('%s', 'now')"
                                                " ORDER BY starts_at LIMIT 1"));
  wait_until (mdg_seminars_page_get_selected (seminars_page ()) != NULL);
  screenshot (GTK_WIDGET (window), "section-seminars");
}

static char *
to_katakana (const char *hiragana)
{
  GString *out = g_string_new (NULL);

  for (const char *p = hiragana; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (out, c >= 0x3041 && c <= 0x3096 ? c + 0x60 : c);
    }
  return g_string_free (out, FALSE);
}

/* An upcoming seminar with places left, that the walk-in of the check-in test did not register for. */
static gint64
seminar_with_room (void)
{
  return mdg_test_count (db, "SELECT s.id FROM seminar AS s WHERE s.ends_at > strftime('%s', 'now')"
                             " AND s.capacity > (SELECT count(*) FROM registration AS r WHERE r.seminar_id = s.id"
                             " AND r.status = 'registered') + 2 AND NOT EXISTS (SELECT 1 FROM registration AS r"
                             " JOIN person AS p ON p.id = r.person_id WHERE r.seminar_id = s.id"
                             " AND p.family_name = '飛込') ORDER BY s.starts_at LIMIT 1");
}

static void
open_seminar_view (gint64      seminar_id,
                   const char *view)
{
  mdg_window_show_section (window, "seminars");
  mdg_seminars_page_select (seminars_page (), seminar_id);
  wait_until (mdg_seminars_page_get_selected (seminars_page ()) != NULL &&
              mdg_seminar_get_id (mdg_seminars_page_get_selected (seminars_page ())) == seminar_id);
  gtk_widget_activate_action (GTK_WIDGET (seminars_page ()), "seminars.show-view", "s", view);
}

static void
test_window_checkin (void)
{
  gint64 seminar_id = seminar_with_room ();
  GtkWidget *entry, *count, *results;
  g_autofree char *expected_count = NULL;
  g_autofree char *number = NULL;
  g_autofree char *kana = NULL;
  g_autofree char *katakana = NULL;
  gint64 registration;
  gint64 registered = mdg_test_count (db, "SELECT count(*) FROM registration WHERE status = 'registered' AND seminar_id = "
                                          "(SELECT id FROM seminar ORDER BY id LIMIT 1) AND 0");

  g_assert_cmpint (seminar_id, >, 0);
  open_seminar_view (seminar_id, "check-in");
  entry = require_named (GTK_WIDGET (window), "checkin-search");
  count = require_named (GTK_WIDGET (window), "checkin-count");
  results = require_named (GTK_WIDGET (window), "checkin-results");

  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT
                                            " AND status = 'registered'", seminar_id);
    registered = mdg_test_count (db, sql);
    expected_count = g_strdup_printf ("0 / %" G_GINT64_FORMAT, registered);
  }
  g_assert_cmpint (registered, >, 0);
  wait_until (g_strcmp0 (gtk_label_get_text (GTK_LABEL (count)), expected_count) == 0);
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_focus (entry) || TRUE);

  /* A registered attendee of this seminar, by registration number: one match, Enter checks in. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT r.id FROM registration AS r JOIN person AS p ON p.id = r.person_id"
                                            " WHERE r.seminar_id = %" G_GINT64_FORMAT " AND r.status = 'registered'"
                                            " ORDER BY r.id LIMIT 1", seminar_id);
    sqlite3_stmt *stmt;

    registration = mdg_test_count (db, sql);
    g_assert_cmpint (sqlite3_prepare_v2 (_mdg_database_get_handle (db),
                                         "SELECT r.number, p.family_kana || p.given_kana FROM registration AS r"
                                         " JOIN person AS p ON p.id = r.person_id WHERE r.id = ?", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    sqlite3_bind_int64 (stmt, 1, registration);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    number = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    kana = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    sqlite3_finalize (stmt);
  }

  /* The reading typed in katakana finds the attendee registered in hiragana. */
  katakana = to_katakana (kana);
  gtk_editable_set_text (GTK_EDITABLE (entry), katakana);
  wait_until (gtk_widget_get_visible (results) && gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), 0) != NULL);
  screenshot (GTK_WIDGET (window), "checkin-search");

  /* A scanner types the number and Enter. */
  gtk_editable_set_text (GTK_EDITABLE (entry), number);
  g_signal_emit_by_name (entry, "activate");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM registration WHERE id = %" G_GINT64_FORMAT
                                            " AND checked_in_at IS NOT NULL", registration);
    g_autofree char *after = g_strdup_printf ("1 / %" G_GINT64_FORMAT, registered);

    wait_until (mdg_test_count (db, sql) == 1);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, after);
    /* Ready for the next person. */
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
    screenshot (GTK_WIDGET (window), "checkin-done");

    /* A mistaken check-in is undone. */
    gtk_widget_activate_action (require_named (GTK_WIDGET (window), "checkin-search"), "checkin.undo", NULL);
    wait_until (mdg_test_count (db, sql) == 0);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, expected_count);
  }

  /* A walk-in: registered and checked in from the same screen. */
  {
    GtkWindow *editor;

    gtk_widget_activate_action (entry, "checkin.walk-in", NULL);
    wait_until ((editor = find_toplevel (MDG_TYPE_REGISTRATION_EDITOR)) != NULL);
    gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "registration-family-name")), "飛込");
    gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "registration-given-name")), "一郎");
    gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "registration-family-kana")), "とびこみ");
    gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "registration-organization")),
                           "当日参加株式会社");
    gtk_switch_set_active (GTK_SWITCH (require_named (GTK_WIDGET (editor), "registration-consent")), TRUE);
    screenshot (GTK_WIDGET (editor), "walk-in");
    click (require_named (GTK_WIDGET (editor), "save-registration"));
    wait_until (find_toplevel (MDG_TYPE_REGISTRATION_EDITOR) == NULL);
    wait_until (mdg_test_count (db, "SELECT count(*) FROM registration AS r JOIN person AS p ON p.id = r.person_id"
                                    " WHERE p.family_name = '飛込' AND r.checked_in_at IS NOT NULL"
                                    " AND p.consent_at IS NOT NULL") == 1);
  }
}

static void
test_window_attendees (void)
{
  gint64 seminar_id = seminar_with_room ();
  GtkWidget *table;
  GtkWindow *editor;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT,
                                          seminar_id);
  gint64 before = mdg_test_count (db, sql);

  open_seminar_view (seminar_id, "attendees");
  table = require_named (GTK_WIDGET (window), "attendee-table");
  wait_until (gtk_column_view_get_model (GTK_COLUMN_VIEW (table)) != NULL &&
              g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (table)))) == before);
  screenshot (GTK_WIDGET (window), "attendees");

  /* Registering someone who is already known offers the known person instead of a duplicate. */
  gtk_widget_activate_action (require_named (GTK_WIDGET (window), "attendee-search"), "attendees.register", NULL);
  wait_until ((editor = find_toplevel (MDG_TYPE_REGISTRATION_EDITOR)) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "registration-family-name")), "飛込");
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "registration-given-name")), "一郎");
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "registration-organization")),
                         "当日参加株式会社");
  click (require_named (GTK_WIDGET (editor), "save-registration"));
  {
    AdwMessageDialog *question = NULL;

    wait_until ((question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
    screenshot (GTK_WIDGET (question), "duplicate-question");
    adw_message_dialog_response (question, "existing");
  }
  wait_until (find_toplevel (MDG_TYPE_REGISTRATION_EDITOR) == NULL);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM person WHERE family_name = '飛込'"), ==, 1);
}

static void
test_window_contacts (void)
{
  MdgContactsPage *page;
  GtkWidget *search;
  gint64 id;

  mdg_window_show_section (window, "contacts");
  page = MDG_CONTACTS_PAGE (find_type (GTK_WIDGET (window), MDG_TYPE_CONTACTS_PAGE));
  wait_until (mdg_contacts_page_get_n_people (page) > 100);

  /* Search as you type, in any kana script. */
  search = require_named (GTK_WIDGET (page), "contacts-search");
  gtk_editable_set_text (GTK_EDITABLE (search), "トビコミ");
  wait_until (mdg_contacts_page_get_n_people (page) == 1);
  id = mdg_test_count (db, "SELECT id FROM person WHERE family_name = '飛込'");
  mdg_contacts_page_select (page, id);
  wait_until (mdg_contacts_page_get_selected (page) != NULL);
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (require_named (GTK_WIDGET (page), "contacts-seminars")), 0));
  screenshot (GTK_WIDGET (window), "contacts");

  /* Edit and save. */
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (page), "contacts-phone")), "042-999-0000");
  click (require_named (GTK_WIDGET (page), "contacts-save"));
  wait_until (mdg_test_count (db, "SELECT count(*) FROM person WHERE phone = '042-999-0000'") == 1);

  /* Delete everywhere, after the confirmation. */
  wait_until (mdg_contacts_page_get_selected (page) != NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "contacts.delete", NULL);
  {
    AdwMessageDialog *confirm = NULL;

    wait_until ((confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
    screenshot (GTK_WIDGET (confirm), "delete-person");
    adw_message_dialog_response (confirm, "delete");
  }
  wait_until (mdg_test_count (db, "SELECT count(*) FROM person WHERE family_name = '飛込'") == 0);
  wait_until (mdg_contacts_page_get_n_people (page) == 0);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM search_index WHERE search_index MATCH '\"とびこみ\"'"), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (search), "");

  /* Organizations, found by reading in any script, edited, with their people. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (require_named (GTK_WIDGET (page), "contacts-organizations")), TRUE);
  g_assert_false (gtk_widget_get_visible (require_named (GTK_WIDGET (page), "person-menu")));
  gtk_editable_set_text (GTK_EDITABLE (search), "タチカワ");
  /* The search result, not the whole list shown a moment before it (40 organizations). */
  wait_until (mdg_contacts_page_get_n_people (page) > 0 && mdg_contacts_page_get_n_people (page) < 10 &&
              gtk_list_box_get_row_at_index (GTK_LIST_BOX (require_named (GTK_WIDGET (page), "contacts-list")), 0));
  gtk_list_box_select_row (GTK_LIST_BOX (require_named (GTK_WIDGET (page), "contacts-list")),
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (require_named (GTK_WIDGET (page), "contacts-list")), 0));
  wait_until (gtk_list_box_get_row_at_index (GTK_LIST_BOX (require_named (GTK_WIDGET (page), "organization-people")), 0));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (require_named (GTK_WIDGET (page), "organization-employees")), 77);
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (page), "organization-note")), "BCP 策定支援中");
  screenshot (GTK_WIDGET (window), "organizations");
  click (require_named (GTK_WIDGET (page), "organization-save"));
  wait_until (mdg_test_count (db, "SELECT count(*) FROM organization WHERE employees = 77 AND note = 'BCP 策定支援中'") == 1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (require_named (GTK_WIDGET (page), "contacts-people")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  mdg_window_show_section (window, "seminars");
}

static void
test_window_import (void)
{
  gint64 seminar_id = seminar_with_room ();
  g_autofree char *path = g_build_filename (tmpdir, "form.csv", NULL);
  g_autofree char *sjis = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  gsize length;
  static const char csv[] = "受付番号,お名前,フリガナ,貴社名,備考,メールアドレス\r\n"
                            "F-1,髙橋 花子,タカハシ ハナコ,株式会社山﨑製作所,総務部,hanako@yamazaki.example.jp\r\n"
                            "F-2,①山田 太郎,ﾔﾏﾀﾞ ﾀﾛｳ,有限会社～ゆめ～,営業部,taro@yume.example.jp\r\n";

  sjis = g_convert (csv, -1, "CP932", "UTF-8", NULL, &length, &error);
  g_assert_true (g_file_set_contents (path, sjis, length, NULL));
  file = g_file_new_for_path (path);
  seminar = mdg_seminar_store_load (db, seminar_id, &error);

  dialog = mdg_import_dialog_new (db, seminar, file);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (find_named (dialog, "import-column") != NULL);

  /* Read as CP932 by itself; 備考 is unknown until the user maps it to the department. */
  {
    GtkWidget *column = find_named (dialog, "import-column");
    GtkWidget *remark = NULL;

    for (GtkWidget *w = column; w; w = gtk_widget_get_next_sibling (w))
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), "備考") == 0)
        remark = w;
    g_assert_nonnull (remark);
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (remark)), ==, 0);
    adw_combo_row_set_selected (ADW_COMBO_ROW (remark), 9); /* Department */
  }
  g_assert_true (gtk_widget_is_sensitive (require_named (dialog, "import-commit")));
  screenshot (dialog, "import-preview");

  click (require_named (dialog, "import-commit"));
  wait_until (find_toplevel (MDG_TYPE_IMPORT_DIALOG) == NULL);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM registration AS r JOIN person AS p ON p.id = r.person_id"
                                       " WHERE r.number IN ('F-1', 'F-2') AND r.source = 'csv'"), ==, 2);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM person WHERE department = '営業部'"
                                       " AND family_kana = 'ヤマダ'"), ==, 1);
}

static void
test_window_print_and_shortcuts (void)
{
  gint64 seminar_id = seminar_with_room ();
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(MdgDocument) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "printed.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  /* What the print dialog would send, through GtkPrintOperation's own drawing. */
  seminar = mdg_seminar_store_load (db, seminar_id, &error);
  attendees = mdg_registration_store_list (db, seminar_id, &error);
  sheet = mdg_attendee_sheet_new (seminar, attendees, MDG_ATTENDEE_SHEET_SIGN_IN);
  g_assert_true (_mdg_document_print_to_file (window, sheet, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (mdg_document_get_n_pages (sheet), >=, 1);
  g_assert_cmpuint (length, >, 10000);

  /* Preferences: the paper and era dates reach the settings documents read. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  {
    GtkWindow *preferences = NULL;
    g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
    g_autofree char *paper = NULL;

    wait_until ((preferences = find_toplevel (MDG_TYPE_PREFERENCES_WINDOW)) != NULL);
    adw_combo_row_set_selected (ADW_COMBO_ROW (require_named (GTK_WIDGET (preferences), "preferences-paper")), 1);
    gtk_switch_set_active (GTK_SWITCH (require_named (GTK_WIDGET (preferences), "preferences-era")), TRUE);
    paper = g_settings_get_string (settings, "paper-size");
    g_assert_cmpstr (paper, ==, "b5");
    g_assert_true (g_settings_get_boolean (settings, "era-dates"));
    screenshot (GTK_WIDGET (preferences), "preferences");
    gtk_window_close (preferences);
    g_settings_reset (settings, "paper-size");
    g_settings_reset (settings, "era-dates");
  }

  /* The shortcuts window loads from its resource and lists the seminar shortcuts. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  {
    GtkWindow *shortcuts = NULL;

    wait_until ((shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW)) != NULL);
    screenshot (GTK_WIDGET (shortcuts), "shortcuts");
    gtk_window_close (shortcuts);
  }
}

static void
test_window_narrow (void)
{
  AdwLeaflet *outer = ADW_LEAFLET (find_type (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  AdwLeaflet *inner = ADW_LEAFLET (find_type (GTK_WIDGET (seminars_page ()), ADW_TYPE_LEAFLET));

  /* At 800 pixels the sidebar stays; the seminar list and detail take turns. */
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  spin (500);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 800);
  g_assert_false (adw_leaflet_get_folded (outer));
  g_assert_true (adw_leaflet_get_folded (inner));
  screenshot (GTK_WIDGET (window), "narrow-800");

  /* A phone-sized window folds the sidebar too. */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  spin (500);
  g_assert_true (adw_leaflet_get_folded (outer));
  screenshot (GTK_WIDGET (window), "narrow-400");

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  spin (300);
}

static void
test_window_sample_data (void)
{
  GtkWindow *sample = NULL;
  g_autofree char *sample_path = g_build_filename (tmpdir, "sample.db", NULL);
  g_autoptr(MdgDatabase) sample_db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 own_seminars = mdg_test_count (db, "SELECT count(*) FROM seminar");

  g_action_group_activate_action (G_ACTION_GROUP (app), "open-sample", NULL);
  wait_until ((sample = GTK_WINDOW (find_toplevel_other ())) != NULL);
  g_assert_true (mdg_window_get_sample (MDG_WINDOW (sample)));
  g_assert_true (mdg_window_get_database (MDG_WINDOW (sample)) != db);

  /* The sample lives in its own file; the user's database is untouched. */
  sample_db = mdg_database_open (sample_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_count (sample_db, "SELECT count(*) FROM seminar"), ==, 12);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar"), ==, own_seminars);
  spin (500);
  screenshot (GTK_WIDGET (sample), "sample-window");

  /* A deletion still waiting for Undo becomes final when its window closes. */
  {
    MdgSeminarsPage *page = MDG_SEMINARS_PAGE (find_type (GTK_WIDGET (sample), MDG_TYPE_SEMINARS_PAGE));

    wait_until (g_list_model_get_n_items (mdg_seminars_page_get_model (page)) == 12);
    mdg_seminars_page_select (page, mdg_test_count (sample_db, "SELECT min(id) FROM seminar"));
    wait_until (mdg_seminars_page_get_selected (page) != NULL);
    gtk_widget_activate_action (GTK_WIDGET (page), "seminars.delete", NULL);
    g_assert_cmpint (mdg_test_count (sample_db, "SELECT count(*) FROM seminar"), ==, 12);
    gtk_window_close (sample);
    g_assert_cmpint (mdg_test_count (sample_db, "SELECT count(*) FROM seminar"), ==, 11);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  mdg_test_init (&argc, &argv);
  adw_init ();
  if (!gtk_init_check ())
    {
      /* Never skip: the window tests are part of the suite. */
      g_printerr ("No display: the window tests need Xvfb (build-aux/test runs them under xvfb-run)\n");
      return 1;
    }

  tmpdir = mdg_test_make_tmpdir ();
  path = g_build_filename (tmpdir, "madoguchi.db", NULL);
  db = mdg_database_open (path, &error);
  g_assert_no_error (error);

  app = mdg_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  mdg_application_set_database_path (app, path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  wait_until ((window = MDG_WINDOW (find_toplevel (MDG_TYPE_WINDOW))) != NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_test_add_func ("/window/welcome", test_window_welcome);
  g_test_add_func ("/window/create-seminar", test_window_create_seminar);
  g_test_add_func ("/window/edit-program", test_window_edit_program);
  g_test_add_func ("/window/search", test_window_search);
  g_test_add_func ("/window/delete-undo", test_window_delete_and_undo);
  g_test_add_func ("/window/sections", test_window_sections);
  g_test_add_func ("/window/checkin", test_window_checkin);
  g_test_add_func ("/window/attendees", test_window_attendees);
  g_test_add_func ("/window/contacts", test_window_contacts);
  g_test_add_func ("/window/import", test_window_import);
  g_test_add_func ("/window/print-shortcuts", test_window_print_and_shortcuts);
  g_test_add_func ("/window/narrow", test_window_narrow);
  g_test_add_func ("/window/sample-data", test_window_sample_data);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&db);
  mdg_test_rm_rf (tmpdir);
  return status;
}
