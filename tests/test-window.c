/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <adwaita.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "mdg-attendee-sheet.h"
#include "mdg-contacts-page.h"
#include "mdg-merge-dialog.h"
#include "mdg-organization-pane.h"
#include "mdg-person-pane.h"
#include "mdg-person-row.h"
#include "mdg-database-private.h"
#include "mdg-document-output.h"
#include "mdg-import-dialog.h"
#include "mdg-preferences-window.h"
#include "mdg-app-util.h"
#include "mdg-program-item-editor.h"
#include "mdg-program-row.h"
#include "mdg-registration-dialog.h"
#include "mdg-registration-editor.h"
#include "mdg-registration-store.h"
#include "mdg-seminar-editor.h"
#include "mdg-seminar-row.h"
#include "mdg-seminar-store.h"
#include "mdg-seminars-page.h"
#include "mdg-test-util.h"
#include "mdg-window-test-util.h"

/*
 * The window as people use it, under Xvfb: each test opens its own window on its
 * own database (empty, or the small sample), presses what a person presses and
 * types through the X server, and saves screenshots in the build folder (suffixed
 * with the language) to look at.
 */

static MdgSeminarsPage *
seminars_page (WindowFixture *f)
{
  return MDG_SEMINARS_PAGE (mdg_window_peek_section (f->window, "seminars"));
}

static void
wait_for_seminars (WindowFixture *f)
{
  wait_until (seminars_page (f) != NULL && mdg_seminars_page_get_loaded (seminars_page (f)));
}

static const char *
page_state (WindowFixture *f)
{
  GtkWidget *stack = require_named (GTK_WIDGET (seminars_page (f)), "seminars-loading");

  while (stack != NULL && !GTK_IS_STACK (stack))
    stack = gtk_widget_get_parent (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gint64
query (WindowFixture *f,
       const char    *format,
       ...) G_GNUC_PRINTF (2, 3);

static gint64
query (WindowFixture *f,
       const char    *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list ap;

  va_start (ap, format);
  sql = g_strdup_vprintf (format, ap);
  va_end (ap);
  return mdg_test_count (f->db, sql);
}

/* Selects a seminar as a person does: by clicking its row in the list. */
static void
open_seminar (WindowFixture *f,
              gint64         id)
{
  wait_for_seminars (f);
  mdg_seminars_page_select (seminars_page (f), id);
  wait_until (mdg_seminars_page_get_selected (seminars_page (f)) != NULL &&
              mdg_seminar_get_id (mdg_seminars_page_get_selected (seminars_page (f))) == id);
}

/* The upcoming seminar with the most registrations. */
static gint64
busy_upcoming_seminar (WindowFixture *f)
{
  return query (f, "SELECT s.id FROM seminar AS s JOIN registration AS r ON r.seminar_id = s.id"
                   " WHERE s.ends_at > strftime('%%s', 'now') AND r.status = 'registered'"
                   " GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1");
}

static void
test_window_welcome (WindowFixture *f,
                     gconstpointer  data)
{
  wait_for_seminars (f);
  g_assert_cmpstr (mdg_window_get_section (f->window), ==, "seminars");
  wait_until (g_strcmp0 (page_state (f), "welcome") == 0);
  g_assert_true (gtk_widget_is_drawable (require_named (GTK_WIDGET (f->window), "welcome-new")));
  g_assert_true (gtk_widget_is_drawable (require_named (GTK_WIDGET (f->window), "welcome-sample")));
  /* Sections other than the one shown are made only when opened. */
  g_assert_null (mdg_window_peek_section (f->window, "contacts"));
  g_assert_null (mdg_window_peek_section (f->window, "reports"));
  screenshot (GTK_WIDGET (f->window), "welcome");
}

/* Characters on the last line of @layout. */
static guint
last_line_chars (PangoLayout *layout)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, pango_layout_get_line_count (layout) - 1);
  const char *text = pango_layout_get_text (layout);
  guint n = 0;

  for (const char *p = text + line->start_index; p < text + line->start_index + line->length; p = g_utf8_next_char (p))
    n++;
  return n;
}

/* A wrapped Japanese title never leaves one character alone on its last line (「防」「ぐ」). */
static void
test_window_last_line (WindowFixture *f,
                       gconstpointer  data)
{
  const char *titles[] = { "サポート詐欺・フィッシング被害を防ぐ", "経営者のためのサイバーセキュリティ入門",
                           "Cloud services, used safely" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      PangoAttrList *attrs = _mdg_keep_last_line_attrs (titles[i]);
      g_autoptr(PangoLayout) plain = gtk_widget_create_pango_layout (GTK_WIDGET (f->window), titles[i]);
      g_autoptr(PangoLayout) kept = gtk_widget_create_pango_layout (GTK_WIDGET (f->window), titles[i]);
      gboolean orphaned = FALSE;

      g_assert_nonnull (attrs);
      pango_layout_set_attributes (kept, attrs);
      pango_attr_list_unref (attrs);

      for (int width = 60; width <= 400; width += 2)
        {
          pango_layout_set_wrap (plain, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_wrap (kept, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_width (plain, width * PANGO_SCALE);
          pango_layout_set_width (kept, width * PANGO_SCALE);
          if (pango_layout_get_line_count (plain) > 1 && last_line_chars (plain) == 1)
            orphaned = TRUE;
          if (i == 2)
            /* Words are not broken anyway: English wraps as before. */
            g_assert_cmpint (pango_layout_get_line_count (kept), ==, pango_layout_get_line_count (plain));
          else if (pango_layout_get_line_count (kept) > 1)
            g_assert_cmpuint (last_line_chars (kept), >=, 4);
        }
      /* The plain text would orphan a character at some width: the check has teeth. */
      if (i == 0)
        g_assert_true (orphaned);
    }
}

/* Toasts say what they are given, "&" and "<" included, in the overlay of the page that shows them. */
static void
test_window_toast_text (WindowFixture *f,
                        gconstpointer  data)
{
  const char *message = "R&D <研究開発> 様";
  GtkWidget *page, *label;

  wait_for_seminars (f);
  page = GTK_WIDGET (seminars_page (f));
  _mdg_toast (page, message);
  wait_until ((label = find_label (GTK_WIDGET (f->window), message)) != NULL);
  g_assert_true (gtk_widget_is_ancestor (label, page));

  /* From outside any page: through win.toast, into the window's overlay. */
  _mdg_toast (require_named (GTK_WIDGET (f->window), "sidebar-list"), "A&B");
  wait_until ((label = find_label (GTK_WIDGET (f->window), "A&B")) != NULL);
  g_assert_false (gtk_widget_is_ancestor (label, page));
}

static void
test_window_create_seminar (WindowFixture *f,
                            gconstpointer  data)
{
  GtkWindow *editor;
  GtkWidget *save, *title;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, 30);
  MdgSeminar *selected;

  wait_for_seminars (f);
  click (require_named (GTK_WIDGET (f->window), "welcome-new"));
  wait_until ((editor = find_toplevel (MDG_TYPE_SEMINAR_EDITOR)) != NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));

  /* The title has the keyboard: typing goes there, and Create stays off until it has text. */
  title = require_named (GTK_WIDGET (editor), "seminar-title-row");
  wait_until (gtk_widget_is_focus (gtk_window_get_focus (editor)) &&
              gtk_widget_is_ancestor (gtk_window_get_focus (editor), title));
  save = require_named (GTK_WIDGET (editor), "save-seminar");
  g_assert_false (gtk_widget_is_sensitive (save));
  type_text (GTK_WIDGET (editor), "Backup");
  wait_until (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (title)), "Backup") == 0);
  g_assert_true (gtk_widget_is_sensitive (save));

  gtk_editable_set_text (GTK_EDITABLE (title), "ランサムウェア対策セミナー");
  gtk_calendar_select_day (GTK_CALENDAR (require_named (GTK_WIDGET (editor), "seminar-calendar")), day);
  /* Times are typed as people type them; a time that is none says so. */
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-start")), "1400");
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-end")), "25:00");
  g_assert_true (gtk_widget_has_css_class (require_named (GTK_WIDGET (editor), "seminar-when-row"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-end")), "１６：３０");
  g_assert_false (gtk_widget_has_css_class (require_named (GTK_WIDGET (editor), "seminar-when-row"), "error"));
  /* Leaving a time field writes the time as it will be kept. */
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *time = require_named (GTK_WIDGET (editor), i == 0 ? "seminar-start" : "seminar-end");

      gtk_widget_grab_focus (time);
      wait_until (gtk_widget_has_focus (gtk_window_get_focus (editor)) &&
                  gtk_widget_is_ancestor (gtk_window_get_focus (editor), time));
      gtk_widget_grab_focus (title);
      wait_until (!gtk_widget_is_ancestor (gtk_window_get_focus (editor), time));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time)), ==, i == 0 ? "14:00" : "16:30");
    }
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-venue-row")),
                         "立川商工会議所 3階 大会議室（東京都立川市曙町2-38-5）");
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-capacity")), "40");
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-co-organizer-row")),
                         "多摩信用金庫");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (require_named (GTK_WIDGET (editor), "seminar-description"))),
                            "最近の被害事例と、今日からできる対策を解説します。", -1);

  /* On an 800×600 screen, capacity and description show without scrolling. */
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (editor)), <=, 600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (editor)), <=, 800);
  {
    GtkWidget *scroller = require_named (GTK_WIDGET (editor), "seminar-editor-scroller");
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    spin (100);
    g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), <=, gtk_adjustment_get_page_size (adjustment) + 1);
  }
  screenshot (GTK_WIDGET (editor), "seminar-editor");

  /* A bad online URL is refused with a message, and nothing typed is lost. */
  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-online-row")), "meet.example.jp");
  click (save);
  wait_until (gtk_widget_get_child_visible (require_named (GTK_WIDGET (editor), "editor-error")));
  g_assert_true (find_toplevel (MDG_TYPE_SEMINAR_EDITOR) == editor);
  g_assert_cmpint (query (f, "SELECT count(*) FROM seminar"), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "ランサムウェア対策セミナー");

  gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-online-row")), "");
  click (save);
  wait_until (find_toplevel (MDG_TYPE_SEMINAR_EDITOR) == NULL);

  g_assert_cmpint (query (f, "SELECT count(*) FROM seminar WHERE title = 'ランサムウェア対策セミナー'"
                             " AND capacity = 40 AND co_organizer = '多摩信用金庫'"
                             " AND strftime('%%H:%%M', starts_at, 'unixepoch', 'localtime') = '14:00'"
                             " AND ends_at - starts_at = 150 * 60 AND status = 'planned'"), ==, 1);

  wait_until (g_strcmp0 (page_state (f), "browse") == 0 && mdg_seminars_page_get_n_listed (seminars_page (f)) == 1 &&
              mdg_seminars_page_get_selected (seminars_page (f)) != NULL);
  selected = mdg_seminars_page_get_selected (seminars_page (f));
  g_assert_cmpstr (mdg_seminar_get_title (selected), ==, "ランサムウェア対策セミナー");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (require_named (GTK_WIDGET (f->window), "seminar-title"))), ==,
                   "ランサムウェア対策セミナー");
}

/* Adds a program item through the Add Item button and the editor. */
static void
add_program_item (WindowFixture  *f,
                  MdgProgramKind  kind,
                  guint           minutes,
                  const char     *presenter)
{
  GtkWindow *editor;
  gint64 before = query (f, "SELECT count(*) FROM program_item");

  click (require_named (GTK_WIDGET (f->window), "add-program-item"));
  wait_until ((editor = find_toplevel (MDG_TYPE_PROGRAM_ITEM_EDITOR)) != NULL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (require_named (GTK_WIDGET (editor), "program-kind-row")), kind);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (require_named (GTK_WIDGET (editor), "program-minutes")), minutes);
  if (presenter)
    gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "program-presenter-row")), presenter);
  if (kind == MDG_PROGRAM_KIND_PRESENTATION)
    screenshot (GTK_WIDGET (editor), "program-item-editor");
  click (require_named (GTK_WIDGET (editor), "save-program-item"));
  wait_until (find_toplevel (MDG_TYPE_PROGRAM_ITEM_EDITOR) == NULL);
  wait_until (query (f, "SELECT count(*) FROM program_item") == before + 1);
}

static guint
program_rows (WindowFixture *f)
{
  return count_type (require_named (GTK_WIDGET (f->window), "program-list"), MDG_TYPE_PROGRAM_ROW);
}

static MdgProgramRow *
program_row (WindowFixture *f,
             guint          index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (require_named (GTK_WIDGET (f->window),
                                                                                   "program-list")), index);

  g_assert_true (MDG_IS_PROGRAM_ROW (row));
  return MDG_PROGRAM_ROW (row);
}

/* The button inside @root that shows @icon. */
static GtkWidget *
icon_button (GtkWidget  *root,
             const char *icon)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = icon_button (child, icon);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
row_button (MdgProgramRow *row,
            const char    *icon)
{
  GtkWidget *button = icon_button (GTK_WIDGET (row), icon);

  g_assert_nonnull (button);
  return button;
}

static void
test_window_program (WindowFixture *f,
                     gconstpointer  data)
{
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GDateTime) starts = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (starts, 10);
  g_autoptr(GDateTime) ends = g_date_time_add_minutes (day, 150);
  g_autoptr(GError) error = NULL;
  GtkWidget *overrun;

  g_object_set (seminar, "title", "標的型攻撃メール訓練", "starts-at", day, "ends-at", ends, NULL);
  g_assert_true (mdg_seminar_store_save (f->db, seminar, &error));
  gtk_window_destroy (GTK_WINDOW (f->window));
  fixture_open_window (f, 1100, 720);
  open_seminar (f, mdg_seminar_get_id (seminar));

  /* An empty program says so, with the button that fills it. */
  wait_until (gtk_widget_get_mapped (require_named (GTK_WIDGET (f->window), "program-placeholder-add")));
  screenshot (GTK_WIDGET (f->window), "program-empty");

  add_program_item (f, MDG_PROGRAM_KIND_PRESENTATION, 60, "情報セキュリティ支援センター 佐藤 誠");
  add_program_item (f, MDG_PROGRAM_KIND_BREAK, 10, NULL);
  add_program_item (f, MDG_PROGRAM_KIND_QA, 20, NULL);
  wait_until (program_rows (f) == 3);
  overrun = require_named (GTK_WIDGET (f->window), "program-overrun");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (overrun)));

  /* 60 + 10 + 20 + 80 = 170 minutes in a 150-minute seminar: a warning naming the 20 minutes. */
  add_program_item (f, MDG_PROGRAM_KIND_CONSULTATION, 80, NULL);
  wait_until (program_rows (f) == 4 && gtk_widget_get_visible (gtk_widget_get_parent (overrun)));
  {
    /* The sentence the user reads, in the language of the run. */
    g_autofree char *expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "The program runs %d minute past the seminar’s end.",
                                                              "The program runs %d minutes past the seminar’s end.", 20),
                                                 20);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (overrun)), ==, expected);
  }

  /* The break moves above the presentation with its row's up button. */
  g_assert_false (gtk_widget_is_sensitive (row_button (program_row (f, 0), "go-up-symbolic")));
  click (row_button (program_row (f, 1), "go-up-symbolic"));
  wait_until (query (f, "SELECT kind = 'break' FROM program_item ORDER BY position LIMIT 1") == 1);
  wait_until (mdg_program_item_get_kind (mdg_program_row_get_item (program_row (f, 0))) == MDG_PROGRAM_KIND_BREAK);
  screenshot (GTK_WIDGET (f->window), "seminar-detail");

  /* Removing the consultation slots ends the warning. */
  click (row_button (program_row (f, 3), "user-trash-symbolic"));
  wait_until (query (f, "SELECT count(*) FROM program_item") == 3);
  wait_until (program_rows (f) == 3 && !gtk_widget_get_visible (gtk_widget_get_parent (overrun)));

  /* The workflow moves on: planned → open. */
  click (require_named (GTK_WIDGET (f->window), "advance-status"));
  wait_until (query (f, "SELECT count(*) FROM seminar WHERE status = 'open'") == 1);
}

static void
test_window_search (WindowFixture *f,
                    gconstpointer  data)
{
  GtkEditable *search;
  gint64 total = query (f, "SELECT count(*) FROM seminar");

  wait_for_seminars (f);
  wait_until (mdg_seminars_page_get_n_listed (seminars_page (f)) == total);
  search = GTK_EDITABLE (require_named (GTK_WIDGET (f->window), "seminar-search"));
  gtk_editable_set_text (search, "存在しない");
  wait_until (mdg_seminars_page_get_n_listed (seminars_page (f)) == 0);
  screenshot (GTK_WIDGET (f->window), "search-no-results");
  /* Katakana typed as hiragana still matches; every word must match. */
  gtk_editable_set_text (search, "らんさむうぇあ");
  wait_until (mdg_seminars_page_get_n_listed (seminars_page (f)) ==
              query (f, "SELECT count(*) FROM seminar WHERE title LIKE '%%ランサムウェア%%' OR description LIKE '%%ランサムウェア%%'"));
  g_assert_cmpuint (mdg_seminars_page_get_n_listed (seminars_page (f)), >, 0);
  gtk_editable_set_text (search, "らんさむうぇあ 存在しない");
  wait_until (mdg_seminars_page_get_n_listed (seminars_page (f)) == 0);
  gtk_editable_set_text (search, "");
  wait_until (mdg_seminars_page_get_n_listed (seminars_page (f)) == total);
}

/* The Undo button of the toast on screen, found in the toast overlay. */
static GtkWidget *
toast_button (WindowFixture *f,
              const char    *label)
{
  GtkWidget *button = NULL;

  gint64 seen_at;

  wait_until ((button = find_button_with_label (GTK_WIDGET (f->window), label)) != NULL);
  g_assert_nonnull (gtk_widget_get_ancestor (button, ADW_TYPE_TOAST_OVERLAY));
  /* A person reads the toast before pressing its button: it has finished coming in. */
  seen_at = g_get_monotonic_time ();
  wait_until (g_get_monotonic_time () - seen_at > 500 * G_TIME_SPAN_MILLISECOND &&
              find_button_with_label (GTK_WIDGET (f->window), label) == button);
  return button;
}

static void
test_window_delete_undo (WindowFixture *f,
                         gconstpointer  data)
{
  gint64 id = busy_upcoming_seminar (f);
  gint64 registrations = query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT, id);
  gint64 program = query (f, "SELECT count(*) FROM program_item WHERE seminar_id = %" G_GINT64_FORMAT, id);
  gint64 listed;
  AdwMessageDialog *question;
  guint people = query (f, "SELECT count(*) FROM registration WHERE status != 'cancelled'"
                           " AND seminar_id = %" G_GINT64_FORMAT, id);
  g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Its program and %u registration go with it.",
                                                        "Its program and %u registrations go with it.", people),
                                           people);

  g_assert_cmpint (registrations, >, 0);
  g_assert_cmpint (program, >, 0);
  open_seminar (f, id);
  listed = mdg_seminars_page_get_n_listed (seminars_page (f));

  /* From the seminar's menu: it asks first, naming how many registrations go with it. */
  mdg_test_choose_menu_item (require_named (GTK_WIDGET (f->window), "seminar-menu"), "seminars.delete");
  wait_until ((question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_body (question), ==, body);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (question));
  screenshot (GTK_WIDGET (question), "delete-seminar-question");
  adw_message_dialog_response (question, "delete");
  wait_until (mdg_seminars_page_get_n_listed (seminars_page (f)) == listed - 1);
  /* Still in the database while Undo is offered. */
  g_assert_cmpint (query (f, "SELECT count(*) FROM seminar WHERE id = %" G_GINT64_FORMAT, id), ==, 1);
  screenshot (GTK_WIDGET (f->window), "deleted-undo-toast");

  /* The toast's Undo button, as a person presses it, brings it back whole. */
  click (toast_button (f, _("Undo")));
  wait_until (mdg_seminars_page_get_n_listed (seminars_page (f)) == listed &&
              mdg_seminars_page_get_selected (seminars_page (f)) != NULL);
  g_assert_cmpint (mdg_seminar_get_id (mdg_seminars_page_get_selected (seminars_page (f))), ==, id);
  g_assert_cmpint (query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT, id), ==,
                   registrations);
  g_assert_cmpint (query (f, "SELECT count(*) FROM program_item WHERE seminar_id = %" G_GINT64_FORMAT, id), ==,
                   program);
  /* Undone, the toast goes away. */
  wait_until (count_type (GTK_WIDGET (f->window), g_type_from_name ("AdwToastWidget")) == 0);

  /* Deleted again and left to stand until its toast times out, it is gone for good with its program. */
  mdg_test_choose_menu_item (require_named (GTK_WIDGET (f->window), "seminar-menu"), "seminars.delete");
  wait_until ((question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
  adw_message_dialog_response (question, "delete");
  wait_until (query (f, "SELECT count(*) FROM seminar WHERE id = %" G_GINT64_FORMAT, id) == 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM program_item WHERE seminar_id = %" G_GINT64_FORMAT, id), ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT, id), ==, 0);
}

/* The keyboard, through the X server, with the focus in the seminar list. */
static void
test_window_keyboard (WindowFixture *f,
                      gconstpointer  data)
{
  GtkWidget *list;
  GtkWindow *editor;
  AdwMessageDialog *question;
  gint64 id = busy_upcoming_seminar (f);
  gint64 registrations = query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT, id);
  guint listed;

  open_seminar (f, id);
  listed = mdg_seminars_page_get_n_listed (seminars_page (f));
  list = require_named (GTK_WIDGET (f->window), "seminar-list");
  gtk_widget_grab_focus (list);
  g_assert_true (gtk_widget_has_focus (gtk_window_get_focus (GTK_WINDOW (f->window))) &&
                 gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), list));

  /* Ctrl+N: a new seminar, its title ready for typing; Escape closes it. */
  press_key (GTK_WIDGET (f->window), GDK_KEY_n, GDK_CONTROL_MASK);
  wait_until ((editor = find_toplevel (MDG_TYPE_SEMINAR_EDITOR)) != NULL);
  wait_until (gtk_window_get_focus (editor) != NULL &&
              gtk_widget_is_ancestor (gtk_window_get_focus (editor),
                                      require_named (GTK_WIDGET (editor), "seminar-title-row")));
  press_key (GTK_WIDGET (editor), GDK_KEY_Escape, 0);
  wait_until (find_toplevel (MDG_TYPE_SEMINAR_EDITOR) == NULL);

  /* Ctrl+E: the selected seminar's editor. */
  gtk_widget_grab_focus (list);
  press_key (GTK_WIDGET (f->window), GDK_KEY_e, GDK_CONTROL_MASK);
  wait_until ((editor = find_toplevel (MDG_TYPE_SEMINAR_EDITOR)) != NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "seminar-title-row"))), ==,
                   mdg_seminar_get_title (mdg_seminars_page_get_selected (seminars_page (f))));
  press_key (GTK_WIDGET (editor), GDK_KEY_Escape, 0);
  wait_until (find_toplevel (MDG_TYPE_SEMINAR_EDITOR) == NULL);

  /* Delete asks (it has registrations); the question's Delete button; then Ctrl+Z brings it back. */
  gtk_widget_grab_focus (list);
  press_key (GTK_WIDGET (f->window), GDK_KEY_Delete, 0);
  wait_until ((question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (question));
  click (find_button_with_label (GTK_WIDGET (question), _("Delete")));
  wait_until (mdg_seminars_page_get_n_listed (seminars_page (f)) == listed - 1);
  g_assert_null (mdg_seminars_page_get_selected (seminars_page (f)));
  /* The keyboard stays in the list (the window manager gives the window its focus back). */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), list) ||
                 gtk_window_get_focus (GTK_WINDOW (f->window)) == list);

  press_key (GTK_WIDGET (f->window), GDK_KEY_z, GDK_CONTROL_MASK);
  wait_until (mdg_seminars_page_get_n_listed (seminars_page (f)) == listed &&
              mdg_seminars_page_get_selected (seminars_page (f)) != NULL);
  g_assert_cmpint (mdg_seminar_get_id (mdg_seminars_page_get_selected (seminars_page (f))), ==, id);
  g_assert_cmpint (query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT, id), ==,
                   registrations);
}

static void
test_window_sections (WindowFixture *f,
                      gconstpointer  data)
{
  static const char *names[] = { "consultations", "follow-ups", "decks", "faq", "threats", "contacts", "reports" };

  wait_for_seminars (f);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *shot = g_strdup_printf ("section-%s", names[i]);
      GtkListBox *sidebar = GTK_LIST_BOX (require_named (GTK_WIDGET (f->window), "sidebar-list"));
      GtkWidget *row = require_named (GTK_WIDGET (sidebar), names[i]);

      g_assert_null (mdg_window_peek_section (f->window, names[i]));
      g_signal_emit_by_name (sidebar, "row-activated", row);
      g_assert_cmpstr (mdg_window_get_section (f->window), ==, names[i]);
      g_assert_nonnull (mdg_window_peek_section (f->window, names[i]));
      screenshot (GTK_WIDGET (f->window), shot);
    }

  mdg_window_show_section (f->window, "seminars");
  open_seminar (f, busy_upcoming_seminar (f));
  screenshot (GTK_WIDGET (f->window), "section-seminars");
}

static void
test_window_narrow (WindowFixture *f,
                    gconstpointer  data)
{
  AdwLeaflet *outer = ADW_LEAFLET (find_type (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
  AdwLeaflet *inner;

  wait_for_seminars (f);
  inner = ADW_LEAFLET (find_type (GTK_WIDGET (seminars_page (f)), ADW_TYPE_LEAFLET));

  /* At 800 pixels the sidebar stays; the seminar list and detail take turns. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  wait_until (gtk_widget_get_width (GTK_WIDGET (f->window)) <= 800);
  wait_until (adw_leaflet_get_folded (inner));
  g_assert_false (adw_leaflet_get_folded (outer));
  screenshot (GTK_WIDGET (f->window), "narrow-800");

  /* A phone-sized window folds the sidebar too. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 400, 600);
  wait_until (adw_leaflet_get_folded (outer));
  screenshot (GTK_WIDGET (f->window), "narrow-400");
}

static GtkWindow *
other_window (WindowFixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (MDG_IS_WINDOW (w) && w != GTK_WINDOW (f->window) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static void
test_window_sample_data (WindowFixture *f,
                         gconstpointer  data)
{
  GtkWindow *sample = NULL;
  g_autofree char *sample_path = NULL;
  g_autoptr(MdgDatabase) sample_db = NULL;
  g_autoptr(GError) error = NULL;

  mdg_application_set_database_path (window_test_get_app (), mdg_database_get_path (f->db));
  sample_path = g_build_filename (f->dir, "sample.db", NULL);

  /* The welcome page's button, as a newcomer finds it. */
  wait_for_seminars (f);
  wait_until (g_strcmp0 (page_state (f), "welcome") == 0);
  click (require_named (GTK_WIDGET (f->window), "welcome-sample"));
  wait_until ((sample = other_window (f)) != NULL);
  g_assert_true (mdg_window_get_sample (MDG_WINDOW (sample)));
  g_assert_true (mdg_window_get_database (MDG_WINDOW (sample)) != f->db);

  /* The sample lives in its own file; the user's database is untouched. */
  sample_db = mdg_database_open (sample_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_count (sample_db, "SELECT count(*) FROM seminar"), ==, 12);
  g_assert_cmpint (query (f, "SELECT count(*) FROM seminar"), ==, 0);
  screenshot (GTK_WIDGET (sample), "sample-window");

  /* A deletion still waiting for Undo becomes final when its window closes. */
  {
    MdgSeminarsPage *page = MDG_SEMINARS_PAGE (mdg_window_peek_section (MDG_WINDOW (sample), "seminars"));
    gint64 id = mdg_test_count (sample_db, "SELECT min(id) FROM seminar");
    AdwMessageDialog *question;

    wait_until (mdg_seminars_page_get_n_listed (page) == 12);
    mdg_seminars_page_select (page, id);
    wait_until (mdg_seminars_page_get_selected (page) != NULL);
    mdg_test_choose_menu_item (require_named (GTK_WIDGET (page), "seminar-menu"), "seminars.delete");
    wait_until ((question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
    adw_message_dialog_response (question, "delete");
    wait_until (mdg_seminars_page_get_n_listed (page) == 11);
    g_assert_cmpint (mdg_test_count (sample_db, "SELECT count(*) FROM seminar"), ==, 12);
    gtk_window_close (sample);
    wait_until (mdg_test_count (sample_db, "SELECT count(*) FROM seminar") == 11);
  }
}

/* The sample explored, closed with Ctrl+W, written to by madoguchi-cli, explored again,
 * three times: each Explore opens the sample with the command's change. Kept open
 * between two windows, the sample's connection kept SQLite's mapping of the -shm file
 * that the command had removed, and the next Explore failed (error 522, or "damaged")
 * until Madoguchi was quit. */
static void
test_window_sample_reopen (WindowFixture *f,
                           gconstpointer  data)
{
  static const char * const sections[] = { "contacts", "consultations", "follow-ups", "decks", "faq", "seminars" };
  g_autofree char *sample_path = g_build_filename (f->dir, "sample.db", NULL);

  mdg_application_set_database_path (window_test_get_app (), mdg_database_get_path (f->db));
  wait_for_seminars (f);
  wait_until (g_strcmp0 (page_state (f), "welcome") == 0);

  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      GtkWindow *sample = NULL;
      GtkWindow *failed = NULL;
      MdgDatabase *sample_db;
      MdgSeminarsPage *page;
      int fd;

      click (require_named (GTK_WIDGET (f->window), "welcome-sample"));
      wait_until ((sample = other_window (f)) != NULL || (failed = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
      if (failed != NULL)
        g_error ("Explore Sample Data failed (round %u): %s", round,
                 adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (failed)));
      g_assert_true (mdg_window_get_sample (MDG_WINDOW (sample)));
      page = MDG_SEMINARS_PAGE (mdg_window_peek_section (MDG_WINDOW (sample), "seminars"));
      wait_until (page != NULL && mdg_seminars_page_get_loaded (page));
      g_assert_cmpuint (mdg_seminars_page_get_n_listed (page), ==, 12 + round);

      /* A while in the sample: every section read. */
      for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
        {
          GtkWidget *sidebar = require_named (GTK_WIDGET (sample), "sidebar-list");

          g_signal_emit_by_name (sidebar, "row-activated", require_named (sidebar, sections[i]));
          spin (100);
        }

      /* Ctrl+W; the sample's connection closes with its window (given ten seconds, for
       * what the window's workers still finish). */
      sample_db = mdg_window_get_database (MDG_WINDOW (sample));
      g_object_add_weak_pointer (G_OBJECT (sample_db), (gpointer *) &sample_db);
      press_key (GTK_WIDGET (sample), GDK_KEY_w, GDK_CONTROL_MASK);
      wait_until (other_window (f) == NULL);
      for (guint i = 0; i < 1000 && sample_db != NULL; i++)
        spin (10);
      if (sample_db != NULL)
        g_object_remove_weak_pointer (G_OBJECT (sample_db), (gpointer *) &sample_db);

      /* Whatever in this process opens and closes the file (GIO sniffing its type for a
       * file chooser, a copy) drops every lock SQLite holds on it; madoguchi-cli then
       * takes the file for unused, and removes its -wal and -shm when it is done. */
      fd = g_open (sample_path, O_RDONLY | O_CLOEXEC, 0);
      g_assert_cmpint (fd, >=, 0);
      close (fd);
      g_assert_cmpint (mdg_test_run_cli (sample_path, &out, &err, "seminar", "add", "--title", "From the command line",
                                         "--start", "2030-12-03T14:00", "--end", "2030-12-03T16:30", NULL), ==, 0);
    }
}

static void
test_window_print_and_shortcuts (WindowFixture *f,
                                 gconstpointer  data)
{
  gint64 seminar_id = busy_upcoming_seminar (f);
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(MdgDocument) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  /* What the print dialog would send, through GtkPrintOperation's own drawing. */
  seminar = mdg_seminar_store_load (f->db, seminar_id, &error);
  attendees = mdg_registration_store_list (f->db, seminar_id, &error);
  sheet = mdg_attendee_sheet_new (seminar, attendees, MDG_ATTENDEE_SHEET_SIGN_IN);
  g_assert_true (_mdg_document_print_to_file (GTK_WIDGET (f->window), sheet, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (mdg_document_get_n_pages (sheet), >=, 1);
  g_assert_cmpuint (length, >, 10000);

  /* Preferences: the paper and era dates reach the settings documents read. */
  mdg_test_choose_menu_item (require_named (GTK_WIDGET (f->window), "main-menu"), "app.preferences");
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

  /* The shortcuts window, opened with Ctrl+?, lists the seminar shortcuts. */
  press_key (GTK_WIDGET (f->window), GDK_KEY_question, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  {
    GtkWindow *shortcuts = NULL;

    wait_until ((shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW)) != NULL);
    screenshot (GTK_WIDGET (shortcuts), "shortcuts");
    gtk_window_close (shortcuts);
    wait_until (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) == NULL);

    /* The main menu's Keyboard Shortcuts shows the same window again (it is built once). */
    mdg_test_choose_menu_item (require_named (GTK_WIDGET (f->window), "main-menu"), "win.show-help-overlay");
    wait_until (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) == shortcuts);
    gtk_window_close (shortcuts);
  }
}

/* Opens the seminar's Attendees or Check-in view through its row on the overview. */
static void
open_view (WindowFixture *f,
           gint64         seminar_id,
           const char    *row_name)
{
  GtkWidget *row;

  open_seminar (f, seminar_id);
  row = require_named (GTK_WIDGET (f->window), row_name);
  wait_until (gtk_widget_get_mapped (row));
  g_assert_true (gtk_widget_is_sensitive (row));
  g_signal_emit_by_name (row, "activate");
}

/* Whether @widget (or the text inside it) is where the window sends typing. */
static gboolean
has_keyboard (WindowFixture *f,
              GtkWidget     *widget)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (f->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static const char *
label_text (WindowFixture *f,
            const char    *name)
{
  return gtk_label_get_text (GTK_LABEL (require_named (GTK_WIDGET (f->window), name)));
}

static char *
count_text (WindowFixture *f,
            gint64         seminar_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT,
                          query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT
                                    " AND status = 'registered' AND checked_in_at IS NOT NULL", seminar_id),
                          query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT
                                    " AND status = 'registered'", seminar_id));
}

static char *
registration_number (WindowFixture *f,
                     gint64         seminar_id,
                     const char    *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT r.number FROM registration AS r WHERE r.seminar_id = %" G_GINT64_FORMAT
                                          " AND %s ORDER BY r.id LIMIT 1", seminar_id, where);
  sqlite3_stmt *stmt;
  char *number;

  g_assert_cmpint (sqlite3_prepare_v2 (_mdg_database_get_handle (f->db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  number = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return number;
}

static void
test_window_checkin_desk (WindowFixture *f,
                          gconstpointer  data)
{
  gint64 id = busy_upcoming_seminar (f);
  GtkWidget *entry, *panel;
  g_autofree char *number = registration_number (f, id, "r.status = 'registered'");
  g_autofree char *cancelled = registration_number (f, id, "r.status = 'cancelled'");
  g_autofree char *expected = NULL;
  g_autofree char *name = NULL;
  AdwMessageDialog *question;

  /* Attendees and Check-in stay insensitive until a seminar is chosen. */
  wait_for_seminars (f);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (find_type (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER_TITLE))));

  open_view (f, id, "checkin-row");
  entry = require_named (GTK_WIDGET (f->window), "checkin-search");
  panel = require_named (GTK_WIDGET (f->window), "checkin-result");
  wait_until (gtk_widget_get_mapped (entry) && has_keyboard (f, entry));
  /* The desk takes the window: no sidebar, no seminar list to click by mistake. */
  g_assert_false (gtk_widget_get_mapped (require_named (GTK_WIDGET (f->window), "sidebar-list")));
  g_assert_false (gtk_widget_get_mapped (require_named (GTK_WIDGET (f->window), "seminar-list")));
  expected = count_text (f, id);
  wait_until (g_strcmp0 (label_text (f, "checkin-count"), expected) == 0);

  /* A scanner types the number and Enter. The seminar is not today: the desk asks once. */
  type_text (GTK_WIDGET (f->window), number);
  press_key (GTK_WIDGET (f->window), GDK_KEY_Return, 0);
  wait_until ((question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (question));
  screenshot (GTK_WIDGET (question), "checkin-not-today");
  click (find_button_with_label (GTK_WIDGET (question), _("Check In Anyway")));
  wait_until (query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT
                        " AND number = '%s' AND checked_in_at IS NOT NULL", id, number) == 1);
  wait_until (gtk_widget_get_visible (panel) && gtk_widget_has_css_class (panel, "success"));
  g_clear_pointer (&expected, g_free);
  expected = count_text (f, id);
  wait_until (g_strcmp0 (label_text (f, "checkin-count"), expected) == 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpstr (label_text (f, "checkin-result-status"), ==, _("Checked In"));
  name = g_strdup (label_text (f, "checkin-result-name"));
  if (g_strcmp0 (g_getenv ("LANGUAGE"), "ja") == 0)
    g_assert_true (g_str_has_suffix (name, "様") && !g_str_has_suffix (name, " 様"));
  screenshot (GTK_WIDGET (f->window), "checkin-green");

  /* The same number again: amber, with the time of the first check-in. No question this time. */
  gtk_widget_grab_focus (entry);
  type_text (GTK_WIDGET (f->window), number);
  press_key (GTK_WIDGET (f->window), GDK_KEY_Return, 0);
  wait_until (gtk_widget_has_css_class (panel, "warning"));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (label_text (f, "checkin-result-name"), ==, name);
  screenshot (GTK_WIDGET (f->window), "checkin-amber");

  /* A cancelled registration's number: red, saying so. */
  type_text (GTK_WIDGET (f->window), cancelled);
  press_key (GTK_WIDGET (f->window), GDK_KEY_Return, 0);
  wait_until (gtk_widget_has_css_class (panel, "error"));
  g_assert_cmpstr (label_text (f, "checkin-result-status"), ==, _("Registration Cancelled"));

  /* Nobody: red, the panel replaced at once. */
  type_text (GTK_WIDGET (f->window), "ZZ999");
  press_key (GTK_WIDGET (f->window), GDK_KEY_Return, 0);
  wait_until (g_strcmp0 (label_text (f, "checkin-result-status"), _("No Match")) == 0);
  g_assert_true (gtk_widget_has_css_class (panel, "error"));
  screenshot (GTK_WIDGET (f->window), "checkin-red");

  /* The recent check-in has its own Undo. */
  click (find_button_with_label (require_named (GTK_WIDGET (f->window), "checkin-recent"), _("Undo")));
  wait_until (query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT
                        " AND checked_in_at IS NOT NULL AND number = '%s'", id, number) == 0);
  g_clear_pointer (&expected, g_free);
  expected = count_text (f, id);
  wait_until (g_strcmp0 (label_text (f, "checkin-count"), expected) == 0);

  /* Another program checks someone in (madoguchi-cli beside the window): on focus the counter follows. */
  {
    GtkWidget *other = gtk_window_new ();

    gtk_window_present (GTK_WINDOW (other));
    press_key (other, GDK_KEY_Escape, 0);
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE registration SET checked_in_at = '2026-01-01T00:00:00Z'"
                                              " WHERE id = (SELECT id FROM registration WHERE seminar_id = %"
                                              G_GINT64_FORMAT " AND status = 'registered' AND checked_in_at IS NULL"
                                              " ORDER BY id DESC LIMIT 1)", id);
      mdg_test_exec (f->db, sql);
    }
    g_clear_pointer (&expected, g_free);
    expected = count_text (f, id);
    g_assert_cmpstr (label_text (f, "checkin-count"), !=, expected);
    press_key (GTK_WIDGET (f->window), GDK_KEY_Shift_L, 0);
    wait_until (g_strcmp0 (label_text (f, "checkin-count"), expected) == 0);
    gtk_window_destroy (GTK_WINDOW (other));
  }

  /* Escape clears what was typed, for the next person in the queue. */
  gtk_widget_grab_focus (entry);
  type_text (GTK_WIDGET (f->window), "abc");
  wait_until (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), "abc") == 0);
  press_key (GTK_WIDGET (f->window), GDK_KEY_Escape, 0);
  wait_until (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), "") == 0);

  /* Several matches: a list, each with an explicit Check In button. */
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "株式会社");
  wait_until (gtk_widget_get_visible (require_named (GTK_WIDGET (f->window), "checkin-results")));
  screenshot (GTK_WIDGET (f->window), "checkin-search");
  click (find_button_with_label (require_named (GTK_WIDGET (f->window), "checkin-results"), _("Check In")));
  wait_until (gtk_widget_has_css_class (panel, "success"));

  /* Back leaves the desk for the seminar, and the sidebar returns. */
  click (require_named (GTK_WIDGET (f->window), "seminar-back"));
  wait_until (gtk_widget_get_mapped (require_named (GTK_WIDGET (f->window), "sidebar-list")));
}

static GtkWidget *
first_sensitive_check (GtkWidget *root,
                       gboolean   active)
{
  if (GTK_IS_CHECK_BUTTON (root) && gtk_widget_is_sensitive (root) && gtk_widget_get_mapped (root) &&
      gtk_check_button_get_active (GTK_CHECK_BUTTON (root)) == active)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_sensitive_check (child, active);
      if (found)
        return found;
    }
  return NULL;
}

/* Labels under @root that are drawn wider than they were given: text that runs
 * over the next column, or under the window's edge. Returns how many. */
static guint
count_overflowing_labels (GtkWidget *root)
{
  guint overflowing = 0;

  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root))
    {
      int minimum;

      gtk_widget_measure (root, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      /* The measure counts the margins; the width does not. */
      minimum -= gtk_widget_get_margin_start (root) + gtk_widget_get_margin_end (root);
      if (minimum > gtk_widget_get_width (root) + 1)
        {
          g_test_message ("“%s” needs %d pixels and has %d", gtk_label_get_text (GTK_LABEL (root)), minimum,
                          gtk_widget_get_width (root));
          overflowing++;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    overflowing += count_overflowing_labels (child);
  return overflowing;
}

static void
test_window_attendees (WindowFixture *f,
                       gconstpointer  data)
{
  gint64 id = busy_upcoming_seminar (f);
  gint64 total = query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT, id);
  GtkWidget *table, *scroller, *check;
  GListModel *rows;
  GtkWindow *dialog;
  gint64 checked_in, cancelled;

  /* A 1366×768 laptop: the table takes the window, its columns whole. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  if (gdk_display_get_monitors (gdk_display_get_default ()) != NULL)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      if (geometry.width < 1400 || geometry.height < 800)
        g_error ("The screen is %d×%d: run the window tests on a screen of 1920×1080 (build-aux/test does)",
                 geometry.width, geometry.height);
    }
  /* Client-side decorations take a few pixels of the 1366: a little narrower than a laptop, not wider. */
  wait_until (gtk_widget_get_width (GTK_WIDGET (f->window)) >= 1350 && gtk_widget_get_height (GTK_WIDGET (f->window)) >= 750);
  open_view (f, id, "attendees-row");
  table = require_named (GTK_WIDGET (f->window), "attendee-table");
  rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (table)));
  wait_until (gtk_widget_get_mapped (table) && g_list_model_get_n_items (rows) == (guint) total);
  g_assert_false (gtk_widget_get_mapped (require_named (GTK_WIDGET (f->window), "sidebar-list")));
  g_assert_false (gtk_widget_get_mapped (require_named (GTK_WIDGET (f->window), "seminar-list")));
  scroller = gtk_widget_get_parent (table);
  /* Once laid out (a while under the sanitizers): no label runs over its column. */
  wait_until (count_overflowing_labels (table) == 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (table))), <=,
                     gtk_widget_get_width (scroller) + 1);
  screenshot (GTK_WIDGET (f->window), "attendees");

  /* Sorted by a column, then back in kana order by reading. */
  {
    GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (table));
    g_autoptr(GtkColumnViewColumn) status = g_list_model_get_item (columns, 5);
    g_autoptr(MdgAttendee) first = NULL;
    g_autoptr(MdgAttendee) last = NULL;

    gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (table), status, GTK_SORT_DESCENDING);
    first = g_list_model_get_item (rows, 0);
    last = g_list_model_get_item (rows, total - 1);
    g_assert_cmpint (mdg_attendee_get_status (first), >=, mdg_attendee_get_status (last));
    gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (table), NULL, GTK_SORT_ASCENDING);
  }

  /* The check box checks in. */
  checked_in = query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT
                         " AND checked_in_at IS NOT NULL", id);
  check = first_sensitive_check (table, FALSE);
  g_assert_nonnull (check);
  gtk_widget_activate (check);
  wait_until (query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT
                        " AND checked_in_at IS NOT NULL", id) == checked_in + 1);
  wait_until (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  /* Enter on a row opens the registration; its buttons undo the check-in and cancel. */
  {
    GtkWidget *row = check;

    /* The row the check box sits in: the keyboard goes there, as after a click on it. */
    while (row != NULL && gtk_widget_get_parent (row) != table &&
           !g_str_equal (G_OBJECT_TYPE_NAME (gtk_widget_get_parent (row)), "GtkColumnListView"))
      row = gtk_widget_get_parent (row);
    g_assert_nonnull (row);
    g_assert_true (gtk_widget_grab_focus (row));
  }
  press_key (GTK_WIDGET (f->window), GDK_KEY_Return, 0);
  wait_until ((dialog = find_toplevel (MDG_TYPE_REGISTRATION_DIALOG)) != NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  screenshot (GTK_WIDGET (dialog), "registration");
  click (require_named (GTK_WIDGET (dialog), "registration-check-in"));
  wait_until (query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT
                        " AND checked_in_at IS NOT NULL", id) == checked_in);
  wait_until (!gtk_check_button_get_active (GTK_CHECK_BUTTON (check)) &&
              gtk_widget_is_sensitive (require_named (GTK_WIDGET (dialog), "registration-cancel")));
  cancelled = query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT
                        " AND status = 'cancelled'", id);
  click (require_named (GTK_WIDGET (dialog), "registration-cancel"));
  wait_until (query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT
                        " AND status = 'cancelled'", id) == cancelled + 1);
  wait_until (!gtk_widget_is_sensitive (require_named (GTK_WIDGET (dialog), "registration-cancel")));
  gtk_window_close (dialog);

  /* Registering someone already known offers the known person instead of a duplicate. */
  {
    GtkWindow *editor;
    AdwMessageDialog *question;
    g_autofree char *family = NULL;
    sqlite3_stmt *stmt;
    gint64 people = query (f, "SELECT count(*) FROM person");

    g_assert_cmpint (sqlite3_prepare_v2 (_mdg_database_get_handle (f->db),
                                         "SELECT family_name FROM person AS p WHERE email IS NOT NULL AND NOT EXISTS"
                                         " (SELECT 1 FROM registration AS r WHERE r.person_id = p.id"
                                         " AND r.seminar_id = ?) ORDER BY id LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_int64 (stmt, 1, id);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    family = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);

    click (require_named (GTK_WIDGET (f->window), "register-attendee"));
    wait_until ((editor = find_toplevel (MDG_TYPE_REGISTRATION_EDITOR)) != NULL);
    /* The keyboard starts in the search for someone already known. */
    wait_until (gtk_widget_get_mapped (GTK_WIDGET (editor)));
    g_assert_nonnull (gtk_window_get_focus (editor));
    g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (editor),
                                           require_named (GTK_WIDGET (editor), "registration-find")));
    gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "registration-family-name")), family);
    {
      g_autofree char *email_sql = g_strdup_printf ("SELECT email FROM person WHERE family_name = '%s'"
                                                    " AND email IS NOT NULL ORDER BY id LIMIT 1", family);
      sqlite3_stmt *e;

      g_assert_cmpint (sqlite3_prepare_v2 (_mdg_database_get_handle (f->db), email_sql, -1, &e, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (e), ==, SQLITE_ROW);
      gtk_editable_set_text (GTK_EDITABLE (require_named (GTK_WIDGET (editor), "registration-email")),
                             (const char *) sqlite3_column_text (e, 0));
      sqlite3_finalize (e);
    }
    click (require_named (GTK_WIDGET (editor), "save-registration"));
    wait_until ((question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (question));
    screenshot (GTK_WIDGET (question), "duplicate-question");
    adw_message_dialog_response (question, "existing");
    wait_until (find_toplevel (MDG_TYPE_REGISTRATION_EDITOR) == NULL);
    wait_until (g_list_model_get_n_items (rows) == (guint) total + 1);
    g_assert_cmpint (query (f, "SELECT count(*) FROM person"), ==, people);
  }
}

/* The header's Attendees tab puts the keyboard in the attendee search, as the overview's
 * row does: a person opens the table to find someone and types at once. */
static void
test_window_attendees_tab (WindowFixture *f,
                           gconstpointer  data)
{
  gint64 id = busy_upcoming_seminar (f);
  GtkWidget *title, *tab, *entry;

  open_seminar (f, id);
  title = find_type (GTK_WIDGET (seminars_page (f)), ADW_TYPE_VIEW_SWITCHER_TITLE);
  /* The window is wide: the header shows the tabs, not the seminar's title. */
  wait_until (gtk_widget_get_mapped (title) && gtk_widget_is_sensitive (title) &&
              !adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (title)) &&
              (tab = find_button_with_label (title, _("Attendees"))) != NULL);
  click_pointer (tab);

  entry = require_named (GTK_WIDGET (f->window), "attendee-search");
  wait_until (gtk_widget_get_mapped (entry));
  wait_until (has_keyboard (f, entry));
  type_text (GTK_WIDGET (f->window), "zz");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "zz");

  /* The overview's tab and the Attendees row again: the same place. */
  click_pointer (find_button_with_label (title, _("Overview")));
  wait_until (!gtk_widget_get_mapped (entry));
  open_view (f, id, "attendees-row");
  wait_until (gtk_widget_get_mapped (entry) && has_keyboard (f, entry));
}

static void
test_window_attendees_empty (WindowFixture *f,
                             gconstpointer  data)
{
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) starts = g_date_time_add_days (now, 20);
  g_autoptr(GDateTime) ends = g_date_time_add_hours (starts, 2);
  g_autoptr(GError) error = NULL;

  g_object_set (seminar, "title", "経営者向け情報セキュリティ入門", "starts-at", starts, "ends-at", ends, NULL);
  g_assert_true (mdg_seminar_store_save (f->db, seminar, &error));
  gtk_window_destroy (GTK_WINDOW (f->window));
  fixture_open_window (f, 1100, 720);
  open_view (f, mdg_seminar_get_id (seminar), "attendees-row");

  /* An empty list says so, with the buttons that fill it; there is nothing yet to print. */
  wait_until (gtk_widget_get_mapped (require_named (GTK_WIDGET (f->window), "empty-register")));
  g_assert_true (gtk_widget_get_mapped (require_named (GTK_WIDGET (f->window), "empty-import")));
  g_assert_false (gtk_widget_is_sensitive (require_named (GTK_WIDGET (f->window), "print-menu")));
  screenshot (GTK_WIDGET (f->window), "attendees-empty");
}

static MdgPersonPane *
person_pane (WindowFixture *f)
{
  return MDG_PERSON_PANE (find_type (GTK_WIDGET (mdg_window_peek_section (f->window, "contacts")),
                                     MDG_TYPE_PERSON_PANE));
}

static MdgOrganizationPane *
organization_pane (WindowFixture *f)
{
  return MDG_ORGANIZATION_PANE (find_type (GTK_WIDGET (mdg_window_peek_section (f->window, "contacts")),
                                           MDG_TYPE_ORGANIZATION_PANE));
}

static char *
query_text (WindowFixture *f,
            const char    *sql)
{
  sqlite3_stmt *stmt;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (_mdg_database_get_handle (f->db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
open_contacts (WindowFixture *f)
{
  GtkListBox *sidebar = GTK_LIST_BOX (require_named (GTK_WIDGET (f->window), "sidebar-list"));

  wait_for_seminars (f);
  g_signal_emit_by_name (sidebar, "row-activated", require_named (GTK_WIDGET (sidebar), "contacts"));
  wait_until (mdg_window_peek_section (f->window, "contacts") != NULL && mdg_person_pane_get_n_listed (person_pane (f)) > 0);
}

/* Finds someone by typing in the search field and pressing Enter, as a person does. */
static void
find_person (WindowFixture *f,
             const char    *text,
             gint64         expected_id)
{
  GtkWidget *search = require_named (GTK_WIDGET (person_pane (f)), "contacts-search");

  gtk_editable_set_text (GTK_EDITABLE (search), text);
  wait_until (mdg_person_pane_get_n_listed (person_pane (f)) >= 1 &&
              mdg_person_pane_get_n_listed (person_pane (f)) <= 5);
  g_signal_emit_by_name (search, "activate");
  wait_until (mdg_person_pane_get_selected (person_pane (f)) != NULL &&
              mdg_person_get_id (mdg_person_pane_get_selected (person_pane (f))) == expected_id);
}

/* The pane of the leaflet around @list that holds it. */
static GtkWidget *
list_pane_of (GtkWidget *list)
{
  GtkWidget *pane = list;

  while (!ADW_IS_LEAFLET (gtk_widget_get_parent (pane)))
    pane = gtk_widget_get_parent (pane);
  return pane;
}

/* A row of @list in full sight, not selected, showing an item of @item_type
 * (any item for G_TYPE_INVALID). */
static GtkWidget *
unselected_row (GtkWidget *list,
                GType      item_type)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = gtk_widget_get_first_child (row);
      g_autoptr(GObject) item = NULL;
      graphene_rect_t bounds;

      if (child == NULL || !gtk_widget_get_mapped (row) ||
          (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED) ||
          !gtk_widget_compute_bounds (row, list, &bounds) || bounds.origin.y < 0 ||
          bounds.origin.y + bounds.size.height > gtk_widget_get_height (list))
        continue;
      if (item_type == G_TYPE_INVALID)
        return row;
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (child), "item") != NULL)
        g_object_get (child, "item", &item, NULL);
      if (item != NULL && G_TYPE_CHECK_INSTANCE_TYPE (item, item_type))
        return row;
    }
  return NULL;
}

/* Where the last row shown in @list ends, from its top. */
static double
rows_end (GtkWidget *list)
{
  double end = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_mapped (row) && gtk_widget_compute_bounds (row, list, &bounds))
        end = MAX (end, bounds.origin.y + bounds.size.height);
    }
  return end;
}

/* Folded, the arrow keys only move through @list; one click on a row opens it. */
static void
check_click_opens (WindowFixture *f,
                   GtkWidget     *list,
                   GType          item_type)
{
  GtkWidget *pane = list_pane_of (list);
  AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_parent (pane));
  GtkWidget *row, *focus;

  wait_until (adw_leaflet_get_folded (leaflet));
  adw_leaflet_set_visible_child (leaflet, pane);
  wait_until (gtk_widget_get_mapped (list) && !adw_leaflet_get_child_transition_running (leaflet) &&
              unselected_row (list, item_type) != NULL);

  row = unselected_row (list, item_type);
  gtk_widget_grab_focus (row);
  wait_until (has_keyboard (f, row));
  press_key (GTK_WIDGET (f->window), GDK_KEY_Down, 0);
  spin (300);
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, list) && !gtk_widget_is_ancestor (focus, row));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == pane);

  row = unselected_row (list, item_type);
  g_assert_nonnull (row);
  click_pointer (row);
  wait_until (adw_leaflet_get_visible_child (leaflet) != pane);
  g_assert_true (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED);
}

/* The seminar a row of @list shows, where the keyboard is. */
static MdgSeminar *
focused_seminar (WindowFixture *f,
                 GtkWidget     *list)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (f->window));

  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, list));
  for (GtkWidget *child = gtk_widget_get_first_child (focus); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (MDG_IS_SEMINAR_ROW (child))
      return mdg_seminar_row_get_seminar (MDG_SEMINAR_ROW (child));
  return NULL;
}

/* Beside the detail, a seminar chosen with the pointer keeps the keyboard in the list:
 * Down chooses the next seminar, never the detail's buttons; Enter on a seminar the
 * keyboard reached without choosing it chooses it. */
static void
test_window_list_keyboard (WindowFixture *f,
                           gconstpointer  data)
{
  GtkWidget *list, *row;
  MdgSeminar *first, *next;

  wait_for_seminars (f);
  list = require_named (GTK_WIDGET (seminars_page (f)), "seminar-list");
  wait_until (gtk_widget_get_mapped (list) && unselected_row (list, MDG_TYPE_SEMINAR) != NULL);
  spin (300);
  row = unselected_row (list, MDG_TYPE_SEMINAR);
  click_pointer (row);
  wait_until ((first = mdg_seminars_page_get_selected (seminars_page (f))) != NULL);
  spin (200);
  g_assert_true (focused_seminar (f, list) == first);

  press_key (GTK_WIDGET (f->window), GDK_KEY_Down, 0);
  wait_until (mdg_seminars_page_get_selected (seminars_page (f)) != first);
  spin (200);
  next = mdg_seminars_page_get_selected (seminars_page (f));
  g_assert_true (focused_seminar (f, list) == next);

  /* Ctrl+Down moves the keyboard without choosing; Enter chooses. */
  press_key (GTK_WIDGET (f->window), GDK_KEY_Down, GDK_CONTROL_MASK);
  wait_until (focused_seminar (f, list) != next);
  g_assert_true (mdg_seminars_page_get_selected (seminars_page (f)) == next);
  press_key (GTK_WIDGET (f->window), GDK_KEY_Return, 0);
  wait_until (mdg_seminars_page_get_selected (seminars_page (f)) != next);
  spin (200);
  g_assert_true (mdg_seminars_page_get_selected (seminars_page (f)) == focused_seminar (f, list));
}

static void
test_window_narrow_click (WindowFixture *f,
                          gconstpointer  data)
{
  wait_for_seminars (f);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 500, 700);
  wait_until (gtk_widget_get_width (GTK_WIDGET (f->window)) <= 500);
  check_click_opens (f, require_named (GTK_WIDGET (seminars_page (f)), "seminar-list"), MDG_TYPE_SEMINAR);
  /* The seminar opens within the window: its tabs (the attendee table's tool bar the
   * widest) fit in 500 pixels, so the window does not grow. */
  spin (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 500);
  screenshot (GTK_WIDGET (f->window), "narrow-click-seminar");

  open_contacts (f);
  check_click_opens (f, require_named (GTK_WIDGET (person_pane (f)), "contacts-list"), G_TYPE_INVALID);
  g_assert_nonnull (mdg_person_pane_get_selected (person_pane (f)));
  spin (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 500);
  screenshot (GTK_WIDGET (f->window), "narrow-click-person");

  /* A click on the space below the rows opens nothing. */
  {
    GtkWidget *list = require_named (GTK_WIDGET (person_pane (f)), "contacts-list");
    GtkWidget *pane = list_pane_of (list);
    AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_parent (pane));
    GtkWidget *search = require_named (GTK_WIDGET (person_pane (f)), "contacts-search");
    g_autofree char *kana = query_text (f, "SELECT family_kana || given_kana FROM person"
                                           " WHERE family_kana IS NOT NULL ORDER BY id LIMIT 1");

    adw_leaflet_set_visible_child (leaflet, pane);
    gtk_editable_set_text (GTK_EDITABLE (search), kana);
    wait_until (gtk_widget_get_mapped (list) && !adw_leaflet_get_child_transition_running (leaflet) &&
                mdg_person_pane_get_n_listed (person_pane (f)) >= 1 &&
                mdg_person_pane_get_n_listed (person_pane (f)) <= 3 && rows_end (list) > 0 &&
                rows_end (list) < gtk_widget_get_height (list) / 2);
    click_pointer (list);
    spin (300);
    g_assert_true (adw_leaflet_get_visible_child (leaflet) == pane);
  }
}

static void
test_window_contacts (WindowFixture *f,
                      gconstpointer  data)
{
  gint64 id = query (f, "SELECT id FROM person WHERE family_kana IS NOT NULL AND email IS NOT NULL ORDER BY id LIMIT 1");
  g_autofree char *kana = query_text (f, "SELECT family_kana || given_kana FROM person WHERE family_kana IS NOT NULL"
                                         " AND email IS NOT NULL ORDER BY id LIMIT 1");
  g_autofree char *katakana = NULL;
  GtkWidget *pane;

  /* Sections are made when first opened: Contacts was not there before. */
  wait_for_seminars (f);
  g_assert_null (mdg_window_peek_section (f->window, "contacts"));
  open_contacts (f);
  pane = GTK_WIDGET (person_pane (f));
  wait_until (mdg_person_pane_get_n_listed (person_pane (f)) == (guint) query (f, "SELECT count(*) FROM person"));

  /* The reading typed in katakana finds the person read in hiragana; the record shows it in katakana. */
  {
    GString *k = g_string_new (NULL);

    for (const char *p = kana; *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);
        g_string_append_unichar (k, c >= 0x3041 && c <= 0x3096 ? c + 0x60 : c);
      }
    katakana = g_string_free (k, FALSE);
  }
  {
    g_autofree char *note = g_strdup_printf (ngettext ("Showing the first %u. Search to find the others.",
                                                       "Showing the first %u. Search to find the others.", 500), 500);

    g_assert_null (find_label (pane, note)); /* all of them are listed */
  }
  find_person (f, katakana, id);
  wait_until (gtk_widget_get_mapped (require_named (pane, "person-record")));
  wait_until (gtk_list_box_get_row_at_index (GTK_LIST_BOX (require_named (pane, "contacts-seminars")), 0) != NULL);
  screenshot (GTK_WIDGET (f->window), "contacts");

  /* Read at a glance, edited on request. */
  g_assert_false (gtk_widget_get_mapped (require_named (pane, "contacts-phone")));
  click (require_named (pane, "person-edit"));
  wait_until (gtk_widget_get_mapped (require_named (pane, "contacts-phone")));
  gtk_editable_set_text (GTK_EDITABLE (require_named (pane, "contacts-phone")), "０４２－９９９－００００");
  screenshot (GTK_WIDGET (f->window), "contacts-edit");
  click (require_named (pane, "person-save"));
  wait_until (query (f, "SELECT count(*) FROM person WHERE id = %" G_GINT64_FORMAT " AND phone = '042-999-0000'", id) == 1);
  wait_until (gtk_widget_get_mapped (require_named (pane, "person-record")));

  /* "+" adds someone, and so does Ctrl+N in the list; half-width kana typed is stored full width. */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (require_named (pane, "person-new"))), ==,
                   "person.new");
  gtk_widget_grab_focus (require_named (pane, "contacts-list"));
  press_key (GTK_WIDGET (f->window), GDK_KEY_n, GDK_CONTROL_MASK);
  wait_until (gtk_widget_get_mapped (require_named (pane, "contacts-family-name")));
  gtk_editable_set_text (GTK_EDITABLE (require_named (pane, "contacts-family-name")), "新規");
  gtk_editable_set_text (GTK_EDITABLE (require_named (pane, "contacts-family-kana")), "ｼﾝｷ");
  gtk_editable_set_text (GTK_EDITABLE (require_named (pane, "contacts-organization")), "株式会社新規テスト");
  click (require_named (pane, "person-save"));
  wait_until (query (f, "SELECT count(*) FROM person WHERE family_name = '新規' AND family_kana = 'シンキ'") == 1);
  wait_until (mdg_person_pane_get_selected (person_pane (f)) != NULL &&
              g_strcmp0 (mdg_person_get_text (mdg_person_pane_get_selected (person_pane (f)), MDG_PERSON_FAMILY_NAME),
                         "新規") == 0 &&
              mdg_person_pane_get_n_listed (person_pane (f)) == (guint) query (f, "SELECT count(*) FROM person"));

  /* Deleted everywhere; the toast's Undo brings them back while it shows. */
  {
    gint64 new_id = mdg_person_get_id (mdg_person_pane_get_selected (person_pane (f)));
    guint listed = mdg_person_pane_get_n_listed (person_pane (f));

    mdg_test_choose_menu_item (require_named (pane, "person-menu"), "person.delete");
    wait_until (mdg_person_pane_get_n_listed (person_pane (f)) == listed - 1);
    g_assert_cmpint (query (f, "SELECT count(*) FROM person WHERE id = %" G_GINT64_FORMAT, new_id), ==, 1);
    /* The "Saved" toast before it has gone: the screenshot shows one toast, as the user reads it. */
    wait_until (count_type (GTK_WIDGET (f->window), g_type_from_name ("AdwToastWidget")) == 1);
    screenshot (GTK_WIDGET (f->window), "delete-person-toast");
    click (toast_button (f, _("Undo")));
    wait_until (mdg_person_pane_get_n_listed (person_pane (f)) == listed &&
                mdg_person_pane_get_selected (person_pane (f)) != NULL &&
                mdg_person_get_id (mdg_person_pane_get_selected (person_pane (f))) == new_id);
    /* Undone, the toast goes away. */
    wait_until (count_type (GTK_WIDGET (f->window), g_type_from_name ("AdwToastWidget")) == 0);

    /* Deleted again, Ctrl+Z in the list brings them back too. */
    mdg_test_choose_menu_item (require_named (pane, "person-menu"), "person.delete");
    wait_until (mdg_person_pane_get_n_listed (person_pane (f)) == listed - 1);
    gtk_widget_grab_focus (require_named (pane, "contacts-list"));
    press_key (GTK_WIDGET (f->window), GDK_KEY_z, GDK_CONTROL_MASK);
    wait_until (mdg_person_pane_get_n_listed (person_pane (f)) == listed &&
                mdg_person_pane_get_selected (person_pane (f)) != NULL &&
                mdg_person_get_id (mdg_person_pane_get_selected (person_pane (f))) == new_id);
    wait_until (count_type (GTK_WIDGET (f->window), g_type_from_name ("AdwToastWidget")) == 0);

    /* Found as the only match of a search and deleted: the list says nothing matches. */
    gtk_editable_set_text (GTK_EDITABLE (require_named (pane, "contacts-search")), "新規");
    wait_until (mdg_person_pane_get_n_listed (person_pane (f)) == 1);
    spin (300);
    click_pointer (gtk_widget_get_first_child (require_named (pane, "contacts-list")));
    wait_until (mdg_person_pane_get_selected (person_pane (f)) != NULL &&
                mdg_person_get_id (mdg_person_pane_get_selected (person_pane (f))) == new_id);
    mdg_test_choose_menu_item (require_named (pane, "person-menu"), "person.delete");
    wait_until (mdg_person_pane_get_n_listed (person_pane (f)) == 0);
    wait_until (find_label (pane, _("No Matching People")) != NULL);
    click (toast_button (f, _("Undo")));
    wait_until (mdg_person_pane_get_n_listed (person_pane (f)) == 1);
    wait_until (find_label (pane, _("No Matching People")) == NULL);
    wait_until (count_type (GTK_WIDGET (f->window), g_type_from_name ("AdwToastWidget")) == 0);
    gtk_editable_set_text (GTK_EDITABLE (require_named (pane, "contacts-search")), "");
    wait_until (mdg_person_pane_get_n_listed (person_pane (f)) == listed);
    mdg_person_pane_show_person (person_pane (f), new_id);
    wait_until (mdg_person_pane_get_selected (person_pane (f)) != NULL &&
                mdg_person_get_id (mdg_person_pane_get_selected (person_pane (f))) == new_id);

    /* Deleted again, and the window closes while the toast shows: gone for good, from the index too. */
    mdg_test_choose_menu_item (require_named (pane, "person-menu"), "person.delete");
    wait_until (mdg_person_pane_get_n_listed (person_pane (f)) == listed - 1);
    gtk_window_close (GTK_WINDOW (f->window));
    f->window = NULL;
    wait_until (query (f, "SELECT count(*) FROM person WHERE id = %" G_GINT64_FORMAT, new_id) == 0);
    g_assert_cmpint (query (f, "SELECT count(*) FROM search_index WHERE search_index MATCH '\"しんき\"'"), ==, 0);
  }
}

static void
test_window_organizations (WindowFixture *f,
                           gconstpointer  data)
{
  GtkWidget *pane, *search;
  gint64 person_id;

  open_contacts (f);
  click (require_named (GTK_WIDGET (person_pane (f)), "contacts-organizations"));
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (organization_pane (f))) &&
              mdg_organization_pane_get_n_listed (organization_pane (f)) == (guint) query (f, "SELECT count(*) FROM organization"));
  pane = GTK_WIDGET (organization_pane (f));

  /* Found by reading in katakana; its people listed. */
  search = require_named (pane, "organizations-search");
  gtk_editable_set_text (GTK_EDITABLE (search), "タチカワ");
  wait_until (mdg_organization_pane_get_n_listed (organization_pane (f)) > 0 &&
              mdg_organization_pane_get_n_listed (organization_pane (f)) < 10);
  g_signal_emit_by_name (search, "activate");
  wait_until (mdg_organization_pane_get_selected (organization_pane (f)) != NULL);
  wait_until (gtk_list_box_get_row_at_index (GTK_LIST_BOX (require_named (pane, "organization-people")), 0) != NULL);

  /* Edited on request; a blank number of employees means not known. */
  click (require_named (pane, "organization-edit"));
  wait_until (gtk_widget_get_mapped (require_named (pane, "organization-employees")));
  gtk_editable_set_text (GTK_EDITABLE (require_named (pane, "organization-employees")), "77");
  gtk_editable_set_text (GTK_EDITABLE (require_named (pane, "organization-note")), "BCP 策定支援中");
  screenshot (GTK_WIDGET (f->window), "organizations");
  click (require_named (pane, "organization-save"));
  wait_until (query (f, "SELECT count(*) FROM organization WHERE employees = 77 AND note = 'BCP 策定支援中'") == 1);
  wait_until (gtk_widget_get_mapped (require_named (pane, "organization-record")));
  click (require_named (pane, "organization-edit"));
  wait_until (gtk_widget_get_mapped (require_named (pane, "organization-employees")));
  gtk_editable_set_text (GTK_EDITABLE (require_named (pane, "organization-employees")), "");
  click (require_named (pane, "organization-save"));
  wait_until (query (f, "SELECT count(*) FROM organization WHERE employees IS NULL AND note = 'BCP 策定支援中'") == 1);

  /* One of its people, a click away in the person pane. */
  wait_until (gtk_list_box_get_row_at_index (GTK_LIST_BOX (require_named (pane, "organization-people")), 0) != NULL);
  person_id = query (f, "SELECT p.id FROM person AS p JOIN organization AS o ON o.id = p.organization_id"
                        " WHERE o.note = 'BCP 策定支援中' ORDER BY p.family_kana COLLATE kana, p.family_name, p.id LIMIT 1");
  g_signal_emit_by_name (require_named (pane, "organization-people"), "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (require_named (pane, "organization-people")), 0));
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (person_pane (f))) && mdg_person_pane_get_selected (person_pane (f)) != NULL &&
              mdg_person_get_id (mdg_person_pane_get_selected (person_pane (f))) == person_id);
}

static void
test_window_merge (WindowFixture *f,
                   gconstpointer  data)
{
  gint64 keep, duplicate;
  GtkWindow *dialog;
  GtkWidget *list;

  mdg_test_exec (f->db, "INSERT INTO person (family_name, given_name, family_kana, given_kana, phone)"
                        " SELECT family_name, given_name, family_kana, given_kana, '03-0000-0000' FROM person"
                        " WHERE id = (SELECT min(id) FROM person)");
  keep = query (f, "SELECT min(id) FROM person");
  duplicate = query (f, "SELECT max(id) FROM person");
  open_contacts (f);
  mdg_person_pane_show_person (person_pane (f), keep);
  wait_until (mdg_person_pane_get_selected (person_pane (f)) != NULL &&
              mdg_person_get_id (mdg_person_pane_get_selected (person_pane (f))) == keep);

  mdg_test_choose_menu_item (require_named (GTK_WIDGET (person_pane (f)), "person-menu"), "person.merge");
  wait_until ((dialog = find_toplevel (MDG_TYPE_MERGE_DIALOG)) != NULL);
  list = require_named (GTK_WIDGET (dialog), "merge-list");
  wait_until (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0) != NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  screenshot (GTK_WIDGET (dialog), "merge");
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i);

      g_assert_nonnull (row);
      gtk_list_box_select_row (GTK_LIST_BOX (list), row);
      if (mdg_merge_dialog_get_duplicate (MDG_MERGE_DIALOG (dialog)) != NULL &&
          mdg_person_get_id (mdg_merge_dialog_get_duplicate (MDG_MERGE_DIALOG (dialog))) == duplicate)
        break;
    }
  click (find_button_with_label (GTK_WIDGET (dialog), _("Merge")));
  wait_until (query (f, "SELECT count(*) FROM person WHERE id = %" G_GINT64_FORMAT, duplicate) == 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM person WHERE id = %" G_GINT64_FORMAT " AND phone IS NOT NULL", keep), ==, 1);
}

static void
count_frame (GdkFrameClock *clock,
             guint         *frames)
{
  (*frames)++;
}

/* A laptop at a venue runs on battery: a window left alone paints nothing. */
static void
test_window_idle (WindowFixture *f,
                  gconstpointer  data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  GtkWidget *focus;
  guint frames = 0;
  gulong handler;
  gint64 quiet_since;

  open_seminar (f, busy_upcoming_seminar (f));
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_true (focus == NULL || !GTK_IS_TEXT (focus)); /* a blinking cursor would paint, rightly */

  move_pointer (1900, 1060);
  /* Until the window has been still for a second and a half (transitions end, and the seminar's
   * attendees and counts arrive from their workers, slowly under a sanitizer), then three seconds
   * of idle. */
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame), &frames);
  quiet_since = g_get_monotonic_time ();
  for (guint seen = 0; g_get_monotonic_time () - quiet_since < 1500 * G_TIME_SPAN_MILLISECOND;)
    {
      if (frames > 600)
        g_error ("The window never stops painting (%u frames)", frames);
      g_main_context_iteration (NULL, FALSE);
      if (frames != seen)
        {
          seen = frames;
          quiet_since = g_get_monotonic_time ();
        }
      g_usleep (1000);
    }
  frames = 0;
  spin (3000);
  g_signal_handler_disconnect (clock, handler);
  g_assert_cmpuint (frames, ==, 0);
}

/*
 * 20 000 people and 300 seminars: the lists make widgets for the rows on screen and
 * a margin around them, never for every row, wherever the list is scrolled to. GTK
 * 4.8's GtkListView would keep 200 rows made whatever its length; the record lists
 * are one-column GtkGridViews, which keep about 30, and whose rows are all one height
 * (mdg-row-layout.c): with rows of different heights, GTK 4.8's grid view can show
 * nothing after a far jump.
 */
#define MAX_ROWS 100

/* Whether a row of @type inside @list shows @item (its @property). */
static gboolean
shows_item (GtkWidget  *list,
            GType       type,
            const char *property,
            gpointer    item)
{
  gboolean found = FALSE;

  if (G_TYPE_CHECK_INSTANCE_TYPE (list, type))
    {
      g_autoptr(GObject) shown = NULL;

      g_object_get (list, property, &shown, NULL);
      return shown == item;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL && !found;
       child = gtk_widget_get_next_sibling (child))
    found = shows_item (child, type, property, item);
  return found;
}

/* The rows of @type inside @list that are drawn within its visible area; each row's
 * height goes to @heights. */
static guint
rows_on_screen (GtkWidget *list,
                GtkWidget *widget,
                GType      type,
                GArray    *heights)
{
  guint n = 0;
  graphene_rect_t bounds;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      if (gtk_widget_get_mapped (widget) && gtk_widget_get_child_visible (gtk_widget_get_parent (widget))
          && gtk_widget_compute_bounds (widget, list, &bounds)
          && bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < gtk_widget_get_height (list))
        {
          int height = gtk_widget_get_height (widget);

          g_array_append_val (heights, height);
          return 1;
        }
      return 0;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += rows_on_screen (list, child, type, heights);
  return n;
}

/* Whether @list shows rows of @type over its whole height, all of one height. */
static gboolean
list_is_filled (GtkWidget *list,
                GType      type)
{
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (int));
  guint n = rows_on_screen (list, list, type, heights);
  int row_height;

  if (n == 0)
    return FALSE;
  row_height = g_array_index (heights, int, 0);
  for (guint i = 1; i < heights->len; i++)
    g_assert_cmpint (g_array_index (heights, int, i), ==, row_height);
  return n + 1 >= (guint) (gtk_widget_get_height (list) / row_height);
}

/* Jumps @list far down, to the middle and back near the top, as a person dragging its
 * scroll bar does: each time the list shows rows over its whole height, no more rows
 * are made than at the top, and at the end the last item has its row. */
static void
assert_scrolls_far (GtkWidget  *list,
                    GType       type,
                    const char *property,
                    guint       rows_at_top)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  GListModel *model = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (list)));
  g_autoptr(GObject) last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
  const double stops[] = { 1.0, 0.5, 0.9, 0.05, 1.0 };

  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      double top = stops[i] * (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
      guint rows;

      gtk_adjustment_set_value (adjustment, top);
      spin (200);
      wait_until (list_is_filled (list, type));
      if (stops[i] == 1.0)
        wait_until (shows_item (list, type, property, last));
      rows = count_type (list, type);
      g_test_message ("%u rows made at %.0f %% of the list", rows, stops[i] * 100);
      g_assert_cmpuint (rows, <, MAX_ROWS);
      g_assert_cmpuint (rows, <=, rows_at_top + 5);
    }
}

static void
test_window_large (WindowFixture *f,
                   gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();
  guint seminar_rows, person_rows;
  g_autoptr(GError) error = NULL;
  /* Written on a connection of its own, as madoguchi-cli would: not the window's. */
  g_autoptr(MdgDatabase) filler = mdg_database_open (mdg_database_get_path (f->db), &error);

  g_assert_no_error (error);
  /* Rows as different as people make them: titles short and long, in Japanese and in
   * Latin letters, with a venue, online or neither; people with and without a reading. */
  mdg_test_exec (filler, "BEGIN");
  mdg_test_exec (filler, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
                        " INSERT INTO seminar (title, starts_at, ends_at, venue, online_url, capacity, status)"
                        " SELECT CASE i % 3 WHEN 0 THEN '情報セキュリティ勉強会 第' || i || '回'"
                        "  WHEN 1 THEN 'Security ' || i"
                        "  ELSE '中小企業のための情報セキュリティ対策セミナー ～ランサムウェアから会社と取引先を守るために今日からできること～ 第' || i || '回' END,"
                        " strftime('%s', 'now') + (i - 150) * 86400, strftime('%s', 'now') + (i - 150) * 86400 + 7200,"
                        " CASE WHEN i % 4 = 0 THEN NULL ELSE '会議室 ' || (i % 7) END,"
                        " CASE WHEN i % 8 = 0 THEN 'https://meet.example.jp/' || i END, 40,"
                        " CASE i % 5 WHEN 0 THEN 'planned' WHEN 1 THEN 'open' WHEN 2 THEN 'closed' ELSE 'open' END FROM n");
  mdg_test_exec (filler, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
                        " INSERT INTO person (family_name, given_name, family_kana, given_kana, email, organization_id)"
                        " SELECT CASE WHEN i % 3 = 0 THEN 'Yamada' || i ELSE '山田' || i END, '太郎',"
                        " CASE WHEN i % 3 = 0 THEN NULL ELSE 'やまだ' END, CASE WHEN i % 3 = 0 THEN NULL ELSE 'たろう' || i END,"
                        " CASE WHEN i % 5 = 0 THEN NULL ELSE 'taro' || i || '@example.jp' END, NULL FROM n");
  mdg_test_exec (filler, "COMMIT");
  g_test_message ("20 000 people and 300 seminars written in %.1f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  gtk_window_destroy (GTK_WINDOW (f->window));
  fixture_open_window (f, 1100, 720);

  wait_for_seminars (f);
  wait_until (mdg_seminars_page_get_n_listed (seminars_page (f)) == 300);
  spin (100);
  seminar_rows = count_type (require_named (GTK_WIDGET (f->window), "seminar-list"), MDG_TYPE_SEMINAR_ROW);
  g_test_message ("%u seminar rows made for 300 seminars", seminar_rows);
  g_assert_cmpuint (seminar_rows, >, 0);
  g_assert_cmpuint (seminar_rows, <, MAX_ROWS);
  wait_until (list_is_filled (require_named (GTK_WIDGET (f->window), "seminar-list"), MDG_TYPE_SEMINAR_ROW));
  assert_scrolls_far (require_named (GTK_WIDGET (f->window), "seminar-list"), MDG_TYPE_SEMINAR_ROW, "item",
                      seminar_rows);

  open_contacts (f);
  wait_until (mdg_person_pane_get_n_listed (person_pane (f)) == 500);
  spin (100);
  person_rows = count_type (require_named (GTK_WIDGET (person_pane (f)), "contacts-list"), MDG_TYPE_PERSON_ROW);
  g_test_message ("%u person rows made for 500 people listed of 20 000", person_rows);
  g_assert_cmpuint (person_rows, >, 0);
  g_assert_cmpuint (person_rows, <, MAX_ROWS);
  /* The list stops at 500, and says so. */
  {
    g_autofree char *note = g_strdup_printf (ngettext ("Showing the first %u. Search to find the others.",
                                                       "Showing the first %u. Search to find the others.", 500), 500);

    wait_until (find_label (GTK_WIDGET (person_pane (f)), note) != NULL);
  }
  assert_scrolls_far (require_named (GTK_WIDGET (person_pane (f)), "contacts-list"), MDG_TYPE_PERSON_ROW,
                      "person", person_rows);
}

/* A write that waits for another writer (an import in another process) says so, and goes through. */
static void
test_window_waiting (WindowFixture *f,
                     gconstpointer  data)
{
  gint64 id = busy_upcoming_seminar (f);
  g_autofree char *number = registration_number (f, id, "r.status = 'registered' AND r.checked_in_at IS NULL");
  g_autoptr(MdgDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *notice, *entry;
  AdwMessageDialog *question;

  open_view (f, id, "checkin-row");
  entry = require_named (GTK_WIDGET (f->window), "checkin-search");
  {
    g_autofree char *expected = count_text (f, id);

    wait_until (gtk_widget_get_mapped (entry) && g_strcmp0 (label_text (f, "checkin-count"), expected) == 0);
  }
  notice = require_named (GTK_WIDGET (f->window), "waiting-notice");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (notice)));
  /* Hidden, not only folded away: the window does not lay its text out until needed. */
  g_assert_false (gtk_widget_get_visible (notice));

  /* Another program holds the write lock, as an import does for its whole transaction. */
  other = mdg_database_open (mdg_database_get_path (f->db), &error);
  g_assert_no_error (error);
  mdg_test_exec (other, "BEGIN IMMEDIATE");

  gtk_editable_set_text (GTK_EDITABLE (entry), number);
  g_signal_emit_by_name (entry, "activate");
  if ((question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL)
    adw_message_dialog_response (question, "check-in");
  wait_until (gtk_revealer_get_reveal_child (GTK_REVEALER (notice)));
  g_assert_true (gtk_widget_get_mapped (notice));
  g_assert_true (gtk_widget_has_css_class (require_named (GTK_WIDGET (f->window), "checkin-result"), "pending"));
  screenshot (GTK_WIDGET (f->window), "waiting");

  /* The window answers while it waits; once the import is done, the check-in is written. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "あ");
  wait_until (gtk_widget_get_visible (require_named (GTK_WIDGET (f->window), "checkin-results")) ||
              g_strcmp0 (gtk_label_get_text (GTK_LABEL (require_named (GTK_WIDGET (f->window), "checkin-hint"))), "") != 0);
  mdg_test_exec (other, "COMMIT");
  wait_until (query (f, "SELECT count(*) FROM registration WHERE seminar_id = %" G_GINT64_FORMAT
                        " AND number = '%s' AND checked_in_at IS NOT NULL", id, number) == 1);
  wait_until (!gtk_revealer_get_reveal_child (GTK_REVEALER (notice)));
  wait_until (!gtk_widget_get_visible (notice));
  g_assert_true (gtk_widget_has_css_class (require_named (GTK_WIDGET (f->window), "checkin-result"), "success"));
}

static void
imported_cb (GtkWidget *dialog,
             guint      imported,
             guint      cancelled,
             guint      changed,
             guint      unchanged,
             guint     *counts)
{
  counts[0] = imported;
  counts[1] = cancelled;
  counts[2] = changed;
  counts[3] = unchanged;
}

/* The import dialog's signal carries its counts, for whoever opened it to tell. */
static void
test_window_import (WindowFixture *f,
                    gconstpointer  data)
{
  gint64 id = busy_upcoming_seminar (f);
  g_autofree char *path = g_build_filename (f->dir, "form.csv", NULL);
  g_autofree char *sjis = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  gsize length;
  guint counts[4] = { G_MAXUINT, G_MAXUINT, G_MAXUINT, G_MAXUINT };
  static const char csv[] = "受付番号,お名前,フリガナ,貴社名,メールアドレス\r\n"
                            "F-1,髙橋 花子,タカハシ ハナコ,株式会社山﨑製作所,hanako@yamazaki.example.jp\r\n"
                            "F-2,①山田 太郎,ﾔﾏﾀﾞ ﾀﾛｳ,有限会社～ゆめ～,taro@yume.example.jp\r\n";

  sjis = g_convert (csv, -1, "CP932", "UTF-8", NULL, &length, &error);
  g_assert_true (g_file_set_contents (path, sjis, length, NULL));
  file = g_file_new_for_path (path);
  seminar = mdg_seminar_store_load (f->db, id, &error);
  open_view (f, id, "attendees-row");

  dialog = mdg_import_dialog_new (f->db, seminar, file);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (f->window));
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), counts);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (find_named (dialog, "import-commit") != NULL && gtk_widget_is_sensitive (require_named (dialog, "import-commit")));
  screenshot (dialog, "import-preview");
  click (require_named (dialog, "import-commit"));
  wait_until (find_toplevel (MDG_TYPE_IMPORT_DIALOG) == NULL);
  g_assert_cmpuint (counts[0], ==, 2);
  g_assert_cmpuint (counts[1], ==, 0);
  g_assert_cmpuint (counts[2], ==, 0);
  g_assert_cmpuint (counts[3], ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM registration AS r JOIN person AS p ON p.id = r.person_id"
                             " WHERE r.number IN ('F-1', 'F-2') AND r.source = 'csv' AND r.seminar_id = %" G_GINT64_FORMAT,
                          id), ==, 2);
  /* Stored in full width, whatever width the form used. */
  g_assert_cmpint (query (f, "SELECT count(*) FROM person WHERE family_kana = 'ヤマダ'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);
  g_type_ensure (MDG_TYPE_SEMINAR_ROW);

#define ADD(path, setup, func) \
  g_test_add ("/window/" path, WindowFixture, NULL, setup, func, fixture_tear_down)

  ADD ("welcome", fixture_set_up_empty, test_window_welcome);
  ADD ("toast-text", fixture_set_up_empty, test_window_toast_text);
  ADD ("last-line", fixture_set_up_empty, test_window_last_line);
  ADD ("create-seminar", fixture_set_up_empty, test_window_create_seminar);
  ADD ("program", fixture_set_up_empty, test_window_program);
  ADD ("search", fixture_set_up_sample, test_window_search);
  ADD ("delete-undo", fixture_set_up_sample, test_window_delete_undo);
  ADD ("keyboard", fixture_set_up_sample, test_window_keyboard);
  ADD ("sections", fixture_set_up_sample, test_window_sections);
  ADD ("narrow", fixture_set_up_sample, test_window_narrow);
  ADD ("narrow-click", fixture_set_up_sample, test_window_narrow_click);
  ADD ("sample-data", fixture_set_up_empty, test_window_sample_data);
  ADD ("sample-reopen", fixture_set_up_empty, test_window_sample_reopen);
  ADD ("print-shortcuts", fixture_set_up_sample, test_window_print_and_shortcuts);
  ADD ("checkin-desk", fixture_set_up_sample, test_window_checkin_desk);
  ADD ("attendees", fixture_set_up_sample, test_window_attendees);
  ADD ("attendees-tab", fixture_set_up_sample, test_window_attendees_tab);
  ADD ("attendees-empty", fixture_set_up_empty, test_window_attendees_empty);
  ADD ("contacts", fixture_set_up_sample, test_window_contacts);
  ADD ("organizations", fixture_set_up_sample, test_window_organizations);
  ADD ("merge", fixture_set_up_sample, test_window_merge);
  ADD ("idle", fixture_set_up_sample, test_window_idle);
  ADD ("large", fixture_set_up_empty, test_window_large);
  ADD ("list-keyboard", fixture_set_up_sample, test_window_list_keyboard);
  ADD ("waiting", fixture_set_up_sample, test_window_waiting);
  ADD ("import", fixture_set_up_sample, test_window_import);

  return g_test_run ();
}
