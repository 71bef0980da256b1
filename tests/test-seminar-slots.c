/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-seminar-slots"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <poppler.h>

#include "mdg-consultation-import-dialog.h"
#include "mdg-consultations-page.h"
#include "mdg-seminars-page.h"
#include "mdg-slot-store.h"
#include "mdg-staff-store.h"
#include "mdg-test-util.h"
#include "mdg-window-test-util.h"

/*
 * The window's on-site consultation slots and the web form's consultation CSV, pressed
 * as a desk specialist presses them: the seminar page's Add Slots…, Book…, Unbook,
 * Remove, Hold… and Open Consultation buttons and its timetable saved through the real
 * file chooser (read back with Poppler); the Consultations section's Import button, the
 * file chosen in the real chooser, the preview's lines to correct, and the import. What
 * is checked is in the database.
 */

#define SPECIALIST "木村 健"

/* What a button shows, without its mnemonic: as find_button_with_label() reads it. */
static char *
plain (const char *label)
{
  char *text = g_strdup (label);

  for (char *from = text, *to = text;; from++)
    if (*from != '_' && (*to++ = *from) == '\0')
      break;
  return text;
}

static void
press (GtkWidget *widget)
{
  wait_until (gtk_widget_get_mapped (widget) && gtk_widget_is_sensitive (widget));
  click (widget);
}

/* Presses the response button of the message dialog named @name. */
static void
answer_dialog (GtkWidget  *dialog,
               const char *label)
{
  g_autofree char *text = plain (label);
  GtkWidget *button = NULL;

  wait_until ((button = find_button_with_label (dialog, text)) != NULL);
  press (button);
}

static GtkWidget *
wait_dialog (const char *name)
{
  GtkWidget *dialog = NULL;

  wait_until ((dialog = (GtkWidget *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL &&
              g_str_equal (gtk_widget_get_name (dialog), name) && gtk_widget_get_mapped (dialog));
  return dialog;
}

static gint64
add_staff (WindowFixture *f)
{
  g_autoptr(MdgStaff) staff = mdg_staff_new (SPECIALIST, MDG_STAFF_ROLE_SECOND_LINE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

  g_assert_true (mdg_staff_store_save (f->db, staff, &error));
  g_assert_no_error (error);
  g_settings_set_int64 (settings, "current-staff", mdg_staff_get_id (staff));
  return mdg_staff_get_id (staff);
}

static guint
n_slots (WindowFixture *f,
         gint64         seminar_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = mdg_slot_store_list (f->db, seminar_id, &error);

  g_assert_no_error (error);
  return slots->len;
}

static MdgSlotState
slot_state (WindowFixture *f,
            gint64         seminar_id,
            guint          index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = mdg_slot_store_list (f->db, seminar_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (index, <, slots->len);
  return ((MdgConsultationSlot *) g_ptr_array_index (slots, index))->state;
}

static gboolean
chooser_holds (GtkWindow  *chooser,
               const char *path)
{
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  return chosen != NULL && g_strcmp0 (g_file_peek_path (chosen), path) == 0;
}

/* Answers the file chooser that opened with @path, as a person does. */
static void
answer_chooser (const char *path,
                gboolean    save)
{
  GtkWindow *chooser = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);

  wait_until ((chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (chooser)));
  spin (200);
  if (save)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), path);
  else
    g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  wait_until (chooser_holds (chooser, path));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait_until (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);
}

static void
test_slots (WindowFixture *f,
            gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (f->window);
  g_autoptr(GDateTime) starts = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "timetable.pdf", NULL);
  g_autofree char *sql = NULL;
  MdgSeminarsPage *seminars;
  GtkWidget *group, *dialog, *row;
  gint64 seminar_id, consultation_id;

  add_staff (f);
  seminar_id = mdg_test_count (f->db, "SELECT s.id FROM seminar AS s JOIN registration AS r ON r.seminar_id = s.id"
                                      " WHERE s.ends_at > strftime('%s', 'now') AND r.status = 'registered'"
                                      " GROUP BY s.id ORDER BY s.id LIMIT 1");
  g_assert_cmpint (seminar_id, >, 0);
  sql = g_strdup_printf ("SELECT starts_at FROM seminar WHERE id = %" G_GINT64_FORMAT, seminar_id);
  starts = g_date_time_new_from_unix_local (mdg_test_count (f->db, sql));
  start_text = g_date_time_format (starts, "%H:%M");

  mdg_window_show_section (f->window, "seminars");
  wait_until (mdg_window_peek_section (f->window, "seminars") != NULL &&
              mdg_seminars_page_get_loaded (MDG_SEMINARS_PAGE (mdg_window_peek_section (f->window, "seminars"))));
  seminars = MDG_SEMINARS_PAGE (mdg_window_peek_section (f->window, "seminars"));
  mdg_seminars_page_select (seminars, seminar_id);
  group = require_named (root, "seminar-slots");
  wait_until (gtk_widget_get_mapped (group) && find_named (group, "seminar-slots-empty") != NULL);
  /* Nothing to print yet. */
  g_assert_false (gtk_widget_is_sensitive (require_named (group, "slot-print")));

  /* Two slots of 20 minutes from the seminar's start. */
  press (require_named (group, "slot-add"));
  dialog = wait_dialog ("slot-add-dialog");
  gtk_editable_set_text (GTK_EDITABLE (require_named (dialog, "slot-start")), start_text);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (require_named (dialog, "slot-minutes")), 20);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (require_named (dialog, "slot-count")), 2);
  screenshot (dialog, "seminar-slot-add");
  answer_dialog (dialog, _("_Add"));
  wait_until (n_slots (f, seminar_id) == 2 && find_named (group, "seminar-slot-1") != NULL);

  /* A time that is none is refused; nothing is added. */
  press (require_named (group, "slot-add"));
  dialog = wait_dialog ("slot-add-dialog");
  gtk_editable_set_text (GTK_EDITABLE (require_named (dialog, "slot-start")), "25:99");
  answer_dialog (dialog, _("_Add"));
  wait_until (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  spin (100);
  g_assert_cmpuint (n_slots (f, seminar_id), ==, 2);

  /* The second one goes; the first is booked by the first attendee offered. */
  press (require_named (require_named (group, "seminar-slot-1"), "slot-remove"));
  wait_until (n_slots (f, seminar_id) == 1 && find_named (group, "seminar-slot-1") == NULL);
  press (require_named (require_named (group, "seminar-slot-0"), "slot-book"));
  dialog = wait_dialog ("slot-book-dialog");
  gtk_editable_set_text (GTK_EDITABLE (require_named (dialog, "slot-note")), "ランサムウェア対策");
  answer_dialog (dialog, _("_Book"));
  wait_until (slot_state (f, seminar_id, 0) == MDG_SLOT_STATE_BOOKED &&
              find_named (group, "slot-hold") != NULL);
  /* Unbooked, it is open again; booked again. */
  press (require_named (require_named (group, "seminar-slot-0"), "slot-unbook"));
  wait_until (slot_state (f, seminar_id, 0) == MDG_SLOT_STATE_OPEN && find_named (group, "slot-book") != NULL);
  press (require_named (require_named (group, "seminar-slot-0"), "slot-book"));
  dialog = wait_dialog ("slot-book-dialog");
  gtk_editable_set_text (GTK_EDITABLE (require_named (dialog, "slot-note")), "ランサムウェア対策");
  answer_dialog (dialog, _("_Book"));
  wait_until (slot_state (f, seminar_id, 0) == MDG_SLOT_STATE_BOOKED && find_named (group, "slot-hold") != NULL);
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    for (int i = 0; i < 10; i++)
      {
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
        spin (50);
      }
  }
  screenshot (root, "seminar-slots-booked");

  /* The timetable, saved as a PDF through the chooser, names the specialist and the attendee. */
  press (require_named (group, "slot-print"));
  answer_chooser (pdf, TRUE);
  wait_until (g_file_test (pdf, G_FILE_TEST_EXISTS) && mdg_test_mode (pdf) == 0600);
  {
    g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(GObject) document = NULL;
    g_autoptr(GObject) page = NULL;
    g_autofree char *text = NULL;
    g_autoptr(GPtrArray) slots = mdg_slot_store_list (f->db, seminar_id, &error);
    MdgConsultationSlot *slot;

    g_assert_no_error (error);
    slot = g_ptr_array_index (slots, 0);
    g_assert_cmpstr (slot->note, ==, "ランサムウェア対策");
    wait_until ((document = G_OBJECT (poppler_document_new_from_file (uri, NULL, NULL))) != NULL);
    page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (document), 0));
    text = poppler_page_get_text (POPPLER_PAGE (page));
    g_assert_nonnull (strstr (text, "木村"));
    g_assert_nonnull (strstr (text, slot->attendee_name));
  }

  /* Held: a consultation on site, linked to the seminar, assigned to the specialist. */
  press (require_named (require_named (group, "seminar-slot-0"), "slot-hold"));
  dialog = wait_dialog ("slot-hold-dialog");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (require_named (dialog, "slot-question"))),
                            "バックアップの取り方を知りたい", -1);
  screenshot (dialog, "seminar-slot-hold");
  answer_dialog (dialog, _("_Record"));
  wait_until (slot_state (f, seminar_id, 0) == MDG_SLOT_STATE_HELD && (row = find_named (group, "slot-open")) != NULL);
  g_free (sql);
  sql = g_strdup_printf ("SELECT c.id FROM consultation AS c JOIN consultation_slot AS s ON s.consultation_id = c.id"
                         " WHERE c.channel = 'on-site' AND c.seminar_id = %" G_GINT64_FORMAT
                         " AND c.subject = 'ランサムウェア対策' AND c.question = 'バックアップの取り方を知りたい'",
                         seminar_id);
  consultation_id = mdg_test_count (f->db, sql);
  g_assert_cmpint (consultation_id, >, 0);

  /* The toast's Open shows it in the Consultations section… */
  {
    g_autofree char *open = plain (_("_Open"));
    GtkWidget *toast_button = NULL;
    GtkWidget *detail = NULL;

    wait_until ((toast_button = find_button_with_label (root, open)) != NULL);
    press (toast_button);
    wait_until (g_strcmp0 (mdg_window_get_section (f->window), "consultations") == 0);
    wait_until ((detail = find_named (root, "consultation-menu")) != NULL && gtk_widget_get_mapped (detail));
  }

  /* …and so does the held slot's Open Consultation. */
  mdg_window_show_section (f->window, "seminars");
  wait_until (gtk_widget_get_mapped (row));
  press (row);
  wait_until (g_strcmp0 (mdg_window_get_section (f->window), "consultations") == 0);
}

/* The web form's CSV in CP932, as Excel saves it; line 3 has no subject and no question. */
static void
write_csv (const char *path,
           gboolean    broken)
{
  const char *utf8 = broken
    ? "受付日時,会社名,お名前,メールアドレス,件名,ご相談内容\r\n"
      "2026/11/30 10:15,立川精密工業株式会社,山田 太郎,yamada@tachikawa-seimitsu.example,不審なメール,請求書を装ったメールが届いた\r\n"
      "2026/11/30 11:00,多摩電機,鈴木 一郎,suzuki@tama-denki.example,,\r\n"
    : "受付日時,会社名,お名前,メールアドレス,件名,ご相談内容\r\n"
      "2026/11/30 10:15,立川精密工業株式会社,山田 太郎,yamada@tachikawa-seimitsu.example,不審なメール,請求書を装ったメールが届いた\r\n"
      "2026/11/30 11:00,多摩電機,鈴木 一郎,suzuki@tama-denki.example,ランサムウェア,ファイルが開けなくなった\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  /* The broken one as Excel saves it (CP932), the good one as the form writes it (UTF-8 with a BOM). */
  if (broken)
    contents = g_convert (utf8, -1, "CP932", "UTF-8", NULL, NULL, &error);
  else
    contents = g_strconcat ("\xEF\xBB\xBF", utf8, NULL);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
}

/* Opens @path through the section's Import button and the real file chooser. */
static GtkWindow *
open_import (GtkWidget  *root,
             const char *path)
{
  GtkWindow *dialog = NULL;

  press (require_named (root, "consultation-import-csv"));
  answer_chooser (path, FALSE);
  wait_until ((dialog = find_toplevel (MDG_TYPE_CONSULTATION_IMPORT_DIALOG)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  return dialog;
}

static void
close_import (GtkWindow *dialog)
{
  press_key (GTK_WIDGET (dialog), GDK_KEY_Escape, 0);
  wait_until (find_toplevel (MDG_TYPE_CONSULTATION_IMPORT_DIALOG) == NULL);
}

static void
test_import (WindowFixture *f,
             gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (f->window);
  g_autofree char *dir = g_build_filename (f->dir, "csv", NULL);
  g_autofree char *broken = g_build_filename (dir, "form-broken.csv", NULL);
  g_autofree char *good = g_build_filename (dir, "form.csv", NULL);
  g_autofree char *other = g_build_filename (dir, "members.csv", NULL);
  GtkWindow *dialog = NULL;
  GtkWidget *button;
  gint64 before;

  add_staff (f);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  write_csv (broken, TRUE);
  write_csv (good, FALSE);
  g_assert_true (g_file_set_contents (other, "会員番号,会社名,お名前\r\n101,多摩電機,鈴木 一郎\r\n", -1, NULL));
  before = mdg_test_count (f->db, "SELECT count(*) FROM consultation");

  mdg_window_show_section (f->window, "consultations");
  wait_until (mdg_window_peek_section (f->window, "consultations") != NULL);

  /* Not the form's consultation export: the file is named, and there is nothing to import. */
  dialog = open_import (root, other);
  wait_until (g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (find_type (GTK_WIDGET (dialog), GTK_TYPE_STACK))),
                           "error"));
  {
    AdwStatusPage *page = ADW_STATUS_PAGE (require_named (GTK_WIDGET (dialog), "import-error"));

    g_assert_nonnull (strstr (adw_status_page_get_description (page), "members.csv"));
  }
  g_assert_false (gtk_widget_is_sensitive (require_named (GTK_WIDGET (dialog), "consultation-import-button")));
  close_import (dialog);

  /* A file with a line to correct: the line is listed and Import stays off. */
  dialog = open_import (root, broken);
  wait_until (gtk_widget_get_visible (require_named (GTK_WIDGET (dialog), "import-problems")));
  {
    g_autofree char *line = g_strdup_printf (_("Line %u"), 3);
    GtkWidget *problems = require_named (GTK_WIDGET (dialog), "import-problems");
    GtkWidget *row = find_type (problems, ADW_TYPE_ACTION_ROW);

    g_assert_nonnull (row);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, line);
  }
  button = require_named (GTK_WIDGET (dialog), "consultation-import-button");
  g_assert_false (gtk_widget_is_sensitive (button));
  /* Read as CP932: the headers are Japanese, the examples the first row's. */
  {
    GtkWidget *column = require_named (GTK_WIDGET (dialog), "import-column");

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (column)), ==, "受付日時");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (column)), ==, "2026/11/30 10:15");
  }
  screenshot (GTK_WIDGET (dialog), "consultation-import-problems");
  close_import (dialog);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation"), ==, before);

  /* The good one: two consultations, their senders in Contacts. */
  dialog = open_import (root, good);
  button = require_named (GTK_WIDGET (dialog), "consultation-import-button");
  wait_until (gtk_widget_is_sensitive (button));
  {
    GtkWidget *summary = require_named (GTK_WIDGET (dialog), "import-summary");
    g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u consultation to import",
                                                           "%u consultations to import", 2), 2);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (summary)), ==, title);
  }
  screenshot (GTK_WIDGET (dialog), "consultation-import");
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation"), ==, before);
  press (button);
  wait_until (find_toplevel (MDG_TYPE_CONSULTATION_IMPORT_DIALOG) == NULL);
  wait_until (mdg_test_count (f->db, "SELECT count(*) FROM consultation") == before + 2);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation WHERE channel = 'web-form'"
                                          " AND subject = 'ランサムウェア' AND question = 'ファイルが開けなくなった'"),
                   ==, 1);

  /* The same export again: both already imported, nothing to press. */
  dialog = open_import (root, good);
  {
    GtkWidget *summary = require_named (GTK_WIDGET (dialog), "import-summary");
    g_autofree char *already = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u already imported",
                                                             "%u already imported", 2), 2);

    wait_until (gtk_widget_get_visible (gtk_widget_get_ancestor (summary, ADW_TYPE_PREFERENCES_GROUP)) &&
                g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (summary)), already) == 0);
  }
  g_assert_false (gtk_widget_is_sensitive (require_named (GTK_WIDGET (dialog), "consultation-import-button")));
  close_import (dialog);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation"), ==, before + 2);
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);
  g_test_add ("/seminar-slots/slots", WindowFixture, NULL, fixture_set_up_sample, test_slots, fixture_tear_down);
  g_test_add ("/seminar-slots/import-csv", WindowFixture, NULL, fixture_set_up_empty, test_import, fixture_tear_down);
  return g_test_run ();
}
