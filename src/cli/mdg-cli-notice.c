/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-cli-private.h"
#include "mdg-notice-store.h"
#include "mdg-site-export.h"

/* madoguchi-cli notice add | list, publish site */

static int
notice_add (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autofree char *kind_arg = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *date = NULL;
  g_auto(GStrv) item_args = NULL;
  gboolean draft = FALSE;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_arg, N_("news, topic or threat"), "KIND" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The title"), "T" },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body, N_("The text (## headings, - lists, blank lines between paragraphs)"), "B" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day it is published (today unless given)"), "DATE" },
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, N_("Keep it unpublished"), NULL },
    { "item", 0, 0, G_OPTION_ARG_STRING_ARRAY, &item_args, N_("A threat item it cites; repeatable"), "ID" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgNotice) notice = mdg_notice_new ();
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GError) error = NULL;
  MdgNoticeKind kind;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || kind_arg == NULL || title == NULL)
    return _mdg_cli_usage (_("Usage: madoguchi-cli notice add --kind news|topic|threat --title T --body B"));
  if (!mdg_notice_kind_from_string (kind_arg, &kind))
    return _mdg_cli_usage (_("--kind must be news, topic or threat"));
  if (date != NULL && (draft || (day = _mdg_cli_parse_date (date)) == NULL))
    return _mdg_cli_usage (_("--date needs a day such as 2026-11-26, and no --draft"));
  if (!draft && day == NULL)
    day = g_date_time_new_now_local ();

  mdg_notice_set_kind (notice, kind);
  mdg_notice_set_title (notice, title);
  mdg_notice_set_body (notice, body);
  mdg_notice_set_publish_on (notice, day);
  for (guint i = 0; item_args && item_args[i]; i++)
    {
      gint64 id;

      if (!_mdg_cli_parse_id (item_args[i], &id))
        return _mdg_cli_usage (_("--item needs a threat item’s number (see “madoguchi-cli feed items”)"));
      g_array_append_val (mdg_notice_get_item_ids (notice), id);
    }

  if (!(db = _mdg_cli_open_database (globals, &error)) || !mdg_notice_store_save (db, notice, &error))
    return _mdg_cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", mdg_notice_get_id (notice));
  return EXIT_OK;
}

static char *
day_text (MdgNotice *notice)
{
  g_autoptr(GDateTime) day = NULL;

  if (mdg_notice_get_publish_on (notice) == NULL)
    return NULL;
  day = g_date_time_to_local (mdg_notice_get_publish_on (notice));
  return g_date_time_format (day, "%Y-%m-%d");
}

static void
add_notice_members (JsonBuilder *builder,
                    MdgNotice   *notice)
{
  g_autofree char *day = day_text (notice);
  GArray *items = mdg_notice_get_item_ids (notice);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, mdg_notice_get_id (notice));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, mdg_notice_get_uuid (notice));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, mdg_notice_kind_to_string (mdg_notice_get_kind (notice)));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, mdg_notice_get_title (notice));
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, mdg_notice_get_body (notice) ? mdg_notice_get_body (notice) : "");
  json_builder_set_member_name (builder, "publish_on");
  if (day != NULL)
    json_builder_add_string_value (builder, day);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    json_builder_add_int_value (builder, g_array_index (items, gint64, i));
  json_builder_end_array (builder);
}

static int
notice_list (Globals  *globals,
             int       argc,
             char    **argv)
{
  g_autofree char *kind_arg = NULL;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_arg, N_("news, topic or threat"), "KIND" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;
  MdgNoticeKind kind = MDG_NOTICE_KIND_ANY;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || (kind_arg != NULL && !mdg_notice_kind_from_string (kind_arg, &kind)))
    return _mdg_cli_usage (_("Usage: madoguchi-cli notice list [--kind news|topic|threat]"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(notices = mdg_notice_store_list (db, NULL, kind, NULL, &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      _mdg_cli_print_json_array (notices, (MdgJsonMembers) add_notice_members);
      return EXIT_OK;
    }
  if (notices->len == 0)
    g_print ("%s\n", _("No notices yet. Add one with “madoguchi-cli notice add”."));
  for (guint i = 0; i < notices->len; i++)
    {
      MdgNotice *notice = g_ptr_array_index (notices, i);
      g_autofree char *day = day_text (notice);

      g_print ("%5" G_GINT64_FORMAT "  %-10s  [%s]  %s\n", mdg_notice_get_id (notice), day ? day : _("draft"),
               mdg_notice_kind_get_label (mdg_notice_get_kind (notice)), mdg_notice_get_title (notice));
    }
  return EXIT_OK;
}

int
_mdg_cli_command_notice (Globals  *globals,
                         int       argc,
                         char    **argv)
{
  static const MdgCliSubcommand subcommands[] = {
    { "add", notice_add }, { "list", notice_list },
  };

  return _mdg_cli_dispatch (globals, argc, argv, subcommands, G_N_ELEMENTS (subcommands),
                            _("notice needs a subcommand: add or list"));
}

static int
publish_site (Globals  *globals,
              int       argc,
              char    **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *base_url = NULL;
  GOptionEntry entries[] = {
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The folder to write"), "FOLDER" },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url, N_("Where the portal publishes the folder"), "URL" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || output == NULL)
    return _mdg_cli_usage (_("Usage: madoguchi-cli publish site --output FOLDER [--base-url URL]"));
  if (!(db = _mdg_cli_open_database (globals, &error)) || !mdg_site_export (db, output, base_url, now, &error))
    return _mdg_cli_fail (error);

  g_print (_("Wrote the portal’s pages to %s\n"), output);
  return EXIT_OK;
}

int
_mdg_cli_command_publish (Globals  *globals,
                          int       argc,
                          char    **argv)
{
  static const MdgCliSubcommand subcommands[] = {
    { "site", publish_site },
  };

  return _mdg_cli_dispatch (globals, argc, argv, subcommands, G_N_ELEMENTS (subcommands),
                            _("publish needs a subcommand: site"));
}
