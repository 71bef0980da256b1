/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-cli-private.h"
#include "mdg-faq-document.h"
#include "mdg-faq-store.h"
#include "mdg-site-export.h"

/* madoguchi-cli faq add | list | from-consultation | export */

int
_mdg_cli_faq_add (Globals  *globals,
                  int       argc,
                  char    **argv)
{
  g_autofree char *question = NULL;
  g_autofree char *answer = NULL;
  g_auto(GStrv) keys = NULL;
  gboolean published = FALSE;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgFaqEntry) entry = mdg_faq_entry_new ();
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_faq_category_unref);
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "question", &question, "answer", &answer, "category", &keys,
                       "published", &published, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)))
    return _mdg_cli_fail (error);

  for (guint i = 0; keys && keys[i]; i++)
    {
      MdgFaqCategory *category = mdg_faq_store_find_category (db, keys[i], &error);

      if (category == NULL)
        return _mdg_cli_fail (error);
      g_ptr_array_add (categories, category);
    }
  mdg_faq_entry_set_question (entry, question);
  mdg_faq_entry_set_answer (entry, answer);
  mdg_faq_entry_set_published (entry, published);
  mdg_faq_entry_set_categories (entry, categories);
  if (!mdg_faq_store_save (db, entry, &error))
    return _mdg_cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", mdg_faq_entry_get_id (entry));
  return EXIT_OK;
}

static void
add_entry_members (JsonBuilder *builder,
                   MdgFaqEntry *entry)
{
  GPtrArray *categories = mdg_faq_entry_get_categories (entry);

  _mdg_cli_json_int (builder, "id", mdg_faq_entry_get_id (entry));
  _mdg_cli_json_string (builder, "uuid", mdg_faq_entry_get_uuid (entry));
  _mdg_cli_json_string (builder, "question", mdg_faq_entry_get_question (entry));
  _mdg_cli_json_string (builder, "answer", mdg_faq_entry_get_answer (entry) ? mdg_faq_entry_get_answer (entry) : "");
  _mdg_cli_json_bool (builder, "published", mdg_faq_entry_get_published (entry));
  json_builder_set_member_name (builder, "categories");
  json_builder_begin_array (builder);
  for (guint i = 0; i < categories->len; i++)
    json_builder_add_string_value (builder, ((MdgFaqCategory *) g_ptr_array_index (categories, i))->key);
  json_builder_end_array (builder);
  _mdg_cli_json_ids (builder, "consultations", mdg_faq_entry_get_consultation_ids (entry));
  _mdg_cli_json_time (builder, "updated", mdg_faq_entry_get_updated_at (entry));
}

int
_mdg_cli_faq_list (Globals  *globals,
                   int       argc,
                   char    **argv)
{
  g_autofree char *search = NULL;
  gboolean published = FALSE;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "search", &search, "published", &published, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(list = mdg_faq_store_list (db, search, published, &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      _mdg_cli_print_json_array (list, (MdgJsonMembers) add_entry_members);
      return EXIT_OK;
    }
  if (list->len == 0)
    g_print ("%s\n", _("No FAQ entry matches."));
  for (guint i = 0; i < list->len; i++)
    {
      MdgFaqEntry *entry = g_ptr_array_index (list, i);
      GPtrArray *categories = mdg_faq_entry_get_categories (entry);
      g_autoptr(GString) keys = g_string_new (NULL);

      for (guint j = 0; j < categories->len; j++)
        g_string_append_printf (keys, "%s%s", j ? " " : "", ((MdgFaqCategory *) g_ptr_array_index (categories, j))->key);
      g_print ("%5" G_GINT64_FORMAT "  [%s]  %s%s%s%s\n", mdg_faq_entry_get_id (entry),
               mdg_faq_entry_get_published (entry) ? _("published") : _("draft"),
               mdg_faq_entry_get_question (entry), keys->len ? "  [" : "", keys->str, keys->len ? "]" : "");
    }
  return EXIT_OK;
}

int
_mdg_cli_faq_from_consultation (Globals  *globals,
                                int       argc,
                                char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgFaqEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &id))
    return _mdg_cli_usage (_("ID must be a consultation’s number"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(entry = mdg_faq_store_draft_from_consultation (db, id, &error)))
    return _mdg_cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", mdg_faq_entry_get_id (entry));
  g_printerr ("%s\n", _("The draft holds the consultation’s own words: read it over before publishing it."));
  return EXIT_OK;
}

int
_mdg_cli_faq_export (Globals  *globals,
                     int       argc,
                     char    **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  gboolean era = FALSE;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "format", &format, "output", &output, "era", &era, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(g_str_equal (format, "pdf") ? mdg_faq_export_pdf (db, output, era, &error)
                                    : mdg_faq_export_html (db, output, &error)))
    return _mdg_cli_fail (error);

  g_print (_("Wrote the published FAQ to %s\n"), output);
  return EXIT_OK;
}
