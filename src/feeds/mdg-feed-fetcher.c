/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-feed-fetcher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-feed-fetcher.h"
#include "mdg-feed-store.h"
#include "mdg-util-private.h"

/*
 * Fetches feed sources with libsoup's asynchronous API: every source at once, each with
 * a conditional GET (ETag / Last-Modified), redirections followed by hand so that they
 * are capped and never leave the web or drop from https to http, TLS certificates
 * verified (libsoup's default; nothing here accepts a bad one), an I/O timeout, an
 * overall deadline, and a cap on the bytes read. Parsing and storing run in a worker
 * thread on a database connection of its own, so the main loop only moves bytes.
 *
 * Whatever happens, each source gets its result recorded (status, time, error in
 * words) and a failure never touches its items.
 */

#define READ_CHUNK (64 * 1024)

/*
 * libsoup comes with Kerberos, nghttp2, libpsl and their kin: thirteen libraries that
 * every start of the window would load and relocate, before its first frame, for the
 * feeds alone. It is loaded (by its soname, from the headers' declarations) when the
 * first fetcher is made.
 */
static struct
{
  __typeof__ (soup_session_new_with_options) *session_new_with_options;
  __typeof__ (soup_session_get_type) *session_get_type;
  __typeof__ (soup_session_send_async) *session_send_async;
  __typeof__ (soup_session_send_finish) *session_send_finish;
  __typeof__ (soup_message_new_from_uri) *message_new_from_uri;
  __typeof__ (soup_message_add_flags) *message_add_flags;
  __typeof__ (soup_message_get_request_headers) *message_get_request_headers;
  __typeof__ (soup_message_get_response_headers) *message_get_response_headers;
  __typeof__ (soup_message_get_status) *message_get_status;
  __typeof__ (soup_message_get_reason_phrase) *message_get_reason_phrase;
  __typeof__ (soup_status_get_phrase) *status_get_phrase;
  __typeof__ (soup_message_headers_get_one) *message_headers_get_one;
  __typeof__ (soup_message_headers_replace) *message_headers_replace;
  __typeof__ (soup_message_headers_get_encoding) *message_headers_get_encoding;
  __typeof__ (soup_message_headers_get_content_length) *message_headers_get_content_length;
  __typeof__ (soup_message_headers_get_content_type) *message_headers_get_content_type;
} soup;

static const MdgLibrarySymbol soup_symbols[] = {
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", session_new_with_options),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", session_get_type),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", session_send_async),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", session_send_finish),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", message_new_from_uri),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", message_add_flags),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", message_get_request_headers),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", message_get_response_headers),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", message_get_status),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", message_get_reason_phrase),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", status_get_phrase),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", message_headers_get_one),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", message_headers_replace),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", message_headers_get_encoding),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", message_headers_get_content_length),
  MDG_LIBRARY_SYMBOL (__typeof__ (soup), "soup_", message_headers_get_content_type),
};

static MdgLibrary soup_library = MDG_LIBRARY_INIT (MDG_LIBSOUP_SONAME, soup_symbols, &soup, NULL);

/* Returns: (nullable): what went wrong, for the message; %NULL once libsoup is loaded */
static const char *
ensure_soup (void)
{
  return _mdg_library_ensure (&soup_library);
}

G_DEFINE_BOXED_TYPE (MdgFeedFetchResult, mdg_feed_fetch_result, mdg_feed_fetch_result_ref,
                     mdg_feed_fetch_result_unref)

MdgFeedFetchResult *
mdg_feed_fetch_result_ref (MdgFeedFetchResult *result)
{
  return g_atomic_rc_box_acquire (result);
}

static void
fetch_result_clear (gpointer data)
{
  MdgFeedFetchResult *result = data;

  g_free (result->source_name);
  g_free (result->url);
  g_clear_error (&result->error);
}

void
mdg_feed_fetch_result_unref (MdgFeedFetchResult *result)
{
  g_atomic_rc_box_release_full (result, fetch_result_clear);
}

struct _MdgFeedFetcher
{
  GObject      parent_instance;

  SoupSession *session;
  guint        timeout;
  gsize        max_bytes;
  guint        max_redirects;
};

G_DEFINE_FINAL_TYPE (MdgFeedFetcher, mdg_feed_fetcher, G_TYPE_OBJECT)

enum {
  SOURCE_FETCHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One call of mdg_feed_fetcher_fetch_async(). */
typedef struct
{
  char         *db_path;
  gint64        source_id;
  GPtrArray    *results;
  guint         pending;
  GCancellable *cancellable;
} Job;

/* One source of a job, from its request to its recorded result. */
typedef struct
{
  GTask              *task;          /* the job's */
  MdgFeedSource      *source;
  GUri               *uri;
  SoupMessage        *message;
  GInputStream       *stream;
  GByteArray         *body;
  GCancellable       *cancellable;   /* cancelled by the deadline or the job's */
  gulong              job_cancelled_id;
  guint               deadline_id;
  guint               redirects;
  gboolean            timed_out;
  MdgFeedFetchResult *result;
  char               *etag;
  char               *last_modified;
  char               *content_type;
} SourceFetch;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_clear_pointer (&job->results, g_ptr_array_unref);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static void
source_fetch_free (SourceFetch *fetch)
{
  Job *job = g_task_get_task_data (fetch->task);

  g_clear_handle_id (&fetch->deadline_id, g_source_remove);
  if (fetch->job_cancelled_id != 0)
    g_cancellable_disconnect (job->cancellable, fetch->job_cancelled_id);
  g_clear_object (&fetch->task);
  g_clear_object (&fetch->source);
  g_clear_pointer (&fetch->uri, g_uri_unref);
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  g_clear_object (&fetch->cancellable);
  g_clear_pointer (&fetch->result, mdg_feed_fetch_result_unref);
  g_free (fetch->etag);
  g_free (fetch->last_modified);
  g_free (fetch->content_type);
  g_free (fetch);
}

static void
mdg_feed_fetcher_dispose (GObject *object)
{
  MdgFeedFetcher *self = (MdgFeedFetcher *) object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (mdg_feed_fetcher_parent_class)->dispose (object);
}

static void
mdg_feed_fetcher_class_init (MdgFeedFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mdg_feed_fetcher_dispose;

  /**
   * MdgFeedFetcher::source-fetched:
   * @result: what fetching one source gave
   *
   * Emitted as each source's result is recorded, for progress.
   */
  signals[SOURCE_FETCHED] =
    g_signal_new ("source-fetched", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MDG_TYPE_FEED_FETCH_RESULT);
}

static void
mdg_feed_fetcher_init (MdgFeedFetcher *self)
{
  self->timeout = MDG_FEED_FETCHER_DEFAULT_TIMEOUT;
  self->max_bytes = MDG_FEED_FETCHER_DEFAULT_MAX_BYTES;
  self->max_redirects = MDG_FEED_FETCHER_DEFAULT_REDIRECTS;
}

/**
 * mdg_feed_fetcher_new:
 *
 * A fetcher with its own session: the system's proxy settings, TLS certificates
 * checked against the system's authorities.
 *
 * Returns: (transfer full): the fetcher
 */
MdgFeedFetcher *
mdg_feed_fetcher_new (void)
{
  g_autoptr(SoupSession) session = NULL;

  /* Without libsoup the fetcher has no session, and each fetch says why. */
  if (ensure_soup () != NULL)
    return g_object_new (MDG_TYPE_FEED_FETCHER, NULL);
  session = soup.session_new_with_options ("user-agent", "Madoguchi/" PACKAGE_VERSION " ", "max-conns-per-host", 2,
                                           NULL);
  return mdg_feed_fetcher_new_for_session (session);
}

/* Returns: (transfer full): a fetcher on @session (tests give one without a proxy) */
MdgFeedFetcher *
mdg_feed_fetcher_new_for_session (SoupSession *session)
{
  MdgFeedFetcher *self;
  /* A caller with a session has libsoup loaded; the table still has to be filled. */
  gboolean loaded = ensure_soup () == NULL;

  g_return_val_if_fail (loaded, NULL);
  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (session, soup.session_get_type ()), NULL);

  self = g_object_new (MDG_TYPE_FEED_FETCHER, NULL);
  self->session = g_object_ref (session);
  return self;
}

/* Returns: (transfer none) (nullable): the session; %NULL without libsoup */
SoupSession *
mdg_feed_fetcher_get_session (MdgFeedFetcher *self)
{
  g_return_val_if_fail (MDG_IS_FEED_FETCHER (self), NULL);
  return self->session;
}

/**
 * mdg_feed_fetcher_set_limits:
 * @self: a #MdgFeedFetcher
 * @timeout_seconds: how long a server may stay silent; a response also has four times
 *   this in all
 * @max_bytes: the most one response may hold, decoded
 * @max_redirects: how many redirections are followed
 */
void
mdg_feed_fetcher_set_limits (MdgFeedFetcher *self,
                             guint           timeout_seconds,
                             gsize           max_bytes,
                             guint           max_redirects)
{
  g_return_if_fail (MDG_IS_FEED_FETCHER (self));
  g_return_if_fail (timeout_seconds > 0 && max_bytes > 0);

  self->timeout = timeout_seconds;
  self->max_bytes = max_bytes;
  self->max_redirects = max_redirects;
}

static const char *
host_of (SourceFetch *fetch)
{
  return g_uri_get_host (fetch->uri) ? g_uri_get_host (fetch->uri) : "?";
}

/* A libsoup or GIO error in words a desk coordinator understands. */
static GError *
explain_error (SourceFetch  *fetch,
               const GError *error)
{
  MdgFeedFetcher *self = g_task_get_source_object (fetch->task);

  if (fetch->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (MDG_FEED_ERROR, MDG_FEED_ERROR_TIMEOUT,
                        ngettext ("%s did not answer within %u second; try again later",
                                  "%s did not answer within %u seconds; try again later", self->timeout),
                        host_of (fetch), self->timeout);
  if (error->domain == G_TLS_ERROR)
    return g_error_new (MDG_FEED_ERROR, MDG_FEED_ERROR_TLS,
                        _("The secure connection to %s could not be verified, so nothing was read: %s"),
                        host_of (fetch), error->message);
  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (MDG_FEED_ERROR, MDG_FEED_ERROR_NETWORK,
                        _("Could not find the server %s: is this computer on the network?"), host_of (fetch));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (MDG_FEED_ERROR, MDG_FEED_ERROR_NETWORK, _("%s refused the connection"), host_of (fetch));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    return g_error_new (MDG_FEED_ERROR, MDG_FEED_ERROR_NETWORK,
                        _("%s cannot be reached: is this computer on the network?"), host_of (fetch));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Fetching was cancelled"));
  return g_error_new (MDG_FEED_ERROR, MDG_FEED_ERROR_NETWORK, _("Could not fetch from %s: %s"), host_of (fetch),
                      error->message);
}

typedef struct
{
  char               *db_path;
  gint64              source_id;
  char               *url;
  GBytes             *body;
  char               *content_type;
  guint               http_status;
  char               *etag;
  char               *last_modified;
  GError             *error;       /* the fetch's own failure, if any */
  guint               n_items;
  guint               n_new;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_free (data->db_path);
  g_free (data->url);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data->content_type);
  g_free (data->etag);
  g_free (data->last_modified);
  g_clear_error (&data->error);
  g_free (data);
}

static gboolean
looks_like_web_page (const char *content_type)
{
  return content_type != NULL && (g_str_has_prefix (content_type, "text/html") ||
                                  g_str_has_prefix (content_type, "application/xhtml"));
}

/* Worker: parse the body, then record the result and merge the items in one transaction. */
static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StoreData *data = task_data;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) parse_error = NULL;
  GError *error = NULL;
  MdgFeedFetchRecord record = { 0 };
  MdgFeedFormat format = MDG_FEED_FORMAT_RSS2;

  if (data->error == NULL && data->body != NULL)
    {
      gsize length;
      const char *bytes = g_bytes_get_data (data->body, &length);

      entries = mdg_feed_parse (bytes, length, data->url, &format, &parse_error);
      if (entries == NULL && looks_like_web_page (data->content_type) &&
          !g_error_matches (parse_error, MDG_FEED_ERROR, MDG_FEED_ERROR_UNSAFE))
        {
          g_clear_error (&parse_error);
          g_set_error (&parse_error, MDG_FEED_ERROR, MDG_FEED_ERROR_NOT_A_FEED,
                       _("The server sent a web page (%s), not a feed: check the feed’s address"),
                       data->content_type);
        }
      if (entries == NULL)
        data->error = g_steal_pointer (&parse_error);
      else
        {
          data->n_items = entries->len;
          record.has_format = TRUE;
          record.format = format;
        }
    }

  record.http_status = data->http_status;
  record.etag = data->etag;
  record.last_modified = data->last_modified;
  record.error_message = data->error ? data->error->message : NULL;

  db = _mdg_database_open_file (data->db_path, &error);
  if (db == NULL || !mdg_feed_store_record_fetch (db, data->source_id, &record, entries, &data->n_new, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void finish_source (SourceFetch *fetch);

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SourceFetch *fetch = user_data;
  StoreData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* Failing to record is worse than what was recorded: it is what the user sees. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_clear_error (&fetch->result->error);
      fetch->result->error = g_steal_pointer (&error);
    }
  else
    {
      if (data->error != NULL && fetch->result->error == NULL)
        fetch->result->error = g_error_copy (data->error);
      fetch->result->n_items = data->n_items;
      fetch->result->n_new = data->n_new;
    }
  finish_source (fetch);
}

/* Records what the source gave, in a worker; @error may be NULL (success). */
static void
record_source (SourceFetch *fetch,
               GBytes      *body,
               GError      *error)
{
  Job *job = g_task_get_task_data (fetch->task);
  g_autoptr(GTask) store = NULL;
  StoreData *data;

  g_clear_handle_id (&fetch->deadline_id, g_source_remove);

  /* Cancelled by the user: nothing was learnt about the source, so its last result stays. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fetch->result->error = error;
      finish_source (fetch);
      return;
    }

  store = g_task_new (NULL, NULL, stored_cb, fetch);
  data = g_new0 (StoreData, 1);

  data->db_path = g_strdup (job->db_path);
  data->source_id = mdg_feed_source_get_id (fetch->source);
  data->url = g_uri_to_string (fetch->uri);
  data->body = body ? g_bytes_ref (body) : NULL;
  data->content_type = g_strdup (fetch->content_type);
  data->http_status = fetch->result->http_status;
  data->etag = g_strdup (fetch->etag);
  data->last_modified = g_strdup (fetch->last_modified);
  data->error = error;
  if (error != NULL)
    fetch->result->error = g_error_copy (error);

  g_task_set_source_tag (store, record_source);
  g_task_set_task_data (store, data, (GDestroyNotify) store_data_free);
  g_task_run_in_thread (store, store_thread);
}

static void
finish_source (SourceFetch *fetch)
{
  MdgFeedFetcher *self = g_task_get_source_object (fetch->task);
  Job *job = g_task_get_task_data (fetch->task);

  g_ptr_array_add (job->results, mdg_feed_fetch_result_ref (fetch->result));
  g_signal_emit (self, signals[SOURCE_FETCHED], 0, fetch->result);

  if (--job->pending == 0)
    g_task_return_pointer (fetch->task, g_ptr_array_ref (job->results), (GDestroyNotify) g_ptr_array_unref);
  source_fetch_free (fetch);
}

static void send_request (SourceFetch *fetch);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SourceFetch *fetch = user_data;
  MdgFeedFetcher *self = g_task_get_source_object (fetch->task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      record_source (fetch, NULL, explain_error (fetch, error));
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body));

      g_input_stream_close_async (fetch->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      record_source (fetch, body, NULL);
      return;
    }

  if (fetch->body->len + g_bytes_get_size (chunk) > self->max_bytes)
    {
      g_autofree char *cap = g_format_size (self->max_bytes);

      g_cancellable_cancel (fetch->cancellable);
      record_source (fetch, NULL,
                     g_error_new (MDG_FEED_ERROR, MDG_FEED_ERROR_TOO_LARGE,
                                  _("%s sent more than %s; a feed is never that large, so it was not read"),
                                  host_of (fetch), cap));
      return;
    }

  g_byte_array_append (fetch->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT, fetch->cancellable, read_cb, fetch);
}

static gboolean
is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/* Follows one redirection, or says why not. */
static GError *
follow_redirect (SourceFetch *fetch)
{
  MdgFeedFetcher *self = g_task_get_source_object (fetch->task);
  const char *location = soup.message_headers_get_one (soup.message_get_response_headers (fetch->message),
                                                       "Location");
  g_autoptr(GUri) next = NULL;
  const char *scheme;

  if (location == NULL)
    return g_error_new (MDG_FEED_ERROR, MDG_FEED_ERROR_REDIRECTS,
                        _("%s redirected without saying where to"), host_of (fetch));
  if (++fetch->redirects > self->max_redirects)
    return g_error_new (MDG_FEED_ERROR, MDG_FEED_ERROR_REDIRECTS,
                        _("%s redirected more than %u times (a redirection loop?); check the feed’s address"),
                        host_of (fetch), self->max_redirects);

  next = g_uri_parse_relative (fetch->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = next ? g_uri_get_scheme (next) : NULL;
  if (next == NULL || (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    return g_error_new (MDG_FEED_ERROR, MDG_FEED_ERROR_REDIRECTS,
                        _("%s redirected to “%s”, which is not a web address"), host_of (fetch), location);
  if (g_str_equal (g_uri_get_scheme (fetch->uri), "https") && g_str_equal (scheme, "http"))
    return g_error_new (MDG_FEED_ERROR, MDG_FEED_ERROR_REDIRECTS,
                        _("%s redirected from a secure (https) address to an insecure one, which was not followed"),
                        host_of (fetch));

  g_uri_unref (fetch->uri);
  fetch->uri = g_steal_pointer (&next);
  return NULL;
}

static char *
describe_status (SoupMessage *message)
{
  const char *reason = soup.message_get_reason_phrase (message);
  guint status = soup.message_get_status (message);

  return g_strdup_printf ("%u %s", status, reason && *reason ? reason : soup.status_get_phrase (status));
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SourceFetch *fetch = user_data;
  MdgFeedFetcher *self = g_task_get_source_object (fetch->task);
  SoupMessageHeaders *headers;
  g_autoptr(GError) error = NULL;
  guint status;

  fetch->stream = soup.session_send_finish ((SoupSession *) object, result, &error);
  if (fetch->stream == NULL)
    {
      record_source (fetch, NULL, explain_error (fetch, error));
      return;
    }

  status = soup.message_get_status (fetch->message);
  headers = soup.message_get_response_headers (fetch->message);
  fetch->result->http_status = status;

  if (is_redirect (status))
    {
      GError *redirect_error;

      g_input_stream_close_async (fetch->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_clear_object (&fetch->stream);
      redirect_error = follow_redirect (fetch);
      if (redirect_error != NULL)
        record_source (fetch, NULL, redirect_error);
      else
        send_request (fetch);
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      fetch->result->not_modified = TRUE;
      fetch->etag = g_strdup (soup.message_headers_get_one (headers, "ETag"));
      fetch->last_modified = g_strdup (soup.message_headers_get_one (headers, "Last-Modified"));
      g_input_stream_close_async (fetch->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      record_source (fetch, NULL, NULL);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *described = describe_status (fetch->message);

      g_input_stream_close_async (fetch->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      record_source (fetch, NULL,
                     g_error_new (MDG_FEED_ERROR, MDG_FEED_ERROR_HTTP,
                                  status == 404 || status == 410
                                    ? _("%s answered %s: the feed is no longer there; check its address")
                                    : _("%s answered %s; try again later"),
                                  host_of (fetch), described));
      return;
    }

  /* A declared length over the cap needs no reading at all. */
  if (soup.message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup.message_headers_get_content_length (headers) > (goffset) self->max_bytes)
    {
      g_autofree char *size = g_format_size (soup.message_headers_get_content_length (headers));
      g_autofree char *cap = g_format_size (self->max_bytes);

      g_cancellable_cancel (fetch->cancellable);
      record_source (fetch, NULL,
                     g_error_new (MDG_FEED_ERROR, MDG_FEED_ERROR_TOO_LARGE,
                                  _("%s would send %s, more than the %s a feed may have, so it was not read"),
                                  host_of (fetch), size, cap));
      return;
    }

  fetch->etag = g_strdup (soup.message_headers_get_one (headers, "ETag"));
  fetch->last_modified = g_strdup (soup.message_headers_get_one (headers, "Last-Modified"));
  fetch->content_type = g_strdup (soup.message_headers_get_content_type (headers, NULL));
  fetch->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT, fetch->cancellable, read_cb, fetch);
}

static void
send_request (SourceFetch *fetch)
{
  MdgFeedFetcher *self = g_task_get_source_object (fetch->task);
  SoupMessageHeaders *headers;
  const char *etag = mdg_feed_source_get_etag (fetch->source);
  const char *last_modified = mdg_feed_source_get_last_modified (fetch->source);

  g_clear_object (&fetch->message);
  fetch->message = soup.message_new_from_uri ("GET", fetch->uri);
  soup.message_add_flags (fetch->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup.message_get_request_headers (fetch->message);
  soup.message_headers_replace (headers, "Accept",
                                "application/rss+xml, application/rdf+xml, application/atom+xml,"
                                " application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1");
  if (etag != NULL)
    soup.message_headers_replace (headers, "If-None-Match", etag);
  if (last_modified != NULL)
    soup.message_headers_replace (headers, "If-Modified-Since", last_modified);

  g_object_set (self->session, "timeout", self->timeout, NULL);
  soup.session_send_async (self->session, fetch->message, G_PRIORITY_DEFAULT, fetch->cancellable, sent_cb, fetch);
}

static gboolean
deadline_cb (gpointer user_data)
{
  SourceFetch *fetch = user_data;

  fetch->deadline_id = 0;
  fetch->timed_out = TRUE;
  g_cancellable_cancel (fetch->cancellable);
  return G_SOURCE_REMOVE;
}

static void
job_cancelled_cb (GCancellable *cancellable,
                  GCancellable *source_cancellable)
{
  g_cancellable_cancel (source_cancellable);
}

static void
start_source (GTask         *task,
              MdgFeedSource *source)
{
  MdgFeedFetcher *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  SourceFetch *fetch = g_new0 (SourceFetch, 1);
  g_autoptr(GError) error = NULL;

  fetch->task = g_object_ref (task);
  fetch->source = g_object_ref (source);
  fetch->cancellable = g_cancellable_new ();
  fetch->result = g_atomic_rc_box_new0 (MdgFeedFetchResult);
  fetch->result->source_id = mdg_feed_source_get_id (source);
  fetch->result->source_name = g_strdup (mdg_feed_source_get_name (source));
  fetch->result->url = g_strdup (mdg_feed_source_get_url (source));
  if (job->cancellable != NULL)
    fetch->job_cancelled_id = g_cancellable_connect (job->cancellable, G_CALLBACK (job_cancelled_cb),
                                                     g_object_ref (fetch->cancellable), g_object_unref);

  fetch->uri = g_uri_parse (mdg_feed_source_get_url (source), SOUP_HTTP_URI_FLAGS, &error);
  if (fetch->uri == NULL)
    {
      fetch->uri = g_uri_parse ("https://invalid/", SOUP_HTTP_URI_FLAGS, NULL);
      record_source (fetch, NULL,
                     g_error_new (MDG_FEED_ERROR, MDG_FEED_ERROR_NETWORK, _("“%s” is not a web address"),
                                  mdg_feed_source_get_url (source)));
      return;
    }

  /* The I/O timeout catches a silent server; this catches one that drips. */
  fetch->deadline_id = g_timeout_add_seconds (self->timeout * 4, deadline_cb, fetch);
  send_request (fetch);
}

static void
sources_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  GError *error = NULL;

  sources = mdg_feed_store_list_sources_finish (MDG_DATABASE (object), result, &error);
  if (sources == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < sources->len; i++)
    {
      MdgFeedSource *source = g_ptr_array_index (sources, i);

      if (job->source_id != 0 ? mdg_feed_source_get_id (source) == job->source_id
                              : mdg_feed_source_get_enabled (source))
        g_ptr_array_add (chosen, source);
    }

  if (chosen->len == 0)
    {
      if (job->source_id != 0)
        g_task_return_new_error (task, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no feed source %lld"),
                                 (long long) job->source_id);
      else
        g_task_return_pointer (task, g_ptr_array_ref (job->results), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  job->pending = chosen->len;
  for (guint i = 0; i < chosen->len; i++)
    start_source (task, g_ptr_array_index (chosen, i));
}

/**
 * mdg_feed_fetcher_fetch_async:
 * @self: a #MdgFeedFetcher
 * @db: the database (a worker uses its own connection to the same file)
 * @source_id: one source, or 0 for every enabled source
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every source has its result recorded
 * @user_data: data for @callback
 *
 * Fetches sources at once. Only the user's action or setting calls this: nothing
 * fetches by itself.
 */
void
mdg_feed_fetcher_fetch_async (MdgFeedFetcher      *self,
                              MdgDatabase         *db,
                              gint64               source_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (MDG_IS_FEED_FETCHER (self));
  g_return_if_fail (MDG_IS_DATABASE (db));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_feed_fetcher_fetch_async);
  /* Each source ends with a result of its own; the job itself is not cut short. */
  g_task_set_check_cancellable (task, FALSE);

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (mdg_database_get_path (db));
  job->source_id = source_id;
  job->results = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_feed_fetch_result_unref);
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  if (self->session == NULL)
    {
      g_task_return_new_error (task, MDG_FEED_ERROR, MDG_FEED_ERROR_NETWORK,
                               _("No feed can be fetched: the network library libsoup could not be loaded (%s). "
                                 "Reinstall Madoguchi."),
                               ensure_soup ());
      return;
    }
  mdg_feed_store_list_sources_async (db, NULL, sources_read_cb, g_steal_pointer (&task));
}

/**
 * mdg_feed_fetcher_fetch_finish:
 * @self: a #MdgFeedFetcher
 * @result: the result given to the callback
 * @error: a location for a #GError; set only when nothing could be fetched at all
 *
 * Returns: (transfer container) (element-type MdgFeedFetchResult): one result per source,
 *   in the order they finished; each says whether it failed and why
 */
GPtrArray *
mdg_feed_fetcher_fetch_finish (MdgFeedFetcher  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mdg_feed_fetcher_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
