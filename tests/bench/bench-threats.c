/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmarks of threat information: parsing a large feed, merging it into the
 * database, the reader's list and its search per keystroke, and the portal export,
 * each beside a floor doing the same work without Madoguchi (libxml2 alone, SQLite
 * alone, the same bytes written). Not a test: run by build-aux/benchmark.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "bench-util.h"
#include "mdg-database-private.h"
#include "mdg-faq-store.h"
#include "mdg-feed-parser.h"
#include "mdg-feed-store.h"
#include "mdg-kana.h"
#include "mdg-notice-store.h"
#include "mdg-site-export.h"

/* The full sizes; --smoke runs the same code smaller for the test suite. */
static guint FEED_ITEMS = 1000;

/* The reader's query for one condition on the search index, as SQLite alone runs it. */
#define LIST_SQL(condition)                                                                       \
  "SELECT i.id, i.source_id, src.name, i.title, i.link, i.summary, i.published_at, i.identifier," \
  " i.cve_ids, i.cvss_score, i.severity, i.read, i.starred, i.picked"                            \
  " FROM feed_item AS i JOIN feed_source AS src ON src.id = i.source_id"                          \
  " WHERE i.id IN (SELECT s.rowid / 4 FROM reading_index AS s WHERE s.rowid % 4 = 1 AND "         \
  condition ") ORDER BY i.published_at DESC, i.id DESC LIMIT 500"
static guint FETCHES = 20;

static const char *const words[] = {
  "ランサムウェア", "標的型攻撃メール", "不正アクセス", "サポート詐欺", "フィッシング", "VPN 装置", "ルータ",
  "Webサイト改ざん", "情報漏えい", "クロスサイトスクリプティング", "OS コマンドインジェクション", "認証回避",
};

/* A JVN-like RSS 1.0 document of @n items, numbered from @first. */
static GString *
make_feed (guint first,
           guint n)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<rdf:RDF xmlns=\"http://purl.org/rss/1.0/\""
                               " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
                               " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                               " xmlns:sec=\"http://jvn.jp/rss/mod_sec/3.0/\" xml:lang=\"ja\">\n"
                               "<channel rdf:about=\"https://jvn.example.jp/rss/jvn.rdf\"><title>JVN</title></channel>\n");

  for (guint i = first; i < first + n; i++)
    g_string_append_printf (out,
                            "<item rdf:about=\"https://jvn.example.jp/vu/JVNVU%08u/\">\n"
                            "<title>製品%u における%sの脆弱性</title>\n"
                            "<link>https://jvn.example.jp/vu/JVNVU%08u/</link>\n"
                            "<description>製品%u には%sの脆弱性が存在します。開発者が提供する情報をもとに最新版へ"
                            "アップデートしてください。</description>\n"
                            "<sec:identifier>JVNVU#%08u</sec:identifier>\n"
                            "<sec:references source=\"CVE\" id=\"CVE-2024-%05u\">https://www.cve.org/</sec:references>\n"
                            "<sec:cvss version=\"3.0\" score=\"%u.%u\" type=\"Base\" severity=\"High\"/>\n"
                            "<dc:date>2024-%02u-%02uT%02u:%02u+09:00</dc:date>\n</item>\n",
                            i, i, words[i % G_N_ELEMENTS (words)], i, i, words[i % G_N_ELEMENTS (words)], i, 10000 + i,
                            4 + i % 6, i % 10, 1 + i / 2800 % 12, 1 + i % 28, i % 24, i % 60);
  g_string_append (out, "</rdf:RDF>\n");
  return out;
}

static GPtrArray *
parse (GString *feed)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = mdg_feed_parse (feed->str, feed->len, NULL, NULL, &error);

  if (entries == NULL)
    g_error ("%s", error->message);
  return entries;
}

static double
raw_query_ms (MdgDatabase *db,
              const char  *sql,
              const char  *bind)
{
  sqlite3_stmt *stmt = NULL;
  double start = bench_now_ms ();

  sqlite3_prepare_v2 (_mdg_database_get_handle (db), sql, -1, &stmt, NULL);
  if (bind)
    sqlite3_bind_text (stmt, 1, bind, -1, SQLITE_STATIC);
  return bench_drain (stmt, start);
}

/* The floor of a merge: the same rows inserted by SQLite alone, in one transaction. */
static double
raw_insert_ms (MdgDatabase *db,
               GPtrArray   *entries)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  double start;

  sqlite3_exec (handle, "CREATE TEMP TABLE floor (guid TEXT UNIQUE, title TEXT, link TEXT, summary TEXT,"
                        " identifier TEXT, cvss REAL);"
                        "CREATE VIRTUAL TABLE temp.floor_index USING fts5 (text, tokenize = 'trigram');"
                        "CREATE TEMP TRIGGER floor_indexed AFTER INSERT ON floor BEGIN"
                        " INSERT INTO floor_index (rowid, text) VALUES (NEW.rowid,"
                        " mdg_fold(NEW.title || ' ' || NEW.summary || ' ' || NEW.identifier)); END;",
                NULL, NULL, NULL);
  start = bench_now_ms ();
  sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (handle, "INSERT INTO floor VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &stmt, NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      MdgFeedEntry *entry = g_ptr_array_index (entries, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, entry->guid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, entry->title, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, entry->link, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, entry->summary, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, entry->identifier, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 6, entry->cvss_score);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL);
  return bench_now_ms () - start;
}

static void
fill_portal (MdgDatabase *db)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(MdgNotice) notice = mdg_notice_new ();
      g_autoptr(GDateTime) day = g_date_time_new_local (2024, 1 + i % 12, 1 + i % 28, 0, 0, 0);
      g_autofree char *title = g_strdup_printf ("%sに関する注意喚起（第%u報）", words[i % G_N_ELEMENTS (words)], i);
      gint64 item = 1 + i;

      mdg_notice_set_kind (notice, i % 3);
      mdg_notice_set_title (notice, title);
      mdg_notice_set_body (notice, "## 概要\n\n対策の詳細は下記をご覧ください。\n\n- 最新版へ更新する\n- 設定を見直す");
      mdg_notice_set_publish_on (notice, day);
      g_array_append_val (mdg_notice_get_item_ids (notice), item);
      if (!mdg_notice_store_save (db, notice, &error))
        g_error ("%s", error->message);
    }
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(MdgFaqEntry) entry = mdg_faq_entry_new ();
      g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_faq_category_unref);
      g_autofree char *question = g_strdup_printf ("%sの被害に遭ったら？（%u）", words[i % G_N_ELEMENTS (words)], i);
      g_autofree char *key = g_strdup_printf ("M%u-%02u", 1 + i % 4, 1 + i % 7);

      g_ptr_array_add (categories, mdg_faq_store_find_category (db, key, NULL));
      mdg_faq_entry_set_question (entry, question);
      mdg_faq_entry_set_answer (entry, "ネットワークから切り離し、窓口へご相談ください。\n\n**証拠を残す**ことも大切です。");
      mdg_faq_entry_set_published (entry, TRUE);
      mdg_faq_entry_set_categories (entry, categories);
      if (!mdg_faq_store_save (db, entry, &error))
        g_error ("%s", error->message);
    }
}

/* The floor of an export: as many files with as many bytes, written the same way. */
static double
write_same_bytes_ms (const char *folder,
                     const char *floor_folder)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_free);
  const char *subfolders[] = { "", "notices", "faq" };
  double start;

  for (guint s = 0; s < G_N_ELEMENTS (subfolders); s++)
    {
      g_autofree char *path = g_build_filename (folder, subfolders[s], NULL);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = g_build_filename (path, name, NULL);
          char *data = NULL;

          if (g_file_get_contents (file, &data, NULL, NULL))
            {
              g_ptr_array_add (files, g_strdup_printf ("%s/%u", floor_folder, files->len));
              g_ptr_array_add (contents, data);
            }
        }
    }

  g_mkdir_with_parents (floor_folder, 0755);
  start = bench_now_ms ();
  for (guint i = 0; i < files->len; i++)
    g_file_set_contents_full (g_ptr_array_index (files, i), g_ptr_array_index (contents, i), -1,
                              G_FILE_SET_CONTENTS_CONSISTENT, 0644, NULL);
  return bench_now_ms () - start;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) feed = NULL;
  g_autofree char *work = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *folder = NULL;
  static const char *keystrokes[] = {
    "ら", "らん", "らんさ", "らんさむ", "ランサムウェア", "V", "VP", "VPN", "CVE", "CVE-2024-1", "CVE-2024-15000",
    "製品1234", "認証回避", "鬱", "zq",
  };
  MdgFeedFetchRecord record = { .http_status = 200 };
  gint64 source;
  double start;

  setlocale (LC_ALL, "");
  if (argc == 3 && g_str_equal (argv[1], "--smoke"))
    {
      FEED_ITEMS = 100;
      FETCHES = 3;
      argv++;
      argc--;
    }
  if (argc != 2)
    {
      g_printerr ("Usage: bench-threats [--smoke] DATABASE (a fresh database and site are made in threats/ beside it)\n");
      return 2;
    }
  {
    g_autofree char *beside = g_path_get_dirname (argv[1]);

    work = g_build_filename (beside, "threats", NULL);
    argv[1] = work;
  }
  feed = make_feed (0, FEED_ITEMS);

  {
    g_autofree char *path = g_build_filename (argv[1], "threats.db", NULL);
    g_autofree char *site = g_build_filename (argv[1], "site", NULL);
    g_autofree char *site_floor = g_build_filename (argv[1], "site-floor", NULL);
    const char *suffixes[] = { "", "-wal", "-shm" };

    /* Fresh every run: the database, and the folders an earlier run wrote. */
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_remove (file);
      }
    remove_tree (site);
    remove_tree (site_floor);
    g_mkdir_with_parents (argv[1], 0700);
    db = mdg_database_open (path, &error);
    if (db == NULL)
      g_error ("%s", error->message);
  }
  source = mdg_feed_store_add_source (db, "JVN", "https://jvn.example.jp/rss/jvn.rdf", &error);

  /* Parsing: libxml2's own parse is the floor; the rest is reading items out of it. */
  for (guint i = 0; i < 20; i++)
    {
      xmlDocPtr doc;

      start = bench_now_ms ();
      g_clear_pointer (&entries, g_ptr_array_unref);
      entries = parse (feed);
      g_array_append_val (ours, (double) { bench_now_ms () - start });
      start = bench_now_ms ();
      doc = xmlReadMemory (feed->str, feed->len, NULL, NULL, XML_PARSE_NONET);
      xmlFreeDoc (doc);
      g_array_append_val (floor, (double) { bench_now_ms () - start });
    }
  bench_report ("parse a 1 000-item JVN feed (430 KB)", ours);
  bench_report ("  floor: libxml2 parses the same document", floor);

  /* Merging: new items, then the same feed again (all seen). */
  start = bench_now_ms ();
  if (!mdg_feed_store_record_fetch (db, source, &record, entries, NULL, &error))
    g_error ("%s", error->message);
  bench_once ("merge 1 000 new items (one transaction, with search index)", bench_now_ms () - start);
  start = bench_now_ms ();
  mdg_feed_store_record_fetch (db, source, &record, entries, NULL, NULL);
  bench_once ("merge the same 1 000 items again (nothing new)", bench_now_ms () - start);
  bench_once ("  floor: SQLite inserts and indexes the same 1 000 rows", raw_insert_ms (db, entries));

  /* A reader with 20 000 items. */
  for (guint f = 1; f < FETCHES; f++)
    {
      g_autoptr(GString) more = make_feed (f * FEED_ITEMS, FEED_ITEMS);
      g_autoptr(GPtrArray) more_entries = parse (more);

      mdg_feed_store_record_fetch (db, source, &record, more_entries, NULL, NULL);
    }

  g_array_set_size (ours, 0);
  g_array_set_size (floor, 0);
  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(GPtrArray) items = NULL;

      start = bench_now_ms ();
      items = mdg_feed_store_list_items (db, NULL, NULL);
      g_array_append_val (ours, (double) { bench_now_ms () - start });
      g_array_append_val (floor, (double) { raw_query_ms (db, "SELECT i.id, i.source_id, src.name, i.title, i.link,"
                                                              " i.summary, i.published_at, i.identifier, i.cve_ids,"
                                                              " i.cvss_score, i.severity, i.read, i.starred, i.picked"
                                                              " FROM feed_item AS i JOIN feed_source AS src"
                                                              " ON src.id = i.source_id"
                                                              " ORDER BY i.published_at DESC, i.id DESC LIMIT 500",
                                                              NULL) });
    }
  bench_report ("reader list, newest 500 of 20 000 items, as objects", ours);
  bench_report ("  floor: SQLite reads the same rows", floor);

  g_array_set_size (ours, 0);
  g_array_set_size (floor, 0);
  for (guint round = 0; round < 5; round++)
    for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
      {
        g_autoptr(MdgFeedFilter) filter = mdg_feed_filter_new ();
        g_autoptr(GPtrArray) items = NULL;
        g_autofree char *folded = NULL;

        filter->query = g_strdup (keystrokes[i]);
        start = bench_now_ms ();
        items = mdg_feed_store_list_items (db, filter, NULL);
        g_array_append_val (ours, (double) { bench_now_ms () - start });
        /* The floor: SQLite alone running the same query, without making objects. */
        folded = mdg_kana_fold (keystrokes[i], -1);
        g_array_append_val (floor, (double) { raw_query_ms (db, g_utf8_strlen (folded, -1) >= 3
                                                                  ? LIST_SQL ("reading_index MATCH '\"' || ?1 || '\"'")
                                                                  : LIST_SQL ("instr(s.text, ?1) > 0"),
                                                              folded) });
      }
  bench_report ("search per keystroke over 20 000 items", ours);
  bench_report ("  floor: SQLite runs the same query", floor);

  /* The portal: 200 notices citing items, 300 FAQ entries. */
  fill_portal (db);
  folder = g_build_filename (argv[1], "site", NULL);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *floor_folder = g_build_filename (argv[1], "site-floor", NULL);
    double ms;

    start = bench_now_ms ();
    if (!mdg_site_export (db, folder, NULL, now, &error))
      g_error ("%s", error->message);
    ms = bench_now_ms () - start;
    bench_once ("export the portal: 200 notices, 300 FAQ entries, Atom feed", ms);
    bench_once ("  floor: write the same bytes to as many files", write_same_bytes_ms (folder, floor_folder));
  }
  return 0;
}
