/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-followups-page"

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "mdg-consultation-store.h"
#include "mdg-desk.h"
#include "mdg-follow-up-row.h"
#include "mdg-follow-ups-page.h"
#include "mdg-person.h"
#include "mdg-reports-page.h"
#include "mdg-save-test-util.h"
#include "mdg-staff-store.h"
#include "mdg-test-util.h"
#include "mdg-window-test-util.h"

/*
 * The Follow-ups and Reports sections on a real database filled through the core: the
 * list in due order with the overdue ones first, the real Done button and the toast's
 * Undo, the advice saved, the advice letter and the monthly report saved through the
 * real file chooser and read back with Poppler.
 */

#define DESK_NAME "多摩中小企業サイバーセキュリティ相談窓口"
#define ORGANIZATION "立川精密工業株式会社"

typedef struct
{
  gint64 staff;
  gint64 consultation;
  gint64 old_one;       /* due June 2025: the most overdue */
  gint64 overdue;       /* due three days ago */
  gint64 soon;          /* due in two days */
  gint64 later;         /* due in thirty days */
} Data;

static gint64
add_follow_up (WindowFixture *f,
               Data          *d,
               gint64         consultation,
               const char    *title,
               const GDate   *due)
{
  g_autoptr(MdgFollowUp) follow_up = mdg_follow_up_new (title);
  g_autoptr(GError) error = NULL;

  mdg_follow_up_set_consultation_id (follow_up, consultation);
  mdg_follow_up_set_due_date (follow_up, due);
  mdg_follow_up_set_owner_id (follow_up, d->staff);
  g_assert_true (mdg_follow_up_store_add (f->db, d->staff, follow_up, &error));
  g_assert_no_error (error);
  return mdg_follow_up_get_id (follow_up);
}

static gint64
add_consultation (WindowFixture *f,
                  Data          *d,
                  MdgChannel     channel,
                  GDateTime     *received,
                  const char    *subject)
{
  g_autoptr(MdgConsultation) consultation = mdg_consultation_new (channel);
  g_autoptr(MdgPerson) person = mdg_person_new ();
  g_autoptr(GError) error = NULL;

  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, "山田");
  mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, "太郎");
  mdg_consultation_set_received_at (consultation, received);
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_ORGANIZATION, ORGANIZATION);
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_SUBJECT, subject);
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_QUESTION, "取引先を名乗るメールで振込先の変更を求められた");
  g_assert_true (mdg_consultation_store_add (f->db, d->staff, consultation, person, &error));
  g_assert_no_error (error);
  return mdg_consultation_get_id (consultation);
}

static void
fill (WindowFixture *f,
      Data          *d)
{
  g_autoptr(MdgStaff) staff = mdg_staff_new ("佐藤 花子", MDG_STAFF_ROLE_SECOND_LINE);
  g_autoptr(MdgDeskContact) desk = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) june = mdg_test_local (2025, 6, 12, 10, 30);
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  GDate today, due;

  g_assert_true (mdg_staff_store_save (f->db, staff, &error));
  g_assert_no_error (error);
  d->staff = mdg_staff_get_id (staff);
  desk = mdg_desk_contact_load (f->db, &error);
  g_assert_no_error (error);
  g_free (desk->name);
  desk->name = g_strdup (DESK_NAME);
  g_assert_true (mdg_desk_contact_save (f->db, desk, &error));
  g_assert_no_error (error);

  d->consultation = add_consultation (f, d, MDG_CHANNEL_PHONE, now, "ビジネスメール詐欺の疑い");
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  /* Added out of order: the list sorts them. */
  due = today;
  g_date_add_days (&due, 30);
  d->later = add_follow_up (f, d, d->consultation, "社内研修の資料を送る", &due);
  due = today;
  g_date_subtract_days (&due, 3);
  d->overdue = add_follow_up (f, d, d->consultation, "振込先変更の確認手順を助言する", &due);
  due = today;
  g_date_add_days (&due, 2);
  d->soon = add_follow_up (f, d, d->consultation, "警察への相談窓口を案内する", &due);

  /* A month of the past, for the report: one e-mail consultation, one follow-up due. */
  g_date_set_dmy (&due, 20, G_DATE_JUNE, 2025);
  d->old_one = add_follow_up (f, d, add_consultation (f, d, MDG_CHANNEL_EMAIL, june, "ランサムウェアの相談"),
                              "バックアップの取り方を助言する", &due);

  g_settings_set_int64 (settings, "current-staff", d->staff);
}

static void
reset_staff (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

  g_settings_reset (settings, "current-staff");
}

static char *
follow_up_state (WindowFixture *f,
                 gint64         id)
{
  g_autoptr(MdgFollowUp) follow_up = mdg_follow_up_store_load (f->db, id, NULL);

  g_assert_nonnull (follow_up);
  return g_strdup (mdg_follow_up_state_to_string (mdg_follow_up_get_state (follow_up)));
}

static gboolean
advice_starts_with (WindowFixture *f,
                    gint64         id,
                    const char    *prefix)
{
  g_autoptr(MdgFollowUp) follow_up = mdg_follow_up_store_load (f->db, id, NULL);

  g_assert_nonnull (follow_up);
  return g_str_has_prefix (mdg_follow_up_get_advice (follow_up) ? mdg_follow_up_get_advice (follow_up) : "", prefix);
}

/* Who is at this computer, chosen as a person does: in Preferences. */
static void
choose_staff_in_preferences (WindowFixture *f,
                             Data          *d)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  GtkWindow *preferences = NULL;
  GtkWidget *row;

  g_settings_reset (settings, "current-staff");
  mdg_test_choose_menu_item (require_named (GTK_WIDGET (f->window), "main-menu"), "app.preferences");
  wait_until ((preferences = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW)) != NULL);
  row = require_named (GTK_WIDGET (preferences), "preferences-current-staff");
  wait_until (gtk_widget_is_sensitive (row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpint (g_settings_get_int64 (settings, "current-staff"), ==, d->staff);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "data");
  screenshot (GTK_WIDGET (preferences), "preferences-staff");
  gtk_window_close (preferences);
}

static void
test_follow_ups (WindowFixture *f,
                 gconstpointer  data)
{
  Data d = { 0 };
  MdgFollowUpsPage *page;
  GtkWidget *done_button, *undo_button = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *state = NULL;

  fill (f, &d);
  choose_staff_in_preferences (f, &d);
  page = MDG_FOLLOW_UPS_PAGE (mdg_window_show_section (f->window, "follow-ups"));
  g_assert_cmpstr (mdg_follow_ups_page_get_filter (page), ==, "mine");
  wait_until (mdg_follow_ups_page_get_n_listed (page) == 4 && !mdg_follow_ups_page_is_loading (page));

  /* Soonest due first: the overdue ones on top. */
  g_assert_cmpint (mdg_follow_up_get_id (mdg_follow_ups_page_get_listed (page, 0)), ==, d.old_one);
  g_assert_cmpint (mdg_follow_up_get_id (mdg_follow_ups_page_get_listed (page, 1)), ==, d.overdue);
  g_assert_cmpint (mdg_follow_up_get_id (mdg_follow_ups_page_get_listed (page, 2)), ==, d.soon);
  g_assert_cmpint (mdg_follow_up_get_id (mdg_follow_ups_page_get_listed (page, 3)), ==, d.later);
  /* At a glance, above the list: two overdue. */
  {
    g_autofree char *overdue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", 2), 2);

    g_assert_true (g_str_has_prefix (widget_text (require_named (GTK_WIDGET (page), "follow-ups-summary")), overdue));
  }
  /* The first row drawn is the "Overdue" heading's, then the red due date. */
  {
    GtkWidget *list = require_named (GTK_WIDGET (page), "follow-up-list");
    GtkWidget *row = find_type (list, MDG_TYPE_FOLLOW_UP_ROW);

    g_assert_nonnull (row);
    g_assert_true (GTK_IS_STRING_OBJECT (mdg_follow_up_row_get_item (MDG_FOLLOW_UP_ROW (row))));
  }

  mdg_follow_ups_page_select (page, d.overdue);
  wait_until (mdg_follow_ups_page_get_selected (page) != NULL);
  g_assert_cmpint (mdg_follow_up_get_id (mdg_follow_ups_page_get_selected (page)), ==, d.overdue);
  g_assert_nonnull (find_label_holding (GTK_WIDGET (page), ORGANIZATION));
  g_assert_nonnull (find_label_holding (GTK_WIDGET (page), "ビジネスメール詐欺の疑い"));

  /* The advice typed is saved by its button. */
  {
    GtkTextView *view = GTK_TEXT_VIEW (require_named (GTK_WIDGET (page), "follow-up-advice"));
    GtkWidget *save = require_named (GTK_WIDGET (page), "follow-up-save-advice");

    g_assert_false (gtk_widget_is_sensitive (save));
    gtk_widget_grab_focus (GTK_WIDGET (view));
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "振込先の変更は、電話で取引先の担当者に確かめてください。", -1);
    click (save);
    wait_until (advice_starts_with (f, d.overdue, "振込先の変更は"));
  }
  screenshot (GTK_WIDGET (f->window), "follow-ups");

  /* Done: gone from the open list, done in the database; Undo in the toast brings it back. */
  done_button = require_named (GTK_WIDGET (page), "follow-up-done");
  click (done_button);
  wait_until (mdg_follow_ups_page_get_n_listed (page) == 3);
  state = follow_up_state (f, d.overdue);
  g_assert_cmpstr (state, ==, "done");
  g_clear_pointer (&state, g_free);
  wait_until ((undo_button = find_button_with_action (GTK_WIDGET (page), "followups.undo")) != NULL);
  screenshot (GTK_WIDGET (f->window), "follow-ups-done");
  click (undo_button);
  wait_until (mdg_follow_ups_page_get_n_listed (page) == 4);
  state = follow_up_state (f, d.overdue);
  g_assert_cmpstr (state, ==, "open");
  wait_until (mdg_follow_ups_page_get_selected (page) != NULL &&
              mdg_follow_up_get_id (mdg_follow_ups_page_get_selected (page)) == d.overdue);

  /* The Done filter lists none now; All Open lists the four again. */
  click (require_named (GTK_WIDGET (page), "follow-ups-done"));
  wait_until (g_str_equal (mdg_follow_ups_page_get_filter (page), "done") && !mdg_follow_ups_page_is_loading (page) &&
              mdg_follow_ups_page_get_n_listed (page) == 0);
  /* Nothing listed, nothing shown in detail: not the follow-up selected before. */
  g_assert_null (mdg_follow_ups_page_get_selected (page));
  g_assert_null (find_label_holding (GTK_WIDGET (page), "ビジネスメール詐欺の疑い"));
  screenshot (GTK_WIDGET (f->window), "follow-ups-empty");
  click (require_named (GTK_WIDGET (page), "follow-ups-all"));
  wait_until (!mdg_follow_ups_page_is_loading (page) && mdg_follow_ups_page_get_n_listed (page) == 4);
  mdg_follow_ups_page_select (page, d.overdue);
  wait_until (mdg_follow_ups_page_get_selected (page) != NULL);

  /* The advice letter, through the real button and file chooser, to the organization. */
  offer_empty_folder (f);
  click (require_named (GTK_WIDGET (page), "follow-up-letter"));
  path = save_in_chooser (f, "letter.pdf");
  text = read_saved_pdf (f, path);
  g_assert_nonnull (strstr (text, ORGANIZATION));
  g_assert_nonnull (strstr (text, "振込先の変更は"));
  g_assert_nonnull (strstr (text, DESK_NAME));
  reset_staff ();
}

/* At 800 pixels the list and the detail take turns: a follow-up opened from the list
 * (Enter on the row, as the keyboard does) and back with the detail's Back button. */
static void
test_narrow (WindowFixture *f,
             gconstpointer  data)
{
  Data d = { 0 };
  MdgFollowUpsPage *page;
  AdwLeaflet *leaflet;
  GtkWidget *list;

  fill (f, &d);
  page = MDG_FOLLOW_UPS_PAGE (mdg_window_show_section (f->window, "follow-ups"));
  leaflet = ADW_LEAFLET (find_type (GTK_WIDGET (page), ADW_TYPE_LEAFLET));
  wait_until (mdg_follow_ups_page_get_n_listed (page) == 4 && !mdg_follow_ups_page_is_loading (page));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  wait_until (adw_leaflet_get_folded (leaflet));

  /* Row 2 is the second follow-up (row 0 is the "Overdue" heading). */
  list = require_named (GTK_WIDGET (page), "follow-up-list");
  g_signal_emit_by_name (list, "activate", 2);
  wait_until (mdg_follow_ups_page_get_selected (page) != NULL);
  g_assert_cmpint (mdg_follow_up_get_id (mdg_follow_ups_page_get_selected (page)), ==, d.overdue);
  wait_until (gtk_widget_get_mapped (require_named (GTK_WIDGET (page), "follow-up-done")));
  wait_until (!gtk_widget_get_mapped (list));
  screenshot (GTK_WIDGET (f->window), "follow-ups-narrow");
  click (find_button_with_action (GTK_WIDGET (page), "followups.back"));
  wait_until (gtk_widget_get_mapped (list));

  /* A pointer click on a row opens it as well; one on the heading opens nothing. */
  wait_until (!adw_leaflet_get_child_transition_running (leaflet));
  click_pointer (gtk_widget_get_first_child (list));
  spin (300);
  g_assert_true (gtk_widget_get_mapped (list));
  click_pointer (gtk_widget_get_next_sibling (gtk_widget_get_first_child (list)));
  wait_until (!gtk_widget_get_mapped (list));
  g_assert_cmpint (mdg_follow_up_get_id (mdg_follow_ups_page_get_selected (page)), !=, d.overdue);
  reset_staff ();
}

static const char *
figure (GtkWidget  *page,
        const char *name)
{
  return gtk_label_get_text (GTK_LABEL (require_named (page, name)));
}

static void
test_reports (WindowFixture *f,
              gconstpointer  data)
{
  Data d = { 0 };
  MdgReportsPage *page;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last_month = g_date_time_add_months (now, -1);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  int year, month;

  fill (f, &d);
  page = MDG_REPORTS_PAGE (mdg_window_show_section (f->window, "reports"));
  /* It opens on the month just ended. */
  mdg_reports_page_get_month (page, &year, &month);
  g_assert_cmpint (year, ==, g_date_time_get_year (last_month));
  g_assert_cmpint (month, ==, g_date_time_get_month (last_month));
  wait_until (mdg_reports_page_get_report (page) != NULL);

  mdg_reports_page_set_month (page, 2025, 7);
  /* Back one month with the real button. */
  click (require_named (GTK_WIDGET (page), "reports-previous"));
  wait_until (mdg_reports_page_get_report (page) != NULL && mdg_reports_page_get_report (page)->month == 6);
  g_assert_cmpstr (figure (GTK_WIDGET (page), "reports-received"), ==, "1");
  g_assert_cmpstr (figure (GTK_WIDGET (page), "reports-follow-ups-due"), ==, "1");
  g_assert_cmpstr (figure (GTK_WIDGET (page), "reports-open"), ==, "1");
  g_assert_cmpstr (figure (GTK_WIDGET (page), "reports-on-time"), ==, "0");
  {
    GtkWidget *channels = require_named (GTK_WIDGET (page), "reports-by-channel");

    g_assert_cmpstr (figure (channels, "email"), ==, "1");
    g_assert_cmpstr (figure (channels, "phone"), ==, "0");
  }
  screenshot (GTK_WIDGET (f->window), "reports");

  /* Saved as PDF with Ctrl+P where the focus is, through the file chooser. */
  gtk_widget_grab_focus (require_named (GTK_WIDGET (page), "reports-export"));
  offer_empty_folder (f);
  press_key (GTK_WIDGET (f->window), GDK_KEY_p, GDK_CONTROL_MASK);
  path = save_in_chooser (f, "report.pdf");
  text = read_saved_pdf (f, path);
  g_assert_nonnull (strstr (text, DESK_NAME));
  g_assert_nonnull (strstr (text, "2025"));

  /* And as CSV, from the Save As menu. */
  {
    g_autofree char *csv_path = NULL;
    g_autofree char *csv = NULL;

    offer_empty_folder (f);
    mdg_test_choose_menu_item (require_named (GTK_WIDGET (page), "reports-export"), "reports.export-csv");
    csv_path = save_in_chooser (f, "report.csv");
    wait_until (find_label_holding (GTK_WIDGET (f->window), "report.csv") != NULL);
    g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
    g_assert_nonnull (strstr (csv, "month,month,"));
    {
      const char *email = strstr (csv, "\nchannel,email,");
      g_autofree char *line = NULL;

      g_assert_nonnull (email);
      line = g_strndup (email + 1, strcspn (email + 1, "\r\n"));
      g_assert_true (g_str_has_suffix (line, ",1"));
    }
    g_assert_nonnull (strstr (csv, ",2025-06\r\n") ? strstr (csv, ",2025-06\r\n") : strstr (csv, ",2025-06\n"));
  }
  reset_staff ();
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);

  g_test_add ("/followups-page/follow-ups", WindowFixture, NULL, fixture_set_up_empty, test_follow_ups,
              fixture_tear_down);
  g_test_add ("/followups-page/narrow", WindowFixture, NULL, fixture_set_up_empty, test_narrow, fixture_tear_down);
  g_test_add ("/followups-page/reports", WindowFixture, NULL, fixture_set_up_empty, test_reports,
              fixture_tear_down);
  return g_test_run ();
}
