/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "mdg-attendee-import.h"
#include "mdg-database-private.h"
#include "mdg-import-dialog.h"
#include "mdg-seminar-store.h"
#include "mdg-test-util.h"

/*
 * The import dialog under Xvfb, as a desk coordinator meets it: a connpass list, its
 * newer export with a changed detail to apply, and a municipal form whose names come
 * in two columns. Screenshots of each land in the build folder, suffixed with the
 * language.
 */

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
require_named (GtkWidget  *root,
               const char *name)
{
  GtkWidget *widget = find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

#define wait_until(cond)                                                    \
  G_STMT_START {                                                            \
    gint64 deadline_ = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;       \
    while (!(cond))                                                         \
      {                                                                     \
        if (g_get_monotonic_time () > deadline_)                            \
          g_error ("Timed out waiting for: %s", #cond);                     \
        if (!g_main_context_iteration (NULL, FALSE))                        \
          g_usleep (1000);                                                  \
      }                                                                     \
  } G_STMT_END

/* Lets frames be drawn: a transition or a resize settles in a few. */
static void
draw_frames (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 target = gdk_frame_clock_get_frame_counter (clock) + 20;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (widget);
  while (gdk_frame_clock_get_frame_counter (clock) < target && g_get_monotonic_time () < deadline)
    {
      gtk_widget_queue_draw (widget);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *file = g_strdup_printf ("screenshot-%s-%s.png", name, language && *language ? language : "en");
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), file, NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  draw_frames (widget);
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

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
dialog_open (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (MDG_IS_IMPORT_DIALOG (w))
        return TRUE;
    }
  return FALSE;
}

static gint64
add_seminar (int capacity)
{
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 30);
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (seminar, "title", "中小企業のためのランサムウェア対策セミナー", "starts-at", starts, "ends-at", ends,
                "capacity", capacity, NULL);
  g_assert_true (mdg_seminar_store_save (db, seminar, &error));
  return mdg_seminar_get_id (seminar);
}

/* Opens the dialog on a fixture and waits until it has compared the file with the seminar. */
static GtkWidget *
open_dialog (gint64      seminar_id,
             const char *fixture)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", fixture, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MdgSeminar) seminar = mdg_seminar_store_load (db, seminar_id, NULL);
  GtkWidget *dialog = mdg_import_dialog_new (db, seminar, file);

  gtk_window_set_default_size (GTK_WINDOW (dialog), 720, 1000);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (find_named (dialog, "import-column") != NULL);
  wait_until (gtk_widget_get_visible (gtk_widget_get_ancestor (require_named (dialog, "import-summary"),
                                                               ADW_TYPE_PREFERENCES_GROUP)) &&
              gtk_widget_is_sensitive (require_named (dialog, "import-commit")));
  return dialog;
}

static GtkWidget *
column_row (GtkWidget  *dialog,
            const char *header)
{
  for (GtkWidget *w = find_named (dialog, "import-column"); w; w = gtk_widget_get_next_sibling (w))
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), header) == 0)
      return w;
  g_error ("No column row for %s", header);
}

/* The combo row's choice, as the label the user reads. */
static const char *
column_choice (GtkWidget  *dialog,
               const char *header)
{
  GtkWidget *row = column_row (dialog, header);
  GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (row));

  return gtk_string_object_get_string (item);
}

static guint
list_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *w = gtk_widget_get_first_child (list); w; w = gtk_widget_get_next_sibling (w))
    n++;
  return n;
}

static void
test_connpass (void)
{
  gint64 seminar_id = add_seminar (28);
  GtkWidget *dialog = open_dialog (seminar_id, "connpass-utf8.csv");
  GtkWidget *summary = require_named (dialog, "import-summary");
  g_autofree char *new_rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new registration",
                                                            "%u new registrations", 34), 34);

  /* The service is named, the mapping shown, the other columns kept as answers. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (require_named (dialog, "import-file"))),
                            mdg_import_format_get_label (MDG_IMPORT_FORMAT_CONNPASS)));
  g_assert_cmpstr (column_choice (dialog, "氏名"), ==, mdg_import_target_get_label (MDG_IMPORT_FULL_NAME));
  g_assert_cmpstr (column_choice (dialog, "会社名（フリガナ）"), ==,
                   mdg_import_target_get_label (MDG_IMPORT_ORGANIZATION_KANA));
  g_assert_cmpstr (column_choice (dialog, "更新日時"), ==, mdg_import_target_get_label (MDG_IMPORT_APPLIED_AT));
  g_assert_cmpstr (column_choice (dialog, "コメント"), ==, mdg_import_target_get_label (MDG_IMPORT_ANSWER));
  g_assert_cmpstr (column_choice (dialog, "参加枠名"), ==, mdg_import_target_get_label (MDG_IMPORT_ATTENDANCE));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (summary)), ==, new_rows);
  /* A range of employees and an unanswered consent are said, and imported all the same. */
  g_assert_cmpuint (list_rows (require_named (dialog, "import-notices")), ==, 2);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (require_named (dialog, "import-changes"),
                                                                   ADW_TYPE_PREFERENCES_GROUP)));
  screenshot (dialog, "import-connpass");

  click (require_named (dialog, "import-commit"));
  wait_until (!dialog_open ());
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM registration WHERE answers IS NOT NULL"), ==, 34);

  /* The newer export: new rows, two cancellations, a changed phone to apply. */
  dialog = open_dialog (seminar_id, "connpass-updated.csv");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (require_named (dialog, "import-changes"),
                                                                  ADW_TYPE_PREFERENCES_GROUP)));
  g_assert_cmpuint (list_rows (require_named (dialog, "import-changes")), ==, 1);
  {
    GtkWidget *change = gtk_widget_get_first_child (require_named (dialog, "import-changes"));

    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (change)), "090-1234-5678"));
  }
  screenshot (dialog, "import-connpass-update");
  {
    GtkWidget *accept = require_named (dialog, "import-accept-changes");

    g_assert_true (gtk_widget_is_sensitive (accept));
    g_assert_false (gtk_switch_get_active (GTK_SWITCH (accept)));
    gtk_widget_activate (accept);
    wait_until (gtk_switch_get_active (GTK_SWITCH (accept)));
  }
  click (require_named (dialog, "import-commit"));
  wait_until (!dialog_open ());
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM person WHERE phone = '090-1234-5678'"), ==, 1);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM registration WHERE status = 'cancelled'"), ==, 3);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM registration"), ==, 37);
}

static void
test_municipal (void)
{
  gint64 seminar_id = add_seminar (30);
  GtkWidget *dialog = open_dialog (seminar_id, "municipal-cp932.csv");

  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (require_named (dialog, "import-file"))),
                            mdg_import_format_get_label (MDG_IMPORT_FORMAT_MUNICIPAL)));
  g_assert_cmpstr (column_choice (dialog, "氏名（姓）"), ==, mdg_import_target_get_label ((MdgImportTarget) MDG_PERSON_FAMILY_NAME));
  g_assert_cmpstr (column_choice (dialog, "氏名（名）"), ==, mdg_import_target_get_label ((MdgImportTarget) MDG_PERSON_GIVEN_NAME));
  g_assert_cmpstr (column_choice (dialog, "フリガナ（メイ）"), ==, mdg_import_target_get_label ((MdgImportTarget) MDG_PERSON_GIVEN_KANA));
  g_assert_cmpstr (column_choice (dialog, "事業所名（フリガナ）"), ==,
                   mdg_import_target_get_label (MDG_IMPORT_ORGANIZATION_KANA));
  g_assert_cmpstr (column_choice (dialog, "従業員数"), ==, mdg_import_target_get_label (MDG_IMPORT_EMPLOYEES));
  g_assert_cmpstr (column_choice (dialog, "個人情報の取扱いに同意"), ==, mdg_import_target_get_label (MDG_IMPORT_CONSENT));
  screenshot (dialog, "import-municipal");

  /* The user keeps 業種 as an answer instead: the choice holds through the comparison. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (column_row (dialog, "業種")), 0);
  wait_until (gtk_widget_is_sensitive (require_named (dialog, "import-commit")));
  g_assert_cmpstr (column_choice (dialog, "業種"), ==, mdg_import_target_get_label (MDG_IMPORT_ANSWER));

  click (require_named (dialog, "import-commit"));
  wait_until (!dialog_open ());
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM person WHERE family_name = '髙橋' AND given_name = '恵'"
                                       " AND given_kana = 'メグミ'"), ==, 1);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM registration WHERE attendance = 'online'"
                                       " AND questions IS NOT NULL"), >, 0);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM registration WHERE answers LIKE '%業種%'"), ==, 34);
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

  g_test_add_func ("/import-dialog/connpass", test_connpass);
  g_test_add_func ("/import-dialog/municipal", test_municipal);
  status = g_test_run ();

  g_clear_object (&db);
  mdg_test_rm_rf (tmpdir);
  return status;
}
