/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-cli-private.h"
#include "mdg-date.h"
#include "mdg-error.h"
#include "mdg-faq-store.h"
#include "mdg-feed-fetcher.h"
#include "mdg-feed-store.h"

/* madoguchi-cli feed list | add | remove | fetch | items | settings, topic pick | unpick | list | faq | attach */

static void
add_source_members (JsonBuilder   *builder,
                    MdgFeedSource *source)
{
  _mdg_cli_json_int (builder, "id", mdg_feed_source_get_id (source));
  _mdg_cli_json_string (builder, "key", mdg_feed_source_get_key (source));
  _mdg_cli_json_string (builder, "name", mdg_feed_source_get_name (source));
  _mdg_cli_json_string (builder, "url", mdg_feed_source_get_url (source));
  _mdg_cli_json_string (builder, "format", mdg_feed_format_to_string (mdg_feed_source_get_format (source)));
  _mdg_cli_json_bool (builder, "enabled", mdg_feed_source_get_enabled (source));
  _mdg_cli_json_id (builder, "last_status", mdg_feed_source_get_last_status (source));
  _mdg_cli_json_time (builder, "last_fetched_at", mdg_feed_source_get_last_fetched_at (source));
  _mdg_cli_json_time (builder, "last_success_at", mdg_feed_source_get_last_success_at (source));
  _mdg_cli_json_string (builder, "last_error", mdg_feed_source_get_last_error (source));
  _mdg_cli_json_int (builder, "items", mdg_feed_source_get_n_items (source));
  _mdg_cli_json_int (builder, "unread", mdg_feed_source_get_n_unread (source));
}

int
_mdg_cli_feed_list (Globals  *globals,
                    int       argc,
                    char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(sources = mdg_feed_store_list_sources (db, &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      _mdg_cli_print_json_array (sources, (MdgJsonMembers) add_source_members);
      return EXIT_OK;
    }

  for (guint i = 0; i < sources->len; i++)
    {
      MdgFeedSource *source = g_ptr_array_index (sources, i);
      g_autofree char *result = mdg_feed_source_describe_result (source);

      g_print ("%4" G_GINT64_FORMAT "  %s%s%s  %s\n      %s\n", mdg_feed_source_get_id (source),
               mdg_feed_source_get_name (source),
               mdg_feed_source_get_enabled (source) ? "" : " ",
               mdg_feed_source_get_enabled (source) ? "" : _("(off)"),
               mdg_feed_source_get_url (source), result);
    }
  return EXIT_OK;
}

int
_mdg_cli_feed_add (Globals  *globals,
                   int       argc,
                   char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      (id = mdg_feed_store_add_source (db, argv[1], argv[2], &error)) == 0)
    return _mdg_cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_OK;
}

int
_mdg_cli_feed_remove (Globals  *globals,
                      int       argc,
                      char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgFeedSource) source = NULL;
  g_autoptr(GError) error = NULL;

  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(source = mdg_feed_store_find_source (db, argv[1], &error)) ||
      !mdg_feed_store_remove_source (db, mdg_feed_source_get_id (source), &error))
    return _mdg_cli_fail (error);

  g_print (_("No longer following “%s”\n"), mdg_feed_source_get_name (source));
  return EXIT_OK;
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *results;
  GError    *error;
} FetchWait;

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FetchWait *wait = user_data;

  wait->results = mdg_feed_fetcher_fetch_finish (MDG_FEED_FETCHER (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

int
_mdg_cli_feed_fetch (Globals  *globals,
                     int       argc,
                     char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgFeedSource) source = NULL;
  g_autoptr(MdgFeedFetcher) fetcher = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  FetchWait wait = { 0 };
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  status = EXIT_OK;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      (argc == 2 && !(source = mdg_feed_store_find_source (db, argv[1], &error))))
    return _mdg_cli_fail (error);

  fetcher = mdg_feed_fetcher_new ();
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  mdg_feed_fetcher_fetch_async (fetcher, db, source ? mdg_feed_source_get_id (source) : 0, NULL, fetched_cb, &wait);
  g_main_loop_run (loop);
  if (wait.error != NULL)
    return _mdg_cli_fail (wait.error);

  for (guint i = 0; i < wait.results->len; i++)
    {
      MdgFeedFetchResult *result = g_ptr_array_index (wait.results, i);

      if (result->error != NULL)
        {
          g_printerr ("madoguchi-cli: %s: %s\n", result->source_name, result->error->message);
          status = EXIT_FAILED;
        }
      else if (result->not_modified)
        g_print (_("%s: unchanged since the last fetch\n"), result->source_name);
      else
        g_print (ngettext ("%s: %u new item (%u in the feed)\n", "%s: %u new items (%u in the feed)\n",
                           result->n_new),
                 result->source_name, result->n_new, result->n_items);
    }
  if (wait.results->len == 0)
    g_print ("%s\n", _("No feed is switched on."));
  g_ptr_array_unref (wait.results);
  return status;
}

static void
add_item_members (JsonBuilder *builder,
                  MdgFeedItem *item)
{
  const char * const *cve_ids = mdg_feed_item_get_cve_ids (item);

  _mdg_cli_json_int (builder, "id", mdg_feed_item_get_id (item));
  _mdg_cli_json_int (builder, "source_id", mdg_feed_item_get_source_id (item));
  _mdg_cli_json_string (builder, "source", mdg_feed_item_get_source_name (item));
  _mdg_cli_json_string (builder, "title", mdg_feed_item_get_title (item));
  _mdg_cli_json_string (builder, "link", mdg_feed_item_get_link (item));
  _mdg_cli_json_string (builder, "summary", mdg_feed_item_get_summary (item));
  _mdg_cli_json_time (builder, "published", mdg_feed_item_get_published_at (item));
  _mdg_cli_json_string (builder, "identifier", mdg_feed_item_get_identifier (item));
  json_builder_set_member_name (builder, "cve_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; cve_ids[i]; i++)
    json_builder_add_string_value (builder, cve_ids[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "cvss_score");
  if (mdg_feed_item_get_cvss_score (item) >= 0)
    json_builder_add_double_value (builder, mdg_feed_item_get_cvss_score (item));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "severity");
  if (mdg_feed_item_get_severity (item) != MDG_SEVERITY_UNKNOWN)
    json_builder_add_string_value (builder, mdg_severity_to_string (mdg_feed_item_get_severity (item)));
  else
    json_builder_add_null_value (builder);
  _mdg_cli_json_bool (builder, "read", mdg_feed_item_get_read (item));
  _mdg_cli_json_bool (builder, "starred", mdg_feed_item_get_starred (item));
  _mdg_cli_json_bool (builder, "picked", mdg_feed_item_get_picked (item));
}

static void
print_items (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      MdgFeedItem *item = g_ptr_array_index (items, i);
      const char * const *cve_ids = mdg_feed_item_get_cve_ids (item);
      MdgSeverity severity = mdg_feed_item_get_severity (item);
      g_autofree char *day = NULL;
      g_autofree char *cves = cve_ids[0] ? g_strjoinv (" ", (char **) cve_ids) : NULL;

      if (mdg_feed_item_get_published_at (item) != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (mdg_feed_item_get_published_at (item));

          day = g_date_time_format (local, "%Y-%m-%d");
        }
      g_print ("%6" G_GINT64_FORMAT "  %s  %s%s%s%s\n", mdg_feed_item_get_id (item), day ? day : "          ",
               severity != MDG_SEVERITY_UNKNOWN ? "[" : "",
               severity != MDG_SEVERITY_UNKNOWN ? mdg_severity_get_label (severity) : "",
               severity != MDG_SEVERITY_UNKNOWN ? "] " : "", mdg_feed_item_get_title (item));
      g_print ("        %s%s%s%s%s\n", mdg_feed_item_get_source_name (item), cves ? " · " : "", cves ? cves : "",
               mdg_feed_item_get_link (item) ? " · " : "",
               mdg_feed_item_get_link (item) ? mdg_feed_item_get_link (item) : "");
    }
}

/* Items as JSON, or as lines, or @none when there are none. */
static void
show_items (Globals    *globals,
            GPtrArray  *items,
            const char *none)
{
  if (globals->json)
    _mdg_cli_print_json_array (items, (MdgJsonMembers) add_item_members);
  else if (items->len == 0)
    g_print ("%s\n", none);
  else
    print_items (items);
}

int
_mdg_cli_feed_items (Globals  *globals,
                     int       argc,
                     char    **argv)
{
  g_autofree char *since = NULL;
  g_autofree char *source_arg = NULL;
  g_autofree char *search = NULL;
  g_autofree char *severity_arg = NULL;
  gboolean unread = FALSE;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgFeedSource) source = NULL;
  g_autoptr(MdgFeedFilter) filter = mdg_feed_filter_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "since", &since, "source", &source_arg, "search", &search,
                       "severity", &severity_arg, "unread", &unread, NULL))
    return status;
  if (since != NULL && (filter->since = _mdg_cli_parse_date (since)) == NULL)
    return _mdg_cli_usage (_("--since needs a date such as 2026-11-26"));
  /* The table lists the severities there are. */
  if (severity_arg != NULL && !mdg_severity_from_string (severity_arg, &filter->min_severity))
    g_assert_not_reached ();

  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      (source_arg != NULL && !(source = mdg_feed_store_find_source (db, source_arg, &error))))
    return _mdg_cli_fail (error);

  filter->query = g_steal_pointer (&search);
  filter->source_id = source ? mdg_feed_source_get_id (source) : 0;
  filter->state = unread ? MDG_FEED_ITEM_STATE_UNREAD : MDG_FEED_ITEM_STATE_ALL;
  if (!(items = mdg_feed_store_list_items (db, filter, &error)))
    return _mdg_cli_fail (error);

  show_items (globals, items, _("No threat information matches."));
  return EXIT_OK;
}

int
_mdg_cli_feed_settings (Globals  *globals,
                        int       argc,
                        char    **argv)
{
  int interval = -1;
  g_autofree char *at_start = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  guint minutes;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "interval", &interval, "fetch-at-start", &at_start, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      (interval >= 0 && !mdg_feed_settings_set_interval (db, interval, &error)) ||
      (at_start != NULL && !mdg_feed_settings_set_fetch_at_start (db, g_str_equal (at_start, "yes"), &error)))
    return _mdg_cli_fail (error);

  minutes = mdg_feed_settings_get_interval (db);
  if (minutes == 0)
    g_print ("%s\n", _("Feeds are fetched on demand only."));
  else
    g_print (ngettext ("Feeds are fetched every %u minute while Madoguchi runs.\n",
                       "Feeds are fetched every %u minutes while Madoguchi runs.\n", minutes), minutes);
  g_print ("%s\n", mdg_feed_settings_get_fetch_at_start (db) ? _("Feeds are fetched when Madoguchi starts.")
                                                             : _("Nothing is fetched when Madoguchi starts."));
  return EXIT_OK;
}

/* ITEM and --seminar ID, as topic pick and unpick take them. */
static int
topic_seminar (Globals  *globals,
               int       argc,
               char    **argv,
               gboolean  pick)
{
  g_autofree char *seminar_arg = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(MdgFeedItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gint64 item_id;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "seminar", &seminar_arg, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &item_id))
    return _mdg_cli_usage (_("ITEM must be a threat item’s number"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(seminar = _mdg_cli_load_seminar_arg (db, seminar_arg, &error)) ||
      !(item = mdg_feed_store_load_item (db, item_id, &error)) ||
      !(pick ? mdg_feed_store_pick_for_seminar (db, item_id, mdg_seminar_get_id (seminar), &error)
             : mdg_feed_store_unpick_for_seminar (db, item_id, mdg_seminar_get_id (seminar), &error)))
    return _mdg_cli_fail (error);

  g_print (pick ? _("“%s” is a topic of “%s”\n") : _("“%s” is no longer a topic of “%s”\n"),
           mdg_feed_item_get_title (item), mdg_seminar_get_title (seminar));
  return EXIT_OK;
}

int
_mdg_cli_topic_pick (Globals  *globals,
                     int       argc,
                     char    **argv)
{
  return topic_seminar (globals, argc, argv, TRUE);
}

int
_mdg_cli_topic_unpick (Globals  *globals,
                       int       argc,
                       char    **argv)
{
  return topic_seminar (globals, argc, argv, FALSE);
}

int
_mdg_cli_topic_list (Globals  *globals,
                     int       argc,
                     char    **argv)
{
  g_autofree char *seminar_arg = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "seminar", &seminar_arg, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(seminar = _mdg_cli_load_seminar_arg (db, seminar_arg, &error)) ||
      !(items = mdg_feed_store_list_seminar_topics (db, mdg_seminar_get_id (seminar), &error)))
    return _mdg_cli_fail (error);

  show_items (globals, items, _("No threat information was picked for this seminar."));
  return EXIT_OK;
}

int
_mdg_cli_topic_faq (Globals  *globals,
                    int       argc,
                    char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgFaqEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 item_id;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &item_id))
    return _mdg_cli_usage (_("ITEM must be a threat item’s number"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(entry = mdg_faq_store_draft_from_item (db, item_id, &error)))
    return _mdg_cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", mdg_faq_entry_get_id (entry));
  return EXIT_OK;
}

int
_mdg_cli_topic_attach (Globals  *globals,
                       int       argc,
                       char    **argv)
{
  g_autofree char *consultation = NULL;
  g_autofree char *follow_up = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 item_id, target_id;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "consultation", &consultation, "follow-up", &follow_up, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &item_id))
    return _mdg_cli_usage (_("ITEM must be a threat item’s number"));
  if (!_mdg_cli_parse_id (consultation ? consultation : follow_up, &target_id))
    return _mdg_cli_usage (consultation ? _("--consultation must be a consultation’s number")
                                        : _("--follow-up must be a follow-up’s number"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !mdg_feed_store_attach (db, item_id, consultation ? MDG_ATTACH_CONSULTATION : MDG_ATTACH_FOLLOW_UP, target_id,
                              &error))
    return _mdg_cli_fail (error);

  g_print ("%s\n", _("Attached"));
  return EXIT_OK;
}
