/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mdg-deck-library.h"
#include "mdg-deck-store.h"
#include "mdg-decks-page.h"
#include "mdg-presenter-console.h"
#include "mdg-presenter-session.h"
#include "mdg-test-slides.h"
#include "mdg-test-util.h"
#include "mdg-window-test-util.h"

/*
 * The Slide Decks section under Xvfb, on a real database with real PDFs: a refused
 * file says why and stores nothing; an imported deck shows in the list and its
 * slides in the grid; a slide chosen with the keyboard shows beside its explanatory
 * text, and what is typed there reaches the database; a new revision says which
 * slides it added and carries the text over; any older revision can be compared with
 * the one shown; Present opens the presenter on the revision chosen; in a narrow
 * window the section folds into the library, the grid and the slide.
 */

static const char * const first_texts[] = {
  "Ransomware 2026", "Backups that work", "VPN appliances", "Phishing drills", "Incident contacts",
  "Password managers", "Multi-factor sign-in", "Software updates", "Cloud settings", "Logs to keep",
  "Insurance", "Questions",
};

/* The same deck with a slide inserted after the second, and the one on insurance gone. */
static const char * const second_texts[] = {
  "Ransomware 2026", "Backups that work", "Supply chain attacks", "VPN appliances", "Phishing drills",
  "Incident contacts", "Password managers", "Multi-factor sign-in", "Software updates", "Cloud settings",
  "Logs to keep", "Questions",
};

/* The third: two slides fewer. */
static const char * const third_texts[] = {
  "Ransomware 2026", "Backups that work", "Supply chain attacks", "VPN appliances", "Phishing drills",
  "Incident contacts", "Password managers", "Multi-factor sign-in", "Software updates", "Questions",
};

static MdgDecksPage *
decks_page (WindowFixture *f)
{
  return MDG_DECKS_PAGE (mdg_window_peek_section (f->window, "decks"));
}

static MdgDecksPage *
open_decks (WindowFixture *f)
{
  GtkListBox *sidebar = GTK_LIST_BOX (require_named (GTK_WIDGET (f->window), "sidebar-list"));
  GtkWidget *row = require_named (GTK_WIDGET (sidebar), "decks");

  g_assert_true (gtk_widget_get_mapped (row));
  g_signal_emit_by_name (sidebar, "row-activated", row);
  g_assert_nonnull (decks_page (f));
  wait_until (!mdg_decks_page_is_busy (decks_page (f)));
  return decks_page (f);
}

/* Slide Decks chosen with the mouse, then Ctrl+O at once: the keyboard has left the
 * sidebar for the section, whose shortcut opens the file chooser to import a deck. */
static void
test_decks_open_shortcut (WindowFixture *f,
                          gconstpointer  data)
{
  GtkWidget *sidebar = require_named (GTK_WIDGET (f->window), "sidebar-list");
  GtkWidget *row = require_named (sidebar, "decks");
  GtkWindow *chooser = NULL;

  wait_until (gtk_widget_get_mapped (row));
  click_pointer (row);
  wait_until (decks_page (f) != NULL && gtk_widget_get_mapped (GTK_WIDGET (decks_page (f))));
  wait_until (!mdg_decks_page_is_busy (decks_page (f)));

  press_key (GTK_WIDGET (f->window), GDK_KEY_o, GDK_CONTROL_MASK);
  wait_until ((chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, _("Import Deck"));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  wait_until (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);
}

static GtkWindow *
find_dialog (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), name) == 0 &&
          gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static guint
n_decks (WindowFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) decks = mdg_deck_store_list (f->db, &error);

  g_assert_no_error (error);
  return decks->len;
}

/* Whether a label under @root shows @text. */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (shows_label (child, text))
        return TRUE;
    }
  return FALSE;
}

/* How many thumbnails in the grid show their picture. */
static guint
n_thumbnails_shown (GtkWidget *grid)
{
  guint n = 0;

  for (GtkWidget *cell = gtk_widget_get_first_child (grid); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *picture = find_type (cell, GTK_TYPE_PICTURE);

      if (picture != NULL && gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL)
        n++;
    }
  return n;
}

/* Whether the grid shows a thumbnail captioned @caption. */
static gboolean
grid_shows (WindowFixture *f,
            const char    *caption)
{
  return shows_label (require_named (GTK_WIDGET (decks_page (f)), "deck-slides"), caption);
}

static const char *
diff_text (WindowFixture *f)
{
  return gtk_label_get_text (GTK_LABEL (require_named (GTK_WIDGET (decks_page (f)), "deck-diff")));
}

/*
 * Chooses item @position of a drop-down as a person does: its button opens the
 * list, and the item's row is activated (what a click or Enter on it does; XTest's
 * keys reach the window, not the popover's list, under Xvfb without a window manager).
 */
static void
choose_in_drop_down (WindowFixture *f,
                     const char    *name,
                     guint          position)
{
  GtkWidget *drop_down = require_named (GTK_WIDGET (decks_page (f)), name);
  GtkWidget *button = find_type (drop_down, GTK_TYPE_TOGGLE_BUTTON);
  GtkWidget *popover = find_type (drop_down, GTK_TYPE_POPOVER);
  GtkWidget *list;

  g_assert_true (gtk_widget_get_mapped (drop_down));
  g_assert_true (gtk_widget_is_sensitive (drop_down));
  click (button);
  wait_until (gtk_widget_get_mapped (popover));
  list = find_type (popover, GTK_TYPE_LIST_VIEW);
  g_assert_true (gtk_widget_get_mapped (list));
  g_assert_cmpuint (position, <, g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)))));
  /* As a click does: the row is selected, then activated. */
  gtk_selection_model_select_item (gtk_list_view_get_model (GTK_LIST_VIEW (list)), position, TRUE);
  g_signal_emit_by_name (list, "activate", position);
  wait_until (!gtk_widget_get_mapped (popover));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, position);
}

static char *
explanation_in_database (WindowFixture *f,
                         guint          number,
                         guint          page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) decks = mdg_deck_store_list (f->db, &error);
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GPtrArray) pages = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (decks->len, ==, 1);
  revision = mdg_deck_store_load_revision (f->db, mdg_deck_get_id (g_ptr_array_index (decks, 0)), number, &error);
  g_assert_no_error (error);
  pages = mdg_deck_store_list_pages (f->db, mdg_deck_revision_get_id (revision), &error);
  g_assert_no_error (error);
  return g_strdup (((MdgSlidePage *) g_ptr_array_index (pages, page - 1))->explanation);
}

static guint
n_reviews (WindowFixture *f,
           guint          number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) decks = mdg_deck_store_list (f->db, &error);
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GPtrArray) reviews = NULL;

  g_assert_no_error (error);
  revision = mdg_deck_store_load_revision (f->db, mdg_deck_get_id (g_ptr_array_index (decks, 0)), number, &error);
  g_assert_no_error (error);
  reviews = mdg_deck_store_list_review (f->db, mdg_deck_revision_get_id (revision), &error);
  g_assert_no_error (error);
  return reviews->len;
}

static void
test_decks_page (WindowFixture *f,
                 gconstpointer  data)
{
  MdgDecksPage *page = open_decks (f);
  GtkWidget *grid, *view, *present;
  GtkWindow *dialog, *console;
  g_autofree char *bad = g_build_filename (f->dir, "agenda.pdf", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "ransomware.pdf", NULL);
  g_autofree char *pdf2 = g_build_filename (f->dir, "ransomware-v2.pdf", NULL);
  g_autofree char *slide_3 = NULL;
  g_autofree char *slide_5 = NULL;
  g_autofree char *added = NULL;
  g_autofree char *pdf3 = g_build_filename (f->dir, "ransomware-v3.pdf", NULL);
  g_autoptr(GFile) file3 = g_file_new_for_path (pdf3);
  g_autofree char *since = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *new_3 = NULL;
  g_autofree char *older = NULL;
  g_autofree char *slide_1_of_12 = g_strdup_printf (_("Slide %u of %u"), 1, (guint) G_N_ELEMENTS (first_texts));
  MdgPresenterSession *session;
  char *list;
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autoptr(GFile) file2 = g_file_new_for_path (pdf2);
  g_autoptr(GError) error = NULL;
  char *text;

  /* Nothing yet: the empty state offers the import. */
  g_assert_true (gtk_widget_get_mapped (require_named (GTK_WIDGET (page), "deck-empty")));
  g_assert_false (gtk_widget_is_sensitive (require_named (GTK_WIDGET (page), "deck-present")));
  g_assert_true (gtk_widget_is_sensitive (require_named (GTK_WIDGET (page), "deck-import")));
  screenshot (GTK_WIDGET (f->window), "decks-empty");

  /* A file that only says it is a PDF: refused with the library's message, nothing stored. */
  g_file_set_contents (bad, "Agenda: 10:00 welcome, 10:15 ransomware\n", -1, &error);
  g_assert_no_error (error);
  mdg_decks_page_import_file (page, bad_file, 0, NULL);
  wait_until ((dialog = find_dialog ("deck-import-error")) != NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "agenda.pdf"));
  screenshot (GTK_WIDGET (dialog), "decks-refused");
  g_assert_cmpuint (n_decks (f), ==, 0);
  gtk_window_destroy (dialog);

  /* A real deck: its row, then its slides. */
  mdg_test_write_deck (pdf, first_texts, G_N_ELEMENTS (first_texts), FALSE);
  mdg_decks_page_import_file (page, file, 0, NULL);
  wait_until (gtk_widget_get_mapped (require_named (GTK_WIDGET (page), "deck-list")) && !mdg_decks_page_is_busy (page));
  g_assert_cmpuint (n_decks (f), ==, 1);
  {
    g_autoptr(GPtrArray) decks = mdg_deck_store_list (f->db, &error);

    g_assert_no_error (error);
    wait_until (shows_label (require_named (GTK_WIDGET (page), "deck-list"),
                             mdg_deck_get_title (g_ptr_array_index (decks, 0))));
  }
  grid = require_named (GTK_WIDGET (page), "deck-slides");
  /* The thumbnails come from the renderer's threads, the visible ones at least. */
  wait_until (n_thumbnails_shown (grid) >= 4);

  /* The keyboard picks the third slide: it shows large beside its text. */
  gtk_widget_grab_focus (gtk_widget_get_first_child (grid));
  press_key (GTK_WIDGET (f->window), GDK_KEY_Right, 0);
  press_key (GTK_WIDGET (f->window), GDK_KEY_Right, 0);
  slide_3 = g_strdup_printf (_("Slide %u of %u"), 3, (guint) G_N_ELEMENTS (first_texts));
  wait_until (shows_label (require_named (GTK_WIDGET (page), "deck-slide-pane"), slide_3));
  wait_until (gtk_picture_get_paintable (GTK_PICTURE (require_named (GTK_WIDGET (page), "deck-slide-picture"))) != NULL);

  /* Typed into the explanatory text, it is in the database after the pause. */
  view = require_named (GTK_WIDGET (page), "deck-explanation");
  g_assert_true (gtk_widget_is_sensitive (view));
  gtk_widget_grab_focus (view);
  type_text (GTK_WIDGET (f->window), "Update the VPN first");
  wait_until (!mdg_decks_page_is_busy (page));
  text = explanation_in_database (f, 1, 3);
  g_assert_cmpstr (text, ==, "Update the VPN first");
  g_free (text);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (require_named (GTK_WIDGET (page), "deck-save-state"))), ==, _("Saved"));
  screenshot (GTK_WIDGET (f->window), "decks");

  /* The insurance slide had its text too (written before, through the store). */
  {
    g_autoptr(MdgDeckRevision) first = mdg_deck_store_load_revision (f->db, mdg_decks_page_get_deck_id (page), 1, &error);

    g_assert_no_error (error);
    g_assert_true (mdg_deck_store_set_explanation (f->db, mdg_deck_revision_get_id (first), 11,
                                                   "Ask about cyber insurance", &error));
    g_assert_no_error (error);
  }

  /* A new revision with a slide inserted: the diff says so, and the text moved with its slide. */
  mdg_test_write_deck (pdf2, second_texts, G_N_ELEMENTS (second_texts), FALSE);
  mdg_decks_page_import_file (page, file2, mdg_decks_page_get_deck_id (page), "Supply chain slide");
  wait_until (!mdg_decks_page_is_busy (page) &&
              g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (require_named (GTK_WIDGET (page), "deck-revision")))) == 2);
  added = g_strdup_printf (_("Added slides: %s"), "3");
  wait_until (strstr (gtk_label_get_text (GTK_LABEL (require_named (GTK_WIDGET (page), "deck-diff"))), added) != NULL);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (require_named (GTK_WIDGET (page), "deck-revision-note"))),
                            "Supply chain slide"));
  text = explanation_in_database (f, 2, 4);
  g_assert_cmpstr (text, ==, "Update the VPN first");
  g_free (text);
  slide_5 = g_strdup_printf (_("Slide %u of %u"), 1, (guint) G_N_ELEMENTS (second_texts));
  wait_until (shows_label (require_named (GTK_WIDGET (page), "deck-slide-pane"), slide_5));
  screenshot (GTK_WIDGET (f->window), "decks-revision");

  /* The insurance text has no slide left: it waits for review, and goes onto the selected slide. */
  wait_until (gtk_widget_get_mapped (require_named (GTK_WIDGET (page), "deck-review-box")));
  g_assert_true (shows_label (require_named (GTK_WIDGET (page), "deck-review"), "Ask about cyber insurance"));
  click (require_named (GTK_WIDGET (page), "deck-review-place"));
  wait_until (!gtk_widget_get_visible (require_named (GTK_WIDGET (page), "deck-review-box")));
  wait_until (!mdg_decks_page_is_busy (page));
  text = explanation_in_database (f, 2, 1);
  g_assert_cmpstr (text, ==, "Ask about cyber insurance");
  g_free (text);
  /* The database forgets it once the worker has run. */
  wait_until (n_reviews (f, 2) == 0);

  /* Print Handout offers every layout of the core's handouts; Esc leaves it. */
  click (require_named (GTK_WIDGET (page), "deck-handout"));
  wait_until ((dialog = find_dialog ("deck-handout-dialog")) != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (require_named (GTK_WIDGET (dialog), "deck-handout-layout")))), ==, 6);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  screenshot (GTK_WIDGET (dialog), "decks-handout");
  press_key (GTK_WIDGET (dialog), GDK_KEY_Escape, 0);
  wait_until (find_dialog ("deck-handout-dialog") == NULL);

  /* (Saving it through the file chooser is left out: GTK 4.8's chooser leaks the GFiles
   * of a folder it lists, which LeakSanitizer reports; test-handout.c reads handouts back.) */

  /* A third revision, two slides shorter: compared with the one before, unless another is chosen. */
  mdg_test_write_deck (pdf3, third_texts, G_N_ELEMENTS (third_texts), FALSE);
  mdg_decks_page_import_file (page, file3, mdg_decks_page_get_deck_id (page), "Shorter");
  wait_until (!mdg_decks_page_is_busy (page) &&
              g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (require_named (GTK_WIDGET (page), "deck-revision")))) == 3);
  since = g_strdup_printf (_("Since revision %u:"), 2);
  wait_until (g_str_has_prefix (diff_text (f), since));
  /* The numbers joined with the separator of the language, as the page does. */
  list = g_strjoin (_(", "), "10", "11", NULL);
  removed = g_strdup_printf (_("Removed slides: %s"), list);
  g_free (list);
  g_assert_nonnull (strstr (diff_text (f), removed));
  g_assert_null (strstr (diff_text (f), added));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (require_named (GTK_WIDGET (page), "deck-compare")))), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (require_named (GTK_WIDGET (page), "deck-compare"))), ==, 1);
  new_3 = g_strdup_printf (_("%u · new"), 3);
  g_assert_false (grid_shows (f, new_3));

  /* Compared with the first instead: the supply chain slide is new again, three are gone. */
  choose_in_drop_down (f, "deck-compare", 0);
  g_free (since);
  since = g_strdup_printf (_("Since revision %u:"), 1);
  wait_until (g_str_has_prefix (diff_text (f), since) && !mdg_decks_page_is_busy (page));
  g_assert_nonnull (strstr (diff_text (f), added));
  g_free (removed);
  list = g_strjoin (_(", "), "9", "10", "11", NULL);
  removed = g_strdup_printf (_("Removed slides: %s"), list);
  g_free (list);
  g_assert_nonnull (strstr (diff_text (f), removed));
  wait_until (grid_shows (f, new_3));
  screenshot (GTK_WIDGET (f->window), "decks-compare");

  /* The first revision chosen: nothing older to compare with. */
  choose_in_drop_down (f, "deck-revision", 0);
  wait_until (!mdg_decks_page_is_busy (page) && g_strcmp0 (diff_text (f), _("The first revision of this deck.")) == 0);
  g_assert_false (gtk_widget_get_visible (require_named (GTK_WIDGET (page), "deck-compare")) &&
                  gtk_widget_get_mapped (require_named (GTK_WIDGET (page), "deck-compare")));
  wait_until (shows_label (require_named (GTK_WIDGET (page), "deck-slide-pane"), slide_1_of_12));

  /* Present (F5) shows that revision, not the newest: its twelve slides, its texts. */
  present = require_named (GTK_WIDGET (page), "deck-present");
  g_assert_true (gtk_widget_get_visible (present));
  gtk_widget_grab_focus (grid);
  press_key (GTK_WIDGET (f->window), GDK_KEY_F5, 0);
  wait_until ((console = find_toplevel (MDG_TYPE_PRESENTER_CONSOLE)) != NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (console));
  session = g_object_get_data (G_OBJECT (console), "mdg-presenter-session");
  g_assert_nonnull (session);
  g_assert_cmpuint (mdg_presenter_get_n_slides (mdg_presenter_session_get_presenter (session)), ==,
                    G_N_ELEMENTS (first_texts));
  older = g_strdup_printf (_("Revision %u of %u"), 1, 3);
  /* The console says it is an older revision (after the mode: a rehearsal on one screen). */
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (find_type (GTK_WIDGET (console), ADW_TYPE_WINDOW_TITLE))),
                            older));
  press_key (GTK_WIDGET (console), GDK_KEY_Right, 0);
  press_key (GTK_WIDGET (console), GDK_KEY_Right, 0);
  /* Slide 3 of the first revision is the VPN slide, with the text typed on it. */
  wait_until (shows_label (GTK_WIDGET (console), "Update the VPN first"));
  screenshot (GTK_WIDGET (console), "decks-present-older");

  /* Esc leaves the presentation, both of its windows, and the deck can be presented again. */
  press_key (GTK_WIDGET (console), GDK_KEY_Escape, 0);
  wait_until (find_toplevel (MDG_TYPE_PRESENTER_CONSOLE) == NULL);
  wait_until (gtk_widget_is_sensitive (present));
}

/* The mapped button that runs @action, if any. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_action_button (child, action)) != NULL)
        return found;
    }
  return NULL;
}

/* A narrow window: the library, then the slides, then one slide, each with a way back. */
static void
test_decks_narrow (WindowFixture *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "ransomware.pdf", NULL);
  g_autofree char *slide_1 = g_strdup_printf (_("Slide %u of %u"), 1, (guint) G_N_ELEMENTS (first_texts));
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  MdgDeckImportOptions options = { 0 };
  MdgDecksPage *page;
  GtkWidget *grid, *back, *sidebar_button;

  mdg_test_write_deck (pdf, first_texts, G_N_ELEMENTS (first_texts), FALSE);
  revision = mdg_deck_library_import (f->db, pdf, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (revision);
  gtk_window_destroy (GTK_WINDOW (f->window));
  fixture_open_window (f, 400, 720);

  /* The window opens on a section, its sidebar folded away: back to the sidebar first,
   * once the section has read its list and shows its way back. */
  wait_until ((sidebar_button = find_action_button (GTK_WIDGET (f->window), "win.show-sidebar")) != NULL);
  click (sidebar_button);
  wait_until (gtk_widget_get_mapped (require_named (GTK_WIDGET (f->window), "decks")));
  page = open_decks (f);
  wait_until (gtk_widget_get_mapped (require_named (GTK_WIDGET (page), "deck-list")));
  screenshot (GTK_WIDGET (f->window), "decks-narrow");
  /* Nothing is cut off: the section fits a window as narrow as asked (the window itself
   * is held wider by the widest of the other sections it has shown). */
  {
    int minimum;

    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 400);
  }
  g_assert_false (gtk_widget_get_mapped (require_named (GTK_WIDGET (page), "deck-slides")));
  g_assert_true (gtk_widget_get_mapped (require_named (GTK_WIDGET (page), "deck-present-compact")));
  g_assert_true (gtk_widget_get_mapped (require_named (GTK_WIDGET (page), "deck-handout-compact")));
  g_assert_true (gtk_widget_get_mapped (require_named (GTK_WIDGET (page), "deck-import-compact")));

  /* Forward to the slides, then Enter on one: it shows with its text. */
  click (require_named (GTK_WIDGET (page), "deck-show-slides"));
  grid = require_named (GTK_WIDGET (page), "deck-slides");
  wait_until (gtk_widget_get_mapped (grid) && !gtk_widget_get_mapped (require_named (GTK_WIDGET (page), "deck-list")));
  wait_until (n_thumbnails_shown (grid) >= 2);
  back = require_named (GTK_WIDGET (page), "deck-back");
  g_assert_true (gtk_widget_get_mapped (back));
  screenshot (GTK_WIDGET (f->window), "decks-narrow-slides");
  gtk_widget_grab_focus (gtk_widget_get_first_child (grid));
  press_key (GTK_WIDGET (f->window), GDK_KEY_Return, 0);
  wait_until (gtk_widget_get_mapped (require_named (GTK_WIDGET (page), "deck-explanation")) &&
              shows_label (require_named (GTK_WIDGET (page), "deck-slide-pane"), slide_1));
  screenshot (GTK_WIDGET (f->window), "decks-narrow-slide");

  /* Back: to the grid when the slide took its place (narrower still), then the library. */
  if (!gtk_widget_get_mapped (grid))
    {
      click (back);
      wait_until (gtk_widget_get_mapped (grid));
    }
  click (back);
  wait_until (gtk_widget_get_mapped (require_named (GTK_WIDGET (page), "deck-list")));
  g_assert_false (gtk_widget_get_visible (back));
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  g_test_add ("/decks-page/library", WindowFixture, NULL, fixture_set_up_empty, test_decks_page, fixture_tear_down);
  g_test_add ("/decks-page/open-shortcut", WindowFixture, NULL, fixture_set_up_empty, test_decks_open_shortcut,
              fixture_tear_down);
  g_test_add ("/decks-page/narrow", WindowFixture, NULL, fixture_set_up_empty, test_decks_narrow, fixture_tear_down);

  return g_test_run ();
}
