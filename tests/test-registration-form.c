/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mdg-attendee-import.h"
#include "mdg-date.h"
#include "mdg-registration-dialog.h"
#include "mdg-seminar-store.h"
#include "mdg-seminars-page.h"
#include "mdg-window-test-util.h"

/*
 * What the registration forms brought, in the window: a municipal seminar form
 * (tests/data/import/municipal-utf8.csv) imported for real, then the seminar's
 * overview read through its widgets — venue and online counts, the questions sent
 * in advance in the order people applied — and one registration's dialog with the
 * form's answers. The truth is the fixture's own expected file, not the database.
 */

typedef struct
{
  GPtrArray *rows;  /* of JsonObject: one per registration, by the expected file's keys */
} Truth;

static void
load_truth (Truth *truth)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "expected-municipal-utf8.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) keys = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  truth->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      JsonObject *row;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (keys == NULL)
        {
          keys = g_steal_pointer (&fields);
          continue;
        }
      g_assert_cmpuint (g_strv_length (fields), ==, g_strv_length (keys));
      row = json_object_new ();
      for (guint k = 0; keys[k] != NULL; k++)
        {
          JsonNode *node = json_from_string (fields[k], &error);

          g_assert_no_error (error);
          json_object_set_member (row, keys[k], node);
        }
      g_ptr_array_add (truth->rows, row);
    }
}

static const char *
truth_text (JsonObject *row,
            const char *key)
{
  JsonNode *node = json_object_get_member (row, key);

  return JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node);
}

typedef struct
{
  WindowFixture w;
  Truth         truth;
  gint64        seminar_id;
} Fixture;

static void
form_fixture_set_up (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "import", "municipal-utf8.csv", NULL);
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, 20);
  g_autoptr(GDateTime) starts = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                       g_date_time_get_day_of_month (day), 14, 0, 0);
  g_autoptr(GDateTime) ends = g_date_time_add_hours (starts, 2);
  g_autoptr(MdgAttendeeImport) import = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  fixture_set_up_empty (&f->w, data);
  load_truth (&f->truth);

  mdg_seminar_set_title (seminar, "中小企業のためのランサムウェア対策");
  mdg_seminar_set_starts_at (seminar, starts);
  mdg_seminar_set_ends_at (seminar, ends);
  mdg_seminar_set_venue (seminar, "立川市役所 3階 第1会議室");
  mdg_seminar_set_capacity (seminar, 30);
  g_assert_true (mdg_seminar_store_save (f->w.db, seminar, &error));
  g_assert_no_error (error);
  f->seminar_id = mdg_seminar_get_id (seminar);

  g_file_get_contents (csv, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  import = mdg_attendee_import_new (csv, bytes, MDG_CSV_ENCODING_AUTO, &error);
  g_assert_no_error (error);
  g_assert_true (mdg_attendee_import_commit (import, f->w.db, f->seminar_id, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The window opened after the import, as the next morning's. */
  gtk_window_destroy (GTK_WINDOW (f->w.window));
  fixture_open_window (&f->w, 1100, 900);
}

static void
form_fixture_tear_down (Fixture       *f,
                        gconstpointer  data)
{
  g_clear_pointer (&f->truth.rows, g_ptr_array_unref);
  fixture_tear_down (&f->w, data);
}

static MdgSeminarsPage *
open_seminar (Fixture *f)
{
  MdgSeminarsPage *page;

  wait_until (mdg_window_peek_section (f->w.window, "seminars") != NULL);
  page = MDG_SEMINARS_PAGE (mdg_window_peek_section (f->w.window, "seminars"));
  wait_until (mdg_seminars_page_get_loaded (page));
  mdg_seminars_page_select (page, f->seminar_id);
  wait_until (mdg_seminars_page_get_selected (page) != NULL &&
              mdg_seminar_get_id (mdg_seminars_page_get_selected (page)) == f->seminar_id);
  return page;
}

static void
test_seminar_overview (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->w.window);
  GtkWidget *attendance, *questions, *header;
  g_autoptr(GPtrArray) asked = g_ptr_array_new ();
  g_autofree char *at_venue = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *count = NULL;
  guint venue = 0, online = 0, i = 0;

  /* The truth: registered people by venue and online; questions of those not cancelled, as they applied. */
  for (guint r = 0; r < f->truth.rows->len; r++)
    {
      JsonObject *row = g_ptr_array_index (f->truth.rows, r);
      const char *status = truth_text (row, "status");

      if (g_str_equal (status, "registered"))
        {
          venue += g_strcmp0 (truth_text (row, "attendance"), "venue") == 0;
          online += g_strcmp0 (truth_text (row, "attendance"), "online") == 0;
        }
      if (!g_str_equal (status, "cancelled") && truth_text (row, "questions") != NULL)
        g_ptr_array_add (asked, row);
    }
  g_assert_cmpuint (venue, >, 0);
  g_assert_cmpuint (online, >, 0);
  g_assert_cmpuint (asked->len, >, 1);

  open_seminar (f);
  attendance = require_named (window, "attendance-row");
  wait_until (gtk_widget_get_mapped (attendance));
  at_venue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u at the venue", "%u at the venue", venue), venue);
  expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u online", "%s · %u online", online), at_venue,
                              online);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (attendance)), ==, expected);

  questions = require_named (window, "questions-row");
  g_assert_true (gtk_widget_get_mapped (questions));
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions", asked->len), asked->len);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (questions)), ==, count);

  /* Opened as a person opens it: its header row activated. */
  header = find_type (questions, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (header);
  g_assert_true (gtk_widget_get_mapped (header));
  g_signal_emit_by_name (header, "activate");
  wait_until (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (questions)));

  /* Every question, in the order people applied, with who asked it. */
  for (GtkWidget *child = find_named (questions, "question"); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      JsonObject *row;
      g_autofree char *name = NULL;

      if (!g_str_equal (gtk_widget_get_name (child), "question"))
        continue;
      g_assert_cmpuint (i, <, asked->len);
      row = g_ptr_array_index (asked, i++);
      wait_until (gtk_widget_get_mapped (child));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), ==, truth_text (row, "questions"));
      name = g_strdup_printf ("%s %s", truth_text (row, "family_name"), truth_text (row, "given_name"));
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child)), name));
      if (truth_text (row, "organization") != NULL)
        g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child)), truth_text (row, "organization")));
    }
  g_assert_cmpuint (i, ==, asked->len);
  screenshot (window, "seminar-questions");
}

static void
test_registration_answers (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->w.window);
  GtkWidget *table, *row, *check = NULL, *form;
  GListModel *rows;
  const char *number;
  JsonObject *truth = NULL;
  JsonObject *answers;
  GtkWindow *dialog;
  g_autoptr(GList) members = NULL;
  GList *member;
  guint n_answers = 0;

  open_seminar (f);
  row = require_named (window, "attendees-row");
  wait_until (gtk_widget_get_mapped (row));
  g_signal_emit_by_name (row, "activate");
  table = require_named (window, "attendee-table");
  rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (table)));
  wait_until (gtk_widget_get_mapped (table) && g_list_model_get_n_items (rows) == f->truth.rows->len);

  /* A row of the table: the keyboard on it, Enter opens its registration. */
  wait_until ((check = find_type (table, GTK_TYPE_CHECK_BUTTON)) != NULL && gtk_widget_get_mapped (check));
  for (row = check; row != NULL && !g_str_equal (G_OBJECT_TYPE_NAME (gtk_widget_get_parent (row)), "GtkColumnListView");)
    row = gtk_widget_get_parent (row);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  press_key (window, GDK_KEY_Return, 0);
  wait_until ((dialog = find_toplevel (MDG_TYPE_REGISTRATION_DIALOG)) != NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  /* Whose it is, by the number the dialog shows; the truth of that registration. */
  number = adw_action_row_get_subtitle (ADW_ACTION_ROW (require_named (GTK_WIDGET (dialog), "registration-number")));
  for (guint r = 0; r < f->truth.rows->len && truth == NULL; r++)
    if (g_strcmp0 (truth_text (g_ptr_array_index (f->truth.rows, r), "number"), number) == 0)
      truth = g_ptr_array_index (f->truth.rows, r);
  g_assert_nonnull (truth);

  form = require_named (GTK_WIDGET (dialog), "registration-form");
  g_assert_true (gtk_widget_get_visible (form));

  /* When they applied, in Japan's time as the form said it. */
  {
    g_autoptr(GDateTime) applied = g_date_time_new_from_iso8601 (truth_text (truth, "applied_at"), NULL);
    g_autoptr(GDateTime) local = g_date_time_to_local (applied);
    g_autofree char *date = mdg_date_format (local, MDG_DATE_DEFAULT);
    g_autofree char *time = mdg_time_format (local);
    g_autofree char *when = g_strdup_printf (C_("date and time", "%s %s"), date, time);

    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (require_named (form, "registration-applied"))), ==,
                     when);
  }
  if (truth_text (truth, "attendance") != NULL)
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (require_named (form, "registration-attendance"))), ==,
                     g_str_equal (truth_text (truth, "attendance"), "venue") ? _("At the venue") : _("Online"));
  if (truth_text (truth, "questions") != NULL)
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (require_named (form, "registration-questions"))), ==,
                     truth_text (truth, "questions"));
  else
    g_assert_null (find_named (form, "registration-questions"));

  /* Every other answer of the form, read-only, in the form's order. */
  answers = json_object_get_object_member (truth, "answers");
  members = json_object_get_members (answers);
  member = members;
  for (GtkWidget *child = find_named (form, "registration-answer"); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!g_str_equal (gtk_widget_get_name (child), "registration-answer"))
        continue;
      g_assert_nonnull (member);
      g_assert_true (gtk_widget_get_mapped (child) || gtk_widget_get_visible (child));
      g_assert_false (GTK_IS_EDITABLE (child));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), ==, member->data);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child)), ==,
                       json_object_get_string_member (answers, member->data));
      member = member->next;
      n_answers++;
    }
  g_assert_cmpuint (n_answers, ==, json_object_get_size (answers));
  g_assert_cmpuint (n_answers, >, 0);
  /* Tall enough to show the form's group below the contact details. */
  gtk_window_set_default_size (dialog, 480, 1040);
  screenshot (GTK_WIDGET (dialog), "registration-form");
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);

  g_test_add ("/registration-form/seminar-overview", Fixture, NULL, form_fixture_set_up, test_seminar_overview,
              form_fixture_tear_down);
  g_test_add ("/registration-form/answers", Fixture, NULL, form_fixture_set_up, test_registration_answers,
              form_fixture_tear_down);
  return g_test_run ();
}
