/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-faq-store.h"
#include "mdg-feed-store.h"
#include "mdg-notice-store.h"
#include "mdg-seminar-store.h"
#include "mdg-test-util.h"

/*
 * The core of threat information, the FAQ and notices, on a real database: what the
 * reader, the topics, the FAQ and the portal's notices store and find.
 */

typedef struct
{
  char        *dir;
  MdgDatabase *db;
  gint64       source_id;
} Fixture;

static MdgFeedEntry *
make_entry (const char  *guid,
            const char  *title,
            const char  *link,
            const char  *summary,
            const char  *published,
            MdgSeverity  severity,
            const char  *cves)
{
  MdgFeedEntry *entry = mdg_feed_entry_new ();

  entry->guid = g_strdup (guid);
  entry->title = g_strdup (title);
  entry->link = g_strdup (link);
  entry->summary = g_strdup (summary);
  entry->published = g_date_time_new_from_iso8601 (published, NULL);
  entry->severity = severity;
  entry->cve_ids = cves ? g_strsplit (cves, " ", -1) : NULL;
  return entry;
}

static void
record (Fixture   *f,
        gint64     source_id,
        GPtrArray *entries,
        guint      expected_new)
{
  g_autoptr(GError) error = NULL;
  MdgFeedFetchRecord result = { .http_status = 200, .etag = "\"a\"" };
  guint n_new = 99;

  g_assert_true (mdg_feed_store_record_fetch (f->db, source_id, &result, entries, &n_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, expected_new);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_feed_entry_free);
  g_autoptr(GError) error = NULL;

  f->db = mdg_test_open_tmp_db (&f->dir);
  f->source_id = mdg_feed_store_add_source (f->db, "JVN テスト", "https://jvn.example.jp/rss/jvn.rdf", &error);
  g_assert_no_error (error);

  g_ptr_array_add (entries, make_entry ("a", "ランサムウェア「ロックビット」の注意喚起", "https://jvn.example.jp/a",
                                        "バックアップを確認してください。", "2024-06-01T00:00:00Z",
                                        MDG_SEVERITY_HIGH, NULL));
  g_ptr_array_add (entries, make_entry ("b", "Fortinet FortiOS の脆弱性", "https://jvn.example.jp/b",
                                        "SSL-VPN 機能に欠陥", "2024-06-03T00:00:00Z",
                                        MDG_SEVERITY_CRITICAL, "CVE-2024-21762"));
  g_ptr_array_add (entries, make_entry ("c", "フィッシングの手口", "https://jvn.example.jp/c", NULL,
                                        "2024-06-02T00:00:00Z", MDG_SEVERITY_UNKNOWN, NULL));
  record (f, f->source_id, entries, 3);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  mdg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static GPtrArray *
list (Fixture             *f,
      const MdgFeedFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = mdg_feed_store_list_items (f->db, filter, &error);

  g_assert_no_error (error);
  return items;
}

static MdgFeedItem *
item_titled (GPtrArray  *items,
             const char *prefix)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_has_prefix (mdg_feed_item_get_title (g_ptr_array_index (items, i)), prefix))
      return g_ptr_array_index (items, i);
  g_assert_not_reached ();
}

static void
test_default_sources (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(MdgFeedSource) jpcert = NULL;
  g_autoptr(GError) error = NULL;

  sources = mdg_feed_store_list_sources (f->db, &error);
  g_assert_no_error (error);
  /* The six of feeds.tsv, then the one added. */
  g_assert_cmpuint (sources->len, ==, 7);
  g_assert_cmpstr (mdg_feed_source_get_key (g_ptr_array_index (sources, 0)), ==, "F-JPCERT");
  g_assert_cmpstr (mdg_feed_source_get_name (g_ptr_array_index (sources, 0)), ==, "JPCERT/CC 注意喚起");
  g_assert_cmpint (mdg_feed_source_get_format (g_ptr_array_index (sources, 5)), ==, MDG_FEED_FORMAT_ATOM);
  g_assert_cmpstr (mdg_feed_source_get_name (g_ptr_array_index (sources, 6)), ==, "JVN テスト");
  g_assert_cmpuint (mdg_feed_source_get_n_unread (g_ptr_array_index (sources, 6)), ==, 3);

  jpcert = mdg_feed_store_find_source (f->db, "f-jpcert", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mdg_feed_source_get_url (jpcert), ==, "https://www.jpcert.or.jp/rss/jpcert.rdf");
  g_assert_null (mdg_feed_source_get_last_fetched_at (jpcert));

  /* Editable: renamed, moved, switched off; a second source on the same address is refused. */
  g_assert_true (mdg_feed_store_update_source (f->db, mdg_feed_source_get_id (jpcert), "注意喚起",
                                               "https://www.jpcert.or.jp/rss/jpcert.rdf", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mdg_feed_store_add_source (f->db, "again", "https://www.jpcert.or.jp/rss/jpcert.rdf", &error), ==, 0);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (mdg_feed_store_add_source (f->db, "local", "file:///etc/passwd", &error), ==, 0);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (mdg_feed_store_add_source (f->db, " ", "https://example.jp/feed", &error), ==, 0);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
keep_result (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_set_object ((GAsyncResult **) user_data, result);
}

static void
test_reader_state (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) items = list (f, NULL);
  g_autoptr(GPtrArray) unread = NULL;
  g_autoptr(MdgFeedFilter) filter = mdg_feed_filter_new ();
  g_autoptr(GError) error = NULL;
  MdgFeedItem *item;
  guint notified = 0;

  /* Newest first. */
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpstr (mdg_feed_item_get_title (g_ptr_array_index (items, 0)), ==, "Fortinet FortiOS の脆弱性");
  g_assert_cmpuint (mdg_feed_store_count_unread (f->db, &error), ==, 3);

  item = g_ptr_array_index (items, 0);
  g_signal_connect_swapped (item, "notify::read", G_CALLBACK (count_notify), &notified);
  g_assert_true (mdg_feed_store_set_read (f->db, item, TRUE, &error));
  g_assert_no_error (error);
  /* The row bound to it hears of the change, once. */
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (mdg_feed_store_set_read (f->db, item, TRUE, &error));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (mdg_feed_item_get_read (item));
  g_assert_true (mdg_feed_store_set_starred (f->db, item_titled (items, "フィッシング"), TRUE, &error));

  filter->state = MDG_FEED_ITEM_STATE_UNREAD;
  unread = list (f, filter);
  g_assert_cmpuint (unread->len, ==, 2);
  g_clear_pointer (&unread, g_ptr_array_unref);

  filter->state = MDG_FEED_ITEM_STATE_STARRED;
  unread = list (f, filter);
  g_assert_cmpuint (unread->len, ==, 1);
  g_assert_true (mdg_feed_item_get_starred (g_ptr_array_index (unread, 0)));
  g_clear_pointer (&unread, g_ptr_array_unref);

  g_assert_true (mdg_feed_store_mark_all_read (f->db, 0, &error));
  g_assert_cmpuint (mdg_feed_store_count_unread (f->db, &error), ==, 0);

  /* An item seen again keeps the reader's marks. */
  {
    g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_feed_entry_free);
    g_autoptr(GPtrArray) after = NULL;

    g_ptr_array_add (again, make_entry ("c", "フィッシングの手口（更新）", "https://jvn.example.jp/c", NULL,
                                        "2024-06-02T00:00:00Z", MDG_SEVERITY_UNKNOWN, NULL));
    record (f, f->source_id, again, 0);
    after = list (f, NULL);
    item = item_titled (after, "フィッシングの手口（更新）");
    g_assert_true (mdg_feed_item_get_starred (item));
    g_assert_true (mdg_feed_item_get_read (item));
  }
}

static void
test_search_and_saved (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MdgFeedFilter) filter = mdg_feed_filter_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(MdgSavedSearch) search = NULL;
  g_autoptr(GError) error = NULL;

  /* Katakana typed in hiragana, a CVE id, a short word, a word in the summary. */
  const struct { const char *query; guint hits; } cases[] = {
    { "らんさむうぇあ", 1 }, { "CVE-2024-21762", 1 }, { "VPN", 1 }, { "手口", 1 }, { "バックアップ", 1 },
    { "fortios 脆弱性", 1 }, { "存在しない", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_free (filter->query);
      filter->query = g_strdup (cases[i].query);
      found = list (f, filter);
      g_test_message ("%s", cases[i].query);
      g_assert_cmpuint (found->len, ==, cases[i].hits);
      g_clear_pointer (&found, g_ptr_array_unref);
    }

  /* A saved search: a watch word and a severity, named. */
  g_free (filter->query);
  filter->query = g_strdup ("Fortinet");
  filter->min_severity = MDG_SEVERITY_HIGH;
  search = mdg_feed_store_save_search (f->db, "Fortinet（重要以上）", filter, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mdg_saved_search_get_name (search), ==, "Fortinet（重要以上）");

  saved = mdg_feed_store_list_saved_searches (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 1);
  found = list (f, mdg_saved_search_get_filter (g_ptr_array_index (saved, 0)));
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (mdg_feed_item_get_severity (g_ptr_array_index (found, 0)), ==, MDG_SEVERITY_CRITICAL);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A period is kept in days and counted from the day the search is used: the
   * fixtures' items are older than a week, so "the last 7 days" finds none of them. */
  g_clear_object (&search);
  g_clear_pointer (&saved, g_ptr_array_unref);
  filter->within_days = 7;
  search = mdg_feed_store_save_search (f->db, "Fortinet（重要以上）", filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mdg_saved_search_get_filter (search)->within_days, ==, 7);
  saved = mdg_feed_store_list_saved_searches (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mdg_saved_search_get_filter (g_ptr_array_index (saved, 0))->within_days, ==, 7);
  found = list (f, mdg_saved_search_get_filter (g_ptr_array_index (saved, 0)));
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  filter->within_days = 36500;
  found = list (f, filter);
  g_assert_cmpuint (found->len, ==, 1);
  filter->within_days = 0;

  /* Saved again under its name: replaced, not doubled. */
  g_clear_object (&search);
  filter->min_severity = MDG_SEVERITY_UNKNOWN;
  search = mdg_feed_store_save_search (f->db, "Fortinet（重要以上）", filter, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM feed_saved_search"), ==, 1);
  g_assert_true (mdg_feed_store_delete_saved_search (f->db, mdg_saved_search_get_id (search), &error));
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM feed_saved_search"), ==, 0);
  g_assert_null (mdg_feed_store_save_search (f->db, "  ", filter, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
}

static void
test_list_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MdgFeedFilter) filter = mdg_feed_filter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  filter->query = g_strdup ("フィッシング");
  mdg_feed_store_list_items_async (f->db, filter, NULL, keep_result, &result);
  /* The filter was copied: changing it now changes nothing. */
  g_free (filter->query);
  filter->query = g_strdup ("nothing at all");
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  items = mdg_feed_store_list_items_finish (f->db, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
}

static gint64
add_seminar (Fixture *f)
{
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 0);
  g_autoptr(GError) error = NULL;

  mdg_seminar_set_title (seminar, "ランサムウェア対策セミナー");
  mdg_seminar_set_starts_at (seminar, starts);
  mdg_seminar_set_ends_at (seminar, ends);
  g_assert_true (mdg_seminar_store_save (f->db, seminar, &error));
  g_assert_no_error (error);
  return mdg_seminar_get_id (seminar);
}

static void
test_topics (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) items = list (f, NULL);
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GPtrArray) attached = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seminar = add_seminar (f);
  gint64 fortinet = mdg_feed_item_get_id (item_titled (items, "Fortinet"));
  gint64 ransom = mdg_feed_item_get_id (item_titled (items, "ランサムウェア"));
  gint64 consultation;

  g_assert_true (mdg_feed_store_pick_for_seminar (f->db, ransom, seminar, &error));
  g_assert_true (mdg_feed_store_pick_for_seminar (f->db, fortinet, seminar, &error));
  g_assert_true (mdg_feed_store_pick_for_seminar (f->db, fortinet, seminar, &error));
  g_assert_no_error (error);
  topics = mdg_feed_store_list_seminar_topics (f->db, seminar, &error);
  g_assert_no_error (error);
  /* Most severe first. */
  g_assert_cmpuint (topics->len, ==, 2);
  g_assert_cmpint (mdg_feed_item_get_id (g_ptr_array_index (topics, 0)), ==, fortinet);
  g_assert_true (mdg_feed_item_get_picked (g_ptr_array_index (topics, 0)));

  g_assert_false (mdg_feed_store_pick_for_seminar (f->db, fortinet, 999, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mdg_feed_store_pick_for_seminar (f->db, 999, seminar, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A consultation, as the consultations' code will write it: only its id matters here. */
  mdg_test_exec (f->db, "INSERT INTO consultation (received_at, channel, subject, question, answer)"
                        " VALUES (1700000000, 'phone', 'VPN 機器の更新', 'FortiGate の更新は必要？', '必要です。')");
  consultation = mdg_test_count (f->db, "SELECT max(id) FROM consultation");
  g_assert_true (mdg_feed_store_attach (f->db, fortinet, MDG_ATTACH_CONSULTATION, consultation, &error));
  g_assert_no_error (error);
  attached = mdg_feed_store_list_attached (f->db, MDG_ATTACH_CONSULTATION, consultation, &error);
  g_assert_cmpuint (attached->len, ==, 1);
  g_assert_false (mdg_feed_store_attach (f->db, fortinet, MDG_ATTACH_FOLLOW_UP, 42, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Removing the source keeps what was kept (picked, linked) and hides the source. */
  g_assert_true (mdg_feed_store_remove_source (f->db, f->source_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM feed_item"), ==, 2);
  g_assert_null (mdg_feed_store_load_source (f->db, f->source_id, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&topics, g_ptr_array_unref);
  topics = mdg_feed_store_list_seminar_topics (f->db, seminar, &error);
  g_assert_cmpuint (topics->len, ==, 2);

  /* A consultation deleted takes its attachments with it. */
  mdg_test_exec (f->db, "DELETE FROM consultation");
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM feed_item_attachment"), ==, 0);
}

static void
test_faq (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(MdgFaqEntry) entry = mdg_faq_entry_new ();
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_faq_category_unref);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) chapters = NULL;
  g_autoptr(MdgFaqEntry) loaded = NULL;
  g_autoptr(MdgFaqEntry) draft = NULL;
  g_autoptr(MdgFaqEntry) other = mdg_faq_entry_new ();
  g_autoptr(GPtrArray) items = list (f, NULL);
  g_autoptr(GError) error = NULL;
  MdgFaqChapter *chapter;

  g_assert_false (mdg_faq_store_save (f->db, entry, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);

  mdg_faq_entry_set_question (entry, "バックアップはどのくらいの頻度で取ればよいですか？");
  mdg_faq_entry_set_answer (entry, "業務で扱うデータの重要度に応じて、少なくとも週に一度は取りましょう。");
  mdg_faq_entry_set_published (entry, TRUE);
  g_ptr_array_add (categories, mdg_faq_store_find_category (f->db, "T-RANSOM", &error));
  g_ptr_array_add (categories, mdg_faq_store_find_category (f->db, "m2-04", &error));
  g_assert_no_error (error);
  mdg_faq_entry_set_categories (entry, categories);
  g_assert_true (mdg_faq_store_save (f->db, entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mdg_faq_entry_get_id (entry), >, 0);
  g_assert_nonnull (mdg_faq_entry_get_uuid (entry));
  g_assert_nonnull (mdg_faq_entry_get_updated_at (entry));

  loaded = mdg_faq_store_load (f->db, mdg_faq_entry_get_id (entry), &error);
  g_assert_no_error (error);
  /* Guidebook sections first. */
  g_assert_cmpuint (mdg_faq_entry_get_categories (loaded)->len, ==, 2);
  g_assert_cmpstr (((MdgFaqCategory *) g_ptr_array_index (mdg_faq_entry_get_categories (loaded), 0))->key, ==, "M2-04");

  g_assert_null (mdg_faq_store_find_category (f->db, "X-NOPE", &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A draft from a threat item: unpublished, filed under vulnerabilities, item picked. */
  draft = mdg_faq_store_draft_from_item (f->db, mdg_feed_item_get_id (item_titled (items, "Fortinet")), &error);
  g_assert_no_error (error);
  g_assert_false (mdg_faq_entry_get_published (draft));
  g_assert_nonnull (strstr (mdg_faq_entry_get_question (draft), "Fortinet FortiOS"));
  g_assert_nonnull (strstr (mdg_faq_entry_get_answer (draft), "https://jvn.example.jp/b"));
  g_assert_cmpuint (mdg_faq_entry_get_categories (draft)->len, ==, 2);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT picked FROM feed_item WHERE guid = 'b'"), ==, 1);

  /* Published without a guidebook section: the last group. */
  mdg_faq_entry_set_question (other, "相談窓口の受付時間は？");
  mdg_faq_entry_set_answer (other, "平日 9 時から 17 時までです。");
  mdg_faq_entry_set_published (other, TRUE);
  g_assert_true (mdg_faq_store_save (f->db, other, &error));

  /* Searched by question and answer, short words too; drafts only when asked. */
  found = mdg_faq_store_list (f->db, "ばっくあっぷ", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = mdg_faq_store_list (f->db, "週", TRUE, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = mdg_faq_store_list (f->db, NULL, TRUE, &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  chapters = mdg_faq_store_list_chapters (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chapters->len, ==, 2);
  chapter = g_ptr_array_index (chapters, 0);
  g_assert_cmpstr (chapter->chapter->key, ==, "M2");
  g_assert_cmpuint (chapter->entries->len, ==, 1);
  chapter = g_ptr_array_index (chapters, 1);
  g_assert_null (chapter->chapter);

  /* Deleted: out of the index too. */
  g_assert_true (mdg_faq_store_delete (f->db, mdg_faq_entry_get_id (entry), &error));
  found = mdg_faq_store_list (f->db, "ばっくあっぷ", FALSE, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM faq_category"), ==, 2);
}

static void
test_faq_from_consultation (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(MdgFaqEntry) draft = NULL;
  g_autoptr(MdgFaqEntry) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 consultation;

  mdg_test_exec (f->db, "INSERT INTO consultation (received_at, channel, subject, question, answer, category_id)"
                        " VALUES (1700000000, 'phone', '偽のウイルス警告', '画面に警告が出て電話番号が表示された',"
                        " '電話をせずにブラウザを閉じてください。',"
                        " (SELECT id FROM category WHERE key = 'T-SUPPORT'))");
  consultation = mdg_test_count (f->db, "SELECT max(id) FROM consultation");

  draft = mdg_faq_store_draft_from_consultation (f->db, consultation, &error);
  g_assert_no_error (error);
  g_assert_false (mdg_faq_entry_get_published (draft));
  g_assert_cmpstr (mdg_faq_entry_get_question (draft), ==, "画面に警告が出て電話番号が表示された");
  loaded = mdg_faq_store_load (f->db, mdg_faq_entry_get_id (draft), &error);
  g_assert_cmpuint (mdg_faq_entry_get_consultation_ids (loaded)->len, ==, 1);
  g_assert_cmpint (g_array_index (mdg_faq_entry_get_consultation_ids (loaded), gint64, 0), ==, consultation);
  g_assert_cmpstr (((MdgFaqCategory *) g_ptr_array_index (mdg_faq_entry_get_categories (loaded), 0))->key, ==,
                   "T-SUPPORT");

  g_assert_null (mdg_faq_store_draft_from_consultation (f->db, 999, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mdg_faq_store_link_consultation (f->db, mdg_faq_entry_get_id (draft), 999, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);
}

static void
test_notices (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MdgNotice) notice = mdg_notice_new ();
  g_autoptr(MdgNotice) draft = mdg_notice_new ();
  g_autoptr(GPtrArray) items = list (f, NULL);
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GPtrArray) cited = NULL;
  g_autoptr(GDateTime) day = mdg_test_local (2024, 6, 10, 15, 30);
  g_autoptr(GDateTime) before = mdg_test_local (2024, 6, 9, 23, 0);
  g_autoptr(GError) error = NULL;
  gint64 item_id = mdg_feed_item_get_id (item_titled (items, "Fortinet"));

  g_assert_false (mdg_notice_store_save (f->db, notice, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);

  mdg_notice_set_kind (notice, MDG_NOTICE_KIND_THREAT);
  mdg_notice_set_title (notice, "FortiOS の脆弱性について");
  mdg_notice_set_body (notice, "## 対象\n\n- FortiGate を使っている事業者\n\n早めに更新してください。");
  mdg_notice_set_publish_on (notice, day);
  g_array_append_val (mdg_notice_get_item_ids (notice), item_id);
  g_assert_true (mdg_notice_store_save (f->db, notice, &error));
  g_assert_no_error (error);

  mdg_notice_set_title (draft, "年末年始の休業のお知らせ");
  g_assert_true (mdg_notice_store_save (f->db, draft, &error));

  notices = mdg_notice_store_list (f->db, NULL, MDG_NOTICE_KIND_ANY, NULL, &error);
  g_assert_no_error (error);
  /* Drafts first. */
  g_assert_cmpuint (notices->len, ==, 2);
  g_assert_null (mdg_notice_get_publish_on (g_ptr_array_index (notices, 0)));
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* Published by a day: the day only counts, not the time. */
  notices = mdg_notice_store_list (f->db, NULL, MDG_NOTICE_KIND_ANY, day, &error);
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_cmpuint (mdg_notice_get_item_ids (g_ptr_array_index (notices, 0))->len, ==, 1);
  g_clear_pointer (&notices, g_ptr_array_unref);
  notices = mdg_notice_store_list (f->db, NULL, MDG_NOTICE_KIND_ANY, before, &error);
  g_assert_cmpuint (notices->len, ==, 0);
  g_clear_pointer (&notices, g_ptr_array_unref);

  notices = mdg_notice_store_list (f->db, "ふぉーてぃ", MDG_NOTICE_KIND_ANY, NULL, &error);
  g_assert_cmpuint (notices->len, ==, 0);
  g_clear_pointer (&notices, g_ptr_array_unref);
  notices = mdg_notice_store_list (f->db, "更新", MDG_NOTICE_KIND_THREAT, NULL, &error);
  g_assert_cmpuint (notices->len, ==, 1);
  g_clear_pointer (&notices, g_ptr_array_unref);
  notices = mdg_notice_store_list (f->db, NULL, MDG_NOTICE_KIND_NEWS, NULL, &error);
  g_assert_cmpuint (notices->len, ==, 1);

  cited = mdg_notice_store_list_items (f->db, mdg_notice_get_id (notice), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cited->len, ==, 1);
  g_assert_cmpint (mdg_feed_item_get_id (g_ptr_array_index (cited, 0)), ==, item_id);

  /* A missing item is refused and nothing is saved. */
  {
    gint64 missing = 999;

    g_array_append_val (mdg_notice_get_item_ids (notice), missing);
    mdg_notice_set_title (notice, "変更されないはず");
    g_assert_false (mdg_notice_store_save (f->db, notice, &error));
    g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);
    g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM notice WHERE title = '変更されないはず'"), ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  mdg_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/threats/sources", test_default_sources);
  ADD ("/threats/reader-state", test_reader_state);
  ADD ("/threats/search-and-saved", test_search_and_saved);
  ADD ("/threats/list-async", test_list_async);
  ADD ("/threats/topics", test_topics);
  ADD ("/faq/entries", test_faq);
  ADD ("/faq/from-consultation", test_faq_from_consultation);
  ADD ("/notices", test_notices);
#undef ADD

  return g_test_run ();
}
