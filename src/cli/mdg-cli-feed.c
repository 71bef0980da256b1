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
add_optional_time (JsonBuilder *builder,
                   const char  *name,
                   GDateTime   *time)
{
  json_builder_set_member_name (builder, name);
  if (time != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (time);
      g_autofree char *text = _mdg_cli_iso8601 (local);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

static void
add_optional_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_source_members (JsonBuilder   *builder,
                    MdgFeedSource *source)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, mdg_feed_source_get_id (source));
  add_optional_string (builder, "key", mdg_feed_source_get_key (source));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, mdg_feed_source_get_name (source));
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, mdg_feed_source_get_url (source));
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, mdg_feed_format_to_string (mdg_feed_source_get_format (source)));
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, mdg_feed_source_get_enabled (source));
  json_builder_set_member_name (builder, "last_status");
  if (mdg_feed_source_get_last_status (source) > 0)
    json_builder_add_int_value (builder, mdg_feed_source_get_last_status (source));
  else
    json_builder_add_null_value (builder);
  add_optional_time (builder, "last_fetched_at", mdg_feed_source_get_last_fetched_at (source));
  add_optional_time (builder, "last_success_at", mdg_feed_source_get_last_success_at (source));
  add_optional_string (builder, "last_error", mdg_feed_source_get_last_error (source));
  json_builder_set_member_name (builder, "items");
  json_builder_add_int_value (builder, mdg_feed_source_get_n_items (source));
  json_builder_set_member_name (builder, "unread");
  json_builder_add_int_value (builder, mdg_feed_source_get_n_unread (source));
}

static int
feed_list (Globals  *globals,
           int       argc,
           char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    return _mdg_cli_usage (_("feed list takes no arguments"));
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

static int
feed_add (Globals  *globals,
          int       argc,
          char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (argc != 3)
    return _mdg_cli_usage (_("Usage: madoguchi-cli feed add NAME URL"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      (id = mdg_feed_store_add_source (db, argv[1], argv[2], &error)) == 0)
    return _mdg_cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_OK;
}

static int
feed_remove (Globals  *globals,
             int       argc,
             char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgFeedSource) source = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    return _mdg_cli_usage (_("Usage: madoguchi-cli feed remove SOURCE (its number, key or name)"));
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

static int
feed_fetch (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgFeedSource) source = NULL;
  g_autoptr(MdgFeedFetcher) fetcher = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  FetchWait wait = { 0 };
  int status = EXIT_OK;

  if (argc > 2)
    return _mdg_cli_usage (_("Usage: madoguchi-cli feed fetch [SOURCE]"));
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

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, mdg_feed_item_get_id (item));
  json_builder_set_member_name (builder, "source_id");
  json_builder_add_int_value (builder, mdg_feed_item_get_source_id (item));
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, mdg_feed_item_get_source_name (item));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, mdg_feed_item_get_title (item));
  add_optional_string (builder, "link", mdg_feed_item_get_link (item));
  add_optional_string (builder, "summary", mdg_feed_item_get_summary (item));
  add_optional_time (builder, "published", mdg_feed_item_get_published_at (item));
  add_optional_string (builder, "identifier", mdg_feed_item_get_identifier (item));
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
  json_builder_set_member_name (builder, "read");
  json_builder_add_boolean_value (builder, mdg_feed_item_get_read (item));
  json_builder_set_member_name (builder, "starred");
  json_builder_add_boolean_value (builder, mdg_feed_item_get_starred (item));
  json_builder_set_member_name (builder, "picked");
  json_builder_add_boolean_value (builder, mdg_feed_item_get_picked (item));
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

static int
feed_items (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autofree char *since = NULL;
  g_autofree char *source_arg = NULL;
  g_autofree char *search = NULL;
  g_autofree char *severity_arg = NULL;
  gboolean unread = FALSE;
  GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Only items published on or after this day"), "DATE" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_arg, N_("Only the items of one feed"), "SOURCE" },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only items with all these words"), "WORDS" },
    { "severity", 0, 0, G_OPTION_ARG_STRING, &severity_arg, N_("Only items at least this severe: low, medium, high or critical"), "LEVEL" },
    { "unread", 0, 0, G_OPTION_ARG_NONE, &unread, N_("Only unread items"), NULL },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgFeedSource) source = NULL;
  g_autoptr(MdgFeedFilter) filter = mdg_feed_filter_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return _mdg_cli_usage (_("Usage: madoguchi-cli feed items [--since DATE] [--source SOURCE] [--search WORDS] [--unread]"));
  if (since != NULL && (filter->since = _mdg_cli_parse_date (since)) == NULL)
    return _mdg_cli_usage (_("--since needs a date such as 2026-11-26"));
  if (severity_arg != NULL && (!mdg_severity_from_string (severity_arg, &filter->min_severity) ||
                               filter->min_severity == MDG_SEVERITY_UNKNOWN))
    return _mdg_cli_usage (_("--severity must be low, medium, high or critical"));

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

static int
feed_settings (Globals  *globals,
               int       argc,
               char    **argv)
{
  int interval = -1;
  g_autofree char *at_start = NULL;
  GOptionEntry entries[] = {
    { "interval", 0, 0, G_OPTION_ARG_INT, &interval, N_("Minutes between fetches (15 or more); 0 for on demand only"), "MINUTES" },
    { "fetch-at-start", 0, 0, G_OPTION_ARG_STRING, &at_start, N_("Whether to fetch when Madoguchi starts: yes or no"), "yes|no" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  guint minutes;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return _mdg_cli_usage (_("Usage: madoguchi-cli feed settings [--interval MINUTES] [--fetch-at-start yes|no]"));
  if (at_start != NULL && !g_str_equal (at_start, "yes") && !g_str_equal (at_start, "no"))
    return _mdg_cli_usage (_("--fetch-at-start must be yes or no"));
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

int
_mdg_cli_command_feed (Globals  *globals,
                       int       argc,
                       char    **argv)
{
  static const MdgCliSubcommand subcommands[] = {
    { "list", feed_list }, { "add", feed_add }, { "remove", feed_remove }, { "fetch", feed_fetch },
    { "items", feed_items }, { "settings", feed_settings },
  };

  return _mdg_cli_dispatch (globals, argc, argv, subcommands, G_N_ELEMENTS (subcommands),
                            _("feed needs a subcommand: list, add, remove, fetch, items or settings"));
}

/* ITEM and --seminar ID, as topic pick and unpick take them. */
static int
topic_seminar (Globals  *globals,
               int       argc,
               char    **argv,
               gboolean  pick)
{
  g_autofree char *seminar_arg = NULL;
  GOptionEntry entries[] = {
    { "seminar", 0, 0, G_OPTION_ARG_STRING, &seminar_arg, N_("The seminar"), "ID" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(MdgFeedItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gint64 item_id;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || seminar_arg == NULL || !_mdg_cli_parse_id (argv[1], &item_id))
    return _mdg_cli_usage (pick ? _("Usage: madoguchi-cli topic pick ITEM --seminar ID")
                                : _("Usage: madoguchi-cli topic unpick ITEM --seminar ID"));
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

static int
topic_pick (Globals  *globals,
            int       argc,
            char    **argv)
{
  return topic_seminar (globals, argc, argv, TRUE);
}

static int
topic_unpick (Globals  *globals,
              int       argc,
              char    **argv)
{
  return topic_seminar (globals, argc, argv, FALSE);
}

static int
topic_list (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autofree char *seminar_arg = NULL;
  GOptionEntry entries[] = {
    { "seminar", 0, 0, G_OPTION_ARG_STRING, &seminar_arg, N_("The seminar"), "ID" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || seminar_arg == NULL)
    return _mdg_cli_usage (_("Usage: madoguchi-cli topic list --seminar ID"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(seminar = _mdg_cli_load_seminar_arg (db, seminar_arg, &error)) ||
      !(items = mdg_feed_store_list_seminar_topics (db, mdg_seminar_get_id (seminar), &error)))
    return _mdg_cli_fail (error);

  show_items (globals, items, _("No threat information was picked for this seminar."));
  return EXIT_OK;
}

static int
topic_faq (Globals  *globals,
           int       argc,
           char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgFaqEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 item_id;

  if (argc != 2 || !_mdg_cli_parse_id (argv[1], &item_id))
    return _mdg_cli_usage (_("Usage: madoguchi-cli topic faq ITEM"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(entry = mdg_faq_store_draft_from_item (db, item_id, &error)))
    return _mdg_cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", mdg_faq_entry_get_id (entry));
  return EXIT_OK;
}

static int
topic_attach (Globals  *globals,
              int       argc,
              char    **argv)
{
  g_autofree char *consultation = NULL;
  g_autofree char *follow_up = NULL;
  GOptionEntry entries[] = {
    { "consultation", 0, 0, G_OPTION_ARG_STRING, &consultation, N_("The consultation"), "ID" },
    { "follow-up", 0, 0, G_OPTION_ARG_STRING, &follow_up, N_("The follow-up (advice)"), "ID" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 item_id, target_id;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !_mdg_cli_parse_id (argv[1], &item_id) || (consultation == NULL) == (follow_up == NULL) ||
      !_mdg_cli_parse_id (consultation ? consultation : follow_up, &target_id))
    return _mdg_cli_usage (_("Usage: madoguchi-cli topic attach ITEM --consultation ID | --follow-up ID"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !mdg_feed_store_attach (db, item_id, consultation ? MDG_ATTACH_CONSULTATION : MDG_ATTACH_FOLLOW_UP, target_id,
                              &error))
    return _mdg_cli_fail (error);

  g_print ("%s\n", _("Attached"));
  return EXIT_OK;
}

int
_mdg_cli_command_topic (Globals  *globals,
                        int       argc,
                        char    **argv)
{
  static const MdgCliSubcommand subcommands[] = {
    { "pick", topic_pick }, { "unpick", topic_unpick }, { "list", topic_list }, { "faq", topic_faq },
    { "attach", topic_attach },
  };

  return _mdg_cli_dispatch (globals, argc, argv, subcommands, G_N_ELEMENTS (subcommands),
                            _("topic needs a subcommand: pick, unpick, list, faq or attach"));
}
