/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "mdg-category.h"
#include "mdg-consultation-store.h"
#include "mdg-consultations-page.h"
#include "mdg-draft-store.h"
#include "mdg-organization-store.h"
#include "mdg-person-store.h"
#include "mdg-preferences-window.h"
#include "mdg-save-test-util.h"
#include "mdg-seminars-page.h"
#include "mdg-slot-store.h"
#include "mdg-staff-store.h"
#include "mdg-test-util.h"
#include "mdg-window-test-util.h"

/*
 * The Consultations section driven as a desk specialist does: the keys typed reach
 * the intake form through the X server, the buttons pressed are the ones on screen,
 * and what is checked is in the database.
 */

static gint64
add_staff (WindowFixture *f,
           const char    *name)
{
  g_autoptr(MdgStaff) staff = mdg_staff_new (name, MDG_STAFF_ROLE_FIRST_LINE);
  g_autoptr(GError) error = NULL;

  g_assert_true (mdg_staff_store_save (f->db, staff, &error));
  g_assert_no_error (error);
  return mdg_staff_get_id (staff);
}

static MdgConsultationsPage *
open_section (WindowFixture *f)
{
  GtkListBox *sidebar = GTK_LIST_BOX (require_named (GTK_WIDGET (f->window), "sidebar-list"));
  GtkWidget *row = require_named (GTK_WIDGET (sidebar), "consultations");
  MdgSection *section;

  g_signal_emit_by_name (sidebar, "row-activated", row);
  g_assert_cmpstr (mdg_window_get_section (f->window), ==, "consultations");
  section = mdg_window_peek_section (f->window, "consultations");
  g_assert_true (MDG_IS_CONSULTATIONS_PAGE (section));
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (section)));
  return MDG_CONSULTATIONS_PAGE (section);
}

/* Puts the keyboard in @widget, as a click into it does, and waits until it is there. */
static void
focus (WindowFixture *f,
       GtkWidget     *widget)
{
  g_assert_true (gtk_widget_get_mapped (widget));
  gtk_widget_grab_focus (widget);
  wait_until (gtk_root_get_focus (gtk_widget_get_root (widget)) != NULL &&
              (gtk_root_get_focus (gtk_widget_get_root (widget)) == widget ||
               gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (widget)), widget)));
}

static char *
question_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
list_shows (MdgConsultationsPage *page,
            const char           *subject)
{
  GtkListView *view = GTK_LIST_VIEW (require_named (GTK_WIDGET (page), "consultations-list"));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MdgConsultation) c = g_list_model_get_item (model, i);

      if (mdg_consultation_get_loaded (c) &&
          g_strcmp0 (mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT), subject) == 0)
        return TRUE;
    }
  return FALSE;
}

static guint
listed (MdgConsultationsPage *page)
{
  GtkListView *view = GTK_LIST_VIEW (require_named (GTK_WIDGET (page), "consultations-list"));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view)));
}

static void
choose_staff_in_preferences (WindowFixture *f,
                             gint64         staff_id)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  GtkWidget *preferences = mdg_preferences_window_new (GTK_WINDOW (f->window));
  AdwComboRow *row;

  gtk_window_present (GTK_WINDOW (preferences));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "data");
  row = ADW_COMBO_ROW (require_named (preferences, "preferences-current-staff"));
  wait_until (gtk_widget_is_sensitive (GTK_WIDGET (row)) && gtk_widget_get_mapped (GTK_WIDGET (row)));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  screenshot (preferences, "consultations-preferences");
  adw_combo_row_set_selected (row, 1);
  g_assert_cmpint (g_settings_get_int64 (settings, "current-staff"), ==, staff_id);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static gboolean
draft_holds (MdgDatabase *db,
             gint64       draft_id,
             const char  *name,
             const char  *value)
{
  g_autoptr(GHashTable) fields = mdg_draft_store_load (db, draft_id, NULL);

  return fields != NULL && g_strcmp0 (g_hash_table_lookup (fields, name), value) == 0;
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

  g_settings_reset (settings, "current-staff");
}

/* Intake typed on the keyboard, refused without a staff member, saved with one. */
static void
test_intake (WindowFixture *f,
             gconstpointer  data)
{
  MdgConsultationsPage *page;
  GtkWidget *root = GTK_WIDGET (f->window);
  GtkWidget *error_label;
  g_autoptr(MdgConsultationFilter) filter = mdg_consultation_filter_new (MDG_CONSULTATION_QUEUE_ALL);
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *categories = NULL;
  g_autoptr(MdgOrganization) organization = mdg_organization_new ();
  GtkWidget *match;
  MdgConsultation *c;
  gint64 staff_id;

  reset_settings ();
  staff_id = add_staff (f, "Sato Hanako");
  mdg_organization_set_text (organization, MDG_ORGANIZATION_NAME, "Kaisha Example Holdings");
  g_assert_true (mdg_organization_store_save (f->db, organization, &error));
  g_assert_no_error (error);
  page = open_section (f);
  wait_until (gtk_widget_get_mapped (require_named (root, "consultations-search")));
  screenshot (root, "consultations-empty");

  /* Ctrl+N, where the keyboard is, opens the intake with the caller's organization first. */
  focus (f, require_named (GTK_WIDGET (page), "consultations-search"));
  press_key (root, GDK_KEY_n, GDK_CONTROL_MASK);
  wait_until (gtk_widget_get_mapped (require_named (root, "intake-organization")));
  wait_until (gtk_widget_get_mapped (require_named (root, "category-K-AFTER")));
  focus (f, require_named (root, "intake-organization"));
  type_text (root, "Kaisha Example");
  /* The organization already known is found as it is typed, and chosen. */
  wait_until ((match = find_named (root, "organization-match-0")) != NULL && gtk_widget_get_mapped (match));
  screenshot (root, "consultations-organization-match");
  /* Found again: a later search (one a key) may have replaced the row the screenshot showed. */
  wait_until ((match = find_named (root, "organization-match-0")) != NULL && gtk_widget_get_mapped (match));
  g_signal_emit_by_name (require_named (root, "organization-matches"), "row-activated", match);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (root, "intake-organization"))), ==,
                   "Kaisha Example Holdings");
  focus (f, require_named (root, "intake-subject"));
  type_text (root, "Ransomware on the file server");
  focus (f, require_named (root, "intake-question"));
  type_text (root, "All files end in locked since 9:10");
  click (require_named (root, "category-K-AFTER"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (root, "intake-organization"))), ==,
                   "Kaisha Example Holdings");

  /* Nobody is the current staff member yet: Save says so, and keeps everything. */
  click (require_named (root, "intake-save"));
  error_label = require_named (root, "intake-error");
  wait_until (gtk_widget_get_mapped (error_label) && *gtk_label_get_text (GTK_LABEL (error_label)) != '\0');
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation"), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (root, "intake-subject"))), ==, "Ransomware on the file server");
  screenshot (root, "consultations-intake-error");

  choose_staff_in_preferences (f, staff_id);
  click (require_named (root, "intake-save"));
  wait_until (list_shows (page, "Ransomware on the file server"));
  wait_until (gtk_widget_get_mapped (require_named (root, "consultation-facts")));
  wait_until (g_strcmp0 (gtk_label_get_text (GTK_LABEL (require_named (root, "consultation-taken-by"))),
                         "Sato Hanako") == 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (require_named (root, "consultation-organization"))), ==,
                   "Kaisha Example Holdings");
  screenshot (root, "consultations-detail");

  saved = mdg_consultation_store_list (f->db, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 1);
  c = g_ptr_array_index (saved, 0);
  g_assert_cmpstr (mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT), ==, "Ransomware on the file server");
  g_assert_cmpstr (mdg_consultation_get_text (c, MDG_CONSULTATION_QUESTION), ==, "All files end in locked since 9:10");
  g_assert_cmpstr (mdg_consultation_get_text (c, MDG_CONSULTATION_ORGANIZATION), ==, "Kaisha Example Holdings");
  g_assert_cmpint (mdg_consultation_get_organization_id (c), ==, mdg_organization_get_id (organization));
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM organization"), ==, 1);
  g_assert_cmpint (mdg_consultation_get_channel (c), ==, MDG_CHANNEL_PHONE);
  g_assert_cmpint (mdg_consultation_get_urgency (c), ==, MDG_URGENCY_NORMAL);
  g_assert_cmpuint (mdg_consultation_get_categories (c)->len, ==, 1);
  history = mdg_consultation_store_list_history (f->db, mdg_consultation_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_cmpint (((MdgConsultationEvent *) history->pdata[0])->staff_id, ==, staff_id);
  /* Saved, the draft has gone. */
  drafts = mdg_draft_store_list (f->db, MDG_DRAFT_KIND_CONSULTATION, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 0);

  /* Search as you type, through the core's search. */
  focus (f, require_named (root, "consultations-search"));
  type_text (root, "ransom");
  wait_until (list_shows (page, "Ransomware on the file server"));
  type_text (root, "xyz");
  wait_until (gtk_widget_get_mapped (require_named (root, "consultations-list")) == FALSE);
}

/* What is typed is in the database before the window goes, and the next window offers it back. */
static void
test_draft_survives (WindowFixture *f,
                     gconstpointer  data)
{
  MdgConsultationsPage *page;
  GtkWidget *root = GTK_WIDGET (f->window);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *question = NULL;
  MdgDraft *draft;
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

  reset_settings ();
  g_settings_set_int64 (settings, "current-staff", add_staff (f, "Suzuki Ichiro"));
  page = open_section (f);
  click (require_named (root, "consultation-new"));
  wait_until (gtk_widget_get_mapped (require_named (root, "intake-subject")));
  focus (f, require_named (root, "intake-subject"));
  type_text (root, "Phishing mail opened");
  focus (f, require_named (root, "intake-question"));
  type_text (root, "A clerk typed the password");

  /* A moment after the typing pauses, everything on screen is in the draft. */
  wait_until (mdg_consultations_page_get_draft_idle (page));
  drafts = mdg_draft_store_list (f->db, MDG_DRAFT_KIND_CONSULTATION, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  draft = g_ptr_array_index (drafts, 0);
  g_assert_cmpstr (draft->summary, ==, "Phishing mail opened");
  fields = mdg_draft_store_load (f->db, draft->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (fields, "question"), ==, "A clerk typed the password");
  g_assert_cmpstr (g_hash_table_lookup (fields, "channel"), ==, "phone");

  /* One more key, and the window goes at once, never saved. */
  type_text (root, "s");
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  wait_until (draft_holds (f->db, draft->id, "question", "A clerk typed the passwords"));
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation"), ==, 0);

  /* A new window offers the draft back; restoring it shows every field. */
  fixture_open_window (f, 1100, 720);
  root = GTK_WIDGET (f->window);
  page = open_section (f);
  wait_until (gtk_widget_get_mapped (require_named (root, "consultation-draft-restore")) &&
              gtk_widget_is_sensitive (require_named (root, "consultation-draft-restore")));
  screenshot (root, "consultations-draft-offer");
  click (require_named (root, "consultation-draft-restore"));
  wait_until (gtk_widget_get_mapped (require_named (root, "intake-subject")) &&
              g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (require_named (root, "intake-subject"))), "Phishing mail opened") == 0);
  question = question_text (require_named (root, "intake-question"));
  g_assert_cmpstr (question, ==, "A clerk typed the passwords");
  screenshot (root, "consultations-intake");

  click (require_named (root, "intake-save"));
  wait_until (list_shows (page, "Phishing mail opened"));
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation"), ==, 1);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM draft"), ==, 0);
}

/* The visible dialog of @type; through the list GTK keeps, which takes no reference on a window
 * that is going away. */
static GtkWidget *
find_dialog (GType type)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_mapped (l->data))
      return l->data;
  return NULL;
}

static char *
plain_label (const char *translated)
{
  char *plain = g_strdup (translated);

  for (char *from = plain, *to = plain;; from++)
    if (*from != '_' && (*to++ = *from) == '\0')
      break;
  return plain;
}

/* A real ISO-2022-JP e-mail dropped on the section: the Japanese subject and sender read right. */
static void
test_mail (WindowFixture *f,
           gconstpointer  data)
{
  MdgConsultationsPage *page;
  GtkWidget *root = GTK_WIDGET (f->window);
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "mail", "iso-2022-jp.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GListModel) controllers = NULL;
  g_autofree char *take = NULL;
  GtkDropTarget *drop = NULL;
  AdwMessageDialog *dialog;
  gboolean accepted = FALSE;
  const char *subject = "【至急】ファイルサーバーのファイルが開けません";

  reset_settings ();
  g_settings_set_int64 (settings, "current-staff", add_staff (f, "Takahashi Jun"));
  page = open_section (f);
  /* The Open button is there; the file chooser it opens is the desktop's, so the test drops the file. */
  g_assert_true (gtk_widget_get_mapped (require_named (root, "consultation-open-mail")));
  g_assert_true (gtk_widget_is_sensitive (require_named (root, "consultation-open-mail")));
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && drop == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        drop = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (drop);
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  g_signal_emit_by_name (drop, "drop", &value, 200.0, 200.0, &accepted);
  g_assert_true (accepted);

  wait_until ((dialog = (AdwMessageDialog *) find_dialog (ADW_TYPE_MESSAGE_DIALOG)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, subject);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "山田 太郎"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (require_named (GTK_WIDGET (dialog),
                                                                               "mail-create-person"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (require_named (GTK_WIDGET (dialog), "mail-body"))),
                            "立川精密工業の山田です"));
  screenshot (GTK_WIDGET (dialog), "consultations-mail");

  /* The button as it reads, without its mnemonic underline. */
  take = plain_label (_("_Take as Consultation"));
  click (find_button_with_label (GTK_WIDGET (dialog), take));
  wait_until (list_shows (page, subject));
  wait_until (gtk_widget_get_mapped (require_named (root, "consultation-facts")) &&
              g_strcmp0 (gtk_label_get_text (GTK_LABEL (require_named (root, "consultation-subject"))), subject) == 0);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation WHERE channel = 'email'"), ==, 1);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person WHERE email = 'yamada@tachikawa-seimitsu.example.jp'"),
                   ==, 1);
  wait_until (g_strcmp0 (gtk_label_get_text (GTK_LABEL (require_named (root, "consultation-person"))), "—") != 0);
  screenshot (root, "consultations-mail-detail");
}

static gboolean
fact_is (GtkWidget  *root,
         const char *name,
         const char *value)
{
  GtkWidget *label = find_named (root, name);

  return label != NULL && gtk_widget_get_mapped (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), value) == 0;
}

/* First line dispatches to the specialist, who takes it up and answers, each as themselves. */
static void
test_triage (WindowFixture *f,
             gconstpointer  data)
{
  MdgConsultationsPage *page;
  GtkWidget *root = GTK_WIDGET (f->window);
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(MdgStaff) specialist = mdg_staff_new ("Kimura Ken", MDG_STAFF_ROLE_SECOND_LINE);
  g_autoptr(MdgConsultation) c = mdg_consultation_new (MDG_CHANNEL_PHONE);
  g_autoptr(MdgConsultation) stored = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dispatch = NULL;
  GtkSelectionModel *selection;
  AdwMessageDialog *dialog;
  gint64 first_id;

  reset_settings ();
  first_id = add_staff (f, "Sato Hanako");
  g_assert_true (mdg_staff_store_save (f->db, specialist, &error));
  g_assert_no_error (error);
  mdg_consultation_set_text (c, MDG_CONSULTATION_SUBJECT, "Suspicious sign-in to the mail service");
  mdg_consultation_set_text (c, MDG_CONSULTATION_QUESTION, "A sign-in from abroad was reported.");
  g_assert_true (mdg_consultation_store_add (f->db, first_id, c, NULL, &error));
  g_assert_no_error (error);
  g_settings_set_int64 (settings, "current-staff", first_id);

  page = open_section (f);
  wait_until (list_shows (page, "Suspicious sign-in to the mail service"));
  /* The row clicked. */
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (require_named (root, "consultations-list")));
  gtk_selection_model_select_item (selection, 0, TRUE);
  wait_until (gtk_widget_get_mapped (require_named (root, "consultation-dispatch")));
  g_assert_false (gtk_widget_get_mapped (require_named (root, "consultation-start")));

  click (require_named (root, "consultation-dispatch"));
  wait_until ((dialog = (AdwMessageDialog *) find_dialog (ADW_TYPE_MESSAGE_DIALOG)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  focus (f, require_named (GTK_WIDGET (dialog), "dispatch-note"));
  type_text (GTK_WIDGET (dialog), "Please call back today");
  screenshot (GTK_WIDGET (dialog), "consultations-dispatch");
  dispatch = plain_label (_("_Dispatch"));
  click (find_button_with_label (GTK_WIDGET (dialog), dispatch));
  wait_until (fact_is (root, "consultation-state", mdg_consultation_state_get_label (MDG_CONSULTATION_STATE_DISPATCHED)));
  wait_until (fact_is (root, "consultation-assignee", "Kimura Ken"));

  /* The specialist at this computer takes it up and answers. */
  g_settings_set_int64 (settings, "current-staff", mdg_staff_get_id (specialist));
  wait_until (gtk_widget_get_mapped (require_named (root, "consultation-start")));
  click (require_named (root, "consultation-start"));
  wait_until (fact_is (root, "consultation-state", mdg_consultation_state_get_label (MDG_CONSULTATION_STATE_IN_PROGRESS)));
  wait_until (gtk_widget_get_mapped (require_named (root, "consultation-answer-text")));
  focus (f, require_named (root, "consultation-answer-text"));
  type_text (root, "Change the password and turn on two-step sign-in");
  screenshot (root, "consultations-answer");
  click (require_named (root, "consultation-answer-save"));
  wait_until (fact_is (root, "consultation-state", mdg_consultation_state_get_label (MDG_CONSULTATION_STATE_ANSWERED)));
  wait_until (fact_is (root, "consultation-answer", "Change the password and turn on two-step sign-in"));
  g_assert_false (gtk_widget_get_mapped (require_named (root, "consultation-answer-text")));
  screenshot (root, "consultations-answered");

  stored = mdg_consultation_store_load (f->db, mdg_consultation_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_consultation_get_state (stored), ==, MDG_CONSULTATION_STATE_ANSWERED);
  g_assert_cmpstr (mdg_consultation_get_text (stored, MDG_CONSULTATION_ANSWER), ==,
                   "Change the password and turn on two-step sign-in");
  history = mdg_consultation_store_list_history (f->db, mdg_consultation_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 4);
  g_assert_cmpint (((MdgConsultationEvent *) history->pdata[1])->action, ==, MDG_CONSULTATION_ACTION_DISPATCHED);
  g_assert_cmpint (((MdgConsultationEvent *) history->pdata[1])->staff_id, ==, first_id);
  g_assert_cmpstr (((MdgConsultationEvent *) history->pdata[1])->note, ==, "Please call back today");
  g_assert_cmpint (((MdgConsultationEvent *) history->pdata[3])->action, ==, MDG_CONSULTATION_ACTION_ANSWERED);
  g_assert_cmpint (((MdgConsultationEvent *) history->pdata[3])->staff_id, ==, mdg_staff_get_id (specialist));
}

/* Opens an expander row as a click on its header does. */
static void
expand (GtkWidget *expander)
{
  GtkWidget *header = find_type (expander, ADW_TYPE_ACTION_ROW);

  g_assert_nonnull (header);
  g_assert_true (gtk_widget_get_mapped (header) && gtk_widget_is_sensitive (header));
  g_signal_emit_by_name (header, "activate");
  wait_until (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
}

static gint64
add_person (WindowFixture *f,
            const char    *family,
            const char    *given,
            const char    *family_kana,
            const char    *email)
{
  g_autoptr(MdgPerson) person = mdg_person_new ();
  g_autoptr(GError) error = NULL;

  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, family);
  mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, given);
  mdg_person_set_text (person, MDG_PERSON_FAMILY_KANA, family_kana);
  mdg_person_set_text (person, MDG_PERSON_EMAIL, email);
  g_assert_true (mdg_person_store_save (f->db, person, &error));
  g_assert_no_error (error);
  return mdg_person_get_id (person);
}

static gint64
only_consultation_person (WindowFixture *f,
                          const char    *subject)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(person_id, 0) FROM consultation WHERE subject = '%s'", subject);

  return mdg_test_count (f->db, sql);
}

/* The caller found as their name is typed, or typed in new, with the person already known offered first. */
static void
test_intake_person (WindowFixture *f,
                    gconstpointer  data)
{
  MdgConsultationsPage *page;
  GtkWidget *root = GTK_WIDGET (f->window);
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *existing = NULL;
  GtkWidget *match, *error_label;
  AdwMessageDialog *dialog;
  gint64 yamada, tanaka;

  reset_settings ();
  g_settings_set_int64 (settings, "current-staff", add_staff (f, "Sato Hanako"));
  yamada = add_person (f, "山田", "太郎", "ヤマダ", "yamada@tachikawa.example.jp");
  tanaka = add_person (f, "Tanaka", "Yuki", "タナカ", "tanaka@example.jp");
  page = open_section (f);

  /* Found by the address as it is typed, chosen; kept in the draft. */
  wait_until (gtk_widget_get_mapped (require_named (root, "consultations-search")));
  focus (f, require_named (GTK_WIDGET (page), "consultations-search"));
  press_key (root, GDK_KEY_n, GDK_CONTROL_MASK);
  wait_until (gtk_widget_get_mapped (require_named (root, "intake-person")));
  focus (f, require_named (root, "intake-person"));
  type_text (root, "yamada");
  /* The matches of the whole address, not those of a letter typed before it. */
  wait_until (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (require_named (root, "intake-person"))), "yamada") == 0);
  wait_until ((match = find_named (root, "person-match-0")) != NULL && gtk_widget_get_mapped (match) &&
              strstr (g_object_get_data (G_OBJECT (match), "name"), "山田") != NULL &&
              find_named (root, "person-match-1") == NULL);
  screenshot (root, "consultations-person-match");
  /* The row as it is now: a search of a shorter prefix may have come back meanwhile and rebuilt the list. */
  match = require_named (root, "person-match-0");
  g_assert_nonnull (strstr (g_object_get_data (G_OBJECT (match), "name"), "山田"));
  g_signal_emit_by_name (require_named (root, "person-matches"), "row-activated", match);
  wait_until (gtk_widget_get_mapped (require_named (root, "intake-person-known")));
  focus (f, require_named (root, "intake-subject"));
  type_text (root, "Invoice mail with a macro");
  wait_until (mdg_consultations_page_get_draft_idle (page));
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM draft_field WHERE name = 'person-id'"), ==, 1);
  click (require_named (root, "intake-save"));
  wait_until (list_shows (page, "Invoice mail with a macro"));
  g_assert_cmpint (only_consultation_person (f, "Invoice mail with a macro"), ==, yamada);
  wait_until (find_named (root, "consultation-person") != NULL &&
              strstr (gtk_label_get_text (GTK_LABEL (require_named (root, "consultation-person"))), "山田") != NULL);

  /* A name typed but not chosen is not silently dropped. */
  click (require_named (root, "consultation-new"));
  wait_until (gtk_widget_get_mapped (require_named (root, "intake-person")));
  focus (f, require_named (root, "intake-person"));
  type_text (root, "Nobody");
  focus (f, require_named (root, "intake-subject"));
  type_text (root, "Fake invoice");
  click (require_named (root, "intake-save"));
  error_label = require_named (root, "intake-error");
  wait_until (gtk_widget_get_mapped (error_label) && *gtk_label_get_text (GTK_LABEL (error_label)) != '\0');
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation"), ==, 1);

  /* Typed in new: the one with the same address is offered, and taken. */
  focus (f, require_named (root, "intake-person"));
  for (int i = 0; i < 6; i++)
    press_key (root, GDK_KEY_BackSpace, 0);
  wait_until (*gtk_editable_get_text (GTK_EDITABLE (require_named (root, "intake-person"))) == '\0');
  expand (require_named (root, "intake-new-person"));
  wait_until (gtk_widget_get_mapped (require_named (root, "intake-person-family-name")));
  focus (f, require_named (root, "intake-person-family-name"));
  type_text (root, "Tanaka");
  focus (f, require_named (root, "intake-person-given-name"));
  type_text (root, "Yuki");
  /* The address as pasted: type_text has no @ key. */
  gtk_editable_set_text (GTK_EDITABLE (require_named (root, "intake-person-email")), "tanaka@example.jp");
  screenshot (root, "consultations-new-person");
  click (require_named (root, "intake-save"));
  wait_until ((dialog = (AdwMessageDialog *) find_dialog (ADW_TYPE_MESSAGE_DIALOG)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (dialog)), ==, "intake-duplicate-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Tanaka Yuki"));
  screenshot (GTK_WIDGET (dialog), "consultations-duplicate");
  existing = plain_label (_("Use Existing Person"));
  click (find_button_with_label (GTK_WIDGET (dialog), existing));
  wait_until (list_shows (page, "Fake invoice"));
  g_assert_cmpint (only_consultation_person (f, "Fake invoice"), ==, tanaka);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person"), ==, 2);

  /* Someone not known: added to Contacts with the consultation. */
  click (require_named (root, "consultation-new"));
  wait_until (gtk_widget_get_mapped (require_named (root, "intake-new-person")));
  expand (require_named (root, "intake-new-person"));
  wait_until (gtk_widget_get_mapped (require_named (root, "intake-person-family-name")));
  focus (f, require_named (root, "intake-person-family-name"));
  type_text (root, "Mori");
  focus (f, require_named (root, "intake-person-family-kana"));
  type_text (root, "mori");
  focus (f, require_named (root, "intake-subject"));
  type_text (root, "Lost laptop");
  click (require_named (root, "intake-save"));
  wait_until (list_shows (page, "Lost laptop"));
  wait_until (list_shows (page, "Lost laptop"));
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person"), ==, 3);
  g_assert_cmpint (only_consultation_person (f, "Lost laptop"), ==,
                   mdg_test_count (f->db, "SELECT id FROM person WHERE family_name = 'Mori'"));
}

/* Chooses a row of a list as a click on it does. */
static void
choose_row (GtkWidget *row)
{
  g_assert_true (gtk_widget_get_mapped (row) && gtk_widget_is_sensitive (row));
  g_signal_emit_by_name (row, "activate");
  wait_until (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)));
}

static gint64
add_consultation (WindowFixture *f,
                  gint64         actor_id,
                  const char    *subject,
                  gboolean       overdue)
{
  g_autoptr(MdgConsultation) c = mdg_consultation_new (MDG_CHANNEL_PHONE);
  g_autoptr(GError) error = NULL;

  mdg_consultation_set_text (c, MDG_CONSULTATION_SUBJECT, subject);
  if (overdue)
    {
      GDate due;

      g_date_set_dmy (&due, 1, G_DATE_APRIL, 2020);
      mdg_consultation_set_due_date (c, &due);
    }
  g_assert_true (mdg_consultation_store_add (f->db, actor_id, c, NULL, &error));
  g_assert_no_error (error);
  return mdg_consultation_get_id (c);
}

static gboolean
queue_count_is (GtkWidget  *root,
                const char *queue,
                const char *count)
{
  g_autofree char *name = g_strdup_printf ("queue-%s-count", queue);

  return fact_is (root, name, count);
}

/* The queues with their counts, each chosen with a click; the counts follow a dispatch. */
static void
test_queues (WindowFixture *f,
             gconstpointer  data)
{
  MdgConsultationsPage *page;
  GtkWidget *root = GTK_WIDGET (f->window);
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(MdgStaff) me = mdg_staff_new ("Kimura Ken", MDG_STAFF_ROLE_SECOND_LINE);
  g_autoptr(MdgStaff) other = mdg_staff_new ("Ono Mai", MDG_STAFF_ROLE_SECOND_LINE);
  g_autoptr(MdgConsultation) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *dispatch = NULL;
  AdwMessageDialog *dialog;
  gint64 first_id, waiting_id, mine_id;

  reset_settings ();
  first_id = add_staff (f, "Sato Hanako");
  g_assert_true (mdg_staff_store_save (f->db, me, &error));
  g_assert_true (mdg_staff_store_save (f->db, other, &error));
  g_assert_no_error (error);
  add_consultation (f, first_id, "Unassigned one", FALSE);
  add_consultation (f, first_id, "Overdue one", TRUE);
  waiting_id = add_consultation (f, first_id, "Waiting one", FALSE);
  mine_id = add_consultation (f, first_id, "Mine one", FALSE);
  c = mdg_consultation_store_load (f->db, mine_id, &error);
  g_assert_true (mdg_consultation_store_dispatch (f->db, first_id, c, mdg_staff_get_id (me), NULL, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO follow_up (consultation_id, title) VALUES (%" G_GINT64_FORMAT ", 'Call back')",
                         waiting_id);
  mdg_test_exec (f->db, sql);
  g_settings_set_int64 (settings, "current-staff", mdg_staff_get_id (me));

  page = open_section (f);
  wait_until (queue_count_is (root, "all", "4"));
  wait_until (queue_count_is (root, "mine", "1"));
  g_assert_true (queue_count_is (root, "unassigned", "3"));
  g_assert_true (queue_count_is (root, "dispatched", "1"));
  g_assert_true (queue_count_is (root, "waiting-follow-up", "1"));
  g_assert_true (queue_count_is (root, "overdue", "1"));
  screenshot (root, "consultations-queues");

  /* A queue clicked shows what it holds. */
  choose_row (require_named (root, "queue-overdue"));
  wait_until (listed (page) == 1 && list_shows (page, "Overdue one"));
  choose_row (require_named (root, "queue-waiting-follow-up"));
  wait_until (listed (page) == 1 && list_shows (page, "Waiting one"));
  choose_row (require_named (root, "queue-mine"));
  wait_until (listed (page) == 1 && list_shows (page, "Mine one"));
  choose_row (require_named (root, "queue-unassigned"));
  wait_until (listed (page) == 3 && !list_shows (page, "Mine one"));

  /* Dispatched from the Unassigned queue: it leaves it, and every count follows. */
  wait_until (list_shows (page, "Unassigned one"));
  for (guint i = 0; i < listed (page); i++)
    {
      g_autoptr(MdgConsultation) item = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (
                                          GTK_LIST_VIEW (require_named (root, "consultations-list")))), i);

      if (g_strcmp0 (mdg_consultation_get_text (item, MDG_CONSULTATION_SUBJECT), "Unassigned one") == 0)
        gtk_selection_model_select_item (gtk_list_view_get_model (GTK_LIST_VIEW (require_named (root, "consultations-list"))),
                                         i, TRUE);
    }
  wait_until (gtk_widget_get_mapped (require_named (root, "consultation-dispatch")));
  click (require_named (root, "consultation-dispatch"));
  wait_until ((dialog = (AdwMessageDialog *) find_dialog (ADW_TYPE_MESSAGE_DIALOG)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  dispatch = plain_label (_("_Dispatch"));
  click (find_button_with_label (GTK_WIDGET (dialog), dispatch));
  wait_until (queue_count_is (root, "unassigned", "2"));
  wait_until (queue_count_is (root, "dispatched", "2"));
  g_assert_true (queue_count_is (root, "all", "4"));
  wait_until (listed (page) == 2 && !list_shows (page, "Unassigned one"));
}

/* First line answers a new consultation at once; another is referred to an outside body. */
static void
test_answer_now_and_refer (WindowFixture *f,
                           gconstpointer  data)
{
  MdgConsultationsPage *page;
  GtkWidget *root = GTK_WIDGET (f->window);
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(MdgConsultation) stored = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) referrals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *refer = NULL;
  g_autofree char *answer_now = NULL;
  GtkSelectionModel *selection;
  AdwMessageDialog *dialog;
  MdgConsultationEvent *event;
  gint64 first_id, simple_id, fraud_id;
  guint position = 0;

  reset_settings ();
  first_id = add_staff (f, "Sato Hanako");
  simple_id = add_consultation (f, first_id, "How long should a password be", FALSE);
  fraud_id = add_consultation (f, first_id, "Money sent to a fake supplier", FALSE);
  g_settings_set_int64 (settings, "current-staff", first_id);
  page = open_section (f);
  wait_until (list_shows (page, "How long should a password be") && list_shows (page, "Money sent to a fake supplier"));
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (require_named (root, "consultations-list")));

  /* Newest first: the fraud is at the top, the password question below. */
  for (guint i = 0; i < listed (page); i++)
    {
      g_autoptr(MdgConsultation) item = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (mdg_consultation_get_id (item) == simple_id)
        position = i;
    }
  gtk_selection_model_select_item (selection, position, TRUE);
  wait_until (gtk_widget_get_mapped (require_named (root, "consultation-answer-text")));
  /* A new consultation is answered at once, and the button says so. */
  answer_now = plain_label (widget_text (require_named (root, "consultation-answer-save")));
  {
    g_autofree char *expected = plain_label (_("Answer _Now"));

    g_assert_cmpstr (answer_now, ==, expected);
  }
  focus (f, require_named (root, "consultation-answer-text"));
  type_text (root, "At least twelve characters");
  click (require_named (root, "consultation-answer-save"));
  wait_until (fact_is (root, "consultation-state", mdg_consultation_state_get_label (MDG_CONSULTATION_STATE_ANSWERED)));
  stored = mdg_consultation_store_load (f->db, simple_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_consultation_get_state (stored), ==, MDG_CONSULTATION_STATE_ANSWERED);
  history = mdg_consultation_store_list_history (f->db, simple_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpint (((MdgConsultationEvent *) history->pdata[1])->action, ==, MDG_CONSULTATION_ACTION_ANSWERED);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* Referred: the second body of the list, with a note. */
  for (guint i = 0; i < listed (page); i++)
    {
      g_autoptr(MdgConsultation) item = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (mdg_consultation_get_id (item) == fraud_id)
        position = i;
    }
  gtk_selection_model_select_item (selection, position, TRUE);
  wait_until (fact_is (root, "consultation-subject", "Money sent to a fake supplier"));
  wait_until (gtk_widget_get_mapped (require_named (root, "consultation-refer")));
  click (require_named (root, "consultation-refer"));
  wait_until ((dialog = (AdwMessageDialog *) find_dialog (ADW_TYPE_MESSAGE_DIALOG)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  referrals = mdg_referral_store_list (f->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (referrals->len, >=, 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (require_named (GTK_WIDGET (dialog), "refer-body")), 1);
  focus (f, require_named (GTK_WIDGET (dialog), "refer-note"));
  type_text (GTK_WIDGET (dialog), "Told to call the police today");
  screenshot (GTK_WIDGET (dialog), "consultations-refer");
  refer = plain_label (_("_Refer"));
  click (find_button_with_label (GTK_WIDGET (dialog), refer));
  wait_until (fact_is (root, "consultation-referral",
                       mdg_referral_get_name (g_ptr_array_index (referrals, 1))));
  screenshot (root, "consultations-referred");
  history = mdg_consultation_store_list_history (f->db, fraud_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  event = history->pdata[1];
  g_assert_cmpint (event->action, ==, MDG_CONSULTATION_ACTION_REFERRED);
  g_assert_cmpint (event->staff_id, ==, first_id);
  g_assert_cmpstr (event->note, ==, "Told to call the police today");
  g_assert_cmpstr (event->referral_name, ==, mdg_referral_get_name (g_ptr_array_index (referrals, 1)));
  /* Referred, it is still new: it waits to be answered or dispatched. */
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation WHERE state = 'new'"), ==, 1);
}

/* Whitespace taken out: Poppler breaks the sheet's lines where the layout wrapped them. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static char *
stored_state (WindowFixture *f,
              gint64         id)
{
  g_autoptr(MdgConsultation) c = mdg_consultation_store_load (f->db, id, NULL);

  g_assert_nonnull (c);
  return g_strdup (mdg_consultation_state_to_string (mdg_consultation_get_state (c)));
}

static gboolean
stored_sensitive (WindowFixture *f,
                  gint64         id)
{
  g_autoptr(MdgConsultation) c = mdg_consultation_store_load (f->db, id, NULL);

  g_assert_nonnull (c);
  return mdg_consultation_get_sensitive (c);
}

static guint
history_length (WindowFixture *f,
                gint64         id)
{
  g_autoptr(GPtrArray) history = mdg_consultation_store_list_history (f->db, id, NULL);

  g_assert_nonnull (history);
  return history->len;
}

static MdgConsultationEvent *
last_event (GPtrArray *history)
{
  g_assert_cmpuint (history->len, >, 0);
  return g_ptr_array_index (history, history->len - 1);
}

/* The answer draft of @id, as the database holds it, or NULL. */
static char *
answer_draft (WindowFixture *f,
              gint64         id)
{
  g_autoptr(GPtrArray) drafts = mdg_draft_store_list (f->db, MDG_DRAFT_KIND_ANSWER, 0, NULL);

  g_assert_nonnull (drafts);
  for (guint i = 0; i < drafts->len; i++)
    {
      MdgDraft *draft = g_ptr_array_index (drafts, i);
      g_autoptr(GHashTable) fields = NULL;

      if (draft->target_id != id)
        continue;
      fields = mdg_draft_store_load (f->db, draft->id, NULL);
      g_assert_nonnull (fields);
      return g_strdup (g_hash_table_lookup (fields, "answer"));
    }
  return NULL;
}

static gboolean
answer_draft_is (WindowFixture *f,
                 gint64         id,
                 const char    *text)
{
  g_autofree char *draft = answer_draft (f, id);

  return g_strcmp0 (draft, text) == 0;
}

/* Chooses the consultation @id in the list, as a click on its row does. */
static void
select_consultation (MdgConsultationsPage *page,
                     gint64                id)
{
  GtkSelectionModel *selection =
    gtk_list_view_get_model (GTK_LIST_VIEW (require_named (GTK_WIDGET (page), "consultations-list")));

  for (guint i = 0; i < listed (page); i++)
    {
      g_autoptr(MdgConsultation) item = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (mdg_consultation_get_id (item) == id)
        {
          gtk_selection_model_select_item (selection, i, TRUE);
          return;
        }
    }
  g_assert_not_reached ();
}

/* The list's "Sensitive" tag, on a row on screen. */
static gboolean
row_tag_shown (GtkWidget *root)
{
  GtkWidget *tag = find_named (require_named (root, "consultations-list"), "consultation-row-sensitive");

  return tag != NULL && gtk_widget_get_mapped (tag);
}

static gboolean
answer_text_is (GtkWidget  *root,
                const char *text)
{
  g_autofree char *answer = question_text (require_named (root, "consultation-answer-text"));

  return g_strcmp0 (answer, text) == 0;
}

static gboolean
shown_and_sensitive (GtkWidget  *root,
                     const char *name)
{
  GtkWidget *widget = find_named (root, name);

  return widget != NULL && gtk_widget_get_mapped (widget) && gtk_widget_is_sensitive (widget);
}

/*
 * The detail of an answered consultation: marked sensitive with its switch (tagged in
 * the list, said on the record sheet saved through the file chooser), closed, refused
 * a reopen the database no longer allows, answered again with the window closed in
 * the middle of the answer, and reopened.
 */
static void
test_detail (WindowFixture *f,
             gconstpointer  data)
{
  MdgConsultationsPage *page;
  GtkWidget *root = GTK_WIDGET (f->window);
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(MdgConsultation) c = mdg_consultation_new (MDG_CHANNEL_PHONE);
  g_autoptr(MdgConsultation) stored = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *banner = NULL;
  g_autofree char *state = NULL;
  GtkWidget *sensitive, *refused;
  const char *subject = "ランサムウェアで共有フォルダが暗号化された";
  gint64 staff_id, id;
  guint events;

  reset_settings ();
  staff_id = add_staff (f, "Sato Hanako");
  mdg_consultation_set_text (c, MDG_CONSULTATION_SUBJECT, subject);
  mdg_consultation_set_text (c, MDG_CONSULTATION_QUESTION, "A ransom note appeared on every PC this morning.");
  mdg_consultation_set_text (c, MDG_CONSULTATION_ORGANIZATION, "株式会社田中製作所");
  g_assert_true (mdg_consultation_store_add (f->db, staff_id, c, NULL, &error));
  g_assert_no_error (error);
  id = mdg_consultation_get_id (c);
  g_assert_true (mdg_consultation_store_answer (f->db, staff_id, c, "Disconnect the PCs and call the police.", NULL,
                                                &error));
  g_assert_no_error (error);
  g_settings_set_int64 (settings, "current-staff", staff_id);

  page = open_section (f);
  wait_until (list_shows (page, subject));
  g_assert_false (row_tag_shown (root));
  select_consultation (page, id);

  /* Sensitive: the switch pressed, stored through the core (an edit in the history), tagged in the list. */
  wait_until (shown_and_sensitive (root, "consultation-sensitive"));
  sensitive = require_named (root, "consultation-sensitive");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (sensitive)));
  events = history_length (f, id);
  gtk_widget_activate (sensitive);
  wait_until (stored_sensitive (f, id));
  wait_until (history_length (f, id) == events + 1);
  history = mdg_consultation_store_list_history (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (last_event (history)->action, ==, MDG_CONSULTATION_ACTION_EDITED);
  g_assert_cmpint (last_event (history)->staff_id, ==, staff_id);
  g_clear_pointer (&history, g_ptr_array_unref);
  wait_until (row_tag_shown (root));
  wait_until (shown_and_sensitive (root, "consultation-sensitive") &&
              gtk_switch_get_active (GTK_SWITCH (require_named (root, "consultation-sensitive"))));
  screenshot (root, "consultations-sensitive");

  /* The record sheet, through the button and the real file chooser, says it is sensitive. */
  offer_empty_folder (f);
  wait_until (shown_and_sensitive (root, "consultation-print-sheet"));
  click (require_named (root, "consultation-print-sheet"));
  path = save_in_chooser (f, "record.pdf");
  text = read_saved_pdf (f, path);
  flat = squeeze (text);
  banner = squeeze (_("Sensitive — a named victim or a police matter: show only to those who handle it"));
  g_assert_nonnull (strstr (flat, subject));
  g_assert_nonnull (strstr (flat, "株式会社田中製作所"));
  g_assert_nonnull (strstr (flat, "Disconnectthe"));
  g_assert_nonnull (strstr (flat, banner));

  /* Closed with its button: the state is the database's, and the switch waits for a reopen. */
  wait_until (shown_and_sensitive (root, "consultation-close"));
  events = history_length (f, id);
  click (require_named (root, "consultation-close"));
  wait_until (fact_is (root, "consultation-state", mdg_consultation_state_get_label (MDG_CONSULTATION_STATE_CLOSED)));
  state = stored_state (f, id);
  g_assert_cmpstr (state, ==, "closed");
  g_clear_pointer (&state, g_free);
  g_assert_cmpuint (history_length (f, id), ==, events + 1);
  wait_until (!gtk_widget_get_mapped (require_named (root, "consultation-close")));
  g_assert_false (gtk_widget_is_sensitive (require_named (root, "consultation-sensitive")));
  screenshot (root, "consultations-closed");

  /* Reopened meanwhile at another desk: this window's Reopen is refused, said, and changes nothing. */
  stored = mdg_consultation_store_load (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_true (mdg_consultation_store_reopen (f->db, staff_id, stored, NULL, &error));
  g_assert_no_error (error);
  events = history_length (f, id);
  wait_until (shown_and_sensitive (root, "consultation-reopen"));
  click (require_named (root, "consultation-reopen"));
  wait_until ((refused = find_dialog (ADW_TYPE_MESSAGE_DIALOG)) != NULL &&
              find_label_holding (refused, _("it is still open; only answered or closed consultations are reopened")));
  screenshot (refused, "consultations-refused");
  {
    g_autofree char *close = plain_label (_("_Close"));

    click (find_button_with_label (refused, close));
  }
  wait_until (find_dialog (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  g_assert_cmpuint (history_length (f, id), ==, events);
  state = stored_state (f, id);
  g_assert_cmpstr (state, ==, "new");
  g_clear_pointer (&state, g_free);
  /* The detail reads the consultation again: new, to be answered. */
  wait_until (fact_is (root, "consultation-state", mdg_consultation_state_get_label (MDG_CONSULTATION_STATE_NEW)));
  wait_until (shown_and_sensitive (root, "consultation-answer-text"));

  /* The answer typed is a draft: the window goes in the middle of it, and nothing is lost. */
  focus (f, require_named (root, "consultation-answer-text"));
  type_text (root, "Restore the files from the offline backup");
  wait_until (mdg_consultations_page_get_draft_idle (page));
  wait_until (answer_draft_is (f, id, "Restore the files from the offline backup"));
  type_text (root, "s");
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  wait_until (answer_draft_is (f, id, "Restore the files from the offline backups"));
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM draft WHERE kind = 'answer'"), ==, 1);

  fixture_open_window (f, 1100, 720);
  root = GTK_WIDGET (f->window);
  page = open_section (f);
  wait_until (list_shows (page, subject));
  select_consultation (page, id);
  wait_until (shown_and_sensitive (root, "consultation-answer-text"));
  wait_until (answer_text_is (root, "Restore the files from the offline backups"));
  screenshot (root, "consultations-answer-draft");
  click (require_named (root, "consultation-answer-save"));
  wait_until (fact_is (root, "consultation-state", mdg_consultation_state_get_label (MDG_CONSULTATION_STATE_ANSWERED)));
  g_clear_object (&stored);
  stored = mdg_consultation_store_load (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mdg_consultation_get_text (stored, MDG_CONSULTATION_ANSWER), ==,
                   "Restore the files from the offline backups");
  /* Recorded, the answer is no draft any more. */
  wait_until (mdg_test_count (f->db, "SELECT count(*) FROM draft") == 0);

  /* Reopened with its button: first line's consultation is new again, in the history. */
  wait_until (shown_and_sensitive (root, "consultation-reopen"));
  click (require_named (root, "consultation-reopen"));
  wait_until (fact_is (root, "consultation-state", mdg_consultation_state_get_label (MDG_CONSULTATION_STATE_NEW)));
  history = mdg_consultation_store_list_history (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (last_event (history)->action, ==, MDG_CONSULTATION_ACTION_REOPENED);
  g_assert_cmpint (last_event (history)->staff_id, ==, staff_id);
  /* Still sensitive, and the switch unmarks it. */
  wait_until (shown_and_sensitive (root, "consultation-sensitive") &&
              gtk_switch_get_active (GTK_SWITCH (require_named (root, "consultation-sensitive"))));
  gtk_widget_activate (require_named (root, "consultation-sensitive"));
  wait_until (!stored_sensitive (f, id));
}

/* The seminar's page lists its on-site consultation slots, and who booked them. */
static void
test_seminar_slots (WindowFixture *f,
                    gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (f->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) slot_ids = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GDateTime) starts = NULL;
  g_autofree char *booked_title = NULL;
  MdgConsultationSlot *booked;
  MdgSeminarsPage *seminars;
  GtkWidget *group;
  gint64 seminar_id, registration_id, staff_id;

  reset_settings ();
  staff_id = add_staff (f, "Kimura Ken");
  seminar_id = mdg_test_count (f->db, "SELECT s.id FROM seminar AS s JOIN registration AS r ON r.seminar_id = s.id"
                                      " WHERE s.ends_at > strftime('%s', 'now') AND r.status = 'registered'"
                                      " GROUP BY s.id ORDER BY s.id LIMIT 1");
  g_assert_cmpint (seminar_id, >, 0);
  registration_id = mdg_test_count (f->db, "SELECT min(id) FROM registration WHERE status = 'registered' AND seminar_id = "
                                           "(SELECT s.id FROM seminar AS s JOIN registration AS r ON r.seminar_id = s.id"
                                           " WHERE s.ends_at > strftime('%s', 'now') AND r.status = 'registered'"
                                           " GROUP BY s.id ORDER BY s.id LIMIT 1)");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT starts_at FROM seminar WHERE id = %" G_GINT64_FORMAT, seminar_id);

    starts = g_date_time_new_from_unix_local (mdg_test_count (f->db, sql));
  }
  slot_ids = mdg_slot_store_add (f->db, seminar_id, starts, 30, 2, staff_id, &error);
  g_assert_no_error (error);
  g_assert_true (mdg_slot_store_book (f->db, g_array_index (slot_ids, gint64, 0), registration_id, NULL, &error));
  g_assert_no_error (error);
  slots = mdg_slot_store_list (f->db, seminar_id, &error);
  g_assert_no_error (error);
  booked = g_ptr_array_index (slots, 0);
  g_assert_nonnull (booked->attendee_name);

  wait_until (mdg_window_peek_section (f->window, "seminars") != NULL &&
              mdg_seminars_page_get_loaded (MDG_SEMINARS_PAGE (mdg_window_peek_section (f->window, "seminars"))));
  seminars = MDG_SEMINARS_PAGE (mdg_window_peek_section (f->window, "seminars"));
  mdg_seminars_page_select (seminars, seminar_id);
  group = require_named (root, "seminar-slots");
  wait_until (gtk_widget_get_mapped (group) && find_named (group, "seminar-slot-1") != NULL);
  /* The booked slot names its attendee; the other is free. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (require_named (group, "seminar-slot-0"))),
                            booked->attendee_name));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (require_named (group, "seminar-slot-0"))),
                            "Kimura Ken"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (require_named (group, "seminar-slot-1"))), ==,
                   _("Not booked yet"));
  g_assert_null (find_named (group, "seminar-slot-2"));
  {
    /* Scrolled down to the slots, to look at them. */
    GtkWidget *scrolled = gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    /* The page grows as its program and slots come in: to its end as it is then. */
    for (int i = 0; i < 10; i++)
      {
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
        spin (50);
      }
  }
  screenshot (root, "seminar-slots");

  /* Another seminar without slots says so, beside the button that adds them. */
  mdg_seminars_page_select (seminars, mdg_test_count (f->db, "SELECT max(id) FROM seminar"));
  if (mdg_test_count (f->db, "SELECT max(id) FROM seminar") != seminar_id)
    wait_until (find_named (group, "seminar-slots-empty") != NULL && find_named (group, "seminar-slot-0") == NULL);
}

/* A phone-sized window: the list and the intake take turns, and Back returns to the list. */
static void
test_narrow (WindowFixture *f,
             gconstpointer  data)
{
  MdgConsultationsPage *page;
  GtkWidget *root = GTK_WIDGET (f->window);
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  GtkWidget *list, *subject;
  GtkSingleSelection *selection;
  AdwLeaflet *leaflet;
  gint64 staff_id;
  guint chosen;

  reset_settings ();
  staff_id = add_staff (f, "Sato Hanako");
  add_consultation (f, staff_id, "ランサムウェアの脅迫文が届いた", FALSE);
  add_consultation (f, staff_id, "取引先を装ったメールで請求書が届いた", FALSE);
  add_consultation (f, staff_id, "退職者のアカウントが残っている", FALSE);
  g_settings_set_int64 (settings, "current-staff", staff_id);
  page = open_section (f);
  leaflet = ADW_LEAFLET (find_type (GTK_WIDGET (page), ADW_TYPE_LEAFLET));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 400, 700);
  wait_until (adw_leaflet_get_folded (leaflet));
  wait_until (gtk_widget_get_mapped (require_named (root, "consultation-new")));
  wait_until (listed (page) == 3 && list_shows (page, "退職者のアカウントが残っている"));
  screenshot (root, "consultations-narrow-list");

  /* Folded, the arrow keys move through the list and open nothing; Enter opens. */
  list = require_named (root, "consultations-list");
  subject = require_named (root, "consultation-subject");
  wait_until (gtk_widget_get_mapped (gtk_widget_get_first_child (list)));
  gtk_widget_grab_focus (gtk_widget_get_first_child (list));
  press_key (root, GDK_KEY_Down, 0);
  press_key (root, GDK_KEY_Down, 0);
  spin (300);
  g_assert_true (gtk_widget_get_mapped (list));
  g_assert_false (gtk_widget_get_mapped (subject));
  /* Space keeps the row chosen (it does not take the choice away, leaving a detail that
   * no row in the list matches). */
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  chosen = gtk_single_selection_get_selected (selection);
  g_assert_cmpuint (chosen, ==, 2);
  press_key (root, GDK_KEY_space, 0);
  spin (300);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, chosen);
  press_key (root, GDK_KEY_Return, 0);
  wait_until (gtk_widget_get_mapped (subject) && !gtk_widget_get_mapped (list));
  /* The consultation fits the narrow window: its rows of buttons wrap. */
  spin (300);
  g_assert_cmpint (gtk_widget_get_width (root), <=, 400);
  screenshot (root, "consultations-narrow-detail");
  click (find_button_with_action (root, "consultations.back"));
  wait_until (gtk_widget_get_mapped (list));

  /* One click on a row opens it. */
  wait_until (!adw_leaflet_get_child_transition_running (leaflet));
  click_pointer (gtk_widget_get_first_child (list));
  wait_until (gtk_widget_get_mapped (subject) && !gtk_widget_get_mapped (list));
  click (find_button_with_action (root, "consultations.back"));
  wait_until (gtk_widget_get_mapped (list));
  click (require_named (root, "consultation-new"));
  wait_until (gtk_widget_get_mapped (require_named (root, "intake-subject")));
  wait_until (!gtk_widget_get_mapped (require_named (root, "consultations-search")));
  screenshot (root, "consultations-narrow-intake");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
  click (require_named (root, "intake-cancel"));
  wait_until (gtk_widget_get_mapped (require_named (root, "consultations-search")));
  /* Cancelled: the consultation shown before is chosen again, the keyboard in the list. */
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
  wait_until (gtk_root_get_focus (GTK_ROOT (f->window)) != NULL &&
              gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), list));
  /* Cancelled, the draft goes too. */
  wait_until (mdg_test_count (f->db, "SELECT count(*) FROM draft") == 0);
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

#define ADD(path, setup, func) \
  g_test_add ("/consultations-page/" path, WindowFixture, NULL, setup, func, fixture_tear_down)

  ADD ("intake", fixture_set_up_empty, test_intake);
  ADD ("draft-survives", fixture_set_up_empty, test_draft_survives);
  ADD ("mail", fixture_set_up_empty, test_mail);
  ADD ("triage", fixture_set_up_empty, test_triage);
  ADD ("intake-person", fixture_set_up_empty, test_intake_person);
  ADD ("queues", fixture_set_up_empty, test_queues);
  ADD ("answer-now-and-refer", fixture_set_up_empty, test_answer_now_and_refer);
  ADD ("seminar-slots", fixture_set_up_sample, test_seminar_slots);
  ADD ("narrow", fixture_set_up_empty, test_narrow);
  ADD ("detail", fixture_set_up_empty, test_detail);

  return g_test_run ();
}
