/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mdg-cli-private.h"
#include "mdg-backup.h"
#include "mdg-database.h"
#include "mdg-demo.h"
#include "mdg-error.h"
#include "mdg-search.h"
#include "mdg-seminar-store.h"

int
_mdg_cli_fail (GError *error)
{
  g_printerr ("madoguchi-cli: %s\n", error->message);
  return EXIT_FAILED;
}

static char *
command_name (const MdgCliCommand *command)
{
  return command->subcommand ? g_strdup_printf ("%s %s", command->name, command->subcommand) : g_strdup (command->name);
}

/* The command being run, for the usage line of a wrong command line. */
static const MdgCliCommand *current_command;

int
_mdg_cli_usage (const char *message)
{
  g_printerr ("madoguchi-cli: %s\n", message);
  if (current_command != NULL)
    {
      g_autofree char *synopsis = _mdg_cli_dup_synopsis (current_command);
      g_autofree char *name = command_name (current_command);

      g_printerr ("%s madoguchi-cli %s\n", _("Usage:"), synopsis);
      g_printerr (_("Run “madoguchi-cli %s --help” for what its options mean."), name);
      g_printerr ("\n");
    }
  else
    g_printerr ("%s\n", _("Run “madoguchi-cli --help” for the list of commands."));
  return EXIT_USAGE;
}

char *
_mdg_cli_database_path (Globals *globals)
{
  return globals->database ? g_strdup (globals->database) : mdg_database_default_path ();
}

static void
waiting_cb (MdgDatabase *db,
            gpointer     user_data)
{
  g_printerr ("%s\n", _("Another Madoguchi window or madoguchi-cli is writing to the database (an import, perhaps): "
                        "waiting for it to finish…"));
}

/* Opens the database for a command: a write waits for another writer and says so. */
static MdgDatabase *
open_database_unverified (Globals  *globals,
                          GError  **error)
{
  g_autofree char *path = _mdg_cli_database_path (globals);
  MdgDatabase *db = mdg_database_open (path, error);

  if (db != NULL)
    g_signal_connect (db, "waiting", G_CALLBACK (waiting_cb), NULL);
  return db;
}

/*
 * Every command first checks every page, so that a damaged database is named as such
 * instead of half-working (about half a second for 100 000 people), then writes the
 * backup of the day when there is none yet.
 */
MdgDatabase *
_mdg_cli_open_database (Globals  *globals,
                        GError  **error)
{
  g_autoptr(MdgDatabase) db = open_database_unverified (globals, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) backup_error = NULL;

  if (db == NULL || !mdg_database_verify (db, NULL, error))
    return NULL;

  if (mdg_database_is_read_only (db))
    g_printerr (_("Note: %s was opened read-only: changes cannot be saved.\n"), mdg_database_get_path (db));

  if (!mdg_database_is_read_only (db) && !mdg_database_is_empty (db) &&
      !mdg_database_backup_daily (db, now, NULL, &backup_error))
    g_printerr (_("Warning: the backup of the day could not be written: %s\n"), backup_error->message);

  return g_steal_pointer (&db);
}

typedef struct
{
  const MdgCliOption *option;
  gpointer            location;
  gboolean            given;
} Binding;

typedef struct
{
  Binding *bindings;
  guint    n_bindings;
} Bindings;

static Binding *
find_binding (Bindings   *bindings,
              const char *option_name)
{
  for (guint i = 0; i < bindings->n_bindings; i++)
    {
      const MdgCliOption *option = bindings->bindings[i].option;

      if ((g_str_has_prefix (option_name, "--") && g_str_equal (option_name + 2, option->name)) ||
          (option->short_name && option_name[0] == '-' && option_name[1] == option->short_name && !option_name[2]))
        return &bindings->bindings[i];
    }
  g_return_val_if_reached (NULL);
}

/* Stores one option's value where the command asked, checked against the values the table lists. */
static gboolean
option_given_cb (const char  *option_name,
                 const char  *value,
                 gpointer     user_data,
                 GError     **error)
{
  Binding *binding = find_binding (user_data, option_name);
  const MdgCliOption *option = binding->option;

  binding->given = TRUE;
  if (option->values && !(option->flags & MDG_CLI_OPEN))
    {
      g_auto(GStrv) values = g_strsplit (option->values, "|", -1);

      if (!g_strv_contains ((const char * const *) values, value))
        {
          g_autofree char *choices = _mdg_cli_join_choices ((const char * const *) values);

          /* Translators: "--format must be csv, list or badges" */
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--%s must be %s"), option->name, choices);
          return FALSE;
        }
    }

  switch (option->value)
    {
    case MDG_CLI_FLAG:
      *(gboolean *) binding->location = TRUE;
      return TRUE;
    case MDG_CLI_STRING:
    case MDG_CLI_FILE:
    case MDG_CLI_FOLDER:
      g_free (*(char **) binding->location);
      *(char **) binding->location = g_strdup (value);
      return TRUE;
    case MDG_CLI_STRINGS:
      {
        char ***strv = binding->location;
        guint n = *strv ? g_strv_length (*strv) : 0;

        *strv = g_renew (char *, *strv, n + 2);
        (*strv)[n] = g_strdup (value);
        (*strv)[n + 1] = NULL;
        return TRUE;
      }
    case MDG_CLI_INT:
    case MDG_CLI_INT64:
      {
        gint64 number;

        if (!g_ascii_string_to_signed (value, 10, option->value == MDG_CLI_INT ? G_MININT : G_MININT64,
                                       option->value == MDG_CLI_INT ? G_MAXINT : G_MAXINT64, &number, NULL))
          {
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--%s needs a whole number, not “%s”"),
                         option->name, value);
            return FALSE;
          }
        if (option->value == MDG_CLI_INT)
          *(int *) binding->location = (int) number;
        else
          *(gint64 *) binding->location = number;
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

/* The options of one group, "--due or --business-days". */
static char *
group_choices (const MdgCliCommand *command,
               const char          *group)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (const MdgCliOption *option = command->options; option->name; option++)
    if (g_strcmp0 (option->group, group) == 0)
      g_ptr_array_add (names, g_strdup_printf ("--%s", option->name));
  g_ptr_array_add (names, NULL);
  return _mdg_cli_join_choices ((const char * const *) names->pdata);
}

/* The options the command requires, and of each group no more than one. */
static char *
check_given (const MdgCliCommand *command,
             Bindings            *bindings)
{
  g_autofree char *name = command_name (command);

  for (guint i = 0; i < bindings->n_bindings; i++)
    {
      const MdgCliOption *option = bindings->bindings[i].option;
      guint given = 0;

      if (option->group == NULL)
        {
          if ((option->flags & MDG_CLI_REQUIRED) && !bindings->bindings[i].given)
            /* Translators: "consultation add needs --channel" */
            return g_strdup_printf (_("%s needs --%s"), name, option->name);
          continue;
        }
      if (i > 0 && g_strcmp0 (bindings->bindings[i - 1].option->group, option->group) == 0)
        continue;
      for (guint j = i; j < bindings->n_bindings && g_strcmp0 (bindings->bindings[j].option->group, option->group) == 0; j++)
        given += bindings->bindings[j].given;
      if (given > 1 || (given == 0 && (option->flags & MDG_CLI_REQUIRED)))
        {
          g_autofree char *choices = group_choices (command, option->group);

          if (given > 1)
            /* Translators: "Give only one of --due or --business-days" */
            return g_strdup_printf (_("Give only one of %s"), choices);
          return g_strdup_printf (_("%s needs %s"), name, choices);
        }
    }
  return NULL;
}

/* A word that is not an option: an argument, a negative number included. */
static gboolean
is_argument (const char *word)
{
  return word[0] != '-' || word[1] == '\0' || g_ascii_isdigit (word[1]);
}

/**
 * _mdg_cli_parse:
 * @globals: the command line, with the command being run
 * @argc: (inout): the command's arguments, its own name first
 * @argv: (inout): the same; the options are taken out
 * @status: (out): the exit status when the command line is wrong
 * @...: for each option of the command in the table, its name and where its value goes
 *   (gboolean *, char **, char ***, int *, gint64 * as the table says), then %NULL
 *
 * Parses the command's options as the command table describes them, and checks its
 * arguments, the options it requires and the values they take. Every option of the
 * command must be given a place: a command that forgets one is a programming error.
 *
 * Returns: %FALSE with @status set when the command line is wrong
 */
gboolean
_mdg_cli_parse (Globals   *globals,
                int       *argc,
                char    ***argv,
                int       *status,
                ...)
{
  const MdgCliCommand *command = globals->command;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autofree Binding *storage = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(GError) error = NULL;
  Bindings bindings = { 0 };
  GOptionGroup *group;
  const char *name;
  guint min, max;
  va_list args;

  g_assert (command != NULL);
  for (const MdgCliOption *option = command->options; option && option->name; option++)
    bindings.n_bindings++;
  storage = g_new0 (Binding, bindings.n_bindings);
  bindings.bindings = storage;
  for (guint i = 0; i < bindings.n_bindings; i++)
    {
      const MdgCliOption *option = &command->options[i];
      GOptionEntry entry = { option->name, option->short_name, 0, G_OPTION_ARG_CALLBACK, option_given_cb, NULL, NULL };

      if (option->value == MDG_CLI_FLAG)
        entry.flags |= G_OPTION_FLAG_NO_ARG;
      if (option->value == MDG_CLI_FILE || option->value == MDG_CLI_FOLDER)
        entry.flags |= G_OPTION_FLAG_FILENAME;
      storage[i].option = option;
      g_array_append_val (entries, entry);
    }

  va_start (args, status);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      gpointer location = va_arg (args, gpointer);
      guint i;

      for (i = 0; i < bindings.n_bindings && !g_str_equal (storage[i].option->name, name); i++)
        ;
      if (i == bindings.n_bindings)
        g_error ("--%s of “%s %s” is not in the command table", name, command->name, command->subcommand);
      storage[i].location = location;
    }
  va_end (args);
  for (guint i = 0; i < bindings.n_bindings; i++)
    if (storage[i].location == NULL)
      g_error ("“%s %s” parses no --%s", command->name, command->subcommand, storage[i].option->name);

  group = g_option_group_new (command->name, NULL, NULL, &bindings, NULL);
  g_option_group_add_entries (group, (GOptionEntry *) (gpointer) entries->data);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, group);
  g_option_context_set_help_enabled (context, FALSE);
  /* Unknown options are found below, so that a negative number stays an argument. */
  g_option_context_set_ignore_unknown_options (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = _mdg_cli_usage (error->message);
      return FALSE;
    }
  for (int i = 1; i < *argc; i++)
    if (!is_argument ((*argv)[i]))
      {
        g_autofree char *message = g_strdup_printf (_("Unknown option %s"), (*argv)[i]);

        *status = _mdg_cli_usage (message);
        return FALSE;
      }

  _mdg_cli_count_arguments (command, &min, &max);
  if ((guint) (*argc - 1) < min || (guint) (*argc - 1) > max)
    {
      g_autofree char *what = command_name (command);

      problem = max == 0 ? g_strdup_printf (_("%s takes no arguments"), what)
                         /* Translators: "attendees import takes SEMINAR FILE" */
                         : g_strdup_printf (_("%s takes %s"), what, command->arguments);
    }
  else
    problem = check_given (command, &bindings);
  if (problem != NULL)
    {
      *status = _mdg_cli_usage (problem);
      return FALSE;
    }
  return TRUE;
}

void
_mdg_cli_print_json_node (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Prints what @builder built. */
void
_mdg_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  _mdg_cli_print_json_node (root);
}

/* Adds @items as an array of objects, each filled by @add_members: a member @name, or the root when %NULL. */
void
_mdg_cli_json_objects (JsonBuilder    *builder,
                       const char     *name,
                       GPtrArray      *items,
                       MdgJsonMembers  add_members)
{
  if (name != NULL)
    json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      json_builder_begin_object (builder);
      add_members (builder, g_ptr_array_index (items, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* Prints @items as a JSON array of objects, each filled by @add_members. */
void
_mdg_cli_print_json_array (GPtrArray      *items,
                           MdgJsonMembers  add_members)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  _mdg_cli_json_objects (builder, NULL, items, add_members);
  _mdg_cli_print_json (builder);
}

/* Prints one object filled by @add_members. */
void
_mdg_cli_print_json_object (gpointer        item,
                            MdgJsonMembers  add_members)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_members (builder, item);
  json_builder_end_object (builder);
  _mdg_cli_print_json (builder);
}

void
_mdg_cli_json_string (JsonBuilder *builder,
                      const char  *name,
                      const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
_mdg_cli_json_int (JsonBuilder *builder,
                   const char  *name,
                   gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* A number, or null when there is none (0 or less). */
void
_mdg_cli_json_id (JsonBuilder *builder,
                  const char  *name,
                  gint64       value)
{
  json_builder_set_member_name (builder, name);
  if (value > 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
_mdg_cli_json_bool (JsonBuilder *builder,
                    const char  *name,
                    gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/* An array of numbers. */
void
_mdg_cli_json_ids (JsonBuilder *builder,
                   const char  *name,
                   GArray      *ids)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
  json_builder_end_array (builder);
}

/* ISO 8601 in local time, or null. */
void
_mdg_cli_json_time (JsonBuilder *builder,
                    const char  *name,
                    GDateTime   *value)
{
  g_autofree char *text = value ? _mdg_cli_iso8601 (value) : NULL;

  _mdg_cli_json_string (builder, name, text);
}

/* Local time, whatever zone @date_time was kept in. */
char *
_mdg_cli_iso8601 (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date_time);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

gboolean
_mdg_cli_parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

int
_mdg_cli_demo (Globals  *globals,
               int       argc,
               char    **argv)
{
  g_autofree char *size = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  MdgDemoSize demo_size = MDG_DEMO_SIZE_SMALL;
  MdgDemoCounts counts;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "size", &size, NULL))
    return status;
  if (g_strcmp0 (size, "large") == 0)
    demo_size = MDG_DEMO_SIZE_LARGE;

  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !mdg_demo_fill (db, demo_size, today, &counts, &error))
    return _mdg_cli_fail (error);

  g_print (_("Added %u seminars, %u organizations, %u people and %u registrations to %s\n"),
           counts.seminars, counts.organizations, counts.people, counts.registrations,
           mdg_database_get_path (db));
  return EXIT_OK;
}

int
_mdg_cli_check (Globals  *globals,
                int       argc,
                char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) damage = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = open_database_unverified (globals, &error)))
    return _mdg_cli_fail (error);

  /* The quick check names damage and how to restore; the full check lists the details. */
  mdg_database_verify (db, NULL, &damage);
  if (!mdg_database_check (db, &problems, &error))
    {
      if (error != NULL)
        return _mdg_cli_fail (error);
      if (damage != NULL)
        g_printerr ("madoguchi-cli: %s\n", damage->message);
      g_printerr (_("%s has problems:\n"), mdg_database_get_path (db));
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("  %s\n", (char *) g_ptr_array_index (problems, i));
      return EXIT_FAILED;
    }

  g_print (_("%s is sound (schema %d)\n"), mdg_database_get_path (db),
           mdg_database_get_schema_version (db));
  return EXIT_OK;
}

static void
add_hit_members (JsonBuilder *builder,
                 gpointer     item)
{
  MdgSearchHit *hit = item;

  _mdg_cli_json_string (builder, "kind", mdg_search_kind_to_string (hit->kind));
  _mdg_cli_json_int (builder, "id", hit->id);
  _mdg_cli_json_string (builder, "title", hit->title);
  _mdg_cli_json_string (builder, "subtitle", hit->subtitle);
}

int
_mdg_cli_search (Globals  *globals,
                 int       argc,
                 char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(hits = mdg_search (db, argv[1], 50, &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      _mdg_cli_print_json_array (hits, add_hit_members);
      return EXIT_OK;
    }

  if (hits->len == 0)
    {
      g_printerr (_("Nothing matches “%s”\n"), argv[1]);
      return EXIT_FAILED;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      MdgSearchHit *hit = g_ptr_array_index (hits, i);

      g_print ("%-12s %6" G_GINT64_FORMAT "  %s%s%s\n", mdg_search_kind_to_string (hit->kind),
               hit->id, hit->title, *hit->subtitle ? " — " : "", hit->subtitle);
    }
  return EXIT_OK;
}

/* The personal-data notice every export that lists people prints. */
void
_mdg_cli_warn_personal_data (const char *path)
{
  g_printerr (_("%s holds personal data: keep it safe and delete it when it is no longer needed.\n"), path);
}

/* "Wrote FILE", with the personal-data notice when it names people. */
void
_mdg_cli_report_written (const char *path,
                         gboolean    personal_data)
{
  if (personal_data)
    _mdg_cli_warn_personal_data (path);
  g_print (_("Wrote %s\n"), path);
}

MdgSeminar *
_mdg_cli_load_seminar_arg (MdgDatabase  *db,
                  const char   *arg,
                  GError      **error)
{
  gint64 id;

  if (!_mdg_cli_parse_id (arg, &id))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("“%s” is not a seminar number"), arg);
      return NULL;
    }
  return mdg_seminar_store_load (db, id, error);
}

/* A day (YYYY-MM-DD, the desk's midnight) or an ISO 8601 time; NULL when it is neither. */
GDateTime *
_mdg_cli_parse_date (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  int year, month, day;
  char end;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3)
    return g_date_time_new (local, year, month, day, 0, 0, 0);
  return g_date_time_new_from_iso8601 (text, local);
}

/* What --help shows: every command, a command's subcommands, or one of them. */
static int
print_help (int    argc,
            char **argv)
{
  const char *name = argc >= 2 && _mdg_cli_is_command (argv[1]) ? argv[1] : NULL;
  const char *subcommand = name && argc >= 3 && _mdg_cli_find_command (name, argv[2]) ? argv[2] : NULL;
  g_autofree char *help = _mdg_cli_dup_help (name, subcommand);

  g_print ("%s", help);
  return EXIT_OK;
}

int
main (int    argc,
      char **argv)
{
  Globals globals = { 0 };
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  gboolean help = FALSE, version = FALSE;
  const MdgCliCommand *command;
  int skip;

  globals.staff = g_getenv ("MADOGUCHI_STAFF");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MADOGUCHI_LOCALEDIR") ? g_getenv ("MADOGUCHI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The global options (mdg_cli_global_options) may stand anywhere, before or after the command. */
  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--database") || g_str_equal (argv[i], "--as"))
        {
          if (i + 1 >= argc)
            return _mdg_cli_usage (g_str_equal (argv[i], "--as") ? _("--as needs a staff member’s name or number")
                                                                 : _("--database needs a file path"));
          if (g_str_equal (argv[i], "--as"))
            globals.staff = argv[++i];
          else
            globals.database = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--database="))
        globals.database = argv[i] + strlen ("--database=");
      else if (g_str_has_prefix (argv[i], "--as="))
        globals.staff = argv[i] + strlen ("--as=");
      else if (g_str_equal (argv[i], "--json"))
        globals.json = TRUE;
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h") || (i == 1 && g_str_equal (argv[i], "help")))
        help = TRUE;
      else if (g_str_equal (argv[i], "--version"))
        version = TRUE;
      else
        g_ptr_array_add (rest, argv[i]);
    }
  g_ptr_array_add (rest, NULL);
  argc = rest->len - 1;
  argv = (char **) rest->pdata;

  if (version)
    {
      g_print ("madoguchi-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (help)
    return print_help (argc, argv);
  if (argc < 2)
    {
      print_help (argc, argv);
      return EXIT_USAGE;
    }

  /* Every command runs through the table: what it lists is what can run. */
  if (!_mdg_cli_is_command (argv[1]))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), argv[1]);
      return _mdg_cli_usage (message);
    }
  skip = _mdg_cli_has_subcommands (argv[1]) ? 2 : 1;
  if (!(command = _mdg_cli_find_command (argv[1], skip == 2 && argc > 2 ? argv[2] : NULL)))
    {
      g_autofree char *subcommands = _mdg_cli_dup_subcommands (argv[1]);
      /* Translators: "seminar needs a subcommand: list, show, add or ics" */
      g_autofree char *message = g_strdup_printf (_("%s needs a subcommand: %s"), argv[1], subcommands);
      return _mdg_cli_usage (message);
    }
  current_command = globals.command = command;
  return command->func (&globals, argc - skip, argv + skip);
}
