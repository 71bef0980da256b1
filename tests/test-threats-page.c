/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-threats-page"

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <poppler.h>

#include "mdg-consultation-store.h"
#include "mdg-consultations-page.h"
#include "mdg-faq-page.h"
#include "mdg-faq-store.h"
#include "mdg-feed-store.h"
#include "mdg-staff-store.h"
#include "mdg-test-util.h"
#include "mdg-threats-page.h"
#include "mdg-window-test-util.h"

/*
 * Threat Info and FAQ as the desk uses them: a real SoupServer on 127.0.0.1 serves a
 * JVN-shaped RSS 1.0 feed, the test presses Fetch Now, reads the items with their
 * Japanese titles, stars one with its button, picks it for a seminar through the
 * popover, and finds it on the seminar packet's latest threats page (the CLI's packet,
 * read back with Poppler). The FAQ is written through the editor's widgets and found
 * again with the search entry.
 */

#define ROUTER_TITLE "サンプル社製ルータにおける OS コマンドインジェクションの脆弱性"
#define PLUGIN_TITLE "WordPress 用プラグイン「サンプルフォーム」におけるクロスサイトスクリプティングの脆弱性"

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

static void
feed_cb (SoupServer        *server,
         SoupServerMessage *message,
         const char        *path,
         GHashTable        *query_table,
         gpointer           user_data)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", "feeds", "jvn.rdf", NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  soup_message_headers_append (soup_server_message_get_response_headers (message), "Connection", "close");
  if (!g_str_equal (path, "/rss/jvn.rdf") || !g_file_get_contents (file, &data, &length, &error))
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/rdf+xml", SOUP_MEMORY_TAKE, data, length);
}

static gboolean
label_contains (GtkWidget  *root,
                const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return TRUE;
      if (label_contains (child, text))
        return TRUE;
    }
  return FALSE;
}

static void
open_section (WindowFixture *f,
              const char    *name)
{
  GtkWidget *sidebar = require_named (GTK_WIDGET (f->window), "sidebar-list");

  g_signal_emit_by_name (sidebar, "row-activated", require_named (sidebar, name));
  g_assert_cmpstr (mdg_window_get_section (f->window), ==, name);
}

static guint
n_listed (GtkWidget *list_view)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view))));
}

static const char *
selected_title (GtkWidget *list_view)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  MdgFeedItem *item = gtk_single_selection_get_selected_item (selection);

  return item ? mdg_feed_item_get_title (item) : NULL;
}

/* Selects the item titled @title as a person does: the list has the keyboard, arrows move. */
static void
select_item (WindowFixture *f,
             GtkWidget     *list_view,
             const char    *title)
{
  gtk_widget_grab_focus (list_view);
  press_key (GTK_WIDGET (f->window), GDK_KEY_Home, 0);
  wait_until (selected_title (list_view) != NULL);
  for (guint i = 0; i < n_listed (list_view) && g_strcmp0 (selected_title (list_view), title) != 0; i++)
    {
      const char *before = selected_title (list_view);

      press_key (GTK_WIDGET (f->window), GDK_KEY_Down, 0);
      wait_until (selected_title (list_view) != before);
    }
  g_assert_cmpstr (selected_title (list_view), ==, title);
}

static char *
packet_text (WindowFixture *f,
             gint64         seminar_id)
{
  g_autofree char *pdf = g_build_filename (f->dir, "packet.pdf", NULL);
  g_autofree char *path = g_build_filename (f->dir, "madoguchi.db", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, seminar_id);
  g_autofree char *uri = NULL;
  const char *argv[] = { g_getenv ("MADOGUCHI_CLI"), "--database", path, "packet", id, "--output", pdf, NULL };
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;
  g_autoptr(GString) text = g_string_new (NULL);
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  {
    /* Kept beside the screenshots, to look at. */
    g_autofree char *kept = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "packet-threats.pdf", NULL);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (kept, contents, length, NULL));
  }
  uri = g_filename_to_uri (pdf, NULL, &error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_string_append_c (text, '\f');
      g_object_unref (page);
    }
  g_object_unref (document);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *menu_label (const char *msgid);

static gint64 add_consultation (WindowFixture *f,
                                gint64         staff_id,
                                const char    *subject,
                                const char    *question,
                                const char    *answer);

static void
test_threats_fetch_star_pick (WindowFixture *f,
                              gconstpointer  data)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  SoupSession *session = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", 10, NULL);
  MdgFeedFetcher *fetcher = mdg_feed_fetcher_new_for_session (session);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  g_autofree char *url = NULL;
  g_autofree char *seminar_button = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  GtkWidget *page, *list, *toggle;
  gint64 seminar_id, item_id;

  soup_server_add_handler (server, NULL, feed_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/rss/jvn.rdf", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  open_section (f, "threats");
  page = GTK_WIDGET (mdg_window_peek_section (f->window, "threats"));
  g_assert_true (MDG_IS_THREATS_PAGE (page));
  mdg_threats_page_set_fetcher (MDG_THREATS_PAGE (page), fetcher);
  list = require_named (page, "threats-list");

  /* Nothing was fetched on opening: the user did not allow it. */
  wait_until (gtk_widget_get_mapped (require_named (page, "threats-fetch")));
  g_assert_cmpint (query (f, "SELECT count(*) FROM feed_item"), ==, 0);

  /* The default sources (the real JPCERT/CC, IPA, JVN) are switched off with their switches:
   * no test contacts them. */
  sources = mdg_feed_store_list_sources (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, >, 0);
  for (guint i = 0; i < sources->len; i++)
    {
      gint64 source_id = mdg_feed_source_get_id (g_ptr_array_index (sources, i));
      g_autofree char *name = g_strdup_printf ("source-switch-%" G_GINT64_FORMAT, source_id);
      GtkWidget *toggle;

      wait_until ((toggle = find_named (page, name)) != NULL && gtk_widget_get_mapped (toggle) &&
                  gtk_switch_get_active (GTK_SWITCH (toggle)));
      g_assert_true (gtk_widget_is_sensitive (toggle));
      gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
      wait_until (query (f, "SELECT count(*) FROM feed_source WHERE id = %" G_GINT64_FORMAT " AND NOT enabled",
                         source_id) == 1);
      /* The list is read again: the new row's switch is off. */
      wait_until ((toggle = find_named (page, name)) != NULL && gtk_widget_get_mapped (toggle) &&
                  !gtk_switch_get_active (GTK_SWITCH (toggle)));
    }

  /* The test feed added as a person adds one: a name, an address, Add Source. */
  gtk_editable_set_text (GTK_EDITABLE (require_named (page, "threats-source-name")), "JVN（試験）");
  gtk_editable_set_text (GTK_EDITABLE (require_named (page, "threats-source-url")), url);
  click (require_named (page, "threats-source-add"));
  wait_until (query (f, "SELECT count(*) FROM feed_source WHERE name = 'JVN（試験）' AND enabled") == 1);
  wait_until (label_contains (require_named (page, "threats-sources"), "JVN（試験）"));
  /* The form is emptied when the worker has added the source: wait for it, as a person would. */
  wait_until (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (require_named (page, "threats-source-url"))), "") == 0);
  screenshot (GTK_WIDGET (f->window), "threats-empty");

  click (require_named (page, "threats-fetch"));
  wait_until (find_label (list, ROUTER_TITLE) != NULL && find_label (list, PLUGIN_TITLE) != NULL);
  g_assert_cmpint (query (f, "SELECT count(*) FROM feed_item"), ==, 2);
  /* Newest first, and the source says how its fetch went. */
  {
    g_autoptr(MdgFeedItem) first = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))), 0);

    g_assert_cmpstr (mdg_feed_item_get_title (first), ==, ROUTER_TITLE);
  }
  wait_until (label_contains (require_named (page, "threats-sources"), "HTTP 200"));
  wait_until (gtk_widget_is_sensitive (require_named (page, "threats-fetch")));

  /* The item's detail: its severity with the CVSS score, its CVE ids. */
  select_item (f, list, ROUTER_TITLE);
  wait_until (g_strcmp0 (gtk_label_get_text (GTK_LABEL (require_named (page, "threats-item-title"))), ROUTER_TITLE) == 0);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (require_named (page, "threats-item-severity"))), "9.8"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (require_named (page, "threats-item-meta"))), "CVE-2024-12345"));
  item_id = query (f, "SELECT id FROM feed_item WHERE title = '" ROUTER_TITLE "'");
  /* Shown is read: the row is no longer bold. */
  wait_until (query (f, "SELECT count(*) FROM feed_item WHERE id = %" G_GINT64_FORMAT " AND read", item_id) == 1);

  /* Starred through its button, which then offers to remove the star. */
  {
    g_autofree char *before = g_strdup (gtk_button_get_label (GTK_BUTTON (require_named (page, "threats-star"))));

    click (require_named (page, "threats-star"));
    wait_until (query (f, "SELECT count(*) FROM feed_item WHERE id = %" G_GINT64_FORMAT " AND starred", item_id) == 1);
    wait_until (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (require_named (page, "threats-star"))), before) != 0);
  }

  /* Picked for a seminar through the popover. */
  seminar_id = query (f, "SELECT id FROM seminar WHERE starts_at > strftime('%%s', 'now') ORDER BY starts_at LIMIT 1");
  g_assert_cmpint (seminar_id, >, 0);
  seminar_button = g_strdup_printf ("topic-seminar-%" G_GINT64_FORMAT, seminar_id);
  toggle = find_type (require_named (page, "threats-topic"), GTK_TYPE_TOGGLE_BUTTON);
  click (toggle);
  wait_until (find_named (page, seminar_button) != NULL && gtk_widget_get_mapped (find_named (page, seminar_button)));
  screenshot (GTK_WIDGET (f->window), "threats-topic");
  click (find_named (page, seminar_button));
  wait_until (query (f, "SELECT count(*) FROM seminar_topic WHERE seminar_id = %" G_GINT64_FORMAT
                        " AND feed_item_id = %" G_GINT64_FORMAT, seminar_id, item_id) == 1);
  topics = mdg_feed_store_list_seminar_topics (f->db, seminar_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (topics->len, ==, 1);
  wait_until (gtk_widget_get_mapped (require_named (page, "threats-item-topics")));
  screenshot (GTK_WIDGET (f->window), "threats-item");

  /* Attached to a consultation found by search in the chooser. */
  {
    g_autoptr(MdgStaff) staff = mdg_staff_new ("Sato Hanako", MDG_STAFF_ROLE_FIRST_LINE);
    GtkWindow *chooser;
    gint64 consultation_id;

    g_assert_true (mdg_staff_store_save (f->db, staff, &error));
    g_assert_no_error (error);
    consultation_id = add_consultation (f, mdg_staff_get_id (staff), "ルータのCVE対応について",
                                        "JVNに載ったルータの脆弱性に当社の機器が該当するか知りたい", NULL);
    add_consultation (f, mdg_staff_get_id (staff), "標的型メールの訓練", "訓練の進め方を相談したい", NULL);
    g_assert_true (gtk_widget_is_sensitive (require_named (page, "threats-attach-consultation")));
    click (require_named (page, "threats-attach-consultation"));
    wait_until ((chooser = find_toplevel (ADW_TYPE_WINDOW)) != NULL &&
                gtk_widget_get_mapped (require_named (GTK_WIDGET (chooser), "chooser-list")) &&
                find_label (require_named (GTK_WIDGET (chooser), "chooser-list"), "標的型メールの訓練") != NULL);
    wait_until (gtk_window_is_active (chooser) && gtk_window_get_focus (chooser) != NULL &&
                gtk_widget_is_ancestor (gtk_window_get_focus (chooser),
                                        require_named (GTK_WIDGET (chooser), "chooser-search")));
    type_text (GTK_WIDGET (chooser), "CVE");
    wait_until (find_label (require_named (GTK_WIDGET (chooser), "chooser-list"), "標的型メールの訓練") == NULL &&
                find_label (require_named (GTK_WIDGET (chooser), "chooser-list"), "ルータのCVE対応について") != NULL);
    screenshot (GTK_WIDGET (chooser), "threats-attach-chooser");
    press_key (GTK_WIDGET (chooser), GDK_KEY_Return, 0);
    wait_until (find_toplevel (ADW_TYPE_WINDOW) == NULL);
    wait_until (query (f, "SELECT count(*) FROM feed_item_attachment WHERE feed_item_id = %" G_GINT64_FORMAT
                          " AND consultation_id = %" G_GINT64_FORMAT, item_id, consultation_id) == 1);
    g_assert_cmpint (query (f, "SELECT count(*) FROM feed_item_attachment"), ==, 1);
  }

  /* The starred filter shows the starred item only. */
  click (require_named (page, "threats-filter-starred"));
  wait_until (n_listed (list) == 1 && find_label (list, ROUTER_TITLE) != NULL);
  click (require_named (page, "threats-filter-all"));
  wait_until (n_listed (list) == 2);

  /* Search as you type. */
  gtk_widget_grab_focus (require_named (page, "threats-search"));
  type_text (GTK_WIDGET (f->window), "WordPress");
  wait_until (n_listed (list) == 1 && find_label (list, PLUGIN_TITLE) != NULL);

  /* Kept as a saved search, shown again with one click after the search was emptied, removed. */
  {
    g_autofree char *apply_name = NULL;
    g_autofree char *remove_name = NULL;
    gint64 search_id;

    wait_until (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (require_named (page, "threats-search"))),
                           "WordPress") == 0);
    wait_until (gtk_widget_is_sensitive (require_named (page, "threats-save-search")) &&
                gtk_widget_get_mapped (require_named (page, "threats-save-search")));
    click (require_named (page, "threats-save-search"));
    wait_until (query (f, "SELECT count(*) FROM feed_saved_search WHERE name = 'WordPress'") == 1);
    search_id = query (f, "SELECT id FROM feed_saved_search WHERE name = 'WordPress'");
    apply_name = g_strdup_printf ("saved-search-%" G_GINT64_FORMAT, search_id);
    remove_name = g_strdup_printf ("saved-search-remove-%" G_GINT64_FORMAT, search_id);
    wait_until (find_named (page, apply_name) != NULL && gtk_widget_get_mapped (find_named (page, apply_name)));
    gtk_editable_set_text (GTK_EDITABLE (require_named (page, "threats-search")), "");
    wait_until (n_listed (list) == 2);
    click (require_named (page, apply_name));
    wait_until (n_listed (list) == 1 && find_label (list, PLUGIN_TITLE) != NULL);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (page, "threats-search"))), ==, "WordPress");
    screenshot (GTK_WIDGET (f->window), "threats-saved-search");
    click (require_named (page, remove_name));
    wait_until (query (f, "SELECT count(*) FROM feed_saved_search") == 0);
    wait_until (find_named (page, apply_name) == NULL);
  }

  /* The seminar's packet prints the picked item on its latest threats page. */
  text = packet_text (f, seminar_id);
  flat = g_strdelimit (g_strdup (text), "\n", ' ');
  g_assert_nonnull (strstr (flat, "CVE-2024-12345"));
  g_assert_nonnull (strstr (flat, "サンプル社製ルータにおける"));
  g_assert_null (strstr (flat, "サンプルフォーム"));

  /* The test source renamed and then removed through its menu; the starred item stays. */
  {
    gint64 source_id = query (f, "SELECT id FROM feed_source WHERE name = 'JVN（試験）'");
    g_autofree char *menu_name = g_strdup_printf ("source-menu-%" G_GINT64_FORMAT, source_id);
    g_autofree char *entry_name = g_strdup_printf ("source-rename-entry-%" G_GINT64_FORMAT, source_id);
    g_autofree char *rename_name = g_strdup_printf ("source-rename-%" G_GINT64_FORMAT, source_id);
    g_autofree char *remove_name = g_strdup_printf ("source-remove-%" G_GINT64_FORMAT, source_id);
    g_autofree char *remove_label = menu_label ("_Remove");
    GtkWidget *menu, *dialog;

    click (require_named (page, "threats-show-sources"));
    wait_until ((menu = find_named (page, menu_name)) != NULL && gtk_widget_get_mapped (menu));
    gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
    wait_until (gtk_widget_get_mapped (require_named (page, entry_name)));
    gtk_editable_set_text (GTK_EDITABLE (require_named (page, entry_name)), "JVN（検証用）");
    screenshot (GTK_WIDGET (f->window), "threats-source-menu");
    click (require_named (page, rename_name));
    wait_until (query (f, "SELECT count(*) FROM feed_source WHERE id = %" G_GINT64_FORMAT
                          " AND name = 'JVN（検証用）'", source_id) == 1);
    wait_until (label_contains (require_named (page, "threats-sources"), "JVN（検証用）"));

    wait_until ((menu = find_named (page, menu_name)) != NULL && gtk_widget_get_mapped (menu));
    gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
    wait_until (gtk_widget_get_mapped (require_named (page, remove_name)));
    click (require_named (page, remove_name));
    wait_until ((dialog = GTK_WIDGET (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL && gtk_widget_get_mapped (dialog));
    screenshot (dialog, "threats-source-remove");
    click (find_button_with_label (dialog, remove_label));
    wait_until (!label_contains (require_named (page, "threats-sources"), "JVN（検証用）"));
    /* The starred item keeps its origin; the other one goes with the source. */
    g_assert_cmpint (query (f, "SELECT count(*) FROM feed_item WHERE id = %" G_GINT64_FORMAT, item_id), ==, 1);
    g_assert_cmpint (query (f, "SELECT count(*) FROM feed_item WHERE title = '" PLUGIN_TITLE "'"), ==, 0);
  }

  /* The page lets go of the session, whose connections close; then the server's close,
   * in the main loop once the server is gone: no socket outlives the test. */
  {
    g_autoptr(SoupSession) idle = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
    g_autoptr(MdgFeedFetcher) idle_fetcher = mdg_feed_fetcher_new_for_session (idle);

    mdg_threats_page_set_fetcher (MDG_THREATS_PAGE (page), idle_fetcher);
  }
  g_clear_object (&fetcher);
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);
  g_object_unref (session);
  wait_until (session == NULL);
  spin (100);
  soup_server_disconnect (server);
  g_clear_object (&server);
  spin (500);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Saves through the file chooser as a person does: a folder, a name, Save. */
static void
test_faq_create_search (WindowFixture *f,
                        gconstpointer  data)
{
  g_autoptr(MdgFaqEntry) other = mdg_faq_entry_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *list, *dropdown;
  GtkTextBuffer *buffer;
  gint64 id;

  /* Another entry, that the search must leave out. */
  mdg_faq_entry_set_question (other, "パスワードは何文字にすればよいですか");
  mdg_faq_entry_set_answer (other, "長く、使い回さないものにしてください。");
  g_assert_true (mdg_faq_store_save (f->db, other, &error));
  g_assert_no_error (error);

  open_section (f, "faq");
  page = GTK_WIDGET (mdg_window_peek_section (f->window, "faq"));
  g_assert_true (MDG_IS_FAQ_PAGE (page));
  list = require_named (page, "faq-list");
  wait_until (gtk_widget_get_mapped (list) && n_listed (list) >= 1);

  click (require_named (page, "faq-new"));
  wait_until (gtk_widget_get_mapped (require_named (page, "faq-question")));
  gtk_editable_set_text (GTK_EDITABLE (require_named (page, "faq-question")), "VPN機器の更新はどうすればよいですか");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (require_named (page, "faq-answer")));
  gtk_text_buffer_set_text (buffer, "製造元の修正版をすぐに適用し、管理画面をインターネットに公開しないでください。", -1);
  gtk_widget_activate (require_named (page, "faq-published"));
  wait_until (gtk_switch_get_active (GTK_SWITCH (require_named (page, "faq-published"))));
  dropdown = require_named (page, "faq-add-category");
  wait_until (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown))) > 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
  wait_until (gtk_widget_get_first_child (require_named (page, "faq-categories")) != NULL);
  screenshot (GTK_WIDGET (f->window), "faq-editor");

  click (require_named (page, "faq-save"));
  wait_until (query (f, "SELECT count(*) FROM faq_entry WHERE question = 'VPN機器の更新はどうすればよいですか'"
                        " AND published") == 1);
  id = query (f, "SELECT id FROM faq_entry WHERE question = 'VPN機器の更新はどうすればよいですか'");
  g_assert_cmpint (query (f, "SELECT count(*) FROM faq_category WHERE faq_id = %" G_GINT64_FORMAT, id), ==, 1);
  wait_until (n_listed (list) == 2 && find_label (list, "VPN機器の更新はどうすればよいですか") != NULL);

  /* Found again by the search entry, the other entry left out. */
  gtk_widget_grab_focus (require_named (page, "faq-search"));
  type_text (GTK_WIDGET (f->window), "VPN");
  wait_until (n_listed (list) == 1 && find_label (list, "VPN機器の更新はどうすればよいですか") != NULL);
  screenshot (GTK_WIDGET (f->window), "faq-search");

}

/* Returns: (nullable): the mapped menu item under @root that shows @label */
static GtkWidget *
find_menu_item (GtkWidget  *root,
                const char *label)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), "GtkModelButton") && gtk_widget_get_mapped (root) &&
      find_label (root, label) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_item (child, label);

      if (found)
        return found;
    }
  return NULL;
}

/* A translated menu label as the menu shows it: without the mnemonic's underscore. */
static char *
menu_label (const char *msgid)
{
  char *label = g_strdup (g_dgettext (GETTEXT_PACKAGE, msgid));

  for (char *from = label, *to = label;; from++)
    if (*from != '_' && (*to++ = *from) == '\0')
      break;
  return label;
}

static gint64
add_consultation (WindowFixture *f,
                  gint64         staff_id,
                  const char    *subject,
                  const char    *question,
                  const char    *answer)
{
  g_autoptr(MdgConsultation) c = mdg_consultation_new (MDG_CHANNEL_PHONE);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  mdg_consultation_set_received_at (c, now);
  mdg_consultation_set_text (c, MDG_CONSULTATION_SUBJECT, subject);
  mdg_consultation_set_text (c, MDG_CONSULTATION_QUESTION, question);
  g_assert_true (mdg_consultation_store_add (f->db, staff_id, c, NULL, &error));
  g_assert_no_error (error);
  if (answer != NULL)
    {
      g_assert_true (mdg_consultation_store_answer (f->db, staff_id, c, answer, NULL, &error));
      g_assert_no_error (error);
    }
  return mdg_consultation_get_id (c);
}

static const char *
selected_subject (GtkWidget *list_view)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  MdgConsultation *c = gtk_single_selection_get_selected_item (selection);

  return c != NULL && mdg_consultation_get_loaded (c) ? mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT)
                                                      : NULL;
}

/* Selects the consultation about @subject in the list's selection, as the Consultations
 * section's own tests do (its rows load lazily as they scroll into view). */
static void
select_consultation (WindowFixture *f,
                     GtkWidget     *list_view,
                     const char    *subject)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  guint position = GTK_INVALID_LIST_POSITION;

  while (position == GTK_INVALID_LIST_POSITION)
    {
      for (guint i = 0; i < g_list_model_get_n_items (model) && position == GTK_INVALID_LIST_POSITION; i++)
        {
          g_autoptr(MdgConsultation) c = g_list_model_get_item (model, i);

          if (mdg_consultation_get_loaded (c) &&
              g_strcmp0 (mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT), subject) == 0)
            position = i;
        }
      if (position == GTK_INVALID_LIST_POSITION)
        spin (20);
    }
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), position, TRUE);
  wait_until (g_strcmp0 (selected_subject (list_view), subject) == 0);
  wait_until (g_strcmp0 (gtk_label_get_text (GTK_LABEL (require_named (GTK_WIDGET (f->window), "consultation-subject"))),
                         subject) == 0);
}

#define ANSWERED_SUBJECT "VPN機器に見覚えのないログイン"
#define ANSWERED_QUESTION "VPN機器の管理画面に、社外からの見覚えのないログインが記録されています。どうすればよいですか"
#define ANSWERED_ANSWER "管理者のパスワードを変更し、製造元の修正版を適用してください。"
#define OPEN_SUBJECT "拾ったUSBメモリを差してしまった"
#define USB_QUESTION "USBメモリを拾ったらどうすればよいですか"
#define USB_ANSWER "差し込まずに、総務の窓口へ届けてください。"

/* "Make FAQ from This Consultation" from the Consultations section's menu, the draft
 * shown in FAQ with its linked consultation, deleted and brought back with Ctrl+Z, then
 * deleted for good; an FAQ answer found by search and inserted into an answer. */
static void
test_faq_consultations (WindowFixture *f,
                        gconstpointer  data)
{
  g_autoptr(MdgStaff) staff = mdg_staff_new ("Sato Hanako", MDG_STAFF_ROLE_FIRST_LINE);
  g_autoptr(MdgFaqEntry) usb = mdg_faq_entry_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *make_label = menu_label ("Make _FAQ from This Consultation");
  GtkWidget *page, *list, *faq, *faq_list, *menu_button, *item = NULL, *view;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  GtkWindow *chooser;
  gint64 answered_id, faq_id;

  g_assert_true (mdg_staff_store_save (f->db, staff, &error));
  g_assert_no_error (error);
  answered_id = add_consultation (f, mdg_staff_get_id (staff), ANSWERED_SUBJECT, ANSWERED_QUESTION, ANSWERED_ANSWER);
  add_consultation (f, mdg_staff_get_id (staff), OPEN_SUBJECT, "昼休みに拾ったUSBメモリを業務用PCに差しました", NULL);
  mdg_faq_entry_set_question (usb, USB_QUESTION);
  mdg_faq_entry_set_answer (usb, USB_ANSWER);
  g_assert_true (mdg_faq_store_save (f->db, usb, &error));
  g_assert_no_error (error);

  /* The answered consultation, and its menu. */
  open_section (f, "consultations");
  page = GTK_WIDGET (mdg_window_peek_section (f->window, "consultations"));
  g_assert_true (MDG_IS_CONSULTATIONS_PAGE (page));
  list = require_named (page, "consultations-list");
  wait_until (gtk_widget_get_mapped (list) && n_listed (list) >= 2);
  select_consultation (f, list, ANSWERED_SUBJECT);
  menu_button = require_named (page, "consultation-menu");
  wait_until (gtk_widget_get_mapped (menu_button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  wait_until ((item = find_menu_item (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))),
                                      make_label)) != NULL);
  g_assert_true (gtk_widget_is_sensitive (item));
  screenshot (GTK_WIDGET (f->window), "consultation-make-faq");
  g_signal_emit_by_name (item, "clicked");

  /* A draft linked to it, shown in FAQ to be read over. */
  wait_until (query (f, "SELECT count(*) FROM faq_consultation WHERE consultation_id = %" G_GINT64_FORMAT,
                     answered_id) == 1);
  faq_id = query (f, "SELECT faq_id FROM faq_consultation WHERE consultation_id = %" G_GINT64_FORMAT, answered_id);
  g_assert_cmpint (query (f, "SELECT count(*) FROM faq_entry WHERE id = %" G_GINT64_FORMAT " AND NOT published"
                             " AND answer = '" ANSWERED_ANSWER "'", faq_id), ==, 1);
  wait_until (g_strcmp0 (mdg_window_get_section (f->window), "faq") == 0);
  faq = GTK_WIDGET (mdg_window_peek_section (f->window, "faq"));
  faq_list = require_named (faq, "faq-list");
  wait_until (gtk_widget_get_mapped (require_named (faq, "faq-question")) &&
              g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (require_named (faq, "faq-question"))),
                         ANSWERED_QUESTION) == 0);
  wait_until (gtk_widget_get_mapped (require_named (faq, "faq-consultations")) &&
              find_label (require_named (faq, "faq-consultations"), ANSWERED_SUBJECT) != NULL);
  screenshot (GTK_WIDGET (f->window), "faq-linked");

  /* Deleted with its button: gone from the list at once, back with Ctrl+Z. */
  wait_until (find_label (faq_list, ANSWERED_QUESTION) != NULL);
  g_assert_true (gtk_widget_is_sensitive (require_named (faq, "faq-delete")));
  click (require_named (faq, "faq-delete"));
  wait_until (find_label (faq_list, ANSWERED_QUESTION) == NULL);
  g_assert_cmpint (query (f, "SELECT count(*) FROM faq_entry WHERE id = %" G_GINT64_FORMAT, faq_id), ==, 1);
  press_key (GTK_WIDGET (f->window), GDK_KEY_z, GDK_CONTROL_MASK);
  wait_until (find_label (faq_list, ANSWERED_QUESTION) != NULL &&
              g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (require_named (faq, "faq-question"))),
                         ANSWERED_QUESTION) == 0);

  /* Deleted again, for good once its toast has gone: its link goes with it. */
  wait_until (gtk_widget_is_sensitive (require_named (faq, "faq-delete")));
  click (require_named (faq, "faq-delete"));
  wait_until (find_label (faq_list, ANSWERED_QUESTION) == NULL);
  wait_until (query (f, "SELECT count(*) FROM faq_entry WHERE id = %" G_GINT64_FORMAT, faq_id) == 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM faq_consultation WHERE faq_id = %" G_GINT64_FORMAT, faq_id), ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM consultation WHERE id = %" G_GINT64_FORMAT, answered_id), ==, 1);

  /* An FAQ answer inserted where the cursor is in the open consultation's answer. */
  open_section (f, "consultations");
  select_consultation (f, list, OPEN_SUBJECT);
  view = require_named (page, "consultation-answer-text");
  wait_until (gtk_widget_get_mapped (view));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (buffer, "ご相談ありがとうございます。\n", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  g_assert_true (gtk_widget_is_sensitive (require_named (page, "consultation-insert-faq")));
  click (require_named (page, "consultation-insert-faq"));
  wait_until ((chooser = find_toplevel (ADW_TYPE_WINDOW)) != NULL &&
              gtk_widget_get_mapped (require_named (GTK_WIDGET (chooser), "chooser-search")));
  /* The search has the keyboard (its text inside it, to be exact) and the window is active. */
  wait_until (gtk_window_is_active (chooser) && gtk_window_get_focus (chooser) != NULL &&
              gtk_widget_is_ancestor (gtk_window_get_focus (chooser),
                                      require_named (GTK_WIDGET (chooser), "chooser-search")));
  type_text (GTK_WIDGET (chooser), "USB");
  wait_until (find_label (require_named (GTK_WIDGET (chooser), "chooser-list"), USB_QUESTION) != NULL &&
              gtk_widget_get_first_child (require_named (GTK_WIDGET (chooser), "chooser-list")) ==
                gtk_widget_get_last_child (require_named (GTK_WIDGET (chooser), "chooser-list")));
  screenshot (GTK_WIDGET (chooser), "faq-chooser");
  press_key (GTK_WIDGET (chooser), GDK_KEY_Return, 0);
  wait_until (find_toplevel (ADW_TYPE_WINDOW) == NULL);
  {
    GtkTextIter start;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "ご相談ありがとうございます。\n" USB_ANSWER);
  }
  /* The keyboard goes back to the answer, where it was. */
  wait_until (gtk_window_get_focus (GTK_WINDOW (f->window)) == view);
  screenshot (GTK_WIDGET (f->window), "consultation-faq-inserted");
}

/* ---- The reader's filters ---- */

static void
add_item (WindowFixture *f,
          gint64         source_id,
          const char    *guid,
          const char    *title,
          int            severity,
          int            days_ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = g_date_time_add_days (now, -days_ago);
  g_autofree char *published = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *sql = g_strdup_printf ("INSERT INTO feed_item (source_id, guid, title, link, link_key, severity,"
                                          " published_at) VALUES (%" G_GINT64_FORMAT ", '%s', '%s',"
                                          " 'https://jvndb.example/%s', 'jvndb.example/%s', %d, '%s')",
                                          source_id, guid, title, guid, guid, severity, published);

  mdg_test_exec (f->db, sql);
}

/* Presses a check button or a list row as a person does (they have no "clicked"). */
static void
press (GtkWidget *widget)
{
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_is_sensitive (widget));
  gtk_widget_activate (widget);
}

/* Chooses @choice in the filter menu @button, as a person does: the menu opens, the
 * choice is pressed, the menu closes. */
static void
choose (GtkWidget  *page,
        const char *button,
        const char *choice)
{
  GtkWidget *check;

  click (find_type (require_named (page, button), GTK_TYPE_TOGGLE_BUTTON));
  wait_until ((check = find_named (page, choice)) != NULL && gtk_widget_get_mapped (check));
  press (check);
  wait_until (!gtk_widget_get_mapped (check));
}

static gboolean
lists_exactly (GtkWidget          *list,
               const char * const *titles)
{
  guint n = 0;

  for (; titles[n] != NULL; n++)
    if (find_label (list, titles[n]) == NULL)
      return FALSE;
  return n_listed (list) == n;
}

#define ITEM_A1 "緊急：テスト社製VPN装置の認証回避"
#define ITEM_A2 "テスト社製ルータの情報漏えい"
#define ITEM_B1 "テスト社製メールソフトのバッファオーバーフロー"
#define ITEM_B2 "古い注意喚起（半年前）"

static void
test_threats_filters (WindowFixture *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source_a = NULL;
  g_autofree char *period_label = NULL;
  GtkWidget *page, *list, *saved;
  gint64 a, b;

  sources = mdg_feed_store_list_sources (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, >=, 2);
  a = mdg_feed_source_get_id (g_ptr_array_index (sources, 0));
  b = mdg_feed_source_get_id (g_ptr_array_index (sources, 1));
  add_item (f, a, "A1", ITEM_A1, MDG_SEVERITY_CRITICAL, 2);
  add_item (f, a, "A2", ITEM_A2, MDG_SEVERITY_MEDIUM, 20);
  add_item (f, b, "B1", ITEM_B1, MDG_SEVERITY_HIGH, 3);
  add_item (f, b, "B2", ITEM_B2, MDG_SEVERITY_UNKNOWN, 200);

  open_section (f, "threats");
  page = GTK_WIDGET (mdg_window_peek_section (f->window, "threats"));
  list = require_named (page, "threats-list");
  wait_until (gtk_widget_get_mapped (list) &&
              lists_exactly (list, (const char *[]) { ITEM_A1, ITEM_A2, ITEM_B1, ITEM_B2, NULL }));

  /* One source: its items only; the button names it. */
  source_a = g_strdup_printf ("threats-source-%" G_GINT64_FORMAT, a);
  wait_until (find_named (page, source_a) != NULL);
  choose (page, "threats-filter-source", source_a);
  wait_until (lists_exactly (list, (const char *[]) { ITEM_A1, ITEM_A2, NULL }));
  g_assert_true (label_contains (require_named (page, "threats-filter-source"),
                                 mdg_feed_source_get_name (g_ptr_array_index (sources, 0))));

  /* And High or higher: the critical one. */
  choose (page, "threats-filter-severity", "threats-severity-high");
  wait_until (lists_exactly (list, (const char *[]) { ITEM_A1, NULL }));

  /* Every source again, High or higher. */
  choose (page, "threats-filter-source", "threats-source-all");
  wait_until (lists_exactly (list, (const char *[]) { ITEM_A1, ITEM_B1, NULL }));

  /* Any severity, the last 7 days, then 30, then any time. */
  choose (page, "threats-filter-severity", "threats-severity-any");
  choose (page, "threats-filter-period", "threats-period-7");
  wait_until (lists_exactly (list, (const char *[]) { ITEM_A1, ITEM_B1, NULL }));
  choose (page, "threats-filter-period", "threats-period-30");
  wait_until (lists_exactly (list, (const char *[]) { ITEM_A1, ITEM_A2, ITEM_B1, NULL }));
  period_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %u Day", "Last %u Days", 30), 30);
  g_assert_true (label_contains (require_named (page, "threats-filter-period"), period_label));

  /* Medium or higher in the last 30 days, saved: the search keeps both. */
  choose (page, "threats-filter-severity", "threats-severity-medium");
  wait_until (lists_exactly (list, (const char *[]) { ITEM_A1, ITEM_A2, ITEM_B1, NULL }));
  choose (page, "threats-filter-severity", "threats-severity-critical");
  wait_until (lists_exactly (list, (const char *[]) { ITEM_A1, NULL }));
  screenshot (GTK_WIDGET (f->window), "threats-filters");
  wait_until (gtk_widget_get_mapped (require_named (page, "threats-save-search")) &&
              gtk_widget_is_sensitive (require_named (page, "threats-save-search")));
  click (require_named (page, "threats-save-search"));
  wait_until (query (f, "SELECT count(*) FROM feed_saved_search WHERE min_severity = %d AND within_days = 30"
                        " AND source_id IS NULL", MDG_SEVERITY_CRITICAL) == 1);

  /* Every filter back to all: everything again. */
  choose (page, "threats-filter-severity", "threats-severity-any");
  choose (page, "threats-filter-period", "threats-period-all");
  wait_until (lists_exactly (list, (const char *[]) { ITEM_A1, ITEM_A2, ITEM_B1, ITEM_B2, NULL }));

  /* The saved search brings its severity and period back. */
  {
    g_autofree char *name = g_strdup_printf ("saved-search-%" G_GINT64_FORMAT,
                                             query (f, "SELECT id FROM feed_saved_search"));

    wait_until ((saved = find_named (page, name)) != NULL && gtk_widget_get_mapped (saved));
  }
  click (saved);
  wait_until (lists_exactly (list, (const char *[]) { ITEM_A1, NULL }));
  g_assert_true (label_contains (require_named (page, "threats-filter-period"), period_label));
}

/* ---- Notices and the portal ---- */

static gboolean
file_holds (const char *path,
            const char *text)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, text) != NULL;
}

static gboolean
chooser_holds_folder (GtkWindow  *chooser,
                      const char *path)
{
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  return chosen != NULL && g_strcmp0 (g_file_peek_path (chosen), path) == 0;
}

#define NOTICE_TITLE "年末年始の相談窓口の休業について"
#define NOTICE_BODY "12月29日から1月3日まで窓口を休業します。\n\n- 緊急のご相談はメールでお寄せください。"

static void
test_notices (WindowFixture *f,
              gconstpointer  data)
{
  g_autofree char *site = g_build_filename (f->dir, "site", NULL);
  g_autofree char *index = g_build_filename (site, "index.html", NULL);
  g_autofree char *topics = g_build_filename (site, "topics.html", NULL);
  g_autofree char *threats = g_build_filename (site, "threats.html", NULL);
  g_autofree char *row_name = NULL;
  g_autofree char *yesterday = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *list, *row, *undo, *view;
  GtkWindow *chooser;
  gint64 id;

  sources = mdg_feed_store_list_sources (f->db, &error);
  g_assert_no_error (error);
  add_item (f, mdg_feed_source_get_id (g_ptr_array_index (sources, 0)), "A1", ITEM_A1, MDG_SEVERITY_CRITICAL, 2);
  add_item (f, mdg_feed_source_get_id (g_ptr_array_index (sources, 1)), "B1", ITEM_B1, MDG_SEVERITY_HIGH, 3);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) before = g_date_time_add_days (now, -1);

    yesterday = g_date_time_format (before, "%Y-%m-%d");
  }

  open_section (f, "threats");
  page = GTK_WIDGET (mdg_window_peek_section (f->window, "threats"));
  list = require_named (page, "threats-list");
  wait_until (gtk_widget_get_mapped (list) && n_listed (list) == 2);

  /* The Notices, empty at first. */
  click (require_named (page, "threats-show-notices"));
  wait_until (gtk_widget_get_mapped (require_named (page, "notices-new-empty")));
  screenshot (GTK_WIDGET (f->window), "notices-empty");
  /* The notices' editor and the filters leave the list and the detail side by side. */
  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (find_type (page, ADW_TYPE_LEAFLET))));
  g_assert_true (gtk_widget_get_mapped (list));

  /* A 脅威情報 written from the item shown: its title, and the item cited. */
  select_item (f, list, ITEM_A1);
  wait_until (gtk_widget_get_mapped (require_named (page, "threats-write-notice")));
  click (require_named (page, "threats-write-notice"));
  wait_until (gtk_widget_get_mapped (require_named (page, "notice-title")) &&
              g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (require_named (page, "notice-title"))), ITEM_A1) == 0);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (require_named (page, "notice-kind-threat"))));
  g_assert_nonnull (find_label (require_named (page, "notice-items"), ITEM_A1));
  click (require_named (page, "notice-save"));
  wait_until (query (f, "SELECT count(*) FROM notice n JOIN notice_item ni ON ni.notice_id = n.id"
                        " JOIN feed_item i ON i.id = ni.feed_item_id"
                        " WHERE n.kind = 'threat' AND n.title = i.title AND i.guid = 'A1'") == 1);

  /* A トピックス typed into a new notice. */
  wait_until (gtk_widget_get_mapped (require_named (page, "notices-new")));
  click (require_named (page, "notices-new"));
  wait_until (gtk_widget_get_mapped (require_named (page, "notice-title")) &&
              *gtk_editable_get_text (GTK_EDITABLE (require_named (page, "notice-title"))) == '\0');
  g_assert_false (gtk_widget_get_visible (require_named (page, "notice-items")) &&
                  gtk_widget_get_mapped (require_named (page, "notice-items")));
  click (require_named (page, "notice-kind-topic"));
  wait_until (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (require_named (page, "notice-kind-topic"))));
  gtk_editable_set_text (GTK_EDITABLE (require_named (page, "notice-title")), NOTICE_TITLE);
  gtk_editable_set_text (GTK_EDITABLE (require_named (page, "notice-date")), yesterday);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (require_named (page, "notice-body"))),
                            NOTICE_BODY, -1);
  screenshot (GTK_WIDGET (f->window), "notice-editor");
  click (require_named (page, "notice-save"));
  wait_until (query (f, "SELECT count(*) FROM notice WHERE kind = 'topic' AND title = '" NOTICE_TITLE "'"
                        " AND publish_on = '%s'", yesterday) == 1);
  id = query (f, "SELECT id FROM notice WHERE title = '" NOTICE_TITLE "'");
  row_name = g_strdup_printf ("notice-%" G_GINT64_FORMAT, id);
  wait_until ((row = find_named (page, row_name)) != NULL && gtk_widget_get_mapped (row));
  screenshot (GTK_WIDGET (f->window), "notices-list");

  /* A bad day is refused in words, and nothing is saved. */
  press (row);
  wait_until (gtk_widget_get_mapped (require_named (page, "notice-title")) &&
              g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (require_named (page, "notice-title"))),
                         NOTICE_TITLE) == 0);
  gtk_editable_set_text (GTK_EDITABLE (require_named (page, "notice-date")), "2026-13-45");
  click (require_named (page, "notice-save"));
  spin (300);
  g_assert_cmpint (query (f, "SELECT count(*) FROM notice WHERE publish_on = '%s'", yesterday), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (require_named (page, "notice-date")), yesterday);
  click (require_named (page, "notice-cancel"));
  wait_until ((row = find_named (page, row_name)) != NULL && gtk_widget_get_mapped (row));

  /* Publish Site…: a folder chosen, the pages written in a worker, Open Folder offered. */
  g_assert_cmpint (g_mkdir (site, 0700), ==, 0);
  click (require_named (page, "notices-publish"));
  wait_until ((chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (chooser)));
  spin (200);
  {
    g_autoptr(GFile) folder = g_file_new_for_path (site);

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  wait_until (chooser_holds_folder (chooser, site));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait_until (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);
  /* Once written, the toast says so and offers the folder. */
  view = require_named (page, "notices-stack");
  wait_until (find_button_with_action (gtk_widget_get_parent (view), "notices.open-folder") != NULL);
  g_assert_true (file_holds (index, NOTICE_TITLE));
  g_assert_true (file_holds (index, ITEM_A1));
  g_assert_true (file_holds (topics, NOTICE_TITLE));
  g_assert_true (file_holds (threats, ITEM_A1));
  g_assert_false (file_holds (topics, ITEM_A1));
  screenshot (GTK_WIDGET (f->window), "notices-published");

  /* Deleted: gone from the list, Undo brings it back whole. */
  wait_until ((row = find_named (page, row_name)) != NULL && gtk_widget_get_mapped (row));
  press (row);
  wait_until (gtk_widget_get_mapped (require_named (page, "notice-delete")));
  click (require_named (page, "notice-delete"));
  wait_until (find_named (page, row_name) == NULL || !gtk_widget_get_mapped (find_named (page, row_name)));
  g_assert_cmpint (query (f, "SELECT count(*) FROM notice WHERE id = %" G_GINT64_FORMAT, id), ==, 1);
  wait_until ((undo = find_button_with_action (gtk_widget_get_parent (view), "notices.undo-delete")) != NULL);
  spin (700);
  click (undo);
  wait_until ((row = find_named (page, row_name)) != NULL && gtk_widget_get_mapped (row));
  g_assert_cmpint (query (f, "SELECT count(*) FROM notice WHERE id = %" G_GINT64_FORMAT, id), ==, 1);

  /* Deleted again and published at once: the deleted notice never reaches the portal. */
  press (row);
  wait_until (gtk_widget_get_mapped (require_named (page, "notice-delete")));
  click (require_named (page, "notice-delete"));
  wait_until (find_named (page, row_name) == NULL || !gtk_widget_get_mapped (find_named (page, row_name)));
  wait_until (gtk_widget_get_mapped (require_named (page, "notices-publish")));
  click (require_named (page, "notices-publish"));
  wait_until ((chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (chooser)));
  spin (200);
  {
    g_autoptr(GFile) folder = g_file_new_for_path (site);

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  wait_until (chooser_holds_folder (chooser, site));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait_until (!file_holds (index, NOTICE_TITLE));
  g_assert_true (file_holds (index, ITEM_A1));
  wait_until (query (f, "SELECT count(*) FROM notice WHERE id = %" G_GINT64_FORMAT, id) == 0);
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  g_test_add ("/threats-page/fetch-star-pick", WindowFixture, NULL, fixture_set_up_sample,
              test_threats_fetch_star_pick, fixture_tear_down);
  g_test_add ("/threats-page/filters", WindowFixture, NULL, fixture_set_up_sample, test_threats_filters,
              fixture_tear_down);
  g_test_add ("/threats-page/notices", WindowFixture, NULL, fixture_set_up_sample, test_notices, fixture_tear_down);
  g_test_add ("/threats-page/faq", WindowFixture, NULL, fixture_set_up_sample, test_faq_create_search,
              fixture_tear_down);
  g_test_add ("/threats-page/faq-consultations", WindowFixture, NULL, fixture_set_up_sample, test_faq_consultations,
              fixture_tear_down);

  return g_test_run ();
}
