/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-cli-private.h"
#include "mdg-notice-store.h"
#include "mdg-site-export.h"

/* madoguchi-cli notice add | list, publish site */

int
_mdg_cli_notice_add (Globals  *globals,
                     int       argc,
                     char    **argv)
{
  g_autofree char *kind_arg = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *date = NULL;
  g_auto(GStrv) item_args = NULL;
  gboolean draft = FALSE;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgNotice) notice = mdg_notice_new ();
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GError) error = NULL;
  MdgNoticeKind kind;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "kind", &kind_arg, "title", &title, "body", &body, "date", &date,
                       "draft", &draft, "item", &item_args, NULL))
    return status;
  /* The table lists the kinds there are. */
  if (!mdg_notice_kind_from_string (kind_arg, &kind))
    g_assert_not_reached ();
  if (date != NULL && (day = _mdg_cli_parse_date (date)) == NULL)
    return _mdg_cli_usage (_("--date needs a day such as 2026-11-26"));
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

  _mdg_cli_json_int (builder, "id", mdg_notice_get_id (notice));
  _mdg_cli_json_string (builder, "uuid", mdg_notice_get_uuid (notice));
  _mdg_cli_json_string (builder, "kind", mdg_notice_kind_to_string (mdg_notice_get_kind (notice)));
  _mdg_cli_json_string (builder, "title", mdg_notice_get_title (notice));
  _mdg_cli_json_string (builder, "body", mdg_notice_get_body (notice) ? mdg_notice_get_body (notice) : "");
  _mdg_cli_json_string (builder, "publish_on", day);
  _mdg_cli_json_ids (builder, "items", mdg_notice_get_item_ids (notice));
}

int
_mdg_cli_notice_list (Globals  *globals,
                      int       argc,
                      char    **argv)
{
  g_autofree char *kind_arg = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;
  MdgNoticeKind kind = MDG_NOTICE_KIND_ANY;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "kind", &kind_arg, NULL))
    return status;
  if (kind_arg != NULL && !mdg_notice_kind_from_string (kind_arg, &kind))
    g_assert_not_reached ();
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
_mdg_cli_publish_site (Globals  *globals,
                       int       argc,
                       char    **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *base_url = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "output", &output, "base-url", &base_url, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !mdg_site_export (db, output, base_url, now, &error))
    return _mdg_cli_fail (error);

  g_print (_("Wrote the portal’s pages to %s\n"), output);
  return EXIT_OK;
}
