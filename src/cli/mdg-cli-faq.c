/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-cli-private.h"
#include "mdg-faq-document.h"
#include "mdg-faq-store.h"
#include "mdg-site-export.h"

/* madoguchi-cli faq add | list | from-consultation | export */

static int
faq_add (Globals  *globals,
         int       argc,
         char    **argv)
{
  g_autofree char *question = NULL;
  g_autofree char *answer = NULL;
  g_auto(GStrv) keys = NULL;
  gboolean published = FALSE;
  GOptionEntry entries[] = {
    { "question", 0, 0, G_OPTION_ARG_STRING, &question, N_("The question, as SMEs ask it"), "Q" },
    { "answer", 0, 0, G_OPTION_ARG_STRING, &answer, N_("The answer (blank lines between paragraphs)"), "A" },
    { "category", 0, 0, G_OPTION_ARG_STRING_ARRAY, &keys, N_("A category key such as M2-04 or T-RANSOM; repeatable"), "KEY" },
    { "published", 0, 0, G_OPTION_ARG_NONE, &published, N_("Publish it on the portal"), NULL },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgFaqEntry) entry = mdg_faq_entry_new ();
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_faq_category_unref);
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || question == NULL)
    return _mdg_cli_usage (_("Usage: madoguchi-cli faq add --question Q --answer A [--category KEY …] [--published]"));
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
  GArray *consultations = mdg_faq_entry_get_consultation_ids (entry);
  g_autoptr(GDateTime) updated = g_date_time_to_local (mdg_faq_entry_get_updated_at (entry));
  g_autofree char *updated_text = _mdg_cli_iso8601 (updated);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, mdg_faq_entry_get_id (entry));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, mdg_faq_entry_get_uuid (entry));
  json_builder_set_member_name (builder, "question");
  json_builder_add_string_value (builder, mdg_faq_entry_get_question (entry));
  json_builder_set_member_name (builder, "answer");
  json_builder_add_string_value (builder, mdg_faq_entry_get_answer (entry) ? mdg_faq_entry_get_answer (entry) : "");
  json_builder_set_member_name (builder, "published");
  json_builder_add_boolean_value (builder, mdg_faq_entry_get_published (entry));
  json_builder_set_member_name (builder, "categories");
  json_builder_begin_array (builder);
  for (guint i = 0; i < categories->len; i++)
    json_builder_add_string_value (builder, ((MdgFaqCategory *) g_ptr_array_index (categories, i))->key);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "consultations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < consultations->len; i++)
    json_builder_add_int_value (builder, g_array_index (consultations, gint64, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, updated_text);
}

static int
faq_list (Globals  *globals,
          int       argc,
          char    **argv)
{
  g_autofree char *search = NULL;
  gboolean published = FALSE;
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only entries with all these words"), "WORDS" },
    { "published", 0, 0, G_OPTION_ARG_NONE, &published, N_("Only published entries"), NULL },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return _mdg_cli_usage (_("Usage: madoguchi-cli faq list [--search WORDS] [--published]"));
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

static int
faq_from_consultation (Globals  *globals,
                       int       argc,
                       char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgFaqEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (argc != 2 || !_mdg_cli_parse_id (argv[1], &id))
    return _mdg_cli_usage (_("Usage: madoguchi-cli faq from-consultation ID"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(entry = mdg_faq_store_draft_from_consultation (db, id, &error)))
    return _mdg_cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", mdg_faq_entry_get_id (entry));
  g_printerr ("%s\n", _("The draft holds the consultation’s own words: read it over before publishing it."));
  return EXIT_OK;
}

static int
faq_export (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  gboolean era = FALSE;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("pdf or html"), "FORMAT" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), "FILE" },
    { "era", 0, 0, G_OPTION_ARG_NONE, &era, N_("Dates with the Japanese era (PDF)"), NULL },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || format == NULL || output == NULL ||
      (!g_str_equal (format, "pdf") && !g_str_equal (format, "html")))
    return _mdg_cli_usage (_("Usage: madoguchi-cli faq export --format pdf|html --output FILE"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(g_str_equal (format, "pdf") ? mdg_faq_export_pdf (db, output, era, &error)
                                    : mdg_faq_export_html (db, output, &error)))
    return _mdg_cli_fail (error);

  g_print (_("Wrote the published FAQ to %s\n"), output);
  return EXIT_OK;
}

int
_mdg_cli_command_faq (Globals  *globals,
                      int       argc,
                      char    **argv)
{
  static const MdgCliSubcommand subcommands[] = {
    { "add", faq_add }, { "list", faq_list }, { "from-consultation", faq_from_consultation },
    { "export", faq_export },
  };

  return _mdg_cli_dispatch (globals, argc, argv, subcommands, G_N_ELEMENTS (subcommands),
                            _("faq needs a subcommand: add, list, from-consultation or export"));
}
