/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-feed-fetcher.h"
#include "mdg-feed-parser.h"
#include "mdg-feed-scheduler.h"
#include "mdg-feed-store.h"
#include "mdg-test-util.h"

/*
 * Feeds end to end: fixtures shaped like the real JPCERT/CC, JVN, IPA, JPCERT/CC Eyes
 * and an RSS 2.0 news feed, served by a SoupServer on 127.0.0.1 (port 0), fetched into a
 * real database. Every hostile answer — silence, 50 MB, a redirect loop, broken XML, an
 * entity bomb, an external entity — must end quickly with a clear error and leave the
 * items fetched before untouched. No test contacts a real server.
 */

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "feeds", name, NULL);
}

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static GPtrArray *
parse_fixture (const char    *name,
               MdgFeedFormat *format,
               GError       **error)
{
  gsize length;
  g_autofree char *data = read_fixture (name, &length);

  return mdg_feed_parse (data, length, "https://feeds.example.jp/feed", format, error);
}

static MdgFeedEntry *
entry_at (GPtrArray *entries,
          guint      index)
{
  g_assert_cmpuint (index, <, entries->len);
  return g_ptr_array_index (entries, index);
}

static void
assert_date (GDateTime  *date,
             const char *expected_utc)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (date);
  utc = g_date_time_to_utc (date);
  text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  g_assert_cmpstr (text, ==, expected_utc);
}

static void
test_parse_jpcert_rss1 (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  MdgFeedFormat format = MDG_FEED_FORMAT_ATOM;
  MdgFeedEntry *entry;

  entries = parse_fixture ("jpcert.rdf", &format, &error);
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, MDG_FEED_FORMAT_RSS1);
  g_assert_cmpuint (entries->len, ==, 3);

  entry = entry_at (entries, 0);
  g_assert_cmpstr (entry->guid, ==, "https://www.jpcert.or.jp/at/2024/at240001.html");
  g_assert_cmpstr (entry->link, ==, "https://www.jpcert.or.jp/at/2024/at240001.html");
  g_assert_true (g_str_has_prefix (entry->title, "Ivanti Connect Secure"));
  /* dc:date without seconds, in Japan's time. */
  assert_date (entry->published, "2024-01-11T02:34:00Z");
  g_assert_cmpuint (g_strv_length (entry->cve_ids), ==, 2);
  g_assert_cmpstr (entry->cve_ids[0], ==, "CVE-2023-46805");
  g_assert_cmpstr (entry->cve_ids[1], ==, "CVE-2024-21887");
  g_assert_cmpint (entry->severity, ==, MDG_SEVERITY_UNKNOWN);

  /* An ideographic space is Japanese text, not white space to collapse. */
  entry = entry_at (entries, 1);
  g_assert_nonnull (strstr (entry->summary, "公開されました。\u3000早急に"));

  /* CDATA, and a bare date (a day at the desk). */
  entry = entry_at (entries, 2);
  g_assert_cmpstr (entry->cve_ids[0], ==, "CVE-2023-50164");
  assert_date (entry->published, "2023-12-07T15:00:00Z");
}

static void
test_parse_jvn_sec (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  MdgFeedEntry *entry;

  entries = parse_fixture ("jvn.rdf", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);

  entry = entry_at (entries, 0);
  g_assert_cmpstr (entry->identifier, ==, "JVNVU#90000001");
  /* The newest CVSS version decides: 3.0's 9.8 Critical, not 2.0's 10.0 High. */
  g_assert_cmpfloat_with_epsilon (entry->cvss_score, 9.8, 0.001);
  g_assert_cmpint (entry->severity, ==, MDG_SEVERITY_CRITICAL);
  /* From sec:references, in number order. */
  g_assert_cmpuint (g_strv_length (entry->cve_ids), ==, 2);
  g_assert_cmpstr (entry->cve_ids[0], ==, "CVE-2024-9999");
  g_assert_cmpstr (entry->cve_ids[1], ==, "CVE-2024-12345");
  assert_date (entry->published, "2024-06-21T02:52:00Z");

  entry = entry_at (entries, 1);
  g_assert_cmpint (entry->severity, ==, MDG_SEVERITY_MEDIUM);
  g_assert_cmpfloat_with_epsilon (entry->cvss_score, 6.1, 0.001);
}

static void
test_parse_urgent_title (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = parse_fixture ("ipa.rdf", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (entry_at (entries, 0)->severity, ==, MDG_SEVERITY_CRITICAL);
  g_assert_cmpfloat (entry_at (entries, 0)->cvss_score, <, 0);
}

static void
test_parse_atom (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  MdgFeedFormat format = MDG_FEED_FORMAT_RSS1;
  MdgFeedEntry *entry;

  entries = parse_fixture ("eyes.atom", &format, &error);
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, MDG_FEED_FORMAT_ATOM);
  g_assert_cmpuint (entries->len, ==, 2);

  entry = entry_at (entries, 0);
  g_assert_cmpstr (entry->guid, ==, "tag:blogs.jpcert.or.jp,2024:/ja//1.901");
  /* Relative to xml:base. */
  g_assert_cmpstr (entry->link, ==, "https://blogs.jpcert.or.jp/ja/2024/05/phishing.html");
  assert_date (entry->published, "2024-05-20T09:00:00Z");
  /* HTML made plain: paragraphs kept apart, markup and the script gone. */
  g_assert_cmpstr (entry->summary, ==,
                   "国内の利用者を狙うフィッシングサイトの傾向をまとめました。\n\n二要素認証の突破を狙う手口が増えています。");

  entry = entry_at (entries, 1);
  assert_date (entry->published, "2024-04-02T03:30:00Z");
  g_assert_cmpstr (entry->summary, ==, "オフラインのバックアップを用意しましょう。");
}

static void
test_parse_rss2 (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  MdgFeedFormat format = MDG_FEED_FORMAT_RSS1;
  MdgFeedEntry *entry;

  entries = parse_fixture ("news.rss", &format, &error);
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, MDG_FEED_FORMAT_RSS2);
  g_assert_cmpuint (entries->len, ==, 3);

  entry = entry_at (entries, 0);
  g_assert_cmpstr (entry->guid, ==, "news-2024-0601");
  assert_date (entry->published, "2024-06-01T00:30:00Z");
  g_assert_cmpstr (entry->summary, ==, "パソコンに偽の警告を表示し、電話をかけさせる手口です。\n\n画面の番号に電話しない\n\nブラウザを閉じる");

  /* RFC 822 without seconds. */
  assert_date (entry_at (entries, 1)->published, "2024-01-11T03:00:00Z");

  /* No link: a permalink guid is the link; JST is a zone name RSS 2.0 feeds use. */
  entry = entry_at (entries, 2);
  g_assert_cmpstr (entry->link, ==, "https://news.example.jp/articles/2024/0515.html");
  assert_date (entry->published, "2024-05-15T01:00:00Z");
}

static void
assert_refused (const char *name,
                int         code)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  entries = parse_fixture (name, NULL, &error);
  g_assert_null (entries);
  g_assert_error (error, MDG_FEED_ERROR, code);
  /* Refused at once, not after expanding anything. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_test_message ("%s: %s", name, error->message);
}

static void
test_parse_hostile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char external_dtd[] =
    "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/evil.dtd\">"
    "<rss version=\"2.0\"><channel><item><title>x</title></item></channel></rss>";
  const char plain_doctype[] =
    "<?xml version=\"1.0\"?><!DOCTYPE rss><rss version=\"2.0\"><channel><item><title>ok</title></item></channel></rss>";

  assert_refused ("bomb.xml", MDG_FEED_ERROR_UNSAFE);
  assert_refused ("xxe.xml", MDG_FEED_ERROR_UNSAFE);

  entries = mdg_feed_parse (external_dtd, strlen (external_dtd), NULL, NULL, &error);
  g_assert_null (entries);
  g_assert_error (error, MDG_FEED_ERROR, MDG_FEED_ERROR_UNSAFE);
  g_clear_error (&error);

  /* A DOCTYPE that declares nothing is harmless. */
  entries = mdg_feed_parse (plain_doctype, strlen (plain_doctype), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);

  {
    g_autoptr(GPtrArray) broken = parse_fixture ("malformed.rdf", NULL, &error);

    g_assert_null (broken);
    g_assert_error (error, MDG_FEED_ERROR, MDG_FEED_ERROR_MALFORMED);
    /* Which line, in the message. */
    g_assert_nonnull (strstr (error->message, "line 10"));
    g_clear_error (&error);
  }

  entries = mdg_feed_parse ("<html><body>Not found</body></html>", 35, NULL, NULL, &error);
  g_assert_null (entries);
  g_assert_error (error, MDG_FEED_ERROR, MDG_FEED_ERROR_NOT_A_FEED);
}

static void
test_parse_dates (void)
{
  const struct { const char *text; const char *utc; } cases[] = {
    { "2024-06-21T11:52+09:00", "2024-06-21T02:52:00Z" },
    { "2024-06-21T11:52:30+09:00", "2024-06-21T02:52:30Z" },
    { "2024-06-21T02:52Z", "2024-06-21T02:52:00Z" },
    { "2024-06-21T02:52:30.25Z", "2024-06-21T02:52:30Z" },
    { "2024-06-21", "2024-06-20T15:00:00Z" },
    { "Fri, 21 Jun 2024 11:52:00 +0900", "2024-06-21T02:52:00Z" },
    { "21 Jun 2024 02:52:00 GMT", "2024-06-21T02:52:00Z" },
    { "Fri, 21 Jun 24 11:52 JST", "2024-06-21T02:52:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) date = mdg_feed_parse_date (cases[i].text);

      g_test_message ("%s", cases[i].text);
      assert_date (date, cases[i].utc);
    }
  g_assert_null (mdg_feed_parse_date ("yesterday"));
  g_assert_null (mdg_feed_parse_date ("Fri, 21 Foo 2024 11:52:00 +0900"));
}

static void
test_cve_ids (void)
{
  g_auto(GStrv) ids = mdg_feed_find_cve_ids ("cve-2024-10000, CVE-2023-9999 and CVE-2024-9999; again CVE-2024-10000,"
                                              " not CVE-2024-999");

  /* Numbers have at least four digits, and sort as numbers. */
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_cmpstr (ids[0], ==, "CVE-2023-9999");
  g_assert_cmpstr (ids[1], ==, "CVE-2024-9999");
  g_assert_cmpstr (ids[2], ==, "CVE-2024-10000");
}

static void
test_link_key (void)
{
  const struct { const char *link; const char *key; } cases[] = {
    { "http://JVN.jp/vu/JVNVU90000001/", "https://jvn.jp/vu/JVNVU90000001/" },
    { "https://jvn.jp:443/vu/JVNVU90000001/#overview", "https://jvn.jp/vu/JVNVU90000001/" },
    { "https://news.example.jp/a.html?id=3&utm_source=rss", "https://news.example.jp/a.html?id=3" },
    { "https://example.jp", "https://example.jp/" },
    { "https://example.jp:8443/x", "https://example.jp:8443/x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = mdg_feed_link_key (cases[i].link);

      g_assert_cmpstr (key, ==, cases[i].key);
    }
  g_assert_null (mdg_feed_link_key ("javascript:alert(1)"));
  g_assert_null (mdg_feed_link_key ("file:///etc/passwd"));
}

/* The server: each path a behaviour; /switch changes with the test. */

typedef enum
{
  MODE_JPCERT,
  MODE_STALL,
  MODE_HUGE_CHUNKED,
  MODE_HUGE_DECLARED,
  MODE_LOOP,
  MODE_MALFORMED,
  MODE_BOMB,
  MODE_XXE,
  MODE_HTML,
  MODE_NOT_FOUND,
} Mode;

typedef struct
{
  char        *dir;
  MdgDatabase *db;
  SoupServer  *server;
  SoupServer  *tls_server;
  GUri        *base;
  GUri        *tls_base;
  MdgFeedFetcher *fetcher;
  Mode         mode;
  guint        requests;
  guint        conditional_hits;
  GPtrArray   *paused;
  GPtrArray   *results;
  gboolean     done;
} Fixture;

#define HUGE_SIZE (50 * 1024 * 1024)
static char chunk[64 * 1024];

typedef struct
{
  gsize sent;
} Streamer;

static void
wrote_chunk_cb (SoupServerMessage *message,
                Streamer          *streamer)
{
  SoupMessageBody *body = soup_server_message_get_response_body (message);

  if (streamer->sent >= HUGE_SIZE)
    {
      soup_message_body_complete (body);
      return;
    }
  soup_message_body_append (body, SOUP_MEMORY_STATIC, chunk, sizeof chunk);
  streamer->sent += sizeof chunk;
}

static void
stream_huge (SoupServerMessage *message,
             gboolean           declared)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *body = soup_server_message_get_response_body (message);
  Streamer *streamer = g_new0 (Streamer, 1);

  memset (chunk, 'x', sizeof chunk);
  if (declared)
    soup_message_headers_set_content_length (headers, HUGE_SIZE);
  else
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "application/rss+xml", NULL);
  soup_message_body_set_accumulate (body, FALSE);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  g_object_set_data_full (G_OBJECT (message), "streamer", streamer, g_free);
  g_signal_connect (message, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), streamer);
  wrote_chunk_cb (message, streamer);
}

static void
serve_file (Fixture           *f,
            SoupServerMessage *message,
            const char        *name,
            const char        *content_type)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);
  g_autofree char *etag = g_strdup_printf ("\"%s-v1\"", name);
  const char *if_none_match = soup_message_headers_get_one (request, "If-None-Match");
  gsize length;
  char *data;

  soup_message_headers_replace (response, "ETag", etag);
  soup_message_headers_replace (response, "Last-Modified", "Thu, 11 Jan 2024 02:34:00 GMT");
  if (g_strcmp0 (if_none_match, etag) == 0 &&
      g_strcmp0 (soup_message_headers_get_one (request, "If-Modified-Since"), "Thu, 11 Jan 2024 02:34:00 GMT") == 0)
    {
      f->conditional_hits++;
      soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  data = read_fixture (name, &length);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_TAKE, data, length);
}

static void
serve_mode (Fixture           *f,
            SoupServerMessage *message,
            Mode               mode)
{
  switch (mode)
    {
    case MODE_JPCERT:
      serve_file (f, message, "jpcert.rdf", "application/rdf+xml");
      break;
    case MODE_STALL:
      /* Accept the request, then say nothing. */
      soup_server_message_pause (message);
      g_ptr_array_add (f->paused, g_object_ref (message));
      break;
    case MODE_HUGE_CHUNKED:
      stream_huge (message, FALSE);
      break;
    case MODE_HUGE_DECLARED:
      stream_huge (message, TRUE);
      break;
    case MODE_LOOP:
      soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, "/switch?again");
      break;
    case MODE_MALFORMED:
      serve_file (f, message, "malformed.rdf", "application/rdf+xml");
      break;
    case MODE_BOMB:
      serve_file (f, message, "bomb.xml", "application/rss+xml");
      break;
    case MODE_XXE:
      serve_file (f, message, "xxe.xml", "application/rss+xml");
      break;
    case MODE_HTML:
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        "<!DOCTYPE html><html><body><p>Moved<br></p></body></html>", 57);
      break;
    case MODE_NOT_FOUND:
    default:
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      break;
    }
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  static const struct { const char *path; const char *file; const char *type; } files[] = {
    { "/jpcert.rdf", "jpcert.rdf", "application/rdf+xml" },
    { "/jvn.rdf", "jvn.rdf", "application/rdf+xml" },
    { "/ipa.rdf", "ipa.rdf", "application/rdf+xml" },
    { "/eyes.atom", "eyes.atom", "application/atom+xml" },
    { "/news.rss", "news.rss", "application/rss+xml; charset=utf-8" },
  };

  f->requests++;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (g_str_equal (path, files[i].path))
      {
        serve_file (f, message, files[i].file, files[i].type);
        return;
      }
  if (g_str_equal (path, "/switch"))
    serve_mode (f, message, f->mode);
  else if (g_str_equal (path, "/moved"))
    soup_server_message_set_redirect (message, SOUP_STATUS_MOVED_PERMANENTLY, "/jvn.rdf");
  else
    serve_mode (f, message, MODE_NOT_FOUND);
}

static GUri *
listen_on (SoupServer              *server,
           SoupServerListenOptions  options)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  GUri *uri;

  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | options, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  uri = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return uri;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cert_path = fixture_path ("tls-cert.pem");
  g_autofree char *key_path = fixture_path ("tls-key.pem");

  f->db = mdg_test_open_tmp_db (&f->dir);
  /* The reference list's sources point at real servers: never fetched by a test. */
  mdg_test_exec (f->db, "UPDATE feed_source SET enabled = 0");

  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  f->base = listen_on (f->server, 0);

  /* A self-signed certificate made for these tests only: nothing should trust it. */
  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  f->tls_server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (f->tls_server, NULL, server_cb, f, NULL);
  f->tls_base = listen_on (f->tls_server, SOUP_SERVER_LISTEN_HTTPS);

  f->fetcher = mdg_feed_fetcher_new_for_session (session);
  /* Generous for a loaded machine (TLS handshakes under a sanitizer); the stalled
   * response's test makes it short. */
  mdg_feed_fetcher_set_limits (f->fetcher, 10, MDG_FEED_FETCHER_DEFAULT_MAX_BYTES, 5);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < f->paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (f->paused, i));
  g_clear_pointer (&f->paused, g_ptr_array_unref);
  g_clear_object (&f->fetcher);
  soup_server_disconnect (f->server);
  soup_server_disconnect (f->tls_server);
  g_clear_object (&f->server);
  g_clear_object (&f->tls_server);
  /* Closing connections finishes in the main loop: let it, so nothing outlives the test. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&f->base, g_uri_unref);
  g_clear_pointer (&f->tls_base, g_uri_unref);
  g_clear_pointer (&f->results, g_ptr_array_unref);
  g_clear_object (&f->db);
  mdg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gint64
add_source (Fixture    *f,
            const char *name,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = g_uri_parse_relative (f->base, path, G_URI_FLAGS_NONE, NULL);
  g_autofree char *url = g_uri_to_string (uri);
  gint64 id = mdg_feed_store_add_source (f->db, name, url, &error);

  g_assert_no_error (error);
  return id;
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  f->results = mdg_feed_fetcher_fetch_finish (MDG_FEED_FETCHER (object), result, &error);
  g_assert_no_error (error);
  f->done = TRUE;
}

/* Fetches and waits; returns the only result (one source) or NULL for several. */
static MdgFeedFetchResult *
fetch (Fixture *f,
       gint64   source_id)
{
  g_clear_pointer (&f->results, g_ptr_array_unref);
  f->done = FALSE;
  mdg_feed_fetcher_fetch_async (f->fetcher, f->db, source_id, NULL, fetched_cb, f);
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
  if (source_id == 0)
    return NULL;
  g_assert_cmpuint (f->results->len, ==, 1);
  return g_ptr_array_index (f->results, 0);
}

static guint
count_items (Fixture *f,
             gint64   source_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM feed_item WHERE source_id = %" G_GINT64_FORMAT,
                                          source_id);

  return mdg_test_count (f->db, sql);
}

static void
test_fetch_all_formats (Fixture       *f,
                        gconstpointer  data)
{
  gint64 jpcert = add_source (f, "JPCERT/CC", "/jpcert.rdf");
  gint64 jvn = add_source (f, "JVN", "/jvn.rdf");
  gint64 eyes = add_source (f, "JPCERT/CC Eyes", "/eyes.atom");
  gint64 news = add_source (f, "ニュース", "/news.rss");
  g_autoptr(MdgFeedSource) source = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(MdgFeedFilter) filter = mdg_feed_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  guint n_new = 0;

  fetch (f, 0);
  g_assert_cmpuint (f->results->len, ==, 4);
  for (guint i = 0; i < f->results->len; i++)
    {
      MdgFeedFetchResult *result = g_ptr_array_index (f->results, i);

      g_assert_no_error (result->error);
      g_assert_cmpuint (result->http_status, ==, 200);
      n_new += result->n_new;
    }
  /* The news feed's Ivanti item is JPCERT/CC's advisory again (same link, but with
   * "#top"): one item, not two, kept by whichever source was stored first. */
  g_assert_cmpuint (n_new, ==, 3 + 2 + 2 + 2);
  g_assert_cmpuint (count_items (f, jpcert) + count_items (f, news), ==, 3 + 2);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM feed_item WHERE title LIKE '%Ivanti%'"), ==, 1);
  g_assert_cmpuint (count_items (f, jvn), ==, 2);
  g_assert_cmpuint (count_items (f, eyes), ==, 2);

  /* Each source keeps its last result and its validators for the next conditional GET. */
  source = mdg_feed_store_load_source (f->db, jvn, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mdg_feed_source_get_last_status (source), ==, 200);
  g_assert_null (mdg_feed_source_get_last_error (source));
  g_assert_nonnull (mdg_feed_source_get_last_fetched_at (source));
  g_assert_cmpstr (mdg_feed_source_get_etag (source), ==, "\"jvn.rdf-v1\"");
  g_assert_cmpint (mdg_feed_source_get_format (source), ==, MDG_FEED_FORMAT_RSS1);
  g_assert_cmpuint (mdg_feed_source_get_n_unread (source), ==, 2);
  described = mdg_feed_source_describe_result (source);
  g_assert_true (g_str_has_prefix (described, "HTTP 200 · "));

  /* The reader: newest first, severity and CVE ids kept. */
  items = mdg_feed_store_list_items (f->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 9);
  g_assert_cmpstr (mdg_feed_item_get_title (g_ptr_array_index (items, 0)), ==,
                   "サンプル社製ルータにおける OS コマンドインジェクションの脆弱性");
  g_assert_cmpstr (mdg_feed_item_get_source_name (g_ptr_array_index (items, 0)), ==, "JVN");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Seen again in full (no conditional GET): never shown twice. */
  mdg_test_exec (f->db, "UPDATE feed_source SET etag = NULL, last_modified = NULL");
  fetch (f, 0);
  for (guint i = 0; i < f->results->len; i++)
    {
      MdgFeedFetchResult *result = g_ptr_array_index (f->results, i);

      g_assert_cmpuint (result->http_status, ==, 200);
      g_assert_cmpuint (result->n_new, ==, 0);
    }
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM feed_item"), ==, 9);

  filter->min_severity = MDG_SEVERITY_CRITICAL;
  items = mdg_feed_store_list_items (f->db, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (mdg_feed_item_get_cve_ids (g_ptr_array_index (items, 0))[1], ==, "CVE-2024-12345");
  g_assert_cmpfloat_with_epsilon (mdg_feed_item_get_cvss_score (g_ptr_array_index (items, 0)), 9.8, 0.001);
}

static void
test_fetch_conditional (Fixture       *f,
                        gconstpointer  data)
{
  gint64 id = add_source (f, "JPCERT/CC", "/jpcert.rdf");
  g_autoptr(MdgFeedSource) source = NULL;
  g_autoptr(GError) error = NULL;
  MdgFeedFetchResult *result;

  result = fetch (f, id);
  g_assert_no_error (result->error);
  g_assert_cmpuint (result->n_new, ==, 3);

  result = fetch (f, id);
  g_assert_no_error (result->error);
  g_assert_true (result->not_modified);
  g_assert_cmpuint (result->http_status, ==, 304);
  g_assert_cmpuint (result->n_new, ==, 0);
  g_assert_cmpuint (f->conditional_hits, ==, 1);
  g_assert_cmpuint (count_items (f, id), ==, 3);

  source = mdg_feed_store_load_source (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mdg_feed_source_get_last_status (source), ==, 304);
  /* Kept for the next time, though a 304 did not repeat them. */
  g_assert_cmpstr (mdg_feed_source_get_etag (source), ==, "\"jpcert.rdf-v1\"");
}

/* Fetches /switch once as JPCERT/CC's feed, then in @mode: the old items must stay. */
static MdgFeedFetchResult *
fetch_hostile (Fixture *f,
               Mode     mode,
               int      code)
{
  gint64 id = add_source (f, "JPCERT/CC", "/switch");
  g_autoptr(MdgFeedSource) source = NULL;
  g_autoptr(GError) error = NULL;
  MdgFeedFetchResult *result;
  gint64 start;

  f->mode = MODE_JPCERT;
  result = fetch (f, id);
  g_assert_no_error (result->error);
  g_assert_cmpuint (count_items (f, id), ==, 3);
  /* No conditional GET this time: the hostile answer must be read. */
  mdg_test_exec (f->db, "UPDATE feed_source SET etag = NULL, last_modified = NULL");

  f->mode = mode;
  start = g_get_monotonic_time ();
  result = fetch (f, id);
  g_assert_error (result->error, MDG_FEED_ERROR, code);
  g_test_message ("%s", result->error->message);
  /* Bounded: the fetcher's limits, not the server, decide how long it takes. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  g_assert_cmpuint (count_items (f, id), ==, 3);
  source = mdg_feed_store_load_source (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mdg_feed_source_get_last_error (source), ==, result->error->message);
  return result;
}

static void
test_fetch_stalled (Fixture       *f,
                    gconstpointer  data)
{
  MdgFeedFetchResult *result;

  mdg_feed_fetcher_set_limits (f->fetcher, 1, MDG_FEED_FETCHER_DEFAULT_MAX_BYTES, 5);
  result = fetch_hostile (f, MODE_STALL, MDG_FEED_ERROR_TIMEOUT);

  g_assert_nonnull (strstr (result->error->message, "127.0.0.1"));
  g_assert_cmpuint (result->http_status, ==, 0);
}

static void
test_fetch_huge (Fixture       *f,
                 gconstpointer  data)
{
  fetch_hostile (f, MODE_HUGE_CHUNKED, MDG_FEED_ERROR_TOO_LARGE);
}

static void
test_fetch_huge_declared (Fixture       *f,
                          gconstpointer  data)
{
  MdgFeedFetchResult *result = fetch_hostile (f, MODE_HUGE_DECLARED, MDG_FEED_ERROR_TOO_LARGE);

  g_assert_nonnull (strstr (result->error->message, "52.4"));
}

static void
test_fetch_redirect_loop (Fixture       *f,
                          gconstpointer  data)
{
  guint before = f->requests;
  MdgFeedFetchResult *result = fetch_hostile (f, MODE_LOOP, MDG_FEED_ERROR_REDIRECTS);

  /* The first fetch, then the request and its five redirections: no more. */
  g_assert_cmpuint (f->requests - before, ==, 1 + 1 + 5);
  g_assert_cmpuint (result->http_status, ==, 302);
}

static void
test_fetch_malformed (Fixture       *f,
                      gconstpointer  data)
{
  fetch_hostile (f, MODE_MALFORMED, MDG_FEED_ERROR_MALFORMED);
}

static void
test_fetch_bomb (Fixture       *f,
                 gconstpointer  data)
{
  fetch_hostile (f, MODE_BOMB, MDG_FEED_ERROR_UNSAFE);
}

static void
test_fetch_external_entity (Fixture       *f,
                            gconstpointer  data)
{
  fetch_hostile (f, MODE_XXE, MDG_FEED_ERROR_UNSAFE);
  /* Nothing of the file it named reached the database. */
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM feed_item WHERE title LIKE '%root:%'"
                                          " OR summary LIKE '%root:%'"), ==, 0);
}

static void
test_fetch_web_page (Fixture       *f,
                     gconstpointer  data)
{
  MdgFeedFetchResult *result = fetch_hostile (f, MODE_HTML, MDG_FEED_ERROR_NOT_A_FEED);

  g_assert_nonnull (strstr (result->error->message, "text/html"));
}

static void
test_fetch_not_found (Fixture       *f,
                      gconstpointer  data)
{
  MdgFeedFetchResult *result = fetch_hostile (f, MODE_NOT_FOUND, MDG_FEED_ERROR_HTTP);
  g_autoptr(MdgFeedSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;

  g_assert_nonnull (strstr (result->error->message, "404 Not Found"));
  source = mdg_feed_store_load_source (f->db, result->source_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mdg_feed_source_get_last_status (source), ==, 404);
  described = mdg_feed_source_describe_result (source);
  g_assert_true (g_str_has_prefix (described, "HTTP 404 · "));
  g_assert_nonnull (strstr (described, result->error->message));
}

static void
test_fetch_redirect_followed (Fixture       *f,
                              gconstpointer  data)
{
  gint64 id = add_source (f, "JVN", "/moved");
  MdgFeedFetchResult *result = fetch (f, id);

  g_assert_no_error (result->error);
  g_assert_cmpuint (result->http_status, ==, 200);
  g_assert_cmpuint (count_items (f, id), ==, 2);
}

static void
test_fetch_tls_unverified (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (f->tls_base, "/jpcert.rdf", G_URI_FLAGS_NONE, NULL);
  g_autofree char *url = g_uri_to_string (uri);
  g_autoptr(GError) error = NULL;
  gint64 id = mdg_feed_store_add_source (f->db, "Self-signed", url, &error);
  MdgFeedFetchResult *result;
  guint before = f->requests;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "https://127.0.0.1:"));
  result = fetch (f, id);
  g_assert_error (result->error, MDG_FEED_ERROR, MDG_FEED_ERROR_TLS);
  g_test_message ("%s", result->error->message);
  /* The request never reached the handler, and nothing was stored. */
  g_assert_cmpuint (f->requests, ==, before);
  g_assert_cmpuint (count_items (f, id), ==, 0);
}

static void
test_fetch_cancelled (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 id = add_source (f, "JPCERT/CC", "/switch");
  MdgFeedFetchResult *result;

  f->mode = MODE_STALL;
  f->done = FALSE;
  mdg_feed_fetcher_fetch_async (f->fetcher, f->db, id, cancellable, fetched_cb, f);
  while (f->requests == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
  result = g_ptr_array_index (f->results, 0);
  g_assert_error (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Nothing was learnt about the source: its last result is not overwritten. */
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM feed_source WHERE last_fetched_at IS NOT NULL"), ==, 0);
}

static void
scheduler_finished_cb (MdgFeedScheduler *scheduler,
                       GPtrArray        *results,
                       gpointer          user_data)
{
  guint *finished = user_data;

  g_assert_nonnull (results);
  (*finished)++;
}

static void
test_scheduler (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MdgFeedScheduler) scheduler = mdg_feed_scheduler_new (f->db, f->fetcher);
  g_autoptr(GError) error = NULL;
  guint finished = 0;

  add_source (f, "JPCERT/CC", "/jpcert.rdf");
  g_signal_connect (scheduler, "finished", G_CALLBACK (scheduler_finished_cb), &finished);

  /* By default: on demand only, and nothing at start-up without consent. */
  g_assert_cmpuint (mdg_feed_settings_get_interval (f->db), ==, 0);
  g_assert_false (mdg_feed_settings_get_fetch_at_start (f->db));
  mdg_feed_scheduler_start (scheduler);
  g_assert_false (mdg_feed_scheduler_get_busy (scheduler));
  g_assert_cmpuint (mdg_feed_scheduler_get_interval (scheduler), ==, 0);
  mdg_feed_scheduler_stop (scheduler);
  g_assert_cmpuint (f->requests, ==, 0);

  /* Asked for: fetched at start-up, then every interval. */
  mdg_feed_settings_set_fetch_at_start (f->db, TRUE, &error);
  g_assert_no_error (error);
  mdg_feed_settings_set_interval (f->db, 5, &error);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);
  mdg_feed_settings_set_interval (f->db, 60, &error);
  g_assert_no_error (error);

  mdg_feed_scheduler_start (scheduler);
  g_assert_true (mdg_feed_scheduler_get_busy (scheduler));
  g_assert_cmpuint (mdg_feed_scheduler_get_interval (scheduler), ==, 3600);
  /* A second fetch while one runs does not start. */
  g_assert_false (mdg_feed_scheduler_fetch_now (scheduler, 0));
  while (finished < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mdg_feed_scheduler_get_busy (scheduler));
  g_assert_cmpuint (f->requests, ==, 1);

  mdg_feed_scheduler_set_interval (scheduler, 1);
  while (finished < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->requests, ==, 2);
  g_assert_cmpuint (f->conditional_hits, ==, 1);
  mdg_feed_scheduler_stop (scheduler);
}

int
main (int    argc,
      char **argv)
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/feeds/parse/jpcert-rss1", test_parse_jpcert_rss1);
  g_test_add_func ("/feeds/parse/jvn-sec", test_parse_jvn_sec);
  g_test_add_func ("/feeds/parse/urgent-title", test_parse_urgent_title);
  g_test_add_func ("/feeds/parse/atom", test_parse_atom);
  g_test_add_func ("/feeds/parse/rss2", test_parse_rss2);
  g_test_add_func ("/feeds/parse/hostile", test_parse_hostile);
  g_test_add_func ("/feeds/parse/dates", test_parse_dates);
  g_test_add_func ("/feeds/parse/cve-ids", test_cve_ids);
  g_test_add_func ("/feeds/link-key", test_link_key);
  g_test_add ("/feeds/fetch/all-formats", Fixture, NULL, fixture_set_up, test_fetch_all_formats, fixture_tear_down);
  g_test_add ("/feeds/fetch/conditional", Fixture, NULL, fixture_set_up, test_fetch_conditional, fixture_tear_down);
  g_test_add ("/feeds/fetch/stalled", Fixture, NULL, fixture_set_up, test_fetch_stalled, fixture_tear_down);
  g_test_add ("/feeds/fetch/huge", Fixture, NULL, fixture_set_up, test_fetch_huge, fixture_tear_down);
  g_test_add ("/feeds/fetch/huge-declared", Fixture, NULL, fixture_set_up, test_fetch_huge_declared, fixture_tear_down);
  g_test_add ("/feeds/fetch/redirect-loop", Fixture, NULL, fixture_set_up, test_fetch_redirect_loop, fixture_tear_down);
  g_test_add ("/feeds/fetch/redirect-followed", Fixture, NULL, fixture_set_up, test_fetch_redirect_followed,
              fixture_tear_down);
  g_test_add ("/feeds/fetch/malformed", Fixture, NULL, fixture_set_up, test_fetch_malformed, fixture_tear_down);
  g_test_add ("/feeds/fetch/entity-bomb", Fixture, NULL, fixture_set_up, test_fetch_bomb, fixture_tear_down);
  g_test_add ("/feeds/fetch/external-entity", Fixture, NULL, fixture_set_up, test_fetch_external_entity,
              fixture_tear_down);
  g_test_add ("/feeds/fetch/web-page", Fixture, NULL, fixture_set_up, test_fetch_web_page, fixture_tear_down);
  g_test_add ("/feeds/fetch/not-found", Fixture, NULL, fixture_set_up, test_fetch_not_found, fixture_tear_down);
  g_test_add ("/feeds/fetch/tls-unverified", Fixture, NULL, fixture_set_up, test_fetch_tls_unverified,
              fixture_tear_down);
  g_test_add ("/feeds/fetch/cancelled", Fixture, NULL, fixture_set_up, test_fetch_cancelled, fixture_tear_down);
  g_test_add ("/feeds/scheduler", Fixture, NULL, fixture_set_up, test_scheduler, fixture_tear_down);

  return mdg_test_run ();
}
